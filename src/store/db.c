/* db.c - the corpus database: opening, the versioned schema and its migrations, ingesting a
 * report (under a savepoint, in batched transactions; keyed by the SHA-256 of its bytes; read and
 * made ready apart, for worker threads: gr_db_prepare), re-extracting stored sources,
 * and read-only queries.
 *
 * SQLite in WAL mode: readers (panel, search, the viewer) never block the one writer, and a
 * writer killed mid-document leaves the database as of its last commit.
 */
#define _GNU_SOURCE /* memmem (util/str.h), strdup */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <zlib.h>
#include <zstd.h>


#include "../doc/region.h"
#include "../fact/fact.h"
#include "../util/buf.h"
#include "../util/sha.h"
#include "../util/str.h"

static int commit_batch(gr_db *db, size_t *lost);
static void write_segment(gr_db *db);
static void pend_drop(gr_db *db, size_t k);
static void ckpt_stop(gr_db *db);

/* Schema version 1. Every table is documented in the README ("The database"). */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE regions(code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,"
    "  province_code TEXT, city_code TEXT);"
    "CREATE INDEX regions_name ON regions(name);"
    "CREATE TABLE indicators(id TEXT PRIMARY KEY, name TEXT NOT NULL, unit_family TEXT);"
    "CREATE TABLE indicator_names(name TEXT PRIMARY KEY, indicator TEXT NOT NULL REFERENCES indicators(id));"
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file TEXT NOT NULL,"
    "  format TEXT, encoding TEXT, title TEXT, region TEXT,"
    "  region_code TEXT REFERENCES regions(code), level TEXT, meeting_date TEXT, review_year INTEGER,"
    "  plan_year INTEGER, speaker TEXT, speaker_title TEXT, extractor_version TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL DEFAULT (datetime('now')));"
    "CREATE INDEX documents_region ON documents(region_code, plan_year);"
    /* the bytes live apart from the metadata, so that queries over documents never page through them */
    "CREATE TABLE sources(doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
    "  source BLOB NOT NULL, text TEXT NOT NULL);"
    "CREATE TABLE paragraphs(doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL, part TEXT NOT NULL, heading INTEGER NOT NULL, section INTEGER,"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, src_start INTEGER NOT NULL, src_end INTEGER NOT NULL,"
    "  PRIMARY KEY(doc_id, idx)) WITHOUT ROWID;"
    "CREATE TABLE facts(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id)"
    "  ON DELETE CASCADE, metric TEXT NOT NULL, indicator TEXT, kind TEXT NOT NULL, value REAL NOT NULL,"
    "  high REAL, unit TEXT NOT NULL, base_value REAL, base_unit TEXT, role TEXT NOT NULL,"
    "  approx TEXT NOT NULL, year INTEGER, period_start INTEGER, basis TEXT, estimate INTEGER NOT NULL,"
    "  sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, para INTEGER NOT NULL);"
    "CREATE INDEX facts_doc ON facts(doc_id);"
    /* covers every column a panel or targets query reads, so they never read the wide rows */
    "CREATE INDEX facts_indicator ON facts(indicator, kind, role, year, period_start, doc_id, unit, value,"
    "  high, base_value, base_unit, approx, metric);"
    "CREATE VIRTUAL TABLE text_fts USING fts5(text, doc_id UNINDEXED, para UNINDEXED, tokenize='trigram');";

/* Version 2: where each fact's number stands in the normalized text (for the viewer's highlights;
 * facts stored by version 1 have NULL there until `govreport ingest --reextract`), and readers'
 * comments on a report or one of its figures. */
static const char schema_v2[] =
    "ALTER TABLE facts ADD COLUMN text_start INTEGER;"
    "ALTER TABLE facts ADD COLUMN text_end INTEGER;"
    "CREATE TABLE comments(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id)"
    "  ON DELETE CASCADE, fact_id INTEGER, fact_label TEXT, name TEXT NOT NULL, body TEXT NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (datetime('now')));"
    "CREATE INDEX comments_doc ON comments(doc_id, id);";

/* Version 3: where each document's region and years came from (the meeting line, the body, the
 * file's name, the user's option), and what the user said of the text at ingest (--region,
 * --year, --part, or a --hints file), so that --reextract reads it the same way. */
static const char schema_v3[] =
    "ALTER TABLE documents ADD COLUMN region_source TEXT;"
    "ALTER TABLE documents ADD COLUMN years_source TEXT;"
    "ALTER TABLE documents ADD COLUMN hint_region TEXT;"
    "ALTER TABLE documents ADD COLUMN hint_year INTEGER;"
    "ALTER TABLE documents ADD COLUMN hint_part TEXT;";

/* Version 4: one report, one document. The same region and plan year from another file (the .docx
 * of a stored .txt, a second scrape) is kept as an alternate source of the document stored first:
 * its bytes, name and format, and whether its text is the document's. A region without a division
 * code is matched by its name. Copies stored before are folded
 * the same way (the first stored stays; their readers' comments move to it, off any one figure). */
static const char schema_v4[] =
    "CREATE TABLE alternates(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id)"
    "  ON DELETE CASCADE, sha256 TEXT NOT NULL UNIQUE, file TEXT NOT NULL, format TEXT, encoding TEXT,"
    "  chars INTEGER NOT NULL, same_text INTEGER NOT NULL, source BLOB NOT NULL,"
    "  ingested_at TEXT NOT NULL DEFAULT (datetime('now')));"
    "CREATE INDEX alternates_doc ON alternates(doc_id);"
    "CREATE TEMP TABLE fold AS SELECT d.id AS id, (SELECT min(k.id) FROM documents k WHERE k.plan_year = d.plan_year"
    "  AND (k.region_code = d.region_code OR (k.region_code IS NULL AND d.region_code IS NULL AND k.region = d.region)))"
    "  AS keep FROM documents d WHERE (d.region_code IS NOT NULL OR d.region IS NOT NULL) AND d.plan_year IS NOT NULL;"
    "DELETE FROM fold WHERE id = keep;"
    "INSERT INTO alternates(doc_id, sha256, file, format, encoding, chars, same_text, source, ingested_at)"
    "  SELECT f.keep, d.sha256, d.file, d.format, d.encoding, length(s.text), s.text = ks.text, s.source,"
    "  d.ingested_at FROM fold f JOIN documents d ON d.id = f.id JOIN sources s ON s.doc_id = d.id"
    "  JOIN sources ks ON ks.doc_id = f.keep;"
    "UPDATE comments SET fact_id = NULL, doc_id = (SELECT keep FROM fold WHERE fold.id = comments.doc_id)"
    "  WHERE doc_id IN (SELECT id FROM fold);"
    "DELETE FROM text_fts WHERE doc_id IN (SELECT id FROM fold);"
    "DELETE FROM facts WHERE doc_id IN (SELECT id FROM fold);"
    "DELETE FROM paragraphs WHERE doc_id IN (SELECT id FROM fold);"
    "DELETE FROM sources WHERE doc_id IN (SELECT id FROM fold);"
    "DELETE FROM documents WHERE id IN (SELECT id FROM fold);"
    "DROP TABLE fold;";

/* Version 5: the rule of the extractor that made each fact (extract --explain; facts stored before
 * have NULL there until govreport ingest --reextract). */
static const char schema_v5[] = "ALTER TABLE facts ADD COLUMN rule TEXT;";

/* Version 6: a comment on a figure names it by where its number stands in the document's text
 * (fact_at, a byte offset), which a re-extraction keeps; fact_id changes with every one. */
static const char schema_v6[] =
    "ALTER TABLE comments ADD COLUMN fact_at INTEGER;"
    "UPDATE comments SET fact_at = (SELECT f.text_start FROM facts f WHERE f.id = comments.fact_id)"
    "  WHERE fact_id IS NOT NULL;";

/* Version 7: one copy of the text. The normalized text is kept by paragraph in para_text (each
 * paragraph's bytes, and in tail what comes before the next, a '\n' most often; a document's text is
 * its pieces and their tails in order: rows
 * text_first to text_first + text_pieces - 1 of its documents row, numbered on from the last
 * document's, as the index likes them), and the trigram index reads its text from there
 * (FTS5 external content) instead of keeping a copy of its own; sources loses its copy of the text
 * and keeps the original bytes compressed (codec 'deflate'), as they were ('raw'), or only the
 * file's path ('path', ingest --keep-sources=path). document_text gives a document's whole text.
 * The pieces of the documents stored before are cut by migrate_v7_text, between the two halves. */
static const char schema_v7_before[] =
    "CREATE TABLE para_text(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,"
    "  tail TEXT);"
    "ALTER TABLE documents ADD COLUMN text_first INTEGER;"
    "ALTER TABLE documents ADD COLUMN text_pieces INTEGER;";
static const char schema_v7[] =
    "DROP TABLE text_fts;"
    "CREATE VIRTUAL TABLE text_fts USING fts5(text, content='para_text', content_rowid='id', tokenize='trigram',"
    "  detail=none);"
    "INSERT INTO text_fts(rowid, text) SELECT t.id, t.text FROM para_text t JOIN paragraphs p"
    "  ON p.doc_id = t.doc_id AND p.idx = t.idx WHERE p.part != 'boilerplate' ORDER BY t.id;"
    "INSERT INTO text_fts(text_fts) VALUES('optimize');"
    "CREATE TABLE sources_v7(doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
    "  source BLOB NOT NULL, codec TEXT NOT NULL DEFAULT 'raw', path TEXT);"
    "INSERT INTO sources_v7(doc_id, source) SELECT doc_id, source FROM sources;"
    "DROP TABLE sources;"
    "ALTER TABLE sources_v7 RENAME TO sources;"
    "ALTER TABLE alternates ADD COLUMN codec TEXT NOT NULL DEFAULT 'raw';"
    "ALTER TABLE alternates ADD COLUMN path TEXT;"
    "CREATE VIEW document_text(doc_id, text) AS SELECT d.id, " GR_DOC_TEXT("d") " FROM documents d;"
    "CREATE INDEX documents_file ON documents(file);" /* targets finds a report's plan by its file */
    /* a fact's sentence by its offsets in the text (found in its paragraph for facts stored before) */
    "ALTER TABLE facts ADD COLUMN sent_start INTEGER;"
    "ALTER TABLE facts ADD COLUMN sent_end INTEGER;"
    "UPDATE facts SET sent_start = (SELECT p.start + nullif(instr(CAST(t.text AS BLOB), CAST(facts.sentence AS BLOB)), 0) - 1"
    "  FROM documents d JOIN paragraphs p ON p.doc_id = d.id AND p.idx = facts.para"
    "  JOIN para_text t ON t.id = d.text_first + facts.para WHERE d.id = facts.doc_id);"
    "UPDATE facts SET sent_end = sent_start + length(CAST(sentence AS BLOB));"
    "ALTER TABLE facts DROP COLUMN sentence;"
    "CREATE VIEW fact_sentences(fact_id, sentence) AS SELECT f.id, " GR_FACT_SENTENCE("f") " FROM facts f;";

/* Version 8: an index of our own (tri.h) instead of FTS5's: its blocks in text_index, a row per
 * segment in text_segments, and in text_unindexed the documents no segment holds yet (all of them
 * here: the migration indexes them, gr_tri_catch_up). meta 'para_next' is the next para_text id,
 * never given twice, so that ids left in the index by a piece that went name nothing again. */
static const char schema_v8[] =
    "DROP TABLE text_fts;"
    "CREATE TABLE text_index(id INTEGER PRIMARY KEY, data BLOB NOT NULL);" /* id: segment << 32 | first key */
    "CREATE TABLE text_segments(seg INTEGER PRIMARY KEY, keys INTEGER NOT NULL, pairs INTEGER NOT NULL,"
    "  bytes INTEGER NOT NULL);"
    "CREATE TABLE text_unindexed(doc_id INTEGER PRIMARY KEY);"
    "INSERT INTO text_unindexed SELECT id FROM documents;"
    "INSERT OR REPLACE INTO meta VALUES('para_next', (SELECT coalesce(max(id), 0) + 1 FROM para_text));"
    /* and the fact that stands for each region, year, indicator, kind and role (panel, targets) is
     * marked when it is stored (repick), not ranked again at every query */
    "ALTER TABLE facts ADD COLUMN pick INTEGER NOT NULL DEFAULT 0;"
    /* the panel's covering index holds the marked facts only (about one in seven); the rest are
     * found by indicator alone (counts, the viewer's names of a figure) */
    "DROP INDEX facts_indicator;"
    "CREATE INDEX facts_indicator ON facts(indicator);"
    "CREATE INDEX facts_picked ON facts(indicator, kind, role, year, doc_id, unit, value, high, base_value, base_unit,"
    "  approx, metric) WHERE pick = 1;"
    "UPDATE facts SET pick = 1 WHERE id IN (SELECT id FROM (SELECT f.id, row_number() OVER (PARTITION BY"
    "  f.indicator, f.kind, f.role, coalesce(d.region_code, d.region), f.year ORDER BY " GR_PICK_ORDER ") AS rn"
    "  FROM facts f JOIN documents d ON d.id = f.doc_id WHERE " GR_PICK_WHERE ") WHERE rn = 1);";

/* Version 9: the map from each document's text back to the bytes it was read from (gr_doc_pack_map),
 * so that --reextract reads the stored text instead of the input, in pieces of MAP_PIECE bytes
 * (part 0, 1, ...): a row of more than about a thousand bytes would take a page of its own for the
 * rest. Documents stored before have none until their first re-extraction, from their input,
 * writes it. */
static const char schema_v9[] =
    "CREATE TABLE text_maps(doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, part INTEGER NOT NULL,"
    "  map BLOB NOT NULL, PRIMARY KEY(doc_id, part)) WITHOUT ROWID;";
#define MAP_PIECE 900

/* Migrations: migrations[v] takes a database at version v to v + 1. Version 0 is an empty file. */
static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4, schema_v5, schema_v6, schema_v7,
                                         schema_v8, schema_v9};

