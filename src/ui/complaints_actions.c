/* The Complaints pane's actions: which ones the role, the scope and the
 * state allow, the menu offering them, and one form per action, each
 * submitting exactly one domain call with the version the user saw. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints_ui.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_menu.h"
#include "xf/unit.h"

enum { PICK_TEXT = 40, MAX_FIELDS = 6 };
/* Forms that hand a complaint over: lead unit, co-handlers, note. */
enum { NOTE_AT = 1 + XF_COMPLAINT_COHANDLERS_MAX };

/* ---- what is allowed ---- */

const char *xfc_act_label(enum xfc_act a)
{
    switch (a) {
    case XFC_CLASSIFY: return _("classify");
    case XFC_RECLASSIFY: return _("change the category");
    case XFC_REDISPATCH: return _("re-dispatch to another unit");
    case XFC_DISPATCH: return _("dispatch to a unit");
    case XFC_RULE: return _("rule on the return");
    case XFC_CALLBACK: return _("record the callback");
    case XFC_CLOSE: return _("close");
    case XFC_REJECT: return _("reject (not a complaint)");
    case XFC_MERGE: return _("merge into another complaint");
    case XFC_SUPERVISE: return _("mark supervised (督办)");
    case XFC_UNSUPERVISE: return _("stop supervising");
    case XFC_NOTE: return _("add a note");
    case XFC_SIGN: return _("sign for");
    case XFC_RETURN: return _("return the dispatch");
    case XFC_REPLY: return _("reply");
    case XFC_COHANDLERS: return _("change the co-handling units");
    case XFC_ANSWER_DUE: return _("set the reply deadline");
    case XFC_NACTS: break;
    }
    return "?";
}

/* A complaint imported with a category (the hotline filed it) still needs
 * the classify step, which confirms it: the step is named for that. */
static const char *act_label_for(const struct xf_complaint *c, enum xfc_act a)
{
    if (a == XFC_CLASSIFY && c->category && c->category[0])
        return _("confirm or change the category");
    return xfc_act_label(a);
}

#define BIT(s) (1u << (s))

static unsigned open_states(void)
{
    return ((1u << XF_CS_COUNT) - 1) &
           ~(BIT(XF_CS_CLOSED) | BIT(XF_CS_REJECTED) | BIT(XF_CS_MERGED));
}

static void supervisor_acts(const struct xf_complaint *c, enum xfc_act *out, int *n)
{
    enum xf_complaint_state s = xf_complaint_state_of(c);
    if (s == XF_CS_RECEIVED)
        out[(*n)++] = XFC_CLASSIFY;
    if (s == XF_CS_CLASSIFIED)
        out[(*n)++] = XFC_DISPATCH;
    if (s == XF_CS_RETURNED)
        out[(*n)++] = XFC_RULE;
    if (s == XF_CS_REPLIED)
        out[(*n)++] = XFC_CALLBACK;
    if (s == XF_CS_CALLBACK)
        out[(*n)++] = XFC_CLOSE;
    if (s == XF_CS_RECEIVED || s == XF_CS_CLASSIFIED)
        out[(*n)++] = XFC_REJECT;
    if (open_states() & BIT(s)) {
        out[(*n)++] = XFC_MERGE;
        out[(*n)++] = c->supervised ? XFC_UNSUPERVISE : XFC_SUPERVISE;
    }
    /* The category sets the time limits: a wrong one is put right. */
    if (s == XF_CS_CLASSIFIED || s == XF_CS_DISPATCHED || s == XF_CS_SIGNED ||
        s == XF_CS_RETURNED)
        out[(*n)++] = XFC_RECLASSIFY;
    /* A unit that does not sign for it (silent, overdue, the wrong one)
     * need not keep it. */
    if (s == XF_CS_DISPATCHED)
        out[(*n)++] = XFC_REDISPATCH;
}

/* Handlers act only for the lead unit within their scope. */
static void handler_acts(const struct xf_ctx *ctx, const struct xf_complaint *c,
                         enum xfc_act *out, int *n)
{
    if (!c->lead_unit_id || !xf_ctx_in_scope(ctx, c->lead_unit_id))
        return;
    enum xf_complaint_state s = xf_complaint_state_of(c);
    if (s == XF_CS_DISPATCHED)
        out[(*n)++] = XFC_SIGN;
    if (s == XF_CS_DISPATCHED && xf_complaint_may_return(ctx, c)) /* not late, not again */
        out[(*n)++] = XFC_RETURN;
    if (s == XF_CS_SIGNED)
        out[(*n)++] = XFC_REPLY;
}

/* Each step's key in the menu, the same whatever else applies (1 was
 * merge, dispatch or classify as the state went), in the menu's order:
 * the steps of the complaint's course numbered in that order, then the
 * corrections, supervision, a note, and last the two that end it
 * otherwise; those by the letter of their English name. */
static const struct {
    enum xfc_act a;
    char key;
} act_keys[] = {
    {XFC_CLASSIFY, '1'},   {XFC_DISPATCH, '2'},    {XFC_SIGN, '3'},       {XFC_RETURN, '4'},
    {XFC_RULE, '5'},       {XFC_REPLY, '6'},       {XFC_CALLBACK, '7'},   {XFC_CLOSE, '8'},
    {XFC_RECLASSIFY, 'c'}, {XFC_REDISPATCH, 'd'},  {XFC_COHANDLERS, 'u'}, {XFC_ANSWER_DUE, 't'},
    {XFC_SUPERVISE, 's'},  {XFC_UNSUPERVISE, 's'}, {XFC_NOTE, 'n'},       {XFC_REJECT, 'r'},
    {XFC_MERGE, 'm'},
};

static int act_rank(enum xfc_act a)
{
    for (size_t i = 0; i < sizeof act_keys / sizeof act_keys[0]; i++)
        if (act_keys[i].a == a)
            return (int)i;
    return (int)(sizeof act_keys / sizeof act_keys[0]);
}

char xfc_act_key(enum xfc_act a)
{
    int r = act_rank(a);
    return r < (int)(sizeof act_keys / sizeof act_keys[0]) ? act_keys[r].key : '?';
}

static int by_rank(const void *x, const void *y)
{
    return act_rank(*(const enum xfc_act *)x) - act_rank(*(const enum xfc_act *)y);
}

static int allowed_unsorted(const struct xf_ctx *ctx, const struct xf_complaint *c,
                            enum xfc_act *out)
{
    int n = 0;
    bool sup = xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE);
    bool handle = xf_perm_allows(ctx, XF_P_COMPLAINT_HANDLE);
    if (sup)
        supervisor_acts(c, out, &n);
    if (handle)
        handler_acts(ctx, c, out, &n);
    if (sup || (handle && xf_complaint_may_note(ctx, c))) /* co-handlers note their part */
        out[n++] = XFC_NOTE;
    if (sup && xf_complaint_cohandlers_changeable(c))
        out[n++] = XFC_COHANDLERS;
    if (sup && xf_complaint_answer_due_settable(c))
        out[n++] = XFC_ANSWER_DUE;
    return n;
}

int xfc_allowed(const struct xf_ctx *ctx, const struct xf_complaint *c, enum xfc_act *out)
{
    int n = allowed_unsorted(ctx, c, out);
    qsort(out, (size_t)n, sizeof *out, by_rank);
    return n;
}

/* ---- the menu ---- */

/* ---- the forms ---- */

/* Where the step left code, as the domain says it ("TS… 已签收。"): "is
 * now signed for" read stiffly in Chinese, and "(sign for done)" said the
 * step the user had just taken. */
static void say_state(struct xf_ui *ui, const char *code, enum xf_complaint_state s,
                      const char *what)
{
    char *news = xf_complaint_state_news(code, s);
    if (news)
        xf_ui_message(ui, false, "%s", news);
    else
        xf_ui_message(ui, false, _("%s: %s done."), code, what);
    free(news);
}

