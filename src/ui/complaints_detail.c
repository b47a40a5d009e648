/* The detail of one complaint: every field, the whole text (multi-line,
 * sanitised), the units, the deadlines and the event timeline including
 * the events of complaints merged into it. Modal and scrollable; `a` opens
 * the actions. The lines are built once per open (and per resize). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints_ui.h"
#include "xf/date.h"
#include "xf/config.h"
#include "xf/i18n.h"
#include "xf/text.h"
#include "xf/ui_draw.h"

struct dline {
    char *text; /* sanitised, fits the width */
    enum xf_color color;
    bool bold;
};

/* A line naming another complaint the user can open from here (the one
 * it was merged into, those merged into it). */
struct dlink {
    int line; /* its first line in the doc */
    int64_t id;
    char code[32];
};
enum { MAX_LINKS = 32 };

struct doc {
    struct dline *v;
    int n, cap;
    struct dlink links[MAX_LINKS];
    int n_links;
    int link_sel; /* the link Enter opens; moved with Tab */
    int width;   /* cells per line */
    int label_w; /* label column of field lines */
    bool oom;
    int64_t version; /* of the complaint shown */
};

static void doc_free(struct doc *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->v[i].text);
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* Takes ownership of text. */
static void push(struct doc *d, char *text, enum xf_color color, bool bold)
{
    if (!text) {
        d->oom = true;
        return;
    }
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 64;
        struct dline *v = realloc(d->v, (size_t)cap * sizeof *v);
        if (!v) {
            free(text);
            d->oom = true;
            return;
        }
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = (struct dline){text, color, bold};
}

/* prefix + a piece of s[from, to) as one line. */
static char *line_of(const char *prefix, const char *s, size_t from, size_t to)
{
    size_t pl = strlen(prefix);
    char *out = malloc(pl + (to - from) + 1);
    if (!out)
        return NULL;
    memcpy(out, prefix, pl);
    memcpy(out + pl, s + from, to - from);
    out[pl + to - from] = '\0';
    return out;
}

/* Appends text wrapped to the width, the first line after first_prefix and
 * the others after rest_prefix (both of the same display width). Line
 * breaks in text are kept; control characters never reach the screen. */
static void wrap(struct doc *d, const char *first_prefix, const char *rest_prefix,
                 const char *text, enum xf_color color, bool bold)
{
    char *s = xf_text_sanitize(text ? text : "", true);
    if (!s) {
        d->oom = true;
        return;
    }
    int avail = d->width - xf_text_width(first_prefix);
    avail = avail < 4 ? 4 : avail;
    int lines = 0;
    /* Where Chinese text may break: not before ，。 nor after （《
     * (xf_text_wrap_line), so no line starts with a comma. */
    for (char *para = s, *next; para; para = next) {
        next = strchr(para, '\n');
        if (next)
            *next++ = '\0';
        const char *p = para;
        do {
            size_t n = xf_text_wrap_line(p, avail);
            push(d, line_of(lines++ ? rest_prefix : first_prefix, p, 0, n), color, bold);
            p += n;
            while (*p == ' ')
                p++;
        } while (*p);
    }
    free(s);
}

static char *spaces(int n)
{
    n = n < 0 ? 0 : n;
    char *s = malloc((size_t)n + 1);
    if (s) {
        memset(s, ' ', (size_t)n);
        s[n] = '\0';
    }
    return s;
}

/* Every label field() is given: the label column is as wide as the
 * widest in display cells (a list of some ran 设定的答复期限 into its
 * date, and "Reply deadline set" had one space where the others had
 * two). */
static const char *const field_labels[] = {
    N_("Source"),
    N_("Kind"),
    N_("Category"),
    N_("Received"),
    N_("Post"),
    N_("Unit concerned"),
    N_("Complainant"),
    N_("Phone"),
    N_("Lead unit"),
    N_("Co-handling unit"),
    N_("Running deadline"),
    N_("Reply deadline set"),
    N_("Original deadline"),
    N_("Waiting"),
    N_("Merged here"),
    N_("Dispatched"),
    N_("Sign-for deadline"),
    N_("Signed"),
    N_("Reply deadline"),
    N_("Replied"),
    N_("Returned because"),
    N_("Callback"),
    N_("Redone"),
    N_("Closed"),
    N_("Closed on time"),
    N_("Rejected because"),
    N_("Merged into"),
};

