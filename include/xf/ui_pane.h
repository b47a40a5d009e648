/* A pane of the interface behind a small ops table (tig's view_ops).
 *
 * Adding a pane is one new file and one row:
 *   1. src/ui/pane_<name>.c defines `const struct xf_pane_ops xf_pane_<name>`
 *      (declare it below, next to xf_pane_overview);
 *   2. add `&xf_pane_<name>` to xf_ui_panes[] in src/ui/panes.c, in the
 *      order of SPEC §3 (Overview, Posts, Pledge progress, Complaints,
 *      Inspections, Evaluations): its position is its digit key and its
 *      place in the tab bar.
 * The framework owns the windows, the tab bar, the status line, layout,
 * key lookup and the main loop; a pane owns its data (p->priv) and draws
 * only inside the window it is given. Panes call domain functions only
 * (through xf_ui_ctx), never the store, and never keep a transaction open.
 * Lists use the virtual list (xf/ui_list.h), edits the form (xf/ui_form.h). */
#ifndef XF_UI_PANE_H
#define XF_UI_PANE_H
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/ui_keys.h"

/* What a handler wants to happen next (htop's HandlerResult); OR them. */
enum xf_ui_result {
    XF_UI_IGNORED = 0,     /* not mine: the global handler gets the key */
    XF_UI_HANDLED = 1,     /* consumed; nothing else to do */
    XF_UI_REDRAW = 2,      /* call this pane's draw on the next pass */
    XF_UI_RELAYOUT = 4,    /* recompute windows and redraw everything */
    XF_UI_QUIT = 8,        /* leave the interface */
    XF_UI_REDRAW_ALL = 16, /* every window (e.g. after a modal dialog) */
    XF_UI_CHANGED = 32,    /* this session wrote data: refresh every pane */
};

struct xf_ui;
struct xf_pane;

struct xf_pane_ops {
    const char *name;  /* identifier for config and tests: "overview" */
    const char *title; /* N_() marked; the framework shows _(title) */
    const char *short_title; /* optional, N_(): the tab when the titles do not fit */
    /* Allocates p->priv and reads the first screen of data. A failure is
     * shown in the status line and the pane stays empty. */
    int (*open)(struct xf_pane *p, struct xf_error *err);
    void (*close)(struct xf_pane *p); /* frees p->priv */
    /* Draws into w (the pane's whole window). When p->full is set the
     * pane must repaint everything; otherwise it may draw only what
     * changed (e.g. the old and new selected rows). */
    void (*draw)(struct xf_pane *p, WINDOW *w, bool focused);
    /* A key for the focused pane: the bound action (XF_A_NONE when the key
     * is unbound) and the raw key (for typing). Returns an xf_ui_result
     * mask; XF_UI_IGNORED passes the key on to the global handler. */
    int (*key)(struct xf_pane *p, enum xf_action a, wint_t raw);
    /* Re-reads data after a commit by anyone, keeping the cursor on the
     * same record id. Optional. Call it as (p->ops->refresh)(...): curses
     * defines a refresh() macro. */
    int (*refresh)(struct xf_pane *p, struct xf_error *err);
    /* Whether refresh may run while a form this pane opened is on screen
     * (SPEC §3: the list behind an edit shows another user's commit): it
     * frees nothing the form or the code that opened it still uses. The
     * rows of virtual lists stay valid until the last form closes (see
     * xf_list); anything else a form needs it copies. Otherwise the
     * focused pane waits for the form to close; the panes beside it
     * follow at once. */
    bool refresh_under_form;
    /* Work that can wait until the user pauses (no key for a poll
     * interval), e.g. a total too slow to count on every key; the pane
     * keeps its own note of what is pending. Returns an xf_ui_result
     * mask. Called only for shown panes. Optional. */
    int (*idle)(struct xf_pane *p);
    /* Enter: opens the detail of the selected record. Optional. */
    int (*detail)(struct xf_pane *p);
    /* Narrows the pane to a unit and/or post (0 = any); both 0 clears the
     * link. Optional: panes without it ignore links. */
    int (*link)(struct xf_pane *p, int64_t unit_id, int64_t post_id);
    /* Narrows the pane to the records one of the Overview's figures
     * counts (`what`: "overdue", "supervised", ... as the pane knows
     * them), its search and other filters taken away so that the list is
     * that figure's; the title says the filter, Esc takes it away as
     * usual. Returns XF_OK, non-zero for a name it does not know.
     * Optional. */
    int (*drill)(struct xf_pane *p, const char *what);
    /* A mouse click at (y, x) relative to the pane's window. Optional. */
    int (*click)(struct xf_pane *p, int y, int x);
    /* The record under the cursor (or of the open detail / card), for the
     * `H` history: its table name ("complaint", "post", "pledge",
     * "inspection", "evaluation", "unit", "member", "rectification") and
     * id. Returns 0, non-zero when nothing is selected. Optional. */
    int (*selected)(struct xf_pane *p, const char **entity, int64_t *id);
    /* Whether the pane is offered to this user at all; a pane that says no
     * gets no tab and is never opened. Optional: NULL = always. */
    bool (*visible)(const struct xf_ctx *ctx);
};

