/* Configuration through libconfig. As in calcurse's confmap, one table of
 * {path, type, target, min, max, default} rows per group of scalar keys
 * gives loading, defaults, validation and the set of known keys; the lists
 * (categories, checklists, users, calendar) reuse the same tables for their
 * elements and add a few checks of their own. conf/xianfeng.cfg documents
 * every key with the values built in here. */
#include "xf/config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xf/i18n.h"
#include "xf/text.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ENV_VAR "XIANFENG_CONFIG"

/* ---- memory ------------------------------------------------------------ */

/* Running out of memory while reading a few kilobytes of configuration is
 * not worth a status code through every loader: abort, as git's xmalloc. */
static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

static void set_str(char **dst, const char *val)
{
    char *d = xstrdup(val);
    free(*dst);
    *dst = d;
}

/* ---- the tables -------------------------------------------------------- */

enum ctype { CT_STR, CT_DBL, CT_INT, CT_BOOL };

struct confmap {
    const char *path;           /* relative to the group the table applies to */
    enum ctype type;
    size_t off;                 /* offsetof the target field */
    double min, max;            /* numbers: inclusive range; strings: min length */
    double def;                 /* default for numbers and booleans */
    const char *def_str;        /* default for strings (NULL = "") */
    const char *const *choices; /* strings: allowed values, NULL-terminated */
    bool required;              /* list elements: must be given */
};

#define STR(path, st, f, minlen, d, ch, req) \
    { path, CT_STR, offsetof(st, f), minlen, 0, 0, d, ch, req }
#define NUM(path, t, st, f, lo, hi, d, req) \
    { path, t, offsetof(st, f), lo, hi, d, NULL, NULL, req }
#define CSTR(path, f, minlen, d, ch) STR(path, struct xf_config, f, minlen, d, ch, false)
#define CNUM(path, t, f, lo, hi, d) NUM(path, t, struct xf_config, f, lo, hi, d, false)

static const char *const languages[] = {"", "zh_CN", "en", NULL};
static const char *const kinds[] = {"unannounced", "sample", NULL};

static const struct confmap root_map[] = {
    CSTR("database.path", db_path, 1, XF_DEFAULT_DB_PATH, NULL),
    CNUM("database.rehearsal", CT_BOOL, rehearsal, 0, 1, 0),
    CSTR("interface.language", language, 0, "", languages),
    CNUM("interface.confirm_quit", CT_BOOL, confirm_quit, 0, 1, 1),
    CSTR("access.service_account", service_account, 1, "xianfeng", NULL),
    CNUM("rules.pass_score", CT_DBL, pass_score, 0, 100, 80),
    CNUM("rules.weights.deputies", CT_DBL, weight_deputies, 0, 1000, 1),
    CNUM("rules.weights.recipients", CT_DBL, weight_recipients, 0, 1000, 1),
    CNUM("rules.weights.public", CT_DBL, weight_public, 0, 1000, 1),
    CNUM("rules.revoke_after_failures", CT_INT, revoke_after_failures, 1, 20, 2),
    CNUM("rules.consecutive", CT_BOOL, consecutive, 0, 1, 0),
    CNUM("rules.recorder_may_verify", CT_BOOL, recorder_may_verify, 0, 1, 0),
    CNUM("rules.due_soon_days", CT_INT, due_soon_days, 0, 60, 1),
    CNUM("rules.inspection_fail_rate", CT_DBL, inspection_fail_rate, 0, 1, 0.2),
    CNUM("rules.sample_fail_rate", CT_DBL, sample_fail_rate, 0, 1, 0.05),
    CNUM("rules.rectify_days", CT_INT, rectify_days, 1, 60, 10),
};

static const struct confmap category_map[] = {
    STR("name", struct xf_category, name, 1, NULL, NULL, true),
    STR("label", struct xf_category, label, 1, NULL, NULL, true),
    STR("label_en", struct xf_category, label_en, 0, "", NULL, false),
    NUM("sign_days", CT_INT, struct xf_category, sign_days, 1, 60, 0, true),
    NUM("reply_days", CT_INT, struct xf_category, reply_days, 1, 60, 0, true),
};

static const struct confmap checklist_map[] = {
    STR("name", struct xf_checklist, name, 1, NULL, NULL, true),
    STR("kind", struct xf_checklist, kind, 1, NULL, kinds, true),
};

static const struct confmap item_map[] = {
    STR("label", struct xf_check_item, label, 1, NULL, NULL, true),
    NUM("critical", CT_BOOL, struct xf_check_item, critical, 0, 1, 0, false),
};

static const struct confmap user_map[] = {
    STR("login", struct xf_user, login, 1, NULL, NULL, true),
    STR("name", struct xf_user, name, 0, "", NULL, false),
};

/* Keys that are not scalars, loaded by their own code. */
static const char *const root_extra[] = {
    "complaints.categories", "calendar.holidays", "calendar.workdays",
    "inspections.checklists", "users", "keys", "posts.naming_committees", NULL,
};
static const char *const checklist_extra[] = {"items", NULL};
static const char *const user_extra[] = {"role", "scopes", NULL};
static const char *const no_extra[] = {NULL};

/* ---- built-in lists ---------------------------------------------------- */

