/* cmocka.h needs these headers first, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */

#include "testutil.h"

#include "xf/error.h"
#include "xf/text.h"

/* Sanitises s and compares with want. */
static void check_clean(const char *s, bool keep_newlines, const char *want)
{
    char *got = xf_text_sanitize(s, keep_newlines);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_false(xf_text_has_controls(got) && !keep_newlines);
    free(got);
}

/* The character refused and where: U+202E after "abc" is the 4th
 * character, however many bytes came before. */
static void test_find_control_char(void **state)
{
    (void)state;
    unsigned cp = 0;
    size_t pos = 0, byte = 0;
    assert_false(xf_text_find_control_char("市城建委 窗口", false, &cp, &pos, &byte));
    assert_true(xf_text_find_control_char("abc\u202eevil", true, &cp, &pos, &byte));
    assert_int_equal(cp, 0x202E);
    assert_int_equal(pos, 4);
    assert_int_equal(byte, 3);
    assert_true(xf_text_find_control_char("张三\x1b[31m", false, &cp, &pos, &byte));
    assert_int_equal(cp, 0x1B);
    assert_int_equal(pos, 3);
    assert_int_equal(byte, 6);
    /* a line break only where the text is one line */
    assert_false(xf_text_find_control_char("第一行\n第二行", true, &cp, &pos, NULL));
    assert_true(xf_text_find_control_char("第一行\n第二行", false, &cp, &pos, NULL));
    assert_int_equal(pos, 4);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(xf_utf8_valid("", 0));
    assert_true(xf_utf8_valid("abc", 3));
    assert_true(xf_utf8_valid("哈尔滨", strlen("哈尔滨")));
    assert_true(xf_utf8_valid("\xF0\x9F\x98\x80", 4));  /* U+1F600 */
    assert_true(xf_utf8_valid("\xF4\x8F\xBF\xBF", 4));  /* U+10FFFF */
    assert_false(xf_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(xf_utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
    assert_false(xf_utf8_valid("\xF0\x80\x80\xAF", 4)); /* overlong */
    assert_false(xf_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(xf_utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_false(xf_utf8_valid("\xF5\x80\x80\x80", 4));
    assert_false(xf_utf8_valid("\xE5\x93", 2)); /* truncated */
    assert_false(xf_utf8_valid("\x80", 1));     /* lone continuation */
    assert_false(xf_utf8_valid("\xFF\xFE", 2));
    assert_false(xf_utf8_valid("a\xE5"
                               "b",
                               3));
}

static void test_utf8_decode_encode(void **state)
{
    (void)state;
    unsigned cp;
    assert_int_equal(xf_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(xf_utf8_decode("哈", 3, &cp), 3);
    assert_int_equal(cp, 0x54C8);
    assert_int_equal(xf_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* Malformed: U+FFFD, one byte consumed. */
    assert_int_equal(xf_utf8_decode("\xE5\x93"
                                    "a",
                                    3, &cp),
                     1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(xf_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    /* The length bound is respected even when more bytes follow. */
    assert_int_equal(xf_utf8_decode("哈", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);

    unsigned samples[] = {0x41, 0xE9, 0x54C8, 0xFFFD, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char b[4];
        size_t n = xf_utf8_encode(samples[i], b);
        assert_true(xf_utf8_valid(b, n));
        assert_int_equal(xf_utf8_decode(b, n, &cp), n);
        assert_int_equal(cp, samples[i]);
    }
    char b[4];
    assert_int_equal(xf_utf8_encode(0xD800, b), 3); /* surrogate → U+FFFD */
    assert_memory_equal(b, "\xEF\xBF\xBD", 3);
}

static void test_cp_width(void **state)
{
    (void)state;
    assert_int_equal(xf_cp_width('a'), 1);
    assert_int_equal(xf_cp_width(0xE9), 1);   /* é */
    assert_int_equal(xf_cp_width(0x54C8), 2); /* 哈 */
    assert_int_equal(xf_cp_width(0x4E00), 2); /* 一 */
    assert_int_equal(xf_cp_width(0x9FA5), 2);
    assert_int_equal(xf_cp_width(0x3400), 2);  /* Ext. A */
    assert_int_equal(xf_cp_width(0x20000), 2); /* Ext. B */
    assert_int_equal(xf_cp_width(0xAC00), 2);  /* 가 */
    assert_int_equal(xf_cp_width(0x1100), 2);  /* Hangul initial */
    assert_int_equal(xf_cp_width(0x3042), 2);  /* あ */
    assert_int_equal(xf_cp_width(0x30A2), 2);  /* ア */
    assert_int_equal(xf_cp_width(0xFF21), 2);  /* Ａ */
    assert_int_equal(xf_cp_width(0xFF0C), 2);  /* ， */
    assert_int_equal(xf_cp_width(0xFF61), 1);  /* halfwidth ｡ */
    assert_int_equal(xf_cp_width(0x3000), 2);  /* ideographic space */
    assert_int_equal(xf_cp_width(0x3001), 2);  /* 、 */
    assert_int_equal(xf_cp_width(0x3002), 2);  /* 。 */
    assert_int_equal(xf_cp_width(0x300A), 2);  /* 《 */
    assert_int_equal(xf_cp_width(0x1F600), 2); /* 😀 */
    assert_int_equal(xf_cp_width(0x1F44D), 2); /* 👍 */
    assert_int_equal(xf_cp_width(0x1F914), 2); /* 🤔 */
    assert_int_equal(xf_cp_width(0x0301), 0);  /* combining acute */
    assert_int_equal(xf_cp_width(0x302A), 0);  /* ideographic tone mark */
    assert_int_equal(xf_cp_width(0x200B), 0);
    assert_int_equal(xf_cp_width(0xFEFF), 0);
    assert_int_equal(xf_cp_width(0xFE0F), 0); /* variation selector */
    assert_int_equal(xf_cp_width(0), 0);
    assert_int_equal(xf_cp_width(0x1B), 0);
    assert_int_equal(xf_cp_width(0x7F), 0);
    assert_int_equal(xf_cp_width(0x9B), 0);
    assert_int_equal(xf_cp_width(0x2026), 1); /* … */
    assert_int_equal(xf_cp_width(0xFFFD), 1);
}

static void test_text_width(void **state)
{
    (void)state;
    assert_int_equal(xf_text_width(NULL), 0);
    assert_int_equal(xf_text_width(""), 0);
    assert_int_equal(xf_text_width("abc"), 3);
    assert_int_equal(xf_text_width("哈尔滨市城建委"), 14);
    assert_int_equal(xf_text_width("A区3号窗口"), 10);
    assert_int_equal(xf_text_width("e\xCC\x81"), 1); /* e + combining */
    assert_int_equal(xf_text_width("ab\xFF"
                                   "c"),
                     4);                            /* bad byte = 1 */
    assert_int_equal(xf_text_width("\xE5\x93"), 2); /* two bad bytes */
}

static void test_sanitize_plain(void **state)
{
    (void)state;
    check_clean(NULL, false, "");
    check_clean("", false, "");
    check_clean("哈尔滨市 城建委", false, "哈尔滨市 城建委");
    check_clean("a\tb", false, "a b");
    check_clean("a\nb", false, "a b");
    check_clean("a\nb", true, "a\nb");
    check_clean("a\r\nb", true, "a\nb");
    check_clean("a\r\nb", false, "a b");
}

static void test_sanitize_c0_del(void **state)
{
    (void)state;
    check_clean("ding\adong", false, "dingdong"); /* BEL */
    check_clean("abc\b\b\bxyz", false, "abcxyz"); /* BS */
    check_clean("fake\roverwrite", false, "fakeoverwrite");
    check_clean("a\x7F"
                "b",
                false, "ab"); /* DEL */
    check_clean("a\x01\x02\x1F"
                "b",
                false, "ab");
}

static void test_sanitize_csi(void **state)
{
    (void)state;
    check_clean("x\x1B[2Jy", false, "xy");
    check_clean("\x1B[1;31mred\x1B[0m", false, "red");
    check_clean("\x1B[?1049h投诉", false, "投诉");
    /* A broken CSI ends at the first byte that cannot belong to it. */
    check_clean("\x1B[12哈", false, "哈");
    check_clean("end\x1B", false, "end");
    check_clean("end\x1B[", false, "end");
}

static void test_sanitize_osc(void **state)
{
    (void)state;
    /* OSC 8 hyperlink, ST-terminated: the link text stays, the URL goes. */
    check_clean("\x1B]8;;http://evil.example/\x1B\\click\x1B]8;;\x1B\\", false, "click");
    /* OSC 52 writes the clipboard; BEL-terminated. */
    check_clean("a\x1B]52;c;cm0gLXJmIH4=\x07"
                "b",
                false, "ab");
    /* Window title. */
    check_clean("\x1B]0;pwned\x07ok", false, "ok");
    /* Unterminated: swallowed to the end, as the terminal would. */
    check_clean("ok\x1B]0;title without end", false, "ok");
    /* An ESC inside ends the string and is a sequence of its own. */
    check_clean("\x1B]0;t\x1B[2Jz", false, "z");
}

static void test_sanitize_dcs_and_others(void **state)
{
    (void)state;
    check_clean("a\x1BP1$r0m\x1B\\b", false, "ab");                /* DCS */
    check_clean("a\x1BPq#0;2;0;0;0\x07still\x1B\\b", false, "ab"); /* BEL no end */
    check_clean("a\x1BXsos\x1B\\b", false, "ab");                  /* SOS */
    check_clean("a\x1B^pm\x1B\\b", false, "ab");                   /* PM */
    check_clean("a\x1B_apc\x1B\\b", false, "ab");                  /* APC */
    check_clean("a\x1B"
                "cb",
                false, "ab");             /* RIS */
    check_clean("a\x1B(Bb", false, "ab"); /* charset */
    check_clean("a\x1B#8b", false, "ab"); /* DECALN */
    check_clean("a\x1B"
                "7b\x1B"
                "8",
                false, "ab"); /* save/restore */
}

static void test_sanitize_c1(void **state)
{
    (void)state;
    /* U+009B is a one-character CSI: it and its parameters go. */
    check_clean("x\xC2\x9B"
                "2Jy",
                false, "xy");
    check_clean("\xC2\x9B"
                "31m红\xC2\x9B"
                "0m",
                false, "红");
    /* U+009D is a one-character OSC, ended by BEL or U+009C. */
    check_clean("a\xC2\x9D"
                "52;c;AAAA\x07"
                "b",
                false, "ab");
    check_clean("a\xC2\x9D"
                "0;t\xC2\x9C"
                "b",
                false, "ab");
    check_clean("a\xC2\x90"
                "dcs\xC2\x9C"
                "b",
                false, "ab"); /* U+0090 DCS */
    check_clean("a\xC2\x85"
                "b",
                false, "ab"); /* NEL */
    check_clean("a\xC2\x80\xC2\x81\xC2\x99"
                "b",
                false, "ab");
    check_clean("a\xC2\x9F"
                "apc\xC2\x9C"
                "b",
                false, "ab");                         /* U+009F APC */
    check_clean("caf\xC3\xA9", false, "caf\xC3\xA9"); /* U+00E9 stays */
    /* A raw 0x9B byte is not UTF-8: it is shown as U+FFFD. */
    check_clean("a\x9B"
                "b",
                false,
                "a\xEF\xBF\xBD"
                "b");
}

static void test_sanitize_bidi_zero_width(void **state)
{
    (void)state;
    check_clean("abc\xE2\x80\xAE"
                "fdp.exe",
                false, "abcfdp.exe"); /* U+202E */
    check_clean("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD"
                "x",
                false, "x");
    check_clean("\xE2\x81\xA6"
                "a\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9",
                false, "a");
    check_clean("\xE2\x80\x8E"
                "a\xE2\x80\x8F"
                "b\xD8\x9C",
                false, "ab");                       /* LRM RLM ALM */
    check_clean("张\xE2\x80\x8B三", false, "张三"); /* ZWSP */
    check_clean("a\xE2\x80\x8C\xE2\x80\x8D"
                "b",
                false, "ab"); /* ZWNJ ZWJ */
    check_clean("a\xE2\x81\xA0"
                "b",
                false, "ab"); /* WJ */
    check_clean("\xEF\xBB\xBF"
                "abc",
                false, "abc"); /* BOM */
    check_clean("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", false, "a b c"); /* LS PS */
    check_clean("a\xE2\x80\xA8" "b", true, "a\nb");
}

static void test_sanitize_invalid_utf8(void **state)
{
    (void)state;
    check_clean("a\xFF"
                "b",
                false,
                "a\xEF\xBF\xBD"
                "b");
    check_clean("\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD");
    check_clean("\xED\xA0\x80", false, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    check_clean("哈\xE5\x93", false, "哈\xEF\xBF\xBD\xEF\xBF\xBD");
    /* The worst case grows every byte to three. */
    char *got = xf_text_sanitize("\xFF\xFF\xFF\xFF", false);
    assert_int_equal(strlen(got), 12);
    free(got);
}

static void test_has_controls(void **state)
{
    (void)state;
    assert_false(xf_text_has_controls(NULL));
    assert_false(xf_text_has_controls("哈尔滨市 城建委 café"));
    assert_true(xf_text_has_controls("a\x1B[2J"));
    assert_true(xf_text_has_controls("a\nb"));
    assert_true(xf_text_has_controls("a\tb"));
    assert_true(xf_text_has_controls("a\x7F"));
    assert_true(xf_text_has_controls("a\xC2\x9B"));
    assert_true(xf_text_has_controls("a\xE2\x80\xAE"));
    assert_true(xf_text_has_controls("a\xE2\x80\x8B"));
    assert_true(xf_text_has_controls("a\xFF"));
}

/* The fused check-and-measure agrees with checking, then measuring. */
static void test_clean_width(void **state)
{
    (void)state;
    static const char *const samples[] = {
        "", "abc", "哈尔滨市城建委", "A区3号窗口", "e\xCC\x81", "café 一二三", "\xF0\xA0\x80\x80",
        "\xEF\xBC\xA1", "\xE3\x80\xBF", "a\x1B[2J", "a\nb", "a\tb", "a\x7F", "a\xC2\x9B",
        "a\xE2\x80\xAE", "a\xE2\x80\x8B", "a\xFF", "\xE5\x93", "\xED\xA0\x80", "~ \x01",
    };
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const char *s = samples[i];
        assert_int_equal(xf_text_clean_width(s),
                         xf_text_has_controls(s) ? -1 : xf_text_width(s));
    }
    assert_int_equal(xf_text_clean_width(NULL), 0);
    assert_int_equal(xf_text_clean_width("哈尔滨 city"), 11);
    assert_int_equal(xf_text_clean_width("\x1B[31mred"), -1);
    /* Line and paragraph separators: the sanitiser makes them a space, so
     * they are not clean (drawn as they are, a terminal may move a line). */
    assert_int_equal(xf_text_clean_width("A\xE2\x80\xA8" "B"), -1);
    assert_true(xf_text_has_controls("A\xE2\x80\xA9" "B"));
}

/* Fits s into width cells and checks the text and the cells. */
static void check_fit(const char *s, int width, bool pad, const char *want, int want_cells)
{
    char out[256];
    int cells = xf_text_fit(s, width, pad, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(cells, want_cells);
    assert_int_equal(xf_text_width(out), want_cells);
    assert_true(xf_utf8_valid(out, strlen(out)));
}

static void test_fit_short(void **state)
{
    (void)state;
    check_fit("abc", 5, false, "abc", 3);
    check_fit("abc", 5, true, "abc  ", 5);
    check_fit("abc", 3, false, "abc", 3);
    check_fit("哈尔滨", 6, false, "哈尔滨", 6);
    check_fit("哈尔滨", 7, true, "哈尔滨 ", 7);
    check_fit("", 3, true, "   ", 3);
    check_fit(NULL, 2, true, "  ", 2);
    check_fit("abc", 0, true, "", 0);
    check_fit("e\xCC\x81", 1, false, "e\xCC\x81", 1);
}

static void test_fit_truncates_with_ellipsis(void **state)
{
    (void)state;
    check_fit("abcdef", 4, false, "abc…", 4);
    check_fit("abcdef", 4, true, "abc…", 4);
    check_fit("abcdef", 1, false, "…", 1);
    check_fit("哈尔滨市城建委", 7, false, "哈尔滨…", 7);
    check_fit("哈尔滨市城建委", 9, true, "哈尔滨市…", 9);
}

static void test_fit_wide_at_boundary(void **state)
{
    (void)state;
    /* 3 cells before the ellipsis: 哈 (2) fits, 尔 would straddle; the
     * ellipsis follows 哈 directly and padding takes the spare cell. */
    check_fit("哈尔滨市", 4, false, "哈…", 3);
    check_fit("哈尔滨市", 4, true, "哈… ", 4);
    check_fit("a哈尔", 3, false, "a…", 2);
    check_fit("哈尔", 2, true, "… ", 2);
    /* Never a split character, whatever the width. */
    const char *s = "先锋岗A窗口：投诉😀处理";
    for (int w = 1; w <= xf_text_width(s) + 2; w++) {
        char out[128];
        int cells = xf_text_fit(s, w, true, out, sizeof out);
        assert_int_equal(cells, w);
        assert_int_equal(xf_text_width(out), w);
        assert_true(xf_utf8_valid(out, strlen(out)));
        if (w < xf_text_width(s))
            assert_non_null(strstr(out, "…"));
        else
            assert_null(strstr(out, "…"));
    }
}

static void test_blank(void **state)
{
    (void)state;
    assert_true(xf_text_blank(NULL));
    assert_true(xf_text_blank(""));
    assert_true(xf_text_blank(" \t\r\n"));
    assert_true(xf_text_blank("\u3000\u00a0\u200b\ufeff")); /* ideographic, no-break, zero-width */
    assert_false(xf_text_blank(" x "));
    assert_false(xf_text_blank("\u3000答\u3000"));
    assert_false(xf_text_blank("\xff")); /* invalid bytes are not white space */
}

/* As stored, whole: no prefix, case or NULL passes for a kind. */
static void test_one_of(void **state)
{
    (void)state;
    static const char *const kinds[] = {"method", "fee", NULL};
    assert_true(xf_text_one_of("fee", kinds));
    assert_false(xf_text_one_of("fe", kinds));
    assert_false(xf_text_one_of("Fee", kinds));
    assert_false(xf_text_one_of(NULL, kinds));
    assert_false(xf_text_one_of("fee", (const char *const[]){NULL}));
}

/* NULL reads as ""; any string, blank or not, comes back as it is. */
static void test_or_empty(void **state)
{
    (void)state;
    static const char text[] = "  ";
    assert_string_equal(xf_text_or_empty(NULL), "");
    assert_ptr_equal(xf_text_or_empty(text), text);
    assert_string_equal(xf_text_or_empty("服务窗口"), "服务窗口");
}

static void test_wrap_line(void **state)
{
    (void)state;
    /* a comma after Chinese text is not put at the start of a line */
    assert_int_equal(xf_text_wrap_line("收费问题, reply", 8), strlen("收费问"));
    assert_int_equal(xf_text_wrap_line("", 10), 0);
    assert_int_equal(xf_text_wrap_line("short", 10), 5);
    /* at the last space in the line's second half */
    assert_int_equal(xf_text_wrap_line("the date must be after", 12), 9); /* "the date " */
    /* no such space: mid-word */
    assert_int_equal(xf_text_wrap_line("abcdefghijklmnop", 5), 5);
    /* Chinese: 2 cells each, never split; a wide character alone at width 1 */
    assert_int_equal(xf_text_wrap_line("整改期限必须晚于检查日期", 7), 9); /* three characters */
    assert_int_equal(xf_text_wrap_line("整改", 1), 3);
    /* a date (or code, or phone number) after Chinese text stays whole */
    assert_int_equal(xf_text_wrap_line("命名于2026-05-04", 12), 9); /* "命名于" */
    assert_int_equal(xf_text_wrap_line("委员会，2026-05-04）", 14), 12); /* "委员会，" */
    /* no line starts with closing punctuation or ends with opening */
    assert_int_equal(xf_text_wrap_line("整改期限，必须", 8), 9); /* "整改期" */
    assert_int_equal(xf_text_wrap_line("已命名（市委）", 8), 9);  /* "已命名" */
    /* a number stays with its measure word: "压缩至15" | "个…" split them */
    assert_int_equal(xf_text_wrap_line("压缩至15个工作日", 8), 9); /* "压缩至" */
    /* no Chinese character left alone on the last line: "处理" | "完毕" */
    assert_int_equal(xf_text_wrap_line("处理完毕", 6), strlen("处理"));
    assert_int_equal(xf_text_wrap_line("已按时处理完毕", 12), strlen("已按时处理"));
    /* ... unless this line would keep only one */
    assert_int_equal(xf_text_wrap_line("处理完", 4), strlen("处理"));
    assert_int_equal(xf_text_wrap_line("abcdef", 5), 5);
}

static void test_fit_small_buffer(void **state)
{
    (void)state;
    char out[8];
    /* The buffer, not the width, is the limit: still valid UTF-8, still
     * marked as cut. */
    int cells = xf_text_fit("哈尔滨市城建委", 20, false, out, sizeof out);
    assert_string_equal(out, "哈…");
    assert_int_equal(cells, 3);
    char tiny[2];
    cells = xf_text_fit("哈尔滨", 6, false, tiny, sizeof tiny);
    assert_string_equal(tiny, "");
    assert_int_equal(cells, 0);
}

static void test_control_chars(void **state)
{
    (void)state;
    assert_false(xf_text_has_control_chars(NULL, false));
    assert_false(xf_text_has_control_chars("市城建委 窗口", false));
    assert_true(xf_text_has_control_chars("A\x1b]52;c;SGVsbG8=\aB", true)); /* OSC 52 */
    assert_true(xf_text_has_control_chars("A\x1b[2JB", true));
    assert_true(xf_text_has_control_chars("A\x7f", true));
    assert_true(xf_text_has_control_chars("A\xc2\x9b" "2J", true)); /* C1 CSI */
    assert_true(xf_text_has_control_chars("\xe2\x80\xae" "abc", false)); /* U+202E */
    assert_true(xf_text_has_control_chars("第一行\n第二行", false));
    assert_false(xf_text_has_control_chars("第一行\r\n第二行\t", true));
    assert_false(xf_text_has_control_chars("\xe2\x80\x8b", false)); /* zero width: kept */
    assert_true(xf_text_has_control_chars("a\xe2\x80\x8f" "b", true)); /* RLM */
    assert_true(xf_text_has_control_chars("a\xe2\x80\x8e" "b", false)); /* LRM */
    assert_true(xf_text_has_control_chars("a\xd8\x9c" "b", true)); /* ALM */
    assert_true(xf_text_has_control_chars("a\xe2\x80\xa8" "b", true)); /* LINE SEPARATOR */
    assert_true(xf_text_has_control_chars("a\xe2\x80\xa9" "b", false)); /* PARAGRAPH SEP. */
}

static void expect_elided(const char *line, int width, const char *want)
{
    char *got = xf_text_elide_line(line, XF_UNIT_SEP, width);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_true(xf_text_width(got) <= width);
    free(got);
}

/* A unit's line keeps its department and its own name as the column
 * narrows: "第1号窗口" alone names a window in every department. */
static void test_elide_line(void **state)
{
    (void)state;
    static const char line[] = "市文旅局 \u203a 服务大厅 \u203a 第1号窗口";
    expect_elided(line, 40, line);                                  /* fits: whole */
    expect_elided(line, 18, "市文旅局\u2026第1号窗口");             /* middle left out */
    expect_elided(line, 14, "市文\u2026第1号窗口");                 /* department cut */
    expect_elided(line, 12, "第1号窗口");                           /* too narrow for both */
    /* Nothing left out: the separator stays, without its spaces. */
    expect_elided("市住建局 \u203a 审批处", 15, "市住建局\u203a审批处");
    expect_elided("市社保中心 \u203a 服务大厅", 19, "市社保中心\u203a服务大厅");
    expect_elided("市社保中心 \u203a 服务大厅", 18, "市社保中\u2026服务大厅");
    expect_elided("市建设工程质量监督站 \u203a 审批处", 24, "市建设工程质量监\u2026审批处");
    /* A post's title, then a unit of one name: the unit stays too. */
    static const char place[] = "综合受理先锋岗 \u00b7 阿城区";
    expect_elided(place, 23, place);
    expect_elided(place, 21, "综合受理先锋岗\u00b7阿城区");
    expect_elided(place, 16, "综合受理\u2026阿城区"); /* was "综合受理先锋岗 …" */
    expect_elided(place, 8, "综合受\u2026");          /* no room for both: the title */
    expect_elided("道路运输许可先锋岗 \u00b7 市邮政管理局", 16, "道路运输许可先\u2026");
    expect_elided("道路运输许可先锋岗 \u00b7 市邮政管理局", 17, "道路\u2026市邮政管理局");
    /* With a unit's line, its names are what is shortened: the title
     * gives way to the department and the unit's own name, which say
     * whose post ("治安许可…审批处" joined a title to a unit). */
    static const char post[] = "治安许可先锋岗 \u00b7 市公安局 \u203a 审批处";
    expect_elided(post, 16, "市公安局\u203a审批处");
    expect_elided(post, 24, "治安许可\u2026市公安局\u203a审批处");
    expect_elided(post, 29, "治安许可先锋\u2026市公安局\u203a审批处"); /* never joined bare */
    expect_elided(post, 30, "治安许可先锋岗\u00b7市公安局\u203a审批处");
    expect_elided(post, 31, "治安许可先锋岗\u00b7市公安局\u203a审批处");
    expect_elided("不动产登记先锋岗 \u00b7 市不动产登记中心 \u203a 服务大厅 \u203a 第2号窗口", 20,
                  "市不动产登\u2026第2号窗口");
    expect_elided(line, 8, "第1号窗\u2026"); /* even the own name cut */
    /* The title before the unit's middle: "门诊…市医保局›服务大厅›第2号窗口"
     * said less than this. */
    expect_elided("门诊慢病认定先锋岗 \u00b7 市医保局 \u203a 服务大厅 \u203a 第2号窗口", 35,
                  "门诊慢病认定先锋\u2026市医保局\u2026第2号窗口");
    expect_elided("门诊慢病认定先锋岗 \u00b7 市医保局 \u203a 服务大厅 \u203a 第2号窗口", 37,
                  "门诊慢病认定先锋岗\u00b7市医保局\u2026第2号窗口");
    /* An own name too long for the cells: both cut. */
    expect_elided("南岗区 \u203a 花园街道便民服务中心", 16, "南岗区\u203a花园街道\u2026");
    expect_elided("市住建局 \u203a 花园街道便民服务中心", 16, "市住建\u2026花园街道\u2026");
    expect_elided("市住建局 \u203a 江北工程指挥部", 16, "江北工程指挥部"); /* fits alone */
    /* The tight form: no spaces, whole or shortened. */
    char *t = xf_text_elide_line_tight("市住建局 \u203a 审批处", 40);
    assert_string_equal(t, "市住建局\u203a审批处");
    free(t);
    t = xf_text_elide_line_tight(line, 18);
    assert_string_equal(t, "市文旅局\u2026第1号窗口");
    free(t);
    t = xf_text_elide_line_tight(place, 40);
    assert_string_equal(t, "综合受理先锋岗\u00b7阿城区");
    free(t);
    char *one = xf_text_elide_line("市城建委", XF_UNIT_SEP, 4); /* no line: as it is */
    assert_string_equal(one, "市城建委");
    free(one);
    char *none = xf_text_elide_line(NULL, XF_UNIT_SEP, 10);
    assert_string_equal(none, "");
    free(none);
}

static void expect_head(const char *s, int width, const char *want)
{
    char *got = xf_text_elide_head(s, width);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_true(xf_text_width(got) <= width);
    free(got);
}

/* A code too long for its column keeps its end, which tells records
 * apart: NG-XFG-001 … NG-XFG-020 all read "NG-XFG-0…" cut at the end. */
static void test_elide_head(void **state)
{
    (void)state;
    expect_head("XFG-00001", 9, "XFG-00001");           /* fits: whole */
    expect_head("NG-XFG-017", 9, "\u2026-XFG-017");     /* its end kept */
    expect_head("NG-XFG-017", 1, "\u2026");
    expect_head("NG-XFG-017", 0, "");
    expect_head("市局第12号", 8, "\u2026第12号");      /* a wide char not split: 7 cells */
    expect_head(NULL, 4, "");
}

static void expect_middle(const char *s, int width, const char *want)
{
    char *got = xf_text_elide_middle(s, width);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_true(xf_text_width(got) <= width);
    free(got);
}

/* Sibling units that differ only at the end of a long name stay apart in
 * a narrow tree: their start and their end are kept. */
static void test_elide_middle(void **state)
{
    (void)state;
    static const char a[] = "江北大队机动车驾驶人考试及车辆管理综合业务第1号服务窗口";
    expect_middle("审批处", 6, "审批处");                           /* fits: whole */
    /* 12 + 1 + 13 cells: the end takes the cell the start could not */
    expect_middle(a, 26, "江北大队机动\u2026第1号服务窗口");
    expect_middle(a, 27, "江北大队机动\u2026第1号服务窗口");  /* 26: no half 第 */
    /* The indentation and marker kept whole, the name cut after them. */
    expect_middle("  \u25b8 ABCDEFGHIJKLMNOPQRST", 16, "  \u25b8 ABCDEF\u2026PQRST");
    expect_middle("   \u25be 市城建委", 10, "   \u25be 市城\u2026");
    /* Too narrow for both ends: the start, which a reader looks for (it
     * showed "…委" for every department). */
    expect_middle("\u25b8 市城建委", 8, "\u25b8 市城\u2026");
    expect_middle(a, 7, "江北大\u2026");                        /* a wide char not split */
    expect_middle("  \u25b8 ABCDEFG", 5, "  \u25b8 \u2026");  /* no room for a name */
    expect_middle(a, 2, "\u2026");
    expect_middle(NULL, 4, "");
}

/* Spaces a spreadsheet keeps around a cell, ideographic ones included,
 * go from both ends; inside they stay. */
static void test_drop_zero_width(void **state)
{
    (void)state;
    char s[] = "\xef\xbb\xbf" "Q" "\xe2\x80\x8b" "前后" "\xe2\x81\xa0"; /* BOM, ZWSP, WJ */
    xf_text_drop_zero_width(s);
    assert_string_equal(s, "Q前后");
    char bad[] = "a\xff" "b"; /* not UTF-8: kept as it is, for the checks to name */
    xf_text_drop_zero_width(bad);
    assert_string_equal(bad, "a\xff" "b");
    xf_text_drop_zero_width(NULL);
}

static void test_trim(void **state)
{
    (void)state;
    char a[] = "  张伟 \xe3\x80\x80", b[] = "周 杰", c[] = " \t ", d[] = "M054 ";
    assert_string_equal(xf_text_trim(a), "张伟");
    assert_string_equal(xf_text_trim(b), "周 杰");
    assert_string_equal(xf_text_trim(c), "");
    assert_string_equal(xf_text_trim(d), "M054");
    assert_null(xf_text_trim(NULL));
}

/* Plain decimals only, the exponent where asked for (%g's "1e-05"). */
static void test_decimal(void **state)
{
    (void)state;
    double v;
    assert_true(xf_text_decimal("85", false, &v) && v == 85);
    assert_true(xf_text_decimal("85.125", false, &v) && v == 85.125);
    assert_true(xf_text_decimal("0", false, &v) && v == 0);
    assert_true(xf_text_decimal("1e-05", true, &v) && v == 1e-05);
    assert_true(xf_text_decimal("2.5E+3", true, &v) && v == 2500);
    static const char *const bad[] = {"", "0x10", "1e2", "inf", "nan", " 3", "3 ", "+3", "-3",
                                      "1.", ".5", "1.2.3", "1e", "١٢"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 7;
        assert_false(xf_text_decimal(bad[i], false, &v));
        assert_true(v == 0);
    }
    assert_false(xf_text_decimal("1e", true, &v));
    assert_false(xf_text_decimal("0x1p3", true, &v));
    assert_false(xf_text_decimal("infinity", true, &v));
}

/* A message's first word in capitals; Chinese, logins and codes kept. */
static void test_sentence_start(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"complaint TS2026-000284 was changed", "Complaint TS2026-000284 was changed"},
        {"the rectification of inspection XJ-1", "The rectification of inspection XJ-1"},
        {"pledge #3", "Pledge #3"},
        {"done", "Done"},
        {"Already", "Already"},
        {"投诉 TS2026-000284", "投诉 TS2026-000284"},
        {"zhang.wei at 10:00", "zhang.wei at 10:00"},
        {"xfg-001 is named", "xfg-001 is named"},
        {"u4 unit", "u4 unit"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", cases[i][0]);
        xf_text_sentence_start(buf);
        assert_string_equal(buf, cases[i][1]);
    }
    xf_text_sentence_start(NULL);
}

/* Whether a message starts with its format's own word, which the
 * interface puts in capitals, or with a value (a login, a code). */
static void test_err_starts_word(void **state)
{
    (void)state;
    struct xf_error err = {0};
    xf_err(&err, XF_ESTATE, "", "post %s is only proposed", "XFG-1");
    assert_true(err.starts_word);
    xf_err(&err, XF_EPERM, "", "%s made this pledge", "wangfang");
    assert_false(err.starts_word);
    xf_err(&err, XF_EPERM, "", "投诉 %s", "TS1");
    assert_false(err.starts_word);
    xf_err(&err, XF_EPERM, "", "Already %s", "done");
    assert_false(err.starts_word);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_drop_zero_width),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_find_control_char),
        cmocka_unit_test(test_utf8_decode_encode),
        cmocka_unit_test(test_cp_width),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_sanitize_plain),
        cmocka_unit_test(test_sanitize_c0_del),
        cmocka_unit_test(test_sanitize_csi),
        cmocka_unit_test(test_sanitize_osc),
        cmocka_unit_test(test_sanitize_dcs_and_others),
        cmocka_unit_test(test_sanitize_c1),
        cmocka_unit_test(test_sanitize_bidi_zero_width),
        cmocka_unit_test(test_sanitize_invalid_utf8),
        cmocka_unit_test(test_has_controls),
        cmocka_unit_test(test_clean_width),
        cmocka_unit_test(test_fit_short),
        cmocka_unit_test(test_fit_truncates_with_ellipsis),
        cmocka_unit_test(test_fit_wide_at_boundary),
        cmocka_unit_test(test_fit_small_buffer),
        cmocka_unit_test(test_elide_line),
        cmocka_unit_test(test_elide_head),
        cmocka_unit_test(test_elide_middle),
        cmocka_unit_test(test_blank),
        cmocka_unit_test(test_one_of),
        cmocka_unit_test(test_or_empty),
        cmocka_unit_test(test_wrap_line),
        cmocka_unit_test(test_control_chars),
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_sentence_start),
        cmocka_unit_test(test_err_starts_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
