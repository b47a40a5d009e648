/* cmocka.h needs these headers first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "testutil.h"

#include <iconv.h>

#include "xf/csv.h"
#include "xf/error.h"

static struct xf_csv_reader *open_str(const char *s)
{
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    int rc = xf_csv_open_mem(s, strlen(s), &r, &err);
    if (rc != XF_OK)
        fail_msg("open failed: %s", err.msg);
    return r;
}

/* Reads the next record and checks its line and fields (NULL-terminated
 * list of expected values). */
static void expect_record(struct xf_csv_reader *r, long line, const char *const *want)
{
    char **f;
    size_t n, want_n = 0;
    struct xf_error err = {0};
    int rc = xf_csv_next(r, &f, &n, &err);
    if (rc != 1)
        fail_msg("expected a record at line %ld, got %d (%s)", line, rc, err.msg);
    while (want[want_n])
        want_n++;
    assert_int_equal(n, want_n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(f[i], want[i]);
    assert_int_equal(xf_csv_line(r), line);
}

static void expect_end(struct xf_csv_reader *r)
{
    char **f;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_next(r, &f, &n, &err), 0);
}

/* Reads until an error and returns it formatted ("line N: ..."). */
static const char *expect_error(struct xf_csv_reader *r, long line, char *buf, size_t size)
{
    char **f;
    size_t n;
    struct xf_error err = {0};
    int rc;
    while ((rc = xf_csv_next(r, &f, &n, &err)) == 1)
        ;
    assert_int_equal(rc, -1);
    assert_int_equal(err.code, XF_EINVAL);
    assert_int_equal(err.line, line);
    /* A failed reader keeps failing the same way. */
    struct xf_error again = {0};
    assert_int_equal(xf_csv_next(r, &f, &n, &again), -1);
    assert_int_equal(again.line, line);
    return xf_err_str(&err, buf, size);
}

/* Converts UTF-8 text to GB18030 (caller frees). */
static char *to_gb18030(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = 4 * in_left + 4, out_left = cap;
    char *out = malloc(cap), *in = (char *)utf8, *o = out;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *len = cap - out_left;
    return out;
}

static void test_simple(void **state)
{
    (void)state;
    struct xf_csv_reader *r = open_str("name,unit\n张三,城建委\n李四,税务局\n");
    assert_string_equal(xf_csv_encoding(r), "utf-8");
    expect_record(r, 1, (const char *[]){"name", "unit", NULL});
    expect_record(r, 2, (const char *[]){"张三", "城建委", NULL});
    expect_record(r, 3, (const char *[]){"李四", "税务局", NULL});
    expect_end(r);
    expect_end(r);
    xf_csv_close(r);
}

static void test_crlf_blank_lines_and_empty_fields(void **state)
{
    (void)state;
    struct xf_csv_reader *r = open_str("\r\na,b\r\n\r\n\n,,\r\nlast,\r\nno-eol");
    expect_record(r, 2, (const char *[]){"a", "b", NULL});
    expect_record(r, 5, (const char *[]){"", "", "", NULL});
    expect_record(r, 6, (const char *[]){"last", "", NULL});
    expect_record(r, 7, (const char *[]){"no-eol", NULL});
    expect_end(r);
    xf_csv_close(r);
}

/* Old Mac Excel ends lines with CR alone: read as lines, not as one. */
static void test_cr_only_lines(void **state)
{
    (void)state;
    struct xf_csv_reader *r = open_str("code,active\rC1,1\rC2,0\r");
    expect_record(r, 1, (const char *[]){"code", "active", NULL});
    expect_record(r, 2, (const char *[]){"C1", "1", NULL});
    expect_record(r, 3, (const char *[]){"C2", "0", NULL});
    expect_end(r);
    xf_csv_close(r);
}

static void test_quotes(void **state)
{
    (void)state;
    struct xf_csv_reader *r =
        open_str("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\n\" lead\",\"trail \"\n");
    expect_record(r, 1, (const char *[]){"a,b", "say \"hi\"", "", "plain", NULL});
    expect_record(r, 2, (const char *[]){" lead", "trail ", NULL});
    expect_end(r);
    xf_csv_close(r);
}

