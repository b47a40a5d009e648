/* Import's mistakes: every independent mistake of a row is told (bad_row
 * once for each, with the row's line), a check needing a valid cell waits
 * for it, the rows are counted, and nothing goes in. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"

#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/pledge.h"
#include "xf/post.h"
#include "xf/store_internal.h"
#include "xf/transfer.h"
#include "xf/unit.h"

/* What bad_row was told, in order. */
struct told {
    int n;
    long line[32];
    char field[32][64];
    char msg[32][512];
};

static void tell(void *arg, const struct xf_error *err)
{
    struct told *t = arg;
    if (t->n < 32) {
        t->line[t->n] = err->line;
        snprintf(t->field[t->n], sizeof t->field[0], "%s", err->field);
        snprintf(t->msg[t->n], sizeof t->msg[0], "%s", err->msg);
    }
    t->n++;
}

static int setup(void **state)
{
    xf_date_set_today("2026-11-26");
    struct tu_env *e = tu_env_open();
    tu_unit(e, "D1", "一局", 0);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    tu_env_close(*state);
    xf_date_set_today(NULL);
    return 0;
}

static int import_text(struct tu_env *e, const struct xf_kind_io *kind, const char *csv,
                       struct told *t, struct xf_error *err)
{
    char *path = tu_write_file(e->dir, "in.csv", csv, strlen(csv));
    long rows = 0;
    int rc = xf_import_file(&e->ctx, kind, path, t ? tell : NULL, t, &rows, err);
    free(path);
    return rc;
}

static int count_rows(struct tu_env *e, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void test_note_and_verdict(void **state)
{
    (void)state;
    struct xf_row_mistakes row = {0};
    struct xf_error err = {0};
    /* without a list the first mistake is handed back, as before */
    assert_int_equal(xf_row_note(NULL, xf_err(&err, XF_EINVAL, "a", "bad a"), &err), XF_EINVAL);
    assert_string_equal(err.field, "a");
    assert_int_equal(xf_row_note(&row, XF_OK, &err), XF_OK);
    assert_int_equal(xf_row_verdict(&row, &err), XF_OK);
    /* a cell's refusal is kept and the checks go on */
    assert_int_equal(xf_row_note(&row, xf_err(&err, XF_EINVAL, "a", "bad a"), &err), XF_OK);
    assert_string_equal(err.msg, "");
    assert_int_equal(xf_row_note(&row, xf_err(&err, XF_EPERM, "b", "not b"), &err), XF_OK);
    assert_int_equal(row.n, 2);
    /* a fault is not the row's: it stops, in err */
    assert_int_equal(xf_row_note(&row, xf_err(&err, XF_EIO, "", "disk full"), &err), XF_EIO);
    assert_int_equal(xf_row_note(&row, xf_err(&err, XF_EPERM, "", "role"), &err), XF_EPERM);
    assert_int_equal(row.n, 2);
    /* the verdict is the first mistake; the rest stay */
    assert_int_equal(xf_row_verdict(&row, &err), XF_EINVAL);
    assert_string_equal(err.field, "a");
    assert_string_equal(row.e[1].field, "b");
    assert_int_equal(row.e[1].code, XF_EPERM);
    /* past the list's room they are counted */
    for (int i = 0; i < XF_ROW_MISTAKES_MAX + 3; i++)
        xf_row_note(&row, xf_err(&err, XF_EINVAL, "c", "bad c"), &err);
    assert_int_equal(row.n, XF_ROW_MISTAKES_MAX);
    assert_int_equal(row.more, 5);
}

/* Three mistakes on each of two rows: six told, each with its line and
 * column, the rows counted, and the good row not imported either. */
static void test_members_every_mistake(void **state)
{
    struct tu_env *e = *state;
    struct told t = {0};
    struct xf_error err = {0};
    int rc = import_text(e, &xf_kind_members,
                         "code,unit_code,name,position,is_leader,login,active\n"
                         "M 1,NOPE,张三,科员,2,,1\n"
                         "M2,D1,,科员,0,bad login!,maybe\n"
                         "M3,D1,李四,科员,0,,1\n",
                         &t, &err);
    assert_int_equal(rc, XF_EINVAL);
    assert_int_equal(t.n, 6);
    static const char *const fields[] = {"code", "unit_code", "is_leader",
                                         "name", "login",     "active"};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(t.line[i], i < 3 ? 2 : 3);
        assert_string_equal(t.field[i], fields[i]);
    }
    assert_non_null(strstr(t.msg[1], "NOPE"));
    assert_string_equal(err.msg, "2 rows have mistakes");
    assert_int_equal(count_rows(e, "member"), 0);
}

