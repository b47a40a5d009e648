/* Optimistic concurrency between two sessions (SPEC §5): a stale write is
 * refused, the refusal says who changed what and when
 * (xf_conflict_describe), nothing is lost, and a retry with the fresh
 * version succeeds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"

#include "xf/complaint.h"
#include "xf/history.h"
#include "xf/conflict.h"
#include "xf/pledge.h"
#include "xf/post.h"
#include "xf/restore.h"
#include "xf/store_history.h"
#include "xf/store_internal.h"
#include "xf/store_restore.h"
#include "xf/unit.h"

/* Two users on two connections to one file. */
struct fx {
    struct tu_env *e;    /* alice's session */
    struct xf_db *db_b;  /* bob's connection */
    struct xf_ctx bob;
    int64_t unit, complaint;
};

static void ok(int rc, const struct xf_error *err)
{
    if (rc)
        fprintf(stderr, "unexpected error %d: %s: %s\n", rc, err->field, err->msg);
    assert_int_equal(rc, XF_OK);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct xf_error err = {0};
    f->e = tu_env_open();
    f->unit = tu_unit(f->e, "D1", "市场监管局", 0);
    struct xf_complaint_new in = {.source = "hotline", .unit_code = "D1",
                                  .text = "窗口工作人员态度生硬", .complainant_name = "张三",
                                  .complainant_phone = "13812345678"};
    ok(xf_complaint_receive(&f->e->ctx, &in, &f->complaint, &err), &err);
    tu_act_as(f->e, "alice", XF_ROLE_SUPERVISOR);
    assert_int_equal(xf_db_open(f->e->path, 0, &f->db_b, &err), XF_OK);
    xf_db_set_actor(f->db_b, "bob", "10.0.0.2");
    ok(xf_ctx_init(&f->bob, f->db_b, &f->e->cfg, "bob", &err), &err);
    f->bob.role = XF_ROLE_SUPERVISOR;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    xf_db_close(f->db_b);
    tu_env_close(f->e);
    free(f);
    return 0;
}

static struct xf_complaint load(const struct xf_ctx *ctx, int64_t id)
{
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    ok(xf_complaint_get(ctx, id, &c, &err), &err);
    return c;
}

static long count_sql(struct xf_db *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_stale_classify_refused_and_explained(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    /* Both open the same complaint. */
    struct xf_complaint a = load(&f->e->ctx, f->complaint), b = load(&f->bob, f->complaint);
    assert_int_equal(a.version, b.version);
    ok(xf_complaint_classify(&f->e->ctx, a.id, a.version, "attitude", "态度问题", &err), &err);

    int rc = xf_complaint_classify(&f->bob, b.id, b.version, "fees", NULL, &err);
    assert_int_equal(rc, XF_ECONFLICT);
    assert_string_equal(err.field, "version");
    assert_non_null(strstr(err.msg, "someone else"));
    assert_false(xf_db_in_tx(f->db_b));

    /* The explanation names alice, the time, the action and the change. */
    assert_int_equal(xf_conflict_describe(&f->bob, "complaint", b.id, NULL, &err), XF_ECONFLICT);
    assert_int_equal(err.code, XF_ECONFLICT);
    assert_string_equal(err.field, "version");
    assert_non_null(strstr(err.msg, "alice"));
    assert_non_null(strstr(err.msg, "(classify)"));
    assert_non_null(strstr(err.msg, "category: (none) → Attitude"));
    assert_non_null(strstr(err.msg, "state: received → classified"));
    assert_null(strstr(err.msg, "version:"));
    assert_null(strstr(err.msg, "updated_at"));
    struct xf_history_last h;
    ok(xf_store_history_last(f->db_b, "complaint", b.id, &h, &err), &err);
    assert_non_null(strstr(err.msg, h.at));
    xf_history_last_clear(&h);

    /* Nothing lost: alice's change is there, bob's was not applied. */
    struct xf_complaint now = load(&f->bob, f->complaint);
    assert_string_equal(now.category, "attitude");
    assert_string_equal(now.state, "classified");
    assert_int_equal(now.version, a.version + 1);
    assert_int_equal(count_sql(f->db_b, "SELECT count(*) FROM complaint_event "
                                        "WHERE action='classify'"),
                     1);
    assert_int_equal(count_sql(f->db_b, "SELECT count(*) FROM history WHERE actor='bob'"), 0);

    /* Bob reloads and acts on what he now sees: the next step succeeds. */
    ok(xf_complaint_dispatch(&f->bob, now.id, now.version, f->unit, NULL, 0, NULL, &err), &err);
    struct xf_complaint after = load(&f->e->ctx, f->complaint);
    assert_string_equal(after.state, "dispatched");
    assert_string_equal(after.category, "attitude");
    assert_int_equal(count_sql(f->e->db, "SELECT count(*) FROM history WHERE actor='bob' "
                                         "AND entity='complaint' AND action='complaint.dispatch'"),
                     1);
    xf_complaint_clear(&a);
    xf_complaint_clear(&b);
    xf_complaint_clear(&now);
    xf_complaint_clear(&after);
}

/* A stale note on the same field: the retry with the fresh version goes
 * through and both writes are in the history. */
/* The change cannot be shown to one who may no longer read the record
 * (it left their units): the refusal gives no advice they cannot follow. */
static void test_stale_outside_scope_says_no_reload(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint b = load(&f->bob, f->complaint);
    ok(xf_complaint_classify(&f->e->ctx, b.id, b.version, "attitude", NULL, &err), &err);
    tu_unit(f->e, "D2", "交警支队", 0);
    char *scopes[] = {"D2"};
    struct xf_user other = {.login = "bob", .name = "", .role = XF_ROLE_SUPERVISOR,
                            .scopes = scopes, .n_scopes = 1};
    f->bob.user = &other;
    int rc = xf_complaint_classify(&f->bob, b.id, b.version, "fees", NULL, &err);
    assert_int_equal(rc, XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "someone else"));
    assert_null(strstr(err.msg, "reload"));
    f->bob.user = NULL;
    xf_complaint_clear(&b);
}

