/* Complaints: every transition allowed and refused, clocks, permissions,
 * masking, merge chains, events and history, reports and CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"

#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/search.h"
#include "xf/demo.h"
#include "xf/history.h"
#include "xf/overview.h"
#include "xf/post.h"
#include "xf/store_complaint.h"
#include "xf/store_internal.h"
#include "xf/table.h"

struct fx {
    struct tu_env *e;
    int64_t d1, d1_office, d2, d3, gone;
};

static int setup(void **state)
{
    xf_date_set_today("2026-03-06"); /* a Friday; no holidays in March */
    struct fx *f = calloc(1, sizeof *f);
    f->e = tu_env_open();
    f->d1 = tu_unit(f->e, "D1", "市场监管局", 0);
    f->d1_office = tu_unit(f->e, "D1-1", "投诉科", f->d1);
    f->d2 = tu_unit(f->e, "D2", "交警支队", 0);
    f->d3 = tu_unit(f->e, "D3", "城管局", 0);
    f->gone = tu_unit(f->e, "OLD", "已撤销单位", 0);
    sqlite3 *h = xf_db_handle(f->e->db);
    assert_int_equal(sqlite3_exec(h,
                                  "UPDATE unit SET active=0 WHERE code='OLD';"
                                  "INSERT INTO post(code,unit_id,title,updated_at) "
                                  "SELECT 'P1', id, '政务窗口1号', '2026-01-01 00:00:00' "
                                  "FROM unit WHERE code='D1-1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
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

static const struct xf_ctx *C(struct fx *f)
{
    return &f->e->ctx;
}

static int64_t receive(struct fx *f, const char *unit)
{
    struct xf_error err = {0};
    struct xf_complaint_new in = {.source = "hotline",
                                  .unit_code = unit,
                                  .text = "窗口工作人员态度生硬",
                                  .complainant_name = "张三",
                                  .complainant_phone = "13812345678"};
    int64_t id = 0;
    int rc = xf_complaint_receive(C(f), &in, &id, &err);
    if (rc)
        fprintf(stderr, "receive: %s\n", err.msg);
    assert_int_equal(rc, XF_OK);
    return id;
}

static struct xf_complaint load(struct fx *f, int64_t id)
{
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_complaint_get(f->e->db, id, &c, &err), XF_OK);
    return c;
}

static int64_t ver(struct fx *f, int64_t id)
{
    struct xf_complaint c = load(f, id);
    int64_t v = c.version;
    xf_complaint_clear(&c);
    return v;
}

static void expect_state(struct fx *f, int64_t id, const char *state)
{
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, state);
    xf_complaint_clear(&c);
}

static void ok(int rc, const struct xf_error *err)
{
    if (rc)
        fprintf(stderr, "unexpected error %d: %s: %s\n", rc, err->field, err->msg);
    assert_int_equal(rc, XF_OK);
}

/* Drives a complaint (as admin) up to the named state along the main path. */
static void advance(struct fx *f, int64_t id, enum xf_complaint_state to)
{
    struct xf_error err = {0};
    const struct xf_ctx *ctx = C(f);
    if (to >= XF_CS_CLASSIFIED)
        ok(xf_complaint_classify(ctx, id, ver(f, id), "attitude", NULL, &err), &err);
    if (to >= XF_CS_DISPATCHED)
        ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err), &err);
    if (to >= XF_CS_SIGNED && to != XF_CS_RETURNED)
        ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    if (to == XF_CS_RETURNED)
        ok(xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "不归我们管", &err),
           &err);
    if (to >= XF_CS_REPLIED && to != XF_CS_RETURNED)
        ok(xf_complaint_reply(ctx, id, ver(f, id), "已核实并道歉", &err), &err);
    /* A satisfied callback closes the complaint (SPEC §2.5). */
    if (to >= XF_CS_CALLBACK && to != XF_CS_RETURNED)
        ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err), &err);
}

static long count_sql(struct fx *f, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* ---- receive ---- */

static struct xf_category *category(struct fx *f, const char *name)
{
    return (struct xf_category *)xf_config_category(&f->e->cfg, name);
}

/* A unit that does not sign for a dispatch loses it to another, with the
 * supervisor's reason; the new unit's clock starts that day and it may
 * return it, even after the old unit's return was upheld. */
static void test_redispatch(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_RETURNED);
    ok(xf_complaint_rule(ctx, id, ver(f, id), false, 0, NULL, 0, "就是你们的", &err), &err);
    struct xf_complaint c = load(f, id);
    assert_false(xf_complaint_may_return(ctx, &c)); /* upheld: not again */
    xf_complaint_clear(&c);
    assert_int_equal(xf_complaint_redispatch(ctx, id, ver(f, id), f->d2, NULL, 0, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "note");
    assert_int_equal(xf_complaint_redispatch(ctx, id, ver(f, id), f->d1, NULL, 0, "拖着不签", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "lead_unit");
    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_redispatch(ctx, id, ver(f, id), f->d2, NULL, 0, "拖着不签", &err),
                     XF_EPERM);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    xf_date_set_today("2026-03-10");
    int64_t coh[] = {f->d3};
    ok(xf_complaint_redispatch(ctx, id, ver(f, id), f->d2, coh, 1, "原单位逾期未签收", &err), &err);
    c = load(f, id);
    assert_string_equal(c.state, "dispatched");
    assert_int_equal(c.lead_unit_id, f->d2);
    assert_string_equal(c.sign_due, "2026-03-11");
    assert_null(c.return_reason);
    assert_true(xf_complaint_may_return(ctx, &c)); /* the new unit may */
    xf_complaint_clear(&c);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = "
                                  "'redispatch' AND note = 'with=D3: 原单位逾期未签收'"),
                     1);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_cohandler WHERE active = 1"), 1);
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    assert_int_equal(xf_complaint_redispatch(ctx, id, ver(f, id), f->d1, NULL, 0, "x", &err),
                     XF_ESTATE);
    xf_date_set_today("2026-03-06");
}

/* Whether a handler scoped to unit code reads complaint id. */
static bool handler_reads_as(struct fx *f, int64_t id, const char *code)
{
    char *scopes[] = {(char *)code};
    struct xf_user u = {
        .login = "h9", .name = "", .role = XF_ROLE_HANDLER, .scopes = scopes, .n_scopes = 1};
    const struct xf_user *was = f->e->ctx.user;
    f->e->ctx.user = &u;
    tu_act_as(f->e, "h9", XF_ROLE_HANDLER);
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    bool reads = xf_complaint_get(C(f), id, &c, &err) == XF_OK;
    xf_complaint_clear(&c);
    f->e->ctx.user = was;
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    return reads;
}

/* Co-handling units change after dispatch without handing the complaint
 * over: checked as a dispatch's, the lead and its clock kept, an event
 * naming what changed, history rows, the handlers' reading following. */
static void test_set_cohandlers(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_CLASSIFIED);
    int64_t d2[] = {f->d2};
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), d2, 1, NULL, &err),
                     XF_ESTATE); /* not dispatched yet: the dispatch names them */
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err), &err);
    struct xf_complaint before = load(f, id);
    assert_false(handler_reads_as(f, id, "D2"));
    ok(xf_complaint_set_cohandlers(ctx, id, ver(f, id), d2, 1, "需交警配合", &err), &err);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, "dispatched");
    assert_int_equal(c.lead_unit_id, f->d1);
    assert_string_equal(c.sign_due, before.sign_due);
    assert_int_equal(c.version, before.version + 1);
    xf_complaint_clear(&c);
    xf_complaint_clear(&before);
    assert_true(handler_reads_as(f, id, "D2"));
    /* Stored as the codes, read out with the units' names. */
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = "
                                  "'cohandlers' AND note = 'added=D2: 需交警配合'"),
                     1);
    /* The same units again, the lead, a unit twice, a deactivated one,
     * more than the forms hold: refused as at dispatch, nothing written. */
    long events = count_sql(f, "SELECT count(*) FROM complaint_event");
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), d2, 1, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "cohandlers");
    int64_t lead[] = {f->d1}, twice[] = {f->d3, f->d3}, gone[] = {f->gone},
            many[] = {f->d2, f->d3, f->d1_office, f->gone};
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), lead, 1, NULL, &err),
                     XF_EINVAL);
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), twice, 2, NULL, &err),
                     XF_EINVAL);
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), gone, 1, NULL, &err),
                     XF_EINVAL);
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), many, 4, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "cohandlers");
    int64_t d3[] = {f->d3};
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id) - 1, d3, 1, NULL, &err),
                     XF_ECONFLICT);
    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), d3, 1, NULL, &err),
                     XF_EPERM);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event"), events);
    /* One in, one out, after signing: the removed unit no longer reads it. */
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    ok(xf_complaint_set_cohandlers(ctx, id, ver(f, id), d3, 1, NULL, &err), &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = "
                                  "'cohandlers' AND note = 'added=D3,removed=D2'"),
                     1);
    assert_false(handler_reads_as(f, id, "D2"));
    assert_true(handler_reads_as(f, id, "D3"));
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity = "
                                  "'complaint_cohandler' AND action = 'complaint.cohandlers'"),
                     3); /* D2 on, then D2 off and D3 on */
    /* All taken out, after the reply; not once it is closed. */
    ok(xf_complaint_reply(ctx, id, ver(f, id), "已处理", &err), &err);
    ok(xf_complaint_set_cohandlers(ctx, id, ver(f, id), NULL, 0, "办结", &err), &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_cohandler WHERE active = 1"), 0);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = "
                                  "'cohandlers' AND note = 'removed=D3: 办结'"),
                     1);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, ver(f, id), d2, 1, NULL, &err),
                     XF_ESTATE);
}

static char *str_sql(struct fx *f, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    char *out = strdup(v ? (const char *)v : "(null)");
    sqlite3_finalize(st);
    return out;
}

#define EXPECT_SQL(f, sql, want)                                                                   \
    do {                                                                                           \
        char *got_ = str_sql(f, sql);                                                              \
        assert_string_equal(got_, want);                                                           \
        free(got_);                                                                                \
    } while (0)

/* A supervisor's answer deadline (a citizen asked for three working
 * days): checked, audited, and the deadlines the clocks, the filters and
 * the order read follow it; a redo after an unsatisfied callback runs on
 * the category's limits again. attitude: sign 1, reply 5 working days. */
static void test_answer_due(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_CLASSIFIED);
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-05", "急", &err),
                     XF_EINVAL); /* yesterday */
    assert_string_equal(err.field, "answer_due");
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-02-30", "急", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "answer_due");
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-10", " ", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "reason");
    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-10", "急", &err),
                     XF_EPERM);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    /* A Saturday or a holiday is refused, as a rectification deadline is:
     * the working day before is offered (the citizen's date kept), or the
     * next when that one has passed. */
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-07", "急", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "answer_due");
    assert_non_null(strstr(err.msg, "2026-03-07 is not a working day"));
    assert_non_null(strstr(err.msg, "the one before is 2026-03-06"));
    assert_int_equal(xf_calendar_add(&f->e->cfg.calendar, "2026-03-11", false, &err), XF_OK);
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-11", "急", &err),
                     XF_EINVAL);
    assert_non_null(strstr(err.msg, "the one before is 2026-03-10"));
    xf_date_set_today("2026-03-07");
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-08", "急", &err),
                     XF_EINVAL);
    assert_non_null(strstr(err.msg, "the next is 2026-03-09"));
    xf_date_set_today("2026-03-06");
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = "
                                  "'answer_due'"),
                     0);
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-10", "市民要求三个工作日内答复",
                                   &err),
       &err);
    EXPECT_SQL(f, "SELECT state || ',' || answer_due FROM complaint", "classified,2026-03-10");
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'answer_due'",
               "answer_due=2026-03-10: 市民要求三个工作日内答复");
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-10", "急", &err),
                     XF_EINVAL);
    /* Dispatched on Friday: signed for by Monday, as the category has it. */
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err), &err);
    EXPECT_SQL(f, "SELECT sign_due FROM complaint", "2026-03-09");
    /* Answered today: signed for today; later again: Monday again. */
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-06", "当天答复", &err), &err);
    EXPECT_SQL(f, "SELECT sign_due FROM complaint", "2026-03-06");
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'answer_due' ORDER BY id DESC",
               "answer_due=2026-03-06,was=2026-03-10,sign_due=2026-03-06: 当天答复");
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-12", "改期", &err), &err);
    EXPECT_SQL(f, "SELECT sign_due FROM complaint", "2026-03-09");
    /* Signed for: answered by the supervisor's date, not in five days. */
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    EXPECT_SQL(f, "SELECT reply_due FROM complaint", "2026-03-12");
    struct xf_complaint c = load(f, id);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-12"), XF_CLOCK_DUE_SOON);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-13"), XF_CLOCK_OVERDUE);
    /* How late, in working days from the (Thursday) deadline: none yet
     * on the day, one on Friday and over the weekend, two on Monday. */
    assert_int_equal(xf_complaint_days_late(ctx, &c, "2026-03-11"), 0);
    assert_int_equal(xf_complaint_days_late(ctx, &c, "2026-03-12"), 0);
    assert_int_equal(xf_complaint_days_late(ctx, &c, "2026-03-13"), 1);
    assert_int_equal(xf_complaint_days_late(ctx, &c, "2026-03-15"), 1);
    assert_int_equal(xf_complaint_days_late(ctx, &c, "2026-03-16"), 2);
    xf_complaint_clear(&c);
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-20", "需现场核查", &err), &err);
    EXPECT_SQL(f, "SELECT reply_due FROM complaint", "2026-03-20");
    /* The list's clock filter reads it. */
    struct xf_complaint_page pg = {.clock = XF_CCLOCK_DUE_SOON};
    long n = 0;
    xf_date_set_today("2026-03-19");
    ok(xf_complaint_count(ctx, &pg, 100, &n, &err), &err);
    assert_int_equal(n, 1);
    pg.clock = XF_CCLOCK_OVERDUE;
    xf_date_set_today("2026-03-23");
    ok(xf_complaint_count(ctx, &pg, 100, &n, &err), &err);
    assert_int_equal(n, 1);
    xf_date_set_today("2026-03-06");
    /* History: before and after. */
    EXPECT_SQL(f,
               "SELECT json_extract(before, '$.answer_due') || '>' || "
               "json_extract(after, '$.answer_due') || '>' || json_extract(after, '$.reply_due') "
               "FROM history WHERE action = 'complaint.answer_due' AND entity = 'complaint' "
               "ORDER BY id DESC LIMIT 1",
               "2026-03-12>2026-03-20>2026-03-20");
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity = 'complaint' AND "
                                  "action = 'complaint.answer_due'"),
                     4);
    /* Answered: no more; a redo runs on the category's limits. */
    ok(xf_complaint_reply(ctx, id, ver(f, id), "已答复", &err), &err);
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-25", "再催", &err),
                     XF_ESTATE);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNSATISFIED, "仍不满意", &err),
       &err);
    EXPECT_SQL(f, "SELECT coalesce(answer_due, '-') || ',' || sign_due FROM complaint",
               "-,2026-03-09");
}

/* A reply deadline moved later after it had passed (逾期后延期): the
 * complaint is no longer overdue against the new date, but the deadline
 * it missed is kept, and closing it on the new date is closing it late;
 * the unit report's on-time closure counts it so. A new round clears it.
 * attitude: sign 1, reply 5 working days. */
static void test_extended_after_overdue(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1"), in_time = receive(f, "D1");
    advance(f, id, XF_CS_SIGNED); /* Friday 03-06: to answer by 03-13 */
    advance(f, in_time, XF_CS_SIGNED);
    /* Moved before it passed: no trace, the new date is the deadline. */
    ok(xf_complaint_set_answer_due(ctx, in_time, ver(f, in_time), "2026-03-20", "需现场核查",
                                   &err),
       &err);
    EXPECT_SQL(f, "SELECT coalesce(missed_due, '-') FROM complaint WHERE id = 2", "-");
    xf_date_set_today("2026-03-16"); /* Monday: 03-13 has passed */
    struct xf_complaint c = load(f, id);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-16"), XF_CLOCK_OVERDUE);
    assert_null(xf_complaint_missed_due(&c));
    xf_complaint_clear(&c);
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-18", "补充材料", &err), &err);
    c = load(f, id);
    assert_string_equal(c.reply_due, "2026-03-18");
    assert_string_equal(xf_complaint_missed_due(&c), "2026-03-13");
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-16"), XF_CLOCK_OK);
    xf_complaint_clear(&c);
    /* A second move keeps the first deadline missed. */
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-19", "再延", &err), &err);
    EXPECT_SQL(f, "SELECT missed_due FROM complaint WHERE id = 1", "2026-03-13");
    EXPECT_SQL(f,
               "SELECT coalesce(json_extract(before, '$.missed_due'), '-') || '>' || "
               "json_extract(after, '$.missed_due') FROM history WHERE entity = 'complaint' "
               "AND entity_id = 1 AND action = 'complaint.answer_due' ORDER BY id LIMIT 1",
               "->2026-03-13");
    /* Answered by the new date, the citizen satisfied: closed late. */
    ok(xf_complaint_reply(ctx, id, ver(f, id), "已答复", &err), &err);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    ok(xf_complaint_reply(ctx, in_time, ver(f, in_time), "已答复", &err), &err);
    ok(xf_complaint_callback(ctx, in_time, ver(f, in_time), XF_CALLBACK_SATISFIED, NULL, &err),
       &err);
    EXPECT_SQL(f, "SELECT group_concat(closed_on_time, ',') FROM (SELECT closed_on_time "
                  "FROM complaint ORDER BY id)",
               "0,1");
    struct xf_table t = {0};
    ok(xf_complaint_report_units(ctx, "2026-03-16", NULL, &t, &err), &err);
    assert_string_equal(xf_table_cell(&t, 0, 0), "D1");
    assert_string_equal(xf_table_cell(&t, 0, 7), "50.0");
    xf_table_free(&t);
}

/* An unsatisfied callback starts a new round: the missed deadline was
 * the last round's, and on-time closure counts the last round. */
static void test_extended_after_overdue_redo(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_SIGNED);
    xf_date_set_today("2026-03-16");
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-18", "补充材料", &err), &err);
    ok(xf_complaint_reply(ctx, id, ver(f, id), "已答复", &err), &err);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNSATISFIED, "仍不满意", &err),
       &err);
    EXPECT_SQL(f, "SELECT state || ',' || coalesce(missed_due, '-') FROM complaint",
               "dispatched,-");
}

/* A complaint waiting on a supervisor (received, classified, returned)
 * waits in working days, as every deadline is counted: received on a
 * Friday, it has waited one day on Monday, not three; returned, from the
 * return. The Overview has the longest wait to dispatch the same way. */
static void test_days_waiting(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1"), back = receive(f, "D2"); /* Friday 2026-03-06 */
    char since[XF_DATE_LEN];
    struct xf_complaint c = load(f, id);
    assert_int_equal(xf_complaint_days_waiting(ctx, &c, "2026-03-06", since), 0);
    assert_string_equal(since, "2026-03-06");
    assert_int_equal(xf_complaint_days_waiting(ctx, &c, "2026-03-08", NULL), 0);
    assert_int_equal(xf_complaint_days_waiting(ctx, &c, "2026-03-09", NULL), 1);
    assert_int_equal(xf_complaint_days_waiting(ctx, &c, "2026-03-16", NULL), 6);
    xf_complaint_clear(&c);
    struct xf_overview o;
    ok(xf_overview_get(ctx, "2026-03-16", &o, &err), &err);
    assert_string_equal(o.complaints_waiting_since, "2026-03-06");
    assert_int_equal(o.complaints_waiting_days, 6);
    /* Dispatched: the unit's clock runs, no wait. */
    advance(f, back, XF_CS_DISPATCHED);
    c = load(f, back);
    assert_int_equal(xf_complaint_days_waiting(ctx, &c, "2026-03-09", since), 0);
    assert_string_equal(since, "");
    xf_complaint_clear(&c);
    /* Returned on Monday: waits for the ruling from then. */
    xf_date_set_today("2026-03-09");
    ok(xf_complaint_return(ctx, back, ver(f, back), XF_RETURN_NOT_JURISDICTION, "非本单位职责",
                           &err),
       &err);
    c = load(f, back);
    assert_int_equal(xf_complaint_days_waiting(ctx, &c, "2026-03-11", since), 2);
    assert_string_equal(since, "2026-03-09");
    xf_complaint_clear(&c);
    /* Nothing left to dispatch: no wait in the Overview. */
    advance(f, id, XF_CS_DISPATCHED);
    ok(xf_overview_get(ctx, "2026-03-16", &o, &err), &err);
    assert_string_equal(o.complaints_waiting_since, "");
    assert_int_equal(o.complaints_waiting_days, 0);
}

/* A returned complaint waits for the supervisor's ruling: no unit has
 * it and no deadline runs, so an answer date is not offered nor taken
 * (the menu asks xf_complaint_answer_due_settable); it is set on the
 * dispatch the ruling makes. */
static void test_answer_due_not_returned(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED);
    ok(xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "非本单位职责",
                           &err),
       &err);
    struct xf_complaint c = load(f, id);
    assert_false(xf_complaint_answer_due_settable(&c));
    xf_complaint_clear(&c);
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-12", "急", &err),
                     XF_ESTATE);
    EXPECT_SQL(f, "SELECT coalesce(answer_due, '-') FROM complaint", "-");
    ok(xf_complaint_rule(ctx, id, ver(f, id), true, f->d2, NULL, 0, NULL, &err), &err);
    c = load(f, id);
    assert_true(xf_complaint_answer_due_settable(&c));
    xf_complaint_clear(&c);
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-12", "急", &err), &err);
}

/* An answer date on a complaint not yet signed for replaces no answer
 * deadline: the timeline said "was" the sign-for deadline, as if a date
 * had been moved. Signed for, the reply deadline is the one it replaces. */
static void test_answer_due_was(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED);
    EXPECT_SQL(f, "SELECT sign_due FROM complaint", "2026-03-09");
    ok(xf_complaint_set_answer_due(ctx, id, ver(f, id), "2026-03-12", "市民要求", &err), &err);
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'answer_due'",
               "answer_due=2026-03-12: 市民要求");
    int64_t other = receive(f, "D1");
    advance(f, other, XF_CS_SIGNED);
    EXPECT_SQL(f, "SELECT reply_due FROM complaint WHERE id = (SELECT max(id) FROM complaint)",
               "2026-03-13");
    ok(xf_complaint_set_answer_due(ctx, other, ver(f, other), "2026-03-16", "现场核查", &err),
       &err);
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'answer_due' ORDER BY id DESC",
               "answer_due=2026-03-16,was=2026-03-13: 现场核查");
}

