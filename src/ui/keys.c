/* The live key bindings, built from the XF_UI_ACTIONS table. */
#include "xf/ui_keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

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

enum xf_action xf_keys_action(int key)
{
    for (size_t i = 0; i < n_bindings; i++)
        if (bindings[i].key == key)
            return bindings[i].action;
    return XF_A_NONE;
}

int xf_keys_bind(int key, enum xf_action a)
{
    for (size_t i = 0; i < n_bindings; i++)
        if (bindings[i].key == key) {
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
