/* History reading: paging, permissions, scope, masking, change summaries,
 * the users list, and the database permission check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#define TU_WITH_DB
#include "testutil.h"
#include "tu_roundtrip.h"
#include "xf/config.h"
#include "xf/complaint.h"
#include "xf/demo.h"
#include "xf/fscheck.h"
#include "xf/history.h"
#include "xf/store_internal.h"

static int setup(void **state)
{
    *state = tu_env_open();
    return 0;
}

static int teardown(void **state)
{
    tu_env_close(*state);
    return 0;
}

#define ENV ((struct tu_env *)*state)

/* A unit "U1" renamed once: two history rows. */
static int64_t renamed_unit(struct tu_env *e, const char *code)
{
    int64_t id = tu_unit(e, code, "市政务服务中心", 0);
    struct xf_error err = {0};
    struct xf_unit u = {0};
    assert_int_equal(xf_store_unit_get(e->db, id, &u, &err), XF_OK);
    free(u.name);
    u.name = strdup("市民服务中心");
    assert_int_equal(xf_db_begin(e->db, "unit.update", &err), XF_OK);
    assert_int_equal(xf_store_unit_update(e->db, &u, &err), XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    xf_unit_clear(&u);
    return id;
}

static void for_lists_newest_first(void **state)
{
    struct tu_env *e = ENV;
    int64_t id = renamed_unit(e, "U1");
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, 0, 10, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 2);
    assert_true(rows[0].id > rows[1].id);
    assert_string_equal(rows[0].action, "unit.update");
    assert_string_equal(rows[1].action, "test.unit");
    assert_string_equal(rows[0].actor, "tester");
    assert_string_equal(rows[0].client, "127.0.0.1");
    assert_null(rows[1].before);
    assert_non_null(rows[0].before);
    xf_history_rows_free(rows, n);
}

static void for_pages_by_keyset(void **state)
{
    struct tu_env *e = ENV;
    int64_t id = renamed_unit(e, "U1");
    struct xf_history_row *a, *b, *c;
    size_t na, nb, nc;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, 0, 1, &a, &na, &err), XF_OK);
    assert_int_equal(na, 1);
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, a[0].id, 1, &b, &nb, &err), XF_OK);
    assert_int_equal(nb, 1);
    assert_true(b[0].id < a[0].id);
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, b[0].id, 1, &c, &nc, &err), XF_OK);
    assert_int_equal(nc, 0);
    assert_null(c);
    xf_history_rows_free(a, na);
    xf_history_rows_free(b, nb);
}

static void changes_name_what_changed(void **state)
{
    struct tu_env *e = ENV;
    int64_t id = renamed_unit(e, "U1");
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, 0, 10, &rows, &n, &err), XF_OK);
    char *upd = xf_history_changes(&rows[0]), *ins = xf_history_changes(&rows[1]);
    assert_string_equal(upd, "unit name: 市政务服务中心 → 市民服务中心");
    assert_non_null(strstr(ins, "code=U1"));
    assert_non_null(strstr(ins, "name=市政务服务中心"));
    assert_null(strstr(ins, "version"));
    free(upd);
    free(ins);
    xf_history_rows_free(rows, n);
}

static void changes_decode_json_escapes(void **state)
{
    (void)state;
    struct xf_history_row r = {.before = "{\"note\":\"a\\\"b\",\"n\":1,\"x\":null}",
                               .after = "{\"note\":\"line\\nnext \\u00e9\\ud83d\\ude00\",\"n\":1,"
                                        "\"x\":\"set\"}"};
    char *s = xf_history_changes(&r);
    assert_string_equal(s, "note: a\"b → line\nnext é😀; x: (none) → set");
    free(s);
}

/* Null and "" read the same: one word, not "(none)" here, "(empty)" there. */
static void changes_empty_is_none(void **state)
{
    (void)state;
    struct xf_history_row r = {.before = "{\"note\":\"\",\"x\":null}",
                               .after = "{\"note\":\"补\",\"x\":\"set\"}"};
    char *s = xf_history_changes(&r);
    assert_string_equal(s, "note: (none) → 补; x: (none) → set");
    free(s);
}

static void for_refuses_bad_input(void **state)
{
    struct tu_env *e = ENV;
    int64_t id = renamed_unit(e, "U1");
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    tu_act_as(e, "li.na", XF_ROLE_VIEWER);
    assert_int_equal(xf_history_for(&e->ctx, "nonsense", id, 0, 10, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "entity");
    assert_int_equal(xf_history_for(&e->ctx, "", id, 0, 10, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "entity");
    assert_int_equal(xf_history_for(&e->ctx, "unit", 0, 0, 10, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "id");
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, 0, 0, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "limit");
    assert_int_equal(xf_history_for(&e->ctx, "unit", id, 0, XF_HISTORY_MAX_PAGE + 1, &rows, &n,
                                    &err),
                     XF_EINVAL);
    assert_int_equal(xf_history_for(&e->ctx, "unit", 999, 0, 10, &rows, &n, &err),
                     XF_ENOTFOUND);
    assert_null(rows);
    tu_act_as(e, "root", XF_ROLE_ADMIN);
    assert_int_equal(xf_history_for(&e->ctx, "unit", 999, 0, 10, &rows, &n, &err),
                     XF_ENOTFOUND);
    assert_int_equal(xf_history_for(&e->ctx, "nonsense", id, 0, 10, &rows, &n, &err), XF_EINVAL);
}

static void for_respects_scope(void **state)
{
    struct tu_env *e = ENV;
    int64_t d1 = renamed_unit(e, "D1");
    int64_t d2 = tu_unit(e, "D2", "市质监局", 0);
    int64_t o2 = tu_unit(e, "D2-01", "稽查处", d2);
    char *scopes[] = {"D2"};
    struct xf_user u = {.login = "li.na", .name = "李娜", .role = XF_ROLE_VIEWER,
                        .scopes = scopes, .n_scopes = 1};
    tu_act_as(e, "li.na", XF_ROLE_VIEWER);
    e->ctx.user = &u;
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "unit", d1, 0, 10, &rows, &n, &err), XF_EPERM);
    assert_non_null(strstr(err.msg, "outside your units"));
    assert_int_equal(xf_history_for(&e->ctx, "unit", o2, 0, 10, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    xf_history_rows_free(rows, n);
    e->ctx.user = NULL;
}

static int64_t complaint(struct tu_env *e)
{
    tu_unit(e, "D1", "市政务服务中心", 0);
    struct xf_complaint_new in = {.source = "hotline", .unit_code = "D1",
                                  .text = "窗口人员态度生硬", .complainant_name = "张三丰",
                                  .complainant_phone = "13812345678"};
    int64_t id = 0;
    struct xf_error err = {0};
    assert_int_equal(xf_complaint_receive(&e->ctx, &in, &id, &err), XF_OK);
    return id;
}

/* The code of complaint id, from the database. */
static char *complaint_code(struct tu_env *e, int64_t id)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db),
                                        "SELECT code FROM complaint WHERE id=?1", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *code = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return code;
}

