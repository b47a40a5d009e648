/* The counting queries behind the Overview. */
#ifndef XF_STORE_OVERVIEW_H
#define XF_STORE_OVERVIEW_H
#include "xf/db.h"
#include "xf/overview.h"

/* One read of every headline count; dates are "YYYY-MM-DD"; scope is a
 * JSON array of the unit codes whose subtrees count, NULL for all. */
int xf_store_overview(struct xf_db *db, const char *today, const char *quarter,
                      const char *scope, struct xf_overview *o, struct xf_error *err);

#endif
