/* Key projects and the project-post map (SPEC §2.7), opened with `M` from
 * Posts: the projects the user's units own or serve, by code, with their
 * category, owner unit and the number of posts linked to them. Enter
 * narrows the Posts pane to a project's posts; `n` sets up a project, `e`
 * edits or (de)activates one, ←→ choose a category, `/` searches. A modal
 * view over a virtual list: projects are fetched a screen at a time. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posts_priv.h"
#include "xf/conflict.h"
#include "xf/i18n.h"
#include "xf/project.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_keys.h"
#include "xf/ui_menu.h"
#include "xf/unit.h"

enum { PJ_CODE, PJ_NAME, PJ_CATEGORY, PJ_OWNER, PJ_POSTS, PJ_NCOLS };

static const struct xf_list_col cols[PJ_NCOLS] = {
    [PJ_CODE] = {N_("Code"), 10, XF_ALIGN_TAIL, 0},
    [PJ_NAME] = {N_("Project"), 0, XF_ALIGN_LEFT, 0},
    [PJ_CATEGORY] = {N_("Category"), 13, XF_ALIGN_LEFT, 60},
    [PJ_OWNER] = {N_("Owner unit"), 0, XF_ALIGN_LEFT, 70},
    [PJ_POSTS] = {N_("Posts"), 6, XF_ALIGN_RIGHT, 0},
};

struct projects {
    struct xf_ui *ui;
    struct xf_list list;
    struct xf_list_col cols[PJ_NCOLS]; /* the category's as wide as its labels */
    struct xf_project_filter f;
    int category; /* 0 = every category, else 1 + index of xf_project_categories */
    char *like;
    long count; /* the search's total (-1: no search, or unknown) */
    char msg[600]; /* holds an error message whole */
    bool msg_error;
    int64_t chosen; /* Enter: the project whose posts the Posts pane shows */
    char *chosen_label;
    bool wrote; /* something was saved: the panes below re-read */
};

static const struct xf_ctx *ctx_of(const struct projects *pj)
{
    return xf_ui_ctx(pj->ui);
}

static void say(struct projects *pj, bool error, const char *text)
{
    snprintf(pj->msg, sizeof pj->msg, "%s", text);
    pj->msg_error = error;
}

/* A refusal, as a sentence of its own. */
static void say_error(struct projects *pj, const struct xf_error *err)
{
    xf_ui_err_sentence(err, pj->msg, sizeof pj->msg);
    pj->msg_error = true;
}

/* The list's column is narrow: 重点 / 惠民 / 路桥. */
static const char *category_short(const char *category)
{
    static const char *const shorts[] = {N_("key"), N_("livelihood"), N_("road & bridge")};
    for (int i = 0; xf_project_categories[i]; i++)
        if (category && !strcmp(category, xf_project_categories[i]))
            return _(shorts[i]);
    return category ? category : "";
}

/* ---- rows ---------------------------------------------------------------------- */

struct sink {
    struct xf_list_row *rows;
    int n, limit, rc;
};

static void collect(void *arg, const struct xf_project_item *it)
{
    struct sink *k = arg;
    if (k->n >= k->limit || k->rc)
        return;
    struct xf_list_row *r = &k->rows[k->n];
    if (xf_list_row_init(r, it->code, it->id, PJ_NCOLS) != XF_OK) {
        xf_list_row_clear(r);
        k->rc = XF_EIO;
        return;
    }
    char posts[24], *name = NULL;
    snprintf(posts, sizeof posts, "%" PRId64, it->posts);
    /* Before the name, so that a narrow column cannot cut it off. */
    if (!it->active && asprintf(&name, "%s %s", _("(inactive)"), it->name) < 0)
        name = NULL;
    xf_list_row_set(r, PJ_CODE, it->code);
    xf_list_row_set(r, PJ_NAME, name ? name : it->name);
    xf_list_row_set(r, PJ_CATEGORY, category_short(it->category));
    xf_list_row_set(r, PJ_OWNER, it->owner_name);
    xf_list_row_set(r, PJ_POSTS, posts);
    r->unit_id = it->owner_unit_id;
    r->color = it->active ? XF_C_NORMAL : XF_C_DIM;
    free(name);
    k->n++;
}

static int fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                 struct xf_list_row *rows_out, int *n_out, struct xf_error *err)
{
    struct projects *pj = arg;
    struct sink k = {rows_out, 0, limit, XF_OK};
    enum xf_project_dir d = dir == XF_LIST_AFTER  ? XF_PROJECT_AFTER
                            : dir == XF_LIST_FROM ? XF_PROJECT_FROM
                                                  : XF_PROJECT_BEFORE;
    int rc = xf_project_page(ctx_of(pj), &pj->f, from ? from->sort : NULL, from ? from->id : 0,
                             d, limit, collect, &k, err);
    *n_out = k.n;
    if (!rc && k.rc)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    return rc;
}

