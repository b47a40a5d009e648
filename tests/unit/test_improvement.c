/* Service improvements and awards: rules, totals, ranking, decisions,
 * permissions, history, CSV. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"
#include "xf/award.h"
#include "xf/date.h"
#include "xf/evaluation.h"
#include "xf/history.h"
#include "xf/improvement.h"
#include "xf/post.h"
#include "xf/table.h"
#include "xf/unit.h"
#include "xf/store_internal.h"

#define TODAY "2026-06-15"

struct fixture {
    struct tu_env *e;
    int64_t d1, o1, d2;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    xf_date_set_today(TODAY);
    f->e = tu_env_open();
    f->d1 = tu_unit(f->e, "D1", "市政务服务中心", 0);
    f->o1 = tu_unit(f->e, "O1", "投资项目审批窗口", f->d1);
    f->d2 = tu_unit(f->e, "D2", "市国土局", 0);
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

static int64_t sql_count(struct tu_env *e, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL), SQLITE_OK);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void sql_exec(struct tu_env *e, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(xf_db_handle(e->db), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg);
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
}

static struct xf_improvement time_cut(int64_t unit, double before, double after, double limit)
{
    return (struct xf_improvement){.unit_id = unit,
                                   .kind = "time_cut",
                                   .title = "建设项目审批时限压缩",
                                   .on_date = "2026-03-01",
                                   .has_days_before = true,
                                   .days_before = before,
                                   .has_days_after = true,
                                   .days_after = after,
                                   .has_national_limit = limit > 0,
                                   .national_limit_days = limit};
}

static struct xf_improvement plain(int64_t unit, const char *kind)
{
    return (struct xf_improvement){
        .unit_id = unit, .kind = (char *)kind, .title = "取消前置要件", .on_date = "2026-02-01"};
}

static void add_ok(struct fixture *f, struct xf_improvement im)
{
    struct xf_error err = {0};
    int rc = xf_improvement_add(&f->e->ctx, &im, &err);
    if (rc)
        fprintf(stderr, "add: %s: %s\n", err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    assert_true(im.id > 0);
}

/* ---- improvements ---------------------------------------------------------- */

static void test_add_time_cut(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_improvement im = time_cut(f->o1, 20, 5, 30);
    assert_int_equal(xf_improvement_add(&f->e->ctx, &im, &err), XF_OK);
    struct xf_improvement got = {0};
    assert_int_equal(xf_store_improvement_get(f->e->db, im.id, &got, &err), XF_OK);
    assert_string_equal(got.kind, "time_cut");
    assert_true(got.has_days_before && got.days_before == 20);
    assert_true(got.has_days_after && got.days_after == 5);
    assert_true(got.has_national_limit && got.national_limit_days == 30);
    xf_improvement_clear(&got);
    assert_int_equal(tu_history(f->e, "improvement", im.id, "improvement.add"), 1);
    /* other kinds need no days */
    add_ok(f, plain(f->o1, "method"));
    add_ok(f, plain(f->o1, "prerequisite"));
    add_ok(f, plain(f->d2, "fee"));
    /* a "cut" of nothing (7 → 7) cuts nothing, and pulled the average cut
     * down: refused */
    struct xf_improvement same = time_cut(f->d2, 7, 7, 0);
    assert_int_equal(xf_improvement_add(&f->e->ctx, &same, &err), XF_EINVAL);
    assert_string_equal(err.field, "days_after");
    assert_non_null(strstr(err.msg, "a time cut shortens it"));
}

static void test_add_refuses_bad_input(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_improvement im = plain(f->o1, "speed");
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "kind");
    im = plain(f->o1, "method");
    im.title = "";
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "title");
    im.title = "\xe4\xb8";
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "title");
    char *longt = malloc(501 * 3 + 1);
    longt[0] = '\0';
    for (int i = 0; i < 501; i++)
        strcat(longt, "改");
    im.title = longt;
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "title");
    free(longt);
    im = plain(f->o1, "method");
    im.on_date = "2026-02-29";
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "on_date");
    im = time_cut(f->o1, 20, 5, 30);
    im.has_days_before = false;
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "days_before");
    im = time_cut(f->o1, 20, 5, 30);
    im.has_days_after = false;
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "days_after");
    im = time_cut(f->o1, 5, 20, 30);
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "days_after");
    im = time_cut(f->o1, -1, 0, 30);
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "days_before");
    im = time_cut(f->o1, 20, 5, 30);
    im.national_limit_days = 0;
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "national_limit_days");
    /* shown beside its field, the message does not repeat the name */
    assert_null(strstr(err.msg, "national_limit_days"));
    /* still over the national limit after the cut: a figure mistyped */
    im = time_cut(f->o1, 20, 5, 2);
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "national_limit_days");
    assert_non_null(strstr(err.msg, "national limit"));
    im = plain(0, "method");
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "unit_id");
    im = plain(999, "method");
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EINVAL, "unit_id");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM improvement"), 0);
}

static void test_add_wrong_role_and_scope(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_improvement im = plain(f->o1, "method");
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EPERM, NULL);
    tu_act_as(f->e, "viewer", XF_ROLE_VIEWER);
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EPERM, NULL);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(f->e, &u, scopes, "org2", XF_ROLE_ORGANISER);
    assert_refused(xf_improvement_add(&f->e->ctx, &im, &err), XF_EPERM, NULL);
    add_ok(f, plain(f->d2, "method"));
}

static bool near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

static void test_totals(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    add_ok(f, time_cut(f->o1, 20, 5, 30)); /* cut 15, 83.33 % below the limit */
    add_ok(f, time_cut(f->d2, 10, 8, 20)); /* cut 2, 60 % below */
    struct xf_improvement other = time_cut(f->d2, 6, 3, 0); /* cut 3, no limit */
    other.title = "不动产登记时限压缩";
    add_ok(f, other);
    add_ok(f, plain(f->o1, "method"));
    add_ok(f, plain(f->o1, "fee"));
    add_ok(f, plain(f->d2, "prerequisite"));
    struct xf_improvement_totals t;
    assert_int_equal(xf_improvement_totals(&f->e->ctx, 0, &t, &err), XF_OK);
    assert_int_equal(t.total, 6);
    assert_int_equal(t.time_cuts, 3);
    assert_int_equal(t.methods, 1);
    assert_int_equal(t.fees, 1);
    assert_int_equal(t.prerequisites, 1);
    assert_int_equal(t.with_limit, 2);
    assert_true(near(t.avg_cut_days, (15.0 + 2 + 3) / 3));
    assert_true(near(t.avg_below_limit_pct, (25.0 / 30 * 100 + 60.0) / 2));
    /* the subtree of D1 only */
    assert_int_equal(xf_improvement_totals(&f->e->ctx, f->d1, &t, &err), XF_OK);
    assert_int_equal(t.total, 3);
    assert_int_equal(t.time_cuts, 1);
    assert_true(near(t.avg_cut_days, 15));
    /* an empty database */
    assert_int_equal(xf_improvement_totals(&f->e->ctx, f->o1 + 100, &t, &err), XF_OK);
    assert_int_equal(t.total, 0);
    assert_true(near(t.avg_cut_days, 0));
}

