/* Units, members and projects: rules, permissions, history, CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"
#include "xf/project.h"
#include "xf/store_internal.h"
#include "xf/unit.h"

static int setup(void **state)
{
    *state = tu_env_open();
    return 0;
}

static int teardown(void **state)
{
    tu_env_close(*state);
    return 0;
}

/* Creates a unit through the domain; returns its id (the test fails on error). */
static int64_t mk_unit(struct tu_env *e, const char *code, int64_t parent, const char *kind)
{
    struct xf_error err = {0};
    struct xf_unit u = {.parent_id = parent, .code = (char *)code, .name = "单位",
                        .kind = (char *)kind, .trade = "城建", .party_org = "党支部"};
    int rc = xf_unit_create(&e->ctx, &u, &err);
    if (rc)
        fprintf(stderr, "mk_unit %s: %s\n", code, err.msg);
    assert_int_equal(rc, XF_OK);
    free(u.path);
    return u.id;
}

static int64_t unit_version(struct tu_env *e, int64_t id)
{
    struct xf_unit u = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_store_unit_get(e->db, id, &u, &err), XF_OK);
    int64_t v = u.version;
    xf_unit_clear(&u);
    return v;
}

/* ---- units --------------------------------------------------------------- */

static void test_unit_create(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    struct xf_unit u = {.code = "D1", .name = "市住建局", .kind = "department"};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_OK);
    assert_true(u.id > 0);
    assert_true(u.active);
    assert_string_equal(u.path, "/1/");
    free(u.path);
    int64_t child = mk_unit(e, "D1.W1", u.id, "window");
    struct xf_unit c = {0};
    assert_int_equal(xf_store_unit_get(e->db, child, &c, &err), XF_OK);
    assert_int_equal(c.parent_id, u.id);
    assert_int_equal(c.depth, 1);
    assert_string_equal(c.trade, "城建");
    xf_unit_clear(&c);
    assert_int_equal(tu_history(e, "unit", u.id, "unit.create"), 1);
    assert_int_equal(tu_history(e, "unit", child, "unit.create"), 1);
}

static void expect_unit_invalid(struct tu_env *e, struct xf_unit u, const char *field)
{
    struct xf_error err = {0};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_EINVAL);
    assert_string_equal(err.field, field);
    assert_true(err.msg[0] != '\0');
}

static void test_unit_create_bad_input(void **state)
{
    struct tu_env *e = *state;
    struct xf_unit ok = {.code = "D1", .name = "局", .kind = "department"};
    struct xf_unit u = ok;
    u.code = "";
    expect_unit_invalid(e, u, "code");
    u.code = "has space";
    expect_unit_invalid(e, u, "code");
    u.code = "局";
    expect_unit_invalid(e, u, "code");
    u.code = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"; /* 33 */
    expect_unit_invalid(e, u, "code");
    u = ok;
    u.name = NULL;
    expect_unit_invalid(e, u, "name");
    u.name = "\xff\xfe";
    expect_unit_invalid(e, u, "name");
    u.name = "服务大厅\n二楼"; /* a name is one line */
    expect_unit_invalid(e, u, "name");
    u.name = "服务\t大厅";
    expect_unit_invalid(e, u, "name");
    u = ok;
    u.trade = "城建\xe2\x80\x8f"; /* RLM */
    expect_unit_invalid(e, u, "trade");
    u = ok;
    u.kind = "bureau";
    expect_unit_invalid(e, u, "kind");
    u = ok;
    u.code = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"; /* 32 is fine */
    struct xf_error err = {0};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_OK);
    free(u.path);
}

static void test_unit_create_parent_rules(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    struct xf_unit u = {.parent_id = 99, .code = "X", .name = "处", .kind = "office"};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_EINVAL);
    assert_string_equal(err.field, "parent");
    int64_t d = mk_unit(e, "D1", 0, "department");
    assert_int_equal(xf_unit_deactivate(&e->ctx, d, unit_version(e, d), &err), XF_OK);
    u.parent_id = d;
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_ESTATE);
    assert_string_equal(err.field, "parent");
    assert_non_null(strstr(err.msg, "inactive"));
}

