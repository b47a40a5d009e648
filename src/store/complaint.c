/* Complaints, co-handlers and workflow events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_complaint.h"
#include "xf/store_internal.h"

void xf_complaint_clear(struct xf_complaint *c)
{
    char **strs[] = {
        &c->code,
        &c->source,
        &c->kind,
        &c->category,
        &c->text,
        &c->complainant_name,
        &c->complainant_phone,
        &c->state,
        &c->received_at,
        &c->dispatched_at,
        &c->sign_due,
        &c->signed_at,
        &c->reply_due,
        &c->replied_at,
        &c->reply_text,
        &c->return_reason,
        &c->callback_outcome,
        &c->closed_at,
        &c->reject_reason,
        &c->updated_at,
        &c->unit_name,
        &c->post_title,
        &c->lead_unit_name,
        &c->sort_key,
        &c->answer_due,
        &c->missed_due,
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    memset(c, 0, sizeof *c);
    c->closed_on_time = -1;
}

void xf_complaint_event_clear(struct xf_complaint_event *e)
{
    free(e->complaint_code);
    free(e->at);
    free(e->actor);
    free(e->action);
    free(e->from_state);
    free(e->to_state);
    free(e->note);
    memset(e, 0, sizeof *e);
}

void xf_complaints_free(struct xf_complaint *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xf_complaint_clear(&rows[i]);
    free(rows);
}

void xf_complaint_events_free(struct xf_complaint_event *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xf_complaint_event_clear(&rows[i]);
    free(rows);
}

void xf_complaint_state_counts_free(struct xf_complaint_state_count *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(rows[i].state);
    free(rows);
}

void xf_complaint_unit_stats_free(struct xf_complaint_unit_stats *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].unit_code);
        free(rows[i].unit_name);
    }
    free(rows);
}

#define COMPLAINT_COLS                                                                             \
    "c.id,c.code,c.source,c.kind,c.post_id,c.unit_id,c.category,c.text,c.complainant_name,"        \
    "c.complainant_phone,c.state,c.received_at,c.lead_unit_id,c.dispatched_at,c.sign_due,"         \
    "c.signed_at,c.reply_due,c.replied_at,c.reply_text,c.return_reason,c.callback_outcome,"        \
    "c.redo_count,c.closed_at,c.closed_on_time,c.reject_reason,c.merged_into,c.supervised,"        \
    "c.version,c.updated_at,c.answer_due,c.missed_due"
#define COMPLAINT_NCOLS 31

static void complaint_from_row(sqlite3_stmt *st, struct xf_complaint *c)
{
    c->id = sqlite3_column_int64(st, 0);
    c->code = xf_col_strdup(st, 1);
    c->source = xf_col_strdup(st, 2);
    c->kind = xf_col_strdup(st, 3);
    c->post_id = sqlite3_column_int64(st, 4);
    c->unit_id = sqlite3_column_int64(st, 5);
    c->category = xf_col_dup(st, 6);
    c->text = xf_col_strdup(st, 7);
    c->complainant_name = xf_col_strdup(st, 8);
    c->complainant_phone = xf_col_strdup(st, 9);
    c->state = xf_col_strdup(st, 10);
    c->received_at = xf_col_strdup(st, 11);
    c->lead_unit_id = sqlite3_column_int64(st, 12);
    c->dispatched_at = xf_col_dup(st, 13);
    c->sign_due = xf_col_dup(st, 14);
    c->signed_at = xf_col_dup(st, 15);
    c->reply_due = xf_col_dup(st, 16);
    c->replied_at = xf_col_dup(st, 17);
    c->reply_text = xf_col_dup(st, 18);
    c->return_reason = xf_col_dup(st, 19);
    c->callback_outcome = xf_col_dup(st, 20);
    c->redo_count = sqlite3_column_int(st, 21);
    c->closed_at = xf_col_dup(st, 22);
    c->closed_on_time =
        sqlite3_column_type(st, 23) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 23);
    c->reject_reason = xf_col_dup(st, 24);
    c->merged_into = sqlite3_column_int64(st, 25);
    c->supervised = sqlite3_column_int(st, 26);
    c->version = sqlite3_column_int64(st, 27);
    c->updated_at = xf_col_strdup(st, 28);
    c->answer_due = xf_col_dup(st, 29);
    c->missed_due = xf_col_dup(st, 30);
}

static int fetch_complaint(struct xf_db *db, sqlite3_stmt *st, struct xf_complaint *out,
                           const char *key, struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        complaint_from_row(st, out);
    xf_stmt_done(st);
    if (rc == SQLITE_ROW)
        return XF_OK;
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "complaint", _("no complaint %s"), key);
    return xf_db_fail(db, rc, err);
}

int xf_store_complaint_get(struct xf_db *db, int64_t id, struct xf_complaint *out,
                           struct xf_error *err)
{
    static const char sql[] = "SELECT " COMPLAINT_COLS " FROM complaint c WHERE c.id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_complaint(db, st, out, key, err);
}

int xf_store_complaint_by_code(struct xf_db *db, const char *code, struct xf_complaint *out,
                               struct xf_error *err)
{
    static const char sql[] = "SELECT " COMPLAINT_COLS " FROM complaint c WHERE c.code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_complaint(db, st, out, code, err);
}

static void bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(st, idx, id);
    else
        sqlite3_bind_null(st, idx);
}

/* Binds the columns shared by insert and update to ?2..?27 in
 * COMPLAINT_COLS order (code to supervised), answer_due to ?28 and
 * missed_due to ?29. */
static void bind_columns(sqlite3_stmt *st, const struct xf_complaint *c)
{
    xf_bind_text(st, 2, c->code);
    xf_bind_text(st, 3, c->source);
    xf_bind_text(st, 4, c->kind ? c->kind : "complaint");
    bind_id(st, 5, c->post_id);
    bind_id(st, 6, c->unit_id);
    xf_bind_text(st, 7, c->category);
    xf_bind_text(st, 8, c->text);
    xf_bind_text(st, 9, c->complainant_name ? c->complainant_name : "");
    xf_bind_text(st, 10, c->complainant_phone ? c->complainant_phone : "");
    xf_bind_text(st, 11, c->state ? c->state : "received");
    xf_bind_text(st, 12, c->received_at);
    bind_id(st, 13, c->lead_unit_id);
    xf_bind_text(st, 14, c->dispatched_at);
    xf_bind_text(st, 15, c->sign_due);
    xf_bind_text(st, 16, c->signed_at);
    xf_bind_text(st, 17, c->reply_due);
    xf_bind_text(st, 18, c->replied_at);
    xf_bind_text(st, 19, c->reply_text);
    xf_bind_text(st, 20, c->return_reason);
    xf_bind_text(st, 21, c->callback_outcome);
    sqlite3_bind_int(st, 22, c->redo_count);
    xf_bind_text(st, 23, c->closed_at);
    if (c->closed_on_time < 0)
        sqlite3_bind_null(st, 24);
    else
        sqlite3_bind_int(st, 24, c->closed_on_time);
    xf_bind_text(st, 25, c->reject_reason);
    bind_id(st, 26, c->merged_into);
    sqlite3_bind_int(st, 27, c->supervised);
    xf_bind_text(st, 28, c->answer_due);
    xf_bind_text(st, 29, c->missed_due);
}

