/* Entering a quarter's evaluation of a post: quarter, post picker (which
 * marks the posts the quarter has an evaluation of already), each
 * evaluator group's score and respondents, and the weighted result with
 * PASS/FAIL against rules.pass_score, worked out again whenever a field is
 * left so the organiser sees it before saving. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evaluations_priv.h"
#include "xf/award.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/post.h"
#include "xf/text.h"
#include "xf/ui_form.h"
#include "xf/ui_keys.h"
#include "xf/unit.h"

/* The quarter first: the post picker marks the posts already evaluated
 * for it, and the post is checked against it when it is left. */
enum { EF_QUARTER, EF_POST, EF_GROUPS, EF_N = EF_GROUPS + 2 * XF_GROUP_COUNT };
/* A correction has one more field: why. */
enum { EF_NOTE = EF_N, EF_ALL };

struct eform {
    struct evals *ev;
    const struct xf_form *form;     /* a new one: the picker reads its quarter */
    char title[256];
    char pick_note[96]; /* the post picker's title: how many may be evaluated */
    char pick_foot[200]; /* its last line: how many it leaves out, and why */
    char *post_code;
    int64_t id, version;            /* a correction: the evaluation; 0 = a new one */
    double was_score;               /* a correction: the result as recorded */
    const char **post_shown;        /* a correction: its read-only Post field's value, */
    char *post_label;               /* ... as a reload read it (owned) */
    bool was_passed;
    struct xf_form_field base[EF_ALL]; /* a correction: the values as read */
};

static const char *const score_names[XF_GROUP_COUNT] = {"deputies_score", "recipients_score",
                                                        "public_score"};
static const char *const count_names[XF_GROUP_COUNT] = {
    "deputies_respondents", "recipients_respondents", "public_respondents"};

/* A score as typed: "" is no score; false when it is not a plain
 * decimal (the import reads the same: not "1e2" nor "0x50"). */
static bool parse_score(const char *s, double *out)
{
    *out = 0;
    if (!*s)
        return true;
    /* -5 is a number out of range, said as such below */
    bool ok = xf_text_decimal(s + (*s == '-'), false, out);
    *out = *s == '-' ? -*out : *out;
    return ok;
}

static void read_groups(const struct xf_form *f, struct xf_group_score g[XF_GROUP_COUNT])
{
    for (int i = 0; i < XF_GROUP_COUNT; i++) {
        parse_score(xf_form_text(&f->fields[EF_GROUPS + 2 * i]), &g[i].score);
        g[i].respondents = strtoll(xf_form_text(&f->fields[EF_GROUPS + 2 * i + 1]), NULL, 10);
    }
}

/* Whether every score typed is a number from 0 to 100 and goes with its
 * respondents: otherwise no result is shown (one would be worked out from
 * what was misread, a score cleared counting as 0). */
static bool scores_valid(const struct xf_form *f)
{
    for (int i = 0; i < XF_GROUP_COUNT; i++) {
        double v;
        long long asked;
        const char *s = xf_form_text(&f->fields[EF_GROUPS + 2 * i]);
        if (!xf_form_int(&f->fields[EF_GROUPS + 2 * i + 1], &asked) || asked < 0)
            return false; /* 3.5 respondents: not read as 3 */
        if (!parse_score(s, &v) || v < 0 || v > 100 || (!*s && asked) || (*s && !asked))
            return false;
    }
    return true;
}

