/* A new inspection in a few keystrokes, in three steps:
 *   1. a form: the post (typed part of its code or title, picked from the
 *      matches), the checklist from the config, the date (today);
 *   2. the checklist: p / f / n tick the item under the cursor and move
 *      to the next one, a passes every item still open; the result so far
 *      (PASS / FAIL) shows as items are ticked;
 *   3. a form: samples (sample checks), findings, and the rectification
 *      deadline, a field that is there only while the result is FAIL.
 * Esc goes back one step. Submitting step 3 is one domain call
 * (xf_inspection_log), one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspections.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/post.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/unit.h"

enum { STEP_CANCEL, STEP_BACK, STEP_NEXT, STEP_DONE };

struct spot {
    struct xf_pane *p;
    const struct xf_ctx *ctx;
    /* step 1 */
    int64_t post_id, unit_id; /* a post, or a unit checked as a whole */
    char *post_label;         /* what was checked, as chosen */
    const struct xf_checklist *cl;
    char on_date[XF_DATE_LEN];
    /* step 2: "pass" / "fail" / "na" per item, NULL = not ticked */
    const char **outcomes;
    size_t cur;
    bool enter_early; /* Enter came with items left: say so until the next key */
    bool none_applied; /* Enter came with every item n.a. (a visit checks one) */
    /* step 3 */
    struct xf_form *form;
    int n_base;          /* fields shown while the result is PASS */
    char title[400];
    int64_t new_id;
    char rect_due[XF_DATE_LEN]; /* the rectification it opened, "" when none */
};

static const struct xf_checklist *checklist_at(const struct xf_config *cfg, int i)
{
    return i >= 0 && (size_t)i < cfg->n_checklists ? &cfg->checklists[i] : NULL;
}

/* ---- step 1: post or unit, checklist, date ------------------------------------- */

struct pick_ctx {
    struct xf_pick_item *out;
    int n, limit;
    const struct xf_ctx *ctx;
};

/* The unit by its parent too: many departments have a "第1号窗口". */
static void pick_one(void *arg, const struct xf_post_item *row)
{
    struct pick_ctx *pc = arg;
    if (pc->n >= pc->limit)
        return;
    char *label = xf_form_post_label(pc->ctx, row);
    if (!label)
        return;
    pc->out[pc->n].label = label;
    pc->out[pc->n].id = row->id;
    pc->n++;
}

/* A unit checked as a whole (the seed's sample checks at supermarkets):
 * offered after the posts, its id negated so the two never mix. */
static void pick_unit_one(void *arg, const struct xf_choice *c)
{
    struct pick_ctx *pc = arg;
    char *label = NULL;
    /* With its department: every department has a "第1号窗口". */
    int rc = c->extra && *c->extra
                 ? asprintf(&label, "%s %s (%s) \u00b7 %s", c->code, c->name, c->extra,
                            _("the whole unit"))
                 : asprintf(&label, "%s %s \u00b7 %s", c->code, c->name, _("the whole unit"));
    if (pc->n >= pc->limit || rc < 0) {
        if (rc >= 0)
            free(label);
        return;
    }
    pc->out[pc->n].label = label;
    pc->out[pc->n].id = -c->id;
    pc->n++;
}

/* Published and named posts whose code or title holds what was typed,
 * then units whose code or name does. */
static int pick_post(void *arg, int field, const char *query, int limit, struct xf_pick_item *out,
                     int *n_out, struct xf_error *err)
{
    struct spot *s = arg;
    (void)field;
    struct xf_post_filter f = {
        .sort = XF_POST_BY_CODE,
        .status_mask = (1u << XF_POST_PUBLISHED) | (1u << XF_POST_NAMED),
        .like = query && *query ? query : NULL,
    };
    struct pick_ctx pc = {out, 0, limit, s->ctx};
    int rc = xf_post_page(s->ctx, &f, NULL, 0, XF_POST_AFTER, limit, pick_one, &pc, err);
    if (rc == XF_OK && pc.n < limit && query && *query)
        rc = xf_post_unit_choices(s->ctx, query, limit - pc.n, pick_unit_one, &pc, err);
    *n_out = pc.n;
    return rc;
}

static int check_date(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg;
    char today[XF_DATE_LEN];
    xf_date_today(today);
    const char *d = xf_form_text(&f->fields[field]);
    if (strcmp(d, today) > 0)
        return xf_err(err, XF_EINVAL, "on_date", _("not after today (%s)"), today);
    return XF_OK;
}

