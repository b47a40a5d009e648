/* RFC 4180 CSV reading and writing.
 *
 * The reader loads the whole input first: the encoding has to be decided
 * for the file as a whole (a GB18030 file from a Chinese spreadsheet can
 * look like UTF-8 for thousands of lines of ASCII), and every error must
 * name the line a user can open in an editor. */
#include "xf/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/text.h"

struct xf_csv_reader {
    char *buf;
    size_t len, pos;
    long line;     /* line of buf[pos] */
    long rec_line; /* line where the last record started */
    const char *encoding;
    /* The current record: fields back to back, each NUL-terminated. */
    char *rec;
    size_t rec_len, rec_cap;
    size_t offs[XF_CSV_MAX_FIELDS];
    char *fields[XF_CSV_MAX_FIELDS + 1];
    size_t n_fields;
    char *head[XF_CSV_MAX_FIELDS]; /* the first record: the column names */
    size_t n_head;
    bool failed;
    struct xf_error error; /* repeated to every call after a failure */
};

/* Sets err->line after xf_err has filled the rest: `return at_line(err, n,
 * xf_err(...))`. */
static int at_line(struct xf_error *err, long line, int code)
{
    if (err)
        err->line = line;
    return code;
}

/* 1-based line of byte offset off. */
static long line_of(const char *buf, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* Offset of the first byte that is not part of well-formed UTF-8. */
static size_t utf8_bad_offset(const char *buf, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = xf_utf8_decode(buf + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && memcmp(buf + i, "\xEF\xBF\xBD", 3) == 0))
            return i;
        i += n;
    }
    return len;
}

/* UTF-8 with a stray byte (a GBK character pasted into a UTF-8 file)
 * may still convert as GB18030, into nonsense that imports cleanly. A
 * file whose characters beyond two bytes mostly decode as UTF-8 is taken
 * as UTF-8, its bad bytes as errors: in GB18030 text such sequences are
 * rare accidents, and nearly every character is a bad byte. */
static bool mostly_utf8(const char *buf, size_t len)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = xf_utf8_decode(buf + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && memcmp(buf + i, "\xEF\xBF\xBD", 3) == 0))
            bad++;
        else if (n >= 3)
            good++;
        i += n ? n : 1;
    }
    return good >= 2 * bad;
}

/* GB18030 that happens to be valid UTF-8: a short list of names such as
 * 钱伟平 魏雪梅 is, byte for byte, "Ǯΰƽ κѩ÷". Such a file has no
 * character of three bytes or more (no Chinese) and some beyond the
 * letters a European name uses (U+0180 on: Greek, Cyrillic, Latin
 * Extended-B). Whether it is read as GB18030 then depends on that
 * reading giving Chinese. */
static bool utf8_looks_like_gbk(const char *buf, size_t len)
{
    bool beyond_latin = false;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = xf_utf8_decode(buf + i, len - i, &cp);
        if (n >= 3)
            return false;
        beyond_latin |= cp >= 0x180;
        i += n ? n : 1;
    }
    return beyond_latin;
}

static bool has_cjk(const char *buf, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = xf_utf8_decode(buf + i, len - i, &cp);
        if (cp >= 0x3400 && cp <= 0x9FFF)
            return true;
        i += n ? n : 1;
    }
    return false;
}

/* Converts GB18030 to UTF-8. Returns a new buffer or NULL, with *bad_at
 * set to the offset where conversion failed (or len on other failures). */
static char *gb18030_to_utf8(const char *buf, size_t len, size_t *out_len, size_t *bad_at)
{
    *bad_at = 0;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = 2 * len + 16; /* a 2-byte GB18030 character becomes 3 */
    char *out = malloc(cap);
    char *in = (char *)buf, *o = out;
    size_t in_left = len, o_left = cap;
    while (out && in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &o_left) != (size_t)-1)
            break;
        if (errno != E2BIG) {
            *bad_at = (size_t)(in - buf);
            free(out);
            out = NULL;
            break;
        }
        size_t used = (size_t)(o - out);
        char *grown = realloc(out, cap * 2);
        if (!grown) {
            free(out);
            out = NULL;
            break;
        }
        out = grown;
        cap *= 2;
        o = out + used;
        o_left = cap - used;
    }
    iconv_close(cd);
    if (out)
        *out_len = (size_t)(o - out);
    return out;
}