/* "Label      value", wrapped under the value column; two spaces at
 * least after a label wider than the column (held to a third of the
 * width). */
static void field(struct doc *d, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    int lw = xf_text_width(label);
    char *pad = spaces(lw > d->label_w ? 2 : d->label_w - lw + 2);
    char *indent = spaces(d->label_w + 2);
    char *first = NULL;
    if (pad && indent && asprintf(&first, "%s%s", label, pad) >= 0)
        wrap(d, first, indent, value, XF_C_NORMAL, false);
    else
        d->oom = true;
    free(first);
    free(pad);
    free(indent);
}

/* The field about to be added names complaint id (code): Enter opens it. */
static void add_link(struct doc *d, int64_t id, const char *code)
{
    if (d->n_links == MAX_LINKS || !id)
        return;
    struct dlink *l = &d->links[d->n_links++];
    l->line = d->n;
    l->id = id;
    snprintf(l->code, sizeof l->code, "%s", code ? code : "");
}

static void heading(struct doc *d, const char *title)
{
    push(d, strdup(""), XF_C_NORMAL, false);
    push(d, strdup(title), XF_C_TITLE, true);
}

/* ---- the complaint's content ---- */

static char *unit_label(const struct xf_ctx *ctx, int64_t id)
{
    struct xf_error err = {0};
    char *s = NULL;
    if (id && xf_complaint_unit_label(ctx, id, &s, &err) != XF_OK)
        s = NULL;
    return s;
}

static void section_main(struct doc *d, const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    enum xf_complaint_state st = xf_complaint_state_of(c);
    char *title = NULL;
    if (asprintf(&title, "%s  %s%s", c->code, xf_complaint_state_label(st),
                 c->supervised ? _("  \u00b7 supervised (督办)") : "") < 0)
        title = NULL;
    wrap(d, "", "", title, XF_C_TITLE, true);
    free(title);
    struct xf_error err = {0};
    char *post = NULL, *unit = unit_label(ctx, c->unit_id), *lead = unit_label(ctx, c->lead_unit_id);
    if (c->post_id && xf_complaint_post_label(ctx, c->post_id, &post, &err) != XF_OK)
        post = NULL;
    field(d, _("Source"), c->source ? xf_complaint_source_label(c->source) : NULL);
    field(d, _("Kind"), c->kind ? xf_complaint_kind_label(c->kind) : NULL);
    field(d, _("Category"), c->category ? xfc_category_label(ctx, c->category) : NULL);
    char received[XF_COMPLAINT_WHEN_LEN];
    xf_complaint_received_shown(c->received_at, received);
    field(d, _("Received"), received);
    field(d, _("Post"), post);
    field(d, _("Unit concerned"), unit);
    field(d, _("Complainant"), c->complainant_name);
    field(d, _("Phone"), c->complainant_phone);
    field(d, _("Lead unit"), lead);
    free(post);
    free(unit);
    free(lead);
    int64_t *ids = NULL;
    size_t n = 0;
    if (xf_complaint_cohandlers(ctx, c->id, &ids, &n, &err) == XF_OK)
        for (size_t i = 0; i < n; i++) {
            char *u = unit_label(ctx, ids[i]);
            field(d, _("Co-handling unit"), u);
            free(u);
        }
    free(ids);
    const char *clock = xfc_clock_label(xf_complaint_clock(ctx, c, today));
    /* How late, in working days as the deadline was counted: "overdue"
     * alone read the same a day or a month after it. */
    long late = xf_complaint_days_late(ctx, c, today);
    char lateness[96] = "";
    if (late > 0)
        snprintf(lateness, sizeof lateness,
                 ngettext("overdue, %ld working day late", "overdue, %ld working days late",
                          (unsigned long)late),
                 late);
    char *deadline = NULL;
    if (xf_complaint_deadline(c) &&
        asprintf(&deadline, "%s  %s", xf_complaint_deadline(c), *lateness ? lateness : clock) < 0)
        deadline = NULL;
    field(d, _("Running deadline"), deadline);
    free(deadline);
    /* A supervisor's date: the deadlines above follow it. */
    field(d, _("Reply deadline set"), c->answer_due);
    /* The date it missed, kept when the deadline was moved after it:
     * without it the new date read as the one it always had. */
    char *missed = NULL;
    if (xf_complaint_missed_due(c) &&
        asprintf(&missed, _("%s passed, then the deadline was extended (逾期后延期)"),
                 xf_complaint_missed_due(c)) < 0)
        missed = NULL;
    field(d, _("Original deadline"), missed);
    free(missed);
    /* Waiting on a supervisor's step: how long, as the list's clock. */
    char since[XF_DATE_LEN], *waiting = NULL;
    long days = xf_complaint_days_waiting(ctx, c, today, since);
    if (*since &&
        asprintf(&waiting,
                 st == XF_CS_RETURNED
                     ? ngettext("%ld working day since returned (%s)",
                                "%ld working days since returned (%s)", (unsigned long)days)
                     : ngettext("%ld working day since received (%s)",
                                "%ld working days since received (%s)", (unsigned long)days),
                 days, since) < 0)
        waiting = NULL;
    field(d, _("Waiting"), waiting);
    free(waiting);
}

