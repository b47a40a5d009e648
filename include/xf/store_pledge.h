/* Pledges (承诺): rows, the SQL behind them and the roll-up of pledge
 * progress over the unit tree. */
#ifndef XF_STORE_PLEDGE_H
#define XF_STORE_PLEDGE_H
#include <stdbool.h>
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
    int children; /* child units (active or not), for a tree's expand marker */
    bool active;
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

/* Which way a keyset page runs (the virtual list's directions): AFTER the
 * key ascending, FROM the key (inclusive) ascending, BEFORE the key
 * descending (nearest first). */
enum xf_pledge_dir { XF_PLEDGE_AFTER, XF_PLEDGE_FROM, XF_PLEDGE_BEFORE };

/* Where a keyset page starts: the member of that id (at their name's
 * place in pinyin order) for members, the pledge of that id for pledges.
 * unbounded: from the first row (AFTER, FROM) or the last (BEFORE). */
struct xf_pledge_key {
    int64_t id;
    bool unbounded;
};

/* A member and the counts of their own pledges; strings borrowed during
 * the callback. */
struct xf_pledge_member_counts {
    int64_t member_id, unit_id;
    const char *code, *name, *position;
    bool is_leader;
    bool active;
    struct xf_pledge_counts c;
};

typedef int (*xf_pledge_member_fn)(void *arg, const struct xf_pledge_member_counts *row);
/* A pledge row, borrowed during the callback. */
typedef int (*xf_pledge_fn)(void *arg, const struct xf_pledge *p);

void xf_pledge_clear(struct xf_pledge *p);

int xf_store_pledge_get(struct xf_db *db, int64_t id, struct xf_pledge *out, struct xf_error *err);
/* *id = another pledge (id other than p->id) with p's owner, text and
 * made_on, or 0; *owner_code = its member's code, or its unit's for a unit
 * letter (caller frees; NULL when none). The owner is p->member_id, or
 * p->unit_id when p->member_id is 0. */
int xf_store_pledge_same(struct xf_db *db, const struct xf_pledge *p, int64_t *id,
                         char **owner_code, struct xf_error *err);
/* Inserts p as it is (any status). p->id > 0 keeps that id (import);
 * XF_EINVAL naming "id" when it is taken. Sets id and version. */
int xf_store_pledge_insert(struct xf_db *db, struct xf_pledge *p, struct xf_error *err);
/* Writes status, kept_on, evidence, verified_by, withdrawn_on and
 * withdraw_reason where version matches; XF_ECONFLICT otherwise. */
int xf_store_pledge_update_status(struct xf_db *db, struct xf_pledge *p, struct xf_error *err);
/* A member's move: the pledges of member_id recorded at from_unit go to
 * to_unit (a new version each, so an open form on one is told); *moved
 * and *open count them. */
int xf_store_pledge_follow_member(struct xf_db *db, int64_t member_id, int64_t from_unit,
                                  int64_t to_unit, int64_t *moved, int64_t *open,
                                  struct xf_error *err);

/* For each child of root_id (root_id 0: each root unit), or with
 * max_depth >= 0 instead for each unit whose depth <= max_depth in tree
 * order (siblings by code): the counts over its subtree. One grouped
 * query: pledges are counted per unit first, then summed per ancestor
 * through the path index. */
int xf_store_pledge_rollup(struct xf_db *db, int64_t root_id, int max_depth, const char *today,
                           xf_pledge_unit_fn fn, void *arg, struct xf_error *err);
/* The counts over unit_id's subtree, reported once through fn (no call
 * when there is no such unit). Only the subtree's pledges are read. */
int xf_store_pledge_rollup_unit(struct xf_db *db, int64_t unit_id, const char *today,
                                xf_pledge_unit_fn fn, void *arg, struct xf_error *err);
/* A keyset page of unit_id's own members (not its sub-units') ordered by
 * (name, id), each with the counts of their pledges; overdue_only keeps
 * members with an open pledge due before today. At most limit rows. */
int xf_store_pledge_members(struct xf_db *db, int64_t unit_id, const char *today,
                            bool overdue_only, const struct xf_pledge_key *from,
                            enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn, void *arg,
                            struct xf_error *err);
/* A history row (action pledge.keep_late) keeping why pledge id, overdue
 * since due_on, was marked kept on an earlier day, kept_on. */
int xf_store_pledge_late_note(struct xf_db *db, int64_t id, const char *reason,
                              const char *due_on, const char *kept_on, struct xf_error *err);
/* When pledge id was last marked kept and by whom (the history's time and
 * login), and the reason given for a kept date before an overdue marking;
 * each NULL when there is none. Caller frees. */
int xf_store_pledge_kept_record(struct xf_db *db, int64_t id, char **at, char **actor,
                                char **late_reason, struct xf_error *err);
/* The same over the members of unit_id and of every unit below it. */
int xf_store_pledge_members_below(struct xf_db *db, int64_t unit_id, const char *today,
                                  bool overdue_only, const struct xf_pledge_key *from,
                                  enum xf_pledge_dir dir, int limit, xf_pledge_member_fn fn,
                                  void *arg, struct xf_error *err);
/* A keyset page by id of member_id's pledges, or with member_id 0 of the
 * pledges of unit_id that name no member (unit responsibility letters). */
int xf_store_pledge_page(struct xf_db *db, int64_t member_id, int64_t unit_id,
                         const struct xf_pledge_key *from, enum xf_pledge_dir dir, int limit,
                         xf_pledge_fn fn, void *arg, struct xf_error *err);
/* Counts over the whole pledge table. */
int xf_store_pledge_totals(struct xf_db *db, const char *today, struct xf_pledge_counts *out,
                           struct xf_error *err);
/* Every pledge in id order, streamed. */
int xf_store_pledge_each(struct xf_db *db, xf_pledge_export_fn fn, void *arg, struct xf_error *err);

#endif
