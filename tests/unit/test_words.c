/* Shell-style word splitting for $SSH_ORIGINAL_COMMAND (xf/words.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "xf/words.h"

/* The words of s joined with '|', or "ERR" when refused. */
static const char *split(const char *s)
{
    static char out[256];
    char **w;
    int n;
    struct xf_error err = {0};
    if (xf_words_split(s, &w, &n, &err) != XF_OK)
        return "ERR";
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(out, "|");
        strcat(out, w[i]);
    }
    assert_null(w[n]);
    xf_words_free(w);
    return out;
}

static void test_plain(void **state)
{
    (void)state;
    assert_string_equal(split("xianfeng report complaints"), "xianfeng|report|complaints");
    assert_string_equal(split("  report \t pledges  "), "report|pledges");
    assert_string_equal(split(""), "");
    assert_string_equal(split("   "), "");
}

static void test_quotes(void **state)
{
    (void)state;
    /* as --remote quotes a word with a space, and a quote in a word */
    assert_string_equal(split("history --entity evaluation --id 'XFG-00001 2026Q3'"),
                        "history|--entity|evaluation|--id|XFG-00001 2026Q3");
    assert_string_equal(split("'it'\\''s'"), "it's");
    assert_string_equal(split("\"a \\\"b\\\" \\$c\""), "a \"b\" $c");
    assert_string_equal(split("\"a\\nb\""), "a\\nb"); /* \n stays in "" */
    assert_string_equal(split("a\\ b"), "a b");
    assert_string_equal(split("'' x"), "|x"); /* an empty word */
    assert_string_equal(split("'$(rm -rf /)'"), "$(rm -rf /)"); /* quoted: a word */
    assert_string_equal(split("报告 '投诉 列表'"), "报告|投诉 列表");
}

static void test_refused(void **state)
{
    (void)state;
    assert_string_equal(split("report 'complaints"), "ERR");
    assert_string_equal(split("report \"x"), "ERR");
    assert_string_equal(split("report; rm -rf /"), "ERR");
    assert_string_equal(split("report | mail"), "ERR");
    assert_string_equal(split("report > /etc/passwd"), "ERR");
    assert_string_equal(split("export $HOME"), "ERR");
    assert_string_equal(split("export `id`"), "ERR");
    assert_string_equal(split("report &"), "ERR");
    assert_string_equal(split("report\nid"), "ERR");
    struct xf_error err = {0};
    char **w = (char **)1;
    int n = 7;
    assert_int_equal(xf_words_split("a ; b", &w, &n, &err), XF_EINVAL);
    assert_null(w);
    assert_int_equal(n, 0);
    assert_non_null(strstr(err.msg, ";"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
