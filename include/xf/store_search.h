/* Text search over the FTS5 trigram indexes (schema.sql, "Text search"),
 * with a LIKE fallback for the short terms a trigram index cannot find.
 *
 * A query is split into terms at whitespace (ASCII, U+3000 ideographic
 * space and the other Unicode spaces). A row matches when every term is a
 * case-insensitive substring of at least one of the entity's searched
 * columns (terms may match different columns). Terms of 3 or more
 * characters go to FTS5 MATCH; terms of 1-2 characters to LIKE on the base
 * table, on the same rows. User text is only ever bound, never put into
 * SQL, and every character (%, _, \, quotes, AND, OR, NEAR, *, ^, ...) is
 * taken literally.
 *
 * Case folding: ASCII letters fold in both paths; other scripts with case
 * (Greek, Cyrillic, full-width Latin) fold only in terms of 3+ characters,
 * since SQLite's LIKE folds ASCII alone. Chinese has no case. */
#ifndef XF_STORE_SEARCH_H
#define XF_STORE_SEARCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/db.h"
#include "xf/error.h"

/* What can be searched, and in which columns. */
enum xf_search_entity {
    XF_SEARCH_COMPLAINT, /* code, text, complainant_name */
    XF_SEARCH_POST,      /* code, title, holder_name, scope */
    XF_SEARCH_UNIT,      /* code, name */
    XF_SEARCH_MEMBER,    /* code, name, position */
    XF_SEARCH_PLEDGE,    /* text */
    XF_SEARCH_NENTITIES
};

enum xf_search_flags {
    /* Leaves out columns holding personal data (complainant_name), for
     * users who may not see it: otherwise a search would reveal it. */
    XF_SEARCH_NO_PERSONAL = 1,
};

/* Ids of the rows of entity matching query, in ascending id order, greater
 * than after_id, at most limit of them, into ids (room for limit); *n says
 * how many. Page on by passing the last id returned; *n < limit means there
 * are no more. A query with no terms matches nothing. */
int xf_store_search(struct xf_db *db, enum xf_search_entity entity, const char *query,
                    unsigned flags, int64_t after_id, size_t limit, int64_t *ids, size_t *n,
                    struct xf_error *err);

/* Of the n ids of entity's rows, those whose unit lies within the unit
 * paths of scope_json (a complaint's: its unit, lead unit or post's
 * unit), in ascending order, at most max, into out; *kept says how many. */
int xf_store_search_in_scope(struct xf_db *db, enum xf_search_entity entity,
                             const int64_t *ids, size_t n, const char *scope_json,
                             int64_t *out, size_t max, size_t *kept, struct xf_error *err);
/* Rebuilds every search index from its table. Bulk mode (xf_db_set_bulk)
 * skips the triggers that keep the indexes current, so whoever writes in
 * bulk (the demo generator) must call this before committing. Runs in its
 * own write transaction, or inside the caller's. */
int xf_store_search_rebuild(struct xf_db *db, struct xf_error *err);

/* Whether enough rows wait in fts_pending (schema.sql) to index them, and
 * indexing them, inside the caller's write transaction: the store asks
 * at every commit (xf_db_commit). */
bool xf_store_search_flush_due(struct xf_db *db);
int xf_store_search_flush(struct xf_db *db, struct xf_error *err);

/* Checks every search index against its table (FTS5 integrity-check); a
 * mismatch is XF_EDB with a message saying to rebuild. For `check`. */
int xf_store_search_check(struct xf_db *db, struct xf_error *err);

/* Splits query into terms (as xf_store_search does) and calls fn for each
 * with the term's bytes and its length in characters. For tests and for
 * front ends that highlight matches. */
void xf_store_search_terms(const char *query,
                           void (*fn)(void *arg, const char *term, size_t bytes, size_t chars),
                           void *arg);

/* The units and posts query names, for xf_search_places: {"u":[unit ids],
 * "p":[post ids]}, *json NULL when it names none. query is cleaned. */
int xf_store_search_places(struct xf_db *db, const char *query, char **json,
                           struct xf_error *err);
/* The same for each term of query, in order: [{"u":[...],"p":[...]}, ...]
 * (what xf_search_match_at takes), *json NULL when no term names any. */
int xf_store_search_term_places(struct xf_db *db, const char *query, char **json,
                                struct xf_error *err);

#endif
