/* users, history and --remote: the administrator's commands. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "xf/date.h"
#include "xf/cli.h"
#include "xf/csv.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/table.h"
#include "xf/text.h"

static bool want_csv(const struct xf_cli *cli)
{
    return cli->format && strcmp(cli->format, "csv") == 0;
}

int xf_cmd_users(struct xf_cli *cli)
{
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    struct xf_table t = {0};
    struct xf_error err = {0};
    if (xf_history_users(cli->ctx, &t, want_csv(cli), &err) != XF_OK) {
        xf_table_free(&t);
        return xf_cli_fail(_("users"), &err);
    }
    if (want_csv(cli) && cli->bom)
        fputs(XF_CLI_BOM, stdout);
    if (want_csv(cli))
        xf_table_print_csv(&t, stdout);
    else
        xf_table_print_text(&t, stdout);
    xf_table_free(&t);
    if (cli->s.cfg.n_users == 0)
        fprintf(stderr, _("xianfeng: no users are configured, so the owner of the database "
                          "acts as admin and nobody else gets in; list users in %s\n"),
                xf_cli_safe(cli->s.cfg.source ? cli->s.cfg.source : XF_CONFIG_SYSTEM_PATH));
    return XF_EXIT_OK;
}

/* ---- history ---- */

/* Text is for people: "张伟 (zhang.wei)", as the interface names them. */
static void print_row_text(const struct xf_ctx *ctx, const struct xf_history_row *r,
                           const char *changes)
{
    char who[160];
    xf_ctx_person(ctx, r->actor ? r->actor : "", who, sizeof who);
    char *rec = xf_history_record(r);
    char *actor = xf_text_sanitize(who, false);
    char *action = xf_text_sanitize(xf_history_action_label(r->action), false);
    char *record = rec ? xf_text_sanitize(rec, false) : NULL, *at = xf_text_sanitize(r->at, false);
    char *client = xf_text_sanitize(r->client, false), *what = xf_text_sanitize(changes, false);
    bool remote = client && *client;
    printf("#%lld  %s  %s%s%s%s  %s  %s\n", (long long)r->id, at ? at : "", actor ? actor : "",
           remote ? " (" : "", remote ? client : "", remote ? ")" : "", record ? record : "",
           action ? action : "");
    if (what && *what)
        printf("    %s\n", what);
    free(rec);
    free(actor);
    free(action);
    free(record);
    free(at);
    free(client);
    free(what);
}

/* The identifiers stay for programs; record and what come last, for
 * people. */