static void test_csv_round_trip(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    add_ok(f, time_cut(f->o1, 20, 5.5, 30));
    add_ok(f, time_cut(f->d2, 1.0 / 3, 0, 0));
    struct xf_improvement m = plain(f->o1, "method");
    m.title = "推行\"一窗受理\",并联审批";
    add_ok(f, m);
    char *first = tu_export(f->e, &xf_kind_improvements);
    assert_non_null(strstr(first, "O1,time_cut,建设项目审批时限压缩,2026-03-01,20,5.5,30"));
    struct tu_env *g = tu_env_open();
    tu_unit(g, "D1", "市政务服务中心", 0);
    tu_unit(g, "O1", "投资项目审批窗口", 1);
    tu_unit(g, "D2", "市国土局", 0);
    int rc = tu_import(g, &xf_kind_improvements, first, &err);
    if (rc)
        fprintf(stderr, "import: line %ld %s: %s\n", err.line, err.field, err.msg);
    assert_int_equal(rc, XF_OK);
    char *second = tu_export(g, &xf_kind_improvements);
    assert_string_equal(first, second);
    /* The same file again would count every entry twice: refused whole. */
    assert_int_equal(tu_import(g, &xf_kind_improvements, first, &err), XF_EINVAL);
    assert_string_equal(err.field, "title");
    assert_int_equal(err.line, 2);
    assert_int_equal(sql_count(g, "SELECT count(*) FROM improvement"), 3);
    free(first);
    free(second);
    tu_env_close(g);
}

/* One entry per unit, kind, title and day: a second, or a correction that
 * makes one the twin of another, is refused; another day is another. */
static void test_add_refuses_twin(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    struct xf_improvement a = plain(f->o1, "method"), b = plain(f->o1, "method");
    add_ok(f, a);
    assert_refused(xf_improvement_add(&f->e->ctx, &b, &err), XF_EINVAL, "title");
    add_ok(f, plain(f->o1, "prerequisite"));
    add_ok(f, plain(f->d2, "method"));
    b.on_date = "2026-02-02";
    assert_int_equal(xf_improvement_add(&f->e->ctx, &b, &err), XF_OK);
    b.on_date = "2026-02-01";
    assert_refused(xf_improvement_edit(&f->e->ctx, &b, &err), XF_EINVAL, "title");
    b.title = "一窗受理";
    assert_int_equal(xf_improvement_edit(&f->e->ctx, &b, &err), XF_OK);
    /* Twins from before (a file imported twice) can still be corrected,
     * as long as the correction leaves them twins, not makes new ones. */
    add_ok(f, time_cut(f->o1, 20, 5, 30));
    sql_exec(f->e, "INSERT INTO improvement(unit_id,kind,title,on_date,days_before,days_after,"
                   "updated_at) SELECT unit_id,kind,title,on_date,days_before,days_after,'x'"
                   " FROM improvement WHERE kind='time_cut' LIMIT 1");
    int64_t twin = sql_count(f->e, "SELECT max(id) FROM improvement");
    struct xf_improvement t = {0};
    assert_int_equal(xf_store_improvement_get(f->e->db, twin, &t, &err), XF_OK);
    t.days_after = 4;
    assert_int_equal(xf_improvement_edit(&f->e->ctx, &t, &err), XF_OK);
    xf_improvement_clear(&t);
}

static void expect_import_error(struct fixture *f, const char *row, const char *field)
{
    struct xf_error err = {0};
    char csv[1024];
    snprintf(csv, sizeof csv,
             "unit_code,kind,title,on_date,days_before,days_after,national_limit_days\r\n%s\r\n",
             row);
    int rc = tu_import(f->e, &xf_kind_improvements, csv, &err);
    if (rc == XF_OK || strcmp(err.field, field) != 0)
        fprintf(stderr, "row %s: got %d %s: %s\n", row, rc, err.field, err.msg);
    assert_int_not_equal(rc, XF_OK);
    assert_string_equal(err.field, field);
}

static void test_csv_import_refusals(void **state)
{
    struct fixture *f = *state;
    expect_import_error(f, "NOPE,method,t,2026-01-01,,,", "unit_code");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,ten,5,", "days_before");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,0x10,5,", "days_before");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,1e,5,", "days_before");
    expect_import_error(f, "O1,time_cut,t,2026-01-01, 10,5,", "days_before");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,10.,5,", "days_before");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,99999999,5,", "days_before");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,10,,", "days_after");
    expect_import_error(f, "O1,time_cut,t,2026-01-01,10,12,", "days_after");
    expect_import_error(f, "O1,fee,t,2026-13-01,,,", "on_date");
    expect_import_error(f, "O1,bribe,t,2026-01-01,,,", "kind");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM improvement"), 0);
    struct xf_error err = {0};
    /* An exponent, as an export may write a small figure, is a number. */
    assert_int_equal(tu_import(f->e, &xf_kind_improvements,
                               "unit_code,kind,title,on_date,days_before,days_after\r\n"
                               "O1,time_cut,t,2026-01-01,2.5e1,5\r\n",
                               &err),
                     XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM improvement WHERE days_before = 25"),
                     1);

    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(tu_import(f->e, &xf_kind_improvements,
                               "unit_code,kind,title,on_date\r\nO1,method,t,2026-01-01\r\n", &err),
                     XF_EPERM);
}

/* ---- awards ---------------------------------------------------------------- */

static void test_award_score_formula(void **state)
{
    (void)state;
    assert_true(near(xf_award_score(92, 0, 0, 0), 92));
    assert_true(near(xf_award_score(92, 0, 0, 1), 92 - XF_AWARD_PENALTY_INSPECTION));
    assert_true(near(xf_award_score(85, 1, 1, 0),
                     85 - XF_AWARD_PENALTY_UNSATISFIED - XF_AWARD_PENALTY_OVERDUE));
    assert_true(near(xf_award_score(80, 2, 3, 1), 80 - 2 * 5.0 - 3 * 3.0 - 10.0));
    assert_int_equal(xf_award_default_quota("satisfaction_window"), 100);
    assert_int_equal(xf_award_default_quota("service_brand"), 10);
    assert_int_equal(xf_award_default_quota("exemplar"), 10);
    assert_int_equal(xf_award_default_quota("x"), 0);
}

/* Posts and their year: P1 92 with a failed inspection (82), P2 85 with a
 * complaint redone after an unsatisfied callback and an overdue one (77), P3 80 clean (80, and a
 * 2025 complaint that must not count), P4 only published, P5 named in
 * 2027, P6 named without evaluations. */
