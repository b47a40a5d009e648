/* Inspections and rectifications: the rules of §2.6 and the "inspections"
 * CSV kind. */
#include "xf/inspection.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/date.h"
#include "xf/conflict.h"
#include "xf/i18n.h"
#include "xf/post.h"
#include "xf/search.h"
#include "xf/store_post.h"
#include "xf/store_unit.h"
#include "xf/table.h"
#include "xf/text.h"
#include "xf/unit.h"

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Text of at most max characters of valid UTF-8; required when asked. */
static int check_text(const char *s, const char *field, size_t max, bool required,
                      struct xf_error *err)
{
    return xf_unit_check_text(s, field, max, required, err);
}

static int check_past_date(const char *date, const char *field, struct xf_error *err)
{
    int rc = xf_date_check(date, field, err);
    if (rc)
        return rc;
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (strcmp(date, today) > 0)
        return xf_err(err, XF_EINVAL, field, _("%s is after today (%s)"), date,
                      today);
    return XF_OK;
}

static int at_field(struct xf_error *err, int rc, const char *field)
{
    if (err)
        snprintf(err->field, sizeof err->field, "%s", field);
    return rc;
}

const char *xf_inspection_result(const struct xf_config *cfg, const struct xf_inspection_tally *t)
{
    if (t->critical_failed)
        return "fail";
    if (t->items_applicable > 0 &&
        (double)t->items_failed / t->items_applicable > cfg->inspection_fail_rate)
        return "fail";
    if (t->samples_checked > 0 &&
        (double)t->samples_failed / t->samples_checked > cfg->sample_fail_rate)
        return "fail";
    return "pass";
}

void xf_inspection_fail_reason(const struct xf_config *cfg, const struct xf_inspection_tally *t,
                               char *out, size_t size)
{
    out[0] = '\0';
    if (t->critical_failed)
        return;
    if (t->items_applicable > 0 &&
        (double)t->items_failed / t->items_applicable > cfg->inspection_fail_rate)
        snprintf(out, size, _("%.1f%% of the items failed, above the %.1f%% allowed"),
                 100.0 * t->items_failed / t->items_applicable, 100.0 * cfg->inspection_fail_rate);
    else if (t->samples_checked > 0 &&
             (double)t->samples_failed / t->samples_checked > cfg->sample_fail_rate)
        snprintf(out, size, _("%.1f%% of the samples failed, above the %.1f%% allowed"),
                 100.0 * t->samples_failed / t->samples_checked, 100.0 * cfg->sample_fail_rate);
}

enum xf_inspection_outlook xf_inspection_outlook(const struct xf_config *cfg,
                                                 const struct xf_inspection_tally *t,
                                                 size_t items_left)
{
    if (t->critical_failed)
        return XF_OUTLOOK_FAIL_CRITICAL;
    /* The best the items left can do is pass: marked n.a. they would
     * leave the failures a larger share, failed a larger count. */
    double best = (double)t->items_applicable + (double)items_left;
    if (best > 0 && (double)t->items_failed / best > cfg->inspection_fail_rate)
        return XF_OUTLOOK_FAIL_RATE;
    if (t->samples_checked > 0 &&
        (double)t->samples_failed / t->samples_checked > cfg->sample_fail_rate)
        return XF_OUTLOOK_FAIL_SAMPLES;
    return items_left ? XF_OUTLOOK_OPEN : XF_OUTLOOK_PASS;
}

void xf_inspection_outlook_text(const struct xf_config *cfg, const struct xf_inspection_tally *t,
                                size_t items_left, char *out, size_t size)
{
    enum xf_inspection_outlook o = xf_inspection_outlook(cfg, t, items_left);
    char why[160];
    switch (o) {
    case XF_OUTLOOK_OPEN:
        if (t->items_failed > 0)
            snprintf(out, size,
                     ngettext("Not decided yet: %zu item to tick, %d failed so far",
                              "Not decided yet: %zu items to tick, %d failed so far",
                              items_left),
                     items_left, t->items_failed);
        else
            snprintf(out, size,
                     ngettext("Not decided yet: %zu item to tick",
                              "Not decided yet: %zu items to tick", items_left),
                     items_left);
        return;
    case XF_OUTLOOK_PASS: snprintf(out, size, "%s", _("PASS")); return;
    case XF_OUTLOOK_FAIL_CRITICAL: snprintf(why, sizeof why, "%s", _("a critical item failed")); break;
    case XF_OUTLOOK_FAIL_RATE:
        if (items_left)
            snprintf(why, sizeof why,
                     _("%d of %d items failed: above %.1f%% even if the rest pass"),
                     t->items_failed, t->items_applicable + (int)items_left,
                     100.0 * cfg->inspection_fail_rate);
        else
            xf_inspection_fail_reason(cfg, t, why, sizeof why);
        break;
    case XF_OUTLOOK_FAIL_SAMPLES: xf_inspection_fail_reason(cfg, t, why, sizeof why); break;
    }
    if (items_left)
        snprintf(out, size,
                 ngettext("FAIL whatever the rest: %s (%zu item to tick)",
                          "FAIL whatever the rest: %s (%zu items to tick)", items_left),
                 why, items_left);
    else
        snprintf(out, size, _("FAIL (%s)"), why);
}

/* ---- validation shared by logging and import ---- */

/* Everything about an inspection but where it happened and who did it. */
struct draft {
    const char *kind;
    const char *template_name;
    const char *on_date;
    int samples_checked, samples_failed;
    const char *findings;
    const char *const *outcomes;
    size_t n_outcomes;
};

static int check_template(const struct xf_config *cfg, const struct draft *d,
                          const struct xf_checklist **out, struct xf_error *err)
{
    const struct xf_checklist *cl = xf_config_checklist(cfg, d->template_name);
    if (!cl)
        return xf_err(err, XF_EINVAL, "template",
                      _("there is no checklist '%s' in the configuration"), d->template_name);
    if (strcmp(cl->kind, d->kind) != 0)
        return xf_err(err, XF_EINVAL, "template", _("checklist '%s' is for %s inspections, not %s"),
                      cl->name, cl->kind, d->kind);
    if (d->n_outcomes != cl->n_items)
        return xf_err(err, XF_EINVAL, "items",
                      _("checklist '%s' has %zu items but %zu outcomes were given"), cl->name,
                      cl->n_items, d->n_outcomes);
    for (size_t i = 0; i < d->n_outcomes; i++) {
        const char *o = d->outcomes[i];
        if (!o || (strcmp(o, "pass") && strcmp(o, "fail") && strcmp(o, "na")))
            return xf_err(err, XF_EINVAL, "items",
                          _("item %zu (%s): the outcome must be pass, fail or na, not '%s'"), i + 1,
                          cl->items[i].label, xf_text_or_empty(o));
    }
    *out = cl;
    return XF_OK;
}

static int check_kind(const char *kind, struct xf_error *err)
{
    if (xf_text_blank(kind) || (strcmp(kind, "unannounced") && strcmp(kind, "sample")))
        return xf_err(err, XF_EINVAL, "kind", _("kind must be unannounced or sample, not '%s'"),
                      xf_text_or_empty(kind));
    return XF_OK;
}

static int check_draft(const struct xf_config *cfg, const struct draft *d,
                       const struct xf_checklist **cl, struct xf_error *err)
{
    int rc;
    if ((rc = check_kind(d->kind, err)) || (rc = check_template(cfg, d, cl, err)) ||
        (rc = check_past_date(d->on_date, "on_date", err)))
        return rc;
    if (d->samples_checked < 0)
        return xf_err(err, XF_EINVAL, "samples_checked",
                      _("the number of samples checked cannot be negative"));
    if (d->samples_failed < 0 || d->samples_failed > d->samples_checked)
        return xf_err(err, XF_EINVAL, "samples_failed",
                      _("samples failed must be between 0 and the %d samples checked"),
                      d->samples_checked);
    if (strcmp(d->kind, "sample") == 0 && d->samples_checked < 1)
        return xf_err(err, XF_EINVAL, "samples_checked",
                      _("a sample check needs at least one sample checked"));
    /* A visit that applied no item checked nothing: it would count as
     * passed and raise the pass rate. (A sample check has its samples.) */
    size_t applicable = 0;
    for (size_t i = 0; i < d->n_outcomes; i++)
        applicable += strcmp(d->outcomes[i], "na") != 0;
    if (strcmp(d->kind, "unannounced") == 0 && applicable == 0)
        return xf_err(err, XF_EINVAL, "items",
                      _("every item is marked not applicable: an inspection checks at least "
                        "one (pass or fail)"));
    return check_text(d->findings, "findings", XF_INSPECTION_FINDINGS_MAX, false, err);
}

