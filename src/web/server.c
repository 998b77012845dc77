/* server.c - `govreport serve`: HTTP over libmicrohttpd (a pool of worker threads, each polling its connections).
 *
 * What it guards, and how:
 *   - request size: headers and URL fit in 16 KiB of connection memory (libmicrohttpd answers
 *     431/414 beyond it), a form body in 16 KiB (413), only GET, HEAD and POST (405);
 *   - connections: conn.c accepts them, spreads them over the workers and bounds them (16 per
 *     address, 512 in all, 10 s to send a request head however slowly; at the total the one that
 *     has waited longest for a head makes room), so slow clients cannot hold the server;
 *   - abuse of the comment form: per-address limits (5 comments and 10 wrong codes per 10 minutes,
 *     429 beyond), the captcha (captcha.c);
 *   - what a page can do: every response carries a Content-Security-Policy without scripts, nosniff,
 *     no framing; nothing is ever read from the file system: the pages come from the database and
 *     the CSS is compiled in, so no URL can reach a file.
 * Each worker thread has its own read-only SQLite connection; comments go through one writing
 * connection under a lock. Cacheable answers (every page but forms, search and downloads) are
 * kept for 5 s and reused, with ETags for conditional requests; storing a comment drops them.
 */
#define _GNU_SOURCE
#include "web.h"
#include "conn.h"
#include "mhd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BODY_LIMIT (48 * 1024) /* 2,000 characters of four bytes, percent-encoded, and the rest of the form */
#define CACHE_SLOTS 1024
#define CACHE_TTL 5
/* what the answers kept may hold in all, and the largest one kept: 1,024 answers of a large report
 * page each (a query string of its own) took the server to 3.8 GB before there was a cap */
#define CACHE_MAX_BYTES ((size_t)32 << 20)
#define CACHE_ENTRY_MAX ((size_t)2 << 20)
#define RATE_SLOTS 4096
#define RATE_WINDOW 600

static const web_env *the_env;
void web_set_env(const web_env *e) { the_env = e; }
const web_env *web_get_env(void) { return the_env; }

static const web_opts *opts;

/* ---- database connections ---------------------------------------------------------------- */

static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static gr_db *dbs[256];
static size_t ndbs;
static _Thread_local gr_db *thread_db;

static gr_db *reader(void)
{
    if (thread_db)
        return thread_db;
    gr_db *db = NULL;
    if (gr_db_open(opts->db_path, 1, &db) != GR_OK) {
        fprintf(stderr, "govreport serve: %s\n", db ? gr_db_error(db) : "out of memory");
        gr_db_close(db);
        return NULL;
    }
    pthread_mutex_lock(&dbs_lock);
    if (ndbs < sizeof dbs / sizeof *dbs)
        dbs[ndbs++] = db;
    pthread_mutex_unlock(&dbs_lock);
    return thread_db = db;
}

static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static gr_db *writer;
static atomic_uint generation; /* bumped by every write: cached answers from before are stale */

static int add_comment(long long doc, long long fact, const char *name, const char *body, char *err, size_t errlen)
{
    if (!writer) {
        snprintf(err, errlen, "this library is read-only: it takes no comments");
        return -1;
    }
    pthread_mutex_lock(&writer_lock);
    gr_status st = gr_db_add_comment(writer, doc, fact, name, body, NULL);
    if (st)
        snprintf(err, errlen, "%s", gr_db_error(writer));
    pthread_mutex_unlock(&writer_lock);
    atomic_fetch_add(&generation, 1);
    return st ? -1 : 0;
}

/* ---- rate limits ------------------------------------------------------------------------- */

