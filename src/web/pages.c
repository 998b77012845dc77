/* pages.c - the viewer's HTML pages: home, browse (level -> region), a region's reports and its
 * region x year matrix, the report with its figures highlighted and linked, the comment form, an
 * indicator across regions and across years (with an SVG chart), search, the site map.
 *
 * Stable URLs: /r/<region_code>/<year> is the report a region's government delivered in that year.
 * Nothing here needs JavaScript: a figure's details show on hover (title) and its link goes to its
 * row in the facts table, which :target highlights. Every value from the database or the request
 * is written through web_html / web_url.
 */
#define _GNU_SOURCE
#include "web.h"
#include "../util/utf8.h"

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const web_env *env(void) { return web_get_env(); }

/* ---- layout ---------------------------------------------------------------------------------- */

static const char css[] =
    "body{font:16px/1.7 system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;margin:0;color:#222;background:#fbfaf7}"
    "header{background:#8c1c13;color:#fff;padding:.5em 1em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}"
    "header a{color:#fff;text-decoration:none}header .brand{font-weight:bold;font-size:1.2em}"
    "header form{margin-left:auto}header input{padding:.25em .5em;border:0;border-radius:3px}"
    "main{max-width:60em;margin:0 auto;padding:1em}footer{color:#777;font-size:.85em;text-align:center;padding:2em}"
    "a{color:#1f5fa8}table{border-collapse:collapse;margin:1em 0;font-size:.92em}"
    "th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".matrix td{text-align:center;padding:.2em .35em}.matrix td a{display:block;background:#e7eef7;border-radius:3px}"
    ".meta{color:#555}.toc{columns:2;column-gap:3em;font-size:.9em}.toc li{break-inside:avoid}"
    ".report p{text-indent:2em;margin:.4em 0}.report h3{margin:1.2em 0 .4em;font-size:1.1em}"
    ".report p.bp{color:#777;font-size:.8em;text-indent:0}.report details.bp{margin:.6em 0;color:#777;font-size:.85em}"
    ".report details.bp summary{cursor:pointer}"
    "a.fig{background:#fff2b3;color:inherit;text-decoration:none;border-bottom:2px solid #e0b000;padding:0 1px}"
    "a.fig.target{background:#e3f1e0;border-color:#3d8b37}a.fig:hover,a.fig:focus{background:#ffd84d}"
    "tr:target,p:target,li:target{background:#fff2b3}.facts td.s{font-size:.85em;color:#555;max-width:28em}"
    ".comment{border-left:3px solid #ccc;padding:.2em .8em;margin:.8em 0}.comment .who{color:#666;font-size:.85em}"
    "form.c label{display:block;margin:.5em 0 .2em}form.c textarea{width:100%;height:8em}"
    ".error{background:#fde8e6;border:1px solid #e0a39c;padding:.5em 1em}mark{background:#ffe066}mark.term{background:#cdebc6;border-bottom:2px solid #3d8b37}"
    "svg.chart{width:100%;height:auto;border:1px solid #eee}"
    ".pill{display:inline-block;background:#eee;border-radius:9px;padding:0 .5em;font-size:.8em;margin-left:.3em}";

static void begin_q(web_resp *rs, const char *title, const char *q);

static void begin(web_resp *rs, const char *title) { begin_q(rs, title, NULL); }

/* The page's head and header; q: the words of a search, kept in the header's box. */
static void begin_q(web_resp *rs, const char *title, const char *q)
{
    rs->type = "text/html; charset=utf-8";
    gr_buf *b = &rs->body;
    gr_buf_adds(b, "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>");
    web_html(b, title);
    gr_buf_adds(b, " · govreport</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
                   "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\"></head><body><header>"
                   "<a class=\"brand\" href=\"/\">govreport</a><a href=\"/browse\">Browse</a>"
                   "<a href=\"/i\">Indicators</a><a href=\"/api/\">API</a>"
                   "<form action=\"/search\" method=\"get\"><input name=\"q\" placeholder=\"Search reports 搜索\" "
                   "aria-label=\"Search\" value=\"");
    web_html(b, q ? q : "");
    gr_buf_adds(b, "\"></form></header><main>");
}

static void end(web_resp *rs)
{
    gr_buf_adds(&rs->body, "</main><footer>govreport — Chinese government work reports as data. "
                           "Figures are extracted by machine: check them against the text they link to."
                           "</footer></body></html>");
    if (!rs->status)
        rs->status = 200;
}

void web_error(web_resp *rs, int status, const char *title, const char *detail)
{
    rs->body.len = 0;
    if (rs->body.p)
        rs->body.p[0] = 0;
    rs->status = status;
    rs->cache_seconds = 0;
    rs->cacheable = 0;
    begin(rs, title);
    gr_buf_adds(&rs->body, "<h1>");
    web_html(&rs->body, title);
    gr_buf_adds(&rs->body, "</h1><p>");
    web_html(&rs->body, detail);
    gr_buf_adds(&rs->body, "</p><p><a href=\"/\">Home</a></p>");
    end(rs);
}

static void db_error(const web_req *rq, web_resp *rs)
{
    web_error(rs, 500, "Database error", gr_db_error(rq->db));
}

/* ---- small helpers --------------------------------------------------------------------------- */

static long long ll(const char *s) { return s ? atoll(s) : 0; }

static int is_code(const char *s, size_t n)
{
    if (n != 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A document id: 1 to 12 digits, no leading zero. */
static int is_id(const char *s, size_t n)
{
    if (n < 1 || n > 12 || s[0] == '0')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int parse_year(const char *s, size_t n)
{
    if (n != 4)
        return 0;
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y >= 1949 && y <= 2100 ? y : 0;
}

static const char *level_label(const char *l)
{
    if (!l)
        return "";
    return !strcmp(l, "national") ? "National (国务院)" : !strcmp(l, "province") ? "Provinces (省级)"
         : !strcmp(l, "city") ? "Cities (地级)" : !strcmp(l, "county") ? "Counties (县级)" : l;
}

static int valid_level(const char *l)
{
    return l && (!strcmp(l, "national") || !strcmp(l, "province") || !strcmp(l, "city") || !strcmp(l, "county"));
}

static const char *part_label(const char *p)
{
    /* the parts as a report names them (the document layer's part names are English ids) */
    static const char *const map[][2] = {
        {"boilerplate", "网站文字"}, {"front", "标题"}, {"opening", "开篇"},
        {"review", "工作回顾"}, {"five_year_review", "五年回顾"},
        {"plan", "今年目标"}, {"work", "重点工作"}, {"five_year_plan", "五年规划"},
        {"self", "政府自身建设"}, {"closing", "结语"}, {"notes", "名词解释"}};
    for (size_t i = 0; p && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(p, map[i][0]))
            return map[i][1];
    return p ? p : "";
}

/* The bytes of a contents entry to show: a heading up to its first comma (，, ,) when there is one
 * after its number; the whole otherwise. */
static size_t toc_cut(const char *h, size_t n)
{
    for (size_t i = 6; i < n; i++)
        if (h[i] == ',' || (i + 3 <= n && !memcmp(h + i, "，", 3)))
            return i;
    return n;
}

/* The bytes of a heading paragraph that are its heading: up to its first full stop when text follows
 * it (the heading ran on into the paragraph); all of it otherwise. */
static size_t heading_cut(const char *h, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(h + i, "。", 3))
            return i + 3 < n ? i + 3 : n;
    return n;
}

static void report_link(gr_buf *b, const char *code, const char *year, const char *label)
{
    gr_buf_adds(b, "<a href=\"/r/");
    web_html(b, code);
    gr_buf_adds(b, "/");
    web_html(b, year);
    gr_buf_adds(b, "\">");
    web_html(b, label);
    gr_buf_adds(b, "</a>");
}

/* Which report a page is about: a region code and year (/r/<code>/<year>), or for a report whose
 * region is no known division, its document id (/d/<id>). base is the report's URL. */
struct where {
    const char *code; /* NULL: by id */
    int year;
    long long id;
    char base[48];
};

/* The link to the report of row i of a report list, by code and year when it has them. */
static void row_link(gr_buf *b, const web_rows *r, size_t i, const char *label)
{
    const char *code = web_get(r, i, "region_code"), *year = web_get(r, i, "year");
    if (code && year) {
        report_link(b, code, year, label);
        return;
    }
    gr_buf_printf(b, "<a href=\"/d/%lld\">", atoll(web_get(r, i, "id") ? web_get(r, i, "id") : "0"));
    web_html(b, label);
    gr_buf_adds(b, "</a>");
}

/* A number as a reader writes it: SQLite's REAL text "163.0" as 163, "4.58" as is. */
static void number(gr_buf *b, const char *s)
{
    /* SQLite writes a REAL as %!.15g: "180.39" as it is, "6.0" for 6; only an exponent is printed again */
    size_t sign = s && *s == '-', whole = s ? strspn(s + sign, "0123456789") : 0;
    size_t frac = whole && s[sign + whole] == '.' ? strspn(s + sign + whole + 1, "0123456789") : 0;
    size_t n = sign + whole + (frac ? frac + 1 : 0);
    if (whole && !s[n]) { /* -?digits(.digits)? */
        gr_buf_add(b, s, frac == 1 && s[n - 1] == '0' ? n - 2 : n);
        return;
    }
    char *end;
    double v = s ? strtod(s, &end) : 0;
    if (s && *s && !*end && v == v && v - v == 0)
        gr_buf_printf(b, "%.15g", v);
    else
        web_html(b, s);
}

static void value_text(gr_buf *b, const char *value, const char *high, const char *unit)
{
    number(b, value);
    if (high) {
        gr_buf_adds(b, "–");
        number(b, high);
    }
    web_html(b, unit);
}

/* The report list of rows from gr_db_reports / gr_db_report. */
static void report_table(gr_buf *b, const web_rows *r, int with_region)
{
    gr_buf_adds(b, "<table><tr>");
    if (with_region)
        gr_buf_adds(b, "<th>Region</th><th>Level</th>");
    gr_buf_adds(b, "<th>Year</th><th>Meeting</th><th>Speaker</th><th>Facts</th></tr>");
    for (size_t i = 0; i < r->n; i++) {
        gr_buf_adds(b, "<tr>");
        if (with_region) {
            gr_buf_adds(b, "<td>");
            if (web_get(r, i, "region_code")) {
                gr_buf_adds(b, "<a href=\"/r/");
                web_html(b, web_get(r, i, "region_code"));
                gr_buf_adds(b, "\">");
                web_html(b, web_get(r, i, "region"));
                gr_buf_adds(b, "</a>");
            } else {
                web_html(b, web_get(r, i, "region"));
            }
            gr_buf_adds(b, "</td><td>");
            web_html(b, web_get(r, i, "level"));
            gr_buf_adds(b, "</td>");
        }
        gr_buf_adds(b, "<td>");
        row_link(b, r, i, web_get(r, i, "year") ? web_get(r, i, "year") : "report");
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(r, i, "meeting_date"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(r, i, "speaker"));
        gr_buf_adds(b, "</td><td class=\"n\">");
        web_html(b, web_get(r, i, "facts"));
        gr_buf_adds(b, "</td></tr>");
    }
    gr_buf_adds(b, "</table>");
}

/* ---- home and browsing ----------------------------------------------------------------------- */

static void home(const web_req *rq, web_resp *rs)
{
    web_rows st = {0}, latest = {0};
    gr_reports_opts o = {.order = "latest", .limit = 12};
    if (gr_db_stats(rq->db, web_collect, &st) || gr_db_reports(rq->db, &o, web_collect, &latest)) {
        web_rows_free(&st);
        web_rows_free(&latest);
        db_error(rq, rs);
        return;
    }
    gr_buf *b = &rs->body;
    begin(rs, "Government work reports");
    gr_buf_adds(b, "<h1>Government work reports 政府工作报告</h1><p>This library holds <b>");
    web_html(b, web_get(&st, 0, "documents"));
    gr_buf_adds(b, "</b> reports of <b>");
    web_html(b, web_get(&st, 0, "regions"));
    gr_buf_adds(b, "</b> governments");
    if (web_get(&st, 0, "first_year")) {
        gr_buf_adds(b, ", delivered ");
        web_html(b, web_get(&st, 0, "first_year"));
        gr_buf_adds(b, "–");
        web_html(b, web_get(&st, 0, "last_year"));
    }
    gr_buf_adds(b, ", with <b>");
    web_html(b, web_get(&st, 0, "facts"));
    gr_buf_adds(b, "</b> figures found in their text: each linked to the sentence it comes from.</p>"
                   "<p><a href=\"/browse\">Browse by level and region</a> · <a href=\"/i/gdp?level=province\">"
                   "GDP growth targets and results of the provinces</a> · <a href=\"/i\">all indicators</a></p>"
                   "<h2>Latest reports</h2>");
    report_table(b, &latest, 1);
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&st);
    web_rows_free(&latest);
}

/* The name of province code in rows of (code, name), or NULL. */
static const char *province_name(const web_rows *provs, const char *code)
{
    for (size_t k = 0; k < provs->n; k++) {
        const char *c = web_get(provs, k, "code");
        if (c && !strcmp(c, code))
            return web_get(provs, k, "name");
    }
    return NULL;
}

/* A breadcrumb's first steps: Browse, then the level when it is one (the caller adds the rest and
 * closes the </p>). */
static void crumbs_open(gr_buf *b, const char *level)
{
    gr_buf_adds(b, "<p class=\"crumbs\"><a href=\"/browse\">Browse</a>");
    if (valid_level(level)) {
        gr_buf_printf(b, " › <a href=\"/browse/%s\">", level);
        web_html(b, level_label(level));
        gr_buf_adds(b, "</a>");
    }
}

/* The reports delivered in one year: every level's (level NULL), or one level's. */
static void browse_year(const web_req *rq, web_resp *rs, const char *level, int year)
{
    gr_buf *b = &rs->body;
    static const char *const levels[] = {"national", "province", "city", "county"};
    char title[96];
    snprintf(title, sizeof title, "%s%s%d年", level ? level_label(level) : "", level ? " · " : "", year);
    begin(rs, title);
    crumbs_open(b, level);
    gr_buf_printf(b, " › %d年</p><h1>", year);
    web_html(b, title);
    gr_buf_adds(b, "</h1>");
    web_rows r = {0};
    gr_reports_opts o = {.level = level, .year = year};
    if (gr_db_reports(rq->db, &o, web_collect, &r)) {
        web_rows_free(&r);
        db_error(rq, rs);
        return;
    }
    size_t all = r.n;
    /* by level, then the reports of regions that are no known division (level NULL) */
    for (int i = 0; i <= 4; i++) {
        size_t n = 0;
        for (size_t k = 0; k < r.n; k++) {
            const char *lv = web_get(&r, k, "level");
            if (i < 4 ? !(lv && !strcmp(lv, levels[i])) : valid_level(lv))
                continue;
            if (!n++)
                gr_buf_printf(b, "<h2>%s</h2><p>", i < 4 ? level_label(levels[i]) : "Other regions (no known division)");
            else
                gr_buf_adds(b, " · ");
            const char *code = web_get(&r, k, "region_code");
            if (code) {
                gr_buf_adds(b, "<a href=\"/r/");
                web_html(b, code);
                gr_buf_printf(b, "/%d\">", year);
            } else {
                gr_buf_printf(b, "<a href=\"/d/%lld\">", ll(web_get(&r, k, "id")));
            }
            web_html(b, web_get(&r, k, "region"));
            gr_buf_adds(b, "</a>");
        }
        if (n)
            gr_buf_adds(b, "</p>");
    }
    web_rows_free(&r);
    if (!all) {
        rs->status = 404;
        gr_buf_adds(b, "<p>The library holds no report of this year.</p>");
    }
    end(rs);
    rs->cacheable = 1;
}

/* The years the library has reports of, as links to each year's (for a level: that level's). */
static void year_links(const web_req *rq, gr_buf *b, const char *level)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT DISTINCT plan_year AS y FROM documents WHERE plan_year IS NOT NULL%s%s%s ORDER BY y DESC",
             level ? " AND level = '" : "", level ? level : "", level ? "'" : "");
    web_rows y = {0};
    if (!gr_db_query(rq->db, sql, web_collect, &y) && y.n) {
        gr_buf_adds(b, "<p class=\"years\">By year:");
        for (size_t i = 0; i < y.n; i++)
            gr_buf_printf(b, " <a href=\"/browse%s%s?year=%s\">%s</a>", level ? "/" : "", level ? level : "",
                          web_get(&y, i, "y"), web_get(&y, i, "y"));
        gr_buf_adds(b, "</p>");
    }
    web_rows_free(&y);
}

