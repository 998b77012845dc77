/* scope.c - a paragraph's time scope. The part says most of it: a review speaks of the year
 * reviewed, a five-year review of the past five years, the plan and the key work of the plan year, a
 * five-year plan of the next five. The words of the paragraph correct the part where reports mix
 * them:
 * - in a review, a paragraph that says 五年来 or 过去五年 speaks of the five years;
 * - in a five-year review, a paragraph that opens on the year reviewed (2025年, in its first 60
 *   bytes: 20 characters, where a paragraph states what it is about), or says 过去一年, 一年来 or
 *   刚刚过去的, speaks of that year alone;
 * - a five-year plan may open with the past five years' record (过去五年…, 五年来…, …成就,
 *   “十三五”时期…): in its first 90 bytes (30 characters), such a paragraph looks back;
 * - and after the five years' goals it may set the plan year's: a paragraph of a five-year plan that
 *   opens on 今年 or the plan year (今年是…, 2003年…), or states 预期目标是 (the annual plan's word;
 *   five-year goals are 主要目标) in its first 20 characters without naming the five years, speaks of
 *   the plan year. The document layer carries that year on to the paragraphs after it, up to the
 *   next heading (gr_scope_carry).
 */
#include "scope.h"

#include <stdio.h>
#include <string.h>

typedef gr_str str;

unsigned gr_scope_span_words(str t)
{
    unsigned w = 0;
    const char *end = t.p + t.n;
    /* 年 is E5 B9 B4: searched by its last byte, which few other characters end in */
    for (const char *b4 = t.p; b4 < end && (b4 = memchr(b4, 0xB4, (size_t)(end - b4))); b4++) {
        const char *q = b4 - 2;
        if (b4 - t.p < 2 || (unsigned char)q[0] != 0xE5 || (unsigned char)q[1] != 0xB9)
            continue;
        str before = {t.p, (size_t)(q - t.p)}, after = {q + 3, (size_t)(end - q - 3)};
        if ((gr_str_ends(before, "一") && gr_str_starts(after, "来")) || gr_str_ends(before, "过去一"))
            w |= GR_SPAN_ONE_YEAR;
        if ((gr_str_ends(before, "五") && gr_str_starts(after, "来")) || gr_str_ends(before, "过去五") ||
            gr_str_ends(before, "这五"))
            w |= GR_SPAN_FIVE_YEARS;
        if (gr_str_ends(before, "五") && (gr_str_starts(after, "累计") || gr_str_starts(after, "间") ||
                                          gr_str_starts(after, "共") || gr_str_starts(after, "合计") ||
                                          gr_str_starts(after, "总计")))
            w |= GR_SPAN_FIVE_TOTAL;
        if ((gr_str_ends(before, "十") && gr_str_starts(after, "来")) || gr_str_ends(before, "新时代十"))
            w |= GR_SPAN_TEN_YEARS;
    }
    return w;
}

enum { HEAD_BYTES = 60, LOOK_BACK_BYTES = 90 };

gr_scope gr_scope_of(gr_part part, str t, int review_year, int plan_year)
{
    switch (part) {
    case GR_PART_BOILERPLATE:
    case GR_PART_FRONT:
    case GR_PART_OPENING:
    case GR_PART_CLOSING:
    case GR_PART_NOTES:
        return GR_SCOPE_NONE;
    case GR_PART_PLAN:
    case GR_PART_WORK:
        return GR_SCOPE_PLAN_YEAR;
    case GR_PART_FIVE_YEAR_PLAN: {
        str h = {t.p, t.n < LOOK_BACK_BYTES ? t.n : LOOK_BACK_BYTES};
        if (gr_str_has(h, "过去五年") || gr_str_has(h, "五年来") || gr_str_has(h, "成就") ||
            gr_str_has(h, "“十三五”时期"))
            return GR_SCOPE_PAST_FIVE;
        char py[16];
        snprintf(py, sizeof py, "%d年", plan_year);
        str h60 = {t.p, t.n < HEAD_BYTES ? t.n : HEAD_BYTES};
        int five = gr_str_has(h60, "五年") || gr_str_has(h60, "十五五") || gr_str_has(h60, "十四五") ||
                   gr_str_has(h60, "十六五") || gr_str_has(h60, "规划");
        if (gr_str_starts(t, "今年") || (plan_year && gr_str_starts(t, py)) || gr_str_has(h60, "今年的主要预期目标") ||
            gr_str_has(h60, "今年经济社会发展") || (!five && gr_str_has(h60, "预期目标是")))
            return GR_SCOPE_PLAN_YEAR; /* 今年是…: the plan year's own targets, set after the five years' */
        return GR_SCOPE_NEXT_FIVE;
    }
    default:
        break;
    }
    unsigned w = gr_scope_span_words(t);
    if (part != GR_PART_FIVE_YEAR && !(w & GR_SPAN_FIVE_YEARS))
        return GR_SCOPE_REVIEW_YEAR;
    char ry[16];
    snprintf(ry, sizeof ry, "%d年", review_year);
    str h = {t.p, t.n < HEAD_BYTES ? t.n : HEAD_BYTES};
    int single = (review_year && gr_str_has(h, ry)) || (w & GR_SPAN_ONE_YEAR) || gr_str_has(t, "刚刚过去的");
    return single ? GR_SCOPE_REVIEW_YEAR : GR_SCOPE_PAST_FIVE;
}

gr_scope gr_scope_carry(gr_scope prev, gr_scope cur, gr_part part, str t)
{
    if (part != GR_PART_FIVE_YEAR_PLAN || prev != GR_SCOPE_PLAN_YEAR || cur != GR_SCOPE_NEXT_FIVE)
        return cur;
    str h = {t.p, t.n < HEAD_BYTES ? t.n : HEAD_BYTES};
    if (gr_str_has(h, "五年") || gr_str_has(h, "十五五") || gr_str_has(h, "十四五") || gr_str_has(h, "十六五") ||
        gr_str_has(h, "规划") || gr_str_has(h, "纲要"))
        return cur; /* back to the five years */
    return GR_SCOPE_PLAN_YEAR;
}
