/* Inspections (§2.6): unannounced checks and sample checks of a post or
 * unit against a checklist from the config, the derived result, and the
 * rectification a failed inspection opens (open -> done -> verified). */
#ifndef XF_INSPECTION_H
#define XF_INSPECTION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/store_inspection.h"
#include "xf/table.h"
#include "xf/transfer.h"

#define XF_INSPECTION_FINDINGS_MAX 20000 /* characters */
#define XF_RECT_NOTE_MAX 2000            /* characters */
#define XF_INSPECTION_CODE_MAX 32        /* bytes */

/* What an inspector enters. */
struct xf_inspection_new {
    const char *code;            /* NULL or "": assigned "XJ-YYYYMMDD-NNNN" */
    const char *kind;            /* unannounced / sample */
    const char *template_name;   /* checklist name; NULL or "": the kind's name */
    const char *post_code;       /* a post (its unit is used) ... */
    int64_t post_id;             /* ... or a post by id ... */
    int64_t unit_id;             /* ... or a unit; post wins when both given */
    const char *on_date;         /* not in the future */
    int samples_checked;         /* sample: at least 1 */
    int samples_failed;          /* <= samples_checked */
    const char *findings;        /* may be empty */
    const char *const *outcomes; /* "pass" / "fail" / "na", one per template item */
    size_t n_outcomes;
    const char *rect_due_on; /* failed only; NULL: rectify_days working days later */
};

/* The tallies the result is derived from. */
struct xf_inspection_tally {
    int items_applicable; /* items not n.a. */
    int items_failed;
    bool critical_failed; /* a critical item failed */
    int samples_checked;
    int samples_failed;
};

/* The derived result, "pass" or "fail" (a pure function, no database):
 * fail when a critical item failed, when failed / applicable items exceeds
 * cfg->inspection_fail_rate, or when samples were checked and failed /
 * checked exceeds cfg->sample_fail_rate. */
const char *xf_inspection_result(const struct xf_config *cfg, const struct xf_inspection_tally *t);

/* Logs an inspection (inspector = ctx->login) with its items copied from
 * the template; a failed one opens its rectification in the same
 * transaction. *id_out gets the inspection id (may be NULL). */
int xf_inspection_log(const struct xf_ctx *ctx, const struct xf_inspection_new *in, int64_t *id_out,
                      struct xf_error *err);
int xf_inspection_get(const struct xf_ctx *ctx, int64_t id, struct xf_inspection *out,
                      struct xf_error *err);

/* open -> done (XF_P_RECTIFY): done today, with a note saying what was
 * put right. */
int xf_rectification_done(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                          struct xf_error *err);
/* done -> verified (XF_P_INSPECT) by someone other than who reported it
 * done. */
int xf_rectification_verify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            struct xf_error *err);
bool xf_rectification_is_overdue(const struct xf_rectification *r, const char *today);

/* Per kind and overall: inspections, passed, failed, pass rate %, open
 * rectifications, overdue rectifications (open and past due). */
int xf_inspection_report(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err);

/* CSV kind "inspections" (code, kind, template, post_code, unit_code,
 * inspector, on_date, samples_checked, samples_failed, findings, items,
 * result, rect_due_on, rect_status, rect_done_on, rect_done_note,
 * rect_verified_by, rect_verified_on). items is "pass;fail;na;..." in
 * template order; import recomputes the result and refuses a row whose
 * result column disagrees. */
extern const struct xf_kind_io xf_kind_inspections;

#endif