static struct xf_inspection_tally tally_of(const struct draft *d, const struct xf_checklist *cl)
{
    struct xf_inspection_tally t = {.samples_checked = d->samples_checked,
                                    .samples_failed = d->samples_failed};
    for (size_t i = 0; i < d->n_outcomes; i++) {
        if (strcmp(d->outcomes[i], "na") == 0)
            continue;
        t.items_applicable++;
        if (strcmp(d->outcomes[i], "fail") == 0) {
            t.items_failed++;
            t.critical_failed = t.critical_failed || cl->items[i].critical;
        }
    }
    return t;
}

/* The characters of every other kind's code (a unit's, a post's): one
 * with a space or a Chinese character is not found again as typed on a
 * command line or in a search, and reads as two in a list. The code shown
 * as given, as a complaint code's refusal does. */
static int check_code_chars(const char *code, struct xf_error *err)
{
    for (const char *c = code; c && *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '.' || *c == '-')) {
            char *shown = xf_text_sanitize(code, false);
            int rc = xf_err(err, XF_EINVAL, "code",
                            _("'%s' is not an inspection code: a code may contain only the letters "
                              "A-Z and a-z, digits, '_', '.' and '-', such as XJ-20261125-0001"),
                            shown ? shown : "");
            free(shown);
            return rc;
        }
    return XF_OK;
}

/* A code cell of an import: one line of at most the length, of a code's
 * characters. */
static int check_code_cell(const char *code, struct xf_error *err)
{
    int rc = xf_unit_check_line(code, "code", XF_INSPECTION_CODE_MAX, true, err);
    return rc ? rc : check_code_chars(code, err);
}

static int check_code(struct xf_db *db, const char *code, bool importing,
                      struct xf_error *err)
{
    /* A code is typed on command lines and shown everywhere: no controls,
     * escapes or invisible characters, as for every other kind's code. */
    if (strlen(code) > XF_INSPECTION_CODE_MAX || !xf_utf8_valid(code, strlen(code)))
        return xf_err(err, XF_EINVAL, "code", _("code must be UTF-8 text of at most %d bytes"),
                      XF_INSPECTION_CODE_MAX);
    if (xf_text_has_controls(code))
        return xf_err(err, XF_EINVAL, "code", _("%s must be one line without control characters"),
                      "code");
    int rc = check_code_chars(code, err);
    if (rc)
        return rc;
    if (xf_store_inspection_code_taken(db, code))
        return importing ? xf_import_code_taken(err, code, NULL)
                         : xf_err(err, XF_EINVAL, "code", _("inspection %s already exists"), code);
    return XF_OK;
}

/* The rectification deadline: given, or rectify_days working days on. */
/* A deadline given by hand falls on a working day, as the ones worked
 * out do (an imported one is taken as it was set). */
static int rect_due_workday(const struct xf_ctx *ctx, const char *due, const char *field,
                            struct xf_error *err)
{
    if (xf_workday_is(&ctx->cfg->calendar, due))
        return XF_OK;
    char next[XF_DATE_LEN];
    xf_workday_add(&ctx->cfg->calendar, due, 1, next);
    return xf_err(err, XF_EINVAL, field,
                  _("%s is not a working day; give a working day (the next is %s)"), due, next);
}

static int rect_due(const struct xf_ctx *ctx, const char *given, const char *on_date,
                    const char *field, char out[XF_DATE_LEN], struct xf_error *err)
{
    if (xf_text_blank(given)) {
        int days = ctx->cfg->rectify_days > 0 ? ctx->cfg->rectify_days : 1;
        xf_workday_add(&ctx->cfg->calendar, on_date, days, out);
        /* Counted from the day it is logged when that one has passed: an
         * inspection entered long after the visit (or under a mistyped
         * year) got a deadline overdue the moment it was saved. */
        char today[XF_DATE_LEN];
        xf_date_today(today);
        if (strcmp(out, today) < 0)
            xf_workday_add(&ctx->cfg->calendar, today, days, out);
        return XF_OK;
    }
    int rc = xf_date_check(given, field, err);
    if (rc)
        return rc;
    if (strcmp(given, on_date) <= 0)
        return xf_err(err, XF_EINVAL, field,
                      _("the rectification deadline %s must be after the inspection (%s)"), given,
                      on_date);
    snprintf(out, XF_DATE_LEN, "%s", given);
    return XF_OK;
}

/* Writes the inspection, its items (labels and critical flags copied from
 * the template, so a later config change does not rewrite the past) and
 * the rectification when there is one. */
static int insert_all(struct xf_db *db, struct xf_inspection *in, const struct xf_checklist *cl,
                      const struct draft *d, struct xf_rectification *rect, struct xf_error *err)
{
    int rc = xf_store_inspection_insert(db, in, err);
    for (size_t i = 0; !rc && i < cl->n_items; i++) {
        struct xf_inspection_item it = {
            .inspection_id = in->id,
            .item_no = (int)i + 1,
            .label = cl->items[i].label,
            .critical = cl->items[i].critical,
            .outcome = (char *)d->outcomes[i],
        };
        rc = xf_store_inspection_item_insert(db, &it, err);
    }
    if (!rc && rect) {
        rect->inspection_id = in->id;
        rc = xf_store_rect_insert(db, rect, err);
    }
    return rc;
}

static void fill_from_draft(struct xf_inspection *in, const struct draft *d,
                            const struct xf_inspection_tally *t, const char *result)
{
    in->kind = (char *)d->kind;
    in->template_name = (char *)d->template_name;
    in->on_date = (char *)d->on_date;
    in->samples_checked = t->samples_checked;
    in->samples_failed = t->samples_failed;
    in->items_failed = t->items_failed;
    in->items_applicable = t->items_applicable;
    in->critical_failed = t->critical_failed;
    in->findings = (char *)xf_text_or_empty(d->findings);
    in->result = (char *)result;
}

/* Where the inspection happened: a post (by code or id) gives its unit. */
static int resolve_place(const struct xf_ctx *ctx, const struct xf_inspection_new *n,
                         int64_t *post_id, int64_t *unit_id, struct xf_error *err)
{
    *post_id = n->post_id;
    *unit_id = n->unit_id;
    if (!xf_text_blank(n->post_code) || n->post_id > 0)
        return xf_store_inspection_post_unit(ctx->db, n->post_code, post_id, unit_id, err);
    *post_id = 0;
    if (n->unit_id <= 0)
        return xf_err(err, XF_EINVAL, "unit_id", _("choose the post or unit inspected"));
    struct xf_unit u = {0};
    int rc = xf_store_unit_get(ctx->db, n->unit_id, &u, err);
    xf_unit_clear(&u);
    return rc ? at_field(err, rc, "unit_id") : XF_OK;
}

/* What a new inspection must say beyond any record's checks (imports of
 * old records keep what they had): the findings when anything failed,
 * and a day the post was public on. */
static int check_new(const struct xf_ctx *ctx, const struct draft *d,
                     const struct xf_inspection_tally *t, int64_t post_id, struct xf_error *err)
{
    if ((t->items_failed > 0 || t->samples_failed > 0) && xf_text_blank(d->findings))
        return xf_err(err, XF_EINVAL, "findings",
                      _("say what was found wrong: the unit rectifies from it"));
    if (post_id > 0) {
        struct xf_post p = {0};
        int rc = xf_store_post_get(ctx->db, post_id, &p, err);
        if (!rc && p.published_on && *p.published_on && strcmp(d->on_date, p.published_on) < 0)
            rc = xf_err(err, XF_EINVAL, "on_date",
                        _("post %s was published on %s: an inspection of it is on that day or "
                          "later, not %s"),
                        p.code, p.published_on, d->on_date);
        xf_post_clear(&p);
        if (rc)
            return rc;
    }
    return XF_OK;
}

