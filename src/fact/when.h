/* when.h - a fact's role and time: whether it is a target or a result, which year it is about, the
 * multi-year span it covers, its basis (同比, 可比, 环比, 年均) and whether it is an estimate (预计),
 * each with the reason extract --explain prints. Read from the paragraph's scope (the document
 * layer) and the words before the figure, within named distances. */
#ifndef GR_FACT_WHEN_H
#define GR_FACT_WHEN_H

#include "govreport.h"
#include "../num/num.h"
#include "../util/str.h"

/* How far before a figure a word still speaks of it, in characters (the text is UTF-8: a Han
 * character is 3 bytes). A cue of the whole statement (力争, 预计) reaches across a clause or two; a
 * goal word (预期目标, 目标是) across the one clause that states it; a comparison (比上年) and a basis
 * (同比, 年均) stand right before their verb. */
enum {
    GR_WHEN_STATEMENT_CHARS = 30, /* 力争…, 预计…: they open the statement the figure is in */
    GR_WHEN_GOAL_CHARS = 20,      /* 主要预期目标是：地区生产总值增长6%左右 */
    GR_WHEN_LAST_YEAR_CHARS = 20, /* a plan part's 去年…, 过去一年… */
    GR_WHEN_PRIOR_YEAR_CHARS = 8, /* 比上年, 较上年 (growth on the year before) */
    GR_WHEN_AVERAGE_CHARS = 8,    /* 平均每年, 每年平均 */
    GR_WHEN_COMPARABLE_CHARS = 7, /* 可比 (可比价格 增长) */
    GR_WHEN_BASIS_CHARS = 5,      /* 同比, 环比, 年均, 年平均 */
    GR_WHEN_OPENING_YEAR_CHARS = 4, /* 2016年, / 预计到2016年, opening the sentence: every clause's year */
    GR_WHEN_PLAN_YEARS_AHEAD = 10 /* a year further ahead than this is no year of the plan */
};

typedef struct gr_when_in {
    gr_str s;              /* the sentence */
    const gr_num *nums;    /* its numbers */
    size_t i;              /* the figure's */
    const gr_meta *meta;   /* the report's review and plan years */
    gr_scope scope;        /* the paragraph's time (gr_para.scope) */
    unsigned span;         /* gr_scope_span_words of the sentence */
    gr_kind kind;
    int level;             /* a level reached (提高到, 降至), not a change */
    int first_of_two;      /* the first level of 由A增加到B (or the first list of 分别从…到…) */
} gr_when_in;

typedef struct gr_when {
    int target, year, period, estimate; /* period: the span's first year, or 0 */
    const char *basis;                  /* 同比, 可比, 环比, 年均, or NULL */
    const char *why_role, *why_year;
} gr_when;

/* Is the word w within window bytes before s[at] (全力争取 is no 力争)? */
int gr_when_near_before(gr_str s, size_t at, const char *w, size_t window);
/* A year written as four digits and 年 at p[0..n), or 0. */
int gr_when_year_at(const char *p, size_t n);
/* The year written before nums[i] in its clause (from clause_start) that dates it, or 0: not the
 * base of a comparison (比2010年, 与2015年相比), a multiple's base (是2010年的2.6倍) or a from-year
 * that dates an earlier figure (由2020年的85.2亿元增至112.6亿元). */
int gr_when_year_before(gr_str s, const gr_num *nums, size_t i, size_t clause_start);

/* The role and time of a figure stated on its own. */
void gr_when_of(const gr_when_in *in, gr_when *w);
/* The same for the figures of a 分别 list: the list as a whole is dated by a year in its clause
 * (from clause_start) and read as a target by 力争 or 目标 within GR_WHEN_GOAL_CHARS; before is the
 * clause, which names its basis. */
void gr_when_of_list(const gr_when_in *in, size_t clause_start, gr_str before, gr_when *w);

#endif
