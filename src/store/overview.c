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

/* Days saved over every time cut; the comparison with the national limit
 * over those that have one. Read from the index of time cuts
 * (improvement_cut, schema 17). */
#define CUTS                                                                  \
    "SELECT avg(days_before - days_after),"                                   \
    " avg((national_limit_days - days_after) / national_limit_days),"         \
    " count(national_limit_days) FROM improvement WHERE kind='time_cut'"
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
/* Open and not overdue now, with a deadline that had passed before it was
 * moved (complaint.missed_due): the overdue count alone hid them. Through
 * the index on state, as the overdue ones; few are open. */
#define OVERDUE_NOW "((state='dispatched' AND sign_due < ?1) OR (state='signed' AND reply_due < ?1))"
#define EXTENDED_LATE                                                                           \
    "state IN ('received','classified','dispatched','signed','returned','replied','callback')" \
    " AND missed_due IS NOT NULL AND NOT coalesce(" OVERDUE_NOW ",0)"
#define S_COMPLAINTS(WHERE) INSIDE COMPLAINT_COUNTS(WHERE)
#define COMPLAINT_COUNTS(WHERE)                                                              \
    "SELECT count(*), count(*) FILTER (WHERE dispatched_at IS NOT NULL),"                    \
           " count(*) FILTER (WHERE state NOT IN ('closed','rejected','merged')),"           \
           " count(*) FILTER (WHERE (state='dispatched' AND sign_due < ?1)"                  \
           "                     OR (state='signed' AND reply_due < ?1)),"                   \
           " count(*) FILTER (WHERE supervised AND state NOT IN ('closed','rejected','merged'))," \
           " count(*) FILTER (WHERE state='closed'),"                                        \
           " count(*) FILTER (WHERE state='closed' AND closed_on_time),"                     \
           " count(*) FILTER (WHERE " EXTENDED_LATE ") FROM complaint WHERE " WHERE
/* What the complaints list shows the user: about their units (lead,
 * concerned unit or post's unit), or for a handler what was dispatched to
 * them (lead or active co-handler). */
static const char s_complaints[] = S_COMPLAINTS(
    "unit_id IN inside OR lead_unit_id IN inside"
    " OR (SELECT p.unit_id FROM post p WHERE p.id=complaint.post_id) IN inside");
static const char s_complaints_lead[] = S_COMPLAINTS(
    "lead_unit_id IN inside OR id IN (SELECT h.complaint_id FROM complaint_cohandler h"
    " WHERE h.active=1 AND h.unit_id IN inside)");
/* A handler with no scope: whatever has been dispatched. */
static const char complaints_lead[] = COMPLAINT_COUNTS("lead_unit_id IS NOT NULL");
static const char s_inspections[] =
    INSIDE "SELECT (SELECT count(*) FROM inspection WHERE unit_id IN inside),"
           " (SELECT count(*) FROM inspection WHERE result='pass' AND unit_id IN inside),"
           " (SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id"
           "  WHERE r.status='open' AND i.unit_id IN inside),"
           " (SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id"
           "  WHERE r.status='open' AND r.due_on < ?1 AND i.unit_id IN inside),"
           " (SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id"
           "  WHERE r.status='done' AND i.unit_id IN inside)";
static const char s_evals[] =
    INSIDE "SELECT count(*), count(*) FILTER (WHERE e.passed) FROM evaluation e JOIN post p"
           " ON p.id=e.post_id WHERE e.quarter=?2 AND p.unit_id IN inside";
static const char s_impr[] =
    INSIDE "SELECT count(*) FILTER (WHERE kind='method'), count(*) FILTER (WHERE "
           "kind='prerequisite'), count(*) FILTER (WHERE kind='fee'),"
           " count(*) FILTER (WHERE kind='time_cut') FROM improvement WHERE unit_id IN inside";
