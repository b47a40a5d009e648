/* Units and members: validation, permissions and the unit tree's rules. */
#include "xf/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xf/conflict.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/store_pledge.h"
#include "xf/store_post.h"
#include "xf/store_restore.h"
#include "xf/text.h"

#define NAME_MAX_UNIT 200
#define NAME_MAX_MEMBER 100
#define TRADE_MAX 100
#define PARTY_ORG_MAX 200
#define POSITION_MAX 100
#define LOGIN_MAX 64

static const char *const unit_kinds[] = {"department", "office", "outlet", "window", NULL};

/* ---- shared field checks ---------------------------------------------- */

static bool code_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

int xf_unit_check_code(const char *code, const char *field, struct xf_error *err)
{
    if (!code || !*code)
        return xf_err(err, XF_EINVAL, field, _("a code is required"));
    size_t n = strlen(code);
    if (n > XF_CODE_MAX)
        return xf_err(err, XF_EINVAL, field,
                      _("the code is %zu characters long; at most %d are allowed"), n,
                      XF_CODE_MAX);
    for (size_t i = 0; i < n; i++)
        if (!code_char((unsigned char)code[i]))
            return xf_err(err, XF_EINVAL, field,
                          _("a code may contain only the letters A-Z and a-z, digits, "
                            "'_', '.' and '-'"));
    return XF_OK;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A field as a message names it: its label, not its column. "name" alone
 * is a thing's (a unit's, a project's): 名称, where a person's is 姓名. */
static const char *field_word(const char *field)
{
    if (strcmp(field, "name") == 0)
        return xf_gettext_ctx(NC_("thing", "name"));
    return xf_history_field_label(field);
}

static int check_text_as(const char *s, const char *field, const char *label, size_t max,
                         bool required, bool multiline, struct xf_error *err)
{
    if (xf_text_blank(s))
        return required ? xf_err(err, XF_EINVAL, field, _("%s is required; fill it in"), label)
                        : XF_OK;
    if (!xf_utf8_valid(s, strlen(s)))
        return xf_err(err, XF_EINVAL, field,
                      _("the text is not valid UTF-8; retype it or save the file as UTF-8"));
    size_t n = utf8_chars(s);
    if (n > max)
        return xf_err(err, XF_EINVAL, field,
                      _("the text is %zu characters long; at most %zu are allowed"), n, max);
    return xf_unit_check_controls(s, field, multiline, err);
}

/* What the character is, to a reader who cannot see it. */
static const char *control_kind(unsigned cp)
{
    if (cp == '\n' || cp == '\r')
        return _("a line break, in a field of one line");
    if (cp == '\t')
        return _("a tab");
    if (cp == 0x1B)
        return _("a control character (the escape that starts a terminal escape sequence)");
    if (cp == 0x2028 || cp == 0x2029)
        return _("a line or paragraph separator");
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return _("a control character");
    /* TRANSLATORS: U+202E and its kind: they make text read in another order */
    return _("an invisible control character that changes the direction of the text");
}

int xf_unit_check_controls(const char *s, const char *field, bool multiline, struct xf_error *err)
{
    unsigned cp;
    size_t pos, byte;
    if (!xf_text_find_control_char(s, multiline, &cp, &pos, &byte))
        return XF_OK;
    /* The few characters before it: where to look, when the character
     * count is off (a cell's invisible zero-width spaces are dropped on
     * import, before the count). */
    size_t from = byte;
    for (int k = 0; k < 8 && from > 0; k++)
        do
            from--;
        while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80);
    char *before = strndup(s + from, byte - from);
    char *shown = before ? xf_text_sanitize(before, false) : NULL;
    free(before);
    int rc = shown && *shown
                 ? xf_err(err, XF_EINVAL, field,
                          _("character %zu is U+%04X, %s; delete it and try again (it comes "
                            "after \u201c%s\u201d)"),
                          pos, cp, control_kind(cp), shown)
                 : xf_err(err, XF_EINVAL, field,
                          _("character %zu is U+%04X, %s; delete it and try again"), pos, cp,
                          control_kind(cp));
    free(shown);
    return rc;
}

static int check_text(const char *s, const char *field, size_t max, bool required,
                      bool multiline, struct xf_error *err)
{
    return check_text_as(s, field, field_word(field), max, required, multiline, err);
}

int xf_unit_check_text(const char *s, const char *field, size_t max, bool required,
                       struct xf_error *err)
{
    return check_text(s, field, max, required, true, err);
}

int xf_unit_check_line(const char *s, const char *field, size_t max, bool required,
                       struct xf_error *err)
{
    return check_text(s, field, max, required, false, err);
}

int xf_unit_parse_bool(const char *s, bool dflt, bool *out, const char *field,
                       struct xf_error *err)
{
    static const char *const yes[] = {"1", "是", "yes", "true", "y", NULL};
    static const char *const no[] = {"0", "否", "no", "false", "n", NULL};
    if (!s || !*s) {
        *out = dflt;
        return XF_OK;
    }
    for (size_t i = 0; yes[i]; i++)
        if (!strcasecmp(s, yes[i])) {
            *out = true;
            return XF_OK;
        }
    for (size_t i = 0; no[i]; i++)
        if (!strcasecmp(s, no[i])) {
            *out = false;
            return XF_OK;
        }
    return xf_err(err, XF_EINVAL, field,
                  _("'%s' is not a yes/no value; write 1 or 0 (also 是/否, yes/no, true/false)"),
                  s);
}

