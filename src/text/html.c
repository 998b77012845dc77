/* html.c - the text of an HTML page, through libxml2's HTML parser (which recovers from the broken
 * markup scraped pages are full of). Block elements end paragraphs; script, style, head, nav,
 * forms and their controls are dropped; entities come decoded from the parser. What is site
 * furniture and what is report is decided later, in the document layer, on the text itself.
 */
#include "text.h"
#include "libs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* Nesting deeper than this is not walked: real pages stay far below it, and the recursion must
 * stay bounded on hostile input (libxml2 itself caps depth at 256 without XML_PARSE_HUGE). */
#define MAX_DEPTH 512

static const char *const dropped[] = {"script", "style", "head", "nav", "noscript", "iframe",
                                      "form", "select", "option", "button", "textarea", "input",
                                      "svg", "template", "object", NULL};
static const char *const blocks[] = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr",
    "center", "td", "th", "aside", "main", "figure", "figcaption", "address", "body", NULL};

static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcasecmp(name, *list))
            return 1;
    return 0;
}

struct walk {
    const char *src;
    size_t srclen, cursor;
    const uint32_t *src_map;
    gr_buf *out;
    gr_map *map;
};

static void newline(struct walk *w)
{
    if (w->out->len && w->out->p[w->out->len - 1] != '\n') {
        gr_buf_addc(w->out, '\n');
        gr_map_add(w->map, w->src_map[w->cursor < w->srclen ? w->cursor : w->srclen], 1);
    }
}

static void walk(struct walk *w, xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *c = (const char *)n->content;
            if (c)
                gr_text_add_aligned(c, strlen(c), w->src, w->srclen, &w->cursor, w->src_map,
                                    w->out, w->map);
        } else if (n->type == XML_ELEMENT_NODE && depth < MAX_DEPTH) {
            const char *name = (const char *)n->name;
            if (in_list(name, dropped))
                continue;
            int block = in_list(name, blocks);
            if (block)
                newline(w);
            walk(w, n->children, depth + 1);
            if (block)
                newline(w);
        }
    }
}

int gr_text_html(const char *html, size_t len, const uint32_t *in_map, gr_buf *out, gr_map *map,
                 char *err, size_t errlen)
{
    if (len > (size_t)0x7FFFFFFF) {
        snprintf(err, errlen, "HTML too large");
        return -1;
    }
    if (gr_xml_load(err, errlen))
        return -1;
    size_t blanked;
    char *capped = gr_text_cap_attrs(html, len, GR_MAX_ATTRS, &blanked);
    if (blanked == (size_t)-1)
        return -2;
    const char *markup = capped ? capped : html;
    htmlParserCtxtPtr ctxt = gr_xml.htmlCreateMemoryParserCtxt(markup, (int)len);
    if (!ctxt) {
        free(capped);
        return -2;
    }
    htmlDocPtr doc = gr_xml.htmlCtxtReadMemory(ctxt, markup, (int)len, NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
    /* libxml2 stops at 256 nested elements and drops what is deeper: say so rather than lose text */
    const xmlError *e = gr_xml.xmlCtxtGetLastError(ctxt);
    int too_deep = e && e->message && strstr(e->message, "Excessive depth");
    gr_xml.htmlFreeParserCtxt(ctxt);
    free(capped);
    if (!doc || too_deep) {
        snprintf(err, errlen, too_deep ? "HTML elements nested more than 256 deep (the parser's limit): the text "
                                         "inside them would be lost"
                                       : "the HTML parser could not read this page");
        gr_xml.xmlFreeDoc(doc);
        return -1;
    }
    struct walk w = {html, len, 0, in_map, out, map};
    walk(&w, gr_xml.xmlDocGetRootElement(doc), 0);
    gr_xml.xmlFreeDoc(doc);
    return out->oom || map->oom ? -2 : 0;
}
