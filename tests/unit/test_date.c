/* cmocka.h needs these headers first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "testutil.h"

#include <time.h>

#include "xf/date.h"
#include "xf/error.h"

/* 2026 National Day: 1-7 October off, with Sunday 27 September and
 * Saturday 10 October worked in exchange (调休). Added out of order on
 * purpose. */
static int setup_calendar(void **state)
{
    static struct xf_calendar cal;
    memset(&cal, 0, sizeof cal);
    const char *off[] = {"2026-10-05", "2026-10-01", "2026-10-07", "2026-10-02",
                         "2026-10-06", "2026-10-03", "2026-10-04", "2026-10-01"};
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
        if (xf_calendar_add(&cal, off[i], false, NULL) != XF_OK)
            return -1;
    if (xf_calendar_add(&cal, "2026-10-10", true, NULL) != XF_OK ||
        xf_calendar_add(&cal, "2026-09-27", true, NULL) != XF_OK)
        return -1;
    *state = &cal;
    return 0;
}

static int teardown_calendar(void **state)
{
    xf_calendar_free(*state);
    return 0;
}

/* Runs first: the environment variable is read only once per process. */
static void test_today_from_env(void **state)
{
    (void)state;
    setenv("XIANFENG_TODAY", "2026-03-15", 1);
    char d[XF_DATE_LEN];
    xf_date_today(d);
    assert_string_equal(d, "2026-03-15");
    setenv("XIANFENG_TODAY", "2027-01-01", 1); /* too late: read once */
    xf_date_today(d);
    assert_string_equal(d, "2026-03-15");
    unsetenv("XIANFENG_TODAY");
}

static void test_today_forced_and_clock(void **state)
{
    (void)state;
    char d[XF_DATE_LEN], now[20];
    assert_int_equal(xf_date_set_today("2026-02-30"), XF_EINVAL);
    assert_int_equal(xf_date_set_today("2024-02-29"), XF_OK);
    xf_date_today(d);
    assert_string_equal(d, "2024-02-29");
    xf_date_now(now);
    assert_int_equal(strlen(now), 19);
    assert_true(strncmp(now, "2024-02-29 ", 11) == 0);
    assert_true(now[13] == ':' && now[16] == ':');

    assert_int_equal(xf_date_set_today(NULL), XF_OK);
    xf_date_today(d);
    assert_true(xf_date_valid(d));
    char want[XF_DATE_LEN];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(want, sizeof want, "%Y-%m-%d", &tm);
    assert_string_equal(d, want); /* (flaky only across midnight) */
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(xf_date_valid("2026-01-01"));
    assert_true(xf_date_valid("2026-12-31"));
    assert_true(xf_date_valid("2024-02-29"));
    assert_true(xf_date_valid("2000-02-29"));
    assert_false(xf_date_valid("1900-02-29"));
    assert_false(xf_date_valid("2026-02-29"));
    assert_false(xf_date_valid("2026-02-30"));
    assert_false(xf_date_valid("2026-04-31"));
    assert_false(xf_date_valid("2026-13-01"));
    assert_false(xf_date_valid("2026-00-10"));
    assert_false(xf_date_valid("2026-01-00"));
    assert_false(xf_date_valid("2026-2-3"));
    assert_false(xf_date_valid("2026-02-03 "));
    assert_false(xf_date_valid("2026-02-03x"));
    assert_false(xf_date_valid(" 2026-02-03"));
    assert_false(xf_date_valid("2026/02/03"));
    assert_false(xf_date_valid("2026-0a-03"));
    assert_false(xf_date_valid("+026-02-03"));
    assert_false(xf_date_valid("0000-01-01"));
    assert_false(xf_date_valid(""));
    assert_false(xf_date_valid(NULL));
}

