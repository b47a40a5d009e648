#include "xf/error.h"

#include "xf/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int xf_err(struct xf_error *err, int code, const char *field, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->starts_word = fmt[0] >= 'a' && fmt[0] <= 'z';
    return code;
}

void xf_err_clear(struct xf_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

const char *xf_err_str(const struct xf_error *err, char *buf, unsigned long size)
{
    char where[96] = "";
    /* A configuration error names its place itself, as FILE:LINE. */
    long line = err->code == XF_ECONFIG ? 0 : err->line;
    if (line > 0 && err->field[0])
        snprintf(where, sizeof where, _("line %ld: %s: "), line, err->field);
    else if (line > 0)
        snprintf(where, sizeof where, _("line %ld: "), line);
    else if (err->field[0])
        snprintf(where, sizeof where, _("%s: "), err->field);
    snprintf(buf, size, "%s%s", where, err->msg);
    return buf;
}
