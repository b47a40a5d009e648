/* Identity and start-up shared by the front ends. */
#include "xf/session.h"

#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xf/date.h"
#include "xf/i18n.h"

static void client_address(char *out, size_t size)
{
    /* SSH_CONNECTION is "client_ip client_port server_ip server_port". It
     * is only a label in history rows, never used to decide anything. */
    const char *ssh = getenv("SSH_CONNECTION");
    out[0] = '\0';
    if (ssh) {
        size_t n = strspn(ssh, "0123456789abcdefABCDEF.:");
        snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), ssh);
    }
}

static int resolve_identity(struct xf_session *s, const char *login_as, struct xf_error *err)
{
    struct passwd *pw = getpwuid(getuid());
    if (!pw)
        return xf_err(err, XF_EPERM, "",
                      _("cannot tell who you are: no passwd entry for uid %d"), (int)getuid());
    snprintf(s->login, sizeof s->login, "%s", pw->pw_name);
    if (login_as) {
        const char *svc = s->cfg.service_account;
        if (!svc || !*svc || strcmp(svc, pw->pw_name) != 0)
            return xf_err(err, XF_EPERM, "--login",
                          _("--login is only for the service account '%s'; you are '%s'"),
                          svc ? svc : "", pw->pw_name);
        if (!*login_as || strlen(login_as) >= sizeof s->login)
            return xf_err(err, XF_EPERM, "--login", _("bad login name"));
        snprintf(s->login, sizeof s->login, "%s", login_as);
    }
    client_address(s->client, sizeof s->client);
    return XF_OK;
}

static int (*config_check)(const struct xf_config *, struct xf_error *);

void xf_session_set_config_check(int (*check)(const struct xf_config *, struct xf_error *))
{
    config_check = check;
}

int xf_session_start(struct xf_session *s, const char *config_path, const char *login_as,
                     struct xf_error *err)
{
    memset(s, 0, sizeof *s);
    int rc = xf_config_load(config_path, &s->cfg, err);
    if (!rc && config_check)
        rc = config_check(&s->cfg, err);
    if (rc)
        return rc;
    /* interface.language overrides the locale's choice of catalogue. */
    if (s->cfg.language && *s->cfg.language)
        setenv("LANGUAGE", s->cfg.language, 1);
    return resolve_identity(s, login_as, err);
}

/* Whether a and b name one file (a link or another spelling included). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* A pretended day (--today) is for tests and rehearsals: on the shared
 * database it would date a reply, a sign-for or a verification days away
 * from when it was done, and the history with it. There it only looks,
 * unless the configuration says its database is a rehearsal copy. */
static int guard_pretended_day(struct xf_session *s, const char *db_path)
{
    if (!xf_date_pretended() || s->cfg.rehearsal || !same_file(db_path, s->cfg.db_path))
        return XF_OK;
    char today[XF_DATE_LEN], *why = NULL;
    xf_date_today(today);
    if (asprintf(&why,
                 _("nothing is saved while --today pretends it is %s: the shared database "
                   "takes changes only on the real day; to rehearse, use a copy (an "
                   "administrator makes one with xianfeng backup FILE; open it with --db FILE) "
                   "or a database the configuration marks database.rehearsal = true"),
                 today) < 0)
        return XF_EIO;
    int rc = xf_db_refuse_writes(s->db, why);
    free(why);
    s->look_only = rc == XF_OK;
    return rc;
}

/* The store's messages name people as the status line does. */
static void person(const void *ctx, const char *login, char *out, size_t size)
{
    xf_ctx_person(ctx, login, out, size);
}

int xf_session_open_db(struct xf_session *s, const char *db_path, int flags,
                       struct xf_error *err)
{
    const char *path = db_path ? db_path : s->cfg.db_path;
    /* Who this is, before the file is looked at: `init` by someone
     * refused (the service account without --login) said it failed and
     * left a new database behind all the same, and a login not in the
     * list was told there was no database, not that it may not come in. */
    int rc = xf_ctx_init(&s->ctx, NULL, &s->cfg, s->login, err);
    if (rc)
        return rc;
    /* Making a database is the administrator's (DEPLOY.md §3): a viewer's
     * init made the shared one, and their refused demo left an empty one
     * behind. With no users listed the caller is admin here, as before. */
    if ((flags & XF_DB_CREATE) && (rc = xf_perm_require(&s->ctx, XF_P_DB_CREATE, 0, err)))
        return rc;
    rc = xf_db_open(path, flags, &s->db, err);
    if (rc) {
        xf_session_path_field(db_path, err);
        return rc;
    }
    if (guard_pretended_day(s, path))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    xf_db_set_actor(s->db, s->login, s->client);
    xf_db_set_namer(s->db, person, &s->ctx);
    return xf_ctx_init(&s->ctx, s->db, &s->cfg, s->login, err);
}

int xf_session_name_keys(struct xf_session *s, struct xf_error *err)
{
    return xf_db_name_keys_check(s->db, err);
}

void xf_session_path_field(const char *db_path, struct xf_error *err)
{
    /* "database.path: no database at X" sent people to a configuration
     * that named another file. */
    if (db_path && strcmp(err->field, "database.path") == 0)
        snprintf(err->field, sizeof err->field, "%s", "--db");
}

void xf_session_end(struct xf_session *s)
{
    xf_db_close(s->db);
    s->db = NULL;
    xf_config_free(&s->cfg);
}
