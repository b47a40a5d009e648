/* Correcting a logged inspection (`e` in the Inspections list and in the
 * detail): one form filled with what was logged — each checklist item's
 * outcome (←→ pass / FAIL / n.a.), the samples of a sample check, the
 * findings — then why it is corrected, and the rectification deadline
 * while the result, worked out again as the fields change, is FAIL. One
 * domain call (xf_inspection_correct), one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspections.h"
#include "xf/complaint.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/ui_form.h"

static const char *const outcome_codes[] = {"pass", "fail", "na"};

struct fixform {
    struct xf_pane *p;
    const struct xf_ctx *ctx;
    int64_t id, version, rect_version;
    char *code, *was_result;
    struct xf_inspection_item *items;
    size_t n_items;
    bool sample;      /* the sample counts are shown */
    bool due_ok;      /* the deadline may be set: no rectification, or an open one */
    int f_checked, f_failed, f_findings, f_note, f_due; /* field indices; -1: none */
    int n_all;
    struct xf_form_field *base; /* the values as read, for a save of nothing and a merge */
    char title[400];
};

static int outcome_index(const char *o)
{
    for (int i = 0; i < 3; i++)
        if (o && strcmp(o, outcome_codes[i]) == 0)
            return i;
    return 0;
}

static int count_of(const struct xf_form *f, int i)
{
    long long v = 0;
    return i >= 0 && xf_form_int(&f->fields[i], &v) && v >= 0 && v <= 1000000000 ? (int)v : 0;
}

static const char *result_now(const struct fixform *x, const struct xf_form *f)
{
    struct xf_inspection_tally t = {.samples_checked = count_of(f, x->f_checked),
                                    .samples_failed = count_of(f, x->f_failed)};
    for (size_t i = 0; i < x->n_items; i++) {
        const char *o = outcome_codes[f->fields[i].choice % 3];
        if (strcmp(o, "na") == 0)
            continue;
        t.items_applicable++;
        if (strcmp(o, "fail") == 0) {
            t.items_failed++;
            t.critical_failed = t.critical_failed || x->items[i].critical;
        }
    }
    return xf_inspection_result(x->ctx->cfg, &t);
}

/* The title says the result as it now stands beside the one recorded;
 * the deadline shows (the last field) while it fails. */
static void update(struct fixform *x, struct xf_form *f)
{
    bool fail = strcmp(result_now(x, f), "fail") == 0;
    snprintf(x->title, sizeof x->title, _("Correct %s \u00b7 result %s (recorded %s)"), x->code,
             fail ? _("FAIL") : _("PASS"), xf_insp_result_label(x->was_result));
    f->n = x->f_due >= 0 && fail ? x->n_all : x->f_note + 1;
    if (f->focus >= f->n)
        f->focus = f->n - 1;
}

static void on_change(void *arg, const struct xf_form *f)
{
    update(arg, (struct xf_form *)f);
}

static int check_counts(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    struct fixform *x = arg;
    if (field != x->f_failed)
        return XF_OK;
    int checked = count_of(f, x->f_checked), failed = count_of(f, field);
    if (failed > checked)
        return xf_err(err, XF_EINVAL, "samples_failed",
                      _("samples failed must be between 0 and the %d samples checked"), checked);
    return XF_OK;
}

static int submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct fixform *x = arg;
    int shown = f->n;
    update(x, f);
    /* Turned to FAIL by what was just typed: show the deadline first. */
    if (f->n > shown)
        return xf_err(err, XF_EINVAL, "rect_due_on",
                      _("the correction makes this a failed check: confirm the rectification "
                        "date"));
    const char **outcomes = calloc(x->n_items + 1, sizeof *outcomes);
    if (!outcomes)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (size_t i = 0; i < x->n_items; i++)
        outcomes[i] = outcome_codes[f->fields[i].choice % 3];
    struct xf_inspection_fix fix = {
        .version = x->version,
        .rect_version = x->rect_version,
        .samples_checked = count_of(f, x->f_checked),
        .samples_failed = count_of(f, x->f_failed),
        .findings = xf_form_text(&f->fields[x->f_findings]),
        .outcomes = outcomes,
        .n_outcomes = x->n_items,
        .rect_due_on = f->n == x->n_all && x->f_due >= 0 ? xf_form_text(&f->fields[x->f_due])
                                                          : NULL,
        .reason = xf_form_text(&f->fields[x->f_note]),
    };
    int rc = xf_inspection_correct(x->ctx, x->id, &fix, err);
    free(outcomes);
    return rc;
}

