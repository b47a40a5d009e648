/* Evaluations: the weighted result, entry, correction, report, CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"
#include "xf/date.h"
#include "xf/evaluation.h"
#include "xf/post.h"
#include "xf/project.h"
#include "xf/store_internal.h"
#include "xf/unit.h"

struct fx {
    struct tu_env *e;
    int64_t d1, d2, post, post2;
};

static int64_t mk_post(struct tu_env *e, int64_t unit, const char *code, bool publish)
{
    struct xf_post p = {.code = (char *)code, .unit_id = unit, .title = "先锋岗",
                        .holder_name = "张三", .position = "窗口长", .scope = "办证",
                        .hotline = "12345", .commit_standard = "一次告知",
                        .commit_time_limit = "当日办结", .commit_quality = "零差错",
                        .commit_attitude = "微笑服务"};
    struct xf_error err = {0};
    assert_int_equal(xf_post_create(&e->ctx, &p, &err), XF_OK);
    if (publish)
        assert_int_equal(xf_post_publish(&e->ctx, p.id, 1, "2026-01-05", &err), XF_OK);
    return p.id;
}

static int setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    xf_date_set_today("2026-09-15");
    x->e = tu_env_open();
    x->d1 = tu_unit(x->e, "D1", "市政务服务中心", 0);
    x->d2 = tu_unit(x->e, "D2", "市交警支队", 0);
    x->post = mk_post(x->e, x->d1, "P1", true);
    x->post2 = mk_post(x->e, x->d2, "P2", true);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    struct fx *x = *state;
    tu_env_close(x->e);
    free(x);
    xf_date_set_today(NULL);
    return 0;
}

static struct xf_config weights(double d, double r, double p)
{
    struct xf_config cfg = {0};
    cfg.pass_score = 80;
    cfg.weight_deputies = d;
    cfg.weight_recipients = r;
    cfg.weight_public = p;
    return cfg;
}

/* ---- the result ---------------------------------------------------------- */

/* Shown to the precision the pass mark reads: 79.96 is not "80.0"; always
 * two decimals, so a column's points line up. */
static void test_score_text(void **state)
{
    (void)state;
    char b[16];
    const struct {
        double v;
        const char *want;
    } cases[] = {{79.96, "79.96"}, {80, "80.00"}, {85.5, "85.50"}, {100, "100.00"},
                 {0, "0.00"}, {79.999, "80.00"}, {60.05, "60.05"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xf_evaluation_score_text(cases[i].v, b);
        assert_string_equal(b, cases[i].want);
    }
}

/* The quarter the form starts on: the last one ended, or the running one
 * in its last month; January's is the year before's fourth. */
static void test_default_quarter(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"2026-11-28", "2026Q3"}, {"2026-12-01", "2026Q4"}, {"2026-10-01", "2026Q3"},
        {"2026-01-15", "2025Q4"}, {"2026-03-31", "2026Q1"}, {"2026-04-02", "2026Q1"},
        {"2026-09-30", "2026Q3"},
    };
    char q[7];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xf_evaluation_default_quarter(cases[i][0], q);
        assert_string_equal(q, cases[i][1]);
    }
    xf_evaluation_default_quarter("not a date", q);
    assert_string_equal(q, "");
}

/* A post published in the running quarter starts on its own quarter:
 * the last one ended is before its notice went up. */
static void test_post_quarter(void **state)
{
    (void)state;
    char q[7];
    struct xf_post p = {.published_on = "2026-10-14"};
    xf_evaluation_post_quarter(&p, "2026Q3", q);
    assert_string_equal(q, "2026Q4");
    p.published_on = "2026-08-18";
    xf_evaluation_post_quarter(&p, "2026Q3", q);
    assert_string_equal(q, "2026Q3");
    p.published_on = "2025-12-31";
    xf_evaluation_post_quarter(&p, "2026Q1", q);
    assert_string_equal(q, "2026Q1");
    p.published_on = NULL; /* never published: the quarter as given */
    xf_evaluation_post_quarter(&p, "2026Q3", q);
    assert_string_equal(q, "2026Q3");
}

/* A post up since the running quarter began has no quarter open before
 * that quarter's last month; said with the quarter and its first day. */
static void test_post_waits(void **state)
{
    (void)state;
    char why[300] = "";
    struct xf_post p = {.code = "XFG-00014", .published_on = "2026-10-11"};
    assert_true(xf_evaluation_post_waits(&p, "2026-11-29", why, sizeof why));
    assert_non_null(strstr(why, "2026Q4"));
    assert_non_null(strstr(why, "2026-12-01"));
    assert_non_null(strstr(why, "2026-10-11"));
    why[0] = '\0';
    assert_false(xf_evaluation_post_waits(&p, "2026-12-01", why, sizeof why)); /* 2026Q4 open */
    assert_string_equal(why, "");
    p.published_on = "2026-08-18";
    assert_false(xf_evaluation_post_waits(&p, "2026-11-29", why, sizeof why));
    p.published_on = NULL;
    assert_false(xf_evaluation_post_waits(&p, "2026-11-29", why, sizeof why));
}