/* GR_ESTORE for a fault of the storage, not of the input (no later input will fare better). */
static gr_status fault(int sqlite_code)
{
    switch (sqlite_code & 0xFF) {
    case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR: case SQLITE_CORRUPT: case SQLITE_NOTADB:
    case SQLITE_CANTOPEN:
        return GR_ESTORE;
    }
    return GR_EINPUT;
}

gr_status gr_db_fail(gr_db *db, const char *what)
{
    snprintf(db->err, sizeof db->err, "%s: %s", what, db->db ? sqlite3_errmsg(db->db) : "no database");
    return db->db ? fault(sqlite3_errcode(db->db)) : GR_EINPUT;
}

/* Puts "prefix: " before the message in db->err (truncating at the end if need be). */
static void prefix_err(gr_db *db, const char *prefix)
{
    char m[sizeof db->err];
    memcpy(m, db->err, sizeof m);
    size_t k = strlen(prefix);
    if (k > sizeof db->err / 2)
        k = sizeof db->err / 2;
    memcpy(db->err, prefix, k);
    memcpy(db->err + k, ": ", 2);
    size_t rest = sizeof db->err - k - 3, ml = strlen(m);
    memcpy(db->err + k + 2, m, ml < rest ? ml : rest);
    db->err[k + 2 + (ml < rest ? ml : rest)] = 0;
}

