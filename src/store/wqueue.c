/* The writers' queue: kernel locks that writers wait on before BEGIN
 * IMMEDIATE, so that the one SQLite write lock passes from writer to
 * writer in turn and without idle gaps.
 *
 * SQLite's own wait is a busy handler that sleeps and retries: the lock
 * is free for most of each nap, and a waiter that wakes late loses to one
 * that just arrived. With 16 writers on 2 CPUs that capped throughput near
 * that of one writer and let single saves wait 0.5-2 s (bench/README.md).
 * Blocking open-file-description locks on bytes of "<db>-lock" instead
 * put waiters to sleep in the kernel, which wakes the next the moment the
 * holder lets go (xf_wqueue_lock).
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
#include <stdint.h>
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

#ifndef XF_NO_OFD_LOCKS
/* Whether the file at fd may serve as the queue: a plain file of its own
 * (a hard link to the database, or to anything else, would have its first
 * bytes overwritten by the ticket counter and its mode changed), owned by
 * this user or by the database's owner. */
static bool fit_for_queue(int fd, const struct stat *db)
{
    struct stat lk;
    return fstat(fd, &lk) == 0 && S_ISREG(lk.st_mode) && lk.st_nlink == 1 &&
           !(lk.st_dev == db->st_dev && lk.st_ino == db->st_ino) &&
           (lk.st_uid == geteuid() || lk.st_uid == db->st_uid);
}

/* Made like SQLite makes -wal and -shm: the database's mode, and its
 * owner when root makes it, so every user of the database can open it.
 * Its owner keeps it in step with the database's mode, which the
 * administrator may have changed since (doc/DEPLOY.md). */
static int open_queue_file(const char *path, const struct stat *db)
{
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    if (fd < 0 && errno == ENOENT) {
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
                  db->st_mode & 0666);
        if (fd >= 0 && (fchmod(fd, db->st_mode & 0666) != 0 ||
                        (geteuid() == 0 && fchown(fd, db->st_uid, db->st_gid) != 0))) {
            /* Still usable by this user; others fall back. */
        }
        if (fd < 0 && errno == EEXIST)
            fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
    }
    if (fd < 0)
        return -1;
    if (!fit_for_queue(fd, db)) {
        close(fd);
        return -1;
    }
    struct stat lk;
    if (fstat(fd, &lk) == 0 && lk.st_uid == geteuid() &&
        (lk.st_mode & 0666) != (db->st_mode & 0666) && fchmod(fd, db->st_mode & 0666) != 0) {
        /* Still usable by this user. */
    }
    return fd;
}
#endif

int xf_wqueue_open(const char *db_path)
{
#ifdef XF_NO_OFD_LOCKS
    (void)db_path;
    return -1;
#else
    /* Beside the file itself, as SQLite's -wal and -shm are, so that two
     * paths to one database share one queue. */
    char *real = db_path && *db_path && strcmp(db_path, ":memory:") != 0
                     ? realpath(db_path, NULL)
                     : NULL;
    struct stat db;
    if (!real || stat(real, &db) != 0) {
        free(real);
        return -1;
    }
    size_t n = strlen(real) + sizeof "-lock";
    char *path = malloc(n);
    int fd = -1;
    if (path) {
        snprintf(path, n, "%s-lock", real);
        fd = open_queue_file(path, &db);
    }
    free(path);
    free(real);
    return fd;
#endif
}

#ifndef XF_NO_OFD_LOCKS
/* The file's first 8 bytes hold the next ticket; the locks are advisory
 * byte ranges past them, apart from the data. */
enum { MUTEX_BYTE = 8, CHECKPOINT_BYTE = 9, SLOT_BASE = 16, SLOTS = 256, MUTEX_WAIT_MS = 100 };

static int set_lock_at(int fd, off_t byte, short type, int cmd)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = byte, .l_len = 1};
    return fcntl(fd, cmd, &fl);
}

static void on_alarm(int sig) { (void)sig; }

/* Blocks in the kernel until the lock is granted or timeout_ms have
 * passed: 0, 1 on timeout, -1 on error. The timer fires at the deadline
 * and then every 10 ms, so a signal that lands just before fcntl() starts
 * to wait cannot leave it waiting forever. */
static int wait_lock(int fd, off_t byte, short type, int timeout_ms)
{
    if (set_lock_at(fd, byte, type, F_OFD_SETLK) == 0)
        return 0;
    if (errno != EAGAIN && errno != EACCES)
        return -1;
    if (timeout_ms <= 0)
        return 1;
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
        if (set_lock_at(fd, byte, type, F_OFD_SETLKW) == 0)
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
    /* A tick already sent must reach on_alarm, not the default action
     * (which ends the process) restored below. */
    sigset_t alrm, mask;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &mask);
    timer_delete(timer);
    struct timespec none = {0, 0};
    while (sigtimedwait(&alrm, NULL, &none) == SIGALRM)
        ;
    sigaction(SIGALRM, &old, NULL);
    sigprocmask(SIG_SETMASK, &mask, NULL);
    return rc;
}

