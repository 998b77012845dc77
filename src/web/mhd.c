/* mhd.c - opening libmicrohttpd when the viewer starts (see mhd.h). */
#include "mhd.h"

#include "../util/dl.h"

#ifndef GR_MHD_SONAME
#error "GR_MHD_SONAME (libmicrohttpd's soname) is set by CMakeLists.txt"
#endif

struct web_mhd web_mhd;

#define SYM(f) GR_DL_SYM(struct web_mhd, f, "MHD_" #f)
static const gr_dl_sym syms[] = {
    SYM(start_daemon), SYM(stop_daemon), SYM(create_response_from_buffer), SYM(add_response_header),
    SYM(queue_response), SYM(destroy_response), SYM(lookup_connection_value), SYM(get_connection_values),
    SYM(get_connection_info), SYM(create_post_processor), SYM(post_process), SYM(destroy_post_processor)};

int web_mhd_load(char *err, size_t errlen)
{
    static int loaded;
    if (loaded)
        return 0;
    if (gr_dl_open(GR_MHD_SONAME, syms, sizeof syms / sizeof *syms, &web_mhd, err, errlen))
        return -1;
    loaded = 1;
    return 0;
}
