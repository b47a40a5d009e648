/* A small table of strings: what reports return and front ends print as
 * aligned text or CSV. */
#ifndef XF_TABLE_H
#define XF_TABLE_H
#include <stddef.h>
#include <stdio.h>

struct xf_table {
    char *title;
    size_t ncols, nrows, cap;
    char **head;      /* ncols column names (shown to users, via _()) */
    char **cells;     /* nrows * ncols, row-major; never NULL entries */
    int *right;       /* ncols flags: right-align (numbers) in text output */
};

/* Starts a table with ncols columns named by the NULL-terminated names. */
int xf_table_init(struct xf_table *t, const char *title, const char *const *names);
/* Marks column col as numeric (right-aligned). */
void xf_table_numeric(struct xf_table *t, size_t col);
/* Appends one row of ncols strings (NULL becomes ""). Returns 0 or -1 (OOM). */
int xf_table_add(struct xf_table *t, const char *const *cells);
/* printf-style convenience: appends a row from a format of ncols fields
 * separated by '\t'. */
int xf_table_addf(struct xf_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *xf_table_cell(const struct xf_table *t, size_t row, size_t col);
/* Text with columns aligned by display width (CJK = 2 cells). */
void xf_table_print_text(const struct xf_table *t, FILE *f);
void xf_table_print_csv(const struct xf_table *t, FILE *f);
void xf_table_free(struct xf_table *t);
/* Writes v into out (size bytes) as snprintf's "%.1f" would: the same
 * rounding of v's exact binary value, half to even. Returns out. A report
 * of thousands of rates spends a quarter of its time in printf's general
 * floating-point conversion otherwise. */
char *xf_table_decimal1(double v, char *out, size_t size);
/* v rounded to one decimal as people round (四舍五入: 81.25 → 81.3, half
 * away from zero), for a rate of counts: printf's "%.1f" rounds the
 * binary value half to even (81.2). A tie that num/den misses by a
 * rounding error of the division counts as a tie. */
double xf_table_round1(double v);
/* The same to two decimals, for scores and their means (549 / 8 = 68.625
 * is 68.63, as 四舍五入 and SQLite's round() have it, not printf's 68.62). */
double xf_table_round2(double v);

#endif