static int exec(gr_db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(db->err, sizeof db->err, "%s", msg ? msg : sqlite3_errmsg(db->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Rolls back the transaction a failure left open, keeping the failure's message: a ROLLBACK with
 * no transaction (SQLite ends one itself on a full disk) said "cannot rollback - no transaction is
 * active" instead of "database or disk is full". */
static void rollback(gr_db *db, const char *to)
{
    if (sqlite3_get_autocommit(db->db))
        return;
    char keep[sizeof db->err];
    memcpy(keep, db->err, sizeof keep);
    exec(db, to ? to : "ROLLBACK");
    memcpy(db->err, keep, sizeof keep);
}

gr_status gr_db_read_begin(gr_db *db)
{
    return sqlite3_get_autocommit(db->db) && exec(db, "BEGIN") ? gr_db_fail(db, "read") : GR_OK;
}

void gr_db_read_end(gr_db *db)
{
    if (!sqlite3_get_autocommit(db->db))
        exec(db, "COMMIT");
}

static int user_version(gr_db *db, int *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* Fills the reference tables from the tables compiled in (GB/T 2260 divisions, indicators). */
static int fill_reference(gr_db *db)
{
    sqlite3_stmt *st = NULL;
    int ok = 0;
    if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO regions VALUES(?,?,?,?,?)", -1, &st, NULL))
        return -1;
    for (unsigned i = 0; i < gr_nregions; i++) {
        const gr_region *r = &gr_regions[i];
        sqlite3_bind_text(st, 1, r->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, gr_level_name(r->level), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, r->province_code[0] ? r->province_code : NULL, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, r->city_code[0] ? r->city_code : NULL, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto done;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO indicators VALUES(?,?,?)", -1, &st, NULL))
        return -1;
    for (unsigned i = 0; i < gr_nindicators; i++) {
        sqlite3_bind_text(st, 1, gr_indicators[i].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, gr_indicators[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, gr_indicators[i].family, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto done;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO indicator_names VALUES(?,?)", -1, &st, NULL))
        return -1;
    for (unsigned i = 0; i < gr_nindicator_names; i++) {
        sqlite3_bind_text(st, 1, gr_indicator_names[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, gr_indicator_names[i].id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto done;
        sqlite3_reset(st);
    }
    ok = 1;
done:
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

sqlite3_stmt *gr_db_kept(gr_db *db, int slot, const char *what, const char *sql)
{
    if (!db->kept[slot] &&
        sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &db->kept[slot], NULL) != SQLITE_OK) {
        gr_db_fail(db, what);
        return NULL;
    }
    sqlite3_reset(db->kept[slot]);
    sqlite3_clear_bindings(db->kept[slot]);
    return db->kept[slot];
}

void gr_db_let_go(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

/* Where piece i of a text of len bytes stands (see store_text): its bytes [from, end), its tail
 * [end, to). */
static void piece_bounds(const size_t *starts, const size_t *ends, size_t n, size_t len, size_t i, size_t *from,
                         size_t *end, size_t *to)
{
    *from = i ? starts[i] : 0, *to = i + 1 < n ? starts[i + 1] : len, *end = n ? ends[i] : len;
    if (*end < *from || *end > *to) /* offsets out of order: the whole piece, no tail */
        *end = *to;
}

/* Stores a document's normalized text by paragraph (para_text; see schema_v7): piece i is paragraph
 * i (from the text's start for the first) and its tail what follows it up to the next one (to the
 * text's end for the last). starts[i] and ends[i] are the paragraphs' offsets, n of them; a text of
 * no paragraph is one piece. The pieces are numbered on from the last stored, and the document row
 * says where they are. */
static int store_text(gr_db *db, long long doc_id, const char *text, size_t len, const size_t *starts,
                      const size_t *ends, size_t n, long long *first_out)
{
    sqlite3_stmt *st;
    long long first = 1;
    if (!(st = gr_db_kept(db, GR_STMT_W_TEXT_NEXT, "numbering the text",
                    "SELECT max(coalesce((SELECT max(id) FROM para_text), 0) + 1,"
                    " coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'para_next'), 0))")))
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        first = sqlite3_column_int64(st, 0);
    gr_db_let_go(st);
    if (!(st = gr_db_kept(db, GR_STMT_W_TEXT, "preparing the text",
                    "INSERT INTO para_text(id, doc_id, idx, text, tail) VALUES(?,?,?,?,?)")))
        return -1;
    size_t pieces = n ? n : 1;
    for (size_t i = 0; i < pieces; i++) {
        size_t from, end, to;
        piece_bounds(starts, ends, n, len, i, &from, &end, &to);
        sqlite3_bind_int64(st, 1, first + (long long)i);
        sqlite3_bind_int64(st, 2, doc_id);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
        sqlite3_bind_text64(st, 4, text + from, end - from, SQLITE_STATIC, SQLITE_UTF8);
        if (to > end)
            sqlite3_bind_text64(st, 5, text + end, to - end, SQLITE_STATIC, SQLITE_UTF8);
        else
            sqlite3_bind_null(st, 5);
        if (sqlite3_step(st) != SQLITE_DONE) {
            gr_db_fail(db, "storing the text");
            gr_db_let_go(st);
            return -1;
        }
        sqlite3_reset(st);
    }
    gr_db_let_go(st);
    if (first_out)
        *first_out = first;
    if (!(st = gr_db_kept(db, GR_STMT_W_TEXT_SPAN, "storing the text",
                    "UPDATE documents SET text_first = ?1, text_pieces = ?2 WHERE id = ?3")))
        return -1;
    sqlite3_bind_int64(st, 1, first);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)pieces);
    sqlite3_bind_int64(st, 3, doc_id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : (gr_db_fail(db, "storing the text"), -1);
    gr_db_let_go(st);
    if (rc || !(st = gr_db_kept(db, GR_STMT_W_PARA_NEXT, "storing the text",
                          "INSERT OR REPLACE INTO meta VALUES('para_next', ?1)")))
        return -1;
    sqlite3_bind_int64(st, 1, first + (long long)pieces);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : (gr_db_fail(db, "storing the text"), -1);
    gr_db_let_go(st);
    return rc;
}

/* A source's original bytes as they will be stored: compressed with zstd at its fastest level
 * (codec 'zstd': about 0.45 of the size on the synthetic reports, as deflate's fastest level gives
 * 0.47, at about four times its speed; deflate was about 30% of a worker's time in ingest), or
 * with deflate ('deflate', deflate set: schema 7's migration, whose test reads them back with
 * Python's zlib), as they are when that saves nothing ('raw'), or, under GR_KEEP_PATH, only the
 * file's absolute path (read from standard input, there is none: then a copy). Thread-safe. 0, or
 * -1 out of memory. */
struct packed {
    void *blob; /* malloc'd, or NULL: the input's bytes themselves */
    size_t len;
    const char *codec;
    char *path;
    void *map; /* the text's map back to them (pack_map), malloc'd; NULL: not made */
    size_t maplen;
};

static int pack_source(gr_keep keep, const char *file, const void *data, size_t len, int deflate, struct packed *pk)
{
    memset(pk, 0, sizeof *pk);
    if (keep == GR_KEEP_PATH && file && strcmp(file, "-") && (pk->path = realpath(file, NULL))) {
        pk->codec = "path";
        return 0;
    }
    size_t n = deflate ? (size_t)compressBound((uLong)len) : ZSTD_compressBound(len);
    void *z = malloc(n ? n : 1);
    if (!z)
        return -1;
    int ok;
    if (deflate) {
        uLongf zn = (uLongf)n;
        ok = compress2(z, &zn, data, (uLong)len, Z_BEST_SPEED) == Z_OK;
        n = zn;
    } else {
        n = ZSTD_compress(z, n, data, len, 1);
        ok = !ZSTD_isError(n);
    }
    if (ok && n < len) {
        pk->blob = z, pk->len = n, pk->codec = deflate ? "deflate" : "zstd";
    } else {
        free(z);
        pk->len = len, pk->codec = "raw";
    }
    return 0;
}

/* Schema 7's compression of the original bytes stored before, a row at a time: table's rows whose
 * codec is 'raw' (key: its key column) become 'deflate' where that is smaller. */
static int deflate_raw(gr_db *db, const char *table, const char *key)
{
    char sql[160];
    sqlite3_stmt *rows, *put;
    snprintf(sql, sizeof sql, "SELECT %s, source FROM %s WHERE codec = 'raw'", key, table);
    if (sqlite3_prepare_v2(db->db, sql, -1, &rows, NULL) != SQLITE_OK)
        return gr_db_fail(db, "compressing the sources"), -1;
    snprintf(sql, sizeof sql, "UPDATE %s SET source = ?2, codec = 'deflate' WHERE %s = ?1", table, key);
    if (sqlite3_prepare_v2(db->db, sql, -1, &put, NULL) != SQLITE_OK) {
        sqlite3_finalize(rows);
        return gr_db_fail(db, "compressing the sources"), -1;
    }
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(rows)) == SQLITE_ROW) {
        struct packed pk;
        if (pack_source(GR_KEEP_COPY, NULL, sqlite3_column_blob(rows, 1), (size_t)sqlite3_column_bytes(rows, 1), 1, &pk)) {
            snprintf(db->err, sizeof db->err, "out of memory while compressing the sources");
            rc = -1;
            break;
        }
        if (pk.blob) { /* deflated (raw: compressing saved nothing, left as it is) */
            sqlite3_bind_int64(put, 1, sqlite3_column_int64(rows, 0));
            sqlite3_bind_blob64(put, 2, pk.blob, pk.len, SQLITE_STATIC);
            if (sqlite3_step(put) != SQLITE_DONE)
                rc = (gr_db_fail(db, "compressing the sources"), -1);
            sqlite3_reset(put);
        }
        free(pk.blob);
    }
    if (!rc && step != SQLITE_DONE)
        rc = (gr_db_fail(db, "compressing the sources"), -1);
    sqlite3_finalize(put);
    sqlite3_finalize(rows);
    return rc;
}

/* Schema 7's cut of the text of every document stored before into para_text, one document at a time. */
static int migrate_v7_text(gr_db *db)
{
    sqlite3_stmt *docs, *paras;
    if (sqlite3_prepare_v2(db->db, "SELECT doc_id, text FROM sources ORDER BY doc_id", -1, &docs, NULL) != SQLITE_OK)
        return gr_db_fail(db, "migrating the text"), -1;
    if (sqlite3_prepare_v2(db->db, "SELECT start, end FROM paragraphs WHERE doc_id = ? ORDER BY idx", -1, &paras, NULL) !=
        SQLITE_OK) {
        sqlite3_finalize(docs);
        return gr_db_fail(db, "migrating the text"), -1;
    }
    size_t *starts = NULL, *ends = NULL, cap = 0;
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(docs)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(docs, 0);
        const char *text = (const char *)sqlite3_column_text(docs, 1);
        size_t len = (size_t)sqlite3_column_bytes(docs, 1), n = 0;
        sqlite3_bind_int64(paras, 1, id);
        while (sqlite3_step(paras) == SQLITE_ROW) {
            if (n == cap) {
                size_t c = cap ? 2 * cap : 256, *q = realloc(starts, c * sizeof *q), *e = q ? realloc(ends, c * sizeof *e) : NULL;
                if (q)
                    starts = q;
                if (e)
                    ends = e;
                if (!q || !e) {
                    rc = -1;
                    snprintf(db->err, sizeof db->err, "out of memory while migrating the text");
                    break;
                }
                cap = c;
            }
            size_t at = (size_t)sqlite3_column_int64(paras, 0), to = (size_t)sqlite3_column_int64(paras, 1);
            starts[n] = at <= len ? at : len;
            ends[n++] = to <= len ? to : len;
        }
        sqlite3_reset(paras);
        if (!rc)
            rc = store_text(db, id, text ? text : "", len, starts, ends, n, NULL);
    }
    if (!rc && step != SQLITE_DONE)
        rc = (gr_db_fail(db, "migrating the text"), -1);
    free(starts);
    free(ends);
    sqlite3_finalize(paras);
    sqlite3_finalize(docs);
    return rc;
}

static int migrate(gr_db *db)
{
    int v;
    if (user_version(db, &v))
        return -1;
    if (v < 0) { /* no govreport writes one: a crafted or damaged file (migrations[v] would read before the table) */
        snprintf(db->err, sizeof db->err, "the database has schema version %d, which no govreport writes: not a govreport "
                 "database, or a damaged one", v);
        return -1;
    }
    if (v > GR_SCHEMA_VERSION) {
        snprintf(db->err, sizeof db->err,
                 "the database has schema version %d, newer than this govreport (%d): upgrade govreport", v,
                 GR_SCHEMA_VERSION);
        return -1;
    }
    if (v == 0) { /* a new file must be empty: never take over someone else's database */
        sqlite3_stmt *st;
        int n = 0;
        if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                n = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
        }
        if (n > 0) {
            snprintf(db->err, sizeof db->err, "a SQLite database that govreport did not create (no schema version)");
            return -1;
        }
    }
    if (v == GR_SCHEMA_VERSION)
        return 0;
    if (db->readonly) {
        snprintf(db->err, sizeof db->err, "the database needs migrating from schema %d to %d: run govreport ingest on it first",
                 v, GR_SCHEMA_VERSION);
        return -1;
    }
    if (exec(db, "BEGIN IMMEDIATE"))
        return -1;
    /* read again under the write lock: another ingest may have migrated the file meanwhile */
    if (user_version(db, &v) || v < 0 || v > GR_SCHEMA_VERSION)
        goto fail;
    if (v == GR_SCHEMA_VERSION)
        return exec(db, "COMMIT") ? (rollback(db, NULL), -1) : 0;
    int from = v;
    for (; v < GR_SCHEMA_VERSION; v++) {
        char sql[64];
        if (v == 6 && (exec(db, schema_v7_before) || migrate_v7_text(db)))
            goto fail;
        if (exec(db, migrations[v]) || (v == 6 && (deflate_raw(db, "sources", "doc_id") || deflate_raw(db, "alternates", "id"))))
            goto fail;
        if (v == 7) { /* the text indexed anew, by our index */
            gr_tri_acc *acc = gr_tri_acc_new();
            size_t docs;
            int rc = acc ? gr_tri_catch_up(db->db, acc, &docs) : SQLITE_NOMEM;
            gr_tri_acc_free(acc);
            if (rc != SQLITE_OK) {
                gr_db_fail(db, "indexing the text");
                goto fail;
            }
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
        if (exec(db, sql))
            goto fail;
    }
    if (fill_reference(db) || exec(db, "INSERT OR REPLACE INTO meta VALUES('created_by','govreport " GR_VERSION "')") ||
        exec(db, "COMMIT"))
        goto fail;
    /* version 7 dropped the copies of the text, version 8 FTS5's index: give their pages back
     * (once; a failure loses nothing) */
    if (from > 0 && from < 8)
        exec(db, "VACUUM");
    return 0;
fail:
    rollback(db, NULL);
    return -1;
}

void gr_db_threads_init(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

gr_status gr_db_open(const char *path, int readonly, gr_db **out)
{
    gr_db *db = calloc(1, sizeof *db);
    if (out)
        *out = db;
    if (!db)
        return GR_ENOMEM;
    db->readonly = readonly;
    if (gr_sha_load(db->err, sizeof db->err)) /* the store keys files by their SHA-256 */
        return GR_ESTORE;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(db->err, sizeof db->err, "%s: cannot open: %s", path, db->db ? sqlite3_errmsg(db->db) : "out of memory");
        return GR_EINPUT;
    }
    sqlite3_busy_timeout(db->db, 10000);
    sqlite3_extended_result_codes(db->db, 1);
    /* touching the schema finds a file that is no database, or a corrupt one */
    if (readonly && exec(db, "SELECT count(*) FROM sqlite_schema") &&
        ((sqlite3_errcode(db->db) & 0xFF) == SQLITE_CANTOPEN || (sqlite3_errcode(db->db) & 0xFF) == SQLITE_READONLY) &&
        access(path, W_OK)) {
        /* a WAL database on read-only media, or another user's (this process may not make or write its
         * shared-memory file: "attempt to write a readonly database"): this process cannot change the
         * file, and its owner's ingest leaves it checkpointed, so SQLite may read it as immutable */
        char uri[4200];
        size_t k = (size_t)snprintf(uri, sizeof uri, "file:");
        for (const char *p = path; *p && k + 4 < sizeof uri; p++)
            k += (size_t)(strchr("?#%", *p) ? snprintf(uri + k, sizeof uri - k, "%%%02X", (unsigned char)*p)
                                            : snprintf(uri + k, sizeof uri - k, "%c", *p));
        snprintf(uri + k, sizeof uri - k, "?immutable=1");
        sqlite3_close(db->db);
        db->db = NULL;
        if (sqlite3_open_v2(uri, &db->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
            snprintf(db->err, sizeof db->err, "%s: cannot open: %s", path, db->db ? sqlite3_errmsg(db->db) : "out of memory");
            return GR_EINPUT;
        }
    }
    if (gr_store_functions(db->db) != SQLITE_OK) {
        snprintf(db->err, sizeof db->err, "%s: out of memory", path);
        return GR_ENOMEM;
    }
    if (exec(db, "PRAGMA foreign_keys=ON") || exec(db, "SELECT count(*) FROM sqlite_schema")) {
        int code = sqlite3_errcode(db->db) & 0xFF;
        if (!readonly && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) && access(path, W_OK)) {
            /* a file this process cannot write, or a read-only file system: say so, not "unusable" */
            snprintf(db->err, sizeof db->err, "%s: cannot write to it (%s): reading commands work, ingest needs to write",
                     path, strerror(errno));
            return GR_ESTORE;
        }
        prefix_err(db, "not a usable govreport database");
        prefix_err(db, path);
        return GR_EINPUT;
    }
    /* pages freed (the index merged after a bulk load, documents folded) can be given back to the
     * file system: set on a new file (or by the VACUUM after a migration), a no-op on others */
    if (!readonly)
        exec(db, "PRAGMA auto_vacuum=INCREMENTAL");
    /* a fresh file turned to WAL by two ingests at once: the second gets SQLITE_BUSY at once (the
     * busy handler is not called for it), so it waits and tries again */
    int wal = readonly ? 0 : exec(db, "PRAGMA journal_mode=WAL");
    for (int tries = 0; wal && (sqlite3_errcode(db->db) & 0xFF) == SQLITE_BUSY && tries < 200; tries++) {
        sqlite3_sleep(50);
        wal = exec(db, "PRAGMA journal_mode=WAL");
    }
    if (wal || migrate(db)) {
        prefix_err(db, path);
        return GR_EINPUT;
    }
    if (readonly)
        exec(db, "PRAGMA query_only=1");
    return GR_OK;
}

const char *gr_db_error(const gr_db *db) { return db ? db->err : "out of memory"; }

void gr_db_close(gr_db *db)
{
    if (!db)
        return;
    if (db->in_tx) /* a batch left open: what it holds was stored, so it is kept */
        commit_batch(db, NULL);
    write_segment(db);
    ckpt_stop(db);
    gr_tri_acc_free(db->acc);
    pend_drop(db, 0);
    for (int i = 0; i < GR_NSTMT; i++)
        sqlite3_finalize(db->kept[i]);
    sqlite3_close(db->db);
    free(db->stored_as);
    free(db->pend);
    free(db);
}

static void sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    gr_sha256(data, len, md);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_opt_int(sqlite3_stmt *st, int i, int v)
{
    if (v)
        sqlite3_bind_int(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

struct fact_rows {
    gr_db *db;
    sqlite3_stmt *st;
    long long doc_id;
    const gr_doc *doc;
    long n;    /* stored so far */
    int error; /* a statement failed: db->err says which */
    const unsigned char *pick; /* facts.pick of each fact of the one batch, or NULL (all 0, repick after) */
};

/* Stores one batch of a document's facts (gr_fact_each). */
static int insert_batch(const gr_facts *fs, void *arg)
{
    struct fact_rows *r = arg;
    sqlite3_stmt *st = r->st;
    for (size_t i = 0; i < gr_facts_count(fs); i++) {
        const gr_fact *f = gr_facts_get(fs, i);
        const gr_span *sp = gr_doc_sentence(r->doc, f->sentence);
        sqlite3_bind_int64(st, 1, r->doc_id);
        sqlite3_bind_text(st, 2, f->metric, -1, SQLITE_STATIC);
        bind_opt_text(st, 3, f->indicator);
        sqlite3_bind_text(st, 4, gr_kind_name(f->kind), -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 5, f->value);
        if (f->has_high)
            sqlite3_bind_double(st, 6, f->high);
        else
            sqlite3_bind_null(st, 6);
        sqlite3_bind_text(st, 7, f->unit, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 8, f->base_value);
        sqlite3_bind_text(st, 9, f->base_unit, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 10, f->target ? "target" : "actual", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 11, gr_approx_name(f->approx), -1, SQLITE_STATIC);
        bind_opt_int(st, 12, f->year);
        bind_opt_int(st, 13, f->period_start);
        bind_opt_text(st, 14, f->basis);
        sqlite3_bind_int(st, 15, f->estimate);
        sqlite3_bind_int64(st, 16, (sqlite3_int64)sp->start);
        sqlite3_bind_int64(st, 23, (sqlite3_int64)(sp->start + sp->len));
        sqlite3_bind_int64(st, 17, (sqlite3_int64)gr_doc_source_offset(r->doc, f->num_start));
        sqlite3_bind_int64(st, 18, (sqlite3_int64)gr_doc_source_offset(r->doc, f->num_start + f->num_len));
        sqlite3_bind_int64(st, 19, (sqlite3_int64)sp->para);
        sqlite3_bind_int64(st, 20, (sqlite3_int64)f->num_start);
        sqlite3_bind_int64(st, 21, (sqlite3_int64)(f->num_start + f->num_len));
        bind_opt_text(st, 22, f->rule);
        sqlite3_bind_int(st, 24, r->pick ? r->pick[i] : 0);
        if (sqlite3_step(st) != SQLITE_DONE) {
            gr_db_fail(r->db, "storing a fact");
            r->error = 1;
            return 1;
        }
        sqlite3_reset(st);
        r->n++;
    }
    return 0;
}

/* Marks again which facts stand for the region and years of document doc_id (facts.pick): the
 * first by GR_PICK_ORDER among the facts of every document of its region that reviews its review
 * year (results) or plans its plan year (targets). After its facts are stored, replaced or folded
 * away; the documents of its region are found by documents_region, so the cost is the few
 * documents of those years, not the library. 0 or -1. */
static int repick(gr_db *db, const char *region_code, const char *region, int review_year, int plan_year)
{
    if (!region_code && !region)
        return 0;
#define REPICK(REGION)                                                                                  \
    "WITH c AS (SELECT f.id, row_number() OVER (PARTITION BY f.indicator, f.kind, f.role, f.year ORDER BY " \
    GR_PICK_ORDER ") AS rn FROM documents d JOIN facts f ON f.doc_id = d.id"                              \
    " WHERE " REGION " AND (d.review_year = ?2 OR d.plan_year = ?3) AND " GR_PICK_WHERE                 \
    " AND ((f.role = 'actual' AND f.year = ?2) OR (f.role = 'target' AND f.year = ?3)))"                 \
    " UPDATE facts SET pick = (c.rn = 1) FROM c WHERE facts.id = c.id AND facts.pick <> (c.rn = 1)"
    const char *sql = region_code ? REPICK("d.region_code = ?1") : REPICK("d.region_code IS NULL AND d.region = ?1");
#undef REPICK
    sqlite3_stmt *st = gr_db_kept(db, region_code ? GR_STMT_W_PICK_CODE : GR_STMT_W_PICK_NAME, "marking the facts that stand", sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, region_code ? region_code : region, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, review_year);
    sqlite3_bind_int(st, 3, plan_year);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : (gr_db_fail(db, "marking the facts that stand"), -1);
    gr_db_let_go(st);
    return rc;
}

/* repick for the region and years of a stored document. */
static int repick_doc(gr_db *db, long long doc_id)
{
    sqlite3_stmt *st = gr_db_kept(db, GR_STMT_W_PICK_DOC, "marking the facts that stand",
                            "SELECT region_code, region, review_year, plan_year FROM documents WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, doc_id);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = repick(db, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                    sqlite3_column_int(st, 2), sqlite3_column_int(st, 3));
    gr_db_let_go(st);
    return rc;
}

/* Inserts the facts of doc for doc_id, a batch at a time; returns the count or -1. */
/* Whether another stored document than doc_id stands for the region and years of doc (one that
 * reviews its review year or plans its plan year): 1, 0, or -1. Without one, the facts that stand
 * are found among doc's own (own_picks), not by repick. */
static int others_stand(gr_db *db, long long doc_id, const gr_doc *doc)
{
    const gr_meta *m = gr_doc_meta(doc);
    if (!m->region_code && !m->region)
        return 0;
    sqlite3_stmt *st = gr_db_kept(db, m->region_code ? GR_STMT_W_OTHERS_CODE : GR_STMT_W_OTHERS_NAME, "marking the facts that stand",
                            m->region_code ? "SELECT 1 FROM documents WHERE region_code = ?1 AND id <> ?2"
                                             " AND (review_year = ?3 OR plan_year = ?4) LIMIT 1"
                                           : "SELECT 1 FROM documents WHERE region_code IS NULL AND region = ?1"
                                             " AND id <> ?2 AND (review_year = ?3 OR plan_year = ?4) LIMIT 1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, m->region_code ? m->region_code : m->region, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, doc_id);
    bind_opt_int(st, 3, m->review_year);
    bind_opt_int(st, 4, m->plan_year);
    int rc = sqlite3_step(st);
    gr_db_let_go(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : (gr_db_fail(db, "marking the facts that stand"), -1);
}

/* GR_PICK_ORDER's third key, as SQLite orders it: f.kind = 'growth' AND f.unit <> '%' (NULL, for
 * a growth of no unit, first). */
static int pick_key(const gr_fact *f)
{
    if (f->kind != GR_KIND_GROWTH)
        return 0;
    return !f->unit ? -1 : strcmp(f->unit, "%") != 0;
}

/* facts.pick of each fact of one document that no other stands beside (others_stand 0): in each
 * (indicator, kind, role, year) that GR_PICK_WHERE admits, the first by GR_PICK_ORDER — the same
 * marks repick gives, found before the facts are stored instead of updated after. */
static void own_picks(const gr_doc *doc, const gr_facts *fs, unsigned char *pick)
{
    const gr_meta *m = gr_doc_meta(doc);
    size_t n = gr_facts_count(fs);
    for (size_t i = 0; i < n; i++) {
        const gr_fact *f = gr_facts_get(fs, i);
        pick[i] = 0;
        if (!f->indicator || f->period_start || !f->year ||
            f->year != (f->target ? m->plan_year : m->review_year))
            continue;
        pick[i] = 1; /* unless an earlier fact of its partition goes first */
        for (size_t k = 0; k < i; k++) {
            const gr_fact *g = gr_facts_get(fs, k);
            if (!pick[k] || g->kind != f->kind || g->target != f->target || g->year != f->year ||
                strcmp(g->indicator, f->indicator))
                continue;
            if (pick_key(f) < pick_key(g)) /* f goes first: g no longer stands */
                pick[k] = 0;
            else
                pick[i] = 0;
            break;
        }
    }
}

static long insert_facts(gr_db *db, long long doc_id, const gr_doc *doc, const gr_facts *found)
{
    struct fact_rows r = {db, NULL, doc_id, doc, 0, 0, NULL};
    if (!(r.st = gr_db_kept(db, GR_STMT_W_FACT, "preparing facts",
                      "INSERT INTO facts(doc_id,metric,indicator,kind,value,high,unit,base_value,base_unit,"
                      "role,approx,year,period_start,basis,estimate,sent_start,start,end,para,text_start,text_end,rule,"
                      "sent_end,pick) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return -1;
    /* the facts that stand are marked as they are stored when no other document stands beside
     * this one (a region-year stored once, the common case); else repick ranks them all after */
    unsigned char *pick = NULL;
    int others = found ? others_stand(db, doc_id, doc) : 1;
    if (others < 0) {
        gr_db_let_go(r.st);
        return -1;
    }
    if (!others && (pick = malloc(gr_facts_count(found) + 1))) {
        own_picks(doc, found, pick);
        r.pick = pick;
    }
    /* the facts found before (a worker thread's), or found now a batch at a time */
    gr_status st = found ? (insert_batch(found, &r), GR_OK) : gr_fact_each(doc, GR_FACT_BATCH, insert_batch, &r);
    gr_db_let_go(r.st);
    free(pick);
    if (st != GR_OK && !r.error)
        snprintf(db->err, sizeof db->err, "out of memory while extracting");
    if (st == GR_OK && !r.error && !r.pick && repick_doc(db, doc_id))
        return -1;
    return st != GR_OK || r.error ? -1 : r.n;
}


void gr_db_keep_sources(gr_db *db, gr_keep keep) { db->keep = keep; }

/* Binds a packed source to columns col (source), col + 1 (codec) and col + 2 (path); data, len are
 * the input's bytes. The packed source must outlive the statement's step. */
static void bind_packed(sqlite3_stmt *st, int col, const struct packed *pk, const void *data)
{
    if (pk->path)
        sqlite3_bind_zeroblob(st, col, 0);
    else
        sqlite3_bind_blob64(st, col, pk->blob ? pk->blob : data, pk->len, SQLITE_STATIC);
    sqlite3_bind_text(st, col + 1, pk->codec, -1, SQLITE_STATIC);
    if (pk->path)
        sqlite3_bind_text(st, col + 2, pk->path, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col + 2);
}

gr_status gr_db_unpack_source(const void *blob, size_t n, const char *codec, const char *path, const char *sha,
                              void **out, size_t *len, char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    if (!codec || !strcmp(codec, "raw")) {
        if (!(*out = malloc(n ? n : 1)))
            return GR_ENOMEM;
        if (n)
            memcpy(*out, blob, n);
        *len = n;
        return GR_OK;
    }
    if (!strcmp(codec, "deflate")) {
        z_stream z = {0};
        size_t cap = n * 4 + 64;
        unsigned char *b = malloc(cap);
        if (!b || inflateInit(&z) != Z_OK) {
            free(b);
            return GR_ENOMEM;
        }
        z.next_in = (Bytef *)blob;
        z.avail_in = (uInt)n;
        int rc = Z_OK;
        while (rc == Z_OK) {
            if (z.total_out == cap) {
                if (cap > GR_MAX_INPUT) {
                    rc = Z_DATA_ERROR;
                    break;
                }
                unsigned char *q = realloc(b, cap * 2);
                if (!q) {
                    rc = Z_MEM_ERROR;
                    break;
                }
                b = q, cap *= 2;
            }
            z.next_out = b + z.total_out;
            z.avail_out = (uInt)(cap - z.total_out);
            rc = inflate(&z, Z_NO_FLUSH);
            if (rc == Z_BUF_ERROR && z.avail_out) /* the input ended before the stream did */
                rc = Z_DATA_ERROR;
            else if (rc == Z_BUF_ERROR)
                rc = Z_OK;
        }
        size_t got = z.total_out;
        inflateEnd(&z);
        if (rc != Z_STREAM_END) {
            free(b);
            if (rc == Z_MEM_ERROR)
                return GR_ENOMEM;
            snprintf(err, errlen, "the stored source is damaged (zlib: %s)", rc == Z_DATA_ERROR ? "bad data" : "error");
            return GR_EINPUT;
        }
        *out = b;
        *len = got;
        return GR_OK;
    }
    if (!strcmp(codec, "zstd")) { /* written by ZSTD_compress: one frame that states its size */
        unsigned long long size = ZSTD_getFrameContentSize(blob, n);
        const char *why = size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ? "no frame of known size"
                          : size > GR_MAX_INPUT                                              ? "larger than an input may be"
                                                                                             : NULL;
        if (why) {
            snprintf(err, errlen, "the stored source is damaged (zstd: %s)", why);
            return GR_EINPUT;
        }
        unsigned char *b = malloc(size ? (size_t)size : 1);
        if (!b)
            return GR_ENOMEM;
        size_t got = ZSTD_decompress(b, (size_t)size, blob, n);
        if (ZSTD_isError(got) || got != size) {
            free(b);
            snprintf(err, errlen, "the stored source is damaged (zstd: %s)",
                     ZSTD_isError(got) ? ZSTD_getErrorName(got) : "shorter than it says");
            return GR_EINPUT;
        }
        *out = b;
        *len = got;
        return GR_OK;
    }
    if (!strcmp(codec, "path")) {
        FILE *f = path ? fopen(path, "rb") : NULL;
        if (!f) {
            snprintf(err, errlen, "the source was kept by its path, and %s cannot be read: %s (ingest it again, or with "
                     "--keep-sources=copy)", path ? path : "(none)", strerror(errno));
            return GR_EINPUT;
        }
        size_t cap = 1 << 16, got = 0;
        unsigned char *b = malloc(cap);
        while (b) {
            if (got == cap) {
                unsigned char *q = cap > GR_MAX_INPUT ? NULL : realloc(b, cap * 2);
                if (!q) {
                    free(b);
                    b = NULL;
                    break;
                }
                b = q, cap *= 2;
            }
            size_t r = fread(b + got, 1, cap - got, f);
            got += r;
            if (r == 0)
                break;
        }
        fclose(f);
        if (!b)
            return GR_ENOMEM;
        char now[65];
        sha256_hex(b, got, now);
        if (sha && strcmp(now, sha)) {
            free(b);
            snprintf(err, errlen, "the source was kept by its path, and %s has changed since it was ingested (ingest it "
                     "again, or with --keep-sources=copy)", path);
            return GR_EINPUT;
        }
        *out = b;
        *len = got;
        return GR_OK;
    }
    snprintf(err, errlen, "a stored source in an unknown form (codec '%.40s'): written by a newer govreport?", codec);
    return GR_EINPUT;
}
/* The map of doc's text back to its input as text_maps keeps it: gr_doc_pack_map's bytes, deflated
 * (a GB18030 text's map has an anchor a character, all alike: a fifth of the size). Thread-safe.
 * 0, or -1 out of memory. */
static int pack_map(const gr_doc *doc, void **out, size_t *len)
{
    void *m;
    size_t n;
    *out = NULL;
    if (gr_doc_pack_map(doc, &m, &n) != GR_OK)
        return -1;
    uLongf zn = compressBound((uLong)n);
    Bytef *z = malloc(zn);
    if (z && compress2(z, &zn, m, (uLong)n, Z_BEST_SPEED) == Z_OK)
        *out = z, *len = zn;
    else
        free(z);
    free(m);
    return *out ? 0 : -1;
}

/* Stores the map of document id's text back to its input in pieces (text_maps, schema 9): map (as
 * pack_map makes it), or made from doc when map is NULL; what was stored of it before goes. 0, or
 * -1 (db->err). */
static int store_map(gr_db *db, long long id, const gr_doc *doc, const void *map, size_t maplen)
{
    void *made = NULL;
    if (!map && pack_map(doc, &made, &maplen))
        return snprintf(db->err, sizeof db->err, "out of memory"), -1;
    const unsigned char *m = map ? map : made;
    sqlite3_stmt *st = gr_db_kept(db, GR_STMT_W_MAP, "storing the text's map",
                                  "INSERT OR REPLACE INTO text_maps(doc_id, part, map) VALUES(?,?,?)");
    int rc = st ? 0 : -1;
    size_t part = 0;
    for (size_t at = 0; !rc && (at < maplen || !part); at += MAP_PIECE, part++) {
        size_t n = maplen - at < MAP_PIECE ? maplen - at : MAP_PIECE;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)part);
        sqlite3_bind_blob64(st, 3, m + at, n, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = (gr_db_fail(db, "storing the text's map"), -1);
        sqlite3_reset(st);
    }
    gr_db_let_go(st);
    free(made);
    if (!rc && !(st = gr_db_kept(db, GR_STMT_W_MAP_TRIM, "storing the text's map",
                                 "DELETE FROM text_maps WHERE doc_id = ?1 AND part >= ?2")))
        rc = -1;
    if (!rc) { /* the pieces of a longer map stored before */
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)part);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : (gr_db_fail(db, "storing the text's map"), -1);
        gr_db_let_go(st);
    }
    return rc;
}

static int insert_document(gr_db *db, const char *file, const char *sha, const void *data, const struct packed *pk,
                           const gr_doc *doc, const gr_doc_hints *hints, gr_tri_doc *tri, long long *id)
{
    const gr_meta *m = gr_doc_meta(doc);
    size_t tl;
    const char *text = gr_doc_text(doc, &tl);
    sqlite3_stmt *st = NULL;
    int ok = 0;
    if (!(st = gr_db_kept(db, GR_STMT_W_DOCUMENT, "preparing documents",
                    "INSERT INTO documents(sha256,file,format,encoding,title,region,region_code,"
                    "level,meeting_date,review_year,plan_year,speaker,speaker_title,extractor_version,"
                    "region_source,years_source,hint_region,hint_year,hint_part) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")))
        return -1;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, file, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, gr_doc_format(doc), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, gr_doc_encoding(doc), -1, SQLITE_STATIC);
    bind_opt_text(st, 5, m->title);
    bind_opt_text(st, 6, m->region);
    bind_opt_text(st, 7, m->region_code);
    bind_opt_text(st, 8, m->level ? gr_level_name(m->level) : NULL);
    bind_opt_text(st, 9, m->meeting_date);
    bind_opt_int(st, 10, m->review_year);
    bind_opt_int(st, 11, m->plan_year);
    bind_opt_text(st, 12, m->speaker);
    bind_opt_text(st, 13, m->speaker_title);
    sqlite3_bind_text(st, 14, GR_EXTRACTOR_VERSION, -1, SQLITE_STATIC);
    bind_opt_text(st, 15, m->region_source);
    bind_opt_text(st, 16, m->years_source);
    bind_opt_text(st, 17, hints ? hints->region : NULL);
    bind_opt_int(st, 18, hints ? hints->year : 0);
    bind_opt_text(st, 19, hints && hints->part ? gr_part_name(hints->part) : NULL);
    if (sqlite3_step(st) != SQLITE_DONE) {
        gr_db_fail(db, "storing the document");
        goto done;
    }
    *id = sqlite3_last_insert_rowid(db->db);
    gr_db_let_go(st);
    if (!(st = gr_db_kept(db, GR_STMT_W_SOURCE, "preparing sources", "INSERT INTO sources(doc_id, source, codec, path) VALUES(?,?,?,?)")))
        return -1;
    sqlite3_bind_int64(st, 1, *id);
    bind_packed(st, 2, pk, data);
    if (sqlite3_step(st) != SQLITE_DONE) {
        gr_db_fail(db, "storing the source");
        goto done;
    }
    gr_db_let_go(st);
    st = NULL;
    if (store_map(db, *id, doc, pk->map, pk->maplen))
        goto done;
    /* the document tree: paragraphs with their parts, headings and offsets; the text by paragraph,
     * and the index of every paragraph but the site's boilerplate */
    size_t np = gr_doc_npara(doc);
    size_t *starts = malloc(2 * (np ? np : 1) * sizeof *starts), *ends = starts + (np ? np : 1);
    if (!starts) {
        snprintf(db->err, sizeof db->err, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < np; i++) {
        starts[i] = gr_doc_para(doc, i)->start;
        ends[i] = starts[i] + gr_doc_para(doc, i)->len;
    }
    long long first = 0;
    int stored = store_text(db, *id, text, tl, starts, ends, np, &first);
    free(starts);
    if (stored)
        goto done;
    if (!(st = gr_db_kept(db, GR_STMT_W_PARAGRAPH, "preparing paragraphs", "INSERT INTO paragraphs VALUES(?,?,?,?,?,?,?,?,?)")))
        goto done;
    for (size_t i = 0; i < np; i++) {
        const gr_para *p = gr_doc_para(doc, i);
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, gr_part_name(p->part), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, p->heading);
        if (p->section >= 0)
            sqlite3_bind_int(st, 5, p->section);
        else
            sqlite3_bind_null(st, 5);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)p->start);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)(p->start + p->len));
        sqlite3_bind_int64(st, 8, (sqlite3_int64)gr_doc_source_offset(doc, p->start));
        sqlite3_bind_int64(st, 9, (sqlite3_int64)gr_doc_source_offset(doc, p->start + p->len));
        if (sqlite3_step(st) != SQLITE_DONE) {
            gr_db_fail(db, "storing a paragraph");
            goto done;
        }
        sqlite3_reset(st);
    }
    /* not in the index until its trigrams are written with a segment, after the commit */
    gr_db_let_go(st);
    if (!(st = gr_db_kept(db, GR_STMT_W_UNINDEXED, "listing the text unindexed", "INSERT INTO text_unindexed(doc_id) VALUES(?)")))
        goto done;
    sqlite3_bind_int64(st, 1, *id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        gr_db_fail(db, "listing the text unindexed");
        goto done;
    }
    if (db->npend == db->cappend) {
        size_t c = db->cappend ? 2 * db->cappend : 64;
        struct gr_pend *q = realloc(db->pend, c * sizeof *q);
        if (!q) {
            snprintf(db->err, sizeof db->err, "out of memory");
            goto done;
        }
        db->pend = q, db->cappend = c;
    }
    struct gr_pend *e = &db->pend[db->npend++];
    memset(e, 0, sizeof *e);
    e->doc_id = *id, e->first = first;
    if (tri) { /* taken over: the input's trigrams are the batch's now */
        e->tri = *tri, e->has_tri = 1;
        memset(tri, 0, sizeof *tri);
    }
    ok = 1;
done:
    gr_db_let_go(st);
    return ok ? 0 : -1;
}

/* The bytes of a document's body (its paragraphs but boilerplate): how much of the report a copy holds. */
static long long body_bytes(const gr_doc *doc)
{
    long long n = 0;
    for (size_t i = 0; i < gr_doc_npara(doc); i++)
        if (gr_doc_para(doc, i)->part != GR_PART_BOILERPLATE)
            n += (long long)gr_doc_para(doc, i)->len;
    return n;
}

/* One report, one document: when a document of the same region and plan year is stored, keeps this
 * input as its alternate source (inside the caller's transaction) and fills res: 1. When this input's
 * body is the longer (the stored copy is cut off or abridged), sets *replace to the stored document's
 * id instead and returns 0: the caller stores this one and folds the other into it (fold_into). 0 with
 * *replace 0: no such document, store it. -1 on failure. */
static int store_alternate(gr_db *db, const char *file, const char *sha, const void *data, const struct packed *pk,
                           const gr_doc *doc, gr_ingest *res, long long *replace)
{
    const gr_meta *m = gr_doc_meta(doc);
    if ((!m->region_code && !m->region) || !m->plan_year)
        return 0;
    sqlite3_stmt *st;
    /* a region without a division code (not in the table, or a text's own name) is known by its name */
#define BODY "(SELECT sum(p.end - p.start) FROM paragraphs p WHERE p.doc_id = d.id AND p.part != 'boilerplate')"
    if (!(st = gr_db_kept(db, m->region_code ? GR_STMT_W_SAME_CODE : GR_STMT_W_SAME_NAME, "looking the report up",
                    m->region_code ? "SELECT d.id, d.file, " GR_DOC_TEXT("d") ", " BODY " FROM documents d "
                                     "WHERE d.region_code = ? AND d.plan_year = ? "
                                     "ORDER BY d.id LIMIT 1"
                                   : "SELECT d.id, d.file, " GR_DOC_TEXT("d") ", " BODY " FROM documents d "
                                     "WHERE d.region_code IS NULL AND d.region = ? AND "
                                     "d.plan_year = ? ORDER BY d.id LIMIT 1")))
        return -1;
#undef BODY
    sqlite3_bind_text(st, 1, m->region_code ? m->region_code : m->region, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, m->plan_year);
    if (sqlite3_step(st) != SQLITE_ROW) {
        gr_db_let_go(st);
        return 0;
    }
    size_t tl;
    const char *text = gr_doc_text(doc, &tl);
    long long id = sqlite3_column_int64(st, 0);
    int same = (size_t)sqlite3_column_bytes(st, 2) == tl && !memcmp(sqlite3_column_blob(st, 2), text, tl);
    int fuller = !same && body_bytes(doc) > sqlite3_column_int64(st, 3);
    free(db->stored_as);
    db->stored_as = strdup((const char *)sqlite3_column_text(st, 1));
    gr_db_let_go(st);
    if (!db->stored_as)
        return snprintf(db->err, sizeof db->err, "out of memory"), -1;
    res->stored_as = db->stored_as;
    if (fuller) {
        *replace = id;
        return 0;
    }
    if (!(st = gr_db_kept(db, GR_STMT_W_ALTERNATE, "preparing alternates",
                    "INSERT INTO alternates(doc_id, sha256, file, format, encoding, chars, same_text, source, "
                    "codec, path) VALUES(?,?,?,?,?,?,?,?,?,?)")))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, file, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, gr_doc_format(doc), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, gr_doc_encoding(doc), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)gr_str_nchars((gr_str){text, tl}));
    sqlite3_bind_int(st, 7, same);
    bind_packed(st, 8, pk, data);
    int ok = sqlite3_step(st) == SQLITE_DONE;
    if (!ok)
        gr_db_fail(db, "storing the alternate source");
    gr_db_let_go(st);
    if (!ok)
        return -1;
    res->doc_id = id;
    res->alternate = 1;
    res->same_text = same;
    return 1;
}

/* The facts document doc_id holds, or -1. */
static long count_facts(gr_db *db, long long doc_id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM facts WHERE doc_id = ?", -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "counting facts"), -1;
    sqlite3_bind_int64(st, 1, doc_id);
    long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    if (n < 0)
        gr_db_fail(db, "counting facts");
    sqlite3_finalize(st);
    return n;
}

/* The stored document old gives way to the fuller copy just stored as new: old's source becomes new's
 * alternate, with old's own alternates; its readers' comments move to new (off any one figure, whose
 * ids are gone); then old goes, with its text, paragraphs and facts. In the caller's transaction. */
static int fold_into(gr_db *db, long long old, long long new)
{
    char sql[1400];
    snprintf(sql, sizeof sql,
             "INSERT INTO alternates(doc_id, sha256, file, format, encoding, chars, same_text, source, codec, path, ingested_at) "
             "SELECT %lld, d.sha256, d.file, d.format, d.encoding, (SELECT coalesce(sum(length(t.text)), 0) FROM para_text t "
             "WHERE t.id >= d.text_first AND t.id < d.text_first + d.text_pieces), 0, s.source, s.codec, s.path, d.ingested_at "
             "FROM documents d JOIN sources s ON s.doc_id = d.id WHERE d.id = %lld;"
             "UPDATE alternates SET doc_id = %lld WHERE doc_id = %lld;"
             "UPDATE comments SET doc_id = %lld, fact_id = NULL, fact_at = NULL WHERE doc_id = %lld;",
             new, old, new, old, new, old);
    /* the region and years it stood for: marked again once it is gone */
    char *ocode = NULL, *oregion = NULL;
    int oreview = 0, oplan = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT region_code, region, review_year, plan_year FROM documents WHERE id = ?", -1,
                           &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "folding"), -1;
    sqlite3_bind_int64(st, 1, old);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0), *r = (const char *)sqlite3_column_text(st, 1);
        ocode = c ? strdup(c) : NULL, oregion = r ? strdup(r) : NULL;
        oreview = sqlite3_column_int(st, 2), oplan = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < db->npend; i++) /* stored in this batch: nothing to index */
        if (db->pend[i].doc_id == old && !db->pend[i].folded) {
            db->pend[i].folded = 1;
            db->pend_folded = i + 1;
            break;
        }
    if (exec(db, sql)) {
        free(ocode);
        free(oregion);
        return -1;
    }
    /* its text goes; what the index holds of it names no paragraph again (ids are never reused) */
    snprintf(sql, sizeof sql, "DELETE FROM para_text WHERE id >= (SELECT text_first FROM documents WHERE id = %lld)"
             " AND id < (SELECT text_first + text_pieces FROM documents WHERE id = %lld);"
             "DELETE FROM text_unindexed WHERE doc_id = %lld;"
             "DELETE FROM documents WHERE id = %lld;", old, old, old, old);
    int rc = exec(db, sql) || repick(db, ocode, oregion, oreview, oplan) ? -1 : 0;
    free(ocode);
    free(oregion);
    return rc;
}

gr_status gr_db_ingest(gr_db *db, const char *file, const void *data, size_t len, gr_ingest *res)
{
    return gr_db_ingest_with(db, file, data, len, NULL, res);
}

/* Are these bytes (by their SHA-256) stored, as a document or an alternate source? 1 (and its
 * document in *id), 0, or -1 on a database error. */
static int stored_sha(gr_db *db, const char *sha, long long *id)
{
    sqlite3_stmt *st = gr_db_kept(db, GR_STMT_W_SHA, "looking the file up",
                            "SELECT id FROM documents WHERE sha256=?1 UNION ALL SELECT doc_id FROM alternates WHERE sha256=?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    gr_db_let_go(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* An input made ready to store (gr_db_prepare): what takes no database but the look-up of its
 * bytes, done where the caller likes (a worker thread), so that one writer only stores. */
struct gr_prepared {
    char *file;
    char sha[65];
    void *data; /* the input, owned */
    size_t len;
    gr_doc_hints hints;
    char *hint_region;
    int stored;        /* the reader found these bytes stored: doc_id */
    long long doc_id;
    gr_doc *doc;       /* NULL: could not be read (st, err) */
    gr_facts *facts;   /* found here, or NULL: found by the writer a batch at a time (a large text) */
    struct packed pk;
    gr_tri_doc tri; /* its trigrams (has_tri), found here for texts up to PREPARE_FACTS_MAX */
    int has_tri;
    gr_status st;
    char err[512];
};

/* Facts are found by the worker for texts up to this size; a larger one's are found by the writer
 * a batch at a time (gr_fact_each), so that memory stays bound by the batch, not the figures. */
#define PREPARE_FACTS_MAX ((size_t)4 << 20)

/* The trigrams of a document's pieces but its boilerplate, as store_text cuts them. 0, or -1 out of memory. */
static int doc_trigrams(const gr_doc *doc, gr_tri_doc *t)
{
    size_t tl, np = gr_doc_npara(doc);
    const char *text = gr_doc_text(doc, &tl);
    size_t *starts = malloc(2 * (np ? np : 1) * sizeof *starts), *ends = starts + (np ? np : 1);
    if (!starts)
        return -1;
    for (size_t i = 0; i < np; i++) {
        starts[i] = gr_doc_para(doc, i)->start;
        ends[i] = starts[i] + gr_doc_para(doc, i)->len;
    }
    int rc = 0;
    for (size_t i = 0; i < np && !rc; i++) {
        if (gr_doc_para(doc, i)->part == GR_PART_BOILERPLATE)
            continue;
        size_t from, end, to;
        piece_bounds(starts, ends, np, tl, i, &from, &end, &to);
        rc = gr_tri_add_piece(t, (uint32_t)i, text + from, end - from);
    }
    free(starts);
    return rc || gr_tri_finish(t) ? -1 : 0;
}

gr_status gr_db_prepare(gr_db *reader, const char *file, void *data, size_t len, const gr_doc_hints *hints, gr_keep keep,
                        gr_prepared **out)
{
    gr_prepared *p = calloc(1, sizeof *p);
    *out = p;
    if (!p) {
        free(data);
        return GR_ENOMEM;
    }
    p->data = data, p->len = len;
    if (hints)
        p->hints = *hints;
    p->file = strdup(file ? file : "-");
    p->hint_region = hints && hints->region ? strdup(hints->region) : NULL;
    if (!p->file || (hints && hints->region && !p->hint_region))
        return p->st = GR_ENOMEM;
    p->hints.region = p->hint_region;
    sha256_hex(data, len, p->sha);
    if (reader) {
        int had = stored_sha(reader, p->sha, &p->doc_id);
        if (had > 0) { /* the same bytes are stored already: nothing to read */
            p->stored = 1;
            return p->st = GR_OK;
        }
    }
    gr_status rc = gr_doc_parse_with(data, len, file, hints ? &p->hints : NULL, &p->doc);
    if (rc != GR_OK) {
        long off = gr_doc_error_offset(p->doc);
        if (off >= 0)
            snprintf(p->err, sizeof p->err, "%ld: %s", off, gr_doc_error(p->doc));
        else
            snprintf(p->err, sizeof p->err, "%s", rc == GR_ENOMEM ? "out of memory" : gr_doc_error(p->doc));
        gr_doc_free(p->doc);
        p->doc = NULL;
        return p->st = rc;
    }
    if (!gr_doc_is_report(p->doc)) {
        snprintf(p->err, sizeof p->err, "not a work report: no region, meeting line, speaker or dated title found "
                                        "(say which with --region and --year, or a --hints file)");
        gr_doc_free(p->doc);
        p->doc = NULL;
        return p->st = GR_EINPUT;
    }
    size_t tl;
    gr_doc_text(p->doc, &tl);
    p->has_tri = tl <= PREPARE_FACTS_MAX;
    if ((tl <= PREPARE_FACTS_MAX && (gr_fact_extract(p->doc, &p->facts) != GR_OK || doc_trigrams(p->doc, &p->tri))) ||
        pack_source(keep, file, data, len, 0, &p->pk) || pack_map(p->doc, &p->pk.map, &p->pk.maplen)) {
        snprintf(p->err, sizeof p->err, "out of memory");
        return p->st = GR_ENOMEM;
    }
    return p->st = GR_OK;
}

void gr_prepared_free(gr_prepared *p)
{
    if (!p)
        return;
    gr_facts_free(p->facts);
    gr_tri_doc_free(&p->tri);
    gr_doc_free(p->doc);
    free(p->pk.blob);
    free(p->pk.path);
    free(p->pk.map);
    free(p->data);
    free(p->hint_region);
    free(p->file);
    free(p);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void gr_db_worker_thread(void)
{
#ifdef SYS_gettid
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10); /* a failure leaves it as it was */
#endif
}

/* While inputs are batched, the WAL's frames are copied back into the database (a checkpoint) by a
 * thread of its own, on a connection of its own, instead of by the writer inside the commit that
 * takes the WAL past 1,000 pages (SQLite's default): a passive checkpoint, which waits for no one
 * and is never waited for. The writer's thread had spent about a tenth of its time there. The WAL
 * is begun again, as before, by the first write after a checkpoint that copied all of it. */
#define CKPT_PAGES 1000
struct gr_ckpt {
    sqlite3 *db;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int want, stop; /* asked to checkpoint; to end */
    int busy, ran;  /* checkpointing now; has since the writer last did */
};

static void *ckpt_main(void *arg)
{
    struct gr_ckpt *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->want && !c->stop)
            pthread_cond_wait(&c->cv, &c->mu);
        if (c->stop)
            break;
        c->want = 0, c->busy = 1;
        pthread_mutex_unlock(&c->mu);
        sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL); /* busy: the next one */
        pthread_mutex_lock(&c->mu);
        c->busy = 0, c->ran = 1;
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* SQLite's WAL hook, after each commit of the writer, past CKPT_PAGES: wakes the checkpointer. The
 * WAL begins again only when a checkpoint copied all of it, which the checkpointer's own cannot do
 * while the writer goes on committing; so once it has copied most, the writer copies the rest (the
 * frames committed meanwhile) itself, and the next write begins the WAL again. */
static int ckpt_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
    struct gr_ckpt *c = arg;
    if (pages < CKPT_PAGES)
        return SQLITE_OK;
    pthread_mutex_lock(&c->mu);
    int ran = !c->busy && c->ran;
    if (ran)
        c->ran = 0;
    else if (!c->busy)
        c->want = 1, pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    if (ran)
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

/* Starts the checkpointer; without one (an in-memory database, no thread) the writer checkpoints. */
static void ckpt_start(gr_db *db)
{
    const char *path = sqlite3_db_filename(db->db, "main");
    struct gr_ckpt *c = db->ckpt || db->readonly || !path || !path[0] ? NULL : calloc(1, sizeof *c);
    if (!c)
        return;
    /* a connection finds the file in WAL mode when it first reads it: until then a checkpoint is
     * a no-op that succeeds */
    if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(c->db);
        free(c);
        return;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    if (pthread_create(&c->th, NULL, ckpt_main, c)) {
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        sqlite3_close(c->db);
        free(c);
        return;
    }
    sqlite3_wal_hook(db->db, ckpt_hook, c); /* in place of the writer's own checkpoints */
    db->ckpt = c;
}

/* Stops the checkpointer (after its checkpoint, if one is running); the writer checkpoints again. */
static void ckpt_stop(gr_db *db)
{
    struct gr_ckpt *c = db->ckpt;
    if (!c)
        return;
    sqlite3_wal_autocheckpoint(db->db, CKPT_PAGES);
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->th, NULL);
    sqlite3_close(c->db);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    free(c);
    db->ckpt = NULL;
}

void gr_db_batch(gr_db *db, size_t docs, unsigned ms)
{
    if (docs)
        ckpt_start(db);
    else
        ckpt_stop(db);
    db->batch_docs = docs;
    db->batch_ms = ms;
    /* each input of a batch is under a savepoint, whose journal (the pages as they were before it)
     * SQLite spills to a temporary file past 64 KiB: three times the database's own bytes were
     * written there, and read by no one unless the input failed. Kept in memory instead, it is
     * bound by what one input changes and emptied when the input is released */
    sqlite3_exec(db->db, docs ? "PRAGMA temp_store=MEMORY" : "PRAGMA temp_store=DEFAULT", NULL, NULL, NULL);
}

/* Forgets the pending documents from k on (a rollback undid them). */
static void pend_drop(gr_db *db, size_t k)
{
    for (size_t i = k; i < db->npend; i++)
        gr_tri_doc_free(&db->pend[i].tri);
    if (k < db->npend)
        db->npend = k;
}

/* Writes the trigrams gathered as a segment, in a transaction of its own. Should that fail (a full
 * disk), they are dropped: their documents stay in text_unindexed, where search reads them
 * directly, and the next ingest indexes them. Leaves db->err as it was. */
static void write_segment(gr_db *db)
{
    if (!db->acc || !gr_tri_acc_docs(db->acc))
        return;
    char was[sizeof db->err];
    memcpy(was, db->err, sizeof was);
    if (!exec(db, "BEGIN IMMEDIATE")) {
        if (gr_tri_acc_write(db->acc, db->db) == SQLITE_OK && !exec(db, "COMMIT")) {
            memcpy(db->err, was, sizeof was);
            return;
        }
        rollback(db, NULL);
    }
    gr_tri_acc_drop(db->acc);
    memcpy(db->err, was, sizeof was);
}

static int by_first(const void *x, const void *y)
{
    long long a = ((const struct gr_pend *)x)->first, b = ((const struct gr_pend *)y)->first;
    return (a > b) - (a < b);
}

/* After a commit: the trigrams of the documents it kept go to acc, in the order of their ids; a
 * segment is written when acc is full. A document with none (too large for a worker; memory ran
 * out) stays in text_unindexed for gr_db_settle. */
static void pend_committed(gr_db *db)
{
    if (!db->npend)
        return;
    if (!db->acc)
        db->acc = gr_tri_acc_new();
    qsort(db->pend, db->npend, sizeof *db->pend, by_first);
    for (size_t i = 0; i < db->npend && db->acc; i++) {
        struct gr_pend *e = &db->pend[i];
        if (e->folded || !e->has_tri)
            continue;
        int r = gr_tri_acc_add(db->acc, e->doc_id, e->first, &e->tri);
        if (r == -2) { /* numbered before what acc holds (another ingest wrote meanwhile): that first */
            write_segment(db);
            r = gr_tri_acc_add(db->acc, e->doc_id, e->first, &e->tri);
        }
        if (r) /* a document half in acc would be taken off text_unindexed: none of them, then */
            gr_tri_acc_drop(db->acc);
    }
    pend_drop(db, 0);
    if (gr_tri_acc_pairs(db->acc) >= GR_TRI_SEGMENT_PAIRS)
        write_segment(db);
}

/* Ends the writer's open transaction (a batch): 0, or -1 with the reports it held lost. */
static int commit_batch(gr_db *db, size_t *lost)
{
    if (!db->in_tx)
        return 0;
    db->in_tx = 0;
    size_t held = db->tx_docs;
    db->tx_docs = 0;
    if (!exec(db, "COMMIT")) {
        pend_committed(db);
        return 0;
    }
    char m[sizeof db->err];
    memcpy(m, db->err, sizeof m);
    rollback(db, NULL);
    pend_drop(db, 0);
    snprintf(db->err, sizeof db->err, "%.400s: the %zu reports stored since the last commit are not kept", m, held);
    if (lost)
        *lost = held;
    return -1;
}

gr_status gr_db_commit(gr_db *db, size_t *lost)
{
    if (lost)
        *lost = 0;
    return commit_batch(db, lost) ? fault(sqlite3_errcode(db->db)) == GR_ESTORE ? GR_ESTORE : GR_EINPUT : GR_OK;
}

/* Ends one input's part of the writer's work: a failure undoes it (and, when SQLite has ended the
 * whole transaction itself, as on a full disk, the batch it was in: res->lost); a success is
 * committed at once, or with its batch when that is full or old enough. 0, or -1. */
static int end_input(gr_db *db, int failed, gr_ingest *res)
{
    if (!db->batch_docs) {
        if (failed) {
            rollback(db, NULL);
            return -1;
        }
        if (exec(db, "COMMIT"))
            return rollback(db, NULL), pend_drop(db, 0), -1;
        pend_committed(db);
        res->committed = 1;
        return 0;
    }
    if (failed) {
        if (sqlite3_get_autocommit(db->db)) { /* the transaction is gone, and the batch with it */
            res->lost = db->tx_docs;
            db->in_tx = 0, db->tx_docs = 0;
            pend_drop(db, 0);
        } else {
            rollback(db, "ROLLBACK TO input; RELEASE input");
        }
        return -1;
    }
    if (exec(db, "RELEASE input"))
        return -1;
    db->tx_docs++;
    if (db->tx_docs >= db->batch_docs || now_ms() - db->tx_t0 >= db->batch_ms) {
        if (commit_batch(db, &res->lost))
            return -1;
        res->committed = 1;
    }
    return 0;
}

/* Opens the writer's transaction for one input (or joins the batch's, under a savepoint). 0 or -1. */
static int begin_input(gr_db *db)
{
    if (!db->batch_docs)
        return exec(db, "BEGIN IMMEDIATE");
    if (!db->in_tx) {
        if (exec(db, "BEGIN IMMEDIATE"))
            return -1;
        db->in_tx = 1, db->tx_docs = 0, db->tx_t0 = now_ms();
    }
    return exec(db, "SAVEPOINT input");
}

gr_status gr_db_ingest_prepared(gr_db *db, gr_prepared *p, gr_ingest *res)
{
    gr_ingest ignored;
    if (!res) /* the caller does not want the counts */
        res = &ignored;
    memset(res, 0, sizeof *res);
    db->err[0] = 0;
    if (p->stored) {
        res->doc_id = p->doc_id;
        return GR_OK;
    }
    if (p->st != GR_OK) {
        memcpy(db->err, p->err, sizeof db->err);
        return p->st;
    }
    gr_status rc = GR_EINPUT;
    if (begin_input(db))
        return fault(sqlite3_errcode(db->db));
    /* under the write lock: the reader may not have looked, and another ingest (or an earlier file
     * of this one, in the same batch) may have stored these bytes since */
    int had = stored_sha(db, p->sha, &res->doc_id);
    if (had != 0) {
        rc = had < 0 ? gr_db_fail(db, "looking the file up") : GR_OK;
        end_input(db, 1, res);
        return rc;
    }
    long long replace = 0, id;
    long nf = 0, gone = 0;
    /* the batch's documents to index, as they were: a failed input must not change them (a fold
     * marks the folded document) */
    size_t npend = db->npend;
    db->pend_folded = 0;
    int alt = store_alternate(db, p->file, p->sha, p->data, &p->pk, p->doc, res, &replace);
    int failed = alt < 0 || (!alt && (insert_document(db, p->file, p->sha, p->data, &p->pk, p->doc, &p->hints,
                                                      p->has_tri ? &p->tri : NULL, &id) ||
                                      (nf = insert_facts(db, id, p->doc, p->facts)) < 0 ||
                                      (replace && ((gone = count_facts(db, replace)) < 0 || fold_into(db, replace, id)))));
    char m[sizeof db->err];
    memcpy(m, db->err, sizeof m);
    int code = sqlite3_errcode(db->db); /* before the rollback resets it */
    if (failed) { /* undone: not to be indexed, and the folded one back as it was */
        pend_drop(db, npend);
        if (db->pend_folded && db->pend_folded <= npend)
            db->pend[db->pend_folded - 1].folded = 0;
    }
    db->pend_folded = 0;
    if (end_input(db, failed, res)) {
        if (!failed) /* the commit failed: its message */
            memcpy(m, db->err, sizeof m), code = sqlite3_errcode(db->db);
        memcpy(db->err, m, sizeof m);
        res->alternate = 0;
        return fault(code);
    }
    if (alt)
        return GR_OK;
    res->added = 1;
    res->replaced = replace;
    res->doc_id = id;
    res->facts = (size_t)nf;
    res->facts_replaced = (size_t)gone;
    return GR_OK;
}

gr_status gr_db_ingest_with(gr_db *db, const char *file, const void *data, size_t len, const gr_doc_hints *hints,
                            gr_ingest *res)
{
    void *copy = malloc(len ? len : 1);
    if (!copy)
        return GR_ENOMEM;
    if (len)
        memcpy(copy, data, len);
    gr_prepared *p;
    gr_status rc = gr_db_prepare(db, file, copy, len, hints, db->keep, &p);
    if (rc == GR_ENOMEM && !p)
        return rc;
    rc = gr_db_ingest_prepared(db, p, res);
    gr_prepared_free(p);
    return rc;
}

/* A document's stored text, its pieces and their tails in order, into out. 0, or -1 (db->err). */
static int read_text(gr_db *db, long long first, long long pieces, gr_buf *out)
{
    sqlite3_stmt *st = gr_db_kept(db, GR_STMT_R_PIECES, "reading the text",
                                  "SELECT text, tail FROM para_text WHERE id >= ?1 AND id < ?1 + ?2 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, first);
    sqlite3_bind_int64(st, 2, pieces);
    int rc;
    long long n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < 2; c++)
            gr_buf_add(out, sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c));
        n++;
    }
    gr_db_let_go(st);
    if (rc != SQLITE_DONE)
        return gr_db_fail(db, "reading the text"), -1;
    if (out->oom)
        return snprintf(db->err, sizeof db->err, "out of memory"), -1;
    if (n != pieces)
        return snprintf(db->err, sizeof db->err, "the stored text has %lld of its %lld pieces", n, pieces), -1;
    gr_buf_addc(out, 0); /* NUL-terminated, not counted */
    out->len--;
    return out->oom ? (snprintf(db->err, sizeof db->err, "out of memory"), -1) : 0;
}

/* The map of a document's text, its pieces in order, into out. 0, or -1 (db->err). */
static int read_map(gr_db *db, long long id, gr_buf *out)
{
    sqlite3_stmt *st = gr_db_kept(db, GR_STMT_R_MAP, "reading the text's map",
                                  "SELECT map FROM text_maps WHERE doc_id = ? ORDER BY part");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        gr_buf_add(out, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    gr_db_let_go(st);
    if (rc != SQLITE_DONE)
        return gr_db_fail(db, "reading the text's map"), -1;
    return out->oom ? (snprintf(db->err, sizeof db->err, "out of memory"), -1) : 0;
}

gr_status gr_db_parse_stored(gr_db *db, sqlite3_stmt *st, int col, const char *file, gr_doc **out, int *from_text,
                             int *same_text, char *err, size_t errlen)
{
    *out = NULL;
    if (from_text)
        *from_text = 0;
    /* read as at ingest: with what the user said of the text then */
    const char *hp = (const char *)sqlite3_column_text(st, col + 3);
    gr_doc_hints h = {(const char *)sqlite3_column_text(st, col + 1), sqlite3_column_int(st, col + 2),
                      hp ? gr_part_by_name(hp) : GR_PART_BOILERPLATE};
    gr_buf text = {0}, map = {0};
    int has_map = sqlite3_column_type(st, col + 7) != SQLITE_NULL;
    /* the stored text: read again from it, or (a document stored before its map was) to compare with */
    if (same_text)
        *same_text = 0;
    if (((has_map || same_text) && read_text(db, sqlite3_column_int64(st, col + 10), sqlite3_column_int64(st, col + 11), &text)) ||
        (has_map && read_map(db, sqlite3_column_int64(st, col + 7), &map))) {
        snprintf(err, errlen, "%s", db->err);
        gr_buf_free(&text);
        gr_buf_free(&map);
        return GR_EINPUT;
    }
    gr_status rc;
    if (has_map) {
        void *packed;
        size_t plen;
        rc = gr_db_unpack_source(map.p, map.len, "deflate", NULL, NULL, &packed, &plen, err, errlen);
        gr_buf_free(&map);
        if (rc == GR_EINPUT)
            snprintf(err, errlen, "the stored map of its text is damaged (text_maps)");
        if (rc != GR_OK) {
            gr_buf_free(&text);
            return rc;
        }
        rc = gr_doc_parse_kept(text.p ? text.p : "", text.len, packed, plen, (const char *)sqlite3_column_text(st, col + 8),
                               (const char *)sqlite3_column_text(st, col + 9), file, &h, out);
        free(packed);
        if (rc == GR_EINPUT)
            snprintf(err, errlen, "its stored text: %s", gr_doc_error(*out));
        if (from_text)
            *from_text = 1;
        gr_buf_free(&text);
        gr_buf_free(&map);
        return rc;
    }
    const char *codec = (const char *)sqlite3_column_text(st, col + 4);
    if (!codec || !strcmp(codec, "raw")) { /* read where it is, with no copy */
        rc = gr_doc_parse_with(sqlite3_column_blob(st, col), (size_t)sqlite3_column_bytes(st, col), file, &h, out);
    } else {
        void *bytes;
        size_t len;
        rc = gr_db_unpack_source(sqlite3_column_blob(st, col), (size_t)sqlite3_column_bytes(st, col), codec,
                                 (const char *)sqlite3_column_text(st, col + 5),
                                 (const char *)sqlite3_column_text(st, col + 6), &bytes, &len, err, errlen);
        if (rc != GR_OK)
            return gr_buf_free(&text), rc;
        rc = gr_doc_parse_with(bytes, len, file, &h, out);
        free(bytes);
    }
    size_t tl;
    const char *t = rc == GR_OK ? gr_doc_text(*out, &tl) : NULL;
    if (same_text && t && tl == text.len && !memcmp(t, text.p, tl)) /* the text as stored: its map may be kept */
        *same_text = 1;
    gr_buf_free(&text);
    return rc;
}

/* Re-extraction runs as ingest does: worker threads, each with a read-only connection of its own,
 * read the stored sources again and find their facts; the calling thread replaces them, in the
 * order of the documents, committing every REEXTRACT_BATCH documents or second (a kill loses that
 * much, redone by the next run: the extractor version is written with the facts). */
#define REEXTRACT_WINDOW 16
#define REEXTRACT_BATCH 64
struct re_slot {
    gr_doc *doc;    /* NULL: could not be read (why) */
    gr_facts *facts; /* found by the worker, or NULL: by the writer, a batch at a time (a large text) */
    int from_text;  /* read from its stored text; else from its input (stored before schema 9), */
    int same_text;  /* whose text is the stored one still: its map is stored now */
    gr_status st;
    char why[300];
    int ready;
};
struct re_pipe {
    const char *path;
    const long long *ids;
    size_t n, next, written;
    int stop;
    struct re_slot *slots;
    pthread_mutex_t mu;
    pthread_cond_t more, done;
};

/* Reads document id again from reader's connection into sl. */
static void re_read(gr_db *reader, sqlite3_stmt *st, long long id, struct re_slot *sl)
{
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sl->st = GR_EINPUT;
        snprintf(sl->why, sizeof sl->why, "document %lld: %s", id, sqlite3_errmsg(reader->db));
        sqlite3_reset(st);
        return;
    }
    const char *file = (const char *)sqlite3_column_text(st, 0);
    sl->st = gr_db_parse_stored(reader, st, 1, file, &sl->doc, &sl->from_text, &sl->same_text, sl->why, sizeof sl->why);
    if (sl->st != GR_OK) { /* parsed once at ingest; a source no longer at its path: skipped, the first said */
        char w[sizeof sl->why + 200];
        snprintf(w, sizeof w, "%.190s: %s", file ? file : "?",
                 sl->why[0] ? sl->why : sl->st == GR_ENOMEM ? "out of memory" : gr_doc_error(sl->doc));
        size_t wl = strlen(w) < sizeof sl->why ? strlen(w) : sizeof sl->why - 1;
        memcpy(sl->why, w, wl);
        sl->why[wl] = 0;
        gr_doc_free(sl->doc);
        sl->doc = NULL;
    } else {
        size_t tl;
        gr_doc_text(sl->doc, &tl);
        if (tl <= PREPARE_FACTS_MAX && gr_fact_extract(sl->doc, &sl->facts) != GR_OK)
            sl->facts = NULL; /* out of memory here: the writer tries, a batch at a time */
    }
    sqlite3_reset(st);
}

#define RE_READ_SQL "SELECT d.file, " GR_SOURCE_COLS " FROM documents d" GR_SOURCE_JOIN "WHERE d.id = ?"

static void *re_worker(void *arg)
{
    struct re_pipe *q = arg;
    gr_db *reader = NULL;
    sqlite3_stmt *st = NULL;
    gr_db_worker_thread();
    int ok = gr_db_open(q->path, 1, &reader) == GR_OK &&
             sqlite3_prepare_v2(reader->db, RE_READ_SQL, -1, &st, NULL) == SQLITE_OK;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (!q->stop && q->next < q->n && q->next >= q->written + REEXTRACT_WINDOW)
            pthread_cond_wait(&q->done, &q->mu);
        if (q->stop || q->next >= q->n) {
            pthread_mutex_unlock(&q->mu);
            break;
        }
        size_t i = q->next++;
        pthread_mutex_unlock(&q->mu);
        struct re_slot sl = {0};
        if (ok)
            re_read(reader, st, q->ids[i], &sl);
        else
            sl.st = GR_ENOMEM, snprintf(sl.why, sizeof sl.why, "%s", "could not open the database to read it again");
        pthread_mutex_lock(&q->mu);
        sl.ready = 1;
        q->slots[i] = sl;
        pthread_cond_broadcast(&q->more);
        pthread_mutex_unlock(&q->mu);
    }
    sqlite3_finalize(st);
    gr_db_close(reader);
    return NULL;
}

