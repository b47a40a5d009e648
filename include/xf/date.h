/* Dates as "YYYY-MM-DD" strings (what SQLite stores and sorts), strict
 * validation, quarters, and working-day arithmetic with a holiday calendar. */
#ifndef XF_DATE_H
#define XF_DATE_H
#include <stdbool.h>
#include <stddef.h>
#include "xf/error.h"

#define XF_DATE_LEN 11 /* "YYYY-MM-DD" + NUL */

/* Public holidays (days off that would be working days) and make-up working
 * days (调休: weekend days that are working days). Both sorted, unique,
 * owned by the calendar. */
struct xf_calendar {
    char (*holidays)[XF_DATE_LEN];
    size_t n_holidays;
    char (*workdays)[XF_DATE_LEN];
    size_t n_workdays;
};

/* True when s is exactly a real date "YYYY-MM-DD" (rejects 2026-02-30). */
bool xf_date_valid(const char *s);
/* A date written as spreadsheets and people write it: "2026/11/1",
 * "2026.11.01", "2026-11-1" or "2026年11月1日" (month and day of one or
 * two digits), and
 * whatever follows it (a time) kept: a malloc'd "2026-11-01..." copy, or
 * NULL when s does not start so (or is already YYYY-MM-DD). */
char *xf_date_normalize(const char *s);
/* A month written "2026-11", "2026/11", "2026.11" or "2026年11月" (of
 * one or two digits) as its first day, or its last when last is true
 * (2028-02 ends on the 29th), in out; false when s is not a month so
 * written. */
bool xf_date_month(const char *s, bool last, char out[XF_DATE_LEN]);
/* Validates s; on failure fills err naming field. */
int xf_date_check(const char *s, const char *field, struct xf_error *err);

/* A span of days, both ends included; an end NULL is open (NULL for the
 * whole span: all time). Reports count what happened within it. */
struct xf_period {
    const char *since, *until;
};
/* Both ends real days and in order; fields "since" / "until". */
int xf_period_check(const struct xf_period *p, struct xf_error *err);
/* Today's date, or the date forced by xf_date_set_today (tests, --today). */
void xf_date_today(char out[XF_DATE_LEN]);
/* Forces "today" for the whole process; NULL goes back to the clock.
 * Returns XF_EINVAL on a malformed date. */
int xf_date_set_today(const char *date);
/* True when today is forced (--today, XIANFENG_TODAY) to another day than
 * the clock's. */
bool xf_date_pretended(void);
/* Current timestamp "YYYY-MM-DD HH:MM:SS" (local), honouring a forced today. */
void xf_date_now(char out[20]);
/* A day ("YYYY-MM-DD...") in at most width cells for a list column: whole
 * from 10 cells; else "MM-DD" in today's year and "YY-MM-DD" in any other
 * (the year alone lost the day, and "02-05" of last year read as this
 * February); "" when width < 8 and the year differs, or day is short. */
void xf_date_short(const char *day, const char *today, int width, char out[XF_DATE_LEN]);
/* Days between two valid dates (b - a). */
long xf_date_diff(const char *a, const char *b);
/* a + n calendar days. */
void xf_date_add_days(const char *a, long n, char out[XF_DATE_LEN]);
/* True when date is a working day under cal (weekdays minus holidays, plus
 * make-up working days). cal may be NULL: plain Monday to Friday. */
bool xf_workday_is(const struct xf_calendar *cal, const char *date);
/* The date n working days after start (start itself not counted). For
 * n < 0 the way back: a date from which -n working days come to start
 * again, when start is a working day (where a deadline's clock began). */
void xf_workday_add(const struct xf_calendar *cal, const char *start, int n,
                    char out[XF_DATE_LEN]);
/* Working days from a to b (a < b: count of working days in (a, b]);
 * negative when b is before a. */
long xf_workday_diff(const struct xf_calendar *cal, const char *a, const char *b);
/* "2026Q3" syntax check and the quarter a date falls in. */
bool xf_quarter_valid(const char *q);
/* A quarter as people write it, "2026Q3" in out (7 bytes), returned:
 * 2026q3, 2026 Q3, 2026-Q3, full-width ２０２６Ｑ３, 2026年第三季度,
 * 2026年3季度. Any other q (NULL too) is returned as it is, for
 * xf_quarter_valid to judge. */
const char *xf_quarter_upper(const char *q, char out[7]);
void xf_quarter_of(const char *date, char out[7]);
/* The first day of q's last month, from which q's results are gathered
 * and may be entered, and q's last day; either may be NULL. False when q
 * is not a quarter. */
bool xf_quarter_days(const char *q, char opens[XF_DATE_LEN], char ends[XF_DATE_LEN]);
/* Adds a holiday or make-up workday; keeps the arrays sorted and unique. */
int xf_calendar_add(struct xf_calendar *cal, const char *date, bool workday,
                    struct xf_error *err);
/* True when cal lists public holidays in year: the State Council
 * publishes each year's, and a year without them counts 元旦 and 春节 as
 * working days. */
bool xf_calendar_covers(const struct xf_calendar *cal, int year);
/* The year whose holidays deadlines need and cal lacks: today's, or in
 * its last 31 days the next; 0 when none. *days: days to the next year. */
int xf_calendar_missing(const struct xf_calendar *cal, const char *today, long *days);
void xf_calendar_free(struct xf_calendar *cal);

#endif
