/* The search of store_search.h as a test on one row, for queries that walk
 * an index in their own order and stop at a screenful (the complaints
 * list): SQL function xf_search_match(query, col, ...) is 1 when every
 * term of query is a substring of at least one of the non-NULL columns.
 *
 * It finds the same rows as xf_store_search. Terms of 1-2 characters fold
 * ASCII case only, as LIKE does there. Longer terms are what the trigram
 * index answers there, so they fold as its tokenizer does; most text
 * (ASCII, Chinese, CJK punctuation) has nothing to fold beyond ASCII and
 * is compared as it is, the rest is folded by the trigram tokenizer
 * itself, so the two can never drift apart. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/store_internal.h"
#include "xf/store_search.h"
#include "xf/text.h"

enum { TRIGRAM = 3, MAX_COLS = 8 };

/* The trigram tokenizer of the connection, shared by its matchers. */
struct folder {
    fts5_tokenizer api;
    Fts5Tokenizer *tok;
};

struct term {
    char *s; /* folded */
    size_t len;
    bool trigram;
};

struct matcher {
    const struct folder *fold;
    struct term *t;
    size_t n, cap;
    bool oom;
};

/* ---- folding ---------------------------------------------------------- */

/* Code points the trigram tokenizer leaves as they are (no case): Latin-1
 * signs used in Chinese text, general punctuation, CJK and kana, Hangul,
 * and the full-width forms but for the capitals A-Z. */
static bool caseless(unsigned cp)
{
    return cp == 0xB7 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF && !(cp >= 0xFF21 && cp <= 0xFF3A));
}

/* Whether folding s is lower-casing its ASCII letters and nothing else. */
static bool ascii_folds(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        unsigned cp;
        i += xf_utf8_decode(s + i, len - i, &cp);
        if (!caseless(cp))
            return false;
    }
    return true;
}

struct buf {
    char *s;
    size_t len, cap;
    bool oom;
};

static void buf_put(struct buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *t = realloc(b->s, cap);
        if (!t) {
            b->oom = true;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Each trigram is three folded characters, one further along than the
 * last: the first gives three, every other one its last. */
static int put_trigram(void *arg, int flags, const char *tok, int n, int start, int end)
{
    (void)flags, (void)start, (void)end;
    struct buf *b = arg;
    int k = n;
    if (b->len > 0)
        while (k > 0 && ((unsigned char)tok[--k] & 0xC0) == 0x80)
            ;
    buf_put(b, tok + (b->len > 0 ? k : 0), (size_t)(b->len > 0 ? n - k : n));
    return b->oom ? SQLITE_NOMEM : SQLITE_OK;
}

/* s folded as the trigram index folds it, into b (empty below three
 * characters: no trigram, so no term of three can be in it). */
static int fold_full(const struct folder *f, const char *s, size_t len, struct buf *b)
{
    b->len = 0;
    int rc = f->api.xTokenize(f->tok, b, FTS5_TOKENIZE_DOCUMENT, s, (int)len, put_trigram);
    return b->oom ? SQLITE_NOMEM : rc;
}

/* ---- the compiled query ------------------------------------------------- */

static void matcher_free(void *p)
{
    struct matcher *m = p;
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->t[i].s);
    free(m->t);
    free(m);
}

static void add_term(void *arg, const char *s, size_t bytes, size_t chars)
{
    struct matcher *m = arg;
    if (m->oom)
        return;
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 8;
        struct term *t = realloc(m->t, cap * sizeof *t);
        if (!t) {
            m->oom = true;
            return;
        }
        m->t = t;
        m->cap = cap;
    }
    struct term *t = &m->t[m->n];
    *t = (struct term){.trigram = chars >= TRIGRAM};
    struct buf b = {0};
    if (t->trigram && !ascii_folds(s, bytes)) {
        if (fold_full(m->fold, s, bytes, &b) != SQLITE_OK)
            b.oom = true;
    } else {
        buf_put(&b, s, bytes);
        for (size_t i = 0; i < b.len && !b.oom; i++)
            if (b.s[i] >= 'A' && b.s[i] <= 'Z')
                b.s[i] = (char)(b.s[i] - 'A' + 'a');
    }
    if (b.oom) {
        free(b.s);
        m->oom = true;
        return;
    }
    t->s = b.s;
    t->len = b.len;
    m->n++;
}

static struct matcher *matcher_new(const struct folder *f, const char *query)
{
    struct matcher *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->fold = f;
    xf_store_search_terms(query, add_term, m);
    if (m->oom) {
        matcher_free(m);
        return NULL;
    }
    return m;
}

