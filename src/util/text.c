/* UTF-8 decoding, display widths and terminal-safe text.
 *
 * Widths come from our own table rather than wcwidth() so that the result
 * does not change with the locale a user's ssh session happens to get
 * (under LANG=C, wcwidth() says -1 for every CJK character). */
#include "xf/text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"

#define REPLACEMENT 0xFFFDu

struct cp_range {
    unsigned lo, hi;
};

/* East Asian Wide and Fullwidth (Unicode EastAsianWidth.txt, as glibc
 * applies it). Unassigned gaps inside CJK blocks count as wide, the way
 * Unicode reserves them. */
/* clang-format off */
static const struct cp_range wide_table[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    /* CJK radicals .. CJK punctuation; U+303F is the half-width fill space. */
    {0x2E80, 0x303E},
    /* Kana, Bopomofo, Hangul compatibility jamo, enclosed CJK, Ext. A,
     * URO, Yi. */
    {0x3041, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x16FE0, 0x16FE3}, {0x16FF0, 0x16FF1}, {0x17000, 0x18CFF}, {0x18D00, 0x18D08},
    {0x1AFF0, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B}, {0x1F240, 0x1F248},
    {0x1F250, 0x1F251}, {0x1F260, 0x1F265},
    /* Emoji with emoji presentation; the gaps are text-style symbols that
     * terminals draw in one cell. */
    {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393},
    {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
    {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
    {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596},
    {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
    {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC},
    {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A},
    {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    /* CJK Ext. B and later, compatibility supplement, Ext. G/H. */
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

/* Combining marks and format characters that take no cell. Compact: the
 * generic combining blocks plus the scripts met in Chinese offices
 * (Arabic for Uyghur, Tibetan, Mongolian) and the common European ones. */
static const struct cp_range zero_table[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF},
    {0x05C1, 0x05C2},   {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},
    {0x061C, 0x061C},   {0x064B, 0x065F},   {0x0670, 0x0670},   {0x06D6, 0x06DC},
    {0x06DF, 0x06E4},   {0x06E7, 0x06E8},   {0x06EA, 0x06ED},   {0x0711, 0x0711},
    {0x0730, 0x074A},   {0x0900, 0x0902},   {0x093A, 0x093A},   {0x093C, 0x093C},   {0x0941, 0x0948},   {0x094D, 0x094D},
    {0x0951, 0x0957},   {0x0962, 0x0963},   {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},
    {0x0E47, 0x0E4E},   {0x0F18, 0x0F19},   {0x0F35, 0x0F35},   {0x0F37, 0x0F37},
    {0x0F39, 0x0F39},   {0x0F71, 0x0F7E},   {0x0F80, 0x0F84},   {0x0F86, 0x0F87},
    {0x0F8D, 0x0F97},   {0x0F99, 0x0FBC},   {0x0FC6, 0x0FC6},   {0x1160, 0x11FF},
    {0x180B, 0x180F},   {0x1885, 0x1886},   {0x18A9, 0x18A9},   {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},   {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x2064},
    {0x2066, 0x206F},   {0x20D0, 0x20F0},   {0x302A, 0x302D},   {0x3099, 0x309A},
    {0xD7B0, 0xD7FF},   {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},   {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFB},   {0x1D167, 0x1D169}, {0x1D173, 0x1D182}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};
/* clang-format on */

static bool in_table(unsigned cp, const struct cp_range *t, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < t[mid].lo)
            hi = mid;
        else if (cp > t[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

#define IN(cp, table) in_table((cp), (table), sizeof(table) / sizeof(table)[0])

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Returns the length of the well-formed sequence at s, or 0. The ranges
 * for the second byte are those of Unicode table 3-7, which is what rules
 * out overlongs, surrogates and code points above U+10FFFF. */
static size_t decode_strict(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        n = 2;
    else if (b >= 0xE0 && b <= 0xEF)
        n = 3;
    else if (b >= 0xF0 && b <= 0xF4)
        n = 4;
    else
        return 0;
    if (b == 0xE0)
        lo = 0xA0; /* overlong */
    else if (b == 0xED)
        hi = 0x9F; /* surrogates */
    else if (b == 0xF0)
        lo = 0x90; /* overlong */
    else if (b == 0xF4)
        hi = 0x8F; /* above U+10FFFF */
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    unsigned v = b & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if (!is_cont(s[i]))
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

bool xf_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    unsigned cp;
    while (i < len) {
        size_t n = decode_strict(p + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

size_t xf_utf8_decode(const char *s, size_t len, unsigned *cp)
{
    if (len == 0) {
        *cp = REPLACEMENT;
        return 1;
    }
    size_t n = decode_strict((const unsigned char *)s, len, cp);
    if (n == 0) {
        *cp = REPLACEMENT;
        return 1;
    }
    return n;
}

size_t xf_utf8_encode(unsigned cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = REPLACEMENT;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int xf_cp_width(unsigned cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return 0;
    if (cp < 0x300)
        return 1;
    /* Most of the text is CJK Unified Ideographs: wide, no table search. */
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return 2;
    if (IN(cp, zero_table))
        return 0;
    return IN(cp, wide_table) ? 2 : 1;
}

int xf_text_width(const char *s)
{
    if (!s)
        return 0;
    size_t len = strlen(s);
    int w = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += xf_utf8_decode(s + i, len - i, &cp);
        w += xf_cp_width(cp);
    }
    return w;
}

/* ---- sanitising -------------------------------------------------------- */

/* A growing output whose capacity is fixed up front: every input byte
 * yields at most the three bytes of U+FFFD, so it never overflows. */
struct out {
    char *p;
    size_t n;
};

static void put_cp(struct out *o, unsigned cp)
{
    o->n += xf_utf8_encode(cp, o->p + o->n);
}

/* Format characters that let text lie about its direction or hide. The
 * invisible operators (U+2061-4), the deprecated format controls
 * (U+206A-F), interlinear annotation (U+FFF9-B) and tag characters
 * (U+E0001, U+E0020-7F) draw nothing either, and tags can carry a whole
 * hidden ASCII message. */
static bool is_invisible(unsigned cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C || (cp >= 0x200B && cp <= 0x200D) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Bytes of a CSI after its introducer: parameters and intermediates, then
 * one final byte. A byte that cannot belong to a CSI ends it early without
 * being eaten, so a broken sequence cannot swallow the text after it. */
static size_t skip_csi(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] >= 0x20 && s[i] <= 0x3F)
        i++;
    while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (i < len && s[i] >= 0x40 && s[i] <= 0x7E)
        i++;
    return i;
}

/* A control string (OSC, DCS, SOS, PM, APC) runs to ST: ESC \ or U+009C.
 * OSC may also end with BEL, as xterm allows. Another ESC ends the string
 * and starts a sequence of its own, which the caller then drops. An
 * unterminated string runs to the end, as it would on a terminal. */
static size_t skip_string(const char *s, size_t i, size_t len, bool bel_ends)
{
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0x07 && bel_ends)
            return i + 1;
        if (c == 0x1B)
            return i + 1 < len && s[i + 1] == '\\' ? i + 2 : i;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x9C)
            return i + 2;
        i++;
    }
    return i;
}

/* s[i] is ESC; returns the index after the whole sequence. */
static size_t skip_escape(const char *s, size_t i, size_t len)
{
    i++;
    if (i >= len)
        return i;
    switch (s[i]) {
    case '[': return skip_csi(s, i + 1, len);
    case ']': return skip_string(s, i + 1, len, true);
    case 'P':
    case 'X':
    case '^':
    case '_': return skip_string(s, i + 1, len, false);
    default: break;
    }
    /* nF escapes (ESC ( B ...) carry intermediates before the final. */
    while (i < len && s[i] >= 0x20 && s[i] <= 0x2F)
        i++;
    if (i < len && s[i] >= 0x30 && s[i] <= 0x7E)
        i++;
    return i;
}

/* cp is a C1 control that was encoded in n bytes at s[i]; a C1
 * introducer takes the sequence it introduces with it. */
static size_t skip_c1(const char *s, size_t i, size_t len, unsigned cp)
{
    switch (cp) {
    case 0x9B: return skip_csi(s, i, len);
    case 0x9D: return skip_string(s, i, len, true);
    case 0x90:
    case 0x98:
    case 0x9E:
    case 0x9F: return skip_string(s, i, len, false);
    default: return i;
    }
}

char *xf_text_sanitize(const char *s, bool keep_newlines)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    struct out o = {malloc(3 * len + 1), 0};
    if (!o.p)
        return NULL;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0x1B) {
            i = skip_escape(s, i, len);
            continue;
        }
        unsigned cp;
        i += xf_utf8_decode(s + i, len - i, &cp);
        if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
            o.p[o.n++] = keep_newlines ? '\n' : ' ';
        else if (cp == '\t')
            o.p[o.n++] = ' ';
        else if (cp >= 0x80 && cp <= 0x9F)
            i = skip_c1(s, i, len, cp);
        else if (cp >= 0x20 && cp != 0x7F && !is_invisible(cp))
            put_cp(&o, cp);
        /* Everything else (C0 such as CR, BEL, BS; DEL) is dropped. */
    }
    o.p[o.n] = '\0';
    return o.p;
}

/* The bidi controls, marks included: each can make a line read in another
 * order than it was typed (SPEC §7). Zero-width characters are not among
 * them: pasted text carries them harmlessly, and screens drop them. */
static bool is_direction_mark(unsigned cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

/* U+2028/2029 separate lines for some programs and not for others, so
 * they are refused even in multi-line text: a line break is typed as one. */
bool xf_text_find_control_char(const char *s, bool multiline, unsigned *cp_out, size_t *pos,
                               size_t *byte)
{
    if (!s)
        return false;
    size_t len = strlen(s);
    for (size_t i = 0, k = 1; i < len; k++) {
        unsigned cp;
        size_t n = xf_utf8_decode(s + i, len - i, &cp);
        bool line = cp == '\n' || cp == '\r' || cp == '\t';
        if ((cp < 0x20 && !(multiline && line)) || (cp >= 0x7F && cp <= 0x9F) ||
            is_direction_mark(cp) || cp == 0x2028 || cp == 0x2029) {
            if (cp_out)
                *cp_out = cp;
            if (pos)
                *pos = k;
            if (byte)
                *byte = i;
            return true;
        }
        i += n ? n : 1;
    }
    return false;
}

bool xf_text_has_control_chars(const char *s, bool multiline)
{
    return xf_text_find_control_char(s, multiline, NULL, NULL, NULL);
}

bool xf_text_has_controls(const char *s)
{
    if (!s)
        return false;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = decode_strict((const unsigned char *)s + i, len - i, &cp);
        if (n == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_invisible(cp) ||
            cp == 0x2028 || cp == 0x2029) /* the sanitiser makes these a space */
            return true;
        i += n;
    }
    return false;
}

int xf_text_clean_width(const char *s)
{
    if (!s)
        return 0;
    size_t len = strlen(s);
    int w = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {
            w++;
            i++;
            continue;
        }
        unsigned cp;
        size_t n = decode_strict((const unsigned char *)s + i, len - i, &cp);
        if (n == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_invisible(cp) ||
            cp == 0x2028 || cp == 0x2029)
            return -1;
        w += xf_cp_width(cp);
        i += n;
    }
    return w;
}

/* ---- fitting into cells ------------------------------------------------ */

/* Bounded writer for xf_text_fit: an item is written whole or not at all. */
struct sink {
    char *p;
    size_t size, n;
};

static bool sink_put(struct sink *k, const char *b, size_t n)
{
    if (k->n + n + 1 > k->size)
        return false;
    memcpy(k->p + k->n, b, n);
    k->n += n;
    k->p[k->n] = '\0';
    return true;
}

/* Copies characters of s while they fit in limit cells and in the buffer
 * (keeping `reserve` bytes free). Returns the cells used; *all says whether
 * the whole of s went in. When a wide character straddles the limit and
 * fill is set, a space takes its remaining cell so columns after it stay
 * aligned. */
static int copy_prefix(struct sink *k, const char *s, int limit, size_t reserve, bool fill,
                       bool *all)
{
    size_t len = strlen(s);
    size_t room = k->size > reserve ? k->size - reserve : 0;
    struct sink lim = {k->p, room, k->n};
    int used = 0;
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        char b[4];
        size_t n = xf_utf8_decode(s + i, len - i, &cp);
        int w = xf_cp_width(cp);
        if (used + w > limit) {
            if (fill && used < limit && sink_put(&lim, " ", 1))
                used++;
            break;
        }
        if (!sink_put(&lim, b, xf_utf8_encode(cp, b)))
            break;
        used += w;
        i += n;
    }
    k->n = lim.n;
    *all = i >= len;
    return used;
}

