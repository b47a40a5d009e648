/* Busy handling (SPEC §5, §7): a writer waits for another connection's
 * write lock up to the busy timeout, then gets XF_EBUSY with a message a
 * user can act on; readers are never blocked; nothing is half saved. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TU_WITH_DB
#include "../unit/testutil.h"

#include "xf/store_internal.h"
#include "xf/store_restore.h"
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

/* WAL size (SPEC §7): the -wal file must go back to its start while
 * another connection sits idle after reading (as a screen does) and while
 * another process reads without pause; otherwise it grows with every
 * write until the disk is full (1.7 GB in a minute, bench/README.md).
 * A bound on size, not on time: holds on any machine. The store starts
 * the WAL over past 16 MB (db.c), but a RESTART that finds a reader
 * gives up after a few milliseconds and is tried again at the next
 * commit; only past 64 MB does it insist. On a loaded machine several
 * give up in a row (55 MB was seen once), so the bound is the issue's
 * for a busy city, 64 MB, and the writers write three times that. */
#define WAL_BOUND (64L << 20)
#define WAL_WRITTEN (192L << 20)

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : 0;
}

/* Short read transactions one after another, each over at least one
 * commit of the writer, until stop_fd is closed. */
static int read_until_stopped(const char *path, int stop_fd)
{
    struct xf_db *db;
    struct xf_error err = {0};
    if (xf_db_open(path, 0, &db, &err))
        return 1;
    struct pollfd p = {.fd = stop_fd, .events = POLLIN};
    while (poll(&p, 1, 0) == 0) {
        struct xf_unit u = {0};
        sqlite3_exec(xf_db_handle(db), "BEGIN", NULL, NULL, NULL);
        xf_store_unit_by_code(db, "D1", &u, &err);
        xf_unit_clear(&u);
        usleep(1000);
        sqlite3_exec(xf_db_handle(db), "COMMIT", NULL, NULL, NULL);
    }
    xf_db_close(db);
    return 0;
}

/* One transaction of 20 domain writes on ctx. */
static int write_batch(const struct xf_ctx *ctx, int writer, int batch)
{
    struct xf_error err = {0};
    int rc = xf_db_begin(ctx->db, "test.burst", &err);
    for (int i = 0; i < 20 && !rc; i++) {
        char code[32];
        snprintf(code, sizeof code, "W%d-%d-%d", writer, batch, i);
        struct xf_unit u = {.code = code, .name = "窗口", .kind = "department",
                            .trade = "政务服务"};
        rc = xf_unit_create(ctx, &u, &err);
        free(u.path);
    }
    if (rc) {
        xf_db_rollback(ctx->db);
        fprintf(stderr, "writer %d batch %d: %s\n", writer, batch, err.msg);
        return rc;
    }
    return xf_db_commit(ctx->db, &err);
}

/* A process of its own writing batches [0, n). */
static int write_batches(const char *path, int writer, long n)
{
    struct xf_config cfg;
    struct xf_db *db;
    struct xf_ctx ctx;
    struct xf_error err = {0};
    xf_config_defaults(&cfg);
    int rc = xf_db_open(path, 0, &db, &err);
    if (!rc) {
        xf_db_set_actor(db, "tester", "");
        rc = xf_ctx_init(&ctx, db, &cfg, "tester", &err);
        for (long b = 0; b < n && !rc; b++)
            rc = write_batch(&ctx, writer, (int)b);
        xf_db_close(db);
    }
    xf_config_free(&cfg);
    return rc != 0;
}

enum { WAL_WRITERS = 4 };

