/* captcha.c - the image code that guards the comment form.
 *
 * Why an image code and not a proof-of-work challenge: the viewer works without JavaScript, and a
 * proof of work needs script in the reader's browser to compute it. The image is a PNG raster: five
 * digits drawn from a stroke font of the project's own, each turned, sheared and sized at random,
 * the whole bent by two waves, crossed by two curves as dark and nearly as thick as the strokes,
 * on a speckled ground. Nothing of the digits is in the file but pixels (an SVG of paths was read
 * exactly from its coordinates by a 30-line script); what a script must do instead is OCR, and
 * tests/web.py runs one such solver and requires it to fail. It is no match for a determined one,
 * which is why the server also limits comments and failed answers per address (server.c).
 * Legible to people: the digits' ink never touches its neighbour's (a gap of 3 px at least,
 * tests/test_captcha.c over 1,000 images), the strokes are 3-4 px wide, the curves 2-3.
 *
 * A token is hex(expiry) hex(nonce) hex(mac): the MAC (HMAC-SHA-256 under a secret drawn at start)
 * proves the server issued it for this report, the digits and the drawing follow from the secret
 * and the nonce, so issuing stores nothing. A token is used up at its first answer, right or wrong
 * (no replay, no retrying one image), and expires after ten minutes; it answers for the report it
 * was issued on only.
 */
#define _GNU_SOURCE
#include "web.h"
#include "../util/sha.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <zlib.h>
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

static void mac(const char *what, long long doc, uint64_t expiry, uint64_t nonce, unsigned char out[32])
{
    unsigned char msg[40];
    size_t k = strlen(what) < 15 ? strlen(what) : 15;
    memset(msg, 0, sizeof msg);
    memcpy(msg, what, k);
    memcpy(msg + 16, &doc, 8);
    memcpy(msg + 24, &expiry, 8);
    memcpy(msg + 32, &nonce, 8);
    gr_hmac_sha256(secret, sizeof secret, msg, sizeof msg, out);
}

void web_captcha_token(char *token, size_t n, long long doc)
{
    uint64_t nonce = 0, expiry = (uint64_t)time(NULL) + TTL;
    if (getrandom(&nonce, sizeof nonce, 0) != (ssize_t)sizeof nonce)
        nonce = (uint64_t)clock() * 2654435761u ^ expiry;
    unsigned char m[32];
    mac("token", doc, expiry, nonce, m);
    snprintf(token, n, "%016llx%016llx%016llx%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x%02x", (unsigned long long)expiry,
             (unsigned long long)nonce, (unsigned long long)doc, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11]);
}

/* Reads a token; 0 when it is well formed and ours (expired or not). */
static int parse(const char *token, long long *doc, uint64_t *expiry, uint64_t *nonce)
{
    if (!token || strlen(token) != WEB_CAPTCHA_TOKEN_LEN || strspn(token, "0123456789abcdef") != WEB_CAPTCHA_TOKEN_LEN)
        return -1;
    unsigned long long e, no, dc;
    if (sscanf(token, "%16llx%16llx%16llx", &e, &no, &dc) != 3)
        return -1;
    unsigned char m[32];
    mac("token", (long long)dc, e, no, m);
    char hex[25];
    for (int i = 0; i < 12; i++)
        snprintf(hex + 2 * i, 3, "%02x", m[i]);
    /* compare without an early exit */
    unsigned diff = 0;
    for (int i = 0; i < 24; i++)
        diff |= (unsigned)(hex[i] ^ token[48 + i]);
    if (diff)
        return -1;
    *expiry = e, *nonce = no, *doc = (long long)dc;
    return 0;
}

/* The digits of a token and the seed of its drawing: both from the secret, so neither is stored. */
static void digits(uint64_t expiry, uint64_t nonce, char out[6], uint64_t *seed)
{
    unsigned char m[32];
    mac("digits", 0, expiry, nonce, m);
    for (int i = 0; i < 5; i++)
        out[i] = (char)('0' + m[i] % 10);
    out[5] = 0;
    memcpy(seed, m + 8, 8);
}

/* splitmix64: the drawing's random numbers, from the seed */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static double uniform(uint64_t *s, double lo, double hi) { return lo + (hi - lo) * (double)(next(s) >> 11) / 9007199254740992.0; }

