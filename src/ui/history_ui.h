/* Private to the history views (history_view.c: the modal viewer of one
 * record's history or of one entry; pane_history.c: the whole database's
 * history for administrators). */
#ifndef XF_UI_HISTORY_UI_H
#define XF_UI_HISTORY_UI_H
#include <stdint.h>

#include "xf/history.h"
#include "xf/ui_pane.h"

/* What r changed, one sanitised line per field, with column names and
 * references for people ("state: received → classified", "lead unit:
 * (none) → D1 市政务服务中心"); *lines allocated (free with
 * xfh_lines_free). */
int xfh_change_lines(const struct xf_history_row *r, char ***lines, int *n);
void xfh_lines_free(char **lines, int n);
/* The same on one line, fields separated by "; " (for list rows). Caller
 * frees; NULL when out of memory. */
char *xfh_summary(const struct xf_history_row *r);
/* Shows one entry in full (modal); returns an xf_ui_result mask. */
int xfh_show_entry(struct xf_ui *ui, const struct xf_history_row *r);

#endif
