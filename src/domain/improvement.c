/* Service improvements and the "improvements" CSV kind. */
#include "xf/improvement.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/conflict.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/unit.h"
#include "xf/store_unit.h"
#include "xf/text.h"

const char *const xf_improvement_kinds[] = {"method", "prerequisite", "fee", "time_cut", NULL};
#define improvement_kinds xf_improvement_kinds

/* No approval takes ten years: a larger figure is a typing slip, and
 * would swamp the Overview's averages. The messages do not name the
 * field: a form shows them beside it, and an import prefixes its name. */
#define DAYS_MAX 3650

static int check_days(bool has, double v, const char *field, bool positive, struct xf_error *err)
{
    if (has && (!isfinite(v) || v < 0 || (positive && v == 0)))
        return xf_err(err, XF_EINVAL, field, "%s",
                      positive ? _("a number of days above 0")
                               : _("a number of days, 0 or more"));
    if (has && v > DAYS_MAX)
        return xf_err(err, XF_EINVAL, field, _("%g days: at most %d"), v, DAYS_MAX);
    return XF_OK;
}

static int check_kind(const char *kind, struct xf_error *err)
{
    if (xf_text_one_of(kind, improvement_kinds))
        return XF_OK;
    return xf_err(err, XF_EINVAL, "kind",
                  _("kind must be method, prerequisite, fee or time_cut, not '%s'"),
                  xf_text_or_empty(kind));
}

static int check_on_date(const char *on_date, struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    int rc = xf_date_check(on_date, "on_date", err);
    if (!rc && strcmp(on_date, today) > 0)
        rc = xf_err(err, XF_EINVAL, "on_date",
                    _("%s is after today (%s): record an improvement once it is made"), on_date,
                    today);
    return rc;
}

static int check_improvement(const struct xf_improvement *im, struct xf_error *err)
{
    int rc;
    if ((rc = check_kind(im->kind, err)) ||
        (rc = xf_unit_check_line(im->title, "title", XF_IMPROVEMENT_TITLE_MAX, true, err)) ||
        (rc = check_on_date(im->on_date, err)) ||
        (rc = check_days(im->has_days_before, im->days_before, "days_before", false, err)) ||
        (rc = check_days(im->has_days_after, im->days_after, "days_after", false, err)) ||
        (rc = check_days(im->has_national_limit, im->national_limit_days, "national_limit_days",
                         true, err)))
        return rc;
    /* The figures measure an approval time cut; on a method, a cancelled
     * prerequisite or fee they would only skew the Overview's averages. */
    if (strcmp(im->kind, "time_cut") != 0 &&
        (im->has_days_before || im->has_days_after || im->has_national_limit))
        return xf_err(err, XF_EINVAL,
                      im->has_days_before ? "days_before"
                      : im->has_days_after ? "days_after"
                                           : "national_limit_days",
                      _("days are given for approval time cuts only; leave them empty for "
                        "this kind"));
    if (strcmp(im->kind, "time_cut") == 0) {
        if (!im->has_days_before)
            return xf_err(err, XF_EINVAL, "days_before",
                          _("a time cut needs the approval time before the cut"));
        if (!im->has_days_after)
            return xf_err(err, XF_EINVAL, "days_after",
                          _("a time cut needs the approval time after the cut"));
    }
    if (im->has_days_before && im->has_days_after && im->days_after > im->days_before)
        return xf_err(err, XF_EINVAL, "days_after",
                      _("the time after the cut (%g days) is longer than before (%g days)"),
                      im->days_after, im->days_before);
    /* 10 → 10 cut nothing, and pulled the Overview's average cut down. */
    if (im->has_days_before && im->has_days_after && im->days_after == im->days_before)
        return xf_err(err, XF_EINVAL, "days_after",
                      _("the time after the cut is the time before it (%g days): a time cut "
                        "shortens it"),
                      im->days_before);
    /* A cut still over the limit the law sets is a figure mistyped (a
     * limit of 2 for 20), and it pulled the Overview's "below the national
     * limit" down without a word. */
    if (im->has_national_limit && im->has_days_after &&
        im->days_after > im->national_limit_days)
        return xf_err(err, XF_EINVAL, "national_limit_days",
                      _("the time after the cut (%g days) is longer than the national limit "
                        "(%g days); check the figures"),
                      im->days_after, im->national_limit_days);
    return XF_OK;
}

/* The same unit's same improvement on the same day is one entry: a second
 * would count twice in the Overview (an export imported back, say). */
static int refuse_same(const struct xf_ctx *ctx, const struct xf_improvement *im,
                       struct xf_error *err)
{
    int64_t other;
    int rc = xf_store_improvement_same(ctx->db, im, &other, err);
    if (rc || !other)
        return rc;
    return xf_err(err, XF_EINVAL, "title",
                  _("the unit already has “%s” (%s) on %s, improvement #%lld; correct that one "
                    "instead"),
                  im->title, xf_improvement_kind_label(im->kind), im->on_date,
                  (long long)other);
}

