/* Fuzzes src/util/date.c. The input is lines:
 *   "h DATE" / "w DATE"  add a holiday / make-up working day to a calendar
 *   "n NUMBER"           the day count used below (bounded)
 *   anything else        checked as a date and a quarter; valid dates are
 *                        kept for the arithmetic checks.
 * Validation is compared with a reference written here, weekdays with
 * Zeller's congruence, and working-day arithmetic with counting day by
 * day. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "xf/date.h"

#define MAX_DATES 6
#define MAX_SPAN 800 /* days counted one by one */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool ref_fields(const char *s, int *y, int *m, int *d)
{
    if (strlen(s) != 10)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    *y = atoi(s), *m = atoi(s + 5), *d = atoi(s + 8);
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*y < 1 || *m < 1 || *m > 12 || *d < 1)
        return false;
    return *d <= dim[*m - 1] + (*m == 2 && leap(*y));
}

static bool ref_quarter(const char *q)
{
    if (strlen(q) != 6 || q[4] != 'Q' || q[5] < '1' || q[5] > '4')
        return false;
    for (int i = 0; i < 4; i++)
        if (q[i] < '0' || q[i] > '9')
            return false;
    return atoi(q) >= 1;
}

/* Monday..Friday by Zeller's congruence (0 = Saturday). */
static bool ref_weekday(const char *s)
{
    int y, m, d;
    FUZZ_CHECK(ref_fields(s, &y, &m, &d));
    if (m < 3)
        m += 12, y--;
    int k = y % 100, j = y / 100;
    int h = (d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
    return h >= 2;
}

static void check_line(const char *s)
{
    int y, m, d;
    bool valid = ref_fields(s, &y, &m, &d);
    FUZZ_CHECK(xf_date_valid(s) == valid);
    struct xf_error err = {0};
    int rc = xf_date_check(s, "due_on", &err);
    FUZZ_CHECK((rc == XF_OK) == valid);
    if (!valid)
        FUZZ_CHECK(rc == XF_EINVAL && strcmp(err.field, "due_on") == 0 && err.msg[0]);
    FUZZ_CHECK(xf_quarter_valid(s) == ref_quarter(s));
    char first[XF_DATE_LEN], last[XF_DATE_LEN];
    if (xf_date_month(s, false, first))
        FUZZ_CHECK(xf_date_month(s, true, last) && xf_date_valid(first) && xf_date_valid(last) &&
                   memcmp(first, last, 8) == 0 && strcmp(first + 8, "01") == 0);
    else
        FUZZ_CHECK(!xf_date_month(s, true, last));
    char q[7];
    xf_quarter_of(s, q);
    if (!valid) {
        FUZZ_CHECK(q[0] == '\0');
        return;
    }
    FUZZ_CHECK(xf_quarter_valid(q) && memcmp(q, s, 4) == 0 && q[5] == '1' + (m - 1) / 3);
    FUZZ_CHECK(xf_workday_is(NULL, s) == ref_weekday(s));
}

static void check_calendar(const struct xf_calendar *cal)
{
    for (size_t i = 0; i < cal->n_holidays; i++) {
        FUZZ_CHECK(xf_date_valid(cal->holidays[i]));
        FUZZ_CHECK(i == 0 || strcmp(cal->holidays[i - 1], cal->holidays[i]) < 0);
        FUZZ_CHECK(!xf_workday_is(cal, cal->holidays[i]));
    }
    for (size_t i = 0; i < cal->n_workdays; i++) {
        FUZZ_CHECK(xf_date_valid(cal->workdays[i]));
        FUZZ_CHECK(i == 0 || strcmp(cal->workdays[i - 1], cal->workdays[i]) < 0);
        FUZZ_CHECK(xf_workday_is(cal, cal->workdays[i]));
    }
}

static void check_days(const char *a, long n)
{
    char r[XF_DATE_LEN];
    xf_date_add_days(a, 0, r);
    FUZZ_CHECK(strcmp(r, a) == 0);
    xf_date_add_days(a, n, r);
    if (r[0]) {
        FUZZ_CHECK(xf_date_valid(r));
        FUZZ_CHECK(xf_date_diff(a, r) == n && xf_date_diff(r, a) == -n);
    }
    xf_date_add_days(a, 1, r);
    if (r[0]) {
        FUZZ_CHECK(strcmp(a, r) < 0 && xf_date_diff(a, r) == 1);
        FUZZ_CHECK(ref_weekday(r) == (xf_workday_is(NULL, r)));
    }
}

static void check_workday_add(const struct xf_calendar *cal, const char *a, int n)
{
    char r[XF_DATE_LEN];
    xf_workday_add(cal, a, n, r);
    if (!r[0])
        return; /* ran past year 9999 */
    FUZZ_CHECK(xf_date_valid(r));
    if (n <= 0) {
        FUZZ_CHECK(strcmp(r, a) == 0);
        return;
    }
    FUZZ_CHECK(strcmp(r, a) > 0 && xf_workday_is(cal, r));
    FUZZ_CHECK(xf_workday_diff(cal, a, r) == n);
    FUZZ_CHECK(xf_workday_diff(cal, r, a) == -n);
    /* The day before r is at most n - 1 working days on. */
    char prev[XF_DATE_LEN];
    xf_date_add_days(r, -1, prev);
    FUZZ_CHECK(xf_workday_diff(cal, a, prev) == n - 1);
}

/* Counts working days in (a, b] one by one. */
static long count_slowly(const struct xf_calendar *cal, const char *a, const char *b)
{
    long n = 0;
    char day[XF_DATE_LEN];
    memcpy(day, a, XF_DATE_LEN);
    while (strcmp(day, b) < 0) {
        char next[XF_DATE_LEN];
        xf_date_add_days(day, 1, next);
        FUZZ_CHECK(next[0]);
        memcpy(day, next, XF_DATE_LEN);
        n += xf_workday_is(cal, day);
    }
    return n;
}

static void check_pair(const struct xf_calendar *cal, const char *a, const char *b)
{
    long dd = xf_date_diff(a, b);
    FUZZ_CHECK(dd == -xf_date_diff(b, a));
    FUZZ_CHECK((dd == 0) == (strcmp(a, b) == 0) && (dd < 0) == (strcmp(b, a) < 0));
    long w = xf_workday_diff(cal, a, b);
    FUZZ_CHECK(w == -xf_workday_diff(cal, b, a));
    FUZZ_CHECK(labs(w) <= labs(dd));
    if (dd >= 0 && dd <= MAX_SPAN)
        FUZZ_CHECK(w == count_slowly(cal, a, b));
}

int xf_fuzz_date(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    struct xf_calendar cal = {0};
    char dates[MAX_DATES][XF_DATE_LEN];
    size_t n_dates = 0;
    long n = 7;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if ((line[0] == 'h' || line[0] == 'w') && line[1] == ' ') {
            struct xf_error err = {0};
            int rc = xf_calendar_add(&cal, line + 2, line[0] == 'w', &err);
            if (!xf_date_valid(line + 2))
                FUZZ_CHECK(rc == XF_EINVAL);
            if (rc == XF_OK)
                FUZZ_CHECK(xf_workday_is(&cal, line + 2) == (line[0] == 'w'));
            continue;
        }
        if (line[0] == 'n' && line[1] == ' ') {
            n = strtol(line + 2, NULL, 10) % 4000;
            continue;
        }
        check_line(line);
        if (xf_date_valid(line) && n_dates < MAX_DATES)
            memcpy(dates[n_dates++], line, XF_DATE_LEN);
    }
    check_calendar(&cal);
    for (size_t i = 0; i < n_dates; i++) {
        check_days(dates[i], n * 1000 + (long)i);
        check_workday_add(NULL, dates[i], (int)labs(n));
        check_workday_add(&cal, dates[i], (int)labs(n));
        check_workday_add(&cal, dates[i], (int)(i % 3));
        for (size_t j = 0; j < n_dates; j++) {
            check_pair(NULL, dates[i], dates[j]);
            check_pair(&cal, dates[i], dates[j]);
        }
    }
    xf_calendar_free(&cal);
    free(text);
    return 0;
}

XF_FUZZ_ENTRY(xf_fuzz_date)
