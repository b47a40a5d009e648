/* Helpers shared by the complaint domain files (complaint.c, the workflow,
 * and complaint_io.c, reports and CSV); not for other modules. */
#ifndef XF_COMPLAINT_PRIV_H
#define XF_COMPLAINT_PRIV_H
#include <stdbool.h>
#include <stddef.h>
#include "xf/complaint.h"

/* Checks a text field: UTF-8, at most max_chars characters, not empty when
 * required, and on one line without control characters unless multiline. */
int xfc_check_text(const char *s, const char *field, size_t max_chars, bool required,
                   bool multiline, struct xf_error *err);
int xfc_check_phone(const char *s, const char *field, struct xf_error *err);
/* "YYYY-MM-DD HH:MM:SS" or, when date_ok, "YYYY-MM-DD". */
int xfc_check_timestamp(const char *s, const char *field, bool date_ok, struct xf_error *err);
/* A received_at that is a date or time and not after today. */
int xfc_check_received(const char *s, struct xf_error *err);
bool xfc_source_valid(const char *s);
bool xfc_kind_valid(const char *s);
/* The JSON array of the user's scope unit codes, or NULL when unscoped.
 * Caller frees. *oom set when allocation failed. */
char *xfc_scope_json(const struct xf_ctx *ctx, bool *oom);
/* Whether what changed in complaint id since version seen leaves the step
 * label ("complaint.reply") as the user decided it (complaint.c says which
 * changes do); false when the history cannot tell. */
bool xfc_unrelated_since(const struct xf_ctx *ctx, const char *label, int64_t id, int64_t seen);
/* Replaces name and phone with masked copies. */
void xfc_mask(struct xf_complaint *c);
/* True when the complaint concerns, or is led by, a unit in scope. */
bool xfc_in_scope(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* What the user may read, as their list shows it: a handler what was
 * dispatched to their units (lead or co-handler), others xfc_in_scope. */
bool xfc_reads(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* Closed on time: the last round was signed for and replied to by its
 * deadlines (compared by day), and none of them was moved later after it
 * had passed (missed_due). */
bool xfc_on_time(const struct xf_complaint *c);

#endif
