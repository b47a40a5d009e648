/* Evaluations and their group scores. */
#include "xf/store_evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_emit.h"
#include "xf/store_internal.h"

static const char *const group_names[XF_GROUP_COUNT] = {"deputies", "recipients", "public"};

/* Scope filter shared by the report queries: ?S is a JSON array of unit
 * paths or NULL, u the unit of the post. */
#define IN_SCOPE(S)                                                  \
    "(" S " IS NULL OR EXISTS (SELECT 1 FROM json_each(" S ") j"     \
    " WHERE substr(u.path,1,length(j.value))=j.value))"

const char *xf_eval_group_name(enum xf_eval_group g)
{
    return (unsigned)g < XF_GROUP_COUNT ? group_names[g] : "?";
}

void xf_evaluation_clear(struct xf_evaluation *e)
{
    free(e->quarter);
    free(e->entered_by);
    free(e->correction_note);
    memset(e, 0, sizeof *e);
}

static int load_groups(struct xf_db *db, struct xf_evaluation *e, struct xf_error *err)
{
    static const char sql[] =
        "SELECT grp, score, respondents FROM evaluation_score WHERE evaluation_id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, e->id);
    memset(e->groups, 0, sizeof e->groups);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *g = (const char *)sqlite3_column_text(st, 0);
        for (int i = 0; i < XF_GROUP_COUNT; i++)
            if (g && !strcmp(g, group_names[i])) {
                e->groups[i].score = sqlite3_column_double(st, 1);
                e->groups[i].respondents = sqlite3_column_int64(st, 2);
            }
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

static int fetch_eval(struct xf_db *db, sqlite3_stmt *st, struct xf_evaluation *e,
                      const char *key, struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        e->id = sqlite3_column_int64(st, 0);
        e->post_id = sqlite3_column_int64(st, 1);
        e->quarter = xf_col_strdup(st, 2);
        e->score = sqlite3_column_double(st, 3);
        e->passed = sqlite3_column_int(st, 4);
        e->entered_by = xf_col_strdup(st, 5);
        e->version = sqlite3_column_int64(st, 6);
        e->correction_note = xf_col_dup(st, 7);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "evaluation", _("no evaluation %s"), key);
    if (rc != SQLITE_ROW)
        return xf_db_fail(db, rc, err);
    return load_groups(db, e, err);
}

#define EVAL_COLS "id,post_id,quarter,score,passed,entered_by,version,correction_note"

int xf_store_evaluation_get(struct xf_db *db, int64_t id, struct xf_evaluation *out,
                            struct xf_error *err)
{
    static const char sql[] = "SELECT " EVAL_COLS " FROM evaluation WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_eval(db, st, out, key, err);
}

int xf_store_evaluation_find(struct xf_db *db, int64_t post_id, const char *quarter,
                             struct xf_evaluation *out, struct xf_error *err)
{
    static const char sql[] = "SELECT " EVAL_COLS " FROM evaluation WHERE post_id=? AND quarter=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, post_id);
    xf_bind_text(st, 2, quarter);
    return fetch_eval(db, st, out, quarter, err);
}

/* Inserts or changes the group rows; unchanged rows are left alone so the
 * history shows only real changes. */
static int save_groups(struct xf_db *db, const struct xf_evaluation *e, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO evaluation_score(evaluation_id,grp,score,respondents,updated_at)"
        " VALUES (?1,?2,?3,?4,xf_now()) ON CONFLICT(evaluation_id,grp) DO UPDATE SET"
        " score=excluded.score, respondents=excluded.respondents, version=version+1,"
        " updated_at=excluded.updated_at"
        " WHERE score<>excluded.score OR respondents<>excluded.respondents";
    for (int i = 0; i < XF_GROUP_COUNT; i++) {
        sqlite3_stmt *st = xf_stmt(db, sql, err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, e->id);
        xf_bind_text(st, 2, group_names[i]);
        sqlite3_bind_double(st, 3, e->groups[i].score);
        sqlite3_bind_int64(st, 4, e->groups[i].respondents);
        int rc = sqlite3_step(st);
        xf_stmt_done(st);
        if (rc != SQLITE_DONE)
            return xf_db_fail(db, rc, err);
    }
    return XF_OK;
}

