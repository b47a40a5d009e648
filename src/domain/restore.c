/* Restoring the database from a backup (see restore.h). */
#include "xf/restore.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "xf/i18n.h"

int xf_backup(const struct xf_ctx *ctx, const char *dest, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_BACKUP, 0, err);
    return rc ? rc : xf_db_backup(ctx->db, dest, err);
}

int xf_restore_check(const struct xf_ctx *ctx, const char *path, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_BACKUP, 0, err);
    return rc ? rc : xf_store_restore_check(ctx->db, path, err);
}

int xf_restore_info(const struct xf_ctx *ctx, const char *path, struct xf_restore_info *out,
                    struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_BACKUP, 0, err);
    return rc ? rc : xf_store_restore_info(ctx->db, path, out, err);
}

/* DB.before-restore-YYYYMMDD-HHMMSS, in local time as people read it. */
static char *kept_name(const char *db_path)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    char *name = NULL;
    return asprintf(&name, "%s.before-restore-%s", db_path, stamp) < 0 ? NULL : name;
}

static int note(const struct xf_ctx *ctx, const char *path, const char *kept,
                struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, "database.restore", err);
    if (rc)
        return rc;
    if ((rc = xf_store_restore_note(ctx->db, path, kept, err))) {
        xf_db_rollback(ctx->db);
        return rc;
    }
    return xf_db_commit(ctx->db, err);
}

int xf_restore_database(const struct xf_ctx *ctx, const char *path, char **kept,
                        struct xf_error *err)
{
    *kept = NULL;
    int rc = xf_restore_check(ctx, path, err);
    if (rc)
        return rc;
    char *copy = kept_name(xf_db_path(ctx->db));
    if (!copy)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    /* Nothing is replaced unless the current data is safe first. */
    if ((rc = xf_store_restore(ctx->db, path, copy, err))) {
        free(copy);
        return rc;
    }
    *kept = copy;
    /* The restored data stays even if this row cannot be written: the
     * caller reports the error and the copy says what was there. Whole
     * paths: the history is read later, from anywhere. */
    char *from = realpath(path, NULL), *where = realpath(copy, NULL);
    rc = note(ctx, from ? from : path, where ? where : copy, err);
    free(from);
    free(where);
    return rc;
}