int xf_inspection_log(const struct xf_ctx *ctx, const struct xf_inspection_new *n, int64_t *id_out,
                      struct xf_error *err)
{
    struct draft d = {
        .kind = n->kind,
        .template_name = xf_text_blank(n->template_name) ? n->kind : n->template_name,
        .on_date = n->on_date,
        .samples_checked = n->samples_checked,
        .samples_failed = n->samples_failed,
        .findings = n->findings,
        .outcomes = n->outcomes,
        .n_outcomes = n->n_outcomes,
    };
    const struct xf_checklist *cl = NULL;
    int64_t post_id, unit_id;
    int rc = xf_perm_require(ctx, XF_P_INSPECT, 0, err);
    if (rc || (rc = check_draft(ctx->cfg, &d, &cl, err)) ||
        (rc = resolve_place(ctx, n, &post_id, &unit_id, err)) ||
        (rc = xf_perm_require(ctx, XF_P_INSPECT, unit_id, err)))
        return rc;
    struct xf_inspection_tally t = tally_of(&d, cl);
    const char *result = xf_inspection_result(ctx->cfg, &t);
    bool failed = strcmp(result, "fail") == 0;
    char due[XF_DATE_LEN] = "";
    if ((failed && ((rc = rect_due(ctx, n->rect_due_on, d.on_date, "rect_due_on", due, err)) ||
                    (rc = rect_due_workday(ctx, due, "rect_due_on", err)))) ||
        (rc = check_new(ctx, &d, &t, post_id, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "inspection.log", err)))
        return rc;
    char *code = NULL;
    if (xf_text_blank(n->code))
        rc = xf_store_inspection_new_code(ctx->db, d.on_date, &code, err);
    else if (!(rc = check_code(ctx->db, n->code, false, err)))
        code = strdup(n->code);
    struct xf_inspection in = {
        .code = code, .post_id = post_id, .unit_id = unit_id, .inspector = (char *)ctx->login};
    fill_from_draft(&in, &d, &t, result);
    struct xf_rectification rect = {.due_on = due, .status = "open"};
    if (!rc && !code)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    if (rc || (rc = insert_all(ctx->db, &in, cl, &d, failed ? &rect : NULL, err)) ||
        (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    else if (id_out)
        *id_out = in.id;
    free(code);
    return rc;
}

int xf_inspection_get(const struct xf_ctx *ctx, int64_t id, struct xf_inspection *out,
                      struct xf_error *err)
{
    int rc = xf_store_inspection_get(ctx->db, id, out, err);
    if (rc == XF_OK && !xf_ctx_in_scope(ctx, out->unit_id)) {
        xf_inspection_clear(out);
        char who[200];
        xf_ctx_person(ctx, ctx->login, who, sizeof who);
        return xf_err(err, XF_EPERM, "", _("%s, %s, may not see inspections outside their units"),
                      who, xf_role_label(ctx->role));
    }
    return rc;
}

/* ---- rectifications ---- */

/* Loads a rectification for a step: role and scope (the inspected unit),
 * the caller's version, and the state the step starts from. */
static int load_rect(const struct xf_ctx *ctx, enum xf_perm perm, int64_t id, int64_t version,
                     const char *from, struct xf_rectification *r, struct xf_error *err)
{
    struct xf_inspection in = {0};
    int rc = xf_store_rect_get(ctx->db, id, r, err);
    if (!rc && !(rc = xf_store_inspection_get(ctx->db, r->inspection_id, &in, err)))
        rc = xf_perm_require(ctx, perm, in.unit_id, err);
    char what[96];
    snprintf(what, sizeof what, _("the rectification of inspection %s"), in.code ? in.code : "?");
    xf_inspection_clear(&in);
    if (rc)
        return rc;
    if (r->version != version) {
        xf_err(err, XF_ECONFLICT, "version",
               _("rectification #%" PRId64 " was changed by someone else; reload it and try again"),
               id);
        return xf_conflict_describe(ctx, "rectification", id, what, err);
    }
    if (strcmp(r->status, from) != 0)
        return xf_err(err, XF_ESTATE, "status",
                      _("rectification #%" PRId64 " is %s; this step needs it %s"), id, r->status,
                      from);
    return XF_OK;
}

static void set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? strdup(src) : NULL;
}

int xf_rectification_done(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                          struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_RECTIFY, 0, err);
    if (rc || (rc = check_text(note, "done_note", XF_RECT_NOTE_MAX, true, err)) ||
        (rc = xf_db_begin(ctx->db, "rectification.done", err)))
        return rc;
    struct xf_rectification r = {0};
    if (!(rc = load_rect(ctx, XF_P_RECTIFY, id, version, "open", &r, err))) {
        char today[XF_DATE_LEN];
        xf_date_today(today);
        set_str(&r.status, "done");
        set_str(&r.done_on, today);
        set_str(&r.done_note, note);
        rc = xf_store_rect_update(ctx->db, &r, err);
    }
    xf_rectification_clear(&r);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

/* ---- a rectification of a passed check ---- */

bool xf_inspection_passed_with_failures(const struct xf_inspection *in)
{
    return in->result && strcmp(in->result, "pass") == 0 &&
           (in->items_failed > 0 || in->samples_failed > 0);
}

/* r: the inspection's rectification, NULL when it has none. */
static int order_refused(const struct xf_ctx *ctx, const struct xf_inspection *in,
                         const struct xf_rectification *r, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_INSPECT, in->unit_id, err);
    if (rc)
        return rc;
    if (in->result && strcmp(in->result, "fail") == 0)
        return xf_err(err, XF_ESTATE, "result",
                      _("%s failed: its rectification was opened when it was logged"), in->code);
    if (!xf_inspection_passed_with_failures(in))
        return xf_err(err, XF_ESTATE, "result",
                      _("%s passed with no failed item or sample: nothing to rectify"), in->code);
    if (r && strcmp(r->status, "cancelled") != 0)
        return xf_err(err, XF_ESTATE, "status",
                      _("%s has a rectification already (due %s): see its state in the "
                        "list"),
                      in->code, r->due_on);
    return XF_OK;
}

int xf_inspection_order_check(const struct xf_ctx *ctx, const struct xf_inspection *in,
                              struct xf_error *err)
{
    struct xf_rectification r = {0};
    int rc = xf_store_rect_by_inspection(ctx->db, in->id, &r, NULL);
    if (rc != XF_OK && rc != XF_ENOTFOUND)
        rc = xf_store_rect_by_inspection(ctx->db, in->id, &r, err); /* for its message */
    else
        rc = order_refused(ctx, in, rc == XF_OK ? &r : NULL, err);
    xf_rectification_clear(&r);
    return rc;
}

static int order_in_tx(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *due_on,
                       struct xf_error *err)
{
    struct xf_inspection in = {0};
    struct xf_rectification r = {0};
    char today[XF_DATE_LEN], due[XF_DATE_LEN], what[96];
    xf_date_today(today);
    int rc = xf_store_inspection_get(ctx->db, id, &in, err);
    if (rc)
        goto out;
    rc = xf_store_rect_by_inspection(ctx->db, id, &r, NULL);
    bool has = rc == XF_OK;
    if (rc != XF_OK && rc != XF_ENOTFOUND) {
        rc = xf_store_rect_by_inspection(ctx->db, id, &r, err);
        goto out;
    }
    if (in.version != version) {
        snprintf(what, sizeof what, _("inspection %s"), in.code);
        xf_err(err, XF_ECONFLICT, "version",
               _("inspection %s was changed by someone else since you opened it"), in.code);
        rc = xf_conflict_describe(ctx, "inspection", in.id, what, err);
        goto out;
    }
    if ((rc = order_refused(ctx, &in, has ? &r : NULL, err)) ||
        (rc = rect_due(ctx, due_on, today, "due_on", due, err)) ||
        (rc = rect_due_workday(ctx, due, "due_on", err)))
        goto out;
    if (has) { /* cancelled by a correction: open again */
        set_str(&r.status, "open");
        set_str(&r.due_on, due);
        set_str(&r.done_on, NULL);
        set_str(&r.done_note, NULL);
        set_str(&r.verified_by, NULL);
        set_str(&r.verified_on, NULL);
        set_str(&r.returned_note, NULL);
        rc = !r.status || !r.due_on ? xf_err(err, XF_EIO, "", _("out of memory"))
                                    : xf_store_rect_update(ctx->db, &r, err);
    } else {
        struct xf_rectification fresh = {.inspection_id = in.id, .due_on = due, .status = "open"};
        rc = xf_store_rect_insert(ctx->db, &fresh, err);
    }
out:
    xf_rectification_clear(&r);
    xf_inspection_clear(&in);
    return rc;
}

int xf_inspection_order_rectification(const struct xf_ctx *ctx, int64_t id, int64_t version,
                                      const char *due_on, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_INSPECT, 0, err);
    if (rc || (rc = xf_db_begin(ctx->db, "rectification.order", err)))
        return rc;
    if ((rc = order_in_tx(ctx, id, version, due_on, err)) || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

/* Who reported it done does not also verify it (four eyes). */
static int refuse_own_report(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    char *done_by = NULL;
    int rc = xf_store_rect_done_by(ctx->db, id, &done_by, err);
    if (!rc && done_by && strcmp(done_by, ctx->login) == 0) {
        char who[160];
        xf_ctx_person(ctx, ctx->login, who, sizeof who); /* "管理员 (root)" */
        rc = xf_err(err, XF_EPERM, "verified_by",
                    _("%s reported this rectification done and cannot also verify it; "
                      "another inspector must"),
                    who);
    }
    free(done_by);
    return rc;
}

int xf_rectification_verify_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_INSPECT, 0, err);
    return rc ? rc : refuse_own_report(ctx, id, err);
}

