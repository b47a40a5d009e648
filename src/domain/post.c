/* Pioneer posts: the life cycle, the notice, and the post reports. */
#include "xf/post.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/award.h"
#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/conflict.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/project.h"
#include "xf/search.h"
#include "xf/store_evaluation.h"
#include "xf/store_restore.h"
#include "xf/store_unit.h"
#include "xf/unit.h"

#define TITLE_MAX 200
#define SHORT_MAX 100
#define HOTLINE_MAX 50
#define LONG_MAX_CHARS 2000

static const char *const status_labels[XF_POST_NSTATUS] = {N_("proposed"), N_("published"),
                                                           N_("named"), N_("revoked")};

const char *xf_post_status_label(enum xf_post_status s)
{
    return (unsigned)s < XF_POST_NSTATUS ? _(status_labels[s]) : "?";
}

static int finish(const struct xf_ctx *ctx, int rc, struct xf_error *err)
{
    if (rc) {
        xf_db_rollback(ctx->db);
        return rc;
    }
    return xf_db_commit(ctx->db, err);
}

/* ---- validation ---------------------------------------------------------- */

/* A hotline is a number to call: "0451-12345678", "12345 转 2" — at
 * least five digits, whatever else surrounds them ("abc" is not one). */
static int check_hotline(const char *s, struct xf_error *err)
{
    int digits = 0;
    for (const char *c = s; c && *c; c++)
        digits += *c >= '0' && *c <= '9';
    if (xf_text_blank(s) || digits >= 5)
        return XF_OK;
    return xf_err(err, XF_EINVAL, "hotline",
                  _("a complaint hotline is a telephone number, such as 0451-12345678"));
}

/* Each text's own checks; an import's row notes every mistake (row
 * NULL: the first stops them). */
static int validate_fields(const struct xf_post *p, struct xf_row_mistakes *row,
                           struct xf_error *err)
{
    static const struct {
        size_t off;
        const char *field;
        size_t max;
        bool line;
    } texts[] = {
        {offsetof(struct xf_post, holder_name), "holder_name", SHORT_MAX, true},
        {offsetof(struct xf_post, position), "position", SHORT_MAX, true},
        {offsetof(struct xf_post, scope), "scope", LONG_MAX_CHARS, false},
        {offsetof(struct xf_post, hotline), "hotline", HOTLINE_MAX, true},
        {offsetof(struct xf_post, commit_standard), "commit_standard", LONG_MAX_CHARS, false},
        {offsetof(struct xf_post, commit_time_limit), "commit_time_limit", LONG_MAX_CHARS, false},
        {offsetof(struct xf_post, commit_quality), "commit_quality", LONG_MAX_CHARS, false},
        {offsetof(struct xf_post, commit_attitude), "commit_attitude", LONG_MAX_CHARS, false},
    };
    int rc;
    if ((rc = xf_row_note(row, xf_unit_check_code(p->code, "code", err), err)) ||
        (rc = xf_row_note(row, xf_unit_check_line(p->title, "title", TITLE_MAX, true, err), err)))
        return rc;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *s = *(char *const *)((const char *)p + texts[i].off);
        int bad = (texts[i].line ? xf_unit_check_line
                                 : xf_unit_check_text)(s, texts[i].field, texts[i].max, false, err);
        /* (the hotline's form, once its characters are right) */
        if (!bad && !strcmp(texts[i].field, "hotline"))
            bad = check_hotline(p->hotline, err);
        if ((rc = xf_row_note(row, bad, err)))
            return rc;
    }
    return XF_OK;
}

/* The public notice must show who, what and where to complain, and (when
 * commitments) the four commitments the seed's sign carries; an import
 * of posts published long ago is held to the first part only. The
 * message lists everything still missing. */
static int check_notice(const struct xf_post *p, bool commitments, struct xf_error *err)
{
    const struct {
        const char *value, *field, *label;
    } need[] = {
        {p->holder_name, "holder_name", _("holder's name")},
        {p->position, "position", _("position")},
        {p->scope, "scope", _("service scope")},
        {p->hotline, "hotline", _("complaint hotline")},
        {p->commit_standard, "commit_standard", _("work standard")},
        {p->commit_time_limit, "commit_time_limit", _("time limit")},
        {p->commit_quality, "commit_quality", _("service quality")},
        {p->commit_attitude, "commit_attitude", _("service attitude")},
    };
    const char *first = NULL;
    char missing[256] = "";
    size_t n = commitments ? sizeof need / sizeof need[0] : 4;
    for (size_t i = 0; i < n; i++) {
        if (need[i].value && *need[i].value)
            continue;
        if (!first)
            first = need[i].field;
        size_t len = strlen(missing);
        /* TRANSLATORS: between the items of a list ("岗位、工作标准") */
        snprintf(missing + len, sizeof missing - len, "%s%s",
                 len ? xf_gettext_ctx(NC_("list", ", ")) : "", need[i].label);
    }
    if (!first)
        return XF_OK;
    return xf_err(err, XF_EINVAL, first,
                  _("the public notice is incomplete: %s missing; fill it in first"), missing);
}

static int holder_elsewhere(const struct xf_ctx *ctx, const struct xf_member *m,
                            const char *field, struct xf_error *err)
{
    struct xf_unit u = {0};
    struct xf_error e2 = {0};
    int rc = xf_store_unit_get(ctx->db, m->unit_id, &u, &e2);
    rc = xf_err(err, XF_EINVAL, field,
                _("member %s belongs to %s, not to the post's unit; choose one of its members"),
                m->name, rc == XF_OK ? u.name : "?");
    xf_unit_clear(&u);
    return rc;
}

/* A linked project and a recorded holder must exist and be active when
 * they are chosen (kept links to later-deactivated ones stay valid). */
