/* xml.c - opening libxml2 on first use (see xml.h). */
#include "xml.h"

#include <stdio.h>
#include <threads.h>

#include "../util/dl.h"

#ifndef GR_XML_SONAME
#error "GR_XML_SONAME (libxml2's soname) is set by CMakeLists.txt"
#endif

struct gr_xml gr_xml;

#define SYM(f) GR_DL_SYM(struct gr_xml, f, #f)
static const gr_dl_sym syms[] = {SYM(htmlCreateMemoryParserCtxt), SYM(htmlCtxtReadMemory), SYM(htmlFreeParserCtxt),
                                 SYM(xmlCtxtGetLastError), SYM(xmlGetLastError), SYM(xmlReadMemory),
                                 SYM(xmlDocGetRootElement), SYM(xmlFreeDoc)};

static once_flag once = ONCE_FLAG_INIT;
static int status = -1;
static char why[256];

static void load(void)
{
    status = gr_dl_open(GR_XML_SONAME, syms, sizeof syms / sizeof *syms, &gr_xml, why, sizeof why);
}

int gr_xml_load(char *err, size_t errlen)
{
    call_once(&once, load);
    if (status)
        snprintf(err, errlen, "%s", why);
    return status;
}