struct key_sink {
    struct xf_list_key *key;
    int rc;
};

static void take_key(void *arg, const struct xf_project_item *it)
{
    struct key_sink *k = arg;
    k->key->sort = strdup(it->code);
    k->key->id = it->id;
    k->rc = k->key->sort ? XF_OK : XF_EIO;
}

static int locate(void *arg, int64_t id, struct xf_list_key *key_out, struct xf_error *err)
{
    struct projects *pj = arg;
    struct key_sink k = {key_out, XF_OK};
    int rc = xf_project_item(ctx_of(pj), &pj->f, id, take_key, &k, err);
    return rc ? rc : k.rc;
}

/* A search's total, as the panes' titles give it (xf_ui_count_note). */

static void count_found(struct projects *pj)
{
    struct xf_error err = {0};
    pj->count = -1;
    if (pj->like && xf_project_count(ctx_of(pj), &pj->f, XF_UI_COUNT_CAP, &pj->count, &err))
        pj->count = -1;
}

static void reload(struct projects *pj)
{
    struct xf_error err = {0};
    if (xf_list_reload(&pj->list, &err) != XF_OK)
        say_error(pj, &err);
    count_found(pj);
}

/* The filter changed. */
/* read: xf_list_refilter for a new filter or search, xf_list_widen when
 * one was cleared. */
static void reread(struct projects *pj, int (*read)(struct xf_list *, struct xf_error *))
{
    pj->f.category = pj->category ? xf_project_categories[pj->category - 1] : NULL;
    pj->f.like = pj->like;
    struct xf_error err = {0};
    if (read(&pj->list, &err) != XF_OK) /* the cursor kept where it can be */
        say_error(pj, &err);
    count_found(pj);
}

static void refilter(struct projects *pj)
{
    reread(pj, xf_list_refilter);
}

static int64_t selected(const struct projects *pj)
{
    const struct xf_list_row *r = xf_list_selected(&pj->list);
    return r ? r->key.id : 0;
}

/* ---- drawing ------------------------------------------------------------------- */

static void draw(WINDOW *w, struct projects *pj)
{
    int h, width;
    getmaxyx(w, h, width);
    width -= 2;
    werase(w);
    const char *cat =
        pj->category ? xf_project_category_label(xf_project_categories[pj->category - 1])
                     : _("every category");
    char count[32];
    xf_ui_count_note(count, sizeof count, pj->like ? pj->count : -1);
    xf_draw_printf(w, 0, 1, width, xf_draw_attr(XF_C_TITLE) | A_BOLD, "%s \u00b7 %s%s%s%s",
                   _("Key projects"), cat, pj->like ? " \u00b7 / " : "",
                   pj->like ? pj->like : "", count);
    bool may = xf_perm_allows(ctx_of(pj), XF_P_UNIT_EDIT);
    const struct xf_hint hints[] = {
        {XF_A_DETAIL, '\n', N_("its posts"), 0, 0},
        {XF_A_LEFT, KEY_LEFT, N_("category"), XF_A_RIGHT, KEY_RIGHT},
        {XF_A_SEARCH, '/', N_("search"), 0, 0},
        {may ? XF_A_NEW : XF_A_NONE, 'n', N_("new"), 0, 0},
        {may ? XF_A_EDIT : XF_A_NONE, 'e', N_("edit"), 0, 0},
        {XF_A_HISTORY, 'H', N_("history"), 0, 0},
        {pj->like || pj->category ? XF_A_BACK : XF_A_NONE, XF_KEY_ESC, N_("clear"), 0, 0},
        {XF_A_BACK, 'q', N_("back"), 0, 0}};
    /* Too many keys for one line at 80 columns ("Esc c…", no "q back"):
     * they take a second, the list one row less. */
    char line[400], more[400];
    int foot = xf_keys_hints2(line, more, sizeof line, " \u00b7 ", hints,
                              sizeof hints / sizeof hints[0], width);
    struct xf_error err = {0};
    if (xf_list_set_height(&pj->list, h > 4 + foot ? h - 3 - foot : 1, &err) != XF_OK)
        say_error(pj, &err);
    xf_list_draw(&pj->list, w, 1, 1, width, true, true);
    char k[32];
    if (pj->list.n == 0 && (pj->like || pj->category))
        xf_draw_text(w, 3, 1, width, _("No project matches."), xf_draw_attr(XF_C_DIM));
    else if (pj->list.n == 0)
        xf_draw_printf(w, 3, 1, width, xf_draw_attr(XF_C_DIM), _("No key project yet: %s sets one up."),
                       xf_keys_hint_name(XF_A_NEW, 'n', k, sizeof k));
    if (pj->msg[0])
        xf_draw_text(w, h - 1 - foot, 1, width, pj->msg,
                     xf_draw_attr(pj->msg_error ? XF_C_ALERT : XF_C_NORMAL));
    xf_draw_text(w, h - foot, 1, width, line, xf_draw_attr(XF_C_DIM));
    if (foot == 2)
        xf_draw_text(w, h - 1, 1, width, more, xf_draw_attr(XF_C_DIM));
    wnoutrefresh(w);
}

