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
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

enum { PF_REGION_CODE, PF_REGION, PF_LEVEL, PF_PROVINCE, PF_CITY, PF_YEAR, PF_INDICATOR, PF_KIND, PF_ROLE,
       PF_VALUE, PF_HIGH, PF_UNIT, PF_BASE_VALUE, PF_BASE_UNIT, PF_APPROX, PF_METRIC, PF_FILE, PF_N };
static const char *const pf_names[PF_N] = {"region_code", "region", "level", "province_code", "city_code", "year",
                                           "indicator", "kind", "role", "value", "high", "unit", "base_value",
                                           "base_unit", "approx", "metric", "file"};
/* Every text is kept once in the arena and named by its offset + 1 (0: NULL), 32 bits. */
enum { PV_YEAR, PV_VALUE, PV_HIGH, PV_UNIT, PV_BASE_VALUE, PV_BASE_UNIT, PV_APPROX, PV_METRIC, PV_N };
struct pf_row { /* a fact's own columns; its indicator, kind and role are those asked for */
    uint32_t v[PV_N];
    uint32_t doc; /* its document's index in ids and docs */
    long long id; /* its document's id */
};
struct pf_doc { /* a document's columns, its region's joined in */
    uint32_t code, region, level, province, city, file;
    uint32_t region_row; /* its row in regions + 1 (0: none) */
    uint32_t rank;       /* its place in the order of rkey (0: rkey NULL) */
    unsigned char found, keep; /* the document is there; it is, at the level asked for */
};
struct pf_region {
    uint64_t head; /* the code's first eight bytes, big-endian, zeros past its end */
    uint32_t code, name, level, province, city, rank;
};
enum { PF_Y0 = 1949, PF_Y1 = 2100 };
struct pf {
    gr_buf arena;
    int full; /* the arena outgrew 32-bit offsets */
    struct pf_row *rows;
    size_t nrows, caprows;
    long long *ids; /* the documents the rows come from, ascending */
    struct pf_doc *docs; /* docs[k]: document ids[k] */
    size_t ndocs;
    struct pf_region *regions;
    size_t nregions;
    uint32_t years[PF_Y1 - PF_Y0 + 1]; /* each year's text, kept once */
};

/* Keeps n bytes of s in arena, NUL-ended: their offset + 1, or 0 with *full set past 32 bits. */
static uint32_t pf_arena_put(gr_buf *arena, int *full, const void *s, size_t n)
{
    size_t at = arena->len;
    if (at + n + 1 >= UINT32_MAX) {
        *full = 1;
        return 0;
    }
    gr_buf_add(arena, s, n);
    gr_buf_addc(arena, 0);
    return (uint32_t)at + 1;
}

static uint32_t pf_put(struct pf *p, const void *s, size_t n) { return pf_arena_put(&p->arena, &p->full, s, n); }

static uint32_t pf_keep(struct pf *p, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? pf_put(p, t, (size_t)sqlite3_column_bytes(st, col)) : 0;
}

/* A REAL as SQLite writes it ("%!.15g": 15 significant digits, trailing zeros dropped, an integer
 * given ".0"), for the numbers reports state: m / 10^k for the smallest k <= 6 that gives the double
 * back, m below 10^15, 1e-4 <= |d|. Such a d is the double nearest the decimal m / 10^k, within
 * 2^-53 of it relative, far inside half a step of the 15-digit grid, so that decimal is the one
 * SQLite prints. Anything else (0, -0, exponents, more digits) returns 0: SQLite's own text then. */
static size_t pf_real(double d, char *out)
{
    static const double pow10[7] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(d);
    if (!(a >= 1e-4 && a < 1e15))
        return 0;
    for (int k = 0; k <= 6; k++) {
        double m = nearbyint(a * pow10[k]);
        if (m >= 1e15)
            return 0;
        if (m / pow10[k] != a)
            continue;
        uint64_t u = (uint64_t)m;
        for (; k && u % 10 == 0; k--)
            u /= 10;
        char dig[20];
        int n = 0;
        do
            dig[n++] = (char)('0' + u % 10);
        while (u /= 10);
        size_t o = 0;
        if (d < 0)
            out[o++] = '-';
        if (n <= k) {
            out[o++] = '0';
            out[o++] = '.';
            for (int z = n; z < k; z++)
                out[o++] = '0';
        } else {
            while (n > k)
                out[o++] = dig[--n];
            out[o++] = '.';
            if (!k)
                out[o++] = '0';
        }
        while (n)
            out[o++] = dig[--n];
        return o;
    }
    return 0;
}