static void test_unit_create_duplicate_code(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    mk_unit(e, "D1", 0, "department");
    struct xf_unit u = {.code = "D1", .name = "另一局", .kind = "department"};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    assert_non_null(strstr(err.msg, "D1"));
}

static void test_unit_edit(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    struct xf_unit u = {.id = d, .version = 1, .name = "市交警支队", .kind = "department",
                        .trade = "交警", .party_org = "支队党委"};
    assert_int_equal(xf_unit_edit(&e->ctx, &u, &err), XF_OK);
    assert_int_equal(u.version, 2);
    struct xf_unit got = {0};
    xf_store_unit_get(e->db, d, &got, &err);
    assert_string_equal(got.name, "市交警支队");
    assert_string_equal(got.trade, "交警");
    assert_string_equal(got.code, "D1");
    xf_unit_clear(&got);
    assert_int_equal(tu_history(e, "unit", d, "unit.edit"), 1);
    /* someone else saw version 1 */
    u.version = 1;
    u.name = "旧名";
    assert_int_equal(xf_unit_edit(&e->ctx, &u, &err), XF_ECONFLICT);
    u.version = 2;
    u.name = "";
    assert_int_equal(xf_unit_edit(&e->ctx, &u, &err), XF_EINVAL);
    assert_string_equal(err.field, "name");
    assert_int_equal(tu_history(e, "unit", d, "unit.edit"), 1);
}

static void test_unit_deactivate_children(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    int64_t o = mk_unit(e, "D1.O1", d, "office");
    assert_int_equal(xf_unit_deactivate(&e->ctx, d, unit_version(e, d), &err), XF_ESTATE);
    assert_non_null(strstr(err.msg, "D1.O1"));
    assert_int_equal(xf_unit_deactivate(&e->ctx, o, 1, &err), XF_OK);
    assert_int_equal(tu_history(e, "unit", o, "unit.deactivate"), 1);
    assert_int_equal(xf_unit_deactivate(&e->ctx, o, 2, &err), XF_ESTATE);
    assert_int_equal(xf_unit_deactivate(&e->ctx, d, 1, &err), XF_OK);
    /* a child cannot come back under an inactive parent */
    assert_int_equal(xf_unit_activate(&e->ctx, o, 2, &err), XF_ESTATE);
    assert_string_equal(err.field, "parent");
    assert_int_equal(xf_unit_activate(&e->ctx, d, 1, &err), XF_ECONFLICT);
    assert_int_equal(xf_unit_activate(&e->ctx, d, 2, &err), XF_OK);
    assert_int_equal(xf_unit_activate(&e->ctx, o, 2, &err), XF_OK);
    assert_int_equal(xf_unit_activate(&e->ctx, o, 3, &err), XF_ESTATE);
}

static void test_unit_wrong_role(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    tu_act_as(e, "viewer1", XF_ROLE_VIEWER);
    struct xf_unit u = {.parent_id = d, .code = "O1", .name = "处", .kind = "office"};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_EPERM);
    struct xf_unit ed = {.id = d, .version = 1, .name = "x", .kind = "department"};
    assert_int_equal(xf_unit_edit(&e->ctx, &ed, &err), XF_EPERM);
    assert_int_equal(xf_unit_deactivate(&e->ctx, d, 1, &err), XF_EPERM);
    struct xf_member m = {.unit_id = d, .code = "M1", .name = "张三"};
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EPERM);
    tu_act_as(e, "inspector1", XF_ROLE_INSPECTOR);
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_EPERM);
    tu_act_as(e, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_OK);
    free(u.path);
    assert_int_equal(tu_history(e, "unit", u.id, "unit.create"), 1);
}