/* The duplicates merged into this complaint, each with its complainant
 * and what they said (a repeat caller may add to it): the answer and the
 * callback are owed to them too. */
static void merged_here(struct doc *d, const struct xf_ctx *ctx, int64_t id)
{
    int64_t *ids = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    if (xf_complaint_merged_ids(ctx, id, &ids, &n, &err) != XF_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        struct xf_complaint m = {0};
        char *line = NULL;
        if (xf_complaint_get(ctx, ids[i], &m, &err) != XF_OK) {
            xf_complaint_clear(&m);
            continue;
        }
        /* Who called and how to reach them, when the intake has them:
         * "· –: text" for a missing phone read as a stray mark. */
        bool named = m.complainant_name && *m.complainant_name;
        bool phoned = m.complainant_phone && *m.complainant_phone;
        if (asprintf(&line, "%s%s%s%s%s: %s", m.code, named ? " \u00b7 " : "",
                     named ? m.complainant_name : "", phoned ? " \u00b7 " : "",
                     phoned ? m.complainant_phone : "", m.text ? m.text : "") >= 0) {
            add_link(d, m.id, m.code);
            field(d, _("Merged here"), line);
        }
        free(line);
        xf_complaint_clear(&m);
    }
    free(ids);
}

/* A step taken after its deadline says so: the dates side by side left
 * the reader to compare them (and the clock column is blank by then). */
static void late_field(struct doc *d, const char *label, const char *at, const char *due)
{
    char *text = NULL;
    if (at && due && strncmp(at, due, 10) > 0 &&
        asprintf(&text, _("%s \u00b7 late: due %s"), at, due) >= 0) {
        field(d, label, text);
        free(text);
        return;
    }
    field(d, label, at);
}

static void section_progress(struct doc *d, const struct xf_ctx *ctx,
                             const struct xf_complaint *c)
{
    char redo[16] = "";
    if (c->redo_count)
        snprintf(redo, sizeof redo, "%d", c->redo_count);
    field(d, _("Dispatched"), c->dispatched_at);
    field(d, _("Sign-for deadline"), c->sign_due);
    late_field(d, _("Signed"), c->signed_at, c->sign_due);
    field(d, _("Reply deadline"), c->reply_due);
    late_field(d, _("Replied"), c->replied_at, c->reply_due);
    char *why = xf_complaint_return_text(c->return_reason), *ruled = NULL;
    /* The reason stays on the record after a ruling that upheld the
     * dispatch; without saying so it read as a return still waiting.
     * Waiting for the ruling, it says what comes next: the handler who
     * returned it was not told. */
    const char *after = NULL;
    if (c->return_reason && xf_complaint_return_upheld(ctx, c))
        after = _("ruled unfounded");
    else if (c->return_reason && xf_complaint_state_of(c) == XF_CS_RETURNED)
        after = _("a supervisor rules on it next");
    if (after && asprintf(&ruled, "%s \u00b7 %s", why ? why : c->return_reason, after) < 0)
        ruled = NULL;
    field(d, _("Returned because"), ruled ? ruled : why ? why : c->return_reason);
    free(ruled);
    free(why);
    field(d, _("Callback"),
          c->callback_outcome ? xf_callback_outcome_label(c->callback_outcome) : NULL);
    field(d, _("Redone"), redo);
    field(d, _("Closed"), c->closed_at);
    field(d, _("Closed on time"),
          c->closed_on_time < 0 ? NULL : c->closed_on_time ? _("yes") : _("no"));
    field(d, _("Rejected because"), c->reject_reason);
    if (c->merged_into) {
        char *into = NULL, *line = NULL;
        bool outside = false;
        struct xf_error err = {0};
        if (xf_complaint_code_of(ctx, c->merged_into, &into, &outside, &err) == XF_OK &&
            outside && asprintf(&line, _("%s (outside your units)"), into) < 0)
            line = NULL;
        /* the survivor, where the answer and the callback are: a merged
         * complaint's reader goes there next (one outside the user's
         * units cannot be read) */
        if (into && !outside)
            add_link(d, c->merged_into, into);
        field(d, _("Merged into"), line ? line : into);
        free(line);
        free(into);
    }
    merged_here(d, ctx, c->id);
}

