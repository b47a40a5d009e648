/* The headline figures of the programme (the Overview pane and
 * `xianfeng check`), computed live from the database. */
#ifndef XF_OVERVIEW_H
#define XF_OVERVIEW_H
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"

struct xf_overview {
    int64_t posts_proposed, posts_published, posts_named, posts_revoked;
    int64_t pledges_made, pledges_kept, pledges_withdrawn, pledges_overdue;
    int64_t complaints_received;   /* all complaints ever received */
    int64_t complaints_forwarded;  /* dispatched at least once */
    int64_t complaints_open;       /* not closed, rejected or merged */
    int64_t complaints_overdue;    /* past the sign-for or reply deadline */
    int64_t complaints_supervised; /* open and marked 督办 */
    int64_t complaints_closed, complaints_closed_on_time;
    /* open, not overdue now, but only because the deadline was moved
     * after it had passed (逾期后延期): late all the same */
    int64_t complaints_extended_late;
    char complaints_waiting_since[11]; /* the earliest receipt of those not
                                        * yet dispatched, "" none */
    int64_t complaints_waiting_days;   /* working days since then, to today */
    int64_t inspections, inspections_passed;
    int64_t rectifications_open, rectifications_overdue;
    int64_t rectifications_to_verify; /* reported done, not yet verified */
    char quarter[7];               /* the current quarter, or the latest with
                                    * evaluations when the current has none,
                                    * or the one open for evaluation when no
                                    * quarter has any */
    int64_t evals_quarter, evals_quarter_passed;
    char quarter_so_far[7];        /* the current quarter while it has fewer
                                    * evaluations than quarter; "" otherwise */
    int64_t evals_so_far;          /* its evaluations so far */
    int64_t improvements_method, improvements_prerequisite, improvements_fee,
        improvements_time_cut;
    double avg_cut_days;           /* mean days saved by time cuts */
    double avg_cut_vs_national;    /* mean (limit - after) / limit, 0..1, */
    int64_t cuts_with_limit;       /* over this many time cuts with a limit */
};

/* Fills o for what the user may see: the whole database, or the subtrees
 * of the user's scope; today decides what is overdue. */
int xf_overview_get(const struct xf_ctx *ctx, const char *today, struct xf_overview *o,
                    struct xf_error *err);
/* *counts_wrong = how many of the whole programme's counts, kept by
 * triggers, differ from a plain count of the records; 0 when all agree.
 * Read-only, for `xianfeng check`. */
int xf_overview_tally_check(const struct xf_ctx *ctx, int64_t *counts_wrong,
                            struct xf_error *err);

#endif