static int check_links(const struct xf_ctx *ctx, const struct xf_post *p,
                       const struct xf_post *cur, struct xf_error *err)
{
    int rc = XF_OK;
    if (p->project_id && (!cur || cur->project_id != p->project_id)) {
        struct xf_project j = {0};
        rc = xf_store_project_get(ctx->db, p->project_id, &j, err);
        if (rc == XF_ENOTFOUND)
            rc = xf_err(err, XF_EINVAL, "project", _("the project does not exist"));
        else if (!rc && !j.active)
            rc = xf_err(err, XF_ESTATE, "project",
                        _("project %s is inactive; choose an active project"), j.code);
        xf_project_clear(&j);
    }
    if (!rc && p->holder_member_id &&
        (!cur || cur->holder_member_id != p->holder_member_id || cur->unit_id != p->unit_id)) {
        struct xf_member m = {0};
        rc = xf_store_member_get(ctx->db, p->holder_member_id, &m, err);
        if (rc == XF_ENOTFOUND)
            rc = xf_err(err, XF_EINVAL, "holder_member", _("the member does not exist"));
        else if (!rc && !m.active && (!cur || cur->holder_member_id != p->holder_member_id))
            rc = xf_err(err, XF_ESTATE, "holder_member",
                        _("member %s is inactive; choose an active member"), m.name);
        /* The notice names who serves at this window: one of its unit's
         * members, as the form's picker offers. */
        else if (!rc && m.unit_id != p->unit_id)
            rc = holder_elsewhere(ctx, &m, "holder_member", err);
        xf_member_clear(&m);
    }
    return rc;
}

static int code_free(const struct xf_ctx *ctx, const char *code, bool importing,
                     struct xf_error *err)
{
    struct xf_post other = {0};
    struct xf_error e2 = {0};
    int rc = xf_store_post_by_code(ctx->db, code, &other, &e2);
    if (rc == XF_ENOTFOUND)
        return xf_code_case_unique(ctx, "post", code, err);
    if (rc) {
        *err = e2;
        return rc;
    }
    rc = importing ? xf_import_code_taken(err, code, other.title)
                   : xf_err(err, XF_EINVAL, "code", _("the code %s is already used by post %s"),
                            code, other.title);
    xf_post_clear(&other);
    return rc;
}

/* An action date: given or today, a real date, not in the future and not
 * before not_before (when given), the day the post was published or, when
 * named is true, named. */
static int action_date(const char *on, const char *field, const char *not_before, bool named,
                       char out[XF_DATE_LEN], struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (!on || !*on)
        on = today;
    int rc = xf_date_check(on, field, err);
    if (rc)
        return rc;
    if (strcmp(on, today) > 0)
        return xf_err(err, XF_EINVAL, field, _("%s is in the future"), on);
    if (not_before && strcmp(on, not_before) < 0)
        return xf_err(err, XF_EINVAL, field,
                      named ? _("%s is before the post was named (%s); give a later date")
                            : _("%s is before the post was published (%s); give a later date"),
                      on, not_before);
    memcpy(out, on, XF_DATE_LEN);
    return XF_OK;
}

/* When a post's evaluations became known: an evaluation is known from
 * the day it was recorded, or from its quarter's end when recorded later
 * (an import, a late entry: the results existed by then). */
struct known_days {
    char pass_q[7], pass_on[XF_DATE_LEN]; /* the first pass since the latest failure */
    char last_q[7], last_on[XF_DATE_LEN]; /* the evaluation known latest */
};

static void take_known(void *arg, const struct xf_eval_recorded *row)
{
    struct known_days *k = arg;
    char on[XF_DATE_LEN];
    if (!row->quarter || !xf_quarter_days(row->quarter, NULL, on))
        return;
    if (row->recorded_on && xf_date_valid(row->recorded_on) && strcmp(row->recorded_on, on) < 0)
        memcpy(on, row->recorded_on, XF_DATE_LEN);
    if (!row->passed)
        k->pass_q[0] = '\0';
    else if (!k->pass_q[0]) {
        snprintf(k->pass_q, sizeof k->pass_q, "%s", row->quarter);
        memcpy(k->pass_on, on, XF_DATE_LEN);
    }
    if (strcmp(on, k->last_on) > 0) {
        snprintf(k->last_q, sizeof k->last_q, "%s", row->quarter);
        memcpy(k->last_on, on, XF_DATE_LEN);
    }
}

static int known_days(const struct xf_ctx *ctx, int64_t post_id, struct known_days *k,
                      struct xf_error *err)
{
    memset(k, 0, sizeof *k);
    return xf_store_evaluation_recorded(ctx->db, post_id, take_known, k, err);
}

/* A revocation's day: not ahead, not before the post was named (or
 * published, when never named), and not before any evaluation it holds
 * was known: the evaluation entry refuses quarters after a revocation,
 * and this keeps a revocation from going back behind them. */
static int revoke_date(const struct xf_ctx *ctx, const struct xf_post *p, const char *on,
                       char out[XF_DATE_LEN], struct xf_error *err)
{
    int rc = action_date(on, "revoked_on", p->named_on ? p->named_on : p->published_on,
                         p->named_on != NULL, out, err);
    struct known_days k;
    if (rc || (rc = known_days(ctx, p->id, &k, err)))
        return rc;
    if (k.last_on[0] && strcmp(out, k.last_on) < 0)
        return xf_err(err, XF_EINVAL, "revoked_on",
                      _("the post holds the %s evaluation, known on %s; revoke it on or "
                        "after that day"),
                      k.last_q, k.last_on);
    return XF_OK;
}

int xf_post_revoke_date_check(const struct xf_ctx *ctx, const struct xf_post *p, const char *on,
                              struct xf_error *err)
{
    char date[XF_DATE_LEN];
    return revoke_date(ctx, p, on, date, err);
}

/* A naming is justified by the pass that made the post eligible (the first
 * since its latest failure, as check_evaluations decides): it cannot be
 * dated before that pass was known. */
