/* Posts: the life cycle, the notice, revocation candidates, reports, CSV. */
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
    int64_t d1, d2, member;
};

static int setup(void **state)
{
    struct fx *x = calloc(1, sizeof *x);
    xf_date_set_today("2026-09-15");
    x->e = tu_env_open();
    x->d1 = tu_unit(x->e, "D1", "市政务服务中心", 0);
    x->d2 = tu_unit(x->e, "D2", "市交警支队", 0);
    struct xf_error err = {0};
    struct xf_member m = {.unit_id = x->d1, .code = "M1", .name = "张三", .position = "窗口长"};
    assert_int_equal(xf_member_create(&x->e->ctx, &m, &err), XF_OK);
    x->member = m.id;
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

static struct xf_post full_post(int64_t unit, const char *code)
{
    return (struct xf_post){.code = (char *)code, .unit_id = unit, .title = "办证窗口先锋岗",
                            .holder_name = "张三", .position = "窗口长",
                            .scope = "身份证、居住证办理", .hotline = "12345",
                            .commit_standard = "一次告知", .commit_time_limit = "当日办结",
                            .commit_quality = "零差错", .commit_attitude = "微笑服务"};
}

static int64_t mk_post(struct tu_env *e, int64_t unit, const char *code)
{
    struct xf_post p = full_post(unit, code);
    struct xf_error err = {0};
    assert_int_equal(xf_post_create(&e->ctx, &p, &err), XF_OK);
    return p.id;
}

static char *post_status(struct tu_env *e, int64_t id)
{
    static char buf[16];
    struct xf_post p = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_post_get(e->db, id, &p, &err), XF_OK);
    snprintf(buf, sizeof buf, "%s", p.status);
    xf_post_clear(&p);
    return buf;
}

static int64_t mk_published(struct tu_env *e, int64_t unit, const char *code)
{
    int64_t id = mk_post(e, unit, code);
    struct xf_error err = {0};
    assert_int_equal(xf_post_publish(&e->ctx, id, 1, "2026-01-05", &err), XF_OK);
    return id;
}

static void evaluate(struct tu_env *e, int64_t post, const char *quarter, double score)
{
    struct xf_group_score g[XF_GROUP_COUNT] = {{score, 10}, {score, 50}, {score, 100}};
    struct xf_error err = {0};
    int rc = xf_evaluation_enter(&e->ctx, post, quarter, g, NULL, &err);
    if (rc)
        fprintf(stderr, "evaluate: %s\n", err.msg);
    assert_int_equal(rc, XF_OK);
}

/* ---- create and edit ------------------------------------------------------ */

static void test_post_create(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_post p = {.code = "P1", .unit_id = x->d1, .title = "先锋岗",
                        .holder_member_id = x->member};
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    struct xf_post got = {0};
    assert_int_equal(xf_store_post_get(x->e->db, p.id, &got, &err), XF_OK);
    assert_string_equal(got.status, "proposed");
    assert_string_equal(got.holder_name, "张三"); /* taken from the member */
    assert_string_equal(got.position, "窗口长"); /* ... and the position */
    assert_null(got.published_on);
    xf_post_clear(&got);
    assert_int_equal(tu_history(x->e, "post", p.id, "post.create"), 1);
}

/* A member named on a post's card stays on the roll while the post stands:
 * deactivating them is refused, naming the post; once it is revoked, not. */
static void test_holder_not_deactivated(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_post p = full_post(x->d1, "P1");
    p.holder_member_id = x->member;
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    assert_int_equal(xf_member_deactivate(&x->e->ctx, x->member, 1, &err), XF_ESTATE);
    assert_string_equal(err.field, "active");
    assert_non_null(strstr(err.msg, "P1"));
    assert_int_equal(xf_post_publish(&x->e->ctx, p.id, 1, "2026-01-05", &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, p.id, 2, "调离", NULL, &err), XF_OK);
    assert_int_equal(xf_member_deactivate(&x->e->ctx, x->member, 1, &err), XF_OK);
}

/* A member renamed on the roll is renamed on the card of the post they
 * hold (with the post's own history row); a card that gives another name
 * keeps it. */
static void test_holder_renamed(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_post p = full_post(x->d1, "P1");
    p.holder_member_id = x->member;
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    struct xf_member m = {0};
    assert_int_equal(xf_store_member_get(x->e->db, x->member, &m, &err), XF_OK);
    struct xf_member ed = m;
    ed.name = "张三丰";
    ed.position = "副科长";
    assert_int_equal(xf_member_edit(&x->e->ctx, &ed, NULL, &err), XF_OK);
    struct xf_post got = {0};
    assert_int_equal(xf_store_post_get(x->e->db, p.id, &got, &err), XF_OK);
    assert_string_equal(got.holder_name, "张三丰");
    assert_string_equal(got.position, "副科长"); /* the card showed the member's */
    assert_int_equal(got.version, 2);
    xf_post_clear(&got);
    assert_int_equal(tu_history(x->e, "post", p.id, "member.edit"), 1);
    /* Moved to another department, the holder would stay on a card at a
     * unit they no longer belong to: refused, naming the post. */
    ed.version = 2;
    ed.unit_id = x->d2;
    assert_int_equal(xf_member_edit(&x->e->ctx, &ed, NULL, &err), XF_ESTATE);
    assert_string_equal(err.field, "unit");
    assert_non_null(strstr(err.msg, "P1"));
    assert_non_null(strstr(err.msg, "another holder"));
    assert_int_equal(xf_post_publish(&x->e->ctx, p.id, 2, "2026-01-05", &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, p.id, 3, "调离", NULL, &err), XF_OK);
    assert_int_equal(xf_member_edit(&x->e->ctx, &ed, NULL, &err), XF_OK); /* revoked: free */
    xf_member_clear(&m);
}

static void test_post_create_refused(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_post p = full_post(x->d1, "P 1");
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    p = full_post(x->d1, "P1");
    p.title = "";
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "title");
    p = full_post(x->d1, "P1");
    p.project_id = 5;
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "project");
    p = full_post(x->d1, "P1");
    p.holder_member_id = 99;
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "holder_member");
    /* the holder serves at the post's unit: M1 is 市政务服务中心's */
    p = full_post(x->d2, "P1");
    p.holder_member_id = x->member;
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "holder_member");
    assert_non_null(strstr(err.msg, "市政务服务中心"));
    p = full_post(99, "P1");
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "unit");
    p = full_post(x->d1, "P1");
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    assert_int_equal(xf_unit_deactivate(&x->e->ctx, x->d2, 1, &err), XF_OK);
    p = full_post(x->d2, "P2");
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_ESTATE);
    assert_string_equal(err.field, "unit");
}

static void test_post_wrong_role_and_scope(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t id = mk_post(x->e, x->d1, "P1");
    int64_t other = mk_post(x->e, x->d2, "P2");
    tu_act_as(x->e, "viewer1", XF_ROLE_VIEWER);
    struct xf_post p = full_post(x->d1, "P3");
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_EPERM);
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, NULL, &err), XF_EPERM);
    assert_int_equal(xf_post_name(&x->e->ctx, id, 1, "市委", NULL, &err), XF_EPERM);
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 1, "不合格", NULL, &err), XF_EPERM);
    tu_act_as(x->e, "sup1", XF_ROLE_SUPERVISOR);
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, NULL, &err), XF_EPERM);
    struct xf_user user;
    char *scopes[] = {"D1"};
    tu_scope(x->e, &user, scopes, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(xf_post_publish(&x->e->ctx, other, 1, NULL, &err), XF_EPERM);
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, NULL, &err), XF_OK);
    x->e->ctx.user = NULL;
    assert_string_equal(post_status(x->e, other), "proposed");
}

/* Another member takes the post: the notice names them and their
 * position, unless the edit changes the name or position itself. */