/* The values of every field from what is stored now. */
static void fill_values(struct fixform *x, struct xf_form_field *fd, const struct xf_inspection *in,
                        const struct xf_inspection_item *items,
                        const struct xf_rectification *r)
{
    char num[32];
    for (size_t i = 0; i < x->n_items; i++)
        fd[i].choice = outcome_index(items[i].outcome);
    if (x->sample) {
        snprintf(num, sizeof num, "%d", in->samples_checked);
        xf_form_set_text(&fd[x->f_checked], num);
        snprintf(num, sizeof num, "%d", in->samples_failed);
        xf_form_set_text(&fd[x->f_failed], num);
    }
    xf_form_set_text(&fd[x->f_findings], in->findings);
    if (x->f_due >= 0) {
        char due[XF_DATE_LEN];
        if (r && strcmp(r->status, "open") == 0)
            snprintf(due, sizeof due, "%s", r->due_on);
        else /* reopened by the correction: the deadline it will get */
            xf_inspection_fail_due(x->ctx, in->on_date, r, due);
        xf_form_set_text(&fd[x->f_due], due);
    }
}

/* Reads the inspection, its items and rectification as they are now. */
static int read_now(struct fixform *x, struct xf_inspection *in, struct xf_inspection_item **items,
                    size_t *n, struct xf_rectification *r, bool *has_rect, struct xf_error *err)
{
    int rc = xf_inspection_get(x->ctx, x->id, in, err);
    if (!rc)
        rc = xf_inspection_items(x->ctx, x->id, items, n, err);
    *has_rect = false;
    if (!rc) {
        struct xf_error none = {0};
        *has_rect = xf_inspection_rectification(x->ctx, x->id, r, &none) == XF_OK;
    }
    return rc;
}

/* After a conflict: fields the user left as read take the values stored
 * now (xf_form_merge), and the next save acts on the new versions. */
static int reload(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct fixform *x = arg;
    struct xf_inspection in = {0};
    struct xf_inspection_item *items = NULL;
    struct xf_rectification r = {0};
    size_t n = 0;
    bool has_rect;
    int rc = read_now(x, &in, &items, &n, &r, &has_rect, err);
    if (!rc && n != x->n_items)
        rc = xf_err(err, XF_ESTATE, "", _("its checklist is no longer the same; Esc closes the "
                                          "form."));
    if (!rc) {
        struct xf_form_field *fresh = calloc((size_t)x->n_all, sizeof *fresh);
        if (!fresh) {
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
        } else {
            fill_values(x, fresh, &in, items, has_rect ? &r : NULL);
            int shown = f->n;
            f->n = x->n_all;
            xf_form_merge(f, x->base, fresh);
            f->n = shown;
            xf_form_fields_free(x->base, x->n_all);
            free(x->base);
            x->base = fresh;
            f->base = fresh; /* the form's "unchanged?" compares with it: not the freed one */
            x->version = in.version;
            x->rect_version = has_rect ? r.version : 0;
            free(x->was_result);
            x->was_result = strdup(in.result);
            update(x, f);
        }
    }
    xf_rectification_clear(&r);
    xf_inspection_items_free(items, n);
    xf_inspection_clear(&in);
    return rc;
}

/* The fields: the items, the samples, the findings, why, the deadline. */
static struct xf_form_field *make_fields(struct fixform *x, char **labels,
                                         const char *const *choices)
{
    int k = (int)x->n_items;
    x->f_checked = x->sample ? k++ : -1;
    x->f_failed = x->sample ? k++ : -1;
    x->f_findings = k++;
    x->f_note = k++;
    x->f_due = x->due_ok ? k++ : -1;
    x->n_all = k;
    struct xf_form_field *fd = calloc((size_t)k, sizeof *fd);
    if (!fd)
        return NULL;
    for (size_t i = 0; i < x->n_items; i++)
        fd[i] = (struct xf_form_field){.name = "items", .label = labels[i],
                                       .kind = XF_FIELD_CHOICE, .choices = choices};
    if (x->sample) {
        fd[x->f_checked] = (struct xf_form_field){
            .name = "samples_checked", .label = _("Samples checked"), .kind = XF_FIELD_INT,
            .required = true, .max_chars = 9, .check = check_counts};
        fd[x->f_failed] = (struct xf_form_field){
            .name = "samples_failed", .label = _("Samples failed"), .kind = XF_FIELD_INT,
            .required = true, .max_chars = 9, .check = check_counts};
    }
    fd[x->f_findings] = (struct xf_form_field){.name = "findings", .label = _("Findings"),
                                               .kind = XF_FIELD_MULTILINE,
                                               .max_chars = XF_INSPECTION_FINDINGS_MAX};
    fd[x->f_note] = (struct xf_form_field){.name = "correction_note",
                                           .label = _("Why corrected"), .kind = XF_FIELD_TEXT,
                                           .required = true,
                                           .max_chars = XF_INSPECTION_NOTE_MAX};
    if (x->f_due >= 0)
        fd[x->f_due] = (struct xf_form_field){.name = "rect_due_on", .label = _("Rectify by"),
                                              .kind = XF_FIELD_DATE, .required = true};
    return fd;
}

