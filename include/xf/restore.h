/* Backups and restoring the database from one: for an admin without a
 * unit scope only (XF_P_BACKUP). The current database is kept next to it
 * first, then the backup is copied into the live database so every open
 * session sees it, and a history row "database.restore" records who did
 * it. */
#ifndef XF_RESTORE_H
#define XF_RESTORE_H
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_restore.h"

/* Copies the database to dest (never over an existing file) while others
 * work; admin without a scope only, as the copy holds every unit's
 * personal data unmasked. */
int xf_backup(const struct xf_ctx *ctx, const char *dest, struct xf_error *err);

/* Whether the caller may restore and path is a sound xianfeng backup of
 * this version: for asking the user only about a restore that can work. */
int xf_restore_check(const struct xf_ctx *ctx, const char *path, struct xf_error *err);

/* What restoring path would take away (see xf_restore_info); admin only. */
int xf_restore_info(const struct xf_ctx *ctx, const char *path, struct xf_restore_info *out,
                    struct xf_error *err);

/* Restores path into ctx's database. *kept (caller frees) names the copy
 * of the database as it was, "DB.before-restore-YYYYMMDD-HHMMSS"; NULL
 * when none was made. *left (when given) counts the records of each kind
 * the restore left out (they are in the kept copy). On failure the
 * database is as it was. */
int xf_restore_database(const struct xf_ctx *ctx, const char *path, char **kept,
                        struct xf_restore_left *left, struct xf_error *err);

/* A restore made since the session took in the last it saw (its forms
 * and lists were read before it: their saves are refused, see db.h):
 * *mark names it, 0 when there is none. */
int xf_restore_unseen(const struct xf_ctx *ctx, int64_t *mark, struct xf_error *err);
/* The session has re-read what it shows after the restore mark (read
 * with xf_restore_unseen before re-reading): its saves go through again. */
void xf_restore_take(const struct xf_ctx *ctx, int64_t mark);

#endif
