/* Complaint reports and the "complaints" CSV kind. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint_priv.h"
#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/post.h"
#include "xf/store_unit.h"
#include "xf/table.h"
#include "xf/text.h"

/* ---- reports ---- */

/* "Complaints by state", or with a period "Complaints by state, received
 * 2026-10-01 – 2026-10-31": the figures are those complaints' now. Each
 * kind of period is one sentence to translate: glued from "received %s"
 * and "until %s", the Chinese read 受理于 至 2026-10-31. */
static int report_init(struct xf_table *t, const char *title, const struct xf_period *period,
                       const char *const *names, struct xf_error *err)
{
    char full[256];
    const char *since = period ? period->since : NULL, *until = period ? period->until : NULL;
    if (since && until)
        /* TRANSLATORS: a report's title; the first and last day received */
        snprintf(full, sizeof full, _("%s, received %s \u2013 %s"), title, since, until);
    else if (since)
        /* TRANSLATORS: a report's title; the first day received (none before) */
        snprintf(full, sizeof full, _("%s, received from %s"), title, since);
    else if (until)
        /* TRANSLATORS: a report's title; the last day received (none after) */
        snprintf(full, sizeof full, _("%s, received until %s"), title, until);
    else
        snprintf(full, sizeof full, "%s", title);
    if (xf_table_init(t, full, names) != 0)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    return xf_period_check(period, err);
}

