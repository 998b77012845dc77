/* docx.c - the paragraphs of a .docx file: word/document.xml read out of the zip with libzip and
 * parsed with libxml2; each w:p is a paragraph, w:t its text, w:tab a space, w:br a line break.
 * Offsets in the map point into word/document.xml (a .docx is compressed: no byte of the file
 * itself holds the text).
 */
#include "text.h"
#include "libs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* word/document.xml larger than this is refused: real reports are under 2 MiB, and a zip bomb
 * must not make us inflate gigabytes. */
#define MAX_XML ((zip_uint64_t)64 << 20)
#define MAX_DEPTH 256

struct walk {
    const char *src;
    size_t srclen, cursor;
    const uint32_t *src_map;
    gr_buf *out;
    gr_map *map;
};

static void walk(struct walk *w, xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || depth > MAX_DEPTH)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "t")) {
            for (xmlNode *c = n->children; c; c = c->next)
                if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
                    gr_text_add_aligned((const char *)c->content, strlen((const char *)c->content),
                                        w->src, w->srclen, &w->cursor, w->src_map, w->out, w->map);
            continue;
        }
        if (!strcmp(name, "tab") || !strcmp(name, "br") || !strcmp(name, "cr")) {
            gr_buf_addc(w->out, !strcmp(name, "tab") ? ' ' : '\n');
            gr_map_add(w->map, (uint32_t)w->cursor, 1);
            continue;
        }
        if (!strcmp(name, "instrText") || !strcmp(name, "delText"))
            continue; /* field codes and deleted revisions are not text */
        walk(w, n->children, depth + 1);
        if (!strcmp(name, "p")) {
            gr_buf_addc(w->out, '\n');
            gr_map_add(w->map, (uint32_t)w->cursor, 1);
        }
    }
}

int gr_text_docx(const unsigned char *data, size_t len, gr_buf *out, gr_map *map, char *err,
                 size_t errlen)
{
    if (gr_xml_load(err, errlen) || gr_zip_load(err, errlen))
        return -1;
    zip_error_t ze;
    gr_zip.zip_error_init(&ze);
    zip_source_t *src = gr_zip.zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        gr_zip.zip_error_fini(&ze);
        return -2;
    }
    zip_t *za = gr_zip.zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!za) {
        snprintf(err, errlen, "not a readable .docx (zip): %s", gr_zip.zip_error_strerror(&ze));
        gr_zip.zip_source_free(src);
        gr_zip.zip_error_fini(&ze);
        return -1;
    }
    gr_zip.zip_error_fini(&ze);
    int rc = -1;
    char *xml = NULL;
    zip_stat_t st;
    zip_file_t *zf = NULL;
    if (gr_zip.zip_stat(za, "word/document.xml", 0, &st) || !(st.valid & ZIP_STAT_SIZE)) {
        snprintf(err, errlen, "a zip archive without word/document.xml: not a .docx");
        goto done;
    }
    if (st.size > MAX_XML) {
        snprintf(err, errlen, "word/document.xml inflates to %llu bytes, over the %llu MiB limit",
                 (unsigned long long)st.size, (unsigned long long)(MAX_XML >> 20));
        goto done;
    }
    zf = gr_zip.zip_fopen(za, "word/document.xml", 0);
    xml = malloc((size_t)st.size + 1);
    if (!xml) {
        rc = -2;
        goto done;
    }
    if (!zf) {
        snprintf(err, errlen, "cannot open word/document.xml: %s", gr_zip.zip_strerror(za));
        goto done;
    }
    /* Read at most the declared size (+1 to notice a lying header). */
    zip_int64_t got = 0, k;
    while ((zip_uint64_t)got <= st.size &&
           (k = gr_zip.zip_fread(zf, xml + got, st.size + 1 - (zip_uint64_t)got)) > 0)
        got += k;
    if (got < 0 || (zip_uint64_t)got != st.size) {
        snprintf(err, errlen, "word/document.xml is damaged (read %lld of %llu bytes)",
                 (long long)got, (unsigned long long)st.size);
        goto done;
    }
    xml[got] = 0;
    size_t blanked;
    char *capped = gr_text_cap_attrs(xml, (size_t)got, GR_MAX_ATTRS, &blanked);
    if (blanked == (size_t)-1) {
        rc = -2;
        goto done;
    }
    if (capped) { /* the same bytes at the same offsets, but for attributes past the bound */
        free(xml);
        xml = capped;
    }
    xmlDocPtr doc = gr_xml.xmlReadMemory(xml, (int)got, "document.xml", NULL, XML_PARSE_NONET |
                                  XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = gr_xml.xmlGetLastError();
        snprintf(err, errlen, "word/document.xml is not well-formed XML%s%s", e ? ": " : "",
                 e && e->message ? e->message : "");
        size_t n = strlen(err);
        while (n && (err[n - 1] == '\n'))
            err[--n] = 0;
        goto done;
    }
    uint32_t *ident = malloc(((size_t)got + 1) * sizeof *ident);
    if (!ident) {
        gr_xml.xmlFreeDoc(doc);
        rc = -2;
        goto done;
    }
    for (size_t i = 0; i <= (size_t)got; i++)
        ident[i] = (uint32_t)i;
    struct walk w = {xml, (size_t)got, 0, ident, out, map};
    walk(&w, gr_xml.xmlDocGetRootElement(doc), 0);
    free(ident);
    gr_xml.xmlFreeDoc(doc);
    rc = out->oom || map->oom ? -2 : 0;
done:
    if (zf)
        gr_zip.zip_fclose(zf);
    free(xml);
    gr_zip.zip_discard(za);
    return rc;
}
