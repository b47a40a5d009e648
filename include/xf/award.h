/* The annual awards (§2.7): satisfaction windows, service brands and
 * service exemplars, ranked by an explainable score and decided by the
 * organiser. Their rows and SQL are in xf/store_award.h. */
#ifndef XF_AWARD_H
#define XF_AWARD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/store_award.h"

struct xf_table;

/* The award score is explainable on purpose (§8): the mean of the post's
 * evaluation results for the year (0-100), minus fixed points per lapse:
 *   a failed inspection            - XF_AWARD_PENALTY_INSPECTION
 *     (an inspector found the post below standard: the heaviest, since it
 *     is an objective check of what the award certifies)
 *   an unsatisfied callback        - XF_AWARD_PENALTY_UNSATISFIED
 *     (the citizen's own verdict on the answer; the complaint was redone)
 *   an overdue complaint           - XF_AWARD_PENALTY_OVERDUE
 *     (closed late or past a deadline now: a lapse of process)
 * A post with no evaluation in the year has no basis and is not ranked. */
#define XF_AWARD_PENALTY_INSPECTION 10.0
#define XF_AWARD_PENALTY_UNSATISFIED 5.0
#define XF_AWARD_PENALTY_OVERDUE 3.0

/* The score above; a pure function of the counts. */
double xf_award_score(double mean_evaluation, int complaints_unsatisfied, int complaints_overdue,
                      int inspections_failed);
/* The default quota of a kind: satisfaction_window 100, service_brand 10,
 * exemplar 10; 0 for an unknown kind. */
int xf_award_default_quota(const char *kind);

/* The year's three rankings at once from one reading of the basis, each
 * to its quota (satisfaction windows, service brands, exemplars): for the
 * demo, which ranks as the organiser would. No permission check. */
int xf_award_rank_year(const struct xf_ctx *ctx, int year, const int quotas[3],
                       struct xf_error *err);
/* Ranks the posts named by the end of year (and still named) by score,
 * ties by post code, and records the best quota (0: the kind's default) as
 * candidates with rank and score (exemplars also name the post holder).
 * Refused when candidates of that year and kind exist already. *ranked
 * (may be NULL) gets the number recorded. XF_P_EVAL_EDIT. */
int xf_award_rank_candidates(const struct xf_ctx *ctx, int year, const char *kind, int quota,
                             int *ranked, struct xf_error *err);
/* candidate -> confirmed (confirm) or declined; decided_by = ctx->login.
 * XF_P_EVAL_EDIT in the post's unit scope. */
/* Confirms or declines candidate id seen at version; note (at most
 * XF_AWARD_NOTE_MAX characters) says why, required to decline. A decline
 * brings in the best of the year's ranking not yet listed, after the
 * last, so that the quota can still be filled. */
#define XF_AWARD_NOTE_MAX 500
/* Whether candidate id may be confirmed as things stand (its post not
 * revoked since the ranking): for a form to say before it asks. */
int xf_award_confirm_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err);
int xf_award_decide(const struct xf_ctx *ctx, int64_t id, int64_t version, bool confirm,
                    const char *note, struct xf_error *err);
/* A post revoked on day on (YYYY-MM-DD) stands for no award of that year
 * or the year before (whose awards are decided and published in January,
 * and shown through the year): its satisfaction-window candidacies and
 * confirmations of those years are declined, saying so, and the next in
 * each ranking takes its place, as a decline does. So are its holder's
 * service-exemplar ones when the holder holds no other post that stands
 * (an exemplar is confirmed only then). A service brand is the
 * department's, for all its posts: it stays, and `check` lists it for
 * review (xf_award_review). Inside the revocation's transaction, whose
 * action ("post.revoke") the declines are recorded under; the ones ranked
 * in their place are recorded as "award.replace_revoked". *n counts the
 * awards declined. */
int xf_award_decline_revoked(const struct xf_ctx *ctx, int64_t post_id, const char *on, int *n,
                             struct xf_error *err);
/* How many of post_id's awards a revocation on day on (today when NULL
 * or not a date) would decline, for the question before it; *years (may
 * be NULL; caller frees, NULL when none) names them: "2026 (confirmed)". */
int xf_award_standing(const struct xf_ctx *ctx, int64_t post_id, const char *on, int *n,
                      char **years, struct xf_error *err);
/* The same for the service-exemplar awards of the post's holder that the
 * revocation would decline (the holder holding no other post that stands). */
int xf_award_standing_exemplar(const struct xf_ctx *ctx, int64_t post_id, const char *on, int *n,
                               char **years, struct xf_error *err);
/* When post_id's evaluation of quarter fails and the post holds a
 * satisfaction-window award of that year or the year before (candidate or
 * confirmed), or its holder a service-exemplar award of those years, *text
 * (caller frees) says so for the organiser to review it;
 * else NULL. Nothing is declined: one failed quarter need not undo an
 * award, but `check` lists a confirmed one until it is decided again. */
int xf_award_failure_note(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                          char **text, struct xf_error *err);
/* The confirmed awards, within the user's scope, whose post has failed an
 * evaluation of the award's year or the next since the confirmation, or
 * was revoked by the end of the next year, for `check`: year, award, rank,
 * post, title, unit and what happened. An exemplar's posts are those its
 * member holds (revoked: when none stands); a brand's, those of its
 * department, revoked since the confirmation. t is initialised here; the
 * caller frees it. */
int xf_award_review(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err);
/* Takes back the decision on award id seen at version, saying why
 * (reason, required): it is a candidate again. A confirmation is taken
 * back as it is. A decline is not for a window whose post is revoked, nor
 * for an exemplar holding no post that stands (XF_ESTATE, saying so); the
 * place it gave to the next in the ranking comes back (that candidate is
 * declined, saying why, and no one is pulled in), refused when that one
 * has been confirmed since. Recorded as "award.reopen" or
 * "award.reopen_declined". */
int xf_award_reopen(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                    struct xf_error *err);
/* Whether award id's decision may be taken back as things stand (a
 * declined one's post not revoked): for the interface to say before it
 * asks why. */
int xf_award_reopen_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err);

/* The year's awards the user may see, every kind by rank with its
 * decision, as a report (report awards). */
int xf_award_report(const struct xf_ctx *ctx, int year, struct xf_table *t, struct xf_error *err);
/* The award rows of year and kind the user may see (their scope), by
 * rank; free with xf_award_lines_free. */
int xf_award_list(const struct xf_ctx *ctx, int year, const char *kind,
                  struct xf_award_line **out, size_t *n, struct xf_error *err);
/* The award kinds in the order the seed lists them, NULL-terminated, and
 * their translated names (群众满意窗口, ...); a status's name. */
extern const char *const xf_award_kinds[];
const char *xf_award_kind_label(const char *kind);
const char *xf_award_status_label(const char *status);

#endif
