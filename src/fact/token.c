/* token.c - see token.h. One pass over the clause: at each character a number the quantity layer
 * read there, a delimiter, or the longest lexicon word; what starts none of them joins a run of
 * text. */
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clause.h"
#include "../util/buf.h"

/* The tags a word is a token for: all but the finals, which the rules test at a name's end only
 * (区 in 地区, 值 in 总值 start no word). */
#define GR_TOK_TAGS (~(uint32_t)(GR_LEX_HEAD_FINAL | GR_LEX_MEASURE_FINAL))

/* A one-character word (居, 占, 为) stands alone only next to a number, a delimiter or an end of the
 * clause; elsewhere it is part of a name (居民), which the lexicon does not hold. */
static int inside_word(gr_str s, size_t i, size_t w, const gr_num *nums, size_t n, size_t k)
{
    if (w > 3)
        return 0;
    size_t e = i + w;
    int before = i == 0 || gr_clause_delim(s.p, i - 1, s.n, 1) == 1 || (i >= 3 && gr_clause_delim(s.p, i - 3, s.n, 1) == 3) ||
                 (k > 0 && nums[k - 1].start + nums[k - 1].len == i);
    int after = e >= s.n || gr_clause_delim(s.p, e, s.n, 1) || (k < n && nums[k].start == e);
    return !before && !after;
}

static int push(gr_tokens *t, gr_token k)
{
    if (t->n == t->cap) {
        size_t c = t->cap ? t->cap * 2 : 32;
        gr_token *v = realloc(t->v, c * sizeof *v);
        if (!v)
            return 0;
        t->v = v;
        t->cap = c;
    }
    t->v[t->n++] = k;
    return 1;
}

static size_t char_len(gr_str s, size_t i)
{
    size_t j = i + 1;
    while (j < s.n && ((unsigned char)s.p[j] & 0xC0) == 0x80)
        j++;
    return j - i;
}

gr_status gr_tokenize(gr_str s, const gr_num *nums, size_t n, gr_tokens *out)
{
    *out = (gr_tokens){0};
    size_t k = 0;
    for (size_t i = 0; i < s.n;) {
        while (k < n && nums[k].start < i)
            k++;
        gr_token tok = {i, 0, GR_TOK_TEXT, 0, 0};
        uint32_t tags = 0;
        size_t d, w;
        if (k < n && nums[k].start == i && nums[k].len) {
            tok.kind = GR_TOK_NUMBER, tok.len = nums[k].len, tok.num = k;
        } else if ((d = gr_clause_delim(s.p, i, s.n, 1))) {
            tok.kind = GR_TOK_DELIM, tok.len = d;
        } else if ((w = gr_lex_prefix((gr_str){s.p + i, s.n - i}, GR_TOK_TAGS, &tags)) && !inside_word(s, i, w, nums, n, k)) {
            tok.kind = GR_TOK_WORD, tok.len = w, tok.tags = tags;
        } else {
            tok.len = char_len(s, i);
            if (out->n && out->v[out->n - 1].kind == GR_TOK_TEXT && out->v[out->n - 1].start + out->v[out->n - 1].len == i) {
                out->v[out->n - 1].len += tok.len; /* a run of text */
                i += tok.len;
                continue;
            }
        }
        if (!push(out, tok))
            return GR_ENOMEM;
        i += tok.len;
    }
    return GR_OK;
}

void gr_tokens_free(gr_tokens *t)
{
    free(t->v);
    *t = (gr_tokens){0};
}

void gr_lex_tag_names(uint32_t tags, char *buf, size_t cap)
{
    size_t at = 0;
    if (cap)
        buf[0] = 0;
    for (unsigned b = 0; b < 32 && gr_lex_tag_name[b]; b++)
        if (tags & (1u << b)) {
            int w = snprintf(buf + at, cap > at ? cap - at : 0, "%s%s", at ? "," : "", gr_lex_tag_name[b]);
            if (w < 0 || (size_t)w >= cap - at)
                return;
            at += (size_t)w;
        }
}

gr_status gr_fact_tokens(const char *text, size_t len, char **out)
{
    *out = NULL;
    gr_num *nums = NULL;
    size_t n = 0;
    if (gr_num_scan(text, len, &nums, &n))
        return GR_ENOMEM;
    gr_tokens t;
    gr_status st = gr_tokenize((gr_str){text, len}, nums, n, &t);
    gr_buf b = {0};
    for (size_t i = 0; st == GR_OK && i < t.n; i++) {
        const gr_token *k = &t.v[i];
        if (i)
            gr_buf_addc(&b, ' ');
        gr_buf_add(&b, text + k->start, k->len);
        if (k->kind == GR_TOK_WORD) {
            char names[256];
            gr_lex_tag_names(k->tags, names, sizeof names);
            gr_buf_printf(&b, "[%s]", names);
        } else if (k->kind == GR_TOK_NUMBER) {
            gr_buf_printf(&b, "[%s]", gr_num_class_name(nums[k->num].cls));
        }
    }
    gr_buf_addc(&b, 0);
    gr_tokens_free(&t);
    gr_num_free(nums);
    if (st != GR_OK || b.oom) {
        gr_buf_free(&b);
        return GR_ENOMEM;
    }
    *out = b.p;
    return GR_OK;
}