static void test_embedded_newlines_keep_line_numbers(void **state)
{
    (void)state;
    struct xf_csv_reader *r = open_str("id,text\n"
                                       "1,\"第一行\n第二行\n第三行\"\n"
                                       "2,\"windows\r\nnewline\"\r\n"
                                       "\n"
                                       "3,after\n");
    expect_record(r, 1, (const char *[]){"id", "text", NULL});
    expect_record(r, 2, (const char *[]){"1", "第一行\n第二行\n第三行", NULL});
    expect_record(r, 5, (const char *[]){"2", "windows\nnewline", NULL});
    expect_record(r, 8, (const char *[]){"3", "after", NULL});
    expect_end(r);
    xf_csv_close(r);
}

static void test_bom(void **state)
{
    (void)state;
    struct xf_csv_reader *r = open_str("\xEF\xBB\xBFname,unit\n张三,城建委\n");
    assert_string_equal(xf_csv_encoding(r), "utf-8-bom");
    expect_record(r, 1, (const char *[]){"name", "unit", NULL});
    expect_record(r, 2, (const char *[]){"张三", "城建委", NULL});
    expect_end(r);
    xf_csv_close(r);
}

static void test_gb18030(void **state)
{
    (void)state;
    size_t len;
    char *gb = to_gb18030("单位,部门\n哈尔滨市,城建委\n\"道里区,窗口\",\"说\"\"好\"\"\"\n", &len);
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open_mem(gb, len, &r, &err), XF_OK);
    assert_string_equal(xf_csv_encoding(r), "gb18030");
    expect_record(r, 1, (const char *[]){"单位", "部门", NULL});
    expect_record(r, 2, (const char *[]){"哈尔滨市", "城建委", NULL});
    expect_record(r, 3, (const char *[]){"道里区,窗口", "说\"好\"", NULL});
    expect_end(r);
    xf_csv_close(r);
    free(gb);
}

static void test_gb18030_file(void **state)
{
    (void)state;
    size_t len;
    char *gb = to_gb18030("哈尔滨市,城建委\r\n", &len);
    char *dir = tu_tmpdir();
    char *path = tu_write_file(dir, "gb.csv", gb, len);
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open(path, &r, &err), XF_OK);
    assert_string_equal(xf_csv_encoding(r), "gb18030");
    expect_record(r, 1, (const char *[]){"哈尔滨市", "城建委", NULL});
    expect_end(r);
    xf_csv_close(r);
    tu_rm_tree(dir);
    free(path);
    free(dir);
    free(gb);
}

/* GB18030 names that are, byte for byte, valid UTF-8 ("Ǯΰƽ" for 钱伟平)
 * are read as GB18030: they were imported as nonsense. Accented Latin
 * letters in UTF-8 stay UTF-8. */
static void test_gb18030_valid_as_utf8(void **state)
{
    (void)state;
    size_t len;
    char *gb = to_gb18030("code,name\r\nM1,钱伟平\r\nM2,魏雪梅\r\n", &len);
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open_mem(gb, len, &r, &err), XF_OK);
    assert_string_equal(xf_csv_encoding(r), "gb18030");
    expect_record(r, 1, (const char *[]){"code", "name", NULL});
    expect_record(r, 2, (const char *[]){"M1", "钱伟平", NULL});
    expect_record(r, 3, (const char *[]){"M2", "魏雪梅", NULL});
    expect_end(r);
    xf_csv_close(r);
    free(gb);
    static const char latin[] = "code,name\nM3,José Müller\nM4,Zoë\n";
    assert_int_equal(xf_csv_open_mem(latin, strlen(latin), &r, &err), XF_OK);
    assert_string_equal(xf_csv_encoding(r), "utf-8");
    expect_record(r, 1, (const char *[]){"code", "name", NULL});
    expect_record(r, 2, (const char *[]){"M3", "José Müller", NULL});
    xf_csv_close(r);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open("/nonexistent/x.csv", &r, &err), XF_EIO);
    assert_null(r);
    assert_non_null(strstr(err.msg, "/nonexistent/x.csv"));
}

