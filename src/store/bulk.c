/* Bulk INSERTs for the demo generator. Rows are buffered per table and
 * written BATCH at a time by one multi-row INSERT: a statement per row
 * costs a statement journal (savepoint, page copies) for every row, which
 * at city scale was most of the run. The multi-row statements are built
 * from the column lists below (the one place SQL text is not a static
 * literal: its length depends on the batch) and kept prepared for the
 * session. Ids are handed out here, from max(id)+1, so callers get them at
 * once. Before a table's rows go in, every table before it in enum order
 * (its parents) is flushed, so its references point at rows already
 * written; xf_store_bulk_flush checks them all. */
#include "xf/store_bulk.h"

#include <stdlib.h>
#include <string.h>

#include "xf/collate.h"
#include "xf/i18n.h"
#include "xf/store_internal.h"

/* 1 GiB of page cache at most while generating (used only as needed): the
 * city-scale database (~250 MB) then stays in memory instead of spilling
 * to the WAL half-way through. */
#define BULK_CACHE_KIB 1048576
#define BATCH 256 /* rows per INSERT: 28 columns x 256 stays below SQLite's 32766 */

static const char *const table_names[XF_BULK_NTABLES] = {
    [XF_BULK_UNIT] = "unit",
    [XF_BULK_MEMBER] = "member",
    [XF_BULK_PROJECT] = "project",
    [XF_BULK_POST] = "post",
    [XF_BULK_PLEDGE] = "pledge",
    [XF_BULK_EVALUATION] = "evaluation",
    [XF_BULK_EVALUATION_SCORE] = "evaluation_score",
    [XF_BULK_COMPLAINT] = "complaint",
    [XF_BULK_COMPLAINT_COHANDLER] = "complaint_cohandler",
    [XF_BULK_COMPLAINT_EVENT] = "complaint_event",
    [XF_BULK_INSPECTION] = "inspection",
    [XF_BULK_INSPECTION_ITEM] = "inspection_item",
    [XF_BULK_RECTIFICATION] = "rectification",
    [XF_BULK_IMPROVEMENT] = "improvement",
    [XF_BULK_AWARD] = "award",
};

const char *xf_store_bulk_table_name(enum xf_bulk_table t)
{
    return (unsigned)t < XF_BULK_NTABLES ? table_names[t] : "?";
}

/* Columns in bind order; the id always first, updated_at always last. */
static const struct {
    const char *cols;
    int n;
} table_cols[XF_BULK_NTABLES] = {
    [XF_BULK_UNIT] = {"id,parent_id,code,name,kind,trade,party_org,path,depth,updated_at", 10},
    [XF_BULK_MEMBER] = {"id,unit_id,code,name,name_key,position,is_leader,login,updated_at", 9},
    [XF_BULK_PROJECT] = {"id,code,name,category,owner_unit_id,updated_at", 6},
    [XF_BULK_POST] = {"id,code,unit_id,project_id,title,holder_member_id,holder_name,position,"
                      "scope,hotline,commit_standard,commit_time_limit,commit_quality,"
                      "commit_attitude,status,published_on,named_on,named_level,revoked_on,"
                      "revoke_reason,updated_at",
                      21},
    [XF_BULK_PLEDGE] = {"id,kind,member_id,unit_id,text,category,made_on,due_on,status,kept_on,"
                        "evidence,verified_by,withdrawn_on,withdraw_reason,created_by,updated_at",
                        16},
    [XF_BULK_EVALUATION] = {"id,post_id,quarter,score,passed,entered_by,updated_at", 7},
    [XF_BULK_EVALUATION_SCORE] = {"id,evaluation_id,grp,score,respondents,updated_at", 6},
    [XF_BULK_COMPLAINT] = {"id,code,source,kind,post_id,unit_id,category,text,complainant_name,"
                           "complainant_phone,state,received_at,lead_unit_id,dispatched_at,"
                           "sign_due,signed_at,reply_due,replied_at,reply_text,return_reason,"
                           "callback_outcome,redo_count,closed_at,closed_on_time,reject_reason,"
                           "merged_into,supervised,updated_at",
                           28},
    [XF_BULK_COMPLAINT_COHANDLER] = {"id,complaint_id,unit_id,updated_at", 4},
    [XF_BULK_COMPLAINT_EVENT] = {"id,complaint_id,at,actor,action,from_state,to_state,unit_id,"
                                 "note,updated_at",
                                 10},
    [XF_BULK_INSPECTION] = {"id,code,kind,template,post_id,unit_id,inspector,on_date,"
                            "samples_checked,samples_failed,items_failed,items_applicable,"
                            "critical_failed,findings,result,updated_at",
                            16},
    [XF_BULK_INSPECTION_ITEM] = {"id,inspection_id,item_no,label,critical,outcome,updated_at", 7},
    [XF_BULK_RECTIFICATION] = {"id,inspection_id,due_on,status,done_on,done_note,verified_by,"
                               "verified_on,updated_at",
                               9},
    [XF_BULK_IMPROVEMENT] = {"id,unit_id,kind,title,on_date,days_before,days_after,"
                             "national_limit_days,updated_at",
                             9},
    [XF_BULK_AWARD] = {"id,year,kind,post_id,unit_id,member_id,rank,score,status,decided_by,"
                       "updated_at",
                       11},
};

