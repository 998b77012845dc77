/* clause.h - where a clause ends, shared by the fact layer's modules (fact.c reads metrics between
 * these marks, when.c reads a comparison's base year back to one). */
#ifndef GR_FACT_CLAUSE_H
#define GR_FACT_CLAUSE_H

#include <stddef.h>
#include <string.h>

/* The length of the clause mark at s[i] (of n): , ; : ! ? and 。，；：（）, with 、 when allow_dun;
 * 0 for none. Parentheses written as ASCII stay inside a metric: 细颗粒物(PM2.5)平均浓度. */
static inline int gr_clause_delim(const char *s, size_t i, size_t n, int allow_dun)
{
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

#endif
