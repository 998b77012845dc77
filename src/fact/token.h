/* token.h - a clause as the fact grammar reads it: tokens with their offsets, lengths, lexicon tags
 * and numbers, through the lexicon's automaton (lexicon.h) and the quantity layer's numbers. */
#ifndef GR_FACT_TOKEN_H
#define GR_FACT_TOKEN_H

#include "lexicon.h"

#include "govreport.h"

typedef enum gr_tok_kind {
    GR_TOK_TEXT,   /* a run of characters that start no word, number or delimiter: a name */
    GR_TOK_WORD,   /* a lexicon word, the longest that starts here: tags say what the rules read it as */
    GR_TOK_NUMBER, /* a number as the quantity layer read it (num: its index) */
    GR_TOK_DELIM,  /* a clause delimiter (clause.h), 、 included */
} gr_tok_kind;

typedef struct gr_token {
    size_t start, len; /* bytes of the text tokenized */
    gr_tok_kind kind;
    uint32_t tags;     /* a word's tags (enum gr_lex_tag) */
    size_t num;        /* a number's index in the numbers given */
} gr_token;

typedef struct gr_tokens {
    gr_token *v;
    size_t n, cap;
} gr_tokens;

/* The tokens of s, whose numbers are nums[0..n) (from gr_num_scan of s). Returns GR_ENOMEM or GR_OK;
 * out is freed with gr_tokens_free either way. */
gr_status gr_tokenize(gr_str s, const gr_num *nums, size_t n, gr_tokens *out);
void gr_tokens_free(gr_tokens *t);

/* The names of the tags set in tags, comma-separated, in buf (cap bytes). */
void gr_lex_tag_names(uint32_t tags, char *buf, size_t cap);

#endif