static bool scoped(const struct xf_ctx *ctx)
{
    return ctx->user && ctx->user->n_scopes > 0;
}

int xf_unit_scope_paths(const struct xf_ctx *ctx, char **json, struct xf_error *err)
{
    *json = NULL;
    if (!scoped(ctx))
        return XF_OK;
    size_t cap = 3, len = 1;
    char *s = malloc(cap);
    if (!s)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    s[0] = '[';
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        char *path = xf_store_unit_path_of(ctx->db, ctx->user->scopes[i]);
        if (!path)
            continue; /* a scope naming no unit grants nothing */
        /* a comma, two quotes, and room left for the closing "]" and NUL */
        size_t need = len + strlen(path) + 5;
        char *t = need > cap ? realloc(s, cap = need * 2) : s;
        if (!t) {
            free(path);
            free(s);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
        s = t;
        /* Paths hold only digits and '/', so no JSON escaping is needed. */
        len += (size_t)sprintf(s + len, "%s\"%s\"", len > 1 ? "," : "", path);
        free(path);
    }
    s[len++] = ']';
    s[len] = '\0';
    *json = s;
    return XF_OK;
}

char *xf_unit_scope_names(const struct xf_ctx *ctx)
{
    if (!ctx->user || !ctx->user->n_scopes)
        return NULL;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    bool any = false;
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        struct xf_unit u = {0};
        struct xf_error err = {0};
        int rc = xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &u, &err);
        if (rc == XF_OK) {
            /* with its department: "市城建委 › 服务大厅", not a bare 服务大厅 */
            char *place = xf_store_unit_line(ctx->db, u.id);
            /* TRANSLATORS: between the names of a list ("A, B"; 、in Chinese) */
            fprintf(f, "%s%s", any ? xf_gettext_ctx(NC_("list", ", ")) : "", place ? place : u.name);
            free(place);
            any = true;
        } else if (rc == XF_ENOTFOUND) {
            /* A typo's report left untitled read as the whole city's. */
            fprintf(f, "%s%s", any ? xf_gettext_ctx(NC_("list", ", ")) : "",
                    ctx->user->scopes[i]);
            any = true;
        }
        xf_unit_clear(&u);
    }
    fclose(f);
    if (!any) {
        free(out);
        return NULL;
    }
    return out;
}

/* The part of a unit's name after the place name it shares with its
 * parent's: 道里区市场监督管理局 under 道里区人民政府 reads 市场监督管理局.
 * Only a place name (ending in 区, 市, 县 ...) is dropped, never a shared
 * word nor a bare 市, and a name left shorter than two characters is kept
 * whole. */
static const char *after_shared_place(const char *name, const char *parent)
{
    /* 区 市 县 旗 镇 乡 街道 */
    static const char *const ends[] = {"\u533a", "\u5e02", "\u53bf",      "\u65d7",
                                       "\u9547", "\u4e61", "\u8857\u9053"};
    size_t cut = 0;
    for (size_t i = 0; name[i] && name[i] == parent[i]; i++)
        for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
            size_t n = strlen(ends[e]);
            if (i + 1 >= 6 && memcmp(name + i + 1 - n, ends[e], n) == 0) /* 市 alone stays */
                cut = i + 1;
        }
    return xf_text_width(name + cut) >= 4 ? name + cut : name;
}

char *xf_unit_scope_names_short(const struct xf_ctx *ctx)
{
    static const char arrow[] = " \u203a ";
    if (!ctx->user || ctx->user->n_scopes < 2)
        return NULL;
    size_t n = ctx->user->n_scopes;
    char **lines = calloc(n, sizeof *lines);
    char *out = NULL, *parent = NULL;
    size_t len = 0, plen = 0;
    bool shared = lines != NULL;
    for (size_t i = 0; shared && i < n; i++) {
        struct xf_unit u = {0};
        struct xf_error err = {0};
        if (xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &u, &err) == XF_OK)
            lines[i] = xf_store_unit_line(ctx->db, u.id);
        xf_unit_clear(&u);
        /* only the last step up is shared: "A › B › C" keeps "A › B" */
        char *last = NULL;
        for (char *p = lines[i]; p && (p = strstr(p, arrow)); p += strlen(arrow))
            last = p;
        if (!last) {
            shared = false;
        } else if (i == 0) {
            parent = lines[i];
            plen = (size_t)(last - lines[i]);
        } else {
            shared = (size_t)(last - lines[i]) == plen && memcmp(lines[i], parent, plen) == 0;
        }
    }
    FILE *f = shared ? open_memstream(&out, &len) : NULL;
    if (f) {
        const char *pname = parent; /* the parent's own name, after its parents' */
        for (const char *p = parent; (p = strstr(p, arrow)) && (size_t)(p - parent) < plen;
             p += strlen(arrow))
            pname = p + strlen(arrow);
        char *own = strndup(pname, plen - (size_t)(pname - parent));
        fprintf(f, "%.*s%s", (int)plen, parent, arrow);
        for (size_t i = 0; i < n; i++) {
            const char *name = lines[i] + plen + strlen(arrow);
            fprintf(f, "%s%s", i ? xf_gettext_ctx(NC_("list", ", ")) : "",
                    own ? after_shared_place(name, own) : name);
        }
        free(own);
        fclose(f);
    }
    for (size_t i = 0; lines && i < n; i++)
        free(lines[i]);
    free(lines);
    return out;
}

