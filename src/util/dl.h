/* dl.h - a shared library opened on first use rather than at the program's start, for the
 * libraries only some inputs or commands need (libxml2 for HTML and .docx, libzip for .docx,
 * libcrypto for the store, libmicrohttpd for `serve`): linked in the usual way, each made every
 * run load it and what it depends on (ICU, GnuTLS) before reading a byte. The caller keeps the
 * functions in a struct of pointers typed from the library's own header, so every call is checked
 * by the compiler as before. */
#ifndef GR_UTIL_DL_H
#define GR_UTIL_DL_H

#include <stddef.h>

typedef struct gr_dl_sym {
    const char *name; /* the symbol */
    size_t offset;    /* where its address goes: offsetof the pointer in the caller's struct */
} gr_dl_sym;
#define GR_DL_SYM(type, field, name) {name, offsetof(type, field)}

/* One library: what to open and where its symbols go, and the outcome of the one attempt. */
typedef struct gr_dl_lib {
    const char *soname;
    const gr_dl_sym *syms;
    size_t nsyms;
    void *into;      /* the struct the symbols' addresses are stored in */
    int tried, status;
    char why[256];
} gr_dl_lib;
#define GR_DL_LIB(soname, syms, into) {soname, syms, sizeof syms / sizeof *syms, into, 0, -1, ""}

/* Opens l's library the first time it is asked for (from any thread; later calls give the first
 * answer) and stores the address of each symbol into l->into at its offset. Returns 0, or -1 with
 * the reason (what to install) in err; on failure nothing in l->into is set. */
int gr_dl_load(gr_dl_lib *l, char *err, size_t errlen);

#endif
