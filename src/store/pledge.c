/* Pledges and the pledge-progress roll-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"
#include "xf/store_pledge.h"

void xf_pledge_clear(struct xf_pledge *p)
{
    free(p->kind);
    free(p->text);
    free(p->category);
    free(p->made_on);
    free(p->due_on);
    free(p->status);
    free(p->kept_on);
    free(p->evidence);
    free(p->verified_by);
    free(p->withdrawn_on);
    free(p->withdraw_reason);
    free(p->created_by);
    memset(p, 0, sizeof *p);
}

#define PLEDGE_COLS                                                                                \
    "p.id,p.kind,p.member_id,p.unit_id,p.text,p.category,p.made_on,p.due_on,p.status,"             \
    "p.kept_on,p.evidence,p.verified_by,p.withdrawn_on,p.withdraw_reason,p.created_by,"            \
    "p.version"

static void pledge_from_row(sqlite3_stmt *st, struct xf_pledge *p)
{
    p->id = sqlite3_column_int64(st, 0);
    p->kind = xf_col_strdup(st, 1);
    p->member_id = sqlite3_column_int64(st, 2);
    p->unit_id = sqlite3_column_int64(st, 3);
    p->text = xf_col_strdup(st, 4);
    p->category = xf_col_strdup(st, 5);
    p->made_on = xf_col_strdup(st, 6);
    p->due_on = xf_col_strdup(st, 7);
    p->status = xf_col_strdup(st, 8);
    p->kept_on = xf_col_dup(st, 9);
    p->evidence = xf_col_dup(st, 10);
    p->verified_by = xf_col_dup(st, 11);
    p->withdrawn_on = xf_col_dup(st, 12);
    p->withdraw_reason = xf_col_dup(st, 13);
    p->created_by = xf_col_strdup(st, 14);
    p->version = sqlite3_column_int64(st, 15);
}

int xf_store_pledge_get(struct xf_db *db, int64_t id, struct xf_pledge *out, struct xf_error *err)
{
    static const char sql[] = "SELECT " PLEDGE_COLS " FROM pledge p WHERE p.id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        pledge_from_row(st, out);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "pledge", _("no pledge #%lld"), (long long)id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

static bool pledge_id_taken(struct xf_db *db, int64_t id)
{
    static const char sql[] = "SELECT 1 FROM pledge WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    bool yes = sqlite3_step(st) == SQLITE_ROW;
    xf_stmt_done(st);
    return yes;
}

int xf_store_pledge_insert(struct xf_db *db, struct xf_pledge *p, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO pledge(id,kind,member_id,unit_id,text,category,made_on,due_on,status,"
        "kept_on,evidence,verified_by,withdrawn_on,withdraw_reason,created_by,updated_at)"
        " VALUES (nullif(?1,0),?2,nullif(?3,0),?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
        "xf_now()) RETURNING id, version";
    if (p->id > 0 && pledge_id_taken(db, p->id))
        return xf_err(err, XF_EINVAL, "id", _("pledge #%lld already exists"), (long long)p->id);
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, p->id);
    xf_bind_text(st, 2, p->kind);
    sqlite3_bind_int64(st, 3, p->member_id);
    sqlite3_bind_int64(st, 4, p->unit_id);
    xf_bind_text(st, 5, p->text);
    xf_bind_text(st, 6, p->category);
    xf_bind_text(st, 7, p->made_on);
    xf_bind_text(st, 8, p->due_on);
    xf_bind_text(st, 9, p->status ? p->status : "open");
    xf_bind_text(st, 10, p->kept_on);
    xf_bind_text(st, 11, p->evidence);
    xf_bind_text(st, 12, p->verified_by);
    xf_bind_text(st, 13, p->withdrawn_on);
    xf_bind_text(st, 14, p->withdraw_reason);
    xf_bind_text(st, 15, p->created_by ? p->created_by : "");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->id = sqlite3_column_int64(st, 0);
        p->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_pledge_update_status(struct xf_db *db, struct xf_pledge *p, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE pledge SET status=?2,kept_on=?3,evidence=?4,verified_by=?5,withdrawn_on=?6,"
        " withdraw_reason=?7, version=version+1, updated_at=xf_now()"
        " WHERE id=?1 AND version=?8 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, p->id);
    xf_bind_text(st, 2, p->status);
    xf_bind_text(st, 3, p->kept_on);
    xf_bind_text(st, 4, p->evidence);
    xf_bind_text(st, 5, p->verified_by);
    xf_bind_text(st, 6, p->withdrawn_on);
    xf_bind_text(st, 7, p->withdraw_reason);
    sqlite3_bind_int64(st, 8, p->version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        p->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "pledge",
                      _("pledge #%lld was changed by someone else; reload it and try again"),
                      (long long)p->id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* Pledges are first counted per unit (one pass over the covering index
 * pledge_unit), then each listed unit sums the per-unit counts of its
 * subtree, found as a range on the path index: every path below
 * '/1/7/' starts with it and sorts before '/1/7/~'. The CROSS JOINs fix
 * that order; left to itself the planner walks per-unit rows first and
 * range-scans ancestors, which is several times slower. */
