/* api.c - the JSON API: the pages' data, one object per row (see the README's "Web viewer"). */
#define _GNU_SOURCE
#include "web.h"

#include <stdlib.h>
#include <string.h>

/* Columns written as JSON numbers (their SQLite text is a number); every other one as a string. */
static int numeric(const char *col)
{
    static const char *const cols[] = {"id", "year", "review_year", "facts", "comments", "documents", "regions",
                                       "value", "high", "target", "target_high", "result", "gap", "first_year",
                                       "last_year", "text_start", "text_end", "start", "end", "para", "period_start",
                                       "estimate", "reports", "score", "idx", "section", "heading", "fact_id",
                                       "base_value", "src_start", "src_end", "plan_year", NULL};
    for (const char *const *c = cols; *c; c++)
        if (!strcmp(*c, col))
            return 1;
    return 0;
}

static void object(gr_buf *b, const web_rows *r, size_t i, const char *skip)
{
    gr_buf_addc(b, '{');
    int first = 1;
    for (int c = 0; c < r->ncol; c++) {
        if (skip && !strcmp(r->names[c], skip))
            continue;
        if (!first)
            gr_buf_addc(b, ',');
        first = 0;
        gr_json_cstr(b, r->names[c], GR_JSON_HTML_SAFE);
        gr_buf_addc(b, ':');
        const char *v = r->v[i * (size_t)r->ncol + (size_t)c];
        if (v && numeric(r->names[c]) && gr_json_is_number(v))
            gr_buf_adds(b, v);
        else
            gr_json_cstr(b, v, GR_JSON_HTML_SAFE);
    }
    gr_buf_addc(b, '}');
}

static void array(gr_buf *b, const web_rows *r, const char *skip)
{
    gr_buf_addc(b, '[');
    for (size_t i = 0; i < r->n; i++) {
        if (i)
            gr_buf_adds(b, ",\n");
        object(b, r, i, skip);
    }
    gr_buf_addc(b, ']');
}

static void json_error(web_resp *rs, int status, const char *msg)
{
    rs->body.len = 0;
    rs->status = status;
    rs->cacheable = 0;
    rs->cache_seconds = 0;
    rs->type = "application/json; charset=utf-8";
    gr_buf_adds(&rs->body, "{\"error\":");
    gr_json_cstr(&rs->body, msg, GR_JSON_HTML_SAFE);
    gr_buf_adds(&rs->body, "}\n");
}

static const char *arg(const web_req *rq, const char *name)
{
    const char *v = rq->arg ? rq->arg(rq->arg_ctx, name) : NULL;
    return v && *v ? v : NULL;
}

static int code_ok(const char *s) { return s && strlen(s) == 6 && strspn(s, "0123456789") == 6; }

static int level_ok(const char *l)
{
    return !l || !strcmp(l, "national") || !strcmp(l, "province") || !strcmp(l, "city") || !strcmp(l, "county");
}

/* One report: its metadata, its paragraphs with their text, its facts and comments, and the other
 * files it was stored from (alternates). */
