/* Who is acting, on which database, under which rules: passed to every
 * domain function. Permission checks live here so that no front end can
 * skip them. */
#ifndef XF_CTX_H
#define XF_CTX_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/config.h"
#include "xf/db.h"
#include "xf/error.h"

struct xf_ctx {
    struct xf_db *db;
    const struct xf_config *cfg;
    const char *login;          /* the acting user's login */
    enum xf_role role;
    const struct xf_user *user; /* NULL when the config lists no users */
};

/* Everything a role may do; checked by xf_perm_require. */
enum xf_perm {
    XF_P_UNIT_EDIT,       /* units, members, projects, improvements */
    XF_P_POST_EDIT,       /* create, publish, name, revoke posts */
    XF_P_PLEDGE_EDIT,     /* make, keep, withdraw pledges */
    XF_P_EVAL_EDIT,       /* enter evaluations, awards */
    XF_P_COMPLAINT_SUPERVISE, /* receive, classify, dispatch, rule, callback, close... */
    XF_P_COMPLAINT_HANDLE,    /* sign for, return, reply (lead unit) */
    XF_P_COMPLAINT_PERSONAL,  /* see complainant name and phone */
    XF_P_INSPECT,             /* log inspections, verify rectifications */
    XF_P_RECTIFY,             /* report a rectification done */
    XF_P_IMPORT,              /* import, demo */
    XF_P_BACKUP,              /* back up or restore the whole database (no scope) */
    XF_P_HISTORY_ALL,         /* read the whole database's history */
    XF_P_DB_CREATE,           /* init, demo: make a database file */
};

/* Fills ctx for login from cfg. With no users configured (a single-user
 * installation) everyone is admin; otherwise an unknown login is refused
 * with XF_EPERM and a message saying whom to ask. */
int xf_ctx_init(struct xf_ctx *ctx, struct xf_db *db, const struct xf_config *cfg,
                const char *login, struct xf_error *err);
/* For a front end that draws: fn(arg, true) once a write has waited
 * after_ms for another user's write to finish, fn(arg, false) when the
 * wait is over (xf_db_on_lock_wait); fn must not call the domain. NULL
 * stops the calls. */
void xf_ctx_on_write_wait(const struct xf_ctx *ctx, int after_ms, xf_db_wait_fn fn, void *arg);
/* XF_OK when the user may see the whole city (no scope); otherwise
 * XF_EPERM saying that `what` (translated) covers the whole city. For
 * exports and reports that do not yet limit themselves to a scope. */
int xf_ctx_require_city_wide(const struct xf_ctx *ctx, const char *what, struct xf_error *err);
/* True when the role allows p (no scope check). */
bool xf_perm_allows(const struct xf_ctx *ctx, enum xf_perm p);
/* The same for any role (another user's, named in a file). */
bool xf_role_allows(enum xf_role role, enum xf_perm p);
/* XF_OK when the role allows p and unit_id (0 = none) lies in the user's
 * scope; otherwise XF_EPERM with a message naming what is refused. What
 * is the whole database's (XF_P_BACKUP) needs a user without a scope. */
int xf_perm_require(const struct xf_ctx *ctx, enum xf_perm p, int64_t unit_id,
                    struct xf_error *err);
/* True when unit_id lies within the user's scope (always when unscoped). */
bool xf_ctx_in_scope(const struct xf_ctx *ctx, int64_t unit_id);

/* People as colleagues know them, looked up when shown (a name changed in
 * the configuration shows in old history too): the configured user's
 * name, else the demo staff's, else NULL. */
const char *xf_ctx_person_name(const struct xf_config *cfg, const char *login);
/* The one form everywhere: "刘洋 (liu.yang)", name first and the login in
 * brackets; the login alone when no name is known; into out. Without a
 * name in the configuration, the member with that login names it (unit
 * liaisons, leaders who verify with their member login), when ctx has a
 * database. */
void xf_ctx_person(const struct xf_ctx *ctx, const char *login, char *out, size_t size);
/* The name alone, for a list column where "name (login)" does not fit:
 * the name xf_ctx_person gives login, else the login itself ("" for
 * NULL). A member's name is kept with the connection until the database
 * changes, so a list drawn again asks no query. The text stays valid
 * until the next call. */
const char *xf_ctx_person_short(const struct xf_ctx *ctx, const char *login);
/* The other way: the login of the person of that name (a configured user
 * first, then the demo's staff), or NULL. */
const char *xf_ctx_person_login(const struct xf_config *cfg, const char *name);

#endif
