/* The interface's `/` search: validates what the user typed and finds the
 * matching records of one kind (store_search.h says how terms match). */
#ifndef XF_SEARCH_H
#define XF_SEARCH_H
#include <stddef.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_search.h"

/* At most this many characters of query, once trimmed. */
#define XF_SEARCH_QUERY_MAX 200

/* Ids of the entity's records matching query, ascending, after after_id
 * (0 to start), at most limit, into ids (room for limit); *n says how many.
 * To page on, pass ids[*n - 1]; *n < limit means the end was reached.
 *
 * query must be valid UTF-8 with 1-200 characters once control characters
 * are removed and surrounding whitespace trimmed; otherwise XF_EINVAL on
 * field "query". Users without XF_P_COMPLAINT_PERSONAL do not search
 * complainant names.
 *
 * For a user limited to some units only records within them count (a
 * complaint by its unit, lead unit or post): the ids are the first limit
 * matches inside the scope, however many lie outside it. */
int xf_search(const struct xf_ctx *ctx, enum xf_search_entity entity, const char *query,
              int64_t after_id, size_t limit, int64_t *ids, size_t *n, struct xf_error *err);

/* The query as xf_search would use it: control characters removed,
 * whitespace trimmed, checked as above. *out is the caller's to free. */
int xf_search_clean_query(const char *query, char **out, struct xf_error *err);

/* The digits of text when it is a phone number as people write or read
 * it out ("0451-8451 2681", "(0451) 84512681", "+86 139 0000 1111"),
 * without a leading country code (+86, 0086), which the numbers held do
 * not carry; "" for any other text, or fewer than 4 digits. out has
 * size bytes; a number too long for it gives "". */
void xf_search_phone_digits(const char *text, char *out, size_t size);

/* The units a search names, with every unit below them, and the posts
 * whose title holds it (JSON {"u":[unit ids],"p":[post ids]}); *json NULL
 * when it names none. A unit's name holding the query, or its code being
 * it: "公积金" is 市公积金中心 and its windows; "门诊导医" the posts of
 * that title. A word many units or posts share ("窗口") names none: it is
 * a word of the text. Caller frees. */
int xf_search_places(const struct xf_ctx *ctx, const char *query, char **json,
                     struct xf_error *err);

/* Compares every search index with its table; XF_EDB naming the index
 * that no longer matches (for `xianfeng check`). */
int xf_search_check(const struct xf_ctx *ctx, struct xf_error *err);

#endif
