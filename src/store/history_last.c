/* The last change of a record, column by column, for conflict messages
 * (xf/conflict.h). Declared in xf/store_history.h. */
#include "xf/store_history.h"

#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"

void xf_history_last_clear(struct xf_history_last *h)
{
    if (!h)
        return;
    free(h->at);
    free(h->actor);
    free(h->action);
    for (size_t i = 0; i < h->n_changes; i++) {
        free(h->changes[i].field);
        free(h->changes[i].before);
        free(h->changes[i].after);
    }
    free(h->changes);
    memset(h, 0, sizeof *h);
}

static int read_head(struct xf_db *db, const char *entity, int64_t entity_id,
                     struct xf_history_last *out, struct xf_error *err)
{
    static const char sql[] = "SELECT id, at, actor, action FROM history "
                              "WHERE entity=?1 AND entity_id=?2 ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, entity);
    sqlite3_bind_int64(st, 2, entity_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->at = xf_col_strdup(st, 1);
        out->actor = xf_col_strdup(st, 2);
        out->action = xf_col_strdup(st, 3);
        rc = out->at && out->actor && out->action ? XF_OK
                                                  : xf_err(err, XF_EIO, "", _("out of memory"));
    } else if (rc == SQLITE_DONE) {
        rc = xf_err(err, XF_ENOTFOUND, "", _("%s #%lld has no recorded history"), entity,
                    (long long)entity_id);
    } else {
        rc = xf_db_fail(db, rc, err);
    }
    xf_stmt_done(st);
    return rc;
}

static int add_change(struct xf_history_last *out, sqlite3_stmt *st, size_t *cap,
                      struct xf_error *err)
{
    int rc = xf_grow((void **)&out->changes, cap, out->n_changes, sizeof *out->changes, err);
    if (rc)
        return rc;
    struct xf_history_change *c = &out->changes[out->n_changes++];
    c->field = xf_col_strdup(st, 0);
    c->before = xf_col_dup(st, 1);
    c->after = xf_col_dup(st, 2);
    return c->field ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
}

/* The columns whose value differs between before and after (all of them
 * for an insert); json_each keeps the trigger's column order. */
static int read_changes(struct xf_db *db, struct xf_history_last *out, struct xf_error *err)
{
    static const char sql[] =
        "SELECT a.key, b.atom, a.atom FROM history h, json_each(h.after) a "
        "LEFT JOIN json_each(h.before) b ON b.key = a.key "
        "WHERE h.id=?1 AND a.key NOT IN ('version','updated_at') "
        "AND (b.key IS NULL OR b.atom IS NOT a.atom OR b.type IS NOT a.type) ORDER BY a.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    sqlite3_bind_int64(st, 1, out->id);
    size_t cap = 0;
    int rc = XF_OK, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = add_change(out, st, &cap, err);
    if (!rc && step != SQLITE_DONE)
        rc = xf_db_fail(db, step, err);
    xf_stmt_done(st);
    return rc;
}

int xf_store_history_last(struct xf_db *db, const char *entity, int64_t entity_id,
                          struct xf_history_last *out, struct xf_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = read_head(db, entity, entity_id, out, err);
    if (!rc)
        rc = read_changes(db, out, err);
    if (rc)
        xf_history_last_clear(out);
    return rc;
}
