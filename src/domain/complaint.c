/* The complaint workflow (SPEC §2.5): one function per transition, each a
 * short write transaction that checks role and scope, the caller's version
 * and the current state, then updates the row and appends an event. */
#include "xf/complaint.h"
#include "xf/conflict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint_priv.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/inspection.h"
#include "xf/post.h"
#include "xf/search.h"
#include "xf/store_inspection.h"
#include "xf/store_post.h"
#include "xf/store_unit.h"
#include "xf/text.h"
#include "xf/unit.h"

static const char *const state_names[XF_CS_COUNT] = {
    "received", "classified", "dispatched", "signed",   "returned",
    "replied",  "callback",   "closed",     "rejected", "merged",
};

#define S(x) (1u << (x))
/* States from which nothing moves on. */
#define TERMINAL (S(XF_CS_CLOSED) | S(XF_CS_REJECTED) | S(XF_CS_MERGED))
#define OPEN (((1u << XF_CS_COUNT) - 1) & ~TERMINAL)
/* While its lead unit has it: a returned one waits for the ruling, which
 * names the co-handlers itself. */
#define COHANDLER_STATES (S(XF_CS_DISPATCHED) | S(XF_CS_SIGNED) | S(XF_CS_REPLIED))
/* Until it is answered: taken down at intake (a citizen asked for an
 * answer by a day), or pressed on the unit that has it. Not while it is
 * returned: no unit has it and no deadline runs; the ruling that hands it
 * on comes first, and the date is set on the dispatch it makes. */
#define ANSWER_DUE_STATES                                                                          \
    (S(XF_CS_RECEIVED) | S(XF_CS_CLASSIFIED) | S(XF_CS_DISPATCHED) | S(XF_CS_SIGNED))

const char *xf_complaint_state_name(enum xf_complaint_state s)
{
    return (unsigned)s < XF_CS_COUNT ? state_names[s] : "?";
}

const char *xf_complaint_state_label(enum xf_complaint_state s)
{
    switch (s) {
    case XF_CS_RECEIVED: return _("received");
    case XF_CS_CLASSIFIED: return _("classified");
    case XF_CS_DISPATCHED: return _("dispatched");
    case XF_CS_SIGNED: return _("signed for");
    case XF_CS_RETURNED: return _("returned");
    case XF_CS_REPLIED: return _("replied");
    /* The outcome is recorded; only the supervisor's close is left. */
    case XF_CS_CALLBACK: return _("called back, to close");
    case XF_CS_CLOSED: return _("closed");
    case XF_CS_REJECTED: return _("rejected");
    case XF_CS_MERGED: return _("merged");
    case XF_CS_COUNT: break;
    }
    return "?";
}

/* One sentence per state, not "is now <label>": "现为已签收" read stiffly.
 * Each a literal, so the format is checked against its argument. */
char *xf_complaint_state_news(const char *code, enum xf_complaint_state s)
{
    const char *c = code ? code : "";
    char *out = NULL;
    int n = -1;
    switch (s) {
    case XF_CS_RECEIVED: n = asprintf(&out, _("%s is received."), c); break;
    case XF_CS_CLASSIFIED: n = asprintf(&out, _("%s is classified."), c); break;
    case XF_CS_DISPATCHED: n = asprintf(&out, _("%s is dispatched."), c); break;
    case XF_CS_SIGNED: n = asprintf(&out, _("%s is signed for."), c); break;
    /* the handler who returned it was left wondering what comes next;
     * short enough for the status line of a narrow terminal (66 cells
     * with the code read as a long message below 67 columns) */
    case XF_CS_RETURNED:
        n = asprintf(&out, _("%s is returned for a supervisor to rule on."), c);
        break;
    case XF_CS_REPLIED: n = asprintf(&out, _("%s is replied to."), c); break;
    case XF_CS_CALLBACK: n = asprintf(&out, _("%s is called back, to be closed."), c); break;
    case XF_CS_CLOSED: n = asprintf(&out, _("%s is closed."), c); break;
    case XF_CS_REJECTED: n = asprintf(&out, _("%s is rejected."), c); break;
    case XF_CS_MERGED: n = asprintf(&out, _("%s is merged."), c); break;
    case XF_CS_COUNT: break;
    }
    return n < 0 ? NULL : out;
}

int xf_complaint_state_parse(const char *name, enum xf_complaint_state *out)
{
    for (int i = 0; name && i < XF_CS_COUNT; i++)
        if (strcmp(name, state_names[i]) == 0) {
            *out = (enum xf_complaint_state)i;
            return 0;
        }
    return -1;
}

enum xf_complaint_state xf_complaint_state_of(const struct xf_complaint *c)
{
    enum xf_complaint_state s = XF_CS_RECEIVED;
    xf_complaint_state_parse(c->state, &s);
    return s;
}

const char *xf_return_reason_name(enum xf_return_reason r)
{
    switch (r) {
    case XF_RETURN_NOT_JURISDICTION: return "not_jurisdiction";
    case XF_RETURN_UNCLEAR_OWNERSHIP: return "unclear_ownership";
    case XF_RETURN_OVERLAPPING_DUTIES: return "overlapping_duties";
    }
    return NULL;
}

const char *xf_callback_outcome_name(enum xf_callback_outcome o)
{
    switch (o) {
    case XF_CALLBACK_SATISFIED: return "satisfied";
    case XF_CALLBACK_UNSATISFIED: return "unsatisfied";
    case XF_CALLBACK_UNREACHABLE: return "unreachable";
    }
    return NULL;
}

/* The identifiers of sources in the order the interface offers them. */
static const char *const source_names[XF_COMPLAINT_NSOURCES + 1] = {
    "hotline", "appraisal", "evaluation", "inspection", "letter", "walk_in", "media", NULL};

const char *xf_complaint_source_at(int i)
{
    return i >= 0 && i < XF_COMPLAINT_NSOURCES ? source_names[i] : NULL;
}

/* Looks name up in a table of identifiers and translated labels; an
 * unknown identifier is shown as it is (better than nothing), NULL as "". */
struct label {
    const char *name, *label;
};

static const char *label_of(const struct label *t, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(name, t[i].name) == 0)
            return _(t[i].label);
    return name ? name : "";
}

#define LABEL_OF(t, name) label_of(t, sizeof t / sizeof t[0], name)

const char *xf_complaint_source_label(const char *source)
{
    static const struct label t[] = {
        {"hotline", N_("12345 hotline")},       {"appraisal", N_("public appraisal")},
        {"evaluation", N_("evaluation comment")}, {"inspection", N_("inspection finding")},
        {"letter", N_("letter or visit")},      {"walk_in", N_("walk-in")},
        {"media", N_("media report")},
    };
    return LABEL_OF(t, source);
}

const char *xf_complaint_kind_label(const char *kind)
{
    static const struct label t[] = {
        {"complaint", N_("complaint")},
        {"suggestion", N_("suggestion")},
    };
    return LABEL_OF(t, kind);
}

const char *xf_complaint_event_label(const char *action)
{
    static const struct {
        const char *action, *label;
    } labels[] = {
        {"receive", N_("received")},
        {"classify", N_("classified")},
        {"reclassify", N_("category changed")},
        {"redispatch", N_("re-dispatched")},
        {"cohandlers", N_("co-handling units changed")},
        {"answer_due", N_("reply deadline set")},
        {"dispatch", N_("dispatched")},
        {"sign", N_("signed for")},
        {"return", N_("returned")},
        {"rule_accept", N_("return accepted, re-dispatched")},
        {"rule_reject", N_("return rejected, sent back")},
        {"reply", N_("replied")},
        {"callback_satisfied", N_("callback: satisfied")},
        {"callback_unsatisfied", N_("callback: unsatisfied, redo")},
        {"callback_unreachable", N_("callback: unreachable")},
        {"close", N_("closed")},
        {"reject", N_("rejected")},
        {"merge", N_("merged")},
        {"supervise", N_("supervised (督办)")},
        {"unsupervise", N_("supervision ended")},
        {"note", N_("note")},
        {"correct", N_("intake corrected")},
        {"import", N_("imported")},
    };
    for (size_t i = 0; action && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(action, labels[i].action) == 0)
            return _(labels[i].label);
    return action ? action : "";
}

const char *xf_callback_outcome_label(const char *outcome)
{
    static const struct label t[] = {
        {"satisfied", N_("satisfied")},
        {"unsatisfied", N_("unsatisfied (redo)")},
        {"unreachable", N_("unreachable")},
    };
    return LABEL_OF(t, outcome);
}

const char *xf_return_reason_label(const char *code)
{
    static const struct label t[] = {
        {"not_jurisdiction", N_("not our jurisdiction")},
        {"unclear_ownership", N_("unclear ownership")},
        {"overlapping_duties", N_("overlapping duties")},
    };
    return LABEL_OF(t, code);
}

char *xf_complaint_return_text(const char *stored)
{
    if (!stored)
        return NULL;
    const char *colon = strstr(stored, ": ");
    size_t code_len = colon ? (size_t)(colon - stored) : strlen(stored);
    char *code = strndup(stored, code_len);
    if (!code)
        return NULL;
    const char *label = xf_return_reason_label(code);
    char *out = NULL;
    /* Not one of ours (an imported free text): keep it whole. */
    if (label == code)
        out = strdup(stored);
    else if (asprintf(&out, "%s%s%s", label, colon ? _(": ") : "", colon ? colon + 2 : "") < 0)
        out = NULL;
    free(code);
    return out;
}

/* ---- an answer date's timeline note ---- */

/* The note of an answer_due event holds the facts, not a sentence, so
 * that each reader gets it in their language: "answer_due=D[,was=D]
 * [,sign_due=D]: <reason>" (was: the deadline it replaced; sign_due: the
 * sign-for deadline it moved). Notes written before were sentences in the
 * writer's language, read back below. */
#define ANSWER_DUE_KEY "answer_due="

static char *answer_due_sentence(const char *due, const char *was, const char *sign,
                                 const char *reason)
{
    char *said = NULL;
    int n = was && sign ? asprintf(&said, _("answer by %s, was %s; sign for by %s. Reason: %s"),
                                   due, was, sign, reason)
            : sign
                ? asprintf(&said, _("answer by %s; sign for by %s. Reason: %s"), due, sign, reason)
            : was ? asprintf(&said, _("answer by %s, was %s. Reason: %s"), due, was, reason)
                  : asprintf(&said, _("answer by %s. Reason: %s"), due, reason);
    return n < 0 ? NULL : said;
}

/* Reads "<key>YYYY-MM-DD" at *p into out and moves past it. */
static bool take_day(const char **p, const char *key, char out[XF_DATE_LEN])
{
    size_t k = strlen(key);
    if (strncmp(*p, key, k) != 0 || strnlen(*p + k, 10) < 10)
        return false;
    memcpy(out, *p + k, 10);
    out[10] = '\0';
    if (!xf_date_valid(out))
        return false;
    *p += k + 10;
    return true;
}

static char *answer_due_stored(const char *due, const char *was, const char *sign,
                               const char *reason)
{
    char *out = NULL;
    if (asprintf(&out, ANSWER_DUE_KEY "%s%s%s%s%s: %s", due, was ? ",was=" : "", was ? was : "",
                 sign ? ",sign_due=" : "", sign ? sign : "", reason) < 0)
        out = NULL;
    return out;
}

/* The facts as stored now; false for anything else. */
static bool answer_due_parse(const char *stored, char due[XF_DATE_LEN], char was[XF_DATE_LEN],
                             char sign[XF_DATE_LEN], const char **reason)
{
    const char *p = stored;
    was[0] = sign[0] = '\0';
    if (!take_day(&p, ANSWER_DUE_KEY, due))
        return false;
    take_day(&p, ",was=", was);
    take_day(&p, ",sign_due=", sign);
    if (strncmp(p, ": ", 2) != 0)
        return false;
    *reason = p + 2;
    return true;
}

/* A sentence an earlier version stored, in English or Chinese, matched
 * against its pattern: each %s but the last a date, the last the reason. */
static bool legacy_match(const char *pat, const char *s, char days[3][XF_DATE_LEN], int *n_days,
                         const char **reason)
{
    *n_days = 0;
    while (*pat) {
        if (strncmp(pat, "%s", 2) != 0) {
            if (*pat++ != *s++)
                return false;
            continue;
        }
        pat += 2;
        if (!*pat) {
            *reason = s;
            return true;
        }
        if (*n_days == 3 || strnlen(s, 10) < 10)
            return false;
        memcpy(days[*n_days], s, 10);
        days[*n_days][10] = '\0';
        if (!xf_date_valid(days[(*n_days)++]))
            return false;
        s += 10;
    }
    return false;
}

static char *answer_due_legacy(const char *stored)
{
    /* The four sentences as 0.1 wrote them: the English msgids and their
     * Chinese (po/zh_CN.po then); the dates come due, was, sign. */
    static const struct {
        const char *pat;
        bool was, sign;
    } pats[] = {
        {"answer by %s, was %s; sign for by %s. Reason: %s", true, true},
        {"answer by %s; sign for by %s. Reason: %s", false, true},
        {"answer by %s, was %s. Reason: %s", true, false},
        {"answer by %s. Reason: %s", false, false},
        {"限 %s 前答复（原为 %s），%s 前签收。理由：%s", true, true},
        {"限 %s 前答复，%s 前签收。理由：%s", false, true},
        {"限 %s 前答复（原为 %s）。理由：%s", true, false},
        {"限 %s 前答复。理由：%s", false, false},
    };
    for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        char days[3][XF_DATE_LEN];
        int n;
        const char *reason;
        if (!legacy_match(pats[i].pat, stored, days, &n, &reason))
            continue;
        return answer_due_sentence(days[0], pats[i].was ? days[1] : NULL,
                                   pats[i].sign ? days[n - 1] : NULL, reason);
    }
    return NULL;
}

/* ---- a change of co-handlers' timeline note ---- */

/* Stored as facts too: "added=U2;U5,removed=U3: <reason>" (either list
 * may be left out, and the reason when none was given). The units go by
 * code and are named when read: a unit's code never changes (xf_unit_edit
 * keeps it) while its name may, and a name stored then would, after a
 * rename, name a unit no list shows any more; the timeline's other unit
 * columns and the history's references are read the same way. */
#define ADDED_KEY "added="
#define REMOVED_KEY "removed="

static char *cohandlers_stored(const char *added, const char *removed, const char *note)
{
    char *out = NULL;
    bool why = !xf_text_blank(note);
    if (asprintf(&out, "%s%s%s%s%s%s%s", *added ? ADDED_KEY : "", added,
                 *added && *removed ? "," : "", *removed ? REMOVED_KEY : "", removed,
                 why ? ": " : "", why ? note : "") < 0)
        out = NULL;
    return out;
}

/* What a change of co-handlers did, for the reader: "added A; removed
 * B", then the reason. NULL out of memory. */
static char *cohandlers_said(const char *added, const char *removed, const char *note)
{
    char *what = NULL, *said = NULL;
    int w = *added && *removed ? asprintf(&what, _("added %s; removed %s"), added, removed)
            : *added           ? asprintf(&what, _("added %s"), added)
                               : asprintf(&what, _("removed %s"), removed);
    if (w < 0)
        return NULL;
    if (!note || xf_text_blank(note))
        return what;
    if (asprintf(&said, _("%s. Reason: %s"), what, note) < 0)
        said = NULL;
    free(what);
    return said;
}

