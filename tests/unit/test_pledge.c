/* Pledges: rules, state changes, permissions, history, roll-up, CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"
#include "xf/date.h"
#include "xf/pledge.h"
#include "xf/pledge_tally.h"
#include "xf/store_pledge_tally.h"
#include "xf/store_unit.h"
#include "xf/unit.h"
#include "xf/store_internal.h"

#define TODAY "2026-06-15"

/* D1 > O1 > W1, D1 > O2, D2: units[0..4] */
struct fixture {
    struct tu_env *e;
    int64_t d1, o1, w1, o2, d2;
    int64_t m_plain, m_leader, m_login;
};

static int64_t add_member(struct tu_env *e, const char *code, int64_t unit, bool leader,
                          const char *login)
{
    struct xf_error err = {0};
    struct xf_member m = {.unit_id = unit,
                          .code = (char *)code,
                          .name = "张三",
                          .position = "科员",
                          .is_leader = leader,
                          .login = (char *)login,
                          .active = true};
    assert_int_equal(xf_db_begin(e->db, "test.member", &err), XF_OK);
    assert_int_equal(xf_store_member_insert(e->db, &m, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    return m.id;
}

static void build_tree(struct fixture *f)
{
    struct tu_env *e = f->e;
    f->d1 = tu_unit(e, "D1", "市住建局", 0);
    f->o1 = tu_unit(e, "O1", "审批科", f->d1);
    f->w1 = tu_unit(e, "W1", "一号窗口", f->o1);
    f->o2 = tu_unit(e, "O2", "质监科", f->d1);
    f->d2 = tu_unit(e, "D2", "市交警支队", 0);
    f->m_plain = add_member(e, "M1", f->w1, false, NULL);
    f->m_leader = add_member(e, "M2", f->o1, true, NULL);
    f->m_login = add_member(e, "M3", f->d2, false, "lisi");
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    xf_date_set_today(TODAY);
    f->e = tu_env_open();
    build_tree(f);
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

static struct xf_pledge_new member_pledge(int64_t member)
{
    return (struct xf_pledge_new){.kind = "member",
                                  .member_id = member,
                                  .text = "办件时限压缩一半",
                                  .category = "time_limit",
                                  .made_on = "2026-01-10",
                                  .due_on = "2026-12-31"};
}

/* Each pledge made here is one of its own: the same text made the same
 * day by the same owner would be refused as a repeat. */
static int64_t make(struct fixture *f, struct xf_pledge_new in)
{
    static int n;
    char text[2100];
    snprintf(text, sizeof text, "%s %d", in.text, ++n);
    in.text = text;
    struct xf_error err = {0};
    int64_t id = 0;
    int rc = xf_pledge_make(&f->e->ctx, &in, &id, &err);
    if (rc)
        fprintf(stderr, "make: %s: %s\n", err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    return id;
}

static struct xf_pledge load(struct fixture *f, int64_t id)
{
    struct xf_pledge p = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_pledge_get(f->e->db, id, &p, &err), XF_OK);
    return p;
}

static int64_t version_of(struct fixture *f, int64_t id)
{
    struct xf_pledge p = load(f, id);
    int64_t v = p.version;
    xf_pledge_clear(&p);
    return v;
}

static int64_t sql_count(struct tu_env *e, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL), SQLITE_OK);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* Expects rc with err naming field. */
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

/* ---- making ---------------------------------------------------------------- */

static void test_make_member_pledge(void **state)
{
    struct fixture *f = *state;
    int64_t id = make(f, member_pledge(f->m_plain));
    struct xf_pledge p = load(f, id);
    assert_string_equal(p.kind, "member");
    assert_int_equal(p.unit_id, f->w1); /* the member's unit */
    assert_int_equal(p.member_id, f->m_plain);
    assert_string_equal(p.status, "open");
    assert_string_equal(p.created_by, "tester");
    assert_null(p.kept_on);
    xf_pledge_clear(&p);
    assert_int_equal(tu_history(f->e, "pledge", id, "pledge.make"), 1);
}

static void test_make_refuses_bad_input(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_pledge_new in = member_pledge(f->m_plain);
    in.text = "";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "text");
    in.text = "\xff\xfe bad";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "text");
    char *long_text = malloc(2001 * 3 + 1);
    long_text[0] = '\0';
    for (int i = 0; i < 2001; i++)
        strcat(long_text, "诺");
    in.text = long_text;
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "text");
    long_text[2000 * 3] = '\0'; /* exactly 2000 characters is fine */
    assert_int_equal(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_OK);
    free(long_text);
    in = member_pledge(f->m_plain);
    in.category = "speed";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "category");
    in = member_pledge(f->m_plain);
    in.kind = "team";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "kind");
    in = member_pledge(f->m_plain);
    in.made_on = "2026-02-30";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "made_on");
    in = member_pledge(f->m_plain);
    in.made_on = "2030-01-01"; /* after today */
    in.due_on = "2030-02-01";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "made_on");
    in = member_pledge(f->m_plain);
    in.due_on = "2026-13-01";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "due_on");
    in = member_pledge(f->m_plain);
    in.due_on = "2026-01-09";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "due_on");
    in = member_pledge(0);
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "member_id");
    in = member_pledge(9999);
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_ENOTFOUND, "member_id");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge"), 1);
}

/* The same pledge saved twice from the form would count twice in every
 * progress figure; a new day, another text or another member is another
 * pledge. */
static void test_make_refuses_a_repeat(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t first = 0;
    struct xf_pledge_new in = member_pledge(f->m_plain);
    assert_int_equal(xf_pledge_make(&f->e->ctx, &in, &first, &err), XF_OK);
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "text");
    char want[32];
    snprintf(want, sizeof want, "#%lld", (long long)first);
    assert_non_null(strstr(err.msg, want));
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge"), 1);
    in.made_on = "2026-01-11";
    make(f, in);
    in = member_pledge(f->m_plain);
    in.text = "窗口服务零投诉";
    make(f, in);
    in = member_pledge(f->m_leader);
    make(f, in);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge"), 4);
}

static void test_make_due_equal_made_allowed(void **state)
{
    struct fixture *f = *state;
    struct xf_pledge_new in = member_pledge(f->m_plain);
    in.due_on = in.made_on;
    make(f, in);
}

static void test_unit_target(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_pledge_new in = {.kind = "unit_target",
                               .unit_id = f->o2,
                               .text = "全年零投诉",
                               .category = "quality",
                               .made_on = "2026-01-01",
                               .due_on = "2026-12-31"};
    int64_t id = make(f, in);
    struct xf_pledge p = load(f, id);
    assert_int_equal(p.unit_id, f->o2);
    assert_int_equal(p.member_id, 0);
    xf_pledge_clear(&p);
    in.member_id = f->m_plain;
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "member_id");
    in.member_id = 0;
    in.unit_id = 0;
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "unit_id");
    in.unit_id = 4242;
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_ENOTFOUND, "unit_id");
}

static void test_leader_target_needs_leader(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_pledge_new in = member_pledge(f->m_plain);
    in.kind = "leader_target";
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EINVAL, "member_id");
    in.member_id = f->m_leader;
    int64_t id = make(f, in);
    struct xf_pledge p = load(f, id);
    assert_string_equal(p.kind, "leader_target");
    assert_int_equal(p.unit_id, f->o1);
    xf_pledge_clear(&p);
    /* The flag stays while the letter is open (a trial took it away and
     * kept the letter of a leader who was no longer one). */
    struct xf_member ed = {.id = f->m_leader, .version = 1, .unit_id = f->o1, .code = "M2",
                           .name = "张三", .position = "科员", .is_leader = false};
    assert_refused(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_ESTATE, "is_leader");
    assert_non_null(strstr(err.msg, "#"));
    ed.position = "副处长"; /* the rest of the record may change */
    ed.is_leader = true;
    assert_int_equal(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_OK);
    assert_int_equal(xf_pledge_withdraw(&f->e->ctx, id, 1, "调岗", &err), XF_OK);
    ed.is_leader = false;
    assert_int_equal(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_OK);
}

static void test_make_wrong_role(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_pledge_new in = member_pledge(f->m_plain);
    tu_act_as(f->e, "wang", XF_ROLE_VIEWER);
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "wang", XF_ROLE_INSPECTOR);
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    make(f, in);
}

static void test_make_out_of_scope(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_ORGANISER);
    struct xf_pledge_new in = member_pledge(f->m_plain); /* a D1 member */
    assert_refused(xf_pledge_make(&f->e->ctx, &in, NULL, &err), XF_EPERM, NULL);
    in.member_id = f->m_login; /* a D2 member */
    make(f, in);
}

/* ---- keeping and withdrawing ----------------------------------------------- */

static void test_keep(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "群众回访满意", &err), XF_OK);
    struct xf_pledge p = load(f, id);
    assert_string_equal(p.status, "kept");
    assert_string_equal(p.kept_on, "2026-06-01");
    assert_string_equal(p.evidence, "群众回访满意");
    assert_string_equal(p.verified_by, "checker");
    assert_int_equal(p.version, 2);
    xf_pledge_clear(&p);
    assert_int_equal(tu_history(f->e, "pledge", id, "pledge.keep"), 1);
}

static void test_keep_refuses_bad_input(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-16", "ok", &err), XF_EINVAL,
                   "kept_on"); /* tomorrow */
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-01-09", "ok", &err), XF_EINVAL,
                   "kept_on"); /* before made */
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-6-1", "ok", &err), XF_EINVAL, "kept_on");
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "", &err), XF_EINVAL,
                   "evidence");
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", NULL, &err), XF_EINVAL,
                   "evidence");
    assert_int_equal(xf_pledge_keep(&f->e->ctx, id, 1, TODAY, "ok", &err), XF_OK);
}

