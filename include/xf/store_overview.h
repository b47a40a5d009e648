/* The counting queries behind the Overview, and the tally of headline
 * counts that triggers keep for them (overview_tally in schema.sql). Bulk
 * loading skips those triggers, so it must rebuild the tally before
 * committing. */
#ifndef XF_STORE_OVERVIEW_H
#define XF_STORE_OVERVIEW_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/overview.h"

/* One read of every headline count; dates are "YYYY-MM-DD"; scope is a
 * JSON array of the unit codes whose subtrees count, NULL for all;
 * lead_scope counts a handler's complaints: those dispatched to the
 * scope's units. */
int xf_store_overview(struct xf_db *db, const char *today, const char *quarter,
                      const char *scope, bool lead_scope, struct xf_overview *o,
                      struct xf_error *err);
/* Recounts overview_tally from the records (inside the caller's write
 * transaction). */
int xf_store_overview_tally_rebuild(struct xf_db *db, struct xf_error *err);
/* How many of the tally's counts differ from a plain count of the records
 * (0 when the tally is right). */
int xf_store_overview_tally_check(struct xf_db *db, int64_t *rows_wrong, struct xf_error *err);

#endif
