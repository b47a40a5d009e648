/* Framework state shared by the files of src/ui (not by panes). */
#ifndef XF_UI_INTERNAL_H
#define XF_UI_INTERNAL_H
#include <time.h>

#include "xf/history.h"
#include "xf/overview.h"
#include "xf/session.h"
#include "xf/ui_pane.h"

enum { XF_UI_MAX_COLUMNS = 3 };

struct xf_ui {
    struct xf_session s;
    struct xf_pane *panes;
    int n_panes;
    int focus;          /* index of the focused pane */
    int first, n_shown; /* panes first .. first+n_shown-1 are on screen */
    int rows, cols;
    bool too_small;
    WINDOW *tabwin, *statwin, *inwin;
    WINDOW *sepwin[XF_UI_MAX_COLUMNS];
    int *tab_x, *tab_w; /* tab positions, for mouse clicks */
    bool tabs_dirty, status_dirty;
    bool repair;        /* xf_ui_repair_all: send every window again on the next paint */
    char *msg;          /* transient status message, or NULL */
    char *scope;        /* the names of the user's units ("市交警支队"), NULL: all */
    char *scope_short;  /* the same with their shared parent named once, or NULL */
    bool msg_error;
    time_t msg_until;
    struct xf_overview ov; /* status-line counts */
    bool ov_ok;
    /* a handler's: complaints awaiting their unit as lead, and of those
     * the overdue (xf_complaint_lead_work) */
    long to_sign, to_reply, lead_overdue, lead_due_soon;
    long to_rule, to_call;  /* a supervisor's: returns to rule on, callbacks due */
    long due_soon;          /* a supervisor's: complaints due soon (临期) in scope */
    int64_t data_version;
    int64_t restore_looked; /* PRAGMA data_version when restores were last looked for */
    struct xf_news_cursor news; /* history seen, for "who changed what" */
    int64_t link_unit, link_post;
    struct {              /* labels of what panes are narrowed to, lately asked */
        int64_t unit, post;
        char *label;      /* "市城建委 › 服务大厅", or a post */
    } link_labels[4];
    int link_next;
    struct xf_ui_modal modal; /* a full-screen modal view under the dialogs */
    WINDOW *popwin;       /* an error too long for the status line, shown whole */
    char *pop_text;       /* ... the message it shows */
    int pop_rows, pop_cols; /* ... and the screen size it was laid out for */
    bool pop_modal;       /* ... an error: the key that closes it does nothing else */
    int pop_top, pop_shown, pop_all; /* ... its first line shown, how many are, of all */
};


/* A blank window over lines y..y+h of the screen, a margin beside the
 * frame at x..x+w (to the screen's edge where only a scrap is left), for
 * a form, question or menu over a list: the ends of the rows it covers no
 * longer read as part of its frame ("XF│"). Caller deletes it. */
WINDOW *xf_ui_shade_beside(int y, int h, int x, int w);

#endif
