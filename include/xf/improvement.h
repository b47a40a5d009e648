/* Service improvements (§2.7). */
#ifndef XF_IMPROVEMENT_H
#define XF_IMPROVEMENT_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/store_improvement.h"
#include "xf/transfer.h"

#define XF_IMPROVEMENT_TITLE_MAX 500 /* characters */

/* Records an improvement (XF_P_UNIT_EDIT in the unit's scope): unit_id,
 * kind, title, on_date and, for a time cut, days_before and days_after
 * (after <= before); national_limit_days optional (> 0). The id and
 * version of im are set. */
int xf_improvement_add(const struct xf_ctx *ctx, struct xf_improvement *im, struct xf_error *err);
/* method, prerequisite, fee, time_cut; NULL-terminated. */
extern const char *const xf_improvement_kinds[];
/* "approval time cut", translated; an unknown kind as it is. */
const char *xf_improvement_kind_label(const char *kind);
/* Improvement id when its unit is in the user's scope (XF_EPERM
 * otherwise); the caller clears out. */
int xf_improvement_get(const struct xf_ctx *ctx, int64_t id, struct xf_improvement *out,
                       struct xf_error *err);
/* Corrects improvement im->id (read at im->version): every field may
 * change, checked as when it was added; XF_ECONFLICT, explained, when
 * someone changed it since. */
int xf_improvement_edit(const struct xf_ctx *ctx, struct xf_improvement *im,
                        struct xf_error *err);

/* What the improvements list shows; every restriction optional (NULL). */
struct xf_improvement_filter {
    const char *kind;
    const char *like; /* in the title or the unit's name */
};
/* A keyset page of the improvements of the user's units, newest first.
 * Holds no transaction. */
int xf_improvement_page(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                        const char *from_date, int64_t from_id, enum xf_improvement_dir dir,
                        int limit, void (*fn)(void *arg, const struct xf_improvement_item *row),
                        void *arg, struct xf_error *err);
/* The row of improvement id under f; XF_ENOTFOUND when f leaves it out. */
int xf_improvement_item(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                        int64_t id, void (*fn)(void *arg, const struct xf_improvement_item *row),
                        void *arg, struct xf_error *err);
/* How many improvements f leaves, up to cap (*n == cap: cap or more). */
int xf_improvement_count(const struct xf_ctx *ctx, const struct xf_improvement_filter *f,
                         long cap, long *n, struct xf_error *err);

/* Totals for the Overview over the subtree of unit_id (0: everything). */
int xf_improvement_totals(const struct xf_ctx *ctx, int64_t unit_id,
                          struct xf_improvement_totals *out, struct xf_error *err);

/* CSV kind "improvements" (unit_code, kind, title, on_date, days_before,
 * days_after, national_limit_days). */
extern const struct xf_kind_io xf_kind_improvements;

#endif
