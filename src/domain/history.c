/* History reading: permission, masking of personal data, and a readable
 * summary of each change. */
#include "xf/history.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/award.h"
#include "xf/complaint.h"
#include "xf/config.h"
#include "xf/improvement.h"
#include "xf/post.h"
#include "xf/project.h"
#include "xf/date.h"
#include "xf/demo.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/unit.h"
#include <strings.h>

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
    for (size_t i = 0; i < n; i++) {
        rows[i].cfg = ctx->cfg; /* for the labels of its codes */
        rows[i].db = ctx->db;   /* for the units a note names by code */
    }
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

/* Whether the user reads every record's history: an administrator
 * without a unit scope. A scoped one reads the whole history of their
 * units, as others read a record's, and no more: the history holds every
 * record as it was, complainants' names and phones included. */
static bool reads_all(const struct xf_ctx *ctx)
{
    return xf_perm_allows(ctx, XF_P_HISTORY_ALL) && !(ctx->user && ctx->user->n_scopes > 0);
}

/* May the user read this record? The same rule as reading the record
 * itself: complaints by the complaint module, the rest by unit scope.
 * With label non-NULL, hands out the record's label (caller frees). */
static int may_read(const struct xf_ctx *ctx, const char *entity, int64_t entity_id, char **label,
                    struct xf_error *err)
{
    int64_t unit_id, complaint_id;
    char *lab = NULL;
    int rc = xf_store_history_owner(ctx->db, entity, entity_id, &unit_id, &complaint_id, &lab,
                                    err);
    /* Unscoped admins read every record's history; the lookup above still
     * says when there is no such record. */
    if (rc || reads_all(ctx)) {
    } else if (complaint_id) {
        struct xf_complaint c = {0};
        rc = xf_complaint_get(ctx, complaint_id, &c, err);
        xf_complaint_clear(&c);
    } else if (!xf_ctx_in_scope(ctx, unit_id)) {
        /* Named by its code alone: a label such as a pledge's carries its
         * text, which the user may not read. */
        rc = xf_err(err, XF_EPERM, "", _("%s %.*s is outside your units"),
                    xf_history_entity_label(entity), lab ? (int)strcspn(lab, " ") : 0,
                    lab ? lab : "");
        /* "pledge P-12 …": the record's kind, a word, starts the sentence */
        err->starts_word = 1;
    }
    if (label && !rc)
        *label = lab;
    else
        free(lab);
    return rc;
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
        rc = may_read(ctx, entity, entity_id, NULL, err);
    if (!rc)
        rc = xf_store_history_for(ctx->db, entity, entity_id, after_id, limit, rows, n, err);
    if (!rc && (rc = mask_rows(ctx, *rows, *n, err))) {
        xf_history_rows_free(*rows, *n);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}

static int history_page(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                        int64_t from_id, bool newer, size_t limit, struct xf_history_row **rows,
                        size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    /* Anyone may list what they did themselves ("history --user me"). */
    bool own = f && f->actor && ctx->login && strcmp(f->actor, ctx->login) == 0;
    int rc = own ? XF_OK : xf_perm_require(ctx, XF_P_HISTORY_ALL, 0, err);
    if (!rc)
        rc = check_limit(limit, err);
    if (!rc && f && f->date_from)
        rc = xf_date_check(f->date_from, "since", err);
    if (!rc && f && f->date_to)
        rc = xf_date_check(f->date_to, "until", err);
    if (!rc && f && f->date_from && f->date_to && strcmp(f->date_from, f->date_to) > 0)
        rc = xf_err(err, XF_EINVAL, "until", _("the end date %s is before the start date %s"),
                    f->date_to, f->date_from);
    /* A scoped admin's: the rows of their units' records (their own
     * changes, as anyone's, whatever they were about). */
    char *scope = NULL;
    if (!rc && !own && !reads_all(ctx))
        rc = xf_unit_scope_paths(ctx, &scope, err);
    if (!rc)
        rc = xf_store_history_all(ctx->db, f, scope, from_id, newer, limit, rows, n, err);
    free(scope);
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
    return history_page(ctx, f, after_id, false, limit, rows, n, err);
}

int xf_history_all_newer(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                         int64_t before_id, size_t limit, struct xf_history_row **rows,
                         size_t *n, struct xf_error *err)
{
    return history_page(ctx, f, before_id, true, limit, rows, n, err);
}

/* ---- words for people ---- */

static const struct {
    const char *entity, *label, *zh;
} entities[] = {
    {"unit", N_("unit"), "单位"},
    {"member", N_("member"), "党员"},
    {"project", N_("project"), "项目"},
    {"post", N_("post"), "先锋岗"},
    {"pledge", N_("pledge"), "承诺"},
    {"evaluation", N_("evaluation"), "测评"},
    {"evaluation_score", N_("evaluation score"), "测评得分"},
    {"complaint", N_("complaint"), "投诉"},
    {"complaint_cohandler", N_("co-handling unit"), "协办单位"},
    {"complaint_event", N_("complaint event"), "投诉办理记录"},
    {"inspection", N_("inspection"), "检查"},
    {"inspection_item", N_("inspection item"), "检查项"},
    {"rectification", N_("rectification"), "整改"},
    {"improvement", N_("improvement"), "改进"},
    {"award", N_("award"), "表彰"},
    {"inspection_complaint", N_("complaint raised by an inspection"), "检查提出的投诉"},
};
#define N_ENTITIES (sizeof entities / sizeof entities[0])

const char *xf_history_entity_label(const char *entity)
{
    for (size_t i = 0; entity && i < N_ENTITIES; i++)
        if (strcmp(entity, entities[i].entity) == 0)
            return _(entities[i].label);
    return entity ? entity : "";
}

const char *xf_history_entity_parse(const char *name)
{
    /* The Chinese names are taken in every locale: a clerk types 投诉
     * whatever LANGUAGE the administrator's shell has. */
    for (size_t i = 0; name && i < N_ENTITIES; i++)
        if (strcasecmp(name, entities[i].entity) == 0 ||
            strcasecmp(name, entities[i].label) == 0 || strcmp(name, entities[i].zh) == 0 ||
            strcmp(name, _(entities[i].label)) == 0)
            return entities[i].entity;
    return NULL;
}

/* Every label passed to xf_db_begin / xf_db_history_note. */
static const struct {
    const char *action, *phrase;
} actions[] = {
    {"unit.create", N_("add unit")},
    {"unit.edit", N_("edit unit")},
    {"unit.activate", N_("reactivate unit")},
    {"unit.deactivate", N_("deactivate unit")},
    {"unit.import", N_("import units")},
    {"member.create", N_("add member")},
    {"member.edit", N_("edit member")},
    {"member.deactivate", N_("deactivate member")},
    {"member.import", N_("import members")},
    {"project.create", N_("add project")},
    {"project.edit", N_("edit project")},
    {"project.deactivate", N_("deactivate project")},
    {"project.activate", N_("reactivate project")},
    {"project.import", N_("import projects")},
    {"post.create", N_("set up post")},
    {"post.edit", N_("edit post")},
    {"post.publish", N_("publish")},
    {"post.name", N_("name post")},
    {"post.revoke", N_("revoke post")},
    {"post.import", N_("import posts")},
    {"pledge.make", N_("make pledge")},
    {"pledge.keep", N_("keep pledge")},
    {"pledge.keep_late", N_("reason for a kept date before an overdue marking")},
    {"pledge.withdraw", N_("withdraw pledge")},
    {"pledge.import", N_("import pledges")},
    {"pledge_tally.rebuild", N_("recount pledges")},
    {"evaluation.enter", N_("enter evaluation")},
    {"evaluation.update", N_("correct evaluation")},
    {"evaluation.import", N_("import evaluations")},
    {"complaint.receive", N_("receive")},
    {"complaint.classify", N_("classify")},
    {"complaint.reclassify", N_("change the category")},
    {"complaint.redispatch", N_("re-dispatch")},
    {"complaint.cohandlers", N_("change co-handling units")},
    {"complaint.answer_due", N_("set the reply deadline")},
    {"complaint.dispatch", N_("dispatch")},
    {"complaint.sign", N_("sign for")},
    {"complaint.return", N_("return")},
    {"complaint.rule", N_("rule on return")},
    {"complaint.rule_accept", N_("accept the return: dispatch to another unit")},
    {"complaint.rule_reject", N_("reject the return: back to the same unit")},
    {"complaint.reply", N_("reply")},
    {"complaint.callback", N_("call back")},
    {"complaint.close", N_("close")},
    {"complaint.reject", N_("reject")},
    {"complaint.merge", N_("merge")},
    {"complaint.supervise", N_("supervise")},
    {"complaint.unsupervise", N_("stop supervising")},
    {"complaint.note", N_("add note")},
    {"complaint.correct", N_("correct intake")},
    {"inspection.log", N_("log inspection")},
    {"inspection.import", N_("import inspections")},
    {"inspection.correct", N_("correct inspection")},
    {"rectification.order", N_("order rectification")},
    {"rectification.done", N_("rectification done")},
    {"rectification.verify", N_("verify rectification")},
    {"rectification.return", N_("send rectification back")},
    {"improvement.add", N_("add improvement")},
    {"improvement.edit", N_("correct improvement")},
    {"improvement.import", N_("import improvements")},
    {"award.rank", N_("rank awards")},
    {"award.confirm", N_("confirm award")},
    {"award.decline", N_("decline award")},
    {"award.reopen", N_("take back an award confirmation")},
    {"award.replace_revoked", N_("rank the next in place of a revoked post's award")},
    {"award.reopen_declined", N_("reopen a declined award")},
    {"import.units", N_("import units")},
    {"import.members", N_("import members")},
    {"import.projects", N_("import projects")},
    {"import.posts", N_("import posts")},
    {"import.pledges", N_("import pledges")},
    {"import.evaluations", N_("import evaluations")},
    {"import.complaints", N_("import complaints")},
    {"import.inspections", N_("import inspections")},
    {"import.improvements", N_("import improvements")},
    {"demo.generate", N_("generate demo data")},
    {"database.restore", N_("restore database")},
    {"schema.migrate", N_("upgrade database")},
    {"search.maintain", N_("rebuild search index")},
};

const char *xf_history_action_label(const char *action)
{
    for (size_t i = 0; action && i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(action, actions[i].action) == 0)
            return _(actions[i].phrase);
    return action ? action : "";
}

/* Column names people read; the ref letter says which table a reference
 * column points at (see xf_history_row.refs), 0 for plain values. */
static const struct {
    const char *field, *label;
    char ref;
} fields[] = {
    {"parent_id", N_("parent unit"), 'u'},
    {"code", N_("code"), 0},
    {"name", N_("name"), 0},
    {"kind", N_("kind"), 0},
    {"trade", N_("trade"), 0},
    {"party_org", N_("Party organisation"), 0},
    {"active", N_("active"), 0},
    {"unit_id", N_("unit"), 'u'},
    {"lead_unit_id", N_("lead unit"), 'u'},
    {"owner_unit_id", N_("responsible unit"), 'u'},
    {"member_id", N_("member"), 'm'},
    {"holder_member_id", N_("holder"), 'm'},
    {"post_id", N_("post"), 'p'},
    {"project_id", N_("project"), 'j'},
    {"complaint_id", N_("complaint"), 'c'},
    {"merged_into", N_("merged into"), 'c'},
    {"inspection_id", N_("inspection"), 'i'},
    {"evaluation_id", N_("evaluation"), 'e'},
    {"position", N_("position"), 0},
    {"is_leader", N_("leader"), 0},
    {"login", N_("login"), 0},
    {"category", N_("category"), 0},
    {"title", N_("title"), 0},
    {"holder_name", N_("holder name"), 0},
    {"scope", N_("service scope"), 0},
    {"hotline", N_("complaint hotline"), 0},
    {"commit_standard", N_("work standard"), 0},
    {"commit_time_limit", N_("time limit"), 0},
    {"commit_quality", N_("service quality"), 0},
    {"commit_attitude", N_("service attitude"), 0},
    {"status", N_("status"), 0},
    {"state", N_("state"), 0},
    {"published_on", N_("published on"), 0},
    {"named_on", N_("named on"), 0},
    {"named_level", N_("named by"), 0},
    {"revoked_on", N_("revoked on"), 0},
    {"revoke_reason", N_("reason for revoking"), 0},
    {"text", N_("text"), 0},
    {"made_on", N_("made on"), 0},
    {"due_on", N_("due on"), 0},
    {"kept_on", N_("kept on"), 0},
    {"evidence", N_("evidence"), 0},
    {"verified_by", N_("verified by"), 0},
    {"verified_on", N_("verified on"), 0},
    {"withdrawn_on", N_("withdrawn on"), 0},
    {"withdraw_reason", N_("reason for withdrawing"), 0},
    {"created_by", N_("entered by"), 0},
    {"entered_by", N_("entered by"), 0},
    {"quarter", N_("quarter"), 0},
    {"score", N_("score"), 0},
    {"passed", N_("passed"), 0},
    {"grp", N_("group"), 0},
    {"respondents", N_("respondents"), 0},
    {"source", N_("source"), 0},
    {"complainant_name", N_("complainant"), 0},
    {"complainant_phone", N_("complainant's phone"), 0},
    {"received_at", N_("received at"), 0},
    {"dispatched_at", N_("dispatched at"), 0},
    {"sign_due", N_("sign-for deadline"), 0},
    {"signed_at", N_("signed for at"), 0},
    {"reply_due", N_("reply deadline"), 0},
    {"answer_due", N_("reply deadline set"), 0},
    {"missed_due", N_("deadline passed before it was extended"), 0},
    {"replied_at", N_("replied at"), 0},
    {"reply_text", N_("reply"), 0},
    {"return_reason", N_("reason for returning"), 0},
    {"callback_outcome", N_("call-back outcome"), 0},
    {"redo_count", N_("times redone"), 0},
    {"closed_at", N_("closed at"), 0},
    {"closed_on_time", N_("closed on time"), 0},
    {"reject_reason", N_("reason for rejecting"), 0},
    {"supervised", N_("supervised"), 0},
    {"at", N_("time"), 0},
    {"actor", N_("by"), 0},
    {"action", N_("action"), 0},
    {"from_state", N_("from state"), 0},
    {"to_state", N_("to state"), 0},
    {"note", N_("note"), 0},
    {"from", N_("restored from"), 0}, /* a restore's row */
    {"kept", N_("database as it was, kept as"), 0},
    {"dropped", N_("changes since the backup, taken away"), 0},
    {"template", N_("template"), 0},
    {"inspector", N_("inspector"), 0},
    {"on_date", N_("date"), 0},
    {"samples_checked", N_("samples checked"), 0},
    {"samples_failed", N_("samples failed"), 0},
    {"items_failed", N_("items failed"), 0},
    {"items_applicable", N_("items applicable"), 0},
    {"critical_failed", N_("critical item failed"), 0},
    {"findings", N_("findings"), 0},
    {"result", N_("result"), 0},
    {"item_no", N_("item no."), 0},
    {"label", N_("item"), 0},
    {"critical", N_("critical"), 0},
    {"outcome", N_("outcome"), 0},
    {"done_on", N_("done on"), 0},
    {"done_note", N_("what was done"), 0},
    {"returned_note", N_("why it was sent back"), 0},
    {"correction_note", N_("why corrected"), 0},
    {"decision_note", N_("why decided so"), 0},
    {"days_before", N_("days before the cut"), 0},
    {"days_after", N_("days after the cut"), 0},
    {"national_limit_days", N_("national limit (days)"), 0},
    {"year", N_("year"), 0},
    {"rank", N_("rank"), 0},
    {"decided_by", N_("decided by"), 0},
    {"rows", N_("rows"), 0},
    {"scale", N_("scale"), 0},
    {"seed", N_("seed"), 0},
};

/* Where one word means different things in different tables. */
static const struct {
    const char *entity, *field, *label;
} field_overrides[] = {
    {"unit", "name", N_("unit name")},
    {"project", "name", N_("project name")},
    {"member", "name", N_("member's name")},
    {"post", "title", N_("post title")},
};

static const char *field_label_in(const char *entity, const char *field)
{
    for (size_t i = 0; entity && i < sizeof field_overrides / sizeof field_overrides[0]; i++)
        if (strcmp(entity, field_overrides[i].entity) == 0 &&
            strcmp(field, field_overrides[i].field) == 0)
            return _(field_overrides[i].label);
    return xf_history_field_label(field);
}

static int field_index(const char *field)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(field, fields[i].field) == 0)
            return (int)i;
    return -1;
}

