/* Text search: every query's results equal a plain substring oracle over
 * every row, for 1-, 2- and 3+-character Chinese terms alone and mixed,
 * with SQL and FTS5 metacharacters taken literally; updates, bulk mode and
 * rebuild, personal data, and the refused queries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "xf/search.h"
#include "xf/store_internal.h"
#include "xf/store_search.h"

/* ---- fixture ------------------------------------------------------------ */

static const char *const subjects[] = {
    "窗口工作人员", "不动产登记中心", "办事大厅",     "交警队",   "环卫工人",
    "律师事务所",   "政务服务中心",   "王府井营业厅", "登记窗口", "Abc办证点",
};
static const char *const problems[] = {
    "态度生硬",     "多次往返未办结",         "收费不透明",       "推诿扯皮，要求道歉",
    "排队时间过长", "答复内容与咨询问题不符", "办事时被大声呵斥", "态度很好",
    "窗口无人",     "登记材料丢失",
};
/* Text that SQL LIKE, SQL quoting or the FTS5 query language would read as
 * syntax if it were not bound and quoted properly. */
static const char *const extras[] = {
    "",
    "",
    "",
    "",
    "",
    "收费100%",
    "编号a_b",
    "it's",
    "say \"hi\"",
    "back\\slash",
    "AND OR NEAR",
    "NEAR(a b)",
    "（括号）(x)",
    "星号*号",
    "^开头",
    "x_y%z",
    "ABC def",
    "窗",
    "50% 的人",
    "\"\"",
    "a*b",
    "col:val",
    "{code}",
    "-减号",
    "'';--",
};
static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "欧阳", "司马", ""};
static const char *const given[] = {"芳", "伟", "娜娜", "强", "秀英", "", "a_b"};
static const char *const titles[] = {
    "不动产登记先锋岗", "法律援助先锋岗", "生活垃圾清运先锋岗", "窗口服务岗", "王牌岗",
    "100%满意岗",       "登记",           "交通_违法处理岗",
};
static const char *const positions[] = {"主任", "副主任", "科员", "窗口负责人", "登记员", ""};
static const char *const pledges[] = {
    "全年群众满意度达到90%以上",
    "重点项目审批服务保障任务全部按期完成",
    "态度和蔼",
    "一次性告知",
    "窗口零投诉",
    "不动产登记五个工作日办结",
    "服务\"零距离\"",
    "a_b_c",
};

#define N_UNITS 12
#define N_MEMBERS 150
#define N_POSTS 80
#define N_PLEDGES 200
#define N_COMPLAINTS 320

static uint64_t rng_state;
static size_t rnd(size_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (size_t)((rng_state >> 33) % n);
}
#define PICK(a) (a[rnd(sizeof a / sizeof a[0])])

static void exec_ok(struct tu_env *e, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        fail_msg("insert: %s", sqlite3_errmsg(xf_db_handle(e->db)));
    sqlite3_finalize(st);
}

static sqlite3_stmt *prep(struct tu_env *e, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("prepare %s: %s", sql, sqlite3_errmsg(xf_db_handle(e->db)));
    return st;
}

static void put_name(char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", PICK(surnames), PICK(given));
}

static void put_members(struct tu_env *e, const int64_t *units)
{
    char code[32], name[64];
    for (int i = 0; i < N_MEMBERS; i++) {
        sqlite3_stmt *st = prep(e, "INSERT INTO member(unit_id,code,name,position,updated_at)"
                                   " VALUES (?,?,?,?,xf_now())");
        snprintf(code, sizeof code, i % 3 ? "M%05d" : "m-%05d", i);
        put_name(name, sizeof name);
        if (!*name)
            strcpy(name, "无名");
        sqlite3_bind_int64(st, 1, units[rnd(N_UNITS)]);
        sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, PICK(positions), -1, SQLITE_STATIC);
        exec_ok(e, st);
    }
}

static void put_posts(struct tu_env *e, const int64_t *units)
{
    char code[32], name[64], scope[256];
    for (int i = 0; i < N_POSTS; i++) {
        sqlite3_stmt *st = prep(e, "INSERT INTO post(code,unit_id,title,holder_name,scope,"
                                   "updated_at) VALUES (?,?,?,?,?,xf_now())");
        snprintf(code, sizeof code, "XFG-%05d", i);
        put_name(name, sizeof name);
        snprintf(scope, sizeof scope, "%s的咨询、受理%s", PICK(subjects), PICK(extras));
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, units[rnd(N_UNITS)]);
        sqlite3_bind_text(st, 3, PICK(titles), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, scope, -1, SQLITE_TRANSIENT);
        exec_ok(e, st);
    }
}

