/* trie.h - one longest-match automaton over byte strings: a trie of words, each with a value (a
 * bit set of tags, or an index), walked once from a position. The fact grammar's lexicon and the
 * indicator names are both read through it: the lexicon's words forwards (what a metric starts
 * with) and reversed (what it ends with), the indicator names for an exact name.
 *
 * Nodes live in storage the caller gives (static arrays: the tables are fixed at build time); a
 * word that does not fit is refused, and the caller's test finds every word again.
 */
#ifndef GR_UTIL_TRIE_H
#define GR_UTIL_TRIE_H

#include <stddef.h>
#include <stdint.h>

typedef struct gr_trie_node {
    uint32_t child, sibling; /* first child, next sibling; 0: none (node 0 is the root) */
    uint32_t value;          /* the word ending here: its tags or index; 0: no word ends here */
    unsigned char byte;
} gr_trie_node;

/* The nodes three bytes down (a Han word's first character) by those bytes, in an open-addressed
 * table: the first levels have up to 64 siblings each, the levels below a character few. A trie of
 * more first characters than this (a user's long dictionary) walks from the root instead. */
#define GR_TRIE_HEADS 1024

typedef struct gr_trie {
    gr_trie_node *v;
    uint32_t n, cap;
    int reversed;  /* words are stored back to front: lookups match what a string ends with */
    int has_short; /* a word of fewer than three bytes: lookups walk from the root */
    uint32_t head_key[GR_TRIE_HEADS], head_node[GR_TRIE_HEADS]; /* key: the three bytes + 1 */
} gr_trie;

/* An empty trie in cap nodes of storage (cap >= 1). */
void gr_trie_init(gr_trie *t, gr_trie_node *storage, uint32_t cap, int reversed);

/* Adds word w (n bytes) with a value ORed into any it has already (tags of one word listed under
 * several). Returns 0 when the storage is full (the trie keeps what it had), 1 otherwise. */
int gr_trie_add(gr_trie *t, const char *w, size_t n, uint32_t value);

/* The longest word whose value shares a bit with mask that s (n bytes) starts with (a reversed
 * trie: ends with): its length in bytes, 0 if none; *value (when not NULL) gets that word's value. */
size_t gr_trie_match(const gr_trie *t, const char *s, size_t n, uint32_t mask, uint32_t *value);

/* The value of the word that is exactly s (n bytes), 0 if none. */
uint32_t gr_trie_get(const gr_trie *t, const char *s, size_t n);

#endif
