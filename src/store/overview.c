/* Headline counts. One statement per area, each a single index-friendly
 * aggregate, all inside one read transaction so the figures agree. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "xf/store_internal.h"
#include "xf/store_overview.h"

/* The user's scope for the scoped statements below (NULL: everything). */
static const char *scope_json;

static int run_counts(struct xf_db *db, const char *sql, const char *today,
                      const char *quarter, int64_t *const *out, int n, struct xf_error *err)
{
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    int sidx = sqlite3_bind_parameter_index(st, "?3");
    if (sidx)
        xf_bind_text(st, sidx, scope_json);
    int idx = sqlite3_bind_parameter_index(st, "?1");
    if (idx)
        xf_bind_text(st, idx, today);
    idx = sqlite3_bind_parameter_index(st, "?2");
    if (idx)
        xf_bind_text(st, idx, quarter);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        for (int i = 0; i < n; i++)
            *out[i] = sqlite3_column_int64(st, i);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

static int improvements(struct xf_db *db, struct xf_overview *o, struct xf_error *err)
{
    static const char sql[] =
        "SELECT avg(days_before - days_after),"
        " avg((national_limit_days - days_after) / national_limit_days)"
        " FROM improvement WHERE kind='time_cut' AND national_limit_days > 0";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        o->avg_cut_days = sqlite3_column_double(st, 0);
        o->avg_cut_vs_national = sqlite3_column_double(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

static int latest_quarter(struct xf_db *db, struct xf_overview *o, struct xf_error *err)
{
    static const char sql[] = "SELECT max(quarter) FROM evaluation WHERE quarter <= ?1";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, o->quarter);
    int rc = sqlite3_step(st);
    const unsigned char *q = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (q)
        snprintf(o->quarter, sizeof o->quarter, "%s", (const char *)q);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* The same counts for a user limited to unit subtrees: "inside" is every
 * unit below the scope's units (by their materialised paths). */
#define INSIDE                                                                                  \
    "WITH sc(path) AS (SELECT u.path FROM unit u, json_each(?3) j WHERE u.code = j.value),"    \
    " inside(id) AS (SELECT u.id FROM unit u, sc WHERE substr(u.path,1,length(sc.path))"       \
    " = sc.path) "
static const char s_posts[] =
    INSIDE "SELECT count(*) FILTER (WHERE status='proposed'), count(*) FILTER (WHERE "
           "status='published'), count(*) FILTER (WHERE status='named'), count(*) FILTER "
           "(WHERE status='revoked') FROM post WHERE unit_id IN inside";
static const char s_pledges[] =
    INSIDE "SELECT coalesce(sum(made),0), coalesce(sum(kept),0), coalesce(sum(withdrawn),0),"
           " (SELECT count(*) FROM pledge WHERE status='open' AND due_on < ?1 AND unit_id IN"
           " inside) FROM pledge_tally WHERE unit_id IN inside";
static const char s_complaints[] =
    INSIDE "SELECT count(*), count(*) FILTER (WHERE dispatched_at IS NOT NULL),"
           " count(*) FILTER (WHERE state NOT IN ('closed','rejected','merged')),"
           " count(*) FILTER (WHERE (state='dispatched' AND sign_due < ?1)"
           "                     OR (state='signed' AND reply_due < ?1)),"
           " count(*) FILTER (WHERE supervised AND state NOT IN ('closed','rejected','merged')),"
           " count(*) FILTER (WHERE state='closed'),"
           " count(*) FILTER (WHERE state='closed' AND closed_on_time) FROM complaint"
           " WHERE unit_id IN inside OR lead_unit_id IN inside";
static const char s_inspections[] =
    INSIDE "SELECT (SELECT count(*) FROM inspection WHERE unit_id IN inside),"
           " (SELECT count(*) FROM inspection WHERE result='pass' AND unit_id IN inside),"
           " (SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id"
           "  WHERE r.status='open' AND i.unit_id IN inside),"
           " (SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id"
           "  WHERE r.status='open' AND r.due_on < ?1 AND i.unit_id IN inside)";
static const char s_evals[] =
    INSIDE "SELECT count(*), count(*) FILTER (WHERE e.passed) FROM evaluation e JOIN post p"
           " ON p.id=e.post_id WHERE e.quarter=?2 AND p.unit_id IN inside";
static const char s_impr[] =
    INSIDE "SELECT count(*) FILTER (WHERE kind='method'), count(*) FILTER (WHERE "
           "kind='prerequisite'), count(*) FILTER (WHERE kind='fee'),"
           " count(*) FILTER (WHERE kind='time_cut') FROM improvement WHERE unit_id IN inside";

int xf_store_overview(struct xf_db *db, const char *today, const char *quarter,
                      const char *scope, struct xf_overview *o, struct xf_error *err)
{
    /* Four ranges of the index post_status(status, id), not a table scan. */
    static const char posts[] =
        "SELECT (SELECT count(*) FROM post WHERE status='proposed'),"
        " (SELECT count(*) FROM post WHERE status='published'),"
        " (SELECT count(*) FROM post WHERE status='named'),"
        " (SELECT count(*) FROM post WHERE status='revoked')";
    /* Pledges: the per-unit tally kept by triggers (3,000 rows, not
     * 479,000); overdue depends on the day, so it is a range of the index
     * pledge_due(status, due_on) over the open pledges. */
    static const char pledges[] =
        "SELECT coalesce(sum(made),0), coalesce(sum(kept),0), coalesce(sum(withdrawn),0),"
        " (SELECT count(*) FROM pledge WHERE status='open' AND due_on < ?1) FROM pledge_tally";
    static const char complaints[] =
        "SELECT count(*), count(*) FILTER (WHERE dispatched_at IS NOT NULL),"
        " count(*) FILTER (WHERE state NOT IN ('closed','rejected','merged')),"
        " count(*) FILTER (WHERE (state='dispatched' AND sign_due < ?1)"
        "                     OR (state='signed' AND reply_due < ?1)),"
        " count(*) FILTER (WHERE supervised AND state NOT IN ('closed','rejected','merged')),"
        " count(*) FILTER (WHERE state='closed'),"
        " count(*) FILTER (WHERE state='closed' AND closed_on_time) FROM complaint";
    static const char inspections[] =
        "SELECT (SELECT count(*) FROM inspection),"
        " (SELECT count(*) FROM inspection WHERE result='pass'),"
        " (SELECT count(*) FROM rectification WHERE status='open'),"
        " (SELECT count(*) FROM rectification WHERE status='open' AND due_on < ?1)";
    static const char evals[] =
        "SELECT count(*), count(*) FILTER (WHERE passed) FROM evaluation WHERE quarter=?2";
    static const char impr[] =
        "SELECT count(*) FILTER (WHERE kind='method'), count(*) FILTER (WHERE "
        "kind='prerequisite'), count(*) FILTER (WHERE kind='fee'),"
        " count(*) FILTER (WHERE kind='time_cut') FROM improvement";
    memset(o, 0, sizeof *o);
    snprintf(o->quarter, sizeof o->quarter, "%s", quarter);
    int64_t *p[] = {&o->posts_proposed, &o->posts_published, &o->posts_named,
                    &o->posts_revoked};
    int64_t *pl[] = {&o->pledges_made, &o->pledges_kept, &o->pledges_withdrawn,
                     &o->pledges_overdue};
    int64_t *c[] = {&o->complaints_received, &o->complaints_forwarded, &o->complaints_open,
                    &o->complaints_overdue, &o->complaints_supervised,
                    &o->complaints_closed, &o->complaints_closed_on_time};
    int64_t *in[] = {&o->inspections, &o->inspections_passed, &o->rectifications_open,
                     &o->rectifications_overdue};
    int64_t *ev[] = {&o->evals_quarter, &o->evals_quarter_passed};
    int64_t *im[] = {&o->improvements_method, &o->improvements_prerequisite,
                     &o->improvements_fee, &o->improvements_time_cut};
    bool all = scope == NULL;
    scope_json = scope;
    int rc = xf_exec(db, "BEGIN", err);
    if (rc)
        return rc;
    rc = run_counts(db, all ? posts : s_posts, today, quarter, p, 4, err);
    if (!rc)
        rc = run_counts(db, all ? pledges : s_pledges, today, quarter, pl, 4, err);
    if (!rc)
        rc = run_counts(db, all ? complaints : s_complaints, today, quarter, c, 7, err);
    if (!rc)
        rc = run_counts(db, all ? inspections : s_inspections, today, quarter, in, 4, err);
    if (!rc)
        rc = run_counts(db, all ? evals : s_evals, today, quarter, ev, 2, err);
    /* Early in a quarter nothing is evaluated yet: show the latest quarter
     * that has evaluations, which is what people want to see. */
    if (!rc && o->evals_quarter == 0)
        rc = latest_quarter(db, o, err);
    if (!rc && strcmp(o->quarter, quarter) != 0)
        rc = run_counts(db, all ? evals : s_evals, today, o->quarter, ev, 2, err);
    if (!rc)
        rc = run_counts(db, all ? impr : s_impr, today, quarter, im, 4, err);
    if (!rc)
        rc = improvements(db, o, err);
    xf_exec(db, "COMMIT", NULL);
    scope_json = NULL;
    return rc;
}