int xf_rectification_verify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_INSPECT, 0, err);
    if (rc || (rc = xf_db_begin(ctx->db, "rectification.verify", err)))
        return rc;
    struct xf_rectification r = {0};
    if (!(rc = load_rect(ctx, XF_P_INSPECT, id, version, "done", &r, err)) &&
        !(rc = refuse_own_report(ctx, id, err))) {
        char today[XF_DATE_LEN];
        xf_date_today(today);
        set_str(&r.status, "verified");
        set_str(&r.verified_by, ctx->login);
        set_str(&r.verified_on, today);
        rc = xf_store_rect_update(ctx->db, &r, err);
    }
    xf_rectification_clear(&r);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

void xf_rectification_return_due(const struct xf_ctx *ctx, const char *was_due,
                                 char out[XF_DATE_LEN])
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    rect_due(ctx, NULL, today, "due_on", out, NULL);
    if (was_due && xf_date_valid(was_due) && strcmp(was_due, out) > 0)
        snprintf(out, XF_DATE_LEN, "%s", was_due);
}

int xf_rectification_send_back(const struct xf_ctx *ctx, int64_t id, int64_t version,
                               const char *reason, const char *due_on, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_INSPECT, 0, err);
    if (rc || (rc = check_text(reason, "returned_note", XF_RECT_NOTE_MAX, true, err)) ||
        (rc = xf_db_begin(ctx->db, "rectification.return", err)))
        return rc;
    struct xf_rectification r = {0};
    char today[XF_DATE_LEN], due[XF_DATE_LEN];
    xf_date_today(today);
    if (!xf_text_blank(due_on) && xf_date_valid(due_on) && strcmp(due_on, today) <= 0)
        rc = xf_err(err, XF_EINVAL, "due_on", _("the new deadline %s must be after today (%s)"),
                    due_on, today);
    if (!rc && !(rc = load_rect(ctx, XF_P_INSPECT, id, version, "done", &r, err)) &&
        !(rc = rect_due(ctx, due_on, today, "due_on", due, err)) &&
        !(rc = rect_due_workday(ctx, due, "due_on", err))) {
        if (xf_text_blank(due_on))
            xf_rectification_return_due(ctx, r.due_on, due);
        /* Open again, as if never reported done; the history keeps what
         * was reported and why it was not enough. */
        set_str(&r.status, "open");
        set_str(&r.done_on, NULL);
        set_str(&r.done_note, NULL);
        set_str(&r.due_on, due);
        set_str(&r.returned_note, reason);
        rc = xf_store_rect_update(ctx->db, &r, err);
    }
    xf_rectification_clear(&r);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

bool xf_rectification_is_overdue(const struct xf_rectification *r, const char *today)
{
    return strcmp(r->status, "open") == 0 && strcmp(r->due_on, today) < 0;
}

/* ---- report ---- */

static int add_report_row(struct xf_table *t, const char *label,
                          const struct xf_inspection_counts *c)
{
    char rate[32] = "-";
    if (c->inspections > 0)
        snprintf(rate, sizeof rate, "%.1f",
                 xf_table_round1(100.0 * (double)c->passed / (double)c->inspections));
    return xf_table_addf(t,
                         "%s\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%s\t%" PRId64 "\t%" PRId64
                         "\t%" PRId64 "\t%" PRId64 "\t%" PRId64,
                         label, c->inspections, c->passed, c->failed, rate, c->samples_checked,
                         c->samples_failed, c->rect_open, c->rect_overdue, c->rect_to_verify);
}

