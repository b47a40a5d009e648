/* The virtual list: one screen of rows, keyset paging, selection kept by
 * record id, and partial redraws on cursor moves. */
#include "xf/ui_list.h"

#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_pane.h"

int xf_list_row_init(struct xf_list_row *row, const char *sort, int64_t id, int n_cells)
{
    memset(row, 0, sizeof *row);
    row->key.sort = strdup(sort ? sort : "");
    row->key.id = id;
    row->cells = calloc((size_t)(n_cells > 0 ? n_cells : 1), sizeof *row->cells);
    row->n_cells = n_cells;
    return row->key.sort && row->cells ? XF_OK : XF_EIO;
}

int xf_list_row_set(struct xf_list_row *row, int i, const char *text)
{
    if (i < 0 || i >= row->n_cells)
        return XF_EINVAL;
    free(row->cells[i]);
    row->cells[i] = strdup(text ? text : "");
    return row->cells[i] ? XF_OK : XF_EIO;
}

void xf_list_row_clear(struct xf_list_row *row)
{
    for (int i = 0; row->cells && i < row->n_cells; i++)
        free(row->cells[i]);
    free(row->cells);
    free(row->key.sort);
    memset(row, 0, sizeof *row);
}

static void clear_rows(struct xf_list_row *rows, int n)
{
    for (int i = 0; i < n; i++)
        xf_list_row_clear(&rows[i]);
}

void xf_list_init(struct xf_list *l, const struct xf_list_col *cols, int n_cols,
                  xf_list_fetch_fn fetch, xf_list_locate_fn locate, void *arg)
{
    memset(l, 0, sizeof *l);
    l->cols = cols;
    l->n_cols = n_cols;
    l->fetch = fetch;
    l->locate = locate;
    l->arg = arg;
    l->drawn_sel = -1;
}

struct retired {
    struct xf_list_row *rows;
    int n;
    struct retired *next;
};
static struct retired *retired;

void xf_list_release_retired(void)
{
    while (retired) {
        struct retired *r = retired;
        retired = r->next;
        clear_rows(r->rows, r->n);
        free(r->rows);
        free(r);
    }
}

/* Frees the screen's rows, or keeps them while a form opened before they
 * were replaced may point into them. */
static void drop_rows(struct xf_list *l)
{
    unsigned epoch = xf_ui_form_epoch();
    struct retired *r = epoch && l->epoch != epoch && l->rows ? malloc(sizeof *r) : NULL;
    if (r) {
        *r = (struct retired){l->rows, l->n, retired};
        retired = r;
    } else if (l->rows) { /* NULL: a move took them (step, page) */
        clear_rows(l->rows, l->n);
        free(l->rows);
    }
    l->rows = NULL;
    l->n = 0;
    l->epoch = epoch;
}

void xf_list_free(struct xf_list *l)
{
    drop_rows(l);
}

/* Calls the pane's fetch into a new array of limit rows (caller frees). */
static int fetch(struct xf_list *l, const struct xf_list_key *from, enum xf_list_dir dir,
                 int limit, struct xf_list_row **out, int *n, struct xf_error *err)
{
    *n = 0;
    *out = calloc((size_t)(limit > 0 ? limit : 1), sizeof **out);
    if (!*out)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if (limit <= 0)
        return XF_OK;
    int rc = l->fetch(l->arg, from, dir, limit, *out, n, err);
    if (*n > limit)
        *n = limit;
    if (rc != XF_OK) {
        clear_rows(*out, *n);
        *n = 0;
    }
    return rc;
}

static void reverse(struct xf_list_row *rows, int n)
{
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        struct xf_list_row t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
    }
}

static bool nothing_before(struct xf_list *l)
{
    if (l->n == 0)
        return true;
    struct xf_list_row *r = NULL;
    int k = 0;
    struct xf_error ignored = {0};
    bool none = fetch(l, &l->rows[0].key, XF_LIST_BEFORE, 1, &r, &k, &ignored) == XF_OK && k == 0;
    clear_rows(r, k);
    free(r);
    return none;
}

/* Makes a[0..na) + b[0..nb) the screen, dropping `drop` rows from the
 * front and keeping at most cap; frees what is dropped and both arrays.
 * first: the caller knows a[0] is the first row of all (a fetch from the
 * start, or one backwards that came short), which saves asking; a
 * filtered walk (a search) may have to read far to learn it. */
