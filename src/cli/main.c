/* main.c - the govreport command: dispatch to subcommands, shared input handling. */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "../util/buf.h" /* GR_MAX_INPUT */

static const char usage[] =
    "usage: govreport COMMAND [OPTIONS] FILE... | -\n"
    "\n"
    "Chinese government work reports (政府工作报告) to structured data.\n"
    "\n"
    "commands:\n"
    "  parse     the document: region, meeting date, speaker, parts, sections, sentences\n"
    "  numbers   every number, classified (quantity, year, date, ordinal, rank, name, idiom)\n"
    "  extract   indicator facts: metric, value, unit, target or result, year, sentence\n"
    "\n"
    "  ingest    store reports and their facts in a corpus database (SQLite, --db govreport.db)\n"
    "  panel     a region x year panel of one indicator, as CSV or JSON Lines\n"
    "  targets   each target beside the result reported a year later: met or missed\n"
    "  search    full-text search of the stored reports\n"
    "  terms     how much each report speaks of a topic: a dictionary's matches per region and year\n"
    "  sql       one read-only SQL statement on the database\n"
    "  indicators  the indicator ids panel and targets take: names, aliases, default kind, direction\n"
    "  serve     the web viewer: browse, read with figures highlighted, charts, search, API\n"
    "\n"
    "Inputs are .txt, .html or .docx files in UTF-8, UTF-16 or GB18030/GBK; '-' reads stdin.\n"
    "'govreport COMMAND --help' describes each command's options.\n"
    "\n"
    "exit status: 0 ok, 1 some input could not be read, 2 usage error.\n";

void cli_error(const char *name, long offset, const char *what)
{
    if (offset >= 0)
        fprintf(stderr, "govreport: %s:%ld: %s\n", name, offset, what);
    else
        fprintf(stderr, "govreport: %s: %s\n", name, what);
}

int cli_usage_error(const char *cmd, const char *what)
{
    fprintf(stderr, "govreport %s: %s\nTry 'govreport %s --help'.\n", cmd, what, cmd);
    return EXIT_USAGE;
}

gr_doc_hints cli_hints;

int cli_hint_opt(const char *cmd, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    if (strcmp(o, "--region") && strcmp(o, "--year") && strcmp(o, "--part"))
        return 0;
    if (*i + 1 >= argc) {
        char what[64];
        snprintf(what, sizeof what, "%s needs a value", o);
        cli_usage_error(cmd, what);
        return -1;
    }
    const char *v = argv[++*i];
    char err[200];
    if (!strcmp(o, "--region")) {
        cli_hints.region = v;
    } else if (!strcmp(o, "--year")) {
        char *end;
        long y = strtol(v, &end, 10);
        cli_hints.year = *end ? -1 : (int)y;
    } else {
        cli_hints.part = gr_part_by_name(v);
        if (!cli_hints.part) {
            cli_usage_error(cmd, "--part takes plan, review, work, five_year or five_year_plan");
            return -1;
        }
    }
    if (gr_doc_hints_check(&cli_hints, err, sizeof err)) {
        cli_usage_error(cmd, err);
        return -1;
    }
    return 1;
}

int cli_csv_formula(const char *s, size_t n)
{
    if (!n)
        return 0;
    switch (s[0]) { /* called for every cell written: a switch, not strchr */
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        break;
    default:
        return 0;
    }
    if (s[0] == '-' || s[0] == '+') { /* -3.5 is a number, not a formula */
        size_t i = 1, digits = 0, dots = 0;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++)
            digits += s[i] != '.', dots += s[i] == '.';
        if (i == n && digits && dots <= 1)
            return 0;
    }
    return 1;
}

