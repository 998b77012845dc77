/* str.h - a byte span of UTF-8 text (pointer and length, not NUL-terminated) and the few tests
 * the document and facts layers make on it. The spans point into a document's text and live as
 * long as it. */
#ifndef GR_UTIL_STR_H
#define GR_UTIL_STR_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <stddef.h>
#include <string.h>

typedef struct gr_str {
    const char *p;
    size_t n;
} gr_str;

/* Does s contain lit? A plain loop for short texts (a clause), where memmem's setup costs more
 * than the search; memmem for long ones. */
static inline int gr_str_has(gr_str s, const char *lit)
{
    size_t k = strlen(lit);
    if (!k || k > s.n)
        return k == 0;
    if (s.n > 96)
        return memmem(s.p, s.n, lit, k) != NULL;
    const char first = lit[0], last = lit[k - 1];
    for (size_t i = 0; i + k <= s.n; i++)
        if (s.p[i] == first && s.p[i + k - 1] == last && !memcmp(s.p + i, lit, k))
            return 1;
    return 0;
}

/* Byte by byte: called over word tables, where most words differ at the first or second byte. */
static inline int gr_str_starts(gr_str s, const char *lit)
{
    for (size_t i = 0; lit[i]; i++)
        if (i >= s.n || s.p[i] != lit[i])
            return 0;
    return 1;
}

static inline int gr_str_ends(gr_str s, const char *lit)
{
    size_t k = strlen(lit);
    return s.n >= k && (!k || (s.p[s.n - 1] == lit[k - 1] && !memcmp(s.p + s.n - k, lit, k)));
}

/* strcmp(a, b) == 0 without the call: inlined, a compare of table words and units stops at the
 * first differing byte (for a CJK word, mostly the second or third). */
static inline int gr_streq(const char *a, const char *b)
{
    for (size_t i = 0; a[i] == b[i]; i++)
        if (!a[i])
            return 1;
    return 0;
}

/* The number of UTF-8 characters in s. */
static inline size_t gr_str_nchars(gr_str s)
{
    size_t c = 0;
    for (size_t i = 0; i < s.n; i++)
        c += ((unsigned char)s.p[i] & 0xC0) != 0x80;
    return c;
}

#endif
