/* Busy handling (SPEC §5, §7): a writer waits for another connection's
 * write lock up to the busy timeout, then gets XF_EBUSY with a message a
 * user can act on; readers are never blocked; nothing is half saved. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/wait.h>
#include <time.h>

#define TU_WITH_DB
#include "../unit/testutil.h"

#include "xf/store_internal.h"
#include "xf/unit.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

struct fx {
    struct tu_env *e;  /* connection A: the writer that waits */
    struct xf_db *hold; /* connection B: holds the write lock */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct xf_error err = {0};
    f->e = tu_env_open();
    tu_unit(f->e, "D1", "市场监管局", 0);
    assert_int_equal(xf_db_open(f->e->path, 0, &f->hold, &err), XF_OK);
    xf_db_set_actor(f->hold, "holder", "");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    xf_db_close(f->hold);
    tu_env_close(f->e);
    free(f);
    return 0;
}

static int create_unit(struct fx *f, const char *code, struct xf_error *err)
{
    struct xf_unit u = {.code = (char *)code, .name = "窗口", .kind = "department",
                        .trade = "政务服务"};
    int rc = xf_unit_create(&f->e->ctx, &u, err);
    free(u.path);
    return rc;
}

static long units(struct fx *f, const char *code)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db),
                                        "SELECT count(*) FROM unit WHERE code=?", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void hold_lock(struct fx *f)
{
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(f->hold, "test.hold", &err), XF_OK);
}

/* A shortened timeout: refused after about that long, with the message. */
static void test_busy_after_timeout(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    xf_db_set_busy_timeout(f->e->db, 200);
    hold_lock(f);
    double t0 = now_ms();
    assert_int_equal(create_unit(f, "U1", &err), XF_EBUSY);
    double waited = now_ms() - t0;
    assert_true(waited >= 190 && waited < 2000);
    assert_non_null(strstr(err.msg, "the database is busy"));
    assert_false(xf_db_in_tx(f->e->db));
    xf_db_rollback(f->hold);
    /* The lock is gone: the same write now goes through, once. */
    assert_int_equal(create_unit(f, "U1", &err), XF_OK);
    assert_int_equal(units(f, "U1"), 1);
}

/* 0 ms: refused at once. */
static void test_busy_zero_timeout(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    xf_db_set_busy_timeout(f->e->db, 0);
    hold_lock(f);
    double t0 = now_ms();
    assert_int_equal(create_unit(f, "U2", &err), XF_EBUSY);
    assert_true(now_ms() - t0 < 100);
    xf_db_rollback(f->hold);
    assert_int_equal(units(f, "U2"), 0);
}

/* The default is 5000 ms: a lock held longer refuses the write after about
 * five seconds, not before. */
static void test_default_timeout_is_5s(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    hold_lock(f);
    double t0 = now_ms();
    assert_int_equal(create_unit(f, "U3", &err), XF_EBUSY);
    double waited = now_ms() - t0;
    xf_db_rollback(f->hold);
    assert_true(waited >= 4900 && waited < 7000);
    assert_non_null(strstr(err.msg, "the database is busy"));
    assert_int_equal(units(f, "U3"), 0);
}

/* A lock released within the timeout (by another process committing its
 * write) is waited for: the write succeeds and both rows are there. */
static void test_waits_for_short_lock(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    xf_db_close(f->hold);
    f->hold = NULL;
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    if (pid == 0) {
        struct xf_db *db;
        struct xf_config cfg;
        struct xf_ctx ctx;
        xf_config_defaults(&cfg);
        if (xf_db_open(f->e->path, 0, &db, &err) || xf_ctx_init(&ctx, db, &cfg, "other", &err))
            _exit(1);
        xf_db_set_actor(db, "other", "");
        struct xf_unit u = {.code = "OTHER", .name = "其他", .kind = "department"};
        if (xf_db_begin(db, "test.slow", &err) || xf_unit_create(&ctx, &u, &err))
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        usleep(400 * 1000);
        _exit(xf_db_commit(db, &err) ? 1 : 0);
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    double t0 = now_ms();
    assert_int_equal(create_unit(f, "U4", &err), XF_OK);
    double waited = now_ms() - t0;
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(waited >= 300 && waited < 2000);
    assert_int_equal(units(f, "U4"), 1);
    assert_int_equal(units(f, "OTHER"), 1);
    close(ready[0]);
    close(ready[1]);
    assert_int_equal(xf_db_open(f->e->path, 0, &f->hold, &err), XF_OK);
}

/* WAL: reading and opening another connection work while a write lock is
 * held (the reader sees the last commit, not the open transaction). */
static void test_readers_not_blocked(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    xf_db_set_busy_timeout(f->e->db, 0);
    hold_lock(f);
    sqlite3_exec(xf_db_handle(f->hold), "UPDATE unit SET name='改名' WHERE code='D1'", NULL, NULL,
                 NULL);
    struct xf_unit u = {0};
    assert_int_equal(xf_store_unit_by_code(f->e->db, "D1", &u, &err), XF_OK);
    assert_string_equal(u.name, "市场监管局");
    xf_unit_clear(&u);
    struct xf_db *third = NULL;
    assert_int_equal(xf_db_open(f->e->path, 0, &third, &err), XF_OK);
    xf_db_close(third);
    xf_db_rollback(f->hold);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_busy_after_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_zero_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_timeout_is_5s, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waits_for_short_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readers_not_blocked, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