static void test_check_names_field(void **state)
{
    (void)state;
    struct xf_error err = {0};
    assert_int_equal(xf_date_check("2026-03-01", "due_on", &err), XF_OK);
    assert_int_equal(xf_date_check("2026-02-30", "due_on", &err), XF_EINVAL);
    assert_string_equal(err.field, "due_on");
    assert_non_null(strstr(err.msg, "2026-02-30")); /* which of a line's dates */
    assert_int_equal(xf_date_check("x", "due_on", NULL), XF_EINVAL);
    char longer[64];
    memset(longer, '9', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(xf_date_check(longer, "due_on", &err), XF_EINVAL);
    assert_null(strstr(err.msg, longer)); /* not a message that is all value */
}

static void test_diff_and_add(void **state)
{
    (void)state;
    char d[XF_DATE_LEN];
    assert_int_equal(xf_date_diff("2026-01-01", "2026-01-01"), 0);
    assert_int_equal(xf_date_diff("2026-01-01", "2026-01-02"), 1);
    assert_int_equal(xf_date_diff("2026-01-02", "2026-01-01"), -1);
    assert_int_equal(xf_date_diff("2000-01-01", "2026-01-01"), 9497);
    assert_int_equal(xf_date_diff("2024-02-28", "2024-03-01"), 2);
    assert_int_equal(xf_date_diff("2026-02-28", "2026-03-01"), 1);
    assert_int_equal(xf_date_diff("0001-01-01", "9999-12-31"), 3652058);
    xf_date_add_days("2024-02-28", 1, d);
    assert_string_equal(d, "2024-02-29");
    xf_date_add_days("2023-02-28", 1, d);
    assert_string_equal(d, "2023-03-01");
    xf_date_add_days("2026-12-31", 1, d);
    assert_string_equal(d, "2027-01-01");
    xf_date_add_days("2026-01-01", -1, d);
    assert_string_equal(d, "2025-12-31");
    xf_date_add_days("2026-03-01", 0, d);
    assert_string_equal(d, "2026-03-01");
    xf_date_add_days("2026-02-30", 1, d);
    assert_string_equal(d, "");
    xf_date_add_days("9999-12-31", 1, d);
    assert_string_equal(d, "");
    /* add and diff agree over a long stretch, day by day. */
    char prev[XF_DATE_LEN] = "1999-12-25";
    for (long i = 1; i < 3000; i++) {
        xf_date_add_days("1999-12-25", i, d);
        assert_true(xf_date_valid(d));
        assert_int_equal(xf_date_diff("1999-12-25", d), i);
        assert_true(strcmp(prev, d) < 0);
        memcpy(prev, d, XF_DATE_LEN);
    }
}

static void test_workday_plain_week(void **state)
{
    (void)state;
    char d[XF_DATE_LEN];
    assert_true(xf_workday_is(NULL, "2026-03-06"));  /* Friday */
    assert_false(xf_workday_is(NULL, "2026-03-07")); /* Saturday */
    assert_false(xf_workday_is(NULL, "2026-03-08")); /* Sunday */
    assert_true(xf_workday_is(NULL, "2026-03-09"));  /* Monday */
    assert_false(xf_workday_is(NULL, "2026-02-30"));
    xf_workday_add(NULL, "2026-03-06", 1, d);
    assert_string_equal(d, "2026-03-09");
    xf_workday_add(NULL, "2026-03-07", 1, d); /* from a Saturday */
    assert_string_equal(d, "2026-03-09");
    xf_workday_add(NULL, "2026-03-06", 0, d);
    assert_string_equal(d, "2026-03-06");
    xf_workday_add(NULL, "2026-03-02", 10, d);
    assert_string_equal(d, "2026-03-16");
    assert_int_equal(xf_workday_diff(NULL, "2026-03-06", "2026-03-09"), 1);
    assert_int_equal(xf_workday_diff(NULL, "2026-03-07", "2026-03-08"), 0);
    assert_int_equal(xf_workday_diff(NULL, "2026-03-02", "2026-03-16"), 10);
    assert_int_equal(xf_workday_diff(NULL, "2026-03-16", "2026-03-02"), -10);
    assert_int_equal(xf_workday_diff(NULL, "2026-03-02", "2026-03-02"), 0);
}

static void test_workday_holidays_and_makeup(void **state)
{
    const struct xf_calendar *cal = *state;
    char d[XF_DATE_LEN];
    assert_true(xf_workday_is(cal, "2026-09-27"));  /* make-up Sunday */
    assert_false(xf_workday_is(cal, "2026-09-26")); /* ordinary Saturday */
    assert_false(xf_workday_is(cal, "2026-10-01"));
    assert_false(xf_workday_is(cal, "2026-10-07"));
    assert_true(xf_workday_is(cal, "2026-10-08"));
    assert_true(xf_workday_is(cal, "2026-10-10")); /* make-up Saturday */
    assert_false(xf_workday_is(cal, "2026-10-11"));

    /* Friday + 1 lands on the make-up Sunday, not on Monday. */
    xf_workday_add(cal, "2026-09-25", 1, d);
    assert_string_equal(d, "2026-09-27");
    xf_workday_add(NULL, "2026-09-25", 1, d);
    assert_string_equal(d, "2026-09-28");
    /* Across the Golden Week. */
    xf_workday_add(cal, "2026-09-30", 1, d);
    assert_string_equal(d, "2026-10-08");
    xf_workday_add(cal, "2026-09-30", 3, d);
    assert_string_equal(d, "2026-10-10");
    xf_workday_add(cal, "2026-09-30", 4, d);
    assert_string_equal(d, "2026-10-12");
    xf_workday_add(cal, "2026-09-25", 5, d); /* 27, 28, 29, 30, 8 */
    assert_string_equal(d, "2026-10-08");

    assert_int_equal(xf_workday_diff(cal, "2026-09-30", "2026-10-08"), 1);
    assert_int_equal(xf_workday_diff(cal, "2026-09-30", "2026-10-12"), 4);
    assert_int_equal(xf_workday_diff(cal, "2026-09-25", "2026-10-08"), 5);
    assert_int_equal(xf_workday_diff(cal, "2026-10-01", "2026-10-07"), 0);
    assert_int_equal(xf_workday_diff(cal, "2026-10-08", "2026-09-25"), -5);
    assert_int_equal(xf_workday_diff(NULL, "2026-09-25", "2026-10-08"), 9);

    /* Back from a deadline to where its clock could have begun, across
     * the Golden Week: adding the days again lands on it. */
    xf_workday_add(cal, "2026-10-08", -5, d);
    char again[XF_DATE_LEN];
    xf_workday_add(cal, d, 5, again);
    assert_string_equal(again, "2026-10-08");
    assert_true(strcmp(d, "2026-09-25") >= 0 && strcmp(d, "2026-09-27") < 0);
    xf_workday_add(cal, "2026-10-12", -4, d); /* 12, 10 (make-up), 9, 8 */
    xf_workday_add(cal, d, 4, again);
    assert_string_equal(again, "2026-10-12");
    assert_true(strcmp(d, "2026-09-30") >= 0 && strcmp(d, "2026-10-08") < 0);
    xf_workday_add(NULL, "2026-03-09", -1, d); /* Monday back one: the weekend */
    assert_true(strcmp(d, "2026-03-06") >= 0 && strcmp(d, "2026-03-09") < 0);
}

/* Counts working days in (a, b] one day at a time, for comparison. */
static long slow_diff(const struct xf_calendar *cal, const char *a, const char *b)
{
    long n = xf_date_diff(a, b), count = 0;
    const char *lo = n >= 0 ? a : b;
    char d[XF_DATE_LEN];
    for (long i = 1; i <= labs(n); i++) {
        xf_date_add_days(lo, i, d);
        count += xf_workday_is(cal, d);
    }
    return n >= 0 ? count : -count;
}

static void test_workday_diff_consistent_with_add(void **state)
{
    const struct xf_calendar *cal = *state;
    char start[XF_DATE_LEN], end[XF_DATE_LEN], other[XF_DATE_LEN];
    for (long s = 0; s < 70; s++) {
        xf_date_add_days("2026-09-01", s, start);
        for (int n = 0; n <= 25; n++) {
            xf_workday_add(cal, start, n, end);
            assert_int_equal(xf_workday_diff(cal, start, end), n);
            if (n > 0)
                assert_true(xf_workday_is(cal, end));
            xf_workday_add(NULL, start, n, end);
            assert_int_equal(xf_workday_diff(NULL, start, end), n);
        }
        for (long k = -40; k <= 40; k += 3) {
            xf_date_add_days(start, k, other);
            assert_int_equal(xf_workday_diff(cal, start, other), slow_diff(cal, start, other));
            assert_int_equal(xf_workday_diff(NULL, start, other), slow_diff(NULL, start, other));
        }
    }
    /* Far from 1970 and before it, the week arithmetic still holds. */
    assert_int_equal(xf_workday_diff(NULL, "1969-12-01", "1970-02-01"),
                     slow_diff(NULL, "1969-12-01", "1970-02-01"));
    assert_int_equal(xf_workday_diff(NULL, "1600-02-27", "1600-03-09"),
                     slow_diff(NULL, "1600-02-27", "1600-03-09"));
}

/* A quarter as people write it: in a Chinese input mode (full width), or
 * in words (2026年第四季度 was cut to "2026年第" by the form and refused). */
static void test_quarter_written(void **state)
{
    (void)state;
    static const char *const ok[][2] = {
        {"2026Q3", "2026Q3"},           {"2026q3", "2026Q3"},
        {"2026 Q3", "2026Q3"},          {"2026-Q3", "2026Q3"},
        {"２０２６Ｑ４", "2026Q4"},       {"2026年第四季度", "2026Q4"},
        {"2026年第4季度", "2026Q4"},      {"2026年3季度", "2026Q3"},
        {"2026年一季度", "2026Q1"},       {"２０２６年第二季度", "2026Q2"},
        {"2026年第2季", "2026Q2"}};
    char out[7];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_string_equal(xf_quarter_upper(ok[i][0], out), ok[i][1]);
    static const char *const left[] = {"2026Q5", "2026年第五季度", "20263", "2026年第3季度x",
                                       "26Q3", "2026Q3 later", ""};
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++)
        assert_ptr_equal(xf_quarter_upper(left[i], out), left[i]); /* as given */
    assert_null(xf_quarter_upper(NULL, out));
}