int xf_unit_unknown_scopes(const struct xf_ctx *ctx,
                           void (*fn)(void *arg, const char *login, const char *code), void *arg,
                           struct xf_error *err)
{
    /* Other users' configuration is the administrator's to read: anyone
     * else hears of their own scope only. */
    bool all = ctx->role == XF_ROLE_ADMIN;
    for (size_t i = 0; i < ctx->cfg->n_users; i++) {
        const struct xf_user *u = &ctx->cfg->users[i];
        if (!all && u != ctx->user)
            continue;
        for (size_t j = 0; j < u->n_scopes; j++) {
            struct xf_unit unit = {0};
            int rc = xf_store_unit_by_code(ctx->db, u->scopes[j], &unit, err);
            xf_unit_clear(&unit);
            if (rc == XF_ENOTFOUND)
                fn(arg, u->login, u->scopes[j]);
            else if (rc)
                return rc;
        }
    }
    xf_err_clear(err);
    return XF_OK;
}

const char *xf_unit_own_unknown_scope(const struct xf_ctx *ctx)
{
    if (!scoped(ctx))
        return NULL;
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        struct xf_unit unit = {0};
        struct xf_error err = {0};
        int rc = xf_store_unit_by_code(ctx->db, ctx->user->scopes[i], &unit, &err);
        xf_unit_clear(&unit);
        if (rc == XF_ENOTFOUND)
            return ctx->user->scopes[i];
    }
    return NULL;
}

int xf_unit_require_unscoped(const struct xf_ctx *ctx, enum xf_perm p, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, p, 0, err);
    if (rc)
        return rc;
    if (scoped(ctx))
        return xf_err(err, XF_EPERM, "",
                      _("%s may act only within their units; a top-level record needs a user "
                        "without a scope"),
                      ctx->login);
    return XF_OK;
}

static int finish(const struct xf_ctx *ctx, int rc, struct xf_error *err)
{
    if (rc) {
        xf_db_rollback(ctx->db);
        return rc;
    }
    return xf_db_commit(ctx->db, err);
}

static int check_version(int64_t seen, int64_t now, const char *what, const char *code,
                         struct xf_error *err)
{
    if (seen == now)
        return XF_OK;
    return xf_err(err, XF_ECONFLICT, "version",
                  _("%s %s was changed by someone else since you opened it; reload it and "
                    "try again"),
                  what, code);
}

/* ---- units --------------------------------------------------------------- */

static int validate_unit_kind(const char *kind, struct xf_error *err)
{
    for (size_t i = 0; unit_kinds[i]; i++)
        if (kind && !strcmp(kind, unit_kinds[i]))
            return XF_OK;
    if (kind && *kind)
        return xf_err(err, XF_EINVAL, "kind",
                      _("the kind must be department, office, outlet or window, not '%s'"),
                      kind);
    return xf_err(err, XF_EINVAL, "kind",
                  _("the kind must be department, office, outlet or window"));
}

static int validate_unit(const struct xf_unit *u, struct xf_error *err)
{
    int rc;
    if ((rc = xf_unit_check_code(u->code, "code", err)) ||
        (rc = xf_unit_check_line(u->name, "name", NAME_MAX_UNIT, true, err)) ||
        (rc = xf_unit_check_line(u->trade, "trade", TRADE_MAX, false, err)) ||
        (rc = xf_unit_check_line(u->party_org, "party_org", PARTY_ORG_MAX, false, err)))
        return rc;
    return validate_unit_kind(u->kind, err);
}

static int unit_code_free(const struct xf_ctx *ctx, const char *code, bool importing,
                          struct xf_error *err)
{
    struct xf_unit other = {0};
    struct xf_error e2 = {0};
    int rc = xf_store_unit_by_code(ctx->db, code, &other, &e2);
    if (rc == XF_ENOTFOUND)
        return xf_code_case_unique(ctx, "unit", code, err);
    if (rc) {
        *err = e2;
        return rc;
    }
    rc = importing ? xf_import_code_taken(err, code, other.name)
                   : xf_err(err, XF_EINVAL, "code", _("the code %s is already used by unit %s"),
                            code, other.name);
    xf_unit_clear(&other);
    return rc;
}

/* The parent of a new or reactivated unit: must exist and, for an active
 * child, be active. field names the input that chose it. */
static int check_parent(const struct xf_ctx *ctx, int64_t parent_id, bool child_active,
                        const char *field, struct xf_error *err)
{
    if (!parent_id)
        return XF_OK;
    struct xf_unit p = {0};
    int rc = xf_store_unit_get(ctx->db, parent_id, &p, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, field, _("the parent unit does not exist"));
    if (!rc && child_active && !p.active)
        rc = xf_err(err, XF_ESTATE, field,
                    _("the parent unit %s is inactive; reactivate it first"), p.name);
    xf_unit_clear(&p);
    return rc;
}