static void browse(const web_req *rq, web_resp *rs, const char *level)
{
    gr_buf *b = &rs->body;
    const char *ys = rq->arg ? rq->arg(rq->arg_ctx, "year") : NULL;
    if (ys && *ys) {
        int year = atoi(ys);
        if (strspn(ys, "0123456789") != strlen(ys) || year < 1949 || year > 2100) {
            web_error(rs, 404, "No such year", "A year is a plan year, 1949 to 2100.");
            return;
        }
        if (level && !valid_level(level)) {
            web_error(rs, 404, "No such level", "Levels are national, province, city and county.");
            return;
        }
        browse_year(rq, rs, level, year);
        return;
    }
    if (!level) {
        begin(rs, "Browse");
        gr_buf_adds(b, "<h1>Browse</h1><ul>");
        static const char *const levels[] = {"national", "province", "city", "county"};
        for (int i = 0; i < 4; i++) {
            web_rows r = {0};
            if (gr_db_report_regions(rq->db, levels[i], NULL, web_collect, &r)) {
                web_rows_free(&r);
                db_error(rq, rs);
                return;
            }
            size_t reports = 0;
            for (size_t k = 0; k < r.n; k++)
                reports += (size_t)atol(web_get(&r, k, "reports") ? web_get(&r, k, "reports") : "0");
            gr_buf_printf(b, "<li><a href=\"/browse/%s\">%s</a> — %zu regions, %zu reports</li>", levels[i],
                          level_label(levels[i]), r.n, reports);
            web_rows_free(&r);
        }
        gr_buf_adds(b, "</ul>");
        year_links(rq, b, NULL);
        end(rs);
        rs->cacheable = 1;
        return;
    }
    if (!valid_level(level)) {
        web_error(rs, 404, "No such level", "Levels are national, province, city and county.");
        return;
    }
    web_rows r = {0};
    if (gr_db_report_regions(rq->db, level, NULL, web_collect, &r)) {
        web_rows_free(&r);
        db_error(rq, rs);
        return;
    }
    begin(rs, level_label(level));
    gr_buf_adds(b, "<p class=\"crumbs\"><a href=\"/browse\">Browse</a> › ");
    web_html(b, level_label(level));
    gr_buf_adds(b, "</p><h1>");
    web_html(b, level_label(level));
    gr_buf_adds(b, "</h1>");
    year_links(rq, b, level);
    /* cities and counties under their province (the rows come in code order, so grouped) */
    web_rows provs = {0};
    int grouped = strcmp(level, "national") && strcmp(level, "province") &&
                  !gr_db_query(rq->db, "SELECT code, name FROM regions WHERE level = 'province'", web_collect, &provs);
    if (grouped) {
        gr_buf_adds(b, "<p>Provinces:");
        const char *last = NULL;
        for (size_t i = 0; i < r.n; i++) {
            const char *pc = web_get(&r, i, "province_code");
            if (!pc || (last && !strcmp(last, pc)))
                continue;
            last = pc;
            const char *name = province_name(&provs, pc);
            if (name) {
                gr_buf_adds(b, " <a href=\"#prov");
                web_html(b, pc);
                gr_buf_adds(b, "\">");
                web_html(b, name);
                gr_buf_adds(b, "</a>");
            }
        }
        gr_buf_adds(b, "</p>");
    }
    gr_buf_adds(b, "<table><tr><th>Region</th><th>Code</th><th>Reports</th><th>Years</th></tr>");
    const char *group = NULL;
    for (size_t i = 0; i < r.n; i++) {
        const char *code = web_get(&r, i, "code"), *pc = web_get(&r, i, "province_code");
        if (grouped && pc && (!group || strcmp(group, pc))) {
            group = pc;
            const char *name = province_name(&provs, pc);
            if (name) {
                gr_buf_adds(b, "<tr><th colspan=\"4\" id=\"prov");
                web_html(b, pc);
                gr_buf_adds(b, "\"><a href=\"/r/");
                web_html(b, pc);
                gr_buf_adds(b, "\">");
                web_html(b, name);
                gr_buf_adds(b, "</a></th></tr>");
            }
        }
        gr_buf_adds(b, "<tr><td><a href=\"/r/");
        web_html(b, code);
        gr_buf_adds(b, "\">");
        web_html(b, web_get(&r, i, "name"));
        gr_buf_adds(b, "</a></td><td>");
        web_html(b, code);
        gr_buf_adds(b, "</td><td class=\"n\">");
        web_html(b, web_get(&r, i, "reports"));
        gr_buf_adds(b, "</td><td>");
        /* each year a link to its report */
        const char *years = web_get(&r, i, "years");
        for (const char *y = years; y && *y;) {
            size_t k = strcspn(y, ",");
            char yr[8];
            snprintf(yr, sizeof yr, "%.*s", (int)(k < 7 ? k : 7), y);
            report_link(b, code, yr, yr);
            gr_buf_adds(b, " ");
            y += k + (y[k] == ',');
        }
        gr_buf_adds(b, "</td></tr>");
    }
    gr_buf_adds(b, "</table>");
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&r);
    web_rows_free(&provs);
}

/* ---- long tables, a page at a time ------------------------------------------------------- */

enum { TABLE_PAGE = 100 }; /* rows of a region matrix or an indicator table on one page */

/* The page asked for (?page=N), 1 when none or not a number; 0 when it is past the last of total
 * rows (a 404, not an empty table). */
static int page_arg(const web_req *rq, size_t total)
{
    const char *pg = rq->arg ? rq->arg(rq->arg_ctx, "page") : NULL;
    long v = pg && *pg && strspn(pg, "0123456789") == strlen(pg) && strlen(pg) < 7 ? atol(pg) : 1;
    if (v < 1)
        v = 1;
    return (size_t)(v - 1) * TABLE_PAGE < total || v == 1 ? (int)v : 0;
}

/* Rows from..from+n of r, sharing r's values (never freed itself). */
static web_rows rows_view(const web_rows *r, size_t from, size_t n)
{
    web_rows v = *r;
    v.v = r->v ? r->v + from * (size_t)r->ncol : NULL;
    v.blocks = NULL;
    v.n = n;
    return v;
}

