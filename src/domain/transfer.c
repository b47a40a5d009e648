/* Driving CSV import and export for every kind of record. */
#include "xf/transfer.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/csv.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/store_post.h"
#include "xf/store_unit.h"
#include "xf/text.h"

/* An updated sheet imported again met this on every row; what to do
 * instead is the one thing worth saying. */
int xf_import_code_taken(struct xf_error *err, const char *code, const char *holder)
{
    if (holder && *holder)
        return xf_err(err, XF_EINVAL, "code",
                      _("the code %s is already used by %s; import adds new records only, "
                        "existing ones are changed in the interface"),
                      code, holder);
    return xf_err(err, XF_EINVAL, "code",
                  _("%s is already in the database; import adds new records only, existing "
                    "ones are changed in the interface"),
                  code);
}

/* The importing user's scope as configured ("D005, D012"). Caller frees. */
static char *scope_codes(const struct xf_ctx *ctx)
{
    size_t len = 1;
    for (size_t i = 0; i < ctx->user->n_scopes; i++)
        len += strlen(ctx->user->scopes[i]) + 2;
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        if (i)
            strcat(out, ", ");
        strcat(out, ctx->user->scopes[i]);
    }
    return out;
}

int xf_import_in_scope(const struct xf_ctx *ctx, int64_t unit_id, const char *column,
                       const char *code, struct xf_error *err)
{
    if (!ctx->user || ctx->user->n_scopes == 0 || (unit_id > 0 && xf_ctx_in_scope(ctx, unit_id)))
        return XF_OK;
    char *scope = scope_codes(ctx);
    if (!scope)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if (unit_id <= 0)
        xf_err(err, XF_EPERM, column,
               _("a unit without a parent is a new department, outside your units (%s); only "
                 "an administrator without a unit scope may add one"),
               scope);
    else
        xf_err(err, XF_EPERM, column,
               _("%s is outside your units (%s); you may import records only within them"),
               code ? code : "", scope);
    free(scope);
    return XF_EPERM;
}

/* Two codes a reader cannot tell apart name one record: history, search
 * and people find either by the other. */
int xf_code_case_unique(const struct xf_ctx *ctx, const char *table, const char *code,
                        struct xf_error *err)
{
    char *twin = NULL;
    int rc = xf_store_code_case_twin(ctx->db, table, code, &twin, err);
    if (rc == XF_ENOTFOUND)
        return XF_OK;
    if (rc == XF_OK)
        rc = xf_err(err, XF_EINVAL, "code",
                    _("the code %s differs only in upper and lower case from %s, already used: "
                      "codes must differ in more than case"),
                    code, twin);
    free(twin);
    return rc;
}

const struct xf_kind_io *xf_kind_find(const char *name)
{
    for (const struct xf_kind_io *const *k = xf_kinds; *k; k++)
        if (strcmp((*k)->name, name) == 0)
            return *k;
    return NULL;
}

static size_t count_columns(const char *const *cols)
{
    size_t n = 0;
    while (cols[n])
        n++;
    return n;
}

/* Spreadsheets keep what was typed: " unit_code", "Code", "姓名　". Names
 * are compared trimmed (ideographic spaces too) and in lower case. */
