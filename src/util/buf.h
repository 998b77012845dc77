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
void gr_map_free(gr_map *m);

/* A sparse offset map, from a text back to the bytes it came from: anchors where the text stops
 * following its source one for one. A character that starts at text offset c, with
 * p[k].to <= c < p[k + 1].to, came from source offset p[k].from + (c - p[k].to); every byte of a
 * character maps to the character's first. A plain UTF-8 report needs an anchor only where the
 * normalizer folded or dropped a character (a full-width comma, a run of blanks), where a byte a
 * byte map would hold four bytes for every byte of text. */
typedef struct gr_anchor {
    uint32_t to, from;
} gr_anchor;
typedef struct gr_anchors {
    gr_anchor *p;
    size_t len, cap;
    int oom;
    uint32_t *blk; /* from gr_anchors_index: the anchor in force at each GR_ANCHOR_BLK-th offset */
    size_t nblk;
} gr_anchors;
#define GR_ANCHOR_BLK 256

void gr_anchors_add(gr_anchors *m, uint32_t to, uint32_t from);
/* Says that the character at text offset to came from source offset from, adding an anchor only
 * when the last one does not imply it already (to never decreases from one call to the next). */
static inline void gr_anchors_put(gr_anchors *m, uint32_t to, uint32_t from)
{
    if (m->len) {
        gr_anchor *l = &m->p[m->len - 1];
        if (l->from + (to - l->to) == from)
            return;
        if (l->to == to) { /* the character at to is placed again: the later word holds */
            l->from = from;
            return;
        }
    }
    gr_anchors_add(m, to, from);
}
/* The source offset of text offset off (text is the mapped text: a byte inside a character steps
 * back to the character's first byte); 0 for an empty map. *k keeps the place of the last answer
 * between calls (start with (size_t)-1): offsets asked in increasing order cost a step or two. */
uint32_t gr_anchors_walk(const gr_anchors *m, const char *text, size_t off, size_t *k);
/* Indexes a finished map of a text of len bytes, so that gr_anchors_walk finds an offset's anchor in
 * a step or two instead of a binary search; 0, or -1 when memory ran out (the map then still
 * works, unindexed). */
int gr_anchors_index(gr_anchors *m, size_t len);
void gr_anchors_free(gr_anchors *m);
/* A finished map as bytes, to be stored beside its text and read back with gr_anchors_unpack: the
 * count of anchors, then for each the step of `to` from the anchor before (from 0 for the first)
 * and how far `from` lies from where the anchor before would put it (zigzag), all LEB128 varints;
 * a plain UTF-8 report's map is a few dozen bytes. Appends to out; 0, or -1 when memory ran out. */
int gr_anchors_pack(const gr_anchors *m, gr_buf *out);
/* Reads n bytes of gr_anchors_pack into m (emptied first; index it with gr_anchors_index). 0; -1
 * when the bytes are no map (cut short, bytes left over, an offset outside 32 bits), with the
 * offset of the fault in *err_off; -2 when memory ran out. */
int gr_anchors_unpack(const void *data, size_t n, gr_anchors *m, size_t *err_off);

/* Largest input the library accepts, in bytes: the offset maps are 32-bit and every layer is
 * linear in input size, so this bounds time and memory (about 3 bytes of memory per input byte
 * for plain text, README "Bad input"). */
#define GR_MAX_INPUT ((size_t)256 << 20)

#endif