static void expect_note_in(const struct xf_ctx *ctx, const char *action, const char *stored,
                           const char *want)
{
    char *got =
        xf_complaint_event_note_text(ctx ? ctx->cfg : NULL, ctx ? ctx->db : NULL, action, stored);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void expect_note(const char *action, const char *stored, const char *want)
{
    expect_note_in(NULL, action, stored, want);
}

/* An answer date's note is stored as its days and read out in the
 * reader's language (it was a sentence in the writer's: a Chinese reader
 * saw English). The sentences stored before, in either language, are read
 * back the same way; other notes as they are. */
static void test_answer_due_note_text(void **state)
{
    (void)state;
    expect_note("answer_due", "answer_due=2026-03-10: 急", "answer by 2026-03-10. Reason: 急");
    expect_note("answer_due", "answer_due=2026-03-06,was=2026-03-10,sign_due=2026-03-06: 当天答复",
                "answer by 2026-03-06, was 2026-03-10; sign for by 2026-03-06. Reason: 当天答复");
    expect_note("answer_due", "answer_due=2026-03-06,sign_due=2026-03-05: a: b",
                "answer by 2026-03-06; sign for by 2026-03-05. Reason: a: b");
    expect_note(NULL, "answer_due=2026-03-16,was=2026-03-13: 现场核查",
                "answer by 2026-03-16, was 2026-03-13. Reason: 现场核查");
    /* Stored by earlier versions: English kept, Chinese read out. */
    expect_note("answer_due", "answer by 2026-03-10, was 2026-03-06. Reason: 急",
                "answer by 2026-03-10, was 2026-03-06. Reason: 急");
    expect_note("answer_due",
                "限 2026-03-06 前答复（原为 2026-03-10），2026-03-06 前签收。理由：当天答复",
                "answer by 2026-03-06, was 2026-03-10; sign for by 2026-03-06. Reason: 当天答复");
    expect_note("answer_due", "限 2026-03-12 前答复，2026-03-09 前签收。理由：市民要求",
                "answer by 2026-03-12; sign for by 2026-03-09. Reason: 市民要求");
    expect_note(NULL, "限 2026-03-12 前答复。理由：市民要求",
                "answer by 2026-03-12. Reason: 市民要求");
    /* Not facts: kept whole (a day that is none, no reason, other steps). */
    expect_note("answer_due", "answer_due=2026-02-30: 急", "answer_due=2026-02-30: 急");
    expect_note("answer_due", "answer_due=2026-03-10", "answer_due=2026-03-10");
    expect_note("answer_due", "限 2026-03-1 前答复。理由：x", "限 2026-03-1 前答复。理由：x");
    expect_note("note", "answer_due=2026-03-10: 急", "answer_due=2026-03-10: 急");
    expect_note("return", "not_jurisdiction: 属交通局", "not our jurisdiction: 属交通局");
    expect_note("sign", "not_jurisdiction: 属交通局", "not_jurisdiction: 属交通局");
    assert_null(xf_complaint_event_note_text(NULL, NULL, "answer_due", NULL));
}

/* A change of co-handlers is stored as the units' codes and read out in
 * the reader's language with the units' names as they are now (it was a
 * sentence in the writer's language, with the names of then); the
 * sentences stored before, in either language, are said again in the
 * reader's. */
static void test_cohandlers_note_text(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    expect_note_in(ctx, "cohandlers", "added=D2: 需交警配合",
                   "added 交警支队 (D2). Reason: 需交警配合");
    expect_note_in(ctx, "cohandlers", "added=D2;D1-1,removed=D3",
                   "added 交警支队 (D2), 市场监管局 › 投诉科 (D1-1); removed 城管局 (D3)");
    expect_note_in(ctx, NULL, "removed=D3: a: b", "removed 城管局 (D3). Reason: a: b");
    /* Renamed since: the name the unit has now (the code stays). */
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db),
                                  "UPDATE unit SET name = '城市管理局' WHERE code = 'D3'", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    expect_note_in(ctx, "cohandlers", "removed=D3", "removed 城市管理局 (D3)");
    /* A code no unit has (a note from another database), or no database:
     * the code. */
    expect_note_in(ctx, "cohandlers", "added=ZZ9", "added ZZ9");
    expect_note("cohandlers", "added=D2,removed=D3: x", "added D2; removed D3. Reason: x");
    /* Sentences of before, English and Chinese, said again in English. */
    expect_note("cohandlers", "added 交警支队 (D2); removed 城管局 (D3). Reason: 需配合",
                "added 交警支队 (D2); removed 城管局 (D3). Reason: 需配合");
    expect_note("cohandlers", "增加 交警支队 (D2)、城管局 (D3)；撤出 投诉科 (D1-1)。理由：需配合",
                "added 交警支队 (D2)、城管局 (D3); removed 投诉科 (D1-1). Reason: 需配合");
    expect_note("cohandlers", "撤出 城管局 (D3)", "removed 城管局 (D3)");
    expect_note("cohandlers", "增加 城管局 (D3)", "added 城管局 (D3)");
    /* Not facts: kept whole (no list, a bad one, a note of another step,
     * a sentence read without its step). */
    expect_note("cohandlers", "added=: x", "added=: x");
    expect_note("cohandlers", "added=D2;: x", "added=D2;: x");
    expect_note("cohandlers", "added=D2,: x", "added=D2,: x");
    expect_note("cohandlers", "added=D2 x", "added=D2 x");
    expect_note("note", "removed=D3: x", "removed=D3: x");
    expect_note("note", "removed 旧设备", "removed 旧设备");
    expect_note(NULL, "removed 旧设备", "removed 旧设备");
}

/* A change of category is stored as the categories' names and read out
 * with their labels and the reader's words (it was "服务态度 → 收费问题：…"
 * in every language); the sentence stored before reads so too. */
static void test_reclassify_note_text(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    expect_note_in(ctx, "reclassify", "category=fees,was=attitude: 分错了",
                   "Attitude → Fees. Reason: 分错了");
    expect_note_in(ctx, NULL, "category=fees,was=attitude: a: b",
                   "Attitude → Fees. Reason: a: b");
    /* One the config has since dropped, no config: the name. */
    expect_note_in(ctx, "reclassify", "category=fees,was=gone: x", "gone → Fees. Reason: x");
    expect_note("reclassify", "category=fees,was=attitude: x", "attitude → fees. Reason: x");
    expect_note_in(ctx, "reclassify", "category=fees: x", "Fees. Reason: x");
    /* The sentence of before. */
    expect_note("reclassify", "收费问题 → 服务态度：还是态度问题",
                "收费问题 → 服务态度. Reason: 还是态度问题");
    /* Not facts: kept whole. */
    expect_note_in(ctx, "reclassify", "category=fees", "category=fees");
    expect_note_in(ctx, "reclassify", "category=: x", "category=: x");
    expect_note_in(ctx, "note", "category=fees: x", "category=fees: x");
    expect_note("note", "A → B：x", "A → B：x");
    expect_note("reclassify", "分错了", "分错了");
}

/* A hand-over's note stores the co-handlers before it ("with=D2: x"): one
 * typed to start so without co-handlers is stored behind an empty list
 * and reads as typed, not as a co-handler the step never gave; other
 * notes, and the events written before, are read as they were. */
static void test_hand_over_note_as_typed(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED);
    ok(xf_complaint_redispatch(ctx, id, ver(f, id), f->d2, NULL, 0, "with=D3: hi", &err), &err);
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'redispatch'",
               "with=: with=D3: hi");
    expect_note_in(ctx, "redispatch", "with=: with=D3: hi", "with=D3: hi");
    expect_note_in(ctx, NULL, "with=: with=D3: hi", "with=D3: hi");
    expect_note_in(ctx, "dispatch", "with=: ", "");
    /* With co-handlers the note after them is already apart. */
    int64_t coh[] = {f->d3};
    ok(xf_complaint_redispatch(ctx, id, ver(f, id), f->d1, coh, 1, "with=D2: hi", &err), &err);
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'redispatch' ORDER BY id DESC",
               "with=D3: with=D2: hi");
    expect_note_in(ctx, "redispatch", "with=D3: with=D2: hi",
                   "Co-handling units: 城管局 (D3). with=D2: hi");
    /* Any other note as typed, an empty one empty. */
    ok(xf_complaint_redispatch(ctx, id, ver(f, id), f->d2, NULL, 0, "with 交警", &err), &err);
    EXPECT_SQL(f, "SELECT note FROM complaint_event WHERE action = 'redispatch' ORDER BY id DESC",
               "with 交警");
    int64_t other = receive(f, "D1");
    advance(f, other, XF_CS_DISPATCHED);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = 'dispatch' "
                                  "AND coalesce(note, '') = ''"),
                     2);
    /* Written before: the prefix read as co-handlers, as it was. */
    expect_note_in(ctx, "dispatch", "with=D2: x", "Co-handling units: 交警支队 (D2). x");
    expect_note_in(ctx, "dispatch", "with=D2", "Co-handling units: 交警支队 (D2)");
}

/* Every form that hands a complaint over has a field per co-handling
 * unit it may have: more, from a dispatch or an import, would be dropped
 * unseen by the next re-dispatch's form. */
static int import_line(struct fx *f, const char *line, struct xf_error *err);
static void expect_import_error(struct fx *f, const char *line, const char *field);

static void test_cohandlers_cap(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t d4 = tu_unit(f->e, "D4", "税务局", 0);
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_CLASSIFIED);
    int64_t four[] = {f->d1_office, f->d2, f->d3, d4};
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, four, 4, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "cohandlers");
    assert_non_null(strstr(err.msg, "3"));
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, four, XF_COMPLAINT_COHANDLERS_MAX, NULL,
                             &err),
       &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_cohandler WHERE active = 1"), 3);
    expect_import_error(f,
                        "TS2026-000109,2026-03-01,hotline,complaint,,D1,fees,文字,,,dispatched,D1,"
                        "D1-1;D2;D3;D4,2026-03-02 09:00:00,2026-03-03,,,,,,,0,,,,,0",
                        "cohandler_codes");
    ok(import_line(f,
                   "TS2026-000109,2026-03-01,hotline,complaint,,D1,fees,文字,,,dispatched,D1,"
                   "D1-1;D2;D3,2026-03-02 09:00:00,2026-03-03,,,,,,,0,,,,,0",
                   &err),
       &err);
}

/* A complaint filed under the wrong category is put right, with a reason:
 * the running clock follows the new limits from the day it began; a
 * deadline already met stays as the unit was held to it. */
static void test_reclassify(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    category(f, "attitude")->sign_days = 3; /* fees: sign 1, reply 10; attitude reply 5 */
    xf_date_set_today("2026-03-02");        /* a Monday */
    int64_t id = receive(f, "D1");
    assert_int_equal(xf_complaint_reclassify(ctx, id, ver(f, id), "fees", "分错了", &err),
                     XF_ESTATE);
    ok(xf_complaint_classify(ctx, id, ver(f, id), "attitude", NULL, &err), &err);
    assert_int_equal(xf_complaint_reclassify(ctx, id, ver(f, id), "attitude", "分错了", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "category");
    assert_int_equal(xf_complaint_reclassify(ctx, id, ver(f, id), "fees", NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "note");
    assert_int_equal(xf_complaint_reclassify(ctx, id, ver(f, id), "nosuch", "分错了", &err),
                     XF_EINVAL);
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d2, NULL, 0, NULL, &err), &err); /* not D1's */
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.sign_due, "2026-03-05");
    xf_complaint_clear(&c);

    xf_date_set_today("2026-03-03"); /* the clock began yesterday */
    ok(xf_complaint_reclassify(ctx, id, ver(f, id), "fees", "收费问题，不是态度", &err), &err);
    c = load(f, id);
    assert_string_equal(c.category, "fees");
    assert_string_equal(c.state, "dispatched");
    assert_string_equal(c.sign_due, "2026-03-03");
    xf_complaint_clear(&c);

    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    c = load(f, id);
    assert_string_equal(c.reply_due, "2026-03-17");
    xf_complaint_clear(&c);
    xf_date_set_today("2026-03-04");
    ok(xf_complaint_reclassify(ctx, id, ver(f, id), "attitude", "还是态度问题", &err), &err);
    c = load(f, id);
    assert_string_equal(c.reply_due, "2026-03-10");
    assert_string_equal(c.sign_due, "2026-03-03"); /* met: stays */
    xf_complaint_clear(&c);
    /* The timeline says what changed and why, at the lead unit. */
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = "
                                  "'reclassify' AND from_state = 'signed' AND to_state = 'signed'"
                                  " AND note = 'category=attitude,was=fees: 还是态度问题'"
                                  " AND unit_id = (SELECT lead_unit_id FROM complaint)"),
                     1);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE action = "
                                  "'complaint.reclassify' AND entity = 'complaint'"),
                     2);

    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_reclassify(ctx, id, ver(f, id), "fees", "分错了", &err),
                     XF_EPERM);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    ok(xf_complaint_reply(ctx, id, ver(f, id), "已处理", &err), &err);
    assert_int_equal(xf_complaint_reclassify(ctx, id, ver(f, id), "fees", "分错了", &err),
                     XF_ESTATE);
    xf_date_set_today("2026-03-06");
}

static void count_complaint_event(void *arg, const struct xf_post_event *ev)
{
    if (!strcmp(ev->kind, "complaint"))
        ++*(int *)arg;
}

/* A post card lists, for a handler, the complaints the Complaints pane
 * shows them: not one received about their post and not yet dispatched. */
static void test_post_card_complaints_as_handler(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    struct xf_complaint_new in = {.source = "hotline", .post_code = "P1",
                                  .text = "窗口排队无人引导", .complainant_name = "李四",
                                  .complainant_phone = "13912345678"};
    int64_t id = 0, post = count_sql(f, "SELECT id FROM post WHERE code = 'P1'");
    ok(xf_complaint_receive(ctx, &in, &id, &err), &err);
    int n = 0;
    ok(xf_post_events(ctx, post, 10, count_complaint_event, &n, &err), &err);
    assert_int_equal(n, 1); /* the administrator sees it */
    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    n = 0;
    ok(xf_post_events(ctx, post, 10, count_complaint_event, &n, &err), &err);
    assert_int_equal(n, 0);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    advance(f, id, XF_CS_DISPATCHED);
    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    n = 0;
    ok(xf_post_events(ctx, post, 10, count_complaint_event, &n, &err), &err);
    assert_int_equal(n, 1); /* dispatched to their unit: theirs */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
}

static void test_receive_code_and_event(void **state)
{
    struct fx *f = *state;
    int64_t a = receive(f, "D1"), b = receive(f, "D2");
    struct xf_complaint c = load(f, a);
    assert_string_equal(c.code, "TS2026-000001");
    assert_string_equal(c.state, "received");
    assert_int_equal(c.unit_id, f->d1);
    assert_int_equal(c.closed_on_time, -1);
    xf_complaint_clear(&c);
    c = load(f, b);
    assert_string_equal(c.code, "TS2026-000002");
    xf_complaint_clear(&c);

    /* The year comes from the received date. */
    struct xf_error err = {0};
    struct xf_complaint_new in = {
        .source = "letter", .unit_code = "D1", .text = "来信", .received_at = "2025-12-30"};
    int64_t id;
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    c = load(f, id);
    assert_string_equal(c.code, "TS2025-000001");
    /* an earlier day given alone stays a date, as an import stores it: no
     * made-up 00:00:00 read as the hour it came in */
    assert_string_equal(c.received_at, "2025-12-30");
    xf_complaint_clear(&c);

    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action='receive'"
                                  " AND from_state='' AND to_state='received' AND actor='tester'"),
                     3);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity='complaint'"
                                  " AND action='complaint.receive'"),
                     3);
    /* A date alone given as today: now, to the second. */
    in.received_at = "2026-03-06";
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    c = load(f, id);
    assert_int_equal(strlen(c.received_at), 19);
    assert_memory_equal(c.received_at, "2026-03-06 ", 11);
    xf_complaint_clear(&c);
}

/* A failed (or passed) inspection made straight in the table: its id. */
static int64_t inspection_of(struct fx *f, const char *code, const char *unit, const char *post,
                             const char *result)
{
    char *sql = sqlite3_mprintf(
        "INSERT INTO inspection(code,kind,template,unit_id,post_id,inspector,on_date,result,"
        "updated_at) SELECT %Q,'unannounced','unannounced',u.id,"
        "(SELECT id FROM post WHERE code=%Q),'li.na','2026-03-05',%Q,'x' FROM unit u"
        " WHERE u.code=%Q",
        code, post, result, unit);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(sql);
    return sqlite3_last_insert_rowid(xf_db_handle(f->e->db));
}

/* An inspector registers what a failed inspection found, and nothing
 * else: not another source, and not an "inspection finding" that names
 * no inspection. A supervisor receives any source, with or without. */
static void test_receive_by_inspector(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t failed = inspection_of(f, "XJ-9", "D1", NULL, "fail");
    struct xf_complaint_new in = {.source = "hotline", .unit_code = "D1", .text = "公示牌缺失"};
    int64_t id = 0;
    tu_act_as(f->e, "inspector1", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EPERM);
    assert_string_equal(err.field, "source");
    in.source = "inspection";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EPERM);
    assert_string_equal(err.field, "inspection");
    assert_non_null(strstr(err.msg, "which inspection"));
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint"), 0);
    in.inspection_id = failed;
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint WHERE source = 'inspection'"), 1);
    tu_act_as(f->e, "viewer1", XF_ROLE_VIEWER);
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EPERM);
    tu_act_as(f->e, "supervisor1", XF_ROLE_SUPERVISOR);
    in.inspection_id = 0;
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint WHERE source = 'inspection'"), 2);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
}

/* What an inspection found concerns what it inspected: a post's
 * inspection its post or the post's unit, a unit's inspection the unit,
 * the units within it and their posts; a correction keeps it there. */
static void test_receive_from_inspection_place(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db),
                                  "INSERT INTO post(code,unit_id,title,updated_at) "
                                  "SELECT 'P2', id, '政务窗口2号', '2026-01-01 00:00:00' "
                                  "FROM unit WHERE code='D1-1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    int64_t of_post = inspection_of(f, "XJ-P1", "D1-1", "P1", "fail");
    int64_t of_post2 = inspection_of(f, "XJ-P2", "D1-1", "P1", "fail");
    int64_t of_dept = inspection_of(f, "XJ-U1", "D1", NULL, "fail");
    int64_t of_dept2 = inspection_of(f, "XJ-U2", "D1", NULL, "fail");
    int64_t of_office = inspection_of(f, "XJ-U3", "D1-1", NULL, "fail");
    struct xf_complaint_new in = {.source = "inspection", .text = "公示牌未悬挂"};
    int64_t id = 0;

    /* a post's inspection: not another post of its unit, nor another unit */
    in.inspection_id = of_post;
    in.post_code = "P2";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "post_code");
    assert_non_null(strstr(err.msg, "XJ-P1"));
    assert_non_null(strstr(err.msg, "P1"));
    in.post_code = NULL;
    in.unit_code = "D2";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "unit_code");
    in.unit_code = "D1"; /* the department above the post's unit */
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint"), 0);
    in.post_code = "P1"; /* the post, as the interface fills it in */
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    int64_t on_post = id;
    in.inspection_id = of_post2;
    in.post_code = NULL;
    in.unit_code = "D1-1"; /* the unit that runs the post */
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);

    /* a unit's inspection: the unit, a unit within it, their posts */
    in.inspection_id = of_dept;
    in.unit_code = "D2";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "unit_code");
    assert_non_null(strstr(err.msg, "XJ-U1"));
    in.unit_code = "D1-1";
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    in.inspection_id = of_dept2;
    in.unit_code = NULL;
    in.post_code = "P2";
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    /* the post's own unit counts, not the department named with it */
    in.inspection_id = of_office;
    in.unit_code = "D1";
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM inspection_complaint"), 5);

    /* correcting the intake does not move it off the inspected post */
    struct xf_complaint_new fix = {.source = "inspection", .post_code = "P2",
                                   .text = "公示牌未悬挂"};
    assert_int_equal(xf_complaint_correct(C(f), on_post, ver(f, on_post), &fix, &err), XF_EINVAL);
    assert_string_equal(err.field, "post_code");
    fix.post_code = NULL;
    fix.unit_code = "D1-1";
    ok(xf_complaint_correct(C(f), on_post, ver(f, on_post), &fix, &err), &err);
    struct xf_complaint c = load(f, on_post);
    assert_int_equal(c.post_id, 0);
    assert_int_equal(c.unit_id, f->d1_office);
    xf_complaint_clear(&c);
}

/* A failed inspection raises one complaint, linked to it; a passed one
 * raises none. */
static void test_receive_from_inspection(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    sqlite3 *h = xf_db_handle(f->e->db);
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO inspection(code,kind,template,unit_id,inspector,"
                                  "on_date,result,updated_at) SELECT 'XJ-1','unannounced',"
                                  "'unannounced',id,'li.na','2026-03-05','fail','x' FROM unit "
                                  "WHERE code='D1';"
                                  "INSERT INTO inspection(code,kind,template,unit_id,inspector,"
                                  "on_date,result,updated_at) SELECT 'XJ-2','unannounced',"
                                  "'unannounced',id,'li.na','2026-03-05','pass','x' FROM unit "
                                  "WHERE code='D1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    int64_t failed = count_sql(f, "SELECT id FROM inspection WHERE code='XJ-1'");
    int64_t passed = count_sql(f, "SELECT id FROM inspection WHERE code='XJ-2'");
    struct xf_complaint_new in = {.source = "inspection", .unit_code = "D1",
                                  .text = "公示牌未悬挂", .inspection_id = failed};
    int64_t id = 0;
    /* what it found was not received before the day it was found */
    in.received_at = "2026-03-04";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "received_at");
    assert_non_null(strstr(err.msg, "2026-03-05"));
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint WHERE source='inspection'"), 0);
    in.received_at = NULL;
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    char *code = NULL;
    ok(xf_complaint_of_inspection(C(f), failed, &code, &err), &err);
    assert_non_null(code);
    struct xf_complaint c = load(f, id);
    assert_string_equal(code, c.code);
    xf_complaint_clear(&c);
    free(code);
    /* the timeline says where it came from, and the link, a write like
     * any other, leaves its own history row: who, when, what it joined */
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action='receive'"
                                  " AND note LIKE '%XJ-1%'"),
                     1);
    int64_t link = count_sql(f, "SELECT id FROM inspection_complaint");
    char *q = sqlite3_mprintf("SELECT count(*) FROM history WHERE entity='inspection_complaint'"
                              " AND entity_id=%lld AND action='complaint.receive'"
                              " AND actor='tester' AND before IS NULL"
                              " AND json_extract(after,'$.inspection_id')=%lld"
                              " AND json_extract(after,'$.complaint_id')=%lld",
                              (long long)link, (long long)failed, (long long)id);
    assert_int_equal(count_sql(f, q), 1);
    sqlite3_free(q);
    /* ... which the history screens name in words */
    struct xf_history_row *lrows = NULL;
    size_t nl = 0;
    ok(xf_history_for(C(f), "inspection_complaint", link, 0, 20, &lrows, &nl, &err), &err);
    assert_int_equal(nl, 1);
    assert_string_equal(xf_history_entity_label(lrows[0].entity),
                        "complaint raised by an inspection");
    char *rec = xf_history_record(&lrows[0]);
    struct xf_complaint lc = load(f, id);
    assert_non_null(strstr(rec, "XJ-1"));
    assert_non_null(strstr(rec, lc.code));
    char *what = xf_history_changes(&lrows[0]);
    assert_non_null(strstr(what, lc.code));
    xf_complaint_clear(&lc);
    free(what);
    free(rec);
    xf_history_rows_free(lrows, nl);
    assert_string_equal(xf_history_entity_parse("检查提出的投诉"), "inspection_complaint");
    /* the inspection's own history says it raised the complaint */
    struct xf_history_row *rows = NULL;
    size_t nr = 0;
    ok(xf_history_for(C(f), "inspection", failed, 0, 20, &rows, &nr, &err), &err);
    int raised = 0;
    for (size_t i = 0; i < nr; i++)
        raised += !strcmp(rows[i].entity, "complaint") && !strcmp(rows[i].action,
                                                                   "complaint.receive");
    xf_history_rows_free(rows, nr);
    assert_int_equal(raised, 1);
    /* again: refused, naming the complaint it raised; nothing written */
    long before = count_sql(f, "SELECT count(*) FROM complaint");
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "inspection");
    assert_non_null(strstr(err.msg, "already"));
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint"), before);
    in.inspection_id = passed;
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "inspection");
    ok(xf_complaint_of_inspection(C(f), passed, &code, &err), &err);
    assert_null(code);
}

