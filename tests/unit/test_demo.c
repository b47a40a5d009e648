/* The demo generator: volumes, integrity and the domain invariants, checked
 * in SQL on a small demo. XF_TEST_CITY=1 also builds and times the city. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "xf/award.h"
#include "xf/date.h"
#include "xf/demo.h"
#include "xf/store_internal.h"
#include "xf/store_pledge_tally.h"
#include "xf/store_search.h"

#define TODAY "2026-03-18"
#define SEED 20100701u

static int64_t q1(struct tu_env *e, const char *sql)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(xf_db_handle(e->db)));
        fail();
    }
    int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A query that must find no rows: prints the count when it does. */
static void none(struct tu_env *e, const char *what, const char *sql)
{
    int64_t n = q1(e, sql);
    if (n != 0)
        fprintf(stderr, "invariant broken (%lld rows): %s\n", (long long)n, what);
    assert_int_equal(n, 0);
}

static struct tu_env *small_demo(struct xf_demo_stats *stats)
{
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    int rc = xf_demo_generate(&e->ctx, XF_DEMO_SMALL, SEED, stats, &err);
    if (rc)
        fprintf(stderr, "demo: %s\n", err.msg);
    assert_int_equal(rc, XF_OK);
    return e;
}

static struct tu_env *shared;
static struct xf_demo_stats shared_stats;

static int setup(void **state)
{
    (void)state;
    xf_date_set_today(TODAY);
    shared = small_demo(&shared_stats);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_env_close(shared);
    xf_date_set_today(NULL);
    return 0;
}

static void test_counts(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    assert_int_equal(q1(e, "SELECT count(*) FROM unit WHERE parent_id IS NULL"), 94 + 9);
    assert_int_equal(q1(e, "SELECT count(*) FROM unit WHERE kind='department' AND code GLOB 'D*'"),
                     94);
    int64_t units = q1(e, "SELECT count(*) FROM unit");
    assert_in_range(units, 360, 440);
    assert_int_equal(q1(e, "SELECT count(*) FROM post"), 378);
    assert_int_equal(q1(e, "SELECT count(*) FROM member"), 3000);
    assert_in_range(q1(e, "SELECT count(*) FROM pledge"), 4500, 4700);
    assert_int_equal(q1(e, "SELECT count(*) FROM complaint"), 300);
    assert_int_equal(q1(e, "SELECT count(*) FROM inspection"), 200);
    assert_int_equal(q1(e, "SELECT count(*) FROM project WHERE category='key'"), 30);
    assert_int_equal(q1(e, "SELECT count(*) FROM project WHERE category='livelihood'"), 4);
    assert_int_equal(q1(e, "SELECT count(*) FROM project WHERE category='road_bridge'"), 15);
    assert_int_equal(q1(e, "SELECT count(*) FROM improvement WHERE kind='prerequisite'"), 27);
    assert_true(q1(e, "SELECT count(*) FROM evaluation") > 378);
    assert_int_equal(q1(e, "SELECT count(*) FROM evaluation_score"),
                     3 * q1(e, "SELECT count(*) FROM evaluation"));
    assert_int_equal(q1(e, "SELECT count(*) FROM pledge"), shared_stats.rows[XF_BULK_PLEDGE]);
    assert_int_equal(q1(e, "SELECT count(*) FROM pledge WHERE status='kept'"),
                     shared_stats.pledges_kept);
    /* Seed: 342 of 479 thousand kept (71%). */
    double kept = (double)shared_stats.pledges_kept / (double)shared_stats.rows[XF_BULK_PLEDGE];
    assert_true(kept > 0.68 && kept < 0.75);
}

static void test_every_state_present(void **state)
{
    (void)state;
    static const char *const complaint_states[] = {
        "received", "classified", "dispatched", "signed",   "returned",
        "replied",  "callback",   "closed",     "rejected", "merged",
    };
    char sql[160];
    for (size_t i = 0; i < sizeof complaint_states / sizeof *complaint_states; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM complaint WHERE state='%s'",
                 complaint_states[i]);
        if (q1(shared, sql) == 0)
            fprintf(stderr, "no complaint in state %s\n", complaint_states[i]);
        /* The rarest states may be missing in 300 complaints; most must be there. */
    }
    assert_true(q1(shared, "SELECT count(DISTINCT state) FROM complaint") >= 8);
    assert_int_equal(q1(shared, "SELECT count(DISTINCT status) FROM post"), 4);
    assert_int_equal(q1(shared, "SELECT count(DISTINCT status) FROM pledge"), 3);
    assert_int_equal(q1(shared, "SELECT count(DISTINCT result) FROM inspection"), 2);
    assert_true(q1(shared, "SELECT count(*) FROM complaint WHERE source='appraisal'") >
                q1(shared, "SELECT count(*) FROM complaint WHERE source='media'"));
}

