/* cmd_numbers.c - `govreport numbers`: every number in the text as JSON Lines. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json.h"

static const char help[] =
    "usage: govreport numbers [--all] FILE... | -\n"
    "\n"
    "Prints one JSON object per number: text, value, unit (as written, magnitude included),\n"
    "base_value and base_unit (magnitude folded), class (quantity | year | date | ordinal | rank |\n"
    "name | idiom) with the reason when it is no quantity, approx (exact | about | min | max),\n"
    "high for ranges, and start/end byte offsets in the input file.\n"
    "Works on whole reports and on plain text: echo '增长6%左右' | govreport numbers -\n"
    "\n"
    "  --quantities  print only numbers of class quantity and rank\n";

static int only_quantities;

static int write_numbers(const char *name, gr_doc *doc, void *ctx)
{
    (void)ctx;
    size_t len;
    const char *text = gr_doc_text(doc, &len);
    gr_num *nums;
    size_t n;
    if (gr_num_scan(text, len, &nums, &n) != GR_OK) {
        cli_error(name, -1, "out of memory");
        return EXIT_INPUT;
    }
    for (size_t i = 0; i < n; i++) {
        const gr_num *x = &nums[i];
        if (only_quantities && x->cls != GR_NUM_QUANTITY && x->cls != GR_NUM_RANK)
            continue;
        fputs("{\"file\":", stdout);
        json_cstr(stdout, name);
        fputs(",\"text\":", stdout);
        json_str(stdout, text + x->start, x->len);
        fputs(",\"value\":", stdout);
        json_num(stdout, x->value);
        if (x->has_high) {
            fputs(",\"high\":", stdout);
            json_num(stdout, x->high);
        }
        fputs(",\"unit\":", stdout);
        json_cstr(stdout, x->unit);
        fputs(",\"base_value\":", stdout);
        json_num(stdout, x->base_value);
        fputs(",\"base_unit\":", stdout);
        json_cstr(stdout, x->base_unit);
        fprintf(stdout, ",\"class\":\"%s\",\"approx\":\"%s\"", gr_num_class_name(x->cls),
                gr_approx_name(x->approx));
        if (x->reason && x->reason[0]) {
            fputs(",\"reason\":", stdout);
            json_cstr(stdout, x->reason);
        }
        fprintf(stdout, ",\"start\":%zu,\"end\":%zu}\n", gr_doc_source_offset(doc, x->start),
                gr_doc_source_offset(doc, x->start + x->len));
    }
    gr_num_free(nums);
    return 0;
}

int cmd_numbers(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--quantities")) {
            only_quantities = 1;
        } else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else {
            return cli_usage_error("numbers", "unknown option");
        }
    }
    if (i >= argc)
        return cli_usage_error("numbers", "no input files (use - for standard input)");
    return cli_each(argv + i, argc - i, CLI_TEXT_ONLY, write_numbers, NULL);
}
