/* The interface side of the benchmark suite (bench/README.md): drives the
 * real binary in a pseudo-terminal made with forkpty, the way a user's ssh
 * session would, and times what comes back.
 *
 *   xfbench startup XF DB COLS ROWS RUNS       exec to the first complete screen
 *   xfbench keys XF DB COLS ROWS REPS          key latency and bytes per key
 *   xfbench mem XF DB                          peak RSS after paging every pane
 *   xfbench live XF DB RUNS                    another session's commit to the screen
 *   xfbench idle XF DB SECONDS                 one idle interface per pane
 *   xfbench time RUNS CMD...                   median wall time of a command
 *   xfbench history DB RUNS                    pages of the whole history (domain calls)
 *
 * Every figure is printed as "name value" lines for bench/run.sh.
 * "Settled" means no output for QUIET_MS; the time taken is the last byte
 * read before that quiet window, so the window itself is never counted. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xf/complaint.h"
#include "xf/config.h"
#include "xf/ctx.h"
#include "xf/db.h"
#include "xf/history.h"
#include "xf/store_internal.h"

enum { QUIET_MS = 40, FIRST_BYTE_MS = 5000, MAX_RUNS = 1000 };

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

/* ---- the terminal --------------------------------------------------------- */

struct term {
    pid_t pid;
    int fd;
    /* What the last read_settled saw, for pattern checks (bounded). */
    char tail[8192];
    size_t tail_len;
};

/* Starts `XF --db DB` at cols x rows; the child is the program itself (no
 * shell), so its pid is the one whose memory we read. */
static void term_start(struct term *t, const char *xf, const char *db, int cols, int rows)
{
    struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
    memset(t, 0, sizeof *t);
    t->pid = forkpty(&t->fd, NULL, NULL, &ws);
    if (t->pid < 0)
        die("forkpty");
    if (t->pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        unsetenv("NO_COLOR");
        execl(xf, xf, "--db", db, (char *)NULL);
        _exit(127);
    }
}

static void term_write(struct term *t, const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(t->fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            die("write");
        s += w;
        n -= (size_t)w;
    }
}

static void keep_tail(struct term *t, const char *buf, size_t n)
{
    if (n >= sizeof t->tail) {
        memcpy(t->tail, buf + n - sizeof t->tail, sizeof t->tail);
        t->tail_len = sizeof t->tail;
        return;
    }
    if (t->tail_len + n > sizeof t->tail) {
        size_t drop = t->tail_len + n - sizeof t->tail;
        memmove(t->tail, t->tail + drop, t->tail_len - drop);
        t->tail_len -= drop;
    }
    memcpy(t->tail + t->tail_len, buf, n);
    t->tail_len += n;
}

/* Reads until the output has been quiet for quiet_ms (waiting up to
 * first_ms for the first byte). Returns the bytes read; *last is the time
 * of the last byte (0 when none came). When marker is given, the quiet
 * window only starts counting once marker has been seen. */