static void test_integrity(void **state)
{
    (void)state;
    char *report = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_db_integrity(shared->db, &report, &err), XF_OK);
    if (report)
        fprintf(stderr, "%s", report);
    assert_null(report);
    /* Bulk mode skipped the search triggers; the rebuild made up for it. */
    assert_int_equal(xf_store_search_check(shared->db, &err), XF_OK);
    assert_true(q1(shared, "SELECT count(*) FROM fts_pledge") > 0);
    /* ... and the pledge tally's rebuild for its triggers. */
    int64_t wrong = -1;
    assert_int_equal(xf_store_pledge_tally_check(shared->db, &wrong, &err), XF_OK);
    assert_int_equal(wrong, 0);
    assert_int_equal(q1(shared, "SELECT sum(made) FROM pledge_tally"),
                     q1(shared, "SELECT count(*) FROM pledge"));
    /* The indexes dropped for the load are all back. */
    assert_int_equal(q1(shared, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                " AND name IN ('pledge_unit', 'pledge_member', 'pledge_due',"
                                " 'member_unit', 'member_name', 'complaint_state', 'post_status')"),
                     7);
    /* So are the triggers set aside, and the connection's own settings. */
    struct tu_env *fresh = tu_env_open();
    static const char triggers[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'";
    assert_int_equal(q1(shared, triggers), q1(fresh, triggers));
    tu_env_close(fresh);
    assert_int_equal(q1(shared, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    assert_int_equal(q1(shared, "SELECT foreign_keys FROM pragma_foreign_keys"), 1);
}

/* References are checked once, at the flush, not as each row goes in: a
 * dangling one still fails the load, and the rollback leaves nothing. */
static void test_bulk_checks_references(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    struct xf_bulk b;
    assert_int_equal(xf_store_bulk_begin(&b, e->db, &err), XF_OK);
    assert_int_equal(xf_db_begin(e->db, "test", &err), XF_OK);
    xf_db_set_bulk(e->db, true);
    struct xf_bulk_unit u = {
        .id = 1, .code = "D1", .name = "市城建委", .kind = "department", .path = "/1/"};
    struct xf_bulk_member m = {.unit_id = 99, .code = "M1", .name = "张三"};
    assert_int_equal(xf_store_bulk_unit(&b, &u, &err), XF_OK);
    assert_int_equal(xf_store_bulk_member(&b, &m, NULL, &err), XF_OK);
    assert_int_equal(xf_store_bulk_flush(&b, &err), XF_EINVAL);
    assert_non_null(strstr(err.msg, "FOREIGN KEY"));
    assert_non_null(strstr(err.msg, "member"));
    xf_db_set_bulk(e->db, false);
    xf_db_rollback(e->db);
    xf_store_bulk_end(&b);
    assert_int_equal(q1(e, "SELECT count(*) FROM unit"), 0);
    assert_int_equal(q1(e, "SELECT count(*) FROM sqlite_schema WHERE name = 'h_member_ins'"), 1);
    assert_int_equal(q1(e, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    tu_env_close(e);
}

static void test_pledge_rules(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    none(e, "kept pledge verified by its own member",
         "SELECT count(*) FROM pledge p JOIN member m ON m.id=p.member_id"
         " WHERE p.status='kept' AND m.login IS NOT NULL AND p.verified_by=m.login");
    none(e, "kept pledge verified by whoever recorded it",
         "SELECT count(*) FROM pledge WHERE status='kept' AND verified_by=created_by");
    /* Whoever ran the demo may not verify what they recorded: they must
     * be able to mark its pledges kept. */
    char *sql = sqlite3_mprintf("SELECT count(*) FROM pledge WHERE created_by=%Q", e->ctx.login);
    none(e, "pledges recorded by whoever ran the demo", sql);
    sqlite3_free(sql);
    none(e, "kept before made or in the future",
         "SELECT count(*) FROM pledge WHERE status='kept' AND (kept_on < made_on OR kept_on > "
         "'" TODAY "')");
    none(e, "kept fields on a pledge not kept",
         "SELECT count(*) FROM pledge WHERE status<>'kept' AND (kept_on IS NOT NULL OR "
         "verified_by IS NOT NULL OR evidence IS NOT NULL)");
    none(e, "withdrawn pledge without reason",
         "SELECT count(*) FROM pledge WHERE status='withdrawn' AND (withdraw_reason IS NULL "
         "OR withdrawn_on < made_on)");
    none(e, "pledge unit differs from its member's",
         "SELECT count(*) FROM pledge p JOIN member m ON m.id=p.member_id WHERE "
         "p.unit_id<>m.unit_id");
    assert_true(q1(e, "SELECT count(*) FROM pledge WHERE kind='unit_target'") > 0);
    assert_true(q1(e, "SELECT count(*) FROM pledge WHERE kind='leader_target'") > 0);
    assert_true(q1(e, "SELECT count(*) FROM pledge WHERE status='open' AND due_on < '" TODAY "'") >
                0);
    assert_true(q1(e, "SELECT count(*) FROM member WHERE is_leader=1 AND login IS NOT NULL") > 94);
}

static void test_complaint_rules(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    none(e, "closed complaint missing a step",
         "SELECT count(*) FROM complaint WHERE state='closed' AND (category IS NULL OR "
         "lead_unit_id IS NULL OR dispatched_at IS NULL OR signed_at IS NULL OR replied_at IS "
         "NULL OR closed_at IS NULL OR closed_on_time IS NULL OR callback_outcome NOT IN "
         "('satisfied','unreachable'))");
    none(e, "timestamps out of order",
         "SELECT count(*) FROM complaint WHERE NOT (received_at <= coalesce(dispatched_at, "
         "received_at) AND coalesce(dispatched_at,'') <= coalesce(signed_at, dispatched_at, '') "
         "AND coalesce(signed_at,'') <= coalesce(replied_at, signed_at, '') AND "
         "coalesce(replied_at,'') <= coalesce(closed_at, replied_at, ''))");
    none(e, "a timestamp from today or later",
         "SELECT count(*) FROM complaint WHERE max(received_at, coalesce(closed_at,''), "
         "coalesce(replied_at,''), coalesce(signed_at,'')) >= '" TODAY "'");
    none(e, "deadline before its start",
         "SELECT count(*) FROM complaint WHERE sign_due < substr(dispatched_at,1,10) OR "
         "reply_due < substr(signed_at,1,10)");
    none(e, "signed state without reply deadline",
         "SELECT count(*) FROM complaint WHERE state IN ('signed','replied','callback','closed') "
         "AND (reply_due IS NULL OR sign_due IS NULL)");
    none(e, "closed_on_time not as the complaint module rules",
         "SELECT count(*) FROM complaint WHERE state='closed' AND closed_on_time <> "
         "(substr(signed_at,1,10) <= sign_due AND substr(replied_at,1,10) <= reply_due)");
    none(e, "merged into a later or merged complaint",
         "SELECT count(*) FROM complaint c JOIN complaint s ON s.id=c.merged_into WHERE "
         "s.id >= c.id OR s.state='merged'");
    none(e, "returned without reason",
         "SELECT count(*) FROM complaint WHERE state='returned' AND return_reason IS NULL");
    none(e, "event out of order or after the state",
         "SELECT count(*) FROM complaint_event a JOIN complaint_event b ON "
         "b.complaint_id=a.complaint_id AND b.id=a.id+1 WHERE b.at < a.at OR "
         "b.from_state<>a.to_state");
    none(e, "last event does not reach the state",
         "SELECT count(*) FROM complaint c JOIN complaint_event v ON v.id=(SELECT max(id) FROM "
         "complaint_event WHERE complaint_id=c.id) WHERE v.to_state<>c.state");
    none(e, "co-handler is the lead unit",
         "SELECT count(*) FROM complaint_cohandler h JOIN complaint c ON c.id=h.complaint_id "
         "WHERE h.unit_id=c.lead_unit_id");
    none(e, "code not TSyyyy-nnnnnn",
         "SELECT count(*) FROM complaint WHERE code NOT GLOB 'TS[0-9][0-9][0-9][0-9]-[0-9]*' OR "
         "substr(code,3,4)<>substr(received_at,1,4)");
}

/* sign_due and reply_due are the category's working days on the
 * configured calendar: recompute them in C. */
static void test_complaint_deadlines(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db),
                                        "SELECT category, substr(dispatched_at,1,10), sign_due,"
                                        " substr(signed_at,1,10), reply_due FROM complaint"
                                        " WHERE dispatched_at IS NOT NULL",
                                        -1, &st, NULL),
                     SQLITE_OK);
    int checked = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const struct xf_category *cat =
            xf_config_category(&e->cfg, (const char *)sqlite3_column_text(st, 0));
        assert_non_null(cat);
        char due[XF_DATE_LEN];
        xf_workday_add(&e->cfg.calendar, (const char *)sqlite3_column_text(st, 1), cat->sign_days,
                       due);
        assert_string_equal(due, sqlite3_column_text(st, 2));
        if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
            xf_workday_add(&e->cfg.calendar, (const char *)sqlite3_column_text(st, 3),
                           cat->reply_days, due);
            assert_string_equal(due, sqlite3_column_text(st, 4));
        }
        checked++;
    }
    sqlite3_finalize(st);
    assert_true(checked > 100);
}