static void test_post_edit_new_holder(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_member m2 = {.unit_id = x->d1, .code = "M2", .name = "李四", .position = "科员"};
    assert_int_equal(xf_member_create(&x->e->ctx, &m2, &err), XF_OK);
    struct xf_post p = full_post(x->d1, "P1");
    p.holder_member_id = x->member; /* 张三, 窗口长 */
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    struct xf_post ed = full_post(x->d1, "P1");
    ed.id = p.id;
    ed.version = p.version;
    ed.holder_member_id = m2.id;
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_OK);
    struct xf_post got = {0};
    xf_store_post_get(x->e->db, p.id, &got, &err);
    assert_string_equal(got.holder_name, "李四");
    assert_string_equal(got.position, "科员");
    xf_post_clear(&got);
    /* back to 张三, naming someone else on the notice in the same edit:
     * refused, the sign would name someone not on the roll */
    ed.holder_member_id = x->member;
    ed.holder_name = "张三丰";
    ed.position = "科员";
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_EINVAL);
    assert_string_equal(err.field, "holder_name");
    assert_non_null(strstr(err.msg, "张三"));
    xf_store_post_get(x->e->db, p.id, &got, &err);
    assert_string_equal(got.holder_name, "李四");
    xf_post_clear(&got);
    /* a holder who is not a member is named as typed */
    ed.holder_member_id = 0;
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_OK);
    xf_store_post_get(x->e->db, p.id, &got, &err);
    assert_string_equal(got.holder_name, "张三丰");
    xf_post_clear(&got);
}

static void test_post_edit(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_project j = {.code = "J1", .name = "快速路", .category = "road_bridge",
                           .owner_unit_id = x->d1};
    assert_int_equal(xf_project_create(&x->e->ctx, &j, &err), XF_OK);
    int64_t id = mk_published(x->e, x->d1, "P1");
    struct xf_post ed = full_post(x->d1, "P1");
    ed.id = id;
    ed.version = 2;
    ed.hotline = "0731-12345";
    ed.project_id = j.id;
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_OK);
    assert_int_equal(ed.version, 3);
    struct xf_post got = {0};
    xf_store_post_get(x->e->db, id, &got, &err);
    assert_string_equal(got.hotline, "0731-12345");
    assert_int_equal(got.project_id, j.id);
    assert_string_equal(got.status, "published");
    xf_post_clear(&got);
    assert_int_equal(tu_history(x->e, "post", id, "post.edit"), 1);
    /* stale */
    ed.version = 2;
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_ECONFLICT);
    /* a published notice cannot go blank */
    ed.version = 3;
    ed.scope = "";
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_EINVAL);
    assert_string_equal(err.field, "scope");
    /* a newly linked project must be active */
    struct xf_project k = {.code = "J2", .name = "学校", .category = "livelihood",
                           .owner_unit_id = x->d1};
    assert_int_equal(xf_project_create(&x->e->ctx, &k, &err), XF_OK);
    assert_int_equal(xf_project_deactivate(&x->e->ctx, k.id, 1, &err), XF_OK);
    ed.scope = "全部业务";
    ed.project_id = k.id;
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_ESTATE);
    assert_string_equal(err.field, "project");
    /* a proposed post may have an incomplete notice */
    int64_t q = mk_post(x->e, x->d1, "P2");
    struct xf_post draft = {.id = q, .version = 1, .code = "P2", .title = "草稿"};
    assert_int_equal(xf_post_edit(&x->e->ctx, &draft, &err), XF_OK);
}

/* ---- life cycle ---------------------------------------------------------- */

static void test_post_publish(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_post p = {.code = "P1", .unit_id = x->d1, .title = "先锋岗",
                        .holder_name = "张三", .position = "窗口长"};
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    assert_int_equal(xf_post_publish(&x->e->ctx, p.id, 1, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "scope");
    assert_non_null(strstr(err.msg, "service scope"));
    assert_non_null(strstr(err.msg, "complaint hotline"));
    assert_non_null(strstr(err.msg, "service attitude")); /* the commitments too */
    /* A hotline is a number to call. */
    struct xf_post q = full_post(x->d1, "P9");
    q.hotline = "abc";
    assert_int_equal(xf_post_create(&x->e->ctx, &q, &err), XF_EINVAL);
    assert_string_equal(err.field, "hotline");
    q.hotline = "0451-8765 转 2";
    assert_int_equal(xf_post_create(&x->e->ctx, &q, &err), XF_OK);
    int64_t id = mk_post(x->e, x->d1, "P2");
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, "2026-13-01", &err), XF_EINVAL);
    assert_string_equal(err.field, "published_on");
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, "2026-09-16", &err), XF_EINVAL);
    assert_string_equal(err.field, "published_on");
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 0, NULL, &err), XF_ECONFLICT);
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, NULL, &err), XF_OK);
    struct xf_post got = {0};
    xf_store_post_get(x->e->db, id, &got, &err);
    assert_string_equal(got.status, "published");
    assert_string_equal(got.published_on, "2026-09-15");
    xf_post_clear(&got);
    assert_int_equal(tu_history(x->e, "post", id, "post.publish"), 1);
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 2, NULL, &err), XF_ESTATE);
}

static void test_post_name(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t id = mk_post(x->e, x->d1, "P1");
    /* proposed -> named is refused */
    assert_int_equal(xf_post_name(&x->e->ctx, id, 1, "市委", NULL, &err), XF_ESTATE);
    assert_string_equal(post_status(x->e, id), "proposed");
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 1, "2026-01-05", &err), XF_OK);
    /* no evaluation yet */
    assert_int_equal(xf_post_name(&x->e->ctx, id, 2, "市委", NULL, &err), XF_ESTATE);
    evaluate(x->e, id, "2026Q1", 60);
    assert_int_equal(xf_post_name(&x->e->ctx, id, 2, "市委", NULL, &err), XF_ESTATE);
    evaluate(x->e, id, "2026Q2", 92);
    evaluate(x->e, id, "2026Q3", 70);
    /* passed once, but the latest failed */
    assert_int_equal(xf_post_name(&x->e->ctx, id, 2, "市委", NULL, &err), XF_ESTATE);
    assert_non_null(strstr(err.msg, "2026Q3"));
    int64_t ok = mk_published(x->e, x->d1, "P2");
    evaluate(x->e, ok, "2026Q2", 85);
    assert_int_equal(xf_post_name(&x->e->ctx, ok, 2, "", NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "named_level");
    assert_int_equal(xf_post_name(&x->e->ctx, ok, 2, "市委", "2025-12-31", &err), XF_EINVAL);
    assert_string_equal(err.field, "named_on");
    assert_non_null(strstr(err.msg, "before the post was published"));
    assert_int_equal(xf_post_name(&x->e->ctx, ok, 1, "市委", NULL, &err), XF_ECONFLICT);
    assert_int_equal(xf_post_name(&x->e->ctx, ok, 2, "市直机关工委", "2026-07-01", &err), XF_OK);
    struct xf_post got = {0};
    xf_store_post_get(x->e->db, ok, &got, &err);
    assert_string_equal(got.status, "named");
    assert_string_equal(got.named_on, "2026-07-01");
    assert_string_equal(got.named_level, "市直机关工委");
    xf_post_clear(&got);
    assert_int_equal(tu_history(x->e, "post", ok, "post.name"), 1);
    assert_int_equal(xf_post_name(&x->e->ctx, ok, 3, "市委", NULL, &err), XF_ESTATE);
}

static void test_post_revoke(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t prop = mk_post(x->e, x->d1, "P0");
    assert_int_equal(xf_post_revoke(&x->e->ctx, prop, 1, "不合格", NULL, &err), XF_ESTATE);
    int64_t id = mk_published(x->e, x->d1, "P1");
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 2, "", NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "revoke_reason");
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 2, "两次测评不合格", "2025-01-01", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "revoked_on");
    assert_non_null(strstr(err.msg, "before the post was published"));
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 2, "两次测评不合格", NULL, &err), XF_OK);
    struct xf_post got = {0};
    xf_store_post_get(x->e->db, id, &got, &err);
    assert_string_equal(got.status, "revoked");
    assert_string_equal(got.revoked_on, "2026-09-15");
    assert_string_equal(got.revoke_reason, "两次测评不合格");
    xf_post_clear(&got);
    assert_int_equal(tu_history(x->e, "post", id, "post.revoke"), 1);
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 3, "again", NULL, &err), XF_ESTATE);
    /* named -> revoked */
    int64_t n = mk_published(x->e, x->d1, "P2");
    evaluate(x->e, n, "2026Q1", 90);
    assert_int_equal(xf_post_name(&x->e->ctx, n, 2, "区委", "2026-04-01", &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, n, 3, "群众投诉", "2026-03-01", &err),
                     XF_EINVAL);
    assert_int_equal(xf_post_revoke(&x->e->ctx, n, 3, "群众投诉", NULL, &err), XF_OK);
    assert_string_equal(post_status(x->e, n), "revoked");
}

