/* The UTF-8 line editor behind form fields: moves and deletes whole
 * characters, never bytes. */
#include <stdlib.h>
#include <string.h>

#include "xf/text.h"
#include "xf/ui_form.h"

static bool is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static int reserve(struct xf_edit *e, size_t more)
{
    if (e->len + more + 1 <= e->cap)
        return XF_OK;
    size_t cap = e->cap ? e->cap : 32;
    while (cap < e->len + more + 1)
        cap *= 2;
    char *b = realloc(e->buf, cap);
    if (!b)
        return XF_EIO;
    if (!e->buf)
        b[0] = '\0';
    e->buf = b;
    e->cap = cap;
    return XF_OK;
}

int xf_edit_set(struct xf_edit *e, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    e->len = 0;
    if (reserve(e, n) != XF_OK)
        return XF_EIO;
    memcpy(e->buf, s ? s : "", n);
    e->buf[n] = '\0';
    e->len = e->cur = n;
    return XF_OK;
}

int xf_edit_insert(struct xf_edit *e, unsigned cp)
{
    char b[5] = {0};
    size_t n = xf_utf8_encode(cp, b);
    if (cp < 0x20 || xf_text_has_controls(b))
        return XF_EINVAL;
    if (reserve(e, n) != XF_OK)
        return XF_EIO;
    memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
    memcpy(e->buf + e->cur, b, n);
    e->len += n;
    e->cur += n;
    return XF_OK;
}

int xf_edit_newline(struct xf_edit *e)
{
    if (reserve(e, 1) != XF_OK)
        return XF_EIO;
    memmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur + 1);
    e->buf[e->cur++] = '\n';
    e->len++;
    return XF_OK;
}

void xf_edit_left(struct xf_edit *e)
{
    while (e->cur > 0 && is_cont(e->buf[--e->cur]))
        ;
}

void xf_edit_right(struct xf_edit *e)
{
    if (e->cur < e->len)
        e->cur++;
    while (e->cur < e->len && is_cont(e->buf[e->cur]))
        e->cur++;
}

void xf_edit_backspace(struct xf_edit *e)
{
    /* Also keeps a field nobody set (buf NULL) from reaching memmove. */
    if (e->cur == 0)
        return;
    size_t end = e->cur;
    xf_edit_left(e);
    memmove(e->buf + e->cur, e->buf + end, e->len - end + 1);
    e->len -= end - e->cur;
}

void xf_edit_delete(struct xf_edit *e)
{
    if (e->cur >= e->len)
        return;
    xf_edit_right(e);
    xf_edit_backspace(e);
}

/* Removes bytes [from, to) and leaves the cursor at from. */
static void cut(struct xf_edit *e, size_t from, size_t to)
{
    if (!e->buf || from >= to)
        return;
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->cur = from;
}

void xf_edit_kill_before(struct xf_edit *e)
{
    size_t from = e->cur;
    while (from > 0 && e->buf[from - 1] != '\n')
        from--;
    cut(e, from, e->cur);
}

void xf_edit_kill_after(struct xf_edit *e)
{
    size_t to = e->cur;
    while (to < e->len && e->buf[to] != '\n')
        to++;
    cut(e, e->cur, to);
}

void xf_edit_home(struct xf_edit *e)
{
    e->cur = 0;
}

void xf_edit_end(struct xf_edit *e)
{
    e->cur = e->len;
}

size_t xf_edit_chars(const struct xf_edit *e)
{
    size_t n = 0;
    for (size_t i = 0; i < e->len; i++)
        n += !is_cont(e->buf[i]);
    return n;
}

int xf_edit_cursor_cells(const struct xf_edit *e, size_t from)
{
    int w = 0;
    for (size_t i = from; i < e->cur && i < e->len;) {
        unsigned cp;
        i += xf_utf8_decode(e->buf + i, e->len - i, &cp);
        w += xf_cp_width(cp);
    }
    return w;
}

void xf_edit_free(struct xf_edit *e)
{
    free(e->buf);
    memset(e, 0, sizeof *e);
}
