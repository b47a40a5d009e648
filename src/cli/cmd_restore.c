/* restore: put a backup back into the live database. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "xf/cli.h"
#include "xf/i18n.h"
#include "xf/restore.h"

/* The answer that goes on: "yes", or the database's file name, typed in
 * full so that a stray Enter never replaces a city's data. */
static bool confirmed(const char *answer, const char *db_path)
{
    char *copy = strdup(db_path);
    bool ok = strcmp(answer, "yes") == 0 || strcmp(answer, db_path) == 0 ||
              (copy && strcmp(answer, basename(copy)) == 0);
    free(copy);
    return ok;
}

/* What the restore takes away, in words: the date of the backup's last
 * change and how many changes were made since (they stay in the copy). */
static void say_loss(FILE *f, const struct xf_restore_info *in)
{
    if (in->last_at[0])
        fprintf(f, _("The backup's last recorded change: %.16s by %s.\n"), in->last_at,
                xf_cli_safe(in->last_actor));
    fprintf(f,
            ngettext("%lld change recorded since then is taken away (it stays in the kept copy).\n",
                     "%lld changes recorded since then are taken away (they stay in the kept "
                     "copy).\n",
                     (unsigned long)in->later),
            (long long)in->later);
}

/* The records the backup has not, by kind, now in the kept copy only:
 * the complaint a citizen was told the code of is looked up there. */
static void say_left(FILE *out, const struct xf_restore_left *left)
{
    bool any = false;
    for (int i = 0; i < XF_CODED_N && !any; i++)
        any = left->n[i] > 0;
    if (!any)
        return;
    char *list = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&list, &len);
    if (!f)
        return;
    bool first = true;
    for (int i = 0; i < XF_CODED_N; i++) {
        long long n = (long long)left->n[i];
        unsigned long k = (unsigned long)n;
        if (n <= 0)
            continue;
        /* TRANSLATORS: between the names of a list ("A, B"; 、in Chinese) */
        fputs(first ? "" : xf_gettext_ctx(NC_("list", ", ")), f);
        first = false;
        switch ((enum xf_coded)i) {
        case XF_CODED_COMPLAINT:
            fprintf(f, ngettext("%lld complaint", "%lld complaints", k), n);
            break;
        case XF_CODED_INSPECTION:
            fprintf(f, ngettext("%lld inspection", "%lld inspections", k), n);
            break;
        case XF_CODED_POST: fprintf(f, ngettext("%lld post", "%lld posts", k), n); break;
        case XF_CODED_PROJECT: fprintf(f, ngettext("%lld project", "%lld projects", k), n); break;
        case XF_CODED_UNIT: fprintf(f, ngettext("%lld unit", "%lld units", k), n); break;
        case XF_CODED_MEMBER: fprintf(f, ngettext("%lld member", "%lld members", k), n); break;
        case XF_CODED_N: break;
        }
    }
    fclose(f);
    fprintf(out,
            _("Left out, as the backup does not have them (they stay in the kept copy, and "
              "their codes are not given out again): %s.\n"),
            list ? list : "");
    free(list);
}

static bool ask(const char *db_path, const char *backup, const struct xf_restore_info *in)
{
    say_loss(stderr, in);
    char *copy = strdup(db_path);
    fprintf(stderr,
            _("This replaces everything in %s with the contents of %s, for every user.\n"
              "The database as it is now is kept next to it (.before-restore-DATE).\n"
              "Type the database file name (%s) or yes to go on: "),
            xf_cli_safe(db_path), xf_cli_safe(backup), xf_cli_safe(copy ? basename(copy) : ""));
    free(copy);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    bool ok = false;
    if (n > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        ok = confirmed(line, db_path);
    }
    free(line);
    return ok;
}

int xf_cmd_restore(struct xf_cli *cli)
{
    const char *backup = cli->args[0];
    if (!cli->yes && !isatty(STDIN_FILENO)) {
        fprintf(stderr, _("xianfeng: restore replaces the whole database: run it on a terminal "
                          "to confirm, or add --yes in a script\n"));
        return XF_EXIT_USAGE;
    }
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    struct xf_error err = {0};
    /* Refuse a bad file or a non-admin before asking anything. */
    if (xf_restore_check(cli->ctx, backup, &err) != XF_OK)
        return xf_cli_fail(_("restore"), &err);
    struct xf_restore_info info;
    if (xf_restore_info(cli->ctx, backup, &info, &err) != XF_OK)
        return xf_cli_fail(_("restore"), &err);
    if (!cli->yes && !ask(xf_db_path(cli->db), backup, &info)) {
        fprintf(stderr, _("xianfeng: nothing was restored\n"));
        return XF_EXIT_FAIL;
    }
    char *kept = NULL;
    struct xf_restore_left left;
    rc = xf_restore_database(cli->ctx, backup, &kept, &left, &err);
    cli->saved = kept != NULL;
    if (kept) {
        /* Read top to bottom: what was taken away, what was left out,
         * then the outcome and where the kept copy is, last, where a
         * person (or `tail` on a script's log) looks for it. Asked, the
         * user read the loss just before answering; with --yes, this is
         * where the script's log learns of it. */
        if (cli->yes)
            say_loss(stdout, &info);
        if (rc == XF_OK)
            say_left(stdout, &left);
        printf(_("restored %s into %s; the database as it was is kept as %s\n"),
               xf_cli_safe(backup), xf_cli_safe(xf_db_path(cli->db)), xf_cli_safe(kept));
    }
    free(kept);
    return rc == XF_OK ? XF_EXIT_OK : xf_cli_fail(_("restore"), &err);
}