static void test_result_equal_weights(void **state)
{
    (void)state;
    struct xf_config cfg = weights(1, 1, 1);
    struct xf_group_score g[] = {{90, 10}, {80, 200}, {70, 1000}};
    double score;
    bool passed;
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 80.0, 1e-9);
    assert_true(passed); /* exactly the pass mark passes */
    g[2].score = 69;
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 79.67, 1e-9);
    assert_false(passed);
}

static void test_result_unequal_weights(void **state)
{
    (void)state;
    struct xf_config cfg = weights(2, 1, 1);
    struct xf_group_score g[] = {{90, 5}, {80, 5}, {70, 5}};
    double score;
    bool passed;
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 82.5, 1e-9);
    assert_true(passed);
    cfg = weights(0.5, 0.3, 0.2);
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 83.0, 1e-9);
    /* a zero weight leaves the group out */
    cfg = weights(0, 1, 1);
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 75.0, 1e-9);
    assert_false(passed);
}

static void test_result_missing_group(void **state)
{
    (void)state;
    struct xf_config cfg = weights(2, 1, 1);
    /* the public did not take part: its 0 must not pull the mean down */
    struct xf_group_score g[] = {{90, 3}, {60, 40}, {0, 0}};
    double score;
    bool passed;
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 80.0, 1e-9);
    assert_true(passed);
    struct xf_group_score none[] = {{90, 0}, {60, 0}, {70, 0}};
    assert_int_equal(xf_evaluation_result(&cfg, none, &score, &passed), XF_EINVAL);
    /* only a zero-weight group answered */
    cfg = weights(0, 1, 1);
    struct xf_group_score only[] = {{90, 3}, {0, 0}, {0, 0}};
    assert_int_equal(xf_evaluation_result(&cfg, only, &score, &passed), XF_EINVAL);
}

static void test_result_rounding(void **state)
{
    (void)state;
    struct xf_config cfg = weights(1, 1, 1);
    struct xf_group_score g[] = {{79.996, 1}, {0, 0}, {0, 0}};
    double score;
    bool passed;
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 80.0, 1e-9);
    assert_true(passed);
    g[0].score = 79.994;
    assert_int_equal(xf_evaluation_result(&cfg, g, &score, &passed), XF_OK);
    assert_float_equal(score, 79.99, 1e-9);
    assert_false(passed);
}

/* ---- enter and update ---------------------------------------------------- */

static int count_rows(struct tu_env *e, const char *sql)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void test_enter(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    x->e->cfg.weight_deputies = 2;
    struct xf_group_score g[] = {{90, 12}, {80, 300}, {70, 1500}};
    struct xf_evaluation ev = {0};
    tu_act_as(x->e, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, &ev, &err), XF_OK);
    assert_true(ev.id > 0);
    assert_float_equal(ev.score, 82.5, 1e-9);
    assert_true(ev.passed);
    assert_string_equal(ev.entered_by, "org1");
    assert_string_equal(ev.quarter, "2026Q3");
    struct xf_evaluation got = {0};
    assert_int_equal(xf_store_evaluation_get(x->e->db, ev.id, &got, &err), XF_OK);
    assert_int_equal(got.groups[XF_GROUP_RECIPIENTS].respondents, 300);
    assert_float_equal(got.groups[XF_GROUP_PUBLIC].score, 70, 1e-9);
    assert_float_equal(got.score, 82.5, 1e-9);
    xf_evaluation_clear(&got);
    assert_int_equal(tu_history(x->e, "evaluation", ev.id, "evaluation.enter"), 1);
    assert_int_equal(count_rows(x->e, "SELECT count(*) FROM history WHERE "
                                      "entity='evaluation_score' AND action='evaluation.enter'"),
                     3);
    xf_evaluation_clear(&ev);
    /* out may be NULL; a small q is a Q (it was refused) */
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026q2", g, &ev, &err), XF_OK);
    assert_string_equal(ev.quarter, "2026Q2");
    xf_evaluation_clear(&ev);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q1", g, NULL, &err), XF_OK);
    /* A second one for the quarter names who entered the first and what
     * it says, so a colleague's minutes-old entry is recognised. */
    tu_act_as(x->e, "org2", XF_ROLE_ORGANISER);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q1", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    assert_non_null(strstr(err.msg, "entered by org1: 82.50, pass"));
    assert_non_null(strstr(err.msg, "correct that one instead"));
}

static void test_enter_refused_input(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_group_score g[] = {{90, 12}, {80, 300}, {70, 1500}};
    const char *bad_q[] = {"2026Q5", "26Q1", "2026x1", "", "2026Q4" /* future */};
    for (size_t i = 0; i < sizeof bad_q / sizeof bad_q[0]; i++) {
        assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, bad_q[i], g, NULL, &err),
                         XF_EINVAL);
        assert_string_equal(err.field, "quarter");
    }
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, NULL, g, NULL, &err), XF_EINVAL);
    g[0].score = 100.5;
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "deputies_score");
    g[0].score = 90;
    g[2].score = -1;
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "public_score");
    g[2].score = 70;
    g[1].respondents = -3;
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "recipients_respondents");
    struct xf_group_score none[] = {{90, 0}, {80, 0}, {70, 0}};
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", none, NULL, &err),
                     XF_EINVAL);
    g[1].respondents = 3;
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, 999, "2026Q3", g, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "post");
    assert_int_equal(count_rows(x->e, "SELECT count(*) FROM evaluation"), 0);
}

