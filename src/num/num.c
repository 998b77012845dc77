/* num.c - reading a number in its context: the numeral the scanner found, its magnitude (万, 亿),
 * its unit as written (亿元, 万剂, %, 个百分点, 倍), approximation words before and after (约, 近,
 * 超, 以上, 以内, 左右, 多, 余), a range (4.5%—5%), and its class: a quantity, or a year, a date,
 * an ordinal, a rank, part of a name or slogan (“十四五”, 二十大), or an idiom (百年一遇, 一批).
 *
 * Every rule looks at a bounded window around the numeral (at most a few dozen bytes), so a scan is
 * linear in the text.
 */
#define _GNU_SOURCE /* memmem */
#include "num.h"

#include <math.h>
#include <stdio.h>
#include <threads.h>
#include <stdlib.h>
#include <string.h>

#include "../util/str.h"
#include "../util/swar.h"
#include "../util/utf8.h"

typedef struct { const char *p; size_t n; } str;

/* Both test one byte before calling memcmp: most places differ there. */
static inline int at(const char *s, size_t len, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    return i + k <= len && (!k || (s[i] == lit[0] && !memcmp(s + i, lit, k)));
}
static inline int before(const char *s, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    return i >= k && (!k || (s[i - 1] == lit[k - 1] && !memcmp(s + i - k, lit, k)));
}
/* The first of lits that stands at s+i; returns its length, 0 if none. */
static size_t match_any(const char *s, size_t len, size_t i, const char *const *lits, const char **which)
{
    size_t best = 0;
    if (i >= len)
        return 0;
    for (; *lits; lits++) {
        const char *w = *lits;
        if (w[0] != s[i])
            continue; /* the first byte decides most candidates */
        size_t k = 1; /* how much of w stands at s + i */
        while (w[k] && i + k < len && s[i + k] == w[k])
            k++;
        if (!w[k] && k > best) {
            best = k;
            if (which)
                *which = w;
        }
    }
    return best;
}

/* ---- Chinese numerals ------------------------------------------------------------------------ */

static int cn_digit(const char *p, size_t n, int *k)
{
    static const char *const d[] = {"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
                                    "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
                                    "兩", "倆", "貳", "參", "陸", NULL}; /* traditional forms last */
    static const int v[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 2, 2, 3, 6};
    for (int i = 0; d[i]; i++)
        if (n >= 3 && !memcmp(p, d[i], 3)) {
            *k = 3;
            return v[i];
        }
    return -1;
}

static double cn_unit(const char *p, size_t n)
{
    if (n < 3)
        return 0;
    if (!memcmp(p, "十", 3) || !memcmp(p, "拾", 3))
        return 10;
    if (!memcmp(p, "百", 3) || !memcmp(p, "佰", 3))
        return 100;
    if (!memcmp(p, "千", 3) || !memcmp(p, "仟", 3))
        return 1000;
    if (!memcmp(p, "万", 3) || !memcmp(p, "萬", 3))
        return 1e4;
    if (!memcmp(p, "亿", 3) || !memcmp(p, "億", 3))
        return 1e8;
    return 0;
}

double gr_num_chinese_value(const char *s, size_t n, int *ok)
{
    *ok = 1;
    const char *dot = NULL;
    for (size_t i = 0; i + 3 <= n; i += 3)
        if (!memcmp(s + i, "点", 3) || !memcmp(s + i, "點", 3)) {
            dot = s + i;
            break;
        }
    size_t ni = dot ? (size_t)(dot - s) : n;
    double frac = 0, scale = 0.1;
    if (dot) {
        for (const char *p = dot + 3; p < s + n; p += 3) {
            int k, d = cn_digit(p, (size_t)(s + n - p), &k);
            if (d < 0) {
                *ok = 0;
                return 0;
            }
            frac += d * scale;
            scale /= 10;
        }
    }
    /* digit-by-digit (二〇二三, 一九九八) when no unit character occurs */
    int units = 0, digits = 0;
    for (size_t i = 0; i + 3 <= ni; i += 3)
        units += cn_unit(s + i, ni - i) > 0, digits++;
    if (!units && digits > 1) {
        double v = 0;
        for (size_t i = 0; i + 3 <= ni; i += 3) {
            int k, d = cn_digit(s + i, ni - i, &k);
            if (d < 0) {
                *ok = 0;
                return 0;
            }
            v = v * 10 + d;
        }
        return v + frac;
    }
    /* positional: sections separated by 亿 and 万 */
    double total = 0, section = 0, last_unit = 1e18, section_unit_last = 1e18;
    int cur = -1;
    for (size_t i = 0; i < ni;) {
        int k;
        int d = cn_digit(s + i, ni - i, &k);
        if (d >= 0) {
            if (cur > 0 && d != 0) { /* two digits in a row without a unit: 十四五 */
                *ok = 0;
                return 0;
            }
            cur = d;
            i += 3;
            continue;
        }
        double u = cn_unit(s + i, ni - i);
        if (u == 0) {
            *ok = 0;
            return 0;
        }
        if (u >= 1e4) {
            double sec = section + (cur > 0 ? cur : 0);
            if (sec == 0 && total == 0)
                sec = 1;
            if (u >= last_unit) { /* 万万: treat as a multiplier of all so far */
                total = (total + sec) * u;
            } else {
                total += sec * u;
            }
            last_unit = u;
            section = 0;
            section_unit_last = 1e18;
        } else {
            if (u >= section_unit_last) { /* 五十千 = 50 x 1000: a unit above the last multiplies */
                if (u >= 1000 && (section || cur > 0)) {
                    section = (section + (cur > 0 ? cur : 0)) * u;
                    section_unit_last = u;
                    cur = -1;
                    i += 3;
                    continue;
                }
                *ok = 0;
                return 0;
            }
            section += (cur > 0 ? cur : 1) * u; /* 十, 零十 (一万零十二): an implied one */
            section_unit_last = u;
        }
        cur = -1;
        i += 3;
    }
    /* a trailing digit after a unit: 两千零五, and the colloquial 一万二 (= 12000), 三千五 (= 3500) */
    if (cur > 0) {
        if (section_unit_last < 1e18 && section_unit_last >= 100 && !(ni >= 6 && cn_digit(s + ni - 6, 3, &(int){0}) == 0))
            section += cur * section_unit_last / 10;
        else if (section == 0 && last_unit < 1e18 && total > 0 && ni >= 6 && cn_unit(s + ni - 6, 3) >= 1e4)
            section += cur * last_unit / 10;
        else
            section += cur;
    }
    return total + section + frac;
}

/* ---- the lexicon ----------------------------------------------------------------------------- */

/* Units as reports write them, longest first where one is a prefix of another. A unit that starts
 * with a magnitude character (千瓦, 百分点) is matched before magnitudes are stripped. */
static const char *const units[] = {
    "个百分点", "百分点", "%", "‰", "‱", "倍", "番", "成",
    "亿美元", "万美元", "美元", "亿欧元", "欧元", "亿港元", "港元", "日元", "台币", "新台币", "韩元", "英镑",
    "瑞士法郎", "法郎", "卢布", "奈拉", "比特币", "元/吨", "元/平方米", "元", "块",
    "平方公里", "平方千米", "平方米", "公顷", "亩", "立方米", "标准立方米", "千瓦时", "千瓦", "兆瓦时", "兆瓦",
    "公分", "公尺", "公升", "毫升", "公裏", "千卡", "卡路里", "赫兹", "比特", "字节",
    "吉瓦", "千伏", "伏", "度", "公里", "千米", "米", "吨标准煤", "标准煤", "吨", "公斤", "千克", "克", "斤",
    "标箱", "标准箱", "TEU", "人次", "场次", "架次", "班次", "车次", "航次", "批次", "周年", "人", "个月", "个", "家", "户", "件", "项", "栋", "幢", "处", "所",
    "座", "辆", "套", "条", "剂", "宗", "批", "台", "艘", "架", "张", "床", "名", "位", "例", "起", "笔",
    "间", "头", "只", "株", "棵", "册", "部", "场", "次", "届", "期", "轮", "篇", "份", "支", "对", "片",
    "所", "类", "种", "岁", "周岁", "小时", "分钟", "天", "年", "月", "日", "号", "微克/立方米",
    "毫克", "升", "毫米", "厘米", "G", "级", "星", "A", "分", "秒", "周", "年度", "余人",
    /* added with the issue "Extraction that generalizes": 万平米, 百亿亿次/秒 (computing power), 款, 枚,
     * 重量箱 (citrus), 头只 (livestock), 户次, 剂次, 台(套), a ratio to one (城乡居民收入比2.46:1), and the
     * working days of an approval (压缩至39个工作日) */
    "平米", "亿次/秒", "款", "枚", "重量箱", "头只", "户次", "剂次", "台(套)", "台套", ":1", "∶1", "个工作日", "工作日",
    NULL};