static void put_pledges(struct tu_env *e, const int64_t *units)
{
    char text[256];
    for (int i = 0; i < N_PLEDGES; i++) {
        sqlite3_stmt *st = prep(e, "INSERT INTO pledge(kind,member_id,unit_id,text,category,"
                                   "made_on,due_on,updated_at) VALUES ('member',?,?,?,'other',"
                                   "'2026-01-01','2026-12-31',xf_now())");
        snprintf(text, sizeof text, "%s%s", PICK(pledges), PICK(extras));
        sqlite3_bind_int64(st, 1, 1 + (int64_t)rnd(N_MEMBERS));
        sqlite3_bind_int64(st, 2, units[rnd(N_UNITS)]);
        sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
        exec_ok(e, st);
    }
}

static int64_t put_complaint(struct tu_env *e, int64_t unit, const char *code, const char *text,
                             const char *name)
{
    sqlite3_stmt *st = prep(e, "INSERT INTO complaint(code,source,unit_id,text,"
                               "complainant_name,received_at,updated_at)"
                               " VALUES (?,'hotline',?,?,?,xf_now(),xf_now())");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, unit);
    sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
    exec_ok(e, st);
    return sqlite3_last_insert_rowid(xf_db_handle(e->db));
}

static void put_complaints(struct tu_env *e, const int64_t *units)
{
    char code[32], text[512], name[64];
    for (int i = 0; i < N_COMPLAINTS; i++) {
        snprintf(code, sizeof code, i % 4 ? "TS2025-%06d" : "ts2026_%06d", i);
        snprintf(text, sizeof text, "%s%s%s", PICK(subjects), PICK(problems), PICK(extras));
        put_name(name, sizeof name);
        put_complaint(e, units[rnd(N_UNITS)], code, text, name);
    }
}

static int setup(void **state)
{
    static const char *const unit_names[N_UNITS] = {
        "市城建委",       "市质监局", "市交警支队",     "市不动产登记中心",
        "市政务服务中心", "环卫处",   "王家坝服务网点", "登记科",
        "100%窗口",       "a_b科",    "律师协会",       "窗",
    };
    struct tu_env *e = tu_env_open();
    rng_state = 42;
    int64_t units[N_UNITS];
    char code[16];
    for (int i = 0; i < N_UNITS; i++) {
        snprintf(code, sizeof code, "D%03d", i + 1);
        units[i] = tu_unit(e, code, unit_names[i], i ? units[0] : 0);
    }
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "test.fixture", &err), XF_OK);
    put_members(e, units);
    put_posts(e, units);
    put_pledges(e, units);
    put_complaints(e, units);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    tu_env_close(*state);
    return 0;
}

/* ---- the oracle ---------------------------------------------------------- */

static const char *const oracle_sql[XF_SEARCH_NENTITIES] = {
    [XF_SEARCH_COMPLAINT] = "SELECT id, code, text, complainant_name FROM complaint ORDER BY id",
    [XF_SEARCH_POST] = "SELECT id, code, title, holder_name, scope FROM post ORDER BY id",
    [XF_SEARCH_UNIT] = "SELECT id, code, name FROM unit ORDER BY id",
    [XF_SEARCH_MEMBER] = "SELECT id, code, name, position FROM member ORDER BY id",
    [XF_SEARCH_PLEDGE] = "SELECT id, text FROM pledge ORDER BY id",
};

struct ids {
    int64_t *v;
    size_t n, cap;
};

static void ids_push(struct ids *a, int64_t id)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->v = realloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n++] = id;
}

