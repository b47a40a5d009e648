/* xianfeng: the Party member pioneer post console. */
#include <locale.h>
#include <stdio.h>

#include "xf/cli.h"
#include "xf/i18n.h"

/* A server where the user's locale was never generated would make
 * setlocale fail and ncurses draw CJK as garbage: fall back to C.UTF-8 for
 * character handling; gettext still picks the catalogue from LANGUAGE. */
static void init_locale(void)
{
    if (!setlocale(LC_ALL, "") && !setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C");
    bindtextdomain("xianfeng", XF_LOCALEDIR);
    bind_textdomain_codeset("xianfeng", "UTF-8");
    textdomain("xianfeng");
}

int main(int argc, char **argv)
{
    init_locale();
    int want_ui = 0;
    int rc = xf_cli_main(argc, argv, &want_ui);
    if (want_ui) {
        fprintf(stderr, "%s\n",
                _("xianfeng: the full-screen interface is not built yet; see 'xianfeng --help' "
                  "for the commands"));
        return XF_EXIT_USAGE;
    }
    return rc;
}
