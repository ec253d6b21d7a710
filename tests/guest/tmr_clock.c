/* tmr_clock — the calls that set clocks, through raw syscalls (the libcs
 * rewrite settimeofday), checked only on paths that fail before anything is
 * set or that only read (the tests may run as root): clock_settime (a clock
 * that cannot be set, an invalid clock before an unreadable time, EFAULT,
 * invalid times), settimeofday (EINVAL for the time before the timezone is
 * read, EFAULT for either, NULL/NULL), adjtimex and clock_adjtime with
 * modes 0 (a pure read, the timex written back), an unwritable timex
 * (EFAULT after the read), an invalid tick (EINVAL as root, EPERM
 * otherwise: both runs the same), a clock without adjustment (EOPNOTSUPP)
 * and an invalid one (EINVAL, but EFAULT first for an unreadable timex).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

static const char *ename(int err)
{
    switch (err) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EPERM: return "EPERM or EINVAL";   /* tick check: privilege first */
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0) {
        int e = errno;
        /* ADJ_TICK 0: EINVAL as root, EPERM otherwise */
        if (strstr(what, "tick 0") && e == EINVAL)
            e = EPERM;
        printf("%-52s -> -1 %s\n", what, ename(e));
    } else {
        printf("%-52s -> %ld\n", what, r);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    long pg = sysconf(_SC_PAGESIZE);
    char *mem = mmap(NULL, (size_t)pg * 2, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(mem + pg, (size_t)pg, PROT_NONE);
    void *ro = mem, *none = mem + pg;

    printf("== clock_settime\n");
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    res("MONOTONIC (cannot be set)", syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts));
    res("clock 100", syscall(SYS_clock_settime, 100, &ts));
    res("clock 100, unreadable time", syscall(SYS_clock_settime, 100, none));
    res("REALTIME, unreadable time", syscall(SYS_clock_settime, CLOCK_REALTIME, none));
    res("REALTIME, NULL", syscall(SYS_clock_settime, CLOCK_REALTIME, NULL));
    res("REALTIME, time running into PROT_NONE",
        syscall(SYS_clock_settime, CLOCK_REALTIME, mem + pg - 8));
    struct timespec bad = { 0, 2000000000 };
    res("REALTIME, nsec 2e9", syscall(SYS_clock_settime, CLOCK_REALTIME, &bad));
    bad.tv_sec = -1;
    bad.tv_nsec = 0;
    res("REALTIME, -1 s", syscall(SYS_clock_settime, CLOCK_REALTIME, &bad));

    printf("== settimeofday\n");
    struct timeval tv = { 0, 2000000 };
    res("usec 2e6", syscall(SYS_settimeofday, &tv, NULL));
    res("usec 2e6, unreadable timezone", syscall(SYS_settimeofday, &tv, none));
    res("unreadable time", syscall(SYS_settimeofday, none, NULL));
    res("unreadable timezone", syscall(SYS_settimeofday, NULL, none));
    res("NULL, NULL (sets nothing)", syscall(SYS_settimeofday, NULL, NULL));

    printf("== adjtimex, clock_adjtime\n");
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    tx.tick = -1;
    long r = syscall(SYS_adjtimex, &tx);
    printf("%-52s -> state %s, tick written %d\n", "adjtimex(modes 0)",
           r >= TIME_OK && r <= TIME_ERROR ? "valid" : "invalid", tx.tick > 0);
    memset(&tx, 0, sizeof tx);
    tx.tick = -1;
    r = syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
    printf("%-52s -> state %s, tick written %d\n", "clock_adjtime(REALTIME, modes 0)",
           r >= TIME_OK && r <= TIME_ERROR ? "valid" : "invalid", tx.tick > 0);
    res("adjtimex(unreadable)", syscall(SYS_adjtimex, none));
    res("adjtimex(NULL)", syscall(SYS_adjtimex, NULL));
    res("adjtimex(read-only, modes 0)", syscall(SYS_adjtimex, ro));
    res("adjtimex(running into PROT_NONE)", syscall(SYS_adjtimex, mem + pg - 100));
    memset(&tx, 0, sizeof tx);
    tx.modes = ADJ_TICK;
    tx.tick = 0;
    res("adjtimex(ADJ_TICK, tick 0)", syscall(SYS_adjtimex, &tx));
    memset(&tx, 0, sizeof tx);
    res("clock_adjtime(MONOTONIC)", syscall(SYS_clock_adjtime, CLOCK_MONOTONIC, &tx));
    res("clock_adjtime(clock 100)", syscall(SYS_clock_adjtime, 100, &tx));
    res("clock_adjtime(clock 100, unreadable)", syscall(SYS_clock_adjtime, 100, none));
    res("clock_adjtime(REALTIME, read-only)", syscall(SYS_clock_adjtime, CLOCK_REALTIME, ro));
    tx.modes = ADJ_TICK;
    tx.tick = 0;
    res("clock_adjtime(REALTIME, ADJ_TICK, tick 0)",
        syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx));
    munmap(mem, (size_t)pg * 2);
    return 0;
}
