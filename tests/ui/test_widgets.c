/* The terminal-free logic of the interface widgets: keyset paging of the
 * virtual list and the UTF-8 line editor. Built and run by `make ui-tests`. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/ui_form.h"
#include "xf/ui_keys.h"
#include "xf/ui_list.h"
#include "xf/ui_pane.h"

/* A fake table: ids 1..n with sort keys "r%03d" (sort = id unless moved). */
enum { MAXREC = 200 };
static struct {
    int n;
    int sort[MAXREC + 1]; /* sort value per id, -1 = deleted */
    bool hidden[MAXREC + 1]; /* filtered out, but still found by locate */
    int fetches;
    bool probe_fails; /* a one-row read FROM fails (the pane's bug: a page of 0) */
} db;

static void db_reset(int n)
{
    db.n = n;
    db.fetches = 0;
    db.probe_fails = false;
    for (int i = 1; i <= n; i++) {
        db.sort[i] = i * 10;
        db.hidden[i] = false;
    }
}

static int cmp(int sort, int64_t id, const struct xf_list_key *k)
{
    int ks = atoi(k->sort);
    if (sort != ks)
        return sort < ks ? -1 : 1;
    return id < k->id ? -1 : id > k->id;
}

static bool wanted(int id, const struct xf_list_key *from, enum xf_list_dir dir)
{
    if (db.sort[id] < 0 || db.hidden[id])
        return false;
    if (!from)
        return true;
    int c = cmp(db.sort[id], id, from);
    return dir == XF_LIST_AFTER ? c > 0 : dir == XF_LIST_FROM ? c >= 0 : c < 0;
}

/* Ordered ids by (sort, id), ascending. */
static int ordered(int *ids)
{
    int n = 0;
    for (int i = 1; i <= db.n; i++)
        if (db.sort[i] >= 0)
            ids[n++] = i;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && (db.sort[ids[j - 1]] > db.sort[ids[j]]); j--) {
            int t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    return n;
}

static int fetch(void *arg, const struct xf_list_key *from, enum xf_list_dir dir, int limit,
                 struct xf_list_row *out, int *n_out, struct xf_error *err)
{
    (void)arg;
    (void)err;
    int ids[MAXREC], n = ordered(ids), k = 0;
    db.fetches++;
    if (db.probe_fails && limit == 1 && dir == XF_LIST_FROM)
        return xf_err(err, XF_EINVAL, "limit", "a page of 0");
    for (int i = 0; i < n && k < limit; i++) {
        int id = ids[dir == XF_LIST_BEFORE ? n - 1 - i : i];
        if (!wanted(id, from, dir))
            continue;
        char s[16];
        snprintf(s, sizeof s, "%d", db.sort[id]);
        xf_list_row_init(&out[k], s, id, 1);
        xf_list_row_set(&out[k], 0, s);
        k++;
    }
    *n_out = k;
    return XF_OK;
}

static int locate(void *arg, int64_t id, struct xf_list_key *key, struct xf_error *err)
{
    (void)arg;
    if (id < 1 || id > db.n || db.sort[id] < 0)
        return xf_err(err, XF_ENOTFOUND, "", "gone");
    char s[16];
    snprintf(s, sizeof s, "%d", db.sort[id]);
    key->sort = strdup(s);
    key->id = id;
    return XF_OK;
}

static const struct xf_list_col cols[] = {{"Value", 0, XF_ALIGN_LEFT, 0}};

static int64_t sel_id(const struct xf_list *l)
{
    return xf_list_selected(l) ? xf_list_selected(l)->key.id : 0;
}

static void list_open(struct xf_list *l, int n, int height)
{
    struct xf_error err = {0};
    db_reset(n);
    xf_list_init(l, cols, 1, fetch, locate, NULL);
    assert_int_equal(xf_list_set_height(l, height, &err), XF_OK);
}

static void test_first_screen_only(void **state)
{
    (void)state;
    struct xf_list l;
    list_open(&l, 100, 10);
    assert_int_equal(l.n, 10);
    assert_int_equal(sel_id(&l), 1);
    assert_int_equal(l.rows[9].key.id, 10);
    xf_list_free(&l);
}