static int name_date(const struct xf_ctx *ctx, const struct xf_post *cur, const char *on,
                     struct xf_error *err)
{
    struct known_days k;
    int rc = known_days(ctx, cur->id, &k, err);
    if (!rc && k.pass_q[0] && strcmp(on, k.pass_on) < 0)
        rc = xf_err(err, XF_EINVAL, "named_on",
                    _("the passing evaluation (%s) was known on %s; name the post on or "
                      "after that day"),
                    k.pass_q, k.pass_on);
    return rc;
}

/* The notice names its holder: when the holder is a member, by the
 * member's name (the sign must not name someone who is not on the roll). */
static int check_holder_name(const struct xf_ctx *ctx, const struct xf_post *p,
                             struct xf_error *err)
{
    if (!p->holder_member_id)
        return XF_OK;
    struct xf_member m = {0};
    int rc = xf_store_member_get(ctx->db, p->holder_member_id, &m, err);
    if (!rc && strcmp(xf_text_or_empty(p->holder_name), xf_text_or_empty(m.name)) != 0)
        rc = xf_err(err, XF_EINVAL, "holder_name",
                    _("member %s is %s, not %s: write the member's name, or leave the member "
                      "out for a holder who is not a member"),
                    m.code, m.name, xf_text_or_empty(p->holder_name));
    xf_member_clear(&m);
    return rc;
}

/* ---- life cycle ---------------------------------------------------------- */

int xf_post_create(const struct xf_ctx *ctx, struct xf_post *p, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_POST_EDIT, p->unit_id, err);
    if (rc || (rc = validate_fields(p, NULL, err)) ||
        (rc = xf_db_begin(ctx->db, "post.create", err)))
        return rc;
    struct xf_post row = *p;
    row.status = "proposed";
    row.published_on = row.named_on = row.named_level = row.revoked_on = row.revoke_reason =
        NULL;
    struct xf_member holder = {0};
    if (!(rc = xf_unit_require_active(ctx, p->unit_id, "unit", err)) &&
        !(rc = check_links(ctx, p, NULL, err)) && !(rc = code_free(ctx, p->code, false, err))) {
        /* The holder's name and position, left blank, are the member's. */
        bool blank_name = !p->holder_name || !*p->holder_name;
        bool blank_position = !p->position || !*p->position;
        if (p->holder_member_id && (blank_name || blank_position) &&
            !(rc = xf_store_member_get(ctx->db, p->holder_member_id, &holder, err))) {
            if (blank_name)
                row.holder_name = holder.name;
            if (blank_position && holder.position && *holder.position)
                row.position = holder.position;
        }
        if (!rc && !(rc = check_holder_name(ctx, &row, err)) &&
            !(rc = xf_store_post_insert(ctx->db, &row, err))) {
            p->id = row.id;
            p->version = row.version;
        }
    }
    xf_member_clear(&holder);
    return finish(ctx, rc, err);
}

/* Loads a post for a change: permission over its unit, then the version
 * the caller saw. */
static int load(const struct xf_ctx *ctx, int64_t id, int64_t version, struct xf_post *cur,
                struct xf_error *err)
{
    int rc = xf_store_post_get(ctx->db, id, cur, err);
    if (!rc)
        rc = xf_perm_require(ctx, XF_P_POST_EDIT, cur->unit_id, err);
    if (!rc && version != cur->version) {
        char what[96];
        snprintf(what, sizeof what, _("post %s"), cur->code);
        xf_err(err, XF_ECONFLICT, "version",
               _("post %s was changed by someone else since you opened it; reload it "
                 "and try again"),
               cur->code);
        /* Show the change the user has not seen: who, when, what. */
        rc = xf_conflict_describe(ctx, "post", id, what, err);
    }
    return rc;
}

static int refuse_revoked(const struct xf_post *cur, const char *what, struct xf_error *err)
{
    return xf_err(err, XF_ESTATE, "status",
                  _("post %s was revoked on %s and cannot be %s again; set up a new post "
                    "instead"),
                  cur->code, cur->revoked_on ? cur->revoked_on : "?", what);
}

int xf_post_edit_check(const struct xf_post *p, struct xf_error *err)
{
    if (xf_post_status_parse(p->status) == XF_POST_REVOKED)
        return xf_err(err, XF_ESTATE, "status",
                      _("post %s is revoked and can no longer be changed; set up a new post "
                        "instead"),
                      p->code);
    return XF_OK;
}

int xf_post_edit(const struct xf_ctx *ctx, struct xf_post *p, struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, "post.edit", err);
    if (rc)
        return rc;
    struct xf_post cur = {0};
    if ((rc = load(ctx, p->id, p->version, &cur, err)))
        goto out;
    if ((rc = xf_post_edit_check(&cur, err)))
        goto out;
    struct xf_post next = cur;
    next.title = p->title;
    next.project_id = p->project_id;
    next.holder_member_id = p->holder_member_id;
    next.holder_name = p->holder_name;
    next.position = p->position;
    next.scope = p->scope;
    next.hotline = p->hotline;
    next.commit_standard = p->commit_standard;
    next.commit_time_limit = p->commit_time_limit;
    next.commit_quality = p->commit_quality;
    next.commit_attitude = p->commit_attitude;
    if ((rc = validate_fields(&next, NULL, err)) || (rc = check_links(ctx, &next, &cur, err)))
        goto out;
    /* Another member takes the post: the notice names them, unless the
     * name (or position) was changed in the same edit. */
    struct xf_member holder = {0};
    if (next.holder_member_id && next.holder_member_id != cur.holder_member_id &&
        !(rc = xf_store_member_get(ctx->db, next.holder_member_id, &holder, err))) {
        if (!strcmp(xf_text_or_empty(next.holder_name), xf_text_or_empty(cur.holder_name)))
            next.holder_name = holder.name;
        if (!strcmp(xf_text_or_empty(next.position), xf_text_or_empty(cur.position)) &&
            holder.position && *holder.position)
            next.position = holder.position;
    }
    if (rc || (rc = check_holder_name(ctx, &next, err))) {
        xf_member_clear(&holder);
        goto out;
    }
    /* The notice is already on the wall: it may change, not go blank. */
    if (xf_post_status_parse(cur.status) != XF_POST_PROPOSED && (rc = check_notice(&next, true, err)))
        goto out;
    if (!(rc = xf_store_post_update(ctx->db, &next, err)))
        p->version = next.version;
    xf_member_clear(&holder);
