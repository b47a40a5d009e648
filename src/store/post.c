/* Pioneer posts. */
#include "xf/store_post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_emit.h"
#include "xf/store_internal.h"
#include "xf/store_unit.h"

static const char *const status_names[XF_POST_NSTATUS] = {"proposed", "published", "named",
                                                          "revoked"};

const char *xf_post_status_name(enum xf_post_status s)
{
    return (unsigned)s < XF_POST_NSTATUS ? status_names[s] : "?";
}

int xf_post_status_parse(const char *name)
{
    for (int i = 0; name && i < XF_POST_NSTATUS; i++)
        if (!strcmp(name, status_names[i]))
            return i;
    return -1;
}

void xf_post_clear(struct xf_post *p)
{
    char **s[] = {&p->code,          &p->title,           &p->holder_name,
                  &p->position,      &p->scope,           &p->hotline,
                  &p->commit_standard, &p->commit_time_limit, &p->commit_quality,
                  &p->commit_attitude, &p->status,        &p->published_on,
                  &p->named_on,      &p->named_level,     &p->revoked_on,
                  &p->revoke_reason};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
    memset(p, 0, sizeof *p);
}

#define POST_COLS                                                                          \
    "id,code,unit_id,project_id,title,holder_member_id,holder_name,position,scope,hotline," \
    "commit_standard,commit_time_limit,commit_quality,commit_attitude,status,published_on," \
    "named_on,named_level,revoked_on,revoke_reason,version"

static void post_from_row(sqlite3_stmt *st, struct xf_post *p)
{
    p->id = sqlite3_column_int64(st, 0);
    p->code = xf_col_strdup(st, 1);
    p->unit_id = sqlite3_column_int64(st, 2);
    p->project_id = sqlite3_column_int64(st, 3);
    p->title = xf_col_strdup(st, 4);
    p->holder_member_id = sqlite3_column_int64(st, 5);
    p->holder_name = xf_col_strdup(st, 6);
    p->position = xf_col_strdup(st, 7);
    p->scope = xf_col_strdup(st, 8);
    p->hotline = xf_col_strdup(st, 9);
    p->commit_standard = xf_col_strdup(st, 10);
    p->commit_time_limit = xf_col_strdup(st, 11);
    p->commit_quality = xf_col_strdup(st, 12);
    p->commit_attitude = xf_col_strdup(st, 13);
    p->status = xf_col_strdup(st, 14);
    p->published_on = xf_col_dup(st, 15);
    p->named_on = xf_col_dup(st, 16);
    p->named_level = xf_col_dup(st, 17);
    p->revoked_on = xf_col_dup(st, 18);
    p->revoke_reason = xf_col_dup(st, 19);
    p->version = sqlite3_column_int64(st, 20);
}

static int fetch_post(struct xf_db *db, sqlite3_stmt *st, struct xf_post *p, const char *key,
                      struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        post_from_row(st, p);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "post", _("no post %s"), key);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_get(struct xf_db *db, int64_t id, struct xf_post *out, struct xf_error *err)
{
    static const char sql[] = "SELECT " POST_COLS " FROM post WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_post(db, st, out, key, err);
}

int64_t xf_store_post_unit(struct xf_db *db, int64_t post_id)
{
    sqlite3_stmt *st = xf_stmt(db, "SELECT unit_id FROM post WHERE id=?", NULL);
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, post_id);
    int64_t unit = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    xf_stmt_done(st);
    return unit;
}

