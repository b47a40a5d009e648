/* The live key bindings, built from the XF_UI_ACTIONS table. */
#include "xf/ui_keys.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "xf/config.h"
#include "xf/i18n.h"
#include "xf/text.h"

struct action_info {
    const char *name;
    const char *label;
    const int *defaults;
    size_t n_defaults;
};

#define XF_UI_ACTION_KEYS(id, name, label, ...) static const int keys_##id[] = {__VA_ARGS__};
XF_UI_ACTIONS(XF_UI_ACTION_KEYS)
#undef XF_UI_ACTION_KEYS

#define XF_UI_ACTION_INFO(id, name, label, ...)                                            \
    [XF_A_##id] = {name, label, keys_##id, sizeof keys_##id / sizeof keys_##id[0]},
static const struct action_info actions[XF_A_COUNT] = {
    [XF_A_NONE] = {"none", "", NULL, 0},
    XF_UI_ACTIONS(XF_UI_ACTION_INFO)
};
#undef XF_UI_ACTION_INFO

struct binding {
    int key; /* an xf key code (xf/ui_input.h) */
    enum xf_action action;
};

enum { MAX_BINDINGS = 128 };
static struct binding bindings[MAX_BINDINGS];
static size_t n_bindings;

/* The table lists ncurses codes; function keys become xf codes so they
 * cannot collide with characters of the same value. */
static int table_key(int k)
{
    return k >= KEY_MIN && k <= KEY_MAX ? XF_FKEY(k) : k;
}

void xf_keys_init(void)
{
    n_bindings = 0;
    for (int a = 1; a < XF_A_COUNT; a++)
        for (size_t i = 0; i < actions[a].n_defaults; i++)
            xf_keys_bind(table_key(actions[a].defaults[i]), (enum xf_action)a);
}

enum xf_key_context xf_keys_context(enum xf_action a)
{
    switch (a) {
    case XF_A_AWARD_RANK:
    case XF_A_AWARD_CONFIRM:
    case XF_A_AWARD_DECLINE:
    case XF_A_AWARD_REOPEN:
    case XF_A_AWARD_PREV_YEAR:
    case XF_A_AWARD_NEXT_YEAR: return XF_KEYS_AWARDS;
    case XF_A_RAISE_COMPLAINT: return XF_KEYS_INSPECTION_DETAIL;
    default: return XF_KEYS_MAIN;
    }
}

static enum xf_action bound(int key, enum xf_key_context c)
{
    for (size_t i = 0; i < n_bindings; i++)
        if (bindings[i].key == key && xf_keys_context(bindings[i].action) == c)
            return bindings[i].action;
    return XF_A_NONE;
}

enum xf_action xf_keys_action(int key)
{
    return bound(key, XF_KEYS_MAIN);
}

enum xf_action xf_keys_action_in(int key, enum xf_key_context c)
{
    enum xf_action a = c == XF_KEYS_MAIN ? XF_A_NONE : bound(key, c);
    return a != XF_A_NONE ? a : bound(key, XF_KEYS_MAIN);
}

/* A key means one thing per context: binding it takes it from the action
 * of the same context that had it. */
int xf_keys_bind(int key, enum xf_action a)
{
    enum xf_key_context c = xf_keys_context(a);
    for (size_t i = 0; i < n_bindings; i++)
        if (bindings[i].key == key && xf_keys_context(bindings[i].action) == c) {
            bindings[i].action = a;
            return 0;
        }
    if (n_bindings == MAX_BINDINGS)
        return -1;
    bindings[n_bindings++] = (struct binding){key, a};
    return 0;
}

enum xf_action xf_keys_by_name(const char *name)
{
    for (int a = 1; a < XF_A_COUNT; a++)
        if (strcmp(actions[a].name, name) == 0)
            return (enum xf_action)a;
    return XF_A_NONE;
}

const char *xf_keys_name(enum xf_action a)
{
    return a > XF_A_NONE && a < XF_A_COUNT ? actions[a].name : "";
}

const char *xf_keys_label(enum xf_action a)
{
    return a > XF_A_NONE && a < XF_A_COUNT ? _(actions[a].label) : "";
}

static const struct {
    int code;
    const char *name;
} fkey_names[] = {
    {KEY_DOWN, "Down"},   {KEY_UP, "Up"},       {KEY_LEFT, "Left"},   {KEY_RIGHT, "Right"},
    {KEY_NPAGE, "PgDn"},  {KEY_PPAGE, "PgUp"},  {KEY_HOME, "Home"},   {KEY_END, "End"},
    {KEY_BTAB, "Shift-Tab"}, {KEY_ENTER, "Enter"}, {KEY_BACKSPACE, "Backspace"},
    {KEY_DC, "Delete"},   {KEY_IC, "Insert"},
};

static void fkey_name(int code, char *out, size_t size)
{
    for (size_t i = 0; i < sizeof fkey_names / sizeof fkey_names[0]; i++)
        if (fkey_names[i].code == code) {
            snprintf(out, size, "%s", fkey_names[i].name);
            return;
        }
    if (code >= KEY_F(1) && code <= KEY_F(63))
        snprintf(out, size, "F%d", code - KEY_F0);
    else
        snprintf(out, size, "%s", keyname(code) ? keyname(code) : "?");
}

void xf_keys_key_name(int key, char *out, size_t size)
{
    if (XF_IS_FKEY(key))
        fkey_name(XF_FKEY_CODE(key), out, size);
    else if (key == '\n' || key == '\r')
        snprintf(out, size, "%s", key == '\n' ? "Enter" : "Return");
    else if (key == XF_KEY_TAB)
        snprintf(out, size, "Tab");
    else if (key == XF_KEY_ESC)
        snprintf(out, size, "Esc");
    else if (key == ' ')
        snprintf(out, size, "Space");
    else if (key >= 0 && key < 32)
        snprintf(out, size, "Ctrl-%c", key + '@');
    else {
        char mb[5] = {0};
        xf_utf8_encode((unsigned)key, mb);
        snprintf(out, size, "%s", mb);
    }
}

void xf_keys_describe(enum xf_action a, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n_bindings; i++) {
        if (bindings[i].action != a || bindings[i].key == '\r')
            continue;
        char name[32];
        xf_keys_key_name(bindings[i].key, name, sizeof name);
        if (used && strstr(out, name)) /* Enter and keypad Enter */
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

static const struct {
    int code;
    const char *glyph;
} arrows[] = {{KEY_LEFT, "\u2190"}, {KEY_RIGHT, "\u2192"}, {KEY_UP, "\u2191"}, {KEY_DOWN, "\u2193"}};

static bool has_binding(int key, enum xf_action a)
{
    for (size_t i = 0; i < n_bindings; i++)
        if (bindings[i].key == key && bindings[i].action == a)
            return true;
    return false;
}

/* The hint's key into out; 2 when it is an arrow, 1 another key, 0 none. */
static int hint_key(enum xf_action a, int key, char *out, size_t size)
{
    int k = key && has_binding(table_key(key), a) ? table_key(key) : -1;
    for (size_t i = 0; k < 0 && i < n_bindings; i++)
        if (bindings[i].action == a && bindings[i].key != '\r')
            k = bindings[i].key;
    if (k < 0 || a == XF_A_NONE)
        return 0;
    for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++)
        if (k == XF_FKEY(arrows[i].code)) { /* hint lines show arrows as arrows */
            snprintf(out, size, "%s", arrows[i].glyph);
            return 2;
        }
    xf_keys_key_name(k, out, size);
    return 1;
}

bool xf_keys_hint_key(enum xf_action a, int key, char *out, size_t size)
{
    return hint_key(a, key, out, size) != 0;
}

const char *xf_keys_hint_name(enum xf_action a, int key, char *out, size_t size)
{
    if (!xf_keys_hint_key(a, key, out, size))
        xf_keys_key_name(table_key(key), out, size);
    return out;
}

void xf_keys_linked_note(char *out, size_t size, const char *what)
{
    char k[32];
    bool key = xf_keys_hint_key(XF_A_UNLINK, 'L', k, sizeof k);
    if (what && key)
        snprintf(out, size, _(" \u00b7 linked to %s (%s clears)"), what, k);
    else if (what)
        snprintf(out, size, _(" \u00b7 linked to %s"), what);
    else if (key)
        snprintf(out, size, _(" \u00b7 linked (%s clears)"), k);
    else
        snprintf(out, size, "%s", _(" \u00b7 linked"));
}

void xf_keys_hints(char *out, size_t size, const char *sep, const struct xf_hint *h, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char k1[32], k2[32] = "";
        int t1 = hint_key(h[i].a, h[i].key, k1, sizeof k1), t2 = 0;
        if (!t1 || (h[i].a2 != XF_A_NONE && !(t2 = hint_key(h[i].a2, h[i].key2, k2, sizeof k2))))
            continue;
        /* Two arrows read "←→", other pairs "[ ]". */
        const char *mid = !t2 || (t1 == 2 && t2 == 2) ? "" : " ";
        int w = snprintf(out + used, size - used, "%s%s%s%s %s", used ? sep : "", k1, mid, k2,
                         xf_gettext_ctx(h[i].label));
        if (w < 0 || (size_t)w >= size - used) {
            out[used] = '\0';
            break;
        }
        used += (size_t)w;
    }
}

