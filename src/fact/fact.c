/* fact.c - indicator facts: which thing each figure measures, whether it is a result or a target,
 * for which year, how exact.
 *
 * A small clause grammar over the numbers of a sentence (facts GUIDE, DOMAIN.md):
 *   clause  := [scope] metric [basis] [verb] number [unit] [approx]
 *   metric  is the text between the clause start (，；。：、 or the previous number) and the number,
 *           with scope words (全年, 全市, 累计, 其中) and completion or change verbs (完成, 实现,
 *           达到, 增长, 下降) peeled off both ends; empty -> the metric of the previous fact in the
 *           sentence (地区生产总值180.39亿元，同比增长0.6% -> both 地区生产总值);
 *           or, after a counting verb, the noun that follows the unit (建成3个产业园 -> 产业园).
 *   lists   := items 分别 verb n1、n2 …     items paired in order; shorthand expanded
 *              (存、贷款余额 -> 存款余额, 贷款余额; 城乡居民… -> 城镇居民…, 农村居民…)
 *            | item1、item2 … 均 [word] n   one fact per earlier metric (完成率均达100%)
 *            | 由/从 n1 [verb]到/至 n2      two levels of one metric
 * The kind comes from the verb and unit (增长 -> growth, % of a level -> share, 第N -> rank), the
 * role from the part of the report and the words around (预期目标, 力争, 控制在), the year from an
 * explicit year in the sentence or else the part's year.
 */
#define _GNU_SOURCE
#include "fact.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "../doc/region.h"
#include "../doc/scope.h"
#include "../num/num.h"
#include "../util/buf.h"
#include "../util/str.h"
#include "../util/utf8.h"
#include "clause.h"
#include "lexicon.h"
#include "when.h"

typedef gr_str str;

static int str_is(str s, const char *lit) { return s.n == strlen(lit) && !memcmp(s.p, lit, s.n); }

/* The word lists are data (data/fact_lexicon.tsv), read through the lexicon's one longest-match
 * automaton (lexicon.h): a rule names the tags it asks for (GR_LEX_COUNT, GR_LEX_LEAD…); each lookup
 * is one walk of the string's bytes. */
static int starts_any(str s, uint32_t tags) { return gr_lex_prefix(s, tags, NULL) != 0; }
static int ends_any(str s, uint32_t tags) { return gr_lex_suffix(s, tags, NULL) != 0; }

static int is_delim(const char *s, size_t i, size_t n, int allow_dun) { return gr_clause_delim(s, i, n, allow_dun); }


/* The byte after the UTF-8 character at b. */
static size_t next_char(str s, size_t b)
{
    b++;
    while (b < s.n && ((unsigned char)s.p[b] & 0xC0) == 0x80)
        b++;
    return b;
}

/* Back from `from` to just after the nearest delimiter (with 、 when allow_dun), but not before floor. */
static size_t clause_back(str s, size_t from, size_t floor, int allow_dun)
{
    while (from > floor) {
        size_t j = from - 1;
        while (j > floor && ((unsigned char)s.p[j] & 0xC0) == 0x80)
            j--;
        if (is_delim(s.p, j, s.n, allow_dun))
            break;
        from = j;
    }
    return from;
}


/* Where a comparison with a time ends m (比五年前, 比“十二五”末, 较上届, 比去年同期: 比 or 较, then at
 * most GR_TIME_BASE_CHARS characters ending in a word of time): the byte of its 比, or -1. */
enum { GR_TIME_BASE_CHARS = 8 }; /* 比“十二五”末, 比上年同期 */

static size_t time_base_at(str m)
{
    static const char *const ends[] = {"前", "末", "上年", "去年", "上届", "年初", "同期", "期初", NULL};
    int timed = 0;
    for (const char *const *e = ends; *e && !timed; e++)
        timed = gr_str_ends(m, *e);
    if (!timed)
        return (size_t)-1;
    for (size_t b = m.n; b >= 3; b--) {
        if (((unsigned char)m.p[b - 3] & 0xF0) != 0xE0)
            continue;
        if (!memcmp(m.p + b - 3, "比", 3) || !memcmp(m.p + b - 3, "较", 3)) {
            str rest = {m.p + b, m.n - b};
            size_t nc = gr_str_nchars(rest);
            return nc >= 2 && nc <= GR_TIME_BASE_CHARS && !memmem(rest.p, rest.n, "、", 3) ? b - 3 : (size_t)-1;
        }
        if (m.n - b > 3 * GR_TIME_BASE_CHARS)
            break;
    }
    return (size_t)-1;
}

/* Peels lead and tail words off m until nothing changes; also quotes and spaces at the ends. */
static str peel(str m, int *growth, int *negative, int *level)
{
    for (int changed = 1; changed && m.n;) {
        changed = 0;
        while (m.n && (m.p[0] == ' ' || m.p[0] == '-')) {
            m.p++, m.n--;
            changed = 1;
        }
        while (m.n && m.p[m.n - 1] == ' ') {
            m.n--;
            changed = 1;
        }
        /* a leading year or date: 2022年, 1-11月 */
        size_t i = 0;
        while (i < m.n && m.p[i] >= '0' && m.p[i] <= '9')
            i++;
        if (i && i + 3 <= m.n && (!memcmp(m.p + i, "年", 3) || !memcmp(m.p + i, "月", 3))) {
            m.p += i + 3, m.n -= i + 3;
            changed = 1;
            continue;
        }
        size_t lw = gr_lex_prefix(m, GR_LEX_LEAD, NULL); /* the longest lead word */
        /* 在校学生, 在建项目; 有效, 有色: a one-character lead word begins a compound: it stays */
        if (lw == 3 && gr_lex_prefix(m, GR_LEX_COMPOUND, NULL) > lw)
            lw = 0;
        if (lw) {
            m.p += lw, m.n -= lw;
            changed = 1;
        }
        /* a comparison base at the end: 比2010年, 较2020年 */
        if (m.n > 7 && gr_str_ends(m, "年")) {
            size_t e = m.n - 3, b = e;
            while (b > 0 && m.p[b - 1] >= '0' && m.p[b - 1] <= '9')
                b--;
            if (e - b == 4 && b >= 3 && (!memcmp(m.p + b - 3, "比", 3) || !memcmp(m.p + b - 3, "较", 3))) {
                m.n = b - 3;
                changed = 1;
                continue;
            }
        }
        /* a base in time at the end, or all there is: 比五年前, 比“十二五”末, 比上届, 较年初 */
        size_t bb = time_base_at(m);
        if (bb != (size_t)-1) {
            m.n = bb;
            changed = 1;
            continue;
        }
        uint32_t twt = 0; /* the longest tail word: 升至 before 至 */
        size_t twn = gr_lex_suffix(m, GR_LEX_TAIL, &twt);
        if (twn) {
            const char *tw = m.p + m.n - twn;
            if (twt & GR_LEX_GROWTH)
                *growth = 1;
            if (twt & GR_LEX_NEGATIVE)
                *negative = 1;
            size_t k = twn;
            /* a change verb ending in 到/至/为 reaches a level: 提高到, 降至 */
            if ((gr_str_ends((str){tw, k}, "到") || gr_str_ends((str){tw, k}, "至") || (gr_str_ends((str){tw, k}, "为") && k > 3)) &&
                !(k == 6 && !memcmp(tw, "达到", 6))) /* 增速达到11.1% is still a change */
                *level = 1; /* but a bare 为 after 增长…目标 keeps the change: 经济增长预期目标为7% */
            m.n -= k;
            changed = 1;
        }
    }
    /* unbalanced quotes at the ends */
    if (gr_str_starts(m, "”"))
        m.p += 3, m.n -= 3;
    if (gr_str_ends(m, "“"))
        m.n -= 3;
    return m;
}

/* ---- the fact set ---------------------------------------------------------------------------- */

static const char *intern(gr_facts *fs, const char *p, size_t n)
{
    if (fs->nstrings == fs->capstrings) {
        size_t c = fs->capstrings ? fs->capstrings * 2 : 64;
        char **q = realloc(fs->strings, c * sizeof *q);
        if (!q)
            return NULL;
        fs->strings = q;
        fs->capstrings = c;
    }
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    memcpy(s, p, n);
    s[n] = 0;
    fs->strings[fs->nstrings++] = s;
    return s;
}

static gr_fact *add(gr_facts *fs)
{
    if (fs->n == fs->cap) {
        size_t c = fs->cap ? fs->cap * 2 : 64;
        gr_fact *q = realloc(fs->v, c * sizeof *q);
        if (!q)
            return NULL;
        fs->v = q;
        fs->cap = c;
    }
    gr_fact *f = &fs->v[fs->n++];
    memset(f, 0, sizeof *f);
    return f;
}

/* ---- per sentence ---------------------------------------------------------------------------- */

struct ctx {
    const gr_doc *doc;
    gr_facts *fs;
    const char *text;
    int oom;
    /* what the next emitted fact records of how it was read (extract --explain) */
    const char *rule, *why_role, *why_year;
    size_t clause_start, clause_len; /* in the text */
};

/* How many characters str a and the bytes of b up to b_end end with in common. */
static size_t common_tail_chars(str a, const char *b, const char *b_end)
{
    size_t n = 0;
    const char *p = a.p + a.n, *q = b_end;
    while (p - 3 >= a.p && q - 3 >= b && ((unsigned char)p[-3] & 0xF0) == 0xE0 && !memcmp(p - 3, q - 3, 3))
        p -= 3, q -= 3, n++;
    return n;
}

/* For a list whose earlier items are heads with no measure of their own, each ending like a head
 * inside the last item past its first character (先进制造业和高技术制造业增加值: 制造业), the bytes of
 * the last item after that head when they name a measure (增加值); else 0. The head is where the
 * most characters match, the first of equals (“五个一工程”奖、群星奖获奖数量: 群星奖), never past 占;
 * a match of one character only where that character ends a head alone (出口、进口总额: 口; not
 * 医保、养老保险参保率). */
static size_t parallel_tail(const str *items, size_t k)
{
    str last = items[k - 1];
    size_t tail = 0;
    for (size_t i = 0; i + 1 < k; i++) {
        str it = items[i];
        if (gr_str_nchars(it) < 2 || it.n < 3 || ends_any(it, GR_LEX_MEASURE_FINAL) ||
            ((unsigned char)it.p[it.n - 3] & 0xF0) != 0xE0)
            return 0;
        const char *at = NULL;
        size_t best = 0;
        for (const char *q = last.p + 3; q + 3 <= last.p + last.n; q++) {
            if (!memcmp(q, "占", 3)) /* 增加值占规上工业比重: what follows 占 is the base, no head */
                break;
            if (((unsigned char)*q & 0xC0) == 0x80)
                continue;
            size_t m = common_tail_chars(it, last.p, q + 3);
            if (m > best)
                at = q, best = m;
        }
        if (!at || (best == 1 && !ends_any(it, GR_LEX_HEAD_FINAL)))
            return 0;
        const char *from = at + 3;
        if (from + 3 <= last.p + last.n && !memcmp(from, "”", 3)) /* 城市公园、“口袋公园”保有量 */
            from += 3;
        str ts = {from, (size_t)(last.p + last.n - from)};
        if (gr_str_nchars(ts) < 2 || !(ends_any(ts, GR_LEX_MEASURE_FINAL) || gr_str_ends(ts, "比重")) || (tail && tail != ts.n))
            return 0;
        tail = ts.n;
    }
    return tail;
}

/* 汽车及零部件、索具、石油物探装备三大主导产业, 地区生产总值、…、农民人均纯收入等六项主要经济指标:
 * a list named again by its count in Chinese numerals and a collective noun. Returns the list without
 * that collective (and its 等), the count in *count and the measure written after the collective in
 * *measure (三大主导产业年产值: 年产值); or the head unchanged and *count 0. */
