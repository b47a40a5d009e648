/* The write actions of the Pledge progress pane (new pledge, mark kept,
 * withdraw), its search and filter prompts, and the detail view. Every
 * write is one domain call from a form's submit, so the domain's own
 * checks decide and its message lands beside the field it names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pledges.h"
#include "xf/conflict.h"
#include "xf/config.h"
#include "xf/i18n.h"
#include "xf/search.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/unit.h"


/* A choice field with one value: shows a value the user cannot change
 * (the pledge, the verifier) and gives the domain's error a place. */
static struct xf_form_field fixed_field(const char *name, const char *label,
                                        const char *const *value)
{
    return (struct xf_form_field){
        .name = name, .label = label, .kind = XF_FIELD_CHOICE, .choices = value};
}

static void set_today(struct xf_form_field *f)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    xf_form_set_text(f, today);
}

/* One line of a long text for a fixed field. */
static char *one_line(const char *text)
{
    char *s = xf_text_sanitize(text ? text : "", false);
    return s ? s : strdup("");
}

/* A pledge as messages name it: the start of its text, quoted. Its number
 * (#858) is the database's, not something the organiser knows it by. */
enum { PLEDGE_NAME_MAX = 96 };
static void pledge_name(const char *text, char out[PLEDGE_NAME_MAX])
{
    char *line = one_line(text), fit[80];
    xf_text_fit(line ? line : "", 20, false, fit, sizeof fit);
    snprintf(out, PLEDGE_NAME_MAX, "\u201c%s\u201d", fit);
    free(line);
}

/* ---- new pledge ---- */

static const char *const kind_ids[] = {"member", "unit_target", "leader_target"};
static const char *const category_ids[] = {"standard", "time_limit", "quality", "attitude",
                                           "other"};
enum { F_KIND, F_MEMBER, F_UNIT, F_TEXT, F_CATEGORY, F_MADE, F_DUE, F_NEW_N };

struct new_ctx {
    struct pl_state *s;
    int64_t unit_id;
    int64_t member_given;      /* the member the form was opened for, 0 if none */
    int64_t member_unit_id;    /* ... and their unit then, which the form shows */
    const char *unit_label[2]; /* the Unit field's one value */
    char *moved_label;         /* ... once the member was moved (owned) */
};

static int pick_member(void *arg, int field, const char *query, int limit, struct xf_pick_item *out,
                       int *n_out, struct xf_error *err)
{
    (void)field;
    struct new_ctx *nc = arg;
    struct xf_member *m = calloc((size_t)(limit > 0 ? limit : 1), sizeof *m);
    int n = 0;
    *n_out = 0;
    if (!m)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = xf_member_find(xf_ui_ctx(nc->s->p->ui), nc->unit_id, query, limit, m, &n, err);
    for (int i = 0; i < n; i++) {
        char *label = NULL;
        if (asprintf(&label, "%s (%s)%s%s", m[i].name, m[i].code, *m[i].position ? " " : "",
                     m[i].position) >= 0) {
            out[*n_out].label = label;
            out[(*n_out)++].id = m[i].id;
        }
        xf_member_clear(&m[i]);
    }
    free(m);
    return rc;
}

static bool in_member_given(const struct new_ctx *nc, const struct xf_form *f)
{
    return nc->member_given > 0 && f->fields[F_MEMBER].picked == nc->member_given;
}

/* The member was moved meanwhile (XF_ECONFLICT): the form shows their
 * unit now, and the next save records the pledge there. */
static int reload_new(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct new_ctx *nc = arg;
    if (!in_member_given(nc, f))
        return XF_OK;
    struct xf_member m = {0};
    int rc = xf_member_get(xf_ui_ctx(nc->s->p->ui), nc->member_given, &m, err);
    if (rc == XF_OK) {
        char *place = xf_unit_place_label(xf_ui_ctx(nc->s->p->ui), m.unit_id);
        if (place) {
            free(nc->moved_label);
            nc->unit_label[0] = nc->moved_label = place;
        }
        nc->unit_id = nc->member_unit_id = m.unit_id;
    }
    xf_member_clear(&m);
    return rc;
}

