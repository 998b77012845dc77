/* utf8.c - strict UTF-8 decoding and encoding (see utf8.h). */
#include "utf8.h"
#include "swar.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

int gr_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    *cp = 0xFFFD;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

int gr_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

#ifdef __SSE2__
/* Byte classes of a 16-byte block as bit masks: those in [lo, hi]. */
static inline unsigned in_range(__m128i x, unsigned char lo, unsigned char hi)
{
    __m128i c = _mm_min_epu8(_mm_max_epu8(x, _mm_set1_epi8((char)lo)), _mm_set1_epi8((char)hi));
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(c, x));
}

/* How far s[0..n) is valid UTF-8, checked sixteen bytes at a time with SSE2: every continuation
 * byte must stand where a lead byte before it calls for one (the leads' calls, shifted, must
 * equal the continuation bytes: a mask compare for the whole block, carried into the next), no
 * byte may be one that never occurs (C0, C1, F5-FF), and the second byte after E0, ED, F0 and F4
 * must keep out overlong forms, surrogates and what lies above U+10FFFF. Returns the offset of a
 * character boundary up to which everything is valid: the end of the last good block, stepped
 * back to the lead of a character that runs on past it. */
static size_t valid_blocks(const unsigned char *s, size_t n)
{
    uint32_t calls = 0, e0 = 0, ed = 0, f0 = 0, f4 = 0; /* carried over from the block before */
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned high = (unsigned)_mm_movemask_epi8(x);
        if (!high && !calls)
            continue; /* ASCII */
        /* signed, the high bytes are -128..-1: continuation bytes below 0xC0, three- and four-byte
         * leads above 0xDF and 0xEF */
        __m128i ge_e0v = _mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xDF)), ge_f0v = _mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xEF));
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)));
        unsigned ge_c0 = high & ~cont, ge_e0 = (unsigned)_mm_movemask_epi8(ge_e0v) & high,
                 ge_f0 = (unsigned)_mm_movemask_epi8(ge_f0v) & high;
        uint32_t want = (uint32_t)ge_c0 << 1 | (uint32_t)ge_e0 << 2 | (uint32_t)ge_f0 << 3 | calls;
        if ((want & 0xFFFF) != cont)
            break;
        /* the leads whose second byte is restricted (E0, ED, F0, F4) and the bytes that never
         * occur (C0, C1, F5-FF) are rare: the full test only for a block that holds one or
         * follows one */
        unsigned rare = (unsigned)_mm_movemask_epi8(_mm_or_si128(
                            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE0)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xED))),
                            _mm_or_si128(ge_f0v, _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC0))))) &
                        high;
        if (rare | e0 | ed | f0 | f4) {
            unsigned never = in_range(x, 0xC0, 0xC1) | in_range(x, 0xF5, 0xFF);
            uint32_t se0 = (uint32_t)in_range(x, 0xE0, 0xE0) << 1 | e0, sed = (uint32_t)in_range(x, 0xED, 0xED) << 1 | ed,
                     sf0 = (uint32_t)in_range(x, 0xF0, 0xF0) << 1 | f0, sf4 = (uint32_t)in_range(x, 0xF4, 0xF4) << 1 | f4;
            unsigned below_a0 = in_range(x, 0x80, 0x9F), below_90 = in_range(x, 0x80, 0x8F);
            unsigned bad_second = (se0 & below_a0) | (sed & ~below_a0) | (sf0 & below_90) | (sf4 & ~below_90);
            if (never || (bad_second & 0xFFFF))
                break;
            e0 = se0 >> 16, ed = sed >> 16, f0 = sf0 >> 16, f4 = sf4 >> 16;
        }
        calls = want >> 16;
    }
    if (calls) /* a character before i runs on past it (or is cut off by the end): back to its lead */
        do
            i--;
        while ((s[i] & 0xC0) == 0x80);
    return i;
}
#endif

/* Byte by byte from a character boundary. */
static size_t invalid_from(const unsigned char *s, size_t n, size_t i)
{
    while (i < n) {
        /* runs of ASCII, eight bytes at a time */
        while (i + 8 <= n && !(gr_swar_load(s + i) & GR_SWAR_HIGHS))
            i += 8;
        while (i < n && s[i] < 0x80)
            i++;
        /* runs of three-byte characters, most of Chinese text: E1-EC, EE, EF lead bytes take any
         * two continuation bytes (E0 and ED are checked in full below) */
        while (i + 2 < n && (unsigned)(s[i] - 0xE1) <= 0x0E && s[i] != 0xED &&
               ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) < 0x40)
            i += 3;
        if (i >= n || s[i] < 0x80)
            continue;
        uint32_t cp;
        int k = gr_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return i;
        i += (size_t)k;
    }
    return n;
}

size_t gr_utf8_invalid_at(const unsigned char *s, size_t n)
{
#ifdef __SSE2__
    return invalid_from(s, n, valid_blocks(s, n));
#else
    return invalid_from(s, n, 0);
#endif
}

size_t gr_utf8_invalid_at_bytewise(const unsigned char *s, size_t n) { return invalid_from(s, n, 0); }


size_t gr_utf8_whole(const char *s, size_t n)
{
    size_t k = n, back = 0;
    while (k > 0 && back < 3 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--, back++; /* back over the continuation bytes at the end */
    if (k == 0 || (unsigned char)s[k - 1] < 0xC0)
        return n; /* ends on ASCII, or on stray continuation bytes: no character was cut */
    unsigned c = (unsigned char)s[k - 1];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return n - (k - 1) >= want ? n : k - 1;
}
