/* Roles and scopes at the domain layer (SPEC §1, §5): for every role, one
 * representative action of every permission, through the domain functions
 * with a real config listing users; scoped users are refused outside their
 * subtree; personal data is masked; handlers see only their dispatches. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"

#include "xf/complaint.h"
#include "xf/evaluation.h"
#include "xf/history.h"
#include "xf/inspection.h"
#include "xf/pledge.h"
#include "xf/post.h"
#include "xf/restore.h"
#include "xf/transfer.h"
#include "xf/unit.h"

#define PHONE "13812345678"

enum { VIEWER, HANDLER, INSPECTOR, SUPERVISOR, ORGANISER, ADMIN, N_ROLES };

/* The matrix of SPEC §1, written out here independently of ctx.c. */
static const struct {
    enum xf_perm perm;
    const char *name;
    bool allowed[N_ROLES]; /* viewer handler inspector supervisor organiser admin */
} matrix[] = {
    {XF_P_UNIT_EDIT, "unit edit", {0, 0, 0, 0, 1, 1}},
    {XF_P_POST_EDIT, "post edit", {0, 0, 0, 0, 1, 1}},
    {XF_P_PLEDGE_EDIT, "pledge edit", {0, 0, 0, 0, 1, 1}},
    {XF_P_EVAL_EDIT, "evaluation edit", {0, 0, 0, 0, 1, 1}},
    {XF_P_COMPLAINT_SUPERVISE, "complaint supervise", {0, 0, 0, 1, 0, 1}},
    {XF_P_COMPLAINT_HANDLE, "complaint handle", {0, 1, 0, 0, 0, 1}},
    {XF_P_COMPLAINT_PERSONAL, "complaint personal", {0, 1, 0, 1, 0, 1}},
    {XF_P_INSPECT, "inspect", {0, 0, 1, 0, 0, 1}},
    {XF_P_RECTIFY, "rectify", {0, 1, 0, 0, 1, 1}},
    {XF_P_IMPORT, "import", {0, 0, 0, 0, 0, 1}},
    {XF_P_HISTORY_ALL, "history all", {0, 0, 0, 0, 0, 1}},
    {XF_P_BACKUP, "backup", {0, 0, 0, 0, 0, 1}},
    {XF_P_DB_CREATE, "create a database", {0, 0, 0, 0, 0, 1}},
};

static char *d2_scope[] = {"D2"};
static char *office_scope[] = {"D1-1"};

/* Every role unscoped, then scoped users. */
static struct xf_user users[] = {
    {"viewer", "看", XF_ROLE_VIEWER, NULL, 0},
    {"handler", "办", XF_ROLE_HANDLER, NULL, 0},
    {"inspector", "查", XF_ROLE_INSPECTOR, NULL, 0},
    {"supervisor", "督", XF_ROLE_SUPERVISOR, NULL, 0},
    {"organiser", "组", XF_ROLE_ORGANISER, NULL, 0},
    {"admin", "管", XF_ROLE_ADMIN, NULL, 0},
    {"org_d2", "区组织", XF_ROLE_ORGANISER, d2_scope, 1},
    {"sup_d2", "区督查", XF_ROLE_SUPERVISOR, d2_scope, 1},
    {"insp_d2", "区检查", XF_ROLE_INSPECTOR, d2_scope, 1},
    {"h_office", "科室承办", XF_ROLE_HANDLER, office_scope, 1},
    {"adm_d2", "区管理员", XF_ROLE_ADMIN, d2_scope, 1},
};

struct fx {
    struct tu_env *e;       /* admin setup connection (config without users) */
    struct xf_config cfg;   /* a shallow copy of e->cfg listing users[] */
    char *dir;
    int64_t d1, office, d2, member, seq;
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
    f->d1 = tu_unit(f->e, "D1", "市场监管局", 0);
    f->office = tu_unit(f->e, "D1-1", "投诉科", f->d1);
    f->d2 = tu_unit(f->e, "D2", "交警支队", 0);
    struct xf_member m = {.unit_id = f->office, .code = "M1", .name = "李明", .position = "科员"};
    ok(xf_member_create(&f->e->ctx, &m, &err), &err);
    f->member = m.id;
    f->cfg = f->e->cfg;
    f->cfg.users = users;
    f->cfg.n_users = sizeof users / sizeof users[0];
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    tu_env_close(f->e);
    free(f);
    return 0;
}

