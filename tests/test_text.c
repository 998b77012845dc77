/* test_text.c - the text layer on hand-written inputs: every encoding, HTML and .docx, and each
 * normalization rule, with the offset map checked against the input bytes. */
#include <iconv.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "govreport.h"
#include "text/text.h"
#include "util/json.h"
#include "util/utf8.h"

static void load_ok(gr_text *t, const void *data, size_t len, const char *name)
{
    int rc = gr_text_load(t, data, len, name);
    if (rc)
        fail_msg("load failed: %s", t->err);
}

/* Converts UTF-8 to another encoding with iconv (the test's own bytes, not the library's). */
static char *to_enc(const char *s, const char *enc, size_t *outlen)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    size_t il = strlen(s), ol = il * 4 + 8;
    char *out = malloc(ol), *ip = (char *)s, *op = out;
    iconv(cd, &ip, &il, &op, &ol);
    iconv_close(cd);
    *outlen = (size_t)(op - out);
    return out;
}

static void test_utf8_bom_and_fullwidth(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBF地区生产总值１８０．３９亿元，同比增长０．６％\n";
    gr_text t;
    load_ok(&t, in, sizeof in - 1, NULL);
    assert_string_equal(t.s, "地区生产总值180.39亿元,同比增长0.6%\n");
    assert_string_equal(t.encoding, "UTF-8");
    /* the '1' of 180.39 maps back to the full-width １ in the input */
    const char *one = strchr(t.s, '1');
    assert_int_equal(gr_text_source_offset(&t, one - t.s), (uint32_t)(strstr(in, "１") - in));
    gr_text_free(&t);
}

static void test_gbk(void **state)
{
    (void)state;
    size_t n;
    char *gbk = to_enc("政府工作报告\r\n各位代表：\r\n", "GBK", &n);
    gr_text t;
    load_ok(&t, gbk, n, NULL);
    assert_string_equal(t.encoding, "GB18030");
    assert_string_equal(t.s, "政府工作报告\n各位代表:\n");
    /* 各 is the 7th GBK character after a CRLF: byte 12 + 2 */
    assert_int_equal(gr_text_source_offset(&t, strstr(t.s, "各") - t.s), 14);
    gr_text_free(&t);
    free(gbk);
}

static void test_utf16(void **state)
{
    (void)state;
    size_t n;
    char *u16 = to_enc("\xEF\xBB\xBF增长5%", "UTF-16LE", &n);
    gr_text t;
    load_ok(&t, u16, n, NULL);
    assert_string_equal(t.encoding, "UTF-16LE");
    assert_string_equal(t.s, "增长5%\n");
    gr_text_free(&t);
    free(u16);
}

static void test_bad_bytes(void **state)
{
    (void)state;
    gr_text t;
    const char bin[] = "abc\0def";
    assert_int_equal(gr_text_load(&t, (const unsigned char *)bin, sizeof bin - 1, NULL), -1);
    assert_int_equal(t.err_off, 3);
    gr_text_free(&t);
    const char bad[] = "\xEF\xBB\xBF增长\xFF";
    assert_int_equal(gr_text_load(&t, (const unsigned char *)bad, sizeof bad - 1, NULL), -1);
    assert_int_equal(t.err_off, 9);
    gr_text_free(&t);
    assert_int_equal(gr_text_load(&t, (const unsigned char *)"", 0, NULL), -1);
    assert_string_equal(t.err, "empty file");
    gr_text_free(&t);
}

/* A download cut inside its last character reads as UTF-8 without it; UTF-8 text that turns into
 * another encoding halfway is refused at the byte where it stops being UTF-8. */
static void test_truncated_and_mixed(void **state)
{
    (void)state;
    gr_text t;
    const char cut[] = "地区生产总值增长6%左右\n城镇调查失业率5.5%以\xE5\x86"; /* 内 is E5 86 85 */
    load_ok(&t, cut, sizeof cut - 1, NULL);
    assert_string_equal(t.encoding, "UTF-8");
    assert_string_equal(t.s, "地区生产总值增长6%左右\n城镇调查失业率5.5%以\n");
    gr_text_free(&t);
    /* 20 Chinese characters of UTF-8, then the same words in GBK */
    const char *words = "地区生产总值同比增长百分之五点五左右一般公共预算收入";
    size_t gl;
    char *gbk = to_enc(words, "GBK", &gl);
    size_t ul = strlen(words);
    char *mixed = malloc(ul + gl);
    memcpy(mixed, words, ul);
    memcpy(mixed + ul, gbk, gl);
    assert_int_equal(gr_text_load(&t, (const unsigned char *)mixed, ul + gl, NULL), -1);
    assert_int_equal(t.err_off, (long)ul);
    assert_non_null(strstr(t.err, "mixed encodings"));
    gr_text_free(&t);
    free(gbk);
    free(mixed);
}

