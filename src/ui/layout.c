/* Windows on screen: the tab bar, one to three pane columns, the status
 * line. Every size change goes through xf_ui_layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

enum { WIDE_COLS = 160, COLUMN_MIN = 80, MIN_ROWS = 6, MIN_COLS = 30 };

static void drop(WINDOW **w)
{
    if (*w)
        delwin(*w);
    *w = NULL;
}

void xf_ui_windows_free(struct xf_ui *ui)
{
    drop(&ui->tabwin);
    drop(&ui->statwin);
    for (int i = 0; i < XF_UI_MAX_COLUMNS; i++)
        drop(&ui->sepwin[i]);
    for (int i = 0; i < ui->n_panes; i++)
        drop(&ui->panes[i].win);
}

/* How many pane columns fit: one below 160 columns, then one per 80. */
static int column_count(const struct xf_ui *ui)
{
    int n = ui->cols < WIDE_COLS ? 1 : ui->cols / COLUMN_MIN;
    if (n > XF_UI_MAX_COLUMNS)
        n = XF_UI_MAX_COLUMNS;
    return n > ui->n_panes ? ui->n_panes : n;
}

/* Keeps the focused pane among the shown ones, moving the window of shown
 * panes as little as possible. */
static void choose_shown(struct xf_ui *ui)
{
    ui->n_shown = column_count(ui);
    if (ui->focus < ui->first)
        ui->first = ui->focus;
    if (ui->focus >= ui->first + ui->n_shown)
        ui->first = ui->focus - ui->n_shown + 1;
    if (ui->first > ui->n_panes - ui->n_shown)
        ui->first = ui->n_panes - ui->n_shown;
    if (ui->first < 0)
        ui->first = 0;
}

static void place_panes(struct xf_ui *ui)
{
    int h = ui->rows - 2;
    for (int c = 0; c < ui->n_shown; c++) {
        int x0 = c * ui->cols / ui->n_shown;
        int x1 = (c + 1) * ui->cols / ui->n_shown;
        bool last = c == ui->n_shown - 1;
        struct xf_pane *p = &ui->panes[ui->first + c];
        p->h = h;
        p->w = x1 - x0 - (last ? 0 : 1);
        p->win = newwin(h, p->w, 1, x0);
        p->dirty = p->full = true;
        if (!last)
            ui->sepwin[c] = newwin(h, 1, 1, x1 - 1);
    }
}

bool xf_ui_size_too_small(int rows, int cols)
{
    return rows < MIN_ROWS || cols < MIN_COLS;
}

void xf_ui_layout(struct xf_ui *ui)
{
    xf_ui_windows_free(ui);
    getmaxyx(stdscr, ui->rows, ui->cols);
    ui->too_small = xf_ui_size_too_small(ui->rows, ui->cols) || ui->n_panes == 0;
    werase(stdscr);
    wnoutrefresh(stdscr);
    if (ui->too_small)
        return;
    choose_shown(ui);
    ui->tabwin = newwin(1, ui->cols, 0, 0);
    ui->statwin = newwin(1, ui->cols, ui->rows - 1, 0);
    place_panes(ui);
    ui->tabs_dirty = ui->status_dirty = true;
}

bool xf_ui_is_shown(const struct xf_ui *ui, int i)
{
    return !ui->too_small && i >= ui->first && i < ui->first + ui->n_shown;
}

/* ---- painting ------------------------------------------------------------ */

/* The label of tab i at a compaction level: 0 " 1 Overview ", 1 "1 Overview",
 * 2 "3 Pledges" (a pane's short title where it has one), 3 "1 Over…"
 * (short titles of other tabs cut to fit cells), 4 only the digit unless
 * it is the focused tab. Caller frees. */