/* The stroke font: each digit as polylines on a cell 10 wide and 16 high (y down), a point
 * (-1, -1) starting a new line; 0 and 8 are drawn as ellipses below. Written for this project. */
static const signed char font[10][28] = {
    {0},
    {2, 4, 5, 1, 5, 15, -1, -1, 2, 15, 8, 15},
    {1, 4, 2, 2, 5, 1, 8, 2, 9, 4, 8, 7, 1, 15, 9, 15},
    {1, 2, 4, 1, 8, 2, 8, 5, 7, 7, 4, 8, 7, 9, 9, 12, 8, 14, 5, 15, 1, 14},
    {7, 15, 7, 1, 1, 11, 9, 11},
    {9, 1, 2, 1, 2, 7, 5, 6, 8, 7, 9, 10, 8, 14, 5, 15, 1, 14},
    {8, 2, 5, 1, 2, 3, 1, 8, 2, 13, 5, 15, 8, 14, 9, 11, 7, 8, 4, 8, 1, 10},
    {1, 1, 9, 1, 4, 15},
    {0},
    {2, 14, 5, 15, 8, 13, 9, 8, 8, 3, 5, 1, 2, 2, 1, 5, 3, 8, 6, 8, 9, 6},
};
static const unsigned char font_len[10] = {0, 12, 16, 22, 8, 18, 22, 6, 0, 22};

#define W WEB_CAPTCHA_W
#define H WEB_CAPTCHA_H
#define MAXSEG 64

typedef struct { double ax, ay, bx, by, half; } segment;

/* Adds the polyline points (x, y) of one digit, placed by the affine a (x' = a0 x + a1 y + a2,
 * y' = a3 x + a4 y + a5), as segments of half width half. */
static size_t add_line(segment *sg, size_t n, const double *pts, size_t npts, const double a[6], double half)
{
    for (size_t k = 0; k + 1 < npts && n < MAXSEG; k++) {
        double x0 = pts[2 * k], y0 = pts[2 * k + 1], x1 = pts[2 * k + 2], y1 = pts[2 * k + 3];
        sg[n++] = (segment){a[0] * x0 + a[1] * y0 + a[2], a[3] * x0 + a[4] * y0 + a[5], a[0] * x1 + a[1] * y1 + a[2],
                            a[3] * x1 + a[4] * y1 + a[5], half};
    }
    return n;
}

static size_t digit_segments(int d, const double a[6], double half, segment *sg)
{
    size_t n = 0;
    double pts[64] = {0};
    if (d == 0 || d == 8) { /* ellipses: 0 one, 8 two */
        static const double e0[][4] = {{5, 8, 4, 7}}, e8[][4] = {{5, 4.3, 3.2, 3.3}, {5, 11.5, 4, 3.6}};
        const double(*e)[4] = d == 0 ? e0 : e8;
        for (int k = 0; k < (d == 0 ? 1 : 2); k++) {
            for (int t = 0; t <= 16; t++) {
                pts[2 * t] = e[k][0] + e[k][2] * cos(t * M_PI / 8);
                pts[2 * t + 1] = e[k][1] + e[k][3] * sin(t * M_PI / 8);
            }
            n = add_line(sg, n, pts, 17, a, half);
        }
        return n;
    }
    size_t np = 0;
    for (size_t k = 0; k + 1 < font_len[d]; k += 2) {
        if (font[d][k] < 0) {
            n = add_line(sg, n, pts, np, a, half);
            np = 0;
            continue;
        }
        pts[2 * np] = font[d][k], pts[2 * np + 1] = font[d][k + 1];
        np++;
    }
    return add_line(sg, n, pts, np, a, half);
}

static double dist2(const segment *s, double x, double y)
{
    double dx = s->bx - s->ax, dy = s->by - s->ay, l = dx * dx + dy * dy;
    double t = l > 0 ? ((x - s->ax) * dx + (y - s->ay) * dy) / l : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = s->ax + t * dx - x, ey = s->ay + t * dy - y;
    return ex * ex + ey * ey;
}