#define MAX_COLS 28

enum { V_NULL, V_INT, V_REAL, V_TEXT, V_BLOB };

/* A buffered value; text lives in the table's arena (an offset, as the
 * arena may move when it grows). */
struct val {
    int type;
    int len;
    union {
        int64_t i;
        double d;
        size_t off;
    } u;
};

struct pending {
    struct val *vals; /* BATCH rows of table_cols[t].n */
    int rows;
    bool have_id;
    int64_t next_id;
    char *arena;
    size_t used, cap;
    sqlite3_stmt *stmts[BATCH + 1]; /* by row count, prepared on first use */
};

struct xf_bulk_state {
    struct pending t[XF_BULK_NTABLES];
    /* Schema objects of the loaded tables set aside at the first write,
     * and the SQL that creates them again in xf_store_bulk_flush. */
    bool set_aside;
    char **create_sql;
    int n_create;
};

static void free_create_sql(struct xf_bulk_state *s)
{
    for (int i = 0; i < s->n_create; i++)
        sqlite3_free(s->create_sql[i]);
    free(s->create_sql);
    s->create_sql = NULL;
    s->n_create = 0;
}

static int64_t pragma_value(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = 0;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void set_pragma(sqlite3 *h, const char *name, int64_t v)
{
    char *sql = sqlite3_mprintf("PRAGMA %s=%lld", name, (long long)v);
    sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
}

/* A load is written once, into the file, under a rollback journal: in WAL
 * mode the commit wrote the whole of it (~270 MB at city scale) to the WAL
 * and the checkpoint then wrote it again. The journal holds only pages the
 * file had before the transaction (for the demo, the empty schema), and a
 * failed or killed load is rolled back from it as from the WAL. Leaving WAL
 * needs the file to itself: with another connection on it, nothing changes
 * (SQLite answers busy at once, without waiting). */
static bool journal_mode_is(sqlite3 *h, const char *sql, const char *mode)
{
    sqlite3_stmt *st;
    bool is = false;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *now = (const char *)sqlite3_column_text(st, 0);
        is = now && sqlite3_stricmp(now, mode) == 0;
    }
    sqlite3_finalize(st);
    return is;
}

static bool leave_wal(sqlite3 *h)
{
    return journal_mode_is(h, "PRAGMA journal_mode", "wal") &&
           journal_mode_is(h, "PRAGMA journal_mode=DELETE", "delete");
}

