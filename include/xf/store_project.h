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
/* CSV rows: code, name, category, owner_unit_code, active; by id. */
int xf_store_project_export(struct xf_db *db,
                            void (*emit)(void *arg, const char *const *fields), void *arg,
                            struct xf_error *err);

#endif
