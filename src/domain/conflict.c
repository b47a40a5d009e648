/* Who changed a record under a user's feet, and what they changed, told
 * the way the history view tells it: translated column and action names,
 * states as the interface names them, references by code and name, and
 * complainants' personal data masked for roles that may not see it. */
#include "xf/conflict.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xf/config.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/store_history.h"
#include "xf/text.h"

#define VALUE_MAX_CHARS 40    /* a value longer than this is shortened */
#define CHANGES_MAX_BYTES 300 /* leaves room in err->msg for the rest */
/* The newest rows of the record and its child rows (notes, steps) among
 * which its own latest row is looked for. */
#define LOOK_BACK_ROWS 8

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

/* A value that is a day or a time ("2026-05-01 10:00:00"), or none (the
 * change list says "(none)" for it). */
static bool date_like(const char *v)
{
    return !v || !*v || strcmp(v, _("(none)")) == 0 ||
           (strlen(v) >= 10 && v[4] == '-' && v[7] == '-' && v[0] >= '0' && v[0] <= '9');
}

/* Changes of what the record says (a state, an outcome, a unit) come
 * before the times they were made at: those are what cannot be left to
 * "and 3 more". Order otherwise kept. */
static size_t *changes_order(const struct xf_history_change *c, size_t n)
{
    size_t *order = malloc((n ? n : 1) * sizeof *order), k = 0;
    for (int pass = 0; order && pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if ((date_like(c[i].before) && date_like(c[i].after)) == (pass == 1))
                order[k++] = i;
    return order;
}

/* "field: a → b, field: c → d" within CHANGES_MAX_BYTES ("and N more"
 * names what did not fit); caller frees. */
static char *changes_text(const struct xf_history_change *changes, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    size_t *order = changes_order(changes, n);
    FILE *f = order ? open_memstream(&buf, &len) : NULL;
    if (!f) {
        free(order);
        return NULL;
    }
    size_t i = 0;
    for (; i < n; i++) {
        const struct xf_history_change *c = &changes[order[i]];
        long before = ftell(f);
        if (i)
            fputs(_(", "), f);
        fprintf(f, _("%s: "), c->field);
        put_value(f, c->before);
        fputs(" → ", f);
        put_value(f, c->after);
        fflush(f);
        if (len > CHANGES_MAX_BYTES && i > 0) {
            fseek(f, before, SEEK_SET);
            break;
        }
    }
    if (i < n)
        fprintf(f, _(" and %zu more"), n - i);
    if (n == 0)
        fputs(_("no visible field"), f);
    fclose(f);
    free(order);
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* The record's own newest row (not a note's or a step's). */
static const struct xf_history_row *own_row(const struct xf_history_row *rows, size_t n,
                                            const char *entity)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].entity, entity) == 0)
            return &rows[i];
    return NULL;
}

/* Appends the changes of rows updated with r (an evaluation's group
 * scores, a complaint's co-handlers: the same actor, second and action),
 * each named by what names its row: "Recipients score: 82.2 → 60". The
 * evaluation's own row said only the total, not the score that moved.
 * Rows added with it (a workflow step's event) repeat what r says. */
static void add_written_with(const struct xf_history_row *rows, size_t n,
                             const struct xf_history_row *r, struct xf_history_change **changes,
                             size_t *n_changes)
{
    for (size_t i = 0; i < n; i++) {
        const struct xf_history_row *s = &rows[i];
        if (s == r || !s->before || !strcmp(s->entity, r->entity) ||
            strcmp(s->actor, r->actor) || strcmp(s->at, r->at) || strcmp(s->action, r->action))
            continue;
        struct xf_history_change *c = NULL;
        size_t k = 0;
        if (xf_history_change_list(s, &c, &k) != XF_OK) {
            xf_history_change_list_free(c, k);
            continue;
        }
        /* An update names its row by the fields it did not change; a row
         * one of a kind beside the record (an inspection's rectification,
         * whose new deadline went unsaid) by what it is. */
        const char *name = NULL;
        for (size_t j = 0; j < k && !name; j++)
            if (!c[j].before)
                name = c[j].after;
        if (!name)
            name = xf_history_entity_label(s->entity);
        for (size_t j = 0; name && j < k; j++) {
            if (!c[j].before)
                continue;
            char *field = NULL;
            struct xf_history_change *grown = realloc(*changes, (*n_changes + 1) * sizeof *grown);
            if (!grown || asprintf(&field, "%s %s", name, c[j].field) < 0)
                field = NULL;
            if (grown)
                *changes = grown;
            if (!field)
                break;
            grown[(*n_changes)++] = (struct xf_history_change){
                .field = field, .before = c[j].before, .after = c[j].after};
            free(c[j].field);
            c[j].field = c[j].before = c[j].after = NULL;
        }
        xf_history_change_list_free(c, k);
    }
}

/* c[from, n) moved before c[0, from), each part in its order. */
static void rotate_to_front(struct xf_history_change *c, size_t from, size_t n)
{
    for (size_t k = from; k < n; k++) {
        struct xf_history_change t = c[k];
        memmove(c + 1 + (k - from), c + (k - from), from * sizeof *c);
        c[k - from] = t;
    }
}

/* "张伟 (zhang.wei)", as the status line names people. */
static void person(const struct xf_ctx *ctx, const char *login, char *out, size_t size)
{
    xf_ctx_person(ctx, login, out, size);
}

/* A restore after the record's own last change is what changed it: the
 * record is as the backup had it (the change the history shows for it is
 * the backup's, maybe weeks old, by someone who did nothing now). */