static void tidy_name(char *h)
{
    char *t = xf_text_trim(h);
    memmove(h, t, strlen(t) + 1);
    for (char *p = h; *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

enum {
    UNNAMED = -2, /* a column without a name: its cells must be empty */
    NUMBERING = -3, /* 序号: the sheet's own row numbers, not data */
};

/* The names a Chinese office's own spreadsheet gives the columns (a
 * roster's 姓名, 所属单位编码): each stands for the column of that name in
 * the kind being imported, when it has one (状态 is a pledge's status and
 * a complaint's state). Input names, not labels: not translated. */
static const char *const header_aliases[][2] = {
    {"code", "编码"}, {"code", "代码"}, {"code", "编号"},
    {"unit_code", "单位编码"}, {"unit_code", "单位代码"}, {"unit_code", "所属单位编码"},
    {"unit_code", "所属单位代码"}, {"parent_code", "上级编码"}, {"parent_code", "上级代码"},
    {"parent_code", "上级单位编码"}, {"parent_code", "上级单位代码"},
    /* in a list of units, the unit it belongs to is its parent */
    {"parent_code", "所属单位编码"}, {"parent_code", "所属单位代码"},
    {"name", "名称"}, {"name", "姓名"}, {"name", "单位名称"}, {"name", "项目名称"},
    {"kind", "类型"}, {"category", "类别"}, {"category", "分类"},
    {"trade", "行业"}, {"party_org", "党组织"}, {"active", "在用"}, {"active", "启用"},
    {"active", "有效"}, {"position", "职务"}, {"is_leader", "处级以上领导"},
    {"is_leader", "是否处级以上领导"}, {"is_leader", "是否领导"}, {"is_leader", "领导"},
    {"is_leader", "是否处级领导"}, {"login", "登录名"}, {"login", "账号"},
    {"owner_unit_code", "主办单位编码"}, {"owner_unit_code", "牵头单位编码"},
    {"post_code", "先锋岗编码"}, {"post_code", "岗位编码"}, {"project_code", "项目编码"},
    {"member_code", "党员编码"}, {"member_code", "党员编号"},
    {"holder_member_code", "持岗党员编码"}, {"holder_name", "持岗人"},
    {"holder_name", "持岗人姓名"},
    /* the sign's own words (姓名, 职务): in a list of posts, the holder's */
    {"holder_name", "姓名"}, {"title", "标题"}, {"title", "岗位名称"},
    {"title", "事项名称"}, {"scope", "服务范围"}, {"hotline", "投诉电话"},
    {"hotline", "监督电话"}, {"commit_standard", "工作标准"},
    {"commit_time_limit", "工作时限"}, {"commit_quality", "服务质量"},
    {"commit_attitude", "服务态度"}, {"status", "状态"}, {"state", "状态"},
    /* a roster's or a list of units' 状态 (在用, 停用): whether it is active */
    {"active", "状态"}, {"active", "是否有效"}, {"active", "是否在用"},
    {"published_on", "公示日期"}, {"named_on", "命名日期"}, {"named_level", "命名级别"},
    {"revoked_on", "撤销日期"}, {"revoke_reason", "撤销原因"}, {"quarter", "季度"},
    {"text", "内容"}, {"text", "承诺内容"}, {"text", "投诉内容"}, {"made_on", "承诺日期"},
    {"due_on", "期限"}, {"due_on", "承诺期限"}, {"due_on", "完成期限"},
    {"kept_on", "兑现日期"}, {"evidence", "兑现情况"}, {"verified_by", "核实人"},
    {"withdrawn_on", "撤回日期"}, {"withdraw_reason", "撤回原因"}, {"created_by", "录入人"},
    {"received_at", "受理时间"}, {"received_at", "受理日期"}, {"source", "来源"},
    {"complainant_name", "投诉人"}, {"complainant_name", "投诉人姓名"},
    {"complainant_phone", "联系电话"}, {"complainant_phone", "投诉人电话"},
    {"inspector", "检查员"}, {"inspector", "检查人"}, {"on_date", "检查日期"},
    {"on_date", "日期"}, {"samples_checked", "抽检批次"}, {"samples_checked", "抽检数"},
    {"samples_failed", "不合格批次"}, {"samples_failed", "不合格数"},
    {"findings", "检查发现"}, {"findings", "发现问题"}, {"result", "结果"},
    {"days_before", "原办理天数"}, {"days_after", "现办理天数"},
    {"national_limit_days", "国家规定时限"},
};

/* A file's own code column under the name of what it lists (a roster's
 * 党员编码): for the kind alone, as in other files the same name is a
 * reference (a pledge's 党员编码 is its member_code). */
static const char *const own_code_aliases[][2] = {
    {"units", "单位编码"},     {"units", "单位代码"},      {"members", "党员编码"},
    {"members", "党员编号"},   {"projects", "项目编码"},   {"posts", "先锋岗编码"},
    {"posts", "岗位编码"},
};

/* The words for coded values as such a spreadsheet writes them, read as
 * the codes (a unit of kind 窗口, a post 已公示). */
static const char *const value_aliases[][4] = {
    {"units", "kind", "单位", "department"},       {"units", "kind", "部门", "department"},
    {"units", "kind", "职能处室", "office"},       {"units", "kind", "处室", "office"},
    {"units", "kind", "服务网点", "outlet"},       {"units", "kind", "网点", "outlet"},
    {"units", "kind", "业务窗口", "window"},       {"units", "kind", "窗口", "window"},
    /* 状态 of a unit or a member */
    {"units", "active", "在用", "1"},              {"units", "active", "启用", "1"},
    {"units", "active", "正常", "1"},              {"units", "active", "有效", "1"},
    {"units", "active", "停用", "0"},              {"units", "active", "无效", "0"},
    {"units", "active", "撤销", "0"},              {"units", "active", "已撤销", "0"},
    {"members", "active", "在职", "1"},            {"members", "active", "正常", "1"},
    {"members", "active", "有效", "1"},            {"members", "active", "在用", "1"},
    {"members", "active", "离职", "0"},            {"members", "active", "调离", "0"},
    {"members", "active", "停用", "0"},            {"members", "active", "无效", "0"},
    {"posts", "status", "拟设", "proposed"},       {"posts", "status", "已公示", "published"},
    {"posts", "status", "已命名", "named"},        {"posts", "status", "已撤销", "revoked"},
    {"pledges", "category", "工作标准", "standard"}, {"pledges", "category", "工作时限", "time_limit"},
    {"pledges", "category", "服务质量", "quality"}, {"pledges", "category", "服务态度", "attitude"},
    {"pledges", "category", "其他", "other"},      {"pledges", "status", "未兑现", "open"},
    {"pledges", "status", "已兑现", "kept"},       {"pledges", "status", "已撤回", "withdrawn"},
    /* the list's words for an open pledge, before its day and after */
    {"pledges", "status", "进行中", "open"},       {"pledges", "status", "逾期", "open"},
    {"pledges", "status", "逾期兑现", "kept"},
    {"pledges", "kind", "党员承诺", "member"},     {"pledges", "kind", "个人承诺", "member"},
    {"pledges", "kind", "单位目标责任书", "unit_target"},
    {"pledges", "kind", "目标责任书", "unit_target"},
    {"pledges", "kind", "岗位目标责任状", "leader_target"},
    {"pledges", "kind", "目标责任状", "leader_target"},
    /* the interface's words for a project's category and a complaint's
     * source, the hotline also by its number */
    {"projects", "category", "重点项目", "key"},   {"projects", "category", "重点", "key"},
    {"projects", "category", "惠民项目", "livelihood"},
    {"projects", "category", "惠民", "livelihood"},
    {"projects", "category", "路桥项目", "road_bridge"},
    {"projects", "category", "路桥", "road_bridge"},
    {"complaints", "source", "12345", "hotline"},  {"complaints", "source", "12345热线", "hotline"},
    {"complaints", "source", "万人评政风", "appraisal"},
    {"complaints", "source", "测评意见", "evaluation"},
    {"complaints", "source", "检查发现", "inspection"},
    {"complaints", "source", "来信来访", "letter"}, {"complaints", "source", "现场", "walk_in"},
    {"complaints", "source", "媒体", "media"},     {"complaints", "source", "热线", "hotline"},
    {"complaints", "kind", "投诉", "complaint"},   {"complaints", "kind", "意见建议", "suggestion"},
    {"complaints", "kind", "建议", "suggestion"},
    /* a complaint's state as the interface and the reports write it, and
     * as the 12345 practice names the steps (受理, 办结) */
    {"complaints", "state", "受理", "received"},   {"complaints", "state", "已受理", "received"},
    {"complaints", "state", "已分类", "classified"}, {"complaints", "state", "分类", "classified"},
    {"complaints", "state", "已派单", "dispatched"}, {"complaints", "state", "派单", "dispatched"},
    {"complaints", "state", "已签收", "signed"},   {"complaints", "state", "签收", "signed"},
    {"complaints", "state", "已退单", "returned"}, {"complaints", "state", "退单", "returned"},
    {"complaints", "state", "已答复", "replied"},  {"complaints", "state", "答复", "replied"},
    {"complaints", "state", "待办结", "callback"}, {"complaints", "state", "已回访", "callback"},
    {"complaints", "state", "已办结", "closed"},   {"complaints", "state", "办结", "closed"},
    {"complaints", "state", "不予受理", "rejected"}, {"complaints", "state", "已合并", "merged"},
};

/* fields[c] read as its code when it is one of the words above. */
static void read_value_words(const struct xf_kind_io *kind, const char **fields, size_t ncols)
{
    for (size_t a = 0; a < sizeof value_aliases / sizeof value_aliases[0]; a++) {
        if (strcmp(kind->name, value_aliases[a][0]) != 0)
            continue;
        for (size_t c = 0; c < ncols; c++)
            if (fields[c] && !strcmp(kind->columns[c], value_aliases[a][1]) &&
                !strcmp(fields[c], value_aliases[a][2]))
                fields[c] = value_aliases[a][3];
    }
}

static int column_of(const struct xf_kind_io *kind, const char *name)
{
    for (int c = 0; kind->columns[c]; c++)
        if (strcmp(name, kind->columns[c]) == 0)
            return c;
    for (size_t a = 0; a < sizeof own_code_aliases / sizeof own_code_aliases[0]; a++)
        if (!strcmp(kind->name, own_code_aliases[a][0]) && !strcmp(name, own_code_aliases[a][1]))
            return column_of(kind, "code");
    for (size_t a = 0; a < sizeof header_aliases / sizeof header_aliases[0]; a++)
        if (strcmp(name, header_aliases[a][1]) == 0) {
            int c = column_of(kind, header_aliases[a][0]);
            if (c >= 0)
                return c;
        }
    return -1;
}

/* Maps each file column to the kind's column index. Unknown columns are
 * refused so a misspelt header is not silently lost; one without a name
 * (left by a spreadsheet after a column was cleared) is let be. */
/* A required column the header lacks, named as a Chinese sheet may head
 * it too ("state: required column is missing" left a clerk whose sheet
 * said 受理时间 and 投诉内容 not knowing what to add). */
static int missing_column(const char *column, struct xf_error *err)
{
    for (size_t a = 0; a < sizeof header_aliases / sizeof header_aliases[0]; a++)
        if (!strcmp(header_aliases[a][0], column))
            return xf_err(err, XF_EINVAL, column,
                          _("required column is missing from the header; add a column headed "
                            "%s or %s"),
                          column, header_aliases[a][1]);
    return xf_err(err, XF_EINVAL, column, _("required column is missing from the header"));
}

/* The Chinese heading first read as the kind's column col, a file's own
 * code by the name of what it lists (党员编码); or NULL. */
static const char *listed_heading(const struct xf_kind_io *kind, int col)
{
    if (!strcmp(kind->columns[col], "code"))
        for (size_t a = 0; a < sizeof own_code_aliases / sizeof own_code_aliases[0]; a++)
            if (!strcmp(kind->name, own_code_aliases[a][0]))
                return own_code_aliases[a][1];
    for (size_t a = 0; a < sizeof header_aliases / sizeof header_aliases[0]; a++)
        if (column_of(kind, header_aliases[a][1]) == col)
            return header_aliases[a][1];
    return NULL;
}

/* The kind's columns, each with a Chinese heading it is read under
 * ("code/党员编码, unit_code/所属单位编码, …"): what a file may be headed,
 * in either language. Cut with … to fit out. */
static void column_names(const struct xf_kind_io *kind, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int c = 0; kind->columns[c]; c++) {
        const char *zh = listed_heading(kind, c);
        char one[128];
        int n = snprintf(one, sizeof one, "%s%s%s%s", c ? ", " : "", kind->columns[c],
                         zh ? "/" : "", zh ? zh : "");
        if (n < 0 || used + (size_t)n + 4 >= size) {
            snprintf(out + used, size - used, ", \u2026");
            return;
        }
        memcpy(out + used, one, (size_t)n + 1);
        used += (size_t)n;
    }
}

static int map_header(const struct xf_kind_io *kind, char **head, size_t nhead, int *map,
                      struct xf_error *err)
{
    for (size_t i = 0; i < nhead; i++) {
        tidy_name(head[i]);
        map[i] = !*head[i]                      ? UNNAMED
                 : strcmp(head[i], "序号") == 0 ? NUMBERING
                                                 : column_of(kind, head[i]);
        for (size_t j = 0; j < i && map[i] >= 0; j++)
            if (map[j] == map[i])
                return xf_err(err, XF_EINVAL, kind->columns[map[i]],
                              _("column appears twice in the header"));
        if (map[i] == -1) {
            char *clean = xf_text_sanitize(head[i], false);
            char names[400];
            column_names(kind, names, sizeof names);
            xf_err(err, XF_EINVAL, "",
                   _("unknown column '%s' for %s; its columns are %s (see 'xianfeng export %s')"),
                   clean, kind->name, names, kind->name);
            free(clean);
            return XF_EINVAL;
        }
    }
    for (const char *const *r = kind->required; r && *r; r++) {
        if (kind->absent_column && !strcmp(*r, kind->absent_column))
            continue; /* row by row: see absent_default */
        int want = column_of(kind, *r);
        bool found = false;
        for (size_t i = 0; i < nhead; i++)
            found = found || map[i] == want;
        if (!found)
            return missing_column(*r, err);
    }
    return XF_OK;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* A date column: its value may be written as a spreadsheet writes dates. */
static bool date_column(const char *name)
{
    return ends_with(name, "_on") || ends_with(name, "_at") || ends_with(name, "_due") ||
           strcmp(name, "on_date") == 0;
}

/* A day's column written with midnight, as a spreadsheet writes a date
 * cell ("2026-01-05 00:00:00", "2026/1/5 0:00"): the day. Another time
 * is left for the check to refuse. */
static void drop_midnight(const char *column, char *v)
{
    if (ends_with(column, "_at") || strlen(v) <= 10 || v[10] != ' ')
        return;
    const char *t = v + 11 + (v[11] == '0' && v[12] == '0' ? 1 : 0);
    if (!strcmp(t, "0:00") || !strcmp(t, "0:00:00"))
        v[10] = '\0';
}

/* Dates as Excel saves them ("2026/11/1") become "2026-11-01" in fields
 * (the copies in norm, freed by the caller), as the forms take them. */
static void normalize_dates(const struct xf_kind_io *kind, const char **fields, size_t ncols,
                            char **norm)
{
    for (size_t i = 0; i < ncols; i++) {
        if (!fields[i] || !date_column(kind->columns[i]))
            continue;
        if ((norm[i] = xf_date_normalize(fields[i])) ||
            (strlen(fields[i]) > 10 && (norm[i] = strdup(fields[i])))) {
            drop_midnight(kind->columns[i], norm[i]);
            fields[i] = norm[i];
        }
    }
}

/* Blank but for the sheet's own row numbers (a template numbered 1 to
 * 100 with twelve rows filled in). */
static bool blank_row(char **rec, size_t n, const int *map)
{
    for (size_t i = 0; i < n; i++)
        if (map[i] != NUMBERING && !xf_text_blank(rec[i]))
            return false;
    return true;
}

/* A column holding codes or logins (code, unit_code, verified_by, ...):
 * ASCII, so a full-width Ｍ0001435 typed in a Chinese input mode is
 * M0001435 (a verifier so written passed for someone other than the
 * pledge's maker). */
static bool code_like(const char *column)
{
    return strcmp(column, "code") == 0 || ends_with(column, "_code") ||
           ends_with(column, "_by") || strcmp(column, "login") == 0 ||
           strcmp(column, "inspector") == 0;
}

/* The row's cells in the kind's column order, without the spaces a
 * spreadsheet keeps around them ("张伟 ", "综合科 "), which no form lets
 * in and a search could not match; a cell under a column without a name
 * must be empty (its value would be lost). */
static int fill_fields(char **rec, size_t n, const int *map, const char *const *cols,
                       const char **fields, size_t ncols, struct xf_error *err)
{
    memset(fields, 0, ncols * sizeof *fields);
    for (size_t i = 0; i < n; i++) {
        if (map[i] == NUMBERING)
            continue;
        if (map[i] >= 0) {
            xf_text_drop_zero_width(rec[i]);
            /* (dates too: ２０２６－０１－０５ typed in a Chinese input mode) */
            if (code_like(cols[map[i]]) || date_column(cols[map[i]]))
                xf_text_halfwidth_ascii(rec[i]);
            const char *v = xf_text_trim(rec[i]);
            /* an export's guard against formulas ("'=..."), taken off */
            fields[map[i]] = v[0] == '\'' && xf_csv_formula_like(v + 1) ? v + 1 : v;
        }
        else if (!xf_text_blank(rec[i]))
            return xf_err(err, XF_EINVAL, "",
                          _("column %zu has no name in the header but holds a value; name the "
                            "column or clear it"),
                          i + 1);
    }
    return XF_OK;
}

/* The codes of the file's rows so far, with their lines: a code given
 * twice is named as such ("already on line 3"), where the records' own
 * check could only say that a record has it, as if in the database. */
struct seen_codes {
    char **code;
    long *line;
    size_t cap, n;
};

static unsigned code_hash(const char *s);

static bool seen_grow(struct seen_codes *c)
{
    size_t cap = c->cap ? 2 * c->cap : 1024;
    struct seen_codes n = {calloc(cap, sizeof *n.code), calloc(cap, sizeof *n.line), cap, 0};
    if (!n.code || !n.line) {
        free(n.code);
        free(n.line);
        return false;
    }
    for (size_t i = 0; i < c->cap; i++)
        if (c->code[i]) {
            size_t j = code_hash(c->code[i]) & (cap - 1);
            while (n.code[j])
                j = (j + 1) & (cap - 1);
            n.code[j] = c->code[i];
            n.line[j] = c->line[i];
        }
    n.n = c->n;
    free(c->code);
    free(c->line);
    *c = n;
    return true;
}

/* The line code was first given on, or 0; remembered at line otherwise.
 * -1 when out of memory. */
static long seen_before(struct seen_codes *c, const char *code, long line)
{
    if (2 * (c->n + 1) > c->cap && !seen_grow(c))
        return -1;
    size_t j = code_hash(code) & (c->cap - 1);
    for (; c->code[j]; j = (j + 1) & (c->cap - 1))
        if (!strcmp(c->code[j], code))
            return c->line[j];
    if (!(c->code[j] = strdup(code)))
        return -1;
    c->line[j] = line;
    c->n++;
    return 0;
}

/* The line code was given on, or 0 when it was not. */
static long seen_line(const struct seen_codes *c, const char *code)
{
    if (!c->cap)
        return 0;
    for (size_t j = code_hash(code) & (c->cap - 1); c->code[j]; j = (j + 1) & (c->cap - 1))
        if (!strcmp(c->code[j], code))
            return c->line[j];
    return 0;
}

static void seen_free(struct seen_codes *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->code[i]);
    free(c->code);
    free(c->line);
}

static int code_column(const struct xf_kind_io *kind)
{
    for (int i = 0; kind->columns[i]; i++)
        if (!strcmp(kind->columns[i], "code"))
            return i;
    return -1;
}

static int refuse_repeated_code(struct seen_codes *c, const char *code, long line,
                                struct xf_error *err)
{
    if (xf_text_blank(code))
        return XF_OK;
    long first = seen_before(c, code, line);
    if (first < 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if (first > 0 && first != line) /* (its own line: a row tried again) */
        return xf_err(err, XF_EINVAL, "code",
                      _("the code %s is already on line %ld of this file; a code names one "
                        "record"),
                      code, first);
    return XF_OK;
}

/* A refusal of the row itself (a bad cell, an unknown unit, a state) as
 * against a fault that stops the import whatever the rows say: a full
 * disk, a lock, a damaged file, a role without the right. */
static bool row_fault(int rc, const struct xf_error *err)
{
    return rc == XF_EBUSY || rc == XF_EDB || rc == XF_ECORRUPT || rc == XF_EIO ||
           rc == XF_ECONFIG || (rc == XF_EPERM && !err->field[0]);
}

int xf_row_note(struct xf_row_mistakes *row, int rc, struct xf_error *err)
{
    if (rc == XF_OK || !row || row_fault(rc, err))
        return rc;
    if (row->n < XF_ROW_MISTAKES_MAX) {
        row->e[row->n] = *err;
        row->e[row->n++].code = rc;
    } else {
        row->more++;
    }
    xf_err_clear(err);
    return XF_OK;
}

int xf_row_verdict(const struct xf_row_mistakes *row, struct xf_error *err)
{
    if (!row || row->n == 0)
        return XF_OK;
    *err = row->e[0];
    return err->code ? err->code : XF_EINVAL;
}

/* A row put off until the rest of the file is in (a unit before its
 * parent, in a clerk's file sorted by name). */
struct later_row {
    char **rec;
    size_t n;
    long line;
    struct xf_error err; /* why it was put off: said if it never goes in */
    struct xf_error *all; /* its every mistake, err among them (n_all of them) */
    int n_all;
    long more;   /* mistakes past those */
    bool blamed; /* err names the refused line its parent is on */
};

struct import_run {
    const struct xf_ctx *ctx;
    const struct xf_kind_io *kind;
    const int *map;
    char *const *written; /* per kind column: the file's own name for it, or NULL */
    size_t nhead, ncols;
    const char **fields;
    char **norm;
    int code_col;
    struct seen_codes codes;
    struct seen_codes refused; /* the codes of refused rows, by line */
    struct xf_row_mistakes row; /* the mistakes of the row being read */
    struct later_row *later;
    size_t n_later, cap_later;
};

/* The kind's absent_column, when the header lacks it: its value for a row
 * with none of absent_unless filled; otherwise the row is refused as the
 * header would be without the exception. */
static int absent_default(const struct import_run *run, struct xf_error *err)
{
    const struct xf_kind_io *kind = run->kind;
    int col = kind->absent_column ? column_of(kind, kind->absent_column) : -1;
    for (size_t i = 0; col >= 0 && i < run->nhead; i++)
        if (run->map[i] == col)
            return XF_OK;
    if (col < 0)
        return XF_OK;
    for (const char *const *u = kind->absent_unless; u && *u; u++) {
        int c = column_of(kind, *u);
        if (c >= 0 && run->fields[c] && *run->fields[c])
            return missing_column(kind->absent_column, err);
    }
    run->fields[col] = kind->absent_value;
    return XF_OK;
}

/* Whether the fields past the header's last column are all empty: a comma
 * typed at the end of a line, which a clerk cannot see in "8 fields". */
static bool blank_tail(char **rec, size_t from, size_t n)
{
    for (size_t i = from; i < n; i++)
        if (!xf_text_blank(rec[i]))
            return false;
    return true;
}

/* Checks and writes one record; a failed write is undone alone. */
static int check_and_write(struct import_run *run, char **rec, size_t n, long line,
                           struct xf_error *err)
{
    int rc;
    if (n > run->nhead && blank_tail(rec, run->nhead, n))
        return xf_err(err, XF_EINVAL, "",
                      _("%zu fields where the header has %zu: the row ends in an empty field; "
                        "delete the comma at the end of the line"),
                      n, run->nhead);
    if (n != run->nhead)
        return xf_err(err, XF_EINVAL, "", _("%zu fields where the header has %zu"), n,
                      run->nhead);
    if ((rc = fill_fields(rec, n, run->map, run->kind->columns, run->fields, run->ncols, err)) ||
        (run->code_col >= 0 &&
         (rc = refuse_repeated_code(&run->codes, run->fields[run->code_col], line, err))) ||
        (rc = absent_default(run, err)) || (rc = xf_db_row_begin(run->ctx->db, err)))
        return rc;
    normalize_dates(run->kind, run->fields, run->ncols, run->norm);
    read_value_words(run->kind, run->fields, run->ncols);
    rc = run->kind->import_row(run->ctx, run->fields, &run->row, err);
    for (size_t i = 0; i < run->ncols; i++) {
        free(run->norm[i]);
        run->norm[i] = NULL;
    }
    struct xf_error end_err = {0};
    int end = xf_db_row_end(run->ctx->db, rc == XF_OK, &end_err);
    if (end) {
        /* A write that failed with the file (a full disk, a file size
         * limit) took the transaction with it: that is what to say, not
         * the undo that then had nothing to undo. */
        bool fault = rc == XF_EIO || rc == XF_EBUSY || rc == XF_ECORRUPT || rc == XF_EDB;
        if (!fault)
            *err = end_err;
        return fault ? rc : end;
    }
    return rc;
}

/* The kind's column field names, or one past the last: a mistake naming
 * none is told after the columns'. */
static int column_rank(const struct import_run *run, const char *field)
{
    int c = field[0] ? column_of(run->kind, field) : -1;
    return c >= 0 ? c : (int)run->ncols;
}

/* The row's mistakes in the file's column order, as a clerk mends a line
 * left to right, whatever order the checks found them in (a post's unit
 * is looked up before its code's characters are checked). */
static void sort_mistakes(const struct import_run *run, struct xf_row_mistakes *row)
{
    for (int i = 1; i < row->n; i++) {
        struct xf_error e = row->e[i];
        int rank = column_rank(run, e.field), j = i;
        for (; j > 0 && column_rank(run, row->e[j - 1].field) > rank; j--)
            row->e[j] = row->e[j - 1];
        row->e[j] = e;
    }
}

/* check_and_write, with a refused row's mistakes in run->row (one or
 * more, in column order) whichever check found them. */
static int import_record(struct import_run *run, char **rec, size_t n, long line,
                         struct xf_error *err)
{
    memset(&run->row, 0, sizeof run->row);
    int rc = check_and_write(run, rec, n, line, err);
    if (rc == XF_OK || row_fault(rc, err))
        return rc;
    bool noted = false;
    for (int i = 0; i < run->row.n && !noted; i++)
        noted = !strcmp(run->row.e[i].msg, err->msg) && !strcmp(run->row.e[i].field, err->field);
    if (!noted) { /* found by a check that did not note it */
        struct xf_error last = *err;
        xf_row_note(&run->row, rc, &last);
    }
    sort_mistakes(run, &run->row);
    return rc;
}

/* Whether the file heads its columns in Chinese (any heading not ASCII). */
static bool headed_in_chinese(const struct import_run *run)
{
    for (size_t c = 0; c < run->ncols; c++)
        for (const unsigned char *p = (const unsigned char *)run->written[c]; p && *p; p++)
            if (*p >= 0x80)
                return true;
    return false;
}

/* The Chinese heading a file would give the kind's column c, or NULL. */
static const char *chinese_heading(const struct xf_kind_io *kind, int c)
{
    for (size_t a = 0; a < sizeof header_aliases / sizeof header_aliases[0]; a++)
        if (!strcmp(header_aliases[a][0], kind->columns[c]) &&
            column_of(kind, header_aliases[a][1]) == c)
            return header_aliases[a][1];
    return NULL;
}

/* A refusal names the column as the file heads it ("完成期限 (due_on)"),
 * not only by the name the clerk never wrote; a column the file lacks, as
 * a file headed in Chinese would head it ("兑现日期 (kept_on)"), since the
 * clerk is to add it to that file. */
static void say_column_as_written(const struct import_run *run, struct xf_error *err)
{
    for (size_t c = 0; c < run->ncols && err->field[0]; c++) {
        if (strcmp(err->field, run->kind->columns[c]) != 0)
            continue;
        const char *name = run->written[c];
        if (!name) {
            bool in_file = false;
            for (size_t i = 0; i < run->nhead; i++)
                in_file = in_file || run->map[i] == (int)c;
            if (!in_file && headed_in_chinese(run))
                name = chinese_heading(run->kind, (int)c);
        }
        if (!name)
            return;
        char both[sizeof err->field];
        /* TRANSLATORS: a file's column, as headed there, then its own name:
           "兑现日期（kept_on）", full-width brackets in Chinese text */
        if (snprintf(both, sizeof both, xf_gettext_ctx(NC_("column", "%s (%s)")), name,
                     run->kind->columns[c]) < (int)sizeof both)
            memcpy(err->field, both, sizeof both);
        return;
    }
}

/* Whether a refused row names a record the file may hold further on
 * (among its mistakes: its others are told once it is tried again). */
static bool may_come_later(const struct import_run *run, int rc)
{
    if (rc != XF_EINVAL || !run->kind->later_column)
        return false;
    for (int i = 0; i < run->row.n; i++)
        if (!strcmp(run->row.e[i].field, run->kind->later_column))
            return true;
    return false;
}

/* A put-off row's mistakes as its last try found them. */
static int keep_mistakes(struct later_row *l, const struct xf_row_mistakes *row,
                         struct xf_error *err)
{
    struct xf_error *all = malloc((size_t)(row->n ? row->n : 1) * sizeof *all);
    if (!all)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    memcpy(all, row->e, (size_t)row->n * sizeof *all);
    free(l->all);
    l->all = all;
    l->n_all = row->n;
    l->more = row->more;
    return XF_OK;
}

static int put_off(struct import_run *run, char **rec, size_t n, long line,
                   const struct xf_error *why, struct xf_error *err)
{
    if (run->n_later == run->cap_later) {
        size_t cap = run->cap_later ? 2 * run->cap_later : 16;
        struct later_row *v = realloc(run->later, cap * sizeof *v);
        if (!v)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        run->later = v;
        run->cap_later = cap;
    }
    struct later_row *l = &run->later[run->n_later];
    l->all = NULL;
    if (keep_mistakes(l, &run->row, err))
        return XF_EIO;
    if (!(l->rec = calloc(n ? n : 1, sizeof *l->rec))) {
        free(l->all);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    for (size_t i = 0; i < n; i++)
        if (!(l->rec[i] = strdup(rec[i] ? rec[i] : ""))) {
            while (i > 0)
                free(l->rec[--i]);
            free(l->rec);
            free(l->all);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
    l->n = n;
    l->line = line;
    l->blamed = false;
    l->err = *why;
    run->n_later++;
    return XF_OK;
}

static void later_free(struct import_run *run)
{
    for (size_t i = 0; i < run->n_later; i++) {
        for (size_t j = 0; j < run->later[i].n; j++)
            free(run->later[i].rec[j]);
        free(run->later[i].rec);
        free(run->later[i].all);
    }
    free(run->later);
    run->later = NULL;
    run->n_later = run->cap_later = 0;
}

/* The cell of the kind's column col in a row as read, trimmed; NULL when
 * the file has no such column or the cell is blank. */
static const char *cell_of(const struct import_run *run, char **rec, size_t n, int col)
{
    for (size_t i = 0; i < n && i < run->nhead; i++)
        if (run->map[i] == col && rec[i] && !xf_text_blank(rec[i])) {
            xf_text_halfwidth_ascii(rec[i]);
            return xf_text_trim(rec[i]);
        }
    return NULL;
}

/* A refused row's code, so that a row whose parent it is can say so
 * rather than that no such unit is in the file. */
static void remember_refused(struct import_run *run, char **rec, size_t n, long line)
{
    const char *code = run->code_col >= 0 ? cell_of(run, rec, n, run->code_col) : NULL;
    if (code && !seen_line(&run->refused, code))
        seen_before(&run->refused, code, line); /* (out of memory: the plain message) */
}

/* The line of the refused row that a put-off row's parent is on, or 0. */
static long refused_parent(struct import_run *run, struct later_row *l, const char **parent)
{
    const char *lc = run->kind->later_column;
    int col = -1;
    for (int c = 0; lc && run->kind->columns[c]; c++)
        if (!strcmp(run->kind->columns[c], lc))
            col = c;
    *parent = col >= 0 ? cell_of(run, l->rec, l->n, col) : NULL;
    return *parent ? seen_line(&run->refused, *parent) : 0;
}

/* The rows left put off whose parent is on a refused line, or below one
 * (a window under an office under a department with a mistake): that
 * line is where to look, not "no such unit in the file". A ring of
 * parents naming each other keeps its own message. */
static void blame_refused_parents(struct import_run *run)
{
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; i < run->n_later; i++) {
            struct later_row *l = &run->later[i];
            const char *parent;
            long line = refused_parent(run, l, &parent);
            if (line <= 0 || l->blamed)
                continue;
            xf_err(&l->err, XF_EINVAL, run->kind->later_column,
                   _("%s is on line %ld of this file, which has a mistake of its own; mend that "
                     "line and this one goes in with it"),
                   parent, line);
            for (int k = 0; k < l->n_all; k++)
                if (!strcmp(l->all[k].field, run->kind->later_column))
                    l->all[k] = l->err;
            l->blamed = true;
            remember_refused(run, l->rec, l->n, l->line);
            more = true;
        }
    }
}

/* A refused row: each of its mistakes (n of them in all, more past
 * those) told to bad_row with its line, and the import goes on; without
 * bad_row, or for a fault that is not the row's, it stops at err. */
static int row_refused(struct import_run *run, int rc, long line, const struct xf_error *all,
                       int n, long more, xf_bad_row_fn bad_row, void *arg, long *bad,
                       struct xf_error *err)
{
    err->line = line;
    say_column_as_written(run, err);
    if (!bad_row || row_fault(rc, err))
        return rc;
    for (int i = 0; i < n; i++) {
        struct xf_error one = all[i];
        one.line = line;
        say_column_as_written(run, &one);
        bad_row(arg, &one);
    }
    if (n == 0)
        bad_row(arg, err);
    if (more > 0) {
        struct xf_error rest = {0};
        xf_err(&rest, XF_EINVAL, "",
               ngettext("and %ld more mistake on this line", "and %ld more mistakes on this line",
                        (unsigned long)more),
               more);
        rest.line = line;
        bad_row(arg, &rest);
    }
    (*bad)++;
    xf_err_clear(err);
    return XF_OK;
}

/* The rows put off, tried again as long as one more goes in (a parent two
 * levels further down the file); those that never do are refused. */
static int import_later(struct import_run *run, xf_bad_row_fn bad_row, void *arg, long *rows,
                        long *bad, struct xf_error *err)
{
    for (bool progress = true; progress && run->n_later;) {
        progress = false;
        for (size_t i = 0; i < run->n_later;) {
            struct later_row *l = &run->later[i];
            struct xf_error e = {0};
            int rc = import_record(run, l->rec, l->n, l->line, &e);
            if (rc != XF_OK && may_come_later(run, rc)) {
                l->err = e;
                if ((rc = keep_mistakes(l, &run->row, err)))
                    return rc;
                i++;
                continue;
            }
            if (rc == XF_OK) {
                (*rows)++;
            } else {
                *err = e;
                remember_refused(run, l->rec, l->n, l->line);
                if ((rc = row_refused(run, rc, l->line, run->row.e, run->row.n, run->row.more,
                                      bad_row, arg, bad, err)))
                    return rc;
            }
            for (size_t j = 0; j < l->n; j++)
                free(l->rec[j]);
            free(l->rec);
            free(l->all);
            run->later[i] = run->later[--run->n_later];
            progress = true;
        }
    }
    blame_refused_parents(run);
    for (size_t i = 0; i < run->n_later; i++) {
        struct later_row *l = &run->later[i];
        *err = l->err;
        int rc = row_refused(run, err->code ? err->code : XF_EINVAL, l->line, l->all, l->n_all,
                             l->more, bad_row, arg, bad, err);
        if (rc)
            return rc;
    }
    return XF_OK;
}

/* Every row is checked: a bad one is told to bad_row and the rest go on,
 * so that a file with five mistakes is mended in one round. Without
 * bad_row the first stops the import. */
static int import_rows(struct import_run *run, struct xf_csv_reader *r, xf_bad_row_fn bad_row,
                       void *arg, long *rows, long *bad, struct xf_error *err)
{
    char **rec;
    size_t n;
    int got, rc = XF_OK;
    while ((got = xf_csv_next(r, &rec, &n, err)) == 1) {
        if (blank_row(rec, n, run->map))
            continue; /* ",,,,": a row a spreadsheet kept after it was cleared */
        long line = xf_csv_line(r);
        if ((rc = import_record(run, rec, n, line, err)) == XF_OK) {
            (*rows)++;
            continue;
        }
        if (may_come_later(run, rc)) {
            struct xf_error why = *err;
            xf_err_clear(err);
            if ((rc = put_off(run, rec, n, line, &why, err)))
                return rc;
            continue;
        }
        remember_refused(run, rec, n, line);
        if ((rc = row_refused(run, rc, line, run->row.e, run->row.n, run->row.more, bad_row, arg,
                              bad, err)))
            return rc;
    }
    if (got >= 0 && (rc = import_later(run, bad_row, arg, rows, bad, err)))
        return rc;
    if (got < 0) { /* the reader cannot go past a broken line */
        rc = err->code ? err->code : XF_EINVAL;
        if (bad_row && !row_fault(rc, err)) {
            bad_row(arg, err);
            (*bad)++;
        }
    }
    return rc;
}

/* The header's names for the kind's columns where they differ (完成期限
 * for due_on): the header row is gone once the rows are read. */
static int keep_written_names(const struct xf_kind_io *kind, char **head, size_t nhead,
                              const int *map, char **written, struct xf_error *err)
{
    for (size_t i = 0; i < nhead; i++)
        if (map[i] >= 0 && strcmp(head[i], kind->columns[map[i]]) != 0 &&
            !(written[map[i]] = strdup(head[i])))
            return xf_err(err, XF_EIO, "", _("out of memory"));
    return XF_OK;
}

static int import_all(const struct xf_ctx *ctx, const struct xf_kind_io *kind,
                      struct xf_csv_reader *r, const int *map, char *const *written, size_t nhead,
                      xf_bad_row_fn bad_row, void *arg, long *rows, struct xf_error *err)
{
    struct import_run run = {.ctx = ctx, .kind = kind, .map = map, .written = written,
                             .nhead = nhead, .ncols = count_columns(kind->columns),
                             .code_col = code_column(kind)};
    run.fields = calloc(run.ncols, sizeof *run.fields);
    run.norm = calloc(run.ncols, sizeof *run.norm);
    long bad = 0;
    int rc = run.fields && run.norm ? import_rows(&run, r, bad_row, arg, rows, &bad, err)
                                    : xf_err(err, XF_EIO, "", _("out of memory"));
    free(run.fields);
    free(run.norm);
    seen_free(&run.codes);
    seen_free(&run.refused);
    later_free(&run);
    if (bad > 0 && (rc == XF_OK || !row_fault(rc, err))) {
        err->line = 0;
        rc = xf_err(err, XF_EINVAL, "",
                    ngettext("%ld row has mistakes", "%ld rows have mistakes",
                             (unsigned long)bad),
                    bad);
    }
    return rc;
}

int xf_import_file(const struct xf_ctx *ctx, const struct xf_kind_io *kind, const char *path,
                   xf_bad_row_fn bad_row, void *arg, long *rows, struct xf_error *err)
{
    *rows = 0;
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc)
        return rc;
    struct xf_csv_reader *r;
    if ((rc = xf_csv_open(path, &r, err)))
        return rc;
    char **head;
    size_t nhead;
    int got = xf_csv_next(r, &head, &nhead, err);
    if (got <= 0) {
        xf_csv_close(r);
        return got < 0 ? err->code : xf_err(err, XF_EINVAL, "", _("the file is empty"));
    }
    int *map = calloc(nhead, sizeof *map);
    size_t ncols = count_columns(kind->columns);
    char **written = calloc(ncols, sizeof *written);
    char action[64];
    snprintf(action, sizeof action, "import.%s", kind->name);
    if (!map || !written)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    else if ((rc = map_header(kind, head, nhead, map, err)))
        err->line = 1;
    else if (!(rc = keep_written_names(kind, head, nhead, map, written, err)) &&
             !(rc = xf_db_begin(ctx->db, action, err))) {
        rc = import_all(ctx, kind, r, map, written, nhead, bad_row, arg, rows, err);
        if (rc == XF_OK)
            rc = xf_db_commit(ctx->db, err);
        else
            xf_db_rollback(ctx->db);
    }
    if (rc)
        *rows = 0;
    for (size_t c = 0; written && c < ncols; c++)
        free(written[c]);
    free(written);
    free(map);
    xf_csv_close(r);
    return rc;
}

/* Whether each unit (or post) code seen lies in the user's scope, asked
 * once per code: a member export passes the same few thousand codes
 * 310,000 times. */
enum { SCOPE_SLOTS = 8192 };
struct scope_cache {
    bool by_post; /* the codes are posts' */
    char *code[SCOPE_SLOTS];
    bool in[SCOPE_SLOTS];
};

static unsigned code_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static bool unit_code_in_scope(const struct xf_ctx *ctx, struct scope_cache *c, const char *code)
{
    if (!code || !*code)
        return false;
    unsigned i = code_hash(code) % SCOPE_SLOTS;
    for (unsigned k = 0; k < SCOPE_SLOTS && c->code[i]; k++, i = (i + 1) % SCOPE_SLOTS)
        if (strcmp(c->code[i], code) == 0)
            return c->in[i];
    bool in;
    if (c->by_post) {
        struct xf_post p = {0};
        in = xf_store_post_by_code(ctx->db, code, &p, NULL) == XF_OK &&
             xf_ctx_in_scope(ctx, p.unit_id);
        xf_post_clear(&p);
    } else {
        struct xf_unit u = {0};
        in = xf_store_unit_by_code(ctx->db, code, &u, NULL) == XF_OK &&
             xf_ctx_in_scope(ctx, u.id);
        xf_unit_clear(&u);
    }
    if (!c->code[i] && (c->code[i] = strdup(code)))
        c->in[i] = in; /* a full table only costs the lookups */
    return in;
}

struct emit_state {
    FILE *f;
    size_t ncols;
    long rows;
    const struct xf_ctx *ctx;
    int scope_col; /* -1: every row */
    struct scope_cache *cache;
    int period_col; /* -1: every row */
    const char *since, *until;
    int quarter_col; /* -1: every row */
    const char *quarter;
};

/* Whether the day of a date or time ("2026-11-23 09:40:00") lies in the
 * period asked for. */
static bool in_period(const struct emit_state *s, const char *when)
{
    if (s->period_col < 0)
        return true;
    if (!when || !*when)
        return false;
    return (!s->since || strncmp(when, s->since, 10) >= 0) &&
           (!s->until || strncmp(when, s->until, 10) <= 0);
}

static void emit_row(void *arg, const char *const *fields)
{
    struct emit_state *s = arg;
    if (!in_period(s, s->period_col >= 0 ? fields[s->period_col] : NULL))
        return;
    if (s->quarter_col >= 0 && strcmp(fields[s->quarter_col], s->quarter) != 0)
        return;
    if (s->scope_col >= 0 && !unit_code_in_scope(s->ctx, s->cache, fields[s->scope_col]))
        return;
    xf_csv_write_row(s->f, fields, s->ncols);
    s->rows++;
}

static int column_index(const char *const *cols, const char *name)
{
    for (int i = 0; name && cols[i]; i++)
        if (strcmp(cols[i], name) == 0)
            return i;
    return -1;
}

int xf_export_file(const struct xf_ctx *ctx, const struct xf_kind_io *kind, FILE *f,
                   const struct xf_export_only *only, long *rows, struct xf_error *err)
{
    *rows = 0;
    static const struct xf_export_only all = {0};
    if (!only)
        only = &all;
    struct emit_state s = {f,  count_columns(kind->columns), 0, ctx, -1, NULL, -1, only->since,
                           only->until, -1, only->quarter};
    if (only->since || only->until) {
        s.period_col = column_index(kind->columns, kind->period_column);
        if (s.period_col < 0)
            return xf_err(err, XF_EINVAL, only->since ? "since" : "until",
                          _("%s have no date to choose them by; export them all"), kind->name);
    }
    if (only->quarter) {
        s.quarter_col = column_index(kind->columns, kind->quarter_column);
        if (s.quarter_col < 0)
            return xf_err(err, XF_EINVAL, "quarter", _("%s have no quarter to choose them by"),
                          kind->name);
    }
    bool scoped_user = ctx->user && ctx->user->n_scopes > 0;
    if (scoped_user && !kind->scoped) {
        s.scope_col = column_index(kind->columns, kind->scope_column);
        char what[80];
        snprintf(what, sizeof what, _("export %s"), kind->name);
        int rc = s.scope_col < 0 ? xf_ctx_require_city_wide(ctx, what, err) : XF_OK;
        if (rc)
            return rc;
        if (!(s.cache = calloc(1, sizeof *s.cache)))
            return xf_err(err, XF_EIO, "", _("out of memory"));
        s.cache->by_post = kind->scope_by_post;
    }
    xf_csv_write_row(f, kind->columns, s.ncols);
    int rc = kind->export_rows(ctx, emit_row, &s, err);
    *rows = s.rows;
    if (s.cache) {
        for (int i = 0; i < SCOPE_SLOTS; i++)
            free(s.cache->code[i]);
        free(s.cache);
    }
    if (rc == XF_OK && ferror(f))
        rc = xf_err(err, XF_EIO, "", _("write error while exporting %s"), kind->name);
    return rc;
}