/* A report by region and year, or (code NULL) by document id, as its page is: /r/... or /d/... */
static gr_status report(const web_req *rq, web_resp *rs, const char *code, int year, long long doc_id)
{
    web_rows d = {0}, p = {0}, f = {0}, c = {0}, a = {0};
    gr_status st = code ? gr_db_report(rq->db, code, year, web_collect, &d) : gr_db_report_id(rq->db, doc_id, web_collect, &d);
    if (!st && !d.n) {
        web_rows_free(&d);
        json_error(rs, 404, code ? "no report of this region for this year" : "no such document");
        return GR_OK;
    }
    long long id = d.n ? atoll(web_get(&d, 0, "id")) : 0;
    if (!st)
        st = gr_db_report_paragraphs(rq->db, id, web_collect, &p);
    if (!st)
        st = gr_db_report_facts(rq->db, id, web_collect, &f);
    if (!st)
        st = gr_db_comments(rq->db, id, web_collect, &c);
    if (!st)
        st = gr_db_alternates(rq->db, id, web_collect, &a);
    if (!st) {
        gr_buf *b = &rs->body;
        const char *text = web_get(&d, 0, "text") ? web_get(&d, 0, "text") : "";
        size_t tlen = strlen(text);
        gr_buf_adds(b, "{\"document\":");
        object(b, &d, 0, "text");
        gr_buf_adds(b, ",\n\"paragraphs\":[");
        for (size_t i = 0; i < p.n; i++) {
            size_t s = (size_t)atoll(web_get(&p, i, "start")), e = (size_t)atoll(web_get(&p, i, "end"));
            if (i)
                gr_buf_adds(b, ",\n");
            object(b, &p, i, NULL);
            if (s <= e && e <= tlen) { /* the paragraph's text, added to its object */
                b->len--;
                gr_buf_adds(b, ",\"text\":");
                char *t = strndup(text + s, e - s);
                gr_json_cstr(b, t ? t : "", GR_JSON_HTML_SAFE);
                free(t);
                gr_buf_addc(b, '}');
            }
        }
        gr_buf_adds(b, "],\n\"facts\":");
        array(b, &f, NULL);
        gr_buf_adds(b, ",\n\"comments\":");
        array(b, &c, NULL);
        gr_buf_adds(b, ",\n\"alternates\":");
        array(b, &a, NULL);
        gr_buf_adds(b, "}\n");
    }
    web_rows_free(&a);
    web_rows_free(&d);
    web_rows_free(&p);
    web_rows_free(&f);
    web_rows_free(&c);
    return st;
}

static const char index_json[] =
    "{\"endpoints\":{"
    "\"/api/stats\":\"what the library holds\","
    "\"/api/reports?level=&province=&year=&limit=\":\"reports, newest first\","
    "\"/api/regions?level=&province=\":\"divisions that have reports, with their years\","
    "\"/api/r/{region_code}\":\"one region's reports\","
    "\"/api/r/{region_code}/{year}\":\"one report: document, paragraphs (with text), facts, comments, alternate sources\","
    "\"/api/i\":\"the canonical indicators\","
    "\"/api/i/{indicator}?level=&year=&kind=\":\"targets beside results, one row per region and year\","
    "\"/api/i/{indicator}/{region_code}?kind=\":\"one region's targets and results across years\","
    "\"/api/search?q=&limit=&offset=&level=&region=&year=\":\"paragraphs that contain the words, best first, each with total (every hit)\"}}\n";