static void test_unit_scope(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d1 = mk_unit(e, "D1", 0, "department");
    int64_t d2 = mk_unit(e, "D2", 0, "department");
    struct xf_user user;
    char *scopes[] = {"D1"};
    tu_scope(e, &user, scopes, "org1", XF_ROLE_ORGANISER);
    struct xf_unit u = {.parent_id = d1, .code = "O1", .name = "处", .kind = "office"};
    assert_int_equal(xf_unit_create(&e->ctx, &u, &err), XF_OK);
    free(u.path);
    struct xf_unit v = {.parent_id = d2, .code = "O2", .name = "处", .kind = "office"};
    assert_int_equal(xf_unit_create(&e->ctx, &v, &err), XF_EPERM);
    struct xf_unit root = {.code = "D3", .name = "局", .kind = "department"};
    assert_int_equal(xf_unit_create(&e->ctx, &root, &err), XF_EPERM);
    assert_int_equal(xf_unit_deactivate(&e->ctx, d2, 1, &err), XF_EPERM);
    struct xf_member m = {.unit_id = d2, .code = "M1", .name = "张三"};
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EPERM);
    m.unit_id = u.id;
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_OK);
    /* moving the member out of the user's units is refused */
    m.unit_id = d2;
    assert_int_equal(xf_member_edit(&e->ctx, &m, NULL, &err), XF_EPERM);
    char *json = NULL;
    assert_int_equal(xf_unit_scope_paths(&e->ctx, &json, &err), XF_OK);
    assert_string_equal(json, "[\"/1/\"]");
    free(json);
    e->ctx.user = NULL;
}

/* Two scopes whose second path exactly fills the buffer the first grew:
 * the closing bracket was written one byte past it (ASan). */
static void test_unit_scope_paths_fill(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    tu_unit(e, "D1", "市城建委", 0);
    int64_t d2 = tu_unit(e, "D2", "市质监局", 0), last = 0;
    char code[16];
    for (int i = 0; last < 10; i++) {
        snprintf(code, sizeof code, "D2-%02d", i);
        last = tu_unit(e, code, "处", d2);
    }
    struct xf_user user;
    char *scopes[] = {"D1", code};
    tu_scope(e, &user, scopes, "org1", XF_ROLE_ORGANISER);
    user.n_scopes = 2;
    char *json = NULL;
    assert_int_equal(xf_unit_scope_paths(&e->ctx, &json, &err), XF_OK);
    assert_string_equal(json, "[\"/1/\",\"/2/10/\"]");
    free(json);
    e->ctx.user = NULL;
}

/* Scopes under one parent: the parent named once, each unit without the
 * place name it shares with it (a shared word or a bare 市 stays); none
 * when the parents differ. */
static void test_unit_scope_names_short(void **state)
{
    struct tu_env *e = *state;
    int64_t dl = tu_unit(e, "DL", "道里区人民政府", 0);
    tu_unit(e, "DL02", "道里区市场监督管理局", dl);
    tu_unit(e, "DL03", "道里区城市管理局", dl);
    tu_unit(e, "DL04", "道里区", dl);
    int64_t c = tu_unit(e, "C", "市城建委", 0);
    tu_unit(e, "C1", "市城管局", c);
    tu_unit(e, "C2", "服务大厅", c);
    struct xf_user user;
    char *scopes[] = {"DL02", "DL03"};
    tu_scope(e, &user, scopes, "ins1", XF_ROLE_INSPECTOR);
    user.n_scopes = 2;
    char *s = xf_unit_scope_names_short(&e->ctx);
    assert_string_equal(s, "道里区人民政府 › 市场监督管理局, 城市管理局");
    free(s);
    char *whole[] = {"DL02", "DL04"}; /* nothing would be left of 道里区 */
    user.scopes = whole;
    s = xf_unit_scope_names_short(&e->ctx);
    assert_string_equal(s, "道里区人民政府 › 市场监督管理局, 道里区");
    free(s);
    char *city[] = {"C1", "C2"};
    user.scopes = city;
    s = xf_unit_scope_names_short(&e->ctx);
    assert_string_equal(s, "市城建委 › 市城管局, 服务大厅");
    free(s);
    char *apart[] = {"DL02", "C1"};
    user.scopes = apart;
    assert_null(xf_unit_scope_names_short(&e->ctx));
    char *one[] = {"DL02"};
    user.scopes = one;
    user.n_scopes = 1;
    assert_null(xf_unit_scope_names_short(&e->ctx));
    e->ctx.user = NULL;
}

/* A window is named with the units above it from its department down:
 * "第1号窗口" or "服务大厅 › 第1号窗口" alone is every department's. */
