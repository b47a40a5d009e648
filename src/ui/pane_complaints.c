/* The Complaints pane: the supervision queue (督办 first), filtered by
 * state, clock and supervision, sorted by queue order, received time or
 * deadline (a handler's also by what to do first, their default),
 * searchable; Enter opens the detail, `a` the actions the role and the
 * state allow. Rows are fetched a screen at a time through
 * xf_complaint_page (keyset paging), a search's too: the page query tests
 * each row it walks, so Enter on a search reads one screen, never every
 * match. How many match in all is counted later, when the user pauses. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaints_ui.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/search.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_list.h"

/* A search's total is counted this far ("1000+"): enough to judge it. */
enum { COUNT_CAP = 1000 };

enum col {
    COL_MARK,
    COL_CODE,
    COL_STATE,
    COL_CLOCK,
    COL_DUE,
    COL_DUE_SHORT,
    COL_CATEGORY,
    COL_CONCERNS,
    COL_HOLDER,
    COL_LEAD,
    COL_RECEIVED,
    COL_TEXT,
    NCOLS
};

enum { CATEGORY_FROM = 90 };

static const struct xf_list_col cols[NCOLS] = {
    [COL_MARK] = {"!", 1, XF_ALIGN_LEFT, 0},
    [COL_CODE] = {N_("Code"), 13, XF_ALIGN_TAIL, 0},
    [COL_STATE] = {N_("State"), 13, XF_ALIGN_LEFT, 0},
    [COL_CLOCK] = {N_("Clock"), 8, XF_ALIGN_LEFT, 0},
    /* the running deadline, where there is room: "due soon" says when */
    [COL_DUE] = {N_("Due"), 10, XF_ALIGN_LEFT, 100},
    /* ... and below that as MM-DD (YY-MM-DD in another year): a handler
     * working by deadline saw "overdue" and "due soon" but not the day */
    [COL_DUE_SHORT] = {N_("Due"), 5, XF_ALIGN_LEFT, 0},      /* hidden where Due shows */
    /* the detail says it, and the text says more: at 80 columns its nine
     * cells went to the text (five characters) and the unit */
    [COL_CATEGORY] = {N_("Category"), 8, XF_ALIGN_LEFT, CATEGORY_FROM},
    [COL_CONCERNS] = {N_("Unit / post"), 0, XF_ALIGN_LINE, 120},
    /* Below the width of both, one column for who has it now: the lead
     * unit once there is one, else what it concerns. Showing only the
     * unit concerned, a re-dispatched row still named the old unit. */
    [COL_HOLDER] = {N_("Lead/concerns"), 0, XF_ALIGN_LINE, 0}, /* hidden where both show */
    [COL_LEAD] = {N_("Lead unit"), 0, XF_ALIGN_LINE, 120},
    [COL_RECEIVED] = {N_("Received"), 10, XF_ALIGN_LEFT, 110},
    [COL_TEXT] = {N_("Text"), 0, XF_ALIGN_LEFT, 0},
};

/* A unit's own name (the line's last part) with the start of its
 * department fits in 14 cells ("市文…第1号窗口"): the rest of a wide
 * screen goes to the text, which had a third of it. The one column
 * below 120 takes 18, the whole department beside a window
 * ("市文旅局…第1号窗口"); at 80 columns it had 12, "第1号窗口" alone,
 * which every department has. */
static const int col_max[NCOLS] = {[COL_CONCERNS] = 14, [COL_HOLDER] = 18, [COL_LEAD] = 14};

/* Orders, not states: "received" alone read as a filter on 受理. Each
 * named by what it goes by ("queue order", 队列顺序, beside the
 * handler's 按待办先后 read as two names for one order). */
static const char *const sort_names[XF_CSORT_COUNT] = {
    N_("by code"),
    N_("by time received"),
    N_("by deadline"),
    N_("by what to do first"),
    N_("by time closed"),
};

struct cp {
    struct xf_pane *pane;
    struct xf_list list;
    struct xf_list_col cols[NCOLS]; /* cols, state and clock sized to the language */
    enum xf_complaint_sort sort;
    int state;                 /* -1 any, else enum xf_complaint_state */
    enum xf_complaint_clock_filter clock;
    bool supervised_only;
    bool open_only; /* the work queue: not closed, rejected or merged */
    int64_t unit_id;  /* the filter's unit (and those below it), 0 = any */
    char *unit_label; /* its name, for the title */
    char *query;               /* search (cleaned), NULL = none */
    long count;                /* its matches in the list, up to COUNT_CAP; -1 not yet
                                  counted, -2 the count failed */
    bool title_dirty;          /* the count came: redraw the title alone */
    /* The Clock column as wide as its longest word (逾期办结) from
     * WIDE_CLOCK columns on, narrower below with a late closure's short
     * form; the rows were filled for wide_clock. */
    bool wide_clock;
    int clock_width[2]; /* [narrow, wide] */
    int category_w;            /* the widest category label (or the header) */
};

/* From here on the Clock column has room for every word whole. */
enum { WIDE_CLOCK = 120 };

static const struct xf_ctx *ctx_of(const struct cp *cp)
{
    return xf_ui_ctx(cp->pane->ui);
}

/* ---- helpers shared with the other complaint files ---- */

const char *xfc_clock_label(enum xf_clock k)
{
    switch (k) {
    case XF_CLOCK_DUE_SOON: return _("due soon");
    case XF_CLOCK_OVERDUE: return _("overdue");
    default: return "";
    }
}

const char *xfc_category_label(const struct xf_ctx *ctx, const char *name)
{
    const struct xf_category *c = name ? xf_config_category(ctx->cfg, name) : NULL;
    return c ? xf_category_label(c) : name ? name : "";
}

/* ---- fetching ---- */