int xf_complaint_report_states(const struct xf_ctx *ctx, const char *today,
                               const struct xf_period *period, struct xf_table *t,
                               struct xf_error *err)
{
    /* Column heads in sentence case, as every report's; a period's
     * supervised count those ever pressed (督办 ends when they close),
     * the running figures those pressed now: each head says which, so
     * that neither reads as the other. */
    bool in_period = period && (period->since || period->until);
    /* Closed late: closed, the last round not signed for or replied to
     * by its deadline (the units report's on-time closure, counted). */
    /* Extended after overdue: a deadline moved after it had passed, and
     * not overdue again now; Overdue alone hid them (the closed ones are
     * also in Closed late). */
    const char *names[] = {_("State"),
                           _("Complaints"),
                           _("Overdue"),
                           in_period ? _("Ever supervised") : _("Supervised now"),
                           _("Closed late"),
                           _("Extended after overdue"),
                           NULL};
    int rc0 = report_init(t, _("Complaints by state"), period, names, err);
    if (rc0)
        return rc0;
    for (size_t i = 1; i < 6; i++)
        xf_table_numeric(t, i);
    if (!today || !xf_date_valid(today))
        return xf_err(err, XF_EINVAL, "today", _("'%s' is not a date YYYY-MM-DD"),
                      today ? today : "");
    bool oom;
    char *scope = xfc_scope_json(ctx, &oom);
    if (oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    struct xf_complaint_state_count *rows;
    size_t n;
    int rc = xf_store_complaint_count_states(ctx->db, today, scope, xf_complaint_handler_view(ctx),
                                             period, &rows, &n, err);
    free(scope);
    if (rc)
        return rc;
    long total[5] = {0, 0, 0, 0, 0};
    for (int s = 0; s < XF_CS_COUNT && !rc; s++) {
        long v[5] = {0, 0, 0, 0, 0};
        for (size_t i = 0; i < n; i++)
            if (strcmp(rows[i].state, xf_complaint_state_name((enum xf_complaint_state)s)) == 0) {
                v[0] = rows[i].count;
                v[1] = rows[i].overdue;
                v[2] = rows[i].supervised;
                v[3] = rows[i].closed_late;
                v[4] = rows[i].extended_late;
            }
        for (int k = 0; k < 5; k++)
            total[k] += v[k];
        /* No step leads there now (a callback closes; SPEC §2.5): a row
         * only for complaints an earlier version left waiting there. */
        if (s == XF_CS_CALLBACK && v[0] == 0)
            continue;
        if (xf_table_addf(t, "%s\t%ld\t%ld\t%ld\t%ld\t%ld",
                          xf_complaint_state_label((enum xf_complaint_state)s), v[0], v[1], v[2],
                          v[3], v[4]) != 0)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    if (!rc && xf_table_addf(t, "%s\t%ld\t%ld\t%ld\t%ld\t%ld", _("total"), total[0],
                             total[1], total[2], total[3], total[4]) != 0)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    xf_complaint_state_counts_free(rows, n);
    return rc;
}

/* A percentage with one decimal, "-" when there is nothing to rate. */
static void pct(long num, long den, char out[16])
{
    if (den <= 0)
        snprintf(out, 16, "-");
    else
        xf_table_decimal1(xf_table_round1(100.0 * (double)num / (double)den), out, 16);
}

static int add_unit_row(struct xf_table *t, const struct xf_complaint_unit_stats *r,
                        struct xf_error *err)
{
    char disp[24], resp[16], res[16], sat[16], unreach[24], ontime[16];
    snprintf(disp, sizeof disp, "%ld", r->dispatched);
    snprintf(unreach, sizeof unreach, "%ld", r->unreachable);
    pct(r->responded_in_time, r->response_base, resp);
    pct(r->closed, r->dispatched, res);
    pct(r->satisfied, r->reached, sat);
    pct(r->closed_on_time, r->closed, ontime);
    const char *cells[] = {r->unit_code, r->unit_name, disp, resp, res, sat, unreach, ontime};
    return xf_table_add(t, cells) != 0 ? xf_err(err, XF_EIO, "", _("out of memory")) : XF_OK;
}

int xf_complaint_report_units(const struct xf_ctx *ctx, const char *today,
                              const struct xf_period *period, struct xf_table *t,
                              struct xf_error *err)
{
    /* Satisfaction is over the citizens reached at callback; those who
     * could not be reached are counted apart, beside it. */
    const char *names[] = {_("Unit code"),       _("Unit"),
                           _("Dispatched"),      _("Response rate %"),
                           _("Resolution %"),    _("Satisfaction %"),
                           _("Unreachable"),     _("On-time closure %"),
                           NULL};
    int rc0 = report_init(t, _("Complaints by lead unit"), period, names, err);
    if (rc0)
        return rc0;
    for (size_t i = 2; i < 8; i++)
        xf_table_numeric(t, i);
    if (!today || !xf_date_valid(today))
        return xf_err(err, XF_EINVAL, "today", _("'%s' is not a date YYYY-MM-DD"),
                      today ? today : "");
    bool oom;
    char *scope = xfc_scope_json(ctx, &oom);
    if (oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    struct xf_complaint_unit_stats *rows;
    size_t n;
    int rc = xf_store_complaint_unit_stats(ctx->db, today, scope, period, &rows, &n, err);
    free(scope);
    if (rc)
        return rc;
    /* The rates of all the units together come from the summed counts,
     * not from averaging the units' rates. */
    struct xf_complaint_unit_stats all = {.unit_code = "", .unit_name = _("Total")};
    for (size_t i = 0; i < n && !rc; i++) {
        const struct xf_complaint_unit_stats *r = &rows[i];
        all.dispatched += r->dispatched;
        all.response_base += r->response_base;
        all.responded_in_time += r->responded_in_time;
        all.closed += r->closed;
        all.closed_on_time += r->closed_on_time;
        all.reached += r->reached;
        all.satisfied += r->satisfied;
        all.unreachable += r->unreachable;
        rc = add_unit_row(t, r, err);
    }
    /* A leader's first question: the district's own rates. Always there,
     * with one unit or none too: a spreadsheet built on the CSV finds it
     * in the same place whatever the scope. */
    if (!rc)
        rc = add_unit_row(t, &all, err);
    xf_complaint_unit_stats_free(rows, n);
    return rc;
}

/* ---- CSV ---- */

enum col {
    F_CODE,
    F_RECEIVED_AT,
    F_SOURCE,
    F_KIND,
    F_POST_CODE,
    F_UNIT_CODE,
    F_CATEGORY,
    F_TEXT,
    F_NAME,
    F_PHONE,
    F_STATE,
    F_LEAD,
    F_COHANDLERS,
    F_DISPATCHED_AT,
    F_SIGN_DUE,
    F_SIGNED_AT,
    F_REPLY_DUE,
    F_REPLIED_AT,
    F_REPLY_TEXT,
    F_RETURN_REASON,
    F_CALLBACK_OUTCOME,
    F_REDO,
    F_CLOSED_AT,
    F_CLOSED_ON_TIME,
    F_REJECT_REASON,
    F_MERGED_INTO,
    F_SUPERVISED,
    F_ANSWER_DUE, /* last ones: files written before them have none */
    F_MISSED_DUE,
    F_COUNT
};

static const char *const columns[F_COUNT + 1] = {
    "code",
    "received_at",
    "source",
    "kind",
    "post_code",
    "unit_code",
    "category",
    "text",
    "complainant_name",
    "complainant_phone",
    "state",
    "lead_unit_code",
    "cohandler_codes",
    "dispatched_at",
    "sign_due",
    "signed_at",
    "reply_due",
    "replied_at",
    "reply_text",
    "return_reason",
    "callback_outcome",
    "redo_count",
    "closed_at",
    "closed_on_time",
    "reject_reason",
    "merged_into_code",
    "supervised",
    "answer_due",
    "missed_due",
    NULL,
};

static const char *const required[] = {"code", "received_at", "source", "text", "state", NULL};
/* The workflow's own columns: a row with none of them is a complaint as
 * received, whose state a file may leave out. */
static const char *const past_receipt[] = {
    "lead_unit_code", "cohandler_codes", "dispatched_at", "sign_due",         "signed_at",
    "reply_due",      "replied_at",      "reply_text",    "return_reason",    "callback_outcome",
    "closed_at",      "closed_on_time",  "reject_reason", "merged_into_code", NULL,
};

struct export_state {
    const struct xf_ctx *ctx;
    xf_emit_fn emit;
    void *arg;
    bool mask;
};

static const char *z(const char *s)
{
    return s ? s : "";
}

static int export_one(void *arg, const struct xf_complaint *row,
                      const struct xf_complaint_refs *refs)
{
    struct export_state *s = arg;
    if (!xfc_reads(s->ctx, row)) /* as the user's list and reports have it */
        return 0;
    struct xf_complaint masked = {0};
    const char *name = row->complainant_name, *phone = row->complainant_phone;
    if (s->mask) {
        masked.complainant_name = strdup(z(name));
        masked.complainant_phone = strdup(z(phone));
        xfc_mask(&masked);
        name = masked.complainant_name;
        phone = masked.complainant_phone;
    }
    char redo[16], ontime[4];
    snprintf(redo, sizeof redo, "%d", row->redo_count);
    snprintf(ontime, sizeof ontime, "%s",
             row->closed_on_time < 0 ? ""
             : row->closed_on_time   ? "1"
                                     : "0");
    const char *f[F_COUNT] = {
        row->code,
        row->received_at,
        row->source,
        row->kind,
        z(refs->post_code),
        z(refs->unit_code),
        z(row->category),
        row->text,
        z(name),
        z(phone),
        row->state,
        z(refs->lead_unit_code),
        z(refs->cohandler_codes),
        z(row->dispatched_at),
        z(row->sign_due),
        z(row->signed_at),
        z(row->reply_due),
        z(row->replied_at),
        z(row->reply_text),
        z(row->return_reason),
        z(row->callback_outcome),
        redo,
        z(row->closed_at),
        ontime,
        z(row->reject_reason),
        z(refs->merged_into_code),
        row->supervised ? "1" : "0",
        z(row->answer_due),
        z(row->missed_due),
    };
    s->emit(s->arg, f);
    xf_complaint_clear(&masked);
    return 0;
}

static int export_rows(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg, struct xf_error *err)
{
    struct export_state s = {ctx, emit, arg, !xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL)};
    /* Id order puts every complaint after the ones merged before it. */
    return xf_store_complaint_each(ctx->db, export_one, &s, err);
}

/* The field, or NULL when the column is absent or empty. */
static const char *fv(const char *const *f, enum col c)
{
    return f[c] && *f[c] ? f[c] : NULL;
}

static int dup_to(char **dst, const char *v, struct xf_error *err)
{
    free(*dst);
    *dst = NULL;
    if (v && !(*dst = strdup(v)))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    return XF_OK;
}

static int unit_id_of(const struct xf_ctx *ctx, const char *code, const char *field, int64_t *id,
                      struct xf_error *err)
{
    struct xf_unit u = {0};
    int rc = xf_store_unit_by_code(ctx->db, code, &u, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, field, _("there is no unit with the code %s"), code);
    *id = u.id;
    xf_unit_clear(&u);
    return rc;
}

static int one_of(const char *v, const char *const *allowed, const char *field,
                  struct xf_error *err)
{
    for (const char *const *a = allowed; *a; a++)
        if (strcmp(v, *a) == 0)
            return XF_OK;
    char list[256] = "";
    size_t used = 0;
    for (const char *const *a = allowed; *a && used < sizeof list; a++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", *a);
    return xf_err(err, XF_EINVAL, field, _("'%s' is not one of: %s"), v, list);
}

/* A row without a code is refused, not numbered: the code is what makes
 * the same sheet imported twice refused instead of every complaint
 * added twice, and what the old register, letters and callers already
 * name. The message says how to number the column (in the row's year). */
static int code_required(const char *received_at, struct xf_error *err)
{
    char year[5] = "";
    if (received_at && strlen(received_at) >= 4 && strspn(received_at, "0123456789") >= 4)
        memcpy(year, received_at, 4);
    else {
        char today[XF_DATE_LEN];
        xf_date_today(today);
        memcpy(year, today, 4);
    }
    return xf_err(err, XF_EINVAL, "code",
                  _("code is required: TS, the year of receipt, '-' and 6 digits, such as "
                    "TS%s-000001; number each year's rows in the order received (import gives "
                    "no codes itself, so that a sheet imported twice is refused rather than "
                    "added twice)"),
                  year);
}

static int parse_code(const struct xf_ctx *ctx, const char *code, const char *received_at,
                      struct xf_complaint *c, struct xf_error *err)
{
    if (xf_text_blank(code))
        return code_required(received_at, err);
    int rc = xfc_check_text(code, "code", 32, true, false, err);
    if (rc || (rc = xf_complaint_check_code(code, NULL, "code", NULL, err)))
        return rc;
    struct xf_complaint other = {0};
    rc = xf_store_complaint_by_code(ctx->db, code, &other, err);
    xf_complaint_clear(&other);
    if (rc == XF_OK)
        return xf_import_code_taken(err, code, NULL);
    if (rc != XF_ENOTFOUND || (rc = xf_code_case_unique(ctx, "complaint", code, err)))
        return rc;
    return dup_to(&c->code, code, err);
}

/* How far past the year's register an imported code may be numbered. The
 * interface numbers on from the highest code of the year, so a slip such
 * as TS2026-900008 for TS2026-000008 would skip 900,000 numbers and leave
 * the year's last ones to run out; an old register imported in order
 * (an export is) never jumps so far. */
#define IMPORT_CODE_LEAP_MAX 100000

/* The code's year is the year received, and its number within reach of
 * the year's register (the database's codes, the file's earlier rows
 * among them, and those a restore took away). */
static int check_code_year(const struct xf_ctx *ctx, const struct xf_complaint *c,
                           struct xf_error *err)
{
    long number;
    int rc = xf_complaint_check_code(c->code, c->received_at, "code", &number, err);
    if (rc)
        return rc;
    char prefix[16];
    snprintf(prefix, sizeof prefix, "%.7s", c->code);
    int64_t highest = 0;
    if ((rc = xf_store_complaint_max_seq(ctx->db, prefix, &highest, err)))
        return rc;
    if (number - highest <= IMPORT_CODE_LEAP_MAX)
        return XF_OK;
    if (highest == 0)
        return xf_err(err, XF_EINVAL, "code",
                      _("%s is numbered %ld, but the register of %.4s has no complaint yet; "
                        "codes beyond %s%06d are refused, as the interface numbers on from the "
                        "highest (import a register sorted by code)"),
                      c->code, number, c->code + 2, prefix, IMPORT_CODE_LEAP_MAX);
    return xf_err(err, XF_EINVAL, "code",
                  _("%s is %ld numbers beyond the highest code of %.4s (%s%06lld); the "
                    "interface would number on from it, so at most %d beyond is taken (check "
                    "the code, or import the register sorted by code)"),
                  c->code, number - (long)highest, c->code + 2, prefix, (long long)highest,
                  IMPORT_CODE_LEAP_MAX);
}

/* A category by its name or, as a clerk's sheet writes it, its label
 * (服务态度 for attitude); none given, none kept. */
static int parse_category(const struct xf_config *cfg, const char *v, struct xf_complaint *c,
                          struct xf_error *err)
{
    const struct xf_category *cat = NULL;
    if (v && !(cat = xf_config_category(cfg, v)) && !(cat = xf_config_category_by_label(cfg, v)))
        return xf_err(err, XF_EINVAL, "category",
                      _("'%s' is not a complaint category in the configuration"), v);
    return dup_to(&c->category, cat ? cat->name : NULL, err);
}

/* A check's outcome noted in row (xf_row_note); *ok cleared when it
 * failed, for the checks that need its cell valid. */
static int note(struct xf_row_mistakes *row, int rc, bool *ok, struct xf_error *err)
{
    if (rc && ok)
        *ok = false;
    return xf_row_note(row, rc, err);
}

/* The post and unit it is about: each must exist; then, both valid, the
 * post in that unit, and the unit in the importing user's scope. */
static int parse_target(const struct xf_ctx *ctx, const char *const *f, struct xf_complaint *c,
                        struct xf_row_mistakes *row, struct xf_error *err)
{
    const char *post = fv(f, F_POST_CODE), *unit = fv(f, F_UNIT_CODE);
    int64_t post_unit = 0;
    bool ok = true;
    int rc = post ? xf_store_complaint_post_ref(ctx->db, post, "post_code", &c->post_id,
                                                &post_unit, err)
                  : XF_OK;
    if ((rc = note(row, rc == XF_ENOTFOUND ? XF_EINVAL : rc, &ok, err)) ||
        (unit && (rc = note(row, unit_id_of(ctx, unit, "unit_code", &c->unit_id, err), &ok, err))))
        return rc;
    if (!ok)
        return XF_OK;
    if ((rc = xf_post_check_in_unit(ctx, post_unit, c->unit_id, post, unit, "post_code", err)))
        return note(row, rc, NULL, err);
    if (!c->unit_id)
        c->unit_id = post_unit; /* as a complaint received about the post */
    if (!c->post_id && !c->unit_id)
        return note(row,
                    xf_err(err, XF_EINVAL, "unit_code",
                           _("give the post_code or the unit_code the complaint is about")),
                    NULL, err);
    /* The unit it is about, as when a complaint is received. */
    return note(row,
                unit ? xf_import_in_scope(ctx, c->unit_id, "unit_code", unit, err)
                     : xf_import_in_scope(ctx, c->unit_id, "post_code", post, err),
                NULL, err);
}

/* What the complaint is: code, source, target, text, complainant, state;
 * each cell's mistake noted in row. */
static int parse_basic(const struct xf_ctx *ctx, const char *const *f, struct xf_complaint *c,
                       struct xf_row_mistakes *row, struct xf_error *err)
{
    static const char *const states[] = {"received", "classified", "dispatched", "signed",
                                         "returned", "replied",    "callback",   "closed",
                                         "rejected", "merged",     NULL};
    const char *v = fv(f, F_SOURCE);
    const char *kind = fv(f, F_KIND) ? fv(f, F_KIND) : "complaint";
    const char *state = fv(f, F_STATE);
    bool dated = true;
    int rc;
    if ((rc = note(row, parse_code(ctx, fv(f, F_CODE), fv(f, F_RECEIVED_AT), c, err), &dated,
                   err)) ||
        (rc = note(row, xfc_check_received(fv(f, F_RECEIVED_AT), err), &dated, err)) ||
        (rc = dup_to(&c->received_at, fv(f, F_RECEIVED_AT), err)) ||
        (dated && (rc = note(row, check_code_year(ctx, c, err), NULL, err))))
        return rc;
    if ((rc = note(row,
                   xfc_source_valid(v)
                       ? XF_OK
                       : xf_err(err, XF_EINVAL, "source",
                                _("source must be hotline, appraisal, evaluation, inspection, "
                                  "letter, walk_in or media")),
                   NULL, err)) ||
        (rc = dup_to(&c->source, v, err)) ||
        (rc = note(row,
                   xfc_kind_valid(kind) ? XF_OK
                                        : xf_err(err, XF_EINVAL, "kind",
                                                 _("kind must be complaint or suggestion")),
                   NULL, err)) ||
        (rc = dup_to(&c->kind, kind, err)) || (rc = parse_target(ctx, f, c, row, err)))
        return rc;
    if ((rc = note(row, parse_category(ctx->cfg, fv(f, F_CATEGORY), c, err), NULL, err)) ||
        (rc = note(row,
                   xfc_check_text(fv(f, F_TEXT), "text", XF_COMPLAINT_TEXT_MAX, true, true, err),
                   NULL, err)) ||
        (rc = dup_to(&c->text, fv(f, F_TEXT), err)) ||
        (rc = note(row, xfc_check_text(fv(f, F_NAME), "complainant_name", 100, false, false, err),
                   NULL, err)) ||
        (rc = dup_to(&c->complainant_name, z(fv(f, F_NAME)), err)) ||
        (rc = note(row, xfc_check_phone(fv(f, F_PHONE), "complainant_phone", err), NULL, err)) ||
        (rc = dup_to(&c->complainant_phone, z(fv(f, F_PHONE)), err)))
        return rc;
    if (!state)
        return note(row, xf_err(err, XF_EINVAL, "state", _("state is required")), NULL, err);
    if ((rc = one_of(state, states, "state", err)))
        return note(row, rc, NULL, err);
    return dup_to(&c->state, state, err);
}

static int parse_flag(const char *v, const char *field, int *out, struct xf_error *err)
{
    if (!v)
        return XF_OK;
    if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
        return xf_err(err, XF_EINVAL, field, _("%s must be 0 or 1"), field);
    *out = v[0] == '1';
    return XF_OK;
}

static int parse_times(const char *const *f, struct xf_complaint *c, struct xf_row_mistakes *row,
                       struct xf_error *err)
{
    static const struct {
        enum col col;
        bool is_date;
        size_t off;
    } times[] = {
        {F_DISPATCHED_AT, false, offsetof(struct xf_complaint, dispatched_at)},
        {F_SIGN_DUE, true, offsetof(struct xf_complaint, sign_due)},
        {F_SIGNED_AT, false, offsetof(struct xf_complaint, signed_at)},
        {F_REPLY_DUE, true, offsetof(struct xf_complaint, reply_due)},
        {F_REPLIED_AT, false, offsetof(struct xf_complaint, replied_at)},
        {F_CLOSED_AT, false, offsetof(struct xf_complaint, closed_at)},
        {F_ANSWER_DUE, true, offsetof(struct xf_complaint, answer_due)},
        {F_MISSED_DUE, true, offsetof(struct xf_complaint, missed_due)},
    };
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        const char *v = fv(f, times[i].col);
        const char *name = columns[times[i].col];
        int rc = !v                 ? XF_OK
                 : times[i].is_date ? xf_date_check(v, name, err)
                                    : xfc_check_timestamp(v, name, true, err);
        if ((rc = note(row, rc, NULL, err)) ||
            (rc = dup_to((char **)((char *)c + times[i].off), v, err)))
            return rc;
    }
    return XF_OK;
}

/* "not_jurisdiction: explanation" as written by xf_complaint_return. */
static int check_return_reason(const char *v, struct xf_error *err)
{
    int rc = xfc_check_text(v, "return_reason", XF_COMPLAINT_NOTE_MAX + 32, false, true, err);
    if (rc || !v)
        return rc;
    for (int r = XF_RETURN_NOT_JURISDICTION; r <= XF_RETURN_OVERLAPPING_DUTIES; r++) {
        const char *code = xf_return_reason_name((enum xf_return_reason)r);
        size_t n = strlen(code);
        if (strncmp(v, code, n) == 0 && v[n] == ':')
            return XF_OK;
    }
    return xf_err(err, XF_EINVAL, "return_reason",
                  _("return_reason must start with not_jurisdiction:, unclear_ownership: or "
                    "overlapping_duties:"));
}

/* Where the workflow stands: lead unit, clocks, reply, outcome, flags;
 * each cell's mistake noted in row. */
static int parse_workflow(const struct xf_ctx *ctx, const char *const *f, struct xf_complaint *c,
                          struct xf_row_mistakes *row, struct xf_error *err)
{
    static const char *const outcomes[] = {"satisfied", "unsatisfied", "unreachable", NULL};
    const char *v;
    int rc, supervised = 0;
    if ((v = fv(f, F_LEAD)) &&
        (rc = note(row, unit_id_of(ctx, v, "lead_unit_code", &c->lead_unit_id, err), NULL, err)))
        return rc;
    if ((rc = parse_times(f, c, row, err)) ||
        (rc = note(row,
                   xfc_check_text(fv(f, F_REPLY_TEXT), "reply_text", XF_COMPLAINT_TEXT_MAX, false,
                                  true, err),
                   NULL, err)) ||
        (rc = dup_to(&c->reply_text, fv(f, F_REPLY_TEXT), err)) ||
        (rc = note(row, check_return_reason(fv(f, F_RETURN_REASON), err), NULL, err)) ||
        (rc = dup_to(&c->return_reason, fv(f, F_RETURN_REASON), err)) ||
        (rc = note(row,
                   xfc_check_text(fv(f, F_REJECT_REASON), "reject_reason", XF_COMPLAINT_NOTE_MAX,
                                  false, true, err),
                   NULL, err)) ||
        (rc = dup_to(&c->reject_reason, fv(f, F_REJECT_REASON), err)))
        return rc;
    if ((v = fv(f, F_CALLBACK_OUTCOME)) &&
        ((rc = note(row, one_of(v, outcomes, "callback_outcome", err), NULL, err)) ||
         (rc = dup_to(&c->callback_outcome, v, err))))
        return rc;
    if ((v = fv(f, F_REDO))) {
        char *end;
        long n = strtol(v, &end, 10);
        rc = XF_OK;
        if (*end || n < 0 || n > 1000000)
            rc = xf_err(err, XF_EINVAL, "redo_count",
                        _("redo_count must be a whole number, 0 or more"));
        else
            c->redo_count = (int)n;
        if ((rc = note(row, rc, NULL, err)))
            return rc;
    }
    if ((rc = note(row,
                   parse_flag(fv(f, F_CLOSED_ON_TIME), "closed_on_time", &c->closed_on_time, err),
                   NULL, err)) ||
        (rc = note(row, parse_flag(fv(f, F_SUPERVISED), "supervised", &supervised, err), NULL,
                   err)))
        return rc;
    /* Supervision ends with the complaint, as in the workflow; an export of
     * an earlier version may still carry the flag on a closed one. */
    enum xf_complaint_state st = xf_complaint_state_of(c);
    c->supervised = supervised && st != XF_CS_CLOSED && st != XF_CS_REJECTED && st != XF_CS_MERGED;
    return XF_OK;
}

/* merged_into_code must name a complaint already in the database, which
 * includes the rows earlier in the file. */
static int parse_merged(const struct xf_ctx *ctx, const char *v, struct xf_complaint *c,
                        struct xf_error *err)
{
    if (!v)
        return XF_OK;
    if (strcmp(v, c->code) == 0)
        return xf_err(err, XF_EINVAL, "merged_into_code",
                      _("a complaint cannot be merged into itself"));
    struct xf_complaint into = {0};
    int rc = xf_store_complaint_by_code(ctx->db, v, &into, err);
    c->merged_into = into.id;
    xf_complaint_clear(&into);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, "merged_into_code",
                      _("complaint %s is neither in the database nor earlier in the file; a "
                        "complaint must come after the one it is merged into"),
                      v);
    return rc;
}

static int parse_cohandlers(const struct xf_ctx *ctx, const char *v, int64_t lead, int64_t **ids,
                            size_t *n, struct xf_error *err)
{
    *ids = NULL;
    *n = 0;
    if (!v)
        return XF_OK;
    if (!lead)
        return xf_err(err, XF_EINVAL, "cohandler_codes",
                      _("co-handling units need a lead_unit_code"));
    size_t cap = 1;
    for (const char *p = v; *p; p++)
        cap += *p == ';';
    char *copy = strdup(v);
    *ids = calloc(cap, sizeof **ids);
    int rc = copy && *ids ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
    char *save = NULL;
    for (char *tok = copy ? strtok_r(copy, ";", &save) : NULL; tok && !rc;
         tok = strtok_r(NULL, ";", &save)) {
        int64_t id;
        if ((rc = unit_id_of(ctx, tok, "cohandler_codes", &id, err)))
            break;
        if (id == lead)
            rc = xf_err(err, XF_EINVAL, "cohandler_codes",
                        _("%s is the lead unit and cannot also co-handle"), tok);
        for (size_t i = 0; i < *n && !rc; i++)
            if ((*ids)[i] == id)
                rc = xf_err(err, XF_EINVAL, "cohandler_codes", _("%s is listed twice"), tok);
        if (!rc && *n == XF_COMPLAINT_COHANDLERS_MAX)
            rc = xf_err(err, XF_EINVAL, "cohandler_codes", _("at most %d co-handling units"),
                        XF_COMPLAINT_COHANDLERS_MAX);
        if (!rc)
            (*ids)[(*n)++] = id;
    }
    free(copy);
    return rc;
}

#define S(x) (1u << (x))
#define ROUND (S(XF_CS_DISPATCHED) | S(XF_CS_SIGNED) | S(XF_CS_RETURNED) | SIGNED_ON)
#define SIGNED_ON (S(XF_CS_SIGNED) | REPLIED_ON)
#define REPLIED_ON (S(XF_CS_REPLIED) | S(XF_CS_CALLBACK) | S(XF_CS_CLOSED))

/* The workflow's times follow each other: a complaint is not closed
 * before it was received, nor signed for before it was dispatched. */
static int check_time_order(const struct xf_complaint *c, struct xf_error *err)
{
    const struct {
        const char *at, *name;
    } steps[] = {
        {c->received_at, "received_at"}, {c->dispatched_at, "dispatched_at"},
        {c->signed_at, "signed_at"},     {c->replied_at, "replied_at"},
        {c->closed_at, "closed_at"},
    };
    size_t last = 0; /* received_at is always there */
    for (size_t i = 1; i < sizeof steps / sizeof steps[0]; i++) {
        if (!steps[i].at)
            continue;
        /* A day alone ("2025-12-04") is compared as a day. */
        size_t n = strlen(steps[i].at) == 10 || strlen(steps[last].at) == 10 ? 10 : 19;
        if (strncmp(steps[i].at, steps[last].at, n) < 0)
            return xf_err(err, XF_EINVAL, steps[i].name, _("%s %s is before %s %s"),
                          steps[i].name, steps[i].at, steps[last].name, steps[last].at);
        last = i;
    }
    return XF_OK;
}

/* A deadline runs from what starts its clock; and the on-time rates are
 * counted from a closed complaint's flag, so it must be what its dates
 * say, as closing decides it (a reply months late went in "on time"). */
static int check_deadlines(const struct xf_complaint *c, struct xf_error *err)
{
    if (c->sign_due && c->dispatched_at && strncmp(c->sign_due, c->dispatched_at, 10) < 0)
        return xf_err(err, XF_EINVAL, "sign_due", _("sign_due %s is before the dispatch (%s)"),
                      c->sign_due, c->dispatched_at);
    if (c->reply_due && c->signed_at && strncmp(c->reply_due, c->signed_at, 10) < 0)
        return xf_err(err, XF_EINVAL, "reply_due",
                      _("reply_due %s is before it was signed for (%s)"), c->reply_due,
                      c->signed_at);
    if (xf_complaint_state_of(c) != XF_CS_CLOSED || c->closed_on_time == xfc_on_time(c))
        return XF_OK;
    if (c->closed_on_time && xf_complaint_missed_due(c))
        return xf_err(err, XF_EINVAL, "closed_on_time",
                      _("closed_on_time is 1, but its deadline %s was moved later after it had "
                        "passed (missed_due): late; write 0"),
                      c->missed_due);
    if (c->closed_on_time)
        return xf_err(err, XF_EINVAL, "closed_on_time",
                      _("closed_on_time is 1, but it was signed for on %.10s (due %s) and "
                        "replied to on %.10s (due %s): late; write 0"),
                      c->signed_at ? c->signed_at : "-", c->sign_due ? c->sign_due : "-",
                      c->replied_at ? c->replied_at : "-", c->reply_due ? c->reply_due : "-");
    return xf_err(err, XF_EINVAL, "closed_on_time",
                  _("closed_on_time is 0, but it was signed for on %.10s (due %s) and "
                    "replied to on %.10s (due %s): on time; write 1"),
                  c->signed_at, c->sign_due, c->replied_at, c->reply_due);
}

/* What each state needs, as the workflow would have left it. */
static int check_consistency(const char *const *f, const struct xf_complaint *c,
                             struct xf_error *err)
{
    static const struct {
        enum col col;
        unsigned states;
    } needs[] = {
        {F_CATEGORY, S(XF_CS_CLASSIFIED) | ROUND},
        {F_LEAD, ROUND},
        {F_DISPATCHED_AT, ROUND},
        {F_SIGN_DUE, ROUND},
        {F_SIGNED_AT, SIGNED_ON},
        {F_REPLY_DUE, SIGNED_ON},
        {F_REPLIED_AT, REPLIED_ON},
        {F_REPLY_TEXT, REPLIED_ON},
        {F_CALLBACK_OUTCOME, S(XF_CS_CALLBACK) | S(XF_CS_CLOSED)},
        {F_CLOSED_AT, S(XF_CS_CLOSED)},
        {F_CLOSED_ON_TIME, S(XF_CS_CLOSED)},
        {F_RETURN_REASON, S(XF_CS_RETURNED)},
        {F_REJECT_REASON, S(XF_CS_REJECTED)},
        {F_MERGED_INTO, S(XF_CS_MERGED)},
    };
    enum xf_complaint_state s = xf_complaint_state_of(c);
    /* Every column the state lacks, in one message: one a run, a file
     * was mended in as many runs as columns were missing. The first is
     * the field. */
    char missing[512] = "";
    size_t used = 0;
    int first = -1;
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
        if ((needs[i].states & S(s)) && !fv(f, needs[i].col) && used < sizeof missing) {
            first = first < 0 ? (int)needs[i].col : first;
            used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
                                     used ? xf_gettext_ctx(NC_("list", ", ")) : "",
                                     columns[needs[i].col]);
        }
    if (first >= 0)
        return xf_err(err, XF_EINVAL, columns[first], _("a complaint in state %s needs %s"),
                      c->state, missing);
    if (fv(f, F_MERGED_INTO) && s != XF_CS_MERGED)
        return xf_err(err, XF_EINVAL, "merged_into_code",
                      _("only a complaint in state merged is merged into another"));
    if (c->callback_outcome && strcmp(c->callback_outcome, "unsatisfied") == 0 &&
        c->redo_count < 1)
        return xf_err(err, XF_EINVAL, "redo_count",
                      _("an unsatisfied callback sends the complaint back to be redone, so "
                        "redo_count is at least 1"));
    if ((S(s) & (S(XF_CS_CALLBACK) | S(XF_CS_CLOSED))) && c->callback_outcome &&
        strcmp(c->callback_outcome, "unsatisfied") == 0)
        return xf_err(err, XF_EINVAL, "callback_outcome",
                      _("an unsatisfied callback sends the complaint back to dispatched, so "
                        "state %s cannot have it"),
                      c->state);
    int rc = check_deadlines(c, err);
    return rc ? rc : check_time_order(c, err);
}

