/* trie.c - see trie.h. First-child / next-sibling nodes: a child is found by a walk of its
 * siblings, few for the bytes of Chinese words (UTF-8 lead bytes E4-E9, then 64 values at most). */
#include "trie.h"

void gr_trie_init(gr_trie *t, gr_trie_node *storage, uint32_t cap, int reversed)
{
    t->v = storage;
    t->cap = cap;
    t->n = 1;
    t->reversed = reversed;
    t->has_short = 0;
    t->v[0] = (gr_trie_node){0, 0, 0, 0};
    for (unsigned i = 0; i < GR_TRIE_HEADS; i++)
        t->head_key[i] = 0;
}

/* The first three bytes of the walk over s (n >= 3), as a key (never 0). */
static uint32_t key3(const gr_trie *t, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return t->reversed ? ((uint32_t)u[n - 1] << 16 | (uint32_t)u[n - 2] << 8 | u[n - 3]) + 1
                       : ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) + 1;
}

/* The slot of key in the table of heads, or of the empty slot where it would go; -1 when full. */
static long head_at(const gr_trie *t, uint32_t key)
{
    uint32_t h = (key * 2654435761u) >> 22; /* 10 bits: GR_TRIE_HEADS */
    for (unsigned probe = 0; probe < GR_TRIE_HEADS; probe++, h = (h + 1) & (GR_TRIE_HEADS - 1))
        if (t->head_key[h] == key || !t->head_key[h])
            return (long)h;
    return -1;
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
        if (i == 2) {
            uint32_t key = key3(t, w, n);
            long h = head_at(t, key);
            if (h < 0) { /* more first characters than the table holds: lookups walk from the root */
                t->has_short = 1;
            } else {
                t->head_key[h] = key;
                t->head_node[h] = node;
            }
        }
    }
    if (n < 3)
        t->has_short = 1;
    t->v[node].value |= value;
    return 1;
}

size_t gr_trie_match(const gr_trie *t, const char *s, size_t n, uint32_t mask, uint32_t *value)
{
    uint32_t node = 0;
    size_t best = 0, i = 0;
    uint32_t bv = 0;
    if (!t->has_short && n >= 3) { /* straight to the first character's node */
        uint32_t key = key3(t, s, n);
        long h = head_at(t, key);
        if (h < 0 || t->head_key[h] != key) { /* no word starts so */
            if (value)
                *value = 0;
            return 0;
        }
        node = t->head_node[h];
        i = 3;
        if (t->v[node].value & mask) {
            best = 3;
            bv = t->v[node].value;
        }
    }
    for (; i < n; i++) {
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
