/* The annual awards: rows and SQL (the rules are in xf/award.h). */
#ifndef XF_STORE_AWARD_H
#define XF_STORE_AWARD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

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

void xf_award_clear(struct xf_award *a);
void xf_award_basis_free(struct xf_award_basis_row *rows, size_t n);

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