int xf_store_bulk_begin(struct xf_bulk *b, struct xf_db *db, struct xf_error *err)
{
    memset(b, 0, sizeof *b);
    b->state = calloc(1, sizeof *b->state);
    if (!b->state)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    for (int t = 0; t < XF_BULK_NTABLES; t++) {
        b->state->t[t].vals = calloc((size_t)BATCH * (size_t)table_cols[t].n, sizeof(struct val));
        if (!b->state->t[t].vals) {
            xf_store_bulk_end(b);
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
    }
    b->db = db;
    xf_db_now(b->stamp);
    sqlite3 *h = xf_db_handle(db);
    b->saved_cache_size = pragma_value(h, "PRAGMA cache_size");
    set_pragma(h, "cache_size", -BULK_CACHE_KIB);
    /* temp_store is left as it is: with MEMORY, the sorter of CREATE INDEX
     * allocates every entry on its own (the index builds of the flush took
     * an eighth more instructions), and a batch's statement journal is
     * small (SQLite keeps up to 64 KiB of one in memory). */
    /* Foreign keys are checked by the flush, a table at a time (0.25 s at
     * city scale); row by row they cost ~1 s. */
    b->saved_foreign_keys = pragma_value(h, "PRAGMA foreign_keys") != 0;
    if (b->saved_foreign_keys)
        set_pragma(h, "foreign_keys", 0);
    b->left_wal = leave_wal(h);
    return XF_OK;
}

void xf_store_bulk_end(struct xf_bulk *b)
{
    if (b->state) {
        for (int t = 0; t < XF_BULK_NTABLES; t++) {
            struct pending *p = &b->state->t[t];
            for (int k = 0; k <= BATCH; k++)
                sqlite3_finalize(p->stmts[k]);
            free(p->vals);
            free(p->arena);
        }
        free_create_sql(b->state);
        free(b->state);
        b->state = NULL;
    }
    if (b->db) {
        sqlite3 *h = xf_db_handle(b->db);
        set_pragma(h, "cache_size", b->saved_cache_size);
        if (b->saved_foreign_keys)
            set_pragma(h, "foreign_keys", 1);
        /* Should this fail, the next open of the file sets WAL again. */
        if (b->left_wal)
            sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    }
    b->db = NULL;
}

int xf_store_bulk_event_history(struct xf_bulk *b, struct xf_error *err)
{
    /* The row the audit trigger writes for an event (json_object of every
     * column), under the action the workflow step is recorded with: the
     * three outcomes of a callback are one step, "complaint.callback". */
    static const char sql[] =
        "INSERT INTO history(at,actor,client,entity,entity_id,action,before,after)"
        " SELECT e.at, e.actor, '', 'complaint_event', e.id, 'complaint.' ||"
        "  CASE WHEN e.action LIKE 'callback\\_%' ESCAPE '\\' THEN 'callback' ELSE e.action END,"
        "  NULL, json_object('id',e.id,'complaint_id',e.complaint_id,'at',e.at,'actor',e.actor,"
        "  'action',e.action,'from_state',e.from_state,'to_state',e.to_state,'unit_id',e.unit_id,"
        "  'note',e.note,'version',e.version,'updated_at',e.updated_at)"
        " FROM complaint_event e ORDER BY e.at, e.id";
    return b->rows[XF_BULK_COMPLAINT_EVENT] ? xf_exec(b->db, sql, err) : XF_OK;
}

int xf_store_bulk_has_units(struct xf_db *db, bool *any, struct xf_error *err)
{
    static const char sql[] = "SELECT EXISTS (SELECT 1 FROM unit)";
    int64_t n = 0;
    int rc = xf_stmt_int64(db, sql, &n, err);
    *any = n != 0;
    return rc;
}

static sqlite3_stmt *batch_stmt(struct xf_bulk *b, int t, int rows, struct xf_error *err)
{
    struct pending *p = &b->state->t[t];
    if (p->stmts[rows])
        return p->stmts[rows];
    sqlite3_str *s = sqlite3_str_new(xf_db_handle(b->db));
    sqlite3_str_appendf(s, "INSERT INTO %s(%s) VALUES ", table_names[t], table_cols[t].cols);
    for (int r = 0; r < rows; r++) {
        sqlite3_str_appendall(s, r ? ",(?" : "(?");
        for (int c = 1; c < table_cols[t].n; c++)
            sqlite3_str_appendall(s, ",?");
        sqlite3_str_appendall(s, ")");
    }
    char *sql = sqlite3_str_finish(s);
    if (!sql) {
        xf_err(err, XF_EIO, "", _("out of memory"));
        return NULL;
    }
    int rc = sqlite3_prepare_v3(xf_db_handle(b->db), sql, -1, SQLITE_PREPARE_PERSISTENT,
                                &p->stmts[rows], NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        xf_db_fail(b->db, rc, err);
        return NULL;
    }
    return p->stmts[rows];
}

static void bind_val(sqlite3_stmt *st, int i, const struct val *v, const char *arena)
{
    switch (v->type) {
    case V_INT: sqlite3_bind_int64(st, i, v->u.i); break;
    case V_REAL: sqlite3_bind_double(st, i, v->u.d); break;
    case V_TEXT: sqlite3_bind_text(st, i, arena + v->u.off, v->len, SQLITE_STATIC); break;
    case V_BLOB: sqlite3_bind_blob(st, i, arena + v->u.off, v->len, SQLITE_STATIC); break;
    default: sqlite3_bind_null(st, i); break;
    }
}

/* What the load does without, until the flush puts it back (inside the
 * caller's transaction, so a failed load rolls that back too):
 * - the non-unique indexes (unique ones stay: they are constraints): one
 *   sort per index after the load costs less than keeping each in order
 *   row by row;
 * - the INSERT triggers whose only condition is xf_audit() (history,
 *   search, pledge tally): bulk mode skips them anyway, but SQLite still
 *   entered each one for every row to find that out: over a third of the
 *   cost of writing a pledge. A trigger with any other condition stays. */
static const char set_aside_sql[] =
    "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND tbl_name IN (%s)"
    " AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE %%')"
    "  OR (type = 'trigger' AND sql LIKE '%% INSERT ON %% WHEN xf_audit() BEGIN%%'))";

static char *loaded_tables(sqlite3 *h)
{
    sqlite3_str *q = sqlite3_str_new(h);
    for (int t = 0; t < XF_BULK_NTABLES; t++)
        sqlite3_str_appendf(q, "%s%Q", t ? "," : "", table_names[t]);
    return sqlite3_str_finish(q);
}

static int remember(struct xf_bulk_state *s, const char *create)
{
    char **grown = realloc(s->create_sql, (size_t)(s->n_create + 1) * sizeof *grown);
    if (!grown)
        return SQLITE_NOMEM;
    s->create_sql = grown;
    if (!(s->create_sql[s->n_create] = sqlite3_mprintf("%s", create)))
        return SQLITE_NOMEM;
    s->n_create++;
    return SQLITE_OK;
}

static int set_aside(struct xf_bulk *b, struct xf_error *err)
{
    struct xf_bulk_state *s = b->state;
    sqlite3 *h = xf_db_handle(b->db);
    char *tables = loaded_tables(h);
    char *sql = tables ? sqlite3_mprintf(set_aside_sql, tables) : NULL;
    sqlite3_free(tables);
    sqlite3_stmt *st = NULL;
    int rc = sql ? sqlite3_prepare_v2(h, sql, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    s->set_aside = true;
    sqlite3_str *drops = sqlite3_str_new(h);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        rc = remember(s, (const char *)sqlite3_column_text(st, 2));
        sqlite3_str_appendf(drops, "DROP %s \"%w\";", (const char *)sqlite3_column_text(st, 0),
                            (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    char *drop_sql = sqlite3_str_finish(drops);
    if (rc != SQLITE_OK) {
        sqlite3_free(drop_sql);
        return xf_db_fail(b->db, rc, err);
    }
    rc = drop_sql ? xf_exec(b->db, drop_sql, err) : XF_OK;
    sqlite3_free(drop_sql);
    return rc;
}

static int put_back(struct xf_bulk *b, struct xf_error *err)
{
    struct xf_bulk_state *s = b->state;
    for (int i = 0; i < s->n_create; i++) {
        int rc = xf_exec(b->db, s->create_sql[i], err);
        if (rc)
            return rc;
    }
    free_create_sql(s);
    return XF_OK;
}

/* Writes table t's buffered rows, after those of every table before it. */
static int flush_table(struct xf_bulk *b, int t, struct xf_error *err)
{
    struct pending *p = &b->state->t[t];
    if (p->rows == 0)
        return XF_OK;
    if (!b->state->set_aside) {
        int rc = set_aside(b, err);
        if (rc)
            return rc;
    }
    for (int u = 0; u < t; u++) {
        int rc = flush_table(b, u, err);
        if (rc)
            return rc;
    }
    sqlite3_stmt *st = batch_stmt(b, t, p->rows, err);
    if (!st)
        return err ? err->code : XF_EDB;
    int n = p->rows * table_cols[t].n;
    for (int i = 0; i < n; i++)
        bind_val(st, i + 1, &p->vals[i], p->arena);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    p->rows = 0;
    p->used = 0;
    return rc == SQLITE_DONE ? XF_OK : xf_db_fail(b->db, rc, err);
}

/* The first row of table t whose reference leads nowhere, as SQLite would
 * have reported it when the row went in. */
static int check_references(struct xf_bulk *b, int t, struct xf_error *err)
{
    char *sql = sqlite3_mprintf("PRAGMA foreign_key_check(%s)", table_names[t]);
    sqlite3_stmt *st = NULL;
    int rc = sql ? sqlite3_prepare_v2(xf_db_handle(b->db), sql, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char *what = sqlite3_mprintf("FOREIGN KEY constraint failed (%s %lld: no such %s)",
                                     table_names[t], (long long)sqlite3_column_int64(st, 1),
                                     (const char *)sqlite3_column_text(st, 2));
        rc = xf_err(err, XF_EINVAL, "", _("rejected by a database rule: %s"),
                    what ? what : "FOREIGN KEY constraint failed");
        sqlite3_free(what);
    } else if (rc == SQLITE_DONE) {
        rc = XF_OK;
    } else {
        rc = xf_db_fail(b->db, rc, err);
    }
    sqlite3_finalize(st);
    return rc;
}

int xf_store_bulk_flush(struct xf_bulk *b, struct xf_error *err)
{
    for (int t = 0; t < XF_BULK_NTABLES; t++) {
        int rc = flush_table(b, t, err);
        if (rc)
            return rc;
    }
    for (int t = 0; t < XF_BULK_NTABLES && b->saved_foreign_keys; t++) {
        int rc = check_references(b, t, err);
        if (rc)
            return rc;
    }
    return put_back(b, err);
}

/* One row being assembled: values in table_cols order after the id. */
struct row {
    struct xf_bulk *b;
    int t;
    struct val v[MAX_COLS];
    int n;
    bool oom;
};

/* Copies len bytes (and a NUL) into the table's arena as value type. */
static void put_bytes(struct row *r, int type, const void *s, size_t len)
{
    struct val *v = &r->v[r->n++];
    struct pending *p = &r->b->state->t[r->t];
    if (p->used + len + 1 > p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16384;
        while (cap < p->used + len + 1)
            cap *= 2;
        char *a = realloc(p->arena, cap);
        if (!a) {
            r->oom = true;
            v->type = V_NULL;
            return;
        }
        p->arena = a;
        p->cap = cap;
    }
    memcpy(p->arena + p->used, s, len);
    p->arena[p->used + len] = '\0';
    v->type = type;
    v->u.off = p->used;
    v->len = (int)len;
    p->used += len + 1;
}

static void put_text(struct row *r, const char *s)
{
    if (s)
        put_bytes(r, V_TEXT, s, strlen(s));
    else
        r->v[r->n++] = (struct val){.type = V_NULL};
}

/* A member's name with its sort key (the key made here, in C, as the
 * load writes no SQL per row). */
static void put_name_keyed(struct row *r, const char *name)
{
    size_t len;
    unsigned char *k = xf_collate_key(name, &len);
    put_text(r, name);
    if (k)
        put_bytes(r, V_BLOB, k, len);
    else {
        r->oom = true;
        r->v[r->n++] = (struct val){.type = V_NULL};
    }
    free(k);
}

static void put_int(struct row *r, int64_t i)
{
    r->v[r->n++] = (struct val){.type = V_INT, .u.i = i};
}

/* A reference: 0 means none. */
static void put_ref(struct row *r, int64_t id)
{
    r->v[r->n++] = (struct val){.type = id ? V_INT : V_NULL, .u.i = id};
}

/* A measure: negative means none. */
static void put_real(struct row *r, double d)
{
    r->v[r->n++] = (struct val){.type = d >= 0 ? V_REAL : V_NULL, .u.d = d};
}

static int next_id(struct xf_bulk *b, int t, int64_t *id)
{
    struct pending *p = &b->state->t[t];
    if (!p->have_id) {
        char *sql = sqlite3_mprintf("SELECT coalesce(max(id),0) FROM %s", table_names[t]);
        if (!sql)
            return XF_EIO;
        p->next_id = pragma_value(xf_db_handle(b->db), sql) + 1;
        sqlite3_free(sql);
        p->have_id = true;
    }
    *id = p->next_id++;
    return XF_OK;
}

static void row_start(struct row *r, struct xf_bulk *b, int t, int64_t id)
{
    r->b = b;
    r->t = t;
    r->n = 0;
    r->oom = false;
    put_int(r, id);
}

/* Buffers the finished row (adding updated_at); a full batch is written. */
static int row_end(struct row *r, struct xf_error *err)
{
    put_text(r, r->b->stamp);
    if (r->oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    struct pending *p = &r->b->state->t[r->t];
    int n = table_cols[r->t].n;
    memcpy(&p->vals[(size_t)p->rows * (size_t)n], r->v, (size_t)n * sizeof r->v[0]);
    p->rows++;
    r->b->rows[r->t]++;
    return p->rows == BATCH ? flush_table(r->b, r->t, err) : XF_OK;
}

static int row_new(struct row *r, struct xf_bulk *b, int t, int64_t *id, struct xf_error *err)
{
    int64_t v;
    if (next_id(b, t, &v))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if (id)
        *id = v;
    row_start(r, b, t, v);
    return XF_OK;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

int xf_store_bulk_unit(struct xf_bulk *b, const struct xf_bulk_unit *u, struct xf_error *err)
{
    struct row r;
    int64_t ignored;
    if (next_id(b, XF_BULK_UNIT, &ignored))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    if (u->id >= b->state->t[XF_BULK_UNIT].next_id)
        b->state->t[XF_BULK_UNIT].next_id = u->id + 1;
    row_start(&r, b, XF_BULK_UNIT, u->id);
    put_ref(&r, u->parent_id);
    put_text(&r, u->code);
    put_text(&r, u->name);
    put_text(&r, u->kind);
    put_text(&r, or_empty(u->trade));
    put_text(&r, or_empty(u->party_org));
    put_text(&r, u->path);
    put_int(&r, u->depth);
    return row_end(&r, err);
}

int xf_store_bulk_member(struct xf_bulk *b, const struct xf_bulk_member *m, int64_t *id,
                         struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_MEMBER, id, err);
    if (rc)
        return rc;
    put_ref(&r, m->unit_id);
    put_text(&r, m->code);
    put_name_keyed(&r, m->name);
    put_text(&r, or_empty(m->position));
    put_int(&r, m->is_leader);
    put_text(&r, m->login);
    return row_end(&r, err);
}

int xf_store_bulk_project(struct xf_bulk *b, const struct xf_bulk_project *j, int64_t *id,
                          struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_PROJECT, id, err);
    if (rc)
        return rc;
    put_text(&r, j->code);
    put_text(&r, j->name);
    put_text(&r, j->category);
    put_ref(&r, j->owner_unit_id);
    return row_end(&r, err);
}

int xf_store_bulk_post(struct xf_bulk *b, const struct xf_bulk_post *p, int64_t *id,
                       struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_POST, id, err);
    if (rc)
        return rc;
    put_text(&r, p->code);
    put_ref(&r, p->unit_id);
    put_ref(&r, p->project_id);
    put_text(&r, p->title);
    put_ref(&r, p->holder_member_id);
    put_text(&r, or_empty(p->holder_name));
    put_text(&r, or_empty(p->position));
    put_text(&r, or_empty(p->scope));
    put_text(&r, or_empty(p->hotline));
    put_text(&r, or_empty(p->commit_standard));
    put_text(&r, or_empty(p->commit_time_limit));
    put_text(&r, or_empty(p->commit_quality));
    put_text(&r, or_empty(p->commit_attitude));
    put_text(&r, p->status);
    put_text(&r, p->published_on);
    put_text(&r, p->named_on);
    put_text(&r, p->named_level);
    put_text(&r, p->revoked_on);
    put_text(&r, p->revoke_reason);
    return row_end(&r, err);
}

int xf_store_bulk_pledge(struct xf_bulk *b, const struct xf_bulk_pledge *p, struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_PLEDGE, NULL, err);
    if (rc)
        return rc;
    put_text(&r, p->kind);
    put_ref(&r, p->member_id);
    put_ref(&r, p->unit_id);
    put_text(&r, p->text);
    put_text(&r, p->category);
    put_text(&r, p->made_on);
    put_text(&r, p->due_on);
    put_text(&r, p->status);
    put_text(&r, p->kept_on);
    put_text(&r, p->evidence);
    put_text(&r, p->verified_by);
    put_text(&r, p->withdrawn_on);
    put_text(&r, p->withdraw_reason);
    put_text(&r, or_empty(p->created_by));
    return row_end(&r, err);
}

int xf_store_bulk_evaluation(struct xf_bulk *b, const struct xf_bulk_evaluation *e, int64_t *id,
                             struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_EVALUATION, id, err);
    if (rc)
        return rc;
    put_ref(&r, e->post_id);
    put_text(&r, e->quarter);
    put_real(&r, e->score);
    put_int(&r, e->passed);
    put_text(&r, or_empty(e->entered_by));
    return row_end(&r, err);
}

int xf_store_bulk_evaluation_score(struct xf_bulk *b, const struct xf_bulk_evaluation_score *s,
                                   struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_EVALUATION_SCORE, NULL, err);
    if (rc)
        return rc;
    put_ref(&r, s->evaluation_id);
    put_text(&r, s->grp);
    put_real(&r, s->score);
    put_int(&r, s->respondents);
    return row_end(&r, err);
}