static str drop_collective(str head, size_t *count, str *measure)
{
    *measure = (str){0};
    static const char numerals[] = "两二三四五六七八九十";
    static const char *const classifiers[] = {"大", "项", "个", "类", "种", NULL};
    *count = 0;
    if (!memmem(head.p, head.n, "、", 3))
        return head;
    for (size_t b = head.n >= 9 ? head.n - 9 : 0; b > 0 && b + 6 + 24 >= head.n; b--) { /* up to 8 characters after */
        if (((unsigned char)head.p[b] & 0xC0) == 0x80)
            continue;
        const char *nm = NULL;
        for (const char *q = numerals; *q; q += 3)
            if (!memcmp(head.p + b, q, 3))
                nm = q;
        if (!nm)
            continue;
        int cls = 0;
        for (const char *const *c = classifiers; *c; c++)
            cls |= !memcmp(head.p + b + 3, *c, 3);
        str rest = {head.p + b + 6, head.n - b - 6};
        size_t nr = gr_str_nchars(rest);
        if (!cls || nr < 1 || nr > 8 || memmem(rest.p, rest.n, "、", 3) || memmem(rest.p, rest.n, "和", 3))
            continue;
        size_t v = nm - numerals == 0 ? 2 : (size_t)(nm - numerals) / 3 + 1; /* 两 2, 二 2 … 十 10 */
        str list = {head.p, b};
        if (gr_str_ends(list, "等"))
            list.n -= 3;
        if (!memmem(list.p, list.n, "、", 3))
            return head;
        /* 三大主导产业年产值: the measure after the collective's head is every item's */
        for (const char *q = rest.p + rest.n - 3; q > rest.p; q -= 3) {
            str after = {q + 3, (size_t)(rest.p + rest.n - q - 3)};
            if (ends_any((str){q, 3}, GR_LEX_HEAD_FINAL) && gr_str_nchars(after) >= 2 && ends_any(after, GR_LEX_MEASURE_FINAL)) {
                *measure = after;
                break;
            }
        }
        *count = v;
        return list;
    }
    return head;
}

/* An item with the measure its list writes once (汽车及零部件 + 产值), in buf; the item as it is when
 * there is none or it ends so already. */
static str with_measure(str m, str measure, char *buf, size_t cap)
{
    if (!measure.n || (m.n >= measure.n && !memcmp(m.p + m.n - measure.n, measure.p, measure.n)) ||
        m.n + measure.n >= cap)
        return m;
    memcpy(buf, m.p, m.n);
    memcpy(buf + m.n, measure.p, measure.n);
    return (str){buf, m.n + measure.n};
}

/* Cuts a list at the separators seps (three-byte marks, NULL-ended) into at most 16 items, empty
 * ones skipped; returns how many. */
static size_t cut_at(str m, const char *const *seps, str *items)
{
    size_t k = 0, s = 0;
    for (size_t i = 0; i <= m.n && k < 16;) {
        int sep = 0;
        for (const char *const *e = seps; *e && !sep && i + 3 <= m.n; e++)
            sep = !memcmp(m.p + i, *e, 3) ? 3 : 0;
        if (i == m.n || sep) {
            if (i > s)
                items[k++] = (str){m.p + s, i - s};
            if (i == m.n)
                break;
            i += (size_t)sep;
            s = i;
            continue;
        }
        i++;
    }
    return k;
}

/* Cuts a list at 、 和 及 与 into at most 16 items; returns how many. */
static size_t cut_items(str m, str *items)
{
    static const char *const seps[] = {"、", "和", "及", "与", NULL};
    return cut_at(m, seps, items);
}

/* The n items of a list its count named, as written: split at 、, and at 和 or 与 too when 、 gives
 * too few, then at 及 (汽车及零部件、索具、石油物探装备三大: 及 inside an item; 索具、汽车零部件和
 * 石油物探装备三大: 和 between the last two). No shorthand is expanded: the count says each is whole. */
static size_t split_named(str m, size_t want, gr_buf *out, size_t *offs)
{
    static const char *const seps[][4] = {{"、", NULL}, {"、", "和", "与", NULL}, {"、", "和", "及", NULL}};
    for (size_t round = 0; round < 3; round++) {
        str items[16];
        if (cut_at(m, seps[round], items) != want)
            continue;
        out->len = 0;
        for (size_t i = 0; i < want; i++) {
            offs[i] = out->len;
            gr_buf_add(out, items[i].p, items[i].n);
            gr_buf_addc(out, 0);
        }
        return want;
    }
    return 0;
}

/* 二氧化硫、氮氧化物排放量, 粮食、油料、蔬菜产量: things listed with the measure written once, on the
 * last (a measure of the lexicon, the longest it ends with). Its bytes when every earlier item names
 * a thing with no measure of its own; else 0. */
static size_t shared_measure(const str *items, size_t k)
{
    str last = items[k - 1];
    /* (the longest that leaves more than one byte of a character before it) */
    size_t mw = last.n > 4 ? gr_lex_suffix((str){last.p + 4, last.n - 4}, GR_LEX_MEASURE, NULL) : 0;
    if (!mw)
        return 0;
    for (size_t i = 0; i + 1 < k; i++)
        if (gr_str_nchars(items[i]) < 2 || ends_any(items[i], GR_LEX_MEASURE_FINAL) || ends_any(items[i], GR_LEX_MEASURE))
            return 0;
    return mw;
}

/* The k (>= 2) items of list m as metrics in out, their shorthand expanded: the head or the
 * measure one item writes for all (城镇居民、农村居民人均可支配收入; 存、贷款余额; 先进制造业和高技术制造业
 * 增加值; 道路交通事故起数和伤亡人数). Returns k. */
static size_t expand_items(str m, const str *items, size_t k, gr_buf *out, size_t *offs)
{
    str last = items[k - 1], first = items[0];
    size_t nlast = gr_str_nchars(last), nfirst = gr_str_nchars(first);
    int dun = first.p + first.n + 3 <= m.p + m.n && !memcmp(first.p + first.n, "、", 3);
    /* parallel items with the measure written once at the end: 基本养老保险、基本医疗保险参保率
     * -> 基本养老保险参保率, 基本医疗保险参保率 (the items share their first characters) */
    size_t cut = 0, c = 0; /* bytes of the last item's first nfirst characters */
    while (cut < last.n && c < nfirst) {
        cut++;
        while (cut < last.n && ((unsigned char)last.p[cut] & 0xC0) == 0x80)
            cut++;
        c++;
    }
    /* (城镇居民、农村居民人均可支配收入: the cut of the last item ends like the first item) */
    if (k == 2 && nlast > nfirst + 1 && nfirst >= 2 && cut >= 3 && first.n >= 3 &&
        !memcmp(last.p + cut - 3, first.p + first.n - 3, 3)) {
        offs[0] = 0;
        gr_buf_add(out, first.p, first.n);
        gr_buf_add(out, last.p + cut, last.n - cut);
        gr_buf_addc(out, 0);
        offs[1] = out->len;
        gr_buf_add(out, last.p, last.n);
        gr_buf_addc(out, 0);
        return 2;
    }
    /* shorthand sharing the last item's tail: 城镇和农村居民人均可支配收入, 存、贷款余额,
     * 金融机构存、贷款余额 (one head character before 、 stands for a word of the tail) */
    /* …but not when the first item is a whole metric itself (林木覆盖率、湿地保护率) */
    static const char *const finals[] = {"率", "量", "额", "数", "值", "入", "出", "积", "度", "价",
                                         "费", "重", "模", "产", "资", "金", "口", "户", "收", "支",
                                         "比", "数", "平", "势", "长", "能", "效", NULL};
    int whole = 0;
    for (const char *const *fz = finals; *fz; fz++)
        if (gr_str_ends(first, *fz))
            whole = 1;
    /* one character standing for a word is a known pair: 存、贷款, 进、出口, 中、小学 */
    static const char *const pairs[] = {"存贷", "进出", "中小", "大中", "工商", "内外", "出入", "水电",
                                        "供需", "产销", "收支", "上下", "初高", "本专", NULL};
    int paired = 0;
    for (const char *const *pp = pairs; *pp && first.n >= 3 && last.n >= 3; pp++)
        if (!memcmp(first.p + first.n - 3, *pp, 3) && !memcmp(last.p, *pp + 3, 3))
            paired = 1;
    size_t own = nfirst <= 2 ? nfirst : (dun && k == 2 && nfirst <= 12 && !whole && paired) ? 1 : 0; /* 金融机构本外币存、贷款余额 */
    if (own && nlast >= own + 1 && nlast > nfirst - (nfirst > own ? nfirst - own : 0)) {
        size_t t = 0, c = 0; /* bytes of the last item's first `own` characters */
        while (t < last.n && c < own) {
            t++;
            while (t < last.n && ((unsigned char)last.p[t] & 0xC0) == 0x80)
                t++;
            c++;
        }
        size_t headb = first.n, c2 = 0; /* bytes of the first item before its own part */
        while (headb > 0 && c2 < own) {
            headb--;
            while (headb > 0 && ((unsigned char)first.p[headb] & 0xC0) == 0x80)
                headb--;
            c2++;
        }
        for (size_t i = 0; i < k; i++) {
            offs[i] = out->len;
            if (i)
                gr_buf_add(out, first.p, headb);
            gr_buf_add(out, items[i].p, items[i].n);
            if (i + 1 < k)
                gr_buf_add(out, last.p + t, last.n - t);
            gr_buf_addc(out, 0);
        }
        return k;
    }
    /* 道路交通事故起数和伤亡人数, 主要工业企业二氧化硫排放量与化学需氧量排放量: a long first item
     * lends its head to the others; the head ends with a word that names who or what is
     * measured (事故, 企业, 居民…), the last such word that leaves the item a part of its own */
    static const char *const heads[] = {"事故", "企业", "工业", "居民", "农民", "机构", "城市", "农村", "城镇",
                                        "行业", "产业", "地区", "人口", "单位", "家庭", "学校", "医院",
                                        "区域", "全省", "全市", "全县", NULL};
    size_t lend = 0;
    /* parallel heads with the measure written once at the end: 先进制造业和高技术制造业增加值占规模
     * 以上工业比重, 规上工业、服务业增加值: each earlier item takes what follows its head in the last */
    size_t ptail = parallel_tail(items, k);
    if (!ptail)
        ptail = shared_measure(items, k);
    int short_rest = 1; /* the others are short tails (伤亡人数), not metrics of their own */
    for (size_t i = 1; i < k; i++)
        if (gr_str_nchars(items[i]) > 4)
            short_rest = 0;
    if (nfirst >= nlast + 2 && nlast >= 2 && (k == 2 || short_rest)) {
        for (const char *const *hw = heads; *hw; hw++) {
            size_t hl = strlen(*hw);
            for (const char *q = first.p; q + hl <= first.p + first.n; q++)
                if (!memcmp(q, *hw, hl) && (size_t)(q + hl - first.p) > lend &&
                    gr_str_nchars((str){q + hl, (size_t)(first.p + first.n - q - hl)}) >= 2)
                    lend = (size_t)(q + hl - first.p);
        }
    }
    for (size_t i = 0; i < k; i++) {
        offs[i] = out->len;
        int own_head = 0; /* 城镇居民人均可支配收入和农村居民人均纯收入: the second names its own */
        for (const char *const *hw = heads; *hw && i && lend; hw++)
            own_head |= gr_str_has(items[i], *hw);
        if (i && lend && !own_head)
            gr_buf_add(out, first.p, lend);
        gr_buf_add(out, items[i].p, items[i].n);
        if (ptail && i + 1 < k)
            gr_buf_add(out, last.p + last.n - ptail, ptail);
        gr_buf_addc(out, 0);
    }
    return k;
}

