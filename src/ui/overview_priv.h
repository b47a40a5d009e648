/* The Overview pane's modal views. */
#ifndef XF_UI_OVERVIEW_PRIV_H
#define XF_UI_OVERVIEW_PRIV_H

struct xf_ui;

/* `I`: the service improvements (improvements_view.c). */
void improvements_view(struct xf_ui *ui);

#endif
