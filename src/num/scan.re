/* scan.re - the re2c scanner that finds numerals in UTF-8 text: Arabic numbers (with thousands
 * separators and decimals), runs of Chinese numerals (incl. financial forms and 点 decimals), and
 * the fraction openers 百分之 / 千分之 / 万分之, and 首位 / 榜首 (first place, a rank of 1). Everything around a numeral (magnitudes, units,
 * approximation words, ranges, what class of number it is) is read by num.c.
 *
 * Generate with `make regen` (re2c -8 --input-encoding utf8 --no-generation-date --no-version); the generated scan.c is
 * committed. */
#include "num.h"

/* Finds the next numeral at or after *pos in s[0..len); s[len] must be 0 (the sentinel).
 * Returns its kind and sets [*start, *end), or GR_TOK_END. */
int gr_num_next(const unsigned char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
    const unsigned char *YYCURSOR = s + *pos, *YYLIMIT = s + len, *YYMARKER = NULL;
    for (;;) {
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
