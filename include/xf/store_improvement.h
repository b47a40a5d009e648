/* Service improvements and annual awards: rows and SQL. */
#ifndef XF_STORE_IMPROVEMENT_H
#define XF_STORE_IMPROVEMENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

struct xf_improvement {
    int64_t id;
    int64_t unit_id;
    char *kind; /* method / prerequisite / fee / time_cut */
    char *title;
    char *on_date;
    bool has_days_before, has_days_after, has_national_limit;
    double days_before; /* approval time before the cut, days */
    double days_after;  /* ... and after */
    double national_limit_days;
    int64_t version;
};

/* Totals for the Overview. */
struct xf_improvement_totals {
    int64_t methods, prerequisites, fees, time_cuts, total;
    /* Mean of (days_before - days_after) over the time cuts; 0 when none. */
    double avg_cut_days;
    /* Mean over the time cuts that name a national limit of
     * (national_limit_days - days_after) / national_limit_days * 100: how
     * far below the national time limit the approval now is, in percent
     * (the "比法定时限平均缩短" figure); 0 when none. */
    double avg_below_limit_pct;
    int64_t with_limit; /* time cuts that name a national limit */
};

struct xf_award {
    int64_t id;
    int year;
    char *kind; /* satisfaction_window / service_brand / exemplar */
    int64_t post_id;
    int64_t unit_id;
    int64_t member_id; /* exemplar: the post holder, when known */
    int rank;
    double score;
    char *status; /* candidate / confirmed / declined */
    char *decided_by;
    int64_t version;
    char *decision_note; /* written with the decision; not read back into xf_award */
};

/* What the award ranking reads about one named post in one year. */
struct xf_award_basis_row {
    int64_t post_id;
    char *post_code;
    int64_t unit_id;
    int64_t member_id;          /* holder, 0 when none */
    int evaluations;            /* evaluations in the year's quarters */
    double mean_score;          /* their mean, 0 when none */
    int complaints_unsatisfied; /* unsatisfied callbacks (each a redo) */
    int complaints_overdue;     /* closed late, or past a deadline now */
    int inspections_failed;
    int64_t department_id; /* the top of the post's unit tree */
};

/* One row of the awards view: the candidate and what people know it by. */
struct xf_award_line {
    int64_t id, version, unit_id;
    int rank;
    double score;
    char *status;     /* candidate / confirmed / declined */
    char *decided_by; /* NULL while a candidate */
    char *post_code;  /* "" for a unit or member award without a post */
    char *post_title;
    char *unit_name;
    char *holder; /* the member's name, else the post's holder */
};

void xf_improvement_clear(struct xf_improvement *im);
void xf_award_clear(struct xf_award *a);
void xf_award_basis_free(struct xf_award_basis_row *rows, size_t n);

int xf_store_improvement_get(struct xf_db *db, int64_t id, struct xf_improvement *out,
                             struct xf_error *err);
/* *id = another entry (id other than im->id) of the same unit, kind, title
 * and day, or 0. */
int xf_store_improvement_same(struct xf_db *db, const struct xf_improvement *im, int64_t *id,
                              struct xf_error *err);
int xf_store_improvement_insert(struct xf_db *db, struct xf_improvement *im, struct xf_error *err);
/* Writes every field but id where version matches (version bumped);
 * XF_ECONFLICT when someone changed it first. */
int xf_store_improvement_update(struct xf_db *db, struct xf_improvement *im,
                                struct xf_error *err);

/* ---- the interface's list of improvements (keyset pages, newest first) -- */

/* In display order: AFTER is older than the key, BEFORE newer (nearest
 * first). */
enum xf_improvement_dir { XF_IMPROVEMENT_AFTER, XF_IMPROVEMENT_FROM, XF_IMPROVEMENT_BEFORE };

struct xf_improvement_query {
    const char *kind;       /* method / prerequisite / fee / time_cut; NULL = every kind */
    const char *like;       /* in the title or the unit's name; NULL = any */
    const char *scope_json; /* unit paths; NULL = all */
};

/* One row; strings valid only during the callback. */
struct xf_improvement_item {
    int64_t id, unit_id, version;
    const char *on_date, *kind, *title, *unit_name;
    bool has_days_before, has_days_after, has_national_limit;
    double days_before, days_after, national_limit_days;
};

/* Up to limit improvements of q from (from_date, from_id) in direction
 * dir (from_date NULL: from the newest, or the oldest for BEFORE). */
int xf_store_improvement_page(struct xf_db *db, const struct xf_improvement_query *q,
                              const char *from_date, int64_t from_id,
                              enum xf_improvement_dir dir, int limit,
                              void (*fn)(void *arg, const struct xf_improvement_item *row),
                              void *arg, struct xf_error *err);
/* How many improvements q holds, counted up to cap (a search's total). */
int xf_store_improvement_count(struct xf_db *db, const struct xf_improvement_query *q, long cap,
                               long *n, struct xf_error *err);