static bool restored_since(const struct xf_ctx *ctx, int64_t own_id, const char *subject,
                           int code, struct xf_error *err)
{
    char mark[XF_RESTORE_MARK_LEN], who[160];
    char *actor = NULL;
    struct xf_error ignored = {0};
    if (xf_store_history_last_restore(ctx->db, mark, &actor, &ignored) != XF_OK || !mark[0] ||
        strtoll(mark, NULL, 10) <= own_id) {
        free(actor);
        return false;
    }
    person(ctx, actor, who, sizeof who);
    const char *at = strchr(mark, ' ');
    char field[sizeof err->field];
    memcpy(field, err->field, sizeof field);
    xf_err(err, code, field,
           _("%s was changed by someone else: %s restored the database from a backup at %s, "
             "so it is as the backup had it"),
           subject, who, at ? at + 1 : "");
    free(actor);
    return true;
}

/* A record whose history the user may not read (a complaint dispatched
 * out of a handler's units meanwhile): who changed it, when and by which
 * step, not what they changed, so the user still learns whom to ask
 * ("changed by someone else since you opened it" named no one). */
static int describe_unread(const struct xf_ctx *ctx, const char *entity, int64_t id,
                           const char *subject, int code, struct xf_error *err)
{
    struct xf_history_last last = {0};
    struct xf_error ignored = {0};
    if (xf_store_history_last(ctx->db, entity, id, &last, &ignored) == XF_OK &&
        !restored_since(ctx, last.id, subject, code, err)) {
        char field[sizeof err->field], who[160];
        memcpy(field, err->field, sizeof field);
        person(ctx, last.actor, who, sizeof who);
        xf_err(err, code, field, _("%s was changed by someone else: %s at %s (%s)"), subject, who,
               last.at, xf_history_action_label(last.action));
    }
    xf_history_last_clear(&last);
    return code;
}

int xf_conflict_describe(const struct xf_ctx *ctx, const char *entity, int64_t id,
                         const char *what, struct xf_error *err)
{
    int code = err && err->code ? err->code : XF_ECONFLICT;
    if (!err)
        return code;
    struct xf_history_row *rows = NULL;
    size_t n = 0, n_changes = 0;
    struct xf_error ignored = {0};
    char subject[160];
    if (what)
        snprintf(subject, sizeof subject, "%s", what);
    else
        snprintf(subject, sizeof subject, "%s #%lld", entity, (long long)id);
    /* The record's name starts the message, shown alone as a sentence
     * ("complaint TS…" read as a fragment on the status line). */
    xf_text_sentence_start(subject);
    /* The caller's own refusal, kept when there is no history to tell. */
    if (what && strncmp(err->msg, what, strlen(what)) == 0)
        xf_text_sentence_start(err->msg);
    if (xf_history_for(ctx, entity, id, 0, LOOK_BACK_ROWS, &rows, &n, &ignored) != XF_OK)
        return ignored.code == XF_EPERM ? describe_unread(ctx, entity, id, subject, code, err)
                                        : code;
    const struct xf_history_row *r = own_row(rows, n, entity);
    if (restored_since(ctx, r ? r->id : 0, subject, code, err)) {
        xf_history_rows_free(rows, n);
        return code;
    }
    struct xf_history_change *changes = NULL;
    if (r && xf_history_change_list(r, &changes, &n_changes) == XF_OK) {
        /* Fields only: a step's note folded into the row is no field */
        size_t k = 0;
        for (size_t i = 0; i < n_changes; i++) {
            if (changes[i].field)
                changes[k++] = changes[i];
            else
                free(changes[i].after);
        }
        n_changes = k;
        /* What was typed (a group's score) before what follows from it
         * (the evaluation's total), in case the list is cut short. */
        size_t n_own = n_changes;
        add_written_with(rows, n, r, &changes, &n_changes);
        rotate_to_front(changes, n_own, n_changes);
        char *text = changes_text(changes, n_changes);
        char field[sizeof err->field], who[160];
        memcpy(field, err->field, sizeof field);
        person(ctx, r->actor, who, sizeof who);
        xf_err(err, code, field, _("%s was changed by someone else: %s at %s (%s): %s"),
               subject, who, r->at, xf_history_action_label(r->action), text ? text : "?");
        free(text);
    }
    xf_history_change_list_free(changes, n_changes);
    xf_history_rows_free(rows, n);
    return code;
}

int xf_conflict_check(const struct xf_ctx *ctx, const char *entity, int64_t id, int64_t seen,
                      const char *what, struct xf_error *err)
{
    /* After a restore the record with id may be another one, at the
     * same version: the write would be refused, so no question first. */
    int rc = xf_db_restore_check(ctx->db, err);
    if (rc)
        return rc;
    int64_t now;
    rc = xf_store_record_version(ctx->db, entity, id, &now, err);
    if (rc || now == seen)
        return rc;
    char subject[160];
    snprintf(subject, sizeof subject, "%s", what);
    xf_text_sentence_start(subject);
    xf_err(err, XF_ECONFLICT, "version", _("%s was changed by someone else since you opened it"),
           subject);
    return xf_conflict_describe(ctx, entity, id, what, err);
}

bool xf_conflict_stale(const struct xf_ctx *ctx, const char *entity, int64_t id, int64_t seen)
{
    int64_t now = 0;
    struct xf_error err = {0};
    return xf_store_record_version(ctx->db, entity, id, &now, &err) != XF_OK || now != seen;
}
