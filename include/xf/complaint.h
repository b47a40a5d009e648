/* Complaints (SPEC §2.5): the workflow received → classified → dispatched →
 * signed → replied → callback → closed, with returns and rulings, redo after
 * an unsatisfied callback, rejection, merging, supervision (督办) and notes;
 * working-day clocks, masking of personal data, reports and CSV.
 *
 * Every write takes the version the caller last saw and fails with
 * XF_ECONFLICT when the complaint changed since; every transition writes a
 * complaint_event in the same transaction. */
#ifndef XF_COMPLAINT_H
#define XF_COMPLAINT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xf/ctx.h"
#include "xf/error.h"
#include "xf/store_complaint.h"
#include "xf/table.h"
#include "xf/transfer.h"

#define XF_COMPLAINT_TEXT_MAX 20000 /* characters */
#define XF_COMPLAINT_NOTE_MAX 2000  /* characters, notes and reasons */
#define XF_COMPLAINT_PHONE_MAX 20
/* Co-handling units besides the lead: every form that hands a complaint
 * over has this many fields for them, so none is dropped unseen. */
#define XF_COMPLAINT_COHANDLERS_MAX 3

enum xf_complaint_state {
    XF_CS_RECEIVED,
    XF_CS_CLASSIFIED,
    XF_CS_DISPATCHED,
    XF_CS_SIGNED,
    XF_CS_RETURNED,
    XF_CS_REPLIED,
    XF_CS_CALLBACK,
    XF_CS_CLOSED,
    XF_CS_REJECTED,
    XF_CS_MERGED,
    XF_CS_COUNT
};

/* Why a unit returns a dispatch (退单). */
enum xf_return_reason {
    XF_RETURN_NOT_JURISDICTION,
    XF_RETURN_UNCLEAR_OWNERSHIP,
    XF_RETURN_OVERLAPPING_DUTIES,
};

enum xf_callback_outcome {
    XF_CALLBACK_SATISFIED,
    XF_CALLBACK_UNSATISFIED, /* back to the lead unit (重办) */
    XF_CALLBACK_UNREACHABLE,
};

/* Where a complaint stands against its current deadline. */
enum xf_clock {
    XF_CLOCK_NONE, /* no deadline running */
    XF_CLOCK_OK,
    XF_CLOCK_DUE_SOON, /* 临期: within rules.due_soon_days working days, and a
                          working day of the step has run (xf_complaint_clock) */
    XF_CLOCK_OVERDUE,  /* 逾期 */
};

/* What a supervisor enters on receiving a complaint. */
struct xf_complaint_new {
    const char *source;    /* hotline, appraisal, evaluation, inspection, letter,
                              walk_in, media */
    const char *kind;      /* complaint (default) or suggestion */
    const char *post_code; /* the post it concerns, or NULL */
    const char *unit_code; /* the unit it concerns, or NULL (taken from the post) */
    const char *text;
    const char *complainant_name;  /* may be empty */
    const char *complainant_phone; /* digits, spaces, + and - only; may be empty */
    const char *received_at;       /* date or timestamp; NULL: now */
    int64_t inspection_id;         /* the failed inspection that raises it, 0: none */
};

/* A page of the queue, supervised first then by id. */
struct xf_complaint_filter {
    const char *state; /* NULL: any */
    bool open_only;    /* hide closed, rejected and merged */
    int64_t unit_id;   /* 0: any; else lead or concerned unit in this subtree */
    bool has_after;    /* keyset: continue after the last row shown */
    bool after_supervised;
    int64_t after_id;
    int limit; /* 1..1000, 0 = 100 */
};

/* One keyset page of the interface's list (the list widget's contract,
 * xf/ui_list.h): rows in (sort_key, id) order after, from or before the
 * given key, within the user's scope (handlers: only complaints dispatched
 * to units in their scope), masked like get, each with its display fields
 * and sort_key. */
struct xf_complaint_page {
    const char *state;   /* NULL: any */
    bool open_only;
    bool supervised_only;
    enum xf_complaint_clock_filter clock; /* due soon / overdue on today */
    int64_t unit_id;     /* 0: any; else this unit's subtree (linked panes) */
    int64_t post_id;     /* 0: any */
    /* Search text as typed (xf/search.h; NULL or "": none): only the
     * complaints it matches, or about (or led by) the units and posts it
     * names (xf_search_places, as the database is at each page). Users who
     * may not see complainants' names do not search them. Invalid text is
     * XF_EINVAL on field "query". */
    const char *query;
    enum xf_complaint_sort sort;
    /* The order turned round: the newest first (of closed complaints, the
     * latest work). Keys are then xf_complaint_newest_key's, and the
     * walk is the order's own, read backwards through the same indexes. */
    bool newest;
    enum xf_complaint_dir dir;
    const char *from_sort; /* NULL: from the start (BEFORE: from the end) */
    int64_t from_id;
    int limit; /* 1..1000, 0 = 100 */
};