/* The first of n messages that fits the status line, else the last: a
 * message cut off at the edge loses its point. */
static void say_first_fitting(struct xf_ui *ui, char *const *said, int n)
{
    int pick = -1;
    for (int i = 0; i < n && pick < 0; i++)
        if (said[i] && xf_text_width(said[i]) <= COLS - 1)
            pick = i;
    for (int i = n - 1; i >= 0 && pick < 0; i--)
        if (said[i])
            pick = i;
    if (pick >= 0)
        xf_ui_message(ui, false, "%s", said[pick]);
}

/* Where a step that sends the complaint to a unit left it, in words:
 * "is now dispatched (record the callback done)" read as a puzzle. False
 * when the step is not one of those, or it went elsewhere. */
static bool say_sent(struct xf_ui *ui, const struct xf_complaint *was,
                     const struct xf_complaint *now, enum xfc_act kind)
{
    enum xf_complaint_state s = xf_complaint_state_of(now);
    bool to_unit = kind == XFC_CALLBACK || kind == XFC_RULE || kind == XFC_REDISPATCH;
    if (!to_unit || s != XF_CS_DISPATCHED || !now->lead_unit_id)
        return false;
    char *unit = NULL, *said[3] = {0};
    struct xf_error err = {0};
    if (xf_complaint_unit_label(xf_ui_ctx(ui), now->lead_unit_id, &unit, &err) != XF_OK)
        unit = NULL;
    const char *u = unit ? unit : "";
    int n = 0;
    if (kind == XFC_CALLBACK) { /* unsatisfied: a redo */
        if (asprintf(&said[n],
                     _("%s is back with %s to be done again: the citizen is not "
                       "satisfied."),
                     now->code, u) >= 0)
            n++;
        if (asprintf(&said[n], _("%s is back with %s to be done again."), now->code, u) >= 0)
            n++;
        if (asprintf(&said[n], _("%s is back with its unit to be done again."), now->code) >= 0)
            n++;
    } else if (now->lead_unit_id == was->lead_unit_id) { /* a return ruled unfounded */
        if (asprintf(&said[n], _("%s is back with %s to sign for: the return is unfounded."),
                     now->code, u) >= 0)
            n++;
        if (asprintf(&said[n], _("%s is back with %s to sign for."), now->code, u) >= 0)
            n++;
        if (asprintf(&said[n], _("%s is back with its unit to sign for."), now->code) >= 0)
            n++;
    } else {
        if (asprintf(&said[n], _("%s is dispatched to %s."), now->code, u) >= 0)
            n++;
        if (asprintf(&said[n], _("%s is dispatched to another unit."), now->code) >= 0)
            n++;
    }
    if (n == 0) {
        free(unit);
        return false;
    }
    /* No unit read: the form that names none. */
    say_first_fitting(ui, unit ? said : said + n - 1, unit ? n : 1);
    for (int i = 0; i < n; i++)
        free(said[i]);
    free(unit);
    return n > 0;
}

/* What a step that moves no state did, in a sentence of its own: "TS…:
 * “督办” done" read as a form filled in, not as what became of the
 * complaint. NULL for the steps that move a state. */
static char *step_news(const char *code, enum xfc_act kind)
{
    char *out = NULL;
    int n = -1;
    switch (kind) {
    case XFC_SUPERVISE: n = asprintf(&out, _("%s is now supervised."), code); break;
    case XFC_UNSUPERVISE: n = asprintf(&out, _("%s is no longer supervised."), code); break;
    case XFC_NOTE: n = asprintf(&out, _("A note is added to %s."), code); break;
    case XFC_COHANDLERS:
        n = asprintf(&out, _("The co-handling units of %s are changed."), code);
        break;
    default: break;
    }
    return n < 0 ? NULL : out;
}

/* Where the step left it: an unsatisfied callback, a ruling, a return
 * send the complaint elsewhere than the step's name says; a new category
 * moves the unit's deadline. */
static void say_done(struct xf_ui *ui, const struct xf_complaint *c, enum xfc_act kind,
                     const char *what)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ui);
    struct xf_complaint now = {0};
    struct xf_error err = {0};
    bool read = xf_complaint_get(ctx, c->id, &now, &err) == XF_OK;
    const char *due = read ? xf_complaint_deadline(&now) : NULL;
    const char *cat = read && now.category ? xfc_category_label(ctx, now.category) : NULL;
    char *news = NULL;
    if (kind == XFC_RECLASSIFY && cat && due)
        xf_ui_message(ui, false, _("%s is filed under %s now; its deadline is %s."), c->code,
                      cat, due);
    else if (kind == XFC_RECLASSIFY && cat)
        xf_ui_message(ui, false, _("%s is filed under %s now."), c->code, cat);
    else if (kind == XFC_ANSWER_DUE && read && now.answer_due && due &&
             strcmp(due, now.answer_due) != 0) /* signed for by an earlier day */
        xf_ui_message(ui, false, _("%s is to be answered by %s, signed for by %s."), c->code,
                      now.answer_due, due);
    else if (kind == XFC_ANSWER_DUE && read && now.answer_due)
        xf_ui_message(ui, false, _("%s is to be answered by %s."), c->code, now.answer_due);
    else if ((news = step_news(c->code, kind)))
        /* no new state to announce ("is now replied (add a note done)") */
        xf_ui_message(ui, false, "%s", news);
    else if (kind == XFC_CALLBACK && read && xf_complaint_state_of(&now) == XF_CS_CLOSED &&
             now.callback_outcome && strcmp(now.callback_outcome, "unreachable") == 0)
        xf_ui_message(ui, false, _("%s is closed: the citizen could not be reached."), c->code);
    else if (kind == XFC_CALLBACK && read && xf_complaint_state_of(&now) == XF_CS_CLOSED)
        xf_ui_message(ui, false, _("%s is closed: the citizen is satisfied."), c->code);
    else if (read && say_sent(ui, c, &now, kind))
        ;
    else if (read)
        say_state(ui, c->code, xf_complaint_state_of(&now), what);
    else
        xf_ui_message(ui, false, _("%s: %s done."), c->code, what);
    free(news);
    xf_complaint_clear(&now);
}

struct act {
    struct xf_ui *ui;
    const struct xf_ctx *ctx;
    struct xf_complaint c;
    enum xfc_act kind;
    const char **cat_names; /* CLASSIFY: identifiers by choice index */
    const char **choices;   /* CLASSIFY: the category field's labels */
    char *now_label;        /* (RE)CLASSIFY: "the category (now)"; owned */
    bool accept;            /* RULE: the ruling chosen before the form */
    int first;              /* fields above the action's own: what it is about */
    const char *about[4][2]; /* their values, as choices of one */
    char *who;              /* CALLBACK: "name  phone"; COHANDLERS: the lead unit; owned */
    char *post;             /* SIGN, RETURN: the post concerned, if any; owned */
    char *lead;             /* SIGN, RETURN: the lead unit, whose step it is; owned */
    struct xf_complaint held; /* as a reload read it, c's strings then: owned */
};

static int pick_units(void *arg, int field, const char *query, int limit,
                      struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct act *a = arg;
    struct xf_complaint_pick *rows = NULL;
    size_t n = 0;
    *n_out = 0;
    int rc = xf_complaint_pick_units(a->ctx, query, limit, &rows, &n, err);
    for (size_t i = 0; rc == XF_OK && i < n; i++) {
        if (asprintf(&out[i].label, "%s  %s", rows[i].code, rows[i].label) < 0) {
            out[i].label = NULL;
            break;
        }
        out[i].id = rows[i].id;
        *n_out = (int)i + 1;
    }
    xf_complaint_picks_free(rows, n);
    return rc;
}