static void test_pledge_cannot_be_kept_twice(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_OK);
    /* With the fresh version: the state is what refuses. */
    assert_refused(xf_pledge_keep(&f->e->ctx, id, version_of(f, id), "2026-06-02", "again", &err),
                   XF_ESTATE, "status");
    struct xf_pledge p = load(f, id);
    assert_string_equal(p.kept_on, "2026-06-01");
    assert_string_equal(p.evidence, "ok");
    xf_pledge_clear(&p);
    assert_int_equal(tu_history(f->e, "pledge", id, "pledge.keep"), 1);
}

static void test_verifier_cannot_be_pledger(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    /* The member "lisi" pledged; lisi may not verify it. */
    struct xf_pledge_new in = member_pledge(f->m_login);
    int64_t id = make(f, in);
    tu_act_as(f->e, "lisi", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_EPERM,
                   "verified_by");
    /* ... which the form's check says before it opens. */
    assert_refused(xf_pledge_keep_check(&f->e->ctx, id, &err), XF_EPERM, "verified_by");
    tu_act_as(f->e, "wangwu", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep_check(&f->e->ctx, id, &err), XF_OK);
    /* Whoever recorded the pledge (tester) may not verify it either. */
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    assert_refused(xf_pledge_keep_check(&f->e->ctx, id, &err), XF_EPERM, "verified_by");
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_EPERM,
                   "verified_by");
    /* A unit's letter: still not the recorder. */
    struct xf_pledge_new ut = {.kind = "unit_target",
                               .unit_id = f->d1,
                               .text = "目标",
                               .category = "other",
                               .made_on = "2026-01-01",
                               .due_on = "2026-12-31"};
    int64_t uid = make(f, ut);
    assert_refused(xf_pledge_keep(&f->e->ctx, uid, 1, "2026-06-01", "ok", &err), XF_EPERM,
                   "verified_by");
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_OK);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, uid, 1, "2026-06-01", "ok", &err), XF_OK);
}

/* The login on a member's record is what keeps them from verifying their
 * own pledges: an organiser cannot clear or change it on their own record
 * and then verify (the trial's bypass); an administrator can change it. */
static void test_own_login_kept(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_login));
    tu_act_as(f->e, "lisi", XF_ROLE_ORGANISER);
    struct xf_member ed = {.id = f->m_login, .version = 1, .unit_id = f->d2, .code = "M3",
                           .name = "张三", .position = "科员", .login = NULL};
    assert_refused(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_EPERM, "login");
    assert_non_null(strstr(err.msg, "M3"));
    assert_non_null(strstr(err.msg, "administrator"));
    ed.login = "lisi2";
    assert_refused(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_EPERM, "login");
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_EPERM,
                   "verified_by");
    /* The rest of their record is theirs to keep up to date. */
    ed.login = "lisi";
    ed.position = "副科长";
    assert_int_equal(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_OK);
    /* Another member's login is still refused when taken. */
    struct xf_member other = {.id = f->m_plain, .version = 1, .unit_id = f->w1, .code = "M1",
                              .name = "张三", .position = "科员", .login = "lisi"};
    assert_refused(xf_member_edit(&f->e->ctx, &other, NULL, &err), XF_EINVAL, "login");
    tu_act_as(f->e, "admin1", XF_ROLE_ADMIN);
    ed.login = "lisi2";
    assert_int_equal(xf_member_edit(&f->e->ctx, &ed, NULL, &err), XF_OK);
    struct xf_member got = {0};
    assert_int_equal(xf_store_member_get(f->e->db, f->m_login, &got, &err), XF_OK);
    assert_string_equal(got.login, "lisi2");
    xf_member_clear(&got);
}

/* An office of one organiser: rules.recorder_may_verify lets the recorder
 * mark kept what they typed in; the member who pledged still may not. */
static void test_recorder_may_verify(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    f->e->cfg.recorder_may_verify = true;
    int64_t id = make(f, member_pledge(f->m_login));
    tu_act_as(f->e, "lisi", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep_check(&f->e->ctx, id, &err), XF_EPERM, "verified_by");
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    assert_int_equal(xf_pledge_keep_check(&f->e->ctx, id, &err), XF_OK);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_OK);
    f->e->cfg.recorder_may_verify = false;
}

static void test_withdraw(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 1, "", &err), XF_EINVAL, "withdraw_reason");
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 1, NULL, &err), XF_EINVAL, "withdraw_reason");
    assert_int_equal(xf_pledge_withdraw(&f->e->ctx, id, 1, "岗位调整", &err), XF_OK);
    struct xf_pledge p = load(f, id);
    assert_string_equal(p.status, "withdrawn");
    assert_string_equal(p.withdrawn_on, TODAY);
    assert_string_equal(p.withdraw_reason, "岗位调整");
    xf_pledge_clear(&p);
    assert_int_equal(tu_history(f->e, "pledge", id, "pledge.withdraw"), 1);
    /* withdrawn -> kept and withdrawn -> withdrawn are refused */
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 2, "2026-06-01", "ok", &err), XF_ESTATE,
                   "status");
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 2, "again", &err), XF_ESTATE, "status");
}

static void test_withdraw_kept_refused(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_OK);
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 2, "changed mind", &err), XF_ESTATE,
                   "status");
    struct xf_pledge p = load(f, id);
    assert_string_equal(p.status, "kept");
    xf_pledge_clear(&p);
}

static void test_stale_version(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 7, "2026-06-01", "ok", &err), XF_ECONFLICT, NULL);
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 0, "r", &err), XF_ECONFLICT, NULL);
    assert_int_equal(version_of(f, id), 1);
    assert_int_equal(tu_history(f->e, "pledge", id, NULL), 1);
}

static void test_keep_wrong_role_and_scope(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t id = make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_EPERM, NULL);
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 1, "r", &err), XF_EPERM, NULL);
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_EPERM, NULL);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep(&f->e->ctx, id, 1, "2026-06-01", "ok", &err), XF_EPERM, NULL);
    assert_refused(xf_pledge_withdraw(&f->e->ctx, id, 1, "r", &err), XF_EPERM, NULL);
    struct xf_pledge p = {0};
    assert_refused(xf_pledge_get(&f->e->ctx, id, &p, &err), XF_EPERM, NULL);
    assert_int_equal(version_of(f, id), 1);
}

static void test_unknown_pledge(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    assert_refused(xf_pledge_keep(&f->e->ctx, 777, 1, "2026-06-01", "ok", &err), XF_ENOTFOUND,
                   NULL);
}

/* ---- overdue, progress, report --------------------------------------------- */

static void test_overdue_with_forced_today(void **state)
{
    struct fixture *f = *state;
    struct xf_pledge_new in = member_pledge(f->m_plain);
    in.due_on = "2026-06-14";
    int64_t late = make(f, in);
    in.due_on = TODAY;
    int64_t due_today = make(f, in);
    struct xf_pledge p = load(f, late), q = load(f, due_today);
    assert_true(xf_pledge_is_overdue(&p, TODAY));
    assert_false(xf_pledge_is_overdue(&q, TODAY));
    assert_true(xf_pledge_is_overdue(&q, "2026-06-16"));
    assert_false(xf_pledge_is_overdue(&p, "2026-06-14"));
    /* The label follows the day: open until its day, overdue after (the
     * Chinese read 未兑现, "not kept", for one weeks from its day). */
    assert_string_equal(xf_pledge_status_label(&q, TODAY), "open");
    assert_string_equal(xf_pledge_status_label(&p, TODAY), "overdue");
    assert_string_equal(xf_pledge_status_label(&p, "2026-06-14"), "open");
    xf_pledge_clear(&p);
    xf_pledge_clear(&q);

    struct xf_pledge_counts c;
    struct xf_error err = {0};
    assert_int_equal(xf_pledge_totals(&f->e->ctx, NULL, &c, &err), XF_OK); /* forced today */
    assert_int_equal(c.overdue, 1);
    xf_date_set_today("2026-07-01");
    assert_int_equal(xf_pledge_totals(&f->e->ctx, NULL, &c, &err), XF_OK);
    assert_int_equal(c.overdue, 2);
    /* a kept pledge is never overdue */
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    /* (overdue, so its earlier day comes with a reason) */
    assert_int_equal(
        xf_pledge_keep_late(&f->e->ctx, late, 1, "2026-06-20", "ok", "台账补录", &err), XF_OK);
    assert_int_equal(xf_pledge_totals(&f->e->ctx, NULL, &c, &err), XF_OK);
    assert_int_equal(c.overdue, 1);
    /* ... and kept after its day says so (it read 已兑现 alone, as one kept
     * in time); kept on its day, kept */
    assert_int_equal(
        xf_pledge_keep_late(&f->e->ctx, due_today, 1, TODAY, "ok", "当日已办", &err), XF_OK);
    p = load(f, late);
    q = load(f, due_today);
    assert_string_equal(xf_pledge_status_label(&p, "2026-07-01"), "kept late");
    assert_string_equal(xf_pledge_status_label(&q, "2026-07-01"), "kept");
    xf_pledge_clear(&p);
    xf_pledge_clear(&q);
    xf_date_set_today(TODAY);
}

