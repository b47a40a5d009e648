/* The store's connection: schema, audit triggers, transactions, refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "xf/store_internal.h"
#include "xf/store_overview.h"
#include "xf/store_unit.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int64_t count(struct xf_db *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_open_creates_schema_with_pragmas(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    assert_int_equal(count(e->db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    assert_int_equal(count(e->db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(count(e->db, "SELECT journal_mode='wal' FROM pragma_journal_mode"), 1);
    assert_true(count(e->db, "SELECT count(*) FROM sqlite_schema WHERE type='table'") >= 15);
    /* Every real table is STRICT (FTS5 keeps its own shadow tables). */
    assert_int_equal(count(e->db, "SELECT count(*) FROM sqlite_schema WHERE type='table'"
                                  " AND sql NOT LIKE '%STRICT' AND name NOT LIKE '%fts%'"),
                     0);
    tu_env_close(e);
}

static void test_insert_and_update_leave_history(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    int64_t id = tu_unit(e, "D001", "市城建委", 0);
    struct xf_error err = {0};
    struct xf_unit u = {0};
    assert_int_equal(xf_store_unit_get(e->db, id, &u, &err), XF_OK);
    assert_string_equal(u.path, "/1/");
    free(u.name);
    u.name = strdup("哈尔滨市城乡建设委员会");
    assert_int_equal(xf_db_begin(e->db, "unit.rename", &err), XF_OK);
    assert_int_equal(xf_store_unit_update(e->db, &u, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_int_equal(count(e->db, "SELECT count(*) FROM history WHERE entity='unit'"), 2);
    assert_int_equal(count(e->db, "SELECT count(*) FROM history WHERE action='unit.rename'"
                                  " AND actor='tester' AND client='127.0.0.1'"
                                  " AND json_extract(before,'$.name')='市城建委'"
                                  " AND json_extract(after,'$.name')='哈尔滨市城乡建设委员会'"),
                     1);
    xf_unit_clear(&u);
    tu_env_close(e);
}

static void test_stale_version_is_a_conflict(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    int64_t id = tu_unit(e, "D001", "市质监局", 0);
    struct xf_error err = {0};
    struct xf_unit a = {0}, b = {0};
    xf_store_unit_get(e->db, id, &a, &err);
    xf_store_unit_get(e->db, id, &b, &err);
    xf_db_begin(e->db, "t", &err);
    assert_int_equal(xf_store_unit_update(e->db, &a, &err), XF_OK);
    assert_int_equal(xf_store_unit_update(e->db, &b, &err), XF_ECONFLICT);
    xf_db_rollback(e->db);
    xf_unit_clear(&a);
    xf_unit_clear(&b);
    tu_env_close(e);
}

static void test_delete_is_refused(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    tu_unit(e, "D001", "市交警支队", 0);
    char *msg = NULL;
    assert_int_not_equal(sqlite3_exec(xf_db_handle(e->db), "DELETE FROM unit", NULL, NULL, &msg),
                         SQLITE_OK);
    assert_non_null(strstr(msg, "never deleted"));
    sqlite3_free(msg);
    assert_int_not_equal(
        sqlite3_exec(xf_db_handle(e->db), "DELETE FROM history", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(count(e->db, "SELECT count(*) FROM unit"), 1);
    tu_env_close(e);
}

static void test_nested_rollback_undoes_everything(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "import.units", &err), XF_OK);
    struct xf_unit u = {.code = "D1", .name = "市环卫局", .kind = "department", .active = 1};
    assert_int_equal(xf_store_unit_insert(e->db, &u, &err), XF_OK);
    free(u.path);
    assert_int_equal(xf_db_begin(e->db, "unit.create", &err), XF_OK);
    struct xf_unit dup = {.code = "D1", .name = "重复", .kind = "department", .active = 1};
    assert_int_equal(xf_store_unit_insert(e->db, &dup, &err), XF_EINVAL);
    xf_db_rollback(e->db);
    assert_false(xf_db_in_tx(e->db));
    assert_int_equal(count(e->db, "SELECT count(*) FROM unit"), 0);
    assert_int_equal(count(e->db, "SELECT count(*) FROM history"), 0);
    tu_env_close(e);
}

/* An import's row: a step failing inside it undoes that row alone, its
 * late commit is refused, and the rows around it stay. */
static void test_row_rollback_undoes_the_row_alone(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "import.units", &err), XF_OK);
    const char *codes[] = {"D1", "D2", "D1", "D3"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(xf_db_row_begin(e->db, &err), XF_OK);
        assert_int_equal(xf_db_begin(e->db, "unit.create", &err), XF_OK);
        struct xf_unit u = {.code = (char *)codes[i], .name = "科", .kind = "department",
                            .active = 1};
        int rc = xf_store_unit_insert(e->db, &u, &err);
        free(u.path);
        if (rc) {
            xf_db_rollback(e->db);
            assert_true(xf_db_in_tx(e->db));
            assert_int_equal(xf_db_commit(e->db, &err), XF_EDB);
            assert_int_equal(xf_db_begin(e->db, "unit.create", &err), XF_EDB);
        } else {
            assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
        }
        assert_int_equal(xf_db_row_end(e->db, rc == XF_OK, &err), XF_OK);
        assert_int_equal(rc, i == 2 ? XF_EINVAL : XF_OK);
    }
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_false(xf_db_in_tx(e->db));
    assert_int_equal(count(e->db, "SELECT count(*) FROM unit"), 3);
    assert_int_equal(count(e->db, "SELECT count(*) FROM history WHERE entity='unit'"), 3);
    /* A row undone by its caller (keep false) leaves nothing either. */
    assert_int_equal(xf_db_begin(e->db, "import.units", &err), XF_OK);
    assert_int_equal(xf_db_row_begin(e->db, &err), XF_OK);
    struct xf_unit u = {.code = "D9", .name = "科", .kind = "department", .active = 1};
    assert_int_equal(xf_store_unit_insert(e->db, &u, &err), XF_OK);
    free(u.path);
    assert_int_equal(xf_db_row_end(e->db, false, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_int_equal(count(e->db, "SELECT count(*) FROM unit WHERE code='D9'"), 0);
    tu_env_close(e);
}

static void test_refuses_foreign_and_newer_databases(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[300];
    struct xf_error err = {0};
    struct xf_db *db = NULL;

    snprintf(path, sizeof path, "%s/other.db", dir);
    sqlite3 *h;
    sqlite3_open(path, &h);
    sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(h);
    assert_int_equal(xf_db_open(path, 0, &db, &err), XF_EDB);
    assert_non_null(strstr(err.msg, "another program"));

    snprintf(path, sizeof path, "%s/newer.db", dir);
    assert_int_equal(xf_db_open(path, XF_DB_CREATE, &db, &err), XF_OK);
    assert_int_equal(xf_db_found_version(db), 0); /* made by this open */
    xf_db_close(db);
    sqlite3_open(path, &h);
    sqlite3_exec(h, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(h);
    assert_int_equal(xf_db_open(path, 0, &db, &err), XF_EDB);
    assert_non_null(strstr(err.msg, "newer xianfeng"));

    const char *text = "this is not a database at all, really not";
    char *junk = tu_write_file(dir, "junk.db", text, strlen(text));
    assert_int_not_equal(xf_db_open(junk, 0, &db, &err), XF_OK);
    assert_null(db);
    free(junk);

    snprintf(path, sizeof path, "%s/missing.db", dir);
    assert_int_equal(xf_db_open(path, 0, &db, &err), XF_EIO);
    assert_non_null(strstr(err.msg, "xianfeng init"));
    tu_rm_tree(dir);
    free(dir);
}

extern const char xf_schema_sql[];

/* A database of schema 1 (the first release's tables, no audit triggers
 * needed for the test) is brought to the current schema when opened: the
 * rectification's returned_note appears, in the audit trail too. */
static void test_migrates_schema_1(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[300];
    snprintf(path, sizeof path, "%s/v1.db", dir);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, xf_schema_sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=1; PRAGMA application_id=1481002567;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    struct xf_db *db = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_db_open(path, 0, &db, &err), XF_OK);
    assert_int_equal(xf_db_found_version(db), 1); /* what init says it did */
    assert_int_equal(count(db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    assert_int_equal(count(db, "SELECT count(*) FROM pragma_table_info('rectification')"
                               " WHERE name='returned_note'"),
                     1);
    assert_int_equal(count(db, "SELECT count(*) FROM sqlite_schema WHERE name='h_rectification_upd'"
                               " AND sql LIKE '%returned_note%'"),
                     1);
    xf_db_close(db);
    /* Opening again changes nothing. */
    assert_int_equal(xf_db_open(path, 0, &db, &err), XF_OK);
    assert_int_equal(xf_db_found_version(db), XF_SCHEMA_VERSION);
    assert_int_equal(count(db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    xf_db_close(db);
    tu_rm_tree(dir);
    free(dir);
}

/* Reopens e's database (migrating it). */
static void reopen(struct tu_env *e)
{
    struct xf_error err = {0};
    char path[300];
    snprintf(path, sizeof path, "%s", e->path);
    xf_db_close(e->db);
    assert_int_equal(xf_db_open(path, 0, &e->db, &err), XF_OK);
    e->ctx.db = e->db;
}

/* Writes sql straight into e's database, as an earlier version left it
 * (the test fails on an error). */
static void as_old(struct tu_env *e, const char *sql)
{
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "test.old", &err), XF_OK);
    int rc = xf_exec(e->db, sql, &err);
    if (rc)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
}

/* Schema 4: a complaint an earlier version closed, rejected or merged
 * while supervised loses the flag; an open one keeps it. */
static void test_migrates_supervised_closed(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    tu_unit(e, "D1", "市城建委", 0);
    as_old(e, "INSERT INTO complaint(id,code,source,unit_id,text,state,received_at,"
              "supervised,category,lead_unit_id,merged_into,updated_at) VALUES"
              " (1,'C1','hotline',1,'a','closed','2026-01-01 09:00:00',1,'attitude',1,"
              "  NULL,'x'),"
              " (2,'C2','hotline',1,'b','dispatched','2026-01-01 09:00:00',1,'attitude',1,"
              "  NULL,'x'),"
              " (3,'C3','hotline',1,'c','merged','2026-01-01 09:00:00',1,NULL,NULL,2,'x');"
              "PRAGMA user_version=3;");
    reopen(e);
    assert_int_equal(count(e->db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    assert_int_equal(count(e->db, "SELECT count(*) FROM complaint WHERE supervised=1"), 1);
    assert_int_equal(count(e->db, "SELECT supervised FROM complaint WHERE code='C2'"), 1);
    assert_int_equal(count(e->db, "SELECT count(*) FROM history WHERE entity='complaint'"
                                  " AND action='schema.migrate'"),
                     2);
    /* ... naming the account that migrated, not "?" */
    assert_int_equal(count(e->db, "SELECT count(*) FROM history WHERE action='schema.migrate'"
                                  " AND actor='?'"),
                     0);
    tu_env_close(e);
}

/* Schema 10: the link an inspection's complaint makes gets its audit
 * triggers, which a schema-9 database lacks (migration 5 made the table
 * after the triggers were made). */
static void test_migrates_inspection_complaint_audit(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    as_old(e, "DROP TRIGGER h_inspection_complaint_ins; DROP TRIGGER h_inspection_complaint_upd;"
              "DROP TRIGGER h_inspection_complaint_del; PRAGMA user_version=9;");
    reopen(e);
    assert_int_equal(xf_db_found_version(e->db), 9);
    assert_int_equal(count(e->db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    assert_int_equal(count(e->db, "SELECT count(*) FROM sqlite_schema WHERE type='trigger'"
                                  " AND name IN ('h_inspection_complaint_ins',"
                                  "'h_inspection_complaint_upd','h_inspection_complaint_del')"),
                     3);
    tu_env_close(e);
}

/* Members in pinyin order through member_unit: "|"-joined names. */
static void names_in_order(struct xf_db *db, char *out, size_t size)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(db),
                                        "SELECT name FROM member INDEXED BY member_unit"
                                        " WHERE unit_id=1 ORDER BY name_key, id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out + strlen(out), size - strlen(out), "%s|", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

/* Schema 7: a schema-6 database's members get their pinyin sort keys; the
 * keys are made again when the collation they were made with changes. */
static void test_migrates_name_keys(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    tu_unit(e, "D1", "市城建委", 0);
    as_old(e, "INSERT INTO member(unit_id,code,name,updated_at) VALUES"
              " (1,'M1','张伟','x'),(1,'M2','阿里','x'),(1,'M3','李娜','x');"
              "DROP TRIGGER member_dept_ins; DROP TRIGGER member_dept_upd;"
              "DROP TABLE member_dept;" /* schema 17's */
              "DROP INDEX member_unit; ALTER TABLE member DROP COLUMN name_key;"
              "CREATE INDEX member_unit ON member(unit_id, name);"
              "DROP TABLE setting; PRAGMA user_version=6;");
    reopen(e);
    assert_int_equal(count(e->db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    char names[200];
    names_in_order(e->db, names, sizeof names);
    assert_string_equal(names, "阿里|李娜|张伟|");
    assert_int_equal(count(e->db, "SELECT count(*) FROM history WHERE entity='member'"
                                  " AND action='schema.migrate'"),
                     0);
    /* keys of another collation (an ICU upgrade) are made again */
    as_old(e, "UPDATE setting SET value='icu-0' WHERE name='collation';"
              "UPDATE member SET name_key=x'ff' WHERE code='M2';");
    names_in_order(e->db, names, sizeof names);
    assert_string_equal(names, "李娜|张伟|阿里|");
    reopen(e);
    names_in_order(e->db, names, sizeof names);
    assert_string_equal(names, "阿里|李娜|张伟|");
    assert_int_equal(count(e->db, "SELECT count(*) FROM setting WHERE value='icu-0'"), 0);
    tu_env_close(e);
}

/* Schema 17: a schema-16 database gets member_dept (each member's
 * department) and the improvements tally, both counted from its records,
 * and the triggers that keep them; the Overview's figures are the same. */
static void test_migrates_member_dept_and_improvements(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    int64_t d1 = tu_unit(e, "D1", "市城建委", 0);
    int64_t o1 = tu_unit(e, "O1", "审批科", d1);
    int64_t w1 = tu_unit(e, "W1", "一号窗口", o1);
    int64_t d2 = tu_unit(e, "D2", "市交警支队", 0);
    char *sql = sqlite3_mprintf(
        "INSERT INTO member(unit_id,code,name,name_key,updated_at) VALUES"
        " (%lld,'M1','张伟',xf_name_key('张伟'),'x'),(%lld,'M2','阿里',xf_name_key('阿里'),'x'),"
        " (%lld,'M3','李娜',xf_name_key('李娜'),'x'),(%lld,'M4','王芳',xf_name_key('王芳'),'x');"
        "INSERT INTO improvement(unit_id,kind,title,on_date,days_before,days_after,"
        "national_limit_days,updated_at) VALUES (%lld,'method','a','2026-01-01',NULL,NULL,NULL,'x'),"
        " (%lld,'fee','b','2026-01-01',NULL,NULL,NULL,'x'),"
        " (%lld,'time_cut','c','2026-01-01',20,5,10,'x'),"
        " (%lld,'time_cut','d','2026-01-01',8,6,NULL,'x');",
        (long long)d1, (long long)o1, (long long)w1, (long long)d2, (long long)d1,
        (long long)w1, (long long)o1, (long long)d2);
    as_old(e, sql);
    sqlite3_free(sql);
    struct xf_overview before, after;
    struct xf_error err = {0};
    assert_int_equal(xf_store_overview(e->db, "2026-11-26", "2026Q4", NULL, false, &before, &err),
                     XF_OK);
    as_old(e, "DROP TRIGGER member_dept_ins; DROP TRIGGER member_dept_upd; DROP TABLE member_dept;"
              "DROP TRIGGER overview_tally_improvement_ins;"
              "DROP TRIGGER overview_tally_improvement_upd;"
              "DELETE FROM overview_tally WHERE topic='improvement';"
              "DROP INDEX improvement_cut; PRAGMA user_version=16;");
    reopen(e);
    assert_int_equal(count(e->db, "PRAGMA user_version"), XF_SCHEMA_VERSION);
    int64_t wrong = -1;
    assert_int_equal(xf_store_member_dept_check(e->db, &wrong, &err), XF_OK);
    assert_int_equal(wrong, 0);
    assert_int_equal(count(e->db, "SELECT count(*) FROM member_dept"), 4);
    char *in_d1 = sqlite3_mprintf("SELECT count(*) FROM member_dept WHERE dept_id=%lld",
                                  (long long)d1);
    assert_int_equal(count(e->db, in_d1), 3);
    sqlite3_free(in_d1);
    assert_int_equal(xf_store_overview_tally_check(e->db, &wrong, &err), XF_OK);
    assert_int_equal(wrong, 0);
    assert_int_equal(xf_store_overview(e->db, "2026-11-26", "2026Q4", NULL, false, &after, &err),
                     XF_OK);
    assert_int_equal(after.improvements_method, 1);
    assert_int_equal(after.improvements_fee, 1);
    assert_int_equal(after.improvements_time_cut, 2);
    assert_int_equal(after.improvements_method, before.improvements_method);
    assert_int_equal(after.improvements_prerequisite, before.improvements_prerequisite);
    assert_int_equal(after.improvements_fee, before.improvements_fee);
    assert_int_equal(after.improvements_time_cut, before.improvements_time_cut);
    assert_true(after.avg_cut_days == before.avg_cut_days && after.avg_cut_days == 8.5);
    assert_int_equal(after.cuts_with_limit, before.cuts_with_limit);
    /* the triggers are there: a new member and improvement are counted */
    as_old(e, "INSERT INTO member(unit_id,code,name,name_key,updated_at) VALUES"
              " (4,'M5','赵六',xf_name_key('赵六'),'x');"
              "INSERT INTO improvement(unit_id,kind,title,on_date,updated_at)"
              " VALUES (1,'prerequisite','e','2026-02-01','x');");
    assert_int_equal(xf_store_member_dept_check(e->db, &wrong, &err), XF_OK);
    assert_int_equal(wrong, 0);
    assert_int_equal(xf_store_overview_tally_check(e->db, &wrong, &err), XF_OK);
    assert_int_equal(wrong, 0);
    tu_env_close(e);
}

/* The interface opens with XF_DB_NAME_KEYS_LATER (the check loads ICU,
 * which its first screen does not need): the keys of another collation
 * stay until xf_db_name_keys_check, which makes them again. */
static void test_name_keys_checked_later(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    tu_unit(e, "D1", "市城建委", 0);
    as_old(e, "INSERT INTO member(unit_id,code,name,updated_at) VALUES"
              " (1,'M1','张伟','x'),(1,'M2','阿里','x'),(1,'M3','李娜','x');");
    as_old(e, "UPDATE member SET name_key=xf_name_key(name);"
              "UPDATE setting SET value='icu-0' WHERE name='collation';"
              "UPDATE member SET name_key=x'ff' WHERE code='M2';");
    struct xf_error err = {0};
    char path[300], names[200];
    snprintf(path, sizeof path, "%s", e->path);
    xf_db_close(e->db);
    assert_int_equal(xf_db_open(path, XF_DB_NAME_KEYS_LATER, &e->db, &err), XF_OK);
    e->ctx.db = e->db;
    names_in_order(e->db, names, sizeof names);
    assert_string_equal(names, "李娜|张伟|阿里|");
    assert_int_equal(count(e->db, "SELECT count(*) FROM setting WHERE value='icu-0'"), 1);
    assert_int_equal(xf_db_name_keys_check(e->db, &err), XF_OK);
    names_in_order(e->db, names, sizeof names);
    assert_string_equal(names, "阿里|李娜|张伟|");
    assert_int_equal(count(e->db, "SELECT count(*) FROM setting WHERE value='icu-0'"), 0);
    /* current keys: nothing to do */
    assert_int_equal(xf_db_name_keys_check(e->db, &err), XF_OK);
    tu_env_close(e);
}

static void test_backup_copies_a_consistent_database(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    tu_unit(e, "D001", "市律师协会", 0);
    char dest[300];
    snprintf(dest, sizeof dest, "%s/backup.db", e->dir);
    struct xf_error err = {0};
    assert_int_equal(xf_db_backup(e->db, dest, &err), XF_OK);
    assert_int_equal(xf_db_backup(e->db, dest, &err), XF_EIO); /* never overwrites */
    struct xf_db *copy = NULL;
    assert_int_equal(xf_db_open(dest, 0, &copy, &err), XF_OK);
    assert_int_equal(count(copy, "SELECT count(*) FROM unit WHERE name='市律师协会'"), 1);
    char *report = NULL;
    assert_int_equal(xf_db_integrity(copy, &report, &err), XF_OK);
    assert_null(report);
    xf_db_close(copy);
    tu_env_close(e);
}

static void test_data_version_sees_other_connections(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    struct xf_db *other = NULL;
    assert_int_equal(xf_db_open(e->path, 0, &other, &err), XF_OK);
    int64_t before = xf_db_data_version(other);
    tu_unit(e, "D009", "市棚改办", 0);
    assert_true(xf_db_data_version(other) != before);
    xf_db_close(other);
    tu_env_close(e);
}

/* The writers' queue: a second connection waits behind the first one's
 * transaction, gives up after its busy timeout with a message, and goes
 * ahead once the first commits. The lock file takes the database's mode. */
static void test_writers_queue_orders_and_times_out(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    struct xf_db *other = NULL;
    assert_int_equal(chmod(e->path, 0660), 0);
    assert_int_equal(xf_db_open(e->path, 0, &other, &err), XF_OK);
    assert_int_equal(xf_db_begin(e->db, "test", &err), XF_OK);
    xf_db_set_busy_timeout(other, 60);
    assert_int_equal(xf_db_begin(other, "test", &err), XF_EBUSY);
    assert_non_null(strstr(err.msg, "busy"));
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    xf_err_clear(&err);
    assert_int_equal(xf_db_begin(other, "test", &err), XF_OK);
    assert_int_equal(xf_db_commit(other, &err), XF_OK);

    char lock[300];
    struct stat sb;
    snprintf(lock, sizeof lock, "%s-lock", e->path);
    assert_int_equal(stat(lock, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0660);
    /* Without the queue (a lock file that cannot be opened) writes go on. */
    int slot;
    assert_int_equal(xf_wqueue_lock(-1, 10, &slot), -1);
    xf_db_close(other);
    tu_env_close(e);
}

/* A writer stopped while holding its turn (Ctrl-Z) costs the others their
 * place in the queue, not their saves: past the timeout they try the
 * database's own lock, which is free. */
static void test_stopped_queue_member_does_not_block_saves(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    int fd = xf_wqueue_open(e->path), slot = -1;
    assert_true(fd >= 0);
    assert_int_equal(xf_wqueue_lock(fd, 100, &slot), 0);
    xf_db_set_busy_timeout(e->db, 60);
    assert_int_equal(xf_db_begin(e->db, "test", &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    xf_wqueue_unlock(fd, slot);
    close(fd);
    tu_env_close(e);
}

/* A write that waits for another's is told once past after_ms, then told
 * the wait is over, whether it waited in the writers' queue or for the
 * database's own lock; a short wait is not told. */
struct told {
    int waiting, over;
};

static void on_wait(void *arg, bool waiting)
{
    struct told *t = arg;
    if (waiting)
        t->waiting++;
    else
        t->over++;
}

static void test_lock_wait_is_told(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    struct xf_db *other = NULL;
    struct told t = {0};
    assert_int_equal(xf_db_open(e->path, 0, &other, &err), XF_OK);
    xf_db_on_lock_wait(other, 50, on_wait, &t);
    /* behind another connection's transaction: its turn in the queue and
     * the database's lock both held */
    assert_int_equal(xf_db_begin(e->db, "test", &err), XF_OK);
    xf_db_set_busy_timeout(other, 200);
    assert_int_equal(xf_db_begin(other, "test", &err), XF_EBUSY);
    assert_int_equal(t.waiting, 1);
    assert_int_equal(t.over, 1);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    /* no wait: nothing said */
    xf_err_clear(&err);
    assert_int_equal(xf_db_begin(other, "test", &err), XF_OK);
    assert_int_equal(xf_db_commit(other, &err), XF_OK);
    assert_int_equal(t.waiting, 1);
    assert_int_equal(t.over, 1);
    /* in the queue alone (a writer stopped holding its turn): told, and
     * the save still goes through past the timeout */
    int fd = xf_wqueue_open(e->path), slot = -1;
    assert_true(fd >= 0);
    assert_int_equal(xf_wqueue_lock(fd, 100, &slot), 0);
    assert_int_equal(xf_db_begin(other, "test", &err), XF_OK);
    assert_int_equal(xf_db_commit(other, &err), XF_OK);
    assert_int_equal(t.waiting, 2);
    assert_int_equal(t.over, 2);
    xf_wqueue_unlock(fd, slot);
    close(fd);
    /* a wait shorter than after_ms is not told */
    xf_db_on_lock_wait(other, 1000, on_wait, &t);
    assert_int_equal(xf_db_begin(e->db, "test", &err), XF_OK);
    assert_int_equal(xf_db_begin(other, "test", &err), XF_EBUSY);
    assert_int_equal(t.waiting, 2);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    xf_db_close(other);
    tu_env_close(e);
}

/* The queue file must be a file of its own: a hard link to the database
 * (which a group member could make) would have its header overwritten. */
static void test_queue_refuses_a_link_to_the_database(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    char lock[300];
    snprintf(lock, sizeof lock, "%s-lock", e->path);
    unlink(lock);
    assert_int_equal(link(e->path, lock), 0);
    assert_int_equal(xf_wqueue_open(e->path), -1);
    tu_unit(e, "D010", "市城管委", 0); /* saves still go on, without the queue */
    char *report = NULL;
    assert_int_equal(xf_db_integrity(e->db, &report, &err), XF_OK);
    assert_null(report);
    unlink(lock);
    tu_env_close(e);
}

/* The store's row lists grow through xf_grow: room for index n, what it
 * adds zeroed, the rows kept, nothing done while n fits. */
static void test_grow_fits_the_index(void **state)
{
    (void)state;
    struct xf_error err = {0};
    int64_t *v = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 40; i++) {
        assert_int_equal(xf_grow((void **)&v, &cap, i, sizeof *v, &err), XF_OK);
        assert_true(i < cap);
        assert_int_equal(v[i], 0);
        v[i] = (int64_t)i + 1;
    }
    for (size_t i = 0; i < 40; i++)
        assert_int_equal(v[i], (int64_t)i + 1);
    int64_t *same = v;
    size_t had = cap;
    assert_int_equal(xf_grow((void **)&v, &cap, had - 1, sizeof *v, &err), XF_OK);
    assert_ptr_equal(v, same);
    assert_int_equal(cap, had);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_creates_schema_with_pragmas),
        cmocka_unit_test(test_migrates_schema_1),
        cmocka_unit_test(test_migrates_supervised_closed),
        cmocka_unit_test(test_migrates_name_keys),
        cmocka_unit_test(test_migrates_member_dept_and_improvements),
        cmocka_unit_test(test_name_keys_checked_later),
        cmocka_unit_test(test_migrates_inspection_complaint_audit),
        cmocka_unit_test(test_insert_and_update_leave_history),
        cmocka_unit_test(test_stale_version_is_a_conflict),
        cmocka_unit_test(test_delete_is_refused),
        cmocka_unit_test(test_nested_rollback_undoes_everything),
        cmocka_unit_test(test_row_rollback_undoes_the_row_alone),
        cmocka_unit_test(test_refuses_foreign_and_newer_databases),
        cmocka_unit_test(test_backup_copies_a_consistent_database),
        cmocka_unit_test(test_data_version_sees_other_connections),
        cmocka_unit_test(test_writers_queue_orders_and_times_out),
        cmocka_unit_test(test_stopped_queue_member_does_not_block_saves),
        cmocka_unit_test(test_lock_wait_is_told),
        cmocka_unit_test(test_queue_refuses_a_link_to_the_database),
        cmocka_unit_test(test_grow_fits_the_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
