/* Codes after a restore: a code the live database gave out before the
 * restore (told to a citizen on the phone, quoted in letters) is never
 * given to another record after it, however many restores, for every
 * kind of record that numbers its codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"

#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/inspection.h"
#include "xf/post.h"
#include "xf/project.h"
#include "xf/restore.h"
#include "xf/store_history.h"
#include "xf/store_internal.h"
#include "xf/store_restore.h"
#include "xf/unit.h"

struct fx {
    struct tu_env *e;
    int64_t unit, office;
    int n_backups;
};

static void ok(int rc, const struct xf_error *err)
{
    if (rc)
        fprintf(stderr, "unexpected error %d: %s: %s\n", rc, err->field, err->msg);
    assert_int_equal(rc, XF_OK);
}

static void exec_sql(struct fx *f, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg);
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    xf_date_set_today("2026-06-15");
    f->e = tu_env_open();
    f->unit = tu_unit(f->e, "D001", "市市场监管局", 0);
    f->office = tu_unit(f->e, "D001-01", "稽查科", f->unit);
    exec_sql(f,
             "INSERT INTO post(code,unit_id,title,status,published_on,updated_at)"
             " VALUES ('XFG-00001',2,'办证窗口','published','2026-01-01','2026-01-01 00:00:00')");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    tu_env_close(f->e);
    free(f);
    xf_date_set_today(NULL);
    return 0;
}

/* A backup of the database as it is now; the path is in a static buffer
 * per call number (caller copies nothing: each call gets its own). */
static const char *backup(struct fx *f)
{
    static char paths[8][300];
    struct xf_error err = {0};
    char *p = paths[f->n_backups++ % 8];
    snprintf(p, 300, "%s/backup-%d.db", f->e->dir, f->n_backups);
    ok(xf_backup(&f->e->ctx, p, &err), &err);
    return p;
}

/* Restores path as the admin does, then takes the restore in (the
 * session reads again), as the interface does between forms. */
static struct xf_restore_left restore(struct fx *f, const char *path)
{
    struct xf_error err = {0};
    struct xf_restore_left left;
    char *kept = NULL;
    ok(xf_restore_database(&f->e->ctx, path, &kept, &left, &err), &err);
    assert_non_null(kept);
    free(kept);
    int64_t mark;
    ok(xf_restore_unseen(&f->e->ctx, &mark, &err), &err);
    xf_restore_take(&f->e->ctx, mark);
    return left;
}

/* Receives a complaint about D001 (received today, or on the day given)
 * and returns its code in buf. */
static const char *receive(struct fx *f, const char *on, char *buf, size_t n)
{
    struct xf_error err = {0};
    struct xf_complaint_new in = {.source = "hotline",
                                  .unit_code = "D001",
                                  .text = "窗口工作人员态度生硬",
                                  .complainant_name = "张三",
                                  .complainant_phone = "13812345678",
                                  .received_at = on};
    int64_t id;
    ok(xf_complaint_receive(&f->e->ctx, &in, &id, &err), &err);
    struct xf_complaint c = {0};
    ok(xf_complaint_get(&f->e->ctx, id, &c, &err), &err);
    snprintf(buf, n, "%s", c.code);
    xf_complaint_clear(&c);
    return buf;
}

static const char *inspect(struct fx *f, const char *on, char *buf, size_t n)
{
    static const char *all_pass[] = {"pass", "pass", "pass", "pass", "pass"};
    struct xf_error err = {0};
    struct xf_inspection_new in = {.kind = "unannounced",
                                   .post_code = "XFG-00001",
                                   .on_date = on,
                                   .findings = "",
                                   .outcomes = all_pass,
                                   .n_outcomes = 5};
    int64_t id;
    ok(xf_inspection_log(&f->e->ctx, &in, &id, &err), &err);
    struct xf_inspection it = {0};
    ok(xf_inspection_get(&f->e->ctx, id, &it, &err), &err);
    snprintf(buf, n, "%s", it.code);
    xf_inspection_clear(&it);
    return buf;
}