/* The post the pane is narrowed to, as the starting choice. */
static void prefill_post(struct spot *s, struct xf_form_field *fd)
{
    struct xf_post post = {0};
    struct xf_error err = {0};
    if (s->p->link_post <= 0 || xf_post_get(s->ctx, s->p->link_post, &post, &err) != XF_OK)
        return;
    /* As the picker would label it: the place tells two windows apart. */
    char *label = NULL, *place = xf_unit_place_label(s->ctx, post.unit_id);
    if ((place ? asprintf(&label, "%s %s \u00b7 %s", post.code, post.title, place)
               : asprintf(&label, "%s %s", post.code, post.title)) >= 0) {
        fd->picked = post.id;
        xf_form_set_text(fd, label);
        free(label);
    }
    free(place);
    xf_post_clear(&post);
}

static int step_place(struct spot *s)
{
    const struct xf_config *cfg = s->ctx->cfg;
    size_t n = cfg->n_checklists;
    char **labels = calloc(n + 1, sizeof *labels);
    if (!labels)
        return STEP_CANCEL;
    for (size_t i = 0; i < n; i++) {
        const struct xf_checklist *cl = &cfg->checklists[i];
        int rc = strcmp(cl->name, cl->kind) == 0
                     ? asprintf(&labels[i], _("%s (%zu items)"),
                                xf_insp_checklist_label(cl->name, cl->kind), cl->n_items)
                     : asprintf(&labels[i], _("%s: %s (%zu items)"), cl->name,
                                xf_insp_kind_label(cl->kind, 0), cl->n_items);
        if (rc < 0)
            labels[i] = NULL;
    }
    struct xf_form_field fields[] = {
        {.name = "post_id", .label = _("Post or unit"), .kind = XF_FIELD_PICK, .required = true,
         .pick = pick_post, .pick_ends = true, /* many departments have a 第1号窗口 */
         /* A scoped inspector looking for a post elsewhere is told why
          * it is not offered (it read as no such post). */
         .no_match = s->ctx->user && s->ctx->user->n_scopes > 0
                         ? _("No match among the published and named posts and the units "
                             "within your units.")
                         : _("No match among the published and named posts and the units.")},
        {.name = "template", .label = _("Checklist"), .kind = XF_FIELD_CHOICE,
         .choices = (const char *const *)labels},
        {.name = "on_date", .label = _("Date"), .kind = XF_FIELD_DATE, .required = true,
         .check = check_date},
    };
    if (s->post_id > 0 || s->unit_id > 0) {
        fields[0].picked = s->post_id > 0 ? s->post_id : -s->unit_id;
        xf_form_set_text(&fields[0], s->post_label);
    } else
        prefill_post(s, &fields[0]);
    for (size_t i = 0; s->cl && i < n; i++)
        if (&cfg->checklists[i] == s->cl)
            fields[1].choice = (int)i;
    xf_form_set_text(&fields[2], s->on_date);
    struct xf_form f = {.title = _("New inspection: where and what"), .fields = fields, .n = 3,
                        .arg = s, .next_step = true};
    /* Back from the checklist: Esc would lose the ticks, so it asks. */
    bool ticked = false;
    for (size_t i = 0; s->outcomes && s->cl && i < s->cl->n_items; i++)
        ticked |= s->outcomes[i] != NULL;
    f.edited = ticked;
    int ok = xf_form_run(s->p->ui, &f);
    if (ok) {
        s->post_id = fields[0].picked > 0 ? fields[0].picked : 0;
        s->unit_id = fields[0].picked < 0 ? -fields[0].picked : 0;
        free(s->post_label);
        s->post_label = strdup(xf_form_text(&fields[0]));
        const struct xf_checklist *cl = checklist_at(cfg, fields[1].choice);
        if (cl != s->cl) {
            free(s->outcomes);
            s->outcomes = cl ? calloc(cl->n_items + 1, sizeof *s->outcomes) : NULL;
            s->cur = 0;
        }
        s->cl = cl;
        snprintf(s->on_date, sizeof s->on_date, "%s", xf_form_text(&fields[2]));
    }
    xf_form_free(&f);
    for (size_t i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
    return ok && s->cl && s->outcomes && s->post_label ? STEP_NEXT : STEP_CANCEL;
}

/* ---- the derived result ----------------------------------------------------- */

static struct xf_inspection_tally tally_of(const struct spot *s, int checked, int failed)
{
    struct xf_inspection_tally t = {.samples_checked = checked, .samples_failed = failed};
    for (size_t i = 0; i < s->cl->n_items; i++) {
        const char *o = s->outcomes[i];
        if (!o || strcmp(o, "na") == 0)
            continue;
        t.items_applicable++;
        if (strcmp(o, "fail") == 0) {
            t.items_failed++;
            t.critical_failed = t.critical_failed || s->cl->items[i].critical;
        }
    }
    return t;
}

static const char *result_of(const struct spot *s, int checked, int failed)
{
    struct xf_inspection_tally t = tally_of(s, checked, failed);
    return xf_inspection_result(s->ctx->cfg, &t);
}

static bool failed(const char *result)
{
    return strcmp(result, "fail") == 0;
}

/* ---- step 2: the checklist ------------------------------------------------------ */

static size_t untagged(const struct spot *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->cl->n_items; i++)
        n += s->outcomes[i] == NULL;
    return n;
}