static size_t read_settled(struct term *t, int quiet_ms, int first_ms, const char *marker,
                           double *last)
{
    char buf[65536];
    size_t total = 0;
    bool seen = marker == NULL;
    double start = now_ms();
    *last = 0;
    t->tail_len = 0;
    for (;;) {
        double ref = *last ? *last : start;
        int wait = (int)(ref + (*last && seen ? quiet_ms : first_ms) - now_ms());
        if (wait < 0)
            break;
        struct pollfd pfd = {.fd = t->fd, .events = POLLIN};
        int r = poll(&pfd, 1, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        ssize_t n = read(t->fd, buf, sizeof buf);
        if (n <= 0)
            break; /* the program exited */
        *last = now_ms();
        total += (size_t)n;
        keep_tail(t, buf, (size_t)n);
        if (!seen && memmem(t->tail, t->tail_len, marker, strlen(marker)))
            seen = true;
    }
    return total;
}

static void term_stop(struct term *t)
{
    double last;
    term_write(t, "\033");
    read_settled(t, 50, 200, NULL, &last);
    term_write(t, "q");
    read_settled(t, 50, 500, NULL, &last);
    kill(t->pid, SIGTERM);
    int st;
    waitpid(t->pid, &st, 0);
    close(t->fd);
}

/* The status line ends with the headline counts; under C.UTF-8 (English)
 * this word is in it and nowhere else on the first screen. */
static const char *status_marker(void)
{
    const char *m = getenv("XFBENCH_MARKER");
    return m && *m ? m : "Supervised";
}

/* ---- statistics -------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double maximum(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        if (v[i] > m)
            m = v[i];
    return m;
}

/* ---- startup ------------------------------------------------------------------- */

static int cmd_startup(const char *xf, const char *db, int cols, int rows, int runs)
{
    double ms[MAX_RUNS] = {0};
    for (int i = 0; i < runs; i++) {
        struct term t;
        double t0 = now_ms(), last;
        term_start(&t, xf, db, cols, rows);
        read_settled(&t, QUIET_MS, FIRST_BYTE_MS, status_marker(), &last);
        ms[i] = last ? last - t0 : 1e9; /* no screen at all */
        term_stop(&t);
    }
    double max = maximum(ms, runs);
    printf("startup_%dx%d_median_ms %.1f\nstartup_%dx%d_max_ms %.1f\n", cols, rows,
           median(ms, runs), cols, rows, max);
    return 0;
}

/* ---- keys ------------------------------------------------------------------------ */

/* xterm in keypad-transmit mode, which ncurses turns on. */
#define K_DOWN "\033OB"
#define K_UP "\033OA"
#define K_PGDN "\033[6~"
#define K_PGUP "\033[5~"
#define K_END "\033OF"
#define K_HOME "\033OH"
#define K_TAB "\t"
#define K_BTAB "\033[Z"
#define K_ENTER "\r"
#define K_CTRL_S "\023"

/* Set when a key got no answer within FIRST_BYTE_MS: the program hung
 * or died, and the rest of that list's keys are skipped. */
static bool timed_out;

/* Sends keys and waits until the screen settles, timing nothing. */
static void setup_keys(struct term *t, const char *keys)
{
    double last;
    if (timed_out)
        return;
    term_write(t, keys);
    size_t n = read_settled(t, QUIET_MS, 500, NULL, &last);
    if (getenv("XFBENCH_TRACE"))
    {
        int st = 0;
        pid_t w = waitpid(t->pid, &st, WNOHANG);
        fprintf(stderr, "setup [%s] %zu bytes (exit %d st %d): %.*s\n", keys, n, (int)w, st,
                (int)t->tail_len, t->tail);
    }
}

/* One measured key: written, then read to quiet. */
static double timed_key(struct term *t, const char *key, size_t *bytes)
{
    if (timed_out) {
        *bytes = 0;
        return FIRST_BYTE_MS;
    }
    double t0 = now_ms(), last;
    term_write(t, key);
    *bytes = read_settled(t, QUIET_MS, FIRST_BYTE_MS, NULL, &last);
    if (!last) {
        timed_out = true;
        fprintf(stderr, "xfbench: no answer to a key within %d ms; skipping the rest\n",
                FIRST_BYTE_MS);
        return FIRST_BYTE_MS;
    }
    return last - t0;
}

struct sample {
    double ms[MAX_RUNS];
    double bytes[MAX_RUNS];
    int n;
};

static void sample_add(struct sample *s, double ms, size_t bytes)
{
    if (s->n < MAX_RUNS) {
        s->ms[s->n] = ms;
        s->bytes[s->n] = (double)bytes;
        s->n++;
    }
}

/* Times one key into s. Its bytes are read only after timed_key has set
 * them: as arguments of one call, the order of the two is unspecified, and
 * the bytes recorded were those of the key before (or garbage). */
static void sample_key(struct sample *s, struct term *t, const char *key)
{
    size_t bytes;
    double ms = timed_key(t, key, &bytes);
    sample_add(s, ms, bytes);
}

static void sample_print(struct sample *s, const char *list, const char *key, int cols,
                         int rows)
{
    if (!s->n)
        return;
    double mx = maximum(s->ms, s->n), bmax = maximum(s->bytes, s->n);
    printf("key_%s_%s_%dx%d_median_ms %.2f\n", list, key, cols, rows, median(s->ms, s->n));
    printf("key_%s_%s_%dx%d_max_ms %.2f\n", list, key, cols, rows, mx);
    printf("key_%s_%s_%dx%d_median_bytes %.0f\n", list, key, cols, rows,
           median(s->bytes, s->n));
    printf("key_%s_%s_%dx%d_max_bytes %.0f\n", list, key, cols, rows, bmax);
    memset(s, 0, sizeof *s);
}

/* Cursor moves and paging on the list now shown, each REPS times. Every
 * timed key must change the screen (a key that changes nothing sends
 * nothing and would read as a hang), so Down is undone by an untimed Up
 * and PgDn by PgUp, from a few rows into the list; End and Home alternate. */
static void nav_keys(struct term *t, const char *list, int cols, int rows, int reps)
{
    static struct sample s;
    setup_keys(t, K_HOME K_DOWN K_DOWN);
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, K_DOWN);
        setup_keys(t, K_UP);
    }
    sample_print(&s, list, "down", cols, rows);
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, K_PGDN);
        setup_keys(t, K_PGUP);
    }
    sample_print(&s, list, "pgdn", cols, rows);
    struct sample home = {0};
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, K_END);
        sample_key(&home, t, K_HOME);
    }
    sample_print(&s, list, "end", cols, rows);
    sample_print(&home, list, "home", cols, rows);
}