static uint32_t pf_keep_real(struct pf *p, sqlite3_stmt *st, int col)
{
    char b[32];
    size_t n = sqlite3_column_type(st, col) == SQLITE_FLOAT ? pf_real(sqlite3_column_double(st, col), b) : 0;
    return n ? pf_put(p, b, n) : pf_keep(p, st, col);
}

static const char *pf_str(const struct pf *p, uint32_t v) { return v ? p->arena.p + v - 1 : NULL; }

static uint64_t pf_head(const char *s)
{
    uint64_t h = 0;
    int n = 0;
    for (; n < 8 && s[n]; n++)
        h = h << 8 | (unsigned char)s[n];
    for (; n < 8; n++)
        h <<= 8;
    return h;
}

static int pf_by_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static const char *pf_rkey(const struct pf *p, const struct pf_doc *d) { return pf_str(p, d->code ? d->code : d->region); }

static int pf_by_rkey(const void *a, const void *b, void *panel) /* documents by index, on rkey (BINARY: bytes) */
{
    const struct pf *p = panel;
    return strcmp(pf_rkey(p, &p->docs[*(const uint32_t *)a]), pf_rkey(p, &p->docs[*(const uint32_t *)b]));
}

/* The region whose code is s, or NULL: regions are in code order, compared on their heads first. */
static const struct pf_region *pf_region(const struct pf *p, const char *s)
{
    uint64_t h = pf_head(s);
    size_t lo = 0, hi = p->nregions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct pf_region *g = &p->regions[mid];
        int c = g->head != h ? (g->head < h ? -1 : 1) : strcmp(pf_str(p, g->code), s);
        if (!c)
            return g;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}


/* The documents, read by a thread of its own on a connection of its own while the facts are read
 * (the two took about 35 and 45 ms at 80,000 reports, one after the other). Its rows count only
 * when they are of the facts' snapshot: no commit between its PRAGMA data_version before its read
 * began and the one after it ended, and the facts' read began between the two. Else (a concurrent
 * ingest, no second connection, few documents to look up: it is interrupted), the panel reads the
 * documents itself as before. */
struct pf_scan {
    sqlite3 *db;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int begun, facts_begun; /* its read has begun; the facts' has */
    int ok;                 /* its rows are whole and of the facts' snapshot */
    gr_buf arena;           /* its texts, named as pf's (offset + 1) */
    int full;               /* the arena outgrew 32-bit offsets */
    long long *ids;         /* the documents, ascending */
    uint32_t (*cols)[4];    /* each one's region_code, region, level, file */
    size_t n, cap;
};

static long long pf_data_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static uint32_t pf_scan_keep(struct pf_scan *sc, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? pf_arena_put(&sc->arena, &sc->full, t, (size_t)sqlite3_column_bytes(st, col)) : 0;
}

static void pf_scan_signal(struct pf_scan *sc, int *flag)
{
    pthread_mutex_lock(&sc->mu);
    *flag = 1;
    pthread_cond_broadcast(&sc->cv);
    pthread_mutex_unlock(&sc->mu);
}

static void *pf_scan_main(void *arg)
{
    struct pf_scan *sc = arg;
    sqlite3_stmt *st = NULL;
    long long v0 = pf_data_version(sc->db);
    int rc = v0 >= 0 && sqlite3_exec(sc->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
                     sqlite3_prepare_v2(sc->db, "SELECT id, region_code, region, level, file FROM documents ORDER BY id",
                                        -1, &st, NULL) == SQLITE_OK
                 ? sqlite3_step(st) /* the read begins */
                 : SQLITE_ERROR;
    pf_scan_signal(sc, &sc->begun);
    for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
        if (sc->n == sc->cap) {
            size_t c = sc->cap ? 2 * sc->cap : 4096;
            long long *ids = realloc(sc->ids, c * sizeof *ids);
            if (ids)
                sc->ids = ids;
            uint32_t(*cols)[4] = ids ? realloc(sc->cols, c * sizeof *cols) : NULL;
            if (!cols) {
                rc = SQLITE_NOMEM;
                break;
            }
            sc->cols = cols, sc->cap = c;
        }
        sc->ids[sc->n] = sqlite3_column_int64(st, 0);
        for (int k = 0; k < 4; k++)
            sc->cols[sc->n][k] = pf_scan_keep(sc, st, k + 1);
        sc->n++;
    }
    sqlite3_finalize(st);
    sqlite3_exec(sc->db, "COMMIT", NULL, NULL, NULL);
    pthread_mutex_lock(&sc->mu);
    while (!sc->facts_begun)
        pthread_cond_wait(&sc->cv, &sc->mu);
    pthread_mutex_unlock(&sc->mu);
    sc->ok = rc == SQLITE_DONE && !sc->arena.oom && !sc->full && pf_data_version(sc->db) == v0;
    return NULL;
}

