/* The keyset-paged lists of the Pledge progress pane: one unit's members
 * with their pledge counts, one member's pledges, and the units a search
 * found. Each fetch is one domain call for one screen of rows. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pledges.h"
#include "xf/i18n.h"
#include "xf/unit.h"

/* On a narrow screen the figures and the position give way to the name
 * and the pledge's text (at 45 columns every name read "…"). */
const struct xf_list_col pl_member_cols[] = {
    {N_("Member"), 0, XF_ALIGN_LEFT, 0},    {N_("Code"), 10, XF_ALIGN_TAIL, 0},
    {N_("Position"), 0, XF_ALIGN_LEFT, 60}, {N_("Made"), 5, XF_ALIGN_RIGHT, 0},
    {N_("Kept"), 5, XF_ALIGN_RIGHT, 50},    {N_("Withdrawn"), 9, XF_ALIGN_RIGHT, 70},
    {N_("Overdue"), 7, XF_ALIGN_RIGHT, 0},
};
const int pl_member_ncols = sizeof pl_member_cols / sizeof pl_member_cols[0];
/* A unit's members with those of the units below: where each is in
 * place of the position, its department and its own name kept as in the
 * other lists (cut from the start, "…大厅 › 第1号窗口" stood beside
 * "市城建委 › 审批处"). */
const struct xf_list_col pl_member_cols_below[] = {
    {N_("Member"), 0, XF_ALIGN_LEFT, 0},    {N_("Code"), 10, XF_ALIGN_TAIL, 0},
    {N_("Unit"), 0, XF_ALIGN_LINE, 0},      {N_("Made"), 5, XF_ALIGN_RIGHT, 0},
    {N_("Kept"), 5, XF_ALIGN_RIGHT, 50},    {N_("Withdrawn"), 9, XF_ALIGN_RIGHT, 70},
    {N_("Overdue"), 7, XF_ALIGN_RIGHT, 0},
};

const struct xf_list_col pl_pledge_cols[] = {
    {N_("Pledge"), 0, XF_ALIGN_LEFT, 0},       {N_("Category"), 10, XF_ALIGN_LEFT, 0},
    {N_("Made on"), 10, XF_ALIGN_LEFT, 0},     {N_("Due"), 10, XF_ALIGN_LEFT, 0},
    {N_("Status"), 9, XF_ALIGN_LEFT, 0},       {N_("Kept on"), 10, XF_ALIGN_LEFT, 0},
    {N_("Verified by"), 14, XF_ALIGN_LEFT, 0}, /* "zz_zhaoqiang" whole */
};
const int pl_pledge_ncols = sizeof pl_pledge_cols / sizeof pl_pledge_cols[0];

/* Below PL_WIDE cells the made date gives its room to the text (Enter
 * shows it). */
const struct xf_list_col pl_pledge_cols_narrow[] = {
    {N_("Pledge"), 0, XF_ALIGN_LEFT, 0},    {N_("Category"), 10, XF_ALIGN_LEFT, 54},
    {N_("Due"), 10, XF_ALIGN_LEFT, 0},      {N_("Status"), 9, XF_ALIGN_LEFT, 0},
    {N_("Kept on"), 10, XF_ALIGN_LEFT, 70}, {N_("Verified by"), 12, XF_ALIGN_LEFT, 62},
};
const int pl_pledge_ncols_narrow = sizeof pl_pledge_cols_narrow / sizeof pl_pledge_cols_narrow[0];

const struct xf_list_col pl_found_cols[] = {
    {N_("Name"), 0, XF_ALIGN_LEFT, 0},
    {N_("Code"), 12, XF_ALIGN_TAIL, 0},
    {N_("Kind"), 10, XF_ALIGN_LEFT, 0},
};
const int pl_found_ncols = sizeof pl_found_cols / sizeof pl_found_cols[0];

const char *pl_category_label(const char *c)
{
    if (!c)
        return "";
    if (strcmp(c, "standard") == 0)
        return _("standard");
    if (strcmp(c, "time_limit") == 0)
        return _("time limit");
    if (strcmp(c, "quality") == 0)
        return _("quality");
    if (strcmp(c, "attitude") == 0)
        return _("attitude");
    if (strcmp(c, "other") == 0)
        return _("other");
    return c;
}