#define PER_UNIT_CTE                                                                               \
    "per AS MATERIALIZED (SELECT unit_id, count(*) AS made,"                                       \
    "  sum(status='kept') AS kept, sum(status='withdrawn') AS wd, sum(status='open') AS op,"       \
    "  sum(status='open' AND due_on < ?1) AS od FROM pledge GROUP BY unit_id)"

#define SUBTREE_SUMS                                                                               \
    " SELECT t.id AS id, sum(p.made) AS made, sum(p.kept) AS kept, sum(p.wd) AS wd,"               \
    "  sum(p.op) AS op, sum(p.od) AS od"                                                           \
    " FROM tops t CROSS JOIN unit u CROSS JOIN per p"                                              \
    " WHERE u.path >= t.path AND u.path < t.path || '~' AND p.unit_id = u.id"                      \
    " GROUP BY t.id"

#define ROLLUP_SELECT                                                                              \
    " SELECT t.id, t.code, t.name, t.depth, coalesce(s.made,0), coalesce(s.kept,0),"               \
    "  coalesce(s.wd,0), coalesce(s.op,0), coalesce(s.od,0)"                                       \
    " FROM tops t LEFT JOIN sums s ON s.id = t.id"

static const char rollup_children_sql[] =
    "WITH " PER_UNIT_CTE ","
    " tops AS MATERIALIZED (SELECT id, code, name, depth, path, code AS sortkey FROM unit"
    "  WHERE coalesce(parent_id,0) = ?2),"
    " sums AS (" SUBTREE_SUMS ")" ROLLUP_SELECT " ORDER BY t.sortkey";

/* Tree order by code: each unit's sort key is its ancestors' codes
 * joined with char(1), which sorts before any printable character. */
static const char rollup_depth_sql[] =
    "WITH RECURSIVE " PER_UNIT_CTE ","
    " tree(id, code, name, depth, path, sortkey) AS ("
    "  SELECT id, code, name, depth, path, code FROM unit WHERE parent_id IS NULL"
    "  UNION ALL SELECT u.id, u.code, u.name, u.depth, u.path, tree.sortkey || char(1) || u.code"
    "  FROM unit u JOIN tree ON u.parent_id = tree.id WHERE u.depth <= ?2),"
    " tops AS MATERIALIZED (SELECT * FROM tree),"
    " sums AS (" SUBTREE_SUMS ")" ROLLUP_SELECT " ORDER BY t.sortkey";

int xf_store_pledge_rollup(struct xf_db *db, int64_t root_id, int max_depth, const char *today,
                           xf_pledge_unit_fn fn, void *arg, struct xf_error *err)
{
    sqlite3_stmt *st = xf_stmt(db, max_depth >= 0 ? rollup_depth_sql : rollup_children_sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, today);
    if (max_depth >= 0)
        sqlite3_bind_int(st, 2, max_depth);
    else
        sqlite3_bind_int64(st, 2, root_id);
    int rc = SQLITE_DONE, cb = XF_OK;
    while (cb == XF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_pledge_unit_counts row = {
            .unit_id = sqlite3_column_int64(st, 0),
            .code = (const char *)sqlite3_column_text(st, 1),
            .name = (const char *)sqlite3_column_text(st, 2),
            .depth = sqlite3_column_int(st, 3),
            .c = {.made = sqlite3_column_int64(st, 4),
                  .kept = sqlite3_column_int64(st, 5),
                  .withdrawn = sqlite3_column_int64(st, 6),
                  .open = sqlite3_column_int64(st, 7),
                  .overdue = sqlite3_column_int64(st, 8)},
        };
        cb = fn(arg, &row);
    }
    xf_stmt_done(st);
    if (cb != XF_OK)
        return cb;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_pledge_totals(struct xf_db *db, const char *today, struct xf_pledge_counts *out,
                           struct xf_error *err)
{
    static const char sql[] =
        "SELECT count(*), coalesce(sum(status='kept'),0), coalesce(sum(status='withdrawn'),0),"
        " coalesce(sum(status='open'),0), coalesce(sum(status='open' AND due_on < ?1),0)"
        " FROM pledge";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, today);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->made = sqlite3_column_int64(st, 0);
        out->kept = sqlite3_column_int64(st, 1);
        out->withdrawn = sqlite3_column_int64(st, 2);
        out->open = sqlite3_column_int64(st, 3);
        out->overdue = sqlite3_column_int64(st, 4);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_pledge_each(struct xf_db *db, xf_pledge_export_fn fn, void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT " PLEDGE_COLS ", coalesce(m.code,''), u.code FROM pledge p"
        " JOIN unit u ON u.id = p.unit_id LEFT JOIN member m ON m.id = p.member_id"
        " ORDER BY p.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    int rc = SQLITE_DONE, cb = XF_OK;
    while (cb == XF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_pledge p = {0};
        pledge_from_row(st, &p);
        struct xf_pledge_export_row row = {
            .p = &p,
            .member_code = (const char *)sqlite3_column_text(st, 16),
            .unit_code = (const char *)sqlite3_column_text(st, 17),
        };
        cb = fn(arg, &row);
        xf_pledge_clear(&p);
    }
    xf_stmt_done(st);
    if (cb != XF_OK)
        return cb;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}
