/* Modal forms: layout, drawing, keys, validation and submit. */
#include "xf/ui_form.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/unit.h"
#include "xf/post.h"
#include "xf/restore.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"
#include "ui_internal.h"

enum { MULTI_LINES = 4, LABEL_MAX = 28, PICK_ROWS = 8 };

/* ---- values and validation ---------------------------------------------- */

int xf_form_set_text(struct xf_form_field *f, const char *s)
{
    char *clean = xf_text_sanitize(s, f->kind == XF_FIELD_MULTILINE);
    int rc = clean ? xf_edit_set(&f->text, clean) : XF_EIO;
    free(clean);
    return rc;
}

const char *xf_form_text(const struct xf_form_field *f)
{
    return f->text.buf ? f->text.buf : "";
}

static void set_error(char **slot, const char *msg)
{
    free(*slot);
    *slot = msg && *msg ? strdup(msg) : NULL;
}

static int max_chars(const struct xf_form_field *f)
{
    return f->max_chars > 0 ? f->max_chars : f->kind == XF_FIELD_MULTILINE ? 2000 : 200;
}

static bool is_int(const char *s)
{
    char *end;
    if (!*s)
        return false;
    strtoll(s, &end, 10);
    return *end == '\0';
}

bool xf_form_int(const struct xf_form_field *f, long long *out)
{
    const char *t = xf_form_text(f);
    *out = 0;
    if (!*t)
        return true;
    if ((int)xf_edit_chars(&f->text) > max_chars(f))
        return false; /* one digit more than it takes: not saved either */
    char *end;
    errno = 0;
    long long v = strtoll(t, &end, 10);
    if (*end || errno)
        return false;
    *out = v;
    return true;
}

/* The checks every field gets before its own check(). */
static int builtin_check(const struct xf_form_field *f, struct xf_error *err)
{
    const char *t = xf_form_text(f);
    bool empty = f->kind == XF_FIELD_PICK ? f->picked == 0 : xf_text_blank(t);
    if (f->kind == XF_FIELD_CHOICE || f->kind == XF_FIELD_YESNO)
        return XF_OK;
    if (empty)
        return f->required ? xf_err(err, XF_EINVAL, f->name, _("required")) : XF_OK;
    if (f->kind == XF_FIELD_DATE && t[strspn(t, "0123456789-")])
        return xf_err(err, XF_EINVAL, f->name,
                      _("not a date: write it as YYYY-MM-DD, in digits and -"));
    if (f->kind == XF_FIELD_DATE && !xf_date_valid(t))
        return xf_err(err, XF_EINVAL, f->name, _("a real date as YYYY-MM-DD"));
    if (f->kind == XF_FIELD_INT && !is_int(t))
        return xf_err(err, XF_EINVAL, f->name, _("not a whole number: digits only"));
    return XF_OK;
}

static int length_check(const struct xf_form_field *f, struct xf_error *err)
{
    if (f->kind == XF_FIELD_CHOICE || f->kind == XF_FIELD_YESNO || f->kind == XF_FIELD_PICK)
        return XF_OK;
    if ((int)xf_edit_chars(&f->text) > max_chars(f))
        return xf_err(err, XF_EINVAL, f->name, _("at most %d characters"), max_chars(f));
    return XF_OK;
}

static const char *not_utf8(void)
{
    return _("the terminal sent characters that are not UTF-8, not taken: set the SSH "
             "client's character set (encoding) to UTF-8");
}

/* The field's own check before the length: "82.2录入错误" in a score is
 * not a number, which says more than that it is too long. */
int xf_form_validate(struct xf_form *f, int i)
{
    struct xf_form_field *fd = &f->fields[i];
    struct xf_error err = {0};
    int rc = builtin_check(fd, &err);
    if (rc == XF_OK && fd->check)
        rc = fd->check(f->arg, f, i, &err);
    if (rc == XF_OK)
        rc = length_check(fd, &err);
    set_error(&fd->error, rc != XF_OK ? err.msg : fd->bad_bytes ? not_utf8() : NULL);
    fd->submit_error = false;
    return rc;
}

/* After an edit: the edited field's message, and the field checks' ones
 * elsewhere (a check may look at other fields: "the post or its unit"),
 * are brought up to date, so none stays once fixed. A message from the
 * last submit on another field stays until the next submit. */
static void revalidate_shown(struct xf_form *f, int edited)
{
    for (int i = 0; i < f->n; i++)
        if (f->fields[i].error && (i == edited || !f->fields[i].submit_error))
            xf_form_validate(f, i);
}

/* A month and day alone ("12-5", typed 12月5日) is that day of this year,
 * as people say it: "2026-12-5", for xf_date_normalize to write out. */
static char *with_this_year(const char *t)
{
    size_t m = strspn(t, "0123456789");
    size_t d = m >= 1 && m <= 2 && t[m] == '-' ? strspn(t + m + 1, "0123456789") : 0;
    if (d < 1 || d > 2 || t[m + 1 + d] != '\0')
        return NULL;
    char today[XF_DATE_LEN], *out = NULL;
    xf_date_today(today);
    return asprintf(&out, "%.4s-%s", today, t) < 0 ? NULL : out;
}

/* 2026/3/5, 2026.3.5 and 2026年3月5日 (typed as 2026-3-5) are dates as
 * people write them: written out in full once the field is left, never
 * while it is typed (2026-1-2 may be becoming 2026-1-25). */
static void complete_date(struct xf_form_field *fd)
{
    if (fd->kind != XF_FIELD_DATE)
        return;
    char *year = with_this_year(xf_form_text(fd));
    char *full = xf_date_normalize(year ? year : xf_form_text(fd));
    const char *made = full ? full : year; /* "12-05": already written out */
    if (made && xf_date_valid(made))
        xf_edit_set(&fd->text, made);
    free(full);
    free(year);
}

static int validate_all(struct xf_form *f)
{
    int first = -1;
    for (int i = 0; i < f->n; i++)
        complete_date(&f->fields[i]);
    for (int i = 0; i < f->n; i++)
        if (xf_form_validate(f, i) != XF_OK && first < 0)
            first = i;
    return first;
}

void xf_form_fields_free(struct xf_form_field *fields, int n)
{
    for (int i = 0; i < n; i++) {
        xf_edit_free(&fields[i].text);
        set_error(&fields[i].error, NULL);
    }
}

void xf_form_free(struct xf_form *f)
{
    xf_form_fields_free(f->fields, f->n);
    set_error(&f->error, NULL);
}

static bool same_value(const struct xf_form_field *a, const struct xf_form_field *b)
{
    return a->picked == b->picked && a->choice == b->choice &&
           strcmp(xf_form_text(a), xf_form_text(b)) == 0;
}

/* The fields' values as the form opened (text, choice, pick); NULL when
 * out of memory, and then any edit counts as a change. */
static struct xf_form_field *values_copy(const struct xf_form *f)
{
    struct xf_form_field *v = f->n > 0 ? calloc((size_t)f->n, sizeof *v) : NULL;
    for (int i = 0; v && i < f->n; i++) {
        v[i].choice = f->fields[i].choice;
        v[i].picked = f->fields[i].picked;
        if (xf_edit_set(&v[i].text, xf_form_text(&f->fields[i])) != XF_OK) {
            xf_form_fields_free(v, i + 1);
            free(v);
            return NULL;
        }
    }
    return v;
}

/* Whether Esc throws anything away: something was edited and the fields
 * no longer hold what they held (a choice turned and turned back, a word
 * typed and deleted, leave nothing to ask about). */
static bool changed_since(const struct xf_form *f)
{
    if (!f->edited)
        return false;
    /* Edited before it opened: what was carried in (ticks, a text) is at
     * stake whatever the fields hold now. Fields shown or hidden since
     * (a kind that has other fields) changed with the choice. */
    if (f->opened_edited || !f->opened || f->opened_n != f->n)
        return true;
    for (int i = 0; i < f->n; i++)
        if (!same_value(&f->fields[i], &f->opened[i]))
            return true;
    return false;
}

int xf_form_merge(struct xf_form *f, const struct xf_form_field *base,
                  const struct xf_form_field *now)
{
    int taken = 0;
    for (int i = 0; i < f->n; i++) {
        struct xf_form_field *fd = &f->fields[i];
        if (same_value(fd, &now[i]) || same_value(&base[i], &now[i]))
            continue;
        if (!same_value(fd, &base[i])) {
            char *msg = NULL;
            const char *theirs = xf_form_text(&now[i]);
            if (asprintf(&msg, _("changed by someone else too, to: %s — F2 keeps yours"),
                         *theirs ? theirs : _("(empty)")) >= 0)
                set_error(&fd->error, msg);
            free(msg);
            fd->submit_error = true;
            continue;
        }
        xf_edit_set(&fd->text, xf_form_text(&now[i]));
        fd->picked = now[i].picked;
        fd->choice = now[i].choice;
        set_error(&fd->error, NULL);
        taken++;
    }
    return taken;
}

/* ---- layout --------------------------------------------------------------- */

static bool fixed_field(const struct xf_form_field *fd);

static bool is_enter(int key)
{
    return key == '\n' || key == '\r' || key == XF_FKEY(KEY_ENTER);
}

/* A date or a number that the first character typed replaces while
 * nobody has edited it: added to, it is never what was meant; and a
 * prompt's last search, as in any search box. Not a record's text: a
 * name or phone is corrected, not retyped (a trial's first key wiped the
 * complainant's name), and a note's quoted findings are added to. */
static bool replaceable(const struct xf_form *f, const struct xf_form_field *fd)
{
    if (fixed_field(fd))
        return false;
    return fd->kind == XF_FIELD_DATE || fd->kind == XF_FIELD_DATETIME || fd->kind == XF_FIELD_INT ||
           (f->prompt && fd->kind == XF_FIELD_TEXT);
}

/* The field a refused save sent the cursor to: its wrong date is
 * replaced by the one typed next, as a date filled in is. */
static void refocus_refused(struct xf_form *f, int i)
{
    f->focus = i;
    f->fields[i].fresh = replaceable(f, &f->fields[i]) && *xf_form_text(&f->fields[i]);
}

struct geom {
    int h, w, y, x;  /* the window */
    int label_w;     /* label column */
    int value_w;     /* value column, where field messages go too */
    int top;         /* first form line shown (scrolling) */
    int fields_h;    /* lines for the fields: less the borders, the form's
                        message, the blank line and the key hint */
};

/* Messages wrap, a field's under its value in up to ERROR_LINES lines and
 * the form's above the key hint in up to FORM_ERROR_LINES (an edit
 * conflict names who changed what). */
#define ERROR_LINES 3
#define FORM_ERROR_LINES 6
#define ERROR_MARK "\u2191 "