/* An overdue pledge marked kept on an earlier day leaves the overdue
 * count as if never late: the day needs a reason, kept in the history,
 * and the detail reads when and by whom it was marked. */
static void test_keep_late_needs_reason(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_pledge_new in = member_pledge(f->m_plain);
    in.made_on = "2026-01-05";
    in.due_on = "2026-02-01";
    int64_t late = make(f, in);
    in.due_on = "2026-12-31";
    int64_t ontime = make(f, in);
    xf_date_set_today("2026-03-01");
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_refused(xf_pledge_keep(&f->e->ctx, late, 1, "2026-01-20", "ok", &err), XF_EINVAL,
                   "late_reason");
    assert_non_null(strstr(err.msg, "2026-02-01 (28 days)"));
    struct xf_pledge p = load(f, late);
    assert_string_equal(p.status, "open"); /* nothing changed */
    xf_pledge_clear(&p);
    /* kept today needs none; nor does a pledge not yet due */
    assert_int_equal(xf_pledge_keep(&f->e->ctx, ontime, 1, "2026-02-20", "ok", &err), XF_OK);
    assert_int_equal(
        xf_pledge_keep_late(&f->e->ctx, late, 1, "2026-01-20", "ok", "台账补录", &err), XF_OK);
    char *at = NULL, *actor = NULL, *reason = NULL;
    assert_int_equal(xf_pledge_kept_record(&f->e->ctx, late, &at, &actor, &reason, &err), XF_OK);
    assert_non_null(at);
    assert_string_equal(actor, "checker");
    assert_string_equal(reason, "台账补录");
    free(at), free(actor), free(reason);
    assert_int_equal(xf_pledge_kept_record(&f->e->ctx, ontime, &at, &actor, &reason, &err),
                     XF_OK);
    assert_string_equal(actor, "checker");
    assert_null(reason);
    free(at), free(actor), free(reason);
    xf_date_set_today(TODAY);
}

static void test_rate(void **state)
{
    (void)state;
    struct xf_pledge_counts c = {.made = 10, .kept = 6, .withdrawn = 2};
    assert_true(xf_pledge_rate(&c) > 0.7499 && xf_pledge_rate(&c) < 0.7501);
    struct xf_pledge_counts none = {.made = 2, .withdrawn = 2};
    assert_true(xf_pledge_rate(&none) == 0.0);
}

/* Pledges spread over the tree in every state. */
static void spread_pledges(struct fixture *f)
{
    struct xf_error err = {0};
    int64_t members[] = {f->m_plain, f->m_leader, f->m_login};
    for (int i = 0; i < 30; i++) {
        struct xf_pledge_new in = member_pledge(members[i % 3]);
        in.due_on = i % 4 == 0 ? "2026-03-01" : "2026-12-31";
        if (i % 5 == 0) {
            in = (struct xf_pledge_new){.kind = "unit_target",
                                        .unit_id = i % 10 == 0 ? f->o2 : f->d1,
                                        .text = "目标",
                                        .category = "other",
                                        .made_on = "2026-01-01",
                                        .due_on = in.due_on};
        }
        int64_t id = make(f, in);
        tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
        if (i % 3 == 1)
            assert_int_equal(
                xf_pledge_keep_late(&f->e->ctx, id, 1, "2026-05-01", "ok", "补录", &err), XF_OK);
        else if (i % 7 == 2)
            assert_int_equal(xf_pledge_withdraw(&f->e->ctx, id, 1, "r", &err), XF_OK);
        tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    }
}

struct collected {
    int n;
    int64_t ids[16];
    struct xf_pledge_counts c[16];
};

static int collect(void *arg, const struct xf_pledge_unit_counts *row)
{
    struct collected *c = arg;
    c->ids[c->n] = row->unit_id;
    c->c[c->n++] = row->c;
    return XF_OK;
}

/* The counts of the subtree of unit, by plain SQL over the pledge table. */
static void plain_counts(struct tu_env *e, int64_t unit, struct xf_pledge_counts *out)
{
    char sql[512];
    char w[256];
    snprintf(w, sizeof w,
             "unit_id IN (SELECT u.id FROM unit u, unit a WHERE a.id=%lld"
             " AND u.path LIKE a.path || '%%')",
             (long long)unit);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pledge WHERE %s", w);
    out->made = sql_count(e, sql);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pledge WHERE status='kept' AND %s", w);
    out->kept = sql_count(e, sql);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pledge WHERE status='withdrawn' AND %s", w);
    out->withdrawn = sql_count(e, sql);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pledge WHERE status='open' AND %s", w);
    out->open = sql_count(e, sql);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pledge WHERE status='open' AND due_on < '" TODAY "' AND %s", w);
    out->overdue = sql_count(e, sql);
}

static void assert_counts_equal(const struct xf_pledge_counts *a, const struct xf_pledge_counts *b)
{
    assert_int_equal(a->made, b->made);
    assert_int_equal(a->kept, b->kept);
    assert_int_equal(a->withdrawn, b->withdrawn);
    assert_int_equal(a->open, b->open);
    assert_int_equal(a->overdue, b->overdue);
}

static void test_rollup_equals_plain_counts(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    spread_pledges(f);
    /* top level: D1 and D2 */
    struct collected top = {0};
    assert_int_equal(xf_pledge_progress(&f->e->ctx, 0, TODAY, collect, &top, &err), XF_OK);
    assert_int_equal(top.n, 2);
    assert_int_equal(top.ids[0], f->d1);
    assert_int_equal(top.ids[1], f->d2);
    for (int i = 0; i < top.n; i++) {
        struct xf_pledge_counts want;
        plain_counts(f->e, top.ids[i], &want);
        assert_counts_equal(&top.c[i], &want);
    }
    assert_true(top.c[0].made > 0 && top.c[0].kept > 0 && top.c[0].withdrawn > 0 &&
                top.c[0].overdue > 0);
    /* children of D1: O1 (with W1 below it) and O2 */
    struct collected kids = {0};
    assert_int_equal(xf_pledge_progress(&f->e->ctx, f->d1, TODAY, collect, &kids, &err), XF_OK);
    assert_int_equal(kids.n, 2);
    assert_int_equal(kids.ids[0], f->o1);
    assert_int_equal(kids.ids[1], f->o2);
    for (int i = 0; i < kids.n; i++) {
        struct xf_pledge_counts want;
        plain_counts(f->e, kids.ids[i], &want);
        assert_counts_equal(&kids.c[i], &want);
    }
    /* a leaf: W1 has no children */
    struct collected leaf = {0};
    assert_int_equal(xf_pledge_progress(&f->e->ctx, f->w1, TODAY, collect, &leaf, &err), XF_OK);
    assert_int_equal(leaf.n, 0);
    /* O1's only child W1 */
    struct collected o1 = {0};
    assert_int_equal(xf_pledge_progress(&f->e->ctx, f->o1, TODAY, collect, &o1, &err), XF_OK);
    assert_int_equal(o1.n, 1);
    struct xf_pledge_counts want;
    plain_counts(f->e, f->w1, &want);
    assert_counts_equal(&o1.c[0], &want);
    /* totals = the departments summed = a plain count */
    struct xf_pledge_counts all;
    assert_int_equal(xf_pledge_totals(&f->e->ctx, TODAY, &all, &err), XF_OK);
    assert_int_equal(all.made, sql_count(f->e, "SELECT count(*) FROM pledge"));
    assert_int_equal(all.made, top.c[0].made + top.c[1].made);
    assert_int_equal(all.kept, top.c[0].kept + top.c[1].kept);
    assert_int_equal(all.overdue, top.c[0].overdue + top.c[1].overdue);
}

static void test_progress_scoped(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    spread_pledges(f);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_VIEWER);
    struct collected top = {0};
    assert_int_equal(xf_pledge_progress(&f->e->ctx, 0, TODAY, collect, &top, &err), XF_OK);
    assert_int_equal(top.n, 1);
    assert_int_equal(top.ids[0], f->d2);
}