const char *xf_history_field_label(const char *field)
{
    int i = field ? field_index(field) : -1;
    return i >= 0 ? _(fields[i].label) : field ? field : "";
}

/* Kept in the row for the program, not for people: the id (the record
 * label says it), the optimistic-concurrency counter, the write time (the
 * entry's own time), a unit's place in the tree (parent says it) and the
 * codes a restore noted as given out (the numbering reads them). */
static bool is_internal(const char *key)
{
    return strcmp(key, "id") == 0 || strcmp(key, "version") == 0 ||
           strcmp(key, "updated_at") == 0 || strcmp(key, "path") == 0 ||
           strcmp(key, "depth") == 0 || strcmp(key, "codes") == 0;
}

char *xf_history_record(const struct xf_history_row *r)
{
    const char *kind = xf_history_entity_label(r->entity);
    char *s = NULL;
    int rc;
    if (r->entity_id == 0)
        rc = asprintf(&s, _("%s (all rows)"), kind);
    else if (r->label && *r->label)
        rc = asprintf(&s, "%s %s", kind, r->label);
    else
        rc = asprintf(&s, "%s #%lld", kind, (long long)r->entity_id);
    return rc < 0 ? NULL : s;
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

/* A stored real as the screens show it: 93.2566666666667 as 93.26, 30.0
 * as 30. NULL when raw is no JSON real. Caller frees. */
static char *real_text(const char *raw)
{
    if (raw[0] == '"' || !strpbrk(raw, ".eE"))
        return NULL;
    char *end;
    double v = strtod(raw, &end);
    if (end == raw || *end || !isfinite(v))
        return NULL;
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f", v);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return strdup(buf);
}

/* A value for people: null and "" alike as "(none)" (which of the two a
 * column keeps means nothing to a reader; two words for it read as two
 * things), a reference by what refs says it points at. Caller frees. */
static char *value_text(const char *raw, char ref, const struct jobj *refs)
{
    char *real = real_text(raw);
    if (real)
        return real;
    bool is_null;
    char *t = json_text(raw, &is_null);
    if (!t)
        return NULL;
    if (is_null || !*t) {
        free(t);
        return strdup(_("(none)"));
    }
    if (ref && raw[0] != '"') {
        char key[32];
        snprintf(key, sizeof key, "%c%s", ref, t);
        const struct jfield *f = jobj_get(refs, key);
        if (f) {
            free(t);
            return json_text(f->raw, &is_null);
        }
    }
    return t;
}

void xf_history_change_list_free(struct xf_history_change *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].field);
        free(c[i].before);
        free(c[i].after);
    }
    free(c);
}

