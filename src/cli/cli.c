/* Command line: option parsing, identity, and the subcommand table. */
#include "xf/cli.h"

#include <getopt.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "xf/csv.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/unit.h"
#include "xf/words.h"

static const struct xf_cli_cmd commands[] = {
    {"init", N_("create an empty database"), "init", xf_cmd_init, 0, 0, 0},
    {"demo", N_("fill a new database with realistic demo data"),
     "demo [--scale small|city] [--seed N]", xf_cmd_demo, 0, 0, XF_OPT_SCALE | XF_OPT_SEED},
    {"import", N_("import a CSV file (all rows or none)"), "import KIND FILE", xf_cmd_import, 2,
     2, 0},
    {"export", N_("export records as CSV"),
     "export KIND [FILE] [--bom] [--force] [--since DATE] [--until DATE] [--quarter Q]",
     xf_cmd_export, 1, 2, XF_OPT_BOM | XF_OPT_FORCE | XF_OPT_SINCE | XF_OPT_UNTIL | XF_OPT_QUARTER},
    {"report", N_("print a report as text or CSV"),
     "report pledges|complaints|units|inspections|evaluations|posts|awards [--format csv]"
     " [--bom] [--depth N (pledges)] [--quarter Q (evaluations)]"
     " [--since DATE] [--until DATE (complaints, units, inspections)] [--year Y (awards)]",
     xf_cmd_report, 1, 1,
     XF_OPT_FORMAT | XF_OPT_BOM | XF_OPT_DEPTH | XF_OPT_QUARTER | XF_OPT_SINCE | XF_OPT_UNTIL |
         XF_OPT_YEAR},
    {"check", N_("check integrity, deadlines and revocation candidates"), "check",
     xf_cmd_check, 0, 0, 0},
    {"backup", N_("copy the database safely while others work"), "backup FILE",
     xf_cmd_backup, 1, 1, 0},
    {"restore", N_("replace the database with a backup, keeping a copy first (admin; "
        "--yes: do not ask)"),
     "restore FILE [--yes]", xf_cmd_restore, 1, 1, XF_OPT_YES},
    {"users", N_("list the configured users and when each last changed something"),
     "users [--format csv] [--bom]", xf_cmd_users, 0, 0, XF_OPT_FORMAT | XF_OPT_BOM},
    {"history", N_("who changed what: one record's history, or everything (admin)"),
     "history [--entity E --id CODE] [--user U] [--since DATE] [--until DATE] [--format csv]"
     " [--bom]",
     xf_cmd_history, 0, 0, XF_OPT_FILTERS | XF_OPT_FORMAT | XF_OPT_BOM},
    {NULL, NULL, NULL, NULL, 0, 0, 0},
};

static const struct {
    unsigned bit;
    const char *name;
} option_names[] = {
    {XF_OPT_FORMAT, "--format"}, {XF_OPT_BOM, "--bom"},       {XF_OPT_FORCE, "--force"},
    {XF_OPT_DEPTH, "--depth"},   {XF_OPT_QUARTER, "--quarter"}, {XF_OPT_SCALE, "--scale"},
    {XF_OPT_SEED, "--seed"},     {XF_OPT_YES, "--yes"},       {XF_OPT_ENTITY, "--entity"},
    {XF_OPT_ID, "--id"},         {XF_OPT_USER, "--user"},     {XF_OPT_SINCE, "--since"},
    {XF_OPT_UNTIL, "--until"},   {XF_OPT_YEAR, "--year"},
};

const char *xf_cli_safe(const char *s)
{
    static char *ring[4];
    static size_t next;
    if (!s) {
        for (size_t i = 0; i < 4; i++) {
            free(ring[i]);
            ring[i] = NULL;
        }
        return "";
    }
    free(ring[next]);
    ring[next] = xf_text_sanitize(s, false);
    const char *r = ring[next] ? ring[next] : "";
    next = (next + 1) % 4;
    return r;
}

