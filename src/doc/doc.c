/* doc.c - the document layer: paragraphs, sentences, parts, headings, metadata and site
 * boilerplate of a report, read off the normalized text.
 *
 * A report has a fixed shape (DOMAIN.md): a front (title, meeting line, speaker), the salutation
 * 各位代表, numbered parts (review, plan, key work, the government's own building), a closing call,
 * sometimes notes; scraped copies add site furniture before the title and after the end. The
 * parser finds the anchors of that shape first (title, meeting line, salutation, closing call,
 * the first footer marker) and classifies everything relative to them, so a menu word inside the
 * report body is never taken for furniture and furniture between anchors is never taken for text.
 */
#define _GNU_SOURCE
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/str.h"
#include "../util/swar.h"
#include "../util/utf8.h"
#include "region.h"
#include "scope.h"

/* The front of a report (title, meeting line, speaker, salutation) lies in its first paragraphs;
 * scraped pages put at most a few dozen menu lines before it. */
#define FRONT_SCAN 80

typedef gr_str str;

/* A crawler's header lines (crawler_header): the values, empty where absent. */
struct crawl {
    gr_str title, issuer, date, speaker;
    size_t lines;
};

/* Where the region came from, in the order of trust (gr_meta.region_source says which). */
/* EV_BODY: the opening says whose government reports (我代表容城县人民政府); EV_MENTIONS: the
 * division the body names most (a guess, said so as "body"). */
enum { EV_OPTION, EV_MEETING, EV_TITLE, EV_CRAWLER, EV_SPEAKER, EV_BODY, EV_MENTIONS, EV_FILE, EV_N };
static const char *const ev_names[EV_N] = {"option", "meeting line", "title", "crawler header", "speaker", "opening",
                                           "body", "file name"};
static str para_str(const gr_doc *d, size_t i)
{
    return (str){d->text.s + d->paras[i].start, d->paras[i].len};
}

static const char *keep(gr_doc *d, const char *p, size_t n)
{
    if (d->nowned >= GR_DOC_MAX_OWNED)
        return NULL;
    char *s = malloc(n + 1);
    if (!s) {
        d->oom = 1; /* not "no such field": the parse fails */
        return NULL;
    }
    memcpy(s, p, n);
    s[n] = 0;
    d->owned[d->nowned++] = s;
    return s;
}

/* ---- numerals in dates ---------------------------------------------------------------------- */

static int cn_digit(const char *p, size_t n, int *len)
{
    static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "零", "O", "○"};
    static const int v[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0};
    if (n && p[0] >= '0' && p[0] <= '9') {
        *len = 1;
        return p[0] - '0';
    }
    for (int i = 0; i < 13; i++) {
        size_t k = strlen(d[i]);
        if (n >= k && !memcmp(p, d[i], k)) {
            *len = (int)k;
            return v[i];
        }
    }
    return -1;
}

/* A number of up to 4 digits, Arabic or Chinese (二〇二六, 二十七, 十二): returns the value and the
 * bytes read in *used, or -1. */
static int small_number(const char *p, size_t n, size_t *used)
{
    size_t i = 0;
    int val = 0, digits = 0, k;
    if (n >= 3 && !memcmp(p, "十", 3)) { /* 十, 十二 */
        i = 3;
        val = 10;
        int dv = i < n ? cn_digit(p + i, n - i, &k) : -1;
        if (dv > 0) {
            val += dv;
            i += (size_t)k;
        }
        *used = i;
        return val;
    }
    while (i < n && digits < 4) {
        int dv = cn_digit(p + i, n - i, &k);
        if (dv < 0)
            break;
        if (i + (size_t)k + 3 <= n && !memcmp(p + i + k, "十", 3)) { /* 二十, 二十七 */
            val = val * 100 + dv * 10;
            i += (size_t)k + 3;
            int dv2 = i < n ? cn_digit(p + i, n - i, &k) : -1;
            if (dv2 > 0) {
                val += dv2;
                i += (size_t)k;
            }
            *used = i;
            return val;
        }
        val = val * 10 + dv;
        digits++;
        i += (size_t)k;
    }
    if (!digits)
        return -1;
    *used = i;
    return val;
}

int gr_doc_parse_year(const char *s, size_t n)
{
    size_t used;
    int y = small_number(s, n, &used);
    return y >= 1949 && y <= 2100 && used == n ? y : 0;
}

/* Finds a date "Y年M月D日" in s; writes YYYY-MM-DD to out (11 bytes) and returns the year, or 0. */
static int find_date(str s, char *out)
{
    for (size_t i = 0; i < s.n; i++) {
        size_t u1, u2, u3;
        int y = small_number(s.p + i, s.n - i, &u1);
        if (y < 1949 || y > 2100)
            continue;
        size_t j = i + u1;
        if (j + 3 > s.n || memcmp(s.p + j, "年", 3))
            continue;
        j += 3;
        int m = small_number(s.p + j, s.n - j, &u2);
        if (m < 1 || m > 12 || j + u2 + 3 > s.n || memcmp(s.p + j + u2, "月", 3))
            continue;
        j += u2 + 3;
        int d = small_number(s.p + j, s.n - j, &u3);
        if (d < 1 || d > 31 || j + u3 + 3 > s.n ||
            (memcmp(s.p + j + u3, "日", 3) && memcmp(s.p + j + u3, "号", 3)))
            continue;
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        return y;
    }
    return 0;
}

/* The first year "20xx年" (Arabic) in s, or 0. */
static int first_year(str s)
{
    for (size_t i = 0; i + 7 <= s.n; i++) {
        if (s.p[i] < '1' || s.p[i] > '2' || (i && s.p[i - 1] >= '0' && s.p[i - 1] <= '9'))
            continue;
        int y = 0, k = 0;
        while (k < 4 && s.p[i + k] >= '0' && s.p[i + k] <= '9')
            y = y * 10 + (s.p[i + k++] - '0');
        if (k == 4 && !memcmp(s.p + i + 4, "年", 3) && y >= 1949 && y <= 2100)
            return y;
    }
    return 0;
}

/* ---- headings and parts --------------------------------------------------------------------- */

