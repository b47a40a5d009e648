/* Drawing helpers for the interface: every string reaches the terminal
 * through xf_draw_text, sanitised and fitted to an exact number of cells
 * (CJK = 2 cells, "…" on truncation, never half a character). */
#ifndef XF_UI_DRAW_H
#define XF_UI_DRAW_H
#include <curses.h>
#include <stdbool.h>

/* What a piece of screen means; xf_draw_attr maps it to colour or, on
 * monochrome terminals and under NO_COLOR, to reverse/bold/underline. */
enum xf_color {
    XF_C_NORMAL = 0,
    XF_C_TITLE,      /* pane titles, section headings */
    XF_C_TAB,        /* tab bar */
    XF_C_TAB_ACTIVE, /* the focused pane's tab */
    XF_C_TAB_SHOWN,  /* a pane visible but not focused (wide layout) */
    XF_C_SELECTED,   /* selected row of the focused pane */
    XF_C_SELECTED_DIM, /* selected row of a pane without focus */
    XF_C_HEADER,     /* column headers */
    XF_C_STATUS,     /* status line */
    XF_C_ALERT,      /* overdue, errors */
    XF_C_GOOD,       /* kept, passed */
    XF_C_DIM,        /* secondary text */
    XF_C_BAR_FULL,
    XF_C_BAR_EMPTY,
    XF_C_COUNT
};

/* XF_ALIGN_LINE: left, and the text is a unit's line of names
 * ("A › B › C") shortened from the middle (xf_text_elide_line).
 * XF_ALIGN_LINE_TIGHT: the same with the separators without their
 * spaces, where it fits too (xf_text_elide_line_tight): a list's column
 * of units where some rows are shortened, so that all read alike.
 * XF_ALIGN_TAIL: left, and a text too long keeps its end (a code:
 * "…-XFG-017", xf_text_elide_head).
 * XF_ALIGN_MIDDLE: left, and a text too long keeps its start and its end
 * (a tree's names: xf_text_elide_middle). */
enum xf_align {
    XF_ALIGN_LEFT,
    XF_ALIGN_RIGHT,
    XF_ALIGN_CENTER,
    XF_ALIGN_LINE,
    XF_ALIGN_TAIL,
    XF_ALIGN_MIDDLE,
    XF_ALIGN_LINE_TIGHT
};

/* Sets up colour pairs after initscr; honours NO_COLOR and terminals
 * without colours, and decides whether box-drawing characters may be
 * used (UTF-8 locale and a TERM other than vt100). */
void xf_draw_init(void);
attr_t xf_draw_attr(enum xf_color c);
/* True when bars may use "█░" rather than "#-". */
bool xf_draw_unicode(void);

/* Writes s at (y, x) in exactly w cells (padding with spaces), with attr.
 * s may come straight from the database: it is sanitised here. */
void xf_draw_text(WINDOW *win, int y, int x, int w, const char *s, attr_t attr);
/* Draws s (sanitised here) wrapped in w cells from (y, x) over at most
 * max_lines lines, the last cut with "…" if more is left; returns the
 * lines used. With win NULL it only counts them. */
int xf_draw_wrapped(WINDOW *win, int y, int x, int w, const char *s, attr_t attr, int max_lines);
/* The same with alignment inside the w cells. */
void xf_draw_text_align(WINDOW *win, int y, int x, int w, const char *s, attr_t attr,
                        enum xf_align align);
/* printf into w cells at (y, x). */
void xf_draw_printf(WINDOW *win, int y, int x, int w, attr_t attr, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Clears w cells at (y, x) with attr. */
void xf_draw_fill(WINDOW *win, int y, int x, int w, attr_t attr);

/* A progress bar in w cells: "████░░░░  71.4%" (ASCII "####----" when
 * xf_draw_unicode() is false). ratio is clamped to 0..1; a negative ratio
 * means "no data" and draws "–". */
void xf_draw_bar(WINDOW *win, int y, int x, int w, double ratio);

/* One column of a table row: width in cells and alignment. */
struct xf_draw_col {
    int width;
    enum xf_align align;
};
/* Draws cells[0..n) left to right from x with one space between columns,
 * the whole row w cells wide (the rest padded) in attr. */
void xf_draw_columns(WINDOW *win, int y, int x, int w, const struct xf_draw_col *cols,
                     const char *const *cells, int n, attr_t attr);

/* A label/value pair for xf_draw_figures. */
struct xf_figure {
    const char *label; /* already translated */
    char value[64];
    enum xf_color color; /* of the value */
    bool selected;       /* under the cursor: drawn in reverse */
};
/* Flows figures across lines "label value   label value" from (y, x) in
 * w cells, wrapping between figures; draws at most max_lines lines and
 * returns the lines used (also when max_lines <= 0: it then only counts). */
int xf_draw_figures(WINDOW *win, int y, int x, int w, const struct xf_figure *f, int n,
                    int max_lines);

#endif
