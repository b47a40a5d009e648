/* Shared by the libFuzzer targets (tests/fuzz/fuzz_*.c) and the plain
 * replay driver (tests/fuzz/regress.c). Each target file defines
 * xf_fuzz_<name>(); built without XF_FUZZ_REGRESS it also defines
 * LLVMFuzzerTestOneInput, so one source serves both builds. */
#ifndef XF_FUZZ_H
#define XF_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* An invariant that does not hold is a finding like a crash: abort, which
 * libFuzzer records as a crash and the replay driver counts as a failure. */
#define FUZZ_CHECK(cond)                                                               \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* A NUL-terminated copy of data (which may itself hold NULs); caller frees. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    for (size_t i = 0; i < size; i++)
        s[i] = (char)data[i];
    s[size] = '\0';
    return s;
}

/* Code points that must never reach the terminal (SPEC §7): C0 (but '\n'
 * when newline_ok), DEL, C1, bidi controls and the invisible zero-width
 * format characters. Combining marks are zero-width too but visible, and
 * scripts need them, so they are allowed. */
static inline int fuzz_forbidden_cp(unsigned cp, int newline_ok)
{
    if (cp == '\n')
        return !newline_ok;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
           /* bidi */
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C ||
           /* zero-width and invisible: ZWSP/ZWNJ/ZWJ, word joiner and the
            * invisible operators, the deprecated format controls, BOM,
            * interlinear annotation, tag characters */
           (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
           cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F) ||
           /* line and paragraph separators: a space (or a newline) once sanitised */
           cp == 0x2028 || cp == 0x2029;
}

int xf_fuzz_csv(const uint8_t *data, size_t size);
int xf_fuzz_config(const uint8_t *data, size_t size);
int xf_fuzz_text(const uint8_t *data, size_t size);
int xf_fuzz_date(const uint8_t *data, size_t size);
int xf_fuzz_edit(const uint8_t *data, size_t size);
int xf_fuzz_search(const uint8_t *data, size_t size);

#ifndef XF_FUZZ_REGRESS
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#define XF_FUZZ_ENTRY(fn)                                         \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
    {                                                             \
        return fn(data, size);                                    \
    }
#else
#define XF_FUZZ_ENTRY(fn)
#endif

#endif