int xf_unit_create(const struct xf_ctx *ctx, struct xf_unit *u, struct xf_error *err)
{
    int rc = u->parent_id ? xf_perm_require(ctx, XF_P_UNIT_EDIT, u->parent_id, err)
                          : xf_unit_require_unscoped(ctx, XF_P_UNIT_EDIT, err);
    if (rc || (rc = validate_unit(u, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "unit.create", err)))
        return rc;
    u->active = true;
    if (!(rc = check_parent(ctx, u->parent_id, true, "parent", err)) &&
        !(rc = unit_code_free(ctx, u->code, false, err)))
        rc = xf_store_unit_insert(ctx->db, u, err);
    return finish(ctx, rc, err);
}

/* Loads unit id for a change after the permission and version checks. */
/* A stale version, told as who changed what (conflict.c). */
static int explain(const struct xf_ctx *ctx, int rc, const char *entity, const char *kind,
                   int64_t id, const char *code, struct xf_error *err)
{
    if (rc != XF_ECONFLICT)
        return rc;
    char what[96];
    snprintf(what, sizeof what, "%s %s", kind, code);
    return xf_conflict_describe(ctx, entity, id, what, err);
}

static int load_unit(const struct xf_ctx *ctx, int64_t id, int64_t version,
                     struct xf_unit *cur, struct xf_error *err)
{
    int rc = xf_store_unit_get(ctx->db, id, cur, err);
    if (!rc)
        rc = explain(ctx, check_version(version, cur->version, _("unit"), cur->code, err),
                     "unit", _("unit"), id, cur->code, err);
    return rc;
}

int xf_unit_edit(const struct xf_ctx *ctx, struct xf_unit *u, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, u->id, err);
    if (rc)
        return rc;
    struct xf_unit cur = {0};
    if ((rc = xf_db_begin(ctx->db, "unit.edit", err)))
        return rc;
    if (!(rc = load_unit(ctx, u->id, u->version, &cur, err))) {
        /* The code is the unit's identity in files and scopes: it stays. */
        struct xf_unit next = cur;
        next.name = u->name;
        next.kind = u->kind;
        next.trade = u->trade ? u->trade : "";
        next.party_org = u->party_org ? u->party_org : "";
        if (!(rc = validate_unit(&next, err)) &&
            !(rc = xf_store_unit_update(ctx->db, &next, err)))
            u->version = next.version;
    }
    xf_unit_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_unit_deactivate_check(const struct xf_ctx *ctx, const struct xf_unit *u,
                             struct xf_error *err)
{
    char *example = NULL;
    int64_t n = 0;
    int rc = xf_store_unit_active_children(ctx->db, u->id, &n, &example, err);
    if (!rc && n > 0)
        rc = xf_err(err, XF_ESTATE, "active",
                    _("unit %s still has %lld active unit(s) below it (such as %s); "
                      "deactivate those first"),
                    u->code, (long long)n, example ? example : "?");
    free(example);
    example = NULL;
    /* An inactive unit has no one on its roll (an import refuses it). */
    if (!rc && !(rc = xf_store_unit_active_members(ctx->db, u->id, &n, &example, err)) && n > 0)
        rc = xf_err(err, XF_ESTATE, "active",
                    _("unit %s still has %lld active member(s) (such as %s); move them to "
                      "another unit or deactivate them first"),
                    u->code, (long long)n, example ? example : "?");
    free(example);
    return rc;
}

static int set_unit_active(const struct xf_ctx *ctx, int64_t id, int64_t version, bool active,
                           struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, id, err);
    if (rc || (rc = xf_db_begin(ctx->db, active ? "unit.activate" : "unit.deactivate", err)))
        return rc;
    struct xf_unit cur = {0};
    if ((rc = load_unit(ctx, id, version, &cur, err)))
        goto out;
    if (cur.active == active) {
        rc = xf_err(err, XF_ESTATE, "active",
                    active ? _("unit %s is already active") : _("unit %s is already inactive"),
                    cur.code);
        goto out;
    }
    rc = active ? check_parent(ctx, cur.parent_id, true, "parent", err)
                : xf_unit_deactivate_check(ctx, &cur, err);
    if (!rc) {
        cur.active = active;
        rc = xf_store_unit_update(ctx->db, &cur, err);
    }
out:
    xf_unit_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_unit_deactivate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                       struct xf_error *err)
{
    return set_unit_active(ctx, id, version, false, err);
}

int xf_unit_activate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                     struct xf_error *err)
{
    return set_unit_active(ctx, id, version, true, err);
}

/* ---- members ------------------------------------------------------------- */

static int check_login(const char *login, struct xf_error *err)
{
    if (!login || !*login)
        return XF_OK;
    size_t n = strlen(login);
    if (n > LOGIN_MAX)
        return xf_err(err, XF_EINVAL, "login", _("the login is longer than %d characters"),
                      LOGIN_MAX);
    for (size_t i = 0; i < n; i++)
        if (!code_char((unsigned char)login[i]) && login[i] != '@')
            return xf_err(err, XF_EINVAL, "login",
                          _("a login may contain only letters A-Z and a-z, digits, "
                            "'_', '.', '@' and '-'"));
    return XF_OK;
}

static int validate_member(const struct xf_member *m, struct xf_error *err)
{
    int rc;
    if ((rc = xf_unit_check_code(m->code, "code", err)) ||
        (rc = check_text_as(m->name, "name", xf_gettext_ctx(NC_("person", "name")),
                            NAME_MAX_MEMBER, true, false, err)) ||
        (rc = xf_unit_check_line(m->position, "position", POSITION_MAX, false, err)))
        return rc;
    return check_login(m->login, err);
}