gr_status gr_db_reextract(gr_db *db, int all, gr_reextracted *r)
{
    memset(r, 0, sizeof *r);
    size_t *docs = &r->docs, *facts = &r->facts, *skipped = &r->skipped;
    db->err[0] = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT d.id FROM documents d WHERE ?1 OR d.extractor_version IS NOT ?2 ORDER BY d.id",
                           -1, &st, NULL))
        return gr_db_fail(db, "listing documents");
    sqlite3_bind_int(st, 1, all);
    sqlite3_bind_text(st, 2, GR_EXTRACTOR_VERSION, -1, SQLITE_STATIC);
    long long *ids = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            size_t c = cap ? 2 * cap : 256;
            long long *t = realloc(ids, c * sizeof *t);
            if (!t) {
                free(ids);
                sqlite3_finalize(st);
                return snprintf(db->err, sizeof db->err, "out of memory"), GR_ENOMEM;
            }
            ids = t, cap = c;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (!n)
        return free(ids), GR_OK;
    const char *path = sqlite3_db_filename(db->db, "main");
    struct re_pipe q = {.path = path, .ids = ids, .n = n, .slots = calloc(n, sizeof *q.slots)};
    sqlite3_stmt *own = NULL; /* the no-thread way: the writer reads each itself */
    if (!q.slots || sqlite3_prepare_v2(db->db, RE_READ_SQL, -1, &own, NULL) != SQLITE_OK) {
        free(q.slots);
        free(ids);
        return q.slots ? gr_db_fail(db, "reading the reports again") : (snprintf(db->err, sizeof db->err, "out of memory"), GR_ENOMEM);
    }
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.more, NULL);
    pthread_cond_init(&q.done, NULL);
    pthread_t th[2];
    unsigned nt = 0;
    for (; path && path[0] && nt < 2; nt++) /* an in-memory database has no file to open twice: no threads */
        if (pthread_create(&th[nt], NULL, re_worker, &q))
            break;
    gr_status rc = GR_OK;
    size_t in_batch = 0;
    double t0 = now_ms();
    int in_tx = !exec(db, "BEGIN IMMEDIATE");
    if (!in_tx)
        rc = GR_EINPUT;
    for (size_t i = 0; i < n && rc == GR_OK; i++) {
        pthread_mutex_lock(&q.mu);
        while (!q.slots[i].ready && nt)
            pthread_cond_wait(&q.more, &q.mu);
        pthread_mutex_unlock(&q.mu);
        struct re_slot *sl = &q.slots[i];
        if (!nt)
            re_read(db, own, ids[i], sl);
        long long id = ids[i];
        if (sl->st != GR_OK) {
            if (!(*skipped)++)
                snprintf(db->err, sizeof db->err, "%s", sl->why);
        } else {
            char upd[160];
            snprintf(upd, sizeof upd, "DELETE FROM facts WHERE doc_id=%lld; UPDATE documents SET extractor_version='%s' "
                                      "WHERE id=%lld",
                     id, GR_EXTRACTOR_VERSION, id);
            /* comments follow their figure to its new row, found by where its number stands (the ids
             * are new); one whose number no fact reads now keeps its place and label, and no id */
            char relink[300];
            snprintf(relink, sizeof relink, "UPDATE comments SET fact_id = (SELECT min(f.id) FROM facts f WHERE f.doc_id = %lld"
                                            " AND f.text_start = comments.fact_at) WHERE doc_id = %lld AND fact_at IS NOT NULL",
                     id, id);
            long nf = 0;
            if (exec(db, "SAVEPOINT re") || exec(db, upd) || (nf = insert_facts(db, id, sl->doc, sl->facts)) < 0 ||
                exec(db, relink) || (sl->same_text && store_map(db, id, sl->doc, NULL, 0)) || exec(db, "RELEASE re")) {
                rollback(db, "ROLLBACK TO re; RELEASE re");
                rc = GR_EINPUT;
            } else {
                (*docs)++;
                *facts += (size_t)nf;
                r->from_input += !sl->from_text;
                in_batch++;
            }
        }
        gr_facts_free(sl->facts);
        gr_doc_free(sl->doc);
        sl->facts = NULL, sl->doc = NULL;
        if (rc == GR_OK && (in_batch >= REEXTRACT_BATCH || now_ms() - t0 >= 1000)) {
            if (exec(db, "COMMIT") || exec(db, "BEGIN IMMEDIATE"))
                rc = GR_EINPUT, in_tx = !sqlite3_get_autocommit(db->db);
            in_batch = 0, t0 = now_ms();
        }
        pthread_mutex_lock(&q.mu);
        q.written = i + 1;
        q.stop = rc != GR_OK;
        pthread_cond_broadcast(&q.done);
        pthread_mutex_unlock(&q.mu);
    }
    if (in_tx && !sqlite3_get_autocommit(db->db) && exec(db, "COMMIT")) { /* what was replaced before a failure stays */
        rollback(db, NULL);
        rc = GR_EINPUT;
    }
    pthread_mutex_lock(&q.mu);
    q.stop = 1;
    pthread_cond_broadcast(&q.done);
    pthread_mutex_unlock(&q.mu);
    for (unsigned t = 0; t < nt; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < n; i++) { /* stopped: what was read ahead */
        gr_facts_free(q.slots[i].facts);
        gr_doc_free(q.slots[i].doc);
    }
    pthread_mutex_destroy(&q.mu);
    pthread_cond_destroy(&q.more);
    pthread_cond_destroy(&q.done);
    sqlite3_finalize(own);
    free(q.slots);
    free(ids);
    return rc;
}

