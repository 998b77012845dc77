/* dl.h - a shared library opened on first use rather than at the program's start, for the
 * libraries only some inputs or commands need (libxml2 for HTML and .docx, libmicrohttpd for
 * `serve`): linked in the usual way, each made every run load it and what it depends on (ICU,
 * GnuTLS) before reading a byte. The caller keeps the functions in a struct of pointers typed
 * from the library's own header, so every call is checked by the compiler as before. */
#ifndef GR_UTIL_DL_H
#define GR_UTIL_DL_H

#include <stddef.h>

typedef struct gr_dl_sym {
    const char *name; /* the symbol */
    size_t offset;    /* where its address goes: offsetof the pointer in the caller's struct */
} gr_dl_sym;
#define GR_DL_SYM(type, field, name) {name, offsetof(type, field)}

/* Opens soname and stores the address of each of syms[0..n) into base at its offset. Returns 0,
 * or -1 with the reason (what to install) in err; on failure nothing in base is set. */
int gr_dl_open(const char *soname, const gr_dl_sym *syms, size_t n, void *base, char *err, size_t errlen);

#endif