/* Starts the scan and waits until its read has begun; 0 when it could not start (sc unused), or
 * when the library is small (a file under PF_SCAN_BYTES, about 2,000 reports), where a connection
 * and a thread of their own cost about as much as they would save (the environment's
 * GOVREPORT_PANEL_SCAN_BYTES sets another bound: the tests give 0, to run this way on the corpus). */
#define PF_SCAN_BYTES ((long long)64 << 20)
static int pf_scan_start(struct pf_scan *sc, gr_db *db)
{
    memset(sc, 0, sizeof *sc);
    const char *path = sqlite3_db_filename(db->db, "main"), *env = getenv("GOVREPORT_PANEL_SCAN_BYTES");
    long long bound = env && *env ? strtoll(env, NULL, 10) : PF_SCAN_BYTES;
    struct stat sb;
    if (!path || !path[0] || stat(path, &sb) || (long long)sb.st_size < bound ||
        sqlite3_open_v2(path, &sc->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sqlite3_close(sc->db);
        return 0;
    }
    pthread_mutex_init(&sc->mu, NULL);
    pthread_cond_init(&sc->cv, NULL);
    if (pthread_create(&sc->th, NULL, pf_scan_main, sc)) {
        pthread_cond_destroy(&sc->cv);
        pthread_mutex_destroy(&sc->mu);
        sqlite3_close(sc->db);
        return 0;
    }
    pthread_mutex_lock(&sc->mu);
    while (!sc->begun)
        pthread_cond_wait(&sc->cv, &sc->mu);
    pthread_mutex_unlock(&sc->mu);
    return 1;
}

/* Waits for the scan (interrupted first when its rows are not wanted); whether they count. */
static int pf_scan_join(struct pf_scan *sc, int wanted)
{
    if (!wanted)
        sqlite3_interrupt(sc->db);
    pf_scan_signal(sc, &sc->facts_begun); /* a no-op when the facts' read has signalled it */
    pthread_join(sc->th, NULL);
    pthread_cond_destroy(&sc->cv);
    pthread_mutex_destroy(&sc->mu);
    sqlite3_close(sc->db);
    sc->db = NULL;
    return wanted && sc->ok;
}

static void pf_scan_free(struct pf_scan *sc)
{
    gr_buf_free(&sc->arena);
    free(sc->ids);
    free(sc->cols);
}

/* The plain panel (no parents), joined here rather than by SQLite: the marked facts from their
 * covering index in (year, document) order, the documents they come from by id (all in one pass
 * when they are many, on a large library by a second thread while the facts are read: pf_scan), the
 * regions in one pass; then each document its place in ORDER BY rkey
 * (rkey: its region's code, or its own region name without one, NULL first), and the rows,
 * already in year order, distributed by that place, which keeps them in year order within it.
 * SQLite's own join of the same (PICK_SQL) looked each fact's document up at random and sorted
 * the rows in a temporary b-tree. The values are SQLite's own text of each column, so the rows are
 * those PICK_SQL gives, byte for byte, in its order (tests/store.sh compares them with a join
 * written in SQL). */
static gr_status panel_plain(gr_db *db, const gr_panel_opts *o, int alone, gr_row_fn fn, void *ctx)
{
    struct pf p = {0};
    uint32_t *slot = NULL, *order = NULL, *count = NULL, *others = NULL;
    gr_status out = GR_OK;
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK;
    const char *kind = o->kind ? o->kind : "growth", *role = o->role ? o->role : "actual";
    /* the facts' indicator, kind and role are the bytes asked for (= compares bytes): kept once */
    uint32_t fixed[3] = {pf_put(&p, o->indicator, strlen(o->indicator)), pf_put(&p, kind, strlen(kind)),
                         pf_put(&p, role, strlen(role))};
    /* the facts: their covering index, in its order */
    if (sqlite3_prepare_v2(db->db,
                           "SELECT f.doc_id, f.year, f.value, f.high, f.unit, f.base_value, f.base_unit, f.approx,"
                           " f.metric FROM facts f WHERE f.indicator = ?1 AND f.kind = ?2 AND f.role = ?3"
                           " AND f.pick = 1 AND f.year BETWEEN ?5 AND ?6 ORDER BY f.year, f.doc_id",
                           -1, &st, NULL) != SQLITE_OK)
        return gr_db_fail(db, "panel");
    bind_common(st, o->indicator, kind, role, NULL, o->year_from, o->year_to, NULL);
    /* the documents, beside (alone: this read is the transaction's first, so its snapshot begins here) */
    struct pf_scan sc = {0}; /* all zero when not started: pf_scan_free is a no-op */
    int scanning = alone && pf_scan_start(&sc, db);
    long long lo = 0, hi = 0;
    rc = sqlite3_step(st);
    if (scanning)
        pf_scan_signal(&sc, &sc.facts_begun);
    for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
        if (p.nrows == p.caprows) {
            size_t c = p.caprows ? 2 * p.caprows : 4096;
            struct pf_row *r = c < UINT32_MAX ? realloc(p.rows, c * sizeof *r) : NULL;
            if (!r)
                goto oom;
            p.rows = r, p.caprows = c;
        }
        struct pf_row *r = &p.rows[p.nrows++];
        r->id = sqlite3_column_int64(st, 0);
        lo = p.nrows == 1 || r->id < lo ? r->id : lo;
        hi = p.nrows == 1 || r->id > hi ? r->id : hi;
        long long y = sqlite3_column_int64(st, 1);
        if (sqlite3_column_type(st, 1) == SQLITE_INTEGER && y >= PF_Y0 && y <= PF_Y1) {
            uint32_t *t = &p.years[y - PF_Y0];
            r->v[PV_YEAR] = *t ? *t : (*t = pf_keep(&p, st, 1));
        } else {
            r->v[PV_YEAR] = pf_keep(&p, st, 1);
        }
        r->v[PV_VALUE] = pf_keep_real(&p, st, 2);
        r->v[PV_HIGH] = pf_keep_real(&p, st, 3);
        r->v[PV_UNIT] = pf_keep(&p, st, 4);
        r->v[PV_BASE_VALUE] = pf_keep_real(&p, st, 5);
        r->v[PV_BASE_UNIT] = pf_keep(&p, st, 6);
        r->v[PV_APPROX] = pf_keep(&p, st, 7);
        r->v[PV_METRIC] = pf_keep(&p, st, 8);
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
    if (p.arena.oom)
        goto oom;
    for (size_t i = 0; i < p.nregions; i++) /* code is NOT NULL (the primary key) */
        p.regions[i].head = p.regions[i].code ? pf_head(pf_str(&p, p.regions[i].code)) : 0;
    /* the documents the rows come from, ascending, and each row its document's index among them:
     * through a table over the ids' span when that is small (ids are given in order, so it is),
     * else by sorting them */
    if (!(p.ids = malloc(p.nrows * sizeof *p.ids)))
        goto oom;
    size_t need = 0;
    if ((unsigned long long)hi - (unsigned long long)lo < 4 * (unsigned long long)p.nrows + (1u << 20)) {
        size_t span = (size_t)((unsigned long long)hi - (unsigned long long)lo) + 1;
        if (!(slot = calloc(span, sizeof *slot)))
            goto oom;
        for (size_t i = 0; i < p.nrows; i++)
            slot[p.rows[i].id - lo] = 1;
        for (size_t s = 0; s < span; s++)
            if (slot[s]) {
                p.ids[need] = lo + (long long)s;
                slot[s] = (uint32_t)++need;
            }
        for (size_t i = 0; i < p.nrows; i++)
            p.rows[i].doc = slot[p.rows[i].id - lo] - 1;
    } else {
        for (size_t i = 0; i < p.nrows; i++)
            p.ids[i] = p.rows[i].id;
        qsort(p.ids, p.nrows, sizeof *p.ids, pf_by_id);
        for (size_t i = 0; i < p.nrows; i++)
            if (!i || p.ids[i] != p.ids[i - 1])
                p.ids[need++] = p.ids[i];
        for (size_t i = 0; i < p.nrows; i++) {
            long long *k = bsearch(&p.rows[i].id, p.ids, need, sizeof *p.ids, pf_by_id);
            p.rows[i].doc = (uint32_t)(k - p.ids);
        }
    }
    long long maxid = 0; /* the documents number at most the largest id, found at once (count(*) reads the table) */
    if (sqlite3_prepare_v2(db->db, "SELECT max(id) FROM documents", -1, &st, NULL) != SQLITE_OK)
        goto fail;
    if (sqlite3_step(st) == SQLITE_ROW)
        maxid = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    int scan = (long long)need * 8 > maxid;
    if (!(p.docs = calloc(need, sizeof *p.docs)))
        goto oom;
    p.ndocs = need;
    int scanned = scanning && pf_scan_join(&sc, scan);
    scanning = 0;
    if (scanned) {
        /* the scan's rows: its texts after the panel's, each document found by merging the two id lists */
        uint32_t base = (uint32_t)p.arena.len;
        if (base + sc.arena.len + 1 >= UINT32_MAX) {
            p.full = 1;
        } else if (sc.arena.len) {
            gr_buf_add(&p.arena, sc.arena.p, sc.arena.len);
        }
#define PF_MOVED(v) ((v) ? (v) + base : 0) /* a scan's text, named in the panel's arena */
        for (size_t i = 0, j = 0; i < need && !p.full; i++) {
            while (j < sc.n && sc.ids[j] < p.ids[i])
                j++;
            if (j < sc.n && sc.ids[j] == p.ids[i]) {
                struct pf_doc *d = &p.docs[i];
                const uint32_t *c = sc.cols[j];
                d->found = 1;
                d->code = PF_MOVED(c[0]), d->region = PF_MOVED(c[1]), d->level = PF_MOVED(c[2]), d->file = PF_MOVED(c[3]);
            }
        }
#undef PF_MOVED
        goto docs_read;
    }
    if (sqlite3_prepare_v2(db->db,
                           scan ? "SELECT id, region_code, region, level, file FROM documents ORDER BY id"
                                : "SELECT id, region_code, region, level, file FROM documents WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    int on_row = 0; /* the scan is on a row (rc == SQLITE_ROW), of document cur */
    long long cur = 0;
    rc = SQLITE_OK;
    for (size_t i = 0; i < need; i++) {
        long long id = p.ids[i];
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
            struct pf_doc *d = &p.docs[i];
            d->found = 1;
            d->code = pf_keep(&p, st, 1), d->region = pf_keep(&p, st, 2), d->level = pf_keep(&p, st, 3);
            d->file = pf_keep(&p, st, 4);
        }
    }
    sqlite3_finalize(st);
    st = NULL;
docs_read:
    if (p.arena.oom)
        goto oom;
    if (p.full)
        goto full;
    /* each document its region's name, level and parents (one without a region row keeps its own);
     * the rkeys that are no region's code (a code without a row, or a name), gathered */
    size_t nothers = 0;
    if (!(others = malloc(need * sizeof *others)))
        goto oom;
    const struct pf_region *g = NULL; /* the last one found: a region's reports are mostly stored together */
    for (size_t i = 0; i < need; i++) {
        struct pf_doc *d = &p.docs[i];
        if (!d->found)
            continue;
        const char *code = pf_str(&p, d->code);
        if (!code)
            g = NULL;
        else if (!g || strcmp(code, pf_str(&p, g->code)))
            g = pf_region(&p, code);
        if (g) {
            d->region = g->name ? g->name : d->region;
            d->level = g->level ? g->level : d->level;
            d->province = g->province, d->city = g->city;
            d->region_row = (uint32_t)(g - p.regions) + 1; /* its place: the region's, set below */
        } else if (pf_rkey(&p, d)) {
            others[nothers++] = (uint32_t)i;
        }
        d->keep = !o->level || (d->level && !strcmp(pf_str(&p, d->level), o->level));
    }
    /* the places: the regions' codes (in order) and the other rkeys (sorted) merged, equal keys one place */
    qsort_r(others, nothers, sizeof *others, pf_by_rkey, &p);
    uint32_t place = 0;
    const char *last = NULL;
    for (size_t i = 0, j = 0; i < p.nregions || j < nothers;) {
        const char *a = i < p.nregions ? pf_str(&p, p.regions[i].code) : NULL;
        const char *b = j < nothers ? pf_rkey(&p, &p.docs[others[j]]) : NULL;
        int region = !b || (a && strcmp(a, b) <= 0);
        const char *k = region ? a : b;
        if (!last || strcmp(last, k))
            place++;
        last = k;
        if (region)
            p.regions[i++].rank = place;
        else
            p.docs[others[j++]].rank = place;
    }
    for (size_t i = 0; i < need; i++)
        if (p.docs[i].region_row)
            p.docs[i].rank = p.regions[p.docs[i].region_row - 1].rank;
    /* the rows in order: counted by place, then laid out, each place's in the order they came (year) */
    if (!(count = calloc((size_t)place + 2, sizeof *count)) || !(order = malloc(p.nrows * sizeof *order)))
        goto oom;
    for (size_t i = 0; i < p.nrows; i++) {
        const struct pf_doc *d = &p.docs[p.rows[i].doc];
        if (d->keep) /* a fact whose document is gone has none: SQLite's join drops it */
            count[d->rank + 1]++;
    }
    for (size_t k = 1; k <= (size_t)place + 1; k++)
        count[k] += count[k - 1];
    size_t kept = count[place + 1];
    for (size_t i = 0; i < p.nrows; i++) {
        const struct pf_doc *d = &p.docs[p.rows[i].doc];
        if (d->keep)
            order[count[d->rank]++] = (uint32_t)i;
    }
    for (size_t i = 0; i < kept; i++) {
        /* the rows are read in an order of their own, each from four places in memory larger than
         * the caches: the next rows' are asked for ahead */
        if (i + 16 < kept)
            __builtin_prefetch(&p.rows[order[i + 16]]);
        if (i + 8 < kept) {
            const struct pf_row *n = &p.rows[order[i + 8]];
            __builtin_prefetch(&p.docs[n->doc]);
            __builtin_prefetch(p.arena.p + n->v[PV_VALUE]);
        }
        if (i + 4 < kept)
            __builtin_prefetch(p.arena.p + p.docs[p.rows[order[i + 4]].doc].code);
        const struct pf_row *r = &p.rows[order[i]];
        const struct pf_doc *d = &p.docs[r->doc];
        const char *vals[PF_N] = {
            pf_str(&p, d->code),           pf_str(&p, d->region),          pf_str(&p, d->level),
            pf_str(&p, d->province),       pf_str(&p, d->city),            pf_str(&p, r->v[PV_YEAR]),
            pf_str(&p, fixed[0]),          pf_str(&p, fixed[1]),           pf_str(&p, fixed[2]),
            pf_str(&p, r->v[PV_VALUE]),    pf_str(&p, r->v[PV_HIGH]),      pf_str(&p, r->v[PV_UNIT]),
            pf_str(&p, r->v[PV_BASE_VALUE]), pf_str(&p, r->v[PV_BASE_UNIT]), pf_str(&p, r->v[PV_APPROX]),
            pf_str(&p, r->v[PV_METRIC]),   pf_str(&p, d->file)};
        if (fn(ctx, PF_N, pf_names, vals))
            break;
    }
    goto done;
full:
    snprintf(db->err, sizeof db->err, "the panel holds more than 4 GiB of text: narrow it with --level or --years");
    out = GR_ENOMEM;
    goto done;
oom:
    snprintf(db->err, sizeof db->err, "out of memory");
    out = GR_ENOMEM;
    goto done;
fail:
    out = gr_db_fail(db, "panel");
done:
    if (scanning)
        pf_scan_join(&sc, 0);
    pf_scan_free(&sc);
    sqlite3_finalize(st);
    gr_buf_free(&p.arena);
    free(slot);
    free(order);
    free(count);
    free(others);
    free(p.ids);
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
        gr_status rc = panel_plain(db, o, own, fn, ctx);
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