/* ---- one row ------------------------------------------------------------ */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* needle (its ASCII lower-case) in hay with hay's ASCII folded. A first
 * byte that is no letter is found by memchr: for Chinese, every term. */
static bool find_folded(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0)
        return true;
    if (m > n)
        return false;
    char first = needle[0];
    bool letter = first >= 'a' && first <= 'z';
    const char *p = hay, *last = hay + (n - m);
    for (; p <= last; p++) {
        if (!letter && !(p = memchr(p, first, (size_t)(last - p) + 1)))
            return false;
        if (lower(*p) != first)
            continue;
        size_t j = 1;
        while (j < m && lower(p[j]) == needle[j])
            j++;
        if (j == m)
            return true;
    }
    return false;
}

struct column {
    const char *s;
    size_t len;
    int plain;        /* -1 not yet known, else ascii_folds() */
    struct buf folded; /* fold_full(), when needed */
    bool have_folded;
};

static int term_in(const struct matcher *m, const struct term *t, struct column *c, bool *in)
{
    *in = false;
    if (!c->s)
        return SQLITE_OK;
    if (t->trigram && c->plain < 0)
        c->plain = ascii_folds(c->s, c->len);
    if (!t->trigram || c->plain) {
        *in = find_folded(c->s, c->len, t->s, t->len);
        return SQLITE_OK;
    }
    if (!c->have_folded) {
        int rc = fold_full(m->fold, c->s, c->len, &c->folded);
        if (rc != SQLITE_OK)
            return rc;
        c->have_folded = true;
    }
    *in = c->folded.len >= t->len && memmem(c->folded.s, c->folded.len, t->s, t->len);
    return SQLITE_OK;
}

/* ---- the places each term names ---------------------------------------- */

/* The units and posts one term names, ids ascending. */
struct named {
    int64_t *u, *p;
    size_t nu, np;
};

struct places {
    struct named *t;
    size_t n;
};

/* The row's unit, lead unit and post (0: none). */
struct row_at {
    int64_t unit, lead, post;
};

static void places_free(void *arg)
{
    struct places *pl = arg;
    if (!pl)
        return;
    for (size_t i = 0; i < pl->n; i++) {
        free(pl->t[i].u);
        free(pl->t[i].p);
    }
    free(pl->t);
    free(pl);
}

/* The ids of the list after key ("\"u\":[") in s, up to its ']'. */
static bool read_ids(const char *s, const char *key, int64_t **out, size_t *n)
{
    const char *p = strstr(s, key);
    *out = NULL;
    *n = 0;
    if (!p)
        return true;
    p += strlen(key);
    size_t cap = 1;
    for (const char *q = p; *q && *q != ']'; q++)
        cap += *q == ',';
    if (!(*out = malloc(cap * sizeof **out)))
        return false;
    while (*p && *p != ']') {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p)
            break;
        (*out)[(*n)++] = v;
        p = *end == ',' ? end + 1 : end;
    }
    return true;
}

/* [{"u":[1,2],"p":[3]}, ...] as xf_store_search_term_places writes it. */
static struct places *places_new(const char *json)
{
    struct places *pl = calloc(1, sizeof *pl);
    if (!pl)
        return NULL;
    size_t cap = 0;
    for (const char *q = json; (q = strchr(q, '{')) != NULL; q++)
        cap++;
    pl->t = calloc(cap ? cap : 1, sizeof *pl->t);
    bool ok = pl->t != NULL;
    for (const char *q = json; ok && (q = strchr(q, '{')) != NULL && pl->n < cap; q++) {
        struct named *t = &pl->t[pl->n++];
        ok = read_ids(q, "\"u\":[", &t->u, &t->nu) && read_ids(q, "\"p\":[", &t->p, &t->np);
    }
    if (!ok) {
        places_free(pl);
        return NULL;
    }
    return pl;
}