int xf_store_complaint_insert(struct xf_db *db, struct xf_complaint *c, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO complaint(code,source,kind,post_id,unit_id,category,text,"
        " complainant_name,complainant_phone,state,received_at,lead_unit_id,dispatched_at,"
        " sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,callback_outcome,"
        " redo_count,closed_at,closed_on_time,reject_reason,merged_into,supervised,answer_due,"
        " missed_due,updated_at)"
        " VALUES (?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,"
        " ?22,?23,?24,?25,?26,?27,?28,?29,xf_now()) RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    bind_columns(st, c);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->id = sqlite3_column_int64(st, 0);
        c->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* Bound parameter number -> column, as bind_columns() numbers them. */
static const char *const update_cols[] = {
    [3] = "source",        [4] = "kind",           [5] = "post_id",
    [6] = "unit_id",       [7] = "category",       [8] = "text",
    [9] = "complainant_name", [10] = "complainant_phone", [11] = "state",
    [12] = "received_at",  [13] = "lead_unit_id",  [14] = "dispatched_at",
    [15] = "sign_due",     [16] = "signed_at",     [17] = "reply_due",
    [18] = "replied_at",   [19] = "reply_text",    [20] = "return_reason",
    [21] = "callback_outcome", [22] = "redo_count", [23] = "closed_at",
    [24] = "closed_on_time", [25] = "reject_reason", [26] = "merged_into",
    [27] = "supervised",   [28] = "answer_due",    [29] = "missed_due",
};
enum { UPDATE_FIRST = 3, UPDATE_LAST = 29 };

static bool same_text(const char *a, const char *b, const char *dflt)
{
    a = a ? a : dflt;
    b = b ? b : dflt;
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_id(int64_t a, int64_t b) { return (a > 0 ? a : 0) == (b > 0 ? b : 0); }

/* The columns whose bound value differs, as bits by parameter number. */
static uint32_t changed_columns(const struct xf_complaint *o, const struct xf_complaint *c)
{
    uint32_t m = 0;
#define TXT(n, f, d) m |= same_text(o->f, c->f, d) ? 0 : 1u << (n)
#define NUM(n, same) m |= (same) ? 0 : 1u << (n)
    TXT(3, source, NULL);
    TXT(4, kind, "complaint");
    NUM(5, same_id(o->post_id, c->post_id));
    NUM(6, same_id(o->unit_id, c->unit_id));
    TXT(7, category, NULL);
    TXT(8, text, NULL);
    TXT(9, complainant_name, "");
    TXT(10, complainant_phone, "");
    TXT(11, state, "received");
    TXT(12, received_at, NULL);
    NUM(13, same_id(o->lead_unit_id, c->lead_unit_id));
    TXT(14, dispatched_at, NULL);
    TXT(15, sign_due, NULL);
    TXT(16, signed_at, NULL);
    TXT(17, reply_due, NULL);
    TXT(18, replied_at, NULL);
    TXT(19, reply_text, NULL);
    TXT(20, return_reason, NULL);
    TXT(21, callback_outcome, NULL);
    NUM(22, o->redo_count == c->redo_count);
    TXT(23, closed_at, NULL);
    NUM(24, (o->closed_on_time < 0 ? -1 : o->closed_on_time) ==
                (c->closed_on_time < 0 ? -1 : c->closed_on_time));
    TXT(25, reject_reason, NULL);
    NUM(26, same_id(o->merged_into, c->merged_into));
    NUM(27, o->supervised == c->supervised);
    TXT(28, answer_due, NULL);
    TXT(29, missed_due, NULL);
#undef TXT
#undef NUM
    return m;
}

static char *make_update_sql(uint32_t mask)
{
    char buf[1024];
    size_t len = (size_t)snprintf(buf, sizeof buf, "UPDATE complaint SET ");
    for (int col = UPDATE_FIRST; col <= UPDATE_LAST; col++)
        if (mask & (1u << col))
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s=?%d,", update_cols[col], col);
    snprintf(buf + len, sizeof buf - len,
             "version=version+1,updated_at=xf_now() WHERE id=?1 AND version=?30 AND code=?2");
    return strdup(buf);
}

/* The UPDATE statement setting just the columns in mask, made once per
 * mask and kept for the process (one per kind of transition, a dozen or
 * so) so that xf_stmt() can cache it by address. Should the table ever
 * fill, the statement writing every column serves. NULL when out of
 * memory. */
static const char *update_sql(uint32_t mask)
{
    static struct made_sql {
        uint32_t mask;
        char *sql;
    } made[64];
    static size_t n;
    const uint32_t all = ((1u << (UPDATE_LAST + 1)) - 1) & ~((1u << UPDATE_FIRST) - 1);
    if (n == 0 && (made[0].sql = make_update_sql(all)))
        made[n++].mask = all;
    for (size_t i = 0; i < n; i++)
        if (made[i].mask == mask)
            return made[i].sql;
    if (n == 0 || n == sizeof made / sizeof made[0])
        return n ? made[0].sql : NULL;
    if (!(made[n].sql = make_update_sql(mask)))
        return NULL;
    made[n].mask = mask;
    return made[n++].sql;
}

int xf_store_complaint_update(struct xf_db *db, const struct xf_complaint *old,
                              struct xf_complaint *c, struct xf_error *err)
{
    /* Only the columns that changed are written: SQLite rewrites every
     * index on a column named in SET, changed or not, and the complaint
     * has seventeen (schema.sql), so a state change writing all columns
     * dirtied five index pages for nothing. */
    const char *sql = update_sql(changed_columns(old, c));
    if (!sql)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, c->id);
    bind_columns(st, c);
    sqlite3_bind_int64(st, 30, c->version);
    int rc = sqlite3_step(st);
    int changed = rc == SQLITE_DONE ? sqlite3_changes(xf_db_handle(db)) : 0;
    xf_stmt_done(st);
    if (rc != SQLITE_DONE)
        return xf_db_fail(db, rc, err);
    if (changed != 1)
        return xf_err(err, XF_ECONFLICT, "complaint",
                      _("complaint %s was changed by someone else; reload it and try again"),
                      c->code);
    c->version++;
    return XF_OK;
}

int xf_store_complaint_max_seq(struct xf_db *db, const char *prefix, int64_t *out,
                               struct xf_error *err)
{
    static const struct xf_seq_sql q = XF_SEQ_SQL("complaint", 6, 999999);
    return xf_store_max_seq(db, &q, prefix, out, err);
}

int xf_store_complaint_deadline_years(struct xf_db *db, int from, int *years, size_t max, size_t *n,
                                      struct xf_error *err)
{
    static const char sql[] =
        "SELECT DISTINCT y FROM (SELECT CAST(substr(d, 1, 4) AS INTEGER) AS y FROM"
        " (SELECT sign_due AS d, state FROM complaint UNION ALL"
        "  SELECT reply_due, state FROM complaint UNION ALL"
        "  SELECT answer_due, state FROM complaint)"
        " WHERE d IS NOT NULL AND d <> '' AND state NOT IN ('closed', 'rejected', 'merged'))"
        " WHERE y >= ?1 ORDER BY y";
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, from);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (*n < max)
            years[(*n)++] = sqlite3_column_int(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_complaint_post_ref(struct xf_db *db, const char *post_code, const char *field,
                                int64_t *post_id, int64_t *unit_id, struct xf_error *err)
{
    static const char sql[] = "SELECT id, unit_id FROM post WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, post_code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *post_id = sqlite3_column_int64(st, 0);
        *unit_id = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_ROW)
        return XF_OK;
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, field, _("there is no post with the code %s"), post_code);
    return xf_db_fail(db, rc, err);
}

static void id_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    *(int64_t *)elem = sqlite3_column_int64(st, 0);
}

/* The ids a one-parameter query returns, into a malloc'd array. */
static int ids_of(struct xf_db *db, const char *sql, int64_t complaint_id, int64_t **ids,
                  size_t *n, struct xf_error *err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, complaint_id);
    return xf_store_collect(db, st, sizeof **ids, (void **)ids, n, id_row, NULL, NULL, err);
}

int xf_store_complaint_changed_since(struct xf_db *db, int64_t id, int64_t seen, char **cols,
                                     struct xf_error *err)
{
    /* From the last row that left version seen behind (a restore may have
     * given a version number twice). */
    static const char sql[] =
        "WITH start AS (SELECT max(id) AS id FROM history WHERE entity='complaint'"
        "  AND entity_id=?1 AND before IS NOT NULL AND json_extract(before,'$.version')=?2)"
        " SELECT (SELECT id FROM start), coalesce(',' || group_concat(DISTINCT a.key) || ',', ',')"
        " FROM history h, json_each(h.after) a, start"
        " WHERE h.entity='complaint' AND h.entity_id=?1 AND h.id>=start.id"
        "  AND h.before IS NOT NULL AND a.key NOT IN ('version','updated_at')"
        "  AND json_extract(h.before, a.fullkey) IS NOT a.atom";
    *cols = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, seen);
    int rc = sqlite3_step(st);
    bool reached = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (reached)
        *cols = xf_col_strdup(st, 1);
    xf_stmt_done(st);
    if (rc != SQLITE_ROW)
        return xf_db_fail(db, rc, err);
    if (!reached)
        return xf_err(err, XF_ENOTFOUND, "version", _("no history since version %lld"),
                      (long long)seen);
    return *cols ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
}

int xf_store_complaint_cohandlers(struct xf_db *db, int64_t complaint_id, int64_t **ids, size_t *n,
                                  struct xf_error *err)
{
    static const char sql[] = "SELECT unit_id FROM complaint_cohandler"
                              " WHERE complaint_id=? AND active=1 ORDER BY unit_id";
    return ids_of(db, sql, complaint_id, ids, n, err);
}

int xf_store_complaint_merged_ids(struct xf_db *db, int64_t complaint_id, int64_t **ids,
                                  size_t *n, struct xf_error *err)
{
    static const char sql[] = "SELECT id FROM complaint WHERE merged_into=? ORDER BY id";
    return ids_of(db, sql, complaint_id, ids, n, err);
}

int xf_store_inspection_complaint(struct xf_db *db, int64_t inspection_id, int64_t *complaint_id,
                                  char **code, struct xf_error *err)
{
    static const char sql[] = "SELECT c.id, c.code FROM inspection_complaint l"
                              " JOIN complaint c ON c.id=l.complaint_id WHERE l.inspection_id=?";
    *complaint_id = 0;
    *code = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, inspection_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *complaint_id = sqlite3_column_int64(st, 0);
        *code = xf_col_strdup(st, 1);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_ROW && !*code)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_complaint_inspection(struct xf_db *db, int64_t complaint_id, int64_t *inspection_id,
                                  struct xf_error *err)
{
    static const char sql[] = "SELECT inspection_id FROM inspection_complaint"
                              " WHERE complaint_id=?";
    return xf_stmt_int64_of(db, sql, complaint_id, inspection_id, err);
}

int xf_store_inspection_complaint_link(struct xf_db *db, int64_t inspection_id,
                                       int64_t complaint_id, struct xf_error *err)
{
    static const char sql[] = "INSERT INTO inspection_complaint(inspection_id,complaint_id,"
                              "updated_at) VALUES (?,?,xf_now())";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, inspection_id);
    sqlite3_bind_int64(st, 2, complaint_id);
    int rc = sqlite3_step(st);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* "[1,2,3]" for json_each(). */