/* Reads "<key>CODE;CODE" at *p (a span of *list, *len), moving past it. */
static bool take_codes(const char **p, const char *key, const char **list, size_t *len)
{
    size_t k = strlen(key), n = 0;
    if (strncmp(*p, key, k) != 0)
        return false;
    const char *s = *p + k;
    while (s[n] &&
           strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-;", s[n]))
        n++;
    if (!n || s[0] == ';' || s[n - 1] == ';')
        return false;
    *list = s;
    *len = n;
    *p = s + n;
    return true;
}

/* A unit as the timeline names it ("市政务服务中心 › 不动产登记窗口
 * (U2)"), by its code; the code alone when db is NULL or has no such
 * unit (a note copied from another database). */
static char *unit_named(struct xf_db *db, const char *code)
{
    struct xf_unit u = {0};
    struct xf_error err = {0};
    char *label = NULL;
    if (db && xf_store_unit_by_code(db, code, &u, &err) == XF_OK &&
        xf_store_complaint_unit_label(db, u.id, &label, &err) != XF_OK)
        label = NULL;
    xf_unit_clear(&u);
    return label ? label : strdup(code);
}

/* The units of a stored list, named, in the reader's list style. */
static char *units_named(struct xf_db *db, const char *list, size_t len)
{
    char *out = strdup("");
    const char *p = list, *end = list + len;
    while (out && p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        size_t n = semi ? (size_t)(semi - p) : (size_t)(end - p);
        char *code = strndup(p, n);
        char *name = code ? unit_named(db, code) : NULL;
        char *more = NULL;
        if (name &&
            asprintf(&more, "%s%s%s", out, *out ? xf_gettext_ctx(NC_("list", ", ")) : "", name) < 0)
            more = NULL;
        free(code);
        free(name);
        free(out);
        out = more;
        p += n + (semi != NULL);
    }
    return out;
}

/* The stored facts as a sentence; NULL when stored is not of that form
 * (*failed then false) or out of memory (*failed true). */
static char *cohandlers_text(struct xf_db *db, const char *stored, bool *failed)
{
    const char *p = stored, *added = "", *removed = "";
    size_t n_added = 0, n_removed = 0;
    *failed = false;
    bool a = take_codes(&p, ADDED_KEY, &added, &n_added);
    bool comma = a && *p == ',';
    p += comma;
    bool r = (!a || comma) && take_codes(&p, REMOVED_KEY, &removed, &n_removed);
    if (!(a || r) || (comma && !r) || (*p && strncmp(p, ": ", 2) != 0))
        return NULL;
    char *an = units_named(db, added, n_added), *rn = units_named(db, removed, n_removed);
    char *said = an && rn ? cohandlers_said(an, rn, *p ? p + 2 : NULL) : NULL;
    free(an);
    free(rn);
    *failed = !said;
    return said;
}

/* A hand-over's note (dispatch, re-dispatch, an accepted return) with
 * the co-handling units it gave the complaint: "with=U2;U5", then ": "
 * and the note as typed; the note alone when there were none. The
 * timeline said only the lead unit, and a co-handler went unrecorded.
 * A note of its own that starts "with=" gets an empty list before it
 * ("with=: with=U1: hi"), or it would be read as co-handlers; other notes
 * stay as typed, so that one without a note stays empty. An event
 * written before with such a note cannot be told apart and reads as
 * co-handlers still. */
#define WITH_KEY "with="
#define WITH_NONE WITH_KEY ": "

static char *hand_over_stored(const char *codes, const char *note)
{
    char *out = NULL;
    bool why = note && !xf_text_blank(note);
    if (!*codes && note && strncmp(note, WITH_KEY, strlen(WITH_KEY)) == 0)
        return asprintf(&out, WITH_NONE "%s", note) < 0 ? NULL : out;
    if (!*codes)
        return strdup(note ? note : "");
    if (asprintf(&out, "%s%s%s%s", WITH_KEY, codes, why ? ": " : "", why ? note : "") < 0)
        out = NULL;
    return out;
}

/* "Co-handling units: A, B", then the note (after an empty list, the
 * note alone, as typed); NULL when stored is not of
 * that form (*failed then false) or out of memory (*failed true). */
static char *hand_over_text(struct xf_db *db, const char *stored, bool *failed)
{
    const char *p = stored, *with = "";
    size_t n = 0;
    *failed = false;
    if (strncmp(p, WITH_NONE, strlen(WITH_NONE)) == 0) {
        char *note = strdup(p + strlen(WITH_NONE));
        *failed = !note;
        return note;
    }
    if (!take_codes(&p, WITH_KEY, &with, &n) || (*p && strncmp(p, ": ", 2) != 0))
        return NULL;
    char *names = units_named(db, with, n), *said = NULL;
    int k = !names ? -1
            : *p   ? asprintf(&said, _("Co-handling units: %s. %s"), names, p + 2)
                   : asprintf(&said, _("Co-handling units: %s"), names);
    if (k < 0)
        said = NULL;
    free(names);
    *failed = !said;
    return said;
}

/* One of the sentences an earlier version stored (English or Chinese,
 * the msgids and po/zh_CN.po's words then) said again in the reader's:
 * the units as named then, their list as written. */
static char *cohandlers_legacy(const char *stored)
{
    static const struct {
        const char *both, *added, *removed, *reason;
    } langs[] = {
        {"added ", "; removed ", "removed ", ". Reason: "},
        {"增加 ", "；撤出 ", "撤出 ", "。理由："},
    };
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        size_t la = strlen(langs[i].both), lr = strlen(langs[i].removed);
        bool a = strncmp(stored, langs[i].both, la) == 0;
        if (!a && strncmp(stored, langs[i].removed, lr) != 0)
            continue;
        const char *body = stored + (a ? la : lr);
        const char *why = strstr(body, langs[i].reason);
        size_t len = why ? (size_t)(why - body) : strlen(body);
        char *what = strndup(body, len);
        if (!what)
            return NULL;
        char *mid = a ? strstr(what, langs[i].added) : NULL;
        const char *removed = a ? "" : what;
        if (mid) {
            *mid = '\0';
            removed = mid + strlen(langs[i].added);
        }
        char *said =
            cohandlers_said(a ? what : "", removed, why ? why + strlen(langs[i].reason) : NULL);
        free(what);
        return said;
    }
    return NULL;
}

/* ---- a change of category's timeline note ---- */

/* "category=fees,was=attitude: <reason>": the categories by the names
 * the config keys them with, labelled when read (a label the config
 * changes since is then the one every other screen shows). */
#define CATEGORY_KEY "category="

static char *reclassify_stored(const char *category, const char *was, const char *note)
{
    char *out = NULL;
    if (asprintf(&out, CATEGORY_KEY "%s%s%s: %s", category, was ? ",was=" : "", was ? was : "",
                 note) < 0)
        out = NULL;
    return out;
}

static char *reclassify_said(const char *was, const char *now, const char *reason)
{
    char *said = NULL;
    /* TRANSLATORS: a complaint's category changed: old label, new label, reason. */
    int n = was ? asprintf(&said, _("%s → %s. Reason: %s"), was, now, reason)
                : asprintf(&said, _("%s. Reason: %s"), now, reason);
    return n < 0 ? NULL : said;
}

static const char *category_label(const struct xf_config *cfg, const char *name)
{
    const struct xf_category *c = cfg ? xf_config_category(cfg, name) : NULL;
    return c ? xf_category_label(c) : name;
}

/* Reads "<key>NAME" at *p into a fresh string and moves past it. */
static char *take_name(const char **p, const char *key)
{
    size_t k = strlen(key);
    if (strncmp(*p, key, k) != 0)
        return NULL;
    size_t n = strcspn(*p + k, ",: ");
    if (!n)
        return NULL;
    char *name = strndup(*p + k, n);
    if (name)
        *p += k + n;
    return name;
}

static char *reclassify_text(const struct xf_config *cfg, const char *stored, bool *failed)
{
    const char *p = stored;
    *failed = false;
    char *now = take_name(&p, CATEGORY_KEY), *was = now ? take_name(&p, ",was=") : NULL;
    char *said = NULL;
    if (now && strncmp(p, ": ", 2) == 0) {
        said =
            reclassify_said(was ? category_label(cfg, was) : NULL, category_label(cfg, now), p + 2);
        *failed = !said;
    }
    free(now);
    free(was);
    return said;
}

/* Before, "服务态度 → 收费问题：<reason>" whatever the writer's language:
 * the labels of then, said again in the reader's. */
static char *reclassify_legacy(const char *stored)
{
    const char *arrow = strstr(stored, " \u2192 ");
    const char *colon = arrow ? strstr(arrow, "\uff1a") : NULL;
    if (!colon || arrow == stored)
        return NULL;
    const char *now = arrow + strlen(" \u2192 ");
    char *was = strndup(stored, (size_t)(arrow - stored));
    char *to = strndup(now, (size_t)(colon - now));
    char *said = was && to ? reclassify_said(was, to, colon + strlen("\uff1a")) : NULL;
    free(was);
    free(to);
    return said;
}

char *xf_complaint_event_note_text(const struct xf_config *cfg, struct xf_db *db,
                                   const char *action, const char *stored)
{
    if (!stored)
        return NULL;
    char due[XF_DATE_LEN], was[XF_DATE_LEN], sign[XF_DATE_LEN];
    const char *reason;
    bool any = !action, failed;
    if (any || strcmp(action, "answer_due") == 0) {
        if (answer_due_parse(stored, due, was, sign, &reason))
            return answer_due_sentence(due, was[0] ? was : NULL, sign[0] ? sign : NULL, reason);
        char *old = answer_due_legacy(stored);
        if (old)
            return old;
    }
    if (any || strcmp(action, "cohandlers") == 0) {
        char *said = cohandlers_text(db, stored, &failed);
        if (said || failed)
            return said;
        /* Sentences are recognised only on the event that wrote them: a
         * note of another step may well start "removed ". */
        if (!any && (said = cohandlers_legacy(stored)))
            return said;
    }
    if (any || strcmp(action, "dispatch") == 0 || strcmp(action, "redispatch") == 0 ||
        strcmp(action, "rule_accept") == 0) {
        char *said = hand_over_text(db, stored, &failed);
        if (said || failed)
            return said;
    }
    if (any || strcmp(action, "reclassify") == 0) {
        char *said = reclassify_text(cfg, stored, &failed);
        if (said || failed)
            return said;
        if (!any && (said = reclassify_legacy(stored)))
            return said;
    }
    if (any || strcmp(action, "return") == 0)
        return xf_complaint_return_text(stored);
    return strdup(stored);
}

const char *xf_clock_name(enum xf_clock k)
{
    switch (k) {
    case XF_CLOCK_NONE: return "none";
    case XF_CLOCK_OK: return "ok";
    case XF_CLOCK_DUE_SOON: return "due_soon";
    case XF_CLOCK_OVERDUE: return "overdue";
    }
    return "?";
}

/* ---- validation shared with complaint_io.c ---- */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int xfc_check_text(const char *s, const char *field, size_t max_chars, bool required,
                   bool multiline, struct xf_error *err)
{
    /* The message names the field as the form labels it, not its column
     * (which err->field keeps for the CSV line and the form's cursor). */
    const char *label = xf_history_field_label(field);
    if (xf_text_blank(s))
        return required ? xf_err(err, XF_EINVAL, field, _("%s is required"), label) : XF_OK;
    if (!xf_utf8_valid(s, strlen(s)))
        return xf_err(err, XF_EINVAL, field,
                      _("%s is not valid UTF-8 text; save the file as UTF-8 and try again"), label);
    size_t n = utf8_chars(s);
    if (n > max_chars)
        return xf_err(err, XF_EINVAL, field, _("%s is too long: %zu characters, at most %zu"),
                      label, n, max_chars);
    return xf_unit_check_controls(s, field, multiline, err);
}

/* A phone number as a Chinese office takes one down: a mobile, 11 digits
 * from 13 to 19 ("138 1234 5678"), or a landline, an area code of 3 or 4
 * digits from 0 ("010", "0451") and a local number of 7 or 8 from 2 to 9,
 * written together ("045186123456") or apart ("0451-8612 3456"); either
 * after +86 or 0086 (a landline's 0 then left out or not), a landline
 * with an extension after 转 or one more group ("0451-86123456-801").
 * Checking the characters alone let "138-0000" through: nobody calls it. */
enum { PHONE_GROUPS = 8 };

/* The local number from groups g[from..n): groups taken until 7 or 8
 * digits, the rest (one group of 1 to 6 digits) the extension. */
static bool phone_local(char g[][XF_COMPLAINT_PHONE_MAX + 1], int from, int n, bool has_ext)
{
    size_t len = 0;
    int i = from;
    while (i < n && len < 7)
        len += strlen(g[i++]);
    if (i == from || len < 7 || len > 8 || g[from][0] < '2')
        return false;
    if (i == n)
        return true;
    /* One group more is an extension, unless 转 already gave one. */
    return !has_ext && i == n - 1 && strlen(g[i]) <= 6;
}

static bool phone_well_formed(const char *s)
{
    char g[PHONE_GROUPS][XF_COMPLAINT_PHONE_MAX + 1];
    int n = 0;
    bool intl = false, has_ext = false;
    const char *ext = strstr(s, "\u8f6c"); /* 转 */
    size_t main_len = ext ? (size_t)(ext - s) : strlen(s);
    if (ext) {
        /* 转 801: the extension's digits, spaces around them */
        const char *e = ext + strlen("\u8f6c");
        e += strspn(e, " ");
        size_t d = strspn(e, "0123456789");
        if (d < 1 || d > 6 || e[d + strspn(e + d, " ")] != '\0')
            return false;
        has_ext = true;
    }
    size_t i = strspn(s, " ");
    if (i < main_len && s[i] == '+') {
        if (strncmp(s + i, "+86", 3) != 0)
            return false;
        intl = true;
        i += 3;
    }
    while (i < main_len) {
        if (s[i] == ' ' || s[i] == '-') {
            i++;
            continue;
        }
        size_t d = 0;
        while (i + d < main_len && s[i + d] >= '0' && s[i + d] <= '9')
            d++;
        if (d == 0 || n == PHONE_GROUPS)
            return false; /* a + inside, or too many groups */
        memcpy(g[n], s + i, d);
        g[n++][d] = '\0';
        i += d;
    }
    if (n == 0)
        return false;
    if (!intl && !strncmp(g[0], "0086", 4)) {
        intl = true;
        memmove(g[0], g[0] + 4, strlen(g[0] + 4) + 1);
        if (!g[0][0])
            memmove(g, g + 1, (size_t)--n * sizeof g[0]);
        if (n == 0)
            return false;
    }
    /* A mobile: its 11 digits in any grouping, no extension. */
    char all[XF_COMPLAINT_PHONE_MAX + 1] = "";
    for (int k = 0; k < n; k++)
        if (strlen(all) + strlen(g[k]) < sizeof all)
            strcat(all, g[k]);
        else
            return false;
    if (strlen(all) == 11 && all[0] == '1' && all[1] >= '3' && !has_ext)
        return true;
    /* A landline: after +86 its area code's 0 may be left out. */
    if (intl && g[0][0] != '0') {
        if (strlen(g[0]) + 1 >= sizeof g[0])
            return false;
        memmove(g[0] + 1, g[0], strlen(g[0]) + 1);
        g[0][0] = '0';
    }
    if (g[0][0] != '0' || g[0][1] == '0')
        return false;
    if (n == 1) {
        /* Written together: the area code's length cannot be told, the
         * whole is 10 to 12 digits. */
        size_t len = strlen(g[0]);
        return len >= 10 && len <= 12;
    }
    size_t area = strlen(g[0]);
    return area >= 3 && area <= 4 && phone_local(g, 1, n, has_ext);
}

int xfc_check_phone(const char *s, const char *field, struct xf_error *err)
{
    if (!s || xf_text_blank(s))
        return XF_OK;
    const char *label = xf_history_field_label(field);
    /* The characters first: "abc" is no number whatever its length. */
    for (const char *p = s; *p; p++) {
        if (!strncmp(p, "\u8f6c", strlen("\u8f6c"))) {
            p += strlen("\u8f6c") - 1;
            continue;
        }
        if (!((*p >= '0' && *p <= '9') || *p == ' ' || *p == '+' || *p == '-'))
            return xf_err(err, XF_EINVAL, field,
                          _("%s may hold only digits, spaces, + and - (and 转 before an "
                            "extension)"),
                          label);
    }
    if (utf8_chars(s) > XF_COMPLAINT_PHONE_MAX)
        return xf_err(err, XF_EINVAL, field, _("%s is longer than %d characters"), label,
                      XF_COMPLAINT_PHONE_MAX);
    if (!phone_well_formed(s))
        return xf_err(err, XF_EINVAL, field,
                      _("%s %s is not a phone number; write a mobile as 11 digits from 1 "
                        "(13812345678) or a landline with its area code (0451-86123456, "
                        "010-62345678), +86 before it and an extension after it (转 801) if "
                        "need be"),
                      label, s);
    return XF_OK;
}

