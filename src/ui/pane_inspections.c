/* The Inspections pane (SPEC §2.6): every inspection newest first, keyset
 * paged, with its result and the state of its rectification; filters,
 * two sort orders, a search, narrowing to the unit or post selected in a
 * source pane, the detail, a new inspection and the rectification steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspections.h"
#include "xf/date.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_menu.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

/* ---- labels --------------------------------------------------------------- */

const char *xf_insp_kind_label(const char *kind, int short_form)
{
    bool sample = kind && strcmp(kind, "sample") == 0;
    /* The list's column is 6 wide, as the post and unit need the room:
     * "unannounced" cut short as "Rectif." is, the same word (it was
     * "spot": 抽查, another thing). */
    if (short_form)
        /* TRANSLATORS: "unannounced inspection" in at most 6 columns */
        return sample ? _("sample") : _("unann.");
    return sample ? _("sample check") : _("unannounced inspection");
}

const char *xf_insp_checklist_label(const char *name, const char *kind)
{
    return !name || !*name || (kind && strcmp(name, kind) == 0) ? xf_insp_kind_label(kind, 0)
                                                                : name;
}

const char *xf_insp_result_label(const char *result)
{
    return result && strcmp(result, "fail") == 0 ? _("fail") : _("pass");
}

const char *xf_insp_result_text(const char *result, int items_failed, int samples_failed,
                                bool short_form, char *buf, size_t size)
{
    bool fail = result && strcmp(result, "fail") == 0;
    if (fail || (items_failed <= 0 && samples_failed <= 0))
        snprintf(buf, size, "%s", xf_insp_result_label(result));
    else if (short_form)
        /* TRANSLATORS: a passed check with this many failed checklist items
           (or, none failing, failed samples), in the post card's column of
           at most 10 cells ("合格(1×)" read as cryptic, "pass·1bad" as a
           typo); "bad" as in the list's Bad/all column; "pass·9 bad" is 10,
           as "合格·9未过" */
        snprintf(buf, size, _("pass\u00b7%d bad"),
                 items_failed > 0 ? items_failed : samples_failed);
    else if (items_failed > 0)
        snprintf(buf, size, ngettext("PASS (%d item failed)", "PASS (%d items failed)",
                                     (unsigned long)items_failed),
                 items_failed);
    else
        snprintf(buf, size, ngettext("PASS (%d sample failed)", "PASS (%d samples failed)",
                                     (unsigned long)samples_failed),
                 samples_failed);
    return buf;
}

const char *xf_insp_rect_label(const char *status)
{
    if (!status || !*status)
        return "";
    if (strcmp(status, "open") == 0)
        return _("open");
    if (strcmp(status, "done") == 0) /* reported done: not finished until verified */
        return _("to verify");
    if (strcmp(status, "cancelled") == 0) /* not needed: corrected to a pass */
        return _("cancelled");
    return _("verified");
}

const char *xf_insp_outcome_label(const char *outcome)
{
    if (!outcome)
        return "\u00b7";
    if (strcmp(outcome, "pass") == 0)
        return _("pass");
    if (strcmp(outcome, "fail") == 0)
        return _("FAIL");
    return _("n.a.");
}

/* ---- columns ----------------------------------------------------------------- */

/* What a cell shows; a layout is a list of these. Hidden cells after
 * the visible ones carry what the actions need. */
enum field { F_DATE, F_CODE, F_KIND, F_PLACE, F_INSPECTOR, F_RESULT, F_SAMPLES, F_RSTATUS, F_RDUE,
             NVIS };
enum hidden { H_RESULT = NVIS, H_OVERDUE, H_RECT_ID, H_RECT_VERSION, H_RECT_STATUS, H_CODE,
              H_POST_CODE, H_POST_TITLE, H_UNIT_NAME, H_INSPECTOR, H_FAILURES, NCELLS };

/* Below WIDE_MIN cells the inspector's column narrows and the kind may
 * go, below CODE_MIN the code column goes (80x24 shows one pane). A
 * search's matches are counted as far as COUNT_CAP ("1000+"). */
enum { WIDE_MIN = 99, CODE_MIN = 120, PAGE_MAX = 200, COUNT_CAP = 1000 };

/* A sample check's counts, "3/120", or a checklist check's items, "2/5"
 * (the column was empty for those): the header says which is which (it
 * said "Samples", and the detail says "120 checked, 3 failed"). */
/* TRANSLATORS: the samples (a sample check) or checklist items (other
   checks; n.a. ones left out) that failed / all checked, over "3/120"
   and "2/5": not "sampled", which read as empty for a checklist check */
#define SAMPLES_HEADER N_("Bad/all")
enum { NARROW_SAMPLES = 5, WIDE_SAMPLES = 6, SAMPLES_MOST = 12, NARROW_RECT = 6, WIDE_RECT = 7,
       NARROW_RESULT = 4, WIDE_RESULT = 5, RESULT_MOST = 10 };

/* On a small terminal (a phone's, 64 columns) the kind and the samples
 * give way: the post or unit is what tells the rows apart. */
static const struct xf_list_col narrow_cols[] = {
    {N_("Date"), 10, XF_ALIGN_LEFT, 0},      {N_("Kind"), 6, XF_ALIGN_LEFT, 70},
    {N_("Post / unit"), 0, XF_ALIGN_LINE, 0}, {N_("Inspector"), 8, XF_ALIGN_LEFT, 66},
    {N_("Result"), 6, XF_ALIGN_LEFT, 0},     {SAMPLES_HEADER, 7, XF_ALIGN_RIGHT, 76},
    {N_("Rectif."), 9, XF_ALIGN_LEFT, 0},    {N_("Due"), 10, XF_ALIGN_LEFT, 0},
};
static const enum field narrow_fields[] = {F_DATE,   F_KIND,    F_PLACE,   F_INSPECTOR,
                                           F_RESULT, F_SAMPLES, F_RSTATUS, F_RDUE};

/* The code (in the detail too) comes in where the post or unit keeps
 * the room it had without it: at 200 columns, two panes of 99 or 100,
 * it left the post or unit 17 cells ("户外广告…第1号窗口"). */
static const struct xf_list_col wide_cols[] = {
    {N_("Date"), 10, XF_ALIGN_LEFT, 0},      {N_("Code"), 16, XF_ALIGN_TAIL, CODE_MIN},
    {N_("Kind"), 6, XF_ALIGN_LEFT, 0},       {N_("Post / unit"), 0, XF_ALIGN_LINE, 0},
    {N_("Inspector"), 10, XF_ALIGN_LEFT, 0}, {N_("Result"), 6, XF_ALIGN_LEFT, 0},
    {SAMPLES_HEADER, 7, XF_ALIGN_RIGHT, 0},  {N_("Rectif."), 9, XF_ALIGN_LEFT, 0},
    {N_("Due"), 10, XF_ALIGN_LEFT, 0},
};
static const enum field wide_fields[] = {F_DATE,      F_CODE,   F_KIND,    F_PLACE,  F_INSPECTOR,
                                         F_RESULT,    F_SAMPLES, F_RSTATUS, F_RDUE};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The filter's period: "this week" and "this month" fill in the days,
 * which stay editable; typing a day makes it "these days". */
enum period { PERIOD_ANY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_DAYS };

struct ipane {
    struct xf_list list;
    struct xf_inspection_query q;
    char *search;       /* owned copy behind q.search */
    char *since, *until; /* owned copies behind q.since and q.until */
    struct xf_list_col ncols[8], wcols[9]; /* the columns, the samples' sized to its header */
    int period;          /* enum period, as the filter was last applied */
    /* Linked to a post, the filter's period and "mine" are set aside (the
     * post card's "5 opens them" listed checks of any date and
     * inspector) and come back when the link goes, unless the filter was
     * set or cleared meanwhile. */
    struct {
        bool on;
        const char *inspector;
        char *since, *until;
        int period;
    } held;
    bool wide;          /* the layout the cells were fetched for */
    bool laid_out;
    long count; /* the search's matches, up to COUNT_CAP; -1 not yet counted, -2 failed */
    struct xf_pane *p;
};

static void held_drop(struct ipane *ip)
{
    free(ip->held.since);
    free(ip->held.until);
    memset(&ip->held, 0, sizeof ip->held);
}

static const enum field *layout_fields(const struct ipane *ip, int *n)
{
    *n = ip->wide ? N_OF(wide_fields) : N_OF(narrow_fields);
    return ip->wide ? wide_fields : narrow_fields;
}

/* ---- rows ----------------------------------------------------------------------- */

/* The post and its unit; sorted by unit, the unit comes first, and in
 * the narrow layout alone: its line is shortened to its department and
 * its own name, which a post's title after it pushed out ("第1号窗口 ·
 * 企业…" in every department). */
static void place_text(const struct ipane *ip, const struct xf_inspection_line *l, char *out,
                       size_t size)
{
    if (!l->post_title[0] || (ip->q.order == XF_INSP_ORDER_UNIT && !ip->wide))
        snprintf(out, size, "%s", l->unit_name);
    else if (ip->q.order == XF_INSP_ORDER_UNIT)
        snprintf(out, size, "%s \u00b7 %s", l->unit_name, l->post_title);
    else
        snprintf(out, size, "%s \u00b7 %s", l->post_title, l->unit_name);
}