static enum xf_pledge_dir pledge_dir(enum xf_list_dir d)
{
    return d == XF_LIST_BEFORE ? XF_PLEDGE_BEFORE
           : d == XF_LIST_FROM ? XF_PLEDGE_FROM
                               : XF_PLEDGE_AFTER;
}

/* Where the fetch callbacks put their rows. */
struct sink {
    struct xf_list_row *rows;
    int n, limit;
    char today[XF_DATE_LEN];
    bool narrow; /* pledges: the narrow columns */
    bool below;  /* members: of the units below too, with their unit */
    const struct xf_ctx *ctx; /* pledges: verifiers by their names */
};

/* ---- members ---- */

static int member_row(void *arg, const struct xf_pledge_member_counts *m)
{
    struct sink *k = arg;
    if (k->n >= k->limit)
        return XF_OK;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, m->name, m->member_id, pl_member_ncols) != XF_OK)
        return XF_EIO;
    k->n++;
    char num[32], *name = NULL;
    if ((m->is_leader || !m->active) &&
        asprintf(&name, "%s%s%s", m->name, m->is_leader ? _(" (leader)") : "",
                 m->active ? "" : _(" (inactive)")) < 0)
        name = NULL;
    xf_list_row_set(r, 0, name ? name : m->name);
    free(name);
    xf_list_row_set(r, 1, m->code);
    char *place = k->below ? xf_unit_place_label(k->ctx, m->unit_id) : NULL;
    xf_list_row_set(r, 2, k->below ? (place ? place : "") : m->position);
    free(place);
    const int64_t v[] = {m->c.made, m->c.kept, m->c.withdrawn, m->c.overdue};
    for (int i = 0; i < 4; i++) {
        snprintf(num, sizeof num, "%" PRId64, v[i]);
        xf_list_row_set(r, 3 + i, num);
    }
    r->unit_id = m->unit_id;
    r->color = !m->active ? XF_C_DIM : m->c.overdue > 0 ? XF_C_ALERT : XF_C_NORMAL;
    return XF_OK;
}

/* The unit's responsibility letters (pledges of no member) counted, for
 * the row that stands for them above the members. */
struct letters {
    struct xf_pledge_counts c;
    const char *today;
};

static int count_letter(void *arg, const struct xf_pledge *p)
{
    struct letters *l = arg;
    l->c.made++;
    l->c.kept += strcmp(p->status, "kept") == 0;
    l->c.withdrawn += strcmp(p->status, "withdrawn") == 0;
    l->c.overdue += xf_pledge_is_overdue(p, l->today);
    return XF_OK;
}

/* The letters' row, keyed (name "", id 0) before every member; none when
 * the unit has none (or none overdue, under the overdue filter). */
static int letters_row(struct pl_state *s, struct sink *k, struct xf_error *err)
{
    struct letters l = {{0}, k->today};
    xf_date_today(k->today);
    struct xf_pledge_key from = {0, true};
    int rc = xf_pledge_page(xf_ui_ctx(s->p->ui), 0, s->unit_id, &from, XF_PLEDGE_AFTER, 500,
                            count_letter, &l, err);
    if (rc || l.c.made == 0 || (s->overdue_only && l.c.overdue == 0) || k->n >= k->limit)
        return rc;
    struct xf_pledge_member_counts m = {.member_id = 0, .name = "", .code = "", .position = "",
                                        .unit_id = s->unit_id, .active = true, .c = l.c};
    rc = member_row(k, &m);
    if (rc == XF_OK)
        xf_list_row_set(&k->rows[k->n - 1], 0, _("(unit's letters)"));
    return rc;
}

