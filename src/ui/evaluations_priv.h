/* The Evaluations pane's private state, shared by pane_evaluations.c,
 * evaluations_form.c and awards_view.c. */
#ifndef XF_UI_EVALUATIONS_PRIV_H
#define XF_UI_EVALUATIONS_PRIV_H
#include <stdint.h>

#include "xf/evaluation.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

struct quarter_row {
    char *quarter;
    int64_t evaluated, passed;
    double mean;
};

struct evals {
    struct xf_pane *pane;
    struct quarter_row *q; /* oldest first, as the domain gives them */
    int nq;
    struct xf_list quarters, detail;
    char *quarter; /* the open quarter, NULL on the quarter list */
    char *query;   /* `/` within the open quarter; NULL = every post */
};

/* `n`: the evaluation form; returns an xf_ui_result mask. */
int evaluations_enter(struct evals *ev);
/* `e` on an evaluation of the open quarter: the correction form. */
int evaluations_correct(struct evals *ev, int64_t id);
/* `A`: the annual awards (awards_view.c); an xf_ui_result mask. */
int evaluations_awards(struct evals *ev);

#endif
