/* The History pane (administrators): the whole database's history newest
 * first — time, user, client, record, action and what changed — filtered
 * by user and dates (`f`), searched by action (`/`); Enter shows an entry
 * in full, H the whole history of the entry's record.
 *
 * The screen is one keyset page below an anchor, the entry just above it;
 * the domain pages both ways from an entry, so paging up, End and Home
 * each read a screenful (End the oldest entries), wherever the screen is
 * in a history of any length. Rows are never held beyond the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history_ui.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_list.h"

/* An action search reads pages of this size and gives up after MAX_SCAN
 * rows without filling the screen (it is a filter over the history, which
 * has no index on actions). */
enum { SCAN_PAGE = 500, MAX_SCAN = 50000, WIDE = 120, ACTOR_MAX = 64 };

enum col { C_AT, C_USER, C_CLIENT, C_RECORD, C_ACTION, C_CHANGES, NCOLS };

static const struct xf_list_col wide_cols[NCOLS] = {
    [C_AT] = {N_("Time"), 19, XF_ALIGN_LEFT, 0},
    [C_USER] = {N_("User"), 12, XF_ALIGN_LEFT, 0},
    [C_CLIENT] = {N_("Client"), 15, XF_ALIGN_LEFT, 0},
    [C_RECORD] = {N_("Record"), 26, XF_ALIGN_LEFT, 0},
    [C_ACTION] = {N_("Action"), 18, XF_ALIGN_LEFT, 0},
    [C_CHANGES] = {N_("Changes"), 0, XF_ALIGN_LEFT, 0},
};

/* Narrow panes leave out the client, the year and the seconds, to give
 * the record its code. */
enum ncol { N_AT, N_USER, N_RECORD, N_ACTION, N_CHANGES, NNCOLS };

static const struct xf_list_col narrow_cols[NNCOLS] = {
    [N_AT] = {N_("Time"), 11, XF_ALIGN_LEFT, 0},
    [N_USER] = {N_("User"), 9, XF_ALIGN_LEFT, 0},
    [N_RECORD] = {N_("Record"), 23, XF_ALIGN_LEFT, 0},
    [N_ACTION] = {N_("Action"), 14, XF_ALIGN_LEFT, 0},
    [N_CHANGES] = {N_("Changes"), 0, XF_ALIGN_LEFT, 0},
};

struct hpane {
    struct xf_pane *p;
    bool allowed;
    struct xf_list list; /* drawing only: its rows mirror rows[] */
    struct xf_history_row *rows; /* the screen, newest first */
    int n, cap, sel;
    int64_t top; /* the entry just above the screen; 0: the screen starts at the newest */
    bool wide;
    bool capped; /* the last read stopped at MAX_SCAN entries without filling */
    char *actor, *since, *until, *action; /* filter and search, NULL = none */
};

/* ---- reading ------------------------------------------------------------------ */

/* The search takes the action's identifier ("complaint.dispatch") or
 * the words shown for it ("dispatch", 派单). */
static bool matches(const struct hpane *h, const struct xf_history_row *r)
{
    return !h->action || (r->action && (strstr(r->action, h->action) ||
                                        strstr(xf_history_action_label(r->action), h->action)));
}

static struct xf_history_filter filter_of(const struct hpane *h)
{
    return (struct xf_history_filter){h->actor, h->since, h->until};
}

/* Up to limit rows that pass the action search into out (room for
 * limit): those older than from_id (0 = the newest), newest first, or
 * with newer those newer than it (0 = the oldest), oldest first. */
