/* terms.h - the terms module's private parts: the bundled dictionaries (terms_table.c, generated
 * from data/terms by tools/gen_terms.py). The API is in govreport.h (gr_terms_*). */
#ifndef GR_TERMS_TERMS_H
#define GR_TERMS_TERMS_H

#include <govreport.h>
#include <stddef.h>

typedef struct gr_terms_builtin {
    const char *name; /* environment, innovation, ... (the file's name) */
    const char *text; /* the file as written: comments and terms */
} gr_terms_builtin;

extern const gr_terms_builtin gr_terms_builtins[];
extern const size_t gr_terms_nbuiltins;

#endif
