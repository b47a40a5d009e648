/* Inspections, their checklist items and rectifications: rows and SQL. */
#ifndef XF_STORE_INSPECTION_H
#define XF_STORE_INSPECTION_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/date.h"
#include "xf/error.h"

struct xf_inspection {
    int64_t id;
    char *code;
    char *kind;          /* unannounced / sample */
    char *template_name; /* the checklist (config) it was filled from */
    int64_t post_id;     /* 0 when a unit was inspected */
    int64_t unit_id;
    char *inspector;
    char *on_date;
    int samples_checked;
    int samples_failed;
    int items_failed;
    int items_applicable;
    bool critical_failed;
    char *findings;
    char *result; /* pass / fail, derived */
    int64_t version;
    char *correction_note; /* why it was last corrected; NULL = never */
};

struct xf_inspection_item {
    int64_t id;
    int64_t inspection_id;
    int item_no; /* 1-based, template order */
    char *label;
    bool critical;
    char *outcome; /* pass / fail / na */
};

struct xf_rectification {
    int64_t id;
    int64_t inspection_id;
    char *due_on;
    char *status; /* open / done / verified; cancelled: not needed, the
                     inspection was corrected to a pass */
    char *done_on;
    char *done_note;
    char *verified_by;
    char *verified_on;
    int64_t version;
    char *returned_note; /* why the last report of it done was sent back; NULL = never */
};

/* What reports count, per inspection kind. */
struct xf_inspection_counts {
    int64_t inspections, passed, failed, rect_open, rect_overdue;
    int64_t samples_checked, samples_failed; /* batches (批次), summed */
    int64_t rect_to_verify; /* reported done, not yet verified (the Overview's 待验收) */
};

/* One inspection with everything an export needs; borrowed during the
 * callback. items is "pass;fail;na;..." in item order; rect NULL when the
 * inspection has no rectification. */
struct xf_inspection_export_row {
    const struct xf_inspection *in;
    const char *post_code; /* "" for a unit inspection */
    const char *unit_code;
    const char *items;
    const struct xf_rectification *rect;
};

typedef int (*xf_inspection_export_fn)(void *arg, const struct xf_inspection_export_row *row);

void xf_inspection_clear(struct xf_inspection *in);
void xf_inspection_item_clear(struct xf_inspection_item *it);
void xf_rectification_clear(struct xf_rectification *r);

int xf_store_inspection_get(struct xf_db *db, int64_t id, struct xf_inspection *out,
                            struct xf_error *err);
int xf_store_inspection_by_code(struct xf_db *db, const char *code, struct xf_inspection *out,
                                struct xf_error *err);
/* Inserts the inspection row; sets id and version. */
int xf_store_inspection_insert(struct xf_db *db, struct xf_inspection *in, struct xf_error *err);
/* Writes the counts, findings, result and correction_note of in where its
 * version matches (XF_ECONFLICT otherwise); in->version gets the new one. */
int xf_store_inspection_update(struct xf_db *db, struct xf_inspection *in, struct xf_error *err);
/* Sets one checklist item's outcome. */
int xf_store_inspection_item_set(struct xf_db *db, int64_t id, const char *outcome,
                                 struct xf_error *err);

/* The corrections of an inspection, from the history: how many, and the
 * last one's time, actor and reason (count 0 and NULLs when never). */
struct xf_inspection_correction {
    int count;
    char *at, *actor, *note;
};
void xf_inspection_correction_clear(struct xf_inspection_correction *c);
int xf_store_inspection_corrections(struct xf_db *db, int64_t id,
                                    struct xf_inspection_correction *out, struct xf_error *err);
int xf_store_inspection_item_insert(struct xf_db *db, struct xf_inspection_item *it,
                                    struct xf_error *err);
/* Items of one inspection in item order; *out is an array the caller
 * frees with xf_inspection_items_free. */
int xf_store_inspection_items(struct xf_db *db, int64_t inspection_id,
                              struct xf_inspection_item **out, size_t *n, struct xf_error *err);
void xf_inspection_items_free(struct xf_inspection_item *items, size_t n);
/* A fresh code "XJ-YYYYMMDD-NNNN" for an inspection on on_date (call
 * inside the write transaction, which makes it unique). Caller frees. */
int xf_store_inspection_new_code(struct xf_db *db, const char *on_date, char **out,
                                 struct xf_error *err);
bool xf_store_inspection_code_taken(struct xf_db *db, const char *code);

/* Finds a post by code when post_code is non-empty, else by *post_id,
 * and fills both *post_id and its *unit_id. Reads the post table directly
 * so inspections do not depend on the posts module. */
int xf_store_inspection_post_unit(struct xf_db *db, const char *post_code, int64_t *post_id,
                                  int64_t *unit_id, struct xf_error *err);

int xf_store_rect_get(struct xf_db *db, int64_t id, struct xf_rectification *out,
                      struct xf_error *err);
int xf_store_rect_by_inspection(struct xf_db *db, int64_t inspection_id,
                                struct xf_rectification *out, struct xf_error *err);
/* Inserts a rectification as it is (any status); sets id and version. */
int xf_store_rect_insert(struct xf_db *db, struct xf_rectification *r, struct xf_error *err);
/* Writes status, done_on, done_note, verified_by, verified_on, due_on and
 * returned_note where version
 * matches; XF_ECONFLICT otherwise. */
