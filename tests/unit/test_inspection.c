/* Inspections and rectifications: result rules, life cycle, permissions,
 * history, report, CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/inspection.h"
#include "xf/store_internal.h"

#define TODAY "2026-06-15"

struct fixture {
    struct tu_env *e;
    int64_t d1, o1, d2;
    int64_t post; /* P1 at O1 */
};

static int64_t sql_count(struct tu_env *e, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL), SQLITE_OK);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* Posts belong to another module: the fixture writes the row itself. */
static int64_t add_post(struct tu_env *e, const char *code, int64_t unit)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO post(code,unit_id,title,status,published_on,updated_at)"
             " VALUES ('%s',%lld,'办证窗口','published','2026-01-01','2026-01-01 00:00:00')",
             code, (long long)unit);
    assert_int_equal(sqlite3_exec(xf_db_handle(e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    return sqlite3_last_insert_rowid(xf_db_handle(e->db));
}

static void build(struct fixture *f)
{
    f->d1 = tu_unit(f->e, "D1", "市质监局", 0);
    f->o1 = tu_unit(f->e, "O1", "稽查科", f->d1);
    f->d2 = tu_unit(f->e, "D2", "市交警支队", 0);
    f->post = add_post(f->e, "P1", f->o1);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    xf_date_set_today(TODAY);
    f->e = tu_env_open();
    build(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    tu_env_close(f->e);
    free(f);
    xf_date_set_today(NULL);
    return 0;
}

#define assert_refused(rc_expr, code, fieldname)                                                   \
    do {                                                                                           \
        int rc_ = (rc_expr);                                                                       \
        if (rc_ != (code))                                                                         \
            fprintf(stderr, "got %d (%s: %s)\n", rc_, err.field, err.msg);                         \
        assert_int_equal(rc_, (code));                                                             \
        if ((fieldname) != NULL)                                                                   \
            assert_string_equal(err.field, (const char *)(fieldname));                             \
        assert_true(err.msg[0] != '\0');                                                           \
    } while (0)

/* Default checklists: unannounced has 5 items, the first two critical;
 * sample has 3 items, the 1st and 3rd critical. */
static const char *all_pass[] = {"pass", "pass", "pass", "pass", "pass"};
static const char *one_fail[] = {"pass", "pass", "fail", "pass", "pass"};
static const char *two_fail[] = {"pass", "pass", "fail", "fail", "pass"};
static const char *critical_fail[] = {"fail", "pass", "pass", "pass", "pass"};
static const char *samples_ok[] = {"pass", "pass", "pass"};

static struct xf_inspection_new unannounced(const char **outcomes)
{
    return (struct xf_inspection_new){.kind = "unannounced",
                                      .post_code = "P1",
                                      .on_date = "2026-06-10",
                                      .findings = "公示牌缺失",
                                      .outcomes = outcomes,
                                      .n_outcomes = 5};
}

static int64_t log_ok(struct fixture *f, struct xf_inspection_new in)
{
    struct xf_error err = {0};
    int64_t id = 0;
    int rc = xf_inspection_log(&f->e->ctx, &in, &id, &err);
    if (rc)
        fprintf(stderr, "log: %s: %s\n", err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    return id;
}

static struct xf_inspection load(struct fixture *f, int64_t id)
{
    struct xf_inspection in = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_inspection_get(f->e->db, id, &in, &err), XF_OK);
    return in;
}

static struct xf_rectification rect_of(struct fixture *f, int64_t inspection_id)
{
    struct xf_rectification r = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_rect_by_inspection(f->e->db, inspection_id, &r, &err), XF_OK);
    return r;
}

/* ---- the derived result ---------------------------------------------------- */

/* While items are unticked only what is decided is said: 1 failed of 4
 * ticked was judged FAIL (1/4 above 0.2), as if the check were over. */
static void test_outlook_while_ticking(void **state)
{
    (void)state;
    struct xf_config cfg;
    xf_config_defaults(&cfg); /* item rate 0.2 */
    struct xf_inspection_tally t = {.items_applicable = 4, .items_failed = 1};
    char line[200];
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 1), XF_OUTLOOK_OPEN); /* 1/5 at best */
    xf_inspection_outlook_text(&cfg, &t, 1, line, sizeof line);
    assert_string_equal(line, "Not decided yet: 1 item to tick, 1 failed so far");
    t.items_failed = 0;
    xf_inspection_outlook_text(&cfg, &t, 1, line, sizeof line);
    assert_string_equal(line, "Not decided yet: 1 item to tick");
    t.items_failed = 2; /* 2/5 even if the last passes */
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 1), XF_OUTLOOK_FAIL_RATE);
    xf_inspection_outlook_text(&cfg, &t, 1, line, sizeof line);
    assert_string_equal(line, "FAIL whatever the rest: 2 of 5 items failed: above 20.0% even if "
                              "the rest pass (1 item to tick)");
    t = (struct xf_inspection_tally){.items_applicable = 1, .items_failed = 1};
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 4), XF_OUTLOOK_OPEN); /* 1/5 at best */
    t.critical_failed = true; /* whatever comes */
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 4), XF_OUTLOOK_FAIL_CRITICAL);
    xf_inspection_outlook_text(&cfg, &t, 4, line, sizeof line);
    assert_string_equal(line, "FAIL whatever the rest: a critical item failed (4 items to tick)");
    /* Nothing left: the result itself, the rule unchanged (at 0.2 passes). */
    t = (struct xf_inspection_tally){.items_applicable = 5, .items_failed = 1};
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 0), XF_OUTLOOK_PASS);
    t.items_failed = 2;
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 0), XF_OUTLOOK_FAIL_RATE);
    t = (struct xf_inspection_tally){.items_applicable = 3, .samples_checked = 20,
                                     .samples_failed = 2};
    assert_int_equal(xf_inspection_outlook(&cfg, &t, 0), XF_OUTLOOK_FAIL_SAMPLES);
    xf_config_free(&cfg);
}

static void test_result_rules(void **state)
{
    (void)state;
    struct xf_config cfg;
    xf_config_defaults(&cfg); /* item rate 0.2, sample rate 0.05 */
    struct xf_inspection_tally t = {.items_applicable = 5};
    assert_string_equal(xf_inspection_result(&cfg, &t), "pass");
    t.critical_failed = true;
    t.items_failed = 1;
    assert_string_equal(xf_inspection_result(&cfg, &t), "fail"); /* critical */
    t.critical_failed = false;
    assert_string_equal(xf_inspection_result(&cfg, &t), "pass"); /* 1/5 = 0.2, not above */
    t.items_failed = 2;
    assert_string_equal(xf_inspection_result(&cfg, &t), "fail"); /* 0.4 */
    t = (struct xf_inspection_tally){.items_applicable = 4, .items_failed = 1};
    assert_string_equal(xf_inspection_result(&cfg, &t), "fail"); /* 0.25: n.a. don't count */
    t = (struct xf_inspection_tally){.items_applicable = 0};
    assert_string_equal(xf_inspection_result(&cfg, &t), "pass");
    t = (struct xf_inspection_tally){
        .items_applicable = 3, .samples_checked = 20, .samples_failed = 1};
    assert_string_equal(xf_inspection_result(&cfg, &t), "pass"); /* 0.05 */
    t.samples_failed = 2;
    assert_string_equal(xf_inspection_result(&cfg, &t), "fail"); /* 0.1 */
    char why[160];
    xf_inspection_fail_reason(&cfg, &t, why, sizeof why); /* said, beside FAIL */
    assert_string_equal(why, "10.0% of the samples failed, above the 5.0% allowed");
    t.critical_failed = true; /* the items say which */
    xf_inspection_fail_reason(&cfg, &t, why, sizeof why);
    assert_string_equal(why, "");
    t.critical_failed = false;
    cfg.sample_fail_rate = 0.2;
    assert_string_equal(xf_inspection_result(&cfg, &t), "pass");
    xf_config_free(&cfg);
}

/* ---- logging --------------------------------------------------------------- */

static void test_log_passing_post_inspection(void **state)
{
    struct fixture *f = *state;
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(one_fail));
    struct xf_inspection in = load(f, id);
    assert_int_equal(in.post_id, f->post);
    assert_int_equal(in.unit_id, f->o1); /* the post's unit */
    assert_string_equal(in.inspector, "insp");
    assert_string_equal(in.template_name, "unannounced");
    assert_string_equal(in.result, "pass");
    assert_int_equal(in.items_applicable, 5);
    assert_int_equal(in.items_failed, 1);
    assert_false(in.critical_failed);
    assert_string_equal(in.code, "XJ-20260610-0001");
    xf_inspection_clear(&in);
    struct xf_inspection_item *items;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_store_inspection_items(f->e->db, id, &items, &n, &err), XF_OK);
    assert_int_equal(n, 5);
    assert_string_equal(items[0].label, f->e->cfg.checklists[0].items[0].label);
    assert_true(items[0].critical);
    assert_false(items[2].critical);
    assert_string_equal(items[2].outcome, "fail");
    assert_int_equal(items[4].item_no, 5);
    xf_inspection_items_free(items, n);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM rectification"), 0);
    assert_int_equal(tu_history(f->e, "inspection", id, "inspection.log"), 1);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM history WHERE entity="
                                     "'inspection_item' AND action='inspection.log'"),
                     5);
    /* a second one the same day gets the next code */
    int64_t id2 = log_ok(f, unannounced(all_pass));
    in = load(f, id2);
    assert_string_equal(in.code, "XJ-20260610-0002");
    xf_inspection_clear(&in);
}

