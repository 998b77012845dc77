/* text.c - the text layer's entry point: sniff the container (zip, HTML, plain text), decode, pull
 * the text out, normalize, and keep the offset map composed all the way back to the input.
 */
#define _GNU_SOURCE /* memmem */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/utf8.h"

/* How far ahead of the cursor a text node is looked for in its markup: a node is normally a few
 * bytes after the previous one; the cap keeps a page of unfindable nodes linear. */
#define ALIGN_WINDOW 65536

void gr_text_add_aligned(const char *node, size_t n, const char *src, size_t srclen, size_t *cursor,
                         const uint32_t *src_map, gr_buf *out, gr_map *map)
{
    size_t c = *cursor;
    size_t probe = 0;
    while (probe < n && probe < 6 && node[probe] != '&' && node[probe] != '<')
        probe++;
    if (probe) {
        size_t win = srclen - c < ALIGN_WINDOW ? srclen - c : ALIGN_WINDOW;
        /* take the first place where what follows the probe fits too (a dropped <script> may
         * hold the same words earlier) */
        const char *from = src + c, *end = src + c + win, *hit;
        while ((hit = memmem(from, (size_t)(end - from), node, probe))) {
            size_t after = (size_t)(hit - src) + probe;
            if (probe == n || after >= srclen || src[after] == node[probe] || src[after] == '&') {
                c = (size_t)(hit - src);
                break;
            }
            from = hit + 1;
        }
    }
    size_t i = 0;
    while (i < n) {
        int entity = 0;
        if (c < srclen && src[c] == '&') { /* markup: a '&' in the source starts an entity */
            size_t e = c + 1;
            while (e < srclen && e < c + 12 && src[e] != ';')
                e++;
            entity = e < srclen && src[e] == ';' && e > c + 1;
        }
        if (!entity && c < srclen && src[c] == node[i]) {
            gr_buf_addc(out, node[i]);
            gr_map_add(map, src_map[c], 1);
            c++, i++;
            continue;
        }
        uint32_t cp;
        int k = gr_utf8_decode((const unsigned char *)node + i, n - i, &cp);
        if (!k)
            k = 1;
        uint32_t at = src_map[c < srclen ? c : srclen];
        if (c < srclen && src[c] == '&') { /* an entity stands for this character */
            size_t e = c + 1;
            while (e < srclen && e < c + 12 && src[e] != ';')
                e++;
            if (e < srclen && src[e] == ';')
                c = e + 1;
        }
        gr_buf_add(out, node + i, (size_t)k);
        gr_map_add(map, at, (size_t)k);
        i += (size_t)k;
    }
    *cursor = c;
}

static int looks_html(const char *s, size_t len, const char *name)
{
    if (name) {
        const char *dot = strrchr(name, '.');
        if (dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml")))
            return 1;
    }
    size_t n = len < 4096 ? len : 4096;
    static const char *const marks[] = {"<!doctype html", "<html", "<head", "<body", "<meta ",
                                        "<div", "<p>", "<p ", "<title", NULL};
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        for (const char *const *m = marks; *m; m++) {
            size_t k = strlen(*m);
            if (i + k <= len && !strncasecmp(s + i, *m, k))
                return 1;
        }
    }
    return 0;
}

