/* fuzz_doc.c - libFuzzer target: the whole reading path as a user runs it (format sniffing,
 * decoding, normalization, the document parser), checking every span stays inside the text, the
 * text is valid UTF-8 and its offsets point into the input in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "govreport.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_doc *doc = NULL;
    if (gr_doc_parse(data, size, "input.txt", &doc) == GR_OK) {
        size_t len;
        const char *text = gr_doc_text(doc, &len);
        if (gr_utf8_invalid_at((const unsigned char *)text, len) != len)
            abort();
        /* offsets never run backwards and stay inside the input (a .docx's point into its
         * word/document.xml, which may be larger than the zip) */
        size_t limit = strcmp(gr_doc_format(doc), "docx") ? size : (size_t)-1;
        for (size_t i = 1; i <= len; i++)
            if (gr_doc_source_offset(doc, i) < gr_doc_source_offset(doc, i - 1) || gr_doc_source_offset(doc, i) > limit)
                abort();
        for (size_t i = 0; i < gr_doc_npara(doc); i++) {
            const gr_para *p = gr_doc_para(doc, i);
            if (p->start + p->len > len || p->sentence + p->nsentences > gr_doc_nsentence(doc))
                abort();
        }
        for (size_t i = 0; i < gr_doc_nsentence(doc); i++) {
            const gr_span *s = gr_doc_sentence(doc, i);
            if (s->start + s->len > len || gr_doc_source_offset(doc, s->start) > limit)
                abort();
        }
    }
    gr_doc_free(doc);
    return 0;
}
