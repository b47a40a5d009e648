/* Key projects: validation and permissions. */
#include "xf/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/conflict.h"
#include "xf/i18n.h"
#include "xf/unit.h"

#define PROJECT_NAME_MAX 200

const char *const xf_project_categories[] = {"key", "livelihood", "road_bridge", NULL};
#define categories xf_project_categories

static int finish(const struct xf_ctx *ctx, int rc, struct xf_error *err)
{
    if (rc) {
        xf_db_rollback(ctx->db);
        return rc;
    }
    return xf_db_commit(ctx->db, err);
}

/* Each category numbers its projects in a series of its own (the demo's
 * and the seed's XM-K-301, XM-L-…, XM-R-…). */
static const struct {
    const char *category, *prefix;
} series[] = {{"key", "XM-K-"}, {"livelihood", "XM-L-"}, {"road_bridge", "XM-R-"}};

static const char *series_prefix(const char *category)
{
    for (size_t i = 0; i < sizeof series / sizeof *series; i++)
        if (category && !strcmp(category, series[i].category))
            return series[i].prefix;
    return series[0].prefix;
}

/* A code from another category's series would file the project under
 * the wrong heading wherever codes are read; codes of any other form
 * (a department's own numbering) are the organiser's choice. When an
 * edit changes the category, the code (which stays) is what refuses it. */
static int check_series(const struct xf_project *p, const char *field, struct xf_error *err)
{
    for (size_t i = 0; i < sizeof series / sizeof *series; i++) {
        const char *pre = series[i].prefix;
        if (strcmp(p->category, series[i].category) && !strncmp(p->code, pre, strlen(pre)))
            return xf_err(err, XF_EINVAL, field,
                          _("the code %s belongs to the %s series; a %s's code begins %s"),
                          p->code, xf_project_category_label(series[i].category),
                          xf_project_category_label(p->category), series_prefix(p->category));
    }
    return XF_OK;
}

static int check_category(const char *category, struct xf_error *err)
{
    for (size_t i = 0; categories[i]; i++)
        if (category && !strcmp(category, categories[i]))
            return XF_OK;
    return xf_err(err, XF_EINVAL, "category",
                  _("the category must be key, livelihood or road_bridge"));
}

static int validate(const struct xf_project *p, const char *series_field, struct xf_error *err)
{
    int rc;
    if ((rc = xf_unit_check_code(p->code, "code", err)) ||
        (rc = xf_unit_check_line(p->name, "name", PROJECT_NAME_MAX, true, err)) ||
        (rc = check_category(p->category, err)))
        return rc;
    return check_series(p, series_field, err);
}

static int code_free(const struct xf_ctx *ctx, const char *code, bool importing,
                     struct xf_error *err)
{
    struct xf_project other = {0};
    struct xf_error e2 = {0};
    int rc = xf_store_project_by_code(ctx->db, code, &other, &e2);
    if (rc == XF_ENOTFOUND)
        return xf_code_case_unique(ctx, "project", code, err);
    if (rc) {
        *err = e2;
        return rc;
    }
    rc = importing ? xf_import_code_taken(err, code, other.name)
                   : xf_err(err, XF_EINVAL, "code",
                            _("the code %s is already used by project %s"), code, other.name);
    xf_project_clear(&other);
    return rc;
}

int xf_project_create(const struct xf_ctx *ctx, struct xf_project *p, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, p->owner_unit_id, err);
    if (rc || (rc = validate(p, "code", err)) ||
        (rc = xf_db_begin(ctx->db, "project.create", err)))
        return rc;
    p->active = true;
    if (!(rc = xf_unit_require_active(ctx, p->owner_unit_id, "owner_unit", err)) &&
        !(rc = code_free(ctx, p->code, false, err)))
        rc = xf_store_project_insert(ctx->db, p, err);
    return finish(ctx, rc, err);
}

static int load(const struct xf_ctx *ctx, int64_t id, int64_t version, struct xf_project *cur,
                struct xf_error *err)
{
    int rc = xf_store_project_get(ctx->db, id, cur, err);
    if (!rc)
        rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, cur->owner_unit_id, err);
    if (!rc && version != cur->version) {
        char what[96];
        snprintf(what, sizeof what, "%s %s", _("project"), cur->code);
        xf_err(err, XF_ECONFLICT, "version",
               _("project %s was changed by someone else since you opened it; reload it and "
                 "try again"),
               cur->code);
        rc = xf_conflict_describe(ctx, "project", id, what, err);
    }
    return rc;
}