void xf_cli_owner_mode_note(const char *what, const char *path, mode_t mode, mode_t mask)
{
    if ((mask & 0600) == 0600)
        fprintf(stderr,
                _("xianfeng: %s: %s is readable and writable by you (mode %04o): your umask "
                  "%04o would have kept you from reading or writing it\n"),
                what, xf_cli_safe(path), (unsigned)mode, (unsigned)mask);
    else if (mask & 0400)
        fprintf(stderr,
                _("xianfeng: %s: %s is readable and writable by you (mode %04o): your umask "
                  "%04o would have kept you from reading it\n"),
                what, xf_cli_safe(path), (unsigned)mode, (unsigned)mask);
    else if (mask & 0200)
        fprintf(stderr,
                _("xianfeng: %s: %s is readable and writable by you (mode %04o): your umask "
                  "%04o would have kept you from writing to it\n"),
                what, xf_cli_safe(path), (unsigned)mode, (unsigned)mask);
}

/* `xianfeng COMMAND --help`: that command's usage and what it does, the
 * kinds it takes, and where the options are explained. */
static bool command_usage(FILE *f, const char *name)
{
    for (const struct xf_cli_cmd *c = commands; c->name; c++) {
        if (strcmp(c->name, name) != 0)
            continue;
        fprintf(f, _("Usage: xianfeng [OPTIONS] %s\n  %s\n"), c->usage, _(c->help));
        if (!strcmp(c->name, "import") || !strcmp(c->name, "export"))
            fprintf(f, _("\nKinds: %s\n"), xf_cli_kind_names());
        /* What a new administrator asks first: which columns, and where. */
        if (!strcmp(c->name, "import"))
            fprintf(f, _("\nThe file's first line names its columns, as 'xianfeng export KIND' "
                         "writes them:\nan export is the template. A FILE of - reads standard "
                         "input.\n"));
        if (!strcmp(c->name, "export"))
            fprintf(f, _("\nWithout FILE, or with -, the CSV goes to standard output.\n"));
        fprintf(f, _("\nThe options and exit status: xianfeng --help\n"));
        return true;
    }
    return false;
}

static void usage(FILE *f)
{
    fprintf(f, _("Usage: xianfeng [OPTIONS] [COMMAND [ARGS]]\n"
                 "With no command, opens the interface.\n\nCommands:\n"));
    for (const struct xf_cli_cmd *c = commands; c->name; c++)
        fprintf(f, "  %s\n      %s\n", c->usage, _(c->help));
    fprintf(f, _("\nKinds for import/export: %s\n"), xf_cli_kind_names());
    fprintf(f, _("\nDates for --since and --until: 2026-11-02, 2026/11/2 or 2026年11月2日;\n"
                 "a month (2026-11, 2026年11月) stands for its first day after --since,\n"
                 "its last after --until.\n"));
    fprintf(f, _("\nOptions:\n"
                 "  --db PATH         database file (default: database.path in the config)\n"
                 "  --config FILE     configuration file (else $XIANFENG_CONFIG, then %s)\n"
                 "  --format text|csv output of report, users and history (default text)\n"
                 "  --bom             CSV output (export, report, users, history) starts with\n"
                 "                    a byte-order mark, so that Excel reads it as UTF-8\n"
                 "  --force           export over an existing FILE (never over a database\n"
                 "                    or the config)\n"
                 "  --depth N         report pledges down to unit depth N (default 1)\n"
                 "  --quarter Q       evaluation quarter, e.g. 2026Q3 (report or export\n"
                 "                    evaluations)\n"
                 "  --year Y          the year of report awards (default: this year)\n"
                 "  --scale S         demo size: small (default) or city\n"
                 "  --seed N          demo random seed, 0 to 4294967295 (default 1)\n"
                 "  --today DATE      pretend today is DATE (YYYY-MM-DD), for tests\n"
                 "  --login NAME      act as NAME (only for the service account)\n"
                 "  --entity E --id CODE  history of one record, by its code as shown\n"
                 "                    (E: complaint, post, ...; --id TS2026-000042)\n"
                 "  --user U          history of one user's changes\n"
                 "  --since DATE, --until DATE  history, or an export of complaints,\n"
                 "                    inspections, pledges or improvements, between these\n"
                 "                    days (inclusive); the complaints, units and\n"
                 "                    inspections reports of what came in between them\n"
                 "  --yes             restore without asking first\n"
                 "  --remote [USER@]HOST [-- ARGS]  run xianfeng on HOST over ssh (with a\n"
                 "                    terminal, -t, for the interface)\n"
                 "  -h, --help        this help\n"
                 "  -V, --version     version\n"
                 "\nExit status: 0 ok, 1 failure, 2 bad usage or configuration; under\n"
                 "--remote, 255 when ssh itself fails.\n"),
            XF_CONFIG_SYSTEM_PATH);
}

