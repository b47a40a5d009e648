/* The detail of one inspection, modal and scrollable: where and by whom,
 * the derived result, every checklist item with its outcome and critical
 * flag, samples, findings, the rectification and its history. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints_ui.h"
#include "inspections.h"
#include "xf/config.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/text.h"
#include "xf/unit.h"
#include "xf/ui_draw.h"

struct dline {
    char *text; /* sanitised, one screen line */
    enum xf_color color;
    bool bold;
};

struct doc {
    struct dline *lines;
    int n, cap, width;
    bool oom;
    char code[64]; /* the inspection's, for the rectification step */
    bool failed; /* failed, and the user may receive complaints: `c` */
    bool failed_only; /* failed, but the user may not: `c` says who may */
    char raised[40];  /* the complaint it raised, "" when none: `c` names it */
    bool may_correct; /* the user logged it, or is an administrator: `e` */
    /* passed with failed items or samples: `c` says their follow-up is a
     * rectification (r), ordered (rect_on) or not yet */
    bool pass_failures, rect_on;
    char why_not[512]; /* when not: who may, for `e` */
};

static void doc_free(struct doc *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->lines[i].text);
    free(d->lines);
    memset(d, 0, sizeof *d);
}

static void push(struct doc *d, const char *text, size_t len, enum xf_color c, bool bold)
{
    if (d->n == d->cap) {
        int ncap = d->cap ? d->cap * 2 : 64;
        struct dline *g = realloc(d->lines, (size_t)ncap * sizeof *g);
        if (!g) {
            d->oom = true;
            return;
        }
        d->lines = g;
        d->cap = ncap;
    }
    char *t = strndup(text, len);
    if (!t) {
        d->oom = true;
        return;
    }
    d->lines[d->n++] = (struct dline){t, c, bold};
}

/* Adds text wrapped at the document width by display cells, keeping its
 * own line breaks, where Chinese text may break (xf_text_wrap_line);
 * indent cells start every continuation line. */
static void add_wrapped(struct doc *d, const char *raw, enum xf_color c, bool bold, int indent)
{
    char *s = xf_text_sanitize(raw, true);
    if (!s) {
        d->oom = true;
        return;
    }
    int width = d->width > indent + 4 ? d->width : indent + 4;
    bool first = true;
    for (char *para = s, *next; para; para = next) {
        next = strchr(para, '\n');
        if (next)
            *next++ = '\0';
        const char *p = para;
        do {
            int off = first ? 0 : indent;
            size_t n = xf_text_wrap_line(p, width - off);
            char *line = NULL;
            if (asprintf(&line, "%*s%.*s", off, "", (int)n, p) >= 0) {
                push(d, line, strlen(line), c, bold);
                free(line);
            } else {
                d->oom = true;
            }
            first = false;
            p += n;
            while (*p == ' ')
                p++;
        } while (*p);
    }
    free(s);
}

static void addf(struct doc *d, enum xf_color c, bool bold, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void addf(struct doc *d, enum xf_color c, bool bold, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) {
        d->oom = true;
        return;
    }
    add_wrapped(d, s, c, bold, 2);
    free(s);
}

static void blank_line(struct doc *d)
{
    push(d, "", 0, XF_C_NORMAL, false);
}

/* ---- content ------------------------------------------------------------------ */