int xf_unit_require_active(const struct xf_ctx *ctx, int64_t unit_id, const char *field,
                           struct xf_error *err)
{
    struct xf_unit u = {0};
    int rc = xf_store_unit_get(ctx->db, unit_id, &u, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, field, _("the unit does not exist"));
    if (!rc && !u.active)
        rc = xf_err(err, XF_ESTATE, field,
                    _("unit %s is inactive; choose an active unit or reactivate it first"),
                    u.name);
    xf_unit_clear(&u);
    return rc;
}

static int member_code_free(const struct xf_ctx *ctx, const char *code, bool importing,
                            struct xf_error *err)
{
    struct xf_member other = {0};
    struct xf_error e2 = {0};
    int rc = xf_store_member_by_code(ctx->db, code, &other, &e2);
    if (rc == XF_ENOTFOUND)
        return xf_code_case_unique(ctx, "member", code, err);
    if (rc) {
        *err = e2;
        return rc;
    }
    rc = importing ? xf_import_code_taken(err, code, other.name)
                   : xf_err(err, XF_EINVAL, "code",
                            _("the code %s is already used by member %s"), code, other.name);
    xf_member_clear(&other);
    return rc;
}

/* Empty logins are stored as NULL ("no login"). */
static char *login_or_null(char *login)
{
    return login && *login ? login : NULL;
}

/* One login, one active member: the login ties a member to the person
 * who may not verify their own pledges. */
static int login_free(const struct xf_ctx *ctx, const char *login, int64_t self,
                      struct xf_error *err)
{
    if (!login || !*login)
        return XF_OK;
    char *other = NULL;
    int rc = xf_store_member_login_user(ctx->db, login, self, &other, err);
    if (!rc && other)
        rc = xf_err(err, XF_EINVAL, "login", _("the login %s already belongs to member %s"),
                    login, other);
    free(other);
    return rc;
}

/* A member's login is what keeps them from verifying their own pledges:
 * one who could clear it on their own record would verify them next. */
bool xf_member_login_locked(const struct xf_ctx *ctx, const struct xf_member *m)
{
    return ctx->role != XF_ROLE_ADMIN && ctx->login && m->login &&
           strcmp(m->login, ctx->login) == 0;
}

static int own_login_kept(const struct xf_ctx *ctx, const struct xf_member *cur,
                          const struct xf_member *next, struct xf_error *err)
{
    if (!xf_member_login_locked(ctx, cur))
        return XF_OK;
    if (next->login && strcmp(next->login, cur->login) == 0)
        return XF_OK;
    return xf_err(err, XF_EPERM, "login",
                  _("member %s is your own record (login %s): you cannot change its login; "
                    "an administrator can"),
                  cur->code, cur->login);
}

int xf_member_create(const struct xf_ctx *ctx, struct xf_member *m, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, m->unit_id, err);
    if (rc || (rc = validate_member(m, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "member.create", err)))
        return rc;
    struct xf_member row = *m;
    row.active = true;
    row.login = login_or_null(m->login);
    if (!(rc = xf_unit_require_active(ctx, m->unit_id, "unit", err)) &&
        !(rc = member_code_free(ctx, m->code, false, err)) &&
        !(rc = login_free(ctx, row.login, 0, err)) &&
        !(rc = xf_store_member_insert(ctx->db, &row, err))) {
        m->id = row.id;
        m->version = row.version;
        m->active = true;
    }
    return finish(ctx, rc, err);
}

static int load_member(const struct xf_ctx *ctx, int64_t id, int64_t version,
                       struct xf_member *cur, struct xf_error *err)
{
    int rc = xf_store_member_get(ctx->db, id, cur, err);
    if (!rc)
        rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, cur->unit_id, err);
    if (!rc)
        rc = explain(ctx, check_version(version, cur->version, _("member"), cur->code, err),
                     "member", _("member"), id, cur->code, err);
    return rc;
}

/* A post's card is at its unit and names a member of it: the holder
 * stays until the post has another (as for deactivation). */
static int move_check(const struct xf_ctx *ctx, const struct xf_member *m, struct xf_error *err)
{
    char *example = NULL;
    int64_t n = 0;
    int rc = xf_store_member_held_posts(ctx->db, m->id, &n, &example, err);
    if (!rc && n > 0)
        rc = xf_err(err, XF_ESTATE, "unit",
                    _("%s %s holds post %s (%lld in all): give it another holder, or revoke "
                      "it, first"),
                    m->code, m->name, example ? example : "?", (long long)n);
    free(example);
    return rc;
}

/* A leader's responsibility letter needs a leader (as making one does):
 * the flag stays while one is open. */
static int leader_kept(const struct xf_ctx *ctx, const struct xf_member *cur,
                       const struct xf_member *next, struct xf_error *err)
{
    if (!cur->is_leader || next->is_leader)
        return XF_OK;
    char *example = NULL;
    int64_t n = 0;
    int rc = xf_store_member_open_letters(ctx->db, cur->id, &n, &example, err);
    if (!rc && n > 0)
        rc = xf_err(err, XF_ESTATE, "is_leader",
                    _("%s %s holds %lld open leader responsibility letter(s) (such as %s); "
                      "mark them kept or withdraw them first"),
                    cur->code, cur->name, (long long)n, example ? example : "?");
    free(example);
    return rc;
}