static int submit_new(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct new_ctx *nc = arg;
    const char *kind = kind_ids[f->fields[F_KIND].choice];
    bool unit_letter = strcmp(kind, "unit_target") == 0;
    struct xf_pledge_new in = {
        .kind = kind,
        /* A member left on a unit's letter is refused, beside the field:
         * it was dropped without a word, though the form showed it. */
        .member_id = f->fields[F_MEMBER].picked,
        .unit_id = unit_letter ? nc->unit_id : 0,
        .text = xf_form_text(&f->fields[F_TEXT]),
        .category = category_ids[f->fields[F_CATEGORY].choice],
        .made_on = xf_form_text(&f->fields[F_MADE]),
        .due_on = xf_form_text(&f->fields[F_DUE]),
        /* (the member picked in the form: their unit is not shown) */
        .shown_unit_id = in_member_given(nc, f) ? nc->member_unit_id : 0,
    };
    int64_t id = 0;
    int rc = xf_pledge_make(xf_ui_ctx(nc->s->p->ui), &in, &id, err);
    if (rc == XF_OK) {
        char name[PLEDGE_NAME_MAX];
        pledge_name(in.text, name);
        xf_ui_message(nc->s->p->ui, false, _("Pledge %s recorded."), name);
    }
    return rc;
}

int pl_form_new(struct pl_state *s, int64_t unit_id, const char *unit_name, int64_t member_id,
                const char *member_label, bool letter)
{
    const char *kinds[] = {_("member's pledge"), _("unit responsibility letter"),
                           _("leader responsibility letter"), NULL};
    const char *cats[] = {_("standard"), _("time limit"), _("quality"),
                          _("attitude"), _("other"),      NULL};
    struct new_ctx nc = {.s = s, .unit_id = unit_id, .unit_label = {unit_name, NULL}};
    struct xf_form_field fields[F_NEW_N] = {
        [F_KIND] = {.name = "kind", .label = _("Kind"), .kind = XF_FIELD_CHOICE, .choices = kinds},
        [F_MEMBER] = {.name = "member_id",
                      .label = _("Member"),
                      .kind = XF_FIELD_PICK,
                      .pick = pick_member},
        [F_UNIT] = fixed_field("unit_id", _("Unit"), nc.unit_label),
        [F_TEXT] = {.name = "text",
                    .label = _("Pledge"),
                    .kind = XF_FIELD_MULTILINE,
                    .required = true,
                    .max_chars = XF_PLEDGE_TEXT_MAX},
        [F_CATEGORY] = {.name = "category",
                        .label = _("Category"),
                        .kind = XF_FIELD_CHOICE,
                        .choices = cats},
        [F_MADE] = {.name = "made_on",
                    .label = _("Made on"),
                    .kind = XF_FIELD_DATE,
                    .required = true},
        [F_DUE] = {.name = "due_on", .label = _("Due on"), .kind = XF_FIELD_DATE, .required = true},
    };
    struct xf_form f = {.title = _("New pledge"), .fields = fields, .n = F_NEW_N, .arg = &nc,
                        .submit = submit_new, .reload = reload_new};
    set_today(&fields[F_MADE]);
    if (member_id > 0) {
        nc.member_given = member_id;
        nc.member_unit_id = unit_id;
        fields[F_MEMBER].picked = member_id;
        xf_form_set_text(&fields[F_MEMBER], member_label);
        f.focus = F_TEXT;
        /* their pledge, should they leave the user's reach meanwhile */
        f.left_what = "member";
        f.left_id = member_id;
        f.left_code = member_label;
    } else if (letter) { /* from a unit's letters: one more of them */
        fields[F_KIND].choice = 1;
        f.focus = F_TEXT;
    } else
        f.focus = F_MEMBER;
    int done = xf_form_run(s->p->ui, &f);
    xf_form_free(&f);
    free(nc.moved_label);
    return done ? XF_UI_CHANGED | XF_UI_REDRAW_ALL | XF_UI_HANDLED
                : XF_UI_REDRAW_ALL | XF_UI_HANDLED;
}

