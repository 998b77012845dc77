/* buf.h - growable byte buffers and offset maps, the only containers the library uses.
 *
 * A gr_buf owns its bytes (malloc'd); it is always NUL-terminated once anything was appended, so
 * its bytes can be handed to C string functions. On allocation failure the buffer sets `oom` and
 * ignores every later append: callers check `oom` once at the end instead of after each call.
 */
#ifndef GR_UTIL_BUF_H
#define GR_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct gr_buf {
    char *p;
    size_t len, cap;
    int oom;
} gr_buf;

/* A map from each byte of a text to an offset in the bytes it came from (one entry per byte, plus
 * one for the end). 32 bits suffice: inputs are capped well below 4 GiB (see GR_MAX_INPUT). */
typedef struct gr_map {
    uint32_t *p;
    size_t len, cap;
    int oom;
} gr_map;

/* Makes room for n more bytes (plus the NUL) without changing len; returns 0 or -1 (and sets oom). */
int gr_buf_reserve(gr_buf *b, size_t n);
void gr_buf_add_slow(gr_buf *b, const void *data, size_t n);
/* Appends n bytes. Inline, like gr_buf_adds and gr_buf_addc: the output paths append short
 * pieces, most of them string literals whose length and copy the compiler then works out. */
static inline void gr_buf_add(gr_buf *b, const void *data, size_t n)
{
    if (b->len + n + 1 <= b->cap) {
        if (n)
            memcpy(b->p + b->len, data, n);
        b->len += n;
        b->p[b->len] = 0;
    } else {
        gr_buf_add_slow(b, data, n);
    }
}
void gr_buf_addc_slow(gr_buf *b, char c);
/* One byte; inline because the text layer appends byte by byte. */
static inline void gr_buf_addc(gr_buf *b, char c)
{
    if (b->len + 2 <= b->cap) {
        b->p[b->len++] = c;
        b->p[b->len] = 0;
    } else {
        gr_buf_addc_slow(b, c);
    }
}
static inline void gr_buf_adds(gr_buf *b, const char *s) { gr_buf_add(b, s, strlen(s)); }
void gr_buf_printf(gr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the bytes and leaves the buffer empty; the caller frees the result. */
char *gr_buf_take(gr_buf *b);
void gr_buf_free(gr_buf *b);

void gr_map_add(gr_map *m, uint32_t off, size_t n);
/* Makes room for n more entries; returns 0 or -1 (and sets oom). */
int gr_map_reserve(gr_map *m, size_t n);
/* One entry; inline for the same reason as gr_buf_addc. */
static inline void gr_map_add1(gr_map *m, uint32_t off)
{
    if (m->len < m->cap)
        m->p[m->len++] = off;
    else
        gr_map_add(m, off, 1);
}
void gr_map_free(gr_map *m);

/* Largest input the library accepts, in bytes: the offset maps are 32-bit and every layer is
 * linear in input size, so this bounds time and memory (about 10 bytes of memory per input byte). */
#define GR_MAX_INPUT ((size_t)256 << 20)

#endif
