/* tmr_basic — POSIX timers through the raw syscalls (the kernel's int timer
 * ids, the same struct sigevent on every Linux) and once through the libc:
 * SIGEV_SIGNAL to an SA_SIGINFO handler (si_code SI_TIMER, si_value,
 * si_timerid, si_signo), the default sigevent (SIGALRM carrying the timer
 * id), a periodic timer counted by its handler, overruns of a blocked
 * real-time timer signal taken with sigtimedwait (si_overrun equal to
 * timer_getoverrun), timer_gettime of an armed and a disarmed timer and
 * settime's old value, SIGEV_NONE (no signal, gettime shows the expiry),
 * TIMER_ABSTIME in the past, SIGEV_THREAD_ID to this thread, and the errors
 * in the kernel's order: EFAULT for a sigevent that is not readable (before
 * the invalid clock), EINVAL for clocks, notify kinds, signal numbers,
 * foreign tids, timer ids, NULL and malformed itimerspecs, EFAULT for
 * unwritable results (after the timer lookup; the timer armed all the same
 * when only the old value cannot be written).
 *
 * Deterministic: no times or ids printed, only comparisons and bounds the
 * waits make certain.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* the kernel's struct sigevent (asm-generic/siginfo.h) */
struct ksigevent {
    union sigval value;
    int signo;
    int notify;
    int tid;
    int pad[11];
};
#define K_SIGEV_SIGNAL    0
#define K_SIGEV_NONE      1
#define K_SIGEV_THREAD_ID 4

static const char *ename(int err)
{
    switch (err) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EPERM: return "EPERM";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0)
        printf("%-52s -> -1 %s\n", what, ename(errno));
    else
        printf("%-52s -> %ld\n", what, r);
}

static long k_create(clockid_t clk, struct ksigevent *ev, int *id)
{
    return syscall(SYS_timer_create, clk, ev, id);
}
static long k_settime(int id, int flags, const struct itimerspec *nv, struct itimerspec *ov)
{
    return syscall(SYS_timer_settime, id, flags, nv, ov);
}
static long k_gettime(int id, struct itimerspec *cur)
{
    return syscall(SYS_timer_gettime, id, cur);
}
static long k_getoverrun(int id)
{
    return syscall(SYS_timer_getoverrun, id);
}
static long k_delete(int id)
{
    return syscall(SYS_timer_delete, id);
}

static struct itimerspec its(long vs, long vns, long is, long ins)
{
    struct itimerspec t;
    t.it_value.tv_sec = vs;
    t.it_value.tv_nsec = vns;
    t.it_interval.tv_sec = is;
    t.it_interval.tv_nsec = ins;
    return t;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* what the handler saw */
static volatile sig_atomic_t got, got_signo, got_code, got_int, got_timerid, got_overrun;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_signo = sig;
    got_code = si->si_code;
    got_int = si->si_value.sival_int;
    got_timerid = si->si_timerid;
    got_overrun = si->si_overrun;
    got++;
}

