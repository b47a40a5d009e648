/* Registering a complaint (受理) from the Complaints pane: one form with
 * the source, the kind, the post it concerns (or, without a post, the
 * unit), the text, the complainant and when it came in (now, or an
 * earlier time or day for a letter that arrived before it was taken down). One call,
 * xf_complaint_receive, which validates every field again. The same form
 * puts intake right before dispatch (xf_complaint_correct). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints_ui.h"
#include "xf/i18n.h"
#include "xf/unit.h"
#include "xf/post.h"
#include "xf/ui_form.h"

enum { F_SOURCE, F_KIND, F_POST, F_UNIT, F_TEXT, F_NAME, F_PHONE, F_RECEIVED, F_N };

/* The codes behind the ids the pickers offered: the domain takes codes. */
struct code_of {
    int64_t id;
    char *code;
};

struct recv {
    const struct xf_ctx *ctx;
    struct code_of *posts, *units;
    size_t n_posts, n_units;
    bool oom;
    int64_t new_id;
    int64_t inspection_id;       /* raised from this failed inspection */
    int64_t fix_id, fix_version; /* correcting this complaint, as read */
    struct xf_form_field *base;  /* correcting: its values as read, for a reload */
    char received[XF_COMPLAINT_WHEN_LEN]; /* the time of receipt as the form first showed it */
};

static void remember(struct recv *r, bool post, int64_t id, const char *code)
{
    struct code_of **v = post ? &r->posts : &r->units;
    size_t *n = post ? &r->n_posts : &r->n_units;
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i].id == id)
            return;
    struct code_of *nv = realloc(*v, (*n + 1) * sizeof *nv);
    char *c = strdup(code ? code : "");
    if (!nv || !c) {
        free(c);
        if (nv)
            *v = nv;
        r->oom = true;
        return;
    }
    *v = nv;
    nv[(*n)++] = (struct code_of){id, c};
}

static const char *code_for(const struct code_of *v, size_t n, int64_t id)
{
    for (size_t i = 0; id && i < n; i++)
        if (v[i].id == id)
            return v[i].code;
    return NULL;
}

static void recv_free(struct recv *r)
{
    for (size_t i = 0; i < r->n_posts; i++)
        free(r->posts[i].code);
    for (size_t i = 0; i < r->n_units; i++)
        free(r->units[i].code);
    free(r->posts);
    free(r->units);
}

/* ---- pickers ---- */

struct post_pick {
    struct recv *r;
    struct xf_pick_item *out;
    int n, limit;
};

static void post_one(void *arg, const struct xf_post_item *row)
{
    struct post_pick *pp = arg;
    if (pp->n >= pp->limit)
        return;
    char *label = xf_form_post_label(pp->r->ctx, row);
    if (!label)
        return;
    remember(pp->r, true, row->id, row->code);
    pp->out[pp->n].label = label;
    pp->out[pp->n].id = row->id;
    pp->n++;
}

/* Posts in the user's scope whose code, title, holder or unit line (the
 * department down, as the labels show it) holds what was typed. */
static int pick_post(void *arg, int field, const char *query, int limit,
                     struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct recv *r = arg;
    struct xf_post_filter f = {.sort = XF_POST_BY_CODE, .like = query && *query ? query : NULL};
    struct post_pick pp = {r, out, 0, limit};
    int rc = xf_post_page(r->ctx, &f, NULL, 0, XF_POST_AFTER, limit, post_one, &pp, err);
    *n_out = pp.n;
    return rc;
}

static int pick_unit(void *arg, int field, const char *query, int limit,
                     struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct recv *r = arg;
    struct xf_complaint_pick *rows = NULL;
    size_t n = 0;
    *n_out = 0;
    int rc = xf_complaint_pick_own_units(r->ctx, query, limit, &rows, &n, err);
    for (size_t i = 0; rc == XF_OK && i < n && (int)i < limit; i++) {
        if (asprintf(&out[i].label, "%s  %s", rows[i].code, rows[i].label) < 0) {
            out[i].label = NULL;
            break;
        }
        remember(r, false, rows[i].id, rows[i].code);
        out[i].id = rows[i].id;
        *n_out = (int)i + 1;
    }
    xf_complaint_picks_free(rows, n);
    return rc;
}

/* ---- checks and submit ---- */

static int check_phone(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg;
    return xf_complaint_check_phone(xf_form_text(&f->fields[field]), "complainant_phone", err);
}

static int check_received(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg;
    return xf_complaint_check_received_at(xf_form_text(&f->fields[field]), err);
}

/* The post or the unit: the domain says so too, but only on submit. */
static int check_target(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg, (void)field;
    if (!f->fields[F_POST].picked && !f->fields[F_UNIT].picked)
        return xf_err(err, XF_EINVAL, "unit_code",
                      _("choose the post the complaint is about, or else its unit"));
    return XF_OK;
}