static void strip_bom(char **buf, size_t *len)
{
    if (*len >= 3 && memcmp(*buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(*buf, *buf + 3, *len - 3);
        *len -= 3;
    }
}

/* The 1-based column of byte off, read as the reader would: commas and
 * line ends inside quotes belong to the field, so a quoted field of
 * several lines keeps its record's count. */
static size_t column_of(const char *buf, size_t off)
{
    size_t col = 1;
    bool quoted = false;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted && buf[i] == ',')
            col++;
        else if (!quoted && buf[i] == '\n')
            col = 1;
    }
    return col;
}

/* The header's name for column col (the first record, read with quotes),
 * into out; "" when there is none or it is not clean text. */
static void header_name(const char *buf, size_t len, size_t col, char *out, size_t size)
{
    size_t c = 1, n = 0;
    bool quoted = false;
    out[0] = '\0';
    for (size_t i = 0; i < len && c <= col; i++) {
        if (buf[i] == '"') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && (buf[i] == '\n' || buf[i] == '\r'))
            break;
        if (!quoted && buf[i] == ',') {
            c++;
            continue;
        }
        if (c == col && n + 1 < size)
            out[n++] = buf[i];
    }
    out[n] = '\0';
    if (c < col || !xf_utf8_valid(out, n) || xf_text_has_control_chars(out, false))
        out[0] = '\0';
}

/* Decides the encoding of r->buf and leaves it as UTF-8 without a BOM. */
static int settle_encoding(struct xf_csv_reader *r, struct xf_error *err)
{
    const unsigned char *u = (const unsigned char *)r->buf;
    /* Excel's "Unicode Text" is UTF-16: a NUL in every other byte. */
    bool le = r->len >= 4 && u[0] && !u[1] && u[2] && !u[3];
    bool be = r->len >= 4 && !u[0] && u[1] && !u[2] && u[3];
    if (le || be ||
        (r->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))))
        return at_line(err, 1,
                       xf_err(err, XF_EINVAL, NULL, "%s",
                              _("the file is UTF-16 (Excel's \"Unicode Text\"); save it as "
                                "\"CSV UTF-8 (Comma delimited)\" and import that")));
    /* A workbook (.xlsx is a zip, .xls an OLE file) chosen instead of the
     * CSV saved from it: "contains a NUL byte" told a clerk nothing. */
    if ((r->len >= 4 && memcmp(u, "PK\x03\x04", 4) == 0) ||
        (r->len >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0))
        return at_line(err, 1,
                       xf_err(err, XF_EINVAL, NULL, "%s",
                              _("the file is a spreadsheet workbook (.xlsx or .xls), not CSV; "
                                "save it as \"CSV UTF-8 (Comma delimited)\" and import that")));
    const char *nul = memchr(r->buf, '\0', r->len);
    if (nul)
        return at_line(err, line_of(r->buf, (size_t)(nul - r->buf)),
                       xf_err(err, XF_EINVAL, NULL, "%s", _("contains a NUL byte")));
    bool bom = r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0;
    strip_bom(&r->buf, &r->len);
    size_t utf8_bad = utf8_bad_offset(r->buf, r->len), gb_len, bad = utf8_bad;
    char *gb = NULL;
    if (utf8_bad == r->len && !bom && utf8_looks_like_gbk(r->buf, r->len)) {
        size_t gb_bad;
        gb = gb18030_to_utf8(r->buf, r->len, &gb_len, &gb_bad);
        if (gb && !has_cjk(gb, gb_len)) {
            free(gb);
            gb = NULL;
        }
    }
    if (utf8_bad == r->len && !gb) {
        r->encoding = bom ? "utf-8-bom" : "utf-8";
        return XF_OK;
    }
    bool utf8 = !gb && (bom || mostly_utf8(r->buf, r->len));
    if (!utf8 && !gb) {
        /* When both fail, name the line where the likelier encoding broke:
         * the one that got further. */
        size_t gb_bad;
        gb = gb18030_to_utf8(r->buf, r->len, &gb_len, &gb_bad);
        if (!gb && gb_bad > bad)
            bad = gb_bad;
    }
    if (!gb) {
        long line = line_of(r->buf, bad);
        size_t col = column_of(r->buf, bad);
        char name[64] = "";
        if (line > 1)
            header_name(r->buf, r->len, col, name, sizeof name);
        if (*name)
            return at_line(err, line,
                           xf_err(err, XF_EINVAL, name, "%s",
                                  utf8 ? _("not valid UTF-8") : _("not valid UTF-8 or GB18030")));
        return at_line(err, line,
                       utf8 ? xf_err(err, XF_EINVAL, NULL, _("column %zu is not valid UTF-8"), col)
                            : xf_err(err, XF_EINVAL, NULL,
                                     _("column %zu is not valid UTF-8 or GB18030"), col));
    }
    free(r->buf);
    r->buf = gb;
    r->len = gb_len;
    strip_bom(&r->buf, &r->len); /* GB18030's own BOM decodes to U+FEFF */
    r->encoding = "gb18030";
    return XF_OK;
}

