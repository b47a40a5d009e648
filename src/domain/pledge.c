/* Pledges: the rules of §2.3 and the "pledges" CSV kind. */
#include "xf/pledge.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/date.h"
#include "xf/conflict.h"
#include "xf/i18n.h"
#include "xf/store_unit.h"
#include "xf/table.h"
#include "xf/text.h"
#include "xf/unit.h"

static const char *const kinds[] = {"member", "unit_target", "leader_target", NULL};
static const char *const categories[] = {"standard", "time_limit", "quality",
                                         "attitude", "other",      NULL};

/* Required text of 1..max characters of valid UTF-8. */
static int check_text(const char *s, const char *field, size_t max, struct xf_error *err)
{
    return xf_unit_check_text(s, field, max, true, err);
}

static int check_not_future(const char *date, const char *field, struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (strcmp(date, today) > 0)
        return xf_err(err, XF_EINVAL, field, _("%s is after today (%s)"), date,
                      today);
    return XF_OK;
}

static int check_kind(const char *kind, struct xf_error *err)
{
    if (xf_text_one_of(kind, kinds))
        return XF_OK;
    return xf_err(err, XF_EINVAL, "kind",
                  _("kind must be member, unit_target or leader_target, not '%s'"),
                  kind ? kind : "");
}

static int check_category(const char *category, struct xf_error *err)
{
    if (xf_text_one_of(category, categories))
        return XF_OK;
    return xf_err(err, XF_EINVAL, "category",
                  _("category must be standard, time_limit, quality, attitude or other, "
                    "not '%s'"),
                  category ? category : "");
}

/* A real day, not after today. */
static int check_past_day(const char *date, const char *field, struct xf_error *err)
{
    int rc = xf_date_check(date, field, err);
    return rc ? rc : check_not_future(date, field, err);
}

/* The checks shared by make and import: kind, text, category, dates. */
static int check_fields(const struct xf_pledge *p, struct xf_error *err)
{
    int rc;
    /* A pledge made in the future could not be kept until then, and
     * withdrawing it would date the withdrawal before it. */
    if ((rc = check_kind(p->kind, err)) ||
        (rc = check_text(p->text, "text", XF_PLEDGE_TEXT_MAX, err)) ||
        (rc = check_category(p->category, err)) ||
        (rc = check_past_day(p->made_on, "made_on", err)) ||
        (rc = xf_date_check(p->due_on, "due_on", err)))
        return rc;
    if (strcmp(p->due_on, p->made_on) < 0)
        return xf_err(err, XF_EINVAL, "due_on", _("due date %s is before the pledge was made (%s)"),
                      p->due_on, p->made_on);
    return XF_OK;
}

/* A member pledge belongs to the member's unit; a leader's responsibility
 * letter needs a leader; a unit's letter names no member. */
static int check_owner(const struct xf_pledge *p, const struct xf_member *m,
                       const char *member_field, struct xf_error *err)
{
    bool unit_only = strcmp(p->kind, "unit_target") == 0;
    if (unit_only && m)
        return xf_err(err, XF_EINVAL, member_field,
                      _("a unit's responsibility letter belongs to the unit, not to a member; "
                        "leave the member empty"));
    if (!unit_only && !m)
        return xf_err(err, XF_EINVAL, member_field, _("choose the member who makes the pledge"));
    if (strcmp(p->kind, "leader_target") == 0 && !m->is_leader)
        return xf_err(err, XF_EINVAL, member_field,
                      _("%s (%s) is not flagged as a leader; a leader's responsibility letter "
                        "needs one"),
                      m->name, m->code);
    return XF_OK;
}

/* The verifier of a kept pledge is never the member who pledged it, nor
 * (four eyes) whoever recorded the pledge, unless rules.recorder_may_verify
 * lets an office of one organiser finish the pledges it types in. An
 * imported sheet may name the maker by member code rather than login. */
static int check_verifier(const struct xf_config *cfg, const struct xf_pledge *p,
                          const char *verifier, const struct xf_member *m, const char *field,
                          struct xf_error *err)
{
    if (xf_text_blank(verifier))
        return xf_err(err, XF_EINVAL, field, _("the verifier is required"));
    char who[160]; /* "刘洋 (liu.yang)", as colleagues know them */
    bool by_code = m && m->code && strcmp(m->code, verifier) == 0;
    if (by_code)
        snprintf(who, sizeof who, "%s (%s)", m->name, m->code);
    else
        xf_ctx_person(&(struct xf_ctx){.cfg = cfg}, verifier, who, sizeof who);
    if (by_code || (m && m->login && strcmp(m->login, verifier) == 0))
        return xf_err(err, XF_EPERM, field,
                      _("%s made this pledge and cannot verify it; an organiser or an "
                        "administrator must mark it kept"),
                      who);
    if (!cfg->recorder_may_verify && p->created_by && strcmp(p->created_by, verifier) == 0)
        return xf_err(err, XF_EPERM, field,
                      _("%s recorded this pledge and cannot verify it; another organiser or an "
                        "administrator must mark it kept"),
                      who);
    return XF_OK;
}

static int check_kept(const struct xf_config *cfg, const struct xf_pledge *p,
                      const char *verifier, const struct xf_member *m,
                      const char *verifier_field, struct xf_error *err)
{
    int rc;
    if (xf_text_blank(p->kept_on))
        return xf_err(err, XF_EINVAL, "kept_on", _("a kept pledge needs the day it was kept"));
    if ((rc = xf_date_check(p->kept_on, "kept_on", err)))
        return rc;
    if (strcmp(p->kept_on, p->made_on) < 0)
        return xf_err(err, XF_EINVAL, "kept_on",
                      _("kept date %s is before the pledge was made (%s)"), p->kept_on, p->made_on);
    if ((rc = check_not_future(p->kept_on, "kept_on", err)) ||
        (rc = check_text(p->evidence, "evidence", XF_PLEDGE_NOTE_MAX, err)))
        return rc;
    return check_verifier(cfg, p, verifier, m, verifier_field, err);
}