/* What waits for the user's units as lead: to sign for, to answer, and
 * of those past their deadline on today, and those due soon (临期: the
 * deadline within rules.due_soon_days working days of today, once a
 * working day of the step has run, as xf_complaint_clock; a
 * handler's status line; co-handled complaints are the lead's to move). */
struct xf_lead_work {
    long to_sign, to_reply, overdue, due_soon;
};
int xf_complaint_lead_work(const struct xf_ctx *ctx, const char *today, struct xf_lead_work *out,
                           struct xf_error *err);
const char *xf_complaint_state_name(enum xf_complaint_state s);
/* Translated label for users, e.g. "签收" / "signed". */
const char *xf_complaint_state_label(enum xf_complaint_state s);
/* What a step that left complaint code in state s says, one sentence in
 * the user's language ("TS2026-000001 is signed for." / "……已签收。"); a
 * returned one says that a supervisor rules on the return next. Caller
 * frees; NULL when out of memory. */
char *xf_complaint_state_news(const char *code, enum xf_complaint_state s);
/* 0 and *out on a known identifier, -1 otherwise. */
int xf_complaint_state_parse(const char *name, enum xf_complaint_state *out);
/* The state of a loaded row (XF_CS_RECEIVED when unreadable). */
enum xf_complaint_state xf_complaint_state_of(const struct xf_complaint *c);
const char *xf_return_reason_name(enum xf_return_reason r);
const char *xf_callback_outcome_name(enum xf_callback_outcome o);
const char *xf_clock_name(enum xf_clock k);

/* The sources xf_complaint_receive accepts, in the order a form offers
 * them: the identifier of number i, NULL past the last. */
#define XF_COMPLAINT_NSOURCES 7
const char *xf_complaint_source_at(int i);
/* Translated labels of the stored identifiers ("walk_in" → "现场"); an
 * unknown identifier comes back as it is, NULL as "". */
const char *xf_complaint_source_label(const char *source);
const char *xf_complaint_kind_label(const char *kind);
const char *xf_callback_outcome_label(const char *outcome);
/* A workflow event's action ("rule_reject") for people; unknown ones as they are. */
const char *xf_complaint_event_label(const char *action);
const char *xf_return_reason_label(const char *code);
/* A stored return_reason "<code>: <text>" (also a return event's note) as
 * "<translated reason>: <text>"; text that does not start with a known
 * code is copied as it is. Caller frees; NULL for NULL or out of memory. */
char *xf_complaint_return_text(const char *stored);
/* A timeline event's stored note for the reader, in their language: an
 * answer date's facts, a change of co-handlers' unit codes (named from
 * db) and a change of category's names (labelled by cfg) as sentences,
 * and the sentences earlier versions stored for them; a return's reason
 * code in words (action NULL: any of these, as the note reads, earlier
 * sentences but an answer date's left as they are). cfg and db may be
 * NULL: the codes as stored. Other notes are copied as they are. Caller
 * frees; NULL for NULL or out of memory. */
char *xf_complaint_event_note_text(const struct xf_config *cfg, struct xf_db *db,
                                   const char *action, const char *stored);

/* The complainant's phone as xf_complaint_receive checks it (NULL and ""
 * allowed), so a form can say what is wrong before submitting; the error
 * names field. */
int xf_complaint_check_phone(const char *phone, const char *field, struct xf_error *err);

/* A time of receipt as the receive form takes it: "YYYY-MM-DD HH:MM"
 * (seconds too), or a date alone for a day past (a letter taken down
 * late), not later than now; the error names "received_at". */
int xf_complaint_check_received_at(const char *when, struct xf_error *err);
/* A time of receipt as shown: to the minute ("2026-11-29 14:34"), a date
 * alone as it is, and a date stored with a made-up midnight (a day given
 * alone, by earlier versions) as the date alone. */