static pthread_mutex_t rate_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rate {
    char client[48];
    time_t since;
    int count[2];
} rates[RATE_SLOTS];

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int allow(const char *client, int what, int record)
{
    static const int limit[2] = {5, 10}; /* comments, wrong codes, per address and window */
    pthread_mutex_lock(&rate_lock);
    /* the address's own slot: its own, or the first free or expired one of 64 from its hash. A
     * colliding address never takes over another's counts (two addresses that did posted 15,000
     * comments in 26 s); when all 64 are in use by others, the address is refused, not let through */
    time_t now = time(NULL);
    size_t h = fnv(client, strlen(client)) % RATE_SLOTS;
    struct rate *r = NULL, *spare = NULL;
    for (size_t probe = 0; probe < 64 && !r; probe++) {
        struct rate *c = &rates[(h + probe) % RATE_SLOTS];
        if (!strcmp(c->client, client))
            r = c;
        else if (!spare && (!c->client[0] || now - c->since > RATE_WINDOW))
            spare = c;
    }
    if (!r && !spare) {
        pthread_mutex_unlock(&rate_lock);
        return 0;
    }
    if (!r) {
        r = spare;
        snprintf(r->client, sizeof r->client, "%s", client);
        r->since = now;
        r->count[0] = r->count[1] = 0;
    } else if (now - r->since > RATE_WINDOW) { /* a new window */
        r->since = now;
        r->count[0] = r->count[1] = 0;
    }
    if (record)
        r->count[what]++;
    /* recording: this event is allowed while the count stays within the limit; asking: one more is */
    int ok = record ? r->count[what] <= limit[what] : r->count[what] < limit[what];
    pthread_mutex_unlock(&rate_lock);
    return ok;
}

/* ---- the answer cache -------------------------------------------------------------------- */

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry {
    char *key;
    struct MHD_Response *resp;
    int status;
    time_t at;
    unsigned gen;
    char etag[80];
    size_t bytes; /* the body and the key */
} cache[CACHE_SLOTS];
static size_t cache_bytes; /* the sum of the entries' bytes, under cache_lock */

static void add_headers(struct MHD_Response *r, const web_resp *rs)
{
    web_mhd.add_response_header(r, "Content-Type", rs->type ? rs->type : "text/plain; charset=utf-8");
    web_mhd.add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                            "base-uri 'none'; frame-ancestors 'none'");
    web_mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
    web_mhd.add_response_header(r, "X-Frame-Options", "DENY");
    web_mhd.add_response_header(r, "Referrer-Policy", "same-origin");
    char cc[64];
    if (rs->cache_seconds > 0 && rs->status == 200)
        snprintf(cc, sizeof cc, "public, max-age=%d", rs->cache_seconds);
    else
        snprintf(cc, sizeof cc, "no-store");
    web_mhd.add_response_header(r, "Cache-Control", cc);
    if (rs->etag[0])
        web_mhd.add_response_header(r, "ETag", rs->etag);
    if (rs->location[0])
        web_mhd.add_response_header(r, "Location", rs->location);
    if (rs->disposition[0])
        web_mhd.add_response_header(r, "Content-Disposition", rs->disposition);
    if (rs->test_answer[0])
        web_mhd.add_response_header(r, "X-Test-Captcha-Answer", rs->test_answer);
    if (rs->status == 405)
        web_mhd.add_response_header(r, "Allow", "GET, HEAD, POST");
}

static int etag_matches(struct MHD_Connection *c, const char *etag)
{
    const char *inm = web_mhd.lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    return etag[0] && inm && strstr(inm, etag);
}

static enum MHD_Result not_modified(struct MHD_Connection *c, const char *etag)
{
    struct MHD_Response *r = web_mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    web_mhd.add_response_header(r, "ETag", etag);
    enum MHD_Result ret = web_mhd.queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
    web_mhd.destroy_response(r);
    return ret;
}