static char *tab_label(const struct xf_ui *ui, int i, int level, int fit)
{
    char *label = NULL;
    const struct xf_pane_ops *ops = ui->panes[i].ops;
    const char *title = _(level >= 2 && ops->short_title ? ops->short_title : ops->title);
    char cut[128];
    if (level == 3 && i != ui->focus) {
        xf_text_fit(title, fit, false, cut, sizeof cut);
        title = cut;
    }
    int rc = level == 0                     ? asprintf(&label, " %d %s ", i + 1, title)
             : level < 4 || i == ui->focus ? asprintf(&label, "%d %s", i + 1, title)
                                            : asprintf(&label, "%d", i + 1);
    return rc < 0 ? NULL : label;
}

static int tabs_width(const struct xf_ui *ui, int level, int fit)
{
    int total = 0;
    for (int i = 0; i < ui->n_panes; i++) {
        char *label = tab_label(ui, i, level, fit);
        total += (label ? xf_text_width(label) : 0) + 1;
        free(label);
    }
    return total - 1;
}

/* The least compaction at which every tab fits on one line, and for level
 * 2 the widest cut of the other titles that fits. */
static int tab_level(const struct xf_ui *ui, int *fit)
{
    *fit = 0;
    for (int level = 0; level < 3; level++)
        if (tabs_width(ui, level, 0) <= ui->cols)
            return level;
    for (*fit = 12; *fit >= 3; (*fit)--)
        if (tabs_width(ui, 3, *fit) <= ui->cols)
            return 3;
    return 4;
}

static void paint_tabs(struct xf_ui *ui)
{
    WINDOW *w = ui->tabwin;
    xf_draw_fill(w, 0, 0, ui->cols, xf_draw_attr(XF_C_TAB));
    int fit, x = 0, level = tab_level(ui, &fit);
    for (int i = 0; i < ui->n_panes; i++) {
        char *label = tab_label(ui, i, level, fit);
        if (!label)
            return;
        int lw = xf_text_width(label);
        enum xf_color c = i == ui->focus         ? XF_C_TAB_ACTIVE
                          : xf_ui_is_shown(ui, i) ? XF_C_TAB_SHOWN
                                                  : XF_C_TAB;
        if (x < ui->cols)
            xf_draw_text(w, 0, x, lw < ui->cols - x ? lw : ui->cols - x, label,
                         xf_draw_attr(c));
        ui->tab_x[i] = x;
        ui->tab_w[i] = lw;
        x += lw + 1;
        free(label);
    }
    wnoutrefresh(w);
}


static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path ? path : "";
}

/* Who is at work, as much as fits in width: the person ("刘洋 (liu.yang)",
 * as every form and message names people), role and database; then
 * without the database (the role matters more than the file's name); then
 * the plain role; then the person alone; the name alone only where even
 * that does not fit. The login stayed only while nothing was said, and
 * went whenever a message took the room. */
static char *who_text(const struct xf_ui *ui, int width)
{
    const struct xf_user *u = ui->s.ctx.user;
    const char *name = u && u->name && *u->name ? u->name : ui->s.login;
    const char *role = xf_role_label(ui->s.ctx.role), *db = base_name(xf_db_path(ui->s.db));
    char who[160];
    xf_ctx_person(&ui->s.ctx, ui->s.login, who, sizeof who);
    /* A scoped user's role names their units: what every figure covers. */
    char *r = NULL;
    if (ui->scope && asprintf(&r, _("%s of %s"), role, ui->scope) >= 0)
        role = r;
    else
        r = NULL;
    /* A pretended day (--today) on the shared database, where nothing is
     * saved: said all along (not only when a save is refused), before
     * the role and the file when the line is short. */
    char look[96] = "";
    if (ui->s.look_only) {
        char today[XF_DATE_LEN];
        xf_date_today(today);
        snprintf(look, sizeof look, _("%s read-only"), today);
    }
    char *s = NULL;
    for (int level = 0; level < 5; level++) {
        free(s);
        s = NULL;
        if (level == 2) /* the plain role, when its units leave no room */
            role = xf_role_label(ui->s.ctx.role);
        int n;
        if (*look)
            n = level == 0   ? asprintf(&s, " %s \u00b7 %s \u00b7 %s \u00b7 %s", who, role, db, look)
                : level == 1 ? asprintf(&s, " %s \u00b7 %s \u00b7 %s", who, role, look)
                : level == 2 ? asprintf(&s, " %s \u00b7 %s", who, look)
                             : asprintf(&s, " %s", look);
        else
            n = level == 0   ? asprintf(&s, " %s \u00b7 %s \u00b7 %s", who, role, db)
                : level <= 2 ? asprintf(&s, " %s \u00b7 %s", who, role)
                : level == 3 ? asprintf(&s, " %s", who)
                             : asprintf(&s, " %s", name); /* beside figures that need the room */
        if (n < 0) {
            s = NULL;
            break;
        }
        if (xf_text_width(s) <= width)
            break;
    }
    free(r);
    return s;
}

