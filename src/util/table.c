/* String tables for reports: built by the domain, printed by front ends. */
#include "xf/table.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/csv.h"
#include "xf/text.h"

int xf_table_init(struct xf_table *t, const char *title, const char *const *names)
{
    memset(t, 0, sizeof *t);
    while (names[t->ncols])
        t->ncols++;
    t->title = strdup(title ? title : "");
    t->head = calloc(t->ncols ? t->ncols : 1, sizeof *t->head);
    t->right = calloc(t->ncols ? t->ncols : 1, sizeof *t->right);
    if (!t->title || !t->head || !t->right)
        return -1;
    for (size_t i = 0; i < t->ncols; i++)
        if (!(t->head[i] = strdup(names[i])))
            return -1;
    return 0;
}

void xf_table_numeric(struct xf_table *t, size_t col)
{
    if (col < t->ncols)
        t->right[col] = 1;
}

int xf_table_add(struct xf_table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **c = realloc(t->cells, cap * t->ncols * sizeof *c);
        if (!c)
            return -1;
        t->cells = c;
        t->cap = cap;
    }
    char **row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        row[i] = strdup(cells[i] ? cells[i] : "");
        if (!row[i]) {
            while (i-- > 0)
                free(row[i]);
            return -1;
        }
    }
    t->nrows++;
    return 0;
}

int xf_table_addf(struct xf_table *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = NULL;
    int n = vasprintf(&line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    const char **cells = calloc(t->ncols ? t->ncols : 1, sizeof *cells);
    if (!cells) {
        free(line);
        return -1;
    }
    char *p = line;
    for (size_t i = 0; i < t->ncols && p; i++) {
        cells[i] = p;
        p = strchr(p, '\t');
        if (p)
            *p++ = '\0';
    }
    int rc = xf_table_add(t, cells);
    free(cells);
    free(line);
    return rc;
}

const char *xf_table_cell(const struct xf_table *t, size_t row, size_t col)
{
    return row < t->nrows && col < t->ncols ? t->cells[row * t->ncols + col] : "";
}

/* A cell as it will be printed: cleaned of terminal controls (escape
 * sequences in the data must neither reach the terminal nor widen the
 * column) and measured, once. Most cells need no cleaning and print as
 * stored. */
struct cell {
    const char *text;
    char *own; /* the cleaned copy, when cleaning changed the text */
    int width;
};

static int measure(struct cell *c, const char *s)
{
    c->width = xf_text_clean_width(s);
    c->text = s;
    if (c->width >= 0)
        return 0;
    c->own = xf_text_sanitize(s, false);
    if (!c->own)
        return -1;
    c->text = c->own;
    c->width = xf_text_width(c->own);
    return 0;
}

/* Row 0 is the header, row r + 1 the table's row r. */
static struct cell *measure_all(const struct xf_table *t)
{
    size_t n = (t->nrows + 1) * t->ncols;
    struct cell *cells = calloc(n ? n : 1, sizeof *cells);
    for (size_t i = 0; cells && i < n; i++) {
        const char *s = i < t->ncols ? t->head[i] : t->cells[i - t->ncols];
        if (measure(&cells[i], s) != 0) {
            while (i-- > 0)
                free(cells[i].own);
            free(cells);
            cells = NULL;
        }
    }
    return cells;
}

/* One output line, built in memory and written with one fwrite. */
struct line {
    char *p;
    size_t n, cap;
};

static bool line_room(struct line *l, size_t more)
{
    if (l->n + more <= l->cap)
        return true;
    size_t cap = l->cap ? l->cap : 256;
    while (cap < l->n + more)
        cap *= 2;
    char *p = realloc(l->p, cap);
    if (!p)
        return false;
    l->p = p;
    l->cap = cap;
    return true;
}

static bool line_put(struct line *l, const char *s, size_t n)
{
    if (!line_room(l, n))
        return false;
    memcpy(l->p + l->n, s, n);
    l->n += n;
    return true;
}

static bool line_spaces(struct line *l, int n)
{
    if (n <= 0)
        return true;
    if (!line_room(l, (size_t)n))
        return false;
    memset(l->p + l->n, ' ', (size_t)n);
    l->n += (size_t)n;
    return true;
}

/* width 0 means "no padding" (the last, left-aligned column). */
static bool put_cell(struct line *l, const struct cell *c, int width, int right)
{
    int gap = width - c->width;
    if (right && !line_spaces(l, gap))
        return false;
    if (!line_put(l, c->text, strlen(c->text)))
        return false;
    return right || line_spaces(l, gap);
}

static bool put_row(struct line *l, const struct xf_table *t, const struct cell *row,
                    const int *w)
{
    l->n = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        bool last = c + 1 == t->ncols;
        if (!put_cell(l, &row[c], !last || t->right[c] ? w[c] : 0, t->right[c]) ||
            !line_put(l, last ? "\n" : "  ", last ? 1 : 2))
            return false;
    }
    return true;
}