static void test_log_unit_inspection_with_code(void **state)
{
    struct fixture *f = *state;
    struct xf_inspection_new n = unannounced(all_pass);
    n.post_code = NULL;
    n.unit_id = f->d2;
    n.code = "JC-2026-001";
    int64_t id = log_ok(f, n);
    struct xf_inspection in = load(f, id);
    assert_int_equal(in.post_id, 0);
    assert_int_equal(in.unit_id, f->d2);
    assert_string_equal(in.code, "JC-2026-001");
    xf_inspection_clear(&in);
    struct xf_error err = {0};
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "code");
    /* by post id */
    n = unannounced(all_pass);
    n.post_code = NULL;
    n.post_id = f->post;
    in = load(f, log_ok(f, n));
    assert_int_equal(in.unit_id, f->o1);
    xf_inspection_clear(&in);
}

static const char *code_of(struct fixture *f, int64_t id, char *buf, size_t n)
{
    struct xf_inspection in = load(f, id);
    snprintf(buf, n, "%s", in.code);
    xf_inspection_clear(&in);
    return buf;
}

/* New codes go on from the day's highest number, whatever the count. */
static void test_codes_number_on_from_the_highest(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    struct xf_inspection_new n = unannounced(all_pass);
    n.code = "XJ-20260610-0041";
    log_ok(f, n);
    n.code = "XJ-20260611-0500"; /* another day's numbers do not count */
    log_ok(f, n);
    n.code = NULL;
    assert_string_equal(code_of(f, log_ok(f, n), buf, sizeof buf), "XJ-20260610-0042");
    n.code = "XJ-20260610-9999";
    log_ok(f, n);
    n.code = NULL;
    assert_string_equal(code_of(f, log_ok(f, n), buf, sizeof buf), "XJ-20260610-10000");
    assert_string_equal(code_of(f, log_ok(f, n), buf, sizeof buf), "XJ-20260610-10001");
}

static void test_critical_fail_opens_rectification(void **state)
{
    struct fixture *f = *state;
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_inspection in = load(f, id);
    assert_string_equal(in.result, "fail");
    assert_true(in.critical_failed);
    xf_inspection_clear(&in);
    struct xf_rectification r = rect_of(f, id);
    char want[XF_DATE_LEN];
    xf_workday_add(&f->e->cfg.calendar, "2026-06-10", f->e->cfg.rectify_days, want);
    assert_string_equal(r.due_on, want);
    assert_string_equal(r.status, "open");
    assert_int_equal(tu_history(f->e, "rectification", r.id, "inspection.log"), 1);
    /* the inspection's own history shows the deadline first set and the
     * failed item (the items that passed say nothing more and stay out) */
    struct xf_history_row *rows = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&f->e->ctx, "inspection", id, 0, 50, &rows, &n, &err), XF_OK);
    int rects = 0, items = 0;
    for (size_t i = 0; i < n; i++) {
        rects += strcmp(rows[i].entity, "rectification") == 0;
        items += strcmp(rows[i].entity, "inspection_item") == 0;
    }
    assert_int_equal(rects, 1);
    assert_int_equal(items, 1);
    xf_history_rows_free(rows, n);
    xf_rectification_clear(&r);
}

static void test_rate_fail_with_given_due(void **state)
{
    struct fixture *f = *state;
    struct xf_inspection_new n = unannounced(two_fail);
    n.rect_due_on = "2026-07-01";
    int64_t id = log_ok(f, n);
    struct xf_rectification r = rect_of(f, id);
    assert_string_equal(r.due_on, "2026-07-01");
    xf_rectification_clear(&r);
    struct xf_error err = {0};
    n.rect_due_on = "2026-06-10"; /* same day as the inspection */
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "rect_due_on");
    n.rect_due_on = "2026-06-31";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "rect_due_on");
    /* a Sunday, and 端午 (a holiday on a Friday): working days are counted */
    n.rect_due_on = "2026-06-28";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "rect_due_on");
    assert_non_null(strstr(err.msg, "2026-06-29"));
    n.rect_due_on = "2026-06-19";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "rect_due_on");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM inspection"), 1);
}

static void test_sample_results(void **state)
{
    struct fixture *f = *state;
    struct xf_inspection_new n = {.kind = "sample",
                                  .post_code = "P1",
                                  .on_date = "2026-06-01",
                                  .samples_checked = 40,
                                  .samples_failed = 2,
                                  .findings = "2批次大米重金属超标",
                                  .outcomes = samples_ok,
                                  .n_outcomes = 3};
    struct xf_inspection in = load(f, log_ok(f, n)); /* 0.05 */
    assert_string_equal(in.result, "pass");
    assert_string_equal(in.template_name, "sample");
    xf_inspection_clear(&in);
    n.samples_failed = 3; /* 0.075 */
    int64_t id = log_ok(f, n);
    in = load(f, id);
    assert_string_equal(in.result, "fail");
    assert_int_equal(in.samples_checked, 40);
    assert_int_equal(in.samples_failed, 3);
    xf_inspection_clear(&in);
    struct xf_rectification r = rect_of(f, id);
    assert_string_equal(r.status, "open");
    xf_rectification_clear(&r);
}

static void test_log_refuses_bad_input(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_inspection_new n = unannounced(all_pass);
    n.kind = "random";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "kind");
    n = unannounced(all_pass);
    n.template_name = "nosuch";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "template");
    n.template_name = "sample"; /* a sample checklist for an unannounced check */
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "template");
    n = unannounced(all_pass);
    n.n_outcomes = 4;
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "items");
    const char *bad[] = {"pass", "ok", "pass", "pass", "pass"};
    n = unannounced(bad);
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "items");
    const char *none[] = {"na", "na", "na", "na", "na"}; /* checked nothing */
    n = unannounced(none);
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "items");
    assert_non_null(strstr(err.msg, "not applicable"));
    n = unannounced(all_pass);
    n.on_date = "2026-06-16";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "on_date");
    n.on_date = "2026/06/01";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "on_date");
    n = unannounced(all_pass);
    n.samples_checked = 2;
    n.samples_failed = 3;
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "samples_failed");
    n.samples_checked = -1;
    n.samples_failed = 0;
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "samples_checked");
    n = (struct xf_inspection_new){.kind = "sample",
                                   .post_code = "P1",
                                   .on_date = "2026-06-01",
                                   .outcomes = samples_ok,
                                   .n_outcomes = 3};
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "samples_checked");
    n = unannounced(all_pass);
    n.post_code = "NOPE";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_ENOTFOUND, "post_code");
    n.post_code = NULL;
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "unit_id");
    n.unit_id = 999;
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_ENOTFOUND, "unit_id");
    n = unannounced(all_pass);
    n.findings = "\xc3\x28";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "findings");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM inspection"), 0);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM history WHERE entity LIKE 'insp%'"), 0);
}

static void test_log_wrong_role_and_scope(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_inspection_new n = unannounced(all_pass);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "h", XF_ROLE_HANDLER);
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EPERM, NULL);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "insp2", XF_ROLE_INSPECTOR);
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EPERM, NULL);
    n.post_code = NULL;
    n.unit_id = f->d2;
    log_ok(f, n);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM inspection"), 1);
}

/* ---- rectification life cycle --------------------------------------------- */

static int64_t failed_rect(struct fixture *f, int64_t *version)
{
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_rectification r = rect_of(f, id);
    int64_t rid = r.id;
    *version = r.version;
    xf_rectification_clear(&r);
    return rid;
}

static struct xf_rectification rect_get(struct fixture *f, int64_t id)
{
    struct xf_rectification r = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_rect_get(f->e->db, id, &r, &err), XF_OK);
    return r;
}

static void test_rectification_life_cycle(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t v;
    int64_t id = failed_rect(f, &v);
    /* open -> verified is not a step */
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_rectification_verify(&f->e->ctx, id, v, &err), XF_ESTATE, "status");
    /* done: handler, with a note */
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_refused(xf_rectification_done(&f->e->ctx, id, v, "", &err), XF_EINVAL, "done_note");
    assert_int_equal(xf_rectification_done(&f->e->ctx, id, v, "已重新悬挂公示牌", &err), XF_OK);
    struct xf_rectification r = rect_get(f, id);
    assert_string_equal(r.status, "done");
    assert_string_equal(r.done_on, TODAY);
    assert_string_equal(r.done_note, "已重新悬挂公示牌");
    v = r.version;
    xf_rectification_clear(&r);
    assert_int_equal(tu_history(f->e, "rectification", id, "rectification.done"), 1);
    /* done twice refused */
    assert_refused(xf_rectification_done(&f->e->ctx, id, v, "again", &err), XF_ESTATE, "status");
    /* verified by an inspector */
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, id, v, &err), XF_OK);
    r = rect_get(f, id);
    assert_string_equal(r.status, "verified");
    assert_string_equal(r.verified_by, "insp");
    assert_string_equal(r.verified_on, TODAY);
    v = r.version;
    xf_rectification_clear(&r);
    assert_int_equal(tu_history(f->e, "rectification", id, "rectification.verify"), 1);
    /* nothing after verified */
    assert_refused(xf_rectification_verify(&f->e->ctx, id, v, &err), XF_ESTATE, "status");
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_refused(xf_rectification_done(&f->e->ctx, id, v, "x", &err), XF_ESTATE, "status");
}

