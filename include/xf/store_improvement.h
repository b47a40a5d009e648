/* Service improvements: rows and SQL. */
#ifndef XF_STORE_IMPROVEMENT_H
#define XF_STORE_IMPROVEMENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

struct xf_improvement {
    int64_t id;
    int64_t unit_id;
    char *kind; /* method / prerequisite / fee / time_cut */
    char *title;
    char *on_date;
    bool has_days_before, has_days_after, has_national_limit;
    double days_before; /* approval time before the cut, days */
    double days_after;  /* ... and after */
    double national_limit_days;
    int64_t version;
};

/* Totals for the Overview. */
struct xf_improvement_totals {
    int64_t methods, prerequisites, fees, time_cuts, total;
    /* Mean of (days_before - days_after) over the time cuts; 0 when none. */
    double avg_cut_days;
    /* Mean over the time cuts that name a national limit of
     * (national_limit_days - days_after) / national_limit_days * 100: how
     * far below the national time limit the approval now is, in percent
     * (the "比法定时限平均缩短" figure); 0 when none. */
    double avg_below_limit_pct;
    int64_t with_limit; /* time cuts that name a national limit */
};

void xf_improvement_clear(struct xf_improvement *im);

int xf_store_improvement_get(struct xf_db *db, int64_t id, struct xf_improvement *out,
                             struct xf_error *err);
/* *id = another entry (id other than im->id) of the same unit, kind, title
 * and day, or 0. */
int xf_store_improvement_same(struct xf_db *db, const struct xf_improvement *im, int64_t *id,
                              struct xf_error *err);
int xf_store_improvement_insert(struct xf_db *db, struct xf_improvement *im, struct xf_error *err);
/* Writes every field but id where version matches (version bumped);
 * XF_ECONFLICT when someone changed it first. */
int xf_store_improvement_update(struct xf_db *db, struct xf_improvement *im,
                                struct xf_error *err);

/* ---- the interface's list of improvements (keyset pages, newest first) -- */

/* In display order: AFTER is older than the key, BEFORE newer (nearest
 * first). */
enum xf_improvement_dir { XF_IMPROVEMENT_AFTER, XF_IMPROVEMENT_FROM, XF_IMPROVEMENT_BEFORE };

struct xf_improvement_query {
    const char *kind;       /* method / prerequisite / fee / time_cut; NULL = every kind */
    const char *like;       /* in the title or the unit's name; NULL = any */
    const char *scope_json; /* unit paths; NULL = all */
};

/* One row; strings valid only during the callback. */
struct xf_improvement_item {
    int64_t id, unit_id, version;
    const char *on_date, *kind, *title, *unit_name;
    bool has_days_before, has_days_after, has_national_limit;
    double days_before, days_after, national_limit_days;
};

/* Up to limit improvements of q from (from_date, from_id) in direction
 * dir (from_date NULL: from the newest, or the oldest for BEFORE). */
int xf_store_improvement_page(struct xf_db *db, const struct xf_improvement_query *q,
                              const char *from_date, int64_t from_id,
                              enum xf_improvement_dir dir, int limit,
                              void (*fn)(void *arg, const struct xf_improvement_item *row),
                              void *arg, struct xf_error *err);
/* How many improvements q holds, counted up to cap (a search's total). */
int xf_store_improvement_count(struct xf_db *db, const struct xf_improvement_query *q, long cap,
                               long *n, struct xf_error *err);
/* The row of improvement id under q; XF_ENOTFOUND when q leaves it out. */
int xf_store_improvement_item(struct xf_db *db, const struct xf_improvement_query *q,
                              int64_t id,
                              void (*fn)(void *arg, const struct xf_improvement_item *row),
                              void *arg, struct xf_error *err);
/* Totals over the subtree of unit_id (0: the whole database). */
int xf_store_improvement_totals(struct xf_db *db, int64_t unit_id,
                                struct xf_improvement_totals *out, struct xf_error *err);
/* Every improvement in id order as CSV fields: unit_code, kind, title,
 * on_date, days_before, days_after, national_limit_days. */
int xf_store_improvement_export(struct xf_db *db,
                                void (*emit)(void *arg, const char *const *fields), void *arg,
                                struct xf_error *err);

#endif
