/* The Overview pane: the programme's headline figures, live. It reads the
 * copy the framework keeps for the status line (re-read after every
 * commit); its own state is the cursor. The figures with a list behind
 * them (overdue complaints, open rectifications, ...) take the cursor,
 * and Enter opens that list in its pane, filtered to what was counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overview_priv.h"
#include "xf/i18n.h"
#include "xf/overview.h"
#include "xf/date.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_pane.h"

enum { MAX_FIGURES = 8, NO_BAR = -2 };

/* The list behind a figure: the pane's name and what its drill op
 * narrows it to. */
struct target {
    const char *pane, *what;
};

struct section {
    const char *heading;
    struct xf_figure fig[MAX_FIGURES];
    struct target to[MAX_FIGURES]; /* .pane NULL: no list behind it */
    int n;
    const char *bar_label;
    double bar; /* 0..1, -1 no data, NO_BAR none */
};

static void add(struct section *s, const char *label, long long v, bool alert)
{
    struct xf_figure *f = &s->fig[s->n++];
    f->label = label;
    snprintf(f->value, sizeof f->value, "%lld", v);
    f->color = alert && v > 0 ? XF_C_ALERT : XF_C_NORMAL;
}

static void add_text(struct section *s, const char *label, const char *value)
{
    struct xf_figure *f = &s->fig[s->n++];
    f->label = label;
    snprintf(f->value, sizeof f->value, "%s", value);
    f->color = XF_C_NORMAL;
}

/* The last figure added has the list (pane, what) behind it. */
static void aim(struct section *s, const char *pane, const char *what)
{
    s->to[s->n - 1] = (struct target){pane, what};
}

static double ratio(int64_t part, int64_t whole)
{
    return whole > 0 ? (double)part / (double)whole : -1;
}

static void sec_posts(const struct xf_overview *o, struct section *s)
{
    *s = (struct section){.heading = _("Posts"), .bar = NO_BAR};
    add(s, _("proposed"), o->posts_proposed, false);
    aim(s, "posts", "proposed");
    add(s, _("published"), o->posts_published, false);
    aim(s, "posts", "published");
    add(s, _("named"), o->posts_named, false);
    aim(s, "posts", "named");
    add(s, _("revoked"), o->posts_revoked, false);
    aim(s, "posts", "revoked");
}

static void sec_pledges(const struct xf_overview *o, struct section *s)
{
    *s = (struct section){.heading = _("Pledges"), .bar_label = _("kept rate")};
    add(s, _("made"), o->pledges_made, false);
    add(s, _("kept"), o->pledges_kept, false);
    add(s, _("overdue"), o->pledges_overdue, true);
    aim(s, "pledges", "overdue");
    add(s, _("withdrawn"), o->pledges_withdrawn, false);
    s->bar = ratio(o->pledges_kept, o->pledges_made - o->pledges_withdrawn);
}

static void sec_complaints(const struct xf_overview *o, struct section *s)
{
    *s = (struct section){.heading = _("Complaints"), .bar_label = _("on-time rate")};
    add(s, _("received"), o->complaints_received, false);
    /* dispatched at least once, in the lists' word for it (it said
     * "forwarded", 已转办, beside lists saying 已派单) */
    add(s, _("dispatched"), o->complaints_forwarded, false);
    add(s, _("open"), o->complaints_open, false);
    aim(s, "complaints", "open");
    if (o->complaints_extended_late > 0) {
        /* Those not overdue now only because the deadline moved after it
         * had passed: an extension hid them from this count (the row says
         * 已延期, the on-time rate counts them late). */
        char v[sizeof s->fig[0].value];
        snprintf(v, sizeof v, _("%lld (and %lld extended after overdue)"),
                 (long long)o->complaints_overdue, (long long)o->complaints_extended_late);
        add_text(s, _("overdue"), v);
        s->fig[s->n - 1].color = XF_C_ALERT;
    } else {
        add(s, _("overdue"), o->complaints_overdue, true);
    }
    aim(s, "complaints", "overdue");
    add(s, _("supervised"), o->complaints_supervised, true);
    aim(s, "complaints", "supervised");
    add(s, _("closed"), o->complaints_closed, false);
    aim(s, "complaints", "closed");
    add(s, _("closed on time"), o->complaints_closed_on_time, false);
    /* How long the oldest not yet dispatched has waited on a supervisor,
     * as the list's clock counts it: none is left unseen for weeks. */
    if (o->complaints_waiting_days > 0) {
        char v[64];
        snprintf(v, sizeof v,
                 ngettext("%lld working day", "%lld working days",
                          (unsigned long)o->complaints_waiting_days),
                 (long long)o->complaints_waiting_days);
        add_text(s, _("longest wait to dispatch"), v);
    }
    s->bar = ratio(o->complaints_closed_on_time, o->complaints_closed);
}

