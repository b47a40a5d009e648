/* The post card: the public notice drawn as the sign at the window
 * (共产党员先锋岗, holder, position, scope, hotline, the four
 * commitments, status), and under it the post's evaluations, complaints and
 * inspections. Built as a list of screen lines so it scrolls at 80x24; a
 * wide pane puts the records beside the sign. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspections.h"
#include "posts_priv.h"
#include "xf/complaint.h"
#include "xf/project.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

enum { EVENTS_MAX = 12, INSPECTIONS_MAX = 5, SIGN_MAX_W = 72, WIDE_MIN = 96 };

/* One line of the card: plain text, or a row of the sign's box. */
enum line_kind { L_TEXT, L_BOX_TOP, L_BOX_MID, L_BOX_RULE, L_BOX_BOTTOM };

struct line {
    enum line_kind kind;
    char *text;
    enum xf_color color;
    bool bold;
};

struct lines {
    struct line *v;
    int n, cap;
};

struct posts_card {
    int64_t id;
    struct xf_post post;
    char *unit_name;
    char *project; /* the linked key project, as people read it; NULL = none */
    char *candidate; /* "revocation candidate: …" when the rules say so; else NULL */
    struct lines events; /* built when read; the sign is laid out per width */
    int top;             /* first line shown */
};

static void lines_add(struct lines *ls, enum line_kind kind, const char *text, enum xf_color c,
                      bool bold)
{
    if (ls->n == ls->cap) {
        int cap = ls->cap ? ls->cap * 2 : 32;
        struct line *v = realloc(ls->v, (size_t)cap * sizeof *v);
        if (!v)
            return;
        ls->v = v;
        ls->cap = cap;
    }
    char *t = strdup(text ? text : "");
    if (!t)
        return;
    ls->v[ls->n++] = (struct line){kind, t, c, bold};
}

static void lines_free(struct lines *ls)
{
    for (int i = 0; i < ls->n; i++)
        free(ls->v[i].text);
    free(ls->v);
    memset(ls, 0, sizeof *ls);
}

/* Breaks text (sanitised, newlines kept) into lines of at most width
 * cells, at a space where one is near the end (a date or a code stays
 * whole), never splitting a character; each piece goes through add. */
static void wrap(struct lines *ls, const char *text, int width, const char *indent,
                 enum xf_color c)
{
    char *clean = xf_text_sanitize(text, true);
    if (!clean)
        return;
    int room = width - xf_text_width(indent);
    bool first = true; /* the first line is not indented: it has the whole width */
    for (char *para = clean, *next; para; para = next) {
        next = strchr(para, '\n');
        if (next)
            *next++ = '\0';
        const char *p = para;
        do {
            int fits = first ? width : room;
            size_t n = xf_text_wrap_line(p, fits > 1 ? fits : 1);
            char *piece = NULL;
            if (asprintf(&piece, "%s%.*s", first ? "" : indent, (int)n, p) >= 0) {
                lines_add(ls, L_BOX_MID, piece, c, false);
                free(piece);
            }
            first = false;
            p += n;
            while (*p == ' ')
                p++;
        } while (*p);
    }
    free(clean);
}

/* "label: value" wrapped inside the sign, continuation lines under the
 * value (as a printed notice sets them), or four cells in when the label
 * would leave the value too little room. */
static void field(struct lines *ls, const char *label, const char *value, int width)
{
    char *s = NULL;
    const char *v = value && *value ? value : _("(not filled in)");
    /* TRANSLATORS: a line of a post's notice: its label, then what was filled in. */
    if (asprintf(&s, _("%s: %s"), label, v) < 0)
        return;
    int hang = xf_text_width(s) - xf_text_width(v); /* label and colon */
    char indent[64];
    if (hang > width / 3 || hang >= (int)sizeof indent)
        hang = 4;
    memset(indent, ' ', (size_t)hang);
    indent[hang] = '\0';
    wrap(ls, s, width, indent, value && *value ? XF_C_NORMAL : XF_C_DIM);
    free(s);
}