/* How much of the pixel at (x, y) the segments cover, 0 to 1 (a one-pixel soft edge). */
static double cover(const segment *sg, size_t n, double x, double y)
{
    double best = 0;
    for (size_t i = 0; i < n; i++) {
        const segment *s = &sg[i];
        double lo = (s->ax < s->bx ? s->ax : s->bx) - s->half - 1, hi = (s->ax > s->bx ? s->ax : s->bx) + s->half + 1;
        if (x < lo || x > hi)
            continue;
        double c = s->half + 0.5 - sqrt(dist2(s, x, y));
        if (c > best)
            best = c >= 1 ? 1 : c;
        if (best >= 1)
            break;
    }
    return best;
}

int web_captcha_draw(const char *token, unsigned char *pix, int noise, int ink_left[5], int ink_right[5], char answer[6])
{
    long long doc;
    uint64_t expiry, nonce, seed;
    if (parse(token, &doc, &expiry, &nonce))
        return -1;
    char d[6];
    digits(expiry, nonce, d, &seed);
    memcpy(answer, d, 6);
    /* the five digits: 2.0-2.7 px a font unit, turned up to 0.28 rad, sheared, each its own height;
     * then laid out left to right with 9-17 px between their boxes (the waves below move a box's
     * edge by 2.5 px at most, so at least 4 px stay between the inks), the row at a random place */
    segment glyph[5][MAXSEG];
    size_t ng[5];
    double box[5][4], width = 0;
    for (int i = 0; i < 5; i++) {
        double sc = uniform(&seed, 2.0, 2.7), rot = uniform(&seed, -0.28, 0.28), shear = uniform(&seed, -0.2, 0.2);
        double cy = H / 2.0 + uniform(&seed, -4, 4);
        double c = cos(rot) * sc, s = sin(rot) * sc;
        /* the cell's centre (5, 8) goes to (0, cy) */
        double af[6] = {c, -s + shear * sc, 0, s, c, 0};
        af[2] = -(af[0] * 5 + af[1] * 8);
        af[5] = cy - (af[3] * 5 + af[4] * 8);
        ng[i] = digit_segments(d[i] - '0', af, uniform(&seed, 1.5, 2.0), glyph[i]);
        box[i][0] = box[i][1] = 1e9, box[i][2] = box[i][3] = -1e9; /* x and y from, x and y to */
        for (size_t k = 0; k < ng[i]; k++) {
            const segment *g = &glyph[i][k];
            double m = g->half + 1;
            box[i][0] = fmin(box[i][0], fmin(g->ax, g->bx) - m), box[i][2] = fmax(box[i][2], fmax(g->ax, g->bx) + m);
            box[i][1] = fmin(box[i][1], fmin(g->ay, g->by) - m), box[i][3] = fmax(box[i][3], fmax(g->ay, g->by) + m);
        }
        width += box[i][2] - box[i][0];
    }
    double gap[4], gaps = 0;
    for (int i = 0; i < 4; i++)
        gaps += gap[i] = uniform(&seed, 9, 17);
    double room = W - 12 - width; /* 6 px of margin either side */
    if (gaps > room) /* wide digits: the gaps shrink, to 9 px at least */
        for (int i = 0; i < 4; i++)
            gap[i] = 9 + (gap[i] - 9) * fmax(0, room - 36) / (gaps - 36);
    gaps = gap[0] + gap[1] + gap[2] + gap[3];
    double at = 6 + uniform(&seed, 0, fmax(0, room - gaps));
    for (int i = 0; i < 5; i++) {
        double dx = at - box[i][0];
        for (size_t k = 0; k < ng[i]; k++)
            glyph[i][k].ax += dx, glyph[i][k].bx += dx;
        box[i][0] += dx, box[i][2] += dx;
        at = box[i][2] + (i < 4 ? gap[i] : 0);
    }
    /* two waves bend the whole: a pixel shows the point of the drawing it is moved back to */
    double ax = uniform(&seed, 1.5, 2.5), px = uniform(&seed, 0, 6.3), lx = uniform(&seed, 28, 40);
    double ay = uniform(&seed, 1.5, 2.5), py = uniform(&seed, 0, 6.3), ly = uniform(&seed, 50, 70);
    /* the crossing curves: quadratic, from the left edge to the right, as segments */
    segment curves[2 * 24];
    size_t nc = 0;
    for (int k = 0; k < 2; k++) {
        double y0 = uniform(&seed, 12, H - 12), y1 = uniform(&seed, 4, H - 4), y2 = uniform(&seed, 12, H - 12);
        double prevx = 0, prevy = y0, half = uniform(&seed, 1.1, 1.4);
        for (int t = 1; t <= 24; t++) {
            double u = t / 24.0, x = u * W, y = (1 - u) * (1 - u) * y0 + 2 * u * (1 - u) * y1 + u * u * y2;
            curves[nc++] = (segment){prevx, prevy, x, y, half};
            prevx = x, prevy = y;
        }
    }
    for (int i = 0; i < 5; i++)
        ink_left[i] = W, ink_right[i] = -1;
    double shade = uniform(&seed, -12, 12);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            double sx = x + ax * sin(y * 2 * M_PI / lx + px), sy = y + ay * sin(x * 2 * M_PI / ly + py);
            double ink = 0;
            for (int i = 0; i < 5; i++) {
                if (sx < box[i][0] || sx > box[i][2] || sy < box[i][1] || sy > box[i][3])
                    continue;
                double c = cover(glyph[i], ng[i], sx, sy);
                if (c > 0.25) {
                    if (x < ink_left[i])
                        ink_left[i] = x;
                    if (x > ink_right[i])
                        ink_right[i] = x;
                }
                if (c > ink)
                    ink = c;
            }
            double ground = 238 + shade * (x - W / 2.0) / W;
            if (noise) {
                double c = cover(curves, nc, sx, sy) * 0.85;
                if (c > ink)
                    ink = c;
                ground += uniform(&seed, -14, 14);
                if ((next(&seed) & 63) == 0) /* speckles, about one pixel in 64 */
                    ground = uniform(&seed, 90, 200);
            }
            double v = ground * (1 - ink) + 40 * ink;
            pix[y * W + x] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    return 0;
}