static int insert_imported(const struct xf_ctx *ctx, struct xf_complaint *c, const int64_t *coh,
                           size_t ncoh, struct xf_error *err)
{
    int rc = xf_store_complaint_insert(ctx->db, c, err);
    if (!rc && ncoh)
        rc = xf_store_complaint_set_cohandlers(ctx->db, c->id, coh, ncoh, err);
    if (rc)
        return rc;
    struct xf_complaint_event ev = {
        .complaint_id = c->id,
        .actor = (char *)ctx->login,
        .action = "import",
        .from_state = "",
        .to_state = c->state,
        .unit_id = c->lead_unit_id ? c->lead_unit_id : c->unit_id,
        .note = "",
    };
    return xf_store_complaint_event_add(ctx->db, &ev, err);
}

static int import_row(const struct xf_ctx *ctx, const char *const *f,
                      struct xf_row_mistakes *row, struct xf_error *err)
{
    struct xf_complaint c = {.closed_on_time = -1};
    int64_t *coh = NULL;
    size_t ncoh = 0;
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    /* Outside an import's transaction (a single row), make our own. */
    bool own = !rc && !xf_db_in_tx(ctx->db);
    if (own)
        rc = xf_db_begin(ctx->db, "import.complaints", err);
    if (!rc && !(rc = parse_basic(ctx, f, &c, row, err)) &&
        !(rc = parse_workflow(ctx, f, &c, row, err)) && !(rc = xf_row_verdict(row, err)) &&
        !(rc = parse_merged(ctx, fv(f, F_MERGED_INTO), &c, err)) &&
        !(rc = parse_cohandlers(ctx, fv(f, F_COHANDLERS), c.lead_unit_id, &coh, &ncoh, err)) &&
        !(rc = check_consistency(f, &c, err)))
        rc = insert_imported(ctx, &c, coh, ncoh, err);
    if (own && !rc)
        rc = xf_db_commit(ctx->db, err);
    else if (own)
        xf_db_rollback(ctx->db);
    free(coh);
    xf_complaint_clear(&c);
    return rc;
}

const struct xf_kind_io xf_kind_complaints = {
    .name = "complaints",
    .columns = columns,
    .required = required,
    .scoped = true,
    .period_column = "received_at",
    .absent_column = "state",
    .absent_value = "received",
    .absent_unless = past_receipt,
    .export_rows = export_rows,
    .import_row = import_row,
};
