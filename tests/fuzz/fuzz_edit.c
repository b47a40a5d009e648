/* Fuzzes the form line editor (src/ui/edit.c) with arbitrary key sequences,
 * against a model: an array of code points and a cursor index. No terminal
 * is involved; the editor is plain memory.
 *
 * Byte 0 bit 0: start from a zeroed editor (a form field nobody set) rather
 * than xf_edit_set(""). Then each byte is an operation, some followed by
 * operand bytes (see step()). */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "xf/error.h"
#include "xf/text.h"
#include "xf/ui_form.h"

struct model {
    unsigned *cp;
    size_t n, cap, pos;
};

/* Characters worth trying often: controls, escapes, bidi, zero-width,
 * CJK, wide emoji, combining marks, the replacement character. */
static const unsigned interesting[] = {
    0x00,   0x07,   0x08,    0x09,    0x0A,    0x0D,    0x1B,   0x7F,   0x80,
    0x9B,   0x9D,   0x9C,    0xA0,    0xAD,    0x061C,  0x200B, 0x200D, 0x200E,
    0x202E, 0x2066, 0x2069,  0x2060,  0x2063,  0xFEFF,  0xFFFD, 0x4E2D, 0x5148,
    0x3000, 0xFF01, 0x1F600, 0x0301,  0x20000, 0xD800,  0x110000, 0xE0041, 0x2028,
};

static void model_reserve(struct model *m)
{
    if (m->n < m->cap)
        return;
    m->cap = m->cap ? 2 * m->cap : 64;
    m->cp = realloc(m->cp, m->cap * sizeof *m->cp);
    FUZZ_CHECK(m->cp != NULL);
}

static void model_insert(struct model *m, unsigned cp)
{
    model_reserve(m);
    memmove(m->cp + m->pos + 1, m->cp + m->pos, (m->n - m->pos) * sizeof *m->cp);
    m->cp[m->pos++] = cp;
    m->n++;
}

static void model_remove(struct model *m, size_t at)
{
    memmove(m->cp + at, m->cp + at + 1, (m->n - at - 1) * sizeof *m->cp);
    m->n--;
}

static void model_load(struct model *m, const char *s)
{
    size_t len = strlen(s);
    m->n = m->pos = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += xf_utf8_decode(s + i, len - i, &cp);
        model_insert(m, cp);
    }
}

/* What xf_utf8_encode stores for cp. */
static unsigned normalised(unsigned cp)
{
    return cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp;
}

/* The editor must hold exactly the model's text, cursor included. */
static void check_same(const struct xf_edit *e, const struct model *m)
{
    FUZZ_CHECK(e->cur <= e->len);
    if (!e->buf) {
        FUZZ_CHECK(e->len == 0 && m->n == 0);
        FUZZ_CHECK(xf_edit_chars(e) == 0 && xf_edit_cursor_cells(e, 0) == 0);
        return;
    }
    FUZZ_CHECK(e->len < e->cap && e->buf[e->len] == '\0' && strlen(e->buf) == e->len);
    FUZZ_CHECK(xf_utf8_valid(e->buf, e->len));
    size_t off = 0, cur_off = (size_t)-1;
    int cells = 0, cur_cells = 0;
    for (size_t i = 0; i < m->n; i++) {
        char b[4];
        if (i == m->pos)
            cur_off = off, cur_cells = cells;
        size_t k = xf_utf8_encode(m->cp[i], b);
        FUZZ_CHECK(off + k <= e->len && memcmp(e->buf + off, b, k) == 0);
        FUZZ_CHECK(!fuzz_forbidden_cp(m->cp[i], 1));
        off += k;
        cells += xf_cp_width(m->cp[i]);
    }
    if (m->pos == m->n)
        cur_off = off, cur_cells = cells;
    FUZZ_CHECK(off == e->len);
    FUZZ_CHECK(e->cur == cur_off);
    FUZZ_CHECK(xf_edit_chars(e) == m->n);
    FUZZ_CHECK(xf_edit_cursor_cells(e, 0) == cur_cells);
}

/* Runs one operation on both; returns the operand bytes consumed. */
static size_t step(struct xf_edit *e, struct model *m, const uint8_t *p, size_t left)
{
    uint8_t op = p[0] % 12;
    unsigned cp = 0;
    size_t used = 1;
    switch (op) {
    case 0:
        cp = left > 1 ? p[1] : 'a';
        used = 2;
        break;
    case 1:
        if (left > 3)
            cp = ((unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3]) & 0x1FFFFF;
        used = 4;
        break;
    case 2:
        cp = 0x4E00 + (left > 2 ? ((unsigned)p[1] << 8 | p[2]) % 0x5200 : 0);
        used = 3;
        break;
    case 3:
        cp = interesting[(left > 1 ? p[1] : 0) % (sizeof interesting / sizeof *interesting)];
        used = 2;
        break;
    case 4:
        FUZZ_CHECK(xf_edit_newline(e) == XF_OK);
        model_insert(m, '\n');
        return 1;
    case 5:
        xf_edit_backspace(e);
        if (m->pos > 0)
            model_remove(m, --m->pos);
        return 1;
    case 6:
        xf_edit_delete(e);
        if (m->pos < m->n)
            model_remove(m, m->pos);
        return 1;
    case 7:
        xf_edit_left(e);
        m->pos -= m->pos > 0;
        return 1;
    case 8:
        xf_edit_right(e);
        m->pos += m->pos < m->n;
        return 1;
    case 9:
        xf_edit_home(e);
        m->pos = 0;
        return 1;
    case 10:
        xf_edit_end(e);
        m->pos = m->n;
        return 1;
    default: {
        /* Set to sanitised text, as xf_form_set_text does. */
        size_t hdr = left > 1 ? 2 : 1;
        size_t k = left > 1 ? p[1] % 48 : 0;
        if (k > left - hdr)
            k = left - hdr;
        char *raw = fuzz_cstr(p + hdr, k);
        char *clean = xf_text_sanitize(raw, p[0] & 0x80);
        FUZZ_CHECK(clean && xf_edit_set(e, clean) == XF_OK);
        model_load(m, clean);
        free(clean);
        free(raw);
        return hdr + k;
    }
    }
    size_t before = e->len;
    int rc = xf_edit_insert(e, cp);
    unsigned stored = normalised(cp);
    if (fuzz_forbidden_cp(stored, 0))
        FUZZ_CHECK(rc != XF_OK);
    if (rc == XF_OK)
        model_insert(m, stored);
    else
        FUZZ_CHECK(e->len == before);
    return used;
}

int xf_fuzz_edit(const uint8_t *data, size_t size)
{
    struct xf_edit e = {0};
    struct model m = {0};
    if (size > 0 && !(data[0] & 1))
        FUZZ_CHECK(xf_edit_set(&e, "") == XF_OK);
    check_same(&e, &m);
    /* Checking is linear in the text: on long texts check now and then, so
     * a long input does not turn quadratic. */
    if (size > 4096)
        size = 4096;
    for (size_t i = 1, ops = 0; i < size; ops++) {
        i += step(&e, &m, data + i, size - i);
        if (m.n < 64 || ops % 32 == 0)
            check_same(&e, &m);
    }
    check_same(&e, &m);
    xf_edit_free(&e);
    FUZZ_CHECK(e.buf == NULL && e.len == 0);
    free(m.cp);
    return 0;
}

XF_FUZZ_ENTRY(xf_fuzz_edit)
