/* The annual awards (§2.7): the ranking, the organiser's decisions, what
 * a revocation or a failed evaluation does to them, and their report. */
#include "xf/award.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/conflict.h"
#include "xf/date.h"
#include "xf/evaluation.h"
#include "xf/i18n.h"
#include "xf/unit.h"
#include "xf/store_post.h"
#include "xf/table.h"
#include "xf/text.h"

const char *const xf_award_kinds[] = {"satisfaction_window", "service_brand", "exemplar", NULL};
#define award_kinds xf_award_kinds

double xf_award_score(double mean_evaluation, int complaints_unsatisfied, int complaints_overdue,
                      int inspections_failed)
{
    return mean_evaluation - XF_AWARD_PENALTY_INSPECTION * inspections_failed -
           XF_AWARD_PENALTY_UNSATISFIED * complaints_unsatisfied -
           XF_AWARD_PENALTY_OVERDUE * complaints_overdue;
}

int xf_award_default_quota(const char *kind)
{
    if (!kind)
        return 0;
    if (strcmp(kind, "satisfaction_window") == 0)
        return 100;
    if (strcmp(kind, "service_brand") == 0 || strcmp(kind, "exemplar") == 0)
        return 10;
    return 0;
}

struct ranked {
    const struct xf_award_basis_row *b;
    double score;
};

static int by_score(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->b->post_code, b->b->post_code);
}

/* Scores the posts with a basis, best first; *n_out of them. */
static struct ranked *rank_posts(const struct xf_award_basis_row *rows, size_t n, size_t *n_out)
{
    struct ranked *r = malloc((n ? n : 1) * sizeof *r);
    *n_out = 0;
    if (!r)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (rows[i].evaluations > 0)
            r[(*n_out)++] = (struct ranked){
                &rows[i], xf_award_score(rows[i].mean_score, rows[i].complaints_unsatisfied,
                                         rows[i].complaints_overdue, rows[i].inspections_failed)};
    qsort(r, *n_out, sizeof *r, by_score);
    return r;
}

/* 优质服务品牌 goes to a department for the work of its posts: the
 * departments with at least BRAND_MIN_POSTS ranked posts, by the mean of
 * their posts' scores. ranked is best first; out gets one entry per
 * department (b: its best post), best first; returns how many. */
enum { BRAND_MIN_POSTS = 2 };

static size_t rank_departments(const struct ranked *r, size_t nr, struct ranked *out)
{
    size_t n = 0;
    for (size_t i = 0; i < nr; i++) {
        int64_t dept = r[i].b->department_id;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = out[k].b->department_id == dept;
        if (seen || dept <= 0)
            continue;
        double sum = 0;
        size_t posts = 0;
        for (size_t j = i; j < nr; j++)
            if (r[j].b->department_id == dept)
                sum += r[j].score, posts++;
        if (posts >= BRAND_MIN_POSTS)
            out[n++] = (struct ranked){r[i].b, sum / (double)posts};
    }
    qsort(out, n, sizeof *out, by_score);
    return n;
}

/* 优秀服务标兵 goes to a person: the holders of the best posts, each once,
 * leaving out posts without a member as holder. */
static size_t rank_holders(const struct ranked *r, size_t nr, struct ranked *out)
{
    size_t n = 0;
    for (size_t i = 0; i < nr; i++) {
        bool seen = r[i].b->member_id <= 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = out[k].b->member_id == r[i].b->member_id;
        if (!seen)
            out[n++] = r[i];
    }
    return n;
}

/* The year's ranking of one kind, best first: windows are posts, brands
 * departments, exemplars people (SPEC §2.7). */
struct ranking {
    struct xf_award_basis_row *rows; /* owned when own_rows */
    size_t n_rows, n;
    bool own_rows;
    struct ranked *posts, *by;
    const struct ranked *list; /* n entries */
    bool brand, exemplar;
};

static void ranking_free(struct ranking *k)
{
    free(k->by);
    free(k->posts);
    if (k->own_rows)
        xf_award_basis_free(k->rows, k->n_rows);
}