int xf_text_fit(const char *s, int width, bool pad, char *out, size_t size)
{
    if (!out || size == 0)
        return 0;
    out[0] = '\0';
    if (width <= 0)
        return 0;
    struct sink k = {out, size, 0};
    bool all;
    int used = copy_prefix(&k, s ? s : "", width, 0, true, &all);
    if (!all) {
        /* Start again leaving one cell and three bytes for the ellipsis,
         * which follows the last character directly ("先…" not "先 …");
         * padding below fills the cell a wide character could not use. */
        k.n = 0;
        out[0] = '\0';
        used = copy_prefix(&k, s, width - 1, 3, false, &all);
        if (sink_put(&k, "\xE2\x80\xA6", 3))
            used++;
    }
    while (pad && used < width && sink_put(&k, " ", 1))
        used++;
    return used;
}

/* "first" + "…" + "last" fitted into width cells when at least two
 * Chinese characters of the first name show; NULL otherwise. With
 * nothing left out between them they are joined by bare, the separator
 * without its spaces ("市园林局›服务大厅"): a bare space read as one
 * name. */
static char *first_and_last(const char *first, const char *last, const char *bare, bool skipped,
                            int width)
{
    int wl = xf_text_width(last), budget = width - wl;
    const char *join = skipped ? "\xE2\x80\xA6" : bare;
    size_t size = strlen(first) + strlen(last) + strlen(join) + 8;
    char *out = malloc(size);
    if (!out || budget < 1 + 2) {
        free(out);
        return NULL;
    }
    if (xf_text_width(first) + xf_text_width(join) <= budget)
        snprintf(out, size, "%s%s%s", first, join, last);
    else if (budget >= 5) {
        /* Cut the first name; its ellipsis stands for what is left out. */
        xf_text_fit(first, budget - 1 + (xf_text_width(first) > budget), false, out, size);
        snprintf(out + strlen(out), size - strlen(out), "%s", last);
    } else {
        free(out);
        out = NULL;
    }
    return out;
}