/* Without bad_row the first mistake stops the import, as before. */
static void test_first_mistake_without_bad_row(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int rc = import_text(e, &xf_kind_members,
                         "code,unit_code,name,position,is_leader,login,active\n"
                         "M 1,NOPE,张三,科员,2,,1\n",
                         NULL, &err);
    assert_int_equal(rc, XF_EINVAL);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "code");
}

/* A kept pledge without its evidence and its verifier is told both; a
 * withdrawal date on a row whose status is no status waits for it. */
static void test_pledges_evidence_and_verifier(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    assert_int_equal(import_text(e, &xf_kind_members,
                                 "code,unit_code,name\nM1,D1,张三\n", NULL, &err),
                     XF_OK);
    struct told t = {0};
    int rc = import_text(
        e, &xf_kind_pledges,
        "kind,member_code,text,category,made_on,due_on,status,kept_on,evidence,verified_by,"
        "withdrawn_on\n"
        "member,M1,按时办结,other,2026-10-01,2026-12-01,kept,2026-11-01,,,\n"
        "member,NOPE,,colour,2026-02-30,2026-12-01,open,,,,\n"
        "boss,M1,窗口提速,other,2026-10-01,2026-12-01,maybe,,,,2026-11-01\n",
        &t, &err);
    assert_int_equal(rc, XF_EINVAL);
    assert_int_equal(t.n, 8);
    static const struct {
        long line;
        const char *field;
    } want[] = {{2, "evidence"}, {2, "verified_by"}, {3, "member_code"}, {3, "text"},
                {3, "category"}, {3, "made_on"},     {4, "kind"},        {4, "status"}};
    for (int i = 0; i < 8; i++) {
        assert_int_equal(t.line[i], want[i].line);
        assert_string_equal(t.field[i], want[i].field);
    }
    assert_string_equal(t.msg[1], "the verifier is required");
    assert_string_equal(err.msg, "3 rows have mistakes");
    assert_int_equal(count_rows(e, "pledge"), 0);
}

static void test_complaints_every_mistake(void **state)
{
    struct tu_env *e = *state;
    struct told t = {0};
    struct xf_error err = {0};
    int rc = import_text(e, &xf_kind_complaints,
                         "code,received_at,source,kind,unit_code,text,state\n"
                         "TS2026-000001,2026-02-30,telepathy,complaint,NOPE,,received\n"
                         "TS2026-000002,2026-06-19 10:00:00,hotline,rant,D1,态度差,flying\n",
                         &t, &err);
    assert_int_equal(rc, XF_EINVAL);
    assert_int_equal(t.n, 6);
    static const struct {
        long line;
        const char *field;
    } want[] = {{2, "received_at"}, {2, "source"}, {2, "unit_code"},
                {2, "text"},        {3, "kind"},   {3, "state"}};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(t.line[i], want[i].line);
        assert_string_equal(t.field[i], want[i].field);
    }
    assert_int_equal(count_rows(e, "complaint"), 0);
}

/* A post's references are looked up before its cells are checked: the
 * mistakes are told in the file's column order all the same. */
static void test_posts_in_column_order(void **state)
{
    struct tu_env *e = *state;
    struct told t = {0};
    struct xf_error err = {0};
    int rc = import_text(e, &xf_kind_posts,
                         "code,unit_code,project_code,title,holder_member_code,status\n"
                         "P 1,NOPE,XX,,MNOPE,flying\n",
                         &t, &err);
    assert_int_equal(rc, XF_EINVAL);
    assert_int_equal(t.n, 6);
    static const char *const fields[] = {"code",  "unit_code",          "project_code",
                                         "title", "holder_member_code", "status"};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(t.line[i], 2);
        assert_string_equal(t.field[i], fields[i]);
    }
    assert_string_equal(err.msg, "1 row has mistakes");
}

/* An organiser refused is told that an administrator may, and how. */
static void test_organiser_told_who_may(void **state)
{
    struct tu_env *e = *state;
    tu_act_as(e, "liu.yang", XF_ROLE_ORGANISER);
    struct xf_error err = {0};
    int rc = import_text(e, &xf_kind_members, "code,unit_code,name\nM1,D1,张三\n", NULL, &err);
    assert_int_equal(rc, XF_EPERM);
    assert_non_null(strstr(err.msg, "may not import or generate data: only an administrator may"));
    assert_non_null(strstr(err.msg, "give you the role admin in"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_note_and_verdict),
        T(test_members_every_mistake),
        T(test_first_mistake_without_bad_row),
        T(test_pledges_evidence_and_verifier),
        T(test_complaints_every_mistake),
        T(test_posts_in_column_order),
        T(test_organiser_told_who_may),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
