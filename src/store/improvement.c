/* Service improvements. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_emit.h"
#include "xf/store_improvement.h"
#include "xf/store_internal.h"

void xf_improvement_clear(struct xf_improvement *im)
{
    free(im->kind);
    free(im->title);
    free(im->on_date);
    memset(im, 0, sizeof *im);
}

static void bind_opt_double(sqlite3_stmt *st, int idx, bool has, double v)
{
    if (has)
        sqlite3_bind_double(st, idx, v);
    else
        sqlite3_bind_null(st, idx);
}

static void opt_double(sqlite3_stmt *st, int col, bool *has, double *v)
{
    *has = sqlite3_column_type(st, col) != SQLITE_NULL;
    *v = *has ? sqlite3_column_double(st, col) : 0;
}

int xf_store_improvement_get(struct xf_db *db, int64_t id, struct xf_improvement *out,
                             struct xf_error *err)
{
    static const char sql[] =
        "SELECT id,unit_id,kind,title,on_date,days_before,days_after,national_limit_days,"
        "version FROM improvement WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->unit_id = sqlite3_column_int64(st, 1);
        out->kind = xf_col_strdup(st, 2);
        out->title = xf_col_strdup(st, 3);
        out->on_date = xf_col_strdup(st, 4);
        opt_double(st, 5, &out->has_days_before, &out->days_before);
        opt_double(st, 6, &out->has_days_after, &out->days_after);
        opt_double(st, 7, &out->has_national_limit, &out->national_limit_days);
        out->version = sqlite3_column_int64(st, 8);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "improvement", _("no improvement #%" PRId64), id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_improvement_same(struct xf_db *db, const struct xf_improvement *im, int64_t *id,
                              struct xf_error *err)
{
    static const char sql[] = "SELECT id FROM improvement WHERE unit_id=?1 AND kind=?2"
                              " AND title=?3 AND on_date=?4 AND id<>?5 LIMIT 1";
    *id = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, im->unit_id);
    xf_bind_text(st, 2, im->kind);
    xf_bind_text(st, 3, im->title);
    xf_bind_text(st, 4, im->on_date);
    sqlite3_bind_int64(st, 5, im->id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_improvement_insert(struct xf_db *db, struct xf_improvement *im, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO improvement(unit_id,kind,title,on_date,days_before,days_after,"
        "national_limit_days,updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,xf_now())"
        " RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, im->unit_id);
    xf_bind_text(st, 2, im->kind);
    xf_bind_text(st, 3, im->title);
    xf_bind_text(st, 4, im->on_date);
    bind_opt_double(st, 5, im->has_days_before, im->days_before);
    bind_opt_double(st, 6, im->has_days_after, im->days_after);
    bind_opt_double(st, 7, im->has_national_limit, im->national_limit_days);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        im->id = sqlite3_column_int64(st, 0);
        im->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_improvement_update(struct xf_db *db, struct xf_improvement *im,
                                struct xf_error *err)
{
    static const char sql[] =
        "UPDATE improvement SET unit_id=?2,kind=?3,title=?4,on_date=?5,days_before=?6,"
        "days_after=?7,national_limit_days=?8,version=version+1,updated_at=xf_now()"
        " WHERE id=?1 AND version=?9 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, im->id);
    sqlite3_bind_int64(st, 2, im->unit_id);
    xf_bind_text(st, 3, im->kind);
    xf_bind_text(st, 4, im->title);
    xf_bind_text(st, 5, im->on_date);
    bind_opt_double(st, 6, im->has_days_before, im->days_before);
    bind_opt_double(st, 7, im->has_days_after, im->days_after);
    bind_opt_double(st, 8, im->has_national_limit, im->national_limit_days);
    sqlite3_bind_int64(st, 9, im->version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        im->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "version",
                      _("improvement #%" PRId64 " was changed by someone else; reload it and "
                        "try again"),
                      im->id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* ---- the interface's list ------------------------------------------------ */

#define IM_COLS                                                                              \
    "i.id, i.unit_id, i.version, i.on_date, i.kind, i.title, u.name, i.days_before,"        \
    " i.days_after, i.national_limit_days"
#define IM_FILTER                                                                            \
    " (?4 IS NULL OR i.kind=?4)"                                                             \
    " AND (?5 IS NULL OR i.title LIKE ?5 ESCAPE '\\' OR u.name LIKE ?5 ESCAPE '\\')"        \
    " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(?6) j"                              \
    "  WHERE substr(u.path,1,length(j.value))=j.value))"
/* Newest first: "after" in the list is older. */
#define IM_PAGE(CMP, ORD)                                                                    \
    "SELECT " IM_COLS " FROM improvement i JOIN unit u ON u.id=i.unit_id"                    \
    " WHERE (i.on_date, i.id) " CMP " (?1, ?2) AND" IM_FILTER                                \
    " ORDER BY i.on_date " ORD ", i.id " ORD " LIMIT ?3"

static const char *const improvement_page_sql[3] = {IM_PAGE("<", "DESC"), IM_PAGE("<=", "DESC"),
                                                    IM_PAGE(">", "ASC")};

static void bind_improvement_query(sqlite3_stmt *st, const struct xf_improvement_query *q,
                                   const char *like)
{
    xf_bind_text(st, 4, q->kind);
    xf_bind_text(st, 5, like);
    xf_bind_text(st, 6, q->scope_json);
}

