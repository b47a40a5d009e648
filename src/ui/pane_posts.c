/* The Posts pane: every post in the user's scope as a keyset-paged list
 * (code, title, unit, holder, status, latest evaluation, failures), with
 * filter, sort, search and linking; Enter opens the post card. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posts_priv.h"
#include "xf/evaluation.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

/* On a narrow screen the title and unit keep room to be read (at 40
 * columns both were "…" beside a whole holder, status and score): the
 * columns the card repeats give way first. */
static const struct xf_list_col cols[PC_NCOLS] = {
    [PC_CODE] = {N_("Code"), 9, XF_ALIGN_TAIL, 0},
    [PC_TITLE] = {N_("Title"), 0, XF_ALIGN_LEFT, 0},
    [PC_UNIT] = {N_("Unit"), 0, XF_ALIGN_LINE, 0},
    [PC_HOLDER] = {N_("Holder"), 8, XF_ALIGN_LEFT, 64},
    [PC_STATUS] = {N_("Status"), 9, XF_ALIGN_LEFT, 0},
    [PC_SCORE] = {N_("Score"), 6, XF_ALIGN_RIGHT, 50},
    [PC_PASS] = {N_("Pass"), 6, XF_ALIGN_LEFT, 79},
    [PC_FAILS] = {N_("Fails"), 6, XF_ALIGN_RIGHT, 90}, /* failed evaluations */
};

static const char *const sort_names[XF_POST_NSORTS] = {N_("code"), N_("unit"),
                                                       N_("latest score")};

/* ---- rows ------------------------------------------------------------------ */

struct sink {
    struct xf_list_row *rows;
    int n, limit;
    int64_t min_failures;
    int rc;
};

static bool is_candidate(const struct xf_post_item *it, int64_t min_failures)
{
    int s = xf_post_status_parse(it->status);
    return (s == XF_POST_PUBLISHED || s == XF_POST_NAMED) && it->failures >= min_failures;
}

static void fill_row(struct xf_list_row *r, const struct xf_post_item *it, int64_t min_failures)
{
    char score[16] = "\u2013", fails[24];
    int s = xf_post_status_parse(it->status);
    if (it->latest_quarter)
        xf_evaluation_score_text(it->latest_score, score);
    snprintf(fails, sizeof fails, "%" PRId64, it->failures);
    xf_list_row_set(r, PC_CODE, it->code);
    xf_list_row_set(r, PC_TITLE, it->title);
    xf_list_row_set(r, PC_UNIT, it->unit_name);
    xf_list_row_set(r, PC_HOLDER, it->holder_name);
    xf_list_row_set(r, PC_STATUS,
                    s >= 0 ? xf_post_status_label((enum xf_post_status)s) : it->status);
    xf_list_row_set(r, PC_SCORE, score);
    xf_list_row_set(r, PC_PASS,
                    !it->latest_quarter ? "" : it->latest_passed ? _("pass") : _("fail"));
    xf_list_row_set(r, PC_FAILS, it->failures ? fails : "");
    r->unit_id = it->unit_id;
    r->post_id = it->id;
    r->state = s;
    r->color = is_candidate(it, min_failures) ? XF_C_ALERT
               : s == XF_POST_REVOKED         ? XF_C_DIM
                                              : XF_C_NORMAL;
}

static void collect(void *arg, const struct xf_post_item *it)
{
    struct sink *k = arg;
    if (k->n >= k->limit || k->rc)
        return;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, it->key, it->id, PC_NCOLS) != XF_OK) {
        xf_list_row_clear(r);
        k->rc = XF_EIO;
        return;
    }
    fill_row(r, it, k->min_failures);
    k->n++;
}

static int64_t min_failures(const struct posts *ps)
{
    int n = xf_ui_ctx(ps->pane->ui)->cfg->revoke_after_failures;
    return n > 0 ? n : 1;
}

static int fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                 struct xf_list_row *rows_out, int *n_out, struct xf_error *err)
{
    struct posts *ps = arg;
    struct sink k = {rows_out, 0, limit, min_failures(ps), XF_OK};
    enum xf_post_dir d = dir == XF_LIST_AFTER  ? XF_POST_AFTER
                         : dir == XF_LIST_FROM ? XF_POST_FROM
                                               : XF_POST_BEFORE;
    int rc = xf_post_page(xf_ui_ctx(ps->pane->ui), &ps->f, from ? from->sort : NULL,
                          from ? from->id : 0, d, limit, collect, &k, err);
    *n_out = k.n;
    if (!rc && k.rc)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    return rc;
}