static void section_events(struct doc *d, const struct xf_ctx *ctx, int64_t id)
{
    struct xf_complaint_event *ev = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    heading(d, _("Timeline"));
    if (xf_complaint_events(ctx, id, true, &ev, &n, &err) != XF_OK) {
        char buf[800];
        wrap(d, "", "", xf_err_str(&err, buf, sizeof buf), XF_C_ALERT, false);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct xf_complaint_event *e = &ev[i];
        enum xf_complaint_state from = XF_CS_COUNT, to = XF_CS_COUNT;
        xf_complaint_state_parse(e->from_state, &from);
        xf_complaint_state_parse(e->to_state, &to);
        char *unit = unit_label(ctx, e->unit_id), *line = NULL;
        char merged[64] = "";
        if (e->complaint_id != id)
            snprintf(merged, sizeof merged, "[%s] ", e->complaint_code ? e->complaint_code : "");
        char who[160];
        xf_ctx_person(ctx, e->actor, who, sizeof who);
        if (asprintf(&line, "%s%.16s  %s  %s", merged, e->at, who, xf_complaint_event_label(e->action)) <
            0)
            line = NULL;
        wrap(d, "", "    ", line, XF_C_NORMAL, true);
        free(line);
        /* A step that left the state as it was (receiving, a note,
         * supervision) shows the state once, not "signed → signed". */
        const char *to_label = to < XF_CS_COUNT ? xf_complaint_state_label(to) : e->to_state;
        /* Receiving has no state before, and its step's name is the state
         * it leaves ("received", then "received · unit"): the unit alone. */
        bool receiving = !e->from_state || !*e->from_state;
        if (receiving)
            from = to;
        int rc = receiving && unit ? asprintf(&line, "%s", unit)
                 : from == to      ? asprintf(&line, "%s%s%s", to_label, unit ? " \u00b7 " : "",
                                              unit ? unit : "")
                            : asprintf(&line, "%s \u2192 %s%s%s",
                                       from < XF_CS_COUNT ? xf_complaint_state_label(from) : "",
                                       to_label, unit ? " \u00b7 " : "", unit ? unit : "");
        if (rc < 0)
            line = NULL;
        wrap(d, "    ", "    ", line, XF_C_DIM, false);
        /* Some notes are stored as facts (a return's reason code, an
         * answer date's days, the units or categories a change names),
         * said in the reader's language. */
        char *note =
            e->action ? xf_complaint_event_note_text(ctx->cfg, ctx->db, e->action, e->note) : NULL;
        if (e->note && *e->note)
            wrap(d, "    ", "    ", note ? note : e->note, XF_C_NORMAL, false);
        free(note);
        free(line);
        free(unit);
    }
    if (n == 0)
        wrap(d, "", "", _("No events."), XF_C_DIM, false);
    xf_complaint_events_free(ev, n);
}

