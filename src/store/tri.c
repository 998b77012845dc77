/* tri.c - the trigram index of the stored text: trigrams found by document, gathered by key,
 * written as sorted blocks, read back for search (see tri.h for the layout and why).
 *
 * A block is varint(base) and a run of entries, keys ascending:
 *   varint((key - previous key, 0 before the first) << 1 | (count == 1)) [varint(count) if not 1]
 *   varint(id0 - base) varint(id1 - id0) ... (count of them)
 * base is the segment's first id (0 in a merged one), so that ids take two or three bytes, not four.
 * Varints are LEB128, at most ten bytes. The block ends with the CRC-32 of what comes before it
 * (four bytes, little-endian), checked before anything is read: a damaged block (cut short, bytes
 * changed) is an error, never a key silently missing; every read is bounded by its length. */
#include "tri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---- varints ---- */

static size_t put_varint(unsigned char *o, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        o[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    o[n++] = (unsigned char)v;
    return n;
}

/* Reads a varint at *i of b[0..len); 0, or -1 when it runs past the end or past 64 bits. */
static int get_varint(const unsigned char *b, size_t len, size_t *i, uint64_t *v)
{
    uint64_t r = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (*i >= len)
            return -1;
        unsigned char c = b[(*i)++];
        r |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

/* ---- a block's check ---- */

/* A block is a blob SQLite stores, so its length fits crc32's unsigned int. */
static uint32_t block_crc(const unsigned char *b, size_t len)
{
    return (uint32_t)crc32(crc32(0L, Z_NULL, 0), b, (uInt)len);
}

/* The length of block b[0..len) without its check, or 0 when the check fails (a block holds a
 * base and an entry: more than four bytes). */
static size_t block_body(const unsigned char *b, size_t len)
{
    if (!b || len < 7)
        return 0;
    size_t n = len - 4;
    uint32_t want = (uint32_t)b[n] | (uint32_t)b[n + 1] << 8 | (uint32_t)b[n + 2] << 16 | (uint32_t)b[n + 3] << 24;
    return block_crc(b, n) == want ? n : 0;
}

/* ---- a document's trigrams ---- */

/* The code point at s[*i] (ASCII folded to lower case; a byte that starts no valid UTF-8 sequence
 * is 0x110000 + the byte), moving *i past it. The same for the text and the query. */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c >= 'A' && c <= 'Z' ? c + 32u : c;
    }
    size_t need = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : 0;
    if (c >= 0xF5)
        need = 0;
    uint32_t cp = need == 3 ? c & 0x07u : need == 2 ? c & 0x0Fu : c & 0x1Fu;
    if (!need || *i + need >= len) /* not enough bytes left for the sequence */
        goto bad;
    for (size_t k = 1; k <= need; k++) {
        if ((s[*i + k] & 0xC0) != 0x80)
            goto bad;
        cp = cp << 6 | (s[*i + k] & 0x3Fu);
    }
    *i += need + 1;
    return cp;
bad:
    (*i)++;
    return 0x110000u + c;
}

static int doc_reserve(gr_tri_doc *d, size_t more)
{
    if (d->n + more <= d->cap)
        return 0;
    size_t c = d->cap ? d->cap : 256;
    while (c < d->n + more)
        c *= 2;
    uint64_t *v = realloc(d->v, c * sizeof *v);
    if (!v)
        return -1;
    d->v = v;
    d->cap = c;
    return 0;
}

/* A trigram's key: its three code points (21 bits each) hashed to 32 bits. Two trigrams may share
 * a key; that only makes a candidate more, which the check for the query itself drops, and it keeps
 * the keys short (a few bytes each in a block, four radix passes to sort). */
static uint32_t tri_key(uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t x = ((uint64_t)a << 42 | (uint64_t)b << 21 | c) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 32) ^ (uint32_t)x;
}

