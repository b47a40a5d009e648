/* The pledge tally's check and repair, for `xianfeng check`. */
#include "xf/pledge_tally.h"

#include "xf/store_pledge_tally.h"
#include "xf/store_unit.h"

int xf_pledge_tally_check(const struct xf_ctx *ctx, int64_t *units_wrong, struct xf_error *err)
{
    *units_wrong = 0;
    return xf_store_pledge_tally_check(ctx->db, units_wrong, err);
}

int xf_pledge_tally_repair(const struct xf_ctx *ctx, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc || (rc = xf_db_begin(ctx->db, "pledge_tally.rebuild", err)))
        return rc;
    rc = xf_store_pledge_tally_rebuild(ctx->db, err);
    if (rc) {
        xf_db_rollback(ctx->db);
        return rc;
    }
    return xf_db_commit(ctx->db, err);
}

int xf_member_dept_check(const struct xf_ctx *ctx, int64_t *rows_wrong, struct xf_error *err)
{
    *rows_wrong = 0;
    return xf_store_member_dept_check(ctx->db, rows_wrong, err);
}
