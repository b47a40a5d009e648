/* Reading the audit trail (the history table the triggers fill): the last
 * change of a record and what it changed, field by field (for conflict
 * messages), and pages of rows newest first (for the history views). The
 * triggers write it; nothing here writes. Implemented in src/store/history.c. */
#ifndef XF_STORE_HISTORY_H
#define XF_STORE_HISTORY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

/* One column a change touched; values are the JSON text of the column
 * (NULL when the column was NULL, or absent before an insert). */
struct xf_history_change {
    char *field;
    char *before;
    char *after;
};

/* The latest history row of a record and its changed columns (version
 * and updated_at left out: they change with every write). */
struct xf_history_last {
    int64_t id;
    char *at;
    char *actor;
    char *action;
    struct xf_history_change *changes; /* in column order; NULL when none */
    size_t n_changes;
};

void xf_history_last_clear(struct xf_history_last *h);

/* Fills out with the newest history row of (entity, entity_id);
 * XF_ENOTFOUND when the record has no history. Caller clears out. */
int xf_store_history_last(struct xf_db *db, const char *entity, int64_t entity_id,
                          struct xf_history_last *out, struct xf_error *err);

/* ---- reading whole pages (xianfeng history, the history view) ---- */

struct xf_history_row {
    int64_t id;
    char *at;        /* "YYYY-MM-DD HH:MM:SS", local time */
    char *actor;     /* login */
    char *client;    /* SSH client address, "" when local */
    char *entity;    /* table name: "complaint", "post", ... */
    int64_t entity_id;
    char *action;    /* "complaint.dispatch", "post.create", ... */
    char *before;    /* JSON object of the row before; NULL for inserts */
    char *after;     /* JSON object of the row after; NULL only for notes */
    /* The code people know the record by, computed by the query: its own
     * code (unit, member, project, post, complaint, inspection), else its
     * parent's ("M0012 按时办结…" for a pledge, "P001 2026Q3" for an
     * evaluation, the complaint's code for its events); NULL when there is
     * none (summary rows with entity_id 0). */
    char *label;
    /* What the row's reference columns point at, as a JSON object keyed by
     * a letter and the id: "u12" unit (code and name), "m7" member, "p5"
     * post, "j3" project, "c9" complaint, "i4" inspection, "e2" evaluation.
     * NULL when nothing is referenced. */
    char *refs;
    /* For a complaint's row, the JSON (after) of the event row the same
     * step wrote beside it, if any: the step's note lives there. That
     * event row is then not listed on its own (one row per step, not a
     * near-identical pair); NULL for other rows. */
    char *step;
    /* The config whose words name its codes (a complaint category's
     * label), set by the domain's readers; NULL: the codes as stored. */
    const struct xf_config *cfg;
    /* The database that names the units a complaint event's note lists
     * by code, set as cfg is; NULL: the codes. */
    struct xf_db *db;
};

/* Which rows of the whole history; NULL members do not filter. Dates are
 * "YYYY-MM-DD" and inclusive. */
struct xf_history_filter {
    const char *actor;
    const char *date_from;
    const char *date_to;
};

void xf_history_row_clear(struct xf_history_row *r);
/* Clears n rows and frees the array. */
void xf_history_rows_free(struct xf_history_row *rows, size_t n);

/* One keyset page, newest first: up to limit rows of one record with
 * id < after_id (after_id 0 = from the newest). *rows is allocated (NULL
 * when none); free with xf_history_rows_free. */
int xf_store_history_for(struct xf_db *db, const char *entity, int64_t entity_id,
                         int64_t after_id, size_t limit, struct xf_history_row **rows,
                         size_t *n, struct xf_error *err);
/* The same over the whole database, filtered; with scope_paths (a JSON
 * array of unit paths, as xf_unit_scope_paths makes) only the rows about
 * a record within those units (a complaint: the unit it concerns, its
 * lead unit or its post's unit), as the record is now. Rows about no
 * record (summary rows, a restore) are then left out. NULL: every row.
 * newer: the rows just newer than from_id (0 = the oldest), oldest first;
 * else those just older (0 = the newest), newest first. */
int xf_store_history_all(struct xf_db *db, const struct xf_history_filter *f,
                         const char *scope_paths, int64_t from_id, bool newer, size_t limit,
                         struct xf_history_row **rows, size_t *n, struct xf_error *err);
/* Time of actor's latest history row into *at (caller frees); NULL when
 * the actor never changed anything. */
int xf_store_history_last_active(struct xf_db *db, const char *actor, char **at,
                                 struct xf_error *err);

/* Whose record it is, for permission checks: the unit it belongs to
 * (*unit_id, 0 when it has none) and, for complaints and their events and
 * co-handlers, the complaint (*complaint_id, else 0); with label non-NULL
 * also the record's label as xf_history_row.label has it (caller frees).
 * XF_EINVAL (field "entity") for a name that is not a recorded table,
 * XF_ENOTFOUND when there is no such record. */
int xf_store_history_owner(struct xf_db *db, const char *entity, int64_t entity_id,
                           int64_t *unit_id, int64_t *complaint_id, char **label,
                           struct xf_error *err);
/* The version (optimistic-concurrency counter) of record id of table
 * entity; XF_EINVAL for a name that is not a recorded table, XF_ENOTFOUND
 * when there is no such record. */
int xf_store_record_version(struct xf_db *db, const char *entity, int64_t id, int64_t *version,
                            struct xf_error *err);
/* The id of the record of table entity whose code is code. XF_ENOTFOUND
 * when none has it; XF_EINVAL (field "id") when the table has no codes. */
int xf_store_history_find_code(struct xf_db *db, const char *entity, const char *code,
                               int64_t *id, struct xf_error *err);
/* Whether entity's rows were written in bulk with one summary history row
 * (entity_id 0) of action, e.g. "demo.generate". */
int xf_store_history_has_summary(struct xf_db *db, const char *entity, const char *action,
                                 bool *yes, struct xf_error *err);
/* The recorded table names, comma separated, for messages. */
const char *xf_store_history_entities(void);

/* What others committed after history id after_id: how many records
 * changed (count; a complaint's event counts as its complaint), the newest
 * row's actor, action and main record — the complaint rather than its
 * event, the inspection rather than its items, the evaluation rather than
 * its scores: entity, entity_id and label (owned strings, NULL when count
 * is 0) — and the newest id of all (*last_id). With after_id 0 only
 * *last_id is learnt (count 0). */
struct xf_history_news {
    int64_t count;
    char *actor, *action, *entity, *label;
    int64_t entity_id;
};
int xf_store_history_news(struct xf_db *db, int64_t after_id, const char *me, int64_t *last_id,
                          struct xf_history_news *out, struct xf_error *err);
void xf_history_news_clear(struct xf_history_news *n);
/* The latest restore's row as "id at" (its mark: a new restore makes a new
 * one, whatever ids the restored history reuses) and who made it; "" and
 * NULL when there was none. */
#define XF_RESTORE_MARK_LEN 64
int xf_store_history_last_restore(struct xf_db *db, char mark[XF_RESTORE_MARK_LEN], char **actor,
                                  struct xf_error *err);

#endif