static void test_retry_with_fresh_version(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint a = load(&f->e->ctx, f->complaint), b = load(&f->bob, f->complaint);
    ok(xf_complaint_supervise(&f->e->ctx, a.id, a.version, true, "逾期", &err), &err);
    assert_int_equal(xf_complaint_supervise(&f->bob, b.id, b.version, true, NULL, &err),
                     XF_ECONFLICT);
    xf_conflict_describe(&f->bob, "complaint", b.id, NULL, &err);
    assert_non_null(strstr(err.msg, "alice"));
    assert_non_null(strstr(err.msg, "supervised: no → yes"));
    struct xf_complaint fresh = load(&f->bob, f->complaint);
    ok(xf_complaint_classify(&f->bob, fresh.id, fresh.version, "fees", NULL, &err), &err);
    struct xf_complaint now = load(&f->e->ctx, f->complaint);
    assert_true(now.supervised);
    assert_string_equal(now.category, "fees");
    assert_int_equal(count_sql(f->e->db, "SELECT count(*) FROM history WHERE entity='complaint' "
                                         "AND actor IN ('alice','bob')"),
                     2);
    xf_complaint_clear(&a);
    xf_complaint_clear(&b);
    xf_complaint_clear(&fresh);
    xf_complaint_clear(&now);
}

/* Personal data changed by another user is named, not shown, to a role
 * that may not see it; long values are shortened. */
static void test_describe_masks_and_shortens(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    sqlite3_exec(xf_db_handle(f->e->db),
                 "UPDATE complaint SET complainant_phone='13900000000', text="
                 "'很长的投诉内容很长的投诉内容很长的投诉内容很长的投诉内容很长的投诉内容很长的投诉内容' "
                 "WHERE id=1",
                 NULL, NULL, NULL);
    f->bob.role = XF_ROLE_VIEWER;
    xf_err(&err, XF_ECONFLICT, "version", "stale");
    xf_conflict_describe(&f->bob, "complaint", f->complaint, NULL, &err);
    /* Masked as the history view masks it. */
    assert_non_null(strstr(err.msg, "complainant's phone: 138****5678 → 139****0000"));
    assert_null(strstr(err.msg, "13900000000"));
    assert_null(strstr(err.msg, "13812345678"));
    assert_non_null(strstr(err.msg, "…"));
    f->bob.role = XF_ROLE_SUPERVISOR;
    xf_conflict_describe(&f->bob, "complaint", f->complaint, NULL, &err);
    assert_non_null(strstr(err.msg, "13812345678 → 13900000000"));
}

