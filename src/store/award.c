/* The annual awards: rows and SQL. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_award.h"
#include "xf/store_internal.h"

void xf_award_clear(struct xf_award *a)
{
    free(a->kind);
    free(a->status);
    free(a->decided_by);
    memset(a, 0, sizeof *a);
}

void xf_award_basis_free(struct xf_award_basis_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].post_code);
    free(rows);
}

int xf_store_award_get(struct xf_db *db, int64_t id, struct xf_award *out, struct xf_error *err)
{
    static const char sql[] =
        "SELECT id,year,kind,post_id,unit_id,member_id,rank,score,status,decided_by,version"
        " FROM award WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->year = sqlite3_column_int(st, 1);
        out->kind = xf_col_strdup(st, 2);
        out->post_id = sqlite3_column_int64(st, 3);
        out->unit_id = sqlite3_column_int64(st, 4);
        out->member_id = sqlite3_column_int64(st, 5);
        out->rank = sqlite3_column_int(st, 6);
        out->score = sqlite3_column_double(st, 7);
        out->status = xf_col_strdup(st, 8);
        out->decided_by = xf_col_dup(st, 9);
        out->version = sqlite3_column_int64(st, 10);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "award", _("no award candidate #%" PRId64), id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* ?1 year, ?2 kind, ?3 post, ?4 unit, ?5 member (0: none). */
static void bind_award_key(sqlite3_stmt *st, const struct xf_award *a)
{
    sqlite3_bind_int(st, 1, a->year);
    xf_bind_text(st, 2, a->kind);
    sqlite3_bind_int64(st, 3, a->post_id);
    sqlite3_bind_int64(st, 4, a->unit_id);
    sqlite3_bind_int64(st, 5, a->member_id);
}

