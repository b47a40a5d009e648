/* History reading: permission, masking of personal data, and a readable
 * summary of each change. */
#include "xf/history.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/text.h"

/* ---- a flat JSON object, as the audit triggers write it ----
 * json_object() of one row: string, number and null values only, keys
 * without escapes. Values are kept as their JSON text so that whatever is
 * not touched is written back unchanged. */

struct jfield {
    char *key;
    char *raw; /* the value's JSON text */
};

struct jobj {
    struct jfield *f;
    size_t n, cap;
};

static void jobj_free(struct jobj *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->f[i].key);
        free(o->f[i].raw);
    }
    free(o->f);
    memset(o, 0, sizeof *o);
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* End of the JSON string starting at the quote p, just past its closing
 * quote; NULL when unterminated. */
static const char *string_end(const char *p)
{
    for (p++; *p; p++) {
        if (*p == '\\') {
            if (!*++p)
                return NULL;
        } else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* End of a value other than a string: up to the next ',' or '}' outside
 * nested brackets and strings. */
static const char *scalar_end(const char *p)
{
    int depth = 0;
    while (*p) {
        if (*p == '"') {
            p = string_end(p);
            if (!p)
                return NULL;
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']') {
            if (depth == 0)
                return p;
            depth--;
        } else if (*p == ',' && depth == 0)
            return p;
        p++;
    }
    return NULL;
}

static int jobj_add(struct jobj *o, const char *k, size_t klen, const char *v, size_t vlen)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 32;
        struct jfield *f = realloc(o->f, cap * sizeof *f);
        if (!f)
            return -1;
        o->f = f;
        o->cap = cap;
    }
    char *key = strndup(k, klen), *raw = strndup(v, vlen);
    if (!key || !raw) {
        free(key);
        free(raw);
        return -1;
    }
    o->f[o->n++] = (struct jfield){key, raw};
    return 0;
}

/* 0 when s is a flat object; -1 otherwise (o is then emptied). */
static int jobj_parse(const char *s, struct jobj *o)
{
    memset(o, 0, sizeof *o);
    const char *p = skip_ws(s);
    if (*p++ != '{')
        return -1;
    p = skip_ws(p);
    if (*p == '}')
        return 0;
    for (;;) {
        if (*p != '"')
            goto bad;
        const char *ke = string_end(p);
        if (!ke)
            goto bad;
        const char *k = p + 1;
        size_t klen = (size_t)(ke - 1 - k);
        p = skip_ws(ke);
        if (*p++ != ':')
            goto bad;
        p = skip_ws(p);
        const char *ve = *p == '"' ? string_end(p) : scalar_end(p);
        if (!ve || ve == p)
            goto bad;
        const char *vend = ve;
        while (vend > p && (vend[-1] == ' ' || vend[-1] == '\n' || vend[-1] == '\t'))
            vend--;
        if (jobj_add(o, k, klen, p, (size_t)(vend - p)) != 0)
            goto bad;
        p = skip_ws(ve);
        if (*p == ',') {
            p = skip_ws(p + 1);
            continue;
        }
        if (*p == '}')
            return 0;
        goto bad;
    }
bad:
    jobj_free(o);
    return -1;
}

static const struct jfield *jobj_get(const struct jobj *o, const char *key)
{
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->f[i].key, key) == 0)
            return &o->f[i];
    return NULL;
}

static unsigned hex4(const char *p, bool *ok)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else {
            *ok = false;
            return 0;
        }
    }
    return v;
}

/* The text of a JSON value for people: strings decoded, null as NULL,
 * anything else as written. Caller frees; *is_null tells null apart. */
