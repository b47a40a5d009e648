/* The Pledge progress pane, shared by pane_pledges.c (modes, keys,
 * drawing), pledges_tree.c (the unit tree), pledges_lists.c (members,
 * pledges and search results) and pledges_forms.c (the write actions).
 * Not for other panes. */
#ifndef XF_UI_PLEDGES_H
#define XF_UI_PLEDGES_H
#include <stdbool.h>
#include <stdint.h>

#include "xf/date.h"
#include "xf/pledge.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

enum pl_mode {
    PL_TREE,    /* the unit tree with progress per unit */
    PL_MEMBERS, /* one unit's members with their pledge counts */
    PL_PLEDGES, /* one member's pledges */
    PL_FOUND,   /* units matching a `/` search */
};

/* A search shows at most this many units and members. */
enum { PL_FOUND_MAX = 500 };

enum pl_sort { PL_SORT_CODE, PL_SORT_OVERDUE, PL_SORT_PROGRESS, PL_SORT_COUNT };

/* One visible row of the tree. */
struct pl_node {
    int64_t id;
    char *code, *name;
    int level;    /* indentation: 0 for the top rows */
    int children; /* child units; 0 = a leaf (Enter shows its members) */
    bool expanded;
    bool inactive; /* deactivated: shown, marked, counted as before */
    struct xf_pledge_counts c;
};

/* One level of the tree as read: every child unit of parent (0: the top
 * rows, or the linked unit narrow), by code, before filter and sort. */
struct pl_level {
    int64_t parent, narrow;
    struct pl_node *v;
    int n;
};

/* Hidden cells of a pledge row, after the shown columns. */
enum { PL_PCOL_VERSION = 7, PL_PCOL_STATUS, PL_PCOL_TEXT, PL_PCOLS };

struct pl_state {
    struct xf_pane *p;
    enum pl_mode mode;
    /* the tree: visible rows in tree order, and the ids of expanded units */
    struct pl_node *v;
    int n, cap;
    int64_t *open;
    int n_open, cap_open;
    bool tree_stale; /* data changed while another mode was shown */
    bool overdue_only;
    enum pl_sort sort;
    int64_t narrow; /* unit another pane linked to (its subtree only), 0 = none */
    /* Levels already read, so that `f` and `s` rebuild the tree without
     * reading again; dropped when the data may have changed (pl_tree_forget)
     * or the day did (overdue counts go by the day). */
    struct pl_level *levels;
    int n_levels, cap_levels;
    char levels_day[XF_DATE_LEN];
    struct xf_list tree, members, pledges, found;
    int list_rows; /* rows the lists hold (window height minus title, header, hints) */
    /* members mode: the unit; pledges mode: also the member */
    int64_t unit_id, member_id;
    char *unit_name, *member_name;
    /* members mode: the members of unit_id and of every unit below it
     * (`m` on a unit with sub-units), each with their unit */
    bool below;
    char *member_unit; /* pledges mode, below: the member's unit, for the title */
    bool from_found; /* members reached from a search result: Esc goes back to it */
    /* search results: unit ids in id order, then members as -id (so that
     * a member's row never takes a unit's id in the list) */
    int64_t *found_ids;
    int n_found;
    char *query;
    /* pledges mode: whether the user may mark pledge keep_id kept (not
     * the member who made it nor, four eyes, who recorded it), read once
     * per pledge for the hints */
    int64_t keep_id;
    bool keep_ok;
};

/* ---- pledges_tree.c ---- */
/* Rebuilds the rows from the top rows and every expanded unit's children,
 * filtered and sorted; levels not read since pl_tree_forget are read. */
int pl_tree_rebuild(struct pl_state *s, struct xf_error *err);
/* Drops the levels read so far: the next rebuild reads them again. */
void pl_tree_forget(struct pl_state *s);
/* Loads and shows the children of row i; false when it has none. */
int pl_tree_expand(struct pl_state *s, int i, bool *expanded, struct xf_error *err);
void pl_tree_collapse(struct pl_state *s, int i);
/* The row of unit id, -1 when it is not shown. */
int pl_tree_find(const struct pl_state *s, int64_t id);
/* Expands the ancestors of unit id (path "/1/7/42/") that lie in the tree
 * so that it shows; its row or -1. */
int pl_tree_reveal(struct pl_state *s, int64_t id, const char *path, struct xf_error *err);
void pl_tree_free(struct pl_state *s);
extern const struct xf_list_col pl_tree_cols[];
extern const int pl_tree_ncols;
int pl_tree_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                  struct xf_list_row *rows, int *n, struct xf_error *err);
int pl_tree_locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err);
/* Index of row i as the list's sort key. */
void pl_index_key(int i, char out[16]);

/* ---- pledges_lists.c ---- */
extern const struct xf_list_col pl_member_cols[];
extern const int pl_member_ncols;
extern const struct xf_list_col pl_member_cols_below[];
extern const struct xf_list_col pl_pledge_cols[];
extern const int pl_pledge_ncols;
extern const struct xf_list_col pl_pledge_cols_narrow[];
extern const int pl_pledge_ncols_narrow;
enum { PL_WIDE = 100 }; /* pane width from which pledges show their made date */
extern const struct xf_list_col pl_found_cols[];
extern const int pl_found_ncols;
int pl_members_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                     struct xf_list_row *rows, int *n, struct xf_error *err);
int pl_pledges_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                     struct xf_list_row *rows, int *n, struct xf_error *err);
int pl_found_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                   struct xf_list_row *rows, int *n, struct xf_error *err);
int pl_found_locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err);
/* The key (name, id) of a member of the unit shown, for the cursor. */
int pl_members_locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err);
/* The translated name of a category (the status's is the domain's). */
const char *pl_category_label(const char *category);

/* ---- pledges_forms.c: each returns an xf_ui_result mask ---- */
int pl_form_new(struct pl_state *s, int64_t unit_id, const char *unit_name, int64_t member_id,
                const char *member_label, bool letter);
int pl_form_keep(struct pl_state *s, int64_t pledge_id, int64_t version, const char *text);
int pl_form_withdraw(struct pl_state *s, int64_t pledge_id, int64_t version, const char *text);
/* ---- pledges_units.c ---- */
/* `e`: the actions on member member_id, or else on unit unit_id (edit,
 * add a unit or member, deactivate); an xf_ui_result mask. rows: the
 * list whose selected row it is, for the menu and the question to open
 * beside (NULL: none). */
int pl_units_menu(struct pl_state *s, int64_t unit_id, int64_t member_id,
                  const struct xf_list *rows);
/* `/`: asks for a query and fills s->found_ids; true when something matched. */
bool pl_form_search(struct pl_state *s);
/* Enter on a pledge: everything about it, until a key is pressed. */
void pl_show_detail(struct pl_state *s, int64_t pledge_id);

#endif
