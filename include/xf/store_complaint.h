/* Complaints, their co-handling units and their workflow events: rows and
 * the SQL behind them. The rules (which transition is allowed, deadlines,
 * permissions) live in the domain (xf/complaint.h). */
#ifndef XF_STORE_COMPLAINT_H
#define XF_STORE_COMPLAINT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/date.h"
#include "xf/error.h"

/* One complaint row. Strings are owned (free with xf_complaint_clear);
 * optional columns are NULL when unset, ids 0 when unset. Dates
 * ("YYYY-MM-DD"): sign_due, reply_due; timestamps ("YYYY-MM-DD HH:MM:SS"):
 * the *_at columns. */
struct xf_complaint {
    int64_t id;
    char *code;
    char *source;
    char *kind;
    int64_t post_id;
    int64_t unit_id; /* the unit it concerns */
    char *category;
    char *text;
    char *complainant_name;
    char *complainant_phone;
    char *state;
    char *received_at;
    int64_t lead_unit_id;
    char *dispatched_at;
    char *sign_due;
    char *signed_at;
    char *reply_due;
    char *replied_at;
    char *reply_text;
    char *return_reason;    /* "<reason code>: <free text>" */
    char *callback_outcome; /* satisfied / unsatisfied / unreachable */
    int redo_count;
    char *closed_at;
    int closed_on_time; /* -1 unset, 0, 1 */
    char *reject_reason;
    int64_t merged_into;
    bool supervised;
    /* The date by which the citizen is to be answered, set by a
     * supervisor (a citizen asked for it, or it is pressed): the reply
     * deadline is this, and the sign-for deadline no later. NULL: the
     * category's time limits. */
    char *answer_due;
    /* The running deadline as it was when a supervisor moved it later
     * after it had passed (逾期后延期), the first such of the round: the
     * complaint was late whatever the new date, and is closed late. NULL:
     * none. A new round (dispatch, ruling, redo) clears it. */
    char *missed_due;
    int64_t version;
    char *updated_at;
    /* Filled only by the page query (xf_store_complaint_page), for display;
     * NULL otherwise. */
    char *unit_name;      /* the unit concerned */
    char *post_title;     /* the post concerned */
    char *lead_unit_name; /* the lead unit */
    char *sort_key;       /* the keyset sort value of the page's order */
};

/* One workflow step (complaint_event). */
struct xf_complaint_event {
    int64_t id;
    int64_t complaint_id;
    char *complaint_code; /* filled by the event queries */
    char *at;
    char *actor;
    char *action;
    char *from_state;
    char *to_state;
    int64_t unit_id; /* 0 when none */
    char *note;
};

/* Codes of the records a complaint refers to, for export (NULL = none). */
struct xf_complaint_refs {
    const char *post_code;
    const char *unit_code;
    const char *lead_unit_code;
    const char *cohandler_codes; /* ';'-separated, sorted by code */
    const char *merged_into_code;
};

/* A keyset page of the complaint queue, ordered supervised first, then id. */
struct xf_complaint_query {
    const char *state;      /* NULL: any state */
    bool open_only;         /* not closed, rejected or merged */
    int64_t unit_id;        /* 0: any; else lead or concerned unit within this subtree */
    const char *scope_json; /* NULL: any; else JSON array of subtree root unit codes */
    bool has_after;         /* continue after (after_supervised, after_id) */
    bool after_supervised;
    int64_t after_id;
    int limit;
};

/* Orders of the interface's queue. The first three put supervised (督办)
 * complaints first; the rest follow by id (the order of receipt), by
 * received time, or by the running deadline (none last). The sort key is
 * "0" (supervised) or "1" followed by the compared value, so (sort_key, id)
 * is unique and ordered. The handler's order has six such segments. */
enum xf_complaint_sort {
    XF_CSORT_QUEUE,
    XF_CSORT_RECEIVED,
    XF_CSORT_DEADLINE,
    /* A handler's: what to do first. Supervised to sign for ("0"), to
     * answer ("1"), unsupervised to sign for ("2"), to answer ("3"), each
     * followed by the running deadline; then the rest, nothing left to
     * do there (a co-handled one's steps are its lead unit's: see
     * act_scope_json), supervised ("4") and not ("5"), by id. */
    XF_CSORT_ACTION,
    /* By when closed (closed_at; none, as every open one, first), the
     * order a closed list is browsed by, newest first (xf/complaint.h). */
    XF_CSORT_CLOSED,
    XF_CSORT_COUNT
};

