/* Pinyin sort keys through ICU's Chinese collation.
 *
 * The collator (about 17 ms to open: it loads the CLDR tailoring) is made
 * only when a key is first needed, which is when a name is written: lists
 * read keys stored beside the names and never load it. */
#include "xf/collate.h"

#include <stdio.h>
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

/* Surnames read otherwise than the character mostly is: 曾 is Zēng in a
 * name (曾芳龙 sorted first, as céng), 单 Shàn, 解 Xiè. The key is made
 * with a character of the surname's reading in its place. */
static const struct {
    UChar surname, sounds_as;
} surnames[] = {
    {0x66FE, 0x589E}, /* 曾 zēng: 增 */ {0x5355, 0x5584}, /* 单 shàn: 善 */
    {0x89E3, 0x8C22}, /* 解 xiè: 谢 */  {0x4EC7, 0x6C42}, /* 仇 qiú: 求 */
    {0x6734, 0x74E2}, /* 朴 piáo: 瓢 */ {0x67E5, 0x624E}, /* 查 zhā: 扎 */
    {0x533A, 0x6B27}, /* 区 ōu: 欧 */   {0x76D6, 0x845B}, /* 盖 gě: 葛 */
    {0x8983, 0x79E6}, /* 覃 qín: 秦 */  {0x7FDF, 0x5B85}, /* 翟 zhái: 宅 */
    {0x7F2A, 0x5999}, /* 缪 miào: 妙 */ {0x4E50, 0x5CB3}, /* 乐 yuè: 岳 */
    {0x91CD, 0x866B}, /* 重 chóng: 虫 */ {0x79D8, 0x5FC5}, /* 秘 bì: 必 */
    {0x53EC, 0x90B5}, /* 召 shào: 邵 */ {0x67CF, 0x767D}, /* 柏 bǎi: 白 */
};

static void surname_reading(UChar *u, int32_t n)
{
    for (size_t i = 0; n > 0 && i < sizeof surnames / sizeof surnames[0]; i++)
        if (u[0] == surnames[i].surname) {
            u[0] = surnames[i].sounds_as;
            return;
        }
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
    surname_reading(u, n);
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
        /* "+s1": the surname readings above; keys made before them are
         * made again (a new entry there needs a new number). */
        snprintf(name, sizeof name, "icu-%s+s1", s);
    }
    return name;
}