int xf_member_edit(const struct xf_ctx *ctx, struct xf_member *m, struct xf_member_move *moved,
                   struct xf_error *err)
{
    struct xf_member_move none;
    if (!moved)
        moved = &none;
    moved->pledges = moved->open = 0;
    int rc = xf_db_begin(ctx->db, "member.edit", err);
    if (rc)
        return rc;
    struct xf_member cur = {0};
    int64_t version = m->version;
    if (!(rc = load_member(ctx, m->id, m->version, &cur, err))) {
        struct xf_member next = cur;
        next.unit_id = m->unit_id;
        next.name = m->name;
        next.position = m->position ? m->position : "";
        next.is_leader = m->is_leader;
        next.login = login_or_null(m->login);
        bool moving = next.unit_id != cur.unit_id;
        rc = own_login_kept(ctx, &cur, &next, err);
        if (!rc)
            rc = leader_kept(ctx, &cur, &next, err);
        if (!rc && !(rc = validate_member(&next, err)) && moving &&
            !(rc = xf_perm_require(ctx, XF_P_UNIT_EDIT, next.unit_id, err)) &&
            !(rc = xf_unit_require_active(ctx, next.unit_id, "unit", err)))
            rc = move_check(ctx, &cur, err);
        if (!rc && cur.active)
            rc = login_free(ctx, next.login, cur.id, err);
        if (!rc && !(rc = xf_store_member_update(ctx->db, &next, err)))
            version = next.version;
        if (!rc && moving)
            rc = xf_store_pledge_follow_member(ctx->db, cur.id, cur.unit_id, next.unit_id,
                                               &moved->pledges, &moved->open, err);
        /* The card at the window names the holder as the roll does. */
        if (!rc)
            rc = xf_store_post_follow_holder(ctx->db, cur.id, &cur, &next, err);
    }
    xf_member_clear(&cur);
    if ((rc = finish(ctx, rc, err)))
        moved->pledges = moved->open = 0;
    else
        m->version = version; /* only once committed: a failed save keeps the one read */
    return rc;
}

/* A post's card names its holder to the public: one who has left the
 * Party roll cannot stay on it, as a unit with members cannot close. */
int xf_member_deactivate_check(const struct xf_ctx *ctx, const struct xf_member *m,
                               struct xf_error *err)
{
    char *example = NULL;
    int64_t n = 0;
    int rc = xf_store_member_held_posts(ctx->db, m->id, &n, &example, err);
    if (!rc && n > 0)
        rc = xf_err(err, XF_ESTATE, "active",
                    _("member %s %s holds %lld post(s) (such as %s); give the post another "
                      "holder or revoke it first"),
                    m->code, m->name, (long long)n, example ? example : "?");
    free(example);
    return rc;
}

static int set_member_active(const struct xf_ctx *ctx, int64_t id, int64_t version, bool active,
                             struct xf_error *err)
{
    int rc = xf_db_begin(ctx->db, active ? "member.activate" : "member.deactivate", err);
    if (rc)
        return rc;
    struct xf_member cur = {0};
    if (!(rc = load_member(ctx, id, version, &cur, err))) {
        if (cur.active == active)
            rc = xf_err(err, XF_ESTATE, "active",
                        active ? _("member %s is already active")
                               : _("member %s is already inactive"),
                        cur.code);
        else if (active && !(rc = xf_unit_require_active(ctx, cur.unit_id, "unit", err)))
            rc = login_free(ctx, cur.login, cur.id, err);
        else if (!active)
            rc = xf_member_deactivate_check(ctx, &cur, err);
        if (!rc) {
            cur.active = active;
            rc = xf_store_member_update(ctx->db, &cur, err);
        }
    }
    xf_member_clear(&cur);
    return finish(ctx, rc, err);
}

int xf_member_deactivate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                         struct xf_error *err)
{
    return set_member_active(ctx, id, version, false, err);
}

int xf_member_activate(const struct xf_ctx *ctx, int64_t id, int64_t version,
                       struct xf_error *err)
{
    return set_member_active(ctx, id, version, true, err);
}

/* ---- CSV ----------------------------------------------------------------- */

enum { UC_CODE, UC_PARENT, UC_NAME, UC_KIND, UC_TRADE, UC_PARTY_ORG, UC_ACTIVE };
static const char *const unit_columns[] = {"code",  "parent_code", "name",   "kind",
                                           "trade", "party_org",   "active", NULL};
static const char *const unit_required[] = {"code", "name", "kind", NULL};

static int export_units(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                        struct xf_error *err)
{
    return xf_store_unit_export(ctx->db, emit, arg, err);
}

int xf_unit_ref(const struct xf_ctx *ctx, const char *code, const char *column,
                    struct xf_unit *out, struct xf_error *err)
{
    int rc = xf_store_unit_by_code(ctx->db, code, out, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, column, _("there is no unit with the code '%s'"), code);
    return rc;
}