out:
    xf_post_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_post_publish(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *on,
                    struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, "post.publish", err);
    if (rc)
        return rc;
    struct xf_post cur = {0};
    char date[XF_DATE_LEN];
    if (!(rc = load(ctx, id, version, &cur, err))) {
        if (!(rc = xf_post_publish_check(&cur, err)) &&
            !(rc = xf_unit_require_active(ctx, cur.unit_id, "unit", err)) &&
            !(rc = action_date(on, "published_on", NULL, false, date, err))) {
            struct xf_post next = cur;
            next.status = "published";
            next.published_on = date;
            rc = xf_store_post_update(ctx->db, &next, err);
        }
    }
    xf_post_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_post_check_in_unit(const struct xf_ctx *ctx, int64_t post_unit_id, int64_t unit_id,
                          const char *post_code, const char *unit_code, const char *field,
                          struct xf_error *err)
{
    if (post_unit_id && unit_id && !xf_store_unit_within(ctx->db, post_unit_id, unit_id))
        return xf_err(err, XF_EINVAL, field, _("post %s does not belong to unit %s"),
                      post_code, unit_code);
    return XF_OK;
}

int xf_post_publish_check(const struct xf_post *p, struct xf_error *err)
{
    int s = xf_post_status_parse(p->status);
    if (s == XF_POST_REVOKED)
        return refuse_revoked(p, _("published"), err);
    if (s != XF_POST_PROPOSED)
        return xf_err(err, XF_ESTATE, "status", _("post %s was already published on %s"),
                      p->code, p->published_on ? p->published_on : "?");
    return check_notice(p, true, err); /* before "publish?" is asked */
}

int xf_post_revoke_check(const struct xf_post *p, struct xf_error *err)
{
    int s = xf_post_status_parse(p->status);
    if (s == XF_POST_REVOKED)
        return xf_err(err, XF_ESTATE, "status", _("post %s was already revoked on %s"), p->code,
                      p->revoked_on ? p->revoked_on : "?");
    if (s == XF_POST_PROPOSED)
        return xf_err(err, XF_ESTATE, "status",
                      _("post %s was never published, so there is nothing to revoke"), p->code);
    return XF_OK;
}

/* Naming needs a passed evaluation, and the latest one passed. */
static int check_evaluations(const struct xf_ctx *ctx, const struct xf_post *cur,
                             struct xf_error *err)
{
    struct xf_eval_summary sum;
    int rc = xf_store_evaluation_summary(ctx->db, cur->id, &sum, err);
    if (rc)
        return rc;
    if (sum.evaluated == 0 || sum.passed == 0)
        return xf_err(err, XF_ESTATE, "status",
                      _("post %s has not passed an evaluation yet; it can be named only "
                        "after passing one"),
                      cur->code);
    if (!sum.latest_passed)
        return xf_err(err, XF_ESTATE, "status",
                      _("post %s failed its latest evaluation (%s); it can be named only "
                        "after passing again"),
                      cur->code, sum.latest);
    return XF_OK;
}

/* Whether post's status lets it be named. */
static int name_state(const struct xf_post *cur, struct xf_error *err)
{
    int s = xf_post_status_parse(cur->status);
    if (s == XF_POST_REVOKED)
        return refuse_revoked(cur, _("named"), err);
    if (s == XF_POST_NAMED)
        return xf_err(err, XF_ESTATE, "status", _("post %s was already named on %s"), cur->code,
                      cur->named_on ? cur->named_on : "?");
    if (s == XF_POST_PROPOSED)
        return xf_err(err, XF_ESTATE, "status",
                      _("post %s is only proposed; publish it and have it pass an evaluation "
                        "before naming it"),
                      cur->code);
    return XF_OK;
}

unsigned xf_post_steps(const struct xf_post *p)
{
    struct xf_error err = {0};
    unsigned steps = 0;
    if (xf_post_edit_check(p, &err) == XF_OK)
        steps |= XF_POST_STEP_EDIT;
    if (xf_post_status_parse(p->status) == XF_POST_PROPOSED) /* the notice: P says */
        steps |= XF_POST_STEP_PUBLISH;
    if (name_state(p, &err) == XF_OK)
        steps |= XF_POST_STEP_NAME;
    if (xf_post_revoke_check(p, &err) == XF_OK)
        steps |= XF_POST_STEP_REVOKE;
    return steps;
}

unsigned xf_post_steps_now(const struct xf_ctx *ctx, const struct xf_post *p)
{
    unsigned steps = xf_post_steps(p);
    struct xf_error err = {0};
    if ((steps & XF_POST_STEP_NAME) && check_evaluations(ctx, p, &err) != XF_OK)
        steps &= ~(unsigned)XF_POST_STEP_NAME;
    return steps;
}

unsigned xf_post_status_steps(enum xf_post_status s)
{
    struct xf_post p = {.code = "", .status = (char *)xf_post_status_name(s)};
    return xf_post_steps(&p);
}

int xf_post_name_check(const struct xf_ctx *ctx, const struct xf_post *p, struct xf_error *err)
{
    int rc = name_state(p, err);
    return rc ? rc : check_evaluations(ctx, p, err);
}

int xf_post_name(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *level,
                 const char *on, struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, "post.name", err);
    if (rc)
        return rc;
    struct xf_post cur = {0};
    char date[XF_DATE_LEN];
    if ((rc = load(ctx, id, version, &cur, err)))
        goto out;
    if (!(rc = name_state(&cur, err)) &&
        !(rc = xf_unit_check_line(level, "named_level", SHORT_MAX, true, err)) &&
        !(rc = action_date(on, "named_on", cur.published_on, false, date, err)) &&
        !(rc = check_evaluations(ctx, &cur, err)) && !(rc = name_date(ctx, &cur, date, err))) {
        struct xf_post next = cur;
        next.status = "named";
        next.named_on = date;
        next.named_level = (char *)level;
        rc = xf_store_post_update(ctx->db, &next, err);
    }