static struct xf_ctx as(struct fx *f, const char *login)
{
    struct xf_ctx ctx;
    struct xf_error err = {0};
    ok(xf_ctx_init(&ctx, f->e->db, &f->cfg, login, &err), &err);
    xf_db_set_actor(f->e->db, login, "10.0.0.9");
    return ctx;
}

static const struct xf_ctx *admin(struct fx *f)
{
    xf_db_set_actor(f->e->db, "tester", "127.0.0.1");
    return &f->e->ctx;
}

static void code(struct fx *f, const char *prefix, char out[32])
{
    snprintf(out, 32, "%s%lld", prefix, (long long)++f->seq);
}

/* ---- preparing records (as admin) ---- */

static int64_t received(struct fx *f, const char *unit_code)
{
    struct xf_error err = {0};
    struct xf_complaint_new in = {.source = "hotline", .unit_code = unit_code,
                                  .text = "窗口工作人员态度生硬", .complainant_name = "张三",
                                  .complainant_phone = PHONE};
    int64_t id;
    ok(xf_complaint_receive(admin(f), &in, &id, &err), &err);
    return id;
}

static int64_t version_of(struct fx *f, int64_t id)
{
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    ok(xf_complaint_get(admin(f), id, &c, &err), &err);
    int64_t v = c.version;
    xf_complaint_clear(&c);
    return v;
}

static int64_t dispatched(struct fx *f, const char *unit_code, int64_t lead)
{
    struct xf_error err = {0};
    int64_t id = received(f, unit_code);
    ok(xf_complaint_classify(admin(f), id, version_of(f, id), "attitude", NULL, &err), &err);
    ok(xf_complaint_dispatch(admin(f), id, version_of(f, id), lead, NULL, 0, NULL, &err), &err);
    return id;
}

static int64_t published_post(struct fx *f)
{
    struct xf_error err = {0};
    char c[32];
    code(f, "P", c);
    struct xf_post p = {.code = c, .unit_id = f->office, .title = "政务窗口",
                        .holder_name = "李明", .position = "科员", .scope = "业务办理",
                        .hotline = "12345", .commit_standard = "一次告知",
                        .commit_time_limit = "当日办结", .commit_quality = "零差错",
                        .commit_attitude = "微笑服务"};
    ok(xf_post_create(admin(f), &p, &err), &err);
    ok(xf_post_publish(admin(f), p.id, p.version, "2026-01-05", &err), &err);
    return p.id;
}

static int log_inspection(const struct xf_ctx *ctx, int64_t unit, bool failing, int64_t *id,
                          struct xf_error *err)
{
    static const char *const pass[] = {"pass", "pass", "pass", "pass", "pass"};
    static const char *const fail[] = {"fail", "pass", "pass", "pass", "pass"};
    struct xf_inspection_new in = {.kind = "unannounced", .unit_id = unit,
                                   .on_date = "2026-01-05", .outcomes = failing ? fail : pass,
                                   .n_outcomes = 5, .findings = failing ? "公示牌缺失" : NULL};
    return xf_inspection_log(ctx, &in, id, err);
}

/* ---- one representative action per permission ---- */

