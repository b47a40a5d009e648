/* Who may do what: the role matrix and scope checks. */
#include "xf/ctx.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xf/demo.h"
#include "xf/i18n.h"
#include "xf/store_unit.h"

/* Bit per role allowed; admin is always allowed. */
#define R(role) (1u << (role))
static const unsigned perm_roles[] = {
    [XF_P_UNIT_EDIT] = R(XF_ROLE_ORGANISER),
    [XF_P_POST_EDIT] = R(XF_ROLE_ORGANISER),
    [XF_P_PLEDGE_EDIT] = R(XF_ROLE_ORGANISER),
    [XF_P_EVAL_EDIT] = R(XF_ROLE_ORGANISER),
    [XF_P_COMPLAINT_SUPERVISE] = R(XF_ROLE_SUPERVISOR),
    [XF_P_COMPLAINT_HANDLE] = R(XF_ROLE_HANDLER),
    [XF_P_COMPLAINT_PERSONAL] = R(XF_ROLE_SUPERVISOR) | R(XF_ROLE_HANDLER),
    [XF_P_INSPECT] = R(XF_ROLE_INSPECTOR),
    [XF_P_RECTIFY] = R(XF_ROLE_HANDLER) | R(XF_ROLE_ORGANISER),
    [XF_P_IMPORT] = 0,
    /* A copy holds every complainant's name and phone, unmasked. */
    [XF_P_BACKUP] = 0,
    [XF_P_HISTORY_ALL] = 0,
    [XF_P_DB_CREATE] = 0,
};

static const char *perm_label(enum xf_perm p)
{
    switch (p) {
    case XF_P_UNIT_EDIT: return _("edit units, members and projects");
    case XF_P_POST_EDIT: return _("change posts");
    case XF_P_PLEDGE_EDIT: return _("change pledges");
    case XF_P_EVAL_EDIT: return _("enter evaluations and awards");
    case XF_P_COMPLAINT_SUPERVISE: return _("supervise complaints");
    case XF_P_COMPLAINT_HANDLE: return _("handle complaints for a unit");
    case XF_P_COMPLAINT_PERSONAL: return _("see complainants' personal data");
    case XF_P_INSPECT: return _("log inspections");
    case XF_P_RECTIFY: return _("report rectifications");
    case XF_P_IMPORT: return _("import or generate data");
    case XF_P_BACKUP: return _("back up or restore the database");
    case XF_P_HISTORY_ALL: return _("read the whole history");
    case XF_P_DB_CREATE: return _("create a database");
    }
    return "?";
}

int xf_ctx_init(struct xf_ctx *ctx, struct xf_db *db, const struct xf_config *cfg,
                const char *login, struct xf_error *err)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->db = db;
    ctx->cfg = cfg;
    ctx->login = login;
    if (cfg->n_users == 0) {
        /* No users listed: one person's own database (a laptop, `make
         * run`), its owner as admin. On a shared server nobody else gets
         * in until the administrator lists them (SPEC §5). */
        struct stat sb;
        const char *path = db ? xf_db_path(db) : NULL;
        if (geteuid() != 0 && path && stat(path, &sb) == 0 && sb.st_uid != geteuid())
            return xf_err(err, XF_EPERM, "",
                          _("no users are listed in %s, so only the owner of the database may "
                            "use it; ask the administrator to add you to the users list"),
                          cfg->source ? cfg->source : XF_CONFIG_SYSTEM_PATH);
        ctx->role = XF_ROLE_ADMIN;
        return XF_OK;
    }
    ctx->user = xf_config_user(cfg, login);
    /* The shared account itself is nobody: it speaks for the user named
     * with --login (the forced command in authorized_keys does that). */
    if (!ctx->user && cfg->service_account && login && !strcmp(login, cfg->service_account))
        return xf_err(err, XF_EPERM, "",
                      _("'%s' is the service account, not a xianfeng user; say who you are "
                        "with --login NAME"),
                      login);
    /* root is the administrator who listed the users: nobody to ask */
    if (!ctx->user && geteuid() == 0 && login && !strcmp(login, "root"))
        return xf_err(err, XF_EPERM, "",
                      _("'%s' is not a xianfeng user: once users are listed in %s, root is "
                        "refused too; run xianfeng as a login listed there as admin, or list "
                        "root"),
                      login, cfg->source ? cfg->source : XF_CONFIG_SYSTEM_PATH);
    if (!ctx->user)
        return xf_err(err, XF_EPERM, "",
                      _("'%s' is not a xianfeng user; ask the administrator to add you to "
                        "the users list in %s"),
                      login, cfg->source ? cfg->source : XF_CONFIG_SYSTEM_PATH);
    ctx->role = ctx->user->role;
    return XF_OK;
}

int xf_ctx_require_city_wide(const struct xf_ctx *ctx, const char *what, struct xf_error *err)
{
    if (!ctx->user || ctx->user->n_scopes == 0)
        return XF_OK;
    char who[200];
    xf_ctx_person(ctx, ctx->login, who, sizeof who);
    /* TRANSLATORS: "刘洋 (liu.yang), viewer, sees only…": the person,
     * their role, as in "%s, %s, may not %s" */
    return xf_err(err, XF_EPERM, "",
                  _("%s, %s, sees only the units in their scope, and %s covers the whole city; "
                    "ask a user without a scope"),
                  who, xf_role_label(ctx->role), what);
}