static int set_field(const struct ipane *ip, struct xf_list_row *r, int cell, enum field f,
                     const struct xf_inspection_line *l)
{
    char buf[64];
    switch (f) {
    case F_DATE: return xf_list_row_set(r, cell, l->on_date);
    case F_CODE: return xf_list_row_set(r, cell, l->code);
    case F_KIND: return xf_list_row_set(r, cell, xf_insp_kind_label(l->kind, 1));
    case F_PLACE: {
        size_t size = strlen(l->post_title) + strlen(l->unit_name) + 8;
        char *s = malloc(size);
        if (!s)
            return XF_EIO;
        place_text(ip, l, s, size);
        int rc = xf_list_row_set(r, cell, s);
        free(s);
        return rc;
    }
    case F_INSPECTOR: return xf_list_row_set(r, cell, xf_ui_name_of(ip->p->ui, l->inspector));
    case F_RESULT:
        /* A pass with failed items or samples: the Bad/all column beside
         * says how many (1/5); "合格·1未过" here took the post or unit's
         * room at 80 columns to say it twice. */
        return xf_list_row_set(r, cell, xf_insp_result_label(l->result));
    case F_SAMPLES:
        buf[0] = '\0';
        if (strcmp(l->kind, "sample") == 0 || l->samples_checked > 0)
            snprintf(buf, sizeof buf, "%d/%d", l->samples_failed, l->samples_checked);
        else if (l->items_applicable > 0) /* a checklist check: its items (2 of 5 failed) */
            snprintf(buf, sizeof buf, "%d/%d", l->items_failed, l->items_applicable);
        return xf_list_row_set(r, cell, buf);
    case F_RSTATUS:
        /* A rectification sent back is open again, but not new: the unit
         * has tried once and been told why it was not enough. */
        if (l->rect_returned && strcmp(l->rect_status, "open") == 0)
            return xf_list_row_set(r, cell, _("sent back"));
        return xf_list_row_set(r, cell, xf_insp_rect_label(l->rect_status));
    case F_RDUE:
        /* A cancelled one's deadline no longer applies; a verified one's
         * (often still ahead) read as time the unit had left: the day it
         * was verified instead. */
        if (strcmp(l->rect_status, "verified") == 0)
            return xf_list_row_set(r, cell, l->rect_verified_on);
        return xf_list_row_set(r, cell,
                               strcmp(l->rect_status, "cancelled") == 0 ? "" : l->rect_due_on);
    default: return XF_OK;
    }
}

static int fill_row(const struct ipane *ip, struct xf_list_row *r,
                    const struct xf_inspection_line *l, const char *today)
{
    int n, rc = xf_list_row_init(r, l->sort, l->id, NCELLS);
    const enum field *fields = layout_fields(ip, &n);
    for (int i = 0; rc == XF_OK && i < n; i++)
        rc = set_field(ip, r, i, fields[i], l);
    char id[24], version[24];
    snprintf(id, sizeof id, "%lld", (long long)l->rect_id);
    snprintf(version, sizeof version, "%lld", (long long)l->rect_version);
    bool overdue = strcmp(l->rect_status, "open") == 0 && strcmp(l->rect_due_on, today) < 0;
    /* Said in words: the colour alone is lost with NO_COLOR or a
     * monochrome terminal, where "open" read as on time. */
    for (int i = 0; rc == XF_OK && overdue && i < n; i++)
        if (fields[i] == F_RSTATUS)
            rc = xf_list_row_set(r, i, _("overdue"));
    const char *failures = l->items_failed > 0 || l->samples_failed > 0 ? "1" : "";
    const char *hidden[NCELLS - NVIS] = {
        l->result,    overdue ? "1" : "", id,           version,      l->rect_status, l->code,
        l->post_code, l->post_title,      l->unit_name, l->inspector, failures};
    for (int i = 0; rc == XF_OK && i < NCELLS - NVIS; i++)
        rc = xf_list_row_set(r, NVIS + i, hidden[i]);
    r->unit_id = l->unit_id;
    r->post_id = l->post_id;
    return rc;
}

static enum xf_inspection_dir dir_of(enum xf_list_dir d)
{
    return d == XF_LIST_BEFORE ? XF_INSP_BEFORE : d == XF_LIST_FROM ? XF_INSP_FROM : XF_INSP_AFTER;
}

static int fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                 struct xf_list_row *rows, int *n_out, struct xf_error *err)
{
    struct ipane *ip = arg;
    *n_out = 0;
    if (limit > PAGE_MAX)
        limit = PAGE_MAX;
    struct xf_inspection_line *lines = calloc((size_t)limit, sizeof *lines);
    if (!lines)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int n = 0;
    int rc = xf_inspection_page(xf_ui_ctx(ip->p->ui), &ip->q, from ? from->sort : NULL,
                                from ? from->id : 0, dir_of(dir), limit, lines, &n, err);
    char today[XF_DATE_LEN];
    xf_date_today(today);
    for (int i = 0; i < n; i++) {
        if (rc == XF_OK && fill_row(ip, &rows[i], &lines[i], today) != XF_OK)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
        xf_inspection_line_clear(&lines[i]);
    }
    free(lines);
    *n_out = rc == XF_OK ? n : 0;
    if (rc != XF_OK)
        for (int i = 0; i < n; i++)
            xf_list_row_clear(&rows[i]);
    return rc;
}

static int locate(void *arg, int64_t id, struct xf_list_key *key_out, struct xf_error *err)
{
    struct ipane *ip = arg;
    char *sort = NULL;
    int rc = xf_inspection_locate(xf_ui_ctx(ip->p->ui), &ip->q, id, &sort, err);
    if (rc == XF_OK) {
        key_out->sort = sort;
        key_out->id = id;
    }
    return rc;
}

/* ---- drawing ---------------------------------------------------------------------- */

static const char *rect_filter_label(enum xf_inspection_rect_filter r, bool short_form)
{
    if (short_form) /* as the Rectif. column says them */
        switch (r) {
        case XF_INSP_RECT_OPEN: return xf_insp_rect_label("open");
        case XF_INSP_RECT_OVERDUE: return _("overdue");
        case XF_INSP_RECT_DONE: return xf_insp_rect_label("done");
        case XF_INSP_RECT_RETURNED: return _("sent back");
        case XF_INSP_RECT_VERIFIED: return xf_insp_rect_label("verified");
        default: return "";
        }
    switch (r) {
    case XF_INSP_RECT_OPEN: return _("rectification open");
    case XF_INSP_RECT_OVERDUE: return _("rectification overdue");
    case XF_INSP_RECT_DONE: return _("rectification done, not verified");
    case XF_INSP_RECT_RETURNED: return _("rectification sent back");
    case XF_INSP_RECT_VERIFIED: return _("rectification verified");
    default: return "";
    }
}

/* What the title leaves out when it does not fit, least useful first:
 * the order, the key that clears the link, the note that the period and
 * "mine" wait for the link to go, the long names of the kind and the
 * rectification filters; then the post's title is shortened
 * before its code, and the search last (the link was cut to a bare "…"
 * at 80 columns). */
struct title_cut {
    bool no_order, no_key, no_held, short_filters;
    int name_room; /* cells for the link's name; -1 whole, 0 a post's code alone (a unit's: none) */
    int search_room; /* cells for the search; -1 whole */
};

/* The link's label shortened to room cells: a post's title (the label is
 * "title (code)") before its code, which stays whole; a unit's place
 * keeps its end, where units differ. */
static char *link_label_cut(const char *raw, int room)
{
    char *label = xf_text_sanitize(raw, false), *out = NULL;
    if (!label)
        return NULL;
    char *code = strrchr(label, '(');
    size_t len = strlen(label);
    bool post = code && code > label && code[-1] == ' ' && label[len - 1] == ')';
    if (!post)
        out = room > 0 ? xf_text_elide_middle(label, room) : strdup("");
    else if (room <= 0)
        out = strndup(code + 1, strlen(code + 1) - 1);
    else {
        code[-1] = '\0'; /* label is the post's title now */
        char *fitted = malloc(len + 8);
        if (fitted) {
            xf_text_fit(label, room, false, fitted, len + 8);
            if (asprintf(&out, "%s %s", fitted, code) < 0)
                out = NULL;
        }
        free(fitted);
    }
    free(label);
    return out;
}

