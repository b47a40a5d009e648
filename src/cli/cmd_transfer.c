/* import and export. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "xf/cli.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/transfer.h"

/* The kinds with the words the interface and history use for them, taken
 * in every locale as history --entity takes them: a clerk types 单位
 * whatever LANGUAGE the administrator's shell has. */
static const struct {
    const char *name, *label, *zh;
} kind_words[] = {
    {"units", NC_("kind", "units"), "单位"},
    {"members", NC_("kind", "members"), "党员"},
    {"projects", NC_("kind", "projects"), "重点项目"},
    {"posts", NC_("kind", "posts"), "先锋岗"},
    {"evaluations", NC_("kind", "evaluations"), "测评"},
    {"pledges", NC_("kind", "pledges"), "承诺"},
    {"complaints", NC_("kind", "complaints"), "投诉"},
    {"inspections", NC_("kind", "inspections"), "检查"},
    {"improvements", NC_("kind", "improvements"), "服务改进"},
};
#define N_KIND_WORDS (sizeof kind_words / sizeof kind_words[0])

/* The kind as the user's language names it ("已导入 投诉：…"), the same
 * word as the command takes in English. */
static const char *kind_label(const char *name)
{
    for (size_t i = 0; i < N_KIND_WORDS; i++)
        if (strcmp(name, kind_words[i].name) == 0)
            return xf_gettext_ctx(kind_words[i].label);
    return name;
}

/* The kinds, each with its word in the user's language where that differs
 * (units（单位）、members（党员）): a Chinese clerk may type either. */
const char *xf_cli_kind_names(void)
{
    static char names[1024];
    if (!names[0])
        for (const struct xf_kind_io *const *k = xf_kinds; *k; k++) {
            size_t len = strlen(names);
            const char *label = kind_label((*k)->name);
            if (len)
                snprintf(names + len, sizeof names - len, "%s",
                         xf_gettext_ctx(NC_("kind list", ", ")));
            len = strlen(names);
            if (strcmp(label, (*k)->name) != 0)
                snprintf(names + len, sizeof names - len,
                         xf_gettext_ctx(NC_("kind list", "%s (%s)")), (*k)->name, label);
            else
                snprintf(names + len, sizeof names - len, "%s", (*k)->name);
        }
    return names;
}

/* The kind a command names, by its code (units), its word here or in
 * Chinese (单位, 重点项目), or as history names records (项目, 改进). */
static const struct xf_kind_io *find_kind(const char *name)
{
    const struct xf_kind_io *k = xf_kind_find(name);
    for (size_t i = 0; !k && i < N_KIND_WORDS; i++)
        if (!strcmp(name, kind_words[i].zh) || !strcmp(name, kind_label(kind_words[i].name)))
            k = xf_kind_find(kind_words[i].name);
    const char *entity = k ? NULL : xf_history_entity_parse(name);
    char plural[64];
    if (entity && snprintf(plural, sizeof plural, "%ss", entity) < (int)sizeof plural)
        k = xf_kind_find(plural);
    if (!k)
        fprintf(stderr, _("xianfeng: unknown kind '%s'; kinds are: %s\n"), xf_cli_safe(name),
                xf_cli_kind_names());
    return k;
}

/* Enough to mend a file by, without burying the screen when every row
 * repeats one mistake (a date column in the wrong form). Mistakes, not
 * rows: a row with three independent mistakes shows three lines. */
#define BAD_ROWS_SHOWN 20

/* The mistakes of the first lines, told in the file's order once the
 * import is over: a row put off until the rows after it were read (a
 * unit whose parent might come later) was told after them. */
struct bad_rows {
    const char *file;
    long told;
    int n;
    struct xf_error first[BAD_ROWS_SHOWN]; /* by line */
};

