/* json.c - JSON string and number output (see json.h). */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void json_str(FILE *f, const char *s, size_t n)
{
    putc('"', f);
    size_t run = 0; /* bytes that need no escape are written in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + run, 1, i - run, f);
        run = i + 1;
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default: fprintf(f, "\\u%04x", c);
        }
    }
    fwrite(s + run, 1, n - run, f);
    putc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
    if (!s)
        fputs("null", f);
    else
        json_str(f, s, strlen(s));
}

void json_num(FILE *f, double v)
{
    if (!isfinite(v)) {
        fputs("null", f);
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15 && !(v == 0 && signbit(v))) {
        /* whole numbers, most of what is printed: digits by hand, not printf's float path */
        char buf[24], *p = buf + sizeof buf;
        long long x = (long long)v;
        unsigned long long u = x < 0 ? 0ULL - (unsigned long long)x : (unsigned long long)x;
        do
            *--p = (char)('0' + u % 10);
        while (u /= 10);
        if (x < 0)
            *--p = '-';
        fwrite(p, 1, (size_t)(buf + sizeof buf - p), f);
        return;
    }
    char buf[40];
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, f);
}
