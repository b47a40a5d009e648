/* Units and members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_emit.h"
#include "xf/store_internal.h"
#include "xf/store_unit.h"

void xf_unit_clear(struct xf_unit *u)
{
    free(u->code);
    free(u->name);
    free(u->kind);
    free(u->trade);
    free(u->party_org);
    free(u->path);
    memset(u, 0, sizeof *u);
}

void xf_member_clear(struct xf_member *m)
{
    free(m->code);
    free(m->name);
    free(m->position);
    free(m->login);
    memset(m, 0, sizeof *m);
}

#define UNIT_COLS "id,parent_id,code,name,kind,trade,party_org,active,path,depth,version"

static void unit_from_row(sqlite3_stmt *st, struct xf_unit *u)
{
    u->id = sqlite3_column_int64(st, 0);
    u->parent_id = sqlite3_column_int64(st, 1);
    u->code = xf_col_strdup(st, 2);
    u->name = xf_col_strdup(st, 3);
    u->kind = xf_col_strdup(st, 4);
    u->trade = xf_col_strdup(st, 5);
    u->party_org = xf_col_strdup(st, 6);
    u->active = sqlite3_column_int(st, 7);
    u->path = xf_col_strdup(st, 8);
    u->depth = sqlite3_column_int(st, 9);
    u->version = sqlite3_column_int64(st, 10);
}

/* Steps a one-row lookup; fills via fill() or reports what was missing. */
static int fetch_one(struct xf_db *db, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *, void *),
                     void *out, const char *what, const char *key, struct xf_error *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        fill(st, out);
        xf_stmt_done(st);
        return XF_OK;
    }
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, what, _("no %s %s"), what, key);
    return xf_db_fail(db, rc, err);
}

static void fill_unit(sqlite3_stmt *st, void *out) { unit_from_row(st, out); }

int xf_store_unit_get(struct xf_db *db, int64_t id, struct xf_unit *out, struct xf_error *err)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_one(db, st, fill_unit, out, "unit", key, err);
}

int xf_store_unit_by_code(struct xf_db *db, const char *code, struct xf_unit *out,
                          struct xf_error *err)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_one(db, st, fill_unit, out, "unit", code, err);
}

int xf_store_code_case_twin(struct xf_db *db, const char *table, const char *code, char **twin,
                            struct xf_error *err)
{
/* The code in capitals or in small letters: two seeks of the code index
 * (COLLATE NOCASE scanned it whole, a cost per unit created that grew
 * with the table). A code of mixed case beside another is not found. */
#define TWIN_SQL(T)                                                                                \
    "SELECT code FROM " T " WHERE code IN (upper(?1), lower(?1)) AND code <> ?1 LIMIT 1"
    static const struct {
        const char *table, *sql;
    } by[] = {{"unit", TWIN_SQL("unit")}, {"post", TWIN_SQL("post")},
              {"project", TWIN_SQL("project")}, {"member", TWIN_SQL("member")},
              {"complaint", TWIN_SQL("complaint")}};
    *twin = NULL;
    size_t i = 0;
    while (i < sizeof by / sizeof by[0] && strcmp(by[i].table, table) != 0)
        i++;
    if (i == sizeof by / sizeof by[0])
        return xf_err(err, XF_EINVAL, "", "no code twins for table %s", table);
    sqlite3_stmt *st = xf_stmt(db, by[i].sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && !(*twin = xf_col_strdup(st, 0)))
        rc = SQLITE_NOMEM;
    xf_stmt_done(st);
    if (rc == SQLITE_ROW)
        return XF_OK;
    if (rc == SQLITE_DONE)
        return XF_ENOTFOUND;
    return rc == SQLITE_NOMEM ? xf_err(err, XF_EIO, "", _("out of memory")) : xf_db_fail(db, rc, err);
}