static void test_wal_stays_bounded(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", f->e->path);
    /* The idle connection has read through the store, then does nothing. */
    struct xf_unit u = {0};
    assert_int_equal(xf_store_unit_by_code(f->hold, "D1", &u, &err), XF_OK);
    xf_unit_clear(&u);
    assert_true(xf_db_data_version(f->hold) >= 0);
    /* Start from an empty WAL to learn what a batch adds to it. */
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), "PRAGMA wal_checkpoint(TRUNCATE)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(file_size(wal), 0);
    for (int b = 0; b < 5; b++)
        assert_int_equal(write_batch(&f->e->ctx, 0, b), XF_OK);
    long per_batch = file_size(wal) / 5;
    assert_true(per_batch > 0);
    /* Writers at once write three times the bound in all, with a reader
     * always inside a read: without checkpoints that start the WAL over,
     * the file would end near three times the bound. */
    long each = WAL_WRITTEN / per_batch / WAL_WRITERS + 1;
    int stop[2];
    assert_int_equal(pipe(stop), 0);
    pid_t reader = fork(), writers[WAL_WRITERS];
    assert_true(reader >= 0);
    if (reader == 0) {
        close(stop[1]);
        _exit(read_until_stopped(f->e->path, stop[0]));
    }
    close(stop[0]);
    for (int w = 0; w < WAL_WRITERS; w++) {
        writers[w] = fork();
        assert_true(writers[w] >= 0);
        if (writers[w] == 0)
            _exit(write_batches(f->e->path, w + 1, each));
    }
    long largest = 0;
    int left = WAL_WRITERS, status, failed = 0;
    while (left > 0) {
        long sz = file_size(wal);
        if (sz > largest)
            largest = sz;
        pid_t p = waitpid(-1, &status, WNOHANG);
        if (p > 0 && p != reader) {
            left--;
            failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
        } else if (p == 0) {
            usleep(5000);
        }
    }
    close(stop[1]);
    assert_int_equal(waitpid(reader, &status, 0), reader);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(failed, 0);
    if (largest > WAL_BOUND)
        fail_msg("the -wal file reached %ld bytes (bound %ld) after %ld batches of %ld bytes",
                 largest, WAL_BOUND, each * WAL_WRITERS, per_batch);
    /* Every write landed despite the checkpoints. */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->hold),
                                        "SELECT count(*) FROM unit WHERE code LIKE 'W_-%'", -1,
                                        &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), (5 + each * WAL_WRITERS) * 20);
    sqlite3_finalize(st);
}

/* Units R<i> one a transaction until stop_fd closes, each number
 * appended to log_path once its commit returned; busy refusals are fine. */
static int write_until_stopped(const char *path, const char *log_path, int stop_fd)
{
    struct xf_config cfg;
    struct xf_db *db;
    struct xf_ctx ctx;
    struct xf_error err = {0};
    xf_config_defaults(&cfg);
    if (xf_db_open(path, 0, &db, &err) || xf_ctx_init(&ctx, db, &cfg, "tester", &err))
        return 1;
    xf_db_set_actor(db, "tester", "");
    FILE *log = fopen(log_path, "a");
    struct pollfd p = {.fd = stop_fd, .events = POLLIN};
    for (int i = 0; log && poll(&p, 1, 0) == 0; i++) {
        char code[32];
        snprintf(code, sizeof code, "R%d", i);
        struct xf_unit u = {.code = code, .name = "窗口", .kind = "department"};
        int rc = xf_unit_create(&ctx, &u, &err);
        free(u.path);
        if (rc == XF_OK) {
            fprintf(log, "%s\n", code);
            fflush(log);
        }
        /* A restore came: this writer read nothing it writes from. */
        int64_t mark;
        if (rc == XF_ECONFLICT && xf_db_restore_latest(db, &mark, &err) == XF_OK)
            xf_db_restore_take(db, mark);
    }
    if (log)
        fclose(log);
    xf_db_close(db);
    xf_config_free(&cfg);
    return 0;
}

/* A process of write_until_stopped's; it stops when *stop is closed. */
static pid_t start_writer(const char *path, const char *log_path, int *stop)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t writer = fork();
    assert_true(writer >= 0);
    if (writer == 0) {
        close(fds[1]);
        _exit(write_until_stopped(path, log_path, fds[0]));
    }
    close(fds[0]);
    *stop = fds[1];
    return writer;
}