static int pick_complaints(void *arg, int field, const char *query, int limit,
                           struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct act *a = arg;
    struct xf_complaint_pick *rows = NULL;
    size_t n = 0;
    *n_out = 0;
    int rc = xf_complaint_pick_merge_target(a->ctx, query, a->c.id, limit, &rows, &n, err);
    for (size_t i = 0; rc == XF_OK && i < n; i++) {
        if (asprintf(&out[i].label, "%s  %s%.*s", rows[i].code,
                     rows[i].closed ? _("(closed) ") : "", 120, rows[i].label) < 0) {
            out[i].label = NULL;
            break;
        }
        out[i].id = rows[i].id;
        *n_out = (int)i + 1;
    }
    xf_complaint_picks_free(rows, n);
    return rc;
}

static const char *text_or_null(const struct xf_form_field *f)
{
    const char *t = xf_form_text(f);
    return *t ? t : NULL;
}

/* Co-handling units from the pick fields from index first on (a form's
 * later pick fields are all co-handlers). */
static size_t cohandlers(const struct xf_form *f, int first, int64_t *ids)
{
    size_t n = 0;
    for (int i = first; i < f->n && f->fields[i].kind == XF_FIELD_PICK; i++)
        if (f->fields[i].picked)
            ids[n++] = f->fields[i].picked;
    return n;
}

/* The domain names "cohandlers" for any of them; the form has one field
 * per unit (from index first on), so the error goes beside the one at
 * fault: the lead unit again, or a unit named before. */
static int cohandler_error(const struct xf_form *f, int first, int64_t lead, int rc,
                           struct xf_error *err)
{
    if (!rc || strcmp(err->field, "cohandlers") != 0)
        return rc;
    for (int i = first; i < f->n && f->fields[i].kind == XF_FIELD_PICK; i++) {
        int64_t id = f->fields[i].picked;
        bool bad = id && id == lead;
        for (int j = first; j < i && id && !bad; j++)
            bad = f->fields[j].picked == id;
        if (bad) {
            snprintf(err->field, sizeof err->field, "%s", f->fields[i].name);
            break;
        }
    }
    return rc;
}

/* After an edit conflict: the action goes on with the complaint's new
 * version, as long as its new state still allows it. Only the version is
 * taken: the rest of a->c is borrowed from the caller. */
static int about_fields(struct act *a, struct xf_form_field *fd);

/* The fields above the action's own (the deadline running, the reply
 * called back about) shown as now: after a reload the message said
 * "reply deadline: 2026-12-04 → 2026-12-08" over a form still showing
 * 2026-12-04. a->c becomes now, which a->held keeps. */
static void about_refresh(struct act *a, struct xf_form *f, struct xf_complaint *now)
{
    struct xf_complaint old = a->held;
    char *who = a->who, *post = a->post, *lead = a->lead;
    int first = a->first;
    a->held = *now;
    a->c = a->held;
    *now = (struct xf_complaint){0};
    a->who = a->post = a->lead = NULL;
    struct xf_form_field tmp[MAX_FIELDS];
    memset(tmp, 0, sizeof tmp);
    int m = about_fields(a, tmp);
    a->first = first; /* the form's layout stays */
    for (int i = 0; i < first; i++) {
        if (i < m) {
            f->fields[i].label = tmp[i].label;
            f->fields[i].choices = tmp[i].choices;
        } else {
            a->about[i][0] = "\u2013"; /* nothing now where it pointed */
        }
    }
    /* An answer date nobody has typed over is the one stored now. */
    struct xf_form_field *due = &f->fields[first];
    if (a->kind == XFC_ANSWER_DUE && due->fresh && a->c.answer_due)
        xf_form_set_text(due, a->c.answer_due);
    free(who);
    free(post);
    free(lead);
    xf_complaint_clear(&old);
}

static void prefill_cohandlers(struct act *a, struct xf_form_field *fd);
static int category_choices(struct act *a);

/* After a reload, the category field marks the category filed now, not
 * the one read as the form opened: "Quality (now)" stayed on after a
 * colleague filed it under Other, and choosing it reverted their change
 * unseen. A choice the user has not touched moves with the mark. */
static void category_refresh(struct act *a, struct xf_form *f)
{
    if (a->kind != XFC_CLASSIFY && a->kind != XFC_RECLASSIFY)
        return;
    struct xf_form_field *cat = &f->fields[a->first];
    bool untouched = f->opened && f->opened_n == f->n && cat->choice == f->opened[a->first].choice;
    free(a->now_label);
    a->now_label = NULL;
    int now = category_choices(a);
    if (!untouched)
        return;
    cat->choice = now;
    f->opened[a->first].choice = now; /* Esc asks about the user's changes, not this */
}

/* After a reload, a hand-over's co-handler fields the user has not
 * touched hold the units co-handling now: a colleague's change of them
 * (added one) left the fields empty, and the next F2 dropped it unseen. */
static void cohandlers_refresh(struct act *a, struct xf_form *f)
{
    int at = a->first + (a->kind == XFC_COHANDLERS ? 0 : 1);
    if (a->kind != XFC_REDISPATCH && a->kind != XFC_COHANDLERS &&
        !(a->kind == XFC_RULE && a->accept))
        return;
    if (!f->opened || f->opened_n != f->n || at + XF_COMPLAINT_COHANDLERS_MAX > f->n)
        return;
    for (int i = at; i < at + XF_COMPLAINT_COHANDLERS_MAX; i++)
        if (f->fields[i].kind != XF_FIELD_PICK || f->fields[i].picked != f->opened[i].picked)
            return; /* the user's choice stays */
    for (int i = at; i < at + XF_COMPLAINT_COHANDLERS_MAX; i++) {
        f->fields[i].picked = 0;
        xf_form_set_text(&f->fields[i], "");
        f->fields[i].fresh = false;
    }
    prefill_cohandlers(a, &f->fields[at]);
    /* As opened now: Esc asks about what the user changed, not this. */
    for (int i = at; i < at + XF_COMPLAINT_COHANDLERS_MAX; i++) {
        f->opened[i].picked = f->fields[i].picked;
        xf_form_set_text(&f->opened[i], xf_form_text(&f->fields[i]));
    }
}

static int reload(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct act *a = arg;
    struct xf_complaint now = {0};
    int rc = xf_complaint_get(a->ctx, a->c.id, &now, err);
    if (rc == XF_OK) {
        enum xfc_act acts[XFC_NACTS];
        int n = xfc_allowed(a->ctx, &now, acts);
        bool still = false;
        for (int i = 0; i < n; i++)
            still |= acts[i] == a->kind;
        bool toggled = (a->kind == XFC_SUPERVISE || a->kind == XFC_UNSUPERVISE) &&
                       now.supervised != a->c.supervised;
        /* Classified by a colleague: what this form was for is a change
         * of category now, and the step for it is named ("no longer
         * applies" left the user at a dead end). */
        bool recat = false;
        for (int i = 0; i < n && a->kind == XFC_CLASSIFY && now.category; i++)
            recat |= acts[i] == XFC_RECLASSIFY;
        if (still) {
            about_refresh(a, f, &now);
            cohandlers_refresh(a, f);
            category_refresh(a, f);
        } else if (toggled) /* supervised (or not) by someone else meanwhile */
            rc = xf_err(err, XF_ESTATE, "",
                        _("someone else did it meanwhile: “%s” no longer applies; Esc closes "
                          "the form."),
                        xfc_act_label(a->kind));
        else if (recat)
            rc = xf_err(err, XF_ESTATE, "",
                        _("it is already classified as %s; to change that, press Esc and choose "
                          "“%c %s” among the steps."),
                        xfc_category_label(a->ctx, now.category), xfc_act_key(XFC_RECLASSIFY),
                        xfc_act_label(XFC_RECLASSIFY));
        else
            rc = xf_err(err, XF_ESTATE, "",
                        _("it is now %s, and “%s” no longer applies; Esc closes the form."),
                        xf_complaint_state_label(xf_complaint_state_of(&now)),
                        act_label_for(&a->c, a->kind));
    }
    else if (rc == XF_EPERM) /* re-dispatched to a unit outside the user's */
        rc = xf_err(err, XF_EPERM, "",
                    _("it has gone to a unit outside yours meanwhile (dispatched elsewhere); "
                      "Esc closes the form."));
    xf_complaint_clear(&now);
    return rc;
}

