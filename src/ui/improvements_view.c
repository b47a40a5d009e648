/* Service improvements (SPEC §2.7), opened with `I` from the Overview: the
 * improved methods, cancelled prerequisites and fees and approval time
 * cuts of the user's units, newest first, each with its figures (days
 * before and after the cut, the national time limit). `n` records one,
 * `e` corrects one, ←→ choose a kind, `/` searches titles and units. A
 * modal view over a virtual list. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overview_priv.h"
#include "xf/conflict.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/improvement.h"
#include "xf/post.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_keys.h"
#include "xf/ui_list.h"
#include "xf/ui_menu.h"
#include "xf/ui_pane.h"
#include "xf/unit.h"

enum { IM_DATE, IM_KIND, IM_TITLE, IM_UNIT, IM_DAYS, IM_LIMIT, IM_NCOLS };

static const struct xf_list_col cols[IM_NCOLS] = {
    [IM_DATE] = {N_("Date"), 10, XF_ALIGN_LEFT, 0},
    [IM_KIND] = {N_("Kind"), 12, XF_ALIGN_LEFT, 0},
    [IM_TITLE] = {N_("Improvement"), 0, XF_ALIGN_LEFT, 0},
    [IM_UNIT] = {N_("Unit"), 16, XF_ALIGN_LINE, 90},
    [IM_DAYS] = {N_("Days"), 11, XF_ALIGN_RIGHT, 0},
    [IM_LIMIT] = {N_("Limit"), 6, XF_ALIGN_RIGHT, 70},
};

struct improvements {
    struct xf_ui *ui;
    struct xf_list list;
    /* While searching the unit shows at any width: a search finds units
     * too, and at 80 columns rows matched by their unit showed no match.
     * Below the width that shows it anyway, the national limit makes room. */
    struct xf_list_col cols[IM_NCOLS], found[IM_NCOLS];
    int width; /* the list's, as last drawn */
    struct xf_improvement_filter f;
    int kind; /* 0 = every kind, else 1 + index of xf_improvement_kinds */
    char *like;
    long count; /* the search's total (-1: no search, or unknown) */
    char msg[600];
    bool msg_error;
    bool wrote; /* something was saved: the Overview's figures re-read */
};


static const struct xf_ctx *ctx_of(const struct improvements *iv)
{
    return xf_ui_ctx(iv->ui);
}

static void say(struct improvements *iv, bool error, const char *text)
{
    snprintf(iv->msg, sizeof iv->msg, "%s", text);
    iv->msg_error = error;
}

/* A refusal, as a sentence of its own. */
static void say_error(struct improvements *iv, const struct xf_error *err)
{
    xf_ui_err_sentence(err, iv->msg, sizeof iv->msg);
    iv->msg_error = true;
}

/* "15 → 5" days; one figure alone when only one is known. */
static void days_text(const struct xf_improvement_item *it, char *out, size_t n)
{
    if (it->has_days_before && it->has_days_after)
        snprintf(out, n, "%g \u2192 %g", it->days_before, it->days_after);
    else if (it->has_days_before || it->has_days_after)
        snprintf(out, n, "%g", it->has_days_before ? it->days_before : it->days_after);
    else
        out[0] = '\0';
}

/* The list's column is narrow: 改进方法 / 取消前置 / 取消收费 / 压缩时限. */
static const char *kind_short(const char *kind)
{
    static const char *const shorts[] = {N_("method"), N_("prerequisite"), N_("fee"),
                                         N_("time cut")};
    for (int i = 0; xf_improvement_kinds[i]; i++)
        if (kind && !strcmp(kind, xf_improvement_kinds[i]))
            return _(shorts[i]);
    return kind ? kind : "";
}

/* ---- rows ---------------------------------------------------------------------- */

struct sink {
    const struct xf_ctx *ctx;
    struct xf_list_row *rows;
    int n, limit, rc;
    const char *like; /* the search, if any */
    int title_w;      /* the title column's cells, as last drawn */
};

/* A title the search matches past what its column shows starts with "…"
 * a little before the match: at 80 columns "…取消前置要件：消防设计审核"
 * showed no 消防. NULL when it shows whole or the match already shows;
 * caller frees. */
