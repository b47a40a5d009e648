/* The Pledge progress pane (SPEC §2.3, §3): the unit tree with made,
 * kept, withdrawn and overdue pledges and a progress bar per unit,
 * opened a level at a time; a unit's members with their pledge counts;
 * a member's pledges, where an organiser marks them kept or withdraws
 * them. Selecting a unit narrows the other panes to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pledges.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/unit.h"

enum { TITLE_LINES = 1, HINT_LINES = 1 };

static struct pl_state *state(struct xf_pane *p)
{
    return p->priv;
}

static struct xf_list *current(struct pl_state *s)
{
    switch (s->mode) {
    case PL_MEMBERS: return &s->members;
    case PL_PLEDGES: return &s->pledges;
    case PL_FOUND: return &s->found;
    default: return &s->tree;
    }
}

static bool may_edit(const struct pl_state *s)
{
    return xf_perm_allows(xf_ui_ctx(s->p->ui), XF_P_PLEDGE_EDIT);
}

static int report(struct pl_state *s, int rc, const struct xf_error *err)
{
    if (rc != XF_OK)
        xf_ui_error(s->p->ui, err);
    return rc;
}

/* Rows the lists hold: the window minus title, column header and hints. */
static int list_rows(const struct xf_pane *p)
{
    int n = p->h - TITLE_LINES - 1 - HINT_LINES;
    return n > 0 ? n : 0;
}

/* Tells the other panes which unit is selected. */
static void link_selection(struct pl_state *s)
{
    const struct xf_list_row *r = xf_list_selected(current(s));
    if (r && r->unit_id)
        xf_ui_link(s->p->ui, s->p, r->unit_id, 0);
}

static void set_text(char **slot, const char *s)
{
    free(*slot);
    *slot = s ? strdup(s) : NULL;
}

/* ---- modes ---- */

static void enter_mode(struct pl_state *s, enum pl_mode m)
{
    s->mode = m;
    struct xf_error err = {0};
    struct xf_list *l = current(s);
    l->cap = 0; /* forces the reload in set_height */
    report(s, xf_list_set_height(l, s->list_rows, &err), &err);
    l->drawn_sel = -1;
    s->p->dirty = s->p->full = true;
    link_selection(s);
}

static void reset_list(struct pl_state *s, struct xf_list *l, const struct xf_list_col *cols, int n,
                       xf_list_fetch_fn fetch, xf_list_locate_fn locate)
{
    xf_list_free(l);
    xf_list_init(l, cols, n, fetch, locate, s);
}

static int tree_select(struct pl_state *s, int row);

static void back_to_tree(struct pl_state *s)
{
    struct xf_error err = {0};
    if (s->tree_stale)
        report(s, pl_tree_rebuild(s, &err), &err);
    enter_mode(s, PL_TREE);
    /* the cursor goes back to the unit we came from */
    int row = s->unit_id ? pl_tree_find(s, s->unit_id) : -1;
    if (row >= 0)
        tree_select(s, row);
}

/* Back to the same unit's members, the cursor stays on the member it was
 * on; another unit's members start at the top. below: with the members of
 * the units below it (`m` on a unit with sub-units: who is overdue in a
 * whole department). */
static void show_members(struct pl_state *s, int64_t unit_id, const char *name, bool below)
{
    if (unit_id != s->unit_id || below != s->below || s->members.n == 0) {
        s->unit_id = unit_id;
        s->below = below;
        set_text(&s->unit_name, name);
        reset_list(s, &s->members, below ? pl_member_cols_below : pl_member_cols,
                   pl_member_ncols, pl_members_fetch, pl_members_locate);
    }
    s->from_found = false;
    enter_mode(s, PL_MEMBERS);
}

static void show_pledges(struct pl_state *s, int64_t member_id, const char *name)
{
    s->member_id = member_id;
    set_text(&s->member_name, name);
    free(s->member_unit);
    s->member_unit = NULL;
    const struct xf_list_row *r = xf_list_selected(&s->members);
    if (s->below && r && r->key.id == member_id)
        s->member_unit = xf_unit_place_label(xf_ui_ctx(s->p->ui), r->unit_id);
    bool narrow = s->p->w < PL_WIDE;
    reset_list(s, &s->pledges, narrow ? pl_pledge_cols_narrow : pl_pledge_cols,
               narrow ? pl_pledge_ncols_narrow : pl_pledge_ncols, pl_pledges_fetch, NULL);
    enter_mode(s, PL_PLEDGES);
}

/* Rebuilds the tree and reloads its list, keeping the cursor on its unit. */
static void tree_reload(struct pl_state *s)
{
    struct xf_error err = {0};
    if (report(s, pl_tree_rebuild(s, &err), &err) == XF_OK)
        report(s, xf_list_reload(&s->tree, &err), &err);
    s->p->dirty = s->p->full = true;
}

/* ---- the tree's keys ---- */

static int list_step(struct pl_state *s, enum xf_action a)
{
    struct xf_error err = {0};
    struct xf_list *l = current(s);
    int r = xf_list_move(l, a, &err);
    if (err.code)
        xf_ui_error(s->p->ui, &err);
    if (r & XF_UI_REDRAW)
        link_selection(s);
    return r;
}