/* Before an irreversible action's "are you sure": whether someone else
 * has changed the complaint meanwhile, so the user is not asked to
 * confirm what cannot be done. */
static int still_current(struct act *a, const char *step, struct xf_error *err)
{
    return xf_complaint_check_step(a->ctx, a->c.id, a->c.version, step, err);
}

static bool confirm(struct act *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool confirm(struct act *a, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    bool yes = xf_form_confirm(a->ui, q);
    free(q);
    return yes;
}

static const char *const return_reasons_n[] = {N_("not our jurisdiction"),
                                               N_("unclear ownership"),
                                               N_("overlapping duties")};
static const char *const outcomes_n[] = {N_("satisfied"), N_("unsatisfied (back to the unit)"),
                                         N_("unreachable")};

/* Performs the action; the form shows an error beside err->field. */
static int submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct act *a = arg;
    const struct xf_ctx *ctx = a->ctx;
    const struct xf_complaint *c = &a->c;
    struct xf_form_field *fd = f->fields + a->first;
    int64_t coh[XF_COMPLAINT_COHANDLERS_MAX];
    int rc;
    switch (a->kind) {
    case XFC_CLASSIFY:
        return xf_complaint_classify(ctx, c->id, c->version, a->cat_names[fd[0].choice],
                                     text_or_null(&fd[1]), err);
    case XFC_RECLASSIFY:
        return xf_complaint_reclassify(ctx, c->id, c->version, a->cat_names[fd[0].choice],
                                       text_or_null(&fd[1]), err);
    case XFC_DISPATCH:
        rc = xf_complaint_dispatch(ctx, c->id, c->version, fd[0].picked, coh,
                                   cohandlers(f, 1, coh), text_or_null(&fd[NOTE_AT]), err);
        return cohandler_error(f, 1, f->fields[0].picked, rc, err);
    case XFC_REDISPATCH:
        rc = xf_complaint_redispatch(ctx, c->id, c->version, fd[0].picked, coh,
                                     cohandlers(f, 1, coh), text_or_null(&fd[NOTE_AT]), err);
        return cohandler_error(f, 1, f->fields[0].picked, rc, err);
    case XFC_ANSWER_DUE: {
        /* Said before it is set: nothing later warns of such a year
         * until its December. */
        int year = xf_complaint_due_year_unlisted(ctx, xf_form_text(&fd[0]));
        if (year &&
            !confirm(a,
                     _("No public holidays are listed for %d: a deadline on %s counts them as "
                       "working days. Set it anyway? (The administrator adds them to the "
                       "configuration.)"),
                     year, xf_form_text(&fd[0])))
            return xf_err(err, XF_EINVAL, "answer_due",
                          _("Not set: no public holidays are listed for %d. F2 asks again; Esc "
                            "leaves it as it is."),
                          year);
        return xf_complaint_set_answer_due(ctx, c->id, c->version, xf_form_text(&fd[0]),
                                           xf_form_text(&fd[1]), err);
    }
    case XFC_COHANDLERS:
        rc = xf_complaint_set_cohandlers(ctx, c->id, c->version, coh,
                                         cohandlers(f, a->first, coh),
                                         text_or_null(&fd[XF_COMPLAINT_COHANDLERS_MAX]), err);
        return cohandler_error(f, a->first, c->lead_unit_id, rc, err);
    case XFC_RULE:
        if (!a->accept)
            return xf_complaint_rule(ctx, c->id, c->version, false, 0, NULL, 0,
                                     text_or_null(&fd[0]), err);
        rc = xf_complaint_rule(ctx, c->id, c->version, true, fd[0].picked, coh,
                               cohandlers(f, 1, coh), text_or_null(&fd[NOTE_AT]), err);
        return cohandler_error(f, 1, f->fields[0].picked, rc, err);
    case XFC_CALLBACK: {
        /* the outcomes follow "(choose with ←→)", choice 0 */
        enum xf_callback_outcome o = (enum xf_callback_outcome)(fd[0].choice - 1);
        if (o != XF_CALLBACK_UNSATISFIED) {
            if ((rc = still_current(a, "callback", err)))
                return rc;
            if (!confirm(a, _("Record the callback (%s) and close complaint %s? It cannot be "
                              "reopened."),
                         _(outcomes_n[o]), c->code))
                return xf_err(err, XF_EINVAL, "",
                              _("Not recorded. F2 asks again; Esc leaves it as it is."));
        }
        return xf_complaint_callback(ctx, c->id, c->version, o, text_or_null(&fd[1]), err);
    }
    case XFC_CLOSE:
        if ((rc = still_current(a, "close", err)))
            return rc;
        if (!confirm(a, _("Close complaint %s? It cannot be reopened."), c->code))
            return xf_err(err, XF_EINVAL, "", _("Not closed. F2 asks again; Esc leaves it open."));
        return xf_complaint_close(ctx, c->id, c->version, text_or_null(&fd[0]), err);
    case XFC_REJECT:
        if ((rc = still_current(a, "reject", err)))
            return rc;
        if (!confirm(a, _("Reject complaint %s as not a complaint? This is final."), c->code))
            return xf_err(err, XF_EINVAL, "", _("Not rejected. F2 asks again; Esc leaves it as it is."));
        return xf_complaint_reject(ctx, c->id, c->version, xf_form_text(&fd[0]), err);
    case XFC_MERGE: {
        if ((rc = still_current(a, "merge", err)))
            return rc;
        /* The chosen one by its code: the picked label starts with it. */
        const char *into = xf_form_text(&fd[0]);
        int len = (int)strcspn(into, " ");
        struct xf_complaint t = {0};
        if ((rc = xf_complaint_get(ctx, fd[0].picked, &t, err)))
            return rc;
        /* A duplicate is about the same unit: say so when it is not, before
         * the merge sends its complainant to the other unit's answer. */
        char *here = t.unit_id != c->unit_id ? xf_unit_place_label(ctx, c->unit_id) : NULL;
        char *there = here ? xf_unit_place_label(ctx, t.unit_id) : NULL;
        bool yes = here && there
                       ? confirm(a,
                                 _("Merge complaint %s (about %s) into %.*s, which is about "
                                   "another unit (%s)? This is final."),
                                 c->code, here, len, into, there)
                       : confirm(a, _("Merge complaint %s into %.*s? This is final."), c->code,
                                 len, into);
        free(here);
        free(there);
        xf_complaint_clear(&t);
        if (!yes)
            return xf_err(err, XF_EINVAL, "", _("Not merged. F2 asks again; Esc leaves it as it is."));
        return xf_complaint_merge(ctx, c->id, c->version, fd[0].picked, text_or_null(&fd[1]),
                                  err);
    }
    case XFC_SUPERVISE:
    case XFC_UNSUPERVISE:
        return xf_complaint_supervise(ctx, c->id, c->version, a->kind == XFC_SUPERVISE,
                                      text_or_null(&fd[0]), err);
    case XFC_NOTE: return xf_complaint_note(ctx, c->id, c->version, xf_form_text(&fd[0]), err);
    case XFC_SIGN: return xf_complaint_sign(ctx, c->id, c->version, text_or_null(&fd[0]), err);
    case XFC_RETURN: /* the reasons follow "(choose with ←→)", choice 0 */
        return xf_complaint_return(ctx, c->id, c->version,
                                   (enum xf_return_reason)(fd[0].choice - 1),
                                   xf_form_text(&fd[1]), err);
    case XFC_REPLY: return xf_complaint_reply(ctx, c->id, c->version, xf_form_text(&fd[0]), err);
    case XFC_NACTS: break;
    }
    return xf_err(err, XF_EINVAL, "", _("unknown action"));
}