static void test_receive_with_post(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint_new in = {.source = "walk_in", .post_code = "P1", .text = "排队太久"};
    int64_t id;
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    struct xf_complaint c = load(f, id);
    assert_true(c.post_id > 0);
    assert_int_equal(c.unit_id, f->d1_office);
    xf_complaint_clear(&c);

    in.unit_code = "D1"; /* the post lies within D1 */
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    in.unit_code = "D2";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "post_code");
    in.unit_code = NULL;
    in.post_code = "NOPE";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "post_code");
}

static void expect_receive_error(struct fx *f, struct xf_complaint_new in, const char *field)
{
    struct xf_error err = {0};
    int64_t id = 0;
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, field);
    assert_true(err.msg[0] != '\0');
}

static void test_receive_validation(void **state)
{
    struct fx *f = *state;
    struct xf_complaint_new good = {.source = "hotline", .unit_code = "D1", .text = "内容"};
    struct xf_complaint_new in = good;
    in.source = "fax";
    expect_receive_error(f, in, "source");
    in = good;
    in.kind = "praise";
    expect_receive_error(f, in, "kind");
    in = good;
    in.unit_code = NULL;
    expect_receive_error(f, in, "unit_code");
    in = good;
    in.unit_code = "NOPE";
    expect_receive_error(f, in, "unit_code");
    in = good;
    in.text = "";
    expect_receive_error(f, in, "text");
    in = good;
    in.text = "bad \xff utf8";
    expect_receive_error(f, in, "text");
    char *long_text = malloc(20002);
    memset(long_text, 'a', 20001);
    long_text[20001] = '\0';
    in = good;
    in.text = long_text;
    expect_receive_error(f, in, "text");
    long_text[20000] = '\0'; /* exactly the limit is fine */
    struct xf_error err = {0};
    int64_t id;
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    free(long_text);
    in = good;
    in.complainant_phone = "138-1234-5678x";
    expect_receive_error(f, in, "complainant_phone");
    in.complainant_phone = "+86 138 1234 5678 0000";
    expect_receive_error(f, in, "complainant_phone");
    in.complainant_phone = "+86 138-1234-5678";
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    in = good;
    in.complainant_name = "张\n三";
    expect_receive_error(f, in, "complainant_name");
    in.complainant_name = "139 0000 0000"; /* the phone, typed in the name field */
    expect_receive_error(f, in, "complainant_name");
    in.complainant_name = "王5"; /* digits in a name are no phone */
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    in = good;
    in.received_at = "2026-03-07";
    expect_receive_error(f, in, "received_at");
    in.received_at = "2025-11-30"; /* 96 days back: a slip of the year, or an import */
    expect_receive_error(f, in, "received_at");
    in.received_at = "2026-02-30";
    expect_receive_error(f, in, "received_at");
}

/* ---- the main path ---- */

static void test_full_path_events_and_history(void **state)
{
    struct fx *f = *state;
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_CLOSED);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, "closed");
    assert_string_equal(c.category, "attitude");
    assert_int_equal(c.lead_unit_id, f->d1);
    assert_string_equal(c.callback_outcome, "satisfied");
    assert_int_equal(c.closed_on_time, 1);
    assert_non_null(c.closed_at);
    assert_string_equal(c.reply_text, "已核实并道歉");
    xf_complaint_clear(&c);

    struct xf_error err = {0};
    struct xf_complaint_event *ev;
    size_t n;
    ok(xf_complaint_events(C(f), id, false, &ev, &n, &err), &err);
    const char *expect[][3] = {
        {"receive", "", "received"},
        {"classify", "received", "classified"},
        {"dispatch", "classified", "dispatched"},
        {"sign", "dispatched", "signed"},
        {"reply", "signed", "replied"},
        {"callback_satisfied", "replied", "closed"},
    };
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(ev[i].action, expect[i][0]);
        assert_string_equal(ev[i].from_state, expect[i][1]);
        assert_string_equal(ev[i].to_state, expect[i][2]);
        assert_string_equal(ev[i].actor, "tester");
    }
    assert_int_equal(ev[2].unit_id, f->d1);
    assert_string_equal(ev[4].note, "已核实并道歉");
    xf_complaint_events_free(ev, n);

    static const char *const actions[] = {"complaint.classify", "complaint.dispatch",
                                          "complaint.sign", "complaint.reply",
                                          "complaint.callback"};
    for (size_t i = 0; i < 5; i++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM history WHERE entity='complaint' AND action='%s'"
                 " AND before IS NOT NULL AND actor='tester'",
                 actions[i]);
        assert_int_equal(count_sql(f, sql), 1);
    }
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity='complaint_event'"),
                     6);
}

static void test_complaint_cannot_skip_state(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");

    /* received → dispatched, signed, replied, callback, closed: refused. */
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err),
                     XF_ESTATE);
    assert_string_equal(err.field, "state");
    assert_int_equal(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_reply(ctx, id, ver(f, id), "x", &err), XF_ESTATE);
    assert_int_equal(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err),
                     XF_ESTATE);
    assert_int_equal(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_rule(ctx, id, ver(f, id), false, 0, NULL, 0, NULL, &err),
                     XF_ESTATE);
    expect_state(f, id, "received");

    advance(f, id, XF_CS_CLASSIFIED);
    assert_int_equal(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);

    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err), &err);
    assert_int_equal(xf_complaint_reply(ctx, id, ver(f, id), "x", &err), XF_ESTATE);
    assert_int_equal(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_reject(ctx, id, ver(f, id), "不是投诉", &err), XF_ESTATE);

    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    /* signed → closed, signed → callback, signed → returned: refused. */
    assert_int_equal(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err),
                     XF_ESTATE);
    assert_int_equal(
        xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "x", &err), XF_ESTATE);
    assert_int_equal(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);

    /* A reply of nothing but spaces (ASCII or an input method's U+3000) is
     * no reply. */
    assert_int_equal(xf_complaint_reply(ctx, id, ver(f, id), "   ", &err), XF_EINVAL);
    assert_string_equal(err.field, "reply_text");
    assert_int_equal(xf_complaint_reply(ctx, id, ver(f, id), "\u3000\u3000\n", &err), XF_EINVAL);
    assert_string_equal(err.field, "reply_text");
    expect_state(f, id, "signed");
    ok(xf_complaint_reply(ctx, id, ver(f, id), "答复", &err), &err);
    /* replied → closed needs the callback first. */
    assert_int_equal(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_non_null(strstr(err.msg, "TS2026-000001"));
    assert_int_equal(xf_complaint_reply(ctx, id, ver(f, id), "再答复", &err), XF_ESTATE);
    expect_state(f, id, "replied");

    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    expect_state(f, id, "closed");
    /* Nothing moves a closed complaint, closing it again included. */
    assert_int_equal(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_supervise(ctx, id, ver(f, id), true, NULL, &err), XF_ESTATE);
    assert_int_equal(
        xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNSATISFIED, NULL, &err), XF_ESTATE);
}

/* ---- inputs of single steps ---- */

static void test_classify_and_dispatch_validation(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    assert_int_equal(xf_complaint_classify(ctx, id, ver(f, id), "weather", NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "category");
    assert_int_equal(xf_complaint_classify(ctx, id, ver(f, id), NULL, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "category");
    expect_state(f, id, "received");
    ok(xf_complaint_classify(ctx, id, ver(f, id), "fees", "收费", &err), &err);

    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), 0, NULL, 0, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "lead_unit");
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), 9999, NULL, 0, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "lead_unit");
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), f->gone, NULL, 0, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "lead_unit");
    int64_t same[] = {f->d2, f->d1};
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, same, 2, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "cohandlers");
    int64_t twice[] = {f->d2, f->d2};
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, twice, 2, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "cohandlers");
    int64_t inactive[] = {f->gone};
    assert_int_equal(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, inactive, 1, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "cohandlers");
    expect_state(f, id, "classified");

    int64_t coh[] = {f->d3, f->d2};
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, coh, 2, "请协办", &err), &err);
    int64_t *ids;
    size_t n;
    ok(xf_complaint_cohandlers(ctx, id, &ids, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], f->d2 < f->d3 ? f->d2 : f->d3);
    free(ids);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE "
                                  "entity='complaint_cohandler' AND action='complaint.dispatch'"),
                     2);
    /* The complaint's history names them: its own row does not. The
     * dispatch's event is not listed beside it: the complaint's row says
     * its note ("请协办"), one row for the step. */
    struct xf_history_row *rows = NULL;
    size_t nr = 0;
    ok(xf_history_for(ctx, "complaint", id, 0, 50, &rows, &nr, &err), &err);
    int coh_rows = 0, events = 0, own = 0;
    for (size_t i = 0; i < nr; i++) {
        if (strcmp(rows[i].action, "complaint.dispatch") != 0)
            continue;
        coh_rows += strcmp(rows[i].entity, "complaint_cohandler") == 0;
        events += strcmp(rows[i].entity, "complaint_event") == 0;
        own += strcmp(rows[i].entity, "complaint") == 0;
        if (strcmp(rows[i].entity, "complaint") == 0) {
            char *ch = xf_history_changes(&rows[i]);
            assert_non_null(ch);
            assert_non_null(strstr(ch, "; note: Co-handling units: 城管局 (D3), 交警支队 (D2). 请协办"));
            free(ch);
        }
    }
    assert_int_equal(coh_rows, 2);
    assert_int_equal(events, 0);
    assert_int_equal(own, 1);
    xf_history_rows_free(rows, nr);
}

static void test_reply_and_reject_need_text(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    assert_int_equal(xf_complaint_reject(ctx, id, ver(f, id), "", &err), XF_EINVAL);
    assert_string_equal(err.field, "reject_reason");
    ok(xf_complaint_reject(ctx, id, ver(f, id), "咨询，不是投诉", &err), &err);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, "rejected");
    assert_string_equal(c.reject_reason, "咨询，不是投诉");
    xf_complaint_clear(&c);
    assert_int_equal(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), XF_ESTATE);

    int64_t b = receive(f, "D1");
    advance(f, b, XF_CS_CLASSIFIED);
    ok(xf_complaint_reject(ctx, b, ver(f, b), "重复来电", &err), &err);

    int64_t r = receive(f, "D1");
    advance(f, r, XF_CS_SIGNED);
    assert_int_equal(xf_complaint_reply(ctx, r, ver(f, r), NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "reply_text");
    assert_int_equal(xf_complaint_reply(ctx, r, ver(f, r), "", &err), XF_EINVAL);
    assert_int_equal(xf_complaint_note(ctx, r, ver(f, r), "", &err), XF_EINVAL);
    assert_string_equal(err.field, "note");
    expect_state(f, r, "signed");
}

/* ---- clocks ---- */

static void test_working_days_weekend_and_holiday(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    /* Monday 2026-03-09 becomes a holiday: Friday + 1 working day is Tuesday. */
    assert_int_equal(xf_calendar_add(&f->e->cfg.calendar, "2026-03-09", false, &err), XF_OK);
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED); /* today is Friday 2026-03-06 */
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.sign_due, "2026-03-10");
    assert_int_equal(strncmp(c.dispatched_at, "2026-03-06", 10), 0);
    xf_complaint_clear(&c);

    xf_date_set_today("2026-03-10");
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    c = load(f, id);
    /* attitude: 5 working days from Tuesday, across the weekend. */
    assert_string_equal(c.reply_due, "2026-03-17");
    xf_complaint_clear(&c);

    /* National Day: dispatched on the eve, the clock starts after the holiday. */
    xf_date_set_today("2026-09-30");
    int64_t b = receive(f, "D2");
    advance(f, b, XF_CS_DISPATCHED);
    c = load(f, b);
    assert_string_equal(c.sign_due, "2026-10-08");
    xf_complaint_clear(&c);
}

static void test_clock_due_soon_and_overdue(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    struct xf_complaint c = load(f, id);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-06"), XF_CLOCK_NONE);
    xf_complaint_clear(&c);

    f->e->cfg.due_soon_days = 1;
    xf_date_set_today("2026-03-02"); /* Monday; fees: sign 1 day, reply 10 days */
    ok(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err), &err);
    c = load(f, id);
    assert_string_equal(c.sign_due, "2026-03-03");
    /* Not due soon the day it is dispatched: the one-day sign-for step
     * lies wholly within the window, and 临期 on every new dispatch told a
     * supervisor nothing. Due soon on its last day. */
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-02"), XF_CLOCK_OK);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-03"), XF_CLOCK_DUE_SOON);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-04"), XF_CLOCK_OVERDUE);
    assert_string_equal(xf_clock_name(xf_complaint_clock(ctx, &c, "2026-03-04")), "overdue");
    xf_complaint_clear(&c);

    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    c = load(f, id);
    assert_string_equal(c.reply_due, "2026-03-16");
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-04"), XF_CLOCK_OK);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-13"), XF_CLOCK_DUE_SOON); /* Fri */
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-12"), XF_CLOCK_OK);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-17"), XF_CLOCK_OVERDUE);
    f->e->cfg.due_soon_days = 3;
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-11"), XF_CLOCK_DUE_SOON);
    /* A window as long as the step: not on the day it is signed for, from
     * the next working day on. */
    f->e->cfg.due_soon_days = 10;
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-02"), XF_CLOCK_OK);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-03"), XF_CLOCK_DUE_SOON);
    f->e->cfg.due_soon_days = 1;
    xf_complaint_clear(&c);
    /* Dispatched on a Friday, to be signed for on Monday: the weekend is
     * no working day of the step, so it is due soon on Monday only. */
    int64_t fri = receive(f, "D1");
    xf_date_set_today("2026-03-06");
    ok(xf_complaint_classify(ctx, fri, ver(f, fri), "fees", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, fri, ver(f, fri), f->d1, NULL, 0, NULL, &err), &err);
    c = load(f, fri);
    assert_string_equal(c.sign_due, "2026-03-09");
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-06"), XF_CLOCK_OK);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-08"), XF_CLOCK_OK);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-09"), XF_CLOCK_DUE_SOON);
    xf_complaint_clear(&c);

    ok(xf_complaint_reply(ctx, id, ver(f, id), "已退费", &err), &err);
    c = load(f, id);
    assert_int_equal(xf_complaint_clock(ctx, &c, "2026-03-30"), XF_CLOCK_NONE);
    xf_complaint_clear(&c);
}

/* ---- branches ---- */

static void test_return_and_rulings(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED); /* sign_due Monday 2026-03-09 */

    tu_act_as(f->e, "handler1", XF_ROLE_HANDLER);
    assert_int_equal(
        xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_UNCLEAR_OWNERSHIP, "", &err), XF_EINVAL);
    assert_string_equal(err.field, "return_text");
    assert_int_equal(xf_complaint_return(ctx, id, ver(f, id), (enum xf_return_reason)9, "x", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "return_reason");
    xf_date_set_today("2026-03-10"); /* after the sign-for deadline */
    assert_int_equal(
        xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "属交警职责", &err),
        XF_ESTATE);
    xf_date_set_today("2026-03-09"); /* on the deadline day it is still allowed */
    ok(xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "属交警职责", &err),
       &err);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, "returned");
    assert_string_equal(c.return_reason, "not_jurisdiction: 属交警职责");
    xf_complaint_clear(&c);
    /* A handler cannot rule. */
    assert_int_equal(xf_complaint_rule(ctx, id, ver(f, id), true, f->d2, NULL, 0, NULL, &err),
                     XF_EPERM);

    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    assert_int_equal(xf_complaint_rule(ctx, id, ver(f, id), true, f->d1, NULL, 0, NULL, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "lead_unit");
    assert_int_equal(xf_complaint_rule(ctx, id, ver(f, id), true, f->gone, NULL, 0, NULL, &err),
                     XF_EINVAL);
    int64_t coh[] = {f->d3};
    ok(xf_complaint_rule(ctx, id, ver(f, id), true, f->d2, coh, 1, "改派交警", &err), &err);
    c = load(f, id);
    assert_string_equal(c.state, "dispatched");
    assert_int_equal(c.lead_unit_id, f->d2);
    assert_string_equal(c.sign_due, "2026-03-10"); /* a new clock from the ruling */
    xf_complaint_clear(&c);

    /* The new lead returns too (though an earlier version left the old
     * unit's reason on the row: the events decide); the supervisor upholds
     * the dispatch. */
    assert_int_equal(xf_db_begin(f->e->db, "test.legacy", &err), XF_OK);
    char legacy[120];
    snprintf(legacy, sizeof legacy,
             "UPDATE complaint SET return_reason='not_jurisdiction: 旧' WHERE id=%lld",
             (long long)id);
    assert_int_equal(xf_exec(f->e->db, legacy, &err), XF_OK);
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
    tu_act_as(f->e, "handler2", XF_ROLE_HANDLER);
    ok(xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_OVERLAPPING_DUTIES, "职责交叉", &err),
       &err);
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    xf_date_set_today("2026-03-11");
    /* Sent back without a word: the unit would not know why it is theirs. */
    assert_int_equal(xf_complaint_rule(ctx, id, ver(f, id), false, 0, NULL, 0, " ", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "note");
    ok(xf_complaint_rule(ctx, id, ver(f, id), false, 0, NULL, 0, "应由交警办理", &err), &err);
    c = load(f, id);
    assert_string_equal(c.state, "dispatched");
    assert_int_equal(c.lead_unit_id, f->d2);
    assert_string_equal(c.sign_due, "2026-03-12");
    /* the history (and the unit's live notice) says which ruling came */
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity = 'complaint'"
                                  " AND action = 'complaint.rule_reject'"),
                     1);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity = 'complaint'"
                                  " AND action = 'complaint.rule_accept'"),
                     1);
    assert_string_equal(xf_history_action_label("complaint.rule_reject"),
                        "reject the return: back to the same unit");
    /* ruled unfounded: the unit may not send it back again, though the
     * ruling gave it a new sign-for clock */
    assert_false(xf_complaint_may_return(ctx, &c));
    xf_complaint_clear(&c);
    tu_act_as(f->e, "handler2", XF_ROLE_HANDLER);
    assert_int_equal(
        xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_OVERLAPPING_DUTIES, "还是职责交叉", &err),
        XF_ESTATE);
    assert_string_equal(err.field, "return_reason");
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    int64_t *ids;
    size_t n;
    ok(xf_complaint_cohandlers(ctx, id, &ids, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], f->d3);
    free(ids);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action IN "
                                  "('rule_accept','rule_reject') AND actor='sup'"),
                     2);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action='return'"
                                  " AND note LIKE 'overlapping_duties: %' AND actor='handler2'"),
                     1);
}

static void test_callback_outcomes(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_REPLIED);
    assert_int_equal(
        xf_complaint_callback(ctx, id, ver(f, id), (enum xf_callback_outcome)7, NULL, &err),
        XF_EINVAL);
    assert_string_equal(err.field, "callback_outcome");

    /* Unsatisfied: back to the same lead unit, a new round (重办), saying
     * what the citizen is not satisfied with. */
    xf_date_set_today("2026-03-11");
    assert_int_equal(
        xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNSATISFIED, " ", &err), XF_EINVAL);
    assert_string_equal(err.field, "note");
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNSATISFIED, "仍不满意", &err), &err);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, "dispatched");
    assert_int_equal(c.redo_count, 1);
    assert_int_equal(c.lead_unit_id, f->d1);
    assert_null(c.signed_at);
    assert_null(c.replied_at);
    assert_null(c.reply_text);
    assert_string_equal(c.sign_due, "2026-03-12");
    assert_string_equal(c.callback_outcome, "unsatisfied");
    xf_complaint_clear(&c);

    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    ok(xf_complaint_reply(ctx, id, ver(f, id), "重新办理完毕", &err), &err);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNREACHABLE, NULL, &err), &err);
    c = load(f, id);
    assert_string_equal(c.state, "closed");
    assert_string_equal(c.callback_outcome, "unreachable");
    assert_int_equal(c.redo_count, 1);
    assert_int_equal(c.closed_on_time, 1);
    xf_complaint_clear(&c);

    /* Both replies stay readable in the events. */
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action='reply'"), 2);
}

static void test_late_sign_is_not_on_time(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED); /* sign_due 2026-03-09 */
    xf_date_set_today("2026-03-12");  /* late, but signing is still allowed */
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    ok(xf_complaint_reply(ctx, id, ver(f, id), "答复", &err), &err);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    struct xf_complaint c = load(f, id);
    assert_int_equal(c.closed_on_time, 0);
    xf_complaint_clear(&c);
}

/* How many ids the list under key ("u" or "p") of a search's places has. */
static int places_count(const char *json, const char *key)
{
    char head[8];
    snprintf(head, sizeof head, "\"%s\":[", key);
    const char *p = json ? strstr(json, head) : NULL;
    if (!p)
        return 0;
    p += strlen(head);
    if (*p == ']')
        return 0;
    int n = 1;
    for (; *p && *p != ']'; p++)
        n += *p == ',';
    return n;
}

/* The units a complaint search names: by code in any case, or by a name
 * few units share; a word many share, or digits, name none. The posts:
 * by a title holding it, unless it names hundreds. */
