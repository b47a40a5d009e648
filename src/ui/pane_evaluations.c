/* The Evaluations pane: quarters, newest first, with posts evaluated,
 * passed, failed, pass rate and mean; Enter opens a quarter's evaluations
 * (keyset-paged, by post code) with each group's score, the weighted
 * result and pass/fail. `n` enters an evaluation (organiser). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluations_priv.h"
#include "xf/i18n.h"
#include "xf/table.h"
#include "xf/ui_form.h"
#include "xf/ui_draw.h"

enum qcol { QC_QUARTER, QC_EVALUATED, QC_PASSED, QC_FAILED, QC_RATE, QC_MEAN, QC_N };
enum dcol {
    DC_CODE,
    DC_TITLE,
    DC_UNIT,
    DC_DEPUTIES,
    DC_RECIPIENTS,
    DC_PUBLIC,
    DC_RESULT,
    DC_PASS,
    DC_N
};

static const struct xf_list_col qcols[QC_N] = {
    [QC_QUARTER] = {N_("Quarter"), 8, XF_ALIGN_LEFT, 0},
    [QC_EVALUATED] = {N_("Evaluated"), 9, XF_ALIGN_RIGHT, 0},
    [QC_PASSED] = {N_("Passed"), 7, XF_ALIGN_RIGHT, 0},
    [QC_FAILED] = {N_("Failed"), 7, XF_ALIGN_RIGHT, 0},
    [QC_RATE] = {N_("Pass rate"), 9, XF_ALIGN_RIGHT, 0},
    [QC_MEAN] = {N_("Mean"), 6, XF_ALIGN_RIGHT, 0},
};

static const struct xf_list_col dcols[DC_N] = {
    [DC_CODE] = {N_("Code"), 9, XF_ALIGN_TAIL, 0},
    [DC_TITLE] = {N_("Post"), 0, XF_ALIGN_LEFT, 0},
    /* Many posts share a title ("综合受理先锋岗"): the unit tells them apart. */
    [DC_UNIT] = {N_("Unit"), 0, XF_ALIGN_LINE, 0},
    [DC_DEPUTIES] = {N_("Deputies"), 8, XF_ALIGN_RIGHT, 0},
    [DC_RECIPIENTS] = {N_("Recipients"), 10, XF_ALIGN_RIGHT, 0},
    [DC_PUBLIC] = {N_("Public"), 6, XF_ALIGN_RIGHT, 0},
    [DC_RESULT] = {N_("Result"), 6, XF_ALIGN_RIGHT, 0},
    [DC_PASS] = {N_("Pass"), 6, XF_ALIGN_LEFT, 0},
};

/* ---- quarters: a handful of rows, read whole and paged from memory -------- */

static void free_quarters(struct evals *ev)
{
    for (int i = 0; i < ev->nq; i++)
        free(ev->q[i].quarter);
    free(ev->q);
    ev->q = NULL;
    ev->nq = 0;
}

static void add_quarter(void *arg, const struct xf_eval_quarter_stats *row)
{
    struct evals *ev = arg;
    struct quarter_row *q = realloc(ev->q, (size_t)(ev->nq + 1) * sizeof *q);
    if (!q)
        return;
    ev->q = q;
    q[ev->nq] = (struct quarter_row){strdup(row->quarter), row->evaluated, row->passed,
                                     row->mean};
    if (q[ev->nq].quarter)
        ev->nq++;
}

static int read_quarters(struct evals *ev, struct xf_error *err)
{
    free_quarters(ev);
    return xf_evaluation_quarters(xf_ui_ctx(ev->pane->ui), ev->pane->link_unit,
                                  ev->pane->link_post, add_quarter, ev, err);
}

/* Newest first: the key is the quarter's distance from the far future. */
static int64_t quarter_key(const char *quarter, char out[16])
{
    int y = 0, n = 0;
    sscanf(quarter, "%4dQ%1d", &y, &n);
    snprintf(out, 16, "%06d", 999999 - (y * 10 + n));
    return y * 10 + n; /* the row's id: stable when new quarters appear */
}