int xf_store_unit_insert(struct xf_db *db, struct xf_unit *u, struct xf_error *err)
{
    /* The id is chosen in the statement so path and depth (from the parent)
     * are written with the row: one history row, never a row without path.
     * Safe because writes hold the database's write lock. */
    static const char sql[] =
        "INSERT INTO unit(id,parent_id,code,name,kind,trade,party_org,active,path,depth,"
        "updated_at) SELECT n.id, nullif(?1,0),?2,?3,?4,?5,?6,?7,"
        " coalesce(p.path,'/') || n.id || '/', coalesce(p.depth+1,0), xf_now()"
        " FROM (SELECT coalesce(max(id),0)+1 AS id FROM unit) n LEFT JOIN unit p ON p.id=?1"
        " RETURNING id, path, depth, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, u->parent_id);
    xf_bind_text(st, 2, u->code);
    xf_bind_text(st, 3, u->name);
    xf_bind_text(st, 4, u->kind);
    xf_bind_text(st, 5, u->trade ? u->trade : "");
    xf_bind_text(st, 6, u->party_org ? u->party_org : "");
    sqlite3_bind_int(st, 7, u->active);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        u->id = sqlite3_column_int64(st, 0);
        free(u->path);
        u->path = xf_col_strdup(st, 1);
        u->depth = sqlite3_column_int(st, 2);
        u->version = sqlite3_column_int64(st, 3);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_unit_update(struct xf_db *db, struct xf_unit *u, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE unit SET name=?2,kind=?3,trade=?4,party_org=?5,active=?6,"
        " version=version+1, updated_at=xf_now() WHERE id=?1 AND version=?7 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, u->id);
    xf_bind_text(st, 2, u->name);
    xf_bind_text(st, 3, u->kind);
    xf_bind_text(st, 4, u->trade);
    xf_bind_text(st, 5, u->party_org);
    sqlite3_bind_int(st, 6, u->active);
    sqlite3_bind_int64(st, 7, u->version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        u->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "unit",
                      _("unit %s was changed by someone else; reload it and try again"),
                      u->code);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

bool xf_store_unit_within(struct xf_db *db, int64_t unit_id, int64_t ancestor_id)
{
    if (unit_id == ancestor_id)
        return true;
    static const char sql[] =
        "SELECT 1 FROM unit u, unit a WHERE u.id=?1 AND a.id=?2"
        " AND substr(u.path,1,length(a.path))=a.path";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, unit_id);
    sqlite3_bind_int64(st, 2, ancestor_id);
    bool yes = sqlite3_step(st) == SQLITE_ROW;
    xf_stmt_done(st);
    return yes;
}

#define MEMBER_COLS "id,unit_id,code,name,position,is_leader,login,active,version"

static void fill_member(sqlite3_stmt *st, void *out)
{
    struct xf_member *m = out;
    m->id = sqlite3_column_int64(st, 0);
    m->unit_id = sqlite3_column_int64(st, 1);
    m->code = xf_col_strdup(st, 2);
    m->name = xf_col_strdup(st, 3);
    m->position = xf_col_strdup(st, 4);
    m->is_leader = sqlite3_column_int(st, 5);
    m->login = xf_col_dup(st, 6);
    m->active = sqlite3_column_int(st, 7);
    m->version = sqlite3_column_int64(st, 8);
}

int xf_store_member_get(struct xf_db *db, int64_t id, struct xf_member *out,
                        struct xf_error *err)
{
    static const char sql[] = "SELECT " MEMBER_COLS " FROM member WHERE id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char key[24];
    snprintf(key, sizeof key, "#%lld", (long long)id);
    return fetch_one(db, st, fill_member, out, "member", key, err);
}

int xf_store_member_by_code(struct xf_db *db, const char *code, struct xf_member *out,
                            struct xf_error *err)
{
    static const char sql[] = "SELECT " MEMBER_COLS " FROM member WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    xf_bind_text(st, 1, code);
    return fetch_one(db, st, fill_member, out, "member", code, err);
}

int xf_store_member_insert(struct xf_db *db, struct xf_member *m, struct xf_error *err)
{
    static const char sql[] =
        "INSERT INTO member(unit_id,code,name,name_key,position,is_leader,login,active,"
        "updated_at) VALUES (?1,?2,?3,xf_name_key(?3),?4,?5,?6,?7,xf_now()) RETURNING id, version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, m->unit_id);
    xf_bind_text(st, 2, m->code);
    xf_bind_text(st, 3, m->name);
    xf_bind_text(st, 4, m->position ? m->position : "");
    sqlite3_bind_int(st, 5, m->is_leader);
    xf_bind_text(st, 6, m->login);
    sqlite3_bind_int(st, 7, m->active);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        m->id = sqlite3_column_int64(st, 0);
        m->version = sqlite3_column_int64(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_member_update(struct xf_db *db, struct xf_member *m, struct xf_error *err)
{
    static const char sql[] =
        "UPDATE member SET unit_id=?2,name=?3,name_key=xf_name_key(?3),position=?4,"
        "is_leader=?5,login=?6,active=?7,"
        " version=version+1, updated_at=xf_now() WHERE id=?1 AND version=?8 RETURNING version";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_int64(st, 2, m->unit_id);
    xf_bind_text(st, 3, m->name);
    xf_bind_text(st, 4, m->position);
    sqlite3_bind_int(st, 5, m->is_leader);
    xf_bind_text(st, 6, m->login);
    sqlite3_bind_int(st, 7, m->active);
    sqlite3_bind_int64(st, 8, m->version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        m->version = sqlite3_column_int64(st, 0);
    xf_stmt_done(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ECONFLICT, "member",
                      _("member %s was changed by someone else; reload it and try again"),
                      m->code);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

/* How many rows sql (one ? for the unit) counts, and its example. */
/* sql counts with ?1 = id (and ?2 = other, when it has a second
 * parameter) and gives one example. */
static int count_with_example(struct xf_db *db, const char *sql, int64_t id, int64_t other,
                              int64_t *count, char **example, struct xf_error *err)
{
    *example = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, other);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *count = sqlite3_column_int64(st, 0);
        *example = xf_col_dup(st, 1);
    }
    xf_stmt_done(st);
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_unit_active_children(struct xf_db *db, int64_t id, int64_t *count, char **example,
                                  struct xf_error *err)
{
    return count_with_example(
        db, "SELECT count(*), min(code) FROM unit WHERE parent_id=? AND active=1", id, 0, count,
        example, err);
}

int xf_store_unit_active_members(struct xf_db *db, int64_t id, int64_t *count, char **example,
                                 struct xf_error *err)
{
    return count_with_example(db,
                              "SELECT count(*), min(code || ' ' || name) FROM member"
                              " WHERE unit_id=? AND active=1",
                              id, 0, count, example, err);
}

int xf_store_member_open_letters(struct xf_db *db, int64_t member_id, int64_t *count,
                                 char **example, struct xf_error *err)
{
    return count_with_example(db,
                              "SELECT count(*), '#' || min(id) FROM pledge WHERE member_id=?1"
                              " AND kind='leader_target' AND status='open'",
                              member_id, 0, count, example, err);
}

int xf_store_member_held_posts(struct xf_db *db, int64_t member_id, int64_t *count,
                               char **example, struct xf_error *err)
{
    return xf_store_member_other_posts(db, member_id, 0, count, example, err);
}

int xf_store_member_other_posts(struct xf_db *db, int64_t member_id, int64_t except_post,
                                int64_t *count, char **example, struct xf_error *err)
{
    /* Through post_holder (schema 8): the holder picker asks this for
     * every member it lists. */
    return count_with_example(db,
                              "SELECT count(*), min(code || ' ' || title) FROM post"
                              " WHERE holder_member_id=?1 AND status<>'revoked' AND id<>?2",
                              member_id, except_post, count, example, err);
}

int xf_store_unit_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                         void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT u.code, coalesce(p.code,''), u.name, u.kind, u.trade, u.party_org, u.active"
        " FROM unit u LEFT JOIN unit p ON p.id=u.parent_id ORDER BY u.depth, u.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}

int xf_store_member_export(struct xf_db *db, void (*emit)(void *arg, const char *const *fields),
                           void *arg, struct xf_error *err)
{
    static const char sql[] =
        "SELECT m.code, u.code, m.name, m.position, m.is_leader, coalesce(m.login,''), m.active"
        " FROM member m JOIN unit u ON u.id=m.unit_id ORDER BY m.id";
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    return xf_store_emit_rows(db, st, emit, arg, err);
}

char *xf_store_unit_path_of(struct xf_db *db, const char *code)
{
    static const char sql[] = "SELECT path FROM unit WHERE code=?";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return NULL;
    xf_bind_text(st, 1, code);
    char *path = sqlite3_step(st) == SQLITE_ROW ? xf_col_dup(st, 0) : NULL;
    xf_stmt_done(st);
    return path;
}

char *xf_store_unit_line(struct xf_db *db, int64_t unit_id)
{
    static const char sql[] = "SELECT " XF_UNIT_LINE("' \u203a '") " FROM unit u"
                              XF_UNIT_LINE_JOINS " WHERE u.id=?";
    sqlite3_stmt *st = xf_stmt(db, sql, NULL);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, unit_id);
    char *line = sqlite3_step(st) == SQLITE_ROW ? xf_col_dup(st, 0) : NULL;
    xf_stmt_done(st);
    return line;
}

int xf_store_member_find(struct xf_db *db, int64_t unit_id, const char *query, int limit,
                         struct xf_member *out, int *n, struct xf_error *err)
{
    /* instr() takes the text literally: no LIKE wildcards to escape. */
    static const char sql[] =
        "SELECT " MEMBER_COLS " FROM member WHERE unit_id=?1 AND active=1"
        " AND (instr(name, ?2) > 0 OR instr(lower(code), lower(?2)) > 0)"
        " ORDER BY name_key, id LIMIT ?3";
    *n = 0;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, unit_id);
    xf_bind_text(st, 2, query ? query : "");
    sqlite3_bind_int(st, 3, limit);
    int rc = SQLITE_DONE;
    while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
        fill_member(st, &out[(*n)++]);
    if (*n == limit)
        rc = SQLITE_DONE;
    xf_stmt_done(st);
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

int xf_store_unit_max_seq(struct xf_db *db, const char *prefix, bool top, int64_t *out,
                          struct xf_error *err)
{
    static const struct xf_seq_sql below = XF_SEQ_SQL("unit", 2, 99);
    static const struct xf_seq_sql dept = XF_SEQ_SQL("unit", 3, 999);
    return xf_store_max_seq(db, top ? &dept : &below, prefix, out, err);
}

int xf_store_member_max_seq(struct xf_db *db, int64_t *out, struct xf_error *err)
{
    static const struct xf_seq_sql q = XF_SEQ_SQL("member", 7, 9999999);
    return xf_store_max_seq(db, &q, "M", out, err);
}

int xf_store_member_latest_code(struct xf_db *db, char **code, struct xf_error *err)
{
    return xf_stmt_text(db, "SELECT code FROM member ORDER BY id DESC LIMIT 1", code, err);
}

int xf_store_member_name_by_login(struct xf_db *db, const char *login, char *out, size_t size,
                                  struct xf_error *err)
{
    static const char sql[] = "SELECT name FROM member WHERE login = ?1 "
                              "ORDER BY active DESC, id LIMIT 1";
    if (size)
        *out = '\0';
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, login);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) && size)
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}