static void update_title(struct eform *e, const struct xf_form *f)
{
    const struct xf_config *cfg = xf_ui_ctx(e->ev->pane->ui)->cfg;
    struct xf_group_score g[XF_GROUP_COUNT];
    double score;
    bool passed;
    read_groups(f, g);
    const char *what = e->id ? _("Correct the evaluation") : _("Enter an evaluation");
    int of, took = xf_evaluation_groups_taken(cfg, g, &of);
    /* A mean of fewer groups than count says so: one group alone can pass. */
    if (scores_valid(f) && xf_evaluation_result(cfg, g, &score, &passed) == XF_OK && took < of)
        snprintf(e->title, sizeof e->title,
                 _("%s \u00b7 result %.2f %s from %d of %d groups (pass mark %.0f)"), what,
                 xf_table_round2(score),
                 passed ? _("PASS") : _("FAIL"), took, of, cfg->pass_score);
    else if (scores_valid(f) && xf_evaluation_result(cfg, g, &score, &passed) == XF_OK && e->id &&
             (fabs(score - e->was_score) >= 0.005 || passed != e->was_passed))
        /* The recorded result beside the new one: a correction under
         * weights changed since would turn a pass into a failure unseen. */
        snprintf(e->title, sizeof e->title, _("%s \u00b7 result %.2f %s, recorded %.2f %s"), what,
                 xf_table_round2(score), passed ? _("PASS") : _("FAIL"),
                 xf_table_round2(e->was_score),
                 e->was_passed ? _("pass") : _("fail"));
    else if (scores_valid(f) && xf_evaluation_result(cfg, g, &score, &passed) == XF_OK)
        snprintf(e->title, sizeof e->title, _("%s \u00b7 result %.2f %s (pass mark %.0f)"), what,
                 xf_table_round2(score), passed ? _("PASS") : _("FAIL"), cfg->pass_score);
    else
        snprintf(e->title, sizeof e->title, _("%s \u00b7 no result yet (pass mark %.0f)"), what,
                 cfg->pass_score);
}

static void on_change(void *arg, const struct xf_form *f)
{
    update_title(arg, f);
}

static int check(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    struct eform *e = arg;
    update_title(e, f);
    /* Checked with the rest, so that one save shows every mistake. */
    if (field == EF_QUARTER && f->fields[field].kind == XF_FIELD_TEXT)
        return xf_evaluation_check_quarter(xf_form_text(&f->fields[field]), err);
    /* Said when the post is chosen, not after its six numbers are typed
     * (one already evaluated for the quarter, above all); a quarter that
     * is wrong says so beside itself. */
    if (field == EF_POST && !e->id && f->fields[field].picked) {
        const char *q = xf_form_text(&f->fields[EF_QUARTER]);
        struct xf_error ignored = {0};
        if (xf_evaluation_check_quarter(q, &ignored) != XF_OK)
            return XF_OK;
        return xf_evaluation_check_new(xf_ui_ctx(e->ev->pane->ui), f->fields[field].picked, q,
                                       err);
    }
    if (field < EF_GROUPS)
        return XF_OK;
    if ((field - EF_GROUPS) % 2) {
        /* A score nobody gave would be left out of the result without a
         * word: it needs its respondents. */
        const char *score = xf_form_text(&f->fields[field - 1]);
        long long n = strtoll(xf_form_text(&f->fields[field]), NULL, 10);
        if (n < 0) /* said as such: -12 read as a field left empty */
            return xf_err(err, XF_EINVAL, f->fields[field].name,
                          _("the number of respondents cannot be negative"));
        if (*score && n == 0)
            return xf_err(err, XF_EINVAL, f->fields[field].name,
                          _("give the number of respondents behind the score (at least 1)"));
        return XF_OK;
    }
    double v;
    const char *s = xf_form_text(&f->fields[field]);
    if (!parse_score(s, &v))
        return xf_err(err, XF_EINVAL, f->fields[field].name,
                      _("not a number: write a score such as 92.5"));
    if (v < 0 || v > 100)
        return xf_err(err, XF_EINVAL, f->fields[field].name,
                      _("a satisfaction score is between 0 and 100"));
    const char *resp = xf_form_text(&f->fields[field + 1]);
    if (!*s && *resp && strtoll(resp, NULL, 10) > 0)
        return xf_err(err, XF_EINVAL, f->fields[field].name,
                      _("give the score of a group that had respondents"));
    return XF_OK;
}

struct pick_sink {
    struct xf_pick_item *out;
    int n, limit;
    const struct xf_ctx *ctx;
};

/* As the other post pickers: the unit from its department down. */
static void add_post(void *arg, const struct xf_post_item *it)
{
    struct pick_sink *k = arg;
    if (k->n >= k->limit)
        return;
    char *label = xf_form_post_label(k->ctx, it);
    if (!label)
        return;
    k->out[k->n++] = (struct xf_pick_item){.label = label, .id = it->id};
}

/* The item's label with mark after its code: "XFG-00030 [evaluated]
 * 食品…" (the code stays first: the saved message reads it from there). */