static char *ascii_lower(const char *s)
{
    char *d = strdup(s ? s : "");
    for (char *p = d; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return d;
}

/* Terms split at ASCII spaces, tabs and U+3000, lower-cased. */
static size_t oracle_terms(const char *q, char **terms, size_t max)
{
    char *s = ascii_lower(q);
    size_t n = 0;
    for (char *p = s; *p;) {
        size_t sp = *p == ' ' || *p == '\t' ? 1 : strncmp(p, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
        if (sp) {
            p += sp;
            continue;
        }
        char *start = p;
        while (*p && *p != ' ' && *p != '\t' && strncmp(p, "\xe3\x80\x80", 3) != 0)
            p++;
        if (n < max)
            terms[n++] = strndup(start, (size_t)(p - start));
    }
    free(s);
    return n;
}

/* Every row where each term is a substring of some column, folding only
 * ASCII case; skip_col (1-based, 0 = none) leaves a column out. */
static struct ids oracle(struct tu_env *e, enum xf_search_entity ent, const char *q, int skip_col)
{
    char *terms[64];
    size_t nt = oracle_terms(q, terms, 64);
    struct ids out = {0};
    sqlite3_stmt *st = prep(e, oracle_sql[ent]);
    int ncol = sqlite3_column_count(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        bool all = nt > 0;
        for (size_t t = 0; t < nt && all; t++) {
            bool any = false;
            for (int c = 1; c < ncol && !any; c++) {
                if (c == skip_col)
                    continue;
                char *v = ascii_lower((const char *)sqlite3_column_text(st, c));
                any = strstr(v, terms[t]) != NULL;
                free(v);
            }
            all = any;
        }
        if (all)
            ids_push(&out, sqlite3_column_int64(st, 0));
    }
    sqlite3_finalize(st);
    for (size_t t = 0; t < nt; t++)
        free(terms[t]);
    return out;
}

/* Pages through xf_search with a small page to exercise after_id. */
static struct ids search_all(struct tu_env *e, enum xf_search_entity ent, const char *q)
{
    struct ids out = {0};
    int64_t page[7], after = 0;
    size_t n;
    for (;;) {
        struct xf_error err = {0};
        int rc = xf_search(&e->ctx, ent, q, after, 7, page, &n, &err);
        if (rc != XF_OK)
            fail_msg("search '%s': %s", q, err.msg);
        for (size_t i = 0; i < n; i++) {
            if (out.n)
                assert_true(page[i] > out.v[out.n - 1]);
            ids_push(&out, page[i]);
        }
        if (n < 7)
            break;
        after = page[n - 1];
    }
    return out;
}

/* The rows the row test xf_search_match (what the complaints list pages
 * with) keeps, over the oracle's columns, skip_col given as NULL. */
static struct ids row_test(struct tu_env *e, enum xf_search_entity ent, const char *q,
                           int skip_col)
{
    struct xf_error err = {0};
    char *clean;
    if (xf_search_clean_query(q, &clean, &err) != XF_OK)
        fail_msg("query '%s': %s", q, err.msg);
    sqlite3_stmt *o = prep(e, oracle_sql[ent]);
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendf(s, "SELECT id FROM (%s) WHERE xf_search_match(?1", oracle_sql[ent]);
    for (int c = 1; c < sqlite3_column_count(o); c++)
        sqlite3_str_appendf(s, ", %s", c == skip_col ? "NULL" : sqlite3_column_name(o, c));
    sqlite3_str_appendall(s, ") ORDER BY id");
    sqlite3_finalize(o);
    char *sql = sqlite3_str_finish(s);
    sqlite3_stmt *st = prep(e, sql);
    sqlite3_free(sql);
    sqlite3_bind_text(st, 1, clean, -1, SQLITE_TRANSIENT);
    free(clean);
    struct ids out = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ids_push(&out, sqlite3_column_int64(st, 0));
    assert_int_equal(rc, SQLITE_DONE);
    sqlite3_finalize(st);
    return out;
}

static void same_ids(const char *what, const char *q, struct ids want, struct ids got)
{
    if (want.n != got.n)
        fail_msg("query '%s': %s has %zu results, expected %zu", q, what, got.n, want.n);
    for (size_t i = 0; i < want.n; i++)
        if (want.v[i] != got.v[i])
            fail_msg("query '%s': %s result %zu is id %lld, expected %lld", q, what, i,
                     (long long)got.v[i], (long long)want.v[i]);
}

/* xf_search and the row test both find what the oracle finds. */
static size_t expect_same(struct tu_env *e, enum xf_search_entity ent, const char *q, int skip_col)
{
    struct ids want = oracle(e, ent, q, skip_col), got = search_all(e, ent, q);
    struct ids rows = row_test(e, ent, q, skip_col);
    same_ids("xf_search", q, want, got);
    same_ids("xf_search_match", q, want, rows);
    size_t n = want.n;
    free(want.v);
    free(got.v);
    free(rows.v);
    return n;
}

static long table_rows(struct tu_env *e, const char *table)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st = prep(e, sql);
    long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* ---- tests --------------------------------------------------------------- */

static void test_chinese_lengths_alone_and_mixed(void **state)
{
    struct tu_env *e = *state;
    static const char *const q[] = {
        "态度",
        "窗",
        "态度生硬",
        "窗口 态度",
        "王 不动产登记",
        "不动产登记",
        "登记\xe3\x80\x80王",
        "  态度  ",
        "多次往返未办结",
        "窗 口",
        "欧阳",
        "欧阳娜娜",
        "王芳",
        "司马 态度生硬",
        "大厅 大声呵斥 王",
        "中心 登记 窗",
        "态度生硬 多次往返未办结",
        "律师事务所\t推诿",
        "不存在的内容",
        "窗口工作人员态度生硬",
    };
    size_t nonempty = 0;
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        nonempty += expect_same(e, XF_SEARCH_COMPLAINT, q[i], 0) > 0;
    /* The fixture is rich enough that most queries find something. */
    assert_true(nonempty >= 15);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "窗", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "王 不动产登记", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "窗口 态度", 0) > 0);
}

/* A user limited to some units gets the matches within them, even when
 * more than a batch of matches outside comes first (ids ascending). */
