/* Who changed a record under a user's feet, and what they changed. */
#include "xf/conflict.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/i18n.h"
#include "xf/store_history.h"

#define VALUE_MAX_CHARS 40   /* a value longer than this is shortened */
#define CHANGES_MAX_BYTES 300 /* leaves room in err->msg for the rest */

/* Columns holding a complainant's personal data (SPEC §2.5). */
static bool is_personal(const char *entity, const char *field)
{
    return strcmp(entity, "complaint") == 0 &&
           (strcmp(field, "complainant_name") == 0 || strcmp(field, "complainant_phone") == 0);
}

/* Appends s, cut after VALUE_MAX_CHARS characters (never inside one). */
static void put_value(FILE *f, const char *s)
{
    if (!s) {
        fputs("—", f);
        return;
    }
    size_t chars = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == VALUE_MAX_CHARS)
            break;
    }
    fwrite(s, 1, i, f);
    if (s[i])
        fputs("…", f);
}

static void put_change(FILE *f, const char *entity, const struct xf_history_change *c,
                       bool personal_ok)
{
    fprintf(f, "%s: ", c->field);
    if (!personal_ok && is_personal(entity, c->field)) {
        fputs(_("(changed)"), f);
        return;
    }
    put_value(f, c->before);
    fputs(" → ", f);
    put_value(f, c->after);
}

/* "field: a → b, field: c → d" within CHANGES_MAX_BYTES ("and N more"
 * names what did not fit); caller frees. */
static char *changes_text(const char *entity, const struct xf_history_last *h, bool personal_ok)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    size_t i = 0;
    for (; i < h->n_changes; i++) {
        long before = ftell(f);
        if (i)
            fputs(", ", f);
        put_change(f, entity, &h->changes[i], personal_ok);
        fflush(f);
        if (len > CHANGES_MAX_BYTES && i > 0) {
            fseek(f, before, SEEK_SET);
            break;
        }
    }
    if (i < h->n_changes)
        fprintf(f, _(" and %zu more"), h->n_changes - i);
    if (h->n_changes == 0)
        fputs(_("no visible field"), f);
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

int xf_conflict_describe(const struct xf_ctx *ctx, const char *entity, int64_t id,
                         const char *what, struct xf_error *err)
{
    int code = err && err->code ? err->code : XF_ECONFLICT;
    if (!err)
        return code;
    struct xf_history_last h;
    struct xf_error ignored = {0};
    if (xf_store_history_last(ctx->db, entity, id, &h, &ignored) != XF_OK)
        return code;
    char *changes = changes_text(entity, &h, xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL));
    char field[sizeof err->field], subject[160];
    memcpy(field, err->field, sizeof field);
    if (what)
        snprintf(subject, sizeof subject, "%s", what);
    else
        snprintf(subject, sizeof subject, "%s #%lld", entity, (long long)id);
    xf_err(err, code, field,
           _("%s was changed by someone else: %s at %s (%s): %s; reload it and try again"),
           subject, h.actor, h.at, h.action, changes ? changes : "?");
    free(changes);
    xf_history_last_clear(&h);
    return code;
}
