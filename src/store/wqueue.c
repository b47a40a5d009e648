/* The writers' queue: a kernel lock that writers wait on before BEGIN
 * IMMEDIATE, so that the one SQLite write lock passes from writer to
 * writer without idle gaps.
 *
 * SQLite's own wait is a busy handler that sleeps and retries: the lock
 * is free for most of each nap, and a waiter that wakes late loses to one
 * that just arrived. With 16 writers on 2 CPUs that capped throughput near
 * that of one writer and let single saves wait 0.5-2 s (bench/README.md).
 * A blocking open-file-description lock on a byte of "<db>-lock" instead
 * puts waiters to sleep in the kernel, which wakes them the moment the
 * holder lets go.
 *
 * The queue only orders writers; it is never needed for correctness: the
 * SQLite lock still guards every transaction, and a writer that cannot use
 * the queue (no permission to create the file, an old kernel, a read-only
 * directory) goes straight to BEGIN IMMEDIATE as before. A second byte
 * lets one connection at a time run the checkpoints (db.c), which would
 * otherwise keep turning each other away. The kernel drops
 * the lock of a process that dies, so a crash never blocks the others. The
 * file is never removed: a writer may hold it open at any time. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xf/store_internal.h"

#ifndef F_OFD_SETLKW
#define XF_NO_OFD_LOCKS 1
#endif

int xf_wqueue_open(const char *db_path)
{
#ifdef XF_NO_OFD_LOCKS
    (void)db_path;
    return -1;
#else
    struct stat db;
    if (!db_path || !*db_path || strcmp(db_path, ":memory:") == 0 || stat(db_path, &db) != 0)
        return -1;
    size_t n = strlen(db_path) + sizeof "-lock";
    char *path = malloc(n);
    if (!path)
        return -1;
    snprintf(path, n, "%s-lock", db_path);
    /* Made like SQLite makes -wal and -shm: the database's mode, and its
     * owner when root makes it, so every user of the database can open it. */
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd < 0 && errno == ENOENT) {
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
                  db.st_mode & 0666);
        if (fd >= 0) {
            if (fchmod(fd, db.st_mode & 0666) != 0 ||
                (geteuid() == 0 && fchown(fd, db.st_uid, db.st_gid) != 0)) {
                /* Still usable by this user; others fall back. */
            }
        } else if (errno == EEXIST) {
            fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
        }
    }
    free(path);
    return fd;
#endif
}

#ifndef XF_NO_OFD_LOCKS
/* Byte 0 is the writers' queue, byte 1 the checkpointer's. */
static int set_lock_at(int fd, off_t byte, short type, int cmd)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = byte, .l_len = 1};
    return fcntl(fd, cmd, &fl);
}

static int set_lock(int fd, short type, int cmd) { return set_lock_at(fd, 0, type, cmd); }

static void on_alarm(int sig) { (void)sig; }

/* Blocks in the kernel until the lock is ours or timeout_ms have passed.
 * The timer fires at the deadline and then every 10 ms, so a signal that
 * lands just before fcntl() starts to wait cannot leave it waiting forever. */
static int wait_lock(int fd, int timeout_ms)
{
    struct sigaction sa = {.sa_handler = on_alarm}, old;
    sigemptyset(&sa.sa_mask); /* no SA_RESTART: the signal must end the wait */
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
    timer_t timer;
    if (sigaction(SIGALRM, &sa, &old) != 0)
        return -1;
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0) {
        sigaction(SIGALRM, &old, NULL);
        return -1;
    }
    struct itimerspec its = {
        .it_value = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L + 1},
        .it_interval = {0, 10 * 1000000L},
    };
    int rc = timer_settime(timer, 0, &its, NULL);
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (rc == 0) {
        if (set_lock(fd, F_WRLCK, F_OFD_SETLKW) == 0)
            break;
        if (errno != EINTR) {
            rc = -1;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &t);
        long ms = (t.tv_sec - t0.tv_sec) * 1000L + (t.tv_nsec - t0.tv_nsec) / 1000000L;
        if (ms >= timeout_ms)
            rc = 1;
    }
    timer_delete(timer);
    sigaction(SIGALRM, &old, NULL);
    return rc;
}
#endif

int xf_wqueue_lock(int fd, int timeout_ms)
{
#ifdef XF_NO_OFD_LOCKS
    (void)fd, (void)timeout_ms;
    return -1;
#else
    if (fd < 0)
        return -1;
    if (set_lock(fd, F_WRLCK, F_OFD_SETLK) == 0)
        return 0;
    if (errno != EAGAIN && errno != EACCES)
        return -1;
    return timeout_ms > 0 ? wait_lock(fd, timeout_ms) : 1;
#endif
}

void xf_wqueue_unlock(int fd)
{
#ifndef XF_NO_OFD_LOCKS
    if (fd >= 0)
        set_lock(fd, F_UNLCK, F_OFD_SETLK);
#else
    (void)fd;
#endif
}

bool xf_wqueue_try_checkpoint(int fd)
{
#ifndef XF_NO_OFD_LOCKS
    if (fd >= 0)
        return set_lock_at(fd, 1, F_WRLCK, F_OFD_SETLK) == 0 || (errno != EAGAIN && errno != EACCES);
#else
    (void)fd;
#endif
    return true;
}

void xf_wqueue_end_checkpoint(int fd)
{
#ifndef XF_NO_OFD_LOCKS
    if (fd >= 0)
        set_lock_at(fd, 1, F_UNLCK, F_OFD_SETLK);
#else
    (void)fd;
#endif
}