static const char *const magnitudes[] = {"万亿", "万万", "亿", "万", "千", "百", "萬億", "萬萬", "億", "萬", NULL};

/* The units table indexed once by its first three bytes (one- and two-byte units apart), so that
 * reading a unit tests the one or two units that can match instead of all of them; the answer is
 * match_any's: the longest unit at i, the first in table order among equals. */
#define UNIT_BUCKETS 4096
static unsigned short unit_head[UNIT_BUCKETS], unit_next[256], unit_short[16];
static unsigned char unit_len[256];
static size_t nunit_short;

static unsigned unit_key(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return ((u[0] * 33u + u[1]) * 33u + u[2]) % UNIT_BUCKETS;
}

/* s[0..k) == w[0..k) (k is a word's length, a few bytes: a loop beats a call) */
static inline int same(const char *s, const char *w, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (s[j] != w[j])
            return 0;
    return 1;
}

static void build_unit_index(void)
{
    size_t n = 0;
    while (units[n])
        n++;
    for (size_t i = n; i-- > 0;) { /* pushed to the front: each chain keeps table order */
        unit_len[i] = (unsigned char)strlen(units[i]);
        if (unit_len[i] < 3)
            continue;
        unsigned key = unit_key(units[i]);
        unit_next[i] = unit_head[key];
        unit_head[key] = (unsigned short)(i + 1);
    }
    for (size_t i = 0; i < n && nunit_short < sizeof unit_short / sizeof *unit_short; i++)
        if (unit_len[i] < 3)
            unit_short[nunit_short++] = (unsigned short)i;
}

static size_t match_unit(const char *s, size_t len, size_t i, const char **which)
{
    size_t best = 0;
    if (i >= len)
        return 0;
    for (size_t j = 0; j < nunit_short; j++) {
        size_t k = unit_len[unit_short[j]];
        if (k > best && i + k <= len && same(s + i, units[unit_short[j]], k)) {
            best = k;
            if (which)
                *which = units[unit_short[j]];
        }
    }
    if (i + 3 > len)
        return best;
    for (unsigned e = unit_head[unit_key(s + i)]; e; e = unit_next[e - 1]) {
        size_t k = unit_len[e - 1];
        if (k > best && i + k <= len && same(s + i, units[e - 1], k)) {
            best = k;
            if (which)
                *which = units[e - 1];
        }
    }
    return best;
}

/* Words before a number that make it approximate, and how (with their lengths: read at every number). */
struct approx_word {
    const char *w;
    size_t n;
    gr_approx a;
};
#define AW(lit, a) {lit, sizeof lit - 1, a}

static const struct approx_word pre_approx[] = {
    AW("约", GR_APPROX_ABOUT), AW("过", GR_APPROX_MIN), AW("近", GR_APPROX_ABOUT), AW("大约", GR_APPROX_ABOUT),
    AW("将近", GR_APPROX_ABOUT), AW("接近", GR_APPROX_ABOUT), AW("超过", GR_APPROX_MIN),
    AW("超", GR_APPROX_MIN), AW("逾", GR_APPROX_MIN), AW("突破", GR_APPROX_MIN), AW("迈上", GR_APPROX_MIN),
    AW("不低于", GR_APPROX_MIN), AW("不少于", GR_APPROX_MIN), AW("至少", GR_APPROX_MIN),
    AW("高于", GR_APPROX_MIN), AW("不超过", GR_APPROX_MAX), AW("不高于", GR_APPROX_MAX),
    AW("不到", GR_APPROX_MAX), AW("低于", GR_APPROX_MAX), AW("以内", GR_APPROX_MAX), {NULL, 0, 0}};
/* The last bytes of pre_approx's words: a number after any other byte has none of them before it. */
static unsigned char pre_last[256];

static void build_pre_last(void)
{
    for (int i = 0; pre_approx[i].w; i++)
        pre_last[(unsigned char)pre_approx[i].w[pre_approx[i].n - 1]] = 1;
}
static const struct approx_word post_approx[] = {
    AW("及以上", GR_APPROX_MIN), AW("及以下", GR_APPROX_MAX),
    AW("以上", GR_APPROX_MIN), AW("之上", GR_APPROX_MIN), AW("以下", GR_APPROX_MAX), AW("以内", GR_APPROX_MAX),
    AW("之内", GR_APPROX_MAX), AW("左右", GR_APPROX_ABOUT), AW("上下", GR_APPROX_ABOUT), {NULL, 0, 0}};

/* A unit that is a classifier (个, 项, 所, 万家): in 数+量+名 it counts the noun after it. */
int gr_num_unit_is_classifier(const char *u)
{
    static const char *const cl[] = {"个", "项", "所", "家", "条", "件", "座", "批", "类", "处", "台", "名",
                                     "位", "支", "场", "款", "种", "部", "套", "栋", "间", "宗", "轮", "枚", NULL};
    size_t n = strlen(u);
    if (n < 3)
        return 0;
    for (const char *const *c = cl; *c; c++) /* each a three-byte character: compare the last three bytes */
        if (u[n - 1] == (*c)[2] && u[n - 2] == (*c)[1] && u[n - 3] == (*c)[0])
            return 1;
    return 0;
}

/* Fixed expressions with numerals that are no figures. */
static const char *const idioms[] = {
    "百年一遇", "千年一遇", "五十年一遇", "一年来", "五年来", "十年来", "三年来", "两年来", "一批", "首批",
    "一流", "一体", "一系列", "一揽子", "一站式", "一把手", "一网通办", "一网统管", "一件事", "一张网",
    "一盘棋", "一张蓝图", "一以贯之", "千方百计", "万众一心", "一心一意", "最后一公里", "一公里", "一线",
    "一道", "一起", "一些", "一般", "一直", "一致", "一定", "一切", "一方面", "进一步", "统一", "唯一",
    "之一", "一样", "一次性", "一代", "一带一路", "一国两制", "十分", "百姓", "千家万户", "一举",
    "一刀切", "一票否决", "一个", "一项", "一起", "一份", "一条龙", "一口", "一键", "一码", "一屏",
    "一图", "一窗", "一门", "一次", "一年", "一天", "一支", "一手", "一轮", "一度", "一期", "二期",
    "三期", "四期", "一季度", "二季度", "三季度", "四季度", "一二三产", "三产", "一产", "二产",
    "三次产业", "三年行动", "五年行动",
    "双一流", "一带", "两翼", "一核", "多点", "一极", "两山", "三农", "四风", "五位一体", "四个全面",
    NULL};

/* Idioms indexed by pairs of characters: for a numeral at a, only the idioms that hold its first
 * character next to the character that follows it in the text (or, where the numeral's character
 * ends the idiom, next to the one before it) are tried, each at the one place it would have to
 * start. Built once; the references hang in chains from a hash of the pair. (Keyed by the one
 * character, 一 alone led to some sixty idioms.) */