static void test_lines(void **state)
{
    (void)state;
    gr_text t;
    /* spaced title, broken word, broken number, one-line scrape with runs of spaces */
    const char in[] = "政 府 工 作 报 告\n\n  ——2023年在第十届全国人民代表大会上\n"
                      "全年完成地区生产总值一百八十亿元，经济增长较快，发展质量不断提升，政府工作报\n告\n"
                      "增长1.\n37倍\n上海市市长　龚正  各位代表：    现在，我代表市政府报告工作。\n";
    load_ok(&t, in, sizeof in - 1, NULL);
    assert_string_equal(t.s, "政府工作报告\n——2023年在第十届全国人民代表大会上\n"
                             "全年完成地区生产总值一百八十亿元,经济增长较快,发展质量不断提升,政府工作报告\n"
                             "增长1.37倍\n上海市市长 龚正\n各位代表:\n现在,我代表市政府报告工作。\n");
    /* a menu of short words stays apart */
    gr_text u;
    load_ok(&u, "下载\n打印\n全屏\n", strlen("下载\n打印\n全屏\n"), NULL);
    assert_string_equal(u.s, "下载\n打印\n全屏\n");
    gr_text_free(&t);
    gr_text_free(&u);
}

static void test_html(void **state)
{
    (void)state;
    const char in[] = "<!DOCTYPE html><html><head><title>x</title><script>var a='增长9%';</script></head>"
                      "<body><nav>首页 &gt; 报告</nav><div class=c><p>增长&amp;发展6.5%</p>"
                      "<p>第二段<br>第三行</p></div><form>验证码<input></form></body></html>";
    gr_text t;
    load_ok(&t, in, sizeof in - 1, "page.html");
    assert_int_equal(t.format, GR_FMT_HTML);
    assert_string_equal(t.s, "增长&发展6.5%\n第二段\n第三行\n");
    /* 6 of 6.5% maps to its byte in the page */
    assert_int_equal(gr_text_source_offset(&t, strchr(t.s, '6') - t.s), (uint32_t)(strstr(in, "6.5%") - in));
    gr_text_free(&t);
}

static void test_docx(void **state)
{
    (void)state;
    const char xml[] = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                       "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>政府工作</w:t></w:r><w:r>"
                       "<w:t>报告</w:t></w:r></w:p><w:p><w:r><w:t>增长&lt;5%</w:t></w:r></w:p></w:body>"
                       "</w:document>";
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    zip_source_t *f = zip_source_buffer(z, xml, sizeof xml - 1, 0);
    zip_file_add(z, "word/document.xml", f, 0);
    zip_close(z);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *buf = malloc((size_t)n);
    zip_source_read(src, buf, (zip_uint64_t)n);
    zip_source_close(src);
    zip_source_free(src);
    gr_text t;
    load_ok(&t, buf, (size_t)n, "r.docx");
    assert_int_equal(t.format, GR_FMT_DOCX);
    assert_string_equal(t.s, "政府工作报告\n增长<5%\n");
    gr_text_free(&t);
    /* a zip without word/document.xml, and a broken zip */
    buf[n / 2] ^= 0x55;
    assert_int_equal(gr_text_load(&t, (const unsigned char *)buf, (size_t)n, "r.docx"), -1);
    gr_text_free(&t);
    assert_int_equal(gr_text_load(&t, (const unsigned char *)"PK\3\4garbage", 11, "r.docx"), -1);
    assert_non_null(strstr(t.err, "zip"));
    gr_text_free(&t);
    free(buf);
}


