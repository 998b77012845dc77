/* buf.c - growable byte buffers and offset maps (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap ? *cap : 64;
    while (c < need) {
        if (c > ((size_t)-1) / 4 / elem)
            return -1;
        c *= 2;
    }
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* After a failed allocation every later append is ignored: the inline fast paths see no room
 * (cap 0) and the slow paths see oom. The bytes already there stay allocated until freed. */
static void buf_fail(gr_buf *b)
{
    b->oom = 1;
    b->cap = 0;
}

static void map_fail(gr_map *m)
{
    m->oom = 1;
    m->cap = 0;
}

int gr_buf_reserve(gr_buf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (b->len + n + 1 > b->cap && grow((void **)&b->p, &b->cap, b->len + n + 1, 1)) {
        buf_fail(b);
        return -1;
    }
    return 0;
}

void gr_buf_add_slow(gr_buf *b, const void *data, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap && grow((void **)&b->p, &b->cap, b->len + n + 1, 1)) {
        buf_fail(b);
        return;
    }
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
}

void gr_buf_addc_slow(gr_buf *b, char c) { gr_buf_add_slow(b, &c, 1); }

void gr_buf_printf(gr_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        gr_buf_add(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        buf_fail(b);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    gr_buf_add(b, big, (size_t)n);
    free(big);
}

char *gr_buf_take(gr_buf *b)
{
    char *p = b->p;
    if (!p && !b->oom)
        p = calloc(1, 1);
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

void gr_buf_free(gr_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void gr_map_add(gr_map *m, uint32_t off, size_t n)
{
    if (m->oom)
        return;
    if (m->len + n > m->cap && grow((void **)&m->p, &m->cap, m->len + n, sizeof(uint32_t))) {
        map_fail(m);
        return;
    }
    for (size_t i = 0; i < n; i++)
        m->p[m->len++] = off;
}

int gr_map_reserve(gr_map *m, size_t n)
{
    if (m->oom)
        return -1;
    if (m->len + n > m->cap && grow((void **)&m->p, &m->cap, m->len + n, sizeof(uint32_t))) {
        map_fail(m);
        return -1;
    }
    return 0;
}

void gr_map_free(gr_map *m)
{
    free(m->p);
    m->p = NULL;
    m->len = m->cap = 0;
}

void gr_anchors_add(gr_anchors *m, uint32_t to, uint32_t from)
{
    if (m->oom)
        return;
    if (m->len == m->cap && grow((void **)&m->p, &m->cap, m->len + 1, sizeof *m->p)) {
        m->oom = 1;
        m->cap = 0;
        return;
    }
    m->p[m->len++] = (gr_anchor){to, from};
}

uint32_t gr_anchors_walk(const gr_anchors *m, const char *text, size_t off, size_t *k)
{
    if (!m->len)
        return 0;
    size_t lo = 0, hi = m->len; /* the last anchor with to <= off: p[lo] */
    if (*k < m->len && m->p[*k].to <= off && (*k + 1 == m->len || m->p[*k + 1].to + GR_ANCHOR_BLK > off)) {
        /* from the last answer, when this offset is at most a block past it */
        lo = *k;
        while (lo + 1 < m->len && m->p[lo + 1].to <= off)
            lo++;
        hi = lo + 1;
    } else if (off / GR_ANCHOR_BLK < m->nblk) {
        lo = m->blk[off / GR_ANCHOR_BLK];
        while (lo + 1 < m->len && m->p[lo + 1].to <= off)
            lo++;
        hi = lo + 1;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->p[mid].to <= off)
            lo = mid;
        else
            hi = mid;
    }
    *k = lo;
    const gr_anchor *a = &m->p[lo];
    if (off < a->to)
        return a->from;
    size_t c = off;
    while (c > a->to && ((unsigned char)text[c] & 0xC0) == 0x80)
        c--;
    return a->from + (uint32_t)(c - a->to);
}

int gr_anchors_index(gr_anchors *m, size_t len)
{
    size_t n = len / GR_ANCHOR_BLK + 1;
    free(m->blk);
    m->nblk = 0;
    if (!m->len || !(m->blk = malloc(n * sizeof *m->blk)))
        return m->len ? -1 : 0;
    size_t k = 0;
    for (size_t b = 0; b < n; b++) {
        while (k + 1 < m->len && m->p[k + 1].to <= b * GR_ANCHOR_BLK)
            k++;
        m->blk[b] = (uint32_t)k;
    }
    m->nblk = n;
    return 0;
}

void gr_anchors_free(gr_anchors *m)
{
    free(m->p);
    free(m->blk);
    m->p = NULL;
    m->blk = NULL;
    m->len = m->cap = m->nblk = 0;
}

static void put_varint(gr_buf *b, uint64_t v)
{
    unsigned char t[10];
    size_t k = 0;
    do {
        t[k++] = (unsigned char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
    gr_buf_add(b, t, k);
}

int gr_anchors_pack(const gr_anchors *m, gr_buf *out)
{
    put_varint(out, m->len);
    uint32_t to = 0, from = 0;
    for (size_t i = 0; i < m->len; i++) {
        uint32_t step = m->p[i].to - to;
        int64_t off = (int64_t)m->p[i].from - ((int64_t)from + step);
        put_varint(out, step);
        put_varint(out, off < 0 ? ((uint64_t)(-(off + 1)) << 1) | 1 : (uint64_t)off << 1);
        to = m->p[i].to, from = m->p[i].from;
    }
    return out->oom ? -1 : 0;
}

/* A varint of at most 35 bits at *i (< n); -1 when the bytes end or run on first. */
static int get_varint(const unsigned char *p, size_t n, size_t *i, uint64_t *v)
{
    *v = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (*i >= n)
            return -1;
        unsigned char c = p[(*i)++];
        *v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            return 0;
    }
    return -1;
}

int gr_anchors_unpack(const void *data, size_t n, gr_anchors *m, size_t *err_off)
{
    const unsigned char *p = data;
    size_t i = 0;
    uint64_t count, step, zz;
    gr_anchors_free(m);
    m->oom = 0;
    *err_off = 0;
    if (get_varint(p, n, &i, &count) || count > (n - i) / 2) /* two bytes an anchor at least */
        return *err_off = i, -1;
    if (count && grow((void **)&m->p, &m->cap, count, sizeof *m->p))
        return -2;
    uint64_t to = 0;
    int64_t from = 0;
    for (uint64_t k = 0; k < count; k++) {
        size_t at = i;
        if (get_varint(p, n, &i, &step) || get_varint(p, n, &i, &zz))
            return *err_off = at, gr_anchors_free(m), -1;
        int64_t off = zz & 1 ? -(int64_t)(zz >> 1) - 1 : (int64_t)(zz >> 1);
        to += step;
        from += (int64_t)step + off;
        if (to > UINT32_MAX || from < 0 || from > UINT32_MAX)
            return *err_off = at, gr_anchors_free(m), -1;
        m->p[m->len++] = (gr_anchor){(uint32_t)to, (uint32_t)from};
    }
    if (i != n)
        return *err_off = i, gr_anchors_free(m), -1;
    return 0;
}