static void test_scoped_search_reaches_past_others(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t far = tu_unit(e, "Z001", "远处单位", 0);
    int64_t near = tu_unit(e, "Y001", "本单位", 0);
    assert_int_equal(xf_db_begin(e->db, "test.fixture", &err), XF_OK);
    char code[32];
    for (int i = 0; i < 1100 + 2; i++) {
        sqlite3_stmt *st = prep(e, "INSERT INTO post(code,unit_id,title,holder_name,scope,"
                                   "updated_at) VALUES (?,?,'边界先锋岗','','',xf_now())");
        snprintf(code, sizeof code, "B-%05d", i);
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, i < 1100 ? far : near);
        exec_ok(e, st);
    }
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    int64_t ids[1000];
    size_t n = 0;
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_POST, "边界先锋岗", 0, 1000, ids, &n, &err),
                     XF_OK);
    assert_int_equal(n, 1000); /* everyone else: the city's first thousand */

    char *scopes[] = {"Y001"};
    struct xf_user u = {.login = "v", .name = "v", .role = XF_ROLE_VIEWER, .scopes = scopes,
                        .n_scopes = 1};
    e->ctx.user = &u;
    e->ctx.role = u.role;
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_POST, "边界先锋岗", 0, 1000, ids, &n, &err),
                     XF_OK);
    assert_int_equal(n, 2);
    int64_t first = ids[0];
    /* One at a time, paging on from the last id. */
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_POST, "边界先锋岗", 0, 1, ids, &n, &err),
                     XF_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], first);
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_POST, "边界先锋岗", first, 1, ids, &n, &err),
                     XF_OK);
    assert_int_equal(n, 1);
    assert_true(ids[0] > first);
    /* Units too: only the scope's own. */
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_UNIT, "单位", 0, 10, ids, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], near);
    e->ctx.user = NULL;
    e->ctx.role = XF_ROLE_ADMIN;
}

static void test_ascii_codes_and_case(void **state)
{
    struct tu_env *e = *state;
    static const char *const q[] = {
        "TS2025", "ts2025-00001", "TS2026_", "abc",    "ABC", "Ab",
        "a",      "abc DEF",      "ts 000",  "000100", "D00", "XFG-0001",
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        expect_same(e, XF_SEARCH_COMPLAINT, q[i], 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "abc", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "ts2026_", 0) > 0);
}

static void test_sql_metacharacters_are_literal(void **state)
{
    struct tu_env *e = *state;
    static const char *const q[] = {
        "%",           "_",   "'",     "\"",   "\\",    "%%",          "__",
        "100%",        "a_b", "x_y%z", "it's", "'';--", "say \"hi\"",  "\"hi\"",
        "back\\slash", "\\s", "50%",   "%的",  "_b",    "' OR '1'='1",
    };
    long all = table_rows(e, "complaint");
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        size_t n = expect_same(e, XF_SEARCH_COMPLAINT, q[i], 0);
        assert_true((long)n < all); /* a wildcard would have matched every row */
    }
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "%", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "a_b", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "back\\slash", 0) > 0);
}

static void test_fts_syntax_is_literal(void **state)
{
    struct tu_env *e = *state;
    static const char *const q[] = {
        "AND",    "OR",     "NOT",           "NEAR",         "AND OR NEAR", "NEAR(a b)",
        "NEAR(",  "*",      "星号*",         "a*b",          "^开头",       "^",
        "(",      ")",      "(x)",           "（括号）(x)",  "\"\"",        "\"\"\"",
        "\"态度", "态度\"", "col:val",       "code:TS2025",  "{code}",      "{code} : 态度",
        "-减号",  "+",      "态度 AND 窗口", "态度 OR 窗口", "NOT 态度",    "text:态度生硬",
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        expect_same(e, XF_SEARCH_COMPLAINT, q[i], 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "NEAR(a b)", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_COMPLAINT, "星号*", 0) > 0);
    assert_int_equal(expect_same(e, XF_SEARCH_COMPLAINT, "态度 OR 窗口", 0), 0);
}

static void test_other_entities(void **state)
{
    struct tu_env *e = *state;
    static const char *const q[] = {
        "登记", "王",         "不动产登记", "先锋岗", "100%", "_",  "a_b",
        "主任", "窗口负责人", "M000",       "m-0",    "XFG",  "市", "中心 登记",
        "态度", "\"零距离\"", "90%以上",    "岗 王",  "D001",
    };
    for (int ent = XF_SEARCH_POST; ent < XF_SEARCH_NENTITIES; ent++)
        for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
            expect_same(e, (enum xf_search_entity)ent, q[i], 0);
    assert_true(expect_same(e, XF_SEARCH_POST, "不动产登记", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_UNIT, "登记", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_MEMBER, "窗口负责人", 0) > 0);
    assert_true(expect_same(e, XF_SEARCH_PLEDGE, "90%以上", 0) > 0);
}