static void keys_complaints(struct term *t, int cols, int rows, int reps)
{
    static struct sample s, s2;
    setup_keys(t, "4");
    nav_keys(t, "complaints", cols, rows, reps);
    /* Pane switch: Tab away and Shift-Tab back, both timed. */
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, K_TAB);
        sample_key(&s, t, K_BTAB);
    }
    sample_print(&s, "complaints", "pane_switch", cols, rows);
    /* Detail: Enter opens it (timed), q closes it. */
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, K_ENTER);
        sample_key(&s2, t, "q");
    }
    sample_print(&s, "complaints", "detail_open", cols, rows);
    sample_print(&s2, "complaints", "detail_close", cols, rows);
    /* Filter: the form is opened and set untimed; Ctrl-S applies it
     * (timed): state "received", then back to "any". */
    for (int i = 0; i < reps; i++) {
        setup_keys(t, "f");
        setup_keys(t, i % 2 ? "\033OD" : " ");
        sample_key(&s, t, K_CTRL_S);
    }
    sample_print(&s, "complaints", "filter_apply", cols, rows);
    /* Search: a three-character term (FTS) and a two-character name
     * (the LIKE fallback); Enter runs it (timed). Then it is cleared with
     * as many backspaces as it has characters (the form shows the current
     * query) and Enter (timed as search_clear). */
    static const char *const terms[] = {"工作人员", "王芳"};
    static const int lens[] = {4, 2};
    static const char *const names[] = {"search_fts", "search_like"};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < reps / 2 + 1; i++) {
            setup_keys(t, "/");
            setup_keys(t, terms[k]);
            sample_key(&s, t, K_ENTER);
            setup_keys(t, "/");
            for (int j = 0; j < lens[k]; j++)
                setup_keys(t, "\177");
            sample_key(&s2, t, K_ENTER);
        }
        sample_print(&s, "complaints", names[k], cols, rows);
    }
    sample_print(&s2, "complaints", "search_clear", cols, rows);
}

static void keys_pledges(struct term *t, int cols, int rows, int reps)
{
    static struct sample s;
    setup_keys(t, "3");
    nav_keys(t, "pledge_tree", cols, rows, reps);
    /* Expanding a department: Enter (timed), then '-' collapses it. */
    setup_keys(t, K_HOME);
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, K_ENTER);
        setup_keys(t, "-");
    }
    sample_print(&s, "pledge_tree", "expand", cols, rows);
    /* Members of the first (largest) department. */
    setup_keys(t, K_HOME);
    for (int i = 0; i < reps / 2 + 1; i++) {
        sample_key(&s, t, "m");
        setup_keys(t, "q");
    }
    sample_print(&s, "pledge_tree", "members_open", cols, rows);
    setup_keys(t, "m");
    nav_keys(t, "pledge_members", cols, rows, reps);
    setup_keys(t, "q");
    /* Filter: overdue only on and off (last: it is the slowest). */
    for (int i = 0; i < reps; i++)
        sample_key(&s, t, "f");
    sample_print(&s, "pledge_tree", "filter_apply", cols, rows);
}

static void keys_posts(struct term *t, int cols, int rows, int reps)
{
    setup_keys(t, "2");
    nav_keys(t, "posts", cols, rows, reps);
}

