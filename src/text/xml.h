/* xml.h - libxml2, opened when the first HTML page or .docx is read rather than at every start:
 * linked, it made each run load it with ICU and the C++ runtime (about 4 ms of a 12 ms start,
 * README "Speed"), though most inputs are plain text. The functions the HTML and .docx readers
 * call, typed from libxml2's headers. */
#ifndef GR_TEXT_XML_H
#define GR_TEXT_XML_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

struct gr_xml {
    __typeof__(htmlCreateMemoryParserCtxt) *htmlCreateMemoryParserCtxt;
    __typeof__(htmlCtxtReadMemory) *htmlCtxtReadMemory;
    __typeof__(htmlFreeParserCtxt) *htmlFreeParserCtxt;
    __typeof__(xmlCtxtGetLastError) *xmlCtxtGetLastError;
    __typeof__(xmlGetLastError) *xmlGetLastError;
    __typeof__(xmlReadMemory) *xmlReadMemory;
    __typeof__(xmlDocGetRootElement) *xmlDocGetRootElement;
    __typeof__(xmlFreeDoc) *xmlFreeDoc;
};
extern struct gr_xml gr_xml;

/* Opens libxml2 (GR_XML_SONAME, set by the build) once for the process, from any thread; 0, or
 * -1 with the reason in err. */
int gr_xml_load(char *err, size_t errlen);

#endif