static void quarter_cells(struct xf_list_row *r, const struct quarter_row *q)
{
    char b[4][32];
    snprintf(b[0], sizeof b[0], "%" PRId64, q->evaluated);
    snprintf(b[1], sizeof b[1], "%" PRId64, q->passed);
    snprintf(b[2], sizeof b[2], "%" PRId64, q->evaluated - q->passed);
    snprintf(b[3], sizeof b[3], "%.1f%%",
             q->evaluated ? xf_table_round1(100.0 * (double)q->passed / (double)q->evaluated)
                          : 0.0);
    xf_list_row_set(r, QC_QUARTER, q->quarter);
    xf_list_row_set(r, QC_EVALUATED, b[0]);
    xf_list_row_set(r, QC_PASSED, b[1]);
    xf_list_row_set(r, QC_FAILED, b[2]);
    xf_list_row_set(r, QC_RATE, b[3]);
    char mean[16];
    xf_evaluation_score_text(q->mean, mean); /* 79.96, not "80.0" beside a fail */
    xf_list_row_set(r, QC_MEAN, mean);
}

static int cmp_key(const char *k, int64_t id, const struct xf_list_key *from)
{
    int c = strcmp(k, from->sort);
    return c ? c : (id > from->id) - (id < from->id);
}

static int fetch_quarters(void *arg, const struct xf_list_key *from, enum xf_list_dir dir,
                          int limit, struct xf_list_row *rows, int *n_out, struct xf_error *err)
{
    struct evals *ev = arg;
    (void)err;
    int n = 0;
    /* ev->q is oldest first, so ascending keys run from its end. */
    for (int k = 0; k < ev->nq && n < limit; k++) {
        int i = dir == XF_LIST_BEFORE ? k : ev->nq - 1 - k;
        char key[16];
        int64_t id = quarter_key(ev->q[i].quarter, key);
        if (from) {
            int c = cmp_key(key, id, from);
            if ((dir == XF_LIST_AFTER && c <= 0) || (dir == XF_LIST_FROM && c < 0) ||
                (dir == XF_LIST_BEFORE && c >= 0))
                continue;
        }
        if (xf_list_row_init(&rows[n], key, id, QC_N) != XF_OK) {
            xf_list_row_clear(&rows[n]);
            break;
        }
        quarter_cells(&rows[n], &ev->q[i]);
        n++;
    }
    *n_out = n;
    return XF_OK;
}

/* ---- one quarter's evaluations ------------------------------------------------ */

struct dsink {
    struct xf_list_row *rows;
    int n, limit;
};

static void group_cell(struct xf_list_row *r, int col, const struct xf_group_score *g)
{
    char b[32] = "\u2013";
    if (g->respondents > 0)
        xf_evaluation_score_text(g->score, b);
    xf_list_row_set(r, col, b);
}

static void add_eval(void *arg, const struct xf_eval_item *it)
{
    struct dsink *k = arg;
    if (k->n >= k->limit)
        return;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, it->post_code, it->id, DC_N) != XF_OK) {
        xf_list_row_clear(r);
        return;
    }
    char b[32];
    xf_list_row_set(r, DC_CODE, it->post_code);
    xf_list_row_set(r, DC_TITLE, it->post_title);
    xf_list_row_set(r, DC_UNIT, it->unit_name);
    group_cell(r, DC_DEPUTIES, &it->groups[XF_GROUP_DEPUTIES]);
    group_cell(r, DC_RECIPIENTS, &it->groups[XF_GROUP_RECIPIENTS]);
    group_cell(r, DC_PUBLIC, &it->groups[XF_GROUP_PUBLIC]);
    xf_evaluation_score_text(it->score, b);
    xf_list_row_set(r, DC_RESULT, b);
    xf_list_row_set(r, DC_PASS, it->passed ? _("pass") : _("fail"));
    r->unit_id = it->unit_id;
    r->post_id = it->post_id;
    r->color = it->passed ? XF_C_NORMAL : XF_C_ALERT;
    k->n++;
}

static int fetch_evals(void *arg, const struct xf_list_key *from, enum xf_list_dir dir,
                       int limit, struct xf_list_row *rows, int *n_out, struct xf_error *err)
{
    struct evals *ev = arg;
    struct dsink k = {rows, 0, limit};
    enum xf_eval_dir d = dir == XF_LIST_AFTER  ? XF_EVAL_AFTER
                         : dir == XF_LIST_FROM ? XF_EVAL_FROM
                                               : XF_EVAL_BEFORE;
    int rc = xf_evaluation_page(xf_ui_ctx(ev->pane->ui), ev->quarter, ev->pane->link_unit,
                                ev->pane->link_post, ev->query, from ? from->sort : NULL,
                                from ? from->id : 0, d, limit, add_eval, &k, err);
    *n_out = k.n;
    return rc;
}

