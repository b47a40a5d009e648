/* Text search: FTS5 trigram MATCH for terms of 3+ characters, LIKE for the
 * shorter ones (SPEC §7: a trigram index cannot find them at all). */
#include "xf/store_search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_internal.h"
#include "xf/text.h"

/* A trigram needs three characters; shorter terms go to LIKE. */
#define TRIGRAM 3

struct entity_def {
    const char *table;
    const char *fts;
    const char *const *cols;
    const char *personal; /* the column XF_SEARCH_NO_PERSONAL leaves out, or NULL */
};

static const char *const complaint_cols[] = {"code", "text", "complainant_name", NULL};
static const char *const post_cols[] = {"code", "title", "holder_name", "scope", NULL};
static const char *const unit_cols[] = {"code", "name", NULL};
static const char *const member_cols[] = {"code", "name", "position", NULL};
static const char *const pledge_cols[] = {"text", NULL};

static const struct entity_def entities[XF_SEARCH_NENTITIES] = {
    [XF_SEARCH_COMPLAINT] = {"complaint", "fts_complaint", complaint_cols, "complainant_name"},
    [XF_SEARCH_POST] = {"post", "fts_post", post_cols, NULL},
    [XF_SEARCH_UNIT] = {"unit", "fts_unit", unit_cols, NULL},
    [XF_SEARCH_MEMBER] = {"member", "fts_member", member_cols, NULL},
    [XF_SEARCH_PLEDGE] = {"pledge", "fts_pledge", pledge_cols, NULL},
};

/* ---- splitting ---------------------------------------------------------- */

static bool is_space(unsigned cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

void xf_store_search_terms(const char *query,
                           void (*fn)(void *arg, const char *term, size_t bytes, size_t chars),
                           void *arg)
{
    if (!query)
        return;
    size_t len = strlen(query), start = 0, chars = 0;
    for (size_t i = 0; i <= len;) {
        unsigned cp = 0;
        size_t k = i < len ? xf_utf8_decode(query + i, len - i, &cp) : 1;
        if (i == len || is_space(cp)) {
            if (chars)
                fn(arg, query + start, i - start, chars);
            chars = 0;
            start = i + k;
        } else {
            chars++;
        }
        i += k;
    }
}

/* ---- building the statement --------------------------------------------- */

struct plan {
    const struct entity_def *def;
    unsigned flags;
    sqlite3_str *match; /* the FTS5 expression for the long terms */
    int n_match;
    char **like; /* short terms, escaped for LIKE ... ESCAPE '\' */
    size_t n_like, cap_like;
    const char *query; /* all of it, for rows not yet indexed (xf_search_match) */
    bool oom;
};

static bool col_wanted(const struct plan *p, const char *col)
{
    return !(p->flags & XF_SEARCH_NO_PERSONAL) || !p->def->personal ||
           strcmp(col, p->def->personal) != 0;
}

/* {col col ...} : restricts a phrase to the columns this user may search. */
static void append_colset(struct plan *p)
{
    sqlite3_str_appendall(p->match, "{");
    for (const char *const *c = p->def->cols; *c; c++)
        if (col_wanted(p, *c))
            sqlite3_str_appendf(p->match, " %s", *c);
    sqlite3_str_appendall(p->match, " } : ");
}

/* Each long term becomes one quoted phrase (a trigram phrase is a
 * substring match); doubling '"' is FTS5's only escape inside quotes, so
 * operators and punctuation in the term stay plain text. */
static void add_match(struct plan *p, const char *t, size_t bytes)
{
    if (p->n_match++)
        sqlite3_str_appendall(p->match, " AND ");
    append_colset(p);
    sqlite3_str_appendchar(p->match, 1, '"');
    for (size_t i = 0; i < bytes; i++) {
        if (t[i] == '"')
            sqlite3_str_appendchar(p->match, 1, '"');
        sqlite3_str_appendchar(p->match, 1, t[i]);
    }
    sqlite3_str_appendchar(p->match, 1, '"');
}

static void add_like(struct plan *p, const char *t, size_t bytes)
{
    if (p->n_like == p->cap_like) {
        size_t cap = p->cap_like ? 2 * p->cap_like : 8;
        char **v = realloc(p->like, cap * sizeof *v);
        if (!v) {
            p->oom = true;
            return;
        }
        p->like = v;
        p->cap_like = cap;
    }
    char *e = malloc(2 * bytes + 1), *o = e;
    if (!e) {
        p->oom = true;
        return;
    }
    for (size_t i = 0; i < bytes; i++) {
        if (t[i] == '%' || t[i] == '_' || t[i] == '\\')
            *o++ = '\\';
        *o++ = t[i];
    }
    *o = '\0';
    p->like[p->n_like++] = e;
}

static void plan_term(void *arg, const char *t, size_t bytes, size_t chars)
{
    struct plan *p = arg;
    if (chars >= TRIGRAM)
        add_match(p, t, bytes);
    else
        add_like(p, t, bytes);
}

static void plan_free(struct plan *p)
{
    sqlite3_free(sqlite3_str_finish(p->match));
    for (size_t i = 0; i < p->n_like; i++)
        free(p->like[i]);
    free(p->like);
}

/* " AND (t.a LIKE ?N OR t.b LIKE ?N)" for each of n terms bound from ?first. */
static void append_like(sqlite3_str *s, const struct plan *p, size_t n, int first)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_str_appendall(s, " AND (");
        int k = 0;
        for (const char *const *c = p->def->cols; *c; c++)
            if (col_wanted(p, *c))
                sqlite3_str_appendf(s, "%st.%s LIKE '%%' || ?%d || '%%' ESCAPE '\\'",
                                    k++ ? " OR " : "", *c, (int)i + first);
        sqlite3_str_appendall(s, ")");
    }
}