static int build(struct doc *d, const struct xf_ctx *ctx, int64_t id, int width,
                 struct xf_error *err)
{
    doc_free(d);
    d->width = width;
    struct xf_complaint c = {0};
    int rc = xf_complaint_get(ctx, id, &c, err);
    if (rc)
        return rc;
    d->version = c.version;
    for (size_t i = 0; i < sizeof field_labels / sizeof field_labels[0]; i++) {
        int lw = xf_text_width(_(field_labels[i]));
        d->label_w = lw > d->label_w ? lw : d->label_w;
    }
    d->label_w = d->label_w > width / 3 ? width / 3 : d->label_w;
    section_main(d, ctx, &c);
    heading(d, _("Text"));
    wrap(d, "", "", c.text, XF_C_NORMAL, false);
    if (c.reply_text) {
        heading(d, _("Reply"));
        wrap(d, "", "", c.reply_text, XF_C_NORMAL, false);
    }
    heading(d, _("Progress"));
    int before = d->n;
    section_progress(d, ctx, &c);
    /* A new complaint has none: the heading alone read as a part that
     * failed to show. */
    if (d->n == before)
        push(d, strdup(_("Nothing yet: it has not been dispatched.")), XF_C_DIM, false);
    section_events(d, ctx, id);
    xf_complaint_clear(&c);
    return d->oom ? xf_err(err, XF_EIO, "", _("out of memory")) : XF_OK;
}

/* ---- the modal view ---- */

static void draw(WINDOW *w, const struct doc *d, int top, bool can_act)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    box(w, 0, 0);
    char k[32], hist[32], back[32], title[200];
    xf_keys_hint_name(XF_A_COMPLAINT_ACTIONS, 'a', k, sizeof k);
    xf_keys_hint_name(XF_A_HISTORY, 'H', hist, sizeof hist);
    xf_keys_hint_name(XF_A_BACK, 'q', back, sizeof back);
    if (can_act)
        snprintf(title, sizeof title, _(" Complaint — %s actions · %s history · %s closes "), k,
                 hist, back);
    else
        snprintf(title, sizeof title, _(" Complaint — %s history · %s closes "), hist, back);
    int tw = xf_text_width(title);
    xf_draw_text(w, 0, 2, tw < wd - 4 ? tw : wd - 4, title, xf_draw_attr(XF_C_TITLE));
    /* The linked complaint Enter opens, said at the foot (Tab to the next
     * when there are several); its line is highlighted. */
    const struct dlink *sel = d->n_links ? &d->links[d->link_sel] : NULL;
    int sel_end = sel ? sel->line + 1 : -1;
    while (sel && sel_end < d->n && d->v[sel_end].text[0] == ' ')
        sel_end++; /* the field's wrapped lines */
    for (int row = 0; row < h - 2 && top + row < d->n; row++) {
        const struct dline *l = &d->v[top + row];
        bool on = sel && top + row >= sel->line && top + row < sel_end;
        xf_draw_text(w, row + 1, 2, wd - 4, l->text,
                     xf_draw_attr(l->color) | (l->bold ? A_BOLD : 0) | (on ? A_REVERSE : 0));
    }
    if (sel) {
        char ent[32], tab[32], foot[200];
        xf_keys_hint_name(XF_A_DETAIL, '\n', ent, sizeof ent);
        xf_keys_hint_name(XF_A_NEXT_PANE, '\t', tab, sizeof tab);
        if (d->n_links > 1)
            /* TRANSLATORS: at the foot of a complaint's detail: Enter opens
               the complaint highlighted, Tab highlights the next */
            snprintf(foot, sizeof foot, _(" %s opens %s · %s the next "), ent, sel->code, tab);
        else
            snprintf(foot, sizeof foot, _(" %s opens %s "), ent, sel->code);
        int fw = xf_text_width(foot);
        xf_draw_text(w, h - 1, 2, fw < wd - 14 ? fw : wd - 14, foot, xf_draw_attr(XF_C_TITLE));
    }
    if (top + h - 2 < d->n) {
        /* with its key, as the help's (it said "more", and not how) */
        const char *more = _(" more: PgDn ");
        int mw = xf_text_width(more);
        int x = wd - mw - 3 > 1 ? wd - mw - 3 : 1;
        xf_draw_text(w, h - 1, x, mw, more, xf_draw_attr(XF_C_DIM));
    }
    wnoutrefresh(w);
}

/* The panes' room, between the tab bar and the status line: what a step
 * from here did (or why it was refused) shows under the detail, and the
 * history (H) opens exactly over it, as it does over the panes. */
