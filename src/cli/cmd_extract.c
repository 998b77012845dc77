/* cmd_extract.c - `govreport extract`: indicator facts as JSON Lines (the facts GUIDE's contract),
 * CSV for Stata, R and Excel, or a table for a terminal. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../util/json.h"

static const char help[] =
    "usage: govreport extract [--format jsonl|csv|table] [--explain] [--bom] [--region R] [--year Y] [--part P]\n"
    "                         FILE... | -\n"
    "\n"
    "Prints the indicator facts of each report: the thing measured (metric), value, unit as\n"
    "written, kind (amount | growth | share | rank), role (actual | target), approx (exact |\n"
    "about | min | max), year (and period for multi-year spans), basis (同比, 可比, 年均),\n"
    "estimate (预计), the canonical indicator id where known (gdp, cpi, ...), the sentence and\n"
    "the byte offsets of the number in the input file.\n"
    "\n"
    "  --format jsonl  a document record, then one fact record per line (default when piped)\n"
    "  --format csv    one row per fact with the document's region and years (UTF-8)\n"
    "  --format table  aligned columns for reading (default on a terminal)\n"
    "  --explain       for each fact, how it was read: the rule that made it, the clause its metric\n"
    "                  was read from and the words peeled off it, why its role and year are what\n"
    "                  they are, and the sentence (for reading, not parsing)\n"
    "  --bom           start CSV with a UTF-8 byte order mark, so Excel reads it as UTF-8\n"
    CLI_HINT_HELP
    "\n"
    "A pasted paragraph is read as a fragment of a report when --region and --year say whose:\n"
    "  echo '地区生产总值增长6%左右' | govreport extract --region 容城县 --year 2024 --part plan -\n";

enum { F_JSONL, F_CSV, F_TABLE, F_EXPLAIN };
struct opts {
    int format, bom, header_done;
};

static void kv_str(gr_buf *b, const char *k, const char *v)
{
    if (!v)
        return;
    gr_json_key(b, k);
    gr_json_cstr(b, v, 0);
}

static void kv_int(gr_buf *b, const char *k, int v)
{
    gr_json_key(b, k);
    if (v < 0)
        gr_buf_addc(b, '-');
    gr_buf_addu(b, (unsigned)(v < 0 ? -(long)v : v));
}

static int weak_source(const char *s)
{
    return !strcmp(s, "option") || !strcmp(s, "body") || !strcmp(s, "file name");
}

static void write_document(gr_buf *b, const char *name, const gr_doc *doc)
{
    const gr_meta *m = gr_doc_meta(doc);
    gr_buf_adds(b, "{\"type\":\"document\",\"file\":");
    gr_json_cstr(b, name, 0);
    kv_str(b, "region", m->region);
    kv_str(b, "region_code", m->region_code);
    kv_str(b, "level", m->level ? gr_level_name(m->level) : NULL);
    kv_str(b, "meeting_date", m->meeting_date);
    if (m->review_year)
        kv_int(b, "review_year", m->review_year);
    if (m->plan_year)
        kv_int(b, "plan_year", m->plan_year);
    kv_str(b, "speaker", m->speaker);
    kv_str(b, "speaker_title", m->speaker_title);
    kv_str(b, "title", m->title);
    /* where region and years came from, when it was not the report's own front: the user's
     * option, the body's naming, the file's name (parse always says) */
    if (m->region_source && weak_source(m->region_source))
        kv_str(b, "region_source", m->region_source);
    if (m->years_source && weak_source(m->years_source))
        kv_str(b, "years_source", m->years_source);
    gr_buf_add(b, "}\n", 2);
}

/* A CSV field, always quoted; a line break inside becomes a blank so a row stays one line. */
static void csv_field(gr_buf *b, const char *s, size_t n)
{
    gr_buf_addc(b, '"');
    if (cli_csv_formula(s, n))
        gr_buf_addc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            gr_buf_addc(b, '"');
        gr_buf_addc(b, s[i] == '\n' ? ' ' : s[i]);
    }
    gr_buf_addc(b, '"');
}
static void csv_cstr(gr_buf *b, const char *s) { csv_field(b, s ? s : "", s ? strlen(s) : 0); }

