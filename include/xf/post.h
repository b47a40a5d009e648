/* Pioneer posts (SPEC §2.2): set up, published (the notice goes up), named
 * by a Party committee after passing an evaluation, revoked. A revoked post
 * is never published or named again: a new post must be set up. */
#ifndef XF_POST_H
#define XF_POST_H
#include <stdbool.h>
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
 * position, scope, hotline and the four commitments) must be complete. */
int xf_post_publish(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *on,
                    struct xf_error *err);
/* published -> named by the Party committee level (e.g. "市委") on date on
 * (NULL = today). Needs at least one passed evaluation, and the latest
 * evaluation passed; on is not before the first pass since the latest
 * failure was known (its quarter's end, or the day it was entered if
 * earlier). */
int xf_post_name(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *level,
                 const char *on, struct xf_error *err);
/* Whether post p (as read) could be named now: its status and its
 * evaluations, refused as xf_post_name would; so a form is not opened
 * for what its save would refuse. */
int xf_post_name_check(const struct xf_ctx *ctx, const struct xf_post *p, struct xf_error *err);
/* The same for editing and revoking p (its status) and for publishing it
 * (its status and its notice, complete). */
int xf_post_edit_check(const struct xf_post *p, struct xf_error *err);
int xf_post_publish_check(const struct xf_post *p, struct xf_error *err);
int xf_post_revoke_check(const struct xf_post *p, struct xf_error *err);
/* The steps of the life cycle post p (as read) is open to by its status,
 * as a mask of enum xf_post_step: what a card offers (a named post is not
 * named again, a proposed one not revoked). What else a step needs (a
 * passed evaluation, a complete notice) its own check says when asked. */
enum xf_post_step {
    XF_POST_STEP_EDIT = 1 << 0,
    XF_POST_STEP_PUBLISH = 1 << 1,
    XF_POST_STEP_NAME = 1 << 2,
    XF_POST_STEP_REVOKE = 1 << 3,
};
unsigned xf_post_steps(const struct xf_post *p);
/* The same, less naming when p's evaluations do not allow it yet (none
 * passed, or the latest failed): what the keys offer, so that N is not
 * shown only to be refused. One indexed read of p's evaluations. */
unsigned xf_post_steps_now(const struct xf_ctx *ctx, const struct xf_post *p);
/* The same for a post known only by its status (a list's row). */
unsigned xf_post_status_steps(enum xf_post_status s);
/* A record naming both a post (whose unit is post_unit_id) and a unit
 * (unit_id) must name the post's unit or a unit above it; 0 for either id
 * means it was not given. Refused with "post %s does not belong to unit
 * %s", the error naming field. Shared by complaints and inspections. */
int xf_post_check_in_unit(const struct xf_ctx *ctx, int64_t post_unit_id, int64_t unit_id,
                          const char *post_code, const char *unit_code, const char *field,
                          struct xf_error *err);
/* published or named -> revoked, with a reason, on date on (NULL = today). */
/* Whether on may be p's day of revocation (not before the post was named
 * or published, nor before any of its evaluations was known): for a form
 * to say before it asks "revoke for good?". */
int xf_post_revoke_date_check(const struct xf_ctx *ctx, const struct xf_post *p, const char *on,
                              struct xf_error *err);
int xf_post_revoke(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                   const char *on, struct xf_error *err);

/* Published and named posts with rules.revoke_after_failures failed
 * evaluations (consecutive latest ones when rules.consecutive), within the
 * user's scope: code, title, unit, status, failures, failed quarters.
 * t is initialised here; the caller frees it. */
int xf_post_revocation_candidates(const struct xf_ctx *ctx, struct xf_table *t,
                                  struct xf_error *err);
/* Named posts within the user's scope that no passing evaluation backs
 * (a pass corrected to a fail after the naming, or a post imported as
 * named without one): fn gets each one's code, naming date and number of
 * evaluations (0: none at all), by code. */
int xf_post_named_unbacked(const struct xf_ctx *ctx,
                           void (*fn)(void *arg, const char *code, const char *named_on,
                                      int64_t evaluated),
                           void *arg, struct xf_error *err);
/* Revoked posts within the user's scope whose failed evaluations were
 * corrected to passes, so that the rules would not revoke them now (a
 * revocation is final: listed for review): fn gets each one's code,
 * revocation day and corrected quarters ("2026Q2,2026Q3"), by code. */
