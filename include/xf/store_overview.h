/* The counting queries behind the Overview. */
#ifndef XF_STORE_OVERVIEW_H
#define XF_STORE_OVERVIEW_H
#include "xf/db.h"
#include "xf/overview.h"

/* One read of every headline count; dates are "YYYY-MM-DD". */
int xf_store_overview(struct xf_db *db, const char *today, const char *quarter,
                      struct xf_overview *o, struct xf_error *err);

#endif