/* 城乡居民人均可支配收入 read by two figures: one word that stands for two (城乡, 进出口, 存贷款)
 * gives each its metric. Returns 2, or 0. */
static size_t split_pair_word(str m, gr_buf *out, size_t *offs)
{
    static const char *const pairs[][3] = {{"城乡", "城镇", "农村"}, {"进出口", "进口", "出口"},
                                           {"存贷款", "存款", "贷款"}, {"中小学", "中学", "小学"},
                                           {"城镇和农村", "城镇", "农村"}, {NULL, NULL, NULL}};
    for (int p = 0; pairs[p][0]; p++) {
        const char *at = memmem(m.p, m.n, pairs[p][0], strlen(pairs[p][0]));
        if (!at)
            continue;
        size_t pre = (size_t)(at - m.p), kk = strlen(pairs[p][0]);
        for (int j = 0; j < 2; j++) {
            offs[j] = out->len;
            gr_buf_add(out, m.p, pre);
            gr_buf_adds(out, pairs[p][1 + j]);
            gr_buf_add(out, at + kk, m.n - pre - kk);
            gr_buf_addc(out, 0);
        }
        return 2;
    }
    return 0;
}

/* Splits a list of metrics (存、贷款余额 / 城镇和农村居民人均可支配收入 / A、B和C) into n items,
 * expanding shorthand. Returns how many it wrote (0 when it cannot make n). */
static size_t split_items_raw(str m, size_t want, gr_buf *out, size_t *offs)
{
    str items[16];
    size_t k = cut_items(m, items);
    out->len = 0;
    if (k == want && k >= 2)
        return expand_items(m, items, k, out, offs);
    return k == 1 && want == 2 ? split_pair_word(m, out, offs) : 0;
}

/* 第一、二、三产业增加值: the ordinal mark of the first item belongs to every item. */
static size_t split_items(str m, size_t want, gr_buf *out, size_t *offs)
{
    if (m.n > 6 && !memcmp(m.p, "第", 3) && !memmem(m.p, m.n, "、第", 6)) {
        gr_buf tmp = {0};
        size_t o2[16];
        size_t k = split_items_raw((str){m.p + 3, m.n - 3}, want, &tmp, o2);
        out->len = 0;
        for (size_t i = 0; i < k && !tmp.oom; i++) {
            offs[i] = out->len;
            gr_buf_add(out, "第", 3);
            gr_buf_adds(out, tmp.p + o2[i]);
            gr_buf_addc(out, 0);
        }
        if (tmp.oom)
            out->oom = 1;
        gr_buf_free(&tmp);
        return k;
    }
    return split_items_raw(m, want, out, offs);
}


/* A division's name (黄冈, 仙桃市): the thing counted then follows the number. */
static int is_place(str m)
{
    if (m.n < 6 || m.n > 30)
        return 0;
    const gr_region *r = gr_region_find(m.p, m.n, NULL, 0);
    if (!r)
        return 0;
    size_t k = strlen(r->name);
    /* the whole metric, as the full name or the name without its suffix */
    return k == m.n || (k > m.n && !memcmp(r->name, m.p, m.n) && k - m.n <= 9);
}

static int near_before(str s, size_t at, const char *w, size_t window) { return gr_when_near_before(s, at, w, window); }

/* The year a figure is about: the nearest year before it in the sentence, unless that year is a
 * comparison base (比2020年, 较2010年, 与2015年相比). */

static void emit(struct ctx *c, const gr_span *sp, const gr_para *para, const gr_num *x, str metric,
                 gr_kind kind, int negative, int target, int year, int period, const char *basis,
                 int estimate)
{
    gr_fact *f = add(c->fs);
    if (!f) {
        c->oom = 1;
        return;
    }
    char clean[512];
    size_t cn = 0;
    for (size_t i = 0; i < metric.n && cn < sizeof clean; i++) {
        /* 规模以上工业企业实现利润总额: 实现 inside the name is no part of it (完成投资 is: the statistic is named so) */
        if (i >= 6 && i + 12 <= metric.n && !memcmp(metric.p + i, "实现", 6)) {
            i += 5;
            continue;
        }
        /* a note marker is no part of the name: 地方生产总值[1]202亿元 (the number itself ends the
         * metric, which keeps only its "[") */
        if (metric.p[i] == '[') {
            size_t j = i + 1;
            while (j < metric.n && metric.p[j] >= '0' && metric.p[j] <= '9')
                j++;
            if (j == metric.n || (j > i + 1 && metric.p[j] == ']')) {
                i = j < metric.n ? j : metric.n - 1;
                continue;
            }
        }
        if (metric.p[i] == '\n') /* a line broken inside the name (the document joined the lines) */
            continue;
        if (!(metric.p[i] == ' ' && i && (unsigned char)metric.p[i - 1] >= 0x80 && i + 1 < metric.n &&
              (unsigned char)metric.p[i + 1] >= 0x80)) /* 经 济: spaces are layout */
            clean[cn++] = metric.p[i];
    }
    if (cn == sizeof clean) /* a name longer than the buffer: cut at a character, never inside one */
        cn = gr_utf8_whole(clean, cn);
    f->metric = intern(c->fs, clean, cn);
    if (!f->metric) {
        c->oom = 1;
        c->fs->n--;
        return;
    }
    f->kind = kind;
    f->value = x->value;
    f->high = x->high;
    f->has_high = x->has_high;
    f->unit = NULL;
    const char *u = x->unit;
    if (!strcmp(u, "番")) { /* 翻一番 -> 100 %, 翻两番 -> 300 % */
        f->value = x->base_value;
        u = "%";
    }
    if (kind == GR_KIND_RANK)
        u = "名";
    f->unit = intern(c->fs, u, strlen(u));
    f->base_value = x->base_value;
    f->base_unit = kind == GR_KIND_RANK ? f->unit : intern(c->fs, x->base_unit, strlen(x->base_unit));
    if (kind == GR_KIND_RANK)
        f->base_value = x->value;
    if (!f->unit || !f->base_unit) {
        c->oom = 1;
        return;
    }
    if (negative) {
        f->value = -f->value;
        f->base_value = -f->base_value;
        if (f->has_high)
            f->high = -f->high;
    }
    f->target = target;
    f->approx = x->approx;
    f->year = year;
    f->period_start = period;
    f->basis = basis;
    f->estimate = estimate;
    f->indicator = gr_indicator_lookup(f->metric);
    f->sentence = (size_t)(sp - gr_doc_sentence(c->doc, 0));
    f->num_start = sp->start + x->vstart;
    f->num_len = x->start + x->len - x->vstart;
    f->rule = c->rule;
    f->why_role = c->why_role;
    f->why_year = c->why_year;
    f->clause_start = c->clause_start;
    f->clause_len = c->clause_len;
    (void)para;
}

/* How many figures stand in a list from nums[i] (n1、n2和n3): LIST_LOOSE, those after 分别, are
 * joined by a gap of up to three characters that starts with 、 和 及 与 or a comma; LIST_BARE
 * figures (a list with no 分别) by one of 、 和 及 与 and nothing else. */
enum { LIST_LOOSE, LIST_BARE };
static size_t list_len(str s, const gr_num *nums, size_t n, size_t i, int how)
{
    size_t j = i;
    /* figures of one class: quantities, or ranks (分别居全国第3位、第2位) */
    int cls = nums[i].cls == GR_NUM_RANK ? GR_NUM_RANK : GR_NUM_QUANTITY;
    while (j + 1 < n && (int)nums[j + 1].cls == cls) {
        size_t gap = nums[j + 1].start - (nums[j].start + nums[j].len);
        str g = {s.p + nums[j].start + nums[j].len, gap};
        while (g.n && g.p[0] == ' ') /* 下降8.7% 和5.7% */
            g.p++, g.n--, gap--;
        int joiner = gr_str_starts(g, "、") || gr_str_starts(g, "和") || gr_str_starts(g, "及") || gr_str_starts(g, "与");
        /* a comma joins only figures of one unit (分别增长5%,6%): not 481家,比五年前 */
        int comma = (g.p[0] == ',' || gr_str_starts(g, "，")) && !strcmp(nums[j].unit, nums[j + 1].unit);
        if (how == LIST_BARE ? !(joiner && gap == 3) : gap > 9 || !(joiner || comma))
            break;
        j++;
    }
    return j - i + 1;
}

/* The name after a counted number at a (建成3个产业园区, 45个县(市、区)): up to a delimiter outside
 * parentheses, a verb of completion or the next number; an empty span when none follows. */
static str name_after(str s, size_t a)
{
    size_t b = a;
    int depth = 0; /* a list inside parentheses stays in the name */
    while (b < s.n && (depth > 0 || !is_delim(s.p, b, s.n, 1))) {
        str rest = {s.p + b, s.n - b};
        if (s.p[b] == '(')
            depth++;
        else if (s.p[b] == ')' && depth > 0)
            depth--;
        else if (depth > 0 && (s.p[b] == '\n' || gr_str_starts(rest, "。") || s.p[b] == ';'))
            break;
        if (starts_any(rest, GR_LEX_NAME_STOP) || (s.p[b] >= '0' && s.p[b] <= '9'))
            break;
        b = next_char(s, b);
    }
    return (str){s.p + a, b - a};
}

/* 投资3500万元的供水管网改造, 投资3.06亿元实施了管网改造, 、800万元的背街巷道: a sum spent on something
 * is named by what it was spent on (供水管网改造投资). Returns that name, kept with the facts since the
 * next figure of a list may inherit it, or metric as it was; sets c->oom when out of memory. */
static str spent_on(struct ctx *c, str s, const gr_num *x, str metric, str last_metric)
{
    int generic = str_is(metric, "投资") || str_is(metric, "总投资") || str_is(metric, "投入") ||
                  str_is(metric, "投入资金") || str_is(metric, "筹措") || str_is(metric, "筹措资金");
    int inherited = !metric.n && last_metric.n && gr_str_ends(last_metric, "投资");
    size_t ul = strlen(x->unit);
    if (!(generic || inherited) || ul < 3 || strcmp(x->unit + ul - 3, "元") || x->cls == GR_NUM_RANK)
        return metric;
    size_t a = x->start + x->len;
    str rest = {s.p + a, s.n - a};
    size_t skip = gr_lex_prefix(rest, GR_LEX_SPEND_LEAD, NULL); /* the longest lead: 实施了 before 实施 */
    if (!skip || !(generic || gr_str_starts(rest, "的")))
        return metric;
    size_t b = a + skip;
    while (b < s.n && !is_delim(s.p, b, s.n, 0) && !(s.p[b] >= '0' && s.p[b] <= '9')) {
        str r2 = {s.p + b, s.n - b};
        if (gr_str_starts(r2, "项目") || gr_str_starts(r2, "工程")) { /* 文体馆项目基本完工: the project is the thing */
            b += 6;
            break;
        }
        if (starts_any(r2, GR_LEX_SPEND_STOP))
            break;
        b = next_char(s, b);
    }
    str what = {s.p + a + skip, b - a - skip};
    if (gr_str_starts(what, "的"))
        what.p += 3, what.n -= 3;
    while (gr_str_ends(what, "、") || gr_str_ends(what, "和") || gr_str_ends(what, "及") || gr_str_ends(what, "等"))
        what.n -= 3;
    const char *word = str_is(metric, "筹措") || str_is(metric, "筹措资金") ? "资金" : "投资";
    if (str_is(metric, "总投资"))
        word = "总投资";
    /* 投资5642万元的日处理8万吨…: named after the number that follows */
    if (gr_str_starts(what, "日处理") || gr_str_starts(what, "年产") || gr_str_starts(what, "年处理") ||
        gr_str_starts(what, "日产"))
        return metric;
    char spent[256];
    size_t wn = strlen(word);
    if (gr_str_nchars(what) < 2 || what.n + wn >= sizeof spent || (unsigned char)what.p[0] < 0x80)
        return metric;
    memcpy(spent, what.p, what.n);
    memcpy(spent + what.n, word, wn);
    const char *kept = intern(c->fs, spent, what.n + wn);
    if (!kept) {
        c->oom = 1;
        return metric;
    }
    return (str){kept, what.n + wn};
}

