/* Forms for every write action: labelled fields validated one by one, the
 * error shown next to the field, and a confirm dialog for irreversible
 * actions. Forms are modal: xf_form_run returns when the user submits
 * successfully or cancels. */
#ifndef XF_UI_FORM_H
#define XF_UI_FORM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xf/error.h"

struct xf_ui;
struct xf_form;

/* A UTF-8 line editor; cur is a byte offset on a character boundary. */
struct xf_edit {
    char *buf;
    size_t len, cap, cur;
};

int xf_edit_set(struct xf_edit *e, const char *s); /* cursor to the end */
/* Inserts one code point at the cursor; refuses (XF_EINVAL) control,
 * bidi and zero-width characters so the buffer is always safe to draw. */
int xf_edit_insert(struct xf_edit *e, unsigned cp);
int xf_edit_newline(struct xf_edit *e);     /* multi-line fields */
void xf_edit_backspace(struct xf_edit *e); /* deletes one character */
void xf_edit_delete(struct xf_edit *e);
/* Ctrl-U and Ctrl-K, as in a shell: delete from the start of the
 * cursor's line to the cursor, or from the cursor to the line's end. */
void xf_edit_kill_before(struct xf_edit *e);
void xf_edit_kill_after(struct xf_edit *e);
void xf_edit_left(struct xf_edit *e);
void xf_edit_right(struct xf_edit *e);
void xf_edit_home(struct xf_edit *e);
void xf_edit_end(struct xf_edit *e);
size_t xf_edit_chars(const struct xf_edit *e);
/* Display cells from byte offset from to the cursor. */
int xf_edit_cursor_cells(const struct xf_edit *e, size_t from);
void xf_edit_free(struct xf_edit *e);

enum xf_field_kind {
    XF_FIELD_TEXT,
    XF_FIELD_MULTILINE, /* Enter inserts a line break */
    XF_FIELD_CHOICE,    /* one of choices[]; Left/Right/Space */
    XF_FIELD_DATE,      /* YYYY-MM-DD */
    XF_FIELD_INT,
    XF_FIELD_YESNO,     /* Space, y, n */
    XF_FIELD_PICK,      /* a record found by incremental search */
    XF_FIELD_DATETIME,  /* YYYY-MM-DD HH:MM, or a date alone: check() says */
};

struct xf_pick_item {
    char *label; /* owned by the callback's caller: freed by the form */
    int64_t id;
    bool dim;    /* drawn dimmed: offered with the mark saying why it would be refused */
    char *why;   /* NULL, or the whole reason behind a short mark, said on the
                    picker's bottom line while the item is the selected one
                    (owned as label) */
};

/* Up to limit matches for query (typed so far) into out; *n_out set. */
typedef int (*xf_form_pick_fn)(void *arg, int field, const char *query, int limit,
                               struct xf_pick_item *out, int *n_out, struct xf_error *err);
/* Field validation beyond the built-in checks (required, length, date,
 * integer): XF_OK or an error whose msg is shown beside the field. */
typedef int (*xf_form_check_fn)(void *arg, const struct xf_form *f, int field,
                                struct xf_error *err);
/* Performs the action (one domain call). An error naming a field
 * (err->field == that field's name) is shown beside it; others (a stale
 * version, a refused state) below the form. The form stays open. */
typedef int (*xf_form_submit_fn)(void *arg, struct xf_form *f, struct xf_error *err);

