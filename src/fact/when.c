/* when.c - a fact's role and time (see when.h). The rules, in the order they apply:
 * - role: a figure in a paragraph of the plan year or the next five years is a target, unless that
 *   paragraph speaks of last year there (a last_year word: 去年…, 过去一年…, and no 力争, 目标, 今年,
 *   拟 in the sentence); elsewhere a goal word just before it (goal_open 力争, goal 预期目标, 目标是;
 *   not inside a compound, 全力争取, 好于预期目标), or a year ahead it is to be reached by (到2025年),
 *   make it one. The cue words are the lexicon's (data/fact_lexicon.tsv), by tag; the basis words
 *   (同比, 可比, 环比, 年均…), each with its label, are still here;
 * - year: a year written before the figure in the sentence dates it (the review year's, or any year
 *   of a result but the plan year; never one more than GR_WHEN_PLAN_YEARS_AHEAD years on); else the
 *   plan year for a target and the review year for a result; a five-year plan's targets are its end
 *   year's, over the plan's years;
 * - the first level of 由A增加到B (分别从A1、A2提高到B1、B2) in a plan is the review year's result;
 * - span: a result in a five- or ten-year paragraph or sentence covers those years, unless a year
 *   named in the sentence dates it, it is a share or a level, or a change on the year before (同比,
 *   比上年); the first level of 由A增加到B is the start of the span (or the year before); a change
 *   on a base year (比2002年增长, 与2000年相比) covers the years since; an average (年均) five years.
 */
#include "when.h"

#include <string.h>

#include "clause.h"
#include "lexicon.h"
#include "../doc/scope.h"

#define CH(n) ((size_t)(n) * 3) /* characters to bytes, for Han text */

int gr_when_near_before(gr_str s, size_t at, const char *w, size_t window)
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
        return 1;
    }
    return 0;
}

int gr_when_year_at(const char *p, size_t n)
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