out:
    xf_post_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_post_revoke(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                   const char *on, struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, "post.revoke", err);
    if (rc)
        return rc;
    struct xf_post cur = {0};
    char date[XF_DATE_LEN];
    if ((rc = load(ctx, id, version, &cur, err)))
        goto out;
    if (!(rc = xf_post_revoke_check(&cur, err)) &&
        !(rc = xf_unit_check_text(reason, "revoke_reason", LONG_MAX_CHARS, true, err)) &&
        !(rc = revoke_date(ctx, &cur, on, date, err))) {
        struct xf_post next = cur;
        next.status = "revoked";
        next.revoked_on = date;
        next.revoke_reason = (char *)reason;
        int declined;
        if (!(rc = xf_store_post_update(ctx->db, &next, err)))
            rc = xf_award_decline_revoked(ctx, cur.id, date, &declined, err);
    }
out:
    xf_post_clear(&cur);
    return finish(ctx, rc, err);
}

/* ---- reports ------------------------------------------------------------- */

struct table_sink {
    struct xf_table *t;
    int rc;
};

static void add_candidate(void *arg, const struct xf_failing_post *row)
{
    struct table_sink *k = arg;
    int s = xf_post_status_parse(row->status);
    const char *status = s >= 0 ? xf_post_status_label((enum xf_post_status)s) : row->status;
    char n[24];
    snprintf(n, sizeof n, "%" PRId64, row->failures);
    /* "2026Q1、2026Q3" in Chinese; one word still (no space) for the
     * scripts that read check's columns. */
    char *quarters = xf_text_list_sep(row->quarters, xf_gettext_ctx(NC_("compact list", ",")));
    const char *cells[] = {row->code, row->title, row->unit_name, status, n,
                           quarters ? quarters : row->quarters};
    if (xf_table_add(k->t, cells))
        k->rc = XF_EIO;
    free(quarters);
}

