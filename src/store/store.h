/* store.h - the store layer's private state: a SQLite connection and its prepared statements.
 * Includes the facts layer and everything before it, through the public header. */
#ifndef GR_STORE_STORE_H
#define GR_STORE_STORE_H

#include <sqlite3.h>

#include "govreport.h"

/* The schema version this build writes; see db.c for each version's migration. */
#define GR_SCHEMA_VERSION 6
/* Bumped whenever extraction changes what it produces; stored with every document. */
#define GR_EXTRACTOR_VERSION GR_VERSION "+2"

/* Statements the viewer runs on every request, prepared once per connection (browse.c). */
enum { GR_STMT_STATS, GR_STMT_REPORTS_LATEST, GR_STMT_REPORTS_BY_REGION, GR_STMT_REGIONS, GR_STMT_REPORT,
       GR_STMT_REPORT_ID, GR_STMT_PARAGRAPHS, GR_STMT_FACTS, GR_STMT_COMMENTS, GR_STMT_INDICATORS,
       GR_STMT_ALTERNATES, GR_STMT_FIGURES, GR_NSTMT };

struct gr_db {
    sqlite3 *db;
    int readonly;
    char err[512];
    char *stored_as; /* the file of the document the last input was an alternate source of */
    sqlite3_stmt *kept[GR_NSTMT];
};

/* Sets db->err from SQLite's message with a prefix; returns GR_EINPUT. */
gr_status gr_db_fail(gr_db *db, const char *what);
/* Steps st to its end, calling fn with each row; finalizes st. */
gr_status gr_db_rows(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx);
/* The same for a statement kept for reuse: resets it and clears its bindings instead. */
gr_status gr_db_rows_kept(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx);
/* Resolves a region given as a six-digit code or a name (浙江省, 浙江) to its code in buf (7 bytes);
 * returns buf, or NULL when it names no division. */
const char *gr_db_region_code(gr_db *db, const char *region, char *buf);
/* A stored report read again as at ingest, from the row st is on: its source at column col and its
 * hints in the three after (hint_region, hint_year, hint_part). As gr_doc_parse_with. */
gr_status gr_db_parse_stored(sqlite3_stmt *st, int col, const char *file, gr_doc **out);

#endif