static void test_search_places(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    char *json = NULL;
    ok(xf_search_places(ctx, "d1", &json, &err), &err);
    assert_true(places_count(json, "u") > 0);
    free(json);
    for (int i = 0; i < 13; i++) {
        char code[16], name[32];
        snprintf(code, sizeof code, "W%02d", i);
        snprintf(name, sizeof name, "第%d号窗口", i + 1);
        tu_unit(f->e, code, name, f->d2);
    }
    ok(xf_search_places(ctx, "号窗口", &json, &err), &err);
    assert_int_equal(places_count(json, "u"), 13); /* what the Unit column shows */
    free(json);
    /* Among many units, an office every department has is named, and a
     * name most units share too. */
    for (int i = 0; i < 400; i++) {
        char code[16];
        snprintf(code, sizeof code, "SP%03d", i);
        tu_unit(f->e, code, i < 20 ? "审批处" : "某某科", f->d3);
    }
    ok(xf_search_places(ctx, "审批处", &json, &err), &err);
    assert_int_equal(places_count(json, "u"), 20);
    free(json);
    ok(xf_search_places(ctx, "某某科", &json, &err), &err);
    assert_int_equal(places_count(json, "u"), 380); /* of some 420 */
    free(json);
    ok(xf_search_places(ctx, "第13号", &json, &err), &err);
    assert_int_equal(places_count(json, "u"), 1); /* one window, nothing below it */
    assert_int_equal(places_count(json, "p"), 0);
    free(json);
    ok(xf_search_places(ctx, "13", &json, &err), &err);
    assert_null(json); /* digits: a phone number's */
    /* A post by its code, in any case: the complaints at it. */
    ok(xf_search_places(ctx, "p1", &json, &err), &err);
    assert_int_equal(places_count(json, "p"), 1);
    free(json);
    /* The fixture's post P1 is titled 政务窗口1号. */
    ok(xf_search_places(ctx, "政务窗口", &json, &err), &err);
    assert_int_equal(places_count(json, "p"), 1);
    assert_int_equal(places_count(json, "u"), 0);
    free(json);
    /* What another session adds is found at the next search (the names
     * and titles are kept between searches). */
    struct xf_db *other = NULL;
    assert_int_equal(xf_db_open(f->e->path, 0, &other, &err), XF_OK);
    assert_int_equal(sqlite3_exec(xf_db_handle(other),
                                  "INSERT INTO post(code,unit_id,title,updated_at) SELECT 'QNEW',"
                                  " id, '政务窗口二号', '2026-01-01 00:00:00' FROM unit"
                                  " WHERE code='D1-1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    xf_db_close(other);
    ok(xf_search_places(ctx, "政务窗口", &json, &err), &err);
    assert_int_equal(places_count(json, "p"), 2);
    free(json);
    /* Titles of their own post each: more than the walk of titles takes,
     * and the one sought sorts last. */
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db),
                                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                  " WHERE i < 2500) INSERT INTO post(code,unit_id,title,updated_at)"
                                  " SELECT printf('Q%05d', i), (SELECT id FROM unit WHERE"
                                  " code='D1-1'), printf('窗口%05d号', i), '2026-01-01 00:00:00'"
                                  " FROM n; INSERT INTO post(code,unit_id,title,updated_at)"
                                  " SELECT 'QLAST', id, '龘门诊导医先锋岗', '2026-01-01 00:00:00'"
                                  " FROM unit WHERE code='D1-1'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    ok(xf_search_places(ctx, "门诊导医", &json, &err), &err);
    assert_int_equal(places_count(json, "p"), 1);
    free(json);
}

/* A complaint an earlier version left "called back, to close" (closing
 * was a step of its own then) is still closed by the close step. */
static void test_close_left_called_back(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_REPLIED);
    assert_int_equal(xf_db_begin(f->e->db, "test.legacy", &err), XF_OK);
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE complaint SET state='callback', callback_outcome='satisfied'"
             " WHERE id=%lld", (long long)id);
    assert_int_equal(xf_exec(f->e->db, sql, &err), XF_OK);
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
    ok(xf_complaint_close(ctx, id, ver(f, id), "办结", &err), &err);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.state, "closed");
    assert_int_equal(c.closed_on_time, 1);
    assert_non_null(c.closed_at);
    xf_complaint_clear(&c);
}

/* 督办 is not lost with a duplicate: the survivor carries it on. */
static void test_merge_carries_supervision(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t a = receive(f, "D1"), b = receive(f, "D1");
    ok(xf_complaint_supervise(ctx, a, ver(f, a), true, NULL, &err), &err);
    int64_t b_version = ver(f, b);
    ok(xf_complaint_merge(ctx, a, ver(f, a), b, "同一事项", &err), &err);
    struct xf_complaint c = load(f, b);
    assert_int_equal(c.supervised, 1);
    assert_int_equal(c.version, b_version + 1);
    assert_string_equal(c.state, "received");
    xf_complaint_clear(&c);
    /* ... and the merged one is no longer supervised: nothing to chase. */
    c = load(f, a);
    assert_int_equal(c.supervised, 0);
    xf_complaint_clear(&c);
    struct xf_complaint_event *ev;
    size_t n;
    ok(xf_complaint_events(ctx, b, false, &ev, &n, &err), &err);
    assert_string_equal(ev[n - 1].action, "supervise");
    assert_non_null(strstr(ev[n - 1].note, "carried over"));
    xf_complaint_events_free(ev, n);
    /* Already supervised survivors are left as they are. */
    int64_t d = receive(f, "D1"), e2 = receive(f, "D1");
    ok(xf_complaint_supervise(ctx, d, ver(f, d), true, NULL, &err), &err);
    ok(xf_complaint_supervise(ctx, e2, ver(f, e2), true, NULL, &err), &err);
    int64_t e2_version = ver(f, e2);
    ok(xf_complaint_merge(ctx, d, ver(f, d), e2, NULL, &err), &err);
    assert_int_equal(ver(f, e2), e2_version);
    /* Rejecting or closing ends the supervision too. */
    ok(xf_complaint_reject(ctx, e2, ver(f, e2), "不属于投诉", &err), &err);
    c = load(f, e2);
    assert_int_equal(c.supervised, 0);
    xf_complaint_clear(&c);
    int64_t g = receive(f, "D1");
    ok(xf_complaint_supervise(ctx, g, ver(f, g), true, NULL, &err), &err);
    advance(f, g, XF_CS_CLOSED);
    c = load(f, g);
    assert_int_equal(c.supervised, 0);
    assert_string_equal(c.state, "closed");
    xf_complaint_clear(&c);
}

/* A complaint about D2 merged into one about D1: a D2 viewer, who may not
 * read the survivor, is still told its code, and that it is outside. */
static void test_merged_into_code_outside(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t a = receive(f, "D2"), b = receive(f, "D1");
    ok(xf_complaint_merge(ctx, a, ver(f, a), b, "同一事项", &err), &err);
    struct xf_complaint survivor = load(f, b);
    char *code = NULL;
    bool outside = true;
    ok(xf_complaint_code_of(ctx, b, &code, &outside, &err), &err);
    assert_string_equal(code, survivor.code);
    assert_false(outside);
    free(code);
    char *scopes[] = {"D2"};
    struct xf_user u = {
        .login = "v2", .name = "", .role = XF_ROLE_VIEWER, .scopes = scopes, .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "v2", XF_ROLE_VIEWER);
    struct xf_complaint c = {0};
    assert_int_equal(xf_complaint_get(ctx, b, &c, &err), XF_EPERM);
    ok(xf_complaint_code_of(ctx, b, &code, &outside, &err), &err);
    assert_string_equal(code, survivor.code);
    assert_true(outside);
    free(code);
    xf_complaint_clear(&survivor);
    f->e->ctx.user = NULL;
}

static void test_merge_chain(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t a = receive(f, "D1"), b = receive(f, "D1"), cc = receive(f, "D1");
    int64_t closed = receive(f, "D1"), rejected = receive(f, "D1");
    advance(f, closed, XF_CS_CLOSED);
    ok(xf_complaint_reject(ctx, rejected, ver(f, rejected), "非投诉", &err), &err);
    advance(f, b, XF_CS_DISPATCHED);

    assert_int_equal(xf_complaint_merge(ctx, a, ver(f, a), a, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "merged_into");
    assert_int_equal(xf_complaint_merge(ctx, a, ver(f, a), rejected, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "merged_into");
    /* A repeat call about a settled case goes into the closed complaint,
     * which stays closed. */
    int64_t again = receive(f, "D1");
    ok(xf_complaint_merge(ctx, again, ver(f, again), closed, "重复来电", &err), &err);
    struct xf_complaint rc = load(f, again);
    assert_string_equal(rc.state, "merged");
    assert_int_equal(rc.merged_into, closed);
    xf_complaint_clear(&rc);
    rc = load(f, closed);
    assert_string_equal(rc.state, "closed");
    xf_complaint_clear(&rc);
    assert_int_equal(xf_complaint_merge(ctx, a, ver(f, a), 9999, NULL, &err), XF_EINVAL);
    assert_int_equal(xf_complaint_merge(ctx, closed, ver(f, closed), a, NULL, &err), XF_ESTATE);

    ok(xf_complaint_merge(ctx, a, ver(f, a), b, "同一事项", &err), &err);
    struct xf_complaint c = load(f, a);
    assert_string_equal(c.state, "merged");
    assert_int_equal(c.merged_into, b);
    xf_complaint_clear(&c);
    /* Nothing merges into a merged complaint, nor does a merged one move. */
    assert_int_equal(xf_complaint_merge(ctx, cc, ver(f, cc), a, NULL, &err), XF_EINVAL);
    assert_int_equal(xf_complaint_merge(ctx, a, ver(f, a), cc, NULL, &err), XF_ESTATE);
    assert_int_equal(xf_complaint_classify(ctx, a, ver(f, a), "fees", NULL, &err), XF_ESTATE);

    /* The survivor (already dispatched) can itself be merged: a chain. */
    ok(xf_complaint_merge(ctx, b, ver(f, b), cc, NULL, &err), &err);
    struct xf_complaint_event *ev;
    size_t n;
    ok(xf_complaint_events(ctx, cc, true, &ev, &n, &err), &err);
    int from_a = 0, from_b = 0, from_c = 0;
    for (size_t i = 0; i < n; i++) {
        from_a += ev[i].complaint_id == a;
        from_b += ev[i].complaint_id == b;
        from_c += ev[i].complaint_id == cc;
        if (i)
            assert_true(ev[i].id > ev[i - 1].id);
    }
    assert_int_equal(from_a, 2); /* receive, merge */
    assert_int_equal(from_b, 4); /* receive, classify, dispatch, merge */
    assert_int_equal(from_c, 1);
    xf_complaint_events_free(ev, n);
    ok(xf_complaint_events(ctx, cc, false, &ev, &n, &err), &err);
    assert_int_equal(n, 1);
    xf_complaint_events_free(ev, n);
}

static void test_supervise_and_queue_order(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t ids[5];
    for (int i = 0; i < 5; i++)
        ids[i] = receive(f, i < 3 ? "D1-1" : "D2");
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    ok(xf_complaint_supervise(ctx, ids[3], ver(f, ids[3]), true, "逾期督办", &err), &err);
    assert_int_equal(xf_complaint_supervise(ctx, ids[3], ver(f, ids[3]), true, NULL, &err),
                     XF_ESTATE);
    ok(xf_complaint_supervise(ctx, ids[1], ver(f, ids[1]), true, NULL, &err), &err);

    struct xf_complaint_filter flt = {.limit = 2};
    struct xf_complaint *rows;
    size_t n;
    ok(xf_complaint_list(ctx, &flt, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, ids[1]);
    assert_int_equal(rows[1].id, ids[3]);
    flt.has_after = true;
    flt.after_supervised = rows[1].supervised;
    flt.after_id = rows[1].id;
    xf_complaints_free(rows, n);
    ok(xf_complaint_list(ctx, &flt, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, ids[0]);
    assert_int_equal(rows[1].id, ids[2]);
    flt.after_supervised = rows[1].supervised;
    flt.after_id = rows[1].id;
    xf_complaints_free(rows, n);
    ok(xf_complaint_list(ctx, &flt, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].id, ids[4]);
    xf_complaints_free(rows, n);

    /* Unit filter: D1's subtree holds the complaints about its office. */
    struct xf_complaint_filter by_unit = {.unit_id = f->d1};
    ok(xf_complaint_list(ctx, &by_unit, &rows, &n, &err), &err);
    assert_int_equal(n, 3);
    xf_complaints_free(rows, n);
    /* ...and the ones it leads. */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    ok(xf_complaint_classify(ctx, ids[4], ver(f, ids[4]), "fees", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, ids[4], ver(f, ids[4]), f->d1, NULL, 0, NULL, &err), &err);
    ok(xf_complaint_list(ctx, &by_unit, &rows, &n, &err), &err);
    assert_int_equal(n, 4);
    xf_complaints_free(rows, n);
    struct xf_complaint_filter by_state = {.state = "dispatched"};
    ok(xf_complaint_list(ctx, &by_state, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    xf_complaints_free(rows, n);
    by_state.state = "nonsense";
    assert_int_equal(xf_complaint_list(ctx, &by_state, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "state");

    /* Clearing the flag; a handler may not supervise. */
    ok(xf_complaint_supervise(ctx, ids[1], ver(f, ids[1]), false, NULL, &err), &err);
    tu_act_as(f->e, "h", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_supervise(ctx, ids[0], ver(f, ids[0]), true, NULL, &err),
                     XF_EPERM);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action IN "
                                  "('supervise','unsupervise') AND from_state=to_state"),
                     3);
}

static void test_notes(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_SIGNED);
    int64_t v = ver(f, id);
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    ok(xf_complaint_note(ctx, id, v, "已电话催办", &err), &err);
    tu_act_as(f->e, "h", XF_ROLE_HANDLER);
    ok(xf_complaint_note(ctx, id, v, "正在核实", &err), &err);
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_int_equal(xf_complaint_note(ctx, id, v, "看看", &err), XF_EPERM);
    expect_state(f, id, "signed");
    assert_int_equal(ver(f, id), v);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action='note'"
                                  " AND from_state='signed' AND to_state='signed'"),
                     2);
    /* The notes are part of the complaint's own history, newest first. */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    struct xf_history_row *rows = NULL;
    size_t n = 0;
    ok(xf_history_for(ctx, "complaint", id, 0, 50, &rows, &n, &err), &err);
    assert_true(n >= 2);
    assert_string_equal(rows[0].entity, "complaint_event");
    assert_non_null(strstr(rows[0].after, "正在核实"));
    assert_non_null(strstr(rows[1].after, "已电话催办"));
    /* A step that changed the complaint is one entry, not one per row. */
    int dispatches = 0;
    for (size_t i = 0; i < n; i++)
        dispatches += strcmp(rows[i].action, "complaint.dispatch") == 0;
    assert_int_equal(dispatches, 1);
    xf_history_rows_free(rows, n);
    /* A handler cannot note a complaint that has no lead unit yet. */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    int64_t fresh = receive(f, "D1");
    tu_act_as(f->e, "h", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_note(ctx, fresh, ver(f, fresh), "x", &err), XF_EPERM);
}

/* ---- permissions, scope, masking, concurrency ---- */

static void test_roles_refused(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    struct xf_complaint_new in = {.source = "hotline", .unit_code = "D1", .text = "x"};
    int64_t nid;
    assert_int_equal(xf_complaint_receive(ctx, &in, &nid, &err), XF_EPERM);
    assert_int_equal(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), XF_EPERM);
    tu_act_as(f->e, "h", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), XF_EPERM);
    assert_int_equal(xf_complaint_reject(ctx, id, ver(f, id), "x", &err), XF_EPERM);
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    ok(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d1, NULL, 0, NULL, &err), &err);
    /* Signing and replying are the unit's. */
    assert_int_equal(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), XF_EPERM);
    assert_int_equal(
        xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "x", &err), XF_EPERM);
    tu_act_as(f->e, "h", XF_ROLE_HANDLER);
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    ok(xf_complaint_reply(ctx, id, ver(f, id), "答复", &err), &err);
    assert_int_equal(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_SATISFIED, NULL, &err),
                     XF_EPERM);
    expect_state(f, id, "replied");
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE actor='h'"), 2);
}

static void test_handler_outside_scope_refused(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED); /* lead D1 */
    char *scopes[] = {"D2"};
    struct xf_user u = {
        .login = "h2", .name = "", .role = XF_ROLE_HANDLER, .scopes = scopes, .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "h2", XF_ROLE_HANDLER);
    assert_int_equal(xf_complaint_sign(C(f), id, ver(f, id), NULL, &err), XF_EPERM);
    assert_int_equal(
        xf_complaint_return(C(f), id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "x", &err), XF_EPERM);
    /* Reading is scoped too. */
    struct xf_complaint c = {0};
    assert_int_equal(xf_complaint_get(C(f), id, &c, &err), XF_EPERM);
    struct xf_complaint_filter flt = {0};
    struct xf_complaint *rows;
    size_t n;
    ok(xf_complaint_list(C(f), &flt, &rows, &n, &err), &err);
    assert_int_equal(n, 0);
    xf_complaints_free(rows, n);
    expect_state(f, id, "dispatched");

    /* A handler whose scope holds the lead unit (D1, via its subtree) may. */
    scopes[0] = "D1";
    ok(xf_complaint_sign(C(f), id, ver(f, id), NULL, &err), &err);
    ok(xf_complaint_list(C(f), &flt, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    xf_complaints_free(rows, n);
    f->e->ctx.user = NULL;
}

static void test_masking_for_viewer(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    struct xf_complaint c = {0};
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    ok(xf_complaint_get(C(f), id, &c, &err), &err);
    assert_string_equal(c.complainant_name, "张*");
    assert_string_equal(c.complainant_phone, "138****5678");
    assert_string_equal(c.text, "窗口工作人员态度生硬");
    xf_complaint_clear(&c);
    struct xf_complaint_filter flt = {0};
    struct xf_complaint *rows;
    size_t n;
    ok(xf_complaint_list(C(f), &flt, &rows, &n, &err), &err);
    assert_string_equal(rows[0].complainant_name, "张*");
    assert_string_equal(rows[0].complainant_phone, "138****5678");
    xf_complaints_free(rows, n);

    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    ok(xf_complaint_get(C(f), id, &c, &err), &err);
    assert_string_equal(c.complainant_name, "张三");
    assert_string_equal(c.complainant_phone, "13812345678");
    xf_complaint_clear(&c);

    /* Three-character names and short numbers (kept from before the
     * phone rule: receive no longer takes them). */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    struct xf_complaint_new in = {.source = "media",
                                  .unit_code = "D1",
                                  .text = "x",
                                  .complainant_name = "欧阳娜",
                                  .complainant_phone = "13812345678"};
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    char sql[96];
    snprintf(sql, sizeof sql, "UPDATE complaint SET complainant_phone='12345' WHERE id=%lld",
             (long long)id);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    ok(xf_complaint_get(C(f), id, &c, &err), &err);
    assert_string_equal(c.complainant_name, "欧**");
    assert_string_equal(c.complainant_phone, "***45");
    xf_complaint_clear(&c);
}

static void test_stale_version_refused(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    int64_t seen = ver(f, id);
    ok(xf_complaint_classify(ctx, id, seen, "fees", NULL, &err), &err);
    /* Someone else's change happened since `seen`. */
    assert_int_equal(xf_complaint_dispatch(ctx, id, seen, f->d1, NULL, 0, NULL, &err),
                     XF_ECONFLICT);
    assert_int_equal(xf_complaint_supervise(ctx, id, seen, true, NULL, &err), XF_ECONFLICT);
    assert_int_equal(xf_complaint_reject(ctx, id, seen, "x", &err), XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "someone else"));
    assert_non_null(strstr(err.msg, "(classify)")); /* what they did, in words */
    expect_state(f, id, "classified");
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event"), 2);
    /* A note is added after whatever changed: it contradicts nothing. */
    ok(xf_complaint_note(ctx, id, seen, "已电话联系投诉人", &err), &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = 'note'"
                                  " AND note = '已电话联系投诉人'"),
                     1);
    assert_int_equal(xf_complaint_classify(ctx, 4242, 1, "fees", NULL, &err), XF_ENOTFOUND);
}

/* A step is based on the version the user was shown: after a colleague's
 * re-dispatch every step on the older one is refused and nothing is
 * written; the check a form opens with says who sent it where, with
 * which co-handlers, and the timeline names them too. */
static void test_stale_handover_said(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_DISPATCHED);
    int64_t seen = ver(f, id);
    ok(xf_complaint_check_seen(ctx, id, seen, &err), &err);
    int64_t with[] = {f->d2};
    ok(xf_complaint_redispatch(ctx, id, seen, f->d1_office, with, 1, "未签收", &err), &err);
    long events = count_sql(f, "SELECT count(*) FROM complaint_event");

    memset(&err, 0, sizeof err);
    assert_int_equal(xf_complaint_check_seen(ctx, id, seen, &err), XF_ECONFLICT);
    assert_string_equal(err.field, "version");
    assert_non_null(strstr(err.msg, "was re-dispatched by"));
    assert_non_null(strstr(err.msg, "(D1-1)"));
    assert_non_null(strstr(err.msg, "交警支队 (D2)"));
    assert_non_null(strstr(err.msg, "while you were looking"));

    /* Every step on what the user saw before: refused, nothing half done. */
    int64_t none[] = {f->d3};
    assert_int_equal(xf_complaint_sign(ctx, id, seen, NULL, &err), XF_ECONFLICT);
    assert_int_equal(
        xf_complaint_return(ctx, id, seen, XF_RETURN_NOT_JURISDICTION, "不归我们管", &err),
        XF_ECONFLICT);
    assert_int_equal(xf_complaint_redispatch(ctx, id, seen, f->d3, NULL, 0, "再改", &err),
                     XF_ECONFLICT);
    assert_int_equal(xf_complaint_set_cohandlers(ctx, id, seen, none, 1, NULL, &err), XF_ECONFLICT);
    assert_int_equal(xf_complaint_set_answer_due(ctx, id, seen, "2026-03-20", "要求", &err),
                     XF_ECONFLICT);
    assert_int_equal(xf_complaint_reclassify(ctx, id, seen, "fees", "改", &err), XF_ECONFLICT);
    assert_int_equal(xf_complaint_supervise(ctx, id, seen, true, "督", &err), XF_ECONFLICT);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event"), events);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_cohandler WHERE active = 1"), 1);
    expect_state(f, id, "dispatched");

    /* The re-dispatch's event names its co-handler, the note after it. */
    struct xf_complaint_event *ev = NULL;
    size_t n = 0;
    ok(xf_complaint_events(ctx, id, false, &ev, &n, &err), &err);
    assert_string_equal(ev[n - 1].action, "redispatch");
    assert_string_equal(ev[n - 1].note, "with=D2: 未签收");
    char *text = xf_complaint_event_note_text(ctx->cfg, ctx->db, "redispatch", ev[n - 1].note);
    assert_non_null(text);
    assert_string_equal(text, "Co-handling units: 交警支队 (D2). 未签收");
    free(text);
    xf_complaint_events_free(ev, n);

    /* A note since leaves the version, and the check, as they are; a step
     * that is no hand-over is told as any conflict. */
    seen = ver(f, id);
    ok(xf_complaint_note(ctx, id, seen, "已电话联系", &err), &err);
    ok(xf_complaint_check_seen(ctx, id, seen, &err), &err);
    ok(xf_complaint_supervise(ctx, id, seen, true, "督", &err), &err);
    assert_int_equal(xf_complaint_check_seen(ctx, id, seen, &err), XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "was changed by someone else"));
}

/* A change that does not matter to the step lets it through: 督办 set
 * while a reply was written refused the reply, and the second F2 saved
 * the same text. The state, and what the step depends on (the category,
 * the supervision it toggles, the co-handlers its form shows), still
 * refuse. */