/* "Inspections · fail · unannounced inspection · by unit · /公示 · linked" */
static void title_text(const struct ipane *ip, const struct title_cut *cut, char *buf, size_t size)
{
    const struct xf_inspection_query *q = &ip->q;
    int len = snprintf(buf, size, "%s", _("Inspections"));
    char days[64] = "";
    if (q->since || q->until) /* as the History pane says a period */
        snprintf(days, sizeof days, "%s%s\u2026%s%s", q->since ? q->since : "",
                 q->since ? " " : "", q->until ? " " : "", q->until ? q->until : "");
    const char *parts[6] = {
        q->inspector ? _("my checks") : NULL,
        days[0] ? days : NULL,
        q->result ? xf_insp_result_label(q->result) : NULL,
        q->kind ? xf_insp_kind_label(q->kind, cut->short_filters) : NULL,
        q->rect != XF_INSP_RECT_ANY ? rect_filter_label(q->rect, cut->short_filters) : NULL,
        cut->no_order                    ? NULL
        : q->order == XF_INSP_ORDER_UNIT ? _("by unit")
                                         : _("newest first"),
    };
    for (int i = 0; i < 6 && len < (int)size; i++)
        if (parts[i])
            len += snprintf(buf + len, size - (size_t)len, " \u00b7 %s", parts[i]);
    if (ip->search && len < (int)size) {
        char fitted[4 * 200 + 8];
        if (cut->search_room > 0)
            xf_text_fit(ip->search, cut->search_room, false, fitted, sizeof fitted);
        else
            snprintf(fitted, sizeof fitted, "%s", ip->search);
        len += snprintf(buf + len, size - (size_t)len, " \u00b7 /%s", fitted);
    }
    /* How many it found, as the Complaints search says it. */
    if (ip->search && ip->count >= 0 && len < (int)size)
        len += snprintf(buf + len, size - (size_t)len, " (%ld%s)", ip->count,
                        ip->count >= COUNT_CAP ? "+" : "");
    if (ip->held.on && !cut->no_held && len < (int)size)
        len += snprintf(buf + len, size - (size_t)len, " \u00b7 %s",
                        _("any date or inspector while linked"));
    if (!(q->post_id || q->unit_id) || len >= (int)size)
        return;
    /* as the other panes say it */
    const char *label = xf_ui_link_label(ip->p->ui, q->unit_id, q->post_id);
    char *cut_label = label && cut->name_room >= 0 ? link_label_cut(label, cut->name_room) : NULL;
    if (cut_label || cut->no_key)
        snprintf(buf + len, size - (size_t)len, _(" \u00b7 linked to %s"),
                 cut_label ? cut_label
                 : label   ? label
                           : "");
    else
        xf_ui_linked_note(ip->p->ui, q->unit_id, q->post_id, buf + len, size - (size_t)len);
    free(cut_label);
}

static void draw_title(const struct ipane *ip, WINDOW *w, int width, bool focused)
{
    char buf[1200];
    int room = width - 1; /* a space before, as every pane's */
    struct title_cut cut = {false, false, false, false, -1, -1};
    title_text(ip, &cut, buf, sizeof buf);
    bool *drops[] = {&cut.no_order, &cut.no_key, &cut.no_held, &cut.short_filters};
    for (size_t i = 0; i < sizeof drops / sizeof drops[0] && xf_text_width(buf) > room; i++) {
        *drops[i] = true;
        title_text(ip, &cut, buf, sizeof buf);
    }
    if (xf_text_width(buf) > room && (ip->q.post_id || ip->q.unit_id)) {
        /* What the rest leaves the link's name: measured with none. */
        cut.name_room = 0;
        title_text(ip, &cut, buf, sizeof buf);
        int name = room - xf_text_width(buf) - (ip->q.post_id ? 3 : 0); /* " (" and ")" */
        /* Shorter, a name tells nothing: a post's code alone, a unit's
         * place whole (cut at the end). */
        if (name >= 4 || !ip->q.post_id) {
            cut.name_room = name >= 4 ? name : -1;
            title_text(ip, &cut, buf, sizeof buf);
        }
    }
    if (xf_text_width(buf) > room && ip->search) {
        int over = xf_text_width(buf) - room;
        int s = xf_text_width(ip->search) - over;
        cut.search_room = s > 1 ? s : 1;
        title_text(ip, &cut, buf, sizeof buf);
    }
    attr_t a = xf_draw_attr(focused ? XF_C_TITLE : XF_C_NORMAL) | A_BOLD;
    xf_draw_text(w, 0, 1, room, buf, a);
}

/* Whether the user may correct the row's inspection: the inspector who
 * logged it, or an administrator (the domain decides; this only offers). */
static bool may_correct(const struct xf_ctx *ctx, const struct xf_list_row *r)
{
    return r && (ctx->role == XF_ROLE_ADMIN ||
                 (xf_perm_allows(ctx, XF_P_INSPECT) && ctx->login &&
                  strcmp(r->cells[H_INSPECTOR], ctx->login) == 0));
}

/* A search or a filter hides inspections (a link from another pane is
 * L's to undo). */
static bool narrowed(const struct ipane *ip)
{
    return ip->search || ip->q.result || ip->q.kind || ip->q.rect != XF_INSP_RECT_ANY ||
           ip->q.inspector || ip->q.since || ip->q.until;
}

static void draw_hints(struct xf_pane *p, WINDOW *w, int y)
{
    const struct xf_ctx *ctx = xf_ui_ctx(p->ui);
    bool inspect = xf_perm_allows(ctx, XF_P_INSPECT);
    bool rectify = inspect || xf_perm_allows(ctx, XF_P_RECTIFY);
    bool correct = may_correct(ctx, xf_list_selected(&((struct ipane *)p->priv)->list));
    const struct xf_hint hints[] = {
        {inspect ? XF_A_NEW : XF_A_NONE, 'n', N_("new inspection"), 0, 0},
        {correct ? XF_A_EDIT : XF_A_NONE, 'e', N_("correct"), 0, 0},
        {rectify ? XF_A_RECTIFY : XF_A_NONE, 'r', N_("rectification"), 0, 0},
        {XF_A_DETAIL, '\n', N_("detail"), 0, 0},
        {narrowed(p->priv) ? XF_A_BACK : XF_A_NONE, XF_KEY_ESC, N_("clear"), 0, 0},
        {XF_A_FILTER, 'f', N_("filter"), 0, 0},
        {XF_A_SORT, 's', N_("sort"), 0, 0},
        {XF_A_SEARCH, '/', N_("search"), 0, 0}};
    size_t n = sizeof hints / sizeof hints[0];
    char buf[300];
    /* A hint cut in the middle reads as nonsense: the last ones give way
     * whole (search and sort are in the help). */
    do
        xf_keys_hints(buf, sizeof buf, "  ", hints, n--);
    while (n > 3 && xf_text_width(buf) > p->w);
    xf_draw_text(w, y, 0, p->w, buf, xf_draw_attr(XF_C_DIM));
}

/* Result "fail" and an overdue due date in the alert colour; the selected
 * row keeps its highlight over the whole row. */
static void draw_alerts(struct ipane *ip, WINDOW *w, int y0)
{
    struct xf_list *l = &ip->list;
    int n;
    const enum field *fields = layout_fields(ip, &n);
    struct xf_draw_col cw[NVIS];
    xf_list_widths(l, ip->p->w, cw);
    int x = 0, xr = -1, xd = -1, wr = 0, wd = 0, id = 0;
    for (int i = 0; i < n; i++) {
        if (fields[i] == F_RESULT)
            xr = x, wr = cw[i].width;
        if (fields[i] == F_RDUE)
            xd = x, wd = cw[i].width, id = i;
        x += cw[i].width + 1;
    }
    attr_t alert = xf_draw_attr(XF_C_ALERT);
    for (int i = 0; i < l->n; i++) {
        const struct xf_list_row *r = &l->rows[i];
        if (i == l->sel)
            continue;
        if (xr >= 0 && xr + wr <= ip->p->w && strcmp(r->cells[H_RESULT], "fail") == 0)
            xf_draw_text(w, y0 + i, xr, wr, xf_insp_result_label("fail"), alert);
        if (xd >= 0 && xd + wd <= ip->p->w && r->cells[H_OVERDUE][0])
            xf_draw_text(w, y0 + i, xd, wd, r->cells[id], alert);
    }
}

/* Fits the list to the window: the column layout and the rows that fit. */
static void fit(struct ipane *ip, struct xf_pane *p)
{
    struct xf_error err = {0};
    bool wide = p->w >= WIDE_MIN;
    int rows = p->h - 2 - (p->h >= 10 ? 1 : 0);
    if (wide != ip->wide || !ip->laid_out) {
        /* Cells are fetched for a layout: a new layout reads them again. */
        xf_list_free(&ip->list);
        ip->wide = wide;
        ip->laid_out = true;
        ip->list.cols = wide ? ip->wcols : ip->ncols;
        ip->list.n_cols = wide ? N_OF(wide_cols) : N_OF(narrow_cols);
        ip->list.cap = -1;
    }
    if (rows < 0)
        rows = 0;
    if (rows != ip->list.cap && xf_list_set_height(&ip->list, rows, &err) != XF_OK)
        xf_ui_error(p->ui, &err);
}

/* Verified rectifications show the day they were verified under Due: a
 * list of only those heads it so (期限 over those dates read as deadlines
 * still ahead). Elsewhere the Rectif. column beside says which a row's is. */
static void due_title(struct ipane *ip)
{
    const char *t = ip->q.rect == XF_INSP_RECT_VERIFIED ? N_("Verified") : N_("Due");
    ip->ncols[N_OF(narrow_cols) - 1].title = ip->wcols[N_OF(wide_cols) - 1].title = t;
}