/* Twins made before they were refused (a file imported twice) can still
 * be corrected as long as the correction leaves what makes them twins. */
static bool same_key(const struct xf_improvement *a, const struct xf_improvement *b)
{
    return a->unit_id == b->unit_id &&
           strcmp(xf_text_or_empty(a->kind), xf_text_or_empty(b->kind)) == 0 &&
           strcmp(xf_text_or_empty(a->title), xf_text_or_empty(b->title)) == 0 &&
           strcmp(xf_text_or_empty(a->on_date), xf_text_or_empty(b->on_date)) == 0;
}

static int insert_improvement(const struct xf_ctx *ctx, const char *action,
                              struct xf_improvement *im, struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, action, err);
    if (rc)
        return rc;
    im->id = 0;
    if ((rc = refuse_same(ctx, im, err)) || (rc = xf_store_improvement_insert(ctx->db, im, err)) ||
        (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

int xf_improvement_add(const struct xf_ctx *ctx, struct xf_improvement *im, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, 0, err);
    if (rc || (rc = check_improvement(im, err)))
        return rc;
    if (im->unit_id <= 0)
        return xf_err(err, XF_EINVAL, "unit_id", _("choose the unit that made the improvement"));
    /* An inactive unit makes no new improvements (nor could the entry be
     * corrected later without moving it). */
    if ((rc = xf_unit_require_active(ctx, im->unit_id, "unit_id", err)) ||
        (rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, im->unit_id, err)))
        return rc;
    return insert_improvement(ctx, "improvement.add", im, err);
}

/* ---- corrections and the interface's list ---------------------------------- */

const char *xf_improvement_kind_label(const char *kind)
{
    static const char *const labels[] = {N_("improved method"), N_("prerequisite cancelled"),
                                         N_("fee cancelled"), N_("approval time cut")};
    for (int i = 0; improvement_kinds[i]; i++)
        if (kind && !strcmp(kind, improvement_kinds[i]))
            return _(labels[i]);
    return xf_text_or_empty(kind);
}

int xf_improvement_get(const struct xf_ctx *ctx, int64_t id, struct xf_improvement *out,
                       struct xf_error *err)
{
    int rc = xf_store_improvement_get(ctx->db, id, out, err);
    if (!rc && !xf_ctx_in_scope(ctx, out->unit_id)) {
        xf_improvement_clear(out);
        rc = xf_err(err, XF_EPERM, "improvement", _("improvement #%lld is outside your units"),
                    (long long)id);
    }
    return rc;
}

/* Corrects a recorded improvement (a mistyped figure, the wrong unit):
 * every field may change; version as read. */
int xf_improvement_edit(const struct xf_ctx *ctx, struct xf_improvement *im, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, im->unit_id, err);
    if (rc || (rc = check_improvement(im, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "improvement.edit", err)))
        return rc;
    struct xf_improvement cur = {0};
    /* A correction may keep an inactive unit (a typo in an old entry); only
     * a move to another unit needs that one active. */
    if (!(rc = xf_store_improvement_get(ctx->db, im->id, &cur, err)) &&
        !(rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, cur.unit_id, err)) &&
        !(cur.unit_id != im->unit_id &&
          (rc = xf_unit_require_active(ctx, im->unit_id, "unit_id", err)))) {
        if (cur.version != im->version) {
            char what[64];
            snprintf(what, sizeof what, _("improvement #%lld"), (long long)im->id);
            xf_err(err, XF_ECONFLICT, "version",
                   _("%s was changed by someone else since you opened it; reload it and try "
                     "again"),
                   what);
            rc = xf_conflict_describe(ctx, "improvement", im->id, what, err);
        } else if (!same_key(&cur, im) && (rc = refuse_same(ctx, im, err))) {
            /* refused: it would become another entry's twin */
        } else {
            rc = xf_store_improvement_update(ctx->db, im, err);
        }
    }
    xf_improvement_clear(&cur);
    if (rc) {
        xf_db_rollback(ctx->db);
        return rc;
    }
    return xf_db_commit(ctx->db, err);
}

static int improvement_query(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                             struct xf_improvement_query *q, char **scope,
                             struct xf_error *err)
{
    *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, scope, err);
    *q = (struct xf_improvement_query){.kind = f->kind, .like = f->like, .scope_json = *scope};
    return rc;
}

int xf_improvement_page(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                        const char *from_date, int64_t from_id, enum xf_improvement_dir dir,
                        int limit, void (*fn)(void *arg, const struct xf_improvement_item *row),
                        void *arg, struct xf_error *err)
{
    struct xf_improvement_query q;
    char *scope;
    int rc = improvement_query(ctx, f, &q, &scope, err);
    if (!rc)
        rc = xf_store_improvement_page(ctx->db, &q, from_date, from_id, dir, limit, fn, arg,
                                       err);
    free(scope);
    return rc;
}

