/* dl.c - opening a shared library on first use (see dl.h). */
#include "dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int gr_dl_open(const char *soname, const gr_dl_sym *syms, size_t n, void *base, char *err, size_t errlen)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "cannot load %s (%s): install the library's runtime package", soname, dlerror());
        return -1;
    }
    void *at[64];
    if (n > sizeof at / sizeof *at) {
        snprintf(err, errlen, "%s: too many symbols asked for", soname);
        dlclose(h);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (!(at[i] = dlsym(h, syms[i].name))) {
            snprintf(err, errlen, "%s has no %s: an older version than this program was built with", soname,
                     syms[i].name);
            dlclose(h);
            return -1;
        }
    /* the library stays open for the life of the process: its functions are in use until exit */
    for (size_t i = 0; i < n; i++) /* POSIX: a dlsym address converts to a function pointer */
        memcpy((char *)base + syms[i].offset, &at[i], sizeof at[i]);
    return 0;
}
