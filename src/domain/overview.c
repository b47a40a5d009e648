/* The programme's headline figures. */
#include "xf/overview.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/evaluation.h"
#include "xf/i18n.h"
#include "xf/store_overview.h"

/* '["D001","D002"]' for a scoped user, NULL for everyone else; caller
 * frees. */
static char *scope_json(const struct xf_ctx *ctx, bool *oom)
{
    *oom = false;
    if (!ctx->user || ctx->user->n_scopes == 0)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        *oom = true;
        return NULL;
    }
    fputc('[', f);
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        fputs(i ? ",\"" : "\"", f);
        for (const char *c = ctx->user->scopes[i]; *c; c++) {
            if (*c == '"' || *c == '\\')
                fputc('\\', f);
            fputc(*c, f);
        }
        fputc('"', f);
    }
    fputc(']', f);
    fclose(f);
    return buf;
}

int xf_overview_get(const struct xf_ctx *ctx, const char *today, struct xf_overview *o,
                    struct xf_error *err)
{
    char quarter[7];
    xf_quarter_of(today, quarter);
    bool oom;
    char *scope = scope_json(ctx, &oom);
    if (oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = xf_store_overview(ctx->db, today, quarter, scope, xf_complaint_handler_view(ctx),
                               o, err);
    free(scope);
    /* As the complaint list's clock counts a wait: in working days. */
    if (!rc && o->complaints_waiting_since[0] && xf_date_valid(today)) {
        long n = xf_workday_diff(&ctx->cfg->calendar, o->complaints_waiting_since, today);
        o->complaints_waiting_days = n > 0 ? n : 0;
    }
    /* No evaluation yet, of this quarter or any before: the quarter open
     * for evaluation, as the Evaluations pane shows (a new office read
     * "2026Q4 evaluated 0" in November, when only 2026Q3 could be). */
    char open[7];
    xf_evaluation_default_quarter(today, open);
    if (!rc && o->evals_quarter == 0 && !strcmp(o->quarter, quarter) && *open)
        memcpy(o->quarter, open, sizeof open);
    return rc;
}

int xf_overview_tally_check(const struct xf_ctx *ctx, int64_t *counts_wrong,
                            struct xf_error *err)
{
    *counts_wrong = 0;
    return xf_store_overview_tally_check(ctx->db, counts_wrong, err);
}