static int check_import_verifier(const struct xf_config *cfg, const char *login,
                                 struct xf_error *err)
{
    const struct xf_user *u = xf_config_user(cfg, login);
    if (!u)
        return xf_err(err, XF_EINVAL, "verified_by",
                      _("'%s' is not a user in the config: the verifier must be an organiser "
                        "or an administrator who may mark pledges kept"),
                      login);
    if (!xf_role_allows(u->role, XF_P_PLEDGE_EDIT))
        return xf_err(err, XF_EINVAL, "verified_by",
                      _("%s (%s) is a %s and may not verify pledges; an organiser or an "
                        "administrator must"),
                      u->name && *u->name ? u->name : u->login, u->login, xf_role_label(u->role));
    return XF_OK;
}

static int check_withdrawn(const struct xf_pledge *p, struct xf_error *err)
{
    if (strcmp(p->withdrawn_on, p->made_on) < 0)
        return xf_err(err, XF_EINVAL, "withdrawn_on",
                      _("withdrawal date %s is before the pledge was made (%s)"), p->withdrawn_on,
                      p->made_on);
    int rc = check_not_future(p->withdrawn_on, "withdrawn_on", err);
    return rc ? rc : check_text(p->withdraw_reason, "withdraw_reason", XF_PLEDGE_NOTE_MAX, err);
}

static char *dup_or_null(const char *s)
{
    return xf_text_blank(s) ? NULL : strdup(s);
}

static void fail(const struct xf_ctx *ctx)
{
    xf_db_rollback(ctx->db);
}

/* Points an error from a lookup at the form field that caused it. */
static int at_field(struct xf_error *err, int rc, const char *field)
{
    if (err)
        snprintf(err->field, sizeof err->field, "%s", field);
    return rc;
}

/* The same owner's same text made on the same day is one pledge: a second
 * would count twice in the progress figures (a file imported twice, a form
 * saved again). Called inside the write's transaction, so an earlier row
 * of the same import is found too. */
static int refuse_same(const struct xf_ctx *ctx, const struct xf_pledge *p, struct xf_error *err)
{
    int64_t other;
    char *owner;
    int rc = xf_store_pledge_same(ctx->db, p, &other, &owner, err);
    if (!rc && other)
        rc = p->member_id > 0
                 ? xf_err(err, XF_EINVAL, "text",
                          _("repeats pledge #%lld: member %s made a pledge with the same text "
                            "on %s"),
                          (long long)other, owner ? owner : "", p->made_on)
                 : xf_err(err, XF_EINVAL, "text",
                          _("repeats pledge #%lld: unit %s has a letter with the same text made "
                            "on %s"),
                          (long long)other, owner ? owner : "", p->made_on);
    free(owner);
    return rc;
}

/* The member was moved to another unit by someone else while the form
 * showed the old one: the pledge would count there, unseen. */
static int moved_meanwhile(const struct xf_ctx *ctx, const struct xf_member *m,
                           struct xf_error *err)
{
    char *place = xf_unit_place_label(ctx, m->unit_id);
    int rc = xf_err(err, XF_ECONFLICT, "version",
                    _("%s (%s) was moved to %s by someone else since the form was opened, and "
                      "the pledge counts where the member is"),
                    m->name, m->code, place ? place : "?");
    free(place);
    return rc;
}

int xf_pledge_make(const struct xf_ctx *ctx, const struct xf_pledge_new *in, int64_t *id_out,
                   struct xf_error *err)
{
    struct xf_pledge p = {
        .kind = (char *)(in->kind ? in->kind : "member"),
        .text = (char *)in->text,
        .category = (char *)in->category,
        .made_on = (char *)in->made_on,
        .due_on = (char *)in->due_on,
        .status = "open",
        .created_by = (char *)ctx->login,
        .unit_id = in->unit_id,
    };
    int rc = xf_perm_require(ctx, XF_P_PLEDGE_EDIT, 0, err);
    if (rc || (rc = check_fields(&p, err)))
        return rc;
    struct xf_member m = {0};
    bool has_member = in->member_id > 0;
    if (has_member && (rc = xf_store_member_get(ctx->db, in->member_id, &m, err)))
        return at_field(err, rc, "member_id");
    if (!(rc = check_owner(&p, has_member ? &m : NULL, "member_id", err))) {
        if (has_member) {
            p.member_id = m.id;
            p.unit_id = m.unit_id;
            if (!m.active)
                rc = xf_err(err, XF_EINVAL, "member_id", _("%s (%s) is no longer an active member"),
                            m.name, m.code);
            else if (in->shown_unit_id > 0 && in->shown_unit_id != m.unit_id)
                rc = moved_meanwhile(ctx, &m, err);
        } else if (p.unit_id <= 0) {
            rc = xf_err(err, XF_EINVAL, "unit_id", _("choose the unit of the letter"));
        }
    }
    xf_member_clear(&m);
    if (rc || (rc = xf_perm_require(ctx, XF_P_PLEDGE_EDIT, p.unit_id, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "pledge.make", err)))
        return rc;
    struct xf_unit u = {0};
    if ((rc = xf_store_unit_get(ctx->db, p.unit_id, &u, err))) {
        at_field(err, rc, "unit_id");
    } else if (!u.active) {
        rc = xf_err(err, XF_EINVAL, "unit_id", _("unit %s is no longer active"), u.code);
    }
    xf_unit_clear(&u);
    if (rc || (rc = refuse_same(ctx, &p, err)) || (rc = xf_store_pledge_insert(ctx->db, &p, err)) ||
        (rc = xf_db_commit(ctx->db, err))) {
        fail(ctx);
        return rc;
    }
    if (id_out)
        *id_out = p.id;
    return XF_OK;
}

/* Loads the pledge for a state change: scope, version and state checks. */
static int load_open(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *verb,
                     struct xf_pledge *p, struct xf_error *err)
{
    int rc = xf_store_pledge_get(ctx->db, id, p, err);
    if (rc)
        return rc;
    if ((rc = xf_perm_require(ctx, XF_P_PLEDGE_EDIT, p->unit_id, err)))
        return rc;
    if (p->version != version) {
        char what[64];
        snprintf(what, sizeof what, _("pledge #%lld"), (long long)id);
        xf_err(err, XF_ECONFLICT, "version",
               _("pledge #%lld was changed by someone else; reload it and try again"),
               (long long)id);
        return xf_conflict_describe(ctx, "pledge", id, what, err);
    }
    if (strcmp(p->status, "open") != 0)
        return xf_err(err, XF_ESTATE, "status", _("pledge #%lld is already %s and cannot be %s"),
                      (long long)id, strcmp(p->status, "kept") == 0 ? _("kept") : _("withdrawn"),
                      verb);
    return XF_OK;
}

