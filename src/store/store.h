/* store.h - the store layer's private state: a SQLite connection and its prepared statements.
 * Includes the facts layer and everything before it, through the public header. */
#ifndef GR_STORE_STORE_H
#define GR_STORE_STORE_H

#include <sqlite3.h>

#include "govreport.h"
#include "tri.h"
#include "../util/buf.h"

/* The schema version this build writes; see db.c for each version's migration. */
#define GR_SCHEMA_VERSION 9

/* The SQL of a document's whole normalized text (its para_text pieces and tails in order), for
 * the documents row of alias D. */
#define GR_DOC_TEXT(D) "coalesce((SELECT group_concat(text || coalesce(tail, ''), '') FROM (SELECT text, tail FROM para_text" \
                       " WHERE id >= " D ".text_first" \
                       " AND id < " D ".text_first + " D ".text_pieces ORDER BY id)), '')"
/* The SQL of the sentence of the facts row of alias F: its bytes in its paragraph's text. */
#define GR_FACT_SENTENCE(F) "(SELECT CAST(substr(CAST(t.text AS BLOB), " F ".sent_start - p.start + 1, " F ".sent_end - " \
                            F ".sent_start) AS TEXT) FROM documents dd JOIN paragraphs p ON p.doc_id = dd.id AND p.idx = " \
                            F ".para JOIN para_text t ON t.id = dd.text_first + " F ".para WHERE dd.id = " F ".doc_id)"
/* Which facts may stand for a region and year, and which of them does (facts.pick): results from
 * the report that reviews the year, targets from the one that plans it, no multi-year figure; the
 * latest report first, then a growth stated as a percentage over one stated otherwise, then the
 * first stated (reports give the headline figure first, then breakdowns). For facts f, documents d. */
#define GR_PICK_WHERE "f.indicator IS NOT NULL AND f.period_start IS NULL" \
                      " AND ((f.role = 'actual' AND d.review_year = f.year) OR (f.role = 'target' AND d.plan_year = f.year))"
#define GR_PICK_ORDER "d.meeting_date DESC, d.id DESC, f.kind = 'growth' AND f.unit <> '%', f.id"

/* A statement run again and again (the viewer's on every request, ingest's for every report),
 * prepared once per connection in db->kept[slot] and kept: reset, its bindings cleared; NULL (db->err
 * set) when it cannot be prepared. Parsing them again each time took a sixth of a page's time and a
 * seventh of ingest's writer. gr_db_let_go hands one back, holding nothing. */
sqlite3_stmt *gr_db_kept(gr_db *db, int slot, const char *what, const char *sql);
void gr_db_let_go(sqlite3_stmt *st);

/* Registers the SQL functions the store's queries use (gr_hits, query.c) on a connection. */
int gr_store_functions(sqlite3 *db);

/* Bumped whenever extraction changes what it produces; stored with every document. */
#define GR_EXTRACTOR_VERSION GR_VERSION "+2"

/* Statements the viewer runs on every request, prepared once per connection (browse.c). */
enum { GR_STMT_STATS, GR_STMT_REPORTS_LATEST, GR_STMT_REPORTS_BY_REGION, GR_STMT_REGIONS, GR_STMT_REPORT,
       GR_STMT_REPORT_ID, GR_STMT_PARAGRAPHS, GR_STMT_FACTS, GR_STMT_COMMENTS, GR_STMT_INDICATORS,
       GR_STMT_ALTERNATES, GR_STMT_FIGURES,
       /* and those ingest runs for every report (db.c) */
       GR_STMT_W_DOCUMENT, GR_STMT_W_SOURCE, GR_STMT_W_MAP, GR_STMT_W_MAP_TRIM, GR_STMT_W_TEXT_NEXT, GR_STMT_W_TEXT, GR_STMT_W_TEXT_SPAN, GR_STMT_W_PARA_NEXT,
       GR_STMT_W_PARAGRAPH, GR_STMT_W_UNINDEXED, GR_STMT_W_FACT, GR_STMT_W_PICK_DOC, GR_STMT_W_PICK_CODE,
       GR_STMT_W_PICK_NAME, GR_STMT_W_SHA, GR_STMT_W_SAME_CODE, GR_STMT_W_SAME_NAME, GR_STMT_W_ALTERNATE,
       GR_STMT_W_OTHERS_CODE, GR_STMT_W_OTHERS_NAME, GR_STMT_R_PIECES, GR_STMT_R_MAP, GR_NSTMT };

