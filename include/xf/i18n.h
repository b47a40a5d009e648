/* gettext wrapper: every user-visible string goes through _(). */
#ifndef XF_I18N_H
#define XF_I18N_H
#include <libintl.h>
#include <string.h>
#define _(s) gettext(s)
#define N_(s) (s)
/* A word marked with a context for the translator (xgettext NC_:1c,2),
 * where one English word needs two translations: NC_("post", "name") is
 * the verb of the post card's hint, not the "name" field. Translated with
 * xf_gettext_ctx. */
#define NC_(c, s) (c "\004" s)

/* The translation of a string marked N_() or NC_(): for NC_() one
 * without a translation is the word without its context. */
__attribute__((format_arg(1))) static inline const char *xf_gettext_ctx(const char *s)
{
    const char *t = gettext(s);
    const char *eot = t == s ? strchr(s, '\004') : NULL;
    return eot ? eot + 1 : t;
}
#endif
