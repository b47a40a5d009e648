/* Drawing helpers: sanitised, width-exact text, bars, columns, colours. */
#include "xf/table.h"
#include "xf/ui_draw.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/text.h"

static attr_t attrs[XF_C_COUNT];
static bool unicode_ok;

struct color_def {
    short fg, bg;
    attr_t extra; /* added in colour too */
    attr_t mono;  /* used instead on monochrome terminals / NO_COLOR */
};

static const struct color_def color_defs[XF_C_COUNT] = {
    [XF_C_NORMAL] = {-1, -1, 0, 0},
    [XF_C_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [XF_C_TAB] = {COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE},
    [XF_C_TAB_ACTIVE] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD},
    [XF_C_TAB_SHOWN] = {COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_UNDERLINE},
    [XF_C_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [XF_C_SELECTED_DIM] = {-1, -1, A_REVERSE, A_UNDERLINE},
    [XF_C_HEADER] = {-1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE},
    [XF_C_STATUS] = {COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE},
    [XF_C_ALERT] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [XF_C_GOOD] = {COLOR_GREEN, -1, 0, 0},
    [XF_C_DIM] = {-1, -1, A_DIM, A_DIM},
    [XF_C_BAR_FULL] = {COLOR_GREEN, -1, 0, A_BOLD},
    [XF_C_BAR_EMPTY] = {-1, -1, A_DIM, 0},
};

static bool want_color(void)
{
    const char *nc = getenv("NO_COLOR");
    return !(nc && *nc) && has_colors();
}

static void decide_unicode(void)
{
    const char *term = getenv("TERM");
    const char *cs = nl_langinfo(CODESET);
    unicode_ok = cs && strcmp(cs, "UTF-8") == 0 && !(term && strncmp(term, "vt100", 5) == 0);
}

void xf_draw_init(void)
{
    decide_unicode();
    bool color = want_color();
    if (color) {
        start_color();
        use_default_colors();
    }
    for (int c = 0; c < XF_C_COUNT; c++) {
        const struct color_def *d = &color_defs[c];
        if (!color || (d->fg < 0 && d->bg < 0)) {
            attrs[c] = color ? d->extra : d->mono;
            continue;
        }
        init_pair((short)c, d->fg, d->bg);
        attrs[c] = COLOR_PAIR(c) | d->extra;
    }
}

attr_t xf_draw_attr(enum xf_color c)
{
    return c >= 0 && c < XF_C_COUNT ? attrs[c] : 0;
}

bool xf_draw_unicode(void)
{
    return unicode_ok;
}

void xf_draw_fill(WINDOW *win, int y, int x, int w, attr_t attr)
{
    if (w <= 0)
        return;
    wattrset(win, attr);
    mvwhline(win, y, x, ' ', w);
    wattrset(win, A_NORMAL);
}

/* Writes an already fitted string; the buffer holds exactly its cells. */
static void put_fitted(WINDOW *win, int y, int x, const char *fitted, attr_t attr)
{
    wattrset(win, attr);
    mvwaddstr(win, y, x, fitted);
    wattrset(win, A_NORMAL);
}

/* Fits clean (sanitised) text into w cells and draws it. */
static void put_text(WINDOW *win, int y, int x, int w, const char *clean, attr_t attr,
                     enum xf_align align)
{
    char small[256], *out = small;
    size_t size = strlen(clean) + (size_t)w + 8;
    if (size > sizeof small && !(out = malloc(size)))
        return;
    if (out == small)
        size = sizeof small;
    int used = xf_text_fit(clean, w, false, out, size);
    int left = align == XF_ALIGN_RIGHT ? w - used : align == XF_ALIGN_CENTER ? (w - used) / 2 : 0;
    xf_draw_fill(win, y, x, w, attr);
    put_fitted(win, y, x + left, out, attr);
    if (out != small)
        free(out);
}

void xf_draw_text_align(WINDOW *win, int y, int x, int w, const char *s, attr_t attr,
                        enum xf_align align)
{
    if (w <= 0)
        return;
    /* Most cells are clean text that fits: drawn as they are, with no
     * copy (a screen of a list is some four hundred cells). */
    int cw = xf_text_clean_width(s);
    if (cw >= 0 && cw <= w && align != XF_ALIGN_LINE_TIGHT) {
        int left = align == XF_ALIGN_RIGHT ? w - cw : align == XF_ALIGN_CENTER ? (w - cw) / 2 : 0;
        xf_draw_fill(win, y, x, w, attr);
        put_fitted(win, y, x + left, s ? s : "", attr);
        return;
    }
    char *clean = cw >= 0 ? NULL : xf_text_sanitize(s, false);
    const char *text = cw >= 0 ? s : clean;
    char *line = NULL;
    if (text && align == XF_ALIGN_LINE)
        text = line = xf_text_elide_line(text, XF_UNIT_SEP, w);
    else if (text && align == XF_ALIGN_LINE_TIGHT)
        text = line = xf_text_elide_line_tight(text, w);
    else if (text && align == XF_ALIGN_TAIL)
        text = line = xf_text_elide_head(text, w);
    else if (text && align == XF_ALIGN_MIDDLE)
        text = line = xf_text_elide_middle(text, w);
    if (text)
        put_text(win, y, x, w, text, attr, align);
    free(line);
    free(clean);
}

void xf_draw_text(WINDOW *win, int y, int x, int w, const char *s, attr_t attr)
{
    xf_draw_text_align(win, y, x, w, s, attr, XF_ALIGN_LEFT);
}

int xf_draw_wrapped(WINDOW *win, int y, int x, int w, const char *s, attr_t attr, int max_lines)
{
    char *clean = xf_text_sanitize(s ? s : "", false);
    const char *p = clean ? clean : "";
    int lines = 0;
    while (*p && lines < max_lines && w > 0) {
        size_t len = xf_text_wrap_line(p, w);
        len = len ? len : strlen(p);
        bool last = lines + 1 == max_lines && p[len];
        char *part = last ? strdup(p) : strndup(p, len); /* the last one ends in "…" */
        if (win && part)
            xf_draw_text(win, y + lines, x, w, part, attr);
        free(part);
        lines++;
        p += len;
        while (*p == ' ')
            p++;
    }
    free(clean);
    return lines;
}

void xf_draw_printf(WINDOW *win, int y, int x, int w, attr_t attr, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n >= 0) {
        xf_draw_text(win, y, x, w, s, attr);
        free(s);
    }
}

