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

typedef gr_str str;

static int str_is(str s, const char *lit) { return s.n == strlen(lit) && !memcmp(s.p, lit, s.n); }

/* A word with its length, so that the hot loops compare bytes without strlen. */
struct word {
    const char *w;
    size_t n;
};
#define W(lit) {lit, sizeof lit - 1}

/* Words peeled off the front of a metric: time, scope, connectives. */
static const struct word lead_words[] = {
    W("一年来"), W("过去一年"), W("过去五年"), W("五年来"), W("五年间"), W("五年累计"), W("全年"), W("全市"), W("全省"),
    W("全区"), W("全县"), W("全州"), W("全旗"), W("全盟"), W("全国"), W("我市"), W("我省"), W("我区"), W("我县"),
    W("我国"), W("本市"), W("累计"), W("其中"), W("今年"), W("去年"), W("当年"), W("年内"), W("年末"), W("年底"),
    W("同时"), W("此外"), W("共计"), W("合计"), W("总计"), W("共"), W("预计"), W("初步核算"), W("初步测算"), W("实现"),
    W("完成"), W("达到"), W("并"), W("还"), W("已"), W("和"), W("以及"), W("在"), W("有"), W("使"),
    W("让"), W("推动"), W("全力"), W("中央提出"), W("提出"), W("促进"), W("确保"), W("力争"), W("争取"), W("全面"), W("拟安排"), W("拟"),
    W("安排"), W("预计"), W("年底前"), W("底前"), W("要"), W("特别是"), W("将"), W("历史性"),
    {NULL, 0}};
/* Words peeled off the end of a metric: verbs of change and completion, bases, qualifiers. */
static const struct word tail_words[] = {
    W("分别"), W("均"), W("同比"), W("可比"), W("环比"), W("比上年"), W("较上年"), W("比去年"), W("比上年同期"),
    W("按可比价格计算"), W("按可比价计算"), W("按可比口径"), W("可比口径"), W("同口径"), W("年均"), W("平均"), W("增长"), W("增加"), W("提高"), W("提升"), W("上升"),
    W("上涨"), W("下降"), W("减少"), W("回落"), W("降低"), W("下滑"), W("增速"), W("涨幅"), W("增幅"), W("达到"),
    W("达"), W("为"), W("是"), W("完成"), W("实现"), W("突破"), W("超过"), W("超"), W("逾"), W("约"), W("近"),
    W("共"), W("累计"), W("控制在"), W("保持在"), W("稳定在"), W("增至"), W("降至"), W("提高到"), W("提升至"), W("提高至"),
    W("上升到"), W("上升至"), W("下降到"), W("下降至"), W("增加到"), W("增长到"), W("降到"), W("达到了"), W("总计"), W("合计"),
    W("共计"), W("的"), W("了"), W("至"), W("到"), W("在"), W("以上"), W("左右"), W("预计"), W("力争"), W("确保"),
    W("争取"), W("目标"), W("预期"), W("以内"), W("不低于"), W("不超过"), W("今年"), W("明年"), W("年"), W("内"), W("全年"), W("首次"),
    W("迈上"), W("跃上"), W("站上"), W("突破"), W("攀升至"), W("新增"), W("在全国"), W("居全国"), W("排名"), W("排在"),
    W("位居"), W("名列"), W("接近"), W("将近"), W("大约"), W("高于"), W("低于"), W("较"),
    W("同比下降"), W("同比增长"), W("保持"), W("稳定"), W("累计完成"), W("居"), W("列"), W("分别为"),
    W("由"), W("从"), W("压减"), W("压缩"), W("第"), W("净增"), W("增产"), W("递增"), W("递减"), W("翻"), W("稳居"),
    W("位于"), W("升至"), W("升到"), W("跃升至"), W("跃升"), W("跃居"), W("连续"), W("稳定在"), W("保持在"), W("跨上"),
    W("跃上"), W("攀升"), W("拟按"), W("拟安排"), W("拟"), W("按"), W("安排"), W("每年"), W("每"),
    W("进入"), W("进"), W("同口径"), W("按同口径"), W("比年初"), W("较年初"), W("比上年末"), W("较上年末"), W("占"),
    W("再次"), W("再次提高"), W("再"), W("又"), W("将"), W("继续"), W("已"), W("扩大到"), W("扩大至"),
    W("发展到"), W("发展至"), W("实际"),
    {NULL, 0}};

/* The two peel tables chained by one byte: lead words by their first character's last byte, tail
 * words by their last byte (continuation bytes, which vary most). Chains keep table order, so the
 * longest word, first in the table among equals, still wins. Built once. */
struct word_index {
    unsigned short head[64], next[256];
};
static struct word_index lead_index, tail_index;
static once_flag peel_once = ONCE_FLAG_INIT;

static void index_words(const struct word *ws, struct word_index *ix, int by_last)
{
    size_t n = 0;
    while (ws[n].w)
        n++;
    for (size_t i = n; i-- > 0;) {
        unsigned key = (unsigned char)(by_last ? ws[i].w[ws[i].n - 1] : ws[i].w[2]) & 0x3F;
        ix->next[i] = ix->head[key];
        ix->head[key] = (unsigned short)(i + 1);
    }
}

static void build_peel_index(void)
{
    index_words(lead_words, &lead_index, 0);
    index_words(tail_words, &tail_index, 1);
}

static const char *const growth_verbs[] = {"增长", "增加", "提高", "提升", "上升", "上涨", "下降",
                                           "减少", "回落", "降低", "下滑", "增速", "涨幅", "增幅",
                                           "收窄", "缩小", "扩大", "递增", "递减", "翻", "压减", "压缩", "净增", "增产", NULL};
static const char *const negative_verbs[] = {"下降", "减少", "回落", "降低", "下滑", "收窄", "缩小", "压减",
                                             "压缩", "递减", NULL};

/* Counting verbs: the thing counted follows the unit (建成3个产业园). */
static const struct word count_verbs[] = {
    W("完成"), W("新建"), W("建成"), W("新增"), W("引进"), W("培育"), W("实施"), W("打造"), W("创建"), W("开工"), W("改造"), W("建设"),
    W("新开工"), W("落地"), W("签约"), W("举办"), W("开展"), W("组织"), W("推进"), W("认定"), W("创成"), W("获批"), W("新认定"),
    W("关停"), W("整治"), W("治理"), W("帮扶"), W("救助"), W("发放"), W("提供"), W("开通"), W("新开"), W("投用"), W("新获批"), W("培训"),
    W("新设"), W("设立"), W("创办"), W("入选"), W("上榜"), W("获评"), W("获得"), W("转移"), W("招引"), W("服务"), W("接待"), W("净增"), W("制定"),
    W("出台"), W("开通"), W("建立"), W("组建"), W("首批"), W("评定"), W("命名"), W("新改建"), W("升级改造"), W("新增改造"), W("聘请"),
    W("筹建"), W("新筹建"), W("启动"), W("谋划"), W("储备"), W("布局"), W("突破"), W("推动"), W("转化"), W("选派"), W("推出"), W("形成"), W("发展起"),
    W("提质升级"), W("惠及"), W("等"), {NULL, 0}};

