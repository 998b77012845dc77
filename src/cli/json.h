/* json.h - writing JSON strings and numbers the way every govreport output needs them. */
#ifndef GR_CLI_JSON_H
#define GR_CLI_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n) as a JSON string literal (quotes included), escaping what JSON requires. */
void json_str(FILE *f, const char *s, size_t n);
void json_cstr(FILE *f, const char *s); /* NUL-terminated; NULL writes null */
/* Writes a number the shortest way that reads back the same (no 1e+06 for plain values). */
void json_num(FILE *f, double v);

#endif
