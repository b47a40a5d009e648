/* The concurrency benchmark (bench/README.md): PROCS processes, each with
 * its own connection and actor, make domain writes on the city database
 * for SECONDS, the way clerks at many desks would. The approach is that of
 * tests/stress/writers.c (fork after setup, results in shared memory), but
 * this measures rather than checks: throughput, wait per write, failures,
 * and the largest size the -wal file reached, sampled by the parent.
 *
 * Usage: writers DB PROCS SECONDS
 * XFBENCH_MIX=complaint|inspection|pledge makes only that kind of write.
 * Prints "name value" lines for bench/run.sh. A write that fails for any
 * reason (including XF_EBUSY after the busy timeout) counts as a failure:
 * the user would have seen an error. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xf/complaint.h"
#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/date.h"
#include "xf/db.h"
#include "xf/inspection.h"
#include "xf/pledge.h"
#include "xf/store_internal.h"

enum { MAX_PROCS = 64, MAX_WRITES = 40000 };

struct result {
    long writes, failures;
    char msg[1200];
    int n;
    float wait_ms[MAX_WRITES];
};

struct place {
    int64_t post_id, unit_id;
    char post_code[64];
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Writer n works at the n-th post (by id) of the city. */
static int find_place(struct xf_db *db, int n, struct place *pl)
{
    sqlite3_stmt *st;
    int rc = -1;
    if (sqlite3_prepare_v2(xf_db_handle(db),
                           "SELECT id, unit_id, code FROM post ORDER BY id LIMIT 1 OFFSET ?", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(st, 1, n * 97);
    if (sqlite3_step(st) == SQLITE_ROW) {
        pl->post_id = sqlite3_column_int64(st, 0);
        pl->unit_id = sqlite3_column_int64(st, 1);
        snprintf(pl->post_code, sizeof pl->post_code, "%s", sqlite3_column_text(st, 2));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

enum { MIX_ALL, MIX_COMPLAINT, MIX_INSPECTION, MIX_PLEDGE };
static int mix;

static int64_t complaint_version(const struct xf_ctx *c, int64_t id, struct xf_error *err)
{
    struct xf_complaint k = {0};
    if (xf_complaint_get(c, id, &k, err))
        return -1;
    int64_t v = k.version;
    xf_complaint_clear(&k);
    return v;
}

/* Writes of a clerk's day, in a cycle of ten: a complaint taken through
 * receive, classify, dispatch, sign and reply; an inspection logged; a
 * pledge made; ... Each reads the version first, as a screen would. */
static int one_write(const struct xf_ctx *c, const struct place *pl, int s, int64_t *complaint,
                     struct xf_error *err)
{
    char today[XF_DATE_LEN], due[XF_DATE_LEN];
    xf_date_today(today);
    int step = s % 8;
    /* XFBENCH_MIX: only one kind of write, to see what each costs. */
    if (mix == MIX_COMPLAINT)
        step = s % 5;
    else if (mix == MIX_INSPECTION)
        step = 5;
    else if (mix == MIX_PLEDGE)
        step = 7;
    if (step == 0) {
        struct xf_complaint_new in = {.source = "hotline", .post_code = pl->post_code,
                                      .text = "窗口排队时间过长，工作人员态度冷淡",
                                      .complainant_name = "王芳",
                                      .complainant_phone = "13900001111"};
        return xf_complaint_receive(c, &in, complaint, err);
    }
    if (step >= 1 && step <= 4) {
        int64_t v = complaint_version(c, *complaint, err);
        if (v < 0)
            return err->code;
        switch (step) {
        case 1: return xf_complaint_classify(c, *complaint, v, "attitude", "态度问题", err);
        case 2: return xf_complaint_dispatch(c, *complaint, v, pl->unit_id, NULL, 0, NULL, err);
        case 3: return xf_complaint_sign(c, *complaint, v, NULL, err);
        default: return xf_complaint_reply(c, *complaint, v, "已约谈当事人并向群众致歉", err);
        }
    }
    if (step == 5 || step == 6) {
        static const char *const pass[] = {"pass", "pass", "pass", "pass", "pass"};
        struct xf_inspection_new in = {.kind = "unannounced", .post_id = pl->post_id,
                                       .on_date = today, .findings = "",
                                       .outcomes = pass, .n_outcomes = 5};
        return xf_inspection_log(c, &in, NULL, err);
    }
    xf_date_add_days(today, 30, due);
    char text[192]; /* each its own pledge: a repeat is refused */
    snprintf(text, sizeof text, "窗口服务满意率达到95%%（%s 第%ld-%d项）", pl->post_code,
             (long)getpid(), s); /* another run on the same copy made the same day too */
    struct xf_pledge_new in = {.unit_id = pl->unit_id, .kind = "unit_target", .text = text,
                               .category = "quality", .made_on = today, .due_on = due};
    int64_t id;
    return xf_pledge_make(c, &in, &id, err);
}

static int run_writer(const char *path, int no, double until, struct result *res)
{
    struct xf_config cfg;
    struct xf_db *db;
    struct xf_ctx ctx;
    struct xf_error err = {0};
    struct place pl;
    char actor[32];
    snprintf(actor, sizeof actor, "bench-writer-%d", no);
    xf_config_defaults(&cfg); /* no users: everyone is admin */
    if (xf_db_open(path, 0, &db, &err)) {
        snprintf(res->msg, sizeof res->msg, "open: %s", err.msg);
        return 1;
    }
    xf_db_set_actor(db, actor, "bench");
    if (xf_ctx_init(&ctx, db, &cfg, actor, &err) || find_place(db, no, &pl)) {
        snprintf(res->msg, sizeof res->msg, "setup: %s", err.msg);
        xf_db_close(db);
        return 1;
    }
    int64_t complaint = 0;
    for (int s = 0; now_ms() < until && res->n < MAX_WRITES; s++) {
        xf_err_clear(&err);
        double t0 = now_ms();
        int rc = one_write(&ctx, &pl, s, &complaint, &err);
        res->wait_ms[res->n++] = (float)(now_ms() - t0);
        if (rc == XF_OK) {
            res->writes++;
            continue;
        }
        res->failures++;
        snprintf(res->msg, sizeof res->msg, "write %d: code %d: %s: %s", s, rc, err.field,
                 err.msg);
        if (s % 8 == 0)
            s += 4; /* no complaint to move along: skip to the inspection */
    }
    xf_db_close(db);
    xf_config_free(&cfg);
    return 0;
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : 0;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static void report(const struct result *res, int procs, double elapsed_ms, long wal_max)
{
    size_t n = 0;
    long writes = 0, failures = 0;
    for (int w = 0; w < procs; w++)
        n += (size_t)res[w].n;
    float *all = malloc(sizeof(float) * (n ? n : 1));
    if (!all)
        return;
    n = 0;
    for (int w = 0; w < procs; w++) {
        writes += res[w].writes;
        failures += res[w].failures;
        for (int i = 0; i < res[w].n; i++)
            all[n++] = res[w].wait_ms[i];
        if (res[w].failures)
            fprintf(stderr, "writers: writer %d: %ld failures, last: %s\n", w + 1,
                    res[w].failures, res[w].msg);
    }
    qsort(all, n, sizeof *all, cmp_float);
    printf("writes %ld\nfailures %ld\nwrites_per_s %.0f\n", writes, failures,
           (double)writes * 1e3 / elapsed_ms);
    if (n)
        printf("wait_median_ms %.1f\nwait_p99_ms %.1f\nwait_max_ms %.1f\n", all[n / 2],
               all[(n * 99 + 99) / 100 - 1], all[n - 1]);
    printf("wal_max_mb %.1f\n", (double)wal_max / (1024.0 * 1024.0));
    free(all);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: writers DB PROCS SECONDS\n");
        return 2;
    }
    const char *path = argv[1];
    int procs = atoi(argv[2]);
    double seconds = atof(argv[3]);
    if (procs < 1 || procs > MAX_PROCS || seconds <= 0) {
        fprintf(stderr, "writers: 1-%d processes, a positive duration\n", MAX_PROCS);
        return 2;
    }
    const char *m = getenv("XFBENCH_MIX");
    mix = !m || !*m                        ? MIX_ALL
          : strcmp(m, "complaint") == 0    ? MIX_COMPLAINT
          : strcmp(m, "inspection") == 0   ? MIX_INSPECTION
          : strcmp(m, "pledge") == 0       ? MIX_PLEDGE
                                           : -1;
    if (mix < 0) {
        fprintf(stderr, "writers: XFBENCH_MIX is complaint, inspection or pledge\n");
        return 2;
    }
    size_t shared = sizeof(struct result) * (size_t)procs;
    struct result *res =
        mmap(NULL, shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    pid_t pids[MAX_PROCS];
    double t0 = now_ms(), until = t0 + seconds * 1e3;
    for (int w = 0; w < procs; w++) {
        pids[w] = fork();
        if (pids[w] == 0)
            _exit(run_writer(path, w + 1, until, &res[w]));
        if (pids[w] < 0) {
            perror("fork");
            return 1;
        }
    }
    /* Sample the WAL while the writers run. */
    long wal_max = 0;
    int left = procs, status;
    while (left > 0) {
        long sz = file_size(wal);
        if (sz > wal_max)
            wal_max = sz;
        pid_t p = waitpid(-1, &status, WNOHANG);
        if (p > 0) {
            left--;
            if (!WIFEXITED(status) || WEXITSTATUS(status))
                for (int w = 0; w < procs; w++)
                    if (pids[w] == p)
                        res[w].failures += 1, fprintf(stderr, "writers: writer %d died: %s\n",
                                                      w + 1, res[w].msg);
            continue;
        }
        if (p < 0 && errno != EINTR)
            break;
        usleep(50000);
    }
    report(res, procs, now_ms() - t0, wal_max);
    munmap(res, shared);
    return 0;
}