static void test_enter_refused_state(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_group_score g[] = {{90, 12}, {80, 300}, {70, 1500}};
    int64_t proposed = mk_post(x->e, x->d1, "P3", false);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, proposed, "2026Q3", g, NULL, &err),
                     XF_ESTATE);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err), XF_OK);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    assert_non_null(strstr(err.msg, "2026Q3"));
    assert_int_equal(xf_post_revoke(&x->e->ctx, x->post2, 2, "撤销", NULL, &err), XF_OK);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post2, "2026Q3", g, NULL, &err),
                     XF_ESTATE);
    /* not for a quarter before its notice went up (published 2026-01-05) */
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2025Q4", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    assert_non_null(strstr(err.msg, "2026Q1"));
    /* a named post is still evaluated */
    assert_int_equal(xf_post_name(&x->e->ctx, x->post, 2, "市委", NULL, &err), XF_OK);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q2", g, NULL, &err), XF_OK);
}

/* The running quarter is evaluated from the first day of its last month,
 * the day the form starts offering it: on 2026-11-28 a 2026Q4 result
 * counted as "evaluated" and could name a post. */
static void test_enter_running_quarter(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_group_score g[] = {{90, 12}, {80, 300}, {70, 1500}};
    xf_date_set_today("2026-11-28");
    assert_int_equal(xf_evaluation_check_quarter("2026Q4", &err), XF_EINVAL);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q4", g, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    assert_non_null(strstr(err.msg, "2026Q4"));
    assert_non_null(strstr(err.msg, "2026-12-01"));
    const char *head = "post_code,quarter,deputies_score,deputies_respondents\n";
    char csv[256];
    snprintf(csv, sizeof csv, "%sP1,2026q4,90,5\n", head);
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    assert_int_equal(count_rows(x->e, "SELECT count(*) FROM evaluation"), 0);
    /* the quarter ended is open, as is the running one in its last month */
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err), XF_OK);
    xf_date_set_today("2026-12-01");
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q4", g, NULL, &err), XF_OK);
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL); /* a repeat */
    snprintf(csv, sizeof csv, "%sP2,2026Q4,90,5\n", head);
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_OK);
}

static void test_enter_wrong_role_and_scope(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_group_score g[] = {{90, 12}, {80, 300}, {70, 1500}};
    const enum xf_role refused[] = {XF_ROLE_VIEWER, XF_ROLE_HANDLER, XF_ROLE_INSPECTOR,
                                    XF_ROLE_SUPERVISOR};
    for (size_t i = 0; i < 4; i++) {
        tu_act_as(x->e, "someone", refused[i]);
        assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err),
                         XF_EPERM);
    }
    struct xf_user user;
    char *scopes[] = {"D1"};
    tu_scope(x->e, &user, scopes, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post2, "2026Q3", g, NULL, &err),
                     XF_EPERM);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, NULL, &err), XF_OK);
    x->e->ctx.user = NULL;
}

static void test_update(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_group_score g[] = {{90, 12}, {80, 300}, {70, 1500}};
    struct xf_evaluation ev = {0};
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q3", g, &ev, &err), XF_OK);
    assert_true(ev.passed);
    struct xf_group_score fixed[] = {{90, 12}, {60, 300}, {70, 1500}};
    struct xf_evaluation upd = {0};
    /* Not without a reason: a score decides naming and revocation. */
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, ev.version, fixed, "  ", &upd, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "correction_note");
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, ev.version, fixed, "录入时看错一行",
                                          &upd, &err),
                     XF_OK);
    assert_string_equal(upd.correction_note, "录入时看错一行");
    assert_float_equal(upd.score, 73.33, 1e-9);
    assert_false(upd.passed);
    assert_int_equal(upd.version, ev.version + 1);
    assert_float_equal(upd.groups[XF_GROUP_RECIPIENTS].score, 60, 1e-9);
    assert_int_equal(tu_history(x->e, "evaluation", ev.id, "evaluation.update"), 1);
    /* only the changed group row is rewritten */
    assert_int_equal(count_rows(x->e, "SELECT count(*) FROM history WHERE "
                                      "entity='evaluation_score' AND action='evaluation.update'"),
                     1);
    /* stale */
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, ev.version, g, "x", NULL, &err),
                     XF_ECONFLICT);
    /* The other's change is told by the score they typed, not only by
     * the total it made (which alone left the user guessing). */
    assert_non_null(strstr(err.msg, "changed by someone else: tester at "));
    assert_non_null(strstr(err.msg, ": Recipients score: 80 → 60, score: 80 → 73.33"));
    assert_int_equal(xf_evaluation_update(&x->e->ctx, 999, 1, g, "x", NULL, &err), XF_ENOTFOUND);
    g[0].score = 120;
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, upd.version, g, "x", NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "deputies_score");
    /* the scores as they are: nothing is corrected, nothing written */
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, upd.version, upd.groups, "看错了",
                                          NULL, &err),
                     XF_EINVAL);
    assert_int_equal(tu_history(x->e, "evaluation", ev.id, "evaluation.update"), 1);
    g[0].score = 90;
    tu_act_as(x->e, "viewer", XF_ROLE_VIEWER);
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, upd.version, g, "x", NULL, &err),
                     XF_EPERM);
    tu_act_as(x->e, "tester", XF_ROLE_ADMIN);
    assert_int_equal(xf_post_revoke(&x->e->ctx, x->post, 2, "撤销", NULL, &err), XF_OK);
    /* A revoked post's score is still corrected (a typo stayed on record
     * for good); the post stays revoked. */
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ev.id, upd.version, g, "录入错误", NULL,
                                          &err),
                     XF_OK);
    struct xf_post after = {0};
    assert_int_equal(xf_store_post_get(x->e->db, x->post, &after, &err), XF_OK);
    assert_string_equal(after.status, "revoked");
    xf_post_clear(&after);
    xf_evaluation_clear(&ev);
    xf_evaluation_clear(&upd);
}