/* The narrow Due column's dates: "YY-MM-DD" in another year (the year
 * alone made a list by deadline unreadable), or the whole day where its
 * header is ten cells wide. */
enum { DUE_SHORT_MIN = 8 };

static int due_short_width(const char *title)
{
    int w = xf_text_width(_(title));
    return w > DUE_SHORT_MIN ? w : DUE_SHORT_MIN;
}

/* ... and its width: the header's, or five cells for "MM-DD", wider while
 * a date of another year is on screen (three cells more for every row
 * took them from the names at 80 columns). */
static int due_short_shown(const struct cp *cp, const char *title)
{
    int w = xf_text_width(_(title));
    w = w > cols[COL_DUE_SHORT].width ? w : cols[COL_DUE_SHORT].width;
    for (int i = 0; i < cp->list.n; i++) {
        const struct xf_list_row *r = &cp->list.rows[i];
        int cw = r->n_cells > COL_DUE_SHORT ? xf_text_width(r->cells[COL_DUE_SHORT]) : 0;
        w = cw > w ? cw : w;
    }
    return w;
}

/* A complaint waiting on a supervisor has no unit's clock running (not
 * yet dispatched, or returned for a ruling): how long it has waited, in
 * working days as every other clock counts (calendar days made a weekend
 * look like neglect), so that one left for weeks is seen. Nothing on the
 * day it came in. */
static void waited(const struct xf_ctx *ctx, const struct xf_complaint *c, const char *today,
                   char *out, size_t size)
{
    out[0] = '\0';
    long days = xf_complaint_days_waiting(ctx, c, today, NULL);
    if (days > 0)
        /* TRANSLATORS: in the Clock column (8 cells): working days waited
         * on a supervisor (since received, or since returned) */
        snprintf(out, size, _("%ldd wait"), days);
}

/* The Clock cell: overdue, then due soon (what the 临期 filter and count
 * find, so the row must say it); else a deadline moved later after it
 * had passed says so (逾期后延期: the new date made the row look on time). */
static const char *clock_cell(const struct xf_complaint *c, enum xf_clock k)
{
    if (k == XF_CLOCK_OK && xf_complaint_missed_due(c))
        /* TRANSLATORS: in the Clock column: the deadline was extended
         * after it had passed (逾期后延期); short */
        return _("extended");
    return xfc_clock_label(k);
}

/* Closed, rejected and merged: done with, browsed for what was done
 * lately, so listed newest first. */
static bool finished_view(const struct cp *cp)
{
    return cp->state == XF_CS_CLOSED || cp->state == XF_CS_REJECTED || cp->state == XF_CS_MERGED;
}

/* The Due columns say what they hold: a closed list the day each closed
 * (a supervisor read 期限 over those dates as deadlines); a list that
 * may hold closed rows among open ones both; rejected and merged ones,
 * which have neither, none. */
static void due_titles(struct cp *cp)
{
    const char *title = cols[COL_DUE].title;
    if (cp->state == XF_CS_CLOSED)
        title = N_("Closed");
    else if (cp->state < 0 && !cp->open_only)
        /* TRANSLATORS: the Due column's header where closed complaints
         * are listed among open ones: their rows show the day closed */
        title = N_("Due/closed");
    cp->cols[COL_DUE].title = cp->cols[COL_DUE_SHORT].title = title;
    /* widened to the header, not cut ("Clos…"), and to the dates shown */
    cp->cols[COL_DUE_SHORT].width = due_short_shown(cp, title);
    if (cp->state == XF_CS_REJECTED || cp->state == XF_CS_MERGED)
        cp->cols[COL_DUE].hide_below = cp->cols[COL_DUE_SHORT].hide_below = INT_MAX;
    else
        cp->cols[COL_DUE].hide_below = cols[COL_DUE].hide_below;
}

static int row_fill(struct cp *cp, const struct xf_complaint *c, struct xf_list_row *r)
{
    const struct xf_ctx *ctx = ctx_of(cp);
    char today[XF_DATE_LEN];
    xf_date_today(today);
    enum xf_clock k = xf_complaint_clock(ctx, c, today);
    /* A post with its unit ("综合受理先锋岗 · 市公安局 › 审批处"): the
     * title alone is the same in every department. */
    char *post_place = NULL;
    if (c->post_title && c->unit_name &&
        asprintf(&post_place, "%s" XF_TITLE_SEP "%s", c->post_title, c->unit_name) < 0)
        post_place = NULL;
    const char *concerns = post_place ? post_place : c->post_title ? c->post_title : c->unit_name;
    char received[11], due_short[XF_DATE_LEN];
    snprintf(received, sizeof received, "%.10s", c->received_at ? c->received_at : "");
    const char *due = xf_complaint_deadline(c);
    /* A closed one has no deadline running: the Due columns say when it
     * closed, and the clock whether that was late (no 督办 or deadline
     * is left to show it). */
    bool closed = xf_complaint_state_of(c) == XF_CS_CLOSED;
    char closed_on[11] = "";
    if (closed && c->closed_at)
        snprintf(closed_on, sizeof closed_on, "%.10s", c->closed_at);
    if (closed)
        due = closed_on;
    xf_date_short(due, today, due_short_width(cp->cols[COL_DUE_SHORT].title), due_short);
    char wait[32];
    waited(ctx, c, today, wait, sizeof wait);
    if (closed && c->closed_on_time == 0)
        /* TRANSLATORS: in the Clock column: closed after its deadline
         * (逾期办结); the whole word, from 120 columns on */
        snprintf(wait, sizeof wait, "%s",
                 cp->wide_clock ? _("late")
                                /* TRANSLATORS: the Clock column's "closed after its
                                 * deadline" below 120 columns: at most 6 cells */
                                : xf_gettext_ctx(NC_("narrow", "late")));
    if (xf_list_row_init(r, c->sort_key, c->id, NCOLS) != XF_OK) {
        free(post_place);
        return XF_EIO;
    }
    const char *cells[NCOLS] = {
        [COL_MARK] = c->supervised ? "!" : "",
        [COL_CODE] = c->code,
        [COL_STATE] = xf_complaint_state_label(xf_complaint_state_of(c)),
        [COL_CLOCK] = *wait ? wait : clock_cell(c, k),
        [COL_DUE] = due,
        [COL_DUE_SHORT] = due_short,
        [COL_CATEGORY] = xfc_category_label(ctx, c->category),
        [COL_CONCERNS] = concerns,
        [COL_HOLDER] = c->lead_unit_id && c->lead_unit_name ? c->lead_unit_name : concerns,
        [COL_LEAD] = c->lead_unit_name,
        [COL_RECEIVED] = received,
        [COL_TEXT] = c->text,
    };
    int rc = XF_OK;
    for (int i = 0; i < NCOLS && rc == XF_OK; i++)
        if (xf_list_row_set(r, i, cells[i]) != XF_OK)
            rc = XF_EIO;
    free(post_place);
    if (rc != XF_OK)
        return rc;
    r->unit_id = c->unit_id;
    r->post_id = c->post_id;
    r->color = k == XF_CLOCK_OVERDUE ? XF_C_ALERT : k == XF_CLOCK_DUE_SOON ? XF_C_TITLE
                                                                           : XF_C_NORMAL;
    return XF_OK;
}