static char *ids_json(const int64_t *ids, size_t n)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendchar(s, 1, '[');
    for (size_t i = 0; i < n; i++)
        sqlite3_str_appendf(s, "%s%lld", i ? "," : "", (long long)ids[i]);
    sqlite3_str_appendchar(s, 1, ']');
    return sqlite3_str_finish(s);
}

int xf_store_complaint_set_cohandlers(struct xf_db *db, int64_t complaint_id,
                                      const int64_t *unit_ids, size_t n, struct xf_error *err)
{
    static const char off_sql[] =
        "UPDATE complaint_cohandler SET active=0, version=version+1, updated_at=xf_now()"
        " WHERE complaint_id=?1 AND active=1"
        " AND unit_id NOT IN (SELECT value FROM json_each(?2))";
    /* Rows are never deleted, so a unit named again is reactivated. */
    static const char on_sql[] =
        "INSERT INTO complaint_cohandler(complaint_id,unit_id,updated_at)"
        " SELECT ?1, value, xf_now() FROM json_each(?2) WHERE true"
        " ON CONFLICT(complaint_id,unit_id) DO UPDATE"
        " SET active=1, version=version+1, updated_at=xf_now() WHERE active=0";
    char *json = ids_json(unit_ids, n);
    if (!json)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    const char *sqls[] = {off_sql, on_sql};
    int status = XF_OK;
    for (int i = 0; i < 2 && !status; i++) {
        sqlite3_stmt *st = xf_stmt(db, sqls[i], err);
        if (!st) {
            status = err->code;
            break;
        }
        sqlite3_bind_int64(st, 1, complaint_id);
        xf_bind_text(st, 2, json);
        int rc = sqlite3_step(st);
        xf_stmt_done(st);
        if (rc != SQLITE_DONE)
            status = xf_db_fail(db, rc, err);
    }
    sqlite3_free(json);
    return status;
}

int xf_store_complaint_event_add(struct xf_db *db, struct xf_complaint_event *e,
                                 struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO complaint_event(complaint_id,at,actor,action,from_state,to_state,"
        " unit_id,note,updated_at) VALUES (?1,coalesce(?2,xf_now()),?3,?4,?5,?6,?7,?8,xf_now())"
        " RETURNING id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, e->complaint_id);
    xf_bind_text(st, 2, e->at);
    xf_bind_text(st, 3, e->actor ? e->actor : "?");
    xf_bind_text(st, 4, e->action);
    xf_bind_text(st, 5, e->from_state ? e->from_state : "");
    xf_bind_text(st, 6, e->to_state);
    bind_id(st, 7, e->unit_id);
    xf_bind_text(st, 8, e->note ? e->note : "");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        e->id = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

static void event_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    struct xf_complaint_event *e = elem;
    e->id = sqlite3_column_int64(st, 0);
    e->complaint_id = sqlite3_column_int64(st, 1);
    e->complaint_code = xf_col_strdup(st, 2);
    e->at = xf_col_strdup(st, 3);
    e->actor = xf_col_strdup(st, 4);
    e->action = xf_col_strdup(st, 5);
    e->from_state = xf_col_strdup(st, 6);
    e->to_state = xf_col_strdup(st, 7);
    e->unit_id = sqlite3_column_int64(st, 8);
    e->note = xf_col_strdup(st, 9);
}

static void events_free(void *rows, size_t n)
{
    xf_complaint_events_free(rows, n);
}

int xf_store_complaint_events(struct xf_db *db, int64_t complaint_id, bool with_merged,
                              struct xf_complaint_event **rows, size_t *n, struct xf_error *err)
{
    static const char sql[] =
        "WITH RECURSIVE m(id) AS (SELECT ?1 UNION"
        "  SELECT c.id FROM complaint c JOIN m ON c.merged_into=m.id WHERE ?2)"
        " SELECT e.id,e.complaint_id,c.code,e.at,e.actor,e.action,e.from_state,e.to_state,"
        "  e.unit_id,e.note FROM m JOIN complaint_event e ON e.complaint_id=m.id"
        "  JOIN complaint c ON c.id=e.complaint_id ORDER BY e.id";
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, complaint_id);
    sqlite3_bind_int(st, 2, with_merged);
    return xf_store_collect(db, st, sizeof **rows, (void **)rows, n, event_row, NULL, events_free,
                            err);
}

/* True (in SQL) when the complaint's lead or concerned unit (or its post's
 * unit) lies in a subtree named by code in the JSON array ?S. */
#define IN_SCOPE(S)                                                                                \
    "(" S " IS NULL OR EXISTS (SELECT 1 FROM json_each(" S ") j JOIN unit a ON a.code=j.value"     \
    " JOIN unit x ON x.id IN (c.lead_unit_id, c.unit_id,"                                          \
    "  (SELECT p.unit_id FROM post p WHERE p.id=c.post_id))"                                       \
    " WHERE substr(x.path,1,length(a.path))=a.path))"

/* The same for a handler's view: the lead unit or an active co-handling
 * unit lies in the subtree (what was dispatched to their units). */
#define IN_LEAD_SCOPE(S)                                                                           \
    "(c.lead_unit_id IS NOT NULL AND (" S " IS NULL OR EXISTS (SELECT 1 FROM json_each(" S ") j"   \
    " JOIN unit a ON a.code=j.value JOIN unit x ON x.id=c.lead_unit_id OR x.id IN"                  \
    "  (SELECT h.unit_id FROM complaint_cohandler h WHERE h.complaint_id=c.id AND h.active=1)"     \
    " WHERE substr(x.path,1,length(a.path))=a.path)))"
/* Received on a day from S to U (both included; NULL: open). */
#define RECEIVED_IN(S, U)                                                                          \
    "(" S " IS NULL OR c.received_at >= " S ") AND (" U " IS NULL OR"                              \
    " substr(c.received_at,1,10) <= " U ")"
/* The lead unit l lies in the subtree: the units report's rows for a
 * handler (a complaint they co-handle belongs to its lead unit's row),
 * and what waits for their own signature or reply. */
#define LEAD_UNIT_IN_SCOPE(S)                                                                      \
    "(" S " IS NULL OR EXISTS (SELECT 1 FROM json_each(" S ") j JOIN unit a ON a.code=j.value"     \
    " WHERE substr(l.path,1,length(a.path))=a.path))"

static void complaint_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    complaint_from_row(st, elem);
}

static void complaints_free(void *rows, size_t n)
{
    xf_complaints_free(rows, n);
}

int xf_store_complaint_list(struct xf_db *db, const struct xf_complaint_query *q,
                            struct xf_complaint **rows, size_t *n, struct xf_error *err)
{
    static const char sql[] =
        "SELECT " COMPLAINT_COLS " FROM complaint c"
        " WHERE (?1 IS NULL OR c.state=?1)"
        " AND (?2=0 OR c.state NOT IN ('closed','rejected','merged'))"
        " AND (?3=0 OR EXISTS (SELECT 1 FROM unit a, unit x WHERE a.id=?3"
        "  AND x.id IN (c.lead_unit_id, c.unit_id,"
        "   (SELECT p.unit_id FROM post p WHERE p.id=c.post_id))"
        "  AND substr(x.path,1,length(a.path))=a.path))"
        " AND " IN_SCOPE("?4") " AND (?5=0 OR c.supervised < ?6 OR (c.supervised=?6 AND c.id > ?7))"
                               " ORDER BY c.supervised DESC, c.id LIMIT ?8";
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, q->state);
    sqlite3_bind_int(st, 2, q->open_only);
    sqlite3_bind_int64(st, 3, q->unit_id);
    xf_bind_text(st, 4, q->scope_json);
    sqlite3_bind_int(st, 5, q->has_after);
    sqlite3_bind_int(st, 6, q->after_supervised);
    sqlite3_bind_int64(st, 7, q->after_id);
    sqlite3_bind_int(st, 8, q->limit > 0 ? q->limit : 100);
    return xf_store_collect(db, st, sizeof **rows, (void **)rows, n, complaint_row, NULL,
                            complaints_free, err);
}

/* ---- the interface's keyset pages ---- */

/* The running deadline, and the sort keys of enum xf_complaint_sort; the
 * domain's xf_complaint_sort_key builds the same strings in C. A key is "0"
 * (supervised) or "1" followed by the order's value, so key order is
 * supervised DESC, then the value, then id. The statements below order by
 * those real columns within one supervised segment at a time, each through
 * an index of schema.sql: V_DEADLINE must stay the very expression of the
 * complaint_*deadline indexes, or SQLite cannot use them. */
#define DEADLINE_SQL "(CASE c.state WHEN 'dispatched' THEN c.sign_due WHEN 'signed' THEN c.reply_due END)"
/* The day the running step's clock began ('' when unknown: then it has run). */
#define BEGAN_SQL                                                                                  \
    "coalesce(substr(CASE c.state WHEN 'dispatched' THEN c.dispatched_at"                          \
    " WHEN 'signed' THEN c.signed_at END,1,10),'')"
#define V_RECEIVED "c.received_at"
#define V_DEADLINE "coalesce(" DEADLINE_SQL ",'9999-12-31')"
#define SK_QUEUE "(CASE WHEN c.supervised THEN '0' ELSE '1' END)"
#define SK_RECEIVED "(" SK_QUEUE "||" V_RECEIVED ")"
#define SK_DEADLINE "(" SK_QUEUE "||" V_DEADLINE ")"
/* The expression of the indexes complaint_state_closed and
 * complaint_closed (migration 16, db.c): an open complaint's NULL as '-',
 * before every date, so that it keeps a place in the keys, and after ''
 * (the least key, where an unkeyed walk starts). */
