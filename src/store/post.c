/* Pioneer posts. */
#include "xf/store_post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_emit.h"
#include "xf/store_internal.h"

static const char *const status_names[XF_POST_NSTATUS] = {"proposed", "published", "named",
                                                          "revoked"};

const char *xf_post_status_name(enum xf_post_status s)
{
    return (unsigned)s < XF_POST_NSTATUS ? status_names[s] : "?";
}

int xf_post_status_parse(const char *name)
{
    for (int i = 0; name && i < XF_POST_NSTATUS; i++)
        if (!strcmp(name, status_names[i]))
            return i;
    return -1;
}

void xf_post_clear(struct xf_post *p)
{
    char **s[] = {&p->code,          &p->title,           &p->holder_name,
                  &p->position,      &p->scope,           &p->hotline,
                  &p->commit_standard, &p->commit_time_limit, &p->commit_quality,
                  &p->commit_attitude, &p->status,        &p->published_on,
                  &p->named_on,      &p->named_level,     &p->revoked_on,
                  &p->revoke_reason};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
    memset(p, 0, sizeof *p);
}

#define POST_COLS                                                                          \
    "id,code,unit_id,project_id,title,holder_member_id,holder_name,position,scope,hotline," \
    "commit_standard,commit_time_limit,commit_quality,commit_attitude,status,published_on," \
    "named_on,named_level,revoked_on,revoke_reason,version"

static void post_from_row(sqlite3_stmt *st, struct xf_post *p)
{
    p->id = sqlite3_column_int64(st, 0);
    p->code = xf_col_strdup(st, 1);
    p->unit_id = sqlite3_column_int64(st, 2);
    p->project_id = sqlite3_column_int64(st, 3);
    p->title = xf_col_strdup(st, 4);
    p->holder_member_id = sqlite3_column_int64(st, 5);
    p->holder_name = xf_col_strdup(st, 6);
    p->position = xf_col_strdup(st, 7);
    p->scope = xf_col_strdup(st, 8);
    p->hotline = xf_col_strdup(st, 9);
    p->commit_standard = xf_col_strdup(st, 10);
    p->commit_time_limit = xf_col_strdup(st, 11);
    p->commit_quality = xf_col_strdup(st, 12);
    p->commit_attitude = xf_col_strdup(st, 13);
    p->status = xf_col_strdup(st, 14);
    p->published_on = xf_col_dup(st, 15);
    p->named_on = xf_col_dup(st, 16);
    p->named_level = xf_col_dup(st, 17);
    p->revoked_on = xf_col_dup(st, 18);
    p->revoke_reason = xf_col_dup(st, 19);
    p->version = sqlite3_column_int64(st, 20);
}

static int fetch_post(struct xf_db *db, sqlite3_stmt *st, struct xf_post *p, const char *key,
                      struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        post_from_row(st, p);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "post", _("no post %s"), key);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_get(struct xf_db *db, int64_t id, struct xf_post *out, struct xf_error *err)
{
    static const char sql[] = "SELECT " POST_COLS " FROM post WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_post(db, st, out, key, err);
}

int xf_store_post_by_code(struct xf_db *db, const char *code, struct xf_post *out,
                          struct xf_error *err)
{
    static const char sql[] = "SELECT " POST_COLS " FROM post WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_post(db, st, out, code, err);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Binds the columns insert and update share, from parameter 3 on:
 * project_id .. revoke_reason (18 values). */
static void bind_common(sqlite3_stmt *st, const struct xf_post *p)
{
    if (p->project_id)
        sqlite3_bind_int64(st, 3, p->project_id);
    else
        sqlite3_bind_null(st, 3);
    xf_bind_text(st, 4, p->title);
    if (p->holder_member_id)
        sqlite3_bind_int64(st, 5, p->holder_member_id);
    else
        sqlite3_bind_null(st, 5);
    const char *text[] = {p->holder_name,     p->position,        p->scope,
                          p->hotline,         p->commit_standard, p->commit_time_limit,
                          p->commit_quality,  p->commit_attitude};
    for (int i = 0; i < 8; i++)
        xf_bind_text(st, 6 + i, or_empty(text[i]));
    xf_bind_text(st, 14, p->status ? p->status : "proposed");
    xf_bind_text(st, 15, p->published_on);
    xf_bind_text(st, 16, p->named_on);
    xf_bind_text(st, 17, p->named_level);
    xf_bind_text(st, 18, p->revoked_on);
    xf_bind_text(st, 19, p->revoke_reason);
}

int xf_store_post_insert(struct xf_db *db, struct xf_post *p, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO post(code,unit_id,project_id,title,holder_member_id,holder_name,position,"
        "scope,hotline,commit_standard,commit_time_limit,commit_quality,commit_attitude,status,"
        "published_on,named_on,named_level,revoked_on,revoke_reason,updated_at)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,xf_now())"
        " RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, p->code);
    sqlite3_bind_int64(st, 2, p->unit_id);
    bind_common(st, p);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->id = sqlite3_column_int64(st, 0);
        p->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_update(struct xf_db *db, struct xf_post *p, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE post SET project_id=?3,title=?4,holder_member_id=?5,holder_name=?6,"
        "position=?7,scope=?8,hotline=?9,commit_standard=?10,commit_time_limit=?11,"
        "commit_quality=?12,commit_attitude=?13,status=?14,published_on=?15,named_on=?16,"
        "named_level=?17,revoked_on=?18,revoke_reason=?19,"
        " version=version+1, updated_at=xf_now() WHERE id=?1 AND version=?2 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_int64(st, 2, p->version);
    bind_common(st, p);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        p->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "post",
                      _("post %s was changed by someone else; reload it and try again"),
                      p->code);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_status_counts(struct xf_db *db, const char *scope_json,
                                int64_t counts[XF_POST_NSTATUS], struct xf_error *err)
{
    static const char sql[] =
        "SELECT p.status, count(*) FROM post p JOIN unit u ON u.id=p.unit_id"
        " WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) j"
        "  WHERE substr(u.path,1,length(j.value))=j.value)"
        " GROUP BY p.status";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    memset(counts, 0, sizeof(int64_t) * XF_POST_NSTATUS);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int s = xf_post_status_parse((const char *)sqlite3_column_text(st, 0));
        if (s >= 0)
            counts[s] = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                         void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT p.code, u.code, coalesce(j.code,''), p.title, coalesce(m.code,''),"
        " p.holder_name, p.position, p.scope, p.hotline, p.commit_standard,"
        " p.commit_time_limit, p.commit_quality, p.commit_attitude, p.status,"
        " coalesce(p.published_on,''), coalesce(p.named_on,''), coalesce(p.named_level,''),"
        " coalesce(p.revoked_on,''), coalesce(p.revoke_reason,'')"
        " FROM post p JOIN unit u ON u.id=p.unit_id"
        " LEFT JOIN project j ON j.id=p.project_id"
        " LEFT JOIN member m ON m.id=p.holder_member_id ORDER BY p.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}
