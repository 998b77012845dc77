/* store.h - the store layer's private state: a SQLite connection and its prepared statements.
 * Includes the facts layer and everything before it, through the public header. */
#ifndef GR_STORE_STORE_H
#define GR_STORE_STORE_H

#include <sqlite3.h>

#include "govreport.h"

/* The schema version this build writes; see db.c for each version's migration. */
#define GR_SCHEMA_VERSION 2
/* Bumped whenever extraction changes what it produces; stored with every document. */
#define GR_EXTRACTOR_VERSION GR_VERSION "+2"

struct gr_db {
    sqlite3 *db;
    int readonly;
    char err[512];
};

/* Sets db->err from SQLite's message with a prefix; returns GR_EINPUT. */
gr_status gr_db_fail(gr_db *db, const char *what);
/* Steps st to its end, calling fn with each row; finalizes st. */
gr_status gr_db_rows(gr_db *db, sqlite3_stmt *st, gr_row_fn fn, void *ctx);
/* Resolves a region given as a six-digit code or a name (浙江省, 浙江) to its code in buf (7 bytes);
 * returns buf, or NULL when it names no division. */
const char *gr_db_region_code(gr_db *db, const char *region, char *buf);

#endif