int xf_pledge_keep_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    struct xf_pledge p = {0};
    struct xf_member m = {0};
    int rc = xf_store_pledge_get(ctx->db, id, &p, err);
    bool has_member = !rc && p.member_id > 0 && !(rc = xf_store_member_get(ctx->db, p.member_id,
                                                                           &m, err));
    if (!rc)
        rc = check_verifier(ctx->cfg, &p, ctx->login, has_member ? &m : NULL, "verified_by", err);
    xf_member_clear(&m);
    xf_pledge_clear(&p);
    return rc;
}

int xf_pledge_keep(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *kept_on,
                   const char *evidence, struct xf_error *err)
{
    return xf_pledge_keep_late(ctx, id, version, kept_on, evidence, NULL, err);
}

/* A pledge overdue today marked kept on an earlier day leaves the overdue
 * count at once, as if it had never been late: the day needs a reason,
 * kept in the history beside the marking. */
static int check_late(const struct xf_pledge *p, const char *kept_on, const char *reason,
                      struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (!xf_pledge_is_overdue(p, today) || xf_text_blank(kept_on) ||
        xf_date_check(kept_on, "kept_on", NULL) || strcmp(kept_on, today) >= 0)
        return XF_OK;
    if (xf_text_blank(reason))
        return xf_err(err, XF_EINVAL, "late_reason",
                      _("the pledge has been overdue since %s (%ld days); a kept date before "
                        "today (%s) needs a reason"),
                      p->due_on, xf_date_diff(p->due_on, today), kept_on);
    return check_text(reason, "late_reason", XF_PLEDGE_NOTE_MAX, err);
}

bool xf_pledge_keep_needs_reason(const struct xf_pledge *p, const char *kept_on)
{
    return check_late(p, kept_on, NULL, NULL) != XF_OK;
}

int xf_pledge_kept_record(const struct xf_ctx *ctx, int64_t id, char **at, char **actor,
                          char **late_reason, struct xf_error *err)
{
    return xf_store_pledge_kept_record(ctx->db, id, at, actor, late_reason, err);
}

int xf_pledge_keep_late(const struct xf_ctx *ctx, int64_t id, int64_t version,
                        const char *kept_on, const char *evidence, const char *late_reason,
                        struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_PLEDGE_EDIT, 0, err);
    if (rc || (rc = xf_db_begin(ctx->db, "pledge.keep", err)))
        return rc;
    struct xf_pledge p = {0};
    struct xf_member m = {0};
    bool has_member = false;
    if (!(rc = load_open(ctx, id, version, _("marked kept"), &p, err)) && p.member_id > 0) {
        rc = xf_store_member_get(ctx->db, p.member_id, &m, err);
        has_member = rc == XF_OK;
    }
    if (!rc) {
        free(p.status);
        p.status = strdup("kept");
        p.kept_on = dup_or_null(kept_on);
        p.evidence = dup_or_null(evidence);
        p.verified_by = dup_or_null(ctx->login);
        if (!(rc = check_kept(ctx->cfg, &p, ctx->login, has_member ? &m : NULL, "verified_by",
                              err))) {
            /* p is still open here: check_late reads it as it was */
            free(p.status);
            p.status = strdup("open");
            rc = check_late(&p, kept_on, late_reason, err);
            free(p.status);
            p.status = strdup("kept");
            bool late = !rc && !xf_text_blank(late_reason) &&
                        xf_pledge_keep_needs_reason(&(struct xf_pledge){.status = "open",
                                                                        .due_on = p.due_on},
                                                    kept_on);
            if (!rc)
                rc = xf_store_pledge_update_status(ctx->db, &p, err);
            if (!rc && late)
                rc = xf_store_pledge_late_note(ctx->db, p.id, late_reason, p.due_on, kept_on,
                                               err);
        }
    }
    xf_member_clear(&m);
    xf_pledge_clear(&p);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        fail(ctx);
    return rc;
}

int xf_pledge_withdraw(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                       struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_PLEDGE_EDIT, 0, err);
    if (rc || (rc = check_text(reason, "withdraw_reason", XF_PLEDGE_NOTE_MAX, err)) ||
        (rc = xf_db_begin(ctx->db, "pledge.withdraw", err)))
        return rc;
    struct xf_pledge p = {0};
    if (!(rc = load_open(ctx, id, version, _("withdrawn"), &p, err))) {
        char today[XF_DATE_LEN];
        xf_date_today(today);
        free(p.status);
        p.status = strdup("withdrawn");
        p.withdrawn_on = strdup(today);
        p.withdraw_reason = strdup(reason);
        rc = xf_store_pledge_update_status(ctx->db, &p, err);
    }
    xf_pledge_clear(&p);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        fail(ctx);
    return rc;
}

/* Named as in every refusal: "刘洋 (liu.yang), viewer, may not…". */
static int out_of_scope(const struct xf_ctx *ctx, struct xf_error *err)
{
    char who[200];
    xf_ctx_person(ctx, ctx->login, who, sizeof who);
    return xf_err(err, XF_EPERM, "", _("%s, %s, may not see pledges outside their units"), who,
                  xf_role_label(ctx->role));
}

int xf_pledge_get(const struct xf_ctx *ctx, int64_t id, struct xf_pledge *out, struct xf_error *err)
{
    int rc = xf_store_pledge_get(ctx->db, id, out, err);
    if (rc == XF_OK && !xf_ctx_in_scope(ctx, out->unit_id)) {
        xf_pledge_clear(out);
        return out_of_scope(ctx, err);
    }
    return rc;
}

bool xf_pledge_is_overdue(const struct xf_pledge *p, const char *today)
{
    return strcmp(p->status, "open") == 0 && strcmp(p->due_on, today) < 0;
}

/* Open reads "in progress" (进行中), not "not kept" (未兑现): a clerk read
 * a pledge weeks from its day as one already broken. */
const char *xf_pledge_status_label(const struct xf_pledge *p, const char *today)
{
    if (xf_pledge_is_overdue(p, today))
        return _("overdue");
    if (strcmp(p->status, "open") == 0)
        return xf_gettext_ctx(NC_("pledge", "open"));
    /* after its day: "kept" alone read as kept in time */
    if (strcmp(p->status, "kept") == 0 && p->kept_on && p->due_on &&
        strcmp(p->kept_on, p->due_on) > 0)
        return _("kept late");
    if (strcmp(p->status, "kept") == 0)
        return _("kept");
    if (strcmp(p->status, "withdrawn") == 0)
        return _("withdrawn");
    return p->status;
}