/* ---- a sentence: its figures, clause by clause ----------------------------------------------- */

/* One sentence being read, and what the figures read so far left for the next one. */
struct sent {
    struct ctx *c;
    const gr_span *sp;
    const gr_para *para;
    const gr_meta *meta;
    str s;
    gr_num *nums;
    size_t n;
    unsigned span;      /* gr_scope_span_words of the sentence */
    str last_metric;    /* the metric of the last figure stated on its own: a bare 增长8% is its */
    size_t own_facts;   /* the sentence's facts before its first 均 expansion, or (size_t)-1 */
    size_t prev_end;    /* end of the last number of any kind (a year or an ordinal ends a clause) */
    size_t prev_qend;   /* end of the last figure */
    gr_buf items;       /* the items a list of metrics was split into */
    /* the metrics of the last list of levels a change starts from (分别从653元、300元…), which the
     * list of levels it reaches (…提高到676元、311元) takes in the same order */
    const char *from_list[16];
    size_t from_n;
    size_t structure_end; /* end of the last ratio of the three sectors read (the next may be where it went) */
    size_t bare_at;       /* 1 + the index of a number with no unit that is a figure all the same */
    char joined[256];     /* the figure's metric when made of two pieces of the sentence (一期 + 安置区) */
};

/* The figure nums[i] and what its clause says of it. */
struct fig {
    size_t i;
    const gr_num *x;
    const char *u;       /* its unit */
    int rank;
    size_t clause_start; /* where the words it is read with start */
    str before;          /* the clause before it */
    const char *fb;      /* 分别 in that clause, or NULL */
    int growth, negative, level, first_of_two;
    str metric, vb, tail; /* the metric; the words from the clause's start to the number; after the metric */
    int inherited;        /* no metric of its own: the last figure's */
    int all;              /* 均 spreads its value over several metrics */
    int all_listed;       /* 全部 (1) or 分别 before one figure (2) spreads it over the metrics listed before */
    str lv;               /* the words right before it, where that 均 stands */
    gr_kind kind;
};

/* A figure read: the next clause starts after it. */
static void done_with(struct sent *t, size_t last)
{
    t->prev_end = t->prev_qend = t->nums[last].start + t->nums[last].len;
}

static gr_when_in when_in(const struct sent *t, const struct fig *f)
{
    return (gr_when_in){t->s, t->nums, f->i, t->meta, t->para->scope, t->span, f->kind, f->level, f->first_of_two};
}

/* The q-th of the n figures of a list from nums[first], with the last figure's 左右, 以上 or 以内 when
 * it has none of its own (分别增长5%和7%左右: the whole list is about). */
static gr_num list_figure(const struct sent *t, size_t first, size_t q, size_t n)
{
    gr_num y = t->nums[first + q];
    if (y.approx == GR_APPROX_EXACT)
        y.approx = t->nums[first + n - 1].approx;
    return y;
}

/* Records how the next fact is read: its rule and clause, its role's and year's reasons. */
static void explain(struct sent *t, const char *rule, size_t clause_start, size_t end, const gr_when *w)
{
    struct ctx *c = t->c;
    c->rule = rule;
    c->why_role = w->why_role;
    c->why_year = w->why_year;
    c->clause_start = t->sp->start + clause_start;
    c->clause_len = end > clause_start ? end - clause_start : 0;
}

static void emit_when(struct sent *t, const gr_num *x, str metric, gr_kind kind, int negative, const gr_when *w)
{
    emit(t->c, t->sp, t->para, x, metric, kind, negative, w->target, w->year, w->period, w->basis, w->estimate);
}

/* 大唐700万吨露天煤矿、400万吨褐煤提质、5万千瓦风电…等项目, 3万吨扩建项目, 220千伏第三通道: a
 * capacity (吨, 千瓦, 千伏, 只, 辆) written right before a noun, in a clause that names a project or
 * facility (lexicon tag project) before its end or the next figure, is part of that name. 仓储能力达到
 * 7万吨, 新增装机1300万千瓦 (a capacity that ends its clause), 建设700万千瓦新型储能项目 (right after a
 * counting verb) are figures. */
static int capacity_in_name(str s, const gr_num *x)
{
    static const char *const units[] = {"吨", "千瓦", "兆瓦", "千伏", "只", "辆", NULL};
    int cap = 0;
    for (const char *const *u = units; *u && !cap; u++)
        cap = gr_str_ends((str){x->unit, strlen(x->unit)}, *u);
    size_t a = x->start + x->len;
    if (!cap || a + 3 > s.n || ((unsigned char)s.p[a] & 0xF0) != 0xE0 || is_delim(s.p, a, s.n, 1))
        return 0;
    str after = {s.p + a, s.n - a};
    if (starts_any(after, GR_LEX_VERBISH) || gr_str_starts(after, "级"))
        return 0;
    if (gr_str_ends((str){x->unit, strlen(x->unit)}, "千伏"))
        return 1; /* a voltage before a noun names a line's class */
    /* 布局建设700万千瓦新型储能项目, 建成…等540万千瓦煤电项目: a verb right before it counts the work */
    if (ends_any((str){s.p, x->start}, GR_LEX_COUNT))
        return 0;
    size_t e = a; /* to the clause's end or the next figure (74只母基金投资721个项目) */
    while (e < s.n && !is_delim(s.p, e, s.n, 0) && !(s.p[e] >= '0' && s.p[e] <= '9'))
        e++;
    return gr_lex_has((str){s.p + a, e - a}, GR_LEX_PROJECT);
}

/* Why the number x is no figure to read (rule names of the non-facts), or NULL. A rank is read
 * whatever its unit. */
static const char *no_figure(const struct sent *t, const gr_num *x)
{
    str s = t->s;
    const char *u = x->unit;
    int rank = x->cls == GR_NUM_RANK;
    /* no unit, a duration, a streak, a facility's capacity: no fact */
    int lifespan = near_before(s, x->start, "寿命", 15); /* 人均预期寿命达到79.2岁 is a figure */
    if (!rank) {
        if (!u[0] && t->bare_at != (size_t)(x - t->nums) + 1)
            return "no_unit";
        if (!strcmp(u, "年") || !strcmp(u, "个月") || (!strcmp(u, "岁") && !lifespan) || !strcmp(u, "周岁") ||
            !strcmp(u, "分") || !strcmp(u, "秒") || !strcmp(u, "级") || !strcmp(u, "周年"))
            return "duration";
        if (near_before(s, x->start, "连续", 9))
            return "streak";
        if (near_before(s, x->start, "年产", 6) || near_before(s, x->start, "日产", 6) ||
            near_before(s, x->start, "年处理", 9))
            return "capacity";
        if (capacity_in_name(s, x))
            return "capacity_name";
        if (near_before(s, x->start, "每", 3))
            return "per_unit";
        if (near_before(s, x->start, "第", 3))
            return "ordinal";
    }
    /* small counts written in Chinese numerals (两个市场, 八项规定, 三大工程) are slogans, not figures */
    if (!rank && x->vlen >= 3 && (unsigned char)s.p[x->vstart] >= 0x80 && x->value <= 10 && strcmp(u, "倍") &&
        strcmp(u, "番") && strcmp(u, "成") && strcmp(u, "%") && strcmp(u, "‰") && !strstr(u, "万") && !strstr(u, "亿"))
        return "slogan_count";
    /* counts of the speech's own structure: 把握好5个方面, 以下14个, 3项原则 */
    str after = {s.p + x->start + x->len, s.n - x->start - x->len};
    if (!rank && (gr_str_starts(after, "方面") || gr_str_starts(after, "原则") || gr_str_starts(after, "关系") ||
                  gr_str_starts(after, "着力点") || gr_str_starts(after, "重点任务") || gr_str_starts(after, "重点工作") ||
                  near_before(s, x->start, "以下", 6)))
        return "speech_structure";
    return NULL;
}

/* The clause a figure is read with: back to the last number or a delimiter; a 分别 further back
 * (the metrics stand before 分别, back to a hard delimiter) widens it. */
static void clause_of(const struct sent *t, struct fig *f)
{
    str s = t->s;
    size_t cs = clause_back(s, f->x->start, t->prev_end, 1);
    f->clause_start = cs;
    f->before = (str){s.p + cs, f->x->start - cs};
    f->fb = memmem(f->before.p, f->before.n, "分别", 6);
    if (t->prev_qend < f->x->start) {
        size_t h = clause_back(s, f->x->start, 0, 0);
        str wide = {s.p + h, f->x->start - h};
        const char *fb2 = memmem(wide.p, wide.n, "分别", 6);
        if (h < t->prev_qend) {
            wide.p = s.p + t->prev_qend;
            wide.n = f->x->start - t->prev_qend;
            h = t->prev_qend;
            fb2 = memmem(wide.p, wide.n, "分别", 6);
        }
        if (fb2 && (!f->fb || fb2 < f->fb || wide.n > f->before.n)) {
            f->before = wide;
            f->fb = fb2;
            f->clause_start = h;
        }
    }
}

/* 城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%: without 分别, a list of changes
 * after a list of as many metrics pairs them in order all the same. How many figures such a list
 * holds, or 0. */
static size_t paired_list(struct sent *t, const struct fig *f)
{
    if (f->fb || f->rank)
        return 0;
    size_t ln = list_len(t->s, t->nums, t->n, f->i, LIST_BARE);
    if (ln < 2 || ln > 16)
        return 0;
    str vb0 = {t->s.p + f->clause_start, f->x->start - f->clause_start};
    int g = 0, ng = 0, l = 0;
    str h = peel(vb0, &g, &ng, &l);
    size_t offs[16];
    return g && h.n && split_items(h, ln, &t->items, offs) == ln && !t->items.oom ? ln : 0;
}

/* 养老金、低保标准、补贴和工资再次提高，月人均分别提高221元、90元…: the list stands in the clause
 * before. Splits it into listn items (offs), or returns 0. */
static size_t list_in_clause_before(struct sent *t, const struct fig *f, size_t listn, size_t *offs)
{
    str s = t->s;
    size_t pe = f->clause_start;
    while (pe > 0 && is_delim(s.p, pe - 1, s.n, 0))
        pe--;
    while (pe > 0 && ((unsigned char)s.p[pe - 1] & 0xC0) == 0x80 && is_delim(s.p, pe - 3, s.n, 0))
        pe -= 3;
    size_t ps = pe;
    while (ps > t->prev_qend && !(ps >= 1 && is_delim(s.p, ps - 1, s.n, 0)) && !(ps >= 3 && is_delim(s.p, ps - 3, s.n, 0) == 3))
        ps--;
    if (pe <= ps)
        return 0;
    int g = 0, ng = 0, l = 0;
    str prevc = peel((str){s.p + ps, pe - ps}, &g, &ng, &l);
    return split_items(prevc, listn, &t->items, offs);
}

/* Does a level follow nums[last], reached by a verb of 到, 至, 为 or 居 (由A增加到B, 从A降至B, 由A转为B:
 * B; a rank too, 从第13位升至第9位, 从第8位跃居第1位), within
 * GR_TO_LEVEL_CHARS? Then the figures up to nums[last] are where a change starts. */
enum { GR_TO_LEVEL_CHARS = 15 }; /* 提高到每人每年, 分别增加到: the verb and the unit words before B */

