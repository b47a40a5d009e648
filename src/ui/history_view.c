/* The modal history viewer: one record's history newest first (or one
 * entry in full), each entry as time · who · client · action and then the
 * changes one per line, wrapped by display width. Pages are read as the
 * user scrolls past what is loaded (keyset: ids below the last one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history_ui.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

enum { PAGE = 50, MAX_WIDTH = 120 };

/* ---- labels and changes ---------------------------------------------------- */

static int push_line(char ***lines, int *n, const char *s)
{
    char *clean = xf_text_sanitize(s, false);
    char **grown = clean ? realloc(*lines, (size_t)(*n + 1) * sizeof **lines) : NULL;
    if (!grown) {
        free(clean);
        return XF_EIO;
    }
    *lines = grown;
    (*lines)[(*n)++] = clean;
    return XF_OK;
}

int xfh_change_lines(const struct xf_history_row *r, char ***lines, int *n)
{
    *lines = NULL;
    *n = 0;
    struct xf_history_change *c = NULL;
    size_t nc = 0;
    if (xf_history_change_list(r, &c, &nc) != XF_OK)
        return XF_EIO;
    int rc = XF_OK;
    for (size_t i = 0; rc == XF_OK && i < nc; i++) {
        char *s = xf_history_change_text(&c[i]);
        rc = !s ? XF_EIO : push_line(lines, n, s);
        free(s);
    }
    xf_history_change_list_free(c, nc);
    if (rc != XF_OK) {
        xfh_lines_free(*lines, *n);
        *lines = NULL;
        *n = 0;
    }
    return rc;
}