int xf_store_rect_update(struct xf_db *db, struct xf_rectification *r, struct xf_error *err);
/* Who last moved the rectification to done, from the audit trail (the
 * table keeps no column for it); *out NULL when unknown. Caller frees. */
int xf_store_rect_done_by(struct xf_db *db, int64_t id, char **out, struct xf_error *err);

/* Counts per kind (index 0 unannounced, 1 sample); overdue = open and due
 * before today. scope_json: a JSON array of unit paths to count within,
 * NULL for the whole city; period (NULL: all time): inspections made
 * within it. */
int xf_store_inspection_counts(struct xf_db *db, const char *today, const char *scope_json,
                               const struct xf_period *period, struct xf_inspection_counts out[2],
                               struct xf_error *err);
/* Every inspection in id (entry) order, streamed. */
int xf_store_inspection_each(struct xf_db *db, xf_inspection_export_fn fn, void *arg,
                             struct xf_error *err);

/* ---- the Inspections list (keyset paged) ---- */

/* Display orders; both newest first. By unit groups a unit's inspections
 * together (units by id, descending), served by the inspection_unit index. */
enum xf_inspection_order { XF_INSP_ORDER_DATE, XF_INSP_ORDER_UNIT, XF_INSP_NORDERS };

enum xf_inspection_rect_filter {
    XF_INSP_RECT_ANY,
    XF_INSP_RECT_OPEN,     /* rectification open */
    XF_INSP_RECT_OVERDUE,  /* open and past its due date */
    XF_INSP_RECT_DONE,     /* done, waiting to be verified */
    XF_INSP_RECT_RETURNED, /* open again: reported done and sent back */
    XF_INSP_RECT_VERIFIED, /* verified, closed */
    XF_INSP_RECT_NFILTERS
};

/* Which rows relative to a key, in display order (newest first). */
enum xf_inspection_dir {
    XF_INSP_AFTER,  /* rows after the key, in display order */
    XF_INSP_FROM,   /* the key's row (if still there) and those after it */
    XF_INSP_BEFORE, /* rows before the key, nearest first */
};

/* The store's form of a list query; the domain fills it. */
struct xf_inspection_filter {
    enum xf_inspection_order order;
    const char *result;     /* "pass" / "fail"; NULL = any */
    const char *kind;       /* "unannounced" / "sample"; NULL = any */
    enum xf_inspection_rect_filter rect;
    const char *today;      /* for XF_INSP_RECT_OVERDUE */
    const char *unit_path;  /* the unit subtree "/1/7/"; NULL = any */
    int64_t post_id;        /* 0 = any */
    const char *like;       /* a LIKE pattern (escape '\') matched against findings,
                               codes, the post title and the unit name; NULL = none */
    const char *scope_json; /* JSON array of unit paths the user sees; NULL = all */
    const char *phone;      /* digits looked for in the post's hotline, written with or
                               without separators; NULL = none */
    const char *inspector;  /* the login who logged it; NULL = anyone */
    const char *since, *until; /* on_date within [since, until]; NULL = open */
};

/* One row of the list. Strings are owned; "" when absent. */
struct xf_inspection_line {
    int64_t id, post_id, unit_id;
    char *code, *kind, *template_name, *on_date, *inspector, *result;
    char *post_code, *post_title, *unit_name;
    int samples_checked, samples_failed;
    int items_failed; /* a passed check may have some (at or under the rate) */
    int items_applicable; /* the checklist's items not marked n.a. */
    bool critical_failed;
    int64_t rect_id, rect_version; /* 0 when there is no rectification */
    char *rect_status, *rect_due_on;
    char *rect_verified_on; /* "" unless verified */
    bool rect_returned; /* open again after being sent back */
    char *sort; /* the row's keyset value in the filter's order */
};

void xf_inspection_line_clear(struct xf_inspection_line *l);

/* Up to limit rows (out has room for limit) relative to the key
 * (from_sort, from_id); from_sort NULL means from the first row (AFTER,
 * FROM) or the last (BEFORE). One keyset query per call; the statement is
 * reset before returning. */
int xf_store_inspection_page(struct xf_db *db, const struct xf_inspection_filter *f,
                             const char *from_sort, int64_t from_id,
                             enum xf_inspection_dir dir, int limit,
                             struct xf_inspection_line *out, int *n, struct xf_error *err);
/* The keyset value of inspection id under f (*sort_out, caller frees);
 * XF_ENOTFOUND when it is gone or filtered out. */
int xf_store_inspection_locate(struct xf_db *db, const struct xf_inspection_filter *f, int64_t id,
                               char **sort_out, struct xf_error *err);
/* How many inspections f lets through, counted no further than cap. */
int xf_store_inspection_count(struct xf_db *db, const struct xf_inspection_filter *f, long cap,
                              long *n, struct xf_error *err);

/* One change of a rectification, from the audit trail. */
struct xf_rect_event {
    char *at, *actor, *action;
    char *status; /* status after the change */
    char *note;   /* done_note after the change, "" when none */
    char *due_before, *due_after; /* the deadline before and after ("" when none) */
};

/* Every history row of rectification id, oldest first; the caller frees
 * *out with xf_rect_events_free. */
int xf_store_rect_history(struct xf_db *db, int64_t id, struct xf_rect_event **out, size_t *n,
                          struct xf_error *err);
void xf_rect_events_free(struct xf_rect_event *ev, size_t n);

#endif
