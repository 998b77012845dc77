/* out.c - escaping for HTML and JSON, and rows collected from store queries (see web.h).
 *
 * Every value a page shows goes through web_html (text and attribute values alike: & < > " ' are
 * all replaced), every URL parameter through web_url, every JSON string through web_json_str.
 * Control characters other than tab and newline are dropped in HTML and escaped in JSON.
 */
#define _GNU_SOURCE
#include "web.h"

#include <stdlib.h>
#include <string.h>

void web_html_n(gr_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if (c >= 0x20 || c == '\n' || c == '\t')
                continue;
            rep = "";
        }
        gr_buf_add(b, s + run, i - run);
        gr_buf_adds(b, rep);
        run = i + 1;
    }
    gr_buf_add(b, s + run, n - run);
}

void web_html(gr_buf *b, const char *s)
{
    if (s)
        web_html_n(b, s, strlen(s));
}

void web_url(gr_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            gr_buf_addc(b, (char)c);
        } else {
            gr_buf_addc(b, '%');
            gr_buf_addc(b, hex[c >> 4]);
            gr_buf_addc(b, hex[c & 15]);
        }
    }
}

void web_json_str(gr_buf *b, const char *s)
{
    if (!s) {
        gr_buf_adds(b, "null");
        return;
    }
    gr_buf_addc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            gr_buf_addc(b, '\\');
            gr_buf_addc(b, (char)c);
        } else if (c == '\n') {
            gr_buf_adds(b, "\\n");
        } else if (c < 0x20) {
            gr_buf_printf(b, "\\u%04x", c);
        } else if (c == '<') { /* never "</script>" or "<!--" in JSON that a page might embed */
            gr_buf_adds(b, "\\u003c");
        } else {
            gr_buf_addc(b, (char)c);
        }
    }
    gr_buf_addc(b, '"');
}

int web_is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end;
    strtod(s, &end);
    /* JSON has no leading '+', no "inf", no "nan", no ".5" */
    return !*end && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) && !strpbrk(s, "iInN");
}

int web_collect(void *ctx, int ncol, const char *const *names, const char *const *vals)
{
    web_rows *r = ctx;
    if (r->oom)
        return 1;
    if (!r->names) {
        r->ncol = ncol;
        r->names = calloc((size_t)ncol + 1, sizeof *r->names);
        if (!r->names)
            return r->oom = 1;
        for (int i = 0; i < ncol; i++)
            if (!(r->names[i] = strdup(names[i])))
                return r->oom = 1;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        char **v = realloc(r->v, cap * (size_t)ncol * sizeof *v);
        if (!v)
            return r->oom = 1;
        r->v = v;
        r->cap = cap;
    }
    for (int i = 0; i < ncol; i++) {
        char *c = NULL;
        if (vals[i] && !(c = strdup(vals[i]))) {
            for (int j = 0; j < i; j++)
                free(r->v[r->n * (size_t)ncol + (size_t)j]);
            return r->oom = 1;
        }
        r->v[r->n * (size_t)ncol + (size_t)i] = c;
    }
    r->n++;
    return 0;
}

const char *web_get(const web_rows *r, size_t row, const char *col)
{
    if (row >= r->n)
        return NULL;
    for (int i = 0; i < r->ncol; i++)
        if (!strcmp(r->names[i], col))
            return r->v[row * (size_t)r->ncol + (size_t)i];
    return NULL;
}

void web_rows_free(web_rows *r)
{
    for (size_t i = 0; i < r->n * (size_t)r->ncol; i++)
        free(r->v[i]);
    for (int i = 0; i < r->ncol && r->names; i++)
        free(r->names[i]);
    free(r->names);
    free(r->v);
    memset(r, 0, sizeof *r);
}