int xf_complaint_check_phone(const char *phone, const char *field, struct xf_error *err)
{
    return xfc_check_phone(phone, field, err);
}

static bool two_digits(const char *p, int max)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return false;
    return (p[0] - '0') * 10 + (p[1] - '0') <= max;
}

/* YYYY-MM-DD in shape, whether or not the day exists. */
static bool date_shaped(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int xfc_check_timestamp(const char *s, const char *field, bool date_ok, struct xf_error *err)
{
    char day[XF_DATE_LEN];
    size_t len = s ? strlen(s) : 0;
    bool ok = len == 19 || (date_ok && len == 10);
    if (ok) {
        memcpy(day, s, 10);
        day[10] = '\0';
        ok = xf_date_valid(day);
        /* 2026-02-30 is written right and is no day: said so, not "must
         * be a date". */
        if (!ok && date_shaped(day))
            return xf_date_check(day, field, err);
    }
    if (ok && len == 19)
        ok = s[10] == ' ' && two_digits(s + 11, 23) && s[13] == ':' && two_digits(s + 14, 59) &&
             s[16] == ':' && two_digits(s + 17, 59);
    if (!ok)
        return xf_err(err, XF_EINVAL, field,
                      date_ok ? _("%s must be a date YYYY-MM-DD or a time YYYY-MM-DD HH:MM:SS")
                              : _("%s must be a time YYYY-MM-DD HH:MM:SS"),
                      xf_history_field_label(field));
    return XF_OK;
}

bool xfc_source_valid(const char *s)
{
    for (const char *const *p = source_names; s && *p; p++)
        if (strcmp(s, *p) == 0)
            return true;
    return false;
}

bool xfc_kind_valid(const char *s)
{
    return s && (strcmp(s, "complaint") == 0 || strcmp(s, "suggestion") == 0);
}

char *xfc_scope_json(const struct xf_ctx *ctx, bool *oom)
{
    *oom = false;
    if (!ctx->user || ctx->user->n_scopes == 0)
        return NULL;
    size_t cap = 3;
    for (size_t i = 0; i < ctx->user->n_scopes; i++)
        cap += 6 * strlen(ctx->user->scopes[i]) + 3;
    char *out = malloc(cap), *o = out;
    if (!out) {
        *oom = true;
        return NULL;
    }
    *o++ = '[';
    for (size_t i = 0; i < ctx->user->n_scopes; i++) {
        if (i)
            *o++ = ',';
        *o++ = '"';
        for (const unsigned char *p = (const unsigned char *)ctx->user->scopes[i]; *p; p++) {
            if (*p == '"' || *p == '\\') {
                *o++ = '\\';
                *o++ = (char)*p;
            } else if (*p < 0x20) {
                o += sprintf(o, "\\u%04x", *p);
            } else {
                *o++ = (char)*p;
            }
        }
        *o++ = '"';
    }
    *o++ = ']';
    *o = '\0';
    return out;
}

/* "张三" → "张*": the first character stays, every other becomes '*'. */
static char *mask_name(const char *s)
{
    size_t len = strlen(s);
    if (len == 0)
        return strdup("");
    unsigned cp;
    size_t first = xf_utf8_decode(s, len, &cp);
    size_t rest = utf8_chars(s + first);
    char *out = malloc(first + rest + 1);
    if (!out)
        return NULL;
    memcpy(out, s, first);
    memset(out + first, '*', rest);
    out[first + rest] = '\0';
    return out;
}

/* "13812345678" → "138****5678"; short numbers keep only their last two. */
static char *mask_phone(const char *s)
{
    size_t len = strlen(s);
    char *out = strdup(s);
    if (!out)
        return NULL;
    size_t keep_head = len > 7 ? 3 : 0, keep_tail = len > 7 ? 4 : (len > 2 ? 2 : 0);
    for (size_t i = keep_head; i + keep_tail < len; i++)
        out[i] = '*';
    return out;
}

void xfc_mask(struct xf_complaint *c)
{
    char *n = mask_name(c->complainant_name ? c->complainant_name : "");
    char *p = mask_phone(c->complainant_phone ? c->complainant_phone : "");
    free(c->complainant_name);
    free(c->complainant_phone);
    /* On allocation failure the field is emptied, never left unmasked. */
    c->complainant_name = n;
    c->complainant_phone = p;
}

/* The same rule as the lists' (IN_SCOPE in store/complaint.c): the unit
 * concerned, the lead unit or the post's unit. A complaint about a post
 * may name a unit above it, so the post's own unit is asked last. */
bool xfc_in_scope(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    if (!ctx->user || ctx->user->n_scopes == 0)
        return true;
    if ((c->unit_id && xf_ctx_in_scope(ctx, c->unit_id)) ||
        (c->lead_unit_id && xf_ctx_in_scope(ctx, c->lead_unit_id)))
        return true;
    int64_t post_unit = c->post_id ? xf_store_post_unit(ctx->db, c->post_id) : 0;
    return post_unit && xf_ctx_in_scope(ctx, post_unit);
}

/* ---- one transition ---- */

struct op {
    const struct xf_ctx *ctx;
    struct xf_complaint c;
    struct xf_complaint orig; /* c as read, so only changes are written */
    char from[16];
    char now[20];
    char today[XF_DATE_LEN];
};

static int set_str(char **dst, const char *src, struct xf_error *err)
{
    char *copy = NULL;
    if (src && !(copy = strdup(src)))
        return xf_err(err, XF_EIO, "", _("out of memory"));
    free(*dst);
    *dst = copy;
    return XF_OK;
}

static int op_fail(struct op *op, int rc)
{
    xf_db_rollback(op->ctx->db);
    xf_complaint_clear(&op->c);
    xf_complaint_clear(&op->orig);
    return rc;
}

/* "dispatched or returned" for a message. */
static void states_text(unsigned mask, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int s = 0; s < XF_CS_COUNT; s++) {
        if (!(mask & S(s)))
            continue;
        int w = snprintf(out + used, size - used, "%s%s", used ? _(" or ") : "",
                         xf_complaint_state_label((enum xf_complaint_state)s));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static int need_state(const struct xf_complaint *c, unsigned mask, const char *verb,
                      struct xf_error *err)
{
    enum xf_complaint_state s = xf_complaint_state_of(c);
    if (mask & S(s))
        return XF_OK;
    char allowed[256];
    states_text(mask, allowed, sizeof allowed);
    return xf_err(err, XF_ESTATE, "state",
                  _("cannot %s complaint %s while it is %s; it must be %s first"), _(verb), c->code,
                  xf_complaint_state_label(s), allowed);
}

/* Handlers act for the lead unit; supervisors for the unit concerned or
 * the lead unit, whichever lies in their scope. */
static bool handler_reads(const struct xf_ctx *ctx, const struct xf_complaint *c);

static int need_scope(const struct xf_ctx *ctx, enum xf_perm perm, const char *label,
                      const struct xf_complaint *c, struct xf_error *err)
{
    /* A co-handling unit records its part in notes; the steps are the lead
     * unit's. */
    if (perm == XF_P_COMPLAINT_HANDLE && strcmp(label, "complaint.note") == 0 && c->lead_unit_id &&
        handler_reads(ctx, c))
        return XF_OK;
    if (perm == XF_P_COMPLAINT_HANDLE) {
        if (!c->lead_unit_id)
            return xf_err(err, XF_EPERM, "",
                          _("complaint %s has no lead unit yet; only a supervisor can act on it"),
                          c->code);
        return xf_perm_require(ctx, perm, c->lead_unit_id, err);
    }
    if (xfc_in_scope(ctx, c))
        return XF_OK;
    return xf_perm_require(ctx, perm, c->unit_id ? c->unit_id : c->lead_unit_id, err);
}

/* Whether the changes made to complaint id since version seen leave the
 * step label ("complaint.reply") as the user decided it: a save was
 * refused for a colleague's 督办 while a reply was written, and the
 * second F2 saved the same. The state always matters, as does any
 * column the step depends on; only these do not:
 * - supervised, to every step but (un)supervising, whose very field it is;
 * - for (un)supervising, anything but the state, supervised and whose
 *   it is (the units, the post: its note chases one); its form holds a
 *   note, decided on neither the category nor the deadlines;
 * - a change of the co-handling units alone (only the version moved), to
 *   every step but those whose form shows them (dispatch, re-dispatch,
 *   the ruling, the co-handlers' own).
 * Anything else (the category, a deadline, the text, the lead unit) is
 * refused as before, and so is a change the history does not reach back
 * to (a restore since). */
bool xfc_unrelated_since(const struct xf_ctx *ctx, const char *label, int64_t id, int64_t seen)
{
    char *cols = NULL;
    struct xf_error ignored = {0};
    if (xf_store_complaint_changed_since(ctx->db, id, seen, &cols, &ignored) != XF_OK)
        return false;
    bool supervise = strcmp(label, "complaint.supervise") == 0 ||
                     strcmp(label, "complaint.unsupervise") == 0;
    bool units = strcmp(label, "complaint.dispatch") == 0 ||
                 strcmp(label, "complaint.redispatch") == 0 ||
                 strcmp(label, "complaint.rule_accept") == 0 ||
                 strcmp(label, "complaint.rule_reject") == 0 ||
                 strcmp(label, "complaint.cohandlers") == 0;
    bool ok;
    if (supervise) {
        static const char *const matter[] = {",state,",   ",supervised,", ",lead_unit_id,",
                                             ",unit_id,", ",post_id,",    ",merged_into,"};
        ok = true;
        for (size_t i = 0; i < sizeof matter / sizeof matter[0]; i++)
            ok &= !strstr(cols, matter[i]);
    }
    else if (strcmp(cols, ",") == 0)
        ok = !units;
    else
        ok = strcmp(cols, ",supervised,") == 0;
    free(cols);
    return ok;
}

/* A step that changes nothing another user may have changed (a note): it
 * applies to the complaint as it is. */
#define ANY_VERSION (-1)

static int op_begin(struct op *op, const struct xf_ctx *ctx, const char *label, enum xf_perm perm,
                    int64_t id, int64_t version, unsigned states, const char *verb,
                    struct xf_error *err)
{
    memset(op, 0, sizeof *op);
    op->ctx = ctx;
    op->c.closed_on_time = -1;
    xf_date_now(op->now);
    xf_date_today(op->today);
    int rc = xf_perm_require(ctx, perm, 0, err);
    if (rc || (rc = xf_db_begin(ctx->db, label, err)))
        return rc;
    if ((rc = xf_store_complaint_get(ctx->db, id, &op->c, err)) ||
        (rc = xf_store_complaint_get(ctx->db, id, &op->orig, err)))
        return op_fail(op, rc);
    if (version != ANY_VERSION && op->c.version != version &&
        !xfc_unrelated_since(ctx, label, id, version)) {
        char what[96];
        snprintf(what, sizeof what, _("complaint %s"), op->c.code);
        /* No "reload and try again": a form reloads by itself, or says
         * why it cannot (the complaint left the user's units). */
        op_fail(op, xf_err(err, XF_ECONFLICT, "version",
                           _("complaint %s was changed by someone else since you opened it"),
                           op->c.code));
        /* Show the change the user has not seen: who, when, what. */
        return xf_conflict_describe(ctx, "complaint", id, what, err);
    }
    if ((rc = need_state(&op->c, states, verb, err)) || (rc = need_scope(ctx, perm, label, &op->c, err)))
        return op_fail(op, rc);
    snprintf(op->from, sizeof op->from, "%s", op->c.state);
    return XF_OK;
}

/* Writes the row (unless only an event is recorded), the event, commits. */
static bool same_day(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A running deadline moved later after it had passed (an answer date set
 * on an overdue complaint, a category with longer limits) leaves the
 * complaint late all the same: the first deadline of the round so missed
 * is kept (missed_due), and the row, the detail and the on-time closure
 * read it. The same round: state and the clock's start unchanged. */
static int keep_missed(struct op *op, struct xf_error *err)
{
    const char *was = xf_complaint_deadline(&op->orig), *now = xf_complaint_deadline(&op->c);
    if (op->c.missed_due || !was || !now || strcmp(was, op->today) >= 0 || strcmp(now, was) <= 0)
        return XF_OK;
    if (!same_day(op->orig.state, op->c.state) ||
        !same_day(op->orig.dispatched_at, op->c.dispatched_at) ||
        !same_day(op->orig.signed_at, op->c.signed_at))
        return XF_OK;
    return set_str(&op->c.missed_due, was, err);
}

static int op_finish(struct op *op, bool write_row, const char *action, int64_t unit_id,
                     const char *note, struct xf_error *err)
{
    const struct xf_ctx *ctx = op->ctx;
    int rc = write_row ? keep_missed(op, err) : XF_OK;
    if (!rc && write_row)
        rc = xf_store_complaint_update(ctx->db, &op->orig, &op->c, err);
    if (rc)
        return op_fail(op, rc);
    struct xf_complaint_event ev = {
        .complaint_id = op->c.id,
        .at = op->now,
        .actor = (char *)ctx->login,
        .action = (char *)action,
        .from_state = op->from,
        .to_state = op->c.state,
        .unit_id = unit_id,
        .note = (char *)(note ? note : ""),
    };
    if ((rc = xf_store_complaint_event_add(ctx->db, &ev, err)) || (rc = xf_db_commit(ctx->db, err)))
        return op_fail(op, rc);
    xf_complaint_clear(&op->c);
    xf_complaint_clear(&op->orig);
    return XF_OK;
}

/* Supervision (督办) ends with the complaint: a closed, rejected or merged
 * one is nobody's to chase, and kept the "!" and the top of the queue,
 * and counted as supervised in the report but not in the Overview. A
 * merge has carried it to the survivor already. */
static int set_state(struct op *op, enum xf_complaint_state s, struct xf_error *err)
{
    if (S(s) & TERMINAL)
        op->c.supervised = 0;
    return set_str(&op->c.state, xf_complaint_state_name(s), err);
}

static int check_note(const char *note, struct xf_error *err)
{
    return xfc_check_text(note, "note", XF_COMPLAINT_NOTE_MAX, false, true, err);
}

static int category_of(const struct xf_ctx *ctx, const char *name, const struct xf_category **out,
                       struct xf_error *err)
{
    *out = name ? xf_config_category(ctx->cfg, name) : NULL;
    if (!*out)
        return xf_err(err, XF_EINVAL, "category",
                      _("'%s' is not a complaint category in the configuration"), name ? name : "");
    return XF_OK;
}

/* A dispatched complaint's sign-for deadline under its answer date: no
 * later than it. Moved later only when an earlier answer date had brought
 * it forward (it is that date), and then no later than its category has it
 * from the day of dispatch: a later date gives back what an earlier one
 * took, and never shortens a deadline. was: the answer date before (NULL:
 * none). */
static int clamp_sign_due(const struct xf_ctx *ctx, struct xf_complaint *c, const char *was,
                          struct xf_error *err)
{
    const char *due = c->answer_due;
    if (!due || !c->sign_due)
        return XF_OK;
    if (strcmp(due, c->sign_due) < 0)
        return set_str(&c->sign_due, due, err);
    const struct xf_category *cat = c->category ? xf_config_category(ctx->cfg, c->category) : NULL;
    if (!was || strcmp(was, c->sign_due) != 0 || !cat || !c->dispatched_at ||
        strlen(c->dispatched_at) < 10)
        return XF_OK;
    char day[XF_DATE_LEN], natural[XF_DATE_LEN] = "";
    snprintf(day, sizeof day, "%.10s", c->dispatched_at);
    xf_workday_add(&ctx->cfg->calendar, day, cat->sign_days, natural);
    const char *back = natural[0] && strcmp(natural, due) < 0 ? natural : due;
    return strcmp(back, c->sign_due) > 0 ? set_str(&c->sign_due, back, err) : XF_OK;
}

/* Starts a new sign-for round with lead unit from today. */
static int start_round(struct op *op, int64_t lead, struct xf_error *err)
{
    const struct xf_category *cat;
    int rc = category_of(op->ctx, op->c.category, &cat, err);
    if (rc)
        return rc;
    char due[XF_DATE_LEN];
    xf_workday_add(&op->ctx->cfg->calendar, op->today, cat->sign_days, due);
    /* A unit cannot answer by a day before it has signed for it. */
    if (op->c.answer_due && strcmp(op->c.answer_due, due) < 0)
        snprintf(due, sizeof due, "%s", op->c.answer_due);
    op->c.lead_unit_id = lead;
    if ((rc = set_state(op, XF_CS_DISPATCHED, err)) ||
        (rc = set_str(&op->c.dispatched_at, op->now, err)) ||
        (rc = set_str(&op->c.sign_due, due, err)) || (rc = set_str(&op->c.signed_at, NULL, err)) ||
        (rc = set_str(&op->c.reply_due, NULL, err)) ||
        (rc = set_str(&op->c.replied_at, NULL, err)) ||
        (rc = set_str(&op->c.reply_text, NULL, err)) ||
        (rc = set_str(&op->c.missed_due, NULL, err))) /* a new round, a new clock */
        return rc;
    return XF_OK;
}

/* The lead must be an active unit; co-handlers distinct, active, not the lead. */
static int check_units(const struct xf_ctx *ctx, int64_t lead, const int64_t *coh, size_t n,
                       struct xf_error *err)
{
    struct xf_unit u = {0};
    if (lead <= 0)
        return xf_err(err, XF_EINVAL, "lead_unit", _("choose the lead unit"));
    int rc = xf_store_unit_get(ctx->db, lead, &u, err);
    if (rc)
        return rc == XF_ENOTFOUND ? xf_err(err, XF_EINVAL, "lead_unit", _("no such unit")) : rc;
    bool active = u.active;
    char *name = u.name;
    u.name = NULL;
    xf_unit_clear(&u);
    if (!active) {
        xf_err(err, XF_EINVAL, "lead_unit", _("%s is deactivated; dispatch to an active unit"),
               name);
        free(name);
        return XF_EINVAL;
    }
    free(name);
    if (n > XF_COMPLAINT_COHANDLERS_MAX)
        return xf_err(err, XF_EINVAL, "cohandlers", _("at most %d co-handling units"),
                      XF_COMPLAINT_COHANDLERS_MAX);
    for (size_t i = 0; i < n; i++) {
        if (coh[i] == lead)
            return xf_err(err, XF_EINVAL, "cohandlers",
                          _("the lead unit cannot also be a co-handling unit"));
        for (size_t j = 0; j < i; j++)
            if (coh[j] == coh[i])
                return xf_err(err, XF_EINVAL, "cohandlers", _("a co-handling unit is named twice"));
        rc = xf_store_unit_get(ctx->db, coh[i], &u, err);
        if (rc)
            return rc == XF_ENOTFOUND
                       ? xf_err(err, XF_EINVAL, "cohandlers", _("no such co-handling unit"))
                       : rc;
        active = u.active;
        xf_unit_clear(&u);
        if (!active)
            return xf_err(err, XF_EINVAL, "cohandlers",
                          _("a co-handling unit is deactivated; choose active units"));
    }
    return XF_OK;
}

/* ---- receive ---- */

enum { RECEIVED_BACK_MAX = 90 }; /* days a receipt may be dated back */

/* A name that is all digits (and + - spaces) is a phone number typed in
 * the wrong field: saved, it names nobody and the callback finds no one. */
static bool phone_as_name(const char *name)
{
    int digits = 0;
    for (const char *p = name ? name : ""; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p != ' ' && *p != '+' && *p != '-')
            return false;
    }
    return digits >= 5;
}

static int received_not_later(const char *s, struct xf_error *err);

static int check_new(const struct xf_complaint_new *in, struct xf_error *err)
{
    int rc;
    if (!xfc_source_valid(in->source))
        return xf_err(err, XF_EINVAL, "source",
                      _("source must be hotline, appraisal, evaluation, inspection, letter, "
                        "walk_in or media"));
    if (in->kind && *in->kind && !xfc_kind_valid(in->kind))
        return xf_err(err, XF_EINVAL, "kind", _("kind must be complaint or suggestion"));
    if ((!in->post_code || !*in->post_code) && (!in->unit_code || !*in->unit_code))
        return xf_err(err, XF_EINVAL, "unit_code",
                      _("name the post or the unit the complaint is about"));
    if ((rc = xfc_check_text(in->text, "text", XF_COMPLAINT_TEXT_MAX, true, true, err)) ||
        (rc = xfc_check_text(in->complainant_name, "complainant_name", 100, false, false, err)) ||
        (rc = xfc_check_phone(in->complainant_phone, "complainant_phone", err)))
        return rc;
    if (phone_as_name(in->complainant_name))
        return xf_err(err, XF_EINVAL, "complainant_name",
                      _("%s looks like a phone number, not a name: it goes in the phone field"),
                      in->complainant_name);
    if (!in->received_at)
        return XF_OK;
    if ((rc = xfc_check_received(in->received_at, err)) ||
        (rc = received_not_later(in->received_at, err)))
        return rc;
    /* A letter taken down late is dated back; a date months back is a
     * slip of the year (it would also number the complaint in that year),
     * and old records are imported. */
    char today[XF_DATE_LEN], day[XF_DATE_LEN];
    xf_date_today(today);
    snprintf(day, sizeof day, "%.10s", in->received_at);
    if (xf_date_diff(day, today) > RECEIVED_BACK_MAX)
        return xf_err(err, XF_EINVAL, "received_at",
                      _("%s is more than %d days ago, too far back for a day of receipt (older "
                        "complaints are imported: xianfeng import complaints)"),
                      day, RECEIVED_BACK_MAX);
    return XF_OK;
}

/* "2026-11-29 14:34", a time to the minute as a form takes it, written
 * out to the second as every stored time is; anything else as given. */
static const char *received_full(const char *s, char buf[XF_COMPLAINT_WHEN_LEN])
{
    if (s && strlen(s) == 16 && s[10] == ' ' && s[13] == ':') {
        snprintf(buf, XF_COMPLAINT_WHEN_LEN, "%s:00", s);
        return buf;
    }
    return s;
}

/* A time later today than now is as wrong as tomorrow (a slip of the
 * hour); a date alone is checked by the day. */
static int received_not_later(const char *s, struct xf_error *err)
{
    char now[XF_COMPLAINT_WHEN_LEN];
    xf_date_now(now);
    if (s && strlen(s) == 19 && strcmp(s, now) > 0)
        return xf_err(err, XF_EINVAL, "received_at",
                      _("the time of receipt %.16s is later than now (%.16s)"), s, now);
    return XF_OK;
}

int xf_complaint_check_received_at(const char *when, struct xf_error *err)
{
    char buf[XF_COMPLAINT_WHEN_LEN];
    const char *s = received_full(when, buf);
    size_t len = s ? strlen(s) : 0;
    if (len != 10 && len != 19)
        return xf_err(err, XF_EINVAL, "received_at",
                      _("%s must be a date and time, YYYY-MM-DD HH:MM (such as 2026-11-29 "
                        "14:34), or a date alone for an earlier day"),
                      xf_history_field_label("received_at"));
    int rc = xfc_check_received(s, err);
    return rc ? rc : received_not_later(s, err);
}

void xf_complaint_received_shown(const char *at, char out[XF_COMPLAINT_WHEN_LEN])
{
    at = at ? at : "";
    if (strlen(at) >= 19 && !strcmp(at + 10, " 00:00:00"))
        snprintf(out, XF_COMPLAINT_WHEN_LEN, "%.10s", at);
    else
        snprintf(out, XF_COMPLAINT_WHEN_LEN, "%.16s", at);
}

int xfc_check_received(const char *s, struct xf_error *err)
{
    int rc = xfc_check_timestamp(s, "received_at", true, err);
    if (rc)
        return rc;
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (strncmp(s, today, 10) > 0)
        return xf_err(err, XF_EINVAL, "received_at", _("the received date %.10s is in the future"),
                      s);
    return XF_OK;
}

/* Resolves the post and unit codes into c->post_id / c->unit_id;
 * *post_unit gets the post's own unit (0 without a post), which c->unit_id
 * is not when a unit above the post was named. */
static int resolve_target(const struct xf_ctx *ctx, const struct xf_complaint_new *in,
                          struct xf_complaint *c, int64_t *post_unit_out, struct xf_error *err)
{
    int64_t post_unit = 0;
    int rc;
    *post_unit_out = 0;
    if (in->post_code && *in->post_code &&
        (rc = xf_store_complaint_post_ref(ctx->db, in->post_code, "post_code", &c->post_id,
                                          &post_unit, err)))
        return rc == XF_ENOTFOUND ? XF_EINVAL : rc;
    if (in->unit_code && *in->unit_code) {
        struct xf_unit u = {0};
        if ((rc = xf_store_unit_by_code(ctx->db, in->unit_code, &u, err)))
            return rc == XF_ENOTFOUND
                       ? xf_err(err, XF_EINVAL, "unit_code", _("there is no unit with the code %s"),
                                in->unit_code)
                       : rc;
        c->unit_id = u.id;
        xf_unit_clear(&u);
        if ((rc = xf_post_check_in_unit(ctx, post_unit, c->unit_id, in->post_code,
                                        in->unit_code, "post_code", err)))
            return rc;
    } else {
        c->unit_id = post_unit;
    }
    *post_unit_out = post_unit;
    return XF_OK;
}

/* A day of receipt given as a date alone: now when it is today (it is
 * being taken down as it comes in), else the date alone, as an import
 * stores it; a made-up "00:00:00" read as the hour it came in. */
static int received_stamp(char **slot, const char *given, const char *now,
                          struct xf_error *err)
{
    if (given && strlen(given) == 10 && !strncmp(given, now, 10))
        given = NULL;
    return set_str(slot, given ? given : now, err);
}

static int fill_new(struct xf_complaint *c, const struct xf_complaint_new *in, const char *now,
                    struct xf_error *err)
{
    int rc;
    if ((rc = set_str(&c->source, in->source, err)) ||
        (rc = set_str(&c->kind, in->kind && *in->kind ? in->kind : "complaint", err)) ||
        (rc = set_str(&c->text, in->text, err)) ||
        (rc = set_str(&c->complainant_name, in->complainant_name ? in->complainant_name : "",
                      err)) ||
        (rc = set_str(&c->complainant_phone, in->complainant_phone ? in->complainant_phone : "",
                      err)) ||
        (rc = set_str(&c->state, "received", err)) ||
        (rc = received_stamp(&c->received_at, in->received_at, now, err)))
        return rc;
    return XF_OK;
}

int xf_complaint_check_code(const char *code, const char *received_at, const char *field,
                            long *number, struct xf_error *err)
{
    const char *example = "TS2026-000123";
    bool ok = code && strlen(code) == strlen(example) && code[6] == '-';
    for (size_t i = 0; ok && code[i]; i++)
        ok = i < 2 ? code[i] == "TS"[i] : i == 6 || (code[i] >= '0' && code[i] <= '9');
    if (!ok) {
        char *shown = xf_text_sanitize(code ? code : "", false);
        /* "ts2026-000400": the same code to a reader, another to a search */
        bool capitals =
            code && strlen(code) == strlen(example) && (code[0] == 't' || code[1] == 's');
        int rc = xf_err(err, XF_EINVAL, field,
                        capitals ? _("'%s' is not a complaint code: a complaint code is TS in "
                                     "capitals, the year of receipt, '-' and 6 digits, such as "
                                     "TS2026-000123")
                                 : _("'%s' is not a complaint code: a complaint code is TS, the "
                                     "year of receipt, '-' and 6 digits, such as TS2026-000123"),
                        shown ? shown : "");
        free(shown);
        return rc;
    }
    if (received_at && strncmp(code + 2, received_at, 4) != 0)
        return xf_err(err, XF_EINVAL, field,
                      _("%s is numbered in %.4s, but the complaint was received in %.4s; a "
                        "complaint is numbered in the year it was received"),
                      code, code + 2, received_at);
    if (number)
        *number = strtol(code + 7, NULL, 10);
    return XF_OK;
}

/* "TS2026-000123": the year of receipt and the next number in that year.
 * Never past the six digits: a seventh would be a code no search, sheet
 * or import takes for one; nor back into the year's gaps, which hold the
 * codes a restore took away (still named on the phone and in letters). */
static int next_code(const struct xf_ctx *ctx, struct xf_complaint *c, struct xf_error *err)
{
    char prefix[16];
    snprintf(prefix, sizeof prefix, "TS%.4s-", c->received_at);
    int64_t seq = 0;
    int rc = xf_store_complaint_max_seq(ctx->db, prefix, &seq, err);
    if (rc)
        return rc;
    if (seq >= XF_COMPLAINT_CODE_LAST)
        return xf_err(err, XF_EINVAL, "received_at",
                      _("the complaint codes of %.4s are used up (%s%06d is given out), so a "
                        "complaint received in %.4s cannot be numbered; tell the administrator"),
                      c->received_at, prefix, XF_COMPLAINT_CODE_LAST, c->received_at);
    char code[40];
    snprintf(code, sizeof code, "%s%06lld", prefix, (long long)(seq + 1));
    return set_str(&c->code, code, err);
}

/* Intake is the supervisors'; an inspector registers what an inspection
 * found (SPEC §2.6: a failed inspection may raise a complaint), within
 * the units they inspect. */
static int receive_perm(const struct xf_ctx *ctx, const struct xf_complaint_new *in,
                        enum xf_perm *perm, struct xf_error *err)
{
    *perm = XF_P_COMPLAINT_SUPERVISE;
    if (xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE) || !xf_perm_allows(ctx, XF_P_INSPECT))
        return xf_perm_require(ctx, XF_P_COMPLAINT_SUPERVISE, 0, err);
    *perm = XF_P_INSPECT;
    if (!in->source || strcmp(in->source, "inspection") != 0)
        return xf_err(err, XF_EPERM, "source",
                      _("an inspector registers inspection findings only; other complaints are "
                        "received by a supervisor"));
    /* Without the inspection, "inspection finding" would let an inspector
     * receive anything at all; which one, and that it failed, is checked
     * with the rest (check_inspection). */
    if (!in->inspection_id)
        return xf_err(err, XF_EPERM, "inspection",
                      _("an inspector raises a complaint only from a failed inspection: say "
                        "which inspection found it"));
    return XF_OK;
}

/* The inspection's code, for the receive event's note ("" when gone);
 * a static buffer, read at once. */
static const char *inspection_code(const struct xf_ctx *ctx, int64_t id)
{
    static char code[64];
    struct xf_inspection in = {0};
    struct xf_error err = {0};
    code[0] = '\0';
    if (xf_store_inspection_get(ctx->db, id, &in, &err) == XF_OK)
        snprintf(code, sizeof code, "%s", in.code ? in.code : "");
    xf_inspection_clear(&in);
    return code;
}

/* What an inspection found concerns what it inspected. A post's
 * inspection: that post, or its unit named without a post (the unit runs
 * the window and answers for it), but no other post, even of the same
 * unit, since nobody inspected that one. A unit's inspection: the unit or
 * a unit within it, or a post of theirs, since an inspection of a unit
 * covers what lies under it, as a user's scope does. post_unit is the
 * complaint's post's own unit. */
static int check_place(const struct xf_ctx *ctx, const struct xf_inspection *in,
                       const struct xf_complaint *c, int64_t post_unit, struct xf_error *err)
{
    if (in->post_id ? (c->post_id ? c->post_id == in->post_id : c->unit_id == in->unit_id)
                    : xf_store_unit_within(ctx->db, c->post_id ? post_unit : c->unit_id,
                                           in->unit_id))
        return XF_OK;
    struct xf_post post = {0};
    struct xf_unit unit = {0};
    struct xf_error lerr = {0};
    if (in->post_id)
        xf_store_post_get(ctx->db, in->post_id, &post, &lerr);
    xf_store_unit_get(ctx->db, in->unit_id, &unit, &lerr);
    const char *pc = post.code ? post.code : "?", *uc = unit.code ? unit.code : "?";
    int rc = in->post_id
                 ? xf_err(err, XF_EINVAL, c->post_id ? "post_code" : "unit_code",
                          _("inspection %s checked post %s: a complaint from it concerns that "
                            "post, or its unit %s"),
                          in->code, pc, uc)
                 : xf_err(err, XF_EINVAL, c->post_id ? "post_code" : "unit_code",
                          _("inspection %s checked unit %s: a complaint from it concerns that "
                            "unit, a unit within it, or one of their posts"),
                          in->code, uc);
    xf_post_clear(&post);
    xf_unit_clear(&unit);
    return rc;
}

/* A failed inspection raises one complaint: a second would dispatch the
 * same finding twice. What it found cannot have been received before the
 * day it was found, and concerns what it inspected. The inspection is
 * read as the user may see it: one outside their units is not theirs to
 * raise a complaint from. */
static int check_inspection(const struct xf_ctx *ctx, int64_t inspection_id,
                            const char *received_at, const struct xf_complaint *c,
                            int64_t post_unit, struct xf_error *err)
{
    if (!inspection_id)
        return XF_OK;
    struct xf_inspection in = {0};
    int rc = xf_inspection_get(ctx, inspection_id, &in, err);
    if (rc == XF_ENOTFOUND)
        return xf_err(err, XF_EINVAL, "inspection", _("no such inspection"));
    bool failed = !rc && in.result && strcmp(in.result, "fail") == 0;
    char *insp = !rc && in.code ? strdup(in.code) : NULL;
    bool early = received_at && in.on_date && strncmp(received_at, in.on_date, 10) < 0;
    int64_t cid = 0;
    char *code = NULL;
    if (!rc && !failed)
        rc = xf_err(err, XF_EINVAL, "inspection",
                    _("inspection %s passed: only a failed inspection raises a complaint"),
                    insp ? insp : "?");
    else if (!rc && early)
        rc = xf_err(err, XF_EINVAL, "received_at",
                    _("inspection %s was on %s: what it found is received that day or later"),
                    insp ? insp : "?", in.on_date);
    else if (!rc && !(rc = check_place(ctx, &in, c, post_unit, err)) &&
             !(rc = xf_store_inspection_complaint(ctx->db, inspection_id, &cid, &code, err)) &&
             cid)
        rc = xf_err(err, XF_EINVAL, "inspection",
                    _("inspection %s raised complaint %s already"), insp ? insp : "?", code);
    xf_inspection_clear(&in);
    free(code);
    free(insp);
    return rc;
}

int xf_complaint_of_inspection(const struct xf_ctx *ctx, int64_t inspection_id, char **code,
                               struct xf_error *err)
{
    int64_t id;
    return xf_store_inspection_complaint(ctx->db, inspection_id, &id, code, err);
}

int xf_complaint_receive(const struct xf_ctx *ctx, const struct xf_complaint_new *in,
                         int64_t *id_out, struct xf_error *err)
{
    struct op op = {.ctx = ctx, .c = {.closed_on_time = -1}};
    xf_date_now(op.now);
    struct xf_complaint_new full = *in;
    char when[XF_COMPLAINT_WHEN_LEN];
    full.received_at = received_full(in->received_at, when);
    in = &full;
    enum xf_perm perm;
    int rc = receive_perm(ctx, in, &perm, err);
    if (rc || (rc = check_new(in, err)))
        return rc;
    if ((rc = xf_db_begin(ctx->db, "complaint.receive", err)))
        return rc;
    int64_t post_unit = 0;
    if ((rc = resolve_target(ctx, in, &op.c, &post_unit, err)) ||
        (rc = xf_perm_require(ctx, perm, op.c.unit_id, err)) ||
        (rc = check_inspection(ctx, in->inspection_id, in->received_at, &op.c, post_unit, err)) ||
        (rc = fill_new(&op.c, in, op.now, err)) || (rc = next_code(ctx, &op.c, err)) ||
        (rc = xf_store_complaint_insert(ctx->db, &op.c, err)) ||
        (in->inspection_id &&
         (rc = xf_store_inspection_complaint_link(ctx->db, in->inspection_id, op.c.id, err))))
        return op_fail(&op, rc);
    if (id_out)
        *id_out = op.c.id;
    /* The timeline says where it came from; the link has no history of
     * its own. */
    char *from = NULL;
    if (in->inspection_id && asprintf(&from, _("raised by inspection %s"),
                                      inspection_code(ctx, in->inspection_id)) < 0)
        from = NULL;
    rc = op_finish(&op, false, "receive", op.c.unit_id, from, err);
    free(from);
    return rc;
}

/* A correction does not move what an inspection raised away from what it
 * inspected: receiving it there would have been refused. */
static int check_still_raised(const struct xf_ctx *ctx, const struct xf_complaint *c,
                              int64_t post_unit, struct xf_error *err)
{
    int64_t inspection_id = 0;
    int rc = xf_store_complaint_inspection(ctx->db, c->id, &inspection_id, err);
    if (rc || !inspection_id)
        return rc;
    struct xf_inspection in = {0};
    if (!(rc = xf_store_inspection_get(ctx->db, inspection_id, &in, err)))
        rc = check_place(ctx, &in, c, post_unit, err);
    xf_inspection_clear(&in);
    return rc;
}

/* Before dispatch, what was taken down at intake can be put right: a
 * mistyped phone, the wrong post. The state, the time of receipt and the
 * code stay; the category is the classification's, not intake's. */
int xf_complaint_correct(const struct xf_ctx *ctx, int64_t id, int64_t version,
                         const struct xf_complaint_new *in, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.correct", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_RECEIVED) | S(XF_CS_CLASSIFIED), N_("correct"), err);
    if (rc)
        return rc;
    /* The day of receipt may be put right (a mistyped date); left as it
     * is, the time of receipt stays to the second. */
    struct xf_complaint_new fix = *in;
    char when[XF_COMPLAINT_WHEN_LEN];
    fix.received_at = received_full(in->received_at, when);
    size_t given = fix.received_at ? strlen(fix.received_at) : 0;
    if (given && op.c.received_at &&
        !strncmp(fix.received_at, op.c.received_at, given == 19 ? 16 : 10) &&
        (given == 10 || strlen(op.c.received_at) == 19))
        fix.received_at = NULL;
    /* The code numbers it in its year; a classified complaint was received
     * before it was classified, so its day can only move earlier. */
    if (fix.received_at && op.c.code && strlen(op.c.code) > 6 &&
        strncmp(fix.received_at, op.c.code + 2, 4) != 0)
        rc = xf_err(err, XF_EINVAL, "received_at",
                    _("%s is numbered in %.4s: its day of receipt stays in that year"), op.c.code,
                    op.c.code + 2);
    else if (fix.received_at && strcmp(op.c.state, "received") != 0 && op.c.received_at &&
             strncmp(fix.received_at, op.c.received_at, 10) > 0)
        rc = xf_err(err, XF_EINVAL, "received_at",
                    _("%s was classified after it was received: its day of receipt can only "
                      "move earlier"),
                    op.c.code);
    if (rc)
        return op_fail(&op, rc);
    op.c.post_id = 0;
    op.c.unit_id = 0;
    int64_t post_unit = 0;
    if ((rc = check_new(&fix, err)) || (rc = resolve_target(ctx, &fix, &op.c, &post_unit, err)) ||
        (rc = xf_perm_require(ctx, XF_P_COMPLAINT_SUPERVISE, op.c.unit_id, err)) ||
        (rc = check_still_raised(ctx, &op.c, post_unit, err)) ||
        (rc = set_str(&op.c.source, fix.source, err)) ||
        (rc = set_str(&op.c.kind, fix.kind && *fix.kind ? fix.kind : "complaint", err)) ||
        (rc = set_str(&op.c.text, fix.text, err)) ||
        (rc = set_str(&op.c.complainant_name, fix.complainant_name ? fix.complainant_name : "",
                      err)) ||
        (rc = set_str(&op.c.complainant_phone,
                      fix.complainant_phone ? fix.complainant_phone : "", err)) ||
        (fix.received_at && (rc = received_stamp(&op.c.received_at, fix.received_at, op.now,
                                                 err))))
        return op_fail(&op, rc);
    return op_finish(&op, true, "correct", op.c.unit_id, NULL, err);
}

/* ---- transitions ---- */

int xf_complaint_classify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          const char *category, const char *note, struct xf_error *err)
{
    struct op op;
    const struct xf_category *cat;
    int rc = op_begin(&op, ctx, "complaint.classify", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_RECEIVED), N_("classify"), err);
    if (rc)
        return rc;
    if ((rc = category_of(ctx, category, &cat, err)) || (rc = check_note(note, err)) ||
        (rc = set_str(&op.c.category, cat->name, err)) ||
        (rc = set_state(&op, XF_CS_CLASSIFIED, err)))
        return op_fail(&op, rc);
    return op_finish(&op, true, "classify", op.c.unit_id, note, err);
}