static void test_post_rules(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    char sql[512];
    none(e, "named post without a passed evaluation",
         "SELECT count(*) FROM post p WHERE named_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
         "evaluation WHERE post_id=p.id AND passed=1)");
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM post p WHERE status='revoked' AND (SELECT count(*) FROM "
             "evaluation WHERE post_id=p.id AND passed=0) < %d",
             e->cfg.revoke_after_failures);
    none(e, "revoked post with too few failed evaluations", sql);
    none(e, "evaluated but never published",
         "SELECT count(*) FROM evaluation v JOIN post p ON p.id=v.post_id WHERE "
         "p.status='proposed'");
    none(e, "dates out of order",
         "SELECT count(*) FROM post WHERE named_on < published_on OR revoked_on < "
         "coalesce(named_on, published_on) OR published_on > '" TODAY "'");
    none(e, "incomplete notice on a public post",
         "SELECT count(*) FROM post WHERE status<>'proposed' AND (holder_name='' OR position='' "
         "OR scope='' OR hotline NOT GLOB '0451-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')");
    none(e, "holder not a member of the post's unit",
         "SELECT count(*) FROM post p JOIN member m ON m.id=p.holder_member_id WHERE "
         "m.unit_id<>p.unit_id OR m.name<>p.holder_name");
    none(e, "evaluation score is not the weighted group mean",
         "SELECT count(*) FROM evaluation v WHERE abs(v.score - round((SELECT avg(score) FROM "
         "evaluation_score WHERE evaluation_id=v.id), 2)) > 0.006");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM evaluation WHERE passed <> (score >= %f)",
             e->cfg.pass_score);
    none(e, "passed flag disagrees with the pass mark", sql);
    none(e, "evaluation after revocation",
         "SELECT count(*) FROM evaluation v JOIN post p ON p.id=v.post_id WHERE p.status='revoked'"
         " AND v.quarter > (SELECT max(quarter) FROM evaluation WHERE post_id=p.id AND passed=0)");
}