int gr_text_load(gr_text *t, const unsigned char *data, size_t len, const char *name)
{
    memset(t, 0, sizeof *t);
    t->err_off = -1;
    t->encoding = "UTF-8";
    gr_buf raw = {0}, out = {0};
    gr_map rawmap = {0};
    gr_anchors map = {0};
    int rc;
    if (len == 0) {
        snprintf(t->err, sizeof t->err, "empty file");
        return -1;
    }
    size_t bom = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    int zip = len >= 4 && !memcmp(data, "PK\3\4", 4);
    /* validated once: plain UTF-8 needs no decoding, and the test for HTML can read it as it is */
    int utf8 = !zip && gr_text_is_utf8(data, len);
    int is_html = utf8 && looks_html((const char *)data + bom, len - bom, name);
    if (utf8 && !is_html && !gr_text_needs_repair((const char *)data, len)) {
        /* plain UTF-8 text, the common case: normalized straight from the input, with no copy and
         * no identity map in between (a BOM, U+FEFF, is dropped by the normalizer) */
        rc = gr_text_normalize((const char *)data, len, NULL, &out, &map);
        if (rc)
            goto done;
        gr_anchors_put(&map, (uint32_t)out.len, (uint32_t)len);
        goto loaded;
    }
    if (utf8 && !is_html) { /* plain UTF-8 with export artefacts: repaired, then normalized */
        rc = gr_text_repair((const char *)data, len, NULL, &raw, &rawmap);
        if (rc)
            goto done;
        goto repaired;
    }
    if (zip) {
        t->format = GR_FMT_DOCX;
        rc = gr_text_docx(data, len, &raw, &rawmap, t->err, sizeof t->err);
    } else {
        if (utf8)
            rc = gr_text_utf8_copy(data, bom, len, &raw, &rawmap);
        else
            rc = gr_text_decode(data, len, &raw, &rawmap, &t->encoding, t->err, sizeof t->err,
                                &t->err_off);
        if (!rc && (utf8 ? is_html : looks_html(raw.p, raw.len, name))) {
            t->format = GR_FMT_HTML;
            gr_buf html = raw;
            gr_map hmap = rawmap;
            gr_map_add(&hmap, (uint32_t)len, 1); /* the end */
            memset(&raw, 0, sizeof raw);
            memset(&rawmap, 0, sizeof rawmap);
            rc = hmap.oom ? -2 : gr_text_html(html.p, html.len, hmap.p, &raw, &rawmap, t->err,
                                              sizeof t->err);
            gr_buf_free(&html);
            gr_map_free(&hmap);
        }
    }
    if (rc)
        goto done;
    gr_map_add(&rawmap, t->format == GR_FMT_DOCX ? (rawmap.len ? rawmap.p[rawmap.len - 1] : 0)
                                                 : (uint32_t)len, 1);
    if (rawmap.oom) {
        rc = -2;
        goto done;
    }
    if (raw.p && gr_text_needs_repair(raw.p, raw.len)) {
        gr_buf fixed = {0};
        rc = gr_text_repair(raw.p, raw.len, rawmap.p, &fixed, &rawmap); /* the map in place */
        gr_buf_free(&raw);
        raw = fixed;
        if (rc)
            goto done;
    }
repaired:
    rc = gr_text_normalize(raw.p ? raw.p : "", raw.len, rawmap.p, &out, &map);
    if (rc)
        goto done;
    gr_anchors_put(&map, (uint32_t)out.len, rawmap.p[raw.len]);
loaded:
    if (out.len == 0) {
        snprintf(t->err, sizeof t->err, "no text in this file");
        rc = -1;
        goto done;
    }
    if (map.oom || out.oom || gr_anchors_index(&map, out.len)) {
        rc = -2;
        goto done;
    }
    t->len = out.len;
    t->s = gr_buf_take(&out);
    t->map = map;
    memset(&map, 0, sizeof map);
done:
    if (rc == -2)
        snprintf(t->err, sizeof t->err, "out of memory");
    gr_buf_free(&raw);
    gr_buf_free(&out);
    gr_map_free(&rawmap);
    gr_anchors_free(&map);
    return rc;
}

int gr_text_restore(gr_text *t, const char *s, size_t len, const void *map, size_t maplen, gr_format format,
                    const char *encoding)
{
    static const char *const known[] = {"UTF-8", "UTF-16LE", "UTF-16BE", "GB18030"};
    memset(t, 0, sizeof *t);
    t->err_off = -1;
    t->format = format;
    t->encoding = "stored";
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (encoding && !strcmp(encoding, known[i]))
            t->encoding = known[i];
    size_t at;
    if (len == 0 || len > GR_MAX_INPUT || !gr_text_is_utf8((const unsigned char *)s, len)) {
        snprintf(t->err, sizeof t->err, "the stored text is %s", len ? "not UTF-8 or too long" : "empty");
        return -1;
    }
    int rc = gr_anchors_unpack(map, maplen, &t->map, &at);
    if (rc == -1) {
        snprintf(t->err, sizeof t->err, "the stored offset map is damaged");
        t->err_off = (long)at;
        return -1;
    }
    if (rc || !(t->s = malloc(len + 1)) || gr_anchors_index(&t->map, len)) {
        snprintf(t->err, sizeof t->err, "out of memory");
        return -2;
    }
    memcpy(t->s, s, len);
    t->s[len] = 0;
    t->len = len;
    return 0;
}

void gr_text_free(gr_text *t)
{
    free(t->s);
    gr_anchors_free(&t->map);
    t->s = NULL;
}

size_t gr_text_source_offset(const gr_text *t, size_t off)
{
    size_t hint = (size_t)-1;
    return gr_text_source_offset_walk(t, off, &hint);
}

size_t gr_text_source_offset_walk(const gr_text *t, size_t off, size_t *hint)
{
    if (!t->s)
        return 0;
    return gr_anchors_walk(&t->map, t->s, off <= t->len ? off : t->len, hint);
}
