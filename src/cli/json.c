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
    if (v == floor(v) && fabs(v) < 1e15) {
        fprintf(f, "%.0f", v);
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