static const struct {
    const char *name, *label, *label_en;
    int sign_days, reply_days;
} default_categories[] = {
    /* English labels as short as the list's Category column (8 cells) */
    {"attitude", "服务态度", "Attitude", 1, 5},
    {"time_limit", "办理时限", "Delays", 1, 5},
    {"fees", "收费问题", "Fees", 1, 10},
    {"procedure", "办事程序", "Process", 1, 5},
    {"quality", "服务质量", "Quality", 1, 10},
    {"other", "其他", "Other", 1, 10},
};

struct def_item {
    const char *label;
    bool critical;
};

static const struct def_item unannounced_items[] = {
    {"公示牌悬挂到位", true},
    {"姓名、职务、服务范围、投诉电话公开", true},
    {"承诺事项兑现", false},
    {"办理时限符合承诺", false},
    {"服务态度热情", false},
};

static const struct def_item sample_items[] = {
    {"定量包装净含量", true},
    {"标签标识", false},
    {"生产日期与保质期", true},
};

static const struct {
    const char *name, *kind;
    const struct def_item *items;
    size_t n_items;
} default_checklists[] = {
    {"unannounced", "unannounced", unannounced_items, ARRAY_LEN(unannounced_items)},
    {"sample", "sample", sample_items, ARRAY_LEN(sample_items)},
};

/* China 2026 public holidays and make-up working days (调休). */
static const char *const default_holidays[] = {
    "2026-01-01", "2026-01-02", "2026-01-03",                             /* 元旦 */
    "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", /* 春节 */
    "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    "2026-04-04", "2026-04-05", "2026-04-06",                             /* 清明 */
    "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", /* 劳动节 */
    "2026-06-19", "2026-06-20", "2026-06-21",                             /* 端午 */
    "2026-09-25", "2026-09-26", "2026-09-27",                             /* 中秋 */
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", /* 国庆 */
    "2026-10-06", "2026-10-07",
};

static const char *const default_workdays[] = {
    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
};

/* ---- roles ------------------------------------------------------------- */

static const char *const role_names[] = {
    [XF_ROLE_VIEWER] = "viewer",         [XF_ROLE_HANDLER] = "handler",
    [XF_ROLE_INSPECTOR] = "inspector",   [XF_ROLE_SUPERVISOR] = "supervisor",
    [XF_ROLE_ORGANISER] = "organiser",   [XF_ROLE_ADMIN] = "admin",
};

const char *xf_role_name(enum xf_role role)
{
    if ((size_t)role >= ARRAY_LEN(role_names))
        return "?";
    return role_names[role];
}

const char *xf_role_label(enum xf_role role)
{
    static const char *const labels[] = {
        N_("viewer"), N_("handler"), N_("inspector"), N_("supervisor"), N_("organiser"), N_("admin"),
    };
    return (size_t)role < ARRAY_LEN(labels) ? _(labels[role]) : "?";
}

int xf_role_parse(const char *name, enum xf_role *out)
{
    for (size_t i = 0; name && i < ARRAY_LEN(role_names); i++) {
        if (strcmp(name, role_names[i]) == 0) {
            *out = (enum xf_role)i;
            return XF_OK;
        }
    }
    return XF_EINVAL;
}

/* ---- defaults ---------------------------------------------------------- */

static void *field(void *base, size_t off)
{
    return (char *)base + off;
}

static void map_defaults(const struct confmap *map, size_t n, void *base)
{
    for (size_t i = 0; i < n; i++) {
        void *p = field(base, map[i].off);
        switch (map[i].type) {
        case CT_STR: set_str(p, map[i].def_str); break;
        case CT_DBL: *(double *)p = map[i].def; break;
        case CT_INT: *(int *)p = (int)map[i].def; break;
        case CT_BOOL: *(bool *)p = map[i].def != 0; break;
        }
    }
}

static void default_lists(struct xf_config *cfg)
{
    size_t n = ARRAY_LEN(default_categories);
    cfg->categories = xcalloc(n, sizeof *cfg->categories);
    cfg->n_categories = n;
    for (size_t i = 0; i < n; i++) {
        cfg->categories[i].name = xstrdup(default_categories[i].name);
        cfg->categories[i].label = xstrdup(default_categories[i].label);
        cfg->categories[i].label_en = xstrdup(default_categories[i].label_en);
        cfg->categories[i].sign_days = default_categories[i].sign_days;
        cfg->categories[i].reply_days = default_categories[i].reply_days;
    }
    n = ARRAY_LEN(default_checklists);
    cfg->checklists = xcalloc(n, sizeof *cfg->checklists);
    cfg->n_checklists = n;
    for (size_t i = 0; i < n; i++) {
        struct xf_checklist *cl = &cfg->checklists[i];
        cl->name = xstrdup(default_checklists[i].name);
        cl->kind = xstrdup(default_checklists[i].kind);
        cl->n_items = default_checklists[i].n_items;
        cl->items = xcalloc(cl->n_items, sizeof *cl->items);
        for (size_t j = 0; j < cl->n_items; j++) {
            cl->items[j].label = xstrdup(default_checklists[i].items[j].label);
            cl->items[j].critical = default_checklists[i].items[j].critical;
        }
    }
}

/* The seed's city: the committees that named its posts. */
static const char *const default_committees[] = {"中共哈尔滨市委",
                                                 "中共哈尔滨市直属机关工作委员会"};

