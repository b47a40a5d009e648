/* init, backup and check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_internal.h"
#include "xf/cli.h"
#include "xf/i18n.h"
#include "xf/restore.h"

int xf_cmd_init(struct xf_cli *cli)
{
    int rc = xf_cli_open(cli, XF_DB_CREATE);
    if (rc)
        return rc;
    /* "ready" alone read as a new database when one was there already. */
    const char *path = xf_cli_safe(xf_db_path(cli->db));
    int64_t found = xf_db_found_version(cli->db);
    cli->saved = true;
    if (found == 0)
        printf(_("database created: %s\n"), path);
    else if (found < XF_SCHEMA_VERSION)
        printf(_("database already exists: %s (brought up to this version of xianfeng)\n"),
               path);
    else
        printf(_("database already exists: %s (nothing changed)\n"), path);
    return XF_EXIT_OK;
}

int xf_cmd_backup(struct xf_cli *cli)
{
    /* "-" is standard output to export, and made a file called "-" here:
     * a backup is a database file, written in place, never a stream. */
    if (strcmp(cli->args[0], "-") == 0) {
        fprintf(stderr, _("xianfeng: backup cannot go to standard output; give the file to "
                          "write\nUsage: xianfeng backup FILE\n"));
        return XF_EXIT_USAGE;
    }
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    struct xf_error err = {0};
    if (xf_backup(cli->ctx, cli->args[0], &err) != XF_OK)
        return xf_cli_report_error(_("backup"), &err);
    cli->saved = true;
    printf(_("backup written: %s\n"), xf_cli_safe(cli->args[0]));
    /* The store made the backup the owner's to read and write whatever
     * the umask, as export makes its file: said as export says it. */
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    if (stat(cli->args[0], &st) == 0)
        xf_cli_owner_mode_note(_("backup"), cli->args[0], st.st_mode & 07777, mask);
    return XF_EXIT_OK;
}
