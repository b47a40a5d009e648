/* Pledges (§2.3): making, keeping and withdrawing them, and pledge
 * progress = kept / (made - withdrawn) rolled up the unit tree. */
#ifndef XF_PLEDGE_H
#define XF_PLEDGE_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/store_pledge.h"
#include "xf/table.h"
#include "xf/transfer.h"

#define XF_PLEDGE_TEXT_MAX 2000 /* characters */
#define XF_PLEDGE_NOTE_MAX 2000 /* evidence and withdrawal reasons, characters */

/* What a clerk enters for a new pledge. */
struct xf_pledge_new {
    const char *kind;     /* "member" (NULL means member), "unit_target", "leader_target" */
    int64_t member_id;    /* member and leader_target; the unit is the member's */
    int64_t unit_id;      /* unit_target only */
    const char *text;     /* 1-2000 characters */
    const char *category; /* standard / time_limit / quality / attitude / other */
    const char *made_on;
    const char *due_on; /* on or after made_on */
    /* A member's pledge: the unit the member was in when the form showed
     * it (0: not checked). The pledge is made where the member is now;
     * when that is elsewhere (moved meanwhile), XF_ECONFLICT says where. */
    int64_t shown_unit_id;
};

/* Records a pledge (status open, created_by = ctx->login); *id_out gets
 * its id (id_out may be NULL). */
int xf_pledge_make(const struct xf_ctx *ctx, const struct xf_pledge_new *in, int64_t *id_out,
                   struct xf_error *err);
/* Whether the user may mark pledge id kept, asked before its form: not
 * the member who made it, nor whoever recorded it (they cannot verify it). */
int xf_pledge_keep_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err);
/* open -> kept. kept_on on or after made_on and not in the future;
 * evidence required; ctx->login is recorded as verifier and must be
 * neither the pledging member nor whoever recorded the pledge. */
int xf_pledge_keep(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *kept_on,
                   const char *evidence, struct xf_error *err);
/* The same with late_reason: required (XF_EINVAL naming "late_reason")
 * when the pledge is overdue today and kept_on is before today, and kept
 * in the history (pledge.keep_late); ignored otherwise. */
int xf_pledge_keep_late(const struct xf_ctx *ctx, int64_t id, int64_t version,
                        const char *kept_on, const char *evidence, const char *late_reason,
                        struct xf_error *err);
/* Whether marking the open pledge p kept on kept_on needs that reason. */
bool xf_pledge_keep_needs_reason(const struct xf_pledge *p, const char *kept_on);
/* When pledge id was last marked kept, by whom (login), and the reason
 * given for its day; each NULL when none. Caller frees. */
int xf_pledge_kept_record(const struct xf_ctx *ctx, int64_t id, char **at, char **actor,
                          char **late_reason, struct xf_error *err);
/* open -> withdrawn (today), with a reason. */
int xf_pledge_withdraw(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                       struct xf_error *err);
int xf_pledge_get(const struct xf_ctx *ctx, int64_t id, struct xf_pledge *out,
                  struct xf_error *err);

/* Overdue is never stored: open and due before today. */
bool xf_pledge_is_overdue(const struct xf_pledge *p, const char *today);
/* The status as people read it on today: an open pledge not yet due is in
 * progress, one past its day overdue; the other statuses by their words. */
const char *xf_pledge_status_label(const struct xf_pledge *p, const char *today);
/* kept / (made - withdrawn), 0 when nothing is left to keep. */
double xf_pledge_rate(const struct xf_pledge_counts *c);

/* Calls fn for each child unit of root_id (0: each top-level unit) within
 * the user's scope, with the counts of its whole subtree. today NULL means
 * xf_date_today(). */
int xf_pledge_progress(const struct xf_ctx *ctx, int64_t root_id, const char *today,
                       xf_pledge_unit_fn fn, void *arg, struct xf_error *err);
/* The top of the progress tree for the acting user: each department, or
 * for a scoped user each unit of the scope (nested ones left out), with
 * the counts of its subtree, through fn. today NULL means today. */
int xf_pledge_progress_top(const struct xf_ctx *ctx, const char *today, xf_pledge_unit_fn fn,
                           void *arg, struct xf_error *err);
/* The counts of unit_id's subtree, through fn once; XF_EPERM outside the
 * user's scope, XF_ENOTFOUND when there is no such unit. */
int xf_pledge_progress_unit(const struct xf_ctx *ctx, int64_t unit_id, const char *today,
                            xf_pledge_unit_fn fn, void *arg, struct xf_error *err);
/* A keyset page (at most limit, 1..500) of unit_id's own members ordered
 * by (name, id), each with the counts of their pledges; from NULL or
 * unbounded starts at either end. overdue_only keeps members with an
 * overdue pledge. XF_EPERM outside the user's scope. */
int xf_pledge_members(const struct xf_ctx *ctx, int64_t unit_id, const char *today,
                      bool overdue_only, const struct xf_pledge_key *from,
                      enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn, void *arg,
                      struct xf_error *err);
/* The same over the members of unit_id and of every unit below it (an
 * organiser's view of who is overdue in a department). */
int xf_pledge_members_below(const struct xf_ctx *ctx, int64_t unit_id, const char *today,
                            bool overdue_only, const struct xf_pledge_key *from,
                            enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn,
                            void *arg, struct xf_error *err);
/* A keyset page by id of member_id's pledges, or with member_id 0 of
 * unit_id's responsibility letters (pledges naming no member). XF_EPERM
 * outside the user's scope. */
int xf_pledge_page(const struct xf_ctx *ctx, int64_t member_id, int64_t unit_id,
                   const struct xf_pledge_key *from, enum xf_pledge_dir dir, int limit,
                   xf_pledge_fn fn, void *arg, struct xf_error *err);
/* Counts over the whole database. */
int xf_pledge_totals(const struct xf_ctx *ctx, const char *today, struct xf_pledge_counts *out,
                     struct xf_error *err);
/* "Pledges by unit": every unit down to depth levels (1 = departments
 * only) in tree order, then a totals row over the whole pledge table.
 * Columns: unit code, unit, made, kept, withdrawn, overdue, progress %. */
int xf_pledge_report(const struct xf_ctx *ctx, const char *today, int depth, struct xf_table *t,
                     struct xf_error *err);

/* CSV kind "pledges" (id, kind, member_code, unit_code, text, category,
 * made_on, due_on, status, kept_on, evidence, verified_by, withdrawn_on,
 * withdraw_reason, created_by); ids are kept on import. */
extern const struct xf_kind_io xf_kind_pledges;

#endif
