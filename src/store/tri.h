/* tri.h - the trigram index of the stored text (schema 8), for search: which paragraphs hold each
 * three characters. It replaces FTS5's trigram index, whose writer took two thirds of ingest's
 * time on one thread: here the trigrams of a document are found where it is read (a worker thread),
 * gathered in memory by the writer after each commit, and written now and then as a segment, a
 * sorted run of blocks (text_index), in a transaction of its own.
 *
 * A trigram's key is its three code points (ASCII folded to lower case, as search folds it; a byte
 * that is no UTF-8 is a code point of its own past Unicode's) hashed to 32 bits: two trigrams may
 * share a key, which only adds candidates. A segment's blocks hold the keys in order, each with the
 * ids (para_text.id) of the pieces that hold it, ascending; a block is about GR_TRI_BLOCK bytes,
 * ends with its CRC-32, and its row id is its segment << 32 | its first key. Nothing is
 * ever taken out: a piece that goes leaves its ids behind, which name no para_text row again (ids
 * are never given twice, meta 'para_next'), and search checks every candidate for the query
 * itself. A document not yet in any segment is listed in text_unindexed, and search reads its
 * paragraphs directly: after a kill, until the next ingest indexes it (gr_tri_catch_up). */
#ifndef GR_STORE_TRI_H
#define GR_STORE_TRI_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#define GR_TRI_BLOCK 1300

/* A document's trigrams: every distinct (key, piece) of the pieces given, sorted by key, then piece. */
typedef struct {
    uint64_t *v; /* key << 32 | piece */
    size_t n, cap;
} gr_tri_doc;

/* Adds the trigrams of piece number piece, bytes s[0..len). Pieces are given in ascending order.
 * 0, or -1 out of memory. */
int gr_tri_add_piece(gr_tri_doc *d, uint32_t piece, const char *s, size_t len);
/* Sorts and makes distinct what was added. 0, or -1 out of memory. */
int gr_tri_finish(gr_tri_doc *d);
void gr_tri_doc_free(gr_tri_doc *d);

/* The distinct keys of a query's trigrams, sorted, in *keys (malloc'd; *n of them, 0 for fewer than
 * three characters). 0, or -1 out of memory. */
int gr_tri_query_keys(const char *q, size_t len, uint32_t **keys, size_t *n);

/* What the writer gathers between segments: the posting lists of the documents added, by key. */
typedef struct gr_tri_acc gr_tri_acc;
gr_tri_acc *gr_tri_acc_new(void);
void gr_tri_acc_free(gr_tri_acc *a);
/* Adds document doc_id, whose pieces are numbered from first (para_text.id = first + piece). Ids
 * must grow from one document to the next. 0, or -1 out of memory. */
int gr_tri_acc_add(gr_tri_acc *a, long long doc_id, long long first, const gr_tri_doc *d);
/* Forgets what a holds (its documents stay in text_unindexed); ids must still grow. */
void gr_tri_acc_drop(gr_tri_acc *a);
size_t gr_tri_acc_pairs(const gr_tri_acc *a);
size_t gr_tri_acc_docs(const gr_tri_acc *a);
/* Writes what a holds as a new segment and takes its documents off text_unindexed, in the caller's
 * transaction; empties a when that succeeds. SQLite's code: SQLITE_OK, or an error (a kept). */
int gr_tri_acc_write(gr_tri_acc *a, sqlite3 *db);

/* Pairs a segment holds before the writer writes it: about 13 MB of report text, 32 MiB of memory
 * (and as much again while it is sorted). */
#define GR_TRI_SEGMENT_PAIRS ((size_t)4 << 20)

/* The ids of the pieces that hold every key (keys sorted, distinct, nk > 0), ascending, in *ids
 * (malloc'd, *n). SQLite's code: SQLITE_OK, or an error; a damaged block is SQLITE_CORRUPT. */
int gr_tri_lookup(sqlite3 *db, const uint32_t *keys, size_t nk, long long **ids, size_t *n);

/* One block's posting list for key, decoded, as gr_tri_lookup reads it: 1 found (ids in *ids,
 * malloc'd, *n), 0 not there, -1 a damaged block, -2 out of memory. For the fuzz target. */
int gr_tri_block_find(const unsigned char *b, size_t len, uint32_t key, long long **ids, size_t *n);

/* Merges the segments that are not full (fewer than GR_TRI_SEGMENT_PAIRS pairs) into one when there
 * are more than GR_TRI_MAX_PARTIAL of them, in the caller's transaction. SQLite's code. */
#define GR_TRI_MAX_PARTIAL 8
int gr_tri_merge(sqlite3 *db);

/* Indexes every document text_unindexed lists (one stored before a kill, one too large for a
 * worker to index, every one after a migration), with what a holds, writing segments as it fills,
 * in the caller's transaction. *docs: how many. SQLite's code. */
int gr_tri_catch_up(sqlite3 *db, gr_tri_acc *a, size_t *docs);

#endif