/* The configured interface.language, before the messages about the
 * command line itself: they come before the session that would set it.
 * A config that does not load says so later, in its own words. */
static void config_language(const struct xf_cli *cli)
{
    struct xf_config cfg;
    struct xf_error err = {0};
    if (xf_config_load(cli->config_path, &cfg, &err) == XF_OK && cfg.language && *cfg.language)
        setenv("LANGUAGE", cfg.language, 1);
    xf_config_free(&cfg);
}

/* What a month stands for where a day is asked: --since 2026-11 is the
 * 1st, --until 2026-11 the 30th; --today takes none. */
enum month_as { NO_MONTH, MONTH_FIRST_DAY, MONTH_LAST_DAY };

/* A day as the forms take it (2026/11/1, 2026年11月1日, and the full-width
 * digits and hyphens of a Chinese input method, ２０２６－１１－０２), or
 * a month as month_as says, written out as YYYY-MM-DD into buf (11
 * bytes); anything else is left for the check, as typed. */
static const char *as_date(const char *arg, char *buf, enum month_as month)
{
    char *half = strdup(arg);
    if (!half)
        return arg;
    xf_text_halfwidth_ascii(half);
    char *full = xf_date_normalize(half);
    const char *date = full ? full : half;
    bool ok = xf_date_valid(date);
    if (ok)
        memcpy(buf, date, 11);
    else if (month != NO_MONTH)
        ok = xf_date_month(half, month == MONTH_LAST_DAY, buf);
    free(full);
    free(half);
    return ok ? buf : arg;
}

enum { O_DB = 256, O_CONFIG, O_FORMAT, O_DEPTH, O_QUARTER, O_SCALE, O_SEED, O_TODAY,
       O_LOGIN, O_ENTITY, O_ID, O_USER, O_SINCE, O_UNTIL, O_YES, O_BOM, O_FORCE, O_YEAR };
static const struct option opts[] = {
    {"db", required_argument, NULL, O_DB},
    {"config", required_argument, NULL, O_CONFIG},
    {"format", required_argument, NULL, O_FORMAT},
    {"depth", required_argument, NULL, O_DEPTH},
    {"quarter", required_argument, NULL, O_QUARTER},
    {"scale", required_argument, NULL, O_SCALE},
    {"seed", required_argument, NULL, O_SEED},
    {"today", required_argument, NULL, O_TODAY},
    {"login", required_argument, NULL, O_LOGIN},
    {"entity", required_argument, NULL, O_ENTITY},
    {"id", required_argument, NULL, O_ID},
    {"user", required_argument, NULL, O_USER},
    {"since", required_argument, NULL, O_SINCE},
    {"until", required_argument, NULL, O_UNTIL},
    {"yes", no_argument, NULL, O_YES},
    {"bom", no_argument, NULL, O_BOM},
    {"force", no_argument, NULL, O_FORCE},
    {"year", required_argument, NULL, O_YEAR},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The long option a word names as getopt_long reads it ("--db=x",
 * "--conf" for --config): an exact name, else the one it begins; NULL
 * when none or several. */
static const struct option *long_option(const char *word)
{
    size_t len = strcspn(word, "=");
    const struct option *found = NULL;
    int n = 0;
    for (const struct option *o = opts; o->name; o++) {
        if (strncmp(o->name, word, len) != 0)
            continue;
        if (strlen(o->name) == len)
            return o;
        found = o;
        n++;
    }
    return n == 1 ? found : NULL;
}

bool xf_cli_opens_interface(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0)
            return i + 1 >= argc;
        if (a[0] != '-' || a[1] == '\0')
            return false; /* a command (getopt_long takes it from anywhere) */
        if (a[1] != '-') {
            if (strpbrk(a + 1, "hV"))
                return false;
            continue;
        }
        const struct option *o = long_option(a + 2);
        if (o && (o->val == 'h' || o->val == 'V'))
            return false;
        if (o && o->has_arg == required_argument && !strchr(a, '='))
            i++; /* its value, whatever it looks like */
    }
    return true;
}