int gr_tri_add_piece(gr_tri_doc *d, uint32_t piece, const char *s, size_t len)
{
    if (len < 3)
        return 0;
    if (doc_reserve(d, len)) /* at most one trigram a byte */
        return -1;
    const unsigned char *u = (const unsigned char *)s;
    uint32_t a = 0, b = 0;
    size_t i = 0, seen = 0;
    while (i < len) {
        uint32_t c = next_cp(u, len, &i);
        if (++seen >= 3) {
            d->v[d->n++] = (uint64_t)tri_key(a, b, c) << 32 | piece;
        }
        a = b, b = c;
    }
    return 0;
}

/* LSD radix passes over the bytes of bits [lo, hi) of n values, stable; a byte every value shares is
 * skipped. t: room for n. The result is in v. */
static void lsd(uint64_t *v, size_t n, uint64_t *t, unsigned lo, unsigned hi)
{
    uint64_t or_all = 0, and_all = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++)
        or_all |= v[i], and_all &= v[i];
    uint64_t *src = v, *dst = t;
    for (unsigned shift = lo; shift < hi; shift += 8) {
        if (!(((or_all ^ and_all) >> shift) & 0xFF)) /* every value has the same byte here */
            continue;
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i] >> shift) & 0xFF) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *x = src;
        src = dst, dst = x;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

/* Sorts n pairs (key << 32 | value) by key, keeping the order of equal keys. t: room for n. A large
 * run (a segment's) is cut by the key's top byte first, so that each part is sorted in the cache
 * rather than every pass going over all of memory. */
static void radix_sort(uint64_t *v, size_t n, uint64_t *t)
{
    if (n < 65536) {
        lsd(v, n, t, 32, 64);
        return;
    }
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++)
        count[(v[i] >> 56) + 1]++;
    for (int b = 0; b < 256; b++)
        count[b + 1] += count[b];
    size_t at[256];
    memcpy(at, count, sizeof at);
    for (size_t i = 0; i < n; i++)
        t[at[v[i] >> 56]++] = v[i];
    for (int b = 0; b < 256; b++) { /* part b is t[count[b] .. count[b + 1]) */
        size_t from = count[b], len = count[b + 1] - count[b];
        lsd(t + from, len, v + from, 32, 56);
        memcpy(v + from, t + from, len * sizeof *v);
    }
}

int gr_tri_finish(gr_tri_doc *d)
{
    if (d->n < 2)
        return 0;
    uint64_t *t = malloc(d->n * sizeof *t);
    if (!t)
        return -1;
    radix_sort(d->v, d->n, t); /* pieces were added ascending: they stay so by key */
    free(t);
    size_t o = 1;
    for (size_t i = 1; i < d->n; i++)
        if (d->v[i] != d->v[o - 1])
            d->v[o++] = d->v[i];
    d->n = o;
    return 0;
}

void gr_tri_doc_free(gr_tri_doc *d)
{
    if (!d)
        return;
    free(d->v);
    memset(d, 0, sizeof *d);
}

int gr_tri_query_keys(const char *q, size_t len, uint32_t **keys, size_t *n)
{
    gr_tri_doc d = {0};
    *keys = NULL, *n = 0;
    if (gr_tri_add_piece(&d, 0, q, len) || gr_tri_finish(&d)) {
        gr_tri_doc_free(&d);
        return -1;
    }
    uint32_t *k = malloc((d.n ? d.n : 1) * sizeof *k);
    if (!k) {
        gr_tri_doc_free(&d);
        return -1;
    }
    for (size_t i = 0; i < d.n; i++)
        k[i] = (uint32_t)(d.v[i] >> 32);
    *keys = k, *n = d.n;
    gr_tri_doc_free(&d);
    return 0;
}

/* ---- the writer's gathering ---- */

/* The pairs of the documents added, as they came: each document's sorted by key, its ids above the
 * last one's, so that a stable sort by key (at the write) leaves each key's ids ascending. An id is
 * kept as its distance from base, the first id of the segment. Eight bytes a pair, and as many
 * again while it is sorted: a segment of GR_TRI_SEGMENT_PAIRS is 64 MiB at most. */