/* A choice whose first entry only says to choose. */
static int chosen(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg;
    return f->fields[field].choice > 0
               ? XF_OK
               : xf_err(err, XF_EINVAL, f->fields[field].name, _("choose one (←→)"));
}

/* The callback's note: required when the citizen is not satisfied. */
static int why_unsatisfied(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg;
    bool unsatisfied = f->fields[0].choice - 1 == XF_CALLBACK_UNSATISFIED;
    return unsatisfied && xf_text_blank(xf_form_text(&f->fields[field]))
               ? xf_err(err, XF_EINVAL, f->fields[field].name,
                        _("say what the citizen is not satisfied with: the unit redoes the "
                          "work from it"))
               : XF_OK;
}

static struct xf_form_field text_field(const char *name, const char *label, bool multi,
                                       bool required, int max)
{
    return (struct xf_form_field){.name = name, .label = label,
                                  .kind = multi ? XF_FIELD_MULTILINE : XF_FIELD_TEXT,
                                  .required = required, .max_chars = max};
}

static struct xf_form_field pick_field(const char *name, const char *label, bool required,
                                       xf_form_pick_fn fn)
{
    return (struct xf_form_field){
        .name = name, .label = label, .kind = XF_FIELD_PICK, .required = required, .pick = fn};
}

static struct xf_form_field choice_field(const char *name, const char *label,
                                         const char *const *choices)
{
    return (struct xf_form_field){
        .name = name, .label = label, .kind = XF_FIELD_CHOICE, .choices = choices};
}

/* The unit the complaint concerns as the first choice of a unit picker. */
static void prefill_unit(const struct act *a, struct xf_form_field *fd, int64_t unit_id)
{
    char *label = NULL;
    struct xf_error err = {0};
    if (!unit_id || xf_complaint_unit_pick_label(a->ctx, unit_id, &label, &err) != XF_OK)
        return;
    fd->picked = unit_id;
    xf_form_set_text(fd, label);
    free(label);
}

/* The co-handling units the complaint has, in its co-handler fields: a
 * new lead keeps them unless the user takes one out (the form would
 * otherwise drop them unseen). The domain holds no more than there are
 * fields. */
static void prefill_cohandlers(struct act *a, struct xf_form_field *fd)
{
    int64_t *ids = NULL;
    size_t k = 0;
    struct xf_error err = {0};
    if (xf_complaint_cohandlers(a->ctx, a->c.id, &ids, &k, &err) == XF_OK)
        for (size_t i = 0; i < k && i < XF_COMPLAINT_COHANDLERS_MAX; i++)
            prefill_unit(a, &fd[i], ids[i]);
    free(ids);
}

/* Lead unit, one field per co-handling unit, and the note (a reason when
 * the old unit must be told why the complaint left it). */
static void hand_over_fields(struct xf_form_field *fd, const char *lead_label, bool reason)
{
    static const char *const names[XF_COMPLAINT_COHANDLERS_MAX] = {"cohandlers", "cohandlers2",
                                                                   "cohandlers3"};
    /* numbered: three fields of one label read as one field repeated */
    static const char *const labels[XF_COMPLAINT_COHANDLERS_MAX] = {
        N_("Co-handling unit 1"), N_("Co-handling unit 2"), N_("Co-handling unit 3")};
    fd[0] = pick_field("lead_unit", lead_label, true, pick_units);
    for (int i = 0; i < XF_COMPLAINT_COHANDLERS_MAX; i++)
        fd[1 + i] = pick_field(names[i], _(labels[i]), false, pick_units);
    fd[NOTE_AT] = reason ? text_field("note", _("Reason"), false, true, XF_COMPLAINT_NOTE_MAX)
                         : text_field("note", _("Note"), false, false, XF_COMPLAINT_NOTE_MAX);
}

/* Above a step decided on what the complaint says (classify, sign for,
 * return, reply), and a callback made to its complainant about the
 * unit's reply: those, fixed (without them the user opened the detail
 * first). Returns how many; sets a->first. */
static int about_fields(struct act *a, struct xf_form_field *fd)
{
    const struct xf_complaint *c = &a->c;
    int n = 0;
    switch (a->kind) {
    case XFC_CLASSIFY:
    case XFC_RECLASSIFY:
    case XFC_SIGN:
    case XFC_RETURN:
    case XFC_REPLY:
    case XFC_CALLBACK: break;
    case XFC_COHANDLERS: {
        /* The lead unit stays: shown, not a field to change (a re-dispatch
         * changes it). */
        struct xf_error err = {0};
        if (xf_complaint_unit_label(a->ctx, c->lead_unit_id, &a->who, &err) != XF_OK)
            a->who = NULL;
        a->about[0][0] = a->who ? a->who : "\u2013";
        a->about[0][1] = NULL;
        fd[0] = (struct xf_form_field){.name = "lead_unit", .label = _("Lead unit"),
                                       .kind = XF_FIELD_CHOICE, .choices = a->about[0]};
        return a->first = 1;
    }
    case XFC_ANSWER_DUE: {
        /* The deadline it runs against now, to set the new one beside,
         * named for what it is: before the unit signs for it, the one to
         * sign for by (it was "the current deadline", and read as the
         * answer date being moved). */
        const char *due = xf_complaint_deadline(c);
        enum xf_complaint_state s = xf_complaint_state_of(c);
        a->about[0][0] = due ? due : _("none running");
        a->about[0][1] = NULL;
        fd[0] = (struct xf_form_field){.name = "deadline",
                                       .label = s == XF_CS_DISPATCHED ? _("Sign-for deadline")
                                                : s == XF_CS_SIGNED   ? _("Current reply deadline")
                                                                      : _("Running deadline"),
                                       .kind = XF_FIELD_CHOICE,
                                       .choices = a->about[0]};
        return a->first = 1;
    }
    default: return a->first = 0;
    }
    const char *rows[4][2] = {{"complaint_text", _("Complaint")},
                              {"reply_text", _("Reply")},
                              {"complainant", _("Complainant")}};
    const char *val[4] = {c->text, c->reply_text, NULL};
    const char *name = c->complainant_name ? c->complainant_name : "";
    const char *phone = c->complainant_phone ? c->complainant_phone : "";
    if (a->kind == XFC_CALLBACK && (*name || *phone) &&
        asprintf(&a->who, "%s%s%s", name, *name && *phone ? "  " : "", phone) < 0)
        a->who = NULL;
    val[2] = a->who;
    int shown = a->kind == XFC_CALLBACK ? 3 : 1;
    /* A unit signs for or sends back what concerns a unit: which one is
     * the case for "not our jurisdiction" (it was in the list, cut, and in
     * the detail, not beside the reason). */
    struct xf_error err = {0};
    if ((a->kind == XFC_SIGN || a->kind == XFC_RETURN) && c->unit_id &&
        xf_complaint_unit_label(a->ctx, c->unit_id, &a->who, &err) == XF_OK) {
        rows[1][0] = "unit_concerned";
        rows[1][1] = _("Unit concerned");
        val[1] = a->who;
        shown = 2;
        /* ... and the post, when it is one: the unit's whole remit was
         * no answer to "is this desk ours". */
        if (c->post_id && xf_complaint_post_label(a->ctx, c->post_id, &a->post, &err) == XF_OK) {
            rows[2][0] = "post_concerned";
            rows[2][1] = _("Post concerned");
            val[2] = a->post;
            shown = 3;
        }
    }
    /* ... and the unit whose step it is: the unit concerned alone read
     * as the one the complaint was with, after a re-dispatch too. */
    if ((a->kind == XFC_SIGN || a->kind == XFC_RETURN) && c->lead_unit_id &&
        xf_complaint_unit_label(a->ctx, c->lead_unit_id, &a->lead, &err) == XF_OK) {
        rows[shown][0] = "lead_unit";
        rows[shown][1] = _("Lead unit");
        val[shown] = a->lead;
        shown++;
    }
    for (int i = 0; i < shown; i++) {
        a->about[n][0] = val[i] && *val[i] ? val[i] : "\u2013";
        a->about[n][1] = NULL;
        fd[n] = (struct xf_form_field){.name = rows[i][0], .label = rows[i][1],
                                       .kind = XF_FIELD_CHOICE, .choices = a->about[n]};
        n++;
    }
    return a->first = n;
}

