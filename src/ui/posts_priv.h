/* The Posts pane's private state, shared by pane_posts.c (the list),
 * posts_card.c (the notice card) and posts_forms.c (the write actions). */
#ifndef XF_UI_POSTS_PRIV_H
#define XF_UI_POSTS_PRIV_H
#include <stdbool.h>
#include <stdint.h>

#include "xf/post.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

enum posts_col {
    PC_CODE, PC_TITLE, PC_UNIT, PC_HOLDER, PC_STATUS, PC_SCORE, PC_PASS, PC_FAILS, PC_NCOLS
};

struct posts_card; /* posts_card.c */

/* A search's total is counted this far ("1000+"): enough to judge it. */
enum { POSTS_COUNT_CAP = 1000 };

struct posts {
    struct xf_pane *pane;
    struct xf_list list;
    struct xf_list_col cols[PC_NCOLS]; /* cols, the status sized to the language */
    struct xf_post_filter f;
    int status_choice;       /* 0 = every status, else 1 + enum xf_post_status */
    char *query;             /* the `/` search, NULL when none */
    char *ids_json;          /* its matching ids */
    bool search_capped;      /* more matches than were kept */
    long count;              /* the search's matches, up to POSTS_COUNT_CAP; -1 not yet
                                counted, -2 the count failed */
    bool title_dirty;        /* the count came: redraw the title */
    struct posts_card *card; /* the open post card, NULL for the list */
    char *project_label;     /* "XM-K-001 name" while narrowed to a project */
    int64_t hints_unit;      /* the selected row's unit the key hints were drawn for */
    int hints_state;         /* and its status (-1: no row) */
    int64_t hints_id;        /* and the post: N follows its evaluations */
};

/* The selected post's id and unit, 0 when the list is empty. */
int64_t posts_selected(const struct posts *ps);
/* Narrows the other panes to the selected post: what a move does, and a
 * search or a new post that the user put the cursor on. */
void posts_link_selection(struct posts *ps);
/* Reloads the list keeping the cursor; errors go to the status line. */
void posts_reload(struct posts *ps);
/* The same after the filter or the search changed: the cursor stays on
 * its post where the list still has it, else goes to the first row. */
void posts_refilter(struct posts *ps);
/* After the search was emptied: the cursor stays on its post. */
void posts_widen(struct posts *ps);

/* The card of post id (Enter). */
/* "2026Q1, 2026Q3" (2026Q1、2026Q3) from the stored "2026Q1,2026Q3": the
 * list as a sentence reads it. Caller frees; NULL when out of memory. */
char *posts_quarter_list(const char *stored);

int posts_card_open(struct posts *ps, int64_t id);
void posts_card_close(struct posts *ps);
void posts_card_draw(struct posts *ps, WINDOW *w, bool focused);
int posts_card_key(struct posts *ps, enum xf_action a);
int posts_card_refresh(struct posts *ps);
int64_t posts_card_post(const struct posts *ps);
/* `n` on the card from one who logs checks and does not set up posts:
 * where a check of this post is logged (the post filled in). */
int posts_card_new_check(struct posts *ps);

/* Write actions; each returns an xf_ui_result mask (CHANGED after a save). */
int posts_new(struct posts *ps);
int posts_edit(struct posts *ps, int64_t id);
int posts_publish(struct posts *ps, int64_t id);
int posts_name(struct posts *ps, int64_t id);
int posts_revoke(struct posts *ps, int64_t id);
int posts_filter(struct posts *ps);
int posts_search(struct posts *ps);
/* Forgets the search: every post again (within the other filters). */
void posts_clear_search(struct posts *ps);

/* `M`: the key projects (projects_view.c); 1 and the project chosen with
 * Enter (id and a label the caller frees), 0 when the user went back;
 * *wrote says whether anything was saved meanwhile. */
int projects_view(struct xf_ui *ui, int64_t *chosen, char **label, bool *wrote);

#endif