/* ---- the project form ---------------------------------------------------------- */

enum { F_CODE, F_NAME, F_CATEGORY, F_OWNER, F_N };

struct pform {
    struct projects *pj;
    struct xf_project p; /* edit: as read (id, version) */
    bool create;
    struct xf_form_field *fd;
    int first;
    struct xf_form_field base[F_N];
};

static void owner_value(const struct xf_ctx *ctx, struct xf_form_field *fd, int64_t unit_id)
{
    xf_form_set_unit(ctx, &fd[F_OWNER], unit_id);
}

static void project_values(const struct xf_ctx *ctx, struct xf_form_field *fd,
                           const struct xf_project *p)
{
    xf_form_set_text(&fd[F_CODE], p->code);
    xf_form_set_text(&fd[F_NAME], p->name);
    for (int i = 0; xf_project_categories[i]; i++)
        if (p->category && !strcmp(p->category, xf_project_categories[i]))
            fd[F_CATEGORY].choice = i;
    owner_value(ctx, fd, p->owner_unit_id);
}

static int pick_owner(void *arg, int field, const char *query, int limit,
                      struct xf_pick_item *out, int *n_out, struct xf_error *err)
{
    (void)field;
    struct pform *pf = arg;
    return xf_form_pick_units(ctx_of(pf->pj), query, limit, out, n_out, err);
}

static int submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    (void)f;
    struct pform *pf = arg;
    const struct xf_ctx *ctx = ctx_of(pf->pj);
    struct xf_project *p = &pf->p;
    free(p->name);
    free(p->category);
    p->name = strdup(xf_form_text(&pf->fd[F_NAME]));
    p->category = strdup(xf_project_categories[pf->fd[F_CATEGORY].choice]);
    p->owner_unit_id = pf->fd[F_OWNER].picked;
    if (!p->owner_unit_id)
        return xf_err(err, XF_EINVAL, "owner_unit", _("choose the unit that owns the project"));
    if (!pf->create)
        return xf_project_edit(ctx, p, err);
    free(p->code);
    p->code = NULL;
    const char *typed = xf_form_text(&pf->fd[F_CODE]);
    int rc = XF_OK;
    if (*typed)
        p->code = strdup(typed);
    else if ((rc = xf_project_suggest_code(ctx, p->category, &p->code, err)))
        return rc;
    rc = xf_project_create(ctx, p, err);
    /* A code it tried that was refused is shown, so the user can change
     * it; after any other refusal the field stays blank and follows a
     * change of category. */
    if (rc && !*typed && !strcmp(err->field, "code"))
        xf_form_set_text(&pf->fd[F_CODE], p->code);
    return rc;
}

static int reload_form(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct pform *pf = arg;
    const struct xf_ctx *ctx = ctx_of(pf->pj);
    struct xf_project now = {0};
    int rc = xf_project_get(ctx, pf->p.id, &now, err);
    if (rc == XF_OK) {
        struct xf_form_field fresh[F_N] = {0};
        project_values(ctx, fresh, &now);
        xf_form_merge(f, pf->base + pf->first, fresh + pf->first);
        xf_form_fields_free(pf->base, F_N);
        memcpy(pf->base, fresh, sizeof fresh);
        pf->p.version = now.version;
    }
    xf_project_clear(&now);
    return rc;
}