/* Logins a screen names are few (the staff who verify, inspect, act):
 * a small table, the oldest entry replaced when it is full. */
enum { NAME_MEMO_SIZE = 64 };
struct name_memo {
    struct {
        char *login, *name; /* name NULL: no member has the login */
    } e[NAME_MEMO_SIZE];
    int n, next;
};

static void name_memo_free(void *p)
{
    struct name_memo *m = p;
    for (int i = 0; i < m->n; i++) {
        free(m->e[i].login);
        free(m->e[i].name);
    }
    free(m);
}

const char *xf_store_member_name_memo(struct xf_db *db, const char *login)
{
    if (!login || !*login)
        return NULL;
    struct name_memo *m = xf_db_memo(db, XF_MEMO_MEMBER_NAMES);
    if (!m) {
        struct xf_memo_stamp at = xf_db_memo_stamp(db);
        if (!(m = calloc(1, sizeof *m)))
            return NULL;
        xf_db_memo_put(db, XF_MEMO_MEMBER_NAMES, at, m, name_memo_free);
    }
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->e[i].login, login) == 0)
            return m->e[i].name;
    char name[160];
    if (xf_store_member_name_by_login(db, login, name, sizeof name, NULL) != XF_OK)
        return NULL; /* not kept: the next draw asks again */
    char *l = strdup(login), *n = *name ? strdup(name) : NULL;
    if (!l || (*name && !n)) {
        free(l);
        free(n);
        return NULL;
    }
    int i = m->n;
    if (m->n < NAME_MEMO_SIZE) {
        m->n++;
    } else {
        i = m->next;
        m->next = (m->next + 1) % NAME_MEMO_SIZE;
        free(m->e[i].login);
        free(m->e[i].name);
    }
    m->e[i].login = l;
    m->e[i].name = n;
    return n;
}

int xf_store_member_login_user(struct xf_db *db, const char *login, int64_t except_id,
                               char **code, struct xf_error *err)
{
    static const char sql[] =
        "SELECT code FROM member WHERE login = ?1 AND active = 1 AND id <> ?2 LIMIT 1";
    *code = NULL;
    sqlite3_stmt *st = xf_stmt(db, sql, err);
    if (!st)
        return err ? err->code : XF_EDB;
    xf_bind_text(st, 1, login);
    sqlite3_bind_int64(st, 2, except_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *code = xf_col_strdup(st, 0);
    xf_stmt_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XF_OK : xf_db_fail(db, rc, err);
}