/* The width of who_text's name and plain role, or of the person with the
 * login if wider, which the figures leave room for when they can. */
static int who_min(const struct xf_ui *ui)
{
    const struct xf_user *u = ui->s.ctx.user;
    const char *name = u && u->name && *u->name ? u->name : ui->s.login;
    char who[160], *s = NULL;
    xf_ctx_person(&ui->s.ctx, ui->s.login, who, sizeof who);
    if (asprintf(&s, " %s \u00b7 %s", name, xf_role_label(ui->s.ctx.role)) < 0)
        return 0;
    int w = xf_text_width(s), wp = 1 + xf_text_width(who);
    free(s);
    return w > wp ? w : wp;
}

/* The figures of the user's work, as forms from the longest words to the
 * shortest (at most XF_COUNTS_FORMS, each owned by the caller); how many.
 * The first *whole of them give every figure; a supervisor's last one
 * leaves out those due soon, for a line too narrow for all five. */
enum { XF_COUNTS_FORMS = 4 };

static int counts_forms(const struct xf_ui *ui, char *out[XF_COUNTS_FORMS], int *whole)
{
    int n = 0;
    *whole = 1;
    if (!ui->ov_ok)
        return asprintf(&out[0], "%s ", _("figures unavailable")) < 0 ? 0 : 1;
    switch (ui->s.ctx.role) {
    case XF_ROLE_SUPERVISOR: { /* their own work */
        long long over = ui->ov.complaints_overdue, sup = ui->ov.complaints_supervised;
        if (asprintf(&out[n],
                     _("Overdue %lld \u00b7 Due soon %ld \u00b7 Supervised %lld \u00b7 To rule on "
                       "%ld \u00b7 To call back %ld "),
                     over, ui->due_soon, sup, ui->to_rule, ui->to_call) >= 0)
            n++;
        /* Due soon kept, in fewer words (it was dropped). */
        if (asprintf(&out[n],
                     _("Overdue %lld \u00b7 Due soon %ld \u00b7 Supervised %lld \u00b7 Returns %ld "
                       "\u00b7 Callbacks %ld "),
                     over, ui->due_soon, sup, ui->to_rule, ui->to_call) >= 0)
            n++;
        /* At 80 columns, fewer still: beside the name and the role (the
         * role went to make room, and with it what the figures cover). */
        if (asprintf(&out[n],
                     _("Overdue %lld \u00b7 Soon %ld \u00b7 Supervised %lld \u00b7 Returns %ld "
                       "\u00b7 Calls %ld "),
                     over, ui->due_soon, sup, ui->to_rule, ui->to_call) >= 0)
            n++;
        *whole = n;
        if (asprintf(&out[n],
                     _("Overdue %lld \u00b7 Supervised %lld \u00b7 To rule on %ld \u00b7 To call "
                       "back %ld "),
                     over, sup, ui->to_rule, ui->to_call) >= 0)
            n++;
        return n;
    }
    case XF_ROLE_HANDLER: { /* their own work */
        /* overdue and due soon of the same: a co-handled complaint is the
         * lead's to move (it was counted here, not in the two before);
         * and the rectifications their units are to report done */
        long long rect = ui->ov.rectifications_open;
        if (asprintf(&out[n],
                     _("To sign for %ld \u00b7 To reply %ld \u00b7 Overdue %ld \u00b7 Due soon %ld "
                       "\u00b7 To rectify %lld "),
                     ui->to_sign, ui->to_reply, ui->lead_overdue, ui->lead_due_soon, rect) >= 0)
            n++;
        if (asprintf(&out[n],
                     _("Sign for %ld \u00b7 Reply %ld \u00b7 Overdue %ld \u00b7 Due soon %ld "
                       "\u00b7 Rectify %lld "),
                     ui->to_sign, ui->to_reply, ui->lead_overdue, ui->lead_due_soon, rect) >= 0)
            n++;
        *whole = n;
        return n;
    }
    case XF_ROLE_INSPECTOR: /* their own work */
        n = asprintf(&out[0], _("Rectifications to verify %lld \u00b7 overdue %lld "),
                     (long long)ui->ov.rectifications_to_verify,
                     (long long)ui->ov.rectifications_overdue);
        return n < 0 ? 0 : 1;
    default:
        n = asprintf(&out[0],
                     _("Overdue complaints %lld \u00b7 Supervised %lld \u00b7 Overdue pledges %lld "),
                     (long long)ui->ov.complaints_overdue, (long long)ui->ov.complaints_supervised,
                     (long long)ui->ov.pledges_overdue);
        return n < 0 ? 0 : 1;
    }
}