static void page_query(const struct cp *cp, struct xf_complaint_page *pg)
{
    memset(pg, 0, sizeof *pg);
    pg->state = cp->state >= 0 ? xf_complaint_state_name((enum xf_complaint_state)cp->state)
                               : NULL;
    pg->supervised_only = cp->supervised_only;
    pg->open_only = cp->open_only && cp->state < 0;
    pg->clock = cp->clock;
    /* The filter's unit, else the one another pane links to. */
    pg->unit_id = cp->unit_id ? cp->unit_id : cp->pane->link_unit;
    pg->post_id = cp->pane->link_post;
    pg->query = cp->query;
    pg->sort = cp->sort;
    pg->newest = finished_view(cp);
}

static int fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                 struct xf_list_row *rows_out, int *n_out, struct xf_error *err)
{
    struct cp *cp = arg;
    struct xf_complaint_page pg;
    page_query(cp, &pg);
    pg.dir = dir == XF_LIST_AFTER ? XF_CDIR_AFTER : dir == XF_LIST_FROM ? XF_CDIR_FROM
                                                                        : XF_CDIR_BEFORE;
    pg.from_sort = from ? from->sort : NULL;
    pg.from_id = from ? from->id : 0;
    pg.limit = limit > 1000 ? 1000 : limit;
    struct xf_complaint *rows = NULL;
    size_t n = 0;
    *n_out = 0;
    int rc = xf_complaint_page(ctx_of(cp), &pg, &rows, &n, err);
    for (size_t i = 0; rc == XF_OK && i < n; i++) {
        if (row_fill(cp, &rows[i], &rows_out[i]) != XF_OK) {
            xf_list_row_clear(&rows_out[i]);
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
            break;
        }
        *n_out = (int)i + 1;
    }
    xf_complaints_free(rows, n);
    return rc;
}

/* The record's current key, so the cursor follows it when it moves. */
static int locate(void *arg, int64_t id, struct xf_list_key *key_out, struct xf_error *err)
{
    struct cp *cp = arg;
    struct xf_complaint c = {0};
    int rc = xf_complaint_get(ctx_of(cp), id, &c, err);
    if (rc)
        return rc;
    key_out->sort = xf_complaint_sort_key(ctx_of(cp), &c, cp->sort);
    if (key_out->sort && finished_view(cp)) {
        char *k = xf_complaint_newest_key(key_out->sort, id);
        free(key_out->sort);
        key_out->sort = k;
    }
    key_out->id = id;
    xf_complaint_clear(&c);
    return key_out->sort ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
}

/* A search's total costs a walk over every row the filters leave (a
 * screen needs only a screenful), so it waits for the idle pass, unless
 * the whole result is on screen already. */
static void count_reset(struct cp *cp, bool loaded)
{
    const struct xf_list *l = &cp->list;
    cp->count = cp->query && loaded && l->at_top && l->n < l->cap ? l->n : -1;
}

/* The list read again by read; shown, with its count started again. */
static int reread(struct cp *cp, int (*read)(struct xf_list *, struct xf_error *))
{
    struct xf_error err = {0};
    due_titles(cp); /* the rows' short dates are cut to its header */
    bool loaded = read(&cp->list, &err) == XF_OK;
    if (!loaded)
        xf_ui_error(cp->pane->ui, &err);
    count_reset(cp, loaded);
    cp->pane->dirty = cp->pane->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* Back to the first row after the order or the filter changed. */
static int restart(struct cp *cp)
{
    xf_list_free(&cp->list);
    cp->list.sel = 0;
    return reread(cp, xf_list_reload);
}

/* After the search or the filter changed: the first match on the first
 * line, the cursor on its complaint where that screen has it. */
static int refilter(struct cp *cp)
{
    return reread(cp, xf_list_refilter);
}

static void select_id(struct cp *cp, int64_t id);

/* The order a list starts in: a handler's by what to do first. */
static enum xf_complaint_sort first_sort(const struct cp *cp)
{
    return ctx_of(cp)->role == XF_ROLE_HANDLER ? XF_CSORT_ACTION : XF_CSORT_QUEUE;
}

/* The state filter; a closed list is read by when each closed (newest
 * first: "newest" by code put one closed today after months in the queue
 * pages down), an order that means nothing in any other list. */
static void set_state(struct cp *cp, int state)
{
    if (state == XF_CS_CLOSED && cp->state != XF_CS_CLOSED)
        cp->sort = XF_CSORT_CLOSED;
    else if (state != XF_CS_CLOSED && cp->sort == XF_CSORT_CLOSED)
        cp->sort = first_sort(cp);
    cp->state = state;
}

/* ---- search, filter, sort ---- */

static void search_clear(struct cp *cp)
{
    free(cp->query);
    cp->query = NULL;
    cp->count = -1;
}

/* Checks and keeps the text: the list's page query does the search. */
static int search_run(struct cp *cp, const char *q, struct xf_error *err)
{
    char *clean = NULL;
    int rc = xf_search_clean_query(q, &clean, err);
    if (rc)
        return rc;
    search_clear(cp);
    cp->query = clean;
    return XF_OK;
}

static int search_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct cp *cp = arg;
    const char *q = xf_form_text(&f->fields[0]);
    if (!*q) {
        search_clear(cp);
        return XF_OK;
    }
    return search_run(cp, q, err);
}