struct key_sink {
    struct xf_list_key *key;
    int rc;
};

static void take_key(void *arg, const struct xf_post_item *it)
{
    struct key_sink *k = arg;
    k->key->sort = strdup(it->key);
    k->key->id = it->id;
    k->rc = k->key->sort ? XF_OK : XF_EIO;
}

static int locate(void *arg, int64_t id, struct xf_list_key *key_out, struct xf_error *err)
{
    struct posts *ps = arg;
    struct key_sink k = {key_out, XF_OK};
    int rc = xf_post_item(xf_ui_ctx(ps->pane->ui), &ps->f, id, take_key, &k, err);
    return rc ? rc : k.rc;
}

/* ---- shared with the card and the forms ----------------------------------- */

int64_t posts_selected(const struct posts *ps)
{
    const struct xf_list_row *r = xf_list_selected(&ps->list);
    return r ? r->key.id : 0;
}

static void reread(struct posts *ps, int (*read)(struct xf_list *, struct xf_error *))
{
    struct xf_error err = {0};
    if (read(&ps->list, &err) != XF_OK)
        xf_ui_error(ps->pane->ui, &err);
    ps->count = -1;
    ps->pane->dirty = ps->pane->full = true;
}

void posts_refilter(struct posts *ps)
{
    reread(ps, xf_list_refilter);
}

void posts_widen(struct posts *ps)
{
    reread(ps, xf_list_widen);
}

void posts_reload(struct posts *ps)
{
    struct xf_error err = {0};
    if (xf_list_reload(&ps->list, &err) != XF_OK)
        xf_ui_error(ps->pane->ui, &err);
    ps->count = -1;
    ps->pane->dirty = ps->pane->full = true;
}

/* ---- pane ops ---------------------------------------------------------------- */

static int posts_open(struct xf_pane *p, struct xf_error *err)
{
    (void)err;
    struct posts *ps = calloc(1, sizeof *ps);
    if (!ps)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    ps->pane = p;
    memcpy(ps->cols, cols, sizeof cols);
    const char *status[XF_POST_NSTATUS];
    for (int i = 0; i < XF_POST_NSTATUS; i++)
        status[i] = xf_post_status_label((enum xf_post_status)i);
    ps->cols[PC_STATUS].width = xf_list_label_width(cols[PC_STATUS].title, status,
                                                    XF_POST_NSTATUS, cols[PC_STATUS].width);
    xf_list_init(&ps->list, ps->cols, PC_NCOLS, fetch, locate, ps);
    p->priv = ps;
    return XF_OK;
}

static void posts_close(struct xf_pane *p)
{
    struct posts *ps = p->priv;
    if (!ps)
        return;
    posts_card_close(ps);
    xf_list_free(&ps->list);
    free(ps->query);
    free(ps->ids_json);
    free(ps->project_label);
    free(ps);
    p->priv = NULL;
}

/* part (sanitised) cut to width cells, "…" at its end; "" when width
 * leaves nothing. Caller frees. */
static char *part_fit(const char *part, int width)
{
    char *clean = xf_text_sanitize(part, false);
    if (!clean || xf_text_width(clean) <= width)
        return clean;
    size_t size = strlen(clean) + 8;
    char *out = width > 0 ? malloc(size) : strdup("");
    if (out && width > 0)
        xf_text_fit(clean, width, false, out, size);
    free(clean);
    return out;
}

/* The search q, the project pj and the link's note (into linked) in room
 * cells, in this order of giving way: the project's name (its code
 * kept), the link's place down to its shortest form, the rest of the
 * project, then the search. The unit's place is cut to the room left,
 * both its ends kept: at 80 columns a window's "department › hall ›
 * window" ran off the edge, the key that clears the link with it. */