/* A complaint's own history keeps what each step said: the classify's
 * note lives in its workflow event, which was left out as repeating the
 * step (an auditor could not see why a complaint was sent back). */
static void complaint_history_keeps_step_notes(void **state)
{
    struct tu_env *e = ENV;
    int64_t cid = complaint(e);
    struct xf_error err = {0};
    struct xf_complaint c = {0};
    assert_int_equal(xf_complaint_get(&e->ctx, cid, &c, &err), XF_OK);
    assert_int_equal(xf_complaint_classify(&e->ctx, cid, c.version, "attitude", "属态度问题", &err),
                     XF_OK);
    xf_complaint_clear(&c);
    /* A step without a note is not told twice (by its event too). */
    assert_int_equal(xf_complaint_get(&e->ctx, cid, &c, &err), XF_OK);
    assert_int_equal(xf_complaint_dispatch(&e->ctx, cid, c.version, c.unit_id, NULL, 0, NULL, &err),
                     XF_OK);
    xf_complaint_clear(&c);
    struct xf_history_row *rows;
    size_t n;
    assert_int_equal(xf_history_for(&e->ctx, "complaint", cid, 0, 50, &rows, &n, &err), XF_OK);
    bool noted = false;
    int dispatch_events = 0;
    for (size_t i = 0; i < n; i++) {
        char *ch = xf_history_changes(&rows[i]);
        noted |= ch && strstr(ch, "属态度问题") != NULL;
        free(ch);
        dispatch_events += !strcmp(rows[i].entity, "complaint_event") &&
                           !strcmp(rows[i].action, "complaint.dispatch");
    }
    xf_history_rows_free(rows, n);
    assert_true(noted);
    assert_int_equal(dispatch_events, 0);
    /* Each step once, with a note or without, the complaint's row saying
     * the note: the classify was listed twice (its event row too). */
    for (int all = 0; all < 2; all++) {
        struct xf_history_filter f = {0};
        assert_int_equal(all ? xf_history_all(&e->ctx, &f, 0, 50, &rows, &n, &err)
                             : xf_history_for(&e->ctx, "complaint", cid, 0, 50, &rows, &n, &err),
                         XF_OK);
        int classify = 0, dispatch = 0;
        for (size_t i = 0; i < n; i++) {
            classify += !strcmp(rows[i].action, "complaint.classify");
            dispatch += !strcmp(rows[i].action, "complaint.dispatch") &&
                        strcmp(rows[i].entity, "complaint_cohandler") != 0;
            if (!strcmp(rows[i].action, "complaint.classify")) {
                assert_string_equal(rows[i].entity, "complaint");
                char *ch = xf_history_changes(&rows[i]);
                assert_non_null(strstr(ch, "; note: 属态度问题"));
                free(ch);
            }
        }
        xf_history_rows_free(rows, n);
        assert_int_equal(classify, 1);
        assert_int_equal(dispatch, 1);
    }
}

/* The notes a change of co-handlers or of category stores as codes read
 * as the complaint's timeline says them: the units by name, the
 * categories by label, in the reader's words (no codes left over). */
static bool changes_say(struct tu_env *e, int64_t cid, const char *action, const char *want)
{
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "complaint", cid, 0, 50, &rows, &n, &err), XF_OK);
    bool said = false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].action, action) != 0) /* the step's one row, its note folded in */
            continue;
        char *ch = xf_history_changes(&rows[i]);
        said |= ch && strstr(ch, want) != NULL;
        free(ch);
    }
    xf_history_rows_free(rows, n);
    return said;
}

static void complaint_history_names_what_changed(void **state)
{
    struct tu_env *e = ENV;
    int64_t cid = complaint(e);
    int64_t d2 = tu_unit(e, "D2", "交警支队", 0);
    struct xf_error err = {0};
    struct xf_complaint c = {0};
    assert_int_equal(xf_complaint_get(&e->ctx, cid, &c, &err), XF_OK);
    assert_int_equal(xf_complaint_classify(&e->ctx, cid, c.version, "attitude", NULL, &err), XF_OK);
    xf_complaint_clear(&c);
    assert_int_equal(xf_complaint_get(&e->ctx, cid, &c, &err), XF_OK);
    assert_int_equal(xf_complaint_dispatch(&e->ctx, cid, c.version, c.unit_id, NULL, 0, NULL, &err),
                     XF_OK);
    xf_complaint_clear(&c);
    assert_int_equal(xf_complaint_get(&e->ctx, cid, &c, &err), XF_OK);
    assert_int_equal(xf_complaint_set_cohandlers(&e->ctx, cid, c.version, &d2, 1, "需配合", &err),
                     XF_OK);
    xf_complaint_clear(&c);
    assert_int_equal(xf_complaint_get(&e->ctx, cid, &c, &err), XF_OK);
    assert_int_equal(xf_complaint_reclassify(&e->ctx, cid, c.version, "fees", "分错了", &err),
                     XF_OK);
    xf_complaint_clear(&c);
    assert_true(changes_say(e, cid, "complaint.cohandlers", "added 交警支队 (D2). Reason: 需配合"));
    assert_false(changes_say(e, cid, "complaint.cohandlers", "added="));
    assert_true(changes_say(e, cid, "complaint.reclassify", "Attitude → Fees. Reason: 分错了"));
    assert_false(changes_say(e, cid, "complaint.reclassify", "category="));
}

/* Read without a database or config (a row built by hand), the codes;
 * a sentence stored before is recognised only on its own step. */
static void complaint_step_notes_by_action(void **state)
{
    (void)state;
    struct xf_history_row coh = {
        .entity = "complaint_event",
        .entity_id = 12,
        .after = "{\"id\":12,\"action\":\"cohandlers\",\"note\":\"removed=D2;D3: 撤\"}"};
    char *s = xf_history_changes(&coh);
    assert_non_null(strstr(s, "removed D2, D3. Reason: 撤"));
    free(s);
    coh.after = "{\"id\":12,\"action\":\"cohandlers\",\"note\":\"撤出 交警支队 (D2)。理由：撤\"}";
    s = xf_history_changes(&coh);
    assert_non_null(strstr(s, "removed 交警支队 (D2). Reason: 撤"));
    free(s);
    struct xf_history_row note = {
        .entity = "complaint_event",
        .entity_id = 13,
        .after = "{\"id\":13,\"action\":\"note\",\"note\":\"撤出 旧设备。理由：坏了\"}"};
    s = xf_history_changes(&note);
    assert_non_null(strstr(s, "撤出 旧设备。理由：坏了"));
    free(s);
    struct xf_history_row cat = {.entity = "complaint_event",
                                 .entity_id = 14,
                                 .after = "{\"id\":14,\"action\":\"reclassify\",\"note\":"
                                          "\"收费问题 → 服务态度：还是态度问题\"}"};
    s = xf_history_changes(&cat);
    assert_non_null(strstr(s, "收费问题 → 服务态度. Reason: 还是态度问题"));
    free(s);
}

