/* fuzz_tri.c - libFuzzer target: the text index (src/store/tri.c). The first byte picks what is fed:
 *   even: texts. The input after it is split at newlines into pieces, indexed as one document and
 *         written as a segment of an in-memory database; then a stretch of one piece (where and how
 *         long: the first byte) is looked up, and, when the text is UTF-8 as the stored text is,
 *         every piece that holds it must be among the ids found (the index may give more, never
 *         fewer). Found ids must be ascending.
 *   odd:  a block as stored. The next four bytes are the key looked for, the rest the block's body,
 *         given its CRC-32 (so the decoder itself is fuzzed) unless the first byte's bit 1 is set
 *         (then the check must refuse what it does not match). Found ids must be ascending. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store/tri.h"
#include "util/utf8.h"

static const char schema[] = "CREATE TABLE text_index(id INTEGER PRIMARY KEY, data BLOB NOT NULL);"
                             "CREATE TABLE text_segments(seg INTEGER PRIMARY KEY, keys INTEGER NOT NULL,"
                             "  pairs INTEGER NOT NULL, bytes INTEGER NOT NULL);"
                             "CREATE TABLE text_unindexed(doc_id INTEGER PRIMARY KEY);"
                             "INSERT INTO text_unindexed VALUES(1);";

/* The bytes of a in b, ASCII folded as the index folds it. */
static int holds(const uint8_t *b, size_t nb, const uint8_t *a, size_t na)
{
    for (size_t i = 0; na && i + na <= nb; i++) {
        size_t k = 0;
        while (k < na) {
            uint8_t x = b[i + k], y = a[k];
            if (x >= 'A' && x <= 'Z')
                x += 32;
            if (y >= 'A' && y <= 'Z')
                y += 32;
            if (x != y)
                break;
            k++;
        }
        if (k == na)
            return 1;
    }
    return 0;
}

static void texts(const uint8_t *data, size_t size)
{
    const uint8_t *s = data + 1;
    size_t n = size - 1;
    /* the pieces: [start, end) of each line */
    size_t starts[256], ends[256], np = 0;
    for (size_t i = 0, b = 0; i <= n && np < 256; i++)
        if (i == n || s[i] == '\n') {
            starts[np] = b, ends[np++] = i;
            b = i + 1;
        }
    gr_tri_doc d = {0};
    for (size_t p = 0; p < np; p++)
        if (gr_tri_add_piece(&d, (uint32_t)p, (const char *)s + starts[p], ends[p] - starts[p]))
            abort();
    if (gr_tri_finish(&d))
        abort();
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
        abort();
    gr_tri_acc *a = gr_tri_acc_new();
    const long long first = 1000; /* para_text ids of the pieces: first + piece */
    if (!a || gr_tri_acc_add(a, 1, first, &d) || gr_tri_acc_write(a, db) != SQLITE_OK)
        abort();
    gr_tri_doc_free(&d);
    /* the query: a stretch of the longest piece */
    size_t best = 0;
    for (size_t p = 1; p < np; p++)
        if (ends[p] - starts[p] > ends[best] - starts[best])
            best = p;
    size_t plen = ends[best] - starts[best];
    if (plen >= 3) {
        size_t qlen = 3 + data[0] / 2 % (plen - 2), at = (data[0] * 7u) % (plen - qlen + 1);
        const uint8_t *t = s + starts[best];
        /* a stretch of whole characters, as a query is: it starts and ends next to no continuation byte */
        while (at < plen && (t[at] & 0xC0) == 0x80)
            at++;
        while (at + qlen < plen && (t[at + qlen] & 0xC0) == 0x80)
            qlen++;
        if (at + qlen > plen)
            qlen = 0;
        const uint8_t *q = t + at;
        uint32_t *keys;
        size_t nk;
        if (!qlen)
            keys = NULL, nk = 0;
        else if (gr_tri_query_keys((const char *)q, qlen, &keys, &nk))
            abort();
        if (nk) {
            long long *ids;
            size_t nid;
            if (gr_tri_lookup(db, keys, nk, &ids, &nid) != SQLITE_OK)
                abort();
            for (size_t k = 1; k < nid; k++)
                if (ids[k] <= ids[k - 1])
                    abort();
            /* the stored text is UTF-8 (search refuses a query that is not): byte for byte a
             * stretch is then the same characters, which the index must not miss */
            int text = gr_utf8_invalid_at(s, n) == n;
            for (size_t p = 0; text && p < np; p++) {
                if (!holds(s + starts[p], ends[p] - starts[p], q, qlen))
                    continue;
                size_t k = 0;
                while (k < nid && ids[k] != first + (long long)p)
                    k++;
                if (k == nid) /* a piece that holds the query and is not found */
                    abort();
            }
            free(ids);
        }
        free(keys);
    }
    gr_tri_acc_free(a);
    sqlite3_close(db);
}

static void block(const uint8_t *data, size_t size)
{
    if (size < 5)
        return;
    uint32_t key = (uint32_t)data[1] | (uint32_t)data[2] << 8 | (uint32_t)data[3] << 16 | (uint32_t)data[4] << 24;
    size_t n = size - 5;
    unsigned char *b = malloc(n + 4);
    if (!b)
        return;
    if (n)
        memcpy(b, data + 5, n);
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), b, (uInt)n);
    if (data[0] & 2) /* a wrong check: refused */
        crc ^= 1u << (data[0] % 32);
    for (int k = 0; k < 4; k++)
        b[n + k] = (unsigned char)(crc >> 8 * k);
    long long *ids = NULL;
    size_t nid = 0;
    int r = gr_tri_block_find(b, n + 4, key, &ids, &nid);
    if ((data[0] & 2) && r != -1)
        abort();
    if (r == 1)
        for (size_t k = 1; k < nid; k++)
            if (ids[k] <= ids[k - 1])
                abort();
    free(ids);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size || size > 65536)
        return 0;
    if (data[0] & 1)
        block(data, size);
    else
        texts(data, size);
    return 0;
}
