/* test_spec.c - runs the hand-written spec files against the library: spec/numbers.spec (a phrase
 * and a number it must contain, read right) and spec/facts.spec (a sentence in a review, plan or
 * five-year plan part and exactly the facts it must give). Every line is one check; all failures
 * are listed. */
#define _GNU_SOURCE /* memmem, through fact/lexicon.h */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/util/utf8.h"

#include "govreport.h"
#include "fact/fact.h"
#include "fact/lexicon.h"
#include "../src/util/trie.h"

static int split(char *line, char **f, int max, const char *sep)
{
    int n = 0;
    size_t k = strlen(sep);
    while (n < max) {
        f[n++] = line;
        char *t = strstr(line, sep);
        if (!t)
            break;
        *t = 0;
        line = t + k;
    }
    return n;
}

static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
}

static FILE *open_spec(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", SPEC_DIR, name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    return f;
}

/* The next line of a spec file that is neither blank nor a comment, without its newline; 0 at the end. */
static int next_spec_line(FILE *f, char *line, int size, int *lineno)
{
    while (fgets(line, size, f)) {
        ++*lineno;
        line[strcspn(line, "\n")] = 0;
        if (line[0] && line[0] != '#')
            return 1;
    }
    return 0;
}

/* Holds no character JSON escapes. */
static int json_plain(const char *s)
{
    for (; *s; s++)
        if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20)
            return 0;
    return 1;
}

static void test_numbers(void **state)
{
    (void)state;
    FILE *f = open_spec("numbers.spec");
    char line[2048];
    int lineno = 0, failed = 0, run = 0;
    while (next_spec_line(f, line, sizeof line, &lineno)) {
        char *fld[8] = {0};
        int nf = split(line, fld, 8, "\t");
        if (nf < 6)
            fail_msg("numbers.spec:%d: needs 6 fields", lineno);
        unescape(fld[0]);
        gr_doc *doc;
        assert_int_equal(gr_doc_parse(fld[0], strlen(fld[0]), NULL, &doc), GR_OK);
        size_t len;
        const char *text = gr_doc_text(doc, &len);
        gr_num *nums;
        size_t n;
        assert_int_equal(gr_num_scan(text, len, &nums, &n), GR_OK);
        gr_num *in_place;
        size_t n2;
        assert_int_equal(gr_num_scan_nul(text, len, &in_place, &n2), GR_OK); /* the CLI's scan */
        assert_int_equal(n2, n);
        for (size_t i = 0; i < n; i++)
            assert_true(nums[i].start == in_place[i].start && nums[i].len == in_place[i].len &&
                        nums[i].value == in_place[i].value && !strcmp(nums[i].unit, in_place[i].unit) &&
                        nums[i].cls == in_place[i].cls);
        gr_num_free(in_place);
        const gr_num *hit = NULL;
        for (size_t i = 0; i < n; i++) /* the CLI writes these without escaping */
            assert_true(json_plain(nums[i].unit) && json_plain(nums[i].base_unit) && json_plain(nums[i].reason));
        for (size_t i = 0; i < n; i++)
            if (strlen(fld[1]) == nums[i].len && !memcmp(text + nums[i].start, fld[1], nums[i].len))
                hit = &nums[i];
        run++;
        double want = atof(fld[2]);
        if (!hit) {
            printf("numbers.spec:%d: %s: no number \"%s\" (found:", lineno, fld[0], fld[1]);
            for (size_t i = 0; i < n; i++)
                printf(" \"%.*s\"", (int)nums[i].len, text + nums[i].start);
            printf(")\n");
            failed++;
        } else if (fabs(hit->value - want) > 1e-9 * fmax(1, fabs(want)) || strcmp(hit->unit, fld[3]) ||
                   strcmp(gr_num_class_name(hit->cls), fld[4]) || strcmp(gr_approx_name(hit->approx), fld[5]) ||
                   (nf > 6 && (!hit->has_high || fabs(hit->high - atof(fld[6])) > 1e-9)) ||
                   (nf <= 6 && hit->has_high)) {
            printf("numbers.spec:%d: %s: want %s %s %s %s%s%s, got %.12g %s %s %s", lineno, fld[0], fld[2], fld[3],
                   fld[4], fld[5], nf > 6 ? " high " : "", nf > 6 ? fld[6] : "", hit->value, hit->unit,
                   gr_num_class_name(hit->cls), gr_approx_name(hit->approx));
            if (hit->has_high)
                printf(" high %g", hit->high);
            printf("\n");
            failed++;
        }
        gr_num_free(nums);
        gr_doc_free(doc);
    }
    fclose(f);
    printf("numbers.spec: %d of %d passed\n", run - failed, run);
    assert_int_equal(failed, 0);
}