static char *status_line(const struct xf_post *p)
{
    int s = xf_post_status_parse(p->status);
    const char *label = s >= 0 ? xf_post_status_label((enum xf_post_status)s) : p->status;
    char *out = NULL;
    int rc;
    switch (s) {
    case XF_POST_PUBLISHED:
        rc = asprintf(&out, _("Status: %s since %s"), label, p->published_on);
        break;
    case XF_POST_NAMED:
        rc = asprintf(&out, _("Status: %s by %s on %s"), label, p->named_level, p->named_on);
        break;
    case XF_POST_REVOKED:
        rc = asprintf(&out, _("Status: %s on %s: %s"), label, p->revoked_on, p->revoke_reason);
        break;
    default: rc = asprintf(&out, _("Status: %s (not yet public)"), label); break;
    }
    return rc < 0 ? NULL : out;
}

/* The sign, for an inner width of w cells. */
static void build_sign(const struct posts_card *c, int w, struct lines *ls)
{
    const struct xf_post *p = &c->post;
    /* TRANSLATORS: the heading of a post's notice, 共产党员先锋岗 */
    lines_add(ls, L_BOX_TOP, _("Party member pioneer post"), XF_C_TITLE, true);
    char *head = NULL;
    if (asprintf(&head, "%s  %s", p->title, p->code) >= 0) {
        wrap(ls, head, w, "  ", XF_C_NORMAL);
        ls->v[ls->n - 1].bold = true;
        free(head);
    }
    wrap(ls, c->unit_name ? c->unit_name : "", w, "  ", XF_C_DIM);
    lines_add(ls, L_BOX_RULE, "", XF_C_NORMAL, false);
    /* The notice's own words (姓名, 职务, 服务范围, 投诉电话 and the
     * commitments), in the interface's language like the status below. */
    field(ls, xf_gettext_ctx(NC_("sign", "Name")), p->holder_name, w);
    field(ls, _("Position"), p->position, w);
    field(ls, _("Service scope"), p->scope, w);
    field(ls, _("Complaint hotline"), p->hotline, w);
    if (c->project)
        field(ls, _("Linked project"), c->project, w);
    lines_add(ls, L_BOX_RULE, _("Commitments"), XF_C_TITLE, true);
    field(ls, _("Work standard"), p->commit_standard, w);
    field(ls, _("Time limit"), p->commit_time_limit, w);
    field(ls, _("Service quality"), p->commit_quality, w);
    field(ls, _("Service attitude"), p->commit_attitude, w);
    lines_add(ls, L_BOX_RULE, "", XF_C_NORMAL, false);
    char *st = status_line(p);
    int s = xf_post_status_parse(p->status);
    wrap(ls, st ? st : "", w, "  ",
         s == XF_POST_NAMED ? XF_C_GOOD : s == XF_POST_REVOKED ? XF_C_ALERT : XF_C_NORMAL);
    free(st);
    if (c->candidate)
        wrap(ls, c->candidate, w, "  ", XF_C_ALERT);
    lines_add(ls, L_BOX_BOTTOM, "", XF_C_NORMAL, false);
}

/* ---- the records under the sign -------------------------------------------- */

struct ev_sink {
    struct lines *ls;
    const char *kind; /* the section being written (a static string) */
    char now[20];
};

static void section(struct ev_sink *k, const char *kind)
{
    static const struct {
        const char *kind, *heading;
    } heads[] = {{"evaluation", N_("Evaluations (quarter, score, result)")},
                 {"complaint", N_("Complaints (code, state, clock)")},
                 {"inspection", N_("Inspections (date, kind, result, rectif.)")}};
    if (k->kind && !strcmp(k->kind, kind))
        return;
    /* The kept kind is the table's own string: kind lives in SQLite's row
     * memory, gone with the next row. */
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (!strcmp(heads[i].kind, kind)) {
            k->kind = heads[i].kind;
            lines_add(k->ls, L_TEXT, "", XF_C_NORMAL, false);
            lines_add(k->ls, L_TEXT, _(heads[i].heading), XF_C_TITLE, true);
        }
}