static int do_search(struct cp *cp)
{
    struct xf_form_field fields[1] = {
        {.name = "query", .label = _("Search"), .kind = XF_FIELD_TEXT, .max_chars = 200},
    };
    struct xf_form f = {.title = _("Search complaints (empty: show all)"), .fields = fields,
                        .n = 1, .arg = cp, .submit = search_submit, .prompt = true};
    if (cp->query)
        xf_form_set_text(&fields[0], cp->query);
    int ok = xf_form_run(cp->pane->ui, &f);
    xf_form_free(&f);
    if (!ok)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    /* emptied: what it found stays under the cursor, as after Esc */
    return (cp->query ? refilter(cp) : reread(cp, xf_list_widen)) | XF_UI_REDRAW_ALL;
}

static void set_unit(struct cp *cp, int64_t id, const char *label)
{
    free(cp->unit_label);
    cp->unit_label = id && label ? strdup(label) : NULL;
    cp->unit_id = id;
}

static int pick_unit(void *arg, int field, const char *query, int limit,
                     struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    return xf_form_pick_units(ctx_of(arg), query, limit, out, n_out, err);
}

static int do_filter(struct cp *cp)
{
    /* The states a complaint can be in now: "called back, to close" only
     * an earlier version left (a callback closes in the same step; SPEC
     * §2.5), so it is not offered; such complaints show in "any". */
    const char *states[XF_CS_COUNT + 2];
    int state_of[XF_CS_COUNT + 1], n_states = 1, chosen = 0;
    states[0] = _("any");
    state_of[0] = -1;
    for (int i = 0; i < XF_CS_COUNT; i++) {
        if (i == XF_CS_CALLBACK)
            continue;
        if (i == cp->state)
            chosen = n_states;
        state_of[n_states] = i;
        states[n_states++] = xf_complaint_state_label((enum xf_complaint_state)i);
    }
    states[n_states] = NULL;
    /* A closed complaint has no deadline left: the same choice finds
     * those closed late, and says so (a closed list filtered "overdue"
     * was empty while the rows said "late"). */
    const char *clocks[] = {_("any"), _("overdue or closed late"), _("due soon"), NULL};
    struct xf_form_field fields[5] = {
        {.name = "open", .label = _("Open only"), .kind = XF_FIELD_YESNO,
         .choice = cp->open_only},
        {.name = "state", .label = _("State"), .kind = XF_FIELD_CHOICE, .choices = states,
         .choice = chosen},
        {.name = "clock", .label = _("Clock"), .kind = XF_FIELD_CHOICE, .choices = clocks,
         .choice = (int)cp->clock},
        {.name = "supervised", .label = _("Supervised only"), .kind = XF_FIELD_YESNO,
         .choice = cp->supervised_only},
        /* a unit's complaints, those of the units below it with them (a
         * supervisor had to go through Pledge progress to link one) */
        {.name = "unit", .label = _("Unit (empty: any)"), .kind = XF_FIELD_PICK,
         .pick = pick_unit, .no_match = _("No unit of yours matches.")},
    };
    if (cp->unit_id) {
        fields[4].picked = cp->unit_id;
        xf_form_set_text(&fields[4], cp->unit_label ? cp->unit_label : "");
    }
    struct xf_form f = {.title = _("Filter complaints"), .fields = fields, .n = 5,
                        .arg = cp, .applies = true};
    int ok = xf_form_run(cp->pane->ui, &f);
    if (ok) {
        cp->open_only = fields[0].choice;
        set_state(cp, state_of[fields[1].choice]);
        cp->clock = (enum xf_complaint_clock_filter)fields[2].choice;
        cp->supervised_only = fields[3].choice;
        set_unit(cp, fields[4].picked, xf_form_text(&fields[4]));
    }
    xf_form_free(&f);
    return ok ? refilter(cp) | XF_UI_REDRAW_ALL : XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* Away from the work queue: a search, or a filter other than "open only". */
static bool narrowed(const struct cp *cp)
{
    return cp->query || !cp->open_only || cp->state >= 0 || cp->clock != XF_CCLOCK_ANY ||
           cp->supervised_only || cp->unit_id;
}

/* Esc: the search goes first, then the filter, back to the open queue;
 * the cursor stays on its complaint where the list still has it. (A
 * clerk pressed Esc to clear a search and was told to use q.) */
static int do_back(struct cp *cp)
{
    if (!narrowed(cp))
        return XF_UI_IGNORED;
    const char *msg = _("Search cleared.");
    if (cp->query) {
        search_clear(cp);
    } else {
        cp->open_only = true;
        set_state(cp, -1);
        cp->clock = XF_CCLOCK_ANY;
        cp->supervised_only = false;
        set_unit(cp, 0, NULL);
        msg = _("Filter cleared: the open queue again.");
    }
    int rc = reread(cp, xf_list_widen);
    xf_ui_message(cp->pane->ui, false, "%s", msg);
    return rc;
}

static int do_sort(struct cp *cp)
{
    /* Signing for and replying are a handler's steps: a supervisor's own
     * (classify, rule, call back) are not what that order ranks; by time
     * closed only a closed list. */
    do
        cp->sort = (enum xf_complaint_sort)((cp->sort + 1) % XF_CSORT_COUNT);
    while ((cp->sort == XF_CSORT_ACTION && !xf_complaint_handler_view(ctx_of(cp))) ||
           (cp->sort == XF_CSORT_CLOSED && cp->state != XF_CS_CLOSED));
    const char *name = _(sort_names[cp->sort]);
    char *said = NULL;
    /* There a supervised complaint already answered goes below one to
     * sign for: "supervised first" holds only for what is to be done.
     * Where that does not fit the status line, the order's name does. */
    if (cp->sort == XF_CSORT_ACTION &&
        asprintf(&said, _("Order: %s (supervised first among what is yours to do)."), name) < 0)
        said = NULL;
    if (cp->sort != XF_CSORT_ACTION)
        xf_ui_message(cp->pane->ui, false, _("Order: %s (supervised first)."), name);
    else if (said && xf_text_width(said) <= COLS - 1)
        xf_ui_message(cp->pane->ui, false, "%s", said);
    else
        xf_ui_message(cp->pane->ui, false, _("Order: %s."), name);
    free(said);
    return restart(cp);
}

/* ---- pane ops ---- */

/* The Category column's bounds: 8 cells fit the built-in labels, and a
 * configured English one ("Administrative procedure") was cut to
 * "Administ"; it takes its widest label up to these, cut with an
 * ellipsis beyond them (the detail names it whole). A pane of 100 cells
 * (half of 200 columns) has room for 24; one of 80, 12. */
#define CATEGORY_MAX_NARROW 12
#define CATEGORY_MAX_WIDE 24
#define CATEGORY_WIDE_FROM 100

static void size_cols(struct cp *cp)
{
    struct xf_list_col *c = cp->cols;
    memcpy(c, cols, sizeof cols);
    /* Not the state an earlier version left before closing ("called back,
     * to close"), which no step reaches now: its three cells more went
     * from the unit and the text on every row. */
    const char *states[XF_CS_COUNT];
    size_t n = 0;
    for (int i = 0; i < XF_CS_COUNT; i++)
        if (i != XF_CS_CALLBACK)
            states[n++] = xf_complaint_state_label((enum xf_complaint_state)i);
    c[COL_STATE].width =
        xf_list_label_width(cols[COL_STATE].title, states, n, cols[COL_STATE].width);
    char wait[32]; /* weeks waited, as a received complaint's clock says */
    snprintf(wait, sizeof wait, _("%ldd wait"), 99L);
    const char *clocks[] = {xfc_clock_label(XF_CLOCK_DUE_SOON), xfc_clock_label(XF_CLOCK_OVERDUE),
                            wait, _("extended"), xf_gettext_ctx(NC_("narrow", "late")),
                            _("late")};
    /* 逾期办结 was cut to 逾期… at every width: "late" was not measured */
    cp->clock_width[0] =
        xf_list_label_width(cols[COL_CLOCK].title, clocks, 5, cols[COL_CLOCK].width);
    cp->clock_width[1] = xf_list_label_width(cols[COL_CLOCK].title, clocks, 6, 12);
    c[COL_CLOCK].width = cp->clock_width[0];
    const struct xf_config *cfg = ctx_of(cp)->cfg;
    cp->category_w = xf_text_width(_(cols[COL_CATEGORY].title));
    for (size_t i = 0; cfg && i < cfg->n_categories; i++) {
        int lw = xf_text_width(xf_category_label(&cfg->categories[i]));
        if (lw > cp->category_w)
            cp->category_w = lw;
    }
}

static int cp_open(struct xf_pane *p, struct xf_error *err)
{
    (void)err;
    struct cp *cp = calloc(1, sizeof *cp);
    if (!cp)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    cp->pane = p;
    cp->state = -1;
    cp->open_only = true; /* a queue of work to do, until the filter says otherwise */
    /* A handler's queue is what they must do, by its deadline: the
     * overdue sign-for first, and a supervised complaint already answered
     * not above one to sign for tomorrow. */
    cp->sort = first_sort(cp);
    cp->count = -1;
    size_cols(cp);
    xf_list_init(&cp->list, cp->cols, NCOLS, fetch, locate, cp);
    cp->list.col_max = col_max;
    p->priv = cp;
    return XF_OK;
}

static void cp_close(struct xf_pane *p)
{
    struct cp *cp = p->priv;
    if (!cp)
        return;
    xf_list_free(&cp->list);
    search_clear(cp);
    set_unit(cp, 0, NULL);
    free(cp);
    p->priv = NULL;
}

/* The clock filter's "overdue" as it reads on the rows shown: a closed
 * list's rows were closed late, and a list of every state holds both. */
static const char *overdue_label(const struct cp *cp)
{
    if (cp->state == XF_CS_CLOSED)
        return _("late");
    if (cp->state < 0 && !cp->open_only)
        return _("overdue or closed late");
    return _("overdue");
}

/* The least of the title's start kept beside a link: "投诉 — 按…". */
enum { TITLE_HEAD_LEAST = 8 };

/* "queue order · state: signed for · overdue · supervised · “词” (3)" */
static void draw_title(struct cp *cp, WINDOW *w, bool focused)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (!f)
        return;
    fprintf(f, "%s \u2014 %s", _("Complaints"), _(sort_names[cp->sort]));
    if (finished_view(cp))
        /* TRANSLATORS: after the order in the Complaints title: "by code,
         * newest first" (Chinese "按代码，最新在前") */
        fprintf(f, _(", %s"), _("newest first"));
    if (cp->state >= 0)
        fprintf(f, " \u00b7 %s", xf_complaint_state_label((enum xf_complaint_state)cp->state));
    else if (cp->open_only)
        fprintf(f, " \u00b7 %s", _("open only"));
    if (cp->clock != XF_CCLOCK_ANY)
        fprintf(f, " \u00b7 %s",
                cp->clock == XF_CCLOCK_OVERDUE ? overdue_label(cp) : _("due soon"));
    if (cp->supervised_only)
        fprintf(f, " \u00b7 %s", _("supervised"));
    if (cp->unit_id) {
        char *u = xf_text_sanitize(cp->unit_label ? cp->unit_label : "", false);
        fprintf(f, " \u00b7 %s", u ? u : "");
        free(u);
    }
    char count[32] = "", linked[300] = "";
    if (cp->query && cp->count >= 0)
        snprintf(count, sizeof count, " (%ld%s)", cp->count, cp->count >= COUNT_CAP ? "+" : "");
    char *q = cp->query ? xf_text_sanitize(cp->query, false) : NULL;
    const char *shown = q ? q : cp->query;
    fflush(f);
    int avail = cp->pane->w - 2 - xf_text_width(s);
    int q_full = shown ? 4 + xf_text_width(shown) + xf_text_width(count) : 0;
    if (cp->pane->link_unit || cp->pane->link_post) {
        /* The search, just typed, whole where it can be; the link in what
         * is left, but never less than its shortest form ("linked to …
         * (L clears)"): at 80 columns the whole note ran off the edge,
         * the post's code with it. */
        xf_ui_linked_note_fit(cp->pane->ui, cp->pane->link_unit, cp->pane->link_post, 0, linked,
                              sizeof linked);
        int least = xf_text_width(linked);
        xf_ui_linked_note_fit(cp->pane->ui, cp->pane->link_unit, cp->pane->link_post,
                              avail - q_full > least ? avail - q_full : least, linked,
                              sizeof linked);
    }
    char search[4 * 200 + 64] = "";
    if (shown) {
        /* A long search is shortened rather than its count cut off: the
         * count is what the user looks for. */
        int room = avail - 4 - xf_text_width(count) - xf_text_width(linked);
        char fitted[4 * 200 + 8];
        if (room > 1 && xf_text_width(shown) > room)
            xf_text_fit(shown, room, false, fitted, sizeof fitted);
        else
            snprintf(fitted, sizeof fitted, "%s", shown);
        snprintf(search, sizeof search, " \u00b7 /%s%s", fitted, count);
    }
    free(q);
    fclose(f);
    /* Still too long (a search beside a link at 80 columns): the order
     * and the filters' words give way, not the link, which was cut at
     * the edge to "linked to … (XFG-0…", the post's code and the key
     * that clears it lost. */
    int over = xf_text_width(s) + xf_text_width(search) + xf_text_width(linked) - (cp->pane->w - 2);
    char head[4 * 300 + 8];
    if (*linked && over > 0 && xf_text_width(s) - over >= TITLE_HEAD_LEAST)
        xf_text_fit(s, xf_text_width(s) - over, false, head, sizeof head);
    else
        snprintf(head, sizeof head, "%s", s);
    char *title = NULL;
    if (asprintf(&title, "%s%s%s", head, search, linked) < 0)
        title = NULL;
    attr_t a = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
    xf_draw_text(w, 0, 1, cp->pane->w - 2, title ? title : s, a);
    free(title);
    free(s);
}