static void install(struct xf_list *l, struct xf_list_row *a, int na, struct xf_list_row *b,
                    int nb, int drop, bool first)
{
    int total = na + nb;
    struct xf_list_row *all = calloc((size_t)(l->cap > 0 ? l->cap : 1), sizeof *all);
    int k = 0;
    for (int i = 0; i < total; i++) {
        struct xf_list_row *r = i < na ? &a[i] : &b[i - na];
        if (i >= drop && k < l->cap && all)
            all[k++] = *r;
        else
            xf_list_row_clear(r);
    }
    free(a);
    free(b);
    drop_rows(l); /* the previous screen, unless the caller moved it into a or b */
    l->rows = all;
    l->n = k;
    l->stale = true;
    l->made_up = false;
    l->at_top = (first && drop == 0) || nothing_before(l);
}

static struct xf_list_key key_copy(const struct xf_list_key *k)
{
    struct xf_list_key c = {strdup(k->sort ? k->sort : ""), k->id};
    return c;
}

/* Fills the screen so that the first record at or after key sits at
 * screen line pos (or as near as the data allows). */
static int around(struct xf_list *l, const struct xf_list_key *key, int pos,
                  struct xf_error *err)
{
    struct xf_list_row *f = NULL, *b = NULL;
    int nf = 0, nb = 0;
    pos = pos < 0 ? 0 : pos >= l->cap ? l->cap - 1 : pos;
    int rc = fetch(l, key, key ? XF_LIST_FROM : XF_LIST_AFTER, l->cap - (key ? pos : 0), &f,
                   &nf, err);
    if (rc == XF_OK && key)
        rc = fetch(l, key, XF_LIST_BEFORE, l->cap - nf, &b, &nb, err);
    if (rc != XF_OK) {
        clear_rows(f, nf);
        free(f);
        free(b);
        return rc;
    }
    if (!b)
        b = calloc(1, sizeof *b);
    reverse(b, nb);
    install(l, b, nb, f, nf, 0, !key || nb < l->cap - nf);
    l->sel = nf > 0 ? nb : nb - 1;
    l->sel = l->sel < 0 ? 0 : l->sel;
    return XF_OK;
}

static int to_end(struct xf_list *l, struct xf_error *err)
{
    struct xf_list_row *b = NULL;
    int nb = 0;
    int rc = fetch(l, NULL, XF_LIST_BEFORE, l->cap, &b, &nb, err);
    if (rc != XF_OK) {
        free(b);
        return rc;
    }
    reverse(b, nb);
    install(l, b, nb, NULL, 0, 0, nb < l->cap);
    l->sel = l->n > 0 ? l->n - 1 : 0;
    return XF_OK;
}

/* Whether the first record at key is the record id (locate gives a key
 * whatever the filters say). One row is fetched to tell. */
static bool still_listed(struct xf_list *l, const struct xf_list_key *key, int64_t id)
{
    struct xf_list_row *r = NULL;
    int n = 0;
    struct xf_error err = {0};
    bool yes = fetch(l, key, XF_LIST_FROM, 1, &r, &n, &err) != XF_OK ||
               (n > 0 && r[0].key.id == id);
    clear_rows(r, n);
    free(r);
    return yes;
}

int xf_list_reload(struct xf_list *l, struct xf_error *err)
{
    if (l->n == 0)
        return around(l, NULL, 0, err);
    struct xf_list_key key = key_copy(&l->rows[l->sel].key);
    int64_t id = key.id;
    int pos = l->sel;
    bool placed = !l->made_up; /* xf_list_select_id's row has no place */
    /* A screen showing the first records keeps showing them, so what
     * another session adds at the top comes into view, as long as the
     * selected record is still among them. */
    if (l->at_top) {
        if (around(l, NULL, 0, err) == XF_OK)
            for (int i = 0; i < l->n; i++)
                if (l->rows[i].key.id == id) {
                    l->sel = i;
                    free(key.sort);
                    return XF_OK;
                }
        xf_err_clear(err);
    }
    if (l->locate) {
        struct xf_list_key moved = {0};
        if (l->locate(l->arg, id, &moved, err) == XF_OK) {
            /* The record left the list (a filter no longer holds it:
             * closed, in an "open only" queue): the cursor stays where it
             * was, on the row that came after it, not where the record
             * would now sort. */
            if (placed && !still_listed(l, &moved, id))
                free(moved.sort);
            else {
                free(key.sort);
                key = moved;
            }
        }
        xf_err_clear(err);
    }
    int rc = around(l, &key, pos, err);
    free(key.sort);
    return rc;
}