static void test_down_scrolls_one_row(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 100, 10);
    for (int i = 0; i < 9; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 10);
    assert_int_equal(l.rows[0].key.id, 1);
    int r = xf_list_move(&l, XF_A_DOWN, &err);
    assert_true(r & XF_UI_REDRAW);
    assert_int_equal(sel_id(&l), 11);
    assert_int_equal(l.rows[0].key.id, 2);
    assert_int_equal(l.n, 10);
    xf_list_free(&l);
}

static void test_page_end_home_up(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 25, 10);
    xf_list_move(&l, XF_A_PAGE_DOWN, &err);
    assert_int_equal(l.rows[0].key.id, 11);
    assert_int_equal(sel_id(&l), 11);
    xf_list_move(&l, XF_A_PAGE_DOWN, &err);
    assert_int_equal(l.rows[9].key.id, 25);
    xf_list_move(&l, XF_A_PAGE_DOWN, &err);
    assert_int_equal(sel_id(&l), 25);
    xf_list_move(&l, XF_A_HOME, &err);
    assert_int_equal(sel_id(&l), 1);
    xf_list_move(&l, XF_A_UP, &err);
    assert_int_equal(sel_id(&l), 1);
    xf_list_move(&l, XF_A_END, &err);
    assert_int_equal(sel_id(&l), 25);
    assert_int_equal(l.rows[0].key.id, 16);
    for (int i = 0; i < 10; i++)
        xf_list_move(&l, XF_A_UP, &err);
    assert_int_equal(sel_id(&l), 15);
    assert_int_equal(l.rows[0].key.id, 15);
    xf_list_move(&l, XF_A_PAGE_UP, &err);
    assert_int_equal(l.rows[0].key.id, 5);
    xf_list_free(&l);
}