static void award_world(struct fixture *f)
{
    struct tu_env *e = f->e;
    sql_exec(e, "INSERT INTO member(id,unit_id,code,name,updated_at)"
                " VALUES (1,2,'M1','李明','x')");
    sql_exec(e, "INSERT INTO post(id,code,unit_id,title,holder_member_id,status,published_on,"
                "named_on,named_level,updated_at) VALUES"
                " (1,'P1',2,'窗口一',1,'named','2026-01-01','2026-02-01','市委','x'),"
                " (2,'P2',3,'窗口二',NULL,'named','2025-01-01','2025-06-01','市委','x'),"
                " (3,'P3',1,'窗口三',NULL,'named','2026-01-01','2026-03-01','市委','x'),"
                " (4,'P4',1,'窗口四',NULL,'published','2026-01-01',NULL,NULL,'x'),"
                " (5,'P5',1,'窗口五',NULL,'named','2026-01-01','2027-01-05','市委','x'),"
                " (6,'P6',1,'窗口六',NULL,'named','2026-01-01','2026-03-01','市委','x')");
    sql_exec(e, "INSERT INTO evaluation(post_id,quarter,score,passed,updated_at) VALUES"
                " (1,'2026Q1',90,1,'x'), (1,'2026Q2',94,1,'x'), (1,'2025Q4',10,0,'x'),"
                " (2,'2026Q1',85,1,'x'), (3,'2026Q2',80,1,'x'), (4,'2026Q1',99,1,'x'),"
                " (5,'2026Q1',99,1,'x')");
    sql_exec(e, "INSERT INTO inspection(code,kind,template,post_id,unit_id,inspector,on_date,"
                "result,updated_at) VALUES"
                " ('I1','unannounced','unannounced',1,2,'li','2026-04-01','fail','x'),"
                " ('I2','unannounced','unannounced',3,1,'li','2026-04-01','pass','x'),"
                " ('I3','unannounced','unannounced',3,1,'li','2025-04-01','fail','x')");
    sql_exec(e, "INSERT INTO complaint(code,source,post_id,category,text,state,received_at,"
                "lead_unit_id,callback_outcome,redo_count,closed_at,closed_on_time,sign_due,"
                "updated_at) VALUES"
                " ('C1','hotline',2,'attitude','态度差','closed','2026-03-01 09:00:00',3,"
                "  'satisfied',1,'2026-03-20 10:00:00',1,NULL,'x'),"
                " ('C2','hotline',2,'attitude','超时','dispatched','2026-06-01 09:00:00',3,"
                "  NULL,0,NULL,NULL,'2026-06-03','x'),"
                " ('C3','hotline',3,'attitude','去年','closed','2025-03-01 09:00:00',1,"
                "  'satisfied',1,'2025-03-20 10:00:00',0,NULL,'x'),"
                " ('C4','hotline',3,'attitude','按时','dispatched','2026-06-14 09:00:00',1,"
                "  NULL,0,NULL,NULL,'2026-06-16','x')");
}

struct award_row {
    int64_t post_id, member_id;
    int rank;
    double score;
    char status[16];
};

static int awards_of(struct tu_env *e, const char *kind, struct award_row *out, int max)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(xf_db_handle(e->db),
                       "SELECT post_id, coalesce(member_id,0), rank, score, status FROM award"
                       " WHERE year=2026 AND kind=? ORDER BY rank",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    int n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        out[n].post_id = sqlite3_column_int64(st, 0);
        out[n].member_id = sqlite3_column_int64(st, 1);
        out[n].rank = sqlite3_column_int(st, 2);
        out[n].score = sqlite3_column_double(st, 3);
        snprintf(out[n].status, sizeof out[n].status, "%s", sqlite3_column_text(st, 4));
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

static void test_rank_candidates(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    int ranked = -1;
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 0, &ranked, &err), XF_OK);
    assert_int_equal(ranked, 3);
    struct award_row r[8];
    assert_int_equal(awards_of(f->e, "satisfaction_window", r, 8), 3);
    assert_int_equal(r[0].post_id, 1);
    assert_true(near(r[0].score, 82));
    assert_int_equal(r[0].rank, 1);
    assert_int_equal(r[0].member_id, 0);
    assert_int_equal(r[1].post_id, 3);
    assert_true(near(r[1].score, 80));
    assert_int_equal(r[2].post_id, 2);
    assert_true(near(r[2].score, 77));
    assert_string_equal(r[2].status, "candidate");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM history WHERE entity='award'"
                                     " AND action='award.rank'"),
                     3);
    /* ranked once per year and kind */
    assert_refused(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 0, &ranked, &err),
        XF_ESTATE, "kind");
    assert_int_equal(ranked, 0);
    /* Exemplars are people: the holders of ranked posts (only P1 has a
     * member as holder), each once, the award naming the post they were
     * ranked by. */
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 2, &ranked, &err),
                     XF_OK);
    assert_int_equal(ranked, 1);
    assert_int_equal(awards_of(f->e, "exemplar", r, 8), 1);
    assert_int_equal(r[0].member_id, 1);
    assert_int_equal(r[0].post_id, 1);
    assert_true(near(r[0].score, 82));
    /* Brands are departments with at least two ranked posts: D1 (P1, P3),
     * by the mean of their scores; D2 has one post only. */
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "service_brand", 0, &ranked, &err),
                     XF_OK);
    assert_int_equal(ranked, 1);
    assert_int_equal(awards_of(f->e, "service_brand", r, 8), 1);
    assert_int_equal(r[0].post_id, 0);
    assert_true(near(r[0].score, 81));
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award a JOIN unit u ON u.id = a.unit_id"
                                     " WHERE a.kind = 'service_brand' AND u.code = 'D1'"),
                     1);
    /* 2025: only P2 was named (P1 and P3 later) and its 2025 has no evaluation */
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2025, "service_brand", 0, &ranked, &err),
                     XF_OK);
    assert_int_equal(ranked, 0);
}

/* The awards view's rows: by rank, with the post's code, title, unit and
 * holder; a scoped organiser sees those of their units only. */
static void test_award_list(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 0, NULL, &err), XF_OK);
    struct xf_award_line *v = NULL;
    size_t n = 0;
    assert_int_equal(xf_award_list(&f->e->ctx, 2026, "satisfaction_window", &v, &n, &err), XF_OK);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].post_code, "P1");
    assert_string_equal(v[0].post_title, "窗口一");
    assert_string_equal(v[0].unit_name, "市政务服务中心 › 投资项目审批窗口");
    assert_string_equal(v[0].holder, "李明");
    assert_string_equal(v[0].status, "candidate");
    assert_null(v[0].decided_by);
    assert_int_equal(v[1].rank, 2);
    assert_string_equal(v[2].post_code, "P2");
    xf_award_lines_free(v, n);
    assert_int_equal(xf_award_list(&f->e->ctx, 2026, "exemplar", &v, &n, &err), XF_OK);
    assert_int_equal(n, 0);
    xf_award_lines_free(v, n);

    struct xf_user u;
    char *scopes[] = {"D1"};
    tu_scope(f->e, &u, scopes, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(xf_award_list(&f->e->ctx, 2026, "satisfaction_window", &v, &n, &err), XF_OK);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].post_code, "P1");
    assert_string_equal(v[1].post_code, "P3");
    xf_award_lines_free(v, n);
    assert_string_equal(xf_award_kind_label("exemplar"), "service exemplars (优秀服务标兵)");
    assert_string_equal(xf_award_status_label("declined"), "declined");
}

static void test_rank_refusals(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    assert_refused(xf_award_rank_candidates(&f->e->ctx, 1999, "exemplar", 0, NULL, &err), XF_EINVAL,
                   "year");
    assert_refused(xf_award_rank_candidates(&f->e->ctx, 2026, "best", 0, NULL, &err), XF_EINVAL,
                   "kind");
    assert_refused(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", -1, NULL, &err),
                   XF_EINVAL, "quota");
    tu_act_as(f->e, "insp", XF_ROLE_INSPECTOR);
    assert_refused(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_EPERM,
                   NULL);
    /* The ranking is the whole city's: not for an organiser of some units. */
    struct xf_user u;
    char *scopes[] = {"D1"};
    tu_scope(f->e, &u, scopes, "org1", XF_ROLE_ORGANISER);
    assert_refused(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_EPERM,
                   NULL);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award"), 0);
}