static void test_report(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    spread_pledges(f);
    struct xf_table t = {0};
    assert_int_equal(xf_pledge_report(&f->e->ctx, TODAY, 1, &t, &err), XF_OK);
    assert_int_equal(t.ncols, 8);
    assert_int_equal(t.nrows, 3); /* D1, D2, total */
    assert_string_equal(xf_table_cell(&t, 0, 0), "D1");
    assert_string_equal(xf_table_cell(&t, 1, 0), "D2");
    char want[32];
    snprintf(want, sizeof want, "%lld", (long long)sql_count(f->e, "SELECT count(*) FROM pledge"));
    assert_string_equal(xf_table_cell(&t, 2, 2), want);
    snprintf(want, sizeof want, "%lld",
             (long long)sql_count(f->e, "SELECT count(*) FROM pledge WHERE status='kept'"));
    assert_string_equal(xf_table_cell(&t, 2, 3), want);
    snprintf(want, sizeof want, "%lld",
             (long long)sql_count(f->e, "SELECT count(*) FROM pledge WHERE status='withdrawn'"));
    assert_string_equal(xf_table_cell(&t, 2, 4), want);
    snprintf(want, sizeof want, "%lld",
             (long long)sql_count(f->e, "SELECT count(*) FROM pledge WHERE status='open'"
                                        " AND due_on < '" TODAY "'"));
    assert_string_equal(xf_table_cell(&t, 2, 5), want);
    xf_table_free(&t);

    /* depth 3: every unit in tree order, then the total; a unit whose
     * children are listed is followed by the pledges made at it, so the
     * rows under it add up to it (D1: its 3 unit letters + O1 + O2). */
    memset(&t, 0, sizeof t);
    assert_int_equal(xf_pledge_report(&f->e->ctx, TODAY, 3, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 8);
    const char *order[] = {"D1", "D1", "O1", "O1", "W1", "O2", "D2", ""};
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(xf_table_cell(&t, i, 0), order[i]);
    assert_non_null(strstr(xf_table_cell(&t, 1, 1), "(own)"));
    assert_non_null(strstr(xf_table_cell(&t, 3, 1), "(own)"));
    assert_string_equal(xf_table_cell(&t, 1, 2), "3");
    long sum = atol(xf_table_cell(&t, 1, 2)) + atol(xf_table_cell(&t, 2, 2)) +
               atol(xf_table_cell(&t, 5, 2));
    assert_int_equal(sum, atol(xf_table_cell(&t, 0, 2)));
    /* The last column says which rows partition the total: a spreadsheet
     * summing every row would count D1's pledges twice (a trial's did).
     * A unit's row says the same at every depth ("with units below"),
     * adding where the rows below sum to it. */
    const char *sums = "with units below = the rows below", *below = "with units below",
               *own = "unit itself";
    const char *kind[] = {sums, own, sums, own, below, below, below, "total"};
    long parts = 0;
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(xf_table_cell(&t, i, 7), kind[i]);
        if (kind[i] != sums && i < 7)
            parts += atol(xf_table_cell(&t, i, 2));
    }
    assert_int_equal(parts, atol(xf_table_cell(&t, 7, 2)));
    xf_table_free(&t);
    memset(&t, 0, sizeof t);
    assert_refused(xf_pledge_report(&f->e->ctx, TODAY, 0, &t, &err), XF_EINVAL, "depth");

    /* A user limited to O1, below the departments, reads from O1 down:
     * depth 1 is O1 (it had no row but the total), depth 2 adds W1. */
    struct xf_user u;
    char *scopes[] = {"O1"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_VIEWER);
    memset(&t, 0, sizeof t);
    assert_int_equal(xf_pledge_report(&f->e->ctx, TODAY, 1, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(xf_table_cell(&t, 0, 0), "O1");
    assert_string_equal(xf_table_cell(&t, 0, 7), "with units below"); /* as at depth 2 */
    assert_string_equal(xf_table_cell(&t, 0, 2), xf_table_cell(&t, 1, 2));
    xf_table_free(&t);
    memset(&t, 0, sizeof t);
    assert_int_equal(xf_pledge_report(&f->e->ctx, TODAY, 2, &t, &err), XF_OK);
    const char *mine[] = {"O1", "O1", "W1", ""};
    assert_int_equal(t.nrows, 4);
    assert_non_null(strstr(xf_table_cell(&t, 0, 7), "with units below"));
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(xf_table_cell(&t, i, 0), mine[i]);
    xf_table_free(&t);
    /* Two scopes at different depths are siblings: O1 is not taken for a
     * child of D2 (which would give D2 an "(own)" row of D2 minus O1). */
    f->e->ctx.user = NULL;
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    for (int i = 0; i < 40; i++) /* D2 with more pledges than O1 */
        make(f, (struct xf_pledge_new){.kind = "unit_target", .unit_id = f->d2, .text = "目标",
                                       .category = "other", .made_on = "2026-01-01",
                                       .due_on = "2026-12-31"});
    char *two[] = {"D2", "O1"};
    tu_scope(f->e, &u, two, "zhao", XF_ROLE_VIEWER);
    u.n_scopes = 2;
    memset(&t, 0, sizeof t);
    assert_int_equal(xf_pledge_report(&f->e->ctx, TODAY, 1, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 3);
    assert_string_equal(xf_table_cell(&t, 0, 0), "D2");
    assert_string_equal(xf_table_cell(&t, 1, 0), "O1");
    assert_null(strstr(xf_table_cell(&t, 0, 1), "(own)"));
    /* an office named with its department, as it is not one of its own */
    assert_non_null(strstr(xf_table_cell(&t, 1, 1), " \u203a "));
    xf_table_free(&t);
    f->e->ctx.user = NULL;
}

static void test_report_progress_column(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    /* D2: 4 made, 1 withdrawn, 2 kept -> 66.7 % */
    int64_t ids[4];
    for (int i = 0; i < 4; i++)
        ids[i] = make(f, member_pledge(f->m_login));
    assert_int_equal(xf_pledge_withdraw(&f->e->ctx, ids[0], 1, "r", &err), XF_OK);
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, ids[1], 1, TODAY, "ok", &err), XF_OK);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, ids[2], 1, TODAY, "ok", &err), XF_OK);
    struct xf_table t = {0};
    assert_int_equal(xf_pledge_report(&f->e->ctx, TODAY, 1, &t, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 0, 6), "-"); /* D1: nothing pledged */
    assert_string_equal(xf_table_cell(&t, 1, 6), "66.7");
    xf_table_free(&t);
}

/* ---- CSV ------------------------------------------------------------------- */

static void test_csv_round_trip(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    spread_pledges(f);
    char *first = tu_export(f->e, &xf_kind_pledges);
    assert_non_null(strstr(first, "id,kind,member_code,unit_code,text,category"));

    struct fixture g = {.e = tu_env_open()};
    build_tree(&g);
    int rc = tu_import(g.e, &xf_kind_pledges, first, &err);
    if (rc)
        fprintf(stderr, "import: line %ld %s: %s\n", err.line, err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    char *second = tu_export(g.e, &xf_kind_pledges);
    assert_string_equal(first, second);
    /* ids kept; kept data kept */
    assert_int_equal(sql_count(g.e, "SELECT count(*) FROM pledge WHERE status='kept'"),
                     sql_count(f->e, "SELECT count(*) FROM pledge WHERE status='kept'"));
    assert_int_equal(sql_count(g.e, "SELECT max(id) FROM pledge"),
                     sql_count(f->e, "SELECT max(id) FROM pledge"));
    free(first);
    free(second);
    tu_env_close(g.e);
}

static void expect_import_error(struct fixture *f, const char *row, const char *field)
{
    struct xf_error err = {0};
    char *csv = malloc(strlen(row) + 256);
    sprintf(csv,
            "id,kind,member_code,unit_code,text,category,made_on,due_on,status,kept_on,"
            "evidence,verified_by,withdrawn_on,withdraw_reason,created_by\r\n%s\r\n",
            row);
    int rc = tu_import(f->e, &xf_kind_pledges, csv, &err);
    if (rc == XF_OK || strcmp(err.field, field) != 0)
        fprintf(stderr, "row %s: got %d %s: %s\n", row, rc, err.field, err.msg);
    assert_int_not_equal(rc, XF_OK);
    assert_string_equal(err.field, field);
    assert_int_equal(err.line, 2);
    free(csv);
}

static void test_csv_import_refusals(void **state)
{
    struct fixture *f = *state;
    expect_import_error(f, "1,member,NOPE,,t,other,2026-01-01,2026-02-01,open,,,,,,x",
                        "member_code");
    expect_import_error(f, "1,unit_target,,NOPE,t,other,2026-01-01,2026-02-01,open,,,,,,x",
                        "unit_code");
    expect_import_error(f, "1,member,M1,,t,other,2026-01-01,2026-02-01,done,,,,,,x", "status");
    expect_import_error(f, "x,member,M1,,t,other,2026-01-01,2026-02-01,open,,,,,,x", "id");
    expect_import_error(f, "1,member,M1,,t,other,2026-03-01,2026-02-01,open,,,,,,x", "due_on");
    expect_import_error(f, "1,member,M1,,t,bad,2026-01-01,2026-02-01,open,,,,,,x", "category");
    /* kept: verifier is the recorder / the member */
    expect_import_error(f, "1,member,M1,,t,other,2026-01-01,2026-02-01,kept,2026-02-01,e,x,,,x",
                        "verified_by");
    expect_import_error(f, "1,member,M3,,t,other,2026-01-01,2026-02-01,kept,2026-02-01,e,lisi,,,x",
                        "verified_by");
    expect_import_error(f, "1,member,M1,,t,other,2026-01-01,2026-02-01,kept,2026-02-01,,y,,,x",
                        "evidence");
    expect_import_error(f, "1,member,M1,,t,other,2026-01-01,2026-02-01,open,2026-02-01,,,,,x",
                        "kept_on");
    expect_import_error(f, "1,member,M1,,t,other,2026-01-01,2026-02-01,withdrawn,,,,2026-02-01,,x",
                        "withdraw_reason");
    expect_import_error(f, "1,leader_target,M1,,t,other,2026-01-01,2026-02-01,open,,,,,,x",
                        "member_code");
    expect_import_error(f, "1,member,M1,,t,other,2030-01-01,2030-02-01,open,,,,,,x", "made_on");
    /* A kept pledge without its day is told so, not "not a valid date". */
    struct xf_error kerr = {0};
    assert_int_not_equal(tu_import(f->e, &xf_kind_pledges,
                                   "id,kind,member_code,unit_code,text,category,made_on,due_on,"
                                   "status,kept_on,evidence,verified_by\r\n"
                                   "1,member,M1,,t,other,2026-01-01,2026-02-01,kept,,台账,lisi\r\n",
                                   &kerr),
                         XF_OK);
    assert_string_equal(kerr.field, "kept_on");
    assert_non_null(strstr(kerr.msg, "needs the day it was kept"));
    /* A new pledge (no id) is made in the member's unit (M1 is in W1). */
    expect_import_error(f, ",member,M1,D2,t,other,2026-01-10,2026-02-01,open,,,,,,x", "unit_code");
    expect_import_error(f, "1,member,M1,,t,other,2026-01-10,2026-02-01,withdrawn,,,,2026-01-09,r,x",
                        "withdrawn_on");
    expect_import_error(f, "1,member,M1,,t,other,2026-01-10,2026-02-01,withdrawn,,,,2030-01-01,r,x",
                        "withdrawn_on");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge"), 0);
    /* an id already taken */
    make(f, member_pledge(f->m_plain));
    expect_import_error(f, "1,member,M1,,t,other,2026-01-01,2026-02-01,open,,,,,,x", "id");
}

static void test_csv_import_wrong_role(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    int rc = tu_import(f->e, &xf_kind_pledges,
                       "id,kind,member_code,text,category,made_on,due_on\r\n"
                       "5,member,M1,t,other,2026-01-01,2026-02-01\r\n",
                       &err);
    assert_int_equal(rc, XF_EPERM);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    rc = tu_import(f->e, &xf_kind_pledges,
                   "id,kind,member_code,text,category,made_on,due_on\r\n"
                   "5,member,M1,t,other,2026-01-01,2026-02-01\r\n",
                   &err);
    assert_int_equal(rc, XF_OK);
    struct xf_pledge p = load(f, 5);
    assert_int_equal(p.unit_id, f->w1);
    assert_string_equal(p.status, "open");
    xf_pledge_clear(&p);
}

/* New pledges from a spreadsheet have no id: without the column, or with
 * it blank, each gets the next id and the importer as its recorder. */
static void test_csv_import_without_ids(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    make(f, member_pledge(f->m_plain));
    int64_t before = sql_count(f->e, "SELECT max(id) FROM pledge");
    int rc = tu_import(f->e, &xf_kind_pledges,
                       "kind,member_code,text,category,made_on,due_on\r\n"
                       "member,M1,按时办结,other,2026-01-01,2026-02-01\r\n",
                       &err);
    assert_int_equal(rc, XF_OK);
    rc = tu_import(f->e, &xf_kind_pledges,
                   "id,kind,member_code,text,category,made_on,due_on,created_by\r\n"
                   ",member,M1,微笑服务,other,2026-01-01,2026-02-01,\r\n"
                   " ,member,M1,一次告知,other,2026-01-01,2026-02-01,zhang.san\r\n",
                   &err);
    if (rc)
        fprintf(stderr, "import: line %ld %s: %s\n", err.line, err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge"), 4);
    assert_int_equal(sql_count(f->e, "SELECT max(id) FROM pledge"), before + 3);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge WHERE created_by='tester'"
                                     " AND text IN ('按时办结','微笑服务')"),
                     2);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge WHERE created_by='zhang.san'"),
                     1);
    /* An exported pledge keeps its unit though the member has moved since. */
    rc = tu_import(f->e, &xf_kind_pledges,
                   "id,kind,member_code,unit_code,text,category,made_on,due_on\r\n"
                   "50,member,M1,D2,限时办结,other,2026-01-01,2026-02-01\r\n",
                   &err);
    assert_int_equal(rc, XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT p.id FROM pledge p JOIN unit u ON u.id=p.unit_id"
                                     " WHERE u.code='D2' AND p.text='限时办结'"),
                     50);
}