static void put_mark(struct xf_pick_item *it, const char *mark)
{
    char *label = NULL;
    int code = (int)strcspn(it->label, " ");
    if (asprintf(&label, "%.*s %s%s", code, it->label, mark, it->label + code) >= 0) {
        free(it->label);
        it->label = label;
    }
}

/* Marks a post the quarter has an evaluation of already, or one the
 * quarter is not open to (published after it ended: the domain refuses
 * it), and dims both. The mark is short, the reason whole on the
 * picker's bottom line when the row is selected: written whole in the
 * row ("[not open for 2026Q3: published …, from 2026Q4]"), it pushed the
 * post's title and unit off an 80-column line. */
static void mark_row(const struct xf_ctx *ctx, const char *quarter, struct xf_pick_item *it)
{
    struct xf_evaluation ev = {0};
    struct xf_post p = {0};
    struct xf_error err = {0};
    char why[160] = "", first[7];
    const char *mark = NULL;
    if (xf_evaluation_find(ctx, it->id, quarter, &ev, &err) == XF_OK) {
        char score[16];
        xf_evaluation_score_text(ev.score, score);
        snprintf(why, sizeof why, _("[%s evaluated: %s %s]"), ev.quarter, score,
                 ev.passed ? _("pass") : _("fail"));
        /* TRANSLATORS: a post picker's short mark; the reason is said below */
        mark = _("[evaluated]");
    } else if (xf_post_get(ctx, it->id, &p, &err) == XF_OK) {
        xf_evaluation_post_quarter(&p, quarter, first);
        if (strcmp(first, quarter) != 0) {
            snprintf(why, sizeof why, _("[not open for %s: published %s, from %s]"), quarter,
                     p.published_on ? p.published_on : "?", first);
            /* TRANSLATORS: a post picker's short mark; the reason is said below */
            mark = _("[not open]");
        }
    }
    xf_evaluation_clear(&ev);
    xf_post_clear(&p);
    if (mark) {
        put_mark(it, mark);
        it->why = strdup(why);
        it->dim = true;
    }
}

/* Those that may be evaluated first, in code order, then the marked ones
 * (a trial's organiser chose a post marked "not open" among them and was
 * refused). The row past the window (whether there are more) stays last. */
static void open_first(struct xf_pick_item *out, int n, int limit)
{
    int shown = n < limit ? n : limit - 1;
    for (int i = 0, k = 0; i < shown; i++) {
        if (out[i].dim)
            continue;
        struct xf_pick_item t = out[i];
        memmove(&out[k + 1], &out[k], sizeof t * (size_t)(i - k));
        out[k++] = t;
    }
}

/* The picker's title: how many of the posts its search finds the quarter
 * is still open to (not only those on the screen; it counted every post
 * whatever was typed). */
static void count_open(struct eform *e, const struct xf_ctx *ctx, const char *quarter,
                       const char *query)
{
    struct xf_post_filter f = {
        .status_mask = 1u << XF_POST_PUBLISHED | 1u << XF_POST_NAMED,
        .like = query,
        .open_for = quarter,
    };
    struct xf_error err = {0};
    long n = 0;
    e->pick_note[0] = '\0';
    if (xf_post_count(ctx, &f, LONG_MAX, &n, &err) == XF_OK)
        snprintf(e->pick_note, sizeof e->pick_note,
                 ngettext("%lld post open for %s", "%lld posts open for %s", (unsigned long)n),
                 (long long)n, quarter);
}

/* The picker's last line: the posts its search finds that it does not
 * list, and why (they were left out without a word). */
static void count_left_out(struct eform *e, const struct xf_ctx *ctx, const char *query)
{
    struct xf_post_filter f = {.status_mask = 1u << XF_POST_PROPOSED, .like = query};
    struct xf_error err = {0};
    long proposed = 0, revoked = 0;
    e->pick_foot[0] = '\0';
    if (xf_post_count(ctx, &f, LONG_MAX, &proposed, &err) != XF_OK)
        return;
    f.status_mask = 1u << XF_POST_REVOKED;
    if (xf_post_count(ctx, &f, LONG_MAX, &revoked, &err) != XF_OK)
        return;
    if (proposed && revoked)
        snprintf(e->pick_foot, sizeof e->pick_foot,
                 _("Not listed: %ld proposed and %ld revoked posts, which are not evaluated."),
                 proposed, revoked);
    else if (proposed)
        snprintf(e->pick_foot, sizeof e->pick_foot,
                 ngettext("Not listed: %ld proposed post, not evaluated until published.",
                          "Not listed: %ld proposed posts, not evaluated until published.",
                          (unsigned long)proposed),
                 proposed);
    else if (revoked)
        snprintf(e->pick_foot, sizeof e->pick_foot,
                 ngettext("Not listed: %ld revoked post, no longer evaluated.",
                          "Not listed: %ld revoked posts, no longer evaluated.",
                          (unsigned long)revoked),
                 revoked);
}

