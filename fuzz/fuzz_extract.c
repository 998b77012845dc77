/* fuzz_extract.c - libFuzzer target: the extractor. The input is wrapped as the review part of a
 * report so that every byte reaches the clause grammar; facts must point into the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "govreport.h"

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
            for (size_t i = 0; i < gr_facts_count(fs); i++) {
                const gr_fact *f = gr_facts_get(fs, i);
                if (f->num_start + f->num_len > len || f->sentence >= gr_doc_nsentence(doc) || !f->metric)
                    abort();
            }
            gr_facts_free(fs);
        }
    }
    gr_doc_free(doc);
    free(buf);
    return 0;
}