struct gr_tri_acc {
    uint64_t *v; /* key << 32 | id - base */
    size_t n, cap;
    long long base, max_id; /* max_id: the largest id added; the next document's must be larger */
    long long *docs;
    size_t ndocs, capdocs;
};

gr_tri_acc *gr_tri_acc_new(void) { return calloc(1, sizeof(gr_tri_acc)); }

void gr_tri_acc_drop(gr_tri_acc *a)
{
    if (a)
        a->n = a->ndocs = 0;
}

void gr_tri_acc_free(gr_tri_acc *a)
{
    if (!a)
        return;
    free(a->v);
    free(a->docs);
    free(a);
}

size_t gr_tri_acc_pairs(const gr_tri_acc *a) { return a ? a->n : 0; }
size_t gr_tri_acc_docs(const gr_tri_acc *a) { return a ? a->ndocs : 0; }

int gr_tri_acc_add(gr_tri_acc *a, long long doc_id, long long first, const gr_tri_doc *d)
{
    if (a->ndocs && first <= a->max_id) /* ids out of order: the caller writes what a holds first */
        return -2;
    if (!a->ndocs)
        a->base = first;
    long long top = first;
    for (size_t i = 0; i < d->n; i++)
        if (first + (uint32_t)d->v[i] > top)
            top = first + (uint32_t)d->v[i];
    if (top - a->base > (long long)UINT32_MAX)
        return -2;
    if (a->n + d->n > a->cap) {
        size_t c = a->cap ? a->cap : 1 << 16;
        while (c < a->n + d->n)
            c *= 2;
        uint64_t *v = realloc(a->v, c * sizeof *v);
        if (!v)
            return -1;
        a->v = v, a->cap = c;
    }
    if (a->ndocs == a->capdocs) {
        size_t c = a->capdocs ? 2 * a->capdocs : 64;
        long long *q = realloc(a->docs, c * sizeof *q);
        if (!q)
            return -1;
        a->docs = q, a->capdocs = c;
    }
    a->docs[a->ndocs++] = doc_id;
    uint32_t delta = (uint32_t)(first - a->base);
    for (size_t i = 0; i < d->n; i++)
        a->v[a->n + i] = d->v[i] + delta; /* the piece's number, low half, becomes its distance from base */
    a->n += d->n;
    /* the next document's pieces come after this one's, even those that hold no trigram */
    a->max_id = top > a->max_id ? top : a->max_id;
    return 0;
}

/* ---- writing a segment ---- */

struct segw {
    sqlite3 *db;
    sqlite3_stmt *ins;
    long long seg;
    uint64_t base; /* every block's first varint: the ids of its entries are counted from it */
    unsigned char *blk;
    size_t len, cap;
    uint32_t first, prev;
    size_t keys, pairs, bytes;
    int rc;
};