#define MAX_IDIOM_REFS 1024
#define IDIOM_BUCKETS 1024
static struct idiom_ref {
    char pair[6];        /* the idiom's character at off and its neighbour, in text order */
    unsigned char back;  /* 1 when the neighbour is the character before (off is the last character) */
    unsigned short idiom, off, len; /* which idiom, the byte offset of the character in it, its length */
    unsigned short next; /* the next reference in the same bucket, + 1 (0 ends the chain) */
} idiom_refs[MAX_IDIOM_REFS];
static unsigned short idiom_head[IDIOM_BUCKETS];
static size_t nidiom_refs;

static unsigned idiom_hash(const char *pair)
{
    const unsigned char *p = (const unsigned char *)pair;
    unsigned h = ((p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu)) * 2654435761u ^ ((p[4] & 0x3Fu) << 6 | (p[5] & 0x3Fu));
    return (h ^ h >> 16) % IDIOM_BUCKETS;
}

static void build_idiom_index(void)
{
    for (unsigned i = 0; idioms[i]; i++) {
        size_t n = strlen(idioms[i]); /* two characters or more */
        for (size_t o = 0; o + 3 <= n && nidiom_refs < MAX_IDIOM_REFS; o += 3) {
            struct idiom_ref *r = &idiom_refs[nidiom_refs];
            r->back = o + 3 == n;
            memcpy(r->pair, idioms[i] + (r->back ? o - 3 : o), 6);
            r->idiom = (unsigned short)i;
            r->off = (unsigned short)o;
            r->len = (unsigned short)n;
            unsigned h = idiom_hash(r->pair);
            r->next = idiom_head[h];
            idiom_head[h] = (unsigned short)++nidiom_refs;
        }
    }
}

/* Does an idiom whose character at off stands at a, with pair (from the text) around it, match? */
static int idiom_probe(const char *s, size_t len, size_t a, const char *pair, unsigned char back)
{
    for (unsigned e = idiom_head[idiom_hash(pair)]; e; e = idiom_refs[e - 1].next) {
        const struct idiom_ref *r = &idiom_refs[e - 1];
        if (r->back != back || memcmp(r->pair, pair, 6) || a < r->off)
            continue;
        size_t k = r->len, b = a - r->off;
        if (b + k <= len && !memcmp(s + b, idioms[r->idiom], k))
            return 1;
    }
    return 0;
}

static int in_idiom(const char *s, size_t len, size_t a)
{
    if (a + 3 > len)
        return 0;
    return (a + 6 <= len && idiom_probe(s, len, a, s + a, 0)) || (a >= 3 && idiom_probe(s, len, a, s + a - 3, 1));
}

/* ---- reading one number ---------------------------------------------------------------------- */

static double arabic_value(const char *s, size_t n)
{
    /* the usual number, at most 15 digits: its digits R as a whole number and the k places after
     * the point; R / 10^k, one correctly rounded division of two exact doubles, is the double
     * nearest the decimal, which is what strtod returns */
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    unsigned long long r = 0;
    int digits = 0, places = -1;
    size_t i = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            r = r * 10 + (unsigned)(c - '0');
            digits++;
            places += places >= 0;
        } else if (c == '.' && places < 0) {
            places = 0;
        } else if (c != ',') {
            break;
        }
    }
    if (i == n && digits && digits <= 15)
        return (double)r / p10[places > 0 ? places : 0];
    char buf[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        if (s[i] != ',')
            buf[k++] = s[i];
    buf[k] = 0;
    return strtod(buf, NULL);
}

/* Reads a bare numeral token at [a, b): value and, for Chinese runs ending in 万/亿, the magnitude
 * split off into mag. Returns 0 when it is not a number. */
static int numeral(const char *s, size_t len, int kind, size_t a, size_t b, double *v, const char **mag, size_t *vend)
{
    *mag = NULL;
    *vend = b;
    if (kind == GR_TOK_ARABIC) {
        *v = arabic_value(s + a, b - a);
        return 1;
    }
    int ok;
    if (b - a == 3) { /* one character, most Chinese tokens (一 of 统一): neither a magnitude alone nor split */
        int k;
        int d = cn_digit(s + a, 3, &k);
        *v = d >= 0 ? d : cn_unit(s + a, 3);
        return d >= 0 || *v > 0;
    }
    /* a magnitude word alone (万亿, 百亿, 千亿) is one of itself: 突破万亿元 = 1 万亿元 */
    int only_mag = 1;
    for (size_t i = a; i + 3 <= b; i += 3)
        if (memcmp(s + i, "万", 3) && memcmp(s + i, "亿", 3) && memcmp(s + i, "千", 3) && memcmp(s + i, "百", 3) &&
            memcmp(s + i, "萬", 3) && memcmp(s + i, "億", 3))
            only_mag = 0;
    if (only_mag && b - a >= 6 && b - a <= 12) { /* (one character alone stays a number: 万 = 10000) */
        *v = 1;
        *vend = a;
        return 2; /* the caller takes s[a..b) as the magnitude */
    }
    /* 十二万三千 stays whole; 3万 / 三万 / 八千万 keep their trailing magnitude in the unit */
    static const char *const tail[] = {"万亿", "亿", "万", "萬億", "億", "萬", NULL};
    for (const char *const *t = tail; *t; t++) {
        size_t k = strlen(*t);
        if (b - a > k && !memcmp(s + b - k, *t, k)) {
            /* only a magnitude that ends a plain number: 四千零四万 splits, 四十五亿四千零四万 stays whole */
            int inner = 0;
            for (size_t i = a; i + 3 <= b - k; i += 3)
                if (!memcmp(s + i, "万", 3) || !memcmp(s + i, "亿", 3) || !memcmp(s + i, "萬", 3) ||
                    !memcmp(s + i, "億", 3))
                    inner = 1;
            if (inner)
                break;
            double x = gr_num_chinese_value(s + a, b - a - k, &ok);
            if (ok) {
                *v = x;
                *mag = *t;
                *vend = b - k;
                return 1;
            }
        }
    }
    /* 一百千瓦: the 千 belongs to the unit that follows it */
    if (b - a > 3 && !memcmp(s + b - 3, "千", 3) &&
        (at(s, len, b, "瓦") || at(s, len, b, "米") || at(s, len, b, "克") || at(s, len, b, "卡") || at(s, len, b, "伏"))) {
        *v = gr_num_chinese_value(s + a, b - a - 3, &ok);
        *vend = b - 3;
        return ok;
    }
    *v = gr_num_chinese_value(s + a, b - a, &ok);
    return ok;
}

static int is_year_value(double v) { return v >= 1900 && v <= 2100 && v == floor(v); }

/* Inside a quoted label: “十四五”, “12221”市场体系, “10个行动方案”. */
static int quoted(const char *s, size_t len, size_t a, size_t b)
{
    size_t i = a, lim = a > 30 ? a - 30 : 0;
    int open = 0;
    while (i > lim) {
        if (i - lim >= 8) { /* eight bytes that hold no mark's first byte are passed at once */
            uint64_t w = gr_swar_load(s + i - 8);
            if (!(gr_swar_eq(w, 0xE2) | gr_swar_eq(w, 0xE3) | gr_swar_eq(w, 0xEF) | gr_swar_eq(w, '"') |
                  gr_swar_eq(w, ',') | gr_swar_eq(w, ';'))) {
                i -= 8;
                continue;
            }
        }
        i--;
        unsigned char c = (unsigned char)s[i]; /* every mark below starts with one of these bytes */
        if (c != 0xE2 && c != 0xE3 && c != 0xEF && c != '"' && c != ',' && c != ';')
            continue;
        if (at(s, len, i, "“") || at(s, len, i, "‘") || s[i] == '"') {
            open = 1;
            break;
        }
        if (at(s, len, i, "”") || at(s, len, i, "’") || at(s, len, i, "。") || s[i] == ',' ||
            at(s, len, i, "，") || at(s, len, i, "、") || s[i] == ';')
            return 0;
    }
    if (!open)
        return 0;
    for (size_t j = b; j < len && j < b + 36; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c != 0xE2 && c != 0xE3 && c != '"' && c != ',' && c != ';')
            continue;
        if (at(s, len, j, "”") || at(s, len, j, "’") || s[j] == '"')
            return 1;
        if (at(s, len, j, "“") || at(s, len, j, "。") || s[j] == ',' || s[j] == ';' || at(s, len, j, "、"))
            return 0;
    }
    return 0;
}