static int wrap_lines_max(const char *s, int width, int max)
{
    int n = 0;
    for (const char *p = s; *p && n < max; n++) {
        p += xf_text_wrap_line(p, width);
        while (*p == ' ')
            p++;
    }
    return n ? n : 1;
}

static int wrap_lines(const char *s, int width)
{
    return wrap_lines_max(s, width, ERROR_LINES);
}

/* A field's message with its mark; caller frees. */
static char *marked(const char *msg)
{
    char *s = NULL;
    return asprintf(&s, ERROR_MARK "%s", msg) < 0 ? NULL : s;
}

static int error_lines(const char *msg, int width)
{
    if (!msg)
        return 0;
    char *s = marked(msg);
    int n = s ? wrap_lines(s, width) : 1;
    free(s);
    return n;
}

/* A fixed value (what a step is about: the complaint, the reply being
 * called back about) is read whole, over a few lines, not cut at one. */
#define FIXED_LINES 4

/* A fixed value laid out width cells wide, its line breaks kept (the
 * findings a rectification reports on, one per line): its lines, at most
 * max; drawn from window line y when w is not NULL (those within 1 ..
 * inner), the last ending in "…" when the text runs on. */
static int fixed_layout(WINDOW *w, int y, int inner, int x, int width, const char *text, int max)
{
    char *clean = xf_text_sanitize(text, true);
    const char *p = clean ? clean : "";
    int n = 0;
    while (*p && n < max && width > 0) {
        size_t plen = strcspn(p, "\n");
        char *para = strndup(p, plen);
        const char *q = para ? para : "";
        do { /* an empty paragraph is an empty line */
            size_t len = xf_text_wrap_line(q, width);
            bool last = n == max - 1, more = q[len] || p[plen];
            if (w && y + n >= 1 && y + n <= inner) {
                char *line = NULL;
                if (asprintf(&line, "%.*s%s", last && more ? (int)strlen(q) : (int)len, q,
                             last && more && !q[len] ? " \u2026" : "") >= 0)
                    xf_draw_text(w, y + n, x, width, line, A_NORMAL);
                free(line);
            }
            n++;
            q += len;
            while (*q == ' ')
                q++;
        } while (*q && n < max);
        free(para);
        p += plen;
        if (*p == '\n')
            p++;
    }
    free(clean);
    return n ? n : 1;
}

static int fixed_max(const struct xf_form_field *f)
{
    return f->lines > 0 ? f->lines : FIXED_LINES;
}

static int value_lines(const struct xf_form_field *f, int value_w)
{
    if (f->kind == XF_FIELD_MULTILINE)
        return MULTI_LINES;
    return fixed_field(f) ? fixed_layout(NULL, 0, 0, 0, value_w, f->choices[0], fixed_max(f)) : 1;
}

static int field_lines(const struct xf_form_field *f, int value_w)
{
    return value_lines(f, value_w) + error_lines(f->error, value_w);
}

static int form_lines(const struct xf_form *f, int value_w, int msg_w)
{
    int n = 0;
    for (int i = 0; i < f->n; i++)
        n += field_lines(&f->fields[i], value_w);
    /* + blank + key hint */
    return n + (f->error ? wrap_lines_max(f->error, msg_w, FORM_ERROR_LINES) : 0) + 2;
}

static int line_of(const struct xf_form *f, int field, int value_w)
{
    int y = 0;
    for (int i = 0; i < field; i++)
        y += field_lines(&f->fields[i], value_w);
    return y;
}

static void compute_geom(const struct xf_form *f, struct geom *g)
{
    int rows = LINES, cols = COLS;
    g->w = cols - 4 < 76 ? cols - 4 : 76;
    g->label_w = 0;
    for (int i = 0; i < f->n; i++) {
        int lw = xf_text_width(f->fields[i].label);
        g->label_w = lw > g->label_w ? lw : g->label_w;
    }
    /* Labels whole ("Revocation candidates") where there is room; on a
     * narrow screen the values keep at least three fifths of it. */
    int cap = g->w * 2 / 5 < LABEL_MAX ? g->w * 2 / 5 : LABEL_MAX;
    g->label_w = g->label_w > cap ? cap : g->label_w;
    g->value_w = g->w - (2 + g->label_w + 2) - 2;
    g->h = form_lines(f, g->value_w, g->w - 4) + 2;
    if (g->h > rows - 2)
        g->h = rows - 2;
    g->y = (rows - g->h) / 2;
    g->x = (cols - g->w) / 2;
    int row = f->beside - 1; /* the tab bar and the status line stay in view */
    if (row >= 0 && row < rows && g->y <= row && row < g->y + g->h) {
        if (row + 1 + g->h <= rows - 1)
            g->y = row + 1;
        else if (row - g->h >= 1)
            g->y = row - g->h;
    }
    g->fields_h = g->h - 4 - (f->error ? wrap_lines_max(f->error, g->w - 4, FORM_ERROR_LINES) : 0);
    if (g->fields_h < 1)
        g->fields_h = 1;
    int inner = g->fields_h, fy = line_of(f, f->focus, g->value_w);
    int fh = field_lines(&f->fields[f->focus], g->value_w);
    /* No empty rows below the last field while fields above are hidden:
     * a form scrolled on a small screen comes back whole when it grows. */
    int total = line_of(f, f->n - 1, g->value_w) + field_lines(&f->fields[f->n - 1], g->value_w);
    if (g->top > total - inner)
        g->top = total - inner > 0 ? total - inner : 0;
    if (fy < g->top)
        g->top = fy;
    /* A field taller than the room keeps its first line (its label) in
     * view, cut below: scrolled to its last line, a text box began above
     * the form and was not drawn at all. */
    if (fy + fh > g->top + inner)
        g->top = fh > inner ? fy : fy + fh - inner;
}

/* ---- drawing ---------------------------------------------------------------- */

/* The part of a single-line value that keeps the cursor in view: the
 * width before the cursor taken once, then less each character dropped
 * (measured again from each start, 2,000 pasted characters took 20 s). */
static size_t scroll_start(const struct xf_edit *e, int width)
{
    size_t start = 0;
    int cells = xf_edit_cursor_cells(e, 0);
    while (start < e->cur && cells > width - 1) {
        unsigned cp;
        size_t n = xf_utf8_decode(e->buf + start, e->len - start, &cp);
        cells -= xf_cp_width(cp);
        start += n ? n : 1;
    }
    return start;
}

static void draw_line_value(WINDOW *w, int y, int x, int vw, const struct xf_form_field *f,
                            bool focus, int *cur_y, int *cur_x)
{
    attr_t a = focus ? A_UNDERLINE | A_BOLD : A_UNDERLINE;
    /* Selected, as the value the next character typed replaces. */
    if (f->fresh && focus)
        a |= A_REVERSE;
    switch (f->kind) {
    case XF_FIELD_CHOICE:
        if (f->choices && f->choices[0] && !f->choices[1]) /* fixed: nothing to choose */
            xf_draw_text(w, y, x, vw, f->choices[0], a);
        else
            xf_draw_printf(w, y, x, vw, a, "\u2039 %s \u203a",
                           f->choices && f->choices[0] ? f->choices[f->choice] : "");
        break;
    case XF_FIELD_YESNO:
        xf_draw_text(w, y, x, vw, f->choice ? _("yes") : _("no"), a);
        break;
    default: {
        /* A chosen value is not edited but replaced (a key opens the
         * picker): it is read from its start, code and title first,
         * wherever the cursor was left. */
        bool chosen = f->kind == XF_FIELD_PICK;
        size_t start = focus && !chosen ? scroll_start(&f->text, vw) : 0;
        xf_draw_text(w, y, x, vw, xf_form_text(f) + start, a);
        if (focus) {
            *cur_y = y;
            *cur_x = chosen ? x : x + xf_edit_cursor_cells(&f->text, start);
        }
    }
    }
}

/* Multi-line text laid out vw cells wide: the place of the next character
 * (row, col), before it is laid. */
struct mwalk {
    size_t i;
    int row, col;
    unsigned prev; /* the character before */
};

/* A character of an English word, a number, a date or a code: printable
 * ASCII but the space. Its punctuation belongs to the run ("failed:",
 * "2026-08-27", "XJ-20260827-0001" were cut at a colon or a dash). */
static bool ascii_word(unsigned cp)
{
    return cp > ' ' && cp < 0x7f;
}

/* The cells of the run of word characters starting at i. */
static int run_width(const struct xf_edit *e, size_t i)
{
    int w = 0;
    while (i < e->len && ascii_word((unsigned char)e->buf[i]))
        i++, w++;
    return w;
}

/* Lays the character at m->i: *at_row, *at_col where it is drawn; false
 * for a line break (nothing drawn). m moves past it; returns its bytes. */
static size_t mwalk_step(const struct xf_edit *e, int vw, struct mwalk *m, int *at_row,
                         int *at_col, bool *drawn)
{
    unsigned cp, next = 0;
    size_t n = xf_utf8_decode(e->buf + m->i, e->len - m->i, &cp);
    int cw = xf_cp_width(cp);
    if (m->i + n < e->len)
        xf_utf8_decode(e->buf + m->i + n, e->len - m->i - n, &next);
    /* A closing mark (，。；) that would start the next line takes the
     * character before it along, as printed Chinese does. */
    bool carry = m->col > 0 && cp != '\n' && xf_cp_closes(next) && !xf_cp_closes(cp) &&
                 m->col + cw <= vw && m->col + cw + xf_cp_width(next) > vw;
    /* A word, number or code that would be cut at the line's end starts
     * the next line whole (压缩1 | 5个工作日). */
    if (ascii_word(cp) && !ascii_word(m->prev) && m->col > 0) {
        int rw = run_width(e, m->i);
        carry |= m->col + rw > vw && rw <= vw;
    }
    /* A space that ends a full line stays at its end, undrawn: the next
     * line began with it, one cell in. */
    bool hangs = cp == ' ' && m->col > 0 && m->col + cw > vw && m->col <= vw;
    m->prev = cp;
    *drawn = cp != '\n' && !hangs;
    if (!hangs && (cp == '\n' || m->col + cw > vw || carry)) {
        m->row++;
        m->col = 0;
    }
    *at_row = m->row;
    *at_col = m->col;
    if (*drawn)
        m->col += cw;
    m->i += n;
    return n;
}

/* Lays out multi-line text by cells, drawing the lines top ..
 * top + MULTI_LINES - 1 when w is not NULL, none below window line
 * max_y; returns the cursor's line. *rows (when not NULL): how many
 * lines the text takes, the cursor's among them. */
