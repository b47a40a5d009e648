/* Replays every saved fuzz input (tests/fuzz/corpus/<target>/ and
 * tests/fuzz/crashes/<target>/) through the same entry points as the
 * libFuzzer targets, built with the ordinary compiler: `make check` keeps
 * every crash ever found fixed without needing clang. Each input runs in a
 * child process, so a crash or a failed invariant (abort) is one failure,
 * not the end of the run.
 *
 * Usage: fuzz_regress DIR   (DIR is tests/fuzz)
 * Prints "fuzz-regress: N passed, N failed" and appends "N N" to
 * $XF_RESULTS when set. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define INPUT_SECONDS 60 /* a hang is a failure too */

static const struct {
    const char *name;
    int (*fn)(const uint8_t *data, size_t size);
} targets[] = {
    {"csv", xf_fuzz_csv},   {"config", xf_fuzz_config}, {"text", xf_fuzz_text},
    {"date", xf_fuzz_date}, {"edit", xf_fuzz_edit},     {"search", xf_fuzz_search},
};

static int passed, failed;

static uint8_t *read_input(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *grown = realloc(buf, cap * 2);
        if (!grown)
            free(buf);
        buf = grown;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *size = n;
    return buf;
}

/* 0 when fn ran the input cleanly in a child; otherwise says why. */
static int replay(int (*fn)(const uint8_t *, size_t), const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "fuzz-regress: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        alarm(INPUT_SECONDS);
        size_t size = 0;
        uint8_t *data = read_input(path, &size);
        if (!data) {
            fprintf(stderr, "fuzz-regress: cannot read %s\n", path);
            exit(2);
        }
        fn(data, size);
        free(data);
        exit(0); /* exit, not _exit: LeakSanitizer checks at exit */
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFSIGNALED(status))
        fprintf(stderr, "FAIL %s: killed by signal %d (%s)\n", path, WTERMSIG(status),
                strsignal(WTERMSIG(status)));
    else
        fprintf(stderr, "FAIL %s: exit status %d\n", path, WEXITSTATUS(status));
    return -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file in dir, in name order; a missing dir is fine. */
static void replay_dir(int (*fn)(const uint8_t *, size_t), const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        size_t len = strlen(dir) + strlen(ent->d_name) + 2;
        if (!(names[n] = malloc(len)))
            break;
        snprintf(names[n++], len, "%s/%s", dir, ent->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay(fn, names[i]) == 0)
                passed++;
            else
                failed++;
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : "tests/fuzz";
    static const char *const kinds[] = {"corpus", "crashes"};
    for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
        for (size_t k = 0; k < 2; k++) {
            size_t len = strlen(root) + strlen(kinds[k]) + strlen(targets[t].name) + 3;
            char *dir = malloc(len);
            if (!dir)
                return 1;
            snprintf(dir, len, "%s/%s/%s", root, kinds[k], targets[t].name);
            replay_dir(targets[t].fn, dir);
            free(dir);
        }
    }
    printf("fuzz-regress: %d passed, %d failed\n", passed, failed);
    const char *results = getenv("XF_RESULTS");
    if (results && *results) {
        FILE *f = fopen(results, "a");
        if (f) {
            fprintf(f, "%d %d\n", passed, failed);
            fclose(f);
        }
    }
    return failed ? 1 : 0;
}