int xf_inspection_report(const struct xf_ctx *ctx, const struct xf_period *period,
                         struct xf_table *t, struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_inspection_counts c[2];
    char *scope = NULL;
    int rc = xf_period_check(period, err);
    if (!rc)
        rc = xf_unit_scope_paths(ctx, &scope, err);
    if (!rc)
        rc = xf_store_inspection_counts(ctx->db, today, scope, period, c, err);
    free(scope);
    if (rc)
        return rc;
    struct xf_inspection_counts all = {
        c[0].inspections + c[1].inspections,
        c[0].passed + c[1].passed,
        c[0].failed + c[1].failed,
        c[0].rect_open + c[1].rect_open,
        c[0].rect_overdue + c[1].rect_overdue,
        c[0].samples_checked + c[1].samples_checked,
        c[0].samples_failed + c[1].samples_failed,
        c[0].rect_to_verify + c[1].rect_to_verify,
    };
    const char *names[] = {_("Kind"),
                           _("Inspections"),
                           _("Passed"),
                           _("Failed"),
                           _("Pass rate %"),
                           _("Samples checked"),
                           _("Samples failed"),
                           _("Open rectifications"),
                           _("Overdue rectifications"),
                           _("Rectifications to verify"),
                           NULL};
    /* One sentence to translate for each kind of period, not a phrase
     * glued to another ("until %s" read 至 2026-10-31 in any title). */
    char title[128];
    const char *since = period ? period->since : NULL, *until = period ? period->until : NULL;
    if (since && until)
        /* TRANSLATORS: the first and last day of the inspections counted */
        snprintf(title, sizeof title, _("Inspections made %s \u2013 %s"), since, until);
    else if (since)
        /* TRANSLATORS: the first day of the inspections counted (none before) */
        snprintf(title, sizeof title, _("Inspections made from %s"), since);
    else if (until)
        /* TRANSLATORS: the last day of the inspections counted (none after) */
        snprintf(title, sizeof title, _("Inspections made until %s"), until);
    else
        snprintf(title, sizeof title, "%s", _("Inspections"));
    if (xf_table_init(t, title, names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (size_t col = 1; col < 10; col++)
        xf_table_numeric(t, col);
    if (add_report_row(t, _("Unannounced"), &c[0]) || add_report_row(t, _("Sample check"), &c[1]) ||
        add_report_row(t, _("All"), &all)) {
        xf_table_free(t);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    return XF_OK;
}

/* ---- CSV ---- */

static const char *const insp_columns[] = {
    "code",
    "kind",
    "template",
    "post_code",
    "unit_code",
    "inspector",
    "on_date",
    "samples_checked",
    "samples_failed",
    "findings",
    "items",
    "result",
    "rect_due_on",
    "rect_status",
    "rect_done_on",
    "rect_done_note",
    "rect_verified_by",
    "rect_verified_on",
    "rect_returned_note",
    NULL,
};
static const char *const insp_required[] = {"code",    "kind",  "template", "inspector",
                                            "on_date", "items", NULL};

enum {
    C_CODE,
    C_KIND,
    C_TEMPLATE,
    C_POST,
    C_UNIT,
    C_INSPECTOR,
    C_DATE,
    C_CHECKED,
    C_FAILED,
    C_FINDINGS,
    C_ITEMS,
    C_RESULT,
    C_RDUE,
    C_RSTATUS,
    C_RDONE,
    C_RNOTE,
    C_RVBY,
    C_RVON,
    C_RRET, /* why it was last sent back; kept through a round trip */
    C_NCOLS
};

struct export_state {
    xf_emit_fn emit;
    void *arg;
};

static int export_one(void *arg, const struct xf_inspection_export_row *row)
{
    struct export_state *s = arg;
    const struct xf_inspection *in = row->in;
    /* One a correction made unnecessary is not carried: the inspection
     * passes, and an import takes no rectification with a pass (the
     * history, which keeps it, does not travel by CSV either). */
    const struct xf_rectification *r =
        row->rect && strcmp(row->rect->status, "cancelled") == 0 ? NULL : row->rect;
    char checked[16], failed[16];
    snprintf(checked, sizeof checked, "%d", in->samples_checked);
    snprintf(failed, sizeof failed, "%d", in->samples_failed);
    const char *f[C_NCOLS] = {
        [C_CODE] = in->code,
        [C_KIND] = in->kind,
        [C_TEMPLATE] = in->template_name,
        [C_POST] = xf_text_or_empty(row->post_code),
        [C_UNIT] = xf_text_or_empty(row->unit_code),
        [C_INSPECTOR] = in->inspector,
        [C_DATE] = in->on_date,
        [C_CHECKED] = checked,
        [C_FAILED] = failed,
        [C_FINDINGS] = in->findings,
        [C_ITEMS] = xf_text_or_empty(row->items),
        [C_RESULT] = in->result,
        [C_RDUE] = r ? r->due_on : "",
        [C_RSTATUS] = r ? r->status : "",
        [C_RDONE] = r ? xf_text_or_empty(r->done_on) : "",
        [C_RNOTE] = r ? xf_text_or_empty(r->done_note) : "",
        [C_RVBY] = r ? xf_text_or_empty(r->verified_by) : "",
        [C_RVON] = r ? xf_text_or_empty(r->verified_on) : "",
        [C_RRET] = r ? xf_text_or_empty(r->returned_note) : "",
    };
    s->emit(s->arg, f);
    return XF_OK;
}

static int insp_export(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg, struct xf_error *err)
{
    struct export_state s = {emit, arg};
    return xf_store_inspection_each(ctx->db, export_one, &s, err);
}

static int parse_count(const char *s, const char *field, int *out, struct xf_error *err)
{
    if (xf_text_blank(s)) {
        *out = 0;
        return XF_OK;
    }
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0 || v > INT_MAX)
        return xf_err(err, XF_EINVAL, field, _("%s must be a whole number, not '%s'"), field, s);
    *out = (int)v;
    return XF_OK;
}

/* Splits "pass;fail;na" in place into outcomes (at most max). */
static size_t split_items(char *s, char **out, size_t max)
{
    size_t n = 0;
    if (!*s)
        return 0;
    while (n < max) {
        out[n++] = s;
        char *semi = strchr(s, ';');
        if (!semi)
            break;
        *semi = '\0';
        s = semi + 1;
    }
    return n;
}

/* A rectification row from the import: its fields must fit its status. */
static int import_rect(const struct xf_ctx *ctx, const char *const *f, const char *on_date,
                       struct xf_rectification *r, char due[XF_DATE_LEN], struct xf_error *err)
{
    const char *st = xf_text_blank(f[C_RSTATUS]) ? "open" : f[C_RSTATUS];
    bool done = strcmp(st, "done") == 0, verified = strcmp(st, "verified") == 0;
    if (!done && !verified && strcmp(st, "open") != 0)
        return xf_err(err, XF_EINVAL, "rect_status",
                      _("rect_status must be open, done or verified, not '%s'"), st);
    int rc = rect_due(ctx, f[C_RDUE], on_date, "rect_due_on", due, err);
    if (rc)
        return rc;
    r->due_on = due;
    r->status = (char *)st;
    if ((rc = check_text(f[C_RRET], "rect_returned_note", XF_RECT_NOTE_MAX, false, err)))
        return rc;
    r->returned_note = xf_text_blank(f[C_RRET]) ? NULL : (char *)f[C_RRET];
    if (!done && !verified) {
        if (!xf_text_blank(f[C_RDONE]) || !xf_text_blank(f[C_RNOTE]) || !xf_text_blank(f[C_RVBY]) || !xf_text_blank(f[C_RVON]))
            return xf_err(err, XF_EINVAL, "rect_status",
                          _("an open rectification has no done or verified details"));
        return XF_OK;
    }
    if ((rc = check_past_date(f[C_RDONE], "rect_done_on", err)) ||
        (rc = check_text(f[C_RNOTE], "rect_done_note", XF_RECT_NOTE_MAX, true, err)))
        return rc;
    if (strcmp(f[C_RDONE], on_date) < 0)
        return xf_err(err, XF_EINVAL, "rect_done_on",
                      _("rectified on %s, before the inspection (%s)"), f[C_RDONE], on_date);
    r->done_on = (char *)f[C_RDONE];
    r->done_note = (char *)f[C_RNOTE];
    if (!verified) {
        if (!xf_text_blank(f[C_RVBY]) || !xf_text_blank(f[C_RVON]))
            return xf_err(err, XF_EINVAL, "rect_status",
                          _("verification details given but the status is %s"), st);
        return XF_OK;
    }
    if (xf_text_blank(f[C_RVBY]))
        return xf_err(err, XF_EINVAL, "rect_verified_by", _("rect_verified_by is required"));
    if ((rc = xf_unit_check_line(f[C_RVBY], "rect_verified_by", 100, true, err)) ||
        (rc = check_past_date(f[C_RVON], "rect_verified_on", err)))
        return rc;
    if (strcmp(f[C_RVON], f[C_RDONE]) < 0)
        return xf_err(err, XF_EINVAL, "rect_verified_on",
                      _("verified on %s, before it was done (%s)"), f[C_RVON], f[C_RDONE]);
    r->verified_by = (char *)f[C_RVBY];
    r->verified_on = (char *)f[C_RVON];
    return XF_OK;
}

static int import_place(const struct xf_ctx *ctx, const char *const *f, int64_t *post_id,
                        int64_t *unit_id, struct xf_error *err)
{
    int rc;
    int64_t post_unit = 0;
    *post_id = *unit_id = 0;
    if (!xf_text_blank(f[C_POST]) &&
        (rc = xf_store_inspection_post_unit(ctx->db, f[C_POST], post_id, &post_unit, err)))
        return rc;
    *unit_id = post_unit;
    /* The unit is kept as exported; it must be the post's (or one above
     * it), as for a complaint: the form takes the unit from the post. */
    if (!xf_text_blank(f[C_UNIT])) {
        struct xf_unit u = {0};
        if ((rc = xf_store_unit_by_code(ctx->db, f[C_UNIT], &u, err)))
            return xf_err(err, rc, "unit_code", _("no unit with code '%s'"), f[C_UNIT]);
        *unit_id = u.id;
        xf_unit_clear(&u);
        if ((rc = xf_post_check_in_unit(ctx, post_unit, *unit_id, f[C_POST], f[C_UNIT],
                                        "unit_code", err)))
            return rc;
    }
    if (*unit_id <= 0)
        return xf_err(err, XF_EINVAL, "unit_code", _("give the post_code or the unit_code"));
    bool by_unit = !xf_text_blank(f[C_UNIT]);
    return xf_import_in_scope(ctx, *unit_id, by_unit ? "unit_code" : "post_code",
                              by_unit ? f[C_UNIT] : f[C_POST], err);
}

/* The post and the unit named exist (import_place, after the row's cells
 * are valid, checks the one against the other and the user's scope). */
static int known_place(const struct xf_ctx *ctx, const char *const *f, struct xf_error *err)
{
    int rc = XF_OK;
    if (!xf_text_blank(f[C_POST])) {
        int64_t post_id, post_unit;
        rc = xf_store_inspection_post_unit(ctx->db, f[C_POST], &post_id, &post_unit, err);
    }
    if (!rc && !xf_text_blank(f[C_UNIT])) {
        struct xf_unit u = {0};
        if ((rc = xf_store_unit_by_code(ctx->db, f[C_UNIT], &u, err)) == XF_ENOTFOUND)
            rc = xf_err(err, XF_EINVAL, "unit_code", _("no unit with code '%s'"), f[C_UNIT]);
        xf_unit_clear(&u);
    }
    return rc;
}

static int check_result_column(const char *given, const char *derived, struct xf_error *err)
{
    if (!xf_text_blank(given) && strcmp(given, derived) != 0)
        return xf_err(err, XF_EINVAL, "result",
                      _("result says '%s' but the items and samples give '%s'"), given, derived);
    return XF_OK;
}

static int insp_import_parsed(const struct xf_ctx *ctx, const char *const *f, struct draft *d,
                              struct xf_error *err)
{
    const struct xf_checklist *cl = NULL;
    int64_t post_id, unit_id;
    int rc;
    if ((rc = check_draft(ctx->cfg, d, &cl, err)) ||
        (rc = xf_unit_check_line(f[C_INSPECTOR], "inspector", 100, true, err)) ||
        (rc = check_code_cell(f[C_CODE], err)) ||
        (rc = import_place(ctx, f, &post_id, &unit_id, err)))
        return rc;
    struct xf_inspection_tally t = tally_of(d, cl);
    const char *result = xf_inspection_result(ctx->cfg, &t);
    bool failed = strcmp(result, "fail") == 0;
    struct xf_rectification rect = {0};
    char due[XF_DATE_LEN] = "";
    if ((rc = check_result_column(f[C_RESULT], result, err)))
        return rc;
    /* A pass with failed items or samples may have been ordered one (as
     * exported): taken when its columns are given. */
    bool ordered = false;
    for (int c = C_RDUE; !failed && c <= C_RRET; c++)
        ordered = ordered || !xf_text_blank(f[c]);
    if (ordered && t.items_failed == 0 && t.samples_failed == 0)
        for (int c = C_RDUE; c <= C_RRET; c++)
            if (!xf_text_blank(f[c]))
                return xf_err(err, XF_EINVAL, insp_columns[c],
                              _("a passed inspection with nothing failed has no rectification; "
                                "leave %s empty"),
                              insp_columns[c]);
    if ((failed || ordered) && (rc = import_rect(ctx, f, d->on_date, &rect, due, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "inspection.import", err)))
        return rc;
    struct xf_inspection in = {.code = (char *)f[C_CODE],
                               .post_id = post_id,
                               .unit_id = unit_id,
                               .inspector = (char *)f[C_INSPECTOR]};
    fill_from_draft(&in, d, &t, result);
    if ((rc = check_code(ctx->db, f[C_CODE], true, err)) ||
        (rc = insert_all(ctx->db, &in, cl, d, failed || ordered ? &rect : NULL, err)) ||
        (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

static int insp_import(const struct xf_ctx *ctx, const char *const *f,
                      struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct draft d = {.kind = f[C_KIND],
                      .template_name = f[C_TEMPLATE],
                      .on_date = f[C_DATE],
                      .findings = f[C_FINDINGS]};
    /* Each cell's own checks, every mistake noted in column order; then
     * check_draft and the rest, which need them valid (the template's
     * items, the samples failed against those checked). */
    if ((rc = xf_row_note(row, check_code_cell(f[C_CODE], err), err)) ||
        (rc = xf_row_note(row, check_kind(d.kind, err), err)) ||
        (rc = xf_row_note(row,
                          xf_text_blank(d.template_name)
                              ? xf_err(err, XF_EINVAL, "template", _("template is required"))
                              : XF_OK,
                          err)) ||
        (rc = xf_row_note(row, xf_unit_check_line(f[C_INSPECTOR], "inspector", 100, true, err),
                          err)) ||
        (rc = xf_row_note(row, check_past_date(d.on_date, "on_date", err), err)) ||
        (rc = xf_row_note(row,
                          parse_count(f[C_CHECKED], "samples_checked", &d.samples_checked, err),
                          err)) ||
        (rc = xf_row_note(row, parse_count(f[C_FAILED], "samples_failed", &d.samples_failed, err),
                          err)) ||
        (rc = xf_row_note(
             row, check_text(d.findings, "findings", XF_INSPECTION_FINDINGS_MAX, false, err),
             err)) ||
        (rc = xf_row_note(row, known_place(ctx, f, err), err)) ||
        (rc = xf_row_verdict(row, err)))
        return rc;
    char *items = strdup(xf_text_or_empty(f[C_ITEMS]));
    size_t max = strlen(xf_text_or_empty(f[C_ITEMS])) + 1;
    char **outcomes = calloc(max, sizeof *outcomes);
    if (!items || !outcomes) {
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    } else {
        d.n_outcomes = split_items(items, outcomes, max);
        d.outcomes = (const char *const *)outcomes;
        rc = insp_import_parsed(ctx, f, &d, err);
    }
    free(outcomes);
    free(items);
    return rc;
}

const struct xf_kind_io xf_kind_inspections = {
    .scope_column = "unit_code",
    .period_column = "on_date",
    .name = "inspections",
    .columns = insp_columns,
    .required = insp_required,
    .export_rows = insp_export,
    .import_row = insp_import,
};

/* ---- the list and the detail ---- */

/* "%text%" with LIKE's own characters escaped by '\'. Caller frees. */
static char *like_pattern(const char *text)
{
    size_t n = strlen(text);
    char *p = malloc(2 * n + 3), *o = p;
    if (!p)
        return NULL;
    *o++ = '%';
    for (const char *s = text; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *o++ = '\\';
        *o++ = *s;
    }
    *o++ = '%';
    *o = '\0';
    return p;
}

/* The store's filter for q: scope paths, the linked unit's path, the
 * search pattern (all owned by the caller's buffers, freed by
 * filter_free). */
struct filter_buf {
    struct xf_inspection_filter f;
    char today[XF_DATE_LEN];
    char phone[64]; /* the search's digits when it is a phone number */
    char *scope, *path, *like;
};

static void filter_free(struct filter_buf *b)
{
    free(b->scope);
    free(b->path);
    free(b->like);
}

static int check_search(const char *s, struct xf_error *err)
{
    if (!xf_utf8_valid(s, strlen(s)))
        return xf_err(err, XF_EINVAL, "query",
                      _("the search contains bytes that are not UTF-8 text; retype it"));
    if (utf8_chars(s) > XF_INSPECTION_SEARCH_MAX)
        return xf_err(err, XF_EINVAL, "query", _("search for at most %d characters"),
                      XF_INSPECTION_SEARCH_MAX);
    return XF_OK;
}

static int filter_of(const struct xf_ctx *ctx, const struct xf_inspection_query *q,
                     struct filter_buf *b, struct xf_error *err)
{
    memset(b, 0, sizeof *b);
    xf_date_today(b->today);
    b->f = (struct xf_inspection_filter){
        .order = q->order,
        .result = xf_text_blank(q->result) ? NULL : q->result,
        .kind = xf_text_blank(q->kind) ? NULL : q->kind,
        .rect = q->rect,
        .today = b->today,
        .post_id = q->post_id > 0 ? q->post_id : 0,
    };
    struct xf_period days = {xf_text_blank(q->since) ? NULL : q->since,
                             xf_text_blank(q->until) ? NULL : q->until};
    int rc = xf_period_check(&days, err);
    if (rc)
        return rc;
    b->f.since = days.since;
    b->f.until = days.until;
    b->f.inspector = xf_text_blank(q->inspector) ? NULL : q->inspector;
    if ((rc = xf_unit_scope_paths(ctx, &b->scope, err)))
        return rc;
    b->f.scope_json = b->scope;
    if (q->unit_id > 0) {
        struct xf_unit u = {0};
        if ((rc = xf_store_unit_get(ctx->db, q->unit_id, &u, err)))
            return rc;
        b->path = u.path;
        u.path = NULL;
        xf_unit_clear(&u);
        b->f.unit_path = b->path;
    }
    if (!xf_text_blank(q->search)) {
        if ((rc = check_search(q->search, err)))
            return rc;
        /* An inspector is searched by login, or by the name the config
         * gives them ("李娜" finds li.na's inspections). */
        const char *text = q->search;
        for (size_t i = 0; i < ctx->cfg->n_users; i++)
            if (ctx->cfg->users[i].name && !strcmp(ctx->cfg->users[i].name, q->search))
                text = ctx->cfg->users[i].login;
        if (!(b->like = like_pattern(text)))
            return xf_err(err, XF_EIO, "", _("out of memory"));
        b->f.like = b->like;
        /* The hotline on the notice board, read out at the window
         * ("0451-8451 2681", "+86 451 …"), finds the post's checks. */
        xf_search_phone_digits(q->search, b->phone, sizeof b->phone);
        b->f.phone = b->phone[0] ? b->phone : NULL;
    }
    return XF_OK;
}

int xf_inspection_page(const struct xf_ctx *ctx, const struct xf_inspection_query *q,
                       const char *from_sort, int64_t from_id, enum xf_inspection_dir dir,
                       int limit, struct xf_inspection_line *out, int *n, struct xf_error *err)
{
    struct filter_buf b;
    *n = 0;
    int rc = filter_of(ctx, q, &b, err);
    if (!rc)
        rc = xf_store_inspection_page(ctx->db, &b.f, from_sort, from_id, dir, limit, out, n, err);
    filter_free(&b);
    return rc;
}

int xf_inspection_count(const struct xf_ctx *ctx, const struct xf_inspection_query *q, long cap,
                        long *n, struct xf_error *err)
{
    struct filter_buf b;
    *n = 0;
    int rc = filter_of(ctx, q, &b, err);
    if (!rc)
        rc = xf_store_inspection_count(ctx->db, &b.f, cap, n, err);
    filter_free(&b);
    return rc;
}

int xf_inspection_locate(const struct xf_ctx *ctx, const struct xf_inspection_query *q, int64_t id,
                         char **sort_out, struct xf_error *err)
{
    struct filter_buf b;
    *sort_out = NULL;
    int rc = filter_of(ctx, q, &b, err);
    if (!rc)
        rc = xf_store_inspection_locate(ctx->db, &b.f, id, sort_out, err);
    filter_free(&b);
    return rc;
}

/* The inspection must exist and lie in the user's scope. */
static int require_visible(const struct xf_ctx *ctx, int64_t inspection_id, struct xf_error *err)
{
    struct xf_inspection in = {0};
    int rc = xf_inspection_get(ctx, inspection_id, &in, err);
    xf_inspection_clear(&in);
    return rc;
}

int xf_inspection_items(const struct xf_ctx *ctx, int64_t inspection_id,
                        struct xf_inspection_item **out, size_t *n, struct xf_error *err)
{
    *out = NULL;
    *n = 0;
    int rc = require_visible(ctx, inspection_id, err);
    return rc ? rc : xf_store_inspection_items(ctx->db, inspection_id, out, n, err);
}

int xf_inspection_rectification(const struct xf_ctx *ctx, int64_t inspection_id,
                                struct xf_rectification *out, struct xf_error *err)
{
    int rc = require_visible(ctx, inspection_id, err);
    return rc ? rc : xf_store_rect_by_inspection(ctx->db, inspection_id, out, err);
}

int xf_rectification_history(const struct xf_ctx *ctx, int64_t id, struct xf_rect_event **out,
                             size_t *n, struct xf_error *err)
{
    *out = NULL;
    *n = 0;
    struct xf_rectification r = {0};
    int rc = xf_store_rect_get(ctx->db, id, &r, err);
    if (!rc)
        rc = require_visible(ctx, r.inspection_id, err);
    xf_rectification_clear(&r);
    return rc ? rc : xf_store_rect_history(ctx->db, id, out, n, err);
}

/* ---- correcting a logged inspection ---- */

int xf_inspection_correct_check(const struct xf_ctx *ctx, const struct xf_inspection *in,
                                struct xf_error *err)
{
    bool own = ctx->login && in->inspector && strcmp(ctx->login, in->inspector) == 0;
    if (ctx->role == XF_ROLE_ADMIN || (own && xf_perm_allows(ctx, XF_P_INSPECT)))
        return xf_perm_require(ctx, XF_P_INSPECT, in->unit_id, err);
    char who[160];
    xf_ctx_person(ctx, in->inspector, who, sizeof who);
    /* Said to the user who asked: their own login read as someone else's. */
    return xf_err(err, XF_EPERM, "",
                  _("You may not correct inspection %s: only %s, who logged it, or an "
                    "administrator may"),
                  in->code, who);
}

int xf_inspection_corrections(const struct xf_ctx *ctx, int64_t id,
                              struct xf_inspection_correction *out, struct xf_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = require_visible(ctx, id, err);
    return rc ? rc : xf_store_inspection_corrections(ctx->db, id, out, err);
}

/* What a correction must hold, as logging checks it, against the items
 * the inspection was logged with (the checklist in the config may have
 * changed since). */
static int check_fix(const struct xf_inspection *in, const struct xf_inspection_fix *fix,
                     size_t n_items, struct xf_error *err)
{
    if (fix->n_outcomes != n_items)
        return xf_err(err, XF_EINVAL, "items",
                      _("inspection %s has %zu items but %zu outcomes were given"), in->code,
                      n_items, fix->n_outcomes);
    size_t applicable = 0;
    for (size_t i = 0; i < n_items; i++) {
        const char *o = fix->outcomes[i];
        if (!o || (strcmp(o, "pass") && strcmp(o, "fail") && strcmp(o, "na")))
            return xf_err(err, XF_EINVAL, "items",
                          _("item %zu: the outcome must be pass, fail or na, not '%s'"), i + 1,
                          xf_text_or_empty(o));
        applicable += strcmp(o, "na") != 0;
    }
    if (fix->samples_checked < 0)
        return xf_err(err, XF_EINVAL, "samples_checked",
                      _("the number of samples checked cannot be negative"));
    if (fix->samples_failed < 0 || fix->samples_failed > fix->samples_checked)
        return xf_err(err, XF_EINVAL, "samples_failed",
                      _("samples failed must be between 0 and the %d samples checked"),
                      fix->samples_checked);
    if (strcmp(in->kind, "sample") == 0 && fix->samples_checked < 1)
        return xf_err(err, XF_EINVAL, "samples_checked",
                      _("a sample check needs at least one sample checked"));
    if (strcmp(in->kind, "unannounced") == 0 && applicable == 0)
        return xf_err(err, XF_EINVAL, "items",
                      _("every item is marked not applicable: an inspection checks at least "
                        "one (pass or fail)"));
    return check_text(xf_text_or_empty(fix->findings), "findings", XF_INSPECTION_FINDINGS_MAX,
                      false, err);
}

static struct xf_inspection_tally fix_tally(const struct xf_inspection_fix *fix,
                                            const struct xf_inspection_item *items, size_t n)
{
    struct xf_inspection_tally t = {.samples_checked = fix->samples_checked,
                                    .samples_failed = fix->samples_failed};
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fix->outcomes[i], "na") == 0)
            continue;
        t.items_applicable++;
        if (strcmp(fix->outcomes[i], "fail") == 0) {
            t.items_failed++;
            t.critical_failed = t.critical_failed || items[i].critical;
        }
    }
    return t;
}

static bool fix_changes(const struct xf_inspection *in, const struct xf_inspection_fix *fix,
                        const struct xf_inspection_item *items, size_t n,
                        const struct xf_rectification *r)
{
    bool same = in->samples_checked == fix->samples_checked &&
                in->samples_failed == fix->samples_failed &&
                strcmp(xf_text_or_empty(in->findings), xf_text_or_empty(fix->findings)) == 0;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(items[i].outcome, fix->outcomes[i]) == 0;
    if (same && r && !xf_text_blank(fix->rect_due_on) && strcmp(r->status, "cancelled") != 0)
        same = strcmp(r->due_on, fix->rect_due_on) == 0;
    return !same;
}

/* The rectification after a correction from was_fail to now_fail (r NULL
 * when the inspection has none). */
static int fix_rect(const struct xf_ctx *ctx, const struct xf_inspection *in, bool was_fail,
                    bool now_fail, bool failures, const struct xf_inspection_fix *fix,
                    struct xf_rectification *r, struct xf_error *err)
{
    const char *given = xf_text_blank(fix->rect_due_on) ? NULL : fix->rect_due_on;
    bool done = r && strcmp(r->status, "done") == 0;
    bool verified = r && strcmp(r->status, "verified") == 0;
    /* Ordered for the failed items of a pass, and still a pass: it stays
     * while something failed (the unit may have acted on it), and is not
     * needed when nothing failed after all. */
    if (!was_fail && !now_fail && r && strcmp(r->status, "cancelled") != 0) {
        if (failures || strcmp(r->status, "open") != 0)
            return XF_OK;
        set_str(&r->status, "cancelled");
        return xf_store_rect_update(ctx->db, r, err);
    }
    if ((done || verified) && !now_fail)
        return xf_err(err, XF_ESTATE, "",
                      done ? _("the unit reported the rectification of %s done on %s, so it can "
                               "no longer pass; verify the rectification or send it back first "
                               "(what still fails it can be corrected)")
                           : _("the rectification of %s was verified on %s: the case is closed "
                               "and it stays failed (what still fails it can be corrected)"),
                      in->code,
                      done ? xf_text_or_empty(r->done_on) : xf_text_or_empty(r->verified_on));
    if ((done || verified) && given && strcmp(given, r->due_on) != 0)
        return xf_err(err, XF_ESTATE, "rect_due_on",
                      _("the rectification was reported done already: its deadline (%s) no "
                        "longer changes"),
                      r->due_on);
    if (done || verified)
        return XF_OK;
    bool open = r && strcmp(r->status, "open") == 0;
    if (!now_fail) {
        if (!open)
            return XF_OK;
        /* Not deleted: closed as not needed; the history says why. */
        set_str(&r->status, "cancelled");
        return xf_store_rect_update(ctx->db, r, err);
    }
    char due[XF_DATE_LEN];
    int rc;
    if (open) {
        if (!given || strcmp(given, r->due_on) == 0)
            return XF_OK;
        if ((rc = rect_due(ctx, given, in->on_date, "rect_due_on", due, err)) ||
            (rc = rect_due_workday(ctx, due, "rect_due_on", err)))
            return rc;
        set_str(&r->due_on, due);
        return xf_store_rect_update(ctx->db, r, err);
    }
    /* A failure that predates rectifications (an old import) keeps its
     * record as it was; a pass corrected to a fail is rectified. */
    if (was_fail && !r)
        return XF_OK;
    if (!given && r)
        xf_inspection_fail_due(ctx, in->on_date, r, due);
    else if ((rc = rect_due(ctx, given, in->on_date, "rect_due_on", due, err)) ||
             (rc = rect_due_workday(ctx, due, "rect_due_on", err)))
        return rc;
    if (r) { /* cancelled by an earlier correction: open again */
        /* As it was before that correction: only an open one is cancelled,
         * so one sent back keeps its reason and reads "sent back" again
         * (the unit's report was judged not enough; the pass was the
         * mistake, not the send-back). */
        set_str(&r->status, "open");
        set_str(&r->due_on, due);
        set_str(&r->done_on, NULL);
        set_str(&r->done_note, NULL);
        set_str(&r->verified_by, NULL);
        set_str(&r->verified_on, NULL);
        return xf_store_rect_update(ctx->db, r, err);
    }
    struct xf_rectification fresh = {.inspection_id = in->id, .due_on = due, .status = "open"};
    return xf_store_rect_insert(ctx->db, &fresh, err);
}

/* The inspection and its rectification as the user read them: refused
 * with what changed since (SPEC §5). */
static int fix_versions(const struct xf_ctx *ctx, const struct xf_inspection *in,
                        const struct xf_rectification *r, const struct xf_inspection_fix *fix,
                        struct xf_error *err)
{
    char what[96];
    if (in->version != fix->version) {
        snprintf(what, sizeof what, _("inspection %s"), in->code);
        xf_err(err, XF_ECONFLICT, "version",
               _("inspection %s was changed by someone else since you opened it"), in->code);
        return xf_conflict_describe(ctx, "inspection", in->id, what, err);
    }
    if ((r ? r->version : 0) != fix->rect_version) {
        snprintf(what, sizeof what, _("the rectification of inspection %s"), in->code);
        xf_err(err, XF_ECONFLICT, "version",
               _("the rectification of inspection %s was changed by someone else since you "
                 "opened it"),
               in->code);
        return r ? xf_conflict_describe(ctx, "rectification", r->id, what, err) : XF_ECONFLICT;
    }
    return XF_OK;
}

/* After a conflict, a sentence on the rectification's deadline when the
 * correction, saved again, would reopen a rectification cancelled
 * meanwhile (a colleague corrected the check to a pass): the message
 * named who changed what, not the deadline the reopened one gets. */
static void note_reopen(const struct xf_ctx *ctx, const struct xf_inspection *in,
                        const struct xf_inspection_item *items, size_t n,
                        const struct xf_rectification *r, const struct xf_inspection_fix *fix,
                        struct xf_error *err)
{
    struct xf_error ignored = {0};
    if (!r || !r->due_on || strcmp(r->status, "cancelled") != 0 || check_fix(in, fix, n, &ignored))
        return;
    struct xf_inspection_tally t = fix_tally(fix, items, n);
    if (strcmp(xf_inspection_result(ctx->cfg, &t), "fail") != 0)
        return;
    char due[XF_DATE_LEN], note[256];
    if (!xf_text_blank(fix->rect_due_on) && xf_date_valid(fix->rect_due_on))
        snprintf(due, sizeof due, "%s", fix->rect_due_on);
    else
        xf_inspection_fail_due(ctx, in->on_date, r, due);
    /* TRANSLATORS: after "... was changed by someone else: (what changed)",
       which ends without a full stop */
    if (strcmp(due, r->due_on) == 0)
        snprintf(note, sizeof note,
                 _(". Saved again, your correction fails the check and reopens its "
                   "rectification, due %s as before."),
                 due);
    else
        snprintf(note, sizeof note,
                 /* TRANSLATORS: as the one above */
                 _(". Saved again, your correction fails the check and reopens its "
                   "rectification, due %s (it was due %s)."),
                 due, r->due_on);
    /* Room for the sentence: the list of changes gives way first. */
    size_t len = strlen(err->msg), add = strlen(note), cap = sizeof err->msg - 1;
    if (add > cap)
        return;
    if (len + add > cap) {
        const char *more = "\u2026";
        len = cap - add - strlen(more);
        while (len > 0 && ((unsigned char)err->msg[len] & 0xC0) == 0x80)
            len--; /* not inside a character */
        memcpy(err->msg + len, more, strlen(more));
        len += strlen(more);
    }
    memcpy(err->msg + len, note, add + 1);
}

/* Inside the transaction: everything read, checked and written. */
static int correct_in_tx(const struct xf_ctx *ctx, int64_t id, const struct xf_inspection_fix *fix,
                         struct xf_error *err)
{
    struct xf_inspection in = {0};
    struct xf_inspection_item *items = NULL;
    struct xf_rectification r = {0};
    size_t n = 0;
    int rc = xf_store_inspection_get(ctx->db, id, &in, err);
    if (rc || (rc = xf_inspection_correct_check(ctx, &in, err)) ||
        (rc = xf_store_inspection_items(ctx->db, id, &items, &n, err)))
        goto out;
    rc = xf_store_rect_by_inspection(ctx->db, id, &r, NULL);
    bool has_rect = rc == XF_OK;
    if (rc != XF_OK && rc != XF_ENOTFOUND) {
        rc = xf_store_rect_by_inspection(ctx->db, id, &r, err); /* for its message */
        goto out;
    }
    if ((rc = fix_versions(ctx, &in, has_rect ? &r : NULL, fix, err))) {
        if (rc == XF_ECONFLICT)
            note_reopen(ctx, &in, items, n, has_rect ? &r : NULL, fix, err);
        goto out;
    }
    if ((rc = check_fix(&in, fix, n, err)))
        goto out;
    struct xf_inspection_tally t = fix_tally(fix, items, n);
    if ((t.items_failed > 0 || t.samples_failed > 0) && xf_text_blank(fix->findings)) {
        rc = xf_err(err, XF_EINVAL, "findings",
                    _("say what was found wrong: the unit rectifies from it"));
        goto out;
    }
    if (!fix_changes(&in, fix, items, n, has_rect ? &r : NULL)) {
        rc = xf_err(err, XF_EINVAL, "items",
                    _("the items, samples, findings and deadline are as they were: nothing to "
                      "correct"));
        goto out;
    }
    const char *result = xf_inspection_result(ctx->cfg, &t);
    bool was_fail = strcmp(in.result, "fail") == 0, now_fail = strcmp(result, "fail") == 0;
    if ((rc = fix_rect(ctx, &in, was_fail, now_fail, t.items_failed > 0 || t.samples_failed > 0,
                       fix, has_rect ? &r : NULL, err)))
        goto out;
    for (size_t i = 0; !rc && i < n; i++)
        if (strcmp(items[i].outcome, fix->outcomes[i]) != 0)
            rc = xf_store_inspection_item_set(ctx->db, items[i].id, fix->outcomes[i], err);
    if (rc)
        goto out;
    set_str(&in.findings, xf_text_or_empty(fix->findings));
    set_str(&in.result, result);
    set_str(&in.correction_note, fix->reason);
    in.samples_checked = t.samples_checked;
    in.samples_failed = t.samples_failed;
    in.items_failed = t.items_failed;
    in.items_applicable = t.items_applicable;
    in.critical_failed = t.critical_failed;
    if (!in.findings || !in.result || !in.correction_note)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    else
        rc = xf_store_inspection_update(ctx->db, &in, err);
out:
    xf_rectification_clear(&r);
    xf_inspection_items_free(items, n);
    xf_inspection_clear(&in);
    return rc;
}

int xf_inspection_correct(const struct xf_ctx *ctx, int64_t id, const struct xf_inspection_fix *fix,
                          struct xf_error *err)
{
    /* Who may, first (checked again inside the transaction). */
    struct xf_inspection in = {0};
    int rc = xf_store_inspection_get(ctx->db, id, &in, err);
    if (!rc)
        rc = xf_inspection_correct_check(ctx, &in, err);
    xf_inspection_clear(&in);
    /* What changes a record of a visit needs a reason, as an evaluation's. */
    if (!rc && xf_text_blank(fix->reason))
        rc = xf_err(err, XF_EINVAL, "correction_note",
                    _("say why the inspection is corrected (a miscount, a typing error, ...)"));
    if (rc || (rc = check_text(fix->reason, "correction_note", XF_INSPECTION_NOTE_MAX, true, err)) ||
        (rc = xf_db_begin(ctx->db, "inspection.correct", err)))
        return rc;
    if ((rc = correct_in_tx(ctx, id, fix, err)) || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

void xf_inspection_default_due(const struct xf_ctx *ctx, const char *on_date,
                               char out[XF_DATE_LEN])
{
    rect_due(ctx, NULL, on_date, "rect_due_on", out, NULL);
}

void xf_inspection_fail_due(const struct xf_ctx *ctx, const char *on_date,
                            const struct xf_rectification *r, char out[XF_DATE_LEN])
{
    /* A rectification cancelled by a correction and reopened by the next
     * keeps the deadline it had (one sent back tightened to 12-07 came
     * back due the default 12-11) while that deadline is still ahead. */
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (r && r->due_on && xf_date_valid(r->due_on) && strcmp(r->due_on, today) > 0 &&
        strcmp(r->due_on, on_date) > 0) {
        snprintf(out, XF_DATE_LEN, "%s", r->due_on);
        return;
    }
    xf_inspection_default_due(ctx, on_date, out);
}
