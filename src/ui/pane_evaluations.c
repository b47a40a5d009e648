/* The Evaluations pane: quarters, newest first, with posts evaluated,
 * passed, failed, pass rate and mean; Enter opens a quarter's evaluations
 * (keyset-paged, by post code or the worst result first) with each
 * group's score, the weighted result and pass/fail; `f` narrows it to the
 * failures or the passes, or lists the posts still without an evaluation
 * for the quarter. `n` enters an evaluation (organiser). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluations_priv.h"
#include "xf/date.h"
#include "xf/post.h"
#include "xf/i18n.h"
#include "xf/table.h"
#include "xf/text.h"
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
    /* the weighted score, named as in Posts and on the card ("Result" read
     * as the pass or fail beside it) */
    [DC_RESULT] = {N_("Score"), 6, XF_ALIGN_RIGHT, 0},
    [DC_PASS] = {N_("Pass"), 6, XF_ALIGN_LEFT, 0},
};

enum mcol { MC_CODE, MC_TITLE, MC_UNIT, MC_STATUS, MC_PUBLISHED, MC_N };

static const struct xf_list_col mcols[MC_N] = {
    [MC_CODE] = {N_("Code"), 9, XF_ALIGN_TAIL, 0},
    [MC_TITLE] = {N_("Post"), 0, XF_ALIGN_LEFT, 0},
    [MC_UNIT] = {N_("Unit"), 0, XF_ALIGN_LINE, 0},
    [MC_STATUS] = {N_("Status"), 9, XF_ALIGN_LEFT, 0},
    [MC_PUBLISHED] = {N_("Published"), 10, XF_ALIGN_LEFT, 60},
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

static int by_quarter(const void *a, const void *b)
{
    return strcmp(((const struct quarter_row *)a)->quarter,
                  ((const struct quarter_row *)b)->quarter);
}

/* Whether the linked post (if any) can be evaluated for a quarter open
 * today; when not, ev->no_open says why. A post published in the running
 * quarter was shown the last one with 0 evaluated, a quarter it can
 * never be evaluated for. */
static bool linked_post_open(struct evals *ev, const char *today)
{
    ev->no_open[0] = '\0';
    if (!ev->pane->link_post)
        return true;
    struct xf_post p = {0};
    struct xf_error err = {0};
    if (xf_post_get(xf_ui_ctx(ev->pane->ui), ev->pane->link_post, &p, &err) != XF_OK)
        return true; /* the list says what it can */
    if (xf_evaluation_check_post(&p, &err) != XF_OK)
        xf_ui_err_sentence(&err, ev->no_open, sizeof ev->no_open); /* above the list */
    else
        xf_evaluation_post_waits(&p, today, ev->no_open, sizeof ev->no_open);
    xf_post_clear(&p);
    return !ev->no_open[0];
}

/* The quarters evaluated, and the one open for evaluation even before its
 * first evaluation: its list of posts not yet evaluated is the organiser's
 * work list (it could not be opened until one was entered). */
static int read_quarters(struct evals *ev, struct xf_error *err)
{
    free_quarters(ev);
    int rc = xf_evaluation_quarters(xf_ui_ctx(ev->pane->ui), ev->pane->link_unit,
                                    ev->pane->link_post, add_quarter, ev, err);
    char today[XF_DATE_LEN], open[7];
    xf_date_today(today);
    xf_evaluation_default_quarter(today, open);
    if (!linked_post_open(ev, today))
        return rc;
    for (int i = 0; i < ev->nq; i++)
        if (!strcmp(ev->q[i].quarter, open))
            return rc;
    if (rc == XF_OK && *open) {
        add_quarter(ev, &(struct xf_eval_quarter_stats){.quarter = open});
        qsort(ev->q, (size_t)ev->nq, sizeof *ev->q, by_quarter);
    }
    return rc;
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
    if (q->evaluated)
        snprintf(b[3], sizeof b[3], "%.1f%%",
                 xf_table_round1(100.0 * (double)q->passed / (double)q->evaluated));
    else /* the quarter open for evaluation, none entered yet */
        snprintf(b[3], sizeof b[3], "\u2013");
    xf_list_row_set(r, QC_QUARTER, q->quarter);
    xf_list_row_set(r, QC_EVALUATED, b[0]);
    xf_list_row_set(r, QC_PASSED, b[1]);
    xf_list_row_set(r, QC_FAILED, b[2]);
    xf_list_row_set(r, QC_RATE, b[3]);
    char mean[16] = "\u2013";
    if (q->evaluated)
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
    bool by_score;
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
    char key[32];
    snprintf(key, sizeof key, "%.17g", it->score); /* read back exactly */
    if (xf_list_row_init(r, k->by_score ? key : it->post_code, it->id, DC_N) != XF_OK) {
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

static void filter_of(const struct evals *ev, struct xf_eval_filter *f)
{
    static const enum xf_eval_result results[] = {
        [SHOW_ALL] = XF_EVAL_ANY, [SHOW_FAILED] = XF_EVAL_FAILED,
        [SHOW_PASSED] = XF_EVAL_PASSED, [SHOW_MISSING] = XF_EVAL_ANY};
    *f = (struct xf_eval_filter){.quarter = ev->quarter, .unit_id = ev->pane->link_unit,
                                 .post_id = ev->pane->link_post, .like = ev->query,
                                 .result = results[ev->show],
                                 .order = ev->by_score ? XF_EVAL_BY_SCORE : XF_EVAL_BY_CODE};
}

static enum xf_eval_dir eval_dir(enum xf_list_dir dir)
{
    return dir == XF_LIST_AFTER ? XF_EVAL_AFTER : dir == XF_LIST_FROM ? XF_EVAL_FROM
                                                                      : XF_EVAL_BEFORE;
}

static int fetch_evals(void *arg, const struct xf_list_key *from, enum xf_list_dir dir,
                       int limit, struct xf_list_row *rows, int *n_out, struct xf_error *err)
{
    struct evals *ev = arg;
    struct dsink k = {rows, 0, limit, ev->by_score};
    struct xf_eval_filter f;
    filter_of(ev, &f);
    int rc = xf_evaluation_page(xf_ui_ctx(ev->pane->ui), &f, from ? from->sort : NULL,
                                from ? from->id : 0, eval_dir(dir), limit, add_eval, &k, err);
    *n_out = k.n;
    return rc;
}

/* Where an evaluation sorts now (a correction moves it in score order),
 * so that the cursor stays on it. */
static int locate_eval(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err)
{
    struct evals *ev = arg;
    const struct xf_ctx *ctx = xf_ui_ctx(ev->pane->ui);
    struct xf_evaluation e = {0};
    struct xf_post p = {0};
    int rc = xf_evaluation_get(ctx, id, &e, err);
    char score[32];
    snprintf(score, sizeof score, "%.17g", e.score);
    if (!rc && !ev->by_score)
        rc = xf_post_get(ctx, e.post_id, &p, err);
    if (!rc) {
        key->sort = strdup(ev->by_score ? score : p.code);
        key->id = id;
        if (!key->sort)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    xf_post_clear(&p);
    xf_evaluation_clear(&e);
    return rc;
}

/* ---- the posts of the open quarter not yet evaluated --------------------------- */

static void add_missing(void *arg, const struct xf_eval_missing *m)
{
    struct dsink *k = arg;
    if (k->n >= k->limit)
        return;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, m->post_code, m->post_id, MC_N) != XF_OK) {
        xf_list_row_clear(r);
        return;
    }
    int s = xf_post_status_parse(m->status);
    xf_list_row_set(r, MC_CODE, m->post_code);
    xf_list_row_set(r, MC_TITLE, m->post_title);
    xf_list_row_set(r, MC_UNIT, m->unit_name);
    xf_list_row_set(r, MC_STATUS,
                    s >= 0 ? xf_post_status_label((enum xf_post_status)s) : m->status);
    xf_list_row_set(r, MC_PUBLISHED, m->published_on);
    r->unit_id = m->unit_id;
    r->post_id = m->post_id;
    k->n++;
}

static int fetch_missing(void *arg, const struct xf_list_key *from, enum xf_list_dir dir,
                         int limit, struct xf_list_row *rows, int *n_out, struct xf_error *err)
{
    struct evals *ev = arg;
    struct dsink k = {rows, 0, limit, false};
    struct xf_eval_filter f;
    filter_of(ev, &f);
    int rc = xf_evaluation_missing_page(xf_ui_ctx(ev->pane->ui), &f, from ? from->sort : NULL,
                                        from ? from->id : 0, eval_dir(dir), limit, add_missing,
                                        &k, err);
    *n_out = k.n;
    return rc;
}

static int locate_missing(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err)
{
    struct evals *ev = arg;
    struct xf_post p = {0};
    int rc = xf_post_get(xf_ui_ctx(ev->pane->ui), id, &p, err);
    if (!rc && !(key->sort = strdup(p.code)))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    key->id = id;
    xf_post_clear(&p);
    return rc;
}

/* The title's count of what is left; -1 when it could not be read. */
static void count_missing(struct evals *ev)
{
    struct xf_eval_filter f;
    struct xf_error err = {0};
    filter_of(ev, &f);
    if (ev->show != SHOW_MISSING ||
        xf_evaluation_missing_count(xf_ui_ctx(ev->pane->ui), &f, &ev->n_missing, &err) != XF_OK)
        ev->n_missing = -1;
}

/* ---- pane ops -------------------------------------------------------------------- */

static struct xf_list *current(struct evals *ev)
{
    return !ev->quarter ? &ev->quarters : ev->show == SHOW_MISSING ? &ev->missing : &ev->detail;
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
    xf_list_init(&ev->detail, dcols, DC_N, fetch_evals, locate_eval, ev);
    xf_list_init(&ev->missing, mcols, MC_N, fetch_missing, locate_missing, ev);
    return read_quarters(ev, err);
}

static void evals_close(struct xf_pane *p)
{
    struct evals *ev = p->priv;
    if (!ev)
        return;
    xf_list_free(&ev->quarters);
    xf_list_free(&ev->detail);
    xf_list_free(&ev->missing);
    free_quarters(ev);
    free(ev->quarter);
    free(ev->query);
    free(ev);
    p->priv = NULL;
}

/* A search or a filter narrows the open quarter (a link from another pane
 * is L's to undo); Esc takes them away, the search first. */
static bool narrowed(const struct evals *ev)
{
    return ev->quarter && (ev->query || ev->show != SHOW_ALL);
}

/* "Failed evaluations of 2026Q3 · worst first", "2026Q3: 266 posts not
 * yet evaluated". */
static void quarter_title(const struct evals *ev, char *out, size_t size)
{
    switch (ev->show) {
    case SHOW_MISSING:
        if (ev->n_missing >= 0)
            snprintf(out, size, ngettext("%s: %lld post not yet evaluated",
                                         "%s: %lld posts not yet evaluated",
                                         (unsigned long)ev->n_missing),
                     ev->quarter, (long long)ev->n_missing);
        else
            snprintf(out, size, _("%s: posts not yet evaluated"), ev->quarter);
        return; /* by code only */
    case SHOW_FAILED: snprintf(out, size, _("Failed evaluations of %s"), ev->quarter); break;
    case SHOW_PASSED: snprintf(out, size, _("Passed evaluations of %s"), ev->quarter); break;
    default: snprintf(out, size, _("Evaluations of %s"), ev->quarter); break;
    }
    if (ev->by_score) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, " \u00b7 %s", _("worst first"));
    }
}

