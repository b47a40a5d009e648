/* Pinyin sort keys through ICU's Chinese collation.
 *
 * The collator (about 17 ms to open: it loads the CLDR tailoring) is made
 * only when a key is first needed, which is when a name is written: lists
 * read keys stored beside the names and never load it.
 *
 * ICU itself is loaded then too (dlopen), not linked: mapping and
 * relocating libicui18n, libicuuc and libstdc++ was a seventh of the
 * instructions of the interface's start-up (callgrind, city database),
 * which sorts no name. Its version, read at each open (xf_collate_version),
 * loads libicuuc alone; the interface reads it once its first screen is
 * drawn (XF_DB_NAME_KEYS_LATER). The names are those of the ICU built
 * against: its functions carry the major version in their names
 * (ucol_open_72), as do the libraries' file names, so another major
 * version is never mixed in. */
#include "xf/collate.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#define STR_(x) #x
#define STR(x) STR_(x)
/* The library file names and the renamed symbols (ucol_open is a macro
 * for ucol_open_72) of the ICU the headers are from. */
#define ICU_LIB(name) "lib" name ".so." STR(U_ICU_VERSION_MAJOR_NUM)
#define ICU_SYM(fn) STR(fn)

static struct {
    __typeof__(u_getVersion) *getVersion;
    __typeof__(u_versionToString) *versionToString;
    __typeof__(u_strFromUTF8WithSub) *strFromUTF8WithSub;
    __typeof__(ucol_open) *open;
    __typeof__(ucol_close) *close;
    __typeof__(ucol_getSortKey) *getSortKey;
} icu;
static int uc_state, i18n_state; /* 0 not tried, 1 loaded, -1 failed */

static void *sym(void *lib, const char *name, int *ok)
{
    void *f = dlsym(lib, name);
    if (!f)
        *ok = 0;
    return f;
}

/* libicuuc: the version, UTF-8 to UTF-16. */
static int load_uc(void)
{
    if (uc_state)
        return uc_state > 0;
    uc_state = -1;
    void *lib = dlopen(ICU_LIB("icuuc"), RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return 0;
    int ok = 1;
    icu.getVersion = (__typeof__(icu.getVersion))sym(lib, ICU_SYM(u_getVersion), &ok);
    icu.versionToString =
        (__typeof__(icu.versionToString))sym(lib, ICU_SYM(u_versionToString), &ok);
    icu.strFromUTF8WithSub =
        (__typeof__(icu.strFromUTF8WithSub))sym(lib, ICU_SYM(u_strFromUTF8WithSub), &ok);
    if (ok)
        uc_state = 1;
    return ok;
}

/* libicui18n: the collator. */
static int load_i18n(void)
{
    if (i18n_state)
        return i18n_state > 0;
    i18n_state = -1;
    if (!load_uc())
        return 0;
    void *lib = dlopen(ICU_LIB("icui18n"), RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return 0;
    int ok = 1;
    icu.open = (__typeof__(icu.open))sym(lib, ICU_SYM(ucol_open), &ok);
    icu.close = (__typeof__(icu.close))sym(lib, ICU_SYM(ucol_close), &ok);
    icu.getSortKey = (__typeof__(icu.getSortKey))sym(lib, ICU_SYM(ucol_getSortKey), &ok);
    if (ok)
        i18n_state = 1;
    return ok;
}

static UCollator *collator;
static int collator_failed; /* no ICU or no data: keys are the bytes themselves */

static UCollator *get_collator(void)
{
    if (!collator && !collator_failed) {
        UErrorCode e = U_ZERO_ERROR;
        collator = load_i18n() ? icu.open("zh", &e) : NULL;
        if (!collator || U_FAILURE(e)) {
            if (collator)
                icu.close(collator);
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
    icu.strFromUTF8WithSub(NULL, 0, n, s, -1, 0xFFFD, NULL, &e);
    UChar *u = malloc(((size_t)*n + 1) * sizeof *u);
    if (!u)
        return NULL;
    e = U_ZERO_ERROR;
    icu.strFromUTF8WithSub(u, *n + 1, n, s, -1, 0xFFFD, NULL, &e);
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
    int32_t need = icu.getSortKey(c, u, n, NULL, 0);
    unsigned char *k = need > 0 ? malloc((size_t)need) : NULL;
    if (k)
        icu.getSortKey(c, u, n, k, need);
    free(u);
    /* the key ends with a NUL that orders nothing */
    *len = k ? (size_t)need - 1 : 0;
    return k;
}

const char *xf_collate_version(void)
{
    static char name[32];
    if (!name[0]) {
        if (!load_uc()) {
            /* keys are the bytes (xf_collate_key): made again once ICU
             * is there */
            snprintf(name, sizeof name, "bytes");
            return name;
        }
        UVersionInfo v;
        char s[U_MAX_VERSION_STRING_LENGTH];
        icu.getVersion(v);
        icu.versionToString(v, s);
        /* "+s1": the surname readings above; keys made before them are
         * made again (a new entry there needs a new number). */
        snprintf(name, sizeof name, "icu-%s+s1", s);
    }
    return name;
}