static int segw_flush(struct segw *w)
{
    if (!w->len || w->rc != SQLITE_OK)
        return w->rc;
    uint32_t crc = block_crc(w->blk, w->len); /* segw_put leaves room for it */
    for (int k = 0; k < 4; k++)
        w->blk[w->len++] = (unsigned char)(crc >> 8 * k);
    sqlite3_bind_int64(w->ins, 1, w->seg << 32 | w->first);
    sqlite3_bind_blob(w->ins, 2, w->blk, (int)w->len, SQLITE_STATIC);
    int rc = sqlite3_step(w->ins);
    sqlite3_reset(w->ins);
    w->bytes += w->len;
    w->len = 0;
    return w->rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int segw_begin(struct segw *w, sqlite3 *db, uint64_t base)
{
    memset(w, 0, sizeof *w);
    w->db = db;
    w->base = base;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "SELECT coalesce(max(seg), 0) + 1 FROM text_segments", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return w->rc = rc;
    w->seg = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
    sqlite3_finalize(st);
    return w->rc = sqlite3_prepare_v2(db, "INSERT INTO text_index(id, data) VALUES(?,?)", -1, &w->ins, NULL);
}

/* Appends key's posting list: count ids, encoded in bytes[0..nbytes) (the first counted from
 * w->base, each next from the one before); keys ascending. */
static int segw_put(struct segw *w, uint32_t key, uint32_t count, const unsigned char *bytes, size_t nbytes)
{
    if (w->rc != SQLITE_OK)
        return w->rc;
    size_t need = 30 + nbytes; /* two varints, the bytes, the check */
    if (w->len && w->len + need > GR_TRI_BLOCK && segw_flush(w) != SQLITE_OK)
        return w->rc;
    if (w->len + need > w->cap) {
        size_t c = w->cap ? w->cap : GR_TRI_BLOCK * 2;
        while (c < w->len + need)
            c *= 2;
        unsigned char *p = realloc(w->blk, c);
        if (!p)
            return w->rc = SQLITE_NOMEM;
        w->blk = p, w->cap = c;
    }
    if (!w->len) {
        w->first = key, w->prev = 0;
        w->len = put_varint(w->blk, w->base);
    }
    w->len += put_varint(w->blk + w->len, (uint64_t)(key - w->prev) << 1 | (count == 1));
    if (count != 1)
        w->len += put_varint(w->blk + w->len, count);
    memcpy(w->blk + w->len, bytes, nbytes);
    w->len += nbytes;
    w->prev = key;
    w->keys++;
    w->pairs += count;
    return SQLITE_OK;
}

/* Writes the last block and the segment's row; frees what w holds. SQLite's code. */
static int segw_end(struct segw *w)
{
    int rc = segw_flush(w);
    sqlite3_finalize(w->ins);
    free(w->blk);
    if (rc == SQLITE_OK && w->keys) {
        char sql[160];
        snprintf(sql, sizeof sql, "INSERT INTO text_segments(seg, keys, pairs, bytes) VALUES(%lld, %zu, %zu, %zu)", w->seg,
                 w->keys, w->pairs, w->bytes);
        rc = sqlite3_exec(w->db, sql, NULL, NULL, NULL);
    }
    return rc;
}

int gr_tri_acc_write(gr_tri_acc *a, sqlite3 *db)
{
    if (!a->ndocs)
        return SQLITE_OK;
    /* the pairs by key, stably: each key's ids stay ascending */
    uint64_t *t = malloc((a->n ? a->n : 1) * sizeof *t);
    unsigned char *enc = NULL;
    size_t capenc = 0;
    int rc = t ? SQLITE_OK : SQLITE_NOMEM;
    if (rc == SQLITE_OK)
        radix_sort(a->v, a->n, t);
    free(t);
    struct segw w;
    if (rc == SQLITE_OK)
        rc = segw_begin(&w, db, (uint64_t)a->base);
    else
        memset(&w, 0, sizeof w);
    for (size_t i = 0; i < a->n && rc == SQLITE_OK;) {
        size_t j = i + 1;
        uint32_t key = (uint32_t)(a->v[i] >> 32);
        while (j < a->n && (uint32_t)(a->v[j] >> 32) == key)
            j++;
        if ((j - i) * 5 > capenc) {
            size_t c = capenc ? capenc : 4096;
            while (c < (j - i) * 5)
                c *= 2;
            unsigned char *p = realloc(enc, c);
            if (!p) {
                rc = SQLITE_NOMEM;
                break;
            }
            enc = p, capenc = c;
        }
        size_t el = put_varint(enc, (uint32_t)a->v[i]); /* the distance from base, then the gaps */
        for (size_t k = i + 1; k < j; k++)
            el += put_varint(enc + el, (uint32_t)a->v[k] - (uint32_t)a->v[k - 1]);
        rc = segw_put(&w, key, (uint32_t)(j - i), enc, el);
        i = j;
    }
    free(enc);
    if (w.db) {
        int end = segw_end(&w);
        if (rc == SQLITE_OK)
            rc = end;
    }
    sqlite3_stmt *del = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "DELETE FROM text_unindexed WHERE doc_id = ?", -1, &del, NULL);
    for (size_t i = 0; i < a->ndocs && rc == SQLITE_OK; i++) {
        sqlite3_bind_int64(del, 1, a->docs[i]);
        rc = sqlite3_step(del) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(del);
    }
    sqlite3_finalize(del);
    if (rc == SQLITE_OK)
        gr_tri_acc_drop(a);
    return rc;
}