#define REPORT_FRONT                                                                                      \
    "政府工作报告\n——2024年1月18日在青溪县第十八届人民代表大会第三次会议上\n县长 林晓舟\n各位代表：\n" \
    "现在，我代表县人民政府向大会报告工作。\n"
static const char report_head[] = REPORT_FRONT "一、2023年工作回顾\n";
static const char five_year_head[] = REPORT_FRONT "一、过去五年工作回顾\n";

static void test_facts(void **state)
{
    (void)state;
    FILE *f = open_spec("facts.spec");
    char line[4096];
    int lineno = 0, failed = 0, run = 0;
    while (next_spec_line(f, line, sizeof line, &lineno)) {
        char *fld[3] = {0};
        if (split(line, fld, 3, "\t") != 3)
            fail_msg("facts.spec:%d: needs 3 fields", lineno);
        char doc_text[4096];
        int plan = !strcmp(fld[0], "plan"), fiveplan = !strcmp(fld[0], "fiveplan");
        if (!strcmp(fld[0], "fivereview")) /* a paragraph of a five-year review, in a report reviewing 2023 */
            snprintf(doc_text, sizeof doc_text, "%s%s\n二、2024年主要预期目标\n今年工作目标如下。\n", five_year_head, fld[1]);
        else if (fiveplan) /* the next five years' goals, in a report planning 2024 */
            snprintf(doc_text, sizeof doc_text, "%s过去一年成绩显著。\n二、“十五五”时期主要目标任务\n%s\n", report_head, fld[1]);
        else
            snprintf(doc_text, sizeof doc_text, "%s%s\n二、2024年主要预期目标\n%s\n", report_head,
                     plan ? "过去一年成绩显著。" : fld[1], plan ? fld[1] : "今年工作目标如下。");
        gr_doc *doc;
        gr_facts *fs;
        assert_int_equal(gr_doc_parse(doc_text, strlen(doc_text), NULL, &doc), GR_OK);
        assert_int_equal(gr_fact_extract(doc, &fs), GR_OK);
        /* expected facts */
        char *want[32];
        int nw = strcmp(fld[2], "-") ? split(fld[2], want, 32, " ; ") : 0;
        int used[64] = {0};
        size_t n = gr_facts_count(fs);
        int ok = (size_t)nw == n;
        for (int w = 0; w < nw && ok; w++) {
            char buf[512];
            snprintf(buf, sizeof buf, "%s", want[w]);
            char *p[12] = {0};
            int np = split(buf, p, 12, "|");
            if (np < 7)
                fail_msg("facts.spec:%d: a fact needs 7 fields", lineno);
            int found = 0;
            for (size_t i = 0; i < n && i < 64; i++) {
                const gr_fact *x = gr_facts_get(fs, i);
                if (!used[i] && !strcmp(x->metric, p[0]) && !strcmp(gr_kind_name(x->kind), p[1]) &&
                    fabs(x->value - atof(p[2])) < 1e-9 && !strcmp(x->unit, p[3]) &&
                    !strcmp(x->target ? "target" : "actual", p[4]) &&
                    !strcmp(gr_approx_name(x->approx), p[5]) && x->year == atoi(p[6])) {
                    /* optional checks: period=2011-2015 (period= for none), basis=同比, estimate=1, high=5 */
                    int extra_ok = 1;
                    for (int e = 7; e < np; e++) {
                        char want_s[64] = "";
                        if (!strncmp(p[e], "period=", 7)) {
                            if (x->period_start)
                                snprintf(want_s, sizeof want_s, "%d-%d", x->period_start, x->year);
                            extra_ok &= !strcmp(want_s, p[e] + 7);
                        } else if (!strncmp(p[e], "basis=", 6)) {
                            extra_ok &= x->basis && !strcmp(x->basis, p[e] + 6);
                        } else if (!strncmp(p[e], "estimate=", 9)) {
                            extra_ok &= x->estimate == atoi(p[e] + 9);
                        } else if (!strncmp(p[e], "high=", 5)) {
                            extra_ok &= x->has_high && fabs(x->high - atof(p[e] + 5)) < 1e-9;
                        } else if (!strncmp(p[e], "rule=", 5)) {
                            extra_ok &= x->rule && !strcmp(x->rule, p[e] + 5);
                        } else {
                            fail_msg("facts.spec:%d: unknown check %s", lineno, p[e]);
                        }
                    }
                    if (!extra_ok)
                        continue;
                    used[i] = found = 1;
                    break;
                }
            }
            ok = found;
        }
        run++;
        if (!ok) {
            failed++;
            printf("facts.spec:%d: %s\n  want: %s\n  got: ", lineno, fld[1], fld[2]);
            for (size_t i = 0; i < n; i++) {
                const gr_fact *x = gr_facts_get(fs, i);
                printf("%s%s|%s|%g|%s|%s|%s|%d|rule=%s", i ? " ; " : "", x->metric, gr_kind_name(x->kind), x->value,
                       x->unit, x->target ? "target" : "actual", gr_approx_name(x->approx), x->year,
                       x->rule ? x->rule : "?");
                if (x->period_start)
                    printf("|period=%d-%d", x->period_start, x->year);
                if (x->basis)
                    printf("|basis=%s", x->basis);
                if (x->estimate)
                    printf("|estimate=1");
            }
            printf("\n");
        }
        gr_facts_free(fs);
        gr_doc_free(doc);
    }
    fclose(f);
    printf("facts.spec: %d of %d passed\n", run - failed, run);
    assert_int_equal(failed, 0);
}