/* The figures for the status line: the first form that fits in beside,
 * cells beside the name and role of who is at work; else the first that
 * fits in width, the name then standing alone (the figures are the work,
 * and the user knows their role); else the shortest. */
static char *counts_text(const struct xf_ui *ui, int width, int beside)
{
    char *form[XF_COUNTS_FORMS] = {0};
    int whole, n = counts_forms(ui, form, &whole), pick = -1;
    for (int i = 0; i < whole && i < n && pick < 0; i++)
        if (xf_text_width(form[i]) <= beside)
            pick = i;
    for (int i = 0; i < n && pick < 0; i++)
        if (xf_text_width(form[i]) <= width)
            pick = i;
    if (pick < 0)
        pick = n - 1;
    for (int i = 0; i < n; i++)
        if (i != pick)
            free(form[i]);
    return pick < 0 ? NULL : form[pick];
}

static bool counts_alert(const struct xf_ui *ui)
{
    if (ui->ov_ok && ui->s.ctx.role == XF_ROLE_HANDLER)
        return ui->to_sign || ui->to_reply || ui->lead_overdue || ui->lead_due_soon ||
               ui->ov.rectifications_open;
    if (ui->ov_ok && ui->s.ctx.role == XF_ROLE_INSPECTOR)
        return ui->ov.rectifications_to_verify || ui->ov.rectifications_overdue;
    if (ui->ov_ok && ui->s.ctx.role == XF_ROLE_SUPERVISOR)
        return ui->ov.complaints_overdue || ui->ov.complaints_supervised || ui->to_rule ||
               ui->to_call || ui->due_soon;
    return ui->ov_ok && (ui->ov.complaints_overdue || ui->ov.complaints_supervised ||
                         ui->ov.pledges_overdue);
}