static int import_unit(const struct xf_ctx *ctx, const char *const *f,
                       struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct xf_unit u = {.code = (char *)f[UC_CODE], .name = (char *)f[UC_NAME],
                        .kind = (char *)f[UC_KIND],
                        .trade = (char *)(f[UC_TRADE] ? f[UC_TRADE] : ""),
                        .party_org = (char *)(f[UC_PARTY_ORG] ? f[UC_PARTY_ORG] : "")};
    /* validate_unit's checks, each cell's mistake noted (in column order) */
    if ((rc = xf_row_note(row, xf_unit_check_code(u.code, "code", err), err)) ||
        (rc = xf_row_note(row, xf_unit_check_line(u.name, "name", NAME_MAX_UNIT, true, err),
                          err)) ||
        (rc = xf_row_note(row, validate_unit_kind(u.kind, err), err)) ||
        (rc = xf_row_note(row, xf_unit_check_line(u.trade, "trade", TRADE_MAX, false, err),
                          err)) ||
        (rc = xf_row_note(
             row, xf_unit_check_line(u.party_org, "party_org", PARTY_ORG_MAX, false, err),
             err)) ||
        (rc = xf_row_note(row, xf_unit_parse_bool(f[UC_ACTIVE], true, &u.active, "active", err),
                          err)) ||
        (rc = xf_row_verdict(row, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "unit.import", err)))
        return rc;
    struct xf_unit parent = {0};
    /* A code already there is what to say first: a scoped administrator
     * importing D002 again was told it would be a new department. */
    rc = unit_code_free(ctx, u.code, true, err);
    if (!rc && f[UC_PARENT] && *f[UC_PARENT]) {
        rc = xf_unit_ref(ctx, f[UC_PARENT], "parent_code", &parent, err);
        if (rc == XF_EINVAL && !parent.id) /* (tried again after the file's other rows) */
            rc = xf_err(err, XF_EINVAL, "parent_code",
                        _("there is no unit with the code '%s' in the database, nor one in "
                          "this file that could come first (is it missing, or do parents "
                          "in the file name each other?)"),
                        f[UC_PARENT]);
        if (!rc)
            rc = xf_import_in_scope(ctx, parent.id, "parent_code", f[UC_PARENT], err);
        if (!rc && u.active && !parent.active)
            rc = xf_err(err, XF_ESTATE, "parent_code",
                        _("the parent unit %s is inactive, so unit %s cannot be active"),
                        parent.code, u.code);
        u.parent_id = parent.id;
    } else if (!rc) {
        rc = xf_import_in_scope(ctx, 0, "parent_code", "", err);
    }
    if (!rc)
        rc = xf_store_unit_insert(ctx->db, &u, err);
    free(u.path);
    xf_unit_clear(&parent);
    return finish(ctx, rc, err);
}

const struct xf_kind_io xf_kind_units = {
    .scope_column = "code",
    .name = "units",
    .columns = unit_columns,
    .required = unit_required,
    .export_rows = export_units,
    .later_column = "parent_code",
    .import_row = import_unit,
};

enum { MC_CODE, MC_UNIT, MC_NAME, MC_POSITION, MC_LEADER, MC_LOGIN, MC_ACTIVE };
static const char *const member_columns[] = {"code",      "unit_code", "name",   "position",
                                             "is_leader", "login",     "active", NULL};
static const char *const member_required[] = {"code", "unit_code", "name", NULL};

static int export_members(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                          struct xf_error *err)
{
    return xf_store_member_export(ctx->db, emit, arg, err);
}

static int import_member(const struct xf_ctx *ctx, const char *const *f,
                         struct xf_row_mistakes *row, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct xf_member m = {.code = (char *)f[MC_CODE], .name = (char *)f[MC_NAME],
                          .position = (char *)(f[MC_POSITION] ? f[MC_POSITION] : ""),
                          .login = login_or_null((char *)f[MC_LOGIN])};
    struct xf_unit u = {0};
    /* validate_member's checks and the unit's, each cell's mistake noted
     * (in column order) */
    if ((rc = xf_row_note(row, xf_unit_check_code(m.code, "code", err), err)) ||
        (rc = xf_row_note(row, xf_unit_ref(ctx, f[MC_UNIT] ? f[MC_UNIT] : "", "unit_code", &u, err),
                          err)) ||
        (rc = xf_row_note(row,
                          check_text_as(m.name, "name", xf_gettext_ctx(NC_("person", "name")),
                                        NAME_MAX_MEMBER, true, false, err),
                          err)) ||
        (rc = xf_row_note(row, xf_unit_check_line(m.position, "position", POSITION_MAX, false, err),
                          err)) ||
        (rc = xf_row_note(
             row, xf_unit_parse_bool(f[MC_LEADER], false, &m.is_leader, "is_leader", err), err)) ||
        (rc = xf_row_note(row, check_login(m.login, err), err)) ||
        (rc = xf_row_note(row, xf_unit_parse_bool(f[MC_ACTIVE], true, &m.active, "active", err),
                          err)) ||
        (rc = xf_row_verdict(row, err)) || (rc = xf_db_begin(ctx->db, "member.import", err))) {
        xf_unit_clear(&u);
        return rc;
    }
    if (!(rc = xf_import_in_scope(ctx, u.id, "unit_code", u.code, err))) {
        m.unit_id = u.id;
        if (m.active && !u.active)
            rc = xf_err(err, XF_ESTATE, "unit_code",
                        _("unit %s is inactive, so member %s cannot be active"), u.code,
                        m.code);
    }
    /* As when a member is added by hand; an earlier row of the file is
     * already in the database, so two rows sharing a login are caught too.
     * An inactive member may keep a login now used by someone else. */
    if (!rc && !(rc = member_code_free(ctx, m.code, true, err)) &&
        !(rc = m.active ? login_free(ctx, m.login, 0, err) : XF_OK))
        rc = xf_store_member_insert(ctx->db, &m, err);
    xf_unit_clear(&u);
    return finish(ctx, rc, err);
}

