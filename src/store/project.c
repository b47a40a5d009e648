/* Key projects. */
#include "xf/store_project.h"

#include <stdint.h>
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

/* The projects a scope sees (?4 its paths, NULL: all): those its units
 * own or serve with a post, as the interface's list shows them. */
#define PR_IN_SCOPE(PATH)                                                  \
    "(?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(?4) j"                 \
    " WHERE substr(" PATH ",1,length(j.value))=j.value))"
#define PR_SEEN                                                                     \
    " (" PR_IN_SCOPE("u.path") " OR EXISTS (SELECT 1 FROM post x"                   \
    "  JOIN unit xu ON xu.id=x.unit_id WHERE x.project_id=p.id"                     \
    "  AND " PR_IN_SCOPE("xu.path") "))"

int xf_store_project_export(struct xf_db *db, const char *scope_json,
                            void (*emit)(void *arg, const char *const *fields), void *arg,
                            struct xf_error *err)
{
    static const char sql[] =
        "SELECT p.code, p.name, p.category, u.code, p.active"
        " FROM project p JOIN unit u ON u.id=p.owner_unit_id WHERE" PR_SEEN " ORDER BY p.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 4, scope_json);
    return xf_store_emit_rows(db, st, emit, arg, err);
}

/* ---- the interface's list ------------------------------------------------ */

/* The posts counted are those the Posts pane then shows: all of a
 * project the scope owns, the scope's own of another. */
#define PR_COLS                                                                        \
    "p.id, p.owner_unit_id, p.version, p.code, p.name, p.category, u.name, p.active," \
    " (SELECT count(*) FROM post x JOIN unit xu ON xu.id=x.unit_id"                    \
    "  WHERE x.project_id=p.id AND x.status<>'revoked' AND (" PR_IN_SCOPE("u.path")    \
    "  OR " PR_IN_SCOPE("xu.path") "))"
/* Scoped users see the projects their units own or serve with a post. */
#define PR_FILTER                                                                   \
    " (?5 IS NULL OR p.category=?5)"                                                \
    " AND (?6 IS NULL OR p.code LIKE ?6 ESCAPE '\\' OR p.name LIKE ?6 ESCAPE '\\'" \
    "  OR u.name LIKE ?6 ESCAPE '\\')"                                              \
    " AND" PR_SEEN
#define PR_PAGE(CMP, RANGE, ORD)                                                        \
    "SELECT " PR_COLS " FROM project p JOIN unit u ON u.id=p.owner_unit_id"             \
    " WHERE p.code " RANGE " ?1 AND (p.code, p.id) " CMP " (?1, ?2) AND" PR_FILTER     \
    " ORDER BY p.code " ORD ", p.id " ORD " LIMIT ?3"

static const char *const project_page_sql[3] = {
    PR_PAGE(">", ">=", "ASC"), PR_PAGE(">=", ">=", "ASC"), PR_PAGE("<", "<=", "DESC")};

static void bind_project_query(sqlite3_stmt *st, const struct xf_project_query *q,
                               const char *like)
{
    xf_bind_text(st, 4, q->scope_json);
    xf_bind_text(st, 5, q->category);
    xf_bind_text(st, 6, like);
}

static int emit_projects(struct xf_db *db, sqlite3_stmt *st,
                         void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                         int *n, struct xf_error *err)
{
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_project_item it = {
            .id = sqlite3_column_int64(st, 0),
            .owner_unit_id = sqlite3_column_int64(st, 1),
            .version = sqlite3_column_int64(st, 2),
            .code = (const char *)sqlite3_column_text(st, 3),
            .name = (const char *)sqlite3_column_text(st, 4),
            .category = (const char *)sqlite3_column_text(st, 5),
            .owner_name = (const char *)sqlite3_column_text(st, 6),
            .active = sqlite3_column_int(st, 7) == 1,
            .posts = sqlite3_column_int64(st, 8),
        };
        fn(arg, &it);
        (*n)++;
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_project_page(struct xf_db *db, const struct xf_project_query *q,
                          const char *from_code, int64_t from_id, enum xf_project_dir dir,
                          int limit, void (*fn)(void *arg, const struct xf_project_item *row),
                          void *arg, struct xf_error *err)
{
    if ((unsigned)dir > XF_PROJECT_BEFORE)
        return xf_err(err, XF_EINVAL, "dir", _("unknown direction"));
    sqlite3_stmt *st = xf_stmt(db, project_page_sql[dir], err);
    if (!st)
        return err->code;
    if (!from_code) {
        from_code = dir == XF_PROJECT_BEFORE ? "\xf4\x8f\xbf\xbf" : "";
        from_id = dir == XF_PROJECT_BEFORE ? INT64_MAX : INT64_MIN;
    }
    char *like = xf_like_pattern(q->like);
    xf_bind_text(st, 1, from_code);
    sqlite3_bind_int64(st, 2, from_id);
    sqlite3_bind_int(st, 3, limit);
    bind_project_query(st, q, like);
    int n;
    int rc = emit_projects(db, st, fn, arg, &n, err);
    free(like);
    return rc;
}

int xf_store_project_item(struct xf_db *db, const struct xf_project_query *q, int64_t id,
                          void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                          struct xf_error *err)
{
    static const char sql[] = "SELECT " PR_COLS " FROM project p JOIN unit u"
                              " ON u.id=p.owner_unit_id WHERE p.id=?1 AND" PR_FILTER;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    char *like = xf_like_pattern(q->like);
    sqlite3_bind_int64(st, 1, id);
    bind_project_query(st, q, like);
    int n;
    int rc = emit_projects(db, st, fn, arg, &n, err);
    free(like);
    if (!rc && n == 0)
        rc = xf_err(err, XF_ENOTFOUND, "project", _("no project #%lld in this list"),
                    (long long)id);
    return rc;
}

int xf_store_project_count(struct xf_db *db, const struct xf_project_query *q, long cap,
                           long *n, struct xf_error *err)
{
    static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM project p JOIN unit u"
                              " ON u.id=p.owner_unit_id WHERE" PR_FILTER " LIMIT ?3)";
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    char *like = xf_like_pattern(q->like);
    sqlite3_bind_int64(st, 3, cap);
    bind_project_query(st, q, like);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    free(like);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_project_max_seq(struct xf_db *db, const char *prefix, int64_t *out,
                             struct xf_error *err)
{
    static const struct xf_seq_sql q = XF_SEQ_SQL("project", 3, 999);
    return xf_store_max_seq(db, &q, prefix, out, err);
}