int xf_list_refilter(struct xf_list *l, struct xf_error *err)
{
    /* From the first result (read around the cursor's record, the list
     * opened part-way down, the first matches hidden above until Home). */
    int64_t keep = l->n > 0 && !l->made_up ? l->rows[l->sel].key.id : 0;
    if (l->cap <= 0) {
        drop_rows(l);
        return XF_OK;
    }
    int rc = around(l, NULL, 0, err);
    if (rc != XF_OK) {
        /* the old query's rows must never stay under the new title */
        drop_rows(l);
        l->stale = true;
        l->at_top = true;
        return rc;
    }
    for (int i = 0; keep && i < l->n; i++)
        if (l->rows[i].key.id == keep)
            l->sel = i;
    return XF_OK;
}

int xf_list_widen(struct xf_list *l, struct xf_error *err)
{
    if (l->n == 0 || l->made_up || l->cap <= 0) {
        drop_rows(l);
        return l->cap > 0 ? around(l, NULL, 0, err) : XF_OK;
    }
    struct xf_list_key key = key_copy(&l->rows[l->sel].key);
    int64_t id = key.id;
    int pos = l->sel;
    /* Its sort value may have moved since it was read. */
    if (l->locate) {
        struct xf_list_key moved = {0};
        if (l->locate(l->arg, id, &moved, err) == XF_OK) {
            free(key.sort);
            key = moved;
        }
        xf_err_clear(err);
    }
    /* One row read from the record tells whether the new query has it:
     * the screen is then read around it, else from the top. */
    struct xf_list_row *r = NULL;
    int n = 0;
    int rc = fetch(l, &key, XF_LIST_FROM, 1, &r, &n, err);
    bool listed = rc == XF_OK && n > 0 && r[0].key.id == id;
    clear_rows(r, n);
    free(r);
    xf_err_clear(err);
    /* A probe that failed tells nothing: the screen is read from the top
     * anyway, and where that fails too it is emptied. The rows of the old
     * query must never stay under a title naming the new one. */
    rc = listed ? around(l, &key, pos, err) : around(l, NULL, 0, err);
    free(key.sort);
    if (rc != XF_OK) {
        drop_rows(l);
        l->stale = true;
        l->at_top = true;
    }
    return rc;
}

int xf_list_set_height(struct xf_list *l, int rows, struct xf_error *err)
{
    rows = rows < 0 ? 0 : rows;
    if (rows == l->cap && l->rows)
        return XF_OK;
    l->cap = rows;
    return xf_list_reload(l, err);
}