/* ---- the interface's reads: tree top, one unit, member and pledge pages ---- */

static void test_progress_top_and_unit(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    spread_pledges(f);
    struct collected top = {0}, all = {0};
    assert_int_equal(xf_pledge_progress_top(&f->e->ctx, TODAY, collect, &top, &err), XF_OK);
    assert_int_equal(xf_pledge_progress(&f->e->ctx, 0, TODAY, collect, &all, &err), XF_OK);
    assert_int_equal(top.n, all.n);
    for (int i = 0; i < top.n; i++) {
        assert_int_equal(top.ids[i], all.ids[i]);
        assert_counts_equal(&top.c[i], &all.c[i]);
    }
    /* one unit's subtree, counted from that subtree only */
    const int64_t units[] = {f->d1, f->o1, f->w1, f->o2, f->d2};
    for (size_t i = 0; i < 5; i++) {
        struct collected one = {0};
        struct xf_pledge_counts want;
        assert_int_equal(xf_pledge_progress_unit(&f->e->ctx, units[i], TODAY, collect, &one, &err),
                         XF_OK);
        assert_int_equal(one.n, 1);
        assert_int_equal(one.ids[0], units[i]);
        plain_counts(f->e, units[i], &want);
        assert_counts_equal(&one.c[0], &want);
    }
    struct collected none = {0};
    assert_refused(xf_pledge_progress_unit(&f->e->ctx, 9999, TODAY, collect, &none, &err),
                   XF_ENOTFOUND, "unit_id");
    assert_int_equal(none.n, 0);
}

struct children_seen {
    int n;
    int64_t ids[8];
    int children[8];
};

static int note_children(void *arg, const struct xf_pledge_unit_counts *row)
{
    struct children_seen *c = arg;
    c->ids[c->n] = row->unit_id;
    c->children[c->n++] = row->children;
    return XF_OK;
}

/* The tree marks which units can be opened. */
static void test_progress_counts_children(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct children_seen top = {0}, d1 = {0}, one = {0};
    assert_int_equal(xf_pledge_progress_top(&f->e->ctx, TODAY, note_children, &top, &err), XF_OK);
    assert_int_equal(top.n, 2);
    assert_int_equal(top.children[0], 2); /* D1: O1, O2 */
    assert_int_equal(top.children[1], 0); /* D2 */
    assert_int_equal(xf_pledge_progress(&f->e->ctx, f->d1, TODAY, note_children, &d1, &err),
                     XF_OK);
    assert_int_equal(d1.children[0], 1); /* O1: W1 */
    assert_int_equal(d1.children[1], 0); /* O2 */
    assert_int_equal(xf_pledge_progress_unit(&f->e->ctx, f->w1, TODAY, note_children, &one, &err),
                     XF_OK);
    assert_int_equal(one.children[0], 0);
}

static void test_progress_top_scoped(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    spread_pledges(f);
    struct xf_user u;
    char *scopes[] = {"O1", "W1", "D2"}; /* W1 lies under O1: shown there, not on top */
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_VIEWER);
    u.n_scopes = 3;
    struct collected top = {0};
    assert_int_equal(xf_pledge_progress_top(&f->e->ctx, TODAY, collect, &top, &err), XF_OK);
    assert_int_equal(top.n, 2);
    assert_int_equal(top.ids[0], f->o1);
    assert_int_equal(top.ids[1], f->d2);
    struct xf_pledge_counts want;
    plain_counts(f->e, f->o1, &want);
    assert_counts_equal(&top.c[0], &want);
    struct collected out = {0};
    assert_refused(xf_pledge_progress_unit(&f->e->ctx, f->d1, TODAY, collect, &out, &err),
                   XF_EPERM, "");
    assert_refused(xf_pledge_progress_unit(&f->e->ctx, f->o2, TODAY, collect, &out, &err),
                   XF_EPERM, "");
    assert_int_equal(xf_pledge_progress_unit(&f->e->ctx, f->w1, TODAY, collect, &out, &err),
                     XF_OK);
    assert_int_equal(out.n, 1);
}

struct member_page {
    int n;
    int64_t ids[16];
    char names[16][32];
    struct xf_pledge_counts c[16];
};

static int collect_member(void *arg, const struct xf_pledge_member_counts *row)
{
    struct member_page *pg = arg;
    pg->ids[pg->n] = row->member_id;
    snprintf(pg->names[pg->n], sizeof pg->names[0], "%s", row->name);
    pg->c[pg->n++] = row->c;
    return XF_OK;
}

