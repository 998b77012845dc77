/* scope.h - the time a paragraph speaks of (the year reviewed, the past five years, the plan year,
 * the next five years), worked out once in the document layer from its part and its words and handed
 * to the fact layer as gr_para.scope; and the span words (一年来, 五年来, 五年累计, 十年来) that set
 * it, which the fact layer also reads in single sentences. */
#ifndef GR_DOC_SCOPE_H
#define GR_DOC_SCOPE_H

#include "govreport.h"
#include "../util/str.h"

enum {
    GR_SPAN_ONE_YEAR = 1,   /* 过去一年, 一年来 */
    GR_SPAN_FIVE_YEARS = 2, /* 五年来, 过去五年, 这五年 */
    GR_SPAN_FIVE_TOTAL = 4, /* 五年累计, 五年间, 五年共计, 五年合计 */
    GR_SPAN_TEN_YEARS = 8   /* 十年来, 新时代十年 */
};

/* The GR_SPAN_* words in t, found in one pass over its 年. */
unsigned gr_scope_span_words(gr_str t);

/* The scope of a paragraph of part `part` with text t, in a report reviewing review_year and
 * planning plan_year (0 when not known). */
gr_scope gr_scope_of(gr_part part, gr_str t, int review_year, int plan_year);

/* The scope of a body paragraph whose own words give cur, after a paragraph of scope prev in the
 * same section: in a five-year plan, the plan year once set (今年是…) runs on over the paragraphs
 * after it (全省经济社会发展的主要预期目标是…) until one names the five years again. */
gr_scope gr_scope_carry(gr_scope prev, gr_scope cur, gr_part part, gr_str t);

#endif