static size_t applied(const struct spot *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->cl->n_items; i++)
        n += s->outcomes[i] && strcmp(s->outcomes[i], "na") != 0;
    return n;
}

static void draw_item(WINDOW *w, int y, int wd, const struct spot *s, size_t i, int num_w)
{
    const struct xf_check_item *it = &s->cl->items[i];
    const char *o = s->outcomes[i];
    bool sel = i == s->cur;
    attr_t base = sel ? xf_draw_attr(XF_C_SELECTED) : A_NORMAL;
    int ow = 6, cw = xf_text_width(_("critical")) + 2;
    xf_draw_printf(w, y, 2, num_w, base, "%zu.", i + 1);
    int lx = 2 + num_w + 1, lw = wd - lx - 2 - ow - 1 - cw - 1;
    xf_draw_text(w, y, lx, lw > 1 ? lw : 1, it->label, base);
    xf_draw_text(w, y, lx + lw + 1, cw, it->critical ? _("critical") : "",
                 sel ? base : xf_draw_attr(XF_C_ALERT) | A_BOLD);
    attr_t oa = base;
    if (!sel && o && strcmp(o, "fail") == 0)
        oa = xf_draw_attr(XF_C_ALERT) | A_BOLD;
    else if (!sel && o && strcmp(o, "pass") == 0)
        oa = xf_draw_attr(XF_C_GOOD);
    xf_draw_text(w, y, wd - 2 - ow, ow, xf_insp_outcome_label(o), oa);
}


/* A sample check (抽检) is called one; the other kind an unannounced
 * inspection (不定期检查), the word of the config and of the CSV: it was
 * a "spot check" here, which is 抽查, another thing. */
static bool sampled(const struct spot *s)
{
    return s->cl && s->cl->kind && strcmp(s->cl->kind, "sample") == 0;
}

/* Whether the items marked n.a. turn the check (or its outlook, items_left
 * still to tick) into a failure by the items' rate: the rate is over the
 * applicable items, so 1 failed of 5 passes and 1 of 4 fails; that is the
 * rule, but it surprised an inspector who saw FAIL after an n.a. */
static bool na_turned(const struct spot *s, size_t items_left)
{
    const struct xf_config *cfg = s->ctx->cfg;
    struct xf_inspection_tally t = tally_of(s, 0, 0), as_pass = t;
    if (t.critical_failed)
        return false;
    for (size_t i = 0; i < s->cl->n_items; i++)
        as_pass.items_applicable += s->outcomes[i] && strcmp(s->outcomes[i], "na") == 0;
    if (as_pass.items_applicable == t.items_applicable)
        return false;
    return xf_inspection_outlook(cfg, &t, items_left) == XF_OUTLOOK_FAIL_RATE &&
           xf_inspection_outlook(cfg, &as_pass, items_left) != XF_OUTLOOK_FAIL_RATE;
}

