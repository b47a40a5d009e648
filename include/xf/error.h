/* Error reporting shared by every layer: a status code plus a message a
 * user can act on, naming the field (and input line) at fault. */
#ifndef XF_ERROR_H
#define XF_ERROR_H

enum xf_status {
    XF_OK = 0,
    XF_EINVAL,    /* bad input: the field says which */
    XF_ESTATE,    /* action not allowed in the record's current state */
    XF_EPERM,     /* role or scope forbids it */
    XF_ENOTFOUND, /* no such record */
    XF_ECONFLICT, /* someone else changed the record (stale version) */
    XF_EBUSY,     /* database locked beyond the timeout */
    XF_EDB,       /* database error */
    XF_EIO,       /* file or system error */
    XF_ECONFIG,   /* bad configuration */
    XF_ECORRUPT,  /* the database file is damaged */
};

struct xf_error {
    int code;
    long line;       /* input line, 0 when not applicable */
    char field[64];  /* field or column name, "" when not applicable */
    char msg[512];
    /* The message starts with its format's own small letter ("post %s is
     * only proposed"), not with a value put in (a login, a code): shown
     * alone as a sentence, the interface may put it in capitals. */
    int starts_word;
};

/* Fills err (when non-NULL) and returns code, so callers can write
 * `return xf_err(err, XF_EINVAL, "due_on", _("..."), ...);`. */
int xf_err(struct xf_error *err, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void xf_err_clear(struct xf_error *err);
/* "line 12: due_on: message" as one string for printing. */
const char *xf_err_str(const struct xf_error *err, char *buf, unsigned long size);

#endif