static void rows_carry_codes_not_numbers(void **state)
{
    struct tu_env *e = ENV;
    int64_t uid = renamed_unit(e, "U1");
    int64_t cid = complaint(e);
    char *code = complaint_code(e, cid);
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "unit", uid, 0, 10, &rows, &n, &err), XF_OK);
    assert_string_equal(rows[0].label, "U1");
    char *rec = xf_history_record(&rows[0]);
    assert_string_equal(rec, "unit U1");
    free(rec);
    xf_history_rows_free(rows, n);
    /* The whole history: the complaint and its note's event both by the
     * code; the receipt's event (no note, beside the complaint's row) is
     * left out, as in the complaint's own history. */
    assert_int_equal(xf_complaint_note(&e->ctx, cid, 0, "来电人补充材料", &err), XF_OK);
    assert_int_equal(xf_history_all(&e->ctx, NULL, 0, 10, &rows, &n, &err), XF_OK);
    int seen = 0, events = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].entity, "complaint") == 0 ||
            strcmp(rows[i].entity, "complaint_event") == 0) {
            assert_string_equal(rows[i].label, code);
            seen++;
            events += strcmp(rows[i].entity, "complaint_event") == 0;
        }
    assert_int_equal(seen, 2);
    assert_int_equal(events, 1);
    xf_history_rows_free(rows, n);
    /* A summary row has no record of its own. */
    struct xf_history_row sum = {.entity = "member", .entity_id = 0};
    rec = xf_history_record(&sum);
    assert_string_equal(rec, "member (all rows)");
    free(rec);
    struct xf_history_row bare = {.entity = "pledge", .entity_id = 7};
    rec = xf_history_record(&bare);
    assert_string_equal(rec, "pledge #7");
    free(rec);
    free(code);
}

static void actions_and_fields_in_words(void **state)
{
    (void)state;
    assert_string_equal(xf_history_action_label("complaint.dispatch"), "dispatch");
    assert_string_equal(xf_history_action_label("pledge.keep"), "keep pledge");
    assert_string_equal(xf_history_action_label("import.units"), "import units");
    assert_string_equal(xf_history_action_label("demo.generate"), "generate demo data");
    assert_string_equal(xf_history_action_label("odd.thing"), "odd.thing");
    assert_string_equal(xf_history_field_label("lead_unit_id"), "lead unit");
    assert_string_equal(xf_history_field_label("mystery"), "mystery");
    assert_string_equal(xf_history_entity_label("complaint_event"), "complaint event");
    assert_string_equal(xf_history_entity_parse("投诉"), "complaint");
    assert_string_equal(xf_history_entity_parse("Complaint"), "complaint");
    assert_string_equal(xf_history_entity_parse("先锋岗"), "post");
    assert_string_equal(xf_history_entity_parse("co-handling unit"), "complaint_cohandler");
    assert_null(xf_history_entity_parse("nonsense"));
    /* Internal columns are left out; references name the unit. */
    struct xf_history_row r = {
        .entity = "complaint", .entity_id = 3,
        .before = "{\"id\":3,\"state\":\"classified\",\"lead_unit_id\":null,\"version\":2,"
                  "\"updated_at\":\"x\",\"path\":\"/1/\",\"depth\":1}",
        .after = "{\"id\":3,\"state\":\"dispatched\",\"lead_unit_id\":12,\"version\":3,"
                 "\"updated_at\":\"y\",\"path\":\"/2/\",\"depth\":2}",
        .refs = "{\"u12\":\"D1 市政务服务中心\"}"};
    char *s = xf_history_changes(&r);
    assert_string_equal(s, "state: classified → dispatched; lead unit: (none) → D1 市政务服务中心");
    free(s);
    struct xf_history_change *c;
    size_t n;
    assert_int_equal(xf_history_change_list(&r, &c, &n), XF_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[1].field, "lead unit");
    assert_string_equal(c[1].before, "(none)");
    xf_history_change_list_free(c, n);
    /* A co-handler taken off says which unit, though the unit is the same. */
    struct xf_history_row coh = {
        .entity = "complaint_cohandler", .entity_id = 7,
        .before = "{\"id\":7,\"complaint_id\":3,\"unit_id\":12,\"active\":1,\"version\":1}",
        .after = "{\"id\":7,\"complaint_id\":3,\"unit_id\":12,\"active\":0,\"version\":2}",
        .refs = "{\"u12\":\"D1 市政务服务中心\"}"};
    s = xf_history_changes(&coh);
    assert_non_null(strstr(s, "D1 市政务服务中心"));
    assert_non_null(strstr(s, "→"));
    free(s);
    /* One added is its unit alone: not the complaint whose history this
     * is, nor that it is active, as a record dump said. */
    struct xf_history_row add = {
        .entity = "complaint_cohandler", .entity_id = 8,
        .after = "{\"id\":8,\"complaint_id\":3,\"unit_id\":12,\"active\":1,\"version\":1}",
        .refs = "{\"u12\":\"D1 市政务服务中心\"}"};
    s = xf_history_changes(&add);
    assert_string_equal(s, "unit=D1 市政务服务中心");
    free(s);
    /* A complaint's step says the step: not the complaint (the record's
     * column names it), nor who and when again (it read "complaint=
     * TS2026-000027" and was cut there). */
    struct xf_history_row step = {
        .entity = "complaint_event", .entity_id = 9,
        .after = "{\"id\":9,\"complaint_id\":3,\"at\":\"2026-11-26 10:00:00\","
                 "\"actor\":\"wang\",\"action\":\"reply\",\"from_state\":\"signed\","
                 "\"to_state\":\"replied\",\"unit_id\":12,\"note\":\"已致歉\"}",
        .refs = "{\"c3\":\"TS2026-000027\",\"u12\":\"D1 市政务服务中心\"}"};
    s = xf_history_changes(&step);
    assert_null(strstr(s, "TS2026-000027"));
    assert_null(strstr(s, "wang"));
    assert_non_null(strstr(s, "已致歉"));
    free(s);
    /* An unresolved reference stays a number; a creation has no before. */
    struct xf_history_row ins = {.entity = "member", .entity_id = 1,
                                 .after = "{\"id\":1,\"unit_id\":99,\"name\":\"张伟\","
                                          "\"login\":null,\"position\":\"\"}"};
    s = xf_history_changes(&ins);
    assert_string_equal(s, "unit=99; member's name=张伟");
    free(s);
    /* Stored codes read as the interface shows them. */
    struct xf_history_row codes = {
        .entity = "complaint", .entity_id = 4,
        .before = "{\"id\":4,\"source\":\"hotline\",\"kind\":\"complaint\",\"supervised\":0}",
        .after = "{\"id\":4,\"source\":\"walk_in\",\"kind\":\"suggestion\",\"supervised\":1}"};
    s = xf_history_changes(&codes);
    assert_non_null(strstr(s, "12345 hotline → walk-in"));
    assert_non_null(strstr(s, "no → yes"));
    assert_null(strstr(s, "walk_in"));
    free(s);
    struct xf_history_row ret = {
        .entity = "complaint", .entity_id = 4,
        .before = "{\"id\":4,\"return_reason\":null}",
        .after = "{\"id\":4,\"return_reason\":\"not_jurisdiction: 不归我们管\"}"};
    s = xf_history_changes(&ret);
    assert_null(strstr(s, "not_jurisdiction")); /* the reason in words */
    assert_non_null(strstr(s, "不归我们管"));
    free(s);
    /* ... and in the return's event note; another note kept whole. */
    struct xf_history_row note = {
        .entity = "complaint_event", .entity_id = 9, .before = NULL,
        .after = "{\"id\":9,\"action\":\"return\",\"note\":\"not_jurisdiction: 不归我们管\"}"};
    s = xf_history_changes(&note);
    assert_null(strstr(s, "not_jurisdiction"));
    assert_non_null(strstr(s, "not our jurisdiction: 不归我们管"));
    free(s);
    struct xf_history_row plain = {
        .entity = "complaint_event", .entity_id = 10, .before = NULL,
        .after = "{\"id\":10,\"action\":\"note\",\"note\":\"回电: 已联系\"}"};
    s = xf_history_changes(&plain);
    assert_non_null(strstr(s, "回电: 已联系"));
    free(s);
    /* An answer date's note, stored as its days, as a sentence. */
    struct xf_history_row due = {
        .entity = "complaint_event", .entity_id = 11, .before = NULL,
        .after = "{\"id\":11,\"action\":\"answer_due\",\"note\":"
                 "\"answer_due=2026-03-10,was=2026-03-06: 市民要求\"}"};
    s = xf_history_changes(&due);
    assert_non_null(strstr(s, "answer by 2026-03-10, was 2026-03-06. Reason: 市民要求"));
    assert_null(strstr(s, "answer_due="));
    free(s);
    /* Codes the config names: a category by its label, a checklist by
     * its kind (without a config, the codes as stored). */
    struct xf_category cats[] = {{.name = "attitude", .label = "服务态度"}};
    struct xf_checklist lists[] = {{.name = "unannounced", .kind = "unannounced"},
                                   {.name = "walkin", .kind = "unannounced"}};
    struct xf_config cfg = {.categories = cats, .n_categories = 1, .checklists = lists,
                            .n_checklists = 2};
    struct xf_history_row cat = {
        .entity = "complaint", .entity_id = 4, .cfg = &cfg,
        .before = "{\"id\":4,\"category\":null}", .after = "{\"id\":4,\"category\":\"attitude\"}"};
    s = xf_history_changes(&cat);
    assert_non_null(strstr(s, "(none) → 服务态度"));
    free(s);
    struct xf_history_row tpl = {.entity = "inspection", .entity_id = 2, .cfg = &cfg,
                                 .after = "{\"id\":2,\"template\":\"unannounced\"}"};
    s = xf_history_changes(&tpl);
    assert_non_null(strstr(s, "unannounced inspection"));
    free(s);
    /* ... and one of several of a kind keeps its own name. */
    tpl.after = "{\"id\":2,\"template\":\"walkin\"}";
    s = xf_history_changes(&tpl);
    assert_non_null(strstr(s, "walkin"));
    free(s);
    cat.cfg = NULL;
    s = xf_history_changes(&cat);
    assert_non_null(strstr(s, "(none) → attitude"));
    free(s);
    struct xf_history_row grp = {.entity = "evaluation_score", .entity_id = 1,
                                 .after = "{\"id\":1,\"grp\":\"public\",\"score\":90}"};
    s = xf_history_changes(&grp);
    assert_non_null(strstr(s, "Public"));
    free(s);
    /* A workflow event's action in words, as in the complaint's timeline. */
    struct xf_history_row ev = {.entity = "complaint_event", .entity_id = 9,
                                .after = "{\"id\":9,\"action\":\"rule_reject\"}"};
    s = xf_history_changes(&ev);
    assert_non_null(strstr(s, "return rejected, sent back"));
    assert_null(strstr(s, "rule_reject"));
    free(s);
    /* A login in a value names the person, as headings do (it read
     * "verified by=wang.li"); so does one of the demo's staff, whom no
     * config lists (it read "jc_linna"); any other login stays. */
    struct xf_user people[] = {{.login = "wang.li", .name = "王丽", .role = XF_ROLE_SUPERVISOR}};
    struct xf_config pcfg = {.users = people, .n_users = 1};
    struct xf_history_row who = {.entity = "pledge", .entity_id = 9, .cfg = &pcfg,
                                 .after = "{\"id\":9,\"verified_by\":\"wang.li\"}"};
    s = xf_history_changes(&who);
    assert_non_null(strstr(s, "王丽 (wang.li)"));
    free(s);
    who.after = "{\"id\":9,\"verified_by\":\"jc_linna\"}";
    s = xf_history_changes(&who);
    assert_non_null(strstr(s, "林娜 (jc_linna)"));
    free(s);
    who.after = "{\"id\":9,\"verified_by\":\"zhou.qi\"}";
    s = xf_history_changes(&who);
    assert_non_null(strstr(s, "zhou.qi"));
    assert_null(strstr(s, "("));
    free(s);
}

