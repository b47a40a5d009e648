/* Units (the unit tree) and Party members: the rules for creating, editing
 * and deactivating them (SPEC §2.1, §2.3), plus small field checks the
 * other record kinds share. Nothing is deleted; units and members are
 * deactivated. */
#ifndef XF_UNIT_H
#define XF_UNIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_unit.h"
#include "xf/transfer.h"

#define XF_CODE_MAX 32

/* Creates a unit from u->parent_id (0 = a root department), code, name,
 * kind, trade, party_org (trade and party_org may be NULL). On success u
 * gets id, path, depth, version and active = true. The parent must exist
 * and be active. */
int xf_unit_create(const struct xf_ctx *ctx, struct xf_unit *u, struct xf_error *err);
/* Saves name, kind, trade and party_org of u->id; u->version is the version
 * the caller saw (XF_ECONFLICT when it changed since) and is updated. */
int xf_unit_edit(const struct xf_ctx *ctx, struct xf_unit *u, struct xf_error *err);
/* Whether unit u may be deactivated: no active unit below it and no active
 * member on its roll; XF_ESTATE says what is left. For a form to ask
 * before the question. */
int xf_unit_deactivate_check(const struct xf_ctx *ctx, const struct xf_unit *u,
                             struct xf_error *err);
/* Whether member m may be deactivated: they hold no post that stands (one
 * not revoked); XF_ESTATE names it. For a form to ask before the question. */
int xf_member_deactivate_check(const struct xf_ctx *ctx, const struct xf_member *m,
                               struct xf_error *err);
/* Deactivates a unit; refused while it has active child units or active
 * members (xf_unit_deactivate_check). */
int xf_unit_deactivate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                       struct xf_error *err);
/* Reactivates a unit; refused while its parent is inactive. */
int xf_unit_activate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                     struct xf_error *err);

/* Creates a member of an active unit from m->unit_id, code, name, position,
 * is_leader, login (NULL or "" = none). Sets id, version, active. */
int xf_member_create(const struct xf_ctx *ctx, struct xf_member *m, struct xf_error *err);
/* What a move to another unit took along: the member's pledges recorded
 * at the old unit, and how many of them are still open. */
struct xf_member_move {
    int64_t pledges, open;
};
/* Saves unit_id (a move to another active unit), name, position, is_leader
 * and login of m->id at version m->version. A login may belong to one
 * active member only (on create too). A member who holds a post cannot
 * move (the post's card is at the old unit: refused, naming it); one who
 * moves takes the pledges recorded at the old unit along, so that both
 * units' figures add up to their members' (moved may be NULL). */
int xf_member_edit(const struct xf_ctx *ctx, struct xf_member *m, struct xf_member_move *moved,
                   struct xf_error *err);
int xf_member_deactivate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                         struct xf_error *err);
/* Reactivates a member; refused while their unit is inactive, or while
 * their login belongs to another active member. */
int xf_member_activate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                       struct xf_error *err);

/* For the interface's forms. A member the user may see (scope). */
int xf_member_get(const struct xf_ctx *ctx, int64_t id, struct xf_member *out,
                  struct xf_error *err);
/* A free code for a new unit below parent_id ("D001-03"; "D095" for a
 * department) or a new member ("M0003001"), following the codes already
 * there; the user may type another. Caller frees *out. */
int xf_unit_suggest_code(const struct xf_ctx *ctx, int64_t parent_id, char **out,
                         struct xf_error *err);
int xf_member_suggest_code(const struct xf_ctx *ctx, char **out, struct xf_error *err);
/* Whether m is the user's own record, whose login only an administrator
 * changes (it keeps them from verifying their own pledges). */
bool xf_member_login_locked(const struct xf_ctx *ctx, const struct xf_member *m);

/* "市城建委 › 服务大厅 › 第1号窗口": a unit by the names from its
 * department down, as pickers show it (many windows, halls and offices
 * share a name). Caller frees; NULL when the unit is unknown or out of
 * memory. */
char *xf_unit_place_label(const struct xf_ctx *ctx, int64_t unit_id);