/* The title: what is listed, then the link, cut to the room left (a
 * long title is cut itself, its code kept). */
static void title_draw(struct xf_pane *p, WINDOW *w, attr_t a, const char *what)
{
    int room = p->w - 1, used = xf_text_width(what);
    char linked[300] = "", cut[600];
    if (p->link_unit || p->link_post) {
        /* What is listed gives way to the link's shortest form (which
         * names the unit or post, and the key that clears it) only. */
        xf_ui_linked_note_fit(p->ui, p->link_unit, p->link_post, 0, linked, sizeof linked);
        int least = xf_text_width(linked);
        if (used + least > room && room - least >= 8) {
            xf_text_fit(what, room - least, false, cut, sizeof cut);
            what = cut;
            used = xf_text_width(what);
        }
        xf_ui_linked_note_fit(p->ui, p->link_unit, p->link_post, room - used, linked,
                              sizeof linked);
    }
    xf_draw_printf(w, 0, 1, room, a, "%s%s", what, linked);
}

/* The keys of the view on the pane's last line, as the other panes have
 * them (they stood at the end of the title, where a post's link left
 * them none at 80 columns). Those that do not fit give way whole from
 * the end (? lists them all). */
static void draw_hints(struct evals *ev, WINDOW *w, int y)
{
    struct xf_pane *p = ev->pane;
    bool may = xf_perm_allows(xf_ui_ctx(p->ui), XF_P_EVAL_EDIT);
    bool missing = ev->show == SHOW_MISSING;
    /* `e` and `n` only for those who may; n was first offered only among
     * the posts not yet evaluated, and an organiser in a trial found no
     * way to enter one. */
    const struct xf_hint quarter[] = {
        {may ? XF_A_NEW : XF_A_NONE, 'n', missing ? N_("enter its evaluation") : N_("new"), 0, 0},
        {narrowed(ev) ? XF_A_BACK : XF_A_NONE, XF_KEY_ESC, N_("clear"), 0, 0},
        {XF_A_FILTER, 'f', N_("filter"), 0, 0},
        {missing ? XF_A_NONE : XF_A_SORT, 's', N_("sort"), 0, 0},
        {XF_A_SEARCH, '/', N_("search"), 0, 0},
        {may && !missing ? XF_A_EDIT : XF_A_NONE, 'e', N_("correct"), 0, 0},
        {XF_A_BACK, 'q', N_("back"), 0, 0}};
    const struct xf_hint quarters[] = {{XF_A_DETAIL, '\n', N_("opens a quarter"), 0, 0},
                                       {may ? XF_A_NEW : XF_A_NONE, 'n', N_("new"), 0, 0},
                                       {XF_A_AWARDS, 'A', N_("annual awards"), 0, 0}};
    const struct xf_hint *h = ev->quarter ? quarter : quarters;
    size_t n = ev->quarter ? sizeof quarter / sizeof *quarter : sizeof quarters / sizeof *quarters;
    char buf[400];
    do
        xf_keys_hints(buf, sizeof buf, "  ", h, n--);
    while (n > 0 && xf_text_width(buf) > p->w);
    xf_draw_text(w, y, 0, p->w, buf, xf_draw_attr(XF_C_DIM));
}

