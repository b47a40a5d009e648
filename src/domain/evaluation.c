/* Evaluations: the weighted result, entry and correction, the report. */
#include "xf/evaluation.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/conflict.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/store_post.h"
#include "xf/table.h"
#include "xf/unit.h"

/* CSV and error field names of each group's two inputs. */
static const char *const score_fields[XF_GROUP_COUNT] = {"deputies_score", "recipients_score",
                                                         "public_score"};
static const char *const count_fields[XF_GROUP_COUNT] = {
    "deputies_respondents", "recipients_respondents", "public_respondents"};

static double group_weight(const struct xf_config *cfg, int g)
{
    switch (g) {
    case XF_GROUP_DEPUTIES: return cfg->weight_deputies;
    case XF_GROUP_RECIPIENTS: return cfg->weight_recipients;
    default: return cfg->weight_public;
    }
}

int xf_evaluation_groups_taken(const struct xf_config *cfg,
                               const struct xf_group_score groups[XF_GROUP_COUNT], int *of)
{
    int took = 0;
    *of = 0;
    for (int g = 0; g < XF_GROUP_COUNT; g++) {
        if (group_weight(cfg, g) <= 0)
            continue;
        (*of)++;
        took += groups[g].respondents > 0;
    }
    return took;
}

int xf_evaluation_result(const struct xf_config *cfg,
                         const struct xf_group_score groups[XF_GROUP_COUNT], double *score,
                         bool *passed)
{
    double sum = 0, weights = 0;
    for (int g = 0; g < XF_GROUP_COUNT; g++) {
        double w = group_weight(cfg, g);
        if (groups[g].respondents <= 0 || w <= 0)
            continue; /* a group that did not take part does not pull the mean down */
        sum += w * groups[g].score;
        weights += w;
    }
    if (weights <= 0)
        return XF_EINVAL;
    /* Rounded first, so the pass decision matches the score people see. */
    *score = round(sum / weights * 100.0) / 100.0;
    *passed = *score >= cfg->pass_score;
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

/* One group's score and respondents, the score's column first. */
static int validate_group(int g, const struct xf_group_score *group, struct xf_error *err)
{
    if (!(group->score >= 0 && group->score <= 100))
        return xf_err(err, XF_EINVAL, score_fields[g],
                      _("a satisfaction score is between 0 and 100"));
    if (group->respondents < 0)
        return xf_err(err, XF_EINVAL, count_fields[g],
                      _("the number of respondents cannot be negative"));
    /* A score nobody gave would be left out of the result without a
     * word (the form says the same; an import is held to it too). */
    if (group->respondents == 0 && group->score != 0)
        return xf_err(err, XF_EINVAL, count_fields[g],
                      _("give the number of respondents behind the score (at least 1)"));
    return XF_OK;
}

/* The result of groups that are each valid. */
static int groups_result(const struct xf_config *cfg,
                         const struct xf_group_score groups[XF_GROUP_COUNT], double *score,
                         bool *passed, struct xf_error *err)
{
    if (xf_evaluation_result(cfg, groups, score, passed))
        return xf_err(err, XF_EINVAL, count_fields[0],
                      _("no evaluator group with a weight had any respondents; enter the "
                        "respondents of at least one group"));
    return XF_OK;
}

static int validate_groups(const struct xf_config *cfg,
                           const struct xf_group_score groups[XF_GROUP_COUNT], double *score,
                           bool *passed, struct xf_error *err)
{
    for (int g = 0; g < XF_GROUP_COUNT; g++) {
        int rc = validate_group(g, &groups[g], err);
        if (rc)
            return rc;
    }
    return groups_result(cfg, groups, score, passed, err);
}

void xf_evaluation_score_text(double score, char out[16])
{
    snprintf(out, 16, "%.2f", xf_table_round2(score));
}

/* On 28 November the third quarter's results are the ones being entered
 * (the running quarter's were not yet gathered): defaulting to 2026Q4
 * made them easy to file under the wrong quarter. */
void xf_evaluation_default_quarter(const char *today, char out[7])
{
    int y = 0, m = 0;
    if (sscanf(today, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12) {
        out[0] = '\0';
        return;
    }
    int q = (m - 1) / 3 + 1;
    if (m % 3 != 0 && --q == 0) { /* not the quarter's last month: the one before */
        q = 4;
        y--;
    }
    snprintf(out, 7, "%04dQ%d", y, q);
}

void xf_evaluation_post_quarter(const struct xf_post *p, const char *quarter, char out[7])
{
    snprintf(out, 7, "%s", quarter ? quarter : "");
    char first[7];
    if (p && p->published_on && xf_date_valid(p->published_on)) {
        xf_quarter_of(p->published_on, first);
        if (strcmp(out, first) < 0)
            memcpy(out, first, 7);
    }
}

bool xf_evaluation_post_waits(const struct xf_post *p, const char *today, char *out, size_t size)
{
    char open[7], first[7], opens[XF_DATE_LEN];
    xf_evaluation_default_quarter(today, open);
    xf_evaluation_post_quarter(p, open, first);
    if (!*open || strcmp(first, open) <= 0 || !xf_quarter_days(first, opens, NULL))
        return false;
    snprintf(out, size,
             _("Post %s, published on %s, can first be evaluated for %s, from %s on (no "
               "earlier quarter is open to it)."),
             p->code, p->published_on, first, opens);
    return true;
}

int xf_evaluation_check_quarter(const char *quarter, struct xf_error *err)
{
    char upper[7];
    quarter = xf_quarter_upper(quarter, upper);
    if (!quarter || !xf_quarter_valid(quarter))
        return xf_err(err, XF_EINVAL, "quarter",
                      _("write the quarter as year, Q and 1-4, for example 2026Q3"));
    char today[XF_DATE_LEN], now[7];
    xf_date_today(today);
    xf_quarter_of(today, now);
    if (strcmp(quarter, now) > 0)
        return xf_err(err, XF_EINVAL, "quarter",
                      _("%s has not begun yet; the current quarter is %s"), quarter, now);
    /* A quarter's results are gathered in its last month (the form's
     * default follows the same day): two months in, "evaluated" would
     * count a quarter barely begun, and a pass could name a post. */
    char opens[XF_DATE_LEN];
    if (xf_quarter_days(quarter, opens, NULL) && strcmp(today, opens) < 0)
        return xf_err(err, XF_EINVAL, "quarter",
                      _("%s is still in progress; it can be evaluated from %s, the first day "
                        "of its last month"),
                      quarter, opens);
    return XF_OK;
}

/* Only a post whose notice is up (published or named) can be evaluated. */
static int check_post_state(const struct xf_post *p, struct xf_error *err)
{
    int s = xf_post_status_parse(p->status);
    if (s == XF_POST_PROPOSED)
        return xf_err(err, XF_ESTATE, "post",
                      _("post %s is not published yet; publish it before evaluating it"),
                      p->code);
    if (s == XF_POST_REVOKED)
        return xf_err(err, XF_ESTATE, "post",
                      _("post %s was revoked on %s; a revoked post is no longer evaluated"),
                      p->code, p->revoked_on ? p->revoked_on : "?");
    return XF_OK;
}

int xf_evaluation_check_post(const struct xf_post *p, struct xf_error *err)
{
    return check_post_state(p, err);
}

/* A quarter is evaluated while the post's notice was up: a pass from
 * before it would make the post eligible for naming, a failure after its
 * revocation would count against it (SPEC §2.2). A quarter opens for
 * evaluation on the first day of its last month, so one revoked in that
 * month may hold the evaluation that was known by then (as a revocation
 * may not come before an evaluation it holds, an export and import of
 * such a post keeps it). */
static int check_post_quarter(const struct xf_post *p, const char *quarter,
                              struct xf_error *err)
{
    char q[7];
    if (p->published_on && xf_date_valid(p->published_on)) {
        xf_quarter_of(p->published_on, q);
        if (strcmp(quarter, q) < 0)
            return xf_err(err, XF_EINVAL, "quarter",
                          _("post %s was published on %s; it can be evaluated from %s on"),
                          p->code, p->published_on, q);
    }
    char opens[XF_DATE_LEN];
    if (p->revoked_on && xf_date_valid(p->revoked_on) &&
        xf_quarter_days(quarter, opens, NULL) && strcmp(opens, p->revoked_on) > 0)
        return xf_err(err, XF_EINVAL, "quarter",
                      _("post %s was revoked on %s, before %s opened for evaluation (%s): a "
                        "post is not evaluated for a quarter after its revocation"),
                      p->code, p->revoked_on, quarter, opens);
    return XF_OK;
}

/* One evaluation a post a quarter. An import finds an earlier row of its
 * own file the same way (inside its transaction), so it says both. */
static int refuse_duplicate(const struct xf_ctx *ctx, const struct xf_post *p,
                            const char *quarter, bool importing, struct xf_error *err)
{
    struct xf_evaluation other = {0};
    struct xf_error e2 = {0};
    int rc = xf_store_evaluation_find(ctx->db, p->id, quarter, &other, &e2);
    if (rc == XF_ENOTFOUND)
        return XF_OK;
    if (rc) {
        *err = e2;
        return rc;
    }
    if (importing) {
        xf_evaluation_clear(&other);
        return xf_err(err, XF_EINVAL, "quarter",
                      _("post %s has an evaluation for %s already, in the database or on an "
                        "earlier line of this file: one evaluation a post a quarter"),
                      p->code, quarter);
    }
    /* Who entered it and what it says: a colleague's, minutes ago, is
     * told apart from an old one (the message named neither). */
    char who[160] = "?";
    if (other.entered_by)
        xf_ctx_person(ctx, other.entered_by, who, sizeof who);
    char score[16];
    xf_evaluation_score_text(other.score, score);
    xf_err(err, XF_EINVAL, "quarter",
           _("post %s already has an evaluation for %s, entered by %s: %s, %s; correct that one "
             "instead (e on its row in the quarter's list)"),
           p->code, quarter, who, score, other.passed ? _("pass") : _("fail"));
    xf_evaluation_clear(&other);
    return err->code;
}

static int load_post(const struct xf_ctx *ctx, int64_t post_id, struct xf_post *p,
                     struct xf_error *err)
{
    int rc = xf_store_post_get(ctx->db, post_id, p, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, "post", _("the post does not exist"));
    if (!rc)
        rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, p->unit_id, err);
    return rc;
}

/* Hands the saved row to the caller (moving its strings), or frees it. */
static void give(struct xf_evaluation *row, struct xf_evaluation *out)
{
    if (out)
        *out = *row;
    else
        xf_evaluation_clear(row);
}

int xf_evaluation_enter(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                        const struct xf_group_score groups[XF_GROUP_COUNT],
                        struct xf_evaluation *out, struct xf_error *err)
{
    char upper[7];
    quarter = xf_quarter_upper(quarter, upper);
    int rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, 0, err);
    struct xf_evaluation row = {.post_id = post_id};
    if (rc || (rc = xf_evaluation_check_quarter(quarter, err)) ||
        (rc = validate_groups(ctx->cfg, groups, &row.score, &row.passed, err)) ||
        (rc = xf_db_begin(ctx->db, "evaluation.enter", err)))
        return rc;
    struct xf_post p = {0};
    if (!(rc = load_post(ctx, post_id, &p, err)) && !(rc = check_post_state(&p, err)) &&
        !(rc = check_post_quarter(&p, quarter, err)) &&
        !(rc = refuse_duplicate(ctx, &p, quarter, false, err))) {
        row.quarter = strdup(quarter);
        row.entered_by = strdup(ctx->login ? ctx->login : "");
        memcpy(row.groups, groups, sizeof row.groups);
        if (!row.quarter || !row.entered_by)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
        else
            rc = xf_store_evaluation_insert(ctx->db, &row, err);
    }
    xf_post_clear(&p);
    if ((rc = finish(ctx, rc, err)))
        xf_evaluation_clear(&row);
    else
        give(&row, out);
    return rc;
}

