/* dl.c - opening a shared library on first use (see dl.h). */
#include "dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int open_lib(gr_dl_lib *l)
{
    void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(l->why, sizeof l->why, "cannot load %s (%s): install the library's runtime package", l->soname,
                 dlerror());
        return -1;
    }
    void *at[64];
    if (l->nsyms > sizeof at / sizeof *at) {
        snprintf(l->why, sizeof l->why, "%s: too many symbols asked for", l->soname);
        dlclose(h);
        return -1;
    }
    for (size_t i = 0; i < l->nsyms; i++)
        if (!(at[i] = dlsym(h, l->syms[i].name))) {
            snprintf(l->why, sizeof l->why, "%s has no %s: an older version than this program was built with",
                     l->soname, l->syms[i].name);
            dlclose(h);
            return -1;
        }
    /* the library stays open for the life of the process: its functions are in use until exit */
    for (size_t i = 0; i < l->nsyms; i++) /* POSIX: a dlsym address converts to a function pointer */
        memcpy((char *)l->into + l->syms[i].offset, &at[i], sizeof at[i]);
    return 0;
}

int gr_dl_load(gr_dl_lib *l, char *err, size_t errlen)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (!l->tried) {
        l->status = open_lib(l);
        l->tried = 1;
    }
    int status = l->status;
    pthread_mutex_unlock(&lock);
    if (status)
        snprintf(err, errlen, "%s", l->why);
    return status;
}