static const char s_cuts[] = INSIDE CUTS " AND unit_id IN inside";
static const char s_latest[] =
    INSIDE "SELECT max(e.quarter) FROM evaluation e JOIN post p ON p.id=e.post_id"
           " WHERE e.quarter < ?1 AND p.unit_id IN inside";

/* The whole programme's counts come from overview_tally (schema.sql), kept
 * by triggers: a few hundred rows instead of every complaint, open pledge,
 * inspection, evaluation and post (counting index ranges cost as much per
 * entry). What depends on the day is cheap: open pledges are tallied by due
 * date, and overdue complaints are among the few dispatched or signed ones,
 * reached through an index on state. */
static const char posts[] =
    "SELECT sum(n) FILTER (WHERE k='proposed'), sum(n) FILTER (WHERE k='published'),"
    " sum(n) FILTER (WHERE k='named'), sum(n) FILTER (WHERE k='revoked')"
    " FROM overview_tally WHERE topic='post'";
/* The overdue ones as a range of the key (topic, k): the days before
 * today only, where a filter read every open pledge's due day (350 rows
 * on the city: 0.6 M of the overview's 6.7 M instructions at start-up). */
static const char pledges[] =
    "SELECT sum(n), sum(n) FILTER (WHERE k='kept'), sum(n) FILTER (WHERE k='withdrawn'),"
    " (SELECT sum(n) FROM overview_tally WHERE topic='pledge.open_due' AND k < ?1)"
    " FROM overview_tally WHERE topic='pledge'";
static const char complaints[] =
    "SELECT sum(n) FILTER (WHERE topic='complaint'),"
    " sum(n) FILTER (WHERE topic='complaint.forwarded'),"
    " sum(n) FILTER (WHERE topic='complaint' AND k NOT IN ('closed','rejected','merged')),"
    " (SELECT count(*) FROM complaint WHERE state='dispatched' AND sign_due < ?1)"
    " + (SELECT count(*) FROM complaint WHERE state='signed' AND reply_due < ?1),"
    " sum(n) FILTER (WHERE topic='complaint.supervised'"
    "                AND k NOT IN ('closed','rejected','merged')),"
    " sum(n) FILTER (WHERE topic='complaint' AND k='closed'),"
    " sum(n) FILTER (WHERE topic='complaint.on_time'),"
    " (SELECT count(*) FROM complaint WHERE " EXTENDED_LATE ") FROM overview_tally"
    " WHERE topic IN ('complaint','complaint.supervised','complaint.forwarded',"
    "                 'complaint.on_time')";
static const char inspections[] =
    "SELECT (SELECT sum(n) FROM overview_tally WHERE topic='inspection'),"
    " (SELECT sum(n) FROM overview_tally WHERE topic='inspection' AND k='pass'),"
    " (SELECT count(*) FROM rectification WHERE status='open'),"
    " (SELECT count(*) FROM rectification WHERE status='open' AND due_on < ?1),"
    " (SELECT count(*) FROM rectification WHERE status='done')";
static const char evals[] =
    "SELECT sum(n) FILTER (WHERE topic='evaluation'),"
    " sum(n) FILTER (WHERE topic='evaluation.passed') FROM overview_tally"
    " WHERE topic IN ('evaluation','evaluation.passed') AND k=?2";
/* From the tally since schema 17 (topic 'improvement', k = kind): the
 * count read every improvement's row at start-up. */
static const char impr[] =
    "SELECT sum(n) FILTER (WHERE k='method'), sum(n) FILTER (WHERE k='prerequisite'),"
    " sum(n) FILTER (WHERE k='fee'), sum(n) FILTER (WHERE k='time_cut')"
    " FROM overview_tally WHERE topic='improvement'";

/* The latest quarter with evaluations of the user's units (all, when
 * unscoped). */
/* The latest quarter before o->quarter that has evaluations, into
 * o->quarter (left as it is when there is none). */
