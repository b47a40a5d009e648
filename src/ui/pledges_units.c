/* The Pledge progress pane's unit and member actions (SPEC §2.1, §2.3):
 * `e` on a unit offers to edit it, add a unit below it, add a member to
 * it, or deactivate (reactivate) it; on a member, to edit or deactivate
 * them. Each goes through a form or a confirm and one domain call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pledges.h"
#include "xf/i18n.h"
#include "xf/post.h"
#include "xf/ui_form.h"
#include "xf/ui_menu.h"
#include "xf/unit.h"

static const char *const kind_ids[] = {"department", "office", "outlet", "window", NULL};
static const char *const kind_names[] = {N_("department"), N_("office"), N_("outlet"),
                                         N_("window")};

static const struct xf_ctx *ctx_of(const struct pl_state *s)
{
    return xf_ui_ctx(s->p->ui);
}

static char *text_of(const struct xf_form_field *f)
{
    return strdup(xf_form_text(f));
}

/* ---- the unit form -------------------------------------------------------------------- */

enum { U_PARENT, U_CODE, U_NAME, U_KIND, U_TRADE, U_PARTY, U_N };

struct unit_form {
    struct pl_state *s;
    struct xf_unit u; /* edit: the unit as read (id, version); create: parent_id */
    bool create;
    struct xf_form_field *fd;       /* all U_N fields; the form shows fd + first on */
    int first;                      /* the form's first field (edit: U_NAME) */
    struct xf_form_field base[U_N]; /* edit: the values as read, for a reload */
};

static void unit_values(struct xf_form_field *fd, const struct xf_unit *u)
{
    xf_form_set_text(&fd[U_CODE], u->code);
    xf_form_set_text(&fd[U_NAME], u->name);
    for (int i = 0; kind_ids[i]; i++)
        if (u->kind && !strcmp(u->kind, kind_ids[i]))
            fd[U_KIND].choice = i;
    xf_form_set_text(&fd[U_TRADE], u->trade);
    xf_form_set_text(&fd[U_PARTY], u->party_org);
}

static void read_unit(const struct xf_form_field *fd, struct xf_unit *u)
{
    free(u->name);
    free(u->trade);
    free(u->party_org);
    free(u->kind);
    u->name = text_of(&fd[U_NAME]);
    u->trade = text_of(&fd[U_TRADE]);
    u->party_org = text_of(&fd[U_PARTY]);
    u->kind = strdup(kind_ids[fd[U_KIND].choice]);
}

static int submit_unit(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct unit_form *uf = arg;
    read_unit(uf->fd, &uf->u);
    if (!uf->create)
        return xf_unit_edit(ctx_of(uf->s), &uf->u, err);
    free(uf->u.code);
    uf->u.code = text_of(&uf->fd[U_CODE]);
    return xf_unit_create(ctx_of(uf->s), &uf->u, err);
}

static int reload_unit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct unit_form *uf = arg;
    struct xf_unit now = {0};
    int rc = xf_unit_get(ctx_of(uf->s), uf->u.id, &now, err);
    if (rc == XF_OK) {
        struct xf_form_field fresh[U_N] = {0};
        unit_values(fresh, &now);
        xf_form_merge(f, uf->base + uf->first, fresh + uf->first);
        xf_form_fields_free(uf->base, U_N);
        memcpy(uf->base, fresh, sizeof fresh);
        uf->u.version = now.version;
    }
    xf_unit_clear(&now);
    return rc;
}

