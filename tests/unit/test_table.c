/* Report tables as aligned text: display widths (CJK two cells), cells
 * cleaned of terminal controls before they are measured, numbers
 * right-aligned, the last text column unpadded. */
/* cmocka.h needs these headers first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/table.h"

static void assert_prints(const struct xf_table *t, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    xf_table_print_text(t, f);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_text_aligns_by_display_width(void **state)
{
    (void)state;
    struct xf_table t;
    const char *names[] = {"code", "名称", "n", "note", NULL};
    assert_int_equal(xf_table_init(&t, "标题\x1b[31m", names), 0);
    xf_table_numeric(&t, 2);
    const char *r1[] = {"A1", "市城建委", "11", "plain"};
    /* combining accent, a bidi override, a tab */
    const char *r2[] = {"B22", "e\xCC\x81\xE2\x80\xAE!", "7", "x\ty"};
    /* an escape sequence, invalid UTF-8, empty cells */
    const char *r3[] = {"\x1b[2JC", "\xFF\xFE", "", ""};
    const char *r4[] = {NULL, "宽字符很长的名称", "100.0", "最后"};
    assert_int_equal(xf_table_add(&t, r1), 0);
    assert_int_equal(xf_table_add(&t, r2), 0);
    assert_int_equal(xf_table_add(&t, r3), 0);
    assert_int_equal(xf_table_add(&t, r4), 0);
    assert_prints(&t, "标题\n"
                      "code  名称                  n  note\n"
                      "A1    市城建委             11  plain\n"
                      "B22   e\xCC\x81!                    7  x y\n"
                      "C     \xEF\xBF\xBD\xEF\xBF\xBD                       \n"
                      "      宽字符很长的名称  100.0  最后\n");
    xf_table_free(&t);
}

static void test_text_numeric_last_column_is_padded(void **state)
{
    (void)state;
    struct xf_table t;
    const char *names[] = {"单位", "rate %", NULL};
    assert_int_equal(xf_table_init(&t, "", names), 0);
    xf_table_numeric(&t, 1);
    const char *s1[] = {"审批处", "80.0"};
    const char *s2[] = {"a\x7f\xC2\x9B"
                        "1mb",
                        "-"}; /* DEL dropped, a C1 CSI with its parameters */
    assert_int_equal(xf_table_add(&t, s1), 0);
    assert_int_equal(xf_table_add(&t, s2), 0);
    assert_prints(&t, "单位    rate %\n"
                      "审批处    80.0\n"
                      "ab           -\n");
    xf_table_free(&t);
}

static void test_text_empty_table(void **state)
{
    (void)state;
    struct xf_table t;
    const char *names[] = {"a", "bb", NULL};
    assert_int_equal(xf_table_init(&t, "T", names), 0);
    assert_prints(&t, "T\na  bb\n");
    xf_table_free(&t);
}

static void assert_like_printf(double v)
{
    char want[400], got[400];
    snprintf(want, sizeof want, "%.1f", v);
    assert_string_equal(xf_table_decimal1(v, got, sizeof got), want);
}

/* Byte for byte what printf writes, ties and all: every rate a report of
 * up to 600 records can show, and values at the edges. */
static void test_decimal1_is_printf(void **state)
{
    (void)state;
    for (long den = 1; den <= 600; den++)
        for (long num = 0; num <= den; num++)
            assert_like_printf(100.0 * (double)num / (double)den);
    static const double edges[] = {0.0,   -0.0,   0.05,   0.15,  0.25,    0.35,     0.45,
                                   0.95,  99.95,  99.96,  1e-300, 12.25,  -1.25,   -0.04,
                                   1e14 + 0.05, 123456789.75, 9.999e16, 2e17, 1e300,
                                   1.0 / 3.0, 2.0 / 3.0, INFINITY, -INFINITY, NAN};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        assert_like_printf(edges[i]);
}

/* Scores and their means to two decimals, half up: 549 / 8 = 68.625 is
 * 68.63 (printf's half to even gave 68.62, beside SQLite's round()). */
static void test_round2_half_up(void **state)
{
    (void)state;
    char got[32];
    snprintf(got, sizeof got, "%.2f", xf_table_round2(549.0 / 8));
    assert_string_equal(got, "68.63");
    snprintf(got, sizeof got, "%.2f", xf_table_round2(-0.125));
    assert_string_equal(got, "-0.13");
    for (long den = 1; den <= 64; den++)
        for (long num = 0; num <= 100 * den; num += 7) {
            long hundredths = (200 * num + den) / (2 * den); /* half up, exactly */
            char want[32];
            snprintf(want, sizeof want, "%ld.%02ld", hundredths / 100, hundredths % 100);
            snprintf(got, sizeof got, "%.2f", xf_table_round2((double)num / (double)den));
            assert_string_equal(got, want);
        }
}

/* Rates of counts round as people round them: 39 of 48 kept is 81.25%,
 * shown 81.3 (printf's half to even gave 81.2); 47 of 20 is 235%, 2.35 a
 * tie the division misses. Every num/den up to 600 agrees with exact
 * integer rounding. */
static void test_round1_half_up(void **state)
{
    (void)state;
    char got[32];
    assert_string_equal(xf_table_decimal1(xf_table_round1(100.0 * 39 / 48), got, sizeof got),
                        "81.3");
    assert_string_equal(xf_table_decimal1(xf_table_round1(100.0 * 47 / 2000), got, sizeof got),
                        "2.4");
    assert_string_equal(xf_table_decimal1(xf_table_round1(-12.25), got, sizeof got), "-12.3");
    for (long den = 1; den <= 600; den++)
        for (long num = 0; num <= den; num++) {
            long tenths = (2000 * num + den) / (2 * den); /* half up, exactly */
            char want[32];
            snprintf(want, sizeof want, "%ld.%ld", tenths / 10, tenths % 10);
            xf_table_decimal1(xf_table_round1(100.0 * (double)num / (double)den), got,
                              sizeof got);
            assert_string_equal(got, want);
        }
}

/* A missing figure is "-" in text and an empty cell in CSV; a text
 * column keeps its "-". */
static void test_csv_missing_figure_is_empty(void **state)
{
    (void)state;
    struct xf_table t;
    const char *names[] = {"unit", "rate %", NULL};
    assert_int_equal(xf_table_init(&t, "t", names), 0);
    xf_table_numeric(&t, 1);
    assert_int_equal(xf_table_addf(&t, "A\t-"), 0);
    assert_int_equal(xf_table_addf(&t, "-\t50.0"), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    xf_table_print_csv(&t, f);
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, "unit,rate %\r\nA,\r\n-,50.0\r\n");
    free(buf);
    xf_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_aligns_by_display_width),
        cmocka_unit_test(test_text_numeric_last_column_is_padded),
        cmocka_unit_test(test_text_empty_table),
        cmocka_unit_test(test_decimal1_is_printf),
        cmocka_unit_test(test_round1_half_up),
        cmocka_unit_test(test_round2_half_up),
        cmocka_unit_test(test_csv_missing_figure_is_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
