/* num.h - the quantity layer's private interface: the re2c scanner's tokens and the lexicon of
 * units and magnitudes that num.c reads numbers with. Includes only util/ and the public header. */
#ifndef GR_NUM_NUM_H
#define GR_NUM_NUM_H

#include <stddef.h>

#include "govreport.h"

enum {
    GR_TOK_END = 0,
    GR_TOK_ARABIC,
    GR_TOK_CHINESE,
    GR_TOK_PERCENT_OF,  /* 百分之 */
    GR_TOK_PERMILLE_OF, /* 千分之 */
    GR_TOK_PERMYRIAD_OF, /* 万分之 */
    GR_TOK_FIRST_PLACE   /* 首位, 榜首 */
};

int gr_num_next(const unsigned char *s, size_t len, size_t *pos, size_t *start, size_t *end);
/* Builds the scanner's table of starter characters; run once (by gr_num_scan, with the lexicon's
 * indexes) before gr_num_next is called. */
void gr_num_scan_init(void);

/* The value of a run of Chinese numerals s[0..n) (十二万三千, 两千零五, 二〇二三, 六点五); sets *ok to 0
 * when the run is not a well-formed number. */
double gr_num_chinese_value(const char *s, size_t n, int *ok);

/* 1 when a unit ends in a classifier (个, 项, 所, 万家): in 数+量+名 it counts the noun after it. */
int gr_num_unit_is_classifier(const char *u);

#endif