static char *title_at_match(const char *title, const char *like, int width)
{
    char *clean = like && width > 4 ? xf_text_sanitize(title, false) : NULL;
    const char *at = clean ? strcasestr(clean, like) : NULL;
    char *out = NULL;
    if (at) {
        char *before = strndup(clean, (size_t)(at - clean));
        int lead = (width - xf_text_width(like)) / 3; /* a little context, "…" in it */
        if (before && xf_text_width(before) + xf_text_width(like) > width && lead >= 2) {
            char *head = xf_text_elide_head(before, lead);
            if (head && asprintf(&out, "%s%s", head, at) < 0)
                out = NULL;
            free(head);
        }
        free(before);
    }
    free(clean);
    return out;
}

static void collect(void *arg, const struct xf_improvement_item *it)
{
    struct sink *k = arg;
    if (k->n >= k->limit || k->rc)
        return;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, it->on_date, it->id, IM_NCOLS) != XF_OK) {
        xf_list_row_clear(r);
        k->rc = XF_EIO;
        return;
    }
    char days[48] = "", limit[24] = "";
    days_text(it, days, sizeof days);
    if (it->has_national_limit)
        snprintf(limit, sizeof limit, "%g", it->national_limit_days);
    xf_list_row_set(r, IM_DATE, it->on_date);
    xf_list_row_set(r, IM_KIND, kind_short(it->kind));
    char *shown = title_at_match(it->title, k->like, k->title_w);
    xf_list_row_set(r, IM_TITLE, shown ? shown : it->title);
    free(shown);
    /* With its department: every department has a 审批处. */
    char *place = xf_unit_place_label(k->ctx, it->unit_id);
    xf_list_row_set(r, IM_UNIT, place ? place : it->unit_name);
    free(place);
    xf_list_row_set(r, IM_DAYS, days);
    xf_list_row_set(r, IM_LIMIT, limit);
    r->unit_id = it->unit_id;
    k->n++;
}

static int fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                 struct xf_list_row *rows_out, int *n_out, struct xf_error *err)
{
    struct improvements *iv = arg;
    struct xf_draw_col cw[IM_NCOLS];
    xf_list_widths(&iv->list, iv->width, cw);
    struct sink k = {ctx_of(iv), rows_out, 0, limit, XF_OK, iv->like, cw[IM_TITLE].width};
    enum xf_improvement_dir d = dir == XF_LIST_AFTER  ? XF_IMPROVEMENT_AFTER
                                : dir == XF_LIST_FROM ? XF_IMPROVEMENT_FROM
                                                      : XF_IMPROVEMENT_BEFORE;
    int rc = xf_improvement_page(ctx_of(iv), &iv->f, from ? from->sort : NULL,
                                 from ? from->id : 0, d, limit, collect, &k, err);
    *n_out = k.n;
    if (!rc && k.rc)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    return rc;
}

struct key_sink {
    struct xf_list_key *key;
    int rc;
};

static void take_key(void *arg, const struct xf_improvement_item *it)
{
    struct key_sink *k = arg;
    k->key->sort = strdup(it->on_date);
    k->key->id = it->id;
    k->rc = k->key->sort ? XF_OK : XF_EIO;
}

static int locate(void *arg, int64_t id, struct xf_list_key *key_out, struct xf_error *err)
{
    struct improvements *iv = arg;
    struct key_sink k = {key_out, XF_OK};
    int rc = xf_improvement_item(ctx_of(iv), &iv->f, id, take_key, &k, err);
    return rc ? rc : k.rc;
}

/* A search's total, as the panes' titles give it (xf_ui_count_note). */

static void count_found(struct improvements *iv)
{
    struct xf_error err = {0};
    iv->count = -1;
    if (iv->like && xf_improvement_count(ctx_of(iv), &iv->f, XF_UI_COUNT_CAP, &iv->count, &err))
        iv->count = -1;
}

static void reload(struct improvements *iv)
{
    struct xf_error err = {0};
    if (xf_list_reload(&iv->list, &err) != XF_OK)
        say_error(iv, &err);
    count_found(iv);
}

/* read: xf_list_refilter for a new filter or search, xf_list_widen when
 * one was cleared. */
static void reread(struct improvements *iv, int (*read)(struct xf_list *, struct xf_error *))
{
    iv->f.kind = iv->kind ? xf_improvement_kinds[iv->kind - 1] : NULL;
    iv->f.like = iv->like;
    iv->list.cols = iv->like ? iv->found : iv->cols;
    struct xf_error err = {0};
    if (read(&iv->list, &err) != XF_OK) /* the cursor kept where it can be */
        say_error(iv, &err);
    count_found(iv);
}

