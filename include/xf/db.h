/* The store's connection: open with the right pragmas, migrate, run short
 * IMMEDIATE write transactions that record who did what. The only module
 * (with the other store/ files) that includes sqlite3.h. */
#ifndef XF_DB_H
#define XF_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/error.h"

#define XF_SCHEMA_VERSION 17

struct xf_db;

enum xf_db_flags {
    XF_DB_CREATE = 1,   /* create the file if missing (init, demo) */
    XF_DB_READONLY = 2,
    /* The members' sort keys are not checked against the collation at
     * open (it loads ICU): the caller runs xf_db_name_keys_check soon
     * after (the interface, once its first screen is drawn). */
    XF_DB_NAME_KEYS_LATER = 4,
};

/* Opens path, refusing network file systems, sets WAL, busy_timeout,
 * foreign_keys, synchronous, journal_size_limit, and applies migrations.
 * A database from a newer xianfeng is refused. */
int xf_db_open(const char *path, int flags, struct xf_db **out, struct xf_error *err);
void xf_db_close(struct xf_db *db);
/* Makes the members' sort keys again when they were made with another
 * collation than this program's (an ICU upgrade), as every open does
 * without XF_DB_NAME_KEYS_LATER. Nothing on a read-only connection. */
int xf_db_name_keys_check(struct xf_db *db, struct xf_error *err);
const char *xf_db_path(const struct xf_db *db);
/* The schema version the file had when opened: 0 when this open made the
 * database, below XF_SCHEMA_VERSION when it brought it up to date. */
int64_t xf_db_found_version(const struct xf_db *db);

/* How long a write waits for another connection's lock before failing
 * with XF_EBUSY (default 5000 ms; 0 = fail at once). */
void xf_db_set_busy_timeout(struct xf_db *db, int ms);

/* Called on the writing thread when a write has waited after_ms for
 * another connection to finish its write (waiting true), and once more
 * when that wait is over, whatever its outcome (false), so a front end
 * can say why a save takes long. Only the wait at the start of a write
 * is told. fn must not use the database; NULL stops the calls. */
typedef void (*xf_db_wait_fn)(void *arg, bool waiting);
void xf_db_on_lock_wait(struct xf_db *db, int after_ms, xf_db_wait_fn fn, void *arg);

/* Who is acting: recorded in every history row of later writes. */
int xf_db_set_actor(struct xf_db *db, const char *login, const char *client);
const char *xf_db_actor(const struct xf_db *db);
const char *xf_db_client(const struct xf_db *db);

/* From now on every write is refused with the message why (a session
 * that may only look). */
int xf_db_refuse_writes(struct xf_db *db, const char *why);
/* XF_OK, or XF_EPERM with why writes are refused: for a write that does
 * not go through xf_db_begin (a restore replaces the file). */
int xf_db_writes_allowed(const struct xf_db *db, struct xf_error *err);

/* Write transactions. Nest: only the outermost begin/commit reach SQLite
 * (BEGIN IMMEDIATE / COMMIT), so an import can wrap many domain writes in
 * one all-or-nothing transaction. action labels the history rows, e.g.
 * "complaint.dispatch". rollback undoes the whole outermost transaction. */
int xf_db_begin(struct xf_db *db, const char *action, struct xf_error *err);
int xf_db_commit(struct xf_db *db, struct xf_error *err);
void xf_db_rollback(struct xf_db *db);
/* One row of a bigger write (an import's): inside it, a rollback at any
 * depth undoes that row only, so the caller can go on checking the rest
 * of the file. Until xf_db_row_end the undone row's steps can neither
 * begin nor commit. row_end keeps the row (keep) or undoes it; it fails,
 * the whole transaction rolled back, when SQLite has lost it (a full
 * disk). */
int xf_db_row_begin(struct xf_db *db, struct xf_error *err);
int xf_db_row_end(struct xf_db *db, bool keep, struct xf_error *err);
/* Relabels the history rows of the writes that follow in the current
 * step (action must outlive it: a literal): a decline that brings in the
 * next candidate records that as "award.rank". No-op outside a write. */
void xf_db_set_action(struct xf_db *db, const char *action);
/* True inside a write transaction. */
bool xf_db_in_tx(const struct xf_db *db);
/* Turns off per-row history for bulk generation (demo); the caller writes a
 * summary history row instead with xf_db_history_note. */
void xf_db_set_bulk(struct xf_db *db, bool bulk);
int xf_db_history_note(struct xf_db *db, const char *entity, int64_t entity_id,
                       const char *action, const char *after_json, struct xf_error *err);

/* Restores and what users read before them. A restore takes away the
 * records made after the backup, and SQLite gives their ids to the next
 * new records: a form still open on a vanished record, its id and
 * version now another record's, would save onto that one. So every
 * write transaction (at BEGIN IMMEDIATE, under the write lock) checks
 * that no restore was made since the one the connection has taken in,
 * and is refused with XF_ECONFLICT otherwise (xf_db_restore_check's
 * message); the cost is one index seek. A connection takes in the
 * restores made before it opened; an interface takes in a later one with
 * xf_db_restore_take once it has re-read what it shows and no form is
 * open, so forms opened before the restore stay refused. */
/* The newest restore's mark (its history row's id; 0: none). */
int xf_db_restore_latest(struct xf_db *db, int64_t *id, struct xf_error *err);
/* The mark of the restore this connection's writes are based on. */
int64_t xf_db_restore_seen(const struct xf_db *db);
/* From now on writes are taken to be based on reads made after the
 * restore marked id (read with xf_db_restore_latest before those reads). */
void xf_db_restore_take(struct xf_db *db, int64_t id);
/* XF_OK when no restore was made since the one taken in; otherwise
 * XF_ECONFLICT saying who restored the database when, and that nothing
 * was saved. Outside a write transaction it only tells: a write may
 * still be refused after it. */
int xf_db_restore_check(struct xf_db *db, struct xf_error *err);
/* How messages of the connection name a login ("张伟 (zhang.wei)"); the
 * login alone without one. arg must outlive the connection. */
typedef void (*xf_db_namer_fn)(const void *arg, const char *login, char *out, size_t size);
void xf_db_set_namer(struct xf_db *db, xf_db_namer_fn namer, const void *arg);

/* Bumps whenever any connection commits (PRAGMA data_version). */
int64_t xf_db_data_version(struct xf_db *db);

/* Online backup to dest (SQLite backup API), checked with quick_check:
 * XF_ECORRUPT, and no file left, when the database is damaged. */
int xf_db_backup(struct xf_db *db, const char *dest, struct xf_error *err);
/* PRAGMA integrity_check + foreign_key_check; problems (one per line) go
 * to *report (caller frees), NULL when all is well. */
int xf_db_integrity(struct xf_db *db, char **report, struct xf_error *err);

#endif
