/* RFC 4180 CSV: a streaming reader that reports line numbers, handles
 * quotes and embedded newlines, a UTF-8 BOM, GB18030 input (detected and
 * converted), and bounded field sizes; and a writer. */
#ifndef XF_CSV_H
#define XF_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "xf/error.h"

#define XF_CSV_MAX_FIELD (64 * 1024) /* bytes per field */
#define XF_CSV_MAX_FIELDS 256

struct xf_csv_reader;

/* Reads a whole file (or stdin for "-") into memory, strips a UTF-8 BOM,
 * converts GB18030 to UTF-8 when the bytes are not valid UTF-8 but are
 * valid GB18030, and rejects anything else naming the line. */
int xf_csv_open(const char *path, struct xf_csv_reader **out, struct xf_error *err);
/* Same, over a memory buffer (copied). */
int xf_csv_open_mem(const char *buf, size_t len, struct xf_csv_reader **out,
                    struct xf_error *err);
/* Next record. Returns 1 with a record, 0 at end, -1 on error (err names
 * the line). Fields stay valid until the next call. Blank lines skipped. */
int xf_csv_next(struct xf_csv_reader *r, char ***fields, size_t *n, struct xf_error *err);
/* Line on which the record last returned starts (1-based). */
long xf_csv_line(const struct xf_csv_reader *r);
/* "utf-8", "utf-8-bom" or "gb18030": what the input was. */
const char *xf_csv_encoding(const struct xf_csv_reader *r);
void xf_csv_close(struct xf_csv_reader *r);

/* Whether a spreadsheet would take cell s for a formula (it starts with
 * = + - @, a tab or a CR, and is neither that one character nor a plain
 * number): the writer puts an apostrophe before such a cell, and imports
 * take it off. */
bool xf_csv_formula_like(const char *s);
/* Writer: quotes a field only when needed; rows end with CRLF (RFC 4180). */
void xf_csv_write_field(FILE *f, const char *s, int first);
void xf_csv_write_row(FILE *f, const char *const *fields, size_t n);
void xf_csv_end_row(FILE *f);
/* f is a terminal (stdout): fields written to it are sanitised
 * (xf_text_sanitize, newlines kept), so a cell holding an escape sequence
 * cannot drive the terminal. Files and pipes get the data unchanged. */
void xf_csv_terminal(FILE *f);

#endif