/* The keys of the queue, as the other lists have them (a clerk found a,
 * /, f and s only through the help). */
static void draw_hints(struct cp *cp, WINDOW *w, int y)
{
    const struct xf_ctx *ctx = ctx_of(cp);
    bool sup = xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE);
    bool acts = sup || xf_perm_allows(ctx, XF_P_COMPLAINT_HANDLE);
    const struct xf_hint hints[] = {
        {sup ? XF_A_NEW : XF_A_NONE, 'n', N_("receive"), 0, 0},
        {XF_A_DETAIL, '\n', N_("detail"), 0, 0},
        {acts ? XF_A_COMPLAINT_ACTIONS : XF_A_NONE, 'a', N_("steps"), 0, 0},
        {XF_A_SEARCH, '/', N_("search"), 0, 0},
        {XF_A_FILTER, 'f', N_("filter"), 0, 0},
        {XF_A_SORT, 's', N_("sort"), 0, 0},
        {narrowed(cp) ? XF_A_BACK : XF_A_NONE, XF_KEY_ESC, N_("clear"), 0, 0}};
    char buf[300];
    xf_keys_hints(buf, sizeof buf, "  ", hints, sizeof hints / sizeof hints[0]);
    xf_draw_text(w, y, 0, cp->pane->w, buf, xf_draw_attr(XF_C_DIM));
}