static void free_committees(struct xf_config *cfg)
{
    for (size_t i = 0; i < cfg->n_naming_committees; i++)
        free(cfg->naming_committees[i]);
    free(cfg->naming_committees);
    cfg->naming_committees = NULL;
    cfg->n_naming_committees = 0;
}

static void default_committee_list(struct xf_config *cfg)
{
    size_t n = ARRAY_LEN(default_committees);
    cfg->naming_committees = xcalloc(n, sizeof *cfg->naming_committees);
    cfg->n_naming_committees = n;
    for (size_t i = 0; i < n; i++)
        cfg->naming_committees[i] = xstrdup(default_committees[i]);
}

static void default_calendar(struct xf_calendar *cal)
{
    for (size_t i = 0; i < ARRAY_LEN(default_holidays); i++)
        xf_calendar_add(cal, default_holidays[i], false, NULL);
    for (size_t i = 0; i < ARRAY_LEN(default_workdays); i++)
        xf_calendar_add(cal, default_workdays[i], true, NULL);
}

void xf_config_defaults(struct xf_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    map_defaults(root_map, ARRAY_LEN(root_map), cfg);
    default_lists(cfg);
    default_committee_list(cfg);
    default_calendar(&cfg->calendar);
}

/* ---- freeing ----------------------------------------------------------- */

static void free_categories(struct xf_config *cfg)
{
    for (size_t i = 0; i < cfg->n_categories; i++) {
        free(cfg->categories[i].name);
        free(cfg->categories[i].label);
        free(cfg->categories[i].label_en);
    }
    free(cfg->categories);
    cfg->categories = NULL;
    cfg->n_categories = 0;
}

static void free_checklists(struct xf_config *cfg)
{
    for (size_t i = 0; i < cfg->n_checklists; i++) {
        struct xf_checklist *cl = &cfg->checklists[i];
        for (size_t j = 0; j < cl->n_items; j++)
            free(cl->items[j].label);
        free(cl->items);
        free(cl->name);
        free(cl->kind);
    }
    free(cfg->checklists);
    cfg->checklists = NULL;
    cfg->n_checklists = 0;
}

static void free_users(struct xf_config *cfg)
{
    for (size_t i = 0; i < cfg->n_users; i++) {
        struct xf_user *u = &cfg->users[i];
        for (size_t j = 0; j < u->n_scopes; j++)
            free(u->scopes[j]);
        free(u->scopes);
        free(u->login);
        free(u->name);
    }
    free(cfg->users);
    cfg->users = NULL;
    cfg->n_users = 0;
}

static void free_keys(struct xf_config *cfg)
{
    for (size_t i = 0; i < cfg->n_keys; i++) {
        free(cfg->keys[i].action);
        free(cfg->keys[i].key);
        free(cfg->keys[i].file);
    }
    free(cfg->keys);
    cfg->keys = NULL;
    cfg->n_keys = 0;
}

void xf_config_free(struct xf_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->source);
    free(cfg->db_path);
    free(cfg->language);
    free(cfg->service_account);
    free_categories(cfg);
    free_checklists(cfg);
    free_users(cfg);
    free_keys(cfg);
    free_committees(cfg);
    xf_calendar_free(&cfg->calendar);
    memset(cfg, 0, sizeof *cfg);
}

/* ---- errors ------------------------------------------------------------ */

struct ctx {
    const char *file;
    struct xf_error *err;
};

int xf_config_err(struct xf_error *err, const char *file, int line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line > 0)
        xf_err(err, XF_ECONFIG, "", "%s:%d: %s", file, line, what);
    else
        xf_err(err, XF_ECONFIG, "", "%s: %s", file, what);
    if (err)
        err->line = line;
    return XF_ECONFIG;
}

/* Fills err with "FILE:LINE: what" for setting s. */
__attribute__((format(printf, 3, 4)))
static int fail(const struct ctx *c, const config_setting_t *s, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *file = s && config_setting_source_file(s) ? config_setting_source_file(s)
                                                           : c->file;
    int line = s ? (int)config_setting_source_line(s) : 0;
    return xf_config_err(c->err, file, line, "%s", what);
}

static const char *found_desc(const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_GROUP: return _("a group { ... }");
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return _("an integer");
    case CONFIG_TYPE_FLOAT: return _("a decimal number");
    case CONFIG_TYPE_STRING: return _("a string");
    case CONFIG_TYPE_BOOL: return _("true/false");
    case CONFIG_TYPE_ARRAY: return _("an array [ ... ]");
    case CONFIG_TYPE_LIST: return _("a list ( ... )");
    default: return _("nothing");
    }
}

static const char *wanted_desc(enum ctype t)
{
    switch (t) {
    case CT_STR: return _("a string in double quotes");
    case CT_DBL: return _("a number");
    case CT_INT: return _("an integer");
    case CT_BOOL: return _("true or false");
    }
    return "";
}

static int type_error(const struct ctx *c, const config_setting_t *s, const char *prefix,
                      const char *key, const char *wanted)
{
    return fail(c, s, _("%s%s must be %s, not %s"), prefix, key, wanted, found_desc(s));
}

/* ---- known keys -------------------------------------------------------- */

struct keyset {
    const struct confmap *map;
    size_t n;
    const char *const *extra;
};

enum key_kind { KEY_UNKNOWN, KEY_LEAF, KEY_GROUP };