static void update_text(struct tu_env *e, int64_t id, const char *text, const char *name)
{
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "complaint.edit", &err), XF_OK);
    sqlite3_stmt *st = prep(e, "UPDATE complaint SET text=?2, complainant_name=?3,"
                               " version=version+1, updated_at=xf_now() WHERE id=?1");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
    exec_ok(e, st);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
}

static bool found(struct tu_env *e, const char *q, int64_t id)
{
    struct ids r = search_all(e, XF_SEARCH_COMPLAINT, q);
    bool yes = false;
    for (size_t i = 0; i < r.n; i++)
        yes = yes || r.v[i] == id;
    free(r.v);
    return yes;
}

static void test_updates_are_reflected(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "complaint.receive", &err), XF_OK);
    int64_t id = put_complaint(e, 1, "UPD-1", "独一无二的麒麟投诉内容", "诸葛孔明");
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_true(found(e, "麒麟投诉", id));
    assert_true(found(e, "麒麟", id));
    assert_true(found(e, "诸葛孔明", id));

    update_text(e, id, "凤凰涅槃的新内容", "上官婉儿");
    assert_false(found(e, "麒麟投诉", id));
    assert_false(found(e, "麒麟", id));
    assert_false(found(e, "诸葛孔明", id));
    assert_true(found(e, "凤凰涅槃", id));
    assert_true(found(e, "凤凰 新内容", id));
    assert_true(found(e, "上官婉儿", id));

    /* Changing another column leaves the index alone and still correct. */
    sqlite3_exec(xf_db_handle(e->db), "UPDATE complaint SET supervised=1 WHERE code='UPD-1'", NULL,
                 NULL, NULL);
    assert_true(found(e, "凤凰涅槃", id));
    expect_same(e, XF_SEARCH_COMPLAINT, "凤凰涅槃 新", 0);
    assert_int_equal(xf_store_search_check(e->db, &err), XF_OK);
}

/* New rows wait in fts_pending and are found by LIKE beside the index,
 * with the same results as the oracle, until a commit with enough of
 * them (or a check) indexes them; updates of waiting rows need no index
 * change. */
static void test_pending_rows_found_before_indexing(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    static const char *const queries[] = {"态度生硬", "登记窗口 态度", "窗口", "王 窗口",
                                          "收费100%", "ts2026_", "不动产登记中心"};
    assert_int_equal(table_rows(e, "fts_pending"), 0); /* the fixture's 320 were indexed */
    assert_int_equal(xf_db_begin(e->db, "complaint.receive", &err), XF_OK);
    char code[32], text[256];
    for (int i = 0; i < 40; i++) {
        snprintf(code, sizeof code, "ts2026_P%03d", i);
        snprintf(text, sizeof text, "%s%s", PICK(subjects), PICK(problems));
        put_complaint(e, 1, code, text, "王芳");
    }
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_int_equal(table_rows(e, "fts_pending"), 40);
    update_text(e, table_rows(e, "complaint"), "律师事务所态度生硬", "王芳");
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
        expect_same(e, XF_SEARCH_COMPLAINT, queries[q], 0);

    assert_int_equal(xf_store_search_check(e->db, &err), XF_OK);
    assert_int_equal(table_rows(e, "fts_pending"), 0);
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
        expect_same(e, XF_SEARCH_COMPLAINT, queries[q], 0);

    /* Enough waiting rows are indexed by the commit that brings them. */
    assert_int_equal(xf_db_begin(e->db, "complaint.receive", &err), XF_OK);
    for (int i = 0; i < 300; i++) {
        snprintf(code, sizeof code, "ts2026_Q%03d", i);
        put_complaint(e, 1, code, PICK(problems), "");
    }
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_int_equal(table_rows(e, "fts_pending"), 0);
    expect_same(e, XF_SEARCH_COMPLAINT, "态度生硬", 0);
    assert_int_equal(xf_store_search_check(e->db, &err), XF_OK);
}

static void test_bulk_mode_needs_rebuild(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "demo.generate", &err), XF_OK);
    xf_db_set_bulk(e->db, true);
    int64_t id = put_complaint(e, 1, "BULK-1", "批量写入的貔貅记录", "公孙");
    xf_db_set_bulk(e->db, false);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_false(found(e, "貔貅记录", id)); /* not indexed: triggers were skipped */
    assert_int_not_equal(xf_store_search_check(e->db, &err), XF_OK);
    assert_non_null(strstr(err.msg, "complaint"));

    assert_int_equal(xf_store_search_rebuild(e->db, &err), XF_OK);
    assert_int_equal(xf_store_search_check(e->db, &err), XF_OK);
    assert_true(found(e, "貔貅记录", id));
    assert_true(found(e, "貔貅", id));
    assert_true(found(e, "公孙", id));
    expect_same(e, XF_SEARCH_COMPLAINT, "态度生硬", 0);
    expect_same(e, XF_SEARCH_POST, "不动产登记", 0);
}

