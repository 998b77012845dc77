/* lexicon.h - the words the fact grammar reads, as data: data/fact_lexicon.tsv (word, tags, note),
 * generated into one table per tag by tools/gen_lexicon.py (src/fact/lexicon_table.c). */
#ifndef GR_FACT_LEXICON_H
#define GR_FACT_LEXICON_H

#include <stddef.h>

/* A word with its length, so that the hot loops compare bytes without strlen. */
typedef struct gr_lex_word {
    const char *w;
    size_t n;
} gr_lex_word;

/* Each ends with {NULL, 0}; see tools/gen_lexicon.py for what each tag means. */
extern const gr_lex_word gr_lex_lead[], gr_lex_tail[], gr_lex_growth[], gr_lex_negative[], gr_lex_count[],
    gr_lex_object[], gr_lex_name_stop[], gr_lex_verbish[], gr_lex_link[], gr_lex_measure_final[], gr_lex_spend_stop[],
    gr_lex_spend_lead[], gr_lex_milestone[], gr_lex_adverb[], gr_lex_head_final[], gr_lex_measure[], gr_lex_project[];

#endif