/* The ranking of one kind from a year's basis rows (borrowed). */
static int ranking_from(struct xf_award_basis_row *rows, size_t n_rows, const char *kind,
                        struct ranking *k, struct xf_error *err)
{
    *k = (struct ranking){.rows = rows,
                          .n_rows = n_rows,
                          .brand = strcmp(kind, "service_brand") == 0,
                          .exemplar = strcmp(kind, "exemplar") == 0};
    size_t nr = 0;
    k->posts = rank_posts(rows, n_rows, &nr);
    k->by = malloc((nr ? nr : 1) * sizeof *k->by);
    if (!k->posts || !k->by) {
        ranking_free(k);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    k->n = k->brand      ? rank_departments(k->posts, nr, k->by)
           : k->exemplar ? rank_holders(k->posts, nr, k->by)
                         : nr;
    k->list = k->brand || k->exemplar ? k->by : k->posts;
    return XF_OK;
}

static int ranking_build(const struct xf_ctx *ctx, int year, const char *kind, struct ranking *k,
                         struct xf_error *err)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_award_basis_row *rows = NULL;
    size_t n = 0;
    int rc = xf_store_award_basis(ctx->db, year, today, &rows, &n, err);
    if (rc)
        return rc;
    if ((rc = ranking_from(rows, n, kind, k, err))) {
        xf_award_basis_free(rows, n);
        return rc;
    }
    k->own_rows = true;
    return XF_OK;
}

static struct xf_award ranked_award(const struct ranking *k, size_t i, int year, const char *kind,
                                    int rank)
{
    const struct xf_award_basis_row *b = k->list[i].b;
    /* An exemplar is a person's, with the post they were ranked by (their
     * best): the list and the report name it, as they name a window's. */
    return (struct xf_award){
        .year = year,
        .kind = (char *)kind,
        .post_id = k->brand ? 0 : b->post_id,
        .unit_id = k->brand ? b->department_id : b->unit_id,
        .member_id = k->exemplar ? b->member_id : 0,
        .rank = rank,
        .score = k->list[i].score,
        .status = "candidate",
    };
}

static int insert_ranked(const struct xf_ctx *ctx, const struct ranking *k, int year,
                         const char *kind, int quota, int *ranked, struct xf_error *err)
{
    int rc = XF_OK;
    for (size_t i = 0; !rc && i < k->n && i < (size_t)quota; i++) {
        struct xf_award a = ranked_award(k, i, year, kind, (int)i + 1);
        if (!(rc = xf_store_award_insert(ctx->db, &a, err)) && ranked)
            *ranked = (int)i + 1;
    }
    return rc;
}

static int insert_candidates(const struct xf_ctx *ctx, int year, const char *kind, int quota,
                             int *ranked, struct xf_error *err)
{
    struct ranking k;
    int rc = ranking_build(ctx, year, kind, &k, err);
    if (rc)
        return rc;
    rc = insert_ranked(ctx, &k, year, kind, quota, ranked, err);
    ranking_free(&k);
    return rc;
}