static void add_head(struct doc *d, const struct xf_ctx *ctx, const struct xf_inspection *in,
                     const struct xf_insp_place *pl)
{
    char who[160];
    xf_ctx_person(ctx, in->inspector, who, sizeof who);
    bool fail = strcmp(in->result, "fail") == 0;
    addf(d, XF_C_TITLE, true, "%s \u00b7 %s \u00b7 %s", in->code,
         xf_insp_kind_label(in->kind, 0), in->on_date);
    if (pl->post_code[0])
        addf(d, XF_C_NORMAL, false, _("Post: %s %s"), pl->post_code, pl->post_title);
    addf(d, XF_C_NORMAL, false, _("Unit: %s"), pl->unit_name);
    addf(d, XF_C_NORMAL, false, _("Inspector: %s \u00b7 Checklist: %s"), who,
         xf_insp_checklist_label(in->template_name, in->kind));
    /* The reason a rate failed it: "10.0% of the samples failed" says what
     * "0 of 3 items failed" beside FAIL does not. */
    char why[160] = "";
    struct xf_inspection_tally t = {.samples_checked = in->samples_checked,
                                    .samples_failed = in->samples_failed,
                                    .items_failed = in->items_failed,
                                    .items_applicable = in->items_applicable,
                                    .critical_failed = in->critical_failed};
    if (fail)
        xf_inspection_fail_reason(ctx->cfg, &t, why, sizeof why);
    char passed[96];
    addf(d, fail ? XF_C_ALERT : XF_C_GOOD, true, why[0] ? _("Result: %s (%s)") : _("Result: %s"),
         fail                   ? _("FAIL")
         : in->items_failed > 0 || in->samples_failed > 0
             ? xf_insp_result_text(in->result, in->items_failed, in->samples_failed, false, passed,
                                   sizeof passed)
                                : _("PASS"),
         why);
    addf(d, XF_C_NORMAL, false, _("%d of %d applicable items failed%s"), in->items_failed,
         in->items_applicable, in->critical_failed ? _(", a critical one among them") : "");
    if (strcmp(in->kind, "sample") == 0 || in->samples_checked > 0)
        addf(d, in->samples_failed > 0 ? XF_C_ALERT : XF_C_NORMAL, false,
             _("Samples: %d checked, %d failed"), in->samples_checked, in->samples_failed);
}

/* Corrected since it was logged: when, by whom and why (the last time),
 * from the history, which holds every correction. */
static void add_correction(struct doc *d, const struct xf_ctx *ctx,
                           const struct xf_inspection_correction *c)
{
    if (c->count == 0)
        return;
    char who[160], h[32];
    xf_ctx_person(ctx, c->actor, who, sizeof who);
    addf(d, XF_C_ALERT, false, _("Corrected on %s by %s: %s"), c->at, who, c->note);
    if (c->count > 1)
        addf(d, XF_C_NORMAL, false, _("Corrected %d times; %s shows every change."), c->count,
             xf_keys_hint_name(XF_A_HISTORY, 'H', h, sizeof h));
}

static void add_items(struct doc *d, const struct xf_inspection_item *items, size_t n)
{
    blank_line(d);
    addf(d, XF_C_TITLE, true, "%s", _("Checklist"));
    for (size_t i = 0; i < n; i++) {
        const struct xf_inspection_item *it = &items[i];
        bool fail = strcmp(it->outcome, "fail") == 0;
        char outcome[64];
        xf_text_fit(xf_insp_outcome_label(it->outcome), 6, true, outcome, sizeof outcome);
        addf(d, fail ? XF_C_ALERT : XF_C_NORMAL, fail, "%2d. %s %s%s", it->item_no, outcome,
             it->label, it->critical ? _("  [critical]") : "");
    }
}

