/* cmd_parse.c - `govreport parse`: the document as JSON (one object per input, one per line) or
 * as a readable outline. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../util/json.h"

static const char help[] =
    "usage: govreport parse [--format json|outline] [--region R] [--year Y] [--part P] FILE... | -\n"
    "\n"
    "Prints each report as a document: metadata (region and its GB/T 2260 code, level, meeting\n"
    "date, review and plan year, speaker), parts, sections, paragraphs with their sentences and\n"
    "byte offsets in the input, site boilerplate marked.\n"
    "\n"
    "  --format json     one JSON object per input, one per line (default)\n"
    "  --format outline  a readable tree of parts and headings\n"
    CLI_HINT_HELP
    "\n"
    "Offsets: start/end index the normalized text (\"text\" of each paragraph); src_start/src_end\n"
    "are byte offsets in the input file (for .docx, in its word/document.xml).\n";

/* A metadata field; NULL, or a year of 0, is written as null. */
static void field_str(gr_buf *b, const char *key, const char *v)
{
    gr_json_key(b, key);
    gr_json_cstr(b, v, 0);
}

static void field_year(gr_buf *b, const char *key, int y)
{
    gr_json_key(b, key);
    if (y > 0)
        gr_buf_addu(b, (unsigned)y);
    else
        gr_buf_adds(b, "null");
}

/* The metadata object, fields named as in the facts GUIDE's document record. */
static void write_meta(gr_buf *b, const gr_meta *m)
{
    gr_buf_adds(b, "{\"region\":");
    gr_json_cstr(b, m->region, 0);
    field_str(b, "region_code", m->region_code);
    field_str(b, "level", m->level ? gr_level_name(m->level) : NULL);
    field_str(b, "province_code", m->province_code);
    field_str(b, "city_code", m->city_code);
    field_str(b, "meeting_date", m->meeting_date);
    field_year(b, "review_year", m->review_year);
    field_year(b, "plan_year", m->plan_year);
    field_str(b, "speaker", m->speaker);
    field_str(b, "speaker_title", m->speaker_title);
    field_str(b, "title", m->title);
    field_str(b, "meeting", m->meeting);
    field_str(b, "region_source", m->region_source);
    field_str(b, "years_source", m->years_source);
    gr_buf_addc(b, '}');
}

static int write_json(const char *name, gr_doc *doc, void *ctx)
{
    (void)ctx;
    const char *text = gr_doc_text(doc, NULL);
    gr_buf out = {0}, *b = &out;
    gr_buf_adds(b, "{\"type\":\"document\",\"file\":");
    gr_json_cstr(b, name, 0);
    gr_buf_printf(b, ",\"format\":\"%s\",\"encoding\":\"%s\",\"metadata\":", gr_doc_format(doc),
            gr_doc_encoding(doc));
    write_meta(b, gr_doc_meta(doc));
    size_t np = gr_doc_npara(doc);
    gr_buf_adds(b, ",\"parts\":[");
    int first = 1;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        gr_part part = gr_doc_para(doc, i)->part;
        while (j + 1 < np && gr_doc_para(doc, j + 1)->part == part)
            j++;
        gr_buf_printf(b, "%s{\"part\":\"%s\",\"first\":%zu,\"last\":%zu}", first ? "" : ",",
                gr_part_name(part), i, j);
        first = 0;
        i = j + 1;
    }
    gr_buf_adds(b, "],\"sections\":[");
    first = 1;
    for (size_t i = 0; i < np; i++) {
        const gr_para *p = gr_doc_para(doc, i);
        if (!p->heading)
            continue;
        const gr_span *s0 = gr_doc_sentence(doc, p->sentence);
        gr_buf_printf(b, "%s{\"para\":%zu,\"level\":%d,\"parent\":%d,\"part\":\"%s\",\"title\":",
                first ? "" : ",", i, p->heading, p->section, gr_part_name(p->part));
        gr_json_str(b, text + p->start, s0 ? s0->len : p->len, 0);
        gr_buf_addc(b, '}');
        first = 0;
    }
    gr_buf_adds(b, "],\"notes\":[");
    for (size_t i = 0; i < gr_doc_nnoteref(doc); i++) {
        const gr_noteref *r = gr_doc_noteref(doc, i);
        gr_buf_printf(b, "%s{\"marker\":", i ? "," : "");
        gr_json_str(b, text + r->start, r->len, 0);
        gr_buf_printf(b, ",\"number\":%d,\"start\":%zu,\"end\":%zu,\"note\":", r->number, r->start, r->start + r->len);
        if (r->note >= 0)
            gr_buf_printf(b, "%ld", r->note);
        else
            gr_buf_adds(b, "null");
        gr_buf_addc(b, '}');
    }
    gr_buf_adds(b, "],\"paragraphs\":[");
    size_t hint = 0; /* the paragraphs' offsets come in order: each source offset walks on */
    for (size_t i = 0; i < np; i++) {
        const gr_para *p = gr_doc_para(doc, i);
        gr_buf_adds(b, i ? ",{\"part\":\"" : "{\"part\":\"");
        gr_buf_adds(b, gr_part_name(p->part));
        if (p->scope) {
            gr_buf_adds(b, "\",\"scope\":\"");
            gr_buf_adds(b, gr_scope_name(p->scope));
            gr_buf_adds(b, "\",\"boilerplate\":");
        } else {
            gr_buf_adds(b, "\",\"scope\":null,\"boilerplate\":");
        }
        gr_buf_adds(b, p->part == GR_PART_BOILERPLATE ? "true,\"heading\":" : "false,\"heading\":");
        gr_buf_addi(b, p->heading);
        gr_buf_adds(b, ",\"section\":");
        gr_buf_addi(b, p->section);
        gr_buf_adds(b, ",\"start\":");
        gr_buf_addu(b, p->start);
        gr_buf_adds(b, ",\"end\":");
        gr_buf_addu(b, p->start + p->len);
        gr_buf_adds(b, ",\"src_start\":");
        gr_buf_addu(b, gr_doc_source_offset_walk(doc, p->start, &hint));
        gr_buf_adds(b, ",\"src_end\":");
        gr_buf_addu(b, gr_doc_source_offset_walk(doc, p->start + p->len, &hint));
        gr_buf_adds(b, ",\"text\":");
        gr_json_str(b, text + p->start, p->len, 0);
        gr_buf_adds(b, ",\"sentences\":[");
        for (size_t k = 0; k < p->nsentences; k++) {
            const gr_span *s = gr_doc_sentence(doc, p->sentence + k);
            gr_buf_adds(b, k ? ",[" : "[");
            gr_buf_addu(b, s->start);
            gr_buf_addc(b, ',');
            gr_buf_addu(b, s->start + s->len);
            gr_buf_addc(b, ']');
        }
        gr_buf_adds(b, "]}");
    }
    gr_buf_adds(b, "]}\n");
    int rc = cli_put(name, b);
    gr_buf_free(b);
    return rc;
}