/* A deadline of `days` working days worked out again with `now` days, from
 * the day its clock began (the way back from the old deadline). */
static int redo_due(const struct xf_ctx *ctx, char **due, int days, int now, struct xf_error *err)
{
    if (!*due || days == now)
        return XF_OK;
    char began[XF_DATE_LEN], again[XF_DATE_LEN], day[XF_DATE_LEN];
    snprintf(day, sizeof day, "%.10s", *due);
    xf_workday_add(&ctx->cfg->calendar, day, -days, began);
    xf_workday_add(&ctx->cfg->calendar, began, now, again);
    return again[0] ? set_str(due, again, err) : XF_OK;
}

int xf_complaint_reclassify(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            const char *category, const char *note, struct xf_error *err)
{
    struct op op;
    const struct xf_category *cat, *was = NULL;
    int rc = op_begin(&op, ctx, "complaint.reclassify", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_CLASSIFIED) | S(XF_CS_DISPATCHED) | S(XF_CS_SIGNED) |
                          S(XF_CS_RETURNED),
                      N_("change the category of"), err);
    if (rc)
        return rc;
    if ((rc = category_of(ctx, category, &cat, err)) ||
        (rc = xfc_check_text(note, "note", XF_COMPLAINT_NOTE_MAX, true, true, err)))
        return op_fail(&op, rc);
    if (op.c.category && strcmp(op.c.category, cat->name) == 0)
        return op_fail(&op, xf_err(err, XF_EINVAL, "category",
                                   _("complaint %s is filed under %s already"), op.c.code,
                                   xf_category_label(cat)));
    /* Only the running clock: a deadline met or missed stays as the unit
     * was held to it. A category since dropped from the config has
     * unknown limits, so then nothing moves. */
    bool known = op.c.category && (was = xf_config_category(ctx->cfg, op.c.category));
    enum xf_complaint_state s = xf_complaint_state_of(&op.c);
    bool signing = s == XF_CS_DISPATCHED || s == XF_CS_RETURNED;
    /* The timeline says what changed, not only why: the codes, which
     * xf_complaint_event_note_text names in the reader's language. */
    char *said = reclassify_stored(cat->name, op.c.category, note);
    if (!said)
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    if (rc || (rc = set_str(&op.c.category, cat->name, err)) ||
        (known && signing &&
         (rc = redo_due(ctx, &op.c.sign_due, was->sign_days, cat->sign_days, err))) ||
        (known && s == XF_CS_SIGNED && !op.c.answer_due &&
         (rc = redo_due(ctx, &op.c.reply_due, was->reply_days, cat->reply_days, err))) ||
        (s == XF_CS_DISPATCHED && (rc = clamp_sign_due(ctx, &op.c, NULL, err)))) {
        free(said);
        return op_fail(&op, rc);
    }
    /* At the unit that has it now, as the other steps of a dispatched one. */
    rc = op_finish(&op, true, "reclassify", op.c.lead_unit_id ? op.c.lead_unit_id : op.c.unit_id,
                   said, err);
    free(said);
    return rc;
}

