/* normalize.c - one clean paragraph a line.
 *
 * Character folding: full-width ASCII forms (０-９, Ａ-Ｚ, ，：；％（）) become ASCII, the ideographic
 * space and other spaces become ' ', line separators become '\n', zero-width characters and BOMs
 * go. Line repair: leading and trailing blanks are trimmed, a spaced-out title ("政 府 工 作 报 告")
 * is closed up, a one-line scrape is split at runs of two or more blanks, and a line that a scrape
 * broke inside a word or number ("政府工作报\n告", "1.\n37") is joined to the next. Empty lines go;
 * every paragraph ends in '\n'. Each output byte keeps the input offset of the byte it came from.
 */
#define _GNU_SOURCE /* memmem */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

struct piece {
    size_t s, e;      /* in the folded text */
    int blank_before; /* an empty line (or the start) came before it */
    int split;        /* cut from a longer line at a run of blanks */
    int collapse;     /* a spaced-out title: drop its single spaces */
};

static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;
    switch (cp) {
    case 0x3000: case 0x00A0: case '\t': case '\f': case '\v': case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F:
        return ' ';
    case 0x2028: case 0x2029: case 0x0085: case '\r':
        return '\n';
    case 0xFEFF: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
        return 0;
    }
    if (cp < 0x20 && cp != '\n')
        return 0;
    return cp;
}

static uint32_t cp_at(const char *s, size_t n, size_t i, int *len)
{
    uint32_t cp;
    int k = gr_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    *len = k ? k : 1;
    return k ? cp : 0xFFFD;
}

/* Last code point before e (>= s). */
static uint32_t cp_before(const char *f, size_t s, size_t e)
{
    if (e <= s)
        return 0;
    size_t i = e - 1;
    while (i > s && ((unsigned char)f[i] & 0xC0) == 0x80)
        i--;
    int k;
    return cp_at(f, e, i, &k);
}

static size_t nchars(const char *f, size_t s, size_t e)
{
    size_t n = 0;
    for (size_t i = s; i < e; i++)
        n += ((unsigned char)f[i] & 0xC0) != 0x80;
    return n;
}

/* Does f[s..e) hold at least k characters? Decided by its length alone when it can be (a character
 * is one to four bytes), so long lines are not counted through. */
static int at_least(const char *f, size_t s, size_t e, size_t k)
{
    if (e - s >= 4 * k)
        return 1;
    if (e - s < k)
        return 0;
    return nchars(f, s, e) >= k;
}

static int is_heading_start(const char *f, size_t s, size_t e)
{
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    if (s < e && (f[s] == '(' || !strncmp(f + s, "（", e - s < 3 ? e - s : 3)))
        return 1;
    for (const char *const *n = nums; *n; n++)
        if (!strncmp(f + s, *n, 3) && e - s >= 6 && (!strncmp(f + s + 3, "、", 3) || !strncmp(f + s + 3, "是", 3)))
            return 1;
    return 0;
}

static int sentence_end(uint32_t cp)
{
    return cp == 0x3002 || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == 0x201D ||
           cp == ')' || cp == 0x300B || cp == 0x300D || cp == 0x3011 || cp == '.';
}

/* Should piece b be glued to piece a (no blank line and no split between them)? */
static int joins(const char *f, const struct piece *a, const struct piece *b, int wrapped)
{
    if (b->blank_before || b->split || a->split || a->collapse)
        return 0;
    uint32_t last = cp_before(f, a->s, a->e);
    int k;
    uint32_t first = cp_at(f, b->e, b->s, &k);
    /* a number broken over two lines: "1.\n37", "180\n.39" */
    uint32_t last2 = cp_before(f, a->s, a->e - (a->e > a->s ? 1 : 0));
    if ((last >= '0' && last <= '9') && (first == '.' || (first >= '0' && first <= '9')))
        return 1;
    if (last == '.' && last2 >= '0' && last2 <= '9' && first >= '0' && first <= '9')
        return 1;
    if (!gr_utf8_is_han(last) || !(gr_utf8_is_han(first) || (first >= '0' && first <= '9')))
        return 0;
    if (sentence_end(last) || is_heading_start(f, a->s, a->e) || is_heading_start(f, b->s, b->e))
        return 0;

    /* In a hard-wrapped text a line cut mid-sentence; anywhere, a one-character word tail ("告")
     * left on a line of its own. Elsewhere a line that ends without punctuation is a heading, a
     * caption or a menu item and stays a paragraph of its own. Menus
     * ("下载\n打印", "赵刚\n首页") are short on both sides and stay apart. */
    return (wrapped && at_least(f, a->s, a->e, 20)) ||
           (at_least(f, a->s, a->e, 4) && at_least(f, b->s, b->e, 1) && !at_least(f, b->s, b->e, 2));
}

