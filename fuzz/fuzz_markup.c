/* fuzz_markup.c - libFuzzer target: large structured HTML and .docx XML, made from the input by a
 * small generator, so that short inputs reach what random bytes never do: elements with up to
 * 200,000 attributes, trees 300 deep, subtrees repeated thousands of times, pages of several MB.
 * The first byte picks HTML or a .docx (document.xml in a zip written here, stored); the rest are
 * operations. Each page must be read (or refused with a message) within libFuzzer's -timeout, and
 * what is read must map every byte of text back into the page. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "text/text.h"

#define MAX_OUT (6u << 20)

static const char *const words[] = {"地区生产总值增长5.2%", "一般公共预算收入12.35亿元", "各位代表", "&nbsp;", "&amp;",
                                    "城镇新增就业1.2万人", "a<b", "”“", "２１８．６亿元", "&#x5e74;"};

struct gen {
    const uint8_t *in;
    size_t n, at;
    gr_buf out;
    int xml;
    const char *open[320];
    int depth;
};

static unsigned next(struct gen *g) { return g->at < g->n ? g->in[g->at++] : 0; }

static void open_tag(struct gen *g, unsigned attrs)
{
    static const char *const html[] = {"div", "p", "span", "table", "td", "h1", "script", "b"};
    static const char *const xml[] = {"w:p", "w:r", "w:t", "w:tbl", "w:tc", "w:body", "w:sdt", "w:pPr"};
    const char *name = (g->xml ? xml : html)[next(g) % 8];
    gr_buf_printf(&g->out, "<%s", name);
    for (unsigned i = 0; i < attrs && g->out.len < MAX_OUT; i++)
        gr_buf_printf(&g->out, g->xml ? " w:a%u=\"%u\"" : (i % 3 ? " a%u=%u" : " a%u='%u>'"), i, i);
    gr_buf_addc(&g->out, '>');
    if (g->depth < 320)
        g->open[g->depth++] = name;
}

static void close_tag(struct gen *g)
{
    if (g->depth)
        gr_buf_printf(&g->out, "</%s>", g->open[--g->depth]);
}

static void text(struct gen *g)
{
    const char *w = words[next(g) % 10];
    if (g->xml && (w[0] == '&' || strchr(w, '<')))
        w = "增长6%左右";
    gr_buf_adds(&g->out, w);
}

static void generate(struct gen *g)
{
    gr_buf_adds(&g->out, g->xml ? "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                                  "wordprocessingml/2006/main\"><w:body>"
                                : "<html><body>");
    while (g->at < g->n && g->out.len < MAX_OUT && !g->out.oom) {
        unsigned op = next(g) % 8, a = next(g);
        switch (op) {
        case 0: open_tag(g, a % 8); break;
        case 1: close_tag(g); break;
        case 2: text(g); break;
        case 3: /* an attribute storm: up to 200,000 on one element */
            open_tag(g, (a << 8 | next(g)) * 3 % 200001);
            break;
        case 4: /* a deep chain */
            for (unsigned i = 0; i < a + 40u; i++)
                open_tag(g, 0);
            break;
        case 5: { /* the last bytes written, again and again: a wide tree */
            size_t from = g->out.len > 64 ? g->out.len - 64 : 0, len = g->out.len - from;
            char piece[64];
            memcpy(piece, g->out.p + from, len);
            for (unsigned i = 0; i < a * 40u && g->out.len < MAX_OUT; i++)
                gr_buf_add(&g->out, piece, len);
            break;
        }
        case 6: gr_buf_adds(&g->out, g->xml ? "<!-- 注释 -->" : "<!-- <div a b c> -->"); break;
        default:
            while (g->depth && a--)
                close_tag(g);
        }
    }
    while (g->depth)
        close_tag(g);
    gr_buf_adds(&g->out, g->xml ? "</w:body></w:document>" : "</body></html>");
}

static void put16(gr_buf *b, unsigned v) { gr_buf_addc(b, (char)(v & 255)), gr_buf_addc(b, (char)(v >> 8 & 255)); }
static void put32(gr_buf *b, uint32_t v) { put16(b, v & 0xffff), put16(b, v >> 16); }

/* A zip with word/document.xml stored (no compression). */
static void zip_of(gr_buf *z, const gr_buf *xml)
{
    static const char name[] = "word/document.xml";
    uint32_t crc = (uint32_t)crc32(0, (const Bytef *)xml->p, (uInt)xml->len), size = (uint32_t)xml->len;
    put32(z, 0x04034b50), put16(z, 20), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0);
    put32(z, crc), put32(z, size), put32(z, size), put16(z, sizeof name - 1), put16(z, 0);
    gr_buf_add(z, name, sizeof name - 1);
    gr_buf_add(z, xml->p, xml->len);
    size_t cd = z->len;
    put32(z, 0x02014b50), put16(z, 20), put16(z, 20), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0);
    put32(z, crc), put32(z, size), put32(z, size), put16(z, sizeof name - 1), put16(z, 0), put16(z, 0);
    put16(z, 0), put16(z, 0), put32(z, 0), put32(z, 0);
    gr_buf_add(z, name, sizeof name - 1);
    size_t cdlen = z->len - cd;
    put32(z, 0x06054b50), put16(z, 0), put16(z, 0), put16(z, 1), put16(z, 1);
    put32(z, (uint32_t)cdlen), put32(z, (uint32_t)cd), put16(z, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    struct gen g = {.in = data, .n = size, .at = 1, .xml = data[0] & 1};
    generate(&g);
    if (g.out.oom) {
        gr_buf_free(&g.out);
        return 0;
    }
    gr_buf out = {0}, zip = {0};
    gr_map map = {0};
    char err[200] = "";
    int rc;
    if (g.xml) {
        zip_of(&zip, &g.out);
        rc = zip.oom ? -2 : gr_text_docx((const unsigned char *)zip.p, zip.len, &out, &map, err, sizeof err);
    } else {
        uint32_t *ident = malloc((g.out.len + 1) * sizeof *ident);
        if (!ident) {
            gr_buf_free(&g.out);
            return 0;
        }
        for (size_t i = 0; i <= g.out.len; i++)
            ident[i] = (uint32_t)i;
        rc = gr_text_html(g.out.p, g.out.len, ident, &out, &map, err, sizeof err);
        free(ident);
    }
    if (rc == -1 && !err[0]) /* refused: with a reason */
        abort();
    if (rc == 0) {
        if (map.len != out.len)
            abort();
        for (size_t i = 0; i < map.len; i++) /* offsets into the page (document.xml for a .docx) */
            if (map.p[i] > g.out.len)
                abort();
    }
    gr_buf_free(&out);
    gr_buf_free(&zip);
    gr_map_free(&map);
    gr_buf_free(&g.out);
    return 0;
}