/* Queues the cached answer for key if there is a fresh one; 1 when it did. */
static int from_cache(struct MHD_Connection *c, const char *key, enum MHD_Result *ret)
{
    size_t slot = fnv(key, strlen(key)) % CACHE_SLOTS;
    int hit = 0;
    pthread_mutex_lock(&cache_lock);
    struct entry *e = &cache[slot];
    if (e->key && !strcmp(e->key, key) && time(NULL) - e->at <= CACHE_TTL && e->gen == atomic_load(&generation)) {
        hit = 1;
        if (etag_matches(c, e->etag)) {
            char etag[80];
            memcpy(etag, e->etag, sizeof etag);
            pthread_mutex_unlock(&cache_lock);
            *ret = not_modified(c, etag);
            return 1;
        }
        *ret = web_mhd.queue_response(c, (unsigned)e->status, e->resp); /* the response is shared, counted */
    }
    pthread_mutex_unlock(&cache_lock);
    return hit;
}

static void to_cache(const char *key, struct MHD_Response *r, int status, const char *etag, unsigned gen, size_t len)
{
    size_t slot = fnv(key, strlen(key)) % CACHE_SLOTS, bytes = len + strlen(key) + 1;
    char *k = bytes <= CACHE_ENTRY_MAX ? strdup(key) : NULL;
    if (!k) {
        web_mhd.destroy_response(r);
        return;
    }
    pthread_mutex_lock(&cache_lock);
    struct entry *e = &cache[slot];
    if (e->resp)
        web_mhd.destroy_response(e->resp);
    free(e->key);
    cache_bytes -= e->bytes;
    memset(e, 0, sizeof *e);
    if (cache_bytes + bytes > CACHE_MAX_BYTES) { /* full: this answer is not kept (the slot's old one went) */
        pthread_mutex_unlock(&cache_lock);
        web_mhd.destroy_response(r);
        free(k);
        return;
    }
    e->key = k;
    e->resp = r;
    e->status = status;
    e->at = time(NULL);
    e->gen = gen;
    e->bytes = bytes;
    cache_bytes += bytes;
    snprintf(e->etag, sizeof e->etag, "%s", etag);
    pthread_mutex_unlock(&cache_lock);
}

/* ---- requests ---------------------------------------------------------------------------- */

struct request {
    struct MHD_PostProcessor *pp;
    web_form form;
    size_t body;
    int too_large;
};

static enum MHD_Result field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                             const char *content_type, const char *encoding, const char *data, uint64_t off,
                             size_t size)
{
    (void)kind, (void)filename, (void)content_type, (void)encoding;
    web_form *f = cls;
    char *dst = NULL;
    size_t cap = 0;
    if (!strcmp(key, "fact"))
        dst = f->fact, cap = sizeof f->fact;
    else if (!strcmp(key, "name"))
        dst = f->name, cap = sizeof f->name;
    else if (!strcmp(key, "body"))
        dst = f->body, cap = sizeof f->body;
    else if (!strcmp(key, "token"))
        dst = f->token, cap = sizeof f->token;
    else if (!strcmp(key, "answer"))
        dst = f->answer, cap = sizeof f->answer;
    if (!dst)
        return MHD_YES; /* fields the form does not have are ignored */
    size_t have = strlen(dst), room = have < cap - 1 ? cap - 1 - have : 0;
    if (off != have) /* the field a second time: not the form this server sends */
        f->too_long = 1;
    if (size > room) { /* longer than the field holds: cut, and say so */
        f->too_long = 1;
        size = room;
    }
    memcpy(dst + have, data, size);
    dst[have + size] = 0;
    return MHD_YES;
}

