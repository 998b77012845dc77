/* text.h - the text layer: from the bytes a user has (plain text, HTML, .docx; UTF-8, UTF-16 or
 * GB18030) to one normalized UTF-8 text whose paragraphs are separated by '\n', with a map from
 * every character of it back to a byte offset in the input (gr_text_source_offset). Includes only
 * util/. */
#ifndef GR_TEXT_TEXT_H
#define GR_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

typedef enum { GR_FMT_TEXT, GR_FMT_HTML, GR_FMT_DOCX } gr_format;

typedef struct gr_text {
    char *s;          /* normalized UTF-8, NUL-terminated; paragraphs end in '\n' */
    size_t len;
    gr_anchors map;   /* offsets in the input (for .docx: in word/document.xml); ask gr_text_source_offset */
    gr_format format;
    const char *encoding; /* static string: "UTF-8", "UTF-16LE", "GB18030", ... */
    char err[200];    /* why loading failed */
    long err_off;     /* byte offset of the failure in the input, or -1 */
} gr_text;

/* Loads data (len bytes; name is used only to sniff the format by its extension and may be NULL).
 * Returns 0, -1 on bad input (t->err, t->err_off say why) or -2 when memory ran out. Whatever it
 * returns, gr_text_free(t) releases what t holds. */
int gr_text_load(gr_text *t, const unsigned char *data, size_t len, const char *name);
void gr_text_free(gr_text *t);
/* A text loaded before, back from where it was kept: its normalized bytes s (len of them, as
 * gr_text_load made them: copied), its map packed by gr_anchors_pack, the format it was read from
 * and its encoding's name (one gr_text_load gives; another is kept as "stored"). Then t is as
 * gr_text_load left it, with no input read again. 0; -1 when map is no packed map, or the text is
 * empty, too long or not valid UTF-8 (t->err says which, t->err_off where in map or text); -2 when
 * memory ran out. Whatever it returns, gr_text_free(t) releases what t holds. */
int gr_text_restore(gr_text *t, const char *s, size_t len, const void *map, size_t maplen, gr_format format,
                    const char *encoding);
/* The input offset of text offset off (0 <= off <= t->len; larger offsets are taken as t->len). */
size_t gr_text_source_offset(const gr_text *t, size_t off);
/* The same with a place kept between calls (gr_anchors_walk): start *hint at (size_t)-1. */
size_t gr_text_source_offset_walk(const gr_text *t, size_t off, size_t *hint);

/* The steps, exposed for the tests and fuzzers. Each appends to out/map; returns 0, -1 bad input
 * (message in err, offset in *err_off), -2 out of memory. */
int gr_text_decode(const unsigned char *data, size_t len, gr_buf *out, gr_map *map,
                   const char **encoding, char *err, size_t errlen, long *err_off);
/* Attributes an element may have before those past it are blanked (markup.c): libxml2's check of
 * each against the others is quadratic. */
#define GR_MAX_ATTRS 256
/* A copy of markup s with every attribute past the max-th of its element blanked with spaces (each
 * byte keeps its offset), and their count in *blanked; NULL when none are past it (*blanked 0) or
 * out of memory (*blanked SIZE_MAX). */
char *gr_text_cap_attrs(const char *s, size_t len, size_t max, size_t *blanked);
int gr_text_html(const char *html, size_t len, const uint32_t *in_map, gr_buf *out, gr_map *map,
                 char *err, size_t errlen);
int gr_text_docx(const unsigned char *zip, size_t len, gr_buf *out, gr_map *map, char *err,
                 size_t errlen);
/* in_map: len + 1 entries, or NULL when s is the input itself (byte i at offset i, the plain UTF-8
 * case, which then needs neither a copy nor a map of its own); s must then be valid UTF-8
 * (gr_text_is_utf8), as its runs are copied without a second look. */
int gr_text_normalize(const char *s, size_t len, const uint32_t *in_map, gr_buf *out, gr_anchors *map);
/* Export artefacts in a text (repair.c): literal \r\n line ends, HTML entities in plain text, "??"
 * for a lost full-width space, "_M_M_" for %. gr_text_needs_repair tells whether s holds any;
 * gr_text_repair appends s with them undone to out, each byte mapped to in_map[i] (or i when in_map
 * is NULL; in_map then has len + 1 entries), and map ends with the offset of the end. map may be
 * the map in_map is the entries of (map->p == in_map): it is then rewritten in place. 0 or -2. */
int gr_text_needs_repair(const char *s, size_t len);
int gr_text_repair(const char *s, size_t len, const uint32_t *in_map, gr_buf *out, gr_map *map);
/* Can data be read as it is: plain UTF-8 from its first byte to its last (a UTF-8 byte order mark
 * allowed, no NUL, within GR_MAX_INPUT)? Then gr_text_decode would return a copy of it. */
int gr_text_is_utf8(const unsigned char *data, size_t len);
/* Appends data[from..to), known to be UTF-8, with each byte mapped to its own offset; 0 or -2. */
int gr_text_utf8_copy(const unsigned char *data, size_t from, size_t to, gr_buf *out, gr_map *map);

/* Appends the UTF-8 text of a parsed XML/HTML text node to out, mapping each of its bytes to the
 * place in src where it stands (src is the markup the node was parsed from, *cursor the offset
 * where the search starts; entities in src are stepped over). Shared by the HTML and .docx readers. */
void gr_text_add_aligned(const char *node, size_t n, const char *src, size_t srclen, size_t *cursor,
                         const uint32_t *src_map, gr_buf *out, gr_map *map);

#endif
