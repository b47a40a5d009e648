/* The interface's action table: one X-macro list gives the action enum, the
 * names a config file will use to rebind keys, the default keys and the
 * labels of the `?` help screen, so the three can never drift apart. */
#ifndef XF_UI_KEYS_H
#define XF_UI_KEYS_H
#include "xf/error.h"
#include <stdbool.h>
#include <stddef.h>

#define XF_CTRL(c) ((c) & 0x1f)
#define XF_KEY_ESC 27
#define XF_KEY_TAB 9
/* Ctrl-\ typed: the terminal sends SIGQUIT, handed on as this key. */
#define XF_KEY_QUIT_TYPED XF_CTRL('\\')
/* A line break inside pasted text (xf_ui_read_text_key): above Unicode,
 * below the function keys. */
#define XF_KEY_PASTE_NL 0x1FFFFF
/* Keys are ints: characters as their code point, ncurses function keys
 * (get_wch's KEY_CODE_YES) offset above Unicode so they never collide. */
#define XF_FKEY(k) (0x200000 + (k))
#define XF_IS_FKEY(k) ((k) >= 0x200000)
#define XF_FKEY_CODE(k) ((k) - 0x200000)

/* X(ID, "name", label, default keys...). Keys are ncurses key codes or
 * characters; labels are marked for translation and translated when shown. */
#define XF_UI_ACTIONS(X)                                                                  \
    X(DOWN, "down", N_("next row"), KEY_DOWN, 'j')                                        \
    X(UP, "up", N_("previous row"), KEY_UP, 'k')                                          \
    X(LEFT, "left", N_("left; previous column of panes"), KEY_LEFT, 'h')                 \
    X(RIGHT, "right", N_("right; next column of panes"), KEY_RIGHT, 'l')                 \
    X(PAGE_DOWN, "page-down", N_("next page"), KEY_NPAGE, XF_CTRL('F'))                  \
    X(PAGE_UP, "page-up", N_("previous page"), KEY_PPAGE, XF_CTRL('B'))                  \
    X(HOME, "home", N_("first row"), KEY_HOME, 'g')                                       \
    X(END, "end", N_("last row"), KEY_END, 'G')                                           \
    X(NEXT_PANE, "next-pane", N_("next pane"), XF_KEY_TAB)                               \
    X(PREV_PANE, "prev-pane", N_("previous pane"), KEY_BTAB)                             \
    X(PANE_1, "pane-1", N_("pane 1 (Overview)"), '1')                                    \
    X(PANE_2, "pane-2", N_("pane 2 (Posts)"), '2')                                       \
    X(PANE_3, "pane-3", N_("pane 3 (Pledge progress)"), '3')                             \
    X(PANE_4, "pane-4", N_("pane 4 (Complaints)"), '4')                                  \
    X(PANE_5, "pane-5", N_("pane 5 (Inspections)"), '5')                                 \
    X(PANE_6, "pane-6", N_("pane 6 (Evaluations)"), '6')                                 \
    X(DETAIL, "detail",                                                                  \
      N_("open the selected record (on the Overview: the list behind a figure)"), '\n',  \
      '\r', KEY_ENTER)                                                                   \
    X(BACK, "back",                                                                       \
      N_("back; Esc first clears a list's search, then its filter; q quits from the top "   \
         "level"),                                                                          \
      XF_KEY_ESC, 'q')                                                                      \
    X(SEARCH, "search", N_("search"), '/')                                                \
    X(FILTER, "filter", N_("filter"), 'f')                                                \
    X(SORT, "sort", N_("change the sort order"), 's')                                     \
    X(UNLINK, "unlink", N_("stop narrowing panes to the selected unit or post"), 'L')    \
    X(HELP, "help", N_("this help"), '?', KEY_F(1))                                       \
    X(REDRAW, "redraw", N_("redraw the screen"), XF_CTRL('L'))                           \
    X(NEW, "new", N_("new record"), 'n')                                                 \
    X(EDIT, "edit", N_("edit the record, or correct an inspection you logged"), \
      'e')                                                                                  \
    X(POST_PUBLISH, "post-publish", N_("Posts: publish the notice"), 'P')                 \
    X(POST_NAME, "post-name", N_("Posts: name the post"), 'N')                            \
    X(POST_REVOKE, "post-revoke", N_("Posts: revoke the post"), 'R')                      \
    X(COMPLAINT_ACTIONS, "complaint-actions",                                             \
      N_("Complaints: actions on the selected complaint"), 'a')                          \
    X(RECTIFY, "rectify",                                                                 \
      N_("Inspections: order a rectification for a passed check's failed items; "       \
         "report it done, or verify it"),                                                  \
      'r')                                                                                 \
    X(EXPAND, "expand", N_("Pledge progress: expand the selected unit"), '+')         \
    X(COLLAPSE, "collapse", N_("Pledge progress: collapse the selected unit"), '-')   \
    X(PLEDGE_MEMBERS, "pledge-members", N_("Pledge progress: members of the unit"), 'm') \
    X(PLEDGE_KEEP, "pledge-keep", N_("Pledge progress: mark the pledge kept"), 'K')   \
    X(PLEDGE_WITHDRAW, "pledge-withdraw", N_("Pledge progress: withdraw the pledge"), 'W') \
    X(PROJECTS, "projects", N_("Posts: key projects and their posts (the project-post map)"), \
      'M')                                                                                  \
    X(IMPROVEMENTS, "improvements", N_("Overview: the service improvements"), 'I')          \
    X(AWARDS, "awards", N_("Evaluations: the annual awards (ranking and decisions)"), 'A') \
    X(HISTORY, "history", N_("history of the selected record"), 'H')                    \
    X(AWARD_RANK, "award-rank", N_("Awards: rank the year's candidates"), 'r')           \
    X(AWARD_CONFIRM, "award-confirm", N_("Awards: confirm the candidate"), 'c')         \
    X(AWARD_DECLINE, "award-decline", N_("Awards: decline the candidate"), 'x')         \
    X(AWARD_REOPEN, "award-reopen", N_("Awards: take back a confirmation or a decline"), 'u') \
    X(AWARD_PREV_YEAR, "award-previous-year", N_("Awards: the year before"), '[')       \
    X(AWARD_NEXT_YEAR, "award-next-year", N_("Awards: the year after"), ']')            \
    X(RAISE_COMPLAINT, "raise-complaint",                                                 \
      N_("Inspection detail: raise a complaint from a failed check"), 'c')             \
    X(PANE_7, "pane-7", N_("pane 7 (History, for administrators)"), '7')

