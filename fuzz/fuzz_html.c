/* fuzz_html.c - libFuzzer target: the HTML reader (libxml2's recovering parser and the alignment of
 * text nodes to their bytes) on valid UTF-8 made from the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = gr_utf8_invalid_at(data, size); /* the reader is given decoded text only */
    if (memchr(data, 0, n))
        n = (size_t)((const uint8_t *)memchr(data, 0, n) - data);
    uint32_t *ident = malloc((n + 1) * sizeof *ident);
    if (!ident)
        return 0;
    for (size_t i = 0; i <= n; i++)
        ident[i] = (uint32_t)i;
    gr_buf out = {0};
    gr_map map = {0};
    char err[200];
    if (gr_text_html((const char *)data, n, ident, &out, &map, err, sizeof err) == 0) {
        if (map.len != out.len)
            abort();
        for (size_t i = 0; i < map.len; i++)
            if (map.p[i] > n)
                abort();
    }
    free(ident);
    gr_buf_free(&out);
    gr_map_free(&map);
    return 0;
}
