/* Private to the Complaints pane (pane_complaints.c, complaints_detail.c,
 * complaints_actions.c). */
#ifndef XF_COMPLAINTS_UI_H
#define XF_COMPLAINTS_UI_H
#include <stdbool.h>
#include <stdint.h>

#include "xf/complaint.h"
#include "xf/ui_pane.h"

/* Everything a user may do to a complaint from the interface. */
enum xfc_act {
    XFC_CLASSIFY,
    XFC_RECLASSIFY,
    XFC_REDISPATCH,
    XFC_DISPATCH,
    XFC_RULE,
    XFC_CALLBACK,
    XFC_CLOSE,
    XFC_REJECT,
    XFC_MERGE,
    XFC_SUPERVISE,
    XFC_UNSUPERVISE,
    XFC_NOTE,
    XFC_SIGN,
    XFC_RETURN,
    XFC_REPLY,
    XFC_COHANDLERS,
    XFC_ANSWER_DUE,
    XFC_NACTS
};

/* The actions role, scope and state allow on c, in menu order; returns
 * how many were written to out (room for XFC_NACTS). */
int xfc_allowed(const struct xf_ctx *ctx, const struct xf_complaint *c, enum xfc_act *out);
/* The action's key in the menu, the same in every state ('1' classify). */
char xfc_act_key(enum xfc_act a);
/* Translated menu label of an action. */
const char *xfc_act_label(enum xfc_act a);
/* Shows the menu of allowed actions on complaint id and runs the chosen
 * one's form. seen: the version the user was shown (a detail's), 0: the
 * one the menu reads; a form opened on a later one says what changed.
 * Returns an xf_ui_result mask (XF_UI_CHANGED after a write). */
int xfc_actions(struct xf_ui *ui, int64_t id, int64_t seen);
const char *xfc_role_refusal(const struct xf_ctx *ctx);
/* The detail view of complaint id (modal); the action menu is one key away.
 * Returns an xf_ui_result mask. */
int xfc_detail(struct xf_ui *ui, int64_t id);

/* The "receive a complaint" form (supervisors); *new_id gets the new
 * complaint's id after a successful submit, else 0. Returns an
 * xf_ui_result mask. */
int xfc_new(struct xf_ui *ui, int64_t *new_id);
/* The same form filled in from what raised the complaint (a failed
 * inspection): the source, the post or unit with its code and label, the
 * text; every field stays editable. NULL members are left empty. */
struct xfc_prefill {
    const char *source;
    int64_t inspection_id; /* the failed inspection that raises it */
    int64_t post_id, unit_id;
    const char *post_code, *post_label, *unit_code, *unit_label;
    const char *text;
};
int xfc_new_from(struct xf_ui *ui, const struct xfc_prefill *pre, int64_t *new_id);
/* The same form filled in with complaint c, to put its intake right
 * (xf_complaint_correct): before dispatch only. */
int xfc_correct(struct xf_ui *ui, const struct xf_complaint *c);

/* Translated label of a workflow event's action ("callback_unsatisfied"). */
/* Translated "due soon" / "overdue", "" otherwise. */
const char *xfc_clock_label(enum xf_clock k);
/* The category's label from the configuration, else its identifier. */
const char *xfc_category_label(const struct xf_ctx *ctx, const char *name);

#endif
