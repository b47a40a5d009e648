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
#define XF_INSPECTION_SEARCH_MAX 200     /* characters of a list search */

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
/* What is already decided of a check still being filled in, with
 * items_left checklist items not ticked yet (t tallies the ticked ones):
 * XF_OUTLOOK_FAIL_CRITICAL when a critical item failed (it fails whatever
 * comes), XF_OUTLOOK_FAIL_RATE when the items' failure rate would stay
 * above cfg->inspection_fail_rate even if every item left passed, else
 * XF_OUTLOOK_OPEN. With no item left it is the result itself
 * (XF_OUTLOOK_PASS or a fail, as xf_inspection_result). */
enum xf_inspection_outlook {
    XF_OUTLOOK_OPEN,
    XF_OUTLOOK_PASS,
    XF_OUTLOOK_FAIL_CRITICAL,
    XF_OUTLOOK_FAIL_RATE,    /* the items' failure rate */
    XF_OUTLOOK_FAIL_SAMPLES, /* the samples' failure rate */
};
enum xf_inspection_outlook xf_inspection_outlook(const struct xf_config *cfg,
                                                 const struct xf_inspection_tally *t,
                                                 size_t items_left);
/* The outlook in words for the running result of a form, e.g. "Not
 * decided yet: 1 item to tick, 1 failed so far" or "FAIL whatever the
 * rest: a critical item failed (2 items to tick)". */
void xf_inspection_outlook_text(const struct xf_config *cfg, const struct xf_inspection_tally *t,
                                size_t items_left, char *out, size_t size);
/* Why a check with tally t failed, in words, for its detail: the failure
 * rate of its items or of its samples against the configured limit; "" when
 * it passed or a critical item failed (the items say which). */
void xf_inspection_fail_reason(const struct xf_config *cfg, const struct xf_inspection_tally *t,
                               char *out, size_t size);

/* Logs an inspection (inspector = ctx->login) with its items copied from
 * the template; a failed one opens its rectification in the same
 * transaction. *id_out gets the inspection id (may be NULL). */
int xf_inspection_log(const struct xf_ctx *ctx, const struct xf_inspection_new *in, int64_t *id_out,
                      struct xf_error *err);
int xf_inspection_get(const struct xf_ctx *ctx, int64_t id, struct xf_inspection *out,
                      struct xf_error *err);

/* ---- correcting a logged inspection ---- */

#define XF_INSPECTION_NOTE_MAX 500 /* characters of a correction's reason */

/* What a correction sets: everything the inspector observed, but not
 * where, when or by whom (the post, unit, date, kind and checklist stay:
 * an inspection logged against the wrong post is another inspection). */
struct xf_inspection_fix {
    int64_t version;      /* the inspection as the user read it */
    int64_t rect_version; /* its rectification as read; 0 = it had none */
    int samples_checked;
    int samples_failed;
    const char *findings;
    const char *const *outcomes; /* "pass" / "fail" / "na", one per item, in item order */
    size_t n_outcomes;
    /* Failed after the correction: the deadline; NULL or "": the open
     * rectification's stays, a new one gets the default, as when logging. */
    const char *rect_due_on;
    const char *reason; /* why it is corrected; required */
};

/* Whether the user may correct inspection in: the inspector who logged it
 * (within their scope) or an administrator. XF_EPERM saying who may when
 * not. Other inspectors verify the unit's work, but did not see this
 * visit and do not rewrite what a colleague saw. */
int xf_inspection_correct_check(const struct xf_ctx *ctx, const struct xf_inspection *in,
                                struct xf_error *err);
/* Corrects inspection id in one transaction, the result worked out again
 * from its stored items (their labels and critical flags as logged) and
 * the samples. The rectification follows the result: a fail corrected to
 * a pass closes its open rectification as "cancelled" (not needed); a
 * pass corrected to a fail opens one (again) with a deadline as when
 * logging; a rectification already reported done or verified refuses a
 * correction that would pass the inspection or move the deadline (the
 * unit has acted on it: XF_ESTATE, saying what to do instead). A stale
 * version (of either) is XF_ECONFLICT naming what changed; a correction
 * that changes nothing is XF_EINVAL. */
int xf_inspection_correct(const struct xf_ctx *ctx, int64_t id, const struct xf_inspection_fix *fix,
                          struct xf_error *err);
/* The corrections of an inspection the user may see (count 0 when none);
 * the caller clears out. */
int xf_inspection_corrections(const struct xf_ctx *ctx, int64_t id,
                              struct xf_inspection_correction *out, struct xf_error *err);

/* ---- a rectification of a passed check ---- */

/* Whether a passed check had failed items or samples (at or under the
 * rates it passes by): it may still have them put right. */
bool xf_inspection_passed_with_failures(const struct xf_inspection *in);
/* Whether the user may order a rectification for inspection in, before
 * they are asked: an inspector within its unit, the check passed with
 * failed items or samples, and no rectification under way (a cancelled
 * one opens again). XF_EPERM or XF_ESTATE saying why not. */
int xf_inspection_order_check(const struct xf_ctx *ctx, const struct xf_inspection *in,
                              struct xf_error *err);
/* Orders the failed items of passed inspection id put right, in one
 * transaction: an open rectification due due_on (NULL or "":
 * rectify_days working days from today), as a failed check opens one. A
 * stale version is XF_ECONFLICT; the result stays a pass. */
