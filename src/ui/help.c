/* The `?` screen: every action with the keys bound to it right now, so
 * the help can never disagree with the key table. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

struct help_line {
    char keys[160];
    char label[300];
    bool off; /* the user's role may not use it */
};

static int keys_width(const struct help_line *lines, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++) {
        int kw = xf_text_width(lines[i].keys);
        w = kw > w ? kw : w;
    }
    return w;
}

/* Draws the help from screen line top; returns how many lines it takes.
 * A label is wrapped below itself: cut, it lost its end at 80 columns
 * ("… (not for your ro…"). */
static int draw_help(WINDOW *w, const struct help_line *lines, int n, int top)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    const char *title = _(" Help: keys (q or Esc closes) ");
    int tw = xf_text_width(title);
    xf_draw_text(w, 0, 2, tw < wd - 4 ? tw : wd - 4, title, xf_draw_attr(XF_C_TITLE));
    int kw = keys_width(lines, n);
    if (kw > (wd - 4) / 2)
        kw = (wd - 4) / 2;
    /* two cells between the keys and the label: with one, the longest
     * keys ("Tab, ↓ / Shift-Tab, ↑") ran into their label */
    int lw = wd - 6 - kw > 1 ? wd - 6 - kw : 1, at = 0; /* at: screen line of the help */
    for (int i = 0; i < n; i++) {
        const struct help_line *l = &lines[i];
        attr_t a = l->off ? xf_draw_attr(XF_C_DIM) : A_NORMAL;
        const char *p = l->label;
        for (bool first = true; first || *p; first = false, at++) {
            size_t len = *p ? xf_text_wrap_line(p, lw) : 0;
            int row = at - top;
            if (row >= 0 && row < h - 2) {
                if (first)
                    xf_draw_text(w, row + 1, 2, kw, l->keys, l->off ? a : A_BOLD);
                xf_draw_printf(w, row + 1, 4 + kw, lw, a, "%.*s", (int)len, p);
            }
            p += len ? len : strlen(p);
            while (*p == ' ')
                p++;
        }
    }
    if (top + h - 2 < at) { /* and how to see it: the form's keys were a page away, unsaid */
        const char *more = _(" more: PgDn ");
        int mw = xf_text_width(more);
        xf_draw_text(w, h - 1, wd - 3 - mw, mw, more, xf_draw_attr(XF_C_DIM));
    }
    wnoutrefresh(w);
    return at;
}

/* Whether the user's role may use the action at all. The domain refuses
 * what is not allowed anyway; the help says so beforehand, so that an
 * inspector is not left wondering what P does for them. */
static bool allowed(const struct xf_ctx *c, enum xf_action a)
{
    switch (a) {
    case XF_A_POST_PUBLISH:
    case XF_A_POST_NAME:
    case XF_A_POST_REVOKE: return xf_perm_allows(c, XF_P_POST_EDIT);
    case XF_A_COMPLAINT_ACTIONS:
        return xf_perm_allows(c, XF_P_COMPLAINT_SUPERVISE) ||
               xf_perm_allows(c, XF_P_COMPLAINT_HANDLE);
    case XF_A_RECTIFY: return xf_perm_allows(c, XF_P_RECTIFY) || xf_perm_allows(c, XF_P_INSPECT);
    case XF_A_PLEDGE_KEEP:
    case XF_A_PLEDGE_WITHDRAW: return xf_perm_allows(c, XF_P_PLEDGE_EDIT);
    case XF_A_AWARD_RANK:
    case XF_A_AWARD_CONFIRM:
    case XF_A_AWARD_DECLINE:
    case XF_A_AWARD_REOPEN: return xf_perm_allows(c, XF_P_EVAL_EDIT);
    case XF_A_RAISE_COMPLAINT:
        return xf_perm_allows(c, XF_P_COMPLAINT_SUPERVISE) || xf_perm_allows(c, XF_P_INSPECT);
    case XF_A_PANE_7: return xf_perm_allows(c, XF_P_HISTORY_ALL);
    case XF_A_NEW:
    case XF_A_EDIT: /* somewhere: what each pane makes or edits is its own check */
        return xf_perm_allows(c, XF_P_UNIT_EDIT) || xf_perm_allows(c, XF_P_POST_EDIT) ||
               xf_perm_allows(c, XF_P_PLEDGE_EDIT) || xf_perm_allows(c, XF_P_EVAL_EDIT) ||
               xf_perm_allows(c, XF_P_COMPLAINT_SUPERVISE) ||
               /* an inspector logs inspections, and corrects those they logged */
               xf_perm_allows(c, XF_P_INSPECT);
    default: return true;
    }
}

