/* Units (the unit tree) and members: rows and the SQL behind them. */
#ifndef XF_STORE_UNIT_H
#define XF_STORE_UNIT_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

struct xf_unit {
    int64_t id;
    int64_t parent_id;   /* 0 for a root */
    char *code;
    char *name;
    char *kind;          /* department / office / outlet / window */
    char *trade;
    char *party_org;
    bool active;
    char *path;          /* "/1/7/42/" */
    int depth;
    int64_t version;
};

struct xf_member {
    int64_t id;
    int64_t unit_id;
    char *code;
    char *name;
    char *position;
    bool is_leader;
    char *login;         /* NULL when the member has no xianfeng login */
    bool active;
    int64_t version;
};

void xf_unit_clear(struct xf_unit *u);
void xf_member_clear(struct xf_member *m);

int xf_store_unit_get(struct xf_db *db, int64_t id, struct xf_unit *out, struct xf_error *err);
/* A code of table ("unit", "post" or "project") that is code in capitals
 * or in small letters (xm-k-005 beside XM-K-005), into *twin (caller
 * frees); XF_ENOTFOUND when there is none. Two seeks of the code index. */
int xf_store_code_case_twin(struct xf_db *db, const char *table, const char *code, char **twin,
                            struct xf_error *err);
int xf_store_unit_by_code(struct xf_db *db, const char *code, struct xf_unit *out,
                          struct xf_error *err);
/* Inserts u (id, path, depth and version are set on success). */
int xf_store_unit_insert(struct xf_db *db, struct xf_unit *u, struct xf_error *err);
/* Updates name, kind, trade, party_org, active where version matches;
 * XF_ECONFLICT when someone changed it first. */
int xf_store_unit_update(struct xf_db *db, struct xf_unit *u, struct xf_error *err);
/* True when unit_id is ancestor_id or lies below it. */
bool xf_store_unit_within(struct xf_db *db, int64_t unit_id, int64_t ancestor_id);

/* The highest N among unit codes "<prefix>NN" (two digits, a unit below
 * the unit coded prefix minus its "-") or "DNNN" (departments, prefix
 * "D"), and among member codes "MNNNNNNN"; 0 when none. */
int xf_store_unit_max_seq(struct xf_db *db, const char *prefix, bool top, int64_t *out,
                          struct xf_error *err);
int xf_store_member_max_seq(struct xf_db *db, int64_t *out, struct xf_error *err);
/* The code of the member added last (*code NULL when there is none). */
int xf_store_member_latest_code(struct xf_db *db, char **code, struct xf_error *err);
/* The code of an active member other than except_id linked to login
 * (*code NULL when none; caller frees). */
int xf_store_member_login_user(struct xf_db *db, const char *login, int64_t except_id,
                               char **code, struct xf_error *err);
/* The name of the member whose login is login, an active one first, into
 * out ("" when no member has it). One cached statement: called per row. */
int xf_store_member_name_by_login(struct xf_db *db, const char *login, char *out, size_t size,
                                  struct xf_error *err);
/* The same, kept with the connection until the database changes, for a
 * list that names a login in every row it draws: each login is asked once,
 * not once per redraw. NULL when no member has the login (or the look-up
 * failed: a name is not worth an error). The text is the memo's: valid
 * until the next call, which may drop it. */
const char *xf_store_member_name_memo(struct xf_db *db, const char *login);
int xf_store_member_get(struct xf_db *db, int64_t id, struct xf_member *out,
                        struct xf_error *err);
int xf_store_member_by_code(struct xf_db *db, const char *code, struct xf_member *out,
                            struct xf_error *err);
int xf_store_member_insert(struct xf_db *db, struct xf_member *m, struct xf_error *err);
int xf_store_member_update(struct xf_db *db, struct xf_member *m, struct xf_error *err);

/* Active units directly below id: how many, and the code of one of them
 * (*example, caller frees; NULL when none) for the message. */
int xf_store_unit_active_children(struct xf_db *db, int64_t id, int64_t *count, char **example,
                                  struct xf_error *err);
/* The same for the unit's own active members: how many, and one ("M0001 张三"). */
int xf_store_unit_active_members(struct xf_db *db, int64_t id, int64_t *count, char **example,
                                 struct xf_error *err);
/* The member's open leader responsibility letters: how many, and the
 * first one's number ("#4606") in *example (caller frees). */
int xf_store_member_open_letters(struct xf_db *db, int64_t member_id, int64_t *count,
                                 char **example, struct xf_error *err);
/* The posts member_id holds that are not revoked: how many, and one
 * ("XFG-00001 综合受理先锋岗"). */
int xf_store_member_held_posts(struct xf_db *db, int64_t member_id, int64_t *count,
                               char **example, struct xf_error *err);
/* The same but for the post except_post (the one being edited; 0: none). */
int xf_store_member_other_posts(struct xf_db *db, int64_t member_id, int64_t except_post,
                                int64_t *count, char **example, struct xf_error *err);
/* CSV export rows, as text. Units: code, parent_code, name, kind, trade,
 * party_org, active — parents before children (depth, then id). Members:
 * code, unit_code, name, position, is_leader, login, active — by id. */
int xf_store_unit_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                         void *arg, struct xf_error *err);
int xf_store_member_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                           void *arg, struct xf_error *err);
/* The path ("/1/7/") of the unit with this code; NULL when there is none.
 * Caller frees. */
char *xf_store_unit_path_of(struct xf_db *db, const char *code);
/* "市城建委 › 服务大厅 › 第1号窗口": the unit's names from its department
 * down (XF_UNIT_LINE); NULL when unknown or out of memory. Caller frees. */
char *xf_store_unit_line(struct xf_db *db, int64_t unit_id);
/* Up to limit active members of unit_id whose name contains query or
 * whose code contains it (any case), by name then id, into out (room for
 * limit; the caller clears each); *n says how many. "" matches all. */
int xf_store_member_find(struct xf_db *db, int64_t unit_id, const char *query, int limit,
                         struct xf_member *out, int *n, struct xf_error *err);
/* member_dept (schema 17, src/store/db.c): each member's department and
 * sort key, kept by triggers that bulk mode skips. Rebuild makes it again
 * from the members (after bulk writes); check counts the rows that differ
 * from it into *rows_wrong. */
int xf_store_member_dept_rebuild(struct xf_db *db, struct xf_error *err);
int xf_store_member_dept_check(struct xf_db *db, int64_t *rows_wrong, struct xf_error *err);

#endif