static void fit_parts(const struct posts *ps, int room, char **q, char **pj, char *linked,
                      size_t size)
{
    struct xf_ui *ui = ps->pane->ui;
    int64_t unit = ps->f.unit_id;
    xf_ui_linked_note_fit(ui, unit, 0, 1 << 20, linked, size);
    int qw = xf_text_width(*q), full = xf_text_width(linked);
    xf_ui_linked_note_fit(ui, unit, 0, 0, linked, size);
    int shortest = xf_text_width(linked);
    if (qw + xf_text_width(*pj) + full > room) {
        /* " · project XM-K-028…" */
        const char *code_end = ps->project_label ? strchr(ps->project_label, ' ') : NULL;
        int code_w = code_end ? xf_text_width(*pj) - xf_text_width(code_end) + 1 : 0;
        int keep = room - qw - full;
        if (keep < code_w)
            keep = room - qw - shortest < code_w ? room - qw - shortest : code_w;
        char *cut = part_fit(*pj, keep > 0 ? keep : 0);
        free(*pj);
        *pj = cut;
    }
    if (*pj && qw + xf_text_width(*pj) + shortest > room) {
        char *cut = part_fit(*q, room - xf_text_width(*pj) - shortest);
        free(*q);
        *q = cut;
    }
    if (*q && *pj)
        xf_ui_linked_note_fit(ui, unit, 0, room - xf_text_width(*q) - xf_text_width(*pj), linked,
                              size);
}

/* "Posts · sort: code · published · candidates · / 窗口 (12) · project
 * XM-K-028 … · linked to …". At 80 columns a search, a project and a link
 * together left the link a few cells ("· link…"), the key that clears it
 * cut off: the link keeps at least its shortest form (fit_parts). */
static char *title_text(const struct posts *ps)
{
    char *head = NULL, *q = NULL, *pj = NULL, *all = NULL;
    const char *status =
        ps->status_choice ? xf_post_status_label((enum xf_post_status)(ps->status_choice - 1))
                          : "";
    char count[32] = "";
    if (ps->query && ps->count >= 0)
        snprintf(count, sizeof count, " (%ld%s)", ps->count,
                 ps->count >= POSTS_COUNT_CAP ? "+" : "");
    /* "sort: " with its space, so Chinese can write "排序：代码" */
    if (asprintf(&head, "%s \u00b7 %s%s%s%s%s%s", _("Posts"), _("sort: "),
                 _(sort_names[ps->f.sort]), *status ? " \u00b7 " : "", status,
                 ps->f.candidates ? " \u00b7 " : "",
                 ps->f.candidates ? _("revocation candidates") : "") < 0)
        return NULL;
    if (asprintf(&q, "%s%s%s", ps->query ? " \u00b7 / " : "", ps->query ? ps->query : "",
                 count) < 0)
        q = NULL;
    if (asprintf(&pj, "%s%s", ps->project_label ? _(" \u00b7 project ") : "",
                 ps->project_label ? ps->project_label : "") < 0)
        pj = NULL;
    char linked[300] = "";
    int room = ps->pane->w - 1 - xf_text_width(head);
    if (ps->f.unit_id && q && pj)
        fit_parts(ps, room, &q, &pj, linked, sizeof linked);
    if (!q || !pj || asprintf(&all, "%s%s%s%s", head, q, pj, linked) < 0)
        all = NULL;
    free(head);
    free(q);
    free(pj);
    return all;
}

/* The list's keys on its last line, as the other lists have them (the
 * organiser's M, P, N and R were found only through the help). A key
 * project's owner lists its posts at other units, which they may neither
 * open nor change: on such a row Enter, P, N and R are not offered, and
 * the line says why. P, N and R are the steps the selected post's status
 * is open to, as on its card (every row offered N and R, a proposed post
 * R and a named one N). */