static void write_fact_jsonl(gr_buf *b, const gr_fact *f, const char *sentence, size_t sentence_len,
                             const char *period, size_t src_start, size_t src_end)
{
    gr_buf_adds(b, "{\"type\":\"fact\",\"metric\":");
    gr_json_cstr(b, f->metric, 0);
    gr_buf_adds(b, ",\"kind\":\"");
    gr_buf_adds(b, gr_kind_name(f->kind));
    gr_buf_adds(b, "\",\"value\":");
    gr_json_num(b, f->value);
    if (f->has_high) {
        gr_buf_adds(b, ",\"high\":");
        gr_json_num(b, f->high);
    }
    gr_buf_adds(b, ",\"unit\":");
    gr_json_cstr(b, f->unit, 0);
    gr_buf_adds(b, f->target ? ",\"role\":\"target\",\"approx\":\"" : ",\"role\":\"actual\",\"approx\":\"");
    gr_buf_adds(b, gr_approx_name(f->approx));
    gr_buf_addc(b, '"');
    if (f->year)
        kv_int(b, "year", f->year);
    if (period[0])
        kv_str(b, "period", period);
    kv_str(b, "basis", f->basis);
    if (f->estimate)
        gr_buf_adds(b, ",\"estimate\":true");
    kv_str(b, "indicator", f->indicator);
    kv_str(b, "rule", f->rule);
    gr_buf_adds(b, ",\"sentence\":");
    gr_json_str(b, sentence, sentence_len, 0);
    gr_buf_adds(b, ",\"start\":");
    gr_buf_addu(b, src_start);
    gr_buf_adds(b, ",\"end\":");
    gr_buf_addu(b, src_end);
    gr_buf_add(b, "}\n", 2);
}

static void write_fact_csv(gr_buf *b, const char *name, const gr_meta *m, const gr_fact *f,
                           const char *sentence, size_t sentence_len, const char *period,
                           size_t src_start, size_t src_end)
{
    csv_cstr(b, name);
    gr_buf_addc(b, ',');
    csv_cstr(b, m->region);
    gr_buf_addc(b, ',');
    csv_cstr(b, m->region_code);
    gr_buf_printf(b, ",%s,", m->level ? gr_level_name(m->level) : "");
    if (m->review_year)
        gr_buf_addu(b, (unsigned)m->review_year);
    gr_buf_addc(b, ',');
    if (m->plan_year)
        gr_buf_addu(b, (unsigned)m->plan_year);
    gr_buf_addc(b, ',');
    csv_cstr(b, f->metric);
    gr_buf_addc(b, ',');
    csv_cstr(b, f->indicator);
    gr_buf_printf(b, ",%s,", gr_kind_name(f->kind));
    gr_json_num(b, f->value);
    gr_buf_addc(b, ',');
    if (f->has_high)
        gr_json_num(b, f->high);
    gr_buf_addc(b, ',');
    csv_cstr(b, f->unit);
    gr_buf_printf(b, ",%s,%s,", f->target ? "target" : "actual", gr_approx_name(f->approx));
    if (f->year)
        gr_buf_printf(b, "%d", f->year);
    gr_buf_printf(b, ",%s,", period);
    csv_cstr(b, f->basis);
    gr_buf_printf(b, ",%d,%zu,%zu,", f->estimate, src_start, src_end);
    csv_field(b, sentence, sentence_len);
    gr_buf_addc(b, '\n');
}