static bool has_id(const int64_t *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (id && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] == id)
            return true;
        if (v[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Whether term i names the row's unit, lead unit or post. */
static bool names_row(const struct places *pl, size_t i, const struct row_at *at)
{
    if (!pl || !at || i >= pl->n)
        return false;
    const struct named *t = &pl->t[i];
    return has_id(t->u, t->nu, at->unit) || has_id(t->u, t->nu, at->lead) ||
           has_id(t->p, t->np, at->post);
}

static int row_matches(const struct matcher *m, struct column *cols, int n,
                       const struct places *pl, const struct row_at *at, bool *all)
{
    *all = m->n > 0; /* a query without terms matches nothing */
    for (size_t i = 0; i < m->n && *all; i++) {
        bool in = names_row(pl, i, at);
        for (int c = 0; c < n && !in; c++) {
            int rc = term_in(m, &m->t[i], &cols[c], &in);
            if (rc != SQLITE_OK)
                return rc;
        }
        *all = in;
    }
    return SQLITE_OK;
}

/* The matcher of the statement's query, made at its first row. */
static struct matcher *matcher_of(sqlite3_context *ctx, const char *query, bool *fresh)
{
    struct matcher *m = sqlite3_get_auxdata(ctx, 0);
    *fresh = !m;
    return m ? m : matcher_new(sqlite3_user_data(ctx), query);
}

static void match_row(sqlite3_context *ctx, const char *query, sqlite3_value **argv, int ncols,
                      const struct places *pl, const struct row_at *at)
{
    bool fresh;
    struct matcher *m = matcher_of(ctx, query, &fresh);
    if (!m) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    struct column cols[MAX_COLS];
    for (int i = 0; i < ncols; i++) {
        /* text before bytes: the length is then that of the text */
        cols[i] = (struct column){.s = (const char *)sqlite3_value_text(argv[i]), .plain = -1};
        cols[i].len = (size_t)sqlite3_value_bytes(argv[i]);
    }
    bool all;
    int rc = row_matches(m, cols, ncols, pl, at, &all);
    for (int i = 0; i < ncols; i++)
        free(cols[i].folded.s);
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else
        sqlite3_result_int(ctx, all);
    /* Kept while the statement runs with the same query: compiled once. */
    if (fresh)
        sqlite3_set_auxdata(ctx, 0, m, matcher_free);
}

static void fn_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc < 1 || argc > MAX_COLS + 1) {
        sqlite3_result_error(ctx, "xf_search_match: query and 0-8 columns", -1);
        return;
    }
    const char *query = (const char *)sqlite3_value_text(argv[0]);
    if (!query) {
        sqlite3_result_int(ctx, 1); /* no search */
        return;
    }
    match_row(ctx, query, argv + 1, argc - 1, NULL, NULL);
}

static int64_t id_of(sqlite3_value *v)
{
    return sqlite3_value_type(v) == SQLITE_INTEGER ? sqlite3_value_int64(v) : 0;
}

/* xf_search_match_at(query, places, unit, lead, post, col, ...): a term
 * may also be met by naming the row's unit, lead unit or post (places:
 * xf_store_search_term_places, NULL for none), so "市地铁集团 咨询电话"
 * finds the complaints about that group that speak of its hotline. */
static void fn_match_at(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc < 5 || argc > MAX_COLS + 5) {
        sqlite3_result_error(ctx, "xf_search_match_at: query, places, 3 ids, 0-8 columns", -1);
        return;
    }
    const char *query = (const char *)sqlite3_value_text(argv[0]);
    if (!query) {
        sqlite3_result_int(ctx, 1); /* no search */
        return;
    }
    const char *json = (const char *)sqlite3_value_text(argv[1]);
    struct places *pl = json ? sqlite3_get_auxdata(ctx, 1) : NULL;
    bool fresh = json && !pl;
    if (fresh && !(pl = places_new(json))) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    struct row_at at = {id_of(argv[2]), id_of(argv[3]), id_of(argv[4])};
    match_row(ctx, query, argv + 5, argc - 5, pl, &at);
    if (fresh)
        sqlite3_set_auxdata(ctx, 1, pl, places_free);
}

/* ---- registration ------------------------------------------------------- */

static fts5_api *fts5_of(sqlite3 *h)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

static void folder_free(void *p)
{
    struct folder *f = p;
    if (f && f->tok)
        f->api.xDelete(f->tok);
    free(f);
}

int xf_store_search_register(sqlite3 *h)
{
    fts5_api *api = fts5_of(h);
    struct folder *f = calloc(1, sizeof *f);
    void *arg = NULL;
    if (!api || !f || api->xFindTokenizer(api, "trigram", &arg, &f->api) != SQLITE_OK ||
        f->api.xCreate(arg, NULL, 0, &f->tok) != SQLITE_OK) {
        folder_free(f);
        return api ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    int rc = sqlite3_create_function_v2(h, "xf_search_match", -1,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, f, fn_match, NULL,
                                        NULL, folder_free);
    /* The tokenizer is shared; the first function owns it. */
    return rc != SQLITE_OK ? rc
                           : sqlite3_create_function_v2(h, "xf_search_match_at", -1,
                                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, f,
                                                        fn_match_at, NULL, NULL, NULL);
}
