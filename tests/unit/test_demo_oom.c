/* The demo generator's text helpers once an allocation has failed: they
 * must not touch a buffer that was never allocated (the record is not
 * written then; g->oom ends the run with "out of memory"). The generator's
 * source is included to reach its static helpers. */
#include "../../src/domain/demo.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

static struct xf_check_item items[] = {
    {.label = "定量包装净含量", .critical = true},
    {.label = "标签标识", .critical = false},
};
static const struct xf_checklist sample_list = {
    .name = "sample", .kind = "sample", .items = items, .n_items = 2};

/* An earlier allocation failed: the findings buffers hold nothing. */
static void test_finding_line_after_failed_allocation(void **state)
{
    (void)state;
    struct gen g = {.oom = true};
    int no = 0;
    finding_line(&g, &no, 2, "标签标识：不合格");
    assert_null(g.s2.p);
    assert_true(g.oom);
    free(g.s2.p);
    free(g.s3.p);
}

static void test_findings_after_failed_allocation(void **state)
{
    (void)state;
    struct gen g = {.oom = true};
    struct iplan p = {.cl = &sample_list};
    p.outcome[0] = 'p';
    p.outcome[1] = 'f';
    p.r.samples_checked = 40;
    p.r.samples_failed = 2;
    const char *f = findings(&g, &p);
    assert_non_null(f);
    free(g.s2.p);
    free(g.s3.p);
}

/* With memory, the same plan reads as an inspector writes it, and its
 * rectification speaks of the label that failed. */
static void test_findings_and_note(void **state)
{
    (void)state;
    struct gen g = {0};
    struct iplan p = {.cl = &sample_list};
    p.outcome[0] = 'p';
    p.outcome[1] = 'f';
    p.r.samples_checked = 40;
    p.r.samples_failed = 2;
    assert_string_equal(findings(&g, &p),
                        "1.标签标识：不合格\n2.抽检定量包装米、面、油等40批次，不合格2批次");
    char *note = rectify_note(&g, &p);
    assert_non_null(note);
    assert_non_null(strstr(note, "标签"));
    assert_null(strstr(note, "公示"));
    free(note);
    p.outcome[1] = 'n';
    p.r.samples_failed = 0;
    assert_string_equal(findings(&g, &p), "1.抽检项目定量包装净含量均符合要求\n"
                                          "2.抽检定量包装米、面、油等40批次，不合格0批次");
    assert_false(g.oom);
    free(g.s2.p);
    free(g.s3.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finding_line_after_failed_allocation),
        cmocka_unit_test(test_findings_after_failed_allocation),
        cmocka_unit_test(test_findings_and_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
