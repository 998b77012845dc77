/* normalize.c - one clean paragraph a line.
 *
 * Character folding: full-width ASCII forms (０-９, Ａ-Ｚ, ，：；％（）) become ASCII, the ideographic
 * space and other spaces become ' ', line separators become '\n', zero-width characters and BOMs
 * go. Line repair: leading and trailing blanks are trimmed, a spaced-out title ("政 府 工 作 报 告")
 * is closed up, a one-line scrape is split at runs of two or more blanks, and a line that a scrape
 * broke inside a word or number ("政府工作报\n告", "1.\n37") is joined to the next. Empty lines go;
 * every paragraph ends in '\n'. Each output character keeps the input offset of the character it
 * came from, in a sparse map (gr_anchors): an anchor only where output and input stop running one
 * for one.
 */
#define _GNU_SOURCE /* memmem */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../util/swar.h"
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

/* One character at u[i], the slow way: decoded, folded and written at *op. Returns the bytes read;
 * the CR of a CRLF is read and dropped (the LF carries it), like the characters that fold to
 * nothing. */
static inline size_t fold_char(const unsigned char *u, size_t len, size_t i, char **op)
{
    uint32_t cp;
    int k = gr_utf8_decode(u + i, len - i, &cp);
    if (!k) { /* not UTF-8 (the decoders never pass such bytes): keep the length, mark it */
        k = 1;
        cp = '?';
    }
    if (cp == '\r' && i + 1 < len && u[i + 1] == '\n')
        return 1;
    uint32_t c = fold(cp);
    if (c)
        *op += gr_utf8_encode(c, *op); /* never longer than the k bytes read */
    return (size_t)k;
}

/* Can byte c start a character that folds? Controls, and the lead bytes of U+0080-00BF (no-break
 * space, NEL), U+2000-2FFF (the spaces and separators of General Punctuation), U+3000-3FFF (the
 * ideographic space) and U+F000-FFFF (full-width forms, BOM). In valid UTF-8 every other byte
 * stays as it is. */
static inline int may_fold(unsigned char c) { return c < 0x20 || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF; }

/* Copies u[i..) to *op up to the first byte that may start a folding character (or len) and
 * returns that byte's offset; *op advances by as much. Sixteen bytes at a time with SSE2 (every
 * x86-64 has it), each block stored whole before it is tested (the bytes past the stop are
 * written over later: the output never runs ahead of the input, so they fit), eight at a time
 * elsewhere. With SSE2 the stop is sharper: the two bytes after a lead are looked at too, so
 * that what surely stays as it is (。、《》, a line feed) does not stop the copy; what may fold
 * (a control byte, a no-break space or NEL, U+2000-207F, the ideographic space, U+FB00-FF7F)
 * does. */
static inline size_t copy_to_fold(const unsigned char *u, size_t i, size_t len, char **op)
{
    char *o = *op;
#ifdef __SSE2__
#define B(c) _mm_set1_epi8((char)(c))
#define EQ(x, c) _mm_cmpeq_epi8((x), B(c))
    for (; i + 18 <= len; i += 16, o += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
        __m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 2));
        _mm_storeu_si128((__m128i *)(void *)o, x);
        __m128i ctl = _mm_andnot_si128(EQ(x, '\n'), _mm_cmpeq_epi8(_mm_min_epu8(x, B(0x1F)), x));
        __m128i c2 = _mm_and_si128(EQ(x, 0xC2), _mm_or_si128(EQ(x1, 0xA0), EQ(x1, 0x85)));
        __m128i e2 = _mm_and_si128(EQ(x, 0xE2), EQ(_mm_and_si128(x1, B(0xFE)), 0x80));
        __m128i e3 = _mm_and_si128(EQ(x, 0xE3), _mm_and_si128(EQ(x1, 0x80), EQ(x2, 0x80)));
        __m128i ef = _mm_and_si128(EQ(x, 0xEF), _mm_or_si128(_mm_or_si128(EQ(x1, 0xBC), EQ(x1, 0xBD)), EQ(x1, 0xBB)));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ctl, c2), _mm_or_si128(_mm_or_si128(e2, e3), ef)));
        if (m) {
            unsigned k = (unsigned)__builtin_ctz(m);
            *op = o + k;
            return i + k;
        }
    }
