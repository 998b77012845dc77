/* captcha.c - the image code that guards the comment form.
 *
 * Why an image code and not a proof-of-work challenge: the viewer works without JavaScript, and a
 * proof of work needs script in the reader's browser to compute it. The image is SVG drawn as
 * paths (seven-segment digits, each shifted, slanted and crossed by noise lines), not as text, so
 * the answer is not in the markup; it is no match for a determined OCR, which is why the server
 * also limits comments and failed answers per address (server.c).
 *
 * A token is hex(expiry) hex(nonce) hex(mac): the MAC (HMAC-SHA-256 under a secret drawn at start)
 * proves the server issued it, the digits follow from the secret and the nonce, so issuing stores
 * nothing. A token is used up at its first answer, right or wrong (no replay, no retrying one
 * image), and expires after ten minutes.
 */
#define _GNU_SOURCE
#include "web.h"
#include "../util/sha.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#define TTL 600
#define USED 8192

static unsigned char secret[32];
static pthread_mutex_t used_lock = PTHREAD_MUTEX_INITIALIZER;
static struct { uint64_t nonce; time_t expiry; } used[USED];
static size_t used_next;

int web_captcha_init(char *err, size_t errlen)
{
    if (gr_sha_load(err, errlen)) /* the tokens are signed with HMAC-SHA-256 */
        return -1;
    if (getrandom(secret, sizeof secret, 0) != (ssize_t)sizeof secret) {
        /* no entropy source: a clock-derived secret still signs, it only guesses easier */
        uint64_t t = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&secret;
        memcpy(secret, &t, sizeof t);
    }
    return 0;
}

static void mac(const char *what, uint64_t expiry, uint64_t nonce, unsigned char out[32])
{
    unsigned char msg[32];
    size_t k = strlen(what) < 15 ? strlen(what) : 15;
    memset(msg, 0, sizeof msg);
    memcpy(msg, what, k);
    memcpy(msg + 16, &expiry, 8);
    memcpy(msg + 24, &nonce, 8);
    gr_hmac_sha256(secret, sizeof secret, msg, sizeof msg, out);
}

void web_captcha_token(char *token, size_t n)
{
    uint64_t nonce = 0, expiry = (uint64_t)time(NULL) + TTL;
    if (getrandom(&nonce, sizeof nonce, 0) != (ssize_t)sizeof nonce)
        nonce = (uint64_t)clock() * 2654435761u ^ expiry;
    unsigned char m[32];
    mac("token", expiry, nonce, m);
    snprintf(token, n, "%016llx%016llx%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x", (unsigned long long)expiry,
             (unsigned long long)nonce, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11]);
}

/* Reads a token; 0 when it is well formed and ours (expired or not). */
static int parse(const char *token, uint64_t *expiry, uint64_t *nonce)
{
    if (!token || strlen(token) != 56 || strspn(token, "0123456789abcdef") != 56)
        return -1;
    unsigned long long e, no;
    if (sscanf(token, "%16llx%16llx", &e, &no) != 2)
        return -1;
    unsigned char m[32];
    mac("token", e, no, m);
    char hex[25];
    for (int i = 0; i < 12; i++)
        snprintf(hex + 2 * i, 3, "%02x", m[i]);
    /* compare without an early exit */
    unsigned diff = 0;
    for (int i = 0; i < 24; i++)
        diff |= (unsigned)(hex[i] ^ token[32 + i]);
    if (diff)
        return -1;
    *expiry = e, *nonce = no;
    return 0;
}

static void digits(uint64_t expiry, uint64_t nonce, char out[6], unsigned char jitter[32])
{
    unsigned char m[32];
    mac("digits", expiry, nonce, m);
    for (int i = 0; i < 5; i++)
        out[i] = (char)('0' + m[i] % 10);
    out[5] = 0;
    mac("jitter", expiry, nonce, jitter);
}

/* Seven segments: a b c d e f g, as in a display (a top, then clockwise, g the middle). */
static const unsigned char seg[10] = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

int web_captcha_svg(const char *token, gr_buf *b, char *answer, size_t answerlen)
{
    uint64_t expiry, nonce;
    if (parse(token, &expiry, &nonce))
        return -1;
    char d[6];
    unsigned char j[32];
    digits(expiry, nonce, d, j);
    snprintf(answer, answerlen, "%s", d);
    /* legible: five cells 44 apart, a digit 20 wide whose slant moves its ends by at most 6 either way
     * and which is moved by at most 3, so that 6 px at least part two digits (44 - 3 - 3 - 6 - 20 - 6);
     * three thin lines across them, lighter than the digits */
    gr_buf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"60\" viewBox=\"0 0 240 60\">"
                   "<rect width=\"240\" height=\"60\" fill=\"#f4f1ea\"/>");
    /* the segment ends of a digit cell 20 wide and 36 high, slanted by the jitter */
    static const int x0[7] = {0, 20, 20, 0, 0, 0, 0}, y0[7] = {0, 0, 18, 36, 18, 0, 18};
    static const int x1[7] = {20, 20, 20, 20, 0, 0, 20}, y1[7] = {0, 18, 36, 36, 36, 18, 18};
    for (int i = 0; i < 5; i++) {
        int ox = 14 + i * 44 + (j[i] % 7) - 3, oy = 10 + (j[i + 5] % 9) - 4, slant = (j[i + 10] % 7) - 3;
        gr_buf_adds(b, "<path fill=\"none\" stroke=\"#2b2b2b\" stroke-width=\"3\" stroke-linecap=\"round\" d=\"");
        unsigned s = seg[d[i] - '0'];
        for (int k = 0; k < 7; k++)
            if (s >> k & 1) {
                int ax = ox + x0[k] + slant * (36 - y0[k]) / 18, bx = ox + x1[k] + slant * (36 - y1[k]) / 18;
                gr_buf_printf(b, "M%d %dL%d %d", ax, oy + y0[k], bx, oy + y1[k]);
            }
        gr_buf_adds(b, "\"/>");
    }
    for (int i = 0; i < 3; i++) /* noise lines across the digits */
        gr_buf_printf(b, "<path stroke=\"#9a9a9a\" stroke-width=\"1\" d=\"M%d %dL%d %d\"/>", j[15 + i] % 40,
                      j[21 + i] % 60, 200 + j[27 + i % 5] % 40, (j[16 + i] * 7) % 60);
    gr_buf_adds(b, "</svg>");
    return 0;
}

int web_captcha_check(const char *token, const char *answer)
{
    uint64_t expiry, nonce;
    if (parse(token, &expiry, &nonce) || (time_t)expiry < time(NULL))
        return 0;
    int fresh = 1;
    pthread_mutex_lock(&used_lock);
    time_t now = time(NULL);
    for (size_t i = 0; i < USED; i++)
        if (used[i].nonce == nonce && used[i].expiry >= now)
            fresh = 0;
    if (fresh) { /* a slot whose token has expired: a used token that can still be sent stays listed */
        size_t k = 0;
        while (k < USED && used[(used_next + k) % USED].expiry >= now)
            k++;
        if (k == USED) { /* 8,192 answers in ten minutes: refuse more until some expire, never forget one */
            fresh = 0;
        } else {
            size_t at = (used_next + k) % USED;
            used[at].nonce = nonce;
            used[at].expiry = (time_t)expiry;
            used_next = (at + 1) % USED;
        }
    }
    pthread_mutex_unlock(&used_lock);
    if (!fresh)
        return 0;
    char d[6];
    unsigned char j[32];
    digits(expiry, nonce, d, j);
    return answer && !strcmp(answer, d);
}