/* ---- reading ---- */

/* Reads (out: into out) or skips (out NULL) count ids at *i of b[0..len): the first is base plus
 * its varint, each next the one before plus its own (more than 0). 0, or -1 damaged. */
static int read_ids(const unsigned char *b, size_t len, size_t *i, uint64_t count, uint64_t base, long long *out)
{
    uint64_t id = base;
    for (uint64_t c = 0; c < count; c++) {
        uint64_t d;
        if (get_varint(b, len, i, &d) || (c && !d) || d > (uint64_t)INT64_MAX - id)
            return -1;
        id += d;
        if (out)
            out[c] = (long long)id;
    }
    return 0;
}

/* Reads the head of the entry at *i: its key (prev + its delta; the first of a block may be
 * prev itself) and its count. 0, or -1 damaged. */
static int read_entry(const unsigned char *b, size_t len, size_t *i, uint64_t prev, int first, uint64_t *key,
                      uint64_t *count)
{
    uint64_t h;
    if (get_varint(b, len, i, &h))
        return -1;
    uint64_t d = h >> 1;
    if ((!first && !d) || d > UINT32_MAX - prev)
        return -1;
    *key = prev + d;
    *count = 1;
    if (!(h & 1) && (get_varint(b, len, i, count) || *count < 2 || *count > len - *i)) /* an id takes a byte or more */
        return -1;
    return 0;
}

int gr_tri_block_find(const unsigned char *b, size_t len, uint32_t key, long long **ids, size_t *n)
{
    *ids = NULL, *n = 0;
    size_t i = 0;
    uint64_t base, k = 0, count;
    if (!(len = block_body(b, len)) || get_varint(b, len, &i, &base) || base > (uint64_t)INT64_MAX)
        return -1;
    for (int first = 1; i < len; first = 0) {
        if (read_entry(b, len, &i, k, first, &k, &count))
            return -1;
        if (k > key)
            return 0;
        if (k < key) {
            if (read_ids(b, len, &i, count, base, NULL))
                return -1;
            continue;
        }
        if (!(*ids = malloc((size_t)count * sizeof **ids)))
            return -2;
        if (read_ids(b, len, &i, count, base, *ids)) {
            free(*ids);
            *ids = NULL;
            return -1;
        }
        *n = (size_t)count;
        return 1;
    }
    return 0;
}

/* a and b sorted ascending: a's ids also in b, kept in a; returns how many */
static size_t intersect(long long *a, size_t na, const long long *b, size_t nb)
{
    size_t i = 0, j = 0, o = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            a[o++] = a[i++], j++;
    }
    return o;
}

static int cmp_ll(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return (a > b) - (a < b);
}

/* Sorts ids and keeps each once; returns how many. */
static size_t sort_unique(long long *ids, size_t n)
{
    qsort(ids, n, sizeof *ids, cmp_ll);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (!o || ids[i] != ids[o - 1])
            ids[o++] = ids[i];
    return o;
}

/* The query's keys that are looked up: all of them, up to 24 spread over the query (the rest are
 * checked with the query itself); more would only cost look-ups. */
#define LOOKUP_KEYS 24

