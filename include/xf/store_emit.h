/* Streams the rows of a prepared statement as text fields: what the CSV
 * exports of the unit, member, project, post and evaluation stores share.
 * Store-only (includes sqlite3.h). */
#ifndef XF_STORE_EMIT_H
#define XF_STORE_EMIT_H
#include <sqlite3.h>
#include "xf/db.h"
#include "xf/error.h"

/* The row callback: fields[i] is column i as text ("" for NULL). */
typedef void (*xf_store_row_fn)(void *arg, const char *const *fields);

/* Steps st to the end, calling emit once per row with every column as
 * text; resets st. The statement holds a read snapshot only while it runs. */
int xf_store_emit_rows(struct xf_db *db, sqlite3_stmt *st, xf_store_row_fn emit, void *arg,
                       struct xf_error *err);

#endif
