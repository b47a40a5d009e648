/* The interface's main loop: keys to actions, two-stage dispatch (focused
 * pane first, then the global handler), live refresh and one doupdate()
 * per pass. */
#include "xf/ui.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wctype.h>

#include "layout.h"
#include "xf/cli.h"
#include "xf/complaint.h"
#include "xf/unit.h"
#include "xf/date.h"
#include "xf/history.h"
#include "xf/i18n.h"
#include "xf/restore.h"
#include "xf/text.h"
#include "xf/ui_draw.h"
#include "xf/ui_form.h"
#include "xf/ui_list.h"

enum { POLL_MS = 250, MESSAGE_SECONDS = 6, LINK_REST_MS = 120, WRITE_WAIT_TELL_MS = 300 };

/* The framework's bookkeeping per pane, beside struct xf_pane (the panes'
 * contract). Panes open when first shown, not at start; a commit re-reads
 * only the panes on screen and marks the others stale, re-read when shown;
 * a link reaches a hidden pane when it is shown, and a shown pane once the
 * cursor that moved the link has rested for LINK_REST_MS, so moving along
 * a source list costs no query in the panes beside it. */
struct pane_lazy {
    bool tried;        /* .open has run; p->opened says whether it worked */
    bool stale;        /* data changed while it was off screen */
    bool link_pending; /* ui->link_unit/post not yet given to .link */
    bool was_shown;    /* on screen at the last pass */
    bool after_form;   /* data changed under a form it opened: re-read once handled */
};
static struct pane_lazy *lazy; /* one per ui->panes entry */
static double link_due_ms;     /* when pending links of shown panes apply; 0 = none */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t forms_open; /* xf_ui_form_enter depth */
static unsigned form_epoch;              /* first forms opened so far */
static volatile sig_atomic_t in_modal;   /* reading keys for a window over the panes */
static WINDOW *top_input;                /* where the panes' keys are read */
static volatile sig_atomic_t interrupted; /* Ctrl-C in a form, not yet read */
static volatile sig_atomic_t stop_typed;  /* the stop was Ctrl-C typed: a quit key */
static volatile sig_atomic_t quit_typed;  /* Ctrl-\ typed at the panes, not yet read */

/* Whether the signal came from the keyboard (the tty's driver sends it
 * from the kernel), not from kill(1). */
static bool typed_signal(const siginfo_t *info)
{
#ifdef SI_KERNEL
    return info && info->si_code == SI_KERNEL;
#else
    return info && info->si_code != SI_USER;
#endif
}

/* Ctrl-C typed in a form (the terminal's SIGINT comes from the kernel)
 * is taken as Esc; a SIGINT sent with kill(1) still stops the program.
 * Ctrl-\ typed (SIGQUIT) is taken the same way: it sits beside Enter and
 * Backspace, and ended the program at once, the form's entries lost; at
 * the panes it asks what q asks. */
static void on_signal(int sig, siginfo_t *info, void *uctx)
{
    (void)uctx;
    bool typed = typed_signal(info) && (sig == SIGINT || sig == SIGQUIT);
    if (typed && (forms_open > 0 || in_modal))
        interrupted = 1;
    else if (typed && sig == SIGQUIT)
        quit_typed = 1; /* a slip of the finger more often than a wish: asked as q is */
    else {
        stop_typed = typed;
        stop_signal = sig;
    }
}

void xf_ui_form_enter(void)
{
    if (forms_open++ == 0)
        form_epoch++;
}

void xf_ui_form_leave(void)
{
    if (forms_open > 0)
        forms_open--;
    if (forms_open == 0)
        interrupted = 0; /* a Ctrl-C during the last save: nothing to cancel now */
}

unsigned xf_ui_form_epoch(void)
{
    return forms_open > 0 ? form_epoch : 0;
}

/* Ctrl-C in a form is Esc: a half-typed complaint is not thrown away
 * without the question Esc asks. */
static bool take_interrupt(int *key)
{
    if (quit_typed && !in_modal && forms_open == 0) {
        quit_typed = 0;
        *key = XF_KEY_QUIT_TYPED;
        return true;
    }
    if (!interrupted)
        return false;
    interrupted = 0;
    *key = XF_KEY_ESC;
    return true;
}

bool xf_ui_stopping(void)
{
    return stop_signal != 0;
}

/* No SA_RESTART: a signal must wake get_wch so the loop can leave. */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Ctrl-S submits forms, so flow control must not swallow it. */
static void no_flow_control(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag &= (tcflag_t)~IXON;
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
        def_prog_mode();
    }
}

/* ---- crashes ---------------------------------------------------------------- */

/* A crash (or kill -QUIT, or kill -SEGV) must not leave the user's terminal on
 * the alternate screen, cursor hidden, mouse reporting on and echo off.
 * Curses is not async-signal-safe, so what endwin() would send is captured
 * once the screen is up and the handler only write()s it and puts the tty
 * modes back with tcsetattr(), both async-signal-safe; then the process
 * dies of the signal as it would have (exit status, core dump). */
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
enum { N_CRASH = sizeof crash_signals / sizeof crash_signals[0] };
static struct sigaction crash_old[N_CRASH];
static struct termios crash_tty;    /* the tty as the shell had it */
static bool crash_tty_ok;
static char *crash_reset;           /* the terminal's reset strings */
static size_t crash_reset_len;
static volatile sig_atomic_t crash_armed;

static void crash_save_tty(void)
{
    crash_tty_ok = tcgetattr(STDIN_FILENO, &crash_tty) == 0;
}

static bool cap_ok(const char *s)
{
    return s && s != (const char *)-1 && *s;
}

/* ncurses turns mouse reporting off with XM, or the xterm default it uses
 * when the terminal has kmous but no XM. */
static const char *mouse_off(void)
{
    const char *xm = tigetstr("XM"), *km = tigetstr("kmous");
    if (!cap_ok(xm)) {
        if (!cap_ok(km))
            return NULL;
        xm = strncmp(km, "\033[<", 3) == 0 ? "\033[?1006;1000%?%p1%{1}%=%th%el%;"
                                            : "\033[?1000%?%p1%{1}%=%th%el%;";
    }
    return tiparm(xm, 0);
}

/* Appends s without its padding ("$<5>"), which only curses interprets. */
static size_t append_cap(char *out, size_t n, const char *s)
{
    for (; cap_ok(s) && *s; s++) {
        const char *end = s[0] == '$' && s[1] == '<' ? strchr(s, '>') : NULL;
        if (end)
            s = end;
        else
            out[n++] = *s;
    }
    return n;
}

/* In endwin()'s order: attributes and colours off, cursor shown, keypad
 * and mouse modes off, back to the main screen. CAN first ends any escape
 * sequence the crash cut in half. */
static void capture_reset(void)
{
    char *caps[] = {tigetstr("sgr0"), tigetstr("op"),    tigetstr("cnorm"), tigetstr("rmkx"),
                    NULL,             "\033[?2004l", tigetstr("rmcup")};
    size_t n_caps = sizeof caps / sizeof caps[0], len = 1;
    const char *mouse = mouse_off();
    char *mouse_copy = cap_ok(mouse) ? strdup(mouse) : NULL; /* tiparm's buffer is reused */
    caps[4] = mouse_copy;
    for (size_t i = 0; i < n_caps; i++)
        len += cap_ok(caps[i]) ? strlen(caps[i]) : 0;
    free(crash_reset);
    crash_reset = malloc(len);
    crash_reset_len = 0;
    if (crash_reset) {
        crash_reset[crash_reset_len++] = '\030';
        for (size_t i = 0; i < n_caps; i++)
            crash_reset_len = append_cap(crash_reset, crash_reset_len, caps[i]);
    }
    free(mouse_copy);
}

static void on_alarm(int sig)
{
    (void)sig; /* only interrupts a write the terminal does not take */
}

/* A terminal that takes nothing (a stalled SSH link) must not keep a
 * crashing process alive: the write gives up after a second. */
