/* terms.c - counting a dictionary's terms in a report's body (see govreport.h, gr_terms_*).
 *
 * The terms go into one gr_trie (the automaton the fact lexicon uses), built when the first text
 * is scanned; a scan walks each sentence once, taking at each character the longest term that
 * starts there and going on after it (leftmost-longest, no overlaps). Bounds: a term is at most
 * 255 bytes and a dictionary at most 1,000,000 terms (found again through a hash index) under 1,000
 * topics, so the trie's nodes (one per byte) fit its 32-bit indexes; a scan is linear in the text
 * times the longest term.
 */
#define _GNU_SOURCE
#include "terms.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/trie.h"
#include "../util/utf8.h"

#define TERM_MAX 255
#define TERMS_MAX 1000000
#define TOPIC_MAX 64
#define TOPICS_MAX 1000 /* found by a walk over them: a panel of more topics is no panel */

struct gr_terms {
    char **term;
    size_t *topic_of;
    size_t n, cap;
    char **topic;
    size_t ntopics;
    gr_trie trie;
    gr_trie_node *nodes;
    int built; /* the trie holds every term */
    size_t *index, nindex; /* open-addressed: term index + 1 by the term's hash, 0 empty; nindex a power of 2 */
};

gr_terms *gr_terms_new(void) { return calloc(1, sizeof(gr_terms)); }

void gr_terms_free(gr_terms *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->term[i]);
    for (size_t k = 0; k < t->ntopics; k++)
        free(t->topic[k]);
    free(t->term);
    free(t->topic_of);
    free(t->topic);
    free(t->nodes);
    free(t->index);
    free(t);
}

size_t gr_terms_count(const gr_terms *t) { return t->n; }
const char *gr_terms_term(const gr_terms *t, size_t i) { return i < t->n ? t->term[i] : NULL; }
size_t gr_terms_topic_of(const gr_terms *t, size_t i) { return i < t->n ? t->topic_of[i] : 0; }
size_t gr_terms_ntopics(const gr_terms *t) { return t->ntopics; }
const char *gr_terms_topic(const gr_terms *t, size_t k) { return k < t->ntopics ? t->topic[k] : NULL; }

const char *gr_terms_bundled(size_t i, size_t *n)
{
    if (n)
        *n = gr_terms_nbuiltins;
    return i < gr_terms_nbuiltins ? gr_terms_builtins[i].name : NULL;
}

/* The term as the text layer would have written it: full-width ASCII (！ to ～) half-width, the
 * ideographic space a space; surrounding spaces dropped. NULL when out of memory. */
static char *fold(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (n - i >= 3 && u[0] == 0xEF && (u[1] == 0xBC || u[1] == 0xBD) && u[2] >= 0x80 && u[2] <= 0xBF) {
            unsigned cp = 0xFF00u + (u[1] == 0xBD ? 0x40u : 0) + (u[2] - 0x80u);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                *o++ = (char)(cp - 0xFF01 + 0x21);
                i += 3;
                continue;
            }
        }
        if (n - i >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {
            *o++ = ' ';
            i += 3;
            continue;
        }
        *o++ = s[i++];
    }
    *o = 0;
    char *b = out;
    while (*b == ' ' || *b == '\t' || *b == '\r')
        b++;
    size_t k = strlen(b);
    while (k && (b[k - 1] == ' ' || b[k - 1] == '\t' || b[k - 1] == '\r'))
        b[--k] = 0;
    memmove(out, b, k + 1);
    return out;
}

static size_t hash(const char *w)
{
    size_t h = 1469598103934665603u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 1099511628211u;
    return h;
}

/* The slot of term w in the index: its own, or the empty one where it would go. */
static size_t slot_of(const gr_terms *t, const char *w)
{
    size_t i = hash(w) & (t->nindex - 1);
    while (t->index[i] && strcmp(t->term[t->index[i] - 1], w))
        i = (i + 1) & (t->nindex - 1);
    return i;
}

/* Room in the index for one more term (kept at most half full); -1 when out of memory. */
static int index_room(gr_terms *t)
{
    if (2 * (t->n + 1) <= t->nindex)
        return 0;
    size_t n = t->nindex ? t->nindex * 2 : 64, *old = t->index, oldn = t->nindex;
    if (!(t->index = calloc(n, sizeof *t->index))) {
        t->index = old;
        return -1;
    }
    t->nindex = n;
    for (size_t i = 0; i < oldn; i++)
        if (old[i])
            t->index[slot_of(t, t->term[old[i] - 1])] = old[i];
    free(old);
    return 0;
}