static int level_follows(const struct sent *t, size_t last)
{
    size_t a = t->nums[last].start + t->nums[last].len;
    for (size_t j = last + 1; j < t->n; j++) {
        if (t->nums[j].cls != GR_NUM_QUANTITY && t->nums[j].cls != GR_NUM_RANK)
            continue;
        str gap = {t->s.p + a, t->nums[j].start - a};
        /* 由160元和55元分别提高到253元和150元: over the rest of a list of starting levels */
        if (str_is(gap, "和") || str_is(gap, "、") || str_is(gap, "及") || str_is(gap, "与") || str_is(gap, ",")) {
            a = t->nums[j].start + t->nums[j].len;
            continue;
        }
        return gap.n <= GR_TO_LEVEL_CHARS * 3 &&
               (gr_str_has(gap, "到") || gr_str_has(gap, "至") || gr_str_has(gap, "为") || /* 由…转为… */
                gr_str_has(gap, "居")); /* 从第8位跃居第1位 */
    }
    return 0;
}

/* Rule "respectively" (存、贷款余额分别增长6.6%、7.5%) and "paired" (the same without 分别): the listed
 * metrics take the listed figures in order. Returns how many figures it read (the caller moves past
 * them); else sets f->metric to the list's head and returns 0. */
static size_t read_list(struct sent *t, struct fig *f, size_t implicit)
{
    str s = t->s;
    size_t listn = f->fb ? list_len(s, t->nums, t->n, f->i, LIST_LOOSE) : implicit;
    str head = {f->before.p, (size_t)((f->fb ? f->fb : f->before.p + f->before.n) - f->before.p)};
    str verbs = f->fb ? (str){f->fb + 6, (size_t)(f->before.p + f->before.n - f->fb - 6)} : (str){f->before.p + f->before.n, 0};
    int lvl = 0;
    str measure = peel(verbs, &f->growth, &f->negative, &lvl);
    /* 分别实现产值500亿元、300亿元: a measure after 分别 and its verb is each item's */
    if (!(gr_str_nchars(measure) >= 2 && gr_str_nchars(measure) <= 4 && ends_any(measure, GR_LEX_MEASURE_FINAL)))
        measure = (str){0};
    if (gr_lex_has(verbs, GR_LEX_GROWTH)) /* verbs after 分别 ("分别增长") */
        f->growth = 1;
    if (gr_lex_has(verbs, GR_LEX_NEGATIVE))
        f->negative = 1;
    int g2 = 0, n2 = 0, l2 = 0;
    str raw = head;
    head = peel(head, &g2, &n2, &l2);
    size_t offs[16];
    size_t k = 0, named = 0;
    str cmeasure;
    str listed = drop_collective(head, &named, &cmeasure); /* …石油物探装备三大主导产业分别…: the count names the list */
    if (named == listn) {
        head = listed;
        if (!measure.n)
            measure = cmeasure;
    } else {
        named = 0;
    }
    /* 城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内: items written out in full keep their own
     * words (涨幅 is the CPI's, not the unemployment rate's); a shared tail (城镇和农村居民收入增幅分别…)
     * is every item's */
    if (listn > 1 && listn <= 16 && memmem(raw.p, raw.n, "、", 3) && g2 && !named) {
        /* the head with its lead words peeled but its tail kept: each item peels its own */
        str lead_peeled = {head.p, (size_t)(raw.p + raw.n - head.p)};
        k = split_items(lead_peeled, listn, &t->items, offs);
        /* only when the last item with its tail is a measure's name (居民消费价格涨幅), so the tail is
         * its own; 园区规模工业增加值、税收增速 share theirs */
        if (k == listn && !t->items.oom && gr_indicator_lookup(t->items.p + offs[k - 1]))
            g2 = n2 = 0; /* each item's own, by its own peel below */
        else
            k = 0;
    }
    f->growth |= g2;
    f->negative |= n2;
    if (k != listn)
        k = named ? split_named(head, listn, &t->items, offs) /* each whole: 汽车及零部件、索具…三大 */
          : listn > 1 && listn <= 16 ? split_items(head, listn, &t->items, offs) : 0;
    if (k != listn && listn > 1 && listn <= 16 && f->clause_start > 0)
        k = list_in_clause_before(t, f, listn, offs);
    if (k != listn || t->items.oom) {
        f->metric = head;
        return 0;
    }
    gr_when w;
    /* 分别从653元、300元提高到676元、311元: a list of the levels a change starts from */
    f->first_of_two = (memmem(verbs.p, verbs.n, "从", 3) || memmem(verbs.p, verbs.n, "由", 3)) &&
                      level_follows(t, f->i + listn - 1);
    gr_when_in in = when_in(t, f);
    gr_when_of_list(&in, f->clause_start, f->before, &w);
    explain(t, f->fb ? "respectively" : "paired", f->clause_start, f->x->start, &w);
    t->from_n = 0;
    for (size_t q = 0; q < listn; q++) {
        gr_num yv = list_figure(t, f->i, q, listn);
        str m = {t->items.p + offs[q], strlen(t->items.p + offs[q])};
        int gg = f->growth, nn = f->negative, ll = lvl; /* 分别增加到112家: levels reached, not changes */
        m = peel(m, &gg, &nn, &ll);
        char mb[256];
        m = with_measure(m, measure, mb, sizeof mb);
        gr_kind kind = f->rank ? GR_KIND_RANK : gg && !ll ? GR_KIND_GROWTH
                     : (!strcmp(yv.unit, "%") || !strcmp(yv.unit, "‰")) ? GR_KIND_SHARE : GR_KIND_AMOUNT;
        size_t before_emit = t->c->fs->n;
        emit_when(t, &yv, m, kind, kind == GR_KIND_GROWTH && nn, &w);
        if (f->first_of_two && t->c->fs->n > before_emit)
            t->from_list[t->from_n++] = t->c->fs->v[t->c->fs->n - 1].metric;
    }
    if (t->from_n != listn)
        t->from_n = 0;
    t->last_metric = (str){0};
    done_with(t, f->i + listn - 1);
    return listn;
}

/* Rule "parallel_to": 分别从653元、300元提高到676元、311元: the list of levels reached takes the
 * metrics of the list of levels it starts from, in order. Returns how many figures it read. */
static size_t parallel_to(struct sent *t, struct fig *f)
{
    size_t n = t->from_n;
    if (!n || f->metric.n || list_len(t->s, t->nums, t->n, f->i, LIST_LOOSE) != n)
        return 0;
    t->from_n = 0;
    f->level = 1;
    f->kind = f->rank ? GR_KIND_RANK : GR_KIND_AMOUNT;
    gr_when w;
    gr_when_in in = when_in(t, f);
    gr_when_of_list(&in, f->clause_start, f->before, &w);
    explain(t, "parallel_to", f->clause_start, f->x->start, &w);
    for (size_t q = 0; q < n && !t->c->oom; q++) {
        gr_num yv = list_figure(t, f->i, q, n);
        emit_when(t, &yv, (str){t->from_list[q], strlen(t->from_list[q])}, f->kind, 0, &w);
    }
    t->last_metric = (str){0};
    done_with(t, f->i + n - 1);
    return n;
}

/* 由A增加到B, 从A降至B: the metric stands before 由/从, and A is the first of two levels. */
static void read_from_to(const struct sent *t, struct fig *f)
{
    str s = t->s;
    const char *from = NULL;
    size_t hs = clause_back(s, f->x->start, t->prev_qend, 1); /* back to a delimiter or the last figure, across years */
    for (const char *q = s.p + hs; q + 3 <= s.p + f->x->start; q++)
        if ((!memcmp(q, "由", 3) || !memcmp(q, "从", 3)) && /* not 从业人员, 从事, 自由, 由于 */
            !(q + 6 <= s.p + f->x->start && (!memcmp(q + 3, "业", 3) || !memcmp(q + 3, "事", 3) || !memcmp(q + 3, "于", 3))) &&
            !(q >= s.p + 3 && (!memcmp(q - 3, "自", 3) || !memcmp(q - 3, "理", 3) || !memcmp(q - 3, "缘", 3))))
            from = q;
    if (from && from > s.p + hs) {
        f->before = (str){s.p + hs, (size_t)(from - (s.p + hs))};
        f->clause_start = hs;
    }
    f->metric = peel(f->before, &f->growth, &f->negative, &f->level);
    if (from && f->before.p == s.p + f->clause_start && from > f->before.p && level_follows(t, f->i)) {
        f->growth = f->negative = f->level = 0; /* the first of two levels */
        f->first_of_two = 1;
    }
}

/* The words between the metric and the number say whether it is a change (增加值 is no verb: only
 * what follows the metric counts), a level reached (提高到, 降至) or a multiple of the metric before. */
static void read_verbs(const struct sent *t, struct fig *f)
{
    str s = t->s;
    f->vb = (str){s.p + f->clause_start, f->x->start - f->clause_start};
    str vb = f->vb;
    const char *tail_from = f->metric.n && f->metric.p >= vb.p && f->metric.p + f->metric.n <= vb.p + vb.n
                                ? f->metric.p + f->metric.n : vb.p;
    f->tail = (str){tail_from, (size_t)(vb.p + vb.n - tail_from)};
    if (!f->growth && gr_lex_has(f->tail, GR_LEX_GROWTH))
        f->growth = 1;
    if (f->growth && !f->negative && gr_lex_has(f->tail, GR_LEX_NEGATIVE))
        f->negative = 1;
    if ((gr_str_ends(vb, "到") && !gr_str_ends(vb, "达到")) || gr_str_ends(vb, "至"))
        f->level = 1; /* 提高到, 降至; but 增速达到 is still a change */
    /* 是“十一五”时期的2.7倍: a multiple of the metric before it */
    if (!strcmp(f->u, "倍") && t->last_metric.n && (gr_str_starts(f->before, "是") || gr_str_has(f->before, "的")) &&
        !f->growth)
        f->metric = t->last_metric;
}

/* Is m made of counting and object verbs only, with an adverb before them (开工建设, 谋划实施, 又解决,
 * 及时转移)? Then it names no thing. */
static int verbs_only(str m)
{
    int verb = 0;
    while (m.n) {
        uint32_t tags = 0;
        size_t best = gr_lex_prefix(m, GR_LEX_COUNT | GR_LEX_OBJECT | GR_LEX_PRE_VERB, &tags);
        if (!best)
            return 0;
        verb |= (tags & (GR_LEX_COUNT | GR_LEX_OBJECT)) != 0;
        m.p += best, m.n -= best;
    }
    return verb;
}

/* Rule "noun_after": a counting verb and nothing else, a place, or a classifier bound to the noun
 * after it (推进30件民生实事, 覆盖12个县): the thing counted follows the unit. Returns 1 when it named it. */
