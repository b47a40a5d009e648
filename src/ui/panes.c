/* The panes in tab order (SPEC §3): a new pane is one row here. The tab
 * bar, digit keys and Tab order follow this array. */
#include <stddef.h>

#include "xf/ui_pane.h"

const struct xf_pane_ops *const xf_ui_panes[] = {
    &xf_pane_overview,    &xf_pane_posts,       &xf_pane_pledges,
    &xf_pane_complaints,  &xf_pane_inspections, &xf_pane_evaluations,
    &xf_pane_history,
    NULL,
};