static int emit_improvements(struct xf_db *db, sqlite3_stmt *st,
                             void (*fn)(void *arg, const struct xf_improvement_item *row),
                             void *arg, int *n, struct xf_error *err)
{
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_improvement_item it = {
            .id = sqlite3_column_int64(st, 0),
            .unit_id = sqlite3_column_int64(st, 1),
            .version = sqlite3_column_int64(st, 2),
            .on_date = (const char *)sqlite3_column_text(st, 3),
            .kind = (const char *)sqlite3_column_text(st, 4),
            .title = (const char *)sqlite3_column_text(st, 5),
            .unit_name = (const char *)sqlite3_column_text(st, 6),
        };
        opt_double(st, 7, &it.has_days_before, &it.days_before);
        opt_double(st, 8, &it.has_days_after, &it.days_after);
        opt_double(st, 9, &it.has_national_limit, &it.national_limit_days);
        fn(arg, &it);
        (*n)++;
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_improvement_page(struct xf_db *db, const struct xf_improvement_query *q,
                              const char *from_date, int64_t from_id,
                              enum xf_improvement_dir dir, int limit,
                              void (*fn)(void *arg, const struct xf_improvement_item *row),
                              void *arg, struct xf_error *err)
{
    if ((unsigned)dir > XF_IMPROVEMENT_BEFORE)
        return xf_err(err, XF_EINVAL, "dir", _("unknown direction"));
    sqlite3_stmt *st = xf_stmt(db, improvement_page_sql[dir], err);
    if (!st)
        return err->code;
    if (!from_date) {
        from_date = dir == XF_IMPROVEMENT_BEFORE ? "" : "\xf4\x8f\xbf\xbf";
        from_id = dir == XF_IMPROVEMENT_BEFORE ? INT64_MIN : INT64_MAX;
    }
    char *like = xf_like_pattern(q->like);
    xf_bind_text(st, 1, from_date);
    sqlite3_bind_int64(st, 2, from_id);
    sqlite3_bind_int(st, 3, limit);
    bind_improvement_query(st, q, like);
    int n;
    int rc = emit_improvements(db, st, fn, arg, &n, err);
    free(like);
    return rc;
}

int xf_store_improvement_count(struct xf_db *db, const struct xf_improvement_query *q, long cap,
                               long *n, struct xf_error *err)
{
    static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM improvement i JOIN unit u"
                              " ON u.id=i.unit_id WHERE" IM_FILTER " LIMIT ?3)";
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    char *like = xf_like_pattern(q->like);
    sqlite3_bind_int64(st, 3, cap);
    bind_improvement_query(st, q, like);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    free(like);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_improvement_item(struct xf_db *db, const struct xf_improvement_query *q,
                              int64_t id,
                              void (*fn)(void *arg, const struct xf_improvement_item *row),
                              void *arg, struct xf_error *err)
{
    static const char sql[] = "SELECT " IM_COLS " FROM improvement i JOIN unit u"
                              " ON u.id=i.unit_id WHERE i.id=?1 AND" IM_FILTER;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    char *like = xf_like_pattern(q->like);
    sqlite3_bind_int64(st, 1, id);
    bind_improvement_query(st, q, like);
    int n;
    int rc = emit_improvements(db, st, fn, arg, &n, err);
    free(like);
    if (!rc && n == 0)
        rc = xf_err(err, XF_ENOTFOUND, "improvement", _("no improvement #%" PRId64), id);
    return rc;
}

int xf_store_improvement_totals(struct xf_db *db, int64_t unit_id,
                                struct xf_improvement_totals *out, struct xf_error *err)
{
    static const char sql[] =
        "SELECT count(*), coalesce(sum(i.kind='method'),0), coalesce(sum(i.kind='prerequisite'),0),"
        " coalesce(sum(i.kind='fee'),0), coalesce(sum(i.kind='time_cut'),0),"
        " coalesce(avg(CASE WHEN i.kind='time_cut' THEN i.days_before - i.days_after END),0),"
        " coalesce(avg(CASE WHEN i.kind='time_cut' AND i.national_limit_days IS NOT NULL"
        "   THEN (i.national_limit_days - i.days_after) * 100.0 / i.national_limit_days END),0),"
        " coalesce(sum(i.kind='time_cut' AND i.national_limit_days IS NOT NULL),0)"
        " FROM improvement i"
        " WHERE ?1 = 0 OR i.unit_id IN (SELECT u.id FROM unit u, unit a WHERE a.id = ?1"
        "   AND u.path >= a.path AND u.path < a.path || '~')";
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, unit_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->total = sqlite3_column_int64(st, 0);
        out->methods = sqlite3_column_int64(st, 1);
        out->prerequisites = sqlite3_column_int64(st, 2);
        out->fees = sqlite3_column_int64(st, 3);
        out->time_cuts = sqlite3_column_int64(st, 4);
        out->avg_cut_days = sqlite3_column_double(st, 5);
        out->avg_below_limit_pct = sqlite3_column_double(st, 6);
        out->with_limit = sqlite3_column_int64(st, 7);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_improvement_export(struct xf_db *db,
                                void (*emit)(void *arg, const char *const *fields), void *arg,
                                struct xf_error *err)
{
    /* 15 significant digits read back to the same text, so an export of
     * an import of an export is identical; whole days print as "5". */
    static const char sql[] =
        "SELECT u.code, i.kind, i.title, i.on_date,"
        " iif(i.days_before IS NULL, '', printf('%.15g', i.days_before)),"
        " iif(i.days_after IS NULL, '', printf('%.15g', i.days_after)),"
        " iif(i.national_limit_days IS NULL, '', printf('%.15g', i.national_limit_days))"
        " FROM improvement i JOIN unit u ON u.id = i.unit_id ORDER BY i.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}
