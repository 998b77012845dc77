/* fuzz_decode.c - libFuzzer target: byte decoding (BOM, UTF-8 validation, GB18030 and UTF-16 via
 * iconv) and the offset map it builds; checks the map stays within the input, and that the UTF-8
 * validator's sixteen-byte blocks give the answer of its byte-by-byte reference. */
#include <stdint.h>
#include <stdlib.h>

#include "text/text.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (gr_utf8_invalid_at(data, size) != gr_utf8_invalid_at_bytewise(data, size))
        abort();
    gr_buf out = {0};
    gr_map map = {0};
    char err[200];
    long off;
    const char *enc;
    if (gr_text_decode(data, size, &out, &map, &enc, err, sizeof err, &off) == 0) {
        if (map.len != out.len)
            abort();
        for (size_t i = 0; i < map.len; i++)
            if (map.p[i] > size)
                abort();
    } else if (off > (long)size) {
        abort();
    }
    gr_buf_free(&out);
    gr_map_free(&map);
    return 0;
}
