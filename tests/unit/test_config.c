/* Configuration: defaults, the sample file, lookup order, and one test per
 * class of error, each checking the status, the line and the key named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "xf/config.h"
#include "xf/date.h"

#define SAMPLE "conf/xianfeng.cfg"

static char *tmp;

static int group_setup(void **state)
{
    (void)state;
    unsetenv("XIANFENG_CONFIG");
    tmp = tu_tmpdir();
    return tmp ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    tu_rm_tree(tmp);
    free(tmp);
    return 0;
}

/* Writes text to a file in the temporary directory; caller frees. */
static char *write_cfg(const char *name, const char *text)
{
    return tu_write_file(tmp, name, text, strlen(text));
}

static int load_text(const char *text, struct xf_config *cfg, struct xf_error *err)
{
    char *path = write_cfg("test.cfg", text);
    int rc = xf_config_load(path, cfg, err);
    free(path);
    return rc;
}

/* ---- defaults and the sample file ------------------------------------- */

static void assert_calendar_equal(const struct xf_calendar *a, const struct xf_calendar *b)
{
    assert_int_equal(a->n_holidays, b->n_holidays);
    assert_int_equal(a->n_workdays, b->n_workdays);
    for (size_t i = 0; i < a->n_holidays; i++)
        assert_string_equal(a->holidays[i], b->holidays[i]);
    for (size_t i = 0; i < a->n_workdays; i++)
        assert_string_equal(a->workdays[i], b->workdays[i]);
}

static void assert_checklist_equal(const struct xf_checklist *a, const struct xf_checklist *b)
{
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->kind, b->kind);
    assert_int_equal(a->n_items, b->n_items);
    for (size_t j = 0; j < a->n_items; j++) {
        assert_string_equal(a->items[j].label, b->items[j].label);
        assert_int_equal(a->items[j].critical, b->items[j].critical);
    }
}

static void assert_config_equal(const struct xf_config *a, const struct xf_config *b)
{
    assert_string_equal(a->db_path, b->db_path);
    assert_string_equal(a->language, b->language);
    assert_string_equal(a->service_account, b->service_account);
    assert_true(a->pass_score == b->pass_score);
    assert_true(a->weight_deputies == b->weight_deputies);
    assert_true(a->weight_recipients == b->weight_recipients);
    assert_true(a->weight_public == b->weight_public);
    assert_int_equal(a->revoke_after_failures, b->revoke_after_failures);
    assert_int_equal(a->consecutive, b->consecutive);
    assert_int_equal(a->confirm_quit, b->confirm_quit);
    assert_int_equal(a->due_soon_days, b->due_soon_days);
    assert_true(a->inspection_fail_rate == b->inspection_fail_rate);
    assert_true(a->sample_fail_rate == b->sample_fail_rate);
    assert_int_equal(a->rectify_days, b->rectify_days);
    assert_int_equal(a->n_categories, b->n_categories);
    for (size_t i = 0; i < a->n_categories; i++) {
        assert_string_equal(a->categories[i].name, b->categories[i].name);
        assert_string_equal(a->categories[i].label, b->categories[i].label);
        assert_string_equal(a->categories[i].label_en, b->categories[i].label_en);
        assert_int_equal(a->categories[i].sign_days, b->categories[i].sign_days);
        assert_int_equal(a->categories[i].reply_days, b->categories[i].reply_days);
    }
    assert_int_equal(a->n_checklists, b->n_checklists);
    for (size_t i = 0; i < a->n_checklists; i++)
        assert_checklist_equal(&a->checklists[i], &b->checklists[i]);
    assert_calendar_equal(&a->calendar, &b->calendar);
    assert_int_equal(a->n_naming_committees, b->n_naming_committees);
    for (size_t i = 0; i < a->n_naming_committees; i++)
        assert_string_equal(a->naming_committees[i], b->naming_committees[i]);
    assert_int_equal(a->n_users, b->n_users);
}