static int noun_after_number(struct sent *t, struct fig *f)
{
    str s = t->s, vb = f->vb, metric = f->metric;
    int place = gr_str_ends(metric, "镇") || gr_str_ends(metric, "乡") || gr_str_ends(metric, "村") ||
                gr_str_ends(metric, "街道") || gr_str_ends(metric, "县") || gr_str_ends(metric, "区") ||
                gr_str_ends(vb, "等") || is_place(metric);
    int classifier = gr_num_unit_is_classifier(f->u) && metric.n;
    /* 一期11个安置区: a phase alone before a count is the counted things' (一期安置区) */
    int phase = classifier && gr_lex_prefix(metric, GR_LEX_PHASE, NULL) == metric.n;
    place |= phase;
    /* 布局建设300万千瓦新型储能项目, 又解决6434万农村人口饮水安全问题: nothing but verbs before it */
    int verbs = !f->rank && verbs_only(metric);
    if (f->rank || !(gr_str_nchars(metric) <= 2 || place || classifier || verbs))
        return 0;
    str vbt = vb; /* 完成今年66个: the time word between verb and number is skipped */
    if (gr_str_ends(vbt, "今年") || gr_str_ends(vbt, "全年") || gr_str_ends(vbt, "年内") || gr_str_ends(vbt, "当年"))
        vbt.n -= 6;
    int counted = ends_any(vb, GR_LEX_COUNT) || ends_any(vbt, GR_LEX_COUNT);
    /* a classifier binds to the noun after it (推进30件民生实事, 抓好省委确定的14项改革, 学区和822所高中):
     * the thing counted follows when what stands before is a verb (覆盖12个县; 纳入省级6项重点工程,
     * where the words before are a verb phrase, not a subject), a 的 or a conjunction */
    int bound = classifier &&
                (counted || ends_any(vb, GR_LEX_OBJECT) || ends_any(vbt, GR_LEX_OBJECT) ||
                 (starts_any(metric, GR_LEX_COUNT) && !gr_str_starts(metric, "等")) || starts_any(metric, GR_LEX_OBJECT) ||
                 gr_str_ends(metric, "的") || gr_str_ends(metric, "和") || gr_str_ends(metric, "及") ||
                 gr_str_ends(metric, "与") || gr_str_ends(vb, "的") || gr_str_ends(vb, "和"));
    size_t a = f->x->start + f->x->len;
    str after = name_after(s, a);
    size_t b = a + after.n;
    /* 突破百亿大关, 迈上新台阶: a milestone names no thing; the clause's subject stays the one before */
    if (!((gr_str_nchars(metric) <= 2 || place || bound || verbs) && (counted || !metric.n || place || bound || verbs) &&
          gr_str_nchars(after) >= 2 && !starts_any(after, GR_LEX_VERBISH) && !starts_any(after, GR_LEX_MILESTONE) &&
          (unsigned char)s.p[a] >= 0x80))
        return 0;
    if (gr_str_starts(after, "的"))
        after.p += 3, after.n -= 3;
    /* 重大工程的285个…, 国家和地区近4000名…: the words that link to the next figure are not the name */
    while (b < s.n && s.p[b] >= '0' && s.p[b] <= '9' && after.n > 6 && ends_any(after, GR_LEX_LINK))
        after.n -= 3;
    /* 建成并投入使用, 免费开展, 全面开展: adverbs of the verb cut off after the name */
    for (int again = 1; again && after.n > 6;) {
        again = 0;
        size_t aw = gr_lex_suffix((str){after.p + 4, after.n - 4}, GR_LEX_ADVERB, NULL);
        if (aw) {
            after.n -= aw;
            again = 1;
        }
    }
    if (phase && metric.n + after.n < sizeof t->joined) {
        memcpy(t->joined, metric.p, metric.n);
        memcpy(t->joined + metric.n, after.p, after.n);
        after = (str){t->joined, metric.n + after.n};
    }
    f->metric = after;
    return 1;
}

/* 粮食总产量再上新台阶, 突破1600亿斤大关: the topic before its milestone. */
static str before_milestone(str topic)
{
    if (gr_str_ends(topic, "台阶"))
        for (const char *const *m = (const char *const[]){"再上", "迈上", "跃上", "登上", "站上", NULL}; *m; m++) {
            const char *at = memmem(topic.p, topic.n, *m, strlen(*m));
            if (at && at > topic.p) {
                topic.n = (size_t)(at - topic.p);
                break;
            }
        }
    return topic;
}

/* A figure with no metric of its own and none inherited: the subject at the head of its clause,
 * back across milestones and years (地区生产总值连续迈上4个万亿元台阶、达14.2万亿元); or the topic
 * named alone before the sentence's first comma, when no figure came before and it ends like a
 * measure (城镇居民家庭人均可支配收入,由1997年的5160元增加到…). */
static str head_subject(const struct sent *t, const struct fig *f)
{
    str s = t->s, metric = {0};
    size_t hs = clause_back(s, f->x->start, t->prev_qend, 0);
    size_t he = hs;
    for (size_t q = 0; q < f->i; q++)
        if (t->nums[q].start >= hs) {
            he = t->nums[q].start;
            break;
        }
    if (he > hs) {
        int g = 0, ng = 0, l = 0;
        str head = {s.p + hs, he - hs};
        /* 国内生产总值和城乡居民人均收入比2010年翻一番: the comparison's 比 before its base year is no
         * part of the subject (a metric that ends in 比 before a figure, 城乡居民收入比2.5, keeps it) */
        for (size_t q = 0; q < f->i; q++)
            if (t->nums[q].start == he && t->nums[q].cls == GR_NUM_YEAR && head.n > 3 &&
                (gr_str_ends(head, "比") || gr_str_ends(head, "较")))
                head.n -= 3; /* (a bare 比 stays: the changes that pair with the sentence's amounts need a subject) */
        metric = peel(head, &g, &ng, &l);
    }
    if (!metric.n && hs > 0 && s.p[hs - 1] == ',' && (f->i == 0 || t->nums[0].start >= hs) && clause_back(s, hs - 1, 0, 0) == 0) {
        int g = 0, ng = 0, l = 0;
        str topic = before_milestone(peel((str){s.p, hs - 1}, &g, &ng, &l));
        size_t nc = gr_str_nchars(topic);
        if (nc >= 4 && nc <= 20 && ends_any(topic, GR_LEX_MEASURE_FINAL) && !memchr(topic.p, '(', topic.n)) {
            int digit = 0;
            for (size_t q = 0; q < topic.n; q++)
                digit |= topic.p[q] >= '0' && topic.p[q] <= '9';
            if (!digit)
                metric = topic;
        }
    }
    return metric;
}

/* The figure's subject once its own words are read: what money was spent on, the last figure's
 * metric when it names none, the clause's head, and for a rank the metric before it. Returns 0
 * when it has none (no fact), -1 out of memory. */
static int find_subject(struct sent *t, struct fig *f, const char **rule)
{
    f->metric = spent_on(t->c, t->s, f->x, f->metric, t->last_metric);
    if (t->c->oom)
        return -1;
    f->inherited = !f->metric.n || gr_str_nchars(f->metric) < 2;
    if (f->inherited) {
        f->metric = t->last_metric;
        *rule = "inherited";
    }
    if (!f->metric.n) {
        f->metric = head_subject(t, f);
        *rule = "clause_head";
    }
    int of_previous = 0;
    /* 排名清远第一, 居全国第5位: the rank of the metric before it */
    if (f->rank && t->last_metric.n &&
        (gr_str_starts(f->metric, "排名") || gr_str_starts(f->metric, "居") || gr_str_starts(f->metric, "位居") ||
         gr_str_starts(f->metric, "位列") || gr_str_starts(f->metric, "名列"))) {
        f->metric = t->last_metric;
        *rule = "rank_of_previous";
        of_previous = 1;
    }
    /* 增速全国第3, 吞吐量保持世界第三, 口岸贸易总额继续保持全球城市首位: the ranking's scope and the
     * verb that holds the place are no part of the metric; nothing left, the clause's head is it
     * (上海港集装箱吞吐量连续11年蝉联世界第一) */
    if (f->rank && !of_previous) {
        static const char *const scopes[] = {"全球城市", "全球", "世界", "亚洲", "全国", "全省", "全市", "全区", "全县", NULL};
        for (const char *const *sc = scopes; *sc; sc++)
            if (gr_str_ends(f->metric, *sc) && f->metric.n > strlen(*sc)) {
                f->metric.n -= strlen(*sc);
                int g = 0, ng = 0, l = 0;
                str pm = peel(f->metric, &g, &ng, &l); /* 规模跃居全国 -> 规模; 增速全国 keeps 增速 */
                if (pm.n)
                    f->metric = pm;
                else if ((pm = head_subject(t, f)).n)
                    f->metric = pm, *rule = "clause_head";
                break;
            }
    }
    return f->metric.n != 0;
}

/* 均 that spreads one value over several metrics (not 人均, 年均, 平均, 均衡…), and the kind. */
static void kind_of(const struct sent *t, struct fig *f)
{
    str s = t->s;
    const char *u = f->u;
    size_t lw = f->x->start - f->clause_start < 24 ? f->x->start - f->clause_start : 24;
    f->lv = (str){s.p + f->x->start - lw, lw};
    f->all = 0;
    /* (a 均 inside a compound, 人均, 年均, 均衡, spreads nothing) */
    for (const char *q = f->lv.p; q + 3 <= f->lv.p + f->lv.n; q++)
        if (!memcmp(q, "均", 3) &&
            !(q >= s.p + 3 && gr_lex_prefix((str){q - 3, (size_t)(s.p + s.n - (q - 3))}, GR_LEX_COMPOUND, NULL) >= 6) &&
            !gr_lex_prefix((str){q, (size_t)(s.p + s.n - q)}, GR_LEX_COMPOUND, NULL))
            f->all = 1;
    /* 等六项主要经济指标全部位列全市第一: 全部 spreads a value over a list, as 均 does (only over a list) */
    f->all_listed = !f->all && memmem(f->lv.p, f->lv.n, "全部", 6) != NULL;
    /* 化学需氧量、氨氮排放量分别下降2%: 分别 before one figure gives it to each metric listed */
    if (!f->all && f->fb && list_len(s, t->nums, t->n, f->i, LIST_LOOSE) == 1)
        f->all_listed = 2;
    gr_kind kind = f->rank ? GR_KIND_RANK
                 : f->growth && !f->level ? GR_KIND_GROWTH
                 : (!strcmp(u, "%") || !strcmp(u, "‰") || !strcmp(u, "倍") || !strcmp(u, "成") || !strcmp(u, ":1") ||
                    !strcmp(u, "∶1")) ? GR_KIND_SHARE
                 : GR_KIND_AMOUNT;
    /* 提升/改造 a number of mu or units is work done, not a change of a level: a change is a rate,
     * points, a multiple, or an amount of money or people (比上年增加13480元) */
    if (kind == GR_KIND_GROWTH && strcmp(u, "%") && strcmp(u, "‰") && strcmp(u, "倍") && !strstr(u, "元") &&
        !strstr(u, "人") && !strstr(u, "户") && !strstr(u, "斤") && !strstr(u, "吨") && !strstr(u, "个百分点") &&
        !strstr(u, "百分点") && strcmp(u, "番") &&
        (gr_str_has(f->tail, "提升") || gr_str_has(f->tail, "提高") || gr_str_has(f->tail, "扩大") || gr_str_has(f->tail, "优化")))
        kind = GR_KIND_AMOUNT;
    if (!strcmp(u, "个百分点") || !strcmp(u, "百分点") || !strcmp(u, "番"))
        kind = GR_KIND_GROWTH;
    f->kind = kind;
}

/* Rule "shared": 城镇…、农村…均增长8%: one value for each metric listed before 均 in its clause.
 * Returns 1 when it read them. */
static int emit_shared(struct sent *t, const struct fig *f, const gr_when *w)
{
    str s = t->s;
    const char *jun = NULL;
    size_t hb = f->x->start;
    while (hb > t->prev_qend && !is_delim(s.p, hb - 1, s.n, 0))
        hb--;
    for (const char *q = s.p + hb; q + 3 <= s.p + f->x->start; q++)
        if (!memcmp(q, "均", 3) || (f->all_listed && q + 6 <= s.p + f->x->start &&
                                     (!memcmp(q, "全部", 6) || (f->all_listed == 2 && !memcmp(q, "分别", 6)))))
            jun = q;
    size_t nitems = 1, named = 0;
    str head = {s.p + hb, jun ? (size_t)(jun - (s.p + hb)) : 0};
    int g = 0, ng = 0, l = 0;
    str cmeasure;
    head = drop_collective(peel(head, &g, &ng, &l), &named, &cmeasure); /* …等六项主要经济指标全部… */
    for (const char *q = head.p; q + 3 <= head.p + head.n; q++)
        if (!memcmp(q, "、", 3) || !memcmp(q, "和", 3))
            nitems++;
    if (named >= 2 && named <= 16)
        nitems = named; /* the count the list is named by */
    size_t offs[16];
    size_t k = named == nitems ? split_named(head, nitems, &t->items, offs)
             : nitems >= 2 && nitems <= 16 ? split_items(head, nitems, &t->items, offs) : 0;
    if (nitems < 2 || nitems > 16 || k != nitems || t->items.oom)
        return 0;
    explain(t, "shared", hb, f->x->start, w);
    for (size_t q = 0; q < nitems && !t->c->oom; q++) {
        str m = {t->items.p + offs[q], strlen(t->items.p + offs[q])};
        int g6 = 0, n6 = 0, l6 = 0;
        char mb[256];
        m = with_measure(peel(m, &g6, &n6, &l6), cmeasure, mb, sizeof mb);
        emit_when(t, f->x, m, f->kind, f->negative, w);
    }
    return 1;
}