static void bar_cells(WINDOW *win, int n, bool full)
{
    const char *glyph = xf_draw_unicode() ? (full ? "\u2588" : "\u2591") : (full ? "#" : "-");
    wattrset(win, xf_draw_attr(full ? XF_C_BAR_FULL : XF_C_BAR_EMPTY));
    for (int i = 0; i < n; i++)
        waddstr(win, glyph);
    wattrset(win, A_NORMAL);
}

void xf_draw_bar(WINDOW *win, int y, int x, int w, double ratio)
{
    char pct[16];
    if (ratio < 0) /* as wide as " 100.0%": %6s would count the dash's bytes */
        snprintf(pct, sizeof pct, "      \u2013");
    else {
        ratio = ratio > 1 ? 1 : ratio;
        snprintf(pct, sizeof pct, " %5.1f%%", xf_table_round1(ratio * 100.0));
    }
    int pw = xf_text_width(pct);
    int bw = w - pw;
    if (bw < 3) {
        xf_draw_text_align(win, y, x, w, pct, A_NORMAL, XF_ALIGN_RIGHT);
        return;
    }
    int filled = ratio < 0 ? 0 : (int)(ratio * bw + 0.5);
    wmove(win, y, x);
    bar_cells(win, filled, true);
    bar_cells(win, bw - filled, false);
    xf_draw_text(win, y, x + bw, pw, pct, A_NORMAL);
}

void xf_draw_columns(WINDOW *win, int y, int x, int w, const struct xf_draw_col *cols,
                     const char *const *cells, int n, attr_t attr)
{
    xf_draw_fill(win, y, x, w, attr);
    int cx = x, end = x + w;
    for (int i = 0; i < n && cx < end; i++) {
        int cw = cols[i].width;
        if (cw < 0) /* hidden */
            continue;
        if (cw > end - cx)
            cw = end - cx;
        xf_draw_text_align(win, y, cx, cw, cells[i] ? cells[i] : "", attr, cols[i].align);
        cx += cw + 1;
    }
}

static int figure_width(const struct xf_figure *f)
{
    return xf_text_width(f->label) + 1 + xf_text_width(f->value);
}

static void draw_figure(WINDOW *win, int y, int x, const struct xf_figure *f)
{
    int lw = xf_text_width(f->label);
    attr_t sel = f->selected ? A_REVERSE : A_NORMAL;
    xf_draw_text(win, y, x, lw, f->label, sel);
    if (f->selected)
        xf_draw_text(win, y, x + lw, 1, " ", sel);
    xf_draw_text(win, y, x + lw + 1, xf_text_width(f->value), f->value,
                 xf_draw_attr(f->color) | A_BOLD | sel);
}

int xf_draw_figures(WINDOW *win, int y, int x, int w, const struct xf_figure *f, int n,
                    int max_lines)
{
    enum { GAP = 3 };
    int line = 0, cx = 0;
    for (int i = 0; i < n; i++) {
        int fw = figure_width(&f[i]);
        if (cx > 0 && cx + GAP + fw > w) {
            line++;
            cx = 0;
        }
        int at = cx ? cx + GAP : 0;
        if (line < max_lines && fw <= w - at)
            draw_figure(win, y + line, x + at, &f[i]);
        else if (line < max_lines)
            xf_draw_printf(win, y + line, x + at, w - at, f[i].selected ? A_REVERSE : A_NORMAL,
                           "%s %s", f[i].label, f[i].value);
        cx = at + fw;
    }
    return n > 0 ? line + 1 : 0;
}