static void paint_status(struct xf_ui *ui)
{
    WINDOW *w = ui->statwin;
    attr_t base = xf_draw_attr(XF_C_STATUS);
    xf_draw_fill(w, 0, 0, ui->cols, base);
    /* Three cells at least between who and the figures (below). */
    char *right = counts_text(ui, ui->cols - 12, ui->cols - 3 - who_min(ui));
    const char *r = ui->msg ? ui->msg : right ? right : "";
    int rw = xf_text_width(r) + (ui->msg ? 2 : 0);
    /* A message that does not fit beside who is using the program takes
     * the whole line until the next key: the message matters now. */
    int room = ui->msg && rw > ui->cols - 12 ? ui->cols - 1 : ui->cols - 12;
    if (rw > room)
        rw = room;
    int lw = ui->cols - rw - 1;
    /* A short message leaves who as it was beside the figures: it grew
     * into the room (the units and the file) after every step, and went
     * back at the next key. */
    int cw = right ? xf_text_width(right) : 0;
    if (cw > ui->cols - 12)
        cw = ui->cols - 12;
    if (ui->msg && lw > ui->cols - cw - 1) {
        lw = ui->cols - cw - 1;
        rw = ui->cols - lw - 1;
    }
    /* Three cells at least between who and the figures, or they read as
     * one ("… · admin Overdue complaints 0"). */
    char *who = who_text(ui, lw - 2);
    if (lw > 0)
        xf_draw_text(w, 0, 0, lw, who ? who : "", base);
    attr_t ra = ui->msg_error || (!ui->msg && counts_alert(ui)) ? base | A_BOLD : base;
    xf_draw_text_align(w, 0, lw + 1, rw, r, ra, XF_ALIGN_RIGHT);
    free(who);
    free(right);
    wnoutrefresh(w);
}

static void paint_separators(struct xf_ui *ui)
{
    for (int c = 0; c < XF_UI_MAX_COLUMNS; c++) {
        WINDOW *w = ui->sepwin[c];
        if (!w)
            continue;
        wattrset(w, xf_draw_attr(XF_C_DIM));
        mvwvline(w, 0, 0, ACS_VLINE, getmaxy(w));
        wattrset(w, A_NORMAL);
        wnoutrefresh(w);
    }
}

static void paint_pane(struct xf_ui *ui, struct xf_pane *p)
{
    if (p->full)
        werase(p->win);
    if (p->opened)
        p->ops->draw(p, p->win, p == &ui->panes[ui->focus]);
    else
        xf_draw_text(p->win, 1, 1, p->w - 2, _("This pane could not be opened; "
                                               "the status line says why."),
                     xf_draw_attr(XF_C_ALERT));
    p->dirty = p->full = false;
    wnoutrefresh(p->win);
}

void xf_ui_paint_too_small(bool held)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    werase(stdscr);
    xf_draw_text(stdscr, 0, 0, cols, _("Terminal too small"), A_BOLD);
    if (rows > 1)
        xf_draw_printf(stdscr, 1, 0, cols, A_NORMAL, _("need %dx%d"), MIN_COLS, MIN_ROWS);
    if (rows > 2)
        xf_draw_text(stdscr, 2, 0, cols, held ? _("make it larger to go on") : _("q quits"), A_NORMAL);
    wnoutrefresh(stdscr);
}


void xf_ui_paint(struct xf_ui *ui)
{
    if (ui->too_small) {
        xf_ui_paint_too_small(false);
        return;
    }
    bool seps = ui->repair;
    for (int i = ui->first; i < ui->first + ui->n_shown; i++) {
        struct xf_pane *p = &ui->panes[i];
        if (ui->repair)
            touchwin(p->win);
        if (p->dirty) {
            seps |= p->full;
            paint_pane(ui, p);
        } else if (ui->repair) {
            wnoutrefresh(p->win);
        }
    }
    if (ui->tabs_dirty)
        paint_tabs(ui);
    if (ui->status_dirty)
        paint_status(ui);
    if (seps)
        paint_separators(ui);
    ui->tabs_dirty = ui->status_dirty = ui->repair = false;
}

void xf_ui_paint_status(struct xf_ui *ui)
{
    if (!ui->status_dirty || ui->too_small)
        return;
    paint_status(ui);
    ui->status_dirty = false;
}

/* The tab bar, the panes, their separators and the status line cover the
 * screen, so sending them again is enough: stdscr is not. */
void xf_ui_repair_all(struct xf_ui *ui)
{
    ui->repair = ui->tabs_dirty = ui->status_dirty = true;
}

void xf_ui_touch_all(struct xf_ui *ui)
{
    for (int i = 0; i < ui->n_panes; i++)
        ui->panes[i].dirty = ui->panes[i].full = true;
    ui->tabs_dirty = ui->status_dirty = true;
}
