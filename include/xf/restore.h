/* Restoring the database from a backup: admin only (XF_P_IMPORT). The
 * current database is kept next to it first, then the backup is copied
 * into the live database so every open session sees it, and a history row
 * "database.restore" records who did it. */
#ifndef XF_RESTORE_H
#define XF_RESTORE_H
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_restore.h"

/* Whether the caller may restore and path is a sound xianfeng backup of
 * this version: for asking the user only about a restore that can work. */
int xf_restore_check(const struct xf_ctx *ctx, const char *path, struct xf_error *err);

/* Restores path into ctx's database. *kept (caller frees) names the copy
 * of the database as it was, "DB.before-restore-YYYYMMDD-HHMMSS"; NULL
 * when none was made. On failure the database is as it was. */
int xf_restore_database(const struct xf_ctx *ctx, const char *path, char **kept,
                        struct xf_error *err);

#endif