static void handle(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* waits (up to 2 s) until the handler has run n times in all */
static void wait_for(int n)
{
    for (int i = 0; i < 2000 && got < n; i++)
        sleep_ms(1);
}

static void test_signal(void)
{
    printf("== SIGEV_SIGNAL\n");
    handle(SIGUSR1);
    struct ksigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.notify = K_SIGEV_SIGNAL;
    ev.signo = SIGUSR1;
    ev.value.sival_int = 1234;
    int id = -1;
    res("timer_create(MONOTONIC, SIGUSR1)", k_create(CLOCK_MONOTONIC, &ev, &id));
    struct itimerspec t = its(0, 5000000, 0, 0);
    got = 0;
    res("timer_settime(5 ms one-shot)", k_settime(id, 0, &t, NULL));
    wait_for(1);
    printf("signals %d signo SIGUSR1 %d SI_TIMER %d value %d timerid matches %d overrun %d\n",
           (int)got, got_signo == SIGUSR1, got_code == SI_TIMER, (int)got_int,
           got_timerid == id, (int)got_overrun);
    sleep_ms(20);
    printf("one-shot: still %d signal(s)\n", (int)got);
    res("timer_getoverrun", k_getoverrun(id));
    res("timer_delete", k_delete(id));
    res("timer_delete again", k_delete(id));

    /* the default: SIGALRM with the timer id as its value */
    handle(SIGALRM);
    res("timer_create(REALTIME, NULL)", k_create(CLOCK_REALTIME, NULL, &id));
    got = 0;
    t = its(0, 2000000, 0, 0);
    res("timer_settime(2 ms)", k_settime(id, 0, &t, NULL));
    wait_for(1);
    printf("signals %d SIGALRM %d SI_TIMER %d value is the id %d\n", (int)got,
           got_signo == SIGALRM, got_code == SI_TIMER, got_int == id);
    res("timer_delete", k_delete(id));

    /* to this thread by tid */
    memset(&ev, 0, sizeof ev);
    ev.notify = K_SIGEV_THREAD_ID | K_SIGEV_SIGNAL;
    ev.signo = SIGUSR1;
    ev.tid = (int)syscall(SYS_gettid);
    ev.value.sival_int = 77;
    res("timer_create(SIGEV_THREAD_ID, own tid)", k_create(CLOCK_MONOTONIC, &ev, &id));
    got = 0;
    t = its(0, 1000000, 0, 0);
    res("timer_settime(1 ms)", k_settime(id, 0, &t, NULL));
    wait_for(1);
    printf("signals %d SI_TIMER %d value %d\n", (int)got, got_code == SI_TIMER, (int)got_int);
    res("timer_delete", k_delete(id));
}

static void test_periodic(void)
{
    printf("== periodic\n");
    handle(SIGUSR2);
    struct ksigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.notify = K_SIGEV_SIGNAL;
    ev.signo = SIGUSR2;
    int id;
    res("timer_create(MONOTONIC, SIGUSR2)", k_create(CLOCK_MONOTONIC, &ev, &id));
    got = 0;
    struct itimerspec t = its(0, 2000000, 0, 2000000);
    res("timer_settime(every 2 ms)", k_settime(id, 0, &t, NULL));
    wait_for(5);
    struct itimerspec zero = its(0, 0, 0, 0), old;
    res("timer_settime(disarm)", k_settime(id, 0, &zero, &old));
    printf("at least 5 expirations %d; old interval %ld.%09ld\n", got >= 5,
           (long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    int seen = got;
    sleep_ms(20);
    printf("disarmed: no more signals %d\n", got == seen);
    res("timer_delete", k_delete(id));

    /* a blocked real-time signal: expirations while it is pending are
     * overruns, reported with the one signal */
    int sig = SIGRTMIN + 2;
    sigset_t set, old_mask;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_BLOCK, &set, &old_mask);
    memset(&ev, 0, sizeof ev);
    ev.notify = K_SIGEV_SIGNAL;
    ev.signo = sig;
    ev.value.sival_int = 5;
    res("timer_create(MONOTONIC, SIGRTMIN+2)", k_create(CLOCK_MONOTONIC, &ev, &id));
    t = its(0, 1000000, 0, 1000000);
    res("timer_settime(every 1 ms)", k_settime(id, 0, &t, NULL));
    sleep_ms(40);
    siginfo_t si;
    struct timespec tmo = { 2, 0 };
    int r = sigtimedwait(&set, &si, &tmo);
    long ov = k_getoverrun(id);
    printf("sigtimedwait: got it %d SI_TIMER %d value %d overrun >= 10 %d getoverrun equal %d\n",
           r == sig, si.si_code == SI_TIMER, si.si_value.sival_int, si.si_overrun >= 10,
           ov == si.si_overrun);
    res("timer_delete", k_delete(id));
    /* a signal queued after the last wait dies with its timer */
    tmo.tv_sec = 0;
    tmo.tv_nsec = 20000000;
    r = sigtimedwait(&set, &si, &tmo);
    printf("after delete: %s\n", r < 0 ? ename(errno) : "a signal");
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
}

static void test_gettime(void)
{
    printf("== gettime, SIGEV_NONE\n");
    handle(SIGUSR1);
    struct ksigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.notify = K_SIGEV_SIGNAL;
    ev.signo = SIGUSR1;
    int id;
    res("timer_create(MONOTONIC, SIGUSR1)", k_create(CLOCK_MONOTONIC, &ev, &id));
    struct itimerspec cur, old;
    res("timer_gettime(unarmed)", k_gettime(id, &cur));
    printf("unarmed: %ld %ld %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec,
           (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    struct itimerspec t = its(10, 0, 1, 500);
    res("timer_settime(10 s, every 1.0000005 s)", k_settime(id, 0, &t, &old));
    printf("old value zero %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
    res("timer_gettime(armed)", k_gettime(id, &cur));
    printf("armed: value in (9 s, 10 s] %d interval %ld.%09ld\n",
           cur.it_value.tv_sec == 9 || (cur.it_value.tv_sec == 10 && cur.it_value.tv_nsec == 0),
           (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    t = its(0, 0, 0, 0);
    res("timer_settime(disarm, old)", k_settime(id, 0, &t, &old));
    printf("old: value in (9 s, 10 s] %d interval %ld.%09ld\n",
           old.it_value.tv_sec == 9 || (old.it_value.tv_sec == 10 && old.it_value.tv_nsec == 0),
           (long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    res("timer_gettime(disarmed)", k_gettime(id, &cur));
    printf("disarmed: %ld %ld %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec,
           (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    res("timer_delete", k_delete(id));

    /* a one-shot that expires unseen (a disarmed SIGEV_NONE timer is not
     * looked at: the kernel computes its remaining time from the old expiry) */
    ev.notify = K_SIGEV_NONE;
    res("timer_create(MONOTONIC, SIGEV_NONE)", k_create(CLOCK_MONOTONIC, &ev, &id));
    got = 0;
    t = its(0, 1000000, 0, 0);
    res("timer_settime(1 ms, SIGEV_NONE)", k_settime(id, 0, &t, NULL));
    sleep_ms(10);
    res("timer_gettime(expired)", k_gettime(id, &cur));
    printf("expired: value %ld %ld; no signal %d\n", (long)cur.it_value.tv_sec,
           cur.it_value.tv_nsec, got == 0);
    /* absolute, in the past: expires at once */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    t = its(now.tv_sec - 1, now.tv_nsec, 0, 0);
    res("timer_settime(TIMER_ABSTIME, 1 s ago)", k_settime(id, TIMER_ABSTIME, &t, NULL));
    res("timer_gettime", k_gettime(id, &cur));
    printf("past absolute: value %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
    /* CPU-time clocks */
    res("timer_delete", k_delete(id));
    res("timer_create(PROCESS_CPUTIME_ID, NONE)", k_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &id));
    res("timer_delete", k_delete(id));
    res("timer_create(THREAD_CPUTIME_ID, NONE)", k_create(CLOCK_THREAD_CPUTIME_ID, &ev, &id));
    res("timer_delete", k_delete(id));
    res("timer_create(BOOTTIME, NONE)", k_create(CLOCK_BOOTTIME, &ev, &id));
    res("timer_delete", k_delete(id));
}

static void test_errors(void)
{
    printf("== errors\n");
    long pg = sysconf(_SC_PAGESIZE);
    char *mem = mmap(NULL, (size_t)pg * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    mprotect(mem + pg, (size_t)pg, PROT_NONE);      /* no access */
    mprotect(mem + 2 * pg, (size_t)pg, PROT_READ);  /* read only */
    void *none = mem + pg;
    void *ro = mem + 2 * pg;
    struct ksigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.notify = K_SIGEV_NONE;
    int id = -1;

    res("create: clock 100", k_create(100, &ev, &id));
    res("create: clock 100, bad sigevent", k_create(100, none, &id));
    res("create: clock 100, bad id pointer", k_create(100, &ev, none));
    res("create: sigevent not readable", k_create(CLOCK_MONOTONIC, none, &id));
    /* the kernel reads all 64 bytes */
    struct ksigevent *tail = (struct ksigevent *)(void *)(mem + pg - 32);
    memset(tail, 0, 32);
    tail->notify = K_SIGEV_NONE;
    res("create: sigevent running into PROT_NONE", k_create(CLOCK_MONOTONIC, tail, &id));
    res("create: id pointer not writable", k_create(CLOCK_MONOTONIC, &ev, ro));
    res("create: id pointer PROT_NONE", k_create(CLOCK_MONOTONIC, &ev, none));
    ev.notify = 99;
    res("create: notify 99", k_create(CLOCK_MONOTONIC, &ev, &id));
    ev.notify = K_SIGEV_SIGNAL;
    ev.signo = 0;
    res("create: SIGEV_SIGNAL signal 0", k_create(CLOCK_MONOTONIC, &ev, &id));
    ev.signo = 65;
    res("create: SIGEV_SIGNAL signal 65", k_create(CLOCK_MONOTONIC, &ev, &id));
    ev.notify = K_SIGEV_THREAD_ID | K_SIGEV_SIGNAL;
    ev.signo = SIGUSR1;
    ev.tid = 1;   /* init: not a thread of this process */
    res("create: SIGEV_THREAD_ID, foreign tid", k_create(CLOCK_MONOTONIC, &ev, &id));
    ev.notify = K_SIGEV_THREAD_ID;
    ev.tid = (int)syscall(SYS_gettid);
    res("create: SIGEV_THREAD_ID without SIGNAL", k_create(CLOCK_MONOTONIC, &ev, &id));
    res("delete it", k_delete(id));

    struct itimerspec t = its(5, 0, 0, 0), cur;
    res("settime: bad id", k_settime(9999, 0, &t, NULL));
    res("settime: bad id, bad new", k_settime(9999, 0, none, NULL));
    res("gettime: bad id", k_gettime(9999, &cur));
    res("gettime: bad id, bad pointer", k_gettime(9999, none));
    res("getoverrun: bad id", k_getoverrun(9999));
    res("delete: bad id", k_delete(9999));
    res("delete: -1", k_delete(-1));

    ev.notify = K_SIGEV_NONE;
    res("create: SIGEV_NONE", k_create(CLOCK_MONOTONIC, &ev, &id));
    res("settime: NULL new", k_settime(id, 0, NULL, NULL));
    res("settime: new not readable", k_settime(id, 0, none, NULL));
    res("settime: new running into PROT_NONE",
        k_settime(id, 0, (struct itimerspec *)(void *)(mem + pg - 16), NULL));
    t = its(0, 1000000000, 0, 0);
    res("settime: nsec 1e9", k_settime(id, 0, &t, NULL));
    t = its(-1, 0, 0, 0);
    res("settime: negative seconds", k_settime(id, 0, &t, NULL));
    t = its(5, 0, 0, -1);
    res("settime: negative interval nsec", k_settime(id, 0, &t, NULL));
    t = its(5, 0, 0, 0);
    res("settime: old not writable", k_settime(id, 0, &t, ro));
    res("gettime after it", k_gettime(id, &cur));
    printf("armed anyway %d\n", cur.it_value.tv_sec >= 4);
    res("gettime: read-only pointer", k_gettime(id, ro));
    res("gettime: PROT_NONE pointer", k_gettime(id, none));
    res("gettime: NULL", k_gettime(id, NULL));
    res("delete", k_delete(id));
    munmap(mem, (size_t)pg * 3);
}

/* the libc wrappers (glibc and musl map timer_t their own way) */
static void test_libc(void)
{
    printf("== libc\n");
    handle(SIGUSR1);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 4321;
    timer_t t;
    res("timer_create", timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec v = its(0, 3000000, 0, 3000000);
    got = 0;
    res("timer_settime", timer_settime(t, 0, &v, NULL));
    wait_for(3);
    struct itimerspec z = its(0, 0, 0, 0);
    timer_settime(t, 0, &z, NULL);
    printf("3 signals seen %d SI_TIMER %d value %d\n", got >= 3, got_code == SI_TIMER,
           (int)got_int);
    res("timer_getoverrun >= 0", timer_getoverrun(t) >= 0 ? 0 : -1);
    res("timer_delete", timer_delete(t));
    sev.sigev_notify = SIGEV_NONE;
    errno = 0;
    res("timer_create(bad clock)", timer_create((clockid_t)100, &sev, &t));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_signal();
    test_periodic();
    test_gettime();
    test_errors();
    test_libc();
    return 0;
}
