/* Many writers on one database file (SPEC §5): N processes, each with its
 * own connection and actor, make WRITES short writes through the domain
 * API at the same time. Afterwards the parent checks that every write
 * landed exactly once with its history rows and that the file is sound,
 * and prints throughput and write waits.
 *
 * Usage: writers DIR [PROCESSES]   (DIR must exist; DIR/stress.db is made)
 * Prints "ok   name" / "FAIL name" per check; exit 0 when all pass. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
#include "xf/post.h"
#include "xf/store_internal.h"
#include "xf/unit.h"

#define MAX_PROCS 64
#define WRITES 200
/* Per process: COMPLAINTS full cycles of 7 writes, and the other 60 writes
 * split as below (see other_op). */
#define COMPLAINTS 20
#define STEPS 7
#define INSPECTIONS 30
#define FAILING 10 /* every third inspection fails */
#define MAKES 10
#define WITHDRAWS 5
#define KEEPS 15
#define MAX_RETRIES 100

/* What one process reports back through shared memory. */
struct result {
    int failed;
    char msg[700];
    long retries;
    long writes;
    long complaints, pledges_made, pledges_withdrawn, pledges_kept, inspections, failing;
    double wait_ms[WRITES];
};

struct worker {
    int no; /* 1-based */
    struct xf_ctx ctx;
    struct result *res;
    int64_t post_id, unit_id;
    char post_code[16];
    const int64_t *keep_ids; /* KEEPS pledges made during setup */
    int64_t made[MAKES];
    int n_made, n_withdrawn, n_kept;
    int64_t complaint; /* the one being moved along */
};

static int checks_ok, checks_failed;