int xf_post_revocation_candidates(const struct xf_ctx *ctx, struct xf_table *t,
                                  struct xf_error *err)
{
    /* Column heads in sentence case, as every report's */
    const char *names[] = {_("Post"),     _("Title"),           _("Unit"), _("Status"),
                           _("Failures"), _("Failed quarters"), NULL};
    if (xf_table_init(t, _("Posts proposed for revocation"), names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    xf_table_numeric(t, 4);
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (rc)
        return rc;
    struct table_sink k = {t, XF_OK};
    int min = ctx->cfg->revoke_after_failures > 0 ? ctx->cfg->revoke_after_failures : 1;
    rc = xf_store_evaluation_failing(ctx->db, min, ctx->cfg->consecutive, scope, add_candidate,
                                     &k, err);
    free(scope);
    if (!rc && k.rc)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    return rc;
}

int xf_post_named_unbacked(const struct xf_ctx *ctx,
                           void (*fn)(void *arg, const char *code, const char *named_on,
                                      int64_t evaluated),
                           void *arg, struct xf_error *err)
{
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (!rc)
        rc = xf_store_post_named_unbacked(ctx->db, scope, fn, arg, err);
    free(scope);
    return rc;
}

int xf_post_revoked_unbacked(const struct xf_ctx *ctx,
                             void (*fn)(void *arg, const char *code, const char *revoked_on,
                                        const char *quarters),
                             void *arg, struct xf_error *err)
{
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    int min = ctx->cfg->revoke_after_failures > 0 ? ctx->cfg->revoke_after_failures : 1;
    if (!rc)
        rc = xf_store_post_revoked_unbacked(ctx->db, min, ctx->cfg->consecutive, scope, fn, arg,
                                            err);
    free(scope);
    return rc;
}

/* Not _(): data in the office's language (see post.h). */
char *xf_post_revoke_reason_default(const char *failed_quarters)
{
    if (!failed_quarters || !*failed_quarters)
        return NULL;
    char *quarters = xf_text_list_sep(failed_quarters, "、"), *reason = NULL;
    if (quarters && asprintf(&reason, "%s 测评不合格", quarters) < 0)
        reason = NULL;
    free(quarters);
    return reason;
}

int xf_post_report_status(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err)
{
    const char *names[] = {_("Status"), _("Posts"), NULL};
    if (xf_table_init(t, _("Posts by status"), names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    xf_table_numeric(t, 1);
    char *scope = NULL;
    int64_t counts[XF_POST_NSTATUS], total = 0;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (!rc)
        rc = xf_store_post_status_counts(ctx->db, scope, counts, err);
    free(scope);
    if (rc)
        return rc;
    for (int s = 0; s < XF_POST_NSTATUS; s++) {
        total += counts[s];
        if (xf_table_addf(t, "%s\t%" PRId64, xf_post_status_label((enum xf_post_status)s),
                          counts[s]))
            return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    if (xf_table_addf(t, "%s\t%" PRId64, _("total"), total))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    return XF_OK;
}

/* ---- CSV ----------------------------------------------------------------- */

enum {
    C_CODE, C_UNIT, C_PROJECT, C_TITLE, C_HOLDER_MEMBER, C_HOLDER_NAME, C_POSITION, C_SCOPE,
    C_HOTLINE, C_STANDARD, C_TIME_LIMIT, C_QUALITY, C_ATTITUDE, C_STATUS, C_PUBLISHED_ON,
    C_NAMED_ON, C_NAMED_LEVEL, C_REVOKED_ON, C_REVOKE_REASON, C_NCOLS
};
static const char *const columns[] = {
    "code",          "unit_code",        "project_code",   "title",
    "holder_member_code", "holder_name", "position",       "scope",
    "hotline",       "commit_standard",  "commit_time_limit", "commit_quality",
    "commit_attitude", "status",         "published_on",   "named_on",
    "named_level",   "revoked_on",       "revoke_reason",  NULL};
static const char *const required[] = {"code", "unit_code", "title", NULL};

static int export_posts(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                        struct xf_error *err)
{
    return xf_store_post_export(ctx->db, emit, arg, err);
}

static char *nonempty(const char *s)
{
    return s && *s ? (char *)s : NULL;
}

/* A date column: required when the status reached it, refused when not. */
static int state_date(const char *value, const char *column, bool reached,
                      struct xf_error *err)
{
    if (!reached)
        return value ? xf_err(err, XF_EINVAL, column,
                              _("a post in this status has no %s; leave the column empty"),
                              column)
                     : XF_OK;
    if (!value)
        return xf_err(err, XF_EINVAL, column, _("a post in this status needs %s"), column);
    return xf_date_check(value, column, err);
}

/* Dates and state fields of an imported post must agree with its status. */
static int validate_state(const struct xf_post *p, int s, struct xf_error *err)
{
    int rc;
    bool was_named = s == XF_POST_NAMED || (s == XF_POST_REVOKED && p->named_on);
    if ((rc = state_date(p->published_on, "published_on", s != XF_POST_PROPOSED, err)) ||
        (rc = state_date(p->named_on, "named_on", was_named, err)) ||
        (rc = state_date(p->revoked_on, "revoked_on", s == XF_POST_REVOKED, err)))
        return rc;
    if (was_named && (rc = xf_unit_check_line(p->named_level, "named_level", SHORT_MAX, true,
                                              err)))
        return rc;
    if (!was_named && p->named_level)
        return xf_err(err, XF_EINVAL, "named_level",
                      _("only a named post has a naming level; leave the column empty"));
    if (s == XF_POST_REVOKED &&
        (rc = xf_unit_check_text(p->revoke_reason, "revoke_reason", LONG_MAX_CHARS, true, err)))
        return rc;
    if (s != XF_POST_REVOKED && p->revoke_reason)
        return xf_err(err, XF_EINVAL, "revoke_reason",
                      _("only a revoked post has a revocation reason; leave the column empty"));
    /* What the file says happened has happened: a date ahead is a slip. */
    char today[XF_DATE_LEN];
    xf_date_today(today);
    const struct {
        const char *value, *column;
    } dates[] = {{p->published_on, "published_on"},
                 {p->named_on, "named_on"},
                 {p->revoked_on, "revoked_on"}};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        if (dates[i].value && strcmp(dates[i].value, today) > 0)
            return xf_err(err, XF_EINVAL, dates[i].column, _("%s is after today (%s)"),
                          dates[i].value, today);
    if (p->named_on && strcmp(p->named_on, p->published_on) < 0)
        return xf_err(err, XF_EINVAL, "named_on", _("named_on is before published_on"));
    if (p->revoked_on && strcmp(p->revoked_on, p->named_on ? p->named_on : p->published_on) < 0)
        return xf_err(err, XF_EINVAL, "revoked_on",
                      _("revoked_on is before the post was published or named"));
    /* A published or named post's notice is on the wall: complete, as
     * publishing demands (xf_post_publish_check). A revoked one is history
     * and is taken with the notice fields it had. Naming's passed
     * evaluation is not asked: evaluations are imported after posts. */
    if (s == XF_POST_PROPOSED)
        return XF_OK;
    return check_notice(p, s == XF_POST_PUBLISHED || s == XF_POST_NAMED, err);
}

/* Resolves project_code and holder_member_code into p, each mistake
 * noted in row. */
static int import_refs(const struct xf_ctx *ctx, const char *const *f, struct xf_post *p,
                       struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = XF_OK;
    if (nonempty(f[C_PROJECT])) {
        struct xf_project j = {0};
        rc = xf_store_project_by_code(ctx->db, f[C_PROJECT], &j, err);
        if (rc == XF_ENOTFOUND)
            rc = xf_err(err, XF_EINVAL, "project_code",
                        _("there is no project with the code '%s'"), f[C_PROJECT]);
        p->project_id = j.id;
        xf_project_clear(&j);
        rc = xf_row_note(row, rc, err);
    }
    if (!rc && nonempty(f[C_HOLDER_MEMBER])) {
        struct xf_member m = {0};
        rc = xf_store_member_by_code(ctx->db, f[C_HOLDER_MEMBER], &m, err);
        if (rc == XF_ENOTFOUND)
            rc = xf_err(err, XF_EINVAL, "holder_member_code",
                        _("there is no member with the code '%s'"), f[C_HOLDER_MEMBER]);
        p->holder_member_id = m.id;
        xf_member_clear(&m);
        rc = xf_row_note(row, rc, err);
    }
    return rc;
}

static int import_post(const struct xf_ctx *ctx, const char *const *f,
                      struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct xf_post p = {
        .code = (char *)f[C_CODE], .title = (char *)f[C_TITLE],
        .holder_name = (char *)f[C_HOLDER_NAME], .position = (char *)f[C_POSITION],
        .scope = (char *)f[C_SCOPE], .hotline = (char *)f[C_HOTLINE],
        .commit_standard = (char *)f[C_STANDARD], .commit_time_limit = (char *)f[C_TIME_LIMIT],
        .commit_quality = (char *)f[C_QUALITY], .commit_attitude = (char *)f[C_ATTITUDE],
        .published_on = nonempty(f[C_PUBLISHED_ON]), .named_on = nonempty(f[C_NAMED_ON]),
        .named_level = nonempty(f[C_NAMED_LEVEL]), .revoked_on = nonempty(f[C_REVOKED_ON]),
        .revoke_reason = nonempty(f[C_REVOKE_REASON]),
    };
    p.status = nonempty(f[C_STATUS]) ? (char *)f[C_STATUS] : "proposed";
    int s = xf_post_status_parse(p.status);
    struct xf_unit u = {0};
    /* Each cell's own checks, every mistake noted; then the dates and
     * fields the status asks for, which need a valid status. */
    if ((rc = xf_row_note(row, xf_unit_ref(ctx, f[C_UNIT] ? f[C_UNIT] : "", "unit_code", &u, err),
                          err)) ||
        (rc = import_refs(ctx, f, &p, row, err)) || (rc = validate_fields(&p, row, err)) ||
        (rc = xf_row_note(row,
                          s >= 0 ? XF_OK
                                 : xf_err(err, XF_EINVAL, "status",
                                          _("'%s' is not a post status; use proposed, "
                                            "published, named or revoked"),
                                          p.status),
                          err)) ||
        (rc = xf_row_verdict(row, err)) || (rc = validate_state(&p, s, err)) ||
        (rc = xf_db_begin(ctx->db, "post.import", err))) {
        xf_unit_clear(&u);
        return rc;
    }
    if (!(rc = xf_import_in_scope(ctx, u.id, "unit_code", u.code, err)) &&
        !(rc = code_free(ctx, p.code, true, err))) {
        p.unit_id = u.id;
        /* The holder serves at the post's unit, as in the form; an export
         * may name one deactivated since, so only the unit is checked. */
        struct xf_member m = {0};
        if (p.holder_member_id &&
            !(rc = xf_store_member_get(ctx->db, p.holder_member_id, &m, err)) &&
            m.unit_id != p.unit_id)
            rc = holder_elsewhere(ctx, &m, "holder_member_code", err);
        /* A name left out is the member's, as in the form. */
        else if (!rc && p.holder_member_id && !nonempty(p.holder_name))
            p.holder_name = m.name;
        if (!rc)
            rc = check_holder_name(ctx, &p, err);
        if (!rc)
            rc = xf_store_post_insert(ctx->db, &p, err);
        xf_member_clear(&m);
    }
    xf_unit_clear(&u);
    return finish(ctx, rc, err);
}

const struct xf_kind_io xf_kind_posts = {
    .scope_column = "unit_code",
    .name = "posts",
    .columns = columns,
    .required = required,
    .export_rows = export_posts,
    .import_row = import_post,
};

/* ---- reading, for the interface ------------------------------------------ */

/* Whether the user's units own project id. Its project-post map is
 * theirs whichever units its posts are at: a key project's posts are
 * mostly other departments' windows (a project of 市发改委 served at
 * 市自然资源局), and its owner saw none of them. The posts themselves stay
 * the other units' to open and change. */
static bool owns_project(const struct xf_ctx *ctx, int64_t id)
{
    struct xf_project j = {0};
    struct xf_error ignored = {0};
    bool owns = xf_store_project_get(ctx->db, id, &j, &ignored) == XF_OK &&
                xf_ctx_in_scope(ctx, j.owner_unit_id);
    xf_project_clear(&j);
    return owns;
}

/* The store query for f under ctx's scope and rules; frees with
 * query_free. */
static void query_free(struct xf_post_query *q);

static int make_query(const struct xf_ctx *ctx, const struct xf_post_filter *f,
                      struct xf_post_query *q, struct xf_error *err)
{
    *q = (struct xf_post_query){
        .sort = f->sort,
        .status_mask = f->status_mask,
        .candidates = f->candidates,
        .min_failures = ctx->cfg->revoke_after_failures > 0 ? ctx->cfg->revoke_after_failures : 1,
        .consecutive = ctx->cfg->consecutive,
        .ids_json = f->ids_json,
        .like = f->like,
        .project_id = f->project_id,
    };
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (rc)
        return rc;
    if (scope && f->project_id && owns_project(ctx, f->project_id)) {
        free(scope);
        scope = NULL;
    }
    q->scope_json = scope;
    char *places = NULL;
    if (f->ids_json && f->query && (rc = xf_search_places(ctx, f->query, &places, err))) {
        free(scope);
        return rc;
    }
    q->places_json = places;
    if (f->unit_id) {
        struct xf_unit u = {0};
        if ((rc = xf_store_unit_get(ctx->db, f->unit_id, &u, err))) {
            free(scope);
            free((char *)q->places_json);
            return rc;
        }
        q->subtree = u.path;
        u.path = NULL;
        xf_unit_clear(&u);
    }
    if (f->open_for) {
        char ends[XF_DATE_LEN] = ""; /* a quarter that is none opens to no post */
        xf_quarter_days(f->open_for, NULL, ends);
        q->open_for = f->open_for;
        if (!(q->open_until = strdup(ends))) {
            query_free(q);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
    }
    return XF_OK;
}

static void query_free(struct xf_post_query *q)
{
    free((char *)q->scope_json);
    free((char *)q->places_json);
    free((char *)q->subtree);
    free((char *)q->open_until);
}

int xf_post_page(const struct xf_ctx *ctx, const struct xf_post_filter *f, const char *from_key,
                 int64_t from_id, enum xf_post_dir dir, int limit,
                 void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                 struct xf_error *err)
{
    struct xf_post_query q;
    int rc = make_query(ctx, f, &q, err);
    if (rc)
        return rc;
    rc = xf_store_post_page(ctx->db, &q, from_key, from_id, dir, limit, fn, arg, err);
    query_free(&q);
    return rc;
}

int xf_post_count(const struct xf_ctx *ctx, const struct xf_post_filter *f, long cap, long *n,
                  struct xf_error *err)
{
    struct xf_post_query q;
    int rc = make_query(ctx, f, &q, err);
    if (rc)
        return rc;
    rc = xf_store_post_count(ctx->db, &q, cap, n, err);
    query_free(&q);
    return rc;
}

int xf_post_item(const struct xf_ctx *ctx, const struct xf_post_filter *f, int64_t id,
                 void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                 struct xf_error *err)
{
    struct xf_post_query q;
    int rc = make_query(ctx, f, &q, err);
    if (rc)
        return rc;
    rc = xf_store_post_item(ctx->db, &q, id, fn, arg, err);
    query_free(&q);
    return rc;
}

static int require_visible(const struct xf_ctx *ctx, const struct xf_post *p,
                           struct xf_error *err)
{
    if (xf_ctx_in_scope(ctx, p->unit_id))
        return XF_OK;
    return xf_err(err, XF_EPERM, "post", _("post %s lies outside the units you may see"),
                  p->code);
}

int xf_post_get(const struct xf_ctx *ctx, int64_t id, struct xf_post *out, struct xf_error *err)
{
    int rc = xf_store_post_get(ctx->db, id, out, err);
    if (!rc && (rc = require_visible(ctx, out, err)))
        xf_post_clear(out);
    return rc;
}

struct events_seen {
    const struct xf_ctx *ctx;
    void (*fn)(void *arg, const struct xf_post_event *ev);
    void *arg;
};

/* A handler sees the complaints dispatched to their units, not every one
 * about a post of theirs (one received and not yet dispatched, or sent to
 * another unit): the card lists what the Complaints pane would. */
static void event_if_seen(void *arg, const struct xf_post_event *ev)
{
    struct events_seen *s = arg;
    if (!strcmp(ev->kind, "complaint") && xf_complaint_handler_view(s->ctx)) {
        struct xf_complaint c = {0};
        struct xf_error err = {0};
        int rc = xf_complaint_get(s->ctx, ev->id, &c, &err);
        xf_complaint_clear(&c);
        if (rc)
            return;
    }
    s->fn(s->arg, ev);
}

int xf_post_events(const struct xf_ctx *ctx, int64_t post_id, int limit,
                   void (*fn)(void *arg, const struct xf_post_event *ev), void *arg,
                   struct xf_error *err)
{
    struct xf_post p = {0};
    int rc = xf_post_get(ctx, post_id, &p, err);
    xf_post_clear(&p);
    struct events_seen s = {ctx, fn, arg};
    return rc ? rc : xf_store_post_events(ctx->db, post_id, limit, event_if_seen, &s, err);
}

int xf_post_unit_choices(const struct xf_ctx *ctx, const char *query, int limit,
                         void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                         struct xf_error *err)
{
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (!rc)
        rc = xf_store_post_unit_choices(ctx->db, query, scope, limit, fn, arg, err);
    free(scope);
    return rc;
}

struct holders {
    const struct xf_ctx *ctx;
    int64_t except_post;
    void (*fn)(void *arg, const struct xf_choice *c);
    void *arg;
};

/* A member who holds a post already says so beside the position: one
 * window ended up with two posts held by the same person unawares. */
static void with_posts_held(void *arg, const struct xf_choice *c)
{
    const struct holders *h = arg;
    int64_t n = 0;
    char *example = NULL, *extra = NULL;
    struct xf_error err = {0};
    struct xf_choice w = *c;
    if (xf_store_member_other_posts(h->ctx->db, c->id, h->except_post, &n, &example, &err) ==
            XF_OK &&
        n > 0 && example) {
        int code = (int)strcspn(example, " ");
        char held[96];
        if (n == 1)
            snprintf(held, sizeof held, _("holds %.*s"), code, example);
        else
            snprintf(held, sizeof held, _("holds %.*s and %lld more"), code, example,
                     (long long)(n - 1));
        if (asprintf(&extra, "%s%s%s", c->extra, *c->extra ? " \u00b7 " : "", held) >= 0)
            w.extra = extra;
        else
            extra = NULL;
    }
    h->fn(h->arg, &w);
    free(extra);
    free(example);
}

int xf_post_member_choices(const struct xf_ctx *ctx, int64_t unit_id, int64_t post_id,
                           const char *query, int limit,
                           void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                           struct xf_error *err)
{
    if (!xf_ctx_in_scope(ctx, unit_id))
        return xf_err(err, XF_EPERM, "unit", _("that unit lies outside the units you may see"));
    struct holders h = {ctx, post_id, fn, arg};
    return xf_store_post_member_choices(ctx->db, unit_id, query, limit, with_posts_held, &h, err);
}

struct labelled {
    void (*fn)(void *arg, const struct xf_choice *c);
    void *arg;
};

/* The category in words ("livelihood project"), as the post card has it. */
static void category_in_words(void *arg, const struct xf_choice *c)
{
    const struct labelled *l = arg;
    struct xf_choice w = *c;
    w.extra = xf_project_category_label(c->extra);
    l->fn(l->arg, &w);
}

int xf_post_project_choices(const struct xf_ctx *ctx, const char *query, int limit,
                            void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                            struct xf_error *err)
{
    struct labelled l = {fn, arg};
    return xf_store_post_project_choices(ctx->db, query, limit, category_in_words, &l, err);
}

/* The number after the latest post's, in its pattern (XFG-00001 when there
 * is none to follow), or after the highest a restore noted in it, skipping
 * codes already taken. */
int xf_post_suggest_code(const struct xf_ctx *ctx, char **out, struct xf_error *err)
{
    int64_t n = 0;
    int rc = xf_store_post_max_id(ctx->db, &n, err);
    *out = NULL;
    char prefix[64] = "XFG-";
    int width = 5;
    long long last = n;
    struct xf_post latest = {0};
    struct xf_error e1 = {0};
    if (!rc && n > 0 && xf_store_post_get(ctx->db, n, &latest, &e1) == XF_OK &&
        !xf_code_pattern(latest.code, prefix, sizeof prefix, &width, &last)) {
        snprintf(prefix, sizeof prefix, "XFG-");
        width = 5;
        last = n;
    }
    xf_post_clear(&latest);
    /* nor a code a restore took away with its post */
    int64_t noted = 0;
    if (!rc && !(rc = xf_store_restored_seq(ctx->db, "post", prefix, width, &noted, err)) &&
        noted > last)
        last = noted;
    for (int tries = 0; !rc && tries < 100; tries++) {
        char *code = NULL;
        if (asprintf(&code, "%s%0*lld", prefix, width, last + 1 + tries) < 0)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        struct xf_error e2 = {0};
        if (code_free(ctx, code, false, &e2) == XF_OK) {
            *out = code;
            return XF_OK;
        }
        free(code);
    }
    return rc ? rc : xf_err(err, XF_EINVAL, "code", _("no free post code found; type one"));
}