static void set_base(gr_num *n)
{
    const char *u = n->unit;
    double mult = 1;
    static const char *const whole[] = {"千瓦时", "千瓦", "千米", "千克", "千伏", "千卡", "百分点", NULL};
    /* every magnitude word starts with 万 亿 千 百 萬 or 億, whose lead bytes are E4 E5 E7 E8 */
    while ((unsigned char)u[0] == 0xE4 || (unsigned char)u[0] == 0xE5 || (unsigned char)u[0] == 0xE7 ||
           (unsigned char)u[0] == 0xE8) {
        int is_whole = 0;
        for (const char *const *w = whole; *w; w++)
            if (u[0] == (*w)[0] && gr_streq(u, *w))
                is_whole = 1;
        if (is_whole)
            break;
        const char *m = NULL;
        size_t k = match_any(u, strlen(u), 0, magnitudes, &m);
        if (!k)
            break;
        mult *= gr_streq(m, "万亿") || gr_streq(m, "萬億") ? 1e12
              : gr_streq(m, "亿") || gr_streq(m, "億") || gr_streq(m, "万万") || gr_streq(m, "萬萬") ? 1e8
              : gr_streq(m, "万") || gr_streq(m, "萬") ? 1e4 : gr_streq(m, "千") ? 1e3 : 100;
        u += k;
    }
    n->base_value = n->value * mult;
    size_t ul = strlen(u) < sizeof n->base_unit - 1 ? strlen(u) : sizeof n->base_unit - 1;
    memcpy(n->base_unit, u, ul);
    n->base_unit[ul] = 0;
    if (gr_streq(u, "兆瓦")) {
        n->base_value *= 1000;
        snprintf(n->base_unit, sizeof n->base_unit, "千瓦");
    } else if (gr_streq(u, "度")) {
        snprintf(n->base_unit, sizeof n->base_unit, "千瓦时");
    } else if (gr_streq(u, "千米")) {
        snprintf(n->base_unit, sizeof n->base_unit, "公里");
    } else if (gr_streq(u, "千克")) {
        snprintf(n->base_unit, sizeof n->base_unit, "公斤");
    } else if (gr_streq(u, "番")) {
        n->base_value = (pow(2, n->value) - 1) * 100;
        snprintf(n->base_unit, sizeof n->base_unit, "%%");
    } else if (gr_streq(u, "成")) {
        n->base_value = n->value * 10;
        snprintf(n->base_unit, sizeof n->base_unit, "%%");
    }
}

/* After the numeral: [多|余] [magnitude] [多|余] [unit]. Returns the end; fills unit and approx. */
static size_t read_unit(const char *s, size_t len, size_t p, const char *mag, gr_num *n, int chinese)
{
    char unit[64] = "";
    size_t k;
    if (mag)
        strcat(unit, mag);
    size_t seen_at = (size_t)-1, seen_k = 0; /* the unit looked up in round 0, at seen_at */
    const char *seen_u = NULL;
    for (int round = 0; round < 2; round++) {
        if (at(s, len, p, "多") || at(s, len, p, "余") || (chinese && (at(s, len, p, "几") || at(s, len, p, "幾")))) {
            if (!(at(s, len, p, "余额") || at(s, len, p, "多元") || at(s, len, p, "多个百分点")) ||
                at(s, len, p, "余个") || at(s, len, p, "多个")) {
                n->approx = GR_APPROX_MIN;
                p += 3;
            }
        }
        /* a second magnitude after 千 or 百: 4千亿元, 5百万人 */
        static const char *const big[] = {"万亿", "亿", "万", "億", "萬", NULL};
        const char *m2 = NULL;
        size_t km2;
        if (round == 1 && !mag && (gr_streq(unit, "千") || gr_streq(unit, "百")) &&
            (km2 = match_any(s, len, p, big, &m2))) {
            strcat(unit, m2);
            p += km2;
            continue;
        }
        if (round == 0 && !mag) {
            const char *u = NULL;
            size_t ku = match_unit(s, len, p, &u);
            seen_at = p, seen_k = ku, seen_u = u;
            const char *m = NULL;
            size_t km = match_any(s, len, p, magnitudes, &m);
            /* a unit that itself starts with a magnitude character wins (千瓦, 百分点) */
            if (km && !(ku > km && (gr_streq(u, "千瓦") || gr_streq(u, "千瓦时") || gr_streq(u, "千米") ||
                                    gr_streq(u, "千克") || gr_streq(u, "百分点") || gr_streq(u, "千伏") ||
                                    gr_streq(u, "千卡")))) {
                /* after a Chinese numeral a magnitude is part of it, unless 多/余 came between (十多万) */
                if (!chinese || n->approx == GR_APPROX_MIN) {
                    strcat(unit, m);
                    p += km;
                    continue;
                }
            }
        }
        break;
    }
    const char *u = NULL;
    if (!unit[0] && p + 1 < len && s[p] == ' ' && (unsigned char)s[p + 1] >= 0x80 && match_unit(s, len, p + 1, NULL))
        p++; /* one blank before a unit written in Chinese: 2 厘米 */
    if (p == seen_at) /* looked up already, when no magnitude followed */
        k = seen_k, u = seen_u;
    else
        k = match_unit(s, len, p, &u);
    if (k) {
        /* 成 is a tenth (三成, 9成) unless it starts a word: 5成为, 3成立 */
        if (gr_streq(u, "成") && (at(s, len, p + 3, "为") || at(s, len, p + 3, "立") || at(s, len, p + 3, "果") ||
                                at(s, len, p + 3, "本") || at(s, len, p + 3, "绩") || at(s, len, p + 3, "效") ||
                                at(s, len, p + 3, "熟") || at(s, len, p + 3, "功") || at(s, len, p + 3, "员") ||
                                at(s, len, p + 3, "都") || at(s, len, p + 3, "长") || at(s, len, p + 3, "交") ||
                                at(s, len, p + 3, "型") || at(s, len, p + 3, "就") || at(s, len, p + 3, "片") ||
                                at(s, len, p + 3, "套") || at(s, len, p + 3, "网") || at(s, len, p + 3, "规") ||
                                at(s, len, p + 3, "品") || at(s, len, p + 3, "了") || at(s, len, p + 3, "的")))
            k = 0;
        else if (gr_streq(u, "台") && at(s, len, p + 3, "阶")) /* 迈上5万亿台阶: a step, not machines */
            k = 0;
        else if (gr_streq(u, "A") && !(at(s, len, p + 1, "级")))
            k = 0;
        else if (gr_streq(u, "G") && p + 1 < len && ((s[p + 1] >= 'A' && s[p + 1] <= 'Z') || (s[p + 1] >= 'a' && s[p + 1] <= 'z')))
            k = 0;
        else if (gr_streq(u, "余人")) {
            n->approx = GR_APPROX_MIN;
            strcat(unit, "人");
            p += k;
            k = 0;
        }
        if (k) {
            strncat(unit, u, sizeof unit - strlen(unit) - 1);
            p += k;
            /* a rate per unit: 30万元/人, 3.2万元/亩, 1200公斤/亩 */
            static const char *const per[] = {"平方米", "立方米", "千瓦时", "人次", "标箱", "小时", "公斤", "人", "吨",
                                              "亩", "户", "度", "年", "月", "天", "日", "斤", "头", "辆", "床", NULL};
            const char *d = NULL;
            size_t kd;
            if (!strchr(u, '/') && p < len && s[p] == '/' && (kd = match_any(s, len, p + 1, per, &d)) &&
                strlen(unit) + 1 + kd < sizeof unit) {
                strcat(unit, "/");
                strcat(unit, d);
                p += 1 + kd;
            }
        }
    }
    unit[sizeof n->unit - 1] = 0;
    memcpy(n->unit, unit, sizeof n->unit);
    return p;
}

