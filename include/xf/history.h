/* Reading who changed what: one record's history for anyone who may read
 * the record, the whole database's for admins (XF_P_HISTORY_ALL), and the
 * list of users with when each last changed something. Complainants' names
 * and phones inside the before/after JSON are masked for roles that may
 * not see them (XF_P_COMPLAINT_PERSONAL). */
#ifndef XF_HISTORY_H
#define XF_HISTORY_H
#include <stddef.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/store_history.h"
#include "xf/table.h"

/* Largest page a caller may ask for. */
#define XF_HISTORY_MAX_PAGE 1000

/* One keyset page (newest first, rows with id < after_id; 0 = from the
 * newest) of the history of entity (a table name such as "complaint") row
 * entity_id. Allowed when the record lies in the user's scope (complaints:
 * when the user may read the complaint). *rows is allocated; free with
 * xf_history_rows_free. XF_EINVAL names "entity", "id" or "limit". */
int xf_history_for(const struct xf_ctx *ctx, const char *entity, int64_t entity_id,
                   int64_t after_id, size_t limit, struct xf_history_row **rows, size_t *n,
                   struct xf_error *err);
/* The same over the whole database, filtered by actor and dates
 * ("YYYY-MM-DD", inclusive; f may be NULL); needs XF_P_HISTORY_ALL. */
int xf_history_all(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                   int64_t after_id, size_t limit, struct xf_history_row **rows, size_t *n,
                   struct xf_error *err);
/* What one row changed, for people: "state: dispatched → signed; ..."
 * (version and updated_at left out), "field=value, ..." for a creation.
 * Caller frees; NULL only when out of memory. */
char *xf_history_changes(const struct xf_history_row *r);
/* Fills t with the configured users: login, name, role, scopes, last
 * active (time of their latest history row, or "never"). Allowed for
 * admins and organisers. */
int xf_history_users(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err);

/* For the status line after another session's commit: a short "who did
 * what" of the newest change since history id *last_id
 * ("zhang.wei: complaint.dispatch (complaint #12), and 2 more"), NULL
 * when there is none; advances *last_id. Caller frees. Open to every role:
 * it names no personal data. Start with *last_id = 0 to only learn the
 * current id (returns NULL). */
char *xf_history_news(const struct xf_ctx *ctx, int64_t *last_id);

#endif