/* The open queue with nothing in it says what to do (a new office's
 * supervisor met "No records." and nothing else), and that closed
 * complaints are there to be shown. */
static void empty_queue(struct cp *cp)
{
    char n[32], f[32];
    if (!xf_keys_hint_key(XF_A_FILTER, 'f', f, sizeof f))
        return;
    if (xf_perm_allows(ctx_of(cp), XF_P_COMPLAINT_SUPERVISE) &&
        xf_keys_hint_key(XF_A_NEW, 'n', n, sizeof n))
        snprintf(cp->list.empty, sizeof cp->list.empty,
                 _("No open complaints. %s receives one as it comes in (hotline, letter, "
                   "visit); closed ones are filtered out (%s, Open only: no)."),
                 n, f);
    else
        snprintf(cp->list.empty, sizeof cp->list.empty,
                 _("No open complaints; closed ones are filtered out (%s, Open only: no)."), f);
}

static void cp_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct cp *cp = p->priv;
    bool hints = p->h >= 10;
    int rows = p->h - 2 - (hints ? 1 : 0) > 0 ? p->h - 2 - (hints ? 1 : 0) : 0;
    due_titles(cp); /* before a read: the short dates fit its header */
    if ((p->w >= WIDE_CLOCK) != cp->wide_clock) {
        /* the rows hold the other form of a late closure: read again */
        cp->wide_clock = p->w >= WIDE_CLOCK;
        cp->cols[COL_CLOCK].width = cp->clock_width[cp->wide_clock];
        struct xf_error err = {0};
        if (cp->list.cap > 0 && rows == cp->list.cap && xf_list_reload(&cp->list, &err) != XF_OK)
            xf_ui_error(p->ui, &err);
        p->full = true;
    }
    if (rows != cp->list.cap) {
        struct xf_error err = {0};
        if (xf_list_set_height(&cp->list, rows, &err) != XF_OK)
            xf_ui_error(p->ui, &err);
        p->full = true;
    }
    if (p->full || cp->title_dirty)
        draw_title(cp, w, focused);
    cp->title_dirty = false;
    if (cp->list.n == 0)
        xf_ui_linked_empty(p->ui, p->link_unit, p->link_post,
                           cp->open_only || cp->state >= 0 || cp->clock != XF_CCLOCK_ANY ||
                               cp->supervised_only || cp->query || cp->unit_id,
                           cp->list.empty, sizeof cp->list.empty);
    /* A repeat caller's old complaint is usually closed: the list says
     * where else to look for as long as it is empty (a message went with
     * the clock, and "No records" was believed). */
    char k[32];
    if (cp->list.n == 0 && !cp->list.empty[0] && cp->query && cp->open_only &&
        cp->state < 0 && xf_keys_hint_key(XF_A_FILTER, 'f', k, sizeof k))
        snprintf(cp->list.empty, sizeof cp->list.empty,
                 _("No open complaint matches; closed ones are filtered out (%s, Open only: "
                   "no)."),
                 k);
    if (cp->list.n == 0 && !cp->list.empty[0] && !narrowed(cp) && !p->link_unit &&
        !p->link_post)
        empty_queue(cp);
    /* One Due column or the other, never both (hide_below cannot say
     * "hidden from this width on"). */
    cp->cols[COL_DUE_SHORT].hide_below = p->w >= cols[COL_DUE].hide_below ? INT_MAX : 0;
    cp->cols[COL_HOLDER].hide_below = p->w >= cols[COL_LEAD].hide_below ? INT_MAX : 0;
    int cat_max = p->w >= CATEGORY_WIDE_FROM ? CATEGORY_MAX_WIDE : CATEGORY_MAX_NARROW;
    cp->cols[COL_CATEGORY].width = cp->category_w < cat_max ? cp->category_w : cat_max;
    cp->cols[COL_DUE_SHORT].width = due_short_shown(cp, cp->cols[COL_DUE_SHORT].title);
    xf_list_draw(&cp->list, w, 1, 0, p->w, focused, p->full);
    if (hints && p->full)
        draw_hints(cp, w, p->h - 1);
}