static void test_not_utf8_nor_gb18030(void **state)
{
    (void)state;
    const char *bad = "code,text\nstill,ok\nbad,\xFF\xFF\n";
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open_mem(bad, strlen(bad), &r, &err), XF_EINVAL);
    assert_null(r);
    assert_int_equal(err.line, 3);
    char buf[600];
    /* named by the header's name of its column */
    assert_string_equal(xf_err_str(&err, buf, sizeof buf),
                        "line 3: text: not valid UTF-8 or GB18030");
    /* after a quoted field of two lines, whose comma is data: still by
     * the record's column */
    const char *multi = "code,\"te,xt\",trade\nA,\"x,\ny\",\xFF\xFF\n";
    assert_int_equal(xf_csv_open_mem(multi, strlen(multi), &r, &err), XF_EINVAL);
    assert_string_equal(xf_err_str(&err, buf, sizeof buf),
                        "line 3: trade: not valid UTF-8 or GB18030");
    /* in the header itself: by number */
    const char *bad_head = "code,\xFF\xFF\nstill,ok\n";
    assert_int_equal(xf_csv_open_mem(bad_head, strlen(bad_head), &r, &err), XF_EINVAL);
    assert_string_equal(xf_err_str(&err, buf, sizeof buf),
                        "line 1: column 2 is not valid UTF-8 or GB18030");
}

/* A GBK character pasted into a UTF-8 file: the file is UTF-8 with a bad
 * byte, not GB18030 (which would convert it all into nonsense). */
static void test_utf8_with_stray_gbk(void **state)
{
    (void)state;
    const char *text = "code,text\nA1,\xe5\x8a\x9e\xe7\x90\x86\xa1\xa1"
                       "\xe6\x97\xb6\xe9\x99\x90\n"; /* 办理, GBK's full-width space, 时限 */
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open_mem(text, strlen(text), &r, &err), XF_EINVAL);
    assert_null(r);
    char buf[600];
    assert_string_equal(xf_err_str(&err, buf, sizeof buf), "line 2: text: not valid UTF-8");
    /* GB18030 text is still read as such, here with a few characters
     * that happen to be valid UTF-8 too */
    size_t len;
    char *gb = to_gb18030("code,text\nA1,之之之,承诺时限内办结之事项\n", &len);
    assert_int_equal(xf_csv_open_mem(gb, len, &r, &err), XF_OK);
    assert_string_equal(xf_csv_encoding(r), "gb18030");
    xf_csv_close(r);
    free(gb);
}

static void test_bom_then_bad_utf8(void **state)
{
    (void)state;
    /* A file that says it is UTF-8 is not reread as GB18030. */
    size_t len;
    char *gb = to_gb18030("a\n哈尔滨\n", &len);
    char *buf = malloc(len + 3);
    memcpy(buf, "\xEF\xBB\xBF", 3);
    memcpy(buf + 3, gb, len);
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open_mem(buf, len + 3, &r, &err), XF_EINVAL);
    assert_int_equal(err.line, 2);
    free(buf);
    free(gb);
}

static void test_nul_byte(void **state)
{
    (void)state;
    const char data[] = "a,b\nc,d\ne\0f,g\n";
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_open_mem(data, sizeof data - 1, &r, &err), XF_EINVAL);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "NUL"));
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    struct xf_csv_reader *r = open_str("a,b\n1,\"open\nmore\nlines\n");
    char buf[600];
    expect_record(r, 1, (const char *[]){"a", "b", NULL});
    const char *msg = expect_error(r, 2, buf, sizeof buf);
    assert_true(strncmp(msg, "line 2: ", 8) == 0);
    xf_csv_close(r);
}

