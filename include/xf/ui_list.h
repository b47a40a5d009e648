/* The virtual list: holds one screen of rows, fetched through the pane's
 * callback with keyset paging (SPEC §3: no pane loads a whole table).
 *
 * A pane supplies the columns and a fetch callback; its keys are an opaque
 * sort string (whatever the pane's ORDER BY compares, e.g. "2026-05-01")
 * plus the record id as tie-breaker, so (sort, id) is unique and ordered.
 * The paging logic is separate from drawing and needs no terminal. */
#ifndef XF_UI_LIST_H
#define XF_UI_LIST_H
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "xf/error.h"
#include "xf/ui_draw.h"
#include "xf/ui_keys.h"

struct xf_list_key {
    char *sort; /* owned; "" allowed */
    int64_t id;
};

struct xf_list_row {
    struct xf_list_key key;
    char **cells;     /* n_cells owned strings, raw from the database */
    int n_cells;
    int64_t unit_id, post_id; /* what selecting this row links to, 0 = none */
    enum xf_color color;      /* XF_C_NORMAL, or e.g. XF_C_ALERT for overdue */
    int state;                /* the pane's own code for the record (a post's status), for
                               * what its keys offer: the cells hold only translated labels */
};

enum xf_list_dir {
    XF_LIST_AFTER,  /* rows with key > from, ascending; from NULL: the first rows */
    XF_LIST_FROM,   /* rows with key >= from, ascending */
    XF_LIST_BEFORE, /* rows with key < from, DEscending (nearest first);
                       from NULL: the last rows */
};

/* Fills up to limit rows of rows_out (zeroed by the list) in the order
 * dir says and sets *n_out; uses xf_list_row_init for each row. Fewer
 * than limit rows means there are no more that way (the list relies on
 * it to know it shows the first row). A pane implements it as one keyset
 * query, e.g. for AFTER
 *   WHERE (sort, id) > (?, ?) ORDER BY sort, id LIMIT ?
 * Must not keep a transaction open. */
typedef int (*xf_list_fetch_fn)(void *arg, const struct xf_list_key *from,
                                enum xf_list_dir dir, int limit, struct xf_list_row *rows_out,
                                int *n_out, struct xf_error *err);
/* Optional: the current key of record id (its sort value may have changed
 * since it was fetched); XF_ENOTFOUND when it is gone or filtered out. */
typedef int (*xf_list_locate_fn)(void *arg, int64_t id, struct xf_list_key *key_out,
                                 struct xf_error *err);

struct xf_list_col {
    const char *title;   /* N_() marked; shown translated */
    int width;           /* cells; 0 = share what the fixed columns leave */
    enum xf_align align;
    int hide_below;      /* hidden when the list is narrower than this; 0 = never */
};

struct xf_list {
    const struct xf_list_col *cols;
    int n_cols;
    /* NULL, or per column: a shared one (width 0) at most this many cells,
     * what it leaves going to the unbounded ones; 0 = no bound. Set after
     * xf_list_init. */
    const int *col_max;
    xf_list_fetch_fn fetch;
    xf_list_locate_fn locate; /* may be NULL */
    void *arg;                /* passed to fetch / locate: usually the pane */
    struct xf_list_row *rows; /* rows[0] is the top row on screen */
    int n, cap;               /* rows held / rows that fit */
    int sel;                  /* index of the selected row in rows */
    int drawn_sel;            /* selection when last drawn, -1 = repaint all */
    bool stale;               /* rows changed: repaint all rows */
    bool at_top;              /* nothing sorts before rows[0] */
    bool made_up;             /* rows[0] is xf_list_select_id's, with no place yet */
    unsigned epoch;           /* xf_ui_form_epoch() when rows was made */
    char empty[512];          /* what an empty list says ("" = "No records."), sanitised */
    int first_line;           /* screen line of rows[0] when last drawn, plus one (0: never) */
};

/* A form or menu may be opened on a row (its cells as defaults, its id
 * to save to) while the panes beneath refresh: the rows on screen when
 * the first of them opened are kept until the key that opened it has
 * been handled, when the main loop calls this to free them. */