static int64_t first_award(struct tu_env *e)
{
    return sql_count(e, "SELECT min(id) FROM award");
}

/* The award world with 2026's satisfaction windows ranked; the first
 * candidate's id. */
static int64_t ranked_windows(struct fixture *f)
{
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 0, NULL, &err), XF_OK);
    return first_award(f->e);
}

static void test_decide(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = ranked_windows(f);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_refused(xf_award_decide(&f->e->ctx, a, 9, true, NULL, &err), XF_ECONFLICT, NULL);
    /* who changed it, and what, as for every other record */
    assert_non_null(strstr(err.msg, "was changed by someone else: tester at "));
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, true, NULL, &err), XF_OK);
    struct xf_award got = {0};
    assert_int_equal(xf_store_award_get(f->e->db, a, &got, &err), XF_OK);
    assert_string_equal(got.status, "confirmed");
    assert_string_equal(got.decided_by, "org");
    assert_int_equal(got.version, 2);
    xf_award_clear(&got);
    assert_int_equal(tu_history(f->e, "award", a, "award.confirm"), 1);
    /* decided once */
    assert_refused(xf_award_decide(&f->e->ctx, a, 2, false, "x", &err), XF_ESTATE, "status");
    /* decline another */
    assert_refused(xf_award_decide(&f->e->ctx, a + 1, 1, false, " ", &err), XF_EINVAL,
                   "decision_note"); /* not without a reason */
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 1, 1, false, "当年有未整改的投诉", &err),
                     XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE decision_note ="
                                     " '当年有未整改的投诉'"),
                     1);
    assert_int_equal(xf_store_award_get(f->e->db, a + 1, &got, &err), XF_OK);
    assert_string_equal(got.status, "declined");
    xf_award_clear(&got);
    assert_int_equal(tu_history(f->e, "award", a + 1, "award.decline"), 1);
    assert_refused(xf_award_decide(&f->e->ctx, a + 1, 2, true, NULL, &err), XF_ESTATE, "status");
    /* a confirmation taken back, with a reason: a candidate again */
    assert_refused(xf_award_reopen(&f->e->ctx, a, 2, " ", &err), XF_EINVAL, "decision_note");
    assert_refused(xf_award_reopen(&f->e->ctx, a, 1, "误按", &err), XF_ECONFLICT, NULL);
    assert_int_equal(xf_award_reopen(&f->e->ctx, a, 2, "误按确认", &err), XF_OK);
    assert_int_equal(xf_store_award_get(f->e->db, a, &got, &err), XF_OK);
    assert_string_equal(got.status, "candidate");
    assert_null(got.decided_by);
    assert_int_equal(got.version, 3);
    xf_award_clear(&got);
    assert_int_equal(tu_history(f->e, "award", a, "award.reopen"), 1);
    assert_refused(xf_award_reopen(&f->e->ctx, a, 3, "再次", &err), XF_ESTATE, "status");
    assert_refused(xf_award_reopen(&f->e->ctx, a + 2, 1, "误按", &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "not decided yet"));
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 3, true, NULL, &err), XF_OK);
    /* wrong role, scope, unknown */
    tu_act_as(f->e, "sup", XF_ROLE_SUPERVISOR);
    assert_refused(xf_award_decide(&f->e->ctx, a + 2, 1, true, NULL, &err), XF_EPERM, NULL);
    struct xf_user u;
    char *scopes[] = {"O1"}; /* a+2 is P2, in D2 */
    tu_scope(f->e, &u, scopes, "org2", XF_ROLE_ORGANISER);
    assert_refused(xf_award_decide(&f->e->ctx, a + 2, 1, true, NULL, &err), XF_EPERM, NULL);
    f->e->ctx.user = NULL;
    assert_refused(xf_award_decide(&f->e->ctx, 999, 1, true, NULL, &err), XF_ENOTFOUND, NULL);
}


/* A post revoked after the ranking cannot be confirmed; declining it
 * still works. */
static void test_confirm_refuses_revoked_post(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = ranked_windows(f);
    char sql[200];
    snprintf(sql, sizeof sql,
             "UPDATE post SET status='revoked', revoked_on='2026-11-20', revoke_reason='违纪'"
             " WHERE id=(SELECT post_id FROM award WHERE id=%lld)",
             (long long)a);
    assert_int_equal(sqlite3_exec(xf_db_handle(f->e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_refused(xf_award_decide(&f->e->ctx, a, 1, true, NULL, &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "2026-11-20"));
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE status='confirmed'"), 0);
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, false, "撤销了先锋岗", &err), XF_OK);
    /* another, not revoked, is confirmed as before */
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 1, 1, true, NULL, &err), XF_OK);
}

/* Revoking a window declines its award of that year, confirmed or not,
 * saying why, and the next in the ranking takes its place: a revoked
 * post was still published as a 群众满意窗口. */
static void test_revoking_declines_award(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = ranked_windows(f);
    int64_t listed = sql_count(f->e, "SELECT count(*) FROM award");
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, true, NULL, &err), XF_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT post_id FROM award WHERE id=%lld", (long long)a);
    int64_t post = sql_count(f->e, sql);
    int n = -1;
    assert_int_equal(xf_award_standing(&f->e->ctx, post, "2026-06-15", &n, NULL, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xf_post_revoke(&f->e->ctx, post, 1, "违纪", NULL, &err), XF_OK);
    struct xf_award got = {0};
    assert_int_equal(xf_store_award_get(f->e->db, a, &got, &err), XF_OK);
    assert_string_equal(got.status, "declined");
    xf_award_clear(&got);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM award WHERE id=%lld AND decision_note ="
             " '该先锋岗已于 2026-06-15 撤销'",
             (long long)a);
    assert_int_equal(sql_count(f->e, sql), 1);
    /* the history says it was the revocation */
    assert_int_equal(tu_history(f->e, "award", a, "post.revoke"), 1);
    assert_int_equal(xf_award_standing(&f->e->ctx, post, "2026-06-15", &n, NULL, &err), XF_OK);
    assert_int_equal(n, 0);
    /* the next of the ranking, if any is left, takes its place */
    assert_true(sql_count(f->e, "SELECT count(*) FROM award") >= listed);
}

/* 2026's awards are decided in January 2027: a post revoked then (or
 * later in 2027) loses its confirmed 2026 award as one revoked in 2026
 * would, the question before says which, and the next in the ranking
 * takes its place; an award of 2024 is the record of its year and stays. */
