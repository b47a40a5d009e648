/* The Posts pane's write actions (new, edit, publish, name, revoke) and its
 * filter and search prompts. Every write goes through a form or a confirm
 * and one domain call; the domain's error lands beside its field. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posts_priv.h"
#include "xf/award.h"
#include "xf/conflict.h"
#include "xf/project.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/search.h"
#include "xf/text.h"
#include "xf/ui_form.h"
#include "xf/unit.h"

enum { SEARCH_MAX_IDS = 2000 };

/* ---- the post form ------------------------------------------------------------ */

enum pf {
    PF_UNIT, PF_CODE, PF_TITLE, PF_MEMBER, PF_HOLDER, PF_POSITION, PF_SCOPE, PF_HOTLINE,
    PF_STANDARD, PF_TIME_LIMIT, PF_QUALITY, PF_ATTITUDE, PF_PROJECT, PF_N
};

struct pform {
    struct posts *ps;
    struct xf_form *form;
    struct xf_post cur; /* the post being edited (id, version, links) */
    bool create;
    /* Edit: the form's values as the post was when last read, to tell
     * the user's changes from another user's after a conflict. */
    struct xf_form_field base[PF_N - PF_TITLE];
    int64_t shown_member; /* the holder member whose name the form shows */
};

struct pick_sink {
    struct xf_pick_item *out;
    int n, limit;
};

static void add_choice(void *arg, const struct xf_choice *c)
{
    struct pick_sink *k = arg;
    if (k->n >= k->limit)
        return;
    char *label = NULL;
    if (asprintf(&label, "%s %s%s%s%s", c->code, c->name, *c->extra ? " (" : "", c->extra,
                 *c->extra ? ")" : "") < 0)
        return;
    k->out[k->n++] = (struct xf_pick_item){.label = label, .id = c->id};
}

static int pick(void *arg, int field, const char *query, int limit, struct xf_pick_item *out,
                int *n_out, struct xf_error *err)
{
    struct pform *pf = arg;
    const struct xf_ctx *ctx = xf_ui_ctx(pf->ps->pane->ui);
    struct pick_sink k = {out, 0, limit};
    int rc = XF_OK;
    const struct xf_form_field *fd = &pf->form->fields[field];
    if (!strcmp(fd->name, "unit")) /* named as every form names units */
        return xf_form_pick_units(ctx, query, limit, out, n_out, err);
    if (!strcmp(fd->name, "project"))
        rc = xf_post_project_choices(ctx, query, limit, add_choice, &k, err);
    else {
        int64_t unit = pf->create ? pf->form->fields[PF_UNIT].picked : pf->cur.unit_id;
        if (!unit)
            return xf_err(err, XF_EINVAL, "holder_member", _("choose the unit first"));
        rc = xf_post_member_choices(ctx, unit, pf->create ? 0 : pf->cur.id, query, limit,
                                    add_choice, &k, err);
    }
    *n_out = k.n;
    return rc;
}

static char *dup_text(const struct xf_form_field *f)
{
    return strdup(xf_form_text(f));
}

/* The form's values into p (strings owned by p). */
static void read_values(const struct xf_form *f, struct xf_post *p, int first)
{
    char **dst[] = {&p->title,           &p->holder_name,    &p->position,
                    &p->scope,           &p->hotline,        &p->commit_standard,
                    &p->commit_time_limit, &p->commit_quality, &p->commit_attitude};
    int src[] = {PF_TITLE,    PF_HOLDER,  PF_POSITION, PF_SCOPE,   PF_HOTLINE,
                 PF_STANDARD, PF_TIME_LIMIT, PF_QUALITY, PF_ATTITUDE};
    for (size_t i = 0; i < sizeof src / sizeof src[0]; i++) {
        free(*dst[i]);
        *dst[i] = dup_text(&f->fields[src[i] - first]);
    }
    p->holder_member_id = f->fields[PF_MEMBER - first].picked;
    p->project_id = f->fields[PF_PROJECT - first].picked;
}

