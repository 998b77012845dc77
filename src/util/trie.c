/* trie.c - see trie.h. First-child / next-sibling nodes: a child is found by a walk of its
 * siblings, few for the bytes of Chinese words (UTF-8 lead bytes E4-E9, then 64 values at most). */
#include "trie.h"

void gr_trie_init(gr_trie *t, gr_trie_node *storage, uint32_t cap, int reversed)
{
    t->v = storage;
    t->cap = cap;
    t->n = 1;
    t->reversed = reversed;
    t->v[0] = (gr_trie_node){0, 0, 0, 0};
}

static uint32_t child(const gr_trie *t, uint32_t node, unsigned char b)
{
    for (uint32_t c = t->v[node].child; c; c = t->v[c].sibling)
        if (t->v[c].byte == b)
            return c;
    return 0;
}

int gr_trie_add(gr_trie *t, const char *w, size_t n, uint32_t value)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)w[t->reversed ? n - 1 - i : i];
        uint32_t c = child(t, node, b);
        if (!c) {
            if (t->n >= t->cap)
                return 0;
            c = t->n++;
            t->v[c] = (gr_trie_node){0, t->v[node].child, 0, b};
            t->v[node].child = c;
        }
        node = c;
    }
    t->v[node].value |= value;
    return 1;
}

size_t gr_trie_match(const gr_trie *t, const char *s, size_t n, uint32_t mask, uint32_t *value)
{
    uint32_t node = 0;
    size_t best = 0;
    uint32_t bv = 0;
    for (size_t i = 0; i < n; i++) {
        node = child(t, node, (unsigned char)s[t->reversed ? n - 1 - i : i]);
        if (!node)
            break;
        if (t->v[node].value & mask) {
            best = i + 1;
            bv = t->v[node].value;
        }
    }
    if (value)
        *value = bv;
    return best;
}

uint32_t gr_trie_get(const gr_trie *t, const char *s, size_t n)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n && (node = child(t, node, (unsigned char)s[t->reversed ? n - 1 - i : i])); i++)
        ;
    return node ? t->v[node].value : 0;
}