/* The form for a new project (p NULL) or for project p. */
static void project_form(struct projects *pj, const struct xf_project *p)
{
    const char *cats[4];
    for (int i = 0; i < 3; i++)
        cats[i] = xf_project_category_label(xf_project_categories[i]);
    cats[3] = NULL;
    struct xf_form_field fd[F_N] = {
        [F_CODE] = {.name = "code", .label = _("Code (blank: next)"),
                    .kind = XF_FIELD_TEXT, .max_chars = 32},
        [F_NAME] = {.name = "name", .label = _("Name"), .kind = XF_FIELD_TEXT,
                    .required = true, .max_chars = 200},
        [F_CATEGORY] = {.name = "category", .label = _("Category"), .kind = XF_FIELD_CHOICE,
                        .choices = cats},
        [F_OWNER] = {.name = "owner_unit", .label = _("Owner unit"), .kind = XF_FIELD_PICK,
                     .required = true, .pick = pick_owner},
    };
    const struct xf_ctx *ctx = ctx_of(pj);
    struct pform pf = {.pj = pj, .create = !p, .fd = fd, .first = p ? F_NAME : F_CODE};
    char *title = NULL;
    if (p) {
        pf.p.id = p->id;
        pf.p.version = p->version;
        project_values(ctx, fd, p);
        project_values(ctx, pf.base, p);
        if (asprintf(&title, _("Edit project %s"), p->code) < 0)
            title = NULL;
    } else {
        pf.p.category = NULL;
        if (pj->category)
            fd[F_CATEGORY].choice = pj->category - 1;
    }
    struct xf_form f = {.title = title ? title : _("New key project"),
                        .fields = fd + pf.first, .n = F_N - pf.first, .arg = &pf,
                        .submit = submit, .reload = p ? reload_form : NULL,
                        .base = p ? pf.base + pf.first : NULL,
                        .focus = p ? 0 : F_NAME};
    int ok = xf_form_run(pj->ui, &f);
    if (ok) {
        pj->wrote = true;
        char m[200];
        snprintf(m, sizeof m, p ? _("Project %s saved.") : _("Project %s set up."),
                 pf.p.code ? pf.p.code : p->code);
        say(pj, false, m);
        reload(pj);
        if (!p)
            pj->list.stale = true;
    }
    xf_form_fields_free(fd, F_N);
    xf_form_fields_free(pf.base, F_N);
    xf_project_clear(&pf.p);
    free(title);
}

/* `e`: edit the selected project, or deactivate / reactivate it. */
static void edit(struct projects *pj)
{
    const struct xf_ctx *ctx = ctx_of(pj);
    if (!xf_perm_allows(ctx, XF_P_UNIT_EDIT)) {
        say(pj, true, _("Your role may not change projects: organisers and administrators do."));
        return;
    }
    int64_t id = selected(pj);
    if (!id)
        return;
    struct xf_project p = {0};
    struct xf_error err = {0};
    char what[96];
    int choice;
    /* A colleague's change while the menu is open: it is offered again,
     * as the project is now, saying who changed what (it was checked only
     * once a choice was made). */
    char *news = NULL;
    for (bool again = false;; again = true) {
        if (xf_project_get(ctx, id, &p, &err) != XF_OK) {
            free(news);
            say_error(pj, &err);
            return;
        }
        /* the menu and the question leave its row in view */
        const char *labels[] = {_("Edit the project"), p.active ? _("Deactivate the project")
                                                                : _("Reactivate the project")};
        char *title = NULL;
        if (asprintf(&title, "%s %s", p.code, p.name) < 0)
            title = NULL;
        snprintf(what, sizeof what, "%s %s", _("project"), p.code);
        struct xf_menu_record rec = {ctx, "project", p.id, p.version, what};
        choice = xf_menu_run_watched_on(pj->ui, title ? title : p.code, news, labels, 2, &pj->list,
                                        &rec, again ? xf_menu_updated_note() : NULL);
        free(title);
        free(news);
        news = NULL;
        if (choice != XF_MENU_STALE)
            break;
        news = xf_menu_record_news(&rec);
        xf_project_clear(&p);
        p = (struct xf_project){0};
    }
    if (choice == 0)
        project_form(pj, &p);
    else if (choice == 1) {
        char *q = NULL;
        if (xf_conflict_check(ctx, "project", p.id, p.version, what, &err) != XF_OK)
            say_error(pj, &err);
        else if (asprintf(&q, p.active ? _("Deactivate project %s %s? Its posts stay linked.")
                                       : _("Reactivate project %s %s?"),
                          p.code, p.name) >= 0 &&
                 xf_form_confirm_on(pj->ui, q, &pj->list)) {
            int rc = p.active ? xf_project_deactivate(ctx, p.id, p.version, &err)
                              : xf_project_activate(ctx, p.id, p.version, &err);
            char m[200];
            snprintf(m, sizeof m, p.active ? _("Project %s deactivated.")
                                           : _("Project %s reactivated."),
                     p.code);
            if (rc)
                say_error(pj, &err);
            else
                say(pj, false, m);
            pj->wrote |= rc == XF_OK;
            reload(pj);
        }
        free(q);
    }
    xf_project_clear(&p);
}