gr_status gr_terms_add(gr_terms *t, const char *topic, const char *term, char *err, size_t errlen)
{
    if (!topic || !*topic)
        topic = "terms";
    char *w = fold(term ? term : "");
    if (!w)
        return GR_ENOMEM;
    const char *why = !*w ? "an empty term" : strlen(w) > TERM_MAX ? "a term longer than 255 bytes"
                    : strlen(topic) > TOPIC_MAX || strpbrk(topic, "\n\t") ? "a topic longer than 64 bytes or with a tab"
                    : strpbrk(w, "\n") ? "a term with a line break" : t->n >= TERMS_MAX ? "more than 1,000,000 terms" : NULL;
    if (why) {
        snprintf(err, errlen, "%s", why);
        free(w);
        return GR_EINPUT;
    }
    size_t k = 0;
    while (k < t->ntopics && strcmp(t->topic[k], topic))
        k++;
    if (index_room(t)) {
        free(w);
        return GR_ENOMEM;
    }
    size_t slot = slot_of(t, w);
    if (t->index[slot]) {
        size_t at = t->index[slot] - 1;
        int same = k < t->ntopics && t->topic_of[at] == k;
        if (!same)
            snprintf(err, errlen, "'%s' is listed under topics '%s' and '%s': a match counts for one topic, so list it once",
                     w, t->topic[t->topic_of[at]], topic);
        free(w);
        return same ? GR_OK : GR_EINPUT;
    }
    if (k == t->ntopics && t->ntopics >= TOPICS_MAX) {
        snprintf(err, errlen, "more than 1,000 topics");
        free(w);
        return GR_EINPUT;
    }
    if (k == t->ntopics) {
        char **tp = realloc(t->topic, (t->ntopics + 1) * sizeof *tp);
        if (!tp) {
            free(w);
            return GR_ENOMEM;
        }
        t->topic = tp;
        if (!(t->topic[k] = strdup(topic))) {
            free(w);
            return GR_ENOMEM;
        }
        t->ntopics++;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        char **tm = realloc(t->term, cap * sizeof *tm);
        if (tm)
            t->term = tm;
        size_t *to = tm ? realloc(t->topic_of, cap * sizeof *to) : NULL;
        if (!to) {
            free(w);
            return GR_ENOMEM;
        }
        t->topic_of = to;
        t->cap = cap;
    }
    t->term[t->n] = w;
    t->topic_of[t->n++] = k;
    t->index[slot] = t->n;
    t->built = 0;
    return GR_OK;
}

/* The dictionary's name from a path: its file name without the extension. */
static void base_name(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strcspn(b, ".");
    n = gr_utf8_whole(b, n < cap ? n : cap - 1); /* a long name cut between characters */
    snprintf(out, cap, "%.*s", (int)n, b);
}

static gr_status load_text(gr_terms *t, const char *label, const char *topic, const char *text, char *err,
                           size_t errlen)
{
    size_t line = 0;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        line++;
        char *l = strndup(p, n);
        if (!l)
            return GR_ENOMEM;
        p += n + (e != NULL);
        char *s = l;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3)) /* a byte-order mark, as Excel and Notepad save */
            s += 3;
        if (!*s || *s == '#' || !strcmp(s, "\r")) {
            free(l);
            continue;
        }
        char *tab = strchr(s, '\t');
        const char *top = topic, *term = s;
        if (tab) {
            *tab = 0;
            top = s, term = tab + 1;
        }
        char why[200];
        gr_status st = gr_terms_add(t, top, term, why, sizeof why);
        free(l);
        if (st == GR_EINPUT)
            snprintf(err, errlen, "%s:%zu: %s", label, line, why);
        if (st)
            return st;
    }
    return GR_OK;
}

gr_status gr_terms_load(gr_terms *t, const char *name, char *err, size_t errlen)
{
    for (size_t i = 0; i < gr_terms_nbuiltins; i++)
        if (!strcmp(name, gr_terms_builtins[i].name))
            return load_text(t, name, name, gr_terms_builtins[i].text, err, errlen);
    FILE *f = fopen(name, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s (a dictionary is a file of terms, or one of the bundled: environment, innovation, "
                              "livelihoods, opening-up, risk)", name, strerror(errno));
        return GR_EINPUT;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + k + 1 > cap) {
            size_t c = cap ? cap * 2 : 65536;
            while (c < len + k + 1)
                c *= 2;
            char *q = c <= (size_t)64 << 20 ? realloc(text, c) : NULL; /* a dictionary over 64 MiB is no dictionary */
            if (!q) {
                free(text);
                fclose(f);
                snprintf(err, errlen, "%s: %s", name, c > (size_t)64 << 20 ? "larger than 64 MiB" : "out of memory");
                return GR_EINPUT;
            }
            text = q;
            cap = c;
        }
        memcpy(text + len, chunk, k);
        len += k;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: cannot be read", name);
        free(text);
        return GR_EINPUT;
    }
    gr_status st = gr_terms_read(t, name, text ? text : "", len, err, errlen);
    free(text);
    return st;
}

