/* Pioneer posts (先锋岗): rows and the SQL behind them. */
#ifndef XF_STORE_POST_H
#define XF_STORE_POST_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

enum xf_post_status {
    XF_POST_PROPOSED,
    XF_POST_PUBLISHED,
    XF_POST_NAMED,
    XF_POST_REVOKED,
    XF_POST_NSTATUS
};

struct xf_post {
    int64_t id;
    char *code;
    int64_t unit_id;
    int64_t project_id;        /* 0 when not linked to a project */
    char *title;
    int64_t holder_member_id;  /* 0 when the holder is not a recorded member */
    /* the public notice (公示牌) */
    char *holder_name;
    char *position;
    char *scope;               /* 服务范围 */
    char *hotline;             /* 投诉电话 */
    /* the commitments (承诺) */
    char *commit_standard;
    char *commit_time_limit;
    char *commit_quality;
    char *commit_attitude;
    char *status;              /* proposed / published / named / revoked */
    char *published_on;        /* NULL until published */
    char *named_on;            /* NULL until named */
    char *named_level;         /* the Party committee that named it */
    char *revoked_on;
    char *revoke_reason;
    int64_t version;
};

void xf_post_clear(struct xf_post *p);
/* "proposed" ... "revoked" and back; parse returns -1 for an unknown name. */
const char *xf_post_status_name(enum xf_post_status s);
int xf_post_status_parse(const char *name);

int xf_store_post_get(struct xf_db *db, int64_t id, struct xf_post *out, struct xf_error *err);
/* The unit of post post_id; 0 when there is no such post (or on error). */
int64_t xf_store_post_unit(struct xf_db *db, int64_t post_id);
int xf_store_post_by_code(struct xf_db *db, const char *code, struct xf_post *out,
                          struct xf_error *err);
/* Inserts p with every column as given (status and dates included, for
 * imports); id and version set on success. */
int xf_store_post_insert(struct xf_db *db, struct xf_post *p, struct xf_error *err);
/* Writes every column but id, code and unit_id where the version matches;
 * XF_ECONFLICT when someone changed it first. */
int xf_store_post_update(struct xf_db *db, struct xf_post *p, struct xf_error *err);
/* The standing posts member_id holds follow the member's edit: the name
 * and position they showed as was become now's; a card that gave another
 * position keeps it. */
struct xf_member;
int xf_store_post_follow_holder(struct xf_db *db, int64_t member_id,
                                const struct xf_member *was, const struct xf_member *now,
                                struct xf_error *err);
/* Number of posts in each status, within the units whose paths are listed
 * in scope_json (a JSON array of unit paths; NULL = all units). */
int xf_store_post_status_counts(struct xf_db *db, const char *scope_json,
                                int64_t counts[XF_POST_NSTATUS], struct xf_error *err);
/* Calls fn with each named post, within scope_json (as above), that has
 * no passing evaluation (one corrected to a fail after the naming, or an
 * import's post named without one), by code, with how many evaluations
 * it has (failed, or 0). */
int xf_store_post_named_unbacked(struct xf_db *db, const char *scope_json,
                                 void (*fn)(void *arg, const char *code, const char *named_on,
                                            int64_t evaluated),
                                 void *arg, struct xf_error *err);
/* Calls fn with each revoked post, within scope_json, that no longer has
 * the failures the rules revoke after (min_failures, consecutive) and had
 * a failed evaluation corrected to a pass: its code, revocation day and
 * the corrected quarters ("2026Q2,2026Q3"), by code. */
int xf_store_post_revoked_unbacked(struct xf_db *db, int64_t min_failures, bool consecutive,
                                   const char *scope_json,
                                   void (*fn)(void *arg, const char *code, const char *revoked_on,
                                              const char *quarters),
                                   void *arg, struct xf_error *err);
/* CSV rows in the "posts" column order, by id. */
int xf_store_post_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                         void *arg, struct xf_error *err);

/* ---- the interface's post list (keyset pages) ---------------------------- */

enum xf_post_sort { XF_POST_BY_CODE, XF_POST_BY_UNIT, XF_POST_BY_SCORE, XF_POST_NSORTS };

/* Keyset direction: rows with (key, id) after / at-or-after the given one,
 * ascending, or before it, descending (nearest first). */