/* Every name and alias of data/indicators.tsv (through the generated table) maps to its id. */
static void test_indicator_names(void **state)
{
    (void)state;
    for (unsigned i = 0; i < gr_nindicator_names; i++) {
        const char *id = gr_indicator_lookup(gr_indicator_names[i].name);
        if (!id || strcmp(id, gr_indicator_names[i].id))
            fail_msg("%s: got %s, want %s", gr_indicator_names[i].name, id ? id : "(none)", gr_indicator_names[i].id);
    }
    assert_string_equal(gr_indicator_lookup("全市地区生产总值"), "gdp");
    assert_string_equal(gr_indicator_lookup("人均地区生产总值"), "gdp_per_capita");
    assert_null(gr_indicator_lookup("地区生产总值比重"));
    assert_null(gr_indicator_lookup("农产品出口"));
}

/* Every word of data/fact_lexicon.tsv is found again by the automaton, whole, with all its tags,
 * forwards and backwards (a lexicon that outgrew the trie's nodes or heads would lose words); and
 * the automaton takes the longest word of the tags asked for, at the start or at the end. */
static void test_lexicon_automaton(void **state)
{
    (void)state;
    size_t words = 0;
    for (const gr_lex_tagged *w = gr_lex_all; w->w; w++, words++) {
        uint32_t all = 0;
        if (gr_lex_prefix((gr_str){w->w, w->n}, w->tags, &all) != w->n || all != w->tags)
            fail_msg("%s: not found forwards with its tags", w->w);
        if (gr_lex_suffix((gr_str){w->w, w->n}, w->tags, &all) != w->n || all != w->tags)
            fail_msg("%s: not found backwards with its tags", w->w);
    }
    assert_true(words > 300);
    const char *m = "提高到每人每年"; /* tail words: 提高到 (level) over 提高 */
    assert_int_equal(gr_lex_prefix((gr_str){m, strlen(m)}, GR_LEX_TAIL, NULL), strlen("提高到"));
    m = "外贸进出口增长";
    assert_int_equal(gr_lex_suffix((gr_str){m, strlen(m)}, GR_LEX_TAIL, NULL), strlen("增长"));
    assert_int_equal(gr_lex_suffix((gr_str){m, strlen(m)}, GR_LEX_COUNT, NULL), 0);
    m = "全力争取实现增长6%"; /* 力争 inside 全力争取 is no goal */
    assert_false(gr_lex_near_before((gr_str){m, strlen(m)}, strlen(m), GR_LEX_GOAL_OPEN, 60));
    m = "力争实现增长6%";
    assert_true(gr_lex_near_before((gr_str){m, strlen(m)}, strlen(m), GR_LEX_GOAL_OPEN, 60));

    /* a clause tokenized as extract --explain shows it: words with their tags, names as runs of
     * text (区 in 地区 and 居 in 居民 start no word), numbers as read, delimiters */
    char *toks = NULL;
    m = "全年完成地区生产总值180.39亿元,城乡居民人均可支配收入";
    assert_int_equal(gr_fact_tokens(m, strlen(m), &toks), GR_OK);
    assert_non_null(strstr(toks, "全年[lead"));
    assert_non_null(strstr(toks, " 地区生产总值 180.39亿元[quantity] , 城乡居民 人均[compound] "));
    free(toks);
    m = "在校学生达到3.2万人";
    assert_int_equal(gr_fact_tokens(m, strlen(m), &toks), GR_OK);
    assert_true(!strncmp(toks, "在校[compound] 学生 达到[", strlen("在校[compound] 学生 达到[")));
    free(toks);

    /* the automaton itself: values OR together, the mask picks, a full store refuses */
    gr_trie_node nodes[16];
    static gr_trie t;
    gr_trie_init(&t, nodes, 16, 0);
    assert_true(gr_trie_add(&t, "ab", 2, 1));
    assert_true(gr_trie_add(&t, "abcd", 4, 2));
    assert_true(gr_trie_add(&t, "ab", 2, 4));
    uint32_t v = 0;
    assert_int_equal(gr_trie_match(&t, "abcde", 5, 2, &v), 4);
    assert_int_equal(v, 2);
    assert_int_equal(gr_trie_match(&t, "abcde", 5, 1, &v), 2);
    assert_int_equal(v, 5);
    assert_int_equal(gr_trie_match(&t, "abx", 3, 2, NULL), 0);
    assert_int_equal(gr_trie_get(&t, "ab", 2), 5);
    assert_int_equal(gr_trie_get(&t, "abc", 3), 0);
    assert_false(gr_trie_add(&t, "zyxwvutsrqponmlk", 16, 1));
}

