/* Configuration through libconfig. Looked up from --config, then
 * $XIANFENG_CONFIG, then /etc/xianfeng/xianfeng.cfg, then built-in defaults.
 * conf/xianfeng.cfg documents every key. */
#ifndef XF_CONFIG_H
#define XF_CONFIG_H
#include <stdbool.h>
#include <stddef.h>
#include "xf/date.h"
#include "xf/error.h"

#define XF_CONFIG_SYSTEM_PATH "/etc/xianfeng/xianfeng.cfg"
#define XF_DEFAULT_DB_PATH "/var/lib/xianfeng/xianfeng.db"

/* A complaint category and its time limits in working days. */
struct xf_category {
    char *name;   /* identifier stored in the database, e.g. "attitude" */
    char *label;  /* shown to users, e.g. "服务态度" */
    char *label_en; /* shown in the English interface, "" = label */
    int sign_days;  /* dispatch -> sign-for deadline */
    int reply_days; /* sign-for -> reply deadline */
};

struct xf_check_item {
    char *label;
    bool critical;
};

/* An inspection checklist template. */
struct xf_checklist {
    char *name;  /* e.g. "unannounced" */
    char *kind;  /* "unannounced" or "sample" */
    struct xf_check_item *items;
    size_t n_items;
};

enum xf_role {
    XF_ROLE_VIEWER = 0,
    XF_ROLE_HANDLER,
    XF_ROLE_INSPECTOR,
    XF_ROLE_SUPERVISOR,
    XF_ROLE_ORGANISER,
    XF_ROLE_ADMIN,
};

struct xf_user {
    char *login;
    char *name;            /* display name, may be "" */
    enum xf_role role;
    char **scopes;         /* unit codes whose subtrees the user may see; none = all */
    size_t n_scopes;
};

/* A key binding from the config's keys group: the interface checks the
 * action and key names when it starts (it owns the key table). */
struct xf_keybind {
    char *action;   /* e.g. "page-down" */
    char *key;      /* e.g. "Ctrl-F", "PgDn", "j" */
    char *file;     /* where it was written, for messages */
    int line;
};

struct xf_config {
    char *source;          /* file it came from, or NULL for built-in defaults */
    char *db_path;
    bool rehearsal;        /* db_path is a copy for training or tests: --today saves */
    char *language;        /* "" = follow the locale, else "zh_CN" / "en" */
    bool confirm_quit;     /* q at the top asks before ending the session, default true */
    char *service_account; /* the only account allowed to use --login */

    /* rules */
    double pass_score;            /* evaluation pass mark, default 80 */
    double weight_deputies;       /* group weights, default equal */
    double weight_recipients;
    double weight_public;
    int revoke_after_failures;    /* default 2 */
    bool consecutive;             /* failures must be consecutive, default false */
    bool recorder_may_verify;     /* who recorded a pledge may mark it kept, default false */
    int due_soon_days;            /* working days before a deadline = due soon, default 1 */
    double inspection_fail_rate;  /* failed/applicable items above this fails, default 0.2 */
    double sample_fail_rate;      /* failed/checked samples above this fails, default 0.05 */
    int rectify_days;             /* default rectification deadline, working days, default 10 */

    /* The Party committees that name posts, offered when naming one (the
     * post's own department's Party organisation is offered too). */
    char **naming_committees;
    size_t n_naming_committees;

    struct xf_category *categories;
    size_t n_categories;
    struct xf_calendar calendar;
    struct xf_checklist *checklists;
    size_t n_checklists;
    struct xf_user *users;
    size_t n_users;
    struct xf_keybind *keys;
    size_t n_keys;
};

/* Loads the configuration. explicit_path (may be NULL) is --config. On a
 * bad file returns XF_ECONFIG with err naming the file and line (err->line)
 * and what is wrong; the caller exits 2. cfg is always safe to free.
 * cfg need not be initialised (a loaded one must be freed first). For
 * XF_ECONFIG err->msg reads "FILE: key problem" and err->field is left
 * empty, so xf_err_str gives "line N: FILE: key problem". */
int xf_config_load(const char *explicit_path, struct xf_config *cfg, struct xf_error *err);
/* An XF_ECONFIG error at line of file ("FILE:LINE: what", as compilers
 * write it; "FILE: what" when line is 0), err->line set too. */
int xf_config_err(struct xf_error *err, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Built-in defaults only; cfg need not be initialised. */
void xf_config_defaults(struct xf_config *cfg);
/* Frees everything and zeroes cfg; NULL and repeated calls are fine. */
void xf_config_free(struct xf_config *cfg);

const struct xf_category *xf_config_category(const struct xf_config *cfg, const char *name);
/* The category whose label (what users see: "服务态度") is label, or NULL. */
const struct xf_category *xf_config_category_by_label(const struct xf_config *cfg,
                                                      const char *label);
/* What the interface shows for cat: label_en in the English interface when
 * the config gives one, else label (else the name). NULL for NULL. */
const char *xf_category_label(const struct xf_category *cat);
const struct xf_checklist *xf_config_checklist(const struct xf_config *cfg, const char *name);
const struct xf_user *xf_config_user(const struct xf_config *cfg, const char *login);
const char *xf_role_name(enum xf_role role);
/* The role's name in the user's language, for people to read. */
const char *xf_role_label(enum xf_role role);
int xf_role_parse(const char *name, enum xf_role *out);

#endif