/* Stored codes read as the interface shows them: a complaint's state
 * ("signed for", not "signed"), its source ("12345 hotline"), a pledge's
 * category, a yes/no flag ("yes", not "1"), and so on, translated. NULL
 * entity matches any table. */
static const struct {
    const char *entity, *key, *value, *label;
} value_labels[] = {
    {NULL, "supervised", "0", N_("no")},
    {NULL, "supervised", "1", N_("yes")},
    {NULL, "active", "0", N_("no")},
    {NULL, "active", "1", N_("yes")},
    {NULL, "is_leader", "0", N_("no")},
    {NULL, "is_leader", "1", N_("yes")},
    {NULL, "passed", "0", N_("no")},
    {NULL, "passed", "1", N_("yes")},
    {NULL, "critical", "0", N_("no")},
    {NULL, "critical", "1", N_("yes")},
    {NULL, "closed_on_time", "0", N_("no")},
    {NULL, "closed_on_time", "1", N_("yes")},
    {"pledge", "status", "open", NC_("pledge", "open")},
    {"pledge", "status", "kept", N_("kept")},
    {"pledge", "status", "withdrawn", N_("withdrawn")},
    {"pledge", "kind", "member", N_("member's pledge")},
    {"pledge", "kind", "unit_target", N_("unit responsibility letter")},
    {"pledge", "kind", "leader_target", N_("leader responsibility letter")},
    {"pledge", "category", "standard", N_("standard")},
    {"pledge", "category", "time_limit", N_("time limit")},
    {"pledge", "category", "quality", N_("quality")},
    {"pledge", "category", "attitude", N_("attitude")},
    {"pledge", "category", "other", N_("other")},
    {"evaluation_score", "grp", "deputies", N_("Deputies")},
    {"evaluation_score", "grp", "recipients", N_("Recipients")},
    {"evaluation_score", "grp", "public", N_("Public")},
    {"inspection", "kind", "unannounced", N_("unannounced inspection")},
    {"inspection", "kind", "sample", N_("sample check")},
    {"inspection", "result", "pass", N_("pass")},
    {"inspection", "result", "fail", N_("fail")},
    {"inspection_item", "outcome", "pass", N_("pass")},
    {"inspection_item", "outcome", "fail", N_("fail")},
    {"inspection_item", "outcome", "na", N_("n.a.")},
    {"rectification", "status", "open", N_("open")},
    {"rectification", "status", "done", N_("done")},
    {"rectification", "status", "verified", N_("verified")},
    {"rectification", "status", "cancelled", N_("cancelled")},
    {"unit", "kind", "department", N_("department")},
    {"unit", "kind", "office", N_("office")},
    {"unit", "kind", "outlet", N_("outlet")},
    {"unit", "kind", "window", N_("window")},
    {NULL, "scale", "small", NC_("demo scale", "small")}, /* a demo's summary row */
    {NULL, "scale", "city", NC_("demo scale", "city")},
};