static void test_unit_place_label(void **state)
{
    struct tu_env *e = *state;
    int64_t d = tu_unit(e, "D1", "市城建委", 0);
    int64_t hall = tu_unit(e, "D1-01", "服务大厅", d);
    int64_t win = tu_unit(e, "D1-01-01", "第1号窗口", hall);
    char *s = xf_unit_place_label(&e->ctx, win);
    assert_string_equal(s, "市城建委 › 服务大厅 › 第1号窗口");
    free(s);
    s = xf_unit_place_label(&e->ctx, d);
    assert_string_equal(s, "市城建委");
    free(s);
    assert_null(xf_unit_place_label(&e->ctx, win + 100));
}

/* ---- members ------------------------------------------------------------- */

static void test_member_create(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    struct xf_member m = {.unit_id = d, .code = "M1", .name = "李四", .position = "科长",
                          .is_leader = true, .login = "lisi"};
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_OK);
    assert_true(m.id > 0);
    struct xf_member got = {0};
    xf_store_member_get(e->db, m.id, &got, &err);
    assert_string_equal(got.login, "lisi");
    assert_true(got.is_leader);
    assert_true(got.active);
    xf_member_clear(&got);
    assert_int_equal(tu_history(e, "member", m.id, "member.create"), 1);
    /* an empty login means none */
    struct xf_member n = {.unit_id = d, .code = "M2", .name = "王五", .login = ""};
    assert_int_equal(xf_member_create(&e->ctx, &n, &err), XF_OK);
    xf_store_member_get(e->db, n.id, &got, &err);
    assert_null(got.login);
    xf_member_clear(&got);
    /* a code taken: the form names who has it; an import says what it
     * does instead (it adds records, the interface changes them) */
    struct xf_member again = {.unit_id = d, .code = "M1", .name = "赵六"};
    assert_int_equal(xf_member_create(&e->ctx, &again, &err), XF_EINVAL);
    assert_string_equal(err.msg, "the code M1 is already used by member 李四");
    assert_int_equal(tu_import(e, &xf_kind_members, "code,unit_code,name\nM1,D1,李四\n", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "code");
    assert_non_null(strstr(err.msg, "the code M1 is already used by 李四; import adds new "
                                    "records only, existing ones are changed in the interface"));
}

/* A new member's code follows the office's numbering: after M053, M054
 * imported from its roster comes M055 (it offered M0000001); a code
 * already taken is skipped; with no member yet, M0000001. */
static void test_member_suggest_code(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    char *code = NULL;
    assert_int_equal(xf_member_suggest_code(&e->ctx, &code, &err), XF_OK);
    assert_string_equal(code, "M0000001");
    free(code);
    int64_t d = mk_unit(e, "D1", 0, "department");
    const char *codes[] = {"M053", "M056", "M054"};
    for (int i = 0; i < 3; i++) {
        struct xf_member m = {.unit_id = d, .code = (char *)codes[i], .name = "王五"};
        assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_OK);
    }
    assert_int_equal(xf_member_suggest_code(&e->ctx, &code, &err), XF_OK);
    assert_string_equal(code, "M055");
    free(code);
    struct xf_member m = {.unit_id = d, .code = "M055", .name = "赵六"};
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_OK);
    assert_int_equal(xf_member_suggest_code(&e->ctx, &code, &err), XF_OK);
    assert_string_equal(code, "M057"); /* M056 is taken */
    free(code);
}

static void test_member_create_refused(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    struct xf_member m = {.unit_id = 42, .code = "M1", .name = "李四"};
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EINVAL);
    assert_string_equal(err.field, "unit");
    m.unit_id = d;
    m.name = "";
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EINVAL);
    assert_string_equal(err.field, "name");
    m.name = "李四";
    m.login = "li si";
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EINVAL);
    assert_string_equal(err.field, "login");
    m.login = NULL;
    m.code = "M 1";
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    m.code = "M1";
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_OK);
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    /* not while M1 is on its roll: an inactive unit has no active member */
    assert_int_equal(xf_unit_deactivate(&e->ctx, d, 1, &err), XF_ESTATE);
    assert_non_null(strstr(err.msg, "M1 李四"));
    assert_int_equal(xf_member_deactivate(&e->ctx, m.id, m.version, &err), XF_OK);
    assert_int_equal(xf_unit_deactivate(&e->ctx, d, 1, &err), XF_OK);
    m.code = "M2";
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_ESTATE);
    assert_string_equal(err.field, "unit");
}