static int fetch(struct hpane *h, int64_t from_id, bool newer, int limit,
                 struct xf_history_row *out, int *n_out, struct xf_error *err)
{
    struct xf_history_filter f = filter_of(h);
    const struct xf_ctx *ctx = xf_ui_ctx(h->p->ui);
    int n = 0, scanned = 0;
    *n_out = 0;
    h->capped = false;
    while (n < limit) {
        size_t want = h->action ? SCAN_PAGE : (size_t)(limit - n), k = 0;
        struct xf_history_row *page = NULL;
        int rc = newer ? xf_history_all_newer(ctx, &f, from_id, want, &page, &k, err)
                       : xf_history_all(ctx, &f, from_id, want, &page, &k, err);
        if (rc != XF_OK) {
            for (int i = 0; i < n; i++)
                xf_history_row_clear(&out[i]);
            return rc;
        }
        for (size_t i = 0; i < k; i++) {
            from_id = page[i].id;
            if (n < limit && matches(h, &page[i]))
                out[n++] = page[i];
            else
                xf_history_row_clear(&page[i]);
        }
        free(page);
        scanned += (int)k;
        if (k < want || !h->action)
            break;
        if (scanned >= MAX_SCAN) {
            h->capped = true;
            xf_ui_message(h->p->ui, false,
                          _("The action search stopped after %d entries; narrow it by date "
                            "(f)."),
                          MAX_SCAN);
            break;
        }
    }
    *n_out = n;
    return XF_OK;
}

static void rows_clear(struct hpane *h)
{
    xf_history_rows_free(h->rows, (size_t)h->n);
    h->rows = NULL;
    h->n = 0;
}

/* ---- the list mirror (what xf_list_draw paints) ---------------------------------- */

/* "complaint event TS2026-000267" in width cells: the record's label
 * (its code, or code and quarter: "XFG-00217 2026Q4") is what tells rows
 * apart, so the kind before it is shortened first. kind: the words the
 * record starts with, NULL when it has no label. */
static char *fit_record(char *raw, int width, const char *kind)
{
    char *rec = xf_text_sanitize(raw, false);
    free(raw);
    size_t k = kind ? strlen(kind) : 0;
    if (!rec || !k || strncmp(rec, kind, k) != 0 || rec[k] != ' ' ||
        xf_text_width(rec) <= width)
        return rec;
    const char *label = rec + k;
    int avail = width - xf_text_width(label);
    char out[256];
    if (avail < 3 || k >= sizeof out)
        return rec;
    xf_text_fit(kind, avail, false, out, sizeof out);
    char *fitted = NULL;
    if (asprintf(&fitted, "%s%s", out, label) < 0)
        return rec;
    free(rec);
    return fitted;
}

static void fill_cells(const struct xf_ui *ui, struct xf_list_row *lr,
                       const struct xf_history_row *r, bool wide)
{
    char at[20];
    const char *t = r->at ? r->at : "";
    /* "YYYY-MM-DD HH:MM:SS"; narrow: "MM-DD HH:MM". */
    if (!wide && strlen(t) >= 16)
        snprintf(at, sizeof at, "%.11s", t + 5);
    else
        snprintf(at, sizeof at, "%.19s", t);
    int rec_w = wide ? wide_cols[C_RECORD].width : narrow_cols[N_RECORD].width;
    char *rec = fit_record(xf_history_record(r), rec_w,
                           r->entity_id ? xf_history_entity_label(r->entity) : NULL);
    char *sum = xfh_summary(r);
    int i = 0;
    xf_list_row_set(lr, i++, at);
    xf_list_row_set(lr, i++, xf_ui_name_of(ui, r->actor)); /* "刘洋", not "org" */
    if (wide)
        xf_list_row_set(lr, i++, r->client && *r->client ? r->client : _("local"));
    xf_list_row_set(lr, i++, rec);
    xf_list_row_set(lr, i++, xf_history_action_label(r->action));
    xf_list_row_set(lr, i, sum);
    free(rec);
    free(sum);
}

