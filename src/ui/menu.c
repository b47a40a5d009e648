/* A small modal menu: numbered choices, chosen by their key or by the
 * cursor and Enter. Used wherever one record offers several actions. */
#include "xf/ui_menu.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "ui_internal.h"
#include "xf/conflict.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_keys.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

/* Letters shown in the menu; typed, they choose directly. */
static const char menu_keys[] = "123456789abcdefghijkm";


struct menu {
    const char *title, *text; /* text: sanitised, or NULL */
    const char *const *labels;
    const char *keys; /* the key of each label: menu_keys unless the caller's */
    int n, text_lines;
    char note[192]; /* in place of the hint: a key that chose nothing, said */
};

static void menu_draw(WINDOW *w, const struct menu *m, int sel)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    int tw = xf_text_width(m->title) + 2;
    xf_draw_printf(w, 0, 2, tw < wd - 4 ? tw : wd - 4, xf_draw_attr(XF_C_TITLE), " %s ",
                   m->title);
    const char *p = m->text;
    for (int i = 0; p && *p && i < m->text_lines; i++) {
        size_t len = i == m->text_lines - 1 ? strlen(p) : xf_text_wrap_line(p, wd - 4);
        char *line = strndup(p, len);
        xf_draw_text(w, 1 + i, 2, wd - 4, line ? line : "", A_NORMAL);
        free(line);
        p += len;
        p += strspn(p, " ");
    }
    int top = 1 + (m->text_lines ? m->text_lines + 1 : 0);
    for (int i = 0; i < m->n && top + i < h - 2; i++)
        xf_draw_printf(w, top + i, 2, wd - 4, i == sel ? xf_draw_attr(XF_C_SELECTED) : A_NORMAL,
                       "%c  %s", m->keys[i], m->labels[i]);
    if (*m->note)
        xf_draw_text(w, h - 2, 2, wd - 4, m->note, xf_draw_attr(XF_C_ALERT));
    else
        xf_draw_text(w, h - 2, 2, wd - 4, _("Enter or its key chooses · Esc closes"),
                     xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

static int menu_width(const struct menu *m)
{
    int w = xf_text_width(m->title) + 6;
    for (int i = 0; i < m->n; i++) {
        int aw = xf_text_width(m->labels[i]) + 7;
        w = aw > w ? aw : w;
    }
    int hint = xf_text_width(_("Enter or its key chooses · Esc closes")) + 4;
    w = hint > w ? hint : w;
    int note = xf_text_width(m->note) + 4; /* said as it opens: whole */
    w = note > w ? note : w;
    /* A text asks for room to be read in, not for a line as long as it. */
    int text = m->text ? xf_text_width(m->text) + 4 : 0;
    text = text > 76 ? 76 : text;
    w = text > w ? text : w;
    return w > COLS - 2 ? COLS - 2 : w;
}

/* The text's lines, as many as the screen leaves beside the choices (a
 * reason may run to two thousand characters); the last is cut. */
static int text_lines(const char *s, int width, int max)
{
    int n = 0;
    while (s && *s && n < max && width > 0) {
        s += xf_text_wrap_line(s, width);
        s += strspn(s, " ");
        n++;
    }
    return n;
}

/* xf_menu_run_on's list: the menu acts on its selected row, whose screen
 * line is asked again after a resize (the row moves with the list: a line
 * kept from before left the menu over it). NULL: centred. */
static const struct xf_list *menu_list;

/* xf_menu_run_watched's check of its record, and what the menu says in
 * place of its hint when it opens (NULL: nothing). */
static bool (*menu_stale)(void *arg);
static void *menu_stale_arg;
static const char *menu_note;
static struct xf_menu_why menu_why;

struct xf_menu_why xf_menu_why_swap(struct xf_menu_why why)
{
    struct xf_menu_why outer = menu_why;
    menu_why = why;
    return outer;
}

/* The menu's window, sized for the screen as it is now: centred, or just
 * below the row it acts on, else above it (centred, it could cover the
 * row, and the question after it opened beside the row); NULL when the
 * screen is too small for it. */
static WINDOW *menu_window(struct menu *m)
{
    int wd = menu_width(m);
    m->text_lines = text_lines(m->text, wd - 4, LINES - m->n - 6);
    int want = m->n + 3 + (m->text_lines ? m->text_lines + 1 : 0);
    int h = want > LINES - 2 ? LINES - 2 : want;
    if (h < 3 || wd < 10)
        return NULL;
    int y = (LINES - h) / 2;
    int row = menu_list ? xf_list_sel_line(menu_list) : -1;
    /* The tab bar and the status line stay in view. */
    if (row >= 0 && row < LINES) {
        if (row + 1 + h <= LINES - 1)
            y = row + 1;
        else if (row - h >= 1)
            y = row - h;
    }
    WINDOW *w = newwin(h, wd, y, (COLS - wd) / 2);
    if (w) {
        keypad(w, TRUE);
        wtimeout(w, 250);
    }
    return w;
}

/* Over a list the menu left the ends of the rows it covers beside its
 * frame ("XFG-0│"), as forms and questions did: its lines are blanked
 * beside it as theirs are. Pushed under the menu, so that a repaint
 * beneath keeps both. */
static void menu_open(struct menu *m, WINDOW **wp, WINDOW **shade)
{
    *wp = menu_window(m);
    *shade = NULL;
    if (!*wp)
        return;
    int y, x, h, wd;
    getbegyx(*wp, y, x);
    getmaxyx(*wp, h, wd);
    if ((*shade = xf_ui_shade_beside(y, h, x, wd)))
        xf_ui_overlay_push(*shade);
    xf_ui_overlay_push(*wp);
}

static void menu_drop(WINDOW **wp, WINDOW **shade)
{
    if (*wp) {
        xf_ui_overlay_pop(*wp);
        delwin(*wp);
        *wp = NULL;
    }
    if (*shade) {
        xf_ui_overlay_pop(*shade);
        delwin(*shade);
        *shade = NULL;
    }
}

static int menu_loop(struct xf_ui *ui, WINDOW **wp, WINDOW **shade, struct menu *m)
{
    int sel = 0;
    int64_t seen = xf_ui_data_seen(ui);
    bool dirty = true; /* drawn after a key or a repaint beneath, not every tick */
    while (*wp && !xf_ui_stopping()) {
        if (dirty && *shade) { /* a repaint beneath drew the list's rows there again */
            touchwin(*shade);
            wnoutrefresh(*shade);
        }
        if (dirty)
            menu_draw(*wp, m, sel);
        dirty = true;
        doupdate();
        int key;
        if (!xf_ui_read_key(*wp, &key)) {
            dirty = xf_ui_poll_behind(ui); /* the panes below follow others' commits */
            if (dirty)
                touchwin(*wp);
            /* Another session's commit: its record asked again only then
             * (the poll is data_version's), so that the menu is not left
             * offering what was true when it opened. */
            if (menu_stale && xf_ui_data_seen(ui) != seen) {
                seen = xf_ui_data_seen(ui);
                if (menu_stale(menu_stale_arg))
                    return XF_MENU_STALE;
            }
            continue;
        }
        if (key == XF_FKEY(KEY_RESIZE)) { /* the screen below first, then the menu */
            menu_drop(wp, shade);
            xf_ui_repaint(ui);
            menu_open(m, wp, shade);
            continue;
        }
        const char *k = key > 0 && key < 128 ? memchr(m->keys, key, (size_t)m->n) : NULL;
        if (k)
            return (int)(k - m->keys);
        enum xf_action a = xf_keys_action(key);
        /* A step's key kept across states (8 close) but not offered now
         * did nothing, and the menu looked broken. */
        m->note[0] = '\0';
        if (key > ' ' && key < 127 && a != XF_A_DETAIL && a != XF_A_BACK && a != XF_A_DOWN &&
            a != XF_A_UP && !(menu_why.fn && menu_why.fn(menu_why.arg, key, m->note, sizeof m->note)))
            /* TRANSLATORS: in a menu, for a key that is none of its
             * choices: "8 is not one of these" */
            snprintf(m->note, sizeof m->note, _("%c is not one of these"), key);
        if (*m->note && menu_width(m) > getmaxx(*wp)) { /* said whole: wider, as it would open */
            menu_drop(wp, shade);
            xf_ui_repaint(ui);
            menu_open(m, wp, shade);
            if (!*wp)
                break;
        }
        if (a == XF_A_DETAIL)
            return sel;
        if (a == XF_A_BACK)
            break;
        if (a == XF_A_DOWN || a == XF_A_UP)
            sel = (sel + (a == XF_A_DOWN ? 1 : m->n - 1)) % m->n;
    }
    return -1;
}

int xf_menu_run_keyed(struct xf_ui *ui, const char *title, const char *text,
                      const char *const *labels, const char *keys, int n)
{
    if (!keys && n > (int)sizeof menu_keys - 1)
        n = (int)sizeof menu_keys - 1;
    char *clean = text && *text ? xf_text_sanitize(text, false) : NULL;
    struct menu m = {
        .title = title, .text = clean, .labels = labels, .keys = keys ? keys : menu_keys, .n = n};
    if (menu_note)
        snprintf(m.note, sizeof m.note, "%s", menu_note);
    WINDOW *w, *shade;
    int chosen = -1;
    menu_open(&m, &w, &shade);
    if (w) {
        xf_ui_form_enter(); /* the rows it was opened on stay while panes refresh */
        chosen = menu_loop(ui, &w, &shade, &m);
        xf_ui_form_leave();
        menu_drop(&w, &shade);
        xf_ui_repaint(ui);
    }
    free(clean);
    return chosen;
}

int xf_menu_run_text(struct xf_ui *ui, const char *title, const char *text,
                     const char *const *labels, int n)
{
    return xf_menu_run_keyed(ui, title, text, labels, NULL, n);
}

int xf_menu_run(struct xf_ui *ui, const char *title, const char *const *labels, int n)
{
    return xf_menu_run_text(ui, title, NULL, labels, n);
}

int xf_menu_run_watched(struct xf_ui *ui, const char *title, const char *text,
                        const char *const *labels, const char *keys, int n,
                        bool (*stale)(void *arg), void *arg, const char *note)
{
    bool (*outer)(void *) = menu_stale;
    void *outer_arg = menu_stale_arg;
    const char *outer_note = menu_note;
    menu_stale = stale;
    menu_stale_arg = arg;
    menu_note = note;
    int chosen = xf_menu_run_keyed(ui, title, text, labels, keys, n);
    menu_stale = outer;
    menu_stale_arg = outer_arg;
    menu_note = outer_note;
    return chosen;
}

int xf_menu_run_on(struct xf_ui *ui, const char *title, const char *text,
                   const char *const *labels, int n, const struct xf_list *list)
{
    const struct xf_list *outer = menu_list;
    menu_list = list;
    int chosen = xf_menu_run_text(ui, title, text, labels, n);
    menu_list = outer;
    return chosen;
}

static bool record_stale(void *arg)
{
    const struct xf_menu_record *rec = arg;
    return xf_conflict_stale(rec->ctx, rec->entity, rec->id, rec->version);
}

int xf_menu_run_watched_on(struct xf_ui *ui, const char *title, const char *text,
                           const char *const *labels, int n, const struct xf_list *list,
                           const struct xf_menu_record *rec, const char *note)
{
    const struct xf_list *outer = menu_list;
    menu_list = list;
    int chosen =
        xf_menu_run_watched(ui, title, text, labels, NULL, n, record_stale, (void *)rec, note);
    menu_list = outer;
    return chosen;
}

char *xf_menu_record_news(const struct xf_menu_record *rec)
{
    struct xf_error news = {0};
    if (xf_conflict_check(rec->ctx, rec->entity, rec->id, rec->version, rec->what, &news) !=
            XF_ECONFLICT ||
        !news.msg[0])
        return NULL;
    char *said = NULL;
    /* TRANSLATORS: what a colleague changed ("Project XM-K-001 was changed
       by someone else: …"), above a record's menu offered anew */
    if (asprintf(&said, _("%s."), news.msg) < 0)
        said = NULL;
    return said;
}

const char *xf_menu_updated_note(void)
{
    return _("This record was changed by someone else; the menu is updated.");
}

struct modal_run {
    const struct xf_modal_view *v;
    WINDOW *w;
    struct xf_ui *ui;
    int64_t seen; /* the data_version the view last read */
};

/* Under a dialog: after a resize, the view at the new size; after
 * another session's commit, read again and drawn beneath the dialog
 * (SPEC §3: the awards behind a decline's form kept "0 confirmed" after
 * a colleague confirmed). A dialog holds no pointer into what the view
 * read (the views copy what they act on). */
static WINDOW *modal_redo(void *arg, bool resized)
{
    struct modal_run *r = arg;
    if (resized) {
        if (r->w)
            delwin(r->w);
        r->w = newwin(LINES - 1, COLS, 0, 0);
    } else if (r->seen != xf_ui_data_seen(r->ui)) {
        r->seen = xf_ui_data_seen(r->ui);
        if (r->v->changed)
            r->v->changed(r->v->arg);
    } else {
        return r->w;
    }
    if (r->w)
        r->v->draw(r->v->arg, r->w);
    return r->w;
}

void xf_modal_run(struct xf_ui *ui, const struct xf_modal_view *v)
{
    struct modal_run r = {v, newwin(LINES - 1, COLS, 0, 0), ui, xf_ui_data_seen(ui)};
    struct xf_ui_modal under = xf_ui_modal_swap(ui, (struct xf_ui_modal){r.w, modal_redo, &r});
    WINDOW *w;
    bool dirty = true; /* drawn after a key or news, not on every idle tick */
    while ((w = r.w) && !xf_ui_stopping()) {
        if (dirty)
            v->draw(v->arg, w);
        dirty = true;
        xf_ui_paint_status(ui);
        doupdate();
        int k;
        keypad(w, TRUE);
        wtimeout(w, 250);
        if (!xf_ui_read_key(w, &k)) {
            /* Compared with what this view last read: a commit a form
             * opened from it took in (refreshing the panes) is news here. */
            xf_ui_poll(ui);
            dirty = xf_ui_data_seen(ui) != r.seen;
            if (dirty) {
                r.seen = xf_ui_data_seen(ui);
                if (v->changed)
                    v->changed(v->arg);
            }
            continue;
        }
        /* As at the panes, a key takes the last message away: the view's own
         * line says what the key did, beside an older message it would not
         * be about. */
        if (k != XF_FKEY(KEY_RESIZE))
            xf_ui_message_clear(ui);
        if (k == XF_FKEY(KEY_RESIZE)) {
            delwin(w);
            r.w = NULL;
            xf_ui_modal_swap(ui, (struct xf_ui_modal){0});
            xf_ui_repaint(ui);
            r.w = newwin(LINES - 1, COLS, 0, 0);
            xf_ui_modal_swap(ui, (struct xf_ui_modal){r.w, modal_redo, &r});
            continue;
        }
        if (xf_keys_action(k) == XF_A_HELP) { /* the help over the view, as over the panes */
            xf_ui_help(ui);
            xf_ui_repaint(ui);
            continue;
        }
        if (!v->key(v->arg, w, k))
            break;
    }
    xf_ui_modal_swap(ui, under);
    if (r.w)
        delwin(r.w);
}
