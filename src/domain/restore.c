/* Restoring the database from a backup (see restore.h). */
#include "xf/restore.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "xf/i18n.h"

int xf_backup(const struct xf_ctx *ctx, const char *dest, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_BACKUP, 0, err);
    return rc ? rc : xf_db_backup(ctx->db, dest, err);
}

int xf_restore_check(const struct xf_ctx *ctx, const char *path, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_BACKUP, 0, err);
    if (!rc)
        rc = xf_db_writes_allowed(ctx->db, err);
    return rc ? rc : xf_store_restore_check(ctx->db, path, err);
}

int xf_restore_info(const struct xf_ctx *ctx, const char *path, struct xf_restore_info *out,
                    struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_BACKUP, 0, err);
    return rc ? rc : xf_store_restore_info(ctx->db, path, out, err);
}

/* DB.before-restore-YYYYMMDD-HHMMSS, in local time as people read it;
 * "-2", "-3" … after it for a second restore within the same second
 * (refused before: the copy's name was taken). */
static char *kept_name(const char *db_path)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *name = NULL;
    for (int i = 1; i < 100; i++) {
        free(name);
        if ((i == 1 ? asprintf(&name, "%s.before-restore-%s", db_path, stamp)
                    : asprintf(&name, "%s.before-restore-%s-%d", db_path, stamp, i)) < 0)
            return NULL;
        if (access(name, F_OK) != 0)
            break;
    }
    return name;
}

int xf_restore_database(const struct xf_ctx *ctx, const char *path, char **kept,
                        struct xf_restore_left *left, struct xf_error *err)
{
    *kept = NULL;
    int rc = xf_restore_check(ctx, path, err);
    if (rc)
        return rc;
    char *copy = kept_name(xf_db_path(ctx->db));
    if (!copy)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    /* Nothing is replaced unless the current data is safe first. */
    rc = xf_store_restore(ctx->db, path, copy, left, err);
    /* Restored, but its history row not written: the copy is still told. */
    if (access(copy, F_OK) == 0)
        *kept = copy;
    else
        free(copy);
    return rc;
}

int xf_restore_unseen(const struct xf_ctx *ctx, int64_t *mark, struct xf_error *err)
{
    int64_t latest;
    int rc = xf_db_restore_latest(ctx->db, &latest, err);
    *mark = rc == XF_OK && latest != xf_db_restore_seen(ctx->db) ? latest : 0;
    return rc;
}

void xf_restore_take(const struct xf_ctx *ctx, int64_t mark)
{
    if (mark)
        xf_db_restore_take(ctx->db, mark);
}