static void test_member_edit_deactivate(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    int64_t o = mk_unit(e, "D1.O1", d, "office");
    int64_t closed = mk_unit(e, "D1.O2", d, "office");
    assert_int_equal(xf_unit_deactivate(&e->ctx, closed, 1, &err), XF_OK);
    struct xf_member m = {.unit_id = d, .code = "M1", .name = "李四"};
    assert_int_equal(xf_member_create(&e->ctx, &m, &err), XF_OK);
    struct xf_member ed = {.id = m.id, .version = 1, .unit_id = o, .name = "李四",
                           .position = "窗口负责人", .is_leader = false, .login = "li4"};
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_OK);
    assert_int_equal(ed.version, 2);
    struct xf_member got = {0};
    xf_store_member_get(e->db, m.id, &got, &err);
    assert_int_equal(got.unit_id, o);
    assert_string_equal(got.position, "窗口负责人");
    xf_member_clear(&got);
    assert_int_equal(tu_history(e, "member", m.id, "member.edit"), 1);
    ed.version = 1;
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_ECONFLICT);
    /* Who changed what, as for the other records. */
    assert_non_null(strstr(err.msg, "Member M1 was changed by someone else: tester"));
    assert_non_null(strstr(err.msg, "窗口负责人"));
    ed.version = 2;
    ed.unit_id = closed;
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_ESTATE);
    assert_int_equal(xf_member_deactivate(&e->ctx, m.id, 1, &err), XF_ECONFLICT);
    assert_int_equal(xf_member_deactivate(&e->ctx, m.id, 2, &err), XF_OK);
    assert_int_equal(tu_history(e, "member", m.id, "member.deactivate"), 1);
    assert_int_equal(xf_member_deactivate(&e->ctx, m.id, 3, &err), XF_ESTATE);
    tu_act_as(e, "viewer1", XF_ROLE_VIEWER);
    ed.version = 3;
    ed.unit_id = o;
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_EPERM);
}

/* One login, one active member; a deactivated member comes back only
 * to an active unit and with a login nobody else holds by then. */
static void test_member_login_and_reactivate(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    struct xf_member a = {.unit_id = d, .code = "M1", .name = "李四", .login = "li4"};
    assert_int_equal(xf_member_create(&e->ctx, &a, &err), XF_OK);
    struct xf_member b = {.unit_id = d, .code = "M2", .name = "王五", .login = "li4"};
    assert_int_equal(xf_member_create(&e->ctx, &b, &err), XF_EINVAL);
    assert_string_equal(err.field, "login");
    assert_non_null(strstr(err.msg, "M1"));
    b.login = "wang5";
    assert_int_equal(xf_member_create(&e->ctx, &b, &err), XF_OK);
    struct xf_member ed = {.id = b.id, .version = 1, .unit_id = d, .name = "王五", .login = "li4"};
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_EINVAL);
    assert_string_equal(err.field, "login");
    /* Deactivated, a member's login is free for someone else ... */
    assert_int_equal(xf_member_deactivate(&e->ctx, a.id, 1, &err), XF_OK);
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_OK);
    /* ... and then they cannot come back with it. */
    assert_int_equal(xf_member_activate(&e->ctx, a.id, 2, &err), XF_EINVAL);
    assert_string_equal(err.field, "login");
    ed.login = "";
    assert_int_equal(xf_member_edit(&e->ctx, &ed, NULL, &err), XF_OK);
    assert_int_equal(xf_member_activate(&e->ctx, a.id, 2, &err), XF_OK);
    assert_int_equal(tu_history(e, "member", a.id, "member.activate"), 1);
    assert_int_equal(xf_member_activate(&e->ctx, a.id, 3, &err), XF_ESTATE);
    /* Not into an inactive unit. */
    int64_t o = mk_unit(e, "D1.O1", d, "office");
    struct xf_member c = {.unit_id = o, .code = "M3", .name = "赵六"};
    assert_int_equal(xf_member_create(&e->ctx, &c, &err), XF_OK);
    assert_int_equal(xf_member_deactivate(&e->ctx, c.id, 1, &err), XF_OK);
    assert_int_equal(xf_unit_deactivate(&e->ctx, o, 1, &err), XF_OK);
    assert_int_equal(xf_member_activate(&e->ctx, c.id, 2, &err), XF_ESTATE);
}