static void refilter(struct improvements *iv)
{
    reread(iv, xf_list_refilter);
}

/* ---- drawing ------------------------------------------------------------------- */

static void draw(void *arg, WINDOW *w)
{
    struct improvements *iv = arg;
    int h, width;
    getmaxyx(w, h, width);
    width -= 2;
    werase(w);
    bool resized = width != iv->width; /* a title cut at a search's match follows it */
    iv->width = width;
    const char *kind = iv->kind ? xf_improvement_kind_label(xf_improvement_kinds[iv->kind - 1])
                                : _("every kind");
    char count[32];
    xf_ui_count_note(count, sizeof count, iv->like ? iv->count : -1);
    xf_draw_printf(w, 0, 1, width, xf_draw_attr(XF_C_TITLE) | A_BOLD, "%s \u00b7 %s%s%s%s",
                   _("Service improvements"), kind, iv->like ? " \u00b7 / " : "",
                   iv->like ? iv->like : "", count);
    struct xf_error err = {0};
    if (xf_list_set_height(&iv->list, h > 5 ? h - 4 : 1, &err) != XF_OK ||
        (resized && iv->like && xf_list_reload(&iv->list, &err) != XF_OK))
        say_error(iv, &err);
    xf_list_draw(&iv->list, w, 1, 1, width, true, true);
    if (iv->list.n == 0)
        xf_draw_text(w, 3, 1, width,
                     iv->like || iv->kind ? _("No improvement matches.")
                                          : _("No improvement recorded yet."),
                     xf_draw_attr(XF_C_DIM));
    if (iv->msg[0])
        xf_draw_text(w, h - 2, 1, width, iv->msg,
                     xf_draw_attr(iv->msg_error ? XF_C_ALERT : XF_C_NORMAL));
    bool may = xf_perm_allows(ctx_of(iv), XF_P_UNIT_EDIT);
    const struct xf_hint hints[] = {
        {XF_A_LEFT, KEY_LEFT, N_("kind"), XF_A_RIGHT, KEY_RIGHT},
        {XF_A_SEARCH, '/', N_("search"), 0, 0},
        {may ? XF_A_NEW : XF_A_NONE, 'n', N_("new"), 0, 0},
        {may ? XF_A_EDIT : XF_A_NONE, 'e', N_("correct"), 0, 0},
        {XF_A_HISTORY, 'H', N_("history"), 0, 0},
        {iv->like || iv->kind ? XF_A_BACK : XF_A_NONE, XF_KEY_ESC, N_("clear"), 0, 0},
        {XF_A_BACK, 'q', N_("back"), 0, 0}};
    char keys[400];
    xf_keys_hints(keys, sizeof keys, " \u00b7 ", hints, sizeof hints / sizeof hints[0]);
    /* The keys before the legend: on a narrow screen the legend goes. */
    const char *legend = _("Days: approval time before \u2192 after");
    if (xf_text_width(legend) + 3 + xf_text_width(keys) <= width)
        xf_draw_printf(w, h - 1, 1, width, xf_draw_attr(XF_C_DIM), "%s \u00b7 %s", legend, keys);
    else
        xf_draw_text(w, h - 1, 1, width, keys, xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

/* ---- the form ------------------------------------------------------------------ */

enum { F_UNIT, F_KIND, F_TITLE, F_DATE, F_BEFORE, F_AFTER, F_LIMIT, F_N };

struct iform {
    struct improvements *iv;
    struct xf_improvement im; /* edit: id and version as read */
    bool create;
    struct xf_form_field *fd;
    struct xf_form *form;
    struct xf_form_field base[F_N];
};

/* The day fields (the last three) belong to approval time cuts: other
 * kinds show the first four fields only. */
static int shown_fields(const struct xf_form_field *fd)
{
    return strcmp(xf_improvement_kinds[fd[F_KIND].choice], "time_cut") == 0 ? F_N : F_BEFORE;
}

static void kind_changed(void *arg, const struct xf_form *f)
{
    (void)f;
    struct iform *fm = arg;
    fm->form->n = shown_fields(fm->fd);
    if (fm->form->focus >= fm->form->n)
        fm->form->focus = fm->form->n - 1;
}

static void number_value(struct xf_form_field *f, bool has, double v)
{
    char buf[32] = "";
    if (has)
        snprintf(buf, sizeof buf, "%g", v);
    xf_form_set_text(f, buf);
}

static void improvement_values(const struct xf_ctx *ctx, struct xf_form_field *fd,
                               const struct xf_improvement *im)
{
    xf_form_set_unit(ctx, &fd[F_UNIT], im->unit_id);
    for (int i = 0; xf_improvement_kinds[i]; i++)
        if (im->kind && !strcmp(im->kind, xf_improvement_kinds[i]))
            fd[F_KIND].choice = i;
    xf_form_set_text(&fd[F_TITLE], im->title);
    xf_form_set_text(&fd[F_DATE], im->on_date);
    number_value(&fd[F_BEFORE], im->has_days_before, im->days_before);
    number_value(&fd[F_AFTER], im->has_days_after, im->days_after);
    number_value(&fd[F_LIMIT], im->has_national_limit, im->national_limit_days);
}

/* A number of days as typed: digits with at most one decimal point;
 * full-width digits and point (from Chinese input methods) count as
 * ASCII ones. No signs, exponents or spaces: "1e3" is not 1000 days.
 * false when s is not such a number; "" is no number (*has false). */
static bool parse_days(const char *s, bool *has, double *v)
{
    char buf[32];
    size_t n = 0;
    int dots = 0, digits = 0;
    *has = false;
    *v = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; ) {
        char c;
        if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99) /* ０-９ */
            c = (char)('0' + (p[2] - 0x90)), p += 3;
        else if (p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8e) /* ． */
            c = '.', p += 3;
        else
            c = (char)*p++;
        if (c == '.')
            dots++;
        else if (c >= '0' && c <= '9')
            digits++;
        else
            return false;
        if (dots > 1 || n + 1 >= sizeof buf)
            return false;
        buf[n++] = c;
    }
    buf[n] = '\0';
    if (n == 0)
        return true;
    if (digits == 0)
        return false;
    *has = true;
    *v = strtod(buf, NULL);
    return true;
}