static void draw_checklist(WINDOW *w, const struct spot *s)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    char head[600];
    if (sampled(s))
        snprintf(head, sizeof head, _(" Sample check: %s "), s->post_label);
    else
        snprintf(head, sizeof head, _(" Unannounced inspection: %s "), s->post_label);
    int tw = xf_text_width(head);
    xf_draw_text(w, 0, 2, tw < wd - 4 ? tw : wd - 4, head, xf_draw_attr(XF_C_TITLE));
    int num_w = s->cl->n_items >= 9 ? 3 : 2;
    int rows = h - 6, top = 0;
    if ((int)s->cur >= rows)
        top = (int)s->cur - rows + 1;
    for (int r = 0; r < rows && (size_t)(top + r) < s->cl->n_items; r++)
        draw_item(w, 1 + r, wd, s, (size_t)(top + r), num_w);
    const char *res = result_of(s, 0, 0);
    char line[200];
    size_t left = untagged(s);
    attr_t attr = xf_draw_attr(failed(res) ? XF_C_ALERT : XF_C_GOOD) | A_BOLD;
    /* Said as soon as the last item is ticked n.a., not after Enter: the
     * result line read PASS for what the save then refuses. */
    if (s->none_applied || (left == 0 && !sampled(s) && applied(s) == 0)) {
        snprintf(line, sizeof line, "%s",
                 _("Every item is n.a.: mark at least one pass or fail."));
        attr = xf_draw_attr(XF_C_ALERT) | A_BOLD;
    } else if (s->enter_early) {
        snprintf(line, sizeof line, _("Tick every item first: %zu left."), left);
        attr = xf_draw_attr(XF_C_ALERT) | A_BOLD;
    } else if (left == s->cl->n_items) {
        /* Nothing ticked: no result to speak of yet. */
        snprintf(line, sizeof line, ngettext("%zu item to tick", "%zu items to tick", left),
                 left);
        attr = A_BOLD;
    } else if (left) {
        /* Only what is decided: the unticked items judged as absent read
         * FAIL for 1 failed of 4 ticked, which the fifth item's pass then
         * turned into a PASS. */
        struct xf_inspection_tally t = tally_of(s, 0, 0);
        if (na_turned(s, left))
            snprintf(line, sizeof line,
                     _("Marked n.a.: %d of %d items failed, over %.1f%%: FAIL whatever the rest"),
                     t.items_failed, t.items_applicable + (int)left,
                     100.0 * s->ctx->cfg->inspection_fail_rate);
        else
            xf_inspection_outlook_text(s->ctx->cfg, &t, left, line, sizeof line);
        attr = xf_inspection_outlook(s->ctx->cfg, &t, left) == XF_OUTLOOK_OPEN
                   ? A_BOLD
                   : xf_draw_attr(XF_C_ALERT) | A_BOLD;
    } else {
        /* A fail with no critical item says why: two items of five
         * failed gave FAIL and nothing more. */
        struct xf_inspection_tally t = tally_of(s, 0, 0);
        char why[120];
        xf_inspection_fail_reason(s->ctx->cfg, &t, why, sizeof why);
        if (failed(res) && na_turned(s, 0))
            snprintf(line, sizeof line,
                     _("Marked n.a.: %d of %d items failed, over %.1f%%: now FAIL \u00b7 Enter "
                       "goes on"),
                     t.items_failed, t.items_applicable, 100.0 * s->ctx->cfg->inspection_fail_rate);
        else if (failed(res) && *why)
            snprintf(line, sizeof line, _("Result: FAIL (%s) \u00b7 Enter goes on"), why);
        else if (!failed(res) && t.items_failed > 0)
            /* A pass with a failed item read as a clean PASS: the failure
             * is within what is allowed, and r can still order it put right. */
            snprintf(line, sizeof line,
                     ngettext("Result: PASS, %d item failed (within %.1f%%) \u00b7 Enter goes on",
                              "Result: PASS, %d items failed (within %.1f%%) \u00b7 Enter goes on",
                              t.items_failed),
                     t.items_failed, 100.0 * s->ctx->cfg->inspection_fail_rate);
        else
            snprintf(line, sizeof line, _("Result: %s \u00b7 Enter goes on"),
                     failed(res) ? _("FAIL") : _("PASS"));
    }
    xf_draw_text(w, h - 4, 2, wd - 4, line, attr);
    xf_draw_text(w, h - 3, 2, wd - 4,
                 _("p pass \u00b7 f fail \u00b7 n n.a. \u00b7 a all the rest pass"),
                 xf_draw_attr(XF_C_DIM));
    xf_draw_text(w, h - 2, 2, wd - 4,
                 _("\u2191\u2193 move \u00b7 Enter continue \u00b7 Esc back"),
                 xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

/* The next item without an outcome after the cursor, else the next one. */
static void advance(struct spot *s)
{
    size_t n = s->cl->n_items;
    for (size_t k = 1; k <= n; k++) {
        size_t i = (s->cur + k) % n;
        if (!s->outcomes[i]) {
            s->cur = i;
            return;
        }
    }
    if (s->cur + 1 < n)
        s->cur++;
}

/* Returns a step result, or -1 to stay. */
static int checklist_key(struct spot *s, int key)
{
    size_t n = s->cl->n_items;
    const char *o = key == 'p' ? "pass" : key == 'f' ? "fail" : key == 'n' ? "na" : NULL;
    s->enter_early = s->none_applied = false;
    if (o) {
        s->outcomes[s->cur] = o;
        advance(s);
    } else if (key == 'a') {
        for (size_t i = 0; i < n; i++)
            if (!s->outcomes[i])
                s->outcomes[i] = "pass";
    } else if (key == XF_FKEY(KEY_DOWN) || key == 'j') {
        s->cur = s->cur + 1 < n ? s->cur + 1 : s->cur;
    } else if (key == XF_FKEY(KEY_UP) || key == 'k' || key == XF_FKEY(KEY_BACKSPACE) ||
               key == 127) {
        s->cur = s->cur > 0 ? s->cur - 1 : 0;
    } else if (key == '\n' || key == '\r' || key == XF_FKEY(KEY_ENTER)) {
        if (untagged(s) == 0 && (sampled(s) || applied(s) > 0))
            return STEP_NEXT;
        if (untagged(s) == 0) { /* as the save would refuse it */
            s->none_applied = true;
            return -1;
        }
        s->enter_early = true; /* the status line is hidden behind this window */
        return -1;
    } else if (key == XF_KEY_ESC) {
        return STEP_BACK;
    }
    /* Ticking the last item does not go on by itself: the Enter the hint
     * asks for would land in the next form (and save a passed check
     * without findings). The line above the hints says Enter goes on. */
    return -1;
}

/* The pane's key line under the checklist named the list's keys (n new
 * inspection, r rectification...), which do nothing here: the checklist's
 * own are said there while it is open. Drawn before the checklist, which
 * stays on top where the two meet on a small screen. */
static void draw_keys_line(const struct spot *s)
{
    WINDOW *pw = s->p->win;
    if (!pw || s->p->h < 1 || s->p->w < 1)
        return;
    int y, x;
    getbegyx(pw, y, x);
    WINDOW *kw = newwin(1, s->p->w, y + s->p->h - 1, x);
    if (!kw)
        return;
    werase(kw);
    xf_draw_text(kw, 0, 0, s->p->w,
                 _("p pass  f fail  n n.a.  a all the rest pass  \u2191\u2193 move  Enter "
                   "continue  Esc back"),
                 xf_draw_attr(XF_C_DIM));
    wnoutrefresh(kw);
    delwin(kw);
}

static int step_checklist(struct spot *s)
{
    int wd = COLS - 4 < 76 ? COLS - 4 : 76;
    int h = (int)s->cl->n_items + 6;
    if (h > LINES - 2)
        h = LINES - 2;
    WINDOW *w = newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2);
    if (!w)
        return STEP_CANCEL;
    keypad(w, TRUE);
    wtimeout(w, 250);
    int out = -1;
    bool dirty = true; /* drawn after a key, not on every idle tick */
    while (out < 0 && !xf_ui_stopping()) {
        if (dirty) {
            draw_keys_line(s);
            draw_checklist(w, s);
        }
        doupdate();
        int key;
        dirty = xf_ui_read_key(w, &key);
        if (!dirty)
            continue;
        if (key == XF_FKEY(KEY_RESIZE)) {
            delwin(w);
            xf_ui_repaint(s->p->ui);
            return step_checklist(s);
        }
        out = checklist_key(s, key);
    }
    delwin(w);
    xf_ui_repaint(s->p->ui);
    return out < 0 ? STEP_CANCEL : out;
}