/* ---- report -------------------------------------------------------------- */

static void enter(struct fx *x, int64_t post, const char *q, double score)
{
    struct xf_group_score g[] = {{score, 1}, {score, 1}, {score, 1}};
    struct xf_error err = {0};
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, post, q, g, NULL, &err), XF_OK);
}

static void test_report(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t p3 = mk_post(x->e, x->d1, "P3", true);
    enter(x, x->post, "2026Q1", 90);
    enter(x, x->post2, "2026Q1", 70);
    enter(x, p3, "2026Q1", 80);
    enter(x, x->post, "2026Q2", 60);
    struct xf_table t = {0};
    assert_int_equal(xf_evaluation_report(&x->e->ctx, NULL, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(xf_table_cell(&t, 0, 0), "2026Q1");
    assert_string_equal(xf_table_cell(&t, 0, 1), "3");
    assert_string_equal(xf_table_cell(&t, 0, 2), "2");
    assert_string_equal(xf_table_cell(&t, 0, 3), "1");
    assert_string_equal(xf_table_cell(&t, 0, 4), "66.7");
    assert_string_equal(xf_table_cell(&t, 0, 5), "80.00");
    assert_string_equal(xf_table_cell(&t, 1, 0), "2026Q2");
    assert_string_equal(xf_table_cell(&t, 1, 4), "0.0");
    xf_table_free(&t);
    assert_int_equal(xf_evaluation_report(&x->e->ctx, "2026Q2", &t, &err), XF_OK);
    assert_int_equal(t.nrows, 1);
    xf_table_free(&t);
    assert_int_equal(xf_evaluation_report(&x->e->ctx, "Q2", &t, &err), XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    assert_int_equal(xf_evaluation_report(&x->e->ctx, NULL, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(xf_table_cell(&t, 0, 1), "1");
    assert_string_equal(xf_table_cell(&t, 0, 5), "70.00");
    xf_table_free(&t);
    x->e->ctx.user = NULL;
}

/* ---- CSV ----------------------------------------------------------------- */

static void test_csv_round_trip(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_group_score g1[] = {{91.5, 12}, {83.25, 300}, {0, 0}};
    struct xf_group_score g2[] = {{40, 3}, {55, 30}, {61, 700}};
    struct xf_evaluation ev = {0};
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post, "2026Q2", g1, &ev, &err), XF_OK);
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, x->post2, "2026Q1", g2, NULL, &err),
                     XF_OK);
    /* a corrected one carries its reason */
    struct xf_group_score fix[] = {{40, 3}, {55, 30}, {62, 700}};
    struct xf_evaluation e2 = {0};
    assert_int_equal(xf_store_evaluation_find(x->e->db, x->post2, "2026Q1", &e2, &err), XF_OK);
    assert_int_equal(xf_evaluation_update(&x->e->ctx, e2.id, e2.version, fix, "重新统计", NULL,
                                          &err),
                     XF_OK);
    xf_evaluation_clear(&e2);
    /* an evaluation of a post revoked since travels too */
    assert_int_equal(xf_post_revoke(&x->e->ctx, x->post2, 2, "不合格", NULL, &err), XF_OK);
    const struct xf_kind_io *kinds[] = {&xf_kind_units, &xf_kind_members, &xf_kind_projects,
                                        &xf_kind_posts, &xf_kind_evaluations};
    char *out[5];
    for (int i = 0; i < 5; i++)
        out[i] = tu_export(x->e, kinds[i]);
    assert_non_null(strstr(out[4], "post_code,quarter,deputies_score,deputies_respondents,"
                                   "recipients_score,recipients_respondents,public_score,"
                                   "public_respondents,correction_note\r\n"));
    /* the public took no part: empty cells, not zeros to average in */
    assert_non_null(strstr(out[4], "P1,2026Q2,91.5,12,83.25,300,,,\r\n"));
    struct tu_env *f = tu_env_open();
    f->cfg.pass_score = 90; /* import recomputes under its own rules */
    for (int i = 0; i < 5; i++) {
        int rc = tu_import(f, kinds[i], out[i], &err);
        if (rc)
            fprintf(stderr, "import %s line %ld: %s: %s\n", kinds[i]->name, err.line,
                    err.field, err.msg);
        assert_int_equal(rc, XF_OK);
    }
    for (int i = 0; i < 5; i++) {
        char *again = tu_export(f, kinds[i]);
        assert_string_equal(again, out[i]);
        free(again);
        free(out[i]);
    }
    struct xf_post p = {0};
    assert_int_equal(xf_store_post_by_code(f->db, "P1", &p, &err), XF_OK);
    struct xf_evaluation imp = {0};
    assert_int_equal(xf_store_evaluation_find(f->db, p.id, "2026Q2", &imp, &err), XF_OK);
    assert_float_equal(imp.score, ev.score, 1e-9);
    assert_true(ev.passed);
    assert_false(imp.passed);
    xf_evaluation_clear(&imp);
    xf_evaluation_clear(&ev);
    xf_post_clear(&p);
    tu_env_close(f);
}

static void test_csv_import_refused(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    mk_post(x->e, x->d1, "P3", false);
    struct xf_evaluation ev = {0};
    static const char head[] = "post_code,quarter,deputies_score,deputies_respondents,"
                               "recipients_score,recipients_respondents\n";
    static const struct {
        const char *row, *field;
        int code;
    } bad[] = {
        {"NOPE,2026Q1,90,1,80,1\n", "post_code", XF_EINVAL},
        {"P3,2026Q1,90,1,80,1\n", "post_code", XF_ESTATE},
        {"P1,2026Q9,90,1,80,1\n", "quarter", XF_EINVAL},
        {"P1,2026Q1,ninety,1,80,1\n", "deputies_score", XF_EINVAL},
        {"P1,2026Q1,90,1.5,80,1\n", "deputies_respondents", XF_EINVAL},
        {"P1,2026Q1,90,1,180,1\n", "recipients_score", XF_EINVAL},
        {"P1,2026Q1,90,0,80,0\n", "deputies_respondents", XF_EINVAL},
        /* a score nobody gave, as the form refuses it */
        {"P1,2026Q1,90,0,80,3\n", "deputies_respondents", XF_EINVAL},
        /* respondents without their score: missing, not 0 (it failed) */
        {"P1,2026Q1,,5,80,3\n", "deputies_score", XF_EINVAL},
        /* plain decimals only: strtod read these as 80, 16 and 100 */
        {"P1,2026Q1,0x50,5,80,3\n", "deputies_score", XF_EINVAL},
        {"P1,2026Q1,90,0x10,80,3\n", "deputies_respondents", XF_EINVAL},
        {"P1,2026Q1,90,5,1e2,3\n", "recipients_score", XF_EINVAL},
        {"P1,2026Q1,90,1e1,80,3\n", "deputies_respondents", XF_EINVAL},
        {"P1,2026Q1,inf,5,80,3\n", "deputies_score", XF_EINVAL},
        {"P1,2026Q1,90,+5,80,3\n", "deputies_respondents", XF_EINVAL},
        /* several bad cells: the first in column order is said (a bad
         * score hid the post code that did not exist, or the quarter) */
        {"NOPE,2026Q9,ninety,1.5,180,1\n", "post_code", XF_EINVAL},
        {"P3,2026Q1,ninety,1,80,1\n", "post_code", XF_ESTATE},
        {"P1,2026Q9,ninety,1.5,180,1\n", "quarter", XF_EINVAL},
        {"P1,2026Q1,90,1.5,180,1\n", "deputies_respondents", XF_EINVAL},
        {"P1,2026Q1,180,abc,80,1\n", "deputies_score", XF_EINVAL},
        {"P1,2026Q1,90,1,abc,-1\n", "recipients_score", XF_EINVAL},
        {"NOPE,2026Q1,90,0,80,0\n", "post_code", XF_EINVAL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char csv[512];
        snprintf(csv, sizeof csv, "%s%s", head, bad[i].row);
        assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), bad[i].code);
        assert_string_equal(err.field, bad[i].field);
    }
    char csv[512];
    /* a negative score is out of range, not "not a number" */
    snprintf(csv, sizeof csv, "%s%s", head, "P1,2026Q1,-1,5,80,3\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL);
    assert_string_equal(err.field, "deputies_score");
    assert_non_null(strstr(err.msg, "between 0 and 100"));
    snprintf(csv, sizeof csv, "%s%s", head, "P1,2026Q1,90,-5,80,3\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL);
    assert_string_equal(err.field, "deputies_respondents");
    assert_non_null(strstr(err.msg, "cannot be negative"));
    snprintf(csv, sizeof csv, "%s%s%s", head, "P1,2026Q1,90,1,80,1\n", "P1,2026Q1,90,1,80,1\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL);
    assert_string_equal(err.field, "quarter");
    assert_int_equal(err.line, 3);
    /* the one it repeats may be on an earlier line: "correct that one" was
     * no advice for a row that never reached the database */
    assert_non_null(strstr(err.msg, "earlier line of this file"));
    /* only quarters while the notice was up: P1 from 2026Q1, and P2,
     * revoked on 2026-04-10, up to 2026Q1: 2026Q2 had not ended then */
    assert_int_equal(xf_post_revoke(&x->e->ctx, x->post2, 2, "撤销", "2026-04-10", &err), XF_OK);
    static const char *const outside[] = {"P1,2025Q4,90,1,80,1\n", "P2,2026Q3,90,1,80,1\n",
                                          "P2,2026Q2,90,1,80,1\n"};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        snprintf(csv, sizeof csv, "%s%s", head, outside[i]);
        assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL);
        assert_string_equal(err.field, "quarter");
    }
    /* full-width digits, as an input method types them, are digits */
    snprintf(csv, sizeof csv, "%s%s", head, "P2,2026Q1,\xef\xbc\x99\xef\xbc\x90,1,80,1\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_OK);
    assert_int_equal(xf_store_evaluation_find(x->e->db, x->post2, "2026Q1", &ev, &err), XF_OK);
    assert_float_equal(ev.groups[XF_GROUP_DEPUTIES].score, 90, 1e-9);
    xf_evaluation_clear(&ev);
    /* the missing public columns mean the public did not take part */
    snprintf(csv, sizeof csv, "%s%s", head, "P1,2026Q1,90,1,70,1\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_OK);
    assert_int_equal(xf_store_evaluation_find(x->e->db, x->post, "2026Q1", &ev, &err), XF_OK);
    assert_float_equal(ev.score, 80, 1e-9);
    assert_true(ev.passed);
    assert_int_equal(ev.groups[XF_GROUP_PUBLIC].respondents, 0);
    xf_evaluation_clear(&ev);
    /* revoked in the last month of a quarter, the quarter's evaluation
     * known by then comes along (an export of such a post imports again) */
    assert_int_equal(xf_post_revoke(&x->e->ctx, x->post, 2, "撤销", "2026-06-15", &err), XF_OK);
    snprintf(csv, sizeof csv, "%s%s", head, "P1,2026Q2,70,1,70,1\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_OK);
    snprintf(csv, sizeof csv, "%s%s", head, "P1,2026Q3,70,1,70,1\n");
    assert_int_equal(tu_import(x->e, &xf_kind_evaluations, csv, &err), XF_EINVAL);
    assert_non_null(strstr(err.msg, "before 2026Q3 opened for evaluation (2026-09-01)"));
}

/* ---- the interface's lists ------------------------------------------------ */

struct qsink {
    int n;
    char q[8][8];
    int64_t evaluated[8], passed[8];
};

static void take_quarter(void *arg, const struct xf_eval_quarter_stats *row)
{
    struct qsink *k = arg;
    snprintf(k->q[k->n], 8, "%s", row->quarter);
    k->evaluated[k->n] = row->evaluated;
    k->passed[k->n++] = row->passed;
}

struct esink {
    int n;
    char codes[8][8];
    int64_t ids[8];
    double deputies[8];
    bool passed[8];
};

static void take_eval(void *arg, const struct xf_eval_item *it)
{
    struct esink *k = arg;
    snprintf(k->codes[k->n], 8, "%s", it->post_code);
    k->ids[k->n] = it->id;
    k->deputies[k->n] = it->groups[XF_GROUP_DEPUTIES].score;
    k->passed[k->n++] = it->passed;
}

static void test_quarters_and_page(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    enter(x, x->post, "2026Q2", 90);
    enter(x, x->post, "2026Q3", 50);
    enter(x, x->post2, "2026Q3", 85);
    struct qsink q = {0};
    assert_int_equal(xf_evaluation_quarters(&x->e->ctx, 0, 0, take_quarter, &q, &err), XF_OK);
    assert_int_equal(q.n, 2);
    assert_string_equal(q.q[1], "2026Q3");
    assert_int_equal(q.evaluated[1], 2);
    assert_int_equal(q.passed[1], 1);
    /* Linked to D2's subtree, or to one post: their counts only. */
    struct qsink linked = {0};
    assert_int_equal(xf_evaluation_quarters(&x->e->ctx, x->d2, 0, take_quarter, &linked, &err),
                     XF_OK);
    assert_int_equal(linked.n, 1);
    assert_string_equal(linked.q[0], "2026Q3");
    assert_int_equal(linked.evaluated[0], 1);
    struct qsink one = {0};
    assert_int_equal(xf_evaluation_quarters(&x->e->ctx, 0, x->post, take_quarter, &one, &err),
                     XF_OK);
    assert_int_equal(one.n, 2);
    assert_int_equal(one.evaluated[1], 1);
    assert_int_equal(one.passed[1], 0);
    struct esink k = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &(struct xf_eval_filter){.quarter = "2026Q3", .unit_id = 0, .post_id = 0}, NULL, 0, XF_EVAL_AFTER, 10,
                                        take_eval, &k, &err), XF_OK);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.codes[0], "P1");
    assert_false(k.passed[0]);
    assert_true(k.deputies[0] > 49.9 && k.deputies[0] < 50.1);
    struct esink after = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &(struct xf_eval_filter){.quarter = "2026Q3", .unit_id = 0, .post_id = 0}, "P1", k.ids[0],
                                        XF_EVAL_AFTER, 10, take_eval, &after, &err), XF_OK);
    assert_int_equal(after.n, 1);
    assert_string_equal(after.codes[0], "P2");
    struct esink before = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &(struct xf_eval_filter){.quarter = "2026Q3", .unit_id = 0, .post_id = 0}, NULL, 0, XF_EVAL_BEFORE, 1,
                                        take_eval, &before, &err), XF_OK);
    assert_string_equal(before.codes[0], "P2");
    struct esink unit = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &(struct xf_eval_filter){.quarter = "2026Q3", .unit_id = x->d2, .post_id = 0}, NULL, 0, XF_EVAL_AFTER,
                                        10, take_eval, &unit, &err), XF_OK);
    assert_int_equal(unit.n, 1);
    assert_string_equal(unit.codes[0], "P2");
    struct esink post = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &(struct xf_eval_filter){.quarter = "2026Q3", .unit_id = 0, .post_id = x->post}, NULL, 0,
                                        XF_EVAL_AFTER, 10, take_eval, &post, &err), XF_OK);
    assert_int_equal(post.n, 1);
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &(struct xf_eval_filter){.quarter = "26Q3", .unit_id = 0, .post_id = 0}, NULL, 0, XF_EVAL_AFTER, 10,
                                        take_eval, &post, &err), XF_EINVAL);
    assert_string_equal(err.field, "quarter");
}