static void test_hard_wrapped(void **state)
{
    (void)state;
    /* a text wrapped at a fixed width: lines end mid-sentence and are joined; a caption-like line in
     * an unwrapped text is not */
    const char in[] = "过去一年全市经济运行总体平稳稳中有进地区生产总值增长百分之五点二规模以上\n"
                      "工业增加值增长百分之七点八社会消费品零售总额增长百分之四点九一般公共预算\n"
                      "收入增长百分之六点一城乡居民收入持续增加就业形势保持稳定物价水平总体平稳\n"
                      "生态环境持续改善民生福祉不断增进社会大局和谐稳定各项事业取得新的成绩全年\n"
                      "新增城镇就业五千八百六十人城镇调查失业率控制在百分之五点二以内物价总体稳定\n"
                      "这些成绩来之不易。\n";
    gr_text t;
    load_ok(&t, in, sizeof in - 1, NULL);
    size_t lines = 0;
    for (size_t i = 0; i < t.len; i++)
        lines += t.s[i] == '\n';
    assert_int_equal(lines, 1); /* one paragraph */
    gr_text_free(&t);
    const char cap[] = "湖南省第十四届人民代表大会第四次会议在省人民会堂开幕省长作政府工作报告记者摄\n各位代表:\n现在,我代表省人民政府报告工作。\n";
    load_ok(&t, cap, sizeof cap - 1, NULL);
    assert_non_null(strstr(t.s, "摄\n各位代表:\n"));
    gr_text_free(&t);
}

/* The word-at-a-time scans (JSON escaping, UTF-8 validation) against a byte-by-byte reading: a
 * byte that matters is put at every position of a line of ASCII or ideographs, so that it falls
 * in each lane of an eight-byte word and in the tail. */