/* A unit's line (no title) shortened for width: whole, else its
 * department and its own name ("市文旅局…第1号窗口"), else its own name
 * (cut if need be). spaced: whole with the separator's spaces. */
static char *elide_names(const char *s, int width, bool spaced)
{
    static const char sep[] = XF_UNIT_SEP;
    const size_t seplen = sizeof sep - 1;
    const char *first_end = strstr(s, sep);
    if (!first_end)
        return strdup(s);
    char *tight = spaced ? NULL : xf_text_line_tight(s);
    if (!spaced && !tight)
        return NULL;
    if (xf_text_width(spaced ? s : tight) <= width)
        return spaced ? strdup(s) : tight;
    free(tight);
    const char *last = first_end + seplen;
    for (const char *p; (p = strstr(last, sep)) != NULL;)
        last = p + seplen;
    char *first = strndup(s, (size_t)(first_end - s));
    char *out =
        first ? first_and_last(first, last, XF_UNIT_SEP_TIGHT, last != first_end + seplen, width)
              : NULL;
    if (out || !first || xf_text_width(last) <= width) {
        /* whole, its own name stands alone: "第1号窗口" cut would lose
         * its number */
        free(first);
        return out || !first ? out : strdup(last);
    }
    /* An own name too long for the cells ("花园街道便民服务中心"): both
     * cut, the department to half of them at most ("南岗区›花园街道…");
     * cut alone, a street's office read as a department. */
    size_t size = strlen(first) + strlen(last) + 16;
    int half = width / 2, fw = xf_text_width(first);
    const char *join = last != first_end + seplen ? "\xE2\x80\xA6" : XF_UNIT_SEP_TIGHT;
    if ((out = malloc(size)) != NULL && width >= 10) {
        if (fw + xf_text_width(join) <= half)
            snprintf(out, size, "%s%s", first, join);
        else
            xf_text_fit(first, fw > half ? half : fw - 1, false, out, size);
        size_t n = strlen(out);
        xf_text_fit(last, width - xf_text_width(out), false, out + n, size - n);
    } else if (out) {
        xf_text_fit(last, width, false, out, size);
    }
    free(first);
    return out;
}