/* The statement's shape depends on how many terms there are, so it is put
 * together here from fixed pieces: only our own table and column names and
 * numbered parameters (?N) go into the SQL; the terms are bound. ?1 match
 * expression, ?2 after_id, ?3 limit, ?4... the short terms, then the whole
 * query. With long terms, the index's matches merge in id order with the
 * rows not indexed yet (fts_pending), which xf_search_match tests as the
 * index would (search_match.c); each arm comes out in id order, so LIMIT
 * stops both early. */
static char *plan_sql(const struct plan *p, sqlite3 *h)
{
    const struct entity_def *d = p->def;
    sqlite3_str *s = sqlite3_str_new(h);
    if (!p->n_match) {
        sqlite3_str_appendf(s, "SELECT t.id FROM %s t WHERE t.id > ?2", d->table);
        append_like(s, p, p->n_like, 4);
        sqlite3_str_appendall(s, " ORDER BY 1 LIMIT ?3");
        return sqlite3_str_finish(s);
    }
    sqlite3_str_appendf(s, "SELECT %s.rowid FROM %s", d->fts, d->fts);
    if (p->n_like)
        sqlite3_str_appendf(s, " JOIN %s t ON t.id = %s.rowid", d->table, d->fts);
    sqlite3_str_appendf(s, " WHERE %s MATCH ?1 AND %s.rowid > ?2", d->fts, d->fts);
    append_like(s, p, p->n_like, 4);
    sqlite3_str_appendf(s,
                        " UNION ALL SELECT t.id FROM fts_pending q JOIN %s t ON t.id = q.row_id"
                        " WHERE q.entity = '%s' AND t.id > ?2",
                        d->table, d->table);
    sqlite3_str_appendf(s, " AND xf_search_match(?%d", 4 + (int)p->n_like);
    for (const char *const *c = d->cols; *c; c++)
        if (col_wanted(p, *c))
            sqlite3_str_appendf(s, ", t.%s", *c);
    sqlite3_str_appendall(s, ") ORDER BY 1 LIMIT ?3");
    return sqlite3_str_finish(s);
}

static int run(struct xf_db *db, const struct plan *p, int64_t after_id, size_t limit, int64_t *ids,
               size_t *n, struct xf_error *err)
{
    sqlite3 *h = xf_db_handle(db);
    char *sql = plan_sql(p, h);
    if (!sql)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return xf_db_fail(db, rc, err);
    if (p->n_match)
        sqlite3_bind_text(st, 1, sqlite3_str_value(p->match), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, after_id);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    for (size_t i = 0; i < p->n_like; i++)
        sqlite3_bind_text(st, (int)i + 4, p->like[i], -1, SQLITE_STATIC);
    if (p->n_match)
        sqlite3_bind_text(st, (int)(4 + p->n_like), p->query, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit)
        ids[(*n)++] = sqlite3_column_int64(st, 0);
    /* Finalizing at once ends the read transaction (SPEC §7). */
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *n = 0;
        return xf_db_fail(db, rc, err);
    }
    return XF_OK;
}