int xf_store_bulk_complaint(struct xf_bulk *b, const struct xf_bulk_complaint *c, int64_t *id,
                            struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_COMPLAINT, id, err);
    if (rc)
        return rc;
    put_text(&r, c->code);
    put_text(&r, c->source);
    put_text(&r, c->kind ? c->kind : "complaint");
    put_ref(&r, c->post_id);
    put_ref(&r, c->unit_id);
    put_text(&r, c->category);
    put_text(&r, c->text);
    put_text(&r, or_empty(c->complainant_name));
    put_text(&r, or_empty(c->complainant_phone));
    put_text(&r, c->state);
    put_text(&r, c->received_at);
    put_ref(&r, c->lead_unit_id);
    put_text(&r, c->dispatched_at);
    put_text(&r, c->sign_due);
    put_text(&r, c->signed_at);
    put_text(&r, c->reply_due);
    put_text(&r, c->replied_at);
    put_text(&r, c->reply_text);
    put_text(&r, c->return_reason);
    put_text(&r, c->callback_outcome);
    put_int(&r, c->redo_count);
    put_text(&r, c->closed_at);
    if (c->closed_on_time >= 0)
        put_int(&r, c->closed_on_time);
    else
        put_ref(&r, 0);
    put_text(&r, c->reject_reason);
    put_ref(&r, c->merged_into);
    put_int(&r, c->supervised);
    return row_end(&r, err);
}

