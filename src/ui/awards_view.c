/* The annual selection (SPEC §2.7), opened with `A` from Evaluations: for
 * a year and an award kind, the candidates ranked from evaluations,
 * complaints and inspections, and what the organiser decided. `r` ranks
 * the year's named posts, `c` confirms and `x` declines a candidate, `u`
 * takes a confirmation back. A
 * modal view: the rows are at most a kind's quota. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/award.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_keys.h"
#include "xf/ui_menu.h"
#include "xf/ui_pane.h"

#include "evaluations_priv.h"

struct awards {
    struct xf_ui *ui;
    int year, kind; /* kind: index into xf_award_kinds */
    struct xf_award_line *v;
    size_t n;
    int sel, top;
    int first_y; /* the window line of the first row shown (the header may wrap) */
    int win_y;   /* the screen line of the view's window, as last drawn */
    char msg[600]; /* holds an error message whole */
    bool msg_error;
};

static const struct xf_ctx *ctx_of(const struct awards *a)
{
    return xf_ui_ctx(a->ui);
}

static void say(struct awards *a, bool error, const char *text)
{
    snprintf(a->msg, sizeof a->msg, "%s", text);
    a->msg_error = error;
}

/* A refusal, as a sentence of its own. */
static void say_error(struct awards *a, const struct xf_error *err)
{
    xf_ui_err_sentence(err, a->msg, sizeof a->msg);
    a->msg_error = true;
}

static void load(struct awards *a)
{
    xf_award_lines_free(a->v, a->n);
    a->v = NULL;
    a->n = 0;
    struct xf_error err = {0};
    if (xf_award_list(ctx_of(a), a->year, xf_award_kinds[a->kind], &a->v, &a->n, &err) != XF_OK)
        say_error(a, &err);
    if (a->sel >= (int)a->n)
        a->sel = a->n ? (int)a->n - 1 : 0;
}

/* ---- drawing ---- */

enum { C_RANK, C_SCORE, C_CODE, C_TITLE, C_UNIT, C_HOLDER, C_STATUS, NCOLS };

/* Windows are posts: code, title, unit, holder. Brands and exemplars go
 * to a unit or a person: the unit takes the post's columns. */
/* kind: 0 windows (a post each), 1 brands (a department: no post, no
 * holder), 2 exemplars (a person, with the code of the post they were
 * ranked by: none for those ranked before it was kept). */
static void columns(int width, int kind, struct xf_draw_col *c)
{
    static const struct xf_draw_col fixed[NCOLS] = {
        {4, XF_ALIGN_RIGHT}, {6, XF_ALIGN_RIGHT}, {10, XF_ALIGN_LEFT}, {0, XF_ALIGN_LEFT},
        {24, XF_ALIGN_LINE}, {8, XF_ALIGN_LEFT},  {11, XF_ALIGN_LEFT}};
    for (int i = 0; i < NCOLS; i++)
        c[i] = fixed[i];
    if (kind != 0) { /* rank, score, (post,) unit, (holder,) status: the unit takes the rest */
        c[C_TITLE].width = -1; /* hidden: no gap left */
        if (kind == 1)
            c[C_CODE].width = c[C_HOLDER].width = -1; /* a department's: no post, nobody */
        int rest = width - (4 + 6 + (kind == 1 ? 0 : 10 + 8) + 11) - (kind == 1 ? 3 : 5);
        c[C_UNIT].width = rest > 8 ? rest : 8;
        return;
    }
    /* All seven with one space between; below 80 columns the unit goes.
     * Room beyond a long title is shared with the unit, whose name runs
     * from the department down. */
    int rest = width - (4 + 6 + 10 + 24 + 8 + 11) - 6;
    if (rest < 12) {
        c[C_UNIT].width = -1;
        rest = width - (4 + 6 + 10 + 8 + 11) - 5;
    } else if (rest > 40) {
        c[C_UNIT].width += (rest - 40) / 2;
        rest -= (rest - 40) / 2;
    }
    c[C_TITLE].width = rest > 8 ? rest : 8;
}

/* A brand goes to a unit and an exemplar to a person, not to a post:
 * they are named by the unit (and the person) where a post's would stand. */
static bool post_award(const struct awards *a, const struct xf_award_line *l)
{
    return a->kind == 0 && l->post_code && *l->post_code;
}