static void write_fact_table(gr_buf *b, const gr_fact *f)
{
    char val[64];
    snprintf(val, sizeof val, "%g", f->value);
    if (f->has_high)
        snprintf(val + strlen(val), sizeof val - strlen(val), "-%g", f->high);
    gr_buf_printf(b, "  %-6s %-7s %-6s %4d  %12s %-8s %-6s %s\n", f->target ? "target" : "actual",
                  gr_kind_name(f->kind), gr_approx_name(f->approx), f->year, val, f->unit,
                  f->indicator ? f->indicator : "", f->metric);
}

/* The words of the clause outside the metric: what was peeled off it (全年, 完成; 同比增长). */
static void peeled(gr_buf *b, const char *clause, size_t cn, const char *metric, const char *rule)
{
    static const char *const lists[] = {"respectively", "paired", "shared", "shared_measure", "paired_changes", NULL};
    for (const char *const *l = lists; rule && *l; l++)
        if (!strcmp(rule, *l)) {
            gr_buf_adds(b, "  (the metric: an item of the list, expanded)");
            return;
        }
    if (rule && (!strcmp(rule, "inherited") || !strcmp(rule, "rank_of_previous"))) {
        gr_buf_adds(b, "  (the metric: the one of the figure before)");
        return;
    }
    size_t mn = strlen(metric);
    const char *at = mn ? memmem(clause, cn, metric, mn) : NULL;
    if (!at) {
        gr_buf_adds(b, "  (the metric is not in the clause: read around it)");
        return;
    }
    size_t pre = (size_t)(at - clause), post = cn - pre - mn;
    if (!pre && !post)
        return;
    gr_buf_adds(b, "  peeled: ");
    gr_buf_add(b, clause, pre);
    gr_buf_adds(b, pre && post ? " … " : "");
    gr_buf_add(b, at + mn, post);
}

static void write_fact_explain(gr_buf *b, const gr_fact *f, const char *text, const gr_span *sp)
{
    char val[64];
    snprintf(val, sizeof val, "%g", f->value);
    if (f->has_high)
        snprintf(val + strlen(val), sizeof val - strlen(val), "-%g", f->high);
    gr_buf_printf(b, "%s %s %s (%s, %s, %s", f->metric, val, f->unit, gr_kind_name(f->kind),
                  f->target ? "target" : "actual", gr_approx_name(f->approx));
    if (f->period_start)
        gr_buf_printf(b, ", %d-%d", f->period_start, f->year);
    else if (f->year)
        gr_buf_printf(b, ", %d", f->year);
    gr_buf_printf(b, ")%s%s\n  rule:     %s\n  clause:   ", f->indicator ? " -> " : "", f->indicator ? f->indicator : "",
                  f->rule ? f->rule : "?");
    gr_buf_add(b, text + f->clause_start, f->clause_len);
    peeled(b, text + f->clause_start, f->clause_len, f->metric, f->rule);
    char *toks = NULL;
    size_t tok_end = f->num_start + f->num_len; /* the clause and its number */
    if (tok_end > f->clause_start && gr_fact_tokens(text + f->clause_start, tok_end - f->clause_start, &toks) == GR_OK && toks)
        gr_buf_printf(b, "\n  tokens:   %s", toks);
    free(toks);
    gr_buf_printf(b, "\n  role:     %s\n  year:     %s\n  sentence: ", f->why_role ? f->why_role : "?",
                  f->why_year ? f->why_year : "?");
    gr_buf_add(b, text + sp->start, sp->len);
    gr_buf_adds(b, "\n\n");
}

/* One document's output under way: its facts arrive in batches (gr_fact_each), each written out
 * and dropped, so a report dense with figures costs no more than a batch of them. */
struct out {
    struct opts *o;
    const char *name;
    gr_doc *doc;
    gr_buf b;
    size_t n;
    int rc; /* a write failed: cli_put's exit status */
};

