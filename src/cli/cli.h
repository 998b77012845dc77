/* cli.h - what the govreport subcommands share: reading inputs, reporting errors, exit codes. */
#ifndef GR_CLI_CLI_H
#define GR_CLI_CLI_H

#include <stdio.h>

#include "govreport.h"
#include "../util/buf.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* Called for each input that parsed; returns 0 or an exit code. */
typedef int (*cli_doc_fn)(const char *name, gr_doc *doc, void *ctx);

enum {
    CLI_NEED_REPORT = 1, /* refuse text that is not a work report */
    CLI_TEXT_ONLY = 2    /* load the text only (gr_doc_load_text), no document structure */
};
/* Reads each path ("-" is standard input), parses it and calls fn. Inputs that fail are reported
 * as "govreport: NAME[:OFFSET]: what" and skipped; returns EXIT_INPUT if any failed.
 * flags: CLI_NEED_REPORT, CLI_TEXT_ONLY. */
int cli_each(char **paths, int n, int flags, cli_doc_fn fn, void *ctx);
/* Reads a whole file; returns 0 or -1 with errno set. *data is malloc'd. */
int cli_read(const char *path, unsigned char **data, size_t *len);
void cli_error(const char *name, long offset, const char *what);
/* 1 when a CSV text cell would start a formula in Excel, LibreOffice or Sheets (= + - @, a tab
 * or a carriage return first) and is no number: the writers put an apostrophe before it, the
 * usual guard (OWASP "CSV injection"); the rest of the cell is kept as it is. */
int cli_csv_formula(const char *s, size_t n);
/* Output is built in a gr_buf and written in large pieces, not through stdio call by call:
 * cli_put writes b's bytes to standard output and empties b, or, when b ran out of memory,
 * reports it for input NAME and returns EXIT_INPUT (write errors are reported by cli_each). */
int cli_put(const char *name, gr_buf *b);
#define CLI_FLUSH_AT ((size_t)1 << 16) /* bytes gathered before a write within one input */
int cli_usage_error(const char *cmd, const char *what);

/* What the user says of texts that do not say it themselves (--region, --year, --part), handed to
 * every parse of cli_each. */
extern gr_doc_hints cli_hints;
#define CLI_HINT_HELP                                                                                  \
    "  --region NAME   the region, for texts that do not name it: a division (容城县) or its code\n"     \
    "  --year YYYY     the year the report was delivered in (its plan year; it reviews the year before)\n" \
    "  --part PART     a fragment's part: plan, review, work, five_year, five_year_plan (a pasted\n"       \
    "                  paragraph of targets: --part plan)\n"                                            \
    "  What the text says is used where these are not given; given, they win, and the output says\n"   \
    "  where region and years came from (region_source, years_source).\n"
/* If argv[*i] is --region, --year or --part, reads it (and its value) into cli_hints and returns 1;
 * 0 if it is another option; -1 after reporting a bad value (a usage error). */
int cli_hint_opt(const char *cmd, int argc, char **argv, int *i);

int cmd_parse(int argc, char **argv);
int cmd_numbers(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_serve(int argc, char **argv);
/* ingest, panel, targets, search, sql; -1 when cmd is none of them */
int cmd_store(const char *cmd, int argc, char **argv);

#endif