int xf_store_search(struct xf_db *db, enum xf_search_entity entity, const char *query,
                    unsigned flags, int64_t after_id, size_t limit, int64_t *ids, size_t *n,
                    struct xf_error *err)
{
    *n = 0;
    if ((unsigned)entity >= XF_SEARCH_NENTITIES)
        return xf_err(err, XF_EINVAL, "entity", _("there is no such kind of record to search"));
    struct plan p = {.def = &entities[entity],
                     .flags = flags,
                     .match = sqlite3_str_new(xf_db_handle(db)),
                     .query = query};
    xf_store_search_terms(query, plan_term, &p);
    int rc = XF_OK;
    if (p.oom || sqlite3_str_errcode(p.match))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    else if (limit > 0 && (p.n_match || p.n_like))
        rc = run(db, &p, after_id, limit, ids, n, err);
    plan_free(&p);
    return rc;
}

/* ---- maintenance -------------------------------------------------------- */

/* How many rows may wait in fts_pending before a commit indexes them: few
 * enough that LIKE over them costs a search nothing, many enough that the
 * index gets one segment for all of them. */
#define FLUSH_AT 256

/* "a, b, c" or, with a prefix, "t.a, t.b, t.c". */
static void append_cols(sqlite3_str *s, const struct entity_def *d, const char *prefix)
{
    for (const char *const *c = d->cols; *c; c++)
        sqlite3_str_appendf(s, "%s%s%s", c == d->cols ? "" : ", ", prefix, *c);
}

static int index_pending(struct xf_db *db, const struct entity_def *d, struct xf_error *err)
{
    sqlite3_str *s = sqlite3_str_new(xf_db_handle(db));
    sqlite3_str_appendf(s, "INSERT INTO %s(rowid, ", d->fts);
    append_cols(s, d, "");
    sqlite3_str_appendall(s, ") SELECT t.id, ");
    append_cols(s, d, "t.");
    sqlite3_str_appendf(s,
                        " FROM fts_pending q JOIN %s t ON t.id = q.row_id WHERE q.entity = '%s';"
                        " DELETE FROM fts_pending WHERE entity = '%s';",
                        d->table, d->table, d->table);
    char *sql = sqlite3_str_finish(s);
    if (!sql)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = sqlite3_exec(xf_db_handle(db), sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc == SQLITE_OK ? XF_OK : xf_db_fail(db, rc, err);
}

bool xf_store_search_flush_due(struct xf_db *db)
{
    static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM fts_pending LIMIT ?1)";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    sqlite3_bind_int(st, 1, FLUSH_AT);
    bool due = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= FLUSH_AT;
    xf_stmt_done(st);
    return due;
}

int xf_store_search_flush(struct xf_db *db, struct xf_error *err)
{
    int rc = XF_OK;
    for (size_t i = 0; !rc && i < XF_SEARCH_NENTITIES; i++)
        rc = index_pending(db, &entities[i], err);
    return rc;
}

/* FTS5 writes out the terms it collects whenever they pass 'hashsize'
 * bytes (1 MiB by default) and merges those segments as it goes: a rebuild
 * of the city's pledges or members wrote dozens and merged them again and
 * again. With 16 MiB it writes a few large ones: a quarter fewer
 * instructions for those two (callgrind; 64 MiB gained nothing more). The
 * default comes back after it, as ordinary transactions hold a few rows. */
#define REBUILD_HASHSIZE (16 * 1024 * 1024)
#define FTS5_DEFAULT_HASHSIZE (1024 * 1024)

/* Runs one FTS5 command ('rebuild', 'integrity-check', 'hashsize') on one
 * index, with its argument. */