static size_t cn_numeral_run(const char *p, size_t n)
{
    static const char *const d[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    size_t i = 0;
    for (;;) {
        const char *const *x;
        for (x = d; *x; x++)
            if (n - i >= 3 && !memcmp(p + i, *x, 3))
                break;
        if (!*x)
            return i;
        i += 3;
    }
}

static int part_keyword(str s, int *kind);
static int part_keyword_in(str s, int *kind, int plan_year);

/* Does a heading speak of five years: 五年, a five-year plan by its number (“十一五” to “十六五”, and
 * the tenth, “十五”)? */
static int names_five_years(str s)
{
    return gr_str_has(s, "五年") || gr_str_has(s, "十一五") || gr_str_has(s, "十二五") || gr_str_has(s, "十三五") ||
           gr_str_has(s, "十四五") || gr_str_has(s, "十五五") || gr_str_has(s, "十六五") || gr_str_has(s, "十五”");
}

static int heading_level(str s, int plan_year)
{
    size_t k = cn_numeral_run(s.p, s.n);
    if (k && k <= 6 && s.n >= k + 3 && !memcmp(s.p + k, "、", 3))
        return 1;
    if (s.n > 2 && s.p[0] == '(') {
        k = cn_numeral_run(s.p + 1, s.n - 1);
        if (k && k <= 6 && s.n > k + 1 && s.p[1 + k] == ')')
            return 2;
    }
    size_t i = 0;
    while (i < s.n && i < 3 && s.p[i] >= '0' && s.p[i] <= '9')
        i++;
    if (i && i < s.n && (s.p[i] == '.' || (s.n - i >= 3 && !memcmp(s.p + i, "、", 3)))) {
        size_t j = i + (s.p[i] == '.' ? 1 : 3);
        if (j < s.n && !(s.p[j] >= '0' && s.p[j] <= '9'))
            return 3;
    }
    int kind; /* 30 characters are at most 120 bytes: long paragraphs are not counted */
    if (s.n <= 120 && gr_str_nchars(s) <= 30 && !gr_str_has(s, "。") && part_keyword_in(s, &kind, plan_year))
        return 1;
    return 0;
}

/* Classifies a part heading by its words. Returns 1 and sets *kind when it says which part. A
 * heading that names a year from the plan year on (二、2024年主要目标, 三、2021年主要工作, 关于2012年
 * 政府工作) is the plan, not a review, whatever its other words; plan_year is 0 when not known. */
static int part_keyword_in(str s, int *kind, int plan_year)
{
    int y = first_year(s);
    int five = names_five_years(s);
    if (y && plan_year && y >= plan_year && !five && !gr_str_has(s, "回顾") && !gr_str_has(s, "成就") &&
        !gr_str_has(s, "成绩") && !gr_str_has(s, "名词") && !gr_str_has(s, "注释") &&
        (gr_str_has(s, "工作") || gr_str_has(s, "目标") || gr_str_has(s, "任务") || gr_str_has(s, "要求") ||
         gr_str_has(s, "思路") || gr_str_has(s, "安排") || gr_str_has(s, "谋划"))) {
        *kind = gr_str_has(s, "目标") || gr_str_has(s, "要求") || gr_str_has(s, "思路") ? GR_PART_PLAN : GR_PART_WORK;
        return 1;
    }
    return part_keyword(s, kind);
}

static int part_keyword(str s, int *kind)
{
    if (gr_str_starts(s, "附件") && (gr_str_has(s, "实事") || gr_str_has(s, "目标") || gr_str_has(s, "任务"))) {
        *kind = GR_PART_WORK; /* an appendix of this year's pledges (十件民生实事): targets */
        return 1;
    }
    if (gr_str_has(s, "名词解释") || gr_str_has(s, "注释") || gr_str_starts(s, "附件") || gr_str_has(s, "名词注释")) {
        *kind = GR_PART_NOTES;
        return 1;
    }
    if (gr_str_has(s, "自身建设")) {
        *kind = GR_PART_SELF;
        return 1;
    }
    /* the next five years' goals: 二、“十五五”时期主要目标任务, …发展成就和“十四五”时期主要目标任务 */
    if (gr_str_has(s, "目标") && (gr_str_has(s, "十四五") || gr_str_has(s, "十五五") || gr_str_has(s, "十六五") || gr_str_has(s, "今后五年") ||
                          gr_str_has(s, "未来五年"))) {
        *kind = GR_PART_FIVE_YEAR_PLAN;
        return 1;
    }
    if (gr_str_has(s, "总体要求") || gr_str_has(s, "预期目标") || gr_str_has(s, "政策取向") || gr_str_has(s, "目标任务") ||
        gr_str_has(s, "总体思路") || gr_str_has(s, "总体安排")) {
        *kind = GR_PART_PLAN;
        return 1;
    }
    if (gr_str_has(s, "今后五年") || gr_str_has(s, "未来五年") || gr_str_has(s, "“十五五”") || gr_str_has(s, "“十四五”时期主要目标") ||
        gr_str_has(s, "规划纲要")) {
        if (!gr_str_has(s, "回顾") && !gr_str_has(s, "成就") && !gr_str_has(s, "成绩")) {
            *kind = GR_PART_FIVE_YEAR_PLAN;
            return 1;
        }
    }
    if (gr_str_has(s, "回顾") || gr_str_has(s, "主要工作") || gr_str_has(s, "工作成就") || gr_str_has(s, "发展成就") ||
        gr_str_has(s, "主要成绩") || gr_str_has(s, "过去一年") || gr_str_has(s, "过去五年")) {
        int year = first_year(s) || gr_str_has(s, "过去一年") || gr_str_has(s, "2025年") || gr_str_has(s, "主要工作");
        int five = names_five_years(s);
        *kind = five && !year ? GR_PART_FIVE_YEAR : GR_PART_REVIEW;
        return 1;
    }
    if (gr_str_has(s, "今年") || gr_str_has(s, "总体部署") || gr_str_has(s, "工作的建议") || gr_str_has(s, "工作建议")) {
        *kind = GR_PART_PLAN; /* 二、对今年政府工作的建议 (older national reports) */
        return 1;
    }
    if (gr_str_has(s, "重点工作") || gr_str_has(s, "主要任务") || gr_str_has(s, "重点任务") || gr_str_has(s, "工作安排") ||
        gr_str_has(s, "工作任务")) {
        *kind = GR_PART_WORK;
        return 1;
    }
    return 0;
}

/* ---- boilerplate ---------------------------------------------------------------------------- */

static const char *const menu_words[] = {
    "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", "【", "小", "中", "大", "|", "×",
    ">", "首页", "分享", "分享:", "分享到:", "打印本页", "关闭窗口", "网站地图", "验证码:", "来源:",
    "时间:", "发表时间:", "阅读量:", "相关报道:", "相关文档:", "分享到微信", "扫一扫在手机打开当前页",
    "【字号:", "【字体:", "【字体:大中小】", "当前位置:", "您的位置:", NULL};
static const char *const furniture_prefixes[] = {
    "来源:", "时间:", "发表时间", "本文地址", "留言与评论", "本文仅代表作者观点", "责任编辑", "编辑:",
    "(来源:", "【字号", "【字体", "相关报道", "打印本页", "关闭窗口", "》》点击", "分享到", "当前位置",
    "您的位置", "版权所有", "Copyright", "扫一扫", "网站地图", "验证码", "相关文档", "上一篇", "下一篇",
    "This work", "本作品", "Public domain", "PD-", "作者:", "阅读:", "评论:", "内容摘要:", "浏览次数", "添加时间",
    NULL};
/* Markers that only ever follow a report: from the first of them on, everything is furniture. */
static const char *const footer_markers[] = {
    "相关报道", "打印本页", "关闭窗口", "本文地址", "留言与评论", "本文仅代表作者观点", "扫一扫在手机打开",
    "相关文档", "网站地图", "》》点击", "责任编辑", "This work is in the public domain", "本作品在全世界都属于公有领域",
    "Public domain", "上一篇", "下一篇", "相关文章", "本栏最新", "本栏推荐", "阅读排行", "标签云", NULL};

static int is_furniture(str s)
{
    for (const char *const *w = menu_words; *w; w++)
        if (s.n == strlen(*w) && !memcmp(s.p, *w, s.n))
            return 1;
    for (const char *const *w = furniture_prefixes; *w; w++)
        if (gr_str_starts(s, *w))
            return 1;
    /* a bare time stamp: 2026-02-09 09:45:30, 2026年02月10日 07时41分 */
    if (s.n <= 30 && s.n >= 10 && s.p[0] == '2' && s.p[1] == '0' &&
        ((s.p[4] == '-' && s.p[7] == '-') || (gr_str_has(s, "时") && gr_str_has(s, "分"))))
        return 1;
    /* a photo caption: …作政府工作报告。本报记者 戴冰摄 */
    if (gr_str_has(s, "记者") || (gr_str_ends(s, "摄") && gr_str_has(s, "作政府工作报告")))
        return 1;
    return 0;
}

static int is_footer_marker(str s)
{
    for (const char *const *w = footer_markers; *w; w++)
        if (gr_str_starts(s, *w) || (s.n < 200 && !strcmp(*w, "Public domain") && gr_str_has(s, *w)))
            return 1;
    return 0;
}

/* ---- metadata ------------------------------------------------------------------------------- */

static const char *const offices[] = {"代理省长", "代理市长", "代理主席", "代省长", "省长", "代市长", "市长", "代区长", "区长", "代县长",
                                      "县长", "代旗长", "旗长", "代州长", "州长", "代主席", "主席",
                                      "总理", "代盟长", "盟长", NULL};

/* If s is a speaker line (浙江省省长 刘捷, 湖北省人民政府代省长李殿勋, 国务院总理), sets the office and
 * the name (the name may be empty when it stands on the next line) and returns 1. */
static int is_bare_name(str s);

static int speaker_line(str s, str *office, str *name)
{
    const char *gw = memmem(s.p, s.n, "各位代表", 12);
    if (gw && gw > s.p) /* a one-line scrape: 上海市市长 应勇 各位代表:… */
        s.n = (size_t)(gw - s.p);
    if (gr_str_nchars(s) > 32 || gr_str_has(s, "。") || gr_str_has(s, ",") || gr_str_has(s, "作政府工作报告") || gr_str_has(s, "代表"))
        return 0;
    for (size_t i = 0; i < s.n; i++) {
        for (const char *const *o = offices; *o; o++) {
            size_t k = strlen(*o);
            if (s.n - i < k || memcmp(s.p + i, *o, k))
                continue;
            /* what precedes must be a region or body: 省, 市, 区, 政府, 国务院, 自治区 … or nothing */
            str pre = {s.p, i};
            if (i && !(gr_str_ends(pre, "省") || gr_str_ends(pre, "市") || gr_str_ends(pre, "区") || gr_str_ends(pre, "县") ||
                       gr_str_ends(pre, "旗") || gr_str_ends(pre, "州") || gr_str_ends(pre, "政府") || gr_str_ends(pre, "国务院") ||
                       gr_str_ends(pre, "盟") || gr_str_ends(pre, " ")))
                continue;
            size_t j = i + k;
            while (j < s.n && (s.p[j] == ' ' || s.p[j] == '?')) /* ? where a scrape lost a NBSP */
                j++;
            str rest = {s.p + j, s.n - j};
            if (gr_str_nchars(rest) > 10)
                return 0;
            /* a name: Han characters, maybe a middle dot, maybe spaced (龚 正) */
            for (size_t q = 0; q < rest.n;) {
                uint32_t cp;
                int len = gr_utf8_decode((const unsigned char *)rest.p + q, rest.n - q, &cp);
                if (!len || !(gr_utf8_is_han(cp) || cp == ' ' || cp == 0xB7 || cp == 0x30FB || cp == 0x2022))
                    return 0;
                q += (size_t)len;
            }
            *office = (str){*o, k};
            *name = rest;
            return 1;
        }
    }
    /* the name first: 龚正市长 */
    for (const char *const *o = offices; *o; o++) {
        str nm = {s.p, s.n - (s.n >= strlen(*o) ? strlen(*o) : 0)};
        if (gr_str_ends(s, *o) && nm.n && is_bare_name(nm)) {
            *office = (str){*o, strlen(*o)};
            *name = nm;
            return 1;
        }
    }
    return 0;
}

static const char *keep_name(gr_doc *d, str n)
{
    if (gr_str_ends(n, "同志")) /* 殷勇同志 */
        n.n -= 6;
    char tmp[64];
    size_t k = 0;
    for (size_t i = 0; i < n.n && k + 1 < sizeof tmp; i++)
        if (n.p[i] != ' ')
            tmp[k++] = n.p[i];
    return k ? keep(d, tmp, k) : NULL;
}

static int is_bare_name(str s)
{
    size_t c = gr_str_nchars(s);
    if (c < 2 || c > 5)
        return 0;
    for (size_t q = 0; q < s.n;) {
        uint32_t cp;
        int len = gr_utf8_decode((const unsigned char *)s.p + q, s.n - q, &cp);
        if (!len || !(gr_utf8_is_han(cp) || cp == ' '))
            return 0;
        q += (size_t)len;
    }
    return 1;
}

static void set_region(gr_doc *d, const gr_region *r)
{
    gr_meta *m = &d->meta;
    m->region = r->name;
    m->region_code = r->code;
    m->level = r->level;
    m->province_code = r->province_code[0] ? r->province_code : NULL;
    m->city_code = r->city_code[0] ? r->city_code : NULL;
}

/* The division named at p, descending into the one named right after it when that lies inside
 * it: 呼伦贝尔市海拉尔区, 保定市满城区, 河北省保定市 -> the last. *whole says whether p[0..n) is just
 * those names, each written in full. */
static const gr_region *descend(const char *p, size_t n, const char *hint, size_t hl, int *whole)
{
    const gr_region *r = gr_region_find(p, n, hint, hl);
    *whole = r != NULL;
    while (r) {
        size_t k = strlen(r->name);
        if (k > n || memcmp(p, r->name, k))
            *whole = 0;
        const gr_region *sub = k < n ? gr_region_find(p + k, n - k, hint, hl) : NULL;
        if (!sub || (strcmp(sub->city_code, r->code) && strcmp(sub->province_code, r->code))) {
            if (k != n)
                *whole = 0;
            break;
        }
        p += k, n -= k;
        r = sub;
    }
    return r;
}

/* The division named at p, told apart by the names in the text's first 20,000 bytes. */
static const gr_region *region_at(const gr_doc *d, const char *p, size_t n)
{
    int whole;
    return descend(p, n, d->text.s, d->text.len < 20000 ? d->text.len : 20000, &whole);
}

/* The division s[0..n) names whole (a name, a former name, a city's name and then a county's, or
 * a code), or NULL: what a user gives as --region. */
static const gr_region *region_named(const char *s, size_t n)
{
    if (n == 6 && s[0] >= '0' && s[0] <= '9') {
        char code[7];
        memcpy(code, s, 6);
        code[6] = 0;
        return gr_region_by_code(code);
    }
    int whole;
    const gr_region *r = descend(s, n, NULL, 0, &whole);
    return whole ? r : NULL;
}

/* Region from the text after 在 in a meeting line: 在连州市第十六届…, 在第十四届全国人民代表大会… */
static const gr_region *region_from_meeting(const gr_doc *d, str m)
{
    if (gr_str_has(m, "全国人民代表大会"))
        return gr_region_by_code("000000");
    const char *at = memmem(m.p, m.n, "日在", 6);
    const char *p = at ? at + 6 : NULL;
    if (!p) {
        at = memmem(m.p, m.n, "在", 3);
        p = at ? at + 3 : NULL;
    }
    if (!p)
        return NULL;
    return region_at(d, p, (size_t)(m.p + m.n - p));
}

static const gr_region *region_in(const gr_doc *d, str s)
{
    for (size_t i = 0; i < s.n; i++) {
        if (((unsigned char)s.p[i] & 0xC0) == 0x80)
            continue;
        const gr_region *r = region_at(d, s.p + i, s.n - i);
        if (r && strlen(r->name) >= 6)
            return r;
    }
    return NULL;
}

/* ---- the parse ------------------------------------------------------------------------------ */

/* A page that runs a whole report into one line keeps its paragraphs apart with spaces (…稳步改善。
 * 一年来，我们… 二、2024年主要任务 今年是…): in a line of over ONE_LINE_BYTES, a run of spaces
 * after a non-ASCII character or a closing mark (! ? ; : ) ") and before a non-ASCII character ends a
 * paragraph, when the line has ONE_LINE_BREAKS or more of
 * them (a line with a few is a sentence that spaces a name: 上海市市长 应勇). Returns the number of
 * such breaks in [a, b) (all of them, or 0 when the line is no such page). */
enum { ONE_LINE_BYTES = 4000, ONE_LINE_BREAKS = 20 };

static int space_break_at(const char *t, size_t a, size_t b, size_t i, size_t *next)
{
    if (t[i] != ' ' || i == a || !((unsigned char)t[i - 1] & 0x80 || strchr("!?;:)\"", t[i - 1])))
        return 0;
    size_t j = i;
    while (j < b && t[j] == ' ')
        j++;
    if (j >= b || !((unsigned char)t[j] & 0x80))
        return 0;
    *next = j;
    return 1;
}

static size_t space_breaks(const char *t, size_t a, size_t b)
{
    if (b - a <= ONE_LINE_BYTES)
        return 0;
    size_t n = 0, j;
    for (size_t i = a; i < b; i++)
        if (space_break_at(t, a, b, i, &j))
            n++, i = j - 1;
    return n >= ONE_LINE_BREAKS ? n : 0;
}

static int split_paragraphs(gr_doc *d)
{
    const char *t = d->text.s, *end = t + d->text.len, *nl;
    size_t n = 0, s = 0;
    for (const char *q = t; q < end && (nl = memchr(q, '\n', (size_t)(end - q))); q = nl + 1) {
        n += 1 + space_breaks(t, s, (size_t)(nl - t));
        s = (size_t)(nl - t) + 1;
    }
    d->paras = calloc(n ? n : 1, sizeof *d->paras);
    if (!d->paras)
        return -1;
    s = 0;
    for (const char *q = t; q < end && (nl = memchr(q, '\n', (size_t)(end - q))); q = nl + 1) {
        size_t i = (size_t)(nl - t), j;
        if (space_breaks(t, s, i))
            for (size_t k = s; k < i; k++)
                if (space_break_at(t, s, i, k, &j)) {
                    d->paras[d->npara++] = (gr_para){.start = s, .len = k - s, .section = -1, .part = GR_PART_REVIEW};
                    s = j;
                    k = j - 1;
                }
        gr_para *p = &d->paras[d->npara++];
        p->start = s;
        p->len = i - s;
        p->section = -1;
        p->part = GR_PART_REVIEW;
        s = i + 1;
    }
    return 0;
}

static inline int may_end_sentence(unsigned char c)
{
    return c == '!' || c == '?' || c == ';' || c == 0xE3 || c == 0xEF;
}

/* Sentences end at 。！？；!?; (with a closing quote or bracket that follows) and at the end of
 * the paragraph. A heading line is one sentence. */
static int split_sentences(gr_doc *d)
{
    size_t cap = d->npara * 4 + 16;
    d->sents = malloc(cap * sizeof *d->sents);
    if (!d->sents)
        return -1;
    for (size_t pi = 0; pi < d->npara; pi++) {
        gr_para *p = &d->paras[pi];
        p->sentence = d->nsent;
        const char *t = d->text.s + p->start;
        size_t s = 0, i = 0;
        while (i <= p->len) {
            /* only ! ? ; and the lead bytes of 。 and ；！？ can end a sentence: step over the rest */
            while (i + 8 <= p->len) {
                uint64_t w = gr_swar_load(t + i);
                if (gr_swar_eq(w, '!') | gr_swar_eq(w, '?') | gr_swar_eq(w, ';') | gr_swar_eq(w, 0xE3) |
                    gr_swar_eq(w, 0xEF))
                    break;
                i += 8;
            }
            while (i < p->len && !may_end_sentence((unsigned char)t[i]))
                i++;
            int end = i == p->len;
            size_t k = 1;
            if (!end) {
                unsigned char c = (unsigned char)t[i];
                if (c == '!' || c == '?' || c == ';')
                    end = 1;
                else if (c == 0xE3 && p->len - i >= 3 && (unsigned char)t[i + 1] == 0x80 &&
                         (unsigned char)t[i + 2] == 0x82) /* 。 */
                    end = 1, k = 3;
                else if (c == 0xEF && p->len - i >= 3 && (unsigned char)t[i + 1] == 0xBC &&
                         ((unsigned char)t[i + 2] == 0x9B || (unsigned char)t[i + 2] == 0x81 ||
                          (unsigned char)t[i + 2] == 0x9F)) /* ；！？ */
                    end = 1, k = 3;
                if (end) {
                    i += k;
                    while (i < p->len && (t[i] == ')' || (p->len - i >= 3 && (!memcmp(t + i, "”", 3) ||
                                                                              !memcmp(t + i, "’", 3)))))
                        i += t[i] == ')' ? 1 : 3;
                    k = 0;
                }
            }
            if (end) {
                size_t e = i > p->len ? p->len : i;
                if (e > s) {
                    if (d->nsent == cap) {
                        cap *= 2;
                        gr_span *q = realloc(d->sents, cap * sizeof *q);
                        if (!q)
                            return -1;
                        d->sents = q;
                    }
                    d->sents[d->nsent++] = (gr_span){p->start + s, e - s, pi};
                }
                s = e;
                if (i >= p->len)
                    break;
                continue;
            }
            i++;
        }
        p->nsentences = d->nsent - p->sentence;
    }
    return 0;
}

/* Is s a date alone on its line, under the title: （2008年3月27日）, 二〇一二年一月六日? Writes it to
 * out (YYYY-MM-DD). */
static int date_line(str s, char *out)
{
    while (s.n && (s.p[0] == '(' || s.p[0] == ' ' || s.p[0] == '-'))
        s.p++, s.n--;
    if (gr_str_starts(s, "——"))
        s.p += 6, s.n -= 6;
    while (s.n && (s.p[s.n - 1] == ')' || s.p[s.n - 1] == ' '))
        s.n--;
    if (!s.n || gr_str_nchars(s) > 16 || !(gr_str_ends(s, "日") || gr_str_ends(s, "号")))
        return 0;
    return find_date(s, out) != 0;
}

/* The division the body names most, of the level its 全县 / 全区 / 全市 / 全省 say: a body saved
 * without title, meeting line or speaker (我代表县人民政府, 全县…). Read only when nothing else
 * names the region. */
static const gr_region *body_region(const gr_doc *d)
{
    static const char *const scope[] = {"全县", "全区", "全市", "全省", "全旗", "全州", NULL};
    /* the levels each may speak of (bit 1 << gr_level): 全区 a district or an autonomous region */
    static const unsigned levels[] = {1u << GR_LEVEL_COUNTY, 1u << GR_LEVEL_COUNTY | 1u << GR_LEVEL_PROVINCE,
                                      1u << GR_LEVEL_CITY | 1u << GR_LEVEL_COUNTY, 1u << GR_LEVEL_PROVINCE,
                                      1u << GR_LEVEL_COUNTY, 1u << GR_LEVEL_CITY};
    size_t n = d->text.len < 60000 ? d->text.len : 60000, best = 0;
    int which = -1;
    for (int k = 0; scope[k]; k++) {
        size_t c = 0;
        for (const char *p = d->text.s; (p = memmem(p, n - (size_t)(p - d->text.s), scope[k], 6)); p += 6)
            c++;
        if (c > best)
            best = c, which = k;
    }
    if (which < 0 || best < 3)
        return NULL;
    struct mention { const gr_region *r; size_t n; } seen[32];
    size_t nseen = 0;
    for (size_t pi = 0; pi < d->npara; pi++) {
        const gr_para *p = &d->paras[pi];
        if (p->part == GR_PART_BOILERPLATE || p->start >= n)
            continue;
        const char *t = d->text.s + p->start;
        for (size_t i = 0; i + 6 <= p->len; i++) {
            if (((unsigned char)t[i] & 0xC0) == 0x80)
                continue;
            const gr_region *r = gr_region_find(t + i, p->len - i, d->text.s, n);
            if (!r || r->level < GR_LEVEL_PROVINCE || !(levels[which] & 1u << r->level))
                continue;
            size_t rl = strlen(r->name), k = 0;
            int full = rl <= p->len - i && !memcmp(t + i, r->name, rl);
            while (k < rl && i + k < p->len && t[i + k] == r->name[k])
                k++; /* a short name (容城 of 容城县): what follows must not make it another's (雄安新区) */
            while (k && i + k < p->len && ((unsigned char)t[i + k] & 0xC0) == 0x80)
                k--; /* 县 and 区 share their first byte */
            if (!full) {
                str after = {t + i + k, p->len - i - k};
                if (gr_str_starts(after, "区") || gr_str_starts(after, "县") || gr_str_starts(after, "市") ||
                    gr_str_starts(after, "镇") || gr_str_starts(after, "乡") || gr_str_starts(after, "村") ||
                    gr_str_starts(after, "省") || gr_str_starts(after, "路") || gr_str_starts(after, "街"))
                    continue;
            }
            size_t j = 0;
            while (j < nseen && strcmp(seen[j].r->code, r->code)) /* 清苑县 and 清苑区: one area */
                j++;
            if (j == nseen && nseen < 32)
                seen[nseen++] = (struct mention){r, 0};
            if (j < nseen) {
                seen[j].n++;
                if (full)
                    seen[j].r = r; /* the name as the text writes it (清苑县, not today's 清苑区) */
            }
            i += k - 1;
        }
    }
    /* the most named, with its province or city named in the text too (not 资源县 from 资源, a word) */
    const gr_region *r = NULL;
    size_t most = 2; /* three mentions at least */
    for (size_t k = 0; k < nseen; k++) {
        const gr_region *c = seen[k].r;
        const gr_region *pr = c->province_code[0] ? gr_region_by_code(c->province_code) : NULL;
        const gr_region *ci = c->city_code[0] ? gr_region_by_code(c->city_code) : NULL;
        int supported = (pr && memmem(d->text.s, n, pr->name, strlen(pr->name) - 3)) ||
                        (ci && memmem(d->text.s, n, ci->name, strlen(ci->name) - 3));
        if (supported && seen[k].n > most)
            r = c, most = seen[k].n;
    }
    return r;
}

/* The file's own name, without folders: 潜江市_2024.txt */
static str base_name(const char *name)
{
    if (!name)
        return (str){NULL, 0};
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    return (str){b, strlen(b)};
}

static void read_front(gr_doc *d, size_t title, size_t opening, const struct crawl *crawl)
{
    gr_meta *m = &d->meta;
    size_t lim = opening < d->npara ? opening + 1 : (d->npara < FRONT_SCAN ? d->npara : FRONT_SCAN);
    int have_meeting = 0;
    str bare_name = {0};
    const gr_region *ev[EV_N] = {0};
    const char *unknown_region = NULL; /* a division the table does not know, as the meeting line writes it */
    char front_date[11] = "";
    for (size_t i = 0; i < lim; i++) {
        gr_para *p = &d->paras[i];
        str s = para_str(d, i);
        if (p->part == GR_PART_BOILERPLATE && !(i == title))
            continue;
        int split_before = !gr_str_has(s, "人民代表大会") && gr_str_has(s, "日在") && gr_str_nchars(s) < 60 && i + 1 < lim &&
                           gr_str_has(para_str(d, i + 1), "人民代表大会");
        if (!have_meeting && (split_before || (gr_str_has(s, "人民代表大会") && gr_str_nchars(s) < 90))) {
            /* the meeting line, maybe broken over two paragraphs */
            size_t start = p->start, end = p->start + p->len;
            if ((split_before || !gr_str_has(s, "会议")) && i + 1 < lim)
                end = d->paras[i + 1].start + d->paras[i + 1].len, d->paras[i + 1].part = GR_PART_FRONT;
            char joined[512];
            size_t jn = 0;
            for (size_t q = start; q < end && jn < sizeof joined; q++)
                if (d->text.s[q] != '\n')
                    joined[jn++] = d->text.s[q];
            str mline = {joined, jn};
            const char *cut = memmem(mline.p, mline.n, "会议上", 9);
            size_t mlen = cut ? (size_t)(cut - mline.p) + 9 : mline.n;
            if (!cut && (cut = memmem(mline.p, mline.n, "会议", 6)))
                mlen = (size_t)(cut - mline.p) + 6;
            m->meeting = keep(d, mline.p, mlen);
            char date[11];
            if (find_date((str){mline.p, mlen}, date))
                m->meeting_date = keep(d, date, 10);
            const gr_region *r = region_from_meeting(d, (str){mline.p, mlen});
            if (r) {
                ev[EV_MEETING] = r;
            } else { /* a division the table does not know: keep its name as written */
                const char *zai = memmem(mline.p, mlen, "日在", 6);
                const char *di = zai ? memmem(zai, mlen - (size_t)(zai - mline.p), "第", 3) : NULL;
                str nm = zai && di ? (str){zai + 6, (size_t)(di - zai - 6)} : (str){NULL, 0};
                /* not a bare level word (在县十六届…: the name is elsewhere) */
                if (nm.n > 3 && nm.n <= 30 && !gr_str_has(nm, "届") && !gr_str_starts(nm, "县") &&
                    !gr_str_starts(nm, "市") && !gr_str_starts(nm, "区"))
                    unknown_region = keep(d, nm.p, nm.n);
            }
            p->part = GR_PART_FRONT;
            have_meeting = 1;
            /* a speaker on the same line: …会议上 陕西省省长 赵刚 */
            str rest = {mline.p + mlen, mline.n - mlen};
            while (rest.n && (rest.p[0] == ' ' || rest.p[0] == ')'))
                rest.p++, rest.n--;
            const char *zuo = memmem(rest.p, rest.n, "作政府工作报告", 21);
            if (!zuo)
                zuo = memmem(rest.p, rest.n, "作报告", 9);
            if (zuo)
                rest.n = (size_t)(zuo - rest.p);
            str office, name;
            /* or between the date and 在: ——2025年1月14日海南省省长 刘小明在海南省第七届… */
            const char *ri = memmem(mline.p, mlen, "日", 3), *zai = ri ? memmem(ri, mlen - (size_t)(ri - mline.p), "在", 3) : NULL;
            str between = zai && zai > ri + 3 ? (str){ri + 3, (size_t)(zai - ri - 3)} : (str){NULL, 0};
            if (!m->speaker && between.n && speaker_line(between, &office, &name) && name.n) {
                m->speaker_title = keep(d, office.p, office.n);
                m->speaker = keep_name(d, name);
            }
            if (!m->speaker && rest.n && speaker_line(rest, &office, &name)) {
                m->speaker_title = keep(d, office.p, office.n);
                m->speaker = keep_name(d, name);
            }
            continue;
        }
        str office, name;
        const char *gw = memmem(s.p, s.n, "各位代表", 12);
        if (gw && gw > s.p) /* a one-line scrape: 上海市市长 应勇 各位代表:… */
            s.n = (size_t)(gw - s.p);
        if (!m->speaker_title && speaker_line(s, &office, &name)) {
            m->speaker_title = keep(d, office.p, office.n);
            if (name.n)
                m->speaker = keep_name(d, name);
            else if (i + 1 < lim && is_bare_name(para_str(d, i + 1))) {
                m->speaker = keep_name(d, para_str(d, i + 1));
                d->paras[i + 1].part = GR_PART_FRONT;
            }
            p->part = GR_PART_FRONT;
            if (!ev[EV_SPEAKER])
                ev[EV_SPEAKER] = gr_str_has(s, "国务院") ? gr_region_by_code("000000") : region_in(d, s);
            continue;
        }
        if (!front_date[0] && i != title && date_line(s, front_date)) {
            p->part = GR_PART_FRONT;
            continue;
        }
        if (!bare_name.n && is_bare_name(s) && i != title)
            bare_name = s;
    }
    if (!m->meeting_date && front_date[0])
        m->meeting_date = keep(d, front_date, 10);
    /* A name alone, its office only in a caption: 毛伟明 … 省长毛伟明作政府工作报告 */
    if (!m->speaker && bare_name.n) {
        for (size_t i = 0; i < lim; i++) {
            str s = para_str(d, i);
            const char *at = memmem(s.p, s.n, bare_name.p, bare_name.n);
            if (!at)
                continue;
            str pre = {s.p, (size_t)(at - s.p)};
            for (const char *const *o = offices; *o; o++)
                if (gr_str_ends(pre, *o)) {
                    m->speaker = keep_name(d, bare_name);
                    m->speaker_title = *o;
                    break;
                }
            if (m->speaker)
                break;
        }
    }
    /* The State Council's report may carry no meeting line: 现在，我代表国务院… */
    for (size_t i = 0; i < d->npara && i < FRONT_SCAN; i++)
        if (d->paras[i].part != GR_PART_BOILERPLATE && gr_str_has(para_str(d, i), "我代表国务院")) {
            ev[EV_BODY] = gr_region_by_code("000000");
            break;
        }
    /* …我代表上海市人民政府… */
    for (size_t i = 0; !ev[EV_BODY] && i < d->npara && i < FRONT_SCAN; i++) {
        str t = para_str(d, i);
        const char *w = d->paras[i].part == GR_PART_BOILERPLATE ? NULL : memmem(t.p, t.n < 600 ? t.n : 600, "我代表", 9);
        if (w) {
            /* the name right after 我代表, with its city's before it or not (保定市满城区) */
            size_t rest = (size_t)(t.p + (t.n < 600 ? t.n : 600) - w - 9);
            const gr_region *first = gr_region_find(w + 9, rest, NULL, 0);
            if (first && !memcmp(w + 9, first->name, strlen(first->name)))
                ev[EV_BODY] = region_at(d, w + 9, rest);
            break;
        }
    }
    if (title < d->npara) {
        str t = para_str(d, title);
        m->title = keep(d, t.p, t.n);
        ev[EV_TITLE] = region_in(d, t);
    }
    if (crawl->lines) {
        const gr_region *r = region_in(d, crawl->title);
        if (!r)
            r = region_in(d, crawl->issuer);
        if (!r && crawl->speaker.n)
            r = region_in(d, crawl->speaker);
        ev[EV_CRAWLER] = r;
        str office, name;
        if (!m->speaker && crawl->speaker.n && speaker_line(crawl->speaker, &office, &name) && name.n) {
            m->speaker_title = keep(d, office.p, office.n);
            m->speaker = keep_name(d, name);
        }
        if (!m->title && crawl->title.n)
            m->title = keep(d, crawl->title.p, crawl->title.n);
    }
    if (d->hints.region)
        ev[EV_OPTION] = region_named(d->hints.region, strlen(d->hints.region));
    int k = 0;
    while (k < EV_N && !ev[k] && !(k == EV_MEETING && unknown_region))
        k++;
    if (k == EV_N) { /* the last resorts: the body's own naming, then the file's name */
        if ((ev[EV_MENTIONS] = body_region(d)))
            k = EV_MENTIONS;
        else {
            str b = base_name(d->name);
            if (b.n && (ev[EV_FILE] = region_in(d, b)))
                k = EV_FILE;
        }
    }
    if (k < EV_N) {
        if (ev[k])
            set_region(d, ev[k]);
        else
            m->region = unknown_region;
        m->region_source = ev_names[k];
    }
    if (!m->speaker && bare_name.n && m->level == GR_LEVEL_NATIONAL) {
        m->speaker = keep_name(d, bare_name);
        m->speaker_title = "总理";
    }
}

/* Does paragraph i open the plan year's words: 今年…, 做好今年工作…, 新的一年…, the plan year
 * (2025年是…), or the plan's statement (…总体要求是, …预期目标是)? */
static int opens_plan_year(gr_doc *d, size_t i)
{
    str s = para_str(d, i);
    char py[16];
    snprintf(py, sizeof py, "%d年", d->meta.plan_year);
    str h = {s.p, s.n < 90 ? s.n : 90}; /* 30 characters */
    if (gr_str_starts(s, "今年") || gr_str_starts(s, "做好今年") || gr_str_starts(s, "新的一年") ||
        (d->meta.plan_year && gr_str_starts(s, py) && !gr_str_has(h, "回顾")))
        return 1;
    if (gr_str_has(h, "五”") || gr_str_has(h, "五年") || gr_str_has(h, "规划"))
        return 0; /* “十五五”时期…的总体要求是: the five years' */
    return gr_str_has(h, "总体要求是") || gr_str_has(h, "预期目标是") || gr_str_has(h, "预期目标为");
}

/* The five-year plan the plan year falls in, as reports name it ("十五五" for 2026-2030), or NULL. */
static const char *five_year_plan_name(int plan_year)
{
    static const char *const names[] = {"十五”", "十一五", "十二五", "十三五", "十四五", "十五五", "十六五"};
    if (plan_year < 2001 || plan_year > 2035)
        return NULL;
    return names[(plan_year - 2001) / 5];
}

/* A part heading that names no part (二、牢记历史使命，在中国式现代化建设中奋勇争先) is read by its
 * own words and its section: the plan when the heading names the plan year (三、接续奋斗2021年，…);
 * the five-year plan when it names the plan the plan year opens (二、展望“十四五”，… in 2021), or
 * when its first body paragraph names, in its first 30 characters, the
 * plan the plan year opens (“十五五”时期是… in 2026) and no record of it; the plan when one of its
 * first three body paragraphs opens the plan year; else 0. */
static int section_opens_plan(gr_doc *d, size_t h, size_t footer)
{
    int seen = 0;
    const char *five = d->meta.plan_year % 5 == 1 ? five_year_plan_name(d->meta.plan_year) : NULL;
    str hs = para_str(d, h);
    int y = first_year(hs);
    if (d->meta.plan_year && y >= d->meta.plan_year)
        return GR_PART_PLAN; /* 三、接续奋斗2021年，… */
    if (five && gr_str_has(hs, five) && !gr_str_has(hs, "回顾") && !gr_str_has(hs, "成就") && !gr_str_has(hs, "成绩"))
        return GR_PART_FIVE_YEAR_PLAN; /* 二、展望“十四五”，… */
    for (size_t i = h + 1; i < footer && seen < 3; i++) {
        if (d->paras[i].part == GR_PART_BOILERPLATE || !d->paras[i].len)
            continue;
        str s = para_str(d, i);
        if (heading_level(s, d->meta.plan_year) == 1)
            return 0;
        if (heading_level(s, d->meta.plan_year))
            continue;
        str h60 = {s.p, s.n < 90 ? s.n : 90};
        if (!seen && five && gr_str_has(h60, five) && !gr_str_has(h60, "回顾") && !gr_str_has(h60, "成就") &&
            !gr_str_has(h60, "过去"))
            return GR_PART_FIVE_YEAR_PLAN;
        if (opens_plan_year(d, i))
            return GR_PART_PLAN;
        seen++;
    }
    return 0;
}

static void assign_parts(gr_doc *d, size_t opening, size_t closing, size_t footer)
{
    int part = d->hints.part ? (int)d->hints.part : GR_PART_REVIEW; /* a fragment starts in its part */
    int seen_plan = part == GR_PART_PLAN || part == GR_PART_WORK || part == GR_PART_FIVE_YEAR_PLAN;
    int section[4] = {-1, -1, -1, -1};
    for (size_t i = opening; i < footer; i++) {
        gr_para *p = &d->paras[i];
        if (p->part == GR_PART_BOILERPLATE)
            continue;
        str s = para_str(d, i);
        p->heading = 0; /* read anew when the years are known (read_years) */
        if (i >= closing) {
            if (i == closing || (part == GR_PART_CLOSING && i == closing + 1 &&
                                 gr_str_nchars(para_str(d, closing)) <= 6)) {
                p->part = part = GR_PART_CLOSING;
                continue;
            }
            int kind;
            if (part == GR_PART_CLOSING)
                part = GR_PART_NOTES;
            /* after the end: notes, or an appendix of pledges, each under its own heading */
            if (gr_str_nchars(s) <= 40 && !gr_str_has(s, "。") && part_keyword(s, &kind) &&
                (kind == GR_PART_NOTES || kind == GR_PART_WORK)) {
                part = kind;
                p->part = part;
                p->heading = 1;
                section[1] = (int)i;
                continue;
            }
        }
        int h = heading_level(s, d->meta.plan_year);
        if (h && part != GR_PART_NOTES) {
            p->heading = h;
            int kind;
            if (h == 1) {
                if (part_keyword_in(s, &kind, d->meta.plan_year))
                    part = kind;
                else if (seen_plan)
                    part = GR_PART_WORK;
                else if (!(part = section_opens_plan(d, i, footer)))
                    part = GR_PART_REVIEW;
                if (part == GR_PART_PLAN || part == GR_PART_WORK || part == GR_PART_FIVE_YEAR_PLAN)
                    seen_plan = 1;
            }
            section[h] = (int)i;
            for (int k = h + 1; k < 4; k++)
                section[k] = -1;
        } else if (h && part == GR_PART_NOTES) {
            p->heading = 3;
        } else if (!h && section[1] < 0 && part == GR_PART_REVIEW && !d->hints.part && opens_plan_year(d, i) &&
                   !gr_str_starts(s, "各位代表")) {
            part = GR_PART_PLAN; /* a text that starts with the plan (a page of the plan part alone) */
            seen_plan = 1;
        }
        int sec = -1;
        for (int k = 3; k >= 1; k--)
            if (section[k] >= 0 && section[k] != (int)i) {
                sec = section[k];
                break;
            }
        p->section = p->heading ? (h > 1 ? section[h - 1] : -1) : sec;
        if (i < opening + 3 && section[1] < 0 && /* before the first part heading */
            (gr_str_starts(s, "各位代表") || (gr_str_has(s, "我代表") && gr_str_has(s, "报告")))) {
            p->part = GR_PART_OPENING;
            continue;
        }
        if (s.n < 240 && gr_str_nchars(s) < 60 && is_furniture(s)) { /* 60 characters are at most 240 bytes */
            p->part = GR_PART_BOILERPLATE;
            continue;
        }
        p->part = part;
    }
}

/* A site's link list after the report's end (省各设区市… / 石家庄市 / 承德市 / … / 省政府办公厅 / …):
 * five or more short lines in a row, each a bare name (at most 20 characters, no punctuation of a
 * sentence, no note number) or a link's date, read as notes by their place: boilerplate. */
static int bare_name_line(str s)
{
    if (s.n && s.n <= 19 && strspn(s.p, "0123456789-: ") >= s.n)
        return 1; /* a link's date: 03-30, 2025-12-03 10:21 */
    return s.n && gr_str_nchars(s) <= 20 && !gr_str_has(s, "。") && !gr_str_has(s, ",") && !gr_str_has(s, ";") &&
           !gr_str_has(s, ":") && !(s.p[0] >= '0' && s.p[0] <= '9') && !gr_str_starts(s, "[");
}

static void link_lists(gr_doc *d, size_t from, size_t to)
{
    size_t run = from;
    for (size_t i = from; i <= to; i++) {
        int in = i < to && d->paras[i].part == GR_PART_NOTES && !d->paras[i].heading && bare_name_line(para_str(d, i));
        if (in)
            continue;
        if (i - run >= 5)
            for (size_t k = run; k < i; k++)
                d->paras[k].part = GR_PART_BOILERPLATE;
        run = i + 1;
    }
}

static void set_years(gr_meta *m, int plan, const char *source)
{
    m->plan_year = plan;
    m->review_year = plan - 1;
    m->years_source = source;
}

/* The four digits before "年" in a file's name (潜江市_2024.txt, 2024年黄山区政府工作报告.txt). */
static int file_year(str b)
{
    for (size_t i = 0; i + 4 <= b.n; i++) {
        if ((i && b.p[i - 1] >= '0' && b.p[i - 1] <= '9') || (i + 4 < b.n && b.p[i + 4] >= '0' && b.p[i + 4] <= '9'))
            continue;
        int y = gr_doc_parse_year(b.p + i, 4);
        if (y)
            return y;
    }
    return 0;
}

/* The years as the front states them, before the parts are read (a heading's year is read against
 * them): the user's, the meeting date (or a date line under the title), the title's year, the
 * crawler header's title. */
static void front_years(gr_doc *d, const struct crawl *crawl)
{
    gr_meta *m = &d->meta;
    if (d->hints.year)
        set_years(m, d->hints.year, "option");
    else if (m->meeting_date)
        set_years(m, atoi(m->meeting_date), "meeting date");
    else if (m->title && first_year((str){m->title, strlen(m->title)}))
        set_years(m, first_year((str){m->title, strlen(m->title)}), "title");
    else if (crawl->title.n && first_year(crawl->title))
        set_years(m, first_year(crawl->title), "crawler header");
}

static void read_years(gr_doc *d, const struct crawl *crawl)
{
    gr_meta *m = &d->meta;
    if (m->plan_year)
        return;
    for (size_t i = 0; i < d->npara; i++) { /* 一、2014年工作回顾 */
        gr_para *p = &d->paras[i];
        if (p->heading != 1 || p->part != GR_PART_REVIEW)
            continue;
        int y = first_year(para_str(d, i));
        if (y) {
            set_years(m, y + 1, "heading");
            return;
        }
    }
    for (size_t i = 0; i < d->npara; i++) { /* 二、2023年主要工作 */
        gr_para *p = &d->paras[i];
        if (p->heading != 1 || (p->part != GR_PART_PLAN && p->part != GR_PART_WORK))
            continue;
        int y = first_year(para_str(d, i));
        if (y) {
            set_years(m, y, "heading");
            return;
        }
    }
    /* a one-line scrape hides its headings: the first "20xx年工作回顾" in the text */
    const char *hit = memmem(d->text.s, d->text.len < 4000 ? d->text.len : 4000, "年工作回顾", 15);
    if (hit && hit - d->text.s >= 4) {
        int y = gr_doc_parse_year(hit - 4, 4);
        if (y) {
            set_years(m, y + 1, "heading");
            return;
        }
    }
    /* a crawler's date of the page (发文时间: 2001-01-08; not 未知), then the file's name */
    if (crawl->date.n >= 4) {
        int y = gr_doc_parse_year(crawl->date.p, 4);
        if (y) {
            set_years(m, y, "crawler header");
            return;
        }
    }
    int y = file_year(base_name(d->name));
    if (y)
        set_years(m, y, "file name");
}

/* A note marker at t: [12], 〔12〕 (full-width brackets were folded to [ ] by the text layer).
 * Returns its length and the number, or 0. */
static size_t note_marker(const char *t, size_t n, int *num)
{
    size_t open = 0;
    if (n >= 1 && t[0] == '[')
        open = 1;
    else if (n >= 3 && !memcmp(t, "〔", 3))
        open = 3;
    else
        return 0;
    size_t i = open;
    int v = 0;
    while (i < n && i < open + 3 && t[i] >= '0' && t[i] <= '9')
        v = v * 10 + (t[i++] - '0');
    if (i == open)
        return 0;
    if (i < n && t[i] == ']' && open == 1) {
        *num = v;
        return i + 1;
    }
    if (i + 3 <= n && !memcmp(t + i, "〕", 3) && open == 3) {
        *num = v;
        return i + 3;
    }
    return 0;
}

/* The number a notes paragraph starts with ([1], 〔1〕, 1., 1、), or 0. */
static int note_number(str s)
{
    int v = 0;
    if (note_marker(s.p, s.n, &v))
        return v;
    size_t i = 0;
    while (i < s.n && i < 3 && s.p[i] >= '0' && s.p[i] <= '9')
        v = v * 10 + (s.p[i++] - '0');
    if (i && i < s.n && (s.p[i] == '.' || (s.n - i >= 3 && !memcmp(s.p + i, "、", 3))))
        return v;
    return 0;
}

/* Does t hold 〔 (E3 80 94)? Searched by its last byte, which is rarer than its first. */
static int has_open_bracket(const char *t, size_t n)
{
    const char *end = t + n;
    for (const char *q = t; q < end && (q = memchr(q, 0x94, (size_t)(end - q))); q++)
        if (q - t >= 2 && (unsigned char)q[-2] == 0xE3 && (unsigned char)q[-1] == 0x80)
            return 1;
    return 0;
}

/* Links the note markers of the body to the paragraphs of the notes part. */
static int link_notes(gr_doc *d)
{
    size_t cap = 0;
    for (size_t pi = 0; pi < d->npara; pi++) {
        gr_para *p = &d->paras[pi];
        if (p->part == GR_PART_BOILERPLATE || p->part == GR_PART_NOTES)
            continue;
        const char *t = d->text.s + p->start;
        if (!memchr(t, '[', p->len) && !has_open_bracket(t, p->len))
            continue; /* most paragraphs have no marker: two fast searches instead of a byte loop */
        for (size_t i = 0; i < p->len; i++) {
            int num;
            if (t[i] != '[' && !((unsigned char)t[i] == 0xE3 && i + 2 < p->len && (unsigned char)t[i + 1] == 0x80 &&
                                 (unsigned char)t[i + 2] == 0x94)) /* [ or 〔 */
                continue;
            size_t k = note_marker(t + i, p->len - i, &num);
            if (!k || num == 0)
                continue;
            if (d->nnotes == cap) {
                cap = cap ? cap * 2 : 32;
                gr_noteref *q = realloc(d->notes, cap * sizeof *q);
                if (!q)
                    return -1;
                d->notes = q;
            }
            long note = -1;
            for (size_t ni = 0; ni < d->npara && note < 0; ni++)
                if (d->paras[ni].part == GR_PART_NOTES && note_number(para_str(d, ni)) == num)
                    note = (long)ni;
            d->notes[d->nnotes++] = (gr_noteref){p->start + i, k, num, note};
            i += k - 1;
        }
    }
    return 0;
}

/* ---- what stands before a report --------------------------------------------------------- */

/* A crawler's header lines before the report (标题:… 发文单位:… 发文时间:… 报告人:… 来源URL:…
 * 正文:): metadata evidence, never body text. Marks them boilerplate and keeps their values. */
static void crawler_header(gr_doc *d, struct crawl *c)
{
    static const char *const labels[] = {"标题:", "发文单位:", "发文时间:", "报告人:", "来源URL:", "来源:", "正文:", NULL};
    size_t seen = 0;
    for (size_t i = 0; i < d->npara && i < 12; i++) {
        str s = para_str(d, i);
        const char *const *l;
        for (l = labels; *l; l++)
            if (gr_str_starts(s, *l))
                break;
        if (!*l)
            break;
        size_t k = strlen(*l);
        str v = {s.p + k, s.n - k};
        while (v.n && v.p[0] == ' ')
            v.p++, v.n--;
        if (l == labels)
            c->title = v;
        else if (l == labels + 1)
            c->issuer = v;
        else if (l == labels + 2)
            c->date = v;
        else if (l == labels + 3)
            c->speaker = v;
        seen++;
    }
    if (seen < 2 || !c->title.n) { /* one label alone is no crawler's header */
        memset(c, 0, sizeof *c);
        return;
    }
    for (size_t i = 0; i < seen; i++)
        d->paras[i].part = GR_PART_BOILERPLATE;
    c->lines = seen;
}

/* A news site's summary of the report, before the report itself (内容摘要: and the first lines of
 * the report again, cut off with "......"): boilerplate, or the front would be read twice. */
static void site_summary(gr_doc *d)
{
    for (size_t i = 0; i < d->npara && i < FRONT_SCAN; i++) {
        str s = para_str(d, i);
        if (!gr_str_starts(s, "内容摘要:") && !gr_str_starts(s, "摘要:"))
            continue;
        d->paras[i].part = GR_PART_BOILERPLATE;
        size_t end = i + 1;
        for (size_t j = i + 1; j < d->npara && j <= i + 12; j++) {
            str t = para_str(d, j);
            if (gr_str_ends(t, "...") || gr_str_ends(t, "……")) {
                end = j + 1;
                break;
            }
        }
        if (gr_str_nchars(s) > 8 && end == i + 1) /* the summary on the label's own line */
            end = i;
        for (size_t j = i + 1; j < end; j++)
            d->paras[j].part = GR_PART_BOILERPLATE;
        return;
    }
}

/* Where a second copy of the report starts, or footer: the first long paragraph after the opening
 * that repeats an earlier one byte for byte, moved back over the short lines before it that the
 * first copy also has (its title, meeting line, salutation). Paragraphs are found by a hash of
 * their bytes in a table of their own: linear in the text, whatever it holds. */
#define COPY_MIN 100 /* bytes: a paragraph this long is not repeated by chance */
static size_t second_copy(gr_doc *d, size_t opening, size_t footer)
{
    size_t cap = 64;
    while (cap < 2 * (footer - opening) + 2)
        cap *= 2;
    size_t *slot = calloc(cap, sizeof *slot); /* paragraph index + 1; 0: empty */
    if (!slot) {
        d->oom = 1; /* the parse fails: no half-read document */
        return footer;
    }
    size_t found = footer;
    for (size_t i = opening; i < footer && found == footer; i++) {
        str s = para_str(d, i);
        if (s.n < COPY_MIN || d->paras[i].part == GR_PART_BOILERPLATE)
            continue;
        uint64_t h = 1469598103934665603ull ^ s.n; /* FNV-1a of the length and the first 64 bytes: */
        for (size_t k = 0; k < 64; k++)          /* a key enough; equal keys are compared whole */
            h = (h ^ (unsigned char)s.p[k]) * 1099511628211ull;
        for (size_t j = (size_t)h & (cap - 1);; j = (j + 1) & (cap - 1)) {
            if (!slot[j]) {
                slot[j] = i + 1;
                break;
            }
            str t = para_str(d, slot[j] - 1);
            if (t.n == s.n && !memcmp(t.p, s.p, s.n)) {
                found = i;
                break;
            }
        }
    }
    free(slot);
    if (found == footer)
        return footer;
    /* back over the copy's own front: short lines (title, meeting line, 各位代表) and furniture */
    while (found > opening + 1 && gr_str_nchars(para_str(d, found - 1)) <= 60)
        found--;
    return found;
}

/* Where a part heading glued to the sentence after it ends (一、2021年工作回顾2021年是…, 二、2022年
 *主要目标今年是…): after its last heading word, where the rest opens as a sentence does (a year, 过去,
 * 刚刚过去的, 今年, 一年来, 五年来), within its first 30 characters, before any comma or full stop; 0
 * when s is no such line. */
static size_t glued_heading_end(str s)
{
    size_t k = cn_numeral_run(s.p, s.n);
    if (!k || k > 6 || s.n < k + 3 || memcmp(s.p + k, "、", 3) || gr_str_nchars(s) < 20)
        return 0;
    static const char *const ends[] = {"回顾", "目标", "任务", "要求", "工作", "安排", "谋划", "思路", "部署", NULL};
    static const char *const opens[] = {"过去", "刚刚过去", "今年", "一年来", "五年来", "各位代表", NULL};
    size_t lim = s.n < 90 ? s.n : 90; /* 30 characters */
    for (size_t i = k + 3; i + 6 <= lim; i++) {
        if (!memcmp(s.p + i, "。", 3) || !memcmp(s.p + i, ",", 1) || !memcmp(s.p + i, "，", 3))
            return 0;
        for (const char *const *e = ends; *e; e++) {
            if (memcmp(s.p + i, *e, 6))
                continue;
            str rest = {s.p + i + 6, s.n - i - 6};
            while (rest.n && rest.p[0] == ' ') /* 二、2005年主要任务 今年是… */
                rest.p++, rest.n--;
            int sentence = rest.n >= 7 && gr_doc_parse_year(rest.p, 4) && !memcmp(rest.p + 4, "年", 3);
            for (const char *const *o = opens; *o && !sentence; o++)
                sentence = gr_str_starts(rest, *o);
            if (sentence)
                return i + 6;
        }
    }
    return 0;
}

/* Splits each glued heading from its sentence into two paragraphs (the text is not changed: the
 * two spans meet), right after the paragraphs are cut, before anything else is read of them.
 * Returns 0, or -1 out of memory. */
static int split_glued_headings(gr_doc *d)
{
    size_t extra = 0;
    for (size_t i = 0; i < d->npara; i++)
        extra += glued_heading_end(para_str(d, i)) > 0;
    if (!extra)
        return 0;
    gr_para *np = realloc(d->paras, (d->npara + extra) * sizeof *np);
    if (!np)
        return -1;
    d->paras = np;
    size_t w = d->npara + extra; /* from the end, so each paragraph moves once */
    for (size_t r = d->npara; r-- > 0;) {
        gr_para p = d->paras[r];
        size_t h = glued_heading_end(para_str(d, r));
        if (h) {
            gr_para rest = p;
            rest.start += h;
            rest.len -= h;
            while (rest.len && d->text.s[rest.start] == ' ')
                rest.start++, rest.len--;
            p.len = h;
            d->paras[--w] = rest;
        }
        d->paras[--w] = p;
    }
    d->npara += extra;
    return 0;
}

/* Does s end (or start) with an ideograph? A body line that ends on one stops inside a sentence. */
static int ends_han(str s)
{
    if (!s.n)
        return 0;
    size_t i = s.n - 1;
    while (i > 0 && ((unsigned char)s.p[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp;
    return gr_utf8_decode((const unsigned char *)s.p + i, s.n - i, &cp) && gr_utf8_is_han(cp);
}

/* Does s end on a word no heading or sentence ends on (…今年经济社会发展的 / 主要预期目标 / 是：…)?
 * Then an unnumbered line after it that reads as a heading is the rest of its sentence. */
static int ends_mid_phrase(str s)
{
    static const char *const w[] = {"的", "和", "及", "与", "在", "对", "把", "将", "从", "向", "是", "为", NULL};
    for (const char *const *p = w; *p; p++)
        if (gr_str_ends(s, *p))
            return 1;
    return 0;
}

/* Does s open with a heading's number (一、 (一) 1.)? */
static int numbered(str s)
{
    size_t k = cn_numeral_run(s.p, s.n);
    if ((k && s.n >= k + 3 && !memcmp(s.p + k, "、", 3)) || (s.n > 1 && s.p[0] == '('))
        return 1;
    return s.n && s.p[0] >= '0' && s.p[0] <= '9';
}

static str cur_str(gr_doc *d, const gr_para *p) { return (str){d->text.s + p->start, p->len}; }

static int starts_han(str s)
{
    uint32_t cp;
    return s.n && gr_utf8_decode((const unsigned char *)s.p, s.n, &cp) && gr_utf8_is_han(cp);
}

/* Lines broken inside a sentence, even inside a word (…今年国民 / 经济和社会发 / 展的主要预期目标是：…,
 * 省委十届二次 / 次全会 / 部署，…), as old exports and page layouts leave them: a body line of 20
 * characters or more that ends on an ideograph runs on into the next line that starts with one, over
 * blank lines, and the run goes on while it still ends on one. Headings, boilerplate and the
 * salutation neither run on nor take a line in. The paragraphs in [from, to) are joined in place
 * (the joined paragraph holds the line breaks); returns the new end of the range. */
static size_t join_broken_lines(gr_doc *d, size_t from, size_t to)
{
    size_t w = from;
    for (size_t r = from; r < to;) {
        gr_para cur = d->paras[r++];
        str s = {d->text.s + cur.start, cur.len};
        if (ends_han(s) && cur.part != GR_PART_BOILERPLATE && (s.n >= 80 || gr_str_nchars(s) >= 20) &&
            !heading_level(s, 0)) {
            while (ends_han((str){d->text.s + cur.start, cur.len})) {
                size_t j = r;
                while (j < to && !d->paras[j].len)
                    j++;
                if (j >= to)
                    break;
                str next = para_str(d, j);
                if (d->paras[j].part == GR_PART_BOILERPLATE || !starts_han(next) ||
                    (heading_level(next, 0) && !(ends_mid_phrase(cur_str(d, &cur)) && !numbered(next))) ||
                    gr_str_starts(next, "各位代表"))
                    break;
                cur.len = d->paras[j].start + d->paras[j].len - cur.start;
                r = j + 1;
            }
        }
        d->paras[w++] = cur;
    }
    if (w < to) {
        memmove(&d->paras[w], &d->paras[to], (d->npara - to) * sizeof *d->paras);
        d->npara -= to - w;
    }
    return w;
}

static int parse(gr_doc *d)
{
    if (split_paragraphs(d) || split_glued_headings(d))
        return -1;
    struct crawl crawl = {0};
    crawler_header(d, &crawl);
    site_summary(d);
    size_t np = d->npara, lim = np < FRONT_SCAN ? np : FRONT_SCAN;
    size_t title = np, opening = np, front = np;
    for (size_t i = 0; i < lim; i++) {
        str s = para_str(d, i);
        if (d->paras[i].part == GR_PART_BOILERPLATE)
            continue;
        if (title == np && gr_str_has(s, "政府工作报告") && gr_str_nchars(s) <= 40 && !gr_str_has(s, "。") &&
            !is_furniture(s))
            title = i;
        str o, nm;
        if (front == np && (title == i || (gr_str_has(s, "人民代表大会") && gr_str_nchars(s) < 90) || speaker_line(s, &o, &nm)))
            front = i;
        if (gr_str_starts(s, "各位代表") || (gr_str_has(s, "我代表") && gr_str_has(s, "报告") && gr_str_nchars(s) < 200)) {
            opening = i;
            break;
        }
        /* no salutation before the first part heading (一、2018年工作回顾): the body starts there, and
         * a later 各位代表，过去的一年… is the review's, not the opening */
        int kind;
        if (heading_level(s, 0) == 1 && part_keyword_in(s, &kind, 0) && kind != GR_PART_NOTES &&
            !gr_str_starts(s, "附件") && gr_str_nchars(s) <= 30) {
            opening = i;
            break;
        }
    }
    if (opening == np) /* no salutation: the body starts after the front, or at the top */
        opening = front < np ? front + 1 : 0;
    if (front > opening)
        front = opening;
    /* everything before the front, and furniture inside it, is boilerplate: menus, labels and
     * their values (来源: / 宁夏日报客户端), breadcrumbs (首页 > 政务信息 > …), captions */
    for (size_t i = 0; i < opening; i++) {
        str s = para_str(d, i);
        if (d->paras[i].part == GR_PART_BOILERPLATE)
            continue; /* a crawler's header or a site's summary */
        int furniture = is_furniture(s) || (gr_str_has(s, "作政府工作报告") && i != title && !gr_str_has(s, "会议上"));
        if (i > 0 && !furniture && gr_str_nchars(s) <= 20) {
            str prev = para_str(d, i - 1);
            if ((gr_str_ends(prev, ":") && gr_str_nchars(prev) <= 6) || (prev.n == 1 && prev.p[0] == '>'))
                furniture = 1;
        }
        if (i + 1 < np && !furniture && gr_str_nchars(s) <= 20) {
            str next = para_str(d, i + 1);
            if (next.n == 1 && next.p[0] == '>')
                furniture = 1;
        }
        d->paras[i].part = i >= front && !furniture ? GR_PART_FRONT : GR_PART_BOILERPLATE;
    }
    if (title < np)
        d->paras[title].part = GR_PART_FRONT;
    /* the footer: the first marker after the opening that only follows a report */
    size_t footer = np;
    for (size_t i = opening; i < np; i++)
        if (is_footer_marker(para_str(d, i))) {
            footer = i;
            break;
        }
    for (size_t i = footer; i < np; i++)
        d->paras[i].part = GR_PART_BOILERPLATE;
    /* a page that carries the report twice (the page and its print view): the second copy, from
     * where it starts, is boilerplate, so its figures are not read twice */
    size_t copy = second_copy(d, opening, footer);
    if (copy < footer) {
        for (size_t i = copy; i < footer; i++)
            d->paras[i].part = GR_PART_BOILERPLATE;
        footer = copy;
    }
    footer = join_broken_lines(d, opening, footer);
    np = d->npara;
    /* the closing call: the last 各位代表 after the opening and after the last heading of a part,
     * before the footer. A 各位代表 before a part heading (二、2015年工作总体要求) closes a part, not
     * the report: in a text cut off part-way there is no closing call at all. */
    size_t closing = footer;
    for (size_t i = footer; i-- > opening + 2;) {
        str s = para_str(d, i);
        int kind;
        if (heading_level(s, 0) == 1 && part_keyword_in(s, &kind, 0) && kind != GR_PART_NOTES &&
            !gr_str_starts(s, "附件"))
            break;
        if (gr_str_starts(s, "各位代表") && !gr_str_has(s, "我代表") && !gr_str_has(s, "报告工作")) {
            closing = i;
            break;
        }
    }
    read_front(d, title, opening, &crawl);
    front_years(d, &crawl);
    assign_parts(d, opening, closing, footer);
    if (closing < footer)
        link_lists(d, closing + 1, footer);
    int planned = d->meta.plan_year != 0;
    read_years(d, &crawl);
    if (!planned && d->meta.plan_year) /* a heading's year is read against the plan year: read them again */
        assign_parts(d, opening, closing, footer);
    gr_scope prev = GR_SCOPE_NONE;
    for (size_t i = 0; i < np; i++) { /* once the parts and the review year are known */
        gr_para *p = &d->paras[i];
        p->scope = gr_scope_of(p->part, para_str(d, i), d->meta.review_year, d->meta.plan_year);
        if (p->heading)
            prev = GR_SCOPE_NONE;
        else if (p->part != GR_PART_BOILERPLATE)
            prev = p->scope = gr_scope_carry(prev, p->scope, p->part, para_str(d, i));
    }
    if (d->oom || link_notes(d))
        return -1;
    return split_sentences(d);
}

gr_status gr_doc_load_text(const void *data, size_t len, const char *name, gr_doc **out)
{
    gr_doc *d = calloc(1, sizeof *d);
    *out = d;
    if (!d)
        return GR_ENOMEM;
    d->err_off = -1;
    int rc = gr_text_load(&d->text, data, len, name);
    if (rc) {
        snprintf(d->err, sizeof d->err, "%s", d->text.err);
        d->err_off = d->text.err_off;
        return rc == -2 ? GR_ENOMEM : GR_EINPUT;
    }
    return GR_OK;
}

gr_status gr_doc_parse(const void *data, size_t len, const char *name, gr_doc **out)
{
    return gr_doc_parse_with(data, len, name, NULL, out);
}

/* The parse of a document whose text is loaded. */
static gr_status parse_loaded(gr_doc *d, const char *name, const gr_doc_hints *hints)
{
    d->name = name;
    if (hints)
        d->hints = *hints;
    int rc = parse(d);
    d->name = NULL; /* neither is kept past the call */
    d->hints.region = NULL;
    if (rc) {
        snprintf(d->err, sizeof d->err, "out of memory");
        return GR_ENOMEM;
    }
    return GR_OK;
}

gr_status gr_doc_parse_with(const void *data, size_t len, const char *name, const gr_doc_hints *hints,
                            gr_doc **out)
{
    gr_status st = gr_doc_load_text(data, len, name, out);
    return st != GR_OK ? st : parse_loaded(*out, name, hints);
}

gr_status gr_doc_pack_map(const gr_doc *doc, void **out, size_t *len)
{
    gr_buf b = {0};
    *out = NULL, *len = 0;
    if (gr_anchors_pack(&doc->text.map, &b))
        return gr_buf_free(&b), GR_ENOMEM;
    *len = b.len;
    *out = gr_buf_take(&b);
    return *out ? GR_OK : GR_ENOMEM;
}

gr_status gr_doc_parse_kept(const char *text, size_t len, const void *map, size_t maplen, const char *format,
                            const char *encoding, const char *name, const gr_doc_hints *hints, gr_doc **out)
{
    gr_doc *d = calloc(1, sizeof *d);
    *out = d;
    if (!d)
        return GR_ENOMEM;
    gr_format f = format && !strcmp(format, "docx") ? GR_FMT_DOCX : format && !strcmp(format, "html") ? GR_FMT_HTML
                                                                                                     : GR_FMT_TEXT;
    int rc = gr_text_restore(&d->text, text, len, map, maplen, f, encoding);
    if (rc) {
        snprintf(d->err, sizeof d->err, "%s", d->text.err);
        d->err_off = d->text.err_off;
        return rc == -2 ? GR_ENOMEM : GR_EINPUT;
    }
    return parse_loaded(d, name, hints);
}

/* Characters used only in traditional writing, among the most frequent in government reports
 * (tabulated for this project; each differs from its simplified form). */
static const char traditional_only[] = "國區縣會議報經濟發產業總這個為與對過來們實現設環營長開關務時間動員點電農價標進統計導";

int gr_doc_traditional(const gr_doc *d)
{
    size_t han = 0, trad = 0, n = d->text.len < 6000 ? d->text.len : 6000;
    for (size_t i = 0; i + 3 <= n;) {
        uint32_t cp;
        int k = gr_utf8_decode((const unsigned char *)d->text.s + i, n - i, &cp);
        if (k == 3 && gr_utf8_is_han(cp)) {
            han++;
            for (const char *t = traditional_only; *t; t += 3)
                if (!memcmp(t, d->text.s + i, 3)) {
                    trad++;
                    break;
                }
        }
        i += k ? (size_t)k : 1;
    }
    return han >= 20 && trad * 20 >= han; /* one character in twenty */
}

int gr_doc_is_report(const gr_doc *d)
{
    const gr_meta *m = &d->meta;
    return m->region || m->meeting || m->speaker || (m->title && m->review_year);
}

void gr_doc_free(gr_doc *d)
{
    if (!d)
        return;
    gr_text_free(&d->text);
    free(d->paras);
    free(d->sents);
    free(d->notes);
    for (int i = 0; i < d->nowned; i++)
        free(d->owned[i]);
    free(d);
}

const char *gr_doc_error(const gr_doc *d) { return d ? d->err : "out of memory"; }
long gr_doc_error_offset(const gr_doc *d) { return d ? d->err_off : -1; }
const char *gr_doc_text(const gr_doc *d, size_t *len)
{
    if (len)
        *len = d->text.len;
    return d->text.s ? d->text.s : "";
}
size_t gr_doc_source_offset(const gr_doc *d, size_t off)
{
    return gr_text_source_offset(&d->text, off);
}
size_t gr_doc_source_offset_walk(const gr_doc *d, size_t off, size_t *hint)
{
    return gr_text_source_offset_walk(&d->text, off, hint);
}
const char *gr_doc_format(const gr_doc *d)
{
    return d->text.format == GR_FMT_DOCX ? "docx" : d->text.format == GR_FMT_HTML ? "html" : "text";
}
const char *gr_doc_encoding(const gr_doc *d) { return d->text.encoding; }
const gr_meta *gr_doc_meta(const gr_doc *d) { return &d->meta; }
size_t gr_doc_npara(const gr_doc *d) { return d->npara; }
const gr_para *gr_doc_para(const gr_doc *d, size_t i) { return i < d->npara ? &d->paras[i] : NULL; }
size_t gr_doc_nsentence(const gr_doc *d) { return d->nsent; }
const gr_span *gr_doc_sentence(const gr_doc *d, size_t i) { return i < d->nsent ? &d->sents[i] : NULL; }

size_t gr_doc_nnoteref(const gr_doc *d) { return d->nnotes; }
const gr_noteref *gr_doc_noteref(const gr_doc *d, size_t i) { return i < d->nnotes ? &d->notes[i] : NULL; }

const char *gr_level_name(gr_level l)
{
    static const char *const n[] = {"", "national", "province", "city", "county"};
    return (unsigned)l < 5 ? n[l] : "";
}

gr_part gr_part_by_name(const char *name)
{
    for (gr_part p = GR_PART_REVIEW; p <= GR_PART_SELF; p++)
        if (!strcmp(name, gr_part_name(p)))
            return p;
    return GR_PART_BOILERPLATE;
}

int gr_doc_hints_check(const gr_doc_hints *h, char *err, size_t errlen)
{
    if (h->region && !region_named(h->region, strlen(h->region))) {
        snprintf(err, errlen, "--region %s: no such division (give its full name, such as 容城县 or 保定市满城区, "
                              "or its six-digit code)", h->region);
        return -1;
    }
    if (h->year && (h->year < 1949 || h->year > 2100)) {
        snprintf(err, errlen, "--year takes the year the report was delivered in, 1949 to 2100");
        return -1;
    }
    if (h->part && (h->part < GR_PART_REVIEW || h->part > GR_PART_SELF)) {
        snprintf(err, errlen, "--part takes plan, review, work, five_year or five_year_plan");
        return -1;
    }
    return 0;
}

const char *gr_scope_name(gr_scope s)
{
    static const char *const n[] = {"", "review_year", "past_five", "plan_year", "next_five"};
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : "";
}

const char *gr_part_name(gr_part p)
{
    static const char *const n[] = {"boilerplate", "front", "opening", "review", "five_year_review",
                                    "plan", "work", "five_year_plan", "self", "closing", "notes"};
    return (unsigned)p < sizeof n / sizeof n[0] ? n[p] : "";
}
