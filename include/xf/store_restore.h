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

/* The kinds of record with a code, as xf_restore_left counts them. */
enum xf_coded {
    XF_CODED_COMPLAINT,
    XF_CODED_INSPECTION,
    XF_CODED_POST,
    XF_CODED_PROJECT,
    XF_CODED_UNIT,
    XF_CODED_MEMBER,
    XF_CODED_N
};
/* Records of each kind the live database had and the backup has not (by
 * code): a restore leaves them out; they stay in the kept copy. */
struct xf_restore_left {
    int64_t n[XF_CODED_N];
};

/* Replaces the whole content of db with path's (checked first), in one
 * step under the write lock, after copying the live database into the new
 * file keep under that same lock: a save made while the restore runs is
 * either in that copy or refused as busy, never lost. The history row
 * "database.restore" (entity "database", id 0) says which file was
 * restored and where the database before it was kept, and notes the
 * highest code of each series the live database had given out and the
 * backup lacks (with those earlier restores noted), so that no code is
 * given out twice (xf_store_restored_seq). *left (when given) counts the
 * records left out. XF_EBUSY when another session keeps writing past the
 * busy timeout; a failed copy restores nothing (its message says which).
 * Must not be called inside a transaction. */
int xf_store_restore(struct xf_db *db, const char *path, const char *keep,
                     struct xf_restore_left *left, struct xf_error *err);

/* The highest N among the codes "<prefix>N" of table ("complaint",
 * "inspection", "post", "project", "unit", "member") that restores noted
 * as given out before them; with digits > 0, among those whose N has that
 * many digits only. 0 when none. */
int xf_store_restored_seq(struct xf_db *db, const char *table, const char *prefix, int digits,
                          int64_t *out, struct xf_error *err);

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
