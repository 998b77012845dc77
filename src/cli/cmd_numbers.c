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

/* A line is written straight into room made for it: one check a line, not one an append. */
#define PUT(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) += sizeof(lit) - 1)

/* unit, base_unit and reason come from the quantity layer's lexicon, which holds no character that
 * JSON escapes (govreport.h; fuzz_num and test_spec check it): written between quotes as they are. */
static inline char *put_plain(char *o, const char *s)
{
    while (*s)
        *o++ = *s++;
    *o++ = '"';
    return o;
}

/* A whole number below 10^15 written here, the rest (decimals, negatives) by gr_json_num. */
static inline char *put_num(gr_buf *b, char *o, double v)
{
    if (v >= 1 && v < 1e15 && v == (double)(unsigned long long)v)
        return gr_json_put_u(o, (unsigned long long)v);
    b->len = (size_t)(o - b->p);
    gr_json_num(b, v);
    return b->p + b->len;
}

#define NUM_PIECE (1u << 20)

/* Writes one piece's numbers (offsets in the whole text) to b, flushing as it fills. */
static int write_piece(const char *name, gr_doc *doc, const char *text, const gr_num *nums, size_t n,
                       gr_buf *bp, const gr_buf *filep, size_t *hintp)
{
    gr_buf b = *bp; /* kept in a local while written, put back at the end */
    const gr_buf file = *filep;
    size_t hint = *hintp;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const gr_num *x = &nums[i];
        if (only_quantities && x->cls != GR_NUM_QUANTITY && x->cls != GR_NUM_RANK)
            continue;
        /* the keys, the lexicon's words (unit under 32 bytes, base unit 24, reason, class and
         * approximation names under 100), numbers and offsets fit in 512 bytes; name (with 16 bytes
         * of its last piece's overshoot) and text are counted (an escaped byte takes at most six) */
        if (gr_buf_reserve(&b, 512 + file.len + 16 + 6 * x->len))
            break;
        char *o = b.p + b.len;
        PUT(o, "{\"file\":");
        for (size_t k = 0; k < file.len; k += 16) /* what lands past the name is written over next */
            memcpy(o + k, file.p + k, 16);
        o += file.len;
        PUT(o, ",\"text\":\"");
        /* the number's own words: a few bytes, almost never one that JSON escapes */
        const unsigned char *t = (const unsigned char *)text + x->start;
        size_t k = 0;
        while (k < x->len && t[k] >= 0x20 && t[k] != '"' && t[k] != '\\') /* copied as it is tested */
            o[k] = (char)t[k], k++;
        if (k == x->len) {
            o += k;
            *o++ = '"';
        } else {
            b.len = (size_t)(o - b.p) - 1;
            gr_json_str(&b, text + x->start, x->len, 0);
            o = b.p + b.len;
        }
        PUT(o, ",\"value\":");
        o = put_num(&b, o, x->value);
        if (x->has_high) {
            PUT(o, ",\"high\":");
            o = put_num(&b, o, x->high);
        }
        PUT(o, ",\"unit\":\"");
        o = put_plain(o, x->unit);
        PUT(o, ",\"base_value\":");
        o = put_num(&b, o, x->base_value);
        PUT(o, ",\"base_unit\":\"");
        o = put_plain(o, x->base_unit);
        PUT(o, ",\"class\":\"");
        o = put_plain(o, gr_num_class_name(x->cls));
        PUT(o, ",\"approx\":\"");
        o = put_plain(o, gr_approx_name(x->approx));
        if (x->reason && x->reason[0]) {
            PUT(o, ",\"reason\":\"");
            o = put_plain(o, x->reason);
        }
        PUT(o, ",\"start\":");
        o = gr_json_put_u(o, gr_doc_source_offset_walk(doc, x->start, &hint));
        PUT(o, ",\"end\":");
        o = gr_json_put_u(o, gr_doc_source_offset_walk(doc, x->start + x->len, &hint));
        PUT(o, "}\n");
        b.len = (size_t)(o - b.p);
        b.p[b.len] = 0;
        if (b.len >= CLI_FLUSH_AT && (rc = cli_put(name, &b)))
            break;
    }
    *bp = b;
    *hintp = hint;
    return rc;
}

static int write_numbers(const char *name, gr_doc *doc, void *ctx)
{
    (void)ctx;
    size_t len;
    const char *text = gr_doc_text(doc, &len);
    gr_num *nums = NULL;
    size_t n = 0;
    gr_buf b = {0};
    gr_buf_reserve(&b, CLI_FLUSH_AT + 4096); /* room for a flush's worth at once: no regrowth and copies */
    gr_buf file = {0}; /* the file's name as a JSON string, the same on every line */
    gr_json_cstr(&file, name, 0);
    if (gr_buf_reserve(&file, 16) || b.oom) { /* readable (zeros) 16 bytes on: copied in 16-byte pieces */
        cli_error(name, -1, "out of memory");
        gr_buf_free(&file);
        gr_buf_free(&b);
        return EXIT_INPUT;
    }
    memset(file.p + file.len, 0, 16);
    int rc = 0;
    size_t hint = (size_t)-1; /* the numbers come in text order: their offsets are walked to */
    /* the text is scanned a piece of about NUM_PIECE bytes at a time, cut at a paragraph's end (no
     * number spans one), so the numbers held are a piece's, not the whole text's */
    for (size_t from = 0, to; from < len && !rc; from = to) {
        to = len - from > NUM_PIECE ? from + NUM_PIECE : len;
        while (to < len && text[to - 1] != '\n')
            to++;
        gr_status st = to == len ? gr_num_scan_nul(text + from, to - from, &nums, &n)
                                 : gr_num_scan(text + from, to - from, &nums, &n);
        if (st != GR_OK) {
            cli_error(name, -1, "out of memory");
            rc = EXIT_INPUT;
            break;
        }
        for (size_t i = 0; i < n && !rc; i++)
            nums[i].start += from;
        rc = write_piece(name, doc, text, nums, n, &b, &file, &hint);
        gr_num_free(nums);
        nums = NULL;
    }
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
