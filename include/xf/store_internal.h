/* Shared by the store/ modules only (never included above the store). */
#ifndef XF_STORE_INTERNAL_H
#define XF_STORE_INTERNAL_H
#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>
#include "xf/db.h"

sqlite3 *xf_db_handle(struct xf_db *db);
/* Copies the database that connection from reads (db's own, or another
 * on its file) into the new file dest, made as xf_db_backup makes it. On
 * failure nothing of dest is left (nor its journal). */
int xf_db_copy(struct xf_db *db, sqlite3 *from, const char *dest, struct xf_error *err);
/* Removes path and the files SQLite and xianfeng keep beside it
 * (-journal, -wal, -shm, -lock): a copy that failed or was thrown away. */
void xf_db_remove_files(const char *path);
/* What a store module read once and keeps with the connection, because
 * reading it again for every key costs more than it changes. */
enum xf_memo_slot { XF_MEMO_SEARCH_PLACES, XF_MEMO_MEMBER_NAMES, XF_MEMO_COUNT };
/* The state of the database a memo was read from: take it before reading
 * (a commit in between only makes the memo read again). */
struct xf_memo_stamp {
    int64_t version, changes; /* data_version; this connection's changes */
};
struct xf_memo_stamp xf_db_memo_stamp(struct xf_db *db);
/* The memo in slot, or NULL when there is none or the database may have
 * changed since its stamp (then it is freed). */
void *xf_db_memo(struct xf_db *db, enum xf_memo_slot slot);
/* Keeps data (NULL: none) read at `at` in slot, freed by free_fn when
 * replaced, stale or closed. */
void xf_db_memo_put(struct xf_db *db, enum xf_memo_slot slot, struct xf_memo_stamp at,
                    void *data, void (*free_fn)(void *));
/* A prepared statement cached on the connection, keyed by the SQL text's
 * address (pass string literals). Already reset and unbound. NULL on error
 * with err filled. Reset it when done (xf_stmt_done) so no read
 * transaction stays open. */
sqlite3_stmt *xf_stmt(struct xf_db *db, const char *sql, struct xf_error *err);
void xf_stmt_done(sqlite3_stmt *st);
/* Runs a cached statement without parameters that returns one integer. */
int xf_stmt_int64(struct xf_db *db, const char *sql, int64_t *out, struct xf_error *err);
/* The integer of sql's first row with ?1 bound to id; *out 0 when no row. */
int xf_stmt_int64_of(struct xf_db *db, const char *sql, int64_t id, int64_t *out,
                     struct xf_error *err);
/* The first column of sql's first row, a copy (*out NULL when no row). */
int xf_stmt_text(struct xf_db *db, const char *sql, char **out, struct xf_error *err);
/* The statements of xf_store_max_seq for codes "<prefix>N" in table, of
 * which this program makes N with `digits` digits (zero-padded). */
struct xf_seq_sql {
    const char *fast, *full;
    int64_t all_nines; /* the largest number of `digits` digits */
    const char *table; /* its codes noted by restores: xf_store_restored_seq */
    int digits;
};
#define XF_SEQ_STR_(x) #x
#define XF_SEQ_SQL(table, digits, nines)                                                        \
    {"SELECT coalesce((SELECT CAST(substr(code,length(?1)+1) AS INTEGER) FROM " table           \
     " WHERE code > ?1 AND code < ?1 || ':' AND length(code) = length(?1) + " XF_SEQ_STR_(digits) \
     " AND substr(code,length(?1)+1) NOT GLOB '*[^0-9]*' ORDER BY code DESC LIMIT 1),0)",       \
     "SELECT coalesce(max(CAST(substr(code,length(?1)+1) AS INTEGER)),0) FROM " table           \
     " WHERE code > ?1 AND code < ?1 || ':' AND substr(code,length(?1)+1) GLOB '[0-9]*'"        \
     " AND substr(code,length(?1)+1) NOT GLOB '*[^0-9]*'",                                     \
     nines, table, digits}
/* The highest N among the codes "<prefix>N" (0 when there is none), in
 * the table or noted by a restore as given out before it (the record
 * that had it is in the kept copy, not in the table). */
int xf_store_max_seq(struct xf_db *db, const struct xf_seq_sql *q, const char *prefix,
                     int64_t *out, struct xf_error *err);
/* Maps a SQLite result to an xf error with a user-facing message. */
int xf_db_fail(struct xf_db *db, int rc, struct xf_error *err);
/* Binds text, NULL for NULL. */
int xf_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* "%s%" for LIKE ... ESCAPE '\\' with the wildcards of s taken
 * literally; NULL when s is NULL or empty (no filter). Caller frees. */
