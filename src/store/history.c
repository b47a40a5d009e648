/* Reading the audit history, newest first, a page at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_history.h"
#include "xf/store_internal.h"

void xf_history_row_clear(struct xf_history_row *r)
{
    free(r->at);
    free(r->actor);
    free(r->client);
    free(r->entity);
    free(r->action);
    free(r->before);
    free(r->after);
    free(r->label);
    free(r->refs);
    free(r->step);
    memset(r, 0, sizeof *r);
}

void xf_history_rows_free(struct xf_history_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        xf_history_row_clear(&rows[i]);
    free(rows);
}

/* The row as JSON (after, else before: a creation has no before). The
 * triggers write json_object() of the whole row, so a row's code and its
 * parents' ids are always in it; notes may hold other text, hence the
 * json_valid guards (json_extract fails the whole query on bad JSON). */
#define J "coalesce(h.after,h.before)"
#define JX(k) "json_extract(" J ",'$." k "')"
/* Long text cut to 12 characters for a label. */
#define SHORT(x) "CASE WHEN length(" x ")>12 THEN substr(" x ",1,11)||'…' ELSE " x " END"
#define CODE_OF(table, key) "(SELECT code FROM " table " WHERE id=" JX(key) ")"
/* A code and the name it stands for ("M0002977 梁辉敏"): an award's
 * label said "M0002977 2026" alone. */
#define NAMED_OF(table, key, name)                                                                 \
    "(SELECT code||' '||" SHORT(name) " FROM " table " WHERE id=" JX(key) ")"

/* The label (see xf_history_row.label), one correlated lookup at most:
 * computed inside the page query, no round trip per row. */
#define LABEL_EXPR                                                                             \
    "CASE WHEN h.entity_id > 0 AND json_valid(" J ") THEN CASE h.entity"                        \
    " WHEN 'unit' THEN " JX("code") " WHEN 'member' THEN " JX("code")                           \
    " WHEN 'project' THEN " JX("code") " WHEN 'post' THEN " JX("code")                          \
    " WHEN 'complaint' THEN " JX("code") " WHEN 'inspection' THEN " JX("code")                  \
    " WHEN 'pledge' THEN coalesce(" CODE_OF("member", "member_id") "," CODE_OF("unit", "unit_id") \
    ",'')||' '||" SHORT(JX("text"))                                                              \
    " WHEN 'evaluation' THEN coalesce(" CODE_OF("post", "post_id") ",'')||' '||" JX("quarter")  \
    " WHEN 'evaluation_score' THEN (SELECT p.code||' '||e.quarter FROM evaluation e"             \
    "  JOIN post p ON p.id=e.post_id WHERE e.id=" JX("evaluation_id") ")"                         \
    " WHEN 'complaint_event' THEN " CODE_OF("complaint", "complaint_id")                        \
    " WHEN 'complaint_cohandler' THEN " CODE_OF("complaint", "complaint_id")                    \
    " WHEN 'inspection_item' THEN " CODE_OF("inspection", "inspection_id")                      \
    " WHEN 'rectification' THEN " CODE_OF("inspection", "inspection_id")                        \
    " WHEN 'inspection_complaint' THEN coalesce(" CODE_OF("inspection", "inspection_id") ",'')" \
    "||' '||coalesce(" CODE_OF("complaint", "complaint_id") ",'')"                              \
    " WHEN 'improvement' THEN coalesce(" CODE_OF("unit", "unit_id") ",'')||' '||"              \
    SHORT(JX("title"))                                                                           \
    " WHEN 'award' THEN coalesce(" NAMED_OF("member", "member_id", "name") ","                    \
    NAMED_OF("post", "post_id", "title") "," NAMED_OF("unit", "unit_id", "name")                  \
    ",'')||' '||" JX("year") " END END"

/* Which table a reference column r.key points at (the letters of
 * xf_history_row.refs); NULL for other columns. */
#define REF_KIND                                                                               \
    "CASE WHEN r.key IN ('unit_id','lead_unit_id','owner_unit_id')"                             \
    " OR (r.key='parent_id' AND h.entity='unit') THEN 'u'"                                      \
    " WHEN r.key IN ('member_id','holder_member_id') THEN 'm' WHEN r.key='post_id' THEN 'p'"   \
    " WHEN r.key='project_id' THEN 'j' WHEN r.key IN ('complaint_id','merged_into') THEN 'c'"  \
    " WHEN r.key='inspection_id' THEN 'i' WHEN r.key='evaluation_id' THEN 'e' END"