struct msink {
    int n;
    char codes[8][8];
    int64_t ids[8];
};

static void take_missing(void *arg, const struct xf_eval_missing *m)
{
    struct msink *k = arg;
    snprintf(k->codes[k->n], 8, "%s", m->post_code);
    k->ids[k->n++] = m->post_id;
}

/* A quarter's failures alone, its passes alone, and the worst first; the
 * keyset pages the same way in both orders. */
static void test_page_result_and_score_order(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t p3 = mk_post(x->e, x->d1, "P3", true);
    int64_t p4 = mk_post(x->e, x->d2, "P4", true);
    enter(x, x->post, "2026Q3", 50);
    enter(x, x->post2, "2026Q3", 85);
    enter(x, p3, "2026Q3", 70);
    enter(x, p4, "2026Q3", 95);
    enter(x, p3, "2026Q2", 10); /* another quarter: never listed */
    struct xf_eval_filter f = {.quarter = "2026Q3", .result = XF_EVAL_FAILED};
    struct esink failed = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10, take_eval,
                                        &failed, &err), XF_OK);
    assert_int_equal(failed.n, 2);
    assert_string_equal(failed.codes[0], "P1");
    assert_string_equal(failed.codes[1], "P3");
    f.result = XF_EVAL_PASSED;
    struct esink passed = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10, take_eval,
                                        &passed, &err), XF_OK);
    assert_int_equal(passed.n, 2);
    assert_string_equal(passed.codes[0], "P2");
    assert_string_equal(passed.codes[1], "P4");
    /* By score: P1 50, P3 70, P2 85, P4 95; a page of two, then the next. */
    f = (struct xf_eval_filter){.quarter = "2026Q3", .order = XF_EVAL_BY_SCORE};
    struct esink worst = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 2, take_eval,
                                        &worst, &err), XF_OK);
    assert_int_equal(worst.n, 2);
    assert_string_equal(worst.codes[0], "P1");
    assert_string_equal(worst.codes[1], "P3");
    char key[32];
    snprintf(key, sizeof key, "%.17g", 70.0);
    struct esink next = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, key, worst.ids[1], XF_EVAL_AFTER, 10,
                                        take_eval, &next, &err), XF_OK);
    assert_int_equal(next.n, 2);
    assert_string_equal(next.codes[0], "P2");
    assert_string_equal(next.codes[1], "P4");
    struct esink from = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, key, worst.ids[1], XF_EVAL_FROM, 10,
                                        take_eval, &from, &err), XF_OK);
    assert_int_equal(from.n, 3);
    assert_string_equal(from.codes[0], "P3");
    struct esink last = {0}; /* End: the best, nearest first */
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_BEFORE, 3, take_eval,
                                        &last, &err), XF_OK);
    assert_int_equal(last.n, 3);
    assert_string_equal(last.codes[0], "P4");
    assert_string_equal(last.codes[2], "P3");
    /* The worst failure first: both filters at once. */
    f.result = XF_EVAL_FAILED;
    struct esink both = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_BEFORE, 10, take_eval,
                                        &both, &err), XF_OK);
    assert_int_equal(both.n, 2);
    assert_string_equal(both.codes[0], "P3");
    assert_string_equal(both.codes[1], "P1");
    /* A scoped organiser sees their units' only, in either order. */
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "org2", XF_ROLE_ORGANISER);
    f = (struct xf_eval_filter){.quarter = "2026Q3", .result = XF_EVAL_PASSED};
    struct esink scoped = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10, take_eval,
                                        &scoped, &err), XF_OK);
    assert_int_equal(scoped.n, 2);
    f.result = XF_EVAL_FAILED;
    f.order = XF_EVAL_BY_SCORE;
    struct esink none = {0};
    assert_int_equal(xf_evaluation_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10, take_eval,
                                        &none, &err), XF_OK);
    assert_int_equal(none.n, 0);
    x->e->ctx.user = NULL;
}

