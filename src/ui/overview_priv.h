/* The Overview pane's modal views. */
#ifndef XF_UI_OVERVIEW_PRIV_H
#define XF_UI_OVERVIEW_PRIV_H

struct xf_ui;

/* `I`: the service improvements (improvements_view.c); true when
 * something was saved. */
#include <stdbool.h>
bool improvements_view(struct xf_ui *ui);

#endif