static void test_defaults(void **state)
{
    (void)state;
    struct xf_config cfg;
    xf_config_defaults(&cfg);
    assert_null(cfg.source);
    assert_string_equal(cfg.db_path, XF_DEFAULT_DB_PATH);
    assert_string_equal(cfg.language, "");
    assert_string_equal(cfg.service_account, "xianfeng");
    assert_true(cfg.pass_score == 80.0);
    assert_true(cfg.weight_deputies == 1.0 && cfg.weight_recipients == 1.0);
    assert_true(cfg.weight_public == 1.0);
    assert_int_equal(cfg.revoke_after_failures, 2);
    assert_false(cfg.consecutive);
    assert_true(cfg.confirm_quit);
    assert_int_equal(cfg.due_soon_days, 1);
    assert_true(cfg.inspection_fail_rate == 0.2 && cfg.sample_fail_rate == 0.05);
    assert_int_equal(cfg.rectify_days, 10);
    assert_int_equal(cfg.n_categories, 6);
    assert_string_equal(cfg.categories[0].name, "attitude");
    assert_string_equal(cfg.categories[0].label, "服务态度");
    assert_string_equal(cfg.categories[5].label, "其他");
    assert_int_equal(cfg.n_checklists, 2);
    assert_int_equal(cfg.checklists[0].n_items, 5);
    assert_true(cfg.checklists[0].items[0].critical);
    assert_int_equal(cfg.checklists[1].n_items, 3);
    assert_int_equal(cfg.n_users, 0);
    assert_int_equal(cfg.calendar.n_holidays, 33);
    assert_int_equal(cfg.calendar.n_workdays, 6);
    xf_config_free(&cfg);
}

static void test_sample_file_equals_defaults(void **state)
{
    (void)state;
    struct xf_config def, cfg;
    struct xf_error err;
    xf_config_defaults(&def);
    int rc = xf_config_load(SAMPLE, &cfg, &err);
    if (rc)
        fail_msg("line %ld: %s", err.line, err.msg);
    assert_string_equal(cfg.source, SAMPLE);
    assert_config_equal(&cfg, &def);
    xf_config_free(&cfg);
    xf_config_free(&def);
}

/* The commented-out users example must itself be valid. */
static void test_sample_users_example_loads(void **state)
{
    (void)state;
    FILE *f = fopen(SAMPLE, "r");
    assert_non_null(f);
    char line[512], text[4096] = "";
    bool in_users = false;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "# users = (", 11) == 0)
            in_users = true;
        if (in_users && strlen(text) + strlen(line) < sizeof text)
            strcat(text, line + 2);
    }
    fclose(f);
    assert_true(in_users);
    struct xf_config cfg;
    struct xf_error err;
    int rc = load_text(text, &cfg, &err);
    if (rc)
        fail_msg("line %ld: %s", err.line, err.msg);
    assert_int_equal(cfg.n_users, 5);
    xf_config_free(&cfg);
}

static void test_partial_file_keeps_defaults(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(load_text("rules = { pass_score = 70; consecutive = 1; };\n"
                               "interface = { confirm_quit = false; };\n",
                               &cfg, &err),
                     XF_OK);
    assert_true(cfg.pass_score == 70.0);
    assert_true(cfg.consecutive);
    assert_false(cfg.confirm_quit);
    assert_int_equal(cfg.revoke_after_failures, 2);
    assert_int_equal(cfg.n_categories, 6);
    assert_int_equal(cfg.calendar.n_holidays, 33);
    xf_config_free(&cfg);
}

/* ---- lookup order ------------------------------------------------------ */

static void test_no_file_gives_defaults(void **state)
{
    (void)state;
    if (access(XF_CONFIG_SYSTEM_PATH, F_OK) == 0)
        skip();
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(xf_config_load(NULL, &cfg, &err), XF_OK);
    assert_null(cfg.source);
    assert_true(cfg.pass_score == 80.0);
    xf_config_free(&cfg);
}

static void test_env_var(void **state)
{
    (void)state;
    char *path = write_cfg("env.cfg", "rules = { pass_score = 65.5; };\n");
    struct xf_config cfg;
    struct xf_error err;
    setenv("XIANFENG_CONFIG", path, 1);
    int rc = xf_config_load(NULL, &cfg, &err);
    unsetenv("XIANFENG_CONFIG");
    assert_int_equal(rc, XF_OK);
    assert_string_equal(cfg.source, path);
    assert_true(cfg.pass_score == 65.5);
    xf_config_free(&cfg);
    free(path);
}