static char *json_text(const char *raw, bool *is_null)
{
    *is_null = strcmp(raw, "null") == 0;
    if (*is_null || raw[0] != '"')
        return strdup(*is_null ? "" : raw);
    size_t len = strlen(raw);
    char *out = malloc(len + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = raw + 1; *p && p < raw + len - 1; p++) {
        if (*p != '\\') {
            *o++ = *p;
            continue;
        }
        p++;
        bool ok = true;
        unsigned cp;
        switch (*p) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u':
            /* \uXXXX is never longer than the character it encodes. */
            cp = hex4(p + 1, &ok);
            if (!ok)
                cp = 0xFFFD;
            else
                p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && p[1] == '\\' && p[2] == 'u') {
                unsigned lo = hex4(p + 3, &ok);
                if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            o += xf_utf8_encode(cp, o);
            break;
        default: *o++ = *p; break; /* \" \\ \/ */
        }
    }
    *o = '\0';
    return out;
}

/* s as a JSON string literal. Caller frees. */
static char *json_quote(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(6 * len + 3), *o = out;
    if (!out)
        return NULL;
    *o++ = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            *o++ = '\\';
            *o++ = (char)*p;
        } else if (*p < 0x20) {
            o += sprintf(o, "\\u%04x", *p);
        } else
            *o++ = (char)*p;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

static char *jobj_format(const struct jobj *o)
{
    size_t len = 3;
    for (size_t i = 0; i < o->n; i++)
        len += strlen(o->f[i].key) + strlen(o->f[i].raw) + 4;
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    *p++ = '{';
    for (size_t i = 0; i < o->n; i++)
        p += sprintf(p, "%s\"%s\":%s", i ? "," : "", o->f[i].key, o->f[i].raw);
    *p++ = '}';
    *p = '\0';
    return out;
}

/* ---- masking ---- */

/* The same rule as the complaint module's: "张三" → "张*". */
static char *mask_name(const char *s)
{
    size_t len = strlen(s);
    if (len == 0)
        return strdup("");
    unsigned cp;
    size_t first = xf_utf8_decode(s, len, &cp), rest = 0;
    for (size_t i = first; i < len;) {
        size_t k = xf_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
        rest++;
    }
    char *out = malloc(first + rest + 1);
    if (!out)
        return NULL;
    memcpy(out, s, first);
    memset(out + first, '*', rest);
    out[first + rest] = '\0';
    return out;
}

/* "13812345678" → "138****5678"; short numbers keep only their last two. */
static char *mask_phone(const char *s)
{
    size_t len = strlen(s);
    char *out = strdup(s);
    if (!out)
        return NULL;
    size_t keep_head = len > 7 ? 3 : 0, keep_tail = len > 7 ? 4 : (len > 2 ? 2 : 0);
    for (size_t i = keep_head; i + keep_tail < len; i++)
        out[i] = '*';
    return out;
}

static int mask_field(struct jobj *o, const char *key, char *(*mask)(const char *))
{
    struct jfield *f = (struct jfield *)jobj_get(o, key);
    if (!f || f->raw[0] != '"')
        return 0;
    bool is_null;
    char *plain = json_text(f->raw, &is_null);
    char *masked = plain ? mask(plain) : NULL;
    char *raw = masked ? json_quote(masked) : NULL;
    free(plain);
    free(masked);
    free(f->raw);
    /* Never leave the value unmasked: an allocation failure empties it. */
    f->raw = raw ? raw : strdup("\"\"");
    return f->raw ? 0 : -1;
}

/* Replaces *json with a copy whose personal fields are masked. Text that
 * is not a flat object cannot be masked safely and is withheld. */
static int mask_json(char **json)
{
    if (!*json)
        return 0;
    struct jobj o;
    char *out = NULL;
    if (jobj_parse(*json, &o) == 0) {
        if (mask_field(&o, "complainant_name", mask_name) == 0 &&
            mask_field(&o, "complainant_phone", mask_phone) == 0)
            out = jobj_format(&o);
        jobj_free(&o);
    } else
        out = strdup("{}");
    free(*json);
    *json = out;
    return out ? 0 : -1;
}

static bool is_personal_entity(const char *entity)
{
    return strcmp(entity, "complaint") == 0;
}

