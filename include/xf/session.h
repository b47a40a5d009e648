/* Everything a front end needs before it can act: the configuration, who
 * the user is, the database and the acting context. Shared by the command
 * line and the interface so both resolve identity the same way. */
#ifndef XF_SESSION_H
#define XF_SESSION_H
#include <stdbool.h>
#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/db.h"
#include "xf/error.h"

/* What the user asked for on the command line, for whichever front end
 * runs: pointers into argv. */
struct xf_front_opts {
    const char *config_path; /* --config */
    const char *db_path;     /* --db */
    const char *login;       /* --login */
    /* The session the command line started (config read, identity
     * resolved, no database yet), handed over to the interface, which
     * frees it; NULL: the interface starts its own. */
    struct xf_session *started;
};

struct xf_session {
    struct xf_config cfg;
    struct xf_db *db;
    struct xf_ctx ctx;
    char login[64];   /* who acts: Unix login or the forced --login name */
    char client[64];  /* SSH client address, "" when local */
    bool look_only;   /* a pretended day on the shared database: no writes */
};

/* Loads the config (config_path may be NULL) and resolves identity: the
 * Unix login of the process, or login_as when the process runs as the
 * configured service account (the SSH forced-command mode); environment
 * variables never change who you are. XF_ECONFIG for a bad config,
 * XF_EPERM when --login is not allowed. */
int xf_session_start(struct xf_session *s, const char *config_path, const char *login_as,
                     struct xf_error *err);
/* Opens db_path (NULL: the config's database.path) and builds the context;
 * XF_EPERM when the login is not a configured user. */
int xf_session_open_db(struct xf_session *s, const char *db_path, int flags,
                       struct xf_error *err);
/* After an open with XF_DB_NAME_KEYS_LATER: the members' sort keys made
 * again if the collation changed (xf_db_name_keys_check). */
int xf_session_name_keys(struct xf_session *s, struct xf_error *err);
void xf_session_end(struct xf_session *s);
/* An error about the database file is filed under database.path; when the
 * path came from --db (db_path not NULL) it is filed under --db, the name
 * the user typed. */
void xf_session_path_field(const char *db_path, struct xf_error *err);
/* A check of the config that a front end above the domain owns (the
 * interface's keys group): set once by main, run by xf_session_start for
 * every command, so that `xianfeng check` reports a mistake there before
 * nobody can open the interface. */
void xf_session_set_config_check(int (*check)(const struct xf_config *, struct xf_error *));

#endif