/* ---- step 3: samples, findings, deadline ------------------------------------------- */

enum { FD_CHECKED, FD_FAILED, FD_FINDINGS, FD_DUE, FD_N };

static struct xf_form_field *field_named(struct xf_form *f, const char *name)
{
    for (int i = 0; i < FD_N; i++)
        if (f->fields[i].name && strcmp(f->fields[i].name, name) == 0)
            return &f->fields[i];
    return NULL;
}

static int int_of(struct xf_form *f, const char *name)
{
    struct xf_form_field *fd = field_named(f, name);
    return fd ? atoi(xf_form_text(fd)) : 0;
}

/* Whether both sample counts are whole numbers, the samples checked
 * given: a count of 1.5 has no result to show, not that of 1, nor has an
 * empty count of samples (it read PASS before any was typed). */
static bool counts_readable(struct xf_form *f)
{
    static const char *const names[] = {"samples_checked", "samples_failed"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct xf_form_field *fd = field_named(f, names[i]);
        long long v;
        if (fd && (!xf_form_int(fd, &v) || v < 0 || (i == 0 && !*xf_form_text(fd))))
            return false;
    }
    return true;
}

/* Recomputes the result: the title says it, and the deadline field is
 * shown (the last field) only while it is FAIL. */
static void update_result(struct spot *s)
{
    struct xf_form *f = s->form;
    /* Samples can only make it worse: a checklist that already fails it
     * says so before any count is typed (it read "No result yet" under
     * the checklist's FAIL). */
    bool readable = counts_readable(f);
    if (!readable && !failed(result_of(s, 0, 0))) {
        /* The deadline and findings stay as they were until it reads. */
        snprintf(s->title, sizeof s->title, _("No result yet \u2014 sample check of %s"),
                 s->post_label);
        return;
    }
    const char *res = readable ? result_of(s, int_of(f, "samples_checked"),
                                           int_of(f, "samples_failed"))
                               : result_of(s, 0, 0);
    /* The result first: a long post name must not push it out of sight. */
    if (sampled(s))
        snprintf(s->title, sizeof s->title, _("%s \u2014 sample check of %s"),
                 failed(res) ? _("FAIL") : _("PASS"), s->post_label);
    else
        snprintf(s->title, sizeof s->title, _("%s \u2014 unannounced inspection of %s"),
                 failed(res) ? _("FAIL") : _("PASS"), s->post_label);
    f->n = s->n_base + (failed(res) ? 1 : 0);
    if (f->focus >= f->n)
        f->focus = f->n - 1;
    /* A failed check is rectified against its findings, and anything that
     * failed (an item, a sample) is said even when the check passed. */
    bool something_failed = int_of(f, "samples_failed") > 0;
    for (size_t i = 0; i < s->cl->n_items; i++)
        something_failed |= s->outcomes[i] && strcmp(s->outcomes[i], "fail") == 0;
    struct xf_form_field *findings = field_named(f, "findings");
    if (findings) {
        findings->required = failed(res) || something_failed;
        /* Passed after all: "required" no longer applies. */
        if (!findings->required && findings->error && !*xf_form_text(findings)) {
            free(findings->error);
            findings->error = NULL;
        }
    }
}