/* Without history the message stays as it was; other kinds work too. */
static void test_describe_other_kinds(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    xf_err(&err, XF_ECONFLICT, "version", "as before");
    assert_int_equal(xf_conflict_describe(&f->bob, "pledge", 999, NULL, &err), XF_ECONFLICT);
    assert_string_equal(err.msg, "as before");

    tu_act_as(f->e, "alice", XF_ROLE_ORGANISER);
    struct xf_member m = {.unit_id = f->unit, .code = "M1", .name = "李明", .position = "科员"};
    ok(xf_member_create(&f->e->ctx, &m, &err), &err);
    struct xf_pledge_new pn = {.member_id = m.id, .text = "按时办结", .category = "time_limit",
                               .made_on = "2026-01-05", .due_on = "2026-02-05"};
    int64_t pid;
    ok(xf_pledge_make(&f->e->ctx, &pn, &pid, &err), &err);
    struct xf_pledge p = {0};
    ok(xf_pledge_get(&f->bob, pid, &p, &err), &err);
    ok(xf_pledge_withdraw(&f->e->ctx, pid, p.version, "调岗", &err), &err);
    f->bob.role = XF_ROLE_ORGANISER;
    assert_int_equal(xf_pledge_withdraw(&f->bob, pid, p.version, "重复", &err), XF_ECONFLICT);
    /* The refusal itself already says who and what. */
    assert_non_null(strstr(err.msg, "alice"));
    assert_non_null(strstr(err.msg, "status: open → withdrawn"));
    xf_conflict_describe(&f->bob, "pledge", pid, NULL, &err);
    /* the record's name starts the sentence the status line shows */
    assert_int_equal(strncmp(err.msg, "Pledge #", 8), 0);
    assert_non_null(strstr(err.msg, "alice"));
    assert_non_null(strstr(err.msg, "status: open → withdrawn"));
    xf_pledge_clear(&p);
}

/* A stale post edit names the post by its code, who changed it and
 * what; the other user's change stays, and a retry on the new version
 * keeps both. */
static void test_post_edit_conflict_explained(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "alice", XF_ROLE_ORGANISER);
    f->bob.role = XF_ROLE_ORGANISER;
    struct xf_post p = {.code = "P1", .unit_id = f->unit, .title = "绿色通道先锋岗"};
    ok(xf_post_create(&f->e->ctx, &p, &err), &err);
    struct xf_post a = {0}, b = {0};
    ok(xf_post_get(&f->e->ctx, p.id, &a, &err), &err);
    ok(xf_post_get(&f->bob, p.id, &b, &err), &err);
    free(a.title);
    a.title = strdup("便民服务先锋岗");
    ok(xf_post_edit(&f->e->ctx, &a, &err), &err);
    free(b.hotline);
    b.hotline = strdup("0451-12345");
    assert_int_equal(xf_post_edit(&f->bob, &b, &err), XF_ECONFLICT);
    assert_string_equal(err.field, "version");
    assert_int_equal(strncmp(err.msg, "Post P1 was changed by someone else", 35), 0);
    assert_non_null(strstr(err.msg, "alice"));
    /* named as the status line names people, when the config has a name */
    struct xf_user users[] = {{.login = "alice", .name = "李娜", .role = XF_ROLE_ORGANISER}};
    f->e->cfg.users = users;
    f->e->cfg.n_users = 1;
    b.version = 1;
    assert_int_equal(xf_post_edit(&f->bob, &b, &err), XF_ECONFLICT);
    f->e->cfg.users = NULL;
    f->e->cfg.n_users = 0;
    assert_non_null(strstr(err.msg, "someone else: 李娜 (alice) at "));
    assert_non_null(strstr(err.msg, xf_history_action_label("post.edit")));
    assert_null(strstr(err.msg, "post.edit"));
    assert_non_null(strstr(err.msg, "title: 绿色通道先锋岗 → 便民服务先锋岗"));
    assert_false(xf_db_in_tx(f->db_b));

    struct xf_post now = {0};
    ok(xf_post_get(&f->bob, p.id, &now, &err), &err);
    assert_string_equal(now.title, "便民服务先锋岗");
    b.version = now.version;
    free(b.title);
    b.title = strdup(now.title);
    ok(xf_post_edit(&f->bob, &b, &err), &err);
    struct xf_post after = {0};
    ok(xf_post_get(&f->e->ctx, p.id, &after, &err), &err);
    assert_string_equal(after.title, "便民服务先锋岗");
    assert_string_equal(after.hotline, "0451-12345");
    xf_post_clear(&a);
    xf_post_clear(&b);
    xf_post_clear(&now);
    xf_post_clear(&after);
}