static void draw_hints(struct posts *ps, WINDOW *w, int y, int64_t id, int64_t unit, int state)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ps->pane->ui);
    bool foreign = unit > 0 && !xf_ctx_in_scope(ctx, unit);
    bool may = xf_perm_allows(ctx, XF_P_POST_EDIT), may_row = may && !foreign;
    unsigned steps = may_row && state >= 0 ? xf_post_status_steps((enum xf_post_status)state) : 0;
    /* naming and revoking, a quarter's work, give way to the daily keys
     * below 100 columns (the help lists them) */
    bool wide = ps->pane->w >= 100;
    if (wide && (steps & XF_POST_STEP_NAME)) {
        /* N only when the post has passed (the card asks the same): one
         * indexed read for the selected row, not one per row listed */
        struct xf_post p = {.id = id, .code = "",
                            .status = (char *)xf_post_status_name((enum xf_post_status)state)};
        steps = xf_post_steps_now(ctx, &p);
    }
    const struct xf_hint hints[] = {
        {foreign ? XF_A_NONE : XF_A_DETAIL, '\n', N_("detail"), 0, 0},
        {may ? XF_A_NEW : XF_A_NONE, 'n', N_("new"), 0, 0},
        {steps & XF_POST_STEP_PUBLISH ? XF_A_POST_PUBLISH : XF_A_NONE, 'P', N_("publish"), 0, 0},
        {steps & XF_POST_STEP_NAME && wide ? XF_A_POST_NAME : XF_A_NONE, 'N', NC_("post", "name"),
         0, 0},
        {steps & XF_POST_STEP_REVOKE && wide ? XF_A_POST_REVOKE : XF_A_NONE, 'R', N_("revoke"), 0,
         0},
        {XF_A_PROJECTS, 'M', N_("projects"), 0, 0},
        {XF_A_SEARCH, '/', N_("search"), 0, 0},
        {XF_A_FILTER, 'f', N_("filter"), 0, 0},
        {XF_A_SORT, 's', N_("sort"), 0, 0}};
    char buf[300], line[400];
    xf_keys_hints(buf, sizeof buf, "  ", hints, sizeof hints / sizeof hints[0]);
    const char *why = foreign ? _("another unit's post: not yours to open or change") : "";
    snprintf(line, sizeof line, "%s%s%s", why, *why && *buf ? "  " : "", buf);
    xf_draw_text(w, y, 0, ps->pane->w, line, xf_draw_attr(XF_C_DIM));
    ps->hints_unit = unit;
    ps->hints_state = state;
    ps->hints_id = id;
}

static void posts_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct posts *ps = p->priv;
    if (ps->card) {
        posts_card_draw(ps, w, focused);
        return;
    }
    struct xf_error err = {0};
    /* The title and the column header take two lines, the keys one: with
     * one more row the last was drawn past the pane, the selection hidden
     * at End. */
    bool hints = p->h >= 10;
    int rows = p->h - 2 - (hints ? 1 : 0);
    if (xf_list_set_height(&ps->list, rows > 0 ? rows : 0, &err) != XF_OK)
        xf_ui_error(p->ui, &err);
    if (p->full || ps->list.stale || ps->title_dirty) {
        ps->title_dirty = false;
        char *t = title_text(ps);
        xf_draw_text(w, 0, 1, p->w - 1, t ? t : _("Posts"),
                     xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD);
        free(t);
    }
    if (ps->list.n == 0)
        xf_ui_linked_empty(p->ui, ps->f.unit_id, 0,
                           ps->status_choice || ps->f.candidates || ps->query ||
                               ps->f.project_id,
                           ps->list.empty, sizeof ps->list.empty);
    xf_list_draw(&ps->list, w, 1, 0, p->w, focused, p->full);
    const struct xf_list_row *sel = xf_list_selected(&ps->list);
    int64_t unit = sel ? sel->unit_id : 0;
    int state = sel ? sel->state : -1;
    int64_t id = sel ? sel->key.id : 0;
    if (hints && (p->full || unit != ps->hints_unit || state != ps->hints_state ||
                  id != ps->hints_id))
        draw_hints(ps, w, p->h - 1, id, unit, state);
}

void posts_link_selection(struct posts *ps)
{
    const struct xf_list_row *r = xf_list_selected(&ps->list);
    if (r)
        xf_ui_link(ps->pane->ui, ps->pane, r->unit_id, r->post_id);
}

/* `M`: choose a key project; the list then shows its posts. */
static int projects(struct posts *ps)
{
    int64_t id = 0;
    char *label = NULL;
    bool wrote = false;
    if (projects_view(ps->pane->ui, &id, &label, &wrote)) {
        /* A project's posts lie in many units: a unit chosen in another
         * pane would hide most of them (often all: "No records"). */
        if (ps->f.unit_id)
            xf_ui_link(ps->pane->ui, NULL, 0, 0);
        /* ... as would an earlier search ("/ 00008" kept only that post). */
        posts_clear_search(ps);
        ps->f.project_id = id;
        free(ps->project_label);
        ps->project_label = label;
        label = NULL;
        posts_refilter(ps);
        char k[32];
        xf_ui_message(ps->pane->ui, false, _("The posts of project %s; %s shows every post."),
                      ps->project_label ? ps->project_label : "",
                      xf_keys_hint_name(XF_A_BACK, XF_KEY_ESC, k, sizeof k));
    }
    free(label);
    ps->pane->dirty = ps->pane->full = true;
    /* This session's own saves move no data_version: say so, so that
     * every pane (the post card's project, the Overview) reads again. */
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | (wrote ? XF_UI_CHANGED : 0);
}