int xf_store_bulk_complaint_cohandler(struct xf_bulk *b, int64_t complaint_id, int64_t unit_id,
                                      struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_COMPLAINT_COHANDLER, NULL, err);
    if (rc)
        return rc;
    put_ref(&r, complaint_id);
    put_ref(&r, unit_id);
    return row_end(&r, err);
}

int xf_store_bulk_complaint_event(struct xf_bulk *b, const struct xf_bulk_complaint_event *e,
                                  struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_COMPLAINT_EVENT, NULL, err);
    if (rc)
        return rc;
    put_ref(&r, e->complaint_id);
    put_text(&r, e->at);
    put_text(&r, e->actor);
    put_text(&r, e->action);
    put_text(&r, e->from_state);
    put_text(&r, e->to_state);
    put_ref(&r, e->unit_id);
    put_text(&r, or_empty(e->note));
    return row_end(&r, err);
}

int xf_store_bulk_inspection(struct xf_bulk *b, const struct xf_bulk_inspection *i, int64_t *id,
                             struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_INSPECTION, id, err);
    if (rc)
        return rc;
    put_text(&r, i->code);
    put_text(&r, i->kind);
    put_text(&r, i->template_name);
    put_ref(&r, i->post_id);
    put_ref(&r, i->unit_id);
    put_text(&r, i->inspector);
    put_text(&r, i->on_date);
    put_int(&r, i->samples_checked);
    put_int(&r, i->samples_failed);
    put_int(&r, i->items_failed);
    put_int(&r, i->items_applicable);
    put_int(&r, i->critical_failed);
    put_text(&r, or_empty(i->findings));
    put_text(&r, i->result);
    return row_end(&r, err);
}

