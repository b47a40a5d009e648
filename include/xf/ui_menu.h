/* A modal menu of a record's actions (src/ui/menu.c). */
#ifndef XF_UI_MENU_H
#define XF_UI_MENU_H

#include <stdint.h>
#include <stddef.h>

struct xf_ui;

/* Shows title and n labels (translated), keyed 1-9 then a-m; returns the
 * index chosen (by its key, or Enter on the highlighted one), or -1 when
 * the user closed the menu (Esc, q). Repaints the screen below after. */
int xf_menu_run(struct xf_ui *ui, const char *title, const char *const *labels, int n);
/* The same with text above the choices (what the choice is about),
 * wrapped in as many lines as the screen has room for; NULL or "" for
 * none. */
int xf_menu_run_text(struct xf_ui *ui, const char *title, const char *text,
                     const char *const *labels, int n);
/* The same with the caller's key for each label (keys[i], printable
 * ASCII, none twice): a record's steps keep their keys whichever of them
 * apply. NULL: 1-9 then a-m. */
int xf_menu_run_keyed(struct xf_ui *ui, const char *title, const char *text,
                      const char *const *labels, const char *keys, int n);
/* The same, opened just below the selected row of list, the row it acts
 * on, or above it where the room is there, so the row stays in view; its
 * line asked again after a resize, so that the menu follows the row.
 * NULL: centred, as xf_menu_run_text. */
/* The same, watching the record it acts on: when another session commits
 * while it is open, stale(arg) is asked whether the record changed, and
 * if so the menu closes returning XF_MENU_STALE, for the caller to offer
 * the record's steps as they are now (with note, said in place of the
 * menu's hint until a key is typed; NULL: none). */
#include <stdbool.h>
#define XF_MENU_STALE (-2)
int xf_menu_run_watched(struct xf_ui *ui, const char *title, const char *text,
                        const char *const *labels, const char *keys, int n,
                        bool (*stale)(void *arg), void *arg, const char *note);
struct xf_list;
int xf_menu_run_on(struct xf_ui *ui, const char *title, const char *text,
                   const char *const *labels, int n, const struct xf_list *list);

/* A record a menu acts on, as the menu read it: the table (entity, as
 * xf_conflict_check names it), its id and version, and what names it to
 * the user ("project XM-01"). */
struct xf_ctx;
struct xf_menu_record {
    const struct xf_ctx *ctx;
    const char *entity;
    int64_t id, version;
    const char *what;
};
/* xf_menu_run_on watching rec (xf_menu_run_watched): XF_MENU_STALE when
 * someone else changed it while the menu was open. */
int xf_menu_run_watched_on(struct xf_ui *ui, const char *title, const char *text,
                           const char *const *labels, int n, const struct xf_list *list,
                           const struct xf_menu_record *rec, const char *note);
/* After XF_MENU_STALE: who changed rec since the version it holds, and
 * what, as one sentence for above the menu offered anew; NULL when there
 * is no more to say than that it changed. Caller frees. */
char *xf_menu_record_news(const struct xf_menu_record *rec);
/* The menu's hint when it is offered anew after someone else's change. */
const char *xf_menu_updated_note(void);
/* Why a key the menus opened until the next swap do not offer is not
 * there ("1 classify: not while it is dispatched"): fn writes it into out
 * and returns true, or returns false for the plain "not one of these".
 * Returns the one it replaces, to be put back. */
struct xf_menu_why {
    bool (*fn)(void *arg, int key, char *out, size_t size);
    void *arg;
};
struct xf_menu_why xf_menu_why_swap(struct xf_menu_why why);

/* A full-screen modal view (the awards, key projects, improvements): the
 * loop that draws it, reads keys, follows other sessions' commits and
 * resizes, registered with xf_ui_modal_swap so dialogs repaint it. */
#include <curses.h>
#include <stdbool.h>
struct xf_modal_view {
    void *arg;
    void (*draw)(void *arg, WINDOW *w); /* the whole window, then wnoutrefresh */
    /* false closes the view; w is gone once a dialog has been opened (a
     * resize under the dialog makes the view a new window) */
    bool (*key)(void *arg, WINDOW *w, int key);
    void (*changed)(void *arg);                 /* another session committed */
};
void xf_modal_run(struct xf_ui *ui, const struct xf_modal_view *v);

#endif
