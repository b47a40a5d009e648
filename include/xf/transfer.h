/* CSV import and export, one descriptor per kind of record. The domain
 * module of each entity fills one; the command line drives them. */
#ifndef XF_TRANSFER_H
#define XF_TRANSFER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "xf/ctx.h"
#include "xf/error.h"

typedef void (*xf_emit_fn)(void *arg, const char *const *fields);

/* The mistakes of one imported row that do not hang on each other (a
 * cell's own: required, its form, a real date, its length, a listed
 * value, a code the database must hold, its characters), all told at
 * once: told one a run, a clerk mended line 3's evidence only to learn
 * then that its verifier was missing too. Checks that need a valid
 * earlier cell still stop at their first. */
#define XF_ROW_MISTAKES_MAX 16
struct xf_row_mistakes {
    int n;   /* kept in e, at most XF_ROW_MISTAKES_MAX */
    long more; /* noted past that */
    struct xf_error e[XF_ROW_MISTAKES_MAX];
};
/* Notes a check's outcome (rc, and err when it failed). A refusal of the
 * row (a bad cell) is kept in row, err cleared, and XF_OK returned so the
 * next check runs; a fault (a full disk, a role without the right) is
 * returned as it is. With row NULL every failure is returned: the first
 * stops the row. */
int xf_row_note(struct xf_row_mistakes *row, int rc, struct xf_error *err);
/* After a row's independent checks: XF_OK when none failed, otherwise the
 * first mistake's code with *err that mistake (the rest stay in row), so
 * that the checks needing valid cells are not run on bad ones. */
int xf_row_verdict(const struct xf_row_mistakes *row, struct xf_error *err);

struct xf_kind_io {
    const char *name;             /* "units", "members", "posts", ... */
    const char *const *columns;   /* NULL-terminated header, export order */
    const char *const *required;  /* NULL-terminated: columns an import must have */
    /* export_rows keeps to the user's scope itself. Otherwise, for a user
     * with a scope, the rows are kept whose unit (the code in column
     * scope_column, or the unit of the post coded there when
     * scope_by_post) lies in it; a kind with neither is refused them. */
    bool scoped;
    const char *scope_column;
    bool scope_by_post;
    /* The date an export's --since/--until choose rows by (the first ten
     * characters of the column: received_at's day); NULL: the kind takes
     * no period. */
    const char *period_column;
    /* The column an export's --quarter keeps rows by (an evaluation's
     * quarter); NULL: the kind takes no quarter. */
    const char *quarter_column;
    /* Calls emit once per row, fields in `columns` order; rows ordered so
     * that an import in the same order succeeds (parents first). */
    int (*export_rows)(const struct xf_ctx *ctx, xf_emit_fn emit, void *arg,
                       struct xf_error *err);
    /* A column naming another record of the same kind (a unit's parent):
     * a row refused there as naming no such record is tried again after
     * the file's other rows, which may hold it. NULL: none. */
    const char *later_column;
    /* A required column the header may lack (a 12345 list of complaints
     * just received has no state): its rows then take absent_value,
     * unless one of the columns absent_unless is filled (a complaint
     * dispatched), which keeps the column required. NULL: none. */
    const char *absent_column, *absent_value;
    const char *const *absent_unless;
    /* Validates and inserts one row; fields in `columns` order, NULL for a
     * column the file did not have. Runs inside the import's transaction;
     * on error fills err (field = column name), the caller adds the line.
     * The row's independent mistakes are noted in row (xf_row_note), err
     * then the first; row NULL: the first mistake alone, in err. */
    int (*import_row)(const struct xf_ctx *ctx, const char *const *fields,
                      struct xf_row_mistakes *row, struct xf_error *err);
};

/* Refuses a row whose code a record in the database has (holder: that
 * record's name, or NULL), saying that an import adds records and changes
 * none. Returns XF_EINVAL. */
int xf_import_code_taken(struct xf_error *err, const char *code, const char *holder);
/* XF_OK when the record an import row adds belongs to unit_id, which
 * code (the cell of column) names, within the importing user's scope
 * (always for a user without one). Otherwise XF_EPERM on column: a
 * refusal of the row like a bad cell, naming the code and the scope.
 * unit_id 0 is a top-level unit (a row without a parent), which only a
 * user without a scope may add. */
int xf_import_in_scope(const struct xf_ctx *ctx, int64_t unit_id, const char *column,
                       const char *code, struct xf_error *err);
/* XF_OK unless table ("unit", "post", "project") holds a code differing
 * from code in upper and lower case alone (xm-k-005 beside XM-K-005):
 * then an error on field "code" naming it. */
int xf_code_case_unique(const struct xf_ctx *ctx, const char *table, const char *code,
                        struct xf_error *err);

/* The registered kinds, in dependency order; NULL-terminated. */
extern const struct xf_kind_io *const xf_kinds[];
const struct xf_kind_io *xf_kind_find(const char *name);

/* Imports a whole CSV file of one kind in one transaction: every row or
 * none. Every row is checked: each mistake of a bad one is passed to
 * bad_row (its err naming the line and column; a row with three
 * independent mistakes calls it three times, with one line) and the
 * import then fails with the count of bad rows;
 * with bad_row NULL the first bad row stops it, named in err. A fault
 * that is not a row's (a full disk, a lock) stops it at once. *rows gets
 * the count imported. */
typedef void (*xf_bad_row_fn)(void *arg, const struct xf_error *err);
int xf_import_file(const struct xf_ctx *ctx, const struct xf_kind_io *kind, const char *path,
                   xf_bad_row_fn bad_row, void *arg, long *rows, struct xf_error *err);

/* Which rows an export keeps; every member NULL: all. since and until
 * (YYYY-MM-DD, inclusive) keep the rows whose period column falls between
 * them, quarter ("2026Q3") those of its quarter column; the kind must
 * have the column. */
struct xf_export_only {
    const char *since, *until, *quarter;
};
/* Exports the rows of kind that only keeps (NULL: every row) to f as CSV
 * with a header; *rows the count. */
int xf_export_file(const struct xf_ctx *ctx, const struct xf_kind_io *kind, FILE *f,
                   const struct xf_export_only *only, long *rows, struct xf_error *err);

#endif