static enum key_kind match_key(const char *known, const char *path)
{
    size_t n = strlen(path);
    if (strcmp(known, path) == 0)
        return KEY_LEAF;
    if (strncmp(known, path, n) == 0 && known[n] == '.')
        return KEY_GROUP;
    return KEY_UNKNOWN;
}

static enum key_kind key_kind(const struct keyset *ks, const char *path)
{
    enum key_kind k = KEY_UNKNOWN;
    for (size_t i = 0; i < ks->n && !k; i++)
        k = match_key(ks->map[i].path, path);
    for (size_t i = 0; ks->extra[i] && !k; i++)
        k = match_key(ks->extra[i], path);
    return k;
}

/* Rejects any member of group (path rel under prefix) the keyset does not
 * know, so a misspelt key is an error rather than silently ignored. */
static int check_group(const struct ctx *c, const config_setting_t *group, const char *prefix,
                       const char *rel, const struct keyset *ks)
{
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        char path[256];
        int len = snprintf(path, sizeof path, "%s%s%s", rel, *rel ? "." : "",
                           config_setting_name(m));
        enum key_kind k = len < (int)sizeof path ? key_kind(ks, path) : KEY_UNKNOWN;
        if (k == KEY_UNKNOWN)
            return fail(c, m, _("unknown key %s%s"), prefix, path);
        if (k == KEY_GROUP && !config_setting_is_group(m))
            return fail(c, m, _("%s%s must be a group { ... }, not %s"), prefix, path,
                        found_desc(m));
        if (k == KEY_GROUP) {
            int rc = check_group(c, m, prefix, path, ks);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* ---- scalar keys ------------------------------------------------------- */

static bool in_choices(const char *const *choices, const char *val)
{
    for (size_t i = 0; choices[i]; i++)
        if (strcmp(choices[i], val) == 0)
            return true;
    return false;
}

static void join_choices(const char *const *choices, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; choices[i] && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s\"%s\"", i ? ", " : "",
                                 choices[i]);
}

static int apply_str(const struct ctx *c, const config_setting_t *s, const char *prefix,
                     const struct confmap *m, void *base)
{
    const char *val = config_setting_get_string(s);
    if (config_setting_type(s) != CONFIG_TYPE_STRING || !val)
        return type_error(c, s, prefix, m->path, wanted_desc(m->type));
    if (strlen(val) < (size_t)m->min)
        return fail(c, s, _("%s%s must not be empty"), prefix, m->path);
    if (m->choices && !in_choices(m->choices, val)) {
        char list[128];
        join_choices(m->choices, list, sizeof list);
        return fail(c, s, _("%s%s must be one of %s, not \"%s\""), prefix, m->path, list, val);
    }
    set_str(field(base, m->off), val);
    return 0;
}

/* Integers are accepted for booleans (0/1) as libconfig's own API allows,
 * and for decimals; a decimal where a whole number is wanted is an error. */
static bool get_number(const config_setting_t *s, enum ctype t, double *v)
{
    int ty = config_setting_type(s);
    if (ty == CONFIG_TYPE_INT || ty == CONFIG_TYPE_INT64)
        *v = (double)config_setting_get_int64(s);
    else if (ty == CONFIG_TYPE_FLOAT && t == CT_DBL)
        *v = config_setting_get_float(s);
    else if (ty == CONFIG_TYPE_BOOL && t == CT_BOOL)
        *v = config_setting_get_bool(s);
    else
        return false;
    return true;
}

static int apply_num(const struct ctx *c, const config_setting_t *s, const char *prefix,
                     const struct confmap *m, void *base)
{
    double v;
    if (!get_number(s, m->type, &v))
        return type_error(c, s, prefix, m->path, wanted_desc(m->type));
    if (m->type == CT_BOOL && v != 0 && v != 1)
        return fail(c, s, _("%s%s must be true or false, not %g"), prefix, m->path, v);
    if (v < m->min || v > m->max)
        return fail(c, s, _("%s%s must be between %g and %g, not %g"), prefix, m->path,
                    m->min, m->max, v);
    void *p = field(base, m->off);
    if (m->type == CT_DBL)
        *(double *)p = v;
    else if (m->type == CT_INT)
        *(int *)p = (int)v;
    else
        *(bool *)p = v != 0;
    return 0;
}

static int apply_map(const struct ctx *c, config_setting_t *group, const char *prefix,
                     const struct confmap *map, size_t n, void *base)
{
    for (size_t i = 0; i < n; i++) {
        const struct confmap *m = &map[i];
        const config_setting_t *s = config_setting_lookup(group, m->path);
        int rc = 0;
        if (!s && m->required)
            rc = fail(c, group, _("%s%s is missing"), prefix, m->path);
        else if (s && m->type == CT_STR)
            rc = apply_str(c, s, prefix, m, base);
        else if (s)
            rc = apply_num(c, s, prefix, m, base);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- lists of groups --------------------------------------------------- */

struct seqdef {
    const struct confmap *map;
    size_t n_map;
    const char *const *extra;
    size_t size;          /* element struct */
    const char *name_key; /* key whose value must be unique, or NULL */
    size_t name_off;      /* offsetof its char * field */
    bool allow_empty;
    int (*more)(const struct ctx *c, config_setting_t *elem, const char *prefix, void *out);
};

static bool is_seq(const config_setting_t *s)
{
    return config_setting_is_list(s) || config_setting_is_array(s);
}

static int load_elem(const struct ctx *c, config_setting_t *e, const char *path, size_t i,
                     const struct seqdef *d, void *out)
{
    char prefix[200];
    snprintf(prefix, sizeof prefix, "%s[%zu].", path, i);
    map_defaults(d->map, d->n_map, out);
    if (!config_setting_is_group(e))
        return fail(c, e, _("%s[%zu] must be a group { ... }, not %s"), path, i, found_desc(e));
    const struct keyset ks = {d->map, d->n_map, d->extra};
    int rc = check_group(c, e, prefix, "", &ks);
    if (!rc)
        rc = apply_map(c, e, prefix, d->map, d->n_map, out);
    if (!rc && d->more)
        rc = d->more(c, e, prefix, out);
    return rc;
}

static const char *elem_name(const struct seqdef *d, const void *arr, size_t i)
{
    return *(char *const *)((const char *)arr + i * d->size + d->name_off);
}

static int check_unique(const struct ctx *c, const config_setting_t *list, const char *path,
                        const struct seqdef *d, const void *arr, size_t i)
{
    if (!d->name_key)
        return 0;
    const char *name = elem_name(d, arr, i);
    for (size_t j = 0; j < i; j++) {
        if (strcmp(name, elem_name(d, arr, j)) != 0)
            continue;
        const config_setting_t *first = config_setting_get_elem(list, (unsigned)j);
        const config_setting_t *again = config_setting_get_elem(list, (unsigned)i);
        return fail(c, config_setting_get_member(again, d->name_key),
                    _("%s: duplicate %s \"%s\" (first on line %d)"), path, d->name_key, name,
                    (int)config_setting_source_line(first));
    }
    return 0;
}

/* Loads list into a new array (*arr, *n), which holds whatever was loaded
 * even on failure so the caller can store it and free it the usual way. */
static int load_seq(const struct ctx *c, config_setting_t *list, const char *path,
                    const struct seqdef *d, void **arr, size_t *n)
{
    if (!is_seq(list))
        return fail(c, list, _("%s must be a list ( ... ), not %s"), path, found_desc(list));
    size_t len = (size_t)config_setting_length(list);
    if (len == 0 && !d->allow_empty)
        return fail(c, list, _("%s must not be empty"), path);
    *arr = xcalloc(len, d->size);
    for (size_t i = 0; i < len; i++) {
        void *out = (char *)*arr + i * d->size;
        *n = i + 1;
        int rc = load_elem(c, config_setting_get_elem(list, (unsigned)i), path, i, d, out);
        if (!rc)
            rc = check_unique(c, list, path, d, *arr, i);
        if (rc)
            return rc;
    }
    return 0;
}

static const struct seqdef item_def = {
    item_map, ARRAY_LEN(item_map), no_extra, sizeof(struct xf_check_item),
    NULL, 0, false, NULL,
};

static int checklist_items(const struct ctx *c, config_setting_t *e, const char *prefix,
                           void *out)
{
    struct xf_checklist *cl = out;
    char path[224];
    snprintf(path, sizeof path, "%sitems", prefix);
    config_setting_t *s = config_setting_get_member(e, "items");
    if (!s)
        return fail(c, e, _("%s is missing: a checklist needs at least one item"), path);
    void *arr = NULL;
    size_t n = 0;
    int rc = load_seq(c, s, path, &item_def, &arr, &n);
    cl->items = arr;
    cl->n_items = n;
    return rc;
}

static int user_role(const struct ctx *c, config_setting_t *e, const char *prefix,
                     struct xf_user *u)
{
    const config_setting_t *s = config_setting_get_member(e, "role");
    if (!s)
        return fail(c, e, _("%s%s is missing"), prefix, "role");
    const char *val = config_setting_get_string(s);
    if (!val)
        return type_error(c, s, prefix, "role", wanted_desc(CT_STR));
    if (xf_role_parse(val, &u->role) != XF_OK)
        return fail(c, s,
                    _("%srole: unknown role \"%s\" (known: admin, organiser, supervisor, "
                      "inspector, handler, viewer)"),
                    prefix, val);
    return 0;
}

static int user_scopes(const struct ctx *c, config_setting_t *e, const char *prefix,
                       struct xf_user *u)
{
    const config_setting_t *s = config_setting_get_member(e, "scopes");
    if (!s)
        return 0;
    if (!is_seq(s))
        return fail(c, s, _("%sscopes must be a list of unit codes [ \"D001\" ], not %s"),
                    prefix, found_desc(s));
    size_t n = (size_t)config_setting_length(s);
    u->scopes = xcalloc(n, sizeof *u->scopes);
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(s, (unsigned)i);
        const char *val = config_setting_get_string(el);
        if (!val || !*val)
            return fail(c, el, _("%sscopes[%zu] must be a unit code in double quotes"),
                        prefix, i);
        u->scopes[i] = xstrdup(val);
        u->n_scopes = i + 1;
    }
    return 0;
}

static int user_more(const struct ctx *c, config_setting_t *e, const char *prefix, void *out)
{
    int rc = user_role(c, e, prefix, out);
    return rc ? rc : user_scopes(c, e, prefix, out);
}

static const struct seqdef category_def = {
    category_map, ARRAY_LEN(category_map), no_extra, sizeof(struct xf_category),
    "name", offsetof(struct xf_category, name), false, NULL,
};

static const struct seqdef checklist_def = {
    checklist_map, ARRAY_LEN(checklist_map), checklist_extra, sizeof(struct xf_checklist),
    "name", offsetof(struct xf_checklist, name), false, checklist_items,
};

static const struct seqdef user_def = {
    user_map, ARRAY_LEN(user_map), user_extra, sizeof(struct xf_user),
    "login", offsetof(struct xf_user, login), true, user_more,
};

static int load_categories(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    config_setting_t *s = config_lookup(lc, "complaints.categories");
    if (!s)
        return 0;
    free_categories(cfg);
    void *arr = NULL;
    size_t n = 0;
    int rc = load_seq(c, s, "complaints.categories", &category_def, &arr, &n);
    cfg->categories = arr;
    cfg->n_categories = n;
    return rc;
}

static int load_checklists(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    config_setting_t *s = config_lookup(lc, "inspections.checklists");
    if (!s)
        return 0;
    free_checklists(cfg);
    void *arr = NULL;
    size_t n = 0;
    int rc = load_seq(c, s, "inspections.checklists", &checklist_def, &arr, &n);
    cfg->checklists = arr;
    cfg->n_checklists = n;
    return rc;
}

static int load_users(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    config_setting_t *s = config_lookup(lc, "users");
    if (!s)
        return 0;
    free_users(cfg);
    void *arr = NULL;
    size_t n = 0;
    int rc = load_seq(c, s, "users", &user_def, &arr, &n);
    cfg->users = arr;
    cfg->n_users = n;
    return rc;
}

/* ---- key bindings -------------------------------------------------------- */

static void add_key(struct xf_config *cfg, const char *action, const config_setting_t *s,
                    const char *file)
{
    struct xf_keybind *k = realloc(cfg->keys, (cfg->n_keys + 1) * sizeof *k);
    if (!k)
        abort();
    cfg->keys = k;
    k += cfg->n_keys++;
    k->action = xstrdup(action);
    k->key = xstrdup(config_setting_get_string(s));
    k->file = xstrdup(config_setting_source_file(s) ? config_setting_source_file(s) : file);
    k->line = (int)config_setting_source_line(s);
}

/* keys = { page-down = [ "PgDn", "Ctrl-F" ]; quit = "q"; }: each action
 * named by a string or a list of strings. */
static int load_keys(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    config_setting_t *g = config_lookup(lc, "keys");
    if (!g)
        return 0;
    if (!config_setting_is_group(g))
        return fail(c, g, _("keys must be a group { action = \"key\"; }, not %s"),
                    found_desc(g));
    for (int i = 0; i < config_setting_length(g); i++) {
        config_setting_t *a = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(a);
        if (config_setting_type(a) == CONFIG_TYPE_STRING) {
            add_key(cfg, name, a, c->file);
            continue;
        }
        if (is_seq(a) && config_setting_length(a) == 0) /* said apart: it is a list */
            return fail(c, a, _("keys.%s lists no key; name at least one, such as "
                                "[ \"Down\" ], or leave the line out for the usual keys"),
                        name);
        if (!is_seq(a))
            return fail(c, a, _("keys.%s must be a key name or a list of key names, not %s"),
                        name, found_desc(a));
        for (int j = 0; j < config_setting_length(a); j++) {
            config_setting_t *k = config_setting_get_elem(a, (unsigned)j);
            if (config_setting_type(k) != CONFIG_TYPE_STRING)
                return fail(c, k, _("keys.%s: each key must be a string such as \"Ctrl-F\""),
                            name);
            add_key(cfg, name, k, c->file);
        }
    }
    return 0;
}

/* ---- calendar ---------------------------------------------------------- */

static int load_dates(const struct ctx *c, config_setting_t *group, const char *key,
                      bool workday, struct xf_calendar *cal)
{
    const config_setting_t *s = config_setting_get_member(group, key);
    if (!s)
        return 0;
    if (!is_seq(s))
        return fail(c, s, _("calendar.%s must be a list of dates [ \"2026-01-01\" ], not %s"),
                    key, found_desc(s));
    for (int i = 0; i < config_setting_length(s); i++) {
        const config_setting_t *el = config_setting_get_elem(s, (unsigned)i);
        const char *date = config_setting_get_string(el);
        if (!date)
            return fail(c, el, _("calendar.%s must hold dates in double quotes, not %s"), key,
                        found_desc(el));
        if (!xf_date_valid(date))
            return fail(c, el, _("calendar.%s: \"%s\" is not a valid date (YYYY-MM-DD)"), key,
                        date);
        struct xf_error e2 = {0};
        if (xf_calendar_add(cal, date, workday, &e2) != 0)
            return fail(c, el, "calendar.%s: %s", key, e2.msg);
    }
    return 0;
}

/* posts.naming_committees replaces the built-in list: names in quotes,
 * each at most 100 characters. */
static int load_committees(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    const config_setting_t *s = config_lookup(lc, "posts.naming_committees");
    if (!s)
        return 0;
    if (!is_seq(s))
        return fail(c, s, _("posts.naming_committees must be a list of names [ \"中共…市委\" ], "
                            "not %s"),
                    found_desc(s));
    free_committees(cfg);
    int n = config_setting_length(s);
    cfg->naming_committees = xcalloc(n > 0 ? (size_t)n : 1, sizeof *cfg->naming_committees);
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(s, (unsigned)i);
        const char *name = config_setting_get_string(el);
        size_t len = name ? strlen(name) : 0, chars = 0;
        for (size_t k = 0; k < len; k++)
            chars += ((unsigned char)name[k] & 0xC0) != 0x80;
        /* as a name typed in the form is kept: trimmed, at most 100 */
        if (!name || !*name || !xf_utf8_valid(name, len) || chars > 100 || name[0] == ' ' ||
            name[len - 1] == ' ')
            return fail(c, el, _("posts.naming_committees must hold names in double quotes, "
                                 "1 to 100 characters, without spaces around them"));
        for (size_t k = 0; k < cfg->n_naming_committees; k++)
            if (strcmp(cfg->naming_committees[k], name) == 0)
                return fail(c, el, _("posts.naming_committees names \"%s\" twice"), name);
        cfg->naming_committees[cfg->n_naming_committees++] = xstrdup(name);
    }
    return 0;
}

/* A calendar group in the file replaces the built-in calendar entirely;
 * a list it leaves out is empty. */
static int load_calendar(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    config_setting_t *s = config_lookup(lc, "calendar");
    if (!s)
        return 0;
    xf_calendar_free(&cfg->calendar);
    int rc = load_dates(c, s, "holidays", false, &cfg->calendar);
    return rc ? rc : load_dates(c, s, "workdays", true, &cfg->calendar);
}

/* ---- the file ---------------------------------------------------------- */

static int check_weights(const struct ctx *c, config_t *lc, const struct xf_config *cfg)
{
    if (cfg->weight_deputies + cfg->weight_recipients + cfg->weight_public > 0)
        return 0;
    const config_setting_t *s = config_lookup(lc, "rules.weights");
    return fail(c, s, _("rules.weights: at least one weight must be above zero"));
}

/* A relative database.path is read from the config file's directory, as
 * its writer meant it, not from wherever the program happens to start. */
static int anchor_db_path(const struct ctx *c, struct xf_config *cfg)
{
    if (!cfg->db_path || cfg->db_path[0] == '/' || !cfg->db_path[0])
        return XF_OK;
    const char *slash = strrchr(c->file, '/');
    if (!slash)
        return XF_OK; /* the config is in the current directory itself */
    char *full = NULL;
    if (asprintf(&full, "%.*s/%s", (int)(slash - c->file), c->file, cfg->db_path) < 0)
        return xf_err(c->err, XF_EIO, "", _("out of memory"));
    free(cfg->db_path);
    cfg->db_path = full;
    return XF_OK;
}

static int load_root(const struct ctx *c, config_t *lc, struct xf_config *cfg)
{
    static const struct keyset ks = {root_map, ARRAY_LEN(root_map), root_extra};
    config_setting_t *root = config_root_setting(lc);
    int rc = check_group(c, root, "", "", &ks);
    if (!rc)
        rc = apply_map(c, root, "", root_map, ARRAY_LEN(root_map), cfg);
    if (!rc)
        rc = check_weights(c, lc, cfg);
    if (!rc)
        rc = load_categories(c, lc, cfg);
    if (!rc)
        rc = load_checklists(c, lc, cfg);
    if (!rc)
        rc = load_calendar(c, lc, cfg);
    if (!rc)
        rc = load_committees(c, lc, cfg);
    if (!rc)
        rc = load_users(c, lc, cfg);
    if (!rc)
        rc = load_keys(c, lc, cfg);
    if (!rc)
        rc = anchor_db_path(c, cfg);
    return rc;
}

/* Editors on Windows start a UTF-8 file with a byte-order mark, which
 * libconfig reads as a syntax error on line 1. */
static bool starts_with_bom(const char *path)
{
    unsigned char b[3] = {0};
    FILE *f = fopen(path, "rb");
    bool bom = f && fread(b, 1, 3, f) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
    if (f)
        fclose(f);
    return bom;
}

/* libconfig's parse errors are English and say what broke, not what to do;
 * the ones it can give are said here in the user's language. */
static const char *parse_error_text(const char *text)
{
    static const struct {
        const char *lib;
        const char *ours;
    } known[] = {
        {"syntax error", N_("syntax error: check the line for a missing ; or \" or an unclosed "
                            "bracket")},
        {"mismatched element type in array",
         N_("an array [ ... ] holds values of one type only: all in double quotes, or all "
            "numbers")},
        {"duplicate setting name", N_("this setting is given twice in the same group")},
        {"include file nesting too deep", N_("@include files nest too deep")},
        {"cannot open include file", N_("cannot open the @include file")},
    };
    for (size_t i = 0; text && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(text, known[i].lib) == 0)
            return _(known[i].ours);
    return text ? text : "";
}

static int read_error(const struct ctx *c, const config_t *lc)
{
    if (config_error_type(lc) == CONFIG_ERR_FILE_IO)
        return xf_err(c->err, XF_ECONFIG, "", _("%s: cannot read the configuration file: %s"),
                      c->file, strerror(errno));
    const char *file = config_error_file(lc) ? config_error_file(lc) : c->file;
    int line = config_error_line(lc);
    if (line == 1 && starts_with_bom(file))
        return xf_config_err(c->err, file, line, "%s",
                             _("the file starts with a byte-order mark (BOM); save it as UTF-8 "
                               "without one"));
    return xf_config_err(c->err, file, line, "%s", parse_error_text(config_error_text(lc)));
}

/* libconfig takes any bytes in a string: a file saved in GBK (as Chinese
 * Windows editors do by default) gave users garbled names. The first line
 * that is not UTF-8 is named (of the first CONFIG_MAX_BYTES). */
#define CONFIG_MAX_BYTES (4 << 20)
static int check_utf8(const char *path, struct xf_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return XF_OK; /* libconfig says why */
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap || cap >= CONFIG_MAX_BYTES)
            break;
        char *more = realloc(buf, cap *= 2);
        if (!more) {
            free(buf);
            buf = NULL;
        } else {
            buf = more;
        }
    }
    fclose(f);
    if (!buf)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = XF_OK, line = 1;
    for (size_t at = 0; !rc && at < len; line++) {
        char *nl = memchr(buf + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - buf) + 1 : len;
        if (!xf_utf8_valid(buf + at, end - at))
            rc = xf_config_err(err, path, line, "%s",
                               _("this line is not UTF-8 text (it may be GBK); save the file "
                                 "as UTF-8"));
        at = end;
    }
    free(buf);
    return rc;
}

