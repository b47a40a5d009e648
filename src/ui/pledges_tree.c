/* The unit tree of the Pledge progress pane. Only what is shown is in
 * memory: the top rows and the children of expanded units, each level
 * read by one domain call when it is opened (never the whole tree). The
 * virtual list pages over these rows by their index. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pledges.h"
#include "xf/i18n.h"
#include "xf/table.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

/* On a narrow screen the counts give way, the rate and its bar stay:
 * the names must be read (below 56 columns every one was "…"). */
const struct xf_list_col pl_tree_cols[] = {
    {N_("Unit"), 0, XF_ALIGN_MIDDLE, 0},   {N_("Made"), 6, XF_ALIGN_RIGHT, 50},
    {N_("Kept"), 6, XF_ALIGN_RIGHT, 60},   {N_("Withdrawn"), 9, XF_ALIGN_RIGHT, 70},
    {N_("Overdue"), 7, XF_ALIGN_RIGHT, 0}, {N_("Progress"), 18, XF_ALIGN_LEFT, 0},
};
const int pl_tree_ncols = sizeof pl_tree_cols / sizeof pl_tree_cols[0];

void pl_index_key(int i, char out[16])
{
    snprintf(out, 16, "%09d", i);
}

static void node_clear(struct pl_node *nd)
{
    free(nd->code);
    free(nd->name);
    memset(nd, 0, sizeof *nd);
}

/* ---- the set of expanded units ---- */

static bool is_open(const struct pl_state *s, int64_t id)
{
    for (int i = 0; i < s->n_open; i++)
        if (s->open[i] == id)
            return true;
    return false;
}

static void set_open(struct pl_state *s, int64_t id, bool open)
{
    for (int i = 0; i < s->n_open; i++)
        if (s->open[i] == id) {
            if (!open)
                s->open[i] = s->open[--s->n_open];
            return;
        }
    if (!open)
        return;
    if (s->n_open == s->cap_open) {
        int cap = s->cap_open ? s->cap_open * 2 : 16;
        int64_t *t = realloc(s->open, (size_t)cap * sizeof *t);
        if (!t)
            return; /* it just will not be re-expanded after a refresh */
        s->open = t;
        s->cap_open = cap;
    }
    s->open[s->n_open++] = id;
}

/* ---- reading one level ---- */

struct level {
    struct pl_node *v;
    int n, cap;
};

/* Appends a copy of nd at indentation depth. */
static int level_push(struct level *lv, const struct pl_node *nd, int depth)
{
    if (lv->n == lv->cap) {
        int cap = lv->cap ? lv->cap * 2 : 32;
        struct pl_node *t = realloc(lv->v, (size_t)cap * sizeof *t);
        if (!t)
            return XF_EIO;
        lv->v = t;
        lv->cap = cap;
    }
    struct pl_node *out = &lv->v[lv->n];
    *out = (struct pl_node){.id = nd->id,
                            .code = strdup(nd->code ? nd->code : ""),
                            .name = strdup(nd->name ? nd->name : ""),
                            .level = depth,
                            .children = nd->children,
                            .inactive = nd->inactive,
                            .c = nd->c};
    if (!out->code || !out->name) {
        node_clear(out);
        return XF_EIO;
    }
    lv->n++;
    return XF_OK;
}

static int level_add(void *arg, const struct xf_pledge_unit_counts *row)
{
    const struct pl_node nd = {.id = row->unit_id,
                               .code = (char *)row->code,
                               .name = (char *)row->name,
                               .children = row->children,
                               .inactive = !row->active,
                               .c = row->c};
    return level_push(arg, &nd, 0);
}

static void nodes_free(struct pl_node *v, int n)
{
    for (int i = 0; i < n; i++)
        node_clear(&v[i]);
    free(v);
}

void pl_tree_forget(struct pl_state *s)
{
    for (int i = 0; i < s->n_levels; i++)
        nodes_free(s->levels[i].v, s->levels[i].n);
    free(s->levels);
    s->levels = NULL;
    s->n_levels = s->cap_levels = 0;
}