char *xf_like_pattern(const char *s);
/* Up to XF_LIKE_WORDS words of query (split at spaces, tabs and the
 * full-width space), each escaped for LIKE ... ESCAPE '\\'; "" for the
 * words not there, so each can be bound as a condition that then holds.
 * -1 when out of memory (nothing to free then). */
enum { XF_LIKE_WORDS = 3 };
/* A unit's line of names from the department down, joined by SEP (an SQL
 * string literal), for "市城建委 › 服务大厅 › 第1号窗口": U is the unit's
 * alias as a string ("u"), and XF_UNIT_LINE_JOINS_OF(U) goes after its
 * join (its own aliases are U_1..U_3). A unit more than three levels down
 * (none in the seed's city) has its line start three units up. */
#define XF_UNIT_LINE_OF(U, SEP)                                                            \
    "coalesce(" U "_3.name || " SEP ", '') || coalesce(" U "_2.name || " SEP ", '')"      \
    " || coalesce(" U "_1.name || " SEP ", '') || " U ".name"
#define XF_UNIT_LINE_JOINS_OF(U)                                                           \
    " LEFT JOIN unit " U "_1 ON " U "_1.id = " U ".parent_id"                             \
    " LEFT JOIN unit " U "_2 ON " U "_2.id = " U "_1.parent_id"                           \
    " LEFT JOIN unit " U "_3 ON " U "_3.id = " U "_2.parent_id"
#define XF_UNIT_LINE(SEP) XF_UNIT_LINE_OF("u", SEP)
#define XF_UNIT_LINE_JOINS XF_UNIT_LINE_JOINS_OF("u")
int xf_like_words(const char *query, char *words[XF_LIKE_WORDS]);
void xf_like_words_free(char *words[XF_LIKE_WORDS]);
/* Copies column text (NULL -> NULL); caller frees. */
char *xf_col_dup(sqlite3_stmt *st, int col);
/* Copies column text (NULL -> ""); caller frees. */
char *xf_col_strdup(sqlite3_stmt *st, int col);
/* Grows *rows (of elem bytes each, *cap of them) so that index n fits,
 * doubling it (16 at first) and zeroing what it adds; on failure *rows
 * is left as it was and err says "out of memory" (XF_EIO). */
int xf_grow(void **rows, size_t *cap, size_t n, size_t elem, struct xf_error *err);
/* Fills one row's element (zeroed) from st's current row; ctx is the
 * caller's, passed through. */
typedef void (*xf_row_fn)(sqlite3_stmt *st, void *elem, void *ctx);
/* Steps st (bound) to its end into a fresh array *rows of *n elements of
 * elem bytes, one a row, each filled by row; resets st (xf_stmt_done).
 * On failure (out of memory, or SQLite's error, said in err) nothing is
 * left: the rows read are freed by free_rows (NULL: free), *rows is NULL
 * and *n 0. */
int xf_store_collect(struct xf_db *db, sqlite3_stmt *st, size_t elem, void **rows, size_t *n,
                     xf_row_fn row, void *ctx, void (*free_rows)(void *rows, size_t n),
                     struct xf_error *err);
/* Runs a statement expected to change exactly... returns sqlite rc. */
int xf_exec(struct xf_db *db, const char *sql, struct xf_error *err);
/* The writers' queue (wqueue.c): a descriptor on "<db>-lock", -1 when
 * there can be none; lock returns 0 when our turn has come (*slot to pass
 * to unlock), 1 when the writers ahead still had it at the timeout, -1
 * when the queue cannot be used (go on without it). */
int xf_wqueue_open(const char *db_path);
int xf_wqueue_lock(int fd, int timeout_ms, int *slot);
/* The same, calling tell(arg) once if the writers ahead still have their
 * turns after tell_ms (for the user to be told why the save waits). */
int xf_wqueue_lock_told(int fd, int timeout_ms, int tell_ms, void (*tell)(void *arg), void *arg,
                        int *slot);
void xf_wqueue_unlock(int fd, int slot);
/* The checkpointer's turn, never waited for: false when another
 * connection has it; true without a queue (fd < 0). */
bool xf_wqueue_try_checkpoint(int fd);
void xf_wqueue_end_checkpoint(int fd);
/* Timestamp "YYYY-MM-DD HH:MM:SS" for updated_at columns. */
void xf_db_now(char out[20]);
/* Registers SQL function xf_search_match(query, col, ...) on a new
 * connection (search_match.c): 1 when every term of query is in one of
 * the non-NULL columns, as xf_store_search matches them; NULL query: 1. */
int xf_store_search_register(sqlite3 *h);

#endif