static int pick_post(void *arg, int field, const char *query, int limit,
                     struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    struct eform *e = arg;
    (void)field;
    const struct xf_ctx *ctx = xf_ui_ctx(e->ev->pane->ui);
    struct pick_sink k = {out, 0, limit, ctx};
    struct xf_post_filter f = {
        .status_mask = 1u << XF_POST_PUBLISHED | 1u << XF_POST_NAMED,
        .like = query,
    };
    int rc = xf_post_page(ctx, &f, NULL, 0, XF_POST_AFTER, limit, add_post, &k, err);
    *n_out = k.n;
    char q[7];
    const char *quarter = e->form ? xf_quarter_upper(xf_form_text(&e->form->fields[EF_QUARTER]), q)
                                  : NULL;
    e->pick_note[0] = '\0';
    if (rc == XF_OK)
        count_left_out(e, ctx, query);
    if (rc != XF_OK || !quarter || !xf_quarter_valid(quarter))
        return rc;
    for (int i = 0; i < k.n; i++)
        mark_row(ctx, quarter, &out[i]);
    open_first(out, k.n, limit);
    count_open(e, ctx, quarter, query);
    return rc;
}

static int submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct eform *e = arg;
    struct xf_group_score g[XF_GROUP_COUNT];
    read_groups(f, g);
    if (e->id)
        return xf_evaluation_update(xf_ui_ctx(e->ev->pane->ui), e->id, e->version, g,
                                    xf_form_text(&f->fields[EF_NOTE]), NULL, err);
    return xf_evaluation_enter(xf_ui_ctx(e->ev->pane->ui), f->fields[EF_POST].picked,
                               xf_form_text(&f->fields[EF_QUARTER]), g, NULL, err);
}

static void group_fields(struct xf_form_field *fd)
{
    const char *labels[XF_GROUP_COUNT][2] = {
        {_("Deputies score"), _("  respondents")},
        {_("Recipients score"), _("  respondents")},
        {_("Public score"), _("  respondents")},
    };
    for (int i = 0; i < XF_GROUP_COUNT; i++) {
        struct xf_form_field *s = &fd[EF_GROUPS + 2 * i], *c = s + 1;
        *s = (struct xf_form_field){.name = score_names[i], .label = labels[i][0],
                                    /* as precise as a spreadsheet's: 6 took
                                       85.12345678 as 85.123, unsaid */
                                    .kind = XF_FIELD_TEXT, .max_chars = 12, .check = check,
                                    .halfwidth = true};
        *c = (struct xf_form_field){.name = count_names[i], .label = labels[i][1],
                                    .kind = XF_FIELD_INT, .max_chars = 9, .check = check};
    }
}

/* The post the pane is linked to, when it may be evaluated, as the
 * post picker would offer it: Evaluations narrowed to a post is most
 * likely asked for that post's figures. One that may not be is left out,
 * with the reason beside the field, not an empty field unexplained.
 * quarter moves up to the post's first when it comes before it: a post
 * published in the running quarter was offered the last one, which it
 * can never be evaluated for. */
static void prefill_post(struct evals *ev, int64_t post_id, struct xf_form_field *fd,
                         char quarter[7])
{
    const struct xf_ctx *ctx = xf_ui_ctx(ev->pane->ui);
    struct xf_post p = {0};
    struct xf_error err = {0};
    if (!post_id || xf_post_get(ctx, post_id, &p, &err) != XF_OK)
        return;
    if (xf_evaluation_check_post(&p, &err) != XF_OK) {
        fd->error = strdup(err.msg);
    } else {
        struct xf_post_item it = {.id = p.id, .code = p.code, .title = p.title,
                                  .holder_name = p.holder_name, .unit_id = p.unit_id,
                                  .unit_name = ""};
        struct xf_pick_item one = {0};
        struct pick_sink k = {&one, 0, 1, ctx};
        add_post(&k, &it);
        if (k.n) {
            fd->picked = one.id;
            xf_form_set_text(fd, one.label);
            free(one.label);
            char from[7];
            memcpy(from, quarter, 7);
            xf_evaluation_post_quarter(&p, from, quarter);
        }
    }
    xf_post_clear(&p);
}

