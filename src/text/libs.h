/* libs.h - the libraries the text layer opens on first use (util/dl.h) rather than at every
 * start: libxml2 with the first HTML page or .docx, libzip with the first .docx. Linked, they
 * made each run load them with ICU, the C++ runtime and libcrypto (about 7 ms of a 16 ms start,
 * README "Speed"), though most inputs are plain text. The functions the HTML and .docx readers
 * call, typed from the libraries' headers. */
#ifndef GR_TEXT_LIBS_H
#define GR_TEXT_LIBS_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zip.h>

struct gr_xml {
    __typeof__(htmlCreateMemoryParserCtxt) *htmlCreateMemoryParserCtxt;
    __typeof__(htmlCtxtReadMemory) *htmlCtxtReadMemory;
    __typeof__(htmlFreeParserCtxt) *htmlFreeParserCtxt;
    __typeof__(xmlCtxtGetLastError) *xmlCtxtGetLastError;
    __typeof__(xmlGetLastError) *xmlGetLastError;
    __typeof__(xmlReadMemory) *xmlReadMemory;
    __typeof__(xmlDocGetRootElement) *xmlDocGetRootElement;
    __typeof__(xmlFreeDoc) *xmlFreeDoc;
    __typeof__(htmlEntityLookup) *htmlEntityLookup; /* entities left in plain text (repair.c) */
    __typeof__(xmlInitParser) *xmlInitParser;
};
extern struct gr_xml gr_xml;

/* Opens libxml2 (GR_XML_SONAME, set by the build) once for the process, from any thread, and
 * initializes it once (xmlInitParser: libxml2 asks for that before threads parse at once, as
 * ingest's workers do); 0, or -1 with the reason in err. */
int gr_xml_load(char *err, size_t errlen);

struct gr_zip {
    __typeof__(zip_error_init) *zip_error_init;
    __typeof__(zip_error_fini) *zip_error_fini;
    __typeof__(zip_error_strerror) *zip_error_strerror;
    __typeof__(zip_source_buffer_create) *zip_source_buffer_create;
    __typeof__(zip_source_free) *zip_source_free;
    __typeof__(zip_open_from_source) *zip_open_from_source;
    __typeof__(zip_stat) *zip_stat;
    __typeof__(zip_fopen) *zip_fopen;
    __typeof__(zip_fread) *zip_fread;
    __typeof__(zip_fclose) *zip_fclose;
    __typeof__(zip_strerror) *zip_strerror;
    __typeof__(zip_discard) *zip_discard;
};
extern struct gr_zip gr_zip;

/* Opens libzip (GR_ZIP_SONAME) the same way. */
int gr_zip_load(char *err, size_t errlen);

#endif
