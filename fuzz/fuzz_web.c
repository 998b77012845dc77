/* libFuzzer target for the viewer's request handling: web_handle() with a fuzzed method, path,
 * query arguments and form fields, over a small database made at start from the bundled sample.
 * Input: line 1 the path (a leading '/' is added), line 2 the query (k=v&k=v), the rest form
 * fields (name=value, one a line); the first byte's low bits choose GET, HEAD or POST. */
#define _GNU_SOURCE /* mkstemp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/web.h"
#include "sample_db.h"

static gr_db *db;

static int no_comment(long long doc, long long fact, const char *name, const char *body, char *err, size_t n)
{
    (void)doc, (void)fact, (void)name, (void)body, (void)err, (void)n;
    return 0;
}
static int always(const char *client, int what, int record)
{
    (void)client, (void)what, (void)record;
    return 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char path[64];
    fuzz_sample_db(path, "web", 1);
    if (gr_db_open(path, 1, &db))
        abort();
    char why[256];
    if (web_captcha_init(why, sizeof why))
        abort();
    static web_env env = {no_comment, always, 0, 0};
    web_set_env(&env);
    return 0;
}

struct args {
    char *q;
};

static const char *arg(void *ctx, const char *name)
{
    struct args *a = ctx;
    size_t k = strlen(name);
    for (char *p = a->q; p && *p;) {
        char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        if (len > k && !strncmp(p, name, k) && p[k] == '=') {
            static char v[512];
            snprintf(v, sizeof v, "%.*s", (int)(len - k - 1), p + k + 1);
            return v;
        }
        p = amp ? amp + 1 : NULL;
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 2);
    if (!s)
        return 0;
    s[0] = '/';
    memcpy(s + 1, data, size);
    s[size + 1] = 0;
    const char *method = size && (data[0] & 3) == 1 ? "POST" : size && (data[0] & 3) == 2 ? "HEAD" : "GET";
    char *nl = strchr(s, '\n'), *query = NULL, *fields = NULL;
    if (nl) {
        *nl = 0;
        query = nl + 1;
        if ((nl = strchr(query, '\n'))) {
            *nl = 0;
            fields = nl + 1;
        }
    }
    web_form form;
    memset(&form, 0, sizeof form);
    for (char *line = fields; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = 0;
        char *eq = strchr(line, '=');
        if (eq) {
            *eq = 0;
            char *dst = !strcmp(line, "fact") ? form.fact : !strcmp(line, "name") ? form.name
                      : !strcmp(line, "body") ? form.body : !strcmp(line, "token") ? form.token
                      : !strcmp(line, "answer") ? form.answer : NULL;
            size_t cap = dst == form.fact ? sizeof form.fact : dst == form.name ? sizeof form.name
                       : dst == form.body ? sizeof form.body : dst == form.token ? sizeof form.token : sizeof form.answer;
            if (dst)
                snprintf(dst, cap, "%s", eq + 1);
        }
        line = end ? end + 1 : NULL;
    }
    struct args a = {query};
    web_req rq = {.method = method, .path = s, .arg = arg, .arg_ctx = &a, .form = fields ? &form : NULL,
                  .client = "127.0.0.1", .host = "localhost", .db = db};
    web_resp rs;
    memset(&rs, 0, sizeof rs);
    web_handle(&rq, &rs);
    if (rs.status < 100 || rs.status > 599)
        abort();
    gr_buf_free(&rs.body);
    free(s);
    return 0;
}
