/* Reading the audit history, newest first, a page at a time. */
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_history.h"
#include "xf/store_internal.h"

void xf_history_row_clear(struct xf_history_row *r)
{
    free(r->at);
    free(r->actor);
    free(r->client);
    free(r->entity);
    free(r->action);
    free(r->before);
    free(r->after);
    memset(r, 0, sizeof *r);
}

void xf_history_rows_free(struct xf_history_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        xf_history_row_clear(&rows[i]);
    free(rows);
}

#define HISTORY_COLS "id,at,actor,client,entity,entity_id,action,before,after"

static void row_from(sqlite3_stmt *st, struct xf_history_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->at = xf_col_strdup(st, 1);
    r->actor = xf_col_strdup(st, 2);
    r->client = xf_col_strdup(st, 3);
    r->entity = xf_col_strdup(st, 4);
    r->entity_id = sqlite3_column_int64(st, 5);
    r->action = xf_col_strdup(st, 6);
    r->before = xf_col_dup(st, 7);
    r->after = xf_col_dup(st, 8);
}

/* Steps a bound statement into a fresh array of at most limit rows. */
static int collect(struct xf_db *db, sqlite3_stmt *st, size_t limit,
                   struct xf_history_row **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    if (limit == 0) {
        xf_stmt_done(st);
        return XF_OK;
    }
    struct xf_history_row *out = calloc(limit, sizeof *out);
    if (!out) {
        xf_stmt_done(st);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    size_t k = 0;
    int rc;
    while (k < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
        row_from(st, &out[k++]);
    if (k < limit && rc != SQLITE_DONE) {
        int code = xf_db_fail(db, rc, err);
        xf_stmt_done(st);
        xf_history_rows_free(out, k);
        return code;
    }
    xf_stmt_done(st);
    if (k == 0) {
        free(out);
        return XF_OK;
    }
    *rows = out;
    *n = k;
    return XF_OK;
}

int xf_store_history_for(struct xf_db *db, const char *entity, int64_t entity_id,
                         int64_t after_id, size_t limit, struct xf_history_row **rows,
                         size_t *n, struct xf_error *err)
{
    static const char sql[] =
        "SELECT " HISTORY_COLS " FROM history WHERE entity=?1 AND entity_id=?2 "
        "AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4";
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, entity);
    sqlite3_bind_int64(st, 2, entity_id);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
    return collect(db, st, limit, rows, n, err);
}

int xf_store_history_all(struct xf_db *db, const struct xf_history_filter *f, int64_t after_id,
                         size_t limit, struct xf_history_row **rows, size_t *n,
                         struct xf_error *err)
{
    /* With an actor the history_actor index finds that user's rows; without
     * one the newest rows come straight off the end of the table. Dates
     * compare as text: "YYYY-MM-DD HH:MM:SS" sorts by time. */
    static const char by_actor[] =
        "SELECT " HISTORY_COLS " FROM history WHERE actor=?1 "
        "AND at >= ?2 AND at < date(?3,'+1 day') AND (?4 = 0 OR id < ?4) "
        "ORDER BY id DESC LIMIT ?5";
    static const char by_all[] =
        "SELECT " HISTORY_COLS " FROM history WHERE ?1 IS NULL "
        "AND at >= ?2 AND at < date(?3,'+1 day') AND (?4 = 0 OR id < ?4) "
        "ORDER BY id DESC LIMIT ?5";
    *rows = NULL;
    *n = 0;
    const char *actor = f && f->actor ? f->actor : NULL;
    sqlite3_stmt *st = xf_stmt(db, actor ? by_actor : by_all, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, actor);
    xf_bind_text(st, 2, f && f->date_from ? f->date_from : "0000-01-01");
    xf_bind_text(st, 3, f && f->date_to ? f->date_to : "9999-12-30");
    sqlite3_bind_int64(st, 4, after_id);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
    return collect(db, st, limit, rows, n, err);
}

int xf_store_history_last_active(struct xf_db *db, const char *actor, char **at,
                                 struct xf_error *err)
{
    static const char sql[] = "SELECT at FROM history WHERE actor=?1 ORDER BY id DESC LIMIT 1";
    *at = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, actor);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *at = xf_col_dup(st, 0);
    xf_stmt_done(st);
    /* No row: the user never changed anything (*at stays NULL). */
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* Each recorded table and how to find the unit (and complaint) a row
 * belongs to; every query returns (unit_id, complaint_id). */
static const char own_unit[] = "SELECT id, 0 FROM unit WHERE id=?1";
static const char own_member[] = "SELECT unit_id, 0 FROM member WHERE id=?1";
static const char own_project[] = "SELECT owner_unit_id, 0 FROM project WHERE id=?1";
static const char own_post[] = "SELECT unit_id, 0 FROM post WHERE id=?1";
static const char own_pledge[] = "SELECT unit_id, 0 FROM pledge WHERE id=?1";
static const char own_evaluation[] =
    "SELECT p.unit_id, 0 FROM evaluation e JOIN post p ON p.id=e.post_id WHERE e.id=?1";
static const char own_evaluation_score[] =
    "SELECT p.unit_id, 0 FROM evaluation_score s JOIN evaluation e ON e.id=s.evaluation_id "
    "JOIN post p ON p.id=e.post_id WHERE s.id=?1";
static const char own_complaint[] =
    "SELECT coalesce(c.unit_id, p.unit_id, 0), c.id FROM complaint c "
    "LEFT JOIN post p ON p.id=c.post_id WHERE c.id=?1";
static const char own_cohandler[] =
    "SELECT unit_id, complaint_id FROM complaint_cohandler WHERE id=?1";
static const char own_event[] =
    "SELECT coalesce(unit_id, 0), complaint_id FROM complaint_event WHERE id=?1";
static const char own_inspection[] = "SELECT unit_id, 0 FROM inspection WHERE id=?1";
static const char own_inspection_item[] =
    "SELECT i.unit_id, 0 FROM inspection_item t JOIN inspection i ON i.id=t.inspection_id "
    "WHERE t.id=?1";
static const char own_rectification[] =
    "SELECT i.unit_id, 0 FROM rectification r JOIN inspection i ON i.id=r.inspection_id "
    "WHERE r.id=?1";
static const char own_improvement[] = "SELECT unit_id, 0 FROM improvement WHERE id=?1";
static const char own_award[] =
    "SELECT coalesce(a.unit_id, p.unit_id, m.unit_id, 0), 0 FROM award a "
    "LEFT JOIN post p ON p.id=a.post_id LEFT JOIN member m ON m.id=a.member_id WHERE a.id=?1";

static const struct {
    const char *entity;
    const char *sql;
} owners[] = {
    {"unit", own_unit},
    {"member", own_member},
    {"project", own_project},
    {"post", own_post},
    {"pledge", own_pledge},
    {"evaluation", own_evaluation},
    {"evaluation_score", own_evaluation_score},
    {"complaint", own_complaint},
    {"complaint_cohandler", own_cohandler},
    {"complaint_event", own_event},
    {"inspection", own_inspection},
    {"inspection_item", own_inspection_item},
    {"rectification", own_rectification},
    {"improvement", own_improvement},
    {"award", own_award},
};

const char *xf_store_history_entities(void)
{
    return "unit, member, project, post, pledge, evaluation, evaluation_score, complaint, "
           "complaint_cohandler, complaint_event, inspection, inspection_item, "
           "rectification, improvement, award";
}

int xf_store_history_owner(struct xf_db *db, const char *entity, int64_t entity_id,
                           int64_t *unit_id, int64_t *complaint_id, struct xf_error *err)
{
    *unit_id = *complaint_id = 0;
    size_t i = 0, n = sizeof owners / sizeof owners[0];
    while (i < n && strcmp(owners[i].entity, entity) != 0)
        i++;
    if (i == n)
        return xf_err(err, XF_EINVAL, "entity", _("'%s' is not a kind of record; use one of: %s"),
                      entity, xf_store_history_entities());
    sqlite3_stmt *st = xf_stmt(db, owners[i].sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    sqlite3_bind_int64(st, 1, entity_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *unit_id = sqlite3_column_int64(st, 0);
        *complaint_id = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "id", _("there is no %s with id %lld"), entity,
                      (long long)entity_id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

void xf_history_news_clear(struct xf_history_news *n)
{
    free(n->actor);
    free(n->action);
    free(n->entity);
    memset(n, 0, sizeof *n);
}

int xf_store_history_news(struct xf_db *db, int64_t after_id, const char *me, int64_t *last_id,
                          struct xf_history_news *out, struct xf_error *err)
{
    /* Rows are appended with growing ids, so "after id" is "since". */
    static const char sql[] =
        "SELECT (SELECT coalesce(max(id), ?1) FROM history),"
        " (SELECT count(*) FROM history WHERE id > ?1 AND actor <> ?2),"
        " h.actor, h.action, h.entity, h.entity_id"
        " FROM (SELECT 1) LEFT JOIN (SELECT * FROM history WHERE id > ?1 AND actor <> ?2"
        "  ORDER BY id DESC LIMIT 1) h";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    sqlite3_bind_int64(st, 1, after_id);
    xf_bind_text(st, 2, me);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *last_id = sqlite3_column_int64(st, 0);
        out->count = sqlite3_column_int64(st, 1);
        out->actor = xf_col_dup(st, 2);
        out->action = xf_col_dup(st, 3);
        out->entity = xf_col_dup(st, 4);
        out->entity_id = sqlite3_column_int64(st, 5);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}