/* What the pane's link to another pane's unit or post is, cut for a
 * message, when it leaves post_id out of the pane (into out; "" when it
 * does not): a saved evaluation the table did not show read as lost. */
static void link_hides(struct evals *ev, int64_t post_id, char *out, size_t size)
{
    struct xf_pane *pane = ev->pane;
    const struct xf_ctx *ctx = xf_ui_ctx(pane->ui);
    struct xf_post p = {0};
    struct xf_error err = {0};
    out[0] = '\0';
    bool hides = pane->link_post ? pane->link_post != post_id : false;
    if (!pane->link_post && pane->link_unit && xf_post_get(ctx, post_id, &p, &err) == XF_OK)
        hides = xf_post_check_in_unit(ctx, p.unit_id, pane->link_unit, p.code, "", "post",
                                      &err) != XF_OK;
    xf_post_clear(&p);
    const char *label = hides ? xf_ui_link_label(pane->ui, pane->link_unit, pane->link_post) : NULL;
    char *clean = label ? xf_text_sanitize(label, false) : NULL;
    if (clean)
        xf_text_fit(clean, 30, false, out, size);
    else if (hides)
        snprintf(out, size, "%s", _("another pane's choice"));
    free(clean);
}

/* "Evaluation of XFG-00030 for 2026Q3 saved", and when the pane's link
 * leaves it out, that and how to clear it (as a complaint received under
 * a link says). Caller frees. */
static char *saved_text(struct evals *ev, int64_t post_id, int code_len, const char *label,
                        const char *q)
{
    char hidden[160], k[32];
    link_hides(ev, post_id, hidden, sizeof hidden);
    char *said = NULL;
    int rc;
    if (*hidden && xf_keys_hint_key(XF_A_UNLINK, 'L', k, sizeof k))
        rc = asprintf(&said, _("Evaluation of %.*s for %s saved; the link to %s hides it (%s "
                               "clears)."),
                      code_len, label, q, hidden, k);
    else if (*hidden)
        rc = asprintf(&said, _("Evaluation of %.*s for %s saved; the link to %s hides it."),
                      code_len, label, q, hidden);
    else
        rc = asprintf(&said, _("Evaluation of %.*s for %s saved."), code_len, label, q);
    return rc < 0 ? NULL : said;
}