#define V_CLOSED "coalesce(c.closed_at,'-')"
#define SK_CLOSED "(" SK_QUEUE "||" V_CLOSED ")"

/* What decides the index: the open-only queue has partial indexes, a state
 * has indexes led by it, and anything else walks the indexes of the whole
 * table. The other filters only drop rows on the way. */
enum page_shape { SHAPE_ALL, SHAPE_OPEN, SHAPE_STATE, SHAPE_COUNT };
#define WHERE_ALL ""
/* Term by term as the partial indexes' WHERE (schema.sql), or the planner
 * cannot tell that they apply. */
#define WHERE_OPEN "c.state<>'closed' AND c.state<>'rejected' AND c.state<>'merged' AND "
#define WHERE_STATE "c.state=?1 AND "

/* The units named by their line ("市文旅局 › 服务大厅 › 第1号窗口": a
 * window's own name is every department's); the joins above them come
 * last, so only the rows of the page reach them. */
#define PAGE_HEAD(SK)                                                                              \
    "SELECT " COMPLAINT_COLS ", " XF_UNIT_LINE_OF("u", "' \u203a '") ", p.title, "                \
    XF_UNIT_LINE_OF("l", "' \u203a '") ", " SK " FROM complaint c"                                  \
    " LEFT JOIN unit u ON u.id=c.unit_id LEFT JOIN post p ON p.id=c.post_id"                       \
    " LEFT JOIN unit l ON l.id=c.lead_unit_id" XF_UNIT_LINE_JOINS_OF("u")                          \
    XF_UNIT_LINE_JOINS_OF("l")

/* A closed complaint has no deadline running: "overdue" finds those closed
 * after theirs (what the list marks late and the report counts), or a
 * closed list filtered by it was always empty. */
#define CLOSED_LATE_SQL "(c.state='closed' AND c.closed_on_time=0)"
/* ?2 open_only, ?4 clock, ?5 today, ?6 soon, ?22 ran, ?7 unit subtree, ?8
 * post, ?9 scope, ?10 lead_scope; PU is the post's unit. */
#define PAGE_FILTERS PAGE_FILTERS_PU("p.unit_id")
#define PAGE_FILTERS_PU(PU)                                                                        \
    " AND (?2=0 OR c.state NOT IN ('closed','rejected','merged'))"                                 \
    " AND (?4=0 OR (?4=1 AND (" DEADLINE_SQL " < ?5 OR " CLOSED_LATE_SQL "))"                      \
    "  OR (?4=2 AND " DEADLINE_SQL " >= ?5 AND " DEADLINE_SQL " <= ?6 AND " BEGAN_SQL " < ?22))"   \
    " AND (?7=0 OR EXISTS (SELECT 1 FROM unit a, unit x WHERE a.id=?7"                             \
    "  AND x.id IN (c.lead_unit_id, c.unit_id, " PU ")"                                            \
    "  AND substr(x.path,1,length(a.path))=a.path))"                                               \
    " AND (?8=0 OR c.post_id=?8)"                                                                  \
    " AND (?10=0 OR c.lead_unit_id IS NOT NULL)"                                                   \
    " AND (?9 IS NULL OR EXISTS (SELECT 1 FROM json_each(?9) j JOIN unit a ON a.code=j.value"      \
    "  JOIN unit x ON x.id=c.lead_unit_id OR (?10=0 AND x.id IN (c.unit_id, " PU "))"              \
    "   OR (?10<>0 AND x.id IN (SELECT h.unit_id FROM complaint_cohandler h"                       \
    "    WHERE h.complaint_id=c.id AND h.active=1))"                                               \
    "  WHERE substr(x.path,1,length(a.path))=a.path))"

/* The search (?11, NULL: none) tested on each row the walk reaches, so a
 * page stops at a screenful of matches instead of collecting them all
 * first; ?15 leaves out the complainant's name and phone, which a repeat
 * caller is found by (xf_search_match, store_internal.h). A term may also
 * name the complaint's unit, lead unit or post (?18, the places of each
 * term, NULL when none does: then those columns are not read, and a match
 * needs no table row). Before the filters that need other tables, so rows
 * it drops are never joined. */
#define SEARCH_PERSONAL                                                                            \
    "  CASE WHEN ?15 THEN NULL ELSE c.complainant_name END,"                                       \
    "  CASE WHEN ?15 OR ?17 THEN NULL ELSE c.complainant_phone END)"
#define SEARCH_MATCH "xf_search_match(?11, c.code, c.text," SEARCH_PERSONAL
#define SEARCH_MATCH_AT                                                                            \
    "xf_search_match_at(?11, ?18,"                                                                 \
    "  CASE WHEN ?18 IS NULL THEN NULL ELSE c.unit_id END,"                                        \
    "  CASE WHEN ?18 IS NULL THEN NULL ELSE c.lead_unit_id END,"                                   \
    "  CASE WHEN ?18 IS NULL THEN NULL ELSE c.post_id END, c.code, c.text," SEARCH_PERSONAL
#define PAGE_SEARCH_OF(MATCH)                                                                      \
    " AND (?11 IS NULL OR " MATCH                                                                  \
    " OR (?16 IS NOT NULL AND NOT ?15 AND replace(replace(replace(c.complainant_phone,"            \
    "  '-', ''), ' ', ''), '+', '') LIKE '%' || ?16 || '%'))"
#define PAGE_SEARCH PAGE_SEARCH_OF(SEARCH_MATCH_AT)

/* One supervised segment (?3) from a key: SHAPE is a WHERE_ above, KEY the
 * keyset condition on ?12 (the order's value) and ?13 (id), ORDER the
 * index's order; ?1 state, ?14 limit. */
#define PAGE_SQL(SK, SHAPE, KEY, ORDER)                                                            \
    PAGE_HEAD(SK) " WHERE " SHAPE "c.supervised=?3 AND " KEY PAGE_SEARCH PAGE_FILTERS              \
    " ORDER BY " ORDER " LIMIT ?14"

/* SQLite 3.40 cannot seek an index on a row value that ends in the rowid,
 * so (value, id) > (?12, ?13) is two statements: the key's own value with
 * the ids past it ("tie"; ordered by id alone, as SQLite does not see that
 * an expression held equal needs no sorting), then the values past it
 * ("rest"). The queue's order is id alone and needs only the first.
 * [ascending, descending] x [tie, rest]. */
#define QUEUE_SQLS(SH)                                                                             \
    {{PAGE_SQL(SK_QUEUE, SH, "c.id>?13", "c.id"), NULL},                                          \
     {PAGE_SQL(SK_QUEUE, SH, "c.id<?13", "c.id DESC"), NULL}}
#define VALUE_SQLS(SK, V, SH)                                                                      \
    {{PAGE_SQL(SK, SH, V "=?12 AND c.id>?13", "c.id"),                                            \
      PAGE_SQL(SK, SH, V ">?12", V ",c.id")},                                                      \
     {PAGE_SQL(SK, SH, V "=?12 AND c.id<?13", "c.id DESC"),                                       \
      PAGE_SQL(SK, SH, V "<?12", V " DESC,c.id DESC")}}
static const char *const page_sql[XF_CSORT_COUNT][SHAPE_COUNT][2][2] = {
    [XF_CSORT_QUEUE] = {QUEUE_SQLS(WHERE_ALL), QUEUE_SQLS(WHERE_OPEN), QUEUE_SQLS(WHERE_STATE)},
    [XF_CSORT_RECEIVED] = {VALUE_SQLS(SK_RECEIVED, V_RECEIVED, WHERE_ALL),
                           VALUE_SQLS(SK_RECEIVED, V_RECEIVED, WHERE_OPEN),
                           VALUE_SQLS(SK_RECEIVED, V_RECEIVED, WHERE_STATE)},
    [XF_CSORT_DEADLINE] = {VALUE_SQLS(SK_DEADLINE, V_DEADLINE, WHERE_ALL),
                           VALUE_SQLS(SK_DEADLINE, V_DEADLINE, WHERE_OPEN),
                           VALUE_SQLS(SK_DEADLINE, V_DEADLINE, WHERE_STATE)},
    [XF_CSORT_CLOSED] = {VALUE_SQLS(SK_CLOSED, V_CLOSED, WHERE_ALL),
                         VALUE_SQLS(SK_CLOSED, V_CLOSED, WHERE_OPEN),
                         VALUE_SQLS(SK_CLOSED, V_CLOSED, WHERE_STATE)},
};

/* A handler's order (XF_CSORT_ACTION): what is theirs to do first, each
 * by its deadline, and what waits on others (replied, returned) below,
 * where a supervised complaint already answered heads no one's work. A
 * step is theirs where the lead unit lies in ?21 (act_scope_json, NULL:
 * anywhere): one they co-handle waits on its lead unit, and goes below
 * with the rest. It is six segments, each read through an index as the
 * others' two are: supervised to sign for, to answer (by the running
 * deadline, the index complaint_state_deadline, ?20 the state), the same
 * unsupervised, then the rest supervised and unsupervised, by id. The key
 * is the segment's digit, then the deadline (none for the rest). */