static void test_unrelated_change_passes(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    /* supervised meanwhile: the reply, the sign-for go through */
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_SIGNED);
    int64_t seen = ver(f, id);
    ok(xf_complaint_supervise(ctx, id, seen, true, "督办", &err), &err);
    ok(xf_complaint_reply(ctx, id, seen, "已核实并道歉", &err), &err);
    expect_state(f, id, "replied");
    int64_t id2 = receive(f, "D1");
    advance(f, id2, XF_CS_DISPATCHED);
    seen = ver(f, id2);
    ok(xf_complaint_supervise(ctx, id2, seen, true, "督办", &err), &err);
    /* ... but not a toggle of the supervision itself */
    assert_int_equal(xf_complaint_supervise(ctx, id2, seen, false, NULL, &err), XF_ECONFLICT);
    ok(xf_complaint_sign(ctx, id2, seen, NULL, &err), &err);
    expect_state(f, id2, "signed");
    /* nor a step after a change of state (signed since) */
    assert_int_equal(xf_complaint_supervise(ctx, id2, seen, false, NULL, &err), XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "someone else"));

    /* a new category moves the deadline the reply is held to: refused */
    int64_t id3 = receive(f, "D1");
    advance(f, id3, XF_CS_SIGNED);
    seen = ver(f, id3);
    ok(xf_complaint_reclassify(ctx, id3, seen, "fees", "收费问题", &err), &err);
    assert_int_equal(xf_complaint_reply(ctx, id3, seen, "已核实", &err), XF_ECONFLICT);
    expect_state(f, id3, "signed");
    /* ... while supervising does not depend on it */
    ok(xf_complaint_supervise(ctx, id3, seen, true, "督办", &err), &err);

    /* co-handlers changed (only the version moves): a re-dispatch, whose
     * form shows them, is refused; the sign-for goes through */
    int64_t id4 = receive(f, "D1");
    advance(f, id4, XF_CS_DISPATCHED);
    seen = ver(f, id4);
    int64_t d3[] = {f->d3};
    ok(xf_complaint_set_cohandlers(ctx, id4, seen, d3, 1, NULL, &err), &err);
    assert_int_equal(xf_complaint_redispatch(ctx, id4, seen, f->d2, NULL, 0, "改派", &err),
                     XF_ECONFLICT);
    ok(xf_complaint_sign(ctx, id4, seen, NULL, &err), &err);

    /* the check before "are you sure?" says the same */
    int64_t id5 = receive(f, "D1");
    advance(f, id5, XF_CS_REPLIED);
    seen = ver(f, id5);
    ok(xf_complaint_check_step(ctx, id5, seen, "callback", &err), &err);
    ok(xf_complaint_supervise(ctx, id5, seen, true, "督办", &err), &err);
    ok(xf_complaint_check_step(ctx, id5, seen, "callback", &err), &err);
    assert_int_equal(xf_complaint_check_step(ctx, id5, seen, "unsupervise", &err), XF_ECONFLICT);
    ok(xf_complaint_callback(ctx, id5, seen, XF_CALLBACK_SATISFIED, NULL, &err), &err);
    expect_state(f, id5, "closed");
    assert_int_equal(xf_complaint_check_step(ctx, id5, seen, "close", &err), XF_ECONFLICT);
    /* id's and id5's; id3's was refused */
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action = 'reply'"),
                     2);
}

/* A stale form is told what changed with the record's own fields first:
 * an unsatisfied callback's outcome is not left to "and 3 more" behind
 * the times it cleared. */
static void test_stale_says_outcome_before_times(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_REPLIED);
    int64_t seen = ver(f, id);
    ok(xf_complaint_callback(ctx, id, seen, XF_CALLBACK_UNSATISFIED, "还是没解决", &err), &err);
    assert_int_equal(
        xf_complaint_callback(ctx, id, seen, XF_CALLBACK_SATISFIED, NULL, &err), XF_ECONFLICT);
    const char *outcome = strstr(err.msg, "call-back outcome");
    const char *time = strstr(err.msg, "signed for at");
    assert_non_null(outcome);
    assert_true(!time || outcome < time);
}

/* Back at its unit to be redone after an unsatisfied callback: the unit
 * answered it before, so it signs for it again and may not return it as
 * "not our jurisdiction" (it could, and so escape the redo). */
static void test_redo_is_not_returned(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_REPLIED);
    ok(xf_complaint_callback(ctx, id, ver(f, id), XF_CALLBACK_UNSATISFIED, "还是没解决", &err),
       &err);
    expect_state(f, id, "dispatched");
    struct xf_complaint c = {0};
    ok(xf_complaint_get(ctx, id, &c, &err), &err);
    assert_true(xf_complaint_redo_pending(ctx, &c));
    assert_false(xf_complaint_may_return(ctx, &c));
    xf_complaint_clear(&c);
    assert_int_equal(
        xf_complaint_return(ctx, id, ver(f, id), XF_RETURN_NOT_JURISDICTION, "不归我们管", &err),
        XF_ESTATE);
    assert_non_null(strstr(err.msg, "to be redone"));
    expect_state(f, id, "dispatched");
    ok(xf_complaint_sign(ctx, id, ver(f, id), NULL, &err), &err);
    expect_state(f, id, "signed");
}

/* ---- reports ---- */

static const char *cell(const struct xf_table *t, size_t row, size_t col)
{
    return xf_table_cell(t, row, col);
}

/* A cell of the states report's row for state s (XF_CS_COUNT: the total):
 * the rows are found by their label, as not every state has one. */
static const char *scell(const struct xf_table *t, enum xf_complaint_state s, size_t col)
{
    const char *label = s == XF_CS_COUNT ? "total" : xf_complaint_state_label(s);
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(xf_table_cell(t, r, 0), label) == 0)
            return xf_table_cell(t, r, col);
    fail_msg("no row for %s", label);
    return "";
}

/* "Called back, to close" is no step's outcome now: the states report
 * has a row for it only while complaints an earlier version left there
 * remain, and those are still read and closed. */
static void test_report_callback_legacy(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    advance(f, id, XF_CS_REPLIED);
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE complaint SET state = 'callback', callback_outcome = 'satisfied' WHERE id = "
             "%lld",
             (long long)id);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    struct xf_table t;
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, XF_CS_COUNT + 1);
    assert_string_equal(scell(&t, XF_CS_CALLBACK, 1), "1");
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "1");
    xf_table_free(&t);
    struct xf_complaint c = {0};
    ok(xf_complaint_get(ctx, id, &c, &err), &err);
    assert_string_equal(xf_complaint_state_label(xf_complaint_state_of(&c)),
                        "called back, to close");
    xf_complaint_clear(&c);
    ok(xf_complaint_close(ctx, id, ver(f, id), NULL, &err), &err);
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, XF_CS_COUNT);
    xf_table_free(&t);
}

/* The states report counts the closures that came late: closed, the last
 * round signed for or replied to after its deadline (closed_on_time 0,
 * the units report's on-time closure). */
static void test_report_closed_late(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t a = receive(f, "D1"), b = receive(f, "D1");
    advance(f, a, XF_CS_CLOSED); /* on time */
    advance(f, b, XF_CS_DISPATCHED); /* to be signed for by 2026-03-09 */
    xf_date_set_today("2026-03-11");
    ok(xf_complaint_sign(ctx, b, ver(f, b), NULL, &err), &err);
    ok(xf_complaint_reply(ctx, b, ver(f, b), "已处理", &err), &err);
    ok(xf_complaint_callback(ctx, b, ver(f, b), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    xf_date_set_today("2026-03-06");
    struct xf_table t;
    ok(xf_complaint_report_states(ctx, "2026-03-12", NULL, &t, &err), &err);
    assert_string_equal(t.head[4], "Closed late");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 1), "2");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 4), "1");
    assert_string_equal(scell(&t, XF_CS_RECEIVED, 4), "0");
    assert_string_equal(scell(&t, XF_CS_COUNT, 4), "1");
    xf_table_free(&t);
}

static void test_reports(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t a = receive(f, "D1"), b = receive(f, "D1"), c = receive(f, "D2");
    int64_t d = receive(f, "D1");
    int64_t e = receive(f, "D1");
    advance(f, a, XF_CS_CLOSED);     /* on time, satisfied */
    advance(f, b, XF_CS_DISPATCHED); /* sign_due 2026-03-09 */
    advance(f, c, XF_CS_CLASSIFIED);
    advance(f, d, XF_CS_REPLIED);
    ok(xf_complaint_supervise(ctx, b, ver(f, b), true, NULL, &err), &err);
    ok(xf_complaint_callback(ctx, d, ver(f, d), XF_CALLBACK_UNSATISFIED, "没有解决", &err), &err);

    struct xf_table t;
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.ncols, 6);
    /* every state but "called back, to close", which no step reaches
     * now, and the total */
    assert_int_equal(t.nrows, XF_CS_COUNT);
    for (size_t r = 0; r < t.nrows; r++)
        assert_string_not_equal(cell(&t, r, 0), xf_complaint_state_label(XF_CS_CALLBACK));
    assert_string_equal(scell(&t, XF_CS_RECEIVED, 1), "1");
    assert_string_equal(scell(&t, XF_CS_CLASSIFIED, 1), "1");
    assert_string_equal(scell(&t, XF_CS_DISPATCHED, 1), "2");
    assert_string_equal(scell(&t, XF_CS_DISPATCHED, 2), "2"); /* both past 03-09 */
    assert_string_equal(scell(&t, XF_CS_DISPATCHED, 3), "1");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 1), "1");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 2), "0");
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "5");
    xf_table_free(&t);
    ok(xf_complaint_report_states(ctx, "2026-03-09", NULL, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_DISPATCHED, 2), "0");
    xf_table_free(&t);

    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, 2); /* D1 and the total, the same with one unit */
    assert_string_equal(xf_table_cell(&t, 0, 0), "D1");
    for (size_t k = 2; k < 8; k++)
        assert_string_equal(cell(&t, 1, k), cell(&t, 0, k));
    assert_string_equal(cell(&t, 0, 2), "3");     /* a, b, d */
    assert_string_equal(cell(&t, 0, 3), "33.3");  /* a signed in time; b, d overdue unsigned */
    assert_string_equal(cell(&t, 0, 4), "33.3");  /* closed 1 of 3 */
    assert_string_equal(cell(&t, 0, 5), "50.0");  /* a satisfied, d unsatisfied */
    assert_string_equal(cell(&t, 0, 6), "0");     /* nobody unreachable yet */
    assert_string_equal(cell(&t, 0, 7), "100.0"); /* a on time */
    xf_table_free(&t);
    /* e's citizen cannot be reached: closed, counted apart, and not in
     * the satisfaction rate. */
    advance(f, e, XF_CS_REPLIED);
    ok(xf_complaint_callback(ctx, e, ver(f, e), XF_CALLBACK_UNREACHABLE, NULL, &err), &err);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(cell(&t, 0, 2), "4");
    assert_string_equal(cell(&t, 0, 5), "50.0");
    assert_string_equal(cell(&t, 0, 6), "1");
    xf_table_free(&t);
    /* d, redone, satisfies the citizen the second time: its first,
     * unsatisfied callback still counts (a satisfied, d unsatisfied, d
     * satisfied), though the row keeps only the last outcome. */
    ok(xf_complaint_sign(ctx, d, ver(f, d), NULL, &err), &err);
    ok(xf_complaint_reply(ctx, d, ver(f, d), "已重新办理", &err), &err);
    ok(xf_complaint_callback(ctx, d, ver(f, d), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(cell(&t, 0, 5), "66.7");
    xf_table_free(&t);
    assert_int_equal(xf_complaint_report_units(ctx, "03/10", NULL, &t, &err), XF_EINVAL);
    xf_table_free(&t);

    /* Within a scope: only the complaints about or led by units in it. */
    char *scopes[] = {"D2"};
    struct xf_user u = {
        .login = "s2", .name = "", .role = XF_ROLE_SUPERVISOR, .scopes = scopes, .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "s2", XF_ROLE_SUPERVISOR);
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_CLASSIFIED, 1), "1"); /* c */
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "1");
    xf_table_free(&t);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, 1); /* c has no lead unit yet: the total alone */
    assert_string_equal(cell(&t, 0, 1), "Total");
    assert_string_equal(cell(&t, 0, 2), "0");
    xf_table_free(&t);
    /* A handler counts what their list shows: dispatched to their units,
     * so not c, which is about D2 but not dispatched yet. */
    u.role = XF_ROLE_HANDLER;
    tu_act_as(f->e, "s2", XF_ROLE_HANDLER);
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "0");
    xf_table_free(&t);
    /* ... and so does their export: no c, which is D2's but not theirs */
    char *csv = tu_export(f->e, &xf_kind_complaints);
    assert_null(strstr(csv, "TS2026-000003"));
    free(csv);
    u.role = XF_ROLE_SUPERVISOR;
    tu_act_as(f->e, "s2", XF_ROLE_SUPERVISOR);
    scopes[0] = "D1";
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "4");
    xf_table_free(&t);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(cell(&t, 0, 2), "4");
    xf_table_free(&t);
    /* A handler with no scope: what has been dispatched, not c. */
    u.n_scopes = 0;
    u.role = XF_ROLE_HANDLER;
    tu_act_as(f->e, "s2", XF_ROLE_HANDLER);
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "4");
    xf_table_free(&t);
    /* A complaint led by D2 and co-handled by D1: a D1 handler counts it,
     * but the units report has no row for D2, which is not theirs. */
    f->e->ctx.user = NULL;
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    int64_t g = receive(f, "D2");
    ok(xf_complaint_classify(ctx, g, ver(f, g), "attitude", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, g, ver(f, g), f->d2, &f->d1, 1, NULL, &err), &err);
    f->e->ctx.user = &u;
    u.n_scopes = 1;
    tu_act_as(f->e, "s2", XF_ROLE_HANDLER);
    ok(xf_complaint_report_states(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "5");
    xf_table_free(&t);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(xf_table_cell(&t, 0, 0), "D1");
    xf_table_free(&t);
    /* ... and its status line counts b alone to sign for: g waits for D2's
     * signature, not D1's (it said "To sign for 2"). */
    struct xf_lead_work w = {-1, -1, -1, -1};
    ok(xf_complaint_lead_work(ctx, "2000-01-01", &w, &err), &err);
    assert_int_equal(w.to_sign, 1);
    assert_int_equal(w.to_reply, 0);
    assert_int_equal(w.overdue, 0);
    /* Overdue on the same basis: b past its sign-for deadline, not g,
     * which is D2's to sign (it counted there, beside "to sign for 1"). */
    ok(xf_complaint_lead_work(ctx, "2099-01-01", &w, &err), &err);
    assert_int_equal(w.to_sign, 1);
    assert_int_equal(w.overdue, 1);
    assert_int_equal(w.due_soon, 0);
    /* Due soon on its last day (b, to be signed for by 2026-03-09), not
     * overdue; neither the day after the last one the clock counts. */
    ok(xf_complaint_lead_work(ctx, "2026-03-09", &w, &err), &err);
    assert_int_equal(w.due_soon, 1);
    assert_int_equal(w.overdue, 0);
    ok(xf_complaint_lead_work(ctx, "2000-01-01", &w, &err), &err);
    assert_int_equal(w.due_soon, 0);
    /* Nor on the day it was dispatched (the clock's rule). */
    ok(xf_complaint_lead_work(ctx, "2026-03-06", &w, &err), &err);
    assert_int_equal(w.due_soon, 0);
    /* The co-handling unit notes its part; the steps stay the lead's. */
    ok(xf_complaint_note(ctx, g, ver(f, g), "已配合核查现场", &err), &err);
    assert_int_equal(xf_complaint_sign(ctx, g, ver(f, g), NULL, &err), XF_EPERM);
    f->e->ctx.user = NULL;
    /* The whole city: D1's row, D2's, and their total, its rates from the
     * summed counts, not an average of theirs. */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, 3);
    assert_string_equal(cell(&t, 2, 0), "");
    assert_string_equal(cell(&t, 2, 1), "Total");
    assert_string_equal(cell(&t, 2, 2), "5");
    assert_string_equal(cell(&t, 2, 4), "60.0"); /* a, d and e closed, of 5 */
    xf_table_free(&t);
    /* A complaint about D1 led by D2: a D1 supervisor's report has no D2
     * row (it read as D2's rates, from D1's complaint alone). */
    int64_t h = receive(f, "D1");
    ok(xf_complaint_classify(ctx, h, ver(f, h), "attitude", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, h, ver(f, h), f->d2, NULL, 0, NULL, &err), &err);
    f->e->ctx.user = &u;
    u.role = XF_ROLE_SUPERVISOR;
    scopes[0] = "D1";
    tu_act_as(f->e, "s2", XF_ROLE_SUPERVISOR);
    ok(xf_complaint_report_units(ctx, "2026-03-10", NULL, &t, &err), &err);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(xf_table_cell(&t, 0, 0), "D1");
    assert_string_equal(cell(&t, 1, 1), "Total");
    xf_table_free(&t);
    f->e->ctx.user = NULL;
}

/* A period keeps the complaints received within it (both days included),
 * the title says which, and a period that is not one is refused. */
static void test_reports_for_a_period(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t a = receive(f, "D1"), b = receive(f, "D1"), c = receive(f, "D1");
    advance(f, a, XF_CS_CLOSED);
    advance(f, b, XF_CS_DISPATCHED);
    advance(f, c, XF_CS_DISPATCHED);
    char sql[300];
    snprintf(sql, sizeof sql,
             "UPDATE complaint SET received_at = CASE id WHEN %lld THEN '2026-02-28 09:00:00'"
             " WHEN %lld THEN '2026-03-01 00:00:00' ELSE '2026-03-31 23:59:59' END",
             (long long)a, (long long)b);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    struct xf_table t;
    struct xf_period march = {"2026-03-01", "2026-03-31"};
    ok(xf_complaint_report_states(ctx, "2026-04-01", &march, &t, &err), &err);
    assert_non_null(strstr(t.title, "received 2026-03-01 \u2013 2026-03-31"));
    assert_string_equal(scell(&t, XF_CS_DISPATCHED, 1), "2"); /* b and c, both ends */
    assert_string_equal(scell(&t, XF_CS_CLOSED, 1), "0");     /* a came in February */
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "2");
    xf_table_free(&t);
    struct xf_period from = {"2026-03-02", NULL}, until = {NULL, "2026-02-28"};
    ok(xf_complaint_report_states(ctx, "2026-04-01", &from, &t, &err), &err);
    assert_string_equal(scell(&t, XF_CS_COUNT, 1), "1"); /* c */
    xf_table_free(&t);
    ok(xf_complaint_report_units(ctx, "2026-04-01", &until, &t, &err), &err);
    assert_non_null(strstr(t.title, "until 2026-02-28"));
    assert_int_equal(t.nrows, 2);
    assert_string_equal(cell(&t, 0, 2), "1"); /* a */
    assert_string_equal(cell(&t, 0, 4), "100.0");
    xf_table_free(&t);
    ok(xf_complaint_report_units(ctx, "2026-04-01", &march, &t, &err), &err);
    assert_string_equal(cell(&t, 0, 2), "2");
    assert_string_equal(cell(&t, 0, 4), "0.0");
    xf_table_free(&t);
    struct xf_period bad = {"2026-02-30", NULL}, backwards = {"2026-03-31", "2026-03-01"};
    assert_int_equal(xf_complaint_report_units(ctx, "2026-04-01", &bad, &t, &err), XF_EINVAL);
    assert_string_equal(err.field, "since");
    xf_table_free(&t);
    assert_int_equal(xf_complaint_report_states(ctx, "2026-04-01", &backwards, &t, &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "until");
    assert_non_null(strstr(err.msg, "before it begins"));
    xf_table_free(&t);
    /* 督办 ends when a complaint closes: a period's report counts those
     * pressed at any time (a month's said 0 of its supervised closed
     * ones); the running figures count those supervised now. */
    int64_t d = receive(f, "D1");
    ok(xf_complaint_classify(ctx, d, ver(f, d), "attitude", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, d, ver(f, d), f->d1, NULL, 0, NULL, &err), &err);
    ok(xf_complaint_supervise(ctx, d, ver(f, d), true, "逾期督办", &err), &err);
    ok(xf_complaint_sign(ctx, d, ver(f, d), NULL, &err), &err);
    ok(xf_complaint_reply(ctx, d, ver(f, d), "已办结", &err), &err);
    ok(xf_complaint_callback(ctx, d, ver(f, d), XF_CALLBACK_SATISFIED, NULL, &err), &err);
    snprintf(sql, sizeof sql,
             "UPDATE complaint SET received_at = '2026-03-15 10:00:00' WHERE id = %lld",
             (long long)d);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    ok(xf_complaint_report_states(ctx, "2026-04-01", &march, &t, &err), &err);
    assert_string_equal(t.head[3], "Ever supervised");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 1), "1");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 3), "1");
    xf_table_free(&t);
    ok(xf_complaint_report_states(ctx, "2026-04-01", NULL, &t, &err), &err);
    assert_string_equal(t.head[3], "Supervised now");
    assert_string_equal(scell(&t, XF_CS_CLOSED, 3), "0");
    xf_table_free(&t);
}

/* The units report adds up its rates in C; on the demo's complaints (every
 * state, late and timely signing, each callback outcome) it must give what
 * the same figures as plain SQL aggregates give. */
static void test_unit_stats_equal_sql(void **state)
{
    (void)state;
    static const char sql[] =
        "SELECT l.code, coalesce(gg.name || ' › ', '') || coalesce(g.name || ' › ', '')"
        " || coalesce(p.name || ' › ', '') || l.name, count(*),"
        " sum(c.signed_at IS NOT NULL OR (c.state='dispatched' AND c.sign_due < ?1)),"
        " sum(c.signed_at IS NOT NULL AND substr(c.signed_at,1,10) <= c.sign_due),"
        " sum(c.state='closed'), sum(c.state='closed' AND c.closed_on_time=1),"
        " sum((c.callback_outcome='satisfied') + c.redo_count),"
        " sum(c.callback_outcome='satisfied')"
        " FROM unit l JOIN complaint c ON c.lead_unit_id=l.id LEFT JOIN unit p ON p.id=l.parent_id"
        " LEFT JOIN unit g ON g.id=p.parent_id LEFT JOIN unit gg ON gg.id=g.parent_id"
        " GROUP BY l.code ORDER BY l.code";
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    ok(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 1, NULL, &err), &err);
    const char *days[] = {"2025-01-01", "2026-03-10", "2026-11-26", "2030-01-01"};
    for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
        struct xf_complaint_unit_stats *rows;
        size_t n, i = 0;
        ok(xf_store_complaint_unit_stats(e->db, days[d], NULL, NULL, &rows, &n, &err), &err);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_text(st, 1, days[d], -1, SQLITE_STATIC);
        for (; sqlite3_step(st) == SQLITE_ROW; i++) {
            assert_true(i < n);
            assert_string_equal(rows[i].unit_code, (const char *)sqlite3_column_text(st, 0));
            assert_string_equal(rows[i].unit_name, (const char *)sqlite3_column_text(st, 1));
            long want[] = {rows[i].dispatched, rows[i].response_base, rows[i].responded_in_time,
                           rows[i].closed,     rows[i].closed_on_time, rows[i].reached,
                           rows[i].satisfied};
            for (int k = 0; k < 7; k++)
                assert_int_equal(want[k], sqlite3_column_int64(st, 2 + k));
        }
        sqlite3_finalize(st);
        assert_int_equal(i, n);
        assert_true(n > 10);
        xf_complaint_unit_stats_free(rows, n);
    }
    tu_env_close(e);
}

/* ---- CSV ---- */