static void mirror(struct hpane *h)
{
    struct xf_list *l = &h->list;
    xf_list_free(l);
    l->cols = h->wide ? wide_cols : narrow_cols;
    l->n_cols = h->wide ? NCOLS : NNCOLS;
    l->cap = h->cap;
    l->rows = calloc((size_t)(h->cap > 0 ? h->cap : 1), sizeof *l->rows);
    for (int i = 0; l->rows && i < h->n; i++) {
        struct xf_list_row *lr = &l->rows[l->n];
        if (xf_list_row_init(lr, "", h->rows[i].id, l->n_cols) != XF_OK) {
            xf_list_row_clear(lr);
            break;
        }
        fill_cells(h->p->ui, lr, &h->rows[i], h->wide);
        l->n++;
    }
    l->sel = h->sel < l->n ? h->sel : l->n > 0 ? l->n - 1 : 0;
    /* the header's "↑ more" (never set, it was always shown) */
    l->at_top = h->top == 0;
    /* An action search that read its limit and found none says so where
     * it stays ("No records." read as none at all, the message gone). */
    l->empty[0] = '\0';
    if (h->capped && l->n == 0)
        snprintf(l->empty, sizeof l->empty,
                 _("No match in the %d entries read from here; End reads from the oldest, f "
                   "narrows by date."),
                 MAX_SCAN);
    l->stale = true;
    h->p->dirty = h->p->full = true;
}

/* Re-reads the screen below the anchor, keeping the cursor on the same
 * entry when it is still there, else on the same line. */
static int load_screen(struct hpane *h, struct xf_error *err)
{
    int64_t keep = h->sel < h->n ? h->rows[h->sel].id : 0;
    rows_clear(h);
    int rc = XF_OK;
    if (h->cap > 0) {
        h->rows = calloc((size_t)h->cap, sizeof *h->rows);
        rc = h->rows ? fetch(h, h->top, false, h->cap, h->rows, &h->n, err)
                     : xf_err(err, XF_EIO, "", _("out of memory"));
    }
    for (int i = 0; keep && i < h->n; i++)
        if (h->rows[i].id == keep)
            h->sel = i;
    h->sel = h->sel >= h->n ? (h->n > 0 ? h->n - 1 : 0) : h->sel;
    mirror(h);
    return rc;
}

/* Lays the k rows of batch (newest first) under the screen (below) or
 * over it: rows that no longer fit leave by the other edge, and the
 * anchor follows the top. Takes the batch's rows; frees the array. */
static void scroll_in(struct hpane *h, struct xf_history_row *batch, int k, bool below)
{
    int total = h->n + k, drop = total > h->cap ? total - h->cap : 0;
    struct xf_history_row *all = calloc((size_t)(h->cap > 0 ? h->cap : 1), sizeof *all);
    if (!all)
        drop = total; /* out of memory: an empty screen, the anchor kept */
    int m = 0;
    for (int i = 0; i < total; i++) {
        struct xf_history_row *r = below ? (i < h->n ? &h->rows[i] : &batch[i - h->n])
                                         : (i < k ? &batch[i] : &h->rows[i - k]);
        bool gone = below ? i < drop : i >= total - drop;
        if (below && gone && all)
            h->top = r->id;
        if (!gone)
            all[m++] = *r;
        else
            xf_history_row_clear(r);
    }
    free(batch);
    free(h->rows);
    h->rows = all;
    h->n = m;
    h->sel = below ? h->sel - drop : h->sel + k;
}

/* Reads the k entries just newer than from_id (0 = the oldest ones) into
 * a fresh array, newest first, and sets the anchor above them: the one
 * entry more read, or 0 when none was left. */
static int read_above(struct hpane *h, int64_t from_id, int k, struct xf_history_row **out,
                      int *got, struct xf_error *err)
{
    *out = NULL;
    *got = 0;
    struct xf_history_row *batch = calloc((size_t)k + 1, sizeof *batch);
    int n = 0;
    if (!batch)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = fetch(h, from_id, true, k + 1, batch, &n, err);
    if (rc != XF_OK) {
        free(batch);
        return rc;
    }
    h->top = n > k ? batch[k].id : 0;
    if (n > k)
        xf_history_row_clear(&batch[--n]);
    for (int i = 0; i < n / 2; i++) { /* oldest first → newest first */
        struct xf_history_row t = batch[i];
        batch[i] = batch[n - 1 - i];
        batch[n - 1 - i] = t;
    }
    *out = batch;
    *got = n;
    return XF_OK;
}