static void test_revoking_next_year_declines_award(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = ranked_windows(f); /* P1 first */
    sql_exec(f->e,
             "INSERT INTO award(year,kind,post_id,unit_id,rank,score,status,decided_by,"
             "updated_at) VALUES (2024,'satisfaction_window',1,2,1,90,'confirmed','org','x')");
    int64_t old = sql_count(f->e, "SELECT id FROM award WHERE year=2024");
    int64_t listed = sql_count(f->e, "SELECT count(*) FROM award WHERE year=2026");
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    xf_date_set_today("2027-01-08");
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, true, NULL, &err), XF_OK);
    int n = -1;
    char *years = NULL;
    assert_int_equal(xf_award_standing(&f->e->ctx, 1, "2027-01-08", &n, &years, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(years, "2026 (confirmed)");
    free(years);
    /* revoked at the end of 2027: still the year after the award's */
    assert_int_equal(xf_award_standing(&f->e->ctx, 1, "2027-12-31", &n, NULL, &err), XF_OK);
    assert_int_equal(n, 1);
    /* in 2028, 2026's award is history */
    assert_int_equal(xf_award_standing(&f->e->ctx, 1, "2028-01-02", &n, &years, &err), XF_OK);
    assert_int_equal(n, 0);
    assert_null(years);
    assert_int_equal(xf_post_revoke(&f->e->ctx, 1, 1, "违纪", "2027-01-08", &err), XF_OK);
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM award WHERE id=%lld AND status='declined' AND decision_note ="
             " '该先锋岗已于 2027-01-08 撤销'",
             (long long)a);
    assert_int_equal(sql_count(f->e, sql), 1);
    assert_int_equal(tu_history(f->e, "award", a, "post.revoke"), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM award WHERE id=%lld AND status='confirmed'",
             (long long)old);
    assert_int_equal(sql_count(f->e, sql), 1);
    /* the ranking's next (P4 and P6 have no basis; P1..P3 listed): none
     * left here, so the list is as long as before */
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE year=2026"), listed);
}

/* A failed quarter of the award's year, or of the next, while the post
 * holds the award: said to the organiser; a pass, an older quarter or a
 * post without an award says nothing. */
static void test_failure_note(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = ranked_windows(f);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    xf_date_set_today("2027-04-08");
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, true, NULL, &err), XF_OK);
    struct xf_group_score low[XF_GROUP_COUNT] = {{50, 10}, {50, 50}, {50, 100}};
    struct xf_group_score high[XF_GROUP_COUNT] = {{95, 10}, {95, 50}, {95, 100}};
    char *text = (char *)"unset";
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 1, "2026Q4", low, NULL, &err), XF_OK);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 1, "2026Q4", &text, &err), XF_OK);
    assert_non_null(text);
    assert_non_null(strstr(text, "satisfaction-window award of 2026 (confirmed)"));
    free(text);
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 1, "2027Q1", low, NULL, &err), XF_OK);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 1, "2027Q1", &text, &err), XF_OK);
    assert_non_null(text);
    free(text);
    /* a pass, an older failure (2025Q4), a quarter not evaluated */
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 1, "2026Q1", &text, &err), XF_OK);
    assert_null(text);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 1, "2025Q4", &text, &err), XF_OK);
    assert_null(text);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 1, "2026Q3", &text, &err), XF_OK);
    assert_null(text);
    /* P2 (ranked third, a candidate) fails too: named as a candidate */
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 2, "2026Q4", low, NULL, &err), XF_OK);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 2, "2026Q4", &text, &err), XF_OK);
    assert_non_null(text);
    assert_non_null(strstr(text, "2026 (candidate)"));
    free(text);
    /* P6 holds no award */
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 6, "2026Q4", low, NULL, &err), XF_OK);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 6, "2026Q4", &text, &err), XF_OK);
    assert_null(text);
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 3, "2026Q4", high, NULL, &err), XF_OK);
    assert_int_equal(xf_award_failure_note(&f->e->ctx, 3, "2026Q4", &text, &err), XF_OK);
    assert_null(text);
}

static int review_rows(struct fixture *f, char *out, size_t size)
{
    struct xf_error err = {0};
    struct xf_table t = {0};
    assert_int_equal(xf_award_review(&f->e->ctx, &t, &err), XF_OK);
    out[0] = '\0';
    for (size_t r = 0; r < t.nrows; r++) {
        size_t len = strlen(out);
        char **row = &t.cells[r * t.ncols];
        snprintf(out + len, size - len, "%s|%s|%s|%s;", row[0], row[3], row[5], row[6]);
    }
    int n = (int)t.nrows;
    xf_table_free(&t);
    return n;
}

/* check's list of confirmed awards to review: a failure recorded since
 * the confirmation (of the award's year or the next), a revocation by the
 * end of the next year (left by a version that did not decline it);
 * confirmed again after a review, it is settled. Candidates, older
 * quarters and later years are not listed, nor other units' awards. */
static void test_award_review(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t a = ranked_windows(f); /* P1, P3, P2 */
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    xf_date_set_today("2027-01-08");
    char got[512];
    assert_int_equal(review_rows(f, got, sizeof got), 0);
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, true, NULL, &err), XF_OK);
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 1, 1, true, NULL, &err), XF_OK);
    assert_int_equal(review_rows(f, got, sizeof got), 0); /* P1's 2025Q4 is older */
    struct xf_group_score low[XF_GROUP_COUNT] = {{50, 10}, {50, 50}, {50, 100}};
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 1, "2026Q4", low, NULL, &err), XF_OK);
    /* P2 is a candidate: decided with what is known, not listed */
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 2, "2026Q4", low, NULL, &err), XF_OK);
    assert_int_equal(review_rows(f, got, sizeof got), 1);
    assert_string_equal(got, "2026|P1|市政务服务中心 › 投资项目审批窗口|failed 2026Q4;");
    /* P3 revoked with its award still confirmed (as before this fix) */
    sql_exec(f->e, "UPDATE post SET status='revoked', revoked_on='2027-01-08',"
                   " revoke_reason='违纪' WHERE id=3");
    assert_int_equal(review_rows(f, got, sizeof got), 2);
    assert_string_equal(got, "2026|P1|市政务服务中心 › 投资项目审批窗口|failed 2026Q4;"
                             "2026|P3|市政务服务中心|revoked 2027-01-08;");
    /* a scoped organiser sees their units' */
    struct xf_user u;
    char *scopes[] = {"O1"};
    tu_scope(f->e, &u, scopes, "org1", XF_ROLE_ORGANISER);
    assert_int_equal(review_rows(f, got, sizeof got), 1);
    f->e->ctx.user = NULL;
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    /* reviewed: taken back and confirmed again, later */
    sql_exec(f->e, "UPDATE evaluation SET updated_at='2027-01-08 00:00:00'"
                   " WHERE post_id=1 AND quarter='2026Q4'");
    assert_int_equal(xf_award_reopen(&f->e->ctx, a, 2, "复核", &err), XF_OK);
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 3, true, "复核后仍予表彰", &err), XF_OK);
    assert_int_equal(review_rows(f, got, sizeof got), 1);
    assert_string_equal(got, "2026|P3|市政务服务中心|revoked 2027-01-08;");
    /* a revocation two years on is not the award's concern */
    sql_exec(f->e, "UPDATE post SET revoked_on='2028-03-01' WHERE id=3");
    assert_int_equal(review_rows(f, got, sizeof got), 0);
}

/* An exemplar (李明, ranked by P1 which he holds) with P1 revoked since
 * holds no post that stands: not confirmed either. */
static void test_confirm_refuses_exemplar_without_post(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_OK);
    int64_t ex = sql_count(f->e, "SELECT id FROM award WHERE kind='exemplar' AND member_id=1");
    assert_true(ex > 0);
    sql_exec(f->e, "UPDATE post SET status='revoked', revoked_on='2026-11-20', revoke_reason='违纪'"
                   " WHERE holder_member_id=1");
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_refused(xf_award_decide(&f->e->ctx, ex, 1, true, NULL, &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "李明"));
    assert_int_equal(xf_award_decide(&f->e->ctx, ex, 1, false, "岗位已撤销", &err), XF_OK);
}