int xf_post_revoked_unbacked(const struct xf_ctx *ctx,
                             void (*fn)(void *arg, const char *code, const char *revoked_on,
                                        const char *quarters),
                             void *arg, struct xf_error *err);
/* The reason a revocation for failed_quarters ("2026Q3,2026Q4") is
 * offered: "2026Q3、2026Q4 测评不合格". It is data, shown on the public
 * sign and in every report, so it is written in the office's language
 * (Chinese, the language of the programme's documents), whatever the
 * interface language of the organiser who revokes. Caller frees; NULL
 * when there are no quarters or no memory. */
char *xf_post_revoke_reason_default(const char *failed_quarters);
/* Posts by status within the user's scope, with a total row. */
int xf_post_report_status(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err);

/* The translated label of a status ("公示" ...). */
const char *xf_post_status_label(enum xf_post_status s);

/* ---- reading, for the interface ------------------------------------------ */

/* What the interface's post list shows (0 / NULL = no restriction). */
struct xf_post_filter {
    enum xf_post_sort sort;
    unsigned status_mask; /* bits (1 << enum xf_post_status) */
    bool candidates;      /* revocation candidates only (rules.revoke_after_failures) */
    int64_t unit_id;      /* the unit's subtree */
    const char *ids_json; /* JSON array of post ids, e.g. a search result */
    const char *query;    /* with ids_json, the search as typed: the posts of the
                           * units it names match too (xf_search_places, read at
                           * each page) */
    const char *like;     /* code, title, holder or a unit on its line contains it (pickers) */
    int64_t project_id;   /* posts linked to this key project; 0 = any */
    const char *open_for; /* a quarter: only the posts it may evaluate (published
                           * by its end, no evaluation for it yet), as the
                           * evaluation form's picker counts them; NULL = any */
};

/* How many posts the filter leaves within the user's scope, up to cap
 * (*n == cap: that many or more): a search's total. */
int xf_post_count(const struct xf_ctx *ctx, const struct xf_post_filter *f, long cap, long *n,
                  struct xf_error *err);
/* A keyset page of posts within the user's scope: up to limit rows from
 * (from_key, from_id) in direction dir (from_key NULL: from the start, or
 * for XF_POST_BEFORE from the end). Failures are counted as the revocation
 * rule counts them. Holds no transaction. */
int xf_post_page(const struct xf_ctx *ctx, const struct xf_post_filter *f, const char *from_key,
                 int64_t from_id, enum xf_post_dir dir, int limit,
                 void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                 struct xf_error *err);
/* The row of post id under f; XF_ENOTFOUND when f or the scope leave it out. */
int xf_post_item(const struct xf_ctx *ctx, const struct xf_post_filter *f, int64_t id,
                 void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                 struct xf_error *err);
/* One post, when it lies in the user's scope (XF_EPERM otherwise). The
 * caller clears out. */
int xf_post_get(const struct xf_ctx *ctx, int64_t id, struct xf_post *out, struct xf_error *err);
/* Its evaluations, complaints and inspections, newest first, at most limit
 * of each (the post card). */
int xf_post_events(const struct xf_ctx *ctx, int64_t post_id, int limit,
                   void (*fn)(void *arg, const struct xf_post_event *ev), void *arg,
                   struct xf_error *err);
/* Pickers for the post form: active units in scope whose code or name
 * contains query (extra = the department), and active members of a unit
 * (extra = position, and the posts other than post_id, the one being
 * edited or 0, that the member holds). */
int xf_post_unit_choices(const struct xf_ctx *ctx, const char *query, int limit,
                         void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                         struct xf_error *err);
int xf_post_member_choices(const struct xf_ctx *ctx, int64_t unit_id, int64_t post_id,
                           const char *query, int limit,
                           void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                           struct xf_error *err);

int xf_post_project_choices(const struct xf_ctx *ctx, const char *query, int limit,
                            void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                            struct xf_error *err);
/* A free code for a new post ("XFG-00379"), into *out (caller frees). */
int xf_post_suggest_code(const struct xf_ctx *ctx, char **out, struct xf_error *err);

extern const struct xf_kind_io xf_kind_posts;

#endif