int pl_members_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                     struct xf_list_row *rows, int *n, struct xf_error *err)
{
    struct pl_state *s = arg;
    struct sink k = {rows, 0, limit, "", false, s->below, xf_ui_ctx(s->p->ui)};
    bool at_letters = from && from->id == 0;
    int rc = XF_OK;
    if (s->below) { /* members only: the letters are each unit's own */
        struct xf_pledge_key key = {from ? from->id : 0, !from};
        rc = xf_pledge_members_below(xf_ui_ctx(s->p->ui), s->unit_id, NULL, s->overdue_only,
                                     &key, pledge_dir(dir), limit, member_row, &k, err);
        *n = k.n;
        return rc == XF_EIO ? xf_err(err, XF_EIO, "", _("out of memory")) : rc;
    }
    /* Forward from the top (or from the letters' own row): the letters
     * first. Backward, they come last: they are above everyone. */
    if (dir != XF_LIST_BEFORE && (!from || (at_letters && dir == XF_LIST_FROM)))
        rc = letters_row(s, &k, err);
    /* The letters' row may fill the page (a probe of one row): a page of
     * no members is no question to ask. */
    if (!rc && k.n < limit && !(at_letters && dir == XF_LIST_BEFORE)) {
        struct xf_pledge_key key = {at_letters ? 0 : from ? from->id : 0, !from || at_letters};
        enum xf_list_dir d = at_letters ? XF_LIST_AFTER : dir;
        rc = xf_pledge_members(xf_ui_ctx(s->p->ui), s->unit_id, NULL, s->overdue_only, &key,
                               pledge_dir(d), limit - k.n, member_row, &k, err);
    }
    if (!rc && dir == XF_LIST_BEFORE && !at_letters && k.n < limit)
        rc = letters_row(s, &k, err);
    *n = k.n;
    return rc == XF_EIO ? xf_err(err, XF_EIO, "", _("out of memory")) : rc;
}

/* Whether unit is the unit shown or one below it. */
static bool in_subtree(struct pl_state *s, int64_t unit)
{
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    struct xf_unit top = {0}, u = {0};
    struct xf_error ignored = {0};
    bool yes = xf_unit_get(ctx, s->unit_id, &top, &ignored) == XF_OK &&
               xf_unit_get(ctx, unit, &u, &ignored) == XF_OK && top.path && u.path &&
               strncmp(u.path, top.path, strlen(top.path)) == 0;
    xf_unit_clear(&top);
    xf_unit_clear(&u);
    return yes;
}

int pl_members_locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err)
{
    struct pl_state *s = arg;
    struct xf_member m = {0};
    int rc = xf_member_get(xf_ui_ctx(s->p->ui), id, &m, err);
    if (rc == XF_OK && m.unit_id != s->unit_id && !(s->below && in_subtree(s, m.unit_id)))
        rc = xf_err(err, XF_ENOTFOUND, "", _("no longer in this unit"));
    if (rc == XF_OK) {
        key->sort = strdup(m.name);
        key->id = id;
        if (!key->sort)
            rc = xf_err(err, XF_EIO, "", _("out of memory"));
    }
    xf_member_clear(&m);
    return rc;
}

/* ---- one member's pledges ---- */

static int pledge_row(void *arg, const struct xf_pledge *p)
{
    struct sink *k = arg;
    if (k->n >= k->limit)
        return XF_OK;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, "", p->id, PL_PCOLS) != XF_OK)
        return XF_EIO;
    k->n++;
    char version[32];
    snprintf(version, sizeof version, "%" PRId64, p->version);
    /* people know each other by name; the detail adds the login */
    const char *verifier = xf_ctx_person_short(k->ctx, p->verified_by);
    const char *cells[PL_PCOLS] = {
        p->text,
        pl_category_label(p->category),
        p->made_on,
        p->due_on,
        xf_pledge_status_label(p, k->today),
        p->kept_on ? p->kept_on : "",
        verifier,
        [PL_PCOL_VERSION] = version,
        [PL_PCOL_STATUS] = p->status,
        [PL_PCOL_TEXT] = p->text,
    };
    if (k->narrow) { /* no made date: the later columns move left */
        memmove(&cells[2], &cells[3], 4 * sizeof cells[0]);
        cells[6] = "";
    }
    for (int i = 0; i < PL_PCOLS; i++)
        xf_list_row_set(r, i, cells[i]);
    r->unit_id = p->unit_id;
    r->color = xf_pledge_is_overdue(p, k->today)     ? XF_C_ALERT
               : strcmp(p->status, "withdrawn") == 0 ? XF_C_DIM
                                                     : XF_C_NORMAL;
    return XF_OK;
}

int pl_pledges_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                     struct xf_list_row *rows, int *n, struct xf_error *err)
{
    struct pl_state *s = arg;
    struct sink k = {rows, 0, limit, "", s->pledges.cols == pl_pledge_cols_narrow, false,
                     xf_ui_ctx(s->p->ui)};
    xf_date_today(k.today);
    struct xf_pledge_key key = {from ? from->id : 0, from == NULL};
    int rc = xf_pledge_page(xf_ui_ctx(s->p->ui), s->member_id, s->unit_id, &key, pledge_dir(dir),
                            limit, pledge_row, &k, err);
    *n = k.n;
    return rc == XF_EIO ? xf_err(err, XF_EIO, "", _("out of memory")) : rc;
}

