/* The units and posts a search names (what the lists show in their Unit
 * and Unit / post columns, searched as well as the text).
 *
 * A search is a key the user waits on. Scanning every unit name and
 * walking every post title for each one cost 0.4 ms alone and more in the
 * interface, whose page then found its own pages pushed out of the cache
 * (bench/README.md, session 9). The distinct names and titles are few
 * (315 and 123 at city scale) and change rarely, so they are read once
 * and kept with the connection until the database changes (xf_db_memo);
 * a search matches them in memory and reads only what it names, by index. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_search.h"
#include "xf/store_internal.h"

/* A word names every unit whose name holds it, however many: the Unit
 * column shows "第1号窗口" and "审批处" on rows of every department, and a
 * search for what the column shows must find those rows (a cap, once a
 * twentieth of all units, found nothing in a district's database). The
 * ids are matched by binary search, a few thousand at city scale. More
 * posts than this, though, and the word is one of the text ("先锋岗" is
 * in every title): 20,000 post ids would be parsed at every page. */
#define SEARCH_POSTS_MAX 500
/* Past this many distinct titles (each post titled its own way) the
 * titles are not kept: every title is read at each search instead. */
#define SEARCH_TITLES_MAX 2000

struct strs {
    char **v;
    size_t n, cap;
};

struct places_memo {
    struct strs names, codes, titles;
    bool titles_cut; /* more than SEARCH_TITLES_MAX: titles not kept */
};

struct ids {
    int64_t *v;
    size_t n, cap;
};

static void strs_free(struct strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    *s = (struct strs){0};
}

static void memo_free(void *p)
{
    struct places_memo *m = p;
    strs_free(&m->names);
    strs_free(&m->codes);
    strs_free(&m->titles);
    free(m);
}

static bool strs_add(struct strs *s, const char *text)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    return (s->v[s->n] = strdup(text ? text : "")) != NULL && ++s->n;
}

static bool ids_add(struct ids *s, int64_t id)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 32;
        int64_t *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = id;
    return true;
}

/* Every row's first column into out; at most max rows when max > 0, and
 * *cut set when there were more. */