/* One open pane; created by the framework for every row of xf_ui_panes. */
struct xf_pane {
    const struct xf_pane_ops *ops;
    struct xf_ui *ui;
    void *priv;       /* the pane's own state */
    WINDOW *win;      /* NULL while the pane is not on screen */
    int h, w;         /* size of win */
    bool opened;      /* open succeeded; otherwise the framework draws a notice */
    bool dirty;       /* draw on the next pass */
    bool full;        /* ... repainting everything */
    int64_t link_unit, link_post; /* current narrowing, 0 = none */
};

/* The panes, in tab order; NULL-terminated. Defined in src/ui/panes.c. */
extern const struct xf_pane_ops *const xf_ui_panes[];

extern const struct xf_pane_ops xf_pane_overview;
extern const struct xf_pane_ops xf_pane_posts;
extern const struct xf_pane_ops xf_pane_pledges;
extern const struct xf_pane_ops xf_pane_complaints;
extern const struct xf_pane_ops xf_pane_inspections;
extern const struct xf_pane_ops xf_pane_evaluations;
extern const struct xf_pane_ops xf_pane_history;

/* ---- services the framework offers to panes --------------------------- */

/* A login as colleagues know it, for a list column: the name alone
 * (xf_ctx_person_short), else the login itself (a user since removed).
 * Valid until the next call. */
const char *xf_ui_name_of(const struct xf_ui *ui, const char *login);
/* The acting context for domain calls. */
const struct xf_ctx *xf_ui_ctx(const struct xf_ui *ui);
/* Shows a transient message in the status line (printf-style; the text is
 * sanitised). error selects the alert colour. */