static void test_quarters(void **state)
{
    (void)state;
    char q[7];
    assert_true(xf_quarter_valid("2026Q1"));
    assert_true(xf_quarter_valid("2026Q4"));
    assert_false(xf_quarter_valid("2026Q0"));
    assert_false(xf_quarter_valid("2026Q5"));
    assert_false(xf_quarter_valid("2026q3"));
    assert_false(xf_quarter_valid("26Q3"));
    assert_false(xf_quarter_valid("2026Q3 "));
    assert_false(xf_quarter_valid("2026-Q3"));
    assert_false(xf_quarter_valid(NULL));
    xf_quarter_of("2026-01-01", q);
    assert_string_equal(q, "2026Q1");
    xf_quarter_of("2026-03-31", q);
    assert_string_equal(q, "2026Q1");
    xf_quarter_of("2026-04-01", q);
    assert_string_equal(q, "2026Q2");
    xf_quarter_of("2026-09-30", q);
    assert_string_equal(q, "2026Q3");
    xf_quarter_of("2026-12-31", q);
    assert_string_equal(q, "2026Q4");
    xf_quarter_of("2026-13-01", q);
    assert_string_equal(q, "");
    /* a quarter opens for evaluation in its last month, and ends */
    char opens[XF_DATE_LEN], ends[XF_DATE_LEN];
    assert_true(xf_quarter_days("2026Q4", opens, ends));
    assert_string_equal(opens, "2026-12-01");
    assert_string_equal(ends, "2026-12-31");
    assert_true(xf_quarter_days("2028Q1", opens, ends));
    assert_string_equal(opens, "2028-03-01");
    assert_string_equal(ends, "2028-03-31");
    assert_true(xf_quarter_days("2026Q3", NULL, ends));
    assert_string_equal(ends, "2026-09-30");
    assert_false(xf_quarter_days("2026Q5", opens, ends));
}