static void insp_draw(struct xf_pane *p, WINDOW *w, bool focused)
{
    struct ipane *ip = p->priv;
    due_title(ip);
    bool relaid = (p->w >= WIDE_MIN) != ip->wide || !ip->laid_out;
    int before = ip->list.cap;
    fit(ip, p);
    bool full = p->full || relaid || before != ip->list.cap;
    if (full)
        werase(w);
    draw_title(ip, w, p->w, focused);
    if (ip->list.n == 0)
        xf_ui_linked_empty(p->ui, ip->q.unit_id, ip->q.post_id, narrowed(ip), ip->list.empty,
                           sizeof ip->list.empty);
    /* An inspector's first day: "No records." said nothing of how to
     * log a check. */
    char k[32];
    if (ip->list.n == 0 && !ip->list.empty[0] && !narrowed(ip) && !ip->q.unit_id &&
        !ip->q.post_id && xf_perm_allows(xf_ui_ctx(p->ui), XF_P_INSPECT) &&
        xf_keys_hint_key(XF_A_NEW, 'n', k, sizeof k))
        snprintf(ip->list.empty, sizeof ip->list.empty,
                 _("No inspections yet. %s logs one: the post or unit, its checklist item by "
                   "item, then the findings."),
                 k);
    xf_list_draw(&ip->list, w, 1, 0, p->w, focused, full);
    draw_alerts(ip, w, 2);
    if (p->h >= 10)
        draw_hints(p, w, p->h - 1);
}

/* ---- open, close, refresh, link ---------------------------------------------------------- */

static int insp_open(struct xf_pane *p, struct xf_error *err)
{
    struct ipane *ip = calloc(1, sizeof *ip);
    if (!ip)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    ip->p = p;
    ip->q.order = XF_INSP_ORDER_DATE;
    ip->count = -1;
    _Static_assert(sizeof ip->ncols == sizeof narrow_cols && sizeof ip->wcols == sizeof wide_cols,
                   "the pane's copies of the columns");
    memcpy(ip->ncols, narrow_cols, sizeof narrow_cols);
    memcpy(ip->wcols, wide_cols, sizeof wide_cols);
    const char *widest[] = {"999/999"};
    ip->ncols[NARROW_SAMPLES].width = ip->wcols[WIDE_SAMPLES].width =
        xf_list_label_width(SAMPLES_HEADER, widest, 1, SAMPLES_MOST);
    /* The rectification's states are short in Chinese (待验收): what the
     * samples' header took, the post or unit gets back from here. */
    const char *states[] = {xf_insp_rect_label("open"),      xf_insp_rect_label("done"),
                            xf_insp_rect_label("cancelled"), xf_insp_rect_label("verified"),
                            _("sent back"),                  _("overdue")};
    const char *results[] = {xf_insp_result_label("fail"), xf_insp_result_label("pass")};
    ip->ncols[NARROW_RESULT].width = ip->wcols[WIDE_RESULT].width =
        xf_list_label_width(narrow_cols[NARROW_RESULT].title, results, 2, RESULT_MOST);
    ip->ncols[NARROW_RECT].width = ip->wcols[WIDE_RECT].width = xf_list_label_width(
        narrow_cols[NARROW_RECT].title, states, sizeof states / sizeof states[0],
        narrow_cols[NARROW_RECT].width);
    xf_list_init(&ip->list, ip->ncols, N_OF(narrow_cols), fetch, locate, ip);
    p->priv = ip;
    return XF_OK;
}

static void insp_close(struct xf_pane *p)
{
    struct ipane *ip = p->priv;
    if (!ip)
        return;
    xf_list_free(&ip->list);
    free(ip->search);
    free(ip->since);
    free(ip->until);
    held_drop(ip);
    free(ip);
    p->priv = NULL;
}

/* A search's total costs a walk over every row the filters leave, so it
 * waits for the idle pass, unless the whole result is on screen. */
static void count_reset(struct ipane *ip, bool loaded)
{
    const struct xf_list *l = &ip->list;
    ip->count = ip->search && loaded && l->at_top && l->n < l->cap ? l->n : -1;
}

/* The list read again by read (xf_list_reload; xf_list_refilter after
 * the search or the filter changed, xf_list_widen after one was cleared:
 * the cursor stays on its inspection where the list still has it). */
static int reread(struct ipane *ip, int (*read)(struct xf_list *, struct xf_error *))
{
    struct xf_error err = {0};
    bool loaded = read(&ip->list, &err) == XF_OK;
    if (!loaded)
        xf_ui_error(ip->p->ui, &err);
    count_reset(ip, loaded);
    ip->p->dirty = ip->p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

static int reload(struct ipane *ip)
{
    return reread(ip, xf_list_reload);
}

static int refilter(struct ipane *ip)
{
    return reread(ip, xf_list_refilter);
}

/* From the top, e.g. after the query changed. */
static int restart(struct ipane *ip)
{
    xf_list_free(&ip->list);
    return reload(ip);
}

static int insp_refresh(struct xf_pane *p, struct xf_error *err)
{
    struct ipane *ip = p->priv;
    int rc = ip->laid_out ? xf_list_reload(&ip->list, err) : XF_OK;
    count_reset(ip, rc == XF_OK && ip->laid_out);
    p->dirty = p->full = true;
    return rc;
}

static int insp_idle(struct xf_pane *p)
{
    struct ipane *ip = p->priv;
    if (!ip->search || ip->count != -1)
        return XF_UI_IGNORED;
    struct xf_error err = {0};
    long n = 0;
    if (xf_inspection_count(xf_ui_ctx(p->ui), &ip->q, COUNT_CAP, &n, &err) != XF_OK) {
        xf_ui_error(p->ui, &err);
        n = -2; /* the error is shown, and not asked again */
    }
    ip->count = n;
    p->dirty = true;
    return XF_UI_HANDLED | XF_UI_REDRAW;
}

/* A post's checks are few: all of them, whoever made them and when. */
static void hold_for_link(struct ipane *ip, int64_t post_id)
{
    if (post_id && !ip->held.on && (ip->q.inspector || ip->since || ip->until)) {
        ip->held.on = true;
        ip->held.inspector = ip->q.inspector;
        ip->held.since = ip->since;
        ip->held.until = ip->until;
        ip->held.period = ip->period;
        ip->since = ip->until = NULL;
        ip->q.since = ip->q.until = ip->q.inspector = NULL;
        ip->period = PERIOD_ANY;
    } else if (!post_id && ip->held.on) {
        ip->q.inspector = ip->held.inspector;
        ip->q.since = ip->since = ip->held.since;
        ip->q.until = ip->until = ip->held.until;
        ip->period = ip->held.period;
        memset(&ip->held, 0, sizeof ip->held); /* since and until are the query's again */
    }
}

static int insp_link(struct xf_pane *p, int64_t unit_id, int64_t post_id)
{
    struct ipane *ip = p->priv;
    if (ip->q.unit_id == unit_id && ip->q.post_id == post_id)
        return XF_UI_HANDLED;
    hold_for_link(ip, post_id);
    ip->q.unit_id = post_id ? 0 : unit_id;
    ip->q.post_id = post_id;
    return ip->laid_out ? restart(ip) : XF_UI_HANDLED | XF_UI_REDRAW;
}

static void set_day(char **slot, const char *s);

/* The Overview's figures: inspections passed, rectifications open,
 * overdue, reported done and waiting to be verified. */
static int insp_drill(struct xf_pane *p, const char *what)
{
    struct ipane *ip = p->priv;
    static const struct {
        const char *what;
        const char *result;
        enum xf_inspection_rect_filter rect;
    } to[] = {{"passed", "pass", XF_INSP_RECT_ANY},
              {"rect-open", NULL, XF_INSP_RECT_OPEN},
              {"rect-overdue", NULL, XF_INSP_RECT_OVERDUE},
              {"rect-to-verify", NULL, XF_INSP_RECT_DONE}};
    size_t i = 0;
    while (i < sizeof to / sizeof to[0] && strcmp(to[i].what, what) != 0)
        i++;
    if (i == sizeof to / sizeof to[0])
        return XF_EINVAL;
    free(ip->search);
    ip->search = NULL;
    ip->q.search = NULL;
    ip->q.kind = NULL;
    ip->q.inspector = NULL;
    set_day(&ip->since, NULL);
    set_day(&ip->until, NULL);
    ip->q.since = ip->q.until = NULL;
    ip->period = PERIOD_ANY;
    held_drop(ip);
    ip->q.result = to[i].result;
    ip->q.rect = to[i].rect;
    if (ip->laid_out)
        restart(ip);
    p->dirty = p->full = true;
    return XF_OK;
}

/* ---- filter, sort, search ---------------------------------------------------------------- */

enum { FF_RESULT, FF_KIND, FF_RECT, FF_PERIOD, FF_SINCE, FF_UNTIL, FF_MINE, FF_N };

struct filter_form {
    struct ipane *ip;
    struct xf_form_field *fields;
    int period; /* the period the days were last filled in for */
};

/* Monday to Sunday, or the calendar month, around today. */
static void period_days(enum period k, char since[XF_DATE_LEN], char until[XF_DATE_LEN])
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (k == PERIOD_WEEK) {
        long from_monday = xf_date_diff("2024-01-01", today) % 7; /* 2024-01-01: a Monday */
        if (from_monday < 0)
            from_monday += 7;
        xf_date_add_days(today, -from_monday, since);
        xf_date_add_days(since, 6, until);
    } else {
        char month[8];
        snprintf(month, sizeof month, "%.7s", today);
        xf_date_month(month, false, since);
        xf_date_month(month, true, until);
    }
}