/* Reads up to k entries below the screen and scrolls them in; returns how
 * many came. */
static int more_below(struct hpane *h, int k, struct xf_error *err)
{
    if (h->n == 0 || k <= 0)
        return 0;
    struct xf_history_row *batch = calloc((size_t)k, sizeof *batch);
    int got = 0;
    if (!batch || fetch(h, h->rows[h->n - 1].id, false, k, batch, &got, err) != XF_OK ||
        got == 0) {
        free(batch);
        return 0;
    }
    scroll_in(h, batch, got, true);
    return got;
}

/* Reads up to k entries above the screen and scrolls them in; returns how
 * many came. */
static int more_above(struct hpane *h, int k, struct xf_error *err)
{
    struct xf_history_row *batch;
    int got = 0;
    int64_t top = h->top;
    if (h->n == 0 || k <= 0 || h->top == 0 ||
        read_above(h, h->rows[0].id, k, &batch, &got, err) != XF_OK)
        return 0;
    if (got == 0) { /* the entries above are gone (a restore): from the newest */
        h->top = top;
        free(batch);
        return 0;
    }
    scroll_in(h, batch, got, false);
    return got;
}

/* ---- moves ---------------------------------------------------------------------- */

/* Down a row or a page; scrolling keeps the cursor's screen line when a
 * whole page came (scroll_in moves h->sel with the rows). */
static int move_down(struct hpane *h, int step, struct xf_error *err)
{
    if (h->sel + step >= h->n && h->n == h->cap)
        more_below(h, step == 1 ? 1 : h->cap, err);
    int target = h->sel + step;
    h->sel = target < h->n ? target : h->n - 1;
    if (h->sel < 0)
        h->sel = 0;
    return XF_OK;
}

/* Up a row or a page; a whole page read above keeps the cursor's screen
 * line (scroll_in moves h->sel with the rows), as paging down does. */
static int move_up(struct hpane *h, int step, struct xf_error *err)
{
    if (step == 1 && h->sel > 0) {
        h->sel--;
        return XF_OK;
    }
    int got = more_above(h, step == 1 ? 1 : h->cap, err);
    int target = h->sel - step;
    h->sel = got == 0 || target < 0 ? 0 : target;
    return err->code ? err->code : XF_OK;
}

/* The oldest screenful, read from the oldest entry upwards. */
static int move_end(struct hpane *h, struct xf_error *err)
{
    struct xf_history_row *batch;
    int got = 0;
    if (h->cap <= 0 || read_above(h, 0, h->cap, &batch, &got, err) != XF_OK)
        return err->code;
    rows_clear(h);
    h->rows = batch;
    h->n = got;
    h->sel = got > 0 ? got - 1 : 0;
    return XF_OK;
}