static void draw_row(WINDOW *w, int y, int width, const struct awards *a, size_t i)
{
    const struct xf_award_line *l = &a->v[i];
    struct xf_draw_col c[NCOLS];
    columns(width, a->kind, c);
    char rank[16], score[16];
    snprintf(rank, sizeof rank, "%d", l->rank);
    xf_evaluation_score_text(l->score, score);
    const char *cells[NCOLS] = {rank,        score,         l->post_code, l->post_title,
                                l->unit_name, l->holder,    xf_award_status_label(l->status)};
    bool sel = (int)i == a->sel;
    attr_t at = sel ? xf_draw_attr(XF_C_SELECTED)
                : !strcmp(l->status, "confirmed") ? xf_draw_attr(XF_C_GOOD)
                : !strcmp(l->status, "declined")  ? xf_draw_attr(XF_C_DIM)
                                                  : A_NORMAL;
    xf_draw_columns(w, y, 1, width, c, cells, NCOLS, at);
}

/* What the organiser is asked about: "XFG-00012 办证先锋岗", "王芳 ·
 * 市城建委" or the unit. */
static char *award_name(const struct awards *a, const struct xf_award_line *l)
{
    char *s = NULL;
    int rc = post_award(a, l)       ? asprintf(&s, "%s %s", l->post_code, l->post_title)
             : l->holder && *l->holder ? asprintf(&s, "%s \u00b7 %s", l->holder, l->unit_name)
                                       : asprintf(&s, "%s", l->unit_name);
    return rc < 0 ? NULL : s;
}