/* The citizen was told TS2026-000002; the restore took that complaint
 * away, and the next one received is 000003, not a second 000002. */
static void test_complaint_code_not_given_again(void **state)
{
    struct fx *f = *state;
    char code[40];
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000001");
    const char *b = backup(f);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000002");
    struct xf_restore_left left = restore(f, b);
    assert_int_equal(left.n[XF_CODED_COMPLAINT], 1);
    assert_int_equal(left.n[XF_CODED_INSPECTION], 0);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000003");
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000004");
}

/* Restored twice from the same backup: the second restore's database has
 * the backup's history, without the first restore's row; what that row
 * noted comes along in the second's. */
static void test_twice_restored(void **state)
{
    struct fx *f = *state;
    char code[40];
    receive(f, NULL, code, sizeof code);
    const char *b = backup(f);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000002");
    restore(f, b);
    struct xf_restore_left left = restore(f, b);
    assert_int_equal(left.n[XF_CODED_COMPLAINT], 0); /* nothing new since the first */
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000003");
    /* and a third, after a complaint received in between */
    restore(f, b);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000004");
    /* A backup taken between restores knows the first restore's note;
     * restoring it keeps numbering above every code given out. */
    const char *b2 = backup(f);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000005");
    restore(f, b2);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2026-000006");
}