static int64_t sel_id(const struct cp *cp)
{
    const struct xf_list_row *r = xf_list_selected(&cp->list);
    return r ? r->key.id : 0;
}

/* Puts the cursor on record id wherever the order puts it: the list
 * re-reads the screen around the record it believes selected. */
static void select_id(struct cp *cp, int64_t id)
{
    struct xf_error err = {0};
    if (xf_list_select_id(&cp->list, id, &err) != XF_OK)
        xf_ui_error(cp->pane->ui, &err);
    cp->pane->dirty = cp->pane->full = true;
}

/* `n`: receive a complaint, then show it selected. Filters that would
 * hide a new, unsupervised, received complaint are lifted first. */
static int do_new(struct cp *cp)
{
    struct xf_ui *ui = cp->pane->ui;
    if (!xf_perm_allows(ctx_of(cp), XF_P_COMPLAINT_SUPERVISE)) {
        xf_ui_message(ui, true, "%s",
                      _("Only supervisors and administrators register complaints."));
        return XF_UI_HANDLED;
    }
    int64_t id = 0;
    int r = xfc_new(ui, &id);
    if (!id)
        return r;
    bool lifted = (cp->state >= 0 && cp->state != XF_CS_RECEIVED) ||
                  cp->clock != XF_CCLOCK_ANY || cp->supervised_only || cp->query || cp->unit_id;
    if (cp->state >= 0 && cp->state != XF_CS_RECEIVED)
        /* back to the open queue, where a new complaint belongs, not to
         * every complaint ever received (a state filter is set with "open
         * only" off) */
        cp->open_only = true;
    if (cp->state != XF_CS_RECEIVED)
        set_state(cp, -1);
    cp->clock = XF_CCLOCK_ANY;
    cp->supervised_only = false;
    set_unit(cp, 0, NULL);
    search_clear(cp);
    select_id(cp, id);
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    const struct xf_list_row *sel = xf_list_selected(&cp->list);
    bool shown = sel && sel->key.id == id;
    if (xf_complaint_get(ctx_of(cp), id, &c, &err) == XF_OK)
        xf_ui_message(ui, false,
                      !shown  ? _("Complaint %s received; the link to another pane hides it "
                                  "(L stops narrowing).")
                      : lifted ? _("Complaint %s received; the filter was cleared to show it.")
                               : _("Complaint %s received."),
                      c.code);
    xf_complaint_clear(&c);
    return r | XF_UI_REDRAW_ALL;
}