static int check_days(void *arg, const struct xf_form *f, int field, struct xf_error *err)
{
    (void)arg;
    bool has;
    double v;
    const char *t = xf_form_text(&f->fields[field]);
    if (!parse_days(t, &has, &v))
        return xf_err(err, XF_EINVAL, f->fields[field].name, "%s",
                      t[0] == '-' && parse_days(t + 1, &has, &v) && has
                          ? _("days cannot be negative")
                          : _("a number of days, such as 3 or 2.5"));
    return XF_OK;
}

static void read_days(const struct xf_form_field *f, bool *has, double *v)
{
    if (!parse_days(xf_form_text(f), has, v))
        *has = false;
}

static int pick_unit(void *arg, int field, const char *query, int limit,
                     struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct iform *fm = arg;
    return xf_form_pick_units(ctx_of(fm->iv), query, limit, out, n_out, err);
}

static int submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct iform *fm = arg;
    struct xf_improvement *im = &fm->im;
    free(im->kind);
    free(im->title);
    free(im->on_date);
    im->unit_id = fm->fd[F_UNIT].picked;
    im->kind = strdup(xf_improvement_kinds[fm->fd[F_KIND].choice]);
    im->title = strdup(xf_form_text(&fm->fd[F_TITLE]));
    im->on_date = strdup(xf_form_text(&fm->fd[F_DATE]));
    read_days(&fm->fd[F_BEFORE], &im->has_days_before, &im->days_before);
    read_days(&fm->fd[F_AFTER], &im->has_days_after, &im->days_after);
    read_days(&fm->fd[F_LIMIT], &im->has_national_limit, &im->national_limit_days);
    if (shown_fields(fm->fd) != F_N) /* hidden: what they held is not meant */
        im->has_days_before = im->has_days_after = im->has_national_limit = false;
    int rc = fm->create ? xf_improvement_add(ctx_of(fm->iv), im, err)
                        : xf_improvement_edit(ctx_of(fm->iv), im, err);
    /* The domain names its own fields; the form's are these. */
    if (rc && !strcmp(err->field, "national_limit_days"))
        snprintf(err->field, sizeof err->field, "limit");
    return rc;
}