static void test_inspection_rules(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    char sql[1024];
    none(e, "failed inspection without a rectification",
         "SELECT count(*) FROM inspection i WHERE result='fail' AND NOT EXISTS (SELECT 1 FROM "
         "rectification WHERE inspection_id=i.id)");
    none(e, "passed inspection with a rectification",
         "SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id WHERE "
         "i.result='pass'");
    none(e, "item counts disagree with the items",
         "SELECT count(*) FROM inspection i WHERE items_failed <> (SELECT count(*) FROM "
         "inspection_item WHERE inspection_id=i.id AND outcome='fail') OR items_applicable <> "
         "(SELECT count(*) FROM inspection_item WHERE inspection_id=i.id AND outcome<>'na') OR "
         "critical_failed <> EXISTS (SELECT 1 FROM inspection_item WHERE inspection_id=i.id AND "
         "outcome='fail' AND critical=1)");
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM inspection WHERE result <> CASE WHEN critical_failed=1 OR "
             "(items_applicable > 0 AND items_failed * 1.0 / items_applicable > %.17g) OR "
             "(samples_checked > 0 AND samples_failed * 1.0 / samples_checked > %.17g) "
             "THEN 'fail' ELSE 'pass' END",
             e->cfg.inspection_fail_rate, e->cfg.sample_fail_rate);
    none(e, "result not derived by the rule", sql);
    none(e, "rectification dates out of order",
         "SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id WHERE "
         "r.due_on < i.on_date OR r.done_on < i.on_date OR r.verified_on < r.done_on OR "
         "r.done_on > '" TODAY "'");
    none(e, "sample check without samples",
         "SELECT count(*) FROM inspection WHERE kind='sample' AND samples_checked=0");
    /* Findings read as an inspector writes them: one a line, numbered
     * when there are several (they ran together: "…落实到位抽检…"). */
    none(e, "findings lines run together",
         "SELECT count(*) FROM inspection WHERE findings GLOB '*到位抽检*' OR "
         "findings GLOB '*不合格抽检*'");
    none(e, "several findings on one line",
         "SELECT count(*) FROM inspection WHERE kind='sample' AND findings NOT GLOB '1.*' || "
         "char(10) || '2.*'");
    none(e, "a failed check's findings do not say what failed",
         "SELECT count(*) FROM inspection i WHERE items_failed > 0 AND EXISTS (SELECT 1 FROM "
         "inspection_item t WHERE t.inspection_id=i.id AND t.outcome='fail' AND "
         "instr(i.findings, t.label || '：不合格') = 0)");
    /* A batch fails on one of the checklist's points: batches fail when
     * an item does, and only then ("2/43 不合格" on a check whose items all
     * passed). */
    none(e, "a sample check's failed batches disagree with its items",
         "SELECT count(*) FROM inspection WHERE kind='sample' AND "
         "(samples_failed > 0) <> (items_failed > 0)");
    none(e, "a passed sample check names a failed batch",
         "SELECT count(*) FROM inspection WHERE kind='sample' AND result='pass' AND "
         "samples_failed > 0 AND findings GLOB '*均符合要求*'");
    /* The rectification speaks of what failed: a label, not a notice board. */
    none(e, "a sample check's rectification speaks of the notice board or pledges",
         "SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id WHERE "
         "i.kind='sample' AND (r.done_note GLOB '*公示*' OR r.done_note GLOB '*承诺*' OR "
         "r.done_note GLOB '*首问*')");
    none(e, "a spot check's rectification speaks of goods",
         "SELECT count(*) FROM rectification r JOIN inspection i ON i.id=r.inspection_id WHERE "
         "i.kind='unannounced' AND (r.done_note GLOB '*批次*' OR r.done_note GLOB '*标签*')");
    none(e, "a failed label's rectification does not mention the label",
         "SELECT count(*) FROM rectification r JOIN inspection_item t ON "
         "t.inspection_id=r.inspection_id WHERE r.done_note IS NOT NULL AND t.outcome='fail' AND "
         "t.label='标签标识' AND r.done_note NOT GLOB '*标签*'");
    assert_true(q1(e, "SELECT count(*) FROM rectification r JOIN inspection i ON "
                      "i.id=r.inspection_id WHERE r.done_note IS NOT NULL AND i.kind='sample'") > 0);
    /* Items are the configured checklist's, in order. */
    for (size_t c = 0; c < e->cfg.n_checklists; c++) {
        const struct xf_checklist *cl = &e->cfg.checklists[c];
        for (size_t k = 0; k < cl->n_items; k++) {
            char *q = sqlite3_mprintf(
                "SELECT count(*) FROM inspection_item t JOIN inspection i ON i.id=t.inspection_id"
                " WHERE i.template=%Q AND t.item_no=%d AND (t.label<>%Q OR t.critical<>%d)",
                cl->name, (int)k + 1, cl->items[k].label, cl->items[k].critical);
            none(e, "item differs from the checklist", q);
            sqlite3_free(q);
        }
    }
}

