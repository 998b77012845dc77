/* conn.c - the viewer's own listening socket and its table of connections (see conn.h).
 *
 * libmicrohttpd, left to accept on its own, keeps a connection on the worker that accepted it,
 * and one worker often took all of a client's connections (bench/web.sh ran on one core in about
 * one run of three). It bounds connections per address, but per worker and not in all, and a slow
 * client that sends a byte every few seconds keeps its connection forever. Here one thread
 * accepts, gives each connection to the daemon that has the fewest, and keeps one table of them:
 *   - at most WEB_CONN_PER_ADDRESS per client address (an IPv6 /64 is one address) and WEB_CONN_TOTAL in
 *     all; at the total, the connection that has waited longest for a request's headers is closed
 *     to make room (a slow-header attacker's, or an idle keep-alive one); when none waits, the new
 *     connection gets a 503;
 *   - a connection has WEB_CONN_HEADER_MS from its start, or from the end of its last request, to
 *     send a whole request head, however slowly its bytes come, and WEB_CONN_ANSWER_MS to take an
 *     answer.
 * A connection is closed from here with shutdown(2), never close(2): its daemon sees the end,
 * tells web_conn_notify, and closes the socket itself. The table entry goes in web_conn_notify's CLOSED,
 * which libmicrohttpd calls before it closes the socket, so a socket number this thread shuts
 * down is never one reused by another connection.
 */
#define _GNU_SOURCE
#include "conn.h"
#include "mhd.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TABLE (2 * WEB_CONN_TOTAL) /* room for connections shut down but not yet closed by their daemon */
#define FD_MAX 65536

static struct conn {
    int fd;                 /* -1: a free entry */
    int shut;               /* shut down from here, waiting for its daemon to close it */
    unsigned daemon;
    unsigned char addr[16]; /* the client: IPv4 mapped into IPv6, an IPv6 address cut to its /64 */
    _Atomic int busy;       /* its request head is in: being answered */
    _Atomic int64_t since;  /* when it started waiting for a request head, or started being answered */
} conns[TABLE];
static int16_t slot_of[FD_MAX]; /* a socket's entry + 1, 0 for none */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct MHD_Daemon **daemons;
static unsigned ndaemons, per_daemon[WEB_CONN_MAX_DAEMONS];
static int listen_fd = -1, wake[2] = {-1, -1};
static pthread_t acceptor;
static atomic_ulong evicted, refused, expired;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void client_key(const struct sockaddr *sa, unsigned char key[16])
{
    memset(key, 0, 16);
    if (sa->sa_family == AF_INET) {
        key[10] = key[11] = 0xff;
        memcpy(key + 12, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 8);
    }
}

int web_conn_listen(const struct sockaddr *sa, socklen_t len)
{
    int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); /* accept_loop polls, then accepts until none waits */
    if (fd < 0)
        return -1;
    /* SO_REUSEADDR lets a restart bind while old connections linger in TIME_WAIT; unlike
     * SO_REUSEPORT it never lets a second server listen on a port that one listens on */
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, sa, len) || listen(fd, 1024)) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Sends a short answer to a connection that is not taken and closes it. */
static void turn_away(int fd, int status)
{
    static const char busy[] = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n"
                               "Content-Type: text/plain\r\nContent-Length: 29\r\n\r\nThe server is busy; retry.\r\n\r\n";
    static const char many[] = "HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 1\r\n"
                               "Content-Type: text/plain\r\nContent-Length: 33\r\n\r\nToo many connections from you.\r\n";
    const char *m = status == 429 ? many : busy;
    size_t n = status == 429 ? sizeof many - 1 : sizeof busy - 1;
    ssize_t w = send(fd, m, n, MSG_DONTWAIT | MSG_NOSIGNAL);
    (void)w;
    close(fd);
    atomic_fetch_add(&refused, 1);
}

static void shut(struct conn *c)
{
    if (!c->shut) {
        c->shut = 1;
        shutdown(c->fd, SHUT_RDWR);
    }
}

/* Closes connections past their time. Under lock. */
static void expire(int64_t now)
{
    for (size_t i = 0; i < TABLE; i++) {
        struct conn *c = &conns[i];
        if (c->fd < 0 || c->shut)
            continue;
        int64_t waited = now - atomic_load(&c->since);
        if (waited > (atomic_load(&c->busy) ? WEB_CONN_ANSWER_MS : WEB_CONN_HEADER_MS)) {
            shut(c);
            atomic_fetch_add(&expired, 1);
        }
    }
}