/* The form for a new unit below parent (create) or for unit u itself. */
static int unit_form(struct pl_state *s, const struct xf_unit *u, bool create)
{
    const char *kinds[5];
    for (int i = 0; i < 4; i++)
        kinds[i] = _(kind_names[i]);
    kinds[4] = NULL;
    char *parent_label = NULL;
    if (asprintf(&parent_label, "%s %s", u->code, u->name) < 0)
        parent_label = NULL;
    const char *parent[] = {parent_label ? parent_label : "", NULL};
    struct xf_form_field fd[U_N] = {
        [U_PARENT] = {.name = "parent", .label = _("Below"), .kind = XF_FIELD_CHOICE,
                      .choices = parent},
        [U_CODE] = {.name = "code", .label = _("Code"), .kind = XF_FIELD_TEXT,
                    .required = true, .max_chars = XF_CODE_MAX},
        [U_NAME] = {.name = "name", .label = _("Name"), .kind = XF_FIELD_TEXT,
                    .required = true, .max_chars = 200},
        [U_KIND] = {.name = "kind", .label = _("Kind"), .kind = XF_FIELD_CHOICE,
                    .choices = kinds},
        [U_TRADE] = {.name = "trade", .label = _("Trade"), .kind = XF_FIELD_TEXT,
                     .max_chars = 100},
        [U_PARTY] = {.name = "party_org", .label = _("Party organisation"),
                     .kind = XF_FIELD_TEXT, .max_chars = 200},
    };
    int first = create ? U_PARENT : U_NAME, ok;
    struct unit_form uf = {.s = s, .create = create, .fd = fd, .first = first};
    char *title = NULL;
    if (create) {
        uf.u.parent_id = u->id;
        fd[U_KIND].choice = u->kind && !strcmp(u->kind, "department") ? 1 : 3;
        /* A unit below usually shares its parent's trade and Party
         * organisation (the department's 机关党委). */
        xf_form_set_text(&fd[U_TRADE], u->trade);
        xf_form_set_text(&fd[U_PARTY], u->party_org);
        char *code = NULL;
        struct xf_error err = {0};
        if (xf_unit_suggest_code(ctx_of(s), u->id, &code, &err) == XF_OK)
            xf_form_set_text(&fd[U_CODE], code);
        free(code);
        if (asprintf(&title, _("New unit below %s"), u->name) < 0)
            title = NULL;
    } else {
        uf.u.id = u->id;
        uf.u.version = u->version;
        unit_values(fd, u);
        unit_values(uf.base, u);
        if (asprintf(&title, _("Edit unit %s"), u->code) < 0)
            title = NULL;
    }
    /* An edit shows the fields from the name on (the code and the place
     * in the tree stay), a creation all of them. */
    struct xf_form f = {.title = title ? title : "", .fields = fd + first, .n = U_N - first,
                        .arg = &uf, .submit = submit_unit,
                        .reload = create ? NULL : reload_unit,
                        .base = create ? NULL : uf.base + first,
                        .focus = U_NAME - first};
    ok = xf_form_run(s->p->ui, &f);
    if (ok)
        xf_ui_message(s->p->ui, false, create ? _("Unit %s set up.") : _("Unit %s saved."),
                      create ? uf.u.code : u->code);
    xf_form_fields_free(fd, U_N);
    xf_form_fields_free(uf.base, U_N);
    xf_unit_clear(&uf.u);
    free(title);
    free(parent_label);
    return (ok ? XF_UI_CHANGED : 0) | XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* ---- the member form ------------------------------------------------------------------ */

enum { M_CODE, M_UNIT, M_NAME, M_POSITION, M_LEADER, M_LOGIN, M_N };

struct member_form {
    struct pl_state *s;
    struct xf_member m; /* edit: as read (id, unit, version); create: unit_id */
    struct xf_member_move moved; /* what a move to another unit took along */
    bool create;
    bool own; /* the user's own record: its login is not offered */
    struct xf_form_field *fd;
    int first;
    struct xf_form_field base[M_N];
};

static void member_values(struct xf_form_field *fd, const struct xf_member *m)
{
    xf_form_set_text(&fd[M_CODE], m->code);
    xf_form_set_text(&fd[M_NAME], m->name);
    xf_form_set_text(&fd[M_POSITION], m->position);
    fd[M_LEADER].choice = m->is_leader;
    xf_form_set_text(&fd[M_LOGIN], m->login);
}

/* The member's unit as the picker shows units: "市城建委 › 服务大厅". */
static void unit_value(const struct xf_ctx *ctx, struct xf_form_field *fd, int64_t unit_id)
{
    xf_form_set_unit(ctx, &fd[M_UNIT], unit_id);
}

/* Active units within the user's scope: a member may move to another. */
static int pick_unit(void *arg, int field, const char *query, int limit,
                     struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct member_form *mf = arg;
    return xf_form_pick_units(ctx_of(mf->s), query, limit, out, n_out, err);
}

static int submit_member(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct member_form *mf = arg;
    struct xf_member *m = &mf->m;
    free(m->name);
    free(m->position);
    free(m->login);
    m->name = text_of(&mf->fd[M_NAME]);
    m->position = text_of(&mf->fd[M_POSITION]);
    /* Not in the form on one's own record: as last read. */
    m->login = text_of(mf->own ? &mf->base[M_LOGIN] : &mf->fd[M_LOGIN]);
    m->is_leader = mf->fd[M_LEADER].choice == 1;
    m->unit_id = mf->fd[M_UNIT].picked;
    if (!mf->create)
        return xf_member_edit(ctx_of(mf->s), m, &mf->moved, err);
    free(m->code);
    m->code = text_of(&mf->fd[M_CODE]);
    return xf_member_create(ctx_of(mf->s), m, err);
}

static int reload_member(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct member_form *mf = arg;
    struct xf_member now = {0};
    int rc = xf_member_get(ctx_of(mf->s), mf->m.id, &now, err);
    if (rc == XF_OK && !now.active)
        rc = xf_err(err, XF_ESTATE, "",
                    _("the member has been deactivated meanwhile; Esc closes the form."));
    if (rc == XF_OK) {
        struct xf_form_field fresh[M_N] = {0};
        member_values(fresh, &now);
        unit_value(ctx_of(mf->s), fresh, now.unit_id);
        xf_form_merge(f, mf->base + mf->first, fresh + mf->first);
        xf_form_fields_free(mf->base, M_N);
        memcpy(mf->base, fresh, sizeof fresh);
        mf->m.version = now.version;
        mf->m.unit_id = now.unit_id;
    }
    xf_member_clear(&now);
    return rc;
}

/* A new member of unit u (m NULL), or the form for member m of unit u. */
static int member_form(struct pl_state *s, const struct xf_unit *u, const struct xf_member *m)
{
    struct xf_form_field fd[M_N] = {
        [M_UNIT] = {.name = "unit", .label = _("Unit"), .kind = XF_FIELD_PICK,
                    .required = true, .pick = pick_unit},
        [M_CODE] = {.name = "code", .label = _("Code"), .kind = XF_FIELD_TEXT,
                    .required = true, .max_chars = XF_CODE_MAX},
        [M_NAME] = {.name = "name", .label = _("Full name"), .kind = XF_FIELD_TEXT,
                    .required = true, .max_chars = 100},
        [M_POSITION] = {.name = "position", .label = _("Position"), .kind = XF_FIELD_TEXT,
                        .max_chars = 100},
        [M_LEADER] = {.name = "is_leader", .label = _("Leader (处级以上)"),
                      .kind = XF_FIELD_YESNO},
        [M_LOGIN] = {.name = "login", .label = _("xianfeng login"), .kind = XF_FIELD_TEXT,
                     .max_chars = 64},
    };
    bool create = m == NULL;
    int first = create ? M_CODE : M_UNIT; /* the code stays once given */
    struct member_form mf = {.s = s, .create = create, .fd = fd, .first = first,
                             .own = !create && xf_member_login_locked(ctx_of(s), m)};
    char *title = NULL;
    unit_value(ctx_of(s), fd, u->id);
    if (create) {
        mf.m.unit_id = u->id;
        char *code = NULL;
        struct xf_error err = {0};
        if (xf_member_suggest_code(ctx_of(s), &code, &err) == XF_OK)
            xf_form_set_text(&fd[M_CODE], code);
        free(code);
        if (asprintf(&title, _("New member of %s"), u->name) < 0)
            title = NULL;
    } else {
        mf.m.id = m->id;
        mf.m.unit_id = m->unit_id;
        mf.m.version = m->version;
        member_values(fd, m);
        member_values(mf.base, m);
        unit_value(ctx_of(s), mf.base, u->id);
        if (asprintf(&title, _("Edit member %s %s"), m->code, m->name) < 0)
            title = NULL;
    }
    /* The login is the last field: one's own record's form ends before it. */
    struct xf_form f = {.title = title ? title : "", .fields = fd + first,
                        .n = M_N - first - (mf.own ? 1 : 0),
                        .arg = &mf, .submit = submit_member,
                        .reload = create ? NULL : reload_member,
                        .base = create ? NULL : mf.base + first,
                        .focus = M_NAME - first};
    int ok = xf_form_run(s->p->ui, &f);
    if (ok && mf.moved.pledges > 0)
        xf_ui_message(s->p->ui, false,
                      ngettext("Member %s saved; %lld pledge moved with them (%lld open).",
                               "Member %s saved; %lld pledges moved with them (%lld open).",
                               (unsigned long)mf.moved.pledges),
                      m->code, (long long)mf.moved.pledges, (long long)mf.moved.open);
    else if (ok)
        xf_ui_message(s->p->ui, false, create ? _("Member %s added.") : _("Member %s saved."),
                      create ? mf.m.code : m->code);
    xf_form_fields_free(fd, M_N);
    xf_form_fields_free(mf.base, M_N);
    xf_member_clear(&mf.m);
    free(title);
    return (ok ? XF_UI_CHANGED : 0) | XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* ---- deactivating --------------------------------------------------------------------- */

static int after(struct pl_state *s, int rc, const struct xf_error *err, const char *done)
{
    if (rc) {
        xf_ui_error(s->p->ui, err);
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL | (rc == XF_ECONFLICT ? XF_UI_CHANGED : 0);
    }
    xf_ui_message(s->p->ui, false, "%s", done);
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL | XF_UI_CHANGED;
}

static int set_unit_active(struct pl_state *s, const struct xf_unit *u, const struct xf_list *rows)
{
    char *q = NULL, *done = NULL;
    bool on = !u->active;
    /* What stands in the way is said before the question, not after it. */
    struct xf_error why = {0};
    if (!on && xf_unit_deactivate_check(ctx_of(s), u, &why) != XF_OK) {
        xf_ui_error(s->p->ui, &why);
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    }
    if (asprintf(&q,
                 on ? _("Reactivate unit %s %s?")
                    : _("Deactivate unit %s %s? Its records stay; it takes no new ones."),
                 u->code, u->name) < 0)
        return XF_UI_HANDLED;
    int r = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    if (xf_form_confirm_on(s->p->ui, q, rows)) {
        struct xf_error err = {0};
        int rc = on ? xf_unit_activate(ctx_of(s), u->id, u->version, &err)
                    : xf_unit_deactivate(ctx_of(s), u->id, u->version, &err);
        if (asprintf(&done, on ? _("Unit %s reactivated.") : _("Unit %s deactivated."),
                     u->code) < 0)
            done = NULL;
        r = after(s, rc, &err, done ? done : "");
    }
    free(q);
    free(done);
    return r;
}

static int set_member_active(struct pl_state *s, const struct xf_member *m,
                             const struct xf_list *rows)
{
    char *q = NULL, *done = NULL;
    bool on = !m->active;
    struct xf_error why = {0};
    if (!on && xf_member_deactivate_check(ctx_of(s), m, &why) != XF_OK) {
        xf_ui_error(s->p->ui, &why);
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    }
    if (asprintf(&q,
                 on ? _("Reactivate member %s %s?")
                    : _("Deactivate member %s %s? Their pledges stay; no new ones."),
                 m->code, m->name) < 0)
        return XF_UI_HANDLED;
    int r = XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    if (xf_form_confirm_on(s->p->ui, q, rows)) {
        struct xf_error err = {0};
        int rc = on ? xf_member_activate(ctx_of(s), m->id, m->version, &err)
                    : xf_member_deactivate(ctx_of(s), m->id, m->version, &err);
        if (asprintf(&done, on ? _("Member %s reactivated.") : _("Member %s deactivated."),
                     m->code) < 0)
            done = NULL;
        r = after(s, rc, &err, done ? done : "");
    }
    free(q);
    free(done);
    return r;
}

/* ---- the menus ------------------------------------------------------------------------ */

static int unit_menu(struct pl_state *s, int64_t unit_id, const struct xf_list *rows)
{
    struct xf_unit u = {0};
    struct xf_error err = {0};
    enum { EDIT, ADD_UNIT, ADD_MEMBER, ACTIVE };
    int acts[4], k, r = XF_UI_HANDLED;
    /* A colleague's change while the menu is open: offered again as the
     * unit is now (deactivated, it takes no new units or members), saying
     * who changed what. */
    char *news = NULL;
    for (bool again = false;; again = true) {
        if (xf_unit_get(ctx_of(s), unit_id, &u, &err) != XF_OK) {
            free(news);
            xf_ui_error(s->p->ui, &err);
            return XF_UI_HANDLED | (again ? XF_UI_REDRAW_ALL | XF_UI_CHANGED : 0);
        }
        char *title = NULL;
        if (asprintf(&title, _("Unit %s %s%s"), u.code, u.name, u.active ? "" : _(" (inactive)")) <
            0)
            title = NULL;
        /* An inactive unit takes no new units or members: not offered. */
        const char *labels[4];
        int n = 0;
        labels[n] = _("edit this unit"), acts[n++] = EDIT;
        if (u.active) {
            labels[n] = _("add a unit below it"), acts[n++] = ADD_UNIT;
            labels[n] = _("add a member to it"), acts[n++] = ADD_MEMBER;
        }
        labels[n] = u.active ? _("deactivate it") : _("reactivate it"), acts[n++] = ACTIVE;
        char what[96];
        snprintf(what, sizeof what, "%s %s", _("unit"), u.code);
        struct xf_menu_record rec = {ctx_of(s), "unit", u.id, u.version, what};
        k = xf_menu_run_watched_on(s->p->ui, title ? title : u.code, news, labels, n, rows, &rec,
                                   again ? xf_menu_updated_note() : NULL);
        free(title);
        free(news);
        news = NULL;
        if (k != XF_MENU_STALE)
            break;
        news = xf_menu_record_news(&rec);
        xf_unit_clear(&u);
        u = (struct xf_unit){0};
        r |= XF_UI_CHANGED;
    }
    switch (k < 0 ? -1 : acts[k]) {
    case EDIT: r = unit_form(s, &u, false); break;
    case ADD_UNIT: r = unit_form(s, &u, true); break;
    case ADD_MEMBER: r = member_form(s, &u, NULL); break;
    case ACTIVE: r = set_unit_active(s, &u, rows); break;
    default: break;
    }
    xf_unit_clear(&u);
    return r | XF_UI_REDRAW_ALL;
}

static int member_menu(struct pl_state *s, int64_t member_id, const struct xf_list *rows)
{
    struct xf_member m = {0};
    struct xf_unit u = {0};
    struct xf_error err = {0};
    if (xf_member_get(ctx_of(s), member_id, &m, &err) != XF_OK ||
        xf_unit_get(ctx_of(s), m.unit_id, &u, &err) != XF_OK) {
        xf_ui_error(s->p->ui, &err);
        xf_member_clear(&m);
        return XF_UI_HANDLED;
    }
    int k, r = XF_UI_HANDLED;
    /* A colleague's change while the menu is open: offered again as the
     * member is now, saying who changed what. */
    char *news = NULL;
    for (bool again = false;; again = true) {
        char *title = NULL;
        if (asprintf(&title, _("Member %s %s%s"), m.code, m.name,
                     m.active ? "" : _(" (inactive)")) < 0)
            title = NULL;
        const char *labels[] = {_("edit this member"), _("add a member to the unit"),
                                m.active ? _("deactivate this member")
                                         : _("reactivate this member")};
        char what[96];
        snprintf(what, sizeof what, "%s %s", _("member"), m.code);
        struct xf_menu_record rec = {ctx_of(s), "member", m.id, m.version, what};
        k = xf_menu_run_watched_on(s->p->ui, title ? title : m.code, news, labels, 3, rows, &rec,
                                   again ? xf_menu_updated_note() : NULL);
        free(title);
        free(news);
        news = NULL;
        if (k != XF_MENU_STALE)
            break;
        news = xf_menu_record_news(&rec);
        r |= XF_UI_CHANGED;
        xf_member_clear(&m);
        xf_unit_clear(&u);
        m = (struct xf_member){0};
        u = (struct xf_unit){0};
        if (xf_member_get(ctx_of(s), member_id, &m, &err) != XF_OK ||
            xf_unit_get(ctx_of(s), m.unit_id, &u, &err) != XF_OK) {
            free(news);
            xf_ui_error(s->p->ui, &err);
            xf_member_clear(&m);
            xf_unit_clear(&u);
            return r | XF_UI_HANDLED | XF_UI_REDRAW_ALL;
        }
    }
    if (k == 0)
        r = member_form(s, &u, &m);
    else if (k == 1)
        r = member_form(s, &u, NULL);
    else if (k == 2)
        r = set_member_active(s, &m, rows);
    xf_member_clear(&m);
    xf_unit_clear(&u);
    return r | XF_UI_REDRAW_ALL;
}

int pl_units_menu(struct pl_state *s, int64_t unit_id, int64_t member_id,
                  const struct xf_list *rows)
{
    if (!xf_perm_allows(ctx_of(s), XF_P_UNIT_EDIT)) {
        xf_ui_message(
            s->p->ui, true,
            _("Your role may not change units or members: organisers and administrators do."));
        return XF_UI_HANDLED;
    }
    if (member_id)
        return member_menu(s, member_id, rows);
    if (unit_id)
        return unit_menu(s, unit_id, rows);
    xf_ui_message(s->p->ui, true, _("Choose a unit or a member first."));
    return XF_UI_HANDLED;
}
