/* mhd.h - libmicrohttpd, opened when the viewer starts rather than when the program does. Linked
 * in the usual way it made every command load GnuTLS and eight more shared libraries before
 * reading a byte (about 7 ms of a 20 ms start, README "Speed"); only `serve` uses it. The
 * functions the viewer calls are looked up once by web_mhd_load and called through web_mhd,
 * with the types of <microhttpd.h>, so the compiler checks every call as before. */
#ifndef GR_WEB_MHD_H
#define GR_WEB_MHD_H

#include <stddef.h>
#include <sys/socket.h>
#include <microhttpd.h>

struct web_mhd {
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_destroy_response) *destroy_response;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_get_connection_values) *get_connection_values;
    __typeof__(MHD_get_connection_info) *get_connection_info;
    __typeof__(MHD_create_post_processor) *create_post_processor;
    __typeof__(MHD_post_process) *post_process;
    __typeof__(MHD_destroy_post_processor) *destroy_post_processor;
    __typeof__(MHD_add_connection) *add_connection;
};
extern struct web_mhd web_mhd;

/* Opens the library (GR_MHD_SONAME, set by the build from the library it found) and looks up
 * every function; 0, or -1 with the reason in err. Called again, it gives the first answer. */
int web_mhd_load(char *err, size_t errlen);

#endif