int xf_store_bulk_inspection_item(struct xf_bulk *b, const struct xf_bulk_inspection_item *i,
                                  struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_INSPECTION_ITEM, NULL, err);
    if (rc)
        return rc;
    put_ref(&r, i->inspection_id);
    put_int(&r, i->item_no);
    put_text(&r, i->label);
    put_int(&r, i->critical);
    put_text(&r, i->outcome);
    return row_end(&r, err);
}

int xf_store_bulk_rectification(struct xf_bulk *b, const struct xf_bulk_rectification *x,
                                struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_RECTIFICATION, NULL, err);
    if (rc)
        return rc;
    put_ref(&r, x->inspection_id);
    put_text(&r, x->due_on);
    put_text(&r, x->status);
    put_text(&r, x->done_on);
    put_text(&r, x->done_note);
    put_text(&r, x->verified_by);
    put_text(&r, x->verified_on);
    return row_end(&r, err);
}

int xf_store_bulk_improvement(struct xf_bulk *b, const struct xf_bulk_improvement *m,
                              struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_IMPROVEMENT, NULL, err);
    if (rc)
        return rc;
    put_ref(&r, m->unit_id);
    put_text(&r, m->kind);
    put_text(&r, m->title);
    put_text(&r, m->on_date);
    put_real(&r, m->days_before);
    put_real(&r, m->days_after);
    put_real(&r, m->national_limit_days);
    return row_end(&r, err);
}

int xf_store_bulk_award(struct xf_bulk *b, const struct xf_bulk_award *a, struct xf_error *err)
{
    struct row r;
    int rc = row_new(&r, b, XF_BULK_AWARD, NULL, err);
    if (rc)
        return rc;
    put_int(&r, a->year);
    put_text(&r, a->kind);
    put_ref(&r, a->post_id);
    put_ref(&r, a->unit_id);
    put_ref(&r, a->member_id);
    put_int(&r, a->rank);
    r.v[r.n++] = (struct val){.type = V_REAL, .u.d = a->score};
    put_text(&r, a->status ? a->status : "candidate");
    put_text(&r, a->decided_by);
    return row_end(&r, err);
}