/* Reads the children of parent (0: the top rows, or the linked unit). */
static int query_level(struct pl_state *s, int64_t parent, struct level *lv,
                       struct xf_error *err)
{
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    if (parent)
        return xf_pledge_progress(ctx, parent, NULL, level_add, lv, err);
    if (s->narrow)
        return xf_pledge_progress_unit(ctx, s->narrow, NULL, level_add, lv, err);
    return xf_pledge_progress_top(ctx, NULL, level_add, lv, err);
}

/* The level of parent as read, read now if it was not yet today. The
 * pointer is good until the next call. */
static int cached_level(struct pl_state *s, int64_t parent, const struct pl_level **out,
                        struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (strcmp(today, s->levels_day) != 0) {
        pl_tree_forget(s);
        memcpy(s->levels_day, today, sizeof today);
    }
    int64_t narrow = parent ? 0 : s->narrow;
    for (int i = 0; i < s->n_levels; i++)
        if (s->levels[i].parent == parent && s->levels[i].narrow == narrow) {
            *out = &s->levels[i];
            return XF_OK;
        }
    struct level lv = {0};
    int rc = query_level(s, parent, &lv, err);
    if (rc == XF_OK && s->n_levels == s->cap_levels) {
        int cap = s->cap_levels ? s->cap_levels * 2 : 8;
        struct pl_level *t = realloc(s->levels, (size_t)cap * sizeof *t);
        if (t) {
            s->levels = t;
            s->cap_levels = cap;
        }
        rc = t ? XF_OK : XF_EIO;
    }
    if (rc != XF_OK) {
        nodes_free(lv.v, lv.n);
        return rc;
    }
    s->levels[s->n_levels] = (struct pl_level){parent, narrow, lv.v, lv.n};
    *out = &s->levels[s->n_levels++];
    return XF_OK;
}

static double progress_of(const struct pl_node *nd)
{
    int64_t base = nd->c.made - nd->c.withdrawn;
    return base > 0 ? (double)nd->c.kept / (double)base : 2.0; /* no data sorts last */
}

static int by_overdue(const void *a, const void *b)
{
    const struct pl_node *x = a, *y = b;
    if (x->c.overdue != y->c.overdue)
        return x->c.overdue < y->c.overdue ? 1 : -1;
    return strcmp(x->code, y->code);
}