static void draw(WINDOW *w, struct awards *a)
{
    int h, width;
    getmaxyx(w, h, width);
    width -= 2;
    werase(w);
    int confirmed = 0, declined = 0;
    for (size_t i = 0; i < a->n; i++) {
        confirmed += !strcmp(a->v[i].status, "confirmed");
        declined += !strcmp(a->v[i].status, "declined");
    }
    const char *kind = xf_award_kinds[a->kind];
    xf_draw_printf(w, 0, 1, width, xf_draw_attr(XF_C_TITLE) | A_BOLD,
                   _("Annual awards %d · %s · quota %d"), a->year, xf_award_kind_label(kind),
                   xf_award_default_quota(kind));
    /* What the score is made of takes a second line where one is too
     * narrow (English at 80 columns cut it at "failed check…"). */
    char *counts = NULL;
    if (asprintf(&counts,
                 _("%zu ranked · %d confirmed · %d declined · score: evaluations, less "
                   "failed checks and complaints"),
                 a->n, confirmed, declined) < 0)
        counts = NULL;
    int top = counts ? xf_draw_wrapped(w, 1, 1, width, counts, xf_draw_attr(XF_C_DIM), 2) : 1;
    free(counts);
    struct xf_draw_col c[NCOLS];
    columns(width, a->kind, c);
    const char *head[NCOLS] = {_("Rank"), _("Score"), _("Post"),   _("Title"),
                               _("Unit"), _("Holder"), _("Status")};
    xf_draw_columns(w, 1 + top, 1, width, c, head, NCOLS, xf_draw_attr(XF_C_HEADER));
    const struct xf_ctx *ctx = ctx_of(a);
    bool may_decide = xf_perm_allows(ctx, XF_P_EVAL_EDIT);
    bool scoped = ctx->user && ctx->user->n_scopes > 0;
    /* offered while the year's kind has no candidates: a ranking is made
     * once (r refused it and the hint kept offering it) */
    enum xf_action rank = may_decide && !scoped && a->n == 0 ? XF_A_AWARD_RANK : XF_A_NONE;
    enum xf_action confirm = may_decide ? XF_A_AWARD_CONFIRM : XF_A_NONE;
    enum xf_action decline = may_decide ? XF_A_AWARD_DECLINE : XF_A_NONE;
    /* offered where there is a decision to take back */
    const char *status = a->n ? a->v[a->sel].status : "";
    enum xf_action undo =
        may_decide && !strcmp(status, "confirmed") ? XF_A_AWARD_REOPEN : XF_A_NONE;
    enum xf_action redo =
        may_decide && !strcmp(status, "declined") ? XF_A_AWARD_REOPEN : XF_A_NONE;
    const struct xf_hint hints[] = {
        {XF_A_LEFT, KEY_LEFT, N_("award"), XF_A_RIGHT, KEY_RIGHT},
        {XF_A_AWARD_PREV_YEAR, '[', N_("year"), XF_A_AWARD_NEXT_YEAR, ']'},
        {rank, 'r', N_("rank the candidates"), 0, 0},
        {confirm, 'c', N_("confirm"), 0, 0},
        {decline, 'x', N_("decline"), 0, 0},
        {undo, 'u', N_("take back"), 0, 0},
        {redo, 'u', N_("reopen"), 0, 0},
        {XF_A_HISTORY, 'H', N_("history"), 0, 0},
        {XF_A_BACK, 'q', N_("back"), 0, 0}};
    /* Keys too many for one line (English at 80 columns lost "history" and
     * "back") go on a second, broken between two of them. */
    char line[400], more[400];
    int foot = xf_keys_hints2(line, more, sizeof line, " \u00b7 ", hints,
                              sizeof hints / sizeof hints[0], width);
    /* A refusal says why and what to do: it may take three lines. */
    int said = a->msg[0] ? xf_draw_wrapped(NULL, 0, 0, width, a->msg, 0, 3) : 1;
    int rows = h - 2 - top - said - foot;
    /* A window too short for any row keeps the selected one first: below
     * zero, top ran past sel and the question's row (decide) lay above
     * the view. */
    if (rows < 1)
        rows = 1;
    if (a->sel < a->top)
        a->top = a->sel;
    if (a->sel >= a->top + rows)
        a->top = a->sel - rows + 1;
    a->first_y = 2 + top;
    a->win_y = getbegy(w);
    for (int r = 0; r < rows && a->top + r < (int)a->n; r++)
        draw_row(w, a->first_y + r, width, a, (size_t)(a->top + r));
    if (a->n == 0 && ctx->user && ctx->user->n_scopes > 0)
        xf_draw_printf(w, 3 + top, 1, width, xf_draw_attr(XF_C_DIM),
                       _("No candidates of your units for %d."), a->year);
    else if (a->n == 0 && may_decide)
        xf_draw_printf(w, 3 + top, 1, width, xf_draw_attr(XF_C_DIM),
                       _("No candidates for %d yet: r ranks the posts named by the end of the "
                         "year."),
                       a->year);
    else if (a->n == 0)
        xf_draw_printf(w, 3 + top, 1, width, xf_draw_attr(XF_C_DIM),
                       _("No candidates for %d yet."), a->year);
    if (a->msg[0])
        xf_draw_wrapped(w, h - foot - said, 1, width, a->msg,
                        xf_draw_attr(a->msg_error ? XF_C_ALERT : XF_C_NORMAL), 3);
    xf_draw_text(w, h - foot, 1, width, line, xf_draw_attr(XF_C_DIM));
    if (more[0])
        xf_draw_text(w, h - 1, 1, width, more, xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

/* ---- actions ---- */

static bool may(struct awards *a)
{
    if (xf_perm_allows(ctx_of(a), XF_P_EVAL_EDIT))
        return true;
    say(a, true, _("Your role may not run the award selection: organisers and administrators do."));
    return false;
}

static void rank(struct awards *a)
{
    if (!may(a))
        return;
    const struct xf_user *u = ctx_of(a)->user;
    if (u && u->n_scopes > 0) {
        say(a, true, _("The ranking covers the whole city: an organiser without a unit scope "
                       "runs it."));
        return;
    }
    const char *kind = xf_award_kinds[a->kind];
    if (a->n > 0) { /* say so before asking, not after */
        char m[300];
        snprintf(m, sizeof m, _("%s of %d are ranked already: a ranking is made once a year."),
                 xf_award_kind_label(kind), a->year);
        say(a, true, m);
        return;
    }
    char *q = NULL, today[XF_DATE_LEN];
    xf_date_today(today);
    /* A year is ranked once: before it is over, its last evaluations
     * would be left out for good. */
    int rc = atoi(today) <= a->year
                 ? asprintf(&q,
                            _("%d is not over: ranked now, its later evaluations, complaints "
                              "and inspections are left out, and a year is ranked once. Rank "
                              "%d's candidates for %s now?"),
                            a->year, a->year, xf_award_kind_label(kind))
                 : asprintf(&q, _("Rank %d's candidates for %s? A year is ranked once."),
                            a->year, xf_award_kind_label(kind));
    if (rc < 0)
        return;
    bool yes = xf_form_confirm(a->ui, q);
    free(q);
    if (!yes)
        return;
    struct xf_error err = {0};
    int ranked = 0;
    if (xf_award_rank_candidates(ctx_of(a), a->year, kind, 0, &ranked, &err) != XF_OK) {
        say_error(a, &err);
        return;
    }
    char done[200];
    if (ranked == 0)
        snprintf(done, sizeof done,
                 _("No post was named by the end of %d with an evaluation that year: nothing "
                   "to rank."),
                 a->year);
    else
        snprintf(done, sizeof done, _("%d candidates ranked."), ranked);
    say(a, false, done);
    a->sel = a->top = 0;
    load(a);
}

/* A decision that is explained: declining a candidate, or taking back a
 * confirmation (reopen). */
struct why {
    struct awards *a;
    int64_t id, version;
    const char *who;
    bool reopen;
    const char *status; /* what the form acts on: "candidate", "confirmed", "declined" */
};

static int why_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct why *d = arg;
    const char *note = xf_form_text(&f->fields[0]);
    return d->reopen ? xf_award_reopen(ctx_of(d->a), d->id, d->version, note, err)
                     : xf_award_decide(ctx_of(d->a), d->id, d->version, false, note, err);
}

/* After a colleague's decision: a candidate still as it was is acted on
 * as it is now; one decided since cannot be (Enter only showed the
 * conflict again). */
static int why_reload(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct why *d = arg;
    struct xf_award_line *v = NULL;
    size_t n = 0;
    int rc = xf_award_list(ctx_of(d->a), d->a->year, xf_award_kinds[d->a->kind], &v, &n, err);
    size_t i = 0;
    while (rc == XF_OK && i < n && v[i].id != d->id)
        i++;
    if (rc == XF_OK && i == n)
        rc = xf_err(err, XF_ENOTFOUND, "", _("%s is no longer listed; Esc closes the form."),
                    d->who);
    else if (rc == XF_OK && strcmp(v[i].status, d->status) != 0)
        rc = xf_err(err, XF_ESTATE, "", _("%s is now %s; Esc closes the form."), d->who,
                    xf_award_status_label(v[i].status));
    else if (rc == XF_OK)
        d->version = v[i].version;
    xf_award_lines_free(v, n);
    return rc;
}

/* Declines l, or takes back its confirmation, after asking why; true when
 * it was done. */
static bool why_form(struct awards *a, const struct xf_award_line *l, const char *who,
                     bool reopen)
{
    bool declined = reopen && !strcmp(l->status, "declined");
    struct xf_form_field field = {.name = "decision_note",
                                  .label = declined ? _("Why reopened")
                                           : reopen ? _("Why taken back")
                                                    : _("Why declined"),
                                  .kind = XF_FIELD_TEXT, .required = true,
                                  .max_chars = XF_AWARD_NOTE_MAX};
    char title[300];
    snprintf(title, sizeof title,
             declined ? _("Reopen %s (rank %d), declined")
             : reopen ? _("Take back the confirmation of %s (rank %d)")
                      : _("Decline %s (rank %d)"),
             who, l->rank);
    struct why d = {a, l->id, l->version, who, reopen,
                    reopen ? (declined ? "declined" : "confirmed") : "candidate"};
    struct xf_form f = {.title = title, .fields = &field, .n = 1, .arg = &d,
                        .submit = why_submit, .reload = why_reload};
    int ok = xf_form_run(a->ui, &f);
    xf_form_free(&f);
    return ok == 1;
}

/* u: a decision given by mistake is taken back; the candidate is
 * undecided again. A declined one takes back the place given to the next
 * in the ranking (refused for a revoked post, said by the domain). */
static void reopen(struct awards *a)
{
    if (!may(a) || a->n == 0)
        return;
    const struct xf_award_line *l = &a->v[a->sel];
    char *name = award_name(a, l);
    const char *who = name ? name : "";
    char m[300];
    struct xf_error err = {0};
    if (strcmp(l->status, "confirmed") != 0 && strcmp(l->status, "declined") != 0) {
        snprintf(m, sizeof m, _("%s is not decided yet: nothing to take back."), who);
        say(a, true, m);
    } else if (!strcmp(l->status, "declined") &&
               xf_award_reopen_check(ctx_of(a), l->id, &err) != XF_OK) {
        say_error(a, &err); /* before the form: a revoked post's is refused for good */
    } else if (why_form(a, l, who, true)) {
        snprintf(m, sizeof m, _("%s is a candidate again."), who);
        say(a, false, m);
        load(a);
    }
    free(name);
}

/* row: the screen line of the candidate, for the question to leave in
 * view. */
/* The selected candidate's screen line, as the view was last drawn (a
 * resize under the question draws it again, the row elsewhere). */
static int sel_line(const void *arg)
{
    const struct awards *a = arg;
    return a->n ? a->win_y + a->first_y + a->sel - a->top : -1;
}

static void decide(struct awards *a, bool confirm)
{
    if (!may(a) || a->n == 0)
        return;
    const struct xf_award_line *l = &a->v[a->sel];
    char *name = award_name(a, l);
    const char *who = name ? name : "";
    if (strcmp(l->status, "candidate") != 0) {
        char m[300], by[160];
        xf_ctx_person(xf_ui_ctx(a->ui), l->decided_by ? l->decided_by : "?", by, sizeof by);
        snprintf(m, sizeof m, _("%s was already %s by %s."), who, xf_award_status_label(l->status),
                 by);
        say(a, true, m);
        free(name);
        return;
    }
    struct xf_error err = {0};
    bool yes;
    if (confirm && xf_award_confirm_check(ctx_of(a), l->id, &err) != XF_OK) {
        say_error(a, &err); /* what stands in the way, before the question */
        free(name);
        return;
    }
    if (confirm) {
        char *q = NULL;
        if (asprintf(&q, _("Confirm %s (rank %d) as an award winner?"), who, l->rank) < 0) {
            free(name);
            return;
        }
        /* The list is read again under the question when another
         * organiser decides meanwhile: l does not outlive it. */
        int64_t id = l->id, version = l->version;
        yes = xf_form_confirm_at(a->ui, q, sel_line, a);
        free(q);
        if (yes && xf_award_decide(ctx_of(a), id, version, true, NULL, &err) != XF_OK)
            say_error(a, &err);
    } else { /* passing over a ranked candidate is explained */
        yes = why_form(a, l, who, false);
    }
    if (yes && !err.code) {
        char m[300];
        snprintf(m, sizeof m, confirm ? _("%s confirmed.") : _("%s declined."), who);
        say(a, false, m);
    }
    free(name);
    if (yes)
        load(a);
}

/* False for a key that is no move (a move at an edge stays quiet). */
static bool move_sel(struct awards *a, enum xf_action act, int page)
{
    int last = a->n ? (int)a->n - 1 : 0;
    switch (act) {
    case XF_A_DOWN: a->sel++; break;
    case XF_A_UP: a->sel--; break;
    case XF_A_PAGE_DOWN: a->sel += page; break;
    case XF_A_PAGE_UP: a->sel -= page; break;
    case XF_A_HOME: a->sel = 0; break;
    case XF_A_END: a->sel = last; break;
    default: return false;
    }
    a->sel = a->sel < 0 ? 0 : a->sel > last ? last : a->sel;
    return true;
}

static int this_year(void)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    return atoi(today);
}