static char *elide(const char *s, int width, bool spaced)
{
    /* A post's title before its unit ("综合受理先锋岗 · 阿城区",
     * "治安许可先锋岗 · 市公安局 › 审批处"): the unit's line is shortened
     * as any, the title beside it as long as it has room. */
    const char *title_end = strstr(s, XF_TITLE_SEP), *unit_sep = strstr(s, XF_UNIT_SEP);
    if (!title_end || (unit_sep && unit_sep < title_end))
        return elide_names(s, width, spaced);
    char *whole = spaced ? strdup(s) : xf_text_line_tight(s);
    if (!whole || xf_text_width(whole) <= width)
        return whole;
    free(whole);
    const char *unit = title_end + strlen(XF_TITLE_SEP);
    char *title = strndup(s, (size_t)(title_end - s));
    /* The unit by its department and own name ("市医保局…第2号窗口"),
     * the title beside it with the cells its middle would take. */
    const char *first_end = strstr(unit, XF_UNIT_SEP), *last = unit;
    for (const char *p = unit; (p = strstr(p, XF_UNIT_SEP)) != NULL;)
        last = p += strlen(XF_UNIT_SEP);
    int short_w = first_end ? (int)xf_text_width(last) + 1 : width;
    if (first_end) {
        char *dept = strndup(unit, (size_t)(first_end - unit));
        short_w += dept ? xf_text_width(dept) : 0;
        free(dept);
    }
    char *line = elide_names(unit, short_w < width ? short_w : width, false);
    char *out = NULL;
    if (!title || !line)
        goto done;
    int tw = xf_text_width(title), lw = xf_text_width(line);
    int room = width - lw; /* for the title and what joins it */
    size_t size = strlen(title) + strlen(line) + 16;
    if (!(out = malloc(size)))
        goto done;
    if (tw + xf_text_width(XF_TITLE_SEP_TIGHT) <= room) {
        snprintf(out, size, "%s%s%s", title, XF_TITLE_SEP_TIGHT, line);
    } else if (room >= 5) {
        /* the title's start, its "…" joining the unit's line (cut by a
         * character when it alone fits: "…" is then the join) */
        xf_text_fit(title, tw <= room ? tw - 1 : room, false, out, size);
        snprintf(out + strlen(out), size - strlen(out), "%s", line);
    } else if (strstr(unit, XF_UNIT_SEP)) {
        /* No room for the title: a department's unit ("市公安局›审批处",
         * "市公安局…审批处") says whose post; the title's start joined to
         * the unit's end ("治安许可…审批处") read as one name. */
        snprintf(out, size, "%s", line);
    } else {
        /* A unit of one name ("阿城区") gives way to the post's title,
         * the more specific. */
        xf_text_fit(title, width, false, out, size);
    }
done:
    free(title);
    free(line);
    return out;
}