static void print_row_csv(const struct xf_history_row *r, const char *changes)
{
    char id[24], eid[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(eid, sizeof eid, "%lld", (long long)r->entity_id);
    char *rec = xf_history_record(r);
    const char *f[] = {id, r->at, r->actor, r->client, r->entity, eid, r->action, changes,
                       rec ? rec : "", xf_history_action_label(r->action)};
    xf_csv_write_row(stdout, f, sizeof f / sizeof f[0]);
    free(rec);
}

struct history_query {
    const char *entity;
    int64_t entity_id;
    struct xf_history_filter filter;
};

static int fetch_page(struct xf_cli *cli, const struct history_query *q, int64_t after,
                      struct xf_history_row **rows, size_t *n, struct xf_error *err)
{
    if (q->entity)
        return xf_history_for(cli->ctx, q->entity, q->entity_id, after, XF_HISTORY_MAX_PAGE,
                              rows, n, err);
    return xf_history_all(cli->ctx, &q->filter, after, XF_HISTORY_MAX_PAGE, rows, n, err);
}

/* A record of the demo has no entry of its own, but one per table: said
 * as the interface says it (a bare "no history" read as a fault). */
static void say_none(struct xf_cli *cli, const struct history_query *q)
{
    struct xf_history_about about = {0};
    struct xf_error err = {0};
    if (q->entity && xf_history_about(cli->ctx, q->entity, q->entity_id, &about, &err) == XF_OK &&
        about.demo)
        printf("%s\n", _("This record was generated in bulk as demo data; there is no "
                          "record-by-record history."));
    else
        printf(_("no history\n"));
    xf_history_about_clear(&about);
}

/* The header in the user's language, as a report's and the users list's
 * are: the history is read, never imported, and its values (changes,
 * record, what) were already in that language under English names. The
 * identifier columns keep their codes for scripts; English stays as it
 * was. */
static void print_csv_head(void)
{
    static const char *const head[] = {
        NC_("history CSV", "id"),     NC_("history CSV", "at"),
        NC_("history CSV", "actor"),  NC_("history CSV", "client"),
        NC_("history CSV", "entity"), NC_("history CSV", "entity_id"),
        NC_("history CSV", "action"), NC_("history CSV", "changes"),
        NC_("history CSV", "record"), NC_("history CSV", "what"),
    };
    const char *f[sizeof head / sizeof head[0]];
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        f[i] = xf_gettext_ctx(head[i]);
    xf_csv_write_row(stdout, f, sizeof f / sizeof f[0]);
}

/* Streams every page, newest first, so a long history never sits in
 * memory whole. */
static int print_history(struct xf_cli *cli, const struct history_query *q)
{
    bool csv = want_csv(cli);
    int64_t after = 0;
    size_t total = 0;
    for (bool first = true;; first = false) {
        struct xf_history_row *rows = NULL;
        size_t n = 0;
        struct xf_error err = {0};
        if (fetch_page(cli, q, after, &rows, &n, &err) != XF_OK) {
            /* What they may read instead: "may not read the whole history"
             * answered --user admin, with no word of --user LOGIN. */
            if (err.code == XF_EPERM && !q->entity && cli->ctx->login) {
                char msg[sizeof err.msg];
                snprintf(msg, sizeof msg,
                         _("%s; you may read your own changes (--user %s) and one record's "
                           "history (--entity E --id X)"),
                         err.msg, cli->ctx->login);
                memcpy(err.msg, msg, sizeof msg);
            }
            return xf_cli_report_error(_("history"), &err);
        }
        /* the header once the first page is read: a refusal leaves no
         * file that looks like an empty history */
        if (first && csv && cli->bom) /* for Excel, which reads one without it as GBK */
            fputs(XF_CLI_BOM, stdout);
        if (first && csv)
            print_csv_head();
        for (size_t i = 0; i < n; i++) {
            char *changes = xf_history_changes(&rows[i]);
            if (csv)
                print_row_csv(&rows[i], changes ? changes : "");
            else
                print_row_text(&cli->s.ctx, &rows[i], changes ? changes : "");
            free(changes);
        }
        total += n;
        after = n ? rows[n - 1].id : 0;
        xf_history_rows_free(rows, n);
        if (n < XF_HISTORY_MAX_PAGE)
            break;
    }
    if (total == 0 && !csv)
        say_none(cli, q);
    return XF_EXIT_OK;
}

static int bad_usage(const char *what)
{
    fprintf(stderr, _("xianfeng: history: %s (see xianfeng --help)\n"), what);
    return XF_EXIT_USAGE;
}

/* History is kept by login; a user is also found by the name colleagues
 * know, as the History pane's filter finds them (张伟 said "--user takes
 * a login"). A login no longer configured (a user who has left) keeps
 * its history, so it is only noted. */
static int check_user(struct xf_cli *cli, bool all)
{
    const struct xf_config *cfg = &cli->s.cfg;
    const char *login = cli->user;
    struct xf_error err = {0};
    if (xf_history_user_login(cfg, cli->user, "user", all, &login, &err) != XF_OK) {
        char *name = xf_text_sanitize(err.msg, false);
        fprintf(stderr, _("xianfeng: history: --user: %s\n"), name ? name : "");
        free(name);
        return XF_EXIT_USAGE;
    }
    cli->user = login;
    if (all && cfg->n_users > 0 && !xf_config_user(cfg, login))
        fprintf(stderr, _("xianfeng: history: %s is not a configured user; showing what the "
                          "history holds under that login\n"),
                xf_cli_safe(cli->user));
    return 0;
}

int xf_cmd_history(struct xf_cli *cli)
{
    struct history_query q = {0};
    if (cli->entity || cli->id) {
        if (!cli->entity || !cli->id)
            return bad_usage(_("--entity and --id go together"));
        if (!xf_history_entity_parse(cli->entity))
            return bad_usage(_("--entity takes a kind of record: unit, member, project, post, "
                               "pledge, evaluation, complaint, inspection … or 单位, 党员, "
                               "先锋岗, 承诺, 投诉, 检查 …"));
        if (!*cli->id)
            return bad_usage(_("--id takes the record's code (e.g. TS2026-000258) or its "
                               "number"));
        if (cli->user || cli->since || cli->until)
            return bad_usage(_("--user, --since and --until filter the whole history, not "
                               "one record"));
    }
    struct xf_period period = {cli->since, cli->until};
    struct xf_error perr = {0};
    if (xf_period_check(&period, &perr)) /* named as typed, as export and report do */
        return xf_cli_option_error(_("history"), &perr);
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    /* Remarks on the login only for one who may read it: a refusal after
     * "showing what the history holds" contradicted it; other users of a
     * name are named only to those who may list users. */
    bool all = xf_perm_allows(cli->ctx, XF_P_HISTORY_ALL);
    if (cli->user && (rc = check_user(cli, all)))
        return rc;
    q.filter = (struct xf_history_filter){cli->user, cli->since, cli->until};
    if (cli->entity) {
        struct xf_error err = {0};
        if (xf_history_resolve(cli->ctx, cli->entity, cli->id, &q.entity, &q.entity_id, &err))
            return xf_cli_report_error(_("history"), &err);
    }
    return print_history(cli, &q);
}

/* ---- --remote ---- */

static bool host_ok(const char *h)
{
    if (!*h || *h == '-')
        return false;
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return false;
    return true;
}

/* ssh hands the remote command to the remote user's shell: quote what the
 * shell would split or expand. Caller frees. */
static char *shell_quote(const char *s)
{
    if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        "_-./:=@%+,") == strlen(s))
        return strdup(s);
    char *out = malloc(4 * strlen(s) + 3), *o = out;
    if (!out)
        return NULL;
    *o++ = '\'';
    for (; *s; s++) {
        if (*s == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else
            *o++ = *s;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

int xf_cli_remote(int argc, char **argv)
{
    if (argc < 1 || !host_ok(argv[0])) {
        fprintf(stderr, _("xianfeng: --remote needs a host name that does not start with '-', "
                          "e.g. xianfeng --remote zhang.wei@server -- report pledges\n"));
        return XF_EXIT_USAGE;
    }
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--") == 0)
        first = 2;
    char **args = calloc((size_t)(argc - first) + 5, sizeof *args);
    if (!args)
        return XF_EXIT_FAIL;
    size_t k = 0, fixed;
    args[k++] = "ssh";
    /* A terminal for the interface only: with one, a command's output came
     * back with \r\r\n line ends and the remote stderr in it. Without,
     * its stdout, stderr and exit status pass through as they are. */
    if (xf_cli_opens_interface(argc - first, argv + first))
        args[k++] = "-t";
    args[k++] = argv[0];
    args[k++] = "xianfeng";
    fixed = k;
    for (int i = first; i < argc; i++)
        if (!(args[k++] = shell_quote(argv[i]))) {
            fprintf(stderr, _("xianfeng: out of memory\n"));
            return XF_EXIT_FAIL;
        }
    fflush(NULL);
    /* main ignores SIGXFSZ for our own writes; ssh gets the default. */
    signal(SIGXFSZ, SIG_DFL);
    execvp("ssh", args);
    fprintf(stderr, _("xianfeng: cannot run ssh: %s\n"), strerror(errno));
    for (size_t i = fixed; i < k; i++)
        free(args[i]);
    free(args);
    return XF_EXIT_FAIL;
}