static void add_event(void *arg, const struct xf_post_event *ev)
{
    struct ev_sink *k = arg;
    char *s = NULL;
    enum xf_color c = XF_C_NORMAL;
    if (!strcmp(ev->kind, "inspection")) /* add_inspections: with their rectification */
        return;
    section(k, ev->kind);
    if (!strcmp(ev->kind, "evaluation")) {
        bool pass = !strcmp(ev->state, "pass");
        c = pass ? XF_C_GOOD : XF_C_ALERT;
        if (asprintf(&s, "  %-8s %6.2f  %s", ev->when, ev->score, pass ? _("pass") : _("fail")) < 0)
            return;
    } else if (!strcmp(ev->kind, "complaint")) {
        bool late = *ev->due && strcmp(ev->due, k->now) < 0;
        c = late ? XF_C_ALERT : XF_C_NORMAL;
        /* The state as the complaints list names it ("signed for"). */
        enum xf_complaint_state st;
        const char *state = xf_complaint_state_parse(ev->state, &st) == XF_OK
                                ? xf_complaint_state_label(st) : ev->state;
        /* No "due" before the date: the heading says it is the clock, and
         * the line fits the column beside the card at 120 columns. */
        if (asprintf(&s, "  %s  %s  %s%s", ev->code, state, ev->due,
                     late ? _(" (overdue)") : "") < 0)
            return;
    } else {
        return;
    }
    lines_add(k->ls, L_TEXT, s, c, false);
    free(s);
}

/* One check as the Inspections list says it: the date, the kind, the
 * result, and what became of its rectification (sent back, overdue, or
 * open until its deadline). */
static void add_inspection(struct ev_sink *k, const struct xf_inspection_line *l,
                           const char *today)
{
    bool open = !strcmp(l->rect_status, "open");
    bool overdue = open && strcmp(l->rect_due_on, today) < 0;
    const char *rect = !*l->rect_status      ? ""
                       : overdue             ? _("overdue")
                       : open && l->rect_returned ? _("sent back")
                                                  : xf_insp_rect_label(l->rect_status);
    /* The kinds and results padded to one width: the columns line up
     * beside the sign at 120 columns, where the line has 46 cells. */
    char rbuf[64], some[64];
    const char *kind = xf_insp_kind_label(l->kind, 1),
               *result = xf_insp_result_text(l->result, l->items_failed, l->samples_failed, true,
                                             rbuf, sizeof rbuf);
    int kw = xf_text_width(xf_insp_kind_label("sample", 1));
    int rw = xf_text_width(xf_insp_result_label("fail"));
    /* a pass with failed items or samples says how many: "合格·1未过" */
    if (xf_text_width(xf_insp_result_text("pass", 9, 0, true, some, sizeof some)) > rw)
        rw = xf_text_width(some);
    if (xf_text_width(xf_insp_kind_label("unannounced", 1)) > kw)
        kw = xf_text_width(xf_insp_kind_label("unannounced", 1));
    if (xf_text_width(xf_insp_result_label("pass")) > rw)
        rw = xf_text_width(xf_insp_result_label("pass"));
    char *s = NULL;
    if (asprintf(&s, "  %s  %s%*s %s%*s %s%s%s", l->on_date, kind, kw - xf_text_width(kind), "",
                 result, rw - xf_text_width(result), "", rect, open ? " " : "",
                 open ? l->rect_due_on : "") < 0)
        return;
    lines_add(k->ls, L_TEXT, s, !strcmp(l->result, "fail") || overdue ? XF_C_ALERT : XF_C_NORMAL,
              false);
    free(s);
}

/* The post's last few checks, newest first, and where the rest are: the
 * Inspections pane, linked to this post while its card is open. */
