/* Inspections, checklist items and rectifications. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"
#include "xf/store_inspection.h"

void xf_inspection_clear(struct xf_inspection *in)
{
    free(in->code);
    free(in->kind);
    free(in->template_name);
    free(in->inspector);
    free(in->on_date);
    free(in->findings);
    free(in->result);
    free(in->correction_note);
    memset(in, 0, sizeof *in);
}

void xf_inspection_item_clear(struct xf_inspection_item *it)
{
    free(it->label);
    free(it->outcome);
    memset(it, 0, sizeof *it);
}

void xf_rectification_clear(struct xf_rectification *r)
{
    free(r->due_on);
    free(r->status);
    free(r->done_on);
    free(r->done_note);
    free(r->verified_by);
    free(r->verified_on);
    free(r->returned_note);
    memset(r, 0, sizeof *r);
}

void xf_inspection_items_free(struct xf_inspection_item *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++)
        xf_inspection_item_clear(&items[i]);
    free(items);
}

#define INSPECTION_COLS                                                                            \
    "id,code,kind,template,post_id,unit_id,inspector,on_date,samples_checked,samples_failed,"      \
    "items_failed,items_applicable,critical_failed,findings,result,version,correction_note"

static void inspection_from_row(sqlite3_stmt *st, struct xf_inspection *in)
{
    in->id = sqlite3_column_int64(st, 0);
    in->code = xf_col_strdup(st, 1);
    in->kind = xf_col_strdup(st, 2);
    in->template_name = xf_col_strdup(st, 3);
    in->post_id = sqlite3_column_int64(st, 4);
    in->unit_id = sqlite3_column_int64(st, 5);
    in->inspector = xf_col_strdup(st, 6);
    in->on_date = xf_col_strdup(st, 7);
    in->samples_checked = sqlite3_column_int(st, 8);
    in->samples_failed = sqlite3_column_int(st, 9);
    in->items_failed = sqlite3_column_int(st, 10);
    in->items_applicable = sqlite3_column_int(st, 11);
    in->critical_failed = sqlite3_column_int(st, 12);
    in->findings = xf_col_strdup(st, 13);
    in->result = xf_col_strdup(st, 14);
    in->version = sqlite3_column_int64(st, 15);
    in->correction_note = xf_col_dup(st, 16);
}

static int fetch_inspection(struct xf_db *db, sqlite3_stmt *st, struct xf_inspection *out,
                            const char *key, struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        inspection_from_row(st, out);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "inspection", _("no inspection %s"), key);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_inspection_get(struct xf_db *db, int64_t id, struct xf_inspection *out,
                            struct xf_error *err)
{
    static const char sql[] = "SELECT " INSPECTION_COLS " FROM inspection WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%" PRId64, id);
    return fetch_inspection(db, st, out, key, err);
}

int xf_store_inspection_by_code(struct xf_db *db, const char *code, struct xf_inspection *out,
                                struct xf_error *err)
{
    static const char sql[] = "SELECT " INSPECTION_COLS " FROM inspection WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_inspection(db, st, out, code, err);
}

int xf_store_inspection_insert(struct xf_db *db, struct xf_inspection *in, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO inspection(code,kind,template,post_id,unit_id,inspector,on_date,"
        "samples_checked,samples_failed,items_failed,items_applicable,critical_failed,findings,"
        "result,updated_at) VALUES (?1,?2,?3,nullif(?4,0),?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
        "xf_now()) RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, in->code);
    xf_bind_text(st, 2, in->kind);
    xf_bind_text(st, 3, in->template_name);
    sqlite3_bind_int64(st, 4, in->post_id);
    sqlite3_bind_int64(st, 5, in->unit_id);
    xf_bind_text(st, 6, in->inspector);
    xf_bind_text(st, 7, in->on_date);
    sqlite3_bind_int(st, 8, in->samples_checked);
    sqlite3_bind_int(st, 9, in->samples_failed);
    sqlite3_bind_int(st, 10, in->items_failed);
    sqlite3_bind_int(st, 11, in->items_applicable);
    sqlite3_bind_int(st, 12, in->critical_failed);
    xf_bind_text(st, 13, in->findings ? in->findings : "");
    xf_bind_text(st, 14, in->result);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        in->id = sqlite3_column_int64(st, 0);
        in->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_inspection_update(struct xf_db *db, struct xf_inspection *in, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE inspection SET samples_checked=?3,samples_failed=?4,items_failed=?5,"
        "items_applicable=?6,critical_failed=?7,findings=?8,result=?9,correction_note=?10,"
        "version=version+1,updated_at=xf_now() WHERE id=?1 AND version=?2 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, in->id);
    sqlite3_bind_int64(st, 2, in->version);
    sqlite3_bind_int(st, 3, in->samples_checked);
    sqlite3_bind_int(st, 4, in->samples_failed);
    sqlite3_bind_int(st, 5, in->items_failed);
    sqlite3_bind_int(st, 6, in->items_applicable);
    sqlite3_bind_int(st, 7, in->critical_failed);
    xf_bind_text(st, 8, in->findings ? in->findings : "");
    xf_bind_text(st, 9, in->result);
    xf_bind_text(st, 10, in->correction_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        in->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "version",
                      _("inspection %s was changed by someone else; reload it and try again"),
                      in->code ? in->code : "?");
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_inspection_item_set(struct xf_db *db, int64_t id, const char *outcome,
                                 struct xf_error *err)
{
    static const char sql[] = "UPDATE inspection_item SET outcome=?2, version=version+1,"
                              " updated_at=xf_now() WHERE id=?1";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    xf_bind_text(st, 2, outcome);
    int rc = sqlite3_step(st);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

void xf_inspection_correction_clear(struct xf_inspection_correction *c)
{
    free(c->at);
    free(c->actor);
    free(c->note);
    memset(c, 0, sizeof *c);
}

int xf_store_inspection_corrections(struct xf_db *db, int64_t id,
                                    struct xf_inspection_correction *out, struct xf_error *err)
{
    static const char sql[] =
        "SELECT at, actor, json_extract(after,'$.correction_note'),"
        " count(*) OVER () FROM history"
        " WHERE entity='inspection' AND entity_id=? AND action='inspection.correct'"
        " ORDER BY id DESC LIMIT 1";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->at = xf_col_strdup(st, 0);
        out->actor = xf_col_strdup(st, 1);
        out->note = xf_col_strdup(st, 2);
        out->count = sqlite3_column_int(st, 3);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_ROW && (!out->at || !out->actor || !out->note)) {
        xf_inspection_correction_clear(out);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_inspection_item_insert(struct xf_db *db, struct xf_inspection_item *it,
                                    struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO inspection_item(inspection_id,item_no,label,critical,outcome,updated_at)"
        " VALUES (?1,?2,?3,?4,?5,xf_now()) RETURNING id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, it->inspection_id);
    sqlite3_bind_int(st, 2, it->item_no);
    xf_bind_text(st, 3, it->label);
    sqlite3_bind_int(st, 4, it->critical);
    xf_bind_text(st, 5, it->outcome);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        it->id = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

static void item_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    struct xf_inspection_item *it = elem;
    it->id = sqlite3_column_int64(st, 0);
    it->inspection_id = sqlite3_column_int64(st, 1);
    it->item_no = sqlite3_column_int(st, 2);
    it->label = xf_col_strdup(st, 3);
    it->critical = sqlite3_column_int(st, 4);
    it->outcome = xf_col_strdup(st, 5);
}

static void items_free(void *rows, size_t n)
{
    xf_inspection_items_free(rows, n);
}

int xf_store_inspection_items(struct xf_db *db, int64_t inspection_id,
                              struct xf_inspection_item **out, size_t *n, struct xf_error *err)
{
    static const char sql[] =
        "SELECT id,inspection_id,item_no,label,critical,outcome FROM inspection_item"
        " WHERE inspection_id=? ORDER BY item_no";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, inspection_id);
    return xf_store_collect(db, st, sizeof **out, (void **)out, n, item_row, NULL, items_free, err);
}

bool xf_store_inspection_code_taken(struct xf_db *db, const char *code)
{
    static const char sql[] = "SELECT 1 FROM inspection WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    xf_bind_text(st, 1, code);
    bool yes = sqlite3_step(st) == SQLITE_ROW;
    xf_stmt_done(st);
    return yes;
}

int xf_store_inspection_new_code(struct xf_db *db, const char *on_date, char **out,
                                 struct xf_error *err)
{
    static const struct xf_seq_sql q = XF_SEQ_SQL("inspection", 4, 9999);
    *out = NULL;
    char ymd[9] = "";
    for (size_t i = 0, j = 0; on_date[i] && j < 8; i++)
        if (on_date[i] != '-')
            ymd[j++] = on_date[i];
    char prefix[16];
    snprintf(prefix, sizeof prefix, "XJ-%s-", ymd);
    int64_t n = 0;
    int rc = xf_store_max_seq(db, &q, prefix, &n, err);
    if (rc)
        return rc;
    /* An imported code may still match (past all nines); step past it. */
    for (;;) {
        char *code = sqlite3_mprintf("%s%04lld", prefix, (long long)++n);
        if (!code)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        if (!xf_store_inspection_code_taken(db, code)) {
            *out = strdup(code);
            sqlite3_free(code);
            return *out ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
        }
        sqlite3_free(code);
    }
}