static int reload_form(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct iform *fm = arg;
    const struct xf_ctx *ctx = ctx_of(fm->iv);
    struct xf_improvement now = {0};
    int rc = xf_improvement_get(ctx, fm->im.id, &now, err);
    if (rc == XF_OK) {
        struct xf_form_field fresh[F_N] = {0};
        improvement_values(ctx, fresh, &now);
        f->n = F_N; /* merge every field, the hidden days too */
        xf_form_merge(f, fm->base, fresh);
        xf_form_fields_free(fm->base, F_N);
        memcpy(fm->base, fresh, sizeof fresh);
        fm->im.version = now.version;
        kind_changed(fm, f); /* the merged kind decides which fields show */
    }
    xf_improvement_clear(&now);
    return rc;
}

/* The form for a new improvement (im NULL) or to correct im. */
static void improvement_form(struct improvements *iv, const struct xf_improvement *im)
{
    const char *kinds[5];
    for (int i = 0; i < 4; i++)
        kinds[i] = xf_improvement_kind_label(xf_improvement_kinds[i]);
    kinds[4] = NULL;
    struct xf_form_field fd[F_N] = {
        [F_UNIT] = {.name = "unit_id", .label = _("Unit"), .kind = XF_FIELD_PICK,
                    .required = true, .pick = pick_unit},
        [F_KIND] = {.name = "kind", .label = _("Kind"), .kind = XF_FIELD_CHOICE,
                    .choices = kinds},
        [F_TITLE] = {.name = "title", .label = _("Improvement"), .kind = XF_FIELD_TEXT,
                     .required = true, .max_chars = XF_IMPROVEMENT_TITLE_MAX},
        [F_DATE] = {.name = "on_date", .label = _("Date"), .kind = XF_FIELD_DATE,
                    .required = true},
        [F_BEFORE] = {.name = "days_before", .label = _("Days before the cut"),
                      .kind = XF_FIELD_TEXT, .max_chars = 12, .check = check_days},
        [F_AFTER] = {.name = "days_after", .label = _("Days after the cut"),
                     .kind = XF_FIELD_TEXT, .max_chars = 12, .check = check_days},
        [F_LIMIT] = {.name = "limit", .label = _("National limit, days"),
                     .kind = XF_FIELD_TEXT, .max_chars = 12, .check = check_days},
    };
    const struct xf_ctx *ctx = ctx_of(iv);
    struct iform fm = {.iv = iv, .create = !im, .fd = fd};
    char *title = NULL;
    if (im) {
        fm.im.id = im->id;
        fm.im.version = im->version;
        improvement_values(ctx, fd, im);
        improvement_values(ctx, fm.base, im);
        if (asprintf(&title, _("Correct improvement #%lld"), (long long)im->id) < 0)
            title = NULL;
    } else {
        char today[XF_DATE_LEN];
        xf_date_today(today);
        xf_form_set_text(&fd[F_DATE], today);
        if (iv->kind)
            fd[F_KIND].choice = iv->kind - 1;
    }
    struct xf_form f = {.title = title ? title : _("New service improvement"), .fields = fd,
                        .n = shown_fields(fd), .arg = &fm, .submit = submit,
                        .changed = kind_changed, .reload = im ? reload_form : NULL,
                        .base = im ? fm.base : NULL};
    fm.form = &f;
    if (xf_form_run(iv->ui, &f)) {
        iv->wrote = true;
        say(iv, false, im ? _("Improvement corrected.") : _("Improvement recorded."));
        /* A new one is shown with the cursor on it: a list kept where
         * the cursor was (a filter changed) had it above the screen. */
        struct xf_error err = {0};
        if (!im && fm.im.id && xf_list_select_id(&iv->list, fm.im.id, &err) != XF_OK)
            say_error(iv, &err);
        else if (im || !fm.im.id)
            reload(iv);
        if (!im)
            iv->list.stale = true;
    }
    xf_form_fields_free(fd, F_N);
    xf_form_fields_free(fm.base, F_N);
    xf_improvement_clear(&fm.im);
    free(title);
}

static bool may_write(struct improvements *iv)
{
    if (xf_perm_allows(ctx_of(iv), XF_P_UNIT_EDIT))
        return true;
    say(iv, true,
        _("Your role may not record or correct improvements: organisers and administrators do."));
    return false;
}

