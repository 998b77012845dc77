/* indicator.c - canonical indicator ids for metric names through a byte trie of every name and
 * alias (data/indicators.tsv, some 215 names), built once on first use. A lookup walks the metric's
 * bytes once from its start, and once more from after each leading scope word (全市, 我省…):
 * no scanning of the name table. */
#include "fact.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* Nodes in first-child / next-sibling form; the table's names (about 215, at most 40 bytes each) fit in
 * 4096 nodes. */
#define MAX_NODES 4096

static struct node {
    uint16_t child, sibling; /* 0: none (node 0 is the root, never a child) */
    int16_t name;            /* index into gr_indicator_names when a name ends here, else -1 */
    unsigned char byte;
} trie[MAX_NODES];
static unsigned ntrie;
static once_flag trie_once = ONCE_FLAG_INIT;

static unsigned child(unsigned n, unsigned char b, int add)
{
    unsigned c = trie[n].child;
    for (; c; c = trie[c].sibling)
        if (trie[c].byte == b)
            return c;
    if (!add || ntrie >= MAX_NODES)
        return 0;
    c = ntrie++;
    trie[c] = (struct node){0, trie[n].child, -1, b};
    trie[n].child = (uint16_t)c;
    return c;
}

static void build(void)
{
    ntrie = 1;
    trie[0] = (struct node){0, 0, -1, 0};
    for (unsigned i = 0; i < gr_nindicator_names; i++) {
        unsigned n = 0;
        for (const unsigned char *p = (const unsigned char *)gr_indicator_names[i].name; *p; p++) {
            unsigned c = child(n, *p, 1);
            if (!c)
                return; /* full: the table outgrew MAX_NODES (a test checks every name is found) */
            n = c;
        }
        trie[n].name = (int16_t)i;
    }
}

/* The id of the name that is exactly s (NUL-terminated), or NULL. */
static const char *walk(const char *s)
{
    unsigned n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (!(n = child(n, *p, 0)))
            return NULL;
    return trie[n].name >= 0 ? gr_indicator_names[trie[n].name].id : NULL;
}

const gr_indicator *gr_indicator_by_id(const char *id)
{
    for (unsigned i = 0; id && i < gr_nindicators; i++)
        if (!strcmp(gr_indicators[i].id, id))
            return &gr_indicators[i];
    return NULL;
}

const char *gr_indicator_lookup(const char *metric)
{
    static const char *const scopes[] = {"全市", "全省", "全区", "全县", "全国", "全州", "全旗",
                                         "全盟", "我市", "我省", "我区", "我县", "本市", NULL};
    call_once(&trie_once, build);
    const char *id = walk(metric);
    for (const char *const *s = scopes; !id && *s; s++) {
        size_t k = strlen(*s);
        if (!strncmp(metric, *s, k))
            id = walk(metric + k);
    }
    return id;
}