static void check(bool ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void check(bool ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        checks_ok++;
        printf("ok   %s\n", name);
        return;
    }
    checks_failed++;
    printf("FAIL %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- setup (one process, before forking) -------------------------------- */

static int die_setup(const char *what, const struct xf_error *err)
{
    fprintf(stderr, "setup: %s: %s: %s\n", what, err->field, err->msg);
    return 1;
}

/* A department with an office, a member and a post per writer, and the
 * pledges each writer will mark kept (made by "setup", so a writer may
 * verify them). One transaction. */
static int setup(const char *path, int procs, int64_t *keep_ids)
{
    struct xf_db *db;
    struct xf_config cfg;
    struct xf_ctx ctx;
    struct xf_error err = {0};
    xf_config_defaults(&cfg);
    if (xf_db_open(path, XF_DB_CREATE, &db, &err))
        return die_setup("open", &err);
    xf_db_set_actor(db, "setup", "stress");
    int rc = xf_ctx_init(&ctx, db, &cfg, "setup", &err);
    if (!rc)
        rc = xf_db_begin(db, "stress.setup", &err);
    struct xf_unit top = {.code = "STRESS", .name = "压力测试局", .kind = "department",
                          .trade = "政务服务"};
    if (!rc)
        rc = xf_unit_create(&ctx, &top, &err);
    char today[XF_DATE_LEN], due[XF_DATE_LEN];
    xf_date_today(today);
    xf_date_add_days(today, 60, due);
    for (int w = 1; !rc && w <= procs; w++) {
        char code[16], mcode[16], pcode[16], name[64];
        snprintf(code, sizeof code, "W%02d", w);
        snprintf(mcode, sizeof mcode, "M%02d", w);
        snprintf(pcode, sizeof pcode, "P%02d", w);
        snprintf(name, sizeof name, "第%d服务窗口", w);
        struct xf_unit u = {.parent_id = top.id, .code = code, .name = name, .kind = "window",
                            .trade = "政务服务"};
        struct xf_member m = {.code = mcode, .name = "李明", .position = "窗口负责人"};
        struct xf_post p = {.code = pcode, .title = name, .holder_name = "李明",
                            .position = "科员", .scope = "业务办理", .hotline = "12345"};
        if ((rc = xf_unit_create(&ctx, &u, &err)))
            break;
        m.unit_id = p.unit_id = u.id;
        rc = xf_member_create(&ctx, &m, &err);
        if (!rc)
            rc = xf_post_create(&ctx, &p, &err);
        for (int k = 0; !rc && k < KEEPS; k++) {
            char text[64]; /* each its own pledge: a repeat is refused */
            snprintf(text, sizeof text, "按时办结群众诉求（第%d项）", k + 1);
            struct xf_pledge_new pn = {.member_id = m.id, .text = text,
                                       .category = "time_limit", .made_on = today,
                                       .due_on = due};
            rc = xf_pledge_make(&ctx, &pn, &keep_ids[(w - 1) * KEEPS + k], &err);
        }
        free(u.path);
    }
    free(top.path);
    if (!rc)
        rc = xf_db_commit(db, &err);
    if (rc)
        die_setup("data", &err);
    xf_db_close(db);
    xf_config_free(&cfg);
    return rc;
}

/* ---- one writer ---------------------------------------------------------- */

static int64_t complaint_version(struct worker *w, int64_t id, struct xf_error *err)
{
    struct xf_complaint c = {0};
    if (xf_complaint_get(&w->ctx, id, &c, err))
        return -1;
    int64_t v = c.version;
    xf_complaint_clear(&c);
    return v;
}

static int64_t pledge_version(struct worker *w, int64_t id, struct xf_error *err)
{
    struct xf_pledge p = {0};
    if (xf_pledge_get(&w->ctx, id, &p, err))
        return -1;
    int64_t v = p.version;
    xf_pledge_clear(&p);
    return v;
}

/* One step of the complaint cycle, reading the version first as a user's
 * screen would. */
static int complaint_step(struct worker *w, int step, struct xf_error *err)
{
    const struct xf_ctx *c = &w->ctx;
    if (step == 0) {
        struct xf_complaint_new in = {.source = "hotline", .post_code = w->post_code,
                                      .text = "窗口排队时间过长，工作人员态度冷淡",
                                      .complainant_name = "王芳",
                                      .complainant_phone = "13900001111"};
        return xf_complaint_receive(c, &in, &w->complaint, err);
    }
    int64_t id = w->complaint, v = complaint_version(w, id, err);
    if (v < 0)
        return err->code;
    switch (step) {
    case 1: return xf_complaint_classify(c, id, v, "attitude", "态度问题", err);
    case 2: return xf_complaint_dispatch(c, id, v, w->unit_id, NULL, 0, NULL, err);
    case 3: return xf_complaint_sign(c, id, v, NULL, err);
    case 4: return xf_complaint_reply(c, id, v, "已约谈当事人并向群众致歉", err);
    case 5: return xf_complaint_callback(c, id, v, XF_CALLBACK_SATISFIED, NULL, err); /* closes */
    default: return xf_complaint_note(c, id, v, "回访记录已归档", err);
    }
}

static int inspect(struct worker *w, bool failing, struct xf_error *err)
{
    static const char *const pass[] = {"pass", "pass", "pass", "pass", "pass"};
    static const char *const fail[] = {"fail", "pass", "pass", "fail", "pass"};
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_inspection_new in = {.kind = "unannounced", .post_id = w->post_id,
                                   .on_date = today,
                                   .findings = failing ? "公示牌未悬挂" : "",
                                   .outcomes = failing ? fail : pass, .n_outcomes = 5};
    return xf_inspection_log(&w->ctx, &in, NULL, err);
}

static int make_pledge(struct worker *w, struct xf_error *err)
{
    char today[XF_DATE_LEN], due[XF_DATE_LEN];
    xf_date_today(today);
    xf_date_add_days(today, 30, due);
    char text[64]; /* each its own pledge: a repeat is refused */
    snprintf(text, sizeof text, "窗口服务满意率达到95%%（第%d项）", w->n_made + 1);
    struct xf_pledge_new in = {.unit_id = w->unit_id, .kind = "unit_target", .text = text,
                               .category = "quality", .made_on = today, .due_on = due};
    return xf_pledge_make(&w->ctx, &in, &w->made[w->n_made], err);
}

/* The 60 writes besides complaints: inspections on even slots; on odd
 * ones pledges made, some of them withdrawn, and setup's pledges kept. */
static int other_op(struct worker *w, int o, struct xf_error *err)
{
    if (o % 2 == 0)
        return inspect(w, (o / 2) % 3 == 0, err);
    int k = o / 2;
    if (k % 2 == 0 && k < 2 * MAKES)
        return make_pledge(w, err);
    if (k % 2 == 1 && k < 2 * WITHDRAWS) {
        int64_t id = w->made[k / 2], v = pledge_version(w, id, err);
        return v < 0 ? err->code : xf_pledge_withdraw(&w->ctx, id, v, "岗位调整，承诺改由他人承担", err);
    }
    int64_t id = w->keep_ids[w->n_kept], v = pledge_version(w, id, err);
    char today[XF_DATE_LEN];
    xf_date_today(today);
    return v < 0 ? err->code : xf_pledge_keep(&w->ctx, id, v, today, "群众评议表", err);
}

/* Bookkeeping after a successful write, for the parent's expectations. */
static void count_done(struct worker *w, int s)
{
    struct result *r = w->res;
    if (s % 10 < STEPS) {
        r->complaints += s % 10 == STEPS - 1;
        return;
    }
    int o = (s / 10) * 3 + (s % 10 - STEPS);
    if (o % 2 == 0) {
        r->inspections++;
        r->failing += (o / 2) % 3 == 0;
        return;
    }
    int k = o / 2;
    if (k % 2 == 0 && k < 2 * MAKES) {
        w->n_made++;
        r->pledges_made++;
    } else if (k % 2 == 1 && k < 2 * WITHDRAWS) {
        w->n_withdrawn++;
        r->pledges_withdrawn++;
    } else {
        w->n_kept++;
        r->pledges_kept++;
    }
}

/* Write s of 200: steps 0-6 of every ten move a complaint along, 7-9 are
 * other writes. XF_EBUSY is retried (counted); anything else fails. */
static int write_one(struct worker *w, int s)
{
    struct xf_error err = {0};
    double t0 = now_ms();
    int rc, tries = 0;
    do {
        xf_err_clear(&err);
        rc = s % 10 < STEPS ? complaint_step(w, s % 10, &err)
                            : other_op(w, (s / 10) * 3 + (s % 10 - STEPS), &err);
        if (rc == XF_EBUSY)
            w->res->retries++;
    } while (rc == XF_EBUSY && ++tries < MAX_RETRIES);
    w->res->wait_ms[s] = now_ms() - t0;
    if (rc) {
        w->res->failed = 1;
        snprintf(w->res->msg, sizeof w->res->msg, "writer-%d write %d: code %d: %s: %s", w->no, s,
                 rc, err.field, err.msg);
        return rc;
    }
    w->res->writes++;
    count_done(w, s);
    return XF_OK;
}

static int find_place(struct worker *w, struct xf_error *err)
{
    snprintf(w->post_code, sizeof w->post_code, "P%02d", w->no);
    struct xf_post p = {0};
    int rc = xf_store_post_by_code(w->ctx.db, w->post_code, &p, err);
    w->post_id = p.id;
    w->unit_id = p.unit_id;
    xf_post_clear(&p);
    return rc;
}

static int run_writer(const char *path, int no, struct result *res, const int64_t *keep_ids)
{
    struct worker w = {.no = no, .res = res, .keep_ids = keep_ids + (no - 1) * KEEPS};
    struct xf_config cfg;
    struct xf_db *db;
    struct xf_error err = {0};
    char actor[32];
    snprintf(actor, sizeof actor, "writer-%d", no);
    xf_config_defaults(&cfg); /* no users: everyone is admin */
    int rc = xf_db_open(path, 0, &db, &err);
    if (!rc) {
        xf_db_set_actor(db, actor, "stress");
        rc = xf_ctx_init(&w.ctx, db, &cfg, actor, &err);
        if (!rc)
            rc = find_place(&w, &err);
        if (rc)
            snprintf(res->msg, sizeof res->msg, "writer-%d setup: %s", no, err.msg);
        for (int s = 0; !rc && s < WRITES; s++)
            rc = write_one(&w, s);
        xf_db_close(db);
    } else {
        snprintf(res->msg, sizeof res->msg, "writer-%d open: %s", no, err.msg);
    }
    xf_config_free(&cfg);
    if (rc)
        res->failed = 1;
    return rc ? 1 : 0;
}

/* ---- the parent's checks ------------------------------------------------- */

static int64_t q1(struct xf_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int64_t q1(struct xf_db *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *sql = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(xf_db_handle(db), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    } else {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(xf_db_handle(db)));
    }
    sqlite3_free(sql);
    return v;
}

static void check_eq(int64_t got, int64_t want, const char *name)
{
    check(got == want, name, "got %" PRId64 ", wanted %" PRId64, got, want);
}

static void check_totals(struct xf_db *db, int procs)
{
    int64_t n = procs;
    check_eq(q1(db, "SELECT count(*) FROM complaint"), n * COMPLAINTS, "complaints: all received");
    check_eq(q1(db, "SELECT count(*) FROM complaint WHERE state='closed' AND closed_at IS NOT NULL"),
             n * COMPLAINTS, "complaints: all closed");
    check_eq(q1(db, "SELECT count(*) FROM (SELECT complaint_id, group_concat(action,',') a "
                    "FROM (SELECT * FROM complaint_event ORDER BY id) GROUP BY complaint_id) "
                    "WHERE a='receive,classify,dispatch,sign,reply,callback_satisfied,note'"),
             n * COMPLAINTS, "complaints: 7 events each, in order");
    check_eq(q1(db, "SELECT count(*) FROM complaint_event"), n * COMPLAINTS * STEPS,
             "complaint events: no extra");
    check_eq(q1(db, "SELECT count(DISTINCT code) FROM complaint"), n * COMPLAINTS,
             "complaints: codes unique");
    check_eq(q1(db, "SELECT count(*) FROM complaint WHERE version=6"), n * COMPLAINTS,
             "complaints: version 6 (one bump per transition; a note changes no column)");
    check_eq(q1(db, "SELECT count(*) FROM pledge WHERE created_by LIKE 'writer-%%'"), n * MAKES,
             "pledges: all made");
    check_eq(q1(db, "SELECT count(*) FROM pledge WHERE status='withdrawn'"), n * WITHDRAWS,
             "pledges: withdrawn");
    check_eq(q1(db, "SELECT count(*) FROM pledge WHERE status='kept' AND verified_by LIKE "
                    "'writer-%%' AND created_by='setup'"),
             n * KEEPS, "pledges: kept by writers");
    check_eq(q1(db, "SELECT count(*) FROM inspection"), n * INSPECTIONS, "inspections: all logged");
    check_eq(q1(db, "SELECT count(*) FROM inspection WHERE result='fail'"), n * FAILING,
             "inspections: failing");
    check_eq(q1(db, "SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id "
                    "WHERE i.result='fail' AND r.status='open'"),
             n * FAILING, "rectifications: one per failed inspection");
    check_eq(q1(db, "SELECT count(DISTINCT code) FROM inspection"), n * INSPECTIONS,
             "inspections: codes unique");
}

/* History rows one process's writes must have left, per entity: every
 * insert and update of an audited row writes one. */
struct expect {
    const char *entity;
    int64_t rows;
};

static void check_history(struct xf_db *db, int procs, const struct result *res)
{
    bool all = true;
    for (int w = 1; w <= procs; w++) {
        const struct result *r = &res[w - 1];
        int64_t cycles = r->complaints;
        const struct expect want[] = {
            {"complaint", cycles * (STEPS - 1)}, /* the insert and five updates */
            {"complaint_event", cycles * STEPS},
            {"pledge", r->pledges_made + r->pledges_withdrawn + r->pledges_kept},
            {"inspection", r->inspections},
            {"inspection_item", r->inspections * 5},
            {"rectification", r->failing},
        };
        int64_t total = 0;
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            int64_t got = q1(db, "SELECT count(*) FROM history WHERE actor='writer-%d' AND entity='%s'",
                             w, want[i].entity);
            total += want[i].rows;
            if (got != want[i].rows) {
                all = false;
                check(false, "history per actor and entity",
                      "writer-%d %s: %" PRId64 " rows, wanted %" PRId64, w, want[i].entity, got,
                      want[i].rows);
            }
        }
        int64_t got = q1(db, "SELECT count(*) FROM history WHERE actor='writer-%d'", w);
        if (got != total) {
            all = false;
            check(false, "history per actor", "writer-%d: %" PRId64 " rows, wanted %" PRId64, w,
                  got, total);
        }
    }
    if (all)
        check(true, "history per actor and entity", " ");
    /* Every complaint's rows: its own 6 and its events', all by one writer. */
    check_eq(q1(db, "SELECT count(*) FROM complaint c WHERE "
                    "(SELECT count(DISTINCT actor) FROM history WHERE entity='complaint' "
                    "AND entity_id=c.id)=1 AND (SELECT count(*) FROM history WHERE "
                    "entity='complaint' AND entity_id=c.id)=6"),
             (int64_t)procs * COMPLAINTS, "history: 6 rows per complaint, one actor");
    check_eq(q1(db, "SELECT count(*) FROM history WHERE actor LIKE 'writer-%%' AND "
                    "(action IS NULL OR action NOT IN ('complaint.receive','complaint.classify',"
                    "'complaint.dispatch','complaint.sign','complaint.reply','complaint.callback',"
                    "'complaint.note','pledge.make','pledge.keep','pledge.withdraw',"
                    "'inspection.log'))"),
             0, "history: every row labelled with its action");
}

static void check_integrity(struct xf_db *db)
{
    sqlite3_stmt *st;
    const char *line = NULL;
    char *first = NULL;
    if (sqlite3_prepare_v2(xf_db_handle(db), "PRAGMA integrity_check", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && (line = (const char *)sqlite3_column_text(st, 0)))
            first = strdup(line);
        sqlite3_finalize(st);
    }
    check(first && strcmp(first, "ok") == 0, "PRAGMA integrity_check", "%s",
          first ? first : "(no answer)");
    free(first);
    char *report = NULL;
    struct xf_error err = {0};
    int rc = xf_db_integrity(db, &report, &err);
    check(rc == XF_OK && !report, "xf_db_integrity (foreign keys)", "%s",
          report ? report : err.msg);
    free(report);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report_waits(const struct result *res, int procs, double elapsed_ms)
{
    size_t n = 0;
    long retries = 0, writes = 0;
    double *all = malloc(sizeof(double) * WRITES * (size_t)procs);
    if (!all)
        return;
    for (int w = 0; w < procs; w++) {
        retries += res[w].retries;
        writes += res[w].writes;
        for (int s = 0; s < WRITES; s++)
            all[n++] = res[w].wait_ms[s];
    }
    qsort(all, n, sizeof *all, cmp_double);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += all[i];
    size_t p99 = (n * 99 + 99) / 100 - 1, p50 = n / 2;
    printf("stress: %ld writes by %d processes in %.2f s: %.0f writes/s; wait per write: "
           "mean %.1f ms, median %.1f ms, p99 %.1f ms, worst %.1f ms; %ld busy retries\n",
           writes, procs, elapsed_ms / 1e3, (double)writes * 1e3 / elapsed_ms, sum / (double)n, all[p50],
           all[p99], all[n - 1], retries);
    free(all);
}

static void check_children(const struct result *res, const int *status, int procs)
{
    bool ok = true;
    for (int w = 0; w < procs; w++) {
        if (res[w].failed || !WIFEXITED(status[w]) || WEXITSTATUS(status[w]) != 0) {
            ok = false;
            check(false, "writer finished", "writer-%d (status %d): %s", w + 1, status[w],
                  res[w].msg[0] ? res[w].msg : "died");
        }
    }
    if (ok)
        check(true, "every writer finished every write", " ");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: writers DIR [PROCESSES]\n");
        return 2;
    }
    int procs = argc > 2 ? atoi(argv[2]) : 16;
    if (procs < 1 || procs > MAX_PROCS) {
        fprintf(stderr, "writers: 1-%d processes\n", MAX_PROCS);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/stress.db", argv[1]);
    size_t shared = sizeof(struct result) * MAX_PROCS + sizeof(int64_t) * MAX_PROCS * KEEPS;
    void *mem = mmap(NULL, shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    struct result *res = mem;
    int64_t *keep_ids = (int64_t *)(res + MAX_PROCS);
    if (setup(path, procs, keep_ids))
        return 1;

    pid_t pids[MAX_PROCS];
    int status[MAX_PROCS] = {0};
    double t0 = now_ms();
    /* No connection is open across fork: each child opens its own. */
    for (int w = 0; w < procs; w++) {
        pids[w] = fork();
        if (pids[w] == 0)
            _exit(run_writer(path, w + 1, &res[w], keep_ids));
        if (pids[w] < 0) {
            perror("fork");
            return 1;
        }
    }
    for (int w = 0; w < procs; w++)
        while (waitpid(pids[w], &status[w], 0) < 0 && errno == EINTR)
            ;
    double elapsed = now_ms() - t0;

    check_children(res, status, procs);
    struct xf_db *db;
    struct xf_error err = {0};
    if (xf_db_open(path, 0, &db, &err)) {
        check(false, "reopen", "%s", err.msg);
    } else {
        check_totals(db, procs);
        check_history(db, procs, res);
        check_integrity(db);
        xf_db_close(db);
    }
    report_waits(res, procs, elapsed);
    printf("writers: %d passed, %d failed\n", checks_ok, checks_failed);
    munmap(mem, shared);
    return checks_failed ? 1 : 0;
}