static void naive_json(gr_buf *b, const char *s, size_t n, int html)
{
    gr_buf_addc(b, '"');
    /* each byte that is no UTF-8 (where the bytewise reference finds one) is written as U+FFFD */
    size_t bad = gr_utf8_invalid_at_bytewise((const unsigned char *)s, n);
    for (size_t i = 0; i < n; i++) {
        if (i == bad) {
            gr_buf_adds(b, "\xEF\xBF\xBD");
            bad = i + 1 + gr_utf8_invalid_at_bytewise((const unsigned char *)s + i + 1, n - i - 1);
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            gr_buf_addc(b, '\\'), gr_buf_addc(b, (char)c);
        else if (c == '\n')
            gr_buf_adds(b, "\\n");
        else if (c == '\r')
            gr_buf_adds(b, "\\r");
        else if (c == '\t')
            gr_buf_adds(b, "\\t");
        else if (c < 0x20 || (html && c == '<'))
            gr_buf_printf(b, "\\u%04x", c);
        else
            gr_buf_addc(b, (char)c);
    }
    gr_buf_addc(b, '"');
}

static void test_word_scans(void **state)
{
    (void)state;
    static const char *const fill[] = {"abcdefghijklmnopqrstuvwxyz0123456789", "增长百分之六点五地区生产总值亿元"};
    static const char special[] = {'"', '\\', '\n', '\r', '\t', 0x01, 0x1F, '<', '=', 0x7F};
    for (int f = 0; f < 2; f++) {
        size_t n = strlen(fill[f]);
        for (size_t at = 0; at < n; at++) {
            for (size_t k = 0; k < sizeof special; k++) {
                char line[64];
                memcpy(line, fill[f], n);
                line[at] = special[k];
                for (int html = 0; html < 2; html++) {
                    gr_buf got = {0}, want = {0};
                    gr_json_str(&got, line, n, html ? GR_JSON_HTML_SAFE : 0);
                    naive_json(&want, line, n, html);
                    assert_string_equal(got.p, want.p);
                    gr_buf_free(&got);
                    gr_buf_free(&want);
                }
                /* a byte that is no UTF-8 (0x80 alone, 0xFF) is found where it is */
                if (f == 0) {
                    line[at] = (char)(k % 2 ? 0xFF : 0x80);
                    assert_int_equal(gr_utf8_invalid_at((const unsigned char *)line, n), at);
                }
            }
            if (f == 1 && at % 3 == 0) { /* an ideograph cut short, or with a bad continuation */
                char line[64];
                memcpy(line, fill[f], n);
                line[at + 1] = 'x';
                assert_int_equal(gr_utf8_invalid_at((const unsigned char *)line, n), at);
                assert_int_equal(gr_utf8_invalid_at((const unsigned char *)fill[f], at + 2), at);
                line[at + 1] = fill[f][at + 1];
                line[at] = (char)0xED, line[at + 1] = (char)0xA0; /* a surrogate */
                assert_int_equal(gr_utf8_invalid_at((const unsigned char *)line, n), at);
            }
        }
        assert_int_equal(gr_utf8_invalid_at((const unsigned char *)fill[f], n), n);
    }
}

/* The offset map asked with a kept place (gr_text_source_offset_walk) gives what a fresh lookup
 * gives, for every offset of a text with many anchors, asked forwards, backwards and by leaps. */
static void test_offset_walk(void **state)
{
    (void)state;
    char in[8192];
    size_t n = 0;
    for (int i = 0; n + 64 < sizeof in; i++) /* full-width commas and blank runs: an anchor each */
        n += (size_t)snprintf(in + n, sizeof in - n, i % 7 ? "增长%d．%d％，" : "\n  第%d项　　%d\n", i, i % 10);
    gr_text t;
    load_ok(&t, in, n, "walk.txt");
    assert_true(t.map.len > 100);
    size_t fwd = (size_t)-1, back = (size_t)-1, leap = (size_t)-1;
    for (size_t i = 0; i <= t.len; i++) {
        assert_int_equal(gr_text_source_offset_walk(&t, i, &fwd), gr_text_source_offset(&t, i));
        assert_int_equal(gr_text_source_offset_walk(&t, t.len - i, &back), gr_text_source_offset(&t, t.len - i));
        size_t j = (i * 7919) % (t.len + 1);
        assert_int_equal(gr_text_source_offset_walk(&t, j, &leap), gr_text_source_offset(&t, j));
    }
    gr_text_free(&t);
}

/* A text kept and restored (gr_anchors_pack, gr_text_restore) maps every offset as the loaded one
 * did, for a text with many anchors, some of them stepping back in the input (an HTML page's text
 * is not always in the order of its bytes: a map may go back); a packed map cut short, with a byte
 * too many, with an offset past 32 bits or with a count it does not hold is refused with where,
 * and so is a text that is not UTF-8. */
static void test_restore(void **state)
{
    (void)state;
    char in[4096];
    size_t n = 0;
    for (int i = 0; n + 64 < sizeof in; i++)
        n += (size_t)snprintf(in + n, sizeof in - n, i % 5 ? "增长%d．%d％，" : "\n  第%d项　　%d\n", i, i % 10);
    gr_text t, r;
    load_ok(&t, in, n, "keep.txt");
    gr_anchors_add(&t.map, (uint32_t)t.len, 3); /* back to the input's start, at the end */
    gr_buf b = {0};
    assert_int_equal(gr_anchors_pack(&t.map, &b), 0);
    assert_int_equal(gr_text_restore(&r, t.s, t.len, b.p, b.len, GR_FMT_HTML, "GB18030"), 0);
    assert_int_equal(r.map.len, t.map.len);
    assert_int_equal(r.format, GR_FMT_HTML);
    assert_string_equal(r.encoding, "GB18030");
    for (size_t i = 0; i <= t.len; i++)
        assert_int_equal(gr_text_source_offset(&r, i), gr_text_source_offset(&t, i));
    gr_text_free(&r);
    /* damaged */
    assert_int_equal(gr_text_restore(&r, t.s, t.len, b.p, b.len - 1, GR_FMT_TEXT, "UTF-8"), -1);
    assert_non_null(strstr(r.err, "map is damaged"));
    assert_true(r.err_off > 0 && (size_t)r.err_off < b.len);
    gr_text_free(&r);
    gr_buf_addc(&b, 0);
    assert_int_equal(gr_text_restore(&r, t.s, t.len, b.p, b.len, GR_FMT_TEXT, "UTF-8"), -1);
    assert_int_equal(r.err_off, (long)b.len - 1);
    gr_text_free(&r);
    const unsigned char big[] = {1, 0x80, 0x80, 0x80, 0x80, 0x10, 0}; /* one anchor at 2^32 */
    assert_int_equal(gr_text_restore(&r, t.s, t.len, big, sizeof big, GR_FMT_TEXT, "UTF-8"), -1);
    gr_text_free(&r);
    const unsigned char many[] = {100, 0, 0}; /* says a hundred, holds one */
    assert_int_equal(gr_text_restore(&r, t.s, t.len, many, sizeof many, GR_FMT_TEXT, "UTF-8"), -1);
    assert_int_equal(r.err_off, 1);
    gr_text_free(&r);
    assert_int_equal(gr_text_restore(&r, "\xff\xfe", 2, b.p, b.len - 1, GR_FMT_TEXT, "UTF-8"), -1);
    assert_non_null(strstr(r.err, "not UTF-8"));
    gr_text_free(&r);
    const unsigned char none[] = {0}; /* no anchor: offset 0 throughout, and an unknown encoding kept as "stored" */
    assert_int_equal(gr_text_restore(&r, "增长", 6, none, 1, GR_FMT_TEXT, "Big5"), 0);
    assert_string_equal(r.encoding, "stored");
    assert_int_equal(gr_text_source_offset(&r, 3), 0);
    gr_text_free(&r);
    gr_buf_free(&b);
    gr_text_free(&t);
}

/* gr_utf8_invalid_at (sixteen-byte blocks) against its byte-by-byte reference on 200,000 strings
 * of valid characters of every length, with every kind of fault put in at random places: a lone
 * continuation byte, a lead without its continuations, an overlong form, a surrogate, a code point
 * above U+10FFFF, a byte that never occurs, a character cut off by the end. */
static void test_utf8_blocks(void **state)
{
    (void)state;
    static const char *const good[] = {"a", "7", ",", "\n", "\xC2\xA0", "\xDF\xBF", "增", "长", "，", "\xE0\xA0\x80",
                                       "\xED\x9F\xBF", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF3\xA0\x80\x81"};
    static const char *const bad[] = {"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80",
                                      "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE5\xA2",
                                      "\xE5", "\xC2", "\xF0\x90\x80", "\xE5\x41\x41"};
    uint64_t seed = 42;
    unsigned char line[160];
    for (int round = 0; round < 200000; round++) {
        size_t n = 0;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t target = (size_t)(seed >> 33) % 120, faults = (size_t)(seed >> 20) % 3;
        while (n < target) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const char *piece = good[(seed >> 33) % (sizeof good / sizeof *good)];
            if (faults && (seed >> 13) % 40 == 0) {
                piece = bad[(seed >> 40) % (sizeof bad / sizeof *bad)];
                faults--;
            }
            size_t k = strlen(piece);
            memcpy(line + n, piece, k);
            n += k;
        }
        if (round % 7 == 0 && n > 0) /* cut off anywhere, inside a character too */
            n -= (size_t)(seed >> 50) % (n < 4 ? n : 4);
        assert_int_equal(gr_utf8_invalid_at(line, n), gr_utf8_invalid_at_bytewise(line, n));
    }
}

/* gr_json_num against the search it shortcuts: the first of %.6g … %.17g that reads back as the
 * same double. Values as reports write them (up to four places, magnitudes of every size,
 * negative ones) and arbitrary doubles. */
static void slow_num(char *d, size_t n, double v)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(d, n, "%.*g", prec, v);
        if (strtod(d, NULL) == v)
            return;
    }
}

