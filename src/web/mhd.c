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
    SYM(get_connection_info), SYM(create_post_processor), SYM(post_process), SYM(destroy_post_processor),
    SYM(add_connection)};

static gr_dl_lib lib = GR_DL_LIB(GR_MHD_SONAME, syms, &web_mhd);

int web_mhd_load(char *err, size_t errlen) { return gr_dl_load(&lib, err, errlen); }