static const char *text_or_null(const struct xf_form_field *f)
{
    const char *t = xf_form_text(f);
    return *t ? t : NULL;
}

static int submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct recv *r = arg;
    const struct xf_form_field *fd = f->fields;
    if (r->oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    struct xf_complaint_new in = {
        .source = xf_complaint_source_at(fd[F_SOURCE].choice),
        .kind = fd[F_KIND].choice ? "suggestion" : "complaint",
        .post_code = code_for(r->posts, r->n_posts, fd[F_POST].picked),
        .unit_code = code_for(r->units, r->n_units, fd[F_UNIT].picked),
        .text = xf_form_text(&fd[F_TEXT]),
        .complainant_name = text_or_null(&fd[F_NAME]),
        .complainant_phone = text_or_null(&fd[F_PHONE]),
        .received_at = NULL, /* now */
        .inspection_id = r->inspection_id,
    };
    /* The time the form offered, left as it was, is now, to the second
     * (the form may have stayed open a while); another time or day is
     * that one. A correction that leaves it keeps the time of receipt. */
    const char *when = xf_form_text(&fd[F_RECEIVED]);
    if (strcmp(when, r->received) != 0)
        in.received_at = when;
    if (r->fix_id)
        return xf_complaint_correct(r->ctx, r->fix_id, r->fix_version, &in, err);
    return xf_complaint_receive(r->ctx, &in, &r->new_id, err);
}

static void prefill(struct recv *r, struct xf_form_field *fields, const struct xfc_prefill *pre)
{
    for (int i = 0; pre->source && i < XF_COMPLAINT_NSOURCES; i++)
        if (!strcmp(xf_complaint_source_at(i), pre->source))
            fields[F_SOURCE].choice = i;
    if (pre->post_id && pre->post_code) {
        remember(r, true, pre->post_id, pre->post_code);
        fields[F_POST].picked = pre->post_id;
        xf_form_set_text(&fields[F_POST], pre->post_label ? pre->post_label : pre->post_code);
    } else if (pre->unit_id && pre->unit_code) {
        remember(r, false, pre->unit_id, pre->unit_code);
        fields[F_UNIT].picked = pre->unit_id;
        xf_form_set_text(&fields[F_UNIT], pre->unit_label ? pre->unit_label : pre->unit_code);
    }
    if (pre->text)
        xf_form_set_text(&fields[F_TEXT], pre->text);
}

int xfc_new(struct xf_ui *ui, int64_t *new_id)
{
    return xfc_new_from(ui, NULL, new_id);
}

static int run_form(struct xf_ui *ui, struct recv *r, const struct xfc_prefill *pre,
                    const struct xf_complaint *fix, const char *title);

int xfc_new_from(struct xf_ui *ui, const struct xfc_prefill *pre, int64_t *new_id)
{
    struct recv r = {.ctx = xf_ui_ctx(ui), .inspection_id = pre ? pre->inspection_id : 0};
    *new_id = 0;
    int res = run_form(ui, &r, pre, NULL, _("Receive a complaint"));
    *new_id = r.new_id;
    return res;
}

/* The complaint's own post and unit, by code and label, for the form. */
static void fix_place(struct recv *r, const struct xf_complaint *c, struct xfc_prefill *pre)
{
    struct xf_error err = {0};
    struct xf_post post = {0};
    struct xf_unit unit = {0};
    char *label = NULL;
    if (c->post_id && xf_post_get(r->ctx, c->post_id, &post, &err) == XF_OK) {
        remember(r, true, c->post_id, post.code);
        pre->post_id = c->post_id;
        pre->post_code = code_for(r->posts, r->n_posts, c->post_id);
        if (asprintf(&label, "%s  %s", post.code, post.title) >= 0)
            pre->post_label = label;
    } else if (c->unit_id && xf_unit_get(r->ctx, c->unit_id, &unit, &err) == XF_OK) {
        remember(r, false, c->unit_id, unit.code);
        pre->unit_id = c->unit_id;
        pre->unit_code = code_for(r->units, r->n_units, c->unit_id);
        if (xf_complaint_unit_pick_label(r->ctx, c->unit_id, &label, &err) == XF_OK)
            pre->unit_label = label;
    }
    xf_post_clear(&post);
    xf_unit_clear(&unit);
}

/* The form's values for complaint c: what the intake took down. */
static void fix_values(struct recv *r, struct xf_form_field *fields, const struct xf_complaint *c)
{
    struct xfc_prefill pre = {.source = c->source, .text = c->text};
    fix_place(r, c, &pre);
    prefill(r, fields, &pre);
    free((char *)(pre.post_label ? pre.post_label : pre.unit_label));
    fields[F_KIND].choice = c->kind && !strcmp(c->kind, "suggestion");
    xf_form_set_text(&fields[F_NAME], c->complainant_name ? c->complainant_name : "");
    xf_form_set_text(&fields[F_PHONE], c->complainant_phone ? c->complainant_phone : "");
    xf_complaint_received_shown(c->received_at, r->received);
    xf_form_set_text(&fields[F_RECEIVED], r->received);
}