static int64_t sql_int(struct fx *f, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Restoring replaces the history with the backup's: a restore made after
 * the backup kept its row only in the copy set aside. The restored
 * history carries it over, and each restore's row says how many changes
 * it took away; the next restore does not count that row among them. */
static void test_earlier_restore_kept_in_history(void **state)
{
    struct fx *f = *state;
    char code[40];
    const char *b = backup(f);
    receive(f, NULL, code, sizeof code); /* a complaint and its event */
    restore(f, b);
    int64_t first = sql_int(f, "SELECT max(id) FROM history WHERE action='database.restore'");
    struct xf_error err = {0};
    struct xf_restore_info in;
    ok(xf_restore_info(&f->e->ctx, b, &in, &err), &err);
    assert_int_equal(in.later, 0); /* the first restore's row is not taken away */
    restore(f, b);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM history WHERE action='database.restore'"), 2);
    assert_int_equal(sql_int(f, "SELECT min(id) FROM history WHERE action='database.restore'"),
                     first);
    assert_int_equal(sql_int(f, "SELECT json_extract(after, '$.dropped') FROM history"
                                " WHERE action='database.restore' ORDER BY id LIMIT 1"),
                     2);
    assert_int_equal(sql_int(f, "SELECT json_extract(after, '$.dropped') FROM history"
                                " WHERE action='database.restore' ORDER BY id DESC LIMIT 1"),
                     0);
}

/* Each year numbers its own: the note keeps the highest of each. */
static void test_years_apart(void **state)
{
    struct fx *f = *state;
    char code[40];
    xf_date_set_today("2027-01-04");
    assert_string_equal(receive(f, "2026-12-30", code, sizeof code), "TS2026-000001");
    const char *b = backup(f);
    assert_string_equal(receive(f, "2026-12-31", code, sizeof code), "TS2026-000002");
    assert_string_equal(receive(f, "2026-12-31", code, sizeof code), "TS2026-000003");
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2027-000001");
    struct xf_restore_left left = restore(f, b);
    assert_int_equal(left.n[XF_CODED_COMPLAINT], 3);
    assert_string_equal(receive(f, NULL, code, sizeof code), "TS2027-000002");
    assert_string_equal(receive(f, "2026-12-31", code, sizeof code), "TS2026-000004");
}

/* Inspections number per day: each day's highest is kept. */
static void test_inspection_code_not_given_again(void **state)
{
    struct fx *f = *state;
    char code[40];
    assert_string_equal(inspect(f, "2026-06-10", code, sizeof code), "XJ-20260610-0001");
    const char *b = backup(f);
    assert_string_equal(inspect(f, "2026-06-10", code, sizeof code), "XJ-20260610-0002");
    assert_string_equal(inspect(f, "2026-06-11", code, sizeof code), "XJ-20260611-0001");
    struct xf_restore_left left = restore(f, b);
    assert_int_equal(left.n[XF_CODED_INSPECTION], 2);
    assert_string_equal(inspect(f, "2026-06-10", code, sizeof code), "XJ-20260610-0003");
    assert_string_equal(inspect(f, "2026-06-11", code, sizeof code), "XJ-20260611-0002");
    assert_string_equal(inspect(f, "2026-06-12", code, sizeof code), "XJ-20260612-0001");
    restore(f, b);
    assert_string_equal(inspect(f, "2026-06-10", code, sizeof code), "XJ-20260610-0004");
}

/* The codes a form offers for a new unit, member, post or project do not
 * come back either. */
static void test_suggested_codes_not_given_again(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    exec_sql(f, "INSERT INTO member(unit_id,code,name,updated_at)"
                " VALUES (1,'M001','张三','2026-01-01 00:00:00');"
                "INSERT INTO project(code,name,category,owner_unit_id,updated_at)"
                " VALUES ('XM-K-001','一网通办','key',1,'2026-01-01 00:00:00')");
    const char *b = backup(f);
    tu_unit(f->e, "D002", "市交警支队", 0);
    tu_unit(f->e, "D001-02", "综合科", f->unit);
    exec_sql(f, "INSERT INTO post(code,unit_id,title,status,updated_at)"
                " VALUES ('XFG-00002',2,'咨询窗口','proposed','2026-01-01 00:00:00');"
                "INSERT INTO member(unit_id,code,name,updated_at)"
                " VALUES (1,'M002','李四','2026-01-01 00:00:00');"
                "INSERT INTO project(code,name,category,owner_unit_id,updated_at)"
                " VALUES ('XM-K-002','一件事','key',1,'2026-01-01 00:00:00')");
    struct xf_restore_left left = restore(f, b);
    assert_int_equal(left.n[XF_CODED_UNIT], 2);
    assert_int_equal(left.n[XF_CODED_POST], 1);
    assert_int_equal(left.n[XF_CODED_MEMBER], 1);
    assert_int_equal(left.n[XF_CODED_PROJECT], 1);
    char *code = NULL;
    ok(xf_unit_suggest_code(&f->e->ctx, 0, &code, &err), &err);
    assert_string_equal(code, "D003");
    free(code);
    ok(xf_unit_suggest_code(&f->e->ctx, f->unit, &code, &err), &err);
    assert_string_equal(code, "D001-03");
    free(code);
    ok(xf_post_suggest_code(&f->e->ctx, &code, &err), &err);
    assert_string_equal(code, "XFG-00003");
    free(code);
    ok(xf_member_suggest_code(&f->e->ctx, &code, &err), &err);
    assert_string_equal(code, "M003");
    free(code);
    ok(xf_project_suggest_code(&f->e->ctx, "key", &code, &err), &err);
    assert_string_equal(code, "XM-K-003");
    free(code);
}

/* The note is the program's: the history shows where the backup came
 * from and where the database was kept, not a list of codes. */
static void test_note_not_shown(void **state)
{
    struct fx *f = *state;
    char code[40];
    const char *b = backup(f);
    receive(f, NULL, code, sizeof code);
    restore(f, b);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db),
                                        "SELECT json_extract(after, '$.codes.complaint[0]'),"
                                        " after FROM history WHERE action='database.restore'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "TS2026-000001");
    struct xf_history_row r = {.entity = "database",
                               .action = "database.restore",
                               .after = (char *)sqlite3_column_text(st, 1)};
    char *text = xf_history_changes(&r);
    assert_non_null(text);
    assert_null(strstr(text, "TS2026"));
    assert_non_null(strstr(text, "backup-1.db"));
    free(text);
    sqlite3_finalize(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_complaint_code_not_given_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_twice_restored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_years_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_earlier_restore_kept_in_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inspection_code_not_given_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggested_codes_not_given_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_not_shown, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
