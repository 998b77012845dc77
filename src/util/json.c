/* json.c - JSON output into a gr_buf (see json.h). */
#include "json.h"
#include "swar.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A string with bytes that are no UTF-8 (a file named in Latin-1, a form field sent raw): each such
 * byte written as U+FFFD, so that the output stays JSON. */
static void str_repaired(gr_buf *b, const char *s, size_t n, int flags)
{
    gr_buf fixed = {0};
    while (n) {
        size_t ok = gr_utf8_invalid_at((const unsigned char *)s, n);
        gr_buf_add(&fixed, s, ok);
        if (ok == n)
            break;
        gr_buf_add(&fixed, "\xEF\xBF\xBD", 3);
        s += ok + 1, n -= ok + 1;
    }
    if (fixed.oom)
        b->oom = 1, b->cap = 0; /* as a failed append leaves it */
    else
        gr_json_str(b, fixed.p ? fixed.p : "", fixed.len, flags);
    gr_buf_free(&fixed);
}

void gr_json_str(gr_buf *b, const char *s, size_t n, int flags)
{
    if (gr_utf8_invalid_at((const unsigned char *)s, n) < n) {
        str_repaired(b, s, n, flags);
        return;
    }
    /* room for the usual case (nothing to escape) at once; escapes grow the buffer as they come */
    if (gr_buf_reserve(b, n + 2))
        return;
    b->p[b->len++] = '"';
    size_t run = 0; /* bytes that need no escape are copied in one go */
    const unsigned char lt = flags & GR_JSON_HTML_SAFE ? '<' : '"'; /* '"' again: nothing more */
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while none is a control byte, '"', '\\' (or '<'); UTF-8's high
         * bytes never match */
        while (i + 8 <= n) {
            uint64_t w = gr_swar_load(s + i);
            if (gr_swar_lt(w, 0x20) | gr_swar_eq(w, '"') | gr_swar_eq(w, '\\') | gr_swar_eq(w, lt))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && (c != '<' || !(flags & GR_JSON_HTML_SAFE)))
            continue;
        gr_buf_add(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': gr_buf_add(b, "\\\"", 2); break;
        case '\\': gr_buf_add(b, "\\\\", 2); break;
        case '\n': gr_buf_add(b, "\\n", 2); break;
        case '\r': gr_buf_add(b, "\\r", 2); break;
        case '\t': gr_buf_add(b, "\\t", 2); break;
        default: {
            static const char hex[] = "0123456789abcdef";
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            gr_buf_add(b, u, sizeof u);
        }
        }
    }
    gr_buf_add(b, s + run, n - run);
    gr_buf_addc(b, '"');
}

void gr_json_cstr(gr_buf *b, const char *s, int flags)
{
    if (!s)
        gr_buf_add(b, "null", 4);
    else
        gr_json_str(b, s, strlen(s), flags);
}

int gr_json_is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end;
    strtod(s, &end);
    return !*end && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) && !strpbrk(s, "iInNxX");
}

void gr_json_key(gr_buf *b, const char *key)
{
    gr_buf_add(b, ",\"", 2);
    gr_buf_adds(b, key);
    gr_buf_add(b, "\":", 2);
}

void gr_buf_addu(gr_buf *b, unsigned long long u)
{
    if (gr_buf_reserve(b, 20))
        return;
    b->len = (size_t)(gr_json_put_u(b->p + b->len, u) - b->p);
    b->p[b->len] = 0;
}

/* Writes v with prec significant digits into d; does it read back as v? (A form that did not fit
 * in d is no answer: at most 17 digits always fit in 40 bytes.) */
static int reads_back(char *d, size_t n, int prec, double v)
{
    int k = snprintf(d, n, "%.*g", prec, v);
    return k > 0 && (size_t)k < n && strtod(d, NULL) == v;
}

void gr_json_num(gr_buf *b, double v)
{
    if (!isfinite(v)) {
        gr_buf_add(b, "null", 4);
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15 && !(v == 0 && signbit(v))) {
        /* whole numbers, most of what is written: digits by hand, not printf's float path */
        if (v < 0)
            gr_buf_addc(b, '-');
        gr_buf_addu(b, (unsigned long long)fabs(v));
        return;
    }
    /* a decimal with up to four places, most of the rest (180.39, 0.6): when R = v * 10^k is a
     * whole number below 10^15 and R / 10^k (one correctly rounded division) gives v back, the
     * digits of R with the point put back are the shortest form that reads back as v, the same
     * string as the search below would find (it has at most 15 digits, so no shorter one is
     * within half an ulp), without printf and strtod */
    static const double p10[] = {1, 10, 100, 1000, 10000};
    for (int k = 1; k <= 4; k++) {
        double r = v * p10[k];
        if (fabs(r) < 1e15 && r == floor(r) && r / p10[k] == v) {
            unsigned long long R = (unsigned long long)fabs(r);
            while (k > 1 && R % 10 == 0) /* 0.30 read as 30/100: 0.3 */
                R /= 10, k--;
            char frac[8];
            for (int q = k; q-- > 0; R /= 10)
                frac[q] = (char)('0' + R % 10);
            if (v < 0)
                gr_buf_addc(b, '-');
            gr_buf_addu(b, R);
            gr_buf_addc(b, '.');
            gr_buf_add(b, frac, (size_t)k);
            return;
        }
    }
    /* the fewest significant digits (6 to 17) that read back as v. More digits round to a decimal
     * at least as near to v, and the doubles that read back as v lie in an interval centred on
     * it, so reading back holds for every precision from the first that does: that one is found
     * by bisection, four tries instead of up to twelve. Not for a power of two, whose interval
     * is narrower below it than above: there a nearer decimal on the narrow side may fail where
     * a farther one on the wide side read back (bisection misses the shortest form of 2^-645),
     * so those are tried one precision after another. */
    char d[40];
    int lo = 6, hi = 17; /* %.17g always reads back */
    int e2;
    if (fabs(frexp(v, &e2)) == 0.5) {
        for (; lo < hi && !reads_back(d, sizeof d, lo, v); lo++)
            ;
    } else {
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (reads_back(d, sizeof d, mid, v))
                hi = mid;
            else
                lo = mid + 1;
        }
    }
    reads_back(d, sizeof d, lo, v);
    gr_buf_adds(b, d);
}