int xf_evaluation_get(const struct xf_ctx *ctx, int64_t id, struct xf_evaluation *out,
                      struct xf_error *err)
{
    struct xf_post p = {0};
    int rc = xf_store_evaluation_get(ctx->db, id, out, err);
    if (!rc && !(rc = xf_store_post_get(ctx->db, out->post_id, &p, err)) &&
        !xf_ctx_in_scope(ctx, p.unit_id))
        rc = xf_err(err, XF_EPERM, "", _("post %s is outside your units"), p.code);
    if (rc)
        xf_evaluation_clear(out);
    xf_post_clear(&p);
    return rc;
}

int xf_evaluation_update(const struct xf_ctx *ctx, int64_t id, int64_t version,
                         const struct xf_group_score groups[XF_GROUP_COUNT], const char *reason,
                         struct xf_evaluation *out, struct xf_error *err)
{
    double score;
    bool passed;
    int rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, 0, err);
    /* A score decides naming and revocation: changing one needs a reason. */
    if (!rc && (xf_text_blank(reason) || !xf_utf8_valid(reason, strlen(reason))))
        rc = xf_err(err, XF_EINVAL, "correction_note",
                    _("say why the evaluation is corrected (a typing error, a recount, ...)"));
    else if (!rc)
        rc = xf_unit_check_text(reason, "correction_note", XF_EVAL_NOTE_MAX, true, err);
    if (rc || (rc = validate_groups(ctx->cfg, groups, &score, &passed, err)) ||
        (rc = xf_db_begin(ctx->db, "evaluation.update", err)))
        return rc;
    struct xf_evaluation row = {0};
    struct xf_post p = {0};
    if ((rc = xf_store_evaluation_get(ctx->db, id, &row, err)) ||
        (rc = load_post(ctx, row.post_id, &p, err)))
        goto out;
    if (row.version != version) {
        char what[96];
        snprintf(what, sizeof what, _("the %s evaluation of post %s"), row.quarter, p.code);
        xf_err(err, XF_ECONFLICT, "version",
               _("the %s evaluation of post %s was changed by someone else since you "
                 "opened it"),
               row.quarter, p.code);
        rc = xf_conflict_describe(ctx, "evaluation", id, what, err);
        goto out;
    }
    /* A revoked post's evaluations are still corrected: a typing error
     * must not stay on record because the post is gone (the revocation
     * stands; the correction and its reason are in the history). */
    /* A correction of nothing would leave a history entry saying the
     * scores were corrected when none changed. */
    bool same = true;
    for (int g = 0; g < XF_GROUP_COUNT; g++)
        same &= row.groups[g].score == groups[g].score &&
                row.groups[g].respondents == groups[g].respondents;
    if (same) {
        rc = xf_err(err, XF_EINVAL, score_fields[0],
                    _("the scores and respondents are as they were: nothing to correct"));
        goto out;
    }
    row.score = score;
    row.passed = passed;
    memcpy(row.groups, groups, sizeof row.groups);
    free(row.correction_note);
    row.correction_note = strdup(reason);
    rc = row.correction_note ? xf_store_evaluation_update(ctx->db, &row, err)
                             : xf_err(err, XF_EIO, "", _("out of memory"));
