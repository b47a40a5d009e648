/* Shared by the command-line files only. */
#ifndef XF_CLI_INTERNAL_H
#define XF_CLI_INTERNAL_H
#include <stdbool.h>
#include <sys/types.h>

#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/db.h"
#include "xf/session.h"

struct xf_cli {
    const char *db_path, *config_path, *format, *quarter, *scale, *today, *login;
    char quarter_buf[7]; /* --quarter 2026q3 as 2026Q3 */
    char since_buf[11], until_buf[11], today_buf[11]; /* 2026/11/1 as 2026-11-01 */
    int depth;
    int year; /* --year: report awards; 0 = this year */
    const char *year_arg;
    unsigned seed;
    const char *seed_arg; /* --seed as typed, checked by validate_options */
    const char *entity, *id, *user, *since, *until; /* history filters */
    int help, version;
    int yes; /* --yes: restore without asking */
    int bom; /* --bom: CSV output starts with a UTF-8 byte-order mark */
    int force; /* --force: export over an existing file */
    /* The command's change is committed (or its file written): what fails
     * after it, such as standard output, is a warning, not exit 1, or a
     * cron job would take a saved import for a failed one. */
    bool saved;
    unsigned given; /* XF_OPT_ bits of the command options given */
    char **args;
    int nargs;
    struct xf_session s;
    struct xf_db *db;       /* s.db once opened */
    struct xf_ctx *ctx;     /* &s.ctx once opened */
};

/* Options that belong to some commands only: another command refuses
 * them rather than quietly ignore them. */
enum {
    XF_OPT_FORMAT = 1 << 0,
    XF_OPT_BOM = 1 << 1,
    XF_OPT_FORCE = 1 << 2,
    XF_OPT_DEPTH = 1 << 3,
    XF_OPT_QUARTER = 1 << 4,
    XF_OPT_SCALE = 1 << 5,
    XF_OPT_SEED = 1 << 6,
    XF_OPT_YES = 1 << 7,
    XF_OPT_ENTITY = 1 << 8, /* the history filters */
    XF_OPT_ID = 1 << 9,
    XF_OPT_USER = 1 << 10,
    XF_OPT_SINCE = 1 << 11,
    XF_OPT_UNTIL = 1 << 12,
    XF_OPT_YEAR = 1 << 13,
    XF_OPT_FILTERS = XF_OPT_ENTITY | XF_OPT_ID | XF_OPT_USER | XF_OPT_SINCE | XF_OPT_UNTIL,
};

struct xf_cli_cmd {
    const char *name, *help, *usage;
    int (*run)(struct xf_cli *cli);
    int min_args, max_args;
    unsigned opts; /* the XF_OPT_ bits it takes */
};

/* The UTF-8 byte-order mark --bom puts before CSV output: Excel, as
 * Chinese offices open CSV files, takes a file without it for GBK. */
#define XF_CLI_BOM "\xEF\xBB\xBF"

/* Opens the database (--db or the config's path) and the acting user's
 * context; prints the reason and returns an exit code on failure. */
int xf_cli_open(struct xf_cli *cli, int flags);
/* Prints err to stderr (sanitised) and returns the matching exit code. */
int xf_cli_report_error(const char *what, const struct xf_error *err);
/* Same, always returning XF_EXIT_FAIL: for runtime failures. */
int xf_cli_fail(const char *what, const struct xf_error *err);
/* xf_cli_report_error for an error about a command-line option: its
 * field is named as typed ("--since: ..."). */
int xf_cli_option_error(const char *what, struct xf_error *err);
const char *xf_cli_kind_names(void);
/* A scope code of the user's that names no unit (a typo in the
 * configuration) makes reports and exports quietly empty: said on stderr,
 * in the words the interface uses. After xf_cli_open. */
void xf_cli_warn_scope(const struct xf_cli *cli);
/* s cleaned for the terminal (xf_text_sanitize): for echoing arguments and
 * paths, which may hold escape sequences. The last four results stay
 * valid; xf_cli_safe(NULL) frees them all and returns "". */
const char *xf_cli_safe(const char *s);
/* After what (the command, translated) wrote path as mode, always the
 * owner's to read and write: whatever of that the umask mask withheld
 * was put back, and is said on stderr each time (nothing when none). */
void xf_cli_owner_mode_note(const char *what, const char *path, mode_t mode, mode_t mask);

int xf_cmd_init(struct xf_cli *cli);
int xf_cmd_demo(struct xf_cli *cli);
int xf_cmd_import(struct xf_cli *cli);
int xf_cmd_export(struct xf_cli *cli);
int xf_cmd_report(struct xf_cli *cli);
int xf_cmd_check(struct xf_cli *cli);
int xf_cmd_backup(struct xf_cli *cli);
int xf_cmd_restore(struct xf_cli *cli);
int xf_cmd_users(struct xf_cli *cli);
int xf_cmd_history(struct xf_cli *cli);
/* `xianfeng --remote [user@]host [-- args]`: argv after "--remote". Runs
 * ssh host xianfeng args... in place of this process (ssh -t when the
 * arguments open the interface); returns an exit code only when that
 * cannot start. */
int xf_cli_remote(int argc, char **argv);
/* Whether xianfeng run with these arguments (after the program's name)
 * opens the interface: no command, no --help, no --version. */
bool xf_cli_opens_interface(int argc, char **argv);

#endif