#define XF_UI_ACTION_ENUM(id, name, label, ...) XF_A_##id,
enum xf_action {
    XF_A_NONE = 0,
    XF_UI_ACTIONS(XF_UI_ACTION_ENUM) XF_A_COUNT
};
#undef XF_UI_ACTION_ENUM

/* Where an action applies: most everywhere; the modal views' own keys
 * only there, so they may reuse keys the panes use for something else
 * (`r` ranks in the awards and reports a rectification in Inspections). */
enum xf_key_context { XF_KEYS_MAIN, XF_KEYS_AWARDS, XF_KEYS_INSPECTION_DETAIL };
enum xf_key_context xf_keys_context(enum xf_action a);
/* The action key is bound to in context: that context's own first, else
 * the main one (XF_A_NONE when neither). */
enum xf_action xf_keys_action_in(int key, enum xf_key_context c);

/* Resets the bindings to the defaults of the table. */
void xf_keys_init(void);
/* The action bound to key in the main context (XF_A_NONE when unbound). */
enum xf_action xf_keys_action(int key);
/* Binds key to a (XF_A_NONE unbinds it); for config overrides. Returns -1
 * when the binding table is full. */
int xf_keys_bind(int key, enum xf_action a);
/* The action called name ("page-down"), XF_A_NONE when there is none. */
enum xf_action xf_keys_by_name(const char *name);
const char *xf_keys_name(enum xf_action a);
/* Translated label of a. */
const char *xf_keys_label(enum xf_action a);
/* Writes the keys now bound to a ("PgDn, Ctrl-F") into out; "" when none. */
void xf_keys_describe(enum xf_action a, char *out, size_t size);
/* The key code named name ("Down", "Ctrl-F", "F5", "Tab", "j"); -1 when
 * it names no key. */
int xf_keys_parse(const char *name);
/* Applies the config's keys group on top of the defaults; XF_ECONFIG with
 * file, line and what is wrong for an unknown action or key name. */
struct xf_config;
int xf_keys_apply_config(const struct xf_config *cfg, struct xf_error *err);
/* The same check, leaving the bindings at their defaults. */
int xf_keys_check_config(const struct xf_config *cfg, struct xf_error *err);
/* A short printable name for one key code ("Down", "Ctrl-L", "j"). */
void xf_keys_key_name(int key, char *out, size_t size);

/* One entry of a hint line, "e edit": the key shown is `key` (a default
 * of the table, as written there: 'q', KEY_LEFT) while it is still bound
 * to a, else the first key now bound to a; an action with no key is left
 * out, and XF_A_NONE skips the entry. A second action (a2, key2) pairs
 * two keys under one label: "←→ category". label is marked N_(). */
struct xf_hint {
    enum xf_action a;
    int key;
    const char *label;
    enum xf_action a2;
    int key2;
};
/* Writes the hints joined by sep into out ("" when none applies), so a
 * footer names the keys the config bound, not the defaults. */
void xf_keys_hints(char *out, size_t size, const char *sep, const struct xf_hint *h, size_t n);
/* The same over two lines when one is wider than width cells, broken
 * between two hints (more "" when one will do); returns the lines, 1 or
 * 2. A footer that loses none of its keys at 80 columns. */
int xf_keys_hints2(char *line, char *more, size_t size, const char *sep, const struct xf_hint *h,
                   size_t n, int width);
/* The key a hint names for a (as above) into out; false when a has none. */
bool xf_keys_hint_key(enum xf_action a, int key, char *out, size_t size);
/* The same for a message ("P publishes it"): the default's name when a
 * has no key at all. Returns out (32 bytes suffice). */
const char *xf_keys_hint_name(enum xf_action a, int key, char *out, size_t size);
/* " · linked to WHAT (L clears)" with the key now bound to unlink, for
 * the title of a pane narrowed to another pane's unit or post (WHAT may
 * be NULL: " · linked (L clears)"). */
void xf_keys_linked_note(char *out, size_t size, const char *what);

#endif
