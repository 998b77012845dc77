/* doc.h - the document layer's private state: what a gr_doc owns. Includes text/ only. */
#ifndef GR_DOC_DOC_H
#define GR_DOC_DOC_H

#include "govreport.h"
#include "../text/text.h"

#define GR_DOC_MAX_OWNED 16

struct gr_doc {
    gr_text text;
    const char *name;  /* the file name given to the parse (not owned), or NULL */
    gr_doc_hints hints; /* what the user said of the text (strings not owned) */
    gr_meta meta;
    gr_para *paras;
    size_t npara;
    gr_span *sents;
    size_t nsent;
    gr_noteref *notes;
    size_t nnotes;
    char *owned[GR_DOC_MAX_OWNED]; /* the metadata strings */
    int nowned;
    int oom; /* an allocation failed on the way: the parse fails with GR_ENOMEM */
    char err[240];
    long err_off;
};

/* Helpers shared with the later layers. */
/* Parses a year written in Arabic or Chinese digits (2023, 二〇二三); 0 if it is not one. */
int gr_doc_parse_year(const char *s, size_t n);

#endif