gr_status gr_terms_read(gr_terms *t, const char *name, const char *data, size_t len, char *err, size_t errlen)
{
    if (memchr(data, 0, len) || gr_utf8_invalid_at((const unsigned char *)data, len) < len) {
        snprintf(err, errlen, "%s: not UTF-8 text (save the dictionary as UTF-8)", name);
        return GR_EINPUT;
    }
    char *text = strndup(data, len);
    if (!text)
        return GR_ENOMEM;
    char topic[TOPIC_MAX + 1];
    base_name(name, topic, sizeof topic);
    gr_status st = load_text(t, name, topic, text, err, errlen);
    free(text);
    return st;
}

static int build(gr_terms *t)
{
    if (t->built)
        return 0;
    size_t bytes = 1;
    for (size_t i = 0; i < t->n; i++)
        bytes += strlen(t->term[i]);
    free(t->nodes);
    t->nodes = malloc(bytes * sizeof *t->nodes);
    if (!t->nodes)
        return -1;
    gr_trie_init(&t->trie, t->nodes, (uint32_t)bytes, 0);
    for (size_t i = 0; i < t->n; i++)
        gr_trie_add(&t->trie, t->term[i], strlen(t->term[i]), (uint32_t)i + 1); /* room: a node per byte */
    t->built = 1;
    return 0;
}

size_t gr_terms_match(const gr_terms *t, const char *s, size_t n, size_t *term)
{
    if (build((gr_terms *)t)) /* the trie is a cache of the terms: built on first use */
        return 0;
    uint32_t v = 0;
    size_t m = t->n ? gr_trie_match(&t->trie, s, n, UINT32_MAX, &v) : 0;
    if (m && term)
        *term = v - 1;
    return m;
}

size_t gr_terms_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) == 0x80 || b == ' ' || b == '\t' || b == '\n' || b == '\r')
            continue;
        if (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
            i += 2; /* U+3000 */
            continue;
        }
        c++;
    }
    return c;
}

size_t gr_terms_next(const gr_terms *t, const char *s, size_t n, size_t *at, size_t *term)
{
    for (size_t i = *at; i < n;) {
        size_t m = gr_terms_match(t, s + i, n - i, term);
        if (m) {
            *at = i;
            return m;
        }
        unsigned char b = (unsigned char)s[i]; /* on to the next character */
        i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
    *at = n;
    return 0;
}

/* Scans s[0..n) (one sentence); 1 when fn stopped the scan. */
static int scan_span(const gr_terms *t, const char *text, size_t start, size_t n, size_t sentence,
                     int (*fn)(void *, const gr_terms_hit *), void *ctx)
{
    size_t i = 0, term, m;
    for (; (m = gr_terms_next(t, text + start, n, &i, &term)) > 0; i += m) {
        gr_terms_hit h = {term, start + i, m, sentence, start, n};
        if (fn && fn(ctx, &h))
            return 1;
    }
    return 0;
}

void gr_terms_scan(const gr_terms *t, const gr_doc *doc, unsigned mask, gr_terms_body *body,
                   int (*fn)(void *ctx, const gr_terms_hit *hit), void *ctx)
{
    gr_terms_body b = {0, 0};
    size_t tlen;
    const char *text = gr_doc_text(doc, &tlen);
    for (size_t p = 0, np = gr_doc_npara(doc); p < np; p++) {
        const gr_para *para = gr_doc_para(doc, p);
        if (!(mask & (1u << para->part)) || para->start + para->len > tlen)
            continue;
        b.chars += gr_terms_chars(text + para->start, para->len);
        if (!para->nsentences) { /* a heading or a line without a sentence's end: one sentence */
            if (scan_span(t, text, para->start, para->len, b.sentences++, fn, ctx))
                break;
            continue;
        }
        int stop = 0;
        for (size_t k = 0; k < para->nsentences && !stop; k++) {
            const gr_span *sp = gr_doc_sentence(doc, para->sentence + k);
            if (sp->start + sp->len <= tlen)
                stop = scan_span(t, text, sp->start, sp->len, b.sentences, fn, ctx);
            b.sentences++;
        }
        if (stop)
            break;
    }
    if (body)
        *body = b;
}