#define LEAD_ACTS                                                                                  \
    "(?21 IS NULL OR EXISTS (SELECT 1 FROM json_each(?21) j JOIN unit a ON a.code=j.value"         \
    " JOIN unit x ON x.id=c.lead_unit_id WHERE substr(x.path,1,length(a.path))=a.path))"
#define ACTING "(c.state IN ('dispatched','signed') AND " LEAD_ACTS ")"
#define SK_ACTION                                                                                  \
    "((CASE WHEN NOT " ACTING " THEN (CASE WHEN c.supervised THEN '4' ELSE '5' END)"               \
    " WHEN c.state='dispatched' THEN (CASE WHEN c.supervised THEN '0' ELSE '2' END)"               \
    " ELSE (CASE WHEN c.supervised THEN '1' ELSE '3' END) END)"                                    \
    "||(CASE WHEN " ACTING " THEN " V_DEADLINE " ELSE '' END))"
#define ACTION_STEP_SQL(KEY, ORDER)                                                                \
    PAGE_HEAD(SK_ACTION)                                                                           \
    " WHERE c.state=?20 AND c.supervised=?3 AND " KEY " AND " LEAD_ACTS PAGE_SEARCH PAGE_FILTERS   \
    " ORDER BY " ORDER " LIMIT ?14"
#define ACTION_REST_SQL(SH, KEY, ORDER)                                                            \
    PAGE_HEAD(SK_ACTION)                                                                           \
    " WHERE " SH "NOT " ACTING " AND c.supervised=?3"                                              \
    " AND " KEY PAGE_SEARCH PAGE_FILTERS " ORDER BY " ORDER " LIMIT ?14"
#define ACTION_RESTS(SH)                                                                           \
    {{ACTION_REST_SQL(SH, "c.id>?13", "c.id"), NULL},                                             \
     {ACTION_REST_SQL(SH, "c.id<?13", "c.id DESC"), NULL}}
static const char *const action_step_sql[2][2] = {
    {ACTION_STEP_SQL(V_DEADLINE "=?12 AND c.id>?13", "c.id"),
     ACTION_STEP_SQL(V_DEADLINE ">?12", V_DEADLINE ",c.id")},
    {ACTION_STEP_SQL(V_DEADLINE "=?12 AND c.id<?13", "c.id DESC"),
     ACTION_STEP_SQL(V_DEADLINE "<?12", V_DEADLINE " DESC,c.id DESC")},
};
static const char *const action_rest_sql[SHAPE_COUNT][2][2] = {
    ACTION_RESTS(WHERE_ALL), ACTION_RESTS(WHERE_OPEN), ACTION_RESTS(WHERE_STATE)};
/* The segments in key order: the state to act on (NULL: any other), supervised. */
static const struct {
    const char *state;
    int sup;
} action_segs[] = {{"dispatched", 1}, {"signed", 1}, {"dispatched", 0},
                   {"signed", 0},     {NULL, 1},     {NULL, 0}};
enum { ACTION_NSEGS = sizeof action_segs / sizeof action_segs[0] };

struct page_run {
    struct xf_db *db;
    const struct xf_complaint_page_query *q;
    const char *seg_state; /* ?20: the handler's order's segment state */
    struct xf_complaint *rows;
    size_t n, cap;
    size_t limit;
};

/* A page statement with the filters bound; the caller binds ?3, ?12-?14. */
static sqlite3_stmt *page_stmt(struct page_run *r, const char *sql, struct xf_error *err)
{
    const struct xf_complaint_page_query *q = r->q;
    sqlite3_stmt *st = xf_stmt(r->db, sql, err);
    if (!st)
        return NULL;
    xf_bind_text(st, 1, q->state);
    sqlite3_bind_int(st, 2, q->open_only);
    sqlite3_bind_int(st, 4, (int)q->clock);
    xf_bind_text(st, 5, q->today);
    xf_bind_text(st, 6, q->soon);
    xf_bind_text(st, 22, q->ran);
    sqlite3_bind_int64(st, 7, q->unit_id);
    sqlite3_bind_int64(st, 8, q->post_id);
    xf_bind_text(st, 9, q->scope_json);
    sqlite3_bind_int(st, 10, q->lead_scope);
    xf_bind_text(st, 11, q->search);
    sqlite3_bind_int(st, 15, q->search_no_personal);
    xf_bind_text(st, 16, q->phone);
    xf_bind_text(st, 18, q->search ? q->search_places : NULL);
    /* A search without a digit cannot be in a phone number: the column is
     * left out, which the walk over every row of a rare name feels. */
    sqlite3_bind_int(st, 17, !q->search || !strpbrk(q->search, "0123456789"));
    sqlite3_bind_int64(st, 14, (sqlite3_int64)(r->limit - r->n));
    xf_bind_text(st, 20, r->seg_state);
    xf_bind_text(st, 21, q->act_scope_json);
    return st;
}

/* Steps st to the end, appending its rows. */
static int page_read(struct page_run *r, sqlite3_stmt *st, struct xf_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (xf_grow((void **)&r->rows, &r->cap, r->n, sizeof *r->rows, err)) {
            rc = SQLITE_NOMEM;
            break;
        }
        struct xf_complaint *c = &r->rows[r->n++];
        complaint_from_row(st, c);
        c->unit_name = xf_col_dup(st, COMPLAINT_NCOLS);
        c->post_title = xf_col_dup(st, COMPLAINT_NCOLS + 1);
        c->lead_unit_name = xf_col_dup(st, COMPLAINT_NCOLS + 2);
        c->sort_key = xf_col_strdup(st, COMPLAINT_NCOLS + 3);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return XF_OK;
    return rc == SQLITE_NOMEM ? XF_EIO : xf_db_fail(r->db, rc, err);
}

/* One statement of a segment walk: segment sup from the key (value, id). A
 * NULL value is past every text (a BLOB sorts after all TEXT), for a
 * descending walk from the end. */
static int page_part(struct page_run *r, const char *sql, int sup, const char *value, int64_t id,
                     struct xf_error *err)
{
    sqlite3_stmt *st = page_stmt(r, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 3, sup);
    if (value)
        xf_bind_text(st, 12, value);
    else
        sqlite3_bind_zeroblob(st, 12, 0);
    sqlite3_bind_int64(st, 13, id);
    return page_read(r, st, err);
}

/* Rows of segment sup from the key (value, id), or the whole segment when
 * keyed is false, in the walk's direction. */
static int page_segment(struct page_run *r, const char *const sql[2], bool desc, int sup,
                        bool keyed, const char *value, int64_t id, struct xf_error *err)
{
    if (!sql[1]) /* the queue: ids only */
        return page_part(r, sql[0], sup, "", keyed ? id : desc ? INT64_MAX : INT64_MIN, err);
    if (!keyed) /* '' is the least text, and NULL past the greatest */
        return page_part(r, sql[1], sup, desc ? NULL : "", 0, err);
    int rc = page_part(r, sql[0], sup, value, id, err);
    return rc || r->n >= r->limit ? rc : page_part(r, sql[1], sup, value, 0, err);
}

/* The walk over the supervised segments: from_sup is the key's segment
 * (-1: no key, from the start or the end). */
static int page_walk(struct page_run *r, bool desc, int from_sup, const char *value, int64_t id,
                     struct xf_error *err)
{
    const struct xf_complaint_page_query *q = r->q;
    enum page_shape shape = q->state ? SHAPE_STATE : q->open_only ? SHAPE_OPEN : SHAPE_ALL;
    const char *const *sql = page_sql[q->sort][shape][desc];
    /* Supervised ('0') keys come first in ascending key order. */
    const int segs[2] = {!desc, desc};
    int rc = XF_OK;
    for (int i = 0; i < 2 && !rc && r->n < r->limit; i++) {
        bool keyed = from_sup >= 0;
        if (keyed && segs[i] != from_sup)
            continue; /* wholly before the key */
        from_sup = -1; /* the segments after the key's are read whole */
        if (!q->supervised_only || segs[i])
            rc = page_segment(r, sql, desc, segs[i], keyed, value, id, err);
    }
    return rc;
}

/* The handler's order's walk (action_segs): from_seg is the key's segment
 * (-1: no key). A segment the filters rule out is not read. */
static int page_walk_action(struct page_run *r, bool desc, int from_seg, const char *value,
                            int64_t id, struct xf_error *err)
{
    const struct xf_complaint_page_query *q = r->q;
    enum page_shape shape = q->state ? SHAPE_STATE : q->open_only ? SHAPE_OPEN : SHAPE_ALL;
    /* With an act scope, a complaint to sign for or answer may be
     * another unit's step, in the rest. */
    bool acting_state = !q->act_scope_json && q->state &&
                        (strcmp(q->state, "dispatched") == 0 || strcmp(q->state, "signed") == 0);
    int rc = XF_OK;
    for (int i = 0; i < ACTION_NSEGS && !rc && r->n < r->limit; i++) {
        int s = desc ? ACTION_NSEGS - 1 - i : i;
        bool keyed = from_seg >= 0;
        if (keyed && s != from_seg)
            continue; /* wholly before the key */
        from_seg = -1;
        const char *st = action_segs[s].state;
        if ((q->supervised_only && !action_segs[s].sup) ||
            (st ? q->state && strcmp(q->state, st) != 0 : acting_state))
            continue;
        r->seg_state = st;
        rc = page_segment(r, st ? action_step_sql[desc] : action_rest_sql[shape][desc], desc,
                          action_segs[s].sup, keyed, value, id, err);
    }
    return rc;
}

