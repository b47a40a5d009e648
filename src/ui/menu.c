/* A small modal menu: numbered choices, chosen by their key or by the
 * cursor and Enter. Used wherever one record offers several actions. */
#include "xf/ui_menu.h"

#include <curses.h>
#include <string.h>

#include "ui_internal.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_keys.h"
#include "xf/ui_pane.h"

/* Letters shown in the menu; typed, they choose directly. */
static const char menu_keys[] = "123456789abcdefghijkm";

static void menu_draw(WINDOW *w, const char *title, const char *const *labels, int n, int sel)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    int tw = xf_text_width(title) + 2;
    xf_draw_printf(w, 0, 2, tw < wd - 4 ? tw : wd - 4, xf_draw_attr(XF_C_TITLE), " %s ", title);
    for (int i = 0; i < n && i + 1 < h - 2; i++)
        xf_draw_printf(w, i + 1, 2, wd - 4, i == sel ? xf_draw_attr(XF_C_SELECTED) : A_NORMAL,
                       "%c  %s", menu_keys[i], labels[i]);
    xf_draw_text(w, h - 2, 2, wd - 4, _("Enter or its key chooses · Esc closes"),
                 xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

static int menu_width(const char *title, const char *const *labels, int n)
{
    int w = xf_text_width(title) + 6;
    for (int i = 0; i < n; i++) {
        int aw = xf_text_width(labels[i]) + 7;
        w = aw > w ? aw : w;
    }
    int hint = xf_text_width(_("Enter or its key chooses · Esc closes")) + 4;
    w = hint > w ? hint : w;
    return w > COLS - 2 ? COLS - 2 : w;
}

int xf_menu_run(struct xf_ui *ui, const char *title, const char *const *labels, int n)
{
    int wd = menu_width(title, labels, n), h = n + 3 > LINES - 2 ? LINES - 2 : n + 3;
    WINDOW *w = newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2);
    if (!w)
        return -1;
    keypad(w, TRUE);
    wtimeout(w, 250);
    int sel = 0, chosen = -1;
    while (!xf_ui_stopping()) {
        menu_draw(w, title, labels, n, sel);
        doupdate();
        int key;
        if (!xf_ui_read_key(w, &key))
            continue;
        const char *k = key > 0 && key < 128 ? strchr(menu_keys, key) : NULL;
        if (k && k - menu_keys < n) {
            chosen = (int)(k - menu_keys);
            break;
        }
        enum xf_action a = xf_keys_action(key);
        if (a == XF_A_DETAIL) {
            chosen = sel;
            break;
        }
        if (a == XF_A_BACK)
            break;
        if (a == XF_A_DOWN || a == XF_A_UP)
            sel = (sel + (a == XF_A_DOWN ? 1 : n - 1)) % n;
    }
    delwin(w);
    xf_ui_repaint(ui);
    return chosen;
}


void xf_modal_run(struct xf_ui *ui, const struct xf_modal_view *v)
{
    WINDOW *w = newwin(LINES - 1, COLS, 0, 0);
    WINDOW *under = xf_ui_set_modal(ui, w);
    while (w && !xf_ui_stopping()) {
        /* A dialog opened from the view may have taken the resize. */
        if (getmaxy(w) != LINES - 1 || getmaxx(w) != COLS) {
            delwin(w);
            xf_ui_set_modal(ui, NULL);
            xf_ui_repaint(ui);
            w = newwin(LINES - 1, COLS, 0, 0);
            xf_ui_set_modal(ui, w);
            if (!w)
                break;
        }
        v->draw(v->arg, w);
        doupdate();
        int k;
        keypad(w, TRUE);
        wtimeout(w, 250);
        if (!xf_ui_read_key(w, &k)) {
            if (xf_ui_poll(ui) && v->changed)
                v->changed(v->arg);
            continue;
        }
        if (k == XF_FKEY(KEY_RESIZE)) {
            delwin(w);
            xf_ui_set_modal(ui, NULL);
            xf_ui_repaint(ui);
            w = newwin(LINES - 1, COLS, 0, 0);
            xf_ui_set_modal(ui, w);
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
    xf_ui_set_modal(ui, under);
    if (w)
        delwin(w);
}
