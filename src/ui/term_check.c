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
bool xf_ui_term_can_draw(void)
{
    int err = 0;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
        return false;
    const char *cup = tigetstr("cup");
    bool ok = cup && cup != (const char *)-1;
    del_curterm(cur_term);
    return ok;
}