int xf_project_edit(const struct xf_ctx *ctx, struct xf_project *p, struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, "project.edit", err);
    if (rc)
        return rc;
    struct xf_project cur = {0};
    if (!(rc = load(ctx, p->id, p->version, &cur, err))) {
        struct xf_project next = cur;
        next.name = p->name;
        next.category = p->category;
        next.owner_unit_id = p->owner_unit_id;
        if (!(rc = validate(&next, "category", err)) && next.owner_unit_id != cur.owner_unit_id &&
            !(rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, next.owner_unit_id, err)))
            rc = xf_unit_require_active(ctx, next.owner_unit_id, "owner_unit", err);
        if (!rc && !(rc = xf_store_project_update(ctx->db, &next, err)))
            p->version = next.version;
    }
    xf_project_clear(&cur);
    return finish(ctx, rc, err);
}

static int set_active(const struct xf_ctx *ctx, int64_t id, int64_t version, bool active,
                      struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, active ? "project.activate" : "project.deactivate", err);
    if (rc)
        return rc;
    struct xf_project cur = {0};
    if (!(rc = load(ctx, id, version, &cur, err))) {
        if (cur.active == active)
            rc = xf_err(err, XF_ESTATE, "active",
                        active ? _("project %s is already active")
                               : _("project %s is already inactive"),
                        cur.code);
        else if (active && (rc = xf_unit_require_active(ctx, cur.owner_unit_id, "owner_unit",
                                                          err)))
            ;
        else {
            cur.active = active;
            rc = xf_store_project_update(ctx->db, &cur, err);
        }
    }
    xf_project_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_project_deactivate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          struct xf_error *err)
{
    return set_active(ctx, id, version, false, err);
}

int xf_project_activate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                        struct xf_error *err)
{
    return set_active(ctx, id, version, true, err);
}

/* ---- CSV ----------------------------------------------------------------- */

enum { PC_CODE, PC_NAME, PC_CATEGORY, PC_OWNER, PC_ACTIVE };
static const char *const columns[] = {"code", "name", "category", "owner_unit_code", "active",
                                      NULL};
static const char *const required[] = {"code", "name", "category", "owner_unit_code", NULL};

static int export_projects(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                           struct xf_error *err)
{
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (!rc)
        rc = xf_store_project_export(ctx->db, scope, emit, arg, err);
    free(scope);
    return rc;
}

static int import_project(const struct xf_ctx *ctx, const char *const *f,
                      struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct xf_project p = {.code = (char *)f[PC_CODE], .name = (char *)f[PC_NAME],
                           .category = (char *)f[PC_CATEGORY]};
    struct xf_unit owner = {0};
    /* Each cell's own checks, every mistake noted; then the code's series
     * (by the category) and the rest, which need them valid. */
    if ((rc = xf_row_note(row, xf_unit_check_code(p.code, "code", err), err)) ||
        (rc = xf_row_note(row, xf_unit_check_line(p.name, "name", PROJECT_NAME_MAX, true, err),
                          err)) ||
        (rc = xf_row_note(row, check_category(p.category, err), err)) ||
        (rc = xf_row_note(row,
                          xf_unit_ref(ctx, f[PC_OWNER] ? f[PC_OWNER] : "", "owner_unit_code",
                                      &owner, err),
                          err)) ||
        (rc = xf_row_note(row, xf_unit_parse_bool(f[PC_ACTIVE], true, &p.active, "active", err),
                          err)) ||
        (rc = xf_row_verdict(row, err)) || (rc = validate(&p, "code", err)) ||
        (rc = xf_db_begin(ctx->db, "project.import", err))) {
        xf_unit_clear(&owner);
        return rc;
    }
    if (!(rc = xf_import_in_scope(ctx, owner.id, "owner_unit_code", owner.code, err)) &&
        !(rc = code_free(ctx, p.code, true, err))) {
        p.owner_unit_id = owner.id;
        rc = xf_store_project_insert(ctx->db, &p, err);
    }
    xf_unit_clear(&owner);
    return finish(ctx, rc, err);
}

