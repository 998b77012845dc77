/* utf8.h - the few UTF-8 primitives every layer needs: strict decoding of one code point and
 * encoding of one. Strict means: no overlong forms, no surrogates, nothing above U+10FFFF. */
#ifndef GR_UTIL_UTF8_H
#define GR_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[0..n). Returns its length in bytes (1-4) and stores it in *cp, or
 * returns 0 when the bytes there are not valid UTF-8 (then *cp is 0xFFFD). n must be > 0. */
int gr_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes of room); returns the number of bytes written. */
int gr_utf8_encode(uint32_t cp, char *out);
/* The length of s[0..n) without the character its end cuts through (a buffer filled to the brim
 * with a longer text): n itself when s ends on a whole character. */
size_t gr_utf8_whole(const char *s, size_t n);
/* Offset of the first byte that is not valid UTF-8, or n when all of s[0..n) is valid. */
size_t gr_utf8_invalid_at(const unsigned char *s, size_t n);
/* The same answer found one character at a time, without the sixteen-byte blocks: the reference
 * test_text holds gr_utf8_invalid_at to. */
size_t gr_utf8_invalid_at_bytewise(const unsigned char *s, size_t n);
/* True for CJK ideographs (the Unified blocks and extension A) and 〇. Inline: the quantity
 * layer asks it of the characters around every number. */
static inline int gr_utf8_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3007 ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

#endif
