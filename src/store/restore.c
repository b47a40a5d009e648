/* Restoring a backup into the live database (see store_restore.h). */
#include "xf/store_restore.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"

static int pragma_value(sqlite3 *h, const char *sql, int64_t *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* "ok" when integrity_check finds nothing; anything else is damage. */
static bool sound(sqlite3 *h)
{
    sqlite3_stmt *st;
    bool ok = false;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *line = sqlite3_column_text(st, 0);
        ok = line && strcmp((const char *)line, "ok") == 0;
    }
    sqlite3_finalize(st);
    return ok;
}

static int source_error(const char *path, int rc, struct xf_error *err)
{
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        return xf_err(err, XF_EINVAL, "", _("%s is not a xianfeng database"), path);
    case SQLITE_CORRUPT:
        return xf_err(err, XF_EINVAL, "",
                      _("%s is damaged and cannot be restored; try an older backup"), path);
    default:
        return xf_err(err, XF_EINVAL, "", _("cannot read %s: %s"), path, sqlite3_errstr(rc));
    }
}

static int open_source(const char *path, sqlite3 **out, struct xf_error *err)
{
    int rc = sqlite3_open_v2(path, out, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        return XF_OK;
    sqlite3_close(*out);
    *out = NULL;
    return source_error(path, rc, err);
}

static int check_file(struct xf_db *db, const char *path, struct xf_error *err)
{
    struct stat sb, live;
    if (stat(path, &sb) != 0)
        return xf_err(err, XF_EINVAL, "", _("cannot read %s: %s"), path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return xf_err(err, XF_EINVAL, "", _("%s is not a regular file"), path);
    if (stat(xf_db_path(db), &live) == 0 && live.st_dev == sb.st_dev && live.st_ino == sb.st_ino)
        return xf_err(err, XF_EINVAL, "",
                      _("%s is the database itself; give the backup file to restore"), path);
    return XF_OK;
}

/* The backup's triggers are the live database's, name for name and word
 * for word: they keep the history (no change, no delete, a row for every
 * write) and the figures. A file edited with the sqlite3 shell after it
 * was backed up (a trigger dropped, history deleted) is not restored. */
static int triggers_match(sqlite3 *live, sqlite3 *src, const char *path, struct xf_error *err)
{
    static const char sql[] =
        "SELECT name, sql FROM sqlite_schema WHERE type='trigger' ORDER BY name";
    sqlite3_stmt *a = NULL, *b = NULL;
    int rc = sqlite3_prepare_v2(live, sql, -1, &a, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(src, sql, -1, &b, NULL);
    int out = rc == SQLITE_OK ? XF_OK : source_error(path, rc, err);
    while (out == XF_OK) {
        int ra = sqlite3_step(a), rb = sqlite3_step(b);
        if (ra != SQLITE_ROW && rb != SQLITE_ROW)
            break;
        const char *na = ra == SQLITE_ROW ? (const char *)sqlite3_column_text(a, 0) : NULL;
        const char *nb = rb == SQLITE_ROW ? (const char *)sqlite3_column_text(b, 0) : NULL;
        const char *sa = na ? (const char *)sqlite3_column_text(a, 1) : NULL;
        const char *sb = nb ? (const char *)sqlite3_column_text(b, 1) : NULL;
        if (na && nb && !strcmp(na, nb) && sa && sb && !strcmp(sa, sb))
            continue;
        const char *which = !nb || (na && strcmp(na, nb) < 0) ? na : nb;
        out = xf_err(err, XF_EINVAL, "",
                     _("%s does not hold the trigger %s as xianfeng makes it (a trigger keeps "
                       "the history or the figures): the file was changed after it was "
                       "backed up; nothing was restored"),
                     path, which ? which : "?");
    }
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    return out;
}

static int check_source(struct xf_db *db, sqlite3 *src, const char *path, struct xf_error *err)
{
    int64_t appid = 0, live_appid = -1, version = 0;
    int rc = pragma_value(src, "PRAGMA application_id", &appid);
    if (rc == SQLITE_OK)
        rc = pragma_value(src, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK)
        return source_error(path, rc, err);
    pragma_value(xf_db_handle(db), "PRAGMA application_id", &live_appid);
    if (appid != live_appid || version == 0)
        return xf_err(err, XF_EINVAL, "", _("%s is not a xianfeng database"), path);
    if (version > XF_SCHEMA_VERSION)
        return xf_err(err, XF_EINVAL, "",
                      _("%s was written by a newer xianfeng (schema %lld, this one knows %d); "
                        "upgrade xianfeng"),
                      path, (long long)version, XF_SCHEMA_VERSION);
    /* Restoring an older schema would leave the live database behind the
     * program; opening the file once brings it up to date. */
    if (version < XF_SCHEMA_VERSION)
        return xf_err(err, XF_EINVAL, "",
                      _("%s was written by an older xianfeng (schema %lld); bring it up to "
                        "date first with: xianfeng check --db %s"),
                      path, (long long)version, path);
    if (!sound(src))
        return xf_err(err, XF_EINVAL, "",
                      _("%s is damaged and cannot be restored; try an older backup"), path);
    return triggers_match(xf_db_handle(db), src, path, err);
}

int xf_store_restore_check(struct xf_db *db, const char *path, struct xf_error *err)
{
    int rc = check_file(db, path, err);
    if (rc)
        return rc;
    sqlite3 *src;
    if ((rc = open_source(path, &src, err)))
        return rc;
    rc = check_source(db, src, path, err);
    sqlite3_close(src);
    return rc;
}

/* The tables whose rows carry a version, each handed to fn. */
static int each_versioned(sqlite3 *h, int (*fn)(sqlite3 *h, const char *table, void *arg),
                          void *arg)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h,
                                "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p"
                                " WHERE m.type='table' AND p.name='version' ORDER BY m.name",
                                -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        rc = fn(h, (const char *)sqlite3_column_text(st, 0), arg);
    sqlite3_finalize(st);
    return rc;
}

static int take_max(sqlite3 *h, const char *table, void *arg)
{
    int64_t *floor = arg, top = 0;
    char *q = sqlite3_mprintf("SELECT coalesce(max(version), 0) FROM \"%w\"", table);
    int rc = q ? pragma_value(h, q, &top) : SQLITE_NOMEM;
    sqlite3_free(q);
    if (top > *floor)
        *floor = top;
    return rc;
}

static int lift(sqlite3 *h, const char *table, void *arg)
{
    char *q = sqlite3_mprintf("UPDATE \"%w\" SET version = version + %lld", table,
                              (long long)*(int64_t *)arg);
    int rc = q ? sqlite3_exec(h, q, NULL, NULL, NULL) : SQLITE_NOMEM;
    sqlite3_free(q);
    return rc;
}

/* What the restored database's history says of the restore: the codes
 * given out (codes_sql), the live database's restores to carry over and
 * how many changes the restore takes away (carried_sql). */
struct restore_note {
    char *codes, *carried;
    int64_t dropped;
};

static int restore_note(struct xf_db *db, const char *from, const char *kept, int64_t history_top,
                        const struct restore_note *note, struct xf_error *err);

/* After the pages: every restored row takes a version above any the live
 * database had: a form opened before the restore holds an old version,
 * and the restored row, edited once, would otherwise come back to that
 * number and take the stale save as if nothing had happened in between.
 * Not a change of the records, so no history row each; the restore's own
 * row comes in the same transaction, numbered after the live history's
 * last, so that no number names two changes (the kept copy's and the
 * restored database's). */
static int settle(struct xf_db *db, int64_t floor, const char *path, const char *keep,
                  int64_t history_top, const struct restore_note *note, struct xf_error *err)
{
    int rc = xf_db_begin(db, "database.restore", err);
    if (rc)
        return rc;
    xf_db_set_bulk(db, true);
    int src = each_versioned(xf_db_handle(db), lift, &floor);
    xf_db_set_bulk(db, false);
    if (src != SQLITE_OK) {
        rc = xf_db_fail(db, src, err);
        xf_db_rollback(db);
        return rc;
    }
    /* Whole paths: the history is read later, from anywhere. */
    char *from = realpath(path, NULL), *where = realpath(keep, NULL);
    rc = restore_note(db, from ? from : path, where ? where : keep, history_top, note, err);
    free(from);
    free(where);
    if (rc) {
        xf_db_rollback(db);
        return rc;
    }
    return xf_db_commit(db, err);
}

/* The kept copy holds the same data for the same people as the database:
 * it takes the database's group and mode, not the restoring admin's group
 * and umask (root:root 0640 beside a database of group xianfeng, 0660,
 * kept the other administrators out). Should the group not be given (an
 * admin outside it), the copy keeps the tighter mode it was made with. */
static void like_live(const char *live, const char *keep)
{
    struct stat st;
    if (stat(live, &st) != 0 || chown(keep, (uid_t)-1, st.st_gid) != 0)
        return;
    chmod(keep, st.st_mode & 0777);
}

/* The tables whose codes are given out, in the order of enum xf_coded. */
static const char *const coded[XF_CODED_N] = {"complaint", "inspection", "post",
                                              "project",   "unit",       "member"};

/* The live records (on h) whose codes the backup (attached as "b") has
 * not, into the temporary table gone(t, code): what the restore leaves
 * out. Each lookup is one seek in the backup's code index. */
static int find_gone(sqlite3 *h)
{
    char *sql = sqlite3_mprintf("CREATE TEMP TABLE gone(t TEXT, code TEXT);");
    for (int i = 0; sql && i < XF_CODED_N; i++) {
        char *more =
            sqlite3_mprintf("%s INSERT INTO temp.gone SELECT %Q, code FROM main.\"%w\" l"
                            " WHERE NOT EXISTS (SELECT 1 FROM b.\"%w\" x WHERE x.code = l.code);",
                            sql, coded[i], coded[i], coded[i]);
        sqlite3_free(sql);
        sql = more;
    }
    int rc = sql ? sqlite3_exec(h, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    return rc;
}

/* The restore's note of the codes given out: of the codes left out and
 * those the live database's own restores noted (its history goes with
 * it), the highest of each series, "<prefix>N" with N of one length, per
 * table: {"complaint":["TS2026-000304",…],"inspection":[…]}. A few per
 * table (one per year of complaints, per day of inspections since the
 * backup), where all the codes left out could be thousands. */
static const char codes_sql[] =
    "WITH given(t, code) AS ("
    "  SELECT t, code FROM temp.gone UNION ALL"
    "  SELECT j.key, k.value FROM main.history h, json_each(h.after, '$.codes') j,"
    "   json_each(j.value) k WHERE h.entity='database' AND h.entity_id=0"
    "   AND h.action='database.restore' AND j.type='array' AND k.type='text'),"
    " tops(t, code, n) AS ("
    "  SELECT t, code, max(CAST(substr(code, length(rtrim(code, '0123456789')) + 1) AS INTEGER))"
    "  FROM given WHERE code GLOB '*[0-9]'"
    "  GROUP BY t, rtrim(code, '0123456789'), length(code))"
    " SELECT coalesce((SELECT json_group_object(t, json(c)) FROM"
    "  (SELECT t, json_group_array(code) AS c FROM tops GROUP BY t ORDER BY t)), '{}')";

/* The live database's own restores that the backup has not, as a JSON
 * array of their history rows, to be written into the restored
 * database's history: restoring replaces the history with the backup's,
 * and the row of a restore made after the backup was taken was found
 * only in the copy kept aside. dropped gets the other changes recorded
 * after the backup's last, which the restore takes away. */
static const char carried_sql[] =
    "SELECT coalesce(json_group_array(json_object('id', h.id, 'at', h.at, 'actor', h.actor,"
    "  'client', h.client, 'after', json(h.after))), '[]')"
    " FROM main.history h WHERE h.entity='database' AND h.entity_id=0"
    "  AND h.action='database.restore' AND NOT EXISTS (SELECT 1 FROM b.history x"
    "  WHERE x.id=h.id)";
static const char dropped_sql[] =
    "SELECT count(*) FROM main.history WHERE id > (SELECT coalesce(max(id), 0) FROM b.history)"
    " AND NOT (entity='database' AND entity_id=0 AND action='database.restore')";

static int text_of(sqlite3 *h, const char *sql, char **out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *j = sqlite3_column_text(st, 0);
        *out = strdup(j ? (const char *)j : "");
        rc = *out ? SQLITE_OK : SQLITE_NOMEM;
    } else
        rc = sqlite3_errcode(h);
    sqlite3_finalize(st);
    return rc;
}

static int note_gone(sqlite3 *h, const char *staging, char **codes, char **carried,
                     int64_t *dropped, struct xf_restore_left *left)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, "ATTACH ?1 AS b", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, staging, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if ((rc = find_gone(h)) == SQLITE_OK)
        rc = text_of(h, codes_sql, codes);
    if (rc == SQLITE_OK)
        rc = text_of(h, carried_sql, carried);
    if (rc == SQLITE_OK)
        rc = pragma_value(h, dropped_sql, dropped);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(h, "SELECT t, count(*) FROM temp.gone GROUP BY t", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            for (int i = 0; i < XF_CODED_N; i++)
                if (!strcmp((const char *)sqlite3_column_text(st, 0), coded[i]))
                    left->n[i] = sqlite3_column_int64(st, 1);
        sqlite3_finalize(st);
    }
    sqlite3_exec(h, "DROP TABLE IF EXISTS temp.gone; DETACH b", NULL, NULL, NULL);
    return rc;
}

/* Copies the live database, as it stands under the write lock the
 * restore holds, into keep, through a connection of its own (the
 * restore's is busy as the backup's destination); floor gets the highest
 * version in it, codes the note of the codes given out (see codes_sql)
 * and left what the backup at staging leaves out. */
static int keep_live(struct xf_db *db, const char *keep, const char *staging, int64_t *floor,
                     int64_t *history_top, struct restore_note *note, struct xf_restore_left *left,
                     struct xf_error *err)
{
    sqlite3 *r;
    int rc = sqlite3_open_v2(xf_db_path(db), &r, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        xf_err(err, XF_EIO, "", _("cannot read %s: %s"), xf_db_path(db), sqlite3_errmsg(r));
        sqlite3_close(r);
        return XF_EIO;
    }
    sqlite3_busy_timeout(r, 5000);
    int src_rc = each_versioned(r, take_max, floor);
    if (src_rc == SQLITE_OK)
        src_rc = pragma_value(r, "SELECT coalesce(max(id), 0) FROM history", history_top);
    if (src_rc == SQLITE_OK)
        src_rc = note_gone(r, staging, &note->codes, &note->carried, &note->dropped, left);
    rc = src_rc == SQLITE_OK ? xf_db_copy(db, r, keep, err)
                             : xf_err(err, XF_EIO, "", "%s", sqlite3_errmsg(r));
    sqlite3_close(r);
    if (rc == XF_OK)
        like_live(xf_db_path(db), keep);
    return rc;
}

static void drop_staging(struct xf_db *sdb, char *path);

/* The staging copies restores killed midway left (DB.restoring-PID, as big
 * as the database), their processes gone. */
static void drop_stale_staging(const char *db_path)
{
    char *dir_copy = strdup(db_path), *base_copy = strdup(db_path);
    DIR *d = dir_copy ? opendir(dirname(dir_copy)) : NULL;
    const char *base = base_copy ? basename(base_copy) : "";
    size_t blen = strlen(base);
    for (struct dirent *e; d && (e = readdir(d));) {
        const char *n = e->d_name;
        if (strncmp(n, base, blen) != 0 || strncmp(n + blen, ".restoring-", 11) != 0)
            continue;
        char *end;
        long pid = strtol(n + blen + 11, &end, 10);
        char *path = NULL;
        if (pid > 0 && !*end && kill((pid_t)pid, 0) != 0 && errno == ESRCH &&
            asprintf(&path, "%s.restoring-%ld", db_path, pid) >= 0)
            drop_staging(NULL, path); /* frees path */
    }
    if (d)
        closedir(d);
    free(dir_copy);
    free(base_copy);
}

/* The backup, copied beside the live database and opened as one of ours
 * (the audit's SQL functions), to be settled before it is copied in. */
static int open_staging(struct xf_db *db, sqlite3 *src, char **path, struct xf_db **out,
                        struct xf_error *err)
{
    *out = NULL;
    drop_stale_staging(xf_db_path(db));
    if (asprintf(path, "%s.restoring-%ld", xf_db_path(db), (long)getpid()) < 0) {
        *path = NULL;
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    struct xf_error cerr = {0};
    int rc = xf_db_copy(db, src, *path, &cerr);
    if (rc) /* the staging copy's name would puzzle: the backup is what is copied */
        return xf_err(err, rc, "",
                      _("could not copy the backup beside the database (%s); nothing was "
                        "restored"),
                      cerr.msg);
    if (!(rc = xf_db_open(*path, 0, out, err)))
        rc = xf_db_set_actor(*out, xf_db_actor(db), xf_db_client(db));
    return rc;
}

static void drop_staging(struct xf_db *sdb, char *path)
{
    if (sdb)
        xf_db_close(sdb);
    xf_db_remove_files(path);
    free(path);
}

int xf_store_restore(struct xf_db *db, const char *path, const char *keep,
                     struct xf_restore_left *left, struct xf_error *err)
{
    struct xf_restore_left none;
    left = left ? left : &none;
    memset(left, 0, sizeof *left);
    if (xf_db_in_tx(db))
        return xf_err(err, XF_EDB, "", _("a restore cannot run inside a transaction"));
    int rc = check_file(db, path, err);
    if (rc)
        return rc;
    sqlite3 *src;
    if ((rc = open_source(path, &src, err)))
        return rc;
    if ((rc = check_source(db, src, path, err))) {
        sqlite3_close(src);
        return rc;
    }
    /* The backup is settled (versions lifted, the restore's history row)
     * in a copy of its own, and that copy goes in whole: one commit, so a
     * restore cut short (a dropped SSH link, kill -9) leaves the old data
     * or the new with its history, never the new without it. */
    char *staging = NULL;
    struct xf_db *sdb = NULL;
    rc = open_staging(db, src, &staging, &sdb, err);
    sqlite3_close(src);
    if (rc) {
        drop_staging(sdb, staging);
        return rc;
    }
    /* The first step copies no page but takes the live database's write
     * lock, and the backup keeps it to the end: the copy kept meanwhile
     * holds every save made before, and none can be made after (another
     * session waits, then is told the database is busy). The second step
     * copies every page in that one write transaction, so other sessions
     * see either all of the old data or all of the restored; SQLite bumps
     * the schema cookie so their prepared statements are rebuilt. */
    sqlite3 *h = xf_db_handle(db);
    int64_t floor = 0, history_top = 0;
    struct restore_note note = {0};
    struct xf_error kerr = {0}, serr = {0};
    sqlite3_backup *b = sqlite3_backup_init(h, "main", xf_db_handle(sdb), "main");
    int src_rc = b ? sqlite3_backup_step(b, 0) : sqlite3_errcode(h);
    bool kept = false, settled = false;
    if (src_rc == SQLITE_OK) {
        kept = keep_live(db, keep, staging, &floor, &history_top, &note, left, &kerr) == XF_OK;
        /* no page copied yet: the source may still change, through its
         * own connection */
        settled = kept && settle(sdb, floor, path, keep, history_top, &note, &serr) == XF_OK;
        if (settled)
            src_rc = sqlite3_backup_step(b, -1);
    }
    if (b) {
        /* before the last page, finish rolls the live database back */
        int fin = sqlite3_backup_finish(b);
        src_rc = src_rc == SQLITE_DONE ? fin : src_rc;
    }
    drop_staging(sdb, staging);
    free(note.codes);
    free(note.carried);
    if (src_rc != SQLITE_OK || !kept || !settled)
        memset(left, 0, sizeof *left);
    if (src_rc == SQLITE_OK && !kept)
        return xf_err(err, kerr.code ? kerr.code : XF_EIO, "",
                      _("could not keep a copy of the current database (%s); nothing was "
                        "restored"),
                      kerr.msg);
    if (src_rc == SQLITE_OK && !settled) {
        xf_db_remove_files(keep);
        *err = serr;
        return serr.code ? serr.code : XF_EDB;
    }
    if (src_rc != SQLITE_OK) {
        if (kept) /* nothing was replaced: the live file is the data */
            xf_db_remove_files(keep);
        return xf_db_fail(db, src_rc, err);
    }
    return XF_OK;
}

int xf_store_restore_info(struct xf_db *db, const char *path, struct xf_restore_info *out,
                          struct xf_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3 *src;
    int rc = open_source(path, &src, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    int src_rc = sqlite3_prepare_v2(src,
                                    "SELECT at, actor, id FROM history ORDER BY id DESC LIMIT 1",
                                    -1, &st, NULL);
    int64_t last_id = 0;
    if (src_rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *at = sqlite3_column_text(st, 0), *who = sqlite3_column_text(st, 1);
        last_id = sqlite3_column_int64(st, 2);
        snprintf(out->last_at, sizeof out->last_at, "%s", at ? (const char *)at : "");
        snprintf(out->last_actor, sizeof out->last_actor, "%s", who ? (const char *)who : "");
    }
    sqlite3_finalize(st);
    sqlite3_close(src);
    if (src_rc != SQLITE_OK)
        return source_error(path, src_rc, err);
    /* The live changes after the backup's last, by id: history ids only
     * grow, across restores too (restore_note), while a time compared
     * missed the changes of the backup's last second ("0 changes" after
     * three imports). A restore's row is not taken away: the restored
     * database's history carries it over (restore_note). */
    static const char sql[] =
        "SELECT count(*) FROM history WHERE id > ?1"
        " AND NOT (entity='database' AND entity_id=0 AND action='database.restore')";
    sqlite3_stmt *q = xf_stmt(db, sql, err);
    if (!q)
        return err->code;
    sqlite3_bind_int64(q, 1, last_id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        out->later = sqlite3_column_int64(q, 0);
    xf_stmt_done(q);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* The live database's restores the backup has not come first, under
 * their own ids (above the backup's last, below the live history's top),
 * then the restore's own row, numbered after the live history's last. */
static int restore_note(struct xf_db *db, const char *from, const char *kept, int64_t history_top,
                        const struct restore_note *note, struct xf_error *err)
{
    static const char carry_sql[] =
        "INSERT INTO history(id,at,actor,client,entity,entity_id,action,before,after) "
        "SELECT json_extract(j.value,'$.id'), json_extract(j.value,'$.at'),"
        " json_extract(j.value,'$.actor'), json_extract(j.value,'$.client'),"
        " 'database', 0, 'database.restore', NULL, json_extract(j.value,'$.after')"
        " FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM history x"
        "  WHERE x.id=json_extract(j.value,'$.id'))";
    static const char sql[] =
        "INSERT INTO history(id,at,actor,client,entity,entity_id,action,before,after) "
        "VALUES (max(?3 + 1, (SELECT coalesce(max(id), 0) + 1 FROM history)),"
        " xf_now(),xf_actor(),xf_client(),'database',0,'database.restore',NULL,"
        " json_object('from',?1,'kept',?2,'dropped',?5,'codes',json(?4)))";
    sqlite3_stmt *st = xf_stmt(db, carry_sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, note->carried ? note->carried : "[]");
    int rc = sqlite3_step(st);
    xf_stmt_done(st);
    if (rc != SQLITE_DONE)
        return xf_db_fail(db, rc, err);
    if (!(st = xf_stmt(db, sql, err)))
        return err->code;
    xf_bind_text(st, 1, from);
    xf_bind_text(st, 2, kept);
    sqlite3_bind_int64(st, 3, history_top);
    xf_bind_text(st, 4, note->codes ? note->codes : "{}");
    sqlite3_bind_int64(st, 5, note->dropped);
    rc = sqlite3_step(st);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_restored_seq(struct xf_db *db, const char *table, const char *prefix, int digits,
                          int64_t *out, struct xf_error *err)
{
    /* The restores' rows through history_entity (a few a year, each
     * noting a few codes per table), as xf_store_max_seq's statements
     * read the table's codes. */
    static const char sql[] =
        "SELECT coalesce(max(CAST(substr(k.value, length(?1) + 1) AS INTEGER)), 0)"
        " FROM history h, json_each(h.after, '$.codes.' || ?2) k"
        " WHERE h.entity='database' AND h.entity_id=0 AND h.action='database.restore'"
        " AND k.type='text' AND k.value > ?1 AND k.value < ?1 || ':'"
        " AND (?3 = 0 OR length(k.value) = length(?1) + ?3)"
        " AND substr(k.value, length(?1) + 1) GLOB '[0-9]*'"
        " AND substr(k.value, length(?1) + 1) NOT GLOB '*[^0-9]*'";
    *out = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, prefix);
    xf_bind_text(st, 2, table);
    sqlite3_bind_int(st, 3, digits);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}
