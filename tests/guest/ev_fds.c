/* ev_fds — eventfd and timerfd: the eventfd counter (plain and semaphore
 * mode, non-blocking EAGAIN, the overflow limit, short reads and writes),
 * creation flags (CLOEXEC/NONBLOCK are the O_* values of the arch) and the
 * invalid ones; timerfd one-shot and periodic expirations counted, an
 * absolute time in the past, gettime of a disarmed timer, settime returning
 * the old value, and the errors (EINVAL for flags, clock and times; EFAULT
 * for bad pointers, the timer still set when only the old value cannot be
 * written).
 *
 * Deterministic: no raw times are printed; expiration counts are compared
 * against bounds the wait makes certain.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static const char *ename(int err)
{
    switch (err) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0)
        printf("%-46s -> -1 %s\n", what, ename(errno));
    else
        printf("%-46s -> %ld\n", what, r);
}

static void rd(const char *what, int fd)
{
    uint64_t v = 0;
    ssize_t n = read(fd, &v, sizeof v);
    if (n < 0)
        printf("%-46s -> -1 %s\n", what, ename(errno));
    else
        printf("%-46s -> %zd, value %llu\n", what, n, (unsigned long long)v);
}

static int wr(int fd, uint64_t v)
{
    return (int)write(fd, &v, sizeof v);
}

static void flags_of(int fd)
{
    printf("  O_NONBLOCK=%d FD_CLOEXEC=%d\n", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *none = mmap(NULL, (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *ro = mmap(NULL, (size_t)pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (none == MAP_FAILED || ro == MAP_FAILED)
        return 1;

    /* ---- eventfd ---- */
    int e = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    res("eventfd(3, NONBLOCK|CLOEXEC)", e >= 0 ? 0 : -1);
    flags_of(e);
    rd("read", e);
    rd("read again (counter 0)", e);
    res("write 5", wr(e, 5));
    res("write 7", wr(e, 7));
    rd("read (sum)", e);
    res("write 0xffffffffffffffff (invalid)", wr(e, ~0ull));
    res("write 0xfffffffffffffffe (the maximum)", wr(e, ~0ull - 1));
    res("write 1 more (would block)", wr(e, 1));
    rd("read", e);
    char small[4];
    res("read 4 bytes", read(e, small, sizeof small));
    res("write 4 bytes", write(e, small, sizeof small));
    /* (a read into PROT_NONE is not compared: the kernel waits or consumes
     * the counter before it fails to copy, tern checks the buffer first) */
    res("write from PROT_NONE", write(e, none, 8));
    close(e);

    int s = eventfd(2, EFD_SEMAPHORE);
    res("eventfd(2, SEMAPHORE)", s >= 0 ? 0 : -1);
    flags_of(s);
    rd("read", s);
    rd("read", s);
    struct pollfd pfd = { s, POLLIN, 0 };
    res("poll, counter 0", poll(&pfd, 1, 0));
    close(s);
    res("eventfd(0, 0x4)", eventfd(0, 0x4));
    res("eventfd2 syscall, flags 0x2", syscall(SYS_eventfd2, 0, 2));

    /* ---- timerfd ---- */
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    res("timerfd_create(MONOTONIC, NONBLOCK|CLOEXEC)", t >= 0 ? 0 : -1);
    flags_of(t);
    struct itimerspec cur;
    memset(&cur, 0xff, sizeof cur);
    res("gettime, disarmed", timerfd_gettime(t, &cur));
    printf("  value %lld.%09ld interval %lld.%09ld\n", (long long)cur.it_value.tv_sec,
           cur.it_value.tv_nsec, (long long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    rd("read, disarmed", t);

    /* one-shot 10 ms: exactly one expiration */
    struct itimerspec one = { { 0, 0 }, { 0, 10 * 1000 * 1000 } }, old;
    res("settime 10 ms one-shot", timerfd_settime(t, 0, &one, NULL));
    res("gettime", timerfd_gettime(t, &cur));
    printf("  armed: %d, at most 10 ms left: %d, interval 0: %d\n",
           cur.it_value.tv_sec != 0 || cur.it_value.tv_nsec != 0,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 10 * 1000 * 1000,
           cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);
    pfd.fd = t;
    res("poll until it expires", poll(&pfd, 1, 5000));
    rd("read", t);
    rd("read again", t);

    /* periodic 2 ms for at least 30 ms: at least 10 expirations */
    struct itimerspec per = { { 0, 2 * 1000 * 1000 }, { 0, 2 * 1000 * 1000 } };
    res("settime 2 ms periodic", timerfd_settime(t, 0, &per, NULL));
    struct timespec nap = { 0, 30 * 1000 * 1000 };
    nanosleep(&nap, NULL);
    uint64_t cnt = 0;
    ssize_t n = read(t, &cnt, 8);
    printf("read after 30 ms -> %zd, at least 10 expirations: %d\n", n, cnt >= 10);
    memset(&old, 0, sizeof old);
    struct itimerspec off = { { 0, 0 }, { 0, 0 } };
    res("settime disarm, old value wanted", timerfd_settime(t, 0, &off, &old));
    printf("  old interval %lld.%09ld, old value set: %d\n", (long long)old.it_interval.tv_sec,
           old.it_interval.tv_nsec, old.it_value.tv_sec != 0 || old.it_value.tv_nsec != 0);
    rd("read, disarmed", t);

    /* an absolute time in the past expires at once */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec past = { { 0, 0 }, { now.tv_sec > 1 ? now.tv_sec - 1 : 0, 1 } };
    res("settime ABSTIME one second ago", timerfd_settime(t, TFD_TIMER_ABSTIME, &past, NULL));
    rd("read", t);

    /* a blocking timerfd: read waits for the expiration */
    int tb = timerfd_create(CLOCK_REALTIME, 0);
    res("settime 10 ms, blocking descriptor", timerfd_settime(tb, 0, &one, NULL));
    rd("blocking read", tb);
    close(tb);

    /* errors */
    struct itimerspec badns = { { 0, 0 }, { 0, 1000000000L } };
    res("timerfd_create(clock 99)", timerfd_create(99, 0));
    res("timerfd_create(MONOTONIC, 0x1)", timerfd_create(CLOCK_MONOTONIC, 1));
    res("settime flags 0x4", timerfd_settime(t, 4, &one, NULL));
    res("settime tv_nsec 1e9", timerfd_settime(t, 0, &badns, NULL));
    res("settime new value in PROT_NONE", syscall(SYS_timerfd_settime, t, 0, none, NULL));
    res("settime old value read-only", syscall(SYS_timerfd_settime, t, 0, &per, ro));
    res("  gettime: the timer was set anyway", timerfd_gettime(t, &cur));
    printf("  interval %lld.%09ld\n", (long long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    res("gettime into PROT_NONE", syscall(SYS_timerfd_gettime, t, none));
    res("gettime on stdin (not a timerfd)", timerfd_gettime(0, &cur));
    res("settime on a closed descriptor", timerfd_settime(999, 0, &one, NULL));
    char b4[4];
    res("read 4 bytes", read(t, b4, sizeof b4));
    close(t);
    return 0;
}