static void crash_write_reset(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    const char *p = crash_reset;
    size_t left = crash_reset ? crash_reset_len : 0;
    while (left > 0) {
        ssize_t w = write(STDOUT_FILENO, p, left);
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
    alarm(0);
}

static void on_crash(int sig, siginfo_t *info, void *uctx)
{
    int saved_errno = errno;
    /* Ctrl-\ typed is a quit key, as Ctrl-C is; kill -QUIT still dumps. */
    if (sig == SIGQUIT && typed_signal(info)) {
        on_signal(sig, info, uctx);
        errno = saved_errno;
        return;
    }
    if (crash_armed) {
        crash_armed = 0;
        crash_write_reset();
        if (crash_tty_ok)
            tcsetattr(STDIN_FILENO, TCSANOW, &crash_tty);
    }
    int k = 0;
    while (k < N_CRASH - 1 && crash_signals[k] != sig)
        k++;
    bool fault = sig != SIGABRT && sig != SIGQUIT && info && info->si_code > 0;
    if (fault) {
        /* A real fault: whoever had it before (a sanitizer's report, or
         * the default) gets it when the instruction faults again. */
        sigaction(sig, &crash_old[k], NULL);
    } else {
        /* Sent (kill, abort(), the keyboard): die of it on return. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
    errno = saved_errno;
}

static void catch_crashes(void)
{
    capture_reset();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    for (int k = 0; k < N_CRASH; k++)
        sigaction(crash_signals[k], &sa, &crash_old[k]);
    crash_armed = 1;
}

/* Before endwin(): from there on the terminal is restored the usual way. */
static void crash_disarm(void)
{
    crash_armed = 0;
    free(crash_reset);
    crash_reset = NULL;
}

/* Bracketed paste: the terminal wraps pasted text in ESC [200~ ... ESC
 * [201~, which ncurses reports as two key codes of our choosing. */
static int paste_begin, paste_end;
static bool pasting;
static double paste_seen_ms; /* when the paste last brought a key */

enum { PASTE_SILENCE_MS = 3000 };

static int free_key_code(int from)
{
    for (int code = from; code < from + 200; code++)
        if (!keybound(code, 0))
            return code;
    return 0;
}

static void paste_mode(bool on)
{
    if (on && !paste_begin) {
        paste_begin = free_key_code(KEY_MAX + 300);
        paste_end = paste_begin ? free_key_code(paste_begin + 1) : 0;
        if (!paste_end || define_key("\033[200~", paste_begin) != OK ||
            define_key("\033[201~", paste_end) != OK) {
            paste_begin = paste_end = 0;
            return;
        }
    }
    if (paste_begin) {
        putp(on ? "\033[?2004h" : "\033[?2004l");
        fflush(stdout);
    }
}

/* Ctrl-Z: ncurses' own handler leaves and restores the screen but knows
 * nothing of bracketed paste, which the shell must not get while we are
 * stopped and we need back after `fg`. write() is async-signal-safe. */
static struct sigaction curses_tstp;

static void on_tstp(int sig)
{
    static const char off[] = "\033[?2004l", on[] = "\033[?2004h";
    ssize_t w = write(STDOUT_FILENO, off, sizeof off - 1);
    if (curses_tstp.sa_handler != SIG_DFL && curses_tstp.sa_handler != SIG_IGN &&
        !(curses_tstp.sa_flags & SA_SIGINFO)) {
        curses_tstp.sa_handler(sig);
    } else {
        signal(SIGTSTP, SIG_DFL);
        raise(SIGTSTP); /* stops here until SIGCONT */
        signal(SIGTSTP, on_tstp);
    }
    w = write(STDOUT_FILENO, on, sizeof on - 1);
    (void)w;
}

static void paste_survives_suspend(void)
{
    if (!paste_begin)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tstp;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGTSTP, &sa, &curses_tstp) != 0)
        curses_tstp.sa_handler = SIG_DFL;
}

static void screen_start(struct xf_ui *ui)
{
    crash_save_tty();
    /* The terminal says its size: LINES and COLUMNS exported by a login
     * script fixed the layout at theirs through every resize. */
    unsetenv("LINES");
    unsetenv("COLUMNS");
    initscr();
    cbreak();
    noecho();
    nonl();
    curs_set(0);
    /* Esc answers quickly; a slow link whose arrow keys arrive split can
     * set ESCDELAY (milliseconds) longer, as for any curses program. */
    if (!getenv("ESCDELAY"))
        set_escdelay(40);
    no_flow_control();
    xf_draw_init();
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    /* Keys are read from a pad: wgetch on a pad never refreshes it, so the
     * reader cannot paint a blank over the tab bar. */
    ui->inwin = newpad(1, 1);
    top_input = ui->inwin;
    keypad(ui->inwin, TRUE);
    wtimeout(ui->inwin, POLL_MS);
    paste_mode(true);
    paste_survives_suspend();
    catch_crashes();
    /* ncurses 6.4 writes to the terminal after every cursor movement of an
     * update until the screen has once been left and taken back (its
     * "not yet initialised" state, meant for terminfo-level programs): a
     * page at 200x50 went out in 120 writes, each a system call and a
     * wake-up of the terminal's reader (sshd). Leaving and resuming before
     * anything is drawn ends that state: one write per update. */
    endwin();
    doupdate();
}

/* Ctrl-C over a menu, a detail or the help closes it, as Esc does; only
 * at the panes does it end the program. */
/* Escape sequences inside pasted text (copied from a terminal: colours,
 * titles) are dropped whole, not just their ESC: "\e[31m红" is "红", not
 * "[31m红". The state of the sequence being dropped: */
enum esc_state { ESC_NONE, ESC_START, ESC_CSI, ESC_STRING, ESC_STRING_ESC };
static enum esc_state paste_esc;

/* Whether pasted character k belongs to an escape sequence (dropped). */
static bool paste_swallow(int k)
{
    switch (paste_esc) {
    case ESC_NONE:
        if (k != 0x1b && k != 0x9b)
            return false;
        paste_esc = k == 0x9b ? ESC_CSI : ESC_START;
        return true;
    case ESC_START: /* CSI, a string (OSC, DCS, APC, PM, SOS), or one char */
        if (k < 0x20 || k > 0x7e) { /* no sequence: a lone ESC, then text */
            paste_esc = ESC_NONE;
            return paste_swallow(k);
        }
        paste_esc = k == '[' ? ESC_CSI
                    : k == ']' || k == 'P' || k == '_' || k == '^' || k == 'X' ? ESC_STRING
                                                                               : ESC_NONE;
        return true;
    case ESC_CSI: /* parameters and intermediates, up to the final byte */
        if (k >= 0x20 && k <= 0x7e) {
            if (k >= 0x40)
                paste_esc = ESC_NONE;
            return true;
        }
        /* Not a sequence's byte ("\u009b结"): the CSI alone is dropped, the
         * character is judged afresh (结 was lost with it). */
        paste_esc = ESC_NONE;
        return paste_swallow(k);
    case ESC_STRING: /* up to BEL or ST (ESC \) */
        if (k == 0x07 || k == 0x9c)
            paste_esc = ESC_NONE;
        else if (k == 0x1b)
            paste_esc = ESC_STRING_ESC;
        return true;
    case ESC_STRING_ESC:
        paste_esc = k == '\\' ? ESC_NONE : ESC_STRING;
        return true;
    }
    return false;
}

/* True when the terminal has gone without a SIGHUP reaching us (the pty
 * closed under a process outside its session, or stdin at end of file):
 * every read then fails at once, and the loop would spin on the CPU with
 * the database open. */
static bool terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0)
        return false;
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
        return true;
    int n = 0;
    return (p.revents & POLLIN) && ioctl(STDIN_FILENO, FIONREAD, &n) == 0 && n == 0;
}

/* A key's escape sequence the terminal description does not name, as
 * PuTTY and Xshell send Home and End (ESC [ 1 ~, ESC [ 4 ~) under
 * TERM=xterm: ncurses hands it over as Esc and characters, which went
 * back and switched panes (Home jumped to pane 1). Decoded here; one not
 * known is dropped whole. NULL-terminated table of sequence → key. */
static const struct {
    const char *seq;
    int key;
} esc_keys[] = {
    {"[1~", KEY_HOME}, {"[7~", KEY_HOME},  {"[H", KEY_HOME},   {"OH", KEY_HOME},
    {"[4~", KEY_END},  {"[8~", KEY_END},   {"[F", KEY_END},    {"OF", KEY_END},
    {"[5~", KEY_PPAGE}, {"[6~", KEY_NPAGE}, {"[3~", KEY_DC},   {"[2~", KEY_IC},
    {"[A", KEY_UP},    {"OA", KEY_UP},     {"[B", KEY_DOWN},   {"OB", KEY_DOWN},
    {"[C", KEY_RIGHT}, {"OC", KEY_RIGHT},  {"[D", KEY_LEFT},   {"OD", KEY_LEFT},
    {"[Z", KEY_BTAB},  {"OP", KEY_F(1)},   {"OQ", KEY_F(2)},   {"[12~", KEY_F(2)},
    {"[11~", KEY_F(1)}, /* PuTTY's and rxvt's F1, beside their F2 above */
    {NULL, 0},
};

/* After an Esc: when a sequence follows at once (already in the input,
 * as ncurses waited ESCDELAY for it), reads it whole into *key (0: an
 * unknown one, to be dropped) and returns true; false for a plain Esc,
 * the next key left to be read. */
static bool esc_sequence(WINDOW *w, int *key)
{
    int delay = wgetdelay(w);
    wint_t ch;
    wtimeout(w, 0);
    int rc = wget_wch(w, &ch);
    if (rc == ERR || rc == KEY_CODE_YES || (ch != '[' && ch != 'O')) {
        if (rc == KEY_CODE_YES)
            ungetch((int)ch);
        else if (rc != ERR)
            unget_wch((wchar_t)ch);
        wtimeout(w, delay);
        return false;
    }
    char seq[16] = {(char)ch};
    size_t n = 1;
    /* CSI: parameters up to a final byte; SS3 (ESC O): one character */
    while (n < sizeof seq - 1 && wget_wch(w, &ch) != ERR) {
        seq[n++] = ch < 0x80 ? (char)ch : '?';
        if (seq[0] == 'O' || (ch >= 0x40 && ch <= 0x7e))
            break;
    }
    seq[n] = '\0';
    wtimeout(w, delay);
    *key = 0;
    for (size_t i = 0; esc_keys[i].seq; i++)
        if (!strcmp(esc_keys[i].seq, seq))
            *key = XF_FKEY(esc_keys[i].key);
    return true;
}

/* As wget_wch, but UTF-8 is put together here: a byte that is not part of
 * it comes as U+FFFD and what follows stays (ncurses gave up on the rest
 * of the burst: a GBK paste came in empty, a bad byte lost the text after
 * it). */