/* Rule "shared_measure": 完成率均达100%: the word before 均 names what is measured of each metric
 * the sentence stated before (only those before any 均: a second 均 must not expand the first
 * one's expansions, which would double the sentence's facts for each of them). */
static void emit_shared_measure(struct sent *t, const struct fig *f, const gr_when *w)
{
    struct ctx *c = t->c;
    const char *jun = memmem(f->lv.p, f->lv.n, "均", 3);
    str word = {t->s.p + f->clause_start, (size_t)(jun - (t->s.p + f->clause_start))};
    while (word.n && word.p[0] == ' ')
        word.p++, word.n--;
    size_t cur = (size_t)(t->sp - gr_doc_sentence(c->doc, 0)), first = c->fs->n;
    while (first > 0 && c->fs->v[first - 1].sentence == cur)
        first--;
    if (t->own_facts == (size_t)-1)
        t->own_facts = c->fs->n;
    size_t last = c->fs->n < t->own_facts ? c->fs->n : t->own_facts;
    explain(t, "shared_measure", f->clause_start, f->x->start, w);
    for (size_t q = first; q < last && !c->oom; q++) {
        char buf[256];
        const char *pm = c->fs->v[q].metric;
        int dup = 0;
        for (size_t r = first; r < q; r++)
            if (!strcmp(c->fs->v[r].metric, pm))
                dup = 1;
        if (dup)
            continue;
        snprintf(buf, sizeof buf, "%s%.*s", pm, (int)word.n, word.p);
        emit_when(t, f->x, (str){buf, strlen(buf)}, f->kind, f->negative, w);
    }
}

/* Rule "paired_changes": 城镇居民人均可支配收入15781元,农村居民人均纯收入4761元,实际增长8.4%和8%:
 * a list of changes with no metric of its own pairs in order with the last metrics that amounts of
 * this sentence named. Returns how many figures it read (0: none). */
static size_t emit_paired_changes(struct sent *t, const struct fig *f, const gr_when *w)
{
    struct ctx *c = t->c;
    size_t ln = list_len(t->s, t->nums, t->n, f->i, LIST_BARE);
    const char *ms[16];
    size_t k = 0, cur = (size_t)(t->sp - gr_doc_sentence(c->doc, 0));
    for (size_t q = c->fs->n; ln >= 2 && ln <= 16 && q > 0 && c->fs->v[q - 1].sentence == cur && k < ln; q--) {
        const gr_fact *pf = &c->fs->v[q - 1];
        if (pf->kind == GR_KIND_AMOUNT && (!k || strcmp(ms[k - 1], pf->metric)))
            ms[k++] = pf->metric;
    }
    if (ln < 2 || ln > 16 || k != ln)
        return 0;
    explain(t, "paired_changes", f->clause_start, f->x->start, w);
    for (size_t q = 0; q < ln && !c->oom; q++) {
        const char *pm = ms[ln - 1 - q]; /* interned: each in a block of its own */
        gr_num yv = list_figure(t, f->i, q, ln);
        emit_when(t, &yv, (str){pm, strlen(pm)}, f->kind, f->negative, w);
    }
    return ln;
}

/* Rule "conjoined": 城镇和农村居民人均可支配收入增长8%, 地方生产总值和全部财政收入翻两番: one figure
 * for each of the measures its subject joins with 和 or 、 (each item named like a measure: an
 * indicator's name or a measure's final word, 收入, 总值, 率…; 中小企业和个体工商户 stays whole). The
 * items are left in t->items at offs; returns how many (0: no such subject). */
static size_t conjoined(struct sent *t, str metric, size_t *offs)
{
    size_t k = 1;
    for (const char *q = metric.p; q + 3 <= metric.p + metric.n; q++)
        if (!memcmp(q, "和", 3) || !memcmp(q, "、", 3))
            k++;
    /* the words before the first 和 or 、 are a measure of their own (国内生产总值和…), or the
     * shorthand of a pair of measures (城镇和农村居民…): 汽车和零部件产业产值 is one industry's */
    const char *and = NULL;
    for (const char *q = metric.p; !and && q + 3 <= metric.p + metric.n; q++)
        if (!memcmp(q, "和", 3) || !memcmp(q, "、", 3))
            and = q;
    str left = {metric.p, and ? (size_t)(and - metric.p) : 0};
    char lz[64];
    snprintf(lz, sizeof lz, "%.*s", (int)(left.n < 63 ? left.n : 63), left.p);
    int whole = ends_any(left, GR_LEX_MEASURE_FINAL) || gr_indicator_lookup(lz) != NULL;
    if (!whole && !str_is(left, "城镇") && !str_is(left, "农村") && !str_is(left, "城市") && !str_is(left, "城镇居民") &&
        !str_is(left, "农村居民"))
        return 0;
    if (k < 2 || k > 4)
        return 0;
    /* measures named in full, each an indicator's name after the first (城镇居民人均可支配收入和农民人均
     * 纯收入): split as written; else the items share the head or the shorthand (义务教育阶段入学率和巩固率
     * -> 义务教育阶段巩固率; 城镇和农村居民…) as a list of metrics does */
    t->items.len = 0;
    const char *from = metric.p, *end = metric.p + metric.n;
    for (size_t q = 0; whole && q < k; q++) {
        const char *to = from;
        while (to + 3 <= end && memcmp(to, "和", 3) && memcmp(to, "、", 3))
            to++;
        if (to + 3 > end)
            to = end;
        offs[q] = t->items.len;
        gr_buf_add(&t->items, from, (size_t)(to - from));
        gr_buf_addc(&t->items, 0);
        if (q && !t->items.oom && !gr_indicator_lookup(t->items.p + offs[q]))
            whole = 0;
        from = to + 3;
    }
    if (!whole && split_items(metric, k, &t->items, offs) != k)
        return 0;
    if (t->items.oom)
        return 0;
    for (size_t q = 0; q < k; q++) {
        const char *item = t->items.p + offs[q];
        str it = {item, strlen(item)};
        if (gr_str_nchars(it) < 3 || !(ends_any(it, GR_LEX_MEASURE_FINAL) || gr_indicator_lookup(item)))
            return 0;
    }
    return k;
}

/* The rules "plain" (a metric and its figure), "benchmark" (高于全国0.4个百分点: a gap to a
 * benchmark names the subject before it) and "measure_of_previous" (外贸进出口增长8.4%、总额突破8000亿元
 * -> 外贸进出口总额: a bare measure word, lexicon tags of_previous and thing_measure, is of the metric
 * before; 生猪存栏47万头、出栏59万头 -> 生猪出栏: a measure of a thing replaces the one before). */
static size_t emit_plain(struct sent *t, const struct fig *f, const gr_when *w, const char *rule)
{
    str metric = f->metric, shown = metric, lm = t->last_metric;
    char joined[256];
    int gap = !f->rank && (gr_str_starts(metric, "高于") || gr_str_starts(metric, "低于") ||
                           gr_str_starts(metric, "快于") || gr_str_starts(metric, "慢于"));
    int thing = metric.n && gr_lex_prefix(metric, GR_LEX_THING_MEASURE, NULL) == metric.n;
    if (lm.n && lm.n + metric.n < sizeof joined &&
        (gap || thing || (metric.n && gr_lex_prefix(metric, GR_LEX_OF_PREVIOUS, NULL) == metric.n))) {
        rule = gap ? "benchmark" : "measure_of_previous";
        if (lm.n >= metric.n && !memcmp(lm.p + lm.n - metric.n, metric.p, metric.n)) {
            shown = lm; /* 新能源汽车产量…,产量突破10万辆 */
        } else {
            /* 新增企业46家,总数达到312家: the total is of all, not of the new */
            if (str_is(metric, "总数") && gr_str_starts(lm, "新增") && lm.n > 12)
                lm.p += 6, lm.n -= 6;
            /* 粮食播种面积…、产量…, 生猪存栏…、出栏…: a measure of the thing replaces the one before */
            size_t tm = thing ? gr_lex_suffix(lm, GR_LEX_THING_MEASURE, NULL) : 0;
            if (tm && tm < lm.n)
                lm.n -= tm;
            memcpy(joined, lm.p, lm.n);
            memcpy(joined + lm.n, metric.p, metric.n);
            shown = (str){joined, lm.n + metric.n};
        }
    }
    /* over a list of as many figures, each measure takes its own (城镇和农村人均住房面积32.9平方米和
     * 37.1平方米); over one figure, each the same */
    size_t offs[16], k = shown.p == metric.p && !f->rank && !f->fb ? conjoined(t, metric, offs) : 0;
    size_t ln = k ? list_len(t->s, t->nums, t->n, f->i, LIST_BARE) : 1;
    if (k && ln >= 2 && ln != k)
        k = 0;
    int pairs = k && ln == k;
    explain(t, pairs ? "conjoined_pairs" : k ? "conjoined" : rule, f->clause_start, f->x->start, w);
    for (size_t q = 0; q < k && !t->c->oom; q++) {
        const char *item = t->items.p + offs[q];
        gr_num yv = pairs ? list_figure(t, f->i, q, ln) : *f->x;
        emit_when(t, &yv, (str){item, strlen(item)}, f->kind, f->kind == GR_KIND_GROWTH && f->negative, w);
    }
    if (!k)
        emit_when(t, f->x, shown, f->kind, f->kind == GR_KIND_GROWTH && f->negative, w);
    if (pairs) {
        t->last_metric = (str){0};
        return ln;
    }
    if (shown.p == metric.p)
        t->last_metric = metric;
    return 1;
}

/* A number with no unit after a measure that has none (空气质量综合指数4.81, 城乡居民收入比缩小至2.54,
 * 收入比降至2以内): an index is read as it stands, a ratio of incomes as one to one (unit :1). */
static void bare_measure(struct sent *t, size_t i)
{
    gr_num *x = &t->nums[i];
    if (x->cls != GR_NUM_QUANTITY || x->unit[0] || x->has_high)
        return;
    str s = t->s;
    size_t a = x->start + x->len;
    if (a < s.n && (s.p[a] == ':' || s.p[a] == '.' || (a + 3 <= s.n && !memcmp(s.p + a, "∶", 3))))
        return; /* a ratio written out (2.21∶1) or a structure */
    size_t cs = clause_back(s, x->start, t->prev_end, 0);
    int g = 0, ng = 0, l = 0;
    str m = peel((str){s.p + cs, x->start - cs}, &g, &ng, &l);
    if (gr_str_nchars(m) < 3 || g)
        return;
    if (gr_str_ends(m, "指数")) {
        t->bare_at = i + 1;
    } else if (gr_str_ends(m, "收入比") || gr_str_ends(m, "收入比值")) {
        snprintf(x->unit, sizeof x->unit, ":1");
        snprintf(x->base_unit, sizeof x->base_unit, ":1");
        x->base_value = x->value;
    }
}