enum xf_complaint_dir {
    XF_CDIR_AFTER,  /* (sort_key, id) > from, ascending */
    XF_CDIR_FROM,   /* >= from, ascending */
    XF_CDIR_BEFORE, /* < from, descending (nearest first) */
};

/* Which complaints against their running deadline (sign_due while
 * dispatched, reply_due while signed). */
enum xf_complaint_clock_filter {
    XF_CCLOCK_ANY,
    XF_CCLOCK_OVERDUE,  /* deadline < today; a closed one: closed late */
    XF_CCLOCK_DUE_SOON, /* today <= deadline <= soon, the step begun before ran */
};

/* One keyset page for the interface's list. */
struct xf_complaint_page_query {
    const char *state;    /* NULL: any */
    bool open_only;       /* not closed, rejected or merged */
    bool supervised_only;
    enum xf_complaint_clock_filter clock;
    const char *today, *soon, *ran; /* dates for clock (xf_complaint_soon_dates) */
    int64_t unit_id;      /* 0: any; else concerned, post's or lead unit in this subtree */
    int64_t post_id;      /* 0: any */
    const char *scope_json; /* NULL: any; else JSON array of subtree root unit codes */
    /* Handlers: only complaints with a lead unit, and scope applies to the
     * lead and the active co-handling units. */
    bool lead_scope;
    const char *search;   /* NULL: any; else a cleaned search (store_search.h) */
    const char *search_places; /* with search: the units and posts each term names
                                * (xf_store_search_term_places), or NULL */
    bool search_no_personal; /* the search leaves out complainant_name and phone */
    const char *phone;    /* NULL, or digits also looked for in the phones' digits */
    enum xf_complaint_sort sort;
    /* XF_CSORT_ACTION: signing for and answering are the user's steps
     * only where the lead unit lies in this JSON array of subtree root
     * unit codes (NULL: anywhere); elsewhere the complaint goes with the
     * rest ("4"/"5"). */
    const char *act_scope_json;
    enum xf_complaint_dir dir;
    const char *from_sort; /* NULL: from the first (or, BEFORE, the last) row */
    int64_t from_id;
    int limit;
};

/* A unit or complaint offered by a picker. */
struct xf_complaint_pick {
    int64_t id;
    char *code;
    char *label; /* unit name, or the complaint's text */
    bool closed; /* a merge target that is closed */
};

/* Per-state counts for the state report. */
struct xf_complaint_state_count {
    char *state;
    long count, overdue, supervised;
    long closed_late; /* closed, not on time (closed_on_time 0) */
    /* deadline moved after it had passed (missed_due), not overdue now */
    long extended_late;
};

/* Per lead unit figures for the unit report. */
struct xf_complaint_unit_stats {
    char *unit_code;
    char *unit_name;
    long dispatched;
    long response_base, responded_in_time;
    long closed, closed_on_time;
    long reached, satisfied;
    long unreachable; /* closed without reaching the citizen: apart (SPEC §2.5) */
};

void xf_complaint_clear(struct xf_complaint *c);
void xf_complaint_event_clear(struct xf_complaint_event *e);
/* Frees arrays returned below. */
void xf_complaints_free(struct xf_complaint *rows, size_t n);
void xf_complaint_events_free(struct xf_complaint_event *rows, size_t n);
void xf_complaint_state_counts_free(struct xf_complaint_state_count *rows, size_t n);
void xf_complaint_unit_stats_free(struct xf_complaint_unit_stats *rows, size_t n);

int xf_store_complaint_get(struct xf_db *db, int64_t id, struct xf_complaint *out,
                           struct xf_error *err);
int xf_store_complaint_by_code(struct xf_db *db, const char *code, struct xf_complaint *out,
                               struct xf_error *err);