bool xf_role_allows(enum xf_role role, enum xf_perm p)
{
    return role == XF_ROLE_ADMIN || (perm_roles[p] & R(role));
}

bool xf_perm_allows(const struct xf_ctx *ctx, enum xf_perm p)
{
    return xf_role_allows(ctx->role, p);
}

bool xf_ctx_in_scope(const struct xf_ctx *ctx, int64_t unit_id)
{
    if (!ctx->user || ctx->user->n_scopes == 0 || unit_id <= 0)
        return true;
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        struct xf_unit top = {0};
        if (xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &top, NULL) == XF_OK) {
            bool in = xf_store_unit_within(ctx->db, unit_id, top.id);
            xf_unit_clear(&top);
            if (in)
                return true;
        }
    }
    return false;
}

/* What covers every unit whatever it is asked for: a user limited to a
 * scope may not, whatever their role. */
static bool city_wide(enum xf_perm p)
{
    return p == XF_P_BACKUP; /* the copy is the whole database */
}

int xf_perm_require(const struct xf_ctx *ctx, enum xf_perm p, int64_t unit_id,
                    struct xf_error *err)
{
    /* "login (role)" read as the "name (login)" people are written in */
    char who[200];
    if (!xf_perm_allows(ctx, p)) {
        xf_ctx_person(ctx, ctx->login, who, sizeof who);
        /* An organiser told only "may not import" did not know who may,
         * nor what to do with the file in hand. */
        if (p == XF_P_IMPORT)
            return xf_err(err, XF_EPERM, "",
                          _("%s, %s, may not %s: only an administrator may; ask an "
                            "administrator to do it (for an import, send them the file), or to "
                            "give you the role admin in %s"),
                          who, xf_role_label(ctx->role), perm_label(p),
                          ctx->cfg && ctx->cfg->source ? ctx->cfg->source
                                                       : XF_CONFIG_SYSTEM_PATH);
        /* TRANSLATORS: "刘洋 (liu.yang), organiser, may not import or
         * generate data": the person, their role, what is refused */
        return xf_err(err, XF_EPERM, "", _("%s, %s, may not %s"), who, xf_role_label(ctx->role),
                      perm_label(p));
    }
    if (city_wide(p) && ctx->user && ctx->user->n_scopes > 0) {
        xf_ctx_person(ctx, ctx->login, who, sizeof who);
        return xf_err(err, XF_EPERM, "",
                      _("%s, %s, may not %s: it is the whole city's database, every unit's "
                        "complainants' names and phones included, and they are limited to "
                        "their units; ask an administrator without a unit scope"),
                      who, xf_role_label(ctx->role), perm_label(p));
    }
    if (!xf_ctx_in_scope(ctx, unit_id)) {
        xf_ctx_person(ctx, ctx->login, who, sizeof who);
        return xf_err(err, XF_EPERM, "", _("%s, %s, may not %s outside their units"), who,
                      xf_role_label(ctx->role), perm_label(p));
    }
    return XF_OK;
}

void xf_ctx_on_write_wait(const struct xf_ctx *ctx, int after_ms, xf_db_wait_fn fn, void *arg)
{
    if (ctx->db)
        xf_db_on_lock_wait(ctx->db, after_ms, fn, arg);
}

const char *xf_ctx_person_name(const struct xf_config *cfg, const char *login)
{
    const struct xf_user *u = xf_config_user(cfg, login);
    if (u && u->name && *u->name)
        return u->name;
    return xf_demo_staff_name(login);
}

/* The configured or demo name, else the member's (memoised), else NULL. */
static const char *name_of(const struct xf_ctx *ctx, const char *login)
{
    const char *name = login ? xf_ctx_person_name(ctx ? ctx->cfg : NULL, login) : NULL;
    /* a failed look-up leaves the login alone: a name is not worth an error */
    if (!name && login && *login && ctx && ctx->db)
        name = xf_store_member_name_memo(ctx->db, login);
    return name;
}

const char *xf_ctx_person_short(const struct xf_ctx *ctx, const char *login)
{
    const char *name = name_of(ctx, login);
    return name ? name : login ? login : "";
}

void xf_ctx_person(const struct xf_ctx *ctx, const char *login, char *out, size_t size)
{
    const char *name = name_of(ctx, login);
    if (name && strcmp(name, login) != 0)
        snprintf(out, size, "%s (%s)", name, login);
    else
        snprintf(out, size, "%s", login ? login : "");
}

const char *xf_ctx_person_login(const struct xf_config *cfg, const char *name)
{
    for (size_t i = 0; cfg && name && i < cfg->n_users; i++)
        if (cfg->users[i].name && strcmp(cfg->users[i].name, name) == 0)
            return cfg->users[i].login;
    return xf_demo_staff_login(name);
}