/* Not put right after all: an inspector sends it back with the reason
 * and a new deadline; it is open again and can be reported done anew. */
static void test_rectification_sent_back(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t v;
    int64_t id = failed_rect(f, &v);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_rectification_send_back(&f->e->ctx, id, v, "位置不醒目", NULL, &err),
                   XF_ESTATE, "status"); /* only what was reported done */
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, id, v, "已补挂", &err), XF_OK);
    v++;
    assert_refused(xf_rectification_send_back(&f->e->ctx, id, v, "位置不醒目", NULL, &err),
                   XF_EPERM, NULL); /* a handler may not judge their own work */
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_rectification_send_back(&f->e->ctx, id, v, "  ", NULL, &err), XF_EINVAL,
                   "returned_note");
    assert_refused(xf_rectification_send_back(&f->e->ctx, id, v, "x", "2026-02-30", &err),
                   XF_EINVAL, "due_on");
    assert_refused(xf_rectification_send_back(&f->e->ctx, id, v, "x", TODAY, &err), XF_EINVAL,
                   "due_on"); /* a deadline after today */
    assert_non_null(strstr(err.msg, "after today"));
    assert_int_equal(xf_rectification_send_back(&f->e->ctx, id, v, "位置不醒目", NULL, &err),
                     XF_OK);
    struct xf_rectification r = rect_get(f, id);
    assert_string_equal(r.status, "open");
    assert_null(r.done_on);
    assert_null(r.done_note);
    assert_string_equal(r.returned_note, "位置不醒目");
    assert_true(strcmp(r.due_on, TODAY) > 0);
    /* The default deadline never shortens the one it had. */
    char due[XF_DATE_LEN];
    xf_rectification_return_due(&f->e->ctx, NULL, due);
    assert_string_equal(due, r.due_on);
    xf_rectification_return_due(&f->e->ctx, "2099-06-30", due);
    assert_string_equal(due, "2099-06-30");
    xf_rectification_return_due(&f->e->ctx, TODAY, due);
    assert_string_equal(due, r.due_on);
    v = r.version;
    xf_rectification_clear(&r);
    assert_int_equal(tu_history(f->e, "rectification", id, "rectification.return"), 1);
    /* The stale version is refused; then done again and verified. */
    assert_refused(xf_rectification_send_back(&f->e->ctx, id, v - 1, "x", NULL, &err),
                   XF_ECONFLICT, NULL);
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, id, v, "移至入口", &err), XF_OK);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, id, v + 1, &err), XF_OK);
    struct xf_rect_event *ev;
    size_t n;
    assert_int_equal(xf_rectification_history(&f->e->ctx, id, &ev, &n, &err), XF_OK);
    int returned = -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ev[i].action, "rectification.return"))
            returned = (int)i;
    assert_true(returned >= 0);
    assert_string_equal(ev[returned].note, "位置不醒目");
    assert_string_equal(ev[returned].status, "open");
    /* The verification says nothing of its own: it does not repeat what
     * the unit reported. */
    assert_string_equal(ev[n - 1].action, "rectification.verify");
    assert_string_equal(ev[n - 1].note, "");
    assert_string_equal(ev[n - 2].note, "移至入口");
    xf_rect_events_free(ev, n);
}

static void test_verifier_not_who_did_it(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t v;
    int64_t id = failed_rect(f, &v);
    tu_act_as(f->e, "boss", XF_ROLE_ADMIN); /* may do both steps, but not both on one */
    assert_int_equal(xf_rectification_done(&f->e->ctx, id, v, "fixed", &err), XF_OK);
    assert_refused(xf_rectification_verify(&f->e->ctx, id, v + 1, &err), XF_EPERM, "verified_by");
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, id, v + 1, &err), XF_OK);
}

static void test_rectification_wrong_role_and_stale(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t v;
    int64_t id = failed_rect(f, &v);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_rectification_done(&f->e->ctx, id, v, "fixed", &err), XF_EPERM, NULL);
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_refused(xf_rectification_done(&f->e->ctx, id, v, "fixed", &err), XF_EPERM, NULL);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_refused(xf_rectification_done(&f->e->ctx, id, v + 5, "fixed", &err), XF_ECONFLICT, NULL);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "h2", XF_ROLE_HANDLER);
    assert_refused(xf_rectification_done(&f->e->ctx, id, v, "fixed", &err), XF_EPERM, NULL);
    f->e->ctx.user = NULL;
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, id, v, "fixed", &err), XF_OK);
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_refused(xf_rectification_verify(&f->e->ctx, id, v + 1, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_rectification_verify(&f->e->ctx, id, v, &err), XF_ECONFLICT, NULL);
    assert_refused(xf_rectification_done(&f->e->ctx, 4242, 1, "x", &err), XF_EPERM, NULL);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_refused(xf_rectification_done(&f->e->ctx, 4242, 1, "x", &err), XF_ENOTFOUND, NULL);
}

static void test_overdue_rectification(void **state)
{
    struct fixture *f = *state;
    int64_t v;
    int64_t id = failed_rect(f, &v);
    struct xf_rectification r = rect_get(f, id);
    assert_false(xf_rectification_is_overdue(&r, TODAY));
    assert_false(xf_rectification_is_overdue(&r, r.due_on));
    char after[XF_DATE_LEN];
    xf_date_add_days(r.due_on, 1, after);
    assert_true(xf_rectification_is_overdue(&r, after));
    xf_rectification_clear(&r);
}

/* ---- report ---------------------------------------------------------------- */

static void test_report(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    log_ok(f, unannounced(all_pass));
    int64_t crit = log_ok(f, unannounced(critical_fail));
    struct xf_inspection_new n = unannounced(two_fail);
    n.rect_due_on = "2026-06-12"; /* overdue by today */
    n.on_date = "2026-06-01";
    log_ok(f, n);
    struct xf_inspection_new s = {.kind = "sample",
                                  .unit_id = f->d2,
                                  .on_date = "2026-06-01",
                                  .samples_checked = 10,
                                  .samples_failed = 0,
                                  .outcomes = samples_ok,
                                  .n_outcomes = 3};
    log_ok(f, s);
    struct xf_table t = {0};
    assert_int_equal(xf_inspection_report(&f->e->ctx, NULL, &t, &err), XF_OK);
    assert_int_equal(t.ncols, 10);
    assert_int_equal(t.nrows, 3);
    /* unannounced: 3, 1 passed, 2 failed, 33.3 %, no samples, 2 open,
     * 1 overdue; the sample check's 10 batches, none failed */
    const char *row0[] = {"3", "1", "2", "33.3", "0", "0", "2", "1"};
    for (size_t c = 0; c < 8; c++)
        assert_string_equal(xf_table_cell(&t, 0, c + 1), row0[c]);
    const char *row1[] = {"1", "1", "0", "100.0", "10", "0", "0", "0"};
    for (size_t c = 0; c < 8; c++)
        assert_string_equal(xf_table_cell(&t, 1, c + 1), row1[c]);
    const char *row2[] = {"4", "2", "2", "50.0", "10", "0", "2", "1"};
    for (size_t c = 0; c < 8; c++)
        assert_string_equal(xf_table_cell(&t, 2, c + 1), row2[c]);
    assert_string_equal(xf_table_cell(&t, 2, 9), "0"); /* none reported done yet */
    xf_table_free(&t);
    /* One reported done: no longer open, to verify (the Overview's 待验收)
     * until an inspector verifies it. */
    struct xf_rectification r = rect_of(f, crit);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, r.id, r.version, "已整改", &err), XF_OK);
    assert_int_equal(xf_inspection_report(&f->e->ctx, NULL, &t, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 0, 7), "1");
    assert_string_equal(xf_table_cell(&t, 0, 9), "1");
    assert_string_equal(xf_table_cell(&t, 1, 9), "0");
    assert_string_equal(xf_table_cell(&t, 2, 9), "1");
    xf_table_free(&t);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, r.id, r.version + 1, &err), XF_OK);
    xf_rectification_clear(&r);
    assert_int_equal(xf_inspection_report(&f->e->ctx, NULL, &t, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 2, 7), "1");
    assert_string_equal(xf_table_cell(&t, 2, 9), "0");
    xf_table_free(&t);
    /* The inspections of 1 June only: the failed one and the sample. */
    struct xf_period june1 = {"2026-06-01", "2026-06-01"};
    assert_int_equal(xf_inspection_report(&f->e->ctx, &june1, &t, &err), XF_OK);
    assert_string_equal(t.title, "Inspections made 2026-06-01 \u2013 2026-06-01");
    const char *all1[] = {"2", "1", "1", "50.0", "10", "0", "1", "1"};
    for (size_t c = 0; c < 8; c++)
        assert_string_equal(xf_table_cell(&t, 2, c + 1), all1[c]);
    xf_table_free(&t);
    struct xf_period later = {"2026-06-02", NULL};
    assert_int_equal(xf_inspection_report(&f->e->ctx, &later, &t, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 2, 1), "2"); /* the two of 10 June */
    assert_string_equal(xf_table_cell(&t, 1, 1), "0");
    xf_table_free(&t);
    struct xf_period bad = {NULL, "2026-13-01"};
    assert_int_equal(xf_inspection_report(&f->e->ctx, &bad, &t, &err), XF_EINVAL);
    assert_string_equal(err.field, "until");
    xf_table_free(&t);
}