static int submit_post(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct pform *pf = arg;
    const struct xf_ctx *ctx = xf_ui_ctx(pf->ps->pane->ui);
    if (!pf->create) {
        read_values(f, &pf->cur, PF_TITLE);
        return xf_post_edit(ctx, &pf->cur, err);
    }
    struct xf_post p = {0};
    read_values(f, &p, 0);
    p.unit_id = f->fields[PF_UNIT].picked;
    p.code = dup_text(&f->fields[PF_CODE]);
    int rc = xf_post_create(ctx, &p, err);
    if (!rc) {
        pf->cur.id = p.id;
        free(pf->cur.code);
        pf->cur.code = strdup(p.code);
    }
    xf_post_clear(&p);
    return rc;
}

static void post_fields(struct xf_form_field *fd, struct pform *pf)
{
    const struct {
        const char *name, *label;
        enum xf_field_kind kind;
        bool required;
        int max;
    } defs[PF_N] = {
        [PF_UNIT] = {"unit", _("Unit"), XF_FIELD_PICK, true, 0},
        [PF_CODE] = {"code", _("Code"), XF_FIELD_TEXT, true, 32},
        [PF_TITLE] = {"title", _("Title"), XF_FIELD_TEXT, true, 200},
        [PF_MEMBER] = {"holder_member", _("Holder (member)"), XF_FIELD_PICK, false, 0},
        [PF_HOLDER] = {"holder_name", _("Holder's name"), XF_FIELD_TEXT, false, 100},
        [PF_POSITION] = {"position", _("Position"), XF_FIELD_TEXT, false, 100},
        [PF_SCOPE] = {"scope", _("Service scope"), XF_FIELD_TEXT, false, 2000},
        [PF_HOTLINE] = {"hotline", _("Complaint hotline"), XF_FIELD_TEXT, false, 50},
        [PF_STANDARD] = {"commit_standard", _("Work standard"), XF_FIELD_TEXT, false, 2000},
        [PF_TIME_LIMIT] = {"commit_time_limit", _("Time limit"), XF_FIELD_TEXT, false, 2000},
        [PF_QUALITY] = {"commit_quality", _("Service quality"), XF_FIELD_TEXT, false, 2000},
        [PF_ATTITUDE] = {"commit_attitude", _("Service attitude"), XF_FIELD_TEXT, false, 2000},
        [PF_PROJECT] = {"project", _("Project"), XF_FIELD_PICK, false, 0},
    };
    int first = pf->create ? 0 : PF_TITLE;
    for (int i = first; i < PF_N; i++) {
        struct xf_form_field *x = &fd[i - first];
        x->name = defs[i].name;
        x->label = defs[i].label;
        x->kind = defs[i].kind;
        x->required = defs[i].required;
        x->max_chars = defs[i].max;
        x->pick = defs[i].kind == XF_FIELD_PICK ? pick : NULL;
    }
    fd[PF_HOTLINE - first].halfwidth = true; /* ０４５１-８４６６… typed in Chinese mode */
    /* (With no unit chosen yet, the finder itself says to choose it.) */
    fd[PF_MEMBER - first].no_match = _("No match among the active members of the post's unit.");
    fd[PF_MEMBER - first].fills_next = 2; /* the holder's name and position */
}

/* The holder member as the picker shows members: the member's own name,
 * which the notice's name may differ from. */
static void member_value(const struct xf_ctx *ctx, struct xf_form_field *fd, int64_t id,
                         const char *fallback)
{
    struct xf_member m = {0};
    struct xf_error err = {0};
    char *label = NULL;
    fd->picked = id;
    if (xf_member_get(ctx, id, &m, &err) == XF_OK &&
        asprintf(&label, "%s %s", m.code, m.name) >= 0) {
        xf_form_set_text(fd, label);
        free(label);
    } else {
        xf_form_set_text(fd, fallback);
    }
    xf_member_clear(&m);
}

/* Another member picked as holder: the notice's name and position
 * fields take theirs at once (the user may still change them), rather
 * than showing the old holder's until the save. */
static void holder_changed(void *arg, const struct xf_form *f)
{
    (void)f;
    struct pform *pf = arg;
    int first = pf->create ? 0 : PF_TITLE;
    struct xf_form_field *fd = pf->form->fields;
    int64_t id = fd[PF_MEMBER - first].picked;
    if (id == pf->shown_member)
        return;
    pf->shown_member = id;
    struct xf_member m = {0};
    struct xf_error err = {0};
    if (id && xf_member_get(xf_ui_ctx(pf->ps->pane->ui), id, &m, &err) == XF_OK) {
        xf_form_set_text(&fd[PF_HOLDER - first], m.name);
        if (m.position && *m.position)
            xf_form_set_text(&fd[PF_POSITION - first], m.position);
    }
    xf_member_clear(&m);
}

