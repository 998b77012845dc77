/* fuzz_doc.c - libFuzzer target: the whole reading path as a user runs it (format sniffing,
 * decoding, normalization, the document parser), checking every span stays inside the text, the
 * text is valid UTF-8 and its offsets point into the input in order; and the document read back
 * from its kept text and packed map (gr_doc_parse_kept, as the store keeps it) is the same one, while
 * any bytes taken for a packed map are refused or read, never a crash. */
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
        /* read back from what the store keeps (the text and its packed map): the same document */
        void *map;
        size_t maplen;
        gr_doc *kept = NULL;
        if (gr_doc_pack_map(doc, &map, &maplen) == GR_OK) {
            if (gr_doc_parse_kept(text, len, map, maplen, gr_doc_format(doc), gr_doc_encoding(doc), "input.txt", NULL,
                                  &kept) == GR_OK) {
                if (gr_doc_npara(kept) != gr_doc_npara(doc) || gr_doc_nsentence(kept) != gr_doc_nsentence(doc) ||
                    gr_doc_meta(kept)->plan_year != gr_doc_meta(doc)->plan_year)
                    abort();
                for (size_t i = 0; i <= len; i++)
                    if (gr_doc_source_offset(kept, i) != gr_doc_source_offset(doc, i))
                        abort();
            }
            gr_doc_free(kept);
            kept = NULL;
            /* and the input itself taken for a packed map of the text: refused or read, never a crash */
            if (gr_doc_parse_kept(text, len, data, size, "html", "UTF-8", "input.txt", NULL, &kept) == GR_OK)
                for (size_t i = 0; i <= len; i += 1 + len / 64)
                    (void)gr_doc_source_offset(kept, i);
            gr_doc_free(kept);
            free(map);
        }
    }
    gr_doc_free(doc);
    return 0;
}
