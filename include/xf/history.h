/* Reading who changed what: one record's history for anyone who may read
 * the record, the whole database's for admins (XF_P_HISTORY_ALL; for an
 * admin limited to a scope, that of the records within it), and the
 * list of users with when each last changed something. Complainants' names
 * and phones inside the before/after JSON are masked for roles that may
 * not see them (XF_P_COMPLAINT_PERSONAL). */
#ifndef XF_HISTORY_H
#define XF_HISTORY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/store_history.h"
#include "xf/table.h"

/* Largest page a caller may ask for. */
#define XF_HISTORY_MAX_PAGE 1000

/* One keyset page (newest first, rows with id < after_id; 0 = from the
 * newest) of the history of entity (a table name such as "complaint") row
 * entity_id. Allowed when the record lies in the user's scope (complaints:
 * when the user may read the complaint), admins with a scope included. *rows is allocated; free with
 * xf_history_rows_free. XF_EINVAL names "entity", "id" or "limit". */
int xf_history_for(const struct xf_ctx *ctx, const char *entity, int64_t entity_id,
                   int64_t after_id, size_t limit, struct xf_history_row **rows, size_t *n,
                   struct xf_error *err);
/* The same over the whole database, filtered by actor and dates
 * ("YYYY-MM-DD", inclusive; f may be NULL); needs XF_P_HISTORY_ALL, or
 * the user's own login as actor. An admin with a scope gets the rows
 * about records within their units (none about no record, such as a
 * demo's summary rows), except for their own changes. */
int xf_history_all(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                   int64_t after_id, size_t limit, struct xf_history_row **rows, size_t *n,
                   struct xf_error *err);
/* The same read upwards: the limit rows just newer than before_id (0 =
 * the oldest rows), oldest first, for a list that pages up or starts at
 * its end. */
int xf_history_all_newer(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                         int64_t before_id, size_t limit, struct xf_history_row **rows,
                         size_t *n, struct xf_error *err);
/* ---- words for people ---- */

/* Translated name of a recorded table ("complaint" → 投诉), else the name. */
const char *xf_history_entity_label(const char *entity);
/* The table a name stands for: the table name itself, its English label
 * or its Chinese one ("complaint", "投诉", "co-handling unit"); NULL when
 * none. */
const char *xf_history_entity_parse(const char *name);
/* Translated phrase of an action label ("complaint.dispatch" → 派单);
 * an unknown label is returned as it is. */
const char *xf_history_action_label(const char *action);
/* Translated name of a column ("lead_unit_id" → 主办单位), else the name. */
const char *xf_history_field_label(const char *field);
/* The record a row is about, as people know it: "投诉 TS2026-000258",
 * "承诺 M0012 按时办结…"; "单位 (all rows)" for a summary row (entity_id
 * 0); "kind #id" when there is no label. Caller frees; NULL when out of
 * memory. */
char *xf_history_record(const struct xf_history_row *r);

/* What one row changed, field by field, in column order: field is the
 * translated column name, before/after the values for people (NULL before
 * for a creation; references shown by code, "(none)" for null). Internal
 * columns (id, version, updated_at, path, depth) are left out, and for a
 * creation the empty ones. A complaint step's event row is one piece
 * with no field (its sentence); a complaint's row ends with the note of
 * the event its step wrote (row->step), also with no field. *out
 * allocated (NULL when nothing), free with xf_history_change_list_free.
 * XF_EIO when out of memory. */
int xf_history_change_list(const struct xf_history_row *r, struct xf_history_change **out,
                           size_t *n);
void xf_history_change_list_free(struct xf_history_change *c, size_t n);
/* One change as a line: "field: before → after", "field=value" for a
 * creation; a change with no field is a piece said as it is (a complaint
 * step's sentence, "callback: satisfied · replied → closed · unit 第1号窗口
 * (D012-02-01)", or the note a step's event carried, folded into the
 * complaint's row). Caller frees; NULL when out of memory. */
char *xf_history_change_text(const struct xf_history_change *c);
/* The same on one line: "状态: open → kept; 类别: (none) → 服务态度",
 * "名称=…, …" for a creation. Caller frees; NULL only when out of memory. */
char *xf_history_changes(const struct xf_history_row *r);

/* The record named by text, which is its code for tables that have one
 * (unit, member, project, post, complaint, inspection) or its number;
 * entity may be any name xf_history_entity_parse takes. Fills *table with
 * the table name (static) and *id. XF_EINVAL names "entity" or "id";
 * XF_ENOTFOUND when no record has that code or number. */
int xf_history_resolve(const struct xf_ctx *ctx, const char *entity, const char *text,
                       const char **table, int64_t *id, struct xf_error *err);

/* About one record, for the head of its history: its label (as in
 * xf_history_row.label; NULL when none) and whether its table was written
 * in bulk as demo data (one summary history row instead of one per
 * record). Same permission as xf_history_for. */
struct xf_history_about {
    char *label;
    bool demo;
};
int xf_history_about(const struct xf_ctx *ctx, const char *entity, int64_t entity_id,
                     struct xf_history_about *out, struct xf_error *err);
void xf_history_about_clear(struct xf_history_about *a);
/* Fills t with the configured users: login, name, role, scopes, last
 * change (time of their latest history row, or "never"). The store keeps
 * no sessions, so a user who only reads or exports has no last change.
 * bare (for CSV): no words in data cells, an empty cell where text says
 * "never" or "all units". Allowed for admins and organisers. */
int xf_history_users(const struct xf_ctx *ctx, struct xf_table *t, bool bare, struct xf_error *err);

/* The login a history filter's user stands for: text itself when it is a
 * configured login; else the one configured user whose display name it
 * is ("张伟" → zhang.wei); else a demo staff member's; else text as typed
 * (a login no longer configured keeps its history). Several users of
 * that name: XF_EINVAL naming field and, when list_them, their logins.
 * *login points into cfg or at text. */
int xf_history_user_login(const struct xf_config *cfg, const char *text, const char *field,
                          bool list_them, const char **login, struct xf_error *err);

/* For the status line after another session's commit: a short "who did
 * what" of the newest change since history id *last_id, naming the main
 * record (a complaint rather than its event) by its code
 * ("zhang.wei: dispatch TS2026-000258, and 1 more"), NULL
 * when there is none; advances *last_id. Caller frees. Open to every role:
 * it names no personal data; for users who may not read all history, only
 * a record they may read, and no count of others. Start with cur->id = 0
 * to only learn the current id (returns NULL). A restore since is news to
 * everyone, whatever the ids: every record may have changed. */
struct xf_news_cursor {
    int64_t id;       /* the newest history row seen */
    char restore[64]; /* the latest restore's mark seen (see store_history.h) */
};
char *xf_history_news(const struct xf_ctx *ctx, struct xf_news_cursor *cur);

#endif