/* A page may take several statements; one read transaction gives them one
 * snapshot, so a complaint another session moves from one segment to the
 * other meanwhile is neither lost nor shown twice. Inside the caller's
 * transaction there is nothing to do. */
static bool read_begin(struct xf_db *db)
{
    sqlite3 *h = xf_db_handle(db);
    return sqlite3_get_autocommit(h) && sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void read_end(struct xf_db *db, bool began)
{
    sqlite3 *h = xf_db_handle(db);
    if (began && sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
}

int xf_store_complaint_page(struct xf_db *db, const struct xf_complaint_page_query *q,
                            struct xf_complaint **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    if ((unsigned)q->sort >= XF_CSORT_COUNT || (unsigned)q->dir > XF_CDIR_BEFORE)
        return xf_err(err, XF_EINVAL, "sort", _("unknown sort order"));
    bool desc = q->dir == XF_CDIR_BEFORE;
    int64_t id = q->from_id;
    if (q->from_sort && q->dir == XF_CDIR_FROM && id > INT64_MIN)
        id--; /* >= (key, id) is > (key, id - 1) */
    struct page_run r = {.db = db, .q = q, .limit = q->limit > 0 ? (size_t)q->limit : 100};
    /* The key's segment and value. A key that is neither "0..." nor "1..."
     * lies before or after every row. */
    int from_sup = -1;
    const char *value = NULL;
    unsigned char k = q->from_sort ? (unsigned char)q->from_sort[0] : 0;
    if (q->sort == XF_CSORT_ACTION && k >= '0' && k < '0' + ACTION_NSEGS) {
        from_sup = k - '0'; /* the segment */
        value = q->from_sort + 1;
    } else if (q->sort == XF_CSORT_ACTION) {
        if (q->from_sort && (k < '0') == desc)
            return XF_OK;
    } else if (k == '0' || k == '1') {
        from_sup = k == '0';
        value = q->from_sort + 1;
    } else if (q->from_sort && (k < '0') == desc) {
        return XF_OK; /* the walk starts past every key */
    }
    bool began = read_begin(db);
    int rc = q->sort == XF_CSORT_ACTION ? page_walk_action(&r, desc, from_sup, value, id, err)
                                        : page_walk(&r, desc, from_sup, value, id, err);
    read_end(db, began);
    if (rc) {
        xf_complaints_free(r.rows, r.n);
        return rc;
    }
    *rows = r.rows;
    *n = r.n;
    return XF_OK;
}

/* What the page walk would show, counted up to ?14 across both supervised
 * segments (?3: supervised only); SHAPE picks the index as above. The
 * count is of a search's matches, and of the open queue most often: that
 * is walked down the index holding the searched columns, and a row that
 * matches is not read from the table when no filter needs it (the post's
 * unit asked for only by the filters that use it). SQLite preferred the
 * smaller deadline index and joined every match's post: 2.2 ms for a
 * common word among the 1,700 open complaints at city scale. */
#define COUNT_SQL(SHAPE, INDEX, MATCH)                                                             \
    "SELECT count(*) FROM (SELECT 1 FROM complaint c" INDEX " WHERE " SHAPE                       \
    "(?3=0 OR c.supervised=1)" PAGE_SEARCH_OF(MATCH)                                               \
    PAGE_FILTERS_PU("(SELECT unit_id FROM post WHERE id=c.post_id)") " LIMIT ?14)"
/* [shape][whether a term names places]: without places the row's unit,
 * lead unit and post are not even mentioned, so the open queue's index
 * covers the walk (each row's deferred seek cost a third more). */
#define COUNT_SQLS(SHAPE, INDEX)                                                                   \
    {COUNT_SQL(SHAPE, INDEX, SEARCH_MATCH), COUNT_SQL(SHAPE, INDEX, SEARCH_MATCH_AT)}

static const char *const count_sql[SHAPE_COUNT][2] = {
    COUNT_SQLS(WHERE_ALL, ""),
    COUNT_SQLS(WHERE_OPEN, " INDEXED BY complaint_open_queue"),
    COUNT_SQLS(WHERE_STATE, ""),
};

int xf_store_complaint_count(struct xf_db *db, const struct xf_complaint_page_query *q,
                             long cap, long *n, struct xf_error *err)
{
    *n = 0;
    enum page_shape shape = q->state ? SHAPE_STATE : q->open_only ? SHAPE_OPEN : SHAPE_ALL;
    struct page_run r = {.db = db, .q = q, .limit = cap > 0 ? (size_t)cap : 1};
    sqlite3_stmt *st = page_stmt(&r, count_sql[shape][q->search && q->search_places], err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 3, q->supervised_only);
    /* The open queue's index holds open complaints only: testing each
     * one's state again would read its row. */
    if (shape == SHAPE_OPEN)
        sqlite3_bind_int(st, 2, 0);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_complaint_lead_work(struct xf_db *db, const char *scope_json, const char *today,
                                 const char *soon, const char *ran, long *to_sign,
                                 long *to_reply, long *overdue, long *due_soon,
                                 struct xf_error *err)
{
    /* By complaint_state_received: the dispatched and signed ones, each
     * tested for its lead unit (co-handlers neither sign nor reply), and
     * of those the ones past the deadline of their state. */
    static const char sql[] =
        "SELECT coalesce(sum(c.state='dispatched'),0), coalesce(sum(c.state='signed'),0),"
        " coalesce(sum(CASE c.state WHEN 'dispatched' THEN c.sign_due < ?2"
        "  ELSE c.reply_due < ?2 END),0),"
        " coalesce(sum((CASE c.state WHEN 'dispatched' THEN c.sign_due BETWEEN ?2 AND ?3"
        "  ELSE c.reply_due BETWEEN ?2 AND ?3 END) AND " BEGAN_SQL " < ?4),0)"
        " FROM complaint c JOIN unit l ON l.id=c.lead_unit_id"
        " WHERE c.state IN ('dispatched','signed') AND " LEAD_UNIT_IN_SCOPE("?1");
    *to_sign = *to_reply = *overdue = *due_soon = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    xf_bind_text(st, 2, today);
    xf_bind_text(st, 3, soon);
    xf_bind_text(st, 4, ran);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *to_sign = (long)sqlite3_column_int64(st, 0);
        *to_reply = (long)sqlite3_column_int64(st, 1);
        *overdue = (long)sqlite3_column_int64(st, 2);
        *due_soon = (long)sqlite3_column_int64(st, 3);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

bool xf_store_complaint_returned_at(struct xf_db *db, int64_t complaint_id,
                                    char out[XF_DATE_LEN])
{
    static const char sql[] = "SELECT substr(at,1,10) FROM complaint_event WHERE complaint_id=?1"
                              " AND action='return' ORDER BY id DESC LIMIT 1";
    out[0] = '\0';
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, complaint_id);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, XF_DATE_LEN, "%s", (const char *)sqlite3_column_text(st, 0));
    xf_stmt_done(st);
    return out[0] != '\0';
}

bool xf_store_complaint_return_upheld(struct xf_db *db, int64_t complaint_id)
{
    static const char sql[] =
        "SELECT action FROM complaint_event WHERE complaint_id=?1"
        " AND action IN ('return','rule_accept','rule_reject','redispatch')"
        " ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, complaint_id);
    bool upheld = sqlite3_step(st) == SQLITE_ROW &&
                  strcmp((const char *)sqlite3_column_text(st, 0), "rule_reject") == 0;
    xf_stmt_done(st);
    return upheld;
}

bool xf_store_complaint_redo_pending(struct xf_db *db, int64_t complaint_id)
{
    static const char sql[] =
        "SELECT action FROM complaint_event WHERE complaint_id=?1"
        " AND action IN ('dispatch','redispatch','return','rule_accept','rule_reject',"
        "  'callback_unsatisfied')"
        " ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, complaint_id);
    bool redo = sqlite3_step(st) == SQLITE_ROW &&
                strcmp((const char *)sqlite3_column_text(st, 0), "callback_unsatisfied") == 0;
    xf_stmt_done(st);
    return redo;
}

void xf_complaint_picks_free(struct xf_complaint_pick *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].code);
        free(rows[i].label);
    }
    free(rows);
}