/* A naming is dated no earlier than the pass behind it was known: its
 * quarter's end, or the day it was entered when earlier (the trial's
 * XFG-00025 passed 2026Q3 and was named on 2026-09-25). */
static void test_name_not_before_pass_known(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t id = mk_published(x->e, x->d1, "P1");
    evaluate(x->e, id, "2026Q2", 90); /* entered 2026-09-15: known 2026-06-30 */
    assert_int_equal(xf_post_name(&x->e->ctx, id, 2, "市委", "2026-06-29", &err), XF_EINVAL);
    assert_string_equal(err.field, "named_on");
    assert_non_null(strstr(err.msg, "2026Q2"));
    assert_non_null(strstr(err.msg, "2026-06-30"));
    assert_string_equal(post_status(x->e, id), "published");
    assert_int_equal(xf_post_name(&x->e->ctx, id, 2, "市委", "2026-06-30", &err), XF_OK);
    /* Entered in the quarter's last month: known the day it was entered. */
    int64_t early = mk_published(x->e, x->d1, "P2");
    xf_date_set_today("2026-09-10");
    evaluate(x->e, early, "2026Q3", 88);
    xf_date_set_today("2026-09-20");
    assert_int_equal(xf_post_name(&x->e->ctx, early, 2, "市委", "2026-09-09", &err), XF_EINVAL);
    assert_string_equal(err.field, "named_on");
    assert_non_null(strstr(err.msg, "2026-09-10"));
    assert_int_equal(xf_post_name(&x->e->ctx, early, 2, "市委", "2026-09-10", &err), XF_OK);
    /* Passed, failed, passed again: naming rests on the latest pass (as
     * "it can be named only after passing again" says), not the first. */
    int64_t again = mk_published(x->e, x->d1, "P3");
    evaluate(x->e, again, "2026Q1", 90);
    evaluate(x->e, again, "2026Q2", 60);
    evaluate(x->e, again, "2026Q3", 90); /* entered 2026-09-20 */
    assert_int_equal(xf_post_name(&x->e->ctx, again, 2, "市委", "2026-04-15", &err), XF_EINVAL);
    assert_non_null(strstr(err.msg, "2026Q3"));
    assert_non_null(strstr(err.msg, "2026-09-20"));
    assert_int_equal(xf_post_name(&x->e->ctx, again, 2, "市委", NULL, &err), XF_OK);
}

/* A revocation is dated no earlier than any evaluation the post holds was
 * known (the trial's XFG-00161 failed 2026Q3 and was revoked 2026-08-20),
 * as the evaluation entry refuses quarters after a revocation. */
static void test_revoke_not_before_evaluations_known(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t id = mk_published(x->e, x->d1, "P1");
    evaluate(x->e, id, "2026Q1", 60);
    evaluate(x->e, id, "2026Q2", 65); /* entered 2026-09-15: known 2026-06-30 */
    struct xf_post p = {0};
    assert_int_equal(xf_store_post_get(x->e->db, id, &p, &err), XF_OK);
    assert_int_equal(xf_post_revoke_date_check(&x->e->ctx, &p, "2026-06-29", &err), XF_EINVAL);
    assert_string_equal(err.field, "revoked_on");
    xf_post_clear(&p);
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 2, "两次不合格", "2026-05-20", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "revoked_on");
    assert_non_null(strstr(err.msg, "2026Q2"));
    assert_non_null(strstr(err.msg, "2026-06-30"));
    assert_string_equal(post_status(x->e, id), "published");
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 2, "两次不合格", "2026-06-30", &err), XF_OK);
    /* A named post: its latest evaluation, entered early, counts from then. */
    int64_t n = mk_published(x->e, x->d1, "P2");
    evaluate(x->e, n, "2026Q1", 90);
    assert_int_equal(xf_post_name(&x->e->ctx, n, 2, "区委", "2026-04-01", &err), XF_OK);
    xf_date_set_today("2026-09-05");
    evaluate(x->e, n, "2026Q3", 50);
    xf_date_set_today("2026-09-15");
    assert_int_equal(xf_post_revoke(&x->e->ctx, n, 3, "群众投诉", "2026-09-04", &err),
                     XF_EINVAL);
    assert_non_null(strstr(err.msg, "2026-09-05"));
    assert_int_equal(xf_post_revoke(&x->e->ctx, n, 3, "群众投诉", "2026-09-05", &err), XF_OK);
}

static void test_post_revoked_cannot_be_named(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t id = mk_published(x->e, x->d1, "P1");
    evaluate(x->e, id, "2026Q1", 95);
    assert_int_equal(xf_post_revoke(&x->e->ctx, id, 2, "整改不到位", NULL, &err), XF_OK);
    assert_int_equal(xf_post_name(&x->e->ctx, id, 3, "市委", NULL, &err), XF_ESTATE);
    assert_non_null(strstr(err.msg, "new post"));
    assert_int_equal(xf_post_publish(&x->e->ctx, id, 3, NULL, &err), XF_ESTATE);
    struct xf_post ed = full_post(x->d1, "P1");
    ed.id = id;
    ed.version = 3;
    assert_int_equal(xf_post_edit(&x->e->ctx, &ed, &err), XF_ESTATE);
    assert_string_equal(post_status(x->e, id), "revoked");
    /* it is set up again as a new post */
    int64_t again = mk_post(x->e, x->d1, "P1b");
    assert_int_equal(xf_post_publish(&x->e->ctx, again, 1, NULL, &err), XF_OK);
}

/* ---- reports ------------------------------------------------------------- */

/* Finds the row whose first cell is code; -1 when absent. */
static long find_row(const struct xf_table *t, const char *code)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (!strcmp(xf_table_cell(t, r, 0), code))
            return (long)r;
    return -1;
}

/* A: fail Q1, pass Q2, fail Q3. B: fail Q3 only. C: fail Q2 and Q3.
 * R: fail twice, then revoked. */
static void build_failures(struct fx *x)
{
    struct xf_error err = {0};
    int64_t a = mk_published(x->e, x->d1, "A"), b = mk_published(x->e, x->d1, "B");
    int64_t c = mk_published(x->e, x->d2, "C"), r = mk_published(x->e, x->d1, "R");
    evaluate(x->e, a, "2026Q1", 50);
    evaluate(x->e, a, "2026Q2", 90);
    evaluate(x->e, a, "2026Q3", 50);
    evaluate(x->e, b, "2026Q3", 79.99);
    evaluate(x->e, c, "2026Q2", 10);
    evaluate(x->e, c, "2026Q3", 20);
    evaluate(x->e, r, "2026Q1", 10);
    evaluate(x->e, r, "2026Q2", 10);
    assert_int_equal(xf_post_revoke(&x->e->ctx, r, 2, "两次不合格", NULL, &err), XF_OK);
}

