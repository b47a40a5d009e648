/* The panes in tab order (SPEC §3): a new pane is one row here. The tab
 * bar, digit keys and Tab order follow this array. Posts, Pledge progress,
 * Complaints, Inspections and Evaluations join as they are written. */
#include <stddef.h>

#include "xf/ui_pane.h"

const struct xf_pane_ops *const xf_ui_panes[] = {
    &xf_pane_overview,
    NULL,
};