static int64_t add_named(struct tu_env *e, const char *code, const char *name, int64_t unit)
{
    struct xf_error err = {0};
    struct xf_member m = {.unit_id = unit, .code = (char *)code, .name = (char *)name,
                          .position = "", .active = true};
    assert_int_equal(xf_db_begin(e->db, "test.member", &err), XF_OK);
    assert_int_equal(xf_store_member_insert(e->db, &m, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    return m.id;
}

/* O2 gets members a, b, b, c, d (two named b: the id breaks the tie). */
static void o2_members(struct fixture *f, int64_t ids[5])
{
    const char *names[] = {"d", "b", "a", "c", "b"};
    const char *codes[] = {"Q4", "Q2", "Q1", "Q3", "Q5"};
    int64_t got[5];
    for (int i = 0; i < 5; i++)
        got[i] = add_named(f->e, codes[i], names[i], f->o2);
    /* in (name, id) order */
    ids[0] = got[2], ids[1] = got[1], ids[2] = got[4], ids[3] = got[3], ids[4] = got[0];
}

static void page(struct fixture *f, const struct xf_pledge_key *from, enum xf_pledge_dir dir,
                 int limit, bool overdue_only, struct member_page *pg)
{
    struct xf_error err = {0};
    memset(pg, 0, sizeof *pg);
    int rc = xf_pledge_members(&f->e->ctx, f->o2, TODAY, overdue_only, from, dir, limit,
                               collect_member, pg, &err);
    if (rc)
        fprintf(stderr, "members: %s\n", err.msg);
    assert_int_equal(rc, XF_OK);
}

static void test_members_keyset_pages(void **state)
{
    struct fixture *f = *state;
    int64_t ids[5];
    o2_members(f, ids);
    add_named(f->e, "QX", "a", f->o1); /* another unit's member never shows */
    struct member_page pg;
    page(f, NULL, XF_PLEDGE_AFTER, 2, false, &pg);
    assert_int_equal(pg.n, 2);
    assert_int_equal(pg.ids[0], ids[0]);
    assert_int_equal(pg.ids[1], ids[1]);
    struct xf_pledge_key k = {ids[1], false};
    page(f, &k, XF_PLEDGE_AFTER, 2, false, &pg); /* the other b, then c */
    assert_int_equal(pg.n, 2);
    assert_int_equal(pg.ids[0], ids[2]);
    assert_int_equal(pg.ids[1], ids[3]);
    page(f, &k, XF_PLEDGE_FROM, 2, false, &pg);
    assert_int_equal(pg.ids[0], ids[1]);
    k = (struct xf_pledge_key){ids[3], false};
    page(f, &k, XF_PLEDGE_BEFORE, 10, false, &pg); /* nearest first */
    assert_int_equal(pg.n, 3);
    assert_int_equal(pg.ids[0], ids[2]);
    assert_int_equal(pg.ids[1], ids[1]);
    assert_int_equal(pg.ids[2], ids[0]);
    struct xf_pledge_key end = {0, true};
    page(f, &end, XF_PLEDGE_BEFORE, 2, false, &pg); /* the last rows */
    assert_int_equal(pg.n, 2);
    assert_int_equal(pg.ids[0], ids[4]);
    assert_int_equal(pg.ids[1], ids[3]);
    k = (struct xf_pledge_key){ids[4], false};
    page(f, &k, XF_PLEDGE_AFTER, 5, false, &pg);
    assert_int_equal(pg.n, 0);
}

/* A surname read otherwise than its character mostly is: 曾 Zēng after
 * 单 Shàn, not before 丁 as céng; 单 Shàn, not dān. */
static void test_members_surname_readings(void **state)
{
    struct fixture *f = *state;
    const char *names[] = {"张伟", "曾芳龙", "单田芳", "丁勇"};
    for (int i = 0; i < 4; i++) {
        char code[16];
        snprintf(code, sizeof code, "S%d", i);
        add_named(f->e, code, names[i], f->o2);
    }
    struct member_page pg;
    page(f, NULL, XF_PLEDGE_AFTER, 10, false, &pg);
    const char *want[] = {"丁勇", "单田芳", "曾芳龙", "张伟"};
    assert_int_equal(pg.n, 4);
    for (int i = 0; i < 4; i++)
        assert_string_equal(pg.names[i], want[i]);
}

/* Members are listed in pinyin order, as a roster is: 阿 李 欧阳 王 张 赵
 * (by code point it would be 张 李 欧 王 赵 阿); a page starts after its
 * member's place in that order; a rename moves the member. */
static void test_members_pinyin_order(void **state)
{
    struct fixture *f = *state;
    const char *names[] = {"张伟", "李娜", "欧阳修", "王芳", "赵强", "阿里"};
    int64_t ids[6];
    for (int i = 0; i < 6; i++) {
        char code[16];
        snprintf(code, sizeof code, "P%d", i);
        ids[i] = add_named(f->e, code, names[i], f->o2);
    }
    struct member_page pg;
    page(f, NULL, XF_PLEDGE_AFTER, 10, false, &pg);
    const char *want[] = {"阿里", "李娜", "欧阳修", "王芳", "张伟", "赵强"};
    assert_int_equal(pg.n, 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(pg.names[i], want[i]);
    struct xf_pledge_key k = {ids[2], false}; /* after 欧阳修 */
    page(f, &k, XF_PLEDGE_AFTER, 10, false, &pg);
    assert_int_equal(pg.n, 3);
    assert_string_equal(pg.names[0], "王芳");
    page(f, &k, XF_PLEDGE_BEFORE, 10, false, &pg);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.names[0], "李娜");
    /* 阿里 renamed 朱丽 goes last */
    struct xf_error err = {0};
    struct xf_member m = {0};
    assert_int_equal(xf_store_member_get(f->e->db, ids[5], &m, &err), XF_OK);
    free(m.name);
    m.name = strdup("朱丽");
    assert_int_equal(xf_db_begin(f->e->db, "test.rename", &err), XF_OK);
    assert_int_equal(xf_store_member_update(f->e->db, &m, &err), XF_OK);
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
    xf_member_clear(&m);
    page(f, NULL, XF_PLEDGE_AFTER, 10, false, &pg);
    assert_string_equal(pg.names[0], "李娜");
    assert_string_equal(pg.names[5], "朱丽");
}

static void test_members_counts_and_filter(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t ids[5];
    o2_members(f, ids);
    /* b (ids[1]): one overdue, one kept; c (ids[3]): one open, not due */
    struct xf_pledge_new in = member_pledge(ids[1]);
    in.due_on = "2026-03-01";
    make(f, in);
    int64_t kept = make(f, member_pledge(ids[1]));
    make(f, member_pledge(ids[3]));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, kept, 1, "2026-05-01", "ok", &err), XF_OK);
    struct member_page pg;
    page(f, NULL, XF_PLEDGE_AFTER, 10, false, &pg);
    assert_int_equal(pg.n, 5);
    assert_string_equal(pg.names[1], "b");
    assert_int_equal(pg.c[1].made, 2);
    assert_int_equal(pg.c[1].kept, 1);
    assert_int_equal(pg.c[1].open, 1);
    assert_int_equal(pg.c[1].overdue, 1);
    assert_int_equal(pg.c[3].made, 1);
    assert_int_equal(pg.c[3].overdue, 0);
    assert_int_equal(pg.c[0].made, 0);
    page(f, NULL, XF_PLEDGE_AFTER, 10, true, &pg);
    assert_int_equal(pg.n, 1);
    assert_int_equal(pg.ids[0], ids[1]);
}

static bool has_id(const struct member_page *pg, int64_t id)
{
    for (int i = 0; i < pg->n; i++)
        if (pg->ids[i] == id)
            return true;
    return false;
}

/* m on a unit with sub-units: the members of the whole subtree, in
 * (name, id) order across units, paged by key, in scope only. */
static void test_members_below(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a_o2 = add_named(f->e, "QA", "a", f->o2);
    int64_t b_w1 = add_named(f->e, "QB", "b", f->w1);
    int64_t a_d2 = add_named(f->e, "QC", "a", f->d2);
    struct member_page pg = {0};
    assert_int_equal(xf_pledge_members_below(&f->e->ctx, f->o1, TODAY, false, NULL,
                                             XF_PLEDGE_AFTER, 10, collect_member, &pg, &err),
                     XF_OK);
    assert_int_equal(pg.n, 3); /* M2 at O1, M1 and b at W1 below it; not O2's a */
    assert_true(has_id(&pg, f->m_leader) && has_id(&pg, f->m_plain) && has_id(&pg, b_w1));
    memset(&pg, 0, sizeof pg);
    assert_int_equal(xf_pledge_members_below(&f->e->ctx, f->d1, TODAY, false, NULL,
                                             XF_PLEDGE_AFTER, 10, collect_member, &pg, &err),
                     XF_OK);
    assert_int_equal(pg.n, 4);
    int at_a = -1, at_b = -1;
    for (int i = 0; i < pg.n; i++)
        at_a = pg.ids[i] == a_o2 ? i : at_a, at_b = pg.ids[i] == b_w1 ? i : at_b;
    assert_true(at_a >= 0 && at_b == at_a + 1); /* by name across units: a (O2), b (W1) */
    assert_false(has_id(&pg, a_d2));
    /* The next page from a's key: the rows after it. */
    struct member_page next = {0};
    struct xf_pledge_key key = {a_o2, false};
    assert_int_equal(xf_pledge_members_below(&f->e->ctx, f->d1, TODAY, false, &key,
                                             XF_PLEDGE_AFTER, 10, collect_member, &next, &err),
                     XF_OK);
    assert_int_equal(next.n, pg.n - at_a - 1);
    assert_int_equal(next.ids[0], b_w1);
    /* Someone scoped to D2 sees nothing of D1's. */
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_VIEWER);
    assert_refused(xf_pledge_members_below(&f->e->ctx, f->d1, TODAY, false, NULL,
                                           XF_PLEDGE_AFTER, 10, collect_member, &next, &err),
                   XF_EPERM, "");
}

static void below_names(struct fixture *f, int64_t unit, char *out, size_t size)
{
    struct member_page pg = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_pledge_members_below(&f->e->ctx, unit, TODAY, false, NULL,
                                             XF_PLEDGE_AFTER, 20, collect_member, &pg, &err),
                     XF_OK);
    out[0] = '\0';
    for (int i = 0; i < pg.n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s|", pg.names[i]);
}

/* The same, sorted plainly from the members of the unit's subtree. */
static void plain_names(struct fixture *f, int64_t unit, char *out, size_t size)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db),
                                        "SELECT m.name FROM member m JOIN unit d ON d.id=m.unit_id"
                                        " JOIN unit a ON a.id=?1 WHERE substr(d.path,1,"
                                        "length(a.path))=a.path ORDER BY m.name_key, m.id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, unit);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out + strlen(out), size - strlen(out), "%s|", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

/* The pages of each department and of a unit below one are the plain
 * sort's. */
static void assert_below_is_plain(struct fixture *f)
{
    int64_t units[] = {f->d1, f->d2, f->o1};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        char got[300], want[300];
        below_names(f, units[i], got, sizeof got);
        plain_names(f, units[i], want, sizeof want);
        assert_string_equal(got, want);
    }
}