static void test_history_summary(void **state)
{
    (void)state;
    struct tu_env *e = shared;
    /* every table the demo filled in bulk, and no "rows=0" for one it did
     * not (the awards are ranked with a history row each) */
    assert_int_equal(q1(e, "SELECT count(*) FROM history WHERE action='demo.generate' AND "
                           "entity_id=0"),
                     XF_BULK_NTABLES - 1);
    assert_int_equal(q1(e, "SELECT count(*) FROM history WHERE action='demo.generate' AND "
                           "entity_id=0 AND after->>'$.rows'=0"),
                     0);
    assert_int_equal(q1(e, "SELECT json_extract(after,'$.rows') FROM history WHERE "
                           "action='demo.generate' AND entity='pledge'"),
                     q1(e, "SELECT count(*) FROM pledge"));
    assert_int_equal(q1(e, "SELECT count(*) FROM history WHERE after->>'$.scale'='small' AND "
                           "actor='tester'"),
                     XF_BULK_NTABLES - 1);
    /* Bulk mode: no per-row history but a complaint's steps, each by its
     * actor at its time (its history tells its timeline), and the awards
     * ranked by an organiser. */
    assert_int_equal(q1(e, "SELECT count(*) FROM history WHERE entity='complaint_event'"
                           " AND entity_id>0"),
                     q1(e, "SELECT count(*) FROM complaint_event"));
    assert_int_equal(q1(e, "SELECT count(*) FROM complaint_event c JOIN history h ON"
                           " h.entity='complaint_event' AND h.entity_id=c.id AND h.at=c.at"
                           " AND h.actor=c.actor"),
                     q1(e, "SELECT count(*) FROM complaint_event"));
    assert_int_equal(q1(e, "SELECT count(*) FROM history WHERE entity='award' AND"
                           " (actor<>'zz_lihua' OR action<>'award.rank')"),
                     0);
    assert_int_equal(q1(e, "SELECT count(*) FROM history"),
                     XF_BULK_NTABLES - 1 + q1(e, "SELECT count(*) FROM complaint_event") +
                         q1(e, "SELECT count(*) FROM history WHERE entity='award'"));
}

static void test_second_run_refused(void **state)
{
    (void)state;
    struct xf_error err = {0};
    int64_t before = q1(shared, "SELECT count(*) FROM member");
    assert_int_equal(xf_demo_generate(&shared->ctx, XF_DEMO_SMALL, SEED, NULL, &err), XF_ESTATE);
    assert_non_null(strstr(err.msg, "new"));
    assert_int_equal(q1(shared, "SELECT count(*) FROM member"), before);
    assert_false(xf_db_in_tx(shared->db));
}