/* The config's words for a code: a complaint category's label, an
 * inspection's checklist named after its kind as that kind's label. */
static const char *config_label(const struct xf_config *cfg, const char *entity,
                                const char *key, const char *t)
{
    if (!cfg)
        return NULL;
    const struct xf_category *cat;
    if (strcmp(key, "category") == 0 &&
        (strcmp(entity, "complaint") == 0 || strcmp(entity, "complaint_event") == 0) &&
        (cat = xf_config_category(cfg, t)))
        return xf_category_label(cat);
    /* A checklist named after its kind (the default ones) reads as the
     * kind; others keep their own names, which tell them apart. */
    const struct xf_checklist *cl;
    if (strcmp(entity, "inspection") == 0 && strcmp(key, "template") == 0 &&
        (cl = xf_config_checklist(cfg, t)) && cl->kind && strcmp(cl->kind, t) == 0)
        for (size_t i = 0; i < sizeof value_labels / sizeof value_labels[0]; i++)
            if (value_labels[i].entity && strcmp(value_labels[i].entity, "inspection") == 0 &&
                strcmp(value_labels[i].key, "kind") == 0 &&
                strcmp(value_labels[i].value, cl->kind) == 0)
                return xf_gettext_ctx(value_labels[i].label);
    return NULL;
}

static const char *code_label(const struct xf_config *cfg, const char *entity, const char *key,
                              const char *t)
{
    const char *own = config_label(cfg, entity, key, t);
    if (own)
        return own;
    for (size_t i = 0; i < sizeof value_labels / sizeof value_labels[0]; i++)
        if ((!value_labels[i].entity || strcmp(value_labels[i].entity, entity) == 0) &&
            strcmp(value_labels[i].key, key) == 0 && strcmp(value_labels[i].value, t) == 0)
            return xf_gettext_ctx(value_labels[i].label);
    bool complaint = strcmp(entity, "complaint") == 0;
    enum xf_complaint_state cs;
    if ((complaint && strcmp(key, "state") == 0) ||
        (strcmp(entity, "complaint_event") == 0 &&
         (strcmp(key, "from_state") == 0 || strcmp(key, "to_state") == 0)))
        return xf_complaint_state_parse(t, &cs) == 0 ? xf_complaint_state_label(cs) : NULL;
    if (complaint && strcmp(key, "source") == 0)
        return xf_complaint_source_label(t);
    if (complaint && strcmp(key, "kind") == 0)
        return xf_complaint_kind_label(t);
    if (complaint && strcmp(key, "callback_outcome") == 0)
        return xf_callback_outcome_label(t);
    if (strcmp(entity, "complaint_event") == 0 && strcmp(key, "action") == 0)
        return xf_complaint_event_label(t);

    int ps;
    if (strcmp(entity, "post") == 0 && strcmp(key, "status") == 0)
        return (ps = xf_post_status_parse(t)) >= 0 ? xf_post_status_label((enum xf_post_status)ps)
                                                   : NULL;
    if (strcmp(entity, "improvement") == 0 && strcmp(key, "kind") == 0)
        return xf_improvement_kind_label(t);
    if (strcmp(entity, "project") == 0 && strcmp(key, "category") == 0)
        return xf_project_category_label(t);
    if (strcmp(entity, "award") == 0 && strcmp(key, "kind") == 0)
        return xf_award_kind_label(t);
    if (strcmp(entity, "award") == 0 && strcmp(key, "status") == 0)
        return xf_award_status_label(t);
    return NULL;
}