/* The posts still to be evaluated for a quarter: published or named by its
 * end, with none for it; not a proposed or revoked post, nor one published
 * after the quarter; within the user's scope; and their count. */
static void test_missing(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t p3 = mk_post(x->e, x->d1, "P3", true);
    int64_t p4 = mk_post(x->e, x->d2, "P4", true);
    mk_post(x->e, x->d1, "P5", false); /* proposed */
    int64_t p6 = mk_post(x->e, x->d1, "P6", false);
    assert_int_equal(xf_post_publish(&x->e->ctx, p6, 1, "2026-07-02", &err), XF_OK);
    enter(x, p3, "2026Q1", 90); /* named after a pass */
    assert_int_equal(xf_post_name(&x->e->ctx, p3, 2, "市委", NULL, &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, p4, 2, "撤销", NULL, &err), XF_OK);
    enter(x, x->post, "2026Q2", 90);
    enter(x, x->post2, "2026Q3", 90);
    struct xf_eval_filter f = {.quarter = "2026Q2"};
    struct msink q2 = {0};
    assert_int_equal(xf_evaluation_missing_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10,
                                                take_missing, &q2, &err), XF_OK);
    /* P1 has one; P4 is revoked, P5 proposed, P6 published in Q3 */
    assert_int_equal(q2.n, 2);
    assert_string_equal(q2.codes[0], "P2");
    assert_string_equal(q2.codes[1], "P3");
    int64_t n = -1;
    assert_int_equal(xf_evaluation_missing_count(&x->e->ctx, &f, &n, &err), XF_OK);
    assert_int_equal(n, 2);
    f.quarter = "2026Q3";
    struct msink q3 = {0};
    assert_int_equal(xf_evaluation_missing_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10,
                                                take_missing, &q3, &err), XF_OK);
    assert_int_equal(q3.n, 3);
    assert_string_equal(q3.codes[0], "P1");
    assert_string_equal(q3.codes[1], "P3");
    assert_string_equal(q3.codes[2], "P6");
    struct msink after = {0};
    assert_int_equal(xf_evaluation_missing_page(&x->e->ctx, &f, "P3", q3.ids[1], XF_EVAL_AFTER,
                                                10, take_missing, &after, &err), XF_OK);
    assert_int_equal(after.n, 1);
    assert_string_equal(after.codes[0], "P6");
    struct msink before = {0};
    assert_int_equal(xf_evaluation_missing_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_BEFORE, 2,
                                                take_missing, &before, &err), XF_OK);
    assert_int_equal(before.n, 2);
    assert_string_equal(before.codes[0], "P6");
    f.like = "P6";
    assert_int_equal(xf_evaluation_missing_count(&x->e->ctx, &f, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    /* An organiser of D2 has nothing left for Q3 (P2 was evaluated), and
     * in Q2 only P2. */
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "org2", XF_ROLE_ORGANISER);
    f = (struct xf_eval_filter){.quarter = "2026Q3"};
    assert_int_equal(xf_evaluation_missing_count(&x->e->ctx, &f, &n, &err), XF_OK);
    assert_int_equal(n, 0);
    f.quarter = "2026Q2";
    struct msink scoped = {0};
    assert_int_equal(xf_evaluation_missing_page(&x->e->ctx, &f, NULL, 0, XF_EVAL_AFTER, 10,
                                                take_missing, &scoped, &err), XF_OK);
    assert_int_equal(scoped.n, 1);
    assert_string_equal(scoped.codes[0], "P2");
    x->e->ctx.user = NULL;
    f.quarter = "26Q2";
    assert_int_equal(xf_evaluation_missing_count(&x->e->ctx, &f, &n, &err), XF_EINVAL);
}