/* ---- CSV ------------------------------------------------------------------- */

static void varied_inspections(struct fixture *f)
{
    struct xf_error err = {0};
    log_ok(f, unannounced(all_pass));
    int64_t a = log_ok(f, unannounced(critical_fail));
    struct xf_inspection_new n = unannounced(two_fail);
    n.findings = "多处问题,含逗号\n和换行";
    int64_t b = log_ok(f, n);
    struct xf_inspection_new s = {.kind = "sample",
                                  .unit_id = f->d2,
                                  .on_date = "2026-06-01",
                                  .samples_checked = 10,
                                  .samples_failed = 5,
                                  .findings = "5批次面粉不合格",
                                  .outcomes = samples_ok,
                                  .n_outcomes = 3};
    log_ok(f, s);
    const char *with_na[] = {"pass", "na", "pass", "na", "pass"};
    log_ok(f, unannounced(with_na));
    struct xf_rectification ra = rect_of(f, a), rb = rect_of(f, b);
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, ra.id, ra.version, "改好了", &err), XF_OK);
    assert_int_equal(xf_rectification_done(&f->e->ctx, rb.id, rb.version, "已整改", &err), XF_OK);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, rb.id, rb.version + 1, &err), XF_OK);
    /* a's report is sent back: open again, with the reason to keep */
    assert_int_equal(xf_rectification_send_back(&f->e->ctx, ra.id, ra.version + 1,
                                                "位置不醒目, 需移至入口", NULL, &err),
                     XF_OK);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    xf_rectification_clear(&ra);
    xf_rectification_clear(&rb);
}

static void test_csv_round_trip(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    varied_inspections(f);
    char *first = tu_export(f->e, &xf_kind_inspections);
    assert_non_null(strstr(first, "pass;pass;fail;fail;pass"));
    assert_non_null(strstr(first, ",verified,"));
    assert_non_null(strstr(first, "\"位置不醒目, 需移至入口\""));
    struct fixture g = {.e = tu_env_open()};
    build(&g);
    int rc = tu_import(g.e, &xf_kind_inspections, first, &err);
    if (rc)
        fprintf(stderr, "import: line %ld %s: %s\n", err.line, err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    char *second = tu_export(g.e, &xf_kind_inspections);
    assert_string_equal(first, second);
    assert_int_equal(sql_count(g.e, "SELECT count(*) FROM inspection_item"),
                     sql_count(f->e, "SELECT count(*) FROM inspection_item"));
    assert_int_equal(sql_count(g.e, "SELECT count(*) FROM inspection_item WHERE critical=1"),
                     sql_count(f->e, "SELECT count(*) FROM inspection_item WHERE critical=1"));
    free(first);
    free(second);
    tu_env_close(g.e);
}

static const char insp_head[] =
    "code,kind,template,post_code,unit_code,inspector,on_date,samples_checked,samples_failed,"
    "findings,items,result,rect_due_on,rect_status,rect_done_on,rect_done_note,"
    "rect_verified_by,rect_verified_on\r\n";

static void expect_import_error(struct fixture *f, const char *row, const char *field,
                                const char *in_msg)
{
    struct xf_error err = {0};
    char *csv = malloc(strlen(row) + sizeof insp_head + 8);
    sprintf(csv, "%s%s\r\n", insp_head, row);
    int rc = tu_import(f->e, &xf_kind_inspections, csv, &err);
    if (rc == XF_OK || strcmp(err.field, field) != 0)
        fprintf(stderr, "row %s: got %d %s: %s\n", row, rc, err.field, err.msg);
    assert_int_not_equal(rc, XF_OK);
    assert_string_equal(err.field, field);
    if (in_msg)
        assert_non_null(strstr(err.msg, in_msg));
    free(csv);
}

static void test_csv_import_refusals(void **state)
{
    struct fixture *f = *state;
    /* the result column disagrees with the items: named */
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,O1,li,2026-06-01,0,0,,"
                        "fail;pass;pass;pass;pass,pass,,,,,,",
                        "result", "fail");
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,O1,li,2026-06-01,0,0,,"
                        "pass;pass;pass;pass;pass,fail,,,,,,",
                        "result", NULL);
    expect_import_error(f,
                        "X1,unannounced,unannounced,NOPE,,li,2026-06-01,0,0,,"
                        "pass;pass;pass;pass;pass,pass,,,,,,",
                        "post_code", "NOPE");
    expect_import_error(f,
                        "X1,unannounced,unannounced,,NOPE,li,2026-06-01,0,0,,"
                        "pass;pass;pass;pass;pass,pass,,,,,,",
                        "unit_code", "NOPE");
    expect_import_error(f, "X1,unannounced,unannounced,P1,,li,2026-06-01,0,0,,pass;pass,pass,,,,,,",
                        "items", NULL);
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,,li,2026-06-01,x,0,,"
                        "pass;pass;pass;pass;pass,pass,,,,,,",
                        "samples_checked", NULL);
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,,li,2026-06-01,0,0,,"
                        "pass;pass;pass;pass;pass,pass,2026-07-01,,,,,",
                        "rect_due_on", NULL);
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,,li,2026-06-01,0,0,,"
                        "fail;pass;pass;pass;pass,fail,2026-07-01,done,,,,",
                        "rect_done_on", NULL);
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,,li,2026-06-01,0,0,,"
                        "fail;pass;pass;pass;pass,fail,2026-07-01,verified,2026-06-05,ok,,",
                        "rect_verified_by", NULL);
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,,,2026-06-01,0,0,,"
                        "pass;pass;pass;pass;pass,pass,,,,,,",
                        "inspector", NULL);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM inspection"), 0);
    /* a good failed row without a due date gets the default one */
    struct xf_error err = {0};
    char csv[1024];
    snprintf(csv, sizeof csv, "%s%s\r\n", insp_head,
             "X1,unannounced,unannounced,P1,,li,2026-06-01,0,0,,"
             "fail;pass;pass;pass;pass,,,,,,,");
    assert_int_equal(tu_import(f->e, &xf_kind_inspections, csv, &err), XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM rectification WHERE status='open'"), 1);
    /* the code is taken now */
    expect_import_error(f,
                        "X1,unannounced,unannounced,P1,,li,2026-06-01,0,0,,"
                        "pass;pass;pass;pass;pass,pass,,,,,,",
                        "code", NULL);
}

/* ---- the list ---------------------------------------------------------------- */

/* Four inspections: A (P1, pass, 06-01), B (P1, critical fail, 06-10),
 * C (unit D2, sample fail, 06-10), D (unit O1, pass, 06-12); B's
 * rectification is later reported done, C's stays open. */
struct listed {
    int64_t a, b, c, d;
};

static struct listed list_fixture(struct fixture *f)
{
    struct listed l;
    struct xf_inspection_new in = unannounced(all_pass);
    in.on_date = "2026-06-01";
    in.findings = "一切正常 100%_ok";
    l.a = log_ok(f, in);
    in = unannounced(critical_fail);
    in.rect_due_on = "2026-06-12";
    l.b = log_ok(f, in);
    in = (struct xf_inspection_new){.kind = "sample", .unit_id = f->d2, .on_date = "2026-06-10",
                                    .samples_checked = 10, .samples_failed = 5,
                                    .findings = "抽检不合格", .outcomes = samples_ok,
                                    .n_outcomes = 3, .rect_due_on = "2026-06-22"};
    l.c = log_ok(f, in);
    in = unannounced(all_pass);
    in.post_code = NULL;
    in.unit_id = f->o1;
    in.on_date = "2026-06-12";
    l.d = log_ok(f, in);
    struct xf_rectification r = rect_of(f, l.b);
    struct xf_error err = {0};
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, r.id, r.version, "补挂公示牌", &err), XF_OK);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    xf_rectification_clear(&r);
    return l;
}

/* The ids of one page, in order, as a string "1,2,3". */
static void page_ids(struct fixture *f, const struct xf_inspection_query *q, const char *from,
                     int64_t from_id, enum xf_inspection_dir dir, int limit, char *out)
{
    struct xf_inspection_line lines[8];
    struct xf_error err = {0};
    int n = 0;
    int rc = xf_inspection_page(&f->e->ctx, q, from, from_id, dir, limit, lines, &n, &err);
    if (rc)
        fprintf(stderr, "page: %s: %s\n", err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        sprintf(out + strlen(out), "%s%lld", i ? "," : "", (long long)lines[i].id);
        xf_inspection_line_clear(&lines[i]);
    }
}

static char *ids(char *buf, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        sprintf(buf + strlen(buf), "%s%lld", i ? "," : "", (long long)va_arg(ap, int64_t));
    va_end(ap);
    return buf;
}