int xf_store_award_insert(struct xf_db *db, struct xf_award *a, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO award(year,kind,post_id,unit_id,member_id,rank,score,status,decided_by,"
        "updated_at) VALUES (?1,?2,nullif(?3,0),nullif(?4,0),nullif(?5,0),?6,?7,?8,?9,xf_now())"
        " RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    bind_award_key(st, a);
    sqlite3_bind_int(st, 6, a->rank);
    sqlite3_bind_double(st, 7, a->score);
    xf_bind_text(st, 8, a->status ? a->status : "candidate");
    xf_bind_text(st, 9, a->decided_by);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        a->id = sqlite3_column_int64(st, 0);
        a->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_award_listed(struct xf_db *db, const struct xf_award *a, bool *yes,
                          struct xf_error *err)
{
    /* What the award is given to: a window is a post, a brand a
     * department, an exemplar a person (whatever post they ranked by). */
    static const char sql[] =
        "SELECT 1 FROM award WHERE year=?1 AND kind=?2 AND CASE ?2"
        " WHEN 'satisfaction_window' THEN post_id IS nullif(?3,0)"
        " WHEN 'service_brand' THEN unit_id IS nullif(?4,0)"
        " ELSE member_id IS nullif(?5,0) END LIMIT 1";
    *yes = false;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    bind_award_key(st, a);
    int rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW;
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_award_update(struct xf_db *db, struct xf_award *a, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE award SET status=?2, decided_by=?3, decision_note=?5, version=version+1,"
        " updated_at=xf_now() WHERE id=?1 AND version=?4 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, a->id);
    xf_bind_text(st, 2, a->status);
    xf_bind_text(st, 3, a->decided_by);
    sqlite3_bind_int64(st, 4, a->version);
    xf_bind_text(st, 5, a->decision_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        a->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(
            err, XF_ECONFLICT, "award",
            _("award candidate #%" PRId64 " was changed by someone else; reload it and try again"),
            a->id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

static void held_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    *(struct xf_award_held *)elem =
        (struct xf_award_held){.id = sqlite3_column_int64(st, 0),
                               .year = sqlite3_column_int(st, 1),
                               .confirmed = sqlite3_column_int(st, 2) != 0,
                               .exemplar = sqlite3_column_int(st, 3) != 0};
}

static int read_held(struct xf_db *db, const char *sql, int64_t post_id, int from_year,
                     int to_year, struct xf_award_held **out, size_t *n, struct xf_error *err);

int xf_store_award_standing(struct xf_db *db, int64_t post_id, int from_year, int to_year,
                            struct xf_award_held **out, size_t *n, struct xf_error *err)
{
    /* An exemplar is the post's holder's, who is honoured for a post that
     * stands (as a confirmation asks): one without another loses it with
     * this one. A brand is a department's, for all its posts: it stays. */
    static const char sql[] =
        "SELECT id, year, status='confirmed', kind='exemplar' FROM award a"
        " WHERE year BETWEEN ?2 AND ?3 AND status IN ('candidate','confirmed')"
        " AND ((kind='satisfaction_window' AND post_id=?1)"
        "  OR (kind='exemplar' AND member_id=(SELECT holder_member_id FROM post WHERE id=?1)"
        "   AND NOT EXISTS (SELECT 1 FROM post q WHERE q.holder_member_id=a.member_id"
        "    AND q.status<>'revoked' AND q.id<>?1)))"
        " ORDER BY kind='exemplar', year, id";
    return read_held(db, sql, post_id, from_year, to_year, out, n, err);
}

int xf_store_award_holder_exemplars(struct xf_db *db, int64_t post_id, int from_year,
                                    int to_year, struct xf_award_held **out, size_t *n,
                                    char **holder, struct xf_error *err)
{
    static const char sql[] =
        "SELECT a.id, a.year, a.status='confirmed', 1 FROM award a"
        " WHERE a.year BETWEEN ?2 AND ?3 AND a.status IN ('candidate','confirmed')"
        " AND a.kind='exemplar' AND a.member_id=(SELECT holder_member_id FROM post WHERE id=?1)"
        " ORDER BY a.year, a.id";
    static const char name_sql[] =
        "SELECT m.name FROM post p JOIN member m ON m.id=p.holder_member_id WHERE p.id=?1";
    *holder = NULL;
    int rc = read_held(db, sql, post_id, from_year, to_year, out, n, err);
    if (rc || *n == 0)
        return rc;
    sqlite3_stmt *st = xf_stmt(db, name_sql, err);
    if (!st)
        rc = err->code;
    else {
        sqlite3_bind_int64(st, 1, post_id);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW && !(*holder = strdup((const char *)sqlite3_column_text(st, 0))))
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
        xf_stmt_done(st);
        if (!rc && step != SQLITE_ROW && step != SQLITE_DONE)
            rc = xf_db_fail(db, step, err);
    }
    if (rc) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

static int read_held(struct xf_db *db, const char *sql, int64_t post_id, int from_year,
                     int to_year, struct xf_award_held **out, size_t *n, struct xf_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, post_id);
    sqlite3_bind_int(st, 2, from_year);
    sqlite3_bind_int(st, 3, to_year);
    return xf_store_collect(db, st, sizeof **out, (void **)out, n, held_row, NULL, NULL, err);
}

/* ?1 scope (unit paths, NULL = all). A confirmed window answers for its
 * post through the year after its own, when it is published. A failure
 * counts when it was recorded (or corrected) at or after the confirmation:
 * one known before was in the score the organiser confirmed, and
 * confirming again after a review (reopen, confirm) settles it. Awards
 * are a few hundred rows a year: read whole.
 * An exemplar answers the same way for the posts its member holds: a
 * failure of one, or a revocation leaving them none that stands. A brand
 * is its department's and outlives a post: a revocation of one of the
 * department's posts in the award's year or the next, recorded since the
 * confirmation (a revoked post is changed no more), is listed to review. */
#define REVIEW_FAILED                                                                              \
    " FROM evaluation e WHERE e.post_id=p.id AND e.passed=0 AND e.updated_at >= a.updated_at"      \
    " AND e.quarter BETWEEN a.year || 'Q1' AND (a.year + 1) || 'Q4'"
#define REVIEW_REVOKED "p.status='revoked' AND p.revoked_on < printf('%04d-01-01', a.year + 2)"
#define REVIEW_POSTLESS                                                                            \
    REVIEW_REVOKED " AND p.revoked_on >= printf('%04d-01-01', a.year)"                             \
                   " AND NOT EXISTS (SELECT 1 FROM post q WHERE q.holder_member_id=a.member_id"    \
                   " AND q.status<>'revoked')"
#define REVIEW_BRAND_REVOKED                                                                       \
    REVIEW_REVOKED " AND p.revoked_on >= printf('%04d-01-01', a.year)"                             \
                   " AND p.updated_at >= a.updated_at"
#define REVIEW_HEAD(REVOKED)                                                                       \
    "SELECT a.id, a.year, a.kind, a.rank, p.code, p.title, " XF_UNIT_LINE("' \u203a '") ","       \
    " CASE WHEN " REVOKED " THEN p.revoked_on END,"
#define REVIEW_QUARTERS                                                                            \
    " (SELECT group_concat(q, ',') FROM (SELECT e.quarter AS q" REVIEW_FAILED                     \
    "  ORDER BY e.quarter))"
#define REVIEW_SCOPE                                                                               \
    " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) j"                                    \
    "  WHERE substr(u.path,1,length(j.value))=j.value))"
static const char review_sql[] =
    REVIEW_HEAD(REVIEW_REVOKED) REVIEW_QUARTERS
    " FROM award a JOIN post p ON p.id=a.post_id JOIN unit u ON u.id=p.unit_id"
    XF_UNIT_LINE_JOINS
    " WHERE a.kind='satisfaction_window' AND a.status='confirmed'"
    " AND ((" REVIEW_REVOKED ") OR EXISTS (SELECT 1" REVIEW_FAILED "))" REVIEW_SCOPE
    " UNION ALL "
    REVIEW_HEAD(REVIEW_POSTLESS) REVIEW_QUARTERS
    " FROM award a JOIN post p ON p.holder_member_id=a.member_id JOIN unit u ON u.id=p.unit_id"
    XF_UNIT_LINE_JOINS
    " WHERE a.kind='exemplar' AND a.status='confirmed'"
    " AND ((" REVIEW_POSTLESS ") OR EXISTS (SELECT 1" REVIEW_FAILED "))" REVIEW_SCOPE
    " UNION ALL "
    REVIEW_HEAD(REVIEW_BRAND_REVOKED) " NULL"
    " FROM award a JOIN unit d ON d.id=a.unit_id"
    " JOIN unit u ON substr(u.path,1,length(d.path))=d.path JOIN post p ON p.unit_id=u.id"
    XF_UNIT_LINE_JOINS
    " WHERE a.kind='service_brand' AND a.status='confirmed' AND " REVIEW_BRAND_REVOKED
    REVIEW_SCOPE
    " ORDER BY 2, 3, 4, 1, 5";

int xf_store_award_review(struct xf_db *db, const char *scope_json,
                          void (*fn)(void *arg, const struct xf_award_review_row *row), void *arg,
                          struct xf_error *err)
{
    sqlite3_stmt *st = xf_stmt(db, review_sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_award_review_row row = {
            .id = sqlite3_column_int64(st, 0),
            .year = sqlite3_column_int(st, 1),
            .kind = (const char *)sqlite3_column_text(st, 2),
            .rank = sqlite3_column_int(st, 3),
            .post_code = (const char *)sqlite3_column_text(st, 4),
            .post_title = (const char *)sqlite3_column_text(st, 5),
            .unit_name = (const char *)sqlite3_column_text(st, 6),
            .revoked_on = (const char *)sqlite3_column_text(st, 7),
            .failed_quarters = (const char *)sqlite3_column_text(st, 8),
        };
        fn(arg, &row);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_award_replacement(struct xf_db *db, int64_t id, int64_t *out, struct xf_error *err)
{
    /* A decline and the one pulled in its place (a row ranked in, or one
     * that had given its place back made a candidate again) are one step
     * of one transaction: their history rows are consecutive. */
    static const char sql[] =
        "SELECT n.entity_id FROM history n WHERE n.id = 1 + (SELECT max(h.id) FROM history h"
        "  WHERE h.entity='award' AND h.entity_id=?1"
        "  AND json_extract(h.after,'$.status')='declined'"
        "  AND json_extract(h.before,'$.status')<>'declined')"
        " AND n.entity='award' AND n.entity_id<>?1"
        " AND json_extract(n.after,'$.status')='candidate'"; /* ranked in, or given back */
    return xf_stmt_int64_of(db, sql, id, out, err);
}

int xf_store_award_given_back(struct xf_db *db, int year, const char *kind, int64_t *out,
                              struct xf_error *err)
{
    /* Declined in the step that reopened the award it stood in for: its
     * last history row is that step's. */
    static const char sql[] =
        "SELECT a.id FROM award a WHERE a.year=?1 AND a.kind=?2 AND a.status='declined'"
        " AND (SELECT h.action FROM history h WHERE h.entity='award' AND h.entity_id=a.id"
        "      ORDER BY h.id DESC LIMIT 1) = 'award.reopen_declined'"
        " ORDER BY a.rank LIMIT 1";
    *out = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, year);
    xf_bind_text(st, 2, kind);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_award_count(struct xf_db *db, int year, const char *kind, int64_t *out,
                         struct xf_error *err)
{
    static const char sql[] = "SELECT count(*) FROM award WHERE year=?1 AND kind=?2";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, year);
    xf_bind_text(st, 2, kind);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* ?1 = 'YYYY', ?2 = today. A complaint or inspection counts for the year
 * it was received or made in. Unsatisfied callbacks are counted by the
 * redos they caused: a later callback overwrites the outcome, and no
 * complaint is closed on an unsatisfied one. */
static const char basis_sql[] =
    "SELECT p.id, p.code, p.unit_id, coalesce(p.holder_member_id,0),"
    " (SELECT count(*) FROM evaluation e WHERE e.post_id=p.id AND substr(e.quarter,1,4)=?1),"
    " (SELECT coalesce(avg(e.score),0) FROM evaluation e"
    "   WHERE e.post_id=p.id AND substr(e.quarter,1,4)=?1),"
    " (SELECT coalesce(sum(c.redo_count),0) FROM complaint c WHERE c.post_id=p.id"
    "   AND substr(c.received_at,1,4)=?1),"
    " (SELECT count(*) FROM complaint c WHERE c.post_id=p.id"
    "   AND substr(c.received_at,1,4)=?1 AND (c.closed_on_time=0"
    "   OR (c.state='dispatched' AND c.sign_due < ?2)"
    "   OR (c.state='signed' AND c.reply_due < ?2))),"
    " (SELECT count(*) FROM inspection i WHERE i.post_id=p.id"
    "   AND substr(i.on_date,1,4)=?1 AND i.result='fail'),"
    " CAST(substr(u.path,2,instr(substr(u.path,2),'/')-1) AS INTEGER)"
    " FROM post p JOIN unit u ON u.id=p.unit_id"
    " WHERE p.status='named' AND p.named_on <= ?1 || '-12-31' ORDER BY p.code";

static void basis_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    struct xf_award_basis_row *b = elem;
    b->post_id = sqlite3_column_int64(st, 0);
    b->post_code = xf_col_strdup(st, 1);
    b->unit_id = sqlite3_column_int64(st, 2);
    b->member_id = sqlite3_column_int64(st, 3);
    b->evaluations = sqlite3_column_int(st, 4);
    b->mean_score = sqlite3_column_double(st, 5);
    b->complaints_unsatisfied = sqlite3_column_int(st, 6);
    b->complaints_overdue = sqlite3_column_int(st, 7);
    b->inspections_failed = sqlite3_column_int(st, 8);
    b->department_id = sqlite3_column_int64(st, 9);
}

static void basis_free(void *rows, size_t n)
{
    xf_award_basis_free(rows, n);
}

int xf_store_award_basis(struct xf_db *db, int year, const char *today,
                         struct xf_award_basis_row **out, size_t *n, struct xf_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, basis_sql, err);
    if (!st)
        return err->code;
    char y[16];
    snprintf(y, sizeof y, "%04d", year);
    xf_bind_text(st, 1, y);
    xf_bind_text(st, 2, today);
    return xf_store_collect(db, st, sizeof **out, (void **)out, n, basis_row, NULL, basis_free,
                            err);
}

void xf_award_line_clear(struct xf_award_line *l)
{
    free(l->status);
    free(l->decided_by);
    free(l->post_code);
    free(l->post_title);
    free(l->unit_name);
    free(l->holder);
    memset(l, 0, sizeof *l);
}

void xf_award_lines_free(struct xf_award_line *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        xf_award_line_clear(&v[i]);
    free(v);
}

static void line_row(sqlite3_stmt *st, void *elem, void *ctx)
{
    (void)ctx;
    *(struct xf_award_line *)elem = (struct xf_award_line){
        .id = sqlite3_column_int64(st, 0),
        .version = sqlite3_column_int64(st, 1),
        .unit_id = sqlite3_column_int64(st, 2),
        .rank = sqlite3_column_int(st, 3),
        .score = sqlite3_column_double(st, 4),
        .status = xf_col_strdup(st, 5),
        .decided_by = xf_col_dup(st, 6),
        .post_code = xf_col_strdup(st, 7),
        .post_title = xf_col_strdup(st, 8),
        .unit_name = xf_col_strdup(st, 9),
        .holder = xf_col_strdup(st, 10),
    };
}

static void lines_free(void *rows, size_t n)
{
    xf_award_lines_free(rows, n);
}

int xf_store_award_list(struct xf_db *db, int year, const char *kind,
                        struct xf_award_line **out, size_t *n, struct xf_error *err)
{
    static const char sql[] =
        "SELECT a.id, a.version, coalesce(a.unit_id, p.unit_id, m.unit_id, 0), a.rank, a.score,"
        " a.status, a.decided_by, coalesce(p.code, ''), coalesce(p.title, ''),"
        " coalesce(" XF_UNIT_LINE("' \u203a '") ", ''),"
        " coalesce(m.name, hm.name, p.holder_name, '')"
        " FROM award a LEFT JOIN post p ON p.id = a.post_id"
        " LEFT JOIN member m ON m.id = a.member_id"
        " LEFT JOIN member hm ON hm.id = p.holder_member_id"
        " LEFT JOIN unit u ON u.id = coalesce(a.unit_id, p.unit_id, m.unit_id)"
        XF_UNIT_LINE_JOINS
        " WHERE a.year = ?1 AND a.kind = ?2 ORDER BY a.rank, a.id";
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, year);
    xf_bind_text(st, 2, kind);
    return xf_store_collect(db, st, sizeof **out, (void **)out, n, line_row, NULL, lines_free, err);
}
