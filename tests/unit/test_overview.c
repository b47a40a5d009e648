/* The headline figures: whole database, and a scoped user's share. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "xf/demo.h"
#include "xf/overview.h"
#include "xf/store_internal.h"
#include "xf/store_overview.h"

static int64_t count(struct xf_db *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

#define IN_D001 " IN (SELECT u.id FROM unit u, unit d WHERE d.code='D001'" \
                " AND substr(u.path,1,length(d.path))=d.path)"

static void test_overview_whole_and_scoped(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 1, NULL, &err), XF_OK);
    struct xf_overview all, mine;
    assert_int_equal(xf_overview_get(&e->ctx, "2026-11-26", &all, &err), XF_OK);
    assert_int_equal(all.pledges_made, count(e->db, "SELECT count(*) FROM pledge"));
    assert_int_equal(all.complaints_received, count(e->db, "SELECT count(*) FROM complaint"));

    /* Another department is evaluated in 2026Q4 already; D001 is not. */
    assert_int_equal(xf_db_begin(e->db, "test.eval", &err), XF_OK);
    assert_int_equal(xf_exec(e->db,
                             "INSERT INTO evaluation(post_id,quarter,score,passed,updated_at)"
                             " SELECT id,'2026Q4',90,1,'x' FROM post WHERE unit_id NOT" IN_D001
                             " ORDER BY id LIMIT 1",
                             &err),
                     XF_OK);
    /* A time cut with no national limit still counts in the days saved. */
    assert_int_equal(xf_exec(e->db,
                             "INSERT INTO improvement(unit_id,kind,title,on_date,days_before,"
                             "days_after,updated_at) SELECT id,'time_cut','取消预审',"
                             "'2026-03-01',100,0,'x' FROM unit WHERE code='D001'",
                             &err),
                     XF_OK);
    /* A complaint filed against another unit about a post of D001's is
     * D001's too, as in the complaints list and report. */
    assert_int_equal(xf_exec(e->db,
                             "UPDATE complaint SET post_id=(SELECT id FROM post WHERE unit_id"
                             IN_D001 " ORDER BY id LIMIT 1) WHERE id=(SELECT id FROM complaint"
                             " WHERE unit_id NOT" IN_D001 " AND (lead_unit_id IS NULL OR"
                             " lead_unit_id NOT" IN_D001 ") ORDER BY id LIMIT 1)",
                             &err),
                     XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    char *scopes[] = {"D001"};
    struct xf_user u = {.login = "wang.fang", .name = "王芳", .role = XF_ROLE_VIEWER,
                        .scopes = scopes, .n_scopes = 1};
    e->ctx.user = &u;
    e->ctx.role = u.role;
    assert_int_equal(xf_overview_get(&e->ctx, "2026-11-26", &mine, &err), XF_OK);
    assert_int_equal(mine.pledges_made,
                     count(e->db, "SELECT count(*) FROM pledge WHERE unit_id" IN_D001));
    assert_int_equal(mine.pledges_overdue,
                     count(e->db, "SELECT count(*) FROM pledge WHERE status='open' AND "
                                  "due_on < '2026-11-26' AND unit_id" IN_D001));
    assert_int_equal(mine.posts_named,
                     count(e->db, "SELECT count(*) FROM post WHERE status='named' AND unit_id"
                                  IN_D001));
    assert_int_equal(mine.complaints_received,
                     count(e->db, "SELECT count(*) FROM complaint c WHERE unit_id" IN_D001
                                  " OR lead_unit_id" IN_D001 " OR (SELECT unit_id FROM post"
                                  " WHERE id=c.post_id)" IN_D001));
    assert_true(mine.pledges_made > 0 && mine.pledges_made < all.pledges_made);
    assert_true(mine.complaints_received < all.complaints_received);
    /* A handler counts what was dispatched to their units, as their list
     * shows it: led or co-handled there. */
    u.role = e->ctx.role = XF_ROLE_HANDLER;
    struct xf_overview hand;
    assert_int_equal(xf_overview_get(&e->ctx, "2026-11-26", &hand, &err), XF_OK);
    assert_int_equal(hand.complaints_received,
                     count(e->db, "SELECT count(*) FROM complaint c WHERE lead_unit_id" IN_D001
                                  " OR id IN (SELECT complaint_id FROM complaint_cohandler"
                                  " WHERE active=1 AND unit_id" IN_D001 ")"));
    assert_true(hand.complaints_received < mine.complaints_received);
    u.role = e->ctx.role = XF_ROLE_VIEWER;
    /* The average time cut too is the scope's, not the city's. */
    assert_int_equal((int64_t)(mine.avg_cut_days * 1000 + 0.5),
                     count(e->db, "SELECT CAST(coalesce(avg(days_before - days_after), 0) * 1000"
                                  " + 0.5 AS INTEGER) FROM improvement WHERE kind='time_cut'"
                                  " AND unit_id" IN_D001));
    assert_true(mine.cuts_with_limit <
                count(e->db, "SELECT count(*) FROM improvement WHERE kind='time_cut'"
                             " AND unit_id" IN_D001));
    assert_true(mine.avg_cut_days != all.avg_cut_days);
    /* The quarter shown is the latest with evaluations of the scope's. */
    char *latest = sqlite3_mprintf(
        "SELECT (SELECT max(e.quarter) FROM evaluation e JOIN post p ON p.id=e.post_id"
        " WHERE e.quarter <= '2026Q4' AND p.unit_id" IN_D001 ") = %Q", mine.quarter);
    assert_int_equal(count(e->db, latest), 1);
    sqlite3_free(latest);
    assert_true(mine.evals_quarter > 0);
    e->ctx.user = NULL;
    tu_env_close(e);
}