/* Takes t and returns it or its label. */
/* Columns that hold a login: shown as the interface names people. */
static bool names_a_person(const char *key)
{
    static const char *const keys[] = {"actor",      "inspector",  "verified_by", "entered_by",
                                       "decided_by", "created_by", NULL};
    for (size_t i = 0; keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

static char *state_label(const struct xf_history_row *r, const char *event_action, const char *key,
                         char *t)
{
    const struct xf_config *cfg = r->cfg;
    const char *entity = r->entity;
    if (!entity || !key || !t)
        return t;
    /* "王丽 (wang.li)", as headings and the status line name people (a
     * value read "操作人：wang.li") */
    if (cfg && names_a_person(key) && *t) {
        char who[200];
        struct xf_ctx c = {.db = r->db, .cfg = cfg};
        xf_ctx_person(&c, t, who, sizeof who);
        char *copy = strdup(who);
        if (copy) {
            free(t);
            return copy;
        }
        return t;
    }
    /* Stored as "code: the unit's words": the code read as a reason (a
     * return's event note holds the same, an answer date's its days, a
     * change of co-handlers or category their codes; other notes are kept
     * whole). */
    bool event_note = strcmp(entity, "complaint_event") == 0 && strcmp(key, "note") == 0;
    if ((strcmp(entity, "complaint") == 0 && strcmp(key, "return_reason") == 0) || event_note) {
        char *text = event_note ? xf_complaint_event_note_text(cfg, r->db, event_action, t)
                                : xf_complaint_return_text(t);
        if (text) {
            free(t);
            return text;
        }
        return t;
    }
    const char *label = code_label(cfg, entity, key, t);
    char *copy = label ? strdup(label) : NULL;
    if (!copy)
        return t;
    free(t);
    return copy;
}

static int push_change(struct xf_history_change **out, size_t *n, const struct xf_history_row *r,
                       const char *key, const char *before_raw, const char *after_raw,
                       const struct jobj *refs, const char *event_action)
{
    const char *entity = r->entity;
    int fi = field_index(key);
    char ref = fi >= 0 ? fields[fi].ref : 0;
    struct xf_history_change c = {
        .field = strdup(field_label_in(entity, key)),
        .before = before_raw ? state_label(r, event_action, key, value_text(before_raw, ref, refs))
                             : NULL,
        .after = state_label(r, event_action, key, value_text(after_raw, ref, refs)),
    };
    struct xf_history_change *grown = realloc(*out, (*n + 1) * sizeof *grown);
    if (!c.field || !c.after || (before_raw && !c.before) || !grown) {
        if (grown)
            *out = grown;
        free(c.field);
        free(c.before);
        free(c.after);
        return XF_EIO;
    }
    *out = grown;
    grown[(*n)++] = c;
    return XF_OK;
}

/* A field that says which row a change is about even when it did not
 * change: a co-handler taken off a complaint is "单位：D074 市血液中心 ·
 * 启用：是 → 否", not a bare "启用：是 → 否"; a corrected score names its
 * group ("群体：服务对象 · 得分：79.5 → 69.5"). */
static bool names_the_row(const char *entity, const char *key)
{
    return entity && ((strcmp(entity, "complaint_cohandler") == 0 && strcmp(key, "unit_id") == 0) ||
                      (strcmp(entity, "evaluation_score") == 0 && strcmp(key, "grp") == 0));
}

/* A co-handling unit added to a complaint is its unit: the complaint is
 * the record whose history this is, and a new one is active ("complaint=
 * TS2026-000284 / unit=Q05-01 / active=yes" read as a record dump). */
static bool says_nothing_new(const char *entity, const char *key, const char *raw)
{
    if (entity && strcmp(entity, "complaint_event") == 0) /* a step: its complaint, who and
                                                            when are the row's own columns */
        return !strcmp(key, "complaint_id") || !strcmp(key, "at") || !strcmp(key, "actor");
    return entity && strcmp(entity, "complaint_cohandler") == 0 &&
           (strcmp(key, "complaint_id") == 0 ||
            (strcmp(key, "active") == 0 && strcmp(raw, "1") == 0));
}

/* Appends a piece said as it is (field NULL): a step's sentence, a
 * note. Takes text. */
static int push_text(struct xf_history_change **out, size_t *n, char *text)
{
    struct xf_history_change *grown = text ? realloc(*out, (*n + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(text);
        return XF_EIO;
    }
    *out = grown;
    grown[(*n)++] = (struct xf_history_change){.after = text};
    return XF_OK;
}

/* A step's note for people, as the timeline reads it; NULL when it has
 * none. Caller frees. */
static char *step_note(const struct xf_history_row *r, const struct jobj *ev, const char *action)
{
    const struct jfield *f = jobj_get(ev, "note");
    bool is_null;
    char *t = f ? json_text(f->raw, &is_null) : NULL;
    if (!t || !*t) {
        free(t);
        return NULL;
    }
    char *text = xf_complaint_event_note_text(r->cfg, r->db, action, t);
    if (text) {
        free(t);
        t = text;
    }
    char *said = NULL;
    if (asprintf(&said, _("note: %s"), t) < 0)
        said = NULL;
    free(t);
    return said;
}

static void buf_piece(struct buf *b, char *piece)
{
    if (!piece) {
        b->oom = true;
        return;
    }
    buf_add(b, b->len ? " \u00b7 " : "");
    buf_add(b, piece);
    free(piece);
}

/* A workflow step's event as one sentence: "callback: satisfied · replied
 * → closed · unit 第1号窗口 (D012-02-01) · note: 回访满意". As columns it read
 * "action=callback: satisfied; from state=replied; to state=closed; …".
 * The from state is left out where there was none (a complaint received)
 * or it stayed (a note). */
static char *event_sentence(const struct xf_history_row *r, const struct jobj *ev,
                            const struct jobj *refs)
{
    struct buf b = {0};
    bool is_null;
    const struct jfield *f = jobj_get(ev, "action");
    char *action = f ? json_text(f->raw, &is_null) : NULL;
    const struct jfield *fs = jobj_get(ev, "from_state"), *ts = jobj_get(ev, "to_state");
    char *from = fs ? json_text(fs->raw, &is_null) : NULL;
    char *to = ts ? json_text(ts->raw, &is_null) : NULL;
    const char *fl = from ? code_label(r->cfg, "complaint_event", "from_state", from) : NULL;
    const char *tl = to ? code_label(r->cfg, "complaint_event", "to_state", to) : NULL;
    bool moved = from && to && *from && *to && strcmp(from, to) != 0;
    /* "signed for · dispatched → signed for" said it twice */
    const char *what = action && *action ? xf_complaint_event_label(action) : NULL;
    if (what && !(moved && strcmp(what, tl ? tl : to) == 0))
        buf_piece(&b, strdup(what));
    if (moved) {
        char *piece = NULL;
        if (asprintf(&piece, "%s \u2192 %s", fl ? fl : from, tl ? tl : to) < 0)
            piece = NULL;
        buf_piece(&b, piece);
    }
    const struct jfield *u = jobj_get(ev, "unit_id");
    char *unit = u && strcmp(u->raw, "null") != 0 ? value_text(u->raw, 'u', refs) : NULL;
    if (unit) {
        /* "D012-02-01 第1号窗口": the name first, as people say it */
        char *sp = strchr(unit, ' '), *piece = NULL;
        int rc = sp && sp[1] ? (*sp = '\0', asprintf(&piece, _("unit %s (%s)"), sp + 1, unit))
                             : asprintf(&piece, _("unit %s"), unit);
        buf_piece(&b, rc < 0 ? NULL : piece);
    }
    char *note = step_note(r, ev, action);
    if (note)
        buf_piece(&b, note);
    free(action);
    free(from);
    free(to);
    free(unit);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s ? b.s : strdup("");
}

/* The note of the event a complaint's step wrote, after the complaint's
 * own changes: why it was sent back, what the call-back heard. Left out
 * when a change already says it (a return's reason, a rejection's). */
static int fold_step_note(const struct xf_history_row *r, struct xf_history_change **out, size_t *n)
{
    struct jobj ev = {0};
    if (!r->step || jobj_parse(r->step, &ev) != 0)
        return XF_OK;
    const struct jfield *f = jobj_get(&ev, "action");
    bool is_null;
    char *action = f ? json_text(f->raw, &is_null) : NULL;
    const struct jfield *nf = jobj_get(&ev, "note");
    char *plain = nf ? json_text(nf->raw, &is_null) : NULL;
    char *text =
        plain && *plain ? xf_complaint_event_note_text(r->cfg, r->db, action, plain) : NULL;
    bool said = !text;
    for (size_t i = 0; !said && i < *n; i++)
        said = (*out)[i].after && strcmp((*out)[i].after, text) == 0;
    int rc = said ? XF_OK : push_text(out, n, step_note(r, &ev, action));
    free(action);
    free(plain);
    free(text);
    jobj_free(&ev);
    return rc;
}

int xf_history_change_list(const struct xf_history_row *r, struct xf_history_change **out,
                           size_t *n)
{
    *out = NULL;
    *n = 0;
    struct jobj before = {0}, after = {0}, refs = {0};
    char *event_action = NULL;
    int rc = XF_OK;
    bool have_before = r->before && jobj_parse(r->before, &before) == 0;
    if (r->refs)
        jobj_parse(r->refs, &refs);
    if (!r->after || jobj_parse(r->after, &after) != 0) {
        /* Not a row: a note written as it is. */
        if (r->after && *r->after)
            rc = push_change(out, n, r, "note", NULL, "null", &refs, NULL);
        if (rc == XF_OK && *n) {
            free((*out)[0].after);
            (*out)[0].after = strdup(r->after);
            rc = (*out)[0].after ? XF_OK : XF_EIO;
        }
        goto done;
    }
    bool event = r->entity && strcmp(r->entity, "complaint_event") == 0;
    if (event && !have_before) {
        char *said = event_sentence(r, &after, &refs);
        if (said && !*said)
            free(said); /* nothing to say: "(no field changed)" */
        else
            rc = push_text(out, n, said);
        goto done;
    }
    /* A complaint step's note is read as its action wrote it. */
    const struct jfield *act = event ? jobj_get(&after, "action") : NULL;
    bool is_null;
    event_action = act ? json_text(act->raw, &is_null) : NULL;
    for (size_t i = 0; rc == XF_OK && i < after.n; i++) {
        const struct jfield *a = &after.f[i];
        if (is_internal(a->key))
            continue;
        const struct jfield *o = have_before ? jobj_get(&before, a->key) : NULL;
        if (have_before && o && strcmp(o->raw, a->raw) == 0) {
            if (names_the_row(r->entity, a->key))
                rc = push_change(out, n, r, a->key, NULL, a->raw, &refs, event_action);
            continue;
        }
        if (!have_before && (strcmp(a->raw, "null") == 0 || strcmp(a->raw, "\"\"") == 0))
            continue;
        if (!have_before && says_nothing_new(r->entity, a->key, a->raw))
            continue;
        rc = push_change(out, n, r, a->key, have_before ? (o ? o->raw : "null") : NULL, a->raw,
                         &refs, event_action);
    }
    if (rc == XF_OK && r->step && r->entity && strcmp(r->entity, "complaint") == 0)
        rc = fold_step_note(r, out, n);
done:
    free(event_action);
    jobj_free(&before);
    jobj_free(&after);
    jobj_free(&refs);
    if (rc != XF_OK) {
        xf_history_change_list_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

char *xf_history_change_text(const struct xf_history_change *c)
{
    char *one = NULL;
    int rc = !c->field   ? ((one = strdup(c->after ? c->after : "")) ? 0 : -1)
             : c->before ? asprintf(&one, _("%s: %s → %s"), c->field, c->before, c->after)
                         : asprintf(&one, _("%s=%s"), c->field, c->after);
    return rc < 0 ? NULL : one;
}

char *xf_history_changes(const struct xf_history_row *r)
{
    struct xf_history_change *c = NULL;
    size_t n = 0;
    if (xf_history_change_list(r, &c, &n) != XF_OK)
        return NULL;
    struct buf b = {0};
    buf_add(&b, "");
    for (size_t i = 0; i < n; i++) {
        char *one = xf_history_change_text(&c[i]);
        if (!one) {
            b.oom = true;
            break;
        }
        /* TRANSLATORS: between the fields of one change. */
        buf_add(&b, i ? _("; ") : "");
        buf_add(&b, one);
        free(one);
    }
    xf_history_change_list_free(c, n);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

/* ---- finding a record ---- */

static bool is_number(const char *s, int64_t *v)
{
    char *end = NULL;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (!*s || *end || errno || x <= 0 || *s == '+' || *s == '-' || *s == ' ')
        return false;
    *v = x;
    return true;
}

/* The number at the end of a code, as 282 of TS2026-000282; -1 if none. */
static int64_t code_number(const char *code)
{
    size_t len = strcspn(code, " "), start = len;
    while (start > 0 && code[start - 1] >= '0' && code[start - 1] <= '9')
        start--;
    if (start == len || len - start > 15)
        return -1;
    return strtoll(code + start, NULL, 10);
}

/* A bare number for a kind of record people know by code: 282 meant for
 * complaint TS2026-000282 named another (the record numbered 282), whose
 * history came back without a word. Taken as the number only when the
 * record of that number has it at the end of its code too (unit 1 is
 * D001); otherwise both are named. */
static int refuse_number_for_code(const struct xf_ctx *ctx, const char *t, int64_t number,
                                  struct xf_error *err)
{
    int64_t unit_id = 0, complaint_id = 0;
    char *label = NULL;
    struct xf_error local = {0};
    if (xf_store_history_owner(ctx->db, t, number, &unit_id, &complaint_id, &label, &local) !=
            XF_OK ||
        !label || code_number(label) == number ||
        may_read(ctx, t, number, NULL, &local) != XF_OK) {
        free(label);
        return XF_OK; /* no such record, one not the user's (said later), or no doubt */
    }
    int rc = xf_err(err, XF_EINVAL, "id",
                    _("no %s has the code %lld, and the %s numbered %lld is %s: give the code "
                      "as shown on screen, or #%lld for the number"),
                    xf_history_entity_label(t), (long long)number, xf_history_entity_label(t),
                    (long long)number, label, (long long)number);
    free(label);
    return rc;
}

int xf_history_resolve(const struct xf_ctx *ctx, const char *entity, const char *text,
                       const char **table, int64_t *id, struct xf_error *err)
{
    *table = NULL;
    *id = 0;
    const char *t = entity ? xf_history_entity_parse(entity) : NULL;
    if (!t)
        return xf_err(err, XF_EINVAL, "entity",
                      _("'%s' is not a kind of record; use one of: %s (or their Chinese "
                        "names: 单位, 党员, 先锋岗, 承诺, 投诉, 检查, 测评, 整改 …)"),
                      entity ? entity : "", xf_store_history_entities());
    if (!text || !*text)
        return xf_err(err, XF_EINVAL, "id", _("say which %s: its code or its number"),
                      xf_history_entity_label(t));
    int64_t number = 0;
    struct xf_error local = {0};
    bool said_number = text[0] == '#' && is_number(text + 1, &number);
    bool numeric = !said_number && is_number(text, &number);
    int rc = said_number ? XF_OK : xf_store_history_find_code(ctx->db, t, text, id, &local);
    if (said_number) /* the number, said so */
        *id = number;
    else if (rc == XF_OK) {
    } else if (rc == XF_ENOTFOUND && numeric && strcmp(t, "evaluation") != 0) {
        if ((rc = refuse_number_for_code(ctx, t, number, err)) == XF_OK)
            *id = number;
    } else if (rc == XF_ENOTFOUND && !strcmp(t, "evaluation") && !numeric) {
        rc = xf_err(err, XF_EINVAL, "id",
                    _("no evaluation is \"%s\": name one by its post's code and quarter, as "
                      "\"XFG-00001 2026Q3\""),
                    text);
    } else if ((rc == XF_ENOTFOUND || rc == XF_EINVAL) && numeric) {
        /* No code, or no record with this code: the text is the number. */
        *id = number;
        rc = XF_OK;
    } else if (rc == XF_EINVAL)
        rc = xf_err(err, XF_EINVAL, "id",
                    _("%s records have no code of their own; give the number (#) shown in "
                      "the history"),
                    xf_history_entity_label(t));
    else if (err)
        *err = local;
    /* Outside the user's units reads as absent: "outside your units" and
     * "no such code" told apart which codes exist elsewhere, and a number
     * named another unit's complaint. */
    if (rc == XF_OK && !reads_all(ctx)) {
        rc = may_read(ctx, t, *id, NULL, &local);
        if (rc != XF_OK && rc != XF_EPERM && rc != XF_ENOTFOUND && err)
            *err = local; /* a fault, not an answer */
    }
    if (!reads_all(ctx) && (rc == XF_EPERM || rc == XF_ENOTFOUND)) {
        *id = 0;
        rc = xf_err(err, XF_ENOTFOUND, "id", _("no %s \"%s\" among the records you may read"),
                    xf_history_entity_label(t), text);
    }
    if (rc == XF_OK)
        *table = t;
    return rc;
}

int xf_history_about(const struct xf_ctx *ctx, const char *entity, int64_t entity_id,
                     struct xf_history_about *out, struct xf_error *err)
{
    memset(out, 0, sizeof *out);
    if (!entity || !*entity)
        return xf_err(err, XF_EINVAL, "entity", _("say which kind of record: %s"),
                      xf_store_history_entities());
    int rc = may_read(ctx, entity, entity_id, &out->label, err);
    if (!rc)
        rc = xf_store_history_has_summary(ctx->db, entity, "demo.generate", &out->demo, err);
    if (rc)
        xf_history_about_clear(out);
    return rc;
}

void xf_history_about_clear(struct xf_history_about *a)
{
    free(a->label);
    memset(a, 0, sizeof *a);
}

/* ---- users ---- */

static char *join_scopes(const struct xf_user *u, bool bare)
{
    struct buf b = {0};
    buf_add(&b, "");
    for (size_t i = 0; i < u->n_scopes; i++) {
        buf_add(&b, i ? ", " : "");
        buf_add(&b, u->scopes[i]);
    }
    if (u->n_scopes == 0 && !bare)
        buf_add(&b, _("all units"));
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

static int add_user_row(const struct xf_ctx *ctx, struct xf_table *t, const struct xf_user *u,
                        bool bare, struct xf_error *err)
{
    char *last = NULL;
    int rc = xf_store_history_last_active(ctx->db, u->login, &last, err);
    if (rc)
        return rc;
    char *scopes = join_scopes(u, bare);
    const char *none = bare ? "" : _("never");
    const char *cells[] = {u->login, u->name ? u->name : "", xf_role_label(u->role),
                           scopes ? scopes : "", last ? last : none};
    if (!scopes || xf_table_add(t, cells) != 0)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    free(scopes);
    free(last);
    return rc;
}

int xf_history_users(const struct xf_ctx *ctx, struct xf_table *t, bool bare, struct xf_error *err)
{
    if (ctx->role != XF_ROLE_ADMIN && ctx->role != XF_ROLE_ORGANISER) {
        char who[200]; /* "刘洋 (liu.yang), supervisor, ...", as xf_perm_require */
        xf_ctx_person(ctx, ctx->login, who, sizeof who);
        return xf_err(err, XF_EPERM, "",
                      _("%s, %s, may not see the list of users; ask an administrator or "
                        "the organisation department"),
                      who, xf_role_label(ctx->role));
    }
    /* Only changes leave a trace: reading, exporting and reporting do not,
     * so the column says "last change", not "last active". */
    const char *names[] = {_("login"), _("name"), _("role"), _("scopes"), _("last change"), NULL};
    if (xf_table_init(t, _("Users"), names) != 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (size_t i = 0; i < ctx->cfg->n_users; i++) {
        int rc = add_user_row(ctx, t, &ctx->cfg->users[i], bare, err);
        if (rc)
            return rc;
    }
    return XF_OK;
}

int xf_history_user_login(const struct xf_config *cfg, const char *text, const char *field,
                          bool list_them, const char **login, struct xf_error *err)
{
    *login = text;
    if (!text || !*text || !cfg || xf_config_user(cfg, text))
        return XF_OK;
    size_t same = 0;
    struct buf who = {0};
    buf_add(&who, "");
    for (size_t i = 0; i < cfg->n_users; i++) {
        const struct xf_user *u = &cfg->users[i];
        if (!u->name || strcmp(u->name, text) != 0)
            continue;
        *login = u->login;
        buf_add(&who, same++ ? ", " : ""); /* logins: ASCII in every language */
        buf_add(&who, u->login);
    }
    int rc = XF_OK;
    if (same > 1) {
        *login = text;
        rc = list_them ? xf_err(err, XF_EINVAL, field,
                                _("%s is the name of %zu users (%s): give the login"), text, same,
                                who.oom ? "…" : who.s)
                       : xf_err(err, XF_EINVAL, field,
                                _("%s is the name of %zu users: give the login"), text, same);
    } else if (same == 0) {
        const char *staff = xf_demo_staff_login(text);
        if (staff)
            *login = staff;
    }
    free(who.s);
    return rc;
}

/* A restore since cur's mark: said to everyone, the cursor moved past it. */
static char *restore_news(const struct xf_ctx *ctx, struct xf_news_cursor *cur, bool first)
{
    char mark[XF_RESTORE_MARK_LEN], *actor = NULL;
    struct xf_error err = {0};
    if (xf_store_history_last_restore(ctx->db, mark, &actor, &err) != XF_OK)
        return NULL;
    char *text = NULL;
    if (!first && strcmp(mark, cur->restore) != 0) {
        char who[160];
        xf_ctx_person(ctx, actor ? actor : "?", who, sizeof who);
        if (asprintf(&text, _("%s restored the database from a backup: what you see is as it "
                              "was then"),
                     who) < 0)
            text = NULL;
    }
    snprintf(cur->restore, sizeof cur->restore, "%s", mark);
    free(actor);
    return text;
}

char *xf_history_news(const struct xf_ctx *ctx, struct xf_news_cursor *cur)
{
    struct xf_history_news n;
    struct xf_error err = {0};
    int64_t *last_id = &cur->id;
    bool first = *last_id == 0;
    char *restored = restore_news(ctx, cur, first);
    if (restored) {
        xf_store_history_news(ctx->db, 0, "", last_id, &n, &err); /* where history stands now */
        xf_history_news_clear(&n);
        return restored;
    }
    /* Any actor: the same login in another terminal is news too; this
     * session's own writes are skipped by the caller moving *last_id. */
    if (xf_store_history_news(ctx->db, *last_id, "", last_id, &n, &err) != XF_OK)
        return NULL;
    char *text = NULL;
    /* News of a record the user may not read would tell a scoped
     * handler what happens at other units (and its code): none then, and
     * no count of the others, which may be anywhere. */
    bool all = reads_all(ctx);
    struct xf_error e = {0};
    if (!first && n.count > 0 && n.actor && !all &&
        may_read(ctx, n.entity, n.entity_id, NULL, &e) != XF_OK)
        n.count = 0;
    else if (!all)
        n.count = n.count > 0;
    if (!first && n.count > 0 && n.actor) {
        struct xf_history_row r = {.entity = n.entity, .entity_id = n.entity_id,
                                   .label = n.label};
        /* The code alone when there is one: "dispatch TS2026-000258". */
        char *rec = n.label && *n.label && n.entity_id ? strdup(n.label) : xf_history_record(&r);
        const char *what = xf_history_action_label(n.action);
        char who[160];
        xf_ctx_person(ctx, n.actor, who, sizeof who);
        int rc = !rec ? -1
                 : n.count > 1
                     ? asprintf(&text, _("%s: %s %s, and %lld more"), who, what, rec,
                                (long long)(n.count - 1))
                     : asprintf(&text, _("%s: %s %s"), who, what, rec);
        if (rc < 0)
            text = NULL;
        free(rec);
    }
    xf_history_news_clear(&n);
    return text;
}