double xf_pledge_rate(const struct xf_pledge_counts *c)
{
    int64_t base = c->made - c->withdrawn;
    return base > 0 ? (double)c->kept / (double)base : 0.0;
}

/* ---- progress and report ---- */

struct scope_filter {
    const struct xf_ctx *ctx;
    xf_pledge_unit_fn fn;
    void *arg;
};

static int in_scope_only(void *arg, const struct xf_pledge_unit_counts *row)
{
    struct scope_filter *f = arg;
    return xf_ctx_in_scope(f->ctx, row->unit_id) ? f->fn(f->arg, row) : XF_OK;
}

static const char *today_or(const char *today, char buf[XF_DATE_LEN])
{
    if (today)
        return today;
    xf_date_today(buf);
    return buf;
}

int xf_pledge_progress(const struct xf_ctx *ctx, int64_t root_id, const char *today,
                       xf_pledge_unit_fn fn, void *arg, struct xf_error *err)
{
    char buf[XF_DATE_LEN];
    struct scope_filter f = {ctx, fn, arg};
    return xf_store_pledge_rollup(ctx->db, root_id < 0 ? 0 : root_id, -1, today_or(today, buf),
                                  in_scope_only, &f, err);
}

/* A scope unit that lies below another scope unit is shown under it. */
static bool nested_scope(const struct xf_ctx *ctx, const struct xf_unit *u)
{
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        struct xf_unit top = {0};
        if (strcmp(ctx->user->scopes[i], u->code) == 0 ||
            xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &top, NULL) != XF_OK)
            continue;
        bool below = top.id != u->id && xf_store_unit_within(ctx->db, u->id, top.id);
        xf_unit_clear(&top);
        if (below)
            return true;
    }
    return false;
}

int xf_pledge_progress_top(const struct xf_ctx *ctx, const char *today, xf_pledge_unit_fn fn,
                           void *arg, struct xf_error *err)
{
    char buf[XF_DATE_LEN];
    today = today_or(today, buf);
    if (!ctx->user || ctx->user->n_scopes == 0)
        return xf_store_pledge_rollup(ctx->db, 0, -1, today, fn, arg, err);
    int rc = XF_OK;
    for (size_t i = 0; rc == XF_OK && i < ctx->user->n_scopes; i++) {
        struct xf_unit u = {0};
        if (xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &u, NULL) != XF_OK)
            continue; /* a scope naming no unit grants nothing */
        if (!nested_scope(ctx, &u))
            rc = xf_store_pledge_rollup_unit(ctx->db, u.id, today, fn, arg, err);
        xf_unit_clear(&u);
    }
    return rc;
}

struct found_one {
    xf_pledge_unit_fn fn;
    void *arg;
    bool found;
};

static int note_found(void *arg, const struct xf_pledge_unit_counts *row)
{
    struct found_one *f = arg;
    f->found = true;
    return f->fn(f->arg, row);
}

int xf_pledge_progress_unit(const struct xf_ctx *ctx, int64_t unit_id, const char *today,
                            xf_pledge_unit_fn fn, void *arg, struct xf_error *err)
{
    char buf[XF_DATE_LEN];
    if (!xf_ctx_in_scope(ctx, unit_id))
        return out_of_scope(ctx, err);
    struct found_one f = {fn, arg, false};
    int rc = xf_store_pledge_rollup_unit(ctx->db, unit_id, today_or(today, buf), note_found, &f,
                                         err);
    if (rc == XF_OK && !f.found)
        return xf_err(err, XF_ENOTFOUND, "unit_id", _("no unit #%lld"), (long long)unit_id);
    return rc;
}

static int check_limit(int limit, struct xf_error *err)
{
    if (limit < 1 || limit > 500)
        return xf_err(err, XF_EINVAL, "limit", _("a page holds 1 to 500 rows, not %d"), limit);
    return XF_OK;
}

int xf_pledge_members(const struct xf_ctx *ctx, int64_t unit_id, const char *today,
                      bool overdue_only, const struct xf_pledge_key *from,
                      enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn, void *arg,
                      struct xf_error *err)
{
    char buf[XF_DATE_LEN];
    int rc = check_limit(limit, err);
    if (rc)
        return rc;
    if (!xf_ctx_in_scope(ctx, unit_id))
        return out_of_scope(ctx, err);
    return xf_store_pledge_members(ctx->db, unit_id, today_or(today, buf), overdue_only, from,
                                   dir, limit, fn, arg, err);
}

int xf_pledge_members_below(const struct xf_ctx *ctx, int64_t unit_id, const char *today,
                            bool overdue_only, const struct xf_pledge_key *from,
                            enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn,
                            void *arg, struct xf_error *err)
{
    char buf[XF_DATE_LEN];
    int rc = check_limit(limit, err);
    if (rc)
        return rc;
    /* A scope is a subtree: a unit in it has everything below in it. */
    if (!xf_ctx_in_scope(ctx, unit_id))
        return out_of_scope(ctx, err);
    return xf_store_pledge_members_below(ctx->db, unit_id, today_or(today, buf), overdue_only,
                                         from, dir, limit, fn, arg, err);
}

int xf_pledge_page(const struct xf_ctx *ctx, int64_t member_id, int64_t unit_id,
                   const struct xf_pledge_key *from, enum xf_pledge_dir dir, int limit,
                   xf_pledge_fn fn, void *arg, struct xf_error *err)
{
    int rc = check_limit(limit, err);
    if (rc)
        return rc;
    if (member_id > 0) {
        struct xf_member m = {0};
        if ((rc = xf_store_member_get(ctx->db, member_id, &m, err)))
            return rc;
        unit_id = m.unit_id;
        xf_member_clear(&m);
    }
    if (!xf_ctx_in_scope(ctx, unit_id))
        return out_of_scope(ctx, err);
    return xf_store_pledge_page(ctx->db, member_id, unit_id, from, dir, limit, fn, arg, err);
}