static void add_rect(struct doc *d, const struct xf_ctx *ctx, const struct xf_rectification *r,
                     const struct xf_rect_event *ev, size_t n_ev)
{
    char who[160];
    char today[XF_DATE_LEN];
    xf_date_today(today);
    bool overdue = xf_rectification_is_overdue(r, today);
    blank_line(d);
    addf(d, XF_C_TITLE, true, "%s", _("Rectification"));
    if (strcmp(r->status, "cancelled") == 0)
        addf(d, XF_C_NORMAL, false,
             _("Cancelled: not needed since the inspection was corrected to a pass (it was "
               "due %s)"),
             r->due_on);
    else
        addf(d, overdue ? XF_C_ALERT : XF_C_NORMAL, overdue, _("%s, due %s%s"),
             r->returned_note && strcmp(r->status, "open") == 0 ? _("sent back")
                                                                : xf_insp_rect_label(r->status),
             r->due_on, overdue ? _(" (overdue)") : "");
    if (r->returned_note && strcmp(r->status, "open") == 0)
        addf(d, XF_C_ALERT, false, _("Sent back: %s"), r->returned_note);
    if (r->done_on) {
        /* Who reported it: the last step to done in its history (an
         * imported one may have none). */
        const char *by = NULL;
        for (size_t i = n_ev; i-- > 0 && !by;)
            if (ev[i].status && strcmp(ev[i].status, "done") == 0)
                by = ev[i].actor;
        if (by) {
            xf_ctx_person(ctx, by, who, sizeof who);
            addf(d, XF_C_NORMAL, false, _("Reported done on %s by %s: %s"), r->done_on, who,
                 r->done_note ? r->done_note : "");
        } else
            addf(d, XF_C_NORMAL, false, _("Done on %s: %s"), r->done_on,
                 r->done_note ? r->done_note : "");
    }
    if (r->verified_on) {
        xf_ctx_person(ctx, r->verified_by, who, sizeof who);
        addf(d, XF_C_GOOD, false, _("Verified on %s by %s"), r->verified_on, who);
    }
    if (n_ev == 0)
        return;
    blank_line(d);
    addf(d, XF_C_TITLE, true, "%s", _("History of the rectification"));
    for (size_t i = 0; i < n_ev; i++) {
        xf_ctx_person(ctx, ev[i].actor, who, sizeof who);
        /* The deadline it was given, and each time it moved (sent back,
         * corrected): the unit's time is judged against it. */
        char due[200] = "";
        const char *was = ev[i].due_before ? ev[i].due_before : "";
        const char *now = ev[i].due_after ? ev[i].due_after : "";
        if (!was[0] && now[0])
            snprintf(due, sizeof due, _(", due %s"), now);
        else if (was[0] && now[0] && strcmp(was, now) != 0)
            snprintf(due, sizeof due, _(", deadline moved from %s to %s"), was, now);
        /* In the list's words: sent back, not "open" (a step back to open
         * is a send-back; the list says 已退回/sent back for it). */
        bool back =
            strcmp(ev[i].action, "rectification.return") == 0 && strcmp(ev[i].status, "open") == 0;
        addf(d, XF_C_NORMAL, false, "%s  %s  %s \u2192 %s%s%s%s", ev[i].at, who,
             xf_history_action_label(ev[i].action),
             back ? _("sent back") : xf_insp_rect_label(ev[i].status), due,
             /* TRANSLATORS: before a step's note ("：" in Chinese) */
             ev[i].note[0] ? xf_gettext_ctx(NC_("note", ": ")) : "", ev[i].note);
    }
}

/* Reads everything and lays it out at width; XF_OK or the error. */
static int build(struct xf_pane *p, int64_t id, const struct xf_insp_place *pl, struct doc *d,
                 struct xf_error *err)
{
    const struct xf_ctx *ctx = xf_ui_ctx(p->ui);
    struct xf_inspection in = {0};
    struct xf_inspection_item *items = NULL;
    struct xf_rectification r = {0};
    struct xf_rect_event *ev = NULL;
    size_t n_items = 0, n_ev = 0;
    int rc = xf_inspection_get(ctx, id, &in, err);
    if (!rc)
        rc = xf_inspection_items(ctx, id, &items, &n_items, err);
    struct xf_inspection_correction corr = {0};
    if (!rc)
        rc = xf_inspection_corrections(ctx, id, &corr, err);
    bool has_rect = false;
    /* A passed one may have had one, cancelled by a correction. */
    if (!rc) {
        rc = xf_inspection_rectification(ctx, id, &r, err);
        has_rect = rc == XF_OK;
        if (rc == XF_ENOTFOUND)
            rc = XF_OK; /* an imported failure may predate rectifications */
        if (has_rect)
            rc = xf_rectification_history(ctx, r.id, &ev, &n_ev, err);
    }
    char *raised = NULL;
    if (!rc && strcmp(in.result, "fail") == 0)
        rc = xf_complaint_of_inspection(ctx, id, &raised, err);
    if (!rc) {
        snprintf(d->code, sizeof d->code, "%s", in.code);
        snprintf(d->raised, sizeof d->raised, "%s", raised ? raised : "");
        bool fail = strcmp(in.result, "fail") == 0;
        d->failed = fail && !raised && (xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE) ||
                                        xf_perm_allows(ctx, XF_P_INSPECT));
        d->failed_only = fail && !d->failed;
        d->rect_on = has_rect && r.status && strcmp(r.status, "cancelled") != 0;
        /* r orders it for an inspector only: others keep the plain word */
        d->pass_failures = xf_inspection_passed_with_failures(&in) &&
                           (d->rect_on || xf_perm_allows(ctx, XF_P_INSPECT));
        struct xf_error why = {0};
        d->may_correct = xf_inspection_correct_check(ctx, &in, &why) == XF_OK;
        snprintf(d->why_not, sizeof d->why_not, "%s", why.msg);
        add_head(d, ctx, &in, pl);
        add_correction(d, ctx, &corr);
        add_items(d, items, n_items);
        blank_line(d);
        addf(d, XF_C_TITLE, true, "%s", _("Findings"));
        add_wrapped(d, in.findings[0] ? in.findings : _("(none)"), XF_C_NORMAL, false, 0);
        if (raised) {
            blank_line(d);
            addf(d, XF_C_TITLE, true, "%s", _("Complaint raised"));
            addf(d, XF_C_NORMAL, false, _("Raised as complaint %s."), raised);
        }
        if (has_rect)
            add_rect(d, ctx, &r, ev, n_ev);
        if (d->oom)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    free(raised);
    xf_inspection_correction_clear(&corr);
    xf_rect_events_free(ev, n_ev);
    xf_rectification_clear(&r);
    xf_inspection_items_free(items, n_items);
    xf_inspection_clear(&in);
    return rc;
}

