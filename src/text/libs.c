/* libs.c - opening libxml2 and libzip on first use (see libs.h). */
#include "libs.h"

#include <threads.h>

#include "../util/dl.h"

#if !defined GR_XML_SONAME || !defined GR_ZIP_SONAME
#error "GR_XML_SONAME and GR_ZIP_SONAME (the libraries' sonames) are set by CMakeLists.txt"
#endif

struct gr_xml gr_xml;
#define XSYM(f) GR_DL_SYM(struct gr_xml, f, #f)
static const gr_dl_sym xml_syms[] = {XSYM(htmlCreateMemoryParserCtxt), XSYM(htmlCtxtReadMemory),
                                     XSYM(htmlFreeParserCtxt),         XSYM(xmlCtxtGetLastError),
                                     XSYM(xmlGetLastError),            XSYM(xmlReadMemory),
                                     XSYM(xmlDocGetRootElement),       XSYM(xmlFreeDoc),
                                     XSYM(htmlEntityLookup),           XSYM(xmlInitParser)};
static gr_dl_lib xml = GR_DL_LIB(GR_XML_SONAME, xml_syms, &gr_xml);
static once_flag xml_once = ONCE_FLAG_INIT;
static void xml_init(void) { gr_xml.xmlInitParser(); }

int gr_xml_load(char *err, size_t errlen)
{
    if (gr_dl_load(&xml, err, errlen))
        return -1;
    call_once(&xml_once, xml_init);
    return 0;
}

struct gr_zip gr_zip;
#define ZSYM(f) GR_DL_SYM(struct gr_zip, f, #f)
static const gr_dl_sym zip_syms[] = {ZSYM(zip_error_init),  ZSYM(zip_error_fini),       ZSYM(zip_error_strerror),
                                     ZSYM(zip_source_buffer_create), ZSYM(zip_source_free), ZSYM(zip_open_from_source),
                                     ZSYM(zip_stat),        ZSYM(zip_fopen),            ZSYM(zip_fread),
                                     ZSYM(zip_fclose),      ZSYM(zip_strerror),         ZSYM(zip_discard)};
static gr_dl_lib zip = GR_DL_LIB(GR_ZIP_SONAME, zip_syms, &gr_zip);
int gr_zip_load(char *err, size_t errlen) { return gr_dl_load(&zip, err, errlen); }
