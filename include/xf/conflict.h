/* Explaining an optimistic-concurrency refusal: when a write fails with
 * XF_ECONFLICT (the record's version moved on), say who changed the record,
 * when, and what they changed, from its last history row, so the user can
 * see the change they have not seen before retrying (SPEC §5). */
#ifndef XF_CONFLICT_H
#define XF_CONFLICT_H
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"

/* Rewrites err->msg as "<what> was changed by someone else: <actor> at
 * <time> (<action>): <field>: <before> → <after>, ...; reload it and try
 * again". entity is the table name ("complaint", "pledge", ...); what
 * names the record as the user knows it, translated ("post XFG-00001"),
 * or is NULL for "<entity> #<id>". Complainants' personal data is named
 * but not shown to roles that may not see it; long values are shortened
 * with "…". err->code and err->field are kept; when the record has no
 * readable history err is left as it was. Returns err->code
 * (XF_ECONFLICT when err was clear). It only reads: it may run inside
 * the refused write's transaction or after it. */
int xf_conflict_describe(const struct xf_ctx *ctx, const char *entity, int64_t id,
                         const char *what, struct xf_error *err);

#endif