/* What the form asks before the scores are typed: is this post's
 * evaluation for the quarter still to be entered, and is it there. */
static void test_check_new_and_find(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post, "2026Q3", &err), XF_OK);
    struct xf_evaluation ev = {0};
    assert_int_equal(xf_evaluation_find(&x->e->ctx, x->post, "2026Q3", &ev, &err),
                     XF_ENOTFOUND);
    enter(x, x->post, "2026Q3", 50);
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post, "2026q3", &err), XF_EINVAL);
    assert_non_null(strstr(err.msg, "already has an evaluation for 2026Q3"));
    assert_int_equal(xf_evaluation_find(&x->e->ctx, x->post, "2026Q3", &ev, &err), XF_OK);
    assert_false(ev.passed);
    xf_evaluation_clear(&ev);
    /* before the notice went up; a quarter not open yet */
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post, "2025Q4", &err), XF_EINVAL);
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post2, "2026Q4", &err), XF_EINVAL);
    /* Outside the organiser's scope: refused, and not read either. */
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "org2", XF_ROLE_ORGANISER);
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post, "2026Q2", &err), XF_EPERM);
    assert_int_equal(xf_evaluation_find(&x->e->ctx, x->post, "2026Q3", &ev, &err), XF_EPERM);
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post2, "2026Q3", &err), XF_OK);
    tu_act_as(x->e, "viewer", XF_ROLE_VIEWER);
    assert_int_equal(xf_evaluation_check_new(&x->e->ctx, x->post2, "2026Q3", &err), XF_EPERM);
    x->e->ctx.user = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_text),
        cmocka_unit_test(test_default_quarter),
        cmocka_unit_test(test_post_quarter),
        cmocka_unit_test(test_post_waits),
        cmocka_unit_test(test_result_equal_weights),
        cmocka_unit_test(test_result_unequal_weights),
        cmocka_unit_test(test_result_missing_group),
        cmocka_unit_test(test_result_rounding),
        cmocka_unit_test_setup_teardown(test_enter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_refused_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_refused_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_running_quarter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_wrong_role_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quarters_and_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_result_and_score_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_new_and_find, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
