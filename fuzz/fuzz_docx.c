/* fuzz_docx.c - libFuzzer target: the .docx reader (libzip on untrusted archives, the inflated-size
 * limit, libxml2 on word/document.xml). */
#include <stdint.h>
#include <stdlib.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_buf out = {0};
    gr_map map = {0};
    char err[200];
    if (gr_text_docx(data, size, &out, &map, err, sizeof err) == 0 && map.len != out.len)
        abort();
    gr_buf_free(&out);
    gr_map_free(&map);
    return 0;
}