static int layout_multi(WINDOW *w, int y, int max_y, int x, int vw, const struct xf_edit *e,
                        int top, bool focus, int *ccol, int *rows)
{
    struct mwalk m = {0};
    int crow = 0;
    for (;;) {
        if (m.i == e->cur) {
            crow = m.row;
            *ccol = m.col;
            /* After a line filled to its last cell the next character
             * goes at the start of the next line: the cursor is shown
             * there, not on that last cell (over its character). */
            if (m.col >= vw) {
                crow = m.row + 1;
                *ccol = 0;
            }
        }
        if (m.i >= e->len)
            break;
        size_t at = m.i;
        int r, c;
        bool drawn;
        size_t n = mwalk_step(e, vw, &m, &r, &c, &drawn);
        if (w && drawn && r >= top && r < top + MULTI_LINES && y + r - top <= max_y) {
            wattrset(w, A_UNDERLINE | (focus ? A_BOLD : 0));
            mvwaddnstr(w, y + r - top, x + c, e->buf + at, (int)n);
            wattrset(w, A_NORMAL);
        }
    }
    if (rows)
        *rows = (crow > m.row ? crow : m.row) + 1;
    return crow;
}

/* Up and Down in a multi-line field move a line within it, to the column
 * nearest the cursor's; false at its first (last) line, where they go to
 * the field before (after). They left it at once, typing then landing in
 * the field above. */
static bool multi_line_move(const struct xf_form *f, struct xf_form_field *fd, int d)
{
    struct geom g;
    compute_geom(f, &g);
    struct xf_edit *e = &fd->text;
    int ccol = 0, crow = layout_multi(NULL, 0, 0, 0, g.value_w, e, 0, false, &ccol, NULL);
    struct mwalk m = {0};
    size_t le = SIZE_MAX, first = SIZE_MAX;
    for (;;) { /* the cursor's places on the row wanted */
        if (m.row == crow + d && first == SIZE_MAX)
            first = m.i;
        if (m.row == crow + d && m.col <= ccol)
            le = m.i;
        if (m.i >= e->len || m.row > crow + d)
            break;
        int r, c;
        bool drawn;
        mwalk_step(e, g.value_w, &m, &r, &c, &drawn);
    }
    if (crow + d < 0 || first == SIZE_MAX)
        return false;
    e->cur = le != SIZE_MAX ? le : first;
    return true;
}

/* "↑ 3 more" in the label column beside the box, or "↑3" where the
 * label column is too narrow for it. */
static void draw_more_mark(WINDOW *w, int y, int width, const char *arrow, int n)
{
    char *s = NULL;
    if (asprintf(&s, _("%s %d more"), arrow, n) < 0)
        return;
    if (xf_text_width(s) > width) {
        free(s);
        if (asprintf(&s, "%s%d", arrow, n) < 0)
            return;
    }
    xf_draw_text(w, y, 2, width, s, xf_draw_attr(XF_C_DIM));
    free(s);
}

/* Both counts on one line: "↑ 2 ↓ 3 more", or "↑2↓3" where the label
 * column is too narrow for it. */
static void draw_more_marks(WINDOW *w, int y, int width, int above, int below)
{
    char *s = NULL;
    if (asprintf(&s, _("\u2191 %d \u2193 %d more"), above, below) < 0)
        return;
    if (xf_text_width(s) > width) {
        free(s);
        if (asprintf(&s, "\u2191%d\u2193%d", above, below) < 0)
            return;
    }
    xf_draw_text(w, y, 2, width, s, xf_draw_attr(XF_C_DIM));
    free(s);
}

/* Multi-line text, scrolled only as far as keeps the cursor's line in
 * view (typed text is still seen where it is typed), from its first line
 * when the field is left. Lines out of view are counted beside the box:
 * findings past its four lines read as the whole text. */
static int draw_multi_value(WINDOW *w, int y, int max_y, int x, int vw, int label_w,
                            struct xf_form_field *f, bool focus, int *cur_y, int *cur_x)
{
    const struct xf_edit *e = &f->text;
    int ccol = 0, rows = 1;
    int crow = layout_multi(NULL, y, max_y, x, vw, e, 0, focus, &ccol, &rows);
    /* On a very short screen the box is cut at the fields' last line
     * rather than drawn over the key hint and the border; the text
     * scrolls within the lines left, the cursor's in view. */
    int shown = 0;
    for (int r = 0; r < MULTI_LINES && y + r <= max_y; r++, shown++)
        xf_draw_fill(w, y + r, x, vw, A_UNDERLINE);
    int fit = shown > 0 ? shown : 1;
    int top = focus ? f->top : 0;
    if (top > rows - fit)
        top = rows - fit;
    if (focus && crow >= top + fit)
        top = crow - fit + 1;
    if (focus && crow < top)
        top = crow;
    top = top > 0 ? top : 0;
    f->top = top;
    layout_multi(w, y, max_y, x, vw, e, top, focus, &ccol, NULL);
    int below = rows - top - shown;
    /* Two lines shown leave one line under the label for both counts:
     * drawn there one after the other, the second hid the first. */
    if (top > 0 && below > 0 && shown == 2)
        draw_more_marks(w, y + 1, label_w + 1, top, below);
    else {
        if (top > 0 && shown > 1)
            draw_more_mark(w, y + 1, label_w + 1, "\u2191", top);
        if (below > 0 && shown > 1)
            draw_more_mark(w, y + shown - 1, label_w + 1, "\u2193", below);
    }
    if (focus) {
        *cur_y = y + crow - top <= max_y ? y + crow - top : max_y;
        *cur_x = x + (ccol < vw ? ccol : vw - 1);
    }
    return crow;
}

/* s wrapped from line y on, lines 1..inner only; its last line ends in
 * "…" when there is more than fits. */
static void draw_wrapped(WINDOW *w, int y, int x, int width, int inner, int max, const char *s)
{
    int n = wrap_lines_max(s, width, max);
    const char *p = s;
    for (int i = 0; i < n && *p; i++, y++) {
        size_t len = i == n - 1 ? strlen(p) : xf_text_wrap_line(p, width);
        if (y >= 1 && y <= inner)
            xf_draw_printf(w, y, x, width, xf_draw_attr(XF_C_ALERT), "%.*s", (int)len, p);
        p += len;
        while (*p == ' ')
            p++;
    }
}

static void draw_error(WINDOW *w, const struct geom *g, int ey, int vx, const char *msg)
{
    char *s = marked(msg);
    if (s)
        draw_wrapped(w, ey, vx, g->value_w, g->fields_h, ERROR_LINES, s);
    free(s);
}

static void draw_field(WINDOW *w, const struct geom *g, int line, struct xf_form_field *f,
                       bool focus, int *cur_y, int *cur_x)
{
    int inner = g->fields_h, y = line - g->top + 1;
    int vx = 2 + g->label_w + 2, vw = g->value_w;
    if (y >= 1 && y <= inner) {
        attr_t la = focus ? xf_draw_attr(XF_C_TITLE) : A_NORMAL;
        /* The field keys go to, marked in the margin as well as by its
         * colour: one mark that a monochrome terminal shows too. */
        if (focus)
            xf_draw_text(w, y, 1, 1, "\u203a", la | A_BOLD);
        xf_draw_printf(w, y, 2, g->label_w + 1, la, "%s%s", f->label, f->required ? "*" : "");
        if (f->kind == XF_FIELD_MULTILINE)
            draw_multi_value(w, y, inner, vx, vw, g->label_w, f, focus, cur_y, cur_x);
        else if (!fixed_field(f) || value_lines(f, vw) == 1)
            draw_line_value(w, y, vx, vw, f, focus, cur_y, cur_x);
    }
    if (fixed_field(f) && value_lines(f, vw) > 1) {
        int shown = fixed_layout(w, y, inner, vx, vw, f->choices[0], fixed_max(f));
        /* what the "…" leaves out, counted beside it as in a text box
         * (fourteen findings read as five) */
        int all = fixed_layout(NULL, 0, 0, 0, vw, f->choices[0], INT_MAX);
        int at = y + shown - 1;
        if (all > shown && shown > 1 && at >= 1 && at <= inner)
            draw_more_mark(w, at, g->label_w + 1, "\u2193", all - shown);
    }
    if (f->error)
        draw_error(w, g, y + value_lines(f, vw), vx, f->error);
}

/* The last field Tab reaches (fixed ones are passed over), where Enter
 * saves: a fixed field after it (the verifier under a pledge kept) made
 * Enter there go round to the first instead. */
static bool on_last_open(const struct xf_form *f)
{
    for (int i = f->n - 1; i > f->focus; i--)
        if (!fixed_field(&f->fields[i]))
            return false;
    return true;
}

/* Enter saves (submits) the form: on the last field, one line long (in
 * text of several lines it starts a new line; on a chosen record it opens
 * the search again). */
static bool enter_saves(const struct xf_form *f)
{
    const struct xf_form_field *fd = &f->fields[f->focus];
    return on_last_open(f) && fd->kind != XF_FIELD_MULTILINE && fd->kind != XF_FIELD_PICK;
}