/* Fills the edit form from the current post. */
static void post_values(const struct xf_ctx *ctx, struct xf_form_field *fd,
                        const struct xf_post *p)
{
    xf_form_set_text(&fd[PF_TITLE - PF_TITLE], p->title);
    if (p->holder_member_id)
        member_value(ctx, &fd[PF_MEMBER - PF_TITLE], p->holder_member_id, p->holder_name);
    xf_form_set_text(&fd[PF_HOLDER - PF_TITLE], p->holder_name);
    xf_form_set_text(&fd[PF_POSITION - PF_TITLE], p->position);
    xf_form_set_text(&fd[PF_SCOPE - PF_TITLE], p->scope);
    xf_form_set_text(&fd[PF_HOTLINE - PF_TITLE], p->hotline);
    xf_form_set_text(&fd[PF_STANDARD - PF_TITLE], p->commit_standard);
    xf_form_set_text(&fd[PF_TIME_LIMIT - PF_TITLE], p->commit_time_limit);
    xf_form_set_text(&fd[PF_QUALITY - PF_TITLE], p->commit_quality);
    xf_form_set_text(&fd[PF_ATTITUDE - PF_TITLE], p->commit_attitude);
    if (p->project_id) {
        fd[PF_PROJECT - PF_TITLE].picked = p->project_id;
        xf_form_set_text(&fd[PF_PROJECT - PF_TITLE], _("(linked project)"));
    }
}

/* The linked project by its code and name, as the card shows it. */
static void project_value(struct pform *pf, struct xf_form_field *fd, int64_t project_id)
{
    char *label = NULL;
    struct xf_error err = {0};
    if (project_id &&
        xf_project_label(xf_ui_ctx(pf->ps->pane->ui), project_id, &label, &err) == XF_OK)
        xf_form_set_text(&fd[PF_PROJECT - PF_TITLE], label);
    free(label);
}

/* After an edit conflict, whether post now can still be worked on. */
static int still_open(const struct xf_post *now, struct xf_error *err)
{
    if (xf_post_status_parse(now->status) != XF_POST_REVOKED)
        return XF_OK;
    return xf_err(err, XF_ESTATE, "", _("post %s has been revoked meanwhile; Esc closes the form."),
                  now->code);
}

/* After an edit conflict: fields the user has not touched show the
 * post as it is now, theirs stay, and the next save is made against the
 * new version. */
static int reload_post(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct pform *pf = arg;
    struct xf_post now = {0};
    int rc = xf_post_get(xf_ui_ctx(pf->ps->pane->ui), pf->cur.id, &now, err);
    if (rc == XF_OK && (rc = still_open(&now, err)) == XF_OK) {
        struct xf_form_field fresh[PF_N - PF_TITLE] = {0};
        post_values(xf_ui_ctx(pf->ps->pane->ui), fresh, &now);
        project_value(pf, fresh, now.project_id);
        xf_form_merge(f, pf->base, fresh);
        xf_form_fields_free(pf->base, PF_N - PF_TITLE);
        memcpy(pf->base, fresh, sizeof fresh);
        pf->cur.version = now.version;
    }
    xf_post_clear(&now);
    return rc;
}

static int done(struct posts *ps, int saved)
{
    if (!saved)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    ps->pane->dirty = ps->pane->full = true;
    return XF_UI_HANDLED | XF_UI_CHANGED | XF_UI_REDRAW_ALL;
}

