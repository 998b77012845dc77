/* fuzz_doc.c - libFuzzer target: the whole reading path as a user runs it (format sniffing,
 * decoding, normalization, the document parser), checking every span stays inside the text. */
#include <stdint.h>
#include <stdlib.h>

#include "govreport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_doc *doc = NULL;
    if (gr_doc_parse(data, size, "input.txt", &doc) == GR_OK) {
        size_t len;
        gr_doc_text(doc, &len);
        for (size_t i = 0; i < gr_doc_npara(doc); i++) {
            const gr_para *p = gr_doc_para(doc, i);
            if (p->start + p->len > len || p->sentence + p->nsentences > gr_doc_nsentence(doc))
                abort();
        }
        for (size_t i = 0; i < gr_doc_nsentence(doc); i++) {
            const gr_span *s = gr_doc_sentence(doc, i);
            if (s->start + s->len > len || gr_doc_source_offset(doc, s->start) > size)
                abort();
        }
    }
    gr_doc_free(doc);
    return 0;
}