static int units_not_in(const struct xf_ctx *ctx, const int64_t *ids, size_t n,
                        const int64_t *other, size_t n_other, char **out, struct xf_error *err);

/* Ends a hand-over (dispatch, re-dispatch, accepted return) to lead: its
 * event's note names the co-handling units it gave (hand_over_stored). */
static int finish_hand_over(struct op *op, const char *action, int64_t lead,
                            const int64_t *cohandlers, size_t n, const char *note,
                            struct xf_error *err)
{
    char *codes = NULL, *said = NULL;
    int rc = units_not_in(op->ctx, cohandlers, n, NULL, 0, &codes, err);
    if (!rc && !(said = hand_over_stored(codes, note)))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    free(codes);
    if (rc) {
        free(said);
        return op_fail(op, rc);
    }
    rc = op_finish(op, true, action, lead, said, err);
    free(said);
    return rc;
}

int xf_complaint_dispatch(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          int64_t lead_unit_id, const int64_t *cohandlers, size_t n_cohandlers,
                          const char *note, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.dispatch", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_CLASSIFIED), N_("dispatch"), err);
    if (rc)
        return rc;
    if ((rc = check_units(ctx, lead_unit_id, cohandlers, n_cohandlers, err)) ||
        (rc = check_note(note, err)) || (rc = start_round(&op, lead_unit_id, err)) ||
        (rc = xf_store_complaint_set_cohandlers(ctx->db, op.c.id, cohandlers, n_cohandlers, err)))
        return op_fail(&op, rc);
    return finish_hand_over(&op, "dispatch", lead_unit_id, cohandlers, n_cohandlers, note, err);
}

/* The complaint goes to another lead unit with these co-handlers (a
 * ruling that accepts a return, a re-dispatch): the new unit starts
 * clean, with its own sign-for clock; the old reason stays in the events. */
static int hand_over(struct op *op, int64_t lead, const int64_t *cohandlers, size_t n,
                     struct xf_error *err)
{
    int rc = check_units(op->ctx, lead, cohandlers, n, err);
    if (!rc)
        rc = xf_store_complaint_set_cohandlers(op->ctx->db, op->c.id, cohandlers, n, err);
    if (rc)
        return rc;
    free(op->c.return_reason);
    op->c.return_reason = NULL;
    return start_round(op, lead, err);
}

int xf_complaint_redispatch(const struct xf_ctx *ctx, int64_t id, int64_t version,
                            int64_t lead_unit_id, const int64_t *cohandlers, size_t n_cohandlers,
                            const char *note, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.redispatch", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_DISPATCHED), N_("re-dispatch"), err);
    if (rc)
        return rc;
    if ((rc = xfc_check_text(note, "note", XF_COMPLAINT_NOTE_MAX, true, true, err)))
        return op_fail(&op, rc);
    if (lead_unit_id == op.c.lead_unit_id)
        return op_fail(&op, xf_err(err, XF_EINVAL, "lead_unit",
                                   _("complaint %s is with this unit already; choose another, "
                                     "or mark it supervised (督办) to press this one"),
                                   op.c.code));
    if ((rc = hand_over(&op, lead_unit_id, cohandlers, n_cohandlers, err)))
        return op_fail(&op, rc);
    return finish_hand_over(&op, "redispatch", lead_unit_id, cohandlers, n_cohandlers, note, err);
}

/* The codes of the units in ids that are not in other, as the event's
 * note stores them ("U2;U5"); "" when none. */
static int units_not_in(const struct xf_ctx *ctx, const int64_t *ids, size_t n,
                        const int64_t *other, size_t n_other, char **out, struct xf_error *err)
{
    *out = strdup("");
    for (size_t i = 0; *out && i < n; i++) {
        bool kept = false;
        for (size_t j = 0; j < n_other && !kept; j++)
            kept = other[j] == ids[i];
        if (kept)
            continue;
        struct xf_unit u = {0};
        char *more = NULL;
        int rc = xf_store_unit_get(ctx->db, ids[i], &u, err);
        if (rc == XF_OK && asprintf(&more, "%s%s%s", *out, **out ? ";" : "", u.code) < 0)
            more = NULL;
        xf_unit_clear(&u);
        free(*out);
        *out = more;
        if (rc)
            return rc;
    }
    return *out ? XF_OK : xf_err(err, XF_EIO, "", _("out of memory"));
}