int posts_new(struct posts *ps)
{
    struct xf_form_field fd[PF_N] = {0};
    struct xf_form form = {.title = _("New post"), .fields = fd, .n = PF_N, .submit = submit_post,
                           .changed = holder_changed};
    struct pform pf = {.ps = ps, .form = &form, .create = true};
    form.arg = &pf;
    post_fields(fd, &pf);
    char *code = NULL;
    struct xf_error err = {0};
    if (xf_post_suggest_code(xf_ui_ctx(ps->pane->ui), &code, &err) == XF_OK)
        xf_form_set_text(&fd[PF_CODE], code);
    free(code);
    int saved = xf_form_run(ps->pane->ui, &form);
    char k[32];
    if (saved) {
        /* The new post selected, so that the P the message names acts on
         * it, and the other panes narrowed to it, as a move to it does.
         * A filter or a link that leaves it out is said, not a P that
         * would act on the row the cursor fell back to. */
        if (pf.cur.id && xf_list_select_id(&ps->list, pf.cur.id, &err) != XF_OK)
            xf_ui_error(ps->pane->ui, &err);
        if (pf.cur.id && posts_selected(ps) == pf.cur.id) {
            posts_link_selection(ps);
            xf_ui_message(ps->pane->ui, false, _("Post %s set up (proposed); %s publishes it."),
                          pf.cur.code ? pf.cur.code : "",
                          xf_keys_hint_name(XF_A_POST_PUBLISH, 'P', k, sizeof k));
        } else
            xf_ui_message(ps->pane->ui, false,
                          _("Post %s set up (proposed); the list's filter or link hides it."),
                          pf.cur.code ? pf.cur.code : "");
    }
    xf_form_free(&form);
    xf_post_clear(&pf.cur);
    return done(ps, saved);
}

/* Loads post id for an action; false (message shown) when it cannot. */
static bool load(struct posts *ps, int64_t id, struct xf_post *p)
{
    struct xf_error err = {0};
    if (xf_post_get(xf_ui_ctx(ps->pane->ui), id, p, &err) == XF_OK)
        return true;
    xf_ui_error(ps->pane->ui, &err);
    return false;
}

/* Loads post id for a step, unless its state refuses the step: then
 * says why at once instead of asking first and refusing after. */
static bool load_for(struct posts *ps, int64_t id, struct xf_post *p,
                     int (*check)(const struct xf_post *, struct xf_error *))
{
    if (!load(ps, id, p))
        return false;
    struct xf_error err = {0};
    if (check(p, &err) == XF_OK)
        return true;
    xf_ui_error(ps->pane->ui, &err);
    xf_post_clear(p);
    return false;
}

/* The selected row's line, for a form on it to open beside it (the
 * card has no row: 0, centred). */
static int row_beside(const struct posts *ps)
{
    return ps->card ? 0 : xf_list_sel_line(&ps->list) + 1;
}

/* The same, followed after a resize (the form kept the old line while
 * menus and questions moved with their row). */
static void place_beside(struct posts *ps, struct xf_form *form)
{
    form->beside = row_beside(ps);
    form->beside_list = ps->card ? NULL : &ps->list;
}

int posts_edit(struct posts *ps, int64_t id)
{
    struct xf_form_field fd[PF_N - PF_TITLE] = {0};
    struct pform pf = {.ps = ps};
    if (!load_for(ps, id, &pf.cur, xf_post_edit_check))
        return XF_UI_HANDLED | XF_UI_REDRAW;
    char *title = NULL;
    if (asprintf(&title, _("Edit the notice of post %s"), pf.cur.code) < 0)
        title = NULL;
    struct xf_form form = {.title = title ? title : _("Edit post"), .fields = fd,
                           .n = PF_N - PF_TITLE, .submit = submit_post, .arg = &pf,
                           .reload = reload_post, .changed = holder_changed, .base = pf.base};
    place_beside(ps, &form);
    pf.form = &form;
    post_fields(fd, &pf);
    pf.shown_member = pf.cur.holder_member_id;
    post_values(xf_ui_ctx(ps->pane->ui), fd, &pf.cur);
    post_values(xf_ui_ctx(ps->pane->ui), pf.base, &pf.cur);
    project_value(&pf, fd, pf.cur.project_id);
    project_value(&pf, pf.base, pf.cur.project_id);
    int saved = xf_form_run(ps->pane->ui, &form);
    if (saved)
        xf_ui_message(ps->pane->ui, false, _("Post %s saved."), pf.cur.code);
    xf_form_free(&form);
    xf_form_fields_free(pf.base, PF_N - PF_TITLE);
    xf_post_clear(&pf.cur);
    free(title);
    return done(ps, saved);
}

/* ---- name ------------------------------------------------------------------------ */

struct actform {
    struct posts *ps;
    struct xf_post *p;
    const char **levels; /* naming: the committees offered, then NULL for "other" */
    /* The form's title naming the post by code and title (owned through
     * title), and which it is, for a reload to name the post as it is now:
     * a colleague's new title stayed unseen above the reloaded form. */
    char **title;
    enum act_title { AT_NONE, AT_NAME, AT_PUBLISH } title_of;
};