/* Verbs that take an object but count nothing themselves (纳入, 支持, 涉及). */
static const struct word object_verbs[] = {W("纳入"), W("支持"), W("强化"), W("涉及"), W("包括"), W("覆盖"), W("抓好"), W("办好"), W("持续"), W("应对"), {NULL, 0}};

static int is_delim(const char *s, size_t i, size_t n, int allow_dun)
{
    /* parentheses stay inside a metric: 细颗粒物(PM2.5)平均浓度 */
    if (s[i] == ',' || s[i] == ';' || s[i] == ':' || s[i] == '!' || s[i] == '?')
        return 1;
    if (i + 3 <= n) {
        if (!memcmp(s + i, "。", 3) || !memcmp(s + i, "，", 3) || !memcmp(s + i, "；", 3) ||
            !memcmp(s + i, "：", 3) || !memcmp(s + i, "（", 3) || !memcmp(s + i, "）", 3))
            return 3;
        if (allow_dun && !memcmp(s + i, "、", 3))
            return 3;
    }
    return 0;
}

/* Where the name after a counted number ends (建成3个产业园区全部投用): at the next verb of
 * completion or selection, or at the next number. */
static const struct word name_stops[] = {W("完成"), W("实现"), W("达到"), W("增长"), W("全部"), W("入选"), W("参赛"), W("开展"), W("改善"), W("进行"),
                                         W("获评"), W("投入使用"), W("陆续"), W("基本建成"), W("聘任"), {NULL, 0}};
/* What, right after a number, makes the words that follow no name: a change, a comparison, a list. */
static const struct word verbish_starts[] = {W("增"), W("提"), W("降"), W("下降"), W("减"), W("比"), W("较"), W("同比"), W("占"), W("达"), W("以上"), W("左右"),
                                             W("和"), W("、"), W("是"), W("居"), W("位居"), W("的"), {NULL, 0}};
/* Words that link a name to the next figure (重大工程的285个, 国家和地区近4000名). */
static const struct word link_tails[] = {W("的"), W("和"), W("及"), W("与"), W("近"), W("约"), W("超"), W("共"), {NULL, 0}};
/* How the name of a measure ends (收入, 总额, 产量, 覆盖率…): a topic that ends so may be a metric. */
static const struct word measure_finals[] = {W("收入"), W("总额"), W("额"), W("率"), W("量"), W("值"), W("产值"), W("价格"),
                                             W("面积"), W("总量"), W("规模"), W("支出"), W("投资"), W("人数"), W("产量"), {NULL, 0}};
/* Where the thing a sum was spent on ends (投资836万元的养老院基本完工). */
static const struct word spend_stops[] = {W("全部"), W("基本"), W("顺利"), W("已"), W("正式"), W("建成"), W("开工"), W("投入使用"), W("通车"), W("竣工"),
                                          W("完工"), W("投产"), W("进展"), W("揭牌"), W("加快"), W("有序"), W("稳步"), W("落地"), W("签约"), {NULL, 0}};

static int starts_any(str s, const struct word *words)
{
    for (; words->w; words++)
        if (s.n >= words->n && s.p[0] == words->w[0] && !memcmp(s.p, words->w, words->n))
            return 1;
    return 0;
}

static int ends_any(str s, const struct word *words)
{
    for (; words->w; words++)
        if (s.n >= words->n && s.p[s.n - 1] == words->w[words->n - 1] && !memcmp(s.p + s.n - words->n, words->w, words->n))
            return 1;
    return 0;
}

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

/* Lead words that, followed by one of these characters, are the first character of a word and stay. */
static const struct { const char *lead, *next; } whole_words[] = {
    {"在", "校建岗职册读园院库"}, /* 在校学生, 在建项目, 在岗职工 */
    {"有", "效序力关所机色"},      /* 有效, 有序, 有力, 有关, 有所, 有机, 有色 */
};