static int collect(const struct xf_ctx *ctx, struct help_line *lines)
{
    int n = 0;
    for (int a = 1; a < XF_A_COUNT; a++) {
        xf_keys_describe((enum xf_action)a, lines[n].keys, sizeof lines[n].keys);
        if (!lines[n].keys[0])
            continue;
        lines[n].off = !allowed(ctx, (enum xf_action)a);
        snprintf(lines[n].label, sizeof lines[n].label, "%s%s",
                 xf_keys_label((enum xf_action)a), lines[n].off ? _(" (not for your role)") : "");
        n++;
    }
    return n;
}

/* The keys of a form, which the key table does not hold (they are the
 * same in every form, and not rebound). */
static const char *const form_keys[][2] = {
    {"", N_("In a form:")},
    {"Tab, \u2193 / Shift-Tab, \u2191",
     N_("next / previous field (\u2193 \u2191 stop at the last and the first)")},
    {"", N_("a date or number filled in before (and a search's last words) is shown "
            "selected: what you type replaces it; \u2190 \u2192 Home End Backspace edit it "
            "instead; text is added to")},
    {"\u2190 \u2192", N_("choose, on a field with \u2039 \u203a; move, in a text")},
    {"Enter", N_("next field; on the last field, save (the form's hint says so); a new line "
                 "in a text of several lines")},
    {"Ctrl-A / Ctrl-E", N_("start / end of the text")},
    {"Ctrl-U / Ctrl-K", N_("delete what is before / after the cursor")},
    {"F2, Ctrl-S", N_("save")},
    {"Esc, Ctrl-C", N_("cancel (asking first if you typed something)")},
    {"F1", N_("this help")},
};
enum { FORM_KEYS = sizeof form_keys / sizeof form_keys[0] };

static int add_form_keys(struct help_line *lines, int n)
{
    for (int i = 0; i < FORM_KEYS; i++, n++) {
        snprintf(lines[n].keys, sizeof lines[n].keys, "%s", form_keys[i][0]);
        snprintf(lines[n].label, sizeof lines[n].label, "%s", _(form_keys[i][1]));
        lines[n].off = false;
    }
    return n;
}

/* What the lists' marks mean: a newcomer found "!" and 临期 explained
 * nowhere. */
enum { MARKS = 7 };

