/* Quarterly satisfaction evaluations of posts (SPEC §2.4): each evaluator
 * group's score and respondents, the weighted result, pass or fail, and
 * the evaluation report. */
#ifndef XF_EVALUATION_H
#define XF_EVALUATION_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_evaluation.h"
#include "xf/table.h"
#include "xf/transfer.h"

struct xf_post;

/* The result of group scores under cfg's weights: the weighted mean of the
 * groups that had respondents (rounded to 0.01), and whether it reaches
 * rules.pass_score. XF_EINVAL when no group with a weight above zero had
 * respondents (nothing to average). Pure: no database. */
int xf_evaluation_result(const struct xf_config *cfg,
                         const struct xf_group_score groups[XF_GROUP_COUNT], double *score,
                         bool *passed);
/* How many of the groups that count (weight above zero) had respondents;
 * *of is how many count. A result from fewer is a mean of those alone. */
int xf_evaluation_groups_taken(const struct xf_config *cfg,
                               const struct xf_group_score groups[XF_GROUP_COUNT], int *of);
/* A score as the pass mark reads it, always to 0.01 ("79.96", "80.00",
 * "85.50"), so that a column's decimal points line up: shown with one
 * decimal, 79.96 read "80.0" and failed. */
void xf_evaluation_score_text(double score, char out[16]);

/* The quarter an evaluation entered on today is most likely about, into
 * out ("2026Q3"): the quarter that ended last, or the running one in its
 * last month, when evaluations of it begin. Pure. */
void xf_evaluation_default_quarter(const char *today, char out[7]);
/* The quarter a new evaluation of post p starts on, into out: quarter,
 * or the post's first (that of its publication) when quarter comes before
 * it, as no evaluation is taken before the notice went up. Pure. */
void xf_evaluation_post_quarter(const struct xf_post *p, const char *quarter, char out[7]);
/* True when post p has no quarter open for evaluation on today (it went
 * up in the running quarter, before that quarter's last month), with out
 * saying which quarter comes first and from which day. Pure. */
bool xf_evaluation_post_waits(const struct xf_post *p, const char *today, char *out, size_t size);

/* Records the evaluation of a published or named post for quarter
 * ("2026Q3", not in the future); one per post and quarter. groups[i]:
 * score 0-100, respondents >= 0. out (may be NULL) receives the saved row;
 * the caller clears it. Needs XF_P_EVAL_EDIT over the post's unit. */
int xf_evaluation_enter(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                        const struct xf_group_score groups[XF_GROUP_COUNT],
                        struct xf_evaluation *out, struct xf_error *err);
/* Evaluation id with its groups, for the correction form; XF_EPERM when
 * its post lies outside the user's scope. The caller clears out. */
int xf_evaluation_get(const struct xf_ctx *ctx, int64_t id, struct xf_evaluation *out,
                      struct xf_error *err);
/* Corrects the group scores of evaluation id seen at version, saying why
 * (reason, required, at most XF_EVAL_NOTE_MAX characters); the result is
 * computed again. Refused once the post is revoked. */
#define XF_EVAL_NOTE_MAX 500
int xf_evaluation_update(const struct xf_ctx *ctx, int64_t id, int64_t version,
                         const struct xf_group_score groups[XF_GROUP_COUNT], const char *reason,
                         struct xf_evaluation *out, struct xf_error *err);

/* Per quarter (quarter NULL = every quarter): posts evaluated, passed,
 * failed, pass rate and mean score, within the user's scope. t is
 * initialised here; the caller frees it. */
/* A quarter an evaluation may be entered for: written 2026Q3, and in or
 * past its last month (2026Q4 from 2026-12-01). */
int xf_evaluation_check_quarter(const char *quarter, struct xf_error *err);
/* XF_OK when the post's notice is up (published or named), so it can be
 * evaluated; else XF_ESTATE saying why not. */
int xf_evaluation_check_post(const struct xf_post *p, struct xf_error *err);
int xf_evaluation_report(const struct xf_ctx *ctx, const char *quarter, struct xf_table *t,
                         struct xf_error *err);

/* ---- reading, for the interface ------------------------------------------ */

/* Per-quarter figures within the user's scope, oldest quarter first;
 * narrowed to unit_id's subtree and/or post_id when not 0 (linked panes). */
int xf_evaluation_quarters(const struct xf_ctx *ctx, int64_t unit_id, int64_t post_id,
                           void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                           void *arg, struct xf_error *err);
/* What a list of one quarter shows: the quarter's evaluations within the
 * user's scope, narrowed to unit_id's subtree and / or post_id (0 = any;
 * linked panes), to posts whose code, title or unit name holds like (NULL
 * or "" = any; at most XF_EVAL_LIKE_MAX characters) and to a result; by
 * post code or by score, the worst first. */
#define XF_EVAL_LIKE_MAX 100
struct xf_eval_filter {
    const char *quarter;
    int64_t unit_id, post_id;
    const char *like;
    enum xf_eval_result result;
    enum xf_eval_order order;
};
/* A keyset page of f's evaluations from (from_key, from_id): from_key a
 * post code, or a score written "%.17g" (XF_EVAL_BY_SCORE). */
int xf_evaluation_page(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                       const char *from_key, int64_t from_id, enum xf_eval_dir dir, int limit,
                       void (*fn)(void *arg, const struct xf_eval_item *row), void *arg,
                       struct xf_error *err);
/* The posts still to be evaluated for f->quarter: published or named (as
 * an evaluation needs), published by the quarter's end, with no
 * evaluation for it, within the user's scope and f's narrowing (result
 * and order do not apply); by post code, keyset from (from_code, from_id =
 * a post id). */
int xf_evaluation_missing_page(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                               const char *from_code, int64_t from_id, enum xf_eval_dir dir,
                               int limit, void (*fn)(void *arg, const struct xf_eval_missing *row),
                               void *arg, struct xf_error *err);
/* How many posts xf_evaluation_missing_page lists in all. */
int xf_evaluation_missing_count(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                                int64_t *n, struct xf_error *err);
/* Post post_id's evaluation for quarter into out (the caller clears it):
 * XF_ENOTFOUND when it has none, XF_EPERM outside the user's scope. */
int xf_evaluation_find(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                       struct xf_evaluation *out, struct xf_error *err);
/* Whether an evaluation of post_id for quarter could be entered now, as
 * xf_evaluation_enter would judge it before its scores: the user's role
 * and scope, the quarter, the post's state and dates, and that it has no
 * evaluation for quarter yet (the message says whose and what). For the
 * form, so that it says so before six numbers are typed. */
int xf_evaluation_check_new(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                            struct xf_error *err);

extern const struct xf_kind_io xf_kind_evaluations;

#endif
