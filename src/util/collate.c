/* Pinyin sort keys through ICU's Chinese collation.
 *
 * The collator (about 17 ms to open: it loads the CLDR tailoring) is made
 * only when a key is first needed, which is when a name is written: lists
 * read keys stored beside the names and never load it. */
#include "xf/collate.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

static UCollator *collator;
static int collator_failed; /* no data: keys are the bytes themselves */

static UCollator *get_collator(void)
{
    if (!collator && !collator_failed) {
        UErrorCode e = U_ZERO_ERROR;
        collator = ucol_open("zh", &e);
        if (U_FAILURE(e)) {
            if (collator)
                ucol_close(collator);
            collator = NULL;
            collator_failed = 1;
        }
    }
    return collator;
}

static unsigned char *bytes_key(const char *s, size_t *len)
{
    *len = strlen(s);
    unsigned char *k = malloc(*len + 1);
    if (k)
        memcpy(k, s, *len + 1);
    return k;
}

/* s as UTF-16; invalid UTF-8 (never stored: input is checked) becomes
 * U+FFFD rather than failing. */
static UChar *to_utf16(const char *s, int32_t *n)
{
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8WithSub(NULL, 0, n, s, -1, 0xFFFD, NULL, &e);
    UChar *u = malloc(((size_t)*n + 1) * sizeof *u);
    if (!u)
        return NULL;
    e = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, *n + 1, n, s, -1, 0xFFFD, NULL, &e);
    if (U_FAILURE(e)) {
        free(u);
        return NULL;
    }
    return u;
}

unsigned char *xf_collate_key(const char *s, size_t *len)
{
    UCollator *c = get_collator();
    if (!s)
        s = "";
    if (!c)
        return bytes_key(s, len);
    int32_t n;
    UChar *u = to_utf16(s, &n);
    if (!u)
        return NULL;
    int32_t need = ucol_getSortKey(c, u, n, NULL, 0);
    unsigned char *k = need > 0 ? malloc((size_t)need) : NULL;
    if (k)
        ucol_getSortKey(c, u, n, k, need);
    free(u);
    /* the key ends with a NUL that orders nothing */
    *len = k ? (size_t)need - 1 : 0;
    return k;
}

const char *xf_collate_version(void)
{
    static char name[32];
    if (!name[0]) {
        UVersionInfo v;
        char s[U_MAX_VERSION_STRING_LENGTH];
        u_getVersion(v);
        u_versionToString(v, s);
        strcpy(name, "icu-");
        strncat(name, s, sizeof name - 5);
    }
    return name;
}
