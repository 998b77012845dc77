/* web.h - the web viewer: a report library over a corpus database, served by libmicrohttpd.
 *
 * server.c owns HTTP (the daemon, limits, caching, rate limits, form bodies); everything it
 * answers comes from web_handle(), which maps one request to one response without touching the
 * network, so it can be tested and fuzzed alone. pages.c renders HTML, api.c JSON, chart.c SVG,
 * captcha.c the comment form's image code, out.c the escaping every one of them goes through.
 * Includes the store (through the public header) and util only.
 */
#ifndef GR_WEB_WEB_H
#define GR_WEB_WEB_H

#include <stddef.h>

#include "govreport.h"
#include "../util/buf.h"
#include "../util/json.h"

typedef struct web_opts {
    const char *db_path;
    const char *listen;   /* HOST:PORT */
    int threads;          /* worker threads (0: one per core) */
    int test_captcha;     /* tests only: the captcha image says its answer in a header */
    int quiet;
    int create;           /* serve an empty library when db_path does not exist */
} web_opts;

/* Serves until SIGINT or SIGTERM; returns a process exit status (0, or 1 with a message). */
int web_serve(const web_opts *o);

/* ---- one request, one response ------------------------------------------------------------ */

typedef struct web_form {
    char fact[24], name[164], body[8004], token[96], answer[16]; /* 40 and 2,000 characters of up to 4 bytes */
    int too_long; /* a field was cut: the body limit, not the user, decides */
} web_form;

typedef struct web_req {
    const char *method;          /* GET, HEAD or POST */
    const char *path;            /* the URL path, percent-decoded by the server */
    const char *(*arg)(void *ctx, const char *name); /* a query argument, or NULL */
    void *arg_ctx;
    const web_form *form;        /* POST fields, or NULL */
    const char *client;          /* the client's address, for rate limits */
    const char *host;            /* the Host header (for the site map), or NULL */
    gr_db *db;                   /* read-only connection of this thread */
} web_req;

typedef struct web_resp {
    int status;
    const char *type;            /* Content-Type */
    gr_buf body;
    int cache_seconds;           /* Cache-Control max-age; 0: no-store */
    char location[256];          /* a redirect's target */
    char disposition[160];       /* Content-Disposition, for downloads */
    char etag[80];
    char test_answer[16];        /* the captcha answer, sent only with test_captcha */
    int cacheable;               /* the server may keep and reuse this response */
} web_resp;

/* Answers one request. Never fails: errors are pages (400, 404, 429, 500...). */
void web_handle(const web_req *rq, web_resp *rs);

/* Set once by the server before it accepts connections. */
typedef struct web_env {
    /* fact: where the figure's number starts in the text, -1 for the report as a whole */
    int (*add_comment)(long long doc, long long fact, const char *name, const char *body, char *err, size_t errlen);
    /* rate limits: 0 when client is over the limit of what; record counts this event first */
    int (*allow)(const char *client, int what, int record);
    int test_captcha;
    int read_only; /* the database cannot be written (another user's): no comment links or forms */
} web_env;
enum { WEB_LIMIT_COMMENT, WEB_LIMIT_CAPTCHA_FAIL };
void web_set_env(const web_env *env);
const web_env *web_get_env(void);

/* ---- out.c: writing what a page or the API shows ------------------------------------------ */

void web_html(gr_buf *b, const char *s);             /* text or attribute value, escaped */
void web_html_n(gr_buf *b, const char *s, size_t n);
void web_url(gr_buf *b, const char *s);              /* one query-string value, percent-encoded */

/* Rows collected from a store query. */
typedef struct web_rows {
    int ncol;
    char **names;
    char **v;       /* n * ncol values, NULL for SQL NULL; each row's values share one block */
    char **blocks;  /* n row blocks */
    size_t n, cap;
    int oom;
    const char *seen[64]; /* column names looked up before (by address: literals) and their index */
    int seen_col[64];
} web_rows;
int web_collect(void *ctx, int ncol, const char *const *names, const char *const *vals);
const char *web_get(const web_rows *r, size_t row, const char *col); /* NULL when NULL or absent; col a literal */
void web_rows_free(web_rows *r);

/* ---- the renderers ------------------------------------------------------------------------- */

void web_pages(const web_req *rq, web_resp *rs);     /* everything that is not /api/ */
void web_api(const web_req *rq, web_resp *rs);       /* /api/... */
/* The name of indicator id (gdp -> 地区生产总值) in buf, or NULL when the library has no such indicator. */
const char *web_indicator_name(const web_req *rq, const char *id, char *buf, size_t n);
/* An SVG chart of one indicator for one region: target (a mark, a band for 左右) and result per year,
 * from gr_db_targets' rows. */
void web_chart(gr_buf *b, const web_rows *series, const char *title, const char *unit);
/* One indicator for many regions in one year: a row each, target mark (band) and result dot. */
void web_chart_regions(gr_buf *b, const web_rows *rows, const char *title, const char *unit);

/* captcha.c: a five-digit image code. A token carries its expiry, nonce and report, signed; the
 * digits follow from the nonce and the server's secret, so nothing is stored until a token is used. */
#define WEB_CAPTCHA_TOKEN_LEN 72
#define WEB_CAPTCHA_W 232
#define WEB_CAPTCHA_H 64
/* Draws the secret (and opens libcrypto for the HMAC); 0, or -1 with the reason in err. */
int web_captcha_init(char *err, size_t errlen);
/* A new token for a comment on report doc, in n >= WEB_CAPTCHA_TOKEN_LEN + 1 bytes. */
void web_captcha_token(char *token, size_t n, long long doc);
/* The PNG image for a token; 0, or -1 when the token is not one of ours. */
int web_captcha_png(const char *token, gr_buf *b, char *answer, size_t answerlen);
/* The image's grey pixels (W x H, a row after another) with or without the noise, and each digit's
 * leftmost and rightmost inked column; 0, or -1 for a token not ours. For tests of legibility. */
int web_captcha_draw(const char *token, unsigned char *pix, int noise, int ink_left[5], int ink_right[5], char answer[6]);
/* 1 when answer is right and the token fresh, issued for report doc and not used before (it is
 * used up either way). */
int web_captcha_check(const char *token, long long doc, const char *answer);

void web_error(web_resp *rs, int status, const char *title, const char *detail);

#endif
