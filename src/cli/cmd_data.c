/* demo, report and check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "xf/award.h"
#include "xf/cli.h"
#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/demo.h"
#include "xf/evaluation.h"
#include "xf/fscheck.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/overview.h"
#include "xf/pledge.h"
#include "xf/pledge_tally.h"
#include "xf/post.h"
#include "xf/search.h"
#include "xf/table.h"
#include "xf/text.h"
#include "xf/unit.h"

int xf_cmd_demo(struct xf_cli *cli)
{
    struct xf_error err = {0};
    enum xf_demo_scale scale;
    if (xf_demo_scale_parse(cli->scale ? cli->scale : "small", &scale, &err) != XF_OK)
        return xf_cli_report_error(NULL, &err);
    int rc = xf_cli_open(cli, XF_DB_CREATE);
    if (rc)
        return rc;
    struct xf_demo_stats st;
    if (xf_demo_generate(cli->ctx, scale, cli->seed, &st, &err) != XF_OK) {
        xf_cli_report_error(_("demo"), &err);
        return XF_EXIT_FAIL;
    }
    cli->saved = true;
    printf(_("demo (%s) written to %s in %.1f s: %ld units, %ld members, %ld posts, "
             "%ld pledges, %ld complaints, %ld inspections\n"),
           xf_demo_scale_name(scale), xf_cli_safe(xf_db_path(cli->db)), st.seconds, st.rows[XF_BULK_UNIT],
           st.rows[XF_BULK_MEMBER], st.rows[XF_BULK_POST], st.rows[XF_BULK_PLEDGE],
           st.rows[XF_BULK_COMPLAINT], st.rows[XF_BULK_INSPECTION]);
    return XF_EXIT_OK;
}

static int report_pledges(struct xf_cli *cli, const char *today, struct xf_table *t,
                          struct xf_error *err)
{
    return xf_pledge_report(cli->ctx, today, cli->depth, t, err);
}

static struct xf_period period_of(const struct xf_cli *cli)
{
    return (struct xf_period){cli->since, cli->until};
}

static int report_complaints(struct xf_cli *cli, const char *today, struct xf_table *t,
                             struct xf_error *err)
{
    struct xf_period p = period_of(cli);
    return xf_complaint_report_states(cli->ctx, today, &p, t, err);
}

static int report_units(struct xf_cli *cli, const char *today, struct xf_table *t,
                        struct xf_error *err)
{
    struct xf_period p = period_of(cli);
    return xf_complaint_report_units(cli->ctx, today, &p, t, err);
}

static int report_inspections(struct xf_cli *cli, const char *today, struct xf_table *t,
                              struct xf_error *err)
{
    (void)today;
    struct xf_period p = period_of(cli);
    return xf_inspection_report(cli->ctx, &p, t, err);
}

static int report_evaluations(struct xf_cli *cli, const char *today, struct xf_table *t,
                              struct xf_error *err)
{
    (void)today;
    return xf_evaluation_report(cli->ctx, cli->quarter, t, err);
}

static int report_posts(struct xf_cli *cli, const char *today, struct xf_table *t,
                        struct xf_error *err)
{
    (void)today;
    return xf_post_report_status(cli->ctx, t, err);
}

static int report_awards(struct xf_cli *cli, const char *today, struct xf_table *t,
                         struct xf_error *err)
{
    return xf_award_report(cli->ctx, cli->year ? cli->year : atoi(today), t, err);
}

static const struct {
    const char *name;
    int (*fill)(struct xf_cli *, const char *, struct xf_table *, struct xf_error *);
    bool dated; /* takes --since/--until */
} reports[] = {
    {"pledges", report_pledges, false},         {"complaints", report_complaints, true},
    {"units", report_units, true},              {"inspections", report_inspections, true},
    {"evaluations", report_evaluations, false}, {"posts", report_posts, false},
    {"awards", report_awards, false},
};