int xf_csv_open_mem(const char *buf, size_t len, struct xf_csv_reader **out, struct xf_error *err)
{
    *out = NULL;
    struct xf_csv_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->buf = malloc(len + 1))) {
        free(r);
        return at_line(err, 0, xf_err(err, XF_EIO, NULL, "%s", _("out of memory")));
    }
    if (len > 0)
        memcpy(r->buf, buf, len);
    r->len = len;
    r->line = 1;
    /* Lines ended by CR alone (Excel for the old Mac): with no LF in the
     * whole file, each CR is a line end (it read as one long header). */
    if (len > 0 && !memchr(r->buf, '\n', len))
        for (char *c = memchr(r->buf, '\r', len); c; c = memchr(c, '\r', len - (size_t)(c - r->buf)))
            *c = '\n';
    int rc = settle_encoding(r, err);
    if (rc != XF_OK) {
        xf_csv_close(r);
        return rc;
    }
    *out = r;
    return XF_OK;
}

/* The most an import reads: several times the city's biggest export (the
 * pledges, about 80 MB). /dev/zero, or a wrong file, took all the server's
 * memory, and the kernel's OOM killer then chose other users' sessions. */
#define SLURP_MAX ((size_t)256 << 20)

/* Reads all of f; returns NULL on a read error with errno set (EFBIG past
 * SLURP_MAX). */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        if (cap >= SLURP_MAX) {
            free(buf);
            errno = EFBIG;
            return NULL;
        }
        char *grown = realloc(buf, cap * 2);
        if (!grown)
            free(buf);
        buf = grown;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int xf_csv_open(const char *path, struct xf_csv_reader **out, struct xf_error *err)
{
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return at_line(err, 0,
                       xf_err(err, XF_EIO, NULL, _("cannot open %s: %s"), path, strerror(errno)));
    size_t len = 0;
    char *buf = slurp(f, &len);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (!buf && saved == EFBIG)
        return at_line(err, 0,
                       xf_err(err, XF_EINVAL, NULL,
                              _("the file is larger than %zu MB, more than any import needs: "
                                "is it the right one? (split a real one into smaller files)"),
                              SLURP_MAX >> 20));
    if (!buf)
        return at_line(err, 0,
                       xf_err(err, XF_EIO, NULL, _("cannot read %s: %s"), path, strerror(saved)));
    int rc = xf_csv_open_mem(buf, len, out, err);
    free(buf);
    return rc;
}

/* ---- records ----------------------------------------------------------- */

static int rec_putc(struct xf_csv_reader *r, char c)
{
    if (r->rec_len + 1 > r->rec_cap) {
        size_t cap = r->rec_cap ? r->rec_cap * 2 : 256;
        char *grown = realloc(r->rec, cap);
        if (!grown)
            return -1;
        r->rec = grown;
        r->rec_cap = cap;
    }
    r->rec[r->rec_len++] = c;
    return 0;
}