static int64_t member_dept_wrong(struct fixture *f)
{
    struct xf_error err = {0};
    int64_t wrong = -1;
    assert_int_equal(xf_store_member_dept_check(f->e->db, &wrong, &err), XF_OK);
    return wrong;
}

/* A department's members are paged from member_dept (schema 17), which
 * follows a member moved to another department's unit and a renamed one
 * (its sort key); the pages are those of the plain sort they replace. */
static void test_members_below_department_follows_writes(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t c_o2 = add_named(f->e, "QA", "c", f->o2);
    add_named(f->e, "QB", "b", f->w1);
    add_named(f->e, "QC", "a", f->d2);
    assert_int_equal(member_dept_wrong(f), 0);
    char d1[300], d2[300];
    below_names(f, f->d1, d1, sizeof d1);
    below_names(f, f->d2, d2, sizeof d2);
    assert_true(strstr(d1, "c|") && !strstr(d2, "c|"));
    assert_below_is_plain(f);
    /* c moves to D2's unit and is renamed 阿 (first in pinyin order) */
    struct xf_member m = {0};
    assert_int_equal(xf_store_member_get(f->e->db, c_o2, &m, &err), XF_OK);
    m.unit_id = f->d2;
    free(m.name);
    m.name = strdup("阿");
    assert_int_equal(xf_db_begin(f->e->db, "test.member", &err), XF_OK);
    assert_int_equal(xf_store_member_update(f->e->db, &m, &err), XF_OK);
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
    xf_member_clear(&m);
    assert_int_equal(member_dept_wrong(f), 0);
    below_names(f, f->d1, d1, sizeof d1);
    below_names(f, f->d2, d2, sizeof d2);
    assert_true(!strstr(d1, "c|") && !strstr(d1, "阿|") && strstr(d2, "阿|"));
    assert_below_is_plain(f);
    /* the department's page seeks member_dept: no sort of its members */
    sqlite3 *h = xf_db_handle(f->e->db);
    int seen = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, NULL); st; st = sqlite3_next_stmt(h, st)) {
        if (!strstr(sqlite3_sql(st), "FROM member_dept o"))
            continue;
        char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite3_sql(st));
        sqlite3_stmt *e;
        assert_int_equal(sqlite3_prepare_v2(h, eqp, -1, &e, NULL), SQLITE_OK);
        sqlite3_free(eqp);
        bool seek = false;
        while (sqlite3_step(e) == SQLITE_ROW)
            seek = seek || strstr((const char *)sqlite3_column_text(e, 3),
                                  "SEARCH o USING PRIMARY KEY (dept_id=?") != NULL;
        sqlite3_finalize(e);
        seen += seek;
    }
    assert_true(seen > 0);
    /* bulk writes skip the triggers; the rebuild puts it right */
    assert_int_equal(xf_db_begin(f->e->db, "test.bulk", &err), XF_OK);
    xf_db_set_bulk(f->e->db, true);
    assert_int_equal(xf_exec(f->e->db, "UPDATE member SET unit_id = (SELECT id FROM unit"
                                       " WHERE code='D1') WHERE code='QC'", &err),
                     XF_OK);
    xf_db_set_bulk(f->e->db, false);
    assert_int_equal(member_dept_wrong(f), 2);
    assert_int_equal(xf_store_member_dept_rebuild(f->e->db, &err), XF_OK);
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
    assert_int_equal(member_dept_wrong(f), 0);
    below_names(f, f->d1, d1, sizeof d1);
    assert_true(strstr(d1, "a|") != NULL);
    assert_below_is_plain(f);
}

static void test_members_refusals(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct member_page pg = {0};
    assert_refused(xf_pledge_members(&f->e->ctx, f->o2, TODAY, false, NULL, XF_PLEDGE_AFTER, 0,
                                     collect_member, &pg, &err),
                   XF_EINVAL, "limit");
    assert_refused(xf_pledge_members(&f->e->ctx, f->o2, TODAY, false, NULL, XF_PLEDGE_AFTER, 501,
                                     collect_member, &pg, &err),
                   XF_EINVAL, "limit");
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_VIEWER);
    assert_refused(xf_pledge_members(&f->e->ctx, f->o2, TODAY, false, NULL, XF_PLEDGE_AFTER, 10,
                                     collect_member, &pg, &err),
                   XF_EPERM, "");
    assert_int_equal(pg.n, 0);
}

struct pledge_ids {
    int n;
    int64_t ids[40];
};

static int collect_pledge(void *arg, const struct xf_pledge *p)
{
    struct pledge_ids *c = arg;
    c->ids[c->n++] = p->id;
    return XF_OK;
}

static void test_pledge_pages(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t mine[4];
    for (int i = 0; i < 4; i++) {
        mine[i] = make(f, member_pledge(f->m_plain));
        make(f, member_pledge(f->m_leader)); /* someone else's, in between */
    }
    struct xf_pledge_new letter = {.kind = "unit_target", .unit_id = f->w1, .text = "目标",
                                   .category = "other", .made_on = "2026-01-01",
                                   .due_on = "2026-12-31"};
    int64_t l1 = make(f, letter);
    struct pledge_ids got = {0};
    struct xf_pledge_key start = {0, true};
    assert_int_equal(xf_pledge_page(&f->e->ctx, f->m_plain, 0, &start, XF_PLEDGE_AFTER, 3,
                                    collect_pledge, &got, &err),
                     XF_OK);
    assert_int_equal(got.n, 3);
    assert_int_equal(got.ids[0], mine[0]);
    assert_int_equal(got.ids[2], mine[2]);
    struct xf_pledge_key k = {mine[2], false};
    got.n = 0;
    assert_int_equal(xf_pledge_page(&f->e->ctx, f->m_plain, 0, &k, XF_PLEDGE_AFTER, 3,
                                    collect_pledge, &got, &err),
                     XF_OK);
    assert_int_equal(got.n, 1);
    assert_int_equal(got.ids[0], mine[3]);
    got.n = 0;
    assert_int_equal(xf_pledge_page(&f->e->ctx, f->m_plain, 0, &k, XF_PLEDGE_BEFORE, 3,
                                    collect_pledge, &got, &err),
                     XF_OK);
    assert_int_equal(got.n, 2);
    assert_int_equal(got.ids[0], mine[1]);
    assert_int_equal(got.ids[1], mine[0]);
    got.n = 0;
    assert_int_equal(xf_pledge_page(&f->e->ctx, f->m_plain, 0, &k, XF_PLEDGE_FROM, 3,
                                    collect_pledge, &got, &err),
                     XF_OK);
    assert_int_equal(got.ids[0], mine[2]);
    /* member 0: the unit's letters, not its members' pledges */
    got.n = 0;
    assert_int_equal(xf_pledge_page(&f->e->ctx, 0, f->w1, &start, XF_PLEDGE_AFTER, 10,
                                    collect_pledge, &got, &err),
                     XF_OK);
    assert_int_equal(got.n, 1);
    assert_int_equal(got.ids[0], l1);
    /* refusals: a bad limit, an unknown member, another scope */
    assert_refused(xf_pledge_page(&f->e->ctx, f->m_plain, 0, &start, XF_PLEDGE_AFTER, 0,
                                  collect_pledge, &got, &err),
                   XF_EINVAL, "limit");
    assert_refused(xf_pledge_page(&f->e->ctx, 9999, 0, &start, XF_PLEDGE_AFTER, 5,
                                  collect_pledge, &got, &err),
                   XF_ENOTFOUND, NULL);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "zhao", XF_ROLE_VIEWER);
    got.n = 0;
    assert_refused(xf_pledge_page(&f->e->ctx, f->m_plain, 0, &start, XF_PLEDGE_AFTER, 5,
                                  collect_pledge, &got, &err),
                   XF_EPERM, "");
    assert_refused(xf_pledge_page(&f->e->ctx, 0, f->w1, &start, XF_PLEDGE_AFTER, 5,
                                  collect_pledge, &got, &err),
                   XF_EPERM, "");
    assert_int_equal(xf_pledge_page(&f->e->ctx, f->m_login, 0, &start, XF_PLEDGE_AFTER, 5,
                                    collect_pledge, &got, &err),
                     XF_OK);
    assert_int_equal(got.n, 0);
}

/* The unit lookups the interface added to xf/unit.h. */
static void test_unit_get_and_member_find(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_unit u = {0};
    assert_int_equal(xf_unit_get(&f->e->ctx, f->w1, &u, &err), XF_OK);
    assert_string_equal(u.code, "W1");
    assert_string_equal(u.name, "一号窗口");
    xf_unit_clear(&u);
    assert_refused(xf_unit_get(&f->e->ctx, 9999, &u, &err), XF_ENOTFOUND, NULL);
    add_named(f->e, "ZW1", "王小明", f->w1);
    add_named(f->e, "ZW2", "李明", f->w1);
    add_named(f->e, "ZO1", "王明", f->o1); /* another unit */
    struct xf_member m[8];
    int n = 0;
    assert_int_equal(xf_member_find(&f->e->ctx, f->w1, "明", 8, m, &n, &err), XF_OK);
    assert_int_equal(n, 2);
    for (int i = 0; i < n; i++)
        xf_member_clear(&m[i]);
    assert_int_equal(xf_member_find(&f->e->ctx, f->w1, "zw2", 8, m, &n, &err), XF_OK);
    assert_int_equal(n, 1); /* codes match in any case */
    assert_string_equal(m[0].name, "李明");
    xf_member_clear(&m[0]);
    assert_int_equal(xf_member_find(&f->e->ctx, f->w1, "%", 8, m, &n, &err), XF_OK);
    assert_int_equal(n, 0); /* taken literally, not as a wildcard */
    assert_int_equal(xf_member_find(&f->e->ctx, f->w1, "", 1, m, &n, &err), XF_OK);
    assert_int_equal(n, 1); /* the limit holds */
    xf_member_clear(&m[0]);
    assert_refused(xf_member_find(&f->e->ctx, f->w1, "\xff", 8, m, &n, &err), XF_EINVAL, "query");
    struct xf_user usr;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &usr, scopes, "zhao", XF_ROLE_VIEWER);
    assert_refused(xf_member_find(&f->e->ctx, f->w1, "明", 8, m, &n, &err), XF_EPERM, "");
    assert_refused(xf_unit_get(&f->e->ctx, f->w1, &u, &err), XF_EPERM, "");
    assert_int_equal(xf_unit_get(&f->e->ctx, f->d2, &u, &err), XF_OK);
    xf_unit_clear(&u);
}