/* ---- the viewer -------------------------------------------------------------------- */

static void draw(WINDOW *w, const struct doc *d, int top)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    char c[32], e[32], help[32], back[32], title[200], fix[64] = "";
    xf_keys_hint_name(XF_A_RAISE_COMPLAINT, 'c', c, sizeof c);
    xf_keys_hint_name(XF_A_EDIT, 'e', e, sizeof e);
    xf_keys_hint_name(XF_A_HELP, '?', help, sizeof help);
    xf_keys_hint_name(XF_A_BACK, 'q', back, sizeof back);
    /* Offered to who may: the inspector who logged it, an administrator. */
    if (d->may_correct)
        snprintf(fix, sizeof fix, _("%s correct · "), e);
    if (d->failed)
        snprintf(title, sizeof title,
                 _(" Inspection · %s%s raise a complaint · %s help · %s closes "), fix, c, help,
                 back);
    else
        snprintf(title, sizeof title, _(" Inspection · %s%s help · %s closes "), fix, help,
                 back);
    int tw = xf_text_width(title);
    xf_draw_text(w, 0, 2, tw < wd - 4 ? tw : wd - 4, title, xf_draw_attr(XF_C_TITLE));
    for (int r = 0; r < h - 2 && top + r < d->n; r++) {
        const struct dline *l = &d->lines[top + r];
        attr_t a = xf_draw_attr(l->color) | (l->bold ? A_BOLD : 0);
        xf_draw_text(w, 1 + r, 2, wd - 4, l->text, a);
    }
    if (top + h - 2 < d->n) {
        /* with its key, as the help's (it said "more", and not how) */
        const char *more = _(" more: PgDn ");
        int mw = xf_text_width(more);
        int x = wd - mw - 3 > 1 ? wd - mw - 3 : 1;
        xf_draw_text(w, h - 1, x, mw, more, xf_draw_attr(XF_C_DIM));
    }
    wnoutrefresh(w);
}

/* Moves by the bound keys (and Space, as in a pager). */
static int scroll_key(int key, int top, int page, int max)
{
    switch (key == ' ' ? XF_A_PAGE_DOWN : xf_keys_action(key)) {
    case XF_A_DOWN: top++; break;
    case XF_A_UP: top--; break;
    case XF_A_PAGE_DOWN: top += page; break;
    case XF_A_PAGE_UP: top -= page; break;
    case XF_A_HOME: top = 0; break;
    case XF_A_END: top = max; break;
    default: break;
    }
    return top > max ? max : top < 0 ? 0 : top;
}

/* `c` on a failed inspection (supervisors, inspectors): the finding as a complaint
 * (SPEC §2.6 "may raise a complaint"), the receive form filled in with
 * the source, the post or unit and the findings. */
