/* String tables for reports: built by the domain, printed by front ends. */
#include "xf/table.h"

#include <stdarg.h>
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

/* width 0 means "no padding" (the last, left-aligned column). */
static void print_cell(FILE *f, const char *s, int width, int right)
{
    char *clean = xf_text_sanitize(s, false);
    int w = xf_text_width(clean);
    if (width < w)
        width = w;
    if (right)
        fprintf(f, "%*s%s", width - w, "", clean);
    else
        fprintf(f, "%s%*s", clean, width - w, "");
    free(clean);
}

/* The width the cell takes once sanitised: escape sequences in the data
 * must not widen the column. */
static int clean_width(const char *s)
{
    char *clean = xf_text_sanitize(s, false);
    int w = xf_text_width(clean);
    free(clean);
    return w;
}

void xf_table_print_text(const struct xf_table *t, FILE *f)
{
    int *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
    if (!w)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = clean_width(t->head[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            int cw = clean_width(xf_table_cell(t, r, c));
            if (cw > w[c])
                w[c] = cw;
        }
    }
    if (t->title && *t->title) {
        char *title = xf_text_sanitize(t->title, false);
        fprintf(f, "%s\n", title);
        free(title);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        print_cell(f, t->head[c], c + 1 < t->ncols || t->right[c] ? w[c] : 0, t->right[c]);
        fputs(c + 1 < t->ncols ? "  " : "\n", f);
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            print_cell(f, xf_table_cell(t, r, c), c + 1 < t->ncols || t->right[c] ? w[c] : 0,
                       t->right[c]);
            fputs(c + 1 < t->ncols ? "  " : "\n", f);
        }
    free(w);
}

void xf_table_print_csv(const struct xf_table *t, FILE *f)
{
    xf_csv_write_row(f, (const char *const *)t->head, t->ncols);
    for (size_t r = 0; r < t->nrows; r++)
        xf_csv_write_row(f, (const char *const *)(t->cells + r * t->ncols), t->ncols);
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