int gr_tri_lookup(sqlite3 *db, const uint32_t *keys, size_t nk, long long **ids, size_t *n)
{
    *ids = NULL, *n = 0;
    uint32_t use[LOOKUP_KEYS];
    size_t nu = nk < LOOKUP_KEYS ? nk : LOOKUP_KEYS;
    for (size_t i = 0; i < nu; i++)
        use[i] = keys[nk <= LOOKUP_KEYS ? i : i * (nk - 1) / (LOOKUP_KEYS - 1)];
    sqlite3_stmt *segs = NULL, *blk = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT seg FROM text_segments ORDER BY seg", -1, &segs, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT data FROM text_index WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC LIMIT 1", -1,
                                &blk, NULL);
    long long *out = NULL, *cur = NULL;
    size_t nout = 0, capout = 0;
    int sorted = 1;
    while (rc == SQLITE_OK && sqlite3_step(segs) == SQLITE_ROW) {
        long long seg = sqlite3_column_int64(segs, 0);
        size_t ncur = 0;
        free(cur);
        cur = NULL;
        for (size_t q = 0; q < nu && rc == SQLITE_OK; q++) {
            sqlite3_bind_int64(blk, 1, seg << 32);
            sqlite3_bind_int64(blk, 2, seg << 32 | use[q]);
            long long *got = NULL;
            size_t ng = 0;
            int f = 0, s = sqlite3_step(blk);
            if (s == SQLITE_ROW)
                f = gr_tri_block_find(sqlite3_column_blob(blk, 0), (size_t)sqlite3_column_bytes(blk, 0), use[q], &got, &ng);
            else if (s != SQLITE_DONE)
                rc = s;
            sqlite3_reset(blk);
            if (f == -1)
                rc = SQLITE_CORRUPT;
            else if (f == -2)
                rc = SQLITE_NOMEM;
            if (rc != SQLITE_OK || f != 1) { /* a key not in this segment: none of its pieces */
                free(got);
                ncur = 0;
                break;
            }
            if (!q) {
                cur = got, ncur = ng;
            } else {
                ncur = intersect(cur, ncur, got, ng);
                free(got);
            }
            if (!ncur)
                break;
        }
        if (rc != SQLITE_OK || !ncur)
            continue;
        if (nout + ncur > capout) {
            size_t c = capout ? capout : 256;
            while (c < nout + ncur)
                c *= 2;
            long long *t = realloc(out, c * sizeof *t);
            if (!t) {
                rc = SQLITE_NOMEM;
                break;
            }
            out = t, capout = c;
        }
        if (nout && cur[0] <= out[nout - 1])
            sorted = 0;
        memcpy(out + nout, cur, ncur * sizeof *cur);
        nout += ncur;
    }
    free(cur);
    sqlite3_finalize(segs);
    sqlite3_finalize(blk);
    if (rc != SQLITE_OK) {
        free(out);
        return rc;
    }
    if (!sorted) /* segments written out of order (two ingests at once) */
        nout = sort_unique(out, nout);
    *ids = out, *n = nout;
    return SQLITE_OK;
}

/* ---- merging segments ---- */

/* A cursor over one segment's entries, in key order: the current entry's key, count, and where
 * its ids are in the current block (b[at..]), counted from base. */
struct cur {
    sqlite3_stmt *st;
    const unsigned char *b;
    size_t len, i, at;
    uint64_t base, key, count;
    int first, done;
};

/* Moves c to its next entry. SQLite's code (SQLITE_CORRUPT for a damaged block). */
static int cur_next(struct cur *c)
{
    while (c->i >= c->len) {
        int s = sqlite3_step(c->st);
        if (s != SQLITE_ROW) {
            c->done = 1;
            return s == SQLITE_DONE ? SQLITE_OK : s;
        }
        c->b = sqlite3_column_blob(c->st, 0);
        c->len = block_body(c->b, (size_t)sqlite3_column_bytes(c->st, 0));
        if (!c->len)
            return SQLITE_CORRUPT;
        c->i = 0;
        c->key = 0;
        c->first = 1;
        if (get_varint(c->b, c->len, &c->i, &c->base) || c->base > (uint64_t)INT64_MAX)
            return SQLITE_CORRUPT;
    }
    if (read_entry(c->b, c->len, &c->i, c->key, c->first, &c->key, &c->count))
        return SQLITE_CORRUPT;
    c->first = 0;
    c->at = c->i;
    return read_ids(c->b, c->len, &c->i, c->count, c->base, NULL) ? SQLITE_CORRUPT : SQLITE_OK;
}