static void test_revocation_candidates_any(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    build_failures(x);
    x->e->cfg.consecutive = false;
    x->e->cfg.revoke_after_failures = 2;
    struct xf_table t = {0};
    assert_int_equal(xf_post_revocation_candidates(&x->e->ctx, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 2);
    /* heads in sentence case, as the reports' */
    assert_string_equal(t.head[0], "Post");
    assert_string_equal(t.head[5], "Failed quarters");
    long a = find_row(&t, "A"), c = find_row(&t, "C");
    assert_true(a >= 0 && c >= 0);
    assert_string_equal(xf_table_cell(&t, a, 4), "2");
    assert_string_equal(xf_table_cell(&t, a, 5), "2026Q1,2026Q3");
    /* the unit by name, as the reports name it (a code told a reader
     * nothing) */
    assert_string_equal(xf_table_cell(&t, c, 2), "市交警支队");
    assert_int_equal(find_row(&t, "B"), -1);
    assert_int_equal(find_row(&t, "R"), -1); /* already revoked */
    xf_table_free(&t);
    /* one failure is enough when configured so */
    x->e->cfg.revoke_after_failures = 1;
    assert_int_equal(xf_post_revocation_candidates(&x->e->ctx, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 3);
    xf_table_free(&t);
    /* a scoped user sees only their units */
    x->e->cfg.revoke_after_failures = 2;
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    assert_int_equal(xf_post_revocation_candidates(&x->e->ctx, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(xf_table_cell(&t, 0, 0), "C");
    xf_table_free(&t);
    x->e->ctx.user = NULL;
}

static void test_revocation_candidates_consecutive(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    build_failures(x);
    x->e->cfg.consecutive = true;
    x->e->cfg.revoke_after_failures = 2;
    struct xf_table t = {0};
    assert_int_equal(xf_post_revocation_candidates(&x->e->ctx, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(xf_table_cell(&t, 0, 0), "C");
    assert_string_equal(xf_table_cell(&t, 0, 4), "2");
    assert_string_equal(xf_table_cell(&t, 0, 5), "2026Q2,2026Q3");
    xf_table_free(&t);
    /* with one, A's Q3 failure after its Q2 pass counts alone */
    x->e->cfg.revoke_after_failures = 1;
    assert_int_equal(xf_post_revocation_candidates(&x->e->ctx, &t, &err), XF_OK);
    long a = find_row(&t, "A");
    assert_true(a >= 0);
    assert_string_equal(xf_table_cell(&t, a, 5), "2026Q3");
    assert_int_equal(t.nrows, 3);
    xf_table_free(&t);
}

static void collect_code(void *arg, const char *code, const char *named_on, int64_t evaluated)
{
    char *out = arg;
    snprintf(out + strlen(out), 64 - strlen(out), "%s@%s/%lld ", code, named_on,
             (long long)evaluated);
}

/* A named post whose only pass is corrected to a fail is for check to
 * list; one with a pass is not, nor one outside the user's scope. */
static void test_named_unbacked(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t a = mk_published(x->e, x->d1, "A"), b = mk_published(x->e, x->d2, "B");
    struct xf_evaluation ea = {0};
    struct xf_group_score g[XF_GROUP_COUNT] = {{90, 10}, {90, 50}, {90, 100}};
    assert_int_equal(xf_evaluation_enter(&x->e->ctx, a, "2026Q2", g, &ea, &err), XF_OK);
    evaluate(x->e, b, "2026Q1", 90);
    evaluate(x->e, b, "2026Q2", 90);
    assert_int_equal(xf_post_name(&x->e->ctx, a, 2, "市委", "2026-07-01", &err), XF_OK);
    assert_int_equal(xf_post_name(&x->e->ctx, b, 2, "市委", "2026-07-01", &err), XF_OK);
    char got[64] = "";
    assert_int_equal(xf_post_named_unbacked(&x->e->ctx, collect_code, got, &err), XF_OK);
    assert_string_equal(got, "");
    struct xf_group_score low[XF_GROUP_COUNT] = {{50, 10}, {50, 50}, {50, 100}};
    assert_int_equal(xf_evaluation_update(&x->e->ctx, ea.id, ea.version, low, "录入错误", NULL,
                                          &err),
                     XF_OK);
    assert_int_equal(xf_post_named_unbacked(&x->e->ctx, collect_code, got, &err), XF_OK);
    assert_string_equal(got, "A@2026-07-01/1 ");
    xf_evaluation_clear(&ea);
    /* named with no evaluation at all (as an import takes it): listed,
     * saying it has none */
    int64_t c = mk_published(x->e, x->d1, "C");
    char sql[160];
    snprintf(sql, sizeof sql,
             "UPDATE post SET status='named', named_on='2026-08-01', named_level='市委'"
             " WHERE id=%lld",
             (long long)c);
    assert_int_equal(sqlite3_exec(xf_db_handle(x->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    got[0] = '\0';
    assert_int_equal(xf_post_named_unbacked(&x->e->ctx, collect_code, got, &err), XF_OK);
    assert_string_equal(got, "A@2026-07-01/1 C@2026-08-01/0 ");
    /* a user scoped to D2 does not see A */
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    got[0] = '\0';
    assert_int_equal(xf_post_named_unbacked(&x->e->ctx, collect_code, got, &err), XF_OK);
    assert_string_equal(got, "");
    x->e->ctx.user = NULL;
}

static void collect_revoked(void *arg, const char *code, const char *revoked_on,
                            const char *quarters)
{
    char *out = arg;
    snprintf(out + strlen(out), 96 - strlen(out), "%s@%s:%s ", code, revoked_on, quarters);
}

static int64_t evaluation_id(struct tu_env *e, int64_t post, const char *quarter,
                             struct xf_evaluation *out)
{
    struct xf_error err = {0};
    assert_int_equal(xf_store_evaluation_find(e->db, post, quarter, out, &err), XF_OK);
    return out->id;
}

/* A revoked post whose failures are corrected to passes, so that the rules
 * would not revoke it now, is for check to list (the revocation stands);
 * one still failing enough is not, nor one revoked for another reason with
 * nothing corrected, nor one outside the user's scope. */
static void test_revoked_unbacked(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    x->e->cfg.consecutive = false;
    x->e->cfg.revoke_after_failures = 2;
    int64_t r = mk_published(x->e, x->d1, "R"), s = mk_published(x->e, x->d1, "S");
    int64_t m = mk_published(x->e, x->d2, "M");
    evaluate(x->e, r, "2026Q1", 10);
    evaluate(x->e, r, "2026Q2", 10);
    evaluate(x->e, s, "2026Q1", 10);
    evaluate(x->e, s, "2026Q2", 10);
    evaluate(x->e, s, "2026Q3", 10);
    evaluate(x->e, m, "2026Q1", 95);
    assert_int_equal(
        xf_post_revoke(&x->e->ctx, r, 2, "2026Q1、2026Q2 测评不合格", "2026-09-15", &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, s, 2, "测评不合格", "2026-09-15", &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, m, 2, "群众实名举报，经查属实", "2026-09-15", &err),
                     XF_OK);
    char got[96] = "";
    assert_int_equal(xf_post_revoked_unbacked(&x->e->ctx, collect_revoked, got, &err), XF_OK);
    assert_string_equal(got, "");
    struct xf_group_score pass[XF_GROUP_COUNT] = {{90, 10}, {90, 50}, {90, 100}};
    struct xf_evaluation e = {0};
    evaluation_id(x->e, r, "2026Q2", &e);
    assert_int_equal(
        xf_evaluation_update(&x->e->ctx, e.id, e.version, pass, "录入错误", NULL, &err), XF_OK);
    xf_evaluation_clear(&e);
    evaluation_id(x->e, s, "2026Q3", &e); /* S still fails twice */
    assert_int_equal(
        xf_evaluation_update(&x->e->ctx, e.id, e.version, pass, "录入错误", NULL, &err), XF_OK);
    xf_evaluation_clear(&e);
    /* M's pass corrected to another pass: nothing behind its revocation */
    struct xf_group_score pass2[XF_GROUP_COUNT] = {{96, 10}, {96, 50}, {96, 100}};
    evaluation_id(x->e, m, "2026Q1", &e);
    assert_int_equal(xf_evaluation_update(&x->e->ctx, e.id, e.version, pass2, "复核", NULL, &err),
                     XF_OK);
    xf_evaluation_clear(&e);
    assert_int_equal(xf_post_revoked_unbacked(&x->e->ctx, collect_revoked, got, &err), XF_OK);
    assert_string_equal(got, "R@2026-09-15:2026Q2 ");
    /* with one failure enough, R's remaining one still backs it */
    x->e->cfg.revoke_after_failures = 1;
    got[0] = '\0';
    assert_int_equal(xf_post_revoked_unbacked(&x->e->ctx, collect_revoked, got, &err), XF_OK);
    assert_string_equal(got, "");
    x->e->cfg.revoke_after_failures = 2;
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    assert_int_equal(xf_post_revoked_unbacked(&x->e->ctx, collect_revoked, got, &err), XF_OK);
    assert_string_equal(got, "");
    x->e->ctx.user = NULL;
}

/* The reason a revocation for failures is offered is data, in the
 * office's language whatever the interface's. */
static void test_revoke_reason_default(void **state)
{
    (void)state;
    char *r = xf_post_revoke_reason_default("2026Q3,2026Q4");
    assert_string_equal(r, "2026Q3、2026Q4 测评不合格");
    free(r);
    r = xf_post_revoke_reason_default("2026Q1");
    assert_string_equal(r, "2026Q1 测评不合格");
    free(r);
    assert_null(xf_post_revoke_reason_default(""));
    assert_null(xf_post_revoke_reason_default(NULL));
}

static void test_post_report_status(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    mk_post(x->e, x->d1, "P1");
    mk_post(x->e, x->d2, "P2");
    int64_t n = mk_published(x->e, x->d1, "P3");
    mk_published(x->e, x->d1, "P4");
    evaluate(x->e, n, "2026Q3", 88);
    assert_int_equal(xf_post_name(&x->e->ctx, n, 2, "市委", NULL, &err), XF_OK);
    struct xf_table t = {0};
    assert_int_equal(xf_post_report_status(&x->e->ctx, &t, &err), XF_OK);
    assert_int_equal(t.nrows, 5);
    assert_string_equal(xf_table_cell(&t, 0, 1), "2"); /* proposed */
    assert_string_equal(xf_table_cell(&t, 1, 1), "1"); /* published */
    assert_string_equal(xf_table_cell(&t, 2, 1), "1"); /* named */
    assert_string_equal(xf_table_cell(&t, 3, 1), "0"); /* revoked */
    assert_string_equal(xf_table_cell(&t, 4, 1), "4");
    xf_table_free(&t);
    /* Within a scope: D1's subtree (named twice, counted once), then D2. */
    int64_t d1_office = tu_unit(x->e, "D1-1", "一号窗口", x->d1);
    mk_post(x->e, d1_office, "P5");
    struct xf_user user;
    char *scopes[] = {"D1", "D1-1"};
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    user.n_scopes = 2;
    assert_int_equal(xf_post_report_status(&x->e->ctx, &t, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 0, 1), "2"); /* P1, P5 */
    assert_string_equal(xf_table_cell(&t, 4, 1), "4");
    xf_table_free(&t);
    scopes[0] = "D2";
    user.n_scopes = 1;
    assert_int_equal(xf_post_report_status(&x->e->ctx, &t, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 0, 1), "1"); /* P2 */
    assert_string_equal(xf_table_cell(&t, 4, 1), "1");
    xf_table_free(&t);
    x->e->ctx.user = NULL;
}

/* The steps a card offers follow the status: a named post is not offered
 * naming again, a proposed one no revocation, a revoked one nothing. */
static void test_post_steps(void **state)
{
    (void)state;
    struct xf_post p = {.code = "P1"};
    p.status = "proposed";
    assert_int_equal(xf_post_steps(&p), XF_POST_STEP_EDIT | XF_POST_STEP_PUBLISH);
    p.status = "published";
    assert_int_equal(xf_post_steps(&p),
                     XF_POST_STEP_EDIT | XF_POST_STEP_NAME | XF_POST_STEP_REVOKE);
    p.status = "named";
    assert_int_equal(xf_post_steps(&p), XF_POST_STEP_EDIT | XF_POST_STEP_REVOKE);
    p.status = "revoked";
    assert_int_equal(xf_post_steps(&p), 0);
}

/* Naming is offered only once the post's evaluations allow it: none
 * passed, or the latest failed, leave it out (N was offered, then
 * refused); the other steps stay as the status gives them. */
static void test_post_steps_now(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    const unsigned open = XF_POST_STEP_EDIT | XF_POST_STEP_REVOKE;
    int64_t id = mk_published(x->e, x->d1, "P1");
    struct xf_post p = {0};
    assert_int_equal(xf_store_post_get(x->e->db, id, &p, &err), XF_OK);
    assert_int_equal(xf_post_steps_now(&x->e->ctx, &p), open);
    evaluate(x->e, id, "2026Q1", 60);
    assert_int_equal(xf_post_steps_now(&x->e->ctx, &p), open);
    evaluate(x->e, id, "2026Q2", 92);
    assert_int_equal(xf_post_steps_now(&x->e->ctx, &p), open | XF_POST_STEP_NAME);
    evaluate(x->e, id, "2026Q3", 70);
    assert_int_equal(xf_post_steps_now(&x->e->ctx, &p), open);
    xf_post_clear(&p);
    struct xf_post proposed = {.id = mk_post(x->e, x->d1, "P2"), .code = "P2",
                               .status = "proposed"};
    assert_int_equal(xf_post_steps_now(&x->e->ctx, &proposed),
                     XF_POST_STEP_EDIT | XF_POST_STEP_PUBLISH);
}

/* ---- CSV ----------------------------------------------------------------- */

static void test_post_csv_round_trip(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    struct xf_project j = {.code = "J1", .name = "快速路", .category = "road_bridge",
                           .owner_unit_id = x->d2};
    assert_int_equal(xf_project_create(&x->e->ctx, &j, &err), XF_OK);
    struct xf_post p = full_post(x->d1, "P1");
    p.project_id = j.id;
    p.holder_member_id = x->member;
    p.scope = "多行\n范围, 含\"引号\"";
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    int64_t pub = mk_published(x->e, x->d1, "P2");
    int64_t named = mk_published(x->e, x->d1, "P3");
    int64_t rev = mk_published(x->e, x->d2, "P4");
    evaluate(x->e, named, "2026Q2", 91.5);
    evaluate(x->e, pub, "2026Q2", 40);
    assert_int_equal(xf_post_name(&x->e->ctx, named, 2, "区委", "2026-07-01", &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, named, 3, "投诉属实", "2026-08-01", &err),
                     XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, rev, 2, "撤销", "2026-02-01", &err), XF_OK);

    const struct xf_kind_io *kinds[] = {&xf_kind_units, &xf_kind_members, &xf_kind_projects,
                                        &xf_kind_posts, &xf_kind_evaluations};
    enum { NK = 5 };
    char *out[NK];
    for (int i = 0; i < NK; i++)
        out[i] = tu_export(x->e, kinds[i]);
    assert_non_null(strstr(out[3], "P1,D1,J1,办证窗口先锋岗,M1,张三,"));
    assert_non_null(
        strstr(out[3], "revoked,2026-01-05,2026-07-01,区委,2026-08-01,投诉属实\r\n"));
    assert_non_null(strstr(out[3], "revoked,2026-01-05,,,2026-02-01,撤销\r\n"));
    struct tu_env *f = tu_env_open();
    for (int i = 0; i < NK; i++) {
        int rc = tu_import(f, kinds[i], out[i], &err);
        if (rc)
            fprintf(stderr, "import %s line %ld: %s: %s\n", kinds[i]->name, err.line,
                    err.field, err.msg);
        assert_int_equal(rc, XF_OK);
    }
    for (int i = 0; i < NK; i++) {
        char *again = tu_export(f, kinds[i]);
        assert_string_equal(again, out[i]);
        free(again);
        free(out[i]);
    }
    tu_env_close(f);
}

static void test_post_csv_import_refused(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    /* Each row gets the four commitments after it, as a published post
     * must have them (cut off by the last row, which lacks one). */
    static const char head[] = "code,unit_code,title,holder_name,position,scope,hotline,"
                               "status,published_on,named_on,named_level,project_code,"
                               "commit_standard,commit_time_limit,commit_quality,"
                               "commit_attitude\n";
    static const struct {
        const char *row, *field;
    } bad[] = {
        {"P1,D1,岗,张三,长,范围,12345,named,2026-01-01,2026-02-01,,\n", "named_level"},
        {"P1,D1,岗,张三,长,范围,12345,proposed,2026-01-01,,,\n", "published_on"},
        {"P1,D1,岗,张三,长,范围,12345,published,,,,\n", "published_on"},
        {"P1,D1,岗,张三,长,范围,12345,published,2026-02-30,,,\n", "published_on"},
        {"P1,D1,岗,张三,长,范围,12345,closed,2026-01-01,,,\n", "status"},
        {"P1,D1,岗,张三,长,范围,,published,2026-01-01,,,\n", "hotline"},
        {"P1,D1,岗,张三,长,范围,12345,named,2026-03-01,2026-02-01,市委,\n", "named_on"},
        {"P1,D1,岗,张三,长,范围,12345,published,2026-01-01,,,NOPE\n", "project_code"},
        {"P1,D9,岗,张三,长,范围,12345,published,2026-01-01,,,\n", "unit_code"},
        /* the notice on the wall is whole, as publishing demands */
        {"P1,D1,岗,张三,长,范围,12345,published,2026-01-01,,,,标准,,质量,态度\n",
         "commit_time_limit"},
        {"P1,D1,岗,张三,长,范围,12345,named,2026-01-01,2026-02-01,市委,,标准,时限,质量,\n",
         "commit_attitude"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char csv[768];
        size_t n = strlen(bad[i].row) - 1; /* without its newline */
        bool whole = strstr(bad[i].row, "标准") != NULL;
        snprintf(csv, sizeof csv, "%s%.*s%s\n", head, (int)n, bad[i].row,
                 whole ? "" : ",标准,时限,质量,态度");
        assert_int_not_equal(tu_import(x->e, &xf_kind_posts, csv, &err), XF_OK);
        assert_string_equal(err.field, bad[i].field);
    }
    /* the holder serves at the post's unit: M1 is 市政务服务中心's (D1) */
    assert_int_equal(tu_import(x->e, &xf_kind_posts,
                               "code,unit_code,title,holder_member_code,holder_name,position,"
                               "scope,hotline,status,published_on,commit_standard,"
                               "commit_time_limit,commit_quality,commit_attitude\n"
                               "P1,D2,岗,M1,张三,长,范围,12345,published,2026-01-01,标准,时限,"
                               "质量,态度\n",
                               &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "holder_member_code");
    assert_int_equal(tu_import(x->e, &xf_kind_posts,
                               "code,unit_code,title,holder_member_code,holder_name,position,"
                               "scope,hotline,status,published_on,commit_standard,"
                               "commit_time_limit,commit_quality,commit_attitude\n"
                               "P1,D1,岗,M1,张三,长,范围,12345,published,2026-01-01,标准,时限,"
                               "质量,态度\n",
                               &err),
                     XF_OK);
    /* a named post is taken as it is, with no evaluation needed */
    assert_int_equal(tu_import(x->e, &xf_kind_posts,
                               "code,unit_code,title,holder_name,position,scope,hotline,status,"
                               "published_on,named_on,named_level,commit_standard,"
                               "commit_time_limit,commit_quality,commit_attitude\n"
                               "P2,D1,岗,张三,长,范围,12345,named,2026-01-01,2026-02-01,市委,"
                               "标准,时限,质量,态度\n",
                               &err),
                     XF_OK);
}

static void count_choice(void *arg, const struct xf_choice *c)
{
    (void)c;
    (*(int *)arg)++;
}

static void last_extra(void *arg, const struct xf_choice *c)
{
    snprintf(arg, 64, "%s", c->extra);
}

static void count_event(void *arg, const struct xf_post_event *ev)
{
    assert_string_equal(ev->kind, "evaluation");
    (*(int *)arg)++;
}

/* ---- the interface's list ------------------------------------------------- */

struct page {
    int n;
    char codes[16][16];
    char keys[16][16];
    int64_t ids[16], failures[16];
    char quarters[16][64];
    bool has_latest[16];
    double latest[16];
};

static void take(void *arg, const struct xf_post_item *it)
{
    struct page *pg = arg;
    if (pg->n >= 16)
        return;
    snprintf(pg->codes[pg->n], 16, "%s", it->code);
    snprintf(pg->keys[pg->n], 16, "%s", it->key);
    snprintf(pg->quarters[pg->n], 64, "%s", it->failed_quarters);
    pg->ids[pg->n] = it->id;
    pg->failures[pg->n] = it->failures;
    pg->has_latest[pg->n] = it->latest_quarter != NULL;
    pg->latest[pg->n] = it->latest_score;
    pg->n++;
}

static struct page page_of(struct fx *x, const struct xf_post_filter *f, const char *key,
                           int64_t id, enum xf_post_dir dir, int limit)
{
    struct page pg = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_post_page(&x->e->ctx, f, key, id, dir, limit, take, &pg, &err), XF_OK);
    return pg;
}

static void test_post_page_keyset(void **state)
{
    struct fx *x = *state;
    build_failures(x);                /* A B C R */
    mk_post(x->e, x->d2, "P");        /* proposed, never evaluated */
    struct xf_post_filter f = {.sort = XF_POST_BY_CODE};
    struct page pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 2);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.codes[0], "A");
    assert_string_equal(pg.codes[1], "B");
    pg = page_of(x, &f, pg.keys[1], pg.ids[1], XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 3);
    assert_string_equal(pg.codes[0], "C");
    assert_string_equal(pg.codes[2], "R");
    pg = page_of(x, &f, "C", pg.ids[0], XF_POST_FROM, 1);
    assert_string_equal(pg.codes[0], "C");
    pg = page_of(x, &f, NULL, 0, XF_POST_BEFORE, 2); /* the end, nearest first */
    assert_string_equal(pg.codes[0], "R");
    assert_string_equal(pg.codes[1], "P");
    pg = page_of(x, &f, "C", pg.ids[0] ? 0 : 0, XF_POST_BEFORE, 10);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.codes[0], "B");
    assert_string_equal(pg.codes[1], "A");
}

static void test_post_page_latest_and_failures(void **state)
{
    struct fx *x = *state;
    build_failures(x);
    struct xf_post_filter f = {.sort = XF_POST_BY_CODE};
    struct page pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 4);
    assert_true(pg.has_latest[0]);
    assert_true(pg.latest[0] > 49.9 && pg.latest[0] < 50.1); /* A: 2026Q3 */
    assert_int_equal(pg.failures[0], 2);                      /* A: Q1 and Q3 */
    assert_string_equal(pg.quarters[0], "2026Q1,2026Q3");
    x->e->cfg.consecutive = true;
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.failures[0], 1); /* only Q3 follows the latest pass */
}

static void test_post_page_filters(void **state)
{
    struct fx *x = *state;
    build_failures(x);
    mk_post(x->e, x->d2, "P");
    struct xf_post_filter f = {.status_mask = 1u << XF_POST_REVOKED};
    struct page pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 1);
    assert_string_equal(pg.codes[0], "R");
    f = (struct xf_post_filter){.candidates = true}; /* 2 failures, not revoked */
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.codes[0], "A");
    assert_string_equal(pg.codes[1], "C");
    f = (struct xf_post_filter){.unit_id = x->d2};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 2); /* C and P */
    f = (struct xf_post_filter){.like = "C"};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 1);
    char ids[32];
    snprintf(ids, sizeof ids, "[%lld]", (long long)pg.ids[0]);
    f = (struct xf_post_filter){.ids_json = ids};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 1);
    assert_string_equal(pg.codes[0], "C");
    /* A picker shows each post's unit line, so typing a unit finds the
     * posts of that unit and of every unit below it. */
    int64_t win = tu_unit(x->e, "D2-01", "第1号窗口", x->d2);
    mk_post(x->e, win, "W");
    f = (struct xf_post_filter){.like = "交警"};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 3); /* C and P in 市交警支队, W in its window */
    assert_string_equal(pg.codes[2], "W");
    /* a search's total: the same filter counted, up to a cap */
    long n = 0;
    struct xf_error err = {0};
    assert_int_equal(xf_post_count(&x->e->ctx, &f, 1000, &n, &err), XF_OK);
    assert_int_equal(n, 3);
    assert_int_equal(xf_post_count(&x->e->ctx, &f, 2, &n, &err), XF_OK);
    assert_int_equal(n, 2);
    f = (struct xf_post_filter){.like = "号窗"};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 1);
    assert_string_equal(pg.codes[0], "W");
    /* Words apart, each somewhere: a title's and a unit's ("先锋岗 第1号",
     * with the input method's full-width space too); it found nothing. */
    f = (struct xf_post_filter){.like = "先锋 第1号"};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 1);
    assert_string_equal(pg.codes[0], "W");
    f = (struct xf_post_filter){.like = "交警\u3000W"};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 1);
    assert_int_equal(xf_post_count(&x->e->ctx, &f, 1000, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    f = (struct xf_post_filter){.like = "交警 无此词"};
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 0);
}