static void correct(struct improvements *iv)
{
    const struct xf_list_row *r = xf_list_selected(&iv->list);
    if (!r || !may_write(iv))
        return;
    struct xf_improvement im = {0};
    struct xf_error err = {0};
    if (xf_improvement_get(ctx_of(iv), r->key.id, &im, &err) != XF_OK)
        say_error(iv, &err);
    else
        improvement_form(iv, &im);
    xf_improvement_clear(&im);
}

static int search_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct improvements *iv = arg;
    const char *q = xf_form_text(&f->fields[0]);
    (void)err;
    free(iv->like);
    iv->like = *q ? strdup(q) : NULL;
    return XF_OK;
}

static void search(struct improvements *iv)
{
    struct xf_form_field field = {.name = "query", .label = _("Title or unit"),
                                  .kind = XF_FIELD_TEXT, .max_chars = 100};
    xf_form_set_text(&field, iv->like ? iv->like : "");
    struct xf_form f = {.title = _("Search improvements (empty: show all)"), .fields = &field,
                        .n = 1, .arg = iv, .submit = search_submit, .prompt = true};
    if (xf_form_run(iv->ui, &f))
        refilter(iv);
    xf_form_free(&f);
}

/* Esc: the search goes first, then the kind, then the view closes, as
 * in every list; q closes it at once. False: nothing to clear. */
static bool clear_narrowing(struct improvements *iv)
{
    if (iv->like) {
        free(iv->like);
        iv->like = NULL;
        say(iv, false, _("Search cleared."));
    } else if (iv->kind) {
        iv->kind = 0;
        say(iv, false, _("Every kind again."));
    } else {
        return false;
    }
    reread(iv, xf_list_widen);
    return true;
}

static bool key(void *arg, WINDOW *w, int k)
{
    struct improvements *iv = arg;
    enum xf_action act = xf_keys_action(k);
    /* Taken off the screen too: under a form the key opens, the last
     * save's "recorded." read as the new form's. */
    if (iv->msg[0]) {
        iv->msg[0] = '\0';
        draw(iv, w);
    }
    struct xf_error err = {0};
    const struct xf_list_row *r;
    switch (act) {
    case XF_A_BACK: return k == XF_KEY_ESC && clear_narrowing(iv);
    case XF_A_LEFT:
    case XF_A_RIGHT:
    case XF_A_NEXT_PANE:
        iv->kind = (iv->kind + (act == XF_A_LEFT ? 4 : 1)) % 5;
        refilter(iv);
        break;
    case XF_A_SEARCH: search(iv); break;
    case XF_A_NEW:
        if (may_write(iv))
            improvement_form(iv, NULL);
        break;
    case XF_A_EDIT: correct(iv); break;
    case XF_A_DETAIL: /* the whole title, which the column may cut */
        if ((r = xf_list_selected(&iv->list)))
            say(iv, false, r->cells[IM_TITLE]);
        break;
    case XF_A_HISTORY:
        if ((r = xf_list_selected(&iv->list)))
            xf_ui_history(iv->ui, "improvement", r->key.id);
        break;
    default: {
        char m[256]; /* a key that does nothing here says so, as at the panes */
        if (!(xf_list_move(&iv->list, act, &err) & XF_UI_HANDLED) &&
            xf_ui_unanswered_text(k, m, sizeof m))
            say(iv, false, m);
        if (err.code)
            say_error(iv, &err);
        break;
    }
    }
    return true;
}

static void changed(void *arg)
{
    reload(arg);
}

bool improvements_view(struct xf_ui *ui)
{
    struct improvements iv = {.ui = ui, .count = -1};
    memcpy(iv.cols, cols, sizeof cols);
    /* 改进方法 took 12 cells, the English width: the titles get the rest. */
    iv.cols[IM_KIND].width = xf_list_names_width(cols[IM_KIND].title, xf_improvement_kinds,
                                                 kind_short, cols[IM_KIND].width);
    memcpy(iv.found, iv.cols, sizeof cols);
    iv.found[IM_UNIT].hide_below = 0;
    iv.found[IM_LIMIT].hide_below = cols[IM_UNIT].hide_below;
    xf_list_init(&iv.list, iv.cols, IM_NCOLS, fetch, locate, &iv);
    struct xf_modal_view v = {&iv, draw, key, changed};
    xf_modal_run(ui, &v);
    xf_list_free(&iv.list);
    free(iv.like);
    return iv.wrote;
}