static void exec_in_tx(struct tu_env *e, const char *sql)
{
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(e->db, "test.sql", &err), XF_OK);
    assert_int_equal(xf_exec(e->db, sql, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
}

static int64_t tally_wrong(struct tu_env *e)
{
    struct xf_error err = {0};
    int64_t wrong = -1;
    assert_int_equal(xf_overview_tally_check(&e->ctx, &wrong, &err), XF_OK);
    return wrong;
}

static int64_t count_q(struct xf_db *db, const char *sql, const char *quarter)
{
    char *q = sqlite3_mprintf(sql, quarter);
    int64_t n = count(db, q);
    sqlite3_free(q);
    return n;
}

#define TODAY "'2026-11-26'"
#define OPEN_STATE " state NOT IN ('closed','rejected','merged')"

/* Every whole-programme figure against a plain count of the records (what
 * the Overview counted before it had a tally). */
static void assert_overview_is_plain(struct tu_env *e)
{
    struct xf_overview o;
    struct xf_error err = {0};
    struct xf_db *db = e->db;
    assert_int_equal(xf_overview_get(&e->ctx, "2026-11-26", &o, &err), XF_OK);
    assert_int_equal(o.posts_proposed, count(db, "SELECT count(*) FROM post WHERE status='proposed'"));
    assert_int_equal(o.posts_published, count(db, "SELECT count(*) FROM post WHERE status='published'"));
    assert_int_equal(o.posts_named, count(db, "SELECT count(*) FROM post WHERE status='named'"));
    assert_int_equal(o.posts_revoked, count(db, "SELECT count(*) FROM post WHERE status='revoked'"));
    assert_int_equal(o.pledges_made, count(db, "SELECT count(*) FROM pledge"));
    assert_int_equal(o.pledges_kept, count(db, "SELECT count(*) FROM pledge WHERE status='kept'"));
    assert_int_equal(o.pledges_withdrawn,
                     count(db, "SELECT count(*) FROM pledge WHERE status='withdrawn'"));
    assert_int_equal(o.pledges_overdue, count(db, "SELECT count(*) FROM pledge WHERE"
                                                  " status='open' AND due_on < " TODAY));
    assert_int_equal(o.complaints_received, count(db, "SELECT count(*) FROM complaint"));
    assert_int_equal(o.complaints_forwarded,
                     count(db, "SELECT count(*) FROM complaint WHERE dispatched_at IS NOT NULL"));
    assert_int_equal(o.complaints_open, count(db, "SELECT count(*) FROM complaint WHERE" OPEN_STATE));
    assert_int_equal(o.complaints_overdue,
                     count(db, "SELECT count(*) FROM complaint WHERE"
                               " (state='dispatched' AND sign_due < " TODAY ")"
                               " OR (state='signed' AND reply_due < " TODAY ")"));
    assert_int_equal(o.complaints_supervised,
                     count(db, "SELECT count(*) FROM complaint WHERE supervised AND" OPEN_STATE));
    assert_int_equal(o.complaints_closed,
                     count(db, "SELECT count(*) FROM complaint WHERE state='closed'"));
    assert_int_equal(o.complaints_closed_on_time,
                     count(db, "SELECT count(*) FROM complaint WHERE state='closed'"
                               " AND closed_on_time"));
    assert_int_equal(o.inspections, count(db, "SELECT count(*) FROM inspection"));
    assert_int_equal(o.inspections_passed,
                     count(db, "SELECT count(*) FROM inspection WHERE result='pass'"));
    assert_int_equal(o.rectifications_open,
                     count(db, "SELECT count(*) FROM rectification WHERE status='open'"));
    assert_int_equal(o.rectifications_to_verify,
                     count(db, "SELECT count(*) FROM rectification WHERE status='done'"));
    char quarter[8];
    snprintf(quarter, sizeof quarter, "%s", o.quarter);
    /* The current quarter, unless it has fewer evaluations than the latest
     * before it: then that one, and the current one's count so far. With
     * none in any quarter, the one open for evaluation (2026Q4 opens on
     * December 1st). */
    assert_int_equal(count_q(db, "SELECT CASE WHEN p.q IS NULL AND c.n = 0 THEN '2026Q3'"
                                 " WHEN p.q IS NULL OR c.n >= p.n THEN '2026Q4'"
                                 " ELSE p.q END = %Q FROM (SELECT max(quarter) q,"
                                 " (SELECT count(*) FROM evaluation WHERE quarter=(SELECT"
                                 " max(quarter) FROM evaluation WHERE quarter < '2026Q4')) n"
                                 " FROM evaluation WHERE quarter < '2026Q4') p,"
                                 " (SELECT count(*) n FROM evaluation WHERE quarter='2026Q4') c",
                             quarter),
                     1);
    int64_t now_n = count(db, "SELECT count(*) FROM evaluation WHERE quarter='2026Q4'");
    if (strcmp(quarter, "2026Q4") != 0 && now_n > 0) {
        assert_string_equal(o.quarter_so_far, "2026Q4");
        assert_int_equal(o.evals_so_far, now_n);
    } else {
        assert_string_equal(o.quarter_so_far, "");
    }
    assert_int_equal(o.evals_quarter,
                     count_q(db, "SELECT count(*) FROM evaluation WHERE quarter=%Q", quarter));
    assert_int_equal(o.evals_quarter_passed,
                     count_q(db, "SELECT count(*) FROM evaluation WHERE quarter=%Q AND passed",
                             quarter));
    assert_int_equal(o.improvements_method,
                     count(db, "SELECT count(*) FROM improvement WHERE kind='method'"));
    assert_int_equal(o.improvements_prerequisite,
                     count(db, "SELECT count(*) FROM improvement WHERE kind='prerequisite'"));
    assert_int_equal(o.improvements_fee,
                     count(db, "SELECT count(*) FROM improvement WHERE kind='fee'"));
    assert_int_equal(o.improvements_time_cut,
                     count(db, "SELECT count(*) FROM improvement WHERE kind='time_cut'"));
    assert_int_equal((int64_t)(o.avg_cut_days * 1000 + 0.5),
                     count(db, "SELECT CAST(coalesce(avg(days_before - days_after), 0) * 1000"
                               " + 0.5 AS INTEGER) FROM improvement WHERE kind='time_cut'"));
    assert_int_equal(o.cuts_with_limit,
                     count(db, "SELECT count(national_limit_days) FROM improvement"
                               " WHERE kind='time_cut'"));
}

/* The tally the Overview reads follows every kind of write that moves a
 * figure: new records, and state, supervision, status, due date, result
 * and pass changes. */
static void test_overview_tally_follows_writes(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    assert_overview_is_plain(e); /* an empty database: all zeros */
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 1, NULL, &err), XF_OK);
    assert_int_equal(tally_wrong(e), 0);
    assert_overview_is_plain(e);
    exec_in_tx(e, "UPDATE complaint SET supervised = 1 WHERE id IN (SELECT id FROM complaint"
                  " WHERE state IN ('received','dispatched','closed') AND NOT supervised"
                  " LIMIT 9)");
    exec_in_tx(e, "UPDATE complaint SET state='closed', closed_at='2026-11-20 10:00:00',"
                  " closed_on_time=1 WHERE id IN (SELECT id FROM complaint"
                  " WHERE state='replied' LIMIT 3)");
    exec_in_tx(e, "UPDATE complaint SET state='dispatched', dispatched_at='2026-11-01 09:00:00',"
                  " lead_unit_id=coalesce(unit_id, lead_unit_id, 1), category='attitude',"
                  " sign_due='2026-11-03' WHERE id IN (SELECT id FROM complaint"
                  " WHERE state='received' LIMIT 4)");
    exec_in_tx(e, "INSERT INTO complaint(code,source,unit_id,text,received_at,updated_at,"
                  "supervised) SELECT 'T-' || id, 'hotline', unit_id, 'x', xf_now(), xf_now(), 1"
                  " FROM complaint WHERE unit_id IS NOT NULL LIMIT 5");
    exec_in_tx(e, "UPDATE pledge SET status='kept', kept_on='2026-11-01', evidence='x',"
                  " verified_by='t' WHERE id IN (SELECT id FROM pledge WHERE status='open'"
                  " LIMIT 7)");
    exec_in_tx(e, "UPDATE pledge SET due_on='2026-11-25' WHERE id IN (SELECT id FROM pledge"
                  " WHERE status='open' AND due_on > '2026-11-26' LIMIT 6)");
    exec_in_tx(e, "UPDATE pledge SET due_on='2027-01-01' WHERE id IN (SELECT id FROM pledge"
                  " WHERE status<>'open' LIMIT 2)");
    exec_in_tx(e, "UPDATE post SET status='revoked', revoked_on='2026-11-01',"
                  " revoke_reason='x' WHERE id IN (SELECT id FROM post WHERE status='named'"
                  " LIMIT 2)");
    exec_in_tx(e, "UPDATE evaluation SET passed = 1 - passed WHERE id IN (SELECT id FROM"
                  " evaluation ORDER BY quarter DESC LIMIT 5)");
    exec_in_tx(e, "INSERT INTO inspection(code,kind,template,unit_id,inspector,on_date,result,"
                  "updated_at) VALUES ('T-I1','unannounced','unannounced',1,'li','2026-11-01',"
                  "'fail','x')");
    exec_in_tx(e, "INSERT INTO evaluation(post_id,quarter,score,passed,updated_at)"
                  " SELECT id, '2026Q4', 90, 1, 'x' FROM post LIMIT 3");
    /* improvements by kind (schema 17): new ones, and a kind changed */
    exec_in_tx(e, "INSERT INTO improvement(unit_id,kind,title,on_date,updated_at)"
                  " VALUES (1,'fee','免收工本费','2026-11-01','x'),"
                  " (1,'method','一窗受理','2026-11-02','x')");
    exec_in_tx(e, "INSERT INTO improvement(unit_id,kind,title,on_date,days_before,days_after,"
                  "national_limit_days,updated_at) VALUES (1,'time_cut','压缩时限','2026-11-03',"
                  "20,5,15,'x')");
    exec_in_tx(e, "UPDATE improvement SET kind='prerequisite' WHERE id IN (SELECT id FROM"
                  " improvement WHERE kind='method' LIMIT 3)");
    exec_in_tx(e, "UPDATE improvement SET title='x' || title WHERE id IN (SELECT id FROM"
                  " improvement WHERE kind='fee' LIMIT 2)");
    assert_int_equal(tally_wrong(e), 0);
    assert_overview_is_plain(e);
    tu_env_close(e);
}

/* `xianfeng check` notices a tally that went wrong; the rebuild the bulk
 * loader runs puts it right. */
static void test_overview_tally_check_and_rebuild(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 1, NULL, &err), XF_OK);
    exec_in_tx(e, "UPDATE overview_tally SET n = n + 1 WHERE topic = 'post';"
                  "INSERT INTO overview_tally VALUES ('complaint', 'nonsense', 3);"
                  "DELETE FROM overview_tally WHERE topic = 'inspection' AND k = 'pass'");
    assert_int_equal(tally_wrong(e), 4 + 1 + 1);
    assert_int_equal(xf_db_begin(e->db, "test.rebuild", &err), XF_OK);
    assert_int_equal(xf_store_overview_tally_rebuild(e->db, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_int_equal(tally_wrong(e), 0);
    assert_overview_is_plain(e);
    tu_env_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overview_whole_and_scoped),
        cmocka_unit_test(test_overview_tally_follows_writes),
        cmocka_unit_test(test_overview_tally_check_and_rebuild),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