static int parse_options(int argc, char **argv, struct xf_cli *cli)
{
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        switch (c) {
        case O_DB: cli->db_path = optarg; break;
        case O_CONFIG: cli->config_path = optarg; break;
        case O_FORMAT: cli->format = optarg; cli->given |= XF_OPT_FORMAT; break;
        case O_DEPTH: cli->depth = atoi(optarg); cli->given |= XF_OPT_DEPTH; break;
        case O_QUARTER:
            cli->quarter = xf_quarter_upper(optarg, cli->quarter_buf);
            cli->given |= XF_OPT_QUARTER;
            break;
        case O_SCALE: cli->scale = optarg; cli->given |= XF_OPT_SCALE; break;
        case O_SEED: cli->seed_arg = optarg; cli->given |= XF_OPT_SEED; break;
        case O_TODAY: cli->today = as_date(optarg, cli->today_buf, NO_MONTH); break;
        case O_LOGIN: cli->login = optarg; break;
        case O_ENTITY: cli->entity = optarg; cli->given |= XF_OPT_ENTITY; break;
        case O_ID: cli->id = optarg; cli->given |= XF_OPT_ID; break;
        case O_USER: cli->user = optarg; cli->given |= XF_OPT_USER; break;
        case O_SINCE:
            cli->since = as_date(optarg, cli->since_buf, MONTH_FIRST_DAY);
            cli->given |= XF_OPT_SINCE;
            break;
        case O_UNTIL:
            cli->until = as_date(optarg, cli->until_buf, MONTH_LAST_DAY);
            cli->given |= XF_OPT_UNTIL;
            break;
        case O_YES: cli->yes = 1; cli->given |= XF_OPT_YES; break;
        case O_BOM: cli->bom = 1; cli->given |= XF_OPT_BOM; break;
        case O_FORCE: cli->force = 1; cli->given |= XF_OPT_FORCE; break;
        case O_YEAR: cli->year_arg = optarg; cli->given |= XF_OPT_YEAR; break;
        case 'h': cli->help = 1; break;
        case 'V': cli->version = 1; break;
        default:
            config_language(cli);
            fprintf(stderr, _("xianfeng: unknown or incomplete option '%s'\n"),
                    xf_cli_safe(argv[optind - 1]));
            return -1;
        }
    }
    cli->args = argv + optind;
    cli->nargs = argc - optind;
    return 0;
}

/* ---- a command asked over ssh, under a forced command ---- */

/* What the forced command's identity may not be told to change: the
 * server chooses the user, the database and the configuration. */
static const char *server_option(const struct xf_cli *req)
{
    return req->login ? "--login" : req->db_path ? "--db" : req->today ? "--today" : NULL;
}

/* Commands that read or write files on the server as the account sshd
 * runs (the service account's keys, the database directory), or make
 * databases: for the administrator on the server itself. */
static bool server_command(const char *name)
{
    return !strcmp(name, "init") || !strcmp(name, "demo") || !strcmp(name, "backup") ||
           !strcmp(name, "restore");
}

/* Whether the command asked over ssh may run; says why not. */
static bool ssh_command_allowed(const struct xf_cli *req, const char *config)
{
    bool same_config = req->config_path == config ||
                       (req->config_path && config && !strcmp(req->config_path, config));
    const char *opt = !same_config ? "--config" : server_option(req);
    if (opt) {
        fprintf(stderr, _("xianfeng: over ssh, %s is the server's to choose: it is left as "
                          "the administrator set it for your key\n"), opt);
        return false;
    }
    const char *name = req->nargs ? req->args[0] : "";
    if (server_command(name)) {
        fprintf(stderr, _("xianfeng: %s is not taken over ssh: the administrator runs it on "
                          "the server (doc/DEPLOY.md)\n"), name);
        return false;
    }
    if (!strcmp(name, "export") && req->nargs == 3 && strcmp(req->args[2], "-")) {
        fprintf(stderr, _("xianfeng: over ssh, export writes to standard output only: leave "
                          "out the file name (ssh … export %s > FILE)\n"),
                xf_cli_safe(req->args[1]));
        return false;
    }
    if (!strcmp(name, "import") && req->nargs == 3 && strcmp(req->args[2], "-")) {
        fprintf(stderr, _("xianfeng: over ssh, import reads standard input only: give - as "
                          "the file (ssh … import %s - < FILE)\n"),
                xf_cli_safe(req->args[1]));
        return false;
    }
    return true;
}