static int fts_command(struct xf_db *db, const char *fts, const char *command, int arg)
{
    char *sql = sqlite3_mprintf("INSERT INTO %s(%s, rank) VALUES(%Q, %d)", fts, fts, command, arg);
    if (!sql)
        return SQLITE_NOMEM;
    int rc = sqlite3_exec(xf_db_handle(db), sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc;
}

static int run_command(struct xf_db *db, const char *fts, const char *command)
{
    bool rebuild = strcmp(command, "rebuild") == 0;
    int rc = rebuild ? fts_command(db, fts, "hashsize", REBUILD_HASHSIZE) : SQLITE_OK;
    /* rank=1 makes 'integrity-check' compare with the table too (3.40). */
    if (rc == SQLITE_OK)
        rc = fts_command(db, fts, command, 1);
    if (rc == SQLITE_OK && rebuild)
        rc = fts_command(db, fts, "hashsize", FTS5_DEFAULT_HASHSIZE);
    return rc;
}

/* Runs one FTS5 command ('rebuild', 'integrity-check') on every index,
 * inside a write transaction (the caller's, if there is one), after
 * settling the pending rows: a rebuild indexes them anyway, and a check
 * would count them as missing. A damaged index is named as such rather
 * than as a damaged database file. */
static int each_index(struct xf_db *db, const char *command, struct xf_error *err)
{
    int rc = xf_db_begin(db, "search.maintain", err);
    if (!rc)
        rc = strcmp(command, "rebuild") == 0
                 ? xf_exec(db, "DELETE FROM fts_pending", err)
                 : xf_store_search_flush(db, err);
    for (size_t i = 0; !rc && i < XF_SEARCH_NENTITIES; i++) {
        int src = run_command(db, entities[i].fts, command);
        if (src == SQLITE_NOMEM) {
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
            break;
        }
        if ((src & 0xff) == SQLITE_CORRUPT)
            rc = xf_err(err, XF_EDB, "",
                        _("the search index of %s does not match the records; rebuild it"),
                        entities[i].table);
        else if (src != SQLITE_OK)
            rc = xf_db_fail(db, src, err);
    }
    if (rc) {
        xf_db_rollback(db);
        return rc;
    }
    return xf_db_commit(db, err);
}

int xf_store_search_rebuild(struct xf_db *db, struct xf_error *err)
{
    return each_index(db, "rebuild", err);
}

int xf_store_search_check(struct xf_db *db, struct xf_error *err)
{
    return each_index(db, "integrity-check", err);
}

/* ---- scope ----------------------------------------------------------------- */

#define SC_IN(PATH)                                                     \
    " AND EXISTS (SELECT 1 FROM json_each(?2) j"                        \
    "  WHERE substr(" PATH ",1,length(j.value))=j.value)"
#define SC_IDS " IN (SELECT value FROM json_each(?1))"

static const char *const in_scope_sql[XF_SEARCH_NENTITIES] = {
    [XF_SEARCH_COMPLAINT] =
        "SELECT c.id FROM complaint c WHERE c.id" SC_IDS
        " AND EXISTS (SELECT 1 FROM unit x, json_each(?2) j"
        "  WHERE x.id IN (c.unit_id, c.lead_unit_id,"
        "   (SELECT p.unit_id FROM post p WHERE p.id=c.post_id))"
        "  AND substr(x.path,1,length(j.value))=j.value) ORDER BY c.id LIMIT ?3",
    [XF_SEARCH_POST] = "SELECT p.id FROM post p JOIN unit u ON u.id=p.unit_id WHERE p.id" SC_IDS
                       SC_IN("u.path") " ORDER BY p.id LIMIT ?3",
    [XF_SEARCH_UNIT] = "SELECT u.id FROM unit u WHERE u.id" SC_IDS SC_IN("u.path")
                       " ORDER BY u.id LIMIT ?3",
    [XF_SEARCH_MEMBER] = "SELECT m.id FROM member m JOIN unit u ON u.id=m.unit_id WHERE m.id"
                         SC_IDS SC_IN("u.path") " ORDER BY m.id LIMIT ?3",
    [XF_SEARCH_PLEDGE] = "SELECT p.id FROM pledge p JOIN unit u ON u.id=p.unit_id WHERE p.id"
                         SC_IDS SC_IN("u.path") " ORDER BY p.id LIMIT ?3",
};

int xf_store_search_in_scope(struct xf_db *db, enum xf_search_entity entity,
                             const int64_t *ids, size_t n, const char *scope_json,
                             int64_t *out, size_t max, size_t *kept, struct xf_error *err)
{
    *kept = 0;
    if ((unsigned)entity >= XF_SEARCH_NENTITIES)
        return xf_err(err, XF_EINVAL, "entity", _("there is no such kind of record to search"));
    if (n == 0 || max == 0)
        return XF_OK;
    sqlite3_stmt *st = xf_stmt(db, in_scope_sql[entity], err);
    if (!st)
        return err->code;
    sqlite3_str *js = sqlite3_str_new(NULL);
    for (size_t i = 0; i < n; i++)
        sqlite3_str_appendf(js, "%c%lld", i ? ',' : '[', (long long)ids[i]);
    sqlite3_str_appendchar(js, 1, ']');
    char *json = sqlite3_str_finish(js);
    if (!json) {
        xf_stmt_done(st);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    sqlite3_bind_text(st, 1, json, -1, sqlite3_free);
    xf_bind_text(st, 2, scope_json);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *kept < max)
        out[(*kept)++] = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}