/* What the reference columns point at (xf_history_row.refs): the row's
 * JSON, before and after, is read once, and each reference looked up by
 * rowid in its own table. (Read once per table, it cost 80 us a row, 95%
 * of a page.) */
#define REFS_EXPR                                                                              \
    "CASE WHEN json_valid(coalesce(h.after,'{}')) AND json_valid(coalesce(h.before,'{}'))"     \
    " THEN (SELECT nullif(json_group_object(t||x, v),'{}') FROM (SELECT t, x, CASE t"          \
    "  WHEN 'u' THEN (SELECT code||' '||name FROM unit WHERE id=x)"                            \
    "  WHEN 'm' THEN (SELECT code||' '||name FROM member WHERE id=x)"                          \
    "  WHEN 'p' THEN (SELECT code FROM post WHERE id=x)"                                        \
    "  WHEN 'j' THEN (SELECT code FROM project WHERE id=x)"                                     \
    "  WHEN 'c' THEN (SELECT code FROM complaint WHERE id=x)"                                   \
    "  WHEN 'i' THEN (SELECT code FROM inspection WHERE id=x)"                                  \
    "  WHEN 'e' THEN (SELECT p.code||' '||e.quarter FROM evaluation e JOIN post p"             \
    "   ON p.id=e.post_id WHERE e.id=x) END AS v"                                               \
    "  FROM (SELECT DISTINCT " REF_KIND " AS t, r.value AS x FROM"                             \
    "   (SELECT key, value FROM json_each(coalesce(h.after,'{}')) UNION ALL"                    \
    "    SELECT key, value FROM json_each(coalesce(h.before,'{}'))) r WHERE t IS NOT NULL))"    \
    " WHERE v IS NOT NULL) END"

/* A complaint's row and the event its step wrote (xf_history_row.step):
 * the same action by the same actor, a few rows apart (a transaction's
 * rows are consecutive), about that complaint; the nearest, should two
 * steps lie that close. Read by id range, at most 33 rows by rowid; other
 * rows pay nothing (the unary + keeps the planner off the actor index,
 * which scanned every row of the actor: a history page took 70 ms, the
 * CLI's 1.4 s). The pairing is the one the lists below use to leave
 * the event row out. */
#define TWIN_OF_COMPLAINT(lo, hi)                                                              \
    "+m.entity='complaint_event' AND m.id BETWEEN h.id" lo " AND h.id" hi                       \
    " AND +m.action=h.action AND +m.actor=h.actor AND json_valid(m.after)"                     \
    " AND json_extract(m.after,'$.complaint_id')=h.entity_id"
/* The step's event follows its complaint's row: looked for after it first. */
#define STEP_EXPR                                                                              \
    "CASE WHEN h.entity='complaint' AND h.entity_id > 0 THEN coalesce("                         \
    "(SELECT m.after FROM history m WHERE " TWIN_OF_COMPLAINT(" + 1", " + 16") " ORDER BY m.id"  \
    " LIMIT 1), (SELECT m.after FROM history m WHERE " TWIN_OF_COMPLAINT(" - 16", " - 1")       \
    " ORDER BY m.id DESC LIMIT 1)) END"

#define HISTORY_COLS                                                                           \
    "h.id,h.at,h.actor,h.client,h.entity,h.entity_id,h.action,h.before,h.after,"              \
    LABEL_EXPR "," REFS_EXPR "," STEP_EXPR

static void row_from(sqlite3_stmt *st, struct xf_history_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->at = xf_col_strdup(st, 1);
    r->actor = xf_col_strdup(st, 2);
    r->client = xf_col_strdup(st, 3);
    r->entity = xf_col_strdup(st, 4);
    r->entity_id = sqlite3_column_int64(st, 5);
    r->action = xf_col_strdup(st, 6);
    r->before = xf_col_dup(st, 7);
    r->after = xf_col_dup(st, 8);
    r->label = xf_col_dup(st, 9);
    r->refs = xf_col_dup(st, 10);
    r->step = xf_col_dup(st, 11);
}