/* ---- the tally (per-unit counts kept by triggers) -------------------------------------------- */

/* "made kept withdrawn open" of unit's tally row, "" when it has none. */
static char *tally_of(struct fixture *f, int64_t unit)
{
    static char buf[128];
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(f->e->db),
                                        "SELECT made, kept, withdrawn, open FROM pledge_tally"
                                        " WHERE unit_id = ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, unit);
    buf[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(buf, sizeof buf, "%lld %lld %lld %lld", sqlite3_column_int64(st, 0),
                 sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
                 sqlite3_column_int64(st, 3));
    sqlite3_finalize(st);
    return buf;
}

static int64_t tally_wrong(struct fixture *f)
{
    struct xf_error err = {0};
    int64_t wrong = -1;
    assert_int_equal(xf_pledge_tally_check(&f->e->ctx, &wrong, &err), XF_OK);
    return wrong;
}

static void exec_in_tx(struct fixture *f, const char *sql)
{
    struct xf_error err = {0};
    assert_int_equal(xf_db_begin(f->e->db, "test.sql", &err), XF_OK);
    assert_int_equal(xf_exec(f->e->db, sql, &err), XF_OK);
    assert_int_equal(xf_db_commit(f->e->db, &err), XF_OK);
}

static void test_tally_follows_make_keep_withdraw(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    assert_string_equal(tally_of(f, f->w1), "");
    int64_t a = make(f, member_pledge(f->m_plain));
    int64_t b = make(f, member_pledge(f->m_plain));
    make(f, member_pledge(f->m_plain));
    assert_string_equal(tally_of(f, f->w1), "3 0 0 3");
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, a, 1, "2026-06-01", "ok", &err), XF_OK);
    assert_string_equal(tally_of(f, f->w1), "3 1 0 2");
    assert_int_equal(xf_pledge_withdraw(&f->e->ctx, b, 1, "岗位调整", &err), XF_OK);
    assert_string_equal(tally_of(f, f->w1), "3 1 1 1");
    /* a refused change leaves it as it was */
    assert_int_not_equal(xf_pledge_withdraw(&f->e->ctx, a, 2, "again", &err), XF_OK);
    assert_string_equal(tally_of(f, f->w1), "3 1 1 1");
    assert_int_equal(tally_wrong(f), 0);
    /* nothing about the tally lands in history: it is derived */
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM history WHERE entity = 'pledge_tally'"),
                     0);
}

static void test_tally_moves_with_the_unit(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = make(f, member_pledge(f->m_plain));
    make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, a, 1, "2026-06-01", "ok", &err), XF_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE pledge SET unit_id = %lld WHERE id = %lld",
             (long long)f->o2, (long long)a);
    exec_in_tx(f, sql);
    assert_string_equal(tally_of(f, f->w1), "1 0 0 1");
    assert_string_equal(tally_of(f, f->o2), "1 1 0 0");
    assert_int_equal(tally_wrong(f), 0);
}

/* A member who moves takes the pledges recorded at the old unit along:
 * each unit's figures stay those of its members (the old window kept
 * counting them, its member list no longer showed them). */
static void test_member_move_takes_pledges_along(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = make(f, member_pledge(f->m_plain));
    make(f, member_pledge(f->m_plain));
    make(f, member_pledge(f->m_plain));
    int64_t other = add_member(f->e, "M9", f->w1, false, NULL);
    make(f, member_pledge(other));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, a, 1, "2026-06-01", "ok", &err), XF_OK);
    tu_act_as(f->e, "tester", XF_ROLE_ADMIN);
    assert_string_equal(tally_of(f, f->w1), "4 1 0 3");
    struct xf_member m = {0};
    assert_int_equal(xf_store_member_get(f->e->db, f->m_plain, &m, &err), XF_OK);
    m.unit_id = f->o2;
    struct xf_member_move moved = {-1, -1};
    assert_int_equal(xf_member_edit(&f->e->ctx, &m, &moved, &err), XF_OK);
    assert_int_equal(moved.pledges, 3);
    assert_int_equal(moved.open, 2);
    assert_string_equal(tally_of(f, f->w1), "1 0 0 1"); /* M9's */
    assert_string_equal(tally_of(f, f->o2), "3 1 0 2");
    assert_int_equal(tally_wrong(f), 0);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM pledge p JOIN member m"
                                     " ON m.id = p.member_id WHERE p.unit_id <> m.unit_id"),
                     0);
    /* each pledge has a new version and its history row */
    assert_int_equal(version_of(f, a), 3);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM history WHERE entity = 'pledge'"
                                     " AND action = 'member.edit'"),
                     3);
    /* an edit that does not move takes nothing along */
    free(m.position);
    m.position = strdup("副科长");
    assert_int_equal(xf_member_edit(&f->e->ctx, &m, &moved, &err), XF_OK);
    assert_int_equal(moved.pledges, 0);
    /* a refused move moves nothing */
    m.unit_id = f->w1;
    m.version = 1;
    assert_int_equal(xf_member_edit(&f->e->ctx, &m, &moved, &err), XF_ECONFLICT);
    assert_int_equal(moved.pledges, 0);
    assert_string_equal(tally_of(f, f->o2), "3 1 0 2");
    xf_member_clear(&m);
}

static void test_tally_check_and_repair(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    make(f, member_pledge(f->m_plain));
    make(f, member_pledge(f->m_login));
    assert_int_equal(tally_wrong(f), 0);
    exec_in_tx(f, "UPDATE pledge_tally SET kept = kept + 1");
    assert_int_equal(tally_wrong(f), 2);
    /* repairing is an admin's job */
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_refused(xf_pledge_tally_repair(&f->e->ctx, &err), XF_EPERM, NULL);
    assert_int_equal(tally_wrong(f), 2);
    tu_act_as(f->e, "root", XF_ROLE_ADMIN);
    assert_int_equal(xf_pledge_tally_repair(&f->e->ctx, &err), XF_OK);
    assert_int_equal(tally_wrong(f), 0);
    assert_string_equal(tally_of(f, f->w1), "1 0 0 1");
    /* a lost row is noticed too */
    exec_in_tx(f, "DELETE FROM pledge_tally");
    assert_int_equal(tally_wrong(f), 2);
}

/* The report's and the totals' figures come from the tally: they must
 * equal a plain count of the pledges. */
static void test_totals_equal_a_plain_count(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = make(f, member_pledge(f->m_plain));
    struct xf_pledge_new late = member_pledge(f->m_login);
    late.due_on = "2026-02-01";
    make(f, late);
    make(f, member_pledge(f->m_plain));
    tu_act_as(f->e, "checker", XF_ROLE_ORGANISER);
    assert_int_equal(xf_pledge_keep(&f->e->ctx, a, 1, "2026-06-01", "ok", &err), XF_OK);
    struct xf_pledge_counts c;
    assert_int_equal(xf_pledge_totals(&f->e->ctx, TODAY, &c, &err), XF_OK);
    assert_int_equal(c.made, sql_count(f->e, "SELECT count(*) FROM pledge"));
    assert_int_equal(c.kept, sql_count(f->e, "SELECT count(*) FROM pledge WHERE status='kept'"));
    assert_int_equal(c.open, sql_count(f->e, "SELECT count(*) FROM pledge WHERE status='open'"));
    assert_int_equal(c.overdue, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_make_member_pledge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_refuses_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_refuses_a_repeat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_due_equal_made_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leader_target_needs_leader, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_wrong_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_out_of_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_refuses_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pledge_cannot_be_kept_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recorder_may_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verifier_cannot_be_pledger, setup, teardown),
        cmocka_unit_test_setup_teardown(test_withdraw, setup, teardown),
        cmocka_unit_test_setup_teardown(test_withdraw_kept_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tally_follows_make_keep_withdraw, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tally_moves_with_the_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_move_takes_pledges_along, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tally_check_and_repair, setup, teardown),
        cmocka_unit_test_setup_teardown(test_totals_equal_a_plain_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_wrong_role_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_own_login_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_pledge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overdue_with_forced_today, setup, teardown),
        cmocka_unit_test(test_rate),
        cmocka_unit_test_setup_teardown(test_rollup_equals_plain_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_scoped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_progress_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_wrong_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_without_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_top_and_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_counts_children, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_top_scoped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_keyset_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_pinyin_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_surname_readings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_counts_and_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_below, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_below_department_follows_writes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_keep_late_needs_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pledge_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_get_and_member_find, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