int gr_when_year_before(gr_str s, const gr_num *nums, size_t i, size_t clause_start)
{
    for (size_t j = i; j-- > 0;) {
        if (nums[j].start < clause_start)
            break;
        if (nums[j].cls != GR_NUM_YEAR || nums[j].has_high)
            continue;
        size_t a = nums[j].start, e = nums[j].start + nums[j].len;
        gr_str after = {s.p + e, s.n - e};
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
    return 0;
}

static int plan_scope(gr_scope sc) { return sc == GR_SCOPE_PLAN_YEAR || sc == GR_SCOPE_NEXT_FIVE; }

static int five_years(const gr_when_in *in)
{
    return (in->span & (GR_SPAN_FIVE_YEARS | GR_SPAN_FIVE_TOTAL)) || in->scope == GR_SCOPE_PAST_FIVE;
}

/* target or result, and why */
static void role(const gr_when_in *in, gr_when *w)
{
    gr_str s = in->s;
    size_t at = in->nums[in->i].start;
    int plan = plan_scope(in->scope);
    w->target = plan;
    w->why_role = plan ? "a paragraph of the plan" : "a paragraph of the review";
    if (!plan) {
        if (gr_lex_near_before(s, at, GR_LEX_GOAL_OPEN, CH(GR_WHEN_STATEMENT_CHARS)))
            w->target = 1, w->why_role = "力争 before it";
        else if (gr_lex_near_before(s, at, GR_LEX_GOAL, CH(GR_WHEN_GOAL_CHARS))) /* not 好于预期目标 */
            w->target = 1, w->why_role = "预期目标 or 目标是 before it";
    }
    /* a plan part speaking of last year: 去年…增长5.2% (but 比去年增加 is a comparison) */
    if (plan && gr_lex_near_before(s, at, GR_LEX_LAST_YEAR, CH(GR_WHEN_LAST_YEAR_CHARS)) &&
        !gr_lex_has(s, GR_LEX_GOAL_OPEN | GR_LEX_GOAL_ANY) && !gr_str_has(s, "今年") && !gr_str_has(s, "拟"))
        w->target = 0, w->why_role = "a plan paragraph speaking of last year (去年, 过去一年)";
}

static const char *basis_of(const gr_when_in *in)
{
    gr_str s = in->s;
    size_t at = in->nums[in->i].start;
    if (in->kind != GR_KIND_GROWTH)
        return NULL;
    return gr_when_near_before(s, at, "同比", CH(GR_WHEN_BASIS_CHARS))          ? "同比"
         : gr_when_near_before(s, at, "可比", CH(GR_WHEN_COMPARABLE_CHARS))     ? "可比"
         : gr_when_near_before(s, at, "环比", CH(GR_WHEN_BASIS_CHARS))          ? "环比"
         : gr_when_near_before(s, at, "年均", CH(GR_WHEN_BASIS_CHARS)) ||
                 gr_when_near_before(s, at, "年平均", CH(GR_WHEN_BASIS_CHARS)) ||
                 gr_when_near_before(s, at, "平均每年", CH(GR_WHEN_AVERAGE_CHARS)) ||
                 gr_when_near_before(s, at, "每年平均", CH(GR_WHEN_AVERAGE_CHARS)) ? "年均"
                                                                                : NULL;
}

/* a change over several years against a base year: 比2002年增长65.5% covers 2003-2007; the
 * sentence's frame 2005年与2000年相比,… covers 2001-2005. Returns the span's first year or 0. */
static int since_base_year(const gr_when_in *in, int yr)
{
    gr_str s = in->s;
    size_t at = in->nums[in->i].start, hb = at; /* back to a delimiter, across the base year itself */
    int period = 0;
    while (hb > 0 && !gr_clause_delim(s.p, hb - 1, s.n, 0))
        hb--;
    gr_str cl = {s.p + hb, at - hb};
    for (const char *q = cl.p; q + 9 <= cl.p + cl.n; q++) {
        if (memcmp(q, "比", 3) && memcmp(q, "较", 3))
            continue;
        int by = gr_when_year_at(q + 3, (size_t)(cl.p + cl.n - q - 3));
        if (by && yr && by < yr - 1)
            period = by + 1;
    }
    for (size_t j = 0; j < in->i && !period; j++) {
        const gr_num *y = &in->nums[j];
        size_t a = y->start, e = y->start + y->len;
        if (y->cls == GR_NUM_YEAR && a >= 3 && gr_str_starts((gr_str){s.p + e, s.n - e}, "相比") &&
            (!memcmp(s.p + a - 3, "与", 3) || !memcmp(s.p + a - 3, "同", 3) || !memcmp(s.p + a - 3, "和", 3)) && yr &&
            y->value < yr - 1)
            period = (int)y->value + 1;
    }
    return period;
}

/* Is the year yr, written before the figure, one it is to be reached by (到2025年, 至2030年)? */
static int by_year(const gr_when_in *in, int yr)
{
    for (size_t j = in->i; j-- > 0;) {
        const gr_num *y = &in->nums[j];
        if (y->cls == GR_NUM_YEAR && (int)y->value == yr)
            return y->start >= 3 && (!memcmp(in->s.p + y->start - 3, "到", 3) || !memcmp(in->s.p + y->start - 3, "至", 3));
    }
    return 0;
}

/* The year a change's first level (由A…到B, 分别从A1…到B1…) stands at: the start of the span the
 * paragraph or sentence reviews (five or ten years back), else the year before the review year. */
static int span_start(const gr_when_in *in)
{
    return in->meta->review_year - (five_years(in) ? 5 : (in->span & GR_SPAN_TEN_YEARS) ? 10 : 1);
}

/* 60年来, 三年来 opening the sentence before the figure: a span of that many years reviewed (not five
 * or ten, which the paragraph's and sentence's span words read): N, or 0. */
static int years_reviewed(const gr_when_in *in)
{
    for (size_t j = 0; j < in->i; j++) {
        const gr_num *y = &in->nums[j];
        size_t e = y->start + y->len;
        if (y->start > CH(GR_WHEN_OPENING_YEAR_CHARS))
            return 0;
        if (!strcmp(y->unit, "年") && !y->has_high && y->value >= 2 && y->value <= 100 && y->value != 5 && y->value != 10 &&
            e + 3 <= in->s.n && !memcmp(in->s.p + e, "来", 3))
            return (int)y->value;
    }
    return 0;
}

void gr_when_of(const gr_when_in *in, gr_when *w)
{
    const gr_meta *m = in->meta;
    gr_str s = in->s;
    size_t at = in->nums[in->i].start;
    int five = five_years(in), ten = (in->span & GR_SPAN_TEN_YEARS) != 0;
    role(in, w);
    /* 由380元提高到420元 in a plan: the first level is where the plan starts, the review year's result */
    int from_now = in->first_of_two && w->target && plan_scope(in->scope);
    if (from_now)
        w->target = 0, w->why_role = "the first level of 由A到B in a plan: where it starts, a result";
    int yr = gr_when_year_before(s, in->nums, in->i, 0);
    w->why_year = "a year written before it";
    /* 到2025年，农林牧渔业总产值达1000亿元以上: a year ahead that the figure is to be reached by is a goal */
    if (!w->target && !from_now && yr > m->review_year && yr <= m->plan_year + GR_WHEN_PLAN_YEARS_AHEAD &&
        by_year(in, yr))
        w->target = 1, w->why_role = "到 a year ahead: a goal";
    /* an explicit year in the sentence wins over its paragraph's five years: 2012年全省生产总值
     * 26575亿元,同比增长9.6% in a five-year review is 2012's (unless the sentence itself says 五年来
     * or 五年累计) */
    int year_named = yr && yr == m->review_year && !(in->span & (GR_SPAN_FIVE_YEARS | GR_SPAN_FIVE_TOTAL));
    int period = 0;
    /* a result is of the review year or before: a later year written before it is a goal's (到2020年,
     * 全员劳动生产率从人均8.7万元提高到12万元以上) */
    if (!yr || (yr >= m->plan_year && !w->target) || yr > m->plan_year + GR_WHEN_PLAN_YEARS_AHEAD) {
        yr = w->target ? m->plan_year : m->review_year;
        w->why_year = w->target ? "the plan year (a target)" : "the review year (a result)";
    }
    /* the next five years' targets (“十四五”时期主要目标) are for the plan's last year */
    if (in->scope == GR_SCOPE_NEXT_FIVE && w->target && yr == m->plan_year && m->plan_year) {
        yr = m->plan_year + 4;
        period = m->plan_year;
        w->why_year = "the end of the five-year plan (a paragraph of the next five years)";
    }
    if (!w->target && (five || ten) && !year_named && yr == m->review_year && in->kind != GR_KIND_SHARE &&
        !in->level && !in->first_of_two) {
        period = m->review_year - (ten ? 9 : 4);
        w->why_year = ten ? "the ten years the sentence speaks of (十年来)"
                          : "the five years the paragraph or sentence speaks of (过去五年, 五年来, 五年累计)";
    }
    /* 从54万亿元增加到82.7万亿元: the first level is the start of the span (or of the year) */
    if (in->first_of_two && !from_now && !w->target && yr == m->review_year && !gr_when_year_before(s, in->nums, in->i, 0)) {
        yr = span_start(in);
        w->why_year = "the first level of 由A到B: the start of the span";
    }
    if (in->kind == GR_KIND_GROWTH && !w->target) {
        int p = since_base_year(in, yr);
        if (p) {
            period = p;
            w->why_year = "a change on a base year (比2002年, 与2000年相比): the years since";
        }
    }
    /* 60年来,西藏经济总量…翻了七番以上: what that many years achieved, even in a plan paragraph */
    int span_n = years_reviewed(in);
    if (span_n && !in->first_of_two && yr == (w->target ? m->plan_year : m->review_year)) {
        w->target = 0;
        w->why_role = "N年来 opening the sentence: a span reviewed";
        yr = m->review_year;
        if (in->kind != GR_KIND_SHARE && !in->level) {
            period = m->review_year - span_n + 1;
            w->why_year = "the years the sentence reviews (N年来)";
        }
    }
    w->basis = basis_of(in);
    /* a change on the year before (同比, 比上年) is one year's, whatever the paragraph's span:
     * 全县地区生产总值完成70.11亿元,同比增长4.9% in a five-year review */
    if (in->kind == GR_KIND_GROWTH && !w->target && period == m->review_year - 4 && yr == m->review_year &&
        ((w->basis && !strcmp(w->basis, "同比")) || gr_lex_near_before(s, at, GR_LEX_PRIOR_YEAR, CH(GR_WHEN_PRIOR_YEAR_CHARS)))) {
        period = 0;
        w->why_year = "a change on the year before (同比, 比上年): the review year alone";
    }
    if (w->basis && !strcmp(w->basis, "年均") && !period && !w->target && yr) {
        period = yr - 4; /* an average over years is no single year's figure: five by default */
        w->why_year = "an average over years (年均): five by default";
    }
    w->year = yr;
    w->period = period;
    w->estimate = gr_lex_near_before(s, at, GR_LEX_ESTIMATE, CH(GR_WHEN_STATEMENT_CHARS));
}

void gr_when_of_list(const gr_when_in *in, size_t clause_start, gr_str before, gr_when *w)
{
    const gr_meta *m = in->meta;
    gr_str s = in->s;
    size_t at = in->nums[in->i].start;
    int yr = gr_when_year_before(s, in->nums, in->i, clause_start);
    /* 2016年,汽车及零部件…分别实现产值500亿元…: a year that opens the sentence dates its lists */
    if (!yr && in->i > 0 && in->nums[0].cls == GR_NUM_YEAR && !in->nums[0].has_high &&
        in->nums[0].start <= CH(GR_WHEN_OPENING_YEAR_CHARS) && in->nums[0].start < clause_start) {
        size_t e = in->nums[0].start + in->nums[0].len;
        if (e < s.n && (s.p[e] == ',' || (e + 3 <= s.n && !memcmp(s.p + e, "，", 3))))
            yr = (int)in->nums[0].value;
    }
    w->target = plan_scope(in->scope) ||
                gr_lex_near_before(s, at, GR_LEX_GOAL_OPEN | GR_LEX_GOAL | GR_LEX_GOAL_ANY, CH(GR_WHEN_GOAL_CHARS));
    w->why_role = plan_scope(in->scope) ? "a paragraph of the plan"
                : w->target             ? "力争 or 目标 before the list"
                                        : "a paragraph of the review";
    w->why_year = "a year written in the list's clause";
    /* 分别从653元、300元提高到676元、311元 in a plan: the levels it starts from are results */
    if (in->first_of_two && w->target && plan_scope(in->scope))
        w->target = 0, w->why_role = "the first levels of 分别从…提高到… in a plan: where it starts, results";
    if (!yr) {
        yr = w->target ? m->plan_year : m->review_year;
        w->why_year = w->target ? "the plan year (a target)" : "the review year (a result)";
    }
    /* 分别从653元、300元提高到676元、311元: the levels it starts from are the start of the span (or of
     * the year), as for 由A增加到B */
    if (in->first_of_two && !w->target && !plan_scope(in->scope) && yr == m->review_year &&
        !gr_when_year_before(s, in->nums, in->i, clause_start)) {
        yr = span_start(in);
        w->why_year = "the first levels of 分别从…到…: the start of the span";
    }
    w->basis = gr_str_has(before, "同比") ? "同比" : gr_str_has(before, "可比") ? "可比"
             : gr_str_has(before, "年均") ? "年均" : NULL;
    w->year = yr;
    /* a level reached (…提高到801元) is the year's, not the span's */
    w->period = five_years(in) && !w->target && yr == m->review_year && !in->level ? m->review_year - 4 : 0;
    if (w->period)
        w->why_year = "the five years the paragraph or sentence speaks of";
    w->estimate = gr_lex_near_before(s, at, GR_LEX_ESTIMATE, CH(GR_WHEN_STATEMENT_CHARS));
}