out:
    xf_post_clear(&p);
    if ((rc = finish(ctx, rc, err)))
        xf_evaluation_clear(&row);
    else
        give(&row, out);
    return rc;
}

/* ---- report -------------------------------------------------------------- */

struct report_sink {
    struct xf_table *t;
    int rc;
};

static void add_quarter(void *arg, const struct xf_eval_quarter_stats *q)
{
    struct report_sink *k = arg;
    double rate = q->evaluated ? xf_table_round1(100.0 * (double)q->passed / (double)q->evaluated) : 0;
    char mean[16];
    xf_evaluation_score_text(q->mean, mean);
    if (xf_table_addf(k->t, "%s\t%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%.1f\t%s",
                      q->quarter, q->evaluated, q->passed, q->evaluated - q->passed, rate,
                      mean))
        k->rc = XF_EIO;
}

int xf_evaluation_report(const struct xf_ctx *ctx, const char *quarter, struct xf_table *t,
                         struct xf_error *err)
{
    const char *names[] = {_("Quarter"),     _("Evaluated"),  _("Passed"), _("Failed"),
                           _("Pass rate %"), _("Mean score"), NULL};
    if (quarter && !xf_quarter_valid(quarter))
        return xf_err(err, XF_EINVAL, "quarter",
                      _("write the quarter as year, Q and 1-4, for example 2026Q3"));
    if (xf_table_init(t, _("Evaluations by quarter"), names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (size_t c = 1; c < 6; c++)
        xf_table_numeric(t, c);
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (rc)
        return rc;
    struct report_sink k = {t, XF_OK};
    rc = xf_store_evaluation_quarters(ctx->db, quarter, scope, add_quarter, &k, err);
    free(scope);
    if (!rc && k.rc)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    return rc;
}

/* ---- CSV ----------------------------------------------------------------- */

enum { E_POST, E_QUARTER, E_GROUPS, E_NOTE = E_GROUPS + 2 * XF_GROUP_COUNT, E_NCOLS };
static const char *const columns[] = {"post_code",
                                      "quarter",
                                      "deputies_score",
                                      "deputies_respondents",
                                      "recipients_score",
                                      "recipients_respondents",
                                      "public_score",
                                      "public_respondents",
                                      "correction_note",
                                      NULL};
static const char *const required[] = {"post_code", "quarter", NULL};

static int export_evaluations(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                              struct xf_error *err)
{
    return xf_store_evaluation_export(ctx->db, emit, arg, err);
}

/* Full-width digits and point (as a Chinese input method types them)
 * as ASCII into out; false when s is too long to be a number. */
static bool halfwidth_number(const char *s, char *out, size_t size)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (o + 1 >= size)
            return false;
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
            out[o++] = (char)('0' + (p[2] - 0x90));
            p += 2;
        } else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
            out[o++] = '.';
            p += 2;
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o] = '\0';
    return true;
}

