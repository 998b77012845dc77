/* indicator.c - canonical indicator ids for metric names: a binary search over the sorted name
 * table generated from data/indicators.tsv (210 names; one lookup is ~8 comparisons). */
#include "fact.h"

#include <stdlib.h>
#include <string.h>

static int cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const gr_indicator_name *)elem)->name);
}

static const char *exact(const char *m)
{
    const gr_indicator_name *e =
        bsearch(m, gr_indicator_names, gr_nindicator_names, sizeof *gr_indicator_names, cmp);
    return e ? e->id : NULL;
}

const char *gr_indicator_lookup(const char *metric)
{
    static const char *const scopes[] = {"全市", "全省", "全区", "全县", "全国", "全州", "全旗",
                                         "全盟", "我市", "我省", "我区", "我县", "本市", NULL};
    const char *id = exact(metric);
    for (const char *const *s = scopes; !id && *s; s++) {
        size_t k = strlen(*s);
        if (!strncmp(metric, *s, k))
            id = exact(metric + k);
    }
    return id;
}
