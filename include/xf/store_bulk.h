/* Fast bulk INSERTs for the demo generator: rows are buffered and written
 * by multi-row INSERTs, ids handed out without reading back. The caller
 * owns the transaction (xf_db_begin / xf_db_commit), begun after
 * xf_store_bulk_begin, and is responsible for rows that satisfy the domain
 * rules; the schema's CHECKs and foreign keys still apply, but a bad row
 * may be reported by a later call (when its batch is written) or by
 * xf_store_bulk_flush (which checks every foreign key). Row structs borrow
 * their strings only for the call. A 0 id or a NULL string is stored as
 * NULL. */
#ifndef XF_STORE_BULK_H
#define XF_STORE_BULK_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

enum xf_bulk_table {
    XF_BULK_UNIT,
    XF_BULK_MEMBER,
    XF_BULK_PROJECT,
    XF_BULK_POST,
    XF_BULK_PLEDGE,
    XF_BULK_EVALUATION,
    XF_BULK_EVALUATION_SCORE,
    XF_BULK_COMPLAINT,
    XF_BULK_COMPLAINT_COHANDLER,
    XF_BULK_COMPLAINT_EVENT,
    XF_BULK_INSPECTION,
    XF_BULK_INSPECTION_ITEM,
    XF_BULK_RECTIFICATION,
    XF_BULK_IMPROVEMENT,
    XF_BULK_AWARD,
    XF_BULK_NTABLES
};

struct xf_bulk_state;

/* One bulk session: the connection, the updated_at stamp every row gets,
 * and how many rows went into each table. */
struct xf_bulk {
    struct xf_db *db;
    char stamp[20];
    long rows[XF_BULK_NTABLES];
    int64_t saved_cache_size;
    bool saved_foreign_keys;
    bool left_wal;               /* the session switched the file to a rollback journal */
    struct xf_bulk_state *state; /* buffered rows and prepared batches */
};

struct xf_bulk_unit {
    int64_t id; /* chosen by the caller (the path holds it): must be unused */
    int64_t parent_id;
    const char *code, *name, *kind, *trade, *party_org;
    const char *path; /* "/1/7/42/", ending in this unit's own id */
    int depth;
};

struct xf_bulk_member {
    int64_t unit_id;
    const char *code, *name, *position;
    bool is_leader;
    const char *login;
};

struct xf_bulk_project {
    const char *code, *name, *category;
    int64_t owner_unit_id;
};

struct xf_bulk_post {
    const char *code;
    int64_t unit_id, project_id, holder_member_id;
    const char *title, *holder_name, *position, *scope, *hotline;
    const char *commit_standard, *commit_time_limit, *commit_quality, *commit_attitude;
    const char *status, *published_on, *named_on, *named_level, *revoked_on, *revoke_reason;
};

struct xf_bulk_pledge {
    const char *kind;
    int64_t member_id, unit_id;
    const char *text, *category, *made_on, *due_on, *status;
    const char *kept_on, *evidence, *verified_by, *withdrawn_on, *withdraw_reason;
    const char *created_by;
};

struct xf_bulk_evaluation {
    int64_t post_id;
    const char *quarter;
    double score;
    bool passed;
    const char *entered_by;
};

struct xf_bulk_evaluation_score {
    int64_t evaluation_id;
    const char *grp;
    double score;
    int respondents;
};

struct xf_bulk_complaint {
    const char *code, *source, *kind;
    int64_t post_id, unit_id;
    const char *category, *text, *complainant_name, *complainant_phone, *state;
    const char *received_at;
    int64_t lead_unit_id;
    const char *dispatched_at, *sign_due, *signed_at, *reply_due, *replied_at, *reply_text;
    const char *return_reason, *callback_outcome;
    int redo_count;
    const char *closed_at;
    int closed_on_time; /* 0, 1, or -1 for NULL */
    const char *reject_reason;
    int64_t merged_into;
    bool supervised;
};

struct xf_bulk_complaint_event {
    int64_t complaint_id;
    const char *at, *actor, *action, *from_state, *to_state;
    int64_t unit_id;
    const char *note;
};

struct xf_bulk_inspection {
    const char *code, *kind, *template_name;
    int64_t post_id, unit_id;
    const char *inspector, *on_date;
    int samples_checked, samples_failed, items_failed, items_applicable;
    bool critical_failed;
    const char *findings, *result;
};