static int parse_number(const char *s, const char *column, bool integer, double *out,
                        struct xf_error *err)
{
    *out = 0;
    if (!s || !*s)
        return XF_OK; /* an empty group did not take part */
    char ascii[64]; /* too long: not a number */
    double v = 0;
    /* Plain decimals: "0x10" was read as 16 respondents, "1e2" as 100. A
     * minus is let through to the range check, which says why it is
     * wrong ("-1" is a number, not one a score may be). */
    bool ok = halfwidth_number(s, ascii, sizeof ascii);
    const char *digits = ascii + (ascii[0] == '-');
    ok = ok && xf_text_decimal(digits, false, &v) && (!integer || !strchr(digits, '.'));
    v = digits > ascii ? -v : v;
    if (!ok)
        return xf_err(err, XF_EINVAL, column, _("'%s' is not a %s"), s,
                      integer ? _("whole number") : _("number"));
    *out = v;
    return XF_OK;
}

/* Group g's two cells, as validate_group takes them. */
static int parse_group(const char *const *f, int g, struct xf_group_score *group,
                       struct xf_error *err)
{
    double score, n;
    const char *s = f[E_GROUPS + 2 * g], *c = f[E_GROUPS + 2 * g + 1];
    int rc = parse_number(s, score_fields[g], false, &score, err);
    /* The score's own column first: its range needs no respondents. */
    if (!rc && !(score >= 0 && score <= 100))
        rc =
            xf_err(err, XF_EINVAL, score_fields[g], _("a satisfaction score is between 0 and 100"));
    if (rc || (rc = parse_number(c, count_fields[g], true, &n, err)))
        return rc;
    /* Respondents without their score: the group took part and its
     * score is missing, not 0 (it failed the post). */
    if ((!s || !*s) && n > 0)
        return xf_err(err, XF_EINVAL, score_fields[g],
                      _("the score is missing, though %s gives %.0f respondents"), count_fields[g],
                      n);
    if (n > 1e12)
        return xf_err(err, XF_EINVAL, count_fields[g], _("the number is too large"));
    *group = (struct xf_group_score){score, (int64_t)n};
    return validate_group(g, group, err);
}