/* gr_json_num(v) is the linear search's answer (whole numbers below 10^15 take the digit path). */
static void check_json_num(double v)
{
    if (!isfinite(v) || (v == floor(v) && fabs(v) < 1e15))
        return;
    char want[40];
    slow_num(want, sizeof want, v);
    gr_buf got = {0};
    gr_json_num(&got, v);
    if (strcmp(got.p, want)) {
        printf("gr_json_num(%.17g): got %s, want %s\n", v, got.p, want);
        fail();
    }
    gr_buf_free(&got);
}

static void test_json_numbers(void **state)
{
    (void)state;
    /* every power of two, 2^-1074 ... 2^1023, and the double just below it: the shortest form
     * is hardest there (the rounding interval is narrower below) */
    for (int e = -1074; e <= 1023; e++) {
        check_json_num(ldexp(1, e));
        check_json_num(nextafter(ldexp(1, e), 0));
    }
    unsigned long long seed = 2026;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        int k = (int)(seed >> 60) % 6;
        long long m = (long long)((seed >> 20) % 100000000000ULL) >> (seed >> 58 & 31);
        static const double p10[] = {1, 10, 100, 1000, 10000, 100000};
        double v = (double)m / p10[k];
        if (i % 7 == 0)
            v = -v;
        if (i % 11 == 0) { /* any double */
            uint64_t bits = seed ^ (seed >> 17);
            memcpy(&v, &bits, sizeof v);
        }
        check_json_num(v);
    }
}