/* An exemplar is a person's, and records the post they were ranked by
 * (李明's P1): the list and the report name it. A window keeps its post, a
 * brand none. */
static void test_exemplar_records_its_post(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT post_id FROM award WHERE kind='exemplar'"
                                     " AND member_id=1"),
                     1);
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "service_brand", 0, NULL, &err),
                     XF_OK);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE kind='service_brand'"
                                     " AND post_id IS NOT NULL"),
                     0);
    struct xf_award_line *v = NULL;
    size_t n = 0;
    assert_int_equal(xf_award_list(&f->e->ctx, 2026, "exemplar", &v, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].post_code, "P1");
    assert_string_equal(v[0].holder, "李明");
    xf_award_lines_free(v, n);
}

/* A declined candidate leaves its place in the quota to the best of the
 * ranking not yet listed; when none is left, nothing is added. */
static void test_decline_pulls_next(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    int ranked = 0;
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 2, &ranked, &err),
        XF_OK);
    assert_int_equal(ranked, 2); /* P1, P3; P2 is third */
    int64_t a = first_award(f->e);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 1, 1, false, "有投诉", &err), XF_OK);
    struct award_row r[8];
    assert_int_equal(awards_of(f->e, "satisfaction_window", r, 8), 3);
    assert_string_equal(r[1].status, "declined");
    assert_int_equal(r[2].post_id, 2);
    assert_int_equal(r[2].rank, 3);
    assert_string_equal(r[2].status, "candidate");
    assert_true(near(r[2].score, 77));
    /* its history says it was ranked, not declined */
    assert_int_equal(tu_history(f->e, "award", a + 2, "award.rank"), 1);
    assert_int_equal(tu_history(f->e, "award", a + 1, "award.decline"), 1);
    /* the ranking is exhausted: a decline adds no one */
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 2, 1, false, "也有投诉", &err), XF_OK);
    assert_int_equal(awards_of(f->e, "satisfaction_window", r, 8), 3);
}

/* The award world with 2026's three kinds ranked and confirmed: the
 * windows P1, P3, P2, 李明 (P1's holder) as exemplar, D1 (P1, P3) as brand. */
static void confirmed_kinds(struct fixture *f, int64_t *window, int64_t *exemplar, int64_t *brand)
{
    struct xf_error err = {0};
    *window = ranked_windows(f);
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_OK);
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "service_brand", 0, NULL, &err),
                     XF_OK);
    *exemplar = sql_count(f->e, "SELECT id FROM award WHERE kind='exemplar' AND member_id=1");
    *brand = sql_count(f->e, "SELECT id FROM award WHERE kind='service_brand'");
    assert_true(*exemplar > 0 && *brand > 0);
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_award_decide(&f->e->ctx, *window, 1, true, NULL, &err), XF_OK);
    assert_int_equal(xf_award_decide(&f->e->ctx, *exemplar, 1, true, NULL, &err), XF_OK);
    assert_int_equal(xf_award_decide(&f->e->ctx, *brand, 1, true, NULL, &err), XF_OK);
}

static const char *award_status(struct fixture *f, int64_t id, char *buf, size_t size)
{
    struct xf_error err = {0};
    struct xf_award got = {0};
    assert_int_equal(xf_store_award_get(f->e->db, id, &got, &err), XF_OK);
    snprintf(buf, size, "%s", got.status);
    xf_award_clear(&got);
    return buf;
}

/* Revoking P1, the only post 李明 holds, declines his exemplar award with
 * the window's (said in the question before), saying why; the brand is
 * D1's for all its posts and stays, listed by check to review. */
static void test_revoking_declines_exemplar_keeps_brand(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t win, ex, brand;
    confirmed_kinds(f, &win, &ex, &brand);
    char got[512], st[16];
    assert_int_equal(review_rows(f, got, sizeof got), 0);
    int n = -1;
    char *years = NULL;
    assert_int_equal(xf_award_standing_exemplar(&f->e->ctx, 1, "2026-06-15", &n, &years, &err),
                     XF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(years, "2026 (confirmed)");
    free(years);
    /* the window's count is the window's alone, as its question says */
    assert_int_equal(xf_award_standing(&f->e->ctx, 1, "2026-06-15", &n, NULL, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xf_post_revoke(&f->e->ctx, 1, 1, "违纪", NULL, &err), XF_OK);
    assert_string_equal(award_status(f, win, st, sizeof st), "declined");
    assert_string_equal(award_status(f, ex, st, sizeof st), "declined");
    assert_string_equal(award_status(f, brand, st, sizeof st), "confirmed");
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM award WHERE id=%lld AND decision_note ="
             " '该先锋岗已于 2026-06-15 撤销'",
             (long long)ex);
    assert_int_equal(sql_count(f->e, sql), 1);
    assert_int_equal(tu_history(f->e, "award", ex, "post.revoke"), 1);
    assert_int_equal(review_rows(f, got, sizeof got), 1);
    assert_string_equal(got, "2026|P1|市政务服务中心 › 投资项目审批窗口|revoked 2026-06-15;");
    /* reviewed: taken back and confirmed again, it is settled */
    sql_exec(f->e, "UPDATE post SET updated_at='2026-06-15 00:00:00' WHERE id=1");
    assert_int_equal(xf_award_reopen(&f->e->ctx, brand, 2, "复核", &err), XF_OK);
    assert_int_equal(xf_award_decide(&f->e->ctx, brand, 3, true, "复核后仍予表彰", &err), XF_OK);
    assert_int_equal(review_rows(f, got, sizeof got), 0);
}

/* An exemplar holding another post that stands keeps the award when one
 * is revoked (as a confirmation would have it); check lists it when a
 * post of theirs fails since, or when a revocation left them none (data
 * from before exemplars were declined with it). */
static void test_exemplar_with_another_post(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    int64_t win, ex, brand;
    confirmed_kinds(f, &win, &ex, &brand);
    sql_exec(f->e, "UPDATE post SET holder_member_id=1 WHERE id=6"); /* P6, named */
    int n = -1;
    assert_int_equal(xf_award_standing_exemplar(&f->e->ctx, 1, NULL, &n, NULL, &err), XF_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xf_post_revoke(&f->e->ctx, 1, 1, "违纪", NULL, &err), XF_OK);
    char st[16], got[512];
    assert_string_equal(award_status(f, ex, st, sizeof st), "confirmed");
    /* only the brand's row: 李明 still holds P6 */
    assert_int_equal(review_rows(f, got, sizeof got), 1);
    assert_non_null(strstr(got, "2026|P1|"));
    struct xf_group_score low[XF_GROUP_COUNT] = {{50, 10}, {50, 50}, {50, 100}};
    xf_date_set_today("2027-01-08");
    assert_int_equal(xf_evaluation_enter(&f->e->ctx, 6, "2026Q4", low, NULL, &err), XF_OK);
    assert_int_equal(review_rows(f, got, sizeof got), 2);
    assert_non_null(strstr(got, "2026|P6|市政务服务中心|failed 2026Q4;"));
    /* P6 revoked behind the program's back: no post stands, so both his
     * revoked posts are listed for the exemplar, as for the brand */
    sql_exec(f->e, "UPDATE post SET status='revoked', revoked_on='2027-01-08',"
                   " revoke_reason='违纪', updated_at='2027-01-08 09:00:00' WHERE id=6");
    assert_int_equal(review_rows(f, got, sizeof got), 4);
    assert_string_equal(got, "2026|P1|市政务服务中心 › 投资项目审批窗口|revoked 2026-06-15;"
                             "2026|P6|市政务服务中心|revoked 2027-01-08; failed 2026Q4;"
                             "2026|P1|市政务服务中心 › 投资项目审批窗口|revoked 2026-06-15;"
                             "2026|P6|市政务服务中心|revoked 2027-01-08;");
}

/* The candidate a revocation brings in is not the revoked post: its
 * history row names what brought it in, not "revoke post"; the declines
 * after it in the same revocation are still the revocation's. */
static void test_revocation_successor_history(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 2, NULL, &err), XF_OK);
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_OK);
    int64_t win = sql_count(f->e, "SELECT id FROM award WHERE kind='satisfaction_window'"
                                  " AND post_id=1");
    int64_t ex = sql_count(f->e, "SELECT id FROM award WHERE kind='exemplar' AND member_id=1");
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_post_revoke(&f->e->ctx, 1, 1, "违纪", NULL, &err), XF_OK);
    /* P2, third, takes P1's place among the windows */
    int64_t next = sql_count(f->e, "SELECT id FROM award WHERE kind='satisfaction_window'"
                                   " AND post_id=2");
    assert_true(next > ex);
    assert_int_equal(tu_history(f->e, "award", next, "award.replace_revoked"), 1);
    assert_int_equal(tu_history(f->e, "award", next, "post.revoke"), 0);
    assert_string_equal(xf_history_action_label("award.replace_revoked"),
                        "rank the next in place of a revoked post's award");
    assert_int_equal(tu_history(f->e, "award", win, "post.revoke"), 1);
    assert_int_equal(tu_history(f->e, "award", ex, "post.revoke"), 1);
    assert_int_equal(tu_history(f->e, "post", 1, "post.revoke"), 1);
}