/* Before a confirmation: the version of the right table each time, one
 * table after another on the same connection (the statement cache knows
 * statements by their SQL's address). */
static void test_conflict_check_tables(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_complaint c = load(&f->bob, f->complaint);
    ok(xf_conflict_check(&f->bob, "complaint", c.id, c.version, "c", &err), &err);
    assert_int_equal(xf_conflict_check(&f->bob, "unit", f->unit, 1, "u", &err), XF_OK);
    assert_int_equal(xf_conflict_check(&f->bob, "post", 4000, 1, "p", &err), XF_ENOTFOUND);
    assert_int_equal(xf_conflict_check(&f->bob, "complaint", c.id, c.version + 1, "the one",
                                       &err),
                     XF_ECONFLICT);
    assert_int_equal(strncmp(err.msg, "The one was changed", 19), 0);
    /* Chinese as it was */
    assert_int_equal(xf_conflict_check(&f->bob, "complaint", c.id, c.version + 1, "投诉 TS1",
                                       &err),
                     XF_ECONFLICT);
    assert_int_equal(strncmp(err.msg, "投诉 TS1 was changed", strlen("投诉 TS1 was changed")), 0);
    assert_int_equal(xf_conflict_check(&f->bob, "nonsense", 1, 1, "x", &err), XF_EINVAL);
    xf_complaint_clear(&c);
}

/* A menu left open on a record: stale once the version moved on or the
 * record cannot be read, not before; the same for every table. */
static void test_conflict_stale(void **state)
{
    struct fx *f = *state;
    struct xf_complaint c = load(&f->bob, f->complaint);
    assert_false(xf_conflict_stale(&f->bob, "complaint", c.id, c.version));
    assert_true(xf_conflict_stale(&f->bob, "complaint", c.id, c.version - 1));
    assert_false(xf_conflict_stale(&f->bob, "unit", f->unit, 1));
    assert_true(xf_conflict_stale(&f->bob, "unit", f->unit, 2));
    assert_true(xf_conflict_stale(&f->bob, "post", 4000, 1)); /* none such */
    assert_true(xf_conflict_stale(&f->bob, "nonsense", 1, 1));
    xf_complaint_clear(&c);
}

/* A form opened before a restore: the refusal names the restore, not the
 * record's last change in the backup (weeks old, by someone else). */
static void test_conflict_after_restore_names_it(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    char backup[300], keep[300];
    snprintf(backup, sizeof backup, "%s/b.db", f->e->dir);
    snprintf(keep, sizeof keep, "%s/kept.db", f->e->dir);
    int64_t seen;
    ok(xf_store_record_version(f->e->db, "unit", f->unit, &seen, &err), &err);
    ok(xf_db_backup(f->e->db, backup, &err), &err);
    ok(xf_store_restore(f->db_b, backup, keep, NULL, &err), &err); /* bob restores */
    int rc = xf_conflict_check(&f->e->ctx, "unit", f->unit, seen, "unit D1", &err);
    assert_int_equal(rc, XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "restored from a backup by bob at"));
}

static struct xf_complaint_new second = {
    .source = "hotline", .unit_code = "D1", .text = "还原前新收的投诉",
    .complainant_name = "李四", .complainant_phone = "13812345679"};
static struct xf_complaint_new third = {
    .source = "hotline", .unit_code = "D1", .text = "还原后新收的投诉",
    .complainant_name = "王五", .complainant_phone = "13812345670"};

/* The admin's restore, from a process of its own (`xianfeng restore`). */
static void restore_as_admin(struct fx *f, const char *backup)
{
    struct xf_error err = {0};
    char keep[300];
    snprintf(keep, sizeof keep, "%s/kept-by-admin.db", f->e->dir);
    struct xf_db *adm;
    ok(xf_db_open(f->e->path, 0, &adm, &err), &err);
    xf_db_set_actor(adm, "root", "");
    ok(xf_store_restore(adm, backup, keep, NULL, &err), &err);
    xf_db_close(adm);
}