static int add_inspections(const struct xf_ctx *ctx, struct ev_sink *k, int64_t post_id,
                           struct xf_error *err)
{
    struct xf_inspection_query q = {.order = XF_INSP_ORDER_DATE, .post_id = post_id};
    struct xf_inspection_line lines[INSPECTIONS_MAX + 1];
    int n = 0;
    int rc = xf_inspection_page(ctx, &q, NULL, 0, XF_INSP_AFTER, INSPECTIONS_MAX + 1, lines, &n,
                                err);
    if (rc || n == 0)
        return rc;
    section(k, "inspection");
    char today[XF_DATE_LEN];
    xf_date_today(today);
    for (int i = 0; i < n; i++) {
        if (i < INSPECTIONS_MAX)
            add_inspection(k, &lines[i], today);
        xf_inspection_line_clear(&lines[i]);
    }
    char key[32], *s = NULL;
    xf_keys_hint_name(XF_A_PANE_5, '5', key, sizeof key);
    if ((n > INSPECTIONS_MAX ? asprintf(&s, _("  %s opens all of them in Inspections"), key)
                             : asprintf(&s, _("  %s opens them in Inspections"), key)) >= 0)
        lines_add(k->ls, L_TEXT, s, XF_C_DIM, false);
    free(s);
    return XF_OK;
}

char *posts_quarter_list(const char *stored)
{
    return xf_text_list_sep(stored, xf_gettext_ctx(NC_("list", ", ")));
}

static void candidate_note(void *arg, const struct xf_post_item *it)
{
    char **out = arg;
    char *quarters = posts_quarter_list(it->failed_quarters);
    if (!quarters)
        return;
    if (asprintf(out, _("Revocation candidate: failed the evaluations of %s"), quarters) < 0)
        *out = NULL;
    free(quarters);
}

/* What only `check` and the list's colour told: the rules would revoke
 * this post (as the list and `check` count its failures). */
static int read_candidate(const struct xf_ctx *ctx, struct posts_card *c, struct xf_error *err)
{
    free(c->candidate);
    c->candidate = NULL;
    struct xf_post_filter f = {.candidates = true};
    int rc = xf_post_item(ctx, &f, c->id, candidate_note, &c->candidate, err);
    return rc == XF_ENOTFOUND ? XF_OK : rc;
}

static int read_card(struct posts *ps, struct posts_card *c, struct xf_error *err)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ps->pane->ui);
    xf_post_clear(&c->post);
    lines_free(&c->events);
    int rc = xf_post_get(ctx, c->id, &c->post, err);
    if (rc)
        return rc;
    free(c->unit_name);
    c->unit_name = NULL;
    free(c->project);
    c->project = NULL;
    if (c->post.project_id && xf_project_label(ctx, c->post.project_id, &c->project, err))
        return err->code;
    if (read_candidate(ctx, c, err))
        return err->code;
    const struct xf_list_row *r = xf_list_selected(&ps->list);
    if (r && r->key.id == c->id)
        c->unit_name = strdup(r->cells[PC_UNIT]);
    struct ev_sink k = {&c->events, NULL, ""};
    xf_date_now(k.now);
    rc = xf_post_events(ctx, c->id, EVENTS_MAX, add_event, &k, err);
    if (!rc)
        rc = add_inspections(ctx, &k, c->id, err);
    if (!rc && !k.kind)
        lines_add(&c->events, L_TEXT, _("No evaluations, complaints or inspections yet."),
                  XF_C_DIM, false);
    return rc;
}