static void test_personal_data_only_for_allowed_roles(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "complaint.receive", &err), XF_OK);
    int64_t id = put_complaint(e, 1, "PRIV-1", "普通的投诉", "独孤求败");
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);

    tu_act_as(e, "sup", XF_ROLE_SUPERVISOR);
    assert_true(found(e, "独孤求败", id));
    assert_true(found(e, "独孤", id));
    tu_act_as(e, "view", XF_ROLE_VIEWER);
    assert_false(found(e, "独孤求败", id));
    assert_false(found(e, "独孤", id));
    assert_true(found(e, "普通的投诉", id));
    /* Complainant name is column 3 of the complaint oracle. */
    expect_same(e, XF_SEARCH_COMPLAINT, "王", 3);
    expect_same(e, XF_SEARCH_COMPLAINT, "欧阳娜娜", 3);
    expect_same(e, XF_SEARCH_COMPLAINT, "欧阳 态度", 3);
    tu_act_as(e, "tester", XF_ROLE_ADMIN);
}

/* ---- the row test against the index's own answer ------------------------ */

/* Rows in a scratch trigram index of their own, so that what the index
 * answers can be asked directly (whatever xf_search does around it). */
static void fold_rows_begin(struct tu_env *e)
{
    sqlite3 *h = xf_db_handle(e->db);
    assert_int_equal(sqlite3_exec(h,
                                  "CREATE TEMP TABLE src(id INTEGER PRIMARY KEY, a, b);"
                                  "CREATE VIRTUAL TABLE temp.fx USING fts5(a, b, content='src',"
                                  " content_rowid='id', tokenize='trigram');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

static void fold_row(struct tu_env *e, const char *a, const char *b)
{
    sqlite3_stmt *st = prep(e, "INSERT INTO src(a, b) VALUES (?1, ?2)");
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    exec_ok(e, st);
}

static void fold_rows_end(struct tu_env *e)
{
    assert_int_equal(sqlite3_exec(xf_db_handle(e->db), "INSERT INTO fx(fx) VALUES('rebuild')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

struct oracle_terms {
    sqlite3_str *sql;
    char *bind[32];
    int n;
};

/* A term of 3+ characters is a phrase of the index; a shorter one LIKE. */
static void oracle_term(void *arg, const char *t, size_t bytes, size_t chars)
{
    struct oracle_terms *o = arg;
    sqlite3_str *v = sqlite3_str_new(NULL);
    int k = o->n + 1;
    if (chars >= 3) {
        sqlite3_str_appendf(o->sql, " AND id IN (SELECT rowid FROM fx WHERE fx MATCH ?%d)", k);
        sqlite3_str_appendchar(v, 1, '"');
        for (size_t i = 0; i < bytes; i++)
            sqlite3_str_append(v, t[i] == '"' ? "\"\"" : &t[i], t[i] == '"' ? 2 : 1);
        sqlite3_str_appendchar(v, 1, '"');
    } else {
        sqlite3_str_appendf(o->sql, " AND (a LIKE ?%d ESCAPE '\\' OR b LIKE ?%d ESCAPE '\\')", k, k);
        sqlite3_str_appendchar(v, 1, '%');
        for (size_t i = 0; i < bytes; i++) {
            if (t[i] == '%' || t[i] == '_' || t[i] == '\\')
                sqlite3_str_appendchar(v, 1, '\\');
            sqlite3_str_append(v, &t[i], 1);
        }
        sqlite3_str_appendchar(v, 1, '%');
    }
    assert_true(o->n < 32);
    o->bind[o->n++] = sqlite3_str_finish(v);
}

static struct ids index_answer(struct tu_env *e, const char *q)
{
    struct oracle_terms o = {.sql = sqlite3_str_new(NULL)};
    sqlite3_str_appendall(o.sql, "SELECT id FROM src WHERE 1");
    xf_store_search_terms(q, oracle_term, &o);
    sqlite3_str_appendall(o.sql, " ORDER BY id");
    char *sql = sqlite3_str_finish(o.sql);
    sqlite3_stmt *st = prep(e, sql);
    sqlite3_free(sql);
    for (int i = 0; i < o.n; i++) {
        sqlite3_bind_text(st, i + 1, o.bind[i], -1, SQLITE_TRANSIENT);
        sqlite3_free(o.bind[i]);
    }
    struct ids out = {0};
    while (sqlite3_step(st) == SQLITE_ROW)
        ids_push(&out, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return out;
}

static struct ids row_answer(struct tu_env *e, const char *q)
{
    sqlite3_stmt *st = prep(e, "SELECT id FROM src WHERE xf_search_match(?1, a, b) ORDER BY id");
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    struct ids out = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ids_push(&out, sqlite3_column_int64(st, 0));
    assert_int_equal(rc, SQLITE_DONE);
    sqlite3_finalize(st);
    return out;
}

static size_t expect_index_answer(struct tu_env *e, const char *q)
{
    struct ids want = index_answer(e, q), got = row_answer(e, q);
    same_ids("xf_search_match", q, want, got);
    size_t n = want.n;
    free(want.v);
    free(got.v);
    return n;
}

/* Beyond ASCII, terms of 3+ characters fold as the trigram index folds
 * (Greek, Cyrillic, full-width Latin, circled letters), shorter ones do
 * not (LIKE): the row test answers as the index and LIKE do. */
static void test_row_test_folds_as_the_index(void **state)
{
    struct tu_env *e = *state;
    fold_rows_begin(e);
    fold_row(e, "ΑΘΗΝΑ的窗口 Привет ＡＢＣＤ", "Ⓐⓑⓒ");
    fold_row(e, "αθηνα 小写 привет ａｂｃｄ", "Müller");
    fold_row(e, "ÀÉÎ 中文 ΣΊΣΥΦΟΣ", "ab");
    fold_rows_end(e);
    static const char *const q[] = {
        "αθηνα", "ΑΘΗΝΑ", "θην", "ΑΘ", "αθ", "Θη", "ПРИВЕТ", "привет", "При", "ＡＢＣ",
        "ａｂｃｄ", "Ａｂ", "ⓐⓑⓒ", "ⒶⒷ", "MÜLLER", "müller", "ül", "àéî", "ÀÉ", "σίσυφος",
        "窗口 ΑΘΗ", "αθηνα 小写", "AB", "ab 中文", "\"ab\"", "a%", "_b",
    };
    size_t found = 0;
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        found += expect_index_answer(e, q[i]) > 0;
    assert_true(found >= 15);
    assert_int_equal(expect_index_answer(e, "ΑΘΗΝΑ"), 2); /* upper and lower case alike */
}

static int next_rand(unsigned *seed, int n)
{
    *seed = *seed * 1103515245 + 12345;
    return (int)((*seed >> 16) % (unsigned)n);
}

/* Random text over letters with hard folds (Turkish dotted I, long s,
 * sharp s, the Kelvin and Ohm signs, Greek final sigma) beside ASCII,
 * full-width and CJK; random queries from the same letters: the row test
 * and the index must always agree. */
static void test_row_test_agrees_on_random_text(void **state)
{
    struct tu_env *e = *state;
    static const char *const alphabet[] = {
        "a", "A", "k", "K", "s", "S", "i", "I", "\u0130", "\u0131", "\u017f", "\u00df",
        "\u1e9e", "\u212a", "\u2126", "\u03c9", "\u03a9", "\u03c2", "\u03c3", "\u03a3",
        "\uff21", "\uff41", "\u4e2d", "\u6587", "\u3001", "\u00e9", "\u00c9", "\u0436",
        "\u0416", "\u24b6", "\u24d0", "_", "%", "1",
    };
    enum { N = sizeof alphabet / sizeof alphabet[0], ROWS = 60, QUERIES = 300 };
    unsigned seed = 12345;
    fold_rows_begin(e);
    for (int r = 0; r < ROWS; r++) {
        char a[128] = "", b[64] = "";
        for (int k = 0; k < 12; k++)
            strcat(a, alphabet[next_rand(&seed, N)]);
        for (int k = 0; k < 2 + r % 3; k++)
            strcat(b, alphabet[next_rand(&seed, N)]);
        fold_row(e, a, b);
    }
    fold_rows_end(e);
    size_t hits = 0;
    for (int q = 0; q < QUERIES; q++) {
        char query[64] = "";
        int len = 1 + next_rand(&seed, 4);
        for (int k = 0; k < len; k++)
            strcat(query, alphabet[next_rand(&seed, N)]);
        hits += expect_index_answer(e, query) > 0;
    }
    assert_true(hits > QUERIES / 4); /* short queries find something */
}

static void refused(struct tu_env *e, const char *q)
{
    struct xf_error err = {0};
    int64_t ids[4] = {-1, -1, -1, -1};
    size_t n = 99;
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_COMPLAINT, q, 0, 4, ids, &n, &err), XF_EINVAL);
    assert_int_equal(n, 0);
    assert_string_equal(err.field, "query");
    assert_true(strlen(err.msg) > 0);
}

static void test_bad_queries_refused(void **state)
{
    struct tu_env *e = *state;
    refused(e, "");
    refused(e, NULL);
    refused(e, "   ");
    refused(e, "\t\n ");
    refused(e, "\xe3\x80\x80\xe3\x80\x80"); /* ideographic spaces only */
    refused(e, "\x01\x02\x1b[31m");         /* nothing left once cleaned */
    refused(e, "\xe2\x80\xae");             /* a lone bidi override */
    refused(e, "\xff");                     /* invalid UTF-8 */
    refused(e, "态度\xe6\x80");             /* truncated sequence */
    refused(e, "\xc0\xaf");                 /* overlong '/' */
    refused(e, "\xed\xa0\x80");             /* surrogate */

    char big[4 * 210 + 1] = "";
    for (int i = 0; i < 201; i++)
        strcat(big, "态");
    refused(e, big);
    big[strlen(big) - 3] = '\0'; /* exactly 200 characters, with spaces around */
    char *padded = malloc(strlen(big) + 8);
    sprintf(padded, "  %s\xe3\x80\x80", big);
    int64_t ids[4];
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_COMPLAINT, padded, 0, 4, ids, &n, &err), XF_OK);
    assert_int_equal(n, 0);
    free(padded);

    struct xf_error err2 = {0};
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_NENTITIES, "态度", 0, 4, ids, &n, &err2),
                     XF_EINVAL);
}

static void test_controls_removed_before_search(void **state)
{
    struct tu_env *e = *state;
    struct ids plain = search_all(e, XF_SEARCH_COMPLAINT, "态度");
    struct ids dirty = search_all(e, XF_SEARCH_COMPLAINT, "\x1b[31m态\xe2\x80\x8b度\x07");
    assert_true(plain.n > 0);
    assert_int_equal(plain.n, dirty.n);
    assert_memory_equal(plain.v, dirty.v, plain.n * sizeof *plain.v);
    free(plain.v);
    free(dirty.v);

    char *clean = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_search_clean_query("\t 窗口\x01 态度\xe3\x80\x80", &clean, &err), XF_OK);
    assert_string_equal(clean, "窗口 态度");
    free(clean);
}

