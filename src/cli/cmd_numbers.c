/* cmd_numbers.c - `govreport numbers`: every number in the text as JSON Lines. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../util/json.h"

static const char help[] =
    "usage: govreport numbers [--quantities] FILE... | -\n"
    "\n"
    "Prints one JSON object per number: text, value, unit (as written, magnitude included),\n"
    "base_value and base_unit (magnitude folded), class (quantity | year | date | ordinal | rank |\n"
    "name | idiom) with the reason when it is no quantity, approx (exact | about | min | max),\n"
    "high for ranges, and start/end byte offsets in the input file.\n"
    "Works on whole reports and on plain text: echo '增长6%左右' | govreport numbers -\n"
    "\n"
    "  --quantities  print only numbers of class quantity and rank\n";

static int only_quantities;

/* unit, base_unit and reason come from the quantity layer's lexicon, which holds no character that
 * JSON escapes (govreport.h; fuzz_num and test_spec check it): written between quotes as they are,
 * each after the key and opening quote in lead. */
static inline void put_plain(gr_buf *b, const char *lead, size_t nlead, const char *s)
{
    gr_buf_add(b, lead, nlead);
    gr_buf_adds(b, s);
    gr_buf_addc(b, '"');
}
#define PUT_PLAIN(b, lead, s) put_plain(b, lead, sizeof lead - 1, s)

static int write_numbers(const char *name, gr_doc *doc, void *ctx)
{
    (void)ctx;
    size_t len;
    const char *text = gr_doc_text(doc, &len);
    gr_num *nums;
    size_t n;
    if (gr_num_scan_nul(text, len, &nums, &n) != GR_OK) {
        cli_error(name, -1, "out of memory");
        return EXIT_INPUT;
    }
    gr_buf b = {0};
    gr_buf_reserve(&b, CLI_FLUSH_AT + 4096); /* room for a flush's worth at once: no regrowth and copies */
    gr_buf file = {0}; /* the file's name as a JSON string, the same on every line */
    gr_json_cstr(&file, name, 0);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const gr_num *x = &nums[i];
        if (only_quantities && x->cls != GR_NUM_QUANTITY && x->cls != GR_NUM_RANK)
            continue;
        gr_buf_adds(&b, "{\"file\":");
        gr_buf_add(&b, file.p, file.len);
        gr_buf_adds(&b, ",\"text\":");
        gr_json_str(&b, text + x->start, x->len, 0);
        gr_buf_adds(&b, ",\"value\":");
        gr_json_num(&b, x->value);
        if (x->has_high) {
            gr_buf_adds(&b, ",\"high\":");
            gr_json_num(&b, x->high);
        }
        PUT_PLAIN(&b, ",\"unit\":\"", x->unit);
        gr_buf_adds(&b, ",\"base_value\":");
        gr_json_num(&b, x->base_value);
        PUT_PLAIN(&b, ",\"base_unit\":\"", x->base_unit);
        PUT_PLAIN(&b, ",\"class\":\"", gr_num_class_name(x->cls));
        PUT_PLAIN(&b, ",\"approx\":\"", gr_approx_name(x->approx));
        if (x->reason && x->reason[0])
            PUT_PLAIN(&b, ",\"reason\":\"", x->reason);
        gr_buf_adds(&b, ",\"start\":");
        gr_buf_addu(&b, gr_doc_source_offset(doc, x->start));
        gr_buf_adds(&b, ",\"end\":");
        gr_buf_addu(&b, gr_doc_source_offset(doc, x->start + x->len));
        gr_buf_add(&b, "}\n", 2);
        if (b.len >= CLI_FLUSH_AT && (rc = cli_put(name, &b)))
            break;
    }
    gr_num_free(nums);
    b.oom |= file.oom;
    if (!rc)
        rc = cli_put(name, &b);
    gr_buf_free(&file);
    gr_buf_free(&b);
    return rc;
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