#define XF_COMPLAINT_WHEN_LEN 20
void xf_complaint_received_shown(const char *received_at, char out[XF_COMPLAINT_WHEN_LEN]);

/* A complaint's code as the program gives them out: "TS", the year of
 * receipt, '-' and XF_COMPLAINT_CODE_DIGITS digits ("TS2026-000123").
 * received_at (NULL: any year) gives the year; *number (may be NULL) gets
 * the number. The error names field. */
#define XF_COMPLAINT_CODE_DIGITS 6
#define XF_COMPLAINT_CODE_LAST 999999 /* the last number of a year */
int xf_complaint_check_code(const char *code, const char *received_at, const char *field,
                            long *number, struct xf_error *err);

/* Records a new complaint (supervisor); *id_out gets its id. Its code is
 * "TS<year>-<number>" from the received date, the next number of that
 * year; when the year's numbers are all given out it is refused. */
int xf_complaint_receive(const struct xf_ctx *ctx, const struct xf_complaint_new *in,
                         int64_t *id_out, struct xf_error *err);
/* Puts right what was taken down at intake (source, kind, post or unit,
 * text, complainant, phone) while the complaint is received or classified;
 * its code and state stay. in->received_at: a corrected day of receipt (as
 * for receive: not in the future, at most 90 days back; "YYYY-MM-DD HH:MM"
 * taken too); NULL, the same day alone or the same minute keeps the time
 * of receipt. */
int xf_complaint_correct(const struct xf_ctx *ctx, int64_t id, int64_t version,
                         const struct xf_complaint_new *in, struct xf_error *err);
/* received → classified; category must be listed in the config. */
int xf_complaint_classify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          const char *category, const char *note, struct xf_error *err);
/* Files a classified, dispatched, signed or returned complaint under
 * another category (supervisor), saying why (note is required). The
 * category sets the time limits: a running sign-for or reply deadline is
 * worked out again from the day its clock began, with the new limits.
 * The event's note holds the new and old categories' names and the
 * reason, read out by xf_complaint_event_note_text. */
int xf_complaint_reclassify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            const char *category, const char *note, struct xf_error *err);
/* dispatched → dispatched to another lead unit (supervisor), saying why
 * (note required): a unit that has not signed for it — silent, overdue or
 * plainly the wrong one — loses it. Co-handlers as for dispatch; the new
 * unit's sign-for clock starts today, and it may return the dispatch as
 * any unit may. The same lead unit is refused: 督办 presses it. */
int xf_complaint_redispatch(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            int64_t lead_unit_id, const int64_t *cohandlers, size_t n_cohandlers,
                            const char *note, struct xf_error *err);
/* Changes the co-handling units of a complaint its lead unit has
 * (dispatched, signed for or replied) without handing it over (supervisor):
 * the units checked as for dispatch, the lead and its clock unchanged;
 * the same units again is refused. The event's note holds the codes of
 * the units added and removed, then the reason (note, optional), read
 * out by xf_complaint_event_note_text. A removed unit's handlers
 * no longer see the complaint; an added one's do. */
int xf_complaint_set_cohandlers(const struct xf_ctx *ctx, int64_t id, int64_t version,
                                const int64_t *cohandlers, size_t n_cohandlers, const char *note,
                                struct xf_error *err);
/* Whether c's state allows xf_complaint_set_cohandlers. */
bool xf_complaint_cohandlers_changeable(const struct xf_complaint *c);
/* Sets the date by which complaint id is to be answered (supervisor): a
 * citizen asked for an answer within days, or the supervisor presses for
 * one. Until it is replied to, but not while it is returned (no unit has
 * it: the ruling comes first); due a date YYYY-MM-DD not before today,
 * reason required, the same date again refused. It is the reply deadline
 * (at once when signed for, else from signing) and the sign-for deadline
 * is no later than it (at once when dispatched, else from dispatch), so
 * due soon, overdue and the deadline order follow it. An unsatisfied
 * callback's redo clears it. The event's note holds the date, the one it
 * replaces, a sign-for deadline it moved and the reason, as facts read out
 * by xf_complaint_event_note_text. */
int xf_complaint_set_answer_due(const struct xf_ctx *ctx, int64_t id, int64_t version,
                                const char *due, const char *reason, struct xf_error *err);
/* The year of due (YYYY-MM-DD) when the configuration lists no public
 * holidays for it, so that its working days count 元旦 and 春节: for a
 * form to warn before such a deadline is set. 0 otherwise. */