/* A quarter with no evaluation yet says how to enter one and where the
 * posts waiting for one are (an office's first quarter showed "No
 * records." under a title of keys). */
static void empty_quarter(const struct evals *ev, struct xf_list *l)
{
    char n[32], f[32];
    bool may = xf_perm_allows(xf_ui_ctx(ev->pane->ui), XF_P_EVAL_EDIT);
    if (!xf_keys_hint_key(XF_A_FILTER, 'f', f, sizeof f))
        return;
    if (may && xf_keys_hint_key(XF_A_NEW, 'n', n, sizeof n))
        snprintf(l->empty, sizeof l->empty,
                 _("No evaluations for %s yet. %s enters one; %s, Show: posts not yet "
                   "evaluated lists the posts waiting for theirs."),
                 ev->quarter, n, f);
    else
        snprintf(l->empty, sizeof l->empty,
                 _("No evaluations for %s yet; %s, Show: posts not yet evaluated lists the "
                   "posts waiting for theirs."),
                 ev->quarter, f);
}

static void evals_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct evals *ev = p->priv;
    struct xf_list *l = current(ev);
    struct xf_error err = {0};
    /* the title and the column header take two lines, the keys one */
    bool hints = p->h >= 10;
    int rows = p->h - 2 - (hints ? 1 : 0);
    if (xf_list_set_height(l, rows > 0 ? rows : 0, &err) != XF_OK)
        xf_ui_error(p->ui, &err);
    bool full = p->full || l->stale;
    if (full) {
        attr_t a = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
        char what[400];
        if (ev->quarter) {
            char head[200];
            quarter_title(ev, head, sizeof head);
            snprintf(what, sizeof what, "%s%s%s", head, ev->query ? " \u00b7 / " : "",
                     ev->query ? ev->query : "");
        } else {
            snprintf(what, sizeof what, "%s", _("Evaluations by quarter"));
        }
        title_draw(p, w, a, what);
    }
    if (l->n == 0 && !ev->quarter && ev->no_open[0]) {
        char *clean = xf_text_sanitize(ev->no_open, false);
        snprintf(l->empty, sizeof l->empty, "%s", clean ? clean : "");
        free(clean);
    } else if (l->n == 0 && !p->link_unit && !p->link_post && ev->show == SHOW_MISSING &&
               !ev->query)
        snprintf(l->empty, sizeof l->empty,
                 _("Every published and named post has its evaluation for %s."), ev->quarter);
    else if (l->n == 0)
        xf_ui_linked_empty(p->ui, p->link_unit, p->link_post, narrowed(ev), l->empty,
                           sizeof l->empty);
    if (l->n == 0 && !l->empty[0] && ev->quarter && !narrowed(ev) && !p->link_unit &&
        !p->link_post)
        empty_quarter(ev, l);
    xf_list_draw(l, w, 1, 0, p->w, focused, p->full);
    if (hints && full)
        draw_hints(ev, w, p->h - 1);
}