static void sec_inspections(const struct xf_overview *o, struct section *s)
{
    *s = (struct section){.heading = _("Inspections"), .bar_label = _("pass rate")};
    add(s, _("inspections"), o->inspections, false);
    add(s, _("passed"), o->inspections_passed, false);
    aim(s, "inspections", "passed");
    add(s, _("rectifications open"), o->rectifications_open, false);
    aim(s, "inspections", "rect-open");
    add(s, _("overdue"), o->rectifications_overdue, true);
    aim(s, "inspections", "rect-overdue");
    add(s, _("to verify"), o->rectifications_to_verify, false);
    aim(s, "inspections", "rect-to-verify");
    s->bar = ratio(o->inspections_passed, o->inspections);
}

static void sec_evaluations(const struct xf_overview *o, struct section *s)
{
    *s = (struct section){.heading = _("Evaluations"), .bar_label = _("pass rate")};
    add_text(s, _("quarter"), o->quarter);
    add(s, _("evaluated"), o->evals_quarter, false);
    add(s, _("passed"), o->evals_quarter_passed, false);
    if (*o->quarter_so_far) {
        char v[64];
        snprintf(v, sizeof v, _("%lld so far"), (long long)o->evals_so_far);
        add_text(s, o->quarter_so_far, v);
    }
    s->bar = ratio(o->evals_quarter_passed, o->evals_quarter);
}

static void sec_improvements(const struct xf_overview *o, struct section *s)
{
    *s = (struct section){.heading = _("Improvements"), .bar = NO_BAR};
    char v[64];
    add(s, _("methods"), o->improvements_method, false);
    add(s, _("prerequisites cancelled"), o->improvements_prerequisite, false);
    add(s, _("fees cancelled"), o->improvements_fee, false);
    add(s, _("time cuts"), o->improvements_time_cut, false);
    if (!o->improvements_time_cut)
        return;
    /* The percentage is over the cuts that name a limit: how many is said
     * when that is not all of them, or it reads as the whole count's. */
    if (o->cuts_with_limit && o->cuts_with_limit < o->improvements_time_cut)
        add(s, _("with a national limit"), o->cuts_with_limit, false);
    if (o->cuts_with_limit)
        snprintf(v, sizeof v, _("%.1f days (%.1f%% below the national limit)"), o->avg_cut_days,
                 o->avg_cut_vs_national * 100.0);
    else
        snprintf(v, sizeof v, _("%.1f days"), o->avg_cut_days);
    add_text(s, _("average time cut"), v);
}

static int build(const struct xf_overview *o, struct section *s)
{
    sec_posts(o, &s[0]);
    sec_pledges(o, &s[1]);
    sec_complaints(o, &s[2]);
    sec_inspections(o, &s[3]);
    sec_evaluations(o, &s[4]);
    sec_improvements(o, &s[5]);
    return 6;
}

static int heading_width(const struct section *s, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++) {
        int hw = xf_text_width(s[i].heading);
        w = hw > w ? hw : w;
    }
    return w;
}

/* Draws one section from line y; returns the lines used. Headings take a
 * column of their own when the pane is wide enough, else a line. */
static int bar_label_width(const struct section *s, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++) {
        int lw = s[i].bar > NO_BAR ? xf_text_width(s[i].bar_label) : 0;
        w = lw > w ? lw : w;
    }
    return w;
}

struct widths {
    int heading, bar_label;
};

/* The lines a section takes, without drawing it. */
static int section_lines(int width, struct widths cw, const struct section *s)
{
    bool side = width >= 60;
    int fx = side ? cw.heading + 3 : 3;
    return (side ? 0 : 1) + xf_draw_figures(NULL, 0, fx, width - fx - 1, s->fig, s->n, 0) +
           (s->bar > NO_BAR ? 1 : 0);
}

static int draw_section(WINDOW *w, int y, int width, struct widths cw, int max,
                        const struct section *s)
{
    int hw = cw.heading;
    bool side = width >= 60;
    int fx = side ? hw + 3 : 3, fw = width - fx - 1, used = 0;
    xf_draw_text(w, y, 1, hw, s->heading, xf_draw_attr(XF_C_TITLE));
    if (!side)
        used++;
    used += xf_draw_figures(w, y + used, fx, fw, s->fig, s->n, max - used);
    if (s->bar > NO_BAR && used < max) {
        int lw = cw.bar_label;
        int bw = fw - lw - 1 > 40 ? 40 : fw - lw - 1;
        xf_draw_text(w, y + used, fx, lw, s->bar_label, xf_draw_attr(XF_C_DIM));
        xf_draw_bar(w, y + used, fx + lw + 1, bw, s->bar);
        used++;
    }
    return used;
}