gr_status gr_db_settle(gr_db *db)
{
    write_segment(db);
    sqlite3_stmt *st;
    long long unindexed = 0;
    if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM text_unindexed", -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "counting what the index lacks");
    if (sqlite3_step(st) == SQLITE_ROW)
        unindexed = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* documents no segment holds (stored before a kill, or too large for a worker): indexed now */
    if (unindexed) {
        size_t docs;
        if (!db->acc && !(db->acc = gr_tri_acc_new()))
            return snprintf(db->err, sizeof db->err, "out of memory"), GR_ENOMEM;
        if (exec(db, "BEGIN IMMEDIATE"))
            return fault(sqlite3_errcode(db->db));
        int rc = gr_tri_catch_up(db->db, db->acc, &docs);
        if (rc != SQLITE_OK || exec(db, "COMMIT")) {
            if (rc != SQLITE_OK)
                gr_db_fail(db, "indexing the text");
            gr_status f = fault(rc != SQLITE_OK ? rc : sqlite3_errcode(db->db));
            rollback(db, NULL);
            gr_tri_acc_drop(db->acc);
            return f;
        }
    }
    /* many small segments (one an ingest): merged into one, their pages given back */
    if (exec(db, "BEGIN IMMEDIATE"))
        return fault(sqlite3_errcode(db->db));
    int rc = gr_tri_merge(db->db);
    if (rc != SQLITE_OK || exec(db, "COMMIT")) {
        if (rc != SQLITE_OK)
            gr_db_fail(db, "merging the index");
        gr_status f = fault(rc != SQLITE_OK ? rc : sqlite3_errcode(db->db));
        rollback(db, NULL);
        return f;
    }
    exec(db, "PRAGMA incremental_vacuum");
    return GR_OK;
}