static int load_file(const char *path, struct xf_config *cfg, struct xf_error *err)
{
    const struct ctx c = {path, err};
    config_t lc;
    config_init(&lc);
    set_str(&cfg->source, path);
    int rc = check_utf8(path, err);
    if (rc) {
        config_destroy(&lc);
        return rc;
    }
    rc = config_read_file(&lc, path) ? load_root(&c, &lc, cfg) : read_error(&c, &lc);
    config_destroy(&lc);
    return rc;
}

/* Which file to read: --config, else $XIANFENG_CONFIG (when set and not
 * empty), else the system file, which alone may be absent. */
static const char *pick_path(const char *explicit_path, const char **origin)
{
    const char *env = getenv(ENV_VAR);
    if (explicit_path) {
        *origin = "--config";
        return explicit_path;
    }
    if (env && *env) {
        *origin = "$" ENV_VAR;
        return env;
    }
    *origin = NULL;
    return XF_CONFIG_SYSTEM_PATH;
}

int xf_config_load(const char *explicit_path, struct xf_config *cfg, struct xf_error *err)
{
    const char *origin;
    const char *path = pick_path(explicit_path, &origin);
    xf_config_defaults(cfg);
    xf_err_clear(err);
    FILE *f = fopen(path, "r");
    if (!f && errno == ENOENT && !origin)
        return XF_OK;
    if (!f && origin)
        return xf_err(err, XF_ECONFIG, "", _("%s (from %s): cannot open the configuration file: %s"),
                      path, origin, strerror(errno));
    if (!f)
        return xf_err(err, XF_ECONFIG, "", _("%s: cannot open the configuration file: %s"), path,
                      strerror(errno));
    struct stat st;
    bool dir = fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode);
    fclose(f);
    if (dir)
        return xf_err(err, XF_ECONFIG, "", _("%s is a directory, not a configuration file"),
                      path);
    return load_file(path, cfg, err);
}