/* A row's error on the leftmost column: every cell is checked and the
 * first in the file's column order is said, as a clerk fixes a line left
 * to right (a bad score hid a post code that did not exist, and the
 * next import stopped on the same line again). */
struct first_error {
    int col; /* index in columns[]; E_NCOLS + 1 when none yet */
    struct xf_error e;
};

static int column_of(const char *field)
{
    for (int i = 0; columns[i]; i++)
        if (strcmp(columns[i], field) == 0)
            return i;
    return E_NCOLS; /* a message naming no column: said last */
}

/* Keeps a cell's refusal when it is left of the one kept, and notes it
 * among the row's mistakes (row NULL: none); hands back a fault that is
 * not the row's (the database's), which stops it. */
static int keep_first(struct first_error *k, struct xf_row_mistakes *row, int rc,
                      struct xf_error *err)
{
    if (rc == XF_OK)
        return XF_OK;
    if (rc != XF_EINVAL && rc != XF_ESTATE && !(rc == XF_EPERM && err->field[0]))
        return rc;
    int col = column_of(err->field);
    if (col < k->col) {
        k->col = col;
        k->e = *err;
        k->e.code = rc;
    }
    if (row)
        xf_row_note(row, rc, err);
    return XF_OK;
}

/* The post_code cell: a post, in the user's scope, that was published. */
static int import_post(const struct xf_ctx *ctx, const char *code, struct xf_post *p,
                       struct xf_error *err)
{
    int rc = xf_store_post_by_code(ctx->db, code ? code : "", p, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, "post_code", _("there is no post with the code '%s'"),
                      code ? code : "");
    if (!rc)
        rc = xf_import_in_scope(ctx, p->unit_id, "post_code", p->code, err);
    if (!rc && xf_post_status_parse(p->status) == XF_POST_PROPOSED)
        rc = xf_err(err, XF_ESTATE, "post_code",
                    _("post %s was never published, so it cannot have an evaluation"), p->code);
    return rc;
}