/* Shared field checks; each names field in err and says what is wrong. */
/* A record code: 1-32 characters of A-Z a-z 0-9 _ . - */
int xf_unit_check_code(const char *code, const char *field, struct xf_error *err);
/* Well-formed UTF-8, at most max characters, non-empty when required
 * (NULL counts as empty). */
int xf_unit_check_text(const char *s, const char *field, size_t max, bool required,
                  struct xf_error *err);
/* The same for one-line text (names, titles): no line breaks or tabs. */
int xf_unit_check_line(const char *s, const char *field, size_t max, bool required,
                       struct xf_error *err);
/* When s holds a character no stored text may (xf_text_has_control_chars):
 * XF_EINVAL naming field, the character (U+202E) and its place in the
 * text, so that an invisible one can be found; else XF_OK. */
int xf_unit_check_controls(const char *s, const char *field, bool multiline, struct xf_error *err);
/* CSV booleans: 1/0, 是/否, yes/no, true/false (any case); "" or NULL give
 * dflt. XF_EINVAL naming field otherwise. */
int xf_unit_parse_bool(const char *s, bool dflt, bool *out, const char *field,
                  struct xf_error *err);
/* The acting user's scope as a JSON array of unit paths for the store's
 * report queries; *json = NULL when the user sees everything. */
int xf_unit_scope_paths(const struct xf_ctx *ctx, char **json, struct xf_error *err);
/* Calls fn(arg, login, code) for each scope in the configuration that
 * names no unit of the database (a typo leaves that user seeing nothing
 * of it, without a word). */
/* The names of the units the user is limited to, for saying so where
 * figures are shown ("市交警支队"; several joined by the language's list
 * separator); a code that names no unit is shown as written, so that its
 * empty figures are not taken for the city's. NULL when the user sees the
 * whole city or on failure. Caller frees. */
char *xf_unit_scope_names(const struct xf_ctx *ctx);
/* The same, shorter for a title, when every unit has the same parent: the
 * parent named once ("道里区人民政府 › 市场监督管理局、城市管理局"), each
 * unit without the place name it shares with it. NULL when they do not
 * share one (or there is only one). Caller frees. */
char *xf_unit_scope_names_short(const struct xf_ctx *ctx);
int xf_unit_unknown_scopes(const struct xf_ctx *ctx,
                           void (*fn)(void *arg, const char *login, const char *code), void *arg,
                           struct xf_error *err);
/* The first of the acting user's own scope codes that names no unit (a
 * typo in the configuration), borrowed from the configuration; NULL when
 * every one names a unit, or the user has no scope. */
const char *xf_unit_own_unknown_scope(const struct xf_ctx *ctx);
/* Refuses (XF_EPERM) a scoped user acting where no unit is given (roots). */
int xf_unit_require_unscoped(const struct xf_ctx *ctx, enum xf_perm p, struct xf_error *err);

/* XF_OK when unit_id exists and is active; otherwise an error naming field. */
int xf_unit_require_active(const struct xf_ctx *ctx, int64_t unit_id, const char *field,
                           struct xf_error *err);
/* CSV references: the unit with code, or XF_EINVAL naming column and the
 * unknown code. */
int xf_unit_ref(const struct xf_ctx *ctx, const char *code, const char *column,
                struct xf_unit *out, struct xf_error *err);

/* The unit id, when it lies within the user's scope (XF_EPERM otherwise). */
int xf_unit_get(const struct xf_ctx *ctx, int64_t id, struct xf_unit *out, struct xf_error *err);
/* For a picker: up to limit active members of unit_id (in the user's
 * scope) whose name or code contains query, by name; out has room for
 * limit and the caller clears each of the *n filled. Field "query" names
 * bad input (not UTF-8, over 100 characters). */
int xf_member_find(const struct xf_ctx *ctx, int64_t unit_id, const char *query, int limit,
                   struct xf_member *out, int *n, struct xf_error *err);

extern const struct xf_kind_io xf_kind_units;
extern const struct xf_kind_io xf_kind_members;

#endif