static char *export_all(struct fx *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct xf_error err = {0};
    long rows = 0;
    ok(xf_export_file(C(f), &xf_kind_complaints, out, NULL, &rows, &err), &err);
    fclose(out);
    return buf;
}

/* A second database with the same units and post. */
static struct fx *twin(void)
{
    struct fx *g = NULL;
    setup((void **)&g);
    return g;
}

static void test_csv_roundtrip(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t ids[9];
    for (int i = 0; i < 9; i++)
        ids[i] = receive(f, i % 2 ? "D2" : "D1");
    advance(f, ids[1], XF_CS_CLASSIFIED);
    int64_t coh[] = {f->d2, f->d3};
    ok(xf_complaint_classify(ctx, ids[2], ver(f, ids[2]), "quality", NULL, &err), &err);
    ok(xf_complaint_dispatch(ctx, ids[2], ver(f, ids[2]), f->d1, coh, 2, NULL, &err), &err);
    advance(f, ids[3], XF_CS_SIGNED);
    /* a supervisor's answer deadline goes along (an export dropped it) */
    ok(xf_complaint_set_answer_due(ctx, ids[3], ver(f, ids[3]), "2026-03-20", "群众要求", &err),
       &err);
    advance(f, ids[4], XF_CS_RETURNED);
    advance(f, ids[5], XF_CS_CLOSED);
    ok(xf_complaint_reject(ctx, ids[6], ver(f, ids[6]), "非投诉, \"咨询\"\n第二行", &err), &err);
    ok(xf_complaint_merge(ctx, ids[7], ver(f, ids[7]), ids[2], NULL, &err), &err);
    ok(xf_complaint_supervise(ctx, ids[8], ver(f, ids[8]), true, NULL, &err), &err);
    advance(f, ids[0], XF_CS_REPLIED);
    ok(xf_complaint_callback(ctx, ids[0], ver(f, ids[0]), XF_CALLBACK_UNSATISFIED, "未解决", &err),
       &err);
    struct xf_complaint_new in = {
        .source = "evaluation", .post_code = "P1", .text = "建议延时服务", .kind = "suggestion"};
    int64_t sid;
    ok(xf_complaint_receive(ctx, &in, &sid, &err), &err);
    /* An older complaint merged into a newer one: the export puts it after
     * the newer, else its merged_into_code names a complaint not yet read
     * (a trial's export did not import again). */
    int64_t newest = receive(f, "D2");
    ok(xf_complaint_merge(ctx, ids[1], ver(f, ids[1]), newest, NULL, &err), &err);

    char *first = export_all(f);
    assert_non_null(strstr(first, "code,received_at,source,kind,post_code,unit_code"));
    assert_non_null(strstr(first, "D2;D3"));

    struct fx *g = twin();
    char *path = tu_write_file(g->e->dir, "c.csv", first, strlen(first));
    long rows = 0;
    ok(xf_import_file(C(g), &xf_kind_complaints, path, NULL, NULL, &rows, &err), &err);
    assert_int_equal(rows, 11);
    char *second = export_all(g);
    assert_string_equal(first, second);
    assert_int_equal(count_sql(g, "SELECT count(*) FROM complaint_event WHERE action='import'"),
                     11);
    assert_int_equal(count_sql(g, "SELECT count(*) FROM complaint WHERE answer_due = '2026-03-20'"),
                     1);
    assert_int_equal(count_sql(g, "SELECT count(*) FROM complaint_event"), 11);
    assert_int_equal(count_sql(g, "SELECT count(*) FROM complaint m JOIN complaint s"
                                  " ON s.id = m.merged_into WHERE m.code = 'TS2026-000002'"
                                  " AND s.code = 'TS2026-000011'"),
                     1);
    /* The code sequence continues after imported codes. */
    int64_t next = receive(g, "D1");
    struct xf_complaint c = load(g, next);
    assert_string_equal(c.code, "TS2026-000012");
    xf_complaint_clear(&c);

    free(path);
    free(second);
    free(first);
    teardown((void **)&g);
    xf_date_set_today("2026-03-06");
}

/* Imports one data line into f under the header of every column up to
 * `last` (a file written before the later ones were added), returning the
 * status. */
static int import_upto(struct fx *f, const char *line, const char *last, struct xf_error *err)
{
    size_t hl = 0;
    for (const char *const *c = xf_kind_complaints.columns; *c; c++)
        hl += strlen(*c) + 1;
    char *text = malloc(hl + strlen(line) + 4);
    text[0] = '\0';
    for (const char *const *c = xf_kind_complaints.columns; *c; c++) {
        bool end = !c[1] || !strcmp(*c, last);
        strcat(text, *c);
        strcat(text, end ? "\n" : ",");
        if (end)
            break;
    }
    strcat(text, line);
    strcat(text, "\n");
    char *path = tu_write_file(f->e->dir, "one.csv", text, strlen(text));
    long rows;
    int rc = xf_import_file(C(f), &xf_kind_complaints, path, NULL, NULL, &rows, err);
    free(path);
    free(text);
    return rc;
}

/* Imports one data line of 27 columns, code to supervised. */
static int import_line(struct fx *f, const char *line, struct xf_error *err)
{
    return import_upto(f, line, "supervised", err);
}

static void expect_import_error(struct fx *f, const char *line, const char *field)
{
    struct xf_error err = {0};
    int rc = import_line(f, line, &err);
    if (rc != XF_EINVAL || strcmp(err.field, field) != 0)
        fprintf(stderr, "line %s -> %d %s: %s\n", line, rc, err.field, err.msg);
    assert_int_equal(rc, XF_EINVAL);
    assert_string_equal(err.field, field);
    assert_int_equal(err.line, 2);
}

static void test_csv_import_validation(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    /* a 28th column, answer_due: a day, checked as one */
    assert_int_equal(
        import_upto(f,
                    "TS2026-000101,2026-03-01 09:00:00,hotline,complaint,,D1,,文字,,,received,,,,"
                    ",,,,,,,0,,,,,0,2026-02-30",
                    "answer_due", &err),
        XF_EINVAL);
    assert_string_equal(err.field, "answer_due");
    /* 27 columns: code received_at source kind post unit category text name phone state
     * lead coh dispatched_at sign_due signed_at reply_due replied_at reply_text
     * return_reason outcome redo closed_at on_time reject_reason merged supervised */
    ok(import_line(
           f,
           "TS2026-000101,2026-03-01 09:00:00,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,"
           ",0,,,,,0",
           &err),
       &err);
    expect_import_error(
        f,
        "TS2026-000101,2026-03-01 09:00:00,hotline,complaint,,D1,,文字,,,received,,,,,"
        ",,,,,,0,,,,,0",
        "code");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01 09:00:00,hotline,complaint,,NOPE,,文字,,,received,,,,"
        ",,,,,,,0,,,,,0",
        "unit_code");
    /* As when received: the post must lie within the unit, and the day
     * must not be ahead of today; a post alone gives its unit. */
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01 09:00:00,hotline,complaint,P1,D2,,文字,,,received,,,,"
        ",,,,,,,0,,,,,0",
        "post_code");
    expect_import_error(
        f,
        "TS2026-000102,2099-11-20 10:00:00,hotline,complaint,,D1,,文字,,,received,,,,"
        ",,,,,,,0,,,,,0",
        "received_at");
    ok(import_line(
           f,
           "TS2026-000103,2026-03-01 09:00:00,hotline,complaint,P1,,,文字,,,received,,,,,,,,,,"
           ",0,,,,,0",
           &err),
       &err);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint c JOIN post p ON p.id=c.post_id"
                                  " WHERE c.code='TS2026-000103' AND c.unit_id=p.unit_id"),
                     1);
    expect_import_error(
        f, "TS2026-000102,2026-03-01,fax,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
        "source");
    expect_import_error(
        f, "TS2026-000102,2026-3-32,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
        "received_at");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,abc,received,,,,,,,,,,,0,,"
        ",,,0",
        "complainant_phone");
    expect_import_error(f,
                        "TS2026-000102,2026-03-01,hotline,complaint,,D1,fees,文字,,,dispatched,,,"
                        "2026-03-02 09:00:00,2026-03-03,,,,,,,0,,,,,0",
                        "lead_unit_code");
    expect_import_error(f,
                        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,dispatched,D1,,"
                        "2026-03-02 09:00:00,2026-03-03,,,,,,,0,,,,,0",
                        "category");
    expect_import_error(f,
                        "TS2026-000102,2026-03-01,hotline,complaint,,D1,fees,文字,,,dispatched,D1,,"
                        "2026-03-02 09:00:00,,,,,,,,0,,,,,0",
                        "sign_due");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,fees,文字,,,dispatched,D1,D1,"
        "2026-03-02 09:00:00,2026-03-03,,,,,,,0,,,,,0",
        "cohandler_codes");
    /* The times follow the workflow: not dispatched before received. */
    expect_import_error(
        f,
        "TS2026-000102,2026-03-05 09:00:00,hotline,complaint,,D1,fees,文字,,,dispatched,D1,,"
        "2026-03-02 09:00:00,2026-03-03,,,,,,,0,,,,,0",
        "dispatched_at");
    /* ... a day alone compared as a day: dispatched the day it came in. */
    ok(import_line(
           f,
           "TS2026-000105,2026-03-02 14:11:43,hotline,complaint,,D1,fees,文字,,,dispatched,D1,,"
           "2026-03-02,2026-03-03,,,,,,,0,,,,,0",
           &err),
       &err);
    /* An unsatisfied callback was a redo: it cannot have none. */
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01 09:00:00,hotline,complaint,,D1,fees,文字,,,dispatched,D1,,"
        "2026-03-02 09:00:00,2026-03-03,,,,,,unsatisfied,0,,,,,0",
        "redo_count");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,merged,,,,,,,,,,,0,,,,"
        "TS2026-000109,0",
        "merged_into_code");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,merged,,,,,,,,,,,0,,,,"
        "TS2026-000102,0",
        "merged_into_code");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,rejected,,,,,,,,,,,0,,,,"
        ",0",
        "reject_reason");
    expect_import_error(f,
                        "TS2026-000102,2026-03-01,hotline,complaint,,D1,fees,文字,,,returned,D1,,"
                        "2026-03-02 09:00:00,2026-03-03,,,,,wrong reason,,0,,,,,0",
                        "return_reason");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,x,,,,"
        ",0",
        "redo_count");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,"
        ",2",
        "supervised");
    expect_import_error(
        f,
        "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,closed,,,,,,,,,,,0,,,,"
        ",0",
        "category");
    /* Merged into a complaint already in the database: fine. */
    ok(import_line(f,
                   "TS2026-000102,2026-03-01,hotline,complaint,,D1,,文字,,,merged,,,,,,,,,,,0,,,,"
                   "TS2026-000101,0",
                   &err),
       &err);
    struct xf_complaint c = {0};
    ok(xf_store_complaint_by_code(f->e->db, "TS2026-000102", &c, &err), &err);
    assert_string_equal(c.state, "merged");
    assert_true(c.merged_into > 0);
    xf_complaint_clear(&c);
    /* An earlier version's export may carry 督办 on a merged complaint:
     * supervision ends with the complaint, so it is dropped. */
    ok(import_line(f,
                   "TS2026-000104,2026-03-01,hotline,complaint,,D1,,文字,,,merged,,,,,,,,,,,0,,,,"
                   "TS2026-000101,1",
                   &err),
       &err);
    ok(xf_store_complaint_by_code(f->e->db, "TS2026-000104", &c, &err), &err);
    assert_int_equal(c.supervised, 0);
    xf_complaint_clear(&c);
    /* Viewers cannot import. */
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_int_equal(import_line(f,
                                 "X3,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,"
                                 ",,,,0,,,,,0",
                                 &err),
                     XF_EPERM);
}

/* An imported code is a code as the program gives them out, in the year
 * received and within reach of the year's register: the interface
 * numbers on from the highest. */
static void test_import_code_format(void **state)
{
    struct fx *f = *state;
    static const char *const bad[] = {"X1",
                                      "=cmd|' /C calc'!A0",
                                      "ts2026-000400",
                                      "TS2026-00040",
                                      "TS2026-0000400",
                                      "TS2026_000400",
                                      "TS2030-000001",
                                      "TS2026-900008"};
    struct xf_error err = {0};
    char line[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(line, sizeof line,
                 "\"%s\",2026-03-01 09:00:00,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,"
                 ",0,,,,,0",
                 bad[i]);
        expect_import_error(f, line, "code");
    }
    /* the message says what a code is, and the year's mismatch */
    import_line(f,
                "ts2026-000400,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
                &err);
    assert_non_null(strstr(err.msg, "TS in capitals"));
    import_line(f,
                "TS2030-000001,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
                &err);
    assert_non_null(strstr(err.msg, "received in 2026"));
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint"), 0);
    ok(import_line(
           f, "TS2026-000400,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
           &err),
       &err);
    /* within reach of the register's highest, now 400 */
    ok(import_line(
           f, "TS2026-100400,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
           &err),
       &err);
    expect_import_error(
        f,
        "TS2026-200401,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,"
        ",,,,0",
        "code");
    /* one in small letters left by an earlier version: no twin beside it */
    sqlite3 *h = xf_db_handle(f->e->db);
    assert_int_equal(sqlite3_exec(h,
                                  "UPDATE complaint SET code = 'ts2026-000400' WHERE code = "
                                  "'TS2026-000400'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    expect_import_error(
        f,
        "TS2026-000400,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,"
        ",,,,0",
        "code");
}

/* The year's numbers given out, a new complaint is refused, never given a
 * seventh digit (TS2026-1000000) or a number of the year's gaps. */
static void test_receive_codes_used_up(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    ok(import_line(
           f, "TS2026-000001,2026-03-01,hotline,complaint,,D1,,文字,,,received,,,,,,,,,,,0,,,,,0",
           &err),
       &err);
    sqlite3 *h = xf_db_handle(f->e->db);
    assert_int_equal(
        sqlite3_exec(h, "UPDATE complaint SET code = 'TS2026-999998'", NULL, NULL, NULL),
        SQLITE_OK);
    int64_t last = receive(f, "D1");
    struct xf_complaint c = load(f, last);
    assert_string_equal(c.code, "TS2026-999999");
    xf_complaint_clear(&c);
    struct xf_complaint_new in = {.source = "hotline", .unit_code = "D1", .text = "窗口态度"};
    int64_t id = 0;
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "received_at");
    assert_non_null(strstr(err.msg, "used up"));
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint"), 2);
    /* another year numbers on as before */
    in.received_at = "2025-12-30";
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    c = load(f, id);
    assert_string_equal(c.code, "TS2025-000001");
    xf_complaint_clear(&c);
}

static void test_export_masks_for_viewer(void **state)
{
    struct fx *f = *state;
    receive(f, "D1");
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    char *csv = export_all(f);
    assert_non_null(strstr(csv, "张*,138****5678"));
    assert_null(strstr(csv, "13812345678"));
    free(csv);
}

/* ---- the interface's pages and pickers ---- */

static void page(struct fx *f, const struct xf_complaint_page *pg, int64_t *ids, size_t *n)
{
    struct xf_complaint *rows = NULL;
    struct xf_error err = {0};
    ok(xf_complaint_page(C(f), pg, &rows, n, &err), &err);
    for (size_t i = 0; i < *n; i++) {
        ids[i] = rows[i].id;
        char *k = xf_complaint_sort_key(C(f), &rows[i], pg->sort);
        assert_string_equal(k, rows[i].sort_key); /* C and SQL agree */
        free(k);
    }
    xf_complaints_free(rows, *n);
}

static void test_page_keyset(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t c[5], ids[10];
    size_t n;
    for (int i = 0; i < 5; i++)
        c[i] = receive(f, "D1");
    ok(xf_complaint_supervise(C(f), c[2], ver(f, c[2]), true, "督办", &err), &err);
    struct xf_complaint_page pg = {.limit = 2};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], c[2]); /* supervised first */
    assert_int_equal(ids[1], c[0]);
    struct xf_complaint row = {0};
    ok(xf_complaint_get(C(f), c[0], &row, &err), &err);
    char *key = xf_complaint_sort_key(C(f), &row, XF_CSORT_QUEUE);
    xf_complaint_clear(&row);
    pg.from_sort = key;
    pg.from_id = c[0];
    page(f, &pg, ids, &n); /* after */
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], c[1]);
    assert_int_equal(ids[1], c[3]);
    pg.dir = XF_CDIR_FROM;
    page(f, &pg, ids, &n);
    assert_int_equal(ids[0], c[0]);
    pg.dir = XF_CDIR_BEFORE;
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], c[2]);
    free(key);
    pg.from_sort = NULL; /* BEFORE from the end: the last rows, nearest first */
    page(f, &pg, ids, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], c[4]);
    assert_int_equal(ids[1], c[3]);

    /* By deadline: supervised first, then the running deadlines, then none. */
    advance(f, c[3], XF_CS_DISPATCHED);
    struct xf_complaint_page by_due = {.sort = XF_CSORT_DEADLINE, .limit = 10};
    page(f, &by_due, ids, &n);
    assert_int_equal(n, 5);
    assert_int_equal(ids[0], c[2]);
    assert_int_equal(ids[1], c[3]);
    struct xf_complaint_page by_received = {.sort = XF_CSORT_RECEIVED, .limit = 10};
    page(f, &by_received, ids, &n);
    assert_int_equal(n, 5);
    assert_int_equal(ids[0], c[2]);

    /* A handler's order: what to do first. A supervised complaint already
     * replied to (c[4]) goes below the one to sign for (c[3]), with the
     * others nothing is left to do on (supervised first, then by id). */
    advance(f, c[4], XF_CS_REPLIED);
    ok(xf_complaint_supervise(C(f), c[4], ver(f, c[4]), true, "督办", &err), &err);
    struct xf_complaint_page by_act = {.sort = XF_CSORT_ACTION, .limit = 10};
    page(f, &by_act, ids, &n);
    assert_int_equal(n, 5);
    const int64_t want[5] = {c[3], c[2], c[4], c[0], c[1]};
    for (int i = 0; i < 5; i++)
        assert_int_equal(ids[i], want[i]);
    ok(xf_complaint_get(C(f), c[3], &row, &err), &err);
    char *act_key = xf_complaint_sort_key(C(f), &row, XF_CSORT_ACTION);
    xf_complaint_clear(&row);
    by_act = (struct xf_complaint_page){.sort = XF_CSORT_ACTION, .limit = 2,
                                        .from_sort = act_key, .from_id = c[3]};
    page(f, &by_act, ids, &n); /* after the key, across segments */
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], c[2]);
    assert_int_equal(ids[1], c[4]);
    free(act_key);
    by_act = (struct xf_complaint_page){.sort = XF_CSORT_ACTION, .supervised_only = true};
    page(f, &by_act, ids, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], c[2]);
    assert_int_equal(ids[1], c[4]);

    /* A co-handling unit's handler: signing for and answering are the
     * lead unit's, so the supervised complaint D2 co-handles (coh) goes
     * below the one D2 leads (led), with the rest; the keyset crosses
     * from one group to the other both ways. */
    int64_t coh = receive(f, "D2"), led = receive(f, "D2");
    advance(f, coh, XF_CS_CLASSIFIED);
    int64_t co[] = {f->d2};
    ok(xf_complaint_dispatch(C(f), coh, ver(f, coh), f->d1, co, 1, NULL, &err), &err);
    ok(xf_complaint_supervise(C(f), coh, ver(f, coh), true, "督办", &err), &err);
    advance(f, led, XF_CS_CLASSIFIED);
    ok(xf_complaint_dispatch(C(f), led, ver(f, led), f->d2, NULL, 0, NULL, &err), &err);
    char *scopes[] = {"D2"};
    struct xf_user u = {
        .login = "h2", .name = "", .role = XF_ROLE_HANDLER, .scopes = scopes, .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "h2", XF_ROLE_HANDLER);
    for (int dispatched_only = 0; dispatched_only < 2; dispatched_only++) {
        by_act = (struct xf_complaint_page){.sort = XF_CSORT_ACTION, .limit = 10,
                                            .state = dispatched_only ? "dispatched" : NULL};
        page(f, &by_act, ids, &n);
        assert_int_equal(n, 2);
        assert_int_equal(ids[0], led);
        assert_int_equal(ids[1], coh);
    }
    ok(xf_complaint_get(C(f), led, &row, &err), &err);
    act_key = xf_complaint_sort_key(C(f), &row, XF_CSORT_ACTION);
    xf_complaint_clear(&row);
    assert_int_equal(act_key[0], '2'); /* unsupervised, to sign for */
    by_act = (struct xf_complaint_page){.sort = XF_CSORT_ACTION, .limit = 1,
                                        .from_sort = act_key, .from_id = led};
    page(f, &by_act, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], coh);
    free(act_key);
    ok(xf_complaint_get(C(f), coh, &row, &err), &err);
    act_key = xf_complaint_sort_key(C(f), &row, XF_CSORT_ACTION);
    xf_complaint_clear(&row);
    assert_int_equal(act_key[0], '4'); /* supervised, nothing for D2 to do */
    by_act = (struct xf_complaint_page){.sort = XF_CSORT_ACTION, .limit = 1,
                                        .dir = XF_CDIR_BEFORE, .from_sort = act_key,
                                        .from_id = coh};
    page(f, &by_act, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], led);
    free(act_key);
    f->e->ctx.user = NULL;
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    /* Unlimited by units, every step is the user's: coh heads the order. */
    by_act = (struct xf_complaint_page){.sort = XF_CSORT_ACTION, .limit = 1};
    page(f, &by_act, ids, &n);
    assert_int_equal(ids[0], coh);

    pg = (struct xf_complaint_page){.state = "nonsense"};
    struct xf_complaint *rows;
    assert_int_equal(xf_complaint_page(C(f), &pg, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "state");
    pg = (struct xf_complaint_page){.limit = 5000};
    assert_int_equal(xf_complaint_page(C(f), &pg, &rows, &n, &err), XF_EINVAL);
}