/* Every change of a sample count may turn the result: the title, the
 * deadline and the findings follow at once, not when the field is left. */
static void details_changed(void *arg, const struct xf_form *f)
{
    (void)f;
    update_result(arg);
}

/* Also the range of the failed samples, so that one save shows it with
 * any other mistake (the domain checks it again). */
static int check_samples(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    struct spot *s = arg;
    update_result(s);
    if (strcmp(f->fields[field].name, "samples_failed") != 0)
        return XF_OK;
    int checked = int_of(s->form, "samples_checked"), failed = atoi(xf_form_text(&f->fields[field]));
    if (failed > checked && checked >= 0)
        return xf_err(err, XF_EINVAL, "samples_failed",
                      _("samples failed must be between 0 and the %d samples checked"), checked);
    return XF_OK;
}

static int submit_check(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct spot *s = arg;
    int shown = f->n;
    update_result(s);
    /* The samples just typed turned the result to FAIL: show the deadline
     * the user has not seen yet instead of saving a default silently. */
    if (f->n > shown)
        return xf_err(err, XF_EINVAL, "rect_due_on",
                      _("the samples make this a failed check: confirm the rectification "
                        "date"));
    bool sample = strcmp(s->cl->kind, "sample") == 0;
    struct xf_form_field *due = field_named(f, "rect_due_on");
    bool fail = f->n > s->n_base;
    struct xf_inspection_new in = {
        .kind = s->cl->kind,
        .template_name = s->cl->name,
        .post_id = s->post_id,
        .unit_id = s->unit_id,
        .on_date = s->on_date,
        .samples_checked = sample ? int_of(f, "samples_checked") : 0,
        .samples_failed = sample ? int_of(f, "samples_failed") : 0,
        .findings = xf_form_text(field_named(f, "findings")),
        .outcomes = s->outcomes,
        .n_outcomes = s->cl->n_items,
        .rect_due_on = fail && due ? xf_form_text(due) : NULL,
    };
    int rc = xf_inspection_log(s->ctx, &in, &s->new_id, err);
    if (rc == XF_OK && fail && due)
        snprintf(s->rect_due, sizeof s->rect_due, "%s", xf_form_text(due));
    return rc;
}

