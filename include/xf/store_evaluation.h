/* Quarterly satisfaction evaluations of posts and their group scores:
 * rows and the SQL behind them. */
#ifndef XF_STORE_EVALUATION_H
#define XF_STORE_EVALUATION_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

/* The evaluator groups (两代表一委员 / 服务对象 / 群众). */
enum xf_eval_group {
    XF_GROUP_DEPUTIES,
    XF_GROUP_RECIPIENTS,
    XF_GROUP_PUBLIC,
    XF_GROUP_COUNT
};

struct xf_group_score {
    double score;         /* 0-100 */
    int64_t respondents;  /* 0 = the group did not take part */
};

struct xf_evaluation {
    int64_t id;
    int64_t post_id;
    char *quarter;        /* "2026Q3" */
    double score;         /* the weighted result */
    bool passed;
    char *entered_by;
    struct xf_group_score groups[XF_GROUP_COUNT];
    int64_t version;
    char *correction_note; /* why it was last corrected; NULL = never */
};

/* What naming a post needs to know about its evaluations. */
struct xf_eval_summary {
    int64_t evaluated;
    int64_t passed;
    bool latest_passed;   /* false when there is none */
    char latest[8];       /* quarter of the latest evaluation, "" when none */
};

/* A published or named post with too many failed evaluations. Strings are
 * valid only during the callback. */
struct xf_failing_post {
    int64_t post_id;
    const char *code, *title, *status;
    const char *unit_name; /* with the units above it, as the reports name it */
    int64_t failures;
    const char *quarters; /* failed quarters, oldest first, comma-separated */
};

/* Evaluations of one quarter (or all): counts and the mean result. */
struct xf_eval_quarter_stats {
    const char *quarter;
    int64_t evaluated, passed;
    double mean;
};

void xf_evaluation_clear(struct xf_evaluation *e);
const char *xf_eval_group_name(enum xf_eval_group g);

int xf_store_evaluation_get(struct xf_db *db, int64_t id, struct xf_evaluation *out,
                            struct xf_error *err);
/* XF_ENOTFOUND when the post has no evaluation for quarter. */
int xf_store_evaluation_find(struct xf_db *db, int64_t post_id, const char *quarter,
                             struct xf_evaluation *out, struct xf_error *err);
/* Inserts e with its three group rows; id and version set on success. */
int xf_store_evaluation_insert(struct xf_db *db, struct xf_evaluation *e, struct xf_error *err);
/* Updates score, passed and the group rows where e->version matches. */
int xf_store_evaluation_update(struct xf_db *db, struct xf_evaluation *e, struct xf_error *err);
int xf_store_evaluation_summary(struct xf_db *db, int64_t post_id, struct xf_eval_summary *out,
                                struct xf_error *err);
/* One of a post's evaluations with the day it was recorded: the date of
 * the history's first entry for it, NULL when there is none (rows the
 * demo generator wrote). Strings valid only during the callback. */
struct xf_eval_recorded {
    const char *quarter;
    bool passed;
    const char *recorded_on;
};
/* A post's evaluations, oldest quarter first. */
int xf_store_evaluation_recorded(struct xf_db *db, int64_t post_id,
                                 void (*fn)(void *arg, const struct xf_eval_recorded *row),
                                 void *arg, struct xf_error *err);
/* Published and named posts with at least min_failures failed evaluations
 * (consecutive: failures since the latest pass), within scope_json (JSON
 * array of unit paths, NULL = all), by post id. */
int xf_store_evaluation_failing(struct xf_db *db, int64_t min_failures, bool consecutive,
                                const char *scope_json,
                                void (*fn)(void *arg, const struct xf_failing_post *row),
                                void *arg, struct xf_error *err);
/* The same, every quarter, within a unit's subtree (path prefix, NULL =
 * all) and/or of one post (0 = all). */
int xf_store_evaluation_quarters_of(struct xf_db *db, const char *scope_json,
                                    const char *subtree, int64_t post_id,
                                    void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                                    void *arg, struct xf_error *err);
/* Per-quarter statistics, oldest quarter first; quarter NULL = every one. */
int xf_store_evaluation_quarters(struct xf_db *db, const char *quarter, const char *scope_json,
                                 void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                                 void *arg, struct xf_error *err);
/* CSV rows: post_code, quarter, then score and respondents of deputies,
 * recipients and public; by id. */
int xf_store_evaluation_export(struct xf_db *db,
                               void (*emit)(void *arg, const char *const *fields), void *arg,
                               struct xf_error *err);

/* ---- the interface's list of one quarter's evaluations ----------------- */

enum xf_eval_dir { XF_EVAL_AFTER, XF_EVAL_FROM, XF_EVAL_BEFORE };

/* Which of a quarter's evaluations a list shows. */
enum xf_eval_result { XF_EVAL_ANY, XF_EVAL_FAILED, XF_EVAL_PASSED };
/* By post code, or by result, the worst first (ties by id): the keyset's
 * sort value is then the score, written with "%.17g". */
enum xf_eval_order { XF_EVAL_BY_CODE, XF_EVAL_BY_SCORE };

struct xf_eval_query {
    const char *quarter;    /* required */
    const char *subtree;    /* unit path prefix, NULL = all */
    int64_t post_id;        /* 0 = every post */
    const char *scope_json; /* NULL = all units */
    const char *like;       /* in post code, title or unit name; NULL = any */
    enum xf_eval_result result;
    enum xf_eval_order order;
    const char *until;      /* missing: the quarter's last day (posts published by then) */
};

/* One row, ordered by post code; strings valid only during the callback. */
struct xf_eval_item {
    int64_t id, post_id, unit_id, version;
    const char *post_code, *post_title, *unit_name;
    struct xf_group_score groups[XF_GROUP_COUNT];
    double score;
    bool passed;
};

/* Up to limit evaluations of q->quarter from (from_code, from_id) in
 * direction dir (from_code NULL: from the start, or the end for BEFORE). */
int xf_store_evaluation_page(struct xf_db *db, const struct xf_eval_query *q,
                             const char *from_code, int64_t from_id, enum xf_eval_dir dir,
                             int limit, void (*fn)(void *arg, const struct xf_eval_item *row),
                             void *arg, struct xf_error *err);

/* A published or named post with no evaluation for the quarter; strings
 * valid only during the callback. */
struct xf_eval_missing {
    int64_t post_id, unit_id;
    const char *post_code, *post_title, *unit_name, *status, *published_on;
};
/* Up to limit posts published or named, published by q->until, with no
 * evaluation of q->quarter, within q's scope, subtree, post and like
 * (result and order do not apply), keyset by (post code, post id). */
int xf_store_evaluation_missing_page(struct xf_db *db, const struct xf_eval_query *q,
                                     const char *from_code, int64_t from_id,
                                     enum xf_eval_dir dir, int limit,
                                     void (*fn)(void *arg, const struct xf_eval_missing *row),
                                     void *arg, struct xf_error *err);
/* How many posts the same query lists in all. */
int xf_store_evaluation_missing_count(struct xf_db *db, const struct xf_eval_query *q,
                                      int64_t *n, struct xf_error *err);

#endif
