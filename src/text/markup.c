/* markup.c - bounding what libxml2 is given: at most GR_MAX_ATTRS attributes on one element.
 *
 * libxml2 checks each new attribute of an element against those before it, so one element with
 * n attributes costs n² (an HTML page of 1.09 MB with 100,000 attributes on one <div> took 108 s,
 * a 239 KB .docx the same). Attributes carry none of a report's text, so those past the bound
 * are blanked with spaces: every byte keeps its offset, and the text and its map are unchanged.
 * One pass over the markup; a tag is '<' and a letter up to the '>' outside quotes; comments,
 * CDATA and processing instructions are skipped whole.
 */
#define _GNU_SOURCE
#include "text.h"

#include <stdlib.h>
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }

/* From just past a tag's name to its '>' (or the end): counts attributes and, with out, blanks
 * those past max. Returns where the tag ends. */
static size_t tag(const char *s, size_t len, size_t i, size_t max, char *out, size_t *blanked)
{
    size_t count = 0;
    while (i < len && s[i] != '>') {
        if (is_space(s[i]) || s[i] == '/') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
            i++;
        if (i == start) /* a stray character (a quote, say): one step on */
            i++;
        size_t j = i;
        while (j < len && is_space(s[j]))
            j++;
        if (j < len && s[j] == '=') { /* a value: quoted, or up to a space or '>' */
            j++;
            while (j < len && is_space(s[j]))
                j++;
            if (j < len && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], len - j - 1);
                j = q ? (size_t)(q - s) + 1 : len;
            } else {
                while (j < len && !is_space(s[j]) && s[j] != '>')
                    j++;
            }
            i = j;
        }
        if (++count > max) {
            if (out)
                memset(out + start, ' ', i - start);
            ++*blanked;
        }
    }
    return i;
}

static size_t walk(const char *s, size_t len, size_t max, char *out)
{
    size_t blanked = 0;
    for (size_t i = 0; i < len;) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s) + 1;
        if (len - i >= 3 && !memcmp(s + i, "!--", 3)) { /* <!-- ... --> */
            const char *end = memmem(s + i + 3, len - i - 3, "-->", 3);
            i = end ? (size_t)(end - s) + 3 : len;
        } else if (i < len && is_letter(s[i])) {
            while (i < len && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
                i++;
            i = tag(s, len, i, max, out, &blanked);
        }
    }
    return blanked;
}

char *gr_text_cap_attrs(const char *s, size_t len, size_t max, size_t *blanked)
{
    *blanked = walk(s, len, max, NULL);
    if (!*blanked)
        return NULL;
    char *out = malloc(len + 1);
    if (!out) {
        *blanked = (size_t)-1;
        return NULL;
    }
    memcpy(out, s, len);
    out[len] = 0;
    walk(s, len, max, out);
    return out;
}
