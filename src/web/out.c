/* out.c - escaping for HTML and JSON, and rows collected from store queries (see web.h).
 *
 * Every value a page shows goes through web_html (text and attribute values alike: & < > " ' are
 * all replaced), every URL parameter through web_url, every JSON string through gr_json_cstr (GR_JSON_HTML_SAFE).
 * Control characters other than tab and newline are dropped in HTML and escaped in JSON.
 */
#define _GNU_SOURCE
#include "web.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 1 for the bytes web_html_n replaces or drops: & < > " ' and control characters but tab and newline */
static const unsigned char html_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void web_html_n(gr_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!html_special[c]) /* most bytes: one load and a test */
            continue;
        const char *rep = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;"
                        : c == '\'' ? "&#39;" : "";
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
        char **b = realloc(r->blocks, cap * sizeof *b);
        if (!b)
            return r->oom = 1;
        r->blocks = b;
        r->cap = cap;
    }
    /* one allocation for the row: its values one after the other, each NUL-terminated */
    size_t total = 0, lens[64]; /* each value measured once (a report's text is most of a page's bytes) */
    for (int i = 0; i < ncol; i++) {
        size_t k = vals[i] ? strlen(vals[i]) + 1 : 0;
        total += k;
        if (i < 64)
            lens[i] = k;
    }
    char *block = malloc(total ? total : 1), *p = block;
    if (!block)
        return r->oom = 1;
    for (int i = 0; i < ncol; i++) {
        char **slot = &r->v[r->n * (size_t)ncol + (size_t)i];
        if (!vals[i]) {
            *slot = NULL;
            continue;
        }
        size_t k = i < 64 ? lens[i] : strlen(vals[i]) + 1;
        memcpy(p, vals[i], k);
        *slot = p;
        p += k;
    }
    r->blocks[r->n++] = block;
    return 0;
}

const char *web_get(const web_rows *r, size_t row, const char *col)
{
    if (row >= r->n)
        return NULL;
    web_rows *w = (web_rows *)r; /* the lookup cache only */
    size_t h = (size_t)(((uint64_t)(uintptr_t)col * 0x9E3779B97F4A7C15u) >> 58); /* 64 slots: a page's columns rarely meet */
    int c = -1;
    if (w->seen[h] == col) { /* a literal's address names one column (asserted where asserts run) */
        c = w->seen_col[h];
        assert(c < 0 ? 1 : !strcmp(r->names[c], col));
    } else {
        for (int i = 0; i < r->ncol && c < 0; i++)
            if (!strcmp(r->names[i], col))
                c = i;
        w->seen[h] = col, w->seen_col[h] = c;
    }
    return c < 0 ? NULL : r->v[row * (size_t)r->ncol + (size_t)c];
}

void web_rows_free(web_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->blocks[i]);
    for (int i = 0; i < r->ncol && r->names; i++)
        free(r->names[i]);
    free(r->names);
    free(r->blocks);
    free(r->v);
    memset(r, 0, sizeof *r);
}