static int raise_complaint(struct xf_pane *p, int64_t id, const struct xf_insp_place *pl)
{
    const struct xf_ctx *ctx = xf_ui_ctx(p->ui);
    if (!xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE) && !xf_perm_allows(ctx, XF_P_INSPECT)) {
        xf_ui_message(p->ui, true, _("Only supervisors and inspectors raise complaints."));
        return XF_UI_HANDLED;
    }
    struct xf_inspection in = {0};
    struct xf_unit u = {0};
    struct xf_error err = {0};
    if (xf_inspection_get(ctx, id, &in, &err) != XF_OK ||
        xf_unit_get(ctx, in.unit_id, &u, &err) != XF_OK) {
        xf_ui_error(p->ui, &err);
        xf_inspection_clear(&in);
        return XF_UI_HANDLED;
    }
    char *post_label = NULL, *unit_label = NULL, *text = NULL;
    struct xf_error lerr = {0};
    if (xf_complaint_unit_pick_label(ctx, u.id, &unit_label, &lerr) != XF_OK)
        unit_label = NULL; /* as the unit finder lists it */
    if (in.post_id && asprintf(&post_label, "%s  %s", pl->post_code, pl->post_title) < 0)
        post_label = NULL;
    if (asprintf(&text, _("Inspection %s on %s failed: %s"), in.code, in.on_date,
                 in.findings[0] ? in.findings : _("(no findings written)")) < 0)
        text = NULL;
    struct xfc_prefill pre = {.source = "inspection",
                              .inspection_id = id,
                              .post_id = in.post_id,
                              .post_code = in.post_id ? pl->post_code : NULL,
                              .post_label = post_label,
                              .unit_id = u.id,
                              .unit_code = u.code,
                              .unit_label = unit_label,
                              .text = text};
    int64_t new_id = 0;
    int r = xfc_new_from(p->ui, &pre, &new_id);
    if (new_id)
        xf_ui_message(p->ui, false, _("Complaint received from inspection %s."), in.code);
    free(post_label);
    free(unit_label);
    free(text);
    xf_unit_clear(&u);
    xf_inspection_clear(&in);
    return r;
}

static char *dup0(const char *s)
{
    return strdup(s ? s : "");
}

static int detail_loop(struct xf_pane *p, int64_t id, const struct xf_insp_place *place);

/* place points into the list's rows, which another user's commit makes the
 * pane read again while the detail is open: the detail keeps its own copy. */
int xf_insp_detail_run(struct xf_pane *p, int64_t id, const struct xf_insp_place *place)
{
    char *code = dup0(place->post_code), *title = dup0(place->post_title),
         *unit = dup0(place->unit_name);
    int r = XF_UI_HANDLED;
    if (code && title && unit) {
        const struct xf_insp_place own = {code, title, unit};
        r = detail_loop(p, id, &own);
    }
    free(code);
    free(title);
    free(unit);
    return r;
}