int xf_store_post_by_code(struct xf_db *db, const char *code, struct xf_post *out,
                          struct xf_error *err)
{
    static const char sql[] = "SELECT " POST_COLS " FROM post WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_post(db, st, out, code, err);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Binds the columns insert and update share, from parameter 3 on:
 * project_id .. revoke_reason (18 values). */
static void bind_common(sqlite3_stmt *st, const struct xf_post *p)
{
    if (p->project_id)
        sqlite3_bind_int64(st, 3, p->project_id);
    else
        sqlite3_bind_null(st, 3);
    xf_bind_text(st, 4, p->title);
    if (p->holder_member_id)
        sqlite3_bind_int64(st, 5, p->holder_member_id);
    else
        sqlite3_bind_null(st, 5);
    const char *text[] = {p->holder_name,     p->position,        p->scope,
                          p->hotline,         p->commit_standard, p->commit_time_limit,
                          p->commit_quality,  p->commit_attitude};
    for (int i = 0; i < 8; i++)
        xf_bind_text(st, 6 + i, or_empty(text[i]));
    xf_bind_text(st, 14, p->status ? p->status : "proposed");
    xf_bind_text(st, 15, p->published_on);
    xf_bind_text(st, 16, p->named_on);
    xf_bind_text(st, 17, p->named_level);
    xf_bind_text(st, 18, p->revoked_on);
    xf_bind_text(st, 19, p->revoke_reason);
}

int xf_store_post_insert(struct xf_db *db, struct xf_post *p, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO post(code,unit_id,project_id,title,holder_member_id,holder_name,position,"
        "scope,hotline,commit_standard,commit_time_limit,commit_quality,commit_attitude,status,"
        "published_on,named_on,named_level,revoked_on,revoke_reason,updated_at)"
        " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,xf_now())"
        " RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, p->code);
    sqlite3_bind_int64(st, 2, p->unit_id);
    bind_common(st, p);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->id = sqlite3_column_int64(st, 0);
        p->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_update(struct xf_db *db, struct xf_post *p, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE post SET project_id=?3,title=?4,holder_member_id=?5,holder_name=?6,"
        "position=?7,scope=?8,hotline=?9,commit_standard=?10,commit_time_limit=?11,"
        "commit_quality=?12,commit_attitude=?13,status=?14,published_on=?15,named_on=?16,"
        "named_level=?17,revoked_on=?18,revoke_reason=?19,"
        " version=version+1, updated_at=xf_now() WHERE id=?1 AND version=?2 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_int64(st, 2, p->version);
    bind_common(st, p);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        p->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "post",
                      _("post %s was changed by someone else; reload it and try again"),
                      p->code);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_follow_holder(struct xf_db *db, int64_t member_id,
                                const struct xf_member *was, const struct xf_member *now,
                                struct xf_error *err)
{
    static const char sql[] =
        "UPDATE post SET"
        " holder_name = CASE WHEN holder_name=?2 THEN ?3 ELSE holder_name END,"
        " position = CASE WHEN position=?4 THEN ?5 ELSE position END,"
        " version=version+1, updated_at=xf_now()"
        " WHERE holder_member_id=?1 AND status<>'revoked'"
        " AND ((holder_name=?2 AND ?2<>?3) OR (position=?4 AND ?4<>?5))";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, member_id);
    xf_bind_text(st, 2, was->name ? was->name : "");
    xf_bind_text(st, 3, now->name ? now->name : "");
    xf_bind_text(st, 4, was->position ? was->position : "");
    xf_bind_text(st, 5, now->position ? now->position : "");
    int rc = sqlite3_step(st);
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_status_counts(struct xf_db *db, const char *scope_json,
                                int64_t counts[XF_POST_NSTATUS], struct xf_error *err)
{
    /* Everything: the covering index post_status alone. Within a scope: the
     * units of each subtree (a path range of unit_path; paths hold only
     * digits and '/', which sort before '~'), then their posts through
     * post_unit. */
    static const char all_sql[] = "SELECT status, count(*) FROM post GROUP BY status";
    static const char scope_sql[] =
        "SELECT p.status, count(*) FROM post p WHERE p.unit_id IN"
        " (SELECT u.id FROM json_each(?1) j JOIN unit u"
        "  ON u.path >= j.value AND u.path < j.value || '~')"
        " GROUP BY p.status";
    sqlite3_stmt *st = xf_stmt(db, scope_json ? scope_sql : all_sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    memset(counts, 0, sizeof(int64_t) * XF_POST_NSTATUS);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int s = xf_post_status_parse((const char *)sqlite3_column_text(st, 0));
        if (s >= 0)
            counts[s] = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_named_unbacked(struct xf_db *db, const char *scope_json,
                                 void (*fn)(void *arg, const char *code, const char *named_on,
                                            int64_t evaluated),
                                 void *arg, struct xf_error *err)
{
    /* Few posts are named: walked from post_status, each one's
     * evaluations looked up by evaluation_post. */
    static const char sql[] =
        "SELECT p.code, coalesce(p.named_on,''),"
        " (SELECT count(*) FROM evaluation e WHERE e.post_id=p.id) FROM post p"
        " WHERE p.status='named'"
        " AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.post_id=p.id AND e.passed=1)"
        " AND (?1 IS NULL OR p.unit_id IN (SELECT u.id FROM json_each(?1) j JOIN unit u"
        "  ON u.path >= j.value AND u.path < j.value || '~'))"
        " ORDER BY p.code";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           sqlite3_column_int64(st, 2));
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* ?1 scope, ?2 the failures the rules revoke after, ?3 consecutive. A
 * revoked post's failed quarter is "corrected" when its history has it
 * go from a fail to a pass; one later failed again is not. */
int xf_store_post_revoked_unbacked(struct xf_db *db, int64_t min_failures, bool consecutive,
                                   const char *scope_json,
                                   void (*fn)(void *arg, const char *code, const char *revoked_on,
                                              const char *quarters),
                                   void *arg, struct xf_error *err)
{
    static const char sql[] =
        "WITH c AS (SELECT e.post_id, e.quarter FROM post p JOIN evaluation e ON e.post_id=p.id"
        "  WHERE p.status='revoked' AND e.passed=1 AND EXISTS (SELECT 1 FROM history h"
        "   WHERE h.entity='evaluation' AND h.entity_id=e.id"
        "   AND json_extract(h.before,'$.passed')=0 AND json_extract(h.after,'$.passed')=1))"
        " SELECT p.code, coalesce(p.revoked_on,''),"
        "  (SELECT group_concat(q, ',') FROM (SELECT c.quarter AS q FROM c"
        "   WHERE c.post_id=p.id ORDER BY c.quarter))"
        " FROM post p WHERE p.id IN (SELECT post_id FROM c)"
        " AND (SELECT count(*) FROM evaluation e WHERE e.post_id=p.id AND e.passed=0"
        "  AND (?3=0 OR e.quarter > coalesce((SELECT max(x.quarter) FROM evaluation x"
        "   WHERE x.post_id=p.id AND x.passed=1),''))) < ?2"
        " AND (?1 IS NULL OR p.unit_id IN (SELECT u.id FROM json_each(?1) j JOIN unit u"
        "  ON u.path >= j.value AND u.path < j.value || '~'))"
        " ORDER BY p.code";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, scope_json);
    sqlite3_bind_int64(st, 2, min_failures);
    sqlite3_bind_int(st, 3, consecutive);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2));
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                         void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT p.code, u.code, coalesce(j.code,''), p.title, coalesce(m.code,''),"
        " p.holder_name, p.position, p.scope, p.hotline, p.commit_standard,"
        " p.commit_time_limit, p.commit_quality, p.commit_attitude, p.status,"
        " coalesce(p.published_on,''), coalesce(p.named_on,''), coalesce(p.named_level,''),"
        " coalesce(p.revoked_on,''), coalesce(p.revoke_reason,'')"
        " FROM post p JOIN unit u ON u.id=p.unit_id"
        " LEFT JOIN project j ON j.id=p.project_id"
        " LEFT JOIN member m ON m.id=p.holder_member_id ORDER BY p.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}

/* ---- the interface's post list ------------------------------------------ */

/* Failed evaluations that count toward revocation; ?7 = consecutive. */
#define PQ_FAILED_WHERE                                                                     \
    "e.post_id=p.id AND e.passed=0 AND (?7=0 OR e.quarter > coalesce((SELECT max(x.quarter)" \
    " FROM evaluation x WHERE x.post_id=p.id AND x.passed=1),''))"
#define PQ_FAILS "(SELECT count(*) FROM evaluation e WHERE " PQ_FAILED_WHERE ")"
#define PQ_FAILQ                                                                 \
    "(SELECT group_concat(q, ',') FROM (SELECT e.quarter AS q FROM evaluation e" \
    " WHERE " PQ_FAILED_WHERE " ORDER BY e.quarter))"
#define PQ_LATEST                                                                    \
    "(SELECT printf('%s|%d|%.2f', e.quarter, e.passed, e.score) FROM evaluation e" \
    " WHERE e.post_id=p.id ORDER BY e.quarter DESC LIMIT 1)"
/* A word of the search in the code, title or holder, or in the name of
 * the unit or one above it ("法律援助 司法": the legal aid posts of the
 * justice bureau). */
#define PQ_WORD(W)                                                                                \
    "(" W " IS NULL OR p.code LIKE " W " ESCAPE '\\' OR p.title LIKE " W " ESCAPE '\\'"          \
    "  OR p.holder_name LIKE " W " ESCAPE '\\' OR p.unit_id IN (SELECT d.id FROM unit h"          \
    "  JOIN unit d ON d.path >= h.path AND d.path < h.path || '~'"                              \
    "  WHERE h.name LIKE " W " ESCAPE '\\'))"
#define PQ_FILTER                                                                               \
    "(?4=0 OR (?4 >> (CASE p.status WHEN 'proposed' THEN 0 WHEN 'published' THEN 1"           \
    "  WHEN 'named' THEN 2 ELSE 3 END)) & 1)"                                                  \
    " AND (?5=0 OR (p.status IN ('published','named') AND " PQ_FAILS " >= ?6))"                 \
    " AND (?8 IS NULL OR substr(u.path,1,length(?8))=?8)"                                       \
    " AND (?9 IS NULL OR EXISTS (SELECT 1 FROM json_each(?9) j"                                 \
    "  WHERE substr(u.path,1,length(j.value))=j.value))"                                        \
    " AND (?10 IS NULL OR p.id IN (SELECT value FROM json_each(?10))"                           \
    "  OR p.unit_id IN (SELECT value FROM json_each(?13, '$.u')))"                              \
    " AND " PQ_WORD("?11") " AND " PQ_WORD("?14") " AND " PQ_WORD("?15")                     \
    " AND (?12=0 OR p.project_id=?12)"                                                         \
    " AND (?16 IS NULL OR (p.published_on <= ?17 AND NOT EXISTS (SELECT 1 FROM evaluation e"    \
    "  WHERE e.post_id=p.id AND e.quarter=?16)))"
/* The sort keys; '~' puts never-evaluated posts after every score. */
#define PK_CODE "p.code"
#define PK_UNIT "u.code"
#define PK_SCORE                                                                    \
    "coalesce((SELECT printf('%06.2f', e.score) FROM evaluation e WHERE e.post_id=p.id" \
    " ORDER BY e.quarter DESC LIMIT 1),'~')"
#define PQ_COLS                                                                       \
    "p.id, p.unit_id, pick.k, p.code, p.title, " XF_UNIT_LINE("' \u203a '") ","            \
    " p.holder_name, p.status, " PQ_LATEST ", " PQ_FAILQ

/* The keyset condition leads with a plain range on the key so an index on
 * it (post.code, unit.code) bounds the scan; the row value settles ties. */
#define PQ_PAGE(K, CMP, RANGE, ORD)                                                         \
    "WITH pick AS MATERIALIZED (SELECT p.id AS id, " K " AS k FROM post p"                  \
    " JOIN unit u ON u.id=p.unit_id WHERE " PQ_FILTER " AND " K " " RANGE " ?1 AND (" K    \
    ", p.id) " CMP " (?1, ?2) ORDER BY " K " " ORD ", p.id " ORD " LIMIT ?3)"              \
    " SELECT " PQ_COLS " FROM pick JOIN post p ON p.id=pick.id JOIN unit u ON u.id=p.unit_id" \
    XF_UNIT_LINE_JOINS                                                                       \
    " ORDER BY pick.k " ORD ", pick.id " ORD
#define PQ_ITEM(K)                                                                      \
    "SELECT " PQ_COLS " FROM (SELECT p.id AS id, " K " AS k FROM post p"                 \
    " JOIN unit u ON u.id=p.unit_id WHERE p.id=?2 AND " PQ_FILTER ") pick"              \
    " JOIN post p ON p.id=pick.id JOIN unit u ON u.id=p.unit_id" XF_UNIT_LINE_JOINS

/* A computed key (the latest score) is worked out once per post in a
 * materialised pass, not once per comparison. */
#define PQ_PAGE_COMPUTED(K, CMP, RANGE, ORD)                                                \
    "WITH keyed AS MATERIALIZED (SELECT p.id AS id, " K " AS k FROM post p"                  \
    " JOIN unit u ON u.id=p.unit_id WHERE " PQ_FILTER "),"                                   \
    " pick AS MATERIALIZED (SELECT id, k FROM keyed WHERE k " RANGE " ?1 AND (k, id) " CMP   \
    " (?1, ?2) ORDER BY k " ORD ", id " ORD " LIMIT ?3)"                                     \
    " SELECT " PQ_COLS " FROM pick JOIN post p ON p.id=pick.id JOIN unit u ON u.id=p.unit_id" \
    XF_UNIT_LINE_JOINS                                                                       \
    " ORDER BY pick.k " ORD ", pick.id " ORD

#define PQ_DIRS(K)                                                                   \
    {PQ_PAGE(K, ">", ">=", "ASC"), PQ_PAGE(K, ">=", ">=", "ASC"),                      \
     PQ_PAGE(K, "<", "<=", "DESC")}

static const char *const page_sql[XF_POST_NSORTS][3] = {
    PQ_DIRS(PK_CODE),
    PQ_DIRS(PK_UNIT),
    {PQ_PAGE_COMPUTED(PK_SCORE, ">", ">=", "ASC"), PQ_PAGE_COMPUTED(PK_SCORE, ">=", ">=", "ASC"),
     PQ_PAGE_COMPUTED(PK_SCORE, "<", "<=", "DESC")}};
static const char *const item_sql[XF_POST_NSORTS] = {PQ_ITEM(PK_CODE), PQ_ITEM(PK_UNIT),
                                                     PQ_ITEM(PK_SCORE)};

/* Above every valid UTF-8 string: the "from the end" key. */
static const char key_max[] = "\xf4\x8f\xbf\xbf\xf4\x8f\xbf\xbf";

/* Each word of the search as a LIKE pattern ("%word%"); NULL for none.
 * Bound copied, so freed at once. False when out of memory. */
static bool bind_words(sqlite3_stmt *st, const char *like)
{
    static const int idx[XF_LIKE_WORDS] = {11, 14, 15};
    char *w[XF_LIKE_WORDS];
    if (xf_like_words(like, w) != 0)
        return false;
    bool ok = true;
    for (int i = 0; i < XF_LIKE_WORDS; i++) {
        char *pat = NULL;
        if (w[i] && asprintf(&pat, "%%%s%%", w[i]) < 0)
            ok = false;
        xf_bind_text(st, idx[i], pat);
        free(pat);
    }
    xf_like_words_free(w);
    return ok;
}

static int unbound(sqlite3_stmt *st, struct xf_error *err)
{
    xf_stmt_done(st);
    return xf_err(err, XF_EIO, "", _("out of memory"));
}

/* False when out of memory. */
static bool bind_query(sqlite3_stmt *st, const struct xf_post_query *q)
{
    sqlite3_bind_int(st, 4, (int)q->status_mask);
    sqlite3_bind_int(st, 5, q->candidates);
    sqlite3_bind_int64(st, 6, q->min_failures);
    sqlite3_bind_int(st, 7, q->consecutive);
    xf_bind_text(st, 8, q->subtree);
    xf_bind_text(st, 9, q->scope_json);
    xf_bind_text(st, 10, q->ids_json);
    sqlite3_bind_int64(st, 12, q->project_id);
    xf_bind_text(st, 13, q->ids_json ? q->places_json : NULL);
    xf_bind_text(st, 16, q->open_for);
    xf_bind_text(st, 17, q->open_until);
    return bind_words(st, q->like);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

/* Splits the "quarter|passed|score" of the latest evaluation into item. */
static void item_latest(const char *latest, char quarter[8], struct xf_post_item *it)
{
    int passed = 0;
    double score = 0;
    it->latest_quarter = NULL;
    if (latest && sscanf(latest, "%7[^|]|%d|%lf", quarter, &passed, &score) == 3) {
        it->latest_quarter = quarter;
        it->latest_passed = passed == 1;
        it->latest_score = score;
    }
}

static int emit_items(struct xf_db *db, sqlite3_stmt *st,
                      void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                      int *count, struct xf_error *err)
{
    int rc;
    *count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char quarter[8];
        struct xf_post_item it = {
            .id = sqlite3_column_int64(st, 0),
            .unit_id = sqlite3_column_int64(st, 1),
            .key = col_text(st, 2),
            .code = col_text(st, 3),
            .title = col_text(st, 4),
            .unit_name = col_text(st, 5),
            .holder_name = col_text(st, 6),
            .status = col_text(st, 7),
            .failed_quarters = col_text(st, 9),
        };
        /* Counted from the list of their quarters, which the row has
         * anyway: a second walk of the evaluations per post cost more. */
        if (*it.failed_quarters) {
            it.failures = 1;
            for (const char *c = it.failed_quarters; (c = strchr(c, ',')) != NULL; c++)
                it.failures++;
        }
        item_latest((const char *)sqlite3_column_text(st, 8), quarter, &it);
        fn(arg, &it);
        (*count)++;
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_page(struct xf_db *db, const struct xf_post_query *q, const char *from_key,
                       int64_t from_id, enum xf_post_dir dir, int limit,
                       void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                       struct xf_error *err)
{
    if ((unsigned)q->sort >= XF_POST_NSORTS || (unsigned)dir > XF_POST_BEFORE)
        return xf_err(err, XF_EINVAL, "sort", _("unknown sort order"));
    sqlite3_stmt *st = xf_stmt(db, page_sql[q->sort][dir], err);
    if (!st)
        return err->code;
    if (!from_key) {
        from_key = dir == XF_POST_BEFORE ? key_max : "";
        from_id = dir == XF_POST_BEFORE ? INT64_MAX : INT64_MIN;
    }
    xf_bind_text(st, 1, from_key);
    sqlite3_bind_int64(st, 2, from_id);
    sqlite3_bind_int(st, 3, limit);
    if (!bind_query(st, q))
        return unbound(st, err);
    int n;
    return emit_items(db, st, fn, arg, &n, err);
}

int xf_store_post_count(struct xf_db *db, const struct xf_post_query *q, long cap, long *n,
                        struct xf_error *err)
{
    static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM post p"
                              " JOIN unit u ON u.id=p.unit_id WHERE " PQ_FILTER " LIMIT ?3)";
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 3, cap);
    if (!bind_query(st, q))
        return unbound(st, err);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_item(struct xf_db *db, const struct xf_post_query *q, int64_t id,
                       void (*fn)(void *arg, const struct xf_post_item *row), void *arg,
                       struct xf_error *err)
{
    if ((unsigned)q->sort >= XF_POST_NSORTS)
        return xf_err(err, XF_EINVAL, "sort", _("unknown sort order"));
    sqlite3_stmt *st = xf_stmt(db, item_sql[q->sort], err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 2, id);
    if (!bind_query(st, q))
        return unbound(st, err);
    int n;
    int rc = emit_items(db, st, fn, arg, &n, err);
    if (!rc && n == 0)
        rc = xf_err(err, XF_ENOTFOUND, "post", _("no post #%lld in this list"), (long long)id);
    return rc;
}

static int emit_choices(struct xf_db *db, sqlite3_stmt *st,
                        void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                        struct xf_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_choice c = {sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2),
                              col_text(st, 3)};
        fn(arg, &c);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_unit_choices(struct xf_db *db, const char *like, const char *scope_json,
                               int limit, void (*fn)(void *arg, const struct xf_choice *c),
                               void *arg, struct xf_error *err)
{
    /* Each word in the code or in the names from the department down
     * ("市城建委 第1号窗口": the window of that department). */
    static const char sql[] =
        "WITH l(id, code, name, dept, line) AS (SELECT u.id, u.code, u.name,"
        /* every unit above, not the department alone: two 第1号窗口 of
         * one department under two 服务大厅 read apart */
        "  coalesce(u_3.name || ' \u203a ', '') || coalesce(u_2.name || ' \u203a ', '')"
        "  || coalesce(u_1.name, ''),"
        "  " XF_UNIT_LINE("' '") " FROM unit u" XF_UNIT_LINE_JOINS " WHERE u.active=1"
        " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(?2) j"
        "  WHERE substr(u.path,1,length(j.value))=j.value)))"
        " SELECT id, code, name, dept FROM l"
        " WHERE (code LIKE '%' || ?1 || '%' ESCAPE '\\' OR line LIKE '%' || ?1 || '%' ESCAPE '\\')"
        " AND (code LIKE '%' || ?4 || '%' ESCAPE '\\' OR line LIKE '%' || ?4 || '%' ESCAPE '\\')"
        " AND (code LIKE '%' || ?5 || '%' ESCAPE '\\' OR line LIKE '%' || ?5 || '%' ESCAPE '\\')"
        " ORDER BY code LIMIT ?3";
    char *w[XF_LIKE_WORDS];
    if (xf_like_words(like, w) != 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    int rc = st ? XF_OK : err->code;
    if (st) {
        xf_bind_text(st, 1, w[0]);
        xf_bind_text(st, 2, scope_json);
        sqlite3_bind_int(st, 3, limit);
        xf_bind_text(st, 4, w[1]);
        xf_bind_text(st, 5, w[2]);
        rc = emit_choices(db, st, fn, arg, err);
    }
    xf_like_words_free(w);
    return rc;
}

int xf_store_post_member_choices(struct xf_db *db, int64_t unit_id, const char *like, int limit,
                                 void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                                 struct xf_error *err)
{
    static const char sql[] =
        "SELECT id, code, name, position FROM member WHERE unit_id=?1 AND active=1"
        " AND (?2 IS NULL OR code LIKE ?2 ESCAPE '\\' OR name LIKE ?2 ESCAPE '\\')"
        " ORDER BY name_key, id LIMIT ?3";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    char *pat = xf_like_pattern(like);
    sqlite3_bind_int64(st, 1, unit_id);
    xf_bind_text(st, 2, pat);
    sqlite3_bind_int(st, 3, limit);
    int rc = emit_choices(db, st, fn, arg, err);
    free(pat);
    return rc;
}

int xf_store_post_events(struct xf_db *db, int64_t post_id, int limit,
                         void (*fn)(void *arg, const struct xf_post_event *ev), void *arg,
                         struct xf_error *err)
{
    static const char sql[] =
        "SELECT * FROM (SELECT 'evaluation', quarter, '', CASE passed WHEN 1 THEN 'pass'"
        "  ELSE 'fail' END, score, '', 0 FROM evaluation WHERE post_id=?1"
        "  ORDER BY quarter DESC LIMIT ?2)"
        " UNION ALL SELECT * FROM (SELECT 'complaint', received_at, code, state, 0,"
        "  CASE state WHEN 'dispatched' THEN coalesce(sign_due,'')"
        "   WHEN 'signed' THEN coalesce(reply_due,'') ELSE '' END, id"
        "  FROM complaint WHERE post_id=?1 ORDER BY received_at DESC, id DESC LIMIT ?2)"
        " UNION ALL SELECT * FROM (SELECT 'inspection', on_date, code, result, 0, '', id"
        "  FROM inspection WHERE post_id=?1 ORDER BY on_date DESC, id DESC LIMIT ?2)";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, post_id);
    sqlite3_bind_int(st, 2, limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct xf_post_event ev = {col_text(st, 0), col_text(st, 1), col_text(st, 2),
                                   col_text(st, 3), sqlite3_column_double(st, 4),
                                   col_text(st, 5), sqlite3_column_int64(st, 6)};
        fn(arg, &ev);
    }
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_post_project_choices(struct xf_db *db, const char *like, int limit,
                                  void (*fn)(void *arg, const struct xf_choice *c), void *arg,
                                  struct xf_error *err)
{
    static const char sql[] =
        "SELECT id, code, name, category FROM project WHERE active=1"
        " AND (?1 IS NULL OR code LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\')"
        " ORDER BY code LIMIT ?2";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    char *pat = xf_like_pattern(like);
    xf_bind_text(st, 1, pat);
    sqlite3_bind_int(st, 2, limit);
    int rc = emit_choices(db, st, fn, arg, err);
    free(pat);
    return rc;
}

int xf_store_post_max_id(struct xf_db *db, int64_t *out, struct xf_error *err)
{
    static const char sql[] = "SELECT coalesce(max(id),0) FROM post";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}