int xf_complaint_due_year_unlisted(const struct xf_ctx *ctx, const char *due);
/* The years, from today's on, of the open complaints' deadlines for
 * which no public holidays are listed (at most max, ascending, into
 * years; their number in *n). */
int xf_complaint_deadline_years_unlisted(const struct xf_ctx *ctx, const char *today, int *years,
                                         size_t max, size_t *n, struct xf_error *err);
/* Whether c's state allows xf_complaint_set_answer_due. */
bool xf_complaint_answer_due_settable(const struct xf_complaint *c);
/* classified → dispatched to an active lead unit with optional co-handlers;
 * starts the sign-for clock (category.sign_days working days). The
 * event's note (as a re-dispatch's and an accepted return's) holds the
 * co-handlers' codes, then the note, read out by
 * xf_complaint_event_note_text. */
int xf_complaint_dispatch(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          int64_t lead_unit_id, const int64_t *cohandlers, size_t n_cohandlers,
                          const char *note, struct xf_error *err);
/* dispatched → signed by a handler of the lead unit; starts the reply clock. */
int xf_complaint_sign(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                      struct xf_error *err);
/* dispatched → returned by a handler of the lead unit, before the sign-for
 * deadline, with a reason and an explanation. */
int xf_complaint_return(const struct xf_ctx *ctx, int64_t id, int64_t version,
                        enum xf_return_reason reason, const char *text, struct xf_error *err);
/* Whether c (dispatched) may still be returned today: its sign-for
 * deadline has not passed, and its latest return was not ruled unfounded
 * (the unit is then to sign for it). */
