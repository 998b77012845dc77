/* fuzz_extract.c - libFuzzer target: the extractor. The input is wrapped as the review part of a
 * report so that every byte reaches the clause grammar; facts must point into the text, each metric
 * must be valid UTF-8, and two facts' numbers are the same span or do not overlap; the tokens
 * --explain shows of each fact's clause are valid UTF-8 too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "govreport.h"
#include "../src/util/utf8.h"

struct span {
    size_t start, len;
};

static int by_start(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    return x->start != y->start ? (x->start < y->start ? -1 : 1) : (x->len > y->len) - (x->len < y->len);
}

static const char head[] = "政府工作报告\n——2024年1月18日在连州市第十六届人民代表大会第三次会议上\n各位代表：\n"
                           "现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(sizeof head + size);
    if (!buf)
        return 0;
    memcpy(buf, head, sizeof head - 1);
    memcpy(buf + sizeof head - 1, data, size);
    gr_doc *doc = NULL;
    if (gr_doc_parse(buf, sizeof head - 1 + size, "input.txt", &doc) == GR_OK) {
        gr_facts *fs = NULL;
        size_t len;
        gr_doc_text(doc, &len);
        if (gr_fact_extract(doc, &fs) == GR_OK) {
            size_t n = gr_facts_count(fs);
            struct span *sp = malloc((n ? n : 1) * sizeof *sp);
            for (size_t i = 0; i < n; i++) {
                const gr_fact *f = gr_facts_get(fs, i);
                if (f->num_start + f->num_len > len || f->sentence >= gr_doc_nsentence(doc) || !f->metric ||
                    gr_utf8_invalid_at((const unsigned char *)f->metric, strlen(f->metric)) != strlen(f->metric))
                    abort();
                if (sp)
                    sp[i] = (struct span){f->num_start, f->num_len};
                /* its clause as --explain tokenizes it: text as valid as the document's */
                const char *text = gr_doc_text(doc, NULL);
                size_t te = f->num_start + f->num_len;
                char *toks = NULL;
                if (te > f->clause_start && te <= len && gr_fact_tokens(text + f->clause_start, te - f->clause_start, &toks) == GR_OK) {
                    if (!toks || gr_utf8_invalid_at((const unsigned char *)toks, strlen(toks)) != strlen(toks))
                        abort();
                    free(toks);
                }
            }
            if (sp) {
                qsort(sp, n, sizeof *sp, by_start);
                for (size_t i = 1; i < n; i++)
                    if (sp[i].start < sp[i - 1].start + sp[i - 1].len &&
                        (sp[i].start != sp[i - 1].start || sp[i].len != sp[i - 1].len))
                        abort(); /* one number read as two overlapping figures */
            }
            free(sp);
            gr_facts_free(fs);
        }
    }
    gr_doc_free(doc);
    free(buf);
    return 0;
}