/* ---- projects ------------------------------------------------------------ */

static void test_project_rules(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    int64_t d = mk_unit(e, "D1", 0, "department");
    int64_t d2 = mk_unit(e, "D2", 0, "department");
    struct xf_project p = {.code = "P1", .name = "地铁二号线", .category = "key",
                           .owner_unit_id = d};
    assert_int_equal(xf_project_create(&e->ctx, &p, &err), XF_OK);
    assert_int_equal(tu_history(e, "project", p.id, "project.create"), 1);
    assert_int_equal(xf_project_create(&e->ctx, &p, &err), XF_EINVAL);
    assert_string_equal(err.field, "code");
    struct xf_project q = {.code = "P2", .name = "学校", .category = "school",
                           .owner_unit_id = d};
    assert_int_equal(xf_project_create(&e->ctx, &q, &err), XF_EINVAL);
    assert_string_equal(err.field, "category");
    q.category = "livelihood";
    q.owner_unit_id = 77;
    assert_int_equal(xf_project_create(&e->ctx, &q, &err), XF_EINVAL);
    assert_string_equal(err.field, "owner_unit");
    struct xf_project ed = {.id = p.id, .version = 1, .name = "地铁二号线一期",
                            .category = "road_bridge", .owner_unit_id = d2};
    assert_int_equal(xf_project_edit(&e->ctx, &ed, &err), XF_OK);
    ed.version = 1;
    assert_int_equal(xf_project_edit(&e->ctx, &ed, &err), XF_ECONFLICT);
    tu_act_as(e, "viewer1", XF_ROLE_VIEWER);
    assert_int_equal(xf_project_deactivate(&e->ctx, p.id, 2, &err), XF_EPERM);
    tu_act_as(e, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(xf_project_deactivate(&e->ctx, p.id, 2, &err), XF_OK);
    assert_int_equal(xf_project_deactivate(&e->ctx, p.id, 3, &err), XF_ESTATE);
    assert_int_equal(tu_history(e, "project", p.id, "project.deactivate"), 1);
}

/* ---- CSV ----------------------------------------------------------------- */

static void build_sample(struct tu_env *e)
{
    struct xf_error err = {0};
    /* created child-first by id to prove export orders by depth */
    int64_t d2 = mk_unit(e, "D2", 0, "department");
    int64_t d1 = mk_unit(e, "D1", 0, "department");
    int64_t o = mk_unit(e, "D1.O1", d1, "office");
    int64_t w = mk_unit(e, "D1.O1.W1", o, "window");
    int64_t w2 = mk_unit(e, "D2.W9", d2, "window");
    assert_int_equal(xf_unit_deactivate(&e->ctx, w2, 1, &err), XF_OK);
    struct xf_unit ed = {.id = w, .version = 1, .name = "办证窗口, \"一号\"", .kind = "window",
                         .trade = "政务服务", .party_org = "第一党支部"};
    assert_int_equal(xf_unit_edit(&e->ctx, &ed, &err), XF_OK);
    struct xf_member m1 = {.unit_id = w, .code = "M1", .name = "张三", .position = "窗口长",
                           .is_leader = true, .login = "zhangsan"};
    struct xf_member m2 = {.unit_id = o, .code = "M2", .name = "李四"};
    assert_int_equal(xf_member_create(&e->ctx, &m1, &err), XF_OK);
    assert_int_equal(xf_member_create(&e->ctx, &m2, &err), XF_OK);
    assert_int_equal(xf_member_deactivate(&e->ctx, m2.id, 1, &err), XF_OK);
    struct xf_project p = {.code = "P1", .name = "快速路", .category = "road_bridge",
                           .owner_unit_id = d1};
    assert_int_equal(xf_project_create(&e->ctx, &p, &err), XF_OK);
    assert_int_equal(xf_project_deactivate(&e->ctx, p.id, 1, &err), XF_OK);
}

static void test_csv_round_trip(void **state)
{
    struct tu_env *e = *state;
    build_sample(e);
    const struct xf_kind_io *kinds[] = {&xf_kind_units, &xf_kind_members, &xf_kind_projects};
    char *out[3];
    for (int i = 0; i < 3; i++)
        out[i] = tu_export(e, kinds[i]);
    assert_non_null(strstr(out[0], "code,parent_code,name,kind,trade,party_org,active\r\n"));
    /* parents first although D1.O1 was not created first */
    assert_true(strstr(out[0], "\r\nD1,") < strstr(out[0], "\r\nD1.O1,"));
    assert_true(strstr(out[0], "\r\nD1.O1,") < strstr(out[0], "\r\nD1.O1.W1,"));
    assert_non_null(strstr(out[1], "M1,D1.O1.W1,张三,窗口长,1,zhangsan,1\r\n"));
    assert_non_null(strstr(out[1], "M2,D1.O1,李四,,0,,0\r\n"));
    assert_non_null(strstr(out[2], "P1,快速路,road_bridge,D1,0\r\n"));

    struct tu_env *f = tu_env_open();
    struct xf_error err = {0};
    for (int i = 0; i < 3; i++) {
        int rc = tu_import(f, kinds[i], out[i], &err);
        if (rc)
            fprintf(stderr, "import %s line %ld: %s\n", kinds[i]->name, err.line, err.msg);
        assert_int_equal(rc, XF_OK);
    }
    for (int i = 0; i < 3; i++) {
        char *again = tu_export(f, kinds[i]);
        assert_string_equal(again, out[i]);
        free(again);
        free(out[i]);
    }
    tu_env_close(f);
}

static void test_csv_import_refused(void **state)
{
    struct tu_env *e = *state;
    struct xf_error err = {0};
    assert_int_equal(tu_import(e, &xf_kind_units,
                               "code,parent_code,name,kind\nD1,,局,department\n"
                               "O1,NOPE,处,office\n",
                               &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "parent_code");
    assert_non_null(strstr(err.msg, "NOPE"));
    assert_int_equal(err.line, 3);
    /* all or nothing: D1 was rolled back */
    struct xf_unit u = {0};
    assert_int_equal(xf_store_unit_by_code(e->db, "D1", &u, &err), XF_ENOTFOUND);
    assert_int_equal(tu_import(e, &xf_kind_units,
                               "code,name,kind,active\nD1,局,department,maybe\n", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "active");
    assert_int_equal(tu_import(e, &xf_kind_units,
                               "code,name,kind,active\nD1,局,department,否\n"
                               "D2,局,department,yes\nD3,局,department,TRUE\n",
                               &err),
                     XF_OK);
    assert_int_equal(xf_store_unit_by_code(e->db, "D1", &u, &err), XF_OK);
    assert_false(u.active);
    xf_unit_clear(&u);
    /* an active child of an inactive parent */
    assert_int_equal(tu_import(e, &xf_kind_units,
                               "code,parent_code,name,kind\nO1,D1,处,office\n", &err),
                     XF_ESTATE);
    assert_int_equal(tu_import(e, &xf_kind_members,
                               "code,unit_code,name,is_leader\nM1,D9,张三,是\n", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "unit_code");
    assert_non_null(strstr(err.msg, "D9"));
    assert_int_equal(tu_import(e, &xf_kind_members,
                               "code,unit_code,name,is_leader\nM1,D2,张三,是\n", &err),
                     XF_OK);
    struct xf_member m = {0};
    assert_int_equal(xf_store_member_by_code(e->db, "M1", &m, &err), XF_OK);
    assert_true(m.is_leader);
    xf_member_clear(&m);
    assert_int_equal(tu_import(e, &xf_kind_projects,
                               "code,name,category,owner_unit_code\nP1,桥,bridge,D2\n", &err),
                     XF_EINVAL);
    assert_string_equal(err.field, "category");
    tu_act_as(e, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(tu_import(e, &xf_kind_projects,
                               "code,name,category,owner_unit_code\nP1,桥,key,D2\n", &err),
                     XF_EPERM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unit_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_login_and_reactivate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_create_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_create_parent_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_create_duplicate_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_edit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_deactivate_children, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_wrong_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_scope_paths_fill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_place_label, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_suggest_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_create_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_member_edit_deactivate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_scope_names_short, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