/* The user's text taken literally by LIKE ... ESCAPE '\'. */
static char *like_escape(const char *s)
{
    char *out = malloc(2 * strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *o++ = '\\';
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

static void pick_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    struct xf_complaint_pick *r = elem;
    r->id = sqlite3_column_int64(st, 0);
    r->code = xf_col_strdup(st, 1);
    r->label = xf_col_strdup(st, 2);
    r->closed = sqlite3_column_count(st) > 3 && sqlite3_column_int(st, 3);
}

static void picks_free(void *rows, size_t n)
{
    xf_complaint_picks_free(rows, n);
}

static int read_picks(struct xf_db *db, sqlite3_stmt *st, struct xf_complaint_pick **rows,
                      size_t *n, struct xf_error *err)
{
    return xf_store_collect(db, st, sizeof **rows, (void **)rows, n, pick_row, NULL, picks_free,
                            err);
}

int xf_store_complaint_pick_units(struct xf_db *db, const char *query, const char *scope_json,
                                  int limit, struct xf_complaint_pick **rows, size_t *n,
                                  struct xf_error *err)
{
    static const char sql[] =
        /* "市城建委 › 服务大厅 › 第1号窗口": many windows and offices share
         * a name; the units above tell them apart. */
        "WITH l(id, code, label) AS (SELECT u.id, u.code, " XF_UNIT_LINE("' \u203a '")
        " FROM unit u" XF_UNIT_LINE_JOINS " WHERE u.active=1"
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(?3) j JOIN unit a ON a.code=j.value"
        "      WHERE substr(u.path,1,length(a.path))=a.path)))"
        /* flat: "教育局审批处" finds 市教育局 › 审批处, as people write it */
        " SELECT id, code, label FROM (SELECT *, replace(label,' \u203a ','') AS flat FROM l)"
        " WHERE (code LIKE ?1 || '%' ESCAPE '\\' OR flat LIKE '%' || ?1 || '%' ESCAPE '\\')"
        " AND (code LIKE ?4 || '%' ESCAPE '\\' OR flat LIKE '%' || ?4 || '%' ESCAPE '\\')"
        " AND (code LIKE ?5 || '%' ESCAPE '\\' OR flat LIKE '%' || ?5 || '%' ESCAPE '\\')"
        " ORDER BY code LIKE ?1 || '%' ESCAPE '\\' DESC, code LIMIT ?2";
    *rows = NULL;
    *n = 0;
    char *w[XF_LIKE_WORDS];
    if (xf_like_words(query, w) != 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    int rc = st ? XF_OK : err->code;
    if (st) {
        xf_bind_text(st, 1, w[0]);
        sqlite3_bind_int(st, 2, limit > 0 ? limit : 10);
        xf_bind_text(st, 3, scope_json);
        xf_bind_text(st, 4, w[1]);
        xf_bind_text(st, 5, w[2]);
        rc = read_picks(db, st, rows, n, err);
    }
    xf_like_words_free(w);
    return rc;
}

int xf_store_complaint_pick_merge_target(struct xf_db *db, const char *query, const char *phone,
                                 int64_t exclude_id, const char *scope_json, int limit,
                                 struct xf_complaint_pick **rows, size_t *n,
                                 struct xf_error *err)
{
    static const char sql[] =
        /* By code, or by what the complaint says or who made it: the
         * duplicate is known by its subject ("垃圾清运"), rarely by code. */
        /* labelled with the unit concerned: two complaints of the same
         * words may be about different windows */
        "SELECT c.id, c.code, " XF_UNIT_LINE_OF("uu", "' \u203a '") " || ' \u00b7 ' || c.text,"
        " c.state='closed' FROM complaint c LEFT JOIN unit uu ON uu.id=c.unit_id"
        XF_UNIT_LINE_JOINS_OF("uu")
        " WHERE c.state NOT IN ('rejected','merged') AND c.id<>?2"
        " AND (c.code LIKE '%' || ?1 || '%' ESCAPE '\\'"
        "      OR c.text LIKE '%' || ?1 || '%' ESCAPE '\\'"
        "      OR c.complainant_name LIKE '%' || ?1 || '%' ESCAPE '\\'"
        /* or by the caller's phone (digits: a repeat caller is known by
         * the number, as / finds them in the list; the picker is a
         * supervisor's, who sees it) */
        "      OR (length(?5) >= 3 AND"
        "          replace(replace(c.complainant_phone,' ',''),'-','') LIKE '%' || ?5 || '%')"
        /* or by the unit, as the list's / search finds it ("教育局") */
        "      OR " XF_UNIT_LINE_OF("uu", "''") " LIKE '%' || ?1 || '%' ESCAPE '\\')"
        " AND " IN_SCOPE("?3")
        " ORDER BY c.code LIKE '%' || ?1 || '%' ESCAPE '\\' DESC, c.state='closed', c.code"
        " LIMIT ?4";
    *rows = NULL;
    *n = 0;
    char *q = like_escape(query ? query : "");
    if (!q)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st) {
        free(q);
        return err->code;
    }
    xf_bind_text(st, 1, q);
    sqlite3_bind_int64(st, 2, exclude_id);
    xf_bind_text(st, 3, scope_json);
    sqlite3_bind_int(st, 4, limit > 0 ? limit : 10);
    xf_bind_text(st, 5, phone && *phone ? phone : NULL);
    int rc = read_picks(db, st, rows, n, err);
    free(q);
    return rc;
}

static int one_label(struct xf_db *db, const char *sql, int64_t id, char **out,
                     struct xf_error *err)
{
    *out = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = xf_col_strdup(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_ROW)
        return *out ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "", _("no record #%lld"), (long long)id);
    return xf_db_fail(db, rc, err);
}

int xf_store_complaint_unit_label(struct xf_db *db, int64_t unit_id, char **out,
                                  struct xf_error *err)
{
    /* With the units above it: "第1号窗口" alone names a window in every
     * department. */
    static const char sql[] =
        "SELECT " XF_UNIT_LINE("' \u203a '") " || ' (' || u.code || ')'"
        " FROM unit u" XF_UNIT_LINE_JOINS " WHERE u.id=?";
    return one_label(db, sql, unit_id, out, err);
}

int xf_store_complaint_unit_pick_label(struct xf_db *db, int64_t unit_id, char **out,
                                       struct xf_error *err)
{
    static const char sql[] = "SELECT u.code || '  ' || " XF_UNIT_LINE("' \u203a '")
                              " FROM unit u" XF_UNIT_LINE_JOINS " WHERE u.id=?";
    return one_label(db, sql, unit_id, out, err);
}

int xf_store_complaint_post_label(struct xf_db *db, int64_t post_id, char **out,
                                  struct xf_error *err)
{
    static const char sql[] = "SELECT title || ' (' || code || ')' FROM post WHERE id=?";
    return one_label(db, sql, post_id, out, err);
}

int xf_store_complaint_each(struct xf_db *db, xf_complaint_row_fn fn, void *arg,
                            struct xf_error *err)
{
    /* A merged complaint comes after the one it was merged into (which
     * may be newer), so that the file imports again: rows in the order of
     * their surviving complaint, each merge one step further down. A
     * chain that leads nowhere (a cycle no workflow makes) still has its
     * rows written, where their own id puts them. */
    static const char sql[] =
        "WITH RECURSIVE chain(id, root, depth) AS ("
        " SELECT id, id, 0 FROM complaint WHERE merged_into IS NULL"
        " UNION ALL SELECT m.id, chain.root, chain.depth + 1 FROM complaint m"
        " JOIN chain ON m.merged_into = chain.id)"
        "SELECT " COMPLAINT_COLS ", p.code, u.code, l.code,"
        " (SELECT group_concat(code, ';') FROM (SELECT x.code FROM complaint_cohandler h"
        "   JOIN unit x ON x.id=h.unit_id WHERE h.complaint_id=c.id AND h.active=1"
        "   ORDER BY x.code)),"
        " mc.code"
        " FROM complaint c LEFT JOIN post p ON p.id=c.post_id"
        " LEFT JOIN unit u ON u.id=c.unit_id LEFT JOIN unit l ON l.id=c.lead_unit_id"
        " LEFT JOIN complaint mc ON mc.id=c.merged_into"
        " LEFT JOIN chain ch ON ch.id=c.id"
        " ORDER BY coalesce(ch.root, c.id), coalesce(ch.depth, 0), c.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    int rc = SQLITE_DONE, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_complaint c = {0};
        complaint_from_row(st, &c);
        const int k = COMPLAINT_NCOLS;
        struct xf_complaint_refs refs = {
            .post_code = (const char *)sqlite3_column_text(st, k),
            .unit_code = (const char *)sqlite3_column_text(st, k + 1),
            .lead_unit_code = (const char *)sqlite3_column_text(st, k + 2),
            .cohandler_codes = (const char *)sqlite3_column_text(st, k + 3),
            .merged_into_code = (const char *)sqlite3_column_text(st, k + 4),
        };
        stop = fn(arg, &c, &refs);
        xf_complaint_clear(&c);
    }
    xf_stmt_done(st);
    if (stop)
        return stop;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

static void state_count_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    struct xf_complaint_state_count *r = elem;
    r->state = xf_col_strdup(st, 0);
    r->count = sqlite3_column_int64(st, 1);
    r->overdue = sqlite3_column_int64(st, 2);
    r->supervised = sqlite3_column_int64(st, 3);
    r->closed_late = sqlite3_column_int64(st, 4);
    r->extended_late = sqlite3_column_int64(st, 5);
}

static void state_counts_free(void *rows, size_t n)
{
    xf_complaint_state_counts_free(rows, n);
}