static void setup_details(struct spot *s, struct xf_form *f, struct xf_form_field *fields)
{
    bool sample = strcmp(s->cl->kind, "sample") == 0;
    int k = 0;
    if (sample) {
        fields[k++] = (struct xf_form_field){.name = "samples_checked",
                                             .label = _("Samples checked"),
                                             .kind = XF_FIELD_INT,
                                             .required = true,
                                             .max_chars = 9,
                                             .check = check_samples};
        fields[k++] = (struct xf_form_field){.name = "samples_failed",
                                             .label = _("Samples failed"),
                                             .kind = XF_FIELD_INT,
                                             .required = true,
                                             .max_chars = 9,
                                             .check = check_samples};
        xf_form_set_text(&fields[k - 1], "0");
    }
    /* Several findings, one a line ("1. …" "2. …"): Enter breaks the
     * line, Tab goes on to the deadline. */
    fields[k++] = (struct xf_form_field){.name = "findings",
                                         .label = _("Findings"),
                                         .kind = XF_FIELD_MULTILINE,
                                         .max_chars = XF_INSPECTION_FINDINGS_MAX};
    fields[k] = (struct xf_form_field){.name = "rect_due_on",
                                       .label = _("Rectify by"),
                                       .kind = XF_FIELD_DATE,
                                       .required = true};
    char due[XF_DATE_LEN];
    xf_inspection_default_due(s->ctx, s->on_date, due);
    xf_form_set_text(&fields[k], due);
    s->n_base = k;
    *f = (struct xf_form){.title = s->title, .fields = fields, .n = k + 1, .arg = s,
                          .submit = submit_check, .changed = details_changed};
    s->form = f;
}

static int step_details(struct spot *s, struct xf_form *f)
{
    update_result(s);
    /* A changed checklist may have moved the result: keep the focus valid. */
    int ok = xf_form_run(s->p->ui, f);
    return ok ? STEP_DONE : STEP_BACK;
}

/* ---- the whole ------------------------------------------------------------------- */

/* The time inspection id was logged ("10:14"), when that was on day:
 * "" otherwise (logged later, or its history unread). */
static void logged_at(const struct xf_ctx *ctx, int64_t id, const char *day, char out[6])
{
    struct xf_history_row *rows = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    out[0] = '\0';
    if (xf_history_for(ctx, "inspection", id, 0, 50, &rows, &n, &err) != XF_OK)
        return;
    for (size_t i = n; i-- > 0;) /* newest first: the log is the oldest */
        if (rows[i].action && strcmp(rows[i].action, "inspection.log") == 0 && rows[i].at &&
            strlen(rows[i].at) >= 16 && strncmp(rows[i].at, day, 10) == 0) {
            memcpy(out, rows[i].at + 11, 5);
            out[5] = '\0';
            break;
        }
    xf_history_rows_free(rows, n);
}

/* Two inspectors of one office at one window on one day, minutes apart,
 * each unaware of the other: an inspection of the post that day is said
 * before the checklist, which goes on only when the user means a second
 * one. One's own too: the trial logged the same post twice, by mistake,
 * with no word (a colleague's check asked). True to go on. */
static bool same_day_ok(struct spot *s)
{
    enum { LOOK = 8 }; /* newest first: the day's come first */
    if (s->post_id <= 0)
        return true;
    struct xf_inspection_query q = {.order = XF_INSP_ORDER_DATE, .post_id = s->post_id};
    struct xf_inspection_line rows[LOOK];
    struct xf_error err = {0};
    int n = 0;
    if (xf_inspection_page(s->ctx, &q, NULL, 0, XF_INSP_AFTER, LOOK, rows, &n, &err) != XF_OK)
        return true; /* a warning only: the log itself is checked again */
    int same = -1;
    for (int i = 0; i < n; i++)
        if (same < 0 && strcmp(rows[i].on_date, s->on_date) == 0)
            same = i;
    bool go = true;
    if (same >= 0) {
        char *question = NULL;
        const struct xf_inspection_line *l = &rows[same];
        bool mine = s->ctx->login && strcmp(l->inspector, s->ctx->login) == 0;
        char today[XF_DATE_LEN], at[6];
        xf_date_today(today);
        logged_at(s->ctx, l->id, l->on_date, at);
        int rc;
        if (mine && at[0] && strcmp(l->on_date, today) == 0)
            rc = asprintf(&question,
                          _("You already inspected %s today at %s: %s (%s). Log another "
                            "inspection of it?"),
                          l->post_code, at, l->code, xf_insp_result_label(l->result));
        else if (mine)
            rc = asprintf(&question,
                          _("You already inspected %s on %s: %s (%s). Log another inspection "
                            "of it?"),
                          l->post_code, l->on_date, l->code, xf_insp_result_label(l->result));
        else {
            /* "name (login)", as refusals name people: the name alone did
             * not say which of two 李娜 to ask. */
            char who[160];
            xf_ctx_person(s->ctx, l->inspector, who, sizeof who);
            rc = asprintf(&question,
                          _("%s was already inspected on %s: %s by %s (%s). Log another "
                            "inspection of it?"),
                          l->post_code, l->on_date, l->code, who, xf_insp_result_label(l->result));
        }
        if (rc >= 0)
            go = xf_form_confirm(s->p->ui, question);
        else
            question = NULL;
        free(question);
    }
    for (int i = 0; i < n; i++)
        xf_inspection_line_clear(&rows[i]);
    return go;
}