char *xf_text_elide_line(const char *s, const char *sep, int width)
{
    (void)sep;
    return elide(s ? s : "", width, true);
}

char *xf_text_elide_line_tight(const char *s, int width)
{
    return elide(s ? s : "", width, false);
}

char *xf_text_line_tight(const char *s)
{
    s = s ? s : "";
    char *out = malloc(strlen(s) + 1);
    if (!out)
        return NULL;
    char *o = out;
    while (*s) {
        if (!strncmp(s, XF_UNIT_SEP, sizeof XF_UNIT_SEP - 1)) {
            o = stpcpy(o, XF_UNIT_SEP_TIGHT);
            s += sizeof XF_UNIT_SEP - 1;
        } else if (!strncmp(s, XF_TITLE_SEP, sizeof XF_TITLE_SEP - 1)) {
            o = stpcpy(o, XF_TITLE_SEP_TIGHT);
            s += sizeof XF_TITLE_SEP - 1;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

char *xf_text_sentences(const char *first, const char *second)
{
    char *out = NULL;
    /* TRANSLATORS: two sentences of one message; Chinese writes none of
     * the space after its full stop. */
    if (asprintf(&out, xf_gettext_ctx(NC_("sentences", "%s %s")), first ? first : "",
                 second ? second : "") < 0)
        return NULL;
    return out;
}

void xf_text_sentence_start(char *s)
{
    if (!s || *s < 'a' || *s > 'z')
        return;
    /* A first word of letters alone: "zhang.wei" or "xfg-001" is a login
     * or a code, kept as typed. */
    size_t n = 0;
    while (s[n] >= 'a' && s[n] <= 'z')
        n++;
    if (s[n] == ' ' || s[n] == '\0')
        *s = (char)(*s - 'a' + 'A');
}

char *xf_text_elide_head(const char *s, int width)
{
    s = s ? s : "";
    if (xf_text_width(s) <= width)
        return strdup(s);
    /* The shortest tail that fits beside the "…": walk forward from the
     * start, dropping characters until the rest fits. */
    size_t len = strlen(s), i = 0;
    int rest = xf_text_width(s);
    while (i < len && rest > width - 1) {
        unsigned cp;
        size_t n = xf_utf8_decode(s + i, len - i, &cp);
        rest -= xf_cp_width(cp);
        i += n ? n : 1;
    }
    char *out = malloc(len - i + sizeof "\u2026");
    if (out) {
        memcpy(out, width > 0 ? "\u2026" : "", width > 0 ? sizeof "\u2026" - 1 : 0);
        strcpy(out + (width > 0 ? sizeof "\u2026" - 1 : 0), s + i);
    }
    return out;
}

size_t xf_text_fit_prefix(const char *s, size_t len, int width, int *used)
{
    size_t head = 0;
    int w = 0;
    while (head < len) {
        unsigned cp;
        size_t n = xf_utf8_decode(s + head, len - head, &cp);
        int cw = xf_cp_width(cp);
        if (w + cw > width)
            break;
        w += cw;
        head += n ? n : 1;
    }
    *used = w;
    return head;
}

/* Where the end of s[from, len) that fits in width cells begins, walked
 * back over whole characters (continuation bytes); *used its width. */
static size_t tail_fitting(const char *s, size_t from, size_t len, int width, int *used)
{
    size_t tail = len;
    int w = 0;
    while (tail > from) {
        size_t start = tail - 1;
        while (start > from && ((unsigned char)s[start] & 0xC0) == 0x80)
            start--;
        unsigned cp;
        xf_utf8_decode(s + start, tail - start, &cp);
        int cw = xf_cp_width(cp);
        if (w + cw > width)
            break;
        w += cw;
        tail = start;
    }
    *used = w;
    return tail;
}

/* A tree row's indentation and its marker ("  ▸ "): kept whole, the
 * name after it is what is cut. */
static size_t tree_prefix(const char *s)
{
    size_t i = strspn(s, " ");
    if (!strncmp(s + i, "\u25b8 ", 4) || !strncmp(s + i, "\u25be ", 4))
        return i + 4;
    return i;
}

char *xf_text_elide_middle(const char *s, int width)
{
    s = s ? s : "";
    int total = xf_text_width(s);
    if (total <= width || width < 3)
        return width < 3 && total > width ? xf_text_elide_head(s, width) : strdup(s);
    size_t len = strlen(s), lead = tree_prefix(s);
    int lead_w;
    xf_text_fit_prefix(s, lead, INT_MAX, &lead_w);
    if (lead_w + 3 > width) /* no room for a name: as before, from the start */
        lead = 0, lead_w = 0;
    int room = width - lead_w - 1; /* cells for the name, "…" aside */
    /* Too narrow for both ends to mean anything: the start, as a reader
     * looks for it ("市城…", not "…委"). Wider, half for the end too:
     * "…第1号服务窗口" tells siblings apart. Each side takes what the
     * other, whole characters only, left over. */
    int head_w = room < 9 ? room : room - (room / 2), used_head, used_tail;
    size_t head = lead + xf_text_fit_prefix(s + lead, len - lead, head_w, &used_head);
    size_t tail = len;
    if (room >= 9) {
        tail = tail_fitting(s, head, len, room - used_head, &used_tail);
        head = lead + xf_text_fit_prefix(s + lead, tail - lead, room - used_tail, &used_head);
    }
    char *out = malloc(head + sizeof "\u2026" + (len - tail));
    if (out) {
        memcpy(out, s, head);
        memcpy(out + head, "\u2026", sizeof "\u2026" - 1);
        strcpy(out + head + sizeof "\u2026" - 1, s + tail);
    }
    return out;
}

char *xf_text_list_sep(const char *stored, const char *sep)
{
    stored = stored ? stored : "";
    size_t n = strlen(stored), sl = strlen(sep);
    char *out = malloc(n * (sl + 1) + 1), *q = out;
    if (!out)
        return NULL;
    for (const char *c = stored; *c; c++) {
        if (*c != ',') {
            *q++ = *c;
            continue;
        }
        memcpy(q, sep, sl);
        q += sl;
    }
    *q = '\0';
    return out;
}

static bool is_space_cp(unsigned cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

bool xf_text_one_of(const char *s, const char *const *list)
{
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

const char *xf_text_or_empty(const char *s)
{
    return s ? s : "";
}

/* Input methods type U+3000 for a space, so "blank" cannot stop at ASCII. */
bool xf_text_blank(const char *s)
{
    if (!s)
        return true;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = xf_utf8_decode(s + i, len - i, &cp);
        if (!is_space_cp(cp))
            return false;
        i += n ? n : 1;
    }
    return true;
}

bool xf_code_pattern(const char *code, char *prefix, size_t size, int *width, long long *num)
{
    size_t len = code ? strlen(code) : 0, d = len;
    while (d > 0 && code[d - 1] >= '0' && code[d - 1] <= '9')
        d--;
    if (d == len || len - d > 12 || d >= size)
        return false;
    memcpy(prefix, code, d);
    prefix[d] = '\0';
    *width = (int)(len - d);
    *num = strtoll(code + d, NULL, 10);
    return true;
}

char *xf_text_trim(char *s)
{
    if (!s)
        return s;
    size_t len = strlen(s), start = len, end = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = xf_utf8_decode(s + i, len - i, &cp);
        n = n ? n : 1;
        if (!is_space_cp(cp)) {
            if (start == len)
                start = i;
            end = i + n;
        }
        i += n;
    }
    if (start == len)
        start = end = 0;
    s[end] = '\0';
    return s + start;
}

/* Zero-width characters: they draw nothing, so a code or name holding
 * one looks like another and is never found by what it shows. */
static bool is_zero_width(unsigned cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

enum { KEEP = -1, DROP = 0 };

/* Rewrites s in place, character by character: map(cp) is KEEP, DROP or
 * the ASCII byte that takes the character's place (never longer, so the
 * text only shrinks). Invalid bytes are kept as they are. */
static void rewrite_chars(char *s, int (*map)(unsigned cp))
{
    if (!s)
        return;
    size_t len = strlen(s), out = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = decode_strict((const unsigned char *)s + i, len - i, &cp);
        int to = n ? map(cp) : KEEP;
        n = n ? n : 1;
        if (to == KEEP)
            memmove(s + out, s + i, n);
        else if (to != DROP)
            s[out] = (char)to;
        out += to == KEEP ? n : to != DROP;
        i += n;
    }
    s[out] = '\0';
}

static int zero_width_map(unsigned cp)
{
    return is_zero_width(cp) ? DROP : KEEP;
}

void xf_text_drop_zero_width(char *s)
{
    rewrite_chars(s, zero_width_map);
}

static int halfwidth_map(unsigned cp)
{
    if (cp == 0x3000)
        return ' ';
    return cp >= 0xFF01 && cp <= 0xFF5E ? (int)(cp - 0xFF01 + 0x21) : KEEP;
}

void xf_text_halfwidth_ascii(char *s)
{
    rewrite_chars(s, halfwidth_map);
}

void xf_text_halfwidth_if_ascii(char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = xf_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x80 && cp != 0x3000 && (cp < 0xFF01 || cp > 0xFF5E))
            return;
        i += k;
    }
    xf_text_halfwidth_ascii(s);
}

bool xf_text_decimal(const char *s, bool exponent, double *out)
{
    *out = 0;
    size_t n = strspn(s, "0123456789");
    bool ok = n > 0;
    if (ok && s[n] == '.') {
        size_t frac = strspn(s + n + 1, "0123456789");
        ok = frac > 0;
        n += 1 + frac;
    }
    if (ok && exponent && (s[n] == 'e' || s[n] == 'E')) {
        n += 1 + (s[n + 1] == '+' || s[n + 1] == '-');
        size_t exp = strspn(s + n, "0123456789");
        ok = exp > 0;
        n += exp;
    }
    if (!ok || s[n])
        return false;
    errno = 0;
    double v = strtod(s, NULL);
    if (errno || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* Chinese punctuation that may not start a line (it closes what comes
 * before), and that may not end one (it opens what comes after). */
bool xf_cp_closes(unsigned cp)
{
    static const unsigned set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                   0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019,
                                   0x2026, 0x3009};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (cp == set[i])
            return true;
    return false;
}

static bool opens(unsigned cp)
{
    return cp == 0xFF08 || cp == 0x300A || cp == 0x300C || cp == 0x300E || cp == 0x3010 ||
           cp == 0x201C || cp == 0x2018 || cp == 0x3008;
}

/* May a line break between prev and cp? After a space; next to a wide
 * (Chinese) character, which breaks anywhere, but never inside a run of
 * narrow ones ("2026-05-04", a code, a phone number), before closing or
 * after opening punctuation. */
static bool may_break(unsigned prev, unsigned cp)
{
    if (prev == ' ')
        return true;
    if (xf_cp_closes(cp) || opens(prev))
        return false;
    /* ASCII punctuation after Chinese text ("收费问题, reply …") stays on
     * its line too */
    if (cp && cp < 0x80 && strchr(",.;:!?)]%", (int)cp))
        return false;
    /* a number and its measure word (15 个工作日, 3 天) stay together */
    if (prev >= '0' && prev <= '9' && xf_cp_width(cp) == 2)
        return false;
    return xf_cp_width(prev) == 2 || xf_cp_width(cp) == 2;
}

/* The start of the code point before byte end of s (end > 0). */
static size_t cp_before(const char *s, size_t end)
{
    size_t j = end - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/* A line that would leave one Chinese character alone on the next (a
 * paragraph's last, "…处理完" over "毕") gives it its own last character,
 * where the text may break there and keeps at least two on this line. */
static size_t widow_kept(const char *s, size_t len, size_t end)
{
    unsigned cp, last, before;
    if (end + xf_utf8_decode(s + end, len - end, &cp) != len || xf_cp_width(cp) != 2)
        return end;
    size_t j = cp_before(s, end);
    if (j == 0)
        return end;
    size_t k = cp_before(s, j);
    xf_utf8_decode(s + j, end - j, &last);
    xf_utf8_decode(s + k, j - k, &before);
    return k > 0 && may_break(before, last) && may_break(last, cp) ? j : end;
}

size_t xf_text_wrap_line(const char *s, int width)
{
    size_t len = strlen(s), i = 0, brk = 0;
    unsigned prev = 0;
    int used = 0;
    while (i < len) {
        unsigned cp;
        size_t n = xf_utf8_decode(s + i, len - i, &cp);
        int cw = xf_cp_width(cp);
        if (i > 0 && may_break(prev, cp))
            brk = i;
        if (used + cw > width && i > 0)
            break;
        used += cw;
        i += n;
        prev = cp;
    }
    if (i < len && prev == ' ')
        return i;
    size_t end = i < len && brk > i / 2 ? brk : i;
    return end < len ? widow_kept(s, len, end) : end;
}