static int latest_quarter(struct xf_db *db, struct xf_overview *o, struct xf_error *err)
{
    static const char all[] = "SELECT max(quarter) FROM evaluation WHERE quarter < ?1";
    sqlite3_stmt *st = xf_stmt(db, scope_json ? s_latest : all, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, o->quarter);
    if (scope_json)
        xf_bind_text(st, 3, scope_json);
    int rc = sqlite3_step(st);
    const unsigned char *q = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (q)
        snprintf(o->quarter, sizeof o->quarter, "%s", (const char *)q);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* The average time cut, over the scope's units when there is one. */
static int improvements(struct xf_db *db, struct xf_overview *o, struct xf_error *err)
{
    static const char all[] = CUTS;
    sqlite3_stmt *st = xf_stmt(db, scope_json ? s_cuts : all, err);
    if (!st)
        return err->code;
    if (scope_json)
        xf_bind_text(st, 3, scope_json);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        o->avg_cut_days = sqlite3_column_double(st, 0);
        o->avg_cut_vs_national = sqlite3_column_double(st, 1);
        o->cuts_with_limit = sqlite3_column_int64(st, 2);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* The earliest day of receipt among the complaints not yet dispatched
 * (received or classified) that the user sees, into o (none: ""). Few
 * are waiting, reached through the index on state. */
static int waiting_since(struct xf_db *db, struct xf_overview *o, struct xf_error *err)
{
    static const char all[] = "SELECT min(substr(received_at,1,10)) FROM complaint"
                              " WHERE state IN ('received','classified')";
    static const char scoped[] =
        INSIDE "SELECT min(substr(received_at,1,10)) FROM complaint"
               " WHERE state IN ('received','classified') AND (unit_id IN inside"
               " OR lead_unit_id IN inside"
               " OR (SELECT p.unit_id FROM post p WHERE p.id=complaint.post_id) IN inside)";
    sqlite3_stmt *st = xf_stmt(db, scope_json ? scoped : all, err);
    if (!st)
        return err->code;
    if (scope_json)
        xf_bind_text(st, 3, scope_json);
    int rc = sqlite3_step(st);
    const unsigned char *d = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (d)
        snprintf(o->complaints_waiting_since, sizeof o->complaints_waiting_since, "%s",
                 (const char *)d);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* Sums of no rows are NULL, which sqlite3_column_int64 reads as 0. */
int xf_store_overview(struct xf_db *db, const char *today, const char *quarter,
                      const char *scope, bool lead_scope, struct xf_overview *o,
                      struct xf_error *err)
{
    memset(o, 0, sizeof *o);
    snprintf(o->quarter, sizeof o->quarter, "%s", quarter);
    int64_t *p[] = {&o->posts_proposed, &o->posts_published, &o->posts_named,
                    &o->posts_revoked};
    int64_t *pl[] = {&o->pledges_made, &o->pledges_kept, &o->pledges_withdrawn,
                     &o->pledges_overdue};
    int64_t *c[] = {&o->complaints_received, &o->complaints_forwarded, &o->complaints_open,
                    &o->complaints_overdue, &o->complaints_supervised,
                    &o->complaints_closed, &o->complaints_closed_on_time,
                    &o->complaints_extended_late};
    int64_t *in[] = {&o->inspections, &o->inspections_passed, &o->rectifications_open,
                     &o->rectifications_overdue, &o->rectifications_to_verify};
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
        rc = run_counts(db,
                        all ? (lead_scope ? complaints_lead : complaints)
                            : lead_scope ? s_complaints_lead : s_complaints,
                        today, quarter, c, 8, err);
    if (!rc && !lead_scope) /* a handler sees none before dispatch */
        rc = waiting_since(db, o, err);
    if (!rc)
        rc = run_counts(db, all ? inspections : s_inspections, today, quarter, in, 5, err);
    if (!rc)
        rc = run_counts(db, all ? evals : s_evals, today, quarter, ev, 2, err);
    /* Early in a quarter few posts are evaluated yet: the latest quarter
     * before it, which has more, is what people want to see, with how far
     * the current one has got (2 of 295 passed 1 read as a collapse). */
    int64_t now_n = o->evals_quarter, now_passed = o->evals_quarter_passed;
    if (!rc)
        rc = latest_quarter(db, o, err);
    if (!rc && strcmp(o->quarter, quarter) != 0) {
        rc = run_counts(db, all ? evals : s_evals, today, o->quarter, ev, 2, err);
        if (!rc && now_n >= o->evals_quarter) { /* the current one has caught up */
            snprintf(o->quarter, sizeof o->quarter, "%s", quarter);
            o->evals_quarter = now_n;
            o->evals_quarter_passed = now_passed;
        } else if (!rc && now_n > 0) {
            snprintf(o->quarter_so_far, sizeof o->quarter_so_far, "%s", quarter);
            o->evals_so_far = now_n;
        }
    }
    if (!rc)
        rc = run_counts(db, all ? impr : s_impr, today, quarter, im, 4, err);
    if (!rc)
        rc = improvements(db, o, err);
    xf_exec(db, "COMMIT", NULL);
    scope_json = NULL;
    return rc;
}

/* ---- the tally ---- */

/* What overview_tally holds, counted from the records; rows of zeros are
 * left out (see the check). */
#define TALLY_PLAIN                                                                             \
    "SELECT 'post' AS topic, status AS k, count(*) AS n FROM post GROUP BY status"              \
    " UNION ALL SELECT 'pledge', status, count(*) FROM pledge GROUP BY status"                  \
    " UNION ALL SELECT 'pledge.open_due', due_on, count(*) FROM pledge WHERE status='open'"     \
    "  GROUP BY due_on"                                                                         \
    " UNION ALL SELECT 'complaint', state, count(*) FROM complaint GROUP BY state"               \
    " UNION ALL SELECT 'complaint.supervised', state, count(*) FROM complaint"                  \
    "  WHERE supervised GROUP BY state"                                                         \
    " UNION ALL SELECT 'complaint.forwarded', '', count(*) FROM complaint"                      \
    "  WHERE dispatched_at IS NOT NULL HAVING count(*) > 0"                                     \
    " UNION ALL SELECT 'complaint.on_time', '', count(*) FROM complaint"                        \
    "  WHERE state='closed' AND closed_on_time IS 1 HAVING count(*) > 0"                        \
    " UNION ALL SELECT 'inspection', result, count(*) FROM inspection GROUP BY result"          \
    " UNION ALL SELECT 'evaluation', quarter, count(*) FROM evaluation GROUP BY quarter"        \
    " UNION ALL SELECT 'evaluation.passed', quarter, count(*) FROM evaluation WHERE passed"     \
    "  GROUP BY quarter"                                                                        \
    " UNION ALL SELECT 'improvement', kind, count(*) FROM improvement GROUP BY kind"

int xf_store_overview_tally_rebuild(struct xf_db *db, struct xf_error *err)
{
    return xf_exec(db,
                   "DELETE FROM overview_tally;"
                   "INSERT INTO overview_tally(topic, k, n) " TALLY_PLAIN ";",
                   err);
}

int xf_store_overview_tally_check(struct xf_db *db, int64_t *rows_wrong, struct xf_error *err)
{
    static const char sql[] =
        "WITH plain AS MATERIALIZED (" TALLY_PLAIN "),"
        " tally AS MATERIALIZED (SELECT topic, k, n FROM overview_tally WHERE n <> 0)"
        " SELECT count(*) FROM ("
        "  SELECT topic, k FROM (SELECT * FROM tally EXCEPT SELECT * FROM plain) UNION"
        "  SELECT topic, k FROM (SELECT * FROM plain EXCEPT SELECT * FROM tally))";
    return xf_stmt_int64(db, sql, rows_wrong, err);
}