int xf_keys_hints2(char *line, char *more, size_t size, const char *sep, const struct xf_hint *h,
                   size_t n, int width)
{
    size_t k = n;
    more[0] = '\0';
    xf_keys_hints(line, size, sep, h, n);
    while (xf_text_width(line) > width && k > 1) {
        k--;
        xf_keys_hints(line, size, sep, h, k);
        xf_keys_hints(more, size, sep, h + k, n - k);
    }
    return more[0] ? 2 : 1;
}

/* The inverse of xf_keys_key_name: "Down", "PgDn", "F5", "Ctrl-F", "Tab",
 * "Esc", "Space", "Enter" or one character. -1 when it is none of these. */
int xf_keys_parse(const char *name)
{
    for (size_t i = 0; i < sizeof fkey_names / sizeof fkey_names[0]; i++)
        if (strcasecmp(fkey_names[i].name, name) == 0)
            return XF_FKEY(fkey_names[i].code);
    static const struct {
        const char *name;
        int key;
    } named[] = {{"Tab", XF_KEY_TAB}, {"Esc", XF_KEY_ESC}, {"Space", ' '}, {"Return", '\r'}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcasecmp(named[i].name, name) == 0)
            return named[i].key;
    if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
        char *end;
        long n = strtol(name + 1, &end, 10);
        return *end == '\0' && n >= 1 && n <= 63 ? XF_FKEY(KEY_F((int)n)) : -1;
    }
    if (strncasecmp(name, "Ctrl-", 5) == 0 && name[5] && !name[6]) {
        int c = toupper((unsigned char)name[5]);
        return c >= '@' && c <= '_' ? c - '@' : -1;
    }
    unsigned cp;
    size_t len = strlen(name), used = xf_utf8_decode(name, len, &cp);
    return len > 0 && used == len && cp != 0xFFFD && cp >= 32 && cp != 127 ? (int)cp : -1;
}

