/* The programme's headline figures. */
#include "xf/overview.h"

#include "xf/date.h"
#include "xf/store_overview.h"

int xf_overview_get(const struct xf_ctx *ctx, const char *today, struct xf_overview *o,
                    struct xf_error *err)
{
    char quarter[7];
    xf_quarter_of(today, quarter);
    return xf_store_overview(ctx->db, today, quarter, o, err);
}
