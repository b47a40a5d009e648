/* Shared by the Inspections pane's files (src/ui/pane_inspections.c,
 * inspections_new.c, inspections_detail.c); not used elsewhere. */
#ifndef XF_UI_INSPECTIONS_H
#define XF_UI_INSPECTIONS_H
#include <stdint.h>

#include "xf/ui_pane.h"

/* What the detail view shows besides what it reads itself. */
struct xf_insp_place {
    const char *post_code, *post_title, *unit_name; /* "" when absent */
};

/* The new inspection: post, checklist, items, samples, findings and the
 * rectification deadline, then one domain call. Returns an xf_ui_result
 * mask (XF_UI_CHANGED after a logged inspection). *new_id gets its id. */
int xf_insp_new_run(struct xf_pane *p, int64_t *new_id);

/* The modal detail of one inspection: checklist, samples, findings, the
 * rectification and its history. Returns an xf_ui_result mask. */
int xf_insp_detail_run(struct xf_pane *p, int64_t id, const struct xf_insp_place *place);

/* `e` on inspection id: its correction form, prefilled, for the inspector
 * who logged it or an administrator; refused at once, saying who may, for
 * others. Returns an xf_ui_result mask (XF_UI_CHANGED after a save). */
int xf_insp_correct_run(struct xf_pane *p, int64_t id);

/* `r` on inspection_id (code as shown): report its rectification done,
 * or verify it or send it back, as its state and the user's role say.
 * Returns an xf_ui_result mask (XF_UI_CHANGED after a step). */
int xf_insp_rectify(struct xf_pane *p, int64_t inspection_id, const char *code);

/* Translated labels shared by the list and the detail. */
const char *xf_insp_kind_label(const char *kind, int short_form);
/* A checklist named after its kind (the configuration's default ones) is
 * shown by the kind's label; others by their own name. */
const char *xf_insp_checklist_label(const char *name, const char *kind);
const char *xf_insp_result_label(const char *result);
/* The result, a pass with failed items (at or under the rate) or failed
 * samples saying how many ("合格（1项不合格）"; short_form, for the post
 * card's column of at most 10 cells: "合格·1未过", "pass·1 bad"): plain
 * 合格 read as a clean check. Written to buf, which is returned. */
const char *xf_insp_result_text(const char *result, int items_failed, int samples_failed,
                                bool short_form, char *buf, size_t size);
const char *xf_insp_rect_label(const char *status);
const char *xf_insp_outcome_label(const char *outcome);

#endif