static void filter_changed(void *arg, const struct xf_form *f)
{
    (void)f;
    struct filter_form *ff = arg;
    struct xf_form_field *fd = ff->fields;
    int k = fd[FF_PERIOD].choice;
    if (k != ff->period && k != PERIOD_DAYS) {
        char since[XF_DATE_LEN] = "", until[XF_DATE_LEN] = "";
        if (k != PERIOD_ANY)
            period_days((enum period)k, since, until);
        xf_form_set_text(&fd[FF_SINCE], since);
        xf_form_set_text(&fd[FF_UNTIL], until);
    } else if (k == ff->period && k != PERIOD_DAYS) {
        /* A day typed over the week's or month's: the days say now. */
        char since[XF_DATE_LEN] = "", until[XF_DATE_LEN] = "";
        if (k != PERIOD_ANY)
            period_days((enum period)k, since, until);
        if (strcmp(xf_form_text(&fd[FF_SINCE]), since) != 0 ||
            strcmp(xf_form_text(&fd[FF_UNTIL]), until) != 0)
            fd[FF_PERIOD].choice = k = PERIOD_DAYS;
    }
    ff->period = k;
}

static const char *text_or_null(const struct xf_form_field *fd)
{
    return *xf_form_text(fd) ? xf_form_text(fd) : NULL;
}

/* The domain checks the days (real, in order) on a one-row read; its
 * errors name "since" or "until", the fields' names. */
static int filter_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct filter_form *ff = arg;
    struct xf_inspection_query q = ff->ip->q;
    q.since = text_or_null(&f->fields[FF_SINCE]);
    q.until = text_or_null(&f->fields[FF_UNTIL]);
    struct xf_inspection_line line;
    int n = 0;
    int rc = xf_inspection_page(xf_ui_ctx(ff->ip->p->ui), &q, NULL, 0, XF_INSP_AFTER, 1, &line,
                                &n, err);
    if (n > 0)
        xf_inspection_line_clear(&line);
    return rc;
}

static void set_day(char **slot, const char *s)
{
    free(*slot);
    *slot = s && *s ? strdup(s) : NULL;
}

static int filter_run(struct ipane *ip)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ip->p->ui);
    const char *results[] = {_("any"), _("pass"), _("fail"), NULL};
    const char *kinds[] = {_("any"), _("unannounced inspection"), _("sample check"), NULL};
    const char *rects[] = {_("any"),  _("open"), _("overdue"), _("done, not verified"),
                           _("sent back"), _("verified"), NULL};
    const char *periods[] = {_("any"), _("this week"), _("this month"), _("these days"), NULL};
    const char *whose[] = {_("anyone's"), _("mine"), NULL};
    struct xf_form_field fields[FF_N] = {
        [FF_RESULT] = {.name = "result", .label = _("Result"), .kind = XF_FIELD_CHOICE,
                       .choices = results},
        [FF_KIND] = {.name = "kind", .label = _("Kind"), .kind = XF_FIELD_CHOICE,
                     .choices = kinds},
        [FF_RECT] = {.name = "rect", .label = _("Rectification"), .kind = XF_FIELD_CHOICE,
                     .choices = rects},
        [FF_PERIOD] = {.name = "period", .label = _("Period"), .kind = XF_FIELD_CHOICE,
                       .choices = periods},
        [FF_SINCE] = {.name = "since", .label = _("From date"), .kind = XF_FIELD_DATE},
        [FF_UNTIL] = {.name = "until", .label = _("To date"), .kind = XF_FIELD_DATE},
        /* An inspector's own checks: what they logged, to follow up. */
        [FF_MINE] = {.name = "mine", .label = _("Checks"), .kind = XF_FIELD_CHOICE,
                     .choices = whose},
    };
    const struct xf_inspection_query *q = &ip->q;
    fields[FF_RESULT].choice = !q->result ? 0 : strcmp(q->result, "pass") == 0 ? 1 : 2;
    fields[FF_KIND].choice = !q->kind ? 0 : strcmp(q->kind, "unannounced") == 0 ? 1 : 2;
    fields[FF_RECT].choice = (int)q->rect;
    fields[FF_PERIOD].choice = ip->period;
    xf_form_set_text(&fields[FF_SINCE], ip->since ? ip->since : "");
    xf_form_set_text(&fields[FF_UNTIL], ip->until ? ip->until : "");
    fields[FF_MINE].choice = q->inspector != NULL;
    bool inspects = xf_perm_allows(ctx, XF_P_INSPECT) && ctx->login;
    struct filter_form ff = {ip, fields, ip->period};
    struct xf_form f = {.title = _("Filter inspections"), .fields = fields,
                        .n = inspects ? FF_N : FF_N - 1, .arg = &ff, .submit = filter_submit,
                        .changed = filter_changed, .applies = true};
    int ok = xf_form_run(ip->p->ui, &f);
    if (ok) {
        static const char *const result_v[] = {NULL, "pass", "fail"};
        static const char *const kind_v[] = {NULL, "unannounced", "sample"};
        ip->q.result = result_v[fields[FF_RESULT].choice];
        ip->q.kind = kind_v[fields[FF_KIND].choice];
        ip->q.rect = (enum xf_inspection_rect_filter)fields[FF_RECT].choice;
        set_day(&ip->since, xf_form_text(&fields[FF_SINCE]));
        set_day(&ip->until, xf_form_text(&fields[FF_UNTIL]));
        ip->q.since = ip->since;
        ip->q.until = ip->until;
        ip->period = ip->since || ip->until ? fields[FF_PERIOD].choice : PERIOD_ANY;
        ip->q.inspector = inspects && fields[FF_MINE].choice ? ctx->login : NULL;
        held_drop(ip); /* the filter just set is the one to keep */
    }
    xf_form_free(&f);
    int r = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    return ok ? r | refilter(ip) : r;
}

static int sort_next(struct ipane *ip)
{
    ip->q.order = ip->q.order == XF_INSP_ORDER_DATE ? XF_INSP_ORDER_UNIT : XF_INSP_ORDER_DATE;
    xf_ui_message(ip->p->ui, false, "%s",
                  ip->q.order == XF_INSP_ORDER_UNIT ? _("Sorted by unit, newest first in each")
                                                    : _("Sorted by date, newest first"));
    return restart(ip);
}

/* The domain checks the text (length, UTF-8) on a one-row probe, so an
 * error lands beside the field. */
static int search_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct ipane *ip = arg;
    struct xf_inspection_query q = ip->q;
    q.search = xf_form_text(&f->fields[0]);
    struct xf_inspection_line line;
    int n = 0;
    int rc = xf_inspection_page(xf_ui_ctx(ip->p->ui), &q, NULL, 0, XF_INSP_AFTER, 1, &line, &n,
                                err);
    if (n > 0)
        xf_inspection_line_clear(&line);
    return rc;
}

static int search_run(struct ipane *ip)
{
    struct xf_form_field fields[] = {
        {.name = "query", .label = _("Search"), .kind = XF_FIELD_TEXT, .max_chars = 200},
    };
    if (ip->search)
        xf_form_set_text(&fields[0], ip->search);
    /* Inspectors are searched too (by login or configured name): said, or
     * nobody looks for their own checks this way. */
    struct xf_form f = {.title = _("Search findings, codes, posts, units, inspectors (empty: all)"),
                        .prompt = true,
                        .fields = fields,
                        .n = 1,
                        .arg = ip,
                        .submit = search_submit};
    int ok = xf_form_run(ip->p->ui, &f);
    if (ok) {
        const char *t = xf_form_text(&fields[0]);
        free(ip->search);
        ip->search = *t ? strdup(t) : NULL;
        ip->q.search = ip->search;
    }
    xf_form_free(&f);
    int r = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    return ok ? r | refilter(ip) : r;
}

/* Esc: the search goes first, then the filter; the cursor stays on its
 * inspection where the list still has it. */
static int clear_narrowing(struct ipane *ip)
{
    if (!narrowed(ip))
        return XF_UI_IGNORED;
    const char *msg = _("Search cleared.");
    if (ip->search) {
        free(ip->search);
        ip->search = NULL;
        ip->q.search = NULL;
    } else {
        ip->q.result = ip->q.kind = NULL;
        ip->q.rect = XF_INSP_RECT_ANY;
        ip->q.inspector = NULL;
        set_day(&ip->since, NULL);
        set_day(&ip->until, NULL);
        ip->q.since = ip->q.until = NULL;
        ip->period = PERIOD_ANY;
        held_drop(ip);
        msg = _("Filter cleared: every inspection again.");
    }
    int rc = reread(ip, xf_list_widen);
    xf_ui_message(ip->p->ui, false, "%s", msg);
    return rc;
}

/* ---- actions ------------------------------------------------------------------------------ */

static int64_t cell_id(const struct xf_list_row *r, int cell)
{
    return strtoll(r->cells[cell], NULL, 10);
}

/* What the rectification steps act on, copied from the list row: a form
 * or question may outlive the row (a resize or another user's commit
 * reloads the list and frees it). */