static int by_progress(const void *a, const void *b)
{
    const struct pl_node *x = a, *y = b;
    double px = progress_of(x), py = progress_of(y);
    if (px != py)
        return px < py ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* The pledges made at unit pn itself, not below it: its figures less its
 * children's. Shown first among the children ("市质监局 (own)"), so that
 * the rows under a unit add up to it; a leaf row of the same unit, whose
 * members are those placed in the unit itself. */
static int push_own(struct level *lv, const struct pl_node *pn, const struct pl_level *all,
                    int depth, bool overdue_only)
{
    struct xf_pledge_counts c = pn->c;
    for (int i = 0; i < all->n; i++) {
        c.made -= all->v[i].c.made;
        c.kept -= all->v[i].c.kept;
        c.withdrawn -= all->v[i].c.withdrawn;
        c.open -= all->v[i].c.open;
        c.overdue -= all->v[i].c.overdue;
    }
    if (c.made <= 0 || (overdue_only && c.overdue <= 0))
        return XF_OK;
    char *name = NULL;
    if (asprintf(&name, "%s%s", pn->name ? pn->name : "", _(" (own)")) < 0)
        return XF_EIO;
    const struct pl_node own = {.id = pn->id, .code = pn->code, .name = name, .c = c,
                                .inactive = pn->inactive};
    int rc = level_push(lv, &own, depth);
    free(name);
    return rc;
}

/* The children of parent (0: the top rows, or the linked unit) that the
 * filter keeps, in the pane's sort order; the domain returns them by code.
 * pn is parent's row (NULL for the top rows). */
static int read_level(struct pl_state *s, int64_t parent, const struct pl_node *pn, int depth,
                      struct level *lv, struct xf_error *err)
{
    *lv = (struct level){0};
    const struct pl_level *all;
    int rc = cached_level(s, parent, &all, err);
    for (int i = 0; rc == XF_OK && i < all->n; i++)
        if (!s->overdue_only || all->v[i].c.overdue > 0)
            rc = level_push(lv, &all->v[i], depth);
    if (rc == XF_OK && s->sort == PL_SORT_OVERDUE)
        qsort(lv->v, (size_t)lv->n, sizeof *lv->v, by_overdue);
    else if (rc == XF_OK && s->sort == PL_SORT_PROGRESS)
        qsort(lv->v, (size_t)lv->n, sizeof *lv->v, by_progress);
    int before = lv->n;
    if (rc == XF_OK && pn && all->n > 0)
        rc = push_own(lv, pn, all, depth, s->overdue_only);
    if (rc == XF_OK && lv->n > before && before > 0) { /* the own row first */
        struct pl_node own = lv->v[before];
        memmove(&lv->v[1], &lv->v[0], (size_t)before * sizeof *lv->v);
        lv->v[0] = own;
    }
    if (rc == XF_EIO)
        xf_err(err, XF_EIO, "", _("out of memory"));
    if (rc != XF_OK) {
        nodes_free(lv->v, lv->n);
        *lv = (struct level){0};
    }
    return rc;
}

/* Moves the level's rows into the tree at row at (the level's array is
 * freed). */
static int insert_level(struct pl_state *s, int at, struct level *lv)
{
    if (s->n + lv->n > s->cap) {
        int cap = s->cap ? s->cap : 64;
        while (cap < s->n + lv->n)
            cap *= 2;
        struct pl_node *t = realloc(s->v, (size_t)cap * sizeof *t);
        if (!t) {
            for (int i = 0; i < lv->n; i++)
                node_clear(&lv->v[i]);
            free(lv->v);
            return XF_EIO;
        }
        s->v = t;
        s->cap = cap;
    }
    memmove(&s->v[at + lv->n], &s->v[at], (size_t)(s->n - at) * sizeof *s->v);
    if (lv->n)
        memcpy(&s->v[at], lv->v, (size_t)lv->n * sizeof *s->v);
    s->n += lv->n;
    free(lv->v);
    return XF_OK;
}

static void clear_rows(struct pl_state *s)
{
    for (int i = 0; i < s->n; i++)
        node_clear(&s->v[i]);
    s->n = 0;
}

void pl_tree_free(struct pl_state *s)
{
    pl_tree_forget(s);
    clear_rows(s);
    free(s->v);
    free(s->open);
    s->v = NULL;
    s->open = NULL;
    s->cap = s->n_open = s->cap_open = 0;
}

/* Inserts the children of row parent (-1: the top rows) after it, then
 * those of the children that were expanded before. Going from the last
 * child back keeps the earlier children's rows where they are. */
static int load_under(struct pl_state *s, int parent, struct xf_error *err)
{
    struct level lv;
    int64_t id = parent >= 0 ? s->v[parent].id : 0;
    int depth = parent >= 0 ? s->v[parent].level + 1 : 0;
    int rc = read_level(s, id, parent >= 0 ? &s->v[parent] : NULL, depth, &lv, err);
    int at = parent + 1, n = lv.n;
    if (rc || (rc = insert_level(s, at, &lv)))
        return rc;
    if (parent >= 0)
        s->v[parent].expanded = true;
    for (int k = n - 1; k >= 0 && rc == XF_OK; k--)
        if (s->v[at + k].children > 0 && is_open(s, s->v[at + k].id))
            rc = load_under(s, at + k, err);
    return rc;
}

int pl_tree_rebuild(struct pl_state *s, struct xf_error *err)
{
    clear_rows(s);
    if (s->narrow)
        set_open(s, s->narrow, true);
    int rc = load_under(s, -1, err);
    s->tree_stale = false;
    return rc;
}

int pl_tree_expand(struct pl_state *s, int i, bool *expanded, struct xf_error *err)
{
    *expanded = false;
    if (i < 0 || i >= s->n || s->v[i].children == 0)
        return XF_OK;
    if (s->v[i].expanded) {
        *expanded = true;
        return XF_OK;
    }
    struct level lv;
    int rc = read_level(s, s->v[i].id, &s->v[i], s->v[i].level + 1, &lv, err);
    if (rc || (rc = insert_level(s, i + 1, &lv)))
        return rc;
    s->v[i].expanded = *expanded = true;
    set_open(s, s->v[i].id, true);
    return XF_OK;
}

void pl_tree_collapse(struct pl_state *s, int i)
{
    if (i < 0 || i >= s->n || !s->v[i].expanded)
        return;
    int end = i + 1;
    while (end < s->n && s->v[end].level > s->v[i].level) {
        set_open(s, s->v[end].id, false);
        node_clear(&s->v[end]);
        end++;
    }
    memmove(&s->v[i + 1], &s->v[end], (size_t)(s->n - end) * sizeof *s->v);
    s->n -= end - (i + 1);
    s->v[i].expanded = false;
    set_open(s, s->v[i].id, false);
}

int pl_tree_find(const struct pl_state *s, int64_t id)
{
    for (int i = 0; i < s->n; i++)
        if (s->v[i].id == id)
            return i;
    return -1;
}

int pl_tree_reveal(struct pl_state *s, int64_t id, const char *path, struct xf_error *err)
{
    int row = pl_tree_find(s, id);
    for (const char *p = path; row < 0 && p && *p;) {
        char *end;
        long long anc = strtoll(p + (*p == '/'), &end, 10);
        if (end == p + (*p == '/'))
            break;
        p = end;
        int at = pl_tree_find(s, anc);
        bool expanded;
        if (at >= 0 && anc != id && pl_tree_expand(s, at, &expanded, err) != XF_OK)
            return -1;
        row = pl_tree_find(s, id);
    }
    return row;
}

/* ---- the virtual list over the rows ---- */

static void node_cells(const struct pl_node *nd, struct xf_list_row *r)
{
    bool uni = xf_draw_unicode();
    const char *mark = nd->children == 0 ? "  "
                       : nd->expanded    ? (uni ? "\u25be " : "- ")
                                         : (uni ? "\u25b8 " : "+ ");
    char num[32];
    size_t indent = (size_t)nd->level * 2;
    const char *off = nd->inactive ? _(" (inactive)") : "";
    size_t len = indent + strlen(mark) + strlen(nd->name) + strlen(off) + 1;
    char *label = malloc(len);
    if (label) {
        memset(label, ' ', indent);
        snprintf(label + indent, len - indent, "%s%s%s", mark, nd->name, off);
    }
    xf_list_row_set(r, 0, label ? label : nd->name);
    free(label);
    const int64_t v[] = {nd->c.made, nd->c.kept, nd->c.withdrawn, nd->c.overdue};
    for (int i = 0; i < 4; i++) {
        snprintf(num, sizeof num, "%" PRId64, v[i]);
        xf_list_row_set(r, i + 1, num);
    }
    int64_t base = nd->c.made - nd->c.withdrawn;
    if (base > 0)
        snprintf(num, sizeof num, "%.1f%%", xf_table_round1(100.0 * (double)nd->c.kept / (double)base));
    else
        snprintf(num, sizeof num, "\u2013");
    xf_list_row_set(r, 5, num);
    r->unit_id = nd->id;
    if (nd->inactive)
        r->color = XF_C_DIM;
}

int pl_tree_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                  struct xf_list_row *rows, int *n, struct xf_error *err)
{
    struct pl_state *s = arg;
    int at = from ? atoi(from->sort) : (dir == XF_LIST_BEFORE ? s->n : -1);
    int step = dir == XF_LIST_BEFORE ? -1 : 1;
    int i = dir == XF_LIST_FROM ? at : at + step;
    if (dir == XF_LIST_FROM && !from)
        i = 0;
    *n = 0;
    for (; i >= 0 && i < s->n && *n < limit; i += step) {
        char key[16];
        pl_index_key(i, key);
        if (xf_list_row_init(&rows[*n], key, s->v[i].id, pl_tree_ncols) != XF_OK)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        node_cells(&s->v[i], &rows[(*n)++]);
    }
    return XF_OK;
}

int pl_tree_locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err)
{
    struct pl_state *s = arg;
    int i = pl_tree_find(s, id);
    if (i < 0)
        return xf_err(err, XF_ENOTFOUND, "", _("the unit is no longer shown"));
    char k[16];
    pl_index_key(i, k);
    key->sort = strdup(k);
    key->id = id;
    return key->sort ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
}