/* e: intake put right while the complaint is received or classified;
 * after that a complaint changes only through its steps. */
static int do_correct(struct cp *cp)
{
    struct xf_ui *ui = cp->pane->ui;
    struct xf_complaint c = {0};
    struct xf_error err = {0};
    if (!sel_id(cp))
        return XF_UI_HANDLED;
    if (xf_complaint_get(ctx_of(cp), sel_id(cp), &c, &err) != XF_OK) {
        xf_ui_error(ui, &err);
        return XF_UI_HANDLED;
    }
    enum xf_complaint_state st = xf_complaint_state_of(&c);
    int r = XF_UI_HANDLED;
    char k[32];
    if (!xf_perm_allows(ctx_of(cp), XF_P_COMPLAINT_SUPERVISE)) {
        /* A viewer has no steps to be pointed to. */
        if (!xf_perm_allows(ctx_of(cp), XF_P_COMPLAINT_HANDLE))
            xf_ui_message(ui, true, "%s", _("Only supervisors correct a complaint's intake."));
        else if (xf_keys_hint_key(XF_A_COMPLAINT_ACTIONS, 'a', k, sizeof k))
            xf_ui_message(ui, true, _("Only supervisors correct a complaint's intake; %s lists "
                                       "the steps you may take."), k);
    } else if (st != XF_CS_RECEIVED && st != XF_CS_CLASSIFIED) {
        if (xf_keys_hint_key(XF_A_COMPLAINT_ACTIONS, 'a', k, sizeof k))
            xf_ui_message(ui, true,
                          _("%s is past intake: it changes only through its steps (%s lists "
                            "them)."),
                          c.code, k);
    } else {
        r = xfc_correct(ui, &c);
        if (r & XF_UI_CHANGED)
            xf_ui_message(ui, false, _("Intake of %s corrected."), c.code);
    }
    xf_complaint_clear(&c);
    return r;
}

static int cp_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    struct cp *cp = p->priv;
    struct xf_error err = {0};
    switch (a) {
    case XF_A_SEARCH: return do_search(cp);
    case XF_A_FILTER: return do_filter(cp);
    case XF_A_SORT: return do_sort(cp);
    case XF_A_NEW: return do_new(cp);
    case XF_A_COMPLAINT_ACTIONS:
        if (!sel_id(cp))
            return XF_UI_HANDLED;
        return xfc_actions(p->ui, sel_id(cp), 0);
    case XF_A_EDIT: return do_correct(cp);
    case XF_A_BACK: return raw == XF_KEY_ESC ? do_back(cp) : XF_UI_IGNORED; /* q quits */
    default: break;
    }
    int r = xf_list_move(&cp->list, a, &err);
    if (err.code)
        xf_ui_error(p->ui, &err);
    return r;
}

static int cp_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct cp *cp = p->priv;
    int rc = cp->list.cap > 0 ? xf_list_reload(&cp->list, err) : XF_OK;
    count_reset(cp, rc == XF_OK && cp->list.cap > 0);
    return rc;
}

/* The search's total, bounded: a walk over the filtered rows at most. */
static int cp_idle(struct xf_pane *p)
{
    struct cp *cp = p->priv;
    if (!cp->query || cp->count != -1)
        return XF_UI_IGNORED;
    struct xf_complaint_page pg;
    struct xf_error err = {0};
    page_query(cp, &pg);
    long n;
    if (xf_complaint_count(ctx_of(cp), &pg, COUNT_CAP, &n, &err) != XF_OK) {
        xf_ui_error(p->ui, &err);
        n = -1;
    }
    cp->count = n < 0 ? -2 : n; /* -2: the error is shown, and not asked again */
    cp->title_dirty = n >= 0;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int cp_detail(struct xf_pane *p)
{
    struct cp *cp = p->priv;
    return sel_id(cp) ? xfc_detail(p->ui, sel_id(cp)) : XF_UI_HANDLED;
}

static int cp_link(struct xf_pane *p, int64_t unit_id, int64_t post_id)
{
    p->link_unit = unit_id;
    p->link_post = post_id;
    return restart(p->priv);
}

/* The Overview's complaint figures: open, overdue, supervised (both of
 * the open ones, as it counts them) and closed. */
static int cp_drill(struct xf_pane *p, const char *what)
{
    struct cp *cp = p->priv;
    bool overdue = strcmp(what, "overdue") == 0, supervised = strcmp(what, "supervised") == 0;
    bool closed = strcmp(what, "closed") == 0;
    if (!overdue && !supervised && !closed && strcmp(what, "open") != 0)
        return XF_EINVAL;
    search_clear(cp);
    set_unit(cp, 0, NULL);
    cp->open_only = !closed;
    set_state(cp, closed ? XF_CS_CLOSED : -1);
    cp->clock = overdue ? XF_CCLOCK_OVERDUE : XF_CCLOCK_ANY;
    cp->supervised_only = supervised;
    restart(cp);
    return XF_OK;
}

static int cp_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct cp *cp = p->priv;
    return xf_list_click(&cp->list, y - 2);
}

static int cp_selected(struct xf_pane *p, const char **entity, int64_t *id)
{
    *entity = "complaint";
    *id = sel_id(p->priv);
    return *id > 0 ? 0 : -1;
}

const struct xf_pane_ops xf_pane_complaints = {
    .name = "complaints",
    .title = N_("Complaints"),
    .open = cp_open,
    .close = cp_close,
    .draw = cp_draw,
    .key = cp_key,
    .refresh = cp_refresh,
    .refresh_under_form = true,
    .idle = cp_idle,
    .detail = cp_detail,
    .link = cp_link,
    .drill = cp_drill,
    .click = cp_click,
    .selected = cp_selected,
};
