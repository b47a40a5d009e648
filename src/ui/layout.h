/* Layout and painting of the framework's windows (src/ui only). */
#ifndef XF_UI_LAYOUT_H
#define XF_UI_LAYOUT_H
#include "ui_internal.h"

/* Recomputes every window from the terminal size; marks all dirty. */
void xf_ui_layout(struct xf_ui *ui);
/* Deletes every window of the layout. */
void xf_ui_windows_free(struct xf_ui *ui);
/* Draws whatever is dirty with wnoutrefresh; the caller does doupdate. */
void xf_ui_paint(struct xf_ui *ui);
/* Whether a terminal of rows x cols is too small for the interface. */
bool xf_ui_size_too_small(int rows, int cols);
/* "Terminal too small" over the whole screen, as it is now; held: a
 * window over the panes (a form, a menu) waits for a larger one, so the
 * notice says to make it larger rather than that q quits. */
void xf_ui_paint_too_small(bool held);
/* Draws the status line if it changed: a full-screen view leaves it
 * uncovered, so what an action there said shows (xf_modal_run). */
void xf_ui_paint_status(struct xf_ui *ui);
/* Marks every window for a full repaint. */
void xf_ui_touch_all(struct xf_ui *ui);
/* After a modal window closed over the panes: the next paint sends every
 * window again as it stands (touchwin), redrawing only the dirty ones;
 * curses then writes only the cells the modal window covered. */
void xf_ui_repair_all(struct xf_ui *ui);
bool xf_ui_is_shown(const struct xf_ui *ui, int i);
/* Whether the terminal can show the interface (term_check.c): one that
 * cannot place the cursor cannot, nor one terminfo does not know. */
enum xf_term_fit { XF_TERM_OK, XF_TERM_UNKNOWN, XF_TERM_NO_CURSOR };
enum xf_term_fit xf_ui_term_fit(void);

#endif