/* ---- pane ops -------------------------------------------------------------------- */

static struct xf_list *current(struct evals *ev)
{
    return ev->quarter ? &ev->detail : &ev->quarters;
}

static void reload(struct evals *ev)
{
    struct xf_error err = {0};
    if (xf_list_reload(current(ev), &err) != XF_OK)
        xf_ui_error(ev->pane->ui, &err);
    ev->pane->dirty = ev->pane->full = true;
}

static int evals_open(struct xf_pane *p, struct xf_error *err)
{
    struct evals *ev = calloc(1, sizeof *ev);
    if (!ev)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    ev->pane = p;
    p->priv = ev;
    xf_list_init(&ev->quarters, qcols, QC_N, fetch_quarters, NULL, ev);
    xf_list_init(&ev->detail, dcols, DC_N, fetch_evals, NULL, ev);
    return read_quarters(ev, err);
}

static void evals_close(struct xf_pane *p)
{
    struct evals *ev = p->priv;
    if (!ev)
        return;
    xf_list_free(&ev->quarters);
    xf_list_free(&ev->detail);
    free_quarters(ev);
    free(ev->quarter);
    free(ev->query);
    free(ev);
    p->priv = NULL;
}

static void evals_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct evals *ev = p->priv;
    struct xf_list *l = current(ev);
    struct xf_error err = {0};
    if (xf_list_set_height(l, p->h > 2 ? p->h - 2 : 0, &err) != XF_OK) /* title, header */
        xf_ui_error(p->ui, &err);
    if (p->full || l->stale) {
        attr_t a = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
        char linked[300] = "", keys[300];
        if (p->link_unit || p->link_post)
            xf_ui_linked_note(p->ui, p->link_unit, p->link_post, linked, sizeof linked);
        bool may = xf_perm_allows(xf_ui_ctx(p->ui), XF_P_EVAL_EDIT);
        const struct xf_hint quarter[] = { /* `e` only for those who may correct */
            {XF_A_SEARCH, '/', N_("search"), 0, 0},
            {may ? XF_A_EDIT : XF_A_NONE, 'e', N_("correct"), 0, 0},
            {XF_A_BACK, 'q', N_("back"), 0, 0}};
        const struct xf_hint quarters[] = {{XF_A_DETAIL, '\n', N_("opens a quarter"), 0, 0},
                                           {XF_A_AWARDS, 'A', N_("annual awards"), 0, 0}};
        if (ev->quarter) {
            xf_keys_hints(keys, sizeof keys, " \u00b7 ", quarter, 3);
            xf_draw_printf(w, 0, 1, p->w - 1, a, _("Evaluations of %s%s%s%s \u00b7 %s"),
                           ev->quarter, ev->query ? " \u00b7 / " : "", ev->query ? ev->query : "",
                           linked, keys);
        } else {
            /* the link before the keys: a narrow pane cuts the end */
            xf_keys_hints(keys, sizeof keys, " \u00b7 ", quarters, 2);
            xf_draw_printf(w, 0, 1, p->w - 1, a, "%s%s \u00b7 %s", _("Evaluations by quarter"),
                           linked, keys);
        }
    }
    if (l->n == 0)
        xf_ui_linked_empty(p->ui, p->link_unit, p->link_post, ev->query != NULL, l->empty,
                           sizeof l->empty);
    xf_list_draw(l, w, 1, 0, p->w, focused, p->full);
}

static int open_quarter(struct evals *ev)
{
    const struct xf_list_row *r = xf_list_selected(&ev->quarters);
    if (!r)
        return XF_UI_HANDLED;
    free(ev->quarter);
    ev->quarter = strdup(r->cells[QC_QUARTER]);
    xf_list_free(&ev->detail);
    reload(ev);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int search_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct evals *ev = arg;
    const char *q = xf_form_text(&f->fields[0]);
    if (strlen(q) > 4 * XF_EVAL_LIKE_MAX)
        return xf_err(err, XF_EINVAL, "query", _("at most %d characters"), XF_EVAL_LIKE_MAX);
    free(ev->query);
    ev->query = *q ? strdup(q) : NULL;
    return XF_OK;
}

/* `/` in an open quarter: the posts whose code, title or unit holds the
 * text (a quarter has one row per evaluated post: hundreds). */