static int search_submit(void *arg, struct xf_form *f, struct xf_error *err)
{
    struct projects *pj = arg;
    const char *q = xf_form_text(&f->fields[0]);
    (void)err;
    free(pj->like);
    pj->like = *q ? strdup(q) : NULL;
    return XF_OK;
}

static void search(struct projects *pj)
{
    struct xf_form_field field = {.name = "query", .label = _("Code, name or owner unit"),
                                  .kind = XF_FIELD_TEXT, .max_chars = 100};
    xf_form_set_text(&field, pj->like ? pj->like : "");
    struct xf_form f = {.title = _("Search key projects (empty: show all)"), .fields = &field,
                        .n = 1, .arg = pj, .submit = search_submit, .prompt = true};
    if (xf_form_run(pj->ui, &f))
        refilter(pj);
    xf_form_free(&f);
}

/* Enter: the Posts pane shows the project's posts. */
static bool choose(struct projects *pj)
{
    const struct xf_list_row *r = xf_list_selected(&pj->list);
    if (!r)
        return false;
    pj->chosen = r->key.id;
    free(pj->chosen_label);
    if (asprintf(&pj->chosen_label, "%s %s", r->cells[PJ_CODE], r->cells[PJ_NAME]) < 0)
        pj->chosen_label = NULL;
    return true;
}

/* Esc: the search goes first, then the category, then the view closes,
 * as in every list; q closes it at once. False: nothing to clear. */
static bool clear_narrowing(struct projects *pj)
{
    if (pj->like) {
        free(pj->like);
        pj->like = NULL;
        say(pj, false, _("Search cleared."));
    } else if (pj->category) {
        pj->category = 0;
        say(pj, false, _("Every category again."));
    } else {
        return false;
    }
    reread(pj, xf_list_widen);
    return true;
}

/* Returns false when the view should close. */
static bool key(struct projects *pj, int k)
{
    enum xf_action act = xf_keys_action(k);
    pj->msg[0] = '\0';
    struct xf_error err = {0};
    switch (act) {
    case XF_A_BACK: return k == XF_KEY_ESC && clear_narrowing(pj);
    case XF_A_DETAIL: return !choose(pj);
    case XF_A_LEFT:
    case XF_A_RIGHT:
    case XF_A_NEXT_PANE:
        pj->category = (pj->category + (act == XF_A_LEFT ? 3 : 1)) % 4;
        refilter(pj);
        break;
    case XF_A_SEARCH: search(pj); break;
    case XF_A_NEW:
        if (xf_perm_allows(ctx_of(pj), XF_P_UNIT_EDIT))
            project_form(pj, NULL);
        else
            say(pj, true,
                _("Your role may not change projects: organisers and administrators do."));
        break;
    case XF_A_EDIT: edit(pj); break;
    case XF_A_HISTORY:
        if (selected(pj))
            xf_ui_history(pj->ui, "project", selected(pj));
        break;
    default: {
        char m[256]; /* a key that does nothing here says so, as at the panes */
        if (!(xf_list_move(&pj->list, act, &err) & XF_UI_HANDLED) &&
            xf_ui_unanswered_text(k, m, sizeof m))
            say(pj, false, m);
        if (err.code)
            say_error(pj, &err);
        break;
    }
    }
    return true;
}

static void draw_view(void *arg, WINDOW *w)
{
    draw(w, arg);
}

static bool key_view(void *arg, WINDOW *w, int k)
{
    struct projects *pj = arg;
    if (pj->msg[0]) { /* off the screen too, before a form the key opens */
        pj->msg[0] = '\0';
        draw(w, pj);
    }
    return key(pj, k);
}

static void changed(void *arg)
{
    reload(arg); /* another organiser's change */
}

int projects_view(struct xf_ui *ui, int64_t *chosen, char **label, bool *wrote)
{
    struct projects pj = {.ui = ui, .count = -1};
    /* 重点 / 惠民 / 路桥 took 13 cells, cutting the project names. */
    memcpy(pj.cols, cols, sizeof cols);
    pj.cols[PJ_CATEGORY].width = xf_list_names_width(cols[PJ_CATEGORY].title, xf_project_categories,
                                                     category_short, cols[PJ_CATEGORY].width);
    xf_list_init(&pj.list, pj.cols, PJ_NCOLS, fetch, locate, &pj);
    struct xf_modal_view v = {&pj, draw_view, key_view, changed};
    xf_modal_run(ui, &v);
    xf_list_free(&pj.list);
    free(pj.like);
    *chosen = pj.chosen;
    *label = pj.chosen_label;
    *wrote = pj.wrote;
    return pj.chosen ? 1 : 0;
}