static void print_trunc(FILE *f, const char *s, size_t n, size_t max_chars)
{
    size_t i = 0, c = 0;
    while (i < n && c < max_chars) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        c++;
    }
    fwrite(s, 1, i, f);
    if (i < n)
        fputs("…", f);
}

static int write_outline(const char *name, gr_doc *doc, void *ctx)
{
    (void)ctx;
    FILE *f = stdout;
    const gr_meta *m = gr_doc_meta(doc);
    const char *text = gr_doc_text(doc, NULL);
#define OR(x) ((x) ? (x) : "?")
    fprintf(f, "%s  (%s, %s)\n", name, gr_doc_format(doc), gr_doc_encoding(doc));
    fprintf(f, "  title     %s\n", OR(m->title));
    fprintf(f, "  region    %s %s (%s)%s%s\n", OR(m->region), OR(m->region_code),
            m->level ? gr_level_name(m->level) : "?", m->region_source ? "  from the " : "",
            m->region_source ? m->region_source : "");
    fprintf(f, "  meeting   %s  %s\n", OR(m->meeting_date), OR(m->meeting));
    fprintf(f, "  speaker   %s %s\n", OR(m->speaker_title), OR(m->speaker));
    fprintf(f, "  years     review %d, plan %d%s%s\n", m->review_year, m->plan_year,
            m->years_source ? "  from the " : "", m->years_source ? m->years_source : "");
    size_t np = gr_doc_npara(doc), boiler = 0;
    gr_part last = (gr_part)-1;
    for (size_t i = 0; i < np; i++) {
        const gr_para *p = gr_doc_para(doc, i);
        if (p->part == GR_PART_BOILERPLATE) {
            boiler++;
            continue;
        }
        if (p->part != last) {
            fprintf(f, "  [%s]\n", gr_part_name(p->part));
            last = p->part;
        }
        if (p->heading) {
            const gr_span *s0 = gr_doc_sentence(doc, p->sentence);
            fprintf(f, "  %*s", p->heading * 2, "");
            print_trunc(f, text + p->start, s0 ? s0->len : p->len, 40);
            fputc('\n', f);
        }
    }
    fprintf(f, "  %zu paragraphs, %zu sentences, %zu boilerplate paragraphs\n", np,
            gr_doc_nsentence(doc), boiler);
    return 0;
}

int cmd_parse(int argc, char **argv)
{
    cli_doc_fn fn = write_json;
    int i = 1, r;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(v, "json"))
                fn = write_json;
            else if (!strcmp(v, "outline"))
                fn = write_outline;
            else
                return cli_usage_error("parse", "--format takes json or outline");
        } else if ((r = cli_hint_opt("parse", argc, argv, &i))) {
            if (r < 0)
                return EXIT_USAGE;
        } else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else {
            return cli_usage_error("parse", "unknown option");
        }
    }
    if (i >= argc)
        return cli_usage_error("parse", "no input files (use - for standard input)");
    return cli_each(argv + i, argc - i, CLI_NEED_REPORT, fn, NULL);
}