static int search(struct evals *ev)
{
    struct xf_form_field field = {.name = "query", .label = _("Post or unit"),
                                  .kind = XF_FIELD_TEXT, .max_chars = XF_EVAL_LIKE_MAX};
    xf_form_set_text(&field, ev->query ? ev->query : "");
    struct xf_form f = {.title = _("Search this quarter's evaluations (empty: show all)"),
                        .fields = &field, .n = 1, .arg = ev, .submit = search_submit,
                        .prompt = true};
    int ok = xf_form_run(ev->pane->ui, &f);
    xf_form_free(&f);
    if (ok) {
        xf_list_free(&ev->detail);
        reload(ev);
    }
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

static int evals_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    (void)raw;
    struct evals *ev = p->priv;
    if (a == XF_A_NEW)
        return evaluations_enter(ev);
    if (a == XF_A_AWARDS)
        return evaluations_awards(ev);
    if (a == XF_A_SEARCH && ev->quarter)
        return search(ev);
    if (a == XF_A_EDIT) {
        const struct xf_list_row *r = ev->quarter ? xf_list_selected(&ev->detail) : NULL;
        if (!xf_perm_allows(xf_ui_ctx(p->ui), XF_P_EVAL_EDIT)) { /* before where to go */
            xf_ui_message(
                p->ui, true,
                ev->quarter
                    ? _("Your role may not correct evaluations: organisers and administrators do.")
                    : _("Your role may not enter evaluations: organisers and administrators do."));
            return XF_UI_HANDLED;
        }
        if (r)
            return evaluations_correct(ev, r->key.id);
        if (ev->quarter) { /* open, but a link or a search left nothing in it */
            xf_ui_message(p->ui, false, "%s", _("No evaluation is listed here to correct."));
            return XF_UI_HANDLED;
        }
        char k[32];
        xf_ui_message(p->ui, false, _("Open a quarter (%s) and choose an evaluation to correct."),
                      xf_keys_hint_name(XF_A_DETAIL, '\n', k, sizeof k));
        return XF_UI_HANDLED;
    }
    if (a == XF_A_BACK && ev->quarter) {
        free(ev->quarter);
        ev->quarter = NULL;
        free(ev->query);
        ev->query = NULL;
        p->dirty = p->full = true;
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    struct xf_error err = {0};
    int r = xf_list_move(current(ev), a, &err);
    if (err.code)
        xf_ui_error(p->ui, &err);
    return r;
}

static int evals_detail(struct xf_pane *p)
{
    struct evals *ev = p->priv;
    if (!ev->quarter)
        return open_quarter(ev);
    return XF_UI_HANDLED;
}

static int evals_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct evals *ev = p->priv;
    p->dirty = p->full = true;
    int rc = read_quarters(ev, err);
    if (!rc)
        rc = xf_list_reload(&ev->quarters, err);
    if (!rc && ev->quarter)
        rc = xf_list_reload(&ev->detail, err);
    return rc;
}

static int evals_link(struct xf_pane *p, int64_t unit_id, int64_t post_id)
{
    struct evals *ev = p->priv;
    p->link_unit = unit_id;
    p->link_post = post_id;
    /* The quarters' counts are the linked unit's or post's too. */
    struct xf_error err = {0};
    if (read_quarters(ev, &err) != XF_OK)
        xf_ui_error(p->ui, &err);
    xf_list_free(&ev->quarters);
    xf_list_free(&ev->detail);
    reload(ev);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int evals_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct evals *ev = p->priv;
    return xf_list_click(current(ev), y - 2);
}

/* H: an evaluation of the open quarter (a quarter itself is no record). */
static int evals_selected(struct xf_pane *p, const char **entity, int64_t *id)
{
    struct evals *ev = p->priv;
    const struct xf_list_row *r = ev->quarter ? xf_list_selected(&ev->detail) : NULL;
    *entity = "evaluation";
    *id = r ? r->key.id : 0;
    return *id > 0 ? 0 : -1;
}

const struct xf_pane_ops xf_pane_evaluations = {
    .name = "evaluations",
    .title = N_("Evaluations"),
    .open = evals_open,
    .close = evals_close,
    .draw = evals_draw,
    .key = evals_key,
    .refresh = evals_refresh,
    /* The quarters' counts are re-read; the forms hold the evaluation's
     * id and their own copy of the quarter. */
    .refresh_under_form = true,
    .detail = evals_detail,
    .link = evals_link,
    .click = evals_click,
    .selected = evals_selected,
};