/* "Overview of <units> — figures as of <date>" in room columns: the units
 * give way (their shared parent named once) so that the date and the key
 * after it stay on the line. False when that does not fit. Brief, the
 * words around the units go ("<units> — as of <date>": the tab says it is
 * the Overview) before the units are cut with "…": English cut them at
 * 80 columns where Chinese, in fewer cells, named them. */
static bool scope_head(struct xf_ui *ui, char *head, size_t size, const char *today, int room,
                       bool brief)
{
    const char *scope = xf_ui_scope(ui);
    if (!brief) {
        snprintf(head, size, _("Overview of %s \u2014 figures as of %s"), scope, today);
        if (xf_text_width(head) <= room)
            return true;
        scope = xf_ui_scope_short(ui);
        snprintf(head, size, _("Overview of %s \u2014 figures as of %s"), scope, today);
        return xf_text_width(head) <= room;
    }
    scope = xf_ui_scope_short(ui);
    /* TRANSLATORS: the Overview's title where the full one does not fit:
       the units its figures are of, and the day */
    snprintf(head, size, _("%s as of %s"), scope, today);
    int over = xf_text_width(head) - room;
    if (over <= 0)
        return true;
    int keep = xf_text_width(scope) - over - 1; /* the "…" */
    char cut[400];
    int used = 0;
    size_t n = xf_text_fit_prefix(scope, strlen(scope), keep < 2 ? 2 : keep, &used);
    snprintf(cut, sizeof cut, "%.*s\u2026", (int)n, scope);
    snprintf(head, size, _("%s as of %s"), cut, today);
    return false;
}

struct ov {
    int sel; /* the cursor: which of the figures with a list behind them */
};

/* Marks the figure under the cursor (counted over those with a list,
 * clamped to them); returns its section, -1 when none has a list. */
static int mark_selected(struct section *s, int n, int *sel)
{
    int k = 0, at = -1;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s[i].n; j++)
            if (s[i].to[j].pane)
                k++;
    if (k == 0)
        return -1;
    if (*sel >= k)
        *sel = k - 1;
    if (*sel < 0)
        *sel = 0;
    k = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s[i].n; j++)
            if (s[i].to[j].pane && k++ == *sel) {
                s[i].fig[j].selected = true;
                at = i;
            }
    return at;
}

static const struct target *selected_target(const struct section *s, int n, int sel)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < s[i].n; j++)
            if (s[i].to[j].pane && k++ == sel)
                return &s[i].to[j];
    return NULL;
}

/* The pane's key line: how to reach the lists behind the figures. */
static void draw_hints(struct xf_pane *p, WINDOW *w, int y)
{
    const struct xf_hint hints[] = {
        {XF_A_UP, XF_FKEY(KEY_UP), N_("choose a figure"), XF_A_DOWN, XF_FKEY(KEY_DOWN)},
        {XF_A_DETAIL, '\n', N_("opens the list behind it"), 0, 0}};
    char line[400];
    xf_keys_hints(line, sizeof line, " \u00b7 ", hints, sizeof hints / sizeof hints[0]);
    xf_draw_text(w, y, 1, p->w - 2, line, xf_draw_attr(XF_C_DIM));
}