gr_status gr_db_reindex(gr_db *db, size_t *docs)
{
    *docs = 0;
    write_segment(db); /* what this connection gathered goes first, and then with the rest */
    if (exec(db, "BEGIN IMMEDIATE"))
        return fault(sqlite3_errcode(db->db));
    if (exec(db, "DELETE FROM text_index; DELETE FROM text_segments;"
                 " INSERT OR IGNORE INTO text_unindexed SELECT id FROM documents") ||
        exec(db, "COMMIT")) {
        gr_status f = fault(sqlite3_errcode(db->db));
        rollback(db, NULL);
        return f;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM text_unindexed", -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "counting what the index lacks");
    if (sqlite3_step(st) == SQLITE_ROW)
        *docs = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* search reads the documents directly until settle has indexed them again */
    return gr_db_settle(db);
}

gr_status gr_db_query(gr_db *db, const char *sql, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, &tail) != SQLITE_OK)
        return gr_db_fail(db, "SQL");
    if (!st) {
        snprintf(db->err, sizeof db->err, "SQL: an empty statement");
        return GR_EINPUT;
    }
    while (tail && (*tail == ' ' || *tail == '\n' || *tail == ';' || *tail == '\t'))
        tail++;
    if (tail && *tail) {
        sqlite3_finalize(st);
        snprintf(db->err, sizeof db->err, "SQL: one statement at a time, please");
        return GR_EINPUT;
    }
    if (!sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        snprintf(db->err, sizeof db->err, "SQL: only read-only statements are allowed (SELECT, WITH, EXPLAIN)");
        return GR_EINPUT;
    }
    return gr_db_rows(db, st, fn, ctx);
}

static gr_status rows(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx, int keep)
{
    int n = sqlite3_column_count(st);
    const char **names = calloc((size_t)n + 1, sizeof *names), **vals = calloc((size_t)n + 1, sizeof *vals);
    if (!names || !vals) {
        free(names);
        free(vals);
        if (keep)
            sqlite3_reset(st), sqlite3_clear_bindings(st);
        else
            sqlite3_finalize(st);
        return GR_ENOMEM;
    }
    for (int i = 0; i < n; i++)
        names[i] = sqlite3_column_name(st, i);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ctx, n, names, vals))
            break;
    }
    gr_status out = rc == SQLITE_ROW || rc == SQLITE_DONE ? GR_OK : gr_db_fail(db, "query");
    free(names);
    free(vals);
    if (keep)
        sqlite3_reset(st), sqlite3_clear_bindings(st);
    else
        sqlite3_finalize(st);
    return out;
}

gr_status gr_db_rows(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx) { return rows(db, st, fn, ctx, 0); }
gr_status gr_db_rows_kept(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx) { return rows(db, st, fn, ctx, 1); }
