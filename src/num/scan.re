/* scan.re - the re2c scanner that finds numerals in UTF-8 text: Arabic numbers (with thousands
 * separators and decimals), runs of Chinese numerals (incl. financial forms and 点 decimals), and
 * the fraction openers 百分之 / 千分之 / 万分之, and 首位 / 榜首 (first place, a rank of 1). Everything around a numeral (magnitudes, units,
 * approximation words, ranges, what class of number it is) is read by num.c.
 *
 * Generate with `make regen` (re2c -8 --input-encoding utf8 --no-generation-date --no-version); the generated scan.c is
 * committed. */
#include "num.h"

#include <stdint.h>

/* The characters a token can start with: every numeral and 百/千/万分之's first character, 首, 榜. */
static const char starters[] = "零〇一二两三四五六七八九兩倆貳參陸壹贰叁肆伍陆柒捌玖十百千万亿拾佰仟萬億首榜";

/* A quick skip before the DFA: most of a report is text without numerals. For a three-byte UTF-8
 * character (lead E0-EF), starter[lead & 15][second & 63] holds one bit per third byte & 63. */
static uint64_t starter[16][64];

void gr_num_scan_init(void)
{
    for (const unsigned char *p = (const unsigned char *)starters; *p; p += 3)
        starter[p[0] & 15][p[1] & 63] |= (uint64_t)1 << (p[2] & 63);
}

/* First place at or after p that may start a token: an ASCII digit, a starter character, a byte
 * that is not well-formed three-byte UTF-8 left to the DFA, a NUL, or the end. Skips whole
 * characters only, so the DFA sees the same code point boundaries as without it. The NUL sentinel
 * at the end stops the loop, so there is no bound to test on each character (a NUL inside the text is
 * left to the DFA, which steps over it); a three-byte character is stepped over only when its two
 * continuation bytes are there, so p never passes the sentinel. */
static const unsigned char *skip_plain(const unsigned char *p)
{
    for (;;) {
        unsigned c = *p;
        if (c >= 0xE0 && c <= 0xEF) {
            /* continuation bytes are 80-BF: 00-3F once flipped; p[2] is read only after p[1]
             * was one, so it is at most the sentinel */
            unsigned c1 = p[1] ^ 0x80u, c2;
            if (c1 >= 0x40 || (c2 = p[2] ^ 0x80u) >= 0x40 || (starter[c & 15][c1] >> c2 & 1))
                return p;
            p += 3;
        } else if (c < 0x80) {
            if (c - '0' < 10 || !c)
                return p;
            p++;
        } else if (c >= 0xC0) {
            return p; /* two- and four-byte characters: the DFA steps over them */
        } else {
            p++;      /* a stray continuation byte */
        }
    }
}

/* Finds the next numeral at or after *pos in s[0..len); s[len] must be 0 (the sentinel).
 * Returns its kind and sets [*start, *end), or GR_TOK_END. */
int gr_num_next(const unsigned char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
    const unsigned char *YYCURSOR = s + *pos, *YYLIMIT = s + len, *YYMARKER = NULL;
    for (;;) {
        YYCURSOR = skip_plain(YYCURSOR);
        const unsigned char *tok = YYCURSOR;
        /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:yyfill:enable = 0;
        re2c:eof = 0;
        re2c:define:YYFILL = "return GR_TOK_END;";

        digit   = [0-9];
        arabic  = digit+ ("," digit{3})* ("." digit+)?;
        cndig   = "零" | "〇" | "一" | "二" | "两" | "三" | "四" | "五" | "六" | "七" | "八" | "九"
                | "兩" | "倆" | "貳" | "參" | "陸"
                | "壹" | "贰" | "叁" | "肆" | "伍" | "陆" | "柒" | "捌" | "玖";
        cnunit  = "十" | "百" | "千" | "万" | "亿" | "拾" | "佰" | "仟" | "萬" | "億";
        chinese = (cndig | cnunit)+ (("点" | "點") cndig+)?;

        $       { *pos = len; return GR_TOK_END; }
        arabic  { *start = (size_t)(tok - s); *end = (size_t)(YYCURSOR - s); *pos = *end; return GR_TOK_ARABIC; }
        chinese { *start = (size_t)(tok - s); *end = (size_t)(YYCURSOR - s); *pos = *end; return GR_TOK_CHINESE; }
        "百分之" | "佰分之" { *start = (size_t)(tok - s); *end = (size_t)(YYCURSOR - s); *pos = *end; return GR_TOK_PERCENT_OF; }
        "千分之" | "仟分之" { *start = (size_t)(tok - s); *end = (size_t)(YYCURSOR - s); *pos = *end; return GR_TOK_PERMILLE_OF; }
        "万分之" | "萬分之" { *start = (size_t)(tok - s); *end = (size_t)(YYCURSOR - s); *pos = *end; return GR_TOK_PERMYRIAD_OF; }
        "首位" | "榜首" | "首名" { *start = (size_t)(tok - s); *end = (size_t)(YYCURSOR - s); *pos = *end; return GR_TOK_FIRST_PLACE; }
        [^]     { continue; }
        *       { continue; }
        */
    }
}