static void test_stray_quotes(void **state)
{
    (void)state;
    char buf[600];
    struct xf_csv_reader *r = open_str("a,b\nab\"c,d\n");
    expect_error(r, 2, buf, sizeof buf);
    assert_non_null(strstr(buf, "column 1"));
    assert_non_null(strstr(buf, "line 2: a: ")); /* the header's name for it */
    xf_csv_close(r);

    r = open_str("x\ny\n1,\"quoted\"tail\n");
    expect_error(r, 3, buf, sizeof buf);
    assert_non_null(strstr(buf, "column 2"));
    xf_csv_close(r);
}

static void test_field_too_long(void **state)
{
    (void)state;
    size_t big = XF_CSV_MAX_FIELD + 1;
    char *s = malloc(big + 16);
    strcpy(s, "h\nok,");
    memset(s + 5, 'x', big);
    strcpy(s + 5 + big, "\n");
    struct xf_csv_reader *r = open_str(s);
    char buf[600];
    expect_record(r, 1, (const char *[]){"h", NULL});
    expect_error(r, 2, buf, sizeof buf);
    assert_non_null(strstr(buf, "line 2"));
    assert_non_null(strstr(buf, "column 2"));
    xf_csv_close(r);
    /* A stray quote that swallows the lines after it: named where it
     * opened, as a quote not closed (it was named where the length ran
     * out, thousands of lines on). */
    size_t lines = XF_CSV_MAX_FIELD / 8 + 2;
    char *t = malloc(lines * 8 + 32), *p = t;
    p += sprintf(p, "h,i\nok,\"x\n");
    for (size_t i = 0; i < lines; i++)
        p += sprintf(p, "abc,def\n");
    r = open_str(t);
    expect_record(r, 1, (const char *[]){"h", "i", NULL});
    expect_error(r, 2, buf, sizeof buf);
    assert_non_null(strstr(buf, "quote opened in column 2 is not closed"));
    xf_csv_close(r);
    free(t);

    /* Exactly the limit is fine. */
    s[5 + XF_CSV_MAX_FIELD] = '\n';
    s[5 + XF_CSV_MAX_FIELD + 1] = '\0';
    r = open_str(s);
    char **f;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_next(r, &f, &n, &err), 1);
    assert_int_equal(xf_csv_next(r, &f, &n, &err), 1);
    assert_int_equal(strlen(f[1]), XF_CSV_MAX_FIELD);
    xf_csv_close(r);
    free(s);
}

static void test_too_many_fields(void **state)
{
    (void)state;
    size_t n_ok = XF_CSV_MAX_FIELDS;
    char *s = malloc(4 * (n_ok + 2) + 8);
    char *p = s;
    for (size_t i = 0; i < n_ok; i++)
        p += sprintf(p, "%s1", i ? "," : "");
    p += sprintf(p, "\n");
    for (size_t i = 0; i <= n_ok; i++)
        p += sprintf(p, "%s1", i ? "," : "");
    sprintf(p, "\n");

    struct xf_csv_reader *r = open_str(s);
    char **f;
    size_t n;
    struct xf_error err = {0};
    assert_int_equal(xf_csv_next(r, &f, &n, &err), 1);
    assert_int_equal(n, XF_CSV_MAX_FIELDS);
    char buf[600];
    expect_error(r, 2, buf, sizeof buf);
    xf_csv_close(r);
    free(s);
}

