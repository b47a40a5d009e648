/* The Evaluations pane's private state, shared by pane_evaluations.c,
 * evaluations_form.c and awards_view.c. */
#ifndef XF_UI_EVALUATIONS_PRIV_H
#define XF_UI_EVALUATIONS_PRIV_H
#include <stdbool.h>
#include <stdint.h>

#include "xf/evaluation.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

struct quarter_row {
    char *quarter;
    int64_t evaluated, passed;
    double mean;
};

/* What an open quarter lists (`f`). */
enum eval_show { SHOW_ALL, SHOW_FAILED, SHOW_PASSED, SHOW_MISSING };

struct evals {
    struct xf_pane *pane;
    struct quarter_row *q; /* oldest first, as the domain gives them */
    int nq;
    /* detail: the open quarter's evaluations; missing: its posts not yet
     * evaluated (SHOW_MISSING) */
    struct xf_list quarters, detail, missing;
    char *quarter; /* the open quarter, NULL on the quarter list */
    char *query;   /* `/` within the open quarter; NULL = every post */
    enum eval_show show;
    bool by_score;     /* `s`: the worst result first */
    int64_t n_missing; /* SHOW_MISSING: how many in all, for the title */
    char no_open[512]; /* why the linked post has no quarter open now, "" if it has */
};

/* `n`: the evaluation form, of post_id when not 0 (else the linked post,
 * if any), for the open quarter if any; returns an xf_ui_result mask. */
int evaluations_enter(struct evals *ev, int64_t post_id);
/* `e` on an evaluation of the open quarter: the correction form. */
int evaluations_correct(struct evals *ev, int64_t id);
/* `A`: the annual awards (awards_view.c); an xf_ui_result mask. */
int evaluations_awards(struct evals *ev);

#endif