void xfh_lines_free(char **lines, int n)
{
    for (int i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

char *xfh_summary(const struct xf_history_row *r)
{
    char **lines = NULL;
    int n = 0;
    if (xfh_change_lines(r, &lines, &n) != XF_OK)
        return NULL;
    const char *sep = _("; ");
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(lines[i]) + strlen(sep);
    char *s = malloc(len);
    if (s) {
        char *p = s;
        *p = '\0';
        for (int i = 0; i < n; i++)
            p += sprintf(p, "%s%s", i ? sep : "", lines[i]);
    }
    xfh_lines_free(lines, n);
    return s;
}

/* ---- display lines ----------------------------------------------------------- */

struct vline {
    char *text; /* sanitised, fits the width it was built for */
    int indent;
    enum xf_color color;
    bool bold;
};

struct viewer {
    struct xf_ui *ui;
    const char *entity; /* NULL: a single entry, nothing to page */
    int64_t id;
    char *title;
    char *empty; /* what to say when the record has no entry */
    struct xf_history_row *rows;
    size_t n;
    bool done;  /* every entry is loaded */
    bool owned; /* rows belong to the viewer */
    struct vline *lines;
    int n_lines, built_width;
    int top;
};

static void lines_clear(struct viewer *v)
{
    for (int i = 0; i < v->n_lines; i++)
        free(v->lines[i].text);
    free(v->lines);
    v->lines = NULL;
    v->n_lines = 0;
}

static int add_vline(struct viewer *v, const char *s, size_t len, int indent, enum xf_color c,
                     bool bold)
{
    struct vline *grown = realloc(v->lines, (size_t)(v->n_lines + 1) * sizeof *grown);
    if (!grown)
        return XF_EIO;
    v->lines = grown;
    char *t = strndup(s, len);
    if (!t)
        return XF_EIO;
    v->lines[v->n_lines++] = (struct vline){t, indent, c, bold};
    return XF_OK;
}

/* Cuts sanitised s into lines of at most width cells where text may
 * break (xf_text_wrap_line); a continuation is indented by `more` cells. */
static int add_wrapped(struct viewer *v, const char *s, int width, int indent, int more,
                       enum xf_color c, bool bold)
{
    size_t len = strlen(s), start = 0;
    int rc = XF_OK;
    if (len == 0)
        return add_vline(v, "", 0, indent, c, bold);
    while (rc == XF_OK && start < len) {
        int avail = width - indent;
        size_t cut = start + xf_text_wrap_line(s + start, avail > 1 ? avail : 1);
        rc = add_vline(v, s + start, cut - start, indent, c, bold);
        start = cut;
        while (start < len && s[start] == ' ')
            start++;
        indent = more;
    }
    return rc;
}

static int add_heading(struct viewer *v, const struct xf_history_row *r, int width)
{
    char *s = NULL, who[160];
    /* "刘洋 (liu.yang)", as the status line names people. */
    xf_ctx_person(xf_ui_ctx(v->ui), r->actor ? r->actor : "", who, sizeof who);
    if (asprintf(&s, "%s \u00b7 %s \u00b7 %s \u00b7 %s", r->at ? r->at : "", who,
                 r->client && *r->client ? r->client : _("local"),
                 xf_history_action_label(r->action)) < 0)
        return XF_EIO;
    char *clean = xf_text_sanitize(s, false);
    free(s);
    int rc = clean ? add_wrapped(v, clean, width, 0, 2, XF_C_TITLE, true) : XF_EIO;
    free(clean);
    return rc;
}

static int add_entry(struct viewer *v, const struct xf_history_row *r, int width)
{
    int rc = add_heading(v, r, width);
    if (rc == XF_OK && !v->entity) {
        char *rec = xf_history_record(r);
        char *clean = rec ? xf_text_sanitize(rec, false) : NULL;
        rc = clean ? add_wrapped(v, clean, width, 2, 4, XF_C_DIM, false) : XF_EIO;
        free(rec);
        free(clean);
    } else if (rc == XF_OK && r->entity && strcmp(r->entity, v->entity) != 0) {
        /* A row of a part of the record (a co-handling unit, a checklist
         * item) says which part: "unit: D012-02; active: yes → no" under
         * a complaint read as the unit switched off. */
        rc = add_wrapped(v, xf_history_entity_label(r->entity), width, 2, 4, XF_C_DIM, false);
    }
    char **ch = NULL;
    int nch = 0;
    if (rc == XF_OK)
        rc = xfh_change_lines(r, &ch, &nch);
    for (int i = 0; rc == XF_OK && i < nch; i++)
        rc = add_wrapped(v, ch[i], width, 2, 6, XF_C_NORMAL, false);
    if (rc == XF_OK && nch == 0)
        rc = add_wrapped(v, _("(no field changed)"), width, 2, 4, XF_C_DIM, false);
    xfh_lines_free(ch, nch);
    return rc == XF_OK ? add_vline(v, "", 0, 0, XF_C_NORMAL, false) : rc;
}

static int build_lines(struct viewer *v, int width)
{
    lines_clear(v);
    v->built_width = width;
    int rc = XF_OK;
    for (size_t i = 0; rc == XF_OK && i < v->n; i++)
        rc = add_entry(v, &v->rows[i], width);
    if (rc == XF_OK && v->n == 0 && v->done && v->empty) {
        char *clean = xf_text_sanitize(v->empty, false);
        rc = clean ? add_wrapped(v, clean, width, 0, 0, XF_C_DIM, false) : XF_EIO;
        free(clean);
    }
    if (rc != XF_OK)
        xf_ui_message(v->ui, true, "%s", _("Out of memory."));
    return rc;
}

/* ---- paging -------------------------------------------------------------------- */

/* Appends the next page (entries older than the last loaded one). */
static int load_more(struct viewer *v)
{
    if (v->done || !v->entity)
        return XF_OK;
    struct xf_error err = {0};
    struct xf_history_row *page = NULL;
    size_t k = 0;
    int64_t after = v->n ? v->rows[v->n - 1].id : 0;
    int rc = xf_history_for(xf_ui_ctx(v->ui), v->entity, v->id, after, PAGE, &page, &k, &err);
    if (rc != XF_OK) {
        v->done = true;
        xf_ui_error(v->ui, &err);
        return rc;
    }
    struct xf_history_row *grown = k ? realloc(v->rows, (v->n + k) * sizeof *grown) : v->rows;
    if (k && !grown) {
        xf_history_rows_free(page, k);
        v->done = true;
        return XF_EIO;
    }
    if (k)
        memcpy(grown + v->n, page, k * sizeof *page);
    free(page); /* the strings moved into grown */
    v->rows = grown;
    v->n += k;
    v->done = k < PAGE;
    v->built_width = 0; /* rebuild the lines */
    return XF_OK;
}

/* Another user's step is added at the top, as the panes follow commits
 * (SPEC §3): the entries newer than the newest shown are put before it;
 * more than a page of them, and the history is read again from the top.
 * The view keeps its place: lines[top] is the same line after (unless it
 * was at the top, where the newest belongs). */
static void take_newer(struct viewer *v, int width)
{
    if (!v->entity)
        return;
    struct xf_error err = {0};
    struct xf_history_row *page = NULL;
    size_t k = 0;
    if (xf_history_for(xf_ui_ctx(v->ui), v->entity, v->id, 0, PAGE, &page, &k, &err) != XF_OK) {
        xf_ui_error(v->ui, &err);
        return;
    }
    size_t fresh = 0;
    while (fresh < k && (v->n == 0 || page[fresh].id > v->rows[0].id))
        fresh++;
    if (fresh == 0) {
        xf_history_rows_free(page, k);
        return;
    }
    if (fresh == k && k == PAGE) { /* a gap may lie below: start again */
        xf_history_rows_free(v->rows, v->n);
        v->rows = page;
        v->n = k;
        v->done = false;
        v->top = 0;
        build_lines(v, width);
        return;
    }
    struct xf_history_row *grown = malloc((v->n + fresh) * sizeof *grown);
    if (!grown) {
        xf_history_rows_free(page, k);
        return;
    }
    memcpy(grown, page, fresh * sizeof *page);
    if (v->n)
        memcpy(grown + fresh, v->rows, v->n * sizeof *grown);
    for (size_t i = fresh; i < k; i++)
        xf_history_row_clear(&page[i]);
    free(page); /* the fresh rows' strings moved into grown */
    free(v->rows);
    v->rows = grown;
    v->n += fresh;
    int before = v->n_lines;
    build_lines(v, width);
    if (v->top > 0)
        v->top += v->n_lines - before;
}

/* ---- window ---------------------------------------------------------------------- */

static WINDOW *view_window(void)
{
    int h = LINES - 2, w = COLS < MAX_WIDTH ? COLS : MAX_WIDTH;
    if (h < 4 || w < 20)
        return NULL;
    WINDOW *win = newwin(h, w, 1, (COLS - w) / 2);
    if (win) {
        keypad(win, TRUE);
        wtimeout(win, 250);
    }
    return win;
}

static int body_height(WINDOW *w)
{
    return getmaxy(w) - 2;
}

static void draw_footer(WINDOW *w, const struct viewer *v, int wd)
{
    char *s = NULL;
    bool more = v->top + body_height(w) < v->n_lines || !v->done;
    if (asprintf(&s, " %s \u00b7 %s ", more ? _("more below") : _("end of history"),
                 _("q or Esc closes")) < 0)
        return;
    int sw = xf_text_width(s);
    sw = sw < wd - 4 ? sw : wd - 4;
    xf_draw_text(w, getmaxy(w) - 1, wd - 2 - sw, sw, s, xf_draw_attr(XF_C_DIM));
    free(s);
}

static void draw_view(WINDOW *w, const struct viewer *v)
{
    int h = body_height(w), wd = getmaxx(w);
    werase(w);
    box(w, 0, 0);
    int tw = xf_text_width(v->title);
    xf_draw_text(w, 0, 2, tw < wd - 4 ? tw : wd - 4, v->title, xf_draw_attr(XF_C_TITLE));
    draw_footer(w, v, wd);
    if (v->n_lines == 0)
        xf_draw_text(w, 1, 2, wd - 4, _("No history is recorded for this record."),
                     xf_draw_attr(XF_C_DIM));
    for (int row = 0; row < h && v->top + row < v->n_lines; row++) {
        const struct vline *l = &v->lines[v->top + row];
        attr_t a = xf_draw_attr(l->color) | (l->bold ? A_BOLD : 0);
        xf_draw_text(w, row + 1, 2 + l->indent, wd - 4 - l->indent, l->text, a);
    }
    wnoutrefresh(w);
}

/* Loads pages until the lines reach want (or the history ends). */
static void fill_to(struct viewer *v, int want, int width)
{
    while (!v->done && v->n_lines < want) {
        size_t before = v->n;
        if (load_more(v) != XF_OK || v->n == before)
            break;
        build_lines(v, width);
    }
}

static int scroll_by(enum xf_action a, int page)
{
    switch (a) {
    case XF_A_DOWN: return 1;
    case XF_A_UP: return -1;
    case XF_A_PAGE_DOWN: return page;
    case XF_A_PAGE_UP: return -page;
    case XF_A_HOME: return -(1 << 30);
    case XF_A_END: return 1 << 30;
    default: return 0;
    }
}

/* Applies a scroll key; loads what the new position needs. */
static void scroll_view(struct viewer *v, enum xf_action a, int page, int width)
{
    if (a == XF_A_END)
        fill_to(v, 1 << 30, width);
    int top = v->top + scroll_by(a, page);
    if (top < 0)
        top = 0;
    fill_to(v, top + page, width);
    int max = v->n_lines - page;
    if (top > max)
        top = max > 0 ? max : 0;
    v->top = top;
}

static void run(struct viewer *v)
{
    WINDOW *w = view_window();
    bool dirty = true; /* drawn after a key or news, not on every idle tick */
    while (w && !xf_ui_stopping()) {
        int width = getmaxx(w) - 4;
        if (v->built_width != width) {
            build_lines(v, width);
            fill_to(v, v->top + body_height(w), width);
            dirty = true;
        }
        if (dirty)
            draw_view(w, v);
        dirty = true;
        doupdate();
        int key;
        if (!xf_ui_read_key(w, &key)) {
            int64_t seen = xf_ui_data_seen(v->ui);
            dirty = xf_ui_poll_behind(v->ui); /* the panes or the view below, then this */
            if (dirty)
                touchwin(w);
            if (xf_ui_data_seen(v->ui) != seen) {
                take_newer(v, width);
                dirty = true;
            }
            continue;
        }
        if (key == XF_FKEY(KEY_RESIZE)) {
            delwin(w);
            xf_ui_repaint(v->ui);
            w = view_window();
            v->built_width = 0;
            continue;
        }
        xf_ui_message_dismiss(v->ui); /* a key takes the last message away */
        enum xf_action a = xf_keys_action(key);
        if (a == XF_A_BACK || a == XF_A_HISTORY || a == XF_A_DETAIL)
            break;
        if (a == XF_A_HELP) { /* over the view, as over the panes */
            delwin(w);
            xf_ui_help(v->ui);
            xf_ui_repaint(v->ui);
            w = view_window();
            v->built_width = 0;
            continue;
        }
        if (!scroll_by(a, 1)) { /* a key that does nothing here says so */
            xf_ui_unanswered(v->ui, key);
            continue;
        }
        scroll_view(v, a, body_height(w), width);
    }
    if (w)
        delwin(w);
}

static void viewer_free(struct viewer *v)
{
    lines_clear(v);
    if (v->owned)
        xf_history_rows_free(v->rows, v->n);
    free(v->title);
    free(v->empty);
}

/* What to say when a record has no entry of its own: demo rows were
 * written in bulk with one summary entry per table; a complaint's steps
 * are in its timeline. */
static char *empty_text(const char *entity, bool demo)
{
    const char *why = demo ? _("This record was generated in bulk as demo data; there is no "
                               "record-by-record history.")
                           : _("No history is recorded for this record.");
    bool complaint = strcmp(entity, "complaint") == 0 || strcmp(entity, "complaint_event") == 0;
    char *s = NULL, k[32], *more = NULL;
    if (complaint &&
        asprintf(&more, _("The complaint's timeline is in its detail view (%s)."),
                 xf_keys_hint_name(XF_A_DETAIL, '\n', k, sizeof k)) < 0)
        more = NULL;
    int rc = asprintf(&s, "%s%s%s", why, more ? " " : "", more ? more : "");
    free(more);
    if (rc < 0)
        return NULL;
    return s;
}

int xf_ui_history(struct xf_ui *ui, const char *entity, int64_t id)
{
    struct viewer v = {.ui = ui, .entity = entity, .id = id, .owned = true};
    struct xf_history_about about = {0};
    struct xf_error err = {0};
    if (xf_history_about(xf_ui_ctx(ui), entity, id, &about, &err) != XF_OK) {
        xf_ui_error(ui, &err);
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    struct xf_history_row head = {.entity = (char *)entity, .entity_id = id,
                                  .label = about.label};
    char *rec = xf_history_record(&head);
    if (!rec || asprintf(&v.title, _(" History of %s "), rec) < 0)
        v.title = NULL;
    free(rec);
    v.empty = empty_text(entity, about.demo);
    xf_history_about_clear(&about);
    if (v.title && v.empty && load_more(&v) == XF_OK)
        run(&v);
    viewer_free(&v);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

int xfh_show_entry(struct xf_ui *ui, const struct xf_history_row *r)
{
    struct viewer v = {.ui = ui, .rows = (struct xf_history_row *)r, .n = 1, .done = true};
    if (asprintf(&v.title, _(" History entry %lld "), (long long)r->id) < 0)
        v.title = NULL;
    if (v.title)
        run(&v);
    viewer_free(&v);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}