int xf_cmd_report(struct xf_cli *cli)
{
    size_t i = 0, n = sizeof reports / sizeof reports[0];
    while (i < n && strcmp(reports[i].name, cli->args[0]) != 0)
        i++;
    if (i == n) {
        fprintf(stderr, _("xianfeng: unknown report '%s'; reports are: pledges, complaints, "
                          "units, inspections, evaluations, posts, awards\n"),
                xf_cli_safe(cli->args[0]));
        return XF_EXIT_USAGE;
    }
    const char *only = (cli->given & XF_OPT_DEPTH) && strcmp(reports[i].name, "pledges")
                           ? "--depth"
                       : (cli->given & XF_OPT_QUARTER) && strcmp(reports[i].name, "evaluations")
                           ? "--quarter"
                       : (cli->given & XF_OPT_YEAR) && strcmp(reports[i].name, "awards")
                           ? "--year"
                       : (cli->given & XF_OPT_SINCE) && !reports[i].dated ? "--since"
                       : (cli->given & XF_OPT_UNTIL) && !reports[i].dated ? "--until"
                                                                          : NULL;
    if (only) {
        fprintf(stderr, _("xianfeng: report %s does not take %s\n"), reports[i].name, only);
        return XF_EXIT_USAGE;
    }
    struct xf_error perr = {0};
    struct xf_period period = period_of(cli);
    if (xf_period_check(&period, &perr))
        return xf_cli_option_error(_("report"), &perr);
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    xf_cli_warn_scope(cli);
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_table t = {0};
    struct xf_error err = {0};
    if (reports[i].fill(cli, today, &t, &err) != XF_OK) {
        xf_table_free(&t);
        xf_cli_report_error(_("report"), &err);
        return XF_EXIT_FAIL;
    }
    if (cli->format && strcmp(cli->format, "csv") == 0) {
        if (cli->bom)
            fputs(XF_CLI_BOM, stdout);
        xf_table_print_csv(&t, stdout);
    } else {
        /* A scoped user's figures are their units': the title says so. */
        char *scope = xf_unit_scope_names(cli->ctx), *title = NULL;
        if (scope && asprintf(&title, "%s \u2014 %s", t.title, scope) >= 0) {
            free(t.title);
            t.title = title;
        }
        free(scope);
        xf_table_print_text(&t, stdout);
        if (t.nrows == 0) /* a title and heads alone read as a failure */
            printf("%s\n", _("(nothing yet)"));
    }
    xf_table_free(&t);
    return XF_EXIT_OK;
}

static void print_attention(const struct xf_overview *o)
{
    /* Those not overdue now only because their deadline moved after it
     * had passed, in the Overview's words: the overdue count alone hid
     * them. */
    if (o->complaints_extended_late > 0)
        printf(_("complaints: %lld open, %lld overdue (and %lld extended after overdue), %lld "
                 "supervised\n"),
               (long long)o->complaints_open, (long long)o->complaints_overdue,
               (long long)o->complaints_extended_late, (long long)o->complaints_supervised);
    else
        printf(_("complaints: %lld open, %lld overdue, %lld supervised\n"),
               (long long)o->complaints_open, (long long)o->complaints_overdue,
               (long long)o->complaints_supervised);
    printf(_("pledges: %lld made, %lld kept, %lld overdue\n"), (long long)o->pledges_made,
           (long long)o->pledges_kept, (long long)o->pledges_overdue);
    printf(_("rectifications: %lld open, %lld overdue, %lld to verify\n"),
           (long long)o->rectifications_open, (long long)o->rectifications_overdue,
           (long long)o->rectifications_to_verify);
}

/* File permissions: each problem on its own line. Returns 1 when one of
 * them stops other users from writing (check then exits 1), else 0. */
static int print_permissions(struct xf_cli *cli)
{
    struct xf_fs_report rep = {0};
    struct xf_error err = {0};
    if (xf_fscheck(xf_db_path(cli->db), &cli->s.cfg, NULL, &rep, &err) != XF_OK) {
        xf_session_path_field(cli->db_path, &err);
        xf_cli_report_error(_("check"), &err);
        return 1;
    }
    if (rep.n == 0)
        printf(_("permissions: ok\n"));
    for (size_t i = 0; i < rep.n; i++)
        printf(rep.items[i].blocks_writes ? _("permissions: PROBLEM: %s\n")
                                          : _("permissions: warning: %s\n"),
               rep.items[i].text);
    int blocks = xf_fs_report_blocks(&rep);
    xf_fs_report_free(&rep);
    return blocks;
}

static void print_unknown_scope(void *arg, const char *login, const char *code)
{
    (void)arg;
    printf(_("users: warning: %s's scope %s names no unit; they see nothing of it\n"),
           xf_cli_safe(login), xf_cli_safe(code));
}

