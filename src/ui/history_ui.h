/* Private to the history views (history_view.c: the modal viewer of one
 * record's history or of one entry; pane_history.c: the whole database's
 * history for administrators). */
#ifndef XF_UI_HISTORY_UI_H
#define XF_UI_HISTORY_UI_H
#include <stdint.h>

#include "xf/history.h"
#include "xf/ui_pane.h"

/* Translated name of a recorded table ("complaint"), else the name. */
const char *xfh_entity_label(const char *entity);
/* "complaint #12" (translated kind). Caller frees; NULL when out of memory. */
char *xfh_record_label(const char *entity, int64_t id);
/* What r changed, one sanitised line per field ("state: received →
 * classified"); *lines allocated (free with xfh_lines_free). */
int xfh_change_lines(const struct xf_history_row *r, char ***lines, int *n);
void xfh_lines_free(char **lines, int n);
/* The same on one line, fields separated by "; " (for list rows). Caller
 * frees; NULL when out of memory. */
char *xfh_summary(const struct xf_history_row *r);
/* Shows one entry in full (modal); returns an xf_ui_result mask. */
int xfh_show_entry(struct xf_ui *ui, const struct xf_history_row *r);

#endif