bool xf_complaint_cohandlers_changeable(const struct xf_complaint *c)
{
    return (COHANDLER_STATES & S(xf_complaint_state_of(c))) != 0;
}

int xf_complaint_set_cohandlers(const struct xf_ctx *ctx, int64_t id, int64_t version,
                                const int64_t *cohandlers, size_t n_cohandlers, const char *note,
                                struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.cohandlers", XF_P_COMPLAINT_SUPERVISE, id, version,
                      COHANDLER_STATES, N_("change the co-handling units of"), err);
    if (rc)
        return rc;
    int64_t *was = NULL;
    size_t n_was = 0;
    char *added = NULL, *removed = NULL, *said = NULL;
    if ((rc = check_units(ctx, op.c.lead_unit_id, cohandlers, n_cohandlers, err)) ||
        (rc = check_note(note, err)) ||
        (rc = xf_store_complaint_cohandlers(ctx->db, op.c.id, &was, &n_was, err)))
        return op_fail(&op, rc);
    if (!(rc = units_not_in(ctx, cohandlers, n_cohandlers, was, n_was, &added, err)))
        rc = units_not_in(ctx, was, n_was, cohandlers, n_cohandlers, &removed, err);
    free(was);
    if (!rc && !*added && !*removed)
        rc = xf_err(err, XF_EINVAL, "cohandlers",
                    _("complaint %s has these co-handling units already"), op.c.code);
    else if (!rc && !(said = cohandlers_stored(added, removed, note)))
        rc = xf_err(err, XF_EIO, "", _("out of memory"));
    free(added);
    free(removed);
    /* The row is written too (only its version moves): a form opened on
     * the old co-handlers, a re-dispatch's, is then told of the change. */
    if (rc || (rc = xf_store_complaint_set_cohandlers(ctx->db, op.c.id, cohandlers, n_cohandlers,
                                                      err))) {
        free(said);
        return op_fail(&op, rc);
    }
    rc = op_finish(&op, true, "cohandlers", op.c.lead_unit_id, said, err);
    free(said);
    return rc;
}

/* An answer date falls on a working day, as every deadline the clocks
 * work out does (a unit is not held to a Saturday). The day offered
 * instead is the working day before it, which keeps the citizen's date,
 * unless that one has passed: then the next. */
static int answer_due_workday(const struct xf_ctx *ctx, const char *due, const char *today,
                              struct xf_error *err)
{
    const struct xf_calendar *cal = &ctx->cfg->calendar;
    if (xf_workday_is(cal, due))
        return XF_OK;
    char day[XF_DATE_LEN];
    snprintf(day, sizeof day, "%s", due);
    for (int i = 0; i < 60 && !xf_workday_is(cal, day); i++) /* 春节 is a week at most */
        xf_date_add_days(day, -1, day);
    if (xf_workday_is(cal, day) && strcmp(day, today) >= 0)
        return xf_err(err, XF_EINVAL, "answer_due",
                      _("%s is not a working day; give a working day (the one before is %s)"), due,
                      day);
    xf_workday_add(cal, due, 1, day);
    return xf_err(err, XF_EINVAL, "answer_due",
                  _("%s is not a working day; give a working day (the next is %s)"), due, day);
}

/* The deadline an answer date replaces, for the timeline: the one it had
 * before, or the reply deadline of a complaint signed for. A sign-for
 * deadline is no answer deadline ("answer by 12-05, was 11-30" read as a
 * date moved when none was set). NULL: none. */
static const char *answer_due_was(const struct xf_complaint *c)
{
    if (c->answer_due)
        return c->answer_due;
    return xf_complaint_state_of(c) == XF_CS_SIGNED ? c->reply_due : NULL;
}

int xf_complaint_due_year_unlisted(const struct xf_ctx *ctx, const char *due)
{
    if (!due || !xf_date_valid(due))
        return 0;
    int year = atoi(due);
    return xf_calendar_covers(&ctx->cfg->calendar, year) ? 0 : year;
}

int xf_complaint_deadline_years_unlisted(const struct xf_ctx *ctx, const char *today, int *years,
                                         size_t max, size_t *n, struct xf_error *err)
{
    int used[64];
    size_t nused = 0;
    *n = 0;
    int rc = xf_store_complaint_deadline_years(ctx->db, atoi(today), used,
                                               sizeof used / sizeof used[0], &nused, err);
    for (size_t i = 0; !rc && i < nused; i++)
        if (!xf_calendar_covers(&ctx->cfg->calendar, used[i]) && *n < max)
            years[(*n)++] = used[i];
    return rc;
}

bool xf_complaint_answer_due_settable(const struct xf_complaint *c)
{
    return (ANSWER_DUE_STATES & S(xf_complaint_state_of(c))) != 0;
}

int xf_complaint_set_answer_due(const struct xf_ctx *ctx, int64_t id, int64_t version,
                                const char *due, const char *reason, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.answer_due", XF_P_COMPLAINT_SUPERVISE, id, version,
                      ANSWER_DUE_STATES, N_("set the reply deadline of"), err);
    if (rc)
        return rc;
    if (!due || !*due)
        rc = xf_err(err, XF_EINVAL, "answer_due", _("%s is required"),
                    xf_history_field_label("answer_due"));
    else if (!(rc = xf_date_check(due, "answer_due", err)) && strcmp(due, op.today) < 0)
        rc = xf_err(err, XF_EINVAL, "answer_due",
                    _("%s is in the past: the reply deadline is today or later"), due);
    if (!rc)
        rc = answer_due_workday(ctx, due, op.today, err);
    if (rc || (rc = xfc_check_text(reason, "reason", XF_COMPLAINT_NOTE_MAX, true, true, err)))
        return op_fail(&op, rc);
    if (op.c.answer_due && strcmp(op.c.answer_due, due) == 0)
        return op_fail(&op, xf_err(err, XF_EINVAL, "answer_due",
                                   _("complaint %s is to be answered by %s already"), op.c.code,
                                   due));
    /* Copied before the answer date replaces it. */
    char was_day[XF_DATE_LEN] = "";
    if (answer_due_was(&op.c))
        snprintf(was_day, sizeof was_day, "%s", answer_due_was(&op.c));
    const char *was = was_day[0] ? was_day : NULL;
    rc = set_str(&op.c.answer_due, due, err);
    enum xf_complaint_state s = xf_complaint_state_of(&op.c);
    if (!rc && s == XF_CS_SIGNED)
        rc = set_str(&op.c.reply_due, due, err);
    if (!rc && s == XF_CS_DISPATCHED)
        rc = clamp_sign_due(ctx, &op.c, op.orig.answer_due, err);
    if (rc)
        return op_fail(&op, rc);
    /* The unit's sign-for deadline too, when the date moved it: its
     * handler reads the timeline. */
    const char *sign = s == XF_CS_DISPATCHED && op.c.sign_due && op.orig.sign_due &&
                               strcmp(op.c.sign_due, op.orig.sign_due) != 0
                           ? op.c.sign_due
                           : NULL;
    char *said = answer_due_stored(due, was, sign, reason);
    if (!said)
        return op_fail(&op, xf_err(err, XF_EIO, "", _("out of memory")));
    rc = op_finish(&op, true, "answer_due", op.c.lead_unit_id ? op.c.lead_unit_id : op.c.unit_id,
                   said, err);
    free(said);
    return rc;
}

int xf_complaint_sign(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                      struct xf_error *err)
{
    struct op op;
    const struct xf_category *cat;
    int rc = op_begin(&op, ctx, "complaint.sign", XF_P_COMPLAINT_HANDLE, id, version,
                      S(XF_CS_DISPATCHED), N_("sign for"), err);
    if (rc)
        return rc;
    char due[XF_DATE_LEN];
    if ((rc = check_note(note, err)) || (rc = category_of(ctx, op.c.category, &cat, err)))
        return op_fail(&op, rc);
    xf_workday_add(&ctx->cfg->calendar, op.today, cat->reply_days, due);
    if (op.c.answer_due) /* the supervisor's date, earlier or later */
        snprintf(due, sizeof due, "%s", op.c.answer_due);
    if ((rc = set_state(&op, XF_CS_SIGNED, err)) || (rc = set_str(&op.c.signed_at, op.now, err)) ||
        (rc = set_str(&op.c.reply_due, due, err)))
        return op_fail(&op, rc);
    return op_finish(&op, true, "sign", op.c.lead_unit_id, note, err);
}

/* Before the sign-for deadline, and once: after a ruling that upheld the
 * dispatch the unit may not send it back again (the ruling restarts the
 * clock, so otherwise it could forever). Decided by the events, not by the
 * reason left on the row, which an earlier version kept after accepting a
 * return too. */
bool xf_complaint_return_upheld(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    return xf_store_complaint_return_upheld(ctx->db, c->id);
}

bool xf_complaint_redo_pending(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    return xf_store_complaint_redo_pending(ctx->db, c->id);
}

bool xf_complaint_may_return(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    return (!c->sign_due || strcmp(today, c->sign_due) <= 0) &&
           !xf_store_complaint_return_upheld(ctx->db, c->id) &&
           !xf_store_complaint_redo_pending(ctx->db, c->id);
}

int xf_complaint_return(const struct xf_ctx *ctx, int64_t id, int64_t version,
                        enum xf_return_reason reason, const char *text, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.return", XF_P_COMPLAINT_HANDLE, id, version,
                      S(XF_CS_DISPATCHED), N_("return"), err);
    if (rc)
        return rc;
    const char *code = xf_return_reason_name(reason);
    if (!code)
        return op_fail(&op, xf_err(err, XF_EINVAL, "return_reason",
                                   _("choose why the dispatch is wrong: not our jurisdiction, "
                                     "unclear ownership or overlapping duties")));
    if ((rc = xfc_check_text(text, "return_text", XF_COMPLAINT_NOTE_MAX, true, true, err)))
        return op_fail(&op, rc);
    if (xf_store_complaint_return_upheld(ctx->db, op.c.id))
        return op_fail(&op, xf_err(err, XF_ESTATE, "return_reason",
                                   _("the unit's return of %s was ruled unfounded: it is the "
                                     "unit's to handle; sign for it"),
                                   op.c.code));
    /* The unit took it and answered it: a redo is its own to finish (it
     * was returned as "not our jurisdiction" after the citizen said no). */
    if (xf_store_complaint_redo_pending(ctx->db, op.c.id))
        return op_fail(&op, xf_err(err, XF_ESTATE, "return_reason",
                                   _("%s came back to the unit to be redone after an "
                                     "unsatisfied callback: the unit answered it before, so it "
                                     "signs for it rather than return it"),
                                   op.c.code));
    if (!xf_complaint_may_return(ctx, &op.c))
        return op_fail(&op, xf_err(err, XF_ESTATE, "sign_due",
                                   _("the sign-for deadline %s has passed: a dispatch can be "
                                     "returned only before it; sign for it instead"),
                                   op.c.sign_due));
    size_t len = strlen(code) + strlen(text) + 3;
    char *why = malloc(len);
    if (!why)
        return op_fail(&op, xf_err(err, XF_EIO, "", _("out of memory")));
    snprintf(why, len, "%s: %s", code, text);
    free(op.c.return_reason);
    op.c.return_reason = why;
    if ((rc = set_state(&op, XF_CS_RETURNED, err)))
        return op_fail(&op, rc);
    return op_finish(&op, true, "return", op.c.lead_unit_id, why, err);
}

int xf_complaint_rule(const struct xf_ctx *ctx, int64_t id, int64_t version, bool accept,
                      int64_t new_lead_unit_id, const int64_t *cohandlers, size_t n_cohandlers,
                      const char *note, struct xf_error *err)
{
    struct op op;
    /* Named apart in the history: the unit's handler is told which one
     * came (a rejected return is theirs to sign for again). */
    int rc = op_begin(&op, ctx, accept ? "complaint.rule_accept" : "complaint.rule_reject",
                      XF_P_COMPLAINT_SUPERVISE, id, version, S(XF_CS_RETURNED), N_("rule on"),
                      err);
    if (rc)
        return rc;
    /* A ruling that sends the complaint back tells the unit why it is
     * theirs after all: the note is then required. */
    if ((rc = xfc_check_text(note, "note", XF_COMPLAINT_NOTE_MAX, !accept, true, err)))
        return op_fail(&op, rc);
    int64_t lead = op.c.lead_unit_id;
    if (accept && new_lead_unit_id == lead)
        return op_fail(&op, xf_err(err, XF_EINVAL, "lead_unit",
                                   _("the return is accepted, so choose another lead unit; "
                                     "to send it back to the same unit, reject the return")));
    if (accept)
        lead = new_lead_unit_id;
    if ((rc = accept ? hand_over(&op, lead, cohandlers, n_cohandlers, err)
                     : start_round(&op, lead, err)))
        return op_fail(&op, rc);
    if (accept)
        return finish_hand_over(&op, "rule_accept", lead, cohandlers, n_cohandlers, note, err);
    return op_finish(&op, true, "rule_reject", lead, note, err);
}

int xf_complaint_reply(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *text,
                       struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.reply", XF_P_COMPLAINT_HANDLE, id, version,
                      S(XF_CS_SIGNED), N_("reply to"), err);
    if (rc)
        return rc;
    if ((rc = xfc_check_text(text, "reply_text", XF_COMPLAINT_TEXT_MAX, true, true, err)) ||
        (rc = set_state(&op, XF_CS_REPLIED, err)) ||
        (rc = set_str(&op.c.replied_at, op.now, err)) ||
        (rc = set_str(&op.c.reply_text, text, err)))
        return op_fail(&op, rc);
    /* The reply goes in the event too: a redo round clears the row's copy. */
    return op_finish(&op, true, "reply", op.c.lead_unit_id, text, err);
}

static int close_now(struct op *op, struct xf_error *err);

int xf_complaint_callback(const struct xf_ctx *ctx, int64_t id, int64_t version,
                          enum xf_callback_outcome outcome, const char *note, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.callback", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_REPLIED), N_("record the callback of"), err);
    if (rc)
        return rc;
    const char *name = xf_callback_outcome_name(outcome);
    if (!name)
        return op_fail(&op, xf_err(err, XF_EINVAL, "callback_outcome",
                                   _("the callback outcome must be satisfied, unsatisfied or "
                                     "unreachable")));
    /* The unit redoes the work from what the citizen said: a redo with
     * no word of it sends them back to guess. */
    if (outcome == XF_CALLBACK_UNSATISFIED && xf_text_blank(note))
        return op_fail(&op, xf_err(err, XF_EINVAL, "note",
                                   _("say what the citizen is not satisfied with: the unit "
                                     "redoes the work from it")));
    if ((rc = check_note(note, err)) || (rc = set_str(&op.c.callback_outcome, name, err)))
        return op_fail(&op, rc);
    if (outcome == XF_CALLBACK_UNSATISFIED) {
        op.c.redo_count++;
        /* The answer asked for by a day was given: the redo runs on the
         * category's limits unless a supervisor sets a new date. */
        rc = set_str(&op.c.answer_due, NULL, err);
        if (!rc)
            rc = start_round(&op, op.c.lead_unit_id, err);
    } else {
        /* Satisfied, or the citizen cannot be reached: the complaint is
         * done (SPEC §2.5), closed in the same step. */
        rc = close_now(&op, err);
    }
    if (rc)
        return op_fail(&op, rc);
    char action[40];
    snprintf(action, sizeof action, "callback_%s", name);
    return op_finish(&op, true, action, op.c.lead_unit_id, note, err);
}

bool xfc_on_time(const struct xf_complaint *c)
{
    /* A deadline moved after it had passed does not make it in time. */
    return !c->missed_due && c->signed_at && c->sign_due && c->replied_at && c->reply_due &&
           strncmp(c->signed_at, c->sign_due, 10) <= 0 &&
           strncmp(c->replied_at, c->reply_due, 10) <= 0;
}