/* A clause whose name runs past the metric's buffer (512 bytes): the name is cut at a character,
 * never inside one (it used to end on a broken character, and extract printed invalid UTF-8). Every
 * offset of the cut against a three-byte character is tried: 170 to 172 ideographs, with one to
 * three ASCII letters before them. */
static void test_long_metric_utf8(void **state)
{
    (void)state;
    for (int lead = 0; lead < 3; lead++)
        for (int k = 170; k <= 172; k++) {
            char doc_text[4096];
            size_t n = (size_t)snprintf(doc_text, sizeof doc_text, "%s", report_head);
            for (int a = 0; a <= lead; a++)
                doc_text[n++] = 'A';
            for (int i = 0; i < k; i++)
                n += (size_t)snprintf(doc_text + n, sizeof doc_text - n, "%s", i % 2 ? "产" : "农");
            snprintf(doc_text + n, sizeof doc_text - n, "增长5%%。\n二、2024年主要预期目标\n今年工作目标如下。\n");
            gr_doc *doc;
            gr_facts *fs;
            assert_int_equal(gr_doc_parse(doc_text, strlen(doc_text), NULL, &doc), GR_OK);
            assert_int_equal(gr_fact_extract(doc, &fs), GR_OK);
            assert_true(gr_facts_count(fs) >= 1);
            for (size_t i = 0; i < gr_facts_count(fs); i++) {
                const char *m = gr_facts_get(fs, i)->metric;
                assert_int_equal(gr_utf8_invalid_at((const unsigned char *)m, strlen(m)), strlen(m));
                assert_true(strlen(m) > 400); /* cut, not dropped */
            }
            gr_facts_free(fs);
            gr_doc_free(doc);
        }
    /* the cut itself */
    assert_int_equal(gr_utf8_whole("ab\xe4\xba", 4), 2);
    assert_int_equal(gr_utf8_whole("ab\xe4\xba\xa7", 5), 5);
    assert_int_equal(gr_utf8_whole("ab\xf0\x9f\x98", 5), 2);
    assert_int_equal(gr_utf8_whole("ab", 2), 2);
    assert_int_equal(gr_utf8_whole("a\xc3", 2), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_numbers), cmocka_unit_test(test_facts),
                                       cmocka_unit_test(test_indicator_names), cmocka_unit_test(test_long_metric_utf8),
                                       cmocka_unit_test(test_lexicon_automaton)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