/* The category choices, the one a->c is filed under marked "(now)"
 * (a->now_label, the old one freed by the caller); returns its index, 0
 * for none. */
static int category_choices(struct act *a)
{
    const struct xf_config *cfg = a->ctx->cfg;
    const char **choices = a->choices;
    int now = 0;
    choices[0] = _("(choose with ←→)");
    a->cat_names[0] = NULL;
    a->now_label = NULL;
    for (size_t i = 0; i < cfg->n_categories; i++) {
        const char *name = cfg->categories[i].name;
        choices[i + 1] = xfc_category_label(a->ctx, name);
        a->cat_names[i + 1] = name;
        if (!a->c.category || strcmp(a->c.category, name))
            continue;
        if (asprintf(&a->now_label, _("%s (now)"), choices[i + 1]) < 0)
            a->now_label = NULL;
        else
            choices[i + 1] = a->now_label;
        now = (int)i + 1;
    }
    choices[cfg->n_categories + 1] = NULL;
    return now;
}

/* Fills the fields of a's form; returns how many. */
static int build_fields(struct act *a, struct xf_form_field *fd, const char **choices)
{
    const char *note = _("Note");
    switch (a->kind) {
    case XFC_CLASSIFY:
    case XFC_RECLASSIFY: {
        /* No category is chosen for the user: a careless F2 would file
         * the complaint under the first one. A change starts from the
         * category it has, marked, so the user sees what they change (an
         * F2 there is refused as no change), and says why: it moves the
         * deadline the unit is held to. A received complaint imported with
         * a category starts from it too: F2 confirms it. */
        a->choices = choices;
        fd[0] = choice_field("category", _("Category"), choices);
        fd[0].required = true;
        fd[0].check = chosen;
        fd[0].choice = category_choices(a);
        fd[1] = a->kind == XFC_CLASSIFY
                    ? text_field("note", note, false, false, XF_COMPLAINT_NOTE_MAX)
                    : text_field("note", _("Reason"), false, true, XF_COMPLAINT_NOTE_MAX);
        return 2;
    }
    case XFC_DISPATCH:
        hand_over_fields(fd, _("Lead unit"), false);
        prefill_unit(a, &fd[0], a->c.unit_id);
        return NOTE_AT + 1;
    case XFC_REDISPATCH: /* the unit is told why it has it, the old one why not */
        hand_over_fields(fd, _("New lead unit"), true);
        prefill_cohandlers(a, &fd[1]);
        return NOTE_AT + 1;
    case XFC_RULE:
        /* The ruling was asked first: the same unit needs no unit fields. */
        if (!a->accept) { /* the unit is told why the complaint is theirs */
            fd[0] = text_field("note", note, false, true, XF_COMPLAINT_NOTE_MAX);
            return 1;
        }
        /* the units that helped stay unless taken out, as in a re-dispatch */
        hand_over_fields(fd, _("New lead unit"), false);
        prefill_cohandlers(a, &fd[1]);
        return NOTE_AT + 1;
    case XFC_CALLBACK:
        /* As with the category: what the citizen said is chosen, never
         * assumed, or a careless F2 would record them satisfied. */
        choices[0] = _("(choose with ←→)");
        for (int i = 0; i < 3; i++)
            choices[i + 1] = _(outcomes_n[i]);
        choices[4] = NULL;
        fd[0] = choice_field("callback_outcome", _("Outcome"), choices);
        fd[0].required = true;
        fd[0].check = chosen;
        fd[1] = text_field("note", note, false, false, XF_COMPLAINT_NOTE_MAX);
        fd[1].check = why_unsatisfied;
        return 2;
    case XFC_COHANDLERS: {
        /* The three fields of a dispatch's co-handlers, filled with those
         * it has: one taken out, one added, F2. */
        struct xf_form_field hand[NOTE_AT + 1];
        hand_over_fields(hand, "", false);
        for (int i = 0; i < XF_COMPLAINT_COHANDLERS_MAX; i++)
            fd[i] = hand[1 + i];
        fd[XF_COMPLAINT_COHANDLERS_MAX] = hand[NOTE_AT];
        prefill_cohandlers(a, &fd[0]);
        return XF_COMPLAINT_COHANDLERS_MAX + 1;
    }
    case XFC_ANSWER_DUE:
        /* A date the citizen asked for is given with why: the unit is
         * held to it instead of the category's limits. */
        fd[0] = (struct xf_form_field){.name = "answer_due", .label = _("New reply deadline"),
                                       .kind = XF_FIELD_DATE, .required = true};
        if (a->c.answer_due)
            xf_form_set_text(&fd[0], a->c.answer_due);
        fd[1] = text_field("reason", _("Reason"), true, true, XF_COMPLAINT_NOTE_MAX);
        return 2;
    case XFC_CLOSE:
    case XFC_SIGN:
        fd[0] = text_field("note", note, false, false, XF_COMPLAINT_NOTE_MAX);
        return 1;
    case XFC_SUPERVISE:
    case XFC_UNSUPERVISE:
        fd[0] = text_field("note", note, false, a->kind == XFC_SUPERVISE, XF_COMPLAINT_NOTE_MAX);
        return 1;
    case XFC_REJECT:
        fd[0] = text_field("reject_reason", _("Reason"), true, true, XF_COMPLAINT_NOTE_MAX);
        return 1;
    case XFC_MERGE:
        fd[0] = pick_field("merged_into", _("Merge into"), true, pick_complaints);
        fd[1] = text_field("note", note, false, false, XF_COMPLAINT_NOTE_MAX);
        return 2;
    case XFC_NOTE:
        fd[0] = text_field("note", note, true, true, XF_COMPLAINT_NOTE_MAX);
        return 1;
    case XFC_RETURN:
        /* The reason is the unit's to give, as a category or an outcome
         * is: not assumed. */
        choices[0] = _("(choose with ←→)");
        for (int i = 0; i < 3; i++)
            choices[i + 1] = _(return_reasons_n[i]);
        choices[4] = NULL;
        fd[0] = choice_field("return_reason", _("Reason"), choices);
        fd[0].required = true;
        fd[0].check = chosen;
        fd[1] = text_field("return_text", _("Explanation"), true, true, XF_COMPLAINT_NOTE_MAX);
        return 2;
    case XFC_REPLY:
        fd[0] = text_field("reply_text", _("Reply"), true, true, XF_COMPLAINT_TEXT_MAX);
        return 1;
    case XFC_NACTS: break;
    }
    return 0;
}

static const char *ruling_label(bool accept)
{
    return accept ? _("accept the return: dispatch to another unit")
                  : _("reject the return: back to the same unit");
}

/* The ruling on a return, asked before its form: 0 accept, 1 reject, -1
 * cancelled. The unit's reason is shown whole above the choices (in the
 * title, 80 columns cut it), so the ruling is informed. */