int xf_store_complaint_count_states(struct xf_db *db, const char *today, const char *scope_json,
                                    bool lead_scope, const struct xf_period *period,
                                    struct xf_complaint_state_count **rows, size_t *n,
                                    struct xf_error *err)
{
    /* The covering index complaint_state, in state order; the scope (NULL:
     * everything) is a test per complaint, so it has a statement of its own. */
#define COUNT_STATES_OF(SUPERVISED, WHERE)                                                         \
    "SELECT c.state, count(*),"                                                                    \
    " sum((c.state='dispatched' AND c.sign_due < ?1) OR"                                           \
    "     (c.state='signed' AND c.reply_due < ?1)),"                                               \
    " sum(" SUPERVISED "), sum(c.state='closed' AND c.closed_on_time=0),"                         \
    " sum(c.missed_due IS NOT NULL AND NOT coalesce((c.state='dispatched' AND c.sign_due < ?1)"   \
    "     OR (c.state='signed' AND c.reply_due < ?1),0))"                                          \
    " FROM complaint c" WHERE " GROUP BY c.state ORDER BY c.state"
#define COUNT_STATES_SQL(WHERE) COUNT_STATES_OF("c.supervised", WHERE)
    static const char all_sql[] = COUNT_STATES_SQL("");
    static const char scope_sql[] = COUNT_STATES_SQL(" WHERE " IN_SCOPE("?2"));
    static const char lead_sql[] = COUNT_STATES_SQL(" WHERE " IN_LEAD_SCOPE("?2"));
    /* A period is a report of its own (not the city's running figures):
     * one statement, the scope tested only when there is one. Its
     * supervised are those pressed at any time, closed ones too (closing
     * clears 督办: a month's report said 0 of what had to be pressed). */
#define EVER_SUPERVISED                                                                            \
    "(c.supervised OR EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = c.id"        \
    "  AND e.action = 'supervise'))"
    static const char period_sql[] = COUNT_STATES_OF(
        EVER_SUPERVISED, " WHERE " RECEIVED_IN("?3", "?4") " AND " IN_SCOPE("?2"));
    static const char period_lead_sql[] = COUNT_STATES_OF(
        EVER_SUPERVISED, " WHERE " RECEIVED_IN("?3", "?4") " AND " IN_LEAD_SCOPE("?2"));
    *rows = NULL;
    *n = 0;
    bool in_period = period && (period->since || period->until);
    sqlite3_stmt *st = xf_stmt(db,
                               in_period    ? (lead_scope ? period_lead_sql : period_sql)
                               : lead_scope ? lead_sql
                               : !scope_json ? all_sql
                                             : scope_sql,
                               err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, today);
    xf_bind_text(st, 2, scope_json);
    if (in_period) {
        xf_bind_text(st, 3, period->since);
        xf_bind_text(st, 4, period->until);
    }
    return xf_store_collect(db, st, sizeof **rows, (void **)rows, n, state_count_row, NULL,
                            state_counts_free, err);
}

/* A text column as SQLite holds it (s NULL for SQL NULL), compared below
 * the way SQL compares text: bytes, then length (BINARY). */
struct text_col {
    const char *s;
    int n;
};

static struct text_col text_col(sqlite3_stmt *st, int col)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    return (struct text_col){s, s ? sqlite3_column_bytes(st, col) : 0};
}

static int text_cmp(struct text_col a, struct text_col b)
{
    int c = memcmp(a.s, b.s, (size_t)(a.n < b.n ? a.n : b.n));
    return c ? c : (a.n > b.n) - (a.n < b.n);
}

static bool text_is(struct text_col t, const char *literal)
{
    return t.s && text_cmp(t, (struct text_col){literal, (int)strlen(literal)}) == 0;
}

/* substr(t, 1, chars): whole UTF-8 characters. */
static struct text_col text_prefix(struct text_col t, int chars)
{
    int i = 0;
    for (; i < t.n && chars > 0; chars--)
        for (i++; i < t.n && ((unsigned char)t.s[i] & 0xC0) == 0x80; i++)
            ;
    return (struct text_col){t.s, i};
}

/* Adds one complaint (a row of UNIT_ROWS_SQL) to its lead unit's figures.
 * A response is decided once the unit signed or the sign-for deadline
 * passed; complaints still inside their time limit do not count yet. */
static void add_to_unit(struct xf_complaint_unit_stats *r, sqlite3_stmt *st,
                        struct text_col today)
{
    struct text_col state = text_col(st, 3), sign_due = text_col(st, 4),
                    signed_at = text_col(st, 5), outcome = text_col(st, 7);
    bool closed = text_is(state, "closed");
    r->dispatched++;
    if (signed_at.s || (text_is(state, "dispatched") && sign_due.s && text_cmp(sign_due, today) < 0))
        r->response_base++;
    if (signed_at.s && sign_due.s && text_cmp(text_prefix(signed_at, 10), sign_due) <= 0)
        r->responded_in_time++;
    r->closed += closed;
    r->closed_on_time += closed && sqlite3_column_int64(st, 6) == 1; /* NULL reads as 0 */
    /* Every callback that reached the citizen counts, not only the last:
     * each unsatisfied one sent the complaint back for a redo (redo_count),
     * and a later callback overwrites the outcome. */
    bool satisfied = text_is(outcome, "satisfied");
    r->reached += sqlite3_column_int64(st, 8) + satisfied;
    r->satisfied += satisfied;
    r->unreachable += text_is(outcome, "unreachable");
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The units report names a unit from its department down ("市城建委 ›
 * 服务大厅 › 第1号窗口": dozens are "第1号窗口"): every unit's line in one
 * walk of the unit table, matched to the rows by id (a lookup per row
 * would be one statement per row). SQLITE_DONE, or the failure. */
static int name_lines(struct xf_db *db, struct xf_complaint_unit_stats *rows, const int64_t *ids,
                      size_t n)
{
    static const char sql[] = "SELECT u.id, " XF_UNIT_LINE("' \u203a '") " FROM unit u"
                               XF_UNIT_LINE_JOINS " WHERE u.parent_id IS NOT NULL";
    if (n == 0)
        return SQLITE_DONE;
    size_t *order = malloc(n * sizeof *order);
    int64_t *sorted = malloc(n * sizeof *sorted);
    sqlite3_stmt *st = order && sorted ? xf_stmt(db, sql, NULL) : NULL;
    if (!st) {
        free(order);
        free(sorted);
        return SQLITE_NOMEM;
    }
    memcpy(sorted, ids, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_id);
    for (size_t i = 0; i < n; i++) /* where each id's row is */
        order[(int64_t *)bsearch(&ids[i], sorted, n, sizeof *sorted, by_id) - sorted] = i;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const int64_t *hit = bsearch(&id, sorted, n, sizeof *sorted, by_id);
        char *line = hit ? xf_col_dup(st, 1) : NULL;
        if (line) {
            struct xf_complaint_unit_stats *r = &rows[order[hit - sorted]];
            free(r->unit_name);
            r->unit_name = line;
        }
    }
    xf_stmt_done(st);
    free(order);
    free(sorted);
    return rc;
}

int xf_store_complaint_unit_stats(struct xf_db *db, const char *today, const char *scope_json,
                                  const struct xf_period *period,
                                  struct xf_complaint_unit_stats **rows, size_t *n,
                                  struct xf_error *err)
{
    /* Units are walked in code order and each one's complaints read from
     * the covering index complaint_lead: no table rows, no sorting. The
     * figures are added up here rather than by seven SQL aggregates, which
     * cost three times as much per complaint (23,000 at city scale). The
     * scope (NULL: everything) is a test per complaint, so the statement
     * without it is a separate one. */
#define UNIT_ROWS_SQL(WHERE)                                                                       \
    "SELECT l.id, l.code, l.name, c.state, c.sign_due, c.signed_at, c.closed_on_time,"            \
    " c.callback_outcome, c.redo_count FROM unit l JOIN complaint c ON c.lead_unit_id=l.id" WHERE  \
    " ORDER BY l.code"
    static const char all_sql[] = UNIT_ROWS_SQL("");
    static const char lead_sql[] = UNIT_ROWS_SQL(" WHERE " LEAD_UNIT_IN_SCOPE("?1"));
    static const char period_lead_sql[] =
        UNIT_ROWS_SQL(" WHERE " RECEIVED_IN("?2", "?3") " AND " LEAD_UNIT_IN_SCOPE("?1"));
    /* A row is a lead unit's rates: a scoped user gets their units' rows,
     * whole. The complaints about their units that an outside unit led
     * made rows of that unit with a part of its figures, read as its
     * rates. */
    *rows = NULL;
    *n = 0;
    bool in_period = period && (period->since || period->until);
    const char *sql = in_period ? period_lead_sql : !scope_json ? all_sql : lead_sql;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    if (scope_json)
        xf_bind_text(st, 1, scope_json);
    if (in_period) {
        xf_bind_text(st, 2, period->since);
        xf_bind_text(st, 3, period->until);
    }
    struct text_col day = {today, (int)strlen(today)};
    struct xf_complaint_unit_stats *r = NULL;
    int64_t r_unit = 0, *ids = NULL;
    size_t cap = 0, ids_cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t unit = sqlite3_column_int64(st, 0);
        if (!r || unit != r_unit) {
            if (xf_grow((void **)rows, &cap, *n, sizeof **rows, err) ||
                xf_grow((void **)&ids, &ids_cap, *n, sizeof *ids, err)) {
                rc = SQLITE_NOMEM;
                break;
            }
            ids[*n] = unit;
            r = &(*rows)[(*n)++];
            r_unit = unit;
            r->unit_code = xf_col_strdup(st, 1);
            r->unit_name = xf_col_strdup(st, 2);
        }
        add_to_unit(r, st, day);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        rc = name_lines(db, *rows, ids, *n);
    free(ids);
    if (rc == SQLITE_DONE)
        return XF_OK;
    xf_complaint_unit_stats_free(*rows, *n);
    *rows = NULL;
    *n = 0;
    return rc == SQLITE_NOMEM ? XF_EIO : xf_db_fail(db, rc, err);
}