int xf_award_rank_year(const struct xf_ctx *ctx, int year, const int quotas[3],
                       struct xf_error *err)
{
    static const char *const kinds[] = {"satisfaction_window", "service_brand", "exemplar"};
    char today[XF_DATE_LEN];
    xf_date_today(today);
    struct xf_award_basis_row *rows = NULL;
    size_t n = 0;
    int rc = xf_db_begin(ctx->db, "award.rank", err);
    if (rc)
        return rc;
    rc = xf_store_award_basis(ctx->db, year, today, &rows, &n, err);
    for (int i = 0; !rc && i < 3; i++) {
        struct ranking k;
        if (!(rc = ranking_from(rows, n, kinds[i], &k, err))) {
            rc = insert_ranked(ctx, &k, year, kinds[i], quotas[i], NULL, err);
            ranking_free(&k);
        }
    }
    xf_award_basis_free(rows, n);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

/* One that gave its place back to a reopened award takes the next place
 * that frees: it was ranked in before anyone not yet listed (a revocation
 * after a reopening pulled in rank 102 and left 101 declined). */
static int give_place_back(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    struct xf_award a = {0};
    int rc = xf_store_award_get(ctx->db, id, &a, err);
    if (!rc) {
        free(a.status);
        free(a.decided_by);
        a.status = strdup("candidate");
        a.decided_by = NULL;
        /* data, in the office's language (see xf_award_decline_revoked) */
        a.decision_note = (char *)"名额空出，恢复为候选";
        rc = a.status ? xf_store_award_update(ctx->db, &a, err)
                      : xf_err(err, XF_EIO, "", _("out of memory"));
    }
    a.decision_note = NULL;
    xf_award_clear(&a);
    return rc;
}

/* A declined candidate leaves a place in the quota: one that gave its
 * place back takes it, else the best of the ranking not yet listed,
 * ranked after the last. *added = 0 when the ranking has no one left. */
static int pull_next(const struct xf_ctx *ctx, int year, const char *kind, int64_t *added,
                     struct xf_error *err)
{
    *added = 0;
    int64_t listed = 0, back = 0;
    int rc = xf_store_award_given_back(ctx->db, year, kind, &back, err);
    if (rc || (back && (rc = give_place_back(ctx, back, err)) == XF_OK && (*added = back)))
        return rc;
    struct ranking k;
    rc = xf_store_award_count(ctx->db, year, kind, &listed, err);
    if (rc || (rc = ranking_build(ctx, year, kind, &k, err)))
        return rc;
    for (size_t i = 0; !rc && i < k.n && !*added; i++) {
        struct xf_award a = ranked_award(&k, i, year, kind, (int)listed + 1);
        bool there = false;
        if (!(rc = xf_store_award_listed(ctx->db, &a, &there, err)) && !there &&
            !(rc = xf_store_award_insert(ctx->db, &a, err)))
            *added = a.id;
    }
    ranking_free(&k);
    return rc;
}

int xf_award_rank_candidates(const struct xf_ctx *ctx, int year, const char *kind, int quota,
                             int *ranked, struct xf_error *err)
{
    if (ranked)
        *ranked = 0;
    /* The ranking is the city's: a user limited to some units may decide
     * on their candidates, not rank everyone's. */
    int rc = xf_unit_require_unscoped(ctx, XF_P_EVAL_EDIT, err);
    if (rc)
        return rc;
    if (year < 2000 || year > 2100)
        return xf_err(err, XF_EINVAL, "year", _("year must be between 2000 and 2100"));
    if (!xf_text_one_of(kind, award_kinds))
        return xf_err(err, XF_EINVAL, "kind",
                      _("kind must be satisfaction_window, service_brand or exemplar, not '%s'"),
                      xf_text_or_empty(kind));
    if (quota < 0)
        return xf_err(err, XF_EINVAL, "quota", _("quota cannot be negative"));
    if (quota == 0)
        quota = xf_award_default_quota(kind);
    if ((rc = xf_db_begin(ctx->db, "award.rank", err)))
        return rc;
    int64_t existing = 0;
    if (!(rc = xf_store_award_count(ctx->db, year, kind, &existing, err)) && existing > 0)
        rc = xf_err(err, XF_ESTATE, "kind", _("the candidates for %s, %d have already been ranked"),
                    xf_award_kind_label(kind), year);
    if (rc || (rc = insert_candidates(ctx, year, kind, quota, ranked, err)) ||
        (rc = xf_db_commit(ctx->db, err))) {
        xf_db_rollback(ctx->db);
        if (ranked)
            *ranked = 0;
    }
    return rc;
}

/* The ranking read the posts as they were; a post revoked since (for
 * misconduct, say) cannot then be honoured for the same year, and an
 * exemplar (服务标兵), ranked by the post they hold, then holds none that
 * stands (a brand is its department's). Confirming it is refused (declining
 * it lets the next in the ranking take its place), and so is reopening a
 * decline (reopening): the revocation declined it for good. */
static int refuse_fallen(const struct xf_ctx *ctx, const struct xf_award *a, bool reopening,
                         struct xf_error *err)
{
    int rc = XF_OK;
    if (a->member_id > 0) {
        int64_t n = 0;
        char *example = NULL;
        rc = xf_store_member_held_posts(ctx->db, a->member_id, &n, &example, err);
        free(example);
        if (rc || n > 0)
            return rc;
        struct xf_member m = {0};
        if (!(rc = xf_store_member_get(ctx->db, a->member_id, &m, err)))
            rc = xf_err(err, XF_ESTATE, "status",
                        reopening
                            ? _("%s (%s) holds no post that stands now (the post was revoked): "
                                "the declined award cannot be reopened")
                            : _("%s (%s) holds no post that stands now (revoked after the "
                                "ranking): the candidacy cannot be confirmed; decline it and the "
                                "next in the ranking takes its place"),
                        m.name, m.code);
        xf_member_clear(&m);
        return rc;
    }
    if (a->post_id <= 0)
        return XF_OK;
    struct xf_post p = {0};
    rc = xf_store_post_get(ctx->db, a->post_id, &p, err);
    if (!rc && p.status && strcmp(p.status, "revoked") == 0)
        rc = xf_err(err, XF_ESTATE, "status",
                    reopening ? _("post %s was revoked on %s: a revoked post stands for no "
                                  "award, so the declined award cannot be reopened")
                              : _("post %s was revoked on %s, after it was ranked: it cannot be "
                                  "confirmed; decline it and the next in the ranking takes its "
                                  "place"),
                    p.code, p.revoked_on ? p.revoked_on : "?");
    xf_post_clear(&p);
    return rc;
}

int xf_award_confirm_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    struct xf_award a = {0};
    int rc = xf_store_award_get(ctx->db, id, &a, err);
    if (!rc)
        rc = refuse_fallen(ctx, &a, false, err);
    xf_award_clear(&a);
    return rc;
}