static WINDOW *open_window(void)
{
    WINDOW *w = LINES > 6 ? newwin(LINES - 2, COLS, 1, 0) : newwin(LINES, COLS, 0, 0);
    if (w) {
        keypad(w, TRUE);
        wtimeout(w, 250);
    }
    return w;
}

static int scroll_by(enum xf_action a, int page)
{
    switch (a) {
    case XF_A_DOWN: return 1;
    case XF_A_UP: return -1;
    case XF_A_PAGE_DOWN: return page;
    case XF_A_PAGE_UP: return -page;
    case XF_A_HOME: return -1000000;
    case XF_A_END: return 1000000;
    default: return 0;
    }
}

static bool can_act(const struct xf_ctx *ctx, int64_t id)
{
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    enum xfc_act acts[XFC_NACTS];
    bool yes = xf_complaint_get(ctx, id, &c, &err) == XF_OK && xfc_allowed(ctx, &c, acts) > 0;
    xf_complaint_clear(&c);
    return yes;
}

/* The view's state, which a dialog over it may have to lay out again. */
struct view {
    const struct xf_ctx *ctx;
    int64_t id;
    WINDOW *w;
    struct doc d;
    int top;
    bool acts;
};

/* Read to its end, it stays at its end: a step someone adds meanwhile
 * comes in sight, not below "more". at_end is taken before the re-read. */
static void keep_top(struct view *v, bool at_end)
{
    int page = v->w ? getmaxy(v->w) - 2 : 0;
    if (at_end || v->top > v->d.n - page)
        v->top = v->d.n - page > 0 ? v->d.n - page : 0;
}

static bool at_end(const struct view *v)
{
    return v->w && v->top > 0 && v->top >= v->d.n - (getmaxy(v->w) - 2);
}

/* The highlighted link stays on its complaint when the doc is built
 * again (a merge done meanwhile adds a line above it). */
static void keep_link(struct doc *fresh, const struct doc *old)
{
    if (!old->n_links)
        return;
    int64_t id = old->links[old->link_sel].id;
    for (int i = 0; i < fresh->n_links; i++)
        if (fresh->links[i].id == id)
            fresh->link_sel = i;
}

/* Tab, Shift-Tab: the next (previous) link highlighted and scrolled into
 * sight. */
static void step_link(struct view *v, int delta)
{
    struct doc *d = &v->d;
    if (!d->n_links)
        return;
    d->link_sel = (d->link_sel + delta + d->n_links) % d->n_links;
    int page = getmaxy(v->w) - 2, line = d->links[d->link_sel].line;
    if (line < v->top || line >= v->top + page)
        v->top = line - page / 2 > 0 ? line - page / 2 : 0;
    v->top = v->top > d->n - page && d->n - page > 0 ? d->n - page : v->top;
}

/* Under a menu or form opened from here: the screen resized, or another
 * user's step. What cannot be read now (the complaint gone out of the
 * user's units) stays as it was; the view's own loop says why. */
static WINDOW *redo(void *arg, bool resized)
{
    struct view *v = arg;
    bool end = at_end(v);
    if (resized) {
        if (v->w)
            delwin(v->w);
        v->w = open_window();
    }
    struct doc fresh = {0};
    struct xf_error err = {0};
    if (build(&fresh, v->ctx, v->id, COLS - 4, &err) == XF_OK) {
        keep_link(&fresh, &v->d);
        doc_free(&v->d);
        v->d = fresh;
    } else {
        doc_free(&fresh);
    }
    keep_top(v, end);
    if (v->w)
        draw(v->w, &v->d, v->top, v->acts);
    return v->w;
}