int gr_tri_merge(sqlite3 *db)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "SELECT seg FROM text_segments WHERE pairs < ?1 ORDER BY seg", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)GR_TRI_SEGMENT_PAIRS);
    long long segs[64];
    size_t ns = 0;
    while (ns < 64 && sqlite3_step(st) == SQLITE_ROW)
        segs[ns++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (ns <= GR_TRI_MAX_PARTIAL)
        return SQLITE_OK;
    struct cur c[64];
    memset(c, 0, sizeof c);
    for (size_t i = 0; i < ns && rc == SQLITE_OK; i++) {
        rc = sqlite3_prepare_v2(db, "SELECT data FROM text_index WHERE id >= ?1 AND id < ?1 + 4294967296 ORDER BY id", -1,
                                &c[i].st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(c[i].st, 1, segs[i] << 32);
            rc = cur_next(&c[i]);
        }
    }
    struct segw w;
    if (rc == SQLITE_OK)
        rc = segw_begin(&w, db, 0); /* the ids counted from 0: the merged segments' bases differ */
    else
        memset(&w, 0, sizeof w);
    long long *ids = NULL;
    size_t capids = 0;
    unsigned char *enc = NULL;
    size_t capenc = 0;
    while (rc == SQLITE_OK) {
        int any = 0;
        uint64_t key = 0;
        for (size_t i = 0; i < ns; i++)
            if (!c[i].done && (!any || c[i].key < key))
                key = c[i].key, any = 1;
        if (!any)
            break;
        /* every segment's ids of key, in segment order; sorted when two ingests wrote out of order */
        size_t nid = 0;
        for (size_t i = 0; i < ns && rc == SQLITE_OK; i++) {
            if (c[i].done || c[i].key != key)
                continue;
            if (nid + c[i].count > capids) {
                size_t cap = capids ? capids : 1024;
                while (cap < nid + c[i].count)
                    cap *= 2;
                long long *t = realloc(ids, cap * sizeof *t);
                if (!t) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                ids = t, capids = cap;
            }
            size_t at = c[i].at;
            if (read_ids(c[i].b, c[i].len, &at, c[i].count, c[i].base, ids + nid))
                rc = SQLITE_CORRUPT;
            nid += (size_t)c[i].count;
            if (rc == SQLITE_OK)
                rc = cur_next(&c[i]);
        }
        if (rc != SQLITE_OK)
            break;
        int inorder = 1;
        for (size_t i = 1; i < nid && inorder; i++)
            inorder = ids[i] > ids[i - 1];
        if (!inorder)
            nid = sort_unique(ids, nid);
        if (nid * 10 > capenc) {
            unsigned char *t = realloc(enc, nid * 10);
            if (!t) {
                rc = SQLITE_NOMEM;
                break;
            }
            enc = t, capenc = nid * 10;
        }
        size_t el = 0;
        for (size_t i = 0; i < nid; i++)
            el += put_varint(enc + el, (uint64_t)(ids[i] - (i ? ids[i - 1] : 0)));
        rc = segw_put(&w, (uint32_t)key, (uint32_t)nid, enc, el);
    }
    free(ids);
    free(enc);
    for (size_t i = 0; i < ns; i++)
        sqlite3_finalize(c[i].st);
    if (w.db) {
        int end = segw_end(&w);
        if (rc == SQLITE_OK)
            rc = end;
    }
    for (size_t i = 0; i < ns && rc == SQLITE_OK; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "DELETE FROM text_index WHERE id >= %lld AND id < %lld; DELETE FROM text_segments WHERE seg = %lld",
                 segs[i] << 32, (segs[i] + 1) << 32, segs[i]);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    }
    return rc;
}