/* The quarter cell: a quarter open for evaluation and, when the post is
 * known (p non-NULL), one of its notice's that it has no evaluation for. */
static int import_quarter(const struct xf_ctx *ctx, const struct xf_post *p, const char *quarter,
                          struct xf_error *err)
{
    int rc = xf_evaluation_check_quarter(quarter, err);
    if (!rc && p && !(rc = check_post_quarter(p, quarter, err)))
        rc = refuse_duplicate(ctx, p, quarter, true, err);
    return rc;
}

/* Imported evaluations may belong to posts named or revoked since: only a
 * post never published cannot have one. score and passed are recomputed
 * under the current rules. */
static int import_evaluation(const struct xf_ctx *ctx, const char *const *f,
                             struct xf_row_mistakes *mistakes, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_IMPORT, 0, err);
    if (rc || (rc = xf_db_begin(ctx->db, "evaluation.import", err)))
        return rc;
    struct xf_evaluation row = {0};
    struct first_error k = {.col = E_NCOLS + 1};
    char upper[7];
    const char *quarter = xf_quarter_upper(f[E_QUARTER], upper);
    struct xf_post p = {0};
    bool post_ok = false, groups_ok = true;
    rc = import_post(ctx, f[E_POST], &p, err);
    post_ok = rc == XF_OK;
    rc = keep_first(&k, mistakes, rc, err);
    if (!rc)
        rc = keep_first(&k, mistakes, import_quarter(ctx, post_ok ? &p : NULL, quarter, err), err);
    for (int g = 0; !rc && g < XF_GROUP_COUNT; g++) {
        int bad = parse_group(f, g, &row.groups[g], err);
        groups_ok = groups_ok && !bad;
        rc = keep_first(&k, mistakes, bad, err);
    }
    if (!rc && groups_ok)
        rc = keep_first(&k, mistakes,
                        groups_result(ctx->cfg, row.groups, &row.score, &row.passed, err), err);
    if (!rc)
        rc = keep_first(
            &k, mistakes,
            xf_unit_check_text(f[E_NOTE], "correction_note", XF_EVAL_NOTE_MAX, false, err), err);
    if (!rc && k.col <= E_NCOLS) {
        *err = k.e;
        rc = err->code;
    }
    if (!rc) {
        row.post_id = p.id;
        row.quarter = (char *)quarter;
        row.entered_by = (char *)ctx->login;
        /* Borrowed, as quarter and entered_by are: row is not cleared. */
        row.correction_note = xf_text_blank(f[E_NOTE]) ? NULL : (char *)f[E_NOTE];
        rc = xf_store_evaluation_insert(ctx->db, &row, err);
    }
    xf_post_clear(&p);
    return finish(ctx, rc, err);
}

const struct xf_kind_io xf_kind_evaluations = {
    .quarter_column = "quarter",
    .scope_column = "post_code",
    .scope_by_post = true,
    .name = "evaluations",
    .columns = columns,
    .required = required,
    .export_rows = export_evaluations,
    .import_row = import_evaluation,
};

/* ---- reading, for the interface ------------------------------------------ */

int xf_evaluation_quarters(const struct xf_ctx *ctx, int64_t unit_id, int64_t post_id,
                           void (*fn)(void *arg, const struct xf_eval_quarter_stats *row),
                           void *arg, struct xf_error *err)
{
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (rc)
        return rc;
    if (!unit_id && !post_id) {
        rc = xf_store_evaluation_quarters(ctx->db, NULL, scope, fn, arg, err);
    } else {
        struct xf_unit u = {0};
        if (!unit_id || !(rc = xf_store_unit_get(ctx->db, unit_id, &u, err)))
            rc = xf_store_evaluation_quarters_of(ctx->db, scope, unit_id ? u.path : NULL,
                                                 post_id, fn, arg, err);
        xf_unit_clear(&u);
    }
    free(scope);
    return rc;
}

/* The store's query for f, its scope (*scope, freed by the caller) and
 * unit (*u, cleared by the caller) filled in. */
