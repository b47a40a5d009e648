/* Search queries: cleaned and checked here, answered by the store. */
#include "xf/search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/unit.h"
#include "xf/text.h"

/* Where the first term starts and the last one ends: the query trimmed by
 * the same notion of whitespace the store splits on. */
struct span {
    const char *start, *end;
};

static void note_term(void *arg, const char *term, size_t bytes, size_t chars)
{
    (void)chars;
    struct span *s = arg;
    if (!s->start)
        s->start = term;
    s->end = term + bytes;
}

static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

int xf_search_clean_query(const char *query, char **out, struct xf_error *err)
{
    *out = NULL;
    if (!query)
        query = "";
    if (!xf_utf8_valid(query, strlen(query)))
        return xf_err(err, XF_EINVAL, "query",
                      _("the search text is not valid UTF-8; type it again"));
    /* Tabs and newlines become spaces; escapes, bidi and other invisible
     * controls go, so what is searched is what the user saw. */
    char *clean = xf_text_sanitize(query, false);
    if (!clean)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    /* a phone number or code typed in an input method's full-width
     * mode (１３９…), which the records hold in ASCII; text with Chinese
     * in it is searched as typed (a complaint may hold ３号 itself) */
    xf_text_halfwidth_if_ascii(clean);
    struct span s = {0};
    xf_store_search_terms(clean, note_term, &s);
    if (!s.start) {
        free(clean);
        return xf_err(err, XF_EINVAL, "query", _("type something to search for"));
    }
    size_t bytes = (size_t)(s.end - s.start);
    size_t chars = utf8_chars(s.start, bytes);
    if (chars > XF_SEARCH_QUERY_MAX) {
        free(clean);
        return xf_err(err, XF_EINVAL, "query",
                      _("the search text is %zu characters long; at most %d are allowed"), chars,
                      XF_SEARCH_QUERY_MAX);
    }
    memmove(clean, s.start, bytes);
    clean[bytes] = '\0';
    *out = clean;
    return XF_OK;
}

void xf_search_phone_digits(const char *text, char *out, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return;
    out[0] = '\0';
    const char *p = text;
    while (*p == ' ')
        p++;
    /* The country code goes: "+86" (or "(+86)") and "0086" are how China
     * is dialled from abroad, never part of a number here. */
    bool intl = false;
    if (p[0] == '(' && p[1] == '+' && p[2] == '8' && p[3] == '6' && p[4] == ')')
        p += 5, intl = true;
    else if (p[0] == '+' && p[1] == '8' && p[2] == '6')
        p += 3, intl = true;
    else if (strncmp(p, "0086", 4) == 0)
        p += 4, intl = true;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n + 1 >= size) {
                out[0] = '\0';
                return;
            }
            out[n++] = *p;
        } else if (!strchr(" -()", *p) && !(*p == '+' && !intl && n == 0)) {
            /* Not a phone number ("1号窗口"): no digits kept (the "1"
             * read so far matched every phone holding a 1). */
            out[0] = '\0';
            return;
        }
    }
    out[n >= 4 ? n : 0] = '\0';
}

/* A user limited to some units gets the first matches within them, not
 * the first of the city with the rest dropped: the matches are read in
 * batches and kept while they lie in the scope, until limit are found or
 * there are no more. Paging on from ids[*n - 1] still works: every match
 * before it has been seen. */
enum { SCOPE_BATCH = 1000 };

static int search_in_scope(const struct xf_ctx *ctx, enum xf_search_entity entity,
                           const char *q, unsigned flags, int64_t after, size_t limit,
                           const char *scope, int64_t *ids, size_t *n, struct xf_error *err)
{
    int64_t *batch = malloc(SCOPE_BATCH * sizeof *batch);
    if (!batch)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = XF_OK;
    while (*n < limit) {
        size_t got = 0, kept = 0;
        if ((rc = xf_store_search(ctx->db, entity, q, flags, after, SCOPE_BATCH, batch, &got,
                                  err)) ||
            (rc = xf_store_search_in_scope(ctx->db, entity, batch, got, scope, ids + *n,
                                           limit - *n, &kept, err)))
            break;
        *n += kept;
        if (got < SCOPE_BATCH)
            break;
        after = batch[got - 1];
    }
    free(batch);
    return rc;
}

int xf_search(const struct xf_ctx *ctx, enum xf_search_entity entity, const char *query,
              int64_t after_id, size_t limit, int64_t *ids, size_t *n, struct xf_error *err)
{
    *n = 0;
    if ((unsigned)entity >= XF_SEARCH_NENTITIES)
        return xf_err(err, XF_EINVAL, "entity", _("there is no such kind of record to search"));
    if (limit > 0 && !ids)
        return xf_err(err, XF_EINVAL, "limit", _("no room given for the results"));
    char *q;
    int rc = xf_search_clean_query(query, &q, err);
    if (rc)
        return rc;
    unsigned flags = xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL) ? 0 : XF_SEARCH_NO_PERSONAL;
    char *scope = NULL;
    if (!(rc = xf_unit_scope_paths(ctx, &scope, err)))
        rc = scope ? search_in_scope(ctx, entity, q, flags, after_id < 0 ? 0 : after_id, limit,
                                     scope, ids, n, err)
                   : xf_store_search(ctx->db, entity, q, flags, after_id < 0 ? 0 : after_id,
                                     limit, ids, n, err);
    free(scope);
    free(q);
    return rc;
}

int xf_search_check(const struct xf_ctx *ctx, struct xf_error *err)
{
    return xf_store_search_check(ctx->db, err);
}

int xf_search_places(const struct xf_ctx *ctx, const char *query, char **json,
                     struct xf_error *err)
{
    *json = NULL;
    char *clean = NULL;
    int rc = query && *query ? xf_search_clean_query(query, &clean, err) : XF_OK;
    if (!rc && clean)
        rc = xf_store_search_places(ctx->db, clean, json, err);
    free(clean);
    return rc;
}