static int cycle_sort(struct posts *ps)
{
    ps->f.sort = (enum xf_post_sort)((ps->f.sort + 1) % XF_POST_NSORTS);
    xf_ui_message(ps->pane->ui, false, _("Sorted by %s."), _(sort_names[ps->f.sort]));
    xf_list_free(&ps->list);
    posts_reload(ps);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* Refused in the words of the key pressed: n sets up a post, and "may
 * not change posts" answered it as if there were one to change. */
static int can_edit(struct posts *ps, enum xf_action a)
{
    if (xf_perm_allows(xf_ui_ctx(ps->pane->ui), XF_P_POST_EDIT))
        return 1;
    xf_ui_message(ps->pane->ui, true,
                  a == XF_A_NEW
                      ? _("Your role may not set up posts: organisers and administrators do.")
                      : _("Your role may not change posts: organisers and administrators do."));
    return 0;
}

/* Write actions on the selected post (or the card's). */
static int post_action(struct posts *ps, enum xf_action a, int64_t id)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ps->pane->ui);
    if (a == XF_A_NEW && ps->card && !xf_perm_allows(ctx, XF_P_POST_EDIT) &&
        xf_perm_allows(ctx, XF_P_INSPECT))
        return posts_card_new_check(ps);
    if (a == XF_A_NEW)
        return can_edit(ps, a) ? posts_new(ps) : XF_UI_HANDLED;
    if (!id)
        return XF_UI_HANDLED;
    if (!can_edit(ps, a))
        return XF_UI_HANDLED;
    switch (a) {
    case XF_A_EDIT: return posts_edit(ps, id);
    case XF_A_POST_PUBLISH: return posts_publish(ps, id);
    case XF_A_POST_NAME: return posts_name(ps, id);
    case XF_A_POST_REVOKE: return posts_revoke(ps, id);
    default: return XF_UI_IGNORED;
    }
}

static bool is_post_action(enum xf_action a)
{
    return a == XF_A_NEW || a == XF_A_EDIT || a == XF_A_POST_PUBLISH || a == XF_A_POST_NAME ||
           a == XF_A_POST_REVOKE;
}

/* Esc: the search goes first, then the project, then the filter, as in
 * every list; q is not one of them (it quits: a clerk's q cleared the
 * search here and quit everywhere else). The cursor stays on its post. */
static int clear_narrowing(struct posts *ps)
{
    const char *msg;
    if (ps->query) {
        posts_clear_search(ps);
        msg = _("Search cleared.");
    } else if (ps->f.project_id) {
        ps->f.project_id = 0;
        free(ps->project_label);
        ps->project_label = NULL;
        msg = _("Project cleared: every post again.");
    } else if (ps->status_choice || ps->f.candidates) {
        ps->status_choice = 0;
        ps->f.status_mask = 0;
        ps->f.candidates = 0;
        msg = _("Filter cleared: every post again.");
    } else {
        return XF_UI_IGNORED;
    }
    posts_reload(ps);
    xf_ui_message(ps->pane->ui, false, "%s", msg);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* The Overview's posts by status ("proposed", "published", "named",
 * "revoked"): the filter set to that status alone. */
static int posts_drill(struct xf_pane *p, const char *what)
{
    struct posts *ps = p->priv;
    static const char *const names[] = {"proposed", "published", "named", "revoked"};
    static const enum xf_post_status st[] = {XF_POST_PROPOSED, XF_POST_PUBLISHED, XF_POST_NAMED,
                                             XF_POST_REVOKED};
    int i = 0;
    while (i < 4 && strcmp(names[i], what) != 0)
        i++;
    if (i == 4)
        return XF_EINVAL;
    if (ps->card)
        posts_card_close(ps);
    posts_clear_search(ps);
    ps->f.project_id = 0;
    free(ps->project_label);
    ps->project_label = NULL;
    ps->f.candidates = 0;
    ps->status_choice = (int)st[i] + 1;
    ps->f.status_mask = 1u << st[i];
    posts_reload(ps);
    p->dirty = p->full = true;
    return XF_OK;
}