struct rect_target {
    int64_t inspection_id, rect_id, version;
    char code[64];
    const struct xf_list *list; /* the list whose selected row it is, for
                                   the question to leave in view; NULL
                                   from the detail */
};

/* The rectification a form acts on: the row's, with the version the
 * user saw (or, after a conflict, the one stored now). */
struct rect_form {
    struct ipane *ip;
    int64_t inspection_id, id, version;
    /* The report's read-only fields (NULL: none): the items that failed,
     * what was found and why it was sent back, as a reload read them
     * (owned). */
    const char **which, **found, **back;
    char *which_now, *found_now, *back_now;
};

static char *failed_items_text(const struct xf_ctx *ctx, int64_t inspection_id, int *lines);

/* What was found, and why it was sent back, above the report: read-only,
 * line by line as the inspector wrote them (run onto one line, findings
 * of several points read as one). */
enum { RECT_FINDINGS_LINES = 10 };

/* value[0] (a read-only field's, when the form has it) becomes text, kept
 * in *owned; "–" when there is none now. */
static void fixed_refresh(const char **value, char **owned, const char *text)
{
    if (!value || !value[0])
        return;
    char *s = strdup(text && *text ? text : "\u2013");
    if (!s)
        return;
    free(*owned);
    value[0] = *owned = s;
}

static int rect_done_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct rect_form *rf = arg;
    return xf_rectification_done(xf_ui_ctx(rf->ip->p->ui), rf->id, rf->version,
                                 xf_form_text(&f->fields[f->n - 1]), err);
}

/* After an edit conflict: the next submit acts on the rectification as it
 * is now, while it is still open. */
static int rect_reload(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct rect_form *rf = arg;
    struct xf_rectification now = {0};
    int rc = xf_inspection_rectification(xf_ui_ctx(rf->ip->p->ui), rf->inspection_id, &now, err);
    /* Why it no longer takes the report: a correction of the inspection
     * cancels its rectification, or opens another (it was said to have
     * been reported done). */
    if (rc == XF_OK && now.id == rf->id && !strcmp(now.status, "cancelled"))
        rc = xf_err(err, XF_ESTATE, "",
                    _("the inspection has been corrected to a pass meanwhile: nothing is left "
                      "to put right; Esc closes the form."));
    else if (rc == XF_OK && now.id != rf->id)
        rc = xf_err(err, XF_ESTATE, "",
                    _("the inspection has been corrected meanwhile and has another "
                      "rectification now; Esc closes the form."));
    else if (rc == XF_OK && strcmp(now.status, "open") != 0)
        rc = xf_err(err, XF_ESTATE, "",
                    _("it has been reported done meanwhile; Esc closes the form."));
    else if (rc == XF_OK) {
        rf->version = now.version;
        /* What the report answers, as it is now: a correction that keeps
         * the inspection failed may rewrite its findings, and the form
         * showed those it opened with. */
        struct xf_inspection in = {0};
        struct xf_error ignored = {0};
        if (xf_inspection_get(xf_ui_ctx(rf->ip->p->ui), rf->inspection_id, &in, &ignored) ==
            XF_OK)
            fixed_refresh(rf->found, &rf->found_now, in.findings);
        fixed_refresh(rf->back, &rf->back_now, now.returned_note);
        xf_inspection_clear(&in);
        /* And which items failed: the same correction may fail others. */
        if (rf->which) {
            int lines = 0;
            char *which = failed_items_text(xf_ui_ctx(rf->ip->p->ui), rf->inspection_id, &lines);
            fixed_refresh(rf->which, &rf->which_now, which);
            free(which);
            for (int i = 0; i < f->n; i++)
                if (!strcmp(f->fields[i].name, "failed_items"))
                    f->fields[i].lines = lines < 1                     ? 1
                                         : lines < RECT_FINDINGS_LINES ? lines
                                                                       : RECT_FINDINGS_LINES;
        }
    }
    xf_rectification_clear(&now);
    return rc;
}

/* The checklist items a check failed, one a line by number and name
 * ("2. 姓名、职务…公开 [critical]"), for the forms that have them put
 * right: the findings alone did not say which item it was. NULL when none
 * failed (or they could not be read: the form goes on without them);
 * *lines gets how many. Free the result. */
static char *failed_items_text(const struct xf_ctx *ctx, int64_t inspection_id, int *lines)
{
    struct xf_inspection_item *items = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    *lines = 0;
    if (xf_inspection_items(ctx, inspection_id, &items, &n, &err) != XF_OK)
        return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    for (size_t i = 0; out && i < n; i++) {
        if (!items[i].outcome || strcmp(items[i].outcome, "fail") != 0)
            continue;
        if (*lines)
            fputc('\n', out);
        /* as the correction form numbers them */
        fprintf(out, items[i].critical ? _("%d. %s [critical]") : "%d. %s", items[i].item_no,
                items[i].label ? items[i].label : "");
        ++*lines;
    }
    if (out)
        fclose(out);
    xf_inspection_items_free(items, n);
    if (!*lines) {
        free(text);
        return NULL;
    }
    return text;
}

static int rect_done(struct ipane *ip, const struct rect_target *t)
{
    struct xf_form_field fields[4];
    memset(fields, 0, sizeof fields);
    char title[200];
    snprintf(title, sizeof title, _("Rectification of %s done"), t->code);
    struct rect_form rf = {.ip = ip, .inspection_id = t->inspection_id, .id = t->rect_id,
                          .version = t->version};
    /* Sent back once: why, above the field, so that the unit answers the
     * inspector's reason (it was only in the inspection's detail); and
     * what was found, which the unit reports on (it had to open the
     * detail first to read it). */
    struct xf_rectification now = {0};
    struct xf_inspection in = {0};
    struct xf_error err = {0};
    const struct xf_ctx *ctx = xf_ui_ctx(ip->p->ui);
    const char *found[2] = {NULL, NULL}, *back[2] = {NULL, NULL}, *which[2] = {NULL, NULL};
    int n = 0, n_failed = 0;
    char *failed_items = failed_items_text(ctx, t->inspection_id, &n_failed);
    if (failed_items) {
        which[0] = failed_items;
        fields[n++] = (struct xf_form_field){.name = "failed_items", .label = _("Failed items"),
                                             .kind = XF_FIELD_CHOICE, .choices = which,
                                             .lines = n_failed < RECT_FINDINGS_LINES
                                                          ? n_failed
                                                          : RECT_FINDINGS_LINES};
    }
    if (xf_inspection_get(ctx, t->inspection_id, &in, &err) == XF_OK && in.findings &&
        in.findings[0]) {
        found[0] = in.findings;
        fields[n++] = (struct xf_form_field){.name = "findings", .label = _("Findings"),
                                             .kind = XF_FIELD_CHOICE, .choices = found,
                                             .lines = RECT_FINDINGS_LINES};
    }
    if (xf_inspection_rectification(ctx, t->inspection_id, &now, &err) == XF_OK &&
        now.returned_note && now.returned_note[0]) {
        back[0] = now.returned_note;
        fields[n++] = (struct xf_form_field){.name = "returned_note", .label = _("Sent back"),
                                             .kind = XF_FIELD_CHOICE, .choices = back};
    }
    fields[n++] = (struct xf_form_field){.name = "done_note", .label = _("What was put right"),
                                         .kind = XF_FIELD_TEXT, .required = true,
                                         .max_chars = XF_RECT_NOTE_MAX};
    struct xf_form f = {.title = title, .fields = fields, .n = n, .arg = &rf,
                        .submit = rect_done_submit, .reload = rect_reload,
                        .focus = n - 1, .left_what = "rectification", .left_id = t->rect_id,
                        .left_code = t->code};
    rf.which = which[0] ? which : NULL;
    rf.found = found[0] ? found : NULL;
    rf.back = back[0] ? back : NULL;
    int ok = xf_form_run(ip->p->ui, &f);
    xf_form_free(&f);
    free(failed_items);
    free(rf.which_now);
    free(rf.found_now);
    free(rf.back_now);
    xf_inspection_clear(&in);
    xf_rectification_clear(&now);
    if (!ok)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    xf_ui_message(ip->p->ui, false, _("Rectification of %s reported done."), t->code);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
}

static int rect_verify(struct ipane *ip, const struct rect_target *t)
{
    char q[200];
    snprintf(q, sizeof q, _("Verify the rectification of %s?"), t->code);
    if (!xf_form_confirm_on(ip->p->ui, q, t->list))
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    struct xf_error err = {0};
    if (xf_rectification_verify(xf_ui_ctx(ip->p->ui), t->rect_id,
                                t->version, &err) != XF_OK) {
        xf_ui_error(ip->p->ui, &err);
        /* A stale row: show what is there now. */
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL | (err.code == XF_ECONFLICT ? XF_UI_CHANGED : 0);
    }
    xf_ui_message(ip->p->ui, false, _("Rectification of %s verified."), t->code);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
}

static int rect_back_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct rect_form *rf = arg;
    return xf_rectification_send_back(xf_ui_ctx(rf->ip->p->ui), rf->id, rf->version,
                                      xf_form_text(&f->fields[0]), xf_form_text(&f->fields[1]),
                                      err);
}