static bool has_any_key(enum xf_action a)
{
    for (size_t i = 0; i < n_bindings; i++)
        if (bindings[i].action == a)
            return true;
    return false;
}

/* Why binding k cannot be, or NULL. */
static const char *refusal(enum xf_action a, int key)
{
    /* The terminal takes these (interrupt, quit, suspend) before the
     * program sees them: bound, they would do nothing. */
    bool terminal_key = key == XF_CTRL('C') || key == XF_CTRL('\\') || key == XF_CTRL('Z');
    return a == XF_A_NONE ? _("no such action (the sample configuration and the ? help list "
                              "them)")
           : key < 0      ? _("not a key name such as j, Ctrl-F, PgDn, F5")
           : terminal_key ? _("the terminal takes this key (interrupt, quit, suspend) before "
                              "xianfeng sees it; choose another")
                          : NULL;
}

/* Enter is one key to the user, three codes to the terminal (Return,
 * line feed, the keypad's Enter): "Enter" took the keypad's alone, and
 * Ctrl-M took Return from the action the help still said had it. */
static bool is_enter_code(int key)
{
    return key == '\r' || key == '\n' || key == XF_FKEY(KEY_ENTER);
}

/* Binds key to a, Enter's three codes together; *took gets the action it
 * was taken from. */