/* Closes the complaint in op now. */
static int close_now(struct op *op, struct xf_error *err)
{
    struct xf_complaint *c = &op->c;
    c->closed_on_time = xfc_on_time(c);
    int rc = set_state(op, XF_CS_CLOSED, err);
    return rc ? rc : set_str(&c->closed_at, op->now, err);
}

/* A complaint left "called back, to close" by an earlier version, when
 * closing was a step of its own. */
int xf_complaint_close(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *note,
                       struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.close", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_CALLBACK), N_("close"), err);
    if (rc)
        return rc;
    if ((rc = check_note(note, err)) || (rc = close_now(&op, err)))
        return op_fail(&op, rc);
    return op_finish(&op, true, "close", op.c.lead_unit_id, note, err);
}

int xf_complaint_reject(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *reason,
                        struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.reject", XF_P_COMPLAINT_SUPERVISE, id, version,
                      S(XF_CS_RECEIVED) | S(XF_CS_CLASSIFIED), N_("reject"), err);
    if (rc)
        return rc;
    if ((rc = xfc_check_text(reason, "reject_reason", XF_COMPLAINT_NOTE_MAX, true, true, err)) ||
        (rc = set_state(&op, XF_CS_REJECTED, err)) ||
        (rc = set_str(&op.c.reject_reason, reason, err)))
        return op_fail(&op, rc);
    return op_finish(&op, true, "reject", op.c.unit_id, reason, err);
}

/* A supervised (督办) complaint merged into one that is not: the
 * survivor carries the supervision on, with an event saying from where,
 * so the escalation is not lost with the duplicate. */
static int carry_supervision(struct op *op, struct xf_complaint *into, struct xf_error *err)
{
    struct xf_complaint next = *into;
    next.supervised = 1;
    int rc = xf_store_complaint_update(op->ctx->db, into, &next, err);
    if (rc)
        return rc;
    into->version = next.version;
    char note[96];
    snprintf(note, sizeof note, _("supervision carried over from %s"), op->c.code);
    struct xf_complaint_event ev = {
        .complaint_id = into->id,
        .at = op->now,
        .actor = (char *)op->ctx->login,
        .action = "supervise",
        .from_state = into->state,
        .to_state = into->state,
        .unit_id = into->lead_unit_id,
        .note = note,
    };
    return xf_store_complaint_event_add(op->ctx->db, &ev, err);
}

int xf_complaint_merge(const struct xf_ctx *ctx, int64_t id, int64_t version, int64_t into_id,
                       const char *note, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, "complaint.merge", XF_P_COMPLAINT_SUPERVISE, id, version, OPEN,
                      N_("merge"), err);
    if (rc)
        return rc;
    if (into_id == id)
        return op_fail(&op, xf_err(err, XF_EINVAL, "merged_into",
                                   _("a complaint cannot be merged into itself")));
    struct xf_complaint into = {0};
    if ((rc = xf_store_complaint_get(ctx->db, into_id, &into, err)))
        return op_fail(&op, rc == XF_ENOTFOUND
                                ? xf_err(err, XF_EINVAL, "merged_into",
                                         _("the complaint to merge into does not exist"))
                                : rc);
    /* A closed complaint takes a repeat call about the same matter (the
     * duplicate ends with it, its history reachable from it); a rejected
     * or merged one stands for nothing to merge into. */
    enum xf_complaint_state s = xf_complaint_state_of(&into);
    if (s == XF_CS_REJECTED || s == XF_CS_MERGED)
        rc = xf_err(err, XF_EINVAL, "merged_into",
                    _("complaint %s is %s; merge into an open or closed complaint"), into.code,
                    xf_complaint_state_label(s));
    else if (!xfc_in_scope(ctx, &into))
        rc = xf_perm_require(ctx, XF_P_COMPLAINT_SUPERVISE, into.unit_id, err);
    if (!rc && op.c.supervised && !into.supervised && s != XF_CS_CLOSED)
        rc = carry_supervision(&op, &into, err);
    xf_complaint_clear(&into);
    if (rc || (rc = check_note(note, err)) || (rc = set_state(&op, XF_CS_MERGED, err)))
        return op_fail(&op, rc);
    op.c.merged_into = into_id;
    return op_finish(&op, true, "merge", op.c.unit_id, note, err);
}

int xf_complaint_supervise(const struct xf_ctx *ctx, int64_t id, int64_t version, bool on,
                           const char *note, struct xf_error *err)
{
    struct op op;
    int rc = op_begin(&op, ctx, on ? "complaint.supervise" : "complaint.unsupervise",
                      XF_P_COMPLAINT_SUPERVISE, id, version, OPEN,
                      on ? N_("supervise") : N_("stop supervising"), err);
    if (rc)
        return rc;
    if (op.c.supervised == on)
        return op_fail(&op, xf_err(err, XF_ESTATE, "supervised",
                                   on ? _("complaint %s is already supervised")
                                      : _("complaint %s is not supervised"),
                                   op.c.code));
    if ((rc = check_note(note, err)))
        return op_fail(&op, rc);
    op.c.supervised = on;
    return op_finish(&op, true, on ? "supervise" : "unsupervise", op.c.lead_unit_id, note, err);
}

int xf_complaint_note(const struct xf_ctx *ctx, int64_t id, int64_t version, const char *text,
                      struct xf_error *err)
{
    struct op op;
    enum xf_perm perm = xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE) ? XF_P_COMPLAINT_SUPERVISE
                                                                      : XF_P_COMPLAINT_HANDLE;
    /* Another user's step since the form opened does not make a note
     * wrong: it is added after it (a second F2 was asked for). */
    (void)version;
    int rc = op_begin(&op, ctx, "complaint.note", perm, id, ANY_VERSION, (1u << XF_CS_COUNT) - 1,
                      N_("add a note to"), err);
    if (rc)
        return rc;
    if ((rc = xfc_check_text(text, "note", XF_COMPLAINT_NOTE_MAX, true, true, err)))
        return op_fail(&op, rc);
    /* A note changes no column, so the row (and its version) stays. */
    return op_finish(&op, false, "note", op.c.lead_unit_id, text, err);
}

bool xf_complaint_may_note(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    if (xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE))
        return true;
    return xf_perm_allows(ctx, XF_P_COMPLAINT_HANDLE) && c->lead_unit_id && handler_reads(ctx, c);
}

/* ---- reading ---- */

bool xfc_reads(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    return xf_complaint_handler_view(ctx) ? handler_reads(ctx, c) : xfc_in_scope(ctx, c);
}

int xf_complaint_get(const struct xf_ctx *ctx, int64_t id, struct xf_complaint *out,
                     struct xf_error *err)
{
    int rc = xf_store_complaint_get(ctx->db, id, out, err);
    if (rc)
        return rc;
    if (!xfc_reads(ctx, out)) {
        rc = xf_err(err, XF_EPERM, "", _("complaint %s is outside your units"), out->code);
        xf_complaint_clear(out);
        return rc;
    }
    if (!xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL))
        xfc_mask(out);
    return XF_OK;
}

int xf_complaint_code_of(const struct xf_ctx *ctx, int64_t id, char **code, bool *outside,
                         struct xf_error *err)
{
    struct xf_complaint c = {0};
    *code = NULL;
    int rc = xf_store_complaint_get(ctx->db, id, &c, err);
    if (!rc) {
        *outside = !xfc_reads(ctx, &c);
        *code = c.code;
        c.code = NULL;
    }
    xf_complaint_clear(&c);
    return rc;
}

/* Handlers see only what was dispatched to their units (as lead or
 * co-handler), not every complaint about a unit in their scope. */
static void keep_handled(const struct xf_ctx *ctx, struct xf_complaint *rows, size_t *n)
{
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (handler_reads(ctx, &rows[i]))
            rows[kept++] = rows[i];
        else
            xf_complaint_clear(&rows[i]);
    }
    *n = kept;
}

int xf_complaint_list(const struct xf_ctx *ctx, const struct xf_complaint_filter *f,
                      struct xf_complaint **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    enum xf_complaint_state s;
    if (f->state && xf_complaint_state_parse(f->state, &s) != 0)
        return xf_err(err, XF_EINVAL, "state", _("'%s' is not a complaint state"), f->state);
    if (f->limit < 0 || f->limit > 1000)
        return xf_err(err, XF_EINVAL, "limit", _("a page holds 1 to 1000 complaints"));
    bool oom;
    char *scope = xfc_scope_json(ctx, &oom);
    if (oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    struct xf_complaint_query q = {
        .state = f->state,
        .open_only = f->open_only,
        .unit_id = f->unit_id,
        .scope_json = scope,
        .has_after = f->has_after,
        .after_supervised = f->after_supervised,
        .after_id = f->after_id,
        .limit = f->limit ? f->limit : 100,
    };
    int rc = xf_store_complaint_list(ctx->db, &q, rows, n, err);
    free(scope);
    if (rc == XF_OK && xf_complaint_handler_view(ctx))
        keep_handled(ctx, *rows, n);
    if (rc == XF_OK && !xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL))
        for (size_t i = 0; i < *n; i++)
            xfc_mask(&(*rows)[i]);
    return rc;
}

/* Loads a complaint only to check the reader's scope. */
static int readable(const struct xf_ctx *ctx, int64_t id, struct xf_error *err)
{
    struct xf_complaint c = {0};
    int rc = xf_complaint_get(ctx, id, &c, err);
    xf_complaint_clear(&c);
    return rc;
}

int xf_complaint_events(const struct xf_ctx *ctx, int64_t id, bool with_merged,
                        struct xf_complaint_event **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    int rc = readable(ctx, id, err);
    return rc ? rc : xf_store_complaint_events(ctx->db, id, with_merged, rows, n, err);
}

int xf_complaint_cohandlers(const struct xf_ctx *ctx, int64_t id, int64_t **ids, size_t *n,
                            struct xf_error *err)
{
    *ids = NULL;
    *n = 0;
    int rc = readable(ctx, id, err);
    return rc ? rc : xf_store_complaint_cohandlers(ctx->db, id, ids, n, err);
}

int xf_complaint_merged_ids(const struct xf_ctx *ctx, int64_t id, int64_t **ids, size_t *n,
                            struct xf_error *err)
{
    *ids = NULL;
    *n = 0;
    int rc = readable(ctx, id, err);
    return rc ? rc : xf_store_complaint_merged_ids(ctx->db, id, ids, n, err);
}

const char *xf_complaint_deadline(const struct xf_complaint *c)
{
    switch (xf_complaint_state_of(c)) {
    case XF_CS_DISPATCHED: return c->sign_due;
    case XF_CS_SIGNED: return c->reply_due;
    default: return NULL;
    }
}

long xf_complaint_days_waiting(const struct xf_ctx *ctx, const struct xf_complaint *c,
                               const char *today, char since[XF_DATE_LEN])
{
    char day[XF_DATE_LEN] = "";
    switch (xf_complaint_state_of(c)) {
    case XF_CS_RECEIVED:
    case XF_CS_CLASSIFIED:
        snprintf(day, sizeof day, "%.10s", c->received_at ? c->received_at : "");
        break;
    case XF_CS_RETURNED: xf_store_complaint_returned_at(ctx->db, c->id, day); break;
    default: break;
    }
    if (!xf_date_valid(day) || !today || !xf_date_valid(today))
        day[0] = '\0';
    if (since)
        snprintf(since, XF_DATE_LEN, "%s", day);
    long n = day[0] ? xf_workday_diff(&ctx->cfg->calendar, day, today) : 0;
    return n > 0 ? n : 0;
}

const char *xf_complaint_missed_due(const struct xf_complaint *c)
{
    return c->missed_due && *c->missed_due ? c->missed_due : NULL;
}

/* When the running step's clock began: dispatch for signing for,
 * signing for for the answer (NULL when unknown, as on imported rows). */
static const char *clock_began(const struct xf_complaint *c)
{
    switch (xf_complaint_state_of(c)) {
    case XF_CS_DISPATCHED: return c->dispatched_at;
    case XF_CS_SIGNED: return c->signed_at;
    default: return NULL;
    }
}

void xf_complaint_soon_dates(const struct xf_ctx *ctx, const char *today, char soon[XF_DATE_LEN],
                             char ran[XF_DATE_LEN])
{
    const struct xf_calendar *cal = &ctx->cfg->calendar;
    soon[0] = ran[0] = '\0';
    if (!today || !xf_date_valid(today))
        return;
    xf_workday_add(cal, today, ctx->cfg->due_soon_days, soon);
    snprintf(ran, XF_DATE_LEN, "%s", today);
    for (int i = 0; i < 60 && !xf_workday_is(cal, ran); i++) /* 春节 is a week at most */
        xf_date_add_days(ran, -1, ran);
}

/* 临期 warns of a deadline near that the unit has had time to work
 * towards. Signing for is one working day from dispatch: with the window
 * at one day, every complaint was due soon the moment it was dispatched
 * and the warning told a supervisor nothing. So a step is due soon only
 * once a working day of it has run (its clock began before the last
 * working day up to today, `ran`): a one-day step is due soon on its
 * last day, a five-day one in its last due_soon_days. */
enum xf_clock xf_complaint_clock(const struct xf_ctx *ctx, const struct xf_complaint *c,
                                 const char *today)
{
    const char *due = xf_complaint_deadline(c);
    if (!due || !xf_date_valid(due) || !today || !xf_date_valid(today))
        return XF_CLOCK_NONE;
    if (strcmp(today, due) > 0)
        return XF_CLOCK_OVERDUE;
    char soon[XF_DATE_LEN], ran[XF_DATE_LEN];
    xf_complaint_soon_dates(ctx, today, soon, ran);
    if (strcmp(due, soon) > 0)
        return XF_CLOCK_OK;
    const char *began = clock_began(c);
    if (began && strlen(began) >= 10 && strncmp(began, ran, 10) >= 0)
        return XF_CLOCK_OK; /* the step began on the last working day or since */
    return XF_CLOCK_DUE_SOON;
}

long xf_complaint_days_late(const struct xf_ctx *ctx, const struct xf_complaint *c,
                            const char *today)
{
    if (xf_complaint_clock(ctx, c, today) != XF_CLOCK_OVERDUE)
        return 0;
    return xf_workday_diff(&ctx->cfg->calendar, xf_complaint_deadline(c), today);
}

/* ---- the interface's list and pickers ---- */

bool xf_complaint_handler_view(const struct xf_ctx *ctx)
{
    return !xf_perm_allows(ctx, XF_P_COMPLAINT_SUPERVISE) &&
           xf_perm_allows(ctx, XF_P_COMPLAINT_HANDLE);
}

/* Handlers read what was dispatched to their units: as lead or co-handler. */
static bool handler_reads(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    if (!c->lead_unit_id)
        return false;
    if (xf_ctx_in_scope(ctx, c->lead_unit_id))
        return true;
    int64_t *ids = NULL;
    size_t n = 0;
    struct xf_error e = {0};
    if (xf_store_complaint_cohandlers(ctx->db, c->id, &ids, &n, &e) != XF_OK)
        return false;
    bool in = false;
    for (size_t i = 0; i < n && !in; i++)
        in = xf_ctx_in_scope(ctx, ids[i]);
    free(ids);
    return in;
}

/* What a page or a count asks of the store, and what it allocates for
 * it (freed by page_args_free). */
struct page_args {
    struct xf_complaint_page_query q;
    char today[XF_DATE_LEN], soon[XF_DATE_LEN], ran[XF_DATE_LEN];
    char *scope, *search;
    char phone[XF_COMPLAINT_PHONE_MAX + 1]; /* the search's digits, when it is a number */
    char *places; /* the units and posts the search names, NULL: none */
};

static void page_args_free(struct page_args *a)
{
    free(a->scope);
    free(a->search);
    free(a->places);
}