static void draw_form(WINDOW *w, const struct xf_form *f, const struct geom *g)
{
    int cur_y = -1, cur_x = -1, line = 0;
    werase(w);
    box(w, 0, 0);
    /* On a short screen the form scrolls with the focus: the border says
     * that fields lie above or below what is shown. */
    const char *up = _(" \u2191 more "), *down = _(" \u2193 more ");
    int uw = g->top > 0 ? xf_text_width(up) + 1 : 0;
    int tw = xf_text_width(f->title) + 2, room = g->w - 4 - uw;
    /* Cut short, it still ends in a space before the border, as whole. */
    xf_draw_printf(w, 0, 2, tw < room ? tw : room - 1, xf_draw_attr(XF_C_TITLE), " %s ",
                   f->title);
    if (tw >= room && room > 1)
        xf_draw_text(w, 0, 2 + room - 1, 1, " ", xf_draw_attr(XF_C_TITLE));
    for (int i = 0; i < f->n; i++) {
        draw_field(w, g, line, &f->fields[i], i == f->focus, &cur_y, &cur_x);
        line += field_lines(&f->fields[i], g->value_w);
    }
    if (g->top > 0)
        xf_draw_text(w, 0, g->w - 2 - xf_text_width(up), xf_text_width(up), up,
                     xf_draw_attr(XF_C_DIM));
    if (line - g->top > g->fields_h)
        xf_draw_text(w, g->h - 1, g->w - 2 - xf_text_width(down), xf_text_width(down), down,
                     xf_draw_attr(XF_C_DIM));
    if (f->error)
        draw_wrapped(w, g->h - 2 - wrap_lines_max(f->error, g->w - 4, FORM_ERROR_LINES), 2,
                     g->w - 4, g->h - 2, FORM_ERROR_LINES, f->error);
    const struct xf_form_field *fd = &f->fields[f->focus];
    /* A one-line prompt (a search) is not "saved": Enter does it. A form
     * of one field that saves (a note, a reason) says it saves. */
    bool prompt = f->prompt && fd->kind != XF_FIELD_MULTILINE && fd->kind != XF_FIELD_PICK;
    int open = 0; /* fields Tab goes to: not the fixed ones */
    for (int i = 0; i < f->n; i++)
        open += !fixed_field(&f->fields[i]);
    /* Where Enter saves, the hint says so: it saved there unannounced. */
    bool enter = enter_saves(f);
    const char *help = prompt ? _("Enter confirms · Esc cancels")
                       : fd->kind == XF_FIELD_PICK && fd->pick && fd->picked && f->next_step
                           ? _("Tab next · Enter change · Backspace clear · F2 continue · "
                               "Esc cancel")
                       : fd->kind == XF_FIELD_PICK && fd->pick && fd->picked && f->applies
                           ? _("Tab next field · Enter change · Backspace clear · F2 apply · "
                               "Esc cancel")
                       : fd->kind == XF_FIELD_PICK && fd->pick && fd->picked
                           ? _("Tab next field · Enter change · Backspace clear · F2 save · Esc cancel")
                       : f->next_step && enter
                           ? _("Tab next field · Enter, F2 or Ctrl-S continue · Esc cancel")
                       : f->next_step ? _("Tab next field · F2 or Ctrl-S continue · Esc cancel")
                       : open == 1 && f->applies && enter
                           ? _("Enter, F2 or Ctrl-S apply · Esc cancel")
                       : open == 1 && f->applies ? _("F2 or Ctrl-S apply · Esc cancel")
                       : open == 1 && enter ? _("Enter, F2 or Ctrl-S save · Esc cancel")
                       : open == 1 ? _("F2 or Ctrl-S save · Esc cancel") /* no field to Tab to */
                       : f->applies && enter
                           ? _("Tab next field · Enter, F2 or Ctrl-S apply · Esc cancel")
                       : f->applies ? _("Tab next field · F2 or Ctrl-S apply · Esc cancel")
                       : enter ? _("Tab next field · Enter, F2 or Ctrl-S save · Esc cancel")
                               : _("Tab next field · F2 or Ctrl-S save · Esc cancel");
    xf_draw_text(w, g->h - 2, 2, g->w - 4, help, xf_draw_attr(XF_C_DIM));
    curs_set(cur_y >= 0 ? 1 : 0);
    if (cur_y >= 0)
        wmove(w, cur_y, cur_x);
    wnoutrefresh(w);
}

/* ---- keys ------------------------------------------------------------------------- */

enum outcome { GO_ON, SUBMITTED, CANCELLED };

/* A choice of one (the post and quarter of an evaluation being
 * corrected) is fixed: nothing to do there, and keys typed on it would
 * vanish. */
static bool fixed_field(const struct xf_form_field *fd)
{
    return fd->kind == XF_FIELD_CHOICE && fd->choices && fd->choices[0] && !fd->choices[1];
}

/* Tab and Shift-Tab go round; ↑ and ↓ (wrap false) stop at the first
 * and the last field: ↑ from the first landed on the last, and the date
 * meant for the first field went into the reason. */
static void move_focus_wrap(struct xf_form *f, int delta, bool wrap)
{
    int to = f->focus;
    for (int i = 0; i < f->n; i++) {
        if (!wrap && (to + delta < 0 || to + delta >= f->n)) {
            to = f->focus;
            break;
        }
        to = (to + delta + f->n) % f->n;
        if (!fixed_field(&f->fields[to]))
            break;
    }
    /* The form's one field to fill is not left: Tab or Shift-Tab there
     * said "required" of a field the user had not begun. */
    if (to == f->focus)
        return;
    complete_date(&f->fields[f->focus]);
    xf_form_validate(f, f->focus);
    f->focus = to;
}

static void move_focus(struct xf_form *f, int delta)
{
    move_focus_wrap(f, delta, true);
}

static int pick_run(struct xf_ui *ui, struct xf_form *f, int first_key);

/* A number takes one digit more than its field holds, so that it cannot
 * be saved: its first digits alone are another number (99999999999999999999
 * samples were saved as 999999999). */
static bool number_too_long(struct xf_form_field *fd, int key)
{
    char *msg = NULL;
    if ((int)xf_edit_chars(&fd->text) > max_chars(fd) ||
        xf_edit_insert(&fd->text, (unsigned)key) != XF_OK ||
        asprintf(&msg, _("at most %d digits: a number this long is not taken"), max_chars(fd)) < 0)
        return false;
    free(fd->error);
    fd->error = msg;
    fd->submit_error = false;
    return true;
}

static bool edit_key(struct xf_form_field *fd, int key)
{
    struct xf_edit *e = &fd->text;
    switch (key) {
    case XF_FKEY(KEY_BACKSPACE): case 127: case 8: xf_edit_backspace(e); return true;
    case XF_FKEY(KEY_DC): xf_edit_delete(e); return true;
    case XF_CTRL('U'): xf_edit_kill_before(e); return true;
    case XF_CTRL('K'): xf_edit_kill_after(e); return true;
    case XF_FKEY(KEY_LEFT): xf_edit_left(e); return false;
    case XF_FKEY(KEY_RIGHT): xf_edit_right(e); return false;
    case XF_FKEY(KEY_HOME): case XF_CTRL('A'): xf_edit_home(e); return false;
    case XF_FKEY(KEY_END): case XF_CTRL('E'): xf_edit_end(e); return false;
    default: break;
    }
    if (XF_IS_FKEY(key) || key < 0x20)
        return false;
    /* Bytes that are not UTF-8 (a client sending GBK) arrive as U+FFFD:
     * saved, they were "����" in the record for good. */
    if (key == 0xFFFD) {
        fd->bad_bytes = true;
        set_error(&fd->error, not_utf8());
        fd->submit_error = false;
        return false;
    }
    /* Chinese input methods type full-width digits and hyphens: in number
     * and date fields, and in a phone number, they mean the ASCII ones. */
    bool when = fd->kind == XF_FIELD_DATETIME;
    if (fd->kind == XF_FIELD_DATE || fd->kind == XF_FIELD_INT || fd->halfwidth || when) {
        if (key >= 0xFF10 && key <= 0xFF19)
            key = '0' + (key - 0xFF10);
        else if (key == 0xFF0D)
            key = '-';
        else if (when && key == 0xFF1A) /* ： */
            key = ':';
        else if (when && key == 0x3000)
            key = ' ';
        else if (fd->halfwidth && key == 0xFF0B)
            key = '+';
        else if (fd->halfwidth && key == 0xFF0E)
            key = '.';
        else if (fd->halfwidth && key == 0x3000)
            key = ' ';
    }
    /* 2026/11/01, 2026.11.01 and 2026年11月1日 are dates as people write
     * them; the 日 (or 号) that ends one adds nothing. */
    if (fd->kind == XF_FIELD_DATE && (key == '/' || key == '.' || key == 0xFF0F ||
                                      key == 0xFF0E || key == 0x5E74 || key == 0x6708))
        key = '-';
    else if (when && (key == '/' || key == 0xFF0F || key == 0x5E74 || key == 0x6708))
        key = '-'; /* not '.': 14.30 is no day */
    else if ((fd->kind == XF_FIELD_DATE || when) && (key == 0x65E5 || key == 0x53F7)) /* 日, 号 */
        return false;
    /* Anything else is kept as typed, with the reason beside the field
     * until it is put right: a character refused in silence turned 3.5
     * into 35, the message gone with the next key. */
    bool stray = (fd->kind == XF_FIELD_DATE || fd->kind == XF_FIELD_INT) &&
                 !(key == '-' || (key >= '0' && key <= '9'));
    /* Full: said at once, not at F2 after 20,000 pasted characters, when
     * nobody can tell how much to cut. */
    if (fd->kind == XF_FIELD_INT && (int)xf_edit_chars(e) >= max_chars(fd))
        return number_too_long(fd, key);
    if ((int)xf_edit_chars(e) >= max_chars(fd)) {
        char *msg = NULL;
        if (asprintf(&msg, _("at most %d characters: what came after was not taken"),
                     max_chars(fd)) >= 0) {
            free(fd->error);
            fd->error = msg;
            fd->submit_error = false;
        }
        return false;
    }
    /* A number field's 0 stands for "none yet": the first digit typed
     * takes its place (3 read 03). */
    if (fd->kind == XF_FIELD_INT && key >= '1' && key <= '9' && !strcmp(xf_form_text(fd), "0")) {
        xf_edit_end(e);
        xf_edit_kill_before(e);
    }
    if (xf_edit_insert(e, (unsigned)key) != XF_OK)
        return false;
    if (stray) {
        free(fd->error);
        fd->error = strdup(fd->kind == XF_FIELD_DATE
                               ? _("not a date: write it as YYYY-MM-DD, in digits and -")
                               : _("not a whole number: digits only"));
        fd->submit_error = false;
    }
    return true;
}

static bool choice_key(struct xf_form_field *fd, int key)
{
    int n = 0;
    if (fd->kind == XF_FIELD_YESNO) {
        if (key == 'y' || key == 'n') {
            fd->choice = key == 'y';
            return true;
        }
        n = 2;
    } else
        while (fd->choices && fd->choices[n])
            n++;
    if (n == 0)
        return false;
    if (key == XF_FKEY(KEY_RIGHT) || key == ' ')
        fd->choice = (fd->choice + 1) % n;
    else if (key == XF_FKEY(KEY_LEFT))
        fd->choice = (fd->choice + n - 1) % n;
    else
        return false;
    return true;
}

/* Spaces around a typed text are never meant ("  已补挂" saved with them
 * reads oddly everywhere): ASCII white space and the ideographic space
 * U+3000 of Chinese input methods go before the checks. */
static bool space_at(const char *p, size_t *len)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        *len = 1;
        return true;
    }
    if ((unsigned char)p[0] == 0xe3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x80) {
        *len = 3;
        return true;
    }
    return false;
}

static void trim_field(struct xf_form_field *fd)
{
    const char *s = fd->text.buf ? fd->text.buf : "";
    size_t n, start = 0, end = strlen(s);
    while (start < end && space_at(s + start, &n))
        start += n;
    for (bool more = true; more && end > start;) {
        more = false;
        if (end - start >= 3 && space_at(s + end - 3, &n) && n == 3)
            end -= 3, more = true;
        else if (space_at(s + end - 1, &n) && n == 1)
            end -= 1, more = true;
    }
    if (start == 0 && end == strlen(s))
        return;
    char *t = strndup(s + start, end - start);
    if (t)
        xf_edit_set(&fd->text, t);
    free(t);
}