static void test_post_page_sorts_and_scope(void **state)
{
    struct fx *x = *state;
    build_failures(x);
    mk_post(x->e, x->d2, "P");
    struct xf_post_filter f = {.sort = XF_POST_BY_SCORE};
    struct page pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 5);
    assert_string_equal(pg.codes[0], "R"); /* 10 */
    assert_string_equal(pg.codes[1], "C"); /* 20 */
    assert_string_equal(pg.codes[4], "P"); /* never evaluated: last */
    pg = page_of(x, &f, pg.keys[1], pg.ids[1], XF_POST_AFTER, 1);
    assert_string_equal(pg.codes[0], "A"); /* 50 */
    f.sort = XF_POST_BY_UNIT;
    pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    assert_string_equal(pg.keys[0], "D1");
    assert_string_equal(pg.keys[4], "D2");
    /* A user scoped to D2 sees D2's posts only, in lists and by id. */
    int64_t a = pg.ids[0];
    struct xf_user user;
    char *scopes[] = {"D2"};
    tu_scope(x->e, &user, scopes, "v2", XF_ROLE_VIEWER);
    struct xf_post_filter all = {0};
    pg = page_of(x, &all, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.codes[0], "C");
    struct xf_error err = {0};
    struct xf_post p = {0};
    assert_int_equal(xf_post_get(&x->e->ctx, a, &p, &err), XF_EPERM);
    assert_int_equal(xf_post_get(&x->e->ctx, pg.ids[0], &p, &err), XF_OK);
    xf_post_clear(&p);
    x->e->ctx.user = NULL;
}


