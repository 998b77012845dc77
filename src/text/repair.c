/* repair.c - undoing what exports and scrapers did to a report's text before it is normalized.
 *
 * Reports arrive as they were saved, and some savers left marks that are no text of the report:
 *   - line breaks stored as the four characters \r\n (or \n, \r) by an export that escaped them;
 *   - HTML entities left in plain text (&nbsp;, &ldquo;, &#12288;) by a scraper that kept the
 *     page's source of a paragraph rather than its text;
 *   - "??" where a GBK page's full-width space (two bytes) was lost on the way to UTF-8, one "?"
 *     per byte: 县长??杨曙光, 时间:2023-03-30????;
 *   - "_M_M_" where an old export replaced the per cent sign: 增长13.3_M_M_.
 * Each becomes what it stood for, every output byte mapped to the input offset it came from, so
 * that figures still point into the bytes the user has. Named entities are looked up in libxml2's
 * HTML entity table (the HTML 4 set), opened only when a text holds one. */
#define _GNU_SOURCE /* memmem */
#include "text.h"

#include <string.h>

#include "../util/utf8.h"
#include "libs.h"

/* Literal line breaks count as breaks only in a text that has several of them: one "\n" in a
 * report is more likely a path or a formula than an export's line end. */
#define MIN_LITERAL_BREAKS 3

static size_t count_literal_breaks(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *p = s, *end = s + len; (p = memchr(p, '\\', (size_t)(end - p))); p++)
        if (end - p >= 2 && (p[1] == 'n' || p[1] == 'r') && ++n >= MIN_LITERAL_BREAKS)
            break;
    return n;
}

/* The length of an entity at s (&name; or &#123; or &#x1F;), with its code point, or 0. */
static size_t entity_at(const char *s, size_t n, uint32_t *cp)
{
    size_t i = 1;
    if (n < 4 || s[0] != '&')
        return 0;
    if (s[1] == '#') {
        int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
        uint32_t v = 0;
        size_t d = 0;
        for (i = hex ? 3 : 2; i < n && i < 12 && s[i] != ';'; i++, d++) {
            int c = (unsigned char)s[i], x;
            if (c >= '0' && c <= '9')
                x = c - '0';
            else if (hex && ((c | 32) >= 'a' && (c | 32) <= 'f'))
                x = (c | 32) - 'a' + 10;
            else
                return 0;
            v = v * (hex ? 16u : 10u) + (uint32_t)x;
            if (v > 0x10FFFF)
                return 0;
        }
        if (!d || i >= n || s[i] != ';' || v == 0 || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return i + 1;
    }
    char name[16];
    for (; i < n && i < 12 && s[i] != ';'; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
        name[i - 1] = s[i];
    }
    if (i < 2 || i >= n || s[i] != ';')
        return 0;
    name[i - 1] = 0;
    char err[8];
    if (gr_xml_load(err, sizeof err))
        return 0; /* no libxml2: the entity stays as it is written */
    const htmlEntityDesc *e = gr_xml.htmlEntityLookup((const xmlChar *)name);
    if (!e || !e->value)
        return 0;
    *cp = e->value;
    return i + 1;
}

/* Does an artefact start at p (one of \ ? & _)? */
static int artefact_at(const char *p, size_t rest)
{
    uint32_t cp;
    switch (*p) {
    case '?':
        return rest >= 2 && p[1] == '?';
    case '_':
        return rest >= 5 && !memcmp(p, "_M_M_", 5);
    case '\\':
        return rest >= 2 && (p[1] == 'n' || p[1] == 'r') && count_literal_breaks(p, rest) >= MIN_LITERAL_BREAKS;
    default:
        return entity_at(p, rest, &cp) != 0;
    }
}

int gr_text_needs_repair(const char *s, size_t len)
{
    /* the four bytes that can start an artefact are rare in a report: each is looked for with
     * memchr (many bytes a step), not byte by byte */
    static const char starts[] = "\\?&_";
    const char *end = s + len;
    for (const char *c = starts; *c; c++)
        for (const char *p = s; (p = memchr(p, *c, (size_t)(end - p))); p++)
            if (artefact_at(p, (size_t)(end - p)))
                return 1;
    return 0;
}

int gr_text_repair(const char *s, size_t len, const uint32_t *in_map, gr_buf *out, gr_map *map)
{
    int breaks = count_literal_breaks(s, len) >= MIN_LITERAL_BREAKS;
    /* map in place (map->p is in_map): each step writes no more entries than it reads, and reads
     * an entry before anything is written over it, so one map of the input's size serves */
    int in_place = in_map && map->p == in_map;
    if (in_place)
        map->len = 0;
    if (gr_buf_reserve(out, len) || (!in_place && gr_map_reserve(map, len + 1)))
        return -2;
#define AT(i) (in_map ? in_map[i] : (uint32_t)(i))
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' && breaks && i + 1 < len && (s[i + 1] == 'n' || s[i + 1] == 'r')) {
            /* \r\n, \n or \r: one line end */
            size_t k = i + 1 < len && s[i + 1] == 'r' && i + 3 < len && s[i + 2] == '\\' && s[i + 3] == 'n' ? 4 : 2;
            gr_buf_addc(out, '\n');
            gr_map_add(map, AT(i), 1);
            i += k;
            continue;
        }
        if (c == '?' && i + 1 < len && s[i + 1] == '?') {
            /* a lost full-width space: one blank for each pair of "?" (and for an odd one left) */
            size_t k = i;
            while (k < len && s[k] == '?')
                k++;
            for (size_t j = i; j < k; j += 2) {
                gr_buf_addc(out, ' ');
                gr_map_add(map, AT(j), 1);
            }
            i = k;
            continue;
        }
        if (c == '_' && len - i >= 5 && !memcmp(s + i, "_M_M_", 5) && i && s[i - 1] >= '0' && s[i - 1] <= '9') {
            gr_buf_addc(out, '%');
            gr_map_add(map, AT(i), 1);
            i += 5;
            continue;
        }
        uint32_t cp;
        size_t k;
        if (c == '&' && (k = entity_at(s + i, len - i, &cp))) {
            char u[4];
            int m = gr_utf8_encode(cp, u);
            gr_buf_add(out, u, (size_t)m);
            gr_map_add(map, AT(i), (size_t)m);
            i += k;
            continue;
        }
        /* a run of bytes that start nothing: copied, and mapped, whole */
        size_t e = i + 1;
        while (e < len && s[e] != '\\' && s[e] != '?' && s[e] != '_' && s[e] != '&')
            e++;
        gr_buf_add(out, s + i, e - i);
        if (!gr_map_reserve(map, e - i + 1))
            for (size_t k = i; k < e; k++)
                map->p[map->len++] = AT(k);
        i = e;
    }
    gr_map_add(map, in_map ? in_map[len] : (uint32_t)len, 1);
#undef AT
    return out->oom || map->oom ? -2 : 0;
}
