/* Explaining an optimistic-concurrency refusal: when a write fails with
 * XF_ECONFLICT (the record's version moved on), say who changed the record,
 * when, and what they changed, from its last history row, so the user can
 * see the change they have not seen before retrying (SPEC §5). */
#ifndef XF_CONFLICT_H
#define XF_CONFLICT_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"

/* Rewrites err->msg as "<what> was changed by someone else: <actor> at
 * <time> (<action>): <field>: <before> → <after>, ..." as the history view
 * tells it (translated names, states as shown, references by code,
 * complainants' personal data masked for roles that may not see it; long
 * values shortened with "…"). The caller says what the user may do next.
 * entity is the table name ("complaint", "pledge", ...); what names the
 * record as the user knows it, translated ("post XFG-00001"), or is NULL
 * for "<entity> #<id>". err->code and err->field are kept; when the user
 * may not read the record's history (it left their scope) only who, when
 * and by which step are said, not what changed; when it has none, err is
 * left as it was. Returns err->code (XF_ECONFLICT when err was clear). It
 * only reads: it may run inside the refused write's transaction or after
 * it. */
int xf_conflict_describe(const struct xf_ctx *ctx, const char *entity, int64_t id,
                         const char *what, struct xf_error *err);

/* Before asking "are you sure?" about an irreversible step: XF_OK when
 * record id of table entity still has version seen and no restore was
 * made since the session took in the last (xf_db_restore_check);
 * otherwise an XF_ECONFLICT explained as above (what as for
 * xf_conflict_describe), so the user is not asked to confirm what would
 * be refused. */
int xf_conflict_check(const struct xf_ctx *ctx, const char *entity, int64_t id, int64_t seen,
                      const char *what, struct xf_error *err);

/* Whether record id of table entity has moved on from version seen (or
 * is gone, or cannot be read): what a menu left open on it asks when
 * another session commits. One read; xf_conflict_check then says what
 * changed. */
bool xf_conflict_stale(const struct xf_ctx *ctx, const char *entity, int64_t id, int64_t seen);

#endif