static bool has_unit(const char *db_path, const char *code)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    bool found = false;
    if (sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT 1 FROM unit WHERE code=?", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return found;
}

static long lines_in(const char *path)
{
    FILE *f = fopen(path, "r");
    long n = 0;
    for (int c; f && (c = fgetc(f)) != EOF;)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

/* A restore while another process saves: every save that was reported
 * done is in the copy the restore keeps or in the database after it (a
 * save between the copy and the restore was in neither: trial Q lost
 * three of 200 imports). */
static void test_restore_loses_no_save(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    char backup[300], log_path[300];
    snprintf(backup, sizeof backup, "%s/backup.db", f->e->dir);
    snprintf(log_path, sizeof log_path, "%s/saved.log", f->e->dir);
    assert_int_equal(xf_db_backup(f->e->db, backup, &err), XF_OK);
    int stop;
    pid_t writer = start_writer(f->e->path, log_path, &stop);
    enum { ROUNDS = 8 };
    char kept[ROUNDS][300];
    for (int r = 0; r < ROUNDS; r++) {
        long before = lines_in(log_path);
        for (double end = now_ms() + 5000; lines_in(log_path) < before + 20 && now_ms() < end;)
            usleep(1000);
        snprintf(kept[r], sizeof kept[r], "%s/kept-%d.db", f->e->dir, r);
        int rc = xf_store_restore(f->e->db, backup, kept[r], NULL, &err);
        if (rc != XF_OK)
            fail_msg("restore %d: %s", r, err.msg);
    }
    close(stop);
    int status;
    assert_int_equal(waitpid(writer, &status, 0), writer);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    FILE *log = fopen(log_path, "r");
    assert_non_null(log);
    char code[32];
    long saved = 0, lost = 0;
    while (fscanf(log, "%31s", code) == 1) {
        saved++;
        bool found = has_unit(f->e->path, code);
        for (int r = 0; r < ROUNDS && !found; r++)
            found = has_unit(kept[r], code);
        if (!found && lost++ < 5)
            print_message("saved but lost: %s\n", code);
    }
    fclose(log);
    assert_true(saved >= ROUNDS * 20);
    assert_int_equal(lost, 0);
}

/* A backup while another process saves without pause ends, with a copy
 * of one moment: copied in steps, it began again at every commit and
 * never ended (trial Q saw it at 100% CPU for ever). */
static void test_backup_ends_while_others_save(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(f->e->db, "test.fill", &err), XF_OK);
    for (int i = 0; i < 4000; i++) {
        char code[32];
        snprintf(code, sizeof code, "F%d", i);
        assert_int_equal(create_unit(f, code, &err), XF_OK);
    }
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
    char backup[300], log_path[300];
    snprintf(backup, sizeof backup, "%s/during.db", f->e->dir);
    snprintf(log_path, sizeof log_path, "%s/saved.log", f->e->dir);
    int stop;
    pid_t writer = start_writer(f->e->path, log_path, &stop);
    for (double end = now_ms() + 5000; lines_in(log_path) < 20 && now_ms() < end;)
        usleep(1000);
    pid_t copier = fork();
    assert_true(copier >= 0);
    if (copier == 0) {
        struct xf_db *db;
        _exit(xf_db_open(f->e->path, 0, &db, &err) || xf_db_backup(db, backup, &err));
    }
    int status = 0;
    pid_t got = 0;
    for (double end = now_ms() + 20000; (got = waitpid(copier, &status, WNOHANG)) == 0 &&
                                        now_ms() < end;)
        usleep(10000);
    if (got == 0)
        kill(copier, SIGKILL), waitpid(copier, &status, 0);
    close(stop);
    int ws;
    waitpid(writer, &ws, 0);
    if (got == 0)
        fail_msg("the backup was still copying after 20 s");
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(has_unit(backup, "F3999"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_busy_after_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_zero_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_timeout_is_5s, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waits_for_short_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readers_not_blocked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wal_stays_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restore_loses_no_save, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_ends_while_others_save, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
