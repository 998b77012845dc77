/* fuzz_terms.c - libFuzzer target: a dictionary and a report. The input up to its first NUL byte is
 * read as a dictionary (gr_terms_read), the rest as the review part of a report; every match must
 * be the term it names, lie inside its sentence and the text, and come after the one before
 * (leftmost-longest, no overlaps); the body's length is no more than the text's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "govreport.h"

static const char head[] = "政府工作报告\n——2024年1月18日在连州市第十六届人民代表大会第三次会议上\n各位代表：\n"
                           "现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n";

struct check {
    const gr_terms *t;
    const char *text;
    size_t len, end;
};

static int hit(void *ctx, const gr_terms_hit *h)
{
    struct check *c = ctx;
    const char *term = gr_terms_term(c->t, h->term);
    if (!term || h->start < c->end || h->start + h->len > c->len || strlen(term) != h->len ||
        memcmp(c->text + h->start, term, h->len) || h->start < h->sentence_start ||
        h->start + h->len > h->sentence_start + h->sentence_len)
        abort();
    c->end = h->start + h->len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t dlen = nul ? (size_t)(nul - data) : size, rest = nul ? size - dlen - 1 : 0;
    gr_terms *t = gr_terms_new();
    if (!t)
        return 0;
    char err[256];
    if (gr_terms_read(t, "fuzz.txt", (const char *)data, dlen, err, sizeof err) != GR_OK || !gr_terms_count(t)) {
        gr_terms_free(t);
        return 0;
    }
    char *buf = malloc(sizeof head + rest);
    if (!buf) {
        gr_terms_free(t);
        return 0;
    }
    memcpy(buf, head, sizeof head - 1);
    if (rest)
        memcpy(buf + sizeof head - 1, nul + 1, rest);
    gr_doc *doc = NULL;
    if (gr_doc_parse(buf, sizeof head - 1 + rest, "input.txt", &doc) == GR_OK) {
        struct check c = {t, NULL, 0, 0};
        c.text = gr_doc_text(doc, &c.len);
        gr_terms_body body;
        gr_terms_scan(t, doc, GR_TERMS_ALL, &body, hit, &c);
        if (body.chars > c.len)
            abort();
    }
    gr_doc_free(doc);
    free(buf);
    gr_terms_free(t);
    return 0;
}
