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

extern const struct xf_kind_io xf_kind_projects;

#endif
