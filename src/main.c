/* xianfeng: the Party member pioneer post console. */
#include <locale.h>

#include "xf/cli.h"
#include "xf/i18n.h"
#include "xf/ui.h"

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
    struct xf_front_opts ui = {0};
    int rc = xf_cli_main(argc, argv, &ui, &want_ui);
    return want_ui ? xf_ui_main(&ui) : rc;
}