/* The code point at s[i] (i < len), 0xFFFD where the bytes are no UTF-8: gr_utf8_decode, with the
 * characters around numbers (ASCII, three-byte) decoded inline. */
static inline uint32_t cp_at(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] < 0x80)
        return u[0];
    if ((u[0] & 0xF0) == 0xE0 && len - i >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (uint32_t)(u[2] & 0x3F);
        return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? cp : 0xFFFD;
    }
    uint32_t cp;
    gr_utf8_decode(u, len - i, &cp);
    return cp;
}

static int is_han_at(const char *s, size_t len, size_t i)
{
    return i < len && gr_utf8_is_han(cp_at(s, len, i));
}

static void classify(const char *s, size_t len, gr_num *n, int chinese, int whole_cn_ok)
{
    size_t a = n->vstart, e = n->start + n->len;
    const char *u = n->unit;
    n->cls = GR_NUM_QUANTITY;
    n->reason = "";
    /* a per-unit base: 每万人, 每千人口, 每百户 */
    if (before(s, n->start, "每") || before(s, a, "每")) {
        n->cls = GR_NUM_NAME;
        n->reason = "a per-unit base (每万人)";
        return;
    }
    /* part of a code or name with letters: PM2.5, 5G, COVID-19 */
    if (a > 0 && ((s[a - 1] >= 'A' && s[a - 1] <= 'Z') || (s[a - 1] >= 'a' && s[a - 1] <= 'z') ||
                  s[a - 1] == '_')) { /* PM2.5, PM_2.5, PM2.5年均浓度 (whatever follows) */
        n->cls = GR_NUM_NAME;
        n->reason = "part of a name with letters (PM2.5)";
        return;
    }
    if (!whole_cn_ok) {
        n->cls = GR_NUM_NAME;
        n->reason = "Chinese numerals that are no number (a name: 十四五)";
        return;
    }
    /* a lone 零 that begins a word (零部件, 零售, 零距离, 零容忍, 零碳) is no zero; 零年零月 is */
    if (chinese && n->vlen == 3 && !memcmp(s + a, "零", 3)) {
        static const char *const words[] = {"部件", "配件", "售", "距离", "容忍", "碳", "星", "散", "工", "排放", "报告",
                                            "事故", "死亡", "库存", "门槛", "跑腿", "首付", "等待", NULL};
        for (const char *const *w = words; *w; w++)
            if (at(s, len, a + 3, *w)) {
                n->cls = GR_NUM_IDIOM;
                n->reason = "零 that begins a word (零部件, 零售)";
                return;
            }
    }
    if (chinese && !gr_streq(u, "个百分点") && !gr_streq(u, "百分点") && !gr_streq(u, "%") && in_idiom(s, len, a)) {
        /* Arabic numbers are never part of an idiom; 六个百分点 is a figure, not 六个 */
        n->cls = GR_NUM_IDIOM;
        n->reason = "a fixed expression";
        return;
    }
    /* magnitude words alone (万亿元台阶, 千亿级, 百亿) are milestones, not figures, unless a word of
     * approximation makes them one (突破万亿元, 逾千亿) */
    if (chinese && n->approx == GR_APPROX_EXACT && n->vlen >= 3) {
        int only_mag = 1;
        for (size_t i = a; i < a + n->vlen; i += 3)
            if (!(at(s, len, i, "万") || at(s, len, i, "亿") || at(s, len, i, "千") || at(s, len, i, "百") ||
                  at(s, len, i, "萬") || at(s, len, i, "億")))
                only_mag = 0;
        if (only_mag) {
            n->cls = GR_NUM_NAME;
            n->reason = "a magnitude word alone (万亿元台阶)";
            return;
        }
    }
    if (before(s, n->start, "第") || before(s, a, "第")) {
        if (gr_streq(u, "名") || gr_streq(u, "位")) {
            n->cls = GR_NUM_RANK;
            n->reason = "";
            return;
        }
        /* 全国第十五届运动会, 第3次会议: a session or a round counts events, it ranks nothing; nor does
         * a tier (第一方阵, 第一梯队) or the first of its kind (全市第一家) */
        static const char *const tiers[] = {"方阵", "梯队", "方队", "阵营", NULL};
        for (const char *const *c = tiers; *c && !u[0]; c++)
            if (at(s, len, e, *c)) {
                n->cls = GR_NUM_ORDINAL;
                n->reason = "a tier or the first of its kind (第一方阵, 第一家)";
                return;
            }
        static const char *const counters[] = {"届", "次", "期", "批", "轮", "季度", "版", "号", "家", NULL};
        for (const char *const *c = counters; *c; c++)
            if (gr_streq(u, *c)) {
                n->cls = GR_NUM_ORDINAL;
                n->reason = "an ordinal (第…)";
                return;
            }
        size_t w0 = n->start > 30 ? n->start - 30 : 0;
        if (memmem(s + w0, n->start - w0, "排名", 6) || memmem(s + w0, n->start - w0, "排在", 6) ||
            memmem(s + w0, n->start - w0, "位居", 6) || memmem(s + w0, n->start - w0, "居全", 6) ||
            memmem(s + w0, n->start - w0, "位列", 6) || memmem(s + w0, n->start - w0, "名列", 6) ||
            before(s, n->start > 3 ? n->start - 3 : 0, "排名") || before(s, n->start - 3, "居") ||
            before(s, n->start - 3, "列") || before(s, n->start - 3, "排") ||
            before(s, n->start > 3 ? n->start - 3 : 0, "全国") || before(s, n->start > 3 ? n->start - 3 : 0, "全省") ||
            /* 蝉联世界第一, 保持全球第三, 稳居全市第1: a ranking's scope or a verb of holding a place */
            before(s, n->start > 3 ? n->start - 3 : 0, "世界") || before(s, n->start > 3 ? n->start - 3 : 0, "全球") ||
            before(s, n->start > 3 ? n->start - 3 : 0, "全市") || before(s, n->start > 3 ? n->start - 3 : 0, "全区") ||
            memmem(s + w0, n->start - w0, "蝉联", 6) || memmem(s + w0, n->start - w0, "稳居", 6) ||
            before(s, n->start > 3 ? n->start - 3 : 0, "保持")) {
            n->cls = GR_NUM_RANK;
            return;
        }
        n->cls = GR_NUM_ORDINAL;
        n->reason = "an ordinal (第…)";
        return;
    }
    if (chinese && n->vlen == 3 && at(s, len, e, "是") && !u[0]) {
        n->cls = GR_NUM_ORDINAL;
        n->reason = "an enumeration (一是, 二是)";
        return;
    }
    if ((gr_streq(u, "年") || gr_streq(u, "年度")) && is_year_value(n->value) && !n->has_high) {
        n->cls = GR_NUM_YEAR;
        n->reason = "a year";
        return;
    }
    if ((gr_streq(u, "年") || !u[0]) && n->has_high && is_year_value(n->value) && is_year_value(n->high)) {
        n->cls = GR_NUM_YEAR;
        n->reason = "a span of years";
        return;
    }
    if (!u[0] && is_year_value(n->value) && !chinese && n->vlen == 4 &&
        (at(s, len, e, "-") || at(s, len, e, "—") || at(s, len, e, "至"))) {
        n->cls = GR_NUM_YEAR;
        n->reason = "a year";
        return;
    }
    if ((gr_streq(u, "月") && n->value >= 1 && n->value <= 12) ||
        ((gr_streq(u, "日") || gr_streq(u, "号")) && n->value >= 1 && n->value <= 31)) {
        n->cls = GR_NUM_DATE;
        n->reason = "a date";
        return;
    }
    if (gr_streq(u, "届") || (chinese && at(s, len, e, "大") && !u[0]) || gr_streq(u, "期") ||
        (gr_streq(u, "次") && (at(s, len, e, "会议") || at(s, len, e, "全会") || at(s, len, e, "全体会议") ||
                              at(s, len, e, "党代会") || at(s, len, e, "代表大会")))) {
        n->cls = GR_NUM_ORDINAL;
        n->reason = "a meeting, congress or phase";
        return;
    }
    if (quoted(s, len, n->start, e)) {
        n->cls = GR_NUM_NAME;
        n->reason = "inside a quoted name or slogan";
        return;
    }
    size_t ul = strlen(u);
    if (at(s, len, e, "级") || (ul >= 3 && gr_streq(u + ul - 3, "级")) || gr_streq(u, "星") || gr_streq(u, "A") ||
        gr_streq(u, "G")) {
        n->cls = GR_NUM_NAME;
        n->reason = "a class or grade (百亿级, 4A级, 5G)";
        return;
    }
    /* 过10亿元的重大增长点, 超亿元的项目: a threshold before 的 names a category */
    if (n->approx == GR_APPROX_MIN && at(s, len, e, "的") && !before(s, n->start + 0, "超过") &&
        (before(s, a, "过") || before(s, a, "超") || before(s, a, "逾"))) {
        n->cls = GR_NUM_NAME;
        n->reason = "a threshold that names a category (过10亿元的增长点)";
        return;
    }
    /* 世界500强, 百强县: the name of a ranking list */
    if (!u[0] && at(s, len, e, "强")) {
        n->cls = GR_NUM_NAME;
        n->reason = "the name of a ranking list (500强)";
        return;
    }
    /* 过三千亿元城市: 过 and a number before a noun name a category */
    if (n->approx == GR_APPROX_MIN && n->start >= 3 && before(s, n->start + 3, "过") && is_han_at(s, len, e)) {
        n->cls = GR_NUM_NAME;
        n->reason = "a threshold that names a category (过三千亿元城市)";
        return;
    }
    /* 超百亿元企业, 超亿元项目: 超 and a sum of money before the kind of thing it sorts name a category
     * (超1000亿元, 增长5% is a figure: no category noun follows) */
    if (n->approx == GR_APPROX_MIN && n->start >= 3 && before(s, n->start + 3, "超") && ul >= 3 &&
        gr_streq(u + ul - 3, "元")) {
        static const char *const kinds[] = {"企业", "项目", "产业", "集群", "园区", "城市", "县", "工业", "龙头", "大项目", NULL};
        for (const char *const *k = kinds; *k; k++)
            if (at(s, len, e, *k)) {
                n->cls = GR_NUM_NAME;
                n->reason = "a threshold that names a category (超百亿元企业)";
                return;
            }
    }
    /* a capacity that names a plant: 200兆瓦综合利用光伏发电(项目), 5万千瓦风电, 700万吨露天矿 */
    int power = gr_streq(n->base_unit, "千瓦") || gr_streq(n->base_unit, "兆瓦") || gr_streq(n->base_unit, "吉瓦");
    if ((power || gr_streq(n->base_unit, "吨")) && n->approx == GR_APPROX_EXACT && is_han_at(s, len, e)) {
        static const char *const plant[] = {"风电", "光伏", "热电", "火电", "水电", "电站", "电厂", "发电", "机组",
                                            "储能", "露天矿", "煤矿", "矿井", "炼油", "乙烯", "生产线", "综合利用",
                                            "抽水蓄能", "核电", "燃机", "垃圾焚烧", NULL};
        int names_plant = 0;
        for (const char *const *w = plant; *w && !names_plant; w++)
            if (at(s, len, e, *w))
                names_plant = 1;
        /* only after a name (大唐700万吨露天矿); after a verb or a list word it is a figure
         * (推动200万千瓦风电并网, 等402万千瓦机组建成投运) */
        static const char *const figure_before[] = {"等", "和", "及", "、", "推动", "完成", "建成", "新增", "开工", "投产",
                                                    "力争", "突破", "装机", "达到", "达", "超", "近", "约", "累计",
                                                    "实施", "推进", "建设", "改造", "关停", "淘汰", "其中", NULL};
        int after_name = n->start >= 3 && is_han_at(s, len, n->start - 3);
        for (const char *const *w = figure_before; *w && after_name; w++)
            if (before(s, n->start, *w))
                after_name = 0;
        if (names_plant && after_name) {
            n->cls = GR_NUM_NAME;
            n->reason = "a capacity that names a plant (200兆瓦光伏发电项目)";
            return;
        }
    }
    /* threshold qualifiers: 3亿元以上项目, 60岁以上人群, 10万千瓦及以下机组; but a classifier
     * counts the noun after it (实施200个以上节能改造项目) */
    size_t t = e;
    if (n->approx != GR_APPROX_EXACT && t >= 6 && !gr_num_unit_is_classifier(u) &&
        (before(s, t, "以上") || before(s, t, "以下")) && is_han_at(s, len, t) &&
        !at(s, len, t, "的") && !at(s, len, t, "和") && !at(s, len, t, "或") && !at(s, len, t, "等")) {
        n->cls = GR_NUM_NAME;
        n->reason = "a threshold that names a category (3亿元以上项目)";
        return;
    }
    if (!chinese && !u[0] && n->vlen >= 3 && is_han_at(s, len, e) && !at(s, len, e, "多") &&
        n->value == floor(n->value) && !memchr(s + a, '.', n->vlen) &&
        (at(s, len, e, "热线") || at(s, len, e, "工程") || at(s, len, e, "计划") || at(s, len, e, "行动") ||
         at(s, len, e, "模式") || at(s, len, e, "体系") || at(s, len, e, "战略") || at(s, len, e, "机制"))) {
        n->cls = GR_NUM_NAME;
        n->reason = "a number that names something (12345热线)";
        return;
    }
}

