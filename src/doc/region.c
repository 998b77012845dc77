/* region.c - looking divisions up by code and by name: binary searches over the sorted tables of
 * region_table.c, the name search starting from a hash of the first character. The facts layer
 * asks for every candidate metric (is it a place?), so a lookup must cost well under a microsecond. */
#define _GNU_SOURCE
#include "region.h"

#include <string.h>
#include <threads.h>

const gr_region *gr_region_by_code(const char *code)
{
    size_t lo = 0, hi = gr_nregions;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(gr_regions[mid].code, code);
        if (!c)
            return &gr_regions[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const char *const suffixes[] = {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区",
                                       "自治区", "自治州", "自治县", "自治旗", "省", "市", "区",
                                       "县", "旗", "盟", "地区", NULL};

/* Length of name without its administrative suffix (only if at least two characters remain). */
static size_t short_len(const char *name)
{
    size_t n = strlen(name);
    for (const char *const *s = suffixes; *s; s++) {
        size_t k = strlen(*s);
        if (n > k + 3 && !strcmp(name + n - k, *s))
            return n - k;
    }
    return n;
}

static size_t count(const char *hay, size_t n, const char *needle, size_t k)
{
    size_t c = 0;
    if (!k || !hay)
        return 0;
    for (const char *p = hay; (p = memmem(p, n - (size_t)(p - hay), needle, k)); p += k)
        c++;
    return c;
}

static size_t support(const gr_region *r, const char *hint, size_t hintlen)
{
    size_t s = 0;
    const gr_region *p = r->province_code[0] ? gr_region_by_code(r->province_code) : NULL;
    const gr_region *c = r->city_code[0] ? gr_region_by_code(r->city_code) : NULL;
    if (p)
        s += count(hint, hintlen, p->name, short_len(p->name));
    if (c)
        s += count(hint, hintlen, c->name, short_len(c->name));
    return s;
}

/* The first entry of table[0..n) whose first k bytes are not below s[0..k) (binary search). */
static unsigned lower(const gr_region_name *table, unsigned n, const char *s, size_t k)
{
    unsigned lo = 0, hi = n;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (strncmp(table[mid].name, s, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The range of each table's names that share a first (three-byte) character, found by hashing
 * it: the first narrowing step without a binary search over the whole table. Built once. */
#define FIRST_SLOTS 8192 /* a power of two, well above the number of distinct first characters */
static struct first_range {
    unsigned char ch[3];
    unsigned lo, hi; /* hi == 0: an empty slot */
} first_index[2][FIRST_SLOTS];
static once_flag first_once = ONCE_FLAG_INIT;

static unsigned first_hash(const unsigned char *c) { return ((unsigned)c[0] * 131u + c[1]) * 131u + c[2]; }

static void build_first_index(void)
{
    for (int pass = 0; pass < 2; pass++) {
        const gr_region_name *table = pass ? gr_region_short_names : gr_region_names;
        unsigned tn = pass ? gr_nregion_short_names : gr_nregion_names;
        for (unsigned i = 0; i < tn;) {
            const unsigned char *c = (const unsigned char *)table[i].name;
            unsigned j = i + 1;
            while (j < tn && !strncmp(table[j].name, (const char *)c, 3))
                j++;
            if (c[0] >= 0xE0 && c[0] <= 0xEF && c[1] && c[2]) {
                unsigned h = first_hash(c) & (FIRST_SLOTS - 1);
                while (first_index[pass][h].hi)
                    h = (h + 1) & (FIRST_SLOTS - 1);
                memcpy(first_index[pass][h].ch, c, 3);
                first_index[pass][h].lo = i, first_index[pass][h].hi = j;
            }
            i = j;
        }
    }
}

/* Sets [*lo, *hi) to the names that start with s's first character; returns 0 if s does not start
 * with a three-byte character (the caller then searches the whole table). */
static int first_range(int pass, const char *s, size_t n, unsigned *lo, unsigned *hi)
{
    const unsigned char *c = (const unsigned char *)s;
    if (n < 3 || c[0] < 0xE0 || c[0] > 0xEF)
        return 0;
    call_once(&first_once, build_first_index);
    for (unsigned h = first_hash(c) & (FIRST_SLOTS - 1); first_index[pass][h].hi; h = (h + 1) & (FIRST_SLOTS - 1))
        if (!memcmp(first_index[pass][h].ch, c, 3)) {
            *lo = first_index[pass][h].lo, *hi = first_index[pass][h].hi;
            return 1;
        }
    *lo = *hi = 0; /* no name starts with this character */
    return 1;
}

/* Division names are 2 to 12 characters; every prefix of s that long is looked up exactly, the
 * longest that names a division wins. The prefixes are taken shortest first, each narrowing the
 * sorted range of names that share it (a binary search within the last range), so a text that no
 * name starts with costs one search: no scan of the table. */
/* The former full name (region_former.c) that is the longest prefix of s, or NULL: a short table,
 * read through. */
static const gr_region *former_find(const char *s, size_t n, const char *hint, size_t hintlen)
{
    const gr_region *best = NULL;
    size_t best_len = 0, best_support = 0;
    for (unsigned i = 0; i < gr_nregion_formers; i++) {
        const gr_region *r = &gr_region_formers[i].region;
        size_t k = strlen(r->name);
        if (k > n || k < best_len || memcmp(s, r->name, k))
            continue;
        size_t sup = support(r, hint, hintlen);
        if (!best || k > best_len || sup > best_support)
            best = r, best_len = k, best_support = sup;
    }
    return best;
}

const gr_region *gr_region_find(const char *s, size_t n, const char *hint, size_t hintlen)
{
    for (int pass = 0; pass < 2; pass++) {
        /* a former full name (清苑县) before any name without its suffix (清苑 of 清苑区) */
        const gr_region *former = pass == 1 ? former_find(s, n, hint, hintlen) : NULL;
        if (former)
            return former;
        const gr_region_name *table = pass ? gr_region_short_names : gr_region_names;
        unsigned tn = pass ? gr_nregion_short_names : gr_nregion_names;
        size_t cuts[16], nc = 0; /* prefix lengths at character boundaries */
        for (size_t i = 1; i <= n && nc < 16; i++)
            if (i == n || ((unsigned char)s[i] & 0xC0) != 0x80)
                cuts[nc++] = i;
        unsigned lo = 0, hi = tn, hit_first = 0, hit_end = 0;
        first_range(pass, s, n, &lo, &hi);
        size_t hit = 0; /* the longest prefix that some name equals, and its range */
        for (size_t c = 0; c < nc; c++) {
            size_t k = cuts[c];
            if (k < 6) /* two characters at least */
                continue;
            lo += lower(table + lo, hi - lo, s, k);
            unsigned end = lo;
            while (end < hi && !strncmp(table[end].name, s, k))
                end++;
            hi = end;
            if (lo == hi)
                break;
            if (!table[lo].name[k]) /* the name equal to the prefix sorts first */
                hit = k, hit_first = lo, hit_end = hi;
        }
        if (hit) {
            size_t k = hit;
            unsigned first = hit_first, end = hit_end;
            const gr_region *best = NULL;
            size_t best_support = 0, exact = 0;
            for (unsigned i = first; i < end; i++) {
                if (table[i].name[k])
                    continue; /* longer than the prefix */
                const gr_region *r = &gr_regions[table[i].row];
                exact++;
                if (!best) {
                    best = r;
                    continue;
                }
                /* several divisions share the name: the one the text's other names support */
                if (exact == 2)
                    best_support = support(best, hint, hintlen);
                size_t sup = support(r, hint, hintlen);
                if (sup > best_support || (sup == best_support && r->level < best->level)) {
                    best = r; /* 北京市 the province, not a county of the same name */
                    best_support = sup;
                }
            }
            if (best)
                return best;
        }
    }
    return NULL;
}
