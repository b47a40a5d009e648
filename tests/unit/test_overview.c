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

    char *scopes[] = {"D001"};
    struct xf_user u = {.login = "wang.fang", .name = "王芳", .role = XF_ROLE_HANDLER,
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
                     count(e->db, "SELECT count(*) FROM complaint WHERE unit_id" IN_D001
                                  " OR lead_unit_id" IN_D001));
    assert_true(mine.pledges_made > 0 && mine.pledges_made < all.pledges_made);
    assert_true(mine.complaints_received < all.complaints_received);
    e->ctx.user = NULL;
    tu_env_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overview_whole_and_scoped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