enum xf_post_dir { XF_POST_AFTER, XF_POST_FROM, XF_POST_BEFORE };

/* What the list shows; every restriction is optional (0 / NULL). */
struct xf_post_query {
    enum xf_post_sort sort;
    unsigned status_mask;   /* bit (1 << enum xf_post_status); 0 = every status */
    bool candidates;        /* only published/named posts with min_failures failures */
    int64_t min_failures;
    bool consecutive;       /* failures counted since the latest pass */
    const char *subtree;    /* unit path prefix "/1/7/" */
    const char *scope_json; /* JSON array of unit paths the user may see */
    const char *ids_json;   /* JSON array of post ids to keep (a search result) */
    const char *places_json; /* with ids_json: also the posts of the units "u" of
                              * these places (xf_search_places) */
    const char *like;       /* substring of code, title or holder (pickers) */
    int64_t project_id;     /* posts linked to this project; 0 = any */
    const char *open_for;   /* a quarter: published by open_until, no evaluation for it */
    const char *open_until; /* the quarter's last day */
};

/* One list row; strings are valid only during the callback. */
struct xf_post_item {
    int64_t id, unit_id;
    const char *key; /* the keyset sort value of this row under the query's sort */
    const char *code, *title, *unit_name, *holder_name, *status;
    const char *latest_quarter; /* NULL when never evaluated */
    double latest_score;
    bool latest_passed;
    int64_t failures;          /* failed evaluations (since the latest pass if consecutive) */
    const char *failed_quarters; /* comma-separated, oldest first; "" when none */
};

/* Up to limit rows of q from the key (from_key, from_id) in direction dir;
 * from_key NULL means from the start (AFTER/FROM) or the end (BEFORE). */
/* How many posts q leaves, counted up to cap (*n == cap: cap or more). */
int xf_store_post_count(struct xf_db *db, const struct xf_post_query *q, long cap, long *n,
                        struct xf_error *err);
int xf_store_post_page(struct xf_db *db, const struct xf_post_query *q, const char *from_key,
                       int64_t from_id, enum xf_post_dir dir, int limit,
                       void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                       struct xf_error *err);
/* The row of post id under q (XF_ENOTFOUND when q leaves it out). */
int xf_store_post_item(struct xf_db *db, const struct xf_post_query *q, int64_t id,
                       void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                       struct xf_error *err);

/* A choice for a picker; strings valid only during the callback. */
struct xf_choice {
    int64_t id;
    const char *code, *name, *extra;
};
/* Active units within scope_json where each word of like ("" = any) is
 * in the code or in the names from the department down, by code; at
 * most limit. extra is the department's name. */
int xf_store_post_unit_choices(struct xf_db *db, const char *like, const char *scope_json,
                               int limit, void (*fn)(void *arg, const struct xf_choice *c),
                               void *arg, struct xf_error *err);
/* Active members of unit_id whose code or name contains like, by name. */
int xf_store_post_member_choices(struct xf_db *db, int64_t unit_id, const char *like, int limit,
                                 void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                                 struct xf_error *err);

/* Active projects whose code or name contains like, by code. */
int xf_store_post_project_choices(struct xf_db *db, const char *like, int limit,
                                  void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                                  struct xf_error *err);
/* The largest post id so far (0 when none): the base of a suggested code. */
int xf_store_post_max_id(struct xf_db *db, int64_t *out, struct xf_error *err);

/* What the post card lists under the notice; strings valid during fn. */
struct xf_post_event {
    const char *kind;  /* "evaluation", "complaint", "inspection" */
    const char *when;  /* quarter / received_at / on_date */
    const char *code;  /* complaint or inspection code; "" for evaluations */
    const char *state; /* complaint state, inspection result, "pass"/"fail" */
    double score;      /* evaluations */
    const char *due;   /* complaint: the running deadline, "" when none */
    int64_t id;        /* the complaint's or inspection's id; 0 for evaluations */
};
/* The post's evaluations (newest first), then complaints and inspections
 * (newest first), at most limit of each kind. */
int xf_store_post_events(struct xf_db *db, int64_t post_id, int limit,
                         void (*fn)(void *arg, const struct xf_post_event *ev), void *arg,
                         struct xf_error *err);

#endif
