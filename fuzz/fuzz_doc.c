/* fuzz_doc.c - libFuzzer target: the whole reading path (decoders, HTML, .docx, document parser)
 * and, on what parses, the number scanner and the extractor. */
#include <stddef.h>
#include <stdint.h>

#include "govreport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_doc *doc = NULL;
    if (gr_doc_parse(data, size, FUZZ_NAME, &doc) == GR_OK) {
        gr_facts *fs = NULL;
        if (gr_fact_extract(doc, &fs) == GR_OK)
            gr_facts_free(fs);
    }
    gr_doc_free(doc);
    return 0;
}