struct xf_form_field {
    const char *name;  /* the domain's field name, matched against err->field */
    const char *label; /* translated */
    enum xf_field_kind kind;
    bool required;
    int max_chars;               /* 0: 200, multi-line 2000 */
    const char *const *choices;  /* CHOICE: NULL-terminated, translated */
    xf_form_pick_fn pick;        /* PICK */
    const char *no_match;        /* PICK: what it offers, shown when nothing
                                    matches (translated; NULL: "No match.") */
    const char *pick_note;       /* PICK: said after the label in the search's
                                    title ("5 open for 2026Q3"); the callback may
                                    rewrite it at each search; NULL or "": none */
    const char *pick_foot;       /* PICK: a line under the matches (what the search
                                    leaves out, and why); rewritten as pick_note;
                                    non-NULL gives the picker the line */
    bool pick_ends;              /* PICK: a match too long for its line keeps both
                                    ends of its unit line ("… · 市自然资源局…第1号
                                    窗口"), its unit's own name last */
    xf_form_check_fn check;      /* optional */
    int lines;                   /* fixed (a CHOICE of one): at most so many lines
                                    shown, its line breaks kept (0: 4) */
    bool halfwidth;              /* TEXT: full-width digits, +, - and space typed
                                    become ASCII (a phone number) */
    int fills_next;              /* PICK: how many of the fields after it a choice
                                    fills in (the holder's name and position);
                                    Tab after a choice goes past those it filled */
    int moots_next;              /* PICK: how many of the fields after it a choice
                                    makes moot (a post's unit: the post has one);
                                    Tab after a choice goes past them */
    /* values */
    struct xf_edit text; /* TEXT, MULTILINE, DATE, INT; PICK: chosen label */
    int choice;          /* CHOICE index; YESNO 0 = no, 1 = yes */
    int64_t picked;      /* PICK: chosen id, 0 = none */
    char *error;         /* shown beside the field; owned */
    bool submit_error;   /* error came from the submit, not the field checks */
    bool bad_bytes;      /* the terminal sent bytes that are not UTF-8 into it: said
                            until the field is emptied (a paste's next characters
                            took the message away) */
    bool fresh;          /* filled in before the form opened (a record's value,
                            a prompt's last search), not edited since: shown
                            selected, the first character typed replaces it,
                            a key that edits (← → Home End Backspace) keeps it */
    int top;             /* MULTILINE: its first line in view while it has the
                            focus (moved only as far as the cursor needs) */
};

struct xf_list;
struct xf_form {
    const char *title; /* translated */
    struct xf_form_field *fields;
    int n;
    void *arg; /* passed to every callback */
    xf_form_submit_fn submit;
    /* Optional: called after every change of a value, for what the form
     * shows as it is filled in (a running result). */
    void (*changed)(void *arg, const struct xf_form *f);
    /* Optional: after a submit refused because someone else changed the
     * record since the form was read (XF_ECONFLICT, whose message says
     * what they changed), re-reads it so that the next submit acts on the
     * record as it is now (xf_form_merge: fields the user has not touched
     * take the new values, theirs stay). XF_OK when it did; otherwise err
     * says why the form can no longer do its work (the record was closed,
     * revoked, ...) and that Esc closes it. SPEC §5: the user is shown the
     * change and can retry. */
    int (*reload)(void *arg, struct xf_form *f, struct xf_error *err);
    /* A one-line prompt (a search): Esc leaves it at once, as what was
     * typed is not worth a question. */
    bool prompt;
    /* A form that chooses what a list shows (a filter): F2 applies it,
     * and the hint says so rather than "save". */
    bool applies;
    /* A step of several (a new inspection's where and what): F2 goes on
     * to the next, and the hint says "continue", not "save". */
    bool next_step;
    /* Optional, for a form that edits a record: its n fields as read (as
     * for xf_form_merge, kept up to date by reload). F2 while every field
     * still holds that value saves nothing and says so: a save of nothing
     * would leave a history entry of no change and a new version that
     * makes others' open forms conflict. */
    const struct xf_form_field *base;
    /* Optional: the record the form acts on, as left_what ("pledge"), its
     * id and its code as people read it. When a colleague's change leaves
     * the form unable to save (dead), what the user typed into its text
     * fields is not lost with it: when left_next says a next form on the
     * record is open to them, that form (with the same left_what and id)
     * starts from it; else it is shown whole, to copy. */
    const char *left_what;
    int64_t left_id;
    const char *left_code;
    bool (*left_next)(void *arg);
    /* Optional: the screen line of the list row the form acts on, plus
     * one (0: none). The form opens just below that row, or above it,
     * where it fits: centred, it could hide the very row (the post to
     * revoke). */
    int beside;
    /* Optional: the list whose selected row beside names. After a resize
     * beside is read again from it (xf_list_sel_line), so that the form
     * follows its row as menus and questions do: it kept the old line. */
    const struct xf_list *beside_list;
    /* state */
    int focus;
    bool edited;
    bool started;                 /* run before (a step come back to): its values were typed */
    struct xf_form_field *opened; /* the values as xf_form_run began, */
    int opened_n;                 /* ... so many of them */
    bool opened_edited;           /* edited was set before it began */
    bool unchanged; /* closed by an F2 on a base the user had not changed */
    bool dead;   /* a reload said the form can no longer do its work:
                    Esc closes it without asking */
    bool restored; /* refused for a restore since it opened (dead too):
                      its record's id may name another record now */
    char *error; /* form-level message; owned */
    bool error_names_field; /* error only says which field a refused save went
                               to: the next edit takes it away */
};