static void print_unbacked(void *arg, const char *code, const char *named_on, int64_t evaluated)
{
    (*(int *)arg)++;
    /* An import takes a named post as it stands, evaluations or not: "any
     * more (one was corrected)" sent people looking for a correction. */
    if (evaluated == 0)
        printf(_("posts: warning: %s, named on %s, has no evaluation at all (a post is named "
                 "after passing one): review its naming\n"),
               xf_cli_safe(code), named_on);
    else
        printf(_("posts: warning: %s, named on %s, has no passing evaluation any more (one was "
                 "corrected to a fail): review its naming\n"),
               xf_cli_safe(code), named_on);
}

static void print_revoked_unbacked(void *arg, const char *code, const char *revoked_on,
                                   const char *quarters)
{
    (*(int *)arg)++;
    char *list = xf_text_list_sep(quarters ? quarters : "", xf_gettext_ctx(NC_("list", ", ")));
    printf(_("posts: warning: %s, revoked on %s, no longer has the failed evaluations the rules "
             "revoke for (%s corrected to a pass): review the revocation; it stands, and the post "
             "can come back only as a new post\n"),
           xf_cli_safe(code), revoked_on, list ? xf_cli_safe(list) : "");
    free(list);
}

/* Deadlines count working days from the configured holidays: a year with
 * none listed silently counts 元旦 and 春节 as working days. Said for this
 * year, and in December for the next. */
static int print_calendar(struct xf_cli *cli, const char *today)
{
    const struct xf_calendar *cal = &cli->s.cfg.calendar;
    int year = atoi(today);
    long days;
    int missing = xf_calendar_missing(cal, today, &days);
    bool now = missing != year,
         soon = missing != year + 1 && (now || days > 31 || xf_calendar_covers(cal, year + 1));
    /* A deadline set by hand (an answer date) may lie in a year no month
     * of warning has reached yet: the years the open deadlines use. */
    int years[16];
    size_t n = 0;
    struct xf_error err = {0};
    if (xf_complaint_deadline_years_unlisted(cli->ctx, today, years, 16, &n, &err) != XF_OK)
        return xf_cli_fail(_("check"), &err);
    char list[128] = "";
    size_t used = 0, listed = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++) {
        if ((years[i] == year && !now) || (years[i] == year + 1 && !soon))
            continue; /* said below */
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%d",
                                 listed++ ? xf_gettext_ctx(NC_("list", ", ")) : "", years[i]);
    }
    if (listed)
        printf(_("calendar: warning: no public holidays are listed for %s, where deadlines of "
                 "open complaints fall: those deadlines count the holidays as working days; add "
                 "them to calendar.holidays in the configuration\n"),
               list);
    if (!now)
        printf(_("calendar: warning: no public holidays are listed for %d; deadlines count "
                 "them as working days: add them to calendar.holidays in the configuration\n"),
               year);
    if (!soon)
        printf(ngettext("calendar: warning: no public holidays are listed yet for %d, %ld day "
                        "from now: add them to calendar.holidays when they are published\n",
                        "calendar: warning: no public holidays are listed yet for %d, %ld days "
                        "from now: add them to calendar.holidays when they are published\n",
                        (unsigned long)days),
               year + 1, days);
    if (now && soon && !listed)
        printf(_("calendar: ok (public holidays listed for %d)\n"), year);
    return 0;
}

/* Data kept by triggers (the search index, the tallies) must agree
 * with the records it is derived from. */
static bool derived_data_ok(struct xf_cli *cli)
{
    struct xf_error err = {0};
    /* SQLite checks a full-text index with a write statement: on a
     * database the user may only read, that part cannot run. */
    int src = xf_search_check(cli->ctx, &err);
    if (src == XF_EPERM && cli->s.look_only) { /* the reason is --today, not the file */
        printf(_("search index: not checked (nothing is written while --today pretends "
                 "another day)\n"));
    } else if (src == XF_EPERM) {
        printf(_("search index: not checked (the database is read-only for you)\n"));
    } else if (src == XF_EBUSY) { /* an import at the time is not damage */
        printf(_("search index: not checked (another user was writing; run check again "
                 "later)\n"));
    } else if (src != XF_OK) {
        printf(_("search index: PROBLEM: %s\n"), err.msg);
        return false;
    }
    int64_t wrong = 0;
    if (xf_pledge_tally_check(cli->ctx, &wrong, &err) != XF_OK) {
        printf(_("pledge tally: not checked: %s\n"), err.msg);
    } else if (wrong > 0) {
        printf(_("pledge tally: PROBLEM: the counts of %lld units differ from their pledges\n"),
               (long long)wrong);
        return false;
    }
    if (xf_overview_tally_check(cli->ctx, &wrong, &err) != XF_OK) {
        printf(_("overview counts: not checked: %s\n"), err.msg);
    } else if (wrong > 0) {
        printf(_("overview counts: PROBLEM: %lld counts differ from the records\n"),
               (long long)wrong);
        return false;
    }
    if (xf_member_dept_check(cli->ctx, &wrong, &err) != XF_OK) {
        printf(_("members by department: not checked: %s\n"), err.msg);
    } else if (wrong > 0) {
        printf(_("members by department: PROBLEM: %lld rows differ from the members\n"),
               (long long)wrong);
        return false;
    }
    return true;
}