static enum outcome submit(struct xf_ui *ui, struct xf_form *f)
{
    for (int i = 0; i < f->n; i++)
        if (f->fields[i].kind == XF_FIELD_TEXT || f->fields[i].kind == XF_FIELD_MULTILINE ||
            f->fields[i].kind == XF_FIELD_DATETIME)
            trim_field(&f->fields[i]);
    bool same = f->base != NULL;
    for (int i = 0; same && i < f->n; i++)
        same = same_value(&f->fields[i], &f->base[i]);
    if (same) {
        f->unchanged = true;
        return CANCELLED;
    }
    int bad = validate_all(f);
    set_error(&f->error, NULL);
    f->error_names_field = false;
    if (bad >= 0) {
        /* Named, where the cursor went: the user typed on into the field
         * they had been in, the date landing in the reason. */
        char *msg = NULL;
        refocus_refused(f, bad);
        const char *label = f->fields[bad].label; /* "  respondents": under its score */
        if (asprintf(&msg, _("Not saved: %s — %s. The cursor is in that field."),
                     label + strspn(label, " "),
                     f->fields[bad].error ? f->fields[bad].error : "") >= 0)
            set_error(&f->error, msg);
        f->error_names_field = msg != NULL;
        free(msg);
        return GO_ON;
    }
    struct xf_error err = {0};
    if (!f->submit || f->submit(f->arg, f, &err) == XF_OK)
        return SUBMITTED;
    for (int i = 0; i < f->n; i++)
        if (err.field[0] && f->fields[i].name && strcmp(err.field, f->fields[i].name) == 0) {
            set_error(&f->fields[i].error, err.msg);
            f->fields[i].submit_error = true;
            refocus_refused(f, i);
            return GO_ON;
        }
    /* Not one of the form's fields: the message alone (a column name
     * such as "version" means nothing to the user), as a sentence. */
    char alone[sizeof err.msg];
    xf_ui_err_sentence(&err, alone, sizeof alone);
    char *both = NULL;
    struct xf_error why = {0};
    /* Nothing is ever deleted: a record an open form edits is gone only
     * when the database was restored from a backup older than it ("no
     * complaint #302" said nothing of that). */
    if (err.code == XF_ENOTFOUND && f->reload) {
        /* the form's title names the record: "#301" meant nothing */
        both = strdup(_("This record is no longer in the database (a restore from an earlier "
                        "backup takes away what was added since); Esc closes the form."));
        f->dead = true;
    }
    /* A restore since the form was opened: a reload would read what may
     * be another record now (its id given again), and be refused all the
     * same until the form is closed. */
    int64_t restored = 0;
    if (err.code == XF_ECONFLICT &&
        xf_restore_unseen(xf_ui_ctx(ui), &restored, &why) == XF_OK && restored) {
        if (asprintf(&both, _("%s Esc closes the form."), alone) < 0)
            both = NULL;
        f->dead = f->restored = true;
    } else if (err.code == XF_ECONFLICT && f->reload) {
        int rc = f->reload(f->arg, f, &why);
        /* The key the form's own footer names: a one-line form (the day
         * a post is published) says Enter, not F2. */
        const struct xf_form_field *one = &f->fields[0];
        bool prompt = f->n == 1 && one->kind != XF_FIELD_MULTILINE && one->kind != XF_FIELD_PICK;
        if (rc == XF_OK &&
            asprintf(&both,
                     prompt ? _("%s — reloaded: Enter applies your entry to the record as it is "
                                "now; Esc leaves it.")
                            : _("%s — reloaded: F2 applies your entries to the record as "
                                "it is now; Esc leaves it."),
                     alone) < 0)
            both = NULL;
        else if (rc != XF_OK && why.msg[0] && asprintf(&both, "%s — %s", alone, why.msg) < 0)
            both = NULL;
        /* Not for a passing fault (busy, I/O): the next F2 may yet save. */
        f->dead = rc == XF_ESTATE || rc == XF_ENOTFOUND || rc == XF_EPERM;
    }
    set_error(&f->error, both ? both : alone);
    free(both);
    return GO_ON;
}

static bool is_clear_key(int key)
{
    return key == XF_FKEY(KEY_BACKSPACE) || key == 127 || key == 8 || key == XF_FKEY(KEY_DC) ||
           key == XF_CTRL('U');
}

/* Backspace, Delete or Ctrl-U on a chosen post or unit takes the choice
 * back (Enter or a typed character opens the picker; a line-editing key
 * such as Ctrl-A or an arrow does nothing there). A fixed value has no
 * picker and stays. */
static bool pick_clear_value(struct xf_form_field *fd)
{
    if (!fd->pick || fd->picked == 0)
        return false;
    fd->picked = 0;
    xf_edit_set(&fd->text, "");
    return true;
}

/* Keys that leave the focused field's value as it is: to another field,
 * to save, to close. A value filled in before (fresh) stays replaceable
 * past them. */
static bool passes_over(int key)
{
    return key == XF_KEY_TAB || key == XF_FKEY(KEY_BTAB) || key == XF_FKEY(KEY_UP) ||
           key == XF_FKEY(KEY_DOWN) || key == XF_FKEY(KEY_F(2)) || key == XF_CTRL('S') ||
           key == XF_KEY_ESC || is_enter(key);
}

static enum outcome form_key(struct xf_ui *ui, struct xf_form *f, int key)
{
    struct xf_form_field *fd = &f->fields[f->focus];
    /* A date or number filled in before (the record's, a default), shown
     * selected: the first character typed replaces it (a date typed over
     * 2026-12-10 read 2026-12-102026-12-05), a key that edits (← → Home
     * End Backspace) keeps it to edit. */
    bool fresh = fd->fresh;
    if (!passes_over(key) || fd->kind == XF_FIELD_MULTILINE)
        fd->fresh = false;
    if (fresh && !XF_IS_FKEY(key) && key >= 0x20 && key != 0x7f && replaceable(f, fd)) {
        xf_edit_end(&fd->text);
        xf_edit_kill_before(&fd->text);
    }
    /* A pasted line break stays in the field: a new line where the field
     * has lines, a space where it has one. */
    if (key == XF_KEY_PASTE_NL) {
        if (fd->kind == XF_FIELD_MULTILINE) {
            f->edited |= xf_edit_newline(&fd->text) == XF_OK;
            return GO_ON;
        }
        key = ' ';
    }
    if (key == XF_FKEY(KEY_F(2)) || key == XF_CTRL('S'))
        return submit(ui, f);
    /* Nothing typed would be saved by a form that can no longer save. */
    if (key == XF_KEY_ESC)
        return !changed_since(f) || f->dead || f->prompt ||
                       xf_form_confirm(ui, _("Discard your changes?"))
                   ? CANCELLED
                   : GO_ON;
    if ((key == XF_FKEY(KEY_DOWN) || key == XF_FKEY(KEY_UP)) && fd->kind == XF_FIELD_MULTILINE &&
        multi_line_move(f, fd, key == XF_FKEY(KEY_DOWN) ? 1 : -1))
        return GO_ON;
    if (key == XF_KEY_TAB || key == XF_FKEY(KEY_DOWN) || key == XF_FKEY(KEY_BTAB) ||
        key == XF_FKEY(KEY_UP)) {
        move_focus_wrap(f, key == XF_KEY_TAB || key == XF_FKEY(KEY_DOWN) ? 1 : -1,
                        key == XF_KEY_TAB || key == XF_FKEY(KEY_BTAB));
        return GO_ON;
    }
    if (is_enter(key) && fd->kind == XF_FIELD_MULTILINE) {
        f->edited |= xf_edit_newline(&fd->text) == XF_OK;
        return GO_ON;
    }
    if (is_enter(key) && fd->kind != XF_FIELD_PICK) {
        if (enter_saves(f))
            return submit(ui, f);
        move_focus(f, 1);
        return GO_ON;
    }
    bool changed, advance = false;
    if (fd->kind == XF_FIELD_PICK && is_clear_key(key))
        changed = pick_clear_value(fd);
    else if (fd->kind == XF_FIELD_PICK && !is_enter(key) && (XF_IS_FKEY(key) || key < 0x20))
        changed = false;
    else if (fd->kind == XF_FIELD_PICK && fd->picked && !is_enter(key)) {
        /* Typing on a chosen value opened a search in its place, and the
         * Tab meant to leave the field chose again: a score of 88 typed
         * a field too early swapped the post for XFG-00088. Enter
         * changes a choice, as the hint says. */
        changed = false;
        free(fd->error);
        fd->error = strdup(_("already chosen: Enter changes it, Backspace clears it, Tab goes to "
                             "the next field"));
        fd->submit_error = false;
    }
    else if (fd->kind == XF_FIELD_PICK) {
        int picked = pick_run(ui, f, key);
        changed = picked == 1 || picked == 2;
        advance = picked == 2; /* chosen with Tab */
        if (picked == 3) { /* Tab on no match: on to the next field, the why kept */
            char *why = fd->error;
            fd->error = NULL;
            move_focus(f, 1);
            if (why) {
                free(fd->error);
                fd->error = why;
            }
            return GO_ON;
        }
    } else if (fd->kind == XF_FIELD_CHOICE || fd->kind == XF_FIELD_YESNO) {
        changed = !xf_ui_pasting() && choice_key(fd, key);
        /* Text typed on a choice (the reason before the explanation)
         * would vanish without a word: say how a choice is made. */
        if (!changed && !XF_IS_FKEY(key) && key >= 0x20 && key != 0x7f) {
            free(fd->error);
            fd->error = strdup(fd->kind == XF_FIELD_YESNO
                                   ? _("y or n here (or Space); Tab goes to the next field")
                                   : _("choose with \u2190 \u2192 here; Tab goes to the next field"));
            fd->submit_error = false;
        }
    } else {
        changed = edit_key(fd, key);
        if (changed && xf_edit_chars(&fd->text) == 0)
            fd->bad_bytes = false; /* emptied: typed anew */
    }
    if (changed) {
        f->edited = true;
        /* Said where the cursor went; the field's own message stays
         * beside it while it is wrong. */
        if (f->error_names_field)
            set_error(&f->error, NULL);
        f->error_names_field = false;
        revalidate_shown(f, f->focus);
        if (f->changed)
            f->changed(f->arg, f);
    }
    if (advance) {
        move_focus(f, 1);
        /* past what the choice filled in: typing went on at the end of
         * the name it had just written */
        for (int i = 0; i < fd->fills_next && f->focus < f->n - 1 &&
                        xf_edit_chars(&f->fields[f->focus].text) > 0;
             i++)
            move_focus(f, 1);
        for (int i = 0; i < fd->moots_next && f->focus < f->n - 1; i++)
            move_focus(f, 1); /* past what the choice makes moot */
    }
    return GO_ON;
}