static void chunk(gr_buf *b, const char *type, const unsigned char *data, size_t n)
{
    unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n};
    gr_buf_add(b, (const char *)len, 4);
    size_t at = b->len;
    gr_buf_add(b, type, 4);
    if (n)
        gr_buf_add(b, (const char *)data, n);
    if (b->oom)
        return;
    uLong crc = crc32(0, (const Bytef *)b->p + at, (uInt)(n + 4));
    unsigned char c[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16), (unsigned char)(crc >> 8), (unsigned char)crc};
    gr_buf_add(b, (const char *)c, 4);
}

int web_captcha_png(const char *token, gr_buf *b, char *answer, size_t answerlen)
{
    enum { RAW = H * (W + 1) };
    unsigned char *pix = malloc(W * H), *raw = malloc(RAW);
    uLongf zn = compressBound(RAW);
    unsigned char *z = malloc(zn);
    int l[5], r[5];
    char d[6];
    if (!pix || !raw || !z) {
        free(pix), free(raw), free(z);
        b->oom = 1;
        return 0;
    }
    if (web_captcha_draw(token, pix, 1, l, r, d)) {
        free(pix), free(raw), free(z);
        return -1;
    }
    for (int y = 0; y < H; y++) { /* each row: filter type 0, then its pixels */
        raw[y * (W + 1)] = 0;
        memcpy(raw + y * (W + 1) + 1, pix + y * W, W);
    }
    snprintf(answer, answerlen, "%s", d);
    int zst = compress2(z, &zn, raw, RAW, 9);
    free(pix), free(raw);
    if (zst != Z_OK) {
        free(z);
        b->oom = 1;
        return 0;
    }
    static const unsigned char ihdr[13] = {0, 0, W >> 8, W & 255, 0, 0, H >> 8, H & 255, 8, 0, 0, 0, 0}; /* 8-bit grey */
    gr_buf_add(b, "\x89PNG\r\n\x1a\n", 8);
    chunk(b, "IHDR", ihdr, sizeof ihdr);
    chunk(b, "IDAT", z, zn);
    chunk(b, "IEND", NULL, 0);
    free(z);
    return 0;
}

int web_captcha_check(const char *token, long long doc, const char *answer)
{
    long long issued_for;
    uint64_t expiry, nonce, seed;
    if (parse(token, &issued_for, &expiry, &nonce) || issued_for != doc || (time_t)expiry < time(NULL))
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
    digits(expiry, nonce, d, &seed);
    return answer && !strcmp(answer, d);
}