static int write_batch(const gr_facts *fs, void *arg)
{
    struct out *w = arg;
    struct opts *o = w->o;
    const gr_meta *m = gr_doc_meta(w->doc);
    const char *text = gr_doc_text(w->doc, NULL);
    size_t n = gr_facts_count(fs);
    for (size_t i = 0; i < n && !w->rc; i++) {
        const gr_fact *f = gr_facts_get(fs, i);
        const gr_span *sp = gr_doc_sentence(w->doc, f->sentence);
        size_t src_start = gr_doc_source_offset(w->doc, f->num_start);
        size_t src_end = gr_doc_source_offset(w->doc, f->num_start + f->num_len);
        char period[16] = "";
        if (f->period_start)
            snprintf(period, sizeof period, "%d-%d", f->period_start, f->year);
        if (o->format == F_JSONL)
            write_fact_jsonl(&w->b, f, text + sp->start, sp->len, period, src_start, src_end);
        else if (o->format == F_CSV)
            write_fact_csv(&w->b, w->name, m, f, text + sp->start, sp->len, period, src_start, src_end);
        else if (o->format == F_EXPLAIN)
            write_fact_explain(&w->b, f, text, sp);
        else
            write_fact_table(&w->b, f);
        if (w->b.len >= CLI_FLUSH_AT)
            w->rc = cli_put(w->name, &w->b);
    }
    w->n += n;
    return w->rc;
}

static int write_facts(const char *name, gr_doc *doc, void *vctx)
{
    struct opts *o = vctx;
    const gr_meta *m = gr_doc_meta(doc);
    struct out w = {o, name, doc, {0}, 0, 0};
    gr_buf_reserve(&w.b, CLI_FLUSH_AT + 4096); /* room for a flush's worth at once: no regrowth and copies */
    if (o->format == F_JSONL)
        write_document(&w.b, name, doc);
    if (o->format == F_CSV && !o->header_done) {
        if (o->bom)
            gr_buf_adds(&w.b, "\xEF\xBB\xBF");
        gr_buf_adds(&w.b, "file,region,region_code,level,review_year,plan_year,metric,indicator,kind,value,high,"
                          "unit,role,approx,year,period,basis,estimate,start,end,sentence\n");
        o->header_done = 1;
    }
    if (o->format == F_TABLE || o->format == F_EXPLAIN)
        gr_buf_printf(&w.b, "%s — %s %s %s, review %d, plan %d\n", name, m->region ? m->region : "?",
                      m->region_code ? m->region_code : "", m->meeting_date ? m->meeting_date : "",
                      m->review_year, m->plan_year);
    if (gr_fact_each(doc, GR_FACT_BATCH, write_batch, &w) != GR_OK) {
        gr_buf_free(&w.b);
        cli_error(name, -1, "out of memory");
        return EXIT_INPUT;
    }
    if (!w.rc && (o->format == F_TABLE || o->format == F_EXPLAIN))
        gr_buf_printf(&w.b, "%zu facts\n", w.n);
    if (!w.rc)
        w.rc = cli_put(name, &w.b);
    gr_buf_free(&w.b);
    return w.rc;
}

int cmd_extract(int argc, char **argv)
{
    struct opts o = {isatty(STDOUT_FILENO) ? F_TABLE : F_JSONL, 0, 0};
    int i = 1, r;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(v, "jsonl") || !strcmp(v, "json"))
                o.format = F_JSONL;
            else if (!strcmp(v, "csv"))
                o.format = F_CSV;
            else if (!strcmp(v, "table"))
                o.format = F_TABLE;
            else
                return cli_usage_error("extract", "--format takes jsonl, csv or table");
        } else if (!strcmp(argv[i], "--bom")) {
            o.bom = 1;
        } else if (!strcmp(argv[i], "--explain")) {
            o.format = F_EXPLAIN;
        } else if ((r = cli_hint_opt("extract", argc, argv, &i))) {
            if (r < 0)
                return EXIT_USAGE;
        } else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else {
            return cli_usage_error("extract", "unknown option");
        }
    }
    if (i >= argc)
        return cli_usage_error("extract", "no input files (use - for standard input)");
    return cli_each(argv + i, argc - i, CLI_NEED_REPORT, write_facts, &o);
}
