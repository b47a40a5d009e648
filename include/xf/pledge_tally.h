/* Checking and repairing the pledge tally (xf/store_pledge_tally.h), for
 * `xianfeng check`. */
#ifndef XF_PLEDGE_TALLY_H
#define XF_PLEDGE_TALLY_H
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"

/* *units_wrong = how many units' pledge counts in the tally differ from a
 * plain count of their pledges; 0 when all agree. Read-only. */
int xf_pledge_tally_check(const struct xf_ctx *ctx, int64_t *units_wrong, struct xf_error *err);
/* Recounts the tally from the pledges (admin: XF_P_IMPORT), in one write
 * transaction. */
int xf_pledge_tally_repair(const struct xf_ctx *ctx, struct xf_error *err);
/* *rows_wrong = how many rows of member_dept (each member's department and
 * sort key, by which a department's members are paged in Pledge progress)
 * differ from the members; 0 when all agree. Read-only. */
int xf_member_dept_check(const struct xf_ctx *ctx, int64_t *rows_wrong, struct xf_error *err);

#endif