static const char *get_arg(void *ctx, const char *name)
{
    return web_mhd.lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result add_key(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    gr_buf *b = cls;
    gr_buf_addc(b, b->len ? '&' : '?');
    gr_buf_adds(b, key);
    gr_buf_addc(b, '=');
    gr_buf_adds(b, value ? value : "");
    return MHD_YES;
}

static enum MHD_Result answer(struct MHD_Connection *c, web_resp *rs, const char *key, unsigned gen)
{
    if (!rs->etag[0] && rs->cacheable && rs->status == 200) /* a weak tag from the body itself */
        snprintf(rs->etag, sizeof rs->etag, "W/\"%016llx\"", (unsigned long long)fnv(rs->body.p ? rs->body.p : "", rs->body.len));
    if (rs->etag[0] && rs->status == 200 && etag_matches(c, rs->etag))
        return not_modified(c, rs->etag);
    struct MHD_Response *r = web_mhd.create_response_from_buffer(rs->body.len, rs->body.p ? rs->body.p : (void *)"",
                                                              MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    add_headers(r, rs);
    enum MHD_Result ret = web_mhd.queue_response(c, (unsigned)rs->status, r);
    if (key && rs->cacheable && rs->status == 200)
        to_cache(key, r, rs->status, rs->etag, gen, rs->body.len);
    else
        web_mhd.destroy_response(r);
    return ret;
}

/* A form posted from another site's page (its Origin, which browsers send with every POST, names
 * another host) is refused; a client that sends no Origin (curl, a script) is judged by the rest. */
static int same_origin(struct MHD_Connection *c)
{
    const char *origin = web_mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *host = web_mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!origin)
        return 1;
    const char *o = !strncmp(origin, "http://", 7) ? origin + 7 : !strncmp(origin, "https://", 8) ? origin + 8 : NULL;
    return o && host && !strcmp(o, host);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)cls, (void)version;
    int post = !strcmp(method, "POST");
    if (!*state) { /* the first call: the headers are in */
        web_conn_busy(c);
        struct request *rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        *state = rq;
        if (post) {
            rq->pp = web_mhd.create_post_processor(c, 4096, field, &rq->form);
            if (!rq->pp) { /* not a form body */
                web_resp rs = {0};
                web_error(&rs, 415, "Unsupported form", "Post the comment form (application/x-www-form-urlencoded).");
                enum MHD_Result ret = answer(c, &rs, NULL, 0);
                gr_buf_free(&rs.body);
                return ret;
            }
        }
        return MHD_YES;
    }
    struct request *rq = *state;
    if (*upload_size) { /* a piece of the body: read (a form) or counted and dropped (any other method) */
        rq->body += *upload_size;
        if (rq->body > BODY_LIMIT)
            rq->too_large = 1;
        else if (post && rq->pp)
            web_mhd.post_process(rq->pp, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    web_resp rs = {0};
    if (strcmp(method, "GET") && strcmp(method, "HEAD") && !post) {
        web_error(&rs, 405, "Method not allowed", "This server answers GET, HEAD and POST.");
    } else if (rq->too_large) {
        web_error(&rs, 413, "Too large", "A comment form is 48 KiB at most.");
    } else if (post && !rq->pp) {
        web_error(&rs, 415, "Unsupported form", "Post the comment form.");
    } else if (post && !same_origin(c)) {
        web_error(&rs, 403, "Cross-site form", "Comments are posted from this site's own form.");
    }
    if (rs.status) {
        enum MHD_Result ret = answer(c, &rs, NULL, 0);
        gr_buf_free(&rs.body);
        return ret;
    }
    /* the cache key: the path and its arguments */
    gr_buf key = {0};
    gr_buf_adds(&key, url);
    gr_buf q = {0};
    web_mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_key, &q);
    if (q.len)
        gr_buf_add(&key, q.p, q.len);
    gr_buf_free(&q);
    /* and the Host it was asked of: the site map names it, so an answer for a forged Host is never
     * served to another (the byte cap bounds what forged ones can take) */
    const char *host = web_mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    gr_buf_addc(&key, '\n');
    gr_buf_adds(&key, host ? host : "");
    unsigned gen = atomic_load(&generation);
    enum MHD_Result ret;
    if (!post && key.p && from_cache(c, key.p, &ret)) {
        gr_buf_free(&key);
        return ret;
    }
    gr_db *db = reader();
    if (!db) {
        web_error(&rs, 503, "Unavailable", "The database cannot be opened.");
    } else {
        const union MHD_ConnectionInfo *ci = web_mhd.get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        char client[48] = "unknown";
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, client, sizeof client);
            else if (sa->sa_family == AF_INET6) { /* a /64 is one client: one host has all of it to rotate through */
                struct in6_addr a = ((const struct sockaddr_in6 *)sa)->sin6_addr;
                memset(a.s6_addr + 8, 0, 8);
                inet_ntop(AF_INET6, &a, client, sizeof client);
            }
        }
        web_req wr = {.method = method, .path = url, .arg = get_arg, .arg_ctx = c, .form = post ? &rq->form : NULL,
                      .client = client, .host = web_mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Host"), .db = db};
        /* a page's queries read one snapshot (a comment's POST writes through the writer) */
        int snap = !post && gr_db_read_begin(db) == GR_OK;
        web_handle(&wr, &rs);
        if (snap)
            gr_db_read_end(db);
    }
    ret = answer(c, &rs, post ? NULL : key.p, gen);
    gr_buf_free(&rs.body);
    gr_buf_free(&key);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **state, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)toe;
    web_conn_idle(c);
    struct request *rq = *state;
    if (!rq)
        return;
    if (rq->pp)
        web_mhd.destroy_post_processor(rq->pp);
    free(rq);
    *state = NULL;
}

