/* browse.c - what the web viewer reads from a corpus (the library's contents, one report with its
 * paragraphs, facts and comments, its original bytes) and the one thing it writes: a comment.
 *
 * Every function hands rows to a gr_row_fn, as the other queries do; a report is named by its
 * region code and the year it was delivered (its plan year), the viewer's stable URL.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The viewer runs these on every request: each is kept prepared (gr_db_kept). */
static gr_status prepare(gr_db *db, int slot, const char *what, const char *sql, sqlite3_stmt **out)
{
    return (*out = gr_db_kept(db, slot, what, sql)) ? GR_OK : GR_EINPUT;
}

/* A kept statement with one parameter, an id. */
static gr_status by_id(gr_db *db, int slot, const char *what, const char *sql, long long id, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    if (prepare(db, slot, what, sql, &st))
        return GR_EINPUT;
    sqlite3_bind_int64(st, 1, id);
    return gr_db_rows_kept(db, st, fn, ctx);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

gr_status gr_db_stats(gr_db *db, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    if (prepare(db, GR_STMT_STATS, "stats",
            "SELECT (SELECT count(*) FROM documents) AS documents,"
            " (SELECT count(DISTINCT coalesce(region_code, region)) FROM documents) AS regions,"
            " (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM comments) AS comments,"
            " (SELECT min(plan_year) FROM documents) AS first_year, (SELECT max(plan_year) FROM documents) AS last_year",
            &st))
        return GR_EINPUT;
    return gr_db_rows_kept(db, st, fn, ctx);
}

/* a report's province for its breadcrumb: its name and whether the library has its reports */
#define PROVINCE_COLS                                                                                  \
    "(SELECT name FROM regions pr WHERE pr.code = r.province_code) AS province_name,"                  \
    " EXISTS(SELECT 1 FROM documents pd WHERE pd.region_code = r.province_code) AS province_reports"

#define REPORT_COLS                                                                                    \
    "d.id, d.region_code, coalesce(r.name, d.region) AS region, coalesce(r.level, d.level) AS level,"  \
    " r.province_code, r.city_code, d.plan_year AS year, d.review_year, d.meeting_date, d.speaker,"    \
    " d.speaker_title, d.title, d.file, d.format, d.encoding, d.sha256, d.extractor_version,"           \
    " (SELECT count(*) FROM facts f WHERE f.doc_id = d.id) AS facts,"                                  \
    " (SELECT count(*) FROM comments c WHERE c.doc_id = d.id) AS comments"

gr_status gr_db_reports(gr_db *db, const gr_reports_opts *o, gr_row_fn fn, void *ctx)
{
    char sql[1200];
    snprintf(sql, sizeof sql,
             "SELECT " REPORT_COLS " FROM documents d LEFT JOIN regions r ON r.code = d.region_code"
             " WHERE (?1 IS NULL OR coalesce(r.level, d.level) = ?1)"
             " AND (?2 IS NULL OR d.region_code = ?2 OR r.province_code = ?2 OR r.city_code = ?2)"
             " AND (?3 IS NULL OR d.region_code = ?3) AND (?4 = 0 OR d.plan_year = ?4)"
             " ORDER BY %s LIMIT ?5",
             o->order && !strcmp(o->order, "latest") ? "d.plan_year DESC, d.meeting_date DESC, d.id DESC"
                                                     : "d.region_code, d.plan_year DESC, d.id DESC");
    sqlite3_stmt *st = NULL;
    if (prepare(db, o->order && !strcmp(o->order, "latest") ? GR_STMT_REPORTS_LATEST : GR_STMT_REPORTS_BY_REGION,
                "reports", sql, &st))
        return GR_EINPUT;
    bind_opt(st, 1, o->level);
    bind_opt(st, 2, o->province);
    bind_opt(st, 3, o->region);
    sqlite3_bind_int(st, 4, o->year);
    sqlite3_bind_int(st, 5, o->limit > 0 ? o->limit : -1);
    return gr_db_rows_kept(db, st, fn, ctx);
}

gr_status gr_db_report_regions(gr_db *db, const char *level, const char *province, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    if (prepare(db, GR_STMT_REGIONS, "regions",
            "SELECT d.region_code AS code, coalesce(r.name, max(d.region)) AS name,"
            " coalesce(r.level, max(d.level)) AS level, r.province_code, r.city_code, count(*) AS reports,"
            " group_concat(DISTINCT d.plan_year) AS years"
            " FROM (SELECT * FROM documents ORDER BY plan_year) d LEFT JOIN regions r ON r.code = d.region_code"
            " WHERE d.region_code IS NOT NULL AND d.plan_year IS NOT NULL"
            " AND (?1 IS NULL OR coalesce(r.level, d.level) = ?1)"
            " AND (?2 IS NULL OR d.region_code = ?2 OR r.province_code = ?2 OR r.city_code = ?2)"
            " GROUP BY d.region_code ORDER BY d.region_code",
            &st))
        return GR_EINPUT;
    bind_opt(st, 1, level);
    bind_opt(st, 2, province);
    return gr_db_rows_kept(db, st, fn, ctx);
}

gr_status gr_db_report(gr_db *db, const char *region_code, int year, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    if (prepare(db, GR_STMT_REPORT, "report",
            "SELECT " REPORT_COLS ", " GR_DOC_TEXT("d") " AS text, " PROVINCE_COLS " FROM documents d LEFT JOIN regions r"
            " ON r.code = d.region_code WHERE d.region_code = ?1 AND d.plan_year = ?2"
            " ORDER BY d.meeting_date DESC, d.id DESC LIMIT 1",
            &st))
        return GR_EINPUT;
    sqlite3_bind_text(st, 1, region_code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, year);
    return gr_db_rows_kept(db, st, fn, ctx);
}

gr_status gr_db_report_id(gr_db *db, long long id, gr_row_fn fn, void *ctx)
{
    return by_id(db, GR_STMT_REPORT_ID, "report",
                 "SELECT " REPORT_COLS ", " GR_DOC_TEXT("d") " AS text, " PROVINCE_COLS " FROM documents d LEFT JOIN regions r"
                 " ON r.code = d.region_code WHERE d.id = ?1",
                 id, fn, ctx);
}

gr_status gr_db_report_paragraphs(gr_db *db, long long doc, gr_row_fn fn, void *ctx)
{
    return by_id(db, GR_STMT_PARAGRAPHS, "paragraphs",
                 "SELECT idx, part, heading, section, start, end, src_start, src_end FROM paragraphs"
                 " WHERE doc_id = ?1 ORDER BY idx",
                 doc, fn, ctx);
}

gr_status gr_db_report_facts(gr_db *db, long long doc, gr_row_fn fn, void *ctx)
{
    return by_id(db, GR_STMT_FACTS, "facts",
                 "SELECT id, metric, indicator, kind, value, high, unit, role, approx, year, period_start, basis,"
                 " estimate, para, text_start, text_end, start, end, " GR_FACT_SENTENCE("f") " AS sentence"
                 " FROM facts f WHERE doc_id = ?1"
                 " ORDER BY coalesce(text_start, start), id",
                 doc, fn, ctx);
}

/* The same facts with only what a report page shows of each: the sentence, start and end stay in
 * the database (the page prints the sentence it is already showing, and a seed-sized report's
 * sentences are a third of the bytes its facts query copied). */
gr_status gr_db_report_figures(gr_db *db, long long doc, gr_row_fn fn, void *ctx)
{
    return by_id(db, GR_STMT_FIGURES, "facts",
                 "SELECT id, metric, indicator, kind, value, high, unit, role, approx, year, period_start,"
                 " text_start, text_end FROM facts WHERE doc_id = ?1 ORDER BY coalesce(text_start, start), id",
                 doc, fn, ctx);
}

gr_status gr_db_comments(gr_db *db, long long doc, gr_row_fn fn, void *ctx)
{
    return by_id(db, GR_STMT_COMMENTS, "comments",
                 "SELECT id, fact_id, fact_at, fact_label, name, body, created_at FROM comments WHERE doc_id = ?1 ORDER BY id",
                 doc, fn, ctx);
}

gr_status gr_db_alternates(gr_db *db, long long doc, gr_row_fn fn, void *ctx)
{
    return by_id(db, GR_STMT_ALTERNATES, "alternate sources",
                 "SELECT file, format, encoding, chars, same_text, ingested_at FROM alternates WHERE doc_id = ?1 ORDER BY id",
                 doc, fn, ctx);
}

gr_status gr_db_indicator_list(gr_db *db, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    if (prepare(db, GR_STMT_INDICATORS, "indicators",
            "SELECT i.id, i.name, i.unit_family, (SELECT count(*) FROM facts f WHERE f.indicator = i.id) AS facts"
            " FROM indicators i ORDER BY facts DESC, i.id",
            &st))
        return GR_EINPUT;
    return gr_db_rows_kept(db, st, fn, ctx);
}

gr_status gr_db_indicator_names(gr_db *db, gr_row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, "SELECT id, name FROM indicators ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "indicators");
    return gr_db_rows(db, st, fn, ctx);
}

gr_status gr_db_source(gr_db *db, long long doc, void **data, size_t *len, char *format, size_t formatlen)
{
    *data = NULL;
    *len = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT s.source, d.format, s.codec, s.path, d.sha256 FROM sources s JOIN documents d"
                           " ON d.id = s.doc_id WHERE s.doc_id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "source");
    sqlite3_bind_int64(st, 1, doc);
    gr_status out = GR_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        out = gr_db_unpack_source(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                                  (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                                  (const char *)sqlite3_column_text(st, 4), data, len, db->err, sizeof db->err);
        if (out == GR_OK)
            snprintf(format, formatlen, "%s", sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
        else if (out == GR_ENOMEM)
            snprintf(db->err, sizeof db->err, "out of memory");
    } else {
        snprintf(db->err, sizeof db->err, "no such document");
        out = GR_EINPUT;
    }
    sqlite3_finalize(st);
    return out;
}

gr_status gr_db_add_comment(gr_db *db, long long doc, long long fact_at, const char *name, const char *body,
                            long long *id)
{
    sqlite3_stmt *st = NULL;
    /* a figure is named by where its number stands in the text (fact_at): that survives a
     * re-extraction, which renumbers facts; the label (the first fact of the number, metric and
     * value) is kept with the comment too. No fact there: no comment. */
    if (sqlite3_prepare_v2(db->db,
                           "INSERT INTO comments(doc_id, fact_id, fact_at, fact_label, name, body)"
                           " SELECT d.id, f.id, f.text_start, f.metric || ' ' || f.value || f.unit, ?3, ?4"
                           " FROM documents d LEFT JOIN (SELECT * FROM facts WHERE doc_id = ?1 AND text_start = ?2"
                           " ORDER BY id LIMIT 1) f ON 1 WHERE d.id = ?1 AND (?2 IS NULL OR f.id IS NOT NULL)",
                           -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "adding a comment");
    sqlite3_bind_int64(st, 1, doc);
    if (fact_at >= 0)
        sqlite3_bind_int64(st, 2, fact_at);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, body, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return gr_db_fail(db, "adding a comment");
    if (sqlite3_changes(db->db) != 1) {
        snprintf(db->err, sizeof db->err, fact_at >= 0 ? "no such document or figure" : "no such document");
        return GR_EINPUT;
    }
    if (id)
        *id = sqlite3_last_insert_rowid(db->db);
    return GR_OK;
}