static bool names_this_program(const char *word)
{
    const char *base = strrchr(word, '/');
    return !strcmp(base ? base + 1 : word, "xianfeng");
}

/* sshd runs a forced command (command="xianfeng --login NAME" in
 * authorized_keys, or ForceCommand) instead of what the person asked
 * for, and hands that over in $SSH_ORIGINAL_COMMAND: `ssh xianfeng@server
 * report complaints` opened the interface, and failed for want of a
 * terminal. It is taken as this program's arguments, split as a shell
 * would but never run by one, after the forced command's own: it may not
 * change who, which database or configuration, nor run a command that
 * handles files on the server. 0 when taken (cli parsed again) or when
 * nothing was asked; -1, said why, when refused. *words and *all are the
 * strings cli now points into, for the caller to free. */
static int take_ssh_command(int argc, char **argv, struct xf_cli *cli, char ***words,
                            char ***all)
{
    const char *asked = getenv("SSH_ORIGINAL_COMMAND");
    int n = 0;
    struct xf_error err = {0};
    if (!asked || !*asked)
        return 0;
    if (xf_words_split(asked, words, &n, &err) != XF_OK) {
        config_language(cli);
        fprintf(stderr, _("xianfeng: the command given over ssh: %s\n"), err.msg);
        return -1;
    }
    int skip = n > 0 && names_this_program((*words)[0]);
    if (n - skip == 0)
        return 0;
    /* argv[0], the forced command's arguments, then the words asked */
    if (!(*all = calloc((size_t)(argc + n - skip) + 1, sizeof **all)))
        return -1;
    char **req_argv = *all; /* the words alone first, to see what they ask */
    req_argv[0] = argv[0];
    memcpy(req_argv + 1, *words + skip, (size_t)(n - skip) * sizeof *req_argv);
    struct xf_cli req = {.depth = 1, .seed = 1, .config_path = cli->config_path};
    optind = 0;
    if (parse_options(n - skip + 1, req_argv, &req) != 0)
        return -1;
    if (!ssh_command_allowed(&req, cli->config_path)) {
        config_language(cli);
        return -1;
    }
    memcpy(*all, argv, (size_t)argc * sizeof **all);
    memcpy(*all + argc, *words + skip, (size_t)(n - skip) * sizeof **all);
    (*all)[argc + n - skip] = NULL;
    *cli = (struct xf_cli){.depth = 1, .seed = 1};
    optind = 0;
    return parse_options(argc + n - skip, *all, cli);
}

/* Four digits, 2000 to 2100 (a slip of 206 or 20266 is not a year). */
static bool year_valid(const char *s, int *out)
{
    char digits[16];
    if (strlen(s) >= sizeof digits)
        return false;
    snprintf(digits, sizeof digits, "%s", s);
    xf_text_halfwidth_ascii(digits); /* ２０２６, as a Chinese input method types it */
    if (strlen(digits) != 4 || strspn(digits, "0123456789") != 4)
        return false;
    *out = atoi(digits);
    return *out >= 2000 && *out <= 2100;
}

/* A demo seed: digits only, 0 to UINT_MAX (the generator's seed is an
 * unsigned). strtoul took "x" as 0 and wrapped "-1" and numbers past the
 * range into a seed no one asked for. */
static bool seed_valid(const char *s, unsigned *out)
{
    char digits[16];
    if (strlen(s) >= sizeof digits)
        return false;
    snprintf(digits, sizeof digits, "%s", s);
    xf_text_halfwidth_ascii(digits);
    if (!*digits || strspn(digits, "0123456789") != strlen(digits))
        return false;
    errno = 0;
    unsigned long v = strtoul(digits, NULL, 10);
    if (errno == ERANGE || v > UINT_MAX)
        return false;
    *out = (unsigned)v;
    return true;
}