/* Steps a bound statement into a fresh array of at most limit rows. */
static int collect(struct xf_db *db, sqlite3_stmt *st, size_t limit,
                   struct xf_history_row **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    if (limit == 0) {
        xf_stmt_done(st);
        return XF_OK;
    }
    struct xf_history_row *out = calloc(limit, sizeof *out);
    if (!out) {
        xf_stmt_done(st);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    size_t k = 0;
    int rc;
    while (k < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
        row_from(st, &out[k++]);
    if (k < limit && rc != SQLITE_DONE) {
        int code = xf_db_fail(db, rc, err);
        xf_stmt_done(st);
        xf_history_rows_free(out, k);
        return code;
    }
    xf_stmt_done(st);
    if (k == 0) {
        free(out);
        return XF_OK;
    }
    *rows = out;
    *n = k;
    return XF_OK;
}

int xf_store_history_for(struct xf_db *db, const char *entity, int64_t entity_id,
                         int64_t after_id, size_t limit, struct xf_history_row **rows,
                         size_t *n, struct xf_error *err)
{
    /* A record's history is also that of the rows that belong to it
     * (MAIN_ENTITY below): a complaint's notes and other workflow events,
     * its co-handlers; an inspection's items and rectification; an
     * evaluation's scores. A child's row written by the same action as
     * one of the record's own (its ids lie close: a transaction's rows
     * are consecutive) says nothing more and is left out, so a dispatch
     * is not repeated by its event (whose note the complaint's row
     * carries: HISTORY_COLS' step). Co-handlers, rectifications,
     * evaluation scores, failed checklist items and the complaint an
     * inspection raised are the exception: the complaint's row does not
     * name its co-handlers, the inspection's the
     * rectification deadline first set, the evaluation's which group's
     * score was corrected. Each part seeks its own indexes, the child
     * table's by record first (CROSS JOIN keeps that order: the planner
     * otherwise read every history row of the child's kind, 60,000 events
     * on a grown city, to find a complaint's few); the few rows found are
     * then sorted. */
    static const char sql[] =
        "WITH kids(id, action, actor, own) AS ("
        " SELECT h.id, h.action, h.actor, 0 FROM complaint_event c"
        "  CROSS JOIN history h ON h.entity='complaint_event' AND h.entity_id=c.id"
        "  WHERE ?1='complaint' AND c.complaint_id=?2"
        " UNION ALL SELECT h.id, h.action, h.actor, 1 FROM complaint_cohandler c"
        "  CROSS JOIN history h ON h.entity='complaint_cohandler' AND h.entity_id=c.id"
        "  WHERE ?1='complaint' AND c.complaint_id=?2"
        " UNION ALL SELECT h.id, h.action, h.actor, c.outcome='fail' FROM inspection_item c"
        "  CROSS JOIN history h ON h.entity='inspection_item' AND h.entity_id=c.id"
        "  WHERE ?1='inspection' AND c.inspection_id=?2"
        " UNION ALL SELECT h.id, h.action, h.actor, 1 FROM inspection_complaint c"
        "  CROSS JOIN history h ON h.entity='complaint' AND h.entity_id=c.complaint_id"
        "  AND h.action='complaint.receive'"
        "  WHERE ?1='inspection' AND c.inspection_id=?2"
        " UNION ALL SELECT h.id, h.action, h.actor, 1 FROM rectification c CROSS JOIN history h"
        "  ON h.entity='rectification' AND h.entity_id=c.id"
        "  WHERE ?1='inspection' AND c.inspection_id=?2"
        " UNION ALL SELECT h.id, h.action, h.actor, 1 FROM evaluation_score c CROSS JOIN history h"
        "  ON h.entity='evaluation_score' AND h.entity_id=c.id"
        "  WHERE ?1='evaluation' AND c.evaluation_id=?2)"
        "SELECT " HISTORY_COLS " FROM (SELECT id FROM history WHERE entity=?1 AND entity_id=?2"
        " UNION ALL SELECT k.id FROM kids k WHERE k.own OR NOT EXISTS (SELECT 1 FROM history m"
        "  WHERE m.entity=?1 AND m.entity_id=?2 AND m.id BETWEEN k.id - 16 AND k.id + 16"
        "  AND m.action=k.action AND m.actor=k.actor)) k"
        " JOIN history h ON h.id=k.id WHERE (?3 = 0 OR h.id < ?3) ORDER BY h.id DESC LIMIT ?4";
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, entity);
    sqlite3_bind_int64(st, 2, entity_id);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
    return collect(db, st, limit, rows, n, err);
}

/* The unit u (an id expression) lies under one of the paths of the JSON
 * array S: one lookup by rowid, then a prefix test per path. */
#define UNIT_UNDER(S, u)                                                                       \
    "EXISTS (SELECT 1 FROM unit x, json_each(" S ") j WHERE x.id=(" u ")"                       \
    " AND substr(x.path,1,length(j.value))=j.value)"
/* Complaint c (an id expression) concerns a unit under S: the unit it is
 * about, its lead unit or its post's unit, as complaint lists scope it
 * (IN_SCOPE in store/complaint.c). */
#define COMPLAINT_UNDER(S, c)                                                                  \
    "EXISTS (SELECT 1 FROM complaint c, unit x, json_each(" S ") j WHERE c.id=(" c ")"          \
    " AND x.id IN (c.lead_unit_id, c.unit_id, (SELECT p.unit_id FROM post p"                   \
    "  WHERE p.id=c.post_id)) AND substr(x.path,1,length(j.value))=j.value)"
#define OWN_COL(col, table) "(SELECT " col " FROM " table " WHERE id=h.entity_id)"
/* Whether history row h is about a record within the units under S, by
 * the record as it is now (whose it is, as xf_store_history_owner says).
 * Only one branch runs per row, each a few lookups by rowid. Rows about
 * no record (a demo's summary rows, a restore) are nobody's units'. */
#define ROW_UNDER(S)                                                                           \
    "(h.entity_id > 0 AND CASE h.entity"                                                        \
    " WHEN 'unit' THEN " UNIT_UNDER(S, "h.entity_id")                                           \
    " WHEN 'member' THEN " UNIT_UNDER(S, OWN_COL("unit_id", "member"))                          \
    " WHEN 'project' THEN " UNIT_UNDER(S, OWN_COL("owner_unit_id", "project"))                  \
    " WHEN 'post' THEN " UNIT_UNDER(S, OWN_COL("unit_id", "post"))                              \
    " WHEN 'pledge' THEN " UNIT_UNDER(S, OWN_COL("unit_id", "pledge"))                          \
    " WHEN 'evaluation' THEN " UNIT_UNDER(S, "SELECT p.unit_id FROM evaluation e JOIN post p"  \
                                             " ON p.id=e.post_id WHERE e.id=h.entity_id")       \
    " WHEN 'evaluation_score' THEN " UNIT_UNDER(S, "SELECT p.unit_id FROM evaluation_score s"  \
                                    " JOIN evaluation e ON e.id=s.evaluation_id JOIN post p"    \
                                    " ON p.id=e.post_id WHERE s.id=h.entity_id")                \
    " WHEN 'inspection' THEN " UNIT_UNDER(S, OWN_COL("unit_id", "inspection"))                  \
    " WHEN 'inspection_item' THEN " UNIT_UNDER(S, "SELECT i.unit_id FROM inspection_item t"    \
                                   " JOIN inspection i ON i.id=t.inspection_id"                \
                                   " WHERE t.id=h.entity_id")                                  \
    " WHEN 'rectification' THEN " UNIT_UNDER(S, "SELECT i.unit_id FROM rectification r"       \
                                 " JOIN inspection i ON i.id=r.inspection_id"                  \
                                 " WHERE r.id=h.entity_id")                                    \
    " WHEN 'improvement' THEN " UNIT_UNDER(S, OWN_COL("unit_id", "improvement"))                \
    " WHEN 'award' THEN " UNIT_UNDER(S, "SELECT coalesce(a.unit_id, p.unit_id, m.unit_id)"     \
                         " FROM award a LEFT JOIN post p ON p.id=a.post_id"                    \
                         " LEFT JOIN member m ON m.id=a.member_id WHERE a.id=h.entity_id")     \
    " WHEN 'complaint' THEN " COMPLAINT_UNDER(S, "h.entity_id")                                 \
    " WHEN 'complaint_event' THEN " COMPLAINT_UNDER(S, OWN_COL("complaint_id", "complaint_event")) \
    " WHEN 'complaint_cohandler' THEN "                                                         \
    COMPLAINT_UNDER(S, OWN_COL("complaint_id", "complaint_cohandler"))                          \
    " WHEN 'inspection_complaint' THEN "                                                        \
    COMPLAINT_UNDER(S, OWN_COL("complaint_id", "inspection_complaint"))                         \
    " ELSE 0 END)"

int xf_store_history_all(struct xf_db *db, const struct xf_history_filter *f,
                         const char *scope_paths, int64_t from_id, bool newer, size_t limit,
                         struct xf_history_row **rows, size_t *n, struct xf_error *err)
{
    /* Newest first is by time, then id (the same order but where the
     * clock went back), and a page ends where the index walk does: with an
     * actor history_actor (actor, at), without one history_at (at), each
     * read from the page's bound (backwards below from_id, forwards above
     * it), so the row's columns and labels are worked out for the rows of
     * the page only, and nothing is sorted. The bound the index seeks is
     * one expression, from_id's time held against the date filter's (the
     * rows of that second on from_id's far side follow): with two, SQLite
     * may seek by the one and test the other, walking every row from the
     * newest (or the oldest) to the page. Dates compare as text:
     * "YYYY-MM-DD HH:MM:SS" sorts by time. A scope is its own statement,
     * tested per row only then; a row outside it costs its test, not its
     * label. */
#define FROM_AT(none) "coalesce((SELECT at FROM history WHERE id=?4)," none ")"
    /* A complaint step writes the complaint's row and an event row: one
     * step, listed once, as the complaint's row (which carries the event's
     * note in its step column), for every step alike. A step listed twice
     * when its event had a note, once when not, read as two actions. The
     * event row is left out here as xf_store_history_for leaves it out (its
     * own complaint's row of the same action, by the same actor, close by).
     * Tested in the query, so that pages stay full and the keyset bounds
     * hold; only event rows pay for it, by rowid and history_entity. */
#define TWIN_EVENT                                                                             \
    " AND NOT (h.entity='complaint_event' AND EXISTS (SELECT 1 FROM complaint_event e"         \
    "  JOIN history m ON m.entity='complaint' AND m.entity_id=e.complaint_id"                  \
    "  AND m.id BETWEEN h.id - 16 AND h.id + 16 AND m.action=h.action AND m.actor=h.actor"     \
    "  WHERE e.id=h.entity_id))"
#define UNTIL "datetime(?3,'+1 day','-1 second')"
#define OLDER(actor, cond)                                                                     \
    "SELECT " HISTORY_COLS " FROM history h WHERE " actor "h.at >= ?2"                       \
    " AND h.at <= min(" FROM_AT("'~'") ", " UNTIL ")"                                        \
    " AND (h.at < " FROM_AT("'~'") " OR h.id < ?4)" TWIN_EVENT cond " ORDER BY h.at DESC, h.id DESC LIMIT ?5"
#define NEWER(actor, cond)                                                                     \
    "SELECT " HISTORY_COLS " FROM history h WHERE " actor "h.at <= " UNTIL                   \
    " AND h.at >= max(" FROM_AT("''") ", ?2)"                                                \
    " AND (h.at > " FROM_AT("''") " OR h.id > ?4)" TWIN_EVENT cond " ORDER BY h.at, h.id LIMIT ?5"
#define ACTOR "h.actor=?1 AND "
#define ANYONE "?1 IS NULL AND "
#define SCOPED " AND " ROW_UNDER("?6")
    /* [newer][actor][scoped] */
    static const char *const sql_of[2][2][2] = {
        {{OLDER(ANYONE, ""), OLDER(ANYONE, SCOPED)}, {OLDER(ACTOR, ""), OLDER(ACTOR, SCOPED)}},
        {{NEWER(ANYONE, ""), NEWER(ANYONE, SCOPED)}, {NEWER(ACTOR, ""), NEWER(ACTOR, SCOPED)}},
    };
#undef OLDER
#undef NEWER
#undef FROM_AT
#undef UNTIL
#undef TWIN_EVENT
#undef ACTOR
#undef ANYONE
#undef SCOPED
    *rows = NULL;
    *n = 0;
    const char *actor = f && f->actor ? f->actor : NULL;
    sqlite3_stmt *st = xf_stmt(db, sql_of[newer][actor != NULL][scope_paths != NULL], err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, actor);
    xf_bind_text(st, 2, f && f->date_from ? f->date_from : "0000-01-01");
    xf_bind_text(st, 3, f && f->date_to ? f->date_to : "9999-12-30");
    /* from_id 0: from the newest (or the oldest). No row has id 0, so the
     * time bound is then '~' (above any date) or '' (below any), and every
     * id passes. */
    sqlite3_bind_int64(st, 4, from_id > 0 ? from_id : newer ? 0 : INT64_MAX);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
    if (scope_paths)
        xf_bind_text(st, 6, scope_paths);
    return collect(db, st, limit, rows, n, err);
}

int xf_store_history_last_active(struct xf_db *db, const char *actor, char **at,
                                 struct xf_error *err)
{
    /* history_actor (actor, at): the last entry of the actor's range. */
    static const char sql[] =
        "SELECT at FROM history WHERE actor=?1 ORDER BY at DESC, id DESC LIMIT 1";
    *at = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, actor);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *at = xf_col_dup(st, 0);
    xf_stmt_done(st);
    /* No row: the user never changed anything (*at stays NULL). */
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* Each recorded table: how to find the unit (and complaint) a row belongs
 * to and its label; every query returns (unit_id, complaint_id, label). */
static const char own_unit[] = "SELECT id, 0, code FROM unit WHERE id=?1";
static const char own_member[] = "SELECT unit_id, 0, code FROM member WHERE id=?1";
static const char own_project[] = "SELECT owner_unit_id, 0, code FROM project WHERE id=?1";
static const char own_post[] = "SELECT unit_id, 0, code FROM post WHERE id=?1";
static const char own_pledge[] =
    "SELECT p.unit_id, 0, coalesce(m.code,u.code,'')||' '||" SHORT("p.text")
    " FROM pledge p LEFT JOIN member m ON m.id=p.member_id LEFT JOIN unit u ON u.id=p.unit_id "
    "WHERE p.id=?1";
static const char own_evaluation[] =
    "SELECT p.unit_id, 0, p.code||' '||e.quarter FROM evaluation e JOIN post p ON p.id=e.post_id "
    "WHERE e.id=?1";
static const char own_evaluation_score[] =
    "SELECT p.unit_id, 0, p.code||' '||e.quarter FROM evaluation_score s "
    "JOIN evaluation e ON e.id=s.evaluation_id JOIN post p ON p.id=e.post_id WHERE s.id=?1";
static const char own_complaint[] =
    "SELECT coalesce(c.unit_id, p.unit_id, 0), c.id, c.code FROM complaint c "
    "LEFT JOIN post p ON p.id=c.post_id WHERE c.id=?1";
static const char own_cohandler[] =
    "SELECT h.unit_id, h.complaint_id, c.code FROM complaint_cohandler h "
    "JOIN complaint c ON c.id=h.complaint_id WHERE h.id=?1";
static const char own_event[] =
    "SELECT coalesce(e.unit_id, 0), e.complaint_id, c.code FROM complaint_event e "
    "JOIN complaint c ON c.id=e.complaint_id WHERE e.id=?1";
static const char own_inspection[] = "SELECT unit_id, 0, code FROM inspection WHERE id=?1";
static const char own_inspection_item[] =
    "SELECT i.unit_id, 0, i.code FROM inspection_item t JOIN inspection i ON i.id=t.inspection_id "
    "WHERE t.id=?1";
static const char own_rectification[] =
    "SELECT i.unit_id, 0, i.code FROM rectification r JOIN inspection i ON i.id=r.inspection_id "
    "WHERE r.id=?1";
/* The complaint's: whoever may read the complaint may read that an
 * inspection raised it. */
static const char own_inspection_complaint[] =
    "SELECT coalesce(c.unit_id, p.unit_id, 0), l.complaint_id, i.code||' '||c.code"
    " FROM inspection_complaint l JOIN inspection i ON i.id=l.inspection_id"
    " JOIN complaint c ON c.id=l.complaint_id LEFT JOIN post p ON p.id=c.post_id WHERE l.id=?1";
static const char own_improvement[] =
    "SELECT m.unit_id, 0, coalesce(u.code,'')||' '||" SHORT("m.title")
    " FROM improvement m LEFT JOIN unit u ON u.id=m.unit_id WHERE m.id=?1";
static const char own_award[] =
    "SELECT coalesce(a.unit_id, p.unit_id, m.unit_id, 0), 0, "
    "coalesce(m.code||' '||" SHORT("m.name") ", p.code||' '||" SHORT("p.title") ","
    " u.code||' '||" SHORT("u.name") ", '')||' '||a.year FROM award a "
    "LEFT JOIN post p ON p.id=a.post_id LEFT JOIN member m ON m.id=a.member_id "
    "LEFT JOIN unit u ON u.id=a.unit_id WHERE a.id=?1";

/* Tables with a code column people use: looking a record up by it. */
static const char code_unit[] = "SELECT id FROM unit WHERE code=?1";
static const char code_member[] = "SELECT id FROM member WHERE code=?1";
static const char code_project[] = "SELECT id FROM project WHERE code=?1";
static const char code_post[] = "SELECT id FROM post WHERE code=?1";
static const char code_complaint[] = "SELECT id FROM complaint WHERE code=?1";
static const char code_inspection[] = "SELECT id FROM inspection WHERE code=?1";
/* An evaluation is known by its post and quarter: "XFG-00001 2026Q3". */
static const char code_evaluation[] =
    "SELECT e.id FROM post p JOIN evaluation e ON e.post_id=p.id"
    " WHERE p.code=trim(substr(?1,1,instr(?1||' ',' ')-1))"
    " AND e.quarter=upper(trim(substr(?1,instr(?1||' ',' ')+1)))";

/* The version of a row: one fixed string per table, since the statement
 * cache (xf_stmt) knows a statement by its SQL text's address. */
#define VERSION_SQL(t) "SELECT version FROM " t " WHERE id=?1"

static const struct table {
    const char *entity;
    const char *owner_sql;
    const char *code_sql; /* NULL: the table has no code */
    const char *version_sql;
} tables[] = {
    {"unit", own_unit, code_unit, VERSION_SQL("unit")},
    {"member", own_member, code_member, VERSION_SQL("member")},
    {"project", own_project, code_project, VERSION_SQL("project")},
    {"post", own_post, code_post, VERSION_SQL("post")},
    {"pledge", own_pledge, NULL, VERSION_SQL("pledge")},
    {"evaluation", own_evaluation, code_evaluation, VERSION_SQL("evaluation")},
    {"evaluation_score", own_evaluation_score, NULL, VERSION_SQL("evaluation_score")},
    {"complaint", own_complaint, code_complaint, VERSION_SQL("complaint")},
    {"complaint_cohandler", own_cohandler, NULL, VERSION_SQL("complaint_cohandler")},
    {"complaint_event", own_event, NULL, VERSION_SQL("complaint_event")},
    {"inspection", own_inspection, code_inspection, VERSION_SQL("inspection")},
    {"inspection_item", own_inspection_item, NULL, VERSION_SQL("inspection_item")},
    {"rectification", own_rectification, NULL, VERSION_SQL("rectification")},
    {"improvement", own_improvement, NULL, VERSION_SQL("improvement")},
    {"award", own_award, NULL, VERSION_SQL("award")},
    {"inspection_complaint", own_inspection_complaint, NULL,
     VERSION_SQL("inspection_complaint")},
};

const char *xf_store_history_entities(void)
{
    return "unit, member, project, post, pledge, evaluation, evaluation_score, complaint, "
           "complaint_cohandler, complaint_event, inspection, inspection_item, "
           "rectification, improvement, award, inspection_complaint";
}

static const struct table *table_of(const char *entity, struct xf_error *err)
{
    for (size_t i = 0; entity && i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(tables[i].entity, entity) == 0)
            return &tables[i];
    xf_err(err, XF_EINVAL, "entity", _("'%s' is not a kind of record; use one of: %s"),
           entity ? entity : "", xf_store_history_entities());
    return NULL;
}

int xf_store_history_owner(struct xf_db *db, const char *entity, int64_t entity_id,
                           int64_t *unit_id, int64_t *complaint_id, char **label,
                           struct xf_error *err)
{
    *unit_id = *complaint_id = 0;
    if (label)
        *label = NULL;
    const struct table *t = table_of(entity, err);
    if (!t)
        return XF_EINVAL;
    sqlite3_stmt *st = xf_stmt(db, t->owner_sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    sqlite3_bind_int64(st, 1, entity_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *unit_id = sqlite3_column_int64(st, 0);
        *complaint_id = sqlite3_column_int64(st, 1);
        if (label)
            *label = xf_col_dup(st, 2);
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "id", _("there is no %s with id %lld"), entity,
                      (long long)entity_id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_record_version(struct xf_db *db, const char *entity, int64_t id, int64_t *version,
                            struct xf_error *err)
{
    *version = 0;
    const struct table *t = table_of(entity, err);
    if (!t)
        return XF_EINVAL;
    sqlite3_stmt *st = xf_stmt(db, t->version_sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "id", _("there is no %s with id %lld"), entity,
                      (long long)id);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_history_find_code(struct xf_db *db, const char *entity, const char *code,
                               int64_t *id, struct xf_error *err)
{
    *id = 0;
    const struct table *t = table_of(entity, err);
    if (!t)
        return XF_EINVAL;
    if (!t->code_sql)
        return xf_err(err, XF_EINVAL, "id", _("%s records have no code; give the number"),
                      entity);
    sqlite3_stmt *st = xf_stmt(db, t->code_sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "id", _("there is no %s with code %s"), entity, code);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_history_has_summary(struct xf_db *db, const char *entity, const char *action,
                                 bool *yes, struct xf_error *err)
{
    /* history_entity (entity, entity_id, id) finds the summary rows. */
    static const char sql[] =
        "SELECT EXISTS (SELECT 1 FROM history WHERE entity=?1 AND entity_id=0 AND action=?2)";
    *yes = false;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, entity);
    xf_bind_text(st, 2, action);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *yes = sqlite3_column_int(st, 0) != 0;
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

void xf_history_news_clear(struct xf_history_news *n)
{
    free(n->actor);
    free(n->action);
    free(n->entity);
    free(n->label);
    memset(n, 0, sizeof *n);
}

/* The main record of a history row: a complaint's events and co-handlers
 * stand for the complaint, an inspection's items and rectification for
 * the inspection, an evaluation's scores for the evaluation. The link an
 * inspection's complaint makes is written with the complaint, as part of
 * receiving it: it stands for the complaint. */
#define MAIN_ENTITY                                                                            \
    "CASE h.entity WHEN 'complaint_event' THEN 'complaint'"                                     \
    " WHEN 'complaint_cohandler' THEN 'complaint' WHEN 'inspection_item' THEN 'inspection'"    \
    " WHEN 'inspection_complaint' THEN 'complaint'"                                             \
    " WHEN 'rectification' THEN 'inspection' WHEN 'evaluation_score' THEN 'evaluation'"        \
    " ELSE h.entity END"
#define MAIN_ID                                                                                \
    "CASE WHEN h.entity_id = 0 OR NOT json_valid(" J ") THEN h.entity_id ELSE CASE h.entity"    \
    " WHEN 'complaint_event' THEN " JX("complaint_id")                                         \
    " WHEN 'complaint_cohandler' THEN " JX("complaint_id")                                     \
    " WHEN 'inspection_complaint' THEN " JX("complaint_id")                                    \
    " WHEN 'inspection_item' THEN " JX("inspection_id")                                        \
    " WHEN 'rectification' THEN " JX("inspection_id")                                          \
    " WHEN 'evaluation_score' THEN " JX("evaluation_id") " ELSE h.entity_id END END"

static int news_last_id(struct xf_db *db, int64_t *last_id, struct xf_error *err)
{
    static const char sql[] = "SELECT coalesce(max(id), 0) FROM history";
    return xf_stmt_int64(db, sql, last_id, err);
}

int xf_store_history_last_restore(struct xf_db *db, char mark[XF_RESTORE_MARK_LEN], char **actor,
                                  struct xf_error *err)
{
    /* Through history_entity: a restore's row is the database's. */
    static const char sql[] =
        "SELECT id || ' ' || at, actor FROM history WHERE entity='database' AND entity_id=0"
        " AND action='database.restore' ORDER BY id DESC LIMIT 1";
    mark[0] = '\0';
    *actor = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *m = sqlite3_column_text(st, 0);
        snprintf(mark, XF_RESTORE_MARK_LEN, "%s", m ? (const char *)m : "");
        *actor = xf_col_dup(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_history_news(struct xf_db *db, int64_t after_id, const char *me, int64_t *last_id,
                          struct xf_history_news *out, struct xf_error *err)
{
    /* Rows are appended with growing ids, so "after id" is "since". The
     * label of the newest row is its main record's: an event's label is
     * already its complaint's code, an item's its inspection's. Of the
     * newest action, the row of the record it is named after comes first
     * ("edit member M0003 张三", not the label of a pledge moved with
     * them, written after the member). */
    static const char sql[] =
        "WITH news AS (SELECT h.id, h.actor, h.action, " MAIN_ENTITY " AS entity, " MAIN_ID
        " AS entity_id, " LABEL_EXPR " AS label FROM history h WHERE h.id > ?1 AND h.actor <> ?2)"
        " SELECT (SELECT coalesce(max(id), ?1) FROM history),"
        " (SELECT count(DISTINCT entity || ':' || entity_id) FROM news),"
        " n.actor, n.action, n.entity, n.entity_id, n.label"
        " FROM (SELECT 1) LEFT JOIN (SELECT * FROM news ORDER BY"
        "  (action = (SELECT action FROM news ORDER BY id DESC LIMIT 1)"
        "   AND entity = substr(action, 1, instr(action, '.') - 1)) DESC, id DESC LIMIT 1) n";
    memset(out, 0, sizeof *out);
    if (after_id == 0)
        return news_last_id(db, last_id, err);
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    sqlite3_bind_int64(st, 1, after_id);
    xf_bind_text(st, 2, me);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *last_id = sqlite3_column_int64(st, 0);
        out->count = sqlite3_column_int64(st, 1);
        out->actor = xf_col_dup(st, 2);
        out->action = xf_col_dup(st, 3);
        out->entity = xf_col_dup(st, 4);
        out->entity_id = sqlite3_column_int64(st, 5);
        out->label = xf_col_dup(st, 6);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}
