/* Inspections, their checklist items and rectifications: rows and SQL. */
#ifndef XF_STORE_INSPECTION_H
#define XF_STORE_INSPECTION_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
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
    char *status; /* open / done / verified */
    char *done_on;
    char *done_note;
    char *verified_by;
    char *verified_on;
    int64_t version;
};

/* What reports count, per inspection kind. */
struct xf_inspection_counts {
    int64_t inspections, passed, failed, rect_open, rect_overdue;
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
/* Writes status, done_on, done_note, verified_by, verified_on where version
 * matches; XF_ECONFLICT otherwise. */
int xf_store_rect_update(struct xf_db *db, struct xf_rectification *r, struct xf_error *err);
/* Who last moved the rectification to done, from the audit trail (the
 * table keeps no column for it); *out NULL when unknown. Caller frees. */
int xf_store_rect_done_by(struct xf_db *db, int64_t id, char **out, struct xf_error *err);

/* Counts per kind (index 0 unannounced, 1 sample); overdue = open and due
 * before today. */
int xf_store_inspection_counts(struct xf_db *db, const char *today,
                               struct xf_inspection_counts out[2], struct xf_error *err);
/* Every inspection in id (entry) order, streamed. */
int xf_store_inspection_each(struct xf_db *db, xf_inspection_export_fn fn, void *arg,
                             struct xf_error *err);

#endif