/* Reads the number whose numeral token is [a, b) of kind; returns the end of what it consumed. */
static size_t read_one(const char *s, size_t len, int kind, size_t a, size_t b, gr_num *n)
{
    memset(n, 0, sizeof *n);
    int chinese = kind == GR_TOK_CHINESE;
    const char *mag = NULL;
    size_t vend = b, p;
    int ok = 1;
    n->start = a;
    if (kind == GR_TOK_FIRST_PLACE) { /* 居全国首位, 位居榜首: a rank of 1 where a ranking word leads */
        size_t w0 = a > 30 ? a - 30 : 0;
        str win = {s + w0, a - w0};
        n->value = n->base_value = 1;
        n->vstart = a;
        n->vlen = n->len = b - a;
        memcpy(n->unit, "名", sizeof "名");
        memcpy(n->base_unit, "名", sizeof "名");
        if (memmem(win.p, win.n, "居", 3) || memmem(win.p, win.n, "列", 3) || memmem(win.p, win.n, "排名", 6) ||
            memmem(win.p, win.n, "位于", 6) || memmem(win.p, win.n, "占据", 6) || memmem(win.p, win.n, "保持", 6) ||
            memmem(win.p, win.n, "蝉联", 6)) {
            n->cls = GR_NUM_RANK;
            n->reason = "";
        } else {
            n->cls = GR_NUM_IDIOM;
            n->reason = "首位 without a ranking (首位 of importance)";
        }
        return b;
    }
    if (kind == GR_TOK_PERCENT_OF || kind == GR_TOK_PERMILLE_OF || kind == GR_TOK_PERMYRIAD_OF) {
        size_t pos = b, s2, e2;
        int k2 = gr_num_next((const unsigned char *)s, len, &pos, &s2, &e2);
        if ((k2 != GR_TOK_ARABIC && k2 != GR_TOK_CHINESE) || s2 != b) {
            n->cls = GR_NUM_NAME;
            n->vstart = a;
            n->vlen = b - a;
            n->len = b - a;
            n->reason = "百分之 without a number";
            return b;
        }
        ok = numeral(s, len, k2, s2, e2, &n->value, &mag, &vend);
        if (ok == 2) /* 百分之万: a magnitude word alone */
            n->value = 1, ok = 1;
        for (const char *m = mag; m && *m; m += 3) /* 百分之十万: the magnitude is part of the value */
            n->value *= cn_unit(m, strlen(m));
        snprintf(n->unit, sizeof n->unit, "%s", kind == GR_TOK_PERCENT_OF ? "%" : kind == GR_TOK_PERMILLE_OF ? "‰" : "‱");
        n->vstart = s2;
        n->vlen = e2 - s2;
        p = e2;
        chinese = k2 == GR_TOK_CHINESE;
    } else {
        ok = numeral(s, len, kind, a, b, &n->value, &mag, &vend);
        char magword[16];
        if (ok == 2) { /* 万亿, 百亿: the word is its own magnitude */
            memcpy(magword, s + a, b - a);
            magword[b - a] = 0;
            mag = magword;
            vend = a;
            ok = 1;
        }
        n->vstart = a;
        n->vlen = b - a;
        /* fractions: 三分之一, 2/3 */
        if (at(s, len, b, "分之")) {
            size_t pos = b + 6, s2, e2;
            int k2 = gr_num_next((const unsigned char *)s, len, &pos, &s2, &e2);
            double den = n->value, num;
            for (const char *m = mag; m && *m; m += 3) /* 百万分之五: the magnitude multiplies */
                den *= cn_unit(m, strlen(m));
            const char *m2;
            size_t v2;
            if ((k2 == GR_TOK_CHINESE || k2 == GR_TOK_ARABIC) && s2 == b + 6 &&
                numeral(s, len, k2, s2, e2, &num, &m2, &v2) && den != 0 && !m2) {
                n->value = num / den;
                n->vlen = e2 - a;
                size_t pe = read_unit(s, len, e2, NULL, n, 1); /* 四分之一公升 */
                n->len = pe - a;
                set_base(n);
                classify(s, len, n, chinese, ok);
                return pe;
            }
        }
        /* 2/3, 16/5: a fraction in Arabic digits (not a date like 2024/1/5: no second slash) */
        if (kind == GR_TOK_ARABIC && at(s, len, b, "/") && !memchr(s + a, '.', b - a)) {
            size_t pos = b + 1, s2, e2;
            int k2 = gr_num_next((const unsigned char *)s, len, &pos, &s2, &e2);
            if (k2 == GR_TOK_ARABIC && s2 == b + 1 && !at(s, len, e2, "/") && !memchr(s + s2, '.', e2 - s2)) {
                double den = arabic_value(s + s2, e2 - s2);
                if (den != 0) {
                    n->value = n->base_value = n->value / den;
                    if (a >= 1 && s[a - 1] == '-' && (a == 1 || !((s[a - 2] >= '0' && s[a - 2] <= '9') || s[a - 2] == '%'))) {
                        n->value = n->base_value = -n->value; /* -3/2 */
                        n->start = a - 1;
                        n->len = e2 - n->start;
                        classify(s, len, n, chinese, ok);
                        return e2;
                    }
                    n->vlen = e2 - a;
                    n->len = e2 - a;
                    classify(s, len, n, chinese, ok);
                    return e2;
                }
            }
        }
        p = read_unit(s, len, mag ? vend + strlen(mag) : vend, mag, n, chinese);
    }
    /* a range: 4.5%—5%, 6%-7%, 3至5年 */
    size_t q = p, k;
    static const char *const dashes[] = {"——", "—", "–", "-", "~", "～", "至", "到", NULL};
    if ((k = match_any(s, len, q, dashes, NULL))) {
        size_t pos = q + k, s2, e2;
        int k2 = gr_num_next((const unsigned char *)s, len, &pos, &s2, &e2);
        if ((k2 == GR_TOK_ARABIC || k2 == GR_TOK_CHINESE) && s2 == q + k && (k2 == GR_TOK_CHINESE) == chinese) {
            gr_num hi;
            size_t hend = read_one(s, len, k2, s2, e2, &hi);
            int same = !n->unit[0] || gr_streq(n->unit, hi.unit);
            if (same && hi.value >= n->value) {
                if (!n->unit[0])
                    memcpy(n->unit, hi.unit, sizeof n->unit);
                n->high = hi.value;
                n->has_high = 1;
                if (hi.approx != GR_APPROX_EXACT && n->approx == GR_APPROX_EXACT)
                    n->approx = hi.approx;
                p = hend;
                if (hi.len && hi.start + hi.len > p)
                    p = hi.start + hi.len;
            }
        }
    }
    /* 5万4千6百: a chain of smaller magnitudes after a magnitude adds up (written so in lists) */
    if (!chinese && !n->has_high && n->unit[0] && (gr_streq(n->unit, "万") || gr_streq(n->unit, "亿") ||
                                                   gr_streq(n->unit, "萬") || gr_streq(n->unit, "億") ||
                                                   gr_streq(n->unit, "千") || gr_streq(n->unit, "百"))) {
        double mag = gr_streq(n->unit, "万") || gr_streq(n->unit, "萬") ? 1e4 : gr_streq(n->unit, "千") ? 1e3
                   : gr_streq(n->unit, "百") ? 100 : 1e8, total = n->value * mag, last = mag;
        size_t q2 = p;
        for (;;) {
            int zero = at(s, len, q2, "零"); /* 1千零20 */
            size_t pos = q2 + (zero ? 3 : 0), s2, e2;
            if (zero) {
                int k0 = gr_num_next((const unsigned char *)s, len, &pos, &s2, &e2);
                if (k0 != GR_TOK_ARABIC || s2 != q2 + 3)
                    break;
                double v0 = arabic_value(s + s2, e2 - s2);
                if (v0 >= last / 10 || v0 != floor(v0))
                    break;
                total += v0;
                q2 = e2;
                break;
            }
            int k2 = gr_num_next((const unsigned char *)s, len, &pos, &s2, &e2);
            if (k2 != GR_TOK_ARABIC || s2 != q2)
                break;
            double v2 = arabic_value(s + s2, e2 - s2);
            static const struct { const char *w; double m; } mags[] = {
                {"万", 1e4}, {"萬", 1e4}, {"千", 1e3}, {"仟", 1e3}, {"百", 100}, {"佰", 100}, {"十", 10}, {NULL, 0}};
            double m2 = 0;
            size_t ml = 0;
            for (int i = 0; mags[i].w; i++)
                if (at(s, len, e2, mags[i].w)) {
                    m2 = mags[i].m;
                    ml = strlen(mags[i].w);
                    break;
                }
            if (!m2 || m2 >= last || v2 != floor(v2) || v2 >= last / m2) /* 5万4千: 4 < 10 */
                break;
            total += v2 * m2;
            last = m2;
            q2 = e2 + ml;
        }
        if (q2 > p) {
            n->value = total / mag;
            p = q2;
        }
    }
    /* approximation words before and after */
    size_t best = 0; /* the longest word wins: 不超过 over 超过 */
    if (gr_streq(n->unit, "番") && before(s, a, "翻")) /* 接近翻一番: the word stands before 翻 */
        a -= 3;
    for (int i = 0; a >= 1 && pre_last[(unsigned char)s[a - 1]] && pre_approx[i].w; i++)
        if (pre_approx[i].n > best && a >= pre_approx[i].n && s[a - 1] == pre_approx[i].w[pre_approx[i].n - 1] &&
            !memcmp(s + a - pre_approx[i].n, pre_approx[i].w, pre_approx[i].n)) {
            /* 过 alone means "over" (产值过10亿元), not in 通过, 经过, 越过, 跨过, 度过, 不过 */
            if (gr_streq(pre_approx[i].w, "过") && a >= 6 &&
                (before(s, a - 3, "通") || before(s, a - 3, "经") || before(s, a - 3, "越") ||
                 before(s, a - 3, "跨") || before(s, a - 3, "度") || before(s, a - 3, "不") ||
                 before(s, a - 3, "超") || before(s, a - 3, "错") || before(s, a - 3, "闯")))
                continue;
            best = pre_approx[i].n;
            n->approx = pre_approx[i].a;
            n->start = a - best;
        }
    const char *w = NULL;
    for (int i = 0; post_approx[i].w; i++)
        if (p + post_approx[i].n <= len && s[p] == post_approx[i].w[0] &&
            !memcmp(s + p, post_approx[i].w, post_approx[i].n)) {
            n->approx = post_approx[i].a;
            w = post_approx[i].w;
            break;
        }
    if (w)
        p += strlen(w);
    /* a sign: 负 or a minus that follows no digit or letter (增长-0.5%; not 2020-2025, 5%-6%) */
    size_t sa = n->start;
    /* 负 right before the numeral and not inside a word (减负, 负债): a sign */
    size_t sb = before(s, sa, " ") ? sa - 1 : sa;
    int sign_word = 0;
    if (sa == n->vstart && (before(s, sb, "负") || before(s, sb, "負"))) {
        uint32_t pre = sb >= 6 ? cp_at(s, sb - 3, sb - 6) : 0; /* the character before 负 */
        sign_word = !gr_utf8_is_han(pre) || pre == 0x4E3A /* 为 */ || pre == 0x662F /* 是 */ ||
                    pre == 0x81F3 /* 至 */ || pre == 0x5230 /* 到 */ || pre == 0x8FBE /* 达 */;
    }
    if (sign_word) {
        n->value = -n->value, n->high = -n->high;
        n->start = sa - (before(s, sa, " ") ? 4 : 3);
    } else if (sa >= 2 && s[sa - 1] == ' ' && s[sa - 2] == '-' && (sa == 2 || s[sa - 3] == ' ' || s[sa - 3] == '\n')) {
        n->value = -n->value, n->high = -n->high; /* "- 1,200,000" at the start of a line */
        n->start = sa - 2;
    } else if (sa >= 1 && s[sa - 1] == '-' && n->vstart == sa &&
               !(sa >= 2 && ((s[sa - 2] >= '0' && s[sa - 2] <= '9') || s[sa - 2] == '%' ||
                             (s[sa - 2] >= 'A' && s[sa - 2] <= 'Z') || (s[sa - 2] >= 'a' && s[sa - 2] <= 'z') ||
                             s[sa - 2] == '.' || s[sa - 2] == '-'))) {
        n->value = -n->value, n->high = -n->high;
        n->start = sa - 1;
    }
    n->len = p - n->start;
    set_base(n);
    classify(s, len, n, chinese, ok);
    return p;
}