/* The unit pickers of every form: active units within the user's scope
 * whose code or name holds query, labelled "code name". */
struct xf_ctx;
int xf_form_pick_units(const struct xf_ctx *ctx, const char *query, int limit,
                       struct xf_pick_item *out, int *n_out, struct xf_error *err);
/* A post as every post picker shows it: code, title, holder and the unit
 * from its department down ("XFG-00030 食品经营许可先锋岗 陈旭成 · 市烟草
 * 专卖局 › 服务大厅 › 第1号窗口": posts of one title in one window differ
 * by their holder). Caller frees; NULL when out of memory. */
struct xf_post_item;
char *xf_form_post_label(const struct xf_ctx *ctx, const struct xf_post_item *it);
/* Sets a unit picker to unit_id, shown as people read it ("市城建委 ›
 * 服务大厅"). */
void xf_form_set_unit(const struct xf_ctx *ctx, struct xf_form_field *f, int64_t unit_id);
/* Initial values (text is sanitised; multi-line keeps line breaks). */
int xf_form_set_text(struct xf_form_field *f, const char *s);
const char *xf_form_text(const struct xf_form_field *f);
/* The field's whole number: 0 when empty; false when it holds anything
 * else (3.5), so that a running result is not worked out from a misread. */
bool xf_form_int(const struct xf_form_field *f, long long *out);
/* Runs the built-in checks and check() for field i, storing its error;
 * returns XF_OK when valid. */
int xf_form_validate(struct xf_form *f, int i);
/* For a reload after an edit conflict, field by field: a value the user
 * left as it was read (base[i]) takes the one stored now (now[i]); one
 * they changed stays theirs, and when the other user changed it too the
 * field says to what, so a second save overwrites nothing unseen. base
 * and now are f->n fields filled the way the form was; returns how many
 * fields took the stored value. */
int xf_form_merge(struct xf_form *f, const struct xf_form_field *base,
                  const struct xf_form_field *now);
/* What was typed in a form a colleague's change refused (text), into
 * the first text field of f, the next form on the record: after what the
 * field holds, on a line (or a space) of its own, where it holds anything.
 * Sets focus there and says so in f->error; true when it did. */
bool xf_form_take_left(struct xf_form *f, const char *text);
/* Frees the values of n fields that were never part of a running form. */
void xf_form_fields_free(struct xf_form_field *fields, int n);
/* Shows the form until a successful submit (returns 1) or cancel (0).
 * Enter on the last field, F2 or Ctrl-S submit; Esc cancels, asking first
 * if anything was edited. The caller then returns XF_UI_CHANGED (after a
 * submit) or XF_UI_REDRAW_ALL. */
int xf_form_run(struct xf_ui *ui, struct xf_form *f);
/* Frees values and messages (not the fields array). */
void xf_form_free(struct xf_form *f);
/* "question [y/N]" for irreversible actions; true only for y. */
bool xf_form_confirm(struct xf_ui *ui, const char *question);
/* The same, about the record on the screen line line(arg) gives (-1:
 * none), asked again after a resize: the question opens just below that
 * line, or above it, never over it (centred, it hid the very row it asked
 * about), and follows the row when the screen changes. */
bool xf_form_confirm_at(struct xf_ui *ui, const char *question, int (*line)(const void *arg),
                        const void *arg);
/* The same beside the selected row of list (NULL: as xf_form_confirm). */
struct xf_list;
bool xf_form_confirm_on(struct xf_ui *ui, const char *question, const struct xf_list *list);

#endif
