/* conn.h - the viewer's listening socket and its bounds on connections: one thread accepts and
 * hands each connection to the libmicrohttpd daemon that has the fewest; the table of them bounds
 * connections per address and in all and closes slow ones (conn.c says how). */
#ifndef GR_WEB_CONN_H
#define GR_WEB_CONN_H

#include <sys/socket.h>
#include <microhttpd.h>

#define WEB_CONN_TOTAL 512          /* connections open at once, from all clients */
#define WEB_CONN_PER_ADDRESS 16     /* from one address (an IPv6 /64 is one) */
#define WEB_CONN_HEADER_MS 10000    /* to send a request head, from the start or the last answer */
#define WEB_CONN_ANSWER_MS 60000    /* to send a form body and take the answer */
#define WEB_CONN_MAX_DAEMONS 64

/* A socket bound and listening on sa (SO_REUSEADDR, never SO_REUSEPORT: a port another server
 * listens on is refused), or -1 with errno. */
int web_conn_listen(const struct sockaddr *sa, socklen_t len);

/* Starts the thread that accepts on fd and hands connections to the nd daemons (started with
 * MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC and web_conn_notify as MHD_OPTION_NOTIFY_CONNECTION);
 * 0, or -1. */
int web_conn_start(int fd, struct MHD_Daemon **daemons, unsigned nd);

/* Stops accepting and closes the listening socket; the daemons are the caller's to stop after. */
void web_conn_stop(void);

/* libmicrohttpd's notice of a connection started or closed. */
void web_conn_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                     enum MHD_ConnectionNotificationCode code);

/* A request's head is in (the access handler's first call) / its answer is done (the request's
 * completion notice): the clock of web_conn's time limits starts again. */
void web_conn_busy(struct MHD_Connection *c);
void web_conn_idle(struct MHD_Connection *c);

typedef struct web_conn_stats {
    unsigned long open, evicted, refused, expired;
} web_conn_stats;

/* Connections open now, and since the start: closed to make room, turned away, past their time. */
void web_conn_counts(web_conn_stats *st);

#endif