/* The first run of two blanks in f[i..b), or b. */
static size_t two_blanks(const char *f, size_t i, size_t b)
{
    const char *sp;
    while (i < b && (sp = memchr(f + i, ' ', b - i))) {
        i = (size_t)(sp - f);
        if (i + 1 < b && f[i + 1] == ' ')
            return i;
        i += 2; /* f[i + 1] is no blank */
    }
    return b;
}

static int spaced_title(const char *f, size_t s, size_t e)
{
    /* quick answer for the usual line: a first character of three bytes not followed by a blank */
    unsigned char c0 = (unsigned char)f[s];
    if (c0 < 0x80 || (c0 >= 0xE0 && c0 <= 0xEF && (e - s < 4 || f[s + 3] != ' ')))
        return 0;
    size_t han = 0;
    int expect_space = 0;
    for (size_t i = s; i < e;) {
        int k;
        uint32_t cp = cp_at(f, e, i, &k);
        if (expect_space) {
            if (cp != ' ')
                return 0;
            expect_space = 0;
        } else {
            if (!gr_utf8_is_han(cp))
                return 0;
            han++;
            expect_space = 1;
        }
        i += (size_t)k;
    }
    return han >= 3;
}

/* The folding pass: s[0..len) into f and fm (room for len bytes and len + 1 entries reserved).
 * in_map NULL means s is the input itself (byte i at offset i); always inlined, so that each of the
 * two cases gets a loop of its own without the test inside. Returns the bytes written. */
static inline __attribute__((always_inline)) size_t fold_pass(const char *s, size_t len, const uint32_t *in_map,
                                                              char *op0, uint32_t *mp0)
{
#define AT(i) (in_map ? in_map[(i)] : (uint32_t)(i))
    /* locals, not f.p/f.len: a store through a char pointer may alias anything, so the compiler
     * would reload the struct fields after every byte written */
    char *op = op0;
    uint32_t *mp = mp0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c0 = u[i];
        /* fast paths: printable ASCII, and well-formed 3-byte characters that fold to themselves
         * (ideographs, 。、“”); folding never makes text longer, so the reserved room suffices */
        if (c0 >= 0x20 && c0 < 0x7F) {
            *op++ = (char)c0;
            *mp++ = AT(i);
            i++;
            continue;
        }
        if ((unsigned)(c0 - 0xE4) <= 5 && i + 2 < len && ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) < 0x40) {
            /* U+4000-9FFF, the ideographs: nothing to fold, nothing to check but the two
             * continuation bytes (one test for both) */
            uint32_t m = AT(i);
            op[0] = (char)c0, op[1] = (char)u[i + 1], op[2] = (char)u[i + 2];
            mp[0] = mp[1] = mp[2] = m;
            op += 3, mp += 3, i += 3;
            continue;
        }
        if (c0 >= 0xE0 && c0 <= 0xEF && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80 &&
            !(c0 == 0xE0 && u[i + 1] < 0xA0) && !(c0 == 0xED && u[i + 1] >= 0xA0)) {
            uint32_t cp3 = (uint32_t)(c0 & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (uint32_t)(u[i + 2] & 0x3F);
            if ((cp3 >= 0x4E00 && cp3 < 0xFE00) || fold(cp3) == cp3) { /* ideographs, 。、“” and the rest that stays as it is */
                uint32_t m = AT(i);
                op[0] = (char)c0, op[1] = (char)u[i + 1], op[2] = (char)u[i + 2];
                mp[0] = mp[1] = mp[2] = m;
                op += 3, mp += 3, i += 3;
                continue;
            }
        }
        uint32_t cp;
        int k = gr_utf8_decode(u + i, len - i, &cp);
        if (!k) { /* not UTF-8 (the decoders never pass such bytes): keep the length, mark it */
            k = 1;
            cp = '?';
        }
        if (cp == '\r' && i + 1 < len && s[i + 1] == '\n') { /* CRLF: the LF carries it */
            i++;
            continue;
        }
        uint32_t c = fold(cp);
        if (c) {
            int n = gr_utf8_encode(c, op); /* never longer than the k bytes read */
            for (int q = 0; q < n; q++)
                mp[q] = AT(i);
            op += n, mp += n;
        }
        i += (size_t)k;
    }
    return (size_t)(op - op0);
