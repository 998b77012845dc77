/* lexicon.c - the grammar's one longest-match automaton over data/fact_lexicon.tsv (see lexicon.h):
 * every word with its tags' bits, in a forward and a reversed trie (util/trie.h), built once. */
#include "lexicon.h"

#include <threads.h>

#include "../util/trie.h"

enum { GR_LEX_NODES = 8192 }; /* some 400 words of at most 24 bytes: under 4000 nodes each way */
static gr_trie_node fwd_nodes[GR_LEX_NODES], rev_nodes[GR_LEX_NODES];
static gr_trie fwd, rev;
static once_flag once = ONCE_FLAG_INIT;

/* For each tag, the set of third bytes of its words (the last byte of a Han word's first
 * character, the one that varies most): a scan for words of some tags walks the trie only where
 * that byte is one of them. A word shorter than three bytes sets every byte. */
static uint64_t third[32][4];

static void build(void)
{
    gr_trie_init(&fwd, fwd_nodes, GR_LEX_NODES, 0);
    gr_trie_init(&rev, rev_nodes, GR_LEX_NODES, 1);
    for (const gr_lex_tagged *w = gr_lex_all; w->w; w++) {
        for (unsigned b = 0; b < 32; b++)
            if (w->tags & (1u << b)) {
                if (w->n < 3)
                    third[b][0] = third[b][1] = third[b][2] = third[b][3] = ~(uint64_t)0;
                else
                    third[b][(unsigned char)w->w[2] >> 6] |= (uint64_t)1 << ((unsigned char)w->w[2] & 63);
            }
        if (!gr_trie_add(&fwd, w->w, w->n, w->tags) || !gr_trie_add(&rev, w->w, w->n, w->tags))
            return; /* full: the lexicon outgrew GR_LEX_NODES (the spec finds its words missing) */
    }
}

/* The third bytes that words of the tags have. */
static void thirds_of(uint32_t tags, uint64_t set[4])
{
    set[0] = set[1] = set[2] = set[3] = 0;
    for (unsigned b = 0; b < 32; b++)
        if (tags & (1u << b))
            for (int q = 0; q < 4; q++)
                set[q] |= third[b][q];
}

static int may_start(const uint64_t set[4], gr_str s, size_t i)
{
    if (i + 2 >= s.n)
        return 0;
    unsigned char b = (unsigned char)s.p[i + 2];
    return (set[b >> 6] >> (b & 63)) & 1;
}

size_t gr_lex_prefix(gr_str s, uint32_t tags, uint32_t *all)
{
    call_once(&once, build);
    return gr_trie_match(&fwd, s.p, s.n, tags, all);
}

size_t gr_lex_suffix(gr_str s, uint32_t tags, uint32_t *all)
{
    call_once(&once, build);
    return gr_trie_match(&rev, s.p, s.n, tags, all);
}

int gr_lex_has(gr_str s, uint32_t tags)
{
    call_once(&once, build);
    uint64_t set[4];
    thirds_of(tags, set);
    for (size_t i = 0; i < s.n; i++)
        if (((unsigned char)s.p[i] & 0xC0) != 0x80 && may_start(set, s, i) &&
            gr_trie_match(&fwd, s.p + i, s.n - i, tags, NULL))
            return 1;
    return 0;
}

/* Is the word at i inside a compound that starts before it (全力争取 holds no 力争, 好于预期目标 no
 * 预期目标)? Compounds are at most GR_LEX_COMPOUND_BACK characters ahead of the word. */
enum { GR_LEX_COMPOUND_BACK = 4 };

static int in_compound(gr_str s, size_t i, size_t k)
{
    for (size_t j = i > 3 * GR_LEX_COMPOUND_BACK ? i - 3 * GR_LEX_COMPOUND_BACK : 0; j < i; j++)
        if (((unsigned char)s.p[j] & 0xC0) != 0x80 &&
            j + gr_lex_prefix((gr_str){s.p + j, s.n - j}, GR_LEX_COMPOUND, NULL) >= i + k)
            return 1;
    return 0;
}

int gr_lex_near_before(gr_str s, size_t at, uint32_t tags, size_t window)
{
    call_once(&once, build);
    uint64_t set[4];
    thirds_of(tags, set);
    size_t a = at > window ? at - window : 0;
    for (size_t i = a; i < at; i++) {
        if (((unsigned char)s.p[i] & 0xC0) == 0x80 || !may_start(set, (gr_str){s.p, at}, i))
            continue;
        /* the longest word of the tags that starts at i and ends by at */
        gr_str rest = {s.p + i, at - i};
        size_t k = gr_lex_prefix(rest, tags, NULL);
        if (k && !in_compound(s, i, k))
            return 1;
    }
    return 0;
}