const struct xf_kind_io xf_kind_members = {
    .scope_column = "unit_code",
    .name = "members",
    .columns = member_columns,
    .required = member_required,
    .export_rows = export_members,
    .import_row = import_member,
};

/* ---- lookups for the interface ---- */

int xf_unit_get(const struct xf_ctx *ctx, int64_t id, struct xf_unit *out, struct xf_error *err)
{
    int rc = xf_store_unit_get(ctx->db, id, out, err);
    if (rc == XF_OK && !xf_ctx_in_scope(ctx, id)) {
        xf_unit_clear(out);
        return xf_err(err, XF_EPERM, "", _("%s may not see units outside their scope"),
                      ctx->login);
    }
    return rc;
}

int xf_member_find(const struct xf_ctx *ctx, int64_t unit_id, const char *query, int limit,
                   struct xf_member *out, int *n, struct xf_error *err)
{
    *n = 0;
    if (query && *query) {
        int rc = xf_unit_check_line(query, "query", 100, false, err);
        if (rc)
            return rc;
    }
    if (!xf_ctx_in_scope(ctx, unit_id))
        return xf_err(err, XF_EPERM, "", _("%s may not see members outside their scope"),
                      ctx->login);
    return xf_store_member_find(ctx->db, unit_id, query ? query : "", limit, out, n, err);
}

int xf_member_get(const struct xf_ctx *ctx, int64_t id, struct xf_member *out,
                  struct xf_error *err)
{
    int rc = xf_store_member_get(ctx->db, id, out, err);
    if (rc == XF_OK && !xf_ctx_in_scope(ctx, out->unit_id)) {
        xf_member_clear(out);
        return xf_err(err, XF_EPERM, "", _("%s may not see members outside their scope"),
                      ctx->login);
    }
    return rc;
}

/* "<prefix><n, zero-padded to digits>" for the first n past the highest
 * that is not taken (a code typed by hand may sit in between). */
static int suggest(const struct xf_ctx *ctx, const char *prefix, int digits, int64_t n,
                   bool member, char **out, struct xf_error *err)
{
    *out = NULL;
    for (int tries = 1; tries <= 100; tries++) {
        char *code = NULL;
        if (asprintf(&code, "%s%0*lld", prefix, digits, (long long)(n + tries)) < 0)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        struct xf_unit u = {0};
        struct xf_member m = {0};
        int rc = member ? xf_store_member_by_code(ctx->db, code, &m, NULL)
                        : xf_store_unit_by_code(ctx->db, code, &u, NULL);
        xf_unit_clear(&u);
        xf_member_clear(&m);
        if (rc == XF_ENOTFOUND) {
            *out = code;
            return XF_OK;
        }
        free(code);
    }
    return xf_err(err, XF_EINVAL, "code", _("no free code found; type one"));
}

int xf_unit_suggest_code(const struct xf_ctx *ctx, int64_t parent_id, char **out,
                         struct xf_error *err)
{
    *out = NULL;
    char *prefix = NULL;
    struct xf_unit parent = {0};
    int rc = XF_OK;
    if (parent_id && (rc = xf_store_unit_get(ctx->db, parent_id, &parent, err)))
        return rc;
    if (asprintf(&prefix, "%s%s", parent_id ? parent.code : "D", parent_id ? "-" : "") < 0) {
        xf_unit_clear(&parent);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    int64_t n = 0;
    rc = xf_store_unit_max_seq(ctx->db, prefix, parent_id == 0, &n, err);
    if (!rc)
        rc = suggest(ctx, prefix, parent_id ? 2 : 3, n, false, out, err);
    free(prefix);
    xf_unit_clear(&parent);
    return rc;
}

/* The number after the last added member's, in its pattern (an office
 * that imported M001…M054 gets M055), or M0000001 and on. */
int xf_member_suggest_code(const struct xf_ctx *ctx, char **out, struct xf_error *err)
{
    char *latest = NULL, prefix[64];
    int width;
    long long last;
    int rc = xf_store_member_latest_code(ctx->db, &latest, err);
    bool follow = !rc && xf_code_pattern(latest, prefix, sizeof prefix, &width, &last);
    free(latest);
    int64_t noted = 0; /* a code a restore took away with its member */
    if (follow && (rc = xf_store_restored_seq(ctx->db, "member", prefix, width, &noted, err)))
        return rc;
    if (follow)
        return suggest(ctx, prefix, width, noted > last ? noted : last, true, out, err);
    int64_t n = 0;
    if (!rc)
        rc = xf_store_member_max_seq(ctx->db, &n, err);
    return rc ? rc : suggest(ctx, "M", 7, n, true, out, err);
}

char *xf_unit_place_label(const struct xf_ctx *ctx, int64_t unit_id)
{
    return xf_store_unit_line(ctx->db, unit_id);
}
