/* indicator.c - canonical indicator ids for metric names through the one longest-match automaton
 * (util/trie.h) holding every name and alias (data/indicators.tsv, some 260 names), built once on
 * first use. A lookup walks the metric's bytes once from its start, and once more from after each
 * leading scope word (全市, 我省…): no scanning of the name table. */
#include "fact.h"

#include "../util/trie.h"

#include <stdint.h>
#include <string.h>
#include <threads.h>

/* The table's names (about 260, at most 40 bytes each) fit in 8192 nodes. */
#define MAX_NODES 8192

static gr_trie_node nodes[MAX_NODES];
static gr_trie names;
static once_flag names_once = ONCE_FLAG_INIT;

static void build(void)
{
    gr_trie_init(&names, nodes, MAX_NODES, 0);
    for (unsigned i = 0; i < gr_nindicator_names; i++) /* value: the name's index + 1 */
        if (!gr_trie_add(&names, gr_indicator_names[i].name, strlen(gr_indicator_names[i].name), i + 1))
            return; /* full: the table outgrew MAX_NODES (a test checks every name is found) */
}

/* The id of the name that is exactly s (NUL-terminated), or NULL. */
static const char *walk(const char *s)
{
    uint32_t v = gr_trie_get(&names, s, strlen(s));
    return v ? gr_indicator_names[v - 1].id : NULL;
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
    call_once(&names_once, build);
    const char *id = walk(metric);
    for (const char *const *s = scopes; !id && *s; s++) {
        size_t k = strlen(*s);
        if (!strncmp(metric, *s, k))
            id = walk(metric + k);
    }
    return id;
}