/* Takes one accepted connection: an entry for it and a daemon, or it is turned away. */
static void take(int fd, const struct sockaddr *sa, socklen_t salen)
{
    if (fd >= FD_MAX) {
        turn_away(fd, 503);
        return;
    }
    unsigned char key[16];
    client_key(sa, key);
    int64_t now = now_ms();
    pthread_mutex_lock(&lock);
    size_t live = 0, same = 0, free_slot = TABLE, oldest = TABLE;
    int64_t oldest_since = INT64_MAX;
    for (size_t i = 0; i < TABLE; i++) {
        struct conn *c = &conns[i];
        if (c->fd < 0) {
            if (free_slot == TABLE)
                free_slot = i;
            continue;
        }
        if (c->shut)
            continue;
        live++;
        if (!memcmp(c->addr, key, 16))
            same++;
        int64_t s = atomic_load(&c->since);
        if (!atomic_load(&c->busy) && s < oldest_since)
            oldest_since = s, oldest = i;
    }
    int status = 0;
    if (same >= WEB_CONN_PER_ADDRESS)
        status = 429;
    else if (free_slot == TABLE)
        status = 503;
    else if (live >= WEB_CONN_TOTAL) {
        if (oldest == TABLE)
            status = 503; /* every connection is being answered: no room */
        else {
            shut(&conns[oldest]);
            atomic_fetch_add(&evicted, 1);
        }
    }
    if (status) {
        pthread_mutex_unlock(&lock);
        turn_away(fd, status);
        return;
    }
    unsigned d = 0;
    for (unsigned i = 1; i < ndaemons; i++)
        if (per_daemon[i] < per_daemon[d])
            d = i;
    struct conn *c = &conns[free_slot];
    c->fd = fd;
    c->shut = 0;
    c->daemon = d;
    memcpy(c->addr, key, 16);
    atomic_store(&c->busy, 0);
    atomic_store(&c->since, now);
    per_daemon[d]++;
    slot_of[fd] = (int16_t)(free_slot + 1);
    pthread_mutex_unlock(&lock);
    /* the daemon takes the socket, and closes it itself if it cannot (after its CLOSED notice,
     * when it had started the connection) */
    if (web_mhd.add_connection(daemons[d], fd, sa, salen) != MHD_YES) {
        pthread_mutex_lock(&lock);
        if (slot_of[fd] == (int16_t)(free_slot + 1) && c->fd == fd) {
            slot_of[fd] = 0;
            c->fd = -1;
            per_daemon[d]--;
        }
        pthread_mutex_unlock(&lock);
    }
}

static void *accept_loop(void *arg)
{
    (void)arg;
    struct pollfd p[2] = {{.fd = listen_fd, .events = POLLIN}, {.fd = wake[0], .events = POLLIN}};
    int64_t last = now_ms();
    for (;;) {
        int n = poll(p, 2, 250);
        if (n < 0 && errno != EINTR)
            break;
        if (p[1].revents)
            break;
        if (n > 0 && p[0].revents & POLLIN) {
            for (int k = 0; k < 64; k++) { /* a burst, then a look at the clock */
                struct sockaddr_storage ss;
                socklen_t sl = sizeof ss;
                int fd = accept4(listen_fd, (struct sockaddr *)&ss, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0) {
                    if (errno == EMFILE || errno == ENFILE) /* out of sockets: let closes catch up */
                        usleep(10000);
                    break;
                }
                take(fd, (struct sockaddr *)&ss, sl);
            }
        }
        int64_t now = now_ms();
        if (now - last >= 250) {
            last = now;
            pthread_mutex_lock(&lock);
            expire(now);
            pthread_mutex_unlock(&lock);
        }
    }
    return NULL;
}

int web_conn_start(int fd, struct MHD_Daemon **ds, unsigned nd)
{
    if (nd > WEB_CONN_MAX_DAEMONS || pipe2(wake, O_CLOEXEC))
        return -1;
    for (size_t i = 0; i < TABLE; i++)
        conns[i].fd = -1;
    memset(slot_of, 0, sizeof slot_of);
    memset(per_daemon, 0, sizeof per_daemon);
    listen_fd = fd;
    daemons = ds;
    ndaemons = nd;
    if (pthread_create(&acceptor, NULL, accept_loop, NULL)) {
        close(wake[0]);
        close(wake[1]);
        wake[0] = wake[1] = -1;
        return -1;
    }
    return 0;
}

void web_conn_stop(void)
{
    if (wake[1] < 0)
        return;
    ssize_t w = write(wake[1], "x", 1);
    (void)w;
    pthread_join(acceptor, NULL);
    close(wake[0]);
    close(wake[1]);
    wake[0] = wake[1] = -1;
    close(listen_fd);
    listen_fd = -1;
}

void web_conn_notify(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode code)
{
    (void)cls, (void)socket_context;
    const union MHD_ConnectionInfo *ci = web_mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!ci || ci->connect_fd < 0 || ci->connect_fd >= FD_MAX)
        return;
    int fd = ci->connect_fd;
    pthread_mutex_lock(&lock);
    int s = slot_of[fd] - 1;
    if (s >= 0 && conns[s].fd == fd) {
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            *socket_context = &conns[s];
        } else {
            per_daemon[conns[s].daemon]--;
            conns[s].fd = -1;
            slot_of[fd] = 0;
            *socket_context = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
}

static struct conn *entry(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = web_mhd.get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void web_conn_busy(struct MHD_Connection *c)
{
    struct conn *e = entry(c);
    if (e) {
        atomic_store(&e->since, now_ms());
        atomic_store(&e->busy, 1);
    }
}

void web_conn_idle(struct MHD_Connection *c)
{
    struct conn *e = entry(c);
    if (e) {
        atomic_store(&e->since, now_ms());
        atomic_store(&e->busy, 0);
    }
}

void web_conn_counts(web_conn_stats *st)
{
    pthread_mutex_lock(&lock);
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < TABLE; i++)
        if (conns[i].fd >= 0 && !conns[i].shut)
            st->open++;
    pthread_mutex_unlock(&lock);
    st->evicted = atomic_load(&evicted);
    st->refused = atomic_load(&refused);
    st->expired = atomic_load(&expired);
}
