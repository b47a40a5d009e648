/* Are the database file and its directory set up so that every user can
 * work? With per-user Unix accounts everyone writes the same file, and
 * SQLite also creates -wal and -shm files beside it: the directory and the
 * files must belong to the xianfeng group and be group-writable, and
 * nobody else may read the complainants' personal data. */
#ifndef XF_FSCHECK_H
#define XF_FSCHECK_H
#include <stdbool.h>
#include <stddef.h>
#include "xf/config.h"
#include "xf/error.h"

#define XF_FS_GROUP "xianfeng" /* the group install creates */

struct xf_fs_problem {
    char *text;          /* one line for the administrator, with the fix */
    bool blocks_writes;  /* other users cannot write (check exits 1) */
};

struct xf_fs_report {
    struct xf_fs_problem *items;
    size_t n;
};

/* Checks db_path and its directory. Group checks apply when cfg lists
 * users (several accounts share the file), unless the file belongs to the
 * configured service account (then only that account opens it). group is
 * the expected group name (NULL: XF_FS_GROUP; when no such group exists,
 * the directory's group). Fills out (free with xf_fs_report_free);
 * XF_EIO only when the file cannot be examined at all. */
int xf_fscheck(const char *db_path, const struct xf_config *cfg, const char *group,
               struct xf_fs_report *out, struct xf_error *err);
void xf_fs_report_free(struct xf_fs_report *r);
/* True when any problem stops other users from writing. */
bool xf_fs_report_blocks(const struct xf_fs_report *r);

#endif