int xf_pledge_totals(const struct xf_ctx *ctx, const char *today, struct xf_pledge_counts *out,
                     struct xf_error *err)
{
    char buf[XF_DATE_LEN];
    memset(out, 0, sizeof *out);
    return xf_store_pledge_totals(ctx->db, today_or(today, buf), out, err);
}

/* What a report row counts, in its last column, said the same at every
 * depth: a unit's row always counts the unit with every unit below it
 * ("with units below"; a department's row read "part" at --depth 1 and
 * "subtotal" at --depth 2, the same figures); where the units below are
 * listed after it, it adds that they sum to it. The "(own)" row counts
 * the pledges made at the unit itself. Summing the rows not marked as
 * the sum of the rows below gives the total, each pledge once. */
enum report_kind { ROW_SUBTOTAL, ROW_PART, ROW_TOTAL, ROW_OWN };

static int add_counts_row(struct xf_table *t, const char *code, const char *name,
                          const struct xf_pledge_counts *c, enum report_kind kind)
{
    static const char *const row_kinds[] = {
        NC_("report row", "with units below = the rows below"),
        NC_("report row", "with units below"), NC_("report row", "total"),
        NC_("report row", "unit itself")};
    char rate[32];
    if (c->made - c->withdrawn > 0)
        snprintf(rate, sizeof rate, "%.1f", xf_table_round1(100.0 * xf_pledge_rate(c)));
    else
        snprintf(rate, sizeof rate, "-");
    return xf_table_addf(t, "%s\t%s\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%s\t%s",
                         code, name, c->made, c->kept, c->withdrawn, c->overdue, rate,
                         xf_gettext_ctx(row_kinds[kind]));
}

/* The report's rows as the roll-up gives them (a unit, then the units
 * below it), kept until all are in: a unit whose children are listed
 * also gets a row for the pledges made at the unit itself, so that the
 * rows under it add up to it, as in Pledge progress. */
struct report_rows {
    struct report_row {
        char *code, *name;
        int64_t unit_id;
        int depth;
        struct xf_pledge_counts c;
    } *v;
    size_t n, cap;
};

static int report_row(void *arg, const struct xf_pledge_unit_counts *row)
{
    struct report_rows *r = arg;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        struct report_row *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return XF_EIO;
        r->v = v;
        r->cap = cap;
    }
    struct report_row *o = &r->v[r->n];
    *o = (struct report_row){strdup(row->code ? row->code : ""), strdup(row->name ? row->name : ""),
                             row->unit_id, row->depth, row->c};
    if (!o->code || !o->name) {
        free(o->code);
        free(o->name);
        return XF_EIO;
    }
    r->n++;
    return XF_OK;
}

static struct xf_pledge_counts own_counts(const struct report_rows *r, size_t i)
{
    struct xf_pledge_counts c = r->v[i].c;
    for (size_t j = i + 1; j < r->n && r->v[j].depth > r->v[i].depth; j++) {
        if (r->v[j].depth != r->v[i].depth + 1)
            continue;
        c.made -= r->v[j].c.made;
        c.kept -= r->v[j].c.kept;
        c.withdrawn -= r->v[j].c.withdrawn;
        c.open -= r->v[j].c.open;
        c.overdue -= r->v[j].c.overdue;
    }
    return c;
}

static void report_rows_free(struct report_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].code);
        free(r->v[i].name);
    }
    free(r->v);
    *r = (struct report_rows){0};
}

/* unit_id's children, and theirs, levels deep, each after its parent; a
 * row's depth counts from the scope unit (level), so that the rows of two
 * scope units at different depths are siblings, not parent and child. */
static int report_below(const struct xf_ctx *ctx, int64_t unit_id, int level, int levels,
                        const char *today, struct report_rows *out, struct xf_error *err)
{
    if (levels <= 0)
        return XF_OK;
    struct report_rows kids = {0};
    int rc = xf_store_pledge_rollup(ctx->db, unit_id, -1, today, report_row, &kids, err);
    for (size_t i = 0; !rc && i < kids.n; i++) {
        struct xf_pledge_unit_counts row = {.unit_id = kids.v[i].unit_id, .code = kids.v[i].code,
                                            .name = kids.v[i].name, .depth = level,
                                            .c = kids.v[i].c};
        if (!(rc = report_row(out, &row)))
            rc = report_below(ctx, row.unit_id, level + 1, levels - 1, today, out, err);
    }
    report_rows_free(&kids);
    return rc;
}

/* A user limited to some units reads the report from those units down:
 * depth 1 is the units of their scope (a scope below the departments had
 * no row at all), depth 2 adds the units under them, and so on. A scope
 * unit is named with its department ("市城建委 › 服务大厅"): every
 * department has a 服务大厅. */
static int report_scoped(const struct xf_ctx *ctx, const char *today, int depth,
                         struct report_rows *out, struct xf_error *err)
{
    struct report_rows tops = {0};
    int rc = xf_pledge_progress_top(ctx, today, report_row, &tops, err);
    for (size_t i = 0; !rc && i < tops.n; i++) {
        char *place = xf_unit_place_label(ctx, tops.v[i].unit_id);
        struct xf_pledge_unit_counts row = {.unit_id = tops.v[i].unit_id, .code = tops.v[i].code,
                                            .name = place ? place : tops.v[i].name, .depth = 0,
                                            .c = tops.v[i].c};
        if (!(rc = report_row(out, &row)))
            rc = report_below(ctx, row.unit_id, 1, depth - 1, today, out, err);
        free(place);
    }
    report_rows_free(&tops);
    return rc;
}

static int report_emit(struct xf_table *t, struct report_rows *r)
{
    int rc = XF_OK;
    for (size_t i = 0; i < r->n && !rc; i++) {
        bool parent = i + 1 < r->n && r->v[i + 1].depth > r->v[i].depth;
        rc = add_counts_row(t, r->v[i].code, r->v[i].name, &r->v[i].c,
                            parent ? ROW_SUBTOTAL : ROW_PART)
                 ? XF_EIO
                 : XF_OK;
        struct xf_pledge_counts own = parent ? own_counts(r, i) : (struct xf_pledge_counts){0};
        char *name = NULL;
        if (!rc && own.made > 0 &&
            (asprintf(&name, "%s%s", r->v[i].name, _(" (own)")) < 0 ||
             add_counts_row(t, r->v[i].code, name, &own, ROW_OWN)))
            rc = XF_EIO;
        free(name);
    }
    report_rows_free(r);
    return rc;
}