int xf_improvement_item(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                        int64_t id, void (*fn)(void *arg, const struct xf_improvement_item *row),
                        void *arg, struct xf_error *err)
{
    struct xf_improvement_query q;
    char *scope;
    int rc = improvement_query(ctx, f, &q, &scope, err);
    if (!rc)
        rc = xf_store_improvement_item(ctx->db, &q, id, fn, arg, err);
    free(scope);
    return rc;
}

int xf_improvement_count(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                         long cap, long *n, struct xf_error *err)
{
    struct xf_improvement_query q;
    char *scope;
    *n = 0;
    int rc = improvement_query(ctx, f, &q, &scope, err);
    if (!rc)
        rc = xf_store_improvement_count(ctx->db, &q, cap, n, err);
    free(scope);
    return rc;
}

int xf_improvement_totals(const struct xf_ctx *ctx, int64_t unit_id,
                          struct xf_improvement_totals *out, struct xf_error *err)
{
    return xf_store_improvement_totals(ctx->db, unit_id < 0 ? 0 : unit_id, out, err);
}

/* ---- CSV ---- */

static const char *const imp_columns[] = {
    "unit_code",           "kind", "title", "on_date", "days_before", "days_after",
    "national_limit_days", NULL};
static const char *const imp_required[] = {"unit_code", "kind", "title", "on_date", NULL};

enum { C_UNIT, C_KIND, C_TITLE, C_DATE, C_BEFORE, C_AFTER, C_LIMIT };

static int imp_export(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg, struct xf_error *err)
{
    return xf_store_improvement_export(ctx->db, emit, arg, err);
}

static int parse_days(const char *s, const char *field, bool *has, double *out,
                      struct xf_error *err)
{
    *has = !xf_text_blank(s);
    *out = 0;
    if (!*has)
        return XF_OK;
    /* Decimals, as the form takes them and the export writes them (which
     * may end in an exponent: 1e-05), not "0x10", "inf" or " 3". */
    if (!xf_text_decimal(s, true, out))
        return xf_err(err, XF_EINVAL, field, _("a number of days, not '%s'"), s);
    return XF_OK;
}

/* A days cell: a number, and one the column allows. */
static int days_cell(const char *s, const char *field, bool positive, bool *has, double *out,
                     struct xf_error *err)
{
    int rc = parse_days(s, field, has, out, err);
    return rc ? rc : check_days(*has, *out, field, positive, err);
}

static int imp_import(const struct xf_ctx *ctx, const char *const *f,
                      struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    struct xf_improvement im = {
        .kind = (char *)f[C_KIND], .title = (char *)f[C_TITLE], .on_date = (char *)f[C_DATE]};
    if (rc)
        return rc;
    struct xf_unit u = {0};
    /* An inactive unit is fine here: an export carries the entries of
     * units closed since, and restoring them is not making new ones. */
    int unit_rc = xf_text_blank(f[C_UNIT])
                      ? xf_err(err, XF_EINVAL, "unit_code", _("unit_code is required"))
                      : xf_store_unit_by_code(ctx->db, f[C_UNIT], &u, err);
    if (unit_rc == XF_ENOTFOUND)
        unit_rc = xf_err(err, XF_EINVAL, "unit_code", _("no unit with code '%s'"), f[C_UNIT]);
    /* Each cell's own checks, every mistake noted, in column order; then
     * what needs them valid (days on a kind without them). */
    if ((rc = xf_row_note(row, unit_rc, err)) ||
        (rc = xf_row_note(row, check_kind(im.kind, err), err)) ||
        (rc = xf_row_note(
             row, xf_unit_check_line(im.title, "title", XF_IMPROVEMENT_TITLE_MAX, true, err),
             err)) ||
        (rc = xf_row_note(row, check_on_date(im.on_date, err), err)) ||
        (rc = xf_row_note(row,
                          days_cell(f[C_BEFORE], "days_before", false, &im.has_days_before,
                                    &im.days_before, err),
                          err)) ||
        (rc = xf_row_note(
             row,
             days_cell(f[C_AFTER], "days_after", false, &im.has_days_after, &im.days_after, err),
             err)) ||
        (rc = xf_row_note(row,
                          days_cell(f[C_LIMIT], "national_limit_days", true, &im.has_national_limit,
                                    &im.national_limit_days, err),
                          err)) ||
        (rc = xf_row_verdict(row, err)) || (rc = check_improvement(&im, err))) {
        xf_unit_clear(&u);
        return rc;
    }
    im.unit_id = u.id;
    rc = xf_import_in_scope(ctx, u.id, "unit_code", u.code, err);
    xf_unit_clear(&u);
    return rc ? rc : insert_improvement(ctx, "improvement.import", &im, err);
}

const struct xf_kind_io xf_kind_improvements = {
    .scope_column = "unit_code",
    .period_column = "on_date",
    .name = "improvements",
    .columns = imp_columns,
    .required = imp_required,
    .export_rows = imp_export,
    .import_row = imp_import,
};
