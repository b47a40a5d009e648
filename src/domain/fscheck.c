/* Permission problems of the shared database file, found with stat(2). */
#include "xf/fscheck.h"

#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xf/i18n.h"

static int add(struct xf_fs_report *r, bool blocks, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int add(struct xf_fs_report *r, bool blocks, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    struct xf_fs_problem *items = realloc(r->items, (r->n + 1) * sizeof *items);
    if (len < 0 || !items)
        return -1;
    r->items = items;
    char *text = malloc((size_t)len + 1);
    if (!text)
        return -1;
    va_start(ap, fmt);
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    va_end(ap);
    r->items[r->n++] = (struct xf_fs_problem){text, blocks};
    return 0;
}

void xf_fs_report_free(struct xf_fs_report *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->items[i].text);
    free(r->items);
    r->items = NULL;
    r->n = 0;
}

bool xf_fs_report_blocks(const struct xf_fs_report *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].blocks_writes)
            return true;
    return false;
}

/* Group name for messages (the number when it has no name), copied out
 * of getgrgid's static storage so two can appear in one message. */
static const char *group_name(gid_t gid, char *buf, size_t size)
{
    struct group *g = getgrgid(gid);
    if (g)
        snprintf(buf, size, "%s", g->gr_name);
    else
        snprintf(buf, size, "%u", (unsigned)gid);
    return buf;
}

/* Nobody outside the group may read complainants' data or change the
 * file; a world-writable directory lets anyone replace it. */
static int check_world(const char *path, const struct stat *db, const char *dir,
                       const struct stat *ds, struct xf_fs_report *r)
{
    int rc = 0;
    if (db->st_mode & S_IWOTH)
        rc |= add(r, false,
                  _("%s is writable by every account on the server (mode %04o): anyone could "
                    "change or destroy the records; run: chmod o-rwx %s"),
                  path, (unsigned)(db->st_mode & 07777), path);
    else if ((db->st_mode & S_IROTH) && !(ds->st_mode & S_IXOTH))
        /* the 2770 directory of DEPLOY.md keeps them out, for now */
        rc |= add(r, false,
                  _("%s is readable by every account on the server that can reach it (mode "
                    "%04o): only the directory %s keeps them out; run: chmod o-rwx %s"),
                  path, (unsigned)(db->st_mode & 07777), dir, path);
    else if (db->st_mode & S_IROTH)
        rc |= add(r, false,
                  _("%s is readable by every account on the server (mode %04o), complainants' "
                    "names and phones included; run: chmod o-rwx %s"),
                  path, (unsigned)(db->st_mode & 07777), path);
    if ((ds->st_mode & S_IWOTH) && !(ds->st_mode & S_ISVTX))
        rc |= add(r, false,
                  _("the directory %s is writable by every account (mode %04o): anyone could "
                    "replace the database; run: chmod o-w %s"),
                  dir, (unsigned)(ds->st_mode & 07777), dir);
    return rc;
}

/* -wal and -shm are created by whoever opens the database first; they
 * must end up in the same group, group-writable, or the others fail. */
static int check_sidecar(const char *path, const char *suffix, gid_t want,
                         struct xf_fs_report *r)
{
    size_t len = strlen(path) + strlen(suffix) + 1;
    char *side = malloc(len), gbuf[64], wbuf[64];
    if (!side)
        return -1;
    const char *wname = group_name(want, wbuf, sizeof wbuf);
    snprintf(side, len, "%s%s", path, suffix);
    struct stat st;
    int rc = 0;
    /* (a file every account may write is told as such, by check_world) */
    if (stat(side, &st) == 0 && !(st.st_mode & S_IWOTH)) {
        if (st.st_gid != want)
            rc |= add(r, true,
                      _("%s belongs to group %s, not %s: other users cannot write it; run: "
                        "chgrp %s %s"),
                      side, group_name(st.st_gid, gbuf, sizeof gbuf), wname, wname, side);
        else if (!(st.st_mode & S_IWGRP))
            rc |= add(r, true,
                      _("%s is not group-writable (mode %04o): other users cannot write; run: "
                        "chmod g+rw %s"),
                      side, (unsigned)(st.st_mode & 07777), side);
    }
    free(side);
    return rc;
}