/* A decline taken back, with a reason: a candidate again, and the one
 * ranked in its place gives the place back (declined, saying why; no one
 * pulled in); audited; a second time, with no one in its place, it is
 * simply reopened. */
static void test_reopen_declined(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 2, NULL, &err), XF_OK);
    int64_t a = first_award(f->e); /* P1, P3 */
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 1, 1, false, "有投诉", &err), XF_OK);
    int64_t next = a + 2; /* P2, in P3's place */
    assert_int_equal(
        sql_count(f->e, "SELECT post_id FROM award WHERE id=(SELECT max(id) FROM award)"), 2);
    assert_refused(xf_award_reopen(&f->e->ctx, a + 1, 2, "  ", &err), XF_EINVAL, "decision_note");
    assert_refused(xf_award_reopen(&f->e->ctx, a + 1, 1, "误按", &err), XF_ECONFLICT, NULL);
    assert_int_equal(xf_award_reopen_check(&f->e->ctx, a + 1, &err), XF_OK);
    assert_int_equal(xf_award_reopen(&f->e->ctx, a + 1, 2, "误按不予采纳", &err), XF_OK);
    char st[16];
    assert_string_equal(award_status(f, a + 1, st, sizeof st), "candidate");
    assert_string_equal(award_status(f, next, st, sizeof st), "declined");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE decision_note ="
                                     " '第 2 名恢复为候选，递补名额收回' AND decided_by='org'"),
                     1);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE decision_note ="
                                     " '误按不予采纳' AND status='candidate'"),
                     1);
    assert_int_equal(tu_history(f->e, "award", a + 1, "award.reopen_declined"), 1);
    assert_int_equal(tu_history(f->e, "award", next, "award.reopen_declined"), 1);
    assert_string_equal(xf_history_action_label("award.reopen_declined"),
                        "reopen a declined award");
    /* no one new pulled in: the quota holds two standing */
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award"), 3);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE status<>'declined'"), 2);
    /* declined again (no one left to rank), reopened again: nothing else moves */
    assert_int_equal(xf_award_decide(&f->e->ctx, a + 1, 3, false, "复核仍不予采纳", &err), XF_OK);
    assert_int_equal(xf_award_reopen(&f->e->ctx, a + 1, 4, "复核后恢复", &err), XF_OK);
    assert_string_equal(award_status(f, next, st, sizeof st), "declined");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE status<>'declined'"), 2);
    /* The next place that frees goes back to the one that gave its place
     * back, not to someone ranked below it (it stayed declined, and a
     * new row was ranked in). */
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, false, "另有安排", &err), XF_OK);
    assert_string_equal(award_status(f, next, st, sizeof st), "candidate");
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award"), 3);
    assert_int_equal(sql_count(f->e, "SELECT count(*) FROM award WHERE decision_note ="
                                     " '名额空出，恢复为候选' AND decided_by IS NULL"),
                     1);
    /* ranked in, given the place back when a + 1 was declined again, and now */
    assert_int_equal(tu_history(f->e, "award", next, "award.rank"), 3);
}

/* A decline is not taken back for a revoked post (it stands for no
 * award), nor when the one ranked in its place has been confirmed since
 * (the quota would be passed); refused, nothing changes. */
static void test_reopen_declined_refused(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    award_world(f);
    assert_int_equal(
        xf_award_rank_candidates(&f->e->ctx, 2026, "satisfaction_window", 1, NULL, &err), XF_OK);
    int64_t a = first_award(f->e); /* P1 */
    assert_int_equal(xf_award_rank_candidates(&f->e->ctx, 2026, "exemplar", 0, NULL, &err), XF_OK);
    int64_t ex = sql_count(f->e, "SELECT id FROM award WHERE kind='exemplar'"); /* 李明, P1 */
    tu_act_as(f->e, "org", XF_ROLE_ORGANISER);
    assert_int_equal(xf_award_decide(&f->e->ctx, ex, 1, false, "另行评选", &err), XF_OK);
    assert_int_equal(xf_award_decide(&f->e->ctx, a, 1, false, "有投诉", &err), XF_OK);
    int64_t p3 = sql_count(f->e, "SELECT id FROM award WHERE post_id=3");
    assert_int_equal(xf_award_decide(&f->e->ctx, p3, 1, true, NULL, &err), XF_OK);
    assert_refused(xf_award_reopen(&f->e->ctx, a, 2, "误按", &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "has been confirmed since"));
    char st[16];
    assert_string_equal(award_status(f, a, st, sizeof st), "declined");
    assert_string_equal(award_status(f, p3, st, sizeof st), "confirmed");
    assert_int_equal(tu_history(f->e, "award", a, "award.reopen_declined"), 0);
    /* P1 revoked since: refused for good, before the question too */
    assert_int_equal(xf_post_revoke(&f->e->ctx, 1, 1, "违纪", NULL, &err), XF_OK);
    assert_refused(xf_award_reopen_check(&f->e->ctx, a, &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "post P1 was revoked on 2026-06-15"));
    assert_refused(xf_award_reopen(&f->e->ctx, a, 2, "误按", &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "cannot be reopened"));
    assert_string_equal(award_status(f, a, st, sizeof st), "declined");
    /* an exemplar whose only post is revoked, likewise */
    assert_refused(xf_award_reopen(&f->e->ctx, ex, 2, "误按", &err), XF_ESTATE, "status");
    assert_non_null(strstr(err.msg, "李明"));
}

/* ---- the interface's list and corrections ---------------------------------- */

struct im_page {
    int n;
    char titles[8][64];
    char dates[8][11];
    int64_t ids[8];
};

