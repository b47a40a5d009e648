/* A modal menu of a record's actions (src/ui/menu.c). */
#ifndef XF_UI_MENU_H
#define XF_UI_MENU_H

struct xf_ui;

/* Shows title and n labels (translated), keyed 1-9 then a-m; returns the
 * index chosen (by its key, or Enter on the highlighted one), or -1 when
 * the user closed the menu (Esc, q). Repaints the screen below after. */
int xf_menu_run(struct xf_ui *ui, const char *title, const char *const *labels, int n);

#endif