/* A phone number or code typed in an input method's full-width mode is
 * searched as the ASCII the records hold; text with Chinese in it is
 * searched as typed. */
static void test_fullwidth_ascii_query(void **state)
{
    (void)state;
    char *clean = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_search_clean_query("１３９　００ＡＢ", &clean, &err), XF_OK);
    assert_string_equal(clean, "139 00AB");
    free(clean);
    assert_int_equal(xf_search_clean_query("３号窗口", &clean, &err), XF_OK);
    assert_string_equal(clean, "３号窗口");
    free(clean);

}

static void test_paging_and_limits(void **state)
{
    struct tu_env *e = *state;
    struct ids all = search_all(e, XF_SEARCH_COMPLAINT, "窗");
    assert_true(all.n > 10);
    int64_t ids[5];
    size_t n;
    struct xf_error err = {0};
    /* Start after the 3rd result: the next five follow in order. */
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_COMPLAINT, "窗", all.v[2], 5, ids, &n, &err),
                     XF_OK);
    assert_int_equal(n, 5);
    assert_memory_equal(ids, all.v + 3, 5 * sizeof *ids);
    assert_int_equal(
        xf_search(&e->ctx, XF_SEARCH_COMPLAINT, "窗口 态度", all.v[all.n - 1], 5, ids, &n, &err),
        XF_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xf_search(&e->ctx, XF_SEARCH_COMPLAINT, "窗", 0, 0, NULL, &n, &err), XF_OK);
    assert_int_equal(n, 0);
    free(all.v);
}