#undef AT
}

int gr_text_normalize(const char *s, size_t len, const uint32_t *in_map, gr_buf *out, gr_map *map)
{
    gr_buf f = {0};
    gr_map fm = {0};
    struct piece *pc = NULL;
    size_t npc = 0, cappc = 0;
    int rc = -2;

    if (gr_buf_reserve(&f, len) || gr_map_reserve(&fm, len + 1))
        goto done;
    size_t n = in_map ? fold_pass(s, len, in_map, f.p, fm.p) : fold_pass(s, len, NULL, f.p, fm.p);
    f.len = fm.len = n;
    f.p[f.len] = 0;
    fm.p[fm.len++] = in_map ? in_map[len] : (uint32_t)len;
    if (f.oom || fm.oom)
        goto done;

    /* lines -> pieces */
    int blank = 1;
    for (size_t ls = 0; ls <= f.len;) {
        const char *nl = ls < f.len ? memchr(f.p + ls, '\n', f.len - ls) : NULL;
        size_t le = nl ? (size_t)(nl - f.p) : f.len;
        size_t a = ls, b = le;
        while (a < b && f.p[a] == ' ')
            a++;
        while (b > a && f.p[b - 1] == ' ')
            b--;
        if (a == b) {
            blank = 1;
        } else if (spaced_title(f.p, a, b)) {
            if (npc == cappc) {
                cappc = cappc ? cappc * 2 : 256;
                struct piece *q = realloc(pc, cappc * sizeof *pc);
                if (!q)
                    goto done;
                pc = q;
            }
            pc[npc++] = (struct piece){a, b, blank, 0, 1};
            blank = 0;
        } else {
            /* split at runs of >= 2 blanks */
            size_t ps = a;
            int first = 1;
            for (size_t i = a; i <= b; i++) {
                /* the next run of two blanks, or the end of the line */
                i = two_blanks(f.p, i, b);
                if (npc == cappc) {
                    cappc = cappc ? cappc * 2 : 256;
                    struct piece *q = realloc(pc, cappc * sizeof *pc);
                    if (!q)
                        goto done;
                    pc = q;
                }
                int whole = first && i == b;
                pc[npc++] = (struct piece){ps, i, first ? blank : 1, !whole, 0};
                first = 0;
                while (i < b && f.p[i] == ' ')
                    i++;
                ps = i;
            }
            blank = 0;
        }
        ls = le + 1;
    }

    /* Hard-wrapped (a fixed line width): most long lines end without sentence punctuation. */
    size_t longl = 0, open = 0;
    for (size_t i = 0; i < npc; i++) {
        if (!at_least(f.p, pc[i].s, pc[i].e, 20))
            continue;
        longl++;
        open += !sentence_end(cp_before(f.p, pc[i].s, pc[i].e));
    }
    int wrapped = longl >= 5 && open * 2 >= longl;
    if (gr_buf_reserve(out, f.len + npc + 1) || gr_map_reserve(map, f.len + npc + 2))
        goto done;
    for (size_t i = 0; i < npc; i++) {
        struct piece *p = &pc[i];
        if (!p->collapse) {
            memcpy(out->p + out->len, f.p + p->s, p->e - p->s);
            memcpy(map->p + map->len, fm.p + p->s, (p->e - p->s) * sizeof *map->p);
            out->len += p->e - p->s, map->len += p->e - p->s;
            out->p[out->len] = 0;
        } else {
            for (size_t j = p->s; j < p->e; j++) {
                if (f.p[j] == ' ')
                    continue;
                gr_buf_addc(out, f.p[j]);
                gr_map_add1(map, fm.p[j]);
            }
        }
        if (i + 1 < npc && joins(f.p, p, &pc[i + 1], wrapped))
            continue;
        gr_buf_addc(out, '\n');
        gr_map_add(map, fm.p[p->e], 1);
    }
    rc = out->oom || map->oom ? -2 : 0;
done:
    free(pc);
    gr_buf_free(&f);
    gr_map_free(&fm);
    return rc;
}