static bool at_eol(const struct xf_csv_reader *r)
{
    size_t p = r->pos;
    if (p >= r->len)
        return false;
    if (r->buf[p] == '\n')
        return true;
    return r->buf[p] == '\r' && (p + 1 == r->len || r->buf[p + 1] == '\n');
}

/* Steps over a line end (LF, CRLF, or a CR ending the input). */
static void skip_eol(struct xf_csv_reader *r)
{
    if (r->buf[r->pos] == '\r')
        r->pos++;
    if (r->pos < r->len && r->buf[r->pos] == '\n') {
        r->pos++;
        r->line++;
    }
}

/* Records the error in the reader, so later calls repeat it, and in err. */
/* col (1-based, 0 for none) names the field by the header's column name
 * once the header has been read. */
__attribute__((format(printf, 5, 6))) static int fail(struct xf_csv_reader *r, struct xf_error *err,
                                                      long line, size_t col, const char *fmt, ...)
{
    memset(&r->error, 0, sizeof r->error);
    r->error.code = XF_EINVAL;
    r->error.line = line;
    if (col > 0 && col <= r->n_head)
        snprintf(r->error.field, sizeof r->error.field, "%s", r->head[col - 1]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error.msg, sizeof r->error.msg, fmt, ap);
    va_end(ap);
    r->failed = true;
    if (err)
        *err = r->error;
    return -1;
}

static int field_char(struct xf_csv_reader *r, struct xf_error *err, size_t start, char c)
{
    if (r->rec_len - start >= XF_CSV_MAX_FIELD)
        return fail(r, err, r->line, r->n_fields + 1, _("column %zu is longer than %d bytes"),
                    r->n_fields + 1, XF_CSV_MAX_FIELD);
    if (rec_putc(r, c) != 0)
        return fail(r, err, r->line, 0, _("out of memory in column %zu"), r->n_fields + 1);
    return 0;
}

static int read_plain(struct xf_csv_reader *r, struct xf_error *err, size_t start)
{
    while (r->pos < r->len && r->buf[r->pos] != ',' && !at_eol(r)) {
        if (r->buf[r->pos] == '"')
            return fail(r, err, r->line, r->n_fields + 1,
                        _("stray quote in column %zu (quote the whole field)"), r->n_fields + 1);
        if (field_char(r, err, start, r->buf[r->pos++]) != 0)
            return -1;
    }
    return 0;
}

/* A quoted field: "" is a quote, and line ends are data. A CRLF inside is
 * stored as LF so that stored text has one newline convention. */
static int read_quoted(struct xf_csv_reader *r, struct xf_error *err, size_t start)
{
    long open_line = r->line;
    r->pos++;
    for (;;) {
        if (r->pos >= r->len)
            return fail(r, err, open_line, r->n_fields + 1,
                        _("quote opened in column %zu is never closed"), r->n_fields + 1);
        char c = r->buf[r->pos++];
        if (c == '"') {
            if (r->pos >= r->len || r->buf[r->pos] != '"')
                break;
            r->pos++;
        } else if (c == '\r' && r->pos < r->len && r->buf[r->pos] == '\n') {
            continue;
        } else if (c == '\n') {
            r->line++;
        }
        /* So long a quoted cell is a quote never closed: named where it
         * opened, not thousands of lines on where the length ran out. */
        if (r->line > open_line && r->rec_len - start >= XF_CSV_MAX_FIELD)
            return fail(r, err, open_line, r->n_fields + 1,
                        _("the quote opened in column %zu is not closed before %d bytes (a "
                          "stray \" in the cell?)"),
                        r->n_fields + 1, XF_CSV_MAX_FIELD);
        if (field_char(r, err, start, c) != 0)
            return -1;
    }
    if (r->pos < r->len && r->buf[r->pos] != ',' && !at_eol(r))
        return fail(r, err, r->line, r->n_fields + 1,
                    _("text after the closing quote in column %zu"), r->n_fields + 1);
    return 0;
}