static void test_page_filters(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t a = receive(f, "D1"), b = receive(f, "D2"), c = receive(f, "D1-1"), ids[10];
    size_t n;
    advance(f, b, XF_CS_DISPATCHED); /* sign-for deadline: Monday 2026-03-09 */
    ok(xf_complaint_supervise(C(f), c, ver(f, c), true, NULL, &err), &err);
    struct xf_complaint_page pg = {.state = "dispatched"};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], b);
    pg = (struct xf_complaint_page){.supervised_only = true};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], c);
    pg = (struct xf_complaint_page){.clock = XF_CCLOCK_OVERDUE};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    /* Dispatched today: not due soon yet (as xf_complaint_clock), nor
     * over the weekend; on Monday, its last day, it is. */
    pg.clock = XF_CCLOCK_DUE_SOON;
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    xf_date_set_today("2026-03-08");
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    xf_date_set_today("2026-03-09");
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], b);
    long cnt = 0;
    ok(xf_complaint_count(C(f), &pg, 100, &cnt, &err), &err);
    assert_int_equal(cnt, 1);
    xf_date_set_today("2026-03-11");
    pg.clock = XF_CCLOCK_OVERDUE;
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], b);
    xf_date_set_today("2026-03-06");
    /* Linked to a unit subtree: D1 holds D1-1, and b is led by D1. */
    pg = (struct xf_complaint_page){.unit_id = f->d1};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 3);
    pg.unit_id = f->d1_office;
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], c);
    /* A search: only its matches; every term somewhere, ASCII case aside. */
    struct xf_complaint ca = load(f, a);
    char *lower = strdup(ca.code);
    for (char *p = lower; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    pg = (struct xf_complaint_page){.query = lower};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], a);
    free(lower);
    /* ... typed in an input method's full-width mode (ＴＳ２０２６…). */
    char wide[128];
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)ca.code; *p && o + 4 < sizeof wide; p++) {
        unsigned cp = 0xFF01 + (*p - 0x21);
        wide[o++] = (char)0xEF;
        wide[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
        wide[o++] = (char)(0x80 | (cp & 0x3F));
    }
    wide[o] = '\0';
    pg = (struct xf_complaint_page){.query = wide};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], a);
    xf_complaint_clear(&ca);
    pg.query = "工作人员\u3000张"; /* a long and a short term */
    page(f, &pg, ids, &n);
    assert_int_equal(n, 3);
    pg.query = "工作人员 李四";
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    pg.query = " \t ";
    struct xf_complaint *rows;
    assert_int_equal(xf_complaint_page(C(f), &pg, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "query");
    /* The total, counted no further than asked. */
    pg = (struct xf_complaint_page){.query = "张三"};
    long total;
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 3);
    ok(xf_complaint_count(C(f), &pg, 2, &total, &err), &err);
    assert_int_equal(total, 2);
    pg.supervised_only = true;
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 1);
    pg = (struct xf_complaint_page){.state = "dispatched"};
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 1);
    /* A repeat caller is found by the phone number, however it was
     * written down and however it is read out. */
    pg = (struct xf_complaint_page){.query = "12345678"};
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 3);
    struct xf_complaint_new dashed = {.source = "hotline", .unit_code = "D1", .text = "咨询无人接听",
                                      .complainant_phone = "0451-8451 2681"};
    int64_t did = 0;
    ok(xf_complaint_receive(C(f), &dashed, &did, &err), &err);
    const char *spoken[] = {"84512681",         "0451-84512681",     "045184512681",
                            "8451 2681",        "+86 451 8451 2681", "0086-451-84512681",
                            "(0451) 8451 2681", "+86 (451) 84512681"};
    for (size_t k = 0; k < sizeof spoken / sizeof spoken[0]; k++) {
        pg = (struct xf_complaint_page){.query = spoken[k]};
        ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
        assert_int_equal(total, 1);
    }
    /* A mobile number with the country code finds the repeat caller. */
    pg = (struct xf_complaint_page){.query = "+86 138 1234 5678"};
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 3);
    pg = (struct xf_complaint_page){.query = "12345678"};
    /* Who may not see complainants' names cannot find complaints by them,
     * nor by their phones. */
    tu_act_as(f->e, "o1", XF_ROLE_ORGANISER);
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 0);
    pg.query = "0451-84512681";
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 0);
    pg = (struct xf_complaint_page){.query = "张三"};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 0);
    pg.query = "态度 生硬";
    page(f, &pg, ids, &n);
    assert_int_equal(n, 3);
}

/* The total a search shows beside its list is of the rows its pages
 * show, whatever else filters them: the count walks its own way (the
 * open queue's index, the post's unit looked up only when asked). */
static void test_count_agrees_with_pages(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint_new at_post = {.source = "walk_in", .post_code = "P1",
                                       .text = "窗口工作人员不在岗"};
    int64_t by_post = 0, ids[20];
    ok(xf_complaint_receive(C(f), &at_post, &by_post, &err), &err);
    int64_t a = receive(f, "D1"), b = receive(f, "D2"), c = receive(f, "D1-1");
    receive(f, "D3");
    advance(f, a, XF_CS_CLOSED);
    advance(f, b, XF_CS_DISPATCHED);
    advance(f, c, XF_CS_SIGNED);
    /* Known by its post alone, as an older import left some. */
    char sql[96];
    snprintf(sql, sizeof sql, "UPDATE complaint SET unit_id=NULL WHERE id=%lld", (long long)by_post);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    const int64_t units[] = {0, f->d1, f->d1_office, f->d2};
    const char *states[] = {NULL, "closed", "signed"};
    long checked = 0;
    for (int open = 0; open < 2; open++)
        for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
            for (int q = 0; q < 6; q++) {
                struct xf_complaint_page pg = {.open_only = open, .unit_id = units[u],
                                               .state = states[q / 2],
                                               .query = q % 2 ? "工作人员" : "张三", .limit = 20};
                size_t n;
                long total = -1;
                page(f, &pg, ids, &n);
                ok(xf_complaint_count(C(f), &pg, 100, &total, &err), &err);
                assert_int_equal(total, (long)n);
                checked += total;
            }
    assert_true(checked > 0);
    /* Scoped to D1: the complaint at D1's post is counted by the post's unit. */
    char *scopes[] = {"D1"};
    struct xf_user u = {.login = "s1", .name = "", .role = XF_ROLE_SUPERVISOR, .scopes = scopes,
                        .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "s1", XF_ROLE_SUPERVISOR);
    struct xf_complaint_page pg = {.open_only = true, .query = "不在岗", .limit = 20};
    size_t n;
    long total = -1;
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    ok(xf_complaint_count(C(f), &pg, 100, &total, &err), &err);
    assert_int_equal(total, 1);
}

/* A search finds the complaints about the units it names, as the units
 * are when the page is read: a live refresh after another session names
 * a unit so finds its complaints without the search being typed again. */
static void test_search_names_units_at_each_page(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t c = receive(f, "D3"), ids[10];
    size_t n;
    struct xf_complaint_page pg = {.query = "冰雪办", .limit = 10};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    struct xf_db *other = NULL;
    assert_int_equal(xf_db_open(f->e->path, 0, &other, &err), XF_OK);
    assert_int_equal(sqlite3_exec(xf_db_handle(other),
                                  "UPDATE unit SET name = '市冰雪办' WHERE code = 'D3'", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    xf_db_close(other);
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], c);
    long total = -1;
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 1);
}

/* Each term of a search may be met by the text or by naming the unit or
 * post: "市场监管局 生硬" is the complaints about that bureau (or its
 * offices) that say 生硬; a term neither says nor names finds nothing. */
static void test_search_terms_name_units(void **state)
{
    struct fx *f = *state;
    int64_t a = receive(f, "D1"), c = receive(f, "D1-1"), ids[10];
    receive(f, "D2");
    size_t n;
    struct xf_complaint_page pg = {.query = "市场监管局 生硬", .limit = 10};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 2);
    assert_true((ids[0] == a && ids[1] == c) || (ids[0] == c && ids[1] == a));
    pg.query = "生硬 投诉科"; /* the office alone, the order of terms aside */
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], c);
    pg.query = "市场监管局 李四";
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    struct xf_error err = {0};
    long total = -1;
    pg.query = "市场监管局 生硬";
    ok(xf_complaint_count(C(f), &pg, 10, &total, &err), &err);
    assert_int_equal(total, 2);
}

static void test_page_handler_sees_dispatched_only(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t concerns = receive(f, "D2"), led = receive(f, "D1"), coh = receive(f, "D1"), ids[10];
    size_t n;
    advance(f, led, XF_CS_CLASSIFIED);
    ok(xf_complaint_dispatch(C(f), led, ver(f, led), f->d2, NULL, 0, NULL, &err), &err);
    advance(f, coh, XF_CS_CLASSIFIED);
    int64_t co[] = {f->d2};
    ok(xf_complaint_dispatch(C(f), coh, ver(f, coh), f->d1, co, 1, NULL, &err), &err);
    char *scopes[] = {"D2"};
    struct xf_user u = {
        .login = "h2", .name = "", .role = XF_ROLE_HANDLER, .scopes = scopes, .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "h2", XF_ROLE_HANDLER);
    assert_true(xf_complaint_handler_view(C(f)));
    struct xf_complaint_page pg = {0};
    page(f, &pg, ids, &n);
    assert_int_equal(n, 2); /* led by D2, and co-handled by D2; not the one merely about D2 */
    assert_int_equal(ids[0], led);
    assert_int_equal(ids[1], coh);
    struct xf_complaint c = {0};
    assert_int_equal(xf_complaint_get(C(f), concerns, &c, &err), XF_EPERM);
    ok(xf_complaint_get(C(f), coh, &c, &err), &err);
    assert_string_equal(c.complainant_name, "张三"); /* handlers see personal data */
    xf_complaint_clear(&c);
    /* A supervisor scoped to D2 still sees the complaint about D2. */
    u.role = XF_ROLE_SUPERVISOR;
    tu_act_as(f->e, "h2", XF_ROLE_SUPERVISOR);
    assert_false(xf_complaint_handler_view(C(f)));
    page(f, &pg, ids, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], concerns);
    assert_int_equal(ids[1], led);
    f->e->ctx.user = NULL;
}

/* A complaint about a post may name a unit above the post's: a supervisor
 * scoped to the post's unit finds it in the list, and may open and handle
 * it (the list and the steps used to disagree). */
static void test_scope_by_post_unit(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint_new in = {.source = "hotline",
                                  .post_code = "P1",
                                  .unit_code = "D1",
                                  .text = "窗口排队时间过长",
                                  .complainant_name = "李四",
                                  .complainant_phone = "13900001111"};
    int64_t id = 0, ids[10];
    ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
    char *scopes[] = {"D1-1"};
    struct xf_user u = {
        .login = "s11", .name = "", .role = XF_ROLE_SUPERVISOR, .scopes = scopes, .n_scopes = 1};
    f->e->ctx.user = &u;
    tu_act_as(f->e, "s11", XF_ROLE_SUPERVISOR);
    struct xf_complaint_page pg = {0};
    size_t n;
    page(f, &pg, ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], id);
    struct xf_complaint c = {0};
    ok(xf_complaint_get(C(f), id, &c, &err), &err);
    xf_complaint_clear(&c);
    ok(xf_complaint_classify(C(f), id, ver(f, id), "attitude", NULL, &err), &err);
    /* Scoped elsewhere: neither listed nor opened. */
    scopes[0] = "D2";
    page(f, &pg, ids, &n);
    assert_int_equal(n, 0);
    assert_int_equal(xf_complaint_get(C(f), id, &c, &err), XF_EPERM);
    f->e->ctx.user = NULL;
}

/* Intake can be put right before dispatch: the phone, the text, the unit;
 * the code, state and time of receipt stay. */
static void test_correct_intake(void **state)
{
    struct fx *f = *state;
    const struct xf_ctx *ctx = C(f);
    struct xf_error err = {0};
    int64_t id = receive(f, "D1");
    struct xf_complaint before = load(f, id);
    struct xf_complaint_new fix = {.source = "letter",
                                   .unit_code = "D2",
                                   .text = "窗口工作人员态度生硬，已核实",
                                   .complainant_name = "张三",
                                   .complainant_phone = "13812345679"};
    ok(xf_complaint_correct(ctx, id, before.version, &fix, &err), &err);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.complainant_phone, "13812345679");
    assert_string_equal(c.source, "letter");
    assert_int_equal(c.unit_id, f->d2);
    assert_string_equal(c.code, before.code);
    assert_string_equal(c.received_at, before.received_at);
    assert_string_equal(c.state, "received");
    assert_int_equal(count_sql(f, "SELECT count(*) FROM complaint_event WHERE action='correct'"), 1);
    assert_int_equal(count_sql(f, "SELECT count(*) FROM history WHERE entity='complaint'"
                                  " AND action='complaint.correct'"),
                     1);
    /* Someone else's change in between: refused, nothing written. */
    fix.complainant_phone = "13800000000";
    assert_int_equal(xf_complaint_correct(ctx, id, before.version, &fix, &err), XF_ECONFLICT);
    /* Bad input names its field. */
    fix.complainant_phone = "abc";
    assert_int_equal(xf_complaint_correct(ctx, id, c.version, &fix, &err), XF_EINVAL);
    assert_string_equal(err.field, "complainant_phone");
    /* A mistyped day of receipt is put right; the same day keeps the time. */
    fix.complainant_phone = "13812345679";
    fix.received_at = "2026-03-04";
    ok(xf_complaint_correct(ctx, id, c.version, &fix, &err), &err);
    struct xf_complaint d = load(f, id);
    assert_string_equal(d.received_at, "2026-03-04");
    assert_string_equal(d.code, before.code);
    /* A time of receipt to the minute, as the form takes it: written out
     * to the second; the same minute again keeps it. */
    fix.received_at = "2026-03-04 09:15";
    ok(xf_complaint_correct(ctx, id, d.version, &fix, &err), &err);
    xf_complaint_clear(&d);
    d = load(f, id);
    assert_string_equal(d.received_at, "2026-03-04 09:15:00");
    fix.received_at = "2026-03-04 16:40"; /* the same day, another time: taken */
    ok(xf_complaint_correct(ctx, id, d.version, &fix, &err), &err);
    xf_complaint_clear(&d);
    d = load(f, id);
    assert_string_equal(d.received_at, "2026-03-04 16:40:00");
    fix.received_at = "2026-03-09"; /* in the future (today is 03-06) */
    assert_int_equal(xf_complaint_correct(ctx, id, d.version, &fix, &err), XF_EINVAL);
    assert_string_equal(err.field, "received_at");
    fix.received_at = "2025-12-31"; /* the code numbers it in 2026 */
    assert_int_equal(xf_complaint_correct(ctx, id, d.version, &fix, &err), XF_EINVAL);
    assert_string_equal(err.field, "received_at");
    /* classified: its day can only move earlier */
    ok(xf_complaint_classify(ctx, id, ver(f, id), "fees", NULL, &err), &err);
    fix.received_at = "2026-03-05";
    assert_int_equal(xf_complaint_correct(ctx, id, ver(f, id), &fix, &err), XF_EINVAL);
    assert_string_equal(err.field, "received_at");
    fix.received_at = "2026-03-02";
    ok(xf_complaint_correct(ctx, id, ver(f, id), &fix, &err), &err);
    xf_complaint_clear(&d);
    fix.received_at = NULL;
    /* Once dispatched, intake is what the unit works on: no more. */
    fix.complainant_phone = "13812345679";
    ok(xf_complaint_dispatch(ctx, id, ver(f, id), f->d2, NULL, 0, NULL, &err), &err);
    assert_int_equal(xf_complaint_correct(ctx, id, ver(f, id), &fix, &err), XF_ESTATE);
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_int_equal(xf_complaint_correct(ctx, id, ver(f, id), &fix, &err), XF_EPERM);
    xf_complaint_clear(&before);
    xf_complaint_clear(&c);
}