static int ask_ruling(struct xf_ui *ui, const struct xf_complaint *c)
{
    const char *labels[2] = {ruling_label(true), ruling_label(false)};
    char *why = xf_complaint_return_text(c->return_reason), *title = NULL;
    if (asprintf(&title, _("Ruling on %s"), c->code) < 0)
        title = NULL;
    int k = xf_menu_run_text(ui, title ? title : c->code, why, labels, 2);
    free(title);
    free(why);
    return k;
}

/* The lead unit chosen in a form a colleague's step made useless ("it is
 * now dispatched, and … no longer applies"), offered to the next form on
 * the same complaint, so that a re-dispatch or a ruling does not start
 * from nothing; the text typed there is kept by the form itself
 * (left_what). One session, one user: a static. */
static struct {
    int64_t complaint_id, unit_id;
} left;

static void keep_left(const struct act *a, const struct xf_form *f, int top)
{
    left.complaint_id = left.unit_id = 0;
    for (int i = top; i < f->n; i++) {
        const struct xf_form_field *fd = &f->fields[i];
        if (fd->name && strcmp(fd->name, "lead_unit") == 0 && fd->picked > 0)
            left.unit_id = fd->picked;
    }
    if (left.unit_id)
        left.complaint_id = a->c.id;
}

/* Fills the new form's lead unit from what was left, when it is empty,
 * and says so. */
static void offer_left(const struct act *a, struct xf_form *f, int top)
{
    if (left.complaint_id != a->c.id)
        return;
    bool used = false;
    for (int i = top; i < f->n; i++) {
        struct xf_form_field *fd = &f->fields[i];
        if (fd->name && strcmp(fd->name, "lead_unit") == 0 && left.unit_id && !fd->picked) {
            prefill_unit(a, fd, left.unit_id); /* as the finder lists it, code first */
            used = f->edited = true;
        }
    }
    left.complaint_id = left.unit_id = 0;
    if (used)
        f->error = strdup(_("Filled in from the form that no longer applied: check it before F2."));
}

/* After a form that no longer applied: whether a next step on the
 * complaint is open to the user, for the form to keep what was typed for
 * it (else it is shown whole for the user to copy, as no form will take
 * it). */
static bool next_step_open(void *arg)
{
    const struct act *a = arg;
    struct xf_complaint now = {0};
    struct xf_error err = {0};
    enum xfc_act acts[XFC_NACTS];
    bool next = xf_complaint_get(a->ctx, a->c.id, &now, &err) == XF_OK &&
                xfc_allowed(a->ctx, &now, acts) > 0;
    xf_complaint_clear(&now);
    return next;
}

/* Runs the form of one action on a loaded complaint; changed (or NULL)
 * says what a colleague changed since the user last saw it, shown as the
 * form opens. */
static int run_action(struct xf_ui *ui, const struct xf_complaint *c, enum xfc_act kind,
                      const char *changed)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ui);
    size_t ncat = ctx->cfg->n_categories;
    const char **choices = calloc(ncat + 4, sizeof *choices);
    const char **names = calloc(ncat + 2, sizeof *names);
    struct xf_form_field fields[MAX_FIELDS];
    memset(fields, 0, sizeof fields);
    struct act a = {.ui = ui, .ctx = ctx, .c = *c, .kind = kind, .cat_names = names};
    if (!choices || !names) {
        free(choices);
        free(names);
        xf_ui_message(ui, true, "%s", _("Out of memory."));
        return XF_UI_HANDLED;
    }
    if (kind == XFC_RULE) {
        int k = ask_ruling(ui, c);
        if (k < 0) {
            free(choices);
            free(names);
            return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
        }
        a.accept = k == 0;
    }
    const char *what = kind == XFC_RULE ? ruling_label(a.accept) : act_label_for(c, kind);
    char *title = NULL;
    if (asprintf(&title, "%s \u2014 %s", what, c->code) < 0)
        title = NULL;
    else if (title[0] >= 'a' && title[0] <= 'z') /* "Reply — TS…", as a title */
        title[0] = (char)(title[0] - 'a' + 'A');
    int top = about_fields(&a, fields);
    struct xf_form f = {.title = title ? title : what,
                        .fields = fields,
                        .n = top + build_fields(&a, fields + top, choices),
                        .focus = top,
                        .arg = &a,
                        .submit = submit,
                        .reload = reload,
                        .left_what = "complaint",
                        .left_id = c->id,
                        .left_code = c->code,
                        .left_next = next_step_open};
    offer_left(&a, &f, top);
    if (changed) {
        char *said = NULL;
        if (asprintf(&said, _("%s; the form shows it as it is now."), changed) >= 0) {
            char *both = NULL;
            if (f.error && asprintf(&both, "%s %s", said, f.error) >= 0) {
                free(said);
                said = both;
            }
            free(f.error);
            f.error = said;
        }
    }
    int ok = xf_form_run(ui, &f);
    /* Not after a restore: the id may be another complaint's now. */
    if (!ok && f.dead && !f.restored)
        keep_left(&a, &f, top);
    xf_form_free(&f);
    free(a.now_label);
    free(a.who);
    free(a.post);
    free(a.lead);
    xf_complaint_clear(&a.held);
    free(title);
    free(choices);
    free(names);
    if (ok)
        say_done(ui, c, kind, what);
    /* Re-read either way: a refused submit may have been a conflict, and
     * the list must then show the other user's change. */
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
}

/* The step chosen, on the complaint as it is now: a menu opened before a
 * colleague rejected it still offered "classify", and only the form's F2
 * said it no longer applied. Said at once instead; a step that still
 * applies opens on the complaint as it is now, saying what changed since
 * version seen (the menu's): a re-dispatch to another of the handler's
 * units went unsaid, and the sign-for went through on what they had not
 * seen. */
static int act_if_still(struct xf_ui *ui, const struct xf_complaint *was, int64_t seen,
                        enum xfc_act kind)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ui);
    struct xf_complaint now = {0};
    struct xf_error err = {0};
    if (xf_complaint_get(ctx, was->id, &now, &err) != XF_OK) {
        xf_ui_error(ui, &err);
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
    }
    enum xfc_act acts[XFC_NACTS];
    int n = xfc_allowed(ctx, &now, acts), r;
    bool still = false;
    for (int i = 0; i < n; i++)
        still |= acts[i] == kind;
    if (still) {
        struct xf_error news = {0};
        bool moved = now.version != seen &&
                     xf_complaint_check_seen(ctx, was->id, seen, &news) == XF_ECONFLICT;
        r = run_action(ui, &now, kind, moved ? news.msg : NULL);
    } else {
        enum xf_complaint_state s = xf_complaint_state_of(&now);
        if (s == xf_complaint_state_of(was))
            xf_ui_message(ui, true,
                          _("%s was changed by someone else meanwhile: “%s” no longer "
                            "applies."),
                          now.code, act_label_for(was, kind));
        else
            xf_ui_message(ui, true,
                          _("%s is now %s (changed by someone else meanwhile): “%s” "
                            "no longer applies."),
                          now.code, xf_complaint_state_label(s), act_label_for(was, kind));
        r = XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
    }
    xf_complaint_clear(&now);
    return r;
}

/* The role, not the complaint's state, keeps the user from acting: said
 * so, as there is nothing to wait for. NULL when the role may act. */
const char *xfc_role_refusal(const struct xf_ctx *ctx)
{
    if (xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE) || xf_perm_allows(ctx, XF_P_COMPLAINT_HANDLE))
        return NULL;
    return _("Your role does not act on complaints: supervisors and handlers do.");
}

/* The step menu's record, as it offered its steps. */
struct watched {
    const struct xf_ctx *ctx;
    int64_t id, version;
};

/* Whether someone else has changed the complaint since the menu read it
 * (asked only when another session has committed). */