static int open_quarter(struct evals *ev)
{
    const struct xf_list_row *r = xf_list_selected(&ev->quarters);
    if (!r)
        return XF_UI_HANDLED;
    free(ev->quarter);
    ev->quarter = strdup(r->cells[QC_QUARTER]);
    xf_list_free(&ev->detail);
    xf_list_free(&ev->missing);
    count_missing(ev);
    reload(ev);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* The open quarter's list read again (a filter, a search or an order
 * changed); with keep, the cursor stays on its record where the list
 * still has it, else it goes to the first row. */
static int restart(struct evals *ev, bool keep)
{
    struct xf_error err = {0};
    count_missing(ev);
    struct xf_list *l = current(ev);
    xf_list_free(l == &ev->detail ? &ev->missing : &ev->detail);
    if (!keep)
        xf_list_free(l);
    if (l->cap > 0 ? xf_list_refilter(l, &err) : xf_list_reload(l, &err))
        xf_ui_error(ev->pane->ui, &err);
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
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
    if (ok)
        return restart(ev, true);
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* `f` in an open quarter: every evaluation, the failures or the passes, or
 * the posts with none yet. */
static int filter_run(struct evals *ev)
{
    const char *shows[] = {_("every evaluation"), _("failed"), _("passed"),
                           _("posts not yet evaluated"), NULL};
    struct xf_form_field field = {.name = "show", .label = _("Show"),
                                  .kind = XF_FIELD_CHOICE, .choices = shows,
                                  .choice = (int)ev->show};
    char title[120];
    snprintf(title, sizeof title, _("Filter the evaluations of %s"), ev->quarter);
    struct xf_form f = {.title = title, .fields = &field, .n = 1, .applies = true};
    int ok = xf_form_run(ev->pane->ui, &f);
    enum eval_show was = ev->show;
    if (ok)
        ev->show = (enum eval_show)field.choice;
    xf_form_free(&f);
    /* From one list to the other the ids are of other records. */
    bool same_list = (was == SHOW_MISSING) == (ev->show == SHOW_MISSING);
    return ok ? restart(ev, same_list) : XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

static int sort_next(struct evals *ev)
{
    if (ev->show == SHOW_MISSING) {
        xf_ui_message(ev->pane->ui, false, "%s",
                      _("The posts not yet evaluated are listed by code only."));
        return XF_UI_HANDLED;
    }
    ev->by_score = !ev->by_score;
    xf_ui_message(ev->pane->ui, false, "%s",
                  ev->by_score ? _("Sorted by result, the worst first.")
                               : _("Sorted by post code."));
    return restart(ev, true);
}

/* Esc: the search goes first, then the filter, then back to the quarters;
 * q goes back at once. */
static int clear_narrowing(struct evals *ev)
{
    const char *msg = _("Search cleared.");
    bool keep = true;
    if (ev->query) {
        free(ev->query);
        ev->query = NULL;
    } else {
        keep = ev->show != SHOW_MISSING; /* the ids are another list's */
        ev->show = SHOW_ALL;
        msg = _("Filter cleared: every evaluation of the quarter again.");
    }
    int rc = restart(ev, keep);
    xf_ui_message(ev->pane->ui, false, "%s", msg);
    return rc;
}

static int back(struct evals *ev)
{
    free(ev->quarter);
    ev->quarter = NULL;
    free(ev->query);
    ev->query = NULL;
    ev->show = SHOW_ALL;
    ev->by_score = false;
    xf_list_free(&ev->detail);
    xf_list_free(&ev->missing);
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* n, or Enter, on a post not yet evaluated: its evaluation, the post and
 * the quarter filled in. */
static int enter_selected(struct evals *ev)
{
    const struct xf_list_row *r = xf_list_selected(&ev->missing);
    if (!r) {
        xf_ui_message(ev->pane->ui, false, "%s", _("No post is listed here."));
        return XF_UI_HANDLED;
    }
    return evaluations_enter(ev, r->key.id);
}

static int evals_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    struct evals *ev = p->priv;
    bool missing = ev->quarter && ev->show == SHOW_MISSING;
    if (a == XF_A_NEW)
        return missing ? enter_selected(ev) : evaluations_enter(ev, 0);
    if (a == XF_A_AWARDS)
        return evaluations_awards(ev);
    if (a == XF_A_SEARCH && ev->quarter)
        return search(ev);
    if ((a == XF_A_FILTER || a == XF_A_SORT) && !ev->quarter) {
        char k[32];
        xf_ui_message(p->ui, false, _("Open a quarter (%s) to filter or sort its evaluations."),
                      xf_keys_hint_name(XF_A_DETAIL, '\n', k, sizeof k));
        return XF_UI_HANDLED;
    }
    if (a == XF_A_FILTER)
        return filter_run(ev);
    if (a == XF_A_SORT)
        return sort_next(ev);
    if (a == XF_A_EDIT && missing) {
        char k[32];
        xf_ui_message(p->ui, false, _("Not evaluated yet: %s enters its evaluation."),
                      xf_keys_hint_name(XF_A_NEW, 'n', k, sizeof k));
        return XF_UI_HANDLED;
    }
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
    if (a == XF_A_BACK && ev->quarter)
        return raw == XF_KEY_ESC && narrowed(ev) ? clear_narrowing(ev) : back(ev);
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
    if (ev->show == SHOW_MISSING)
        return enter_selected(ev);
    return XF_UI_HANDLED;
}

static int evals_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct evals *ev = p->priv;
    p->dirty = p->full = true;
    int rc = read_quarters(ev, err);
    if (!rc)
        rc = xf_list_reload(&ev->quarters, err);
    if (!rc && ev->quarter) {
        count_missing(ev);
        rc = xf_list_reload(current(ev), err);
    }
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
    xf_list_free(&ev->missing);
    count_missing(ev);
    reload(ev);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int evals_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct evals *ev = p->priv;
    return xf_list_click(current(ev), y - 2);
}

/* H: an evaluation of the open quarter, or a post not yet evaluated (a
 * quarter itself is no record). */
static int evals_selected(struct xf_pane *p, const char **entity, int64_t *id)
{
    struct evals *ev = p->priv;
    const struct xf_list_row *r = ev->quarter ? xf_list_selected(current(ev)) : NULL;
    *entity = ev->show == SHOW_MISSING ? "post" : "evaluation";
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