void web_api(const web_req *rq, web_resp *rs)
{
    rs->type = "application/json; charset=utf-8";
    rs->cache_seconds = 60;
    if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) {
        json_error(rs, 405, "the API is read-only: GET");
        return;
    }
    const char *p = rq->path + 5; /* after "/api/" */
    web_rows r = {0};
    gr_status st = GR_OK;
    gr_buf *b = &rs->body;
    char code[8] = "";
    int year = 0;
    if (!*p) {
        gr_buf_adds(b, index_json);
    } else if (!strcmp(p, "stats")) {
        if (!(st = gr_db_stats(rq->db, web_collect, &r)) && r.n)
            object(b, &r, 0, NULL);
    } else if (!strcmp(p, "reports") || !strcmp(p, "regions")) {
        const char *level = arg(rq, "level"), *prov = arg(rq, "province"), *ys = arg(rq, "year"), *lim = arg(rq, "limit");
        if (!level_ok(level) || (prov && !code_ok(prov))) {
            json_error(rs, 400, "level is national, province, city or county; province a six-digit code");
            return;
        }
        if (!strcmp(p, "reports")) {
            gr_reports_opts o = {.level = level, .province = prov, .year = ys ? atoi(ys) : 0, .order = "latest",
                                 .limit = lim ? atoi(lim) : 100};
            if (o.limit <= 0 || o.limit > 10000)
                o.limit = 100;
            st = gr_db_reports(rq->db, &o, web_collect, &r);
        } else {
            st = gr_db_report_regions(rq->db, level, prov, web_collect, &r);
        }
        if (!st)
            array(b, &r, NULL);
    } else if (!strncmp(p, "r/", 2) && strlen(p + 2) >= 6 && strspn(p + 2, "0123456789") == 6 &&
               (!p[8] || (p[8] == '/' && strlen(p + 9) == 4 && strspn(p + 9, "0123456789") == 4))) {
        memcpy(code, p + 2, 6);
        year = p[8] ? atoi(p + 9) : 0;
        if (year) {
            st = report(rq, rs, code, year, 0);
        } else {
            gr_reports_opts o = {.region = code};
            if (!(st = gr_db_reports(rq->db, &o, web_collect, &r))) {
                if (!r.n) {
                    web_rows_free(&r);
                    json_error(rs, 404, "no reports of this region");
                    return;
                }
                array(b, &r, NULL);
            }
        }
    } else if (!strncmp(p, "d/", 2) && p[2] && strlen(p + 2) <= 15 && strspn(p + 2, "0123456789") == strlen(p + 2)) {
        st = report(rq, rs, NULL, 0, atoll(p + 2)); /* a report of no known division, as /d/{id} */
    } else if (!strcmp(p, "i")) {
        if (!(st = gr_db_indicator_list(rq->db, web_collect, &r)))
            array(b, &r, NULL);
    } else if (!strncmp(p, "i/", 2)) {
        char id[48];
        const char *slash = strchr(p + 2, '/');
        size_t k = slash ? (size_t)(slash - (p + 2)) : strlen(p + 2);
        if (!k || k >= sizeof id || strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789_") < k ||
            (slash && !code_ok(slash + 1))) {
            json_error(rs, 404, "an indicator's address is /api/i/{indicator}[/{region_code}]");
            return;
        }
        memcpy(id, p + 2, k);
        id[k] = 0;
        char name[128];
        if (!web_indicator_name(rq, id, name, sizeof name)) { /* as its page: /i/{indicator} */
            json_error(rs, 404, "no such indicator: see /api/i");
            return;
        }
        const char *kind = arg(rq, "kind"), *level = arg(rq, "level"), *ys = arg(rq, "year");
        if (!level_ok(level)) {
            json_error(rs, 400, "level is national, province, city or county");
            return;
        }
        gr_targets_opts o = {.indicator = id, .kind = kind ? kind : "growth", .level = level,
                             .region = slash ? slash + 1 : NULL, .year_from = 1949, .year_to = 2100};
        if (ys)
            o.year_from = o.year_to = atoi(ys);
        if (!(st = gr_db_targets(rq->db, &o, web_collect, &r))) {
            if (slash && !r.n) { /* as its page: /i/{indicator}/{region} */
                web_rows_free(&r);
                json_error(rs, 404, "no reports of this region");
                return;
            }
            array(b, &r, NULL);
        }
    } else if (!strcmp(p, "search")) {
        const char *q = arg(rq, "q"), *lim = arg(rq, "limit");
        if (!q || strlen(q) > 200) {
            json_error(rs, 400, "q: the words to search for (200 bytes at most)");
            return;
        }
        const char *off = arg(rq, "offset"), *lv = arg(rq, "level"), *rg = arg(rq, "region"), *yr = arg(rq, "year");
        if (lv && !level_ok(lv)) {
            json_error(rs, 400, "level is national, province, city or county");
            return;
        }
        gr_search_opts o = {.query = q, .limit = lim && atoi(lim) > 0 && atoi(lim) <= 500 ? atoi(lim) : 50,
                            .offset = off && atoi(off) > 0 ? atoi(off) : 0, .level = lv, .region = rg,
                            .year = yr ? atoi(yr) : 0, .mark_open = "[", .mark_close = "]"};
        rs->cache_seconds = 0;
        if (!(st = gr_db_search(rq->db, &o, web_collect, &r)))
            array(b, &r, NULL);
    } else {
        json_error(rs, 404, "no such endpoint: see /api/");
        return;
    }
    if (st == GR_OK && r.oom)
        st = GR_ENOMEM;
    web_rows_free(&r);
    if (st != GR_OK) {
        json_error(rs, st == GR_ENOMEM ? 500 : 400, st == GR_ENOMEM ? "out of memory" : gr_db_error(rq->db));
        return;
    }
    if (!rs->status)
        rs->status = 200;
    if (b->len && b->p[b->len - 1] != '\n')
        gr_buf_addc(b, '\n');
    rs->cacheable = rs->cache_seconds > 0;
}