static int eval_query(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                      struct xf_eval_query *q, char **scope, struct xf_unit *u,
                      struct xf_error *err)
{
    if (!f->quarter || !xf_quarter_valid(f->quarter))
        return xf_err(err, XF_EINVAL, "quarter",
                      _("write the quarter as year, Q and 1-4, for example 2026Q3"));
    int rc = f->like ? xf_unit_check_line(f->like, "query", XF_EVAL_LIKE_MAX, false, err) : XF_OK;
    if (rc)
        return rc;
    *q = (struct xf_eval_query){.quarter = f->quarter, .post_id = f->post_id, .like = f->like,
                                .result = f->result, .order = f->order};
    rc = xf_unit_scope_paths(ctx, scope, err);
    if (!rc && f->unit_id && !(rc = xf_store_unit_get(ctx->db, f->unit_id, u, err)))
        q->subtree = u->path;
    q->scope_json = *scope;
    return rc;
}

int xf_evaluation_page(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                       const char *from_key, int64_t from_id, enum xf_eval_dir dir, int limit,
                       void (*fn)(void *arg, const struct xf_eval_item *row), void *arg,
                       struct xf_error *err)
{
    struct xf_eval_query q;
    char *scope = NULL;
    struct xf_unit u = {0};
    int rc = eval_query(ctx, f, &q, &scope, &u, err);
    if (!rc)
        rc = xf_store_evaluation_page(ctx->db, &q, from_key, from_id, dir, limit, fn, arg, err);
    xf_unit_clear(&u);
    free(scope);
    return rc;
}

int xf_evaluation_missing_page(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                               const char *from_code, int64_t from_id, enum xf_eval_dir dir,
                               int limit, void (*fn)(void *arg, const struct xf_eval_missing *row),
                               void *arg, struct xf_error *err)
{
    struct xf_eval_query q;
    char *scope = NULL, ends[XF_DATE_LEN];
    struct xf_unit u = {0};
    int rc = eval_query(ctx, f, &q, &scope, &u, err);
    if (!rc && xf_quarter_days(f->quarter, NULL, ends)) {
        q.until = ends;
        rc = xf_store_evaluation_missing_page(ctx->db, &q, from_code, from_id, dir, limit, fn,
                                              arg, err);
    }
    xf_unit_clear(&u);
    free(scope);
    return rc;
}

int xf_evaluation_missing_count(const struct xf_ctx *ctx, const struct xf_eval_filter *f,
                                int64_t *n, struct xf_error *err)
{
    struct xf_eval_query q;
    char *scope = NULL, ends[XF_DATE_LEN];
    struct xf_unit u = {0};
    *n = 0;
    int rc = eval_query(ctx, f, &q, &scope, &u, err);
    if (!rc && xf_quarter_days(f->quarter, NULL, ends)) {
        q.until = ends;
        rc = xf_store_evaluation_missing_count(ctx->db, &q, n, err);
    }
    xf_unit_clear(&u);
    free(scope);
    return rc;
}

int xf_evaluation_find(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                       struct xf_evaluation *out, struct xf_error *err)
{
    char upper[7];
    quarter = xf_quarter_upper(quarter, upper);
    if (!quarter || !xf_quarter_valid(quarter))
        return xf_err(err, XF_EINVAL, "quarter",
                      _("write the quarter as year, Q and 1-4, for example 2026Q3"));
    struct xf_post p = {0};
    int rc = xf_store_post_get(ctx->db, post_id, &p, err);
    if (!rc && !xf_ctx_in_scope(ctx, p.unit_id))
        rc = xf_err(err, XF_EPERM, "", _("post %s is outside your units"), p.code);
    if (!rc)
        rc = xf_store_evaluation_find(ctx->db, post_id, quarter, out, err);
    xf_post_clear(&p);
    return rc;
}

int xf_evaluation_check_new(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                            struct xf_error *err)
{
    char upper[7];
    quarter = xf_quarter_upper(quarter, upper);
    int rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, 0, err);
    if (rc || (rc = xf_evaluation_check_quarter(quarter, err)))
        return rc;
    struct xf_post p = {0};
    if (!(rc = load_post(ctx, post_id, &p, err)) && !(rc = check_post_state(&p, err)) &&
        !(rc = check_post_quarter(&p, quarter, err)))
        rc = refuse_duplicate(ctx, &p, quarter, false, err);
    xf_post_clear(&p);
    return rc;
}