/* ---- running ------------------------------------------------------------------------ */

/* The screen line of the list row the open form acts on (its beside),
 * else -1: a question over the form leaves it in view too. */
static int form_row = -1;

static WINDOW *form_window(const struct geom *g)
{
    WINDOW *w = newwin(g->h, g->w, g->y, g->x);
    if (w) {
        keypad(w, TRUE);
        wtimeout(w, 250);
    }
    return w;
}

/* Whether another key is already there, behind the one just read: an Esc
 * so followed is the start of a sequence the terminal sent (a key ncurses
 * does not know, coloured text typed in without bracketed paste), not the
 * user leaving. The key is put back. */
static bool key_behind(WINDOW *w)
{
    wint_t ch;
    wtimeout(w, 0);
    int rc = wget_wch(w, &ch);
    wtimeout(w, 250);
    if (rc == ERR)
        return false;
    if (rc == KEY_CODE_YES)
        ungetch((int)ch);
    else
        unget_wch((wchar_t)ch);
    return true;
}

/* The form's "Saving…" line while its save runs: a question the save asks
 * first (revoke? withdraw?) takes it away until it is answered, or it read
 * as saving already. */
static struct {
    WINDOW *w;
    int y, width;
} saving;

static void saving_show(WINDOW *w, int y, int width)
{
    saving.w = w;
    saving.y = y;
    saving.width = width;
    xf_draw_text(w, y, 2, width, _("Saving…"), xf_draw_attr(XF_C_DIM) | A_BOLD);
    wnoutrefresh(w);
    doupdate();
}

static void saving_hide(void)
{
    if (!saving.w)
        return;
    mvwhline(saving.w, saving.y, 2, ' ', saving.width);
    wnoutrefresh(saving.w);
}

/* The form's window goes (to be made again, or for good): off the
 * interface's overlays first, so no repaint touches it; its shade with it. */
static void form_window_drop(WINDOW **w, WINDOW **shade)
{
    if (*shade) {
        xf_ui_overlay_pop(*shade);
        delwin(*shade);
        *shade = NULL;
    }
    if (!*w)
        return;
    xf_ui_overlay_pop(*w);
    delwin(*w);
    *w = NULL;
}

/* No room for the form (a terminal a few columns wide, or one row): it
 * stays open, what was typed kept, until a resize gives it room again; it
 * was thrown away without a word. Keys typed meanwhile are dropped: typed
 * blind, they went into fields nobody could see (and F2 saved them). */
static void wait_for_room(struct xf_ui *ui)
{
    keypad(stdscr, TRUE);
    wtimeout(stdscr, 250);
    while (!xf_ui_stopping()) {
        int key;
        if (xf_ui_read_key(stdscr, &key)) {
            if (key == XF_FKEY(KEY_RESIZE))
                break;
        } else {
            xf_ui_poll_behind(ui);
        }
    }
}

/* The form as its loop holds it, for a resize taken by a question above
 * it ("Discard your changes?"): laid out again at once, not left in its
 * old shape until the question is answered. */
struct form_live {
    struct xf_form *f;
    WINDOW **w;
    struct geom *g;
    WINDOW *shade; /* the form's lines blank from edge to edge, beneath it */
};

/* Over a list the form left the ends of the rows it covers beside it
 * ("XF│", as if part of its frame): its lines are blanked for a margin
 * beside it, and to the screen's edge where less than a scrap is left.
 * What lies further off stays in view (the other pane's list on a wide
 * screen, as it follows others' commits). */
#define SHADE_MARGIN 2
#define SHADE_SCRAP 8
WINDOW *xf_ui_shade_beside(int y, int h, int x, int w)
{
    int left = x - SHADE_MARGIN, right = x + w + SHADE_MARGIN;
    if (left < SHADE_SCRAP)
        left = 0;
    if (COLS - right < SHADE_SCRAP)
        right = COLS;
    return newwin(h, right - left, y, left);
}

static WINDOW *shade_window(const struct geom *g)
{
    return xf_ui_shade_beside(g->y, g->h, g->x, g->w);
}

/* Laid out again after a resize, before the form above it. */
static WINDOW *shade_redo(void *arg)
{
    struct form_live *l = arg;
    struct geom ng = *l->g;
    compute_geom(l->f, &ng);
    WINDOW *ns = ng.h > 0 && ng.y >= 0 && ng.y + ng.h <= LINES ? shade_window(&ng) : NULL;
    if (ns) {
        delwin(l->shade);
        l->shade = ns;
    }
    return l->shade;
}

static WINDOW *form_redo(void *arg)
{
    struct form_live *l = arg;
    struct geom ng = *l->g;
    compute_geom(l->f, &ng);
    /* No room for it: the old window stays (not drawn: it does not fit),
     * for the form's loop to drop when it runs again. */
    WINDOW *nw = form_window(&ng);
    if (nw) {
        delwin(*l->w);
        *l->w = nw;
        *l->g = ng;
        draw_form(nw, l->f, l->g);
    }
    return *l->w;
}

/* A form that opens on a filled multi-line field (a complaint raised from
 * an inspection, its findings quoted) shows it from its first line, the
 * cursor there: it opened scrolled to the cursor at the end, the first
 * lines hidden. A text that fits keeps the cursor at its end. */
static void open_at_first_line(struct xf_form *f)
{
    struct xf_form_field *fd = &f->fields[f->focus];
    if (fd->kind != XF_FIELD_MULTILINE)
        return;
    struct geom g = {0};
    compute_geom(f, &g);
    int ccol = 0;
    if (layout_multi(NULL, 0, 0, 0, g.value_w, &fd->text, 0, false, &ccol, NULL) >= MULTI_LINES)
        fd->text.cur = 0;
    fd->top = 0;
}

/* What was typed in a form that a colleague's change left unable to save
 * (f->left_what): the first changed text, for the next form on the same
 * record. One session, one user: a static. */
static struct {
    char *what;
    int64_t id;
    char *text;
} left;

static void left_drop(void)
{
    free(left.what);
    free(left.text);
    left.what = left.text = NULL;
    left.id = 0;
}

static bool is_text(const struct xf_form_field *fd)
{
    return fd->kind == XF_FIELD_TEXT || fd->kind == XF_FIELD_MULTILINE;
}

bool xf_form_take_left(struct xf_form *f, const char *text)
{
    for (int i = 0; i < f->n; i++) {
        struct xf_form_field *fd = &f->fields[i];
        if (!is_text(fd) || fixed_field(fd))
            continue;
        /* A field the form fills in keeps what it holds, the text kept
         * after it: the user was told this step starts from their text,
         * and it was dropped without a word. */
        const char *has = xf_form_text(fd);
        bool added = *has != '\0', taken = false;
        char *joined = NULL;
        if (!added)
            joined = strdup(text);
        else if (!strstr(has, text) &&
                 asprintf(&joined, "%s%s%s", has, fd->kind == XF_FIELD_MULTILINE ? "\n" : " ",
                          text) < 0)
            joined = NULL;
        if (joined && xf_form_set_text(fd, joined) == XF_OK) {
            fd->fresh = false; /* the user's own text, not typed over */
            f->edited = taken = true;
            f->focus = i;
            set_error(&f->error,
                      added ? _("What you typed in the form that no longer applied is added "
                                "after what this one holds: check it before F2.")
                            : _("Filled in from the form that no longer applied: check it "
                                "before F2."));
        }
        free(joined);
        return taken;
    }
    return false;
}

/* After the values as opened are copied: what is filled in counts as
 * typed (Esc asks; a second refusal keeps it again). */
static void offer_left(struct xf_form *f)
{
    if (!f->left_what || !left.what || strcmp(left.what, f->left_what) != 0 ||
        left.id != f->left_id) {
        return;
    }
    xf_form_take_left(f, left.text);
    left_drop();
}

/* The texts the user changed, as "label: text" when more than one; NULL
 * when none. Caller frees. */
static char *typed_texts(const struct xf_form *f, char **first)
{
    char *all = NULL;
    int n = 0;
    *first = NULL;
    for (int i = 0; i < f->n; i++) {
        const struct xf_form_field *fd = &f->fields[i];
        const char *t = xf_form_text(fd);
        if (!is_text(fd) || xf_text_blank(t) ||
            (f->opened && f->opened_n == f->n && same_value(fd, &f->opened[i])))
            continue;
        if (!*first)
            *first = strdup(t);
        char *more = NULL;
        if (asprintf(&more, "%s%s%s: %s", all ? all : "", all ? " \u00b7 " : "", fd->label, t) < 0)
            more = NULL;
        free(all);
        all = more;
        n++;
    }
    if (n == 1) { /* the text alone: its label is the form's one field typed in */
        free(all);
        all = *first ? strdup(*first) : NULL;
    }
    return all;
}

/* The form can no longer save: what was typed waits for the next form on
 * the record, or is shown whole to copy when no form will take it. */
static void keep_left(struct xf_ui *ui, const struct xf_form *f)
{
    char *first = NULL, *all = typed_texts(f, &first);
    left_drop();
    if (all && f->left_next && f->left_next(f->arg)) {
        left.what = strdup(f->left_what);
        left.id = f->left_id;
        left.text = first;
        first = NULL;
        if (!left.what || !left.text)
            left_drop();
        else
            xf_ui_message(ui, false,
                          _("Not saved; what you typed is kept: the next step you open on "
                            "%s starts from it."),
                          f->left_code ? f->left_code : "");
    } else if (all) {
        xf_ui_message(ui, true,
                      _("Not saved, and there is no step on %s for you to take now. "
                        "What you typed, to copy: %s"),
                      f->left_code ? f->left_code : "", all);
    }
    free(first);
    free(all);
}

