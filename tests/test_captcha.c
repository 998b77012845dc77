/* test_captcha.c - the comment form's image code: legible to people (each digit's ink stands apart
 * from the next, whole and inside the image), the same image for a token every time, and a token
 * that answers once, before it expires, for the report it was issued on only. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/web.h"

enum { W = WEB_CAPTCHA_W, H = WEB_CAPTCHA_H };

static int setup(void **state)
{
    (void)state;
    char err[256];
    if (web_captcha_init(err, sizeof err)) {
        fprintf(stderr, "captcha: %s\n", err);
        return -1;
    }
    return 0;
}

/* The human-legibility check: drawn without the noise, 1,000 images; the gap between one digit's
 * rightmost inked column and the next one's leftmost is 3 px at least, a digit is 8-48 px wide (a fifth of the image),
 * and no digit touches the image's edge. */
static void test_digits_stand_apart(void **state)
{
    (void)state;
    static unsigned char pix[W * H];
    int min_gap = W, min_w = W, max_w = 0;
    for (int k = 0; k < 1000; k++) {
        char token[96], ans[6];
        web_captcha_token(token, sizeof token, k);
        int l[5], r[5];
        assert_int_equal(web_captcha_draw(token, pix, 0, l, r, ans), 0);
        assert_int_equal((int)strspn(ans, "0123456789"), 5);
        for (int i = 0; i < 5; i++) {
            assert_true(l[i] > 0 && r[i] < W - 1);
            int w = r[i] - l[i] + 1;
            min_w = w < min_w ? w : min_w;
            max_w = w > max_w ? w : max_w;
            if (i)
                min_gap = l[i] - r[i - 1] - 1 < min_gap ? l[i] - r[i - 1] - 1 : min_gap;
        }
        /* the ink is dark on a light ground: the darkest pixel is the strokes', the corners ground */
        unsigned char lo = 255;
        for (size_t p = 0; p < sizeof pix; p++)
            lo = pix[p] < lo ? pix[p] : lo;
        assert_true(lo < 80 && pix[0] > 200 && pix[W * H - 1] > 200);
    }
    printf("captcha: narrowest gap %d px, digits %d-%d px wide over 1,000 images\n", min_gap, min_w, max_w);
    assert_true(min_gap >= 3);
    assert_true(min_w >= 8 && max_w <= 48);
}

/* Every digit comes up about as often in each place (a token's digits are not guessable). */
static void test_digits_spread(void **state)
{
    (void)state;
    static unsigned char pix[W * H];
    int seen[5][10] = {{0}};
    for (int k = 0; k < 1000; k++) {
        char token[96], ans[6];
        int l[5], r[5];
        web_captcha_token(token, sizeof token, 7);
        assert_int_equal(web_captcha_draw(token, pix, 1, l, r, ans), 0);
        for (int i = 0; i < 5; i++)
            seen[i][ans[i] - '0']++;
    }
    for (int i = 0; i < 5; i++)
        for (int d = 0; d < 10; d++)
            assert_true(seen[i][d] > 50 && seen[i][d] < 150); /* 100 expected; these bounds are > 5 sigma */
}

static void test_same_token_same_image(void **state)
{
    (void)state;
    static unsigned char a[W * H], b[W * H], clean[W * H];
    char token[96], x[6], y[6];
    int l[5], r[5];
    web_captcha_token(token, sizeof token, 42);
    assert_int_equal(web_captcha_draw(token, a, 1, l, r, x), 0);
    assert_int_equal(web_captcha_draw(token, b, 1, l, r, y), 0);
    assert_memory_equal(a, b, sizeof a);
    assert_string_equal(x, y);
    assert_int_equal(web_captcha_draw(token, clean, 0, l, r, y), 0);
    assert_memory_not_equal(a, clean, sizeof a); /* the noise is there */
    gr_buf png = {0};
    char ans[16];
    assert_int_equal(web_captcha_png(token, &png, ans, sizeof ans), 0);
    assert_true(png.len > 100 && !memcmp(png.p, "\x89PNG\r\n\x1a\n", 8));
    assert_string_equal(ans, x);
    assert_null(memmem(png.p, png.len, ans, 5)); /* the answer is not in the file as text */
    gr_buf_free(&png);
}

static void test_token_rules(void **state)
{
    (void)state;
    static unsigned char pix[W * H];
    char token[96], ans[6];
    int l[5], r[5];
    web_captcha_token(token, sizeof token, 5);
    assert_int_equal((int)strlen(token), WEB_CAPTCHA_TOKEN_LEN);
    assert_int_equal(web_captcha_draw(token, pix, 0, l, r, ans), 0);
    /* another report's form cannot use it, and trying does not use it up... */
    assert_int_equal(web_captcha_check(token, 6, ans), 0);
    /* ...a wrong answer does */
    char other[96];
    web_captcha_token(other, sizeof other, 5);
    char oans[6];
    assert_int_equal(web_captcha_draw(other, pix, 0, l, r, oans), 0);
    char wrong[6];
    memcpy(wrong, oans, 6);
    wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
    assert_int_equal(web_captcha_check(other, 5, wrong), 0);
    assert_int_equal(web_captcha_check(other, 5, oans), 0);
    /* the right answer for its report, once */
    assert_int_equal(web_captcha_check(token, 5, ans), 1);
    assert_int_equal(web_captcha_check(token, 5, ans), 0);
    /* a token changed by one character is not ours: no image, no answer */
    web_captcha_token(token, sizeof token, 5);
    token[40] = token[40] == 'a' ? 'b' : 'a';
    assert_int_equal(web_captcha_draw(token, pix, 0, l, r, ans), -1);
    gr_buf b = {0};
    char a2[16];
    assert_int_equal(web_captcha_png(token, &b, a2, sizeof a2), -1);
    gr_buf_free(&b);
    assert_int_equal(web_captcha_check("", 5, "12345"), 0);
    assert_int_equal(web_captcha_check(NULL, 5, NULL), 0);
}

/* A used token stays refused until it expires, however many answers come after it: 8,192 other
 * tokens answered (the size of the list of used ones), then the first again. */
static void test_used_token_not_forgotten(void **state)
{
    (void)state;
    static unsigned char pix[W * H];
    char first[96], ans[6];
    int l[5], r[5];
    web_captcha_token(first, sizeof first, 9);
    assert_int_equal(web_captcha_draw(first, pix, 0, l, r, ans), 0);
    assert_int_equal(web_captcha_check(first, 9, ans), 1);
    for (int i = 0; i < 8192; i++) { /* each used up by its answer, right or wrong */
        char t[96];
        web_captcha_token(t, sizeof t, 9);
        web_captcha_check(t, 9, "00000");
    }
    assert_int_equal(web_captcha_check(first, 9, ans), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits_stand_apart),
        cmocka_unit_test(test_digits_spread),
        cmocka_unit_test(test_same_token_same_image),
        cmocka_unit_test(test_token_rules),
        cmocka_unit_test(test_used_token_not_forgotten),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