const struct xf_kind_io xf_kind_projects = {
    .scoped = true, /* owned or served in scope, as the list */
    .name = "projects",
    .columns = columns,
    .required = required,
    .export_rows = export_projects,
    .import_row = import_project,
};

const char *xf_project_category_label(const char *category)
{
    if (category && !strcmp(category, "key"))
        return _("key project");
    if (category && !strcmp(category, "livelihood"))
        return _("livelihood project");
    if (category && !strcmp(category, "road_bridge"))
        return _("road and bridge project");
    return category ? category : "";
}

int xf_project_label(const struct xf_ctx *ctx, int64_t id, char **out, struct xf_error *err)
{
    *out = NULL;
    struct xf_project p = {0};
    int rc = xf_store_project_get(ctx->db, id, &p, err);
    /* "XM-K-027 会展中心建设项目（重点项目）": the brackets of the language;
     * a project deactivated since says so (an import may link one). */
    if (!rc && asprintf(out, _("%s %s (%s)%s"), p.code, p.name,
                        xf_project_category_label(p.category),
                        p.active ? "" : _(" (inactive)")) < 0)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    xf_project_clear(&p);
    return rc;
}

/* ---- reading, for the interface ------------------------------------------ */

int xf_project_get(const struct xf_ctx *ctx, int64_t id, struct xf_project *out,
                   struct xf_error *err)
{
    int rc = xf_store_project_get(ctx->db, id, out, err);
    if (!rc && !xf_ctx_in_scope(ctx, out->owner_unit_id)) {
        rc = xf_err(err, XF_EPERM, "project", _("project %s is outside your units"),
                    out->code ? out->code : "");
        xf_project_clear(out);
    }
    return rc;
}

static int make_query(const struct xf_ctx *ctx, const struct xf_project_filter *f,
                      struct xf_project_query *q, char **scope, struct xf_error *err)
{
    *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, scope, err);
    *q = (struct xf_project_query){.category = f->category, .like = f->like,
                                   .scope_json = *scope};
    return rc;
}

int xf_project_page(const struct xf_ctx *ctx, const struct xf_project_filter *f,
                    const char *from_code, int64_t from_id, enum xf_project_dir dir, int limit,
                    void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                    struct xf_error *err)
{
    struct xf_project_query q;
    char *scope;
    int rc = make_query(ctx, f, &q, &scope, err);
    if (!rc)
        rc = xf_store_project_page(ctx->db, &q, from_code, from_id, dir, limit, fn, arg, err);
    free(scope);
    return rc;
}

int xf_project_item(const struct xf_ctx *ctx, const struct xf_project_filter *f, int64_t id,
                    void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                    struct xf_error *err)
{
    struct xf_project_query q;
    char *scope;
    int rc = make_query(ctx, f, &q, &scope, err);
    if (!rc)
        rc = xf_store_project_item(ctx->db, &q, id, fn, arg, err);
    free(scope);
    return rc;
}

int xf_project_count(const struct xf_ctx *ctx, const struct xf_project_filter *f, long cap,
                     long *n, struct xf_error *err)
{
    struct xf_project_query q;
    char *scope;
    *n = 0;
    int rc = make_query(ctx, f, &q, &scope, err);
    if (!rc)
        rc = xf_store_project_count(ctx->db, &q, cap, n, err);
    free(scope);
    return rc;
}

/* XM-K-301 after XM-K-300: the demo's and the seed's numbering per
 * category (key, livelihood, road and bridge). */
int xf_project_suggest_code(const struct xf_ctx *ctx, const char *category, char **out,
                            struct xf_error *err)
{
    *out = NULL;
    const char *prefix = series_prefix(category);
    int64_t n = 0;
    int rc = xf_store_project_max_seq(ctx->db, prefix, &n, err);
    for (int tries = 1; !rc && tries <= 100; tries++) {
        char *code = NULL;
        if (asprintf(&code, "%s%03lld", prefix, (long long)(n + tries)) < 0)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        struct xf_project other = {0};
        struct xf_error e2 = {0};
        rc = xf_store_project_by_code(ctx->db, code, &other, &e2);
        xf_project_clear(&other);
        if (rc == XF_ENOTFOUND) {
            *out = code;
            return XF_OK;
        }
        free(code);
        if (rc)
            *err = e2;
    }
    return rc ? rc : xf_err(err, XF_EINVAL, "code", _("no free code found; type one"));
}