static void test_calendar_add(void **state)
{
    const struct xf_calendar *cal = *state;
    /* The setup added 2026-10-01 twice and out of order. */
    assert_int_equal(cal->n_holidays, 7);
    for (size_t i = 1; i < cal->n_holidays; i++)
        assert_true(strcmp(cal->holidays[i - 1], cal->holidays[i]) < 0);
    assert_int_equal(cal->n_workdays, 2);
    assert_string_equal(cal->workdays[0], "2026-09-27");
    assert_string_equal(cal->workdays[1], "2026-10-10");

    struct xf_calendar c = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_calendar_add(&c, "2026-02-30", false, &err), XF_EINVAL);
    assert_string_equal(err.field, "holidays");
    assert_int_equal(xf_calendar_add(&c, "2026-05-01", false, &err), XF_OK);
    assert_int_equal(xf_calendar_add(&c, "2026-01-01", false, &err), XF_OK);
    assert_int_equal(xf_calendar_add(&c, "2026-12-25", false, &err), XF_OK);
    assert_string_equal(c.holidays[0], "2026-01-01");
    assert_string_equal(c.holidays[2], "2026-12-25");
    assert_int_equal(c.n_holidays, 3);
    /* One day cannot be both off and worked. */
    assert_int_equal(xf_calendar_add(&c, "2026-05-02", false, &err), XF_OK); /* a Saturday */
    assert_int_equal(xf_calendar_add(&c, "2026-05-02", true, &err), XF_EINVAL);
    assert_string_equal(err.field, "workdays");
    assert_non_null(strstr(err.msg, "both"));
    /* A make-up day from Monday to Friday is a slip: 10-12 for 10-10. */
    assert_int_equal(xf_calendar_add(&c, "2026-10-12", true, &err), XF_EINVAL);
    assert_string_equal(err.field, "workdays");
    assert_non_null(strstr(err.msg, "Saturday or Sunday"));
    assert_int_equal(c.n_workdays, 0);
    assert_int_equal(xf_calendar_add(&c, "2026-10-10", true, &err), XF_OK);
    /* Which years the holidays cover. */
    assert_true(xf_calendar_covers(&c, 2026));
    assert_false(xf_calendar_covers(&c, 2025));
    assert_false(xf_calendar_covers(&c, 2027));
    assert_false(xf_calendar_covers(&(struct xf_calendar){0}, 2026));
    xf_calendar_free(&c);
    assert_null(c.holidays);
    assert_int_equal(c.n_holidays, 0);
    xf_calendar_free(&c); /* twice is harmless */
}

