/* Row streaming shared by the CSV exports. */
#include "xf/store_emit.h"

#include <stdlib.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"

int xf_store_emit_rows(struct xf_db *db, sqlite3_stmt *st, xf_store_row_fn emit, void *arg,
                       struct xf_error *err)
{
    int n = sqlite3_column_count(st);
    const char **fields = calloc((size_t)n + 1, sizeof *fields);
    if (!fields) {
        xf_stmt_done(st);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            const unsigned char *t = sqlite3_column_text(st, i);
            fields[i] = t ? (const char *)t : "";
        }
        emit(arg, fields);
    }
    free(fields);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}