static int read_strs(struct xf_db *db, const char *sql, size_t max, struct strs *out, bool *cut,
                     struct xf_error *err)
{
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    if (max)
        sqlite3_bind_int64(st, 1, (sqlite3_int64)max + 1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (max && out->n == max) {
            *cut = true;
            strs_free(out);
            break;
        }
        if (!strs_add(out, (const char *)sqlite3_column_text(st, 0))) {
            xf_stmt_done(st);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

static int memo_read(struct xf_db *db, struct places_memo **out, struct xf_error *err)
{
    /* Distinct titles one index seek each: a few hundred seeks, not
     * twenty thousand posts. */
    static const char names_sql[] = "SELECT DISTINCT name FROM unit";
    static const char codes_sql[] = "SELECT code FROM unit";
    static const char titles_sql[] =
        "WITH RECURSIVE titles(t) AS (SELECT min(title) FROM post UNION ALL"
        " SELECT (SELECT min(title) FROM post WHERE title > titles.t) FROM titles"
        " WHERE titles.t IS NOT NULL LIMIT ?1) SELECT t FROM titles WHERE t IS NOT NULL";
    struct places_memo *m = calloc(1, sizeof *m);
    if (!m)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    struct xf_memo_stamp at = xf_db_memo_stamp(db);
    bool none = false;
    int rc = read_strs(db, names_sql, 0, &m->names, &none, err);
    if (!rc)
        rc = read_strs(db, codes_sql, 0, &m->codes, &none, err);
    if (!rc)
        rc = read_strs(db, titles_sql, SEARCH_TITLES_MAX, &m->titles, &m->titles_cut, err);
    if (rc) {
        memo_free(m);
        return rc;
    }
    xf_db_memo_put(db, XF_MEMO_SEARCH_PLACES, at, m, memo_free);
    *out = m;
    return XF_OK;
}

static bool ascii_case_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* Appends the ids of the rows of st (bound by the caller) to out; false
 * when more than max in all (out then holds max + 1). */
static int collect_ids(struct xf_db *db, sqlite3_stmt *st, size_t max, struct ids *out,
                       bool *over, struct xf_error *err)
{
    int rc;
    while (!*over && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!ids_add(out, sqlite3_column_int64(st, 0))) {
            xf_stmt_done(st);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
        *over = max && out->n > max;
    }
    xf_stmt_done(st);
    return *over || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* Only a query made of a code's characters can be one. */
static bool code_like(const char *query)
{
    static const char code_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789_.-";
    return strspn(query, code_chars) == strlen(query);
}

/* The units below (and including) those the query names by name or code. */
static int named_units(struct xf_db *db, const struct places_memo *m, const char *query,
                       struct ids *out, struct xf_error *err)
{
    static const char by_name[] = "SELECT id FROM unit WHERE name = ?1";
    static const char by_code[] = "SELECT id FROM unit WHERE code = ?1";
    static const char below[] = "SELECT d.id FROM unit h JOIN unit d"
                                " ON d.path >= h.path AND d.path < h.path || '~' WHERE h.id = ?1";
    bool coded = code_like(query), over = false;
    struct ids heads = {0};
    int rc = XF_OK;
    for (size_t i = 0; !rc && !over && i < m->names.n + m->codes.n; i++) {
        bool name = i < m->names.n;
        const char *s = name ? m->names.v[i] : m->codes.v[i - m->names.n];
        if (name ? !strstr(s, query) : !coded || !ascii_case_equal(s, query))
            continue;
        sqlite3_stmt *st = xf_stmt(db, name ? by_name : by_code, err);
        if (!st) {
            rc = err->code;
            break;
        }
        xf_bind_text(st, 1, s);
        rc = collect_ids(db, st, 0, &heads, &over, err);
    }
    for (size_t i = 0; !rc && !over && i < heads.n; i++) {
        sqlite3_stmt *st = xf_stmt(db, below, err);
        if (!st) {
            rc = err->code;
            break;
        }
        sqlite3_bind_int64(st, 1, heads.v[i]);
        bool never = false;
        rc = collect_ids(db, st, 0, out, &never, err);
    }
    free(heads.v);
    return rc;
}

/* Titles of their own post each ("门诊导医先锋岗（东院）"): every title
 * read, at most SEARCH_POSTS_MAX + 1 posts taken. */
static int posts_by_every_title(struct xf_db *db, const char *query, struct ids *out, bool *over,
                                struct xf_error *err)
{
    static const char sql[] = "SELECT id FROM post WHERE instr(title, ?1) > 0 LIMIT ?2";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, query);
    sqlite3_bind_int(st, 2, SEARCH_POSTS_MAX + 1);
    return collect_ids(db, st, SEARCH_POSTS_MAX, out, over, err);
}

static int named_posts(struct xf_db *db, const struct places_memo *m, const char *query,
                       struct ids *out, struct xf_error *err)
{
    static const char by_title[] = "SELECT id FROM post WHERE title = ?1";
    /* A post's code as the list shows it ("XFG-16875"), in any case:
     * codes are upper case but for what an import brought. */
    static const char by_code[] = "SELECT id FROM post WHERE code IN (?1, upper(?1))";
    bool over = false;
    int rc = XF_OK;
    if (code_like(query)) {
        sqlite3_stmt *st = xf_stmt(db, by_code, err);
        if (!st)
            return err->code;
        xf_bind_text(st, 1, query);
        rc = collect_ids(db, st, SEARCH_POSTS_MAX, out, &over, err);
    }
    if (!rc && m->titles_cut)
        rc = posts_by_every_title(db, query, out, &over, err);
    for (size_t i = 0; !m->titles_cut && !rc && !over && i < m->titles.n; i++) {
        if (!strstr(m->titles.v[i], query))
            continue;
        sqlite3_stmt *st = xf_stmt(db, by_title, err);
        if (!st)
            return err->code;
        xf_bind_text(st, 1, m->titles.v[i]);
        rc = collect_ids(db, st, SEARCH_POSTS_MAX, out, &over, err);
    }
    if (over)
        out->n = 0;
    return rc;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* "[1,2,3]": the ids sorted and once each; NULL when out of memory. */
static char *ids_json(struct ids *s)
{
    if (s->n) /* an empty list has no array at all */
        qsort(s->v, s->n, sizeof *s->v, cmp_id);
    size_t cap = 3 + 21 * s->n, len = 1;
    char *b = malloc(cap);
    if (!b)
        return NULL;
    b[0] = '[';
    for (size_t i = 0; i < s->n; i++)
        if (i == 0 || s->v[i] != s->v[i - 1])
            len += (size_t)snprintf(b + len, cap - len, "%s%lld", len > 1 ? "," : "",
                                    (long long)s->v[i]);
    memcpy(b + len, "]", 2);
    return b;
}

/* The units and posts one term names, into units and posts. */
static int term_places(struct xf_db *db, const struct places_memo *m, const char *term,
                       struct ids *units, struct ids *posts, struct xf_error *err)
{
    /* Digits alone are a phone number's, not "第12号窗口"'s. */
    if (!*term || strspn(term, "0123456789 -+") == strlen(term))
        return XF_OK;
    int rc = named_units(db, m, term, units, err);
    return rc ? rc : named_posts(db, m, term, posts, err);
}

static struct places_memo *memo_of(struct xf_db *db, struct xf_error *err)
{
    struct places_memo *m = xf_db_memo(db, XF_MEMO_SEARCH_PLACES);
    return m || memo_read(db, &m, err) == XF_OK ? m : NULL;
}

/* {"u":[...],"p":[...]} into s. */
static bool append_places(sqlite3_str *s, struct ids *units, struct ids *posts)
{
    char *u = ids_json(units), *p = ids_json(posts);
    if (u && p)
        sqlite3_str_appendf(s, "{\"u\":%s,\"p\":%s}", u, p);
    free(u);
    free(p);
    return u && p && sqlite3_str_errcode(s) == SQLITE_OK;
}

/* sqlite3_str's text as the caller's malloc'd string (NULL: none). */
static int str_out(sqlite3_str *s, bool keep, char **out, struct xf_error *err)
{
    bool ok = sqlite3_str_errcode(s) == SQLITE_OK;
    char *t = sqlite3_str_finish(s);
    *out = keep && ok && t ? strdup(t) : NULL;
    sqlite3_free(t);
    if ((keep && !*out) || !ok)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    return XF_OK;
}

int xf_store_search_places(struct xf_db *db, const char *query, char **json,
                           struct xf_error *err)
{
    *json = NULL;
    if (!query || !*query)
        return XF_OK;
    struct places_memo *m = memo_of(db, err);
    if (!m)
        return err->code;
    struct ids units = {0}, posts = {0};
    int rc = term_places(db, m, query, &units, &posts, err);
    if (!rc && (units.n || posts.n)) {
        sqlite3_str *s = sqlite3_str_new(xf_db_handle(db));
        bool ok = append_places(s, &units, &posts);
        rc = str_out(s, ok, json, err);
        if (!rc && !ok)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    free(units.v);
    free(posts.v);
    return rc;
}

struct term_walk {
    struct xf_db *db;
    const struct places_memo *m;
    sqlite3_str *out;
    size_t n;
    bool named, oom;
    int rc;
    struct xf_error *err;
};

static void add_term(void *arg, const char *term, size_t bytes, size_t chars)
{
    (void)chars;
    struct term_walk *w = arg;
    char *t = w->rc || w->oom ? NULL : strndup(term, bytes);
    if (!t) {
        w->oom |= !w->rc;
        return;
    }
    struct ids units = {0}, posts = {0};
    w->rc = term_places(w->db, w->m, t, &units, &posts, w->err);
    w->named |= units.n || posts.n;
    if (w->n++)
        sqlite3_str_appendchar(w->out, 1, ',');
    if (!w->rc && !append_places(w->out, &units, &posts))
        w->oom = true;
    free(units.v);
    free(posts.v);
    free(t);
}

int xf_store_search_term_places(struct xf_db *db, const char *query, char **json,
                                struct xf_error *err)
{
    *json = NULL;
    if (!query || !*query)
        return XF_OK;
    struct places_memo *m = memo_of(db, err);
    if (!m)
        return err->code;
    struct term_walk w = {.db = db, .m = m, .out = sqlite3_str_new(xf_db_handle(db)), .err = err};
    sqlite3_str_appendchar(w.out, 1, '[');
    xf_store_search_terms(query, add_term, &w);
    sqlite3_str_appendchar(w.out, 1, ']');
    if (w.rc) {
        sqlite3_free(sqlite3_str_finish(w.out));
        return w.rc;
    }
    int rc = str_out(w.out, w.named && !w.oom, json, err);
    return w.oom ? xf_err(err, XF_EIO, "", _("out of memory")) : rc;
}