static void test_store_terms(void **state)
{
    /* Checked through the store directly: no terms, no rows, no error. */
    struct tu_env *e = *state;
    int64_t ids[4];
    size_t n = 9;
    struct xf_error err = {0};
    assert_int_equal(
        xf_store_search(e->db, XF_SEARCH_COMPLAINT, " \xe3\x80\x80 ", 0, 0, 4, ids, &n, &err),
        XF_OK);
    assert_int_equal(n, 0);
}

/* A phone number as typed: its digits, the country code left out. */
static void test_phone_digits(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"13812345678", "13812345678"},       {"+86 138 1234 5678", "13812345678"},
        {"0086-138-1234-5678", "13812345678"}, {"(+86)13812345678", "13812345678"},
        {"  +8613812345678", "13812345678"},  {"(0451) 8451-2681", "045184512681"},
        {"+86 (451) 84512681", "45184512681"}, {"第1号窗口", ""},
        {"+86", ""},                          {"123", ""},
        {"86 138", "86138"},                  {"138+86", ""},
    };
    char out[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xf_search_phone_digits(cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
    xf_search_phone_digits("+86 138 1234 5678", out, 8); /* no room: no number */
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chinese_lengths_alone_and_mixed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pending_rows_found_before_indexing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ascii_codes_and_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scoped_search_reaches_past_others, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_metacharacters_are_literal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_syntax_is_literal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_entities, setup, teardown),
        cmocka_unit_test_setup_teardown(test_updates_are_reflected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_mode_needs_rebuild, setup, teardown),
        cmocka_unit_test_setup_teardown(test_personal_data_only_for_allowed_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_row_test_folds_as_the_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_row_test_agrees_on_random_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_queries_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fullwidth_ascii_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_controls_removed_before_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging_and_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_terms, setup, teardown),
        cmocka_unit_test(test_phone_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