/* What the correction did to the rectification, said after the save. */
static void say_saved(struct fixform *x)
{
    struct xf_inspection now = {0};
    struct xf_rectification r = {0};
    struct xf_error err = {0};
    if (xf_inspection_get(x->ctx, x->id, &now, &err) != XF_OK) {
        xf_ui_message(x->p->ui, false, _("Inspection %s corrected."), x->code);
        return;
    }
    bool was_fail = strcmp(x->was_result, "fail") == 0, fail = strcmp(now.result, "fail") == 0;
    bool has_rect = xf_inspection_rectification(x->ctx, x->id, &r, &err) == XF_OK;
    char *raised = NULL;
    if (was_fail && !fail && xf_complaint_of_inspection(x->ctx, x->id, &raised, &err) != XF_OK)
        raised = NULL;
    if (was_fail && !fail && raised)
        /* The complaint has its own course: a supervisor decides on it. */
        xf_ui_message(x->p->ui, false,
                      _("Inspection %s corrected: it passes now and its rectification is no "
                        "longer needed; complaint %s it raised stays with the supervisors."),
                      x->code, raised);
    else if (was_fail && !fail && has_rect)
        xf_ui_message(x->p->ui, false,
                      _("Inspection %s corrected: it passes now; its rectification is no "
                        "longer needed."),
                      x->code);
    else if (!was_fail && fail && has_rect)
        xf_ui_message(x->p->ui, false,
                      _("Inspection %s corrected: it fails now; its rectification is open, due "
                        "%s."),
                      x->code, r.due_on);
    else
        xf_ui_message(x->p->ui, false, _("Inspection %s corrected."), x->code);
    free(raised);
    xf_rectification_clear(&r);
    xf_inspection_clear(&now);
}

static void fixform_free(struct fixform *x)
{
    if (x->base)
        xf_form_fields_free(x->base, x->n_all);
    free(x->base);
    xf_inspection_items_free(x->items, x->n_items);
    free(x->code);
    free(x->was_result);
}

static int run_form(struct fixform *x, const struct xf_inspection *in,
                    const struct xf_rectification *r)
{
    const char *choices[] = {_("pass"), _("FAIL"), _("n.a."), NULL};
    char **labels = calloc(x->n_items + 1, sizeof *labels);
    struct xf_form_field *fd = labels ? make_fields(x, labels, choices) : NULL;
    x->base = fd ? calloc((size_t)x->n_all, sizeof *x->base) : NULL;
    int saved = 0;
    for (size_t i = 0; labels && i < x->n_items; i++)
        if (asprintf(&labels[i],
                     x->items[i].critical ? _("%d. %s [critical]") : "%d. %s",
                     x->items[i].item_no, x->items[i].label) < 0)
            labels[i] = NULL;
    if (fd && x->base) {
        for (size_t i = 0; i < x->n_items; i++)
            fd[i].label = labels[i] ? labels[i] : "";
        fill_values(x, fd, in, x->items, r);
        fill_values(x, x->base, in, x->items, r);
        struct xf_form f = {.title = x->title, .fields = fd, .n = x->n_all, .arg = x,
                            .submit = submit, .changed = on_change, .reload = reload,
                            .base = x->base, .left_what = "inspection", .left_id = x->id,
                            .left_code = x->code};
        update(x, &f);
        saved = xf_form_run(x->p->ui, &f);
        f.n = x->n_all; /* the deadline, hidden or not, is freed with the rest */
        xf_form_free(&f);
    }
    for (size_t i = 0; labels && i < x->n_items; i++)
        free(labels[i]);
    free(labels);
    free(fd);
    return saved;
}

int xf_insp_correct_run(struct xf_pane *p, int64_t id)
{
    struct fixform x = {.p = p, .ctx = xf_ui_ctx(p->ui), .id = id};
    struct xf_inspection in = {0};
    struct xf_rectification r = {0};
    struct xf_error err = {0};
    bool has_rect = false;
    /* Refused at once, saying who may: not after the form is filled. */
    if (xf_inspection_get(x.ctx, id, &in, &err) != XF_OK ||
        xf_inspection_correct_check(x.ctx, &in, &err) != XF_OK) {
        xf_ui_error(p->ui, &err);
        xf_inspection_clear(&in);
        return XF_UI_HANDLED;
    }
    xf_inspection_clear(&in);
    int saved = 0;
    if (read_now(&x, &in, &x.items, &x.n_items, &r, &has_rect, &err) != XF_OK) {
        xf_ui_error(p->ui, &err);
    } else {
        x.version = in.version;
        x.rect_version = has_rect ? r.version : 0;
        x.code = strdup(in.code);
        x.was_result = strdup(in.result);
        x.sample = strcmp(in.kind, "sample") == 0 || in.samples_checked > 0;
        /* Reported done or verified: the unit has acted on the deadline. */
        x.due_ok = !has_rect || strcmp(r.status, "open") == 0 ||
                   strcmp(r.status, "cancelled") == 0;
        if (x.code && x.was_result)
            saved = run_form(&x, &in, has_rect ? &r : NULL);
        if (saved)
            say_saved(&x);
    }
    xf_rectification_clear(&r);
    xf_inspection_clear(&in);
    fixform_free(&x);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | (saved ? XF_UI_CHANGED : 0);
}
