/* Sort keys for people's names, in the order a Chinese reader expects
 * (汉语拼音, as a roster or a spreadsheet sorts them), not code points. */
#ifndef XF_COLLATE_H
#define XF_COLLATE_H
#include <stddef.h>

/* A newly allocated sort key for the UTF-8 text s: keys compare with
 * memcmp (shorter first on a tie) in pinyin order, Latin after Han; a
 * name's first character read as a surname (曾 Zēng, 单 Shàn).
 * Without the collation data it is s itself (code-point order). *len gets
 * its length in bytes. NULL when out of memory. Caller frees. */
unsigned char *xf_collate_key(const char *s, size_t *len);

/* Names the collation keys are made with ("icu-72.1+s1"; "bytes" when ICU
 * cannot be loaded): keys stored under another are made again. Loads
 * libicuuc (a few milliseconds, once), not the collation data. */
const char *xf_collate_version(void);

#endif