/* The History pane: opening it reads the first page (timed: from the
 * Overview, '7', then back with '1'), then the moves. Only on request
 * (XFBENCH_LISTS=history): run.sh times it on the city with a grown
 * history, whose figures have their own targets. */
static void keys_history(struct term *t, int cols, int rows, int reps)
{
    static struct sample s;
    for (int i = 0; i < reps; i++) {
        sample_key(&s, t, "7");
        setup_keys(t, "1");
    }
    sample_print(&s, "history", "open", cols, rows);
    setup_keys(t, "7");
    nav_keys(t, "history", cols, rows, reps);
}

/* XFBENCH_LISTS ("complaints,pledges"; unset: all) picks the lists run. */
static bool list_wanted(const char *name)
{
    const char *w = getenv("XFBENCH_LISTS");
    if (!w || !*w)
        return strcmp(name, "history") != 0;
    size_t n = strlen(name);
    for (const char *p = w; (p = strstr(p, name)) != NULL; p += n)
        if ((p == w || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

static int cmd_keys(const char *xf, const char *db, int cols, int rows, int reps)
{
    /* A fresh session per list, so one that hangs spoils only its own. */
    void (*lists[])(struct term *, int, int, int) = {keys_complaints, keys_pledges, keys_posts,
                                                     keys_history};
    static const char *const names[] = {"complaints", "pledges", "posts", "history"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        struct term t;
        double last;
        if (!list_wanted(names[i]))
            continue;
        timed_out = false;
        term_start(&t, xf, db, cols, rows);
        read_settled(&t, QUIET_MS, FIRST_BYTE_MS, status_marker(), &last);
        lists[i](&t, cols, rows, reps);
        if (timed_out)
            kill(t.pid, SIGKILL);
        term_stop(&t);
    }
    return 0;
}

/* ---- memory ------------------------------------------------------------------------ */

static long status_kb(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            kb = strtol(line + n + 1, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* Every pane at 200x50: End, then twenty pages up, Home, twenty down, and the
 * pledge tree's members; the peak of the whole session is what counts. */
static int cmd_mem(const char *xf, const char *db)
{
    struct term t;
    double last;
    term_start(&t, xf, db, 200, 50);
    read_settled(&t, QUIET_MS, FIRST_BYTE_MS, status_marker(), &last);
    for (char d = '1'; d <= '6'; d++) {
        char key[2] = {d, 0};
        setup_keys(&t, key);
        setup_keys(&t, K_END);
        for (int i = 0; i < 20; i++)
            setup_keys(&t, K_PGUP);
        setup_keys(&t, K_HOME);
        for (int i = 0; i < 20; i++)
            setup_keys(&t, K_PGDN);
    }
    setup_keys(&t, "3");
    setup_keys(&t, K_HOME "m");
    setup_keys(&t, K_END);
    long hwm = status_kb(t.pid, "VmHWM"), rss = status_kb(t.pid, "VmRSS");
    printf("mem_peak_kb %ld\nmem_rss_kb %ld\n", hwm, rss);
    term_stop(&t);
    return 0;
}

/* ---- live refresh --------------------------------------------------------------- */

static int open_writer(const char *db, struct xf_db **out, struct xf_ctx *ctx,
                       struct xf_config *cfg)
{
    struct xf_error err = {0};
    xf_config_defaults(cfg);
    if (xf_db_open(db, 0, out, &err) || xf_db_set_actor(*out, "bench-live", "bench") ||
        xf_ctx_init(ctx, *out, cfg, "bench-live", &err)) {
        fprintf(stderr, "xfbench: %s: %s\n", err.field, err.msg);
        return -1;
    }
    return 0;
}

static char *first_post_code(struct xf_db *db)
{
    sqlite3_stmt *st;
    char *code = NULL;
    if (sqlite3_prepare_v2(xf_db_handle(db), "SELECT code FROM post ORDER BY id LIMIT 1", -1,
                           &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            code = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return code;
}

/* The Overview pane is open in one session; this process receives a
 * complaint (the open-complaints count there changes) and times until that
 * session's screen has settled after showing it. A change nobody can see
 * sends no bytes, so the pane must be one where it shows. */
static int cmd_live(const char *xf, const char *db, int runs)
{
    struct xf_db *wdb;
    struct xf_ctx ctx;
    struct xf_config cfg;
    if (open_writer(db, &wdb, &ctx, &cfg))
        return 1;
    char *post = first_post_code(wdb);
    struct term t;
    double last, ms[MAX_RUNS];
    term_start(&t, xf, db, 200, 50);
    read_settled(&t, QUIET_MS, FIRST_BYTE_MS, status_marker(), &last);
    setup_keys(&t, "1");
    int n = 0;
    for (int i = 0; i < runs; i++) {
        struct xf_error err = {0};
        struct xf_complaint_new in = {.source = "hotline", .post_code = post,
                                      .text = "基准测试：窗口排队时间过长",
                                      .complainant_name = "赵敏", .complainant_phone = ""};
        int64_t id;
        if (xf_complaint_receive(&ctx, &in, &id, &err) != XF_OK) {
            fprintf(stderr, "xfbench live: %s: %s\n", err.field, err.msg);
            break;
        }
        double t0 = now_ms();
        read_settled(&t, QUIET_MS, 3000, NULL, &last);
        ms[n++] = last ? last - t0 : 3000;
        /* Let the next write fall at a random point of the poll cycle. */
        usleep((useconds_t)(rand() % 250) * 1000);
    }
    if (n)
        printf("live_median_ms %.1f\nlive_max_ms %.1f\n", median(ms, n), maximum(ms, n));
    term_stop(&t);
    free(post);
    xf_db_close(wdb);
    xf_config_free(&cfg);
    return 0;
}

/* ---- idle sessions ----------------------------------------------------------- */

/* One interface per pane, each left on its pane and read (so it never
 * blocks on a full pty) for SECONDS: the readers the WAL test needs. */
static int cmd_idle(const char *xf, const char *db, int seconds)
{
    enum { PANES = 6 };
    struct term t[PANES];
    double last;
    for (int i = 0; i < PANES; i++) {
        char key[2] = {(char)('1' + i), 0};
        term_start(&t[i], xf, db, 200, 50);
        read_settled(&t[i], QUIET_MS, FIRST_BYTE_MS, status_marker(), &last);
        setup_keys(&t[i], key);
    }
    double end = now_ms() + seconds * 1e3;
    while (now_ms() < end) {
        struct pollfd pfd[PANES];
        for (int i = 0; i < PANES; i++)
            pfd[i] = (struct pollfd){.fd = t[i].fd, .events = POLLIN};
        if (poll(pfd, PANES, 200) > 0) {
            char buf[65536];
            for (int i = 0; i < PANES; i++)
                if (pfd[i].revents & POLLIN && read(t[i].fd, buf, sizeof buf) < 0)
                    pfd[i].fd = -1;
        }
    }
    for (int i = 0; i < PANES; i++)
        term_stop(&t[i]);
    return 0;
}

/* ---- timing a command ---------------------------------------------------------- */

static double run_once(char **argv)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDOUT_FILENO);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "xfbench: %s failed\n", argv[0]);
        return -1;
    }
    return now_ms() - t0;
}

static int cmd_time(int runs, char **argv)
{
    double ms[MAX_RUNS] = {0};
    for (int i = 0; i < runs; i++)
        if ((ms[i] = run_once(argv)) < 0)
            return 1;
    printf("%.2f %.2f\n", median(ms, runs), maximum(ms, runs));
    return 0;
}

/* ---- history pages (domain calls) ---------------------------------------------------- */

/* One page read: the first (after_id 0) or the one after *after_id, which
 * is moved to the page's last row. Entity set: one record's history. */
static double page_once(const struct xf_ctx *ctx, const struct xf_history_filter *f,
                        const char *entity, int64_t entity_id, size_t limit, int64_t *after_id)
{
    struct xf_history_row *rows = NULL;
    size_t n = 0;
    struct xf_error err = {0};
    double t0 = now_ms();
    int rc = entity ? xf_history_for(ctx, entity, entity_id, *after_id, limit, &rows, &n, &err)
                    : xf_history_all(ctx, f, *after_id, limit, &rows, &n, &err);
    double ms = now_ms() - t0;
    if (rc) {
        fprintf(stderr, "xfbench: history: %s\n", err.msg);
        ms = FIRST_BYTE_MS;
    }
    *after_id = n ? rows[n - 1].id : 0;
    xf_history_rows_free(rows, n);
    return ms;
}

/* The first page and the next of one query, runs times each (median and
 * max), as "history_NAME_first_ms" and "history_NAME_next_ms" lines. */
static void page_figures(const struct xf_ctx *ctx, const char *name,
                         const struct xf_history_filter *f, const char *entity,
                         int64_t entity_id, size_t limit, int runs)
{
    double first[MAX_RUNS] = {0}, next[MAX_RUNS] = {0};
    for (int i = 0; i < runs; i++) {
        int64_t after = 0;
        first[i] = page_once(ctx, f, entity, entity_id, limit, &after);
        next[i] = after ? page_once(ctx, f, entity, entity_id, limit, &after) : 0;
    }
    printf("history_%s_first_median_ms %.2f\nhistory_%s_first_max_ms %.2f\n", name,
           median(first, runs), name, maximum(first, runs));
    printf("history_%s_next_median_ms %.2f\nhistory_%s_next_max_ms %.2f\n", name,
           median(next, runs), name, maximum(next, runs));
}

/* A page of the whole history as the History pane (50 rows: a 200x50
 * screen) and the history command (its 1,000) read it, unscoped and
 * filtered, a record's, and a scoped administrator's. The filters' values
 * are taken from the newest rows, so each finds a full page. */
static int cmd_history(const char *db_path, int runs)
{
    struct xf_db *db;
    struct xf_ctx ctx;
    struct xf_config cfg;
    if (open_writer(db_path, &db, &ctx, &cfg))
        return 1;
    char day[11] = "", actor[64] = "", entity[64] = "", scope[64] = "";
    int64_t entity_id = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(xf_db_handle(db),
                           "SELECT substr(at,1,10), actor, entity, entity_id,"
                           " (SELECT code FROM unit WHERE parent_id IS NULL AND code LIKE 'D%'"
                           "  ORDER BY id LIMIT 1)"
                           " FROM history WHERE entity='complaint' ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        snprintf(day, sizeof day, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(actor, sizeof actor, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(entity, sizeof entity, "%s", (const char *)sqlite3_column_text(st, 2));
        entity_id = sqlite3_column_int64(st, 3);
        snprintf(scope, sizeof scope, "%s", (const char *)sqlite3_column_text(st, 4));
    }
    sqlite3_finalize(st);
    if (!*day) {
        fprintf(stderr, "xfbench: history: the database has no complaint history\n");
        return 1;
    }
    struct xf_history_filter all = {0}, by_user = {actor, NULL, NULL}, by_day = {0, day, day};
    page_figures(&ctx, "pane", &all, NULL, 0, 50, runs);
    page_figures(&ctx, "cli", &all, NULL, 0, XF_HISTORY_MAX_PAGE, runs);
    page_figures(&ctx, "user", &by_user, NULL, 0, 50, runs);
    page_figures(&ctx, "day", &by_day, NULL, 0, 50, runs);
    page_figures(&ctx, "record", NULL, entity, entity_id, 50, runs);
    char *scopes[] = {scope};
    struct xf_user u = {.login = "bench-live", .name = "", .role = XF_ROLE_ADMIN,
                        .scopes = scopes, .n_scopes = 1};
    ctx.user = &u;
    page_figures(&ctx, "scoped", &all, NULL, 0, 50, runs);
    xf_db_close(db);
    return 0;
}

static int clamp_runs(const char *s)
{
    int n = atoi(s);
    return n < 1 ? 1 : n > MAX_RUNS ? MAX_RUNS : n;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "startup") && argc == 7)
        return cmd_startup(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]), clamp_runs(argv[6]));
    if (!strcmp(c, "keys") && argc == 7)
        return cmd_keys(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]), clamp_runs(argv[6]));
    if (!strcmp(c, "mem") && argc == 4)
        return cmd_mem(argv[2], argv[3]);
    if (!strcmp(c, "live") && argc == 5)
        return cmd_live(argv[2], argv[3], clamp_runs(argv[4]));
    if (!strcmp(c, "idle") && argc == 5)
        return cmd_idle(argv[2], argv[3], atoi(argv[4]));
    if (!strcmp(c, "history") && argc == 4)
        return cmd_history(argv[2], clamp_runs(argv[3]));
    if (!strcmp(c, "time") && argc > 3)
        return cmd_time(clamp_runs(argv[2]), argv + 3);
    fprintf(stderr, "usage: see the comment at the top of bench/xfbench.c\n");
    return 2;
}
