/* query.c - the questions users ask of a corpus: a region x year panel of one indicator, each
 * target beside the result reported a year later, full-text search, and the reports read again as
 * documents (gr_db_each_document, for measures of the text itself).
 *
 * Which fact stands for a region and year: results come from the report that reviews that year
 * (review_year = year), targets from the report that plans it (plan_year = year); multi-year
 * figures (a period) are left out; of several candidates the first stated in the report wins
 * (reports give the headline figure first, then breakdowns).
 */
#define _GNU_SOURCE /* memmem */
#include "store.h"

#include "../fact/fact.h" /* gr_indicators: an indicator's direction */
#include "../util/buf.h"
#include "../util/utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *gr_db_region_code(gr_db *db, const char *region, char *buf)
{
    if (strlen(region) == 6 && strspn(region, "0123456789") == 6) {
        memcpy(buf, region, 7);
        return buf;
    }
    sqlite3_stmt *st;
    const char *out = NULL;
    /* the full name, or the name without its suffix (浙江 for 浙江省), shortest code first */
    if (sqlite3_prepare_v2(db->db,
                           "SELECT code FROM regions WHERE name=?1 OR (name LIKE ?1 || '_' OR name LIKE ?1 || '__') "
                           "ORDER BY name<>?1, level, code LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(buf, 7, "%s", (const char *)sqlite3_column_text(st, 0));
        out = buf;
    }
    sqlite3_finalize(st);
    return out;
}

/* The facts that stand for (region, year) of one indicator, kind and ROLE (an SQL expression): those
 * marked at ingest (facts.pick; GR_PICK_ORDER says which). Every fact column read here is in the
 * covering index facts_picked, which holds the marked facts only, so a panel reads its own rows.
 * Parameters: ?1 indicator, ?2 kind, ?3 role, ?4 level or NULL, ?5 first year, ?6 last year, ?7
 * region or NULL. */
#define PICK_SQL(ROLE)                                                                                 \
    "SELECT d.region_code, coalesce(r.name, d.region) AS region,"                                        \
    "  coalesce(r.level, d.level) AS level, r.province_code, r.city_code, f.year, f.indicator, f.kind,"   \
    "  f.role, f.value, f.high, f.unit, f.base_value, f.base_unit, f.approx, f.metric, d.file,"          \
    "  coalesce(d.region_code, d.region) AS rkey, 1 AS pick"                                             \
    "  FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN regions r ON r.code = d.region_code"   \
    "  WHERE f.indicator = ?1 AND f.kind = ?2 AND f.role = " ROLE " AND f.pick = 1"                      \
    "   AND (?4 IS NULL OR coalesce(r.level, d.level) = ?4) AND f.year BETWEEN ?5 AND ?6"                \
    "   AND (?7 IS NULL OR d.region_code = ?7)"

static int bind_common(sqlite3_stmt *st, const char *indicator, const char *kind, const char *role,
                       const char *level, int from, int to, const char *region)
{
    sqlite3_bind_text(st, 1, indicator, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
    if (level)
        sqlite3_bind_text(st, 4, level, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_int(st, 5, from ? from : 1949);
    sqlite3_bind_int(st, 6, to ? to : 2100);
    if (region)
        sqlite3_bind_text(st, 7, region, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 7);
    return 0;
}

#define PANEL_COLS                                                                                     \
    "p.region_code, p.region, p.level, p.province_code, p.city_code, p.year, p.indicator, p.kind, p.role," \
    " p.value, p.high, p.unit, p.base_value, p.base_unit, p.approx, p.metric, p.file"

/* The plain panel (no parents) is joined in C: the marked facts read from their covering index in
 * one pass, the documents they come from by id (all of them in one pass when the facts come from
 * many), the regions in one pass, the rows sorted here. SQLite's own join of the same (PICK_SQL)
 * looked each fact's document up at random and sorted the rows in a temporary b-tree, four fifths
 * of a panel's time at 80,000 reports. The values are SQLite's own text of each column, so the
 * rows are those PICK_SQL gives, byte for byte, in its order (tests/store.sh compares them with a join written in SQL). */
enum { PF_REGION_CODE, PF_REGION, PF_LEVEL, PF_PROVINCE, PF_CITY, PF_YEAR, PF_INDICATOR, PF_KIND, PF_ROLE,
       PF_VALUE, PF_HIGH, PF_UNIT, PF_BASE_VALUE, PF_BASE_UNIT, PF_APPROX, PF_METRIC, PF_FILE, PF_N };
static const char *const pf_names[PF_N] = {"region_code", "region", "level", "province_code", "city_code", "year",
                                           "indicator", "kind", "role", "value", "high", "unit", "base_value",
                                           "base_unit", "approx", "metric", "file"};
struct pf_row {
    size_t v[PF_N]; /* offsets in the arena + 1; 0: NULL */
    long long doc;
    int year;
};
struct pf_doc {
    long long id;
    size_t code, region, level, file; /* as in pf_row */
    const struct pf_region *r;
};
struct pf_region {
    size_t code, name, level, province, city;
};
struct pf {
    gr_buf arena;
    struct pf_row *rows;
    size_t nrows, caprows;
    struct pf_doc *docs;
    size_t ndocs;
    struct pf_region *regions;
    size_t nregions;
};

static size_t pf_keep(struct pf *p, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t)
        return 0;
    size_t at = p->arena.len;
    gr_buf_add(&p->arena, t, (size_t)sqlite3_column_bytes(st, col) + 1);
    return at + 1;
}

static const char *pf_str(const struct pf *p, size_t v) { return v ? p->arena.p + v - 1 : NULL; }

static __thread const struct pf *pf_cur; /* qsort's and bsearch's context: the panel of this thread */

static int pf_by_doc(const void *a, const void *b)
{
    long long x = ((const struct pf_row *)a)->doc, y = ((const struct pf_row *)b)->doc;
    return x < y ? -1 : x > y;
}

/* A row's place in ORDER BY rkey, year: rkey the region's code, or its name for a region without
 * one, NULL first, compared as bytes (SQLite's BINARY); its first eight bytes (zeros past its end)
 * as a number, which orders most rows alone (a code has six). */
struct pf_key {
    uint64_t head;
    const char *key; /* NULL: rkey is NULL */
    int year;
    size_t row;
};

static int pf_by_key(const void *a, const void *b)
{
    const struct pf_key *x = a, *y = b;
    if (!x->key || !y->key) {
        if (x->key || y->key)
            return !x->key ? -1 : 1;
    } else if (x->head != y->head) {
        return x->head < y->head ? -1 : 1;
    } else if (x->key[7] && y->key[7]) { /* both run past the eight bytes that are the same */
        int c = strcmp(x->key + 8, y->key + 8);
        if (c)
            return c;
    } else if (x->key[7] || y->key[7]) {
        return x->key[7] ? 1 : -1;
    }
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row); /* one pick per region and year: no ties, but a fixed order */
}

static int pf_region_cmp(const void *key, const void *elem)
{
    return strcmp(key, pf_cur->arena.p + ((const struct pf_region *)elem)->code - 1);
}

static gr_status panel_plain(gr_db *db, const gr_panel_opts *o, gr_row_fn fn, void *ctx)
{
    struct pf p = {0};
    struct pf_key *keys = NULL;
    gr_status out = GR_OK;
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK;
    /* the facts: their covering index, in its order (year, then document) */
    if (sqlite3_prepare_v2(db->db,
                           "SELECT f.doc_id, f.year, f.indicator, f.kind, f.role, f.value, f.high, f.unit, f.base_value,"
                           " f.base_unit, f.approx, f.metric FROM facts f WHERE f.indicator = ?1 AND f.kind = ?2"
                           " AND f.role = ?3 AND f.pick = 1 AND f.year BETWEEN ?5 AND ?6",
                           -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "panel");
    bind_common(st, o->indicator, o->kind ? o->kind : "growth", o->role ? o->role : "actual", NULL, o->year_from,
                o->year_to, NULL);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (p.nrows == p.caprows) {
            size_t c = p.caprows ? 2 * p.caprows : 1024;
            struct pf_row *r = realloc(p.rows, c * sizeof *r);
            if (!r)
                goto oom;
            p.rows = r, p.caprows = c;
        }
        struct pf_row *r = &p.rows[p.nrows++];
        memset(r, 0, sizeof *r);
        r->doc = sqlite3_column_int64(st, 0);
        r->year = sqlite3_column_int(st, 1);
        r->v[PF_YEAR] = pf_keep(&p, st, 1);
        for (int c = 2; c < 12; c++)
            r->v[PF_INDICATOR + c - 2] = pf_keep(&p, st, c);
    }
    if (rc != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    st = NULL;
    if (!p.nrows)
        goto done;
    /* the regions, by code */
    if (sqlite3_prepare_v2(db->db, "SELECT code, name, level, province_code, city_code FROM regions ORDER BY code", -1, &st,
                           NULL) != SQLITE_OK)
        goto fail;
    size_t capr = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (p.nregions == capr) {
            size_t c = capr ? 2 * capr : 4096;
            struct pf_region *q = realloc(p.regions, c * sizeof *q);
            if (!q)
                goto oom;
            p.regions = q, capr = c;
        }
        struct pf_region *g = &p.regions[p.nregions++];
        g->code = pf_keep(&p, st, 0), g->name = pf_keep(&p, st, 1), g->level = pf_keep(&p, st, 2);
        g->province = pf_keep(&p, st, 3), g->city = pf_keep(&p, st, 4);
    }
    if (rc != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    st = NULL;
    /* the documents: by id in order, or all in one pass when the facts come from many of them */
    qsort(p.rows, p.nrows, sizeof *p.rows, pf_by_doc);
    size_t need = 0;
    for (size_t i = 0; i < p.nrows; i++)
        need += !i || p.rows[i].doc != p.rows[i - 1].doc;
    long long ndocs = 0;
    if (sqlite3_prepare_v2(db->db, "SELECT count(*) FROM documents", -1, &st, NULL) != SQLITE_OK)
        goto fail;
    if (sqlite3_step(st) == SQLITE_ROW)
        ndocs = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    int scan = (long long)need * 8 > ndocs;
    if (sqlite3_prepare_v2(db->db,
                           scan ? "SELECT id, region_code, region, level, file FROM documents ORDER BY id"
                                : "SELECT id, region_code, region, level, file FROM documents WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    if (!(p.docs = calloc(need, sizeof *p.docs)))
        goto oom;
    pf_cur = &p;
    int on_row = 0; /* the scan is on a row (rc == SQLITE_ROW), of document cur */
    long long cur = 0;
    rc = SQLITE_OK;
    for (size_t i = 0; i < p.nrows; i++) {
        if (i && p.rows[i].doc == p.rows[i - 1].doc)
            continue;
        long long id = p.rows[i].doc;
        if (!scan) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, id);
            on_row = (rc = sqlite3_step(st)) == SQLITE_ROW;
            cur = on_row ? sqlite3_column_int64(st, 0) : 0;
        } else {
            while ((!on_row || cur < id) && rc != SQLITE_DONE) {
                on_row = (rc = sqlite3_step(st)) == SQLITE_ROW;
                cur = on_row ? sqlite3_column_int64(st, 0) : 0;
            }
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            goto fail;
        if (on_row && cur == id) {
            struct pf_doc *d = &p.docs[p.ndocs++];
            d->id = id;
            d->code = pf_keep(&p, st, 1), d->region = pf_keep(&p, st, 2), d->level = pf_keep(&p, st, 3);
            d->file = pf_keep(&p, st, 4);
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if (p.arena.oom)
        goto oom;
    for (size_t i = 0; i < p.ndocs; i++) /* the arena moves no more: the regions by pointer */
        p.docs[i].r = p.docs[i].code ? bsearch(pf_str(&p, p.docs[i].code), p.regions, p.nregions, sizeof *p.regions,
                                               pf_region_cmp)
                                     : NULL;
    /* each row its document's columns (a fact whose document is gone has none: SQLite's join drops it) */
    size_t kept = 0;
    for (size_t i = 0, k = 0; i < p.nrows; i++) {
        while (k < p.ndocs && p.docs[k].id < p.rows[i].doc)
            k++;
        if (k == p.ndocs || p.docs[k].id != p.rows[i].doc)
            continue;
        const struct pf_doc *d = &p.docs[k];
        struct pf_row *r = &p.rows[i];
        r->v[PF_REGION_CODE] = d->code;
        r->v[PF_REGION] = d->r && d->r->name ? d->r->name : d->region;
        r->v[PF_LEVEL] = d->r && d->r->level ? d->r->level : d->level;
        r->v[PF_PROVINCE] = d->r ? d->r->province : 0;
        r->v[PF_CITY] = d->r ? d->r->city : 0;
        r->v[PF_FILE] = d->file;
        if (o->level && (!r->v[PF_LEVEL] || strcmp(pf_str(&p, r->v[PF_LEVEL]), o->level)))
            continue;
        p.rows[kept++] = *r;
    }
    p.nrows = kept;
    if (!(keys = malloc((p.nrows ? p.nrows : 1) * sizeof *keys)))
        goto oom;
    for (size_t i = 0; i < p.nrows; i++) {
        const struct pf_row *r = &p.rows[i];
        const char *k = pf_str(&p, r->v[PF_REGION_CODE] ? r->v[PF_REGION_CODE] : r->v[PF_REGION]);
        uint64_t h = 0;
        int n = 0;
        for (; k && n < 8 && k[n]; n++)
            h = h << 8 | (unsigned char)k[n];
        for (int z = n; z < 8; z++)
            h <<= 8;
        keys[i] = (struct pf_key){h, k, r->year, i};
        if (k && n < 8) /* shorter than eight bytes: the head says it all (key[7] is read as 0 then) */
            keys[i].key = "\0\0\0\0\0\0\0\0";
    }
    qsort(keys, p.nrows, sizeof *keys, pf_by_key);
    for (size_t i = 0; i < p.nrows; i++) {
        const char *vals[PF_N];
        for (int c = 0; c < PF_N; c++)
            vals[c] = pf_str(&p, p.rows[keys[i].row].v[c]);
        if (fn(ctx, PF_N, pf_names, vals))
            break;
    }
    goto done;
oom:
    snprintf(db->err, sizeof db->err, "out of memory");
    out = GR_ENOMEM;
    goto done;
fail:
    out = gr_db_fail(db, "panel");
done:
    sqlite3_finalize(st);
    gr_buf_free(&p.arena);
    free(keys);
    free(p.rows);
    free(p.docs);
    free(p.regions);
    return out;
}

gr_status gr_db_panel(gr_db *db, const gr_panel_opts *o, gr_row_fn fn, void *ctx)
{
    if (!o->with_parents) {
        int own = sqlite3_get_autocommit(db->db); /* the passes read one snapshot */
        if (own && gr_db_read_begin(db) != GR_OK)
            return gr_db_fail(db, "panel");
        gr_status rc = panel_plain(db, o, fn, ctx);
        if (own)
            gr_db_read_end(db);
        return rc;
    }
    sqlite3_stmt *st;
    /* with the parents: the picks of every level, each row beside its city's and its province's pick
     * for the same year (long), or the parents' own rows among the level's (wide: one per region,
     * in code order, so a province comes before its cities and a city before its counties) */
    const char *parents_long =
        "WITH picked AS (" PICK_SQL("?3") ") SELECT " PANEL_COLS ", c.value AS city_value, c.unit AS city_unit,"
        " c.approx AS city_approx, c.file AS city_file, pr.value AS province_value, pr.unit AS province_unit,"
        " pr.approx AS province_approx, pr.file AS province_file FROM picked p"
        " LEFT JOIN picked c ON c.region_code = p.city_code AND c.year = p.year"
        " LEFT JOIN picked pr ON pr.region_code = p.province_code AND pr.year = p.year"
        " WHERE ?8 IS NULL OR p.level = ?8 ORDER BY p.rkey, p.year";
    const char *parents_rows =
        "WITH picked AS (" PICK_SQL("?3") ") SELECT " PANEL_COLS " FROM picked p"
        " WHERE ?8 IS NULL OR p.level = ?8 OR p.region_code IN (SELECT city_code FROM picked WHERE level = ?8)"
        " OR p.region_code IN (SELECT province_code FROM picked WHERE level = ?8) ORDER BY p.rkey, p.year";
    if (sqlite3_prepare_v2(db->db, o->with_parents == 2 ? parents_rows : parents_long, -1, &st,
                           NULL) != SQLITE_OK)
        return gr_db_fail(db, "panel");
    bind_common(st, o->indicator, o->kind ? o->kind : "growth", o->role ? o->role : "actual",
                NULL, o->year_from, o->year_to, NULL);
    if (o->level)
        sqlite3_bind_text(st, 8, o->level, -1, SQLITE_STATIC);
    return gr_db_rows(db, st, fn, ctx);
}

/* The targets query returns raw columns; the verdict is computed here, where the rule is. */
struct verdict_ctx {
    gr_row_fn fn;
    void *ctx;
    double tol;
    int ceiling; /* the indicator's targets are caps or cuts (CPI, unemployment, intensities) */
};

static int verdict(void *vctx, int n, const char *const *names, const char *const *vals)
{
    struct verdict_ctx *v = vctx;
    /* columns: 0 region_code 1 region 2 level 3 year 4 file 5 target 6 target_high 7 target_approx
     * 8 target_unit 9 target_metric 10 result 11 result_unit 12 result_file 13 next_report
     * 14 plan names the indicator without a target */
    const char *status;
    char gap[32] = "", rule[64] = "";
    if (!vals[5]) {
        status = !vals[4] ? "no report of that year in the library (the result is a later report's)"
               : vals[14] ? "no numeric target (the plan names the indicator without a figure)" : "no target stated";
    } else if (!vals[10]) {
        status = vals[13] ? "no result stated" : "no result yet";
    } else {
        double t = atof(vals[5]), r = atof(vals[10]);
        double hi = vals[6] ? atof(vals[6]) : t;
        const char *a = vals[7] ? vals[7] : "exact";
        int met;
        if (!strcmp(a, "max")) {
            met = r <= hi + 1e-9;
            snprintf(rule, sizeof rule, "result <= %g", hi);
        } else if (v->ceiling && !strcmp(a, "about")) {
            /* 居民消费价格涨幅3%左右 against 0.2%: under a cap is met, over its band is missed */
            met = r <= hi + v->tol + 1e-9;
            snprintf(rule, sizeof rule, "result <= %g + %g (a ceiling)", hi, v->tol);
        } else if (v->ceiling) { /* a plain cap or cut: 单位GDP能耗下降3% is met by -4 */
            met = r <= hi + 1e-9;
            snprintf(rule, sizeof rule, "result <= %g (a ceiling)", hi);
        } else if (!strcmp(a, "about")) {
            met = r >= t - v->tol - 1e-9 && r <= hi + v->tol + 1e-9;
            snprintf(rule, sizeof rule, "|result - target| <= %g", v->tol);
        } else { /* min, exact, and ranges: reaching the (lower) target */
            met = r >= t - 1e-9;
            snprintf(rule, sizeof rule, "result >= %g", t);
        }
        snprintf(gap, sizeof gap, "%.4g", r - t);
        /* above the band of an "about" target is beyond it, not short of it */
        status = met ? "met" : (!v->ceiling && !strcmp(a, "about") && r > hi) ? "exceeded" : "missed";
    }
    const char *names2[18], *vals2[18];
    static const char *const cols[] = {"region_code", "region", "level", "year", "target", "target_high",
                                       "target_approx", "target_unit", "result", "result_unit", "gap",
                                       "status", "rule", "target_metric", "target_file", "result_file"};
    const char *src[] = {vals[0], vals[1], vals[2], vals[3], vals[5], vals[6], vals[7], vals[8],
                         vals[10], vals[11], gap[0] ? gap : NULL, status, rule[0] ? rule : NULL, vals[9],
                         vals[4], vals[12]};
    (void)n;
    (void)names;
    for (int i = 0; i < 16; i++) {
        names2[i] = cols[i];
        vals2[i] = src[i];
    }
    return v->fn(v->ctx, 16, names2, vals2);
}

/* A --region filter as a code in buf (*region NULL when none is given); -1, with the error set,
 * when no division has that name. */
static int region_filter(gr_db *db, const char *given, char *buf, const char **region)
{
    *region = NULL;
    if (given && !(*region = gr_db_region_code(db, given, buf))) {
        snprintf(db->err, sizeof db->err, "no division is called %s", given);
        return -1;
    }
    return 0;
}

gr_status gr_db_targets(gr_db *db, const gr_targets_opts *o, gr_row_fn fn, void *ctx)
{
    char code[8];
    const char *region;
    if (region_filter(db, o->region, code, &region))
        return GR_EINPUT;
    /* one row per report (region, plan year) in range; its target; the result the next report states */
    const char *sql =
        "WITH t AS MATERIALIZED (SELECT * FROM (" PICK_SQL("'target'") ") WHERE pick = 1),"
        " a AS MATERIALIZED (SELECT * FROM (" PICK_SQL("'actual'") ") WHERE pick = 1),"
        " reviewed AS MATERIALIZED (SELECT DISTINCT coalesce(region_code, region) AS rkey, review_year AS year"
        "   FROM documents),"
        " reports AS MATERIALIZED (SELECT coalesce(d.region_code, d.region) AS rkey, max(d.region_code) AS region_code,"
        "   max(d.region) AS region, max(d.level) AS level, max(d.file) AS file, d.plan_year AS year"
        "   FROM documents d WHERE (?4 IS NULL OR d.level = ?4)"
        "   AND d.plan_year BETWEEN ?5 AND ?6 AND (?7 IS NULL OR d.region_code = ?7)"
        "   GROUP BY rkey, d.plan_year"
        /* a year whose result a later report states but whose own report the library lacks: its row
         * too, with no target (a chart must not drop the result) */
        "   UNION ALL SELECT a.rkey, a.region_code, a.region, a.level, NULL, a.year FROM a"
        "   WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE coalesce(d.region_code, d.region) = a.rkey"
        "    AND d.plan_year = a.year))"
        " SELECT p.region_code, coalesce(r.name, p.region), p.level, p.year, p.file, t.value, t.high, t.approx,"
        "  t.unit, t.metric, a.value, a.unit, a.file,"
        "  CASE WHEN v.year IS NOT NULL THEN 1 END,"
        /* no target fact: does the plan part name the indicator at all (与经济增长同步, 不设具体目标)? */
        "  CASE WHEN t.value IS NULL AND EXISTS (SELECT 1 FROM documents d2" /* the report first, by its file */
        "   CROSS JOIN paragraphs pa ON pa.doc_id = d2.id JOIN para_text pt ON pt.id = d2.text_first + pa.idx"
        "   JOIN indicator_names n ON n.indicator = ?1 WHERE d2.file = p.file AND pa.part = 'plan'"
        "   AND instr(pt.text, n.name) > 0)"
        "   THEN 1 END"
        " FROM reports p LEFT JOIN regions r ON r.code = p.region_code"
        " LEFT JOIN reviewed v ON v.rkey = p.rkey AND v.year = p.year"
        " LEFT JOIN t ON t.rkey = p.rkey AND t.year = p.year"
        " LEFT JOIN a ON a.rkey = p.rkey AND a.year = p.year"
        " ORDER BY p.level, p.rkey, p.year";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "targets");
    bind_common(st, o->indicator, o->kind ? o->kind : "growth", "target", o->level, o->year_from, o->year_to,
                region);
    struct verdict_ctx v = {fn, ctx, o->tolerance > 0 ? o->tolerance : 0.5, 0};
    const gr_indicator *g = gr_indicator_by_id(o->indicator);
    v.ceiling = g && !strcmp(g->direction, "ceiling");
    return gr_db_rows(db, st, verdict, &v);
}

/* gr_hits(text, query): the characters the query's occurrences take in text, counted left to right
 * without overlap and with ASCII letters folded — what length(text) - length(replace(lower(text),
 * lower(query), '')) gives, without copying the text twice (search checks every candidate
 * paragraph with it: 105,572 of them for a common phrase at 80,000 reports). NULL for NULL. */
static void hits_func(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *t = sqlite3_value_text(argv[0]), *q = sqlite3_value_text(argv[1]);
    if (!t || !q) {
        sqlite3_result_null(cx);
        return;
    }
    size_t nt = (size_t)sqlite3_value_bytes(argv[0]), nq = (size_t)sqlite3_value_bytes(argv[1]);
    size_t chars = 0, fold = 0, n = 0;
    for (size_t i = 0; i < nq; i++) {
        chars += (q[i] & 0xC0) != 0x80;
        fold |= (q[i] | 0x20) >= 'a' && (q[i] | 0x20) <= 'z';
    }
    if (!nq) { /* replace() leaves the text as it is for an empty pattern */
        sqlite3_result_int64(cx, 0);
        return;
    }
    for (size_t i = 0; i + nq <= nt;) {
        size_t k = 0;
        if (fold) {
            while (k < nq) {
                unsigned char a = t[i + k], b = q[k];
                if (a >= 'A' && a <= 'Z')
                    a += 32;
                if (b >= 'A' && b <= 'Z')
                    b += 32;
                if (a != b)
                    break;
                k++;
            }
        } else {
            const unsigned char *m = memmem(t + i, nt - i, q, nq);
            if (!m)
                break;
            i = (size_t)(m - t), k = nq;
        }
        if (k == nq)
            n++, i += nq;
        else
            i++;
    }
    sqlite3_result_int64(cx, (sqlite3_int64)(n * chars));
}

int gr_store_functions(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "gr_hits", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                      hits_func, NULL, NULL, NULL);
}

gr_status gr_db_search(gr_db *db, const gr_search_opts *o, gr_row_fn fn, void *ctx)
{
    char code[8];
    const char *region;
    if (region_filter(db, o->region, code, &region))
        return GR_EINPUT;
    size_t qn = strlen(o->query), bad = gr_utf8_invalid_at((const unsigned char *)o->query, qn);
    if (bad < qn) { /* the stored text is UTF-8: such a query could only ever match by accident */
        snprintf(db->err, sizeof db->err, "the query is not UTF-8 text (byte %zu of %zu); give it as UTF-8", bad, qn);
        return GR_EINPUT;
    }
    size_t chars = 0;
    for (size_t i = 0; i < qn; i++)
        chars += ((unsigned char)o->query[i] & 0xC0) != 0x80;
    if (!chars) {
        snprintf(db->err, sizeof db->err, "an empty query");
        return GR_EINPUT;
    }
    /* the trigram index (tri.h) answers queries of three characters or more, shorter ones scan. It
     * gives the paragraphs that hold every three characters of the query (and those of documents
     * no segment holds yet, read directly), and each is then checked for the query itself; the
     * snippet is cut around the first hit, as for a scan. Case is folded for ASCII, as the index
     * folds it. */
    char sql[2200];
#define HIT " instr(lower(t.text), lower(?9)) > 0"
#define SNIPPET " replace(substr(t.text, max(1, instr(lower(t.text), lower(?9)) - 24), 60), ?9, ?2 || ?9 || ?3) AS snippet"
/* the ranking: BM25's weight of the query in a paragraph (k1 1.2, b 0.75, 150 characters a paragraph
 * on average), from how often it stands there and the paragraph's length. One query is one term, so
 * its inverse document frequency is the same for every paragraph and is left out. */
#define BM25 "(CAST(hb AS REAL) / length(?9)) * 2.2 / ((CAST(hb AS REAL) / length(?9))" \
             " + 1.2 * (0.25 + 0.75 * len / 150.0))"
#define FILTERS " AND (?4 IS NULL OR d.region_code = ?4) AND (?5 IS NULL OR d.level = ?5) AND (?6 = 0 OR d.plan_year = ?6)"
    /* every hit is counted (total, for paging); the snippets are cut for the page's rows only, after
     * the ranking and the count */
    if (chars >= 3)
        snprintf(sql, sizeof sql,
                 "WITH cand(id) AS (SELECT value FROM json_each(?1) UNION SELECT t.id FROM text_unindexed u"
                 "  JOIN documents d ON d.id = u.doc_id JOIN para_text t ON t.id >= d.text_first"
                 "  AND t.id < d.text_first + d.text_pieces JOIN paragraphs p ON p.doc_id = t.doc_id AND p.idx = t.idx"
                 "  WHERE p.part != 'boilerplate'),"
                 /* each candidate's text is folded once: hb, the characters the query's occurrences take
                  * in it (0: not there, three characters of it in some other order) */
                 " c AS MATERIALIZED (SELECT d.region_code, d.region, d.level, d.plan_year, d.file, t.idx AS para,"
                 "  t.id AS tid, d.id AS did, length(t.text) AS len,"
                 "  gr_hits(t.text, ?9) AS hb"
                 "  FROM cand JOIN para_text t ON t.id = cand.id JOIN documents d ON d.id = t.doc_id"
                 "  WHERE 1" FILTERS ")"
                 " SELECT region_code, region, level, plan_year, file, para," SNIPPET ", score, total FROM"
                 " (SELECT *, round(" BM25 ", 3) AS score, count(*) OVER () AS total FROM c WHERE hb > 0"
                 "  ORDER BY score DESC, plan_year DESC, did, para LIMIT ?7 OFFSET ?8) h JOIN para_text t ON t.id = h.tid"
                 " ORDER BY score DESC, plan_year DESC, did, para");
    else /* no index for one or two characters: a scan */
        snprintf(sql, sizeof sql,
                 "SELECT region_code, region, level, plan_year, file, para," SNIPPET ", NULL AS score, total FROM"
                 " (SELECT d.region_code, d.region, d.level, d.plan_year, d.file, p.idx AS para, t.id AS tid, d.id AS did,"
                 "  count(*) OVER () AS total"
                 "  FROM para_text t JOIN paragraphs p ON p.doc_id = t.doc_id AND p.idx = t.idx"
                 "  JOIN documents d ON d.id = p.doc_id"
                 "  WHERE" HIT " AND p.part != 'boilerplate'" FILTERS
                 "  ORDER BY d.plan_year DESC, d.id, p.idx LIMIT ?7 OFFSET ?8) h JOIN para_text t ON t.id = h.tid"
                 " ORDER BY plan_year DESC, did, para");
#undef HIT
#undef BM25
#undef SNIPPET
#undef FILTERS
    /* the look-up and the query read one snapshot */
    int own = sqlite3_get_autocommit(db->db);
    if (own && gr_db_read_begin(db) != GR_OK)
        return GR_EINPUT;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK) {
        gr_status f = gr_db_fail(db, "search");
        if (own)
            gr_db_read_end(db);
        return f;
    }
    /* the candidates as a JSON array of para_text ids, for json_each */
    gr_buf ids = {0};
    if (chars >= 3) {
        uint32_t *keys;
        size_t nk, n = 0;
        long long *hits = NULL;
        int rc = SQLITE_NOMEM;
        if (!gr_tri_query_keys(o->query, qn, &keys, &nk)) {
            rc = gr_tri_lookup(db->db, keys, nk, &hits, &n);
            free(keys);
        }
        if (rc != SQLITE_OK) {
            sqlite3_finalize(st);
            if (own)
                gr_db_read_end(db);
            if (rc == SQLITE_NOMEM)
                return GR_ENOMEM;
            snprintf(db->err, sizeof db->err, "search: the text index: %s%s", sqlite3_errstr(rc),
                     rc == SQLITE_CORRUPT ? " (run govreport ingest --reindex on the database)" : "");
            return GR_EINPUT;
        }
        gr_buf_addc(&ids, '[');
        for (size_t i = 0; i < n; i++)
            gr_buf_printf(&ids, i ? ",%lld" : "%lld", hits[i]);
        gr_buf_addc(&ids, ']');
        free(hits);
        if (ids.oom) {
            gr_buf_free(&ids);
            sqlite3_finalize(st);
            if (own)
                gr_db_read_end(db);
            return GR_ENOMEM;
        }
        sqlite3_bind_text(st, 1, ids.p, (int)ids.len, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, 9, o->query, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, o->mark_open ? o->mark_open : "[", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, o->mark_close ? o->mark_close : "]", -1, SQLITE_STATIC);
    if (region)
        sqlite3_bind_text(st, 4, region, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    if (o->level)
        sqlite3_bind_text(st, 5, o->level, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 5);
    sqlite3_bind_int(st, 6, o->year);
    sqlite3_bind_int(st, 7, o->limit > 0 ? o->limit : 20);
    sqlite3_bind_int(st, 8, o->offset > 0 ? o->offset : 0);
    gr_status rc = gr_db_rows(db, st, fn, ctx);
    gr_buf_free(&ids);
    if (own)
        gr_db_read_end(db);
    return rc;
}

gr_status gr_db_each_document(gr_db *db, const gr_docs_opts *o, int (*fn)(void *ctx, const gr_doc_row *row, const gr_doc *doc),
                              void *ctx, size_t *skipped)
{
    sqlite3_stmt *st;
    if (skipped)
        *skipped = 0;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT d.id, d.region_code, coalesce(r.name, d.region), coalesce(r.level, d.level), r.province_code,"
                           " r.city_code, coalesce(d.plan_year, 0), d.file, " GR_SOURCE_COLS
                           " FROM documents d LEFT JOIN regions r ON r.code = d.region_code" GR_SOURCE_JOIN
                           " WHERE (?1 IS NULL OR coalesce(r.level, d.level) = ?1)"
                           " AND (?2 IS NULL OR d.region_code = ?2 OR r.province_code = ?2 OR r.city_code = ?2)"
                           " AND (?3 = 0 OR d.plan_year >= ?3) AND (?4 = 0 OR d.plan_year <= ?4)"
                           " ORDER BY d.region_code IS NULL, d.region_code, d.plan_year, d.id",
                           -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "listing documents");
    if (o->level)
        sqlite3_bind_text(st, 1, o->level, -1, SQLITE_STATIC);
    char code[8];
    if (o->region) {
        if (!gr_db_region_code(db, o->region, code)) {
            sqlite3_finalize(st);
            snprintf(db->err, sizeof db->err, "--region %.60s: no such division (a GB/T 2260 code such as 130600, or a name)",
                     o->region);
            return GR_EINPUT;
        }
        sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(st, 3, o->year_from);
    sqlite3_bind_int(st, 4, o->year_to);
    int rc;
    gr_status out = GR_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        gr_doc *doc = NULL;
        const char *file = (const char *)sqlite3_column_text(st, 7);
        char why[300];
        gr_status ps = gr_db_parse_stored(db, st, 8, file, &doc, NULL, NULL, why, sizeof why);
        if (ps == GR_ENOMEM) {
            gr_doc_free(doc);
            out = GR_ENOMEM;
            snprintf(db->err, sizeof db->err, "out of memory reading %s", file ? file : "a stored report");
            break;
        }
        if (ps != GR_OK) { /* read once at ingest; a later govreport that cannot is no reason to stop */
            gr_doc_free(doc);
            if (skipped)
                (*skipped)++;
            continue;
        }
        gr_doc_row row = {sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                          (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                          (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5), file,
                          sqlite3_column_int(st, 6)};
        int stop = fn(ctx, &row, doc);
        gr_doc_free(doc);
        if (stop)
            break;
    }
    if (out == GR_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        out = gr_db_fail(db, "reading documents");
    sqlite3_finalize(st);
    return out;
}