static int add_marks(const struct xf_ctx *ctx, struct help_line *lines, int n)
{
    char wait[32];
    snprintf(wait, sizeof wait, _("%ldd wait"), 3L);
    const char *const keys[MARKS] = {"",           "!",  _("due soon"), _("overdue"),
                                     _("extended"), wait, _("late")};
    int first = n;
    for (int i = 0; i < MARKS; i++, n++) {
        snprintf(lines[n].keys, sizeof lines[n].keys, "%s", keys[i]);
        lines[n].off = false;
    }
    snprintf(lines[first].label, sizeof lines[first].label, "%s", _("In the lists:"));
    snprintf(lines[first + 1].label, sizeof lines[first + 1].label, "%s",
             _("Complaints: supervised (督办), first in every queue"));
    snprintf(lines[first + 2].label, sizeof lines[first + 2].label,
             ngettext("the running deadline is %d working day away or less, and a working "
                      "day of the step has run",
                      "the running deadline is %d working days away or less, and a working "
                      "day of the step has run",
                      (unsigned long)ctx->cfg->due_soon_days),
             ctx->cfg->due_soon_days);
    snprintf(lines[first + 3].label, sizeof lines[first + 3].label, "%s",
             _("the running deadline has passed"));
    snprintf(lines[first + 4].label, sizeof lines[first + 4].label, "%s",
             _("the deadline was extended after it had passed (逾期后延期)"));
    snprintf(lines[first + 5].label, sizeof lines[first + 5].label, "%s",
             _("working days waited on a supervisor: since received, or since returned"));
    /* a closed complaint's clock (a supervisor met 逾期办结 explained
     * nowhere), and its short form below 120 columns */
    const char *narrow = xf_gettext_ctx(NC_("narrow", "late"));
    if (strcmp(narrow, keys[MARKS - 1])) /* English has one word for both */
        snprintf(lines[first + 6].label, sizeof lines[first + 6].label,
                 _("closed after its deadline (%s where the screen is narrow)"), narrow);
    else
        snprintf(lines[first + 6].label, sizeof lines[first + 6].label, "%s",
                 _("closed after its deadline"));
    return n;
}

static WINDOW *help_window(const struct xf_ui *ui)
{
    int h = ui->rows - 2, w = ui->cols < 100 ? ui->cols : 100;
    if (h < 3 || w < 10)
        return NULL;
    WINDOW *win = newwin(h, w, 1, (ui->cols - w) / 2);
    if (win) {
        keypad(win, TRUE);
        wtimeout(win, 250);
    }
    return win;
}

static int scroll_by(enum xf_action a, int page)
{
    switch (a) {
    case XF_A_DOWN: return 1;
    case XF_A_UP: return -1;
    case XF_A_PAGE_DOWN: return page;
    case XF_A_PAGE_UP: return -page;
    case XF_A_HOME: return -10000;
    case XF_A_END: return 10000;
    default: return 0;
    }
}

/* in_form: the form's keys first, where F1 was pressed (they were on
 * the third page). */
static void help_run(struct xf_ui *ui, bool in_form)
{
    struct help_line lines[XF_A_COUNT + FORM_KEYS + 1 + MARKS];
    const struct xf_ctx *ctx = &ui->s.ctx;
    int n = 0;
    if (in_form) {
        n = add_form_keys(lines, 0);
        lines[n] = (struct help_line){.off = false};
        snprintf(lines[n].label, sizeof lines[n].label, "%s", _("In the panes:"));
        n++;
        n += collect(ctx, lines + n);
    } else {
        n = add_form_keys(lines, collect(ctx, lines));
    }
    n = add_marks(ctx, lines, n);
    int top = 0;
    WINDOW *w = help_window(ui);
    int rows = 0;
    bool dirty = true; /* drawn after a key or a repaint beneath, not every tick */
    while (w && !xf_ui_stopping()) {
        if (dirty)
            rows = draw_help(w, lines, n, top);
        dirty = true;
        doupdate();
        int key;
        if (!xf_ui_read_key(w, &key)) {
            /* The panes beside it (200 columns) and the status line's
             * counts and news follow others' commits, as under a form. */
            dirty = xf_ui_poll_behind(ui);
            if (dirty)
                touchwin(w);
            continue;
        }
        if (key == XF_FKEY(KEY_RESIZE)) {
            delwin(w);
            xf_ui_repaint(ui);
            w = help_window(ui);
            continue;
        }
        enum xf_action a = xf_keys_action(key);
        if (a == XF_A_BACK || a == XF_A_HELP)
            break;
        int page = getmaxy(w) - 2;
        top += scroll_by(a, page);
        top = top > rows - page ? rows - page : top;
        top = top < 0 ? 0 : top;
    }
    if (w)
        delwin(w);
}

void xf_ui_help(struct xf_ui *ui)
{
    help_run(ui, false);
}

void xf_ui_help_form(struct xf_ui *ui)
{
    help_run(ui, true);
}