static void take_im(void *arg, const struct xf_improvement_item *it)
{
    struct im_page *pg = arg;
    if (pg->n >= 8)
        return;
    snprintf(pg->titles[pg->n], sizeof pg->titles[0], "%s", it->title);
    snprintf(pg->dates[pg->n], sizeof pg->dates[0], "%s", it->on_date);
    pg->ids[pg->n++] = it->id;
}

static struct im_page im_page_of(struct fixture *f, const struct xf_improvement_filter *flt,
                                 const char *from, int64_t from_id,
                                 enum xf_improvement_dir dir)
{
    struct im_page pg = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_improvement_page(&f->e->ctx, flt, from, from_id, dir, 8, take_im, &pg,
                                         &err),
                     XF_OK);
    return pg;
}

static int64_t add_im(struct fixture *f, int64_t unit, const char *kind, const char *title,
                      const char *on)
{
    struct xf_error err = {0};
    struct xf_improvement im = {.unit_id = unit, .kind = (char *)kind, .title = (char *)title,
                                .on_date = (char *)on};
    if (!strcmp(kind, "time_cut"))
        im.has_days_before = im.has_days_after = true, im.days_before = 20, im.days_after = 8;
    assert_int_equal(xf_improvement_add(&f->e->ctx, &im, &err), XF_OK);
    return im.id;
}

static void test_list_and_correct(void **state)
{
    struct fixture *f = *state;
    struct xf_error err = {0};
    add_im(f, f->d1, "method", "推行延时服务", "2026-03-01");
    int64_t cut = add_im(f, f->o1, "time_cut", "审批时限压缩", "2026-05-01");
    add_im(f, f->d2, "fee", "取消收费项目", "2026-04-01");
    struct xf_improvement_filter flt = {0};
    struct im_page pg = im_page_of(f, &flt, NULL, 0, XF_IMPROVEMENT_AFTER);
    assert_int_equal(pg.n, 3); /* newest first */
    assert_string_equal(pg.dates[0], "2026-05-01");
    assert_string_equal(pg.dates[2], "2026-03-01");
    pg = im_page_of(f, &flt, "2026-05-01", cut, XF_IMPROVEMENT_AFTER);
    assert_int_equal(pg.n, 2);
    assert_string_equal(pg.titles[0], "取消收费项目");
    pg = im_page_of(f, &flt, NULL, 0, XF_IMPROVEMENT_BEFORE); /* from the oldest */
    assert_string_equal(pg.dates[0], "2026-03-01");
    flt.kind = "time_cut";
    assert_int_equal(im_page_of(f, &flt, NULL, 0, XF_IMPROVEMENT_AFTER).n, 1);
    flt = (struct xf_improvement_filter){.like = "国土"}; /* the unit's name */
    pg = im_page_of(f, &flt, NULL, 0, XF_IMPROVEMENT_AFTER);
    assert_int_equal(pg.n, 1);
    assert_string_equal(pg.titles[0], "取消收费项目");

    /* A correction: the limit was forgotten; a stale one is refused. */
    struct xf_improvement im = {0};
    assert_int_equal(xf_improvement_get(&f->e->ctx, cut, &im, &err), XF_OK);
    im.has_national_limit = true;
    im.national_limit_days = 30;
    assert_int_equal(xf_improvement_edit(&f->e->ctx, &im, &err), XF_OK);
    assert_int_equal(im.version, 2);
    assert_int_equal(tu_history(f->e, "improvement", cut, "improvement.edit"), 1);
    im.version = 1;
    assert_refused(xf_improvement_edit(&f->e->ctx, &im, &err), XF_ECONFLICT, "version");
    im.version = 2;
    im.days_after = 25; /* longer than before: refused as when added */
    assert_refused(xf_improvement_edit(&f->e->ctx, &im, &err), XF_EINVAL, "days_after");
    xf_improvement_clear(&im);

    /* Recorded once made: not dated after today. */
    struct xf_improvement later = {.unit_id = f->d1, .kind = "method", .title = "推行预约",
                                   .on_date = "2027-01-01"};
    assert_refused(xf_improvement_add(&f->e->ctx, &later, &err), XF_EINVAL, "on_date");
    /* Days are for time cuts: a fee with days is refused, also when a
     * time cut is changed into one. */
    struct xf_improvement fee = {.unit_id = f->d1, .kind = "fee", .title = "取消查询费",
                                 .on_date = "2026-05-02", .has_days_before = true,
                                 .days_before = 9};
    assert_refused(xf_improvement_add(&f->e->ctx, &fee, &err), XF_EINVAL, "days_before");
    assert_int_equal(xf_improvement_get(&f->e->ctx, cut, &im, &err), XF_OK);
    free(im.kind);
    im.kind = strdup("fee");
    assert_refused(xf_improvement_edit(&f->e->ctx, &im, &err), XF_EINVAL, "days_before");
    xf_improvement_clear(&im);
    /* Once its unit is closed: an entry can still be corrected where it
     * is, but nothing new is recorded there, nor moved there. */
    assert_int_equal(xf_unit_deactivate(&f->e->ctx, f->o1, 1, &err), XF_OK);
    assert_int_equal(xf_improvement_get(&f->e->ctx, cut, &im, &err), XF_OK);
    free(im.title);
    im.title = strdup("审批时限压缩（更正）");
    assert_int_equal(xf_improvement_edit(&f->e->ctx, &im, &err), XF_OK);
    xf_improvement_clear(&im);
    struct xf_improvement closed = plain(f->o1, "method");
    assert_refused(xf_improvement_add(&f->e->ctx, &closed, &err), XF_ESTATE, "unit_id");
    int64_t moved = sql_count(f->e, "SELECT id FROM improvement WHERE kind = 'method'");
    assert_int_equal(xf_improvement_get(&f->e->ctx, moved, &im, &err), XF_OK);
    im.unit_id = f->o1;
    assert_refused(xf_improvement_edit(&f->e->ctx, &im, &err), XF_ESTATE, "unit_id");
    xf_improvement_clear(&im);
    /* Scoped to D1: its subtree only, in the list and by id. */
    struct xf_user user;
    char *scopes[] = {"D1"};
    tu_scope(f->e, &user, scopes, "org1", XF_ROLE_ORGANISER);
    flt = (struct xf_improvement_filter){0};
    assert_int_equal(im_page_of(f, &flt, NULL, 0, XF_IMPROVEMENT_AFTER).n, 2);
    int64_t other = sql_count(f->e, "SELECT id FROM improvement WHERE kind = 'fee'");
    assert_refused(xf_improvement_get(&f->e->ctx, other, &im, &err), XF_EPERM, "improvement");
    f->e->ctx.user = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_time_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_and_correct, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_refuses_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_wrong_role_and_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_refuses_twin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import_refusals, setup, teardown),
        cmocka_unit_test(test_award_score_formula),
        cmocka_unit_test_setup_teardown(test_rank_candidates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rank_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_award_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decide, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoking_declines_award, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoking_next_year_declines_award, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_note, setup, teardown),
        cmocka_unit_test_setup_teardown(test_award_review, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_refuses_revoked_post, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_refuses_exemplar_without_post, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_decline_pulls_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoking_declines_exemplar_keeps_brand, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_exemplar_with_another_post, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exemplar_records_its_post, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revocation_successor_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_declined, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_declined_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