int xf_award_decide(const struct xf_ctx *ctx, int64_t id, int64_t version, bool confirm,
                    const char *note, struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, 0, err);
    /* Passing over a ranked candidate is explained; a confirmation may be. */
    if (!rc && !confirm && xf_text_blank(note))
        rc = xf_err(err, XF_EINVAL, "decision_note", _("say why the candidate is declined"));
    if (!rc && note)
        rc = xf_unit_check_text(note, "decision_note", XF_AWARD_NOTE_MAX, false, err);
    if (rc || (rc = xf_db_begin(ctx->db, confirm ? "award.confirm" : "award.decline", err)))
        return rc;
    struct xf_award a = {0};
    if (!(rc = xf_store_award_get(ctx->db, id, &a, err)) &&
        !(rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, a.unit_id, err))) {
        if (a.version != version) {
            xf_err(err, XF_ECONFLICT, "version",
                   _("award candidate #%lld was changed by someone else; reload it and "
                     "try again"),
                   (long long)id);
            char what[64];
            snprintf(what, sizeof what, _("award candidate #%lld"), (long long)id);
            rc = xf_conflict_describe(ctx, "award", id, what, err); /* who, and what */
        } else if (strcmp(a.status, "candidate") != 0)
            rc = xf_err(err, XF_ESTATE, "status", _("award candidate #%lld has already been %s"),
                        (long long)id, a.status);
        else if (confirm)
            rc = refuse_fallen(ctx, &a, false, err);
    }
    if (!rc) {
        free(a.status);
        free(a.decided_by);
        a.status = strdup(confirm ? "confirmed" : "declined");
        a.decided_by = strdup(ctx->login);
        a.decision_note = note && *note ? (char *)note : NULL;
        rc = xf_store_award_update(ctx->db, &a, err);
        int64_t next = 0;
        if (!rc && !confirm) {
            xf_db_set_action(ctx->db, "award.rank");
            rc = pull_next(ctx, a.year, a.kind, &next, err);
        }
    }
    xf_award_clear(&a);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

/* A year's awards are decided and published in the January after it, and
 * the post is shown as a 群众满意窗口 through that year: what befalls it
 * until the year after an award's ends concerns the award. Older awards
 * are the record of their own year. */
static void revocation_years(const char *on, int *from, int *to)
{
    *from = atoi(on) - 1;
    *to = 2100; /* and any ranked ahead of time */
}

/* "2026 (confirmed), 2027 (candidate)" in the interface's language. */
static char *held_text(const struct xf_award_held *v, size_t n)
{
    const char *sep = xf_gettext_ctx(NC_("list", ", "));
    char *out = strdup("");
    for (size_t i = 0; out && i < n; i++) {
        char *item = NULL, *grown = NULL;
        if (asprintf(&item, v[i].confirmed ? _("%d (confirmed)") : _("%d (candidate)"), v[i].year) <
            0)
            item = NULL;
        if (!item || asprintf(&grown, "%s%s%s", out, i ? sep : "", item) < 0)
            grown = NULL;
        free(item);
        free(out);
        out = grown;
    }
    return out;
}

