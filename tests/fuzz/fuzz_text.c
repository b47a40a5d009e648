/* Fuzzes src/util/text.c: decoding, sanitising and fitting into cells.
 *
 * The whole input is the text. Its first three bytes also pick the
 * xf_text_fit parameters, so plain text seeds work as they are:
 * byte 0 bit 0 keep_newlines, bit 1 pad, bit 2 a large buffer;
 * byte 1 the width (-2..97); byte 2 the buffer size. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "xf/text.h"

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Decoding bytes that may hold NULs and anything else. */
static void check_decode(const uint8_t *data, size_t size)
{
    bool valid = true;
    for (size_t i = 0; i < size;) {
        unsigned cp;
        size_t n = xf_utf8_decode((const char *)data + i, size - i, &cp);
        FUZZ_CHECK(n >= 1 && n <= 4 && n <= size - i);
        FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
        int w = xf_cp_width(cp);
        FUZZ_CHECK(w >= 0 && w <= 2);
        bool literal_fffd = n == 3 && memcmp(data + i, "\xEF\xBF\xBD", 3) == 0;
        if (cp == 0xFFFD && !literal_fffd) {
            FUZZ_CHECK(n == 1);
            valid = false;
        } else {
            /* A well-formed sequence encodes back to the same bytes. */
            char b[4];
            FUZZ_CHECK(xf_utf8_encode(cp, b) == n && memcmp(b, data + i, n) == 0);
        }
        i += n;
    }
    FUZZ_CHECK(xf_utf8_valid((const char *)data, size) == valid);
}

/* has_controls must agree with the SPEC's list on any C string. */
static void check_has_controls(const char *s)
{
    size_t len = strlen(s);
    bool want = !xf_utf8_valid(s, len);
    for (size_t i = 0; i < len && !want;) {
        unsigned cp;
        i += xf_utf8_decode(s + i, len - i, &cp);
        want = fuzz_forbidden_cp(cp, 0);
    }
    FUZZ_CHECK(xf_text_has_controls(s) == want);
    /* The one-pass measure agrees with checking, then measuring. */
    FUZZ_CHECK(xf_text_clean_width(s) == (want ? -1 : xf_text_width(s)));
}

static void check_clean(const char *out, bool keep_newlines)
{
    size_t len = strlen(out);
    FUZZ_CHECK(xf_utf8_valid(out, len));
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += xf_utf8_decode(out + i, len - i, &cp);
        FUZZ_CHECK(!fuzz_forbidden_cp(cp, keep_newlines));
    }
    if (!keep_newlines)
        FUZZ_CHECK(!xf_text_has_controls(out));
    FUZZ_CHECK(xf_text_width(out) >= 0);
}

static char *sanitize_checked(const char *s, bool keep_newlines)
{
    char *out = xf_text_sanitize(s, keep_newlines);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(strlen(out) <= 3 * strlen(s));
    check_clean(out, keep_newlines);
    /* Idempotent: clean text goes through unchanged. */
    char *again = xf_text_sanitize(out, keep_newlines);
    FUZZ_CHECK(again && strcmp(again, out) == 0);
    free(again);
    if (!xf_text_has_controls(s))
        FUZZ_CHECK(strcmp(out, s) == 0);
    return out;
}

/* After the longest prefix of s that out shares (backed off to a character
 * boundary of s), out may only hold an ellipsis and padding. Returns where
 * that tail starts. */
static size_t shared_prefix(const char *s, const char *out)
{
    size_t k = 0;
    while (s[k] && s[k] == out[k])
        k++;
    while (k > 0 && is_cont((unsigned char)s[k]))
        k--;
    return k;
}

static void check_fit(const char *s, int width, bool pad, size_t size)
{
    /* Exactly size bytes, so ASan sees a write one past the end. */
    char *out = malloc(size ? size : 1);
    FUZZ_CHECK(out != NULL);
    int used = xf_text_fit(s, width, pad, out, size);
    if (size == 0) {
        FUZZ_CHECK(used == 0);
        free(out);
        return;
    }
    size_t olen = strnlen(out, size);
    FUZZ_CHECK(olen < size);
    FUZZ_CHECK(used >= 0 && used <= (width > 0 ? width : 0));
    /* Never half a character, and the cells returned are the cells drawn. */
    FUZZ_CHECK(xf_utf8_valid(out, olen));
    FUZZ_CHECK(xf_text_width(out) == used);

    size_t k = shared_prefix(s, out);
    const char *tail = out + k;
    if (strncmp(tail, "\xE2\x80\xA6", 3) == 0)
        tail += 3;
    while (*tail == ' ')
        tail++;
    FUZZ_CHECK(*tail == '\0');

    size_t slen = strlen(s);
    int sw = xf_text_width(s);
    bool roomy = width > 0 && size > slen + 4 + (size_t)width;
    if (roomy && pad)
        FUZZ_CHECK(used == width);
    if (roomy && sw <= width && !pad)
        FUZZ_CHECK(strcmp(out, s) == 0);
    if (roomy && sw > width) {
        /* Cut text ends with the ellipsis (before any padding). */
        size_t e = olen;
        while (e > 0 && out[e - 1] == ' ' && pad)
            e--;
        FUZZ_CHECK(e >= 3 && memcmp(out + e - 3, "\xE2\x80\xA6", 3) == 0);
    }
    free(out);
}

int xf_fuzz_text(const uint8_t *data, size_t size)
{
    check_decode(data, size);
    char *s = fuzz_cstr(data, size);
    check_has_controls(s);
    char *lines = sanitize_checked(s, true);
    char *flat = sanitize_checked(s, false);

    unsigned flags = size > 0 ? data[0] : 0;
    int width = size > 1 ? (int)(data[1] % 100) - 2 : 10;
    size_t bufsize = (size > 2 ? data[2] : 64) + ((flags & 4) ? 4096 : 0);
    check_fit(flat, width, flags & 2, bufsize);
    /* The contract wants sanitised text, but raw text must not break it. */
    char *raw = malloc(bufsize + 1);
    FUZZ_CHECK(raw != NULL);
    int used = xf_text_fit(s, width, flags & 2, raw, bufsize + 1);
    FUZZ_CHECK(used >= 0 && used <= (width > 0 ? width : 0));
    FUZZ_CHECK(strnlen(raw, bufsize + 1) <= bufsize);
    free(raw);

    free(lines);
    free(flat);
    free(s);
    return 0;
}

XF_FUZZ_ENTRY(xf_fuzz_text)
