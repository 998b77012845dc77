/* json.h - JSON output into a gr_buf: the one string escaper and number writer that the command
 * line and the web viewer share. */
#ifndef GR_UTIL_JSON_H
#define GR_UTIL_JSON_H

#include <stddef.h>

#include "buf.h"

enum {
    GR_JSON_HTML_SAFE = 1 /* also escape '<', so the JSON never holds "</script>" or "<!--" */
};

/* Appends s[0..n) as a JSON string literal (quotes included), escaping what JSON requires. */
void gr_json_str(gr_buf *b, const char *s, size_t n, int flags);
/* The same for a NUL-terminated string; NULL appends null. */
void gr_json_cstr(gr_buf *b, const char *s, int flags);
/* Appends a number the shortest way that reads back the same (no 1e+06 for plain values);
 * NaN and infinities, which JSON cannot hold, become null. */
void gr_json_num(gr_buf *b, double v);
/* Is s text that can stand bare as a JSON number (SQLite's text of an integer or a real)? Not
 * "+5", ".5", "0x10", "inf" or "nan", which strtod reads but JSON does not. */
int gr_json_is_number(const char *s);
/* Appends ,"key": (the key is a plain ASCII name, written as it is): the next field of an object. */
void gr_json_key(gr_buf *b, const char *key);
/* Appends an unsigned integer in decimal (no printf on the hot output paths). */
void gr_buf_addu(gr_buf *b, unsigned long long u);
/* A signed whole number (a section index of -1). */
static inline void gr_buf_addi(gr_buf *b, long long v)
{
    if (v < 0) {
        gr_buf_addc(b, '-');
        gr_buf_addu(b, 0ULL - (unsigned long long)v);
    } else {
        gr_buf_addu(b, (unsigned long long)v);
    }
}
/* Writes u in decimal at o (room for 20 bytes), returns the end: for a writer that has made its
 * room already. The digits are counted first so that they are written in place. */
static inline char *gr_json_put_u(char *o, unsigned long long u)
{
    unsigned n = 1;
    for (unsigned long long t = u; t >= 10; t /= 10)
        n++;
    char *e = o + n;
    do
        *--e = (char)('0' + u % 10);
    while (u /= 10);
    return o + n;
}

#endif
