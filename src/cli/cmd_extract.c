/* cmd_extract.c - `govreport extract`: indicator facts as JSON Lines (the facts GUIDE's contract),
 * CSV for Stata, R and Excel, or a table for a terminal. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"

static const char help[] =
    "usage: govreport extract [--format jsonl|csv|table] [--bom] FILE... | -\n"
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
    "  --bom           start CSV with a UTF-8 byte order mark, so Excel reads it as UTF-8\n";

enum { F_JSONL, F_CSV, F_TABLE };
struct opts {
    int format, bom, header_done;
};

static void kv_str(const char *k, const char *v)
{
    if (!v)
        return;
    printf(",\"%s\":", k);
    json_cstr(stdout, v);
}

static void write_document(const char *name, const gr_doc *doc)
{
    const gr_meta *m = gr_doc_meta(doc);
    fputs("{\"type\":\"document\",\"file\":", stdout);
    json_cstr(stdout, name);
    kv_str("region", m->region);
    kv_str("region_code", m->region_code);
    kv_str("level", m->level ? gr_level_name(m->level) : NULL);
    kv_str("meeting_date", m->meeting_date);
    if (m->review_year)
        printf(",\"review_year\":%d", m->review_year);
    if (m->plan_year)
        printf(",\"plan_year\":%d", m->plan_year);
    kv_str("speaker", m->speaker);
    kv_str("speaker_title", m->speaker_title);
    kv_str("title", m->title);
    fputs("}\n", stdout);
}

static void csv_field(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            putchar('"');
        putchar(s[i] == '\n' ? ' ' : s[i]);
    }
    putchar('"');
}
static void csv_cstr(const char *s) { csv_field(s ? s : "", s ? strlen(s) : 0); }

static int write_facts(const char *name, gr_doc *doc, void *vctx)
{
    struct opts *o = vctx;
    gr_facts *fs;
    if (gr_fact_extract(doc, &fs) != GR_OK) {
        cli_error(name, -1, "out of memory");
        return EXIT_INPUT;
    }
    const gr_meta *m = gr_doc_meta(doc);
    const char *text = gr_doc_text(doc, NULL);
    size_t n = gr_facts_count(fs);
    if (o->format == F_JSONL)
        write_document(name, doc);
    if (o->format == F_CSV && !o->header_done) {
        if (o->bom)
            fputs("\xEF\xBB\xBF", stdout);
        puts("file,region,region_code,level,review_year,plan_year,metric,indicator,kind,value,high,"
             "unit,role,approx,year,period,basis,estimate,start,end,sentence");
        o->header_done = 1;
    }
    if (o->format == F_TABLE)
        printf("%s — %s %s %s, review %d, plan %d: %zu facts\n", name, m->region ? m->region : "?",
               m->region_code ? m->region_code : "", m->meeting_date ? m->meeting_date : "",
               m->review_year, m->plan_year, n);
    for (size_t i = 0; i < n; i++) {
        const gr_fact *f = gr_facts_get(fs, i);
        const gr_span *sp = gr_doc_sentence(doc, f->sentence);
        size_t src_start = gr_doc_source_offset(doc, f->num_start);
        size_t src_end = gr_doc_source_offset(doc, f->num_start + f->num_len);
        char period[16] = "";
        if (f->period_start)
            snprintf(period, sizeof period, "%d-%d", f->period_start, f->year);
        if (o->format == F_JSONL) {
            fputs("{\"type\":\"fact\",\"metric\":", stdout);
            json_cstr(stdout, f->metric);
            printf(",\"kind\":\"%s\",\"value\":", gr_kind_name(f->kind));
            json_num(stdout, f->value);
            if (f->has_high) {
                fputs(",\"high\":", stdout);
                json_num(stdout, f->high);
            }
            fputs(",\"unit\":", stdout);
            json_cstr(stdout, f->unit);
            printf(",\"role\":\"%s\",\"approx\":\"%s\"", f->target ? "target" : "actual",
                   gr_approx_name(f->approx));
            if (f->year)
                printf(",\"year\":%d", f->year);
            if (period[0])
                printf(",\"period\":\"%s\"", period);
            kv_str("basis", f->basis);
            if (f->estimate)
                fputs(",\"estimate\":true", stdout);
            kv_str("indicator", f->indicator);
            fputs(",\"sentence\":", stdout);
            json_str(stdout, text + sp->start, sp->len);
            printf(",\"start\":%zu,\"end\":%zu}\n", src_start, src_end);
        } else if (o->format == F_CSV) {
            csv_cstr(name);
            putchar(',');
            csv_cstr(m->region);
            putchar(',');
            csv_cstr(m->region_code);
            printf(",%s,", m->level ? gr_level_name(m->level) : "");
            if (m->review_year)
                printf("%d", m->review_year);
            putchar(',');
            if (m->plan_year)
                printf("%d", m->plan_year);
            putchar(',');
            csv_cstr(f->metric);
            putchar(',');
            csv_cstr(f->indicator);
            printf(",%s,", gr_kind_name(f->kind));
            json_num(stdout, f->value);
            putchar(',');
            if (f->has_high)
                json_num(stdout, f->high);
            putchar(',');
            csv_cstr(f->unit);
            printf(",%s,%s,", f->target ? "target" : "actual", gr_approx_name(f->approx));
            if (f->year)
                printf("%d", f->year);
            printf(",%s,", period);
            csv_cstr(f->basis);
            printf(",%d,%zu,%zu,", f->estimate, src_start, src_end);
            csv_field(text + sp->start, sp->len);
            putchar('\n');
        } else {
            char val[64];
            snprintf(val, sizeof val, "%g%s%s", f->value, f->has_high ? "-" : "", "");
            if (f->has_high)
                snprintf(val + strlen(val), sizeof val - strlen(val), "%g", f->high);
            printf("  %-6s %-7s %-6s %4d  %12s %-8s %-6s %s\n", f->target ? "target" : "actual",
                   gr_kind_name(f->kind), gr_approx_name(f->approx), f->year, val, f->unit,
                   f->indicator ? f->indicator : "", f->metric);
        }
    }
    gr_facts_free(fs);
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    struct opts o = {isatty(STDOUT_FILENO) ? F_TABLE : F_JSONL, 0, 0};
    int i = 1;
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
