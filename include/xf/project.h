/* Key projects and the posts linked to them (SPEC §2.7, the project-post
 * map). Projects are deactivated, never deleted. */
#ifndef XF_PROJECT_H
#define XF_PROJECT_H
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_project.h"
#include "xf/transfer.h"

/* Creates a project from p->code, name, category (key / livelihood /
 * road_bridge) and owner_unit_id (an active unit). Sets id, version,
 * active. Needs XF_P_UNIT_EDIT over the owner unit. */
int xf_project_create(const struct xf_ctx *ctx, struct xf_project *p, struct xf_error *err);
/* Saves name, category and owner_unit_id of p->id at version p->version
 * (updated on success). */
int xf_project_edit(const struct xf_ctx *ctx, struct xf_project *p, struct xf_error *err);
/* "XM-R-001 松北大道改造 (road and bridge project)": the project a post
 * links to, as people read it; caller frees *out. Projects are the
 * city's list, readable by every role. */
int xf_project_label(const struct xf_ctx *ctx, int64_t id, char **out, struct xf_error *err);
int xf_project_deactivate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          struct xf_error *err);

int xf_project_activate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                        struct xf_error *err);

extern const struct xf_kind_io xf_kind_projects;
/* key, livelihood, road_bridge; NULL-terminated. */
extern const char *const xf_project_categories[];
/* "key project", translated; an unknown category as it is. */
const char *xf_project_category_label(const char *category);

/* Project id when its owner unit is in the user's scope (XF_EPERM
 * otherwise); the caller clears out. */
int xf_project_get(const struct xf_ctx *ctx, int64_t id, struct xf_project *out,
                   struct xf_error *err);

/* What the project list shows; every restriction optional (NULL). */
struct xf_project_filter {
    const char *category;
    const char *like;
};
/* A keyset page of the projects the user's units own or serve (store
 * order: by code). Holds no transaction. */
int xf_project_page(const struct xf_ctx *ctx, const struct xf_project_filter *f,
                    const char *from_code, int64_t from_id, enum xf_project_dir dir, int limit,
                    void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                    struct xf_error *err);
/* The row of project id under f; XF_ENOTFOUND when f leaves it out. */
int xf_project_item(const struct xf_ctx *ctx, const struct xf_project_filter *f, int64_t id,
                    void (*fn)(void *arg, const struct xf_project_item *row), void *arg,
                    struct xf_error *err);
/* How many projects f leaves, up to cap (*n == cap: cap or more). */
int xf_project_count(const struct xf_ctx *ctx, const struct xf_project_filter *f, long cap,
                     long *n, struct xf_error *err);
/* The next free code of the category's series (XM-K-NNN, XM-L-, XM-R-). */
int xf_project_suggest_code(const struct xf_ctx *ctx, const char *category, char **out,
                            struct xf_error *err);

#endif
