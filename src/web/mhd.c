/* mhd.c - opening libmicrohttpd when the viewer starts (see mhd.h). */
#include "mhd.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#ifndef GR_MHD_SONAME
#error "GR_MHD_SONAME (libmicrohttpd's soname) is set by CMakeLists.txt"
#endif

struct web_mhd web_mhd;

int web_mhd_load(char *err, size_t errlen)
{
    static void *lib;
    if (lib)
        return 0;
    void *h = dlopen(GR_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "cannot load %s (%s); install libmicrohttpd (Debian: apt-get install libmicrohttpd12)",
                 GR_MHD_SONAME, dlerror());
        return -1;
    }
    /* dlsym gives a void *; POSIX guarantees it converts to a function pointer */
#define LOOK(f)                                                                                          \
    do {                                                                                                 \
        void *p = dlsym(h, "MHD_" #f);                                                                   \
        if (!p) {                                                                                        \
            snprintf(err, errlen, "%s has no MHD_%s: an older libmicrohttpd than this build's", GR_MHD_SONAME, #f); \
            dlclose(h);                                                                                  \
            return -1;                                                                                   \
        }                                                                                                \
        memcpy(&web_mhd.f, &p, sizeof p);                                                                \
    } while (0)
    LOOK(start_daemon);
    LOOK(stop_daemon);
    LOOK(create_response_from_buffer);
    LOOK(add_response_header);
    LOOK(queue_response);
    LOOK(destroy_response);
    LOOK(lookup_connection_value);
    LOOK(get_connection_values);
    LOOK(get_connection_info);
    LOOK(create_post_processor);
    LOOK(post_process);
    LOOK(destroy_post_processor);
#undef LOOK
    lib = h;
    return 0;
}
