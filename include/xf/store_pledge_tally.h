/* The pledge tally: per-unit counts of made, kept, withdrawn and open
 * pledges that triggers keep in step with the pledge table (schema.sql),
 * read by the progress roll-up instead of every pledge. Bulk loading
 * skips those triggers, so it must rebuild the tally before committing. */
#ifndef XF_STORE_PLEDGE_TALLY_H
#define XF_STORE_PLEDGE_TALLY_H
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

/* Recounts the tally from the pledge table (inside the caller's write
 * transaction). */
int xf_store_pledge_tally_rebuild(struct xf_db *db, struct xf_error *err);
/* How many units' tally rows differ from a plain count of their pledges
 * (0 when the tally is right). */
int xf_store_pledge_tally_check(struct xf_db *db, int64_t *units_wrong, struct xf_error *err);

#endif