#undef EQ
#undef B
#endif
    size_t r = i;
    for (; r + 8 <= len; r += 8) {
        uint64_t w = gr_swar_load(u + r);
        uint64_t t = gr_swar_lt(w, 0x20) | gr_swar_eq(w, 0xC2) | gr_swar_eq(w, 0xE2) | gr_swar_eq(w, 0xE3) |
                     gr_swar_eq(w, 0xEF);
        if (t) {
            r += gr_swar_first(t);
            break;
        }
    }
    while (r < len && !may_fold(u[r]))
        r++;
    memcpy(o, u + i, r - i);
    *op = o + (r - i);
    return r;
}

/* The folding pass over plain UTF-8 input (valid: gr_text_is_utf8), byte i at offset i: the runs
 * between characters that may fold are copied whole; of those characters, the common ones that
 * stay (、。“” and the line feed) and the full-width forms (，：％) are handled here, the rest by
 * fold_char. An anchor is needed only after a character whose folded form is shorter (，→ ,) or
 * gone. Writes into op0 (room for len bytes) and fm; returns the bytes written. */
static size_t fold_plain(const char *s, size_t len, char *op0, gr_anchors *fm)
{
    const unsigned char *u = (const unsigned char *)s;
    char *op = op0;
    gr_anchors_put(fm, 0, 0);
    for (size_t i = 0; i < len;) {
        i = copy_to_fold(u, i, len, &op);
        if (i == len)
            break;
        unsigned char c = u[i];
        if (c == '\n') {
            *op++ = '\n';
            i++;
            continue;
        }
        if (c >= 0xE2 && i + 2 < len) { /* E2, E3, EF: a three-byte character (the input is valid) */
            unsigned char c1 = u[i + 1], c2 = u[i + 2];
            if (c == 0xEF && ((c1 == 0xBC && c2 >= 0x81) || (c1 == 0xBD && c2 <= 0x9E))) {
                /* U+FF01-FF5E, the full-width forms of ASCII ！-～ */
                *op++ = (char)(c1 == 0xBC ? c2 - 0x60 : c2 - 0x20);
                i += 3;
                gr_anchors_put(fm, (uint32_t)(op - op0), (uint32_t)i);
                continue;
            }
            if ((c == 0xE3 && !(c1 == 0x80 && c2 == 0x80)) || (c == 0xE2 && c1 > 0x81) ||
                (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF))) { /* stays as it is */
                op[0] = (char)c, op[1] = (char)c1, op[2] = (char)c2;
                op += 3, i += 3;
                continue;
            }
        }
        char *o = op;
        size_t k = fold_char(u, len, i, &op);
        i += k;
        if ((size_t)(op - o) != k) /* what follows has moved: it starts an anchor of its own */
            gr_anchors_put(fm, (uint32_t)(op - op0), (uint32_t)i);
    }
    gr_anchors_put(fm, (uint32_t)(op - op0), (uint32_t)len);
    return (size_t)(op - op0);
}

/* The folding pass over text that came through a decoder or a markup reader: as fold_plain, with
 * every character's input offset looked up in in_map (len + 1 entries). */
static size_t fold_mapped(const char *s, size_t len, const uint32_t *in_map, char *op0, gr_anchors *fm)
{
    /* locals, not f.p/f.len: a store through a char pointer may alias anything, so the compiler
     * would reload the struct fields after every byte written */
    char *op = op0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        gr_anchors_put(fm, (uint32_t)(op - op0), in_map[i]);
        unsigned char c0 = u[i];
        /* fast paths: printable ASCII, and well-formed 3-byte characters that fold to themselves */
        if (c0 >= 0x20 && c0 < 0x7F) {
            *op++ = (char)c0;
            i++;
            continue;
        }
        if (c0 >= 0xE0 && c0 <= 0xEF && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80 &&
            !(c0 == 0xE0 && u[i + 1] < 0xA0) && !(c0 == 0xED && u[i + 1] >= 0xA0)) {
            uint32_t cp3 = (uint32_t)(c0 & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (uint32_t)(u[i + 2] & 0x3F);
            if ((cp3 >= 0x4E00 && cp3 < 0xFE00) || fold(cp3) == cp3) {
                op[0] = (char)c0, op[1] = (char)u[i + 1], op[2] = (char)u[i + 2];
                op += 3, i += 3;
                continue;
            }
        }
        i += fold_char(u, len, i, &op);
    }
    gr_anchors_put(fm, (uint32_t)(op - op0), in_map[len]);
    return (size_t)(op - op0);
}