/* A stored document of the open transaction: where its text is numbered from, and its trigrams
 * (found by whoever read it; none when it was too large: the index catches up with it later). */
struct gr_pend {
    long long doc_id, first;
    int folded; /* a later input of the batch replaced it: nothing to index */
    int has_tri;
    gr_tri_doc tri;
};

struct gr_db {
    sqlite3 *db;
    int readonly;
    char err[512];
    char *stored_as; /* the file of the document the last input was an alternate source of */
    gr_keep keep;    /* how the original bytes are kept (gr_db_keep_sources) */
    size_t batch_docs; /* gr_db_batch: inputs a transaction may hold (0: one each) */
    unsigned batch_ms; /* and how long it may stay open */
    int in_tx;         /* a batch's transaction is open */
    size_t tx_docs;    /* inputs stored in it */
    double tx_t0;      /* when it began (ms, monotonic) */
    struct gr_pend *pend; /* documents stored since the last commit: their trigrams go to acc once
                           * it succeeds (the index never holds what a rollback undid) */
    size_t npend, cappend;
    size_t pend_folded;   /* 1 + the entry the current input folded, to be put back if it fails */
    gr_tri_acc *acc;      /* trigrams of committed documents not yet written as a segment */
    struct gr_ckpt *ckpt; /* while batching: the thread that checkpoints the WAL (db.c) */
    sqlite3_stmt *kept[GR_NSTMT];
};

/* Sets db->err from SQLite's message with a prefix; returns GR_EINPUT. */
gr_status gr_db_fail(gr_db *db, const char *what);
/* Steps st to its end, calling fn with each row; finalizes st. */
gr_status gr_db_rows(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx);
/* The same for a statement kept for reuse: resets it and clears its bindings instead. */
gr_status gr_db_rows_kept(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx);
/* Resolves a region given as a six-digit code or a name (浙江省, 浙江) to its code in buf (7 bytes);
 * returns buf, or NULL when it names no division. */
const char *gr_db_region_code(gr_db *db, const char *region, char *buf);
/* A stored report read again as at ingest, from the row st (a statement of db) is on, whose columns
 * from col on are GR_SOURCE_COLS: from its stored text and the map back to its input (text_maps),
 * with no input read again; or, for a document stored before schema 9, from its original bytes.
 * As gr_doc_parse_with. *from_text (when not NULL) says which; *same_text (when not NULL), for a
 * document read from its input, whether its text is the stored text still (its map may be kept). */
gr_status gr_db_parse_stored(gr_db *db, sqlite3_stmt *st, int col, const char *file, gr_doc **out, int *from_text,
                             int *same_text, char *err, size_t errlen);
/* The columns gr_db_parse_stored reads, from documents d, sources s and text_maps m (joined as
 * GR_SOURCE_JOIN), in its order: the source (read only when there is no map), the three hints, the
 * source's codec, path and SHA-256, then whether there is a map (its document's id, or NULL), the
 * format, the encoding and where the text is. */
#define GR_SOURCE_COLS                                                                                 \
    "CASE WHEN m.doc_id IS NULL THEN s.source END, d.hint_region, d.hint_year, d.hint_part, s.codec, s.path," \
    " d.sha256, m.doc_id, d.format, d.encoding, d.text_first, d.text_pieces"
#define GR_SOURCE_JOIN " JOIN sources s ON s.doc_id = d.id LEFT JOIN text_maps m ON m.doc_id = d.id AND m.part = 0 "
/* The original bytes of a stored source (codec raw, deflate or path, the file then read again and
 * checked against sha): *out malloc'd. GR_EINPUT with the reason in err when they cannot be had. */
gr_status gr_db_unpack_source(const void *blob, size_t n, const char *codec, const char *path, const char *sha,
                              void **out, size_t *len, char *err, size_t errlen);


#endif