int xf_inspection_order_rectification(const struct xf_ctx *ctx, int64_t id, int64_t version,
                                      const char *due_on, struct xf_error *err);

/* open -> done (XF_P_RECTIFY): done today, with a note saying what was
 * put right. */
int xf_rectification_done(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                          struct xf_error *err);
/* done -> verified (XF_P_INSPECT) by someone other than who reported it
 * done. */
int xf_rectification_verify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            struct xf_error *err);
/* Whether the user may verify rectification id, before they are asked:
 * XF_EPERM, saying why, when not (their role, or they reported it done). */
int xf_rectification_verify_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err);
/* done -> open (XF_P_INSPECT): what was reported done does not put the
 * finding right. reason is required; due_on is the new deadline (NULL:
 * xf_rectification_return_due). */
int xf_rectification_send_back(const struct xf_ctx *ctx, int64_t id, int64_t version,
                               const char *reason, const char *due_on, struct xf_error *err);
/* The deadline a rectification sent back gets unless one is given:
 * rectify_days working days from today, or was_due (its deadline so far)
 * when that is later: sending it back never shortens the unit's time. */
void xf_rectification_return_due(const struct xf_ctx *ctx, const char *was_due,
                                 char out[XF_DATE_LEN]);
bool xf_rectification_is_overdue(const struct xf_rectification *r, const char *today);

/* Per kind and overall: inspections, passed, failed, pass rate %, open
 * rectifications, overdue rectifications (open and past due). period
 * (NULL: all time): the inspections made within it. */
int xf_inspection_report(const struct xf_ctx *ctx, const struct xf_period *period,
                         struct xf_table *t, struct xf_error *err);

/* CSV kind "inspections" (code, kind, template, post_code, unit_code,
 * inspector, on_date, samples_checked, samples_failed, findings, items,
 * result, rect_due_on, rect_status, rect_done_on, rect_done_note,
 * rect_verified_by, rect_verified_on). items is "pass;fail;na;..." in
 * template order; import recomputes the result and refuses a row whose
 * result column disagrees. */
extern const struct xf_kind_io xf_kind_inspections;

/* ---- the Inspections list and detail ---- */

/* What the Inspections pane asks for; every narrowing is optional. */
struct xf_inspection_query {
    enum xf_inspection_order order;
    const char *result; /* "pass" / "fail"; NULL or "" = any */
    const char *kind;   /* "unannounced" / "sample"; NULL or "" = any */
    enum xf_inspection_rect_filter rect;
    int64_t unit_id;    /* that unit and the units below it; 0 = any */
    int64_t post_id;    /* 0 = any */
    const char *search; /* substring of findings, inspection or post code, post
                           title or unit name; NULL or "" = none */
    const char *inspector; /* the login who logged them (an inspector's own
                              checks); NULL or "" = anyone */
    const char *since, *until; /* checks made on these days and between them;
                                  NULL or "" = open; XF_EINVAL on field "since"
                                  or "until" when not a date or out of order */
};

/* One page of the list within the user's scope, newest first (see
 * xf_store_inspection_page for from_sort, from_id and dir). A search of
 * more than XF_INSPECTION_SEARCH_MAX characters or not UTF-8 is XF_EINVAL on
 * field "query". out has room for limit rows; free each with
 * xf_inspection_line_clear. */
int xf_inspection_page(const struct xf_ctx *ctx, const struct xf_inspection_query *q,
                       const char *from_sort, int64_t from_id, enum xf_inspection_dir dir,
                       int limit, struct xf_inspection_line *out, int *n, struct xf_error *err);
/* How many inspections q lists (its search, filters, link and the
 * user's scope), counted no further than cap; errors as xf_inspection_page. */
int xf_inspection_count(const struct xf_ctx *ctx, const struct xf_inspection_query *q, long cap,
                        long *n, struct xf_error *err);
/* The keyset value of inspection id under q (*sort_out, caller frees);
 * XF_ENOTFOUND when it is gone, filtered out or outside the scope. */
int xf_inspection_locate(const struct xf_ctx *ctx, const struct xf_inspection_query *q, int64_t id,
                         char **sort_out, struct xf_error *err);

/* The checklist items of an inspection the user may see, in item order;
 * free with xf_inspection_items_free. */
int xf_inspection_items(const struct xf_ctx *ctx, int64_t inspection_id,
                        struct xf_inspection_item **out, size_t *n, struct xf_error *err);
/* The rectification of an inspection the user may see; XF_ENOTFOUND when
 * it has none (it passed). */
int xf_inspection_rectification(const struct xf_ctx *ctx, int64_t inspection_id,
                                struct xf_rectification *out, struct xf_error *err);
/* Who changed the rectification, when, and to which status (its history),
 * oldest first; free with xf_rect_events_free. */
int xf_rectification_history(const struct xf_ctx *ctx, int64_t id, struct xf_rect_event **out,
                             size_t *n, struct xf_error *err);
/* The rectification deadline xf_inspection_log uses when none is given:
 * rules.rectify_days working days after on_date (a valid date). */
void xf_inspection_default_due(const struct xf_ctx *ctx, const char *on_date,
                               char out[XF_DATE_LEN]);
/* The deadline a correction that fails the check gives its rectification
 * when none is typed: an open one's or a cancelled one's (reopened), while
 * still ahead of today; else the default above. r may be NULL. */
void xf_inspection_fail_due(const struct xf_ctx *ctx, const char *on_date,
                            const struct xf_rectification *r, char out[XF_DATE_LEN]);

#endif