void xf_ui_message(struct xf_ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A key a view left unanswered: for a printable one, "z does nothing
 * here; ? lists the keys." into out (256 bytes suffice) and true; false
 * for the others (a move at an edge, a function key), which stay quiet. */
bool xf_ui_unanswered_text(int key, char *out, size_t size);
/* The same said on the status line, painted at once (for a view over the
 * panes); false when the key stays quiet. */
bool xf_ui_unanswered(struct xf_ui *ui, int key);
/* Takes the status line's message away: the user has pressed a key since. */
void xf_ui_message_clear(struct xf_ui *ui);
/* The same, and off the screen at the next doupdate: for a view over the
 * panes, whose loop paints no status line. */
void xf_ui_message_dismiss(struct xf_ui *ui);
/* Paints what is due (the status line's new message) at once, for a
 * message to be read under a menu or form about to open over the panes. */
void xf_ui_show_status(struct xf_ui *ui);
/* Shows err's message in the status line (without the field name). */
void xf_ui_error(struct xf_ui *ui, const struct xf_error *err);
/* err's message as a sentence shown alone, into buf (returned): its
 * first letter in capitals when it starts with its format's own word
 * (err->starts_word), not with a login or a code put in. */
const char *xf_ui_err_sentence(const struct xf_error *err, char *buf, size_t size);
/* Tells the other panes that the user selected a unit / post (0 = none):
 * linked panes narrow to it. */
void xf_ui_link(struct xf_ui *ui, const struct xf_pane *from, int64_t unit_id,
                int64_t post_id);
/* Goes to the pane named pane (its ops->name) narrowed to `what` by its
 * drill op, opening it first if it never was: a figure of the Overview
 * to the list behind it. A link to a unit or post is lifted (the figures
 * count every record in scope). Returns an xf_ui_result mask; says in the
 * status line when the pane is not offered or knows no such list. */
int xf_ui_drill(struct xf_ui *ui, const char *pane, const char *what);
/* What such a note names: "门诊慢病认定先锋岗 (XFG-00002)" for post_id (its
 * title, then its code in brackets), else unit_id's place; NULL for
 * none. Owned by ui, which keeps the last few: use it at once. */
const char *xf_ui_link_label(struct xf_ui *ui, int64_t unit_id, int64_t post_id);
/* " · linked to 市城建委 › 服务大厅 (L clears)": for the title of a pane
 * narrowed to unit_id, or to post_id when not 0, with the key now bound
 * to unlink. */
void xf_ui_linked_note(struct xf_ui *ui, int64_t unit_id, int64_t post_id, char *out,
                       size_t size);
/* The same note in width cells at most where it can: the post's title
 * (or the unit's place) is cut, the post's code kept whole. Its shortest
 * form still names the post's code or the unit's own name (cut to a few
 * cells): width 0 gives it. */
void xf_ui_linked_note_fit(struct xf_ui *ui, int64_t unit_id, int64_t post_id, int width, char *out,
                           size_t size);
/* How far a list's search counts its matches before it says "1000+". */
enum { XF_UI_COUNT_CAP = 1000 };
/* A search's total as a title gives it, counted up to XF_UI_COUNT_CAP:
 * " (12)", " (1000+)"; "" when count < 0 (no search, or not known). */
void xf_ui_count_note(char *out, size_t size, long count);
/* What such a pane says when it has nothing for the link: that the row
 * chosen in another pane narrows it, and the key that shows all — or,
 * when the pane's own filter or search narrows it too (filtered), that
 * those count as well and the key only removes the link. "" when not
 * narrowed. out is sanitised, for xf_list's empty. */
void xf_ui_linked_empty(struct xf_ui *ui, int64_t unit_id, int64_t post_id, bool filtered,
                        char *out, size_t size);
/* After a write from a modal view: the status line and the panes under
 * it are read again now, so they show it before the view is left. */
void xf_ui_wrote(struct xf_ui *ui);
/* Repaints every window now, e.g. under a modal dialog after a resize
 * (wnoutrefresh only; the caller does the doupdate). */
void xf_ui_repaint(struct xf_ui *ui);
/* A full-screen modal view (a complaint's detail, the awards) registers
 * its window so that dialogs opened from it repaint it beneath them rather
 * than the panes. */
struct xf_ui_modal {
    WINDOW *win; /* NULL: none */
    /* Optional. Called while a dialog is open over the view: after a
     * resize (resized true), to draw the view into a window made for the
     * screen as it is now, and after another user's commit (false), to
     * read and draw it again. Returns the view's window from then on
     * (NULL when none could be made); wnoutrefresh only. */
    WINDOW *(*redo)(void *arg, bool resized);
    void *arg;
};
/* Registers m; returns what was registered before, to be put back when
 * the view closes (or gives way to another). */
struct xf_ui_modal xf_ui_modal_swap(struct xf_ui *ui, struct xf_ui_modal m);
/* The headline figures (xf/overview.h) the framework last read for the
 * status line, re-read whenever data changes; NULL if that read failed.
 * Panes showing them use this copy rather than querying twice. */
struct xf_overview;
const struct xf_overview *xf_ui_overview(const struct xf_ui *ui);
/* The names of the units the user is limited to, NULL for the whole city:
 * what figures and lists cover, said beside them. */
const char *xf_ui_scope(const struct xf_ui *ui);
/* The same for a narrow title: the shared parent named once. */
const char *xf_ui_scope_short(const struct xf_ui *ui);
/* Reads one key from w with get_wch into an xf key code (xf/ui_keys.h:
 * characters as code points, function keys as XF_FKEY(KEY_...)); false on
 * time-out. For modal loops (forms, prompts); give w a wtimeout. */
bool xf_ui_read_key(WINDOW *w, int *key);
/* The same for a text field: text pasted into the terminal (bracketed
 * paste) arrives as typed characters, its tabs as spaces and its line
 * breaks as XF_KEY_PASTE_NL, never as Tab or Enter. xf_ui_read_key drops
 * pasted text, so a paste cannot run commands or answer a question. */
bool xf_ui_read_text_key(WINDOW *w, int *key);
/* Whether the key just read came in a paste: a field that is chosen, not
 * typed (a choice, yes/no), takes no pasted key. */
bool xf_ui_pasting(void);
/* Whether more typed or pasted input waits to be read: a form draws once
 * it is in, not after each character (a 10,000-character letter drew
 * 10,000 screens; a terminal without bracketed paste sends a paste as
 * typing, and 2,000 characters took 20 seconds). */
bool xf_ui_input_pending(void);
/* For modal views that show records (details): when no key came, checks
 * whether another connection has committed, refreshes the panes below as
 * the main loop would, and returns true so the view re-reads its record. */
bool xf_ui_poll(struct xf_ui *ui);
/* The last data_version the interface has taken in (xf_ui_poll moves it):
 * a view that compares it with its own notices a commit even when a form
 * opened from it took the refresh. */
int64_t xf_ui_data_seen(const struct xf_ui *ui);
/* For forms waiting for a key: as xf_ui_poll, and repaints the panes
 * beneath (the caller draws itself on top after). True if it repainted. */
bool xf_ui_poll_behind(struct xf_ui *ui);
/* The modal history viewer of one record (entity as for .selected):
 * newest first, paged as the user scrolls; Esc or q closes. Modal details
 * may call it for their record. Returns an xf_ui_result mask. */
int xf_ui_history(struct xf_ui *ui, const char *entity, int64_t id);
/* The help screen (the key bindings in force), over whatever is shown;
 * modal views call it for `?` as the panes do. */
void xf_ui_help(struct xf_ui *ui);
/* The same from a form: the form's keys first. */
void xf_ui_help_form(struct xf_ui *ui);
/* True once SIGTERM, SIGINT or SIGHUP arrived: modal loops must return.
 * Not Ctrl-C or Ctrl-\ typed over a form, menu, detail or help: that
 * reads as Esc there; only at the panes does it end the program. */
bool xf_ui_stopping(void);
/* Between these, typed input is at stake: Ctrl-C (SIGINT) reads as Esc,
 * which asks before discarding, instead of ending the program. Nest. */
void xf_ui_form_enter(void);
void xf_ui_form_leave(void);
/* A form's or menu's window, while it is open (pop before delwin): a
 * repaint under what opens above it (a question, the finder) shows it. */
void xf_ui_overlay_push(WINDOW *w);
/* The same for a window that can be laid out again while something above
 * it is open: after a resize, redo(arg) makes it for the new screen, draws
 * it (wnoutrefresh only) and returns it, or NULL when it does not fit. */
void xf_ui_overlay_push_redo(WINDOW *w, WINDOW *(*redo)(void *arg), void *arg);
void xf_ui_overlay_pop(WINDOW *w);
/* Where the topmost of those is on the screen (one that still fits it),
 * for a question to open beside it rather than over it; false when none. */
bool xf_ui_overlay_top(int *y, int *x, int *h, int *w);
/* Counts the times a first form opened; 0 while no form is open. */
unsigned xf_ui_form_epoch(void);

#endif