/* ---- mark kept, withdraw ---- */

struct change_ctx {
    struct pl_state *s;
    int64_t id, version;
    char name[PLEDGE_NAME_MAX]; /* pledge_name */
};

/* Evidence first: the form opens on it (the date is today's), and a
 * cursor below an untouched field read as a place to Tab from, into the
 * date ("2026-11-28证据：…"). */
enum { K_PLEDGE, K_EVIDENCE, K_KEPT_ON, K_LATE, K_VERIFIER, F_KEEP_N };

/* After an edit conflict: take the new version so that a retry acts on
 * what is there now, while the pledge is still open. */
static int reload_version(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct change_ctx *cc = arg;
    struct xf_pledge p = {0};
    int rc = xf_pledge_get(xf_ui_ctx(cc->s->p->ui), cc->id, &p, err);
    if (rc == XF_OK && strcmp(p.status, "open") != 0)
        rc = xf_err(err, XF_ESTATE, "", _("pledge %s is now %s; Esc closes the form."),
                    cc->name, strcmp(p.status, "kept") == 0 ? _("kept") : _("withdrawn"));
    else if (rc == XF_OK)
        cc->version = p.version;
    xf_pledge_clear(&p);
    return rc;
}

static int submit_keep(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct change_ctx *cc = arg;
    /* An overdue pledge kept on an earlier day: the domain asks why,
     * naming the days, on the field below the date. */
    int rc = xf_pledge_keep_late(xf_ui_ctx(cc->s->p->ui), cc->id, cc->version,
                                 xf_form_text(&f->fields[K_KEPT_ON]),
                                 xf_form_text(&f->fields[K_EVIDENCE]),
                                 xf_form_text(&f->fields[K_LATE]), err);
    if (rc == XF_OK)
        xf_ui_message(cc->s->p->ui, false, _("Pledge %s marked kept."), cc->name);
    return rc;
}

/* "刘洋 (liu.yang)" as the status line has it; the form said "liu.yang (刘洋)". */
static char *verifier_label(const struct xf_ctx *ctx)
{
    char who[160];
    xf_ctx_person(ctx, ctx->login, who, sizeof who);
    return strdup(who);
}

int pl_form_keep(struct pl_state *s, int64_t pledge_id, int64_t version, const char *text)
{
    char *line = one_line(text), *who = verifier_label(xf_ui_ctx(s->p->ui));
    const char *pledge[] = {line, NULL}, *verifier[] = {who ? who : "", NULL};
    struct xf_form_field fields[F_KEEP_N] = {
        [K_PLEDGE] = fixed_field("pledge", _("Pledge"), pledge),
        [K_KEPT_ON] = {.name = "kept_on",
                       .label = _("Kept on"),
                       .kind = XF_FIELD_DATE,
                       .required = true},
        [K_LATE] = {.name = "late_reason",
                    .label = _("Why that day"),
                    .kind = XF_FIELD_TEXT,
                    .max_chars = XF_PLEDGE_NOTE_MAX},
        [K_EVIDENCE] = {.name = "evidence",
                        .label = _("Evidence"),
                        .kind = XF_FIELD_MULTILINE,
                        .required = true,
                        .max_chars = XF_PLEDGE_NOTE_MAX},
        [K_VERIFIER] = fixed_field("verified_by", _("Verified by"), verifier),
    };
    struct change_ctx cc = {s, pledge_id, version, ""};
    pledge_name(text, cc.name);
    struct xf_form f = {.title = _("Mark the pledge kept"),
                        .fields = fields,
                        .n = F_KEEP_N,
                        .arg = &cc,
                        .submit = submit_keep,
                        .reload = reload_version,
                        .focus = K_EVIDENCE,
                        .left_what = "pledge",
                        .left_id = pledge_id,
                        .left_code = cc.name};
    set_today(&fields[K_KEPT_ON]);
    int done = xf_form_run(s->p->ui, &f);
    xf_form_free(&f);
    free(line);
    free(who);
    return (done ? XF_UI_CHANGED : 0) | XF_UI_REDRAW_ALL | XF_UI_HANDLED;
}