/* ---- search results: ids held in memory, units read a screen at a time ---- */

static const char *kind_label(const char *kind)
{
    if (strcmp(kind, "department") == 0)
        return _("department");
    if (strcmp(kind, "office") == 0)
        return _("office");
    if (strcmp(kind, "outlet") == 0)
        return _("outlet");
    if (strcmp(kind, "window") == 0)
        return _("window");
    return kind;
}

/* A member found (found_ids[i] = -id) as a row: the name with the unit
 * it belongs to, from its department down. 1 for a row, 0 for a member
 * gone or out of scope, -1 on error (in err). */
static int found_member(struct pl_state *s, int i, struct xf_list_row *r, struct xf_error *err)
{
    const struct xf_ctx *ctx = xf_ui_ctx(s->p->ui);
    struct xf_member m = {0};
    struct xf_unit u = {0};
    struct xf_error e2 = {0};
    if (xf_member_get(ctx, -s->found_ids[i], &m, &e2) != XF_OK ||
        xf_unit_get(ctx, m.unit_id, &u, &e2) != XF_OK) {
        xf_member_clear(&m);
        return 0;
    }
    char key[16], *name = NULL;
    pl_index_key(i, key);
    /* The unit with its department: every department has a 服务大厅. */
    char *place = xf_unit_place_label(ctx, u.id);
    if (asprintf(&name, "%s \u00b7 %s", m.name, place ? place : u.name) < 0)
        name = NULL;
    free(place);
    int rc = name && xf_list_row_init(r, key, -m.id, pl_found_ncols) == XF_OK ? 1 : -1;
    if (rc > 0) {
        xf_list_row_set(r, 0, name);
        xf_list_row_set(r, 1, m.code);
        xf_list_row_set(r, 2, _("member"));
        r->unit_id = u.id;
    } else
        xf_err(err, XF_EIO, "", _("out of memory"));
    free(name);
    xf_member_clear(&m);
    xf_unit_clear(&u);
    return rc;
}

int pl_found_fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                   struct xf_list_row *rows, int *n, struct xf_error *err)
{
    struct pl_state *s = arg;
    int at = from ? atoi(from->sort) : (dir == XF_LIST_BEFORE ? s->n_found : -1);
    int step = dir == XF_LIST_BEFORE ? -1 : 1;
    int i = dir == XF_LIST_FROM && from ? at : at + step;
    *n = 0;
    for (; i >= 0 && i < s->n_found && *n < limit; i += step) {
        if (s->found_ids[i] < 0) {
            int rc = found_member(s, i, &rows[*n], err);
            if (rc < 0)
                return err->code;
            *n += rc;
            continue;
        }
        struct xf_unit u = {0};
        struct xf_error e2 = {0};
        if (xf_unit_get(xf_ui_ctx(s->p->ui), s->found_ids[i], &u, &e2) != XF_OK)
            continue; /* gone or out of scope */
        char key[16];
        pl_index_key(i, key);
        struct xf_list_row *r = &rows[*n];
        if (xf_list_row_init(r, key, u.id, pl_found_ncols) != XF_OK) {
            xf_unit_clear(&u);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
        (*n)++;
        /* From its department down: 67 rows of "第1号窗口" told nothing. */
        char *place = xf_unit_place_label(xf_ui_ctx(s->p->ui), u.id);
        xf_list_row_set(r, 0, place ? place : u.name);
        free(place);
        xf_list_row_set(r, 1, u.code);
        xf_list_row_set(r, 2, kind_label(u.kind));
        r->unit_id = u.id;
        r->color = u.active ? XF_C_NORMAL : XF_C_DIM;
        xf_unit_clear(&u);
    }
    return XF_OK;
}

int pl_found_locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err)
{
    struct pl_state *s = arg;
    for (int i = 0; i < s->n_found; i++)
        if (s->found_ids[i] == id) {
            char k[16];
            pl_index_key(i, k);
            key->sort = strdup(k);
            key->id = id;
            return key->sort ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
        }
    return xf_err(err, XF_ENOTFOUND, "", _("no longer found"));
}
