/* Pledges and the pledge-progress roll-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"
#include "xf/store_pledge.h"
#include "xf/store_pledge_tally.h"

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

int xf_store_pledge_same(struct xf_db *db, const struct xf_pledge *p, int64_t *id,
                         char **owner_code, struct xf_error *err)
{
    /* Two statements rather than one with an OR, so that each seeks its
     * index (pledge_member, pledge_unit). */
    static const char by_member[] =
        "SELECT p.id, m.code FROM pledge p JOIN member m ON m.id = p.member_id"
        " WHERE p.member_id=?1 AND p.text=?3 AND p.made_on=?4 AND p.id<>?5 AND p.kind=?6"
        " LIMIT 1";
    static const char by_unit[] =
        "SELECT p.id, u.code FROM pledge p JOIN unit u ON u.id = p.unit_id"
        " WHERE p.unit_id=?2 AND p.member_id IS NULL AND p.text=?3 AND p.made_on=?4"
        " AND p.id<>?5 AND p.kind=?6 LIMIT 1";
    *id = 0;
    *owner_code = NULL;
    sqlite3_stmt *st = xf_stmt(db, p->member_id > 0 ? by_member : by_unit, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, p->member_id);
    sqlite3_bind_int64(st, 2, p->unit_id);
    xf_bind_text(st, 3, p->text);
    xf_bind_text(st, 4, p->made_on);
    sqlite3_bind_int64(st, 5, p->id);
    xf_bind_text(st, 6, p->kind); /* a leader's target is not their own pledge */
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *owner_code = xf_col_dup(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
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

int xf_store_pledge_late_note(struct xf_db *db, int64_t id, const char *reason,
                              const char *due_on, const char *kept_on, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO history(at,actor,client,entity,entity_id,action,before,after)"
        " VALUES (xf_now(),xf_actor(),xf_client(),'pledge',?1,'pledge.keep_late',NULL,"
        " json_object('late_reason',?2,'due_on',?3,'kept_on',?4))";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    xf_bind_text(st, 2, reason);
    xf_bind_text(st, 3, due_on);
    xf_bind_text(st, 4, kept_on);
    int rc = sqlite3_step(st);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_pledge_kept_record(struct xf_db *db, int64_t id, char **at, char **actor,
                                char **late_reason, struct xf_error *err)
{
    /* Through history_entity, newest first: the last marking and its note. */
    static const char sql[] =
        "SELECT (SELECT at FROM history WHERE entity='pledge' AND entity_id=?1"
        "         AND action='pledge.keep' ORDER BY id DESC LIMIT 1),"
        "       (SELECT actor FROM history WHERE entity='pledge' AND entity_id=?1"
        "         AND action='pledge.keep' ORDER BY id DESC LIMIT 1),"
        "       (SELECT json_extract(after,'$.late_reason') FROM history WHERE entity='pledge'"
        "         AND entity_id=?1 AND action='pledge.keep_late' ORDER BY id DESC LIMIT 1)";
    *at = *actor = *late_reason = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char **out[] = {at, actor, late_reason};
        for (int i = 0; i < 3; i++) /* NULL for none, not "" */
            *out[i] = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : xf_col_strdup(st, i);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_pledge_follow_member(struct xf_db *db, int64_t member_id, int64_t from_unit,
                                  int64_t to_unit, int64_t *moved, int64_t *open,
                                  struct xf_error *err)
{
    static const char sql[] = "UPDATE pledge SET unit_id=?3, version=version+1, updated_at=xf_now()"
                              " WHERE member_id=?1 AND unit_id=?2 RETURNING status='open'";
    *moved = *open = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, member_id);
    sqlite3_bind_int64(st, 2, from_unit);
    sqlite3_bind_int64(st, 3, to_unit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        (*moved)++;
        *open += sqlite3_column_int(st, 0);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* Each unit's own counts come from the pledge tally (kept by triggers,
 * schema.sql), one row per unit instead of every pledge; only overdue,
 * which depends on the day, is counted from the pledges themselves, per
 * unit through the covering index pledge_unit(unit_id, status, due_on)
 * and only for units with open pledges. Each listed unit then sums the
 * per-unit counts of its subtree, found as a range on the path index:
 * every path below '/1/7/' starts with it and sorts before '/1/7/~'.
 * The CROSS JOINs fix that order; left to itself the planner walks
 * per-unit rows first and range-scans ancestors, several times slower. */
#define PER_UNIT_COLS                                                                              \
    "SELECT t.unit_id AS unit_id, t.made AS made, t.kept AS kept, t.withdrawn AS wd,"              \
    "  t.open AS op, CASE WHEN t.open > 0 THEN (SELECT count(*) FROM pledge q"                     \
    "   WHERE q.unit_id = t.unit_id AND q.status = 'open' AND q.due_on < ?1) ELSE 0 END AS od"     \
    " FROM pledge_tally t"

#define PER_UNIT_CTE "per AS MATERIALIZED (" PER_UNIT_COLS ")"

#define SUBTREE_SUMS                                                                               \
    " SELECT t.id AS id, sum(p.made) AS made, sum(p.kept) AS kept, sum(p.wd) AS wd,"               \
    "  sum(p.op) AS op, sum(p.od) AS od"                                                           \
    " FROM tops t CROSS JOIN unit u CROSS JOIN per p"                                              \
    " WHERE u.path >= t.path AND u.path < t.path || '~' AND p.unit_id = u.id"                      \
    " GROUP BY t.id"

#define ROLLUP_SELECT                                                                              \
    " SELECT t.id, t.code, t.name, t.depth, coalesce(s.made,0), coalesce(s.kept,0),"               \
    "  coalesce(s.wd,0), coalesce(s.op,0), coalesce(s.od,0),"                                      \
    "  (SELECT count(*) FROM unit c WHERE c.parent_id = t.id), t.active"                           \
    " FROM tops t LEFT JOIN sums s ON s.id = t.id"

/* Below one unit only that subtree's tally rows are read: expanding a
 * node of the progress tree reads a few dozen rows, not the table. */
#define SUBTREE_PER_CTE                                                                            \
    "per AS MATERIALIZED (" PER_UNIT_COLS                                                          \
    "  WHERE t.unit_id IN (SELECT u.id FROM unit r CROSS JOIN unit u WHERE r.id = ?2"              \
    "   AND u.path >= r.path AND u.path < r.path || '~'))"

static const char rollup_roots_sql[] =
    "WITH " PER_UNIT_CTE ","
    " tops AS MATERIALIZED (SELECT id, code, name, depth, path, code AS sortkey, active FROM unit"
    "  WHERE parent_id IS NULL AND ?2 = 0),"
    " sums AS (" SUBTREE_SUMS ")" ROLLUP_SELECT " ORDER BY t.sortkey";

static const char rollup_children_sql[] =
    "WITH " SUBTREE_PER_CTE ","
    " tops AS MATERIALIZED (SELECT id, code, name, depth, path, code AS sortkey, active FROM unit"
    "  WHERE parent_id = ?2),"
    " sums AS (" SUBTREE_SUMS ")" ROLLUP_SELECT " ORDER BY t.sortkey";

static const char rollup_unit_sql[] =
    "WITH " SUBTREE_PER_CTE ","
    " tops AS MATERIALIZED (SELECT id, code, name, depth, path, code AS sortkey, active FROM unit"
    "  WHERE id = ?2),"
    " sums AS (" SUBTREE_SUMS ")" ROLLUP_SELECT;

/* Tree order by code: each unit's sort key is its ancestors' codes
 * joined with char(1), which sorts before any printable character. */
static const char rollup_depth_sql[] =
    "WITH RECURSIVE " PER_UNIT_CTE ","
    " tree(id, code, name, depth, path, sortkey, active) AS ("
    "  SELECT id, code, name, depth, path, code, active FROM unit WHERE parent_id IS NULL"
    "  UNION ALL SELECT u.id, u.code, u.name, u.depth, u.path, tree.sortkey || char(1) || u.code,"
    "  u.active"
    "  FROM unit u JOIN tree ON u.parent_id = tree.id WHERE u.depth <= ?2),"
    " tops AS MATERIALIZED (SELECT * FROM tree),"
    " sums AS (" SUBTREE_SUMS ")" ROLLUP_SELECT " ORDER BY t.sortkey";

static int rollup_run(struct xf_db *db, const char *sql, int64_t arg2, const char *today,
                      xf_pledge_unit_fn fn, void *arg, struct xf_error *err);

int xf_store_pledge_rollup(struct xf_db *db, int64_t root_id, int max_depth, const char *today,
                           xf_pledge_unit_fn fn, void *arg, struct xf_error *err)
{
    if (max_depth >= 0)
        return rollup_run(db, rollup_depth_sql, max_depth, today, fn, arg, err);
    return rollup_run(db, root_id > 0 ? rollup_children_sql : rollup_roots_sql, root_id, today,
                      fn, arg, err);
}

int xf_store_pledge_rollup_unit(struct xf_db *db, int64_t unit_id, const char *today,
                                xf_pledge_unit_fn fn, void *arg, struct xf_error *err)
{
    return rollup_run(db, rollup_unit_sql, unit_id, today, fn, arg, err);
}

static int rollup_run(struct xf_db *db, const char *sql, int64_t arg2, const char *today,
                      xf_pledge_unit_fn fn, void *arg, struct xf_error *err)
{
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, today);
    sqlite3_bind_int64(st, 2, arg2);
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
            .children = sqlite3_column_int(st, 9),
            .active = sqlite3_column_int(st, 10) != 0,
        };
        cb = fn(arg, &row);
    }
    xf_stmt_done(st);
    if (cb != XF_OK)
        return cb;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* The tally's sums, and overdue through the index pledge_due(status,
 * due_on): a range of the open pledges, never the whole table. */