/* Attributes past the bound are blanked, each byte where it was: quoted values holding '>' or
 * spaces, unquoted ones, comments and text left alone. */
static void test_cap_attrs(void **state)
{
    (void)state;
    const char *in = "<p a=\"1 > 2\" b='x' c=3 d e=\"y\">增长5%</p><!-- <q a b c d e f> --><q a b c>";
    size_t n = strlen(in), blanked;
    assert_null(gr_text_cap_attrs(in, n, 5, &blanked));
    assert_int_equal(blanked, 0);
    char *out = gr_text_cap_attrs(in, n, 2, &blanked);
    assert_non_null(out);
    assert_int_equal(blanked, 4); /* c, d, e of <p>, and c of <q>; the comment is no tag */
    assert_int_equal(strlen(out), n);
    assert_string_equal(out, "<p a=\"1 > 2\" b='x'            >增长5%</p><!-- <q a b c d e f> --><q a b  >");
    free(out);
    /* an unterminated quote runs to the end, and nothing is read past it */
    const char *cut = "<p a=1 b=2 c=\"never closed";
    out = gr_text_cap_attrs(cut, strlen(cut), 1, &blanked);
    assert_non_null(out);
    assert_int_equal(blanked, 2);
    assert_int_equal(strlen(out), strlen(cut));
    assert_memory_equal(out, "<p a=1", 6);
    assert_int_equal(strspn(out + 6, " "), strlen(cut) - 6);
    free(out);
}

/* Repair into a map of its own and in place over its input's map give the same text and offsets,
 * on text with every repair: literal line ends, entities (named, numeric, one longer than the bytes
 * it stands for would be), runs of "?", "_M_M_". */
static void test_repair_in_place(void **state)
{
    (void)state;
    const char *in = "县长??杨曙光\\r\\n增长13.3_M_M_\\n&ldquo;十四五&rdquo;&nbsp;&#12288;&lt;&#x1F600;??? 收入\\r5亿元&amp";
    size_t n = strlen(in);
    uint32_t *in_map = malloc((n + 1) * sizeof *in_map);
    for (size_t i = 0; i <= n; i++)
        in_map[i] = (uint32_t)(3 * i + 7); /* offsets of some earlier input, not the identity */
    gr_buf a = {0}, b = {0};
    gr_map am = {0};
    assert_int_equal(gr_text_repair(in, n, in_map, &a, &am), 0);
    gr_map bm = {in_map, n + 1, n + 1, 0};
    assert_int_equal(gr_text_repair(in, n, in_map, &b, &bm), 0);
    assert_ptr_equal(bm.p, in_map); /* rewritten where it was */
    assert_true(a.len < n);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.p, b.p, a.len);
    assert_int_equal(am.len, a.len + 1);
    assert_int_equal(bm.len, am.len);
    assert_memory_equal(am.p, bm.p, am.len * sizeof *am.p);
    assert_non_null(strstr(a.p, "\n增长13.3%\n“十四五”"));
    gr_buf_free(&a);
    gr_buf_free(&b);
    gr_map_free(&am);
    free(in_map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bom_and_fullwidth), cmocka_unit_test(test_gbk),
        cmocka_unit_test(test_utf16),   cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_truncated_and_mixed),
        cmocka_unit_test(test_lines),   cmocka_unit_test(test_html),
        cmocka_unit_test(test_docx),    cmocka_unit_test(test_hard_wrapped),
        cmocka_unit_test(test_word_scans), cmocka_unit_test(test_utf8_blocks), cmocka_unit_test(test_offset_walk), cmocka_unit_test(test_restore),
        cmocka_unit_test(test_json_numbers), cmocka_unit_test(test_cap_attrs), cmocka_unit_test(test_repair_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
