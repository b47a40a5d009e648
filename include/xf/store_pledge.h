/* Pledges (承诺): rows, the SQL behind them and the roll-up of pledge
 * progress over the unit tree. */
#ifndef XF_STORE_PLEDGE_H
#define XF_STORE_PLEDGE_H
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

struct xf_pledge {
    int64_t id;
    char *kind;        /* member / unit_target / leader_target */
    int64_t member_id; /* 0 for a unit target letter */
    int64_t unit_id;
    char *text;
    char *category; /* standard / time_limit / quality / attitude / other */
    char *made_on;
    char *due_on;
    char *status;  /* open / kept / withdrawn */
    char *kept_on; /* NULL unless kept */
    char *evidence;
    char *verified_by;
    char *withdrawn_on; /* NULL unless withdrawn */
    char *withdraw_reason;
    char *created_by;
    int64_t version;
};

/* Counts over a set of pledges; overdue = open and due before "today". */
struct xf_pledge_counts {
    int64_t made, kept, withdrawn, open, overdue;
};

/* One unit and the counts of its whole subtree. Strings are borrowed:
 * valid only during the callback. */
struct xf_pledge_unit_counts {
    int64_t unit_id;
    const char *code;
    const char *name;
    int depth; /* unit.depth: 0 for a department */
    struct xf_pledge_counts c;
};

typedef int (*xf_pledge_unit_fn)(void *arg, const struct xf_pledge_unit_counts *row);

/* A pledge with the codes an export needs; borrowed during the callback. */
struct xf_pledge_export_row {
    const struct xf_pledge *p;
    const char *member_code; /* "" for a unit target */
    const char *unit_code;
};

typedef int (*xf_pledge_export_fn)(void *arg, const struct xf_pledge_export_row *row);

void xf_pledge_clear(struct xf_pledge *p);

int xf_store_pledge_get(struct xf_db *db, int64_t id, struct xf_pledge *out, struct xf_error *err);
/* Inserts p as it is (any status). p->id > 0 keeps that id (import);
 * XF_EINVAL naming "id" when it is taken. Sets id and version. */
int xf_store_pledge_insert(struct xf_db *db, struct xf_pledge *p, struct xf_error *err);
/* Writes status, kept_on, evidence, verified_by, withdrawn_on and
 * withdraw_reason where version matches; XF_ECONFLICT otherwise. */
int xf_store_pledge_update_status(struct xf_db *db, struct xf_pledge *p, struct xf_error *err);

/* For each child of root_id (root_id 0: each root unit), or with
 * max_depth >= 0 instead for each unit whose depth <= max_depth in tree
 * order (siblings by code): the counts over its subtree. One grouped
 * query: pledges are counted per unit first, then summed per ancestor
 * through the path index. */
int xf_store_pledge_rollup(struct xf_db *db, int64_t root_id, int max_depth, const char *today,
                           xf_pledge_unit_fn fn, void *arg, struct xf_error *err);
/* Counts over the whole pledge table. */
int xf_store_pledge_totals(struct xf_db *db, const char *today, struct xf_pledge_counts *out,
                           struct xf_error *err);
/* Every pledge in id order, streamed. */
int xf_store_pledge_each(struct xf_db *db, xf_pledge_export_fn fn, void *arg, struct xf_error *err);

#endif