static void test_explicit_beats_env(void **state)
{
    (void)state;
    char *env = write_cfg("env.cfg", "rules = { pass_score = 65.5; };\n");
    char *expl = write_cfg("explicit.cfg", "rules = { pass_score = 90; };\n");
    struct xf_config cfg;
    struct xf_error err;
    setenv("XIANFENG_CONFIG", env, 1);
    int rc = xf_config_load(expl, &cfg, &err);
    unsetenv("XIANFENG_CONFIG");
    assert_int_equal(rc, XF_OK);
    assert_string_equal(cfg.source, expl);
    assert_true(cfg.pass_score == 90.0);
    xf_config_free(&cfg);
    free(env);
    free(expl);
}

static void test_env_missing_file(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    setenv("XIANFENG_CONFIG", "/nonexistent/xf.cfg", 1);
    int rc = xf_config_load(NULL, &cfg, &err);
    unsetenv("XIANFENG_CONFIG");
    assert_int_equal(rc, XF_ECONFIG);
    assert_non_null(strstr(err.msg, "/nonexistent/xf.cfg"));
    assert_non_null(strstr(err.msg, "XIANFENG_CONFIG"));
    xf_config_free(&cfg);
}

static void test_explicit_missing_file(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(xf_config_load("/nonexistent/explicit.cfg", &cfg, &err), XF_ECONFIG);
    assert_non_null(strstr(err.msg, "/nonexistent/explicit.cfg"));
    assert_int_equal(err.line, 0);
    xf_config_free(&cfg);
}

static void test_directory_is_an_error(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(xf_config_load(tmp, &cfg, &err), XF_ECONFIG);
    assert_non_null(strstr(err.msg, tmp));
    xf_config_free(&cfg);
}

/* ---- contents ---------------------------------------------------------- */

static void test_users_with_scopes(void **state)
{
    (void)state;
    static const char text[] =
        "users = (\n"
        "  { login = \"zhang.wei\"; name = \"张伟\"; role = \"supervisor\";\n"
        "    scopes = [ \"D001\", \"D002\" ]; },\n"
        "  { login = \"li.na\"; role = \"inspector\"; },\n"
        "  { login = \"ops\"; role = \"admin\"; scopes = [ ]; }\n"
        ");\n";
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(load_text(text, &cfg, &err), XF_OK);
    assert_int_equal(cfg.n_users, 3);
    const struct xf_user *u = xf_config_user(&cfg, "zhang.wei");
    assert_non_null(u);
    assert_string_equal(u->name, "张伟");
    assert_int_equal(u->role, XF_ROLE_SUPERVISOR);
    assert_int_equal(u->n_scopes, 2);
    assert_string_equal(u->scopes[0], "D001");
    assert_string_equal(u->scopes[1], "D002");
    u = xf_config_user(&cfg, "li.na");
    assert_non_null(u);
    assert_string_equal(u->name, "");
    assert_int_equal(u->role, XF_ROLE_INSPECTOR);
    assert_int_equal(u->n_scopes, 0);
    assert_int_equal(xf_config_user(&cfg, "ops")->role, XF_ROLE_ADMIN);
    assert_null(xf_config_user(&cfg, "nobody"));
    xf_config_free(&cfg);
}