/* Integrity first (exit 1 when damaged), then file permissions (exit 1,
 * after the rest, when other users could not write), then what falls due,
 * then the posts that the rules propose for revocation. */
int xf_cmd_check(struct xf_cli *cli)
{
    struct xf_error err = {0};
    int rc = xf_session_open_db(&cli->s, cli->db_path, 0, &err);
    if (rc == XF_ECORRUPT) {
        /* Too damaged to open is what check is for: report it as such. */
        printf(_("integrity: PROBLEMS\n%s\n"), xf_cli_safe(err.msg));
        return XF_EXIT_FAIL;
    }
    if (rc)
        return xf_cli_report_error(NULL, &err) == XF_EXIT_USAGE ? XF_EXIT_USAGE : XF_EXIT_FAIL;
    cli->db = cli->s.db;
    cli->ctx = &cli->s.ctx;
    xf_err_clear(&err);
    char *problems = NULL, today[XF_DATE_LEN];
    /* A schema too damaged to even run the check is a problem to report
     * here, where people look for it, not a failure of the command. */
    if (xf_db_integrity(cli->db, &problems, &err) != XF_OK) {
        printf(_("integrity: PROBLEMS\n%s\n"), xf_cli_safe(err.msg));
        return XF_EXIT_FAIL;
    }
    if (problems) {
        printf(_("integrity: PROBLEMS\n%s"), problems);
        free(problems);
        return XF_EXIT_FAIL;
    }
    if (!derived_data_ok(cli))
        return XF_EXIT_FAIL;
    printf(_("integrity: ok\n"));
    int blocked = print_permissions(cli);
    if (xf_unit_unknown_scopes(cli->ctx, print_unknown_scope, NULL, &err) != XF_OK)
        return xf_cli_fail(_("check"), &err);
    xf_date_today(today);
    struct xf_overview o;
    if (xf_overview_get(cli->ctx, today, &o, &err) != XF_OK)
        return xf_cli_fail(_("check"), &err);
    print_attention(&o);
    int unbacked = 0;
    if (xf_post_named_unbacked(cli->ctx, print_unbacked, &unbacked, &err) != XF_OK)
        return xf_cli_fail(_("check"), &err);
    if (unbacked == 0)
        printf(_("named posts: ok (each has a passing evaluation)\n"));
    int unrevoked = 0;
    if (xf_post_revoked_unbacked(cli->ctx, print_revoked_unbacked, &unrevoked, &err) != XF_OK)
        return xf_cli_fail(_("check"), &err);
    if (unrevoked == 0)
        printf(_("revoked posts: ok (no failure behind a revocation was corrected to a pass)\n"));
    if (print_calendar(cli, today))
        return 1;
    struct xf_table t = {0};
    if (xf_post_revocation_candidates(cli->ctx, &t, &err) != XF_OK) {
        xf_table_free(&t);
        return xf_cli_fail(_("check"), &err);
    }
    if (t.nrows == 0)
        printf(_("revocation candidates: none\n"));
    else
        xf_table_print_text(&t, stdout);
    xf_table_free(&t);
    /* An award stays confirmed through what befalls its post after: the
     * organiser reopens and declines it, or confirms it again. */
    if (xf_award_review(cli->ctx, &t, &err) != XF_OK) {
        xf_table_free(&t);
        return xf_cli_fail(_("check"), &err);
    }
    if (t.nrows == 0)
        printf(_("awards: ok (no confirmed award's post failed an evaluation or was revoked "
                 "since)\n"));
    else
        xf_table_print_text(&t, stdout);
    xf_table_free(&t);
    return blocked ? XF_EXIT_FAIL : XF_EXIT_OK;
}
