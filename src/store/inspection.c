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
    "items_failed,items_applicable,critical_failed,findings,result,version"

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
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct xf_inspection_item *grown = realloc(*out, ncap * sizeof *grown);
            if (!grown) {
                xf_stmt_done(st);
                xf_inspection_items_free(*out, *n);
                *out = NULL;
                *n = 0;
                return xf_err(err, XF_EIO, "", _("out of memory"));
            }
            *out = grown;
            cap = ncap;
        }
        struct xf_inspection_item *it = &(*out)[(*n)++];
        it->id = sqlite3_column_int64(st, 0);
        it->inspection_id = sqlite3_column_int64(st, 1);
        it->item_no = sqlite3_column_int(st, 2);
        it->label = xf_col_strdup(st, 3);
        it->critical = sqlite3_column_int(st, 4);
        it->outcome = xf_col_strdup(st, 5);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
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
    static const char sql[] = "SELECT count(*) FROM inspection WHERE on_date=?";
    *out = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, on_date);
    int rc = sqlite3_step(st);
    int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    xf_stmt_done(st);
    if (rc != SQLITE_ROW)
        return xf_db_fail(db, rc, err);
    char ymd[9] = "";
    for (size_t i = 0, j = 0; on_date[i] && j < 8; i++)
        if (on_date[i] != '-')
            ymd[j++] = on_date[i];
    /* Imported codes may follow the same pattern; step past any taken. */
    for (;;) {
        char *code = sqlite3_mprintf("XJ-%s-%04lld", ymd, (long long)++n);
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

#define RECT_COLS "id,inspection_id,due_on,status,done_on,done_note,verified_by,verified_on,version"

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
        "verified_on,updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,xf_now()) RETURNING id, version";
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
        " verified_on=?6, version=version+1, updated_at=xf_now()"
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

int xf_store_inspection_counts(struct xf_db *db, const char *today,
                               struct xf_inspection_counts out[2], struct xf_error *err)
{
    static const char sql[] =
        "SELECT i.kind='sample', count(*), sum(i.result='pass'), sum(i.result='fail'),"
        " sum(r.status='open'), sum(r.status='open' AND r.due_on < ?1)"
        " FROM inspection i LEFT JOIN rectification r ON r.inspection_id = i.id"
        " GROUP BY i.kind='sample'";
    memset(out, 0, 2 * sizeof *out);
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, today);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_inspection_counts *c = &out[sqlite3_column_int(st, 0) ? 1 : 0];
        c->inspections = sqlite3_column_int64(st, 1);
        c->passed = sqlite3_column_int64(st, 2);
        c->failed = sqlite3_column_int64(st, 3);
        c->rect_open = sqlite3_column_int64(st, 4);
        c->rect_overdue = sqlite3_column_int64(st, 5);
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
        " r.verified_on,r.version"
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