static void test_default_calendar(void **state)
{
    (void)state;
    struct xf_config cfg;
    xf_config_defaults(&cfg);
    assert_false(xf_workday_is(&cfg.calendar, "2026-10-01"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-10-10"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-01-04"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-02-14"));
    assert_false(xf_workday_is(&cfg.calendar, "2026-02-16"));
    assert_false(xf_workday_is(&cfg.calendar, "2026-05-05"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-10-09"));
    xf_config_free(&cfg);
}

static void test_sample_calendar(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(xf_config_load(SAMPLE, &cfg, &err), XF_OK);
    assert_false(xf_workday_is(&cfg.calendar, "2026-10-01"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-10-10"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-09-20"));
    xf_config_free(&cfg);
}

static void test_calendar_group_replaces(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(load_text("calendar = { holidays = [ \"2027-01-01\" ]; };\n", &cfg, &err),
                     XF_OK);
    assert_int_equal(cfg.calendar.n_holidays, 1);
    assert_int_equal(cfg.calendar.n_workdays, 0);
    assert_false(xf_workday_is(&cfg.calendar, "2027-01-01"));
    assert_true(xf_workday_is(&cfg.calendar, "2026-10-01"));
    assert_false(xf_workday_is(&cfg.calendar, "2026-10-10"));
    xf_config_free(&cfg);
}

static void test_lists_replace_defaults(void **state)
{
    (void)state;
    static const char text[] =
        "complaints = { categories = ( { name = \"noise\"; label = \"噪音\";\n"
        "  sign_days = 2; reply_days = 15; } ); };\n"
        "inspections = { checklists = ( { name = \"quick\"; kind = \"unannounced\";\n"
        "  items = ( { label = \"在岗\"; } ); } ); };\n";
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(load_text(text, &cfg, &err), XF_OK);
    assert_int_equal(cfg.n_categories, 1);
    const struct xf_category *cat = xf_config_category(&cfg, "noise");
    assert_non_null(cat);
    assert_string_equal(cat->label, "噪音");
    assert_int_equal(cat->sign_days, 2);
    assert_int_equal(cat->reply_days, 15);
    assert_null(xf_config_category(&cfg, "attitude"));
    assert_int_equal(cfg.n_checklists, 1);
    const struct xf_checklist *cl = xf_config_checklist(&cfg, "quick");
    assert_non_null(cl);
    assert_int_equal(cl->n_items, 1);
    assert_false(cl->items[0].critical);
    xf_config_free(&cfg);
}

/* The committees that name posts: the file's list replaces the built-in
 * one; a name must be a quoted string. */
static void test_naming_committees(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(load_text("posts = { naming_committees = [ \"中共某市委\" ]; };\n", &cfg,
                               &err),
                     XF_OK);
    assert_int_equal(cfg.n_naming_committees, 1);
    assert_string_equal(cfg.naming_committees[0], "中共某市委");
    xf_config_free(&cfg);
    assert_int_not_equal(load_text("posts = { naming_committees = [ 3 ]; };\n", &cfg, &err),
                         XF_OK);
    assert_non_null(strstr(err.msg, "naming_committees"));
    xf_config_free(&cfg);
    /* a name twice, or with a space after it, would split records */
    assert_int_not_equal(load_text("posts = { naming_committees = [ \"甲\", \"甲\" ]; };\n", &cfg,
                                   &err),
                         XF_OK);
    xf_config_free(&cfg);
    assert_int_not_equal(load_text("posts = { naming_committees = [ \"甲 \" ]; };\n", &cfg, &err),
                         XF_OK);
    xf_config_free(&cfg);
    xf_config_defaults(&cfg);
    assert_int_equal(cfg.n_naming_committees, 2);
    xf_config_free(&cfg);
}

static void test_lookups(void **state)
{
    (void)state;
    struct xf_config cfg;
    xf_config_defaults(&cfg);
    const struct xf_category *cat = xf_config_category(&cfg, "fees");
    assert_non_null(cat);
    assert_string_equal(cat->label, "收费问题");
    assert_null(xf_config_category(&cfg, "nope"));
    assert_ptr_equal(xf_config_category_by_label(&cfg, "收费问题"), cat);
    assert_null(xf_config_category_by_label(&cfg, "fees"));
    const struct xf_checklist *cl = xf_config_checklist(&cfg, "sample");
    assert_non_null(cl);
    assert_string_equal(cl->kind, "sample");
    assert_string_equal(cl->items[0].label, "定量包装净含量");
    assert_null(xf_config_checklist(&cfg, "nope"));
    assert_null(xf_config_user(&cfg, "zhang.wei"));
    xf_config_free(&cfg);
}

/* A category may give an English label; one without keeps its only label
 * in the English interface (these tests run with no catalogue: English). */
static void test_category_label_en(void **state)
{
    (void)state;
    static const char text[] =
        "complaints = { categories = (\n"
        "  { name = \"wait\"; label = \"排队时间\"; label_en = \"Queueing\";\n"
        "    sign_days = 1; reply_days = 5; },\n"
        "  { name = \"old\"; label = \"旧类别\"; sign_days = 1; reply_days = 5; }\n"
        "); };\n";
    struct xf_config cfg;
    struct xf_error err;
    assert_int_equal(load_text(text, &cfg, &err), XF_OK);
    assert_string_equal(xf_category_label(xf_config_category(&cfg, "wait")), "Queueing");
    assert_string_equal(xf_category_label(xf_config_category(&cfg, "old")), "旧类别");
    assert_ptr_equal(xf_config_category_by_label(&cfg, "Queueing"),
                     xf_config_category(&cfg, "wait"));
    assert_null(xf_category_label(NULL));
    xf_config_free(&cfg);
    xf_config_defaults(&cfg);
    assert_string_equal(xf_category_label(xf_config_category(&cfg, "fees")), "Fees");
    xf_config_free(&cfg);
}

static void test_roles(void **state)
{
    (void)state;
    static const char *const names[] = {"viewer", "handler", "inspector",
                                        "supervisor", "organiser", "admin"};
    for (int i = 0; i < 6; i++) {
        enum xf_role r;
        assert_int_equal(xf_role_parse(names[i], &r), XF_OK);
        assert_int_equal(r, i);
        assert_string_equal(xf_role_name(r), names[i]);
    }
    enum xf_role r = XF_ROLE_VIEWER;
    assert_int_not_equal(xf_role_parse("boss", &r), XF_OK);
    assert_int_not_equal(xf_role_parse("Admin", &r), XF_OK);
    assert_int_not_equal(xf_role_parse(NULL, &r), XF_OK);
}

static void test_free_is_idempotent(void **state)
{
    (void)state;
    struct xf_config cfg;
    xf_config_defaults(&cfg);
    xf_config_free(&cfg);
    xf_config_free(&cfg);
    xf_config_free(NULL);
}

static void test_err_str_names_line_and_file(void **state)
{
    (void)state;
    struct xf_config cfg;
    struct xf_error err;
    char buf[600];
    assert_int_equal(load_text("\nrules = { pass_score = 101; };\n", &cfg, &err), XF_ECONFIG);
    xf_err_str(&err, buf, sizeof buf);
    /* FILE:LINE: first, as compilers write it */
    assert_non_null(strstr(buf, "test.cfg:2: rules.pass_score"));
    assert_null(strstr(buf, "line 2"));
    assert_int_equal(err.line, 2);
    xf_config_free(&cfg);
    /* A byte-order mark is named as the cause of line 1's syntax error. */
    assert_int_equal(load_text("\xef\xbb\xbf" "rules = { pass_score = 70; };\n", &cfg, &err),
                     XF_ECONFIG);
    assert_non_null(strstr(err.msg, "byte-order mark"));
    xf_config_free(&cfg);
    /* A file saved in GBK: its first line that is not UTF-8 is named
     * (libconfig would take the bytes as a name). */
    assert_int_equal(load_text("# users\nusers = (\n  { login = \"li\"; name = \"\xc0\xee\xc4\xc8\";"
                               " role = \"viewer\"; }\n);\n",
                               &cfg, &err),
                     XF_ECONFIG);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "not UTF-8"));
    xf_config_free(&cfg);
}

/* ---- errors: one case per class ---------------------------------------- */

struct bad_case {
    const char *text;
    long line;
    const char *needle; /* must appear in the message */
};

static void test_bad(void **state)
{
    const struct bad_case *bc = *state;
    struct xf_config cfg;
    struct xf_error err;
    int rc = load_text(bc->text, &cfg, &err);
    if (rc != XF_ECONFIG || err.line != bc->line || !strstr(err.msg, bc->needle))
        fail_msg("rc %d line %ld (want %ld) msg \"%s\" (want \"%s\")", rc, err.line, bc->line,
                 err.msg, bc->needle);
    assert_non_null(strstr(err.msg, "test.cfg"));
    xf_config_free(&cfg);
}

#define CAT(extra) \
    "complaints = {\n  categories = (\n    { name = \"a\"; label = \"A\";\n" extra "\n    } );\n};\n"

static struct bad_case syntax_error = {"rules = {\n  pass_score = 80;\n  due_soon_days 1;\n};\n",
                                       3, "syntax error"};
static struct bad_case wrong_type = {"rules = {\n  pass_score = \"eighty\";\n};\n", 2,
                                     "rules.pass_score"};
static struct bad_case pass_score_high = {"rules = {\n\n  pass_score = 100.5;\n};\n", 3,
                                          "rules.pass_score"};
static struct bad_case pass_score_low = {"rules = { pass_score = -1; };\n", 1,
                                         "rules.pass_score"};
static struct bad_case weight_negative = {
    "rules = {\n  weights = {\n    deputies = -0.5;\n  };\n};\n", 3, "rules.weights.deputies"};
static struct bad_case weights_zero = {
    "rules = {\n  weights = {\n    deputies = 0;\n    recipients = 0.0;\n    public = 0;\n  };\n};\n",
    2, "rules.weights"};
static struct bad_case revoke_zero = {"rules = {\n  revoke_after_failures = 0;\n};\n", 2,
                                      "rules.revoke_after_failures"};
static struct bad_case revoke_decimal = {"rules = {\n  revoke_after_failures = 2.5;\n};\n", 2,
                                         "rules.revoke_after_failures"};
static struct bad_case inspection_rate = {"rules = {\n  inspection_fail_rate = 1.5;\n};\n", 2,
                                          "rules.inspection_fail_rate"};
static struct bad_case sample_rate = {"rules = {\n  sample_fail_rate = -0.01;\n};\n", 2,
                                      "rules.sample_fail_rate"};
static struct bad_case rectify_zero = {"rules = {\n  rectify_days = 0;\n};\n", 2,
                                       "rules.rectify_days"};
static struct bad_case rectify_high = {"rules = {\n  rectify_days = 61;\n};\n", 2,
                                       "rules.rectify_days"};
static struct bad_case bool_string = {"rules = {\n  consecutive = \"yes\";\n};\n", 2,
                                      "rules.consecutive"};
static struct bad_case sign_days_zero = {CAT("      sign_days = 0; reply_days = 5;"), 4,
                                         "complaints.categories[0].sign_days"};
static struct bad_case reply_days_high = {CAT("      sign_days = 1; reply_days = 61;"), 4,
                                          "reply_days"};
static struct bad_case category_missing = {CAT("      sign_days = 1;"), 3, "reply_days is missing"};
static struct bad_case category_unknown_key = {
    CAT("      sign_days = 1; reply_days = 5; limit = 3;"), 4,
    "unknown key complaints.categories[0].limit"};
static struct bad_case unknown_group = {"rules = { pass_score = 80; };\n\ncolours = { };\n", 3,
                                        "unknown key colours"};
static struct bad_case unknown_key = {"rules = {\n  pas_score = 80;\n};\n", 2,
                                      "unknown key rules.pas_score"};
static struct bad_case unknown_nested = {"rules = {\n  weights = {\n    deputy = 1;\n  };\n};\n", 3,
                                         "unknown key rules.weights.deputy"};
static struct bad_case not_a_group = {"\nrules = 5;\n", 2, "rules must be a group"};
static struct bad_case bad_language = {"interface = {\n  language = \"fr\";\n};\n", 2,
                                       "interface.language"};
static struct bad_case empty_account = {"access = {\n  service_account = \"\";\n};\n", 2,
                                        "access.service_account"};
static struct bad_case bad_holiday = {
    "calendar = {\n  holidays = [\n    \"2026-01-01\",\n    \"2026-02-30\",\n    \"2026-03-01\"\n  ];\n};\n",
    4,
    "\"2026-02-30\""};
static struct bad_case bad_workday = {"calendar = {\n  workdays = [ \"2026/01/04\" ];\n};\n", 2,
                                      "calendar.workdays"};
static struct bad_case holiday_and_workday = {
    "calendar = {\n  holidays = [ \"2026-10-03\" ];\n  workdays = [ \"2026-10-03\" ];\n};\n", 3,
    "both as a holiday"};
static struct bad_case weekday_workday = {
    "calendar = {\n  workdays = [ \"2026-10-12\" ];\n};\n", 2, "Saturday or Sunday"};
static struct bad_case unknown_role = {
    "users = (\n  { login = \"a\";\n    role = \"boss\"; }\n);\n", 3, "users[0].role"};
static struct bad_case missing_role = {"users = (\n  { login = \"a\"; }\n);\n", 2,
                                       "users[0].role is missing"};
static struct bad_case duplicate_login = {
    "users = (\n  { login = \"a\"; role = \"viewer\"; },\n  { login = \"b\"; role = \"viewer\"; },\n"
    "  { login = \"a\"; role = \"admin\"; }\n);\n",
    4, "duplicate login \"a\""};
static struct bad_case user_unknown_key = {
    "users = (\n  { login = \"a\"; role = \"viewer\";\n    password = \"x\"; }\n);\n", 3,
    "unknown key users[0].password"};
static struct bad_case bad_scope = {
    "users = (\n  { login = \"a\"; role = \"viewer\";\n    scopes = [ 1 ]; }\n);\n", 3,
    "users[0].scopes[0]"};
static struct bad_case users_not_list = {"users = {\n};\n", 1, "users must be a list"};
static struct bad_case duplicate_category = {
    "complaints = { categories = (\n"
    "  { name = \"fees\"; label = \"收费\"; sign_days = 1; reply_days = 5; },\n"
    "  { name = \"fees\"; label = \"收费问题\"; sign_days = 1; reply_days = 5; }\n); };\n",
    3, "duplicate name \"fees\""};
static struct bad_case no_categories = {"complaints = {\n  categories = ( );\n};\n", 2,
                                        "complaints.categories must not be empty"};
static struct bad_case empty_checklist = {
    "inspections = {\n  checklists = (\n    { name = \"x\"; kind = \"sample\";\n"
    "      items = ( ); }\n  );\n};\n",
    4, "inspections.checklists[0].items must not be empty"};
static struct bad_case checklist_no_items = {
    "inspections = {\n  checklists = (\n    { name = \"x\"; kind = \"sample\"; }\n  );\n};\n", 3,
    "inspections.checklists[0].items is missing"};
static struct bad_case bad_kind = {
    "inspections = {\n  checklists = (\n    { name = \"x\"; kind = \"random\";\n"
    "      items = ( { label = \"y\"; } ); }\n  );\n};\n",
    3, "inspections.checklists[0].kind"};
static struct bad_case bad_critical = {
    "inspections = {\n  checklists = (\n    { name = \"x\"; kind = \"sample\";\n"
    "      items = ( { label = \"y\";\n critical = 2; } ); }\n  );\n};\n",
    5, "items[0].critical"};

/* Like cmocka_unit_test_prestate, but named after the case. */
#define BAD(c) {.name = #c, .test_func = test_bad, .initial_state = &c}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_sample_file_equals_defaults),
        cmocka_unit_test(test_sample_users_example_loads),
        cmocka_unit_test(test_partial_file_keeps_defaults),
        cmocka_unit_test(test_no_file_gives_defaults),
        cmocka_unit_test(test_env_var),
        cmocka_unit_test(test_explicit_beats_env),
        cmocka_unit_test(test_env_missing_file),
        cmocka_unit_test(test_explicit_missing_file),
        cmocka_unit_test(test_directory_is_an_error),
        cmocka_unit_test(test_users_with_scopes),
        cmocka_unit_test(test_default_calendar),
        cmocka_unit_test(test_sample_calendar),
        cmocka_unit_test(test_calendar_group_replaces),
        cmocka_unit_test(test_lists_replace_defaults),
        cmocka_unit_test(test_naming_committees),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_category_label_en),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_free_is_idempotent),
        cmocka_unit_test(test_err_str_names_line_and_file),
        BAD(syntax_error),
        BAD(wrong_type),
        BAD(pass_score_high),
        BAD(pass_score_low),
        BAD(weight_negative),
        BAD(weights_zero),
        BAD(revoke_zero),
        BAD(revoke_decimal),
        BAD(inspection_rate),
        BAD(sample_rate),
        BAD(rectify_zero),
        BAD(rectify_high),
        BAD(bool_string),
        BAD(sign_days_zero),
        BAD(reply_days_high),
        BAD(category_missing),
        BAD(category_unknown_key),
        BAD(unknown_group),
        BAD(unknown_key),
        BAD(unknown_nested),
        BAD(not_a_group),
        BAD(bad_language),
        BAD(empty_account),
        BAD(bad_holiday),
        BAD(bad_workday),
        BAD(holiday_and_workday),
        BAD(weekday_workday),
        BAD(unknown_role),
        BAD(missing_role),
        BAD(duplicate_login),
        BAD(user_unknown_key),
        BAD(bad_scope),
        BAD(users_not_list),
        BAD(duplicate_category),
        BAD(no_categories),
        BAD(empty_checklist),
        BAD(checklist_no_items),
        BAD(bad_kind),
        BAD(bad_critical),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