static int move_cursor(struct hpane *h, enum xf_action a)
{
    struct xf_error err = {0};
    int rc = XF_OK;
    int64_t top = h->n ? h->rows[0].id : 0;
    switch (a) {
    case XF_A_DOWN: rc = move_down(h, 1, &err); break;
    case XF_A_UP: rc = move_up(h, 1, &err); break;
    case XF_A_PAGE_DOWN: rc = move_down(h, h->cap, &err); break;
    case XF_A_PAGE_UP: rc = move_up(h, h->cap, &err); break;
    case XF_A_HOME:
        h->top = 0;
        h->sel = 0;
        rc = load_screen(h, &err);
        h->sel = 0;
        break;
    case XF_A_END: rc = move_end(h, &err); break;
    default: return XF_UI_IGNORED;
    }
    if (rc != XF_OK || err.code)
        xf_ui_error(h->p->ui, &err);
    if (h->n && h->rows[0].id != top)
        mirror(h);
    h->list.sel = h->sel < h->list.n ? h->sel : 0;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* ---- filter and search ---------------------------------------------------------------- */

static void set_str(char **slot, const char *s)
{
    free(*slot);
    *slot = s && *s ? strdup(s) : NULL;
}

enum { F_ACTOR, F_SINCE, F_UNTIL, F_N };

/* The domain checks the dates (and that they are in order) on a
 * one-row read; its errors name "since" or "until", the fields' names. */
static int filter_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct hpane *h = arg;
    struct xf_history_filter hf = {
        *xf_form_text(&f->fields[F_ACTOR]) ? xf_form_text(&f->fields[F_ACTOR]) : NULL,
        *xf_form_text(&f->fields[F_SINCE]) ? xf_form_text(&f->fields[F_SINCE]) : NULL,
        *xf_form_text(&f->fields[F_UNTIL]) ? xf_form_text(&f->fields[F_UNTIL]) : NULL,
    };
    /* A user is found by the name colleagues know (刘洋) as by the login
     * the history keeps (liu.yang): the demo's staff too, now that the
     * list names them (陈静, not dc_chenjing). */
    const char *login = hf.actor;
    if (xf_history_user_login(xf_ui_ctx(h->p->ui)->cfg, hf.actor, "actor", true, &login, err))
        return err->code;
    hf.actor = login;
    struct xf_history_row *rows = NULL;
    size_t n = 0;
    int rc = xf_history_all(xf_ui_ctx(h->p->ui), &hf, 0, 1, &rows, &n, err);
    xf_history_rows_free(rows, n);
    if (rc != XF_OK)
        return rc;
    set_str(&h->actor, hf.actor);
    set_str(&h->since, hf.date_from);
    set_str(&h->until, hf.date_to);
    return XF_OK;
}

