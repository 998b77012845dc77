/* libs.c - opening libxml2 and libzip on first use (see libs.h). */
#include "libs.h"

#include <stdio.h>
#include <threads.h>

#include "../util/dl.h"

#if !defined GR_XML_SONAME || !defined GR_ZIP_SONAME
#error "GR_XML_SONAME and GR_ZIP_SONAME (the libraries' sonames) are set by CMakeLists.txt"
#endif

/* One library: its symbols, where they go, and the outcome of the one attempt to open it. */
struct lib {
    const char *soname;
    const gr_dl_sym *syms;
    size_t n;
    void *into;
    int status;
    char why[256];
};

static void open_lib(struct lib *l) { l->status = gr_dl_open(l->soname, l->syms, l->n, l->into, l->why, sizeof l->why); }

static int load(struct lib *l, once_flag *once, void (*open_it)(void), char *err, size_t errlen)
{
    call_once(once, open_it);
    if (l->status)
        snprintf(err, errlen, "%s", l->why);
    return l->status;
}

struct gr_xml gr_xml;
#define XSYM(f) GR_DL_SYM(struct gr_xml, f, #f)
static const gr_dl_sym xml_syms[] = {XSYM(htmlCreateMemoryParserCtxt), XSYM(htmlCtxtReadMemory),
                                     XSYM(htmlFreeParserCtxt),         XSYM(xmlCtxtGetLastError),
                                     XSYM(xmlGetLastError),            XSYM(xmlReadMemory),
                                     XSYM(xmlDocGetRootElement),       XSYM(xmlFreeDoc)};
static struct lib xml = {GR_XML_SONAME, xml_syms, sizeof xml_syms / sizeof *xml_syms, &gr_xml, -1, ""};
static once_flag xml_once = ONCE_FLAG_INIT;
static void open_xml(void) { open_lib(&xml); }
int gr_xml_load(char *err, size_t errlen) { return load(&xml, &xml_once, open_xml, err, errlen); }

struct gr_zip gr_zip;
#define ZSYM(f) GR_DL_SYM(struct gr_zip, f, #f)
static const gr_dl_sym zip_syms[] = {ZSYM(zip_error_init),  ZSYM(zip_error_fini),       ZSYM(zip_error_strerror),
                                     ZSYM(zip_source_buffer_create), ZSYM(zip_source_free), ZSYM(zip_open_from_source),
                                     ZSYM(zip_stat),        ZSYM(zip_fopen),            ZSYM(zip_fread),
                                     ZSYM(zip_fclose),      ZSYM(zip_strerror),         ZSYM(zip_discard)};
static struct lib zip = {GR_ZIP_SONAME, zip_syms, sizeof zip_syms / sizeof *zip_syms, &gr_zip, -1, ""};
static once_flag zip_once = ONCE_FLAG_INIT;
static void open_zip(void) { open_lib(&zip); }
int gr_zip_load(char *err, size_t errlen) { return load(&zip, &zip_once, open_zip, err, errlen); }
