/* Pioneer posts (SPEC §2.2): set up, published (the notice goes up), named
 * by a Party committee after passing an evaluation, revoked. A revoked post
 * is never published or named again: a new post must be set up. */
#ifndef XF_POST_H
#define XF_POST_H
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_post.h"
#include "xf/table.h"
#include "xf/transfer.h"

/* Sets up a proposed post from p->code, unit_id (an active unit), title,
 * project_id (0 = none), holder_member_id (0 = none; an empty holder_name
 * is then taken from the member), the notice fields and the commitments.
 * Status, dates and version are set here. Needs XF_P_POST_EDIT over the
 * unit. */
int xf_post_create(const struct xf_ctx *ctx, struct xf_post *p, struct xf_error *err);
/* Saves title, project_id, holder_member_id, the notice fields and the
 * commitments of p->id at version p->version (updated on success). A
 * published or named post must keep its notice complete; a revoked post
 * cannot be changed. */
int xf_post_edit(const struct xf_ctx *ctx, struct xf_post *p, struct xf_error *err);
/* proposed -> published on date on (NULL = today). The notice (holder_name,
 * position, scope, hotline) must be complete. */
int xf_post_publish(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *on,
                    struct xf_error *err);
/* published -> named by the Party committee level (e.g. "市委") on date on
 * (NULL = today). Needs at least one passed evaluation, and the latest
 * evaluation passed. */
int xf_post_name(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *level,
                 const char *on, struct xf_error *err);
/* published or named -> revoked, with a reason, on date on (NULL = today). */
int xf_post_revoke(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                   const char *on, struct xf_error *err);

/* Published and named posts with rules.revoke_after_failures failed
 * evaluations (consecutive latest ones when rules.consecutive), within the
 * user's scope: code, title, unit, status, failures, failed quarters.
 * t is initialised here; the caller frees it. */
int xf_post_revocation_candidates(const struct xf_ctx *ctx, struct xf_table *t,
                                  struct xf_error *err);
/* Posts by status within the user's scope, with a total row. */
int xf_post_report_status(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err);

/* The translated label of a status ("公示" ...). */
const char *xf_post_status_label(enum xf_post_status s);

extern const struct xf_kind_io xf_kind_posts;

#endif
