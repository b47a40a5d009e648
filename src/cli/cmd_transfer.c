/* import and export. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "xf/cli.h"
#include "xf/i18n.h"
#include "xf/transfer.h"

const char *xf_cli_kind_names(void)
{
    static char names[256];
    if (!names[0])
        for (const struct xf_kind_io *const *k = xf_kinds; *k; k++) {
            size_t len = strlen(names);
            snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "", (*k)->name);
        }
    return names;
}

static const struct xf_kind_io *find_kind(const char *name)
{
    const struct xf_kind_io *k = xf_kind_find(name);
    if (!k)
        fprintf(stderr, _("xianfeng: unknown kind '%s'; kinds are: %s\n"), xf_cli_safe(name),
                xf_cli_kind_names());
    return k;
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
    long rows = 0;
    if (xf_import_file(cli->ctx, kind, cli->args[1], &rows, &err) != XF_OK) {
        /* A full disk, a lock or a refusal is not the file's fault: one
         * message, without the line it happened to strike at (those
         * messages already say that nothing was saved or to try again). */
        bool fault = err.code == XF_EBUSY || err.code == XF_EDB || err.code == XF_ECORRUPT || err.code == XF_EIO ||
                     err.code == XF_EPERM;
        if (fault)
            err.line = 0;
        xf_cli_report_error(cli->args[1], &err);
        if (!fault)
            fprintf(stderr, _("xianfeng: nothing was imported\n"));
        return XF_EXIT_FAIL;
    }
    printf(ngettext("imported %s: %ld row from %s\n", "imported %s: %ld rows from %s\n",
                    (unsigned long)rows),
           kind->name, rows, xf_cli_safe(cli->args[1]));
    return XF_EXIT_OK;
}

/* Writes to FILE.tmp and renames, so a failed export never leaves a file
 * that looks complete. */
int xf_cmd_export(struct xf_cli *cli)
{
    const struct xf_kind_io *kind = find_kind(cli->args[0]);
    if (!kind)
        return XF_EXIT_USAGE;
    int rc = xf_cli_open(cli, 0);
    if (rc)
        return rc;
    const char *dest = cli->nargs > 1 && strcmp(cli->args[1], "-") ? cli->args[1] : NULL;
    char *tmp = NULL;
    FILE *f = stdout;
    if (dest) {
        if (asprintf(&tmp, "%s.tmp", dest) < 0 || !(f = fopen(tmp, "w"))) {
            fprintf(stderr, _("xianfeng: cannot write %s: %s\n"), xf_cli_safe(dest),
                    strerror(errno));
            free(tmp);
            return XF_EXIT_FAIL;
        }
    }
    struct xf_error err = {0};
    long rows = 0;
    if (cli->bom)
        fputs(XF_CLI_BOM, f);
    rc = xf_export_file(cli->ctx, kind, f, &rows, &err);
    if (dest) {
        if (fclose(f) != 0 && rc == XF_OK)
            rc = xf_err(&err, XF_EIO, "", _("cannot write %s: %s"), xf_cli_safe(dest),
                        strerror(errno));
        if (rc == XF_OK && rename(tmp, dest) != 0)
            rc = xf_err(&err, XF_EIO, "", _("cannot write %s: %s"), xf_cli_safe(dest),
                        strerror(errno));
        if (rc != XF_OK)
            unlink(tmp);
        free(tmp);
    } else if (fflush(stdout) != 0 && rc == XF_OK) {
        rc = xf_err(&err, XF_EIO, "", _("write error: %s"), strerror(errno));
    }
    if (rc != XF_OK)
        return xf_cli_fail(_("export"), &err);
    if (dest)
        fprintf(stderr,
                ngettext("exported %s: %ld row to %s\n", "exported %s: %ld rows to %s\n",
                         (unsigned long)rows),
                kind->name, rows, xf_cli_safe(dest));
    return XF_EXIT_OK;
}