static int bind_key(int key, enum xf_action a, enum xf_action *took)
{
    static const int enter[] = {'\r', '\n', XF_FKEY(KEY_ENTER)};
    *took = bound(key, xf_keys_context(a));
    if (!is_enter_code(key))
        return xf_keys_bind(key, a);
    for (size_t i = 0; i < sizeof enter / sizeof enter[0]; i++)
        if (xf_keys_bind(enter[i], a) != 0)
            return -1;
    return 0;
}

/* The line of an earlier binding of this configuration that gave key to
 * another action of the same context, or 0: the later one won unsaid. */
static int bound_before(const struct xf_config *cfg, size_t upto, int key, enum xf_action a)
{
    for (size_t j = 0; j < upto; j++) {
        const struct xf_keybind *o = &cfg->keys[j];
        enum xf_action oa = xf_keys_by_name(o->action);
        int ok = xf_keys_parse(o->key);
        if (oa != a && xf_keys_context(oa) == xf_keys_context(a) &&
            (ok == key || (is_enter_code(ok) && is_enter_code(key))))
            return o->line > 0 ? o->line : 1;
    }
    return 0;
}

int xf_keys_apply_config(const struct xf_config *cfg, struct xf_error *err)
{
    /* Which action each binding took its key from, to find one left with
     * no key at all once every binding is made (help = "q" left no way
     * back). */
    enum xf_action *took = calloc(cfg->n_keys + 1, sizeof *took);
    if (!took)
        return xf_err(err, XF_EIO, "", _("out of memory"));
    int rc = XF_OK;
    for (size_t i = 0; i < cfg->n_keys && !rc; i++) {
        const struct xf_keybind *k = &cfg->keys[i];
        enum xf_action a = xf_keys_by_name(k->action);
        int key = xf_keys_parse(k->key);
        const char *why = refusal(a, key);
        int line = why ? 0 : bound_before(cfg, i, key, a);
        if (line)
            rc = xf_config_err(err, k->file, k->line,
                               _("keys.%s = \"%s\": line %d binds that key already; a key does "
                                 "one thing"),
                               k->action, k->key, line);
        else if (!why && bind_key(key, a, &took[i]) != 0)
            why = _("too many key bindings");
        if (why)
            rc = xf_config_err(err, k->file, k->line, "keys.%s = \"%s\": %s", k->action, k->key,
                               why);
    }
    for (size_t i = 0; i < cfg->n_keys && !rc; i++) {
        const struct xf_keybind *k = &cfg->keys[i];
        if (took[i] != XF_A_NONE && !has_any_key(took[i]))
            rc = xf_config_err(err, k->file, k->line,
                               _("keys.%s = \"%s\": that is the only key of %s (%s); give "
                                 "%s another key as well, or choose another"),
                               k->action, k->key, xf_keys_name(took[i]), xf_keys_label(took[i]),
                               xf_keys_name(took[i]));
    }
    free(took);
    return rc;
}

int xf_keys_check_config(const struct xf_config *cfg, struct xf_error *err)
{
    xf_keys_init();
    int rc = xf_keys_apply_config(cfg, err);
    xf_keys_init();
    return rc;
}