/* "Rows a-b of n · ‹ previous · next ›" under a paged table; href is the page's URL (escaped)
 * ending in '?' or '&amp;'. Nothing when all rows fit on one page. */
static void pager(gr_buf *b, const char *href, int page, size_t total, const char *what)
{
    if (total <= TABLE_PAGE)
        return;
    size_t from = (size_t)(page - 1) * TABLE_PAGE, to = from + TABLE_PAGE < total ? from + TABLE_PAGE : total;
    gr_buf_printf(b, "<nav class=\"pages\">%s %zu–%zu of %zu", what, from + 1, to, total);
    if (page > 1)
        gr_buf_printf(b, " · <a href=\"%spage=%d\">‹ previous</a>", href, page - 1);
    if (to < total)
        gr_buf_printf(b, " · <a href=\"%spage=%d\">next ›</a>", href, page + 1);
    gr_buf_adds(b, "</nav>");
}

/* A region: its reports, and for a province or city the divisions in it as a region x year matrix. */
static void region_page(const web_req *rq, web_resp *rs, const char *code)
{
    web_rows reps = {0}, subs = {0};
    gr_reports_opts o = {.region = code};
    if (gr_db_reports(rq->db, &o, web_collect, &reps) ||
        gr_db_report_regions(rq->db, NULL, code, web_collect, &subs)) {
        web_rows_free(&reps);
        web_rows_free(&subs);
        db_error(rq, rs);
        return;
    }
    if (!reps.n && subs.n <= 0) {
        web_rows_free(&reps);
        web_rows_free(&subs);
        web_error(rs, 404, "No reports", "The library holds no report of this region.");
        return;
    }
    int page = page_arg(rq, subs.n);
    if (!page) {
        web_rows_free(&reps);
        web_rows_free(&subs);
        web_error(rs, 404, "No such page", "The region's table has fewer pages.");
        return;
    }
    gr_buf *b = &rs->body;
    const char *name = reps.n ? web_get(&reps, 0, "region") : web_get(&subs, 0, "name");
    begin(rs, name ? name : code);
    /* Browse › the level › the region */
    const char *lv = reps.n ? web_get(&reps, 0, "level") : web_get(&subs, 0, "level");
    crumbs_open(b, lv);
    gr_buf_adds(b, " › ");
    web_html(b, name ? name : code);
    gr_buf_adds(b, "</p><h1>");
    web_html(b, name);
    gr_buf_adds(b, " <span class=\"pill\">");
    web_html(b, code);
    gr_buf_adds(b, "</span></h1>");
    if (reps.n) {
        report_table(b, &reps, 0);
        gr_buf_adds(b, "<p>Indicators across years: <a href=\"/i/gdp/");
        web_html(b, code);
        gr_buf_adds(b, "\">GDP growth</a> · <a href=\"/i/cpi/");
        web_html(b, code);
        gr_buf_adds(b, "\">consumer prices</a> · <a href=\"/i/unemployment/");
        web_html(b, code);
        gr_buf_adds(b, "\">urban unemployment</a> · <a href=\"/i\">more</a></p>");
    }
    /* the divisions in it that have reports, by year */
    int lo = 9999, hi = 0;
    for (size_t i = 0; i < subs.n; i++)
        for (const char *y = web_get(&subs, i, "years"); y && *y;) {
            int v = atoi(y);
            lo = v && v < lo ? v : lo, hi = v > hi ? v : hi;
            y += strcspn(y, ",");
            y += *y == ',';
        }
    if (subs.n > 1 || (subs.n == 1 && strcmp(web_get(&subs, 0, "code") ? web_get(&subs, 0, "code") : "", code))) {
        gr_buf_adds(b, "<h2>Reports in this region, by year</h2><table class=\"matrix\"><tr><th>Region</th>");
        for (int y = lo; y <= hi && hi - lo < 60; y++)
            gr_buf_printf(b, "<th>%d</th>", y);
        gr_buf_adds(b, "</tr>");
        size_t from = (size_t)(page - 1) * TABLE_PAGE;
        for (size_t i = from; i < subs.n && i < from + TABLE_PAGE; i++) {
            const char *sc = web_get(&subs, i, "code"), *years = web_get(&subs, i, "years");
            gr_buf_adds(b, "<tr><td><a href=\"/r/");
            web_html(b, sc);
            gr_buf_adds(b, "\">");
            web_html(b, web_get(&subs, i, "name"));
            gr_buf_adds(b, "</a></td>");
            for (int y = lo; y <= hi && hi - lo < 60; y++) {
                char yr[16];
                snprintf(yr, sizeof yr, "%d", y);
                int has = 0;
                for (const char *p = years; p && *p;) {
                    has |= atoi(p) == y;
                    p += strcspn(p, ",");
                    p += *p == ',';
                }
                gr_buf_adds(b, "<td>");
                if (has)
                    report_link(b, sc, yr, "●");
                gr_buf_adds(b, "</td>");
            }
            gr_buf_adds(b, "</tr>");
        }
        gr_buf_adds(b, "</table>");
        char href[32];
        snprintf(href, sizeof href, "/r/%s?", code);
        pager(b, href, page, subs.n, "Divisions");
    }
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&reps);
    web_rows_free(&subs);
}

/* ---- the report ------------------------------------------------------------------------------ */

/* The hover text of a figure: metric: value unit · role · year. */
static void fact_title(gr_buf *b, const web_rows *f, size_t i)
{
    web_html(b, web_get(f, i, "metric"));
    gr_buf_adds(b, ": ");
    value_text(b, web_get(f, i, "value"), web_get(f, i, "high"), web_get(f, i, "unit"));
    gr_buf_adds(b, " · ");
    web_html(b, web_get(f, i, "role"));
    if (web_get(f, i, "year")) {
        gr_buf_adds(b, " · ");
        if (web_get(f, i, "period_start")) {
            web_html(b, web_get(f, i, "period_start"));
            gr_buf_adds(b, "–");
        }
        web_html(b, web_get(f, i, "year"));
    }
    const char *ap = web_get(f, i, "approx");
    if (ap && strcmp(ap, "exact")) {
        gr_buf_adds(b, " · ");
        web_html(b, ap);
    }
}

/* A report's figures with where each number stands in the text, read once (-1: stored before
 * text offsets were kept). */
struct figs {
    const web_rows *f;
    long long *at, *end;
};

static int figs_read(struct figs *g, const web_rows *f)
{
    g->f = f;
    g->at = malloc((f->n + 1) * 2 * sizeof *g->at);
    if (!g->at)
        return -1;
    g->end = g->at + f->n + 1;
    for (size_t i = 0; i < f->n; i++) {
        const char *s = web_get(f, i, "text_start"), *e = web_get(f, i, "text_end");
        g->at[i] = s && e ? atoll(s) : -1;
        g->end[i] = s && e ? atoll(e) : -1;
    }
    return 0;
}

/* The bit of a stored part's name in a GR_TERMS_* mask (gr_part_by_name knows only the parts a
 * user can give). */
static unsigned part_bit(const char *name)
{
    for (gr_part p = GR_PART_BOILERPLATE; name && p <= GR_PART_NOTES; p++)
        if (!strcmp(name, gr_part_name(p)))
            return 1u << p;
    return 0;
}

/* Text with a dictionary's terms marked (?terms=environment), leftmost-longest as `govreport terms`
 * counts them. */
static void plain(gr_buf *b, const char *s, size_t n, const gr_terms *terms)
{
    size_t run = 0, at = 0, term, m;
    for (; terms && (m = gr_terms_next(terms, s, n, &at, &term)) > 0; at += m, run = at) {
        web_html_n(b, s + run, at - run);
        gr_buf_adds(b, "<mark class=\"term\" title=\"");
        web_html(b, gr_terms_topic(terms, gr_terms_topic_of(terms, term)));
        gr_buf_adds(b, "\">");
        web_html_n(b, s + at, m);
        gr_buf_adds(b, "</mark>");
    }
    web_html_n(b, s + run, n - run);
}

/* A paragraph's text with each figure wrapped in a link to its row in the facts table. *fi walks
 * the facts (in text order) across paragraphs; figures that share a number become one link. */
static void para_text(gr_buf *b, const char *text, size_t tlen, size_t ps, size_t pe, const struct figs *g, size_t *fi,
                      const gr_terms *terms)
{
    size_t pos = ps, n = g->f->n;
    while (*fi < n) {
        if (g->at[*fi] < 0) { /* stored before text offsets were kept: nothing to highlight */
            (*fi)++;
            continue;
        }
        size_t ts = (size_t)g->at[*fi], te = (size_t)g->end[*fi];
        if (ts >= pe)
            break;
        if (ts < pos || te > pe || te > tlen || te <= ts) {
            (*fi)++;
            continue;
        }
        size_t first = *fi;
        const char *role = web_get(g->f, first, "role");
        plain(b, text + pos, ts - pos, terms);
        /* anchors by where the number stands in the text, which a re-extraction keeps */
        gr_buf_adds(b, role && !strcmp(role, "target") ? "<a class=\"fig target\" id=\"n" : "<a class=\"fig\" id=\"n");
        gr_buf_addi(b, (long long)ts);
        gr_buf_adds(b, "\" href=\"#f");
        gr_buf_addi(b, (long long)ts);
        gr_buf_adds(b, "\" title=\"");
        for (; *fi < n && g->at[*fi] == (long long)ts; (*fi)++) {
            if (*fi > first)
                gr_buf_adds(b, "; ");
            fact_title(b, g->f, *fi);
        }
        gr_buf_adds(b, "\">");
        web_html_n(b, text + ts, te - ts);
        gr_buf_adds(b, "</a>");
        pos = te;
    }
    plain(b, text + pos, pe - pos, terms);
}

static int load_report(const web_req *rq, web_resp *rs, const struct where *w, web_rows *doc)
{
    if (w->code ? gr_db_report(rq->db, w->code, w->year, web_collect, doc) : gr_db_report_id(rq->db, w->id, web_collect, doc)) {
        db_error(rq, rs);
        return -1;
    }
    if (!doc->n) {
        web_error(rs, 404, "No such report", "The library holds no report of this region for this year.");
        return -1;
    }
    return 0;
}