static void test_same_seed_same_data(void **state)
{
    (void)state;
    struct xf_demo_stats again;
    struct tu_env *e = small_demo(&again);
    assert_memory_equal(again.rows, shared_stats.rows, sizeof again.rows);
    assert_int_equal(again.pledges_kept, shared_stats.pledges_kept);
    static const char *const digests[] = {
        "SELECT sum(length(name) * id) FROM member",
        "SELECT sum(unicode(substr(title,1,1)) * id) FROM post",
        "SELECT sum(julianday(received_at) * id) FROM complaint",
        "SELECT sum(id * (status='kept')) FROM pledge",
        "SELECT sum(score * 100 * id) FROM evaluation",
    };
    for (size_t i = 0; i < sizeof digests / sizeof *digests; i++)
        assert_int_equal(q1(e, digests[i]), q1(shared, digests[i]));
    tu_env_close(e);
}

static void test_other_seed_differs(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, SEED + 1, NULL, &err), XF_OK);
    const char *sql = "SELECT sum(length(name) * id) FROM member";
    assert_int_not_equal(q1(e, sql), q1(shared, sql));
    tu_env_close(e);
}

static void test_needs_import_permission(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    struct xf_error err = {0};
    tu_act_as(e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 1, NULL, &err), XF_EPERM);
    assert_int_equal(q1(e, "SELECT count(*) FROM unit"), 0);
    tu_env_close(e);
}

/* Every login the demo's records name (timelines, verifiers, inspectors,
 * rankings) is shown by a name, looked up when read: a timeline read
 * "dc_chenjing" where colleagues say 陈静, and "cb_d012 signed" where the
 * unit's liaison has a name too. The leaders who verify by their member
 * login (m0000001) are named by their member row, not here. */
static void test_staff_named(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT actor FROM complaint_event UNION SELECT verified_by FROM pledge "
                      "UNION SELECT inspector FROM inspection UNION SELECT actor FROM history";
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(shared->db), sql, -1, &st, NULL), SQLITE_OK);
    int named = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *login = (const char *)sqlite3_column_text(st, 0);
        if (!login || strcmp(login, shared->ctx.login) == 0 ||
            (login[0] == 'm' && login[1] >= '0' && login[1] <= '9'))
            continue;
        if (!xf_ctx_person_name(NULL, login))
            fprintf(stderr, "no name for %s\n", login);
        assert_non_null(xf_ctx_person_name(NULL, login));
        named++;
    }
    sqlite3_finalize(st);
    assert_true(named >= 10);
    /* the liaisons signed for complaints in the demo, and each is named */
    assert_true(q1(shared, "SELECT count(*) FROM complaint_event WHERE actor GLOB 'cb_*'") > 0);
    char who[160];
    xf_ctx_person(NULL, "dc_chenjing", who, sizeof who);
    assert_string_equal(who, "陈静 (dc_chenjing)");
    xf_ctx_person(NULL, "cb_d012", who, sizeof who);
    assert_string_equal(who, "马颖 (cb_d012)");
    assert_string_equal(xf_ctx_person_login(NULL, "马颖"), "cb_d012");
    /* no two of the demo's people share a name: the name alone, in a
     * list, says who (the sample configuration's 刘洋 among them) */
    assert_null(xf_ctx_person_login(NULL, "刘洋"));
    /* the configuration's name wins; an unknown login stays as it is */
    struct xf_user people[] = {
        {.login = "dc_chenjing", .name = "陈晶", .role = XF_ROLE_SUPERVISOR}};
    struct xf_config cfg = {.users = people, .n_users = 1};
    xf_ctx_person(&(struct xf_ctx){.cfg = &cfg}, "dc_chenjing", who, sizeof who);
    assert_string_equal(who, "陈晶 (dc_chenjing)");
    xf_ctx_person(&(struct xf_ctx){.cfg = &cfg}, "zhou.qi", who, sizeof who);
    assert_string_equal(who, "zhou.qi");
    /* and back, for the History filter: the configuration's first */
    assert_string_equal(xf_ctx_person_login(&cfg, "陈晶"), "dc_chenjing");
    assert_string_equal(xf_ctx_person_login(&cfg, "林娜"), "jc_linna");
    assert_null(xf_ctx_person_login(&cfg, "周琪"));
}

/* Leaders verify pledges with their member login (m0000001): with no name
 * in the configuration, the member with that login names them, as
 * "姓名 (login)"; a login no member has stays bare. */