/* A bad option value is told with what the option takes: "bad value"
 * alone sent people to --help to learn that --today wants YYYY-MM-DD. */
static int validate_options(struct xf_cli *cli)
{
    const char *bad = NULL, *value = NULL, *wants = NULL;
    if (cli->format && strcmp(cli->format, "text") && strcmp(cli->format, "csv"))
        bad = "--format", value = cli->format, wants = N_("text or csv");
    else if (cli->scale && strcmp(cli->scale, "small") && strcmp(cli->scale, "city"))
        bad = "--scale", value = cli->scale, wants = N_("small or city");
    else if (cli->depth < 1 || cli->depth > 20)
        bad = "--depth", wants = N_("a whole number from 1 to 20");
    else if (cli->today && xf_date_set_today(cli->today) != XF_OK)
        bad = "--today", value = cli->today, wants = N_("a date as YYYY-MM-DD");
    else if (cli->quarter && !xf_quarter_valid(cli->quarter))
        bad = "--quarter", value = cli->quarter, wants = N_("a quarter such as 2026Q3");
    else if (cli->year_arg && !year_valid(cli->year_arg, &cli->year))
        bad = "--year", value = cli->year_arg, wants = N_("a year such as 2026");
    else if (cli->seed_arg && !seed_valid(cli->seed_arg, &cli->seed))
        bad = "--seed", value = cli->seed_arg,
        wants = N_("a whole number from 0 to 4294967295");
    if (!bad)
        return 0;
    config_language(cli);
    char *clean = value ? xf_text_sanitize(value, false) : NULL;
    if (clean)
        fprintf(stderr, _("xianfeng: %s takes %s, not \"%s\"\n"), bad, _(wants), clean);
    else
        fprintf(stderr, _("xianfeng: %s takes %s\n"), bad, _(wants));
    free(clean);
    return -1;
}

int xf_cli_report_error(const char *what, const struct xf_error *err)
{
    char buf[800];
    char *clean = xf_text_sanitize(xf_err_str(err, buf, sizeof buf), false);
    /* The prefix is translated too: a Chinese message reads with full-width
     * colons throughout (it read "xianfeng: 备份: …"). */
    if (what)
        fprintf(stderr, _("xianfeng: %s: %s\n"), xf_cli_safe(what), clean);
    else
        fprintf(stderr, _("xianfeng: %s\n"), clean);
    free(clean);
    return err->code == XF_ECONFIG || err->code == XF_EINVAL ? XF_EXIT_USAGE : XF_EXIT_FAIL;
}

int xf_cli_option_error(const char *what, struct xf_error *err)
{
    /* The field is the option as typed ("--since"), not a column name */
    char field[sizeof err->field];
    if (err->field[0] && snprintf(field, sizeof field, "--%s", err->field) < (int)sizeof field)
        memcpy(err->field, field, sizeof field);
    return xf_cli_report_error(what, err);
}

int xf_cli_fail(const char *what, const struct xf_error *err)
{
    xf_cli_report_error(what, err);
    return XF_EXIT_FAIL;
}

int xf_cli_open(struct xf_cli *cli, int flags)
{
    struct xf_error err = {0};
    if (xf_session_open_db(&cli->s, cli->db_path, flags, &err) != XF_OK) {
        xf_cli_report_error(NULL, &err);
        return err.code == XF_ECONFIG ? XF_EXIT_USAGE : XF_EXIT_FAIL;
    }
    cli->db = cli->s.db;
    cli->ctx = &cli->s.ctx;
    return XF_EXIT_OK;
}

void xf_cli_warn_scope(const struct xf_cli *cli)
{
    const char *code = xf_unit_own_unknown_scope(cli->ctx);
    if (!code)
        return;
    char msg[600];
    snprintf(msg, sizeof msg,
             _("Your units include %s, which is no unit's code: you may see less than you "
               "should; ask the administrator to correct the configuration."),
             xf_cli_safe(code));
    fprintf(stderr, _("xianfeng: %s\n"), msg);
}