static int check_shared(const char *path, const struct stat *db, const char *dir,
                        const struct stat *ds, gid_t want, struct xf_fs_report *r)
{
    char gbuf[64], wbuf[64];
    const char *wname = group_name(want, wbuf, sizeof wbuf);
    int rc = 0;
    if (db->st_gid != want && !(db->st_mode & S_IWOTH))
        rc |= add(r, true,
                  _("%s belongs to group %s, not %s: the other users cannot write it; run: "
                    "chgrp %s %s"),
                  path, group_name(db->st_gid, gbuf, sizeof gbuf), wname, wname, path);
    if (!(db->st_mode & S_IWGRP) || !(db->st_mode & S_IRGRP))
        rc |= add(r, true,
                  _("%s is not readable and writable by its group (mode %04o): only its owner "
                    "can save changes; run: chmod 660 %s"),
                  path, (unsigned)(db->st_mode & 07777), path);
    if (ds->st_gid != want)
        rc |= add(r, true,
                  _("the directory %s belongs to group %s, not %s; run: chgrp %s %s"), dir,
                  group_name(ds->st_gid, gbuf, sizeof gbuf), wname, wname, dir);
    if ((ds->st_mode & (S_IWGRP | S_IXGRP)) != (S_IWGRP | S_IXGRP))
        rc |= add(r, true,
                  _("the directory %s is not group-writable (mode %04o): other users cannot "
                    "create the -wal and -shm files SQLite needs; run: chmod 2770 %s"),
                  dir, (unsigned)(ds->st_mode & 07777), dir);
    if (!(ds->st_mode & S_ISGID))
        rc |= add(r, false,
                  _("the directory %s is not setgid (mode %04o): new -wal and -shm files get "
                    "their creator's group instead of %s; run: chmod g+s %s"),
                  dir, (unsigned)(ds->st_mode & 07777), wname, dir);
    /* The group they should have, as the database: told to chgrp the
     * database to xianfeng and its -wal to the database's present group,
     * one would undo the other. */
    rc |= check_sidecar(path, "-wal", want, r);
    rc |= check_sidecar(path, "-shm", want, r);
    rc |= check_sidecar(path, "-lock", want, r); /* the writers' queue */
    return rc;
}

/* Only one account opens the file in the service-account mode. */
static bool owned_by_service(const struct xf_config *cfg, const struct stat *db)
{
    if (!cfg->service_account || !*cfg->service_account)
        return false;
    struct passwd *pw = getpwnam(cfg->service_account);
    return pw && pw->pw_uid == db->st_uid;
}

int xf_fscheck(const char *db_path, const struct xf_config *cfg, const char *group,
               struct xf_fs_report *out, struct xf_error *err)
{
    memset(out, 0, sizeof *out);
    char *copy = strdup(db_path);
    if (!copy)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    const char *dir = dirname(copy);
    struct stat db, ds;
    int rc = XF_OK;
    if (stat(db_path, &db) != 0)
        rc = xf_err(err, XF_EIO, "database.path", _("cannot examine %s: %s"), db_path,
                    strerror(errno));
    else if (stat(dir, &ds) != 0)
        rc = xf_err(err, XF_EIO, "database.path", _("cannot examine %s: %s"), dir,
                    strerror(errno));
    if (rc) {
        free(copy);
        return rc;
    }
    int bad = check_world(db_path, &db, dir, &ds, out);
    if (cfg->n_users > 0 && !owned_by_service(cfg, &db)) {
        struct group *g = getgrnam(group ? group : XF_FS_GROUP);
        bad |= check_shared(db_path, &db, dir, &ds, g ? g->gr_gid : ds.st_gid, out);
    }
    free(copy);
    if (bad) {
        xf_fs_report_free(out);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    return XF_OK;
}