static void overview_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct ov *ov = p->priv;
    const struct xf_overview *o = xf_ui_overview(p->ui);
    struct section s[6];
    int n = o ? build(o, s) : 0, y = 2;
    int at = o && ov ? mark_selected(s, n, &ov->sel) : -1;
    if (!focused && at >= 0)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < s[i].n; j++)
                s[i].fig[j].selected = false;
    struct widths cw = {heading_width(s, n), bar_label_width(s, n)};
    /* The key line on the last line when there is room to spare for it,
     * else Enter is said in the title (English at 80x24 has no line to
     * spare); the sections from the one under the cursor when it would
     * be below the pane's end (a short terminal). */
    int need = 0;
    for (int i = 0; i < n; i++)
        need += section_lines(p->w, cw, &s[i]) + (i ? 1 : 0);
    bool footer = o && y + need < p->h - 1;
    char today[XF_DATE_LEN];
    xf_date_today(today);
    attr_t title = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
    const struct xf_hint hint[] = {{XF_A_DETAIL, '\n', N_("the figure's list"), 0, 0},
                                   {XF_A_IMPROVEMENTS, 'I', N_("lists the improvements"), 0, 0}};
    /* the keys in fewer words, beside the brief title */
    const struct xf_hint brief[] = {{XF_A_DETAIL, '\n', N_("list"), 0, 0},
                                    {XF_A_IMPROVEMENTS, 'I', N_("improvements"), 0, 0}};
    size_t skip = footer || !o ? 1 : 0; /* the footer says Enter */
    char keys[200], head[400];
    xf_keys_hints(keys, sizeof keys, " \u00b7 ", hint + skip, 2 - skip);
    if (!xf_ui_scope(p->ui) && !skip) {
        /* every key in few words rather than the title cut */
        snprintf(head, sizeof head, _("Overview \u2014 figures as of %s"), today);
        if (xf_text_width(head) + 3 + xf_text_width(keys) > p->w - 2)
            xf_keys_hints(keys, sizeof keys, " \u00b7 ", brief, 2);
    }
    if (xf_ui_scope(p->ui) &&
        !scope_head(p->ui, head, sizeof head, today,
                    p->w - 2 - (*keys ? xf_text_width(keys) + 3 : 0), false)) {
        xf_keys_hints(keys, sizeof keys, " \u00b7 ", brief + skip, 2 - skip);
        if (!scope_head(p->ui, head, sizeof head, today,
                        p->w - 2 - (*keys ? xf_text_width(keys) + 3 : 0), true) &&
            !skip) {
            /* the units whole before Enter's word (the help says it) */
            xf_keys_hints(keys, sizeof keys, " \u00b7 ", brief + 1, 1);
            scope_head(p->ui, head, sizeof head, today,
                       p->w - 2 - (*keys ? xf_text_width(keys) + 3 : 0), true);
        }
    } else if (!xf_ui_scope(p->ui))
        snprintf(head, sizeof head, _("Overview \u2014 figures as of %s"), today);
    xf_draw_printf(w, 0, 1, p->w - 2, title, "%s%s%s", head, *keys ? " \u00b7 " : "", keys);
    if (!o) {
        xf_draw_text(w, 2, 1, p->w - 2, _("The figures could not be read; the status line "
                                         "says why."),
                     xf_draw_attr(XF_C_ALERT));
        return;
    }
    int end = footer ? p->h - 1 : p->h, first = 0;
    for (int lines = 0, i = 0; at >= 0 && i <= at; i++) {
        lines += section_lines(p->w, cw, &s[i]) + 1;
        while (y + lines - 1 > end && first < i)
            lines -= section_lines(p->w, cw, &s[first++]) + 1;
    }
    for (int i = first; i < n && y < end; i++)
        y += draw_section(w, y, p->w, cw, end - y, &s[i]) + 1;
    if (footer)
        draw_hints(p, w, p->h - 1);
}

static int overview_open(struct xf_pane *p, struct xf_error *err)
{
    struct ov *ov = calloc(1, sizeof *ov);
    if (!ov)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    p->priv = ov;
    return XF_OK;
}

static void overview_close(struct xf_pane *p)
{
    free(p->priv);
    p->priv = NULL;
}

/* Enter: the list behind the figure under the cursor. */
static int overview_detail(struct xf_pane *p)
{
    const struct xf_overview *o = xf_ui_overview(p->ui);
    struct ov *ov = p->priv;
    if (!o)
        return XF_UI_HANDLED;
    struct section s[6];
    int n = build(o, s);
    mark_selected(s, n, &ov->sel);
    const struct target *t = selected_target(s, n, ov->sel);
    return t ? xf_ui_drill(p->ui, t->pane, t->what) : XF_UI_HANDLED;
}

/* The framework has re-read the figures already; only repaint. */
static int overview_refresh(struct xf_pane *p, struct xf_error *err)
{
    (void)err;
    p->dirty = p->full = true;
    return XF_OK;
}

static int overview_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    (void)raw;
    struct ov *ov = p->priv;
    int old = ov->sel;
    switch (a) {
    case XF_A_DOWN: ov->sel++; break;
    case XF_A_UP: ov->sel = ov->sel > 0 ? ov->sel - 1 : 0; break;
    case XF_A_HOME: ov->sel = 0; break;
    case XF_A_END: ov->sel = 1000; break; /* clamped to the last when drawn */
    default: break;
    }
    if (a == XF_A_DOWN || a == XF_A_UP || a == XF_A_HOME || a == XF_A_END) {
        const struct xf_overview *o = xf_ui_overview(p->ui);
        if (o) {
            struct section s[6];
            mark_selected(s, build(o, s), &ov->sel);
        }
        if (ov->sel == old)
            return XF_UI_HANDLED;
        p->dirty = p->full = true;
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    if (a != XF_A_IMPROVEMENTS)
        return XF_UI_IGNORED;
    bool wrote = improvements_view(p->ui);
    p->dirty = p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | (wrote ? XF_UI_CHANGED : 0);
}

const struct xf_pane_ops xf_pane_overview = {
    .name = "overview",
    .title = N_("Overview"),
    .open = overview_open,
    .close = overview_close,
    .draw = overview_draw,
    .key = overview_key,
    .detail = overview_detail,
    .refresh = overview_refresh,
    .refresh_under_form = true,
};