static int try_perm(struct fx *f, enum xf_perm p, const struct xf_ctx *ctx, struct xf_error *err)
{
    char c[32];
    switch (p) {
    case XF_P_UNIT_EDIT: {
        code(f, "U", c);
        struct xf_unit u = {.parent_id = f->d1, .code = c, .name = "新科室", .kind = "office"};
        int rc = xf_unit_create(ctx, &u, err);
        free(u.path);
        return rc;
    }
    case XF_P_POST_EDIT: {
        code(f, "Q", c);
        struct xf_post post = {.code = c, .unit_id = f->office, .title = "便民窗口"};
        return xf_post_create(ctx, &post, err);
    }
    case XF_P_PLEDGE_EDIT: {
        code(f, "办结", c); /* each a pledge of its own, not a repeat */
        struct xf_pledge_new in = {.member_id = f->member, .text = c,
                                   .category = "time_limit", .made_on = "2026-01-05",
                                   .due_on = "2026-02-05"};
        return xf_pledge_make(ctx, &in, NULL, err);
    }
    case XF_P_EVAL_EDIT: {
        int64_t post = published_post(f);
        struct xf_group_score g[XF_GROUP_COUNT];
        for (int i = 0; i < XF_GROUP_COUNT; i++)
            g[i] = (struct xf_group_score){90, 20};
        return xf_evaluation_enter(ctx, post, "2026Q1", g, NULL, err);
    }
    case XF_P_COMPLAINT_SUPERVISE: {
        struct xf_complaint_new in = {.source = "walk_in", .unit_code = "D1-1",
                                      .text = "办事指引不清"};
        return xf_complaint_receive(ctx, &in, NULL, err);
    }
    case XF_P_COMPLAINT_HANDLE: {
        int64_t id = dispatched(f, "D1-1", f->office);
        return xf_complaint_sign(ctx, id, version_of(f, id), "已签收", err);
    }
    case XF_P_COMPLAINT_PERSONAL: {
        /* Not a refusal but a mask: "allowed" means the phone is shown.
         * Dispatched, so that handlers may read it at all. */
        int64_t id = dispatched(f, "D1-1", f->office);
        struct xf_complaint cp = {0};
        ok(xf_complaint_get(ctx, id, &cp, err), err);
        bool shown = cp.complainant_phone && strcmp(cp.complainant_phone, PHONE) == 0;
        xf_complaint_clear(&cp);
        return shown ? XF_OK : xf_err(err, XF_EPERM, "", "masked");
    }
    case XF_P_INSPECT:
        return log_inspection(ctx, f->office, false, NULL, err);
    case XF_P_RECTIFY: {
        int64_t ins;
        ok(log_inspection(admin(f), f->office, true, &ins, err), err);
        struct xf_rectification r = {0};
        ok(xf_inspection_rectification(admin(f), ins, &r, err), err);
        xf_db_set_actor(f->e->db, ctx->login, "10.0.0.9");
        int rc = xf_rectification_done(ctx, r.id, r.version, "已整改", err);
        xf_rectification_clear(&r);
        return rc;
    }
    case XF_P_IMPORT: {
        code(f, "I", c);
        char csv[128];
        int len = snprintf(csv, sizeof csv, "code,parent_code,name,kind\n%s,D1,导入科室,office\n", c);
        char *path = tu_write_file(f->e->dir, "units.csv", csv, (size_t)len);
        long rows = 0;
        int rc = xf_import_file(ctx, &xf_kind_units, path, NULL, NULL, &rows, err);
        free(path);
        return rc;
    }
    case XF_P_HISTORY_ALL: {
        struct xf_history_row *rows = NULL;
        size_t n = 0;
        int rc = xf_history_all(ctx, NULL, 0, 10, &rows, &n, err);
        xf_history_rows_free(rows, n);
        return rc;
    }
    case XF_P_BACKUP: {
        code(f, "B", c);
        char path[600];
        snprintf(path, sizeof path, "%s/%s.db", f->e->dir, c);
        return xf_backup(ctx, path, err);
    }
    case XF_P_DB_CREATE: /* xf_session_open_db asks before the file is made */
        return xf_perm_require(ctx, XF_P_DB_CREATE, 0, err);
    }
    return XF_EINVAL;
}

static void test_matrix(void **state)
{
    struct fx *f = *state;
    int wrong = 0;
    for (int r = 0; r < N_ROLES; r++) {
        for (size_t i = 0; i < sizeof matrix / sizeof matrix[0]; i++) {
            struct xf_ctx ctx = as(f, users[r].login);
            assert_int_equal(ctx.role, users[r].role);
            struct xf_error err = {0};
            int rc = try_perm(f, matrix[i].perm, &ctx, &err);
            bool want = matrix[i].allowed[r];
            bool right = want ? rc == XF_OK : rc == XF_EPERM && err.msg[0] != '\0';
            assert_false(xf_db_in_tx(f->e->db));
            if (!right) {
                wrong++;
                fprintf(stderr, "%s / %s: got %d (%s), wanted %s\n", users[r].login,
                        matrix[i].name, rc, err.msg, want ? "success" : "XF_EPERM");
            }
        }
    }
    assert_int_equal(wrong, 0);
}

/* A refusal names the user, the role and what is refused. */
static void test_refusal_message(void **state)
{
    struct fx *f = *state;
    struct xf_ctx ctx = as(f, "viewer");
    struct xf_error err = {0};
    assert_int_equal(try_perm(f, XF_P_UNIT_EDIT, &ctx, &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "viewer"));
    assert_non_null(strstr(err.msg, "edit units"));
    /* the person as everywhere, then the role: "看 (viewer), viewer, ..."
     * ("viewer (viewer)" read as a name and its login) */
    assert_string_equal(err.msg, "看 (viewer), viewer, may not edit units, members and projects");
}