/* A form left open on a record added after the backup: the restore takes
 * the record away and SQLite gives its id to the next new one, at the
 * same version 1, so the version check alone passed and the stale reject
 * landed on the new complaint. Refused now, nothing written, until the
 * session takes the restore in and reads again. */
static void test_stale_write_after_restore_refused(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    char backup[300];
    snprintf(backup, sizeof backup, "%s/before.db", f->e->dir);
    ok(xf_db_backup(f->e->db, backup, &err), &err);
    int64_t gone;
    ok(xf_complaint_receive(&f->e->ctx, &second, &gone, &err), &err);
    struct xf_complaint stale = load(&f->bob, gone); /* bob's reject form */
    assert_int_equal(stale.version, 1);

    restore_as_admin(f, backup);
    /* alice, too, read before the restore: her next save is refused */
    int64_t id = 0;
    long complaints = count_sql(f->db_b, "SELECT count(*) FROM complaint");
    assert_int_equal(xf_complaint_receive(&f->e->ctx, &third, &id, &err), XF_ECONFLICT);
    assert_int_equal(count_sql(f->db_b, "SELECT count(*) FROM complaint"), complaints);
    assert_false(xf_db_in_tx(f->e->db));
    /* ... until her session takes it in (an interface between forms) */
    int64_t mark;
    ok(xf_restore_unseen(&f->e->ctx, &mark, &err), &err);
    assert_true(mark > 0);
    xf_restore_take(&f->e->ctx, mark);
    ok(xf_complaint_receive(&f->e->ctx, &third, &id, &err), &err);
    assert_int_equal(id, gone); /* the vanished complaint's id, given again */
    struct xf_complaint fresh = load(&f->e->ctx, id);
    assert_int_equal(fresh.version, stale.version);
    assert_string_not_equal(fresh.text, stale.text);

    long history = count_sql(f->db_b, "SELECT count(*) FROM history");
    int rc = xf_complaint_reject(&f->bob, stale.id, stale.version, "不属于投诉", &err);
    assert_int_equal(rc, XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "restored from a backup by root at"));
    assert_non_null(strstr(err.msg, "nothing was saved"));
    assert_false(xf_db_in_tx(f->db_b));
    /* The question before a final step is refused the same way. */
    assert_int_equal(xf_conflict_check(&f->bob, "complaint", stale.id, stale.version, "c", &err),
                     XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "nothing was saved"));
    /* Nothing changed: the new complaint as received, no row by bob. */
    struct xf_complaint now = load(&f->e->ctx, id);
    assert_string_equal(now.state, "received");
    assert_int_equal(now.version, fresh.version);
    assert_null(now.reject_reason);
    assert_int_equal(count_sql(f->db_b, "SELECT count(*) FROM history"), history);
    assert_int_equal(count_sql(f->db_b, "SELECT count(*) FROM history WHERE actor='bob'"), 0);
    assert_int_equal(count_sql(f->db_b, "SELECT count(*) FROM complaint_event WHERE actor='bob'"),
                     0);

    /* Once bob's session has taken the restore in, a fresh read and write
     * work; a connection opened after the restore needs nothing. */
    ok(xf_restore_unseen(&f->bob, &mark, &err), &err);
    assert_true(mark > 0);
    xf_restore_take(&f->bob, mark);
    ok(xf_restore_unseen(&f->bob, &mark, &err), &err);
    assert_int_equal(mark, 0);
    struct xf_complaint b = load(&f->bob, id);
    ok(xf_complaint_reject(&f->bob, b.id, b.version, "不属于投诉", &err), &err);
    assert_true(count_sql(f->db_b, "SELECT count(*) FROM history WHERE actor='bob'") > 0);
    struct xf_complaint done = load(&f->e->ctx, id);
    assert_string_equal(done.state, "rejected");
    xf_complaint_clear(&done);
    struct xf_db *later;
    ok(xf_db_open(f->e->path, 0, &later, &err), &err);
    ok(xf_db_restore_check(later, &err), &err);
    xf_db_close(later);
    xf_complaint_clear(&stale);
    xf_complaint_clear(&fresh);
    xf_complaint_clear(&now);
    xf_complaint_clear(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stale_classify_refused_and_explained, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_with_fresh_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_outside_scope_says_no_reload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe_masks_and_shortens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe_other_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_edit_conflict_explained, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_check_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_stale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflict_after_restore_names_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_write_after_restore_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