static int add_to_total(void *arg, const struct xf_pledge_unit_counts *row)
{
    struct xf_pledge_counts *t = arg;
    t->made += row->c.made;
    t->kept += row->c.kept;
    t->withdrawn += row->c.withdrawn;
    t->open += row->c.open;
    t->overdue += row->c.overdue;
    return XF_OK;
}

/* Unscoped, the top units' rows cover every pledge: their sum is the
 * whole table's, without counting the overdue pledges a second time
 * (a quarter of the report's work at city scale). */
static void roots_total(const struct report_rows *r, struct xf_pledge_counts *all)
{
    memset(all, 0, sizeof *all);
    for (size_t i = 0; i < r->n; i++) {
        if (r->v[i].depth != 0)
            continue;
        struct xf_pledge_unit_counts row = {.c = r->v[i].c};
        add_to_total(all, &row);
    }
}

/* For a user with a scope, the counts of the subtrees of their scope
 * units (one under another counted once). */
static int report_total(const struct xf_ctx *ctx, const char *today, struct xf_pledge_counts *all,
                        struct xf_error *err)
{
    memset(all, 0, sizeof *all);
    int rc = XF_OK;
    for (size_t i = 0; !rc && i < ctx->user->n_scopes; i++) {
        struct xf_unit u = {0};
        if (xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &u, NULL) != XF_OK)
            continue; /* a scope naming no unit adds nothing */
        if (!nested_scope(ctx, &u))
            rc = xf_store_pledge_rollup_unit(ctx->db, u.id, today, add_to_total, all, err);
        xf_unit_clear(&u);
    }
    return rc;
}

int xf_pledge_report(const struct xf_ctx *ctx, const char *today, int depth, struct xf_table *t,
                     struct xf_error *err)
{
    if (depth < 1)
        return xf_err(err, XF_EINVAL, "depth", _("depth must be 1 (departments) or more"));
    char buf[XF_DATE_LEN];
    today = today_or(today, buf);
    const char *names[] = {_("Unit code"), _("Unit"),    _("Made"),       _("Kept"),
                           _("Withdrawn"), _("Overdue"), _("Progress %"), _("Row"),
                           NULL};
    if (xf_table_init(t, _("Pledges by unit"), names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (size_t c = 2; c < 7; c++)
        xf_table_numeric(t, c);
    struct report_rows rows = {0};
    struct scope_filter f = {ctx, report_row, &rows};
    struct xf_pledge_counts all;
    bool scoped = ctx->user && ctx->user->n_scopes > 0;
    int rc = scoped ? report_scoped(ctx, today, depth, &rows, err)
                    : xf_store_pledge_rollup(ctx->db, 0, depth - 1, today, in_scope_only, &f, err);
    if (!scoped)
        roots_total(&rows, &all);
    int erc = report_emit(t, &rows);
    if (!rc)
        rc = erc;
    if (rc == XF_EIO)
        xf_err(err, XF_EIO, "", _("out of memory"));
    if (!rc && !(scoped && (rc = report_total(ctx, today, &all, err))) &&
        add_counts_row(t, "", _("Total"), &all, ROW_TOTAL))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    if (rc)
        xf_table_free(t);
    return rc;
}

/* ---- CSV ---- */

static const char *const pledge_columns[] = {
    "id",       "kind",        "member_code",  "unit_code",       "text",
    "category", "made_on",     "due_on",       "status",          "kept_on",
    "evidence", "verified_by", "withdrawn_on", "withdraw_reason", "created_by",
    NULL,
};
/* Pledges have no code: an exported one keeps its id, a new one from a
 * spreadsheet leaves id blank (or the column out) and gets the next. */
/* kind may be left out: a row naming a member is the member's pledge,
 * one naming a unit alone the unit's letter (a clerk's sheet of members'
 * pledges has no such column). */
static const char *const pledge_required[] = {"text", "category", "made_on", "due_on", NULL};

enum {
    C_ID,
    C_KIND,
    C_MEMBER,
    C_UNIT,
    C_TEXT,
    C_CATEGORY,
    C_MADE,
    C_DUE,
    C_STATUS,
    C_KEPT,
    C_EVIDENCE,
    C_VERIFIER,
    C_WITHDRAWN,
    C_REASON,
    C_CREATED,
    C_NCOLS
};

struct export_state {
    xf_emit_fn emit;
    void *arg;
};

static int export_one(void *arg, const struct xf_pledge_export_row *row)
{
    struct export_state *s = arg;
    const struct xf_pledge *p = row->p;
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, p->id);
    const char *f[C_NCOLS] = {
        [C_ID] = id,
        [C_KIND] = p->kind,
        [C_MEMBER] = xf_text_or_empty(row->member_code),
        [C_UNIT] = xf_text_or_empty(row->unit_code),
        [C_TEXT] = p->text,
        [C_CATEGORY] = p->category,
        [C_MADE] = p->made_on,
        [C_DUE] = p->due_on,
        [C_STATUS] = p->status,
        [C_KEPT] = xf_text_or_empty(p->kept_on),
        [C_EVIDENCE] = xf_text_or_empty(p->evidence),
        [C_VERIFIER] = xf_text_or_empty(p->verified_by),
        [C_WITHDRAWN] = xf_text_or_empty(p->withdrawn_on),
        [C_REASON] = xf_text_or_empty(p->withdraw_reason),
        [C_CREATED] = xf_text_or_empty(p->created_by),
    };
    s->emit(s->arg, f);
    return XF_OK;
}

static int pledges_export(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                          struct xf_error *err)
{
    struct export_state s = {emit, arg};
    return xf_store_pledge_each(ctx->db, export_one, &s, err);
}

/* Blank: a new pledge (*out = 0, numbered on insert). */
static int parse_id(const char *s, int64_t *out, struct xf_error *err)
{
    *out = 0;
    if (xf_text_blank(s))
        return XF_OK;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v <= 0)
        return xf_err(err, XF_EINVAL, "id",
                      _("id must be a positive whole number, or blank for a new pledge, not "
                        "'%s'"),
                      s);
    *out = v;
    return XF_OK;
}

/* A state's own fields must be present, and other states' fields empty,
 * so that an imported row reads exactly like one made through the forms. */