/* Puts the cursor on tree row `row`: where it is when on screen, else
 * with the list re-read around it, a third of the way down. */
static int tree_select(struct pl_state *s, int row)
{
    struct xf_list *l = &s->tree;
    struct xf_error err = {0};
    int64_t id = s->v[row].id;
    for (int i = 0; i < l->n; i++)
        if (l->rows[i].key.id == id) {
            l->sel = i;
            link_selection(s);
            return XF_UI_HANDLED | XF_UI_REDRAW;
        }
    int pos = row < l->cap / 3 ? row : l->cap / 3;
    char key[16];
    pl_index_key(row, key);
    xf_list_free(l);
    l->rows = calloc((size_t)pos + 1, sizeof *l->rows);
    if (!l->rows || xf_list_row_init(&l->rows[pos], key, id, 0) != XF_OK) {
        xf_list_free(l);
        return XF_UI_HANDLED;
    }
    l->n = pos + 1;
    l->sel = pos;
    report(s, xf_list_reload(l, &err), &err);
    link_selection(s);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* The tree row a list row shows: by its index key, as a unit's own row
 * ("市交警支队 (own)") has the id of the unit's row above it. */
static int tree_row(const struct pl_state *s, const struct xf_list_row *r)
{
    if (!r)
        return -1;
    int i = r->key.sort ? atoi(r->key.sort) : -1;
    return i >= 0 && i < s->n && s->v[i].id == r->key.id ? i : pl_tree_find(s, r->key.id);
}

static int selected_row(struct pl_state *s)
{
    return tree_row(s, xf_list_selected(&s->tree));
}

static int tree_open(struct pl_state *s, enum xf_action a)
{
    int i = selected_row(s);
    if (i < 0)
        return XF_UI_HANDLED;
    struct pl_node *nd = &s->v[i];
    if (nd->children == 0 || a == XF_A_PLEDGE_MEMBERS) {
        if (a == XF_A_EXPAND) {
            char k[32];
            xf_ui_message(s->p->ui, false, _("%s has no sub-units; %s shows its members."),
                          nd->name, xf_keys_hint_name(XF_A_DETAIL, '\n', k, sizeof k));
            return XF_UI_HANDLED;
        }
        /* the "(own)" row has no children: its unit's own members */
        show_members(s, nd->id, nd->name, nd->children > 0);
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    if (nd->expanded) {
        if (a == XF_A_EXPAND)
            return XF_UI_HANDLED;
        return list_step(s, XF_A_DOWN); /* Right on an open unit steps into it */
    }
    struct xf_error err = {0};
    bool expanded;
    if (report(s, pl_tree_expand(s, i, &expanded, &err), &err) == XF_OK) {
        report(s, xf_list_reload(&s->tree, &err), &err);
        s->tree.stale = true;
    }
    if (expanded && i + 1 < s->n && s->v[i + 1].level <= s->v[i].level)
        xf_ui_message(s->p->ui, false, _("No sub-unit of %s matches the filter."), s->v[i].name);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int tree_close(struct pl_state *s, enum xf_action a)
{
    int i = selected_row(s);
    if (i < 0)
        return XF_UI_HANDLED;
    if (s->v[i].expanded) {
        struct xf_error err = {0};
        pl_tree_collapse(s, i);
        report(s, xf_list_reload(&s->tree, &err), &err);
        s->tree.stale = true;
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    if (a == XF_A_LEFT && s->v[i].level > 0) {
        int up = i - 1;
        while (up > 0 && s->v[up].level >= s->v[i].level)
            up--;
        return tree_select(s, up);
    }
    return XF_UI_HANDLED;
}

/* ---- search ---- */

static int search(struct pl_state *s)
{
    if (!pl_form_search(s))
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    reset_list(s, &s->found, pl_found_cols, pl_found_ncols, pl_found_fetch, pl_found_locate);
    enter_mode(s, PL_FOUND);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* Enter on a member found: their pledges, as Enter on them in their
 * unit's members shows; Esc goes back to those members, the cursor on
 * them, and Esc again to the search results. */
static int reveal_member(struct pl_state *s, int64_t member_id)
{
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    struct xf_member m = {0};
    struct xf_unit u = {0};
    struct xf_error err = {0};
    if (report(s, xf_member_get(ctx, member_id, &m, &err), &err) == XF_OK &&
        report(s, xf_unit_get(ctx, m.unit_id, &u, &err), &err) == XF_OK) {
        char *place = xf_unit_place_label(ctx, u.id); /* "Members of 市城建委 › 服务大厅" */
        show_members(s, u.id, place ? place : u.name, false);
        free(place);
        report(s, xf_list_select_id(&s->members, m.id, &err), &err);
        s->from_found = true;
        show_pledges(s, m.id, m.name);
    }
    xf_member_clear(&m);
    xf_unit_clear(&u);
    s->p->dirty = s->p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* Enter on a search result: the tree opened down to that unit. */
static int reveal(struct pl_state *s)
{
    const struct xf_list_row *r = xf_list_selected(&s->found);
    if (!r)
        return XF_UI_HANDLED;
    if (r->key.id < 0)
        return reveal_member(s, -r->key.id);
    struct xf_unit u = {0};
    struct xf_error err = {0};
    if (report(s, xf_unit_get(xf_ui_ctx(s->p->ui), r->key.id, &u, &err), &err) != XF_OK)
        return XF_UI_HANDLED;
    if (s->tree_stale)
        report(s, pl_tree_rebuild(s, &err), &err);
    int row = pl_tree_reveal(s, u.id, u.path, &err);
    s->mode = PL_TREE;
    if (row < 0) {
        char k[32];
        if (err.code)
            xf_ui_error(s->p->ui, &err);
        else if (s->overdue_only)
            xf_ui_message(s->p->ui, false, _("%s is hidden by the filter (f)."), u.name);
        else if (s->p->link_unit && xf_keys_hint_key(XF_A_UNLINK, 'L', k, sizeof k))
            /* The tree holds the unit chosen in another pane: say how to
             * have them all back, not only that this one is not there. */
            xf_ui_message(s->p->ui, false,
                          _("%s is outside the unit chosen in another pane; %s shows all."),
                          u.name, k);
        else
            xf_ui_message(s->p->ui, false, _("%s is outside the units shown here."), u.name);
        xf_unit_clear(&u);
        enter_mode(s, PL_TREE);
        return XF_UI_HANDLED | XF_UI_REDRAW;
    }
    xf_unit_clear(&u);
    s->p->dirty = s->p->full = true;
    tree_select(s, row);
    s->tree.drawn_sel = -1;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* ---- actions ---- */

static const struct xf_list_row *selected_pledge(struct pl_state *s, bool want_open)
{
    const struct xf_list_row *r = s->mode == PL_PLEDGES ? xf_list_selected(&s->pledges) : NULL;
    if (!r) {
        xf_ui_message(s->p->ui, true, _("Choose a pledge first: Enter on a member shows them."));
        return NULL;
    }
    if (want_open && strcmp(r->cells[PL_PCOL_STATUS], "open") != 0) {
        bool kept = strcmp(r->cells[PL_PCOL_STATUS], "kept") == 0;
        xf_ui_message(s->p->ui, true, _("This pledge is %s already."),
                      kept ? _("kept") : _("withdrawn"));
        return NULL;
    }
    return r;
}

static int refused(struct pl_state *s)
{
    xf_ui_message(s->p->ui, true,
                  _("Your role may not change pledges: organisers and administrators do."));
    return XF_UI_HANDLED;
}

static int new_pledge(struct pl_state *s)
{
    if (!may_edit(s))
        return refused(s);
    int64_t unit = 0, member = 0;
    const char *unit_name = "", *member_label = NULL;
    bool letter = false;
    char *label = NULL;
    if (s->mode == PL_TREE || s->mode == PL_FOUND) {
        const struct xf_list_row *r = xf_list_selected(current(s));
        int i = s->mode == PL_TREE ? tree_row(s, r) : -1;
        if (!r) {
            xf_ui_message(s->p->ui, true, _("Choose a unit first."));
            return XF_UI_HANDLED;
        }
        if (r->key.id < 0) /* a member found: their pledge, at their unit */
            member = -r->key.id;
        else
            unit = r->key.id;
        unit_name = i >= 0 ? s->v[i].name : r->cells[0];
    } else {
        /* Below a unit, a member's pledge is made at their own unit (found
         * from the member below, as for a search result). */
        unit = s->below ? 0 : s->unit_id;
        unit_name = s->unit_name;
        const struct xf_list_row *r = s->mode == PL_MEMBERS ? xf_list_selected(&s->members) : NULL;
        if (r && r->key.id > 0 && asprintf(&label, "%s (%s)", r->cells[0], r->cells[1]) >= 0)
            member = r->key.id;
        else if (s->mode == PL_PLEDGES && s->member_id > 0) {
            member = s->member_id;
            member_label = s->member_name;
        } else /* the unit's letters, or their row among the members */
            letter = s->mode == PL_PLEDGES || (r && r->key.id == 0);
        if (member == 0)
            unit = s->unit_id;
    }
    /* A member no longer active makes no pledges: said now, not after the
     * form is filled in. */
    struct xf_member m = {0};
    struct xf_error err = {0};
    if (member > 0 && xf_member_get(xf_ui_ctx(s->p->ui), member, &m, &err) == XF_OK && !m.active) {
        xf_ui_message(s->p->ui, true, _("%s (%s) is no longer an active member"), m.name, m.code);
        xf_member_clear(&m);
        free(label);
        return XF_UI_HANDLED;
    }
    char *place = NULL;
    if (member > 0 && unit == 0 && !m.id) { /* a found member since gone */
        xf_ui_error(s->p->ui, &err);
        return XF_UI_HANDLED;
    }
    if (member > 0 && unit == 0) { /* from a search result */
        unit = m.unit_id;
        unit_name = place = xf_unit_place_label(xf_ui_ctx(s->p->ui), unit);
        free(label);
        if (asprintf(&label, "%s (%s)", m.name, m.code) < 0)
            label = NULL;
    }
    xf_member_clear(&m);
    /* Copies: the form may outlive the rows (a resize reloads them). */
    char *unit_copy = strdup(unit_name ? unit_name : "");
    free(place);
    char *member_copy = member_label ? strdup(member_label) : NULL;
    int res = pl_form_new(s, unit, unit_copy ? unit_copy : "", member,
                          label ? label : member_copy, letter);
    free(unit_copy);
    free(member_copy);
    free(label);
    return res;
}

static int keep_or_withdraw(struct pl_state *s, bool keep)
{
    if (!may_edit(s))
        return refused(s);
    const struct xf_list_row *r = selected_pledge(s, true);
    if (!r)
        return XF_UI_HANDLED;
    int64_t version = strtoll(r->cells[PL_PCOL_VERSION], NULL, 10);
    int64_t id = r->key.id;
    /* Said before the evidence is typed: the one who made or recorded the
     * pledge cannot be the one who verifies it. */
    struct xf_error err = {0};
    if (keep && xf_pledge_keep_check(xf_ui_ctx(s->p->ui), id, &err) == XF_EPERM) {
        xf_ui_error(s->p->ui, &err);
        return XF_UI_HANDLED;
    }
    char *text = strdup(r->cells[PL_PCOL_TEXT]);
    int res = keep ? pl_form_keep(s, id, version, text ? text : "")
                   : pl_form_withdraw(s, id, version, text ? text : "");
    free(text);
    return res;
}

/* f: overdue only, on and off. A single yes-or-no choice needs no form:
 * the one-field form it replaced took a second f as typing and showed
 * nothing, so f f looked like a hang. The title says when it is on. */
static int filter_key(struct pl_state *s)
{
    struct xf_error err = {0};
    int rc;
    s->overdue_only = !s->overdue_only;
    /* The cursor stays on its unit or member where the filter leaves
     * it, else goes to the first row. */
    if (s->mode == PL_MEMBERS) {
        rc = report(s, xf_list_refilter(&s->members, &err), &err);
        s->tree_stale = true;
    } else if ((rc = report(s, pl_tree_rebuild(s, &err), &err)) == XF_OK) {
        rc = report(s, xf_list_refilter(&s->tree, &err), &err);
    }
    if (rc == XF_OK) /* an error said stays said */
        xf_ui_message(s->p->ui, false, "%s",
                      s->overdue_only
                          ? _("Showing only the units and members with overdue pledges.")
                          : _("Showing all units and members."));
    s->p->dirty = s->p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int sort_key(struct pl_state *s)
{
    static const char *const names[] = {N_("by code"), N_("most overdue first"),
                                        N_("lowest progress first")};
    s->sort = (s->sort + 1) % PL_SORT_COUNT;
    tree_reload(s);
    /* A new order is read from its top, as the other lists do: kept on
     * the unit it was on, the cursor hid the units that now rank above
     * it (a trial read 66% as the lowest progress). */
    struct xf_error err = {0};
    if (s->mode != PL_MEMBERS && (xf_list_move(&s->tree, XF_A_HOME, &err) & XF_UI_REDRAW))
        link_selection(s);
    else if (err.code)
        xf_ui_error(s->p->ui, &err);
    xf_ui_message(s->p->ui, false, _("Units sorted %s."), _(names[s->sort]));
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* A member's pledges after their edit: a new name or unit is shown in the
 * title, and the next pledge is made at the unit they are in now (the
 * form named the old one). Esc then goes to the new unit's members. */
static void follow_member(struct pl_state *s)
{
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    struct xf_member m = {0};
    struct xf_error err = {0};
    if (xf_member_get(ctx, s->member_id, &m, &err) == XF_OK) {
        set_text(&s->member_name, m.name);
        if (m.unit_id != s->unit_id && !s->below) {
            char *place = xf_unit_place_label(ctx, m.unit_id);
            s->unit_id = m.unit_id;
            set_text(&s->unit_name, place ? place : "");
            free(place);
            reset_list(s, &s->members, pl_member_cols, pl_member_ncols, pl_members_fetch,
                       pl_members_locate);
            report(s, xf_list_select_id(&s->members, m.id, &err), &err);
            s->from_found = false;
        }
    }
    xf_member_clear(&m);
}

/* `e`: the unit or member under the cursor (a pledge's member). */
static int edit_key(struct pl_state *s)
{
    const struct xf_list_row *r = xf_list_selected(current(s));
    const struct xf_list *rows = current(s);
    int done;
    switch (s->mode) {
    case PL_MEMBERS: return pl_units_menu(s, s->unit_id, r ? r->key.id : 0, rows);
    case PL_PLEDGES: /* the pledges' member: no row of its own */
        done = pl_units_menu(s, s->unit_id, s->member_id, NULL);
        follow_member(s);
        return done | XF_UI_REDRAW_ALL;
    case PL_FOUND: /* members are the rows of negative id */
        return r && r->key.id < 0 ? pl_units_menu(s, 0, -r->key.id, rows)
                                  : pl_units_menu(s, r ? r->key.id : 0, 0, rows);
    default: return pl_units_menu(s, r ? r->key.id : 0, 0, rows);
    }
}

static int tree_key(struct pl_state *s, enum xf_action a)
{
    switch (a) {
    case XF_A_RIGHT:
    case XF_A_DETAIL:
    case XF_A_EXPAND:
    case XF_A_PLEDGE_MEMBERS: return tree_open(s, a);
    case XF_A_LEFT:
    case XF_A_COLLAPSE: return tree_close(s, a);
    case XF_A_SORT: return sort_key(s);
    default: return XF_UI_IGNORED;
    }
}

static int members_key(struct pl_state *s, enum xf_action a)
{
    const struct xf_list_row *r = xf_list_selected(&s->members);
    switch (a) {
    case XF_A_RIGHT:
    case XF_A_DETAIL:
        if (r) /* the name, without marks; id 0 is the unit's letters' row */
            show_pledges(s, r->key.id, r->key.id ? r->key.sort : r->cells[0]);
        return XF_UI_HANDLED | XF_UI_REDRAW;
    case XF_A_LEFT:
    case XF_A_BACK:
        if (s->from_found) {
            s->from_found = false;
            enter_mode(s, PL_FOUND);
        } else {
            back_to_tree(s);
        }
        return XF_UI_HANDLED | XF_UI_REDRAW;
    default: return XF_UI_IGNORED;
    }
}

static int pledges_key(struct pl_state *s, enum xf_action a)
{
    const struct xf_list_row *r = xf_list_selected(&s->pledges);
    switch (a) {
    case XF_A_DETAIL:
        if (r)
            pl_show_detail(s, r->key.id);
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    case XF_A_LEFT:
    case XF_A_BACK: enter_mode(s, PL_MEMBERS); return XF_UI_HANDLED | XF_UI_REDRAW;
    case XF_A_RIGHT: return XF_UI_HANDLED;
    case XF_A_PLEDGE_KEEP: return keep_or_withdraw(s, true);
    case XF_A_PLEDGE_WITHDRAW: return keep_or_withdraw(s, false);
    default: return XF_UI_IGNORED;
    }
}

/* `m` on a search result: the unit's members, or the member's unit's with
 * the cursor on them; Esc goes back to the results. */
static int found_members(struct pl_state *s)
{
    const struct xf_list_row *r = xf_list_selected(&s->found);
    if (!r)
        return XF_UI_HANDLED;
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    struct xf_member m = {0};
    struct xf_error err = {0};
    int64_t unit = r->key.id;
    if (unit < 0) {
        if (report(s, xf_member_get(ctx, -unit, &m, &err), &err) != XF_OK)
            return XF_UI_HANDLED;
        unit = m.unit_id;
    }
    char *place = xf_unit_place_label(ctx, unit);
    show_members(s, unit, place ? place : "", false);
    free(place);
    if (m.id)
        report(s, xf_list_select_id(&s->members, m.id, &err), &err);
    s->from_found = true;
    xf_member_clear(&m);
    s->p->dirty = s->p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int found_key(struct pl_state *s, enum xf_action a)
{
    switch (a) {
    case XF_A_RIGHT:
    case XF_A_DETAIL: return reveal(s);
    case XF_A_PLEDGE_MEMBERS: return found_members(s);
    case XF_A_LEFT:
    case XF_A_BACK:
        s->unit_id = 0;
        back_to_tree(s);
        return XF_UI_HANDLED | XF_UI_REDRAW;
    default: return XF_UI_IGNORED;
    }
}

static int pledges_pane_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    struct pl_state *s = state(p);
    /* Esc takes the filter away before it goes back, as in every list;
     * q goes back (or quits from the tree) at once. */
    if (a == XF_A_BACK && raw == XF_KEY_ESC && s->overdue_only &&
        (s->mode == PL_TREE || s->mode == PL_MEMBERS))
        return filter_key(s);
    switch (a) {
    case XF_A_DOWN:
    case XF_A_UP:
    case XF_A_PAGE_DOWN:
    case XF_A_PAGE_UP:
    case XF_A_HOME:
    case XF_A_END: return list_step(s, a);
    case XF_A_SEARCH: return search(s);
    case XF_A_FILTER:
        if (s->mode == PL_TREE || s->mode == PL_MEMBERS)
            return filter_key(s);
        break;
    case XF_A_NEW: return new_pledge(s);
    case XF_A_EDIT: return edit_key(s);
    case XF_A_PLEDGE_KEEP:
    case XF_A_PLEDGE_WITHDRAW:
        if (!may_edit(s)) /* before where to go for a pledge */
            return refused(s);
        if (s->mode != PL_PLEDGES) {
            selected_pledge(s, true); /* says what to do first */
            return XF_UI_HANDLED;
        }
        break;
    default: break;
    }
    switch (s->mode) {
    case PL_MEMBERS: return members_key(s, a);
    case PL_PLEDGES: return pledges_key(s, a);
    case PL_FOUND: return found_key(s, a);
    default: return tree_key(s, a);
    }
}

/* ---- drawing ---- */

static void draw_title(struct pl_state *s, WINDOW *w, bool focused)
{
    attr_t a = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
    const char *flt = s->overdue_only ? _(" [overdue only]") : "";
    char linked[300] = "";
    bool formula = true; /* " — kept / (made − withdrawn)" */
    if (s->p->link_unit && s->mode == PL_TREE) {
        /* At 80 columns a unit's place ran off the edge, the key that
         * clears the link with it: the formula gives way to it, then the
         * place is cut to the room left. */
        char head[200];
        snprintf(head, sizeof head, _("Pledge progress \u2014 kept / (made \u2212 withdrawn)%s"),
                 "");
        int room = s->p->w - 2 - xf_text_width(head);
        xf_ui_linked_note(s->p->ui, s->p->link_unit, 0, linked, sizeof linked);
        if (xf_text_width(linked) > room) {
            formula = false;
            room = s->p->w - 2 - xf_text_width(_("Pledge progress"));
        }
        xf_ui_linked_note_fit(s->p->ui, s->p->link_unit, 0, room, linked, sizeof linked);
    }
    switch (s->mode) {
    case PL_MEMBERS:
        if (s->below)
            xf_draw_printf(w, 0, 1, s->p->w - 2, a, _("Members of %s and the units below%s"),
                           s->unit_name, flt);
        else
            xf_draw_printf(w, 0, 1, s->p->w - 2, a, _("Members of %s%s"), s->unit_name, flt);
        break;
    case PL_PLEDGES:
        if (s->member_id)
            xf_draw_printf(w, 0, 1, s->p->w - 2, a, _("Pledges of %s \u2014 %s"),
                           s->member_name, s->member_unit ? s->member_unit : s->unit_name);
        else
            xf_draw_printf(w, 0, 1, s->p->w - 2, a, _("Responsibility letters of %s"),
                           s->unit_name);
        break;
    case PL_FOUND:
        if (s->n_found >= PL_FOUND_MAX) /* not the total: say so */
            xf_draw_printf(w, 0, 1, s->p->w - 2, a,
                           _("Units and members matching \u201c%s\u201d (the first %d: type "
                             "more to narrow it)"),
                           s->query ? s->query : "", s->n_found);
        else
            xf_draw_printf(w, 0, 1, s->p->w - 2, a,
                           _("Units and members matching \u201c%s\u201d (%d)"),
                           s->query ? s->query : "", s->n_found);
        break;
    default:
        /* Narrowed by another pane's selection: say so, or the tree looks
         * as if data were missing. */
        if (formula)
            xf_draw_printf(w, 0, 1, s->p->w - 2, a,
                           _("Pledge progress \u2014 kept / (made \u2212 withdrawn)%s"),
                           s->p->link_unit ? linked : flt);
        else
            xf_draw_printf(w, 0, 1, s->p->w - 2, a, "%s%s", _("Pledge progress"), linked);
    }
}

/* K and W are offered on an open pledge, K only to who may verify it: it
 * was offered to the organiser who recorded the pledge, and refused when
 * pressed. */
static bool pledge_open(struct pl_state *s)
{
    const struct xf_list_row *r = s->mode == PL_PLEDGES ? xf_list_selected(&s->pledges) : NULL;
    return r && strcmp(r->cells[PL_PCOL_STATUS], "open") == 0;
}

static bool may_keep(struct pl_state *s)
{
    if (!may_edit(s) || !pledge_open(s))
        return false;
    int64_t id = xf_list_selected(&s->pledges)->key.id;
    if (id != s->keep_id) {
        struct xf_error err = {0};
        s->keep_id = id;
        s->keep_ok = xf_pledge_keep_check(xf_ui_ctx(s->p->ui), id, &err) != XF_EPERM;
    }
    return s->keep_ok;
}

static void draw_hints(struct pl_state *s, WINDOW *w)
{
    enum xf_action n = may_edit(s) ? XF_A_NEW : XF_A_NONE;
    enum xf_action e = may_edit(s) ? XF_A_EDIT : XF_A_NONE;
    enum xf_action keep = may_keep(s) ? XF_A_PLEDGE_KEEP : XF_A_NONE;
    enum xf_action withdraw = may_edit(s) && pledge_open(s) ? XF_A_PLEDGE_WITHDRAW : XF_A_NONE;
    enum xf_action clear = s->overdue_only ? XF_A_BACK : XF_A_NONE;
    /* how to clear the filter first: the line is cut at 80 columns. One
     * filter serves the tree and the members, so Esc shows all of both
     * and says so (a hint of "clear" read as the member list's only). */
    const struct xf_hint tree[] = {{clear, XF_KEY_ESC, N_("show all"), 0, 0},
                                   {XF_A_RIGHT, KEY_RIGHT, N_("expand"), 0, 0},
                                   {XF_A_LEFT, KEY_LEFT, N_("collapse"), 0, 0},
                                   {XF_A_PLEDGE_MEMBERS, 'm', N_("members"), 0, 0},
                                   {n, 'n', N_("new pledge"), 0, 0},
                                   {e, 'e', N_("unit…"), 0, 0},
                                   {XF_A_SEARCH, '/', N_("search"), 0, 0},
                                   {XF_A_FILTER, 'f', N_("filter"), 0, 0},
                                   {XF_A_SORT, 's', N_("sort"), 0, 0}};
    const struct xf_hint members[] = {{XF_A_DETAIL, '\n', N_("pledges"), 0, 0},
                                      {clear, XF_KEY_ESC, N_("show all"), 0, 0},
                                      {XF_A_BACK, s->overdue_only ? 'q' : XF_KEY_ESC,
                                       N_("back"), 0, 0},
                                      {n, 'n', N_("new pledge"), 0, 0},
                                      {e, 'e', N_("member…"), 0, 0},
                                      {XF_A_FILTER, 'f', N_("filter"), 0, 0}};
    const struct xf_hint pledges[] = {{XF_A_DETAIL, '\n', N_("detail"), 0, 0},
                                      {XF_A_BACK, XF_KEY_ESC, N_("back"), 0, 0},
                                      {keep, 'K', N_("kept"), 0, 0},
                                      {withdraw, 'W', N_("withdraw"), 0, 0},
                                      {n, 'n', N_("new pledge"), 0, 0}};
    /* Enter shows a unit in the tree and a member's pledges (members are
     * the rows of negative id). */
    const struct xf_list_row *fr = s->mode == PL_FOUND ? xf_list_selected(&s->found) : NULL;
    const struct xf_hint found[] = {
        {XF_A_DETAIL, '\n', fr && fr->key.id < 0 ? N_("pledges") : N_("show in the tree"), 0, 0},
        {XF_A_PLEDGE_MEMBERS, 'm', N_("members"), 0, 0},
        {e, 'e', fr && fr->key.id < 0 ? N_("member…") : N_("unit…"), 0, 0},
        {XF_A_BACK, XF_KEY_ESC, N_("back"), 0, 0}};
    char line[512];
    if (s->mode == PL_MEMBERS)
        xf_keys_hints(line, sizeof line, "  ", members, sizeof members / sizeof members[0]);
    else if (s->mode == PL_PLEDGES)
        xf_keys_hints(line, sizeof line, "  ", pledges, sizeof pledges / sizeof pledges[0]);
    else if (s->mode == PL_FOUND)
        xf_keys_hints(line, sizeof line, "  ", found, sizeof found / sizeof found[0]);
    else
        xf_keys_hints(line, sizeof line, "  ", tree, sizeof tree / sizeof tree[0]);
    xf_draw_text(w, s->p->h - 1, 1, s->p->w - 2, line, xf_draw_attr(XF_C_DIM));
}

/* The progress column as a bar, and overdue counts in the alert colour,
 * over the cells the list drew (the list draws text only). */
static void draw_tree_extras(struct pl_state *s, WINDOW *w, bool focused)
{
    struct xf_list *l = &s->tree;
    struct xf_draw_col cw[8];
    xf_list_widths(l, s->p->w - 2, cw);
    int bar_x = 1, od_x = 1;
    for (int c = 0; c < 5; c++) {
        if (c < 4)
            od_x += cw[c].width + 1;
        bar_x += cw[c].width + 1;
    }
    for (int i = 0; i < l->n; i++) {
        int row = tree_row(s, &l->rows[i]);
        if (row < 0)
            continue;
        const struct pl_node *nd = &s->v[row];
        int y = TITLE_LINES + 1 + i;
        int64_t base = nd->c.made - nd->c.withdrawn;
        if (bar_x + 8 <= s->p->w - 1)
            xf_draw_bar(w, y, bar_x, s->p->w - 1 - bar_x,
                        base > 0 ? (double)nd->c.kept / (double)base : -1);
        if (nd->c.overdue > 0 && !(focused && i == l->sel))
            xf_draw_text_align(w, y, od_x, cw[4].width, l->rows[i].cells[4],
                               xf_draw_attr(XF_C_ALERT) | A_BOLD, XF_ALIGN_RIGHT);
    }
}

static void pledges_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct pl_state *s = state(p);
    struct xf_error err = {0};
    if (s->list_rows != list_rows(p)) {
        s->list_rows = list_rows(p);
        report(s, xf_list_set_height(current(s), s->list_rows, &err), &err);
        p->full = true;
    }
    bool narrow = p->w < PL_WIDE;
    if ((s->pledges.cols == pl_pledge_cols_narrow) != narrow) {
        s->pledges.cols = narrow ? pl_pledge_cols_narrow : pl_pledge_cols;
        s->pledges.n_cols = narrow ? pl_pledge_ncols_narrow : pl_pledge_ncols;
        if (s->mode == PL_PLEDGES)
            report(s, xf_list_reload(&s->pledges, &err), &err);
        p->full = true;
    }
    struct xf_list *l = current(s);
    if (l->cap != s->list_rows)
        report(s, xf_list_set_height(l, s->list_rows, &err), &err);
    bool full = p->full || l->stale;
    if (full) {
        werase(w);
        draw_title(s, w, focused);
        draw_hints(s, w);
    }
    xf_list_draw(l, w, TITLE_LINES, 1, p->w - 2, focused, full);
    if (s->mode == PL_TREE)
        draw_tree_extras(s, w, focused);
}

/* ---- ops ---- */

static int pledges_open(struct xf_pane *p, struct xf_error *err)
{
    struct pl_state *s = calloc(1, sizeof *s);
    if (!s)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    s->p = p;
    p->priv = s;
    xf_list_init(&s->tree, pl_tree_cols, pl_tree_ncols, pl_tree_fetch, pl_tree_locate, s);
    xf_list_init(&s->members, pl_member_cols, pl_member_ncols, pl_members_fetch, NULL, s);
    xf_list_init(&s->pledges, pl_pledge_cols, pl_pledge_ncols, pl_pledges_fetch, NULL, s);
    xf_list_init(&s->found, pl_found_cols, pl_found_ncols, pl_found_fetch, pl_found_locate, s);
    return pl_tree_rebuild(s, err);
}

static void pledges_close(struct xf_pane *p)
{
    struct pl_state *s = state(p);
    if (!s)
        return;
    xf_list_free(&s->tree);
    xf_list_free(&s->members);
    xf_list_free(&s->pledges);
    xf_list_free(&s->found);
    pl_tree_free(s);
    free(s->unit_name);
    free(s->member_name);
    free(s->member_unit);
    free(s->found_ids);
    free(s->query);
    free(s);
    p->priv = NULL;
}

/* After anyone's commit: the current list re-read with the cursor on the
 * same record; the tree only when it is shown (else on return). */
static int pledges_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct pl_state *s = state(p);
    int rc = XF_OK;
    pl_tree_forget(s);
    if (s->mode == PL_TREE) {
        if ((rc = pl_tree_rebuild(s, err)) == XF_OK)
            rc = xf_list_reload(&s->tree, err);
    } else {
        s->tree_stale = true;
        if (s->mode == PL_PLEDGES)
            s->members.stale = true;
        rc = xf_list_reload(current(s), err);
    }
    p->dirty = p->full = true;
    return rc;
}

/* Another pane selected a unit: show only its subtree (0: everything). */
static int pledges_link(struct xf_pane *p, int64_t unit_id, int64_t post_id)
{
    (void)post_id;
    struct pl_state *s = state(p);
    if (unit_id == s->narrow || (unit_id == 0 && post_id != 0))
        return XF_UI_IGNORED;
    s->narrow = unit_id;
    s->mode = PL_TREE;
    s->unit_id = 0;
    xf_list_free(&s->tree);
    xf_list_init(&s->tree, pl_tree_cols, pl_tree_ncols, pl_tree_fetch, pl_tree_locate, s);
    s->tree.cap = s->list_rows;
    struct xf_error err = {0};
    if (report(s, pl_tree_rebuild(s, &err), &err) == XF_OK)
        report(s, xf_list_reload(&s->tree, &err), &err);
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* The Overview's overdue pledges: the tree with "overdue only" on (the
 * figure counts pledges; the tree shows who holds them). The other panes
 * are not linked to its first unit: the user came for the whole list. */
static int pledges_drill(struct xf_pane *p, const char *what)
{
    struct pl_state *s = state(p);
    if (strcmp(what, "overdue") != 0)
        return XF_EINVAL;
    struct xf_error err = {0};
    s->overdue_only = true;
    s->mode = PL_TREE;
    if (report(s, pl_tree_rebuild(s, &err), &err) == XF_OK)
        report(s, xf_list_refilter(&s->tree, &err), &err);
    s->tree.drawn_sel = -1;
    p->dirty = p->full = true;
    return XF_OK;
}

static int pledges_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct pl_state *s = state(p);
    int r = xf_list_click(current(s), y - TITLE_LINES - 1);
    if (r & XF_UI_REDRAW)
        link_selection(s);
    return r;
}

/* H: the unit, member or pledge under the cursor, by mode. */
static int pledges_selected(struct xf_pane *p, const char **entity, int64_t *id)
{
    struct pl_state *s = state(p);
    const struct xf_list_row *r = xf_list_selected(current(s));
    *entity = s->mode == PL_MEMBERS ? "member" : s->mode == PL_PLEDGES ? "pledge" : "unit";
    *id = r ? r->key.id : 0;
    return *id > 0 ? 0 : -1;
}

const struct xf_pane_ops xf_pane_pledges = {
    .name = "pledges",
    .title = N_("Pledge progress"),
    .short_title = N_("Pledges"),
    .open = pledges_open,
    .close = pledges_close,
    .draw = pledges_draw,
    .key = pledges_pane_key,
    .refresh = pledges_refresh,
    /* The tree's rows are rebuilt, but the forms and menus are given
     * copies of the names they show (new_pledge), or ids. */
    .refresh_under_form = true,
    .link = pledges_link,
    .drill = pledges_drill,
    .click = pledges_click,
    .selected = pledges_selected,
};