static int read_field(struct xf_csv_reader *r, struct xf_error *err)
{
    if (r->n_fields >= XF_CSV_MAX_FIELDS)
        return fail(r, err, r->line, 0, _("more than %zu columns"), (size_t)XF_CSV_MAX_FIELDS);
    size_t start = r->rec_len;
    r->offs[r->n_fields] = start;
    int rc = r->pos < r->len && r->buf[r->pos] == '"' ? read_quoted(r, err, start)
                                                      : read_plain(r, err, start);
    if (rc != 0)
        return rc;
    if (rec_putc(r, '\0') != 0)
        return fail(r, err, r->line, 0, _("out of memory in column %zu"), r->n_fields + 1);
    r->n_fields++;
    return 0;
}

/* The first record names the columns, for errors in later ones. */
static void keep_header(struct xf_csv_reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++) {
        if (!(r->head[i] = strdup(r->fields[i])))
            break;
        r->n_head = i + 1;
    }
}

int xf_csv_next(struct xf_csv_reader *r, char ***fields, size_t *n, struct xf_error *err)
{
    *fields = NULL;
    *n = 0;
    if (r->failed) {
        if (err)
            *err = r->error;
        return -1;
    }
    while (at_eol(r))
        skip_eol(r);
    if (r->pos >= r->len)
        return 0;
    r->rec_line = r->line;
    r->rec_len = 0;
    r->n_fields = 0;
    for (;;) {
        if (read_field(r, err) != 0)
            return -1;
        if (r->pos < r->len && r->buf[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->pos < r->len)
            skip_eol(r);
        break;
    }
    for (size_t i = 0; i < r->n_fields; i++)
        r->fields[i] = r->rec + r->offs[i];
    r->fields[r->n_fields] = NULL;
    if (r->rec_line == 1 && r->n_head == 0)
        keep_header(r);
    *fields = r->fields;
    *n = r->n_fields;
    return 1;
}

long xf_csv_line(const struct xf_csv_reader *r)
{
    return r->rec_line;
}

const char *xf_csv_encoding(const struct xf_csv_reader *r)
{
    return r->encoding;
}

void xf_csv_close(struct xf_csv_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->rec);
    for (size_t i = 0; i < r->n_head; i++)
        free(r->head[i]);
    free(r);
}

/* ---- writer ------------------------------------------------------------ */

static bool needs_quotes(const char *s)
{
    size_t len = strlen(s);
    if (len == 0)
        return false;
    if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
        return true;
    return strpbrk(s, ",\"\r\n") != NULL;
}

static bool plain_number(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    bool digits = false, point = false;
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            digits = true;
        else if (*s == '.' && !point)
            point = true;
        else
            return false;
    return digits;
}

bool xf_csv_formula_like(const char *s)
{
    /* (a lone "-", a report's missing figure, is text to a spreadsheet) */
    return s && *s && s[1] && strchr("=+-@\t\r", *s) && !plain_number(s);
}

static FILE *terminal;

void xf_csv_terminal(FILE *f)
{
    terminal = f;
}

static void write_field(FILE *f, const char *s, int first)
{
    if (!first)
        fputc(',', f);
    /* A spreadsheet runs a cell that starts like a formula (a complaint's
     * text "=HYPERLINK(...)", a phone "+86 139..."): the apostrophe makes
     * it text, and Excel does not show it. Imports take it off again. */
    bool guard = xf_csv_formula_like(s);
    if (!s || (!guard && !needs_quotes(s))) {
        fputs(s ? s : "", f);
        return;
    }
    fputc('"', f);
    if (guard)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void xf_csv_write_field(FILE *f, const char *s, int first)
{
    if (f != terminal || !s || !xf_text_has_controls(s)) {
        write_field(f, s, first);
        return;
    }
    char *clean = xf_text_sanitize(s, true);
    write_field(f, clean ? clean : "", first);
    free(clean);
}

void xf_csv_write_row(FILE *f, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        xf_csv_write_field(f, fields[i], i == 0);
    xf_csv_end_row(f);
}

void xf_csv_end_row(FILE *f)
{
    fputs("\r\n", f);
}