void xf_list_release_retired(void);

/* Fills row: copies sort, allocates n_cells empty cells (set them with
 * xf_list_row_set). Returns XF_OK or XF_EIO when out of memory. */
int xf_list_row_init(struct xf_list_row *row, const char *sort, int64_t id, int n_cells);
/* Sets cell i to a copy of text (NULL = ""). */
int xf_list_row_set(struct xf_list_row *row, int i, const char *text);
void xf_list_row_clear(struct xf_list_row *row);

/* The width a column of labels needs: the widest of its (untranslated)
 * header and the labels, up to most, its English width. In Chinese states
 * and verdicts are short, and the columns of text get the rest. */
int xf_list_label_width(const char *header, const char *const *labels, size_t n, int most);
/* The same for a NULL-terminated list of stored names, each shown as
 * label(name) (a short label a column has room for). */
int xf_list_names_width(const char *header, const char *const *names,
                        const char *(*label)(const char *name), int most);
void xf_list_init(struct xf_list *l, const struct xf_list_col *cols, int n_cols,
                  xf_list_fetch_fn fetch, xf_list_locate_fn locate, void *arg);
void xf_list_free(struct xf_list *l);
/* Sets how many rows fit (screen height minus the header) and reloads. */
int xf_list_set_height(struct xf_list *l, int rows, struct xf_error *err);
/* Re-reads the screen after data changed, keeping the selection on the
 * same record id (moved or not), else at the same screen position. */
int xf_list_reload(struct xf_list *l, struct xf_error *err);
/* Re-reads the list after its query changed (a new filter or search):
 * the first result on the first line, the cursor on its record where
 * that screen holds it, else on the first row. */
int xf_list_refilter(struct xf_list *l, struct xf_error *err);
/* Re-reads the list after a search or filter was cleared (Esc): the
 * cursor stays on the record it was on, on the same screen line, where
 * the wider query lists it (what was found is seen in its place), else
 * the list is read from the top. Costs one row read more than that. */
int xf_list_widen(struct xf_list *l, struct xf_error *err);
/* Puts the selection on record id wherever the order puts it (the list
 * re-reads the screen around it, through locate); where the list's query
 * leaves the record out, around the place it would have had. */
int xf_list_select_id(struct xf_list *l, int64_t id, struct xf_error *err);
/* Moves for DOWN, UP, PAGE_DOWN, PAGE_UP, HOME, END; other actions give
 * XF_UI_IGNORED. Returns an xf_ui_result mask (HANDLED | REDRAW when the
 * selection or rows changed). Errors go to err with the mask HANDLED. */
int xf_list_move(struct xf_list *l, enum xf_action a, struct xf_error *err);
/* Selects the row at screen line y of the list (0 = first row under the
 * header); returns an xf_ui_result mask. */
int xf_list_click(struct xf_list *l, int y);
/* The selected row, NULL when the list is empty. */
const struct xf_list_row *xf_list_selected(const struct xf_list *l);
/* Draws the header at (y, x) and the rows under it in w cells. Repaints
 * every row when full or when rows changed; otherwise only the old and the
 * new selected rows. */
void xf_list_draw(struct xf_list *l, WINDOW *win, int y, int x, int w, bool focused, bool full);
/* The screen line of the selected row as last drawn, for a question about
 * it to open beside it (xf_form_confirm_on, xf_menu_run_on); -1 when there
 * is none. */
int xf_list_sel_line(const struct xf_list *l);
/* Column widths in cells for a total width w (0-width columns share the
 * rest); out has n_cols entries. */
void xf_list_widths(const struct xf_list *l, int w, struct xf_draw_col *out);
/* Turns the XF_ALIGN_LINE columns of cw where a row on screen is too long
 * for its width into XF_ALIGN_LINE_TIGHT, so that every row of the column
 * is written alike ("市住建局›审批处" over "市文旅局…第1号窗口"). */
void xf_list_tighten(const struct xf_list *l, struct xf_draw_col *cw);

#endif