static int run_command(struct xf_cli *cli)
{
    const char *name = cli->args[0];
    for (const struct xf_cli_cmd *c = commands; c->name; c++) {
        if (strcmp(c->name, name) != 0)
            continue;
        int n = cli->nargs - 1;
        if (n < c->min_args || n > c->max_args) {
            fprintf(stderr, _("Usage: xianfeng %s\n"), c->usage);
            return XF_EXIT_USAGE;
        }
        unsigned extra = cli->given & ~c->opts;
        for (size_t i = 0; extra && i < sizeof option_names / sizeof option_names[0]; i++)
            if (extra & option_names[i].bit) {
                fprintf(stderr, _("xianfeng: %s does not take %s\nUsage: xianfeng %s\n"),
                        c->name, option_names[i].name, c->usage);
                return XF_EXIT_USAGE;
            }
        cli->args++;
        cli->nargs--;
        return c->run(cli);
    }
    fprintf(stderr, _("xianfeng: unknown command '%s' (see xianfeng --help)\n"),
            xf_cli_safe(name));
    return XF_EXIT_USAGE;
}

static int run_main(struct xf_cli *cli, struct xf_front_opts *ui, int *want_ui)
{
    if (cli->help) {
        if (cli->nargs == 0 || !command_usage(stdout, cli->args[0]))
            usage(stdout);
        return XF_EXIT_OK;
    }
    if (cli->version) {
        printf("xianfeng %s\n", XF_VERSION);
        return XF_EXIT_OK;
    }
    if (validate_options(cli) != 0)
        return XF_EXIT_USAGE;
    struct xf_error err = {0};
    if (xf_session_start(&cli->s, cli->config_path, cli->login, &err) != XF_OK) {
        int rc = xf_cli_report_error(NULL, &err);
        xf_session_end(&cli->s);
        return err.code == XF_EPERM ? XF_EXIT_FAIL : rc;
    }
    int rc = XF_EXIT_OK;
    if (cli->nargs == 0) {
        *want_ui = 1;
        *ui = (struct xf_front_opts){cli->config_path, cli->db_path, cli->login, NULL};
        /* The interface goes on with this session: reading the
         * configuration again doubled the start's work on it. */
        if ((ui->started = malloc(sizeof *ui->started)) != NULL) {
            *ui->started = cli->s;
            memset(&cli->s, 0, sizeof cli->s);
        }
    }
    else {
        /* CSV read off the screen: data that reached the database before
         * its checks (an old backup restored) must not drive the terminal. */
        if (isatty(STDOUT_FILENO))
            xf_csv_terminal(stdout);
        rc = run_command(cli);
    }
    /* A report to a full disk is not a report: cron must hear of it
     * (export checks its own file; this is standard output). */
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == XF_EXIT_OK) {
        if (cli->saved) {
            fprintf(stderr,
                    _("xianfeng: warning: cannot write the output: %s; what the command did "
                      "is saved\n"),
                    strerror(errno));
        } else {
            fprintf(stderr, _("xianfeng: cannot write the output: %s\n"), strerror(errno));
            rc = XF_EXIT_FAIL;
        }
    }
    xf_session_end(&cli->s);
    xf_cli_safe(NULL);
    return rc;
}

int xf_cli_main(int argc, char **argv, struct xf_front_opts *ui, int *want_ui)
{
    struct xf_cli cli = {.depth = 1, .seed = 1};
    *want_ui = 0;
    /* Before anything else: the remote side reads its own config. */
    if (argc > 1 && strcmp(argv[1], "--remote") == 0)
        return xf_cli_remote(argc - 2, argv + 2);
    if (parse_options(argc, argv, &cli) != 0)
        return XF_EXIT_USAGE;
    char **ssh_words = NULL, **ssh_argv = NULL;
    if (cli.nargs == 0 && !cli.help && !cli.version &&
        take_ssh_command(argc, argv, &cli, &ssh_words, &ssh_argv) != 0) {
        xf_words_free(ssh_words);
        free(ssh_argv);
        return XF_EXIT_USAGE;
    }
    int rc = run_main(&cli, ui, want_ui);
    xf_words_free(ssh_words);
    free(ssh_argv);
    return rc;
}