/* Walks a map in increasing text offsets: the source offset of f[off]. */
struct walk {
    const gr_anchors *m;
    size_t k; /* the anchor in force at the last offset asked */
};

static uint32_t walk_at(struct walk *w, const char *f, size_t off)
{
    while (w->k + 1 < w->m->len && w->m->p[w->k + 1].to <= off)
        w->k++;
    const gr_anchor *a = &w->m->p[w->k];
    size_t c = off;
    while (c > a->to && ((unsigned char)f[c] & 0xC0) == 0x80)
        c--;
    return a->from + (uint32_t)(c - a->to);
}

int gr_text_normalize(const char *s, size_t len, const uint32_t *in_map, gr_buf *out, gr_anchors *map)
{
    gr_buf f = {0};
    gr_anchors fm = {0};
    struct piece *pc = NULL;
    size_t npc = 0, cappc = 0;
    int rc = -2;

    if (gr_buf_reserve(&f, len + 1)) /* + 1: the last paragraph's '\n' where the input had none */
        goto done;
    size_t n = in_map ? fold_mapped(s, len, in_map, f.p, &fm) : fold_plain(s, len, f.p, &fm);
    f.len = n;
    f.p[f.len] = 0;
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
    /* The paragraphs are put together in f itself: each piece moves left by the blanks and line
     * ends dropped before it (or stays), so nothing is written over before it has been read; what
     * a piece's joining and its line end need from f is read before the piece moves. The anchors
     * are placed at out's length on, as if appended. */
    size_t base = out->len, o = 0;
    struct walk w = {&fm, 0};
    for (size_t i = 0; i < npc; i++) {
        struct piece *p = &pc[i];
        if (!p->collapse) {
            gr_anchors_put(map, (uint32_t)(base + o), walk_at(&w, f.p, p->s));
            for (size_t k = w.k + 1; k < fm.len && fm.p[k].to < p->e; k++)
                gr_anchors_put(map, (uint32_t)(base + o + (fm.p[k].to - p->s)), fm.p[k].from);
            int join = i + 1 < npc && joins(f.p, p, &pc[i + 1], wrapped);
            uint32_t line_end = join ? 0 : walk_at(&w, f.p, p->e);
            memmove(f.p + o, f.p + p->s, p->e - p->s);
            o += p->e - p->s;
            if (join)
                continue;
            gr_anchors_put(map, (uint32_t)(base + o), line_end);
        } else { /* a spaced-out title, closed up (joins() never joins it) */
            for (size_t j = p->s; j < p->e; j++) {
                if (f.p[j] == ' ')
                    continue;
                if (((unsigned char)f.p[j] & 0xC0) != 0x80)
                    gr_anchors_put(map, (uint32_t)(base + o), walk_at(&w, f.p, j));
                f.p[o++] = f.p[j];
            }
            gr_anchors_put(map, (uint32_t)(base + o), walk_at(&w, f.p, p->e));
        }
        f.p[o++] = '\n';
    }
    f.len = o;
    f.p[o] = 0;
    if (!out->p && !out->len) { /* the usual case: f becomes the output */
        *out = f;
        memset(&f, 0, sizeof f);
    } else {
        gr_buf_add(out, f.p, f.len);
    }
    rc = out->oom || map->oom ? -2 : 0;
done:
    free(pc);
    gr_buf_free(&f);
    gr_anchors_free(&fm);
    return rc;
}