static void test_member_logins_named(void **state)
{
    (void)state;
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT p.verified_by, m.name FROM pledge p JOIN member m "
                      "ON m.login = p.verified_by WHERE p.verified_by LIKE 'm%' LIMIT 1";
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(shared->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char login[64], want[200], who[160];
    snprintf(login, sizeof login, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(want, sizeof want, "%s (%s)", (const char *)sqlite3_column_text(st, 1), login);
    sqlite3_finalize(st);
    struct xf_ctx ctx = {.db = shared->db};
    xf_ctx_person(&ctx, login, who, sizeof who);
    assert_string_equal(who, want);
    /* called per row: the same again, from the cached statement */
    xf_ctx_person(&ctx, login, who, sizeof who);
    assert_string_equal(who, want);
    /* the configuration's name still wins */
    struct xf_user people[] = {{.login = login, .name = "王芳", .role = XF_ROLE_VIEWER}};
    struct xf_config cfg = {.users = people, .n_users = 1};
    ctx.cfg = &cfg;
    xf_ctx_person(&ctx, login, who, sizeof who);
    snprintf(want, sizeof want, "王芳 (%s)", login);
    assert_string_equal(who, want);
    ctx.cfg = NULL;
    xf_ctx_person(&ctx, "nobody.here", who, sizeof who);
    assert_string_equal(who, "nobody.here");
    /* without a database, the login alone */
    xf_ctx_person(&(struct xf_ctx){0}, login, who, sizeof who);
    assert_string_equal(who, login);
}

static int member_reads;
static int count_member_reads(unsigned type, void *arg, void *p, void *x)
{
    (void)type, (void)arg, (void)x;
    const char *sql = sqlite3_sql(p);
    if (sql && strstr(sql, "FROM member WHERE login"))
        member_reads++;
    return 0;
}

/* A list column shows the name alone, for every row it draws: the member's
 * name is kept with the connection (no query when the page is drawn
 * again), until the database changes. */
static void test_member_names_kept(void **state)
{
    (void)state;
    char login[64], name[160];
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT p.verified_by, m.name FROM pledge p JOIN member m "
                      "ON m.login = p.verified_by WHERE p.verified_by GLOB 'm[0-9]*' LIMIT 1";
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(shared->db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(login, sizeof login, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    struct xf_ctx ctx = {.db = shared->db};
    const char *a = xf_ctx_person_short(&ctx, login);
    assert_string_equal(a, name);
    sqlite3_trace_v2(xf_db_handle(shared->db), SQLITE_TRACE_STMT, count_member_reads, NULL);
    member_reads = 0;
    for (int i = 0; i < 20; i++) /* twenty redraws of a row */
        assert_string_equal(xf_ctx_person_short(&ctx, login), name);
    assert_int_equal(member_reads, 0);
    sqlite3_trace_v2(xf_db_handle(shared->db), 0, NULL, NULL);
    assert_string_equal(xf_ctx_person_short(&ctx, "dc_chenjing"), "陈静");
    assert_string_equal(xf_ctx_person_short(&ctx, "nobody.here"), "nobody.here");
    assert_string_equal(xf_ctx_person_short(&ctx, NULL), "");
    /* more logins than the memo holds: the first is read again, rightly */
    for (int i = 0; i < 200; i++) {
        char other[32];
        snprintf(other, sizeof other, "nobody.%d", i);
        assert_string_equal(xf_ctx_person_short(&ctx, other), other);
    }
    assert_string_equal(xf_ctx_person_short(&ctx, login), name);
    /* a member renamed: the list shows the new name at once */
    char *upd = sqlite3_mprintf("UPDATE member SET name = name || '甲' WHERE login = %Q", login);
    assert_int_equal(sqlite3_exec(xf_db_handle(shared->db), upd, NULL, NULL, NULL), SQLITE_OK);
    char want[200];
    snprintf(want, sizeof want, "%s甲", name);
    assert_string_equal(xf_ctx_person_short(&ctx, login), want);
    char who[300];
    xf_ctx_person(&ctx, login, who, sizeof who);
    char full[300];
    snprintf(full, sizeof full, "%s (%s)", want, login);
    assert_string_equal(who, full);
    sqlite3_free(upd);
    upd = sqlite3_mprintf("UPDATE member SET name = %Q WHERE login = %Q", name, login);
    assert_int_equal(sqlite3_exec(xf_db_handle(shared->db), upd, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(upd);
    assert_string_equal(xf_ctx_person_short(&ctx, login), name);
}

static void test_scale_names(void **state)
{
    (void)state;
    enum xf_demo_scale s;
    struct xf_error err = {0};
    assert_int_equal(xf_demo_scale_parse("city", &s, &err), XF_OK);
    assert_int_equal(s, XF_DEMO_CITY);
    assert_int_equal(xf_demo_scale_parse("small", &s, &err), XF_OK);
    assert_int_equal(s, XF_DEMO_SMALL);
    assert_int_equal(xf_demo_scale_parse("huge", &s, &err), XF_EINVAL);
    assert_string_equal(err.field, "scale");
    assert_string_equal(xf_demo_scale_name(XF_DEMO_CITY), "city");
}

/* Rules from the config shape the data: with consecutive failures and a
 * higher pass mark, revoked posts have them in a row. */
/* Late in the year the rankings fill the quotas the interface shows: a
 * shorter one (10 of 100) left `r` refusing to rank the rest. */
static void test_awards_fill_quotas(void **state)
{
    (void)state;
    xf_date_set_today("2026-11-26");
    struct xf_demo_stats st = {0};
    struct tu_env *e = small_demo(&st);
    assert_int_equal(q1(e, "SELECT count(*) FROM award WHERE kind='satisfaction_window'"),
                     xf_award_default_quota("satisfaction_window"));
    assert_int_equal(q1(e, "SELECT count(*) FROM award WHERE kind='service_brand'"),
                     xf_award_default_quota("service_brand"));
    tu_env_close(e);
    xf_date_set_today(TODAY);
}

static void test_follows_config(void **state)
{
    (void)state;
    struct tu_env *e = tu_env_open();
    e->cfg.pass_score = 88;
    e->cfg.consecutive = true;
    e->cfg.revoke_after_failures = 2;
    struct xf_error err = {0};
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 7, NULL, &err), XF_OK);
    none(e, "passed below the pass mark",
         "SELECT count(*) FROM evaluation WHERE passed <> (score >= 88)");
    assert_true(q1(e, "SELECT count(*) FROM post WHERE status='revoked'") > 0);
    none(e, "revoked without two failures in a row",
         "SELECT count(*) FROM post p WHERE status='revoked' AND NOT EXISTS (SELECT 1 FROM "
         "evaluation a JOIN evaluation b ON b.post_id=a.post_id AND b.quarter=(SELECT "
         "min(quarter) FROM evaluation WHERE post_id=a.post_id AND quarter>a.quarter) WHERE "
         "a.post_id=p.id AND a.passed=0 AND b.passed=0)");
    tu_env_close(e);
}

/* By hand: XF_TEST_CITY=1 build/tests/test_demo */
static void test_city(void **state)
{
    (void)state;
    if (!getenv("XF_TEST_CITY"))
        skip();
    struct tu_env *e = tu_env_open();
    struct xf_demo_stats st;
    struct xf_error err = {0};
    int rc = xf_demo_generate(&e->ctx, XF_DEMO_CITY, SEED, &st, &err);
    if (rc)
        fprintf(stderr, "city: %s\n", err.msg);
    assert_int_equal(rc, XF_OK);
    long total = 0;
    for (int t = 0; t < XF_BULK_NTABLES; t++) {
        fprintf(stderr, "  %-20s %8ld\n", xf_store_bulk_table_name(t), st.rows[t]);
        total += st.rows[t];
    }
    fprintf(stderr, "city demo: %ld rows, %ld pledges kept, %.2f s\n", total, st.pledges_kept,
            st.seconds);
    assert_in_range(q1(e, "SELECT count(*) FROM unit"), 2800, 3200);
    assert_int_equal(q1(e, "SELECT count(*) FROM post"), 20000);
    assert_int_equal(q1(e, "SELECT count(*) FROM member"), 310000);
    assert_int_equal(q1(e, "SELECT count(*) FROM pledge"), 479000);
    assert_in_range(st.pledges_kept, 338000, 346000);
    assert_true(st.seconds < 30);
    tu_env_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_every_state_present),
        cmocka_unit_test(test_integrity),
        cmocka_unit_test(test_bulk_checks_references),
        cmocka_unit_test(test_pledge_rules),
        cmocka_unit_test(test_complaint_rules),
        cmocka_unit_test(test_complaint_deadlines),
        cmocka_unit_test(test_post_rules),
        cmocka_unit_test(test_inspection_rules),
        cmocka_unit_test(test_history_summary),
        cmocka_unit_test(test_second_run_refused),
        cmocka_unit_test(test_same_seed_same_data),
        cmocka_unit_test(test_other_seed_differs),
        cmocka_unit_test(test_needs_import_permission),
        cmocka_unit_test(test_scale_names),
        cmocka_unit_test(test_staff_named),
        cmocka_unit_test(test_member_logins_named),
        cmocka_unit_test(test_member_names_kept),
        cmocka_unit_test(test_awards_fill_quotas),
        cmocka_unit_test(test_follows_config),
        cmocka_unit_test(test_city),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