int xfc_detail(struct xf_ui *ui, int64_t id)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ui);
    struct view v = {.ctx = ctx, .id = id};
    struct xf_error err = {0};
    int result = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    if (build(&v.d, ctx, id, COLS - 4, &err) != XF_OK) {
        xf_ui_error(ui, &err);
        doc_free(&v.d);
        return XF_UI_HANDLED;
    }
    v.acts = can_act(ctx, id);
    bool gone = false;
    v.w = open_window();
    /* Registered, so that a repaint under a menu or form opened from here
     * (another user's commit, a question answered, a resize) shows the
     * detail beneath them, as it is now, not the panes. */
    struct xf_ui_modal under = xf_ui_modal_swap(ui, (struct xf_ui_modal){v.w, redo, &v});
    struct xf_ui_modal self = {v.w, redo, &v};
    bool dirty = true;
    while (v.w && !xf_ui_stopping()) {
        /* Drawn again only after a key or news: an idle view redrawn on
         * every tick cost each user watching one 4 M instructions a second. */
        if (dirty)
            draw(v.w, &v.d, v.top, v.acts);
        doupdate();
        int key = 0;
        /* Another user's step shows at once, as in the panes. */
        bool others = !xf_ui_read_key(v.w, &key) && xf_ui_poll(ui);
        dirty = key || others;
        if (!dirty)
            continue;
        enum xf_action a = xf_keys_action(key);
        bool rebuild = key == XF_FKEY(KEY_RESIZE) || others;
        if (key && key != XF_FKEY(KEY_RESIZE))
            xf_ui_message_dismiss(ui); /* a key takes the last message away, as at the panes */
        if (a == XF_A_BACK)
            break;
        if (a == XF_A_HELP) { /* the help over the view, as over the panes */
            xf_ui_help(ui);
            rebuild = true;
        }
        if (a == XF_A_HISTORY) { /* as H on the list's row */
            xf_ui_history(ui, "complaint", id);
            rebuild = true;
        }
        bool linked = v.d.n_links > 0 && !gone;
        if (linked && (a == XF_A_NEXT_PANE || a == XF_A_PREV_PANE)) {
            step_link(&v, a == XF_A_NEXT_PANE ? 1 : -1);
            continue;
        }
        if (linked && a == XF_A_DETAIL) {
            /* The survivor (or a duplicate merged here) over this one; q
             * comes back to it. */
            result |= xfc_detail(ui, v.d.links[v.d.link_sel].id);
            rebuild = true;
        }
        if (a == XF_A_COMPLAINT_ACTIONS && !v.acts && !gone) {
            /* Say so (a co-handling unit's handler, a viewer) rather than
             * leave the key unanswered. */
            const char *role = xfc_role_refusal(xf_ui_ctx(ui));
            xf_ui_message(ui, true, "%s",
                          role ? role : _("There is nothing you may do to this complaint."));
            xf_ui_show_status(ui);
        }
        if (a == XF_A_COMPLAINT_ACTIONS && v.acts) {
            int r = xfc_actions(ui, id, v.d.version);
            result |= r;
            if (r & XF_UI_CHANGED) /* the list behind shows the new state */
                xf_ui_wrote(ui);
            rebuild = true;
        }
        if (rebuild) {
            bool end = at_end(&v);
            xf_ui_modal_swap(ui, under);
            if (v.w)
                delwin(v.w);
            v.w = NULL;
            xf_ui_repaint(ui);
            self.win = v.w = open_window();
            xf_ui_modal_swap(ui, self);
            struct doc fresh = {0};
            int brc = build(&fresh, ctx, id, COLS - 4, &err);
            if (brc == XF_OK) {
                keep_link(&fresh, &v.d);
                doc_free(&v.d);
                v.d = fresh;
                keep_top(&v, end);
                v.acts = can_act(ctx, id);
                gone = false; /* back in the user's units */
                continue;
            }
            doc_free(&fresh);
            if (brc != XF_EPERM) {
                xf_ui_error(ui, &err);
                break;
            }
            /* Handed to a unit outside the user's (a return accepted): the
             * view stays, as it was, until the user closes it, and says
             * why it no longer changes; it closing by itself made the next
             * q quit the program. */
            if (v.acts || !gone) {
                xf_ui_message(ui, false, "%s",
                              _("This complaint has gone to a unit outside yours and is no "
                                "longer in your list; q closes this view."));
                xf_ui_show_status(ui);
            }
            gone = true;
            v.acts = false;
            continue;
        }
        int page = getmaxy(v.w) - 2;
        /* A key that does nothing here says so, as at the panes. */
        if (!scroll_by(a, page) && !(a == XF_A_COMPLAINT_ACTIONS && !gone))
            xf_ui_unanswered(ui, key);
        v.top += scroll_by(a, page);
        v.top = v.top > v.d.n - page ? v.d.n - page : v.top;
        v.top = v.top < 0 ? 0 : v.top;
    }
    xf_ui_modal_swap(ui, under);
    if (v.w)
        delwin(v.w);
    doc_free(&v.d);
    return result;
}