int cli_read(const char *path, unsigned char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return -1;
    size_t cap = 1 << 16, n = 0;
    struct stat st; /* a file's size, when it has one: read into room made once (+ 1 to see the end) */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size < (1ULL << 30))
        cap = (size_t)st.st_size + 1;
    unsigned char *buf = malloc(cap);
    int rc = 0;
    /* at most one byte past the library's cap (GR_MAX_INPUT): enough to know the input is over it,
     * without reading a gigabyte of a pipe first */
    const size_t most = GR_MAX_INPUT + 1;
    if (cap > most)
        cap = most;
    while (buf) {
        if (n == cap) {
            if (cap >= most) { /* the library refuses more anyway */
                errno = EFBIG;
                rc = -1;
                break;
            }
            size_t grown = cap * 2 < most ? cap * 2 : most;
            unsigned char *q = realloc(buf, grown);
            if (!q) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = q;
            cap = grown;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0) {
            if (ferror(f))
                rc = -1;
            break;
        }
    }
    if (!buf) {
        errno = ENOMEM;
        rc = -1;
    }
    if (f != stdin)
        fclose(f);
    if (rc) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

int cli_each(char **paths, int n, int flags, cli_doc_fn fn, void *ctx)
{
    int status = EXIT_OK;
    for (int i = 0; i < n; i++) {
        const char *name = strcmp(paths[i], "-") ? paths[i] : "<stdin>";
        unsigned char *data;
        size_t len;
        if (cli_read(paths[i], &data, &len)) {
            cli_error(name, -1, strerror(errno));
            status = EXIT_INPUT;
            continue;
        }
        gr_doc *doc = NULL;
        gr_status st = flags & CLI_TEXT_ONLY ? gr_doc_load_text(data, len, paths[i], &doc)
                                             : gr_doc_parse_with(data, len, paths[i], &cli_hints, &doc);
        free(data);
        if (st != GR_OK) {
            cli_error(name, gr_doc_error_offset(doc), gr_doc_error(doc));
            gr_doc_free(doc);
            status = EXIT_INPUT;
            continue;
        }
        if ((flags & CLI_NEED_REPORT) && !gr_doc_is_report(doc)) {
            cli_error(name, -1, gr_doc_traditional(doc)
                                    ? "not read as a work report: it is written in traditional characters, which "
                                      "govreport does not read yet (convert it to simplified first, e.g. opencc -c t2s.json)"
                                    : "not a work report: no region, meeting line, speaker or dated title found "
                                      "(for a body or a pasted paragraph, say which with --region and --year)");
            gr_doc_free(doc);
            status = EXIT_INPUT;
            continue;
        }
        int rc = fn(name, doc, ctx);
        gr_doc_free(doc);
        if (rc)
            status = rc;
    }
    fflush(stdout);
    if (ferror(stdout)) {
        fprintf(stderr, "govreport: error writing output: %s\n", strerror(errno));
        return EXIT_INPUT;
    }
    return status;
}

int cli_put(const char *name, gr_buf *b)
{
    if (b->oom) {
        cli_error(name, -1, "out of memory while writing the output");
        return EXIT_INPUT;
    }
    if (b->len)
        fwrite(b->p, 1, b->len, stdout);
    b->len = 0;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    /* A command reads file after file, each needing buffers of a few hundred KiB. Past glibc's
     * default mmap threshold (128 KiB) every one of them would be mapped and unmapped again, and
     * the fresh pages faulted in: that took half the time of `numbers` over a corpus. Keeping
     * freed memory in the heap for the next file removes it (bench/run.sh, README "Speed"). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    /* ingest and --reextract (workers, a checkpointer) and a panel on a large library (a second
     * reader) use SQLite from several threads at once */
    gr_db_threads_init();
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("govreport %s\n", GR_VERSION);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "parse"))
        return cmd_parse(argc - 1, argv + 1);
    if (!strcmp(cmd, "numbers"))
        return cmd_numbers(argc - 1, argv + 1);
    if (!strcmp(cmd, "extract"))
        return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc - 1, argv + 1);
    int rc = cmd_store(cmd, argc - 1, argv + 1);
    if (rc >= 0)
        return rc;
    fprintf(stderr, "govreport: unknown command '%s'\nTry 'govreport --help'.\n", cmd);
    return EXIT_USAGE;
}