static void test_unknown_user_refused(void **state)
{
    struct fx *f = *state;
    struct xf_ctx ctx;
    struct xf_error err = {0};
    assert_int_equal(xf_ctx_init(&ctx, f->e->db, &f->cfg, "stranger", &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "stranger"));
}

/* Scoped to D2: refused on D1's subtree, allowed inside D2. */
static void test_scope_refusals(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_ctx org = as(f, "org_d2");
    struct xf_unit in_d1 = {.parent_id = f->office, .code = "X1", .name = "窗口", .kind = "window"};
    assert_int_equal(xf_unit_create(&org, &in_d1, &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "outside"));
    struct xf_unit in_d2 = {.parent_id = f->d2, .code = "X2", .name = "窗口", .kind = "window"};
    ok(xf_unit_create(&org, &in_d2, &err), &err);
    free(in_d2.path);
    struct xf_unit root = {.code = "X3", .name = "新局", .kind = "department"};
    assert_int_equal(xf_unit_create(&org, &root, &err), XF_EPERM);
    struct xf_pledge_new pn = {.member_id = f->member, .text = "按时办结",
                               .category = "time_limit", .made_on = "2026-01-05",
                               .due_on = "2026-02-05"};
    assert_int_equal(xf_pledge_make(&org, &pn, NULL, &err), XF_EPERM);

    struct xf_ctx sup = as(f, "sup_d2");
    struct xf_complaint_new cn = {.source = "hotline", .unit_code = "D1-1", .text = "态度差"};
    assert_int_equal(xf_complaint_receive(&sup, &cn, NULL, &err), XF_EPERM);
    cn.unit_code = "D2";
    ok(xf_complaint_receive(&sup, &cn, NULL, &err), &err);
    int64_t other = received(f, "D1-1");
    struct xf_complaint c = {0};
    assert_int_equal(xf_complaint_get(&sup, other, &c, &err), XF_EPERM);
    assert_int_equal(xf_complaint_classify(&sup, other, version_of(f, other), "fees", NULL, &err),
                     XF_EPERM);

    struct xf_ctx insp = as(f, "insp_d2");
    assert_int_equal(log_inspection(&insp, f->office, false, NULL, &err), XF_EPERM);
    ok(log_inspection(&insp, f->d2, false, NULL, &err), &err);

    /* A handler of D1-1 may not sign for a dispatch to D2. */
    struct xf_ctx h = as(f, "h_office");
    int64_t to_d2 = dispatched(f, "D2", f->d2);
    assert_int_equal(xf_complaint_sign(&h, to_d2, version_of(f, to_d2), NULL, &err), XF_EPERM);
    int64_t to_office = dispatched(f, "D1-1", f->office);
    ok(xf_complaint_sign(&h, to_office, version_of(f, to_office), NULL, &err), &err);
}

/* A backup or a restore is the whole city's database, every complainant
 * unmasked: not for an admin limited to a scope, whose refusal says who
 * may. */
static void test_scoped_admin_no_backup(void **state)
{
    struct fx *f = *state;
    struct xf_ctx adm = as(f, "adm_d2");
    struct xf_error err = {0};
    char path[600];
    snprintf(path, sizeof path, "%s/scoped-copy.db", f->e->dir);
    assert_int_equal(xf_backup(&adm, path, &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "administrator without a unit scope"));
    /* named as every refusal names the person, not by the login alone */
    assert_non_null(strstr(err.msg, "区管理员 (adm_d2), admin, may not back up"));
    assert_int_equal(access(path, F_OK), -1);
    struct xf_ctx city = as(f, "admin");
    ok(xf_backup(&city, path, &err), &err);
    assert_int_equal(xf_restore_check(&adm, path, &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "administrator without a unit scope"));
    char *kept = NULL;
    assert_int_equal(xf_restore_database(&adm, path, &kept, NULL, &err), XF_EPERM);
    assert_null(kept);
    ok(xf_restore_check(&city, path, &err), &err);
}

/* A refusal outside the user's units names them as the other refusals
 * do: "name (login), role, may not …", not by the login alone. */
static void test_outside_scope_names_the_person(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    struct xf_ctx org = as(f, "org_d2");
    assert_int_equal(xf_perm_require(&org, XF_P_UNIT_EDIT, f->office, &err), XF_EPERM);
    assert_string_equal(err.msg, "区组织 (org_d2), organiser, may not edit units, members and "
                                 "projects outside their units");
    ok(xf_perm_require(&org, XF_P_UNIT_EDIT, f->d2, &err), &err);
    assert_int_equal(xf_ctx_require_city_wide(&org, "the report", &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "区组织 (org_d2), organiser, sees only the units"));
}

