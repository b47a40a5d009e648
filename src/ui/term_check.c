/* Whether the terminal can show the interface at all. Apart from ui.c:
 * <term.h> defines macros (lines, columns, ...) that clash with ordinary
 * names. */
#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "layout.h"

/* A terminal that cannot place the cursor (TERM=dumb, or one terminfo
 * does not know) drew nothing but the status line: a blind session,
 * its quit question unseen. */
enum xf_term_fit xf_ui_term_fit(void)
{
    int err = 0;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
        return XF_TERM_UNKNOWN;
    const char *cup = tigetstr("cup");
    bool ok = cup && cup != (const char *)-1;
    del_curterm(cur_term);
    return ok ? XF_TERM_OK : XF_TERM_NO_CURSOR;
}