/* Writes rows with the writer, reads them back, compares. */
static void test_writer_round_trip(void **state)
{
    (void)state;
    const char *rows[][4] = {
        {"id", "unit", "text", "note"},
        {"1", "哈尔滨市,城建委", "他说\"不行\"", ""},
        {"2", " leading", "trailing ", "多行\n文本"},
        {"3", "plain", "a\rb", "end"},
    };
    char *mem = NULL;
    size_t mem_len = 0;
    FILE *f = open_memstream(&mem, &mem_len);
    for (size_t i = 0; i < 4; i++)
        xf_csv_write_row(f, rows[i], 4);
    fclose(f);
    assert_non_null(strstr(mem, "\"哈尔滨市,城建委\",\"他说\"\"不行\"\"\",\r\n"));
    assert_non_null(strstr(mem, "\" leading\",\"trailing \""));
    assert_true(strncmp(mem, "id,unit,text,note\r\n", 19) == 0);

    struct xf_csv_reader *r = open_str(mem);
    expect_record(r, 1, (const char *[]){rows[0][0], rows[0][1], rows[0][2], rows[0][3], NULL});
    expect_record(r, 2, (const char *[]){rows[1][0], rows[1][1], rows[1][2], rows[1][3], NULL});
    expect_record(r, 3, (const char *[]){rows[2][0], rows[2][1], rows[2][2], rows[2][3], NULL});
    expect_record(r, 5, (const char *[]){rows[3][0], rows[3][1], rows[3][2], rows[3][3], NULL});
    expect_end(r);
    xf_csv_close(r);
    free(mem);
}

static void test_writer_fields(void **state)
{
    (void)state;
    char *mem = NULL;
    size_t mem_len = 0;
    FILE *f = open_memstream(&mem, &mem_len);
    xf_csv_write_field(f, "a", 1);
    xf_csv_write_field(f, NULL, 0);
    xf_csv_write_field(f, "b c", 0);
    xf_csv_write_field(f, "\"", 0);
    xf_csv_end_row(f);
    fclose(f);
    assert_string_equal(mem, "a,,b c,\"\"\"\"\r\n");
    free(mem);
}

/* Cells a spreadsheet would run get an apostrophe; numbers, a lone "-"
 * and text that only contains such a character do not. */
static void test_writer_guards_formulas(void **state)
{
    (void)state;
    const char *in[] = {"=1+2", "+86 139", "-说明", "@王", "\tx", "-12.5", "+3", "-", "a=b",
                        "2026-11-28"};
    char *mem = NULL;
    size_t mem_len = 0;
    FILE *f = open_memstream(&mem, &mem_len);
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        xf_csv_write_field(f, in[i], i == 0);
    xf_csv_end_row(f);
    fclose(f);
    assert_string_equal(mem, "\"'=1+2\",\"'+86 139\",\"'-说明\",\"'@王\",\"'\tx\",-12.5,+3,-,a=b,"
                             "2026-11-28\r\n");
    free(mem);
}

/* To a terminal, a cell cannot drive it (an escape sequence, a C1
 * control, invalid UTF-8); a file gets the data as it is. */
static void test_writer_to_a_terminal(void **state)
{
    (void)state;
    const char *cell = "x\033]0;pwned\a\033[2J\xc2\x80y\n第二行\xff";
    char *mem[2] = {NULL, NULL};
    size_t len[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        FILE *f = open_memstream(&mem[i], &len[i]);
        xf_csv_terminal(i == 0 ? f : NULL);
        xf_csv_write_field(f, "a", 1);
        xf_csv_write_field(f, cell, 0);
        xf_csv_end_row(f);
        fclose(f);
    }
    xf_csv_terminal(NULL);
    assert_string_equal(mem[0], "a,\"xy\n第二行\xef\xbf\xbd\"\r\n");
    assert_null(strchr(mem[0], '\033'));
    assert_int_equal(len[1], strlen("a,\"\"\r\n") + strlen(cell));
    assert_non_null(strstr(mem[1], cell));
    free(mem[0]);
    free(mem[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_crlf_blank_lines_and_empty_fields),
        cmocka_unit_test(test_cr_only_lines),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_gb18030_file),
        cmocka_unit_test(test_gb18030_valid_as_utf8),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_not_utf8_nor_gb18030),
        cmocka_unit_test(test_utf8_with_stray_gbk),
        cmocka_unit_test(test_bom_then_bad_utf8),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quotes),
        cmocka_unit_test(test_field_too_long),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_writer_round_trip),
        cmocka_unit_test(test_writer_fields),
        cmocka_unit_test(test_writer_guards_formulas),
        cmocka_unit_test(test_writer_to_a_terminal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