/* ---- key projects: the list and the project-post map --------------------- */

struct pj_page {
    int n;
    char codes[8][16];
    int64_t ids[8], posts[8];
    bool active[8];
};

static void take_project(void *arg, const struct xf_project_item *it)
{
    struct pj_page *pg = arg;
    if (pg->n >= 8)
        return;
    snprintf(pg->codes[pg->n], sizeof pg->codes[0], "%s", it->code);
    pg->ids[pg->n] = it->id;
    pg->posts[pg->n] = it->posts;
    pg->active[pg->n] = it->active;
    pg->n++;
}

static struct pj_page projects_of(struct fx *x, const struct xf_project_filter *f,
                                  const char *from, int64_t from_id, enum xf_project_dir dir)
{
    struct pj_page pg = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_project_page(&x->e->ctx, f, from, from_id, dir, 8, take_project, &pg,
                                     &err),
                     XF_OK);
    return pg;
}

static int64_t mk_project(struct fx *x, const char *code, const char *category, int64_t owner)
{
    struct xf_error err = {0};
    struct xf_project j = {.code = (char *)code, .name = (char *)code,
                           .category = (char *)category, .owner_unit_id = owner};
    j.name = !strcmp(code, "J1") ? "地铁二号线" : !strcmp(code, "J2") ? "老旧小区改造" : "三环快速路";
    assert_int_equal(xf_project_create(&x->e->ctx, &j, &err), XF_OK);
    return j.id;
}