/* The list's own keys: order, filter, search, Esc out of them, moves. */
static int list_key(struct posts *ps, enum xf_action a, wint_t raw, struct xf_error *err)
{
    switch (a) {
    case XF_A_SORT: return cycle_sort(ps);
    case XF_A_FILTER: return posts_filter(ps);
    case XF_A_SEARCH: return posts_search(ps);
    case XF_A_BACK: return raw == XF_KEY_ESC ? clear_narrowing(ps) : XF_UI_IGNORED; /* q quits */
    default: return xf_list_move(&ps->list, a, err);
    }
}

static int posts_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    struct posts *ps = p->priv;
    if (is_post_action(a))
        return post_action(ps, a, ps->card ? posts_card_post(ps) : posts_selected(ps));
    if (a == XF_A_PROJECTS && !ps->card)
        return projects(ps);
    if (ps->card)
        return posts_card_key(ps, a);
    int64_t was = posts_selected(ps);
    struct xf_error err = {0};
    int r = list_key(ps, a, raw, &err);
    if (err.code)
        xf_ui_error(p->ui, &err);
    /* The panes linked to the post under the cursor follow it whatever
     * put another post there: a move, or a search, filter or sort (they
     * stayed on the post a search had found). */
    if ((r & XF_UI_HANDLED) && posts_selected(ps) && posts_selected(ps) != was)
        posts_link_selection(ps);
    return r;
}

static int posts_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct posts *ps = p->priv;
    p->dirty = p->full = true;
    if (ps->card)
        posts_card_refresh(ps);
    ps->count = -1;
    return xf_list_reload(&ps->list, err);
}

/* The search's total, when the user pauses: a walk over the posts the
 * filters leave, which a screenful does not need. */
static int posts_idle(struct xf_pane *p)
{
    struct posts *ps = p->priv;
    if (!ps || !ps->query || ps->count != -1)
        return XF_UI_IGNORED;
    long n = -1;
    struct xf_error err = {0};
    if (xf_post_count(xf_ui_ctx(p->ui), &ps->f, POSTS_COUNT_CAP, &n, &err) != XF_OK) {
        xf_ui_error(p->ui, &err);
        n = -1;
    }
    ps->count = n < 0 ? -2 : n; /* -2: the error is shown, and not asked again */
    ps->title_dirty = n >= 0;
    p->dirty = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int posts_detail(struct xf_pane *p)
{
    struct posts *ps = p->priv;
    int64_t id = posts_selected(ps);
    if (!id || ps->card)
        return XF_UI_HANDLED;
    /* The card says "5 opens them in Inspections": the other panes go to
     * its post even when the cursor had not moved onto it (the first
     * row was never linked, and 5 showed every post's checks). */
    if (posts_card_open(ps, id) & XF_UI_REDRAW)
        posts_link_selection(ps);
    p->dirty = p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* Pledge progress (or another source) selected a unit: show its subtree. */
static int posts_link(struct xf_pane *p, int64_t unit_id, int64_t post_id)
{
    (void)post_id;
    struct posts *ps = p->priv;
    if (ps->f.unit_id == unit_id)
        return XF_UI_HANDLED;
    ps->f.unit_id = unit_id;
    xf_list_free(&ps->list);
    posts_reload(ps);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int posts_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct posts *ps = p->priv;
    if (ps->card)
        return XF_UI_HANDLED;
    int64_t before = posts_selected(ps);
    int r = xf_list_click(&ps->list, y - 2);
    if (posts_selected(ps) != before)
        posts_link_selection(ps);
    return r;
}

/* H: the post under the cursor, or the post of the open card. */
static int posts_selected_op(struct xf_pane *p, const char **entity, int64_t *id)
{
    struct posts *ps = p->priv;
    *entity = "post";
    *id = ps->card ? posts_card_post(ps) : posts_selected(ps);
    return *id > 0 ? 0 : -1;
}

const struct xf_pane_ops xf_pane_posts = {
    .name = "posts",
    .title = N_("Posts"),
    .open = posts_open,
    .close = posts_close,
    .draw = posts_draw,
    .key = posts_key,
    .refresh = posts_refresh,
    /* The forms read the post themselves, by id; the card they may be
     * opened from is re-read in place. */
    .refresh_under_form = true,
    .idle = posts_idle,
    .detail = posts_detail,
    .link = posts_link,
    .drill = posts_drill,
    .click = posts_click,
    .selected = posts_selected_op,
};
