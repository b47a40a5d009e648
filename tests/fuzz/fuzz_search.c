/* Fuzzes xf_search_clean_query (src/domain/search.c): what comes out is
 * what the store is asked to match, so it must be clean, trimmed and
 * bounded, and anything refused must say why on the "query" field. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "xf/search.h"
#include "xf/text.h"

/* The whitespace the store splits terms on (src/store/search.c). */
static bool is_space(unsigned cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

static void check_clean(const char *query, const char *out)
{
    size_t len = strlen(out);
    FUZZ_CHECK(len > 0 && xf_utf8_valid(out, len));
    size_t chars = 0;
    unsigned first = 0, last = 0;
    for (size_t i = 0; i < len; chars++) {
        unsigned cp;
        i += xf_utf8_decode(out + i, len - i, &cp);
        FUZZ_CHECK(!fuzz_forbidden_cp(cp, 0));
        if (chars == 0)
            first = cp;
        last = cp;
    }
    FUZZ_CHECK(chars >= 1 && chars <= XF_SEARCH_QUERY_MAX);
    FUZZ_CHECK(!is_space(first) && !is_space(last));
    /* It is the sanitised query, trimmed: nothing added or reordered. */
    char *clean = xf_text_sanitize(query, false);
    FUZZ_CHECK(clean && strstr(clean, out) != NULL);
    free(clean);
}

int xf_fuzz_search(const uint8_t *data, size_t size)
{
    char *query = fuzz_cstr(data, size);
    char *out = (char *)"unset";
    struct xf_error err = {0};
    int rc = xf_search_clean_query(query, &out, &err);
    if (rc == XF_OK) {
        FUZZ_CHECK(out != NULL);
        check_clean(query, out);
    } else {
        FUZZ_CHECK(out == NULL);
        FUZZ_CHECK(err.msg[0] != '\0');
        FUZZ_CHECK(rc != XF_EINVAL || strcmp(err.field, "query") == 0);
        if (!xf_utf8_valid(query, strlen(query)))
            FUZZ_CHECK(rc == XF_EINVAL);
    }
    free(out);
    free(query);
    return 0;
}

XF_FUZZ_ENTRY(xf_fuzz_search)