/* After an edit conflict: still reported done, at its new version. */
static int rect_back_reload(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct rect_form *rf = arg;
    struct xf_rectification now = {0};
    int rc = xf_inspection_rectification(xf_ui_ctx(rf->ip->p->ui), rf->inspection_id, &now, err);
    if (rc == XF_OK && (now.id != rf->id || strcmp(now.status, "done") != 0))
        rc = xf_err(err, XF_ESTATE, "",
                    _("it is no longer waiting to be verified; Esc closes the form."));
    else if (rc == XF_OK)
        rf->version = now.version;
    xf_rectification_clear(&now);
    return rc;
}

/* Not put right after all: back to open, with the reason and a new
 * deadline: rectify_days working days on, or the deadline it had when
 * that is later (sending it back must not shorten the unit's time),
 * unless the inspector sets one. */
static int rect_send_back(struct ipane *ip, const struct rect_target *t, const char *was_due)
{
    struct xf_form_field fields[] = {
        {.name = "returned_note", .label = _("What is still wrong"), .kind = XF_FIELD_MULTILINE,
         .required = true, .max_chars = XF_RECT_NOTE_MAX},
        {.name = "due_on", .label = _("New deadline"), .kind = XF_FIELD_DATE, .required = true},
    };
    char due[XF_DATE_LEN];
    xf_rectification_return_due(xf_ui_ctx(ip->p->ui), was_due, due);
    xf_form_set_text(&fields[1], due);
    char title[200];
    snprintf(title, sizeof title, _("Send the rectification of %s back"), t->code);
    struct rect_form rf = {.ip = ip, .inspection_id = t->inspection_id, .id = t->rect_id,
                          .version = t->version};
    struct xf_form f = {.title = title, .fields = fields, .n = 2, .arg = &rf,
                        .submit = rect_back_submit, .reload = rect_back_reload,
                        .left_what = "rectification", .left_id = t->rect_id,
                        .left_code = t->code};
    int ok = xf_form_run(ip->p->ui, &f);
    xf_form_free(&f);
    if (!ok)
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    xf_ui_message(ip->p->ui, false, _("Rectification of %s sent back: open again."),
                  t->code);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
}

/* An inspector looks at what was reported done: verify it, or send it
 * back when the finding is not put right. A colleague's step while the
 * menu is open (verified it, sent it back, the inspection corrected to a
 * pass): the menu is offered again as the rectification is now, saying
 * who changed what, or closes saying nothing is left to do. */
static int rect_check(struct ipane *ip, const struct rect_target *tp)
{
    struct rect_target t = *tp;
    const struct xf_ctx *ctx = xf_ui_ctx(ip->p->ui);
    const char *labels[] = {_("Verify: the finding is put right"),
                            _("Send back: not put right (say why)")};
    char title[200], was_due[XF_DATE_LEN] = "", what[96];
    snprintf(title, sizeof title, _("Rectification of %s"), t.code);
    snprintf(what, sizeof what, _("the rectification of inspection %s"), t.code);
    char *news = NULL;
    int choice;
    bool may_verify = false;
    for (bool again = false;; again = true) {
        /* What the unit says it did, to judge it by. */
        struct xf_rectification now = {0};
        struct xf_error err = {0};
        bool read = xf_inspection_rectification(ctx, t.inspection_id, &now, &err) == XF_OK;
        if (again &&
            (!read || now.id != t.rect_id || !now.status || strcmp(now.status, "done") != 0)) {
            if (news)
                xf_ui_message(ip->p->ui, true, _("%s Nothing is left for you to do."), news);
            else
                xf_ui_message(ip->p->ui, true,
                              _("The rectification of %s is now %s (changed by someone else "
                                "meanwhile): nothing is left for you to do."),
                              t.code, xf_insp_rect_label(read ? now.status : "cancelled"));
            xf_rectification_clear(&now);
            free(news);
            return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
        }
        /* Who reported it done may still send it back, not verify it: the
         * choice is not offered to be refused after the question. */
        struct xf_error why = {0};
        may_verify = xf_rectification_verify_check(ctx, t.rect_id, &why) == XF_OK;
        if (read && now.due_on)
            snprintf(was_due, sizeof was_due, "%s", now.due_on);
        /* The whole report, above the choices: in the title it was cut at
         * the menu's width, and it is what the choice is judged by; after
         * a colleague's change, what it was first. */
        char *text = NULL;
        if (read && now.done_note &&
            (may_verify ? asprintf(&text, _("Reported done: %s"), now.done_note)
                        : asprintf(&text, _("Reported done: %s (%s)"), now.done_note, why.msg)) < 0)
            text = NULL;
        char *both = NULL;
        if (news && asprintf(&both, "%s %s", news, text ? text : "") >= 0) {
            free(text);
            text = both;
        }
        if (again && read)
            t.version = now.version; /* the steps act on what the menu now shows */
        struct xf_menu_record rec = {ctx, "rectification", t.rect_id,
                                     read ? now.version : t.version, what};
        xf_rectification_clear(&now);
        const char *note = again ? xf_menu_updated_note() : NULL;
        choice =
            may_verify
                ? xf_menu_run_watched_on(ip->p->ui, title, text, labels, 2, t.list, &rec, note)
                : xf_menu_run_watched_on(ip->p->ui, title, text, labels + 1, 1, t.list, &rec, note);
        free(text);
        free(news);
        news = NULL;
        if (choice != XF_MENU_STALE)
            break;
        news = xf_menu_record_news(&rec);
    }
    if (!may_verify && choice == 0)
        choice = 1;
    return choice == 0   ? rect_verify(ip, &t)
           : choice == 1 ? rect_send_back(ip, &t, was_due)
                         : XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* Ordering the failed items of a passed check put right: the inspection
 * as the user read it (its version), and the deadline typed. */
struct order_form {
    struct ipane *ip;
    int64_t inspection_id, version;
    int f_due;
};

static int order_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct order_form *of = arg;
    return xf_inspection_order_rectification(xf_ui_ctx(of->ip->p->ui), of->inspection_id,
                                             of->version, xf_form_text(&f->fields[of->f_due]),
                                             err);
}

/* A passed check with failed items (at or under the rate): the
 * inspector may still have them put right, as a failed check's are;
 * anyone else is told what there is. */
static int rect_order(struct ipane *ip, const struct rect_target *t, const char *st)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ip->p->ui);
    struct xf_ui *ui = ip->p->ui;
    struct xf_inspection in = {0};
    struct xf_error err = {0};
    if (xf_inspection_get(ctx, t->inspection_id, &in, &err) != XF_OK) {
        xf_ui_error(ui, &err);
        return XF_UI_HANDLED;
    }
    int rv = XF_UI_HANDLED;
    if (!xf_inspection_passed_with_failures(&in)) {
        if (*st)
            xf_ui_message(ui, false,
                          _("The rectification of %s was cancelled: the inspection was "
                            "corrected to a pass, nothing is left to put right."),
                          t->code);
        else
            xf_ui_message(ui, false, _("%s passed: it has no rectification."), t->code);
    } else if (!xf_perm_allows(ctx, XF_P_INSPECT)) {
        xf_ui_message(ui, false,
                      _("%s passed with failed items; no rectification was ordered (an "
                        "inspector may order one)."),
                      t->code);
    } else if (xf_inspection_order_check(ctx, &in, &err) != XF_OK) {
        xf_ui_error(ui, &err);
    } else {
        struct xf_form_field fields[3];
        memset(fields, 0, sizeof fields);
        const char *found[2] = {in.findings, NULL}, *which[2] = {NULL, NULL};
        int n = 0, n_failed = 0;
        char *failed_items = failed_items_text(ctx, in.id, &n_failed);
        if (failed_items) {
            which[0] = failed_items;
            fields[n++] = (struct xf_form_field){
                .name = "failed_items", .label = _("Failed items"), .kind = XF_FIELD_CHOICE,
                .choices = which,
                .lines = n_failed < RECT_FINDINGS_LINES ? n_failed : RECT_FINDINGS_LINES};
        }
        if (in.findings && in.findings[0])
            fields[n++] = (struct xf_form_field){.name = "findings", .label = _("Findings"),
                                                 .kind = XF_FIELD_CHOICE, .choices = found,
                                                 .lines = RECT_FINDINGS_LINES};
        char due[XF_DATE_LEN];
        xf_rectification_return_due(ctx, NULL, due);
        fields[n] = (struct xf_form_field){.name = "due_on", .label = _("Rectify by"),
                                           .kind = XF_FIELD_DATE, .required = true};
        xf_form_set_text(&fields[n], due);
        struct order_form of = {ip, in.id, in.version, n++};
        char title[200];
        snprintf(title, sizeof title, _("Rectify the failed items of %s (it passed)"), t->code);
        struct xf_form f = {.title = title, .fields = fields, .n = n, .arg = &of,
                            .submit = order_submit, .focus = n - 1};
        int ok = xf_form_run(ui, &f);
        xf_form_free(&f);
        free(failed_items);
        rv = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
        if (ok) {
            xf_ui_message(ui, false, _("Rectification of %s ordered."), t->code);
            rv |= XF_UI_CHANGED;
        }
    }
    xf_inspection_clear(&in);
    return rv;
}