/* Inserts every column of c as given (id, version are set on success). */
int xf_store_complaint_insert(struct xf_db *db, struct xf_complaint *c, struct xf_error *err);
/* Writes the columns in which c differs from old (the row as read in this
 * transaction) where c->version still matches, bumping it; XF_ECONFLICT
 * when someone else changed the row first. */
int xf_store_complaint_update(struct xf_db *db, const struct xf_complaint *old,
                              struct xf_complaint *c, struct xf_error *err);
/* Highest number n among codes "<prefix>n" (0 when none). */
int xf_store_complaint_max_seq(struct xf_db *db, const char *prefix, int64_t *out,
                               struct xf_error *err);

/* The years, from `from` on, ascending, of the deadlines (sign_due,
 * reply_due, answer_due) of the complaints not closed, rejected or
 * merged: at most max of them in years, their number in *n. */
int xf_store_complaint_deadline_years(struct xf_db *db, int from, int *years, size_t max, size_t *n,
                                      struct xf_error *err);

/* A post by code: its id and unit (XF_ENOTFOUND naming field when absent).
 * Complaints need only these two, so they do not depend on the post store. */
int xf_store_complaint_post_ref(struct xf_db *db, const char *post_code, const char *field,
                                int64_t *post_id, int64_t *unit_id, struct xf_error *err);

/* The columns of complaint id that its history rows show changed since
 * its version seen (version and updated_at left out), as ",state,
 * supervised," (caller frees; "," when only the version moved: its
 * co-handlers changed); XF_ENOTFOUND when its history does not reach
 * back to seen. */
int xf_store_complaint_changed_since(struct xf_db *db, int64_t id, int64_t seen, char **cols,
                                     struct xf_error *err);

/* Active co-handling units of a complaint (unit ids, sorted). *ids is
 * malloc'd (NULL when n is 0); caller frees. */
int xf_store_complaint_cohandlers(struct xf_db *db, int64_t complaint_id, int64_t **ids, size_t *n,
                                  struct xf_error *err);
/* The complaints merged into complaint_id, by id. */
int xf_store_complaint_merged_ids(struct xf_db *db, int64_t complaint_id, int64_t **ids,
                                  size_t *n, struct xf_error *err);
/* The complaint inspection_id raised: its id and code (the caller frees
 * *code), or 0 and NULL when none. */
int xf_store_inspection_complaint(struct xf_db *db, int64_t inspection_id, int64_t *complaint_id,
                                  char **code, struct xf_error *err);
/* The inspection that raised complaint_id, or 0 when none did. */
int xf_store_complaint_inspection(struct xf_db *db, int64_t complaint_id, int64_t *inspection_id,
                                  struct xf_error *err);
/* Records that inspection_id raised complaint_id (in the caller's
 * transaction). */
int xf_store_inspection_complaint_link(struct xf_db *db, int64_t inspection_id,
                                       int64_t complaint_id, struct xf_error *err);
/* Makes exactly unit_ids the active co-handlers (others deactivated). */
int xf_store_complaint_set_cohandlers(struct xf_db *db, int64_t complaint_id,
                                      const int64_t *unit_ids, size_t n, struct xf_error *err);

/* Appends an event; e->id is set. at NULL means now. */
int xf_store_complaint_event_add(struct xf_db *db, struct xf_complaint_event *e,
                                 struct xf_error *err);
/* Events of a complaint in order; with_merged adds those of every complaint
 * merged into it (directly or through a chain), so a survivor shows the
 * whole story. Caller frees with xf_complaint_events_free. */
int xf_store_complaint_events(struct xf_db *db, int64_t complaint_id, bool with_merged,
                              struct xf_complaint_event **rows, size_t *n, struct xf_error *err);

/* One page of the queue; caller frees with xf_complaints_free. */
int xf_store_complaint_list(struct xf_db *db, const struct xf_complaint_query *q,
                            struct xf_complaint **rows, size_t *n, struct xf_error *err);

/* One page for the interface, with the display fields; caller frees with
 * xf_complaints_free. */
int xf_store_complaint_page(struct xf_db *db, const struct xf_complaint_page_query *q,
                            struct xf_complaint **rows, size_t *n, struct xf_error *err);