int xf_list_select_id(struct xf_list *l, int64_t id, struct xf_error *err)
{
    /* A screen of one row believed selected: reload finds it. */
    struct xf_list_row *r = calloc(1, sizeof *r);
    if (!r)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if (xf_list_row_init(r, "", id, l->n_cols) != XF_OK) {
        free(r);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    xf_list_free(l);
    l->rows = r;
    l->n = 1;
    l->sel = 0;
    l->at_top = false;
    l->made_up = true;
    return xf_list_reload(l, err);
}

/* One row further; scrolls by fetching a single row past the edge. */
static int step(struct xf_list *l, bool down, struct xf_error *err)
{
    if (l->n == 0)
        return XF_UI_HANDLED;
    if (down ? l->sel + 1 < l->n : l->sel > 0) {
        l->sel += down ? 1 : -1;
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    struct xf_list_row *r = NULL;
    int k = 0;
    const struct xf_list_key *edge = &l->rows[down ? l->n - 1 : 0].key;
    if (fetch(l, edge, down ? XF_LIST_AFTER : XF_LIST_BEFORE, 1, &r, &k, err) != XF_OK ||
        k == 0) {
        free(r);
        return XF_UI_HANDLED;
    }
    struct xf_list_row *old = l->rows;
    int n = l->n;
    l->rows = NULL;
    if (down)
        install(l, old, n, r, k, n + k > l->cap ? n + k - l->cap : 0, l->at_top);
    else
        install(l, r, k, old, n, 0, false);
    l->sel = down ? l->n - 1 : 0;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* A page further: the view moves by up to a page of new rows and the
 * selection keeps its screen line; at the edge it goes to the last row. */
static int page(struct xf_list *l, bool down, struct xf_error *err)
{
    if (l->n == 0)
        return XF_UI_HANDLED;
    struct xf_list_row *r = NULL;
    int k = 0;
    const struct xf_list_key *edge = &l->rows[down ? l->n - 1 : 0].key;
    if (fetch(l, edge, down ? XF_LIST_AFTER : XF_LIST_BEFORE, l->cap, &r, &k, err) != XF_OK) {
        free(r);
        return XF_UI_HANDLED;
    }
    if (k == 0) {
        free(r);
        l->sel = down ? l->n - 1 : 0;
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    struct xf_list_row *old = l->rows;
    int n = l->n, sel = l->sel;
    l->rows = NULL;
    if (down) {
        int drop = n + k > l->cap ? n + k - l->cap : 0;
        install(l, old, n, r, k, drop, l->at_top);
        l->sel = sel + k - drop;
    } else {
        reverse(r, k);
        install(l, r, k, old, n, 0, k < l->cap);
        l->sel = sel;
    }
    l->sel = l->sel >= l->n ? l->n - 1 : l->sel < 0 ? 0 : l->sel;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

int xf_list_move(struct xf_list *l, enum xf_action a, struct xf_error *err)
{
    int rc;
    switch (a) {
    case XF_A_DOWN: return step(l, true, err);
    case XF_A_UP: return step(l, false, err);
    case XF_A_PAGE_DOWN: return page(l, true, err);
    case XF_A_PAGE_UP: return page(l, false, err);
    case XF_A_HOME: rc = around(l, NULL, 0, err); break;
    case XF_A_END: rc = to_end(l, err); break;
    default: return XF_UI_IGNORED;
    }
    (void)rc;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

int xf_list_click(struct xf_list *l, int y)
{
    if (y < 0 || y >= l->n)
        return XF_UI_IGNORED;
    l->sel = y;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

const struct xf_list_row *xf_list_selected(const struct xf_list *l)
{
    return l->n > 0 ? &l->rows[l->sel] : NULL;
}

/* ---- drawing -------------------------------------------------------------- */

void xf_list_widths(const struct xf_list *l, int w, struct xf_draw_col *out)
{
    int fixed = 0, flex = 0, shown = 0;
    for (int i = 0; i < l->n_cols; i++) {
        /* A column that matters less gives way on narrow screens (width -1
         * = hidden), so the ones that matter keep their room. */
        if (l->cols[i].hide_below && w < l->cols[i].hide_below) {
            out[i].width = -1;
            continue;
        }
        out[i].width = 0;
        fixed += l->cols[i].width + (shown++ ? 1 : 0);
        flex += l->cols[i].width == 0;
    }
    int rest = w - fixed, share = flex ? rest / flex : 0;
    /* A bounded column (a name) held to its bound leaves its share to the
     * others (the text): again while one more comes under its bound. */
    bool held[l->n_cols > 0 ? l->n_cols : 1];
    memset(held, 0, sizeof held);
    for (bool again = true; again;) {
        again = false;
        int left = rest, open = 0;
        for (int i = 0; i < l->n_cols; i++) {
            if (out[i].width < 0 || l->cols[i].width)
                continue;
            if (!held[i] && l->col_max && l->col_max[i] && l->col_max[i] < share)
                held[i] = again = true;
            if (held[i])
                left -= l->col_max[i];
            else
                open++;
        }
        if (open)
            share = left / open;
        else
            again = false;
    }
    for (int i = 0; i < l->n_cols; i++) {
        out[i].align = l->cols[i].align;
        if (out[i].width < 0)
            continue;
        out[i].width = l->cols[i].width ? l->cols[i].width
                       : held[i]        ? l->col_max[i]
                       : share > 1      ? share
                                        : 1;
    }
}

void xf_list_tighten(const struct xf_list *l, struct xf_draw_col *cw)
{
    /* Shortening a unit's line drops the spaces around its "›" (there is
     * no room for them); done for one row alone, "市卫健委›服务大厅" stood
     * under "市住建局 › 审批处". Once one row on screen needs it, the
     * whole column is written so. */
    for (int c = 0; c < l->n_cols; c++) {
        if (cw[c].align != XF_ALIGN_LINE || cw[c].width < 0)
            continue;
        for (int i = 0; i < l->n; i++) {
            const struct xf_list_row *r = &l->rows[i];
            if (c < r->n_cells && r->cells[c] && xf_text_width(r->cells[c]) > cw[c].width) {
                cw[c].align = XF_ALIGN_LINE_TIGHT;
                break;
            }
        }
    }
}

static void draw_row(struct xf_list *l, WINDOW *win, int y, int x, int w,
                     const struct xf_draw_col *cw, int i, bool focused)
{
    if (i >= l->n) {
        xf_draw_fill(win, y, x, w, A_NORMAL);
        return;
    }
    const struct xf_list_row *r = &l->rows[i];
    attr_t a = i == l->sel ? xf_draw_attr(focused ? XF_C_SELECTED : XF_C_SELECTED_DIM)
                           : xf_draw_attr(r->color);
    int n = r->n_cells < l->n_cols ? r->n_cells : l->n_cols;
    xf_draw_columns(win, y, x, w, cw, (const char *const *)r->cells, n, a);
}

static void draw_header(const struct xf_list *l, WINDOW *win, int y, int x, int w,
                        const struct xf_draw_col *cw)
{
    const char *titles[l->n_cols > 0 ? l->n_cols : 1];
    for (int i = 0; i < l->n_cols; i++)
        titles[i] = _(l->cols[i].title);
    xf_draw_columns(win, y, x, w, cw, titles, l->n_cols, xf_draw_attr(XF_C_HEADER));
    /* Rows hidden above the first on screen (a shorter window after a
     * resize kept the selection in sight): the header says so at its
     * end, as a scrolled form's border does; "↑" alone where narrow. */
    if (l->at_top || l->n == 0)
        return;
    const char *mark = _(" \u2191 more ");
    int mw = xf_text_width(mark);
    if (mw * 4 > w)
        mark = "\u2191", mw = 1;
    if (mw <= w)
        xf_draw_text(win, y, x + w - mw, mw, mark, xf_draw_attr(XF_C_HEADER) | A_BOLD);
}

/* An empty list says why when its pane knows (a link to another pane's
 * row), over as many lines as it takes: a cut reason is no reason. */
static void draw_empty(const struct xf_list *l, WINDOW *win, int y, int x, int w)
{
    const char *p = l->empty[0] ? l->empty : _("No records.");
    for (int i = 0; i < l->cap && *p && w > 0; i++) {
        size_t len = i == l->cap - 1 ? strlen(p) : xf_text_wrap_line(p, w);
        xf_draw_printf(win, y + i, x, w, xf_draw_attr(XF_C_DIM), "%.*s", (int)len, p);
        p += len;
        while (*p == ' ')
            p++;
    }
}

void xf_list_draw(struct xf_list *l, WINDOW *win, int y, int x, int w, bool focused, bool full)
{
    struct xf_draw_col cw[l->n_cols > 0 ? l->n_cols : 1];
    xf_list_widths(l, w, cw);
    xf_list_tighten(l, cw);
    bool all = full || l->stale || l->drawn_sel < 0;
    l->first_line = getbegy(win) + y + 1 + 1;
    if (all) {
        draw_header(l, win, y, x, w, cw);
        for (int i = 0; i < l->cap; i++)
            draw_row(l, win, y + 1 + i, x, w, cw, i, focused);
        if (l->n == 0 && l->cap > 0)
            draw_empty(l, win, y + 1, x, w);
    } else if (l->drawn_sel != l->sel) {
        draw_row(l, win, y + 1 + l->drawn_sel, x, w, cw, l->drawn_sel, focused);
        draw_row(l, win, y + 1 + l->sel, x, w, cw, l->sel, focused);
    }
    l->drawn_sel = l->sel;
    l->stale = false;
}

int xf_list_sel_line(const struct xf_list *l)
{
    if (l->first_line <= 0 || l->n == 0 || l->sel < 0 || l->sel >= l->n)
        return -1;
    return l->first_line - 1 + l->sel;
}

static int wider(int w, const char *label)
{
    int lw = xf_text_width(label);
    return lw > w ? lw : w;
}

int xf_list_label_width(const char *header, const char *const *labels, size_t n, int most)
{
    int w = xf_text_width(_(header));
    for (size_t i = 0; i < n; i++)
        w = wider(w, labels[i]);
    return w < most ? w : most;
}

int xf_list_names_width(const char *header, const char *const *names,
                        const char *(*label)(const char *name), int most)
{
    int w = xf_text_width(_(header));
    for (size_t i = 0; names[i]; i++)
        w = wider(w, label(names[i]));
    return w < most ? w : most;
}
