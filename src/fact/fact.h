/* fact.h - the facts layer's private interface: the canonical indicator table and the fact set a
 * gr_facts handle owns. Includes the document and quantity layers only. */
#ifndef GR_FACT_FACT_H
#define GR_FACT_FACT_H

#include <stddef.h>

#include "govreport.h"

typedef struct { const char *name, *id; } gr_indicator_name;
/* direction: "higher" (a result meets its target at or above it), "ceiling" (at or below it: CPI,
 * unemployment, intensities, cuts) or "neutral" */
/* kind: the kind of fact a panel of the indicator reads unless told (growth, amount, share, rank) */
typedef struct { const char *id, *name, *family, *direction, *kind; } gr_indicator;

extern const gr_indicator_name gr_indicator_names[]; /* sorted by bytes of name */
extern const unsigned gr_nindicator_names;
extern const gr_indicator gr_indicators[];
extern const unsigned gr_nindicators;

/* The canonical id of a metric (exact name or alias, after dropping a leading scope word such as
 * 全市 or 金融机构), or NULL. */
const char *gr_indicator_lookup(const char *metric);
/* The table's row of the indicator with that id (gdp, cpi…), or NULL. */
const gr_indicator *gr_indicator_by_id(const char *id);

struct gr_facts {
    gr_fact *v;
    size_t n, cap;
    char **strings; /* metric strings the facts point to */
    size_t nstrings, capstrings;
};

#endif