/* post_id's standing windows (exemplars: its holder's exemplar awards
 * that fall with it), counted and named. */
static int standing_text(const struct xf_ctx *ctx, int64_t post_id, int from, int to, bool exemplar,
                         int *n, char **text, struct xf_error *err)
{
    struct xf_award_held *v = NULL;
    size_t k = 0, kept = 0;
    *n = 0;
    if (text)
        *text = NULL;
    int rc = xf_store_award_standing(ctx->db, post_id, from, to, &v, &k, err);
    for (size_t i = 0; !rc && i < k; i++)
        if (v[i].exemplar == exemplar)
            v[kept++] = v[i];
    if (!rc && kept && text && !(*text = held_text(v, kept)))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    if (!rc)
        *n = (int)kept;
    free(v);
    return rc;
}

static int standing_on(const struct xf_ctx *ctx, int64_t post_id, const char *on, bool exemplar,
                       int *n, char **years, struct xf_error *err)
{
    char today[XF_DATE_LEN];
    if (!on || !xf_date_valid(on)) {
        xf_date_today(today);
        on = today;
    }
    int from, to;
    revocation_years(on, &from, &to);
    return standing_text(ctx, post_id, from, to, exemplar, n, years, err);
}

int xf_award_standing(const struct xf_ctx *ctx, int64_t post_id, const char *on, int *n,
                      char **years, struct xf_error *err)
{
    return standing_on(ctx, post_id, on, false, n, years, err);
}

int xf_award_standing_exemplar(const struct xf_ctx *ctx, int64_t post_id, const char *on, int *n,
                               char **years, struct xf_error *err)
{
    return standing_on(ctx, post_id, on, true, n, years, err);
}

/* The sentence naming the exemplar awards of post_id's holder (of the
 * years from to to) that its failure puts up for review; *text NULL when
 * there are none. After the windows' sentence it is shorter ("too"). */