int posts_card_open(struct posts *ps, int64_t id)
{
    struct posts_card *c = calloc(1, sizeof *c);
    struct xf_error err = {0};
    if (!c)
        return XF_UI_HANDLED;
    c->id = id;
    if (read_card(ps, c, &err) != XF_OK) {
        xf_ui_error(ps->pane->ui, &err);
        xf_post_clear(&c->post);
        lines_free(&c->events);
        free(c->unit_name);
        free(c->project);
        free(c->candidate);
        free(c);
        return XF_UI_HANDLED;
    }
    ps->card = c;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

void posts_card_close(struct posts *ps)
{
    struct posts_card *c = ps->card;
    if (!c)
        return;
    xf_post_clear(&c->post);
    lines_free(&c->events);
    free(c->unit_name);
    free(c->project);
    free(c->candidate);
    free(c);
    ps->card = NULL;
}

int64_t posts_card_post(const struct posts *ps)
{
    return ps->card ? ps->card->id : 0;
}

int posts_card_refresh(struct posts *ps)
{
    struct xf_error err = {0};
    if (ps->card && read_card(ps, ps->card, &err) != XF_OK) {
        xf_ui_error(ps->pane->ui, &err);
        posts_card_close(ps);
    }
    return XF_OK;
}

/* ---- drawing ------------------------------------------------------------------ */

static const char *glyph(int which)
{
    static const char *const uni[] = {"\u250c", "\u2510", "\u2514", "\u2518", "\u2500",
                                      "\u2502", "\u251c", "\u2524"};
    static const char *const ascii[] = {"+", "+", "+", "+", "-", "|", "+", "+"};
    return xf_draw_unicode() ? uni[which] : ascii[which];
}

static void rule_line(WINDOW *w, int y, int x, int n)
{
    for (int i = 0; i < n; i++)
        mvwaddstr(w, y, x + i, glyph(4));
}

/* One sign line at (y, x), the box bw cells wide. */
static void draw_box_line(WINDOW *w, int y, int x, int bw, const struct line *l)
{
    attr_t frame = xf_draw_attr(XF_C_TITLE);
    attr_t a = xf_draw_attr(l->color) | (l->bold ? A_BOLD : 0);
    int inner = bw - 2;
    if (l->kind == L_BOX_MID) {
        wattrset(w, frame);
        mvwaddstr(w, y, x, glyph(5));
        mvwaddstr(w, y, x + bw - 1, glyph(5));
        wattrset(w, A_NORMAL);
        xf_draw_text(w, y, x + 1, 1, " ", A_NORMAL);
        xf_draw_text(w, y, x + 2, inner - 2, l->text, a);
        xf_draw_text(w, y, x + bw - 2, 1, " ", A_NORMAL);
        return;
    }
    int l0 = l->kind == L_BOX_TOP ? 0 : l->kind == L_BOX_BOTTOM ? 2 : 6;
    wattrset(w, frame);
    mvwaddstr(w, y, x, glyph(l0));
    rule_line(w, y, x + 1, inner);
    mvwaddstr(w, y, x + bw - 1, glyph(l0 + 1));
    wattrset(w, A_NORMAL);
    int tw = xf_text_width(l->text);
    if (tw > 0 && tw + 2 <= inner) {
        int tx = l->kind == L_BOX_TOP ? x + 1 + (inner - tw - 2) / 2 : x + 2;
        xf_draw_printf(w, y, tx, tw + 2, a, " %s ", l->text);
    }
}

static void draw_line(WINDOW *w, int y, int x, int width, int bw, const struct line *l)
{
    if (l->kind == L_TEXT)
        xf_draw_text(w, y, x, width, l->text, xf_draw_attr(l->color) | (l->bold ? A_BOLD : 0));
    else
        draw_box_line(w, y, x, bw, l);
}

/* Lines top.. of ls into rows y0..y0+h at x, width cells. */
static void draw_lines(WINDOW *w, const struct lines *ls, int top, int y0, int h, int x,
                       int width, int bw)
{
    for (int i = 0; i < h; i++) {
        int k = top + i;
        if (k >= 0 && k < ls->n)
            draw_line(w, y0 + i, x, width, bw, &ls->v[k]);
    }
}

void posts_card_draw(struct posts *ps, WINDOW *w, bool focused)
{
    struct posts_card *c = ps->card;
    struct xf_pane *p = ps->pane;
    werase(w);
    /* Only the keys the role may use, and of those the steps the post's
     * status is open to (a named post offered N to be named again), N
     * only once the post has passed an evaluation (it was offered, then
     * refused). */
    bool may = xf_perm_allows(xf_ui_ctx(p->ui), XF_P_POST_EDIT);
    bool inspects = !may && xf_perm_allows(xf_ui_ctx(p->ui), XF_P_INSPECT);
    unsigned steps = may ? xf_post_steps_now(xf_ui_ctx(p->ui), &c->post) : 0;
    const struct xf_hint hints[] = {
        {XF_A_UP, KEY_UP, N_("scroll"), XF_A_DOWN, KEY_DOWN},
        {inspects ? XF_A_NEW : XF_A_NONE, 'n', N_("new check"), 0, 0},
        {steps & XF_POST_STEP_EDIT ? XF_A_EDIT : XF_A_NONE, 'e', N_("edit"), 0, 0},
        {steps & XF_POST_STEP_PUBLISH ? XF_A_POST_PUBLISH : XF_A_NONE, 'P', N_("publish"), 0, 0},
        {steps & XF_POST_STEP_NAME ? XF_A_POST_NAME : XF_A_NONE, 'N', NC_("post", "name"), 0, 0},
        {steps & XF_POST_STEP_REVOKE ? XF_A_POST_REVOKE : XF_A_NONE, 'R', N_("revoke"), 0, 0},
        {XF_A_BACK, 'q', N_("back"), 0, 0}};
    char keys[400];
    xf_keys_hints(keys, sizeof keys, " \u00b7 ", hints, sizeof hints / sizeof hints[0]);
    xf_draw_printf(w, 0, 0, p->w, xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD,
                   _("Post %s \u00b7 %s"), c->post.code, keys);
    bool wide = p->w >= WIDE_MIN;
    int sign_w = wide ? p->w * 3 / 5 : p->w;
    if (sign_w > SIGN_MAX_W)
        sign_w = SIGN_MAX_W;
    struct lines ls = {0};
    build_sign(c, sign_w - 4, &ls);
    int body = p->h - 1;
    if (wide) {
        int ex = sign_w + 2, ew = p->w - ex;
        int max_top = (ls.n > c->events.n ? ls.n : c->events.n) - body;
        c->top = c->top > max_top ? (max_top > 0 ? max_top : 0) : c->top;
        draw_lines(w, &ls, c->top, 1, body, 0, sign_w, sign_w);
        draw_lines(w, &c->events, c->top, 1, body, ex, ew, ew);
    } else {
        for (int i = 0; i < c->events.n; i++)
            lines_add(&ls, L_TEXT, c->events.v[i].text, c->events.v[i].color,
                      c->events.v[i].bold);
        int max_top = ls.n - body;
        c->top = c->top > max_top ? (max_top > 0 ? max_top : 0) : c->top;
        draw_lines(w, &ls, c->top, 1, body, 0, p->w, sign_w);
    }
    lines_free(&ls);
}

int posts_card_new_check(struct posts *ps)
{
    char pane[32], n[32];
    xf_keys_hint_name(XF_A_PANE_5, '5', pane, sizeof pane);
    xf_keys_hint_name(XF_A_NEW, 'n', n, sizeof n);
    /* The Inspections pane is linked to the card's post: its new check
     * starts from it. */
    xf_ui_message(ps->pane->ui, false, _("A check of %s is logged in Inspections: %s, then %s."),
                  ps->card->post.code, pane, n);
    return XF_UI_HANDLED;
}

int posts_card_key(struct posts *ps, enum xf_action a)
{
    struct posts_card *c = ps->card;
    int page = ps->pane->h - 2;
    switch (a) {
    case XF_A_BACK: case XF_A_DETAIL:
        posts_card_close(ps);
        ps->pane->dirty = ps->pane->full = true;
        return XF_UI_HANDLED | XF_UI_REDRAW;
    case XF_A_DOWN: c->top++; break;
    case XF_A_UP: c->top = c->top > 0 ? c->top - 1 : 0; break;
    case XF_A_PAGE_DOWN: c->top += page; break;
    case XF_A_PAGE_UP: c->top = c->top > page ? c->top - page : 0; break;
    case XF_A_HOME: c->top = 0; break;
    case XF_A_END: c->top = 1 << 20; break;
    default: return XF_UI_IGNORED;
    }
    ps->pane->dirty = ps->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}