/* An inspector raises complaints only from failed inspections they may
 * see: not from one outside their units, even naming a unit inside. */
static void test_inspector_raises_own_inspections(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t in_d1, in_d2;
    ok(log_inspection(admin(f), f->office, true, &in_d1, &err), &err);
    ok(log_inspection(admin(f), f->d2, true, &in_d2, &err), &err);
    struct xf_ctx insp = as(f, "insp_d2");
    struct xf_complaint_new cn = {.source = "inspection", .unit_code = "D2", .text = "公示牌缺失"};
    assert_int_equal(xf_complaint_receive(&insp, &cn, NULL, &err), XF_EPERM);
    assert_string_equal(err.field, "inspection");
    cn.inspection_id = in_d1;
    assert_int_equal(xf_complaint_receive(&insp, &cn, NULL, &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "outside"));
    cn.inspection_id = in_d2;
    ok(xf_complaint_receive(&insp, &cn, NULL, &err), &err);
    char *code = NULL;
    ok(xf_complaint_of_inspection(admin(f), in_d1, &code, &err), &err);
    assert_null(code);
}

/* A viewer never gets the complainant's phone or full name. */
static void test_viewer_masked(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t id = received(f, "D1-1");
    struct xf_ctx v = as(f, "viewer");
    struct xf_complaint c = {0};
    ok(xf_complaint_get(&v, id, &c, &err), &err);
    assert_non_null(c.complainant_phone);
    assert_string_not_equal(c.complainant_phone, PHONE);
    assert_non_null(strchr(c.complainant_phone, '*'));
    assert_string_not_equal(c.complainant_name, "张三");
    xf_complaint_clear(&c);
    struct xf_complaint_page pg = {0};
    struct xf_complaint *rows = NULL;
    size_t n = 0;
    ok(xf_complaint_page(&v, &pg, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_string_not_equal(rows[0].complainant_phone, PHONE);
    xf_complaints_free(rows, n);
    struct xf_complaint_filter fl = {0};
    ok(xf_complaint_list(&v, &fl, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_string_not_equal(rows[0].complainant_phone, PHONE);
    xf_complaints_free(rows, n);
}

static size_t count_ids(struct xf_complaint *rows, size_t n, int64_t id)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += rows[i].id == id;
    return k;
}

/* A handler sees only complaints dispatched to their units. */
static void test_handler_sees_own_dispatches(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t mine = dispatched(f, "D1-1", f->office);
    int64_t theirs = dispatched(f, "D2", f->d2);
    int64_t undispatched = received(f, "D1-1");
    struct xf_ctx h = as(f, "h_office");
    struct xf_complaint_page pg = {0};
    struct xf_complaint *rows = NULL;
    size_t n = 0;
    ok(xf_complaint_page(&h, &pg, &rows, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_int_equal(count_ids(rows, n, mine), 1);
    assert_int_equal(count_ids(rows, n, theirs) + count_ids(rows, n, undispatched), 0);
    assert_string_equal(rows[0].complainant_phone, PHONE); /* handlers see it */
    xf_complaints_free(rows, n);
}

/* A handler's queue holds only what was dispatched to their units. */
static void test_handler_queue_list(void **state)
{
    struct fx *f = *state;
    struct xf_error err = {0};
    int64_t mine = dispatched(f, "D1-1", f->office);
    int64_t theirs = dispatched(f, "D2", f->d2);
    int64_t undispatched = received(f, "D1-1");
    struct xf_ctx h = as(f, "h_office");
    struct xf_complaint_filter fl = {0};
    struct xf_complaint *rows = NULL;
    size_t n = 0;
    ok(xf_complaint_list(&h, &fl, &rows, &n, &err), &err);
    size_t leaked = count_ids(rows, n, theirs) + count_ids(rows, n, undispatched);
    size_t own = count_ids(rows, n, mine);
    xf_complaints_free(rows, n);
    assert_int_equal(leaked, 0);
    assert_int_equal(own, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusal_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_user_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scoped_admin_no_backup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outside_scope_names_the_person, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inspector_raises_own_inspections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_viewer_masked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handler_sees_own_dispatches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handler_queue_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
