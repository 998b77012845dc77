/* fuzz_http.c - libFuzzer target: a whole HTTP request to the running viewer - request line,
 * headers, body, as bytes - over loopback. The server (web_serve, with its listener, workers,
 * limits and cache) runs in a thread of this process over a database of the two bundled samples;
 * each input is sent on a new connection, whose write side is then closed, and the first answer
 * read (to its Content-Length, the close, or 300 ms of quiet). It must be an HTTP/1.x status line,
 * or nothing (a request the server drops or has not answered within 250 ms); a crash or sanitizer
 * report anywhere in the server is a finding, and so is a server that stops taking connections.
 * The server sees the write side's close at once (it polls, see server.c), so an input cut short
 * costs no wait: the campaign is bound by CPU, about 900 inputs a second on 2 cores.
 */
#define _GNU_SOURCE /* mkstemp */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "web/web.h"
#include "sample_db.h"

static int port;
static char db_path[64], listen_at[32];

static void *serve(void *arg)
{
    static web_opts o;
    o.db_path = db_path, o.listen = listen_at, o.threads = 2, o.test_captcha = 1, o.quiet = 1;
    (void)arg;
    web_serve(&o);
    return NULL;
}

static int connect_local(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    /* closed with a reset, not into TIME_WAIT: thousands of connections a second would use up
     * the loopback's ephemeral ports within a minute (the harness's fault, not the server's) */
    struct linger lg = {1, 0};
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
        close(fd);
        fd = -1;
    }
    return fd;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_sample_db(db_path, "http", 2);
    /* a free port: bound and let go, then the server binds it */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof sa;
    if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof sa) || getsockname(s, (struct sockaddr *)&sa, &sl))
        abort();
    port = ntohs(sa.sin_port);
    close(s);
    snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
    pthread_t t;
    if (pthread_create(&t, NULL, serve, NULL))
        abort();
    for (int i = 0; i < 200; i++) { /* until it answers */
        int c = connect_local();
        if (c >= 0) {
            close(c);
            return 0;
        }
        usleep(20000);
    }
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    int fd = connect_local();
    for (int tries = 0; fd < 0 && tries < 50; tries++) { /* a moment's backlog: try again for 5 s */
        usleep(100000);
        fd = connect_local();
    }
    if (fd < 0)
        abort(); /* the server stopped taking connections */
    for (size_t at = 0; at < size;) {
        ssize_t w = send(fd, data + at, size - at, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* closed by the server mid-request (a 413, say) */
        at += (size_t)w;
    }
    shutdown(fd, SHUT_WR);
    static char head[16384]; /* the answer's head, to find where its body ends */
    size_t got = 0, body_at = 0, need = (size_t)-1;
    for (;;) {
        /* the answer, or the close, within 250 ms; then 300 ms of quiet end the read. A request cut
         * short is closed by the server as soon as it reads the end; a complete one is answered,
         * and the read stops at the answer's Content-Length */
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, got ? 300 : 250) <= 0)
            break;
        char buf[4096];
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r <= 0)
            break;
        if (got < sizeof head - 1) {
            size_t k = (size_t)r < sizeof head - 1 - got ? (size_t)r : sizeof head - 1 - got;
            memcpy(head + got, buf, k);
            head[got + k] = 0;
        }
        got += (size_t)r;
        if (!body_at) {
            char *end = strstr(head, "\r\n\r\n");
            if (end) {
                body_at = (size_t)(end - head) + 4;
                char *cl = strcasestr(head, "\r\nContent-Length:");
                if (cl && cl < end)
                    need = body_at + strtoull(cl + 17, NULL, 10);
            }
        }
        if (body_at && got >= need)
            break; /* the first answer is in */
    }
    close(fd);
    if (got && (got < 12 || memcmp(head, "HTTP/1.", 7) || head[8] != ' ' || head[9] < '1' || head[9] > '5'))
        abort(); /* an answer that is not HTTP */
    return 0;
}