enum { W_PLEDGE, W_REASON, F_WITHDRAW_N };

static int submit_withdraw(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct change_ctx *cc = arg;
    char q[256], what[128];
    snprintf(what, sizeof what, _("pledge %s"), cc->name);
    int rc = xf_conflict_check(xf_ui_ctx(cc->s->p->ui), "pledge", cc->id, cc->version, what, err);
    if (rc)
        return rc;
    snprintf(q, sizeof q, _("Withdraw pledge %s? This cannot be undone."), cc->name);
    if (!xf_form_confirm(cc->s->p->ui, q))
        return xf_err(err, XF_EINVAL, "", _("Not withdrawn."));
    rc = xf_pledge_withdraw(xf_ui_ctx(cc->s->p->ui), cc->id, cc->version,
                            xf_form_text(&f->fields[W_REASON]), err);
    if (rc == XF_OK)
        xf_ui_message(cc->s->p->ui, false, _("Pledge %s withdrawn."), cc->name);
    return rc;
}

int pl_form_withdraw(struct pl_state *s, int64_t pledge_id, int64_t version, const char *text)
{
    char *line = one_line(text);
    const char *pledge[] = {line, NULL};
    struct xf_form_field fields[F_WITHDRAW_N] = {
        [W_PLEDGE] = fixed_field("pledge", _("Pledge"), pledge),
        [W_REASON] = {.name = "withdraw_reason",
                      .label = _("Reason"),
                      .kind = XF_FIELD_MULTILINE,
                      .required = true,
                      .max_chars = XF_PLEDGE_NOTE_MAX},
    };
    struct change_ctx cc = {s, pledge_id, version, ""};
    pledge_name(text, cc.name);
    struct xf_form f = {.title = _("Withdraw the pledge"),
                        .fields = fields,
                        .n = F_WITHDRAW_N,
                        .arg = &cc,
                        .submit = submit_withdraw,
                        .reload = reload_version,
                        .focus = W_REASON,
                        .left_what = "pledge",
                        .left_id = pledge_id,
                        .left_code = cc.name};
    int done = xf_form_run(s->p->ui, &f);
    /* However the form closed without withdrawing (Esc after a "no" to
     * the question, Esc twice), the status line says so: a form that
     * vanished in silence left the organiser unsure. */
    if (!done)
        xf_ui_message(s->p->ui, false, _("Pledge %s not withdrawn."), cc.name);
    xf_form_free(&f);
    free(line);
    return (done ? XF_UI_CHANGED : 0) | XF_UI_REDRAW_ALL | XF_UI_HANDLED;
}

/* ---- search and filter ---- */

static int submit_search(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct pl_state *s = arg;
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    int64_t *ids = malloc(PL_FOUND_MAX * sizeof *ids);
    size_t n = 0;
    if (!ids)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    const char *query = xf_form_text(&f->fields[0]);
    int rc = xf_search(ctx, XF_SEARCH_UNIT, query, 0, PL_FOUND_MAX, ids, &n, err);
    size_t kept = 0;
    for (size_t i = 0; rc == XF_OK && i < n; i++)
        if (xf_ctx_in_scope(ctx, ids[i]))
            ids[kept++] = ids[i];
    /* Members too: an organiser looks for 陈国海, not for his unit. */
    size_t units = kept;
    n = 0; /* none read when the units filled the list */
    if (rc == XF_OK && kept < PL_FOUND_MAX)
        rc = xf_search(ctx, XF_SEARCH_MEMBER, query, 0, PL_FOUND_MAX - kept, ids + kept, &n, err);
    /* One named exactly as typed first: 王飞 before 王飞宁 and 王飞桂 (it
     * came last, in the order of member codes). */
    int64_t *found = n ? malloc(n * sizeof *found) : NULL;
    if (found)
        memcpy(found, ids + units, n * sizeof *found);
    size_t exact_end = kept;
    for (size_t i = 0; rc == XF_OK && found && i < n; i++) {
        struct xf_member m = {0};
        struct xf_error e2 = {0};
        if (xf_member_get(ctx, found[i], &m, &e2) == XF_OK && m.active) {
            if (m.name && strcmp(m.name, query) == 0) {
                memmove(ids + exact_end + 1, ids + exact_end, (kept - exact_end) * sizeof *ids);
                ids[exact_end++] = -m.id;
                kept++;
            } else
                ids[kept++] = -m.id;
        }
        xf_member_clear(&m);
    }
    free(found);
    if (rc == XF_OK && kept == 0)
        rc = xf_err(err, XF_ENOTFOUND, "query",
                    _("no unit's or member's name or code contains this"));
    if (rc != XF_OK) {
        free(ids);
        return rc;
    }
    free(s->found_ids);
    s->found_ids = ids;
    s->n_found = (int)kept;
    free(s->query);
    s->query = strdup(xf_form_text(&f->fields[0]));
    return XF_OK;
}

