/* xianfeng: the Party member pioneer post console. */
#include <libgen.h>
#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xf/cli.h"
#include "xf/i18n.h"
#include "xf/ui.h"
#include "xf/ui_keys.h"

/* A server where the user's locale was never generated would make
 * setlocale fail and ncurses draw CJK as garbage: fall back to C.UTF-8 for
 * character handling; gettext still picks the catalogue from LANGUAGE. */
/* Catalogues next to the binary (build/locale, for `make run` and tests)
 * win; then those of the prefix the binary is installed in
 * (PREFIX/bin/xianfeng -> PREFIX/share/locale), so `make install
 * PREFIX=...` works whatever PREFIX the build had; then the build's. */
static bool holds_catalogue(const char *dir)
{
    char mo[PATH_MAX + 64];
    snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/xianfeng.mo", dir);
    return access(mo, R_OK) == 0;
}

static void bind_catalogues(void)
{
    char exe[PATH_MAX], dir[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        const char *bin = dirname(exe);
        /* Not merely a "locale" there: /usr/bin/locale is glibc's program. */
        snprintf(dir, sizeof dir, "%s/locale", bin);
        if (holds_catalogue(dir)) {
            bindtextdomain("xianfeng", dir);
            return;
        }
        snprintf(dir, sizeof dir, "%s/../share/locale", bin);
        if (holds_catalogue(dir)) {
            bindtextdomain("xianfeng", dir);
            return;
        }
    }
    bindtextdomain("xianfeng", XF_LOCALEDIR);
}

static void init_locale(void)
{
    if (!setlocale(LC_ALL, "")) {
        /* Keep the language the user asked for: gettext reads LANGUAGE
         * even under C.UTF-8. */
        const char *want = getenv("LC_ALL");
        if (!want || !*want)
            want = getenv("LC_MESSAGES");
        if (!want || !*want)
            want = getenv("LANG");
        const char *language = getenv("LANGUAGE");
        if (want && *want && (!language || !*language)) { /* empty counts as unset */
            char lang[64];
            snprintf(lang, sizeof lang, "%.*s", (int)strcspn(want, ".@"), want);
            setenv("LANGUAGE", lang, 1);
        }
        if (!setlocale(LC_ALL, "C.UTF-8"))
            setlocale(LC_ALL, "C");
    } else if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
        /* An SSH session with no LANG gets the C locale, where ncurses
         * would draw Chinese as garbage: the data is UTF-8 whatever the
         * locale, so characters are handled as UTF-8. */
        setlocale(LC_CTYPE, "C.UTF-8");
    }
    /* gettext ignores LANGUAGE when the messages' locale is "C" itself:
     * interface.language = "zh_CN" was lost in an SSH session with no
     * LANG (C.UTF-8 speaks English as C does, but lets LANGUAGE choose). */
    const char *msgs = setlocale(LC_MESSAGES, NULL);
    if (msgs && (strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0))
        setlocale(LC_MESSAGES, "C.UTF-8");
    bind_catalogues();
    bind_textdomain_codeset("xianfeng", "UTF-8");
    textdomain("xianfeng");
}

/* Times are stored as the server's local time, and everyone's entries sort
 * and compare together only if they are one zone: a TZ in one user's
 * profile (or a cron job's) put their history hours ahead of everyone
 * else's. The server's own zone (/etc/localtime) is used. */
static void server_time_zone(void)
{
    unsetenv("TZ");
    tzset();
}

/* A file size limit (ulimit -f, a cron job's limits.conf) kills a process
 * that writes past it with SIGXFSZ: a backup or restore died midway and
 * left its partial file for the next night's run to trip over, an import
 * died after its commit, the interface lost the terminal. Ignored, the
 * write fails with EFBIG instead, and every writer already handles a
 * failed write: it says so, removes what it began and exits 1. */
static void file_size_limit_fails_writes(void)
{
    signal(SIGXFSZ, SIG_IGN);
}

int main(int argc, char **argv)
{
    file_size_limit_fails_writes();
    server_time_zone();
    init_locale();
    xf_session_set_config_check(xf_keys_check_config);
    int want_ui = 0;
    struct xf_front_opts ui = {0};
    int rc = xf_cli_main(argc, argv, &ui, &want_ui);
    return want_ui ? xf_ui_main(&ui) : rc;
}
