/* Putting a backup back: checks that a file is a sound xianfeng database
 * and copies it into the live one with SQLite's backup API, so every open
 * session sees the restored data (a file copy would pull the database out
 * from under them and could mix old -wal pages into the new file). */
#ifndef XF_STORE_RESTORE_H
#define XF_STORE_RESTORE_H
#include "xf/db.h"
#include "xf/error.h"

/* XF_OK when path is a readable, undamaged xianfeng database of the schema
 * version db uses and not db's own file; otherwise XF_EINVAL with a message
 * saying what is wrong with it. */
int xf_store_restore_check(struct xf_db *db, const char *path, struct xf_error *err);

/* Replaces the whole content of db with path's (checked first), in one
 * step under the write lock, after copying the live database into the new
 * file keep under that same lock: a save made while the restore runs is
 * either in that copy or refused as busy, never lost. The history row
 * "database.restore" (entity "database", id 0) says which file was
 * restored and where the database before it was kept. XF_EBUSY when
 * another session keeps writing past the busy timeout; a failed copy
 * restores nothing (its message says which). Must not be called inside a
 * transaction. */
int xf_store_restore(struct xf_db *db, const char *path, const char *keep, struct xf_error *err);

/* What a restore of path would take away: the backup's last recorded
 * change (when and by whom; "" when its history is empty) and how many
 * changes the live database has recorded after it. */
struct xf_restore_info {
    char last_at[24];
    char last_actor[64];
    int64_t later;
};
int xf_store_restore_info(struct xf_db *db, const char *path, struct xf_restore_info *out,
                          struct xf_error *err);

#endif