static int detail_loop(struct xf_pane *p, int64_t id, const struct xf_insp_place *place)
{
    int top = 0, changed = 0;
    for (;;) {
        int wd = COLS - 4 < 100 ? COLS - 4 : 100, h = LINES - 2;
        struct doc d = {.width = wd - 4};
        struct xf_error err = {0};
        if (wd < 20 || h < 5 || build(p, id, place, &d, &err) != XF_OK) {
            doc_free(&d);
            if (err.code)
                xf_ui_error(p->ui, &err);
            return XF_UI_HANDLED | XF_UI_REDRAW_ALL | changed;
        }
        if (d.n + 2 < h)
            h = d.n + 2;
        WINDOW *w = newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2);
        /* The rows it covers, blank from edge to edge: the list's ends of
         * lines ("20│", "│02") were left beside the box. */
        WINDOW *back = newwin(h, COLS, (LINES - h) / 2, 0);
        bool resized = false; /* or changed: read and laid out again */
        bool dirty = true;
        while (w && !xf_ui_stopping()) {
            int max = d.n - (h - 2) > 0 ? d.n - (h - 2) : 0;
            top = top > max ? max : top;
            if (dirty && back) {
                werase(back);
                wnoutrefresh(back);
            }
            if (dirty) /* after a key, not on every idle tick */
                draw(w, &d, top);
            dirty = true;
            doupdate();
            int key;
            keypad(w, TRUE);
            wtimeout(w, 250);
            if (!xf_ui_read_key(w, &key)) {
                /* Another user's change (a rectification step) shows at once. */
                if (xf_ui_poll(p->ui)) {
                    resized = true;
                    break;
                }
                dirty = false;
                continue;
            }
            if (key == XF_FKEY(KEY_RESIZE)) {
                resized = true;
                break;
            }
            enum xf_action act = xf_keys_action_in(key, XF_KEYS_INSPECTION_DETAIL);
            if (act == XF_A_BACK || act == XF_A_DETAIL)
                break;
            if (act == XF_A_HELP) { /* over the detail, as over the panes */
                delwin(w);
                w = NULL;
                xf_ui_help(p->ui);
                resized = true;
                break;
            }
            if (act == XF_A_HISTORY) { /* as H on the list's row */
                delwin(w);
                w = NULL;
                xf_ui_history(p->ui, "inspection", id);
                resized = true;
                break;
            }
            if (act == XF_A_RAISE_COMPLAINT && d.raised[0]) {
                xf_ui_message(p->ui, false, _("This inspection raised complaint %s already."),
                              d.raised);
                xf_ui_repaint(p->ui);
                continue;
            }
            if (act == XF_A_RAISE_COMPLAINT && d.failed_only) {
                /* The status line is below this window: say it there. */
                xf_ui_message(p->ui, true, _("Only supervisors and inspectors raise complaints."));
                xf_ui_repaint(p->ui);
                continue;
            }
            if (act == XF_A_RAISE_COMPLAINT && d.pass_failures) {
                /* "passed: a complaint is raised from a failed one" left an
                 * inspector with failed items in front of them and no way
                 * on: say what follows them up. */
                char rk[32];
                xf_keys_hint_name(XF_A_RECTIFY, 'r', rk, sizeof rk);
                if (d.rect_on)
                    xf_ui_message(p->ui, false,
                                  _("Passed, so no complaint: the failed items are in its "
                                    "rectification (%s)."),
                                  rk);
                else
                    xf_ui_message(p->ui, false,
                                  _("Passed, so no complaint: %s orders the failed items put "
                                    "right."),
                                  rk);
                xf_ui_repaint(p->ui);
                continue;
            }
            if (act == XF_A_RAISE_COMPLAINT && !d.failed) {
                /* said, not ignored: a key that did nothing left the
                 * inspector wondering */
                xf_ui_message(p->ui, false, "%s",
                              _("This inspection passed: a complaint is raised from a failed "
                                "one."));
                xf_ui_repaint(p->ui);
                continue;
            }
            if (act == XF_A_RAISE_COMPLAINT && d.failed) {
                delwin(w);
                w = NULL;
                int r = raise_complaint(p, id, place);
                if (r & XF_UI_CHANGED) {
                    if (back)
                        delwin(back);
                    doc_free(&d);
                    xf_ui_repaint(p->ui);
                    return r | XF_UI_REDRAW_ALL;
                }
                resized = true; /* lay the detail out again */
                break;
            }
            if (act == XF_A_EDIT && !d.may_correct) { /* said at once, with who may */
                xf_ui_message(p->ui, true, "%s", d.why_not);
                xf_ui_repaint(p->ui);
                continue;
            }
            if (act == XF_A_EDIT) { /* the correction, then the detail as corrected */
                delwin(w);
                w = NULL;
                changed |= xf_insp_correct_run(p, id) & XF_UI_CHANGED;
                resized = true;
                break;
            }
            if (act == XF_A_RECTIFY) { /* as in the list; the detail then shows the step */
                delwin(w);
                w = NULL;
                changed |= xf_insp_rectify(p, id, d.code) & XF_UI_CHANGED;
                resized = true;
                break;
            }
            top = scroll_key(key, top, h - 3, max);
        }
        if (w)
            delwin(w);
        if (back)
            delwin(back);
        doc_free(&d);
        xf_ui_repaint(p->ui);
        if (!resized)
            return XF_UI_HANDLED | XF_UI_REDRAW_ALL | changed;
    }
}