static void report_page(const web_req *rq, web_resp *rs, const struct where *w)
{
    web_rows d = {0}, paras = {0}, facts = {0}, comments = {0}, alts = {0};
    struct figs figs = {0};
    gr_terms *terms = NULL;
    const char *tn = rq->arg ? rq->arg(rq->arg_ctx, "terms") : NULL;
    if (tn && *tn) { /* a bundled dictionary by name only: never a path on the server */
        size_t nb, k = 0;
        gr_terms_bundled(0, &nb);
        while (k < nb && strcmp(gr_terms_bundled(k, NULL), tn))
            k++;
        char err[200];
        if (k == nb) {
            web_error(rs, 404, "No such dictionary",
                      "The terms a report page can mark: environment, innovation, livelihoods, opening-up, risk.");
            goto done;
        }
        if (!(terms = gr_terms_new()) || gr_terms_load(terms, tn, err, sizeof err)) {
            web_error(rs, 500, "Out of memory", "The server could not load the dictionary.");
            goto done;
        }
    }
    if (load_report(rq, rs, w, &d))
        goto done;
    long long id = ll(web_get(&d, 0, "id"));
    if (gr_db_report_paragraphs(rq->db, id, web_collect, &paras) || gr_db_report_figures(rq->db, id, web_collect, &facts) ||
        gr_db_comments(rq->db, id, web_collect, &comments) || gr_db_alternates(rq->db, id, web_collect, &alts)) {
        db_error(rq, rs);
        goto done;
    }
    if (d.oom || paras.oom || facts.oom || comments.oom || alts.oom || figs_read(&figs, &facts)) {
        web_error(rs, 500, "Out of memory", "The server could not hold this report.");
        goto done;
    }
    const char *text = web_get(&d, 0, "text") ? web_get(&d, 0, "text") : "";
    size_t tlen = strlen(text);
    const char *region = web_get(&d, 0, "region"), *yr = web_get(&d, 0, "year");
    char title[256];
    snprintf(title, sizeof title, "%s %s年政府工作报告", region ? region : "", yr ? yr : "");
    const char *code = w->code;
    gr_buf *b = &rs->body;
    begin(rs, title);
    /* every step: Browse › the level › the province (for a city or county) › the region › the year */
    const char *lv = web_get(&d, 0, "level"), *prov = web_get(&d, 0, "province_code");
    crumbs_open(b, lv);
    const char *pname = web_get(&d, 0, "province_name");
    if (code && prov && strcmp(prov, code) && pname) {
        int linked = web_get(&d, 0, "province_reports") && atoi(web_get(&d, 0, "province_reports")); /* its page lists them */
        gr_buf_adds(b, " › ");
        if (linked) {
            gr_buf_adds(b, "<a href=\"/r/");
            web_html(b, prov);
            gr_buf_adds(b, "\">");
        }
        web_html(b, pname);
        gr_buf_adds(b, linked ? "</a>" : "");
    }
    if (code) {
        gr_buf_adds(b, " › <a href=\"/r/");
        web_html(b, code);
        gr_buf_adds(b, "\">");
        web_html(b, region);
        gr_buf_adds(b, "</a>");
    }
    gr_buf_adds(b, " › ");
    web_html(b, yr ? yr : "");
    gr_buf_adds(b, "年</p><h1>");
    web_html(b, title);
    gr_buf_adds(b, "</h1><p class=\"meta\">");
    if (web_get(&d, 0, "meeting_date")) {
        gr_buf_adds(b, "Delivered ");
        web_html(b, web_get(&d, 0, "meeting_date"));
    }
    if (web_get(&d, 0, "speaker")) {
        gr_buf_adds(b, " by ");
        web_html(b, web_get(&d, 0, "speaker_title"));
        gr_buf_adds(b, " ");
        web_html(b, web_get(&d, 0, "speaker"));
    }
    gr_buf_adds(b, " · reviews ");
    web_html(b, web_get(&d, 0, "review_year"));
    gr_buf_adds(b, ", plans ");
    web_html(b, yr);
    gr_buf_printf(b, " · %zu figures · <a href=\"%s/source\">download the source</a> (", facts.n, w->base);
    web_html(b, web_get(&d, 0, "format"));
    gr_buf_adds(b, ", ");
    web_html(b, web_get(&d, 0, "encoding"));
    gr_buf_adds(b, ")");
    if (code)
        gr_buf_printf(b, " · <a href=\"/api/r/%s/%d\">JSON</a>", code, w->year);
    gr_buf_printf(b, " · <a href=\"#comments\">comments (%zu)</a></p>", comments.n);
    if (alts.n) { /* one report, one document: the other files it came in */
        gr_buf_adds(b, "<p class=\"meta\">Also stored from ");
        for (size_t i = 0; i < alts.n; i++) {
            const char *f = web_get(&alts, i, "file") ? web_get(&alts, i, "file") : "";
            const char *base = strrchr(f, '/') ? strrchr(f, '/') + 1 : f;
            gr_buf_adds(b, i ? "; " : "");
            web_html(b, base);
            gr_buf_adds(b, " (");
            web_html(b, web_get(&alts, i, "format"));
            gr_buf_adds(b, ", ");
            web_html(b, web_get(&alts, i, "encoding"));
            gr_buf_adds(b, atoi(web_get(&alts, i, "same_text") ? web_get(&alts, i, "same_text") : "0")
                               ? ", the same text)" : ", a different text; figures are read from the document)");
        }
        gr_buf_adds(b, "</p>");
    }

    /* the dictionaries a reader can mark, and what the one marked finds in the body */
    gr_buf_adds(b, "<p class=\"meta\">Mark terms:");
    size_t nb;
    gr_terms_bundled(0, &nb);
    for (size_t k = 0; k < nb; k++) {
        const char *name = gr_terms_bundled(k, NULL);
        gr_buf_adds(b, k ? " · " : " ");
        if (tn && !strcmp(tn, name)) {
            gr_buf_adds(b, "<b>");
            web_html(b, name);
            gr_buf_adds(b, "</b>");
        } else {
            gr_buf_adds(b, "<a href=\"?terms=");
            web_url(b, name);
            gr_buf_adds(b, "\">");
            web_html(b, name);
            gr_buf_adds(b, "</a>");
        }
    }
    if (terms) {
        size_t hits = 0, chars = 0;
        for (size_t i = 0; i < paras.n; i++) {
            size_t ps = (size_t)ll(web_get(&paras, i, "start")), pe = (size_t)ll(web_get(&paras, i, "end"));
            const char *part = web_get(&paras, i, "part");
            if (pe > tlen || ps > pe || !(GR_TERMS_ALL & part_bit(part)))
                continue;
            chars += gr_terms_chars(text + ps, pe - ps);
            for (size_t at = 0, term, m; (m = gr_terms_next(terms, text + ps, pe - ps, &at, &term)) > 0; at += m)
                hits++;
        }
        gr_buf_adds(b, " — <span class=\"terms\">");
        gr_buf_addi(b, (long long)hits);
        gr_buf_adds(b, hits == 1 ? " match" : " matches");
        gr_buf_printf(b, " in the body, %.1f per 10,000 characters (<code>govreport terms --dict ", chars ? 1e4 * (double)hits / (double)chars : 0.0);
        web_html(b, tn);
        gr_buf_adds(b, "</code>)</span> · <a href=\"?\">unmark</a>");
    }
    gr_buf_adds(b, "</p>");

    /* table of contents: the parts and the numbered sections */
    gr_buf_adds(b, "<nav><h2>Contents</h2><ol class=\"toc\">");
    const char *last_part = NULL;
    for (size_t i = 0; i < paras.n; i++) {
        const char *part = web_get(&paras, i, "part"), *h = web_get(&paras, i, "heading");
        if (!part || !strcmp(part, "boilerplate"))
            continue;
        size_t ps = (size_t)atoll(web_get(&paras, i, "start") ? web_get(&paras, i, "start") : "0");
        size_t pe = (size_t)atoll(web_get(&paras, i, "end") ? web_get(&paras, i, "end") : "0");
        if (pe > tlen || ps > pe)
            continue;
        if (!last_part || strcmp(last_part, part)) {
            gr_buf_adds(b, "<li><a href=\"#p");
            gr_buf_addi(b, ll(web_get(&paras, i, "idx")));
            gr_buf_adds(b, "\"><b>");
            web_html(b, part_label(part));
            gr_buf_adds(b, "</b></a></li>");
            last_part = part;
        }
        if (h && atoi(h) && pe - ps < 200 && strcmp(part, "notes")) { /* (a note's term is no section) */
            /* a heading that runs on into its sentence (一、稳防控、保安全,疫情防线全面巩固): the words up
             * to its first comma, the whole on hover */
            size_t cut = toc_cut(text + ps, pe - ps);
            gr_buf_adds(b, "<li><a href=\"#p");
            gr_buf_addi(b, ll(web_get(&paras, i, "idx")));
            gr_buf_adds(b, "\" title=\"");
            web_html_n(b, text + ps, pe - ps);
            gr_buf_adds(b, "\">");
            web_html_n(b, text + ps, cut);
            gr_buf_adds(b, cut < pe - ps ? "…</a></li>" : "</a></li>");
        }
    }
    gr_buf_adds(b, "</ol></nav>");
    size_t unplaced = 0;
    for (size_t i = 0; i < facts.n; i++)
        unplaced += !web_get(&facts, i, "text_start");
    if (unplaced)
        gr_buf_printf(b, "<p class=\"error\">%zu figures were stored by an older govreport, which did not keep their "
                         "place in the text, so they are not highlighted: run <code>govreport ingest --reextract</code> on "
                         "this database.</p>", unplaced);
    gr_buf_adds(b, "<article class=\"report\">");
    size_t fi = 0;
    int in_bp = 0;
    for (size_t i = 0; i < paras.n; i++) {
        size_t ps = (size_t)atoll(web_get(&paras, i, "start") ? web_get(&paras, i, "start") : "0");
        size_t pe = (size_t)atoll(web_get(&paras, i, "end") ? web_get(&paras, i, "end") : "0");
        if (pe > tlen || ps > pe)
            continue;
        const char *part = web_get(&paras, i, "part");
        int heading = web_get(&paras, i, "heading") && atoi(web_get(&paras, i, "heading"));
        int bp = part && !strcmp(part, "boilerplate");
        /* the site's text around the report (menus, 打印, 字号, footers) folded away, a run at a time */
        if (bp && !in_bp) {
            size_t run = 0;
            for (size_t j = i; j < paras.n && web_get(&paras, j, "part") && !strcmp(web_get(&paras, j, "part"), "boilerplate"); j++)
                run++;
            gr_buf_printf(b, "<details class=\"bp\"><summary>网站文字 · site text around the report (%zu)</summary>", run);
            in_bp = 1;
        } else if (!bp && in_bp) {
            gr_buf_adds(b, "</details>");
            in_bp = 0;
        }
        /* a heading that runs on into its paragraph ((四)聚焦乡村振兴,…之策。以统筹推进…): the heading up to
         * its first full stop, the rest a paragraph */
        size_t hcut = heading && !bp ? heading_cut(text + ps, pe - ps) : pe - ps;
        gr_buf_adds(b, heading && !bp ? "<h3 id=\"p" : "<p id=\"p");
        gr_buf_addi(b, ll(web_get(&paras, i, "idx")));
        gr_buf_adds(b, bp ? "\" class=\"bp\">" : "\">");
        const gr_terms *mark = terms && (GR_TERMS_ALL & part_bit(part)) ? terms : NULL;
        para_text(b, text, tlen, ps, ps + hcut, &figs, &fi, mark);
        gr_buf_adds(b, heading && !bp ? "</h3>" : "</p>");
        if (hcut < pe - ps) {
            gr_buf_adds(b, "<p>");
            para_text(b, text, tlen, ps + hcut, pe, &figs, &fi, mark);
            gr_buf_adds(b, "</p>");
        }
    }
    if (in_bp)
        gr_buf_adds(b, "</details>");
    gr_buf_adds(b, "</article><h2 id=\"facts\">Figures</h2><table class=\"facts\"><tr><th>#</th><th>Metric</th>"
                   "<th>Value</th><th>Kind</th><th>Role</th><th>Year</th><th>Approx.</th><th></th></tr>");
    for (size_t i = 0, same = 0; i < facts.n; i++) {
        /* a row's anchor: f and where its number stands in the text (f1234); the other facts read
         * from the same number, f1234-2, f1234-3… (stable across re-extractions, unlike fact ids) */
        const char *at = web_get(&facts, i, "text_start");
        same = i && at && web_get(&facts, i - 1, "text_start") && !strcmp(at, web_get(&facts, i - 1, "text_start")) ? same + 1 : 1;
        gr_buf_adds(b, at ? "<tr id=\"f" : "<tr id=\"id");
        gr_buf_addi(b, at ? ll(at) : ll(web_get(&facts, i, "id")));
        if (at && same > 1) {
            gr_buf_addc(b, '-');
            gr_buf_addi(b, (long long)same);
        }
        gr_buf_adds(b, "\"><td><a href=\"#n");
        gr_buf_addi(b, at ? ll(at) : -1LL);
        gr_buf_adds(b, "\">");
        gr_buf_addi(b, (long long)i + 1);
        gr_buf_adds(b, "</a></td><td>");
        web_html(b, web_get(&facts, i, "metric"));
        if (web_get(&facts, i, "indicator")) {
            gr_buf_adds(b, " <a class=\"pill\" href=\"/i/");
            web_url(&rs->body, web_get(&facts, i, "indicator"));
            if (code) {
                gr_buf_adds(b, "/");
                web_html(b, code);
            }
            gr_buf_adds(b, "\">");
            web_html(b, web_get(&facts, i, "indicator"));
            gr_buf_adds(b, "</a>");
        }
        gr_buf_adds(b, "</td><td class=\"n\">");
        value_text(b, web_get(&facts, i, "value"), web_get(&facts, i, "high"), web_get(&facts, i, "unit"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(&facts, i, "kind"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(&facts, i, "role"));
        gr_buf_adds(b, "</td><td>");
        if (web_get(&facts, i, "period_start")) {
            web_html(b, web_get(&facts, i, "period_start"));
            gr_buf_adds(b, "–");
        }
        web_html(b, web_get(&facts, i, "year"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(&facts, i, "approx"));
        if (at && !(env() && env()->read_only)) {
            gr_buf_adds(b, "</td><td><a href=\"");
            gr_buf_adds(b, w->base);
            gr_buf_adds(b, "/comment?fact=");
            gr_buf_addi(b, ll(at));
            gr_buf_adds(b, "\" title=\"say this figure is wrong\">comment</a>");
        }
        gr_buf_adds(b, "</td></tr>");
    }
    gr_buf_adds(b, "</table><h2 id=\"comments\">Comments</h2>");
    if (!comments.n)
        gr_buf_adds(b, "<p>No comments yet.</p>");
    for (size_t i = 0; i < comments.n; i++) {
        gr_buf_printf(b, "<div class=\"comment\" id=\"c%lld\"><div class=\"who\">", ll(web_get(&comments, i, "id")));
        web_html(b, web_get(&comments, i, "name"));
        gr_buf_adds(b, " · ");
        web_html(b, web_get(&comments, i, "created_at"));
        if (web_get(&comments, i, "fact_at")) {
            gr_buf_printf(b, " · on figure <a href=\"#f%lld\">", ll(web_get(&comments, i, "fact_at")));
            web_html(b, web_get(&comments, i, "fact_label"));
            gr_buf_adds(b, "</a>");
        } else if (web_get(&comments, i, "fact_label")) { /* its figure's place is lost (the text changed) */
            gr_buf_adds(b, " · on figure ");
            web_html(b, web_get(&comments, i, "fact_label"));
        }
        gr_buf_adds(b, "</div><p>");
        web_html(b, web_get(&comments, i, "body"));
        gr_buf_adds(b, "</p></div>");
    }
    if (env() && env()->read_only)
        gr_buf_adds(b, "<p>This library is read-only: it takes no comments.</p>");
    else
        gr_buf_printf(b, "<p><a href=\"%s/comment\">Leave a comment on this report</a></p>", w->base);
    end(rs);
    rs->cacheable = 1;
    /* the source, the extractor that made its facts, and its comments: a re-extraction or a new
     * comment changes the tag */
    snprintf(rs->etag, sizeof rs->etag, "\"%.16s-%.12s-%zu-%s\"", web_get(&d, 0, "sha256") ? web_get(&d, 0, "sha256") : "x",
             web_get(&d, 0, "extractor_version") ? web_get(&d, 0, "extractor_version") : "", comments.n,
             comments.n ? web_get(&comments, comments.n - 1, "id") : "0");
done:
    web_rows_free(&d);
    web_rows_free(&paras);
    web_rows_free(&facts);
    web_rows_free(&comments);
    web_rows_free(&alts);
    free(figs.at);
    gr_terms_free(terms);
}

static void source(const web_req *rq, web_resp *rs, const struct where *w)
{
    web_rows d = {0};
    if (load_report(rq, rs, w, &d)) {
        web_rows_free(&d);
        return;
    }
    void *data;
    size_t len;
    char fmt[16];
    gr_status got = gr_db_source(rq->db, ll(web_get(&d, 0, "id")), &data, &len, fmt, sizeof fmt);
    if (got != GR_OK) {
        web_rows_free(&d);
        if (got == GR_EINPUT) /* kept by its path (ingest --keep-sources=path), and gone or changed: not the
                               * server's paths to readers */
            web_error(rs, 404, "Not found", "The original file of this report is not in the library: it was kept by its "
                                            "path, and that file has gone or changed.");
        else
            db_error(rq, rs);
        return;
    }
    gr_buf_add(&rs->body, data, len);
    free(data);
    const char *enc = web_get(&d, 0, "encoding");
    int gb = enc && !strcmp(enc, "GB18030");
    rs->type = !strcmp(fmt, "docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
             : !strcmp(fmt, "html") ? (gb ? "text/html; charset=gb18030" : "text/html; charset=utf-8")
             : gb ? "text/plain; charset=gb18030" : "text/plain; charset=utf-8";
    /* an attachment: a scraped page is never rendered as this site's page */
    char name[48];
    if (w->code)
        snprintf(name, sizeof name, "%s-%d", w->code, w->year);
    else
        snprintf(name, sizeof name, "report-%lld", w->id);
    snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s.%s\"", name,
             !strcmp(fmt, "docx") ? "docx" : !strcmp(fmt, "html") ? "html" : "txt");
    rs->status = 200;
    rs->cache_seconds = 3600;
    web_rows_free(&d);
}

/* ---- comments -------------------------------------------------------------------------------- */

/* A figure named in ?fact= or the form: where its number starts in the text, digits only; -1 for
 * none (the report as a whole); anything else names no figure (LLONG_MAX, which none has). */
static long long fact_arg(const char *f)
{
    if (!f || !*f)
        return -1;
    if (strspn(f, "0123456789") != strlen(f) || strlen(f) > 12)
        return LLONG_MAX;
    return atoll(f);
}

/* The row of the first fact read from the number that starts at byte at of the text, or f->n. */
static size_t figure_row(const web_rows *f, long long at)
{
    for (size_t i = 0; i < f->n; i++)
        if (web_get(f, i, "text_start") && ll(web_get(f, i, "text_start")) == at)
            return i;
    return f->n;
}

static void comment_form(const web_req *rq, web_resp *rs, const struct where *w, long long fact, const char *error,
                         const web_form *keep)
{
    if (env() && env()->read_only) {
        web_error(rs, 403, "Comments are off", "This library is read-only: it takes no comments.");
        return;
    }
    web_rows d = {0}, facts = {0};
    if (load_report(rq, rs, w, &d))
        goto done;
    if (gr_db_report_facts(rq->db, ll(web_get(&d, 0, "id")), web_collect, &facts)) {
        db_error(rq, rs);
        goto done;
    }
    size_t fi = fact >= 0 ? figure_row(&facts, fact) : facts.n;
    if (fact >= 0 && fi == facts.n) {
        web_error(rs, 404, "No such figure", "This report has no figure there: comment on the report as a whole from its page.");
        goto done;
    }
    gr_buf *b = &rs->body;
    char title[200];
    snprintf(title, sizeof title, "Comment on %s %s", web_get(&d, 0, "region") ? web_get(&d, 0, "region") : "",
             web_get(&d, 0, "year") ? web_get(&d, 0, "year") : "");
    begin(rs, title);
    gr_buf_adds(b, "<h1>");
    web_html(b, title);
    gr_buf_adds(b, "</h1>");
    if (error) {
        gr_buf_adds(b, "<p class=\"error\">");
        web_html(b, error);
        gr_buf_adds(b, "</p>");
    }
    if (fi < facts.n) {
        gr_buf_adds(b, "<p>On the figure <b>");
        fact_title(b, &facts, fi);
        gr_buf_adds(b, "</b> in “");
        web_html(b, web_get(&facts, fi, "sentence"));
        gr_buf_adds(b, "”</p>");
    }
    char token[96];
    web_captcha_token(token, sizeof token, ll(web_get(&d, 0, "id")));
    gr_buf_printf(b, "<form class=\"c\" method=\"post\" action=\"%s/comment\"><input type=\"hidden\" name=\"fact\" "
                     "value=\"%s\"><input type=\"hidden\" name=\"token\" value=\"", w->base,
                  fi < facts.n ? web_get(&facts, fi, "text_start") : "");
    web_html(b, token);
    gr_buf_adds(b, "\"><label for=\"name\">Your name (optional)</label><input id=\"name\" name=\"name\" maxlength=\"40\" value=\"");
    web_html(b, keep ? keep->name : "");
    gr_buf_adds(b, "\"><label for=\"body\">Comment (up to 2,000 characters)</label><textarea id=\"body\" name=\"body\" "
                   "maxlength=\"2000\" required>");
    web_html(b, keep ? keep->body : (fi < facts.n ? "This figure is wrong: " : ""));
    gr_buf_adds(b, "</textarea><label for=\"answer\">Type the five digits in the image</label><img id=\"captcha\" "
                   "src=\"/captcha/");
    web_html(b, token);
    gr_buf_printf(b, ".png\" alt=\"a five-digit code\" width=\"%d\" height=\"%d\"><br><input id=\"answer\" name=\"answer\" "
                   "inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"5\" required> <button type=\"submit\">Post</button>"
                   "</form>", WEB_CAPTCHA_W, WEB_CAPTCHA_H);
    gr_buf_printf(b, "<p><a href=\"%s\">Back to the report</a></p>", w->base);
    end(rs);
    if (error)
        rs->status = strstr(error, "Too many") ? 429 : 400;
done:
    web_rows_free(&d);
    web_rows_free(&facts);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Does report doc have a figure whose number starts at byte fact of its text? Answers 404 (or the
 * database's error) when not. */
static int figure_exists(const web_req *rq, web_resp *rs, long long doc, long long fact)
{
    web_rows facts = {0};
    int found = 0;
    if (gr_db_report_facts(rq->db, doc, web_collect, &facts))
        db_error(rq, rs);
    else if (!(found = figure_row(&facts, fact) < facts.n))
        web_error(rs, 404, "No such figure", "This report has no figure there.");
    web_rows_free(&facts);
    return found;
}

static void post_comment(const web_req *rq, web_resp *rs, const struct where *w)
{
    const web_form *f = rq->form;
    const web_env *e = env();
    if (e && e->read_only) {
        web_error(rs, 403, "Comments are off", "This library is read-only: it takes no comments.");
        return;
    }
    if (!f || !e || !e->add_comment) {
        web_error(rs, 400, "No form", "Post the comment form.");
        return;
    }
    long long fact = fact_arg(f->fact);
    web_rows d = {0};
    if (load_report(rq, rs, w, &d) || (fact >= 0 && !figure_exists(rq, rs, ll(web_get(&d, 0, "id")), fact))) {
        web_rows_free(&d);
        return;
    }
    long long doc = ll(web_get(&d, 0, "id"));
    web_rows_free(&d);
    if (gr_utf8_invalid_at((const unsigned char *)f->name, strlen(f->name)) < strlen(f->name) ||
        gr_utf8_invalid_at((const unsigned char *)f->body, strlen(f->body)) < strlen(f->body)) {
        /* stored raw, such bytes would make every later page and API answer of the report invalid */
        comment_form(rq, rs, w, fact, "The comment is not UTF-8 text (send the form as the page does).", NULL);
        return;
    }
    if (f->too_long || utf8_chars(f->body) > 2000 || utf8_chars(f->name) > 40) {
        comment_form(rq, rs, w, fact, "The comment is too long (2,000 characters at most, a name of 40).", f);
        return;
    }
    size_t blank = strspn(f->body, " \t\r\n");
    if (!f->body[blank]) {
        comment_form(rq, rs, w, fact, "The comment is empty.", f);
        return;
    }
    if (e->allow && !e->allow(rq->client, WEB_LIMIT_CAPTCHA_FAIL, 0)) {
        comment_form(rq, rs, w, fact, "Too many wrong codes from your address: wait ten minutes.", f);
        return;
    }
    if (!web_captcha_check(f->token, doc, f->answer)) {
        if (e->allow && !e->allow(rq->client, WEB_LIMIT_CAPTCHA_FAIL, 1))
            comment_form(rq, rs, w, fact, "Too many wrong codes from your address: wait ten minutes.", f);
        else
            comment_form(rq, rs, w, fact, "The code was wrong or has expired (each image can be answered once): try this one.", f);
        return;
    }
    if (e->allow && !e->allow(rq->client, WEB_LIMIT_COMMENT, 1)) {
        comment_form(rq, rs, w, fact, "Too many comments from your address: wait ten minutes.", f);
        return;
    }
    char err[256];
    if (e->add_comment(doc, fact, *f->name ? f->name : "reader", f->body, err, sizeof err)) {
        web_error(rs, 500, "The comment was not stored", err);
        return;
    }
    rs->status = 303;
    snprintf(rs->location, sizeof rs->location, "%s#comments", w->base);
    rs->type = "text/plain; charset=utf-8";
    gr_buf_adds(&rs->body, "Stored. See you at the report.\n");
}

/* ---- indicators ------------------------------------------------------------------------------ */

static void indicator_list(const web_req *rq, web_resp *rs)
{
    web_rows r = {0};
    if (gr_db_indicator_list(rq->db, web_collect, &r)) {
        web_rows_free(&r);
        db_error(rq, rs);
        return;
    }
    gr_buf *b = &rs->body;
    begin(rs, "Indicators");
    gr_buf_adds(b, "<h1>Indicators</h1><table><tr><th>Id</th><th>Name</th><th>Unit</th><th>Figures</th></tr>");
    for (size_t i = 0; i < r.n; i++) {
        gr_buf_adds(b, "<tr><td><a href=\"/i/");
        web_url(b, web_get(&r, i, "id"));
        gr_buf_adds(b, "?level=province\">");
        web_html(b, web_get(&r, i, "id"));
        gr_buf_adds(b, "</a></td><td>");
        web_html(b, web_get(&r, i, "name"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(&r, i, "unit_family"));
        gr_buf_adds(b, "</td><td class=\"n\">");
        web_html(b, web_get(&r, i, "facts"));
        gr_buf_adds(b, "</td></tr>");
    }
    gr_buf_adds(b, "</table>");
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&r);
}

/* The indicator's name, by one lookup in the indicators table (not the list with its fact counts,
 * which counts every indicator's facts). id is [a-z0-9_] only, checked again here, so it can stand
 * in the statement. */
const char *web_indicator_name(const web_req *rq, const char *id, char *buf, size_t n)
{
    char sql[160];
    if (!*id || strlen(id) > 40 || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(id))
        return NULL;
    snprintf(sql, sizeof sql, "SELECT name FROM indicators WHERE id = '%s'", id);
    web_rows r = {0};
    const char *out = NULL;
    if (!gr_db_query(rq->db, sql, web_collect, &r) && r.n) {
        snprintf(buf, n, "%s", web_get(&r, 0, "name") ? web_get(&r, 0, "name") : id);
        out = buf;
    }
    web_rows_free(&r);
    return out;
}

static const char *kind_arg(const web_req *rq)
{
    const char *k = rq->arg ? rq->arg(rq->arg_ctx, "kind") : NULL;
    return k && (!strcmp(k, "amount") || !strcmp(k, "growth") || !strcmp(k, "share") || !strcmp(k, "rank")) ? k
                                                                                                              : "growth";
}

/* One indicator for every region of a level, one year: targets beside results. */
static void indicator_page(const web_req *rq, web_resp *rs, const char *id)
{
    char name[128];
    if (!web_indicator_name(rq, id, name, sizeof name)) {
        web_error(rs, 404, "No such indicator", "See the list of indicators.");
        return;
    }
    const char *level = rq->arg ? rq->arg(rq->arg_ctx, "level") : NULL, *ys = rq->arg ? rq->arg(rq->arg_ctx, "year") : NULL;
    if (!valid_level(level))
        level = "province";
    const char *kind = kind_arg(rq);
    web_rows st = {0}, r = {0};
    int year = ys ? parse_year(ys, strlen(ys)) : 0;
    if (!year) { /* the latest year that has a result, else the latest with a target */
        gr_targets_opts all = {.indicator = id, .kind = kind, .level = level, .year_from = 1949, .year_to = 2100};
        if (gr_db_targets(rq->db, &all, web_collect, &st)) {
            web_rows_free(&st);
            db_error(rq, rs);
            return;
        }
        for (size_t i = 0; i < st.n; i++) {
            int y = atoi(web_get(&st, i, "year") ? web_get(&st, i, "year") : "0");
            if (web_get(&st, i, "result") && y > year)
                year = y;
        }
        for (size_t i = 0; i < st.n && !year; i++)
            year = atoi(web_get(&st, i, "year") ? web_get(&st, i, "year") : "0");
        web_rows_free(&st);
    }
    gr_targets_opts o = {.indicator = id, .kind = kind, .level = level, .year_from = year, .year_to = year};
    if (year && gr_db_targets(rq->db, &o, web_collect, &r)) {
        web_rows_free(&r);
        db_error(rq, rs);
        return;
    }
    int page = page_arg(rq, r.n);
    if (!page) {
        web_rows_free(&r);
        web_error(rs, 404, "No such page", "The indicator's table has fewer pages.");
        return;
    }
    size_t from = (size_t)(page - 1) * TABLE_PAGE, upto = from + TABLE_PAGE < r.n ? from + TABLE_PAGE : r.n;
    web_rows shown = rows_view(&r, from < r.n ? from : 0, upto > from ? upto - from : 0);
    gr_buf hq = {0}; /* the page's own URL, for the pager */
    gr_buf *b = &rs->body;
    char title[200];
    snprintf(title, sizeof title, "%s (%s), %s, %d", name, kind, level, year);
    begin(rs, title);
    gr_buf_adds(b, "<p><a href=\"/i\">Indicators</a> ›</p><h1>");
    web_html(b, name);
    gr_buf_adds(b, " <span class=\"pill\">");
    web_html(b, kind);
    gr_buf_printf(b, "</span></h1><p>%s, %d: the target each report set for the year beside the result the next "
                     "year's report states. Other years:", level_label(level), year);
    for (int y = year - 3; y <= year + 1; y++)
        if (y != year) {
            gr_buf_adds(b, " <a href=\"/i/");
            web_url(b, id);
            gr_buf_printf(b, "?level=%s&amp;kind=%s&amp;year=%d\">%d</a>", level, kind, y, y);
        }
    gr_buf_adds(b, " · Levels:");
    static const char *const levels[] = {"national", "province", "city", "county"};
    for (int i = 0; i < 4; i++) {
        gr_buf_adds(b, " <a href=\"/i/");
        web_url(b, id);
        gr_buf_printf(b, "?level=%s&amp;kind=%s&amp;year=%d\">%s</a>", levels[i], kind, year, levels[i]);
    }
    gr_buf_adds(b, " · Kind:");
    static const char *const kinds[] = {"amount", "growth", "share", "rank"};
    for (int i = 0; i < 4; i++) {
        gr_buf_adds(b, " <a href=\"/i/");
        web_url(b, id);
        gr_buf_printf(b, "?level=%s&amp;kind=%s&amp;year=%d\">%s</a>", level, kinds[i], year, kinds[i]);
    }
    gr_buf_adds(b, "</p><figure>");
    const char *unit = NULL;
    for (size_t i = 0; i < r.n && !unit; i++)
        unit = web_get(&r, i, "result_unit") ? web_get(&r, i, "result_unit") : web_get(&r, i, "target_unit");
    char ctitle[200];
    snprintf(ctitle, sizeof ctitle, "%s %d: target and result", name, year);
    web_chart_regions(b, &shown, ctitle, unit);
    gr_buf_adds(b, "<figcaption>Orange: the target the year's report set (a band for a range). Blue: the result "
                   "the next year's report states.</figcaption></figure>"
                   "<table><tr><th>Region</th><th>Target</th><th>Result</th><th>Gap</th><th>Status</th></tr>");
    size_t met = 0, missed = 0;
    for (size_t i = 0; i < r.n; i++) {
        const char *status = web_get(&r, i, "status");
        met += status && !strcmp(status, "met"), missed += status && !strcmp(status, "missed");
    }
    for (size_t i = from; i < upto; i++) {
        const char *code = web_get(&r, i, "region_code"), *status = web_get(&r, i, "status");
        gr_buf_adds(b, "<tr><td><a href=\"/i/");
        web_url(b, id);
        gr_buf_adds(b, "/");
        web_html(b, code);
        gr_buf_printf(b, "?kind=%s\">", kind);
        web_html(b, web_get(&r, i, "region"));
        gr_buf_adds(b, "</a></td><td class=\"n\">");
        value_text(b, web_get(&r, i, "target"), web_get(&r, i, "target_high"), web_get(&r, i, "target_unit"));
        const char *ap = web_get(&r, i, "target_approx");
        if (ap && strcmp(ap, "exact")) {
            gr_buf_adds(b, " <span class=\"pill\">");
            web_html(b, ap);
            gr_buf_adds(b, "</span>");
        }
        gr_buf_adds(b, "</td><td class=\"n\">");
        value_text(b, web_get(&r, i, "result"), NULL, web_get(&r, i, "result_unit"));
        gr_buf_adds(b, "</td><td class=\"n\">");
        number(b, web_get(&r, i, "gap"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, status);
        gr_buf_adds(b, "</td></tr>");
    }
    gr_buf_adds(b, "</table>");
    gr_buf_adds(&hq, "/i/");
    web_url(&hq, id);
    gr_buf_printf(&hq, "?level=%s&amp;kind=%s&amp;year=%d&amp;", level, kind, year);
    pager(b, hq.p ? hq.p : "", page, r.n, "Regions");
    gr_buf_free(&hq);
    gr_buf_printf(b, "<p>%zu regions; %zu met, %zu missed.</p>", r.n, met, missed);
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&r);
}

/* One indicator of one region across years: the chart and its table. svg: the image alone. */
/* A county's or a city's results beside its city's and province's, year by year (the same
 * indicator and kind), each parent linked to its own chart. */
static void parents_table(const web_req *rq, gr_buf *b, const char *id, const char *kind, const char *code, const web_rows *own)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT city_code, province_code FROM regions WHERE code = '%s'", code);
    web_rows pr = {0};
    if (gr_db_query(rq->db, sql, web_collect, &pr) || !pr.n) {
        web_rows_free(&pr);
        return;
    }
    const char *codes[2] = {web_get(&pr, 0, "city_code"), web_get(&pr, 0, "province_code")};
    web_rows series[2] = {{0}, {0}};
    int any = 0;
    for (int k = 0; k < 2; k++) {
        if (!codes[k] || !strcmp(codes[k], code) || (k && codes[0] && !strcmp(codes[0], codes[1])))
            continue;
        gr_targets_opts o = {.indicator = id, .kind = kind, .region = codes[k], .year_from = 1949, .year_to = 2100};
        if (!gr_db_targets(rq->db, &o, web_collect, &series[k]) && series[k].n)
            any = 1;
    }
    if (any) {
        gr_buf_adds(b, "<h2>Beside its city and province</h2><table class=\"parents\"><tr><th>Year</th><th>");
        web_html(b, web_get(own, 0, "region"));
        gr_buf_adds(b, "</th>");
        for (int k = 0; k < 2; k++)
            if (series[k].n) {
                gr_buf_adds(b, "<th><a href=\"/i/");
                web_url(b, id);
                gr_buf_adds(b, "/");
                web_html(b, codes[k]);
                gr_buf_adds(b, "?kind=");
                web_url(b, kind);
                gr_buf_adds(b, "\">");
                web_html(b, web_get(&series[k], 0, "region"));
                gr_buf_adds(b, "</a></th>");
            }
        gr_buf_adds(b, "</tr>");
        /* every year any of the three has a result for */
        const web_rows *all[3] = {own, &series[0], &series[1]};
        int y0 = 9999, y1 = 0;
        for (int k = 0; k < 3; k++)
            for (size_t j = 0; j < all[k]->n; j++)
                if (web_get(all[k], j, "result") && web_get(all[k], j, "year")) {
                    int y = atoi(web_get(all[k], j, "year"));
                    y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
                }
        for (int y = y0; y <= y1; y++) {
            const char *cell[3] = {NULL, NULL, NULL}, *unit[3] = {NULL, NULL, NULL};
            for (int k = 0; k < 3; k++)
                for (size_t j = 0; j < all[k]->n; j++)
                    if (web_get(all[k], j, "year") && atoi(web_get(all[k], j, "year")) == y && web_get(all[k], j, "result"))
                        cell[k] = web_get(all[k], j, "result"), unit[k] = web_get(all[k], j, "result_unit");
            if (!cell[0] && !cell[1] && !cell[2])
                continue;
            gr_buf_printf(b, "<tr><td>%d</td>", y);
            for (int k = 0; k < 3; k++) {
                if (k && !all[k]->n)
                    continue;
                gr_buf_adds(b, "<td class=\"n\">");
                value_text(b, cell[k], NULL, unit[k]);
                gr_buf_adds(b, "</td>");
            }
            gr_buf_adds(b, "</tr>");
        }
        gr_buf_adds(b, "</table>");
    }
    for (int k = 0; k < 2; k++)
        web_rows_free(&series[k]);
    web_rows_free(&pr);
}

static void series_page(const web_req *rq, web_resp *rs, const char *id, const char *code, int svg)
{
    char name[128];
    if (!web_indicator_name(rq, id, name, sizeof name)) {
        web_error(rs, 404, "No such indicator", "See the list of indicators.");
        return;
    }
    const char *kind = kind_arg(rq);
    web_rows r = {0};
    gr_targets_opts o = {.indicator = id, .kind = kind, .region = code, .year_from = 1949, .year_to = 2100};
    if (gr_db_targets(rq->db, &o, web_collect, &r)) {
        web_rows_free(&r);
        db_error(rq, rs);
        return;
    }
    if (!r.n) {
        web_rows_free(&r);
        web_error(rs, 404, "No reports", "The library holds no report of this region.");
        return;
    }
    const char *region = web_get(&r, 0, "region");
    const char *unit = NULL;
    for (size_t i = 0; i < r.n && !unit; i++)
        unit = web_get(&r, i, "result_unit") ? web_get(&r, i, "result_unit") : web_get(&r, i, "target_unit");
    /* the indicator as this region's reports name it (国内生产总值 for the State Council's): the name
     * or alias of the indicator its facts use most */
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT f.metric FROM facts f JOIN documents d ON d.id = f.doc_id JOIN indicator_names n"
             " ON n.indicator = f.indicator AND n.name = f.metric WHERE f.indicator = '%s' AND d.region_code = '%s'"
             " GROUP BY f.metric ORDER BY count(*) DESC, f.metric LIMIT 1", id, code);
    web_rows un = {0};
    if (!gr_db_query(rq->db, sql, web_collect, &un) && un.n && web_get(&un, 0, "metric"))
        snprintf(name, sizeof name, "%s", web_get(&un, 0, "metric"));
    web_rows_free(&un);
    char title[256];
    snprintf(title, sizeof title, "%s · %s (%s)", region ? region : code, name, kind);
    gr_buf *b = &rs->body;
    if (svg) {
        rs->type = "image/svg+xml";
        web_chart(b, &r, title, unit);
        rs->status = 200;
        rs->cacheable = 1;
        web_rows_free(&r);
        return;
    }
    begin(rs, title);
    gr_buf_adds(b, "<p><a href=\"/i/");
    web_url(b, id);
    gr_buf_adds(b, "\">");
    web_html(b, name);
    gr_buf_adds(b, "</a> › <a href=\"/r/");
    web_html(b, code);
    gr_buf_adds(b, "\">");
    web_html(b, region);
    gr_buf_adds(b, "</a></p><h1>");
    web_html(b, title);
    gr_buf_adds(b, "</h1><figure>");
    web_chart(b, &r, title, unit);
    gr_buf_adds(b, "<figcaption>Blue: the result stated by the next year's report. Orange: the year's target "
                   "(a band for a range, an arrow for 以上 / 以内).</figcaption></figure><table><tr><th>Year</th>"
                   "<th>Target</th><th>Result</th><th>Status</th><th>Report</th></tr>");
    for (size_t i = 0; i < r.n; i++) {
        gr_buf_adds(b, "<tr><td>");
        web_html(b, web_get(&r, i, "year"));
        gr_buf_adds(b, "</td><td class=\"n\">");
        value_text(b, web_get(&r, i, "target"), web_get(&r, i, "target_high"), web_get(&r, i, "target_unit"));
        gr_buf_adds(b, "</td><td class=\"n\">");
        value_text(b, web_get(&r, i, "result"), NULL, web_get(&r, i, "result_unit"));
        gr_buf_adds(b, "</td><td>");
        web_html(b, web_get(&r, i, "status"));
        gr_buf_adds(b, "</td><td>");
        report_link(b, code, web_get(&r, i, "year"), "report");
        gr_buf_adds(b, "</td></tr>");
    }
    gr_buf_adds(b, "</table>");
    parents_table(rq, b, id, kind, code, &r);
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&r);
}

/* ---- search, site map ------------------------------------------------------------------------ */

enum { SEARCH_PAGE = 20 }; /* hits on a page of search results */

/* The search form, with the query and the filters kept. */
static void search_form(gr_buf *b, const char *q, const char *level, const char *region, int year)
{
    gr_buf_adds(b, "<form class=\"search\" action=\"/search\"><input name=\"q\" maxlength=\"200\" aria-label=\"words\" value=\"");
    web_html(b, q ? q : "");
    gr_buf_adds(b, "\"> <select name=\"level\" aria-label=\"level\"><option value=\"\">every level</option>");
    static const char *const levels[] = {"national", "province", "city", "county"};
    for (int i = 0; i < 4; i++)
        gr_buf_printf(b, "<option value=\"%s\"%s>%s</option>", levels[i], level && !strcmp(level, levels[i]) ? " selected" : "",
                      level_label(levels[i]));
    gr_buf_adds(b, "</select> <input name=\"region\" size=\"10\" maxlength=\"20\" placeholder=\"region 地区\" aria-label=\"region\" value=\"");
    web_html(b, region ? region : "");
    gr_buf_adds(b, "\"> <input name=\"year\" size=\"5\" maxlength=\"4\" placeholder=\"year\" aria-label=\"year\" value=\"");
    if (year)
        gr_buf_printf(b, "%d", year);
    gr_buf_adds(b, "\"> <button>Search</button></form>");
}

/* A link to another page of the same search. */
static void search_link(gr_buf *b, const char *q, const char *level, const char *region, int year, int page, const char *label)
{
    gr_buf_adds(b, "<a href=\"/search?q=");
    web_url(b, q);
    if (level) {
        gr_buf_adds(b, "&amp;level=");
        web_url(b, level);
    }
    if (region) {
        gr_buf_adds(b, "&amp;region=");
        web_url(b, region);
    }
    if (year)
        gr_buf_printf(b, "&amp;year=%d", year);
    gr_buf_printf(b, "&amp;page=%d\">%s</a>", page, label);
}

static void search(const web_req *rq, web_resp *rs)
{
    const char *q = rq->arg ? rq->arg(rq->arg_ctx, "q") : NULL;
    const char *level = rq->arg ? rq->arg(rq->arg_ctx, "level") : NULL;
    const char *region = rq->arg ? rq->arg(rq->arg_ctx, "region") : NULL;
    const char *ys = rq->arg ? rq->arg(rq->arg_ctx, "year") : NULL, *pg = rq->arg ? rq->arg(rq->arg_ctx, "page") : NULL;
    if (level && !*level)
        level = NULL;
    if (region && !*region)
        region = NULL;
    int year = ys && *ys ? atoi(ys) : 0, page = pg && atoi(pg) > 0 && atoi(pg) <= 1000 ? atoi(pg) : 1;
    gr_buf *b = &rs->body;
    const char *bad = q && strlen(q) > 200 ? "The query is too long (200 bytes at most)."
                    : level && !valid_level(level) ? "The level is national, province, city or county."
                    : (ys && *ys && (year < 1949 || year > 2100)) ? "The year is a plan year, 1949 to 2100."
                    : region && strlen(region) > 60 ? "The region is a code or a name." : NULL;
    if (!q || !*q || bad) {
        begin(rs, "Search");
        gr_buf_adds(b, "<h1>Search</h1>");
        search_form(b, q && strlen(q) <= 200 ? q : "", valid_level(level) ? level : NULL, region, year);
        if (bad) {
            gr_buf_adds(b, "<p class=\"error\">");
            web_html(b, bad);
            gr_buf_adds(b, "</p>");
            rs->status = 400;
        }
        end(rs);
        return;
    }
    web_rows r = {0};
    gr_search_opts o = {.query = q, .level = level, .region = region, .year = year, .limit = SEARCH_PAGE,
                        .offset = (page - 1) * SEARCH_PAGE, .mark_open = "\x01", .mark_close = "\x02"};
    if (gr_db_search(rq->db, &o, web_collect, &r)) {
        web_rows_free(&r);
        web_error(rs, 400, "Search failed", gr_db_error(rq->db));
        return;
    }
    begin_q(rs, q, q);
    gr_buf_adds(b, "<h1>Search: ");
    web_html(b, q);
    gr_buf_adds(b, "</h1>");
    search_form(b, q, level, region, year);
    long long total = r.n ? ll(web_get(&r, 0, "total")) : 0;
    size_t from = (size_t)(page - 1) * SEARCH_PAGE;
    if (r.n)
        gr_buf_printf(b, "<p class=\"hits\">%lld paragraphs found; %zu–%zu shown.</p>", total, from + 1, from + r.n);
    else
        gr_buf_adds(b, page > 1 ? "<p class=\"hits\">No more paragraphs: this page is past the last.</p>"
                                : "<p class=\"hits\">No paragraph holds these words.</p>");
    for (size_t i = 0; i < r.n; i++) {
        const char *code = web_get(&r, i, "region_code"), *yr = web_get(&r, i, "plan_year");
        gr_buf_adds(b, "<p>");
        if (code && yr) {
            gr_buf_adds(b, "<a href=\"/r/");
            web_html(b, code);
            gr_buf_adds(b, "/");
            web_html(b, yr);
            gr_buf_adds(b, "#p");
            web_html(b, web_get(&r, i, "para"));
            gr_buf_adds(b, "\">");
        }
        web_html(b, web_get(&r, i, "region"));
        gr_buf_adds(b, " ");
        web_html(b, yr);
        gr_buf_adds(b, code && yr ? "</a>: " : ": ");
        /* the snippet: escaped, then the marks (control bytes, dropped by escaping) made <mark> */
        const char *sn = web_get(&r, i, "snippet");
        for (const char *p = sn; p && *p;) {
            size_t k = strcspn(p, "\x01\x02");
            web_html_n(b, p, k);
            p += k;
            if (*p)
                gr_buf_adds(b, *p++ == '\x01' ? "<mark>" : "</mark>");
        }
        gr_buf_adds(b, "</p>");
    }
    if (page > 1 || (long long)(from + r.n) < total) {
        gr_buf_adds(b, "<nav class=\"pages\">");
        if (page > 1)
            search_link(b, q, level, region, year, page - 1, "‹ previous");
        gr_buf_printf(b, " page %d of %lld ", page, total ? (total + SEARCH_PAGE - 1) / SEARCH_PAGE : (long long)page);
        if ((long long)(from + r.n) < total)
            search_link(b, q, level, region, year, page + 1, "next ›");
        gr_buf_adds(b, "</nav>");
    }
    end(rs);
    rs->cacheable = 1;
    web_rows_free(&r);
}

static void sitemap(const web_req *rq, web_resp *rs)
{
    web_rows r = {0}, regions = {0};
    gr_reports_opts o = {0};
    if (gr_db_reports(rq->db, &o, web_collect, &r) || gr_db_report_regions(rq->db, NULL, NULL, web_collect, &regions)) {
        web_rows_free(&r);
        web_rows_free(&regions);
        db_error(rq, rs);
        return;
    }
    const char *host = rq->host;
    char base[200];
    snprintf(base, sizeof base, "http://%s", host && *host && strlen(host) < 150 && !strpbrk(host, "<>\"'& /\\") ? host : "localhost");
    rs->type = "application/xml; charset=utf-8";
    gr_buf *b = &rs->body;
    gr_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    gr_buf_printf(b, "<url><loc>%s/</loc></url>\n<url><loc>%s/browse</loc></url>\n<url><loc>%s/i</loc></url>\n", base, base, base);
    for (size_t i = 0; i < regions.n; i++) {
        gr_buf_printf(b, "<url><loc>%s/r/", base);
        web_html(b, web_get(&regions, i, "code"));
        gr_buf_adds(b, "</loc></url>\n");
    }
    for (size_t i = 0; i < r.n; i++) {
        const char *code = web_get(&r, i, "region_code"), *year = web_get(&r, i, "year");
        if (code && year) {
            gr_buf_printf(b, "<url><loc>%s/r/", base);
            web_html(b, code);
            gr_buf_adds(b, "/");
            web_html(b, year);
        } else {
            gr_buf_printf(b, "<url><loc>%s/d/%lld", base, ll(web_get(&r, i, "id")));
        }
        gr_buf_adds(b, "</loc></url>\n");
    }
    gr_buf_adds(b, "</urlset>\n");
    rs->status = 200;
    rs->cacheable = 1;
    web_rows_free(&r);
    web_rows_free(&regions);
}

/* ---- routing --------------------------------------------------------------------------------- */

/* Splits path (after its leading '/') into at most 4 segments; returns how many, -1 if more. */
static int segments(const char *path, const char *seg[4], size_t len[4])
{
    int n = 0;
    const char *p = path + (*path == '/');
    if (!*p)
        return 0;
    while (*p) {
        if (n == 4)
            return -1;
        size_t k = strcspn(p, "/");
        seg[n] = p, len[n] = k, n++;
        p += k;
        if (*p == '/')
            p++;
    }
    return n;
}

static int is(const char *s, size_t n, const char *lit) { return strlen(lit) == n && !memcmp(s, lit, n); }

void web_pages(const web_req *rq, web_resp *rs)
{
    const char *seg[4];
    size_t len[4];
    int n = segments(rq->path, seg, len);
    int post = !strcmp(rq->method, "POST");
    if (n < 0) {
        web_error(rs, 404, "Not found", "There is no such page.");
        return;
    }
    if (post && !((n == 4 && is(seg[0], len[0], "r") && is(seg[3], len[3], "comment")) ||
                  (n == 3 && is(seg[0], len[0], "d") && is(seg[2], len[2], "comment")))) {
        web_error(rs, 405, "Method not allowed", "Only the comment form takes POST.");
        return;
    }
    rs->cache_seconds = 60;
    if (n == 0) {
        home(rq, rs);
    } else if (n == 2 && is(seg[0], len[0], "static") && is(seg[1], len[1], "style.css")) {
        rs->type = "text/css; charset=utf-8";
        gr_buf_adds(&rs->body, css);
        rs->status = 200;
        rs->cache_seconds = 86400;
        rs->cacheable = 1;
    } else if (n == 2 && is(seg[0], len[0], "static") && is(seg[1], len[1], "icon.svg")) {
        rs->type = "image/svg+xml";
        gr_buf_adds(&rs->body, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" "
                               "height=\"16\" rx=\"3\" fill=\"#8c1c13\"/><path d=\"M4 4h8M4 8h8M4 12h5\" stroke=\"#fff\" "
                               "stroke-width=\"2\"/></svg>");
        rs->status = 200;
        rs->cache_seconds = 86400;
        rs->cacheable = 1;
    } else if (n == 1 && is(seg[0], len[0], "favicon.ico")) {
        rs->status = 204; /* the pages name their icon; an empty answer for clients that ask anyway */
    } else if (n == 1 && is(seg[0], len[0], "robots.txt")) {
        rs->type = "text/plain; charset=utf-8";
        gr_buf_adds(&rs->body, "User-agent: *\nDisallow: /captcha/\nDisallow: /api/\nSitemap: /sitemap.xml\n");
        rs->status = 200;
    } else if (n == 1 && is(seg[0], len[0], "sitemap.xml")) {
        sitemap(rq, rs);
    } else if (n == 1 && is(seg[0], len[0], "search")) {
        rs->cache_seconds = 0;
        search(rq, rs);
    } else if ((n == 1 || n == 2) && is(seg[0], len[0], "browse")) {
        char level[16] = "";
        if (n == 2)
            snprintf(level, sizeof level, "%.*s", (int)(len[1] < 15 ? len[1] : 15), seg[1]);
        browse(rq, rs, n == 2 ? level : NULL);
    } else if (n == 2 && is(seg[0], len[0], "captcha") && len[1] > 4 && !memcmp(seg[1] + len[1] - 4, ".png", 4)) {
        char token[96];
        snprintf(token, sizeof token, "%.*s", (int)(len[1] - 4 < 95 ? len[1] - 4 : 95), seg[1]);
        char answer[16];
        if (web_captcha_png(token, &rs->body, answer, sizeof answer)) {
            web_error(rs, 404, "No such image", "This code is not one of ours.");
            return;
        }
        rs->type = "image/png";
        rs->status = 200;
        rs->cache_seconds = 0;
        if (env() && env()->test_captcha)
            snprintf(rs->test_answer, sizeof rs->test_answer, "%s", answer);
    } else if (n == 2 && is(seg[0], len[0], "r") && is_code(seg[1], len[1])) {
        char code[8];
        snprintf(code, sizeof code, "%.6s", seg[1]);
        region_page(rq, rs, code);
    } else if (((n == 3 || n == 4) && is(seg[0], len[0], "r") && is_code(seg[1], len[1]) && parse_year(seg[2], len[2])) ||
               ((n == 2 || n == 3) && is(seg[0], len[0], "d") && is_id(seg[1], len[1]))) {
        /* a report: /r/<code>/<year>[/what] or /d/<id>[/what] */
        char code[8];
        struct where w = {0};
        int by_code = seg[0][0] == 'r';
        const char *what = by_code ? (n == 4 ? seg[3] : NULL) : (n == 3 ? seg[2] : NULL);
        size_t wl = by_code ? (n == 4 ? len[3] : 0) : (n == 3 ? len[2] : 0);
        if (by_code) {
            snprintf(code, sizeof code, "%.6s", seg[1]);
            w.code = code;
            w.year = parse_year(seg[2], len[2]);
            snprintf(w.base, sizeof w.base, "/r/%s/%d", code, w.year);
        } else {
            w.id = atoll(seg[1]);
            snprintf(w.base, sizeof w.base, "/d/%lld", w.id);
        }
        if (!what)
            report_page(rq, rs, &w);
        else if (is(what, wl, "source"))
            source(rq, rs, &w);
        else if (is(what, wl, "comment") && post)
            post_comment(rq, rs, &w);
        else if (is(what, wl, "comment")) {
            const char *f = rq->arg ? rq->arg(rq->arg_ctx, "fact") : NULL;
            comment_form(rq, rs, &w, fact_arg(f), NULL, NULL);
            rs->cache_seconds = 0;
        } else
            web_error(rs, 404, "Not found", "There is no such page.");
    } else if (n == 1 && is(seg[0], len[0], "i")) {
        indicator_list(rq, rs);
    } else if ((n == 2 || n == 3) && is(seg[0], len[0], "i") && len[1] < 40 &&
               strspn(seg[1], "abcdefghijklmnopqrstuvwxyz0123456789_") >= len[1]) {
        char id[48];
        snprintf(id, sizeof id, "%.*s", (int)len[1], seg[1]);
        if (n == 2) {
            indicator_page(rq, rs, id);
        } else {
            int svg = len[2] == 10 && !memcmp(seg[2] + 6, ".svg", 4);
            if (!is_code(seg[2], svg ? 6 : len[2])) {
                web_error(rs, 404, "Not found", "An indicator chart's address is /i/<indicator>/<region code>.");
                return;
            }
            char code[8];
            snprintf(code, sizeof code, "%.6s", seg[2]);
            series_page(rq, rs, id, code, svg);
        }
    } else {
        web_error(rs, 404, "Not found", "There is no such page.");
    }
}