static void test_list_by_date_pages(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    struct xf_inspection_query q = {.order = XF_INSP_ORDER_DATE};
    char got[200], want[200];
    /* newest first: date, then id */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 4, l.d, l.c, l.b, l.a));
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 2, got);
    assert_string_equal(got, ids(want, 2, l.d, l.c));
    page_ids(f, &q, "2026-06-10", l.c, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 2, l.b, l.a));
    page_ids(f, &q, "2026-06-10", l.c, XF_INSP_FROM, 8, got);
    assert_string_equal(got, ids(want, 3, l.c, l.b, l.a));
    page_ids(f, &q, "2026-06-10", l.b, XF_INSP_BEFORE, 8, got);
    assert_string_equal(got, ids(want, 2, l.c, l.d));
    page_ids(f, &q, NULL, 0, XF_INSP_BEFORE, 3, got);
    assert_string_equal(got, ids(want, 3, l.a, l.b, l.c));
    /* the row carries what the list shows */
    struct xf_inspection_line line;
    struct xf_error err = {0};
    int n = 0;
    assert_int_equal(xf_inspection_page(&f->e->ctx, &q, "2026-06-10", l.b, XF_INSP_FROM, 1, &line,
                                        &n, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(line.result, "fail");
    assert_string_equal(line.post_code, "P1");
    assert_string_equal(line.post_title, "办证窗口");
    assert_string_equal(line.unit_name, "市质监局 \u203a 稽查科"); /* from its department */
    assert_string_equal(line.rect_status, "done");
    assert_string_equal(line.rect_due_on, "2026-06-12");
    assert_string_equal(line.inspector, "tester");
    assert_true(line.rect_id > 0 && line.rect_version == 2);
    assert_string_equal(line.sort, "2026-06-10");
    xf_inspection_line_clear(&line);
}

static void test_list_by_unit(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    struct xf_inspection_query q = {.order = XF_INSP_ORDER_UNIT};
    char got[200], want[200];
    /* units in the order they were set up (O1 before D2), newest first in
     * each */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 4, l.d, l.b, l.a, l.c));
    char *sort = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_inspection_locate(&f->e->ctx, &q, l.b, &sort, &err), XF_OK);
    page_ids(f, &q, sort, l.b, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 2, l.a, l.c));
    page_ids(f, &q, sort, l.b, XF_INSP_BEFORE, 8, got);
    assert_string_equal(got, ids(want, 1, l.d));
    page_ids(f, &q, sort, l.b, XF_INSP_FROM, 2, got);
    assert_string_equal(got, ids(want, 2, l.b, l.a));
    free(sort);
    /* from the end backwards (nearest first): the last unit, then the
     * oldest of the one before */
    page_ids(f, &q, NULL, 0, XF_INSP_BEFORE, 2, got);
    assert_string_equal(got, ids(want, 2, l.c, l.a));
}

static void test_list_filters(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    char got[200], want[200];
    struct xf_inspection_query q = {.result = "fail"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 2, l.c, l.b));
    q = (struct xf_inspection_query){.kind = "sample"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    q = (struct xf_inspection_query){.rect = XF_INSP_RECT_OPEN};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    q = (struct xf_inspection_query){.rect = XF_INSP_RECT_DONE};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    /* overdue: open and due before today */
    q = (struct xf_inspection_query){.rect = XF_INSP_RECT_OVERDUE};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, "");
    xf_date_set_today("2026-06-23");
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    page_ids(f, &q, "2026-06-10", l.c, XF_INSP_BEFORE, 8, got);
    assert_string_equal(got, "");
    /* linked: the unit subtree (D1 holds O1), a post */
    q = (struct xf_inspection_query){.unit_id = f->d1};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 3, l.d, l.b, l.a));
    q = (struct xf_inspection_query){.unit_id = f->d2, .order = XF_INSP_ORDER_UNIT};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    q = (struct xf_inspection_query){.post_id = f->post, .result = "pass"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.a));
    q = (struct xf_inspection_query){.post_id = f->post, .rect = XF_INSP_RECT_DONE};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    /* locate honours the filter */
    char *sort = NULL;
    struct xf_error err = {0};
    assert_refused(xf_inspection_locate(&f->e->ctx, &q, l.a, &sort, &err), XF_ENOTFOUND, NULL);
    assert_null(sort);
    assert_int_equal(xf_inspection_locate(&f->e->ctx, &q, l.b, &sort, &err), XF_OK);
    assert_string_equal(sort, "2026-06-10");
    free(sort);
}

/* An inspector's own checks, and those of a period, in both orders and
 * with every driver; locate and count agree with the pages. */
static void test_list_mine_and_days(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    char got[200], want[200], sql[200];
    snprintf(sql, sizeof sql, "UPDATE inspection SET inspector = 'insp' WHERE id IN (%lld, %lld)",
             (long long)l.b, (long long)l.d);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    struct xf_inspection_query q = {.inspector = "insp"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 2, l.d, l.b));
    q = (struct xf_inspection_query){.since = "2026-06-10"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 3, l.d, l.c, l.b));
    q = (struct xf_inspection_query){.until = "2026-06-10"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 3, l.c, l.b, l.a));
    page_ids(f, &q, "2026-06-10", l.c, XF_INSP_BEFORE, 8, got); /* the way back too */
    assert_string_equal(got, "");
    q = (struct xf_inspection_query){.since = "2026-06-10", .until = "2026-06-10",
                                     .inspector = "insp"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    q.order = XF_INSP_ORDER_UNIT;
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    q = (struct xf_inspection_query){.post_id = f->post, .since = "2026-06-02"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    q = (struct xf_inspection_query){.rect = XF_INSP_RECT_OPEN, .until = "2026-06-09"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, "");
    q = (struct xf_inspection_query){.unit_id = f->d1, .since = "2026-06-11"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.d));
    /* locate and count honour them */
    q = (struct xf_inspection_query){.inspector = "insp", .until = "2026-06-11"};
    char *sort = NULL;
    struct xf_error err = {0};
    assert_refused(xf_inspection_locate(&f->e->ctx, &q, l.d, &sort, &err), XF_ENOTFOUND, NULL);
    assert_int_equal(xf_inspection_locate(&f->e->ctx, &q, l.b, &sort, &err), XF_OK);
    assert_string_equal(sort, "2026-06-10");
    free(sort);
    long total = -1;
    assert_int_equal(xf_inspection_count(&f->e->ctx, &q, 1000, &total, &err), XF_OK);
    assert_int_equal(total, 1);
    /* days that are not days, or out of order, name their field */
    struct xf_inspection_line line;
    int n = 0;
    q = (struct xf_inspection_query){.since = "2026-02-30"};
    assert_refused(xf_inspection_page(&f->e->ctx, &q, NULL, 0, XF_INSP_AFTER, 1, &line, &n, &err),
                   XF_EINVAL, "since");
    q = (struct xf_inspection_query){.since = "2026-06-12", .until = "2026-06-01"};
    assert_refused(xf_inspection_page(&f->e->ctx, &q, NULL, 0, XF_INSP_AFTER, 1, &line, &n, &err),
                   XF_EINVAL, "until");
    /* An inspector's own checks are read through their index, not by
     * walking the city's (schema 14), in both orders. */
    sqlite3 *h = xf_db_handle(f->e->db);
    int seen = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, NULL); st; st = sqlite3_next_stmt(h, st)) {
        const char *text = sqlite3_sql(st);
        if (!strstr(text, "=j.value)) AND i.inspector=?19"))
            continue;
        char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", text);
        sqlite3_stmt *e;
        assert_int_equal(sqlite3_prepare_v2(h, eqp, -1, &e, NULL), SQLITE_OK);
        sqlite3_free(eqp);
        bool seek = false;
        while (sqlite3_step(e) == SQLITE_ROW)
            seek = seek || strstr((const char *)sqlite3_column_text(e, 3),
                                  "SEARCH i USING INDEX inspection_inspector") != NULL;
        sqlite3_finalize(e);
        if (!seek)
            fail_msg("an inspector's page does not seek inspection_inspector:\n%s", text);
        seen++;
    }
    assert_true(seen >= 2); /* date order and unit order */
    /* Their count too, with a search: it walked every check in the days. */
    q = (struct xf_inspection_query){.inspector = "insp", .search = "INSP"};
    assert_int_equal(xf_inspection_count(&f->e->ctx, &q, 1000, &total, &err), XF_OK);
    assert_int_equal(total, 2);
    seen = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, NULL); st; st = sqlite3_next_stmt(h, st)) {
        const char *text = sqlite3_sql(st);
        if (strncmp(text, "SELECT count(*)", 15) != 0 || !strstr(text, "FROM inspection i"))
            continue;
        char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", text);
        sqlite3_stmt *e;
        assert_int_equal(sqlite3_prepare_v2(h, eqp, -1, &e, NULL), SQLITE_OK);
        sqlite3_free(eqp);
        bool seek = false;
        while (sqlite3_step(e) == SQLITE_ROW)
            seek = seek || strstr((const char *)sqlite3_column_text(e, 3),
                                  "SEARCH i USING INDEX inspection_inspector") != NULL;
        sqlite3_finalize(e);
        seen += seek;
    }
    if (seen == 0)
        fail_msg("an inspector's count does not seek inspection_inspector");
}

/* A rectification sent back is open again but told apart from a new one
 * (the line says so, a filter finds it); verified ones have a filter. */