void xf_table_print_text(const struct xf_table *t, FILE *f)
{
    struct cell *cells = measure_all(t);
    int *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
    struct line l = {0};
    if (!cells || !w)
        goto done;
    for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++)
        if (cells[i].width > w[i % t->ncols])
            w[i % t->ncols] = cells[i].width;
    if (t->title && *t->title) {
        char *title = xf_text_sanitize(t->title, false);
        if (title)
            fprintf(f, "%s\n", title);
        free(title);
    }
    for (size_t r = 0; r <= t->nrows && put_row(&l, t, cells + r * t->ncols, w); r++)
        fwrite(l.p, 1, l.n, f);
done:
    for (size_t i = 0; cells && i < (t->nrows + 1) * t->ncols; i++)
        free(cells[i].own);
    free(cells);
    free(w);
    free(l.p);
}

/* A figure that does not exist (a rate of nothing) reads "-" in text; in
 * CSV it is an empty cell, which a spreadsheet or script takes for no
 * value rather than for text in a column of numbers. */
void xf_table_print_csv(const struct xf_table *t, FILE *f)
{
    xf_csv_write_row(f, (const char *const *)t->head, t->ncols);
    const char **row = calloc(t->ncols ? t->ncols : 1, sizeof *row);
    for (size_t r = 0; r < t->nrows; r++) {
        char *const *cells = t->cells + r * t->ncols;
        for (size_t c = 0; row && c < t->ncols; c++)
            row[c] = t->right[c] && strcmp(cells[c], "-") == 0 ? "" : cells[c];
        xf_csv_write_row(f, row ? row : (const char *const *)cells, t->ncols);
    }
    free(row);
}

void xf_table_free(struct xf_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->ncols && t->head; i++)
        free(t->head[i]);
    free(t->cells);
    free(t->head);
    free(t->right);
    free(t->title);
    memset(t, 0, sizeof *t);
}

/* Digits of v, most significant first, ending at end; returns the start. */
static char *put_digits(unsigned long long v, char *end)
{
    do
        *--end = (char)('0' + v % 10);
    while (v /= 10);
    return end;
}

double xf_table_round1(double v)
{
    if (!isfinite(v))
        return v;
    double t = floor(fabs(v) * 10 + 0.5 + 1e-9) / 10;
    return v < 0 ? -t : t;
}

double xf_table_round2(double v)
{
    if (!isfinite(v))
        return v;
    double t = floor(fabs(v) * 100 + 0.5 + 1e-7) / 100;
    return v < 0 ? -t : t;
}

char *xf_table_decimal1(double v, char *out, size_t size)
{
    /* v * 10 needs 3 bits more than a double's 53: a long double of 64 or
     * more holds it exactly, so the remainder below decides the rounding
     * the way printf does. Elsewhere, and for what does not fit an
     * integer, printf itself. */
    if (LDBL_MANT_DIG < 57 || !isfinite(v) || fabs(v) >= 1e17) {
        snprintf(out, size, "%.1f", v);
        return out;
    }
    long double x = fabsl((long double)v * 10);
    unsigned long long tenths = (unsigned long long)x;
    long double rest = x - (long double)tenths;
    if (rest > 0.5L || (rest == 0.5L && (tenths & 1)))
        tenths++;
    char buf[32], *end = buf + sizeof buf - 1;
    *end = '\0';
    *--end = (char)('0' + tenths % 10);
    *--end = '.';
    char *p = put_digits(tenths / 10, end);
    if (signbit(v))
        *--p = '-';
    size_t n = (size_t)(buf + sizeof buf - p); /* with the NUL */
    if (size > 0) {
        n = n < size ? n : size;
        memcpy(out, p, n);
        out[n - 1] = '\0';
    }
    return out;
}