void web_handle(const web_req *rq, web_resp *rs)
{
    if (!strncmp(rq->path, "/api/", 5))
        web_api(rq, rs);
    else
        web_pages(rq, rs);
    if (!rs->status)
        rs->status = 200;
    if (rs->body.oom) {
        gr_buf_free(&rs->body);
        memset(&rs->body, 0, sizeof rs->body);
        rs->status = 500;
        rs->type = "text/plain; charset=utf-8";
        rs->cacheable = 0;
        gr_buf_adds(&rs->body, "out of memory\n");
    }
}

/* ---- the daemon ------------------------------------------------------------------------- */

/* libmicrohttpd's messages, at most one per ten seconds: a flood (connections refused over the
 * limits) must not become a flood on stderr. */
static void log_message(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    static atomic_long last;
    long now = (long)time(NULL), prev = atomic_load(&last);
    if (now - prev < 10 || !atomic_compare_exchange_strong(&last, &prev, now))
        return;
    fputs("govreport serve: ", stderr);
    vfprintf(stderr, fmt, ap);
    if (!strchr(fmt, '\n'))
        fputc('\n', stderr);
}

static int parse_listen(const char *s, struct sockaddr_in *sa)
{
    const char *colon = strrchr(s, ':');
    if (!colon)
        return -1;
    char host[64];
    size_t hl = (size_t)(colon - s);
    if (hl >= sizeof host)
        return -1;
    memcpy(host, s, hl);
    host[hl] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 1 || port > 65535)
        return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (!hl || !strcmp(host, "localhost"))
        snprintf(host, sizeof host, "127.0.0.1");
    return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int web_serve(const web_opts *o)
{
    opts = o;
    struct sockaddr_in sa;
    if (parse_listen(o->listen, &sa)) {
        fprintf(stderr, "govreport serve: --listen %s: give HOST:PORT with an IPv4 address (127.0.0.1:8080)\n", o->listen);
        return 2;
    }
    char why[512];
    if (web_mhd_load(why, sizeof why)) {
        fprintf(stderr, "govreport serve: %s\n", why);
        return 1;
    }
    /* a database that is not there is a typo, unless an empty library is asked for */
    if (!o->create && access(o->db_path, F_OK)) {
        fprintf(stderr, "govreport serve: %s: no such database (make one with 'govreport ingest --db %s FILE...', "
                        "or give --create to serve an empty library)\n", o->db_path, o->db_path);
        return 1;
    }
    /* the writer opens first: it creates or migrates the schema the readers expect */
    gr_db_threads_init();
    gr_status wst = gr_db_open(o->db_path, 0, &writer);
    if (wst == GR_ESTORE && access(o->db_path, W_OK)) {
        /* a database this user may read but not write (another's, or on read-only media): served
         * as it is, without comments */
        if (!o->quiet)
            fprintf(stderr, "govreport serve: %s: read-only for this user: serving it without comments\n", o->db_path);
        gr_db_close(writer);
        writer = NULL;
    } else if (wst != GR_OK) {
        fprintf(stderr, "govreport serve: %s\n", writer ? gr_db_error(writer) : "out of memory");
        gr_db_close(writer);
        return 1;
    }
    if (web_captcha_init(why, sizeof why)) {
        fprintf(stderr, "govreport serve: %s\n", why);
        gr_db_close(writer);
        return 1;
    }
    static web_env env;
    env.add_comment = add_comment;
    env.allow = allow;
    env.test_captcha = o->test_captcha;
    env.read_only = !writer;
    web_set_env(&env);
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* the workers inherit the mask; this thread waits */
    signal(SIGPIPE, SIG_IGN);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    /* two per core: a connection stays with its worker for its life, and conn.c gives each new one
     * to the worker with the fewest; with two per core a core still has work while one of its
     * workers has only idle keep-alive connections */
    unsigned threads = o->threads > 0 ? (unsigned)o->threads : cores > 0 && cores <= 32 ? 2 * (unsigned)cores : cores > 32 ? 64 : 4;
    /* a socket per connection, up to twice the total while shut ones close, and the databases' files */
    struct rlimit rl;
    if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max < 65536 ? rl.rlim_max : 65536;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    int lfd = web_conn_listen((struct sockaddr *)&sa, sizeof sa);
    if (lfd < 0) {
        fprintf(stderr, "govreport serve: cannot listen on %s: %s%s\n", o->listen, strerror(errno),
                errno == EADDRINUSE ? " (another server has the port: stop it, or give another --listen port)" : "");
        gr_db_close(writer);
        return 1;
    }
    /* one daemon and thread per worker; web_conn accepts and gives each connection to one of them */
    static struct MHD_Daemon *daemons[WEB_CONN_MAX_DAEMONS];
    if (threads > WEB_CONN_MAX_DAEMONS)
        threads = WEB_CONN_MAX_DAEMONS;
    unsigned nd = 0;
    for (; nd < threads; nd++) {
        /* poll, not epoll: on epoll libmicrohttpd 0.9.75 misses a client's close of the write side
         * after a part of a request and holds the connection to its 10 s idle limit */
        daemons[nd] = web_mhd.start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC,
            0, NULL, NULL, handle, NULL, MHD_OPTION_EXTERNAL_LOGGER, log_message, NULL,
            MHD_OPTION_CONNECTION_LIMIT, (unsigned)(2 * WEB_CONN_TOTAL), MHD_OPTION_CONNECTION_TIMEOUT, 10u,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384, MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
            MHD_OPTION_NOTIFY_CONNECTION, web_conn_notify, NULL, MHD_OPTION_END);
        if (!daemons[nd])
            break;
    }
    if (nd < threads || web_conn_start(lfd, daemons, nd)) {
        fprintf(stderr, "govreport serve: cannot start %u worker threads\n", threads);
        while (nd)
            web_mhd.stop_daemon(daemons[--nd]);
        close(lfd);
        gr_db_close(writer);
        return 1;
    }
    if (!o->quiet)
        fprintf(stderr, "govreport: serving %s at http://%s/ with %u threads (Ctrl-C stops)\n", o->db_path, o->listen,
                threads);
    int sig;
    sigwait(&sigs, &sig);
    web_conn_stop();
    web_conn_stats cs;
    web_conn_counts(&cs);
    for (unsigned i = 0; i < nd; i++)
        web_mhd.stop_daemon(daemons[i]);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (cache[i].resp)
            web_mhd.destroy_response(cache[i].resp);
        free(cache[i].key);
    }
    memset(cache, 0, sizeof cache);
    cache_bytes = 0;
    for (size_t i = 0; i < ndbs; i++)
        gr_db_close(dbs[i]);
    ndbs = 0;
    gr_db_close(writer);
    writer = NULL;
    if (!o->quiet)
        fprintf(stderr, "govreport: stopped (connections turned away %lu, closed to make room %lu, closed past their time %lu)\n",
                cs.refused, cs.evicted, cs.expired);
    return 0;
}
