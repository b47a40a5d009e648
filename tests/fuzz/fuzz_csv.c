/* Fuzzes the CSV reader (src/util/csv.c) over arbitrary bytes, and checks
 * that what it reads survives the writer: records read, written with a
 * BOM, and read again come back the same. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "xf/csv.h"
#include "xf/text.h"

/* A length-prefixed dump of records, for comparing two readings. */
static void dump_field(FILE *f, const char *s, bool crlf_to_lf)
{
    size_t len = strlen(s), n = 0;
    for (size_t i = 0; i < len; i++)
        n += !(crlf_to_lf && s[i] == '\r' && s[i + 1] == '\n');
    fprintf(f, "%zu:", n);
    for (size_t i = 0; i < len; i++)
        if (!(crlf_to_lf && s[i] == '\r' && s[i + 1] == '\n'))
            fputc(s[i], f);
}

/* A record the writer turns into a blank line, which readers skip. */
static bool writes_blank(char **fields, size_t n)
{
    return n == 1 && fields[0][0] == '\0';
}

static void check_record(char **fields, size_t n)
{
    FUZZ_CHECK(fields != NULL && n >= 1 && n <= XF_CSV_MAX_FIELDS);
    FUZZ_CHECK(fields[n] == NULL);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(fields[i]);
        FUZZ_CHECK(len <= XF_CSV_MAX_FIELD);
        FUZZ_CHECK(xf_utf8_valid(fields[i], len));
    }
}

/* Reads everything; writes each record to out (when given) and its dump to
 * dump. Returns the xf_csv_next result that ended the input. */
static int read_all(const char *buf, size_t len, FILE *out, FILE *dump, bool crlf_to_lf,
                    const char **encoding)
{
    struct xf_csv_reader *r = NULL;
    struct xf_error err = {0};
    int rc = xf_csv_open_mem(buf, len, &r, &err);
    if (rc != XF_OK) {
        FUZZ_CHECK(r == NULL && err.msg[0] != '\0');
        return -2;
    }
    FUZZ_CHECK(r != NULL);
    *encoding = xf_csv_encoding(r);
    FUZZ_CHECK(strcmp(*encoding, "utf-8") == 0 || strcmp(*encoding, "utf-8-bom") == 0 ||
               strcmp(*encoding, "gb18030") == 0);
    char **fields;
    size_t n;
    long last_line = 0;
    while ((rc = xf_csv_next(r, &fields, &n, &err)) == 1) {
        check_record(fields, n);
        long line = xf_csv_line(r);
        FUZZ_CHECK(line >= 1 && line >= last_line);
        last_line = line;
        if (writes_blank(fields, n))
            continue;
        if (out)
            xf_csv_write_row(out, (const char *const *)fields, n);
        fprintf(dump, "R%zu:", n);
        for (size_t i = 0; i < n; i++)
            dump_field(dump, fields[i], crlf_to_lf);
    }
    if (rc == -1) {
        FUZZ_CHECK(err.msg[0] != '\0' && err.line >= 1);
        /* A failed reader keeps failing the same way. */
        struct xf_error again = {0};
        FUZZ_CHECK(xf_csv_next(r, &fields, &n, &again) == -1);
        FUZZ_CHECK(strcmp(again.msg, err.msg) == 0 && again.line == err.line);
    } else {
        FUZZ_CHECK(rc == 0);
        FUZZ_CHECK(xf_csv_next(r, &fields, &n, &err) == 0 && n == 0);
    }
    xf_csv_close(r);
    return rc;
}

int xf_fuzz_csv(const uint8_t *data, size_t size)
{
    char *written = NULL, *dump1 = NULL, *dump2 = NULL;
    size_t wlen = 0, d1len = 0, d2len = 0;
    FILE *out = open_memstream(&written, &wlen);
    FILE *dump = open_memstream(&dump1, &d1len);
    FUZZ_CHECK(out && dump);
    fputs("\xEF\xBB\xBF", out);
    const char *enc = NULL;
    int rc = read_all((const char *)data, size, out, dump, true, &enc);
    fclose(out);
    fclose(dump);
    if (rc == 0) {
        FILE *dump_b = open_memstream(&dump2, &d2len);
        FUZZ_CHECK(dump_b != NULL);
        const char *enc2 = NULL;
        FUZZ_CHECK(read_all(written, wlen, NULL, dump_b, false, &enc2) == 0);
        fclose(dump_b);
        FUZZ_CHECK(strcmp(enc2, "utf-8-bom") == 0);
        FUZZ_CHECK(d1len == d2len && memcmp(dump1, dump2, d1len) == 0);
    }
    free(written);
    free(dump1);
    free(dump2);
    return 0;
}

XF_FUZZ_ENTRY(xf_fuzz_csv)