bool xf_complaint_may_return(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* Whether the user may add a note to c: a supervisor, or a handler of its
 * lead or of a co-handling unit. */
bool xf_complaint_may_note(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* Whether c's latest return was ruled unfounded (the dispatch upheld). */
bool xf_complaint_return_upheld(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* Whether c is back at its unit to be redone (an unsatisfied callback):
 * the unit took it and answered it, so it is signed for, not returned. */
bool xf_complaint_redo_pending(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* returned → dispatched (supervisor's ruling). accept: the return stands and
 * the complaint goes to new_lead_unit_id (another unit) with the given
 * co-handlers; reject: back to the same lead unit (new_lead and co-handlers
 * ignored). Either way a new sign-for clock starts. */
int xf_complaint_rule(const struct xf_ctx *ctx, int64_t id, int64_t version, bool accept,
                      int64_t new_lead_unit_id, const int64_t *cohandlers, size_t n_cohandlers,
                      const char *note, struct xf_error *err);
/* signed → replied by a handler of the lead unit; text required. */
int xf_complaint_reply(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *text,
                       struct xf_error *err);
/* replied → closed (satisfied, unreachable; closed_on_time when the last
 * round was signed and replied by their deadlines, none of them moved
 * later after it had passed: xf_complaint_missed_due) or → dispatched again
 * to the lead unit (unsatisfied: redo_count + 1, new sign-for clock). */
int xf_complaint_callback(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          enum xf_callback_outcome outcome, const char *note, struct xf_error *err);
/* callback → closed, for complaints an earlier version left called back
 * and waiting to be closed; closed_on_time as above. */
int xf_complaint_close(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                       struct xf_error *err);
/* received / classified → rejected (not a complaint); reason required. */
int xf_complaint_reject(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                        struct xf_error *err);
/* Any open state → merged into into_id, itself open and not this one. */
int xf_complaint_merge(const struct xf_ctx *ctx, int64_t id, int64_t version, int64_t into_id,
                       const char *note, struct xf_error *err);
/* Sets or clears 督办 on an open complaint. */
int xf_complaint_supervise(const struct xf_ctx *ctx, int64_t id, int64_t version, bool on,
                           const char *note, struct xf_error *err);
/* A note in the record without a change of state (supervisor, or handler
 * of the lead unit). version is not checked: another user's step since
 * does not make a note wrong, and it is added after it. */
int xf_complaint_note(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *text,
                      struct xf_error *err);

/* Whether complaint id is still at version seen, the one a list, a
 * menu or a detail showed the user: XF_OK if so; else XF_ECONFLICT whose
 * message says what changed meanwhile in a sentence ("TS… was
 * re-dispatched by 王芳 (wangfang) to X while you were looking"), or who
 * changed what as xf_conflict_describe tells it. A step opened on what
 * the user saw is then opened on the complaint as it is now, with this
 * said, never on the old one unsaid. Errors of xf_complaint_get as they
 * are (it left the user's units: XF_EPERM). */
int xf_complaint_check_seen(const struct xf_ctx *ctx, int64_t id, int64_t seen,
                            struct xf_error *err);

/* Before asking "are you sure?" about step (the event's action: "close",
 * "callback", "reject", "merge") on complaint id seen at version seen:
 * XF_OK when the step would not be refused for a change since (one that
 * does not matter to it, such as 督办 set meanwhile, lets it through as
 * the step itself does); else XF_ECONFLICT explained as by
 * xf_conflict_check. */
int xf_complaint_check_step(const struct xf_ctx *ctx, int64_t id, int64_t seen, const char *step,
                            struct xf_error *err);

/* The code of complaint id (the caller frees it), and whether it lies
 * outside the user's units: a merged complaint names the one it was
 * merged into wherever that is (its export does too), not what it holds. */
int xf_complaint_code_of(const struct xf_ctx *ctx, int64_t id, char **code, bool *outside,
                         struct xf_error *err);
/* Reads one complaint (within the user's scope); name and phone are
 * masked ("张*", "138****5678") unless the role may see personal data.
 * Caller clears out. */
int xf_complaint_get(const struct xf_ctx *ctx, int64_t id, struct xf_complaint *out,
                     struct xf_error *err);
/* One keyset page of the queue within the user's scope, masked like get.
 * Caller frees with xf_complaints_free. */
int xf_complaint_list(const struct xf_ctx *ctx, const struct xf_complaint_filter *f,
                      struct xf_complaint **rows, size_t *n, struct xf_error *err);
int xf_complaint_page(const struct xf_ctx *ctx, const struct xf_complaint_page *pg,
                      struct xf_complaint **rows, size_t *n, struct xf_error *err);
/* How many complaints pg would list in all (its key, direction and limit
 * aside), counted no further than cap (*n <= cap: cap means "cap or
 * more"). For a search that pages a screen at a time, this is the
 * extra cost of a total; a front end can ask it when idle. */
int xf_complaint_count(const struct xf_ctx *ctx, const struct xf_complaint_page *pg, long cap,
                       long *n, struct xf_error *err);
/* The sort key the page query gives c under order s for the user of ctx
 * (the same string; XF_CSORT_ACTION asks whether c's step is theirs, see
 * xf_complaint_step_is_mine); caller frees; NULL when out of memory. */
char *xf_complaint_sort_key(const struct xf_ctx *ctx, const struct xf_complaint *c,
                            enum xf_complaint_sort s);
/* The key of a newest-first page (xf_complaint_page.newest) for the row
 * of key and id: it sorts before another's exactly when (key, id) sorts
 * after. Caller frees; NULL when out of memory. */
char *xf_complaint_newest_key(const char *key, int64_t id);
/* Whether c waits on a step of the user's: it is to be signed for or
 * answered, and its lead unit lies in their units (a co-handling unit
 * neither signs nor answers). */
bool xf_complaint_step_is_mine(const struct xf_ctx *ctx, const struct xf_complaint *c);
/* Active units for a dispatch picker: code prefix or name substring, any
 * unit (a complaint goes where it belongs), those outside the user's
 * units marked so in their label. Any user who may dispatch or rule.
 * Caller frees with xf_complaint_picks_free. */
int xf_complaint_pick_units(const struct xf_ctx *ctx, const char *query, int limit,
                            struct xf_complaint_pick **rows, size_t *n, struct xf_error *err);
/* The same within the user's units: where a complaint may be received
 * (a scoped supervisor receives only for their own units). */
int xf_complaint_pick_own_units(const struct xf_ctx *ctx, const char *query, int limit,
                                struct xf_complaint_pick **rows, size_t *n,
                                struct xf_error *err);
/* Complaints in scope a duplicate may be merged into, other than
 * exclude_id, whose code, text or complainant holds query: open ones
 * first, then closed ones (a repeat call about a settled case); labels
 * are the complaint texts, closed marks the closed. */
/* The code of the complaint inspection_id raised (*code NULL when none;
 * the caller frees it). */
int xf_complaint_of_inspection(const struct xf_ctx *ctx, int64_t inspection_id, char **code,
                               struct xf_error *err);
int xf_complaint_pick_merge_target(const struct xf_ctx *ctx, const char *query, int64_t exclude_id,
                           int limit, struct xf_complaint_pick **rows, size_t *n,
                           struct xf_error *err);
/* "name (code)" of a unit / "title (code)" of a post for display; *out is
 * the caller's. */
int xf_complaint_unit_label(const struct xf_ctx *ctx, int64_t unit_id, char **out,
                            struct xf_error *err);
int xf_complaint_post_label(const struct xf_ctx *ctx, int64_t post_id, char **out,
                            struct xf_error *err);
/* "code  line" of a unit, as the unit pickers list it: a picker's field
 * filled in advance reads as one filled by picking. */
int xf_complaint_unit_pick_label(const struct xf_ctx *ctx, int64_t unit_id, char **out,
                                 struct xf_error *err);
/* True when the role handles complaints for units (may sign, return, reply)
 * but does not supervise them: such users see only dispatched complaints. */
bool xf_complaint_handler_view(const struct xf_ctx *ctx);

/* Workflow events in order; with_merged adds those of complaints merged
 * into this one. Caller frees with xf_complaint_events_free. */
int xf_complaint_events(const struct xf_ctx *ctx, int64_t id, bool with_merged,
                        struct xf_complaint_event **rows, size_t *n, struct xf_error *err);
/* Active co-handling unit ids; *ids malloc'd, caller frees. */
int xf_complaint_cohandlers(const struct xf_ctx *ctx, int64_t id, int64_t **ids, size_t *n,
                            struct xf_error *err);
/* The complaints merged into complaint id (duplicates of it): their
 * complainants are to be answered too. *ids malloc'd, caller frees. */
int xf_complaint_merged_ids(const struct xf_ctx *ctx, int64_t id, int64_t **ids, size_t *n,
                            struct xf_error *err);
/* Clock against the running deadline (sign_due while dispatched, reply_due
 * while signed) on date today. Due soon (临期): the deadline within
 * rules.due_soon_days working days, once a working day of the step has
 * run; on the day its clock starts (dispatch, sign-for) a step is not yet
 * due soon, so a one-day sign-for is due soon on its last day, not at once. */
enum xf_clock xf_complaint_clock(const struct xf_ctx *ctx, const struct xf_complaint *c,
                                 const char *today);
/* How late c is on date today: the working days after its running
 * deadline up to today, as the deadlines are counted (0 when it is not
 * overdue, and on the days off right after a deadline). */
long xf_complaint_days_late(const struct xf_ctx *ctx, const struct xf_complaint *c,
                            const char *today);
/* The dates the due-soon test compares with on date today: soon, the
 * deadline's latest day to be due soon; ran, the last working day up to
 * today, before which the step's clock must have begun. Both "" for a bad
 * today. */
void xf_complaint_soon_dates(const struct xf_ctx *ctx, const char *today,
                             char soon[XF_DATE_LEN], char ran[XF_DATE_LEN]);
/* How long c has waited on a supervisor, in working days up to today (as
 * the deadlines are counted): received or classified, since it was
 * received; returned, since its latest return (the ruling is owed). 0
 * when no supervisor's step is owed, or on the day it began. since, when
 * not NULL, gets that day ("" when none). */
long xf_complaint_days_waiting(const struct xf_ctx *ctx, const struct xf_complaint *c,
                               const char *today, char since[XF_DATE_LEN]);
/* The deadline of the round that had passed when a supervisor moved it
 * later (逾期后延期: the complaint was late, and is closed late), or NULL. */
const char *xf_complaint_missed_due(const struct xf_complaint *c);
/* The deadline that is running, or NULL. */
const char *xf_complaint_deadline(const struct xf_complaint *c);

/* One row per state: complaints, overdue, supervised (and a total row).
 * period (NULL: all time): the complaints received within it, as they
 * stand today; a bad period is XF_EINVAL naming "since" or "until". */
int xf_complaint_report_states(const struct xf_ctx *ctx, const char *today,
                               const struct xf_period *period, struct xf_table *t,
                               struct xf_error *err);
/* Per lead unit: dispatched, response rate (signed in time), resolution
 * (closed / dispatched), satisfaction (satisfied / callbacks reached) and
 * on-time closure, in percent with one decimal ("-" when nothing to rate). */
int xf_complaint_report_units(const struct xf_ctx *ctx, const char *today,
                              const struct xf_period *period, struct xf_table *t,
                              struct xf_error *err);

extern const struct xf_kind_io xf_kind_complaints;

#endif