static int exemplar_failure_note(const struct xf_ctx *ctx, int64_t post_id, int from, int to,
                                 bool after_windows, char **text, struct xf_error *err)
{
    struct xf_award_held *v = NULL;
    size_t k = 0;
    char *holder = NULL, *years = NULL;
    *text = NULL;
    int rc = xf_store_award_holder_exemplars(ctx->db, post_id, from, to, &v, &k, &holder, err);
    if (!rc && k > 0 && !(years = held_text(v, k)))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    const char *who = holder ? holder : "?";
    int n = 0;
    if (!rc && k > 0 && after_windows)
        n = asprintf(text,
                     ngettext("Its holder %s holds the service-exemplar award of %s too.",
                              "Its holder %s holds the service-exemplar awards of %s too.",
                              (unsigned long)k),
                     who, years);
    else if (!rc && k > 0)
        n = asprintf(text,
                     ngettext("It fails, and the post's holder %s holds the service-exemplar "
                              "award of %s: review it in the annual awards (A in Evaluations).",
                              "It fails, and the post's holder %s holds the service-exemplar "
                              "awards of %s: review them in the annual awards (A in "
                              "Evaluations).",
                              (unsigned long)k),
                     who, years);
    if (n < 0) {
        *text = NULL;
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    free(v);
    free(holder);
    free(years);
    return rc;
}

int xf_award_failure_note(const struct xf_ctx *ctx, int64_t post_id, const char *quarter,
                          char **text, struct xf_error *err)
{
    *text = NULL;
    struct xf_evaluation e = {0};
    int rc = xf_store_evaluation_find(ctx->db, post_id, quarter, &e, err);
    bool failed = !rc && !e.passed;
    xf_evaluation_clear(&e);
    if (rc == XF_ENOTFOUND) {
        xf_err_clear(err);
        return XF_OK;
    }
    int n = 0, year = atoi(quarter);
    char *years = NULL;
    /* The quarter's year's award (not yet published, or just) and the
     * year before's (published, and shown through this year). */
    if (rc || !failed || (rc = standing_text(ctx, post_id, year - 1, year, false, &n, &years, err)))
        return rc;
    char *windows = NULL, *exemplars = NULL;
    if (n > 0 &&
        asprintf(&windows,
                 ngettext("It fails, and the post holds the satisfaction-window award of %s: "
                          "review it in the annual awards (A in Evaluations).",
                          "It fails, and the post holds the satisfaction-window awards of %s: "
                          "review them in the annual awards (A in Evaluations).",
                          (unsigned long)n),
                 years) < 0)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    free(years);
    /* Its holder's exemplar stands on the posts they hold: the failure of
     * any of them is for review too, as the list to review says. */
    if (!rc)
        rc = exemplar_failure_note(ctx, post_id, year - 1, year, windows != NULL, &exemplars, err);
    if (!rc && windows && exemplars)
        *text = xf_text_sentences(windows, exemplars);
    else if (!rc)
        *text = windows ? strdup(windows) : exemplars ? strdup(exemplars) : NULL;
    if (!rc && (windows || exemplars) && !*text)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    free(windows);
    free(exemplars);
    return rc;
}

/* A window revoked after it was ranked or confirmed was still published
 * as a 群众满意窗口. The note is data, in the office's language as the
 * revocation's reason is (xf_post_revoke_reason_default). */
int xf_award_decline_revoked(const struct xf_ctx *ctx, int64_t post_id, const char *on, int *n,
                             struct xf_error *err)
{
    *n = 0;
    struct xf_award_held *held = NULL;
    size_t k = 0;
    int from, to;
    revocation_years(on, &from, &to);
    int rc = xf_store_award_standing(ctx->db, post_id, from, to, &held, &k, err);
    char note[160];
    snprintf(note, sizeof note, "该先锋岗已于 %s 撤销", on);
    for (size_t i = 0; !rc && i < k; i++) {
        struct xf_award a = {0};
        if ((rc = xf_store_award_get(ctx->db, held[i].id, &a, err)))
            break;
        free(a.status);
        free(a.decided_by);
        a.status = strdup("declined");
        a.decided_by = strdup(ctx->login ? ctx->login : "");
        a.decision_note = note;
        int64_t next = 0;
        rc = !a.status || !a.decided_by ? xf_err(err, XF_EIO, "", _("out of memory"))
                                        : xf_store_award_update(ctx->db, &a, err);
        /* The one ranked in its place was not revoked: its history says
         * what brought it in; the next decline is the revocation's again. */
        if (!rc) {
            xf_db_set_action(ctx->db, "award.replace_revoked");
            rc = pull_next(ctx, a.year, a.kind, &next, err);
            xf_db_set_action(ctx->db, "post.revoke");
        }
        if (!rc)
            (*n)++;
        a.decision_note = NULL;
        xf_award_clear(&a);
    }
    free(held);
    return rc;
}

struct review_sink {
    struct xf_table *t;
    int rc;
};

static void add_review(void *arg, const struct xf_award_review_row *row)
{
    struct review_sink *k = arg;
    char *quarters =
        row->failed_quarters
            ? xf_text_list_sep(row->failed_quarters, xf_gettext_ctx(NC_("compact list", ",")))
            : NULL;
    char *why = NULL;
    int w;
    if (row->revoked_on && quarters)
        w = asprintf(&why, _("revoked %s; failed %s"), row->revoked_on, quarters);
    else if (row->revoked_on)
        w = asprintf(&why, _("revoked %s"), row->revoked_on);
    else
        w = asprintf(&why, _("failed %s"), quarters ? quarters : "?");
    if (w < 0)
        why = NULL;
    if (!why || xf_table_addf(k->t, "%d\t%s\t%d\t%s\t%s\t%s\t%s", row->year,
                              xf_award_kind_label(row->kind), row->rank,
                              xf_text_or_empty(row->post_code), xf_text_or_empty(row->post_title),
                              xf_text_or_empty(row->unit_name), why) != 0)
        k->rc = XF_EIO;
    free(why);
    free(quarters);
}

int xf_award_review(const struct xf_ctx *ctx, struct xf_table *t, struct xf_error *err)
{
    const char *names[] = {_("year"), _("award"),           _("rank"), _("post"), _("title"),
                           _("unit"), _("since confirmed"), NULL};
    if (xf_table_init(t, _("Confirmed awards to review"), names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    xf_table_numeric(t, 2);
    char *scope = NULL;
    int rc = xf_unit_scope_paths(ctx, &scope, err);
    if (rc)
        return rc;
    struct review_sink k = {t, XF_OK};
    rc = xf_store_award_review(ctx->db, scope, add_review, &k, err);
    free(scope);
    if (!rc && k.rc)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    return rc;
}

int xf_award_reopen_check(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    struct xf_award a = {0};
    int rc = xf_store_award_get(ctx->db, id, &a, err);
    if (!rc && !strcmp(a.status, "declined"))
        rc = refuse_fallen(ctx, &a, true, err);
    xf_award_clear(&a);
    return rc;
}

/* The place a decline gave to the next in the ranking comes back with
 * the award reopened: the candidate ranked in it (or, were that one
 * declined since, the one ranked in its place) is declined, saying why,
 * and no one is pulled in. One confirmed since keeps it: refused, since
 * the year would then hold more awards than its quota. */
static int take_back_place(const struct xf_ctx *ctx, const struct xf_award *a, struct xf_error *err)
{
    int64_t from = a->id;
    for (int hops = 0; hops < 10000; hops++) {
        int64_t next = 0;
        struct xf_award r = {0};
        int rc = xf_store_award_replacement(ctx->db, from, &next, err);
        if (rc || next == 0 || (rc = xf_store_award_get(ctx->db, next, &r, err)))
            return rc;
        if (!strcmp(r.status, "declined")) {
            from = next;
            xf_award_clear(&r);
            continue;
        }
        if (!strcmp(r.status, "confirmed")) {
            rc = xf_err(err, XF_ESTATE, "status",
                        _("award candidate #%lld (rank %d), ranked in this one's place when it "
                          "was declined, has been confirmed since: take that confirmation back "
                          "first, or the quota would be passed"),
                        (long long)r.id, r.rank);
            xf_award_clear(&r);
            return rc;
        }
        char note[160];
        /* data, in the office's language (see xf_award_decline_revoked) */
        snprintf(note, sizeof note, "第 %d 名恢复为候选，递补名额收回", a->rank);
        free(r.status);
        free(r.decided_by);
        r.status = strdup("declined");
        r.decided_by = strdup(ctx->login ? ctx->login : "");
        r.decision_note = note;
        rc = !r.status || !r.decided_by ? xf_err(err, XF_EIO, "", _("out of memory"))
                                        : xf_store_award_update(ctx->db, &r, err);
        r.decision_note = NULL;
        xf_award_clear(&r);
        return rc;
    }
    return XF_OK;
}

/* A decision taken back, saying why (the reason kept with it and in the
 * history): a confirmation given by mistake (a y pressed on the wrong
 * row), or a decline, whose place in the quota comes back with it. */
int xf_award_reopen(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                    struct xf_error *err)
{
    int rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, 0, err);
    if (!rc && xf_text_blank(reason))
        rc = xf_err(err, XF_EINVAL, "decision_note", _("say why the decision is taken back"));
    if (!rc)
        rc = xf_unit_check_text(reason, "decision_note", XF_AWARD_NOTE_MAX, false, err);
    if (rc || (rc = xf_db_begin(ctx->db, "award.reopen", err)))
        return rc;
    struct xf_award a = {0};
    bool declined = false;
    if (!(rc = xf_store_award_get(ctx->db, id, &a, err)) &&
        !(rc = xf_perm_require(ctx, XF_P_EVAL_EDIT, a.unit_id, err))) {
        declined = strcmp(a.status, "declined") == 0;
        if (a.version != version) {
            char what[64];
            snprintf(what, sizeof what, _("award candidate #%lld"), (long long)id);
            xf_err(err, XF_ECONFLICT, "version",
                   _("award candidate #%lld was changed by someone else; reload it and "
                     "try again"),
                   (long long)id);
            rc = xf_conflict_describe(ctx, "award", id, what, err);
        } else if (strcmp(a.status, "confirmed") != 0 && !declined)
            rc = xf_err(err, XF_ESTATE, "status",
                        _("award candidate #%lld is not decided yet: there is nothing to take "
                          "back"),
                        (long long)id);
        else if (declined && !(rc = refuse_fallen(ctx, &a, true, err))) {
            xf_db_set_action(ctx->db, "award.reopen_declined");
            rc = take_back_place(ctx, &a, err);
        }
    }
    if (!rc) {
        free(a.status);
        free(a.decided_by);
        a.status = strdup("candidate");
        a.decided_by = NULL;
        a.decision_note = (char *)reason;
        rc = a.status ? xf_store_award_update(ctx->db, &a, err)
                      : xf_err(err, XF_EIO, "", _("out of memory"));
    }
    a.decision_note = NULL;
    xf_award_clear(&a);
    if (rc || (rc = xf_db_commit(ctx->db, err)))
        xf_db_rollback(ctx->db);
    return rc;
}

const char *xf_award_kind_label(const char *kind)
{
    if (kind && !strcmp(kind, "satisfaction_window"))
        return _("satisfaction windows (群众满意窗口)");
    if (kind && !strcmp(kind, "service_brand"))
        return _("quality service brands (优质服务品牌)");
    if (kind && !strcmp(kind, "exemplar"))
        return _("service exemplars (优秀服务标兵)");
    return kind ? kind : "";
}

const char *xf_award_status_label(const char *status)
{
    if (status && !strcmp(status, "candidate"))
        return _("candidate");
    if (status && !strcmp(status, "confirmed"))
        return _("confirmed");
    if (status && !strcmp(status, "declined"))
        return _("declined");
    return status ? status : "";
}

/* One kind's rows of the year's report, by rank. */
static int add_award_rows(const struct xf_ctx *ctx, struct xf_table *t, int year, const char *kind,
                          struct xf_error *err)
{
    struct xf_award_line *v = NULL;
    size_t n = 0;
    int rc = xf_award_list(ctx, year, kind, &v, &n, err);
    for (size_t i = 0; i < n && !rc; i++) {
        char score[16];
        xf_evaluation_score_text(v[i].score, score);
        if (xf_table_addf(t, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s", xf_award_kind_label(kind), v[i].rank,
                          v[i].post_code ? v[i].post_code : "",
                          v[i].post_title ? v[i].post_title : "",
                          v[i].unit_name ? v[i].unit_name : "", v[i].holder ? v[i].holder : "",
                          score, xf_award_status_label(v[i].status)) != 0)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    xf_award_lines_free(v, n);
    return rc;
}

int xf_award_report(const struct xf_ctx *ctx, int year, struct xf_table *t, struct xf_error *err)
{
    /* What the programme publishes at the year's end: each kind's
     * candidates in rank order, with what became of them. */
    const char *names[] = {_("Award"),  _("Rank"),  _("Post"),     _("Title"), _("Unit"),
                           _("Holder"), _("Score"), _("Decision"), NULL};
    char title[96];
    snprintf(title, sizeof title, _("Annual awards %d"), year);
    if (xf_table_init(t, title, names))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    xf_table_numeric(t, 1);
    xf_table_numeric(t, 6);
    int rc = XF_OK;
    for (size_t k = 0; xf_award_kinds[k] && !rc; k++)
        rc = add_award_rows(ctx, t, year, xf_award_kinds[k], err);
    if (rc)
        xf_table_free(t);
    return rc;
}

int xf_award_list(const struct xf_ctx *ctx, int year, const char *kind, struct xf_award_line **out,
                  size_t *n, struct xf_error *err)
{
    int rc = xf_store_award_list(ctx->db, year, kind, out, n, err);
    if (rc)
        return rc;
    /* A scoped user sees the candidates of their units (a few hundred
     * rows at most: filtered here). */
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (xf_ctx_in_scope(ctx, (*out)[i].unit_id)) {
            struct xf_award_line keep = (*out)[i];
            (*out)[i] = (*out)[k];
            (*out)[k++] = keep;
        }
    }
    for (size_t i = k; i < *n; i++)
        xf_award_line_clear(&(*out)[i]);
    *n = k;
    return XF_OK;
}