struct xf_bulk_inspection_item {
    int64_t inspection_id;
    int item_no;
    const char *label;
    bool critical;
    const char *outcome;
};

struct xf_bulk_rectification {
    int64_t inspection_id;
    const char *due_on, *status, *done_on, *done_note, *verified_by, *verified_on;
};

struct xf_bulk_improvement {
    int64_t unit_id;
    const char *kind, *title, *on_date;
    double days_before, days_after, national_limit_days; /* < 0 for NULL */
};

struct xf_bulk_award {
    int year;
    const char *kind;
    int64_t post_id, unit_id, member_id;
    int rank;
    double score;
    const char *status, *decided_by;
};

/* Starts a session on db, before the caller's transaction begins: takes
 * the updated_at stamp, enlarges the page cache, defers the foreign-key
 * checks to the flush and, when no other connection has the file open,
 * uses a rollback journal instead of the WAL until xf_store_bulk_end. */
int xf_store_bulk_begin(struct xf_bulk *b, struct xf_db *db, struct xf_error *err);
/* Writes every buffered row; call before committing. */
int xf_store_bulk_flush(struct xf_bulk *b, struct xf_error *err);
/* Frees the session (unwritten rows are dropped) and puts the connection's
 * settings back; call after the commit or rollback. */
void xf_store_bulk_end(struct xf_bulk *b);
/* The table's name in the schema, e.g. "complaint_event". */
const char *xf_store_bulk_table_name(enum xf_bulk_table t);
/* Writes the history row of every complaint step the session stored, by
 * its actor at its time and in time order, as the workflow would have
 * (bulk rows write none): a demo complaint's history tells what its
 * timeline shows. Call after xf_store_bulk_flush. */
int xf_store_bulk_event_history(struct xf_bulk *b, struct xf_error *err);
/* Sets *any when the database holds at least one unit. */
int xf_store_bulk_has_units(struct xf_db *db, bool *any, struct xf_error *err);

/* Each insert stores one row and, where asked, its new id in *id. */
int xf_store_bulk_unit(struct xf_bulk *b, const struct xf_bulk_unit *r, struct xf_error *err);
int xf_store_bulk_member(struct xf_bulk *b, const struct xf_bulk_member *r, int64_t *id,
                         struct xf_error *err);
int xf_store_bulk_project(struct xf_bulk *b, const struct xf_bulk_project *r, int64_t *id,
                          struct xf_error *err);
int xf_store_bulk_post(struct xf_bulk *b, const struct xf_bulk_post *r, int64_t *id,
                       struct xf_error *err);
int xf_store_bulk_pledge(struct xf_bulk *b, const struct xf_bulk_pledge *r, struct xf_error *err);
int xf_store_bulk_evaluation(struct xf_bulk *b, const struct xf_bulk_evaluation *r, int64_t *id,
                             struct xf_error *err);
int xf_store_bulk_evaluation_score(struct xf_bulk *b, const struct xf_bulk_evaluation_score *r,
                                   struct xf_error *err);
int xf_store_bulk_complaint(struct xf_bulk *b, const struct xf_bulk_complaint *r, int64_t *id,
                            struct xf_error *err);
int xf_store_bulk_complaint_cohandler(struct xf_bulk *b, int64_t complaint_id, int64_t unit_id,
                                      struct xf_error *err);
int xf_store_bulk_complaint_event(struct xf_bulk *b, const struct xf_bulk_complaint_event *r,
                                  struct xf_error *err);
int xf_store_bulk_inspection(struct xf_bulk *b, const struct xf_bulk_inspection *r, int64_t *id,
                             struct xf_error *err);
int xf_store_bulk_inspection_item(struct xf_bulk *b, const struct xf_bulk_inspection_item *r,
                                  struct xf_error *err);
int xf_store_bulk_rectification(struct xf_bulk *b, const struct xf_bulk_rectification *r,
                                struct xf_error *err);
int xf_store_bulk_improvement(struct xf_bulk *b, const struct xf_bulk_improvement *r,
                              struct xf_error *err);
int xf_store_bulk_award(struct xf_bulk *b, const struct xf_bulk_award *r, struct xf_error *err);

#endif