/* The step the rectification's state and the user's role call for. */
static int rectify_step(struct ipane *ip, const struct rect_target *tp, const char *st)
{
    const struct xf_ctx *ctx = xf_ui_ctx(ip->p->ui);
    struct xf_ui *ui = ip->p->ui;
    struct rect_target t = *tp;
    if (!*st || strcmp(st, "cancelled") == 0)
        return rect_order(ip, &t, st);
    else if (strcmp(st, "open") == 0 && xf_perm_allows(ctx, XF_P_RECTIFY))
        return rect_done(ip, &t);
    else if (strcmp(st, "open") == 0)
        xf_ui_message(ui, true, _("The unit's handler or the organiser reports it done; "
                                  "your role cannot."));
    else if (strcmp(st, "done") == 0 && xf_perm_allows(ctx, XF_P_INSPECT))
        return rect_check(ip, &t);
    else if (strcmp(st, "done") == 0)
        xf_ui_message(ui, true, _("An inspector verifies the rectification; your role cannot."));
    else
        xf_ui_message(ui, false, _("The rectification of %s is verified: nothing left to do."),
                      t.code);
    return XF_UI_HANDLED;
}

/* r: report done (handler, organiser) or verify (inspector), by state. */
static int rectify(struct ipane *ip)
{
    const struct xf_list_row *r = xf_list_selected(&ip->list);
    if (!r) { /* said, not ignored: the key seemed broken */
        char lk[32];
        if ((ip->q.unit_id || ip->q.post_id) && xf_keys_hint_key(XF_A_UNLINK, 'L', lk, sizeof lk))
            xf_ui_message(ip->p->ui, false,
                          _("Nothing to rectify: the list is empty, narrowed to what another "
                            "pane chose (%s shows all)."),
                          lk);
        else if (narrowed(ip))
            xf_ui_message(ip->p->ui, false, "%s",
                          _("Nothing to rectify: the list is empty under the filter or search "
                            "(Esc clears it)."));
        else
            xf_ui_message(ip->p->ui, false, "%s",
                          _("Nothing to rectify: no inspection is logged yet."));
        return XF_UI_HANDLED;
    }
    struct rect_target t = {r->key.id, cell_id(r, H_RECT_ID), cell_id(r, H_RECT_VERSION), "",
                            &ip->list};
    snprintf(t.code, sizeof t.code, "%s", r->cells[H_CODE]);
    char st[16];
    snprintf(st, sizeof st, "%s", r->cells[H_RECT_STATUS]);
    return rectify_step(ip, &t, st);
}

int xf_insp_rectify(struct xf_pane *p, int64_t inspection_id, const char *code)
{
    struct rect_target t = {inspection_id, 0, 0, "", NULL};
    snprintf(t.code, sizeof t.code, "%s", code);
    struct xf_rectification r = {0};
    struct xf_error err = {0};
    int rc = xf_inspection_rectification(xf_ui_ctx(p->ui), inspection_id, &r, &err);
    if (rc == XF_ENOTFOUND)
        return rectify_step(p->priv, &t, "");
    if (rc != XF_OK) {
        xf_ui_error(p->ui, &err);
        return XF_UI_HANDLED;
    }
    t.rect_id = r.id;
    t.version = r.version;
    char st[16];
    snprintf(st, sizeof st, "%s", r.status);
    xf_rectification_clear(&r);
    return rectify_step(p->priv, &t, st);
}

static int new_check(struct ipane *ip)
{
    if (!xf_perm_allows(xf_ui_ctx(ip->p->ui), XF_P_INSPECT)) {
        xf_ui_message(ip->p->ui, true, _("Only inspectors log inspections."));
        return XF_UI_HANDLED;
    }
    int64_t id = 0;
    int r = xf_insp_new_run(ip->p, &id);
    if (id > 0) {
        /* The cursor goes to the check just logged: one dated back sorts
         * below newer ones, and r, c or e on the top row would act on
         * somebody else's. Hidden by the filter, the top of the list. */
        char *sort = NULL;
        struct xf_error err = {0};
        bool listed = xf_inspection_locate(xf_ui_ctx(ip->p->ui), &ip->q, id, &sort, &err) == XF_OK;
        free(sort);
        xf_err_clear(&err);
        if (!listed || xf_list_select_id(&ip->list, id, &err) != XF_OK)
            xf_list_free(&ip->list);
    }
    return r;
}

static int insp_detail(struct xf_pane *p)
{
    struct ipane *ip = p->priv;
    const struct xf_list_row *r = xf_list_selected(&ip->list);
    if (!r)
        return XF_UI_HANDLED;
    struct xf_insp_place place = {r->cells[H_POST_CODE], r->cells[H_POST_TITLE],
                                  r->cells[H_UNIT_NAME]};
    return xf_insp_detail_run(p, r->key.id, &place);
}

/* c raises a complaint in an inspection's detail, where the check is in
 * view: pressed on the list it said only "c does nothing here". */
static int raise_where(struct ipane *ip)
{
    char c[32], enter[32];
    xf_keys_hint_name(XF_A_RAISE_COMPLAINT, 'c', c, sizeof c);
    xf_keys_hint_name(XF_A_DETAIL, '\n', enter, sizeof enter);
    const struct xf_list_row *r = xf_list_selected(&ip->list);
    const struct xf_ctx *ctx = xf_ui_ctx(ip->p->ui);
    bool pass = r && strcmp(r->cells[H_RESULT], "fail") != 0;
    bool rect_on =
        r && r->cells[H_RECT_STATUS][0] && strcmp(r->cells[H_RECT_STATUS], "cancelled") != 0;
    /* Short enough for the status line at 80 columns. */
    if (r && !pass) {
        xf_ui_message(ip->p->ui, false, _("A complaint is raised in the detail: %s, then %s."),
                      enter, c);
    } else if (pass && r->cells[H_FAILURES][0] && (rect_on || xf_perm_allows(ctx, XF_P_INSPECT))) {
        /* As the detail says it: "raises a complaint in a failed check's
         * detail" left a pass with failed items without a way on. */
        char rk[32];
        xf_keys_hint_name(XF_A_RECTIFY, 'r', rk, sizeof rk);
        if (rect_on)
            xf_ui_message(ip->p->ui, false,
                          _("Passed, so no complaint: the failed items are in its "
                            "rectification (%s)."),
                          rk);
        else
            xf_ui_message(ip->p->ui, false,
                          _("Passed, so no complaint: %s orders the failed items put right."), rk);
    } else if (pass) {
        xf_ui_message(ip->p->ui, false, "%s",
                      _("This inspection passed: a complaint is raised from a failed one."));
    } else
        xf_ui_message(ip->p->ui, false, _("%s raises a complaint in a failed check's detail."),
                      c);
    return XF_UI_HANDLED;
}

static int insp_key(struct xf_pane *p, enum xf_action a, wint_t raw)
{
    struct ipane *ip = p->priv;
    struct xf_error err = {0};
    int r;
    switch (a) {
    case XF_A_DOWN: case XF_A_UP: case XF_A_PAGE_DOWN: case XF_A_PAGE_UP:
    case XF_A_HOME: case XF_A_END:
        r = xf_list_move(&ip->list, a, &err);
        if (err.code)
            xf_ui_error(p->ui, &err);
        return r;
    case XF_A_FILTER: return filter_run(ip);
    case XF_A_SORT: return sort_next(ip);
    case XF_A_SEARCH: return search_run(ip);
    case XF_A_BACK: return raw == XF_KEY_ESC ? clear_narrowing(ip) : XF_UI_IGNORED; /* q quits */
    case XF_A_NEW: return new_check(ip);
    case XF_A_RECTIFY: return rectify(ip);
    case XF_A_EDIT: { /* the correction form, or who may correct it */
        const struct xf_list_row *sel = xf_list_selected(&ip->list);
        return sel ? xf_insp_correct_run(p, sel->key.id) : XF_UI_HANDLED;
    }
    case XF_A_NONE:
        return xf_keys_action_in((int)raw, XF_KEYS_INSPECTION_DETAIL) == XF_A_RAISE_COMPLAINT
                   ? raise_where(ip)
                   : XF_UI_IGNORED;
    default: return XF_UI_IGNORED;
    }
}

static int insp_click(struct xf_pane *p, int y, int x)
{
    (void)x;
    struct ipane *ip = p->priv;
    return xf_list_click(&ip->list, y - 2);
}

static int insp_selected(struct xf_pane *p, const char **entity, int64_t *id)
{
    const struct xf_list_row *r = xf_list_selected(&((struct ipane *)p->priv)->list);
    *entity = "inspection";
    *id = r ? r->key.id : 0;
    return *id > 0 ? 0 : -1;
}

const struct xf_pane_ops xf_pane_inspections = {
    .name = "inspections",
    .title = N_("Inspections"),
    .open = insp_open,
    .close = insp_close,
    .draw = insp_draw,
    .key = insp_key,
    .refresh = insp_refresh,
    .refresh_under_form = true,
    .idle = insp_idle,
    .detail = insp_detail,
    .link = insp_link,
    .drill = insp_drill,
    .click = insp_click,
    .selected = insp_selected,
};
