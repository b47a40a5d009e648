/* Key projects. */
#include "xf/store_project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_emit.h"
#include "xf/store_internal.h"

#define PROJECT_COLS "id,code,name,category,owner_unit_id,active,version"

void xf_project_clear(struct xf_project *p)
{
    free(p->code);
    free(p->name);
    free(p->category);
    memset(p, 0, sizeof *p);
}

static int fetch_project(struct xf_db *db, sqlite3_stmt *st, struct xf_project *p,
                         const char *key, struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->id = sqlite3_column_int64(st, 0);
        p->code = xf_col_strdup(st, 1);
        p->name = xf_col_strdup(st, 2);
        p->category = xf_col_strdup(st, 3);
        p->owner_unit_id = sqlite3_column_int64(st, 4);
        p->active = sqlite3_column_int(st, 5);
        p->version = sqlite3_column_int64(st, 6);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "project", _("no project %s"), key);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_project_get(struct xf_db *db, int64_t id, struct xf_project *out,
                         struct xf_error *err)
{
    static const char sql[] = "SELECT " PROJECT_COLS " FROM project WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_project(db, st, out, key, err);
}

int xf_store_project_by_code(struct xf_db *db, const char *code, struct xf_project *out,
                             struct xf_error *err)
{
    static const char sql[] = "SELECT " PROJECT_COLS " FROM project WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_project(db, st, out, code, err);
}

int xf_store_project_insert(struct xf_db *db, struct xf_project *p, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO project(code,name,category,owner_unit_id,active,updated_at)"
        " VALUES (?1,?2,?3,?4,?5,xf_now()) RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, p->code);
    xf_bind_text(st, 2, p->name);
    xf_bind_text(st, 3, p->category);
    sqlite3_bind_int64(st, 4, p->owner_unit_id);
    sqlite3_bind_int(st, 5, p->active);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->id = sqlite3_column_int64(st, 0);
        p->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_project_update(struct xf_db *db, struct xf_project *p, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE project SET name=?2,category=?3,owner_unit_id=?4,active=?5,"
        " version=version+1, updated_at=xf_now() WHERE id=?1 AND version=?6 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, p->id);
    xf_bind_text(st, 2, p->name);
    xf_bind_text(st, 3, p->category);
    sqlite3_bind_int64(st, 4, p->owner_unit_id);
    sqlite3_bind_int(st, 5, p->active);
    sqlite3_bind_int64(st, 6, p->version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        p->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "project",
                      _("project %s was changed by someone else; reload it and try again"),
                      p->code);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_project_export(struct xf_db *db,
                            void (*emit)(void *arg, const char *const *fields), void *arg,
                            struct xf_error *err)
{
    static const char sql[] =
        "SELECT p.code, p.name, p.category, u.code, p.active"
        " FROM project p JOIN unit u ON u.id=p.owner_unit_id ORDER BY p.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}