static void store_resolves_references(void **state)
{
    struct tu_env *e = ENV;
    int64_t cid = complaint(e);
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_for(&e->ctx, "complaint", cid, 0, 10, &rows, &n, &err), XF_OK);
    char *s = xf_history_changes(&rows[n - 1]);
    assert_non_null(strstr(s, "unit=D1 市政务服务中心"));
    assert_null(strstr(s, "version"));
    free(s);
    xf_history_rows_free(rows, n);
}

static void resolve_by_code_or_number(void **state)
{
    struct tu_env *e = ENV;
    int64_t uid = renamed_unit(e, "U1");
    int64_t cid = complaint(e);
    char *code = complaint_code(e, cid);
    const char *t;
    int64_t id;
    struct xf_error err = {0};
    assert_int_equal(xf_history_resolve(&e->ctx, "投诉", code, &t, &id, &err), XF_OK);
    assert_string_equal(t, "complaint");
    assert_int_equal(id, cid);
    assert_int_equal(xf_history_resolve(&e->ctx, "unit", "U1", &t, &id, &err), XF_OK);
    assert_int_equal(id, uid);
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)uid);
    assert_int_equal(xf_history_resolve(&e->ctx, "unit", num, &t, &id, &err), XF_OK);
    assert_int_equal(id, uid);
    assert_int_equal(xf_history_resolve(&e->ctx, "pledge", "12", &t, &id, &err), XF_OK);
    assert_int_equal(id, 12);
    assert_int_equal(xf_history_resolve(&e->ctx, "pledge", "P12", &t, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "id");
    assert_non_null(strstr(err.msg, "no code"));
    assert_int_equal(xf_history_resolve(&e->ctx, "complaint", "TS1900-000001", &t, &id, &err),
                     XF_ENOTFOUND);
    assert_non_null(strstr(err.msg, "TS1900-000001"));
    assert_int_equal(xf_history_resolve(&e->ctx, "nonsense", "1", &t, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "entity");
    assert_int_equal(xf_history_resolve(&e->ctx, "unit", "", &t, &id, &err), XF_EINVAL);
    assert_string_equal(err.field, "id");
    /* an evaluation by its post and quarter, the way people name it */
    sqlite3 *h = xf_db_handle(e->db);
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO post(code,unit_id,title,status,published_on,"
                                  "updated_at) VALUES ('XFG-9',(SELECT min(id) FROM unit),'岗',"
                                  "'published','2026-01-05','x');"
                                  "INSERT INTO evaluation(post_id,quarter,score,passed,updated_at)"
                                  " VALUES ((SELECT id FROM post WHERE code='XFG-9'),'2026Q1',90,1,"
                                  "'x')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    int64_t eid = sqlite3_last_insert_rowid(h);
    assert_int_equal(xf_history_resolve(&e->ctx, "测评", "XFG-9 2026q1", &t, &id, &err), XF_OK);
    assert_string_equal(t, "evaluation");
    assert_int_equal(id, eid);
    assert_int_equal(xf_history_resolve(&e->ctx, "evaluation", "XFG-9", &t, &id, &err), XF_EINVAL);
    assert_non_null(strstr(err.msg, "XFG-00001 2026Q3"));
    free(code);
}

static void about_says_demo_rows(void **state)
{
    struct tu_env *e = ENV;
    int64_t uid = tu_unit(e, "U1", "市政务服务中心", 0);
    struct xf_history_about a;
    struct xf_error err = {0};
    assert_int_equal(xf_history_about(&e->ctx, "unit", uid, &a, &err), XF_OK);
    assert_string_equal(a.label, "U1");
    assert_false(a.demo);
    xf_history_about_clear(&a);
    assert_int_equal(xf_db_begin(e->db, "demo.generate", &err), XF_OK);
    assert_int_equal(xf_db_history_note(e->db, "unit", 0, "demo.generate", "{\"rows\":1}", &err),
                     XF_OK);
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    assert_int_equal(xf_history_about(&e->ctx, "unit", uid, &a, &err), XF_OK);
    assert_true(a.demo);
    xf_history_about_clear(&a);
    /* Other tables are not demo rows for it. */
    int64_t cid = complaint(e);
    assert_int_equal(xf_history_about(&e->ctx, "complaint", cid, &a, &err), XF_OK);
    assert_false(a.demo);
    xf_history_about_clear(&a);
    assert_int_equal(xf_history_about(&e->ctx, "unit", 999, &a, &err), XF_ENOTFOUND);
    assert_null(a.label);
}

static void news_names_the_main_record(void **state)
{
    struct tu_env *e = ENV;
    tu_unit(e, "D0", "市委", 0);
    struct xf_news_cursor last = {0};
    assert_null(xf_history_news(&e->ctx, &last));
    assert_true(last.id > 0);
    assert_null(xf_history_news(&e->ctx, &last)); /* nothing new */
    int64_t cid = complaint(e); /* a unit, the complaint and its event */
    char *code = complaint_code(e, cid);
    char *news = xf_history_news(&e->ctx, &last);
    assert_non_null(news);
    char *want = NULL;
    assert_true(asprintf(&want, "tester: receive %s, and 1 more", code) > 0);
    assert_string_equal(news, want);
    assert_null(strstr(news, "event"));
    free(want);
    free(news);
    assert_null(xf_history_news(&e->ctx, &last));
    free(code);
}

/* A complaint received at unit code (made by the tester, an admin). */
static int64_t complaint_at(struct tu_env *e, const char *code)
{
    struct xf_complaint_new in = {.source = "hotline", .unit_code = code,
                                  .text = "窗口人员态度生硬", .complainant_name = "张三丰",
                                  .complainant_phone = "13812345678"};
    int64_t id = 0;
    struct xf_error err = {0};
    const struct xf_user *was = e->ctx.user;
    const char *login = e->ctx.login;
    enum xf_role role = e->ctx.role;
    tu_act_as(e, "tester", XF_ROLE_ADMIN);
    e->ctx.user = NULL;
    assert_int_equal(xf_complaint_receive(&e->ctx, &in, &id, &err), XF_OK);
    tu_act_as(e, login, role);
    e->ctx.user = was;
    return id;
}

/* A scoped user hears of the records it may read only, and no count of
 * the others, which may be anywhere (a trial saw a D074 handler told of
 * supervision at D013 and D060). */
static void news_keeps_to_the_users_units(void **state)
{
    struct tu_env *e = ENV;
    tu_unit(e, "D1", "市政务服务中心", 0);
    tu_unit(e, "D2", "市公安局", 0);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(e, &u, scopes, "v2", XF_ROLE_VIEWER);
    struct xf_news_cursor last = {0};
    assert_null(xf_history_news(&e->ctx, &last));
    complaint_at(e, "D1");
    assert_null(xf_history_news(&e->ctx, &last)); /* another unit's: nothing */
    int64_t cid = complaint_at(e, "D2");
    char *code = complaint_code(e, cid);
    char *news = xf_history_news(&e->ctx, &last);
    assert_non_null(news);
    char *want = NULL;
    assert_true(asprintf(&want, "tester: receive %s", code) > 0);
    assert_string_equal(news, want); /* without "and 1 more" */
    free(want);
    free(news);
    complaint_at(e, "D2");
    complaint_at(e, "D1"); /* the newest is another unit's */
    assert_null(xf_history_news(&e->ctx, &last));
    free(code);
}

/* An admin limited to a scope reads the history of their units' records
 * and no other: a trial's D005 admin listed every unit's changes, other
 * units' complainants' names and phones among them. An unscoped admin
 * still reads everything. */
static void scoped_admin_reads_their_units_history(void **state)
{
    struct tu_env *e = ENV;
    int64_t d1 = tu_unit(e, "D1", "市政务服务中心", 0);
    int64_t d2 = tu_unit(e, "D2", "市公安局", 0);
    int64_t o2 = tu_unit(e, "D2-01", "户政处", d2);
    int64_t away = complaint_at(e, "D1");
    int64_t mine = complaint_at(e, "D2-01");
    char *away_code = complaint_code(e, away);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(e, &u, scopes, "adm2", XF_ROLE_ADMIN);
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_history_all(&e->ctx, NULL, 0, 100, &rows, &n, &err), XF_OK);
    bool saw_mine = false;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(rows[i].entity, "unit"))
            assert_true(rows[i].entity_id == d2 || rows[i].entity_id == o2);
        assert_false(rows[i].label && strstr(rows[i].label, away_code));
        saw_mine |= !strcmp(rows[i].entity, "complaint") && rows[i].entity_id == mine;
    }
    /* D2, D2-01 and the complaint (its receipt's event, without a note,
     * is left out) */
    assert_int_equal(n, 3);
    assert_true(saw_mine);
    xf_history_rows_free(rows, n);
    /* One record's history, by number or code, as for any scoped user. */
    assert_int_equal(xf_history_for(&e->ctx, "complaint", away, 0, 10, &rows, &n, &err),
                     XF_EPERM);
    assert_int_equal(xf_history_for(&e->ctx, "unit", d1, 0, 10, &rows, &n, &err), XF_EPERM);
    assert_int_equal(xf_history_for(&e->ctx, "complaint", mine, 0, 10, &rows, &n, &err), XF_OK);
    assert_true(n >= 1);
    xf_history_rows_free(rows, n);
    const char *table;
    int64_t id;
    assert_int_equal(xf_history_resolve(&e->ctx, "complaint", away_code, &table, &id, &err),
                     XF_ENOTFOUND);
    assert_int_equal(xf_history_resolve(&e->ctx, "unit", "D1", &table, &id, &err), XF_ENOTFOUND);
    /* News of another unit's complaint is none of theirs either. */
    struct xf_news_cursor last = {0};
    assert_null(xf_history_news(&e->ctx, &last));
    complaint_at(e, "D1");
    assert_null(xf_history_news(&e->ctx, &last));
    /* Unscoped, the same admin reads it all. */
    e->ctx.user = NULL;
    assert_int_equal(xf_history_all(&e->ctx, NULL, 0, 100, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 6); /* three units, three complaints (not their note-less events) */
    xf_history_rows_free(rows, n);
    assert_int_equal(xf_history_for(&e->ctx, "complaint", away, 0, 10, &rows, &n, &err), XF_OK);
    xf_history_rows_free(rows, n);
    free(away_code);
}