static int mask_rows(const struct xf_ctx *ctx, struct xf_history_row *rows, size_t n,
                     struct xf_error *err)
{
    if (xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL))
        return XF_OK;
    for (size_t i = 0; i < n; i++) {
        if (!is_personal_entity(rows[i].entity))
            continue;
        if (mask_json(&rows[i].before) != 0 || mask_json(&rows[i].after) != 0)
            return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    return XF_OK;
}

/* ---- reading ---- */

static int check_limit(size_t limit, struct xf_error *err)
{
    if (limit == 0 || limit > XF_HISTORY_MAX_PAGE)
        return xf_err(err, XF_EINVAL, "limit", _("a page holds 1 to %d rows"),
                      XF_HISTORY_MAX_PAGE);
    return XF_OK;
}

/* May the user read this record? The same rule as reading the record
 * itself: complaints by the complaint module, the rest by unit scope. */
static int may_read(const struct xf_ctx *ctx, const char *entity, int64_t entity_id,
                    struct xf_error *err)
{
    int64_t unit_id, complaint_id;
    int rc = xf_store_history_owner(ctx->db, entity, entity_id, &unit_id, &complaint_id, err);
    if (rc)
        return rc;
    /* Admins read every record's history; the lookup above still says
     * when there is no such record. */
    if (xf_perm_allows(ctx, XF_P_HISTORY_ALL))
        return XF_OK;
    if (complaint_id) {
        struct xf_complaint c = {0};
        rc = xf_complaint_get(ctx, complaint_id, &c, err);
        xf_complaint_clear(&c);
        return rc;
    }
    if (!xf_ctx_in_scope(ctx, unit_id))
        return xf_err(err, XF_EPERM, "", _("%s %lld is outside your units"), entity,
                      (long long)entity_id);
    return XF_OK;
}