bool pl_form_search(struct pl_state *s)
{
    struct xf_form_field field = {.name = "query",
                                  .label = _("Name or code"),
                                  .kind = XF_FIELD_TEXT,
                                  .required = true,
                                  .max_chars = XF_SEARCH_QUERY_MAX};
    struct xf_form f = {.title = _("Search units and members"),
                        .fields = &field,
                        .n = 1,
                        .arg = s,
                        .submit = submit_search,
                        .prompt = true};
    int done = xf_form_run(s->p->ui, &f);
    xf_form_free(&f);
    return done;
}

/* ---- detail ---- */

struct detail_line {
    const char *label;
    const char *value;
    enum xf_color color;
};

/* Draws value from (y, x) wrapped in w cells over at most max lines;
 * returns the lines used. */
static int draw_wrapped(WINDOW *win, int y, int x, int w, int max, const char *value, attr_t attr)
{
    char *clean = xf_text_sanitize(value ? value : "", false);
    const char *s = clean ? clean : "";
    int lines = 0;
    size_t len = strlen(s), i = 0;
    do {
        size_t start = i;
        int cells;
        i += xf_text_fit_prefix(s + i, len - i, w, &cells);
        if (i == start && i < len) /* a wide character wider than the column */
            i += xf_utf8_decode(s + i, len - i, &(unsigned){0});
        char *part = strndup(s + start, i - start);
        if (lines < max)
            xf_draw_text(win, y + lines, x, w, part ? part : "", attr);
        free(part);
        lines++;
    } while (i < len);
    free(clean);
    return lines < max ? lines : max;
}