/* How many rows the page query q would show in all (its key, direction
 * and limit aside), counting no further than cap: *n is at most cap. */
int xf_store_complaint_count(struct xf_db *db, const struct xf_complaint_page_query *q,
                             long cap, long *n, struct xf_error *err);
/* Active units whose code starts with query or whose name contains it
 * (query "" = all), those matching by code first, then by code; at most
 * limit. With scope_json (a JSON array of unit codes) only units at or
 * below one of them. */
int xf_store_complaint_pick_units(struct xf_db *db, const char *query, const char *scope_json,
                                  int limit, struct xf_complaint_pick **rows, size_t *n,
                                  struct xf_error *err);
/* Open complaints other than exclude_id whose code contains query, within
 * scope_json (NULL = all), by code; at most limit. */
/* phone: the query's digits when it reads as a phone number (NULL or ""
 * otherwise), matched against the caller's phone. */
int xf_store_complaint_pick_merge_target(struct xf_db *db, const char *query, const char *phone,
                                 int64_t exclude_id, const char *scope_json, int limit,
                                 struct xf_complaint_pick **rows, size_t *n,
                                 struct xf_error *err);
void xf_complaint_picks_free(struct xf_complaint_pick *rows, size_t n);
/* "D001-01  市城建委 › 审批处": a unit as the unit pickers list it. */
int xf_store_complaint_unit_pick_label(struct xf_db *db, int64_t unit_id, char **out,
                                       struct xf_error *err);
/* "name (code)" of a unit, or "title (code)" of a post; *out is the
 * caller's. XF_ENOTFOUND when there is none. */
int xf_store_complaint_unit_label(struct xf_db *db, int64_t unit_id, char **out,
                                  struct xf_error *err);
int xf_store_complaint_post_label(struct xf_db *db, int64_t post_id, char **out,
                                  struct xf_error *err);

/* Every complaint in id order with the codes it refers to; fn returns
 * non-zero to stop (that value is returned). */
typedef int (*xf_complaint_row_fn)(void *arg, const struct xf_complaint *c,
                                   const struct xf_complaint_refs *refs);
int xf_store_complaint_each(struct xf_db *db, xf_complaint_row_fn fn, void *arg,
                            struct xf_error *err);

/* A handler's own work: complaints led by a unit within scope_json (NULL:
 * any) waiting to be signed for (dispatched) and to be answered (signed),
 * of those past their deadline (before today) and due soon (deadline from
 * today to soon, the step's clock begun before the day ran). */
/* The day of complaint_id's latest return (its event), into out; false
 * when it has none (out ""). */
bool xf_store_complaint_returned_at(struct xf_db *db, int64_t complaint_id,
                                    char out[XF_DATE_LEN]);
int xf_store_complaint_lead_work(struct xf_db *db, const char *scope_json, const char *today,
                                 const char *soon, const char *ran, long *to_sign,
                                 long *to_reply, long *overdue, long *due_soon,
                                 struct xf_error *err);

/* True when the complaint's latest return, ruling or accepted hand-over
 * event is a ruling that upheld the dispatch (rule_reject). */
bool xf_store_complaint_return_upheld(struct xf_db *db, int64_t complaint_id);
/* Whether complaint_id is back at its unit to be redone (an unsatisfied
 * callback), with no dispatch, return or ruling since. */
bool xf_store_complaint_redo_pending(struct xf_db *db, int64_t complaint_id);

/* Reports. today decides "overdue"; scope_json as in the query (NULL = all),
 * lead_scope as in the page query (a handler's view); period (NULL: all
 * time) keeps the complaints received within it. */
int xf_store_complaint_count_states(struct xf_db *db, const char *today, const char *scope_json,
                                    bool lead_scope, const struct xf_period *period,
                                    struct xf_complaint_state_count **rows, size_t *n,
                                    struct xf_error *err);
/* Per lead unit; within scope_json, the lead units in it (each row a
 * unit's whole figures). */
int xf_store_complaint_unit_stats(struct xf_db *db, const char *today, const char *scope_json,
                                  const struct xf_period *period,
                                  struct xf_complaint_unit_stats **rows, size_t *n,
                                  struct xf_error *err);

#endif