static int page_args(const struct xf_ctx *ctx, const struct xf_complaint_page *pg,
                     struct page_args *a, struct xf_error *err)
{
    *a = (struct page_args){0};
    enum xf_complaint_state s;
    if (pg->state && xf_complaint_state_parse(pg->state, &s) != 0)
        return xf_err(err, XF_EINVAL, "state", _("'%s' is not a complaint state"), pg->state);
    if (pg->query && *pg->query) {
        int rc = xf_search_clean_query(pg->query, &a->search, err);
        if (rc)
            return rc;
    }
    if (a->search) {
        xf_search_phone_digits(a->search, a->phone, sizeof a->phone);
        /* Read at each page, not kept from when the search was typed: a
         * unit another session adds meanwhile is found by the live
         * refresh too (xf_store_search_places keeps the names between). */
        int rc = xf_store_search_term_places(ctx->db, a->search, &a->places, err);
        if (rc) {
            page_args_free(a);
            return rc;
        }
    }
    xf_date_today(a->today);
    xf_complaint_soon_dates(ctx, a->today, a->soon, a->ran);
    bool oom;
    a->scope = xfc_scope_json(ctx, &oom);
    if (oom) {
        page_args_free(a);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    a->q = (struct xf_complaint_page_query){
        .state = pg->state,
        .open_only = pg->open_only,
        .supervised_only = pg->supervised_only,
        .clock = pg->clock,
        .today = a->today,
        .soon = a->soon,
        .ran = a->ran,
        .unit_id = pg->unit_id,
        .post_id = pg->post_id,
        .scope_json = a->scope,
        .lead_scope = xf_complaint_handler_view(ctx),
        .search = a->search,
        .search_places = a->places,
        .search_no_personal = !xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL),
        .phone = *a->phone ? a->phone : NULL,
        .sort = pg->sort,
        /* the lead unit's steps, in the user's units (as need_scope) */
        .act_scope_json = a->scope,
        .dir = pg->dir,
        .from_sort = pg->from_sort,
        .from_id = pg->from_id,
        .limit = pg->limit ? pg->limit : 100,
    };
    return XF_OK;
}

/* A newest-first key is the order's key and the id, the id after a byte
 * below any a key holds, each byte b written as the two hex digits of
 * 255 - b: the order of bytes turned round, a prefix included, in text
 * that compares as the list compares. With the id in it no two rows
 * share a key, so the list's tie on ids never meets the walk's. */
char *xf_complaint_newest_key(const char *key, int64_t id)
{
    char raw[64];
    int tail = snprintf(raw, sizeof raw, "\x01%019lld", (long long)id);
    size_t kl = strlen(key ? key : ""), n = kl + (size_t)tail;
    char *out = malloc(2 * n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)(i < kl ? key[i] : raw[i - kl]);
        snprintf(out + 2 * i, 3, "%02x", 255 - b);
    }
    return out;
}

/* The order's key and id back from a newest-first key; false on one that
 * is none (the list only hands back keys it was given). */
static bool newest_decode(const char *enc, char **key, int64_t *id)
{
    size_t n = strlen(enc) / 2;
    char *raw = malloc(n + 1);
    if (!raw)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(enc + 2 * i, "%2x", &v) != 1) {
            free(raw);
            return false;
        }
        raw[i] = (char)(255 - v);
    }
    raw[n] = '\0';
    char *sep = strrchr(raw, '\x01'), *end = NULL;
    long long v = sep ? strtoll(sep + 1, &end, 10) : 0;
    if (!sep || !end || *end) {
        free(raw);
        return false;
    }
    *sep = '\0';
    *key = raw;
    *id = v;
    return true;
}

/* A newest-first page is the order's page the other way from the same
 * row: after (the newest first) is before in the order, from a key
 * (inclusive) before the next id, and the start the order's end. */
static int newest_page(const struct xf_complaint_page *pg, struct xf_complaint_page *q, char **key)
{
    *q = *pg;
    q->newest = false;
    *key = NULL;
    if (pg->from_sort && !newest_decode(pg->from_sort, key, &q->from_id))
        return XF_EIO;
    q->from_sort = *key;
    if (pg->dir == XF_CDIR_BEFORE)
        q->dir = XF_CDIR_AFTER;
    else {
        q->dir = XF_CDIR_BEFORE;
        if (pg->dir == XF_CDIR_FROM && *key)
            q->from_id++;
    }
    return XF_OK;
}

int xf_complaint_page(const struct xf_ctx *ctx, const struct xf_complaint_page *pg,
                      struct xf_complaint **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    if (pg->limit < 0 || pg->limit > 1000)
        return xf_err(err, XF_EINVAL, "limit", _("a page holds 1 to 1000 complaints"));
    struct xf_complaint_page turned;
    char *from_key = NULL;
    if (pg->newest) {
        if (newest_page(pg, &turned, &from_key))
            return xf_err(err, XF_EINVAL, "sort", _("unknown sort order"));
        pg = &turned;
    }
    struct page_args a;
    int rc = page_args(ctx, pg, &a, err);
    if (rc) {
        free(from_key);
        return rc;
    }
    rc = xf_store_complaint_page(ctx->db, &a.q, rows, n, err);
    page_args_free(&a);
    free(from_key);
    for (size_t i = 0; rc == XF_OK && pg == &turned && i < *n; i++) {
        struct xf_complaint *c = &(*rows)[i];
        char *k = xf_complaint_newest_key(c->sort_key, c->id);
        if (!k) {
            xf_complaints_free(*rows, *n);
            *rows = NULL;
            *n = 0;
            return xf_err(err, XF_EIO, "", _("out of memory"));
        }
        free(c->sort_key);
        c->sort_key = k;
    }
    if (rc == XF_OK && !xf_perm_allows(ctx, XF_P_COMPLAINT_PERSONAL))
        for (size_t i = 0; i < *n; i++)
            xfc_mask(&(*rows)[i]);
    return rc;
}

int xf_complaint_count(const struct xf_ctx *ctx, const struct xf_complaint_page *pg, long cap,
                       long *n, struct xf_error *err)
{
    *n = 0;
    struct page_args a;
    int rc = page_args(ctx, pg, &a, err);
    if (rc)
        return rc;
    rc = xf_store_complaint_count(ctx->db, &a.q, cap, n, err);
    page_args_free(&a);
    return rc;
}

int xf_complaint_lead_work(const struct xf_ctx *ctx, const char *today, struct xf_lead_work *out,
                           struct xf_error *err)
{
    bool oom;
    char *scope = xfc_scope_json(ctx, &oom);
    if (oom)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    /* Due soon as the list's clock has it (xf_complaint_clock). */
    char soon[XF_DATE_LEN], ran[XF_DATE_LEN];
    xf_complaint_soon_dates(ctx, today, soon, ran);
    int rc = xf_store_complaint_lead_work(ctx->db, scope, today, soon, ran, &out->to_sign,
                                          &out->to_reply, &out->overdue, &out->due_soon, err);
    free(scope);
    return rc;
}

/* As need_scope: the steps are the lead unit's, within the user's units
 * (the store's LEAD_ACTS, given the same scope by page_args). */
bool xf_complaint_step_is_mine(const struct xf_ctx *ctx, const struct xf_complaint *c)
{
    enum xf_complaint_state st = xf_complaint_state_of(c);
    if (st != XF_CS_DISPATCHED && st != XF_CS_SIGNED)
        return false;
    if (!ctx->user || ctx->user->n_scopes == 0)
        return true;
    return c->lead_unit_id > 0 && xf_ctx_in_scope(ctx, c->lead_unit_id);
}

char *xf_complaint_sort_key(const struct xf_ctx *ctx, const struct xf_complaint *c,
                            enum xf_complaint_sort s)
{
    const char *v = "";
    char seg = c->supervised ? '0' : '1';
    if (s == XF_CSORT_RECEIVED)
        v = c->received_at ? c->received_at : "";
    else if (s == XF_CSORT_DEADLINE)
        v = xf_complaint_deadline(c) ? xf_complaint_deadline(c) : "9999-12-31";
    else if (s == XF_CSORT_CLOSED) /* as the store's V_CLOSED */
        v = c->closed_at ? c->closed_at : "-";
    if (s == XF_CSORT_ACTION) { /* as the store's SK_ACTION */
        bool mine = xf_complaint_step_is_mine(ctx, c);
        if (mine)
            seg = (char)('0' + (c->supervised ? 0 : 2) +
                         (xf_complaint_state_of(c) == XF_CS_SIGNED));
        else
            seg = c->supervised ? '4' : '5';
        if (mine)
            v = xf_complaint_deadline(c) ? xf_complaint_deadline(c) : "9999-12-31";
    }
    size_t len = strlen(v) + 2;
    char *out = malloc(len);
    if (out)
        snprintf(out, len, "%c%s", seg, v);
    return out;
}

int xf_complaint_pick_units(const struct xf_ctx *ctx, const char *query, int limit,
                            struct xf_complaint_pick **rows, size_t *n, struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    int rc = xf_perm_require(ctx, XF_P_COMPLAINT_SUPERVISE, 0, err);
    if (!rc)
        rc = xf_store_complaint_pick_units(ctx->db, query, NULL, limit, rows, n, err);
    /* A complaint may go to the unit it belongs to wherever that is (a
     * district forwards one to a city department); one outside the
     * user's own units says so, so that it goes there knowingly. */
    for (size_t i = 0; !rc && i < *n; i++) {
        char *marked = NULL;
        if (xf_ctx_in_scope(ctx, (*rows)[i].id))
            continue;
        if (asprintf(&marked, _("%s (outside your units)"), (*rows)[i].label) < 0)
            return xf_err(err, XF_EIO, "", _("out of memory"));
        free((*rows)[i].label);
        (*rows)[i].label = marked;
    }
    return rc;
}

/* For the pickers within the user's units: the permission, then their
 * scope as JSON (NULL: every unit). */
static int picker_scope(const struct xf_ctx *ctx, char **scope, struct xf_error *err)
{
    *scope = NULL;
    int rc = xf_perm_require(ctx, XF_P_COMPLAINT_SUPERVISE, 0, err);
    if (rc)
        return rc;
    bool oom;
    *scope = xfc_scope_json(ctx, &oom);
    return oom ? xf_err(err, XF_EIO, "", _("out of memory")) : XF_OK;
}

int xf_complaint_pick_own_units(const struct xf_ctx *ctx, const char *query, int limit,
                                struct xf_complaint_pick **rows, size_t *n,
                                struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    char *scope;
    int rc = picker_scope(ctx, &scope, err);
    if (!rc)
        rc = xf_store_complaint_pick_units(ctx->db, query, scope, limit, rows, n, err);
    free(scope);
    return rc;
}

int xf_complaint_pick_merge_target(const struct xf_ctx *ctx, const char *query, int64_t exclude_id,
                           int limit, struct xf_complaint_pick **rows, size_t *n,
                           struct xf_error *err)
{
    *rows = NULL;
    *n = 0;
    char *scope, *q = strdup(query ? query : ""), *phone = q ? strdup(q) : NULL;
    if (!phone) {
        free(q);
        return xf_err(err, XF_EIO, "", _("out of memory"));
    }
    /* As the list's search takes them: a code or a phone typed full-width
     * (１３９…); a phone written in groups (139 0000 1111, +86 139…) is
     * its digits, while the query stays as typed for codes and text
     * (2026-000282). */
    xf_text_halfwidth_if_ascii(q);
    xf_text_halfwidth_if_ascii(phone);
    char digits[XF_COMPLAINT_PHONE_MAX + 1];
    xf_search_phone_digits(phone, digits, sizeof digits);
    int rc = picker_scope(ctx, &scope, err);
    if (!rc)
        rc = xf_store_complaint_pick_merge_target(ctx->db, q, digits, exclude_id, scope, limit,
                                                  rows, n, err);
    free(scope);
    free(q);
    free(phone);
    return rc;
}

int xf_complaint_unit_label(const struct xf_ctx *ctx, int64_t unit_id, char **out,
                            struct xf_error *err)
{
    return xf_store_complaint_unit_label(ctx->db, unit_id, out, err);
}

int xf_complaint_unit_pick_label(const struct xf_ctx *ctx, int64_t unit_id, char **out,
                                 struct xf_error *err)
{
    return xf_store_complaint_unit_pick_label(ctx->db, unit_id, out, err);
}

int xf_complaint_post_label(const struct xf_ctx *ctx, int64_t post_id, char **out,
                            struct xf_error *err)
{
    return xf_store_complaint_post_label(ctx->db, post_id, out, err);
}

/* Who handed the complaint over in event e, and where, with the units
 * helping: "TS… was re-dispatched by 王芳 (wangfang) to X while you were
 * looking". NULL when e is no hand-over or out of memory. */
static char *handed_over_since(const struct xf_ctx *ctx, const struct xf_complaint *now,
                               const struct xf_complaint_event *e)
{
    bool re = strcmp(e->action, "redispatch") == 0 || strcmp(e->action, "rule_accept") == 0;
    if (!re && strcmp(e->action, "dispatch") != 0)
        return NULL;
    char who[160], *unit = NULL, *with = NULL, *out = NULL;
    struct xf_error ignored = {0};
    xf_ctx_person(ctx, e->actor, who, sizeof who);
    if (xf_complaint_unit_label(ctx, now->lead_unit_id, &unit, &ignored) != XF_OK)
        return NULL;
    const char *p = e->note ? e->note : "", *codes = "";
    size_t n = 0;
    if (take_codes(&p, WITH_KEY, &codes, &n))
        with = units_named(ctx->db, codes, n);
    int k = with ? asprintf(&out,
                            re ? _("%s was re-dispatched by %s to %s (co-handling units: %s) "
                                   "while you were looking")
                               : _("%s was dispatched by %s to %s (co-handling units: %s) "
                                   "while you were looking"),
                            now->code, who, unit, with)
                 : asprintf(&out,
                            re ? _("%s was re-dispatched by %s to %s while you were looking")
                               : _("%s was dispatched by %s to %s while you were looking"),
                            now->code, who, unit);
    if (k < 0)
        out = NULL;
    free(unit);
    free(with);
    return out;
}

int xf_complaint_check_step(const struct xf_ctx *ctx, int64_t id, int64_t seen, const char *step,
                            struct xf_error *err)
{
    struct xf_complaint now = {0};
    int rc = xf_complaint_get(ctx, id, &now, err);
    if (rc) {
        xf_complaint_clear(&now);
        return rc;
    }
    char label[64], what[96];
    snprintf(label, sizeof label, "complaint.%s", step);
    snprintf(what, sizeof what, _("complaint %s"), now.code);
    /* A change that does not matter to the step: the restore check stays. */
    if (now.version != seen && xfc_unrelated_since(ctx, label, id, seen))
        seen = now.version;
    xf_complaint_clear(&now);
    return xf_conflict_check(ctx, "complaint", id, seen, what, err);
}

int xf_complaint_check_seen(const struct xf_ctx *ctx, int64_t id, int64_t seen,
                            struct xf_error *err)
{
    struct xf_complaint now = {0};
    int rc = xf_complaint_get(ctx, id, &now, err);
    if (rc || now.version == seen) {
        xf_complaint_clear(&now);
        return rc;
    }
    /* The step that moved it on, not a note added since (a note leaves
     * the version alone). */
    struct xf_complaint_event *ev = NULL;
    size_t n = 0;
    struct xf_error ignored = {0};
    const struct xf_complaint_event *last = NULL;
    if (xf_complaint_events(ctx, id, false, &ev, &n, &ignored) == XF_OK)
        for (size_t i = n; i-- > 0 && !last;)
            if (ev[i].action && strcmp(ev[i].action, "note") != 0)
                last = &ev[i];
    char *said = last ? handed_over_since(ctx, &now, last) : NULL;
    if (said) {
        rc = xf_err(err, XF_ECONFLICT, "version", "%s", said);
    } else {
        char what[96];
        snprintf(what, sizeof what, _("complaint %s"), now.code);
        rc = xf_conflict_check(ctx, "complaint", id, seen, what, err);
        if (rc == XF_OK) /* moved on again between the two reads */
            rc = xf_err(err, XF_ECONFLICT, "version",
                        _("complaint %s was changed by someone else since you opened it"),
                        now.code);
    }
    free(said);
    xf_complaint_events_free(ev, n);
    xf_complaint_clear(&now);
    return rc;
}