int xf_form_run(struct xf_ui *ui, struct xf_form *f)
{
    struct geom g = {0};
    WINDOW *w = NULL;
    struct form_live live = {f, &w, &g, NULL};
    enum outcome out = GO_ON;
    if (f->n <= 0)
        return 0;
    /* What the fields hold as the form first opens was filled in, not
     * typed: each is replaced by the first character typed into it. Not
     * again when a step of several is come back to: then it was typed. */
    if (!f->started)
        for (int i = 0; i < f->n; i++)
            f->fields[i].fresh = replaceable(f, &f->fields[i]) && *xf_form_text(&f->fields[i]);
    f->started = true;
    open_at_first_line(f);
    f->opened = values_copy(f);
    f->opened_n = f->n;
    f->opened_edited = f->edited;
    offer_left(f);
    int outer_row = form_row; /* a form opened from a form's question */
    form_row = f->beside - 1;
    xf_ui_form_enter();
    bool dirty = true; /* drawn after a key or a repaint beneath, not every tick */
    while (out == GO_ON && !xf_ui_stopping()) {
        struct geom ng = g;
        compute_geom(f, &ng);
        /* A resize a question above took (Esc's "discard?") shrank the
         * window to the smaller screen without this loop seeing it. */
        if (!w || ng.h != g.h || ng.w != g.w || ng.y != g.y || ng.x != g.x ||
            (ng.h > 0 && ng.w > 0 && (getmaxy(w) != ng.h || getmaxx(w) != ng.w))) {
            form_window_drop(&w, &live.shade);
            xf_ui_repaint(ui);
            dirty = true;
            if (f->beside_list) { /* the row's line after the repaint at the new size */
                int line = xf_list_sel_line(f->beside_list);
                f->beside = line >= 0 ? line + 1 : 0;
                form_row = f->beside - 1;
                compute_geom(f, &ng);
            }
            w = form_window(&ng);
            if (!w) {
                wait_for_room(ui);
                g = (struct geom){0};
                continue;
            }
            if ((live.shade = shade_window(&ng))) {
                wnoutrefresh(live.shade);
                xf_ui_overlay_push_redo(live.shade, shade_redo, &live);
            }
            xf_ui_overlay_push_redo(w, form_redo, &live);
        }
        g = ng;
        if (!xf_ui_input_pending()) { /* a paste is drawn once it is in */
            if (dirty)
                draw_form(w, f, &g);
            dirty = false;
            doupdate();
        }
        int key;
        if (!xf_ui_read_text_key(w, &key)) {
            /* (a paste's end marker reads as no key: what came before it
             * is drawn now, not at the next key) */
            if (xf_ui_poll_behind(ui)) {
                touchwin(w);
                dirty = true;
            }
            continue;
        }
        dirty = true;
        if (key == XF_FKEY(KEY_RESIZE)) {
            form_window_drop(&w, &live.shade);
            continue;
        }
        if (key == XF_FKEY(KEY_F(1))) { /* ? is text here; F1 is help */
            xf_ui_help_form(ui);
            form_window_drop(&w, &live.shade);
            continue;
        }
        /* A question the key may ask (merge? reject? discard?) is drawn
         * over the form as typed: keys that came together (a paste, a
         * fast typist) had left it undrawn, the note typed beneath blank
         * under the question as if erased. */
        if (key == XF_FKEY(KEY_F(2)) || key == XF_CTRL('S') || key == XF_KEY_ESC || is_enter(key))
            draw_form(w, f, &g);
        /* Said before a save, which waits while another user writes (up
         * to the busy timeout): a still screen looked frozen. */
        if ((key == XF_FKEY(KEY_F(2)) || key == XF_CTRL('S')) && !f->prompt && !f->applies &&
            !f->next_step)
            saving_show(w, g.h - 2, g.w - 4);
        /* A prompt left with Esc asks nothing, unless the Esc began a
         * sequence: then the question takes its next key, as on a form. */
        bool prompt = f->prompt;
        if (prompt && key == XF_KEY_ESC && key_behind(w))
            f->prompt = false;
        out = form_key(ui, f, key);
        saving.w = NULL;
        f->prompt = prompt;
    }
    form_window_drop(&w, &live.shade);
    curs_set(0);
    form_row = outer_row;
    xf_ui_form_leave();
    /* Not after a restore: the id may be another record's now. */
    if (out != SUBMITTED && f->dead && !f->restored && f->left_what)
        keep_left(ui, f);
    if (f->opened)
        xf_form_fields_free(f->opened, f->opened_n);
    free(f->opened);
    f->opened = NULL;
    if (f->unchanged)
        xf_ui_message(ui, false, "%s", _("Nothing changed, so nothing was saved."));
    return out == SUBMITTED;
}

/* ---- picker ---------------------------------------------------------------------------- */

struct picker {
    struct xf_edit query;
    struct xf_pick_item items[PICK_ROWS + 1]; /* one more: whether there are more */
    int n, sel;
    bool more;
};

static void pick_clear(struct picker *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->items[i].label);
        free(p->items[i].why);
    }
    p->n = p->sel = 0;
}

static void pick_search(struct xf_ui *ui, struct xf_form *f, struct picker *p)
{
    struct xf_error err = {0};
    struct xf_form_field *fd = &f->fields[f->focus];
    pick_clear(p);
    memset(p->items, 0, sizeof p->items);
    if (fd->pick(f->arg, f->focus, p->query.buf ? p->query.buf : "", PICK_ROWS + 1, p->items,
                 &p->n, &err) != XF_OK) {
        pick_clear(p);
        xf_ui_error(ui, &err);
    }
    /* The rows beyond the window are not offered: typing narrows to them. */
    p->more = p->n > PICK_ROWS;
    while (p->n > PICK_ROWS) {
        free(p->items[--p->n].label);
        free(p->items[p->n].why);
    }
}

static void pick_draw(WINDOW *w, const struct picker *p, const struct xf_form_field *fd)
{
    const char *label = fd->label;
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    /* Which field this search fills, and how to leave it. */
    char *title = NULL;
    int tw = 0;
    int rc = fd->pick_note && *fd->pick_note
                 ? asprintf(&title, _(" Find: %s \u00b7 %s "), label, fd->pick_note)
                 : asprintf(&title, _(" Find: %s "), label);
    if (rc < 0)
        title = NULL;
    if (title) {
        tw = xf_text_width(title);
        xf_draw_text(w, 0, 2, tw < wd - 4 ? tw : wd - 4, title, xf_draw_attr(XF_C_TITLE));
    }
    /* Otherwise eight names read as all there are (a holder not among
     * them looks missing). */
    if (p->more) {
        const char *more = _(" more: type to narrow ");
        int mw = xf_text_width(more);
        if (mw + tw + 2 < wd - 4)
            xf_draw_text(w, 0, wd - 2 - mw, mw, more, xf_draw_attr(XF_C_DIM));
    }
    free(title);
    /* The selected item's reason for its short mark, in place of the keys
     * (a mark written whole pushed the title and the unit off the line). */
    const char *why = p->n > 0 ? p->items[p->sel].why : NULL;
    if (why && *why) {
        char *line = NULL;
        if (asprintf(&line, " %s ", why) >= 0)
            xf_draw_text(w, h - 1, 2, wd - 4, line, xf_draw_attr(XF_C_TITLE));
        free(line);
    } else {
        const char *hint = _(" Enter choose · Tab choose and go on · Esc back ");
        int hw = xf_text_width(hint);
        if (hw < wd - 4)
            xf_draw_text(w, h - 1, wd - 2 - hw, hw, hint, xf_draw_attr(XF_C_DIM));
    }
    int last = h - 1; /* the first line below the matches */
    if (fd->pick_foot) {
        last = h - 2;
        xf_draw_text(w, last, 1, wd - 2, fd->pick_foot, xf_draw_attr(XF_C_DIM));
    }
    xf_draw_text(w, 1, 1, wd - 2, p->query.buf ? p->query.buf : "", A_UNDERLINE | A_BOLD);
    for (int i = 0; i < p->n && i + 2 < last; i++)
        xf_draw_text_align(w, i + 2, 1, wd - 2, p->items[i].label,
                           i == p->sel          ? xf_draw_attr(XF_C_SELECTED)
                           : p->items[i].dim ? xf_draw_attr(XF_C_DIM)
                                             : A_NORMAL,
                           fd->pick_ends ? XF_ALIGN_LINE : XF_ALIGN_LEFT);
    /* What the field offers, wrapped: its point is often in its end
     * ("... (a proposed or revoked post is not evaluated)"). */
    const char *m = p->n == 0 ? fd->no_match ? fd->no_match : _("No match.") : "";
    for (int y = 2; *m && y < last; y++) {
        size_t len = y == last - 1 ? strlen(m) : xf_text_wrap_line(m, wd - 2);
        xf_draw_printf(w, y, 1, wd - 2, xf_draw_attr(XF_C_DIM), "%.*s", (int)len, m);
        m += len;
        while (*m == ' ')
            m++;
    }
    curs_set(1);
    wmove(w, 1, 1 + xf_edit_cursor_cells(&p->query, 0));
    wnoutrefresh(w);
}

/* Incremental search: every keystroke asks the callback again. Returns 1
 * when an item was chosen, 2 when it was chosen with Tab (the form moves
 * on to the next field). */
static WINDOW *pick_window(const struct xf_form_field *fd)
{
    int wd = COLS - 8 < 100 ? COLS - 8 : 100; /* labels carry a unit line and a text */
    int h = PICK_ROWS + 3 + (fd->pick_foot ? 1 : 0);
    if (wd < 10 || LINES < h)
        return NULL;
    WINDOW *w = newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2);
    if (w) {
        keypad(w, TRUE);
        wtimeout(w, 250);
    }
    return w;
}

static int pick_loop(struct xf_ui *ui, struct xf_form *f, struct picker *p, WINDOW **wp)
{
    bool dirty = true; /* drawn after a key or a repaint beneath, not every tick */
    for (;;) {
        WINDOW *w = *wp;
        if (dirty)
            pick_draw(w, p, &f->fields[f->focus]);
        dirty = true;
        doupdate();
        int key;
        if (xf_ui_stopping())
            return 0;
        if (!xf_ui_read_text_key(w, &key)) {
            dirty = xf_ui_poll_behind(ui); /* the form and panes beneath, then this */
            if (dirty)
                touchwin(w);
            continue;
        }
        /* Drawn again for the new size (the form beneath follows when the
         * search closes); a screen too small for it closes it. */
        if (key == XF_FKEY(KEY_RESIZE)) {
            delwin(w);
            xf_ui_repaint(ui);
            if (!(*wp = pick_window(&f->fields[f->focus])))
                return 0;
            continue;
        }
        if (key == XF_KEY_PASTE_NL)
            key = ' ';
        if (key == XF_KEY_ESC)
            return 0;
        if ((is_enter(key) || key == XF_KEY_TAB) && p->n > 0) {
            struct xf_form_field *fd = &f->fields[f->focus];
            fd->picked = p->items[p->sel].id;
            xf_form_set_text(fd, p->items[p->sel].label);
            /* A chosen value is read from its start ("XFG-00022 户外广告…"),
             * not scrolled to its end as typed text is. */
            fd->text.cur = 0;
            return key == XF_KEY_TAB ? 2 : 1;
        }
        if (key == XF_KEY_TAB) {
            /* Nothing to choose: the field stays as it was and Tab goes
             * on, saying so beside it (what was typed vanished without a
             * word, and Tab again and again never left the field). */
            const char *q = p->query.buf; /* safe to draw: the editor refuses controls */
            struct xf_form_field *fd = &f->fields[f->focus];
            if (q && *q) {
                free(fd->error);
                if (asprintf(&fd->error, _("Nothing matches \u201c%s\u201d: nothing was chosen."),
                             q) < 0)
                    fd->error = NULL;
                fd->submit_error = false;
            }
            return 3;
        }
        if (key == XF_FKEY(KEY_DOWN) || key == XF_FKEY(KEY_UP)) {
            int d = key == XF_FKEY(KEY_DOWN) ? 1 : -1;
            p->sel = p->n ? (p->sel + d + p->n) % p->n : 0;
            continue;
        }
        struct xf_form_field tmp = {.kind = XF_FIELD_TEXT, .text = p->query};
        if (edit_key(&tmp, key)) {
            p->query = tmp.text;
            pick_search(ui, f, p);
        } else
            p->query = tmp.text;
    }
}

