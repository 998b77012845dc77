/* test_alloc.c - allocation failure: the N-th allocation of the library fails, for every N over
 * the core cases (read a text report, an HTML report and a GBK one into documents, scan a text's
 * numbers, extract a document's facts). Each call must return its out-of-memory status (or
 * succeed, once N is past its last allocation), never crash, and leave no allocation behind.
 *
 * The hook: this test links the library with -Wl,--wrap=malloc (and calloc, realloc, free, strdup,
 * strndup), so every allocation the library's own code makes comes through the __wrap_ functions
 * below, which count live blocks and fail the armed one. Allocations inside libxml2, libzip, iconv
 * and SQLite are theirs and are not failed. */
#define _GNU_SOURCE /* strnlen */
#include <iconv.h>
#include <execinfo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "govreport.h"
#include "text/text.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t k);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

static long countdown = -1; /* the allocation that fails: 1 the next one, 0 or less none */
static long live, calls;

static int fail_now(void)
{
    calls++;
    if (countdown > 0 && --countdown == 0) {
        if (getenv("GR_ALLOC_TRACE")) { /* where the failing allocation is: addr2line -f -i -e test_alloc ADDR */
            void *bt[16];
            int n = backtrace(bt, 16);
            backtrace_symbols_fd(bt, n, 2);
        }
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __real_malloc(n);
    live += p != NULL;
    return p;
}

void *__wrap_calloc(size_t n, size_t k)
{
    if (fail_now())
        return NULL;
    void *p = __real_calloc(n, k);
    live += p != NULL;
    return p;
}

void *__wrap_realloc(void *old, size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __real_realloc(old, n);
    live += p != NULL && !old;
    return p;
}

void __wrap_free(void *p)
{
    live -= p != NULL;
    __real_free(p);
}

char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = __wrap_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *__wrap_strndup(const char *s, size_t k)
{
    size_t n = strnlen(s, k);
    char *p = __wrap_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot read %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *p = __real_malloc((size_t)n + 1);
    if (fread(p, 1, (size_t)n, f) != (size_t)n)
        fail_msg("short read %s", path);
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* Runs one case with the N-th allocation failing, for N = 1, 2, ... until a run makes no failing
 * allocation; checks the status and that every block is freed. Returns how many N were tried. */
typedef int (*case_fn)(const void *ctx); /* 0 success, 1 out of memory, -1 anything else */
static long every_n(case_fn run, const void *ctx, const char *name)
{
    long n = 1;
    for (;; n++) {
        long before = live;
        calls = 0;
        countdown = n;
        int rc = run(ctx);
        int failed = countdown == 0; /* the armed allocation was reached */
        countdown = -1;
        if (live != before)
            fail_msg("%s: %ld blocks left behind when allocation %ld failed", name, live - before, n);
        if (failed && rc != 1)
            fail_msg("%s: allocation %ld failed but the call returned %d, not out of memory", name, n, rc);
        if (!failed) {
            if (rc != 0)
                fail_msg("%s: the call failed (%d) with no allocation failing", name, rc);
            break;
        }
    }
    printf("%s: %ld allocations, each failed in turn\n", name, n - 1);
    return n;
}

struct input {
    const char *data;
    size_t len;
    const char *name;
};

static int parse_case(const void *ctx)
{
    const struct input *in = ctx;
    gr_doc *doc = NULL;
    gr_status st = gr_doc_parse(in->data, in->len, in->name, &doc);
    gr_doc_free(doc);
    return st == GR_OK ? 0 : st == GR_ENOMEM ? 1 : -1;
}

static int scan_case(const void *ctx)
{
    const struct input *in = ctx;
    gr_num *nums = NULL;
    size_t n;
    gr_status st = gr_num_scan(in->data, in->len, &nums, &n);
    gr_num_free(nums);
    return st == GR_OK ? 0 : st == GR_ENOMEM ? 1 : -1;
}

static int extract_case(const void *ctx)
{
    const gr_doc *doc = ctx;
    gr_facts *fs = NULL;
    gr_status st = gr_fact_extract(doc, &fs);
    gr_facts_free(fs);
    return st == GR_OK ? 0 : st == GR_ENOMEM ? 1 : -1;
}

static void test_read(void **state)
{
    (void)state;
    const char *files[] = {EXAMPLES_DIR "/sample-county-2024.txt", EXAMPLES_DIR "/sample-county-2024.html"};
    for (int i = 0; i < 2; i++) {
        struct input in;
        char *data = slurp(files[i], &in.len);
        in.data = data, in.name = files[i];
        assert_true(every_n(parse_case, &in, files[i]) > 10);
        __real_free(data);
    }
    /* the GB18030 path: the sample in GBK, made by iconv (whose allocations are its own) */
    size_t len;
    char *utf8 = slurp(EXAMPLES_DIR "/sample-county-2024.txt", &len);
    iconv_t cd = iconv_open("GBK", "UTF-8");
    size_t il = len, ol = len * 2;
    char *gbk = __real_malloc(ol), *ip = utf8, *op = gbk;
    iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    struct input in = {gbk, (size_t)(op - gbk), "sample-gbk.txt"};
    assert_true(every_n(parse_case, &in, "sample in GBK") > 10);
    __real_free(gbk);
    __real_free(utf8);
}

static void test_scan_and_extract(void **state)
{
    (void)state;
    struct input in;
    char *data = slurp(EXAMPLES_DIR "/sample-county-2024.txt", &in.len);
    in.data = data, in.name = "sample";
    assert_true(every_n(scan_case, &in, "number scan") > 1);
    gr_doc *doc = NULL;
    assert_int_equal(gr_doc_parse(data, in.len, "sample.txt", &doc), GR_OK);
    assert_true(every_n(extract_case, doc, "fact extraction") > 10);
    gr_doc_free(doc);
    __real_free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_read), cmocka_unit_test(test_scan_and_extract)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