static void tell_bad_row(void *arg, const struct xf_error *err)
{
    struct bad_rows *b = arg;
    b->told++;
    int at = b->n;
    while (at > 0 && b->first[at - 1].line > err->line)
        at--;
    if (at == BAD_ROWS_SHOWN)
        return;
    int keep = b->n < BAD_ROWS_SHOWN ? b->n : BAD_ROWS_SHOWN - 1;
    memmove(&b->first[at + 1], &b->first[at], (size_t)(keep - at) * sizeof b->first[0]);
    b->first[at] = *err;
    b->n = keep + 1;
}

static void tell_bad_rows(const struct bad_rows *b)
{
    for (int i = 0; i < b->n; i++)
        xf_cli_report_error(b->file, &b->first[i]);
}

int xf_cmd_import(struct xf_cli *cli)
{
    const struct xf_kind_io *kind = find_kind(cli->args[0]);
    if (!kind)
        return XF_EXIT_USAGE;
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    struct xf_error err = {0};
    struct bad_rows *bad = calloc(1, sizeof *bad);
    if (!bad) {
        xf_err(&err, XF_EIO, "", _("out of memory"));
        return xf_cli_fail(_("import"), &err);
    }
    bad->file = cli->args[1];
    long rows = 0;
    rc = xf_import_file(cli->ctx, kind, cli->args[1], tell_bad_row, bad, &rows, &err);
    tell_bad_rows(bad);
    long told = bad->told;
    free(bad);
    if (rc != XF_OK) {
        /* A full disk, a lock or a refusal is not the file's fault: one
         * message, without the line it happened to strike at (those
         * messages already say that nothing was saved or to try again). */
        bool fault = err.code == XF_EBUSY || err.code == XF_EDB || err.code == XF_ECORRUPT ||
                     err.code == XF_EIO || (err.code == XF_EPERM && !err.field[0]);
        /* (A refusal naming a field is the row's: a pledge verified by
         * its own maker.) */
        if (fault)
            err.line = 0;
        /* Otherwise err counts the rows told (one mistake needs no
         * count; told counts mistakes, several to a row). */
        bool counted = told > 0 && !fault;
        /* A role's refusal is labelled with the command, as backup's
         * and export's are: labelled with the file, it read as the
         * file's fault. */
        bool role = err.code == XF_EPERM && !err.field[0];
        if (!counted || told > 1)
            xf_cli_report_error(role ? _("import") : cli->args[1], &err);
        if (counted && told > BAD_ROWS_SHOWN)
            fprintf(stderr, _("xianfeng: the first %d of their %ld mistakes are shown above\n"),
                    BAD_ROWS_SHOWN, told);
        if (!fault)
            fprintf(stderr, _("xianfeng: nothing was imported\n"));
        return XF_EXIT_FAIL;
    }
    cli->saved = true;
    printf(ngettext("imported %s: %ld row from %s\n", "imported %s: %ld rows from %s\n",
                    (unsigned long)rows),
           kind_label(kind->name), rows, xf_cli_safe(cli->args[1]));
    return XF_EXIT_OK;
}