static void test_pickers_and_labels(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint_pick *rows;
    size_t n;
    ok(xf_complaint_pick_units(C(f), "D1", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].code, "D1");
    assert_string_equal(rows[1].label, "市场监管局 › 投诉科"); /* named with its department */
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_units(C(f), "交警", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].code, "D2");
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_units(C(f), "已撤销", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 0); /* deactivated units are not offered */
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_units(C(f), "%", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 0); /* taken literally */
    xf_complaint_picks_free(rows, n);
    /* Windows of one name in two departments: the label names the whole
     * line above, and each word of the query narrows it. */
    tu_unit(f->e, "D1-1-1", "第1号窗口", f->d1_office);
    int64_t d2_office = tu_unit(f->e, "D2-1", "服务大厅", f->d2);
    tu_unit(f->e, "D2-1-1", "第1号窗口", d2_office);
    ok(xf_complaint_pick_units(C(f), "第1号窗口", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].label, "市场监管局 › 投诉科 › 第1号窗口");
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_units(C(f), "交警支队\u3000第1号窗口", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].code, "D2-1-1");
    assert_string_equal(rows[0].label, "交警支队 › 服务大厅 › 第1号窗口");
    xf_complaint_picks_free(rows, n);
    /* ... or written as one, as people write a unit's full name */
    ok(xf_complaint_pick_units(C(f), "服务大厅第1号窗口", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].code, "D2-1-1");
    xf_complaint_picks_free(rows, n);
    /* Where a scoped supervisor may receive: their units only; a dispatch
     * may still go to any unit. */
    char *scopes[] = {"D2"};
    struct xf_user scoped = {
        .login = "s2", .name = "", .role = XF_ROLE_SUPERVISOR, .scopes = scopes, .n_scopes = 1};
    const struct xf_user *was = f->e->ctx.user;
    f->e->ctx.user = &scoped;
    ok(xf_complaint_pick_own_units(C(f), "", 10, &rows, &n, &err), &err);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++)
        assert_true(strncmp(rows[i].code, "D2", 2) == 0);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_own_units(C(f), "D1", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 0);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_units(C(f), "D1", 10, &rows, &n, &err), &err);
    assert_int_equal(n, 3); /* D1, D1-1 and its window */
    for (size_t i = 0; i < n; i++) /* ... each saying it is not theirs */
        assert_non_null(strstr(rows[i].label, "(outside your units)"));
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_units(C(f), "D2", 10, &rows, &n, &err), &err);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++)
        assert_null(strstr(rows[i].label, "outside"));
    xf_complaint_picks_free(rows, n);
    f->e->ctx.user = was;

    int64_t a = receive(f, "D1"), b = receive(f, "D1"), c = receive(f, "D1");
    int64_t r = receive(f, "D1");
    advance(f, c, XF_CS_CLOSED);
    ok(xf_complaint_reject(C(f), r, ver(f, r), "非投诉", &err), &err);
    ok(xf_complaint_pick_merge_target(C(f), "TS", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2); /* not itself, not the rejected one; the open first */
    assert_int_equal(rows[0].id, b);
    assert_false(rows[0].closed);
    assert_int_equal(rows[1].id, c); /* a repeat call may go into a closed one */
    assert_true(rows[1].closed);
    xf_complaint_picks_free(rows, n);
    /* ... found by what it says or by who made it, not only by code. */
    ok(xf_complaint_pick_merge_target(C(f), "态度生硬", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].id, b);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_merge_target(C(f), "张三", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_merge_target(C(f), "垃圾", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 0);
    xf_complaint_picks_free(rows, n);
    /* ... by the caller's phone, or a part of it, as the list's search */
    ok(xf_complaint_pick_merge_target(C(f), "13812345678", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_merge_target(C(f), "5678", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_merge_target(C(f), "13900000000", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 0);
    xf_complaint_picks_free(rows, n);
    /* ... typed full-width, or in groups */
    ok(xf_complaint_pick_merge_target(C(f), "１３８１２３４５６７８", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    xf_complaint_picks_free(rows, n);
    ok(xf_complaint_pick_merge_target(C(f), "138 1234 5678", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    xf_complaint_picks_free(rows, n);
    /* ... with the country code before it, which the number held has not */
    const char *intl[] = {"+86 138-1234-5678", "0086 138 1234 5678", "+8613812345678",
                          "(+86) 138 1234 5678"};
    for (size_t k = 0; k < sizeof intl / sizeof intl[0]; k++) {
        ok(xf_complaint_pick_merge_target(C(f), intl[k], a, 10, &rows, &n, &err), &err);
        assert_int_equal(n, 2);
        xf_complaint_picks_free(rows, n);
    }
    /* ... and by its unit, as / finds it in the list */
    ok(xf_complaint_pick_merge_target(C(f), "市场监管", a, 10, &rows, &n, &err), &err);
    assert_int_equal(n, 2);
    xf_complaint_picks_free(rows, n);

    char *label = NULL;
    ok(xf_complaint_unit_label(C(f), f->d1_office, &label, &err), &err);
    assert_string_equal(label, "市场监管局 › 投诉科 (D1-1)"); /* with its department */
    free(label);
    assert_int_equal(xf_complaint_unit_label(C(f), 9999, &label, &err), XF_ENOTFOUND);

    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_int_equal(xf_complaint_pick_units(C(f), "", 10, &rows, &n, &err), XF_EPERM);
    assert_int_equal(xf_complaint_pick_merge_target(C(f), "", 0, 10, &rows, &n, &err), XF_EPERM);
}

/* The labels the interface shows instead of stored identifiers (English:
 * the tests run untranslated). */
static void test_labels(void **state)
{
    (void)state;
    const char *want[] = {"hotline", "appraisal", "evaluation", "inspection",
                          "letter",  "walk_in",   "media"};
    for (int i = 0; i < XF_COMPLAINT_NSOURCES; i++) {
        assert_string_equal(xf_complaint_source_at(i), want[i]);
        assert_string_not_equal(xf_complaint_source_label(want[i]), want[i]);
    }
    assert_null(xf_complaint_source_at(XF_COMPLAINT_NSOURCES));
    assert_null(xf_complaint_source_at(-1));
    assert_string_equal(xf_complaint_source_label("walk_in"), "walk-in");
    assert_string_equal(xf_complaint_source_label("appraisal"), "public appraisal");
    const char *odd = "fax";
    assert_ptr_equal(xf_complaint_source_label(odd), odd); /* unknown: as it is */
    assert_string_equal(xf_complaint_source_label(NULL), "");
    assert_string_equal(xf_complaint_kind_label("complaint"), "complaint");
    assert_string_equal(xf_complaint_kind_label("suggestion"), "suggestion");
    assert_string_equal(xf_callback_outcome_label("satisfied"), "satisfied");
    assert_string_equal(xf_callback_outcome_label("unsatisfied"), "unsatisfied (redo)");
    assert_string_equal(xf_callback_outcome_label("unreachable"), "unreachable");
    assert_string_equal(xf_return_reason_label("not_jurisdiction"), "not our jurisdiction");
    assert_string_equal(xf_return_reason_label("unclear_ownership"), "unclear ownership");
    assert_string_equal(xf_return_reason_label("overlapping_duties"), "overlapping duties");
    assert_string_equal(xf_complaint_state_label(XF_CS_CALLBACK), "called back, to close");

    char *t = xf_complaint_return_text("not_jurisdiction: 属交警职责");
    assert_string_equal(t, "not our jurisdiction: 属交警职责");
    free(t);
    t = xf_complaint_return_text("overlapping_duties");
    assert_string_equal(t, "overlapping duties");
    free(t);
    t = xf_complaint_return_text("来信人说明: 不是我们的事"); /* imported free text */
    assert_string_equal(t, "来信人说明: 不是我们的事");
    free(t);
    assert_null(xf_complaint_return_text(NULL));
}

/* The receive form's time of receipt: to the minute, or a date alone
 * for an earlier day; never later than now. Shown to the minute, and a
 * date stored with a made-up midnight (by earlier versions) as the date. */
static void test_received_time(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    char now[20], today[XF_DATE_LEN], when[XF_COMPLAINT_WHEN_LEN], later[32];
    xf_date_now(now);
    xf_date_today(today);
    assert_int_equal(xf_complaint_check_received_at(today, &err), XF_OK);
    snprintf(when, sizeof when, "%.16s", now);
    assert_int_equal(xf_complaint_check_received_at(when, &err), XF_OK);
    assert_int_equal(xf_complaint_check_received_at("2026-03-04 9:15", &err), XF_EINVAL);
    assert_string_equal(err.field, "received_at");
    assert_non_null(strstr(err.msg, "YYYY-MM-DD HH:MM"));
    assert_int_equal(xf_complaint_check_received_at("2026-03-04 24:15", &err), XF_EINVAL);
    snprintf(later, sizeof later, "%s 23:59:59", today);
    if (strcmp(later, now) > 0) { /* not at the day's last second */
        assert_int_equal(xf_complaint_check_received_at(later, &err), XF_EINVAL);
        assert_non_null(strstr(err.msg, "later than now"));
        struct xf_complaint_new in = {
            .source = "hotline", .unit_code = "D1", .text = "态度差", .received_at = later};
        int64_t id = 0;
        assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
        assert_string_equal(err.field, "received_at");
    }
    /* received earlier today, at the minute given */
    struct xf_complaint_new in = {.source = "hotline", .unit_code = "D1", .text = "态度差"};
    snprintf(later, sizeof later, "%s 00:01", today);
    in.received_at = later;
    int64_t id = 0;
    if (strcmp(now + 11, "00:01:00") >= 0) {
        ok(xf_complaint_receive(C(f), &in, &id, &err), &err);
        struct xf_complaint c = load(f, id);
        char want[32];
        snprintf(want, sizeof want, "%s 00:01:00", today);
        assert_string_equal(c.received_at, want);
        xf_complaint_clear(&c);
    }

    xf_complaint_received_shown("2026-04-29 14:34:12", when);
    assert_string_equal(when, "2026-04-29 14:34");
    xf_complaint_received_shown("2026-04-29 00:00:00", when);
    assert_string_equal(when, "2026-04-29");
    xf_complaint_received_shown("2026-04-29", when);
    assert_string_equal(when, "2026-04-29");
    xf_complaint_received_shown(NULL, when);
    assert_string_equal(when, "");
}

/* The form checks the phone the way receive does, naming the field. */
static void test_check_phone(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    assert_int_equal(xf_complaint_check_phone(NULL, "complainant_phone", &err), XF_OK);
    assert_int_equal(xf_complaint_check_phone("", "complainant_phone", &err), XF_OK);
    assert_int_equal(xf_complaint_check_phone("+86 138-1234-5678", "complainant_phone", &err),
                     XF_OK);
    assert_int_equal(xf_complaint_check_phone("138abc", "complainant_phone", &err), XF_EINVAL);
    assert_string_equal(err.field, "complainant_phone");
    assert_int_equal(xf_complaint_check_phone("1234567890123456789012", "complainant_phone", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "complainant_phone");
    /* The rule, not the characters alone: what a Chinese office calls. */
    static const char *const good[] = {"13812345678",
                                       "138 1234 5678",
                                       "138-1234-5678",
                                       "+8613812345678",
                                       "008613812345678",
                                       "0451-86123456",
                                       "0451-8612 3456",
                                       "045186123456",
                                       "010-62345678",
                                       "0451-8612345",
                                       "+86 451 86123456",
                                       "+86 0451-86123456",
                                       "0451-86123456-801",
                                       "0451-86123456 转 801",
                                       "0451-86123456转8012",
                                       "021 6234 5678",
                                       NULL};
    for (int i = 0; good[i]; i++)
        if (xf_complaint_check_phone(good[i], "complainant_phone", &err) != XF_OK)
            fail_msg("%s refused: %s", good[i], err.msg);
    static const char *const bad[] = {"138-0000",              /* the tester's: 7 digits */
                                      "1380000000",            /* a mobile one digit short */
                                      "138123456789",          /* one too many */
                                      "12812345678",           /* no mobile starts 12 */
                                      "12345",                 /* a hotline, not a caller */
                                      "0451-861234",           /* a local number of 6 */
                                      "0451-861234567",        /* of 9 */
                                      "0451-06123456",         /* a local number from 0 */
                                      "04-86123456",           /* an area code of 2 */
                                      "00451-86123456",        /* of 5 */
                                      "+1 4155550123",         /* not China's */
                                      "138 1234 5678 转 8",    /* a mobile has no extension */
                                      "0451-86123456-8012345", /* an extension of 7 */
                                      "0451-86123456 转",      /* 转 and no extension */
                                      "138+12345678",          /* + inside */
                                      "---",
                                      NULL};
    for (int i = 0; bad[i]; i++) {
        if (xf_complaint_check_phone(bad[i], "complainant_phone", &err) != XF_EINVAL)
            fail_msg("%s taken", bad[i]);
        assert_string_equal(err.field, "complainant_phone");
    }
    /* The message names the field and the forms it takes. */
    assert_int_equal(xf_complaint_check_phone("138-0000", "complainant_phone", &err), XF_EINVAL);
    assert_non_null(strstr(err.msg, "138-0000"));
    assert_non_null(strstr(err.msg, "0451-86123456"));
    assert_non_null(strstr(err.msg, "13812345678"));
    assert_non_null(strstr(err.msg, xf_history_field_label("complainant_phone")));
    /* receive refuses the same phone with the same field */
    struct xf_complaint_new in = {.source = "walk_in", .kind = "suggestion", .unit_code = "D1",
                                  .text = "建议延长午间办理时间", .complainant_phone = "138abc"};
    int64_t id = 0;
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "complainant_phone");
    in.complainant_phone = "13812345678";
    assert_int_equal(xf_complaint_receive(C(f), &in, &id, &err), XF_OK);
    struct xf_complaint c = load(f, id);
    assert_string_equal(c.source, "walk_in");
    assert_string_equal(c.kind, "suggestion");
    assert_string_equal(c.state, "received");
    xf_complaint_clear(&c);
}

/* ---- pages walked end to end, against the order computed in C ---- */

/* Rows with ties on every order: received at one of three instants, one of
 * two deadlines, supervised and not, open and done. */
static void many(struct fx *f, int count)
{
    char *sql = sqlite3_mprintf(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<%d)"
        " INSERT INTO complaint(code,source,unit_id,category,text,state,received_at,"
        " lead_unit_id,sign_due,reply_due,reject_reason,supervised,updated_at)"
        " SELECT 'W'||i, 'hotline', %lld, 'attitude', '排队太久',"
        "  CASE i%%5 WHEN 0 THEN 'dispatched' WHEN 1 THEN 'signed' WHEN 2 THEN 'closed'"
        "   WHEN 3 THEN 'received' ELSE 'rejected' END,"
        "  '2026-03-0'||(1+i%%3)||' 09:00:00',"
        "  CASE WHEN i%%5 IN (0,1,2) THEN %lld END,"
        "  '2026-03-1'||(i%%2), '2026-03-2'||(i%%2), CASE WHEN i%%5=4 THEN '重复' END,"
        "  i%%4=0, '2026-03-01 09:00:00' FROM n",
        count, (long long)f->d1, (long long)f->d1);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(sql);
}

struct keyed {
    char *key;
    int64_t id;
};

static int keyed_cmp(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Whether every space-separated term of query is in the code, text or
 * complainant's name, folding ASCII case (the data here is ASCII and
 * Chinese). */
static bool query_matches(const char *query, const struct xf_complaint *c)
{
    char *q = strdup(query), *save = NULL;
    bool all = true;
    for (char *t = strtok_r(q, " ", &save); t && all; t = strtok_r(NULL, " ", &save))
        all = strcasestr(c->code, t) || strcasestr(c->text, t) ||
              strcasestr(c->complainant_name, t);
    free(q);
    return all;
}

/* Every complaint that pg keeps (state, open_only, supervised_only and
 * query only), in (sort key, id) order. */
static size_t expected(struct fx *f, const struct xf_complaint_page *pg, struct keyed *out)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db), "SELECT id FROM complaint", -1,
                                        &st, NULL),
                     SQLITE_OK);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct xf_complaint c = load(f, sqlite3_column_int64(st, 0));
        bool open = strcmp(c.state, "closed") && strcmp(c.state, "rejected") &&
                    strcmp(c.state, "merged");
        bool found = !pg->query || query_matches(pg->query, &c);
        if ((!pg->state || !strcmp(pg->state, c.state)) && (!pg->open_only || open) &&
            (!pg->supervised_only || c.supervised) && found)
            out[n++] = (struct keyed){xf_complaint_sort_key(C(f), &c, pg->sort), c.id};
        xf_complaint_clear(&c);
    }
    sqlite3_finalize(st);
    qsort(out, n, sizeof *out, keyed_cmp);
    return n;
}

/* One page; its rows' keys into out (the caller frees them). */
static size_t page_keys(struct fx *f, struct xf_complaint_page *pg, struct keyed *out)
{
    struct xf_complaint *rows = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    ok(xf_complaint_page(C(f), pg, &rows, &n, &err), &err);
    for (size_t i = 0; i < n; i++)
        out[i] = (struct keyed){strdup(rows[i].sort_key), rows[i].id};
    xf_complaints_free(rows, n);
    return n;
}

/* Walks pg forward and backward three rows at a time, and from a middle
 * row, comparing with the order computed in C. */
static void walk(struct fx *f, struct xf_complaint_page pg)
{
    enum { MAX = 200 };
    struct keyed want[MAX], got[MAX], page[3];
    size_t n = expected(f, &pg, want), m = 0, k;
    pg.limit = 3;
    pg.dir = XF_CDIR_AFTER;
    pg.from_sort = NULL;
    do { /* forward */
        k = page_keys(f, &pg, page);
        assert_true(m + k <= n);
        for (size_t i = 0; i < k; i++)
            got[m++] = page[i];
        pg.from_sort = m ? got[m - 1].key : NULL;
        pg.from_id = m ? got[m - 1].id : 0;
    } while (k == 3);
    assert_int_equal(m, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(got[i].id, want[i].id);
        assert_string_equal(got[i].key, want[i].key);
    }
    for (size_t i = 0; i < m; i++)
        free(got[i].key);
    pg.dir = XF_CDIR_BEFORE; /* backward from the end: nearest first */
    pg.from_sort = NULL;
    m = 0;
    do {
        k = page_keys(f, &pg, page);
        assert_true(m + k <= n);
        for (size_t i = 0; i < k; i++)
            got[m++] = page[i];
        pg.from_sort = m ? got[m - 1].key : NULL;
        pg.from_id = m ? got[m - 1].id : 0;
    } while (k == 3);
    assert_int_equal(m, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i].id, want[n - 1 - i].id);
    for (size_t i = 0; i < m; i++)
        free(got[i].key);
    if (n > 0) { /* from a middle row: that row first */
        pg.dir = XF_CDIR_FROM;
        pg.from_sort = want[n / 2].key;
        pg.from_id = want[n / 2].id;
        k = page_keys(f, &pg, page);
        assert_int_equal(k, n - n / 2 < 3 ? n - n / 2 : 3);
        for (size_t i = 0; i < k; i++) {
            assert_int_equal(page[i].id, want[n / 2 + i].id);
            free(page[i].key);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(want[i].key);
}

static void test_page_walks_every_order(void **state)
{
    struct fx *f = *state;
    many(f, 60);
    /* Searches the walk filters by: a few rows, every other, none. */
    const char *queries[] = {"w1", "W2 排队", "排队太久", "没有"};
    for (int s = 0; s < XF_CSORT_COUNT; s++) {
        const struct xf_complaint_page base = {.sort = (enum xf_complaint_sort)s};
        struct xf_complaint_page pg = base;
        walk(f, pg);
        pg.open_only = true;
        walk(f, pg);
        pg.supervised_only = true;
        walk(f, pg);
        const char *states[] = {"dispatched", "signed", "closed", "received", "merged"};
        for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
            pg = base;
            pg.state = states[i];
            walk(f, pg);
        }
        for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
            pg = base;
            pg.query = queries[i];
            walk(f, pg);
            pg.supervised_only = true;
            walk(f, pg);
            pg = base;
            pg.query = queries[i];
            pg.open_only = true;
            walk(f, pg);
        }
    }
    /* A key that is no key of ours lies before or after every row. */
    struct keyed page[3];
    struct xf_complaint_page pg = {.limit = 3, .from_sort = "", .from_id = 1};
    size_t k = page_keys(f, &pg, page);
    assert_int_equal(k, 3);
    for (size_t i = 0; i < k; i++)
        free(page[i].key);
    pg.dir = XF_CDIR_BEFORE;
    assert_int_equal(page_keys(f, &pg, page), 0);
    pg.from_sort = "9";
    k = page_keys(f, &pg, page);
    assert_int_equal(k, 3);
    for (size_t i = 0; i < k; i++)
        free(page[i].key);
}

/* All of pg's rows, forward three at a time, into out (keys owned). */
static size_t walk_all(struct fx *f, struct xf_complaint_page pg, enum xf_complaint_dir dir,
                       struct keyed *out, size_t max)
{
    struct keyed page[3];
    size_t m = 0, k;
    pg.limit = 3;
    pg.dir = dir;
    pg.from_sort = NULL;
    do {
        k = page_keys(f, &pg, page);
        assert_true(m + k <= max);
        for (size_t i = 0; i < k; i++)
            out[m++] = page[i];
        pg.from_sort = m ? out[m - 1].key : NULL;
        pg.from_id = m ? out[m - 1].id : 0;
    } while (k == 3);
    return m;
}

/* Newest first (closed complaints browsed for the latest): every order
 * turned round, page by page both ways and from a middle row, its keys
 * in the list's own order, each the one xf_complaint_newest_key gives. */
static void test_page_newest_first(void **state)
{
    struct fx *f = *state;
    many(f, 40);
    enum { MAX = 100 };
    struct keyed want[MAX], got[MAX], page[3];
    const char *states[] = {NULL, "closed", "dispatched"};
    for (int s = 0; s < XF_CSORT_COUNT; s++)
        for (size_t st = 0; st < sizeof states / sizeof *states; st++) {
            struct xf_complaint_page pg = {.sort = (enum xf_complaint_sort)s, .state = states[st]};
            size_t n = walk_all(f, pg, XF_CDIR_AFTER, want, MAX);
            pg.newest = true;
            size_t m = walk_all(f, pg, XF_CDIR_AFTER, got, MAX);
            assert_int_equal(m, n);
            for (size_t i = 0; i < m; i++) {
                assert_int_equal(got[i].id, want[n - 1 - i].id);
                char *k = xf_complaint_newest_key(want[n - 1 - i].key, got[i].id);
                assert_string_equal(got[i].key, k);
                free(k);
                if (i)
                    assert_true(strcmp(got[i - 1].key, got[i].key) < 0);
            }
            if (n > 0) { /* from a middle row: that row first */
                pg.dir = XF_CDIR_FROM;
                pg.limit = 3;
                pg.from_sort = got[n / 2].key;
                pg.from_id = got[n / 2].id;
                size_t k = page_keys(f, &pg, page);
                assert_int_equal(k, n - n / 2 < 3 ? n - n / 2 : 3);
                for (size_t i = 0; i < k; i++) {
                    assert_int_equal(page[i].id, got[n / 2 + i].id);
                    free(page[i].key);
                }
            }
            for (size_t i = 0; i < m; i++)
                free(got[i].key);
            m = walk_all(f, pg, XF_CDIR_BEFORE, got, MAX); /* from the end */
            assert_int_equal(m, n);
            for (size_t i = 0; i < m; i++) {
                assert_int_equal(got[i].id, want[i].id);
                free(got[i].key);
            }
            for (size_t i = 0; i < n; i++)
                free(want[i].key);
        }
}

/* A closed list newest first goes by when each closed, not by code: ten
 * closed complaints, the higher the code the earlier closed, two in the
 * same minute (the higher id first). Paged both ways three at a time,
 * each statement read through complaint_state_closed (migration 16). */
static void test_page_closed_by_time_closed(void **state)
{
    struct fx *f = *state;
    sqlite3 *h = xf_db_handle(f->e->db);
    char *sql = sqlite3_mprintf(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<10)"
        " INSERT INTO complaint(code,source,unit_id,category,text,state,received_at,"
        " lead_unit_id,closed_at,closed_on_time,updated_at)"
        " SELECT 'K'||i, 'hotline', %lld, 'attitude', '已办结', 'closed',"
        "  '2026-02-0'||(i%%9+1)||' 09:00:00', %lld,"
        "  CASE WHEN i=10 THEN '2026-03-20 10:00:00'"
        "   ELSE printf('2026-03-%%02d 10:00:00', 25-i) END, 1, '2026-03-01 09:00:00' FROM n",
        (long long)f->d1, (long long)f->d1);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(sql);
    /* newest closed first: K1 (03-24) ... K4, then K10 and K5 (both
     * 03-20 10:00: the higher id first), K6 ... K9 (03-16) */
    int64_t want[10];
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT id FROM complaint WHERE state='closed'"
                                        " ORDER BY closed_at DESC, id DESC",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < 10)
        want[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    assert_int_equal(n, 10);
    struct keyed got[12];
    struct xf_complaint_page pg = {.state = "closed", .sort = XF_CSORT_CLOSED, .newest = true};
    size_t m = walk_all(f, pg, XF_CDIR_AFTER, got, 12);
    assert_int_equal(m, 10);
    for (size_t i = 0; i < m; i++) {
        assert_int_equal(got[i].id, want[i]);
        free(got[i].key);
    }
    struct xf_complaint first = load(f, want[0]), tie = load(f, want[4]);
    assert_string_equal(first.code, "K1");
    assert_string_equal(tie.code, "K10");
    xf_complaint_clear(&first);
    xf_complaint_clear(&tie);
    m = walk_all(f, pg, XF_CDIR_BEFORE, got, 12); /* End: the first closed last */
    assert_int_equal(m, 10);
    for (size_t i = 0; i < m; i++) {
        assert_int_equal(got[i].id, want[9 - i]);
        free(got[i].key);
    }
    int seen = 0;
    for (sqlite3_stmt *s = sqlite3_next_stmt(h, NULL); s; s = sqlite3_next_stmt(h, s)) {
        const char *q = sqlite3_sql(s);
        if (!strstr(q, "coalesce(c.closed_at,'-')<") && !strstr(q, "coalesce(c.closed_at,'-')>"))
            continue;
        char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", q);
        sqlite3_stmt *e;
        assert_int_equal(sqlite3_prepare_v2(h, eqp, -1, &e, NULL), SQLITE_OK);
        sqlite3_free(eqp);
        bool uses = false;
        while (sqlite3_step(e) == SQLITE_ROW)
            uses = uses || strstr((const char *)sqlite3_column_text(e, 3),
                                  "USING INDEX complaint_state_closed") != NULL;
        sqlite3_finalize(e);
        if (!uses)
            fail_msg("a closed page does not read complaint_state_closed:\n%s", q);
        seen++;
    }
    assert_true(seen >= 2); /* both directions */
}

/* Every statement of the list's pages seeks an index in the page's order:
 * no sorting, no scanning the table (SQLite's own account of its plan),
 * a search's too: it only drops rows on the way. */
static void test_page_plans_use_indexes(void **state)
{
    struct fx *f = *state;
    many(f, 10);
    struct keyed page[3];
    for (int s = 0; s < XF_CSORT_COUNT; s++)
        for (int shape = 0; shape < 4; shape++)
            for (int dir = XF_CDIR_AFTER; dir <= XF_CDIR_BEFORE; dir++)
                for (int keyed = 0; keyed < 2; keyed++) {
                    struct xf_complaint_page pg = {
                        .sort = (enum xf_complaint_sort)s, .dir = (enum xf_complaint_dir)dir,
                        .limit = 3, .open_only = shape == 1, .state = shape == 2 ? "signed" : NULL,
                        .query = shape == 3 ? "W1" : NULL,
                        .from_sort = keyed ? "1" : NULL, .from_id = 5};
                    size_t k = page_keys(f, &pg, page);
                    for (size_t i = 0; i < k; i++)
                        free(page[i].key);
                }
    sqlite3 *h = xf_db_handle(f->e->db);
    int seen = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, NULL); st; st = sqlite3_next_stmt(h, st)) {
        const char *sql = sqlite3_sql(st);
        if (!strstr(sql, "FROM complaint c LEFT JOIN unit u ON u.id=c.unit_id"))
            continue;
        char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
        sqlite3_stmt *e;
        assert_int_equal(sqlite3_prepare_v2(h, eqp, -1, &e, NULL), SQLITE_OK);
        sqlite3_free(eqp);
        bool seek = false;
        while (sqlite3_step(e) == SQLITE_ROW) {
            const char *d = (const char *)sqlite3_column_text(e, 3);
            if (strstr(d, "TEMP B-TREE"))
                fail_msg("page statement sorts: %s\n%s", d, sql);
            if (!strncmp(d, "SCAN c", 6))
                fail_msg("page statement scans the table: %s\n%s", d, sql);
            seek = seek || !strncmp(d, "SEARCH c USING INDEX complaint_", 31);
        }
        sqlite3_finalize(e);
        if (!seek)
            fail_msg("page statement does not seek its index:\n%s", sql);
        seen++;
    }
    assert_true(seen >= 3 * 3 * 2); /* every order, shape and direction */
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_stats_equal_sql),
        T(test_receive_code_and_event),
        T(test_reclassify),
        T(test_cohandlers_note_text),
        T(test_reclassify_note_text),
        T(test_hand_over_note_as_typed),
        T(test_redispatch),
        T(test_set_cohandlers),
        T(test_answer_due),
        T(test_answer_due_note_text),
        T(test_report_callback_legacy),
        T(test_report_closed_late),
        T(test_post_card_complaints_as_handler),
        T(test_stale_says_outcome_before_times),
        T(test_redo_is_not_returned),
        T(test_receive_by_inspector),
        T(test_receive_from_inspection_place),
        T(test_receive_from_inspection),
        T(test_cohandlers_cap),
        T(test_receive_with_post),
        T(test_receive_validation),
        T(test_full_path_events_and_history),
        T(test_complaint_cannot_skip_state),
        T(test_classify_and_dispatch_validation),
        T(test_reply_and_reject_need_text),
        T(test_working_days_weekend_and_holiday),
        T(test_answer_due_not_returned),
        T(test_days_waiting),
        T(test_extended_after_overdue),
        T(test_extended_after_overdue_redo),
        T(test_answer_due_was),
        T(test_clock_due_soon_and_overdue),
        T(test_return_and_rulings),
        T(test_callback_outcomes),
        T(test_late_sign_is_not_on_time),
        T(test_close_left_called_back),
        T(test_search_places),
        T(test_merged_into_code_outside),
        T(test_merge_chain),
        T(test_merge_carries_supervision),
        T(test_supervise_and_queue_order),
        T(test_notes),
        T(test_roles_refused),
        T(test_handler_outside_scope_refused),
        T(test_scope_by_post_unit),
        T(test_correct_intake),
        T(test_masking_for_viewer),
        T(test_stale_version_refused),
        T(test_stale_handover_said),
        T(test_unrelated_change_passes),
        T(test_reports),
        T(test_reports_for_a_period),
        T(test_csv_roundtrip),
        T(test_csv_import_validation),
        T(test_import_code_format),
        T(test_receive_codes_used_up),
        T(test_export_masks_for_viewer),
        T(test_page_keyset),
        T(test_page_filters),
        T(test_count_agrees_with_pages),
        T(test_search_names_units_at_each_page),
        T(test_search_terms_name_units),
        T(test_page_handler_sees_dispatched_only),
        T(test_page_walks_every_order),
        T(test_page_newest_first),
        T(test_page_plans_use_indexes),
        T(test_page_closed_by_time_closed),
        T(test_pickers_and_labels),
        T(test_labels),
        T(test_check_phone),
        T(test_received_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
