/* The crash tests' writer (tests/crash/run.sh): short write transactions
 * through the domain API, one after another as fast as they go, so that a
 * SIGKILL at a random moment often lands inside one. After each commit it
 * prints what it wrote and flushes, so the runner knows which writes were
 * confirmed before the kill and can check they all survived.
 *
 *   crash_writer setup DB PLEDGES   a post and PLEDGES open pledges to keep
 *   crash_writer run DB SECONDS     write until killed (or SECONDS pass)
 *
 * run alternates: an inspection logged (every other one failed, so it opens
 * a rectification in the same transaction), then the lowest open pledge
 * marked kept. Output lines: "I <inspection id>" and "K <pledge id>". */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/date.h"
#include "xf/db.h"
#include "xf/inspection.h"
#include "xf/pledge.h"
#include "xf/post.h"
#include "xf/store_internal.h"
#include "xf/unit.h"

struct session {
    struct xf_db *db;
    struct xf_config cfg;
    struct xf_ctx ctx;
};

static int fail(const char *what, const struct xf_error *err)
{
    fprintf(stderr, "crash_writer: %s: %s%s%s\n", what, err->field, *err->field ? ": " : "",
            err->msg);
    return 1;
}

static int session_open(struct session *s, const char *path, int flags, const char *actor,
                        struct xf_error *err)
{
    xf_config_defaults(&s->cfg); /* no users: the caller is admin */
    int rc = xf_db_open(path, flags, &s->db, err);
    if (rc)
        return rc;
    xf_db_set_actor(s->db, actor, "crash");
    return xf_ctx_init(&s->ctx, s->db, &s->cfg, actor, err);
}

static void session_close(struct session *s)
{
    if (s->db)
        xf_db_close(s->db);
    xf_config_free(&s->cfg);
}

/* ---- setup ----------------------------------------------------------------- */

static int make_place(struct session *s, int64_t *member_id, struct xf_error *err)
{
    struct xf_unit top = {.code = "CRASH", .name = "崩溃测试局", .kind = "department",
                          .trade = "政务服务"};
    int rc = xf_unit_create(&s->ctx, &top, err);
    if (rc)
        return rc;
    struct xf_unit win = {.parent_id = top.id, .code = "CRASH-W1", .name = "第一服务窗口",
                          .kind = "window", .trade = "政务服务"};
    rc = xf_unit_create(&s->ctx, &win, err);
    struct xf_member m = {.unit_id = win.id, .code = "CRASH-M1", .name = "李明",
                          .position = "窗口负责人"};
    struct xf_post p = {.unit_id = win.id, .code = "CRASH-P1", .title = "崩溃测试先锋岗",
                        .holder_name = "李明", .position = "科员", .scope = "业务办理",
                        .hotline = "12345"};
    if (!rc)
        rc = xf_member_create(&s->ctx, &m, err);
    if (!rc)
        rc = xf_post_create(&s->ctx, &p, err);
    *member_id = m.id;
    free(top.path);
    free(win.path);
    return rc;
}

static int setup(const char *path, long pledges)
{
    struct session s = {0};
    struct xf_error err = {0};
    int64_t member_id = 0;
    char today[XF_DATE_LEN], made[XF_DATE_LEN], due[XF_DATE_LEN];
    xf_date_today(today);
    xf_date_add_days(today, -400, made);
    xf_date_add_days(today, 60, due);
    int rc = session_open(&s, path, XF_DB_CREATE, "setup", &err);
    if (!rc)
        rc = xf_db_begin(s.db, "crash.setup", &err);
    if (!rc)
        rc = make_place(&s, &member_id, &err);
    for (long k = 0; !rc && k < pledges; k++) {
        char text[64]; /* each its own pledge: a repeat is refused */
        snprintf(text, sizeof text, "按时办结群众诉求（第%ld项）", k + 1);
        struct xf_pledge_new pn = {.member_id = member_id, .text = text,
                                   .category = "time_limit", .made_on = made, .due_on = due};
        rc = xf_pledge_make(&s.ctx, &pn, NULL, &err);
    }
    if (!rc)
        rc = xf_db_commit(s.db, &err);
    else if (s.db)
        xf_db_rollback(s.db);
    session_close(&s);
    return rc ? fail("setup", &err) : 0;
}

/* ---- run ------------------------------------------------------------------- */

static int64_t post_id(struct session *s, struct xf_error *err)
{
    struct xf_post p = {0};
    if (xf_store_post_by_code(s->db, "CRASH-P1", &p, err))
        return -1;
    int64_t id = p.id;
    xf_post_clear(&p);
    return id;
}

/* The dates spread over a year so inspection codes (four digits a day)
 * never run out however many runs there are. */
static int inspect(struct session *s, int64_t post, long n, int64_t *id, struct xf_error *err)
{
    static const char *const pass[] = {"pass", "pass", "pass", "pass", "pass"};
    static const char *const fail_[] = {"fail", "pass", "pass", "fail", "pass"};
    char today[XF_DATE_LEN], on[XF_DATE_LEN];
    xf_date_today(today);
    xf_date_add_days(today, -(int)(n % 360), on);
    bool failing = n % 2 == 1;
    struct xf_inspection_new in = {.kind = "unannounced", .post_id = post, .on_date = on,
                                   .findings = failing ? "公示牌未悬挂" : "",
                                   .outcomes = failing ? fail_ : pass, .n_outcomes = 5};
    return xf_inspection_log(&s->ctx, &in, id, err);
}

/* The lowest open pledge and its version: what a clerk's screen shows. */
static int next_open(struct session *s, int64_t *id, int64_t *version, struct xf_error *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(xf_db_handle(s->db),
                                "SELECT id, version FROM pledge WHERE status='open' "
                                "AND created_by='setup' ORDER BY id LIMIT 1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return xf_db_fail(s->db, rc, err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *version = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xf_err(err, XF_ENOTFOUND, "", "no open pledge left to keep");
    return rc == SQLITE_ROW ? XF_OK : xf_db_fail(s->db, rc, err);
}

static int keep(struct session *s, int64_t *id, struct xf_error *err)
{
    int64_t version = 0;
    char today[XF_DATE_LEN];
    xf_date_today(today);
    int rc = next_open(s, id, &version, err);
    return rc ? rc : xf_pledge_keep(&s->ctx, *id, version, today, "群众回访满意", err);
}

static int run(const char *path, double seconds)
{
    struct session s = {0};
    struct xf_error err = {0};
    int rc = session_open(&s, path, 0, "crash", &err);
    int64_t post = rc ? -1 : post_id(&s, &err);
    if (post < 0) {
        session_close(&s);
        return fail("open", &err);
    }
    time_t until = time(NULL) + (time_t)seconds;
    for (long n = 0; !rc && time(NULL) < until; n++) {
        int64_t id = 0;
        if (n % 2 == 0) {
            if (!(rc = inspect(&s, post, n / 2, &id, &err)))
                printf("I %" PRId64 "\n", id);
        } else if (!(rc = keep(&s, &id, &err))) {
            printf("K %" PRId64 "\n", id);
        }
        fflush(stdout);
    }
    session_close(&s);
    return rc ? fail("write", &err) : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "setup") == 0)
        return setup(argv[2], atol(argv[3]));
    if (argc == 4 && strcmp(argv[1], "run") == 0)
        return run(argv[2], atof(argv[3]));
    fprintf(stderr, "usage: crash_writer setup DB PLEDGES | run DB SECONDS\n");
    return 2;
}
