/* CSV export/import helpers for the unit, post and evaluation tests: they
 * drive a kind's export_rows/import_row directly (as the transfer module
 * does) so a round trip can be checked in memory. Include after testutil.h
 * with TU_WITH_DB. */
#ifndef TU_ROUNDTRIP_H
#define TU_ROUNDTRIP_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xf/csv.h"
#include "xf/store_internal.h"
#include "xf/transfer.h"

struct tu_sink {
    FILE *f;
    size_t ncols;
};

static inline void tu_emit(void *arg, const char *const *fields)
{
    struct tu_sink *s = arg;
    xf_csv_write_row(s->f, fields, s->ncols);
}

static inline size_t tu_ncols(const struct xf_kind_io *k)
{
    size_t n = 0;
    while (k->columns[n])
        n++;
    return n;
}

/* The kind's CSV (header and rows) from e's database; caller frees. */
static inline char *tu_export(struct tu_env *e, const struct xf_kind_io *k)
{
    char *buf = NULL;
    size_t len = 0;
    struct tu_sink s = {open_memstream(&buf, &len), tu_ncols(k)};
    struct xf_error err = {0};
    xf_csv_write_row(s.f, k->columns, s.ncols);
    if (k->export_rows(&e->ctx, tu_emit, &s, &err) != XF_OK)
        fprintf(stderr, "tu_export %s: %s\n", k->name, err.msg);
    fclose(s.f);
    return buf;
}

/* Imports csv (its header may name any of the kind's columns) into e, all
 * rows in one transaction. Returns the status; err->line is the CSV line. */
static inline int tu_import(struct tu_env *e, const struct xf_kind_io *k, const char *csv,
                            struct xf_error *err)
{
    struct xf_csv_reader *r;
    int rc = xf_csv_open_mem(csv, strlen(csv), &r, err);
    if (rc)
        return rc;
    size_t ncols = tu_ncols(k), nhead;
    char **rec;
    if (xf_csv_next(r, &rec, &nhead, err) != 1) {
        xf_csv_close(r);
        return XF_EINVAL;
    }
    int *map = calloc(nhead, sizeof *map);
    for (size_t i = 0; i < nhead; i++) {
        map[i] = -1;
        for (size_t c = 0; c < ncols; c++)
            if (!strcmp(rec[i], k->columns[c]))
                map[i] = (int)c;
    }
    const char **fields = calloc(ncols, sizeof *fields);
    xf_db_begin(e->db, "test.import", err);
    size_t n;
    while (rc == XF_OK && xf_csv_next(r, &rec, &n, err) == 1) {
        memset(fields, 0, ncols * sizeof *fields);
        for (size_t i = 0; i < n && i < nhead; i++)
            if (map[i] >= 0)
                fields[map[i]] = rec[i];
        rc = k->import_row(&e->ctx, fields, NULL, err);
        if (rc)
            err->line = xf_csv_line(r);
    }
    if (rc == XF_OK)
        rc = xf_db_commit(e->db, err);
    else
        xf_db_rollback(e->db);
    free(fields);
    free(map);
    xf_csv_close(r);
    return rc;
}

/* Rows in the history for entity/id with action (NULL = any). */
static inline int tu_history(struct tu_env *e, const char *entity, int64_t id,
                             const char *action)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(xf_db_handle(e->db),
                       "SELECT count(*) FROM history WHERE entity=?1 AND entity_id=?2"
                       " AND (?3 IS NULL OR action=?3)",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    if (action)
        sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* A user limited to the subtree of the unit with code scope. */
static inline void tu_scope(struct tu_env *e, struct xf_user *u, char **scopes, const char *login,
                            enum xf_role role)
{
    *u = (struct xf_user){.login = (char *)login, .name = "", .role = role, .scopes = scopes,
                          .n_scopes = 1};
    tu_act_as(e, login, role);
    e->ctx.user = u;
}
#endif