/* The details form shows its last field (the deadline) only for a failed
 * check, but always holds it: free them all. */
static void details_free(const struct spot *s, struct xf_form *f)
{
    if (!f->fields)
        return;
    f->n = s->n_base + 1;
    xf_form_free(f);
}

static void spot_free(struct spot *s, struct xf_form *f)
{
    details_free(s, f);
    free(s->outcomes);
    free(s->post_label);
}

int xf_insp_new_run(struct xf_pane *p, int64_t *new_id)
{
    struct spot s = {.p = p, .ctx = xf_ui_ctx(p->ui)};
    struct xf_form_field fields[FD_N];
    struct xf_form form = {0};
    memset(fields, 0, sizeof fields);
    xf_date_today(s.on_date);
    *new_id = 0;
    int step = 1;
    xf_ui_form_enter(); /* the checklist between the forms too */
    while (step >= 1 && step <= 3) {
        int r = STEP_CANCEL;
        if (step == 1) {
            r = step_place(&s);
            if (r == STEP_NEXT && !same_day_ok(&s))
                continue; /* where and what again */
        }
        else if (step == 2)
            r = step_checklist(&s);
        else {
            if (!form.fields)
                setup_details(&s, &form, fields);
            r = step_details(&s, &form);
        }
        if (r == STEP_DONE)
            break;
        if (r == STEP_CANCEL && step == 1)
            step = 0;
        else
            step += r == STEP_NEXT ? 1 : -1;
        /* A different checklist or date: the details start afresh; and
         * so does leaving them for the checklist, which asked "Discard your
         * changes?" (kept, they came back, and findings typed again were
         * saved twice). */
        if (step <= 2 && form.fields) {
            details_free(&s, &form);
            memset(&form, 0, sizeof form);
            memset(fields, 0, sizeof fields);
        }
    }
    xf_ui_form_leave();
    int res = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    if (s.new_id > 0) {
        *new_id = s.new_id;
        /* The post or unit without the place the picker added: the
         * message must fit the status line. */
        const char *dot = s.post_label ? strstr(s.post_label, " \u00b7 ") : NULL;
        int len = dot ? (int)(dot - s.post_label) : (int)strlen(s.post_label ? s.post_label : "");
        /* Failed: the deadline the unit is to be told, beside the code
         * alone (the title would push it off the line). */
        const char *sp = s.post_label ? strchr(s.post_label, ' ') : NULL;
        int code_len = sp ? (int)(sp - s.post_label) : len;
        if (s.rect_due[0] && sampled(&s))
            xf_ui_message(p->ui, false, _("Sample check of %.*s logged. Rectify by %s."),
                          code_len, s.post_label ? s.post_label : "", s.rect_due);
        else if (s.rect_due[0])
            xf_ui_message(p->ui, false, _("Unannounced inspection of %.*s logged. Rectify by %s."), code_len,
                          s.post_label ? s.post_label : "", s.rect_due);
        else if (sampled(&s))
            xf_ui_message(p->ui, false, _("Sample check of %.*s logged."), len,
                          s.post_label ? s.post_label : "");
        else
            xf_ui_message(p->ui, false, _("Unannounced inspection of %.*s logged."), len,
                          s.post_label ? s.post_label : "");
        res |= XF_UI_CHANGED;
    }
    spot_free(&s, &form);
    return res;
}