static int import_state(const struct xf_config *cfg, struct xf_pledge *p, const char *const *f,
                        const struct xf_member *m,
                        struct xf_error *err)
{
    const char *st = xf_text_blank(f[C_STATUS]) ? "open" : f[C_STATUS];
    bool kept = strcmp(st, "kept") == 0, wd = strcmp(st, "withdrawn") == 0;
    if (!kept && !wd && strcmp(st, "open") != 0)
        return xf_err(err, XF_EINVAL, "status",
                      _("status must be open, kept or withdrawn, not '%s'"), st);
    static const int kept_cols[] = {C_KEPT, C_EVIDENCE, C_VERIFIER};
    static const int wd_cols[] = {C_WITHDRAWN, C_REASON};
    for (size_t i = 0; !kept && i < 3; i++)
        if (!xf_text_blank(f[kept_cols[i]]))
            return xf_err(err, XF_EINVAL, pledge_columns[kept_cols[i]],
                          _("%s is only for kept pledges; this one is %s"),
                          pledge_columns[kept_cols[i]], st);
    for (size_t i = 0; !wd && i < 2; i++)
        if (!xf_text_blank(f[wd_cols[i]]))
            return xf_err(err, XF_EINVAL, pledge_columns[wd_cols[i]],
                          _("%s is only for withdrawn pledges; this one is %s"),
                          pledge_columns[wd_cols[i]], st);
    p->status = (char *)st;
    p->kept_on = (char *)f[C_KEPT];
    p->evidence = (char *)f[C_EVIDENCE];
    p->verified_by = (char *)f[C_VERIFIER];
    p->withdrawn_on = (char *)f[C_WITHDRAWN];
    p->withdraw_reason = (char *)f[C_REASON];
    int rc = XF_OK;
    if (kept)
        rc = check_kept(cfg, p, f[C_VERIFIER], m, "verified_by", err);
    /* A new pledge's verifier is someone who may verify, as in the
     * interface (K is an organiser's or an administrator's): a sheet
     * named "nobody_xyz" and the pledge counted as kept. A row with its
     * id is a record exported from a database, verified when it was
     * marked (its verifier may have left the config since). A config of
     * no users (one person, who is administrator) names nobody to check
     * against. */
    if (kept && !rc && p->id == 0 && cfg->n_users > 0)
        rc = check_import_verifier(cfg, f[C_VERIFIER], err);
    if (wd && !(rc = xf_date_check(p->withdrawn_on, "withdrawn_on", err)))
        rc = check_withdrawn(p, err);
    if (!kept) {
        p->kept_on = p->evidence = p->verified_by = NULL;
    }
    if (!wd)
        p->withdrawn_on = p->withdraw_reason = NULL;
    return rc;
}

/* The member and the unit a row names, each read once: by the cell's
 * check that it exists, then taken by import_owner. */
struct owner_refs {
    struct xf_member m;
    struct xf_unit u;
    bool has_member, has_unit;
};

static void owner_refs_clear(struct owner_refs *o)
{
    xf_member_clear(&o->m);
    xf_unit_clear(&o->u);
}

/* o: the row's member and unit, read by pledge_cells (every named one
 * found, or the row has a mistake and does not get here). */
static int import_owner(const struct xf_ctx *ctx, struct xf_pledge *p, const char *const *f,
                        const struct owner_refs *o, struct xf_error *err)
{
    int rc;
    const struct xf_member *m = &o->m;
    if (!xf_text_blank(f[C_MEMBER])) {
        if (!o->has_member) /* not read: its check refuses the row first */
            return xf_err(err, XF_ENOTFOUND, "member_code", _("no member with code '%s'"),
                          f[C_MEMBER]);
        p->member_id = m->id;
        p->unit_id = m->unit_id;
        /* As the form: a member taken off the roll makes no new pledges
         * (an exported one, with its id, is still brought back). */
        if (p->id == 0 && !m->active)
            return xf_err(err, XF_EINVAL, "member_code",
                          _("%s (%s) is no longer an active member"), m->name, m->code);
    }
    if ((rc = check_owner(p, o->has_member ? m : NULL, "member_code", err)))
        return rc;
    /* An exported pledge (it has its id) keeps its unit: the member may
     * have moved since. A new one is made where the member is, as the
     * interface makes it, or the unit's figures and its members' would
     * disagree. */
    if (!xf_text_blank(f[C_UNIT])) {
        const struct xf_unit *u = &o->u;
        if (!o->has_unit)
            return xf_err(err, XF_ENOTFOUND, "unit_code", _("no unit with code '%s'"), f[C_UNIT]);
        if (o->has_member && p->id == 0 && u->id != m->unit_id)
            rc = xf_err(err, XF_EINVAL, "unit_code",
                        _("member %s is not in unit %s; a new pledge belongs to the member's "
                          "unit (leave unit_code empty)"),
                        m->code, u->code);
        if (!rc && p->id == 0 && !u->active)
            rc = xf_err(err, XF_EINVAL, "unit_code", _("unit %s is no longer active"), u->code);
        p->unit_id = u->id;
        if (rc)
            return rc;
    } else if (!o->has_member) {
        return xf_err(err, XF_EINVAL, "unit_code", _("unit_code is required for a unit letter"));
    }
    bool by_unit = !xf_text_blank(f[C_UNIT]);
    return xf_import_in_scope(ctx, p->unit_id, by_unit ? "unit_code" : "member_code",
                              by_unit ? f[C_UNIT] : f[C_MEMBER], err);
}

/* A code an import row names, which the database must hold; what it
 * names, kept in o for import_owner. */
static int known_code(const struct xf_ctx *ctx, const char *code, bool member, struct owner_refs *o,
                      struct xf_error *err)
{
    if (xf_text_blank(code))
        return XF_OK;
    int rc;
    if (member)
        o->has_member = (rc = xf_store_member_by_code(ctx->db, code, &o->m, err)) == XF_OK;
    else
        o->has_unit = (rc = xf_store_unit_by_code(ctx->db, code, &o->u, err)) == XF_OK;
    if (rc == XF_ENOTFOUND)
        return member ? xf_err(err, XF_EINVAL, "member_code", _("no member with code '%s'"), code)
                      : xf_err(err, XF_EINVAL, "unit_code", _("no unit with code '%s'"), code);
    return rc;
}

/* A cell of a kept or withdrawn pledge's (cols[i]) in a row whose status
 * has none of them. */