/* The scanner's and the lexicon's tables, built once for all scans. */
static once_flag lexicon_once = ONCE_FLAG_INIT;

static void build_lexicon(void)
{
    gr_num_scan_init();
    build_unit_index();
    build_idiom_index();
    build_pre_last();
}

static gr_status scan(const char *s, size_t len, gr_num **out, size_t *count);

gr_status gr_num_scan(const char *text, size_t len, gr_num **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    /* the scanner needs a NUL sentinel at len */
    char *s = malloc(len + 1);
    if (!s)
        return GR_ENOMEM;
    memcpy(s, text, len);
    s[len] = 0;
    gr_status st = scan(s, len, out, count);
    free(s);
    return st;
}

gr_status gr_num_scan_nul(const char *text, size_t len, gr_num **out, size_t *count)
{
    if (text[len]) /* not as promised: scan a copy */
        return gr_num_scan(text, len, out, count);
    *out = NULL;
    *count = 0;
    return scan(text, len, out, count);
}

/* The scan of s[0..len), s[len] == 0. */
static gr_status scan(const char *s, size_t len, gr_num **out, size_t *count)
{
    call_once(&lexicon_once, build_lexicon);
    size_t cap = len / 64 + 64, n = 0; /* reports hold a number in about every 120 bytes: rarely regrown */
    gr_num *v = malloc(cap * sizeof *v);
    if (!v)
        return GR_ENOMEM;
    size_t pos = 0, a, b;
    int kind;
    while ((kind = gr_num_next((const unsigned char *)s, len, &pos, &a, &b)) != GR_TOK_END) {
        if (n == cap) {
            gr_num *q = realloc(v, cap * 2 * sizeof *v);
            if (!q) {
                free(v);
                return GR_ENOMEM;
            }
            v = q;
            cap *= 2;
        }
        size_t end = read_one(s, len, kind, a, b, &v[n]);
        /* a Chinese run inside a word (一般, 统一) that carries no unit is no number at all */
        int compound = end - a >= 6 && v[n].value != 0; /* 十二万三千, 三分之一, 六点五 */
        /* one financial or traditional numeral alone is a word (登陆, 拾起, 队伍), not a number */
        if (kind == GR_TOK_CHINESE && b - a == 3 &&
            (at(s, len, a, "壹") || at(s, len, a, "贰") || at(s, len, a, "叁") || at(s, len, a, "肆") ||
             at(s, len, a, "伍") || at(s, len, a, "陆") || at(s, len, a, "柒") || at(s, len, a, "捌") ||
             at(s, len, a, "玖") || at(s, len, a, "拾") || at(s, len, a, "佰") || at(s, len, a, "仟") ||
             at(s, len, a, "陸") || at(s, len, a, "參")) && v[n].cls == GR_NUM_QUANTITY) {
            uint32_t cb = a >= 3 ? cp_at(s, a, a - 3) : 0, ca = b < len ? cp_at(s, len, b) : 0;
            if (gr_utf8_is_han(cb) || gr_utf8_is_han(ca))
                v[n].cls = GR_NUM_NAME, v[n].reason = "a financial numeral used as a word (登陆, 拾起)";
        }
        if (kind == GR_TOK_CHINESE && !v[n].unit[0] && v[n].cls == GR_NUM_QUANTITY && !compound) {
            /* a numeral standing alone (十, 〇 between punctuation or blanks) is a number, not part of a word */
            uint32_t cpb = a >= 3 ? cp_at(s, a, a - 3) : 0, cpa = end < len ? cp_at(s, len, end) : 0;
            if (gr_utf8_is_han(cpb) || gr_utf8_is_han(cpa))
                v[n].cls = GR_NUM_NAME, v[n].reason = "Chinese numerals inside a word";
        }
        /* a Chinese run that is no number must not swallow what follows it */
        pos = kind == GR_TOK_CHINESE && (v[n].cls == GR_NUM_NAME || v[n].cls == GR_NUM_IDIOM) ? b
              : end > b ? end : b;
        n++;
    }
    *out = v;
    *count = n;
    return GR_OK;
}

void gr_num_free(gr_num *nums) { free(nums); }

const char *gr_num_class_name(gr_num_class c)
{
    static const char *const n[] = {"quantity", "year", "date", "ordinal", "rank", "name", "idiom"};
    return (unsigned)c < 7 ? n[c] : "";
}

const char *gr_approx_name(gr_approx a)
{
    static const char *const n[] = {"exact", "about", "min", "max"};
    return (unsigned)a < 4 ? n[a] : "";
}
