/* decode.c - bytes to UTF-8 with an offset map.
 *
 * Detection is by validity, not statistics: a BOM decides; otherwise input that is valid UTF-8 is
 * UTF-8 (GBK text of any length is almost never valid UTF-8), and anything else is tried as
 * GB18030, the superset of GBK and GB2312 that Chinese government sites use. Statistical
 * detectors (uchardet) guess wrong on short or mixed-script snippets and cannot say where input
 * stops being text; this way every failure has a byte offset. A NUL byte outside UTF-16 marks
 * binary data, not text.
 */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "../util/utf8.h"

/* Is s[0..n) the start of a UTF-8 character cut short by the end of the input? */
static int incomplete_tail(const unsigned char *s, size_t n)
{
    size_t need = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (!need || n >= need)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return 1;
}

/* How many multi-byte UTF-8 characters s[0..n) holds (n ends at a character boundary). */
static size_t utf8_chars(const unsigned char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += s[i] >= 0xC2 && s[i] <= 0xF4;
    return c;
}

/* Length of the GB18030 character at s (1, 2 or 4), or 0 when its bytes are not one. */
static int gb18030_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] == 0x80 || s[0] == 0xFF || n < 2)
        return 0;
    if ((s[1] >= 0x40 && s[1] <= 0x7E) || (s[1] >= 0x80 && s[1] <= 0xFE))
        return 2;
    if (s[1] >= 0x30 && s[1] <= 0x39 && n >= 4 && s[2] >= 0x81 && s[2] <= 0xFE && s[3] >= 0x30 &&
        s[3] <= 0x39)
        return 4;
    return 0;
}

static int utf16_len(const unsigned char *s, size_t n, int be)
{
    if (n < 2)
        return 0;
    unsigned u = be ? (unsigned)(s[0] << 8 | s[1]) : (unsigned)(s[1] << 8 | s[0]);
    if (u >= 0xD800 && u <= 0xDBFF)
        return n >= 4 ? 4 : 0;
    return 2;
}

/* Converts with iconv in one pass, then walks input and output in lock step to build the map:
 * every source character becomes exactly one code point. */
static int convert(const unsigned char *in, size_t len, size_t skip, const char *from, int kind,
                   gr_buf *out, gr_map *map, char *err, size_t errlen, long *err_off)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        snprintf(err, errlen, "this system's iconv cannot convert from %s", from);
        return -1;
    }
    size_t start = out->len;
    /* GB18030 and UTF-16 never grow more than 2x in UTF-8 (at most 4 bytes for 2). */
    size_t cap = (len - skip) * 2 + 16;
    if (gr_buf_reserve(out, cap)) {
        iconv_close(cd);
        return -2;
    }
    size_t before = out->len;
    char *ip = (char *)in + skip, *op = out->p + before;
    size_t il = len - skip, ol = cap;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    int bad = r == (size_t)-1;
    iconv_close(cd);
    out->len = before + (cap - ol);
    out->p[out->len] = 0;
    if (bad) {
        *err_off = (long)((const unsigned char *)ip - in);
        snprintf(err, errlen, "bytes that are neither UTF-8 nor %s (0x%02x)", from,
                 *(const unsigned char *)ip);
        return -1;
    }
    /* lock step */
    size_t o = start, i = skip;
    while (i < len && o < out->len) {
        int k = kind == 0 ? gb18030_len(in + i, len - i) : utf16_len(in + i, len - i, kind == 2);
        uint32_t cp;
        int ok = gr_utf8_decode((const unsigned char *)out->p + o, out->len - o, &cp);
        if (!k || !ok)
            break;
        gr_map_add(map, (uint32_t)i, (size_t)ok);
        o += (size_t)ok;
        i += (size_t)k;
    }
    while (o < out->len) { /* should not happen; keep the map total */
        gr_map_add(map, (uint32_t)(i < len ? i : len), 1);
        o++;
    }
    return map->oom ? -2 : 0;
}

int gr_text_utf8_copy(const unsigned char *data, size_t from, size_t to, gr_buf *out, gr_map *map)
{
    gr_buf_add(out, data + from, to - from);
    if (gr_map_reserve(map, to - from))
        return -2;
    for (size_t i = from; i < to; i++)
        map->p[map->len++] = (uint32_t)i;
    return out->oom || map->oom ? -2 : 0;
}

int gr_text_is_utf8(const unsigned char *data, size_t len)
{
    /* (a UTF-16 byte order mark, FF FE or FE FF, is no UTF-8) */
    return len <= GR_MAX_INPUT && !memchr(data, 0, len) && gr_utf8_invalid_at(data, len) == len;
}

int gr_text_decode(const unsigned char *data, size_t len, gr_buf *out, gr_map *map,
                   const char **encoding, char *err, size_t errlen, long *err_off)
{
    *err_off = -1;
    if (len > GR_MAX_INPUT) {
        snprintf(err, errlen, "input is larger than the %zu MiB limit", GR_MAX_INPUT >> 20);
        return -1;
    }
    if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        int be = data[0] == 0xFE;
        *encoding = be ? "UTF-16BE" : "UTF-16LE";
        return convert(data, len, 2, *encoding, be ? 2 : 1, out, map, err, errlen, err_off);
    }
    size_t skip = len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
    const void *nul = memchr(data, 0, len);
    if (nul) {
        *err_off = (long)((const unsigned char *)nul - data);
        snprintf(err, errlen, "binary data (a NUL byte), not a text, HTML or .docx report");
        return -1;
    }
    size_t bad = gr_utf8_invalid_at(data + skip, len - skip) + skip;
    /* a download cut inside its last character is UTF-8 without that character */
    size_t end = bad < len && incomplete_tail(data + bad, len - bad) ? bad : len;
    if (bad == end) {
        *encoding = "UTF-8";
        return gr_text_utf8_copy(data, skip, end, out, map);
    }
    if (skip) { /* a UTF-8 BOM promised UTF-8 */
        *err_off = (long)bad;
        snprintf(err, errlen, "invalid UTF-8 after a UTF-8 byte order mark (0x%02x)", data[bad]);
        return -1;
    }
    *encoding = "GB18030";
    int rc = convert(data, len, 0, "GB18030", 0, out, map, err, errlen, err_off);
    if (rc == -1 && utf8_chars(data, bad) >= 16) {
        /* neither encoding reads it all, but it began as UTF-8 text: say where that stopped */
        *err_off = (long)bad;
        snprintf(err, errlen, "invalid UTF-8 (0x%02x) after %zu bytes of UTF-8 text: mixed encodings or a damaged file",
                 data[bad], bad);
    }
    return rc;
}