static void detail_draw(WINDOW *w, const char *title, const struct detail_line *l, int n)
{
    int h, wd, lw = 0;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    int tw = xf_text_width(title) + 2;
    xf_draw_printf(w, 0, 2, tw < wd - 4 ? tw : wd - 4, xf_draw_attr(XF_C_TITLE), " %s ", title);
    for (int i = 0; i < n; i++) {
        int x = xf_text_width(l[i].label);
        lw = x > lw ? x : lw;
    }
    int y = 1, vx = 2 + lw + 2, vw = wd - vx - 2;
    for (int i = 0; i < n && y < h - 2; i++) {
        if (!l[i].value || !*l[i].value)
            continue;
        xf_draw_text(w, y, 2, lw, l[i].label, xf_draw_attr(XF_C_DIM));
        y += draw_wrapped(w, y, vx, vw, h - 2 - y, l[i].value, xf_draw_attr(l[i].color));
    }
    xf_draw_text(w, h - 2, 2, wd - 4, _("Any key closes"), xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

void pl_show_detail(struct pl_state *s, int64_t pledge_id)
{
    struct xf_pledge p = {0};
    struct xf_error err = {0};
    char today[XF_DATE_LEN], title[256];
    if (xf_pledge_get(xf_ui_ctx(s->p->ui), pledge_id, &p, &err) != XF_OK) {
        xf_ui_error(s->p->ui, &err);
        return;
    }
    xf_date_today(today);
    bool overdue = xf_pledge_is_overdue(&p, today);
    char verifier[160], recorder[160];
    xf_ctx_person(xf_ui_ctx(s->p->ui), p.verified_by, verifier, sizeof verifier);
    xf_ctx_person(xf_ui_ctx(s->p->ui), p.created_by, recorder, sizeof recorder);
    /* The kept date is what the verifier typed; when and by whom it was
     * marked is the history's (an overdue pledge marked weeks later with
     * an earlier day left no trace on screen). */
    char *marked_at = NULL, *marked_by = NULL, *late = NULL, *marked = NULL;
    if (strcmp(p.status, "kept") == 0 &&
        xf_pledge_kept_record(xf_ui_ctx(s->p->ui), p.id, &marked_at, &marked_by, &late,
                              &(struct xf_error){0}) == XF_OK &&
        marked_at) {
        char by[160];
        xf_ctx_person(xf_ui_ctx(s->p->ui), marked_by, by, sizeof by);
        if (asprintf(&marked, _("%s by %s"), marked_at, by) < 0)
            marked = NULL;
    }
    const char *kind = strcmp(p.kind, "unit_target") == 0     ? _("unit responsibility letter")
                       : strcmp(p.kind, "leader_target") == 0 ? _("leader responsibility letter")
                                                              : _("member's pledge");
    struct detail_line l[] = {
        {_("Pledge"), p.text, XF_C_NORMAL},
        {_("Kind"), kind, XF_C_NORMAL},
        {_("Category"), pl_category_label(p.category), XF_C_NORMAL},
        {_("Made on"), p.made_on, XF_C_NORMAL},
        {_("Due on"), p.due_on, overdue ? XF_C_ALERT : XF_C_NORMAL},
        {_("Status"), xf_pledge_status_label(&p, today), overdue ? XF_C_ALERT : XF_C_NORMAL},
        {_("Kept on"), p.kept_on, XF_C_GOOD},
        {_("Evidence"), p.evidence, XF_C_NORMAL},
        {_("Verified by"), p.verified_by ? verifier : NULL, XF_C_NORMAL},
        {_("Marked kept"), marked, XF_C_NORMAL},
        {_("Why that day"), late, XF_C_NORMAL},
        {_("Withdrawn on"), p.withdrawn_on, XF_C_NORMAL},
        {_("Reason"), p.withdraw_reason, XF_C_NORMAL},
        {_("Recorded by"), p.created_by ? recorder : NULL, XF_C_DIM},
    };
    /* What people know it by, not the row id ("Pledge #2262"): whose it
     * is, its words, its day. */
    char name[PLEDGE_NAME_MAX];
    pledge_name(p.text, name);
    struct xf_member m = {0};
    struct xf_error e2 = {0};
    char *owner = p.member_id > 0 &&
                          xf_member_get(xf_ui_ctx(s->p->ui), p.member_id, &m, &e2) == XF_OK
                      ? strdup(m.name)
                      : xf_unit_place_label(xf_ui_ctx(s->p->ui), p.unit_id);
    xf_member_clear(&m);
    snprintf(title, sizeof title, _("%s's pledge %s, due %s"), owner ? owner : "", name,
             p.due_on);
    free(owner);
    int wd = COLS - 4 < 76 ? COLS - 4 : 76, h = LINES - 4 < 20 ? LINES - 4 : 20;
    WINDOW *w = h > 4 && wd > 20 ? newwin(h, wd, (LINES - h) / 2, (COLS - wd) / 2) : NULL;
    if (w) {
        keypad(w, TRUE);
        wtimeout(w, 250);
        int key = 0;
        bool dirty = true; /* drawn after a resize or a repaint beneath only */
        while (!xf_ui_stopping()) {
            if (dirty)
                detail_draw(w, title, l, (int)(sizeof l / sizeof l[0]));
            doupdate();
            dirty = true;
            if (xf_ui_read_key(w, &key)) {
                if (key != XF_FKEY(KEY_RESIZE))
                    break;
            } else if (xf_ui_poll_behind(s->p->ui)) { /* the panes around it follow */
                touchwin(w);
            } else {
                dirty = false;
            }
        }
        delwin(w);
    }
    xf_pledge_clear(&p);
    free(marked_at), free(marked_by), free(late), free(marked);
    xf_ui_repaint(s->p->ui);
}