static int only_for(const char *const *f, const int *cols, size_t n, bool is, const char *st,
                    bool kept, struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = XF_OK;
    for (size_t i = 0; !is && !rc && i < n; i++)
        if (!xf_text_blank(f[cols[i]]))
            rc = xf_row_note(row,
                             xf_err(err, XF_EINVAL, pledge_columns[cols[i]],
                                    kept ? _("%s is only for kept pledges; this one is %s")
                                         : _("%s is only for withdrawn pledges; this one is %s"),
                                    pledge_columns[cols[i]], st),
                             err);
    return rc;
}

/* Each cell's own checks, every mistake noted in row, in column order: a
 * kept pledge's evidence and its verifier are told together. What needs
 * valid cells (a due day before the day made, a verifier who made the
 * pledge) is checked after, by import_owner and import_state. */
static int pledge_cells(const struct xf_ctx *ctx, const char *const *f, struct xf_pledge *p,
                        struct owner_refs *o, struct xf_row_mistakes *row, struct xf_error *err)
{
    const char *st = xf_text_blank(f[C_STATUS]) ? "open" : f[C_STATUS];
    bool kept = !strcmp(st, "kept"), wd = !strcmp(st, "withdrawn");
    int64_t id;
    int rc;
    if ((rc = xf_row_note(row, parse_id(f[C_ID], &id, err), err)) ||
        (rc = xf_row_note(row, check_kind(p->kind, err), err)) ||
        (rc = xf_row_note(row, known_code(ctx, f[C_MEMBER], true, o, err), err)) ||
        (rc = xf_row_note(row, known_code(ctx, f[C_UNIT], false, o, err), err)) ||
        (rc = xf_row_note(row, check_text(p->text, "text", XF_PLEDGE_TEXT_MAX, err), err)) ||
        (rc = xf_row_note(row, check_category(p->category, err), err)) ||
        (rc = xf_row_note(row, check_past_day(p->made_on, "made_on", err), err)) ||
        (rc = xf_row_note(row, xf_date_check(p->due_on, "due_on", err), err)))
        return rc;
    if (!kept && !wd && strcmp(st, "open") != 0)
        return xf_row_note(row,
                           xf_err(err, XF_EINVAL, "status",
                                  _("status must be open, kept or withdrawn, not '%s'"), st),
                           err);
    static const int kept_cols[] = {C_KEPT, C_EVIDENCE, C_VERIFIER};
    static const int wd_cols[] = {C_WITHDRAWN, C_REASON};
    if ((rc = only_for(f, kept_cols, 3, kept, st, true, row, err)) ||
        (rc = only_for(f, wd_cols, 2, wd, st, false, row, err)))
        return rc;
    if (kept &&
        ((rc = xf_row_note(row,
                           xf_text_blank(f[C_KEPT])
                               ? xf_err(err, XF_EINVAL, "kept_on",
                                        _("a kept pledge needs the day it was kept"))
                               : check_past_day(f[C_KEPT], "kept_on", err),
                           err)) ||
         (rc = xf_row_note(row, check_text(f[C_EVIDENCE], "evidence", XF_PLEDGE_NOTE_MAX, err),
                           err)) ||
         (rc = xf_row_note(row,
                           xf_text_blank(f[C_VERIFIER])
                               ? xf_err(err, XF_EINVAL, "verified_by",
                                        _("the verifier is required"))
                               : xf_unit_check_line(f[C_VERIFIER], "verified_by", 100, false,
                                                    err),
                           err))))
        return rc;
    if (wd &&
        ((rc = xf_row_note(row, check_past_day(f[C_WITHDRAWN], "withdrawn_on", err), err)) ||
         (rc = xf_row_note(
              row, check_text(f[C_REASON], "withdraw_reason", XF_PLEDGE_NOTE_MAX, err), err))))
        return rc;
    return xf_row_note(row, xf_unit_check_line(p->created_by, "created_by", 100, false, err),
                       err);
}

static int pledges_import(const struct xf_ctx *ctx, const char *const *f,
                          struct xf_row_mistakes *row, struct xf_error *err)
{
    const char *kind = !xf_text_blank(f[C_KIND])     ? f[C_KIND]
                       : !xf_text_blank(f[C_MEMBER]) ? "member"
                                                     : "unit_target";
    struct xf_pledge p = {
        .kind = (char *)kind,
        .text = (char *)f[C_TEXT],
        .category = (char *)f[C_CATEGORY],
        .made_on = (char *)f[C_MADE],
        .due_on = (char *)f[C_DUE],
        /* A new pledge with no recorder was recorded by whoever imports it. */
        .created_by =
            (char *)(xf_text_blank(f[C_CREATED]) ? xf_text_or_empty(ctx->login) : f[C_CREATED]),
    };
    struct owner_refs o = {0};
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (!rc && !(rc = pledge_cells(ctx, f, &p, &o, row, err)))
        rc = xf_row_verdict(row, err);
    /* Logins, as the program writes them: one line, nothing that could
     * steer a terminal when the file is exported again and printed. */
    if (!rc && !(rc = xf_unit_check_line(p.created_by, "created_by", 100, false, err)))
        rc = xf_unit_check_line(f[C_VERIFIER], "verified_by", 100, false, err);
    if (!rc && !(rc = parse_id(f[C_ID], &p.id, err)) && !(rc = check_fields(&p, err)) &&
        !(rc = import_owner(ctx, &p, f, &o, err)) &&
        !(rc = import_state(ctx->cfg, &p, f, o.has_member ? &o.m : NULL, err)) &&
        !(rc = xf_db_begin(ctx->db, "pledge.import", err))) {
        /* Only a new pledge (no id) is checked for a twin. A row with its
         * id is a record exported from a database, whose id already stops
         * it going in twice; the pledge form lets the same text be made
         * twice a day, and such records must still be restored. */
        if ((p.id == 0 && (rc = refuse_same(ctx, &p, err))) ||
            (rc = xf_store_pledge_insert(ctx->db, &p, err)) ||
            (rc = xf_db_commit(ctx->db, err)))
            fail(ctx);
    }
    owner_refs_clear(&o);
    return rc;
}

const struct xf_kind_io xf_kind_pledges = {
    .scope_column = "unit_code",
    .period_column = "made_on",
    .name = "pledges",
    .columns = pledge_columns,
    .required = pledge_required,
    .export_rows = pledges_export,
    .import_row = pledges_import,
};