static int pick_run(struct xf_ui *ui, struct xf_form *f, int first_key)
{
    struct xf_form_field *fd = &f->fields[f->focus];
    if (!fd->pick)
        return 0;
    struct picker p = {0};
    xf_edit_set(&p.query, "");
    if (!is_enter(first_key) && !XF_IS_FKEY(first_key) && first_key >= 0x20)
        xf_edit_insert(&p.query, (unsigned)first_key);
    pick_search(ui, f, &p);
    WINDOW *w = pick_window(fd);
    int chosen = 0;
    if (w) {
        chosen = pick_loop(ui, f, &p, &w);
        if (w)
            delwin(w);
    }
    pick_clear(&p);
    xf_edit_free(&p.query);
    xf_ui_repaint(ui);
    return chosen;
}

/* ---- confirm -------------------------------------------------------------------------------- */

/* The question wraps, so that what it warns of ("It cannot be reopened.")
 * is never cut off a narrow screen: onto as many lines as the screen
 * leaves (a revocation names the awards it declines: five at 80x24 beside
 * a form), at least CONFIRM_LINES, at most CONFIRM_LINES_MAX. */
#define CONFIRM_LINES 4
#define CONFIRM_LINES_MAX 12
/* Narrower than this, a question wraps into too many lines to read. */
#define CONFIRM_MIN_W 30

/* Where the question goes: over a form (or a menu) it opens below or
 * above it, or else over its last lines, inside its frame: centred on the
 * screen it covered a short form whole but for its bottom border, and its
 * frame on the form's read as one doubled border. */
/* xf_form_confirm_at's row: its line asked again after a resize (the old
 * line left the question over the row, or off screen). */
static int (*confirm_line)(const void *arg);
static const void *confirm_arg;

static bool covers(int y, int h, int row)
{
    return row >= y && row < y + h;
}

static void confirm_place(int h, int wd, int *y, int *x)
{
    int oy, ox, oh, ow;
    *y = (LINES - h) / 2;
    *x = (COLS - wd) / 2;
    bool over = xf_ui_overlay_top(&oy, &ox, &oh, &ow);
    int row = confirm_line ? confirm_line(confirm_arg) : -1;
    /* Below the line asked about, or above it; the status line and the
     * tab bar stay in view. */
    if (!over && row >= 0 && row < LINES) {
        if (row + 1 + h <= LINES - 1)
            *y = row + 1;
        else if (row - h >= 1)
            *y = row - h;
    }
    if (!over)
        return;
    if (wd < ow) /* else the form is too narrow to keep its sides in view */
        *x = ox + (ow - wd) / 2;
    /* Nor over the row the form acts on (the post it revokes). */
    if (oy + oh + h <= LINES - 1 && !covers(oy + oh, h, form_row)) /* the status line stays */
        *y = oy + oh;
    else if (oy >= h && !covers(oy - h, h, form_row))
        *y = oy - h;
    else if (wd < ow)
        *y = oy + oh - 1 - h >= oy + 1 ? oy + oh - 1 - h : oy + 1;
}

static WINDOW *confirm_window(const char *question, int *wd, int *lines)
{
    int qw = xf_text_width(question) + 4, tw = COLS - 4;
    int oy, ox, oh, ow;
    /* Narrower than the form beneath, so its sides stay in view. */
    if (xf_ui_overlay_top(&oy, &ox, &oh, &ow) && ow - 6 >= CONFIRM_MIN_W && ow - 6 < tw)
        tw = ow - 6;
    *wd = qw + 12 < tw ? qw + 12 : tw;
    int most = LINES - 6 < CONFIRM_LINES ? CONFIRM_LINES
               : LINES - 6 > CONFIRM_LINES_MAX ? CONFIRM_LINES_MAX
                                                : LINES - 6;
    *lines = *wd > 4 ? wrap_lines_max(question, *wd - 4, most) : 1;
    int h = *lines + 4, y, x;
    confirm_place(h, *wd, &y, &x);
    WINDOW *w = newwin(h, *wd, y, x);
    if (w) {
        keypad(w, TRUE);
        wtimeout(w, 250);
    }
    return w;
}

/* A question over a list left the ends of its rows beside its frame
 * ("XFG-0│"), as a form did: its lines are blanked beside it as a form's
 * are. Not within the form it is asked over: that form's frame and
 * fields beside it stay. */
static WINDOW *confirm_shade(WINDOW *q)
{
    int y, x, h, wd, oy, ox, oh, ow;
    getbegyx(q, y, x);
    getmaxyx(q, h, wd);
    if (xf_ui_overlay_top(&oy, &ox, &oh, &ow) && y >= oy && y + h <= oy + oh && x >= ox &&
        x + wd <= ox + ow)
        return NULL;
    return xf_ui_shade_beside(y, h, x, wd);
}

static void draw_question(WINDOW *w, int width, int lines, const char *q)
{
    const char *p = q;
    for (int i = 0; i < lines && *p; i++) {
        size_t len = i == lines - 1 ? strlen(p) : xf_text_wrap_line(p, width);
        xf_draw_printf(w, 1 + i, 2, width, A_BOLD, "%.*s", (int)len, p);
        p += len;
        while (*p == ' ')
            p++;
    }
}

bool xf_form_confirm(struct xf_ui *ui, const char *question)
{
    char *q = xf_text_sanitize(question, false);
    int wd, lines;
    WINDOW *w = q ? confirm_window(q, &wd, &lines) : NULL;
    if (!w) {
        free(q);
        return false;
    }
    WINDOW *shade = confirm_shade(w);
    int key = 0;
    bool yes = false;
    saving_hide();
    /* As a form: the pane that asked may hold a row the refresh beneath
     * would free, so it waits; the rest follow others' commits. */
    xf_ui_form_enter();
    bool dirty = true; /* drawn after a key or a repaint beneath, not every tick */
    while (!xf_ui_stopping()) {
        if (dirty && shade) { /* a repaint beneath drew the list's rows there again */
            touchwin(shade);
            wnoutrefresh(shade);
        }
        if (dirty) {
            werase(w);
            box(w, 0, 0);
            draw_question(w, wd - 4, lines, q);
            xf_draw_text(w, lines + 2, 2, wd - 4, _("y = yes, n or Esc = no"),
                         xf_draw_attr(XF_C_DIM));
            wnoutrefresh(w);
        }
        dirty = true;
        doupdate();
        if (!xf_ui_read_key(w, &key)) {
            dirty = xf_ui_poll_behind(ui); /* the question is drawn again above */
            continue;
        }
        if (key == XF_FKEY(KEY_RESIZE)) { /* the screen below first, then the question */
            delwin(w);
            if (shade)
                delwin(shade);
            shade = NULL;
            xf_ui_repaint(ui);
            if (!(w = confirm_window(q, &wd, &lines)))
                break; /* too small for the question: no */
            shade = confirm_shade(w);
            continue;
        }
        yes = key == 'y' || key == 'Y';
        break;
    }
    xf_ui_form_leave();
    if (shade)
        delwin(shade);
    if (w)
        delwin(w);
    free(q);
    xf_ui_repaint(ui);
    if (yes && saving.w)
        saving_show(saving.w, saving.y, saving.width);
    return yes;
}

bool xf_form_confirm_at(struct xf_ui *ui, const char *question, int (*line)(const void *arg),
                        const void *arg)
{
    int (*outer)(const void *) = confirm_line;
    const void *outer_arg = confirm_arg;
    confirm_line = line;
    confirm_arg = arg;
    bool yes = xf_form_confirm(ui, question);
    confirm_line = outer;
    confirm_arg = outer_arg;
    return yes;
}

static int list_line(const void *list)
{
    return list ? xf_list_sel_line(list) : -1;
}

bool xf_form_confirm_on(struct xf_ui *ui, const char *question, const struct xf_list *list)
{
    return xf_form_confirm_at(ui, question, list_line, list);
}

/* ---- unit pickers ------------------------------------------------------------------- */

struct unit_sink {
    struct xf_pick_item *out;
    int n, limit;
};

static void add_unit(void *arg, const struct xf_choice *c)
{
    struct unit_sink *k = arg;
    char *label = NULL;
    /* with its department: every department has a 审批处 */
    bool dept = c->extra && *c->extra;
    if (k->n >= k->limit || asprintf(&label, "%s %s%s%s", c->code, dept ? c->extra : "",
                                     dept ? " \u203a " : "", c->name) < 0)
        return;
    k->out[k->n++] = (struct xf_pick_item){.label = label, .id = c->id};
}

int xf_form_pick_units(const struct xf_ctx *ctx, const char *query, int limit,
                       struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    struct unit_sink k = {out, 0, limit};
    int rc = xf_post_unit_choices(ctx, query ? query : "", limit, add_unit, &k, err);
    *n_out = k.n;
    return rc;
}

char *xf_form_post_label(const struct xf_ctx *ctx, const struct xf_post_item *it)
{
    char *label = NULL, *place = xf_unit_place_label(ctx, it->unit_id);
    bool holder = it->holder_name && *it->holder_name;
    int rc = asprintf(&label, "%s %s%s%s \u00b7 %s", it->code, it->title, holder ? " " : "",
                      holder ? it->holder_name : "",
                      place ? place : it->unit_name ? it->unit_name : "");
    free(place);
    return rc < 0 ? NULL : label;
}

void xf_form_set_unit(const struct xf_ctx *ctx, struct xf_form_field *f, int64_t unit_id)
{
    char *label = xf_unit_place_label(ctx, unit_id);
    f->picked = unit_id;
    xf_form_set_text(f, label ? label : "");
    free(label);
}