static int keeps_whole(const char *lead, const char *next)
{
    for (size_t i = 0; i < sizeof whole_words / sizeof *whole_words; i++)
        if (!strcmp(lead, whole_words[i].lead))
            for (const char *c = whole_words[i].next; *c; c += 3)
                if (!memcmp(c, next, 3))
                    return 1;
    return 0;
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
        const struct word *lw = NULL; /* the longest lead word that matches */
        call_once(&peel_once, build_peel_index);
        for (unsigned e = m.n >= 3 ? lead_index.head[(unsigned char)m.p[2] & 0x3F] : 0; e; e = lead_index.next[e - 1]) {
            const struct word *w = &lead_words[e - 1]; /* all lead words are Chinese: three bytes at least */
            if (m.n >= w->n && m.p[0] == w->w[0] && m.p[2] == w->w[2] && !memcmp(m.p, w->w, w->n) && (!lw || w->n > lw->n))
                lw = w;
        }
        /* 在校学生, 在建项目; 有效, 有色: the lead word begins a word with the character after it */
        if (lw && m.n >= 6 && keeps_whole(lw->w, m.p + 3))
            lw = NULL;
        if (lw) {
            m.p += lw->n, m.n -= lw->n;
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
        const char *tw = NULL; /* the longest tail word: 升至 before 至 */
        size_t twn = 0;
        for (unsigned e = m.n ? tail_index.head[(unsigned char)m.p[m.n - 1] & 0x3F] : 0; e; e = tail_index.next[e - 1]) {
            const struct word *w = &tail_words[e - 1];
            if (m.n >= w->n && m.p[m.n - 1] == w->w[w->n - 1] && !memcmp(m.p + m.n - w->n, w->w, w->n) && w->n > twn)
                tw = w->w, twn = w->n;
        }
        if (tw) {
            for (const char *const *g = growth_verbs; *g; g++)
                if (!strcmp(*g, tw))
                    *growth = 1;
            for (const char *const *g = negative_verbs; *g; g++)
                if (!strcmp(*g, tw))
                    *negative = 1;
            size_t k = twn;
            /* a change verb ending in 到/至/为 reaches a level: 提高到, 降至 */
            if ((gr_str_ends((str){tw, k}, "到") || gr_str_ends((str){tw, k}, "至") || (gr_str_ends((str){tw, k}, "为") && k > 3)) &&
                strcmp(tw, "达到")) /* 增速达到11.1% is still a change */
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
};

/* Splits a list of metrics (存、贷款余额 / 城镇和农村居民人均可支配收入 / A、B和C) into n items,
 * expanding shorthand. Returns how many it wrote (0 when it cannot make n). */
static size_t split_items_raw(str m, size_t want, gr_buf *out, size_t *offs)
{
    str items[16];
    size_t k = 0, s = 0;
    for (size_t i = 0; i <= m.n && k < 16;) {
        int sep = 0;
        if (i < m.n && i + 3 <= m.n && (!memcmp(m.p + i, "、", 3) || !memcmp(m.p + i, "和", 3) ||
                                        !memcmp(m.p + i, "及", 3) || !memcmp(m.p + i, "与", 3)))
            sep = 3;
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
    out->len = 0;
    if (k == want && k >= 2) {
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
        size_t own = nfirst <= 2 ? nfirst : (dun && k == 2 && nfirst <= 6 && !whole && paired) ? 1 : 0;
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
        static const char *const heads[] = {"事故", "企业", "工业", "居民", "机构", "城市", "农村", "城镇",
                                            "行业", "产业", "地区", "人口", "单位", "家庭", "学校", "医院",
                                            "区域", "全省", "全市", "全县", NULL};
        size_t lend = 0;
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
            gr_buf_addc(out, 0);
        }
        return k;
    }
    /* 城乡居民人均可支配收入 (two numbers, one 城乡 metric) */
    if (k == 1 && want == 2) {
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
    }
    return 0;
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

/* A year written as four Arabic digits and 年 at p, or 0. */
static int gr_year_at(const char *p, size_t n)
{
    if (n < 7)
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        y = y * 10 + (p[i] - '0');
    }
    return !memcmp(p + 4, "年", 3) && y >= 1949 && y <= 2100 ? y : 0;
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

static int near_before(str s, size_t at, const char *w, size_t window)
{
    size_t a = at > window ? at - window : 0, k = strlen(w);
    if (at - a < k)
        return 0;
    /* the last byte of a Han word is the one that differs most: memchr finds the candidates */
    const char *lastp = s.p + a + k - 1, *stop = s.p + at;
    for (; lastp < stop && (lastp = memchr(lastp, w[k - 1], (size_t)(stop - lastp))); lastp++) {
        size_t i = (size_t)(lastp - s.p) - (k - 1);
        if (s.p[i] != w[0] || memcmp(s.p + i, w, k))
            continue;
        /* 全力争取 is no 力争 */
        if (k == 6 && !memcmp(w, "力争", 6) && i >= 3 && !memcmp(s.p + i - 3, "全", 3))
            continue;
        return 1;
    }
    return 0;
}

/* The year a figure is about: the nearest year before it in the sentence, unless that year is a
 * comparison base (比2020年, 较2010年, 与2015年相比). */
static int year_before(str s, const gr_num *nums, size_t n, size_t i, size_t clause_start)
{
    for (size_t j = i; j-- > 0;) {
        if (nums[j].start < clause_start)
            break;
        if (nums[j].cls != GR_NUM_YEAR || nums[j].has_high)
            continue;
        size_t a = nums[j].start, e = nums[j].start + nums[j].len;
        str after = {s.p + e, s.n - e};
        if ((a >= 3 && (!memcmp(s.p + a - 3, "比", 3) || !memcmp(s.p + a - 3, "较", 3) ||
                        !memcmp(s.p + a - 3, "与", 3) || !memcmp(s.p + a - 3, "同", 3) ||
                        !memcmp(s.p + a - 3, "于", 3))) ||
            gr_str_starts(after, "相比") || gr_str_starts(after, "末") || gr_str_starts(after, "底相比"))
            continue;
        /* 是2010年的2.6倍, 恢复到2019年的112%: the year of the base a figure is measured against */
        if (gr_str_starts(after, "的") && ((a >= 3 && !memcmp(s.p + a - 3, "是", 3)) ||
                                           (a >= 9 && (!memcmp(s.p + a - 9, "恢复到", 9) || !memcmp(s.p + a - 9, "恢复至", 9)))))
            continue;
        /* 由2020年的85.2亿元增至112.6亿元: the from-year dates only the first figure */
        if (a >= 3 && (!memcmp(s.p + a - 3, "由", 3) || !memcmp(s.p + a - 3, "从", 3))) {
            int figure_between = 0;
            for (size_t k = j + 1; k < i; k++)
                if (nums[k].cls == GR_NUM_QUANTITY)
                    figure_between = 1;
            if (figure_between)
                continue;
        }
        return (int)nums[j].value;
    }
    (void)n;
    return 0;
}

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
    (void)para;
}

/* How many figures stand in a list from nums[i] (n1、n2和n3): LIST_LOOSE, those after 分别, are
 * joined by a gap of up to three characters that starts with 、 和 及 与 or a comma; LIST_BARE
 * figures (a list with no 分别) by one of 、 和 及 与 and nothing else. */
enum { LIST_LOOSE, LIST_BARE };
static size_t list_len(str s, const gr_num *nums, size_t n, size_t i, int how)
{
    size_t j = i;
    while (j + 1 < n && nums[j + 1].cls == GR_NUM_QUANTITY) {
        size_t gap = nums[j + 1].start - (nums[j].start + nums[j].len);
        str g = {s.p + nums[j].start + nums[j].len, gap};
        int joiner = gr_str_starts(g, "、") || gr_str_starts(g, "和") || gr_str_starts(g, "及") || gr_str_starts(g, "与");
        if (how == LIST_BARE ? !(joiner && gap == 3)
                             : gap > 9 || !(joiner || g.p[0] == ',' || gr_str_starts(g, "，")))
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
        if (starts_any(rest, name_stops) || (s.p[b] >= '0' && s.p[b] <= '9'))
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
    static const char *const lead[] = {"的", "实施了", "实施", "用于", "建设了", "建设", "完成了", "新建", "改造", NULL};
    size_t skip = 0;
    for (const char *const *w = lead; *w && !skip; w++)
        if (gr_str_starts(rest, *w))
            skip = strlen(*w);
    if (!skip || !(generic || gr_str_starts(rest, "的")))
        return metric;
    size_t b = a + skip;
    while (b < s.n && !is_delim(s.p, b, s.n, 0) && !(s.p[b] >= '0' && s.p[b] <= '9')) {
        str r2 = {s.p + b, s.n - b};
        if (gr_str_starts(r2, "项目") || gr_str_starts(r2, "工程")) { /* 文体馆项目基本完工: the project is the thing */
            b += 6;
            break;
        }
        if (starts_any(r2, spend_stops))
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

static void sentence(struct ctx *c, const gr_span *sp)
{
    const gr_doc *d = c->doc;
    const gr_para *para = gr_doc_para(d, sp->para);
    const gr_meta *meta = gr_doc_meta(d);
    str s = {c->text + sp->start, sp->len};
    gr_num *nums;
    size_t n;
    if (gr_num_scan(s.p, s.n, &nums, &n)) {
        c->oom = 1;
        return;
    }
    size_t figures = 0;
    for (size_t i = 0; i < n; i++)
        figures += nums[i].cls == GR_NUM_QUANTITY || nums[i].cls == GR_NUM_RANK;
    if (!figures) { /* most sentences state no figure: nothing below would emit a fact */
        gr_num_free(nums);
        return;
    }
    /* the paragraph's time, from the document layer: a five-year plan's look back is no plan */
    int plan = para->scope == GR_SCOPE_PLAN_YEAR || para->scope == GR_SCOPE_NEXT_FIVE;
    /* A multi-year figure: the sentence says so (五年来, 五年累计), or its paragraph speaks of the
     * past five years */
    unsigned sw = gr_scope_span_words(s);
    int five = (sw & (GR_SPAN_FIVE_YEARS | GR_SPAN_FIVE_TOTAL)) || para->scope == GR_SCOPE_PAST_FIVE;
    int ten = (sw & GR_SPAN_TEN_YEARS) != 0;
    str last_metric = {0};
    size_t own_facts = (size_t)-1; /* the sentence's facts before its first 均 expansion */
    size_t prev_end = 0, prev_qend = 0; /* end of the last number of any kind / of the last figure */
    gr_buf items = {0};
    for (size_t i = 0; i < n && !c->oom; i++) {
        const gr_num *x = &nums[i];
        if (x->cls != GR_NUM_QUANTITY && x->cls != GR_NUM_RANK) {
            /* years, dates and ordinals end a clause; a numeral inside a word (一般, 零售) does not */
            if ((x->cls == GR_NUM_YEAR || x->cls == GR_NUM_DATE || x->cls == GR_NUM_ORDINAL) &&
                x->start + x->len > prev_end)
                prev_end = x->start + x->len;
            continue;
        }
        const char *u = x->unit;
        int rank = x->cls == GR_NUM_RANK;
        /* no unit, a duration, a streak, a facility's capacity: no fact */
        int lifespan = near_before(s, x->start, "寿命", 15); /* 人均预期寿命达到79.2岁 is a figure */
        if (!u[0] || !strcmp(u, "年") || !strcmp(u, "个月") || (!strcmp(u, "岁") && !lifespan) || !strcmp(u, "周岁") ||
            !strcmp(u, "分") || !strcmp(u, "秒") || !strcmp(u, "级") || !strcmp(u, "周年") ||
            near_before(s, x->start, "连续", 9) || near_before(s, x->start, "年产", 6) ||
            near_before(s, x->start, "日产", 6) || near_before(s, x->start, "年处理", 9) ||
            near_before(s, x->start, "每", 3) || near_before(s, x->start, "第", 3)) {
            if (!rank) { /* no figure: it ends the clause but leaves the subject reachable */
                prev_end = x->start + x->len;
                continue;
            }
        }
        /* small counts written in Chinese numerals (两个市场, 八项规定, 三大工程) are slogans, not figures */
        if (!rank && x->vlen >= 3 && (unsigned char)s.p[x->vstart] >= 0x80 && x->value <= 10 &&
            strcmp(u, "倍") && strcmp(u, "番") && strcmp(u, "成") && strcmp(u, "%") && strcmp(u, "‰") &&
            !strstr(u, "万") && !strstr(u, "亿")) {
            prev_end = x->start + x->len;
            continue;
        }
        /* counts of the speech's own structure: 把握好5个方面, 以下14个, 3项原则 */
        {
            str after = {s.p + x->start + x->len, s.n - x->start - x->len};
            if (!rank && (gr_str_starts(after, "方面") || gr_str_starts(after, "原则") || gr_str_starts(after, "关系") ||
                          gr_str_starts(after, "着力点") || gr_str_starts(after, "重点任务") || gr_str_starts(after, "重点工作") ||
                          near_before(s, x->start, "以下", 6))) {
                prev_end = x->start + x->len;
                continue;
            }
        }
        /* the clause before the number */
        size_t cs = clause_back(s, x->start, prev_end, 1);
        size_t clause_start = cs;
        /* 分别: the metrics stand before 分别, back to a hard delimiter */
        str before = {s.p + cs, x->start - cs};
        const char *fb = memmem(before.p, before.n, "分别", 6);
        if (prev_qend < x->start) {
            size_t h = clause_back(s, x->start, 0, 0);
            str wide = {s.p + h, x->start - h};
            const char *fb2 = memmem(wide.p, wide.n, "分别", 6);
            if (h < prev_qend) {
                wide.p = s.p + prev_qend;
                wide.n = x->start - prev_qend;
                h = prev_qend;
                fb2 = memmem(wide.p, wide.n, "分别", 6);
            }
            if (fb2 && (!fb || fb2 < fb || wide.n > before.n)) {
                before = wide;
                fb = fb2;
                clause_start = h;
            }
        }
        int growth = 0, negative = 0, level = 0, first_of_two = 0;
        str metric;
        size_t listn = 1;
        /* 城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%: without 分别, a list of
         * changes after a list of as many metrics pairs them in order all the same */
        size_t implicit = 0; /* how many figures such a list holds */
        if (!fb && !rank) {
            size_t ln = list_len(s, nums, n, i, LIST_BARE);
            if (ln >= 2 && ln <= 16) {
                str vb0 = {s.p + cs, x->start - cs};
                int g6 = 0, n6 = 0, l6 = 0;
                str h6 = peel(vb0, &g6, &n6, &l6);
                size_t offs6[16];
                if (g6 && h6.n && split_items(h6, ln, &items, offs6) == ln && !items.oom)
                    implicit = ln;
            }
        }
        if (fb || implicit) {
            /* count the numbers in the list: n1、n2和n3 */
            listn = fb ? list_len(s, nums, n, i, LIST_LOOSE) : implicit;
            str head = {before.p, (size_t)((fb ? fb : before.p + before.n) - before.p)};
            str verbs = fb ? (str){fb + 6, (size_t)(before.p + before.n - fb - 6)} : (str){before.p + before.n, 0};
            int lvl = 0;
            peel(verbs, &growth, &negative, &lvl);
            /* verbs after 分别 ("分别增长") */
            for (const char *const *g = growth_verbs; *g; g++)
                if (gr_str_has(verbs, *g))
                    growth = 1;
            for (const char *const *g = negative_verbs; *g; g++)
                if (gr_str_has(verbs, *g))
                    negative = 1;
            int g2 = 0, n2 = 0, l2 = 0;
            head = peel(head, &g2, &n2, &l2);
            if (g2)
                growth = 1;
            if (n2)
                negative = 1;
            size_t offs[16];
            size_t k = listn > 1 && listn <= 16 ? split_items(head, listn, &items, offs) : 0;
            /* 养老金、低保标准、补贴和工资再次提高，月人均分别提高221元、90元…: the list stands in
             * the clause before */
            if (k != listn && listn > 1 && listn <= 16 && clause_start > 0) {
                size_t pe = clause_start;
                while (pe > 0 && is_delim(s.p, pe - 1, s.n, 0))
                    pe--;
                while (pe > 0 && ((unsigned char)s.p[pe - 1] & 0xC0) == 0x80 && is_delim(s.p, pe - 3, s.n, 0))
                    pe -= 3;
                size_t ps = pe;
                while (ps > prev_qend && !(ps >= 1 && is_delim(s.p, ps - 1, s.n, 0)) &&
                       !(ps >= 3 && is_delim(s.p, ps - 3, s.n, 0) == 3))
                    ps--;
                if (pe > ps) {
                    int g7 = 0, n7 = 0, l7 = 0;
                    str prevc = peel((str){s.p + ps, pe - ps}, &g7, &n7, &l7);
                    k = split_items(prevc, listn, &items, offs);
                }
            }
            if (k == listn && !items.oom) {
                /* 分别增长5%和7%左右: the last figure's 左右, 以上 or 以内 holds for the whole list */
                gr_approx list_approx = nums[i + listn - 1].approx;
                for (size_t q = 0; q < listn; q++) {
                    gr_num yv = nums[i + q];
                    if (yv.approx == GR_APPROX_EXACT)
                        yv.approx = list_approx;
                    const gr_num *y = &yv;
                    str m = {items.p + offs[q], strlen(items.p + offs[q])};
                    int gg = growth, nn = negative, ll = 0;
                    m = peel(m, &gg, &nn, &ll);
                    gr_kind kind = rank ? GR_KIND_RANK : gg && !ll ? GR_KIND_GROWTH
                                 : (!strcmp(y->unit, "%") || !strcmp(y->unit, "‰")) ? GR_KIND_SHARE : GR_KIND_AMOUNT;
                    int yr = year_before(s, nums, n, i, clause_start);
                    int target = plan || near_before(s, x->start, "力争", 60) || near_before(s, x->start, "目标", 60);
                    if (!yr)
                        yr = target ? meta->plan_year : meta->review_year;
                    const char *basis = gr_str_has(before, "同比") ? "同比" : gr_str_has(before, "可比") ? "可比"
                                      : gr_str_has(before, "年均") ? "年均" : NULL;
                    emit(c, sp, para, y, m, kind, kind == GR_KIND_GROWTH && nn, target, yr,
                         five && !target && yr == meta->review_year ? meta->review_year - 4 : 0, basis,
                         near_before(s, x->start, "预计", 90));
                }
                last_metric = (str){0};
                prev_end = prev_qend = nums[i + listn - 1].start + nums[i + listn - 1].len;
                i += listn - 1;
                continue;
            }
            metric = head;
        } else {
            /* 由A增加到B, 从A降至B: the metric stands before 由/从 */
            const char *from = NULL;
            size_t hs = clause_back(s, x->start, prev_qend, 1); /* back to a delimiter or the last figure, across years */
            for (const char *q = s.p + hs; q + 3 <= s.p + x->start; q++)
                if ((!memcmp(q, "由", 3) || !memcmp(q, "从", 3)) && /* not 从业人员, 从事, 自由, 由于 */
                    !(q + 6 <= s.p + x->start && (!memcmp(q + 3, "业", 3) || !memcmp(q + 3, "事", 3) || !memcmp(q + 3, "于", 3))) &&
                    !(q >= s.p + 3 && (!memcmp(q - 3, "自", 3) || !memcmp(q - 3, "理", 3) || !memcmp(q - 3, "缘", 3))))
                    from = q;
            if (from && from > s.p + hs) {
                before = (str){s.p + hs, (size_t)(from - (s.p + hs))};
                clause_start = hs;
            }
            metric = peel(before, &growth, &negative, &level);
            if (from && before.p == s.p + clause_start && from > before.p) {
                growth = negative = level = 0; /* the first of two levels */
                first_of_two = 1;
            }
        }
        /* the words between the metric and the number say whether it is a change (增加值 is no
         * verb: only what follows the metric counts) */
        str vb = {s.p + clause_start, x->start - clause_start};
        const char *tail_from = metric.n && metric.p >= vb.p && metric.p + metric.n <= vb.p + vb.n
                                    ? metric.p + metric.n : vb.p;
        str tail = {tail_from, (size_t)(vb.p + vb.n - tail_from)};
        if (!growth)
            for (const char *const *g = growth_verbs; *g; g++)
                if (gr_str_has(tail, *g))
                    growth = 1;
        if (growth && !negative)
            for (const char *const *g = negative_verbs; *g; g++)
                if (gr_str_has(tail, *g))
                    negative = 1;
        if ((gr_str_ends(vb, "到") && !gr_str_ends(vb, "达到")) || gr_str_ends(vb, "至"))
            level = 1; /* 提高到, 降至; but 增速达到 is still a change */
        /* 是“十一五”时期的2.7倍: a multiple of the metric before it */
        if (!strcmp(u, "倍") && last_metric.n && (gr_str_starts(before, "是") || gr_str_has(before, "的")) && !growth)
            metric = last_metric;
        /* a counting verb and nothing else: the thing counted follows the unit */
        int place = gr_str_ends(metric, "镇") || gr_str_ends(metric, "乡") || gr_str_ends(metric, "村") || gr_str_ends(metric, "街道") ||
                    gr_str_ends(metric, "县") || gr_str_ends(metric, "区") || gr_str_ends(vb, "等") || is_place(metric);
        int classifier = gr_num_unit_is_classifier(u) && metric.n;
        if (!rank && (gr_str_nchars(metric) <= 2 || place || classifier)) {
            str vbt = vb; /* 完成今年66个: the time word between verb and number is skipped */
            if (gr_str_ends(vbt, "今年") || gr_str_ends(vbt, "全年") || gr_str_ends(vbt, "年内") || gr_str_ends(vbt, "当年"))
                vbt.n -= 6;
            int counted = ends_any(vb, count_verbs) || ends_any(vbt, count_verbs);
            /* a classifier binds to the noun after it (推进30件民生实事, 抓好省委确定的14项改革, 学区和822所高中):
             * the thing counted follows when what stands before is a verb (覆盖12个县; 纳入省级6项重点工程,
             * where the words before are a verb phrase, not a subject), a 的 or a conjunction */
            int bound = classifier &&
                        (counted || ends_any(vb, object_verbs) || ends_any(vbt, object_verbs) ||
                         (starts_any(metric, count_verbs) && !gr_str_starts(metric, "等")) ||
                         starts_any(metric, object_verbs) || gr_str_ends(metric, "的") || gr_str_ends(metric, "和") ||
                         gr_str_ends(metric, "及") || gr_str_ends(metric, "与") || gr_str_ends(vb, "的") ||
                         gr_str_ends(vb, "和"));
            size_t a = x->start + x->len;
            str after = name_after(s, a);
            size_t b = a + after.n;
            /* 突破百亿大关, 迈上新台阶: a milestone names no thing; the clause's subject stays the one before */
            static const struct word milestones[] = {W("大关"), W("台阶"), W("关口"), W("新台阶"), {NULL, 0}};
            if ((gr_str_nchars(metric) <= 2 || place || bound) && (counted || !metric.n || place || bound) &&
                gr_str_nchars(after) >= 2 && !starts_any(after, verbish_starts) && !starts_any(after, milestones) &&
                (unsigned char)s.p[a] >= 0x80) {
                if (gr_str_starts(after, "的"))
                    after.p += 3, after.n -= 3;
                /* 重大工程的285个…, 国家和地区近4000名…: the words that link to the next figure are not the name */
                while (b < s.n && s.p[b] >= '0' && s.p[b] <= '9' && after.n > 6 && ends_any(after, link_tails))
                    after.n -= 3;
                /* 建成并投入使用, 免费开展, 全面开展: adverbs of the verb cut off after the name */
                for (int again = 1; again && after.n > 6;) {
                    again = 0;
                    static const char *const adv[] = {"并", "免费", "全面", "均", "已", NULL};
                    for (const char *const *w = adv; *w; w++)
                        if (gr_str_ends(after, *w) && after.n > strlen(*w) + 3) {
                            after.n -= strlen(*w);
                            again = 1;
                            break;
                        }
                }
                metric = after;
            }
        }
        metric = spent_on(c, s, x, metric, last_metric);
        if (c->oom)
            break;
        int inherited = !metric.n || gr_str_nchars(metric) < 2;
        if (inherited)
            metric = last_metric;
        if (!metric.n) {
            /* nothing before and nothing inherited: the subject at the head of the clause, back
             * across milestones and years (地区生产总值连续迈上4个万亿元台阶、达14.2万亿元) */
            size_t hs = clause_back(s, x->start, prev_qend, 0);
            size_t he = hs;
            for (size_t q = 0; q < i; q++)
                if (nums[q].start >= hs) {
                    he = nums[q].start;
                    break;
                }
            if (he > hs) {
                int g4 = 0, n4 = 0, l4 = 0;
                metric = peel((str){s.p + hs, he - hs}, &g4, &n4, &l4);
            }
            /* 城镇居民家庭人均可支配收入,由1997年的5160元增加到…: the topic named alone before the
             * sentence's first comma, when no figure came before and it ends like a measure */
            if (!metric.n && hs > 0 && s.p[hs - 1] == ',' && (i == 0 || nums[0].start >= hs) &&
                clause_back(s, hs - 1, 0, 0) == 0) {
                int g5 = 0, n5 = 0, l5 = 0;
                str topic = peel((str){s.p, hs - 1}, &g5, &n5, &l5);
                /* 粮食总产量再上新台阶, 突破1600亿斤大关: the topic before its milestone */
                if (gr_str_ends(topic, "台阶"))
                    for (const char *const *m = (const char *const[]){"再上", "迈上", "跃上", "登上", "站上", NULL}; *m; m++) {
                        const char *at = memmem(topic.p, topic.n, *m, strlen(*m));
                        if (at && at > topic.p) {
                            topic.n = (size_t)(at - topic.p);
                            break;
                        }
                    }
                size_t nc = gr_str_nchars(topic);
                if (nc >= 4 && nc <= 20 && ends_any(topic, measure_finals) && !memchr(topic.p, '(', topic.n)) {
                    int digit = 0;
                    for (size_t q = 0; q < topic.n; q++)
                        digit |= topic.p[q] >= '0' && topic.p[q] <= '9';
                    if (!digit)
                        metric = topic;
                }
            }
        }
        /* 增速全国第3: the ranking's scope is no part of the metric */
        if (rank && (gr_str_ends(metric, "全国") || gr_str_ends(metric, "全省") || gr_str_ends(metric, "全市"))) {
            metric.n -= 6;
            int g8 = 0, n8 = 0, l8 = 0;
            str pm = peel(metric, &g8, &n8, &l8); /* 规模跃居全国 -> 规模; 增速全国 keeps 增速 */
            if (pm.n)
                metric = pm;
        }
        /* 排名清远第一, 居全国第5位: the rank of the metric before it */
        if (rank && last_metric.n && (gr_str_starts(metric, "排名") || gr_str_starts(metric, "居") || gr_str_starts(metric, "位居") ||
                                      gr_str_starts(metric, "位列") || gr_str_starts(metric, "名列")))
            metric = last_metric;
        if (!metric.n) {
            prev_end = prev_qend = x->start + x->len;
            continue;
        }
        /* 均: one value for each metric listed before it in the sentence */
        size_t lw = x->start - clause_start < 24 ? x->start - clause_start : 24;
        str lv = {s.p + x->start - lw, lw};
        int all = 0; /* 均 that spreads one value over several metrics, not 人均, 年均, 平均… */
        for (const char *q = lv.p; q + 3 <= lv.p + lv.n; q++)
            if (!memcmp(q, "均", 3) && !(q >= s.p + 3 && (!memcmp(q - 3, "人", 3) || !memcmp(q - 3, "年", 3) ||
                                                          !memcmp(q - 3, "平", 3) || !memcmp(q - 3, "日", 3) ||
                                                          !memcmp(q - 3, "户", 3) || !memcmp(q - 3, "亩", 3) ||
                                                          !memcmp(q - 3, "月", 3))) &&
                !(q + 6 <= s.p + s.n && (!memcmp(q + 3, "衡", 3) || !memcmp(q + 3, "等", 3) || !memcmp(q + 3, "值", 3))))
                all = 1;
        gr_kind kind = rank ? GR_KIND_RANK
                     : growth && !level ? GR_KIND_GROWTH
                     : (!strcmp(u, "%") || !strcmp(u, "‰") || !strcmp(u, "倍") || !strcmp(u, "成")) ? GR_KIND_SHARE
                     : GR_KIND_AMOUNT;
        /* 提升/改造 a number of mu or units is work done, not a change of a level: a change is a rate,
         * points, a multiple, or an amount of money or people (比上年增加13480元) */
        if (kind == GR_KIND_GROWTH && strcmp(u, "%") && strcmp(u, "‰") && strcmp(u, "倍") &&
            !strstr(u, "元") && !strstr(u, "人") && !strstr(u, "户") && !strstr(u, "斤") && !strstr(u, "吨") &&
            !strstr(u, "个百分点") && !strstr(u, "百分点") && strcmp(u, "番") &&
            (gr_str_has(tail, "提升") || gr_str_has(tail, "提高") || gr_str_has(tail, "扩大") || gr_str_has(tail, "优化")))
            kind = GR_KIND_AMOUNT;
        if (!strcmp(u, "个百分点") || !strcmp(u, "百分点"))
            kind = GR_KIND_GROWTH;
        if (!strcmp(u, "番"))
            kind = GR_KIND_GROWTH;
        int target = plan;
        if (!plan && (near_before(s, x->start, "力争", 90) || (near_before(s, x->start, "预期目标", 60) && !near_before(s, x->start, "于年初预期目标", 60) &&
                       !near_before(s, x->start, "于预期目标", 60)) || /* not 好于预期目标 */
                      near_before(s, x->start, "目标是", 60)))
            target = 1;
        /* a plan part speaking of last year: 去年…增长5.2% (but 比上年增加 is a comparison) */
        if (plan && (near_before(s, x->start, "去年", 60) || near_before(s, x->start, "过去一年", 60)) &&
            !near_before(s, x->start, "比去年", 60) && !near_before(s, x->start, "较去年", 60) &&
            !gr_str_has(s, "力争") && !gr_str_has(s, "目标") && !gr_str_has(s, "今年") && !gr_str_has(s, "拟"))
            target = 0;
        int yr = year_before(s, nums, n, i, 0);
        /* an explicit year in the sentence wins over its paragraph's five years: 2012年全省生产总值
         * 26575亿元,同比增长9.6% in a five-year review is 2012's (unless the sentence itself says
         * 五年来 or 五年累计) */
        int year_named = yr && yr == meta->review_year && !(sw & (GR_SPAN_FIVE_YEARS | GR_SPAN_FIVE_TOTAL));
        int period = 0;
        if (!yr || (yr == meta->plan_year && !target) || yr > meta->plan_year + 10)
            yr = target ? meta->plan_year : meta->review_year;
        /* the next five years' targets (“十四五”时期主要目标) are for the plan's last year */
        if (para->scope == GR_SCOPE_NEXT_FIVE && target && yr == meta->plan_year && meta->plan_year) {
            yr = meta->plan_year + 4;
            period = meta->plan_year;
        }
        if (!target && (five || ten) && !year_named && yr == meta->review_year && kind != GR_KIND_SHARE && !level &&
            !first_of_two)
            period = meta->review_year - (ten ? 9 : 4);
        /* 从54万亿元增加到82.7万亿元: the first level is the start of the span (or of the year) */
        if (first_of_two && !target && yr == meta->review_year && !year_before(s, nums, n, i, 0))
            yr = meta->review_year - (five ? 5 : ten ? 10 : 1);
        /* a change over several years against a base year: 比2002年增长65.5% covers 2003-2007 */
        if (kind == GR_KIND_GROWTH && !target) {
            size_t hb = x->start; /* back to a delimiter, across the base year itself */
            while (hb > 0 && !is_delim(s.p, hb - 1, s.n, 0))
                hb--;
            str cl = {s.p + hb, x->start - hb};
            for (const char *q = cl.p; q + 9 <= cl.p + cl.n; q++) {
                if (memcmp(q, "比", 3) && memcmp(q, "较", 3))
                    continue;
                int by = gr_year_at(q + 3, (size_t)(cl.p + cl.n - q - 3));
                if (by && yr && by < yr - 1)
                    period = by + 1;
            }
            /* the sentence's frame: 2005年与2000年相比,国内生产总值增长57.3% covers 2001-2005 */
            for (size_t j = 0; j < i && !period; j++) {
                size_t a = nums[j].start, e = nums[j].start + nums[j].len;
                if (nums[j].cls == GR_NUM_YEAR && a >= 3 && gr_str_starts((str){s.p + e, s.n - e}, "相比") &&
                    (!memcmp(s.p + a - 3, "与", 3) || !memcmp(s.p + a - 3, "同", 3) || !memcmp(s.p + a - 3, "和", 3)) &&
                    yr && nums[j].value < yr - 1)
                    period = (int)nums[j].value + 1;
            }
        }
        const char *basis = near_before(s, x->start, "同比", 15) ? "同比"
                          : near_before(s, x->start, "可比", 21) ? "可比"
                          : near_before(s, x->start, "环比", 15) ? "环比"
                          : near_before(s, x->start, "年均", 15) || near_before(s, x->start, "年平均", 15) ||
                                    near_before(s, x->start, "平均每年", 24) || near_before(s, x->start, "每年平均", 24)
                              ? "年均"
                          : NULL;
        if (kind != GR_KIND_GROWTH)
            basis = NULL;
        /* a change on the year before (同比, 比上年) is one year's, whatever the paragraph's span:
         * 全县地区生产总值完成70.11亿元,同比增长4.9% in a five-year review */
        if (kind == GR_KIND_GROWTH && !target && period == meta->review_year - 4 && yr == meta->review_year &&
            ((basis && !strcmp(basis, "同比")) || near_before(s, x->start, "比上年", 24) ||
             near_before(s, x->start, "较上年", 24)))
            period = 0;
        if (basis && !strcmp(basis, "年均") && !period && !target && yr)
            period = yr - 4; /* an average over years is no single year's figure: five by default */
        int estimate = near_before(s, x->start, "预计", 90);
        if (all) {
            /* 城镇…、农村…均增长8%: the metrics listed before 均 in the same clause */
            const char *jun = NULL;
            size_t hb = x->start;
            while (hb > prev_qend && !is_delim(s.p, hb - 1, s.n, 0))
                hb--;
            for (const char *q = s.p + hb; q + 3 <= s.p + x->start; q++)
                if (!memcmp(q, "均", 3))
                    jun = q;
            size_t nitems = 1;
            str head = {s.p + hb, jun ? (size_t)(jun - (s.p + hb)) : 0};
            for (const char *q = head.p; q + 3 <= head.p + head.n; q++)
                if (!memcmp(q, "、", 3) || !memcmp(q, "和", 3))
                    nitems++;
            size_t offs[16];
            int g5 = 0, n5 = 0, l5 = 0;
            head = peel(head, &g5, &n5, &l5);
            if (nitems >= 2 && nitems <= 16 && split_items(head, nitems, &items, offs) == nitems && !items.oom) {
                for (size_t q = 0; q < nitems && !c->oom; q++) {
                    str m = {items.p + offs[q], strlen(items.p + offs[q])};
                    int g6 = 0, n6 = 0, l6 = 0;
                    m = peel(m, &g6, &n6, &l6);
                    emit(c, sp, para, x, m, kind, negative, target, yr, period, basis, estimate);
                }
                prev_end = prev_qend = x->start + x->len;
                continue;
            }
        }
        if (all && last_metric.n) {
            /* 完成率均达100%: the word before 均 names what is measured of each earlier metric */
            const char *jun = memmem(lv.p, lv.n, "均", 3);
            str word = {s.p + clause_start, (size_t)(jun - (s.p + clause_start))};
            while (word.n && word.p[0] == ' ')
                word.p++, word.n--;
            size_t first = c->fs->n;
            while (first > 0 && c->fs->v[first - 1].sentence == (size_t)(sp - gr_doc_sentence(d, 0)))
                first--;
            /* only the facts stated before any 均: a second 均 must not expand the first one's
             * expansions (each would double the sentence's facts: 2^n for n of them) */
            if (own_facts == (size_t)-1)
                own_facts = c->fs->n;
            size_t last = c->fs->n < own_facts ? c->fs->n : own_facts;
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
                emit(c, sp, para, x, (str){buf, strlen(buf)}, kind, negative, target, yr, period, basis, estimate);
            }
            prev_end = prev_qend = x->start + x->len;
            continue;
        }
        /* 城镇居民人均可支配收入15781元,农村居民人均纯收入4761元,实际增长8.4%和8%: a list of changes
         * with no metric of its own (figures joined by nothing but 、/和) pairs in order with the
         * last metrics that amounts of this sentence named */
        if (inherited && kind == GR_KIND_GROWTH) {
            size_t ln = list_len(s, nums, n, i, LIST_BARE);
            const char *ms[16];
            size_t k = 0;
            size_t cur = (size_t)(sp - gr_doc_sentence(d, 0));
            for (size_t q = c->fs->n; ln >= 2 && ln <= 16 && q > 0 && c->fs->v[q - 1].sentence == cur && k < ln; q--) {
                const gr_fact *pf = &c->fs->v[q - 1];
                if (pf->kind == GR_KIND_AMOUNT && (!k || strcmp(ms[k - 1], pf->metric)))
                    ms[k++] = pf->metric;
            }
            if (ln >= 2 && ln <= 16 && k == ln) {
                gr_approx list_approx = nums[i + ln - 1].approx;
                for (size_t q = 0; q < ln && !c->oom; q++) {
                    const char *pm = ms[ln - 1 - q]; /* interned: each in a block of its own */
                    gr_num yv = nums[i + q];
                    if (yv.approx == GR_APPROX_EXACT)
                        yv.approx = list_approx;
                    emit(c, sp, para, &yv, (str){pm, strlen(pm)}, kind, negative, target, yr, period, basis,
                         estimate);
                }
                last_metric = (str){0};
                prev_end = prev_qend = nums[i + ln - 1].start + nums[i + ln - 1].len;
                i += ln - 1;
                continue;
            }
        }
        /* 高于全国0.4个百分点: a gap to a benchmark names its subject and the comparison; so does a
         * bare measure word (外贸进出口增长8.4%、总额突破8000亿元 -> 外贸进出口总额) */
        str shown = metric;
        char joined[256];
        if (last_metric.n && last_metric.n + metric.n < sizeof joined &&
            ((!rank && (gr_str_starts(metric, "高于") || gr_str_starts(metric, "低于") ||
                        gr_str_starts(metric, "快于") || gr_str_starts(metric, "慢于"))) ||
             str_is(metric, "总额") || str_is(metric, "总量") || str_is(metric, "增速") || str_is(metric, "占比") ||
             str_is(metric, "比重") || str_is(metric, "总数") || str_is(metric, "产量") || str_is(metric, "规模"))) {
            if (last_metric.n >= metric.n &&
                !memcmp(last_metric.p + last_metric.n - metric.n, metric.p, metric.n)) {
                shown = last_metric; /* 新能源汽车产量…,产量突破10万辆 */
            } else {
                str lm = last_metric; /* 新增企业46家,总数达到312家: the total is of all, not of the new */
                if (str_is(metric, "总数") && gr_str_starts(lm, "新增") && lm.n > 12)
                    lm.p += 6, lm.n -= 6;
                /* 粮食播种面积…、产量…: the output is of the crop, not of its area */
                if (str_is(metric, "产量"))
                    for (const char *const *a = (const char *const[]){"播种面积", "种植面积", "面积", NULL}; *a; a++)
                        if (gr_str_ends(lm, *a) && lm.n > strlen(*a)) {
                            lm.n -= strlen(*a);
                            break;
                        }
                memcpy(joined, lm.p, lm.n);
                memcpy(joined + lm.n, metric.p, metric.n);
                shown = (str){joined, lm.n + metric.n};
            }
        }
        emit(c, sp, para, x, shown, kind, kind == GR_KIND_GROWTH && negative, target, yr, period, basis,
             estimate);
        if (shown.p == metric.p)
            last_metric = metric;
        prev_end = prev_qend = x->start + x->len;
    }
    if (items.oom) /* a list's items could not be kept: its facts are missing, so fail */
        c->oom = 1;
    gr_buf_free(&items);
    gr_num_free(nums);
}

gr_status gr_fact_extract(const gr_doc *doc, gr_facts **out)
{
    gr_facts *fs = calloc(1, sizeof *fs);
    *out = fs;
    if (!fs)
        return GR_ENOMEM;
    struct ctx c = {doc, fs, gr_doc_text(doc, NULL), 0};
    size_t ns = gr_doc_nsentence(doc);
    for (size_t i = 0; i < ns && !c.oom; i++) {
        const gr_span *sp = gr_doc_sentence(doc, i);
        const gr_para *p = gr_doc_para(doc, sp->para);
        if (p->part == GR_PART_BOILERPLATE || p->part == GR_PART_FRONT || p->part == GR_PART_NOTES ||
            p->part == GR_PART_CLOSING || (p->heading && p->nsentences == 1))
            continue;
        sentence(&c, sp);
    }
    if (c.oom) {
        gr_facts_free(fs);
        *out = NULL;
        return GR_ENOMEM;
    }
    return GR_OK;
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