/* Rule "structure": 三次产业比重调整为4.2∶41.1∶54.7, 三次产业结构比为22.3:31.5:46.2: a ratio of the
 * three sectors, written as bare numbers joined by a ratio colon after a subject naming the sectors'
 * structure, gives each sector's share in per cent (第一产业比重…). Returns how many numbers it read
 * (0: no such ratio at nums[i]). */
static size_t structure(struct sent *t, size_t i)
{
    static const char *const sectors[] = {"第一产业比重", "第二产业比重", "第三产业比重"};
    str s = t->s;
    if (i + 3 > t->n)
        return 0;
    for (size_t q = 0; q < 3; q++) {
        const gr_num *y = &t->nums[i + q];
        if (y->cls != GR_NUM_QUANTITY || y->unit[0] || y->has_high)
            return 0;
        if (q) {
            const gr_num *p = &t->nums[i + q - 1];
            str gap = {s.p + p->start + p->len, y->start - p->start - p->len};
            if (!(str_is(gap, ":") || str_is(gap, "∶") || str_is(gap, "：")))
                return 0;
        }
    }
    size_t e = t->nums[i + 2].start + t->nums[i + 2].len;
    if (e < s.n && (s.p[e] == ':' || (e + 3 <= s.n && !memcmp(s.p + e, "∶", 3))))
        return 0; /* a fourth part: no three sectors */
    struct fig f = {.i = i, .x = &t->nums[i], .u = "%", .kind = GR_KIND_SHARE};
    /* back across years (由2016年的6.2:61.2:32.6到2019年底的…) to the last figure */
    f.clause_start = clause_back(s, f.x->start, t->prev_qend, 0);
    f.before = (str){s.p + f.clause_start, f.x->start - f.clause_start};
    int named = (gr_str_has(f.before, "三次产业") || gr_str_has(f.before, "一二三产业") ||
                 gr_str_has(f.before, "一、二、三产业") || gr_str_has(f.before, "三产")) &&
                (gr_str_has(f.before, "比") || gr_str_has(f.before, "结构"));
    /* …调整为18.1:33.1:48.8: the structure reached, right after the one it started from */
    int reached = t->structure_end && t->structure_end == t->prev_qend && f.before.n <= GR_TO_LEVEL_CHARS * 3 &&
                  (gr_str_has(f.before, "为") || gr_str_has(f.before, "到") || gr_str_has(f.before, "至"));
    if (!named && !reached)
        return 0;
    f.level = 1;
    f.first_of_two = named && (gr_str_has(f.before, "由") || gr_str_has(f.before, "从")) && level_follows(t, i + 2);
    gr_when w;
    gr_when_in in = when_in(t, &f);
    gr_when_of(&in, &w); /* a level: the year's, and 由A调整为B's A the start of the span */
    explain(t, "structure", f.clause_start, f.x->start, &w);
    for (size_t q = 0; q < 3 && !t->c->oom; q++) {
        gr_num y = t->nums[i + q];
        snprintf(y.unit, sizeof y.unit, "%%");
        snprintf(y.base_unit, sizeof y.base_unit, "%%");
        y.base_value = y.value;
        emit_when(t, &y, (str){sectors[q], strlen(sectors[q])}, GR_KIND_SHARE, 0, &w);
    }
    t->last_metric = (str){0};
    done_with(t, i + 2);
    t->structure_end = t->prev_qend;
    return 3;
}

/* Reads the figure nums[i]; returns how many numbers it took (1, or a list's length), 0 when out of
 * memory. */
static size_t figure(struct sent *t, size_t i)
{
    struct fig f = {.i = i, .x = &t->nums[i]};
    f.u = f.x->unit;
    f.rank = f.x->cls == GR_NUM_RANK;
    const char *rule = "plain";
    clause_of(t, &f);
    size_t implicit = paired_list(t, &f);
    if (f.fb || implicit) {
        size_t took = read_list(t, &f, implicit);
        if (took)
            return took;
    } else {
        read_from_to(t, &f);
    }
    read_verbs(t, &f);
    size_t to = parallel_to(t, &f);
    if (to)
        return to;
    if (noun_after_number(t, &f))
        rule = "noun_after";
    int has = find_subject(t, &f, &rule);
    if (has < 0)
        return 0;
    kind_of(t, &f);
    /* 增长7%以上、力争达到8%: the stretch figure of a change is a change too */
    if (has && f.inherited && f.kind == GR_KIND_SHARE && (gr_str_has(f.vb, "力争") || gr_str_has(f.vb, "争取"))) {
        const struct ctx *c = t->c;
        size_t cur = (size_t)(t->sp - gr_doc_sentence(c->doc, 0));
        const gr_fact *pf = c->fs->n ? &c->fs->v[c->fs->n - 1] : NULL;
        if (pf && pf->sentence == cur && pf->kind == GR_KIND_GROWTH && !strcmp(pf->unit, f.u) &&
            strlen(pf->metric) == f.metric.n && !memcmp(pf->metric, f.metric.p, f.metric.n))
            f.kind = GR_KIND_GROWTH;
    }
    gr_when w;
    gr_when_in in = when_in(t, &f);
    gr_when_of(&in, &w);
    if (!has) { /* no subject: only a list of changes that pairs with the sentence's amounts is read */
        size_t ln = f.inherited && f.kind == GR_KIND_GROWTH ? emit_paired_changes(t, &f, &w) : 0;
        if (ln)
            t->last_metric = (str){0};
        done_with(t, i + (ln ? ln - 1 : 0));
        return ln ? ln : 1;
    }
    if ((f.all || f.all_listed) && emit_shared(t, &f, &w)) {
        done_with(t, i);
        return 1;
    }
    if (f.all && t->last_metric.n) {
        emit_shared_measure(t, &f, &w);
        done_with(t, i);
        return 1;
    }
    if (f.inherited && f.kind == GR_KIND_GROWTH) {
        size_t ln = emit_paired_changes(t, &f, &w);
        if (ln) {
            t->last_metric = (str){0};
            done_with(t, i + ln - 1);
            return ln;
        }
    }
    size_t took = emit_plain(t, &f, &w, rule);
    done_with(t, i + took - 1);
    return took;
}

/* 分别提高20.9、36.2、54个百分点, 增长8.4%和11.4%…: a list of figures that writes its unit once, on the
 * last, gives it to the others (those with no unit at all, joined to the next by 、 和 及 or 与). */
static void carry_units(struct sent *t)
{
    for (size_t j = t->n; j-- > 1;) {
        gr_num *last = &t->nums[j], *prev = &t->nums[j - 1];
        if (last->cls != GR_NUM_QUANTITY || !last->unit[0] || prev->cls != GR_NUM_QUANTITY || prev->unit[0] ||
            prev->has_high || last->value == 0)
            continue;
        str gap = {t->s.p + prev->start + prev->len, last->start - prev->start - prev->len};
        if (!(str_is(gap, "、") || str_is(gap, "和") || str_is(gap, "及") || str_is(gap, "与")))
            continue;
        memcpy(prev->unit, last->unit, sizeof prev->unit);
        memcpy(prev->base_unit, last->base_unit, sizeof prev->base_unit);
        prev->base_value = prev->value * (last->base_value / last->value);
    }
}

static void sentence(struct ctx *c, const gr_span *sp)
{
    const gr_doc *d = c->doc;
    struct sent t = {.c = c, .sp = sp, .para = gr_doc_para(d, sp->para), .meta = gr_doc_meta(d),
                     .s = {c->text + sp->start, sp->len}, .own_facts = (size_t)-1};
    if (gr_num_scan(t.s.p, t.s.n, &t.nums, &t.n)) {
        c->oom = 1;
        return;
    }
    size_t figures = 0;
    for (size_t i = 0; i < t.n; i++)
        figures += t.nums[i].cls == GR_NUM_QUANTITY || t.nums[i].cls == GR_NUM_RANK;
    if (!figures) { /* most sentences state no figure: nothing below would emit a fact */
        gr_num_free(t.nums);
        return;
    }
    t.span = gr_scope_span_words(t.s);
    carry_units(&t);
    for (size_t i = 0; i < t.n && !c->oom;) {
        const gr_num *x = &t.nums[i];
        if (x->cls != GR_NUM_QUANTITY && x->cls != GR_NUM_RANK) {
            /* years, dates and ordinals end a clause; a numeral inside a word (一般, 零售) does not */
            if ((x->cls == GR_NUM_YEAR || x->cls == GR_NUM_DATE || x->cls == GR_NUM_ORDINAL) &&
                x->start + x->len > t.prev_end)
                t.prev_end = x->start + x->len;
            i++;
            continue;
        }
        bare_measure(&t, i);
        size_t parts = structure(&t, i);
        if (parts) {
            i += parts;
            continue;
        }
        if (no_figure(&t, x)) { /* no figure: it ends the clause but leaves the subject reachable */
            t.prev_end = x->start + x->len;
            i++;
            continue;
        }
        size_t took = figure(&t, i);
        if (!took)
            break;
        i += took;
    }
    if (t.items.oom) /* a list's items could not be kept: its facts are missing, so fail */
        c->oom = 1;
    gr_buf_free(&t.items);
    gr_num_free(t.nums);
}

/* Drops the facts held, keeping the room for the next batch. */
static void facts_clear(gr_facts *fs)
{
    for (size_t i = 0; i < fs->nstrings; i++)
        free(fs->strings[i]);
    fs->nstrings = 0;
    fs->n = 0;
}

/* The facts of each sentence are read from that sentence alone (a look back at facts before stops
 * at the sentence's first), so a batch can be handed on and dropped at any sentence's end. */
static gr_status extract(const gr_doc *doc, gr_facts *fs, size_t batch, gr_fact_emit emit, void *arg)
{
    struct ctx c = {.doc = doc, .fs = fs, .text = gr_doc_text(doc, NULL)};
    size_t ns = gr_doc_nsentence(doc);
    for (size_t i = 0; i < ns && !c.oom; i++) {
        const gr_span *sp = gr_doc_sentence(doc, i);
        const gr_para *p = gr_doc_para(doc, sp->para);
        if (p->part == GR_PART_BOILERPLATE || p->part == GR_PART_FRONT || p->part == GR_PART_NOTES ||
            p->part == GR_PART_CLOSING || (p->heading && p->nsentences == 1))
            continue;
        sentence(&c, sp);
        if (emit && !c.oom && fs->n >= batch) {
            if (emit(fs, arg))
                return GR_OK;
            facts_clear(fs);
        }
    }
    if (c.oom)
        return GR_ENOMEM;
    if (emit && fs->n)
        emit(fs, arg);
    return GR_OK;
}

gr_status gr_fact_extract(const gr_doc *doc, gr_facts **out)
{
    gr_facts *fs = calloc(1, sizeof *fs);
    *out = fs;
    if (!fs)
        return GR_ENOMEM;
    if (extract(doc, fs, 0, NULL, NULL) != GR_OK) {
        gr_facts_free(fs);
        *out = NULL;
        return GR_ENOMEM;
    }
    return GR_OK;
}

gr_status gr_fact_each(const gr_doc *doc, size_t batch, gr_fact_emit emit, void *arg)
{
    gr_facts fs = {0};
    gr_status st = extract(doc, &fs, batch ? batch : 1, emit, arg);
    facts_clear(&fs);
    free(fs.strings);
    free(fs.v);
    return st;
}

size_t gr_facts_count(const gr_facts *fs) { return fs ? fs->n : 0; }
const gr_fact *gr_facts_get(const gr_facts *fs, size_t i) { return fs && i < fs->n ? &fs->v[i] : NULL; }

void gr_facts_free(gr_facts *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->nstrings; i++)
        free(fs->strings[i]);
    free(fs->strings);
    free(fs->v);
    free(fs);
}

const char *gr_kind_name(gr_kind k)
{
    static const char *const n[] = {"amount", "growth", "share", "rank"};
    return (unsigned)k < 4 ? n[k] : "";
}