static void test_project_list(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    int64_t j1 = mk_project(x, "J1", "key", x->d1);
    int64_t j2 = mk_project(x, "J2", "livelihood", x->d2);
    mk_project(x, "J3", "road_bridge", x->d2);
    /* J2 is served by a post of D1 and by a revoked one, which does not count. */
    struct xf_post p = full_post(x->d1, "P1");
    p.project_id = j2;
    assert_int_equal(xf_post_create(&x->e->ctx, &p, &err), XF_OK);
    struct xf_post r = full_post(x->d2, "P2");
    r.project_id = j2;
    assert_int_equal(xf_post_create(&x->e->ctx, &r, &err), XF_OK);
    assert_int_equal(xf_post_publish(&x->e->ctx, r.id, 1, NULL, &err), XF_OK);
    assert_int_equal(xf_post_revoke(&x->e->ctx, r.id, 2, "撤岗", NULL, &err), XF_OK);
    mk_post(x->e, x->d1, "P3");

    struct xf_project_filter f = {0};
    struct pj_page pg = projects_of(x, &f, NULL, 0, XF_PROJECT_AFTER);
    assert_int_equal(pg.n, 3);
    assert_string_equal(pg.codes[0], "J1");
    assert_int_equal(pg.posts[1], 1);
    pg = projects_of(x, &f, "J1", j1, XF_PROJECT_AFTER);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.codes[0], "J2");
    pg = projects_of(x, &f, NULL, 0, XF_PROJECT_BEFORE);
    assert_string_equal(pg.codes[0], "J3"); /* from the end, nearest first */
    f.category = "livelihood";
    pg = projects_of(x, &f, NULL, 0, XF_PROJECT_AFTER);
    assert_int_equal(pg.n, 1);
    assert_string_equal(pg.codes[0], "J2");
    f = (struct xf_project_filter){.like = "交警"}; /* the owner unit's name */
    pg = projects_of(x, &f, NULL, 0, XF_PROJECT_AFTER);
    assert_int_equal(pg.n, 2);
    f = (struct xf_project_filter){.like = "%"}; /* taken literally */
    assert_int_equal(projects_of(x, &f, NULL, 0, XF_PROJECT_AFTER).n, 0);

    /* The project-post map: the posts of J2 (the revoked one included). */
    struct xf_post_filter pf = {.project_id = j2};
    struct page posts = page_of(x, &pf, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(posts.n, 2);
    assert_string_equal(posts.codes[0], "P1");

    /* Scoped to D1: the project D1 owns and the one its post serves. */
    struct xf_user user;
    char *scopes[] = {"D1"};
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    f = (struct xf_project_filter){0};
    pg = projects_of(x, &f, NULL, 0, XF_PROJECT_AFTER);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.codes[1], "J2");
    struct pj_page one = {0};
    assert_int_equal(xf_project_item(&x->e->ctx, &f, j1, take_project, &one, &err), XF_OK);
    assert_int_equal(one.n, 1);
    assert_int_equal(xf_project_item(&x->e->ctx, &f, pg.ids[1] + 1, take_project, &one, &err),
                     XF_ENOTFOUND);
    struct xf_project got = {0};
    assert_int_equal(xf_project_get(&x->e->ctx, j2, &got, &err), XF_EPERM); /* owned by D2 */
    /* J2's map shows D1 its own post only (D2's is not D1's)... */
    posts = page_of(x, &pf, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(posts.n, 1);
    assert_string_equal(posts.codes[0], "P1");
    x->e->ctx.user = NULL;
    tu_act_as(x->e, "adm1", XF_ROLE_ADMIN);
    /* ... but J1, D1's own project, served at a window of D2: its owner
     * sees its map whole (it saw 0 posts), the post still D2's to open. */
    struct xf_post q = full_post(x->d2, "P4");
    q.project_id = j1;
    assert_int_equal(xf_post_create(&x->e->ctx, &q, &err), XF_OK);
    tu_scope(x->e, &user, scopes, "v1", XF_ROLE_VIEWER);
    one = (struct pj_page){0};
    assert_int_equal(xf_project_item(&x->e->ctx, &f, j1, take_project, &one, &err), XF_OK);
    assert_int_equal(one.posts[0], 1);
    pf.project_id = j1;
    long n = 0;
    assert_int_equal(xf_post_count(&x->e->ctx, &pf, 100, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    posts = page_of(x, &pf, NULL, 0, XF_POST_AFTER, 10);
    assert_int_equal(posts.n, 1);
    assert_string_equal(posts.codes[0], "P4");
    struct xf_post other = {0};
    assert_int_equal(xf_post_get(&x->e->ctx, q.id, &other, &err), XF_EPERM);
    pf.project_id = j2;
    /* The export holds what the list shows (it held J1 alone). */
    char *csv = tu_export(x->e, &xf_kind_projects);
    assert_non_null(strstr(csv, "\r\nJ1,"));
    assert_non_null(strstr(csv, "\r\nJ2,"));
    assert_null(strstr(csv, "\r\nJ3,"));
    free(csv);
    x->e->ctx.user = NULL;
    csv = tu_export(x->e, &xf_kind_projects);
    assert_non_null(strstr(csv, "\r\nJ3,"));
    free(csv);
}

static void test_project_codes_and_reactivation(void **state)
{
    struct fx *x = *state;
    struct xf_error err = {0};
    char *code = NULL;
    assert_int_equal(xf_project_suggest_code(&x->e->ctx, "livelihood", &code, &err), XF_OK);
    assert_string_equal(code, "XM-L-001");
    int64_t id = mk_project(x, code, "livelihood", x->d1);
    free(code);
    assert_int_equal(xf_project_suggest_code(&x->e->ctx, "livelihood", &code, &err), XF_OK);
    assert_string_equal(code, "XM-L-002");
    free(code);
    assert_int_equal(xf_project_suggest_code(&x->e->ctx, "key", &code, &err), XF_OK);
    assert_string_equal(code, "XM-K-001");
    free(code);
    /* A code from another category's series is refused, naming both. */
    struct xf_project wrong = {.code = "XM-R-099", .name = "三环快速路", .category = "key",
                               .owner_unit_id = x->d1};
    assert_int_equal(xf_project_create(&x->e->ctx, &wrong, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    assert_non_null(strstr(err.msg, "XM-R-099"));
    assert_non_null(strstr(err.msg, "XM-K-"));
    /* ... an edit may not move a series code to another category ... */
    struct xf_project moved = {.id = id, .version = 1, .name = "老旧小区改造",
                               .category = "key", .owner_unit_id = x->d1};
    assert_int_equal(xf_project_edit(&x->e->ctx, &moved, &err), XF_EINVAL);
    assert_string_equal(err.field, "category");
    /* An escape sequence in a name is refused, not stored. */
    struct xf_project esc = {.code = "XM-K-900", .name = "\x1b]0;x\a项目", .category = "key",
                             .owner_unit_id = x->d1};
    assert_int_equal(xf_project_create(&x->e->ctx, &esc, &err), XF_EINVAL);
    assert_string_equal(err.field, "name");
    assert_non_null(strstr(err.msg, "U+001B, a control character"));
    /* ... and codes of other forms are the organiser's to choose. */
    mk_project(x, "J3", "key", x->d1);
    assert_int_equal(xf_project_activate(&x->e->ctx, id, 1, &err), XF_ESTATE);
    assert_int_equal(xf_project_deactivate(&x->e->ctx, id, 1, &err), XF_OK);
    char *label = NULL; /* a card linked to it says it is inactive */
    assert_int_equal(xf_project_label(&x->e->ctx, id, &label, &err), XF_OK);
    assert_non_null(strstr(label, "(inactive)"));
    free(label);
    assert_int_equal(xf_project_activate(&x->e->ctx, id, 1, &err), XF_ECONFLICT);
    assert_non_null(strstr(err.msg, "XM-L-001"));
    assert_int_equal(xf_project_activate(&x->e->ctx, id, 2, &err), XF_OK);
    struct xf_project p = {0};
    assert_int_equal(xf_project_get(&x->e->ctx, id, &p, &err), XF_OK);
    assert_true(p.active);
    assert_int_equal(p.version, 3);
    xf_project_clear(&p);
    /* Not under an inactive owner. */
    assert_int_equal(xf_project_deactivate(&x->e->ctx, id, 3, &err), XF_OK);
    assert_int_equal(xf_member_deactivate(&x->e->ctx, x->member, 1, &err), XF_OK);
    assert_int_equal(xf_unit_deactivate(&x->e->ctx, x->d1, 1, &err), XF_OK);
    assert_int_equal(xf_project_activate(&x->e->ctx, id, 4, &err), XF_ESTATE);
    assert_string_equal(err.field, "owner_unit");
}

static void test_post_item_and_choices(void **state)
{
    struct fx *x = *state;
    build_failures(x);
    struct xf_post_filter f = {.candidates = true};
    struct page pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 10);
    struct page one = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_post_item(&x->e->ctx, &f, pg.ids[0], take, &one, &err), XF_OK);
    assert_string_equal(one.codes[0], "A");
    f.status_mask = 1u << XF_POST_PROPOSED; /* A is published: left out */
    assert_int_equal(xf_post_item(&x->e->ctx, &f, pg.ids[0], take, &one, &err), XF_ENOTFOUND);
    int n = 0;
    assert_int_equal(xf_post_unit_choices(&x->e->ctx, "交警", 8, count_choice, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    /* Windows of one name in two departments: words narrow by department. */
    tu_unit(x->e, "D1-9", "第1号窗口", x->d1);
    tu_unit(x->e, "D2-9", "第1号窗口", x->d2);
    n = 0;
    assert_int_equal(xf_post_unit_choices(&x->e->ctx, "第1号窗口", 8, count_choice, &n, &err),
                     XF_OK);
    assert_int_equal(n, 2);
    n = 0;
    assert_int_equal(
        xf_post_unit_choices(&x->e->ctx, "市交警支队 第1号窗口", 8, count_choice, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    /* A window under an office is named with every unit above it: the
     * department alone left two 第1号窗口 of two 服务大厅 alike. */
    int64_t hall = tu_unit(x->e, "D2-8", "服务大厅", x->d2);
    tu_unit(x->e, "D2-8-1", "第7号窗口", hall);
    char above[64] = ""; /* last_extra writes 64 */
    assert_int_equal(xf_post_unit_choices(&x->e->ctx, "第7号窗口", 8, last_extra, above, &err),
                     XF_OK);
    assert_string_equal(above, "市交警支队 \u203a 服务大厅");
    n = 0;
    assert_int_equal(xf_post_member_choices(&x->e->ctx, x->d1, 0, "张", 8, count_choice, &n, &err),
                     XF_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(xf_post_member_choices(&x->e->ctx, x->d2, 0, "", 8, count_choice, &n, &err),
                     XF_OK);
    assert_int_equal(n, 0);
    char *code = NULL;
    assert_int_equal(xf_post_suggest_code(&x->e->ctx, &code, &err), XF_OK);
    assert_string_equal(code, "XFG-00005");
    free(code);
    /* One who holds a post says so beside the position (a second post was
     * given to the same person unawares). */
    char held_extra[64] = "";
    assert_int_equal(xf_post_member_choices(&x->e->ctx, x->d1, 0, "张", 8, last_extra, held_extra,
                                            &err),
                     XF_OK);
    assert_string_equal(held_extra, "窗口长");
    struct xf_post held = full_post(x->d1, "P7");
    held.holder_member_id = x->member;
    assert_int_equal(xf_post_create(&x->e->ctx, &held, &err), XF_OK);
    assert_int_equal(xf_post_member_choices(&x->e->ctx, x->d1, 0, "张", 8, last_extra, held_extra,
                                            &err),
                     XF_OK);
    assert_string_equal(held_extra, "窗口长 \u00b7 holds P7");
    /* editing P7 itself, its own holder is no clash */
    assert_int_equal(xf_post_member_choices(&x->e->ctx, x->d1, held.id, "张", 8, last_extra,
                                            held_extra, &err),
                     XF_OK);
    assert_string_equal(held_extra, "窗口长");
    /* an office numbering its posts its own way is followed */
    mk_post(x->e, x->d1, "XFG-003");
    assert_int_equal(xf_post_suggest_code(&x->e->ctx, &code, &err), XF_OK);
    assert_string_equal(code, "XFG-004");
    free(code);
    mk_post(x->e, x->d1, "XFG-004");
    mk_post(x->e, x->d1, "HL-2026-099");
    assert_int_equal(xf_post_suggest_code(&x->e->ctx, &code, &err), XF_OK);
    assert_string_equal(code, "HL-2026-100");
    free(code);
    /* A project offered to a post names its category in words. */
    mk_project(x, "J2", "livelihood", x->d1);
    char extra[64] = "";
    assert_int_equal(xf_post_project_choices(&x->e->ctx, "J2", 8, last_extra, extra, &err), XF_OK);
    assert_string_equal(extra, "livelihood project");
}

static void test_post_events(void **state)
{
    struct fx *x = *state;
    build_failures(x);
    struct xf_post_filter f = {0};
    struct page pg = page_of(x, &f, NULL, 0, XF_POST_AFTER, 1); /* A */
    int n = 0;
    struct xf_error err = {0};
    assert_int_equal(xf_post_events(&x->e->ctx, pg.ids[0], 10, count_event, &n, &err), XF_OK);
    assert_int_equal(n, 3); /* three evaluations */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_post_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holder_not_deactivated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holder_renamed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_create_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_wrong_role_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_edit_new_holder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_publish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_revoke, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_not_before_pass_known, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoke_not_before_evaluations_known, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_post_revoked_cannot_be_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revocation_candidates_any, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revocation_candidates_consecutive, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_named_unbacked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoked_unbacked, setup, teardown),
        cmocka_unit_test(test_revoke_reason_default),
        cmocka_unit_test(test_post_steps),
        cmocka_unit_test_setup_teardown(test_post_steps_now, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_report_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_csv_import_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_page_keyset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_page_latest_and_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_page_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_page_sorts_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_item_and_choices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_codes_and_reactivation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_events, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
