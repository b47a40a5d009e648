/* Key projects (重点 / 惠民 / 路桥) with their owner unit: rows and SQL. */
#ifndef XF_STORE_PROJECT_H
#define XF_STORE_PROJECT_H
#include <stdbool.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

struct xf_project {
    int64_t id;
    char *code;
    char *name;
    char *category;      /* key / livelihood / road_bridge */
    int64_t owner_unit_id;
    bool active;
    int64_t version;
};

void xf_project_clear(struct xf_project *p);

int xf_store_project_get(struct xf_db *db, int64_t id, struct xf_project *out,
                         struct xf_error *err);
int xf_store_project_by_code(struct xf_db *db, const char *code, struct xf_project *out,
                             struct xf_error *err);
/* Inserts p (id and version set on success). */
int xf_store_project_insert(struct xf_db *db, struct xf_project *p, struct xf_error *err);
/* Updates name, category, owner_unit_id, active where version matches;
 * XF_ECONFLICT when someone changed it first. */
int xf_store_project_update(struct xf_db *db, struct xf_project *p, struct xf_error *err);
/* CSV rows: code, name, category, owner_unit_code, active; by id. Within
 * scope_json (unit paths; NULL: all), the projects the list shows: owned
 * or served with a post there. */
int xf_store_project_export(struct xf_db *db, const char *scope_json,
                            void (*emit)(void *arg, const char *const *fields), void *arg,
                            struct xf_error *err);


/* ---- the interface's list of projects (keyset pages by code) ----------- */

enum xf_project_dir { XF_PROJECT_AFTER, XF_PROJECT_FROM, XF_PROJECT_BEFORE };

struct xf_project_query {
    const char *category;   /* key / livelihood / road_bridge; NULL = every one */
    const char *like;       /* in the code, name or owner unit's name; NULL = any */
    const char *scope_json; /* unit paths: projects owned there or with a post
                               there; NULL = all */
};

/* One row; strings valid only during the callback. posts counts the
 * linked posts not revoked (within the scope, when there is one). */
struct xf_project_item {
    int64_t id, owner_unit_id, version, posts;
    const char *code, *name, *category, *owner_name;
    bool active;
};

/* Up to limit projects of q from (from_code, from_id) in direction dir
 * (from_code NULL: from the start, or the end for BEFORE). */
int xf_store_project_page(struct xf_db *db, const struct xf_project_query *q,
                          const char *from_code, int64_t from_id, enum xf_project_dir dir,
                          int limit, void (*fn)(void *arg, const struct xf_project_item *row),
                          void *arg, struct xf_error *err);
/* The row of project id under q; XF_ENOTFOUND when q leaves it out. */
int xf_store_project_item(struct xf_db *db, const struct xf_project_query *q, int64_t id,
                          void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                          struct xf_error *err);
/* How many projects q holds, counted up to cap (a search's total). */
int xf_store_project_count(struct xf_db *db, const struct xf_project_query *q, long cap,
                           long *n, struct xf_error *err);
/* The highest N among codes "<prefix>N" of three digits (0 when none). */
int xf_store_project_max_seq(struct xf_db *db, const char *prefix, int64_t *out,
                             struct xf_error *err);
#endif