/* The whole history's scope filter (SQL, per row) and one record's
 * (xf_store_history_owner, per record) agree for every kind of record: a
 * demo database, then one change to some records of every audited table. */
/* Every row the user may list, newest first, page by page (the demo's
 * complaint steps alone fill more than a page). */
static void list_all(const struct xf_ctx *ctx, struct xf_history_row **out, size_t *n_out)
{
    struct xf_history_row *all = NULL;
    size_t n = 0;
    int64_t after = 0;
    for (;;) {
        struct xf_history_row *page;
        size_t np;
        struct xf_error err = {0};
        assert_int_equal(xf_history_all(ctx, NULL, after, XF_HISTORY_MAX_PAGE, &page, &np, &err),
                         XF_OK);
        all = realloc(all, (n + np + 1) * sizeof *all);
        assert_non_null(all);
        memcpy(all + n, page, np * sizeof *page);
        n += np;
        free(page); /* the rows' strings moved into all */
        if (np < XF_HISTORY_MAX_PAGE)
            break;
        after = all[n - 1].id;
    }
    *out = all;
    *n_out = n;
}

static void scoped_list_agrees_with_record_rule(void **state)
{
    struct tu_env *e = ENV;
    struct xf_error err = {0};
    assert_int_equal(xf_demo_generate(&e->ctx, XF_DEMO_SMALL, 1, NULL, &err), XF_OK);
    static const char *const tables[] = {
        "unit", "member", "project", "post", "pledge", "evaluation", "evaluation_score",
        "complaint", "complaint_cohandler", "complaint_event", "inspection", "inspection_item",
        "rectification", "improvement", "award", "inspection_complaint"};
    assert_int_equal(xf_db_begin(e->db, "test.touch", &err), XF_OK);
    /* (the demo raises no complaint from an inspection) */
    assert_int_equal(sqlite3_exec(xf_db_handle(e->db),
                                  "INSERT INTO inspection_complaint(inspection_id,complaint_id,"
                                  "updated_at) SELECT id, 301 - id, '2026-01-05 09:00:00'"
                                  " FROM inspection WHERE id <= 100",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET version=version+1 WHERE id IN (SELECT id FROM %s"
                 " ORDER BY (id*7919)%%997 LIMIT 40)",
                 tables[t], tables[t]);
        assert_int_equal(sqlite3_exec(xf_db_handle(e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_int_equal(xf_db_commit(e->db, &err), XF_OK);
    struct xf_history_row *all, *mine;
    size_t n_all, n_mine;
    list_all(&e->ctx, &all, &n_all);
    struct xf_user u;
    char *scopes[] = {"D005"};
    tu_scope(e, &u, scopes, "adm5", XF_ROLE_ADMIN);
    list_all(&e->ctx, &mine, &n_mine);
    assert_true(n_all > XF_HISTORY_MAX_PAGE); /* the paging is tried too */
    size_t k = 0, kinds_in = 0, kinds_out = 0;
    bool seen_in[32] = {0}, seen_out[32] = {0};
    for (size_t i = 0; i < n_all; i++) {
        bool listed = k < n_mine && mine[k].id == all[i].id;
        k += listed;
        struct xf_history_row *r = NULL;
        size_t n = 0;
        bool readable = all[i].entity_id > 0 &&
                        xf_history_for(&e->ctx, all[i].entity, all[i].entity_id, 0, 1, &r, &n,
                                       &err) == XF_OK;
        xf_history_rows_free(r, n);
        if (listed != readable)
            fail_msg("history row %lld (%s %lld): listed %d, readable %d", (long long)all[i].id,
                     all[i].entity, (long long)all[i].entity_id, listed, readable);
        for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
            if (!strcmp(all[i].entity, tables[t]))
                (listed ? seen_in : seen_out)[t] = true;
    }
    assert_int_equal(k, n_mine);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        kinds_in += seen_in[t];
        kinds_out += seen_out[t];
    }
    /* Both answers were put to most kinds of record (D005 has no
     * co-handled complaint, say: not every kind shows in it). */
    assert_true(kinds_in >= 10);
    assert_int_equal(kinds_out, sizeof tables / sizeof tables[0]);
    xf_history_rows_free(all, n_all);
    xf_history_rows_free(mine, n_mine);
}

static void personal_data_masked_for_viewers(void **state)
{
    struct tu_env *e = ENV;
    int64_t id = complaint(e);
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    tu_act_as(e, "li.na", XF_ROLE_VIEWER);
    assert_int_equal(xf_history_for(&e->ctx, "complaint", id, 0, 10, &rows, &n, &err), XF_OK);
    assert_true(n >= 1);
    for (size_t i = 0; i < n; i++) {
        assert_null(strstr(rows[i].after, "张三丰"));
        assert_null(strstr(rows[i].after, "13812345678"));
        if (strcmp(rows[i].entity, "complaint") != 0)
            continue; /* a workflow event: no personal data to mask */
        assert_non_null(strstr(rows[i].after, "\"complainant_name\":\"张**\""));
        assert_non_null(strstr(rows[i].after, "\"complainant_phone\":\"138****5678\""));
        assert_non_null(strstr(rows[i].after, "窗口人员态度生硬"));
    }
    xf_history_rows_free(rows, n);
    tu_act_as(e, "zhang.wei", XF_ROLE_SUPERVISOR);
    assert_int_equal(xf_history_for(&e->ctx, "complaint", id, 0, 10, &rows, &n, &err), XF_OK);
    assert_non_null(strstr(rows[n - 1].after, "张三丰"));
    xf_history_rows_free(rows, n);
}

static void all_is_for_admins(void **state)
{
    struct tu_env *e = ENV;
    renamed_unit(e, "U1");
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    tu_act_as(e, "liu.yang", XF_ROLE_ORGANISER);
    assert_int_equal(xf_history_all(&e->ctx, NULL, 0, 10, &rows, &n, &err), XF_EPERM);
    assert_null(rows);
    tu_act_as(e, "root", XF_ROLE_ADMIN);
    assert_int_equal(xf_history_all(&e->ctx, NULL, 0, 10, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 2);
    xf_history_rows_free(rows, n);
}

static void all_filters_actor_and_dates(void **state)
{
    struct tu_env *e = ENV;
    renamed_unit(e, "U1");
    tu_act_as(e, "other", XF_ROLE_ADMIN);
    tu_unit(e, "U2", "市城建委", 0);
    struct xf_history_row *rows;
    size_t n;
    struct xf_error err = {0};
    struct xf_history_filter f = {.actor = "other"};
    assert_int_equal(xf_history_all(&e->ctx, &f, 0, 10, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].actor, "other");
    xf_history_rows_free(rows, n);
    f = (struct xf_history_filter){.date_to = "2000-01-01"};
    assert_int_equal(xf_history_all(&e->ctx, &f, 0, 10, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 0);
    f = (struct xf_history_filter){.date_from = "2000-01-01", .date_to = "9999-01-01"};
    assert_int_equal(xf_history_all(&e->ctx, &f, 0, 10, &rows, &n, &err), XF_OK);
    assert_int_equal(n, 3);
    xf_history_rows_free(rows, n);
    f = (struct xf_history_filter){.date_from = "2026-13-01"};
    assert_int_equal(xf_history_all(&e->ctx, &f, 0, 10, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "since");
    f = (struct xf_history_filter){.date_from = "2026-05-01", .date_to = "2026-04-01"};
    assert_int_equal(xf_history_all(&e->ctx, &f, 0, 10, &rows, &n, &err), XF_EINVAL);
    assert_string_equal(err.field, "until");
}

/* Every page of f, limit rows at a time, checked against the order the
 * history is read in (time, then id, newest first) computed plainly from
 * cond: no row lost or repeated at a page's edge, among rows of the same
 * second or written after the clock went back. */
static void pages_agree_one_way(struct tu_env *e, const struct xf_history_filter *f,
                                const char *cond, size_t limit, bool newer)
{
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT id FROM history WHERE %s ORDER BY at %s, id %s", cond,
             newer ? "" : "DESC", newer ? "" : "DESC");
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(xf_db_handle(e->db), sql, -1, &st, NULL), SQLITE_OK);
    int64_t after = 0;
    size_t seen = 0;
    for (;;) {
        struct xf_history_row *rows;
        size_t n;
        struct xf_error err = {0};
        assert_int_equal(newer ? xf_history_all_newer(&e->ctx, f, after, limit, &rows, &n, &err)
                               : xf_history_all(&e->ctx, f, after, limit, &rows, &n, &err),
                         XF_OK);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            assert_int_equal(rows[i].id, sqlite3_column_int64(st, 0));
        }
        seen += n;
        after = n ? rows[n - 1].id : 0;
        xf_history_rows_free(rows, n);
        if (n < limit)
            break;
    }
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    assert_true(seen > limit); /* more than one page */
}

/* ... read both ways: newest first from the newest, and oldest first
 * from the oldest (the History pane's End and paging up). */
static void pages_agree(struct tu_env *e, const struct xf_history_filter *f, const char *cond,
                        size_t limit)
{
    pages_agree_one_way(e, f, cond, limit, false);
    pages_agree_one_way(e, f, cond, limit, true);
}

/* The whole history, filtered or not, scoped or not, is read page by
 * page from where the last ended: 60 rows by two users over three days,
 * five to a second, the last twelve written after the clock was set back
 * a day. */
static void all_pages_by_keyset(void **state)
{
    struct tu_env *e = ENV;
    int64_t d1 = tu_unit(e, "D1", "市政务服务中心", 0);
    int64_t d2 = tu_unit(e, "D2", "市公安局", 0);
    char sql[600];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM g WHERE i<59)"
             " INSERT INTO history(at,actor,client,entity,entity_id,action,before,after)"
             " SELECT datetime('2026-03-01 23:59:50', (CASE WHEN i<48 THEN i/5"
             "  ELSE i/5-86400 END)||' seconds'), CASE i%%3 WHEN 0 THEN 'a' ELSE 'b' END, '',"
             " 'unit', CASE i%%2 WHEN 0 THEN %lld ELSE %lld END, 'unit.update', NULL,"
             " '{\"code\":\"X\"}' FROM g",
             (long long)d1, (long long)d2);
    assert_int_equal(sqlite3_exec(xf_db_handle(e->db), sql, NULL, NULL, NULL), SQLITE_OK);
    struct xf_history_filter all = {0}, by_a = {.actor = "a"},
                             day = {.date_from = "2026-03-01", .date_to = "2026-03-01"},
                             a_day = {.actor = "a", .date_from = "2026-02-28",
                                      .date_to = "2026-03-01"};
    pages_agree(e, &all, "1", 4);
    pages_agree(e, &all, "1", 5);
    pages_agree(e, &by_a, "actor='a'", 3);
    pages_agree(e, &day, "at >= '2026-03-01' AND at < '2026-03-02'", 4);
    pages_agree(e, &a_day, "actor='a' AND at >= '2026-02-28' AND at < '2026-03-02'", 2);
    struct xf_user u;
    char *scopes[] = {"D2"};
    tu_scope(e, &u, scopes, "adm2", XF_ROLE_ADMIN);
    snprintf(sql, sizeof sql, "entity='unit' AND entity_id=%lld", (long long)d2);
    pages_agree(e, &all, sql, 4);
    snprintf(sql, sizeof sql, "entity='unit' AND entity_id=%lld AND actor='b'", (long long)d2);
    pages_agree(e, &(struct xf_history_filter){.actor = "b"}, sql, 3);
}

static void users_list_last_activity(void **state)
{
    struct tu_env *e = ENV;
    char *scopes[] = {"D001", "D002"};
    struct xf_user users[] = {
        {.login = "tester", .name = "测试", .role = XF_ROLE_ADMIN},
        {.login = "zhang.wei", .name = "张伟", .role = XF_ROLE_SUPERVISOR, .scopes = scopes,
         .n_scopes = 2},
    };
    e->cfg.users = users;
    e->cfg.n_users = 2;
    tu_unit(e, "U1", "市政务服务中心", 0);
    struct xf_table t = {0};
    struct xf_error err = {0};
    assert_int_equal(xf_history_users(&e->ctx, &t, false, &err), XF_OK);
    assert_int_equal(t.nrows, 2);
    /* only changes are recorded: the column does not say "active" */
    assert_string_equal(t.head[4], "last change");
    assert_string_equal(xf_table_cell(&t, 0, 0), "tester");
    assert_string_equal(xf_table_cell(&t, 0, 2), "admin");
    assert_string_equal(xf_table_cell(&t, 0, 3), "all units");
    assert_int_equal(strlen(xf_table_cell(&t, 0, 4)), 19); /* a timestamp */
    assert_string_equal(xf_table_cell(&t, 1, 3), "D001, D002");
    assert_string_equal(xf_table_cell(&t, 1, 4), "never");
    xf_table_free(&t);
    /* for CSV: no words in data cells */
    assert_int_equal(xf_history_users(&e->ctx, &t, true, &err), XF_OK);
    assert_string_equal(xf_table_cell(&t, 0, 3), "");
    assert_int_equal(strlen(xf_table_cell(&t, 0, 4)), 19);
    assert_string_equal(xf_table_cell(&t, 1, 3), "D001, D002");
    assert_string_equal(xf_table_cell(&t, 1, 4), "");
    xf_table_free(&t);
    tu_act_as(e, "liu.yang", XF_ROLE_ORGANISER);
    assert_int_equal(xf_history_users(&e->ctx, &t, false, &err), XF_OK);
    xf_table_free(&t);
    tu_act_as(e, "li.na", XF_ROLE_VIEWER);
    assert_int_equal(xf_history_users(&e->ctx, &t, false, &err), XF_EPERM);
    xf_table_free(&t);
    e->cfg.users = NULL;
    e->cfg.n_users = 0;
}

static bool has_problem(const struct xf_fs_report *r, const char *text, bool blocks)
{
    for (size_t i = 0; i < r->n; i++)
        if (strstr(r->items[i].text, text) && r->items[i].blocks_writes == blocks)
            return true;
    return false;
}

static void fscheck_world_access(void **state)
{
    struct tu_env *e = ENV;
    struct xf_fs_report r;
    struct xf_error err = {0};
    chmod(e->dir, 0700);
    chmod(e->path, 0666);
    assert_int_equal(xf_fscheck(e->path, &e->cfg, NULL, &r, &err), XF_OK);
    assert_true(has_problem(&r, "writable by every account", false));
    assert_false(xf_fs_report_blocks(&r));
    xf_fs_report_free(&r);
    chmod(e->path, 0644);
    assert_int_equal(xf_fscheck(e->path, &e->cfg, NULL, &r, &err), XF_OK);
    assert_true(has_problem(&r, "readable by every account", false));
    /* the closed directory keeps them out for now, and the line says so */
    assert_true(has_problem(&r, "only the directory", false));
    xf_fs_report_free(&r);
    chmod(e->dir, 0755);
    assert_int_equal(xf_fscheck(e->path, &e->cfg, NULL, &r, &err), XF_OK);
    assert_true(has_problem(&r, "names and phones included", false));
    xf_fs_report_free(&r);
    chmod(e->dir, 0700);
    chmod(e->path, 0600);
    assert_int_equal(xf_fscheck(e->path, &e->cfg, NULL, &r, &err), XF_OK);
    assert_int_equal(r.n, 0); /* no users: one account, group checks skipped */
    xf_fs_report_free(&r);
}

static void fscheck_shared_needs_group_write(void **state)
{
    struct tu_env *e = ENV;
    struct xf_user users[] = {{.login = "a", .role = XF_ROLE_ADMIN},
                              {.login = "b", .role = XF_ROLE_VIEWER}};
    e->cfg.users = users;
    e->cfg.n_users = 2;
    struct xf_fs_report r;
    struct xf_error err = {0};
    chmod(e->dir, 0700);
    chmod(e->path, 0640);
    /* The directory's own group stands in for "xianfeng". */
    assert_int_equal(xf_fscheck(e->path, &e->cfg, "no-such-group-xf", &r, &err), XF_OK);
    assert_true(has_problem(&r, "not group-writable", true));
    assert_true(has_problem(&r, "not readable and writable by its group", true));
    assert_true(has_problem(&r, "not setgid", false));
    assert_true(xf_fs_report_blocks(&r));
    xf_fs_report_free(&r);
    chmod(e->dir, 02770);
    chmod(e->path, 0660);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", e->path);
    chmod(wal, 0660);
    snprintf(wal, sizeof wal, "%s-shm", e->path);
    chmod(wal, 0660);
    assert_int_equal(xf_fscheck(e->path, &e->cfg, "no-such-group-xf", &r, &err), XF_OK);
    assert_int_equal(r.n, 0);
    xf_fs_report_free(&r);
    /* The database in the wrong group and its -wal in the right one: only
     * the database is told to change (the -wal was told to follow it,
     * undoing the advice for the database). Root may give files away. */
    struct stat ds;
    if (geteuid() == 0 && stat(e->dir, &ds) == 0 && chown(e->path, (uid_t)-1, ds.st_gid + 1) == 0) {
        assert_int_equal(xf_fscheck(e->path, &e->cfg, "no-such-group-xf", &r, &err), XF_OK);
        assert_true(has_problem(&r, "the other users cannot write it; run: chgrp", true));
        for (size_t i = 0; i < r.n; i++)
            assert_null(strstr(r.items[i].text, "-wal"));
        xf_fs_report_free(&r);
        chown(e->path, (uid_t)-1, ds.st_gid);
    }
    assert_int_equal(xf_fscheck("/nonexistent/x.db", &e->cfg, NULL, &r, &err), XF_EIO);
    e->cfg.users = NULL;
    e->cfg.n_users = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(for_lists_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(for_pages_by_keyset, setup, teardown),
        cmocka_unit_test_setup_teardown(changes_name_what_changed, setup, teardown),
        cmocka_unit_test(changes_decode_json_escapes),
        cmocka_unit_test(changes_empty_is_none),
        cmocka_unit_test_setup_teardown(for_refuses_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(for_respects_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(personal_data_masked_for_viewers, setup, teardown),
        cmocka_unit_test_setup_teardown(all_is_for_admins, setup, teardown),
        cmocka_unit_test_setup_teardown(all_filters_actor_and_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(all_pages_by_keyset, setup, teardown),
        cmocka_unit_test_setup_teardown(users_list_last_activity, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_carry_codes_not_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(complaint_history_keeps_step_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(complaint_history_names_what_changed, setup, teardown),
        cmocka_unit_test(complaint_step_notes_by_action),
        cmocka_unit_test(actions_and_fields_in_words),
        cmocka_unit_test_setup_teardown(store_resolves_references, setup, teardown),
        cmocka_unit_test_setup_teardown(resolve_by_code_or_number, setup, teardown),
        cmocka_unit_test_setup_teardown(about_says_demo_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(news_names_the_main_record, setup, teardown),
        cmocka_unit_test_setup_teardown(news_keeps_to_the_users_units, setup, teardown),
        cmocka_unit_test_setup_teardown(scoped_admin_reads_their_units_history, setup, teardown),
        cmocka_unit_test_setup_teardown(scoped_list_agrees_with_record_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(fscheck_world_access, setup, teardown),
        cmocka_unit_test_setup_teardown(fscheck_shared_needs_group_write, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