/* After an edit conflict: the correction goes on with the complaint as it
 * is now, the fields the user left taking the other user's values, as
 * long as it may still be corrected (received or classified). */
static int reload_fix(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct recv *r = arg;
    struct xf_complaint now = {0};
    int rc = xf_complaint_get(r->ctx, r->fix_id, &now, err);
    enum xf_complaint_state s = rc ? XF_CS_RECEIVED : xf_complaint_state_of(&now);
    if (!rc && s != XF_CS_RECEIVED && s != XF_CS_CLASSIFIED)
        rc = xf_err(err, XF_ESTATE, "", _("it is %s now, and its intake can no longer be "
                                          "corrected; Esc closes the form"),
                    xf_complaint_state_label(s));
    if (!rc) {
        struct xf_form_field fresh[F_N];
        memset(fresh, 0, sizeof fresh);
        fix_values(r, fresh, &now);
        xf_form_merge(f, r->base, fresh);
        xf_form_fields_free(r->base, F_N);
        memcpy(r->base, fresh, sizeof fresh);
        r->fix_version = now.version;
    }
    xf_complaint_clear(&now);
    return rc;
}

int xfc_correct(struct xf_ui *ui, const struct xf_complaint *c)
{
    struct recv r = {.ctx = xf_ui_ctx(ui), .fix_id = c->id, .fix_version = c->version};
    char title[128];
    snprintf(title, sizeof title, _("Correct the intake of %s"), c->code);
    return run_form(ui, &r, NULL, c, title);
}

static int run_form(struct xf_ui *ui, struct recv *r, const struct xfc_prefill *pre,
                    const struct xf_complaint *fix, const char *title)
{
    const char *sources[XF_COMPLAINT_NSOURCES + 1];
    for (int i = 0; i < XF_COMPLAINT_NSOURCES; i++)
        sources[i] = xf_complaint_source_label(xf_complaint_source_at(i));
    sources[XF_COMPLAINT_NSOURCES] = NULL;
    const char *kinds[] = {xf_complaint_kind_label("complaint"),
                           xf_complaint_kind_label("suggestion"), NULL};
    struct xf_form_field fields[F_N] = {
        [F_SOURCE] = {.name = "source", .label = _("Source"), .kind = XF_FIELD_CHOICE,
                      .choices = sources},
        [F_KIND] = {.name = "kind", .label = _("Kind"), .kind = XF_FIELD_CHOICE,
                    .choices = kinds},
        [F_POST] = {.name = "post_code", .label = _("Post"), .kind = XF_FIELD_PICK,
                    .pick = pick_post, .pick_ends = true, .moots_next = 1},
        [F_UNIT] = {.name = "unit_code", .label = _("Unit (without a post)"),
                    .kind = XF_FIELD_PICK, .pick = pick_unit, .check = check_target},
        [F_TEXT] = {.name = "text", .label = _("Complaint text"), .kind = XF_FIELD_MULTILINE,
                    .required = true, .max_chars = XF_COMPLAINT_TEXT_MAX},
        [F_NAME] = {.name = "complainant_name", .label = _("Complainant"),
                    .kind = XF_FIELD_TEXT, .max_chars = 100},
        [F_PHONE] = {.name = "complainant_phone", .label = _("Phone"), .kind = XF_FIELD_TEXT,
                     .max_chars = XF_COMPLAINT_PHONE_MAX, .check = check_phone,
                     .halfwidth = true},
        [F_RECEIVED] = {.name = "received_at", .label = _("Received at"),
                        .kind = XF_FIELD_DATETIME, .required = true, .max_chars = 19,
                        .check = check_received},
    };
    if (!fix) {
        char now[XF_COMPLAINT_WHEN_LEN];
        xf_date_now(now);
        xf_complaint_received_shown(now, r->received);
        xf_form_set_text(&fields[F_RECEIVED], r->received);
    }
    struct xf_form_field base[F_N];
    memset(base, 0, sizeof base);
    if (pre)
        prefill(r, fields, pre);
    if (fix) {
        fix_values(r, fields, fix);
        fix_values(r, base, fix);
        r->base = base;
    }
    struct xf_form f = {.title = title, .fields = fields, .n = F_N, .arg = r, .submit = submit,
                        .focus = pre && !fix ? F_TEXT : F_SOURCE,
                        .reload = fix ? reload_fix : NULL, .base = fix ? base : NULL};
    int ok = xf_form_run(ui, &f);
    xf_form_free(&f);
    xf_form_fields_free(base, F_N);
    recv_free(r);
    if (!ok)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
}