int evaluations_enter(struct evals *ev, int64_t post_id)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ev->pane->ui);
    if (!xf_perm_allows(ctx, XF_P_EVAL_EDIT)) {
        xf_ui_message(ev->pane->ui, true,
                      _("Your role may not enter evaluations: organisers and administrators do."));
        return XF_UI_HANDLED;
    }
    struct xf_form_field fd[EF_N] = {
        [EF_QUARTER] = {.name = "quarter", .label = _("Quarter"), .kind = XF_FIELD_TEXT,
                        .required = true, .max_chars = 16, .check = check}, /* 2026年第四季度 */
        [EF_POST] = {.name = "post", .label = _("Post"), .kind = XF_FIELD_PICK,
                     .required = true, .pick = pick_post, .check = check,
                     .no_match = _("No match among the published and named posts (a proposed "
                                   "or revoked post is not evaluated).")},
    };
    group_fields(fd);
    char today[XF_DATE_LEN], quarter[7];
    xf_date_today(today);
    xf_evaluation_default_quarter(today, quarter);
    if (ev->quarter)
        snprintf(quarter, sizeof quarter, "%s", ev->quarter);
    prefill_post(ev, post_id ? post_id : ev->pane->link_post, &fd[EF_POST], quarter);
    xf_form_set_text(&fd[EF_QUARTER], quarter);
    struct eform e = {.ev = ev};
    fd[EF_POST].pick_note = e.pick_note;
    fd[EF_POST].pick_foot = e.pick_foot;
    fd[EF_POST].pick_ends = true; /* the post's own unit, after a mark */
    /* Where the typing starts: the post (the quarter is filled in; a
     * linked post is only a guess, typing replaces it), or the scores of
     * the post chosen in the list of those not yet evaluated. */
    struct xf_form form = {.title = e.title, .fields = fd, .n = EF_N, .arg = &e,
                           .submit = submit, .changed = on_change,
                           .focus = post_id && fd[EF_POST].picked ? EF_GROUPS : EF_POST};
    e.form = &form;
    update_title(&e, &form);
    /* Already evaluated, or its first quarter not open yet (published
     * this quarter): said before anything is typed. */
    if (fd[EF_POST].picked) {
        xf_form_validate(&form, EF_QUARTER);
        xf_form_validate(&form, EF_POST);
    }
    int saved = xf_form_run(ev->pane->ui, &form);
    if (saved) { /* the post by its code: its whole label left no room for "saved" */
        const char *label = xf_form_text(&fd[EF_POST]);
        int code_len = (int)strcspn(label, " ");
        char q[7]; /* as stored: 2026Q4, however it was typed */
        xf_quarter_upper(xf_form_text(&fd[EF_QUARTER]), q);
        /* A failure of a post holding an award went by without a word. */
        char *award = NULL;
        struct xf_error ignored = {0};
        xf_award_failure_note(ctx, fd[EF_POST].picked, q, &award, &ignored);
        char *said = saved_text(ev, fd[EF_POST].picked, code_len, label, q);
        char *both = award && said ? xf_text_sentences(said, award) : NULL;
        xf_ui_message(ev->pane->ui, false, "%s", both ? both : said ? said : "");
        free(both);
        free(said);
        free(award);
    }
    xf_form_free(&form);
    if (!saved)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_CHANGED | XF_UI_REDRAW_ALL;
}

/* ---- correcting an evaluation --------------------------------------------------------- */

/* A group's figures as the form shows them: blank for a group nobody
 * answered. */
static void group_values(struct xf_form_field *fd, const struct xf_evaluation *row)
{
    for (int i = 0; i < XF_GROUP_COUNT; i++) {
        char sc[32] = "", n[32] = "";
        if (row->groups[i].respondents > 0 || row->groups[i].score > 0) {
            snprintf(sc, sizeof sc, "%g", row->groups[i].score);
            snprintf(n, sizeof n, "%lld", (long long)row->groups[i].respondents);
        }
        xf_form_set_text(&fd[EF_GROUPS + 2 * i], sc);
        xf_form_set_text(&fd[EF_GROUPS + 2 * i + 1], n);
    }
}

/* The read-only Post field as the post is now: a colleague's change of
 * its title stayed unseen under the reloaded scores. */
static void post_refresh(struct eform *e, int64_t post_id)
{
    struct xf_post p = {0};
    struct xf_error err = {0};
    char *label = NULL;
    if (e->post_shown && xf_post_get(xf_ui_ctx(e->ev->pane->ui), post_id, &p, &err) == XF_OK &&
        asprintf(&label, "%s %s", p.code, p.title) >= 0) {
        free(e->post_label);
        e->post_shown[0] = e->post_label = label;
    }
    xf_post_clear(&p);
}

static int reload(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct eform *e = arg;
    struct xf_evaluation now = {0};
    int rc = xf_evaluation_get(xf_ui_ctx(e->ev->pane->ui), e->id, &now, err);
    if (rc == XF_OK) {
        /* Post and quarter are fixed (first choice, no text), as the
         * empty fields before the groups are: only the groups merge. */
        struct xf_form_field fresh[EF_ALL] = {0};
        group_values(fresh, &now);
        xf_form_merge(f, e->base, fresh);
        xf_form_fields_free(e->base, EF_ALL);
        memcpy(e->base, fresh, sizeof fresh);
        e->version = now.version;
        e->was_score = now.score;
        e->was_passed = now.passed;
        update_title(e, f);
        post_refresh(e, now.post_id);
    }
    xf_evaluation_clear(&now);
    return rc;
}