/* ---- lookups ----------------------------------------------------------- */

const struct xf_category *xf_config_category(const struct xf_config *cfg, const char *name)
{
    for (size_t i = 0; cfg && name && i < cfg->n_categories; i++)
        if (strcmp(cfg->categories[i].name, name) == 0)
            return &cfg->categories[i];
    return NULL;
}

const struct xf_category *xf_config_category_by_label(const struct xf_config *cfg,
                                                      const char *label)
{
    for (size_t i = 0; cfg && label && i < cfg->n_categories; i++)
        if (cfg->categories[i].label && strcmp(cfg->categories[i].label, label) == 0)
            return &cfg->categories[i];
    for (size_t i = 0; cfg && label && i < cfg->n_categories; i++)
        if (cfg->categories[i].label_en && *cfg->categories[i].label_en &&
            strcmp(cfg->categories[i].label_en, label) == 0)
            return &cfg->categories[i];
    return NULL;
}

/* The catalogue in use says which language the interface speaks: the
 * English one (or none) keeps this msgid as it is. */
static bool interface_english(void)
{
    /* TRANSLATORS: the code of this catalogue's language; keep "en" in English. */
    return strcmp(_("en"), "en") == 0;
}

const char *xf_category_label(const struct xf_category *cat)
{
    if (!cat)
        return NULL;
    if (interface_english() && cat->label_en && *cat->label_en)
        return cat->label_en;
    return cat->label && *cat->label ? cat->label : cat->name;
}

const struct xf_checklist *xf_config_checklist(const struct xf_config *cfg, const char *name)
{
    for (size_t i = 0; cfg && name && i < cfg->n_checklists; i++)
        if (strcmp(cfg->checklists[i].name, name) == 0)
            return &cfg->checklists[i];
    return NULL;
}

const struct xf_user *xf_config_user(const struct xf_config *cfg, const char *login)
{
    for (size_t i = 0; cfg && login && i < cfg->n_users; i++)
        if (strcmp(cfg->users[i].login, login) == 0)
            return &cfg->users[i];
    return NULL;
}