static void test_reload_keeps_record(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    for (int i = 0; i < 5; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 6);
    db.sort[6] = 305; /* someone changed its sort value: it moves */
    assert_int_equal(xf_list_reload(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 6);
    assert_int_equal(l.sel, 5); /* same screen line */
    db.sort[6] = -1; /* and then it was closed (filtered out) */
    assert_int_equal(xf_list_reload(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 31); /* the next record takes its line */
    xf_list_free(&l);
}

/* A record an action takes out of the list (closed, in an "open only"
 * queue) while changing its sort value: the cursor stays on its line, on
 * the record after it, not where the record would now sort. */
static void test_reload_record_left_list(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    for (int i = 0; i < 5; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 6);
    db.sort[6] = 305;
    db.hidden[6] = true;
    assert_int_equal(xf_list_reload(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 7);
    assert_int_equal(l.sel, 5);
    assert_int_equal(l.rows[0].key.id, 1);
    xf_list_free(&l);
}

/* Selecting a record a filter hides (a new complaint outside the link):
 * the cursor goes where it would sort, not to the top. */
static void test_select_hidden_record(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    db.hidden[30] = true;
    assert_int_equal(xf_list_select_id(&l, 30, &err), XF_OK);
    assert_int_equal(sel_id(&l), 31);
    xf_list_free(&l);
}

/* A filter or a search applied shows its first result first, the cursor
 * on its record only where that first screen holds it; cleared (widened),
 * the cursor stays on its record, on its screen line. */
static void test_refilter_keeps_record(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    for (int i = 0; i < 25; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 26);
    assert_int_equal(l.sel, 9);
    for (int i = 1; i <= 50; i += 2)
        db.hidden[i] = true; /* the filter: even ids only */
    /* a new filter shows its first result first: 26 is below that screen
     * (2..20), so the cursor is on the first row */
    assert_int_equal(xf_list_refilter(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 2);
    assert_int_equal(l.sel, 0);
    assert_true(l.at_top);
    for (int i = 0; i < 12; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 26);
    assert_int_equal(l.sel, 9);
    for (int i = 1; i <= 50; i += 2)
        db.hidden[i] = false; /* cleared (widened): every record, still on it */
    assert_int_equal(xf_list_widen(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 26);
    assert_int_equal(l.sel, 9);
    assert_int_equal(l.rows[0].key.id, 17);
    assert_false(l.at_top);
    /* near the top, fewer records above it than its line */
    xf_list_move(&l, XF_A_HOME, &err);
    xf_list_move(&l, XF_A_DOWN, &err);
    xf_list_move(&l, XF_A_DOWN, &err);
    db.hidden[1] = true;
    assert_int_equal(xf_list_refilter(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 3);
    assert_int_equal(l.sel, 1);
    assert_true(l.at_top);
    xf_list_free(&l);
}

/* The record under the cursor is not in the new query's list: the first
 * row, not the record after where it sorts. */
static void test_refilter_record_filtered_out(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    for (int i = 0; i < 25; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 26);
    db.hidden[26] = true;
    db.hidden[1] = true;
    assert_int_equal(xf_list_refilter(&l, &err), XF_OK);
    assert_int_equal(sel_id(&l), 2);
    assert_int_equal(l.sel, 0);
    assert_true(l.at_top);
    /* nothing left at all */
    for (int i = 1; i <= 50; i++)
        db.hidden[i] = true;
    assert_int_equal(xf_list_refilter(&l, &err), XF_OK);
    assert_int_equal(l.n, 0);
    assert_null(xf_list_selected(&l));
    for (int i = 1; i <= 50; i++)
        db.hidden[i] = false;
    assert_int_equal(xf_list_refilter(&l, &err), XF_OK); /* from an empty list */
    assert_int_equal(sel_id(&l), 1);
    xf_list_free(&l);
}

/* A query changed and the read of the cursor's record failed: the screen
 * is read again from the top, never left with the old query's rows under
 * a title naming the new one (members under "[overdue only]"). */
static void test_refilter_probe_fails(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    for (int i = 1; i <= 50; i += 2)
        db.hidden[i] = true;
    db.probe_fails = true;
    assert_int_equal(xf_list_refilter(&l, &err), XF_OK);
    assert_int_equal(err.code, XF_OK);
    assert_true(l.n > 0);
    for (int i = 0; i < l.n; i++)
        assert_false(db.hidden[l.rows[i].key.id]);
    assert_int_equal(sel_id(&l), 2);
    xf_list_free(&l);
}

/* Another session adds a record that sorts first: a list showing the first
 * records shows it after a reload, and keeps the selection on its record. */
static void test_reload_at_top_shows_new_first_record(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 50, 10);
    xf_list_move(&l, XF_A_DOWN, &err);
    assert_int_equal(sel_id(&l), 2);
    db.n = 51;
    db.sort[51] = 1; /* new, sorts before id 1 */
    assert_int_equal(xf_list_reload(&l, &err), XF_OK);
    assert_int_equal(l.rows[0].key.id, 51);
    assert_int_equal(sel_id(&l), 2);
    /* Scrolled down, the screen stays where it is instead. */
    for (int i = 0; i < 20; i++)
        xf_list_move(&l, XF_A_DOWN, &err);
    int64_t top = l.rows[0].key.id;
    db.n = 52;
    db.sort[52] = 0;
    assert_int_equal(xf_list_reload(&l, &err), XF_OK);
    assert_int_equal(l.rows[0].key.id, top);
    xf_list_free(&l);
}

static void test_empty_and_short(void **state)
{
    (void)state;
    struct xf_list l;
    struct xf_error err = {0};
    list_open(&l, 0, 10);
    assert_null(xf_list_selected(&l));
    assert_true(xf_list_move(&l, XF_A_DOWN, &err) & XF_UI_HANDLED);
    xf_list_free(&l);
    list_open(&l, 3, 10);
    xf_list_move(&l, XF_A_END, &err);
    assert_int_equal(sel_id(&l), 3);
    assert_int_equal(xf_list_click(&l, 1) & XF_UI_REDRAW, XF_UI_REDRAW);
    assert_int_equal(sel_id(&l), 2);
    assert_int_equal(xf_list_click(&l, 7), XF_UI_IGNORED);
    xf_list_free(&l);
}

static void test_widths(void **state)
{
    (void)state;
    static const struct xf_list_col c3[] = {
        {"a", 10, XF_ALIGN_LEFT, 0}, {"b", 0, XF_ALIGN_LEFT, 0}, {"c", 6, XF_ALIGN_RIGHT, 0}};
    struct xf_list l;
    struct xf_draw_col w[3];
    xf_list_init(&l, c3, 3, fetch, NULL, NULL);
    xf_list_widths(&l, 80, w);
    assert_int_equal(w[0].width + 1 + w[1].width + 1 + w[2].width, 80);
    assert_int_equal(w[1].width, 62);
}

/* A column marked to give way disappears below its width and the others
 * share its room; above it, it is back. */
static void test_hidden_columns(void **state)
{
    (void)state;
    static const struct xf_list_col c3[] = {
        {"a", 10, XF_ALIGN_LEFT, 0}, {"b", 20, XF_ALIGN_LEFT, 100}, {"c", 0, XF_ALIGN_LEFT, 0}};
    struct xf_list l;
    struct xf_draw_col w[3];
    xf_list_init(&l, c3, 3, fetch, NULL, NULL);
    xf_list_widths(&l, 80, w);
    assert_int_equal(w[1].width, -1);
    assert_int_equal(w[0].width + 1 + w[2].width, 80);
    xf_list_widths(&l, 120, w);
    assert_int_equal(w[1].width, 20);
    assert_int_equal(w[0].width + w[1].width + w[2].width + 2, 120);
    xf_list_free(&l);
}

/* A bounded shared column (a name) stops at its bound and the unbounded
 * one (the text) takes what it leaves; narrower, they share as before. */
static void test_bounded_columns(void **state)
{
    (void)state;
    static const struct xf_list_col c4[] = {{"a", 10, XF_ALIGN_LEFT, 0},
                                            {"name", 0, XF_ALIGN_LINE, 0},
                                            {"lead", 0, XF_ALIGN_LINE, 0},
                                            {"text", 0, XF_ALIGN_LEFT, 0}};
    static const int max[] = {0, 14, 14, 0};
    struct xf_list l;
    struct xf_draw_col w[4];
    xf_list_init(&l, c4, 4, fetch, NULL, NULL);
    l.col_max = max;
    xf_list_widths(&l, 120, w);
    assert_int_equal(w[1].width, 14);
    assert_int_equal(w[2].width, 14);
    assert_int_equal(w[3].width, 120 - 10 - 14 - 14 - 3);
    xf_list_widths(&l, 50, w); /* 37 cells to share: 12 each, under the bound */
    assert_int_equal(w[1].width, 12);
    assert_int_equal(w[3].width, 12);
    xf_list_free(&l);
}

static void test_edit_utf8(void **state)
{
    (void)state;
    struct xf_edit e = {0};
    xf_edit_set(&e, "");
    assert_int_equal(xf_edit_insert(&e, 0x738B), XF_OK); /* 王 */
    assert_int_equal(xf_edit_insert(&e, 'a'), XF_OK);
    assert_int_equal(xf_edit_insert(&e, 0x660E), XF_OK); /* 明 */
    assert_string_equal(e.buf, "王a明");
    assert_int_equal(xf_edit_chars(&e), 3);
    assert_int_equal(xf_edit_cursor_cells(&e, 0), 5);
    xf_edit_left(&e);
    assert_int_equal(xf_edit_cursor_cells(&e, 0), 3);
    xf_edit_backspace(&e);
    assert_string_equal(e.buf, "王明");
    xf_edit_home(&e);
    xf_edit_delete(&e);
    assert_string_equal(e.buf, "明");
    assert_int_equal(xf_edit_insert(&e, 0x1B), XF_EINVAL);   /* ESC */
    assert_int_equal(xf_edit_insert(&e, 0x202E), XF_EINVAL); /* bidi override */
    assert_int_equal(xf_edit_insert(&e, 0x9B), XF_EINVAL);   /* C1 */
    xf_edit_end(&e);
    xf_edit_backspace(&e);
    xf_edit_backspace(&e);
    assert_string_equal(e.buf, "");
    xf_edit_free(&e);
}

/* Ctrl-U / Ctrl-K: to the start or end of the cursor's line only. */
static void test_edit_kill(void **state)
{
    (void)state;
    struct xf_edit e = {0};
    xf_edit_set(&e, "第一行\n窗口王明");
    xf_edit_left(&e);
    xf_edit_left(&e);
    xf_edit_kill_before(&e);
    assert_string_equal(e.buf, "第一行\n王明");
    assert_int_equal(e.cur, strlen("第一行\n"));
    xf_edit_kill_after(&e);
    assert_string_equal(e.buf, "第一行\n");
    xf_edit_home(&e);
    xf_edit_right(&e);
    xf_edit_kill_after(&e);
    assert_string_equal(e.buf, "第\n");
    xf_edit_kill_before(&e);
    assert_string_equal(e.buf, "\n");
    xf_edit_free(&e);
    xf_edit_kill_before(&e); /* a field nobody set */
    xf_edit_kill_after(&e);
}

static void test_form_builtin_checks(void **state)
{
    (void)state;
    struct xf_form_field fields[] = {
        {.name = "due_on", .label = "Due", .kind = XF_FIELD_DATE, .required = true},
        {.name = "count", .label = "Count", .kind = XF_FIELD_INT},
        {.name = "text", .label = "Text", .kind = XF_FIELD_TEXT, .max_chars = 2},
    };
    struct xf_form f = {.title = "t", .fields = fields, .n = 3};
    assert_int_equal(xf_form_validate(&f, 0), XF_EINVAL);
    assert_non_null(fields[0].error);
    xf_form_set_text(&fields[0], "2026-02-30");
    assert_int_equal(xf_form_validate(&f, 0), XF_EINVAL);
    xf_form_set_text(&fields[0], "2026-02-28");
    assert_int_equal(xf_form_validate(&f, 0), XF_OK);
    assert_null(fields[0].error);
    assert_int_equal(xf_form_validate(&f, 1), XF_OK); /* optional and empty */
    xf_form_set_text(&fields[1], "12x");
    assert_int_equal(xf_form_validate(&f, 1), XF_EINVAL);
    xf_form_set_text(&fields[2], "王小明");
    assert_int_equal(xf_form_validate(&f, 2), XF_EINVAL);
    xf_form_set_text(&fields[2], "a\x1b[31mb");
    assert_string_equal(xf_form_text(&fields[2]), "ab"); /* sanitised */
    xf_form_free(&f);
}

static int number_only(void *arg, const struct xf_form *f, int i, struct xf_error *err)
{
    (void)arg;
    char *end;
    const char *t = xf_form_text(&f->fields[i]);
    strtod(t, &end);
    return *t && *end ? xf_err(err, XF_EINVAL, f->fields[i].name, "not a number") : XF_OK;
}

/* A field's own check speaks before the length: a score typed with a
 * remark is "not a number", not "at most 6 characters". */
static void test_form_own_check_before_length(void **state)
{
    (void)state;
    struct xf_form_field fields[] = {
        {.name = "score", .label = "Score", .kind = XF_FIELD_TEXT, .max_chars = 6,
         .check = number_only},
    };
    struct xf_form f = {.title = "t", .fields = fields, .n = 1};
    xf_form_set_text(&fields[0], "82.2录入错误，按原始问卷更正");
    assert_int_equal(xf_form_validate(&f, 0), XF_EINVAL);
    assert_non_null(strstr(fields[0].error, "not a number"));
    xf_form_set_text(&fields[0], "82.25555");
    assert_int_equal(xf_form_validate(&f, 0), XF_EINVAL); /* a number, too long */
    assert_non_null(strstr(fields[0].error, "6"));
    xf_form_free(&f);
}

/* What was typed into a form a colleague's change refused goes into the
 * next form's first text field even when that field holds something: it
 * was dropped, though the user had been told the next step starts from
 * it. */
static void test_form_take_left(void **state)
{
    (void)state;
    static const char *const one[] = {"fixed", NULL};
    struct xf_form_field fields[] = {
        {.name = "about", .label = "About", .kind = XF_FIELD_CHOICE, .choices = one},
        {.name = "note", .label = "Note", .kind = XF_FIELD_MULTILINE},
        {.name = "other", .label = "Other", .kind = XF_FIELD_TEXT},
    };
    struct xf_form f = {.title = "t", .fields = fields, .n = 3};
    /* empty: the text alone */
    assert_true(xf_form_take_left(&f, "费用问题另行核实"));
    assert_string_equal(xf_form_text(&fields[1]), "费用问题另行核实");
    assert_int_equal(f.focus, 1);
    assert_true(f.edited);
    assert_non_null(f.error);
    /* holding something: kept, the text after it on a line of its own */
    xf_form_set_text(&fields[1], "已电话联系");
    f.edited = false;
    assert_true(xf_form_take_left(&f, "费用问题另行核实"));
    assert_string_equal(xf_form_text(&fields[1]), "已电话联系\n费用问题另行核实");
    assert_true(f.edited);
    assert_non_null(strstr(f.error, "added after"));
    /* already there: not twice */
    assert_false(xf_form_take_left(&f, "费用问题另行核实"));
    assert_string_equal(xf_form_text(&fields[1]), "已电话联系\n费用问题另行核实");
    /* a one-line field: after a space */
    fields[1].kind = XF_FIELD_TEXT;
    xf_form_set_text(&fields[1], "原因");
    assert_true(xf_form_take_left(&f, "另行核实"));
    assert_string_equal(xf_form_text(&fields[1]), "原因 另行核实");
    assert_string_equal(xf_form_text(&fields[2]), "");
    xf_form_free(&f);
}

/* ---- the key table ---------------------------------------------------- */

/* A view's own keys may repeat the panes' keys: `r` ranks in the awards
 * and reports a rectification elsewhere; `c` confirms in the awards and
 * raises a complaint in an inspection's detail. */
static void test_key_contexts(void **state)
{
    (void)state;
    xf_keys_init();
    assert_int_equal(xf_keys_action('r'), XF_A_RECTIFY);
    assert_int_equal(xf_keys_action_in('r', XF_KEYS_AWARDS), XF_A_AWARD_RANK);
    assert_int_equal(xf_keys_action_in('c', XF_KEYS_AWARDS), XF_A_AWARD_CONFIRM);
    assert_int_equal(xf_keys_action_in('c', XF_KEYS_INSPECTION_DETAIL), XF_A_RAISE_COMPLAINT);
    assert_int_equal(xf_keys_action('c'), XF_A_NONE);
    /* The main keys work in a view unless it has its own. */
    assert_int_equal(xf_keys_action_in('q', XF_KEYS_AWARDS), XF_A_BACK);
    assert_int_equal(xf_keys_action_in('j', XF_KEYS_INSPECTION_DETAIL), XF_A_DOWN);
    /* Rebinding takes a key from its action in the same context only. */
    assert_int_equal(xf_keys_bind('c', XF_A_AWARD_DECLINE), 0);
    assert_int_equal(xf_keys_action_in('c', XF_KEYS_AWARDS), XF_A_AWARD_DECLINE);
    assert_int_equal(xf_keys_action_in('c', XF_KEYS_INSPECTION_DETAIL), XF_A_RAISE_COMPLAINT);
    assert_int_equal(xf_keys_bind('r', XF_A_AWARD_CONFIRM), 0);
    assert_int_equal(xf_keys_action('r'), XF_A_RECTIFY);
    xf_keys_init();
}

/* The sample configuration documents every action by the name the keys
 * group takes, so the list cannot fall behind the table. */
static void test_sample_config_lists_every_action(void **state)
{
    (void)state;
    FILE *f = fopen("conf/xianfeng.cfg", "r");
    assert_non_null(f);
    static char text[1 << 17];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    for (int a = 1; a < XF_A_COUNT; a++) {
        char want[64];
        snprintf(want, sizeof want, "\n#   %s ", xf_keys_name((enum xf_action)a));
        if (!strstr(text, want))
            fail_msg("conf/xianfeng.cfg does not list the action %s", xf_keys_name((enum xf_action)a));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_screen_only),  cmocka_unit_test(test_down_scrolls_one_row),
        cmocka_unit_test(test_page_end_home_up),   cmocka_unit_test(test_reload_keeps_record),
        cmocka_unit_test(test_reload_record_left_list),
        cmocka_unit_test(test_select_hidden_record),
        cmocka_unit_test(test_refilter_keeps_record),
        cmocka_unit_test(test_refilter_record_filtered_out),
        cmocka_unit_test(test_refilter_probe_fails),
        cmocka_unit_test(test_reload_at_top_shows_new_first_record),
        cmocka_unit_test(test_empty_and_short),    cmocka_unit_test(test_widths),
        cmocka_unit_test(test_hidden_columns),
        cmocka_unit_test(test_bounded_columns),
        cmocka_unit_test(test_edit_utf8),          cmocka_unit_test(test_edit_kill),
        cmocka_unit_test(test_form_builtin_checks),
        cmocka_unit_test(test_form_own_check_before_length), cmocka_unit_test(test_key_contexts),
        cmocka_unit_test(test_form_take_left),
        cmocka_unit_test(test_sample_config_lists_every_action),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