/* ---- documents not indexed yet ---- */

int gr_tri_catch_up(sqlite3 *db, gr_tri_acc *a, size_t *docs)
{
    *docs = 0;
    int rc = gr_tri_acc_write(a, db); /* what a holds first: the documents below may come before it */
    sqlite3_stmt *list = NULL, *text = NULL;
    if (rc == SQLITE_OK) /* one whose document is gone has nothing to index (its row goes with the next segment) */
        rc = sqlite3_prepare_v2(db, "SELECT u.doc_id, d.text_first, d.text_pieces FROM text_unindexed u"
                                    " LEFT JOIN documents d ON d.id = u.doc_id ORDER BY d.text_first, u.doc_id",
                                -1, &list, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT t.id, t.text FROM para_text t JOIN paragraphs p ON p.doc_id = t.doc_id"
                                    " AND p.idx = t.idx WHERE t.id >= ?1 AND t.id < ?1 + ?2 AND p.part != 'boilerplate'"
                                    " ORDER BY t.id",
                                -1, &text, NULL);
    /* the list is read whole first: writing a segment takes documents off it */
    long long (*todo)[3] = NULL;
    size_t n = 0, cap = 0;
    while (rc == SQLITE_OK && sqlite3_step(list) == SQLITE_ROW) {
        if (n == cap) {
            size_t c = cap ? 2 * cap : 256;
            long long (*t)[3] = realloc(todo, c * sizeof *t);
            if (!t) {
                rc = SQLITE_NOMEM;
                break;
            }
            todo = t, cap = c;
        }
        todo[n][0] = sqlite3_column_int64(list, 0);
        todo[n][1] = sqlite3_column_type(list, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64(list, 1);
        todo[n++][2] = sqlite3_column_int64(list, 2);
    }
    sqlite3_finalize(list);
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        gr_tri_doc d = {0};
        long long first = todo[i][1] < 0 ? a->max_id + 1 : todo[i][1];
        if (todo[i][1] >= 0) {
            sqlite3_bind_int64(text, 1, todo[i][1]);
            sqlite3_bind_int64(text, 2, todo[i][2]);
            int s;
            while ((s = sqlite3_step(text)) == SQLITE_ROW)
                if (gr_tri_add_piece(&d, (uint32_t)(sqlite3_column_int64(text, 0) - first),
                                     (const char *)sqlite3_column_text(text, 1), (size_t)sqlite3_column_bytes(text, 1))) {
                    rc = SQLITE_NOMEM;
                    break;
                }
            if (s != SQLITE_DONE && s != SQLITE_ROW)
                rc = s;
            sqlite3_reset(text);
        }
        if (rc == SQLITE_OK && gr_tri_finish(&d))
            rc = SQLITE_NOMEM;
        int r = rc == SQLITE_OK ? gr_tri_acc_add(a, todo[i][0], first, &d) : 0;
        if (r == -2) /* before what a holds: that is written first */
            r = (rc = gr_tri_acc_write(a, db)) == SQLITE_OK ? gr_tri_acc_add(a, todo[i][0], first, &d) : 0;
        if (r)
            rc = SQLITE_NOMEM;
        gr_tri_doc_free(&d);
        if (rc == SQLITE_OK && a->n >= GR_TRI_SEGMENT_PAIRS)
            rc = gr_tri_acc_write(a, db);
        if (rc == SQLITE_OK)
            (*docs)++;
    }
    free(todo);
    sqlite3_finalize(text);
    if (rc == SQLITE_OK)
        rc = gr_tri_acc_write(a, db);
    return rc;
}