int xf_history_for(const struct xf_ctx *ctx, const char *entity, int64_t entity_id,
                   int64_t after_id, size_t limit, struct xf_history_row **rows, size_t *n,
                   struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    if (!entity || !*entity)
        return xf_err(err, XF_EINVAL, "entity", _("say which kind of record: %s"),
                      xf_store_history_entities());
    if (entity_id <= 0)
        return xf_err(err, XF_EINVAL, "id", _("a record id is a whole number above 0"));
    int rc = check_limit(limit, err);
    if (!rc)
        rc = may_read(ctx, entity, entity_id, err);
    if (!rc)
        rc = xf_store_history_for(ctx->db, entity, entity_id, after_id, limit, rows, n, err);
    if (!rc && (rc = mask_rows(ctx, *rows, *n, err))) {
        xf_history_rows_free(*rows, *n);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}

int xf_history_all(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                   int64_t after_id, size_t limit, struct xf_history_row **rows, size_t *n,
                   struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    int rc = xf_perm_require(ctx, XF_P_HISTORY_ALL, 0, err);
    if (!rc)
        rc = check_limit(limit, err);
    if (!rc && f && f->date_from)
        rc = xf_date_check(f->date_from, "since", err);
    if (!rc && f && f->date_to)
        rc = xf_date_check(f->date_to, "until", err);
    if (!rc && f && f->date_from && f->date_to && strcmp(f->date_from, f->date_to) > 0)
        rc = xf_err(err, XF_EINVAL, "until", _("the end date %s is before the start date %s"),
                    f->date_to, f->date_from);
    if (!rc)
        rc = xf_store_history_all(ctx->db, f, after_id, limit, rows, n, err);
    if (!rc && (rc = mask_rows(ctx, *rows, *n, err))) {
        xf_history_rows_free(*rows, *n);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- a change for people ---- */

struct buf {
    char *s;
    size_t len, cap;
    bool oom;
};

static void buf_add(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static void buf_value(struct buf *b, const char *raw)
{
    bool is_null;
    char *t = json_text(raw, &is_null);
    if (!t) {
        b->oom = true;
        return;
    }
    buf_add(b, is_null ? _("(none)") : *t ? t : "\"\"");
    free(t);
}

static bool is_bookkeeping(const char *key)
{
    return strcmp(key, "version") == 0 || strcmp(key, "updated_at") == 0;
}

char *xf_history_changes(const struct xf_history_row *r)
{
    struct jobj before = {0}, after = {0};
    struct buf b = {0};
    buf_add(&b, "");
    bool have_before = r->before && jobj_parse(r->before, &before) == 0;
    if (!r->after || jobj_parse(r->after, &after) != 0) {
        buf_add(&b, r->after ? r->after : "");
        goto done;
    }
    for (size_t i = 0; i < after.n; i++) {
        const struct jfield *a = &after.f[i];
        if (is_bookkeeping(a->key))
            continue;
        const struct jfield *o = have_before ? jobj_get(&before, a->key) : NULL;
        if (have_before && o && strcmp(o->raw, a->raw) == 0)
            continue;
        if (!have_before && (strcmp(a->raw, "null") == 0 || strcmp(a->raw, "\"\"") == 0))
            continue;
        buf_add(&b, b.len ? "; " : "");
        buf_add(&b, a->key);
        if (have_before) {
            buf_add(&b, ": ");
            buf_value(&b, o ? o->raw : "null");
            buf_add(&b, " → ");
        } else
            buf_add(&b, "=");
        buf_value(&b, a->raw);
    }
done:
    jobj_free(&before);
    jobj_free(&after);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* ---- users ---- */

static char *join_scopes(const struct xf_user *u)
{
    struct buf b = {0};
    buf_add(&b, "");
    for (size_t i = 0; i < u->n_scopes; i++) {
        buf_add(&b, i ? ", " : "");
        buf_add(&b, u->scopes[i]);
    }
    if (u->n_scopes == 0)
        buf_add(&b, _("all units"));
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

static int add_user_row(const struct xf_ctx *ctx, struct xf_table *t, const struct xf_user *u,
                        struct xf_error *err)
{
    char *last = NULL;
    int rc = xf_store_history_last_active(ctx->db, u->login, &last, err);
    if (rc)
        return rc;
    char *scopes = join_scopes(u);
    const char *cells[] = {u->login, u->name ? u->name : "", xf_role_name(u->role),
                           scopes ? scopes : "", last ? last : _("never")};
    if (!scopes || xf_table_add(t, cells) != 0)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    free(scopes);
    free(last);
    return rc;
}

int xf_history_users(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err)
{
    if (ctx->role != XF_ROLE_ADMIN && ctx->role != XF_ROLE_ORGANISER)
        return xf_err(err, XF_EPERM, "",
                      _("%s (%s) may not see the list of users; ask an administrator or "
                        "the organisation department"),
                      ctx->login, xf_role_name(ctx->role));
    const char *names[] = {_("login"), _("name"), _("role"), _("scopes"), _("last active"),
                           NULL};
    if (xf_table_init(t, _("Users"), names) != 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (size_t i = 0; i < ctx->cfg->n_users; i++) {
        int rc = add_user_row(ctx, t, &ctx->cfg->users[i], err);
        if (rc)
            return rc;
    }
    return XF_OK;
}

char *xf_history_news(const struct xf_ctx *ctx, int64_t *last_id)
{
    struct xf_history_news n;
    struct xf_error err = {0};
    bool first = *last_id == 0;
    /* Any actor: the same login in another terminal is news too; this
     * session's own writes are skipped by the caller moving *last_id. */
    if (xf_store_history_news(ctx->db, *last_id, "", last_id, &n, &err) != XF_OK)
        return NULL;
    char *text = NULL;
    if (!first && n.count > 0 && n.actor) {
        int rc = n.count > 1
                     ? asprintf(&text, _("%s: %s (%s #%lld), and %lld more"), n.actor, n.action,
                                n.entity, (long long)n.entity_id, (long long)(n.count - 1))
                     : asprintf(&text, _("%s: %s (%s #%lld)"), n.actor, n.action, n.entity,
                                (long long)n.entity_id);
        if (rc < 0)
            text = NULL;
    }
    xf_history_news_clear(&n);
    return text;
}