static void test_list_sent_back_and_verified(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    char got[200], want[200];
    struct xf_error err = {0};
    struct xf_rectification r = rect_of(f, l.b);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_send_back(&f->e->ctx, r.id, r.version, "位置不醒目", NULL,
                                                &err),
                     XF_OK);
    struct xf_inspection_query q = {.rect = XF_INSP_RECT_RETURNED};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    q = (struct xf_inspection_query){.rect = XF_INSP_RECT_OPEN}; /* open still holds both */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 2, l.c, l.b));
    struct xf_inspection_line lines[8];
    int n = 0;
    assert_int_equal(xf_inspection_page(&f->e->ctx, &q, NULL, 0, XF_INSP_AFTER, 8, lines, &n, &err),
                     XF_OK);
    assert_int_equal(n, 2);
    assert_false(lines[0].rect_returned); /* l.c: never reported done */
    assert_true(lines[1].rect_returned);
    for (int i = 0; i < n; i++)
        xf_inspection_line_clear(&lines[i]);
    q = (struct xf_inspection_query){.rect = XF_INSP_RECT_VERIFIED};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, "");
    xf_rectification_clear(&r);
    r = rect_of(f, l.b);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, r.id, r.version, "移至门口", &err), XF_OK);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, r.id, r.version + 1, &err), XF_OK);
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.b));
    q.rect = XF_INSP_RECT_RETURNED; /* verified is no longer waiting */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, "");
    xf_rectification_clear(&r);
}

static void test_list_search_and_scope(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    char got[200], want[200];
    struct xf_inspection_query q = {.search = "不合格"};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    q.search = "办证"; /* the post title */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 2, l.b, l.a));
    q.search = "稽查"; /* the unit */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 3, l.d, l.b, l.a));
    q.search = "质监"; /* the department above it: its units' inspections */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 3, l.d, l.b, l.a));
    /* the count says as many, up to its cap */
    long total = -1;
    struct xf_error cerr = {0};
    assert_int_equal(xf_inspection_count(&f->e->ctx, &q, 1000, &total, &cerr), XF_OK);
    assert_int_equal(total, 3);
    assert_int_equal(xf_inspection_count(&f->e->ctx, &q, 2, &total, &cerr), XF_OK);
    assert_int_equal(total, 2);
    /* the post's hotline, as read off its notice board, with or without
     * separators or the country code */
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db),
                                  "UPDATE post SET hotline = '0451-8451 2681' WHERE code = 'P1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    const char *spoken[] = {"0451-84512681", "045184512681", "+86 451 8451 2681", "8451-2681"};
    for (size_t k = 0; k < sizeof spoken / sizeof spoken[0]; k++) {
        q.search = spoken[k];
        page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
        assert_string_equal(got, ids(want, 2, l.b, l.a));
    }
    q.search = "2681号"; /* not a phone number: no hotline matched */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, "");
    q.search = "%_"; /* LIKE's own characters are literal */
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.a));
    q.search = "0%";
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.a));
    /* the inspector, by login or by the name the config gives them */
    q.search = "test";
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 4, l.d, l.c, l.b, l.a));
    struct xf_user named[] = {{.login = "tester", .name = "李娜", .role = XF_ROLE_INSPECTOR}};
    f->e->cfg.users = named;
    f->e->cfg.n_users = 1;
    q.search = "李娜";
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    f->e->cfg.users = NULL;
    f->e->cfg.n_users = 0;
    assert_string_equal(got, ids(want, 4, l.d, l.c, l.b, l.a));
    /* a bad search names the field */
    struct xf_error err = {0};
    struct xf_inspection_line line;
    int n = 0;
    q.search = "\xff\xfe";
    assert_refused(xf_inspection_page(&f->e->ctx, &q, NULL, 0, XF_INSP_AFTER, 1, &line, &n, &err),
                   XF_EINVAL, "query");
    char long_q[700] = "";
    for (int i = 0; i < 201; i++)
        strcat(long_q, "查");
    q.search = long_q;
    assert_refused(xf_inspection_page(&f->e->ctx, &q, NULL, 0, XF_INSP_AFTER, 1, &line, &n, &err),
                   XF_EINVAL, "query");
    /* a scoped viewer sees only D2 */
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "v2", XF_ROLE_VIEWER);
    q = (struct xf_inspection_query){0};
    page_ids(f, &q, NULL, 0, XF_INSP_AFTER, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    q.search = "test"; /* counted within the scope, as listed */
    assert_int_equal(xf_inspection_count(&f->e->ctx, &q, 1000, &total, &cerr), XF_OK);
    assert_int_equal(total, 1);
    q.search = NULL;
    q.order = XF_INSP_ORDER_UNIT;
    page_ids(f, &q, NULL, 0, XF_INSP_BEFORE, 8, got);
    assert_string_equal(got, ids(want, 1, l.c));
    char *sort = NULL;
    assert_refused(xf_inspection_locate(&f->e->ctx, &q, l.a, &sort, &err), XF_ENOTFOUND, NULL);
    f->e->ctx.user = NULL;
}

static void test_detail_reads(void **state)
{
    struct fixture *f = *state;
    struct listed l = list_fixture(f);
    struct xf_error err = {0};
    struct xf_inspection_item *items = NULL;
    size_t n = 0;
    assert_int_equal(xf_inspection_items(&f->e->ctx, l.b, &items, &n, &err), XF_OK);
    assert_int_equal(n, 5);
    assert_string_equal(items[0].outcome, "fail");
    assert_true(items[0].critical);
    assert_string_equal(items[0].label, "公示牌悬挂到位");
    xf_inspection_items_free(items, n);
    struct xf_rectification r = {0};
    assert_refused(xf_inspection_rectification(&f->e->ctx, l.a, &r, &err), XF_ENOTFOUND, NULL);
    assert_int_equal(xf_inspection_rectification(&f->e->ctx, l.b, &r, &err), XF_OK);
    assert_string_equal(r.status, "done");
    struct xf_rect_event *ev = NULL;
    size_t n_ev = 0;
    assert_int_equal(xf_rectification_history(&f->e->ctx, r.id, &ev, &n_ev, &err), XF_OK);
    assert_int_equal(n_ev, 2);
    assert_string_equal(ev[0].action, "inspection.log");
    assert_string_equal(ev[0].status, "open");
    assert_string_equal(ev[0].actor, "tester");
    assert_string_equal(ev[1].action, "rectification.done");
    assert_string_equal(ev[1].status, "done");
    assert_string_equal(ev[1].actor, "org");
    assert_string_equal(ev[1].note, "补挂公示牌");
    xf_rect_events_free(ev, n_ev);
    int64_t rid = r.id;
    xf_rectification_clear(&r);
    /* outside the scope: refused */
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "v2", XF_ROLE_VIEWER);
    assert_refused(xf_inspection_items(&f->e->ctx, l.b, &items, &n, &err), XF_EPERM, NULL);
    assert_refused(xf_inspection_rectification(&f->e->ctx, l.b, &r, &err), XF_EPERM, NULL);
    assert_refused(xf_rectification_history(&f->e->ctx, rid, &ev, &n_ev, &err), XF_EPERM, NULL);
    f->e->ctx.user = NULL;
    assert_refused(xf_rectification_history(&f->e->ctx, 4242, &ev, &n_ev, &err), XF_ENOTFOUND,
                   NULL);
}

static void test_default_due(void **state)
{
    struct fixture *f = *state;
    char due[XF_DATE_LEN];
    /* 10 working days after Wednesday 2026-06-10; 06-19 is 端午 */
    xf_inspection_default_due(&f->e->ctx, "2026-06-10", due);
    char want[XF_DATE_LEN];
    xf_workday_add(&f->e->cfg.calendar, "2026-06-10", 10, want);
    assert_string_equal(due, want);
    /* what logging uses when no deadline is given */
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_rectification r = rect_of(f, id);
    assert_string_equal(r.due_on, due);
    xf_rectification_clear(&r);
    /* Entered long after the visit (or under a mistyped year): counted
     * from today, not overdue the moment it is saved. */
    xf_inspection_default_due(&f->e->ctx, "2026-01-05", due);
    xf_workday_add(&f->e->cfg.calendar, TODAY, 10, want);
    assert_string_equal(due, want);
}

/* A new inspection says what failed, and is of a day its post was public
 * on (a mistyped 1999 made an inspection of a post published in 2026). */
static void test_new_inspection_rules(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_inspection_new n = unannounced(one_fail);
    n.findings = " ";
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "findings");
    n = (struct xf_inspection_new){.kind = "sample", .post_code = "P1", .on_date = "2026-06-01",
                                   .samples_checked = 40, .samples_failed = 1,
                                   .outcomes = samples_ok, .n_outcomes = 3};
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "findings");
    n = unannounced(all_pass); /* nothing failed: nothing to say */
    n.findings = NULL;
    log_ok(f, n);
    n.on_date = "2025-12-31"; /* P1 was published on 2026-01-01 */
    assert_refused(xf_inspection_log(&f->e->ctx, &n, NULL, &err), XF_EINVAL, "on_date");
    assert_non_null(strstr(err.msg, "2026-01-01"));
    n.on_date = "2026-01-01";
    log_ok(f, n);
}

/* ---- correcting a logged inspection ------------------------------------------ */