static int restart(struct hpane *h)
{
    struct xf_error err = {0};
    h->top = 0;
    h->sel = 0;
    rows_clear(h);
    if (load_screen(h, &err) != XF_OK)
        xf_ui_error(h->p->ui, &err);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* After a new filter or search: the newest entries it finds, the cursor
 * on its entry where that screen has it (read from just above the entry,
 * the newest matches were hidden above it). */
static int refilter(struct hpane *h)
{
    int64_t keep = h->sel < h->n ? h->rows[h->sel].id : 0;
    restart(h);
    for (int i = 0; keep && i < h->n; i++)
        if (h->rows[i].id == keep)
            h->sel = i;
    mirror(h);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* After the filter or the search was cleared (Esc): the cursor stays on
 * its entry where the wider reading has it (the screen read from just
 * above it, its line kept), else the newest entries are shown. The
 * history is keyed by id alone, so one screenful read from the entry
 * tells. */
static int widen(struct hpane *h)
{
    if (h->sel >= h->n || (h->action && !matches(h, &h->rows[h->sel])))
        return restart(h);
    int64_t keep = h->rows[h->sel].id;
    int line = h->sel;
    struct xf_error err = {0};
    h->top = keep + 1; /* entries older than this: from the kept one down */
    h->sel = 0;
    rows_clear(h);
    if (load_screen(h, &err) != XF_OK || h->n == 0 || h->rows[0].id != keep) {
        xf_err_clear(&err);
        return restart(h);
    }
    /* The entries above it, as many as put it back on its line; read
     * even for line 0, to learn the anchor above the screen. */
    struct xf_history_row *batch;
    int got = 0;
    if (read_above(h, keep, line, &batch, &got, &err) == XF_OK) {
        if (got > 0)
            scroll_in(h, batch, got, false);
        else
            free(batch);
    }
    if (err.code)
        xf_ui_error(h->p->ui, &err);
    mirror(h);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

static int filter_run(struct hpane *h)
{
    struct xf_form_field fields[F_N] = {
        [F_ACTOR] = {.name = "actor", .label = _("User"), .kind = XF_FIELD_TEXT,
                     .max_chars = ACTOR_MAX},
        [F_SINCE] = {.name = "since", .label = _("From date"), .kind = XF_FIELD_DATE},
        [F_UNTIL] = {.name = "until", .label = _("To date"), .kind = XF_FIELD_DATE},
    };
    xf_form_set_text(&fields[F_ACTOR], h->actor ? h->actor : "");
    xf_form_set_text(&fields[F_SINCE], h->since ? h->since : "");
    xf_form_set_text(&fields[F_UNTIL], h->until ? h->until : "");
    struct xf_form f = {.title = _("Filter the history (empty = any)"), .fields = fields,
                        .n = F_N, .arg = h, .submit = filter_submit, .applies = true};
    int ok = xf_form_run(h->p->ui, &f);
    xf_form_free(&f);
    return ok ? refilter(h) : XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

static int search_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)err;
    set_str(&((struct hpane *)arg)->action, xf_form_text(&f->fields[0]));
    return XF_OK;
}

static int search_run(struct hpane *h)
{
    struct xf_form_field field = {.name = "action", .label = _("Action contains"),
                                  .kind = XF_FIELD_TEXT, .max_chars = 60};
    xf_form_set_text(&field, h->action ? h->action : "");
    struct xf_form f = {.title = _("Search the history by action (e.g. classify)"), .prompt = true,
                        .fields = &field, .n = 1, .arg = h, .submit = search_submit};
    int ok = xf_form_run(h->p->ui, &f);
    xf_form_free(&f);
    return ok ? refilter(h) : XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* Esc: the action search goes first, then the filter, as in the other
 * lists (one Esc dropped both). */
static int clear_narrowing(struct hpane *h)
{
    if (!h->actor && !h->since && !h->until && !h->action)
        return XF_UI_IGNORED;
    if (h->action) {
        set_str(&h->action, NULL);
        xf_ui_message(h->p->ui, false, "%s", _("Search cleared."));
        return widen(h);
    }
    set_str(&h->actor, NULL);
    set_str(&h->since, NULL);
    set_str(&h->until, NULL);
    xf_ui_message(h->p->ui, false, _("The whole history again."));
    return widen(h);
}

/* ---- pane ops ---------------------------------------------------------------------------- */

static bool history_visible(const struct xf_ctx *ctx)
{
    return xf_perm_allows(ctx, XF_P_HISTORY_ALL);
}

static int history_open(struct xf_pane *p, struct xf_error *err)
{
    struct hpane *h = calloc(1, sizeof *h);
    if (!h)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    h->p = p;
    h->allowed = history_visible(xf_ui_ctx(p->ui));
    xf_list_init(&h->list, narrow_cols, NNCOLS, NULL, NULL, h);
    p->priv = h;
    return XF_OK;
}

static void history_close(struct xf_pane *p)
{
    struct hpane *h = p->priv;
    if (!h)
        return;
    xf_list_free(&h->list);
    rows_clear(h);
    set_str(&h->actor, NULL);
    set_str(&h->since, NULL);
    set_str(&h->until, NULL);
    set_str(&h->action, NULL);
    free(h);
    p->priv = NULL;
}

/* "History · newest first · user 张伟 (zhang.wei) · 2026-05-01 … 2026-05-31 ·
 * / classify · f filter, ..." */
static char *title_text(const struct hpane *h)
{
    char *s = NULL, keys[200];
    const struct xf_hint hints[] = {{XF_A_FILTER, 'f', N_("filter"), 0, 0},
                                    {XF_A_SEARCH, '/', N_("action"), 0, 0},
                                    {XF_A_DETAIL, '\n', N_("entry"), 0, 0},
                                    {XF_A_HISTORY, 'H', N_("record"), 0, 0}};
    /* TRANSLATORS: between the hints of the History pane's title */
    xf_keys_hints(keys, sizeof keys, _(", "), hints, sizeof hints / sizeof hints[0]);
    bool dates = h->since || h->until;
    /* The user as everywhere else, "张伟 (zhang.wei)": the filter is typed
     * by name, and the title read the login alone. */
    char who[160] = "";
    if (h->actor)
        xf_ctx_person(xf_ui_ctx(h->p->ui), h->actor, who, sizeof who);
    if (asprintf(&s, "%s \u00b7 %s%s%s%s%s%s%s%s%s%s%s%s \u00b7 %s", _("History"),
                 _("newest first"), h->actor ? " \u00b7 " : "", h->actor ? _("user ") : "",
                 who, dates ? " \u00b7 " : "", h->since ? h->since : "",
                 h->since ? " " : "", dates ? "\u2026" : "", h->until ? " " : "",
                 h->until ? h->until : "", h->action ? " \u00b7 / " : "",
                 h->action ? h->action : "", keys) < 0)
        return NULL;
    return s;
}

static void history_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct hpane *h = p->priv;
    attr_t ta = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
    if (!h->allowed) {
        xf_draw_text(w, 0, 1, p->w - 1, _("History"), ta);
        xf_draw_text(w, 2, 1, p->w - 2, _("The whole history is for administrators; H shows "
                                          "the history of a record in the other panes."),
                     xf_draw_attr(XF_C_DIM));
        return;
    }
    int cap = p->h - 2 > 0 ? p->h - 2 : 0;
    bool wide = p->w >= WIDE;
    if (cap != h->cap || wide != h->wide || !h->list.rows) {
        struct xf_error err = {0};
        h->cap = cap;
        h->wide = wide;
        if (load_screen(h, &err) != XF_OK)
            xf_ui_error(p->ui, &err);
    }
    bool full = p->full || h->list.stale;
    if (full) {
        char *t = title_text(h);
        xf_draw_text(w, 0, 1, p->w - 1, t ? t : _("History"), ta);
        free(t);
    }
    xf_list_draw(&h->list, w, 1, 0, p->w, focused, full);
}

static int history_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    struct hpane *h = p->priv;
    if (!h->allowed)
        return XF_UI_IGNORED;
    switch (a) {
    case XF_A_FILTER: return filter_run(h);
    case XF_A_SEARCH: return search_run(h);
    case XF_A_BACK: return raw == XF_KEY_ESC ? clear_narrowing(h) : XF_UI_IGNORED; /* q quits */
    case XF_A_SORT:
        xf_ui_message(p->ui, false, _("The history is always newest first."));
        return XF_UI_HANDLED;
    default: return move_cursor(h, a);
    }
}

static int history_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct hpane *h = p->priv;
    if (!h->allowed || h->cap == 0)
        return XF_OK;
    return load_screen(h, err);
}

static int history_detail(struct xf_pane *p)
{
    struct hpane *h = p->priv;
    if (!h->allowed || h->sel >= h->n)
        return XF_UI_HANDLED;
    return xfh_show_entry(p->ui, &h->rows[h->sel]);
}

static int history_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct hpane *h = p->priv;
    int r = xf_list_click(&h->list, y - 2);
    h->sel = h->list.sel;
    return r;
}

static int history_selected(struct xf_pane *p, const char **entity, int64_t *id)
{
    struct hpane *h = p->priv;
    if (!h->allowed || h->sel >= h->n)
        return -1;
    *entity = h->rows[h->sel].entity;
    *id = h->rows[h->sel].entity_id;
    return 0;
}

const struct xf_pane_ops xf_pane_history = {
    .name = "history",
    .title = N_("History"),
    .open = history_open,
    .close = history_close,
    .draw = history_draw,
    .key = history_key,
    .refresh = history_refresh,
    /* Its forms (filter, search) hold only what was typed. */
    .refresh_under_form = true,
    .detail = history_detail,
    .click = history_click,
    .selected = history_selected,
    .visible = history_visible,
};