int evaluations_correct(struct evals *ev, int64_t id)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ev->pane->ui);
    if (!xf_perm_allows(ctx, XF_P_EVAL_EDIT)) {
        xf_ui_message(
            ev->pane->ui, true,
            _("Your role may not correct evaluations: organisers and administrators do."));
        return XF_UI_HANDLED;
    }
    struct xf_evaluation row = {0};
    struct xf_post p = {0};
    struct xf_error err = {0};
    if (xf_evaluation_get(ctx, id, &row, &err) != XF_OK ||
        xf_post_get(ctx, row.post_id, &p, &err) != XF_OK) {
        xf_ui_error(ev->pane->ui, &err);
        xf_evaluation_clear(&row);
        return XF_UI_HANDLED;
    }
    char *post_label = NULL;
    if (asprintf(&post_label, "%s %s", p.code, p.title) < 0)
        post_label = NULL;
    const char *post[] = {post_label ? post_label : "", NULL};
    const char *quarter[] = {row.quarter, NULL};
    struct xf_form_field fd[EF_ALL] = {
        [EF_POST] = {.name = "post", .label = _("Post"), .kind = XF_FIELD_CHOICE,
                     .choices = post},
        [EF_QUARTER] = {.name = "quarter", .label = _("Quarter"), .kind = XF_FIELD_CHOICE,
                        .choices = quarter},
        [EF_NOTE] = {.name = "correction_note", .label = _("Why corrected"),
                     .kind = XF_FIELD_TEXT, .required = true, .max_chars = XF_EVAL_NOTE_MAX},
    };
    group_fields(fd);
    group_values(fd, &row);
    struct eform e = {.ev = ev, .id = row.id, .version = row.version, .was_score = row.score,
                      .was_passed = row.passed, .post_shown = post};
    group_values(e.base, &row);
    struct xf_form form = {.title = e.title, .fields = fd, .n = EF_ALL, .arg = &e,
                           .submit = submit, .changed = on_change, .reload = reload,
                           .focus = EF_GROUPS, .left_what = "evaluation", .left_id = row.id,
                           .left_code = post[0]};
    update_title(&e, &form);
    int saved = xf_form_run(ev->pane->ui, &form);
    struct xf_evaluation now = {0};
    /* A fail corrected to a pass does not undo a revocation it counted
     * toward: said, as the organiser may expect the post back. */
    bool got = saved && xf_evaluation_get(ctx, id, &now, &err) == XF_OK;
    bool unrevoked = got && !row.passed && now.passed &&
                     xf_post_status_parse(p.status) == XF_POST_REVOKED;
    /* Nor does a pass corrected to a fail undo a naming it may have
     * justified: said too (it went by without a word). */
    bool unnamed = got && row.passed && !now.passed &&
                   xf_post_status_parse(p.status) == XF_POST_NAMED;
    /* A failure of a post holding an award went by without a word. */
    char *award = NULL;
    if (got && !now.passed)
        xf_award_failure_note(ctx, p.id, row.quarter, &award, &err);
    char *said = NULL;
    if (unnamed &&
        asprintf(&said,
                 _("Evaluation of %s for %s corrected: it fails now, but the post stays "
                   "named (on %s); if the naming rested on this evaluation, review it."),
                 p.code, row.quarter, p.named_on ? p.named_on : "?") < 0)
        said = NULL;
    else if (!unnamed && !unrevoked && saved &&
             asprintf(&said, _("Evaluation of %s for %s corrected."), p.code, row.quarter) < 0)
        said = NULL;
    char *both = said && award ? xf_text_sentences(said, award) : NULL;
    if (said)
        xf_ui_message(ev->pane->ui, false, "%s", both ? both : said);
    else if (unrevoked)
        xf_ui_message(ev->pane->ui, false,
                      _("Evaluation of %s for %s corrected: it passes now, but the post stays "
                        "revoked (a revocation is final; set up a new post if it should be "
                        "back)."),
                      p.code, row.quarter);
    free(both);
    free(said);
    free(award);
    xf_evaluation_clear(&now);
    xf_form_free(&form);
    xf_form_fields_free(e.base, EF_ALL);
    xf_evaluation_clear(&row);
    xf_post_clear(&p);
    free(post_label);
    free(e.post_label);
    if (!saved)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    ev->pane->dirty = ev->pane->full = true;
    return XF_UI_HANDLED | XF_UI_CHANGED | XF_UI_REDRAW_ALL;
}
