/* Dates as "YYYY-MM-DD" and working-day arithmetic.
 *
 * All arithmetic goes through a day number (days since 1970-01-01, the
 * proleptic Gregorian calendar of Howard Hinnant's days_from_civil), never
 * through mktime(), so neither the server's time zone nor a DST switch can
 * move a deadline. */
#include "xf/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xf/i18n.h"
#include "xf/text.h"

static bool is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static bool digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

static bool parse_date(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
        return false;
    return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Day number of a valid date; false for anything else. */
static bool to_days(const char *s, long *z)
{
    int y, m, d;
    if (!parse_date(s, &y, &m, &d))
        return false;
    *z = days_from_civil(y, m, d);
    return true;
}

/* Writes day z, or "" when it falls outside years 1..9999 (which the
 * format cannot hold). */
static void from_days(long z, char out[XF_DATE_LEN])
{
    long y;
    int m, d;
    civil_from_days(z, &y, &m, &d);
    if (y < 1 || y > 9999) {
        out[0] = '\0';
        return;
    }
    snprintf(out, XF_DATE_LEN, "%04ld-%02d-%02d", y, m, d);
}

static size_t run_of_digits(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* " 9:06" or " 09:06:20" after a date, as " 09:06:00" / " 09:06:20" into
 * out (12 bytes); false when rest is not such a time. */
static bool normal_time(const char *rest, char out[12])
{
    if (rest[0] != ' ')
        return false;
    size_t h = run_of_digits(rest + 1, 2);
    const char *p = rest + 1 + h;
    if (h == 0 || p[0] != ':' || run_of_digits(p + 1, 2) != 2)
        return false;
    const char *sec = p[3] == ':' && run_of_digits(p + 4, 2) == 2 ? p + 4 : NULL;
    if ((sec ? sec[2] : p[3]) != '\0')
        return false;
    snprintf(out, 12, " %s%.*s:%.2s:%.2s", h == 1 ? "0" : "", (int)h, rest + 1, p + 1,
             sec ? sec : "00");
    return true;
}

/* "2026年3月5日 9:06" as "2026-3-5 9:06" (the 日, or 号, may be left out), in a
 * malloc'd copy; NULL when s is not so written. */
static char *cjk_date(const char *s)
{
    static const char nian[] = "\u5e74", yue[] = "\u6708", ri[] = "\u65e5", hao[] = "\u53f7";
    if (run_of_digits(s, 4) != 4 || strncmp(s + 4, nian, 3) != 0)
        return NULL;
    const char *mo = s + 7;
    size_t m = run_of_digits(mo, 2);
    if (m == 0 || strncmp(mo + m, yue, 3) != 0)
        return NULL;
    const char *day = mo + m + 3;
    size_t d = run_of_digits(day, 2);
    if (d == 0)
        return NULL;
    const char *rest = day + d;
    if (strncmp(rest, ri, 3) == 0 || strncmp(rest, hao, 3) == 0)
        rest += 3;
    char *out = NULL;
    if (asprintf(&out, "%.4s-%.*s-%.*s%s", s, (int)m, mo, (int)d, day, rest) < 0)
        return NULL;
    return out;
}

char *xf_date_normalize(const char *s)
{
    char *cjk = s ? cjk_date(s) : NULL;
    if (cjk) {
        char *full = xf_date_normalize(cjk);
        if (!full)
            return cjk; /* was 2026年03月05日: already as stored once written so */
        free(cjk);
        return full;
    }
    if (!s || run_of_digits(s, 4) != 4)
        return NULL;
    char sep = s[4];
    if (sep != '/' && sep != '.' && sep != '-')
        return NULL;
    size_t m = run_of_digits(s + 5, 2);
    if (m == 0 || s[5 + m] != sep)
        return NULL;
    size_t d = run_of_digits(s + 6 + m, 2);
    const char *rest = s + 6 + m + d;
    if (d == 0 || (*rest >= '0' && *rest <= '9'))
        return NULL;
    char tm[12] = "";
    bool timed = *rest && normal_time(rest, tm);
    if (sep == '-' && m == 2 && d == 2 && (!timed || strcmp(tm, rest) == 0))
        return NULL; /* already as stored */
    const char *tail = timed ? tm : rest;
    size_t len = strlen(tail);
    char *out = malloc(10 + len + 1);
    if (!out)
        return NULL;
    snprintf(out, 11 + len, "%.4s-%s%.*s-%s%.*s%s", s, m == 1 ? "0" : "", (int)m, s + 5,
             d == 1 ? "0" : "", (int)d, s + 6 + m, tail);
    return out;
}

bool xf_date_month(const char *s, bool last, char out[XF_DATE_LEN])
{
    static const char nian[] = "\u5e74", yue[] = "\u6708";
    if (!s || run_of_digits(s, 4) != 4)
        return false;
    bool cjk = strncmp(s + 4, nian, 3) == 0;
    if (!cjk && s[4] != '-' && s[4] != '/' && s[4] != '.')
        return false;
    const char *mo = s + (cjk ? 7 : 5);
    size_t n = run_of_digits(mo, 2);
    int y, m;
    if (n == 0 || strcmp(mo + n, cjk ? yue : "") != 0 || !digits(s, 4, &y) ||
        !digits(mo, n, &m) || y < 1 || m < 1 || m > 12)
        return false;
    from_days(days_from_civil(y, m, last ? days_in_month(y, m) : 1), out);
    return true;
}

bool xf_date_valid(const char *s)
{
    int y, m, d;
    return parse_date(s, &y, &m, &d);
}

int xf_date_check(const char *s, const char *field, struct xf_error *err)
{
    if (xf_date_valid(s))
        return XF_OK;
    /* Written right but a day the month lacks (a sheet's 2026-02-30): "not
     * a real date written YYYY-MM-DD" sent a clerk looking at the format. */
    int y, m, d;
    if (s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &y) &&
        digits(s + 5, 2, &m) && digits(s + 8, 2, &d) && y >= 1 && m >= 1 && m <= 12 &&
        d > days_in_month(y, m))
        return xf_err(err, XF_EINVAL, field,
                      _("\u201c%s\u201d is not a real date: %04d-%02d has only %d days"), s, y,
                      m, days_in_month(y, m));
    /* A date cell saved as a number (a column formatted "General"): the
     * spreadsheet's day number, counted from 1899-12-30, said as such and
     * as the day it most likely is. */
    if (s && strlen(s) == 5 && digits(s, 5, &d) && d >= 20000 && d <= 80000) {
        char day[XF_DATE_LEN];
        from_days(days_from_civil(1899, 12, 30) + d, day);
        return xf_err(err, XF_EINVAL, field,
                      _("\u201c%s\u201d is a spreadsheet's day number (%s?), not a date; format "
                        "the column as a date, YYYY-MM-DD, and save the file again"),
                      s, day);
    }
    /* The value said back, so that a line of an import with several dates
     * shows which one; not a long one (the message would be all value). */
    size_t chars = 0;
    for (const char *p = s; p && *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars > 0 && chars <= 24) /* characters: ２０２６－０１－０５ is 30 bytes */
        return xf_err(err, XF_EINVAL, field,
                      _("\u201c%s\u201d is not a real date written YYYY-MM-DD (for example "
                        "2026-03-01)"),
                      s);
    return xf_err(err, XF_EINVAL, field, "%s",
                  _("not a real date written YYYY-MM-DD (for example 2026-03-01)"));
}

int xf_period_check(const struct xf_period *p, struct xf_error *err)
{
    if (!p)
        return XF_OK;
    int rc = p->since ? xf_date_check(p->since, "since", err) : XF_OK;
    if (!rc && p->until)
        rc = xf_date_check(p->until, "until", err);
    if (!rc && p->since && p->until && strcmp(p->since, p->until) > 0)
        rc = xf_err(err, XF_EINVAL, "until", _("the period ends (%s) before it begins (%s)"),
                    p->until, p->since);
    return rc;
}

/* ---- today ------------------------------------------------------------- */

static struct {
    bool env_read; /* XIANFENG_TODAY looked at (only once) */
    bool forced;
    char date[XF_DATE_LEN];
} today_state;

/* XIANFENG_TODAY pins the date for tests; a malformed value is ignored
 * rather than silently turning every deadline to nonsense. */
static void read_env_once(void)
{
    if (today_state.env_read)
        return;
    today_state.env_read = true;
    const char *env = getenv("XIANFENG_TODAY");
    if (env && xf_date_valid(env)) {
        memcpy(today_state.date, env, XF_DATE_LEN);
        today_state.forced = true;
    }
}

int xf_date_set_today(const char *date)
{
    if (date && !xf_date_valid(date))
        return XF_EINVAL;
    today_state.env_read = true; /* an explicit choice wins over the env */
    today_state.forced = date != NULL;
    if (date)
        memcpy(today_state.date, date, XF_DATE_LEN);
    return XF_OK;
}

static void local_now(struct tm *tm)
{
    time_t t = time(NULL);
    if (!localtime_r(&t, tm))
        memset(tm, 0, sizeof *tm);
}

void xf_date_today(char out[XF_DATE_LEN])
{
    read_env_once();
    if (today_state.forced) {
        memcpy(out, today_state.date, XF_DATE_LEN);
        return;
    }
    struct tm tm;
    local_now(&tm);
    if (strftime(out, XF_DATE_LEN, "%Y-%m-%d", &tm) == 0)
        out[0] = '\0';
}

bool xf_date_pretended(void)
{
    read_env_once();
    if (!today_state.forced)
        return false;
    struct tm tm;
    char real[XF_DATE_LEN];
    local_now(&tm);
    return strftime(real, sizeof real, "%Y-%m-%d", &tm) == 0 ||
           strcmp(real, today_state.date) != 0;
}

/* With a forced date the time of day still comes from the clock, so the
 * order of events recorded during one test run stays visible. */
void xf_date_now(char out[20])
{
    struct tm tm;
    xf_date_today(out);
    local_now(&tm);
    out[10] = ' ';
    if (strftime(out + 11, 9, "%H:%M:%S", &tm) == 0)
        memcpy(out + 11, "00:00:00", 9);
}

/* ---- calendar arithmetic ----------------------------------------------- */

long xf_date_diff(const char *a, const char *b)
{
    long za, zb;
    if (!to_days(a, &za) || !to_days(b, &zb))
        return 0;
    return zb - za;
}

void xf_date_add_days(const char *a, long n, char out[XF_DATE_LEN])
{
    long z;
    if (!to_days(a, &z)) {
        out[0] = '\0';
        return;
    }
    from_days(z + n, out);
}

static long floor_div(long a, long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* 0 = Monday .. 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday(long z)
{
    return (int)(z + 3 - 7 * floor_div(z + 3, 7));
}

static bool is_weekend(long z)
{
    return weekday(z) >= 5;
}

/* Number of Mondays-to-Fridays in (-inf, z] counted from an arbitrary
 * Monday; only differences of it mean anything. */
static long weekdays_upto(long z)
{
    long t = z - 4; /* day 4 (1970-01-05) was a Monday */
    long q = floor_div(t, 7), r = t - 7 * q;
    return 5 * q + (r + 1 < 5 ? r + 1 : 5);
}

static int cmp_date(const void *a, const void *b)
{
    return strcmp(a, b);
}

static bool in_list(char (*list)[XF_DATE_LEN], size_t n, const char *date)
{
    return n > 0 && bsearch(date, list, n, XF_DATE_LEN, cmp_date) != NULL;
}

/* Index of the first entry >= date. */
static size_t lower_bound(char (*list)[XF_DATE_LEN], size_t n, const char *date)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(list[mid], date) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool workday_z(const struct xf_calendar *cal, long z, const char *date)
{
    if (cal && in_list(cal->workdays, cal->n_workdays, date))
        return true;
    if (is_weekend(z))
        return false;
    return !(cal && in_list(cal->holidays, cal->n_holidays, date));
}

bool xf_workday_is(const struct xf_calendar *cal, const char *date)
{
    long z;
    return to_days(date, &z) && workday_z(cal, z, date);
}

void xf_workday_add(const struct xf_calendar *cal, const char *start, int n, char out[XF_DATE_LEN])
{
    long z;
    if (!to_days(start, &z)) {
        out[0] = '\0';
        return;
    }
    char day[XF_DATE_LEN];
    memcpy(day, start, XF_DATE_LEN);
    for (int left = n; left > 0 && day[0];) {
        from_days(++z, day);
        left -= day[0] && workday_z(cal, z, day);
    }
    /* Back: each working day left behind counts, start included. */
    for (int left = -n; left > 0 && day[0];) {
        left -= workday_z(cal, z, day);
        from_days(--z, day);
    }
    memcpy(out, day, XF_DATE_LEN);
}

/* Working days in (a, b] for day numbers za <= zb: the weekdays, less the
 * holidays that fall on a weekday, plus the make-up days on a weekend. */
static long workdays_between(const struct xf_calendar *cal, long za, long zb, const char *a,
                             const char *b)
{
    long count = weekdays_upto(zb) - weekdays_upto(za);
    if (!cal)
        return count;
    size_t i = lower_bound(cal->holidays, cal->n_holidays, a);
    for (; i < cal->n_holidays && strcmp(cal->holidays[i], b) <= 0; i++) {
        long z;
        if (strcmp(cal->holidays[i], a) > 0 && to_days(cal->holidays[i], &z) && !is_weekend(z) &&
            !in_list(cal->workdays, cal->n_workdays, cal->holidays[i]))
            count--;
    }
    i = lower_bound(cal->workdays, cal->n_workdays, a);
    for (; i < cal->n_workdays && strcmp(cal->workdays[i], b) <= 0; i++) {
        long z;
        if (strcmp(cal->workdays[i], a) > 0 && to_days(cal->workdays[i], &z) && is_weekend(z))
            count++;
    }
    return count;
}

long xf_workday_diff(const struct xf_calendar *cal, const char *a, const char *b)
{
    long za, zb;
    if (!to_days(a, &za) || !to_days(b, &zb))
        return 0;
    if (za <= zb)
        return workdays_between(cal, za, zb, a, b);
    return -workdays_between(cal, zb, za, b, a);
}

/* ---- quarters ---------------------------------------------------------- */

bool xf_quarter_valid(const char *q)
{
    int y;
    return q && strlen(q) == 6 && digits(q, 4, &y) && y >= 1 && q[4] == 'Q' && q[5] >= '1' &&
           q[5] <= '4';
}

/* The quarter's number after the year and its separators: "Q3", "第三
 * 季度", "3季度"; 0 when p says none, or says more after it. */
static int quarter_number(const char *p)
{
    static const char *const cn[] = {"\u4e00", "\u4e8c", "\u4e09", "\u56db"}; /* 一二三四 */
    if (!strncmp(p, "\u7b2c", 3)) /* 第 */
        p += 3;
    int n = 0;
    bool q = *p == 'Q' || *p == 'q';
    if (q)
        p++;
    if (*p >= '1' && *p <= '4')
        n = *p++ - '0';
    for (int i = 0; !n && !q && i < 4; i++)
        if (!strncmp(p, cn[i], 3))
            n = i + 1, p += 3;
    if (!q && !strncmp(p, "\u5b63\u5ea6", 6)) /* 季度 */
        p += 6;
    else if (!q && !strncmp(p, "\u5b63", 3)) /* 季 */
        p += 3;
    else if (!q)
        return 0;
    return *p ? 0 : n;
}

const char *xf_quarter_upper(const char *q, char out[7])
{
    char buf[64];
    if (!q || strlen(q) >= sizeof buf)
        return q;
    snprintf(buf, sizeof buf, "%s", q);
    xf_text_halfwidth_ascii(buf);
    const char *p = buf;
    for (int i = 0; i < 4; i++)
        if (p[i] < '0' || p[i] > '9')
            return q;
    p += 4;
    while (*p == ' ' || *p == '-')
        p++;
    if (!strncmp(p, "\u5e74", 3)) /* 年 */
        p += 3;
    int n = quarter_number(p);
    if (!n)
        return q;
    snprintf(out, 7, "%.4sQ%c", buf, (char)('0' + n)); /* n is 1..4: a digit (no truncation) */
    return out;
}

void xf_quarter_of(const char *date, char out[7])
{
    int y, m, d;
    if (!parse_date(date, &y, &m, &d)) {
        out[0] = '\0';
        return;
    }
    memcpy(out, date, 4);
    out[4] = 'Q';
    out[5] = (char)('1' + (m - 1) / 3);
    out[6] = '\0';
}

bool xf_quarter_days(const char *q, char opens[XF_DATE_LEN], char ends[XF_DATE_LEN])
{
    if (!xf_quarter_valid(q))
        return false;
    int y = 0, last = 3 * (q[5] - '0');
    digits(q, 4, &y);
    if (opens)
        from_days(days_from_civil(y, last, 1), opens);
    if (ends)
        from_days(days_from_civil(y, last, days_in_month(y, last)), ends);
    return true;
}

/* ---- calendar building ------------------------------------------------- */

static int list_insert(char (**list)[XF_DATE_LEN], size_t *n, const char *date,
                       struct xf_error *err)
{
    size_t at = lower_bound(*list, *n, date);
    if (at < *n && strcmp((*list)[at], date) == 0)
        return XF_OK;
    char(*grown)[XF_DATE_LEN] = realloc(*list, (*n + 1) * sizeof **list);
    if (!grown)
        return xf_err(err, XF_EIO, NULL, "%s", _("out of memory"));
    memmove(grown + at + 1, grown + at, (*n - at) * sizeof *grown);
    memcpy(grown[at], date, XF_DATE_LEN);
    *list = grown;
    (*n)++;
    return XF_OK;
}

int xf_calendar_add(struct xf_calendar *cal, const char *date, bool workday, struct xf_error *err)
{
    const char *field = workday ? "workdays" : "holidays";
    int rc = xf_date_check(date, field, err);
    if (rc != XF_OK)
        return rc;
    long z = 0;
    /* A make-up day on a Monday to Friday changes nothing and is always a
     * slip (the 12th typed for the 10th): the real make-up Saturday would
     * silently stay a day off and move every deadline over it. */
    if (workday && to_days(date, &z) && !is_weekend(z))
        return xf_err(err, XF_EINVAL, field,
                      _("%s is a Monday to Friday, a working day anyway: a make-up working day "
                        "(调休) is a Saturday or Sunday"),
                      date);
    bool clash = workday ? in_list(cal->holidays, cal->n_holidays, date)
                         : in_list(cal->workdays, cal->n_workdays, date);
    if (clash)
        return xf_err(err, XF_EINVAL, field,
                      _("%s is listed both as a holiday and as a make-up working day"), date);
    if (workday)
        return list_insert(&cal->workdays, &cal->n_workdays, date, err);
    return list_insert(&cal->holidays, &cal->n_holidays, date, err);
}

int xf_calendar_missing(const struct xf_calendar *cal, const char *today, long *days)
{
    int year = atoi(today);
    char next_year[16];
    snprintf(next_year, sizeof next_year, "%04d-01-01", (year + 1) % 10000);
    *days = xf_date_diff(today, next_year);
    if (!xf_calendar_covers(cal, year))
        return year;
    return *days <= 31 && !xf_calendar_covers(cal, year + 1) ? year + 1 : 0;
}

bool xf_calendar_covers(const struct xf_calendar *cal, int year)
{
    if (year < 1 || year > 9998)
        return false;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    size_t i = lower_bound(cal->holidays, cal->n_holidays, from);
    return i < cal->n_holidays && strcmp(cal->holidays[i], to) < 0;
}

void xf_calendar_free(struct xf_calendar *cal)
{
    if (!cal)
        return;
    free(cal->holidays);
    free(cal->workdays);
    memset(cal, 0, sizeof *cal);
}

void xf_date_short(const char *day, const char *today, int width, char out[XF_DATE_LEN])
{
    out[0] = '\0';
    if (!day || strlen(day) < 10)
        return;
    if (width >= 10)
        snprintf(out, XF_DATE_LEN, "%.10s", day);
    else if (today && strncmp(day, today, 4) == 0)
        snprintf(out, XF_DATE_LEN, "%.5s", day + 5);
    else if (width >= 8)
        snprintf(out, XF_DATE_LEN, "%.8s", day + 2);
}
