/* swar.h - eight bytes at a time in a 64-bit word ("SIMD within a register"), for the scans that
 * step over text looking for a few byte values. Each test gives a word whose high bit is set in
 * some byte when a byte matches; it is nonzero exactly when one does (the bits above the first
 * match may be wrong, so callers find the byte itself one by one). */
#ifndef GR_UTIL_SWAR_H
#define GR_UTIL_SWAR_H

#include <stdint.h>
#include <string.h>

#define GR_SWAR_ONES 0x0101010101010101ULL
#define GR_SWAR_HIGHS 0x8080808080808080ULL

static inline uint64_t gr_swar_load(const void *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* some byte of w equals c */
static inline uint64_t gr_swar_eq(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (c * GR_SWAR_ONES);
    return (x - GR_SWAR_ONES) & ~x & GR_SWAR_HIGHS;
}

/* some byte of w is below c (c <= 128) */
static inline uint64_t gr_swar_lt(uint64_t w, unsigned char c)
{
    return (w - c * GR_SWAR_ONES) & ~w & GR_SWAR_HIGHS;
}

/* For a nonzero test word: an offset at or before its first matching byte, so that a caller steps
 * there and finds the byte itself. Exact on a little-endian machine, where the lowest flagged byte
 * is the first in memory and always a true match (the wrong bits stand only above it); 0 on a
 * big-endian one, where a wrong bit may stand before the match in memory. */
static inline unsigned gr_swar_first(uint64_t t)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (unsigned)__builtin_ctzll(t) / 8;
#else
    (void)t;
    return 0;
#endif
}

#endif