static bool same_file(const struct stat *a, const char *path, const char *suffix)
{
    char buf[4096];
    struct stat b;
    if (!path || snprintf(buf, sizeof buf, "%s%s", path, suffix) >= (int)sizeof buf)
        return false;
    return stat(buf, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* Whether path names db with suffix ("-wal"), whether or not that file
 * exists now: the same name in the same directory. */
static bool names_db_file(const char *path, const char *db, const char *suffix)
{
    char want[4096], pd[4096], dd[4096];
    if (!db || snprintf(want, sizeof want, "%s%s", db, suffix) >= (int)sizeof want)
        return false;
    const char *pb = strrchr(path, '/'), *wb = strrchr(want, '/');
    if (strcmp(pb ? pb + 1 : path, wb ? wb + 1 : want) != 0)
        return false;
    snprintf(pd, sizeof pd, "%.*s", pb ? (int)(pb - path) + 1 : 1, pb ? path : ".");
    snprintf(dd, sizeof dd, "%.*s", wb ? (int)(wb - want) + 1 : 1, wb ? want : ".");
    struct stat a, b;
    return stat(pd, &a) == 0 && stat(dd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static bool is_sqlite_file(const char *path)
{
    char head[16] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
}

/* Whether export may write dest: a new file; an existing one only with
 * --force, and never the database (or its -wal, -shm, -lock), any other
 * SQLite database, the config, or what is not a plain file. A mistyped
 * argument ("export units demo.db") used to replace the live database
 * with a CSV file while sessions went on writing to the deleted one. */
static int export_target_ok(struct xf_cli *cli, const char *dest)
{
    const char *db = xf_db_path(cli->db), *d = xf_cli_safe(dest);
    /* SQLite keeps -wal and -shm beside the file a link points to. */
    char *real = db ? realpath(db, NULL) : NULL;
    static const char *const sqlite_files[] = {"-wal", "-shm", "-journal", "-lock"};
    bool named = false;
    for (size_t i = 0; i < sizeof sqlite_files / sizeof *sqlite_files && !named; i++)
        named = names_db_file(dest, db, sqlite_files[i]) ||
                (real && names_db_file(dest, real, sqlite_files[i]));
    free(real);
    struct stat st;
    if (!named && stat(dest, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    char why[1200] = "";
    if (named || same_file(&st, db, "") || same_file(&st, db, "-wal") ||
        same_file(&st, db, "-shm") || same_file(&st, db, "-lock"))
        snprintf(why, sizeof why, _("%s is the database itself; export to a new file"), d);
    else if (same_file(&st, cli->s.cfg.source, ""))
        snprintf(why, sizeof why, _("%s is the configuration file; export to a new file"), d);
    else if (!S_ISREG(st.st_mode))
        snprintf(why, sizeof why, _("%s is not a plain file; export to a new file"), d);
    else if (is_sqlite_file(dest))
        snprintf(why, sizeof why, _("%s is a database; export to a new file"), d);
    else if (!cli->force)
        snprintf(why, sizeof why,
                 _("%s already exists; give a new file name, or --force to replace it"), d);
    if (!*why)
        return 0;
    fprintf(stderr, _("xianfeng: %s: %s\n"), _("export"), why);
    return 1;
}

/* The temporary file of the export under way, removed by a signal that
 * ends the program before the rename: an export interrupted with Ctrl-C
 * or killed leaves nothing. (A file size limit is no signal here: main
 * ignores SIGXFSZ, the write fails, and the export says so.) */
static const char *volatile export_tmp;
static const int export_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
static struct sigaction export_saved[sizeof export_signals / sizeof export_signals[0]];

static void drop_export_tmp(int sig)
{
    if (export_tmp)
        unlink(export_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void guard_tmp(const char *tmp)
{
    struct sigaction sa = {.sa_handler = drop_export_tmp};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof export_signals / sizeof export_signals[0]; i++)
        sigaddset(&sa.sa_mask, export_signals[i]);
    export_tmp = tmp;
    /* A signal ignored when the program began (nohup, a background job)
     * stays ignored. */
    for (size_t i = 0; i < sizeof export_signals / sizeof export_signals[0]; i++) {
        sigaction(export_signals[i], NULL, &export_saved[i]);
        if (export_saved[i].sa_handler != SIG_IGN)
            sigaction(export_signals[i], &sa, NULL);
    }
}

static void unguard_tmp(void)
{
    for (size_t i = 0; i < sizeof export_signals / sizeof export_signals[0]; i++)
        sigaction(export_signals[i], &export_saved[i], NULL);
    export_tmp = NULL;
}

/* --since/--until: real days, in order, on a kind that has a date. */
static int check_period(const struct xf_cli *cli, const struct xf_kind_io *kind)
{
    struct xf_error err = {0};
    struct xf_period period = {cli->since, cli->until};
    if (cli->quarter && !kind->quarter_column) {
        fprintf(stderr, _("xianfeng: export: only evaluations take --quarter\n"));
        return XF_EXIT_USAGE;
    }
    if (!cli->since && !cli->until)
        return XF_EXIT_OK;
    if (xf_period_check(&period, &err))
        return xf_cli_option_error(_("export"), &err);
    if (!kind->period_column && (cli->since || cli->until)) {
        fprintf(stderr, _("xianfeng: export: %s have no date to choose them by; --since and "
                          "--until take complaints, inspections, pledges and improvements\n"),
                kind_label(kind->name));
        return XF_EXIT_USAGE;
    }
    return XF_EXIT_OK;
}

int xf_cmd_export(struct xf_cli *cli)
{
    const struct xf_kind_io *kind = find_kind(cli->args[0]);
    if (!kind)
        return XF_EXIT_USAGE;
    int rc = check_period(cli, kind);
    if (rc)
        return rc;
    rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    xf_cli_warn_scope(cli);
    const char *dest = cli->nargs > 1 && strcmp(cli->args[1], "-") ? cli->args[1] : NULL;
    char *tmp = NULL;
    FILE *f = stdout;
    mode_t mask = 0, mode = 0;
    if (dest) {
        int ok = export_target_ok(cli, dest);
        if (ok > 0)
            return XF_EXIT_FAIL;
        /* Written to FILE.tmp.<six random characters> (mkstemp) and renamed, so a failed export
         * never leaves a file that looks complete. The temporary file is
         * always a new one of its own name: a planted link is not written
         * through, and one left by an interrupted export is in nobody's
         * way. As a backup, it is never readable by others
         * (complainants' names and phones, members' logins), no more open
         * to the group than the umask, and always the owner's to read and
         * write: under umask 777 it was made 000, unreadable to the one
         * who asked for it. */
        int fd = -1;
        mask = umask(0);
        umask(mask);
        mode = (0660 & ~mask) | 0600;
        if (ok < 0 || asprintf(&tmp, "%s.tmp.XXXXXX", dest) < 0 || (fd = mkostemp(tmp, O_CLOEXEC)) < 0 ||
            fchmod(fd, mode) != 0 || !(f = fdopen(fd, "w"))) {
            fprintf(stderr, _("xianfeng: cannot write %s: %s\n"), xf_cli_safe(dest),
                    strerror(errno));
            if (fd >= 0) {
                close(fd);
                unlink(tmp);
            }
            free(tmp);
            return XF_EXIT_FAIL;
        }
        guard_tmp(tmp);
    }
    struct xf_error err = {0};
    long rows = 0;
    if (cli->bom)
        fputs(XF_CLI_BOM, f);
    struct xf_export_only only = {cli->since, cli->until, cli->quarter};
    rc = xf_export_file(cli->ctx, kind, f, &only, &rows, &err);
    if (dest) {
        int bad = ferror(f);
        if ((fclose(f) != 0 || bad) && rc == XF_OK)
            rc = xf_err(&err, XF_EIO, "", _("cannot write %s: %s"), xf_cli_safe(dest),
                        strerror(errno));
        if (rc == XF_OK && rename(tmp, dest) != 0)
            rc = xf_err(&err, XF_EIO, "", _("cannot write %s: %s"), xf_cli_safe(dest),
                        strerror(errno));
        if (rc != XF_OK)
            unlink(tmp);
        unguard_tmp();
        free(tmp);
    } else if (fflush(stdout) != 0 && rc == XF_OK) {
        rc = xf_err(&err, XF_EIO, "", _("write error: %s"), strerror(errno));
    }
    if (rc != XF_OK)
        return xf_cli_fail(_("export"), &err);
    /* On stderr, with FILE too: without one the CSV is stdout, and the
     * same command line behaves the same either way. */
    if (dest)
        fprintf(stderr,
                ngettext("exported %s: %ld row to %s\n", "exported %s: %ld rows to %s\n",
                         (unsigned long)rows),
                kind_label(kind->name), rows, xf_cli_safe(dest));
    if (dest)
        xf_cli_owner_mode_note(_("export"), dest, mode, mask);
    return XF_EXIT_OK;
}
