/* gettext wrapper: every user-visible string goes through _(). */
#ifndef XF_I18N_H
#define XF_I18N_H
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)
#endif