/* The row of improvement id under q; XF_ENOTFOUND when q leaves it out. */
int xf_store_improvement_item(struct xf_db *db, const struct xf_improvement_query *q,
                              int64_t id,
                              void (*fn)(void *arg, const struct xf_improvement_item *row),
                              void *arg, struct xf_error *err);
/* Totals over the subtree of unit_id (0: the whole database). */
int xf_store_improvement_totals(struct xf_db *db, int64_t unit_id,
                                struct xf_improvement_totals *out, struct xf_error *err);
/* Every improvement in id order as CSV fields: unit_code, kind, title,
 * on_date, days_before, days_after, national_limit_days. */
int xf_store_improvement_export(struct xf_db *db,
                                void (*emit)(void *arg, const char *const *fields), void *arg,
                                struct xf_error *err);

int xf_store_award_get(struct xf_db *db, int64_t id, struct xf_award *out, struct xf_error *err);
int xf_store_award_insert(struct xf_db *db, struct xf_award *a, struct xf_error *err);
/* Writes status, decided_by and decision_note where version matches;
 * XF_ECONFLICT otherwise. */
int xf_store_award_update(struct xf_db *db, struct xf_award *a, struct xf_error *err);
/* *yes when a's year and kind already list what a is given to (a window's
 * post, a brand's department, an exemplar's member), in any status. */
int xf_store_award_listed(struct xf_db *db, const struct xf_award *a, bool *yes,
                          struct xf_error *err);
/* Every award row of that year and kind, by rank; *out allocated (NULL
 * when none), free with xf_award_lines_free. */
int xf_store_award_list(struct xf_db *db, int year, const char *kind,
                        struct xf_award_line **out, size_t *n, struct xf_error *err);
void xf_award_line_clear(struct xf_award_line *l);
void xf_award_lines_free(struct xf_award_line *v, size_t n);
/* An award a post stands for, still standing (candidate or confirmed):
 * its satisfaction window, or its holder's service exemplar. */
struct xf_award_held {
    int64_t id;
    int year;
    bool confirmed;
    bool exemplar; /* the holder's, who holds no other post that stands */
};
/* post_id's standing satisfaction-window awards of the years from_year to
 * to_year, then its holder's standing exemplar awards of those years when
 * the holder holds no other post that is not revoked, each by year; *out
 * allocated (NULL when none), freed by the caller. */
int xf_store_award_standing(struct xf_db *db, int64_t post_id, int from_year, int to_year,
                            struct xf_award_held **out, size_t *n, struct xf_error *err);
/* The standing exemplar awards of from_year to to_year of post_id's holder,
 * whatever other posts they hold (a failure of any of them is for review),
 * each by year, and the holder's name in *holder (NULL when none); both
 * allocated, freed by the caller. */
int xf_store_award_holder_exemplars(struct xf_db *db, int64_t post_id, int from_year,
                                    int to_year, struct xf_award_held **out, size_t *n,
                                    char **holder, struct xf_error *err);
/* A confirmed award whose post has failed an evaluation or been revoked
 * since (xf_store_award_review). Strings valid only during the callback. */
struct xf_award_review_row {
    int64_t id;
    int year, rank;
    const char *kind, *post_code, *post_title;
    const char *unit_name;       /* with the units above it */
    const char *revoked_on;      /* NULL unless revoked by the end of the next year */
    const char *failed_quarters; /* "2026Q4,2027Q1" (as above), or NULL */
};
/* The confirmed awards of posts within scope_json (unit paths, NULL =
 * all) that failed an evaluation of the award's year or the next, recorded
 * or corrected since the confirmation, or were revoked by the end of the
 * next year: a window's post; an exemplar's member's posts (revoked: when
 * none stands); a brand's department's posts (revoked only, recorded since
 * the confirmation), one row a post; by year, kind and rank. */
int xf_store_award_review(struct xf_db *db, const char *scope_json,
                          void (*fn)(void *arg, const struct xf_award_review_row *row), void *arg,
                          struct xf_error *err);
/* *out = the award ranked in id's place when id was last declined (the
 * one its decline pulled in, read from the history), or 0 when none was
 * (the ranking had no one left, or the history holds no such row). */
int xf_store_award_replacement(struct xf_db *db, int64_t id, int64_t *out, struct xf_error *err);
/* Award rows of that year and kind already present. */
int xf_store_award_count(struct xf_db *db, int year, const char *kind, int64_t *out,
                         struct xf_error *err);
/* The best-ranked award of that year and kind declined to give its place
 * back to the award it stood in for, reopened (*out 0 when none). */
int xf_store_award_given_back(struct xf_db *db, int year, const char *kind, int64_t *out,
                              struct xf_error *err);
/* The basis of every post named by the end of year and still named;
 * today decides which open complaints are overdue. Caller frees *out with
 * xf_award_basis_free. */
int xf_store_award_basis(struct xf_db *db, int year, const char *today,
                         struct xf_award_basis_row **out, size_t *n, struct xf_error *err);

#endif