/* Dates as spreadsheets write them, for imports. */
static void test_normalize(void **state)
{
    (void)state;
    const struct {
        const char *in, *out;
    } ok[] = {{"2026/11/1", "2026-11-01"},
              {"2026.1.5", "2026-01-05"},
              {"2026-3-9", "2026-03-09"},
              {"2026/04/28 9:00:00", "2026-04-28 09:00:00"},
              {"2026/10/30 17:06", "2026-10-30 17:06:00"},
              {"2026-10-30 9:06", "2026-10-30 09:06:00"},
              {"2026/10/30 17:06:20", "2026-10-30 17:06:20"},
              {"2026年12月31日", "2026-12-31"},
              {"2026年3月5日", "2026-03-05"},
              {"2026年3月5", "2026-03-05"},
              {"2026年12月31号", "2026-12-31"},
              {"2026年03月05日 9:06", "2026-03-05 09:06:00"},
              {"2026年03月05日", "2026-03-05"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char *s = xf_date_normalize(ok[i].in);
        assert_non_null(s);
        assert_string_equal(s, ok[i].out);
        free(s);
    }
    const char *no[] = {"2026-11-01", "26/11/1", "2026/111/1", "2026/11/123", "abc", "", NULL,
                        "2026/11", "2026/11-1", "2026-10-30 09:06:20", "2026年", "2026年3月",
                        "2026年3日5月", "26年3月5日"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_null(xf_date_normalize(no[i]));
}

/* --since 2026-11 is the month's first day, --until 2026-11 its last. */
static void test_month(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *first, *last;
    } ok[] = {{"2026-11", "2026-11-01", "2026-11-30"}, {"2026/1", "2026-01-01", "2026-01-31"},
              {"2026.02", "2026-02-01", "2026-02-28"}, {"2028-2", "2028-02-01", "2028-02-29"},
              {"2000-02", "2000-02-01", "2000-02-29"}, {"2100-02", "2100-02-01", "2100-02-28"},
              {"2026年11月", "2026-11-01", "2026-11-30"}, {"2026年4月", "2026-04-01", "2026-04-30"}};
    char out[XF_DATE_LEN];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_true(xf_date_month(ok[i].in, false, out));
        assert_string_equal(out, ok[i].first);
        assert_true(xf_date_month(ok[i].in, true, out));
        assert_string_equal(out, ok[i].last);
    }
    const char *no[] = {"2026-11-01", "2026-13", "2026-0", "2026-00", "2026-111", "2026",
                        "2026-", "2026年11", "2026年11月1日", "2026-11 ", "26-11", "2026:11",
                        "", NULL};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(xf_date_month(no[i], true, out));
}

/* A list's short deadline keeps month and day, and the year where it is
 * not this one (it showed "2025" alone). */
static void test_date_short(void **state)
{
    (void)state;
    char out[XF_DATE_LEN];
    xf_date_short("2025-12-30", "2026-01-05", 10, out);
    assert_string_equal(out, "2025-12-30");
    xf_date_short("2025-12-30", "2026-01-05", 8, out);
    assert_string_equal(out, "25-12-30");
    xf_date_short("2026-01-04 10:00:00", "2026-01-05", 8, out);
    assert_string_equal(out, "01-04");
    xf_date_short("2026-01-04", "2026-01-05", 5, out);
    assert_string_equal(out, "01-04");
    xf_date_short("2027-01-04", "2026-01-05", 5, out);
    assert_string_equal(out, "");
    xf_date_short(NULL, "2026-01-05", 10, out);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_today_from_env),
        cmocka_unit_test(test_today_forced_and_clock),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_month),
        cmocka_unit_test(test_check_names_field),
        cmocka_unit_test(test_diff_and_add),
        cmocka_unit_test(test_workday_plain_week),
        cmocka_unit_test_setup_teardown(test_workday_holidays_and_makeup, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_workday_diff_consistent_with_add, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test(test_quarters),
        cmocka_unit_test(test_date_short),
        cmocka_unit_test(test_quarter_written),
        cmocka_unit_test_setup_teardown(test_calendar_add, setup_calendar, teardown_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