/* A correction of inspection id as read now: its outcomes, counts and
 * findings replaced by what is given. */
static struct xf_inspection_fix fix_of(struct fixture *f, int64_t id, const char **outcomes,
                                       size_t n, int checked, int failed, const char *findings)
{
    struct xf_inspection in = load(f, id);
    struct xf_rectification r = {0};
    int64_t rv = xf_store_rect_by_inspection(f->e->db, id, &r, NULL) == XF_OK ? r.version : 0;
    struct xf_inspection_fix x = {.version = in.version, .rect_version = rv,
                                  .samples_checked = checked, .samples_failed = failed,
                                  .findings = findings, .outcomes = outcomes, .n_outcomes = n,
                                  .reason = "录入有误"};
    xf_rectification_clear(&r);
    xf_inspection_clear(&in);
    return x;
}

static int64_t history_rows(struct fixture *f)
{
    return sql_count(f->e, "SELECT count(*) FROM history");
}

/* A sample count miscounted (3 for 4) and a typing error in the findings:
 * corrected by the inspector who logged it, saying why, in one history
 * entry per row changed with the values before and after. */
static void test_correct_samples_and_findings(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    struct xf_inspection_new n = {.kind = "sample", .post_code = "P1", .on_date = "2026-06-01",
                                  .samples_checked = 3, .samples_failed = 0,
                                  .findings = "大米抽枪3批次", .outcomes = samples_ok,
                                  .n_outcomes = 3};
    int64_t id = log_ok(f, n);
    struct xf_inspection_fix x = fix_of(f, id, samples_ok, 3, 4, 0, "大米抽检4批次");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    struct xf_inspection in = load(f, id);
    assert_int_equal(in.samples_checked, 4);
    assert_string_equal(in.findings, "大米抽检4批次");
    assert_string_equal(in.result, "pass");
    assert_string_equal(in.correction_note, "录入有误");
    assert_int_equal(in.version, x.version + 1);
    xf_inspection_clear(&in);
    assert_int_equal(tu_history(f->e, "inspection", id, "inspection.correct"), 1);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM history WHERE entity='inspection' AND entity_id=%lld"
             " AND action='inspection.correct' AND actor='li'"
             " AND json_extract(before,'$.samples_checked')=3"
             " AND json_extract(after,'$.samples_checked')=4"
             " AND json_extract(before,'$.findings')='大米抽枪3批次'",
             (long long)id);
    assert_int_equal(sql_count(f->e, sql), 1);
    struct xf_inspection_correction c = {0};
    assert_int_equal(xf_inspection_corrections(&f->e->ctx, id, &c, &err), XF_OK);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.actor, "li");
    assert_string_equal(c.note, "录入有误");
    xf_inspection_correction_clear(&c);
    /* A passed sample check has no rectification, before or after. */
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM rectification"), 0);
}

/* A wrong fail corrected to a pass: the open rectification is no longer
 * needed and is closed as cancelled, not deleted; corrected back to a
 * fail, the same rectification opens again with a deadline as when
 * logging. */
static void test_correct_fail_to_pass_and_back(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_rectification r = rect_of(f, id);
    int64_t rid = r.id;
    xf_rectification_clear(&r);
    struct xf_inspection_fix x = fix_of(f, id, all_pass, 5, 0, 0, "");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    struct xf_inspection in = load(f, id);
    assert_string_equal(in.result, "pass");
    assert_int_equal(in.items_failed, 0);
    assert_false(in.critical_failed);
    xf_inspection_clear(&in);
    r = rect_of(f, id);
    assert_int_equal(r.id, rid);
    assert_string_equal(r.status, "cancelled");
    xf_rectification_clear(&r);
    assert_int_equal(tu_history(f->e, "rectification", rid, "inspection.correct"), 1);
    /* the one item that failed, now passed */
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM history WHERE entity='inspection_item'"
                                     " AND action='inspection.correct'"), 1);
    /* Not counted open (nor overdue) anywhere. */
    struct xf_inspection_counts c[2];
    char today[XF_DATE_LEN];
    xf_date_today(today);
    assert_int_equal(xf_store_inspection_counts(f->e->db, today, NULL, NULL, c, &err), XF_OK);
    assert_int_equal(c[0].rect_open + c[0].rect_to_verify, 0);
    assert_int_equal(c[0].passed, 1);
    /* Back to a fail: the same rectification, open again. */
    x = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌缺失");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_of(f, id);
    assert_int_equal(r.id, rid);
    assert_string_equal(r.status, "open");
    char due[XF_DATE_LEN];
    xf_inspection_default_due(&f->e->ctx, "2026-06-10", due);
    assert_string_equal(r.due_on, due);
    xf_rectification_clear(&r);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM rectification"), 1);
}

/* One sent back, cancelled by a correction to a pass and reopened by a
 * correction back to a fail, is as it was: sent back, with its reason
 * (the list and the detail say so), not a new open one. */
static void test_correct_reopens_sent_back(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t v;
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t rid = failed_rect(f, &v);
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, rid, v, "已补挂", &err), XF_OK);
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_rectification_send_back(&f->e->ctx, rid, v + 1, "位置不醒目", NULL, &err),
                     XF_OK);
    struct xf_rectification r = rect_get(f, rid);
    int64_t id = r.inspection_id;
    xf_rectification_clear(&r);
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR); /* who logged it corrects it */
    struct xf_inspection_fix x = fix_of(f, id, all_pass, 5, 0, 0, "");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_get(f, rid);
    assert_string_equal(r.status, "cancelled");
    xf_rectification_clear(&r);
    x = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌缺失");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_get(f, rid);
    assert_string_equal(r.status, "open");
    assert_non_null(r.returned_note);
    assert_string_equal(r.returned_note, "位置不醒目");
    xf_rectification_clear(&r);
    struct xf_inspection_query q = {.rect = XF_INSP_RECT_RETURNED};
    struct xf_inspection_line lines[4];
    int n = 0;
    assert_int_equal(xf_inspection_page(&f->e->ctx, &q, NULL, 0, XF_INSP_AFTER, 4, lines, &n, &err),
                     XF_OK);
    assert_int_equal(n, 1);
    assert_true(lines[0].rect_returned);
    xf_inspection_line_clear(&lines[0]);
}

/* A pass corrected to a fail opens its rectification, with the deadline
 * given or the default; the findings are then required. */
static void test_correct_pass_to_fail(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    struct xf_inspection_new n = unannounced(all_pass);
    n.findings = "";
    int64_t id = log_ok(f, n);
    struct xf_inspection_fix x = fix_of(f, id, critical_fail, 5, 0, 0, "");
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_EINVAL, "findings");
    x.findings = "公示牌缺失";
    x.rect_due_on = "2026-06-13"; /* a Saturday */
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_EINVAL, "rect_due_on");
    x.rect_due_on = "2026-06-26";
    int64_t before = history_rows(f);
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    struct xf_inspection in = load(f, id);
    assert_string_equal(in.result, "fail");
    assert_true(in.critical_failed);
    xf_inspection_clear(&in);
    struct xf_rectification r = rect_of(f, id);
    assert_string_equal(r.status, "open");
    assert_string_equal(r.due_on, "2026-06-26");
    xf_rectification_clear(&r);
    /* the inspection, its one changed item, the new rectification */
    assert_int_equal(history_rows(f) - before, 3);
    /* While it stays failed the open one's deadline can be moved. */
    x = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌缺失");
    x.rect_due_on = "2026-06-30";
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_of(f, id);
    assert_string_equal(r.due_on, "2026-06-30");
    xf_rectification_clear(&r);
}

/* Once the unit reported the rectification done (or it was verified), a
 * correction may not pass the inspection nor move the deadline; the
 * findings that still fail it can be corrected. */
static void test_correct_after_rectification_done(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_rectification r = rect_of(f, id);
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, r.id, r.version, "已补挂", &err), XF_OK);
    int64_t rid = r.id;
    xf_rectification_clear(&r);
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    struct xf_inspection_fix x = fix_of(f, id, all_pass, 5, 0, 0, "");
    int64_t before = history_rows(f);
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_ESTATE, "");
    assert_non_null(strstr(err.msg, "done"));
    x = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌缺失");
    x.rect_due_on = "2026-07-01";
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_ESTATE, "rect_due_on");
    assert_int_equal(history_rows(f), before);
    x = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌未悬挂");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_of(f, id);
    assert_string_equal(r.status, "done");
    xf_rectification_clear(&r);
    /* verified: closed, the result stands */
    tu_act_as(f->e, "zhao", XF_ROLE_INSPECTOR);
    r = rect_get(f, rid);
    assert_int_equal(xf_rectification_verify(&f->e->ctx, rid, r.version, &err), XF_OK);
    xf_rectification_clear(&r);
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    x = fix_of(f, id, all_pass, 5, 0, 0, "");
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_ESTATE, "");
    assert_non_null(strstr(err.msg, "verified"));
}

/* The inspector who logged it or an administrator: not another inspector
 * nor another role; a reason is required, and a correction of nothing is
 * refused. */