int xf_store_evaluation_insert(struct xf_db *db, struct xf_evaluation *e, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO evaluation(post_id,quarter,score,passed,entered_by,correction_note,"
        "updated_at) VALUES (?1,?2,?3,?4,?5,?6,xf_now()) RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, e->post_id);
    xf_bind_text(st, 2, e->quarter);
    sqlite3_bind_double(st, 3, e->score);
    sqlite3_bind_int(st, 4, e->passed);
    xf_bind_text(st, 5, e->entered_by ? e->entered_by : "");
    xf_bind_text(st, 6, e->correction_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        e->id = sqlite3_column_int64(st, 0);
        e->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    if (rc != SQLITE_ROW)
        return xf_db_fail(db, rc, err);
    return save_groups(db, e, err);
}

int xf_store_evaluation_update(struct xf_db *db, struct xf_evaluation *e, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE evaluation SET score=?3, passed=?4, correction_note=?5, version=version+1,"
        " updated_at=xf_now() WHERE id=?1 AND version=?2 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, e->version);
    sqlite3_bind_double(st, 3, e->score);
    sqlite3_bind_int(st, 4, e->passed);
    xf_bind_text(st, 5, e->correction_note);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        e->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "evaluation",
                      _("the evaluation for %s was changed by someone else; reload it and try "
                        "again"),
                      e->quarter ? e->quarter : "?");
    if (rc != SQLITE_ROW)
        return xf_db_fail(db, rc, err);
    return save_groups(db, e, err);
}

int xf_store_evaluation_summary(struct xf_db *db, int64_t post_id, struct xf_eval_summary *out,
                                struct xf_error *err)
{
    static const char sql[] =
        "SELECT count(*), coalesce(sum(passed),0),"
        " (SELECT passed FROM evaluation WHERE post_id=?1 ORDER BY quarter DESC LIMIT 1),"
        " (SELECT quarter FROM evaluation WHERE post_id=?1 ORDER BY quarter DESC LIMIT 1)"
        " FROM evaluation WHERE post_id=?1";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, post_id);
    memset(out, 0, sizeof *out);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->evaluated = sqlite3_column_int64(st, 0);
        out->passed = sqlite3_column_int64(st, 1);
        out->latest_passed = sqlite3_column_int(st, 2) == 1;
        const unsigned char *q = sqlite3_column_text(st, 3);
        snprintf(out->latest, sizeof out->latest, "%s", q ? (const char *)q : "");
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_evaluation_recorded(struct xf_db *db, int64_t post_id,
                                 void (*fn)(void *arg, const struct xf_eval_recorded *row),
                                 void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT e.quarter, e.passed,"
        " (SELECT substr(h.at,1,10) FROM history h WHERE h.entity='evaluation'"
        "  AND h.entity_id=e.id ORDER BY h.id LIMIT 1)"
        " FROM evaluation e WHERE e.post_id=? ORDER BY e.quarter";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, post_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_eval_recorded row = {(const char *)sqlite3_column_text(st, 0),
                                       sqlite3_column_int(st, 1) == 1,
                                       (const char *)sqlite3_column_text(st, 2)};
        fn(arg, &row);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_evaluation_failing(struct xf_db *db, int64_t min_failures, bool consecutive,
                                const char *scope_json,
                                void (*fn)(void *arg, const struct xf_failing_post *row),
                                void *arg, struct xf_error *err)
{
    /* Consecutive failures are those after the latest passed quarter. */
    static const char sql[] =
        "WITH f AS (SELECT e.post_id, e.quarter FROM evaluation e WHERE e.passed=0"
        "  AND (?2=0 OR e.quarter > coalesce((SELECT max(x.quarter) FROM evaluation x"
        "   WHERE x.post_id=e.post_id AND x.passed=1),'')))"
        " SELECT p.id, p.code, p.title, p.status, " XF_UNIT_LINE("' \u203a '") ", c.n,"
        "  (SELECT group_concat(q, ',') FROM"
        "   (SELECT f.quarter AS q FROM f WHERE f.post_id=p.id ORDER BY f.quarter))"
        " FROM (SELECT post_id, count(*) AS n FROM f GROUP BY post_id HAVING count(*) >= ?1) c"
        " JOIN post p ON p.id=c.post_id JOIN unit u ON u.id=p.unit_id" XF_UNIT_LINE_JOINS
        " WHERE p.status IN ('published','named') AND " IN_SCOPE("?3") " ORDER BY p.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, min_failures);
    sqlite3_bind_int(st, 2, consecutive);
    xf_bind_text(st, 3, scope_json);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_failing_post row = {
            .post_id = sqlite3_column_int64(st, 0),
            .code = (const char *)sqlite3_column_text(st, 1),
            .title = (const char *)sqlite3_column_text(st, 2),
            .status = (const char *)sqlite3_column_text(st, 3),
            .unit_name = (const char *)sqlite3_column_text(st, 4),
            .failures = sqlite3_column_int64(st, 5),
            .quarters = (const char *)sqlite3_column_text(st, 6),
        };
        fn(arg, &row);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

static int emit_quarters(struct xf_db *db, sqlite3_stmt *st,
                         void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                         void *arg, struct xf_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_eval_quarter_stats row = {
            .quarter = (const char *)sqlite3_column_text(st, 0),
            .evaluated = sqlite3_column_int64(st, 1),
            .passed = sqlite3_column_int64(st, 2),
            .mean = sqlite3_column_double(st, 3),
        };
        fn(arg, &row);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* Narrowed to a unit's subtree (path prefix) or one post: the linked
 * panes' view of a unit or post selected elsewhere. */
int xf_store_evaluation_quarters_of(struct xf_db *db, const char *scope_json,
                                    const char *subtree, int64_t post_id,
                                    void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                                    void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT e.quarter, count(*), sum(e.passed), avg(e.score)"
        " FROM evaluation e JOIN post p ON p.id=e.post_id JOIN unit u ON u.id=p.unit_id"
        " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) j"
        "  WHERE substr(u.path,1,length(j.value))=j.value))"
        " AND (?2 IS NULL OR substr(u.path,1,length(?2))=?2) AND (?3=0 OR p.id=?3)"
        " GROUP BY e.quarter ORDER BY e.quarter";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    xf_bind_text(st, 2, subtree);
    sqlite3_bind_int64(st, 3, post_id);
    return emit_quarters(db, st, fn, arg, err);
}

int xf_store_evaluation_quarters(struct xf_db *db, const char *quarter, const char *scope_json,
                                 void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                                 void *arg, struct xf_error *err)
{
    /* Everything: the covering index evaluation_quarter alone, in quarter
     * order. Within a scope: the units of each subtree (a path range of
     * unit_path), their posts, their evaluations; then grouped. */
    static const char all_sql[] = "SELECT quarter, count(*), sum(passed), avg(score)"
                                  " FROM evaluation GROUP BY quarter ORDER BY quarter";
    static const char quarter_sql[] = "SELECT quarter, count(*), sum(passed), avg(score)"
                                      " FROM evaluation WHERE quarter=?1 GROUP BY quarter";
    static const char scope_sql[] =
        "SELECT e.quarter, count(*), sum(e.passed), avg(e.score)"
        " FROM evaluation e JOIN post p ON p.id=e.post_id"
        " WHERE (?1 IS NULL OR e.quarter=?1) AND p.unit_id IN"
        "  (SELECT u.id FROM json_each(?2) j JOIN unit u"
        "   ON u.path >= j.value AND u.path < j.value || '~')"
        " GROUP BY e.quarter ORDER BY e.quarter";
    sqlite3_stmt *st = xf_stmt(db, scope_json ? scope_sql : quarter ? quarter_sql : all_sql, err);
    if (!st)
        return err->code;
    /* A parameter the chosen statement lacks is not bound (SQLITE_RANGE). */
    xf_bind_text(st, 1, quarter);
    xf_bind_text(st, 2, scope_json);
    return emit_quarters(db, st, fn, arg, err);
}

int xf_store_evaluation_export(struct xf_db *db,
                               void (*emit)(void *arg, const char *const *fields), void *arg,
                               struct xf_error *err)
{
    /* A group that did not take part is two empty cells, not zeros a
     * spreadsheet would average in; the import reads them back as such. */
    static const char sql[] =
        "SELECT p.code, e.quarter,"
        " iif(d.respondents>0, d.score, NULL), nullif(d.respondents, 0),"
        " iif(r.respondents>0, r.score, NULL), nullif(r.respondents, 0),"
        " iif(g.respondents>0, g.score, NULL), nullif(g.respondents, 0),"
        " coalesce(e.correction_note,'')"
        " FROM evaluation e JOIN post p ON p.id=e.post_id"
        " LEFT JOIN evaluation_score d ON d.evaluation_id=e.id AND d.grp='deputies'"
        " LEFT JOIN evaluation_score r ON r.evaluation_id=e.id AND r.grp='recipients'"
        " LEFT JOIN evaluation_score g ON g.evaluation_id=e.id AND g.grp='public'"
        " ORDER BY e.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}

/* ---- the interface's list of one quarter's evaluations ------------------ */

/* The narrowing every list of a quarter shares: a unit's subtree (?5), one
 * post (?6), the user's scope (?7) and a search (?8) that matches the
 * post's code or title, or the name or code of its unit or of a unit above
 * it (a department finds its windows'). */
#define EP_NARROW                                                                           \
    " AND (?5 IS NULL OR substr(u.path,1,length(?5))=?5) AND (?6=0 OR p.id=?6)"             \
    " AND (?8 IS NULL OR instr(p.code,?8) OR instr(p.title,?8) OR p.unit_id IN"            \
    "  (SELECT d.id FROM unit h JOIN unit d ON d.path >= h.path AND d.path < h.path || '~'" \
    "   WHERE instr(h.name,?8) OR instr(h.code,?8)))"                                        \
    " AND " IN_SCOPE("?7")

/* The rows of a page picked first (pick.eid), so that only they get their
 * scores and their unit's line. */
#define EP_ROWS(ORDER)                                                                    \
    " SELECT e.id, e.post_id, p.unit_id, e.version, p.code, p.title, "                    \
    XF_UNIT_LINE("' \u203a '") ","                                                      \
    " d.score, d.respondents, r.score, r.respondents, g.score, g.respondents,"            \
    " e.score, e.passed"                                                                  \
    " FROM pick JOIN evaluation e ON e.id=pick.eid JOIN post p ON p.id=e.post_id"         \
    " JOIN unit u ON u.id=p.unit_id"                                                      \
    " LEFT JOIN evaluation_score d ON d.evaluation_id=e.id AND d.grp='deputies'"          \
    " LEFT JOIN evaluation_score r ON r.evaluation_id=e.id AND r.grp='recipients'"        \
    " LEFT JOIN evaluation_score g ON g.evaluation_id=e.id AND g.grp='public'"            \
    XF_UNIT_LINE_JOINS " ORDER BY " ORDER

/* By code: posts walked in code order, each evaluation found by (post_id,
 * quarter) (the planner sorted the quarter's rows by code); ?9 the result
 * (NULL = either). */
#define EP_PAGE(CMP, RANGE, ORD)                                                          \
    "WITH pick AS MATERIALIZED (SELECT e.id AS eid FROM post p CROSS"                     \
    " JOIN evaluation e ON e.post_id=p.id AND e.quarter=?4 JOIN unit u ON u.id=p.unit_id" \
    " WHERE p.code " RANGE " ?1 AND (p.code, e.id) " CMP " (?1, ?2)"                      \
    " AND (?9 IS NULL OR e.passed=?9)" EP_NARROW                                          \
    " ORDER BY p.code " ORD ", e.id " ORD " LIMIT ?3)"                                    \
    EP_ROWS("p.code " ORD ", e.id " ORD)

/* By score, the worst first: evaluation_quarter (quarter, passed, score)
 * gives each result in score order, and the two are merged (sorting a
 * quarter's 16,000 rows took 90 ms a page at city scale; this reads a
 * page). */
#define ES_ARM(P, CMP)                                                                    \
    " SELECT e.id AS eid, e.score AS sc FROM evaluation e JOIN post p ON p.id=e.post_id"  \
    " JOIN unit u ON u.id=p.unit_id WHERE e.quarter=?4 AND e.passed=" P                   \
    " AND (?9 IS NULL OR ?9=" P ") AND (e.score, e.id) " CMP " (?1, ?2)" EP_NARROW
#define ES_PAGE(CMP, ORD)                                                                 \
    "WITH pick AS MATERIALIZED (SELECT eid FROM (" ES_ARM("0", CMP) " UNION ALL"           \
    ES_ARM("1", CMP) " ORDER BY sc " ORD ", eid " ORD " LIMIT ?3))"                       \
    EP_ROWS("e.score " ORD ", e.id " ORD)

static const char *const eval_page_sql[2][3] = {
    {EP_PAGE(">", ">=", "ASC"), EP_PAGE(">=", ">=", "ASC"), EP_PAGE("<", "<=", "DESC")},
    {ES_PAGE(">", "ASC"), ES_PAGE(">=", "ASC"), ES_PAGE("<", "DESC")}};

static void bind_query(sqlite3_stmt *st, const struct xf_eval_query *q)
{
    xf_bind_text(st, 4, q->quarter);
    xf_bind_text(st, 5, q->subtree);
    sqlite3_bind_int64(st, 6, q->post_id);
    xf_bind_text(st, 7, q->scope_json);
    xf_bind_text(st, 8, q->like && *q->like ? q->like : NULL);
}

int xf_store_evaluation_page(struct xf_db *db, const struct xf_eval_query *q,
                             const char *from_code, int64_t from_id, enum xf_eval_dir dir,
                             int limit, void (*fn)(void *arg, const struct xf_eval_item *row),
                             void *arg, struct xf_error *err)
{
    if ((unsigned)dir > XF_EVAL_BEFORE || (unsigned)q->order > XF_EVAL_BY_SCORE ||
        (unsigned)q->result > XF_EVAL_PASSED)
        return xf_err(err, XF_EINVAL, "dir", _("unknown direction"));
    bool by_score = q->order == XF_EVAL_BY_SCORE;
    sqlite3_stmt *st = xf_stmt(db, eval_page_sql[by_score][dir], err);
    if (!st)
        return err->code;
    if (!from_code)
        from_id = dir == XF_EVAL_BEFORE ? INT64_MAX : INT64_MIN;
    if (by_score) /* scores lie within 0-100 */
        sqlite3_bind_double(st, 1, from_code        ? strtod(from_code, NULL)
                                   : dir == XF_EVAL_BEFORE ? 1e9
                                                           : -1e9);
    else
        xf_bind_text(st, 1, from_code                 ? from_code
                            : dir == XF_EVAL_BEFORE ? "\xf4\x8f\xbf\xbf"
                                                    : "");
    sqlite3_bind_int64(st, 2, from_id);
    sqlite3_bind_int(st, 3, limit);
    bind_query(st, q);
    if (q->result != XF_EVAL_ANY)
        sqlite3_bind_int(st, 9, q->result == XF_EVAL_PASSED);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_eval_item it = {
            .id = sqlite3_column_int64(st, 0),
            .post_id = sqlite3_column_int64(st, 1),
            .unit_id = sqlite3_column_int64(st, 2),
            .version = sqlite3_column_int64(st, 3),
            .post_code = (const char *)sqlite3_column_text(st, 4),
            .post_title = (const char *)sqlite3_column_text(st, 5),
            .unit_name = (const char *)sqlite3_column_text(st, 6),
            .score = sqlite3_column_double(st, 13),
            .passed = sqlite3_column_int(st, 14) == 1,
        };
        for (int g = 0; g < XF_GROUP_COUNT; g++) {
            it.groups[g].score = sqlite3_column_double(st, 7 + 2 * g);
            it.groups[g].respondents = sqlite3_column_int64(st, 8 + 2 * g);
        }
        fn(arg, &it);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* ---- posts of a quarter still without their evaluation --------------------- */

/* Posts walked in code order (+status: not by post_status, which sorted
 * all 17,000 published posts for each page), each looked up in the
 * quarter's evaluations by the (post_id, quarter) key. */
#define EM_WHERE                                                                          \
    " +p.status IN ('published','named') AND p.published_on <= ?9"                        \
    " AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.post_id=p.id AND e.quarter=?4)"  \
    EP_NARROW
#define EM_PAGE(CMP, RANGE, ORD)                                                          \
    "WITH pick AS MATERIALIZED (SELECT p.id AS pid FROM post p JOIN unit u ON u.id=p.unit_id" \
    " WHERE p.code " RANGE " ?1 AND (p.code, p.id) " CMP " (?1, ?2) AND" EM_WHERE         \
    " ORDER BY p.code " ORD ", p.id " ORD " LIMIT ?3)"                                    \
    " SELECT p.id, p.unit_id, p.code, p.title, " XF_UNIT_LINE("' \u203a '") ","          \
    " p.status, p.published_on FROM pick JOIN post p ON p.id=pick.pid"                    \
    " JOIN unit u ON u.id=p.unit_id" XF_UNIT_LINE_JOINS                                   \
    " ORDER BY p.code " ORD ", p.id " ORD

static const char *const missing_page_sql[3] = {EM_PAGE(">", ">=", "ASC"),
                                                 EM_PAGE(">=", ">=", "ASC"),
                                                 EM_PAGE("<", "<=", "DESC")};

int xf_store_evaluation_missing_page(struct xf_db *db, const struct xf_eval_query *q,
                                     const char *from_code, int64_t from_id,
                                     enum xf_eval_dir dir, int limit,
                                     void (*fn)(void *arg, const struct xf_eval_missing *row),
                                     void *arg, struct xf_error *err)
{
    if ((unsigned)dir > XF_EVAL_BEFORE)
        return xf_err(err, XF_EINVAL, "dir", _("unknown direction"));
    sqlite3_stmt *st = xf_stmt(db, missing_page_sql[dir], err);
    if (!st)
        return err->code;
    if (!from_code) {
        from_code = dir == XF_EVAL_BEFORE ? "\xf4\x8f\xbf\xbf" : "";
        from_id = dir == XF_EVAL_BEFORE ? INT64_MAX : INT64_MIN;
    }
    xf_bind_text(st, 1, from_code);
    sqlite3_bind_int64(st, 2, from_id);
    sqlite3_bind_int(st, 3, limit);
    bind_query(st, q);
    xf_bind_text(st, 9, q->until);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_eval_missing m = {
            .post_id = sqlite3_column_int64(st, 0),
            .unit_id = sqlite3_column_int64(st, 1),
            .post_code = (const char *)sqlite3_column_text(st, 2),
            .post_title = (const char *)sqlite3_column_text(st, 3),
            .unit_name = (const char *)sqlite3_column_text(st, 4),
            .status = (const char *)sqlite3_column_text(st, 5),
            .published_on = (const char *)sqlite3_column_text(st, 6),
        };
        fn(arg, &m);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_evaluation_missing_count(struct xf_db *db, const struct xf_eval_query *q,
                                      int64_t *n, struct xf_error *err)
{
    static const char sql[] =
        "SELECT count(*) FROM post p JOIN unit u ON u.id=p.unit_id WHERE" EM_WHERE;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    bind_query(st, q);
    xf_bind_text(st, 9, q->until);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}