/* Returns false when the view should close. */
static bool key(struct awards *a, WINDOW *w, int k)
{
    enum xf_action act = xf_keys_action_in(k, XF_KEYS_AWARDS);
    a->msg[0] = '\0';
    if (act == XF_A_BACK)
        return false;
    if (act == XF_A_LEFT || act == XF_A_RIGHT || act == XF_A_NEXT_PANE) {
        a->kind = (a->kind + (act == XF_A_LEFT ? 2 : 1)) % 3;
        a->sel = a->top = 0;
        load(a);
    } else if (act == XF_A_AWARD_NEXT_YEAR && a->year >= this_year()) {
        char m[200]; /* a year not begun has nothing to rank */
        snprintf(m, sizeof m, _("%d is the current year; %d has not begun."), a->year,
                 a->year + 1);
        say(a, false, m);
    } else if (act == XF_A_AWARD_PREV_YEAR || act == XF_A_AWARD_NEXT_YEAR) {
        a->year += act == XF_A_AWARD_PREV_YEAR ? -1 : 1;
        a->sel = a->top = 0;
        load(a);
    } else if (act == XF_A_AWARD_RANK)
        rank(a);
    else if (act == XF_A_AWARD_CONFIRM || act == XF_A_AWARD_DECLINE)
        decide(a, act == XF_A_AWARD_CONFIRM);
    else if (act == XF_A_AWARD_REOPEN)
        reopen(a);
    else if (act == XF_A_HISTORY && a->n)
        xf_ui_history(a->ui, "award", a->v[a->sel].id);
    else if (!move_sel(a, act, getmaxy(w) - 5)) {
        char m[256]; /* a key that does nothing here says so, as at the panes */
        if (xf_ui_unanswered_text(k, m, sizeof m))
            say(a, false, m);
    }
    return true;
}

static void draw_view(void *arg, WINDOW *w)
{
    draw(w, arg);
}

static bool key_view(void *arg, WINDOW *w, int k)
{
    struct awards *a = arg;
    if (a->msg[0]) { /* off the screen too, before a form the key opens */
        a->msg[0] = '\0';
        draw(w, a);
    }
    return key(a, w, k);
}

static void changed(void *arg)
{
    load(arg); /* another organiser's decision */
}

int evaluations_awards(struct evals *ev)
{
    struct awards a = {.ui = ev->pane->ui};
    char today[XF_DATE_LEN];
    xf_date_today(today);
    a.year = atoi(today);
    load(&a);
    struct xf_modal_view v = {&a, draw_view, key_view, changed};
    xf_modal_run(a.ui, &v);
    xf_award_lines_free(a.v, a.n);
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}