int xf_store_inspection_post_unit(struct xf_db *db, const char *post_code, int64_t *post_id,
                                  int64_t *unit_id, struct xf_error *err)
{
    static const char by_code[] = "SELECT id, unit_id FROM post WHERE code=?";
    static const char by_id[] = "SELECT id, unit_id FROM post WHERE id=?";
    bool use_code = post_code && *post_code;
    sqlite3_stmt *st = xf_stmt(db, use_code ? by_code : by_id, err);
    if (!st)
        return err->code;
    if (use_code)
        xf_bind_text(st, 1, post_code);
    else
        sqlite3_bind_int64(st, 1, *post_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *post_id = sqlite3_column_int64(st, 0);
        *unit_id = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE) {
        if (use_code)
            return xf_err(err, XF_ENOTFOUND, "post_code", _("no post with code '%s'"), post_code);
        return xf_err(err, XF_ENOTFOUND, "post_id", _("no post #%" PRId64), *post_id);
    }
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* ---- rectifications ---- */

#define RECT_COLS                                                                         \
    "id,inspection_id,due_on,status,done_on,done_note,verified_by,verified_on,version,"    \
    "returned_note"

static void rect_from_row(sqlite3_stmt *st, int first, struct xf_rectification *r)
{
    r->id = sqlite3_column_int64(st, first + 0);
    r->inspection_id = sqlite3_column_int64(st, first + 1);
    r->due_on = xf_col_strdup(st, first + 2);
    r->status = xf_col_strdup(st, first + 3);
    r->done_on = xf_col_dup(st, first + 4);
    r->done_note = xf_col_dup(st, first + 5);
    r->verified_by = xf_col_dup(st, first + 6);
    r->verified_on = xf_col_dup(st, first + 7);
    r->version = sqlite3_column_int64(st, first + 8);
    r->returned_note = xf_col_dup(st, first + 9);
}

static int fetch_rect(struct xf_db *db, sqlite3_stmt *st, struct xf_rectification *out, int64_t key,
                      struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rect_from_row(st, 0, out);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "rectification", _("no rectification #%" PRId64), key);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_rect_get(struct xf_db *db, int64_t id, struct xf_rectification *out,
                      struct xf_error *err)
{
    static const char sql[] = "SELECT " RECT_COLS " FROM rectification WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    return fetch_rect(db, st, out, id, err);
}

int xf_store_rect_by_inspection(struct xf_db *db, int64_t inspection_id,
                                struct xf_rectification *out, struct xf_error *err)
{
    static const char sql[] = "SELECT " RECT_COLS " FROM rectification WHERE inspection_id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, inspection_id);
    return fetch_rect(db, st, out, inspection_id, err);
}

int xf_store_rect_insert(struct xf_db *db, struct xf_rectification *r, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO rectification(inspection_id,due_on,status,done_on,done_note,verified_by,"
        "verified_on,returned_note,updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,xf_now())"
        " RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, r->inspection_id);
    xf_bind_text(st, 2, r->due_on);
    xf_bind_text(st, 3, r->status ? r->status : "open");
    xf_bind_text(st, 4, r->done_on);
    xf_bind_text(st, 5, r->done_note);
    xf_bind_text(st, 6, r->verified_by);
    xf_bind_text(st, 7, r->verified_on);
    xf_bind_text(st, 8, r->returned_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->id = sqlite3_column_int64(st, 0);
        r->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_rect_update(struct xf_db *db, struct xf_rectification *r, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE rectification SET status=?2,done_on=?3,done_note=?4,verified_by=?5,"
        " verified_on=?6, due_on=?8, returned_note=?9, version=version+1, updated_at=xf_now()"
        " WHERE id=?1 AND version=?7 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, r->id);
    xf_bind_text(st, 2, r->status);
    xf_bind_text(st, 3, r->done_on);
    xf_bind_text(st, 4, r->done_note);
    xf_bind_text(st, 5, r->verified_by);
    xf_bind_text(st, 6, r->verified_on);
    sqlite3_bind_int64(st, 7, r->version);
    xf_bind_text(st, 8, r->due_on);
    xf_bind_text(st, 9, r->returned_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        r->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(
            err, XF_ECONFLICT, "rectification",
            _("rectification #%" PRId64 " was changed by someone else; reload it and try again"),
            r->id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_rect_done_by(struct xf_db *db, int64_t id, char **out, struct xf_error *err)
{
    static const char sql[] =
        "SELECT actor FROM history WHERE entity='rectification' AND entity_id=?"
        " AND json_extract(after,'$.status')='done' ORDER BY id DESC LIMIT 1";
    *out = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = xf_col_dup(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* ---- reports and export ---- */

int xf_store_inspection_counts(struct xf_db *db, const char *today, const char *scope_json,
                               const struct xf_period *period, struct xf_inspection_counts out[2],
                               struct xf_error *err)
{
    /* The city: results and sample batches from the covering index
     * inspection_kind (schema 9), in kind order; open rectifications and
     * those reported done (few) through rectification_status, joined by
     * kind afterwards rather than probed for every inspection. */
#define COUNT_K(FROM)                                                                              \
    " k AS (SELECT kind, count(*) AS n, sum(result='pass') AS passed,"                             \
    "   sum(result='fail') AS failed, sum(samples_checked) AS checked,"                            \
    "   sum(samples_failed) AS sfailed FROM " FROM " GROUP BY kind),"
/* Reported done and not verified is the Overview's "to verify": a report
 * without it read as if every rectification were closed. */
#define RECT_COUNTS                                                                                \
    "count(*) FILTER (WHERE r.status = 'open') AS open,"                                           \
    " sum(r.status = 'open' AND r.due_on < ?1) AS overdue,"                                        \
    " count(*) FILTER (WHERE r.status = 'done') AS to_verify"
#define COUNT_SELECT                                                                               \
    " SELECT k.kind='sample', k.n, k.passed, k.failed, coalesce(r.open, 0),"                       \
    "  coalesce(r.overdue, 0), k.checked, k.sfailed, coalesce(r.to_verify, 0)"                     \
    " FROM k LEFT JOIN r ON r.kind = k.kind"
    static const char all_sql[] =
        "WITH" COUNT_K("inspection")
        " r AS (SELECT i.kind, " RECT_COUNTS
        "   FROM rectification r JOIN inspection i ON i.id = r.inspection_id"
        "   WHERE r.status IN ('open', 'done') GROUP BY i.kind)" COUNT_SELECT;
    /* A scope: the units within it (a few thousand at most, each tested
     * against the scope's paths), their inspections by inspection_unit,
     * gathered once and counted as above. */
#define COUNT_S                                                                                    \
    COUNT_K("s")                                                                                   \
    " r AS (SELECT s.kind, " RECT_COUNTS                                                           \
    "   FROM rectification r JOIN s ON s.id = r.inspection_id"                                     \
    "   WHERE r.status IN ('open', 'done') GROUP BY s.kind)" COUNT_SELECT
#define UNIT_IN_SCOPE(S)                                                                           \
    "(" S " IS NULL OR EXISTS (SELECT 1 FROM json_each(" S ") j"                                   \
    " WHERE substr(u.path, 1, length(j.value)) = j.value))"
    static const char scope_sql[] =
        "WITH s AS (SELECT i.id, i.kind, i.result, i.samples_checked, i.samples_failed"
        "   FROM unit u JOIN inspection i ON i.unit_id = u.id"
        "   WHERE " UNIT_IN_SCOPE("?2") ")," COUNT_S;
    /* A period: the inspections of those days (inspection_date), then the
     * scope if any. */
    static const char period_sql[] =
        "WITH s AS (SELECT i.id, i.kind, i.result, i.samples_checked, i.samples_failed"
        "   FROM inspection i"
        "   JOIN unit u ON u.id = i.unit_id"
        "   WHERE (?3 IS NULL OR i.on_date >= ?3) AND (?4 IS NULL OR i.on_date <= ?4)"
        "   AND " UNIT_IN_SCOPE("?2") ")," COUNT_S;
    memset(out, 0, 2 * sizeof *out);
    bool in_period = period && (period->since || period->until);
    sqlite3_stmt *st = xf_stmt(db, in_period ? period_sql : scope_json ? scope_sql : all_sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, today);
    xf_bind_text(st, 2, scope_json);
    if (in_period) {
        xf_bind_text(st, 3, period->since);
        xf_bind_text(st, 4, period->until);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_inspection_counts *c = &out[sqlite3_column_int(st, 0) ? 1 : 0];
        c->inspections = sqlite3_column_int64(st, 1);
        c->passed = sqlite3_column_int64(st, 2);
        c->failed = sqlite3_column_int64(st, 3);
        c->rect_open = sqlite3_column_int64(st, 4);
        c->rect_overdue = sqlite3_column_int64(st, 5);
        c->samples_checked = sqlite3_column_int64(st, 6);
        c->samples_failed = sqlite3_column_int64(st, 7);
        c->rect_to_verify = sqlite3_column_int64(st, 8);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_inspection_each(struct xf_db *db, xf_inspection_export_fn fn, void *arg,
                             struct xf_error *err)
{
    /* The items come back as one "pass;fail;na" string; the subquery fixes
     * their order before group_concat joins them. */
    static const char sql[] =
        "SELECT i.id,i.code,i.kind,i.template,i.post_id,i.unit_id,i.inspector,i.on_date,"
        " i.samples_checked,i.samples_failed,i.items_failed,i.items_applicable,"
        " i.critical_failed,i.findings,i.result,i.version,"
        " coalesce(p.code,''), u.code,"
        " coalesce((SELECT group_concat(outcome,';') FROM (SELECT outcome FROM inspection_item"
        "   WHERE inspection_id=i.id ORDER BY item_no)),''),"
        " r.id,r.inspection_id,r.due_on,r.status,r.done_on,r.done_note,r.verified_by,"
        " r.verified_on,r.version,r.returned_note"
        " FROM inspection i JOIN unit u ON u.id=i.unit_id LEFT JOIN post p ON p.id=i.post_id"
        " LEFT JOIN rectification r ON r.inspection_id=i.id ORDER BY i.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    int rc = SQLITE_DONE, cb = XF_OK;
    while (cb == XF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_inspection in = {0};
        struct xf_rectification r = {0};
        inspection_from_row(st, &in);
        bool has_rect = sqlite3_column_type(st, 19) != SQLITE_NULL;
        if (has_rect)
            rect_from_row(st, 19, &r);
        struct xf_inspection_export_row row = {
            .in = &in,
            .post_code = (const char *)sqlite3_column_text(st, 16),
            .unit_code = (const char *)sqlite3_column_text(st, 17),
            .items = (const char *)sqlite3_column_text(st, 18),
            .rect = has_rect ? &r : NULL,
        };
        cb = fn(arg, &row);
        xf_inspection_clear(&in);
        xf_rectification_clear(&r);
    }
    xf_stmt_done(st);
    if (cb != XF_OK)
        return cb;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* ---- the Inspections list ---- */

void xf_inspection_line_clear(struct xf_inspection_line *l)
{
    free(l->code);
    free(l->kind);
    free(l->template_name);
    free(l->on_date);
    free(l->inspector);
    free(l->result);
    free(l->post_code);
    free(l->post_title);
    free(l->unit_name);
    free(l->rect_status);
    free(l->rect_due_on);
    free(l->rect_verified_on);
    free(l->sort);
    memset(l, 0, sizeof *l);
}

/* Every page query is one of 16 static statements: order (date, unit) x
 * direction (forward, backward) x the table that drives the scan. The
 * driver follows the most selective narrowing so a query never walks
 * 30,000 rows to find four: a post (inspection_post), a rectification
 * state (rectification_status), a unit subtree (unit_path, then
 * inspection_unit), an inspector's own (inspection_inspector), or else
 * the order's own index. CROSS JOIN pins the
 * driver first. The other narrowings stay as "?N IS NULL OR ..." terms.
 *
 * Parameters: ?1 date and ?2 id of the key, ?12 its unit id (unit order);
 * ?3 result, ?4 kind, ?5 rectification filter on, ?13 its status, ?14 the
 * due date it must be before, ?17 sent back only; ?7/?15 unit path range; ?8 post; ?9 LIKE;
 * ?10 scope; ?11 limit; ?16 one id (locate); ?18 the search's digits, for the post's
 * hotline; ?19 the inspector; ?20/?21 the first and last day. The days are bound
 * always (open ends as "" and "9999-12-31") so that in date order they are
 * a range of inspection_date (or inspection_post), where "?20 IS NULL OR"
 * would hide it; in unit order a '+' keeps them off the index, or the
 * planner took inspection_date and sorted every row (0.5 s at city scale). */
#define LINE_COLS                                                                                  \
    "i.id,i.post_id,i.unit_id,i.code,i.kind,i.template,i.on_date,i.inspector,i.result,"            \
    "coalesce(p.code,''),coalesce(p.title,'')," XF_UNIT_LINE_OF("u", "' \u203a '") ","            \
    "i.samples_checked,i.samples_failed,"                                                          \
    "i.critical_failed,coalesce(r.id,0),coalesce(r.version,0),coalesce(r.status,''),"              \
    "coalesce(r.due_on,''),r.returned_note IS NOT NULL,i.items_failed,coalesce(r.verified_on,''),"\
    "i.items_applicable"
#define SORT_DATE "i.on_date"
#define SORT_UNIT "i.unit_id||'|'||i.on_date"

#define JOIN_REST                                                                                  \
    " JOIN unit u ON u.id=i.unit_id LEFT JOIN post p ON p.id=i.post_id"
/* The units above u (its line, "市质监局 › 服务大厅 › 第1号窗口") joined
 * last, so only the rows of a page reach them. */
#define FROM_PLAIN                                                                                 \
    " FROM inspection i" JOIN_REST " LEFT JOIN rectification r ON r.inspection_id=i.id"            \
    XF_UNIT_LINE_JOINS_OF("u")
#define FROM_RECT                                                                                  \
    " FROM rectification r CROSS JOIN inspection i ON i.id=r.inspection_id" JOIN_REST              \
    XF_UNIT_LINE_JOINS_OF("u")
#define FROM_UNIT                                                                                  \
    " FROM unit uu CROSS JOIN inspection i ON i.unit_id=uu.id" JOIN_REST                           \
    " LEFT JOIN rectification r ON r.inspection_id=i.id" XF_UNIT_LINE_JOINS_OF("u")

#define DRIVE_PLAIN ""
#define DRIVE_POST " AND i.post_id=?8"
#define DRIVE_RECT " AND r.status=?13 AND r.due_on<?14"
#define DRIVE_UNIT " AND uu.path>=?7 AND uu.path<?15"
#define DRIVE_MINE " AND i.inspector=?19"

#define FILTERS                                                                                    \
    " WHERE (?3 IS NULL OR i.result=?3) AND (?4 IS NULL OR i.kind=?4)"                             \
    " AND (?5=0 OR (r.status=?13 AND r.due_on<?14))"                                               \
    " AND (?17=0 OR r.returned_note IS NOT NULL)"                                                   \
    " AND (?7 IS NULL OR (u.path>=?7 AND u.path<?15))"                                             \
    " AND (?8=0 OR i.post_id=?8)"                                                                  \
    " AND (?19 IS NULL OR i.inspector=?19)"                                                        \
    " AND (?9 IS NULL OR i.findings LIKE ?9 ESCAPE '\\' OR i.code LIKE ?9 ESCAPE '\\'"             \
    "  OR p.title LIKE ?9 ESCAPE '\\' OR p.code LIKE ?9 ESCAPE '\\' OR i.inspector LIKE ?9 ESCAPE '\\'" \
    "  OR (?18 IS NOT NULL AND replace(replace(replace(p.hotline,'-',''),' ',''),'+','')"          \
    "      LIKE '%' || ?18 || '%')"                                                             \
    "  OR i.unit_id IN (SELECT d.id FROM unit h JOIN unit d"                                       \
    "   ON d.path >= h.path AND d.path < h.path || '~' WHERE h.name LIKE ?9 ESCAPE '\\'))"       \
    " AND (?10 IS NULL OR EXISTS (SELECT 1 FROM json_each(?10) j"                                  \
    "  WHERE substr(u.path,1,length(j.value))=j.value))"

#define DAYS_INDEXED " AND i.on_date>=?20 AND i.on_date<=?21"
#define DAYS_FILTERED " AND +i.on_date>=?20 AND +i.on_date<=?21"
/* The rows a count and a locate look among, in either order: every
 * narrowing a term, the days a range of inspection_date (which the count
 * walks; a locate goes by its id). */
#define MATCHING FROM_PLAIN FILTERS DAYS_INDEXED
#define KEY_DATE_FWD                                                                               \
    DAYS_INDEXED " AND (i.on_date,i.id)<(?1,?2) ORDER BY i.on_date DESC,i.id DESC LIMIT ?11"
#define KEY_DATE_BACK DAYS_INDEXED " AND (i.on_date,i.id)>(?1,?2) ORDER BY i.on_date,i.id LIMIT ?11"
/* By unit: units in the order they were set up (a department before the
 * units under it), each unit's newest first. */
#define KEY_UNIT_FWD                                                                               \
    DAYS_FILTERED " AND i.unit_id>=?12 AND NOT (i.unit_id=?12 AND (i.on_date,i.id)>=(?1,?2))"      \
    " ORDER BY i.unit_id,i.on_date DESC,i.id DESC LIMIT ?11"
#define KEY_UNIT_BACK                                                                              \
    DAYS_FILTERED " AND i.unit_id<=?12 AND NOT (i.unit_id=?12 AND (i.on_date,i.id)<=(?1,?2))"      \
    " ORDER BY i.unit_id DESC,i.on_date,i.id LIMIT ?11"

#define PAGE(SORT, FROM, DRIVE, KEY) "SELECT " LINE_COLS "," SORT FROM FILTERS DRIVE KEY
#define PAGE_DRIVERS(SORT, KEY)                                                                    \
    {PAGE(SORT, FROM_PLAIN, DRIVE_PLAIN, KEY), PAGE(SORT, FROM_PLAIN, DRIVE_POST, KEY),            \
     PAGE(SORT, FROM_RECT, DRIVE_RECT, KEY), PAGE(SORT, FROM_UNIT, DRIVE_UNIT, KEY),            \
     PAGE(SORT, FROM_PLAIN, DRIVE_MINE, KEY)}

enum driver { DRV_PLAIN, DRV_POST, DRV_RECT, DRV_UNIT, DRV_MINE, DRV_N };

static const char *const page_sql[XF_INSP_NORDERS][2][DRV_N] = {
    {PAGE_DRIVERS(SORT_DATE, KEY_DATE_FWD), PAGE_DRIVERS(SORT_DATE, KEY_DATE_BACK)},
    {PAGE_DRIVERS(SORT_UNIT, KEY_UNIT_FWD), PAGE_DRIVERS(SORT_UNIT, KEY_UNIT_BACK)},
};

static enum driver pick_driver(const struct xf_inspection_filter *f)
{
    if (f->post_id > 0)
        return DRV_POST;
    if (f->rect != XF_INSP_RECT_ANY)
        return DRV_RECT;
    if (f->unit_path)
        return DRV_UNIT;
    return f->inspector ? DRV_MINE : DRV_PLAIN;
}

/* "/1/7/" -> "/1/70": every path below "/1/7/" sorts in [lo, hi). Paths
 * hold digits and '/', and '0' follows '/'. Caller frees. */
static char *path_upper(const char *path)
{
    size_t n = strlen(path);
    char *hi = malloc(n + 2);
    if (!hi)
        return NULL;
    memcpy(hi, path, n + 1);
    if (n > 0 && hi[n - 1] == '/')
        hi[n - 1] = '0';
    else {
        hi[n] = '0';
        hi[n + 1] = '\0';
    }
    return hi;
}

static int bind_filter(sqlite3_stmt *st, const struct xf_inspection_filter *f, const char *hi)
{
    static const char *const rect_status[] = {NULL, "open", "open", "done", "open", "verified"};
    xf_bind_text(st, 3, f->result);
    xf_bind_text(st, 4, f->kind);
    sqlite3_bind_int(st, 5, f->rect != XF_INSP_RECT_ANY);
    sqlite3_bind_int(st, 17, f->rect == XF_INSP_RECT_RETURNED);
    xf_bind_text(st, 7, f->unit_path);
    sqlite3_bind_int64(st, 8, f->post_id);
    xf_bind_text(st, 9, f->like);
    xf_bind_text(st, 10, f->scope_json);
    xf_bind_text(st, 18, f->like ? f->phone : NULL);
    xf_bind_text(st, 13, f->rect < XF_INSP_RECT_NFILTERS ? rect_status[f->rect] : NULL);
    /* Open and done rows qualify whatever their due date; overdue ones
     * must be due before today. */
    xf_bind_text(st, 14, f->rect == XF_INSP_RECT_OVERDUE && f->today ? f->today : "9999-12-31");
    xf_bind_text(st, 15, hi);
    xf_bind_text(st, 19, f->inspector);
    xf_bind_text(st, 20, f->since ? f->since : "");
    xf_bind_text(st, 21, f->until ? f->until : "9999-12-31");
    return XF_OK;
}

/* The statement sql (a page, a count or a locate) with f's narrowings
 * bound; NULL with err set when it cannot be had. */
static sqlite3_stmt *filtered_stmt(struct xf_db *db, const char *sql,
                                   const struct xf_inspection_filter *f, struct xf_error *err)
{
    char *hi = f->unit_path ? path_upper(f->unit_path) : NULL;
    if (f->unit_path && !hi) {
        xf_err(err, XF_EIO, "", _("out of memory"));
        return NULL;
    }
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (st)
        bind_filter(st, f, hi); /* bound as a copy: hi can go */
    free(hi);
    return st;
}

static void line_from_row(sqlite3_stmt *st, struct xf_inspection_line *l)
{
    l->id = sqlite3_column_int64(st, 0);
    l->post_id = sqlite3_column_int64(st, 1);
    l->unit_id = sqlite3_column_int64(st, 2);
    l->code = xf_col_strdup(st, 3);
    l->kind = xf_col_strdup(st, 4);
    l->template_name = xf_col_strdup(st, 5);
    l->on_date = xf_col_strdup(st, 6);
    l->inspector = xf_col_strdup(st, 7);
    l->result = xf_col_strdup(st, 8);
    l->post_code = xf_col_strdup(st, 9);
    l->post_title = xf_col_strdup(st, 10);
    l->unit_name = xf_col_strdup(st, 11);
    l->samples_checked = sqlite3_column_int(st, 12);
    l->samples_failed = sqlite3_column_int(st, 13);
    l->critical_failed = sqlite3_column_int(st, 14);
    l->rect_id = sqlite3_column_int64(st, 15);
    l->rect_version = sqlite3_column_int64(st, 16);
    l->rect_status = xf_col_strdup(st, 17);
    l->rect_due_on = xf_col_strdup(st, 18);
    l->rect_returned = sqlite3_column_int(st, 19) != 0;
    l->items_failed = sqlite3_column_int(st, 20);
    l->rect_verified_on = xf_col_strdup(st, 21);
    l->items_applicable = sqlite3_column_int(st, 22);
    l->sort = xf_col_strdup(st, 23);
}

static bool line_ok(const struct xf_inspection_line *l)
{
    return l->code && l->kind && l->template_name && l->on_date && l->inspector && l->result &&
           l->post_code && l->post_title && l->unit_name && l->rect_status && l->rect_due_on &&
           l->rect_verified_on && l->sort;
}

/* Binds the key ?1 ?2 ?12. A missing key becomes a sentinel beyond every
 * row; FROM is AFTER a key one step further back (ids are integers). */
static void bind_key(sqlite3_stmt *st, const struct xf_inspection_filter *f, const char *from_sort,
                     int64_t from_id, enum xf_inspection_dir dir)
{
    bool back = dir == XF_INSP_BEFORE;
    if (!from_sort) {
        xf_bind_text(st, 1, back ? "" : "9999-12-31");
        sqlite3_bind_int64(st, 2, back ? -1 : INT64_MAX);
        sqlite3_bind_int64(st, 12, back ? INT64_MAX : -1);
        return;
    }
    const char *date = from_sort;
    if (f->order == XF_INSP_ORDER_UNIT) {
        const char *bar = strchr(from_sort, '|');
        sqlite3_bind_int64(st, 12, strtoll(from_sort, NULL, 10));
        date = bar ? bar + 1 : "";
    }
    xf_bind_text(st, 1, date);
    sqlite3_bind_int64(st, 2, dir == XF_INSP_FROM ? from_id + 1 : from_id);
}

int xf_store_inspection_page(struct xf_db *db, const struct xf_inspection_filter *f,
                             const char *from_sort, int64_t from_id,
                             enum xf_inspection_dir dir, int limit,
                             struct xf_inspection_line *out, int *n, struct xf_error *err)
{
    *n = 0;
    if (limit <= 0)
        return XF_OK;
    int order = f->order == XF_INSP_ORDER_UNIT ? 1 : 0;
    const char *sql = page_sql[order][dir == XF_INSP_BEFORE][pick_driver(f)];
    sqlite3_stmt *st = filtered_stmt(db, sql, f, err);
    if (!st)
        return err->code;
    bind_key(st, f, from_sort, from_id, dir);
    sqlite3_bind_int(st, 11, limit);
    int rc = SQLITE_DONE;
    bool oom = false;
    while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_inspection_line *l = &out[(*n)++];
        memset(l, 0, sizeof *l);
        line_from_row(st, l);
        oom = oom || !line_ok(l);
    }
    if (*n == limit)
        rc = SQLITE_DONE;
    xf_stmt_done(st);
    if (oom || rc != SQLITE_DONE) {
        for (int i = 0; i < *n; i++)
            xf_inspection_line_clear(&out[i]);
        *n = 0;
        return oom ? xf_err(err, XF_EIO, "", _("out of memory")) : xf_db_fail(db, rc, err);
    }
    return XF_OK;
}

int xf_store_inspection_locate(struct xf_db *db, const struct xf_inspection_filter *f, int64_t id,
                               char **sort_out, struct xf_error *err)
{
    static const char by_date[] = "SELECT " SORT_DATE MATCHING " AND i.id=?16";
    static const char by_unit[] = "SELECT " SORT_UNIT MATCHING " AND i.id=?16";
    *sort_out = NULL;
    sqlite3_stmt *st =
        filtered_stmt(db, f->order == XF_INSP_ORDER_UNIT ? by_unit : by_date, f, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 16, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *sort_out = xf_col_strdup(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "inspection", _("no inspection #%" PRId64 " here"), id);
    if (rc != SQLITE_ROW)
        return xf_db_fail(db, rc, err);
    return *sort_out ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
}

int xf_store_inspection_count(struct xf_db *db, const struct xf_inspection_filter *f, long cap,
                              long *n, struct xf_error *err)
{
    /* An inspector's own are counted through inspection_inspector, as
     * their pages are read: the "?19 IS NULL OR" term alone walked every
     * check in the days (with a search, 99 ms for 30,000 on the city; 31
     * through the index for one inspector's 5,000). */
    static const char all[] = "SELECT count(*) FROM (SELECT 1" MATCHING " LIMIT ?11)";
    static const char mine[] =
        "SELECT count(*) FROM (SELECT 1" MATCHING DRIVE_MINE " LIMIT ?11)";
    *n = 0;
    sqlite3_stmt *st = filtered_stmt(db, f->inspector ? mine : all, f, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 11, cap);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* ---- rectification history ---- */

void xf_rect_events_free(struct xf_rect_event *ev, size_t n)
{
    for (size_t i = 0; ev && i < n; i++) {
        free(ev[i].at);
        free(ev[i].actor);
        free(ev[i].action);
        free(ev[i].status);
        free(ev[i].note);
        free(ev[i].due_before);
        free(ev[i].due_after);
    }
    free(ev);
}

static void rect_event_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    struct xf_rect_event *e = elem;
    e->at = xf_col_strdup(st, 0);
    e->actor = xf_col_strdup(st, 1);
    e->action = xf_col_strdup(st, 2);
    e->status = xf_col_strdup(st, 3);
    e->note = xf_col_strdup(st, 4);
    e->due_before = xf_col_strdup(st, 5);
    e->due_after = xf_col_strdup(st, 6);
}

static void rect_events_free(void *rows, size_t n)
{
    xf_rect_events_free(rows, n);
}

int xf_store_rect_history(struct xf_db *db, int64_t id, struct xf_rect_event **out, size_t *n,
                          struct xf_error *err)
{
    static const char sql[] =
        "SELECT at,actor,action,coalesce(json_extract(after,'$.status'),''),"
        " coalesce(CASE action WHEN 'rectification.return'"
        "  THEN json_extract(after,'$.returned_note') WHEN 'rectification.done'"
        "  THEN json_extract(after,'$.done_note') END,''),"
        " coalesce(json_extract(before,'$.due_on'),''),coalesce(json_extract(after,'$.due_on'),'')"
        " FROM history WHERE entity='rectification' AND entity_id=? ORDER BY id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    return xf_store_collect(db, st, sizeof **out, (void **)out, n, rect_event_row, NULL,
                            rect_events_free, err);
}