/* NULL when out of memory. */
static char *act_title(enum act_title t, const struct xf_post *p)
{
    char *s = NULL;
    int n = t == AT_NAME ? asprintf(&s, _("Name post %s %s"), p->code, p->title)
                         : asprintf(&s, _("Publish the notice of post %s %s"), p->code, p->title);
    return n < 0 ? NULL : s;
}

/* The committees a post may be named by: those of the configuration,
 * then the Party organisation of the post's department (a district's
 * 区委 by its own name), then "other (type it)". NULL-terminated choice
 * labels; levels[i] is the committee of choice i, NULL for "other".
 * *dept is the caller's to free. */
static const char **committee_choices(const struct xf_ctx *ctx, const struct xf_post *p,
                                      const char ***levels, char **dept)
{
    const struct xf_config *cfg = ctx->cfg;
    size_t n = cfg->n_naming_committees;
    const char **choices = calloc(n + 3, sizeof *choices);
    *levels = calloc(n + 3, sizeof **levels);
    *dept = NULL;
    if (!choices || !*levels) {
        free(choices);
        free(*levels);
        *levels = NULL;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        choices[i] = (*levels)[i] = cfg->naming_committees[i];
    struct xf_unit u = {0};
    struct xf_error err = {0};
    int64_t id = p->unit_id;
    while (id && xf_unit_get(ctx, id, &u, &err) == XF_OK && u.parent_id) {
        id = u.parent_id;
        xf_unit_clear(&u);
    }
    bool known = false;
    for (size_t i = 0; u.party_org && i < n; i++)
        known |= strcmp(u.party_org, cfg->naming_committees[i]) == 0;
    if (u.party_org && *u.party_org && !known && (*dept = strdup(u.party_org)) != NULL)
        choices[n] = (*levels)[n] = *dept, n++;
    xf_unit_clear(&u);
    choices[n] = _("other (type it)");
    return choices;
}

/* After an edit conflict: the action goes on with the post's new
 * version, unless the post has been revoked meanwhile (the domain checks
 * the rest at the next submit). */
static int reload_version(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct actform *a = arg;
    struct xf_post now = {0};
    int rc = xf_post_get(xf_ui_ctx(a->ps->pane->ui), a->p->id, &now, err);
    if (rc == XF_OK && (rc = still_open(&now, err)) == XF_OK) {
        a->p->version = now.version;
        char *t = a->title_of != AT_NONE ? act_title(a->title_of, &now) : NULL;
        if (t) {
            free(*a->title);
            f->title = *a->title = t;
        }
    }
    xf_post_clear(&now);
    return rc;
}

static int submit_name(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct actform *a = arg;
    int c = f->fields[0].choice;
    const char *const *levels = a->levels;
    const char *other = xf_form_text(&f->fields[1]);
    const char *level = levels[c] ? levels[c] : other;
    if (!levels[c] && !*level)
        return xf_err(err, XF_EINVAL, "named_level_other", _("name the Party committee"));
    /* A name typed beside a committee chosen above would go on the sign
     * as the one chosen: the user says which they mean. */
    if (levels[c] && *other)
        return xf_err(err, XF_EINVAL, "named_level_other",
                      _("Named by says %s: choose “other (type it)” there to use "
                        "this name, or clear it"),
                      levels[c]);
    return xf_post_name(xf_ui_ctx(a->ps->pane->ui), a->p->id, a->p->version, level,
                        xf_form_text(&f->fields[2]), err);
}

int posts_name(struct posts *ps, int64_t id)
{
    struct xf_post p = {0};
    if (!load(ps, id, &p))
        return XF_UI_HANDLED;
    struct xf_error err = {0};
    if (xf_post_name_check(xf_ui_ctx(ps->pane->ui), &p, &err) != XF_OK) {
        xf_ui_error(ps->pane->ui, &err);
        xf_post_clear(&p);
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    char *title = NULL;
    struct actform a = {ps, &p, NULL, &title, AT_NAME};
    char *dept = NULL;
    const char **choices = committee_choices(xf_ui_ctx(ps->pane->ui), &p, &a.levels, &dept);
    if (!choices) {
        xf_ui_message(ps->pane->ui, true, "%s", _("Out of memory."));
        xf_post_clear(&p);
        return XF_UI_HANDLED;
    }
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_form_field fd[3] = {
        {.name = "named_level", .label = _("Named by"), .kind = XF_FIELD_CHOICE,
         .choices = choices},
        {.name = "named_level_other", .label = _("Other committee"), .kind = XF_FIELD_TEXT,
         .max_chars = 100},
        {.name = "named_on", .label = _("Named on"), .kind = XF_FIELD_DATE, .required = true},
    };
    xf_form_set_text(&fd[2], today);
    title = act_title(AT_NAME, &p);
    struct xf_form form = {.title = title ? title : _("Name post"), .fields = fd, .n = 3,
                           .arg = &a, .submit = submit_name,
                           .reload = reload_version};
    place_beside(ps, &form);
    int saved = xf_form_run(ps->pane->ui, &form);
    if (saved)
        xf_ui_message(ps->pane->ui, false, _("Post %s named."), p.code);
    xf_form_free(&form);
    free(choices);
    free(a.levels);
    free(dept);
    free(title);
    xf_post_clear(&p);
    return done(ps, saved);
}

/* ---- publish ------------------------------------------------------------------- */

static int submit_publish(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct actform *a = arg;
    return xf_post_publish(xf_ui_ctx(a->ps->pane->ui), a->p->id, a->p->version,
                           xf_form_text(&f->fields[0]), err);
}

/* The day the notice went up, today unless said otherwise: a sign hung
 * last week is recorded as of last week. */
int posts_publish(struct posts *ps, int64_t id)
{
    struct xf_post p = {0};
    if (!load_for(ps, id, &p, xf_post_publish_check))
        return XF_UI_HANDLED | XF_UI_REDRAW;
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_form_field fd[1] = {
        {.name = "published_on", .label = _("Published on"), .kind = XF_FIELD_DATE,
         .required = true},
    };
    xf_form_set_text(&fd[0], today);
    char *title = act_title(AT_PUBLISH, &p);
    struct actform a = {ps, &p, NULL, &title, AT_PUBLISH};
    struct xf_form form = {.title = title ? title : _("Publish the notice"), .fields = fd,
                           .n = 1, .arg = &a, .submit = submit_publish, .reload = reload_version};
    place_beside(ps, &form);
    int saved = xf_form_run(ps->pane->ui, &form);
    if (saved)
        xf_ui_message(ps->pane->ui, false, _("Post %s published."), p.code);
    xf_form_free(&form);
    free(title);
    xf_post_clear(&p);
    return done(ps, saved);
}

/* ---- revoke ------------------------------------------------------------------------ */

/* The holder's exemplar awards fall with their only post that stands:
 * said after the question's first sentences. Non-zero when out of memory. */
static int add_exemplar_loss(const struct actform *a, const char *on, char **q)
{
    int awards = 0;
    char *years = NULL, *grown = NULL;
    struct xf_error ignored = {0};
    xf_award_standing_exemplar(xf_ui_ctx(a->ps->pane->ui), a->p->id, on, &awards, &years, &ignored);
    if (awards <= 0 || !years) {
        free(years);
        return 0;
    }
    const char *holder = a->p->holder_name && *a->p->holder_name ? a->p->holder_name : "?";
    char *more = NULL;
    int n = asprintf(&more,
                     ngettext("Its holder %s, who holds no other post, loses the "
                              "service-exemplar award of %s.",
                              "Its holder %s, who holds no other post, loses the "
                              "service-exemplar awards of %s.",
                              (unsigned long)awards),
                     holder, years);
    free(years);
    if (n < 0)
        return 1;
    grown = xf_text_sentences(*q, more);
    free(more);
    if (!grown)
        return 1;
    free(*q);
    *q = grown;
    return 0;
}

static int submit_revoke(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct actform *a = arg;
    char *q = NULL, what[96];
    snprintf(what, sizeof what, _("post %s"), a->p->code);
    int rc = xf_conflict_check(xf_ui_ctx(a->ps->pane->ui), "post", a->p->id, a->p->version, what,
                               err);
    /* A day the revocation cannot have is said before the question. */
    if (rc || (rc = xf_post_revoke_date_check(xf_ui_ctx(a->ps->pane->ui), a->p,
                                                      xf_form_text(&f->fields[1]), err)))
        return rc;
    /* The awards it loses (this year's, and last year's, decided in
     * January) are said before, not found later in the published list. */
    int awards = 0;
    char *years = NULL;
    struct xf_error ignored = {0};
    xf_award_standing(xf_ui_ctx(a->ps->pane->ui), a->p->id, xf_form_text(&f->fields[1]), &awards,
                      &years, &ignored);
    int n =
        awards > 0 && years
            ? asprintf(&q,
                       ngettext("Revoke post %s for good? It cannot be published again, and "
                                "its satisfaction-window award of %s is declined: the next "
                                "in the ranking takes its place.",
                                "Revoke post %s for good? It cannot be published again, and "
                                "its satisfaction-window awards of %s are declined: the "
                                "next in each year's ranking takes its place.",
                                (unsigned long)awards),
                       a->p->code, years)
            : asprintf(&q, _("Revoke post %s for good? It cannot be published again."), a->p->code);
    free(years);
    if (n < 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if ((rc = add_exemplar_loss(a, xf_form_text(&f->fields[1]), &q))) {
        free(q);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    bool yes = xf_form_confirm(a->ps->pane->ui, q);
    free(q);
    if (!yes)
        return xf_err(err, XF_EINVAL, "", _("Not revoked. Press F2 again and answer y to revoke."));
    return xf_post_revoke(xf_ui_ctx(a->ps->pane->ui), a->p->id, a->p->version,
                          xf_form_text(&f->fields[0]), xf_form_text(&f->fields[1]), err);
}

struct failed_sink {
    char *quarters;
    int64_t failures;
};

static void take_failed(void *arg, const struct xf_post_item *it)
{
    struct failed_sink *k = arg;
    free(k->quarters);
    k->quarters = strdup(it->failed_quarters);
    k->failures = it->failures;
}

int posts_revoke(struct posts *ps, int64_t id)
{
    struct xf_post p = {0};
    if (!load_for(ps, id, &p, xf_post_revoke_check))
        return XF_UI_HANDLED | XF_UI_REDRAW;
    struct failed_sink k = {0};
    struct xf_error err = {0};
    struct xf_post_filter f = {0};
    xf_post_item(xf_ui_ctx(ps->pane->ui), &f, id, take_failed, &k, &err);
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_form_field fd[2] = {
        {.name = "revoke_reason", .label = _("Reason"), .kind = XF_FIELD_TEXT, .required = true,
         .max_chars = 2000},
        {.name = "revoked_on", .label = _("Revoked on"), .kind = XF_FIELD_DATE, .required = true},
    };
    xf_form_set_text(&fd[1], today);
    char *title = NULL, *quarters = posts_quarter_list(k.quarters ? k.quarters : "");
    int n;
    if (k.failures > 0)
        n = asprintf(&title, _("Revoke post %s (failed %s)"), p.code, quarters ? quarters : "");
    else
        n = asprintf(&title, _("Revoke post %s (no failed evaluation)"), p.code);
    if (n < 0)
        title = NULL;
    if (k.failures > 0) { /* in the office's language whatever the interface's: data */
        char *reason = xf_post_revoke_reason_default(k.quarters);
        if (reason)
            xf_form_set_text(&fd[0], reason);
        free(reason);
    }
    free(quarters);
    struct actform a = {ps, &p, NULL, NULL, AT_NONE};
    struct xf_form form = {.title = title ? title : _("Revoke post"), .fields = fd, .n = 2,
                           .arg = &a, .submit = submit_revoke,
                           .reload = reload_version};
    place_beside(ps, &form);
    int saved = xf_form_run(ps->pane->ui, &form);
    if (saved)
        xf_ui_message(ps->pane->ui, false, _("Post %s revoked."), p.code);
    xf_form_free(&form);
    free(title);
    free(k.quarters);
    xf_post_clear(&p);
    return done(ps, saved);
}

/* ---- filter and search ------------------------------------------------------------ */

int posts_filter(struct posts *ps)
{
    const char *statuses[] = {_("every status"),
                              xf_post_status_label(XF_POST_PROPOSED),
                              xf_post_status_label(XF_POST_PUBLISHED),
                              xf_post_status_label(XF_POST_NAMED),
                              xf_post_status_label(XF_POST_REVOKED),
                              NULL};
    struct xf_form_field fd[2] = {
        {.name = "status", .label = _("Status"), .kind = XF_FIELD_CHOICE, .choices = statuses,
         .choice = ps->status_choice},
        {.name = "candidates", .label = _("Revocation candidates only"),
         .kind = XF_FIELD_YESNO, .choice = ps->f.candidates},
    };
    struct xf_form form = {.title = _("Filter posts"), .fields = fd, .n = 2,
                           .applies = true};
    int ok = xf_form_run(ps->pane->ui, &form);
    if (ok) {
        ps->status_choice = fd[0].choice;
        ps->f.status_mask = fd[0].choice ? 1u << (fd[0].choice - 1) : 0;
        ps->f.candidates = fd[1].choice;
        posts_refilter(ps);
    }
    xf_form_free(&form);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* The ids as a JSON array "[1,2,3]"; NULL when out of memory. */
static char *ids_json(const int64_t *ids, size_t n)
{
    size_t size = n * 21 + 3, len = 0;
    char *s = malloc(size);
    if (!s)
        return NULL;
    s[len++] = '[';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, size - len, "%s%" PRId64, i ? "," : "", ids[i]);
    s[len++] = ']';
    s[len] = '\0';
    return s;
}

void posts_clear_search(struct posts *ps)
{
    free(ps->query);
    free(ps->ids_json);
    ps->query = ps->ids_json = NULL;
    ps->f.ids_json = ps->f.query = ps->f.like = NULL;
}

/* Several words ("法律援助 司法"): each somewhere in the code, title, holder
 * or unit line, as the post pickers take them; the full-text index finds
 * posts holding them all in the post's own text, and a unit's name is not
 * there (it found nothing). */
static bool several_words(const char *q)
{
    const char *end = q + strlen(q);
    while (end > q && end[-1] == ' ')
        end--;
    q += strspn(q, " ");
    for (const char *p = q; p < end; p++)
        if (*p == ' ' || *p == '\t' || !strncmp(p, "\u3000", 3))
            return true;
    return false;
}

static int submit_search(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct posts *ps = arg;
    const char *q = xf_form_text(&f->fields[0]);
    if (!*q) {
        posts_clear_search(ps);
        return XF_OK;
    }
    if (several_words(q)) {
        char *query = strdup(q);
        if (!query)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        posts_clear_search(ps);
        ps->query = query;
        ps->f.like = query;
        ps->search_capped = false;
        return XF_OK;
    }
    int64_t *ids = malloc(SEARCH_MAX_IDS * sizeof *ids);
    size_t n = 0;
    if (!ids)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = xf_search(xf_ui_ctx(ps->pane->ui), XF_SEARCH_POST, q, 0, SEARCH_MAX_IDS, ids, &n,
                       err);
    if (!rc) {
        char *json = ids_json(ids, n);
        char *query = strdup(q);
        if (!json || !query) {
            free(json);
            free(query);
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
        } else {
            posts_clear_search(ps);
            ps->ids_json = json;
            ps->query = query;
            ps->f.ids_json = json;
            /* What the Unit column shows is searched too: "市交警支队"
             * finds the posts of its windows, whose titles do not name it. */
            ps->f.query = query;
            ps->search_capped = n == SEARCH_MAX_IDS;
        }
    }
    free(ids);
    return rc;
}

int posts_search(struct posts *ps)
{
    struct xf_form_field fd[1] = {
        {.name = "query", .label = _("Code, title, holder, unit"), .kind = XF_FIELD_TEXT,
         .max_chars = XF_SEARCH_QUERY_MAX},
    };
    if (ps->query)
        xf_form_set_text(&fd[0], ps->query);
    struct xf_form form = {.title = _("Search posts (empty: show all)"), .fields = fd, .n = 1,
                           .arg = ps, .submit = submit_search, .prompt = true};
    if (xf_form_run(ps->pane->ui, &form)) {
        if (ps->query)
            posts_refilter(ps);
        else /* emptied: what it found stays under the cursor, as after Esc */
            posts_widen(ps);
        if (ps->search_capped)
            xf_ui_message(ps->pane->ui, false,
                          _("Showing the first %d matches; type more to narrow the search."),
                          SEARCH_MAX_IDS);
    }
    xf_form_free(&form);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}