static int read_wch(WINDOW *w, wint_t *out)
{
    int c = wgetch(w);
    if (c == ERR)
        return ERR;
    if (c >= KEY_MIN) {
        /* ESC [ 1 ~ and ESC [ 4 ~ are Find and Select to a VT220 and to
         * xterm-mono, Home and End on every keyboard that sends them; the
         * Linux console's description names ESC [ Z (Shift-Tab) by a key
         * of its own, beyond ncurses' list */
        static int btab_alias = -1;
        if (btab_alias < 0)
            btab_alias = key_defined("\033[Z") > KEY_MAX ? key_defined("\033[Z") : 0;
        *out = (wint_t)(c == KEY_FIND     ? KEY_HOME
                        : c == KEY_SELECT ? KEY_END
                        : btab_alias && c == btab_alias ? KEY_BTAB
                                                        : c);
        return KEY_CODE_YES;
    }
    size_t need = c < 0x80                ? 0
                  : (c & 0xE0) == 0xC0 ? 1
                  : (c & 0xF0) == 0xE0 ? 2
                  : (c & 0xF8) == 0xF0 ? 3
                                       : 4; /* a stray continuation byte */
    if (need == 0 || need == 4) {
        *out = need ? 0xFFFD : (wint_t)c;
        return OK;
    }
    char b[4] = {(char)c};
    size_t n = 1;
    int delay = wgetdelay(w);
    wtimeout(w, 50); /* the rest of a character comes with its first byte */
    while (n <= need) {
        int d = wgetch(w);
        if (d == ERR || d >= KEY_MIN || (d & 0xC0) != 0x80) {
            if (d != ERR)
                ungetch(d); /* the start of what comes next */
            break;
        }
        b[n++] = (char)d;
    }
    wtimeout(w, delay);
    unsigned cp;
    *out = n == need + 1 && xf_utf8_decode(b, n, &cp) == n ? (wint_t)cp : 0xFFFD;
    return OK;
}

static int last_pasted; /* the key before, within a paste */

/* A window over the panes (a form, a menu, a picker) on a terminal too
 * small for the interface: it is not drawn and no key reaches it — typed
 * blind, q and F2 went into a form under "Terminal too small", which was
 * saved. The notice says to make the terminal larger; keys are dropped
 * until it is, and then a resize is handed back so the window is laid out
 * again. False when there was nothing to hold. */
static bool hold_while_small(int *key)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    if (!xf_ui_size_too_small(rows, cols))
        return false;
    xf_ui_paint_too_small(true);
    doupdate();
    /* read from the pad: wgetch on the window would draw it again */
    wtimeout(top_input, POLL_MS);
    while (!xf_ui_stopping()) {
        int k = wgetch(top_input);
        if (k == KEY_RESIZE) {
            getmaxyx(stdscr, rows, cols);
            if (!xf_ui_size_too_small(rows, cols))
                break;
            xf_ui_paint_too_small(true);
            doupdate();
        } else if (k == ERR && terminal_gone()) {
            stop_signal = SIGHUP;
        }
    }
    interrupted = 0; /* a Ctrl-C meanwhile was typed blind too */
    *key = XF_FKEY(KEY_RESIZE);
    return true;
}

static bool read_key(WINDOW *w, int *key, bool text)
{
    in_modal = w != top_input;
    if (in_modal && hold_while_small(key))
        return !xf_ui_stopping();
    for (;;) {
        wint_t ch;
        if (take_interrupt(key))
            return true;
        int rc = read_wch(w, &ch);
        if (rc == ERR) {
            /* A paste over a slow link comes in bursts; only a long silence
             * means its end marker was lost. */
            if (pasting && now_ms() - paste_seen_ms > PASTE_SILENCE_MS)
                pasting = false;
            if (terminal_gone())
                stop_signal = SIGHUP;
            return take_interrupt(key);
        }
        int k = rc == KEY_CODE_YES ? XF_FKEY((int)ch) : (int)ch;
        /* A window over the panes never sees a size too small for the
         * interface: its own resize there closed a picker, a menu or a
         * detail view (no room for a window), and the q meant to close
         * the view then quit at "Terminal too small". */
        if (k == XF_FKEY(KEY_RESIZE) && in_modal && hold_while_small(key))
            return !xf_ui_stopping();
        if (rc == KEY_CODE_YES && paste_begin && ((int)ch == paste_begin || (int)ch == paste_end)) {
            pasting = (int)ch == paste_begin;
            paste_esc = ESC_NONE;
            paste_seen_ms = now_ms();
            if (!pasting) /* drawn now, not after the next key's wait (0.3 s) */
                return take_interrupt(key);
            continue;
        }
        if (pasting)
            paste_seen_ms = now_ms();
        if (pasting && !text)
            continue;
        if (pasting && rc != KEY_CODE_YES && paste_swallow(k))
            continue;
        if (k == 0x1b && !pasting && rc != KEY_CODE_YES) {
            int seq_key;
            if (esc_sequence(w, &seq_key)) {
                if (!seq_key)
                    continue; /* an unknown key's sequence: nothing */
                k = seq_key;
            }
        }
        /* Ctrl-L repaints whatever is open (a form, the help, a question):
         * the panes alone did, and a screen written over stayed so. */
        if (!pasting && xf_keys_action(k) == XF_A_REDRAW) {
            clearok(curscr, TRUE);
            doupdate();
            continue;
        }
        /* A line break pasted from Windows is CR LF: one break, not two. */
        bool lf_after_cr = pasting && k == '\n' && last_pasted == '\r';
        last_pasted = pasting ? k : 0;
        if (lf_after_cr)
            continue;
        if (pasting && k == '\t')
            k = ' ';
        else if (pasting && (k == '\r' || k == '\n'))
            k = XF_KEY_PASTE_NL;
        else if (pasting && (XF_IS_FKEY(k) || k < 0x20 || (k >= 0x7f && k <= 0x9f)))
            continue;
        *key = k;
        return true;
    }
}

bool xf_ui_read_key(WINDOW *w, int *key)
{
    return read_key(w, key, false);
}

bool xf_ui_read_text_key(WINDOW *w, int *key)
{
    return read_key(w, key, true);
}

bool xf_ui_pasting(void)
{
    return pasting;
}