int xf_store_pledge_totals(struct xf_db *db, const char *today, struct xf_pledge_counts *out,
                           struct xf_error *err)
{
    static const char sql[] =
        "SELECT coalesce(sum(made),0), coalesce(sum(kept),0), coalesce(sum(withdrawn),0),"
        " coalesce(sum(open),0), (SELECT count(*) FROM pledge"
        "  WHERE status = 'open' AND due_on < ?1) FROM pledge_tally";
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

/* ---- the tally ---- */

int xf_store_pledge_tally_rebuild(struct xf_db *db, struct xf_error *err)
{
    return xf_exec(db,
                   "DELETE FROM pledge_tally;"
                   "INSERT INTO pledge_tally(unit_id, made, kept, withdrawn, open)"
                   " SELECT unit_id, count(*), sum(status = 'kept'), sum(status = 'withdrawn'),"
                   "  sum(status = 'open') FROM pledge GROUP BY unit_id;",
                   err);
}

/* Rows of the tally that a plain count does not give, and the other way
 * round; a unit whose pledges all moved away may keep a row of zeros. */
int xf_store_pledge_tally_check(struct xf_db *db, int64_t *units_wrong, struct xf_error *err)
{
    static const char sql[] =
        "WITH plain AS MATERIALIZED (SELECT unit_id, count(*) AS made,"
        "  sum(status = 'kept') AS kept, sum(status = 'withdrawn') AS withdrawn,"
        "  sum(status = 'open') AS open FROM pledge GROUP BY unit_id),"
        " tally AS MATERIALIZED (SELECT unit_id, made, kept, withdrawn, open FROM pledge_tally"
        "  WHERE made <> 0 OR kept <> 0 OR withdrawn <> 0 OR open <> 0)"
        " SELECT count(DISTINCT unit_id) FROM ("
        "  SELECT unit_id FROM (SELECT * FROM tally EXCEPT SELECT * FROM plain) UNION ALL"
        "  SELECT unit_id FROM (SELECT * FROM plain EXCEPT SELECT * FROM tally))";
    return xf_stmt_int64(db, sql, units_wrong, err);
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

/* ---- keyset pages for the interface ---- */

/* Members of one unit in (name_key, id) order, pinyin order, through the
 * index member_unit (its rowid tie-break serves the id, and the row-value
 * bound, the key of the member the page starts from, becomes a range); the pledges of each page are then counted through
 * pledge_member. The unary + keep the overdue test on pledge_member:
 * through pledge_due it would visit every overdue pledge per member. */
#define MEMBER_PAGE(bound, order) MEMBER_PAGE_OF("member mm WHERE mm.unit_id = ?1", bound, order)
/* The members of units: `units` names the member table as mm, with a
 * WHERE that picks the units. */
#define MEMBER_PAGE_OF(units, bound, order)                                                        \
    "SELECT m.id, m.unit_id, m.code, m.name, m.position, m.is_leader, count(p.id),"                \
    " coalesce(sum(p.status='kept'),0), coalesce(sum(p.status='withdrawn'),0),"                    \
    " coalesce(sum(p.status='open'),0), coalesce(sum(p.status='open' AND p.due_on < ?2),0),"       \
    " m.active"                                                                                    \
    " FROM (SELECT mm.id, mm.unit_id, mm.code, mm.name, mm.name_key, mm.position, mm.is_leader,"   \
    "  mm.active FROM " units " AND " bound                                                       \
    "  AND (?3 = 0 OR EXISTS (SELECT 1 FROM pledge q WHERE q.member_id = mm.id"                    \
    "   AND +q.status = 'open' AND +q.due_on < ?2))"                                               \
    "  ORDER BY mm.name_key " order ", mm.id " order " LIMIT ?7) m"                                \
    " LEFT JOIN pledge p ON p.member_id = m.id"                                                    \
    " GROUP BY m.id ORDER BY m.name_key " order ", m.id " order
#define MEMBER_BOUND(cmp)                                                                          \
    "(mm.name_key, mm.id) " cmp " ((SELECT name_key FROM member WHERE id=?5), ?5)"

static const char member_after_sql[] = MEMBER_PAGE(MEMBER_BOUND(">"), "ASC");
static const char member_from_sql[] = MEMBER_PAGE(MEMBER_BOUND(">="), "ASC");
static const char member_before_sql[] = MEMBER_PAGE(MEMBER_BOUND("<"), "DESC");
static const char member_first_sql[] = MEMBER_PAGE("1", "ASC");
static const char member_last_sql[] = MEMBER_PAGE("1", "DESC");

/* The members of a unit and every unit below it: the units as a range on
 * the path index (every path below '/1/' starts with it and sorts before
 * '/1/~'), their members through member_unit, the page sorted from those
 * (no index orders members by name across units): for a unit below a
 * department, a few hundred at most at city scale. A department's go by
 * member_dept below. */
#define BELOW                                                                                      \
    "unit d JOIN member mm ON mm.unit_id = d.id"                                                   \
    " WHERE d.path >= (SELECT path FROM unit WHERE id = ?1)"                                       \
    " AND d.path < (SELECT path FROM unit WHERE id = ?1) || '~'"
static const char *const member_below_sql[] = {
    MEMBER_PAGE_OF(BELOW, MEMBER_BOUND(">"), "ASC"),  MEMBER_PAGE_OF(BELOW, MEMBER_BOUND(">="), "ASC"),
    MEMBER_PAGE_OF(BELOW, MEMBER_BOUND("<"), "DESC"), MEMBER_PAGE_OF(BELOW, "1", "ASC"),
    MEMBER_PAGE_OF(BELOW, "1", "DESC"),
};
/* A department's (the units above are the largest): keyset pages of
 * member_dept (dept_id, name_key, member_id), kept for it (schema 17), so
 * a page reads its rows and no more; the key's order is the page's. */
#define DEPT_PAGE(bound, order)                                                                    \
    "SELECT m.id, m.unit_id, m.code, m.name, m.position, m.is_leader, count(p.id),"                \
    " coalesce(sum(p.status='kept'),0), coalesce(sum(p.status='withdrawn'),0),"                    \
    " coalesce(sum(p.status='open'),0), coalesce(sum(p.status='open' AND p.due_on < ?2),0),"       \
    " m.active"                                                                                    \
    " FROM (SELECT o.member_id AS id, o.name_key FROM member_dept o WHERE o.dept_id = ?1"          \
    "  AND " bound                                                                                 \
    "  AND (?3 = 0 OR EXISTS (SELECT 1 FROM pledge q WHERE q.member_id = o.member_id"              \
    "   AND +q.status = 'open' AND +q.due_on < ?2))"                                               \
    "  ORDER BY o.name_key " order ", o.member_id " order " LIMIT ?7) k"                           \
    " JOIN member m ON m.id = k.id LEFT JOIN pledge p ON p.member_id = m.id"                       \
    " GROUP BY m.id ORDER BY k.name_key " order ", m.id " order
#define DEPT_BOUND(cmp)                                                                            \
    "(o.name_key, o.member_id) " cmp " ((SELECT name_key FROM member WHERE id=?5), ?5)"
static const char *const member_dept_sql[] = {
    DEPT_PAGE(DEPT_BOUND(">"), "ASC"), DEPT_PAGE(DEPT_BOUND(">="), "ASC"),
    DEPT_PAGE(DEPT_BOUND("<"), "DESC"), DEPT_PAGE("1", "ASC"), DEPT_PAGE("1", "DESC"),
};

static int members_page(struct xf_db *db, bool below, int64_t unit_id, const char *today,
                        bool overdue_only, const struct xf_pledge_key *from,
                        enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn, void *arg,
                        struct xf_error *err)
{
    bool unbounded = !from || from->unbounded;
    int which = unbounded ? (dir == XF_PLEDGE_BEFORE ? 4 : 3)
                : dir == XF_PLEDGE_BEFORE ? 2
                : dir == XF_PLEDGE_FROM   ? 1
                                          : 0;
    static const char *const own_sql[] = {member_after_sql, member_from_sql, member_before_sql,
                                          member_first_sql, member_last_sql};
    int64_t depth = 1;
    if (below && xf_stmt_int64_of(db, "SELECT depth FROM unit WHERE id=?", unit_id, &depth, err))
        return err->code;
    const char *sql = !below ? own_sql[which] : depth == 0 ? member_dept_sql[which]
                                                           : member_below_sql[which];
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, unit_id);
    xf_bind_text(st, 2, today);
    sqlite3_bind_int(st, 3, overdue_only);
    if (!unbounded)
        sqlite3_bind_int64(st, 5, from->id);
    sqlite3_bind_int(st, 7, limit);
    int rc = SQLITE_DONE, cb = XF_OK;
    while (cb == XF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_pledge_member_counts row = {
            .member_id = sqlite3_column_int64(st, 0),
            .unit_id = sqlite3_column_int64(st, 1),
            .code = (const char *)sqlite3_column_text(st, 2),
            .name = (const char *)sqlite3_column_text(st, 3),
            .position = (const char *)sqlite3_column_text(st, 4),
            .is_leader = sqlite3_column_int(st, 5) != 0,
            .c = {.made = sqlite3_column_int64(st, 6),
                  .kept = sqlite3_column_int64(st, 7),
                  .withdrawn = sqlite3_column_int64(st, 8),
                  .open = sqlite3_column_int64(st, 9),
                  .overdue = sqlite3_column_int64(st, 10)},
            .active = sqlite3_column_int(st, 11) != 0,
        };
        cb = fn(arg, &row);
    }
    xf_stmt_done(st);
    if (cb != XF_OK)
        return cb;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_pledge_members(struct xf_db *db, int64_t unit_id, const char *today,
                            bool overdue_only, const struct xf_pledge_key *from,
                            enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn, void *arg,
                            struct xf_error *err)
{
    return members_page(db, false, unit_id, today, overdue_only, from, dir, limit, fn, arg, err);
}

int xf_store_pledge_members_below(struct xf_db *db, int64_t unit_id, const char *today,
                                  bool overdue_only, const struct xf_pledge_key *from,
                                  enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn,
                                  void *arg, struct xf_error *err)
{
    return members_page(db, true, unit_id, today, overdue_only, from, dir, limit, fn, arg, err);
}

/* A member's pledges through pledge_member (member_id, id); a unit's
 * letters through pledge_unit, few per unit. ?3 = 1: no key. */
#define PLEDGE_PAGE(owner, cmp, order)                                                             \
    "SELECT " PLEDGE_COLS " FROM pledge p WHERE " owner " AND (?3 OR p.id " cmp " ?2)"             \
    " ORDER BY p.id " order " LIMIT ?4"
#define BY_MEMBER "p.member_id = ?1"
#define BY_UNIT "p.unit_id = ?1 AND p.member_id IS NULL"

static const char page_member_after_sql[] = PLEDGE_PAGE(BY_MEMBER, ">", "ASC");
static const char page_member_from_sql[] = PLEDGE_PAGE(BY_MEMBER, ">=", "ASC");
static const char page_member_before_sql[] = PLEDGE_PAGE(BY_MEMBER, "<", "DESC");
static const char page_unit_after_sql[] = PLEDGE_PAGE(BY_UNIT, ">", "ASC");
static const char page_unit_from_sql[] = PLEDGE_PAGE(BY_UNIT, ">=", "ASC");
static const char page_unit_before_sql[] = PLEDGE_PAGE(BY_UNIT, "<", "DESC");

int xf_store_pledge_page(struct xf_db *db, int64_t member_id, int64_t unit_id,
                         const struct xf_pledge_key *from, enum xf_pledge_dir dir, int limit,
                         xf_pledge_fn fn, void *arg, struct xf_error *err)
{
    static const char *const sqls[2][3] = {
        {page_member_after_sql, page_member_from_sql, page_member_before_sql},
        {page_unit_after_sql, page_unit_from_sql, page_unit_before_sql},
    };
    sqlite3_stmt *st = xf_stmt(db, sqls[member_id > 0 ? 0 : 1][dir], err);
    if (!st)
        return err->code;
    bool unbounded = !from || from->unbounded;
    sqlite3_bind_int64(st, 1, member_id > 0 ? member_id : unit_id);
    sqlite3_bind_int64(st, 2, unbounded ? 0 : from->id);
    sqlite3_bind_int(st, 3, unbounded);
    sqlite3_bind_int(st, 4, limit);
    int rc = SQLITE_DONE, cb = XF_OK;
    while (cb == XF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_pledge p = {0};
        pledge_from_row(st, &p);
        cb = fn(arg, &p);
        xf_pledge_clear(&p);
    }
    xf_stmt_done(st);
    if (cb != XF_OK)
        return cb;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}