/* Draws the next ticket and locks its slot, under the mutex byte: the
 * slot of ticket t is locked before ticket t+1 can be drawn. */
static int draw_ticket(int fd, int timeout_ms, uint64_t *ticket)
{
    /* Held for a read and a write: a wait longer than this means its
     * holder is stopped (Ctrl-Z, a debugger), so go without the queue. */
    int rc = wait_lock(fd, MUTEX_BYTE, F_WRLCK, timeout_ms < MUTEX_WAIT_MS ? timeout_ms : MUTEX_WAIT_MS);
    if (rc)
        return -1;
    unsigned char b[8] = {0};
    uint64_t t = 0;
    if (pread(fd, b, sizeof b, 0) == (ssize_t)sizeof b)
        for (int i = 0; i < 8; i++)
            t = t << 8 | b[i];
    for (int i = 7; i >= 0; i--)
        b[7 - i] = (unsigned char)((t + 1) >> (8 * i));
    rc = pwrite(fd, b, sizeof b, 0) == (ssize_t)sizeof b ? 0 : -1;
    /* A slot still held is a writer SLOTS tickets back, still waiting:
     * then this one goes without the queue. */
    if (rc == 0 && set_lock_at(fd, SLOT_BASE + (off_t)(t % SLOTS), F_WRLCK, F_OFD_SETLK) != 0)
        rc = -1;
    set_lock_at(fd, MUTEX_BYTE, F_UNLCK, F_OFD_SETLK);
    *ticket = t;
    return rc;
}
#endif

/* A ticket queue: each writer draws a number, holds the slot of its number
 * until it is done, and waits for the slot of the number before it. So
 * writers go in the order they came, and a release wakes exactly the next
 * one (a single lock byte would wake every waiter to race for it: with 64
 * writers on 2 CPUs some lost for two seconds). If the one before gives
 * up or dies, its slot frees early and order is lost for a moment, never
 * safety: SQLite's own lock still decides who writes. */
int xf_wqueue_lock(int fd, int timeout_ms, int *slot)
{
    return xf_wqueue_lock_told(fd, timeout_ms, 0, NULL, NULL, slot);
}

int xf_wqueue_lock_told(int fd, int timeout_ms, int tell_ms, void (*tell)(void *arg), void *arg,
                        int *slot)
{
#ifdef XF_NO_OFD_LOCKS
    (void)fd, (void)timeout_ms, (void)tell_ms, (void)tell, (void)arg, (void)slot;
    return -1;
#else
    *slot = -1;
    if (fd < 0)
        return -1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t ticket;
    int rc = draw_ticket(fd, timeout_ms, &ticket);
    if (rc)
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int left = timeout_ms - (int)((t1.tv_sec - t0.tv_sec) * 1000L +
                                  (t1.tv_nsec - t0.tv_nsec) / 1000000L);
    off_t own = SLOT_BASE + (off_t)(ticket % SLOTS);
    off_t before = SLOT_BASE + (off_t)((ticket + SLOTS - 1) % SLOTS);
    int spent = timeout_ms - left, first = left;
    if (tell && tell_ms - spent < left)
        first = tell_ms > spent ? tell_ms - spent : 0;
    rc = wait_lock(fd, before, F_RDLCK, first > 0 ? first : 0);
    if (rc == 1 && first < left) { /* still waiting: say so, and wait on */
        tell(arg);
        rc = wait_lock(fd, before, F_RDLCK, left - first);
    }
    if (rc) {
        set_lock_at(fd, own, F_UNLCK, F_OFD_SETLK); /* let those behind go on */
        return rc;
    }
    set_lock_at(fd, before, F_UNLCK, F_OFD_SETLK);
    *slot = (int)(ticket % SLOTS);
    return 0;
#endif
}

void xf_wqueue_unlock(int fd, int slot)
{
#ifndef XF_NO_OFD_LOCKS
    if (fd >= 0 && slot >= 0)
        set_lock_at(fd, SLOT_BASE + slot, F_UNLCK, F_OFD_SETLK);
#else
    (void)fd, (void)slot;
#endif
}

bool xf_wqueue_try_checkpoint(int fd)
{
#ifndef XF_NO_OFD_LOCKS
    if (fd >= 0)
        return set_lock_at(fd, CHECKPOINT_BYTE, F_WRLCK, F_OFD_SETLK) == 0 ||
               (errno != EAGAIN && errno != EACCES);
#else
    (void)fd;
#endif
    return true;
}

void xf_wqueue_end_checkpoint(int fd)
{
#ifndef XF_NO_OFD_LOCKS
    if (fd >= 0)
        set_lock_at(fd, CHECKPOINT_BYTE, F_UNLCK, F_OFD_SETLK);
#else
    (void)fd;
#endif
}