bool xf_ui_input_pending(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0 && !(p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* ---- services to panes --------------------------------------------------- */

const struct xf_ctx *xf_ui_ctx(const struct xf_ui *ui)
{
    return &ui->s.ctx;
}

const struct xf_overview *xf_ui_overview(const struct xf_ui *ui)
{
    return ui->ov_ok ? &ui->ov : NULL;
}

const char *xf_ui_scope(const struct xf_ui *ui)
{
    return ui->scope;
}

const char *xf_ui_scope_short(const struct xf_ui *ui)
{
    return ui->scope_short ? ui->scope_short : ui->scope;
}

void xf_ui_message(struct xf_ui *ui, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    free(ui->msg);
    ui->msg = n < 0 ? NULL : xf_text_sanitize(s, false);
    free(s);
    ui->msg_error = error;
    ui->pop_top = 0;
    /* An error that will not fit the status line is shown whole over the
     * screen until a key is pressed (popup_sync): no clock takes it away
     * while it is being read. */
    bool is_long = ui->msg && xf_text_width(ui->msg) > ui->cols - 1;
    ui->msg_until = time(NULL) + (is_long && error ? 24 * 3600
                                  : is_long    ? 2 * MESSAGE_SECONDS
                                               : MESSAGE_SECONDS);
    ui->status_dirty = true;
}

void xf_ui_message_clear(struct xf_ui *ui)
{
    if (!ui->msg)
        return;
    free(ui->msg);
    ui->msg = NULL;
    ui->status_dirty = true;
}

void xf_ui_show_status(struct xf_ui *ui)
{
    xf_ui_paint(ui);
}

static void popup_close(struct xf_ui *ui)
{
    if (!ui->popwin)
        return;
    delwin(ui->popwin);
    ui->popwin = NULL;
    free(ui->pop_text);
    ui->pop_text = NULL;
    xf_ui_repair_all(ui); /* what it covered */
}

/* The lines of text wrapped at width, at most max. */
static int wrapped_lines(const char *text, int width, int max)
{
    int n = 0;
    for (const char *p = text; *p && n < max; n++) {
        size_t len = xf_text_wrap_line(p, width);
        p += len ? len : strlen(p);
        while (*p == ' ')
            p++;
    }
    return n;
}

enum { POPUP_MAX_LINES = 8 };

/* The start of line n of text wrapped at width. */
static const char *wrapped_from(const char *p, int width, int n)
{
    for (int i = 0; i < n && *p; i++) {
        size_t len = xf_text_wrap_line(p, width);
        p += len ? len : strlen(p);
        while (*p == ' ')
            p++;
    }
    return p;
}

/* A message too long for the status line is shown whole above it. An
 * error stays until a key is pressed, and that key does nothing else; any
 * other message goes as the status line's would (its key still acts):
 * "only signed f…" cut off what the user was to do. An error takes the
 * screen's height, and scrolls beyond it: what a user typed into a form
 * that could no longer save, shown to copy, was cut at eight lines. */
static void popup_open(struct xf_ui *ui)
{
    int w = ui->cols - 4 < 76 ? ui->cols - 4 : 76, inner = w - 4;
    bool modal = ui->msg_error;
    int all = inner > 0 ? wrapped_lines(ui->msg, inner, INT_MAX) : 0;
    /* The box ends above the panes' last line, their keys: over it, the
     * line's first and last cells stayed beside its corners ("En└───"). */
    int bottom = ui->rows - 2;
    int most = modal ? bottom - 3 : POPUP_MAX_LINES;
    int lines = all < most ? all : most;
    int h = lines + (modal ? 3 : 2);
    if (inner < 10 || lines < 1 || h > bottom)
        return;
    if (ui->pop_top > all - lines)
        ui->pop_top = all - lines;
    if (ui->pop_top < 0 || !modal)
        ui->pop_top = 0;
    ui->popwin = newwin(h, w, bottom - h, (ui->cols - w) / 2);
    if (!ui->popwin)
        return;
    ui->pop_text = strdup(ui->msg);
    ui->pop_rows = ui->rows;
    ui->pop_cols = ui->cols;
    ui->pop_modal = modal;
    ui->pop_shown = lines;
    ui->pop_all = all;
    WINDOW *pw = ui->popwin;
    attr_t look = xf_draw_attr(modal ? XF_C_ALERT : XF_C_NORMAL);
    werase(pw);
    wattrset(pw, look);
    box(pw, 0, 0);
    wattrset(pw, A_NORMAL);
    const char *p = wrapped_from(ui->msg, inner, ui->pop_top);
    for (int i = 0; i < lines && *p; i++) {
        size_t len = xf_text_wrap_line(p, inner);
        if (!len)
            len = strlen(p);
        char *line = strndup(p, len);
        if (line)
            xf_draw_text(pw, 1 + i, 2, inner, line, look | (modal ? A_BOLD : 0));
        free(line);
        p += len;
        while (*p == ' ')
            p++;
    }
    if (modal && all > lines) {
        char *more = NULL;
        if (asprintf(&more, _("lines %d–%d of %d · ↑ ↓ scroll · any other key closes this message"),
                     ui->pop_top + 1, ui->pop_top + lines, all) >= 0)
            xf_draw_text(pw, h - 2, 2, inner, more, xf_draw_attr(XF_C_DIM));
        free(more);
    } else if (modal)
        xf_draw_text(pw, h - 2, 2, inner, _("any key closes this message (and does nothing else)"),
                     xf_draw_attr(XF_C_DIM));
}

/* A key on a long error taller than its window: the moves scroll it (and
 * do nothing else); true when the key did. */
static bool popup_scroll(struct xf_ui *ui, int key)
{
    if (!ui->popwin || !ui->pop_modal || ui->pop_all <= ui->pop_shown)
        return false;
    int top = ui->pop_top, page = ui->pop_shown > 1 ? ui->pop_shown - 1 : 1;
    switch (key == ' ' ? XF_A_PAGE_DOWN : xf_keys_action(key)) {
    case XF_A_DOWN: top++; break;
    case XF_A_UP: top--; break;
    case XF_A_PAGE_DOWN: top += page; break;
    case XF_A_PAGE_UP: top -= page; break;
    default: return false;
    }
    int max = ui->pop_all - ui->pop_shown;
    ui->pop_top = top > max ? max : top < 0 ? 0 : top;
    delwin(ui->popwin);
    ui->popwin = NULL;
    free(ui->pop_text);
    ui->pop_text = NULL;
    popup_open(ui);
    return true;
}

/* Keeps the long-error window in step with the message: opened for a new
 * one, closed when it is gone or the screen changed size, and put back
 * over panes that repainted beneath it. */
static void popup_sync(struct xf_ui *ui)
{
    /* the status line gives a message every column but the first */
    bool want = !ui->too_small && ui->msg && xf_text_width(ui->msg) > ui->cols - 1;
    if (ui->popwin && (!want || strcmp(ui->pop_text ? ui->pop_text : "", ui->msg) != 0 ||
                       ui->pop_modal != ui->msg_error ||
                       ui->pop_rows != ui->rows || ui->pop_cols != ui->cols)) {
        popup_close(ui);
        xf_ui_paint(ui);
    }
    if (want && !ui->popwin)
        popup_open(ui);
    if (ui->popwin) {
        touchwin(ui->popwin);
        wnoutrefresh(ui->popwin);
    }
}

/* The message alone: the field it names is a column name ("active",
 * "version") that means nothing on the status line, and the status line
 * is short. */
const char *xf_ui_err_sentence(const struct xf_error *err, char *buf, size_t size)
{
    /* Alone it is a sentence ("Post XFG-00008 is only proposed; …"); the
     * command line keeps "xianfeng: post …". */
    snprintf(buf, size, "%s", err->msg[0] ? err->msg : _("Something went wrong."));
    if (err->msg[0] && err->starts_word && buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

void xf_ui_error(struct xf_ui *ui, const struct xf_error *err)
{
    char msg[sizeof err->msg];
    xf_ui_message(ui, true, "%s", xf_ui_err_sentence(err, msg, sizeof msg));
}

static void apply_link(struct xf_ui *ui, int i)
{
    struct xf_pane *p = &ui->panes[i];
    lazy[i].link_pending = false;
    if (!p->opened || !p->ops->link)
        return;
    p->link_unit = ui->link_unit;
    p->link_post = ui->link_post;
    if (p->ops->link(p, ui->link_unit, ui->link_post) & (XF_UI_REDRAW | XF_UI_HANDLED))
        p->dirty = p->full = true;
}

/* What a narrowed pane's title names: the post it is narrowed to by
 * title and code, else the unit with its department. Each pane passes
 * its own (Posts narrows by unit even when a post is selected); the few
 * asked lately are kept, as titles are drawn often. */
static const char *link_label(struct xf_ui *ui, int64_t unit_id, int64_t post_id)
{
    for (size_t i = 0; i < sizeof ui->link_labels / sizeof ui->link_labels[0]; i++)
        if (ui->link_labels[i].label && ui->link_labels[i].unit == unit_id &&
            ui->link_labels[i].post == post_id)
            return ui->link_labels[i].label;
    char *label = NULL;
    struct xf_error err = {0};
    if (post_id)
        xf_complaint_post_label(xf_ui_ctx(ui), post_id, &label, &err);
    else if (unit_id)
        label = xf_unit_place_label(xf_ui_ctx(ui), unit_id);
    if (!label)
        return NULL;
    int slot = ui->link_next;
    ui->link_next = (slot + 1) % (int)(sizeof ui->link_labels / sizeof ui->link_labels[0]);
    free(ui->link_labels[slot].label);
    ui->link_labels[slot].unit = unit_id;
    ui->link_labels[slot].post = post_id;
    ui->link_labels[slot].label = label;
    return label;
}

const char *xf_ui_link_label(struct xf_ui *ui, int64_t unit_id, int64_t post_id)
{
    return unit_id || post_id ? link_label(ui, unit_id, post_id) : NULL;
}

void xf_ui_linked_note(struct xf_ui *ui, int64_t unit_id, int64_t post_id, char *out,
                       size_t size)
{
    xf_keys_linked_note(out, size, link_label(ui, unit_id, post_id));
}

/* A unit's place "市城市管理行政执法局 › 服务大厅 › 第1号窗口" with the
 * units between its ends left out ("市城市管理行政执法局 › … › 第1号窗口"),
 * names kept whole: cut by cells it read "…务大厅". NULL when it has no
 * middle or still does not fit. Caller frees. */
static char *drop_middle(const char *place, int width)
{
    static const char sep[] = " \u203a ";
    const char *first = strstr(place, sep), *last = first, *p = first;
    while (p && (p = strstr(p + 1, sep)))
        last = p;
    if (!first || last == first)
        return NULL;
    char *out = NULL;
    if (asprintf(&out, "%.*s%s\u2026%s", (int)(first - place), place, sep, last) < 0)
        return NULL;
    if (xf_text_width(out) <= width)
        return out;
    free(out);
    return NULL;
}

/* label cut to width cells: a post's "title (code)" keeps its code whole
 * and cuts the title (the code tells posts of one title apart), a unit's
 * place keeps both its ends, whole names first. Caller frees. */
static char *fit_label(const char *label, int width)
{
    char *clean = xf_text_sanitize(label, false);
    if (!clean || xf_text_width(clean) <= width)
        return clean;
    const char *code = strrchr(clean, '(');
    size_t len = strlen(clean);
    int code_w = code ? xf_text_width(code) : 0;
    char *out = NULL;
    if (code && code > clean && code[-1] == ' ' && clean[len - 1] == ')' && width - code_w >= 3) {
        size_t head = (size_t)(code - 1 - clean);
        int room = width - code_w - 1, used;
        /* the title's start, "…" for the rest of it, then " (code)" */
        size_t n = xf_text_fit_prefix(clean, head, room - 1, &used);
        if (asprintf(&out, "%.*s\u2026 %s", (int)n, clean, code) < 0)
            out = NULL;
    } else if (!(out = drop_middle(clean, width))) {
        out = xf_text_elide_middle(clean, width);
    }
    free(clean);
    return out;
}

/* The least a link's note names: a unit's own name (the last of its
 * place), whole up to LINK_WHOLE cells (市水务局), else cut to LINK_LEAST
 * (市交…: a search and a project still fit beside it at 80 columns); a
 * post's code with a cell of its title. " · linked to … (L clears)" said
 * a pane was narrowed but not to what. Caller frees. */
enum { LINK_WHOLE = 8, LINK_LEAST = 6 };
static char *least_label(const char *label)
{
    char *clean = xf_text_sanitize(label, false);
    if (!clean)
        return NULL;
    const char *code = strrchr(clean, '(');
    size_t len = strlen(clean);
    if (code && code > clean && code[-1] == ' ' && clean[len - 1] == ')') {
        char *out = fit_label(clean, xf_text_width(code) + 3);
        free(clean);
        return out;
    }
    static const char sep[] = " \u203a ";
    const char *leaf = clean, *p = clean;
    while ((p = strstr(p, sep)))
        leaf = p += strlen(sep);
    char buf[4 * LINK_WHOLE + 8];
    xf_text_fit(leaf, xf_text_width(leaf) <= LINK_WHOLE ? LINK_WHOLE : LINK_LEAST, false, buf,
                sizeof buf);
    free(clean);
    return strdup(buf);
}

/* A unit's place cut down to its start ("市局 › …") no longer says
 * which unit: then its own name, cut to width, instead. fitted is
 * freed when replaced. */
static char *keep_leaf(const char *label, char *fitted, int width)
{
    static const char sep[] = " \u203a ";
    const char *leaf = label, *p = label;
    while ((p = strstr(p, sep)))
        leaf = p += strlen(sep);
    if (!fitted || leaf == label || strstr(fitted, leaf))
        return fitted;
    char *clean = xf_text_sanitize(leaf, false);
    if (!clean)
        return fitted;
    char buf[4 * 200 + 8];
    xf_text_fit(clean, width, false, buf, sizeof buf);
    free(clean);
    char *out = strdup(buf);
    if (!out)
        return fitted;
    free(fitted);
    return out;
}

void xf_ui_linked_note_fit(struct xf_ui *ui, int64_t unit_id, int64_t post_id, int width, char *out,
                           size_t size)
{
    const char *label = link_label(ui, unit_id, post_id);
    xf_keys_linked_note(out, size, label);
    int over = xf_text_width(out) - width;
    if (!label || over <= 0)
        return;
    int keep = xf_text_width(label) - over;
    char *least = least_label(label);
    /* never less than the least: the title gives way around it */
    char *fitted = least && keep <= xf_text_width(least) ? least : fit_label(label, keep);
    if (fitted != least)
        fitted = keep_leaf(label, fitted, keep);
    if (fitted)
        xf_keys_linked_note(out, size, fitted);
    if (fitted != least)
        free(fitted);
    free(least);
}

void xf_ui_count_note(char *out, size_t size, long count)
{
    if (count < 0 && size)
        out[0] = '\0';
    else if (count >= 0)
        snprintf(out, size, " (%ld%s)", count, count >= XF_UI_COUNT_CAP ? "+" : "");
}

void xf_ui_linked_empty(struct xf_ui *ui, int64_t unit_id, int64_t post_id, bool filtered,
                        char *out, size_t size)
{
    out[0] = '\0';
    const char *what = unit_id || post_id ? link_label(ui, unit_id, post_id) : NULL;
    if (!what)
        return;
    char k[32], *s = NULL;
    bool key = xf_keys_hint_key(XF_A_UNLINK, 'L', k, sizeof k);
    /* Not blamed on the link alone when the pane's own filter or search
     * may be what leaves nothing (complaints show open ones only). */
    int rc;
    if (filtered && key)
        rc = asprintf(&s, _("None for %s (chosen in another pane) under the filter or search in "
                            "the title; %s removes the link."),
                      what, k);
    else if (filtered)
        rc = asprintf(&s, _("None for %s (chosen in another pane) under the filter or search in "
                            "the title."),
                      what);
    else if (key)
        rc = asprintf(&s, _("None for %s, chosen in another pane; %s shows all."), what, k);
    else
        rc = asprintf(&s, _("None for %s, chosen in another pane."), what);
    char *clean = rc >= 0 ? xf_text_sanitize(s, false) : NULL;
    if (clean)
        snprintf(out, size, "%s", clean);
    free(clean);
    if (rc >= 0)
        free(s);
}

/* A source pane's selection (from) reaches the panes on screen once the
 * cursor rests; clearing the link (from NULL) at once. Panes not yet
 * opened get the link when they open. */
void xf_ui_link(struct xf_ui *ui, const struct xf_pane *from, int64_t unit_id,
                int64_t post_id)
{
    if (ui->link_unit == unit_id && ui->link_post == post_id)
        return;
    ui->link_unit = unit_id;
    ui->link_post = post_id;
    for (int i = 0; i < ui->n_panes; i++) {
        struct xf_pane *p = &ui->panes[i];
        if (p == from || !p->opened || !p->ops->link)
            continue;
        lazy[i].link_pending = true;
        if (!from && xf_ui_is_shown(ui, i))
            apply_link(ui, i);
    }
    if (from)
        link_due_ms = now_ms() + LINK_REST_MS;
}

/* Whether pane i opened the form (or menu, question) now open and may
 * not be refreshed beneath it: it may hold what its refresh would free. */
static bool holds_form(const struct xf_ui *ui, int i)
{
    return forms_open > 0 && i == ui->focus && !ui->panes[i].ops->refresh_under_form;
}

/* Opens the panes on screen that never were, re-reads those that went
 * stale while hidden and gives them the link they missed; with due set,
 * also the links that waited for the cursor to rest. */
static void prepare_shown(struct xf_ui *ui, bool due)
{
    for (int i = 0; i < ui->n_panes; i++) {
        struct xf_pane *p = &ui->panes[i];
        bool shown = xf_ui_is_shown(ui, i);
        bool newly = shown && !lazy[i].was_shown;
        lazy[i].was_shown = shown;
        if (!shown)
            continue;
        /* Re-read once the key that opened its form has been handled. */
        if (holds_form(ui, i) && lazy[i].tried) {
            if (lazy[i].stale || (lazy[i].link_pending && (newly || due)))
                lazy[i].after_form = true;
            continue;
        }
        struct xf_error err = {0};
        if (!lazy[i].tried) {
            lazy[i].tried = true;
            lazy[i].stale = false;
            p->opened = p->ops->open(p, &err) == XF_OK;
            if (!p->opened)
                xf_ui_error(ui, &err);
            lazy[i].link_pending = p->opened && (ui->link_unit || ui->link_post);
            newly = true;
            p->dirty = p->full = true;
        }
        if (lazy[i].stale && p->opened) {
            lazy[i].stale = false;
            if (p->ops->refresh && (p->ops->refresh)(p, &err) != XF_OK)
                xf_ui_error(ui, &err);
            p->dirty = p->full = true;
        }
        if (lazy[i].link_pending && (newly || due))
            apply_link(ui, i);
    }
}

/* Forms and menus open now, lowest first: a repaint under a question or
 * a finder above them (another user's commit, a resize) shows them too,
 * not the panes in their place. */
#define OVERLAYS_MAX 8
static struct overlay {
    WINDOW *win;
    WINDOW *(*redo)(void *arg); /* laid out again after a resize, or NULL */
    void *arg;
} overlays[OVERLAYS_MAX];
static int n_overlays;

void xf_ui_overlay_push_redo(WINDOW *w, WINDOW *(*redo)(void *arg), void *arg)
{
    if (w && n_overlays < OVERLAYS_MAX)
        overlays[n_overlays++] = (struct overlay){w, redo, arg};
}

void xf_ui_overlay_push(WINDOW *w)
{
    xf_ui_overlay_push_redo(w, NULL, NULL);
}

void xf_ui_overlay_pop(WINDOW *w)
{
    for (int i = n_overlays - 1; w && i >= 0; i--)
        if (overlays[i].win == w) {
            memmove(&overlays[i], &overlays[i + 1],
                    (size_t)(n_overlays - i - 1) * sizeof overlays[0]);
            n_overlays--;
            return;
        }
}

bool xf_ui_overlay_top(int *y, int *x, int *h, int *w)
{
    for (int i = n_overlays - 1; i >= 0; i--) {
        WINDOW *o = overlays[i].win;
        if (!o)
            continue;
        getbegyx(o, *y, *x);
        getmaxyx(o, *h, *w);
        if (*y + *h <= LINES && *x + *w <= COLS)
            return true;
    }
    return false;
}

/* Laid out for the screen before a resize, one may no longer fit it: one
 * that can is laid out again now (a form under "Discard?" stayed in its
 * old shape, or blank); the others when their own loops run. */
static void paint_overlays(bool resized)
{
    for (int i = 0; i < n_overlays; i++) {
        struct overlay *o = &overlays[i];
        if (resized && o->redo)
            o->win = o->redo(o->arg);
        if (!o->win)
            continue;
        int y, x, h, w;
        getbegyx(o->win, y, x);
        getmaxyx(o->win, h, w);
        if (y + h > LINES || x + w > COLS)
            continue;
        touchwin(o->win);
        wnoutrefresh(o->win);
    }
}

void xf_ui_repaint(struct xf_ui *ui)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    bool resized = rows != ui->rows || cols != ui->cols;
    if (resized)
        xf_ui_layout(ui);
    else
        touchwin(stdscr);
    prepare_shown(ui, false);
    xf_ui_touch_all(ui);
    xf_ui_paint(ui);
    /* A view under a dialog is laid out again for the new size (it kept
     * the old one, its frame cut and the rest of the screen blank, until
     * the dialog closed). */
    if (resized && ui->modal.win && ui->modal.redo)
        ui->modal.win = ui->modal.redo(ui->modal.arg, true);
    if (ui->modal.win) {
        touchwin(ui->modal.win);
        wnoutrefresh(ui->modal.win);
    }
    paint_overlays(resized);
}

struct xf_ui_modal xf_ui_modal_swap(struct xf_ui *ui, struct xf_ui_modal m)
{
    struct xf_ui_modal was = ui->modal;
    ui->modal = m;
    return was;
}

/* ---- data ----------------------------------------------------------------- */

static void read_overview(struct xf_ui *ui)
{
    char today[XF_DATE_LEN];
    struct xf_error err = {0};
    xf_date_today(today);
    ui->ov_ok = xf_overview_get(&ui->s.ctx, today, &ui->ov, &err) == XF_OK;
    /* A handler's own work: what waits for their unit's sign-for or reply
     * as lead (a co-handling unit can only add notes). */
    if (ui->ov_ok && ui->s.ctx.role == XF_ROLE_HANDLER) {
        struct xf_lead_work w = {0};
        ui->ov_ok = xf_complaint_lead_work(&ui->s.ctx, today, &w, &err) == XF_OK;
        ui->to_sign = w.to_sign;
        ui->to_reply = w.to_reply;
        ui->lead_overdue = w.overdue;
        ui->lead_due_soon = w.due_soon;
    }
    /* A supervisor's: returns waiting for a ruling, replies waiting for
     * the citizen's callback (overdue pledges are the organisers'). */
    if (ui->ov_ok && ui->s.ctx.role == XF_ROLE_SUPERVISOR) {
        struct xf_complaint_page pg = {.state = "returned"};
        ui->ov_ok = xf_complaint_count(&ui->s.ctx, &pg, 9999, &ui->to_rule, &err) == XF_OK;
        pg.state = "replied";
        ui->ov_ok = ui->ov_ok &&
                    xf_complaint_count(&ui->s.ctx, &pg, 9999, &ui->to_call, &err) == XF_OK;
        /* ... and what falls due soon (临期), before it is overdue */
        struct xf_complaint_page soon = {.clock = XF_CCLOCK_DUE_SOON};
        ui->ov_ok = ui->ov_ok &&
                    xf_complaint_count(&ui->s.ctx, &soon, 9999, &ui->due_soon, &err) == XF_OK;
    }
    if (!ui->ov_ok)
        xf_ui_error(ui, &err);
    ui->status_dirty = true;
}

/* After a commit (ours or another session's): the status line and the
 * panes on screen are re-read now, the others when they are shown. */
static void refresh_all(struct xf_ui *ui)
{
    read_overview(ui);
    for (int i = 0; i < ui->n_panes; i++) {
        struct xf_pane *p = &ui->panes[i];
        struct xf_error err = {0};
        if (!p->opened || !p->ops->refresh)
            continue;
        /* The form it opened may hold what its refresh would free (shown
         * or not: a screen too small hides it under the form). */
        if (holds_form(ui, i)) {
            lazy[i].after_form = true;
            continue;
        }
        if (!xf_ui_is_shown(ui, i)) {
            lazy[i].stale = true;
            continue;
        }
        if ((p->ops->refresh)(p, &err) != XF_OK) /* parens: curses has a refresh() macro */
            xf_ui_error(ui, &err);
        p->dirty = p->full = true;
    }
}

/* PRAGMA data_version moves when another connection commits; it is a
 * cheap read that leaves no transaction open. */
static void poll_changes(struct xf_ui *ui)
{
    int64_t v = xf_db_data_version(ui->s.db);
    if (v != ui->data_version) {
        ui->data_version = v;
        refresh_all(ui);
        char *news = xf_history_news(&ui->s.ctx, &ui->news);
        if (news)
            xf_ui_message(ui, false, "%s", news);
        free(news);
    }
    if (ui->msg && time(NULL) >= ui->msg_until) {
        free(ui->msg);
        ui->msg = NULL;
        ui->status_dirty = true;
    }
}

bool xf_ui_poll(struct xf_ui *ui)
{
    int64_t before = ui->data_version;
    poll_changes(ui);
    return ui->data_version != before;
}

int64_t xf_ui_data_seen(const struct xf_ui *ui)
{
    return ui->data_version;
}

/* SPEC §3: open panes follow another user's commit within a second, the
 * ones beside or beneath a form too (a handler writing a reply saw no new
 * 督办 until the form closed). */
bool xf_ui_poll_behind(struct xf_ui *ui)
{
    bool news = xf_ui_poll(ui);
    if (!news && !ui->status_dirty)
        return false;
    /* The view the dialog was opened from, too (a complaint's detail under
     * its action menu kept the state the menu was chosen from). */
    if (news && ui->modal.win && ui->modal.redo)
        ui->modal.win = ui->modal.redo(ui->modal.arg, false);
    xf_ui_repaint(ui);
    return true;
}

/* The shown panes' deferred work, when no key came for a poll interval. */
static void idle_panes(struct xf_ui *ui)
{
    for (int i = 0; i < ui->n_panes; i++) {
        struct xf_pane *p = &ui->panes[i];
        if (xf_ui_is_shown(ui, i) && p->opened && p->ops->idle &&
            (p->ops->idle(p) & XF_UI_REDRAW))
            p->dirty = true;
    }
}

/* ---- panes ------------------------------------------------------------------ */

static int panes_open(struct xf_ui *ui)
{
    int n = 0;
    while (xf_ui_panes[n])
        n++;
    ui->panes = calloc((size_t)n + 1, sizeof *ui->panes);
    ui->tab_x = calloc((size_t)n + 1, sizeof *ui->tab_x);
    ui->tab_w = calloc((size_t)n + 1, sizeof *ui->tab_w);
    lazy = calloc((size_t)n + 1, sizeof *lazy);
    if (!ui->panes || !ui->tab_x || !ui->tab_w || !lazy)
        return -1;
    for (int k = 0; k < n; k++) {
        /* A pane the role may not use gets no tab (and digits follow). */
        if (xf_ui_panes[k]->visible && !xf_ui_panes[k]->visible(&ui->s.ctx))
            continue;
        struct xf_pane *p = &ui->panes[ui->n_panes++];
        p->ops = xf_ui_panes[k];
        p->ui = ui;
        /* opened when first shown: prepare_shown */
    }
    return 0;
}

static void panes_close(struct xf_ui *ui)
{
    for (int i = 0; i < ui->n_panes; i++) {
        struct xf_pane *p = &ui->panes[i];
        /* A pane whose open failed half-way may hold memory too. */
        if ((p->opened || p->priv) && p->ops->close)
            p->ops->close(p);
    }
    xf_ui_windows_free(ui);
    for (size_t i = 0; i < sizeof ui->link_labels / sizeof ui->link_labels[0]; i++) {
        free(ui->link_labels[i].label);
        ui->link_labels[i].label = NULL;
    }
    free(ui->panes);
    free(ui->tab_x);
    free(ui->tab_w);
    free(lazy);
    lazy = NULL;
}

static void focus_pane(struct xf_ui *ui, int i)
{
    if (i < 0 || i >= ui->n_panes || i == ui->focus)
        return;
    int old = ui->focus;
    ui->focus = i;
    ui->tabs_dirty = true;
    if (!xf_ui_is_shown(ui, i)) {
        xf_ui_layout(ui);
        return;
    }
    ui->panes[old].dirty = ui->panes[old].full = true;
    ui->panes[i].dirty = ui->panes[i].full = true;
}

/* Opens pane i now if it never was (prepare_shown does it for the panes
 * on screen): a pane about to be narrowed needs its state. */
static bool open_now(struct xf_ui *ui, int i)
{
    struct xf_pane *p = &ui->panes[i];
    if (lazy[i].tried)
        return p->opened;
    struct xf_error err = {0};
    lazy[i].tried = true;
    lazy[i].stale = false;
    p->opened = p->ops->open(p, &err) == XF_OK;
    if (!p->opened)
        xf_ui_error(ui, &err);
    lazy[i].link_pending = p->opened && (ui->link_unit || ui->link_post);
    p->dirty = p->full = true;
    return p->opened;
}

int xf_ui_drill(struct xf_ui *ui, const char *pane, const char *what)
{
    int i = 0;
    while (i < ui->n_panes && strcmp(ui->panes[i].ops->name, pane) != 0)
        i++;
    if (i == ui->n_panes || !ui->panes[i].ops->drill) {
        xf_ui_message(ui, false, _("No list of yours stands behind this figure."));
        return XF_UI_HANDLED;
    }
    if (ui->link_unit || ui->link_post)
        xf_ui_link(ui, NULL, 0, 0);
    if (!open_now(ui, i))
        return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
    struct xf_pane *p = &ui->panes[i];
    if (p->ops->drill(p, what) != XF_OK) {
        xf_ui_message(ui, false, _("No list of yours stands behind this figure."));
        return XF_UI_HANDLED;
    }
    focus_pane(ui, i);
    p->dirty = p->full = true;
    return XF_UI_HANDLED | XF_UI_REDRAW_ALL;
}

/* ---- global handler ----------------------------------------------------------- */

static int pane_digit(struct xf_ui *ui, int n)
{
    char k[32];
    if (n <= ui->n_panes)
        focus_pane(ui, n - 1);
    else if (n == 7) /* the panes stop at 6 for every role but admin */
        xf_ui_message(ui, false,
                      _("The History pane is for administrators; %s shows the history of the "
                        "record you are on."),
                      xf_keys_hint_name(XF_A_HISTORY, 'H', k, sizeof k));
    else
        xf_ui_message(ui, false, _("There is no pane %d."), n);
    return XF_UI_HANDLED;
}

static int step_pane(struct xf_ui *ui, int delta)
{
    focus_pane(ui, (ui->focus + delta + ui->n_panes) % ui->n_panes);
    return XF_UI_HANDLED;
}

/* "History of the selected record: not available in this pane": the
 * action's label starts the sentence. */
static void say_unavailable(struct xf_ui *ui, enum xf_action a)
{
    char msg[256];
    snprintf(msg, sizeof msg, _("%s: not available in this pane"), xf_keys_label(a));
    xf_text_sentence_start(msg);
    xf_ui_message(ui, false, "%s", msg);
}

static int unsupported(struct xf_ui *ui, enum xf_action a)
{
    say_unavailable(ui, a);
    return XF_UI_HANDLED;
}

/* H: the history of whatever the focused pane has selected. */
static int history_of_selected(struct xf_ui *ui)
{
    struct xf_pane *p = &ui->panes[ui->focus];
    const char *entity = NULL;
    int64_t id = 0;
    if (!p->opened || !p->ops->selected) {
        say_unavailable(ui, XF_A_HISTORY);
        return XF_UI_HANDLED;
    }
    if (p->ops->selected(p, &entity, &id) != 0 || !entity || id <= 0) {
        xf_ui_message(ui, false, _("Select a record first."));
        return XF_UI_HANDLED;
    }
    return xf_ui_history(ui, entity, id);
}

/* q at the top ends the session, after asking (interface.confirm_quit):
 * a q meant for a view that has just closed, or typed where no prompt was
 * open, would otherwise lose the user's place and whatever they were
 * about to do. Ctrl-\ asks the same; Ctrl-C and the signals still end
 * it at once. */
static int quit_asked(struct xf_ui *ui)
{
    if (!ui->s.cfg.confirm_quit || xf_form_confirm(ui, _("Quit xianfeng?")))
        return XF_UI_QUIT;
    return XF_UI_REDRAW_ALL;
}

/* A key a person can type and read back in a message. */
static bool printable_key(int key)
{
    return !XF_IS_FKEY(key) && key > ' ' && key != 0x7f && iswprint((wint_t)key);
}

bool xf_ui_unanswered_text(int key, char *out, size_t size)
{
    char k[32];
    if (!printable_key(key))
        return false;
    xf_keys_hint_name(XF_A_HELP, '?', k, sizeof k);
    snprintf(out, size, _("%lc does nothing here; %s lists the keys."), (wint_t)key, k);
    return true;
}

bool xf_ui_unanswered(struct xf_ui *ui, int key)
{
    char m[256];
    if (!xf_ui_unanswered_text(key, m, sizeof m))
        return false;
    xf_ui_message(ui, false, "%s", m);
    xf_ui_paint_status(ui); /* the status line alone: the panes are under the view */
    return true;
}

void xf_ui_message_dismiss(struct xf_ui *ui)
{
    xf_ui_message_clear(ui);
    xf_ui_paint_status(ui);
}

/* A key nothing took says so, rather than nothing happening: another
 * pane's action names itself, a letter bound to nothing points to the
 * help (a newcomer pressed I, M, K, + and c in the complaints queue and
 * saw no sign of them). The moves at a list's edge stay quiet. */
static int unanswered(struct xf_ui *ui, int key, enum xf_action a)
{
    bool printable = printable_key(key);
    bool elsewhere = a >= XF_A_NEW && a != XF_A_HISTORY;
    if (elsewhere && !printable)
        return unsupported(ui, a);
    if (!elsewhere && (a != XF_A_NONE || !printable))
        return XF_UI_IGNORED;
    char k[32];
    xf_keys_hint_name(XF_A_HELP, '?', k, sizeof k);
    if (elsewhere)
        xf_ui_message(ui, false, _("%lc works in another pane; %s lists the keys."),
                      (wint_t)key, k);
    else
        xf_ui_message(ui, false, _("%lc does nothing here; %s lists the keys."), (wint_t)key,
                      k);
    return XF_UI_HANDLED;
}

static int global_action(struct xf_ui *ui, enum xf_action a)
{
    switch (a) {
    case XF_A_NEXT_PANE: case XF_A_RIGHT: return step_pane(ui, 1);
    case XF_A_PREV_PANE: case XF_A_LEFT: return step_pane(ui, -1);
    case XF_A_PANE_1: case XF_A_PANE_2: case XF_A_PANE_3:
    case XF_A_PANE_4: case XF_A_PANE_5: case XF_A_PANE_6:
        return pane_digit(ui, (int)(a - XF_A_PANE_1) + 1);
    case XF_A_PANE_7: return pane_digit(ui, 7);
    case XF_A_HISTORY: return history_of_selected(ui);
    case XF_A_BACK: return quit_asked(ui);
    case XF_A_HELP: xf_ui_help(ui); return XF_UI_REDRAW_ALL;
    case XF_A_REDRAW: clearok(curscr, TRUE); return XF_UI_REDRAW_ALL;
    case XF_A_UNLINK:
        xf_ui_link(ui, NULL, 0, 0);
        xf_ui_message(ui, false, _("Panes show all records again."));
        return XF_UI_HANDLED;
    case XF_A_SEARCH: case XF_A_FILTER: case XF_A_SORT: return unsupported(ui, a);
    default: return XF_UI_IGNORED;
    }
}

static int dispatch_key(struct xf_ui *ui, int key)
{
    enum xf_action a = xf_keys_action(key);
    struct xf_pane *p = &ui->panes[ui->focus];
    int r = XF_UI_IGNORED;
    /* A key acts on what the pane shows after the link it is waiting for. */
    if (lazy[ui->focus].link_pending && xf_ui_is_shown(ui, ui->focus))
        apply_link(ui, ui->focus);
    if (p->opened && p->ops->key)
        r = p->ops->key(p, a, (wint_t)(XF_IS_FKEY(key) ? 0 : key));
    if (!(r & XF_UI_HANDLED) && a == XF_A_DETAIL && p->opened && p->ops->detail)
        r |= p->ops->detail(p);
    if (!(r & XF_UI_HANDLED) && a == XF_A_BACK && key == XF_KEY_ESC) {
        /* Esc backs out of things; at the top it never ends the session
         * by surprise (a clerk presses it to clear a search). */
        xf_ui_message(ui, false, _("Nothing to close here; q quits."));
        return XF_UI_HANDLED;
    }
    if (!(r & XF_UI_HANDLED))
        r |= global_action(ui, a);
    if (!(r & XF_UI_HANDLED))
        r |= unanswered(ui, key, a);
    if (r & XF_UI_REDRAW)
        p->dirty = true;
    return r;
}

/* ---- mouse ----------------------------------------------------------------------- */

static int click_tab(struct xf_ui *ui, int x)
{
    for (int i = 0; i < ui->n_panes; i++)
        if (x >= ui->tab_x[i] && x < ui->tab_x[i] + ui->tab_w[i])
            focus_pane(ui, i);
    return XF_UI_HANDLED;
}

static int click(struct xf_ui *ui)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
        return XF_UI_IGNORED;
    if (ui->too_small)
        return XF_UI_IGNORED;
    if (ev.y == 0)
        return click_tab(ui, ev.x);
    for (int i = ui->first; i < ui->first + ui->n_shown; i++) {
        struct xf_pane *p = &ui->panes[i];
        int y = ev.y, x = ev.x;
        if (!p->win || !wmouse_trafo(p->win, &y, &x, FALSE))
            continue;
        focus_pane(ui, i);
        int r = p->opened && p->ops->click ? p->ops->click(p, y, x) : XF_UI_IGNORED;
        if (r & XF_UI_REDRAW)
            p->dirty = true;
        return r;
    }
    return XF_UI_IGNORED;
}

/* ---- loop ---------------------------------------------------------------------------- */

void xf_ui_wrote(struct xf_ui *ui)
{
    refresh_all(ui);
    /* Our own write is not news: move past it. */
    free(xf_history_news(&ui->s.ctx, &ui->news));
}

/* Applies a handler's result mask; returns false to leave. */
static bool apply(struct xf_ui *ui, int r)
{
    if (r & XF_UI_QUIT)
        return false;
    if (r & XF_UI_CHANGED)
        xf_ui_wrote(ui);
    if (r & XF_UI_RELAYOUT)
        xf_ui_layout(ui);
    else if (r & XF_UI_REDRAW_ALL)
        xf_ui_repair_all(ui);
    return true;
}

static int handle_key(struct xf_ui *ui, int key)
{
    if (key == XF_FKEY(KEY_RESIZE))
        return XF_UI_RELAYOUT;
    if (key == XF_FKEY(KEY_MOUSE)) {
        if (!(ui->popwin && ui->pop_modal)) /* a click on a tab changes the view too */
            xf_ui_message_dismiss(ui);
        return click(ui);
    }
    if (popup_scroll(ui, key))
        return XF_UI_HANDLED;
    /* The key that closes a long error's window does nothing else: q
     * pressed to dismiss it must not quit. */
    /* Esc on a long notice's window closes the window and no more: it
     * went on to the pane ("Nothing to close here"). */
    bool dismiss = ui->popwin && (ui->pop_modal || xf_keys_action(key) == XF_A_BACK);
    /* Off the screen now, not at the next pass of the loop: a view the
     * key opens (a detail, the history) paints no status line of its own,
     * and "Nothing to close here" stayed under the detail it opened. */
    xf_ui_message_dismiss(ui);
    if (dismiss)
        return XF_UI_HANDLED;
    /* Too small for the question: q, said on the screen, quits; Esc, as
     * everywhere, never ends the session (it did, at once). */
    if (ui->too_small)
        return (xf_keys_action(key) == XF_A_BACK && key != XF_KEY_ESC) || key == XF_KEY_QUIT_TYPED
                   ? XF_UI_QUIT
                   : XF_UI_HANDLED;
    if (key == XF_KEY_QUIT_TYPED)
        return quit_asked(ui);
    return dispatch_key(ui, key);
}

/* Between keys, no form open: a restore made since the session last
 * looked is taken in, the panes re-read after its mark was (a restore
 * after that look is seen at the next). Until then every save is
 * refused: a form opened before the restore may name a record it took
 * away, whose id a new record has since been given. Looked for only
 * when another session has committed (a restore moves data_version),
 * read afresh: keys typed quickly leave no pause for poll_changes. */
static void take_restore(struct xf_ui *ui)
{
    int64_t v = xf_db_data_version(ui->s.db);
    if (v == ui->restore_looked)
        return;
    ui->restore_looked = v;
    int64_t mark;
    struct xf_error err = {0};
    if (xf_restore_unseen(&ui->s.ctx, &mark, &err) != XF_OK || !mark)
        return;
    refresh_all(ui);
    xf_restore_take(&ui->s.ctx, mark);
}

/* The check of the members' sort keys against the collation, which every
 * other open makes at once, waits for the first screen: it loads ICU (a
 * seventh of the start-up's instructions), and no list shows a member
 * before a key has been read. */
static void name_keys_check(struct xf_ui *ui)
{
    struct xf_error err = {0};
    if (xf_session_name_keys(&ui->s, &err) != XF_OK)
        xf_ui_error(ui, &err);
}

static void run_loop(struct xf_ui *ui)
{
    bool running = true, keys_checked = false;
    ui->data_version = xf_db_data_version(ui->s.db);
    free(xf_history_news(&ui->s.ctx, &ui->news)); /* learns where history stands */
    while (running && !stop_signal) {
        /* The key's handler has returned: nothing holds the rows a
         * refresh under its forms replaced, nor what the pane that opened
         * them would free in its own refresh. */
        xf_list_release_retired();
        for (int i = 0; i < ui->n_panes; i++)
            if (lazy[i].after_form) {
                lazy[i].after_form = false;
                lazy[i].stale = true;
                if (lazy[i].link_pending && link_due_ms == 0)
                    link_due_ms = now_ms(); /* the link it missed, now */
            }
        take_restore(ui);
        bool due = link_due_ms > 0 && now_ms() >= link_due_ms;
        if (due)
            link_due_ms = 0;
        prepare_shown(ui, due);
        xf_ui_paint(ui);
        popup_sync(ui);
        doupdate();
        if (!keys_checked) {
            keys_checked = true;
            name_keys_check(ui);
            continue; /* its error, if any, is drawn before a key is read */
        }
        double wait = link_due_ms > 0 ? link_due_ms - now_ms() : POLL_MS;
        wtimeout(ui->inwin, wait < 1 ? 1 : wait > POLL_MS ? POLL_MS : (int)wait);
        int key;
        if (!xf_ui_read_key(ui->inwin, &key)) {
            poll_changes(ui);
            idle_panes(ui);
            continue;
        }
        running = apply(ui, handle_key(ui, key));
    }
}

static int start_session(struct xf_ui *ui, const struct xf_front_opts *opts)
{
    struct xf_error err = {0};
    char buf[800];
    int rc = XF_OK;
    if (opts->started) { /* the command line's, its configuration read once */
        ui->s = *opts->started;
        free(opts->started);
    } else
        rc = xf_session_start(&ui->s, opts->config_path, opts->login, &err);
    if (rc == XF_OK &&
        xf_session_open_db(&ui->s, opts->db_path, XF_DB_NAME_KEYS_LATER, &err) == XF_OK)
        return XF_EXIT_OK;
    char *clean = xf_text_sanitize(xf_err_str(&err, buf, sizeof buf), false);
    fprintf(stderr, _("xianfeng: %s\n"), clean);
    free(clean);
    return err.code == XF_ECONFIG ? XF_EXIT_USAGE : XF_EXIT_FAIL;
}

/* A scope that names no unit (a typo in the configuration) shows the user
 * an empty system: say why, once, at the start. */
static void warn_unknown_scope(struct xf_ui *ui)
{
    const char *code = xf_unit_own_unknown_scope(xf_ui_ctx(ui));
    if (code)
        xf_ui_message(ui, true,
                      _("Your units include %s, which is no unit's code: you may see less than "
                        "you should; ask the administrator to correct the configuration."),
                      code);
}

/* Deadlines counted through a year without its public holidays count 元旦
 * and 春节 as working days: said to whoever sets or meets them, at the
 * start (`check` says it to the administrator). */
static void warn_calendar(struct xf_ui *ui)
{
    char today[XF_DATE_LEN];
    long days;
    xf_date_today(today);
    /* The administrator's to mend (the configuration); the others could
     * only carry the message to them, every day of December. */
    int year = xf_calendar_missing(&ui->s.cfg.calendar, today, &days);
    if (year && ui->s.ctx.role == XF_ROLE_ADMIN)
        xf_ui_message(ui, true,
                      _("No public holidays listed for %d: its deadlines count them as "
                        "working days."),
                      year);
}

/* A pretended day on the shared database: say so before the first save
 * is refused. */
static void warn_look_only(struct xf_ui *ui)
{
    char today[XF_DATE_LEN];
    xf_date_today(today);
    if (ui->s.look_only)
        xf_ui_message(ui, true,
                      _("Looking as of %s (--today): nothing can be saved on the shared "
                        "database."),
                      today);
}

/* A save that waits for another user's (up to the busy timeout) says so
 * on the status line: the form's "Saving…" alone, for seconds, looked
 * hung. Called from inside the write, before it has the lock: it draws
 * the status line alone (nothing that reads the database) and at once. */
static void on_write_wait(void *arg, bool waiting)
{
    struct xf_ui *ui = arg;
    const char *text = _("Waiting for another user's save…");
    /* Drawn last, the status line took the cursor: it sat after the
     * message as if that were to be typed into. Nothing is typed while
     * the save waits; the form shows it again when it draws next. */
    if (waiting) {
        curs_set(0);
        xf_ui_message(ui, false, "%s", text);
    } else if (ui->msg && strcmp(ui->msg, text) == 0)
        xf_ui_message_clear(ui);
    else
        return;
    xf_ui_paint_status(ui);
    doupdate();
}

int xf_ui_main(const struct xf_front_opts *opts)
{
    /* Configuration and key bindings are checked first, so their errors
     * show even without a terminal. */
    struct xf_ui ui = {0};
    int rc = start_session(&ui, opts);
    if (rc != XF_EXIT_OK) {
        xf_session_end(&ui.s);
        return rc;
    }
    xf_keys_init();
    struct xf_error kerr = {0};
    if (xf_keys_apply_config(&ui.s.cfg, &kerr) != XF_OK) {
        char buf[800];
        fprintf(stderr, _("xianfeng: %s\n"), xf_err_str(&kerr, buf, sizeof buf));
        xf_session_end(&ui.s);
        return XF_EXIT_USAGE;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n",
                _("xianfeng: the interface needs a terminal: over SSH, connect with ssh -t "
                  "(or give the key line pty); see 'xianfeng --help' for commands that do "
                  "not"));
        xf_session_end(&ui.s);
        return XF_EXIT_USAGE;
    }
    enum xf_term_fit fit = xf_ui_term_fit();
    if (fit != XF_TERM_OK) {
        const char *term = getenv("TERM");
        if (!term || !*term)
            fprintf(stderr, "%s\n",
                    _("xianfeng: TERM is not set, so the interface cannot be drawn; set it to "
                      "your terminal's type, e.g. TERM=xterm-256color"));
        else if (fit == XF_TERM_UNKNOWN)
            fprintf(stderr,
                    _("xianfeng: the terminal type TERM=%s is not known on this server, so the "
                      "interface cannot be drawn; set TERM to a type it knows, e.g. "
                      "TERM=xterm-256color\n"),
                    term);
        else
            fprintf(stderr,
                    _("xianfeng: the terminal (TERM=%s) cannot place the cursor, so the interface "
                      "cannot be drawn; set TERM to your terminal's type, e.g. "
                      "TERM=xterm-256color\n"),
                    term);
        xf_session_end(&ui.s);
        return XF_EXIT_USAGE;
    }
    catch_signals();
    screen_start(&ui);
    xf_ctx_on_write_wait(xf_ui_ctx(&ui), WRITE_WAIT_TELL_MS, on_write_wait, &ui);
    ui.scope = xf_unit_scope_names(xf_ui_ctx(&ui));
    ui.scope_short = xf_unit_scope_names_short(xf_ui_ctx(&ui));
    read_overview(&ui);
    if (panes_open(&ui) == 0) {
        xf_ui_layout(&ui);
        warn_calendar(&ui);
        warn_unknown_scope(&ui);
        warn_look_only(&ui);
        run_loop(&ui);
    }
    xf_ctx_on_write_wait(xf_ui_ctx(&ui), 0, NULL, NULL);
    panes_close(&ui);
    if (ui.popwin)
        delwin(ui.popwin);
    free(ui.pop_text);
    delwin(ui.inwin);
    paste_mode(false);
    crash_disarm();
    endwin();
    free(ui.msg);
    free(ui.scope);
    free(ui.scope_short);
    xf_session_end(&ui.s);
    /* Stopped from outside (kill, the terminal gone): 128 + the signal,
     * as a shell reports it, so a script or a log tells it from a quit. */
    return stop_signal && !stop_typed ? 128 + stop_signal : XF_EXIT_OK;
}

const char *xf_ui_name_of(const struct xf_ui *ui, const char *login)
{
    return xf_ctx_person_short(xf_ui_ctx(ui), login);
}