static bool complaint_stale(void *arg)
{
    struct watched *w = arg;
    struct xf_complaint now = {0};
    struct xf_error err = {0};
    bool stale = xf_complaint_get(w->ctx, w->id, &now, &err) != XF_OK || now.version != w->version;
    xf_complaint_clear(&now);
    return stale;
}

static int actions_once(struct xf_ui *ui, int64_t id, int64_t seen, bool again,
                        const char *news, int64_t *shown);

/* What a colleague changed while the menu was open, said above the steps
 * offered anew: "menu updated" alone left the user to find out what (a
 * re-dispatch to another of their units, say). NULL when there is no
 * more to say than that. */
static char *menu_news(const struct xf_ctx *ctx, int64_t id, int64_t shown)
{
    struct xf_error news = {0};
    if (xf_complaint_check_seen(ctx, id, shown, &news) != XF_ECONFLICT || !news.msg[0])
        return NULL;
    char *said = NULL;
    /* TRANSLATORS: what a colleague changed ("TS… was re-dispatched by …
       while you were looking"), above a complaint's step menu offered anew */
    if (asprintf(&said, _("%s."), news.msg) < 0)
        said = NULL;
    return said;
}

int xfc_actions(struct xf_ui *ui, int64_t id, int64_t seen)
{
    /* A colleague's step while the menu is open: it is offered again, as
     * the complaint is now (it was checked only once a step was chosen). */
    int r;
    int64_t shown = 0;
    bool again = false;
    char *news = NULL;
    while ((r = actions_once(ui, id, seen, again, news, &shown)) == XF_MENU_STALE) {
        free(news);
        news = menu_news(xf_ui_ctx(ui), id, shown);
        again = true;
        seen = 0; /* the menu offered anew shows the complaint as it is */
    }
    free(news);
    return r;
}

/* A step's key the menu does not offer: whose step it is, or that the
 * complaint's state does not allow it (the menu said only "1 is not one
 * of these", and a supervisor could not tell which). */
struct why_arg {
    const struct xf_ctx *ctx;
    const struct xf_complaint *c;
};

static bool handler_step(enum xfc_act a)
{
    return a == XFC_SIGN || a == XFC_RETURN || a == XFC_REPLY;
}

static bool why_not(void *arg, int key, char *out, size_t size)
{
    const struct why_arg *w = arg;
    for (size_t i = 0; i < sizeof act_keys / sizeof act_keys[0]; i++) {
        enum xfc_act a = act_keys[i].a;
        if (act_keys[i].key != key || a == XFC_UNSUPERVISE || a == XFC_NOTE)
            continue; /* 's' says it as supervise; a note has more rules than these */
        bool sup = xf_perm_allows(w->ctx, XF_P_COMPLAINT_SUPERVISE);
        bool handle = xf_perm_allows(w->ctx, XF_P_COMPLAINT_HANDLE) &&
                      w->c->lead_unit_id && xf_ctx_in_scope(w->ctx, w->c->lead_unit_id);
        if (handler_step(a) && !handle)
            /* TRANSLATORS: a step key not offered: "3 sign for: for the
             * lead unit's handlers" */
            snprintf(out, size, _("%c %s: for the lead unit's handlers"), key,
                     xfc_act_label(a));
        else if (!handler_step(a) && !sup)
            snprintf(out, size, _("%c %s: for supervisors"), key, xfc_act_label(a));
        else
            /* TRANSLATORS: "1 classify: not while it is dispatched" */
            snprintf(out, size, _("%c %s: not while it is %s"), key, xfc_act_label(a),
                     xf_complaint_state_label(xf_complaint_state_of(w->c)));
        return true;
    }
    return false;
}

/* seen: the version the user was shown (0: the one read here); again:
 * the menu is offered anew after someone else's change, news (or NULL)
 * saying what it was; *shown: the version the menu offers steps for. */
static int actions_once(struct xf_ui *ui, int64_t id, int64_t seen, bool again,
                        const char *news, int64_t *shown)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ui);
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    if (xf_complaint_get(ctx, id, &c, &err) != XF_OK) {
        xf_ui_error(ui, &err);
        return XF_UI_HANDLED | (again ? XF_UI_REDRAW_ALL : 0);
    }
    enum xfc_act acts[XFC_NACTS];
    int n = xfc_allowed(ctx, &c, acts), r = XF_UI_HANDLED;
    if (n == 0 && xfc_role_refusal(ctx)) {
        xf_ui_message(ui, true, "%s", xfc_role_refusal(ctx));
    } else if (n == 0 && again) {
        /* The open menu closed under the user: whose doing, and what now. */
        xf_ui_message(ui, true,
                      _("%s is now %s (changed by someone else meanwhile): nothing is left for "
                        "you to do."),
                      c.code, xf_complaint_state_label(xf_complaint_state_of(&c)));
    } else if (n == 0) {
        xf_ui_message(ui, true, _("Nothing you may do to complaint %s while it is %s."), c.code,
                      xf_complaint_state_label(xf_complaint_state_of(&c)));
    } else {
        char *title = NULL;
        if (asprintf(&title, _("Complaint %s"), c.code) < 0)
            title = NULL;
        const char *labels[XFC_NACTS];
        bool sign = false, ret = false;
        char *confirm = NULL; /* "confirm or change the category (now …)" */
        for (int i = 0; i < n; i++) {
            labels[i] = act_label_for(&c, acts[i]);
            sign |= acts[i] == XFC_SIGN;
            ret |= acts[i] == XFC_RETURN;
            if (acts[i] != XFC_CLASSIFY || !c.category || !c.category[0])
                continue;
            if (asprintf(&confirm, _("confirm or change the category (now %s)"),
                         xfc_category_label(ctx, c.category)) < 0)
                confirm = NULL;
            else
                labels[i] = confirm;
        }
        /* Why "return" is missing, in the menu itself: on the status line
         * below it, a narrow terminal cut it short. */
        char *why = NULL;
        if (sign && !ret && xf_complaint_return_upheld(ctx, &c))
            why = strdup(_("The unit's return was ruled unfounded: the dispatch can only be "
                           "signed for."));
        else if (sign && !ret && xf_complaint_redo_pending(ctx, &c))
            why = strdup(_("Back to be redone after an unsatisfied callback: the unit answered "
                           "it before, so it can only be signed for."));
        else if (sign && !ret &&
                 asprintf(&why, _("Past its sign-for deadline (%s): it can be signed for, not "
                                  "returned."),
                          c.sign_due ? c.sign_due : "?") < 0)
            why = NULL;
        char keys[XFC_NACTS];
        for (int i = 0; i < n; i++)
            keys[i] = xfc_act_key(acts[i]);
        struct watched w = {ctx, c.id, c.version};
        *shown = c.version;
        /* the change first: the reason a step is missing may follow from it */
        char *both = NULL;
        const char *text = why;
        if (news && why && asprintf(&both, _("%s %s"), news, why) >= 0)
            text = both;
        else if (news)
            text = news;
        struct why_arg wa = {ctx, &c};
        struct xf_menu_why outer = xf_menu_why_swap((struct xf_menu_why){why_not, &wa});
        int k = xf_menu_run_watched(
            ui, title ? title : c.code, text, labels, keys, n, complaint_stale, &w,
            again ? xf_menu_updated_note() : NULL);
        xf_menu_why_swap(outer);
        free(both);
        free(why);
        free(title);
        free(confirm);
        r |= XF_UI_REDRAW_ALL;
        if (k == XF_MENU_STALE)
            r = XF_MENU_STALE;
        else if (k >= 0)
            r |= act_if_still(ui, &c, seen ? seen : c.version, acts[k]);
    }
    if (again && r != XF_MENU_STALE)
        r |= XF_UI_REDRAW_ALL | XF_UI_CHANGED;
    xf_complaint_clear(&c);
    return r;
}