static void test_correct_who_and_why(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(one_fail));
    struct xf_inspection_fix x = fix_of(f, id, all_pass, 5, 0, 0, "");
    int64_t before = history_rows(f);
    tu_act_as(f->e, "zhao", XF_ROLE_INSPECTOR);
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_EPERM, NULL);
    assert_non_null(strstr(err.msg, "li"));
    struct xf_inspection in = load(f, id);
    assert_refused(xf_inspection_correct_check(&f->e->ctx, &in, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "li", XF_ROLE_ORGANISER); /* the same login, no longer an inspector */
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_inspection_correct_check(&f->e->ctx, &in, &err), XF_OK);
    xf_inspection_clear(&in);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "li", XF_ROLE_INSPECTOR); /* moved to another district */
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_EPERM, NULL);
    f->e->ctx.user = NULL;
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    x.reason = "  ";
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_EINVAL, "correction_note");
    struct xf_inspection_fix same = fix_of(f, id, one_fail, 5, 0, 0, "公示牌缺失");
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &same, &err), XF_EINVAL, "items");
    assert_int_equal(history_rows(f), before);
    tu_act_as(f->e, "root", XF_ROLE_ADMIN);
    x.reason = "复核更正";
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    assert_int_equal(tu_history(f->e, "inspection", id, "inspection.correct"), 1);
}

/* Someone changed the inspection, or its rectification, since the form
 * was read: refused, saying so, and nothing written. */
static void test_correct_stale(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_inspection_fix x = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌未悬挂");
    struct xf_inspection_fix first = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌缺失。");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &first, &err), XF_OK);
    int64_t before = history_rows(f);
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_ECONFLICT, NULL);
    assert_non_null(strstr(err.msg, "changed"));
    /* the rectification reported done meanwhile */
    x = fix_of(f, id, all_pass, 5, 0, 0, "");
    struct xf_rectification r = rect_of(f, id);
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_int_equal(xf_rectification_done(&f->e->ctx, r.id, r.version, "已补挂", &err), XF_OK);
    xf_rectification_clear(&r);
    before = history_rows(f);
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_ECONFLICT, NULL);
    assert_int_equal(history_rows(f), before);
    struct xf_inspection in = load(f, id);
    assert_string_equal(in.findings, "公示牌缺失。");
    assert_string_equal(in.result, "fail");
    xf_inspection_clear(&in);
}

/* A colleague moved only the rectification's deadline: the refusal says
 * so (it named the reason alone, the new date unsaid). */
static void test_correct_stale_names_deadline(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_inspection in = load(f, id);
    char *findings = strdup(in.findings);
    xf_inspection_clear(&in);
    struct xf_inspection_fix stale = fix_of(f, id, critical_fail, 5, 0, 0, "公示牌未悬挂");
    struct xf_inspection_fix later = fix_of(f, id, critical_fail, 5, 0, 0, findings);
    later.rect_due_on = "2027-01-29";
    later.reason = "延长整改期限";
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &later, &err), XF_OK);
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &stale, &err), XF_ECONFLICT, NULL);
    assert_non_null(strstr(err.msg, "2027-01-29"));
    free(findings);
}

/* A deadline tightened by hand, then the check corrected to a pass
 * (cancelled) by one and back to a fail by a correction begun before it:
 * the stale one is refused naming the deadline it reopens with, and once
 * saved the rectification reopens with the deadline it had, not the
 * default (the inspector trial lost a tightened 12-07 to 12-11). */
static void test_correct_reopen_keeps_deadline(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(critical_fail));
    struct xf_inspection in = load(f, id);
    char *findings = strdup(in.findings);
    xf_inspection_clear(&in);
    struct xf_inspection_fix x = fix_of(f, id, critical_fail, 5, 0, 0, findings);
    x.rect_due_on = "2026-06-23";
    x.reason = "缩短整改期限";
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    struct xf_inspection_fix stale = fix_of(f, id, critical_fail, 5, 0, 0, "仍未悬挂");
    x = fix_of(f, id, all_pass, 5, 0, 0, "");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    struct xf_rectification r = rect_of(f, id);
    assert_string_equal(r.status, "cancelled");
    xf_rectification_clear(&r);
    assert_refused(xf_inspection_correct(&f->e->ctx, id, &stale, &err), XF_ECONFLICT, NULL);
    assert_non_null(strstr(err.msg, "reopens its rectification, due 2026-06-23 as before"));
    x = fix_of(f, id, critical_fail, 5, 0, 0, "仍未悬挂");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_of(f, id);
    assert_string_equal(r.status, "open");
    assert_string_equal(r.due_on, "2026-06-23");
    xf_rectification_clear(&r);
    free(findings);
}

/* A pass with failed items (1 of 5 at a rate of 0.2) read as clean and
 * could not be rectified: the inspector orders it, once, and the result
 * stays a pass; a pass with nothing failed and a fail are refused. */
static void test_order_rectification_of_a_pass(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(one_fail));
    struct xf_inspection in = load(f, id);
    assert_string_equal(in.result, "pass");
    assert_true(xf_inspection_passed_with_failures(&in));
    assert_int_equal(xf_inspection_order_check(&f->e->ctx, &in, &err), XF_OK);
    assert_refused(xf_inspection_order_rectification(&f->e->ctx, id, in.version + 1, NULL, &err),
                   XF_ECONFLICT, "version");
    tu_act_as(f->e, "handler", XF_ROLE_HANDLER);
    assert_refused(xf_inspection_order_rectification(&f->e->ctx, id, in.version, NULL, &err),
                   XF_EPERM, NULL);
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_inspection_order_rectification(&f->e->ctx, id, in.version, NULL, &err),
                     XF_OK);
    struct xf_rectification r = rect_of(f, id);
    assert_string_equal(r.status, "open");
    char due[XF_DATE_LEN];
    xf_rectification_return_due(&f->e->ctx, NULL, due);
    assert_string_equal(r.due_on, due);
    assert_int_equal(tu_history(f->e, "rectification", r.id, "rectification.order"), 1);
    xf_rectification_clear(&r);
    xf_inspection_clear(&in);
    in = load(f, id);
    assert_string_equal(in.result, "pass");
    assert_refused(xf_inspection_order_check(&f->e->ctx, &in, &err), XF_ESTATE, NULL); /* twice */
    assert_refused(xf_inspection_order_rectification(&f->e->ctx, id, in.version, NULL, &err),
                   XF_ESTATE, NULL);
    xf_inspection_clear(&in);
    /* A correction keeping the pass and a failed item keeps it; one that
     * leaves nothing failed makes it unnecessary (cancelled). */
    struct xf_inspection_fix x = fix_of(f, id, one_fail, 5, 0, 0, "公示牌歪斜");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_of(f, id);
    assert_string_equal(r.status, "open");
    xf_rectification_clear(&r);
    x = fix_of(f, id, all_pass, 5, 0, 0, "");
    assert_int_equal(xf_inspection_correct(&f->e->ctx, id, &x, &err), XF_OK);
    r = rect_of(f, id);
    assert_string_equal(r.status, "cancelled");
    xf_rectification_clear(&r);
    in = load(f, id);
    assert_refused(xf_inspection_order_check(&f->e->ctx, &in, &err), XF_ESTATE, "result");
    xf_inspection_clear(&in);
    /* A fail has its own from logging. */
    int64_t bad = log_ok(f, unannounced(two_fail));
    in = load(f, bad);
    assert_refused(xf_inspection_order_rectification(&f->e->ctx, bad, in.version, NULL, &err),
                   XF_ESTATE, "result");
    xf_inspection_clear(&in);
}

/* An ordered rectification of a pass goes out and comes back by CSV. */
static void test_csv_ordered_rectification_round_trip(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "li", XF_ROLE_INSPECTOR);
    int64_t id = log_ok(f, unannounced(one_fail));
    struct xf_inspection in = load(f, id);
    assert_int_equal(xf_inspection_order_rectification(&f->e->ctx, id, in.version, NULL, &err),
                     XF_OK);
    xf_inspection_clear(&in);
    char *first = tu_export(f->e, &xf_kind_inspections);
    assert_non_null(strstr(first, "pass;pass;fail;pass;pass,pass,"));
    struct fixture g = {.e = tu_env_open()};
    build(&g);
    int rc = tu_import(g.e, &xf_kind_inspections, first, &err);
    if (rc)
        fprintf(stderr, "import: line %ld %s: %s\n", err.line, err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    char *second = tu_export(g.e, &xf_kind_inspections);
    assert_string_equal(first, second);
    assert_int_equal(sql_count(g.e, "SELECT count(*) FROM rectification WHERE status='open'"), 1);
    free(first);
    free(second);
    tu_env_close(g.e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_rules),
        cmocka_unit_test(test_outlook_while_ticking),
        cmocka_unit_test_setup_teardown(test_log_passing_post_inspection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_unit_inspection_with_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_codes_number_on_from_the_highest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_critical_fail_opens_rectification, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rate_fail_with_given_due, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sample_results, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_refuses_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_wrong_role_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rectification_life_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verifier_not_who_did_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rectification_sent_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rectification_wrong_role_and_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overdue_rectification, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order_rectification_of_a_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_ordered_rectification_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_by_date_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_by_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_mine_and_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_sent_back_and_verified, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_search_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detail_reads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_due, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_inspection_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_samples_and_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_fail_to_pass_and_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_reopens_sent_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_pass_to_fail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_after_rectification_done, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_who_and_why, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_stale_names_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correct_reopen_keeps_deadline, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
