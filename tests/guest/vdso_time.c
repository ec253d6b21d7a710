/* vdso_time — the time calls a vDSO serves (docs/vdso.md), through whatever
 * path the libc takes: clock_gettime for every common clock (monotone,
 * normalised), gettimeofday and time against clock_gettime(CLOCK_REALTIME),
 * clock_getres, invalid clock ids (EINVAL, which the vDSO gets from its
 * syscall fallback), NULL where the kernel allows it, and bad pointers: the
 * kernel's vDSO stores through them in user space, so the process dies of
 * SIGSEGV (x86-64 natively, and the guest under tern's vDSO) where the
 * syscall would have said EFAULT (a handler sees the fault at a pc inside
 * the vDSO); a clock the vDSO does not serve keeps the syscall's EFAULT. Also that AT_SYSINFO_EHDR points at an ELF image and
 * sched_getcpu answers.
 *
 * Deterministic: prints only comparisons, errno names and the clock
 * resolutions, which are the host kernel's for every build.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <elf.h>
#include <sys/auxv.h>
#include <ucontext.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLOCK_TAI
#define CLOCK_TAI 11
#endif

static const struct {
    clockid_t id;
    const char *name;
    int monotone;   /* never goes back (REALTIME/TAI may be stepped: not checked) */
} clocks[] = {
    { CLOCK_REALTIME, "REALTIME", 0 },
    { CLOCK_MONOTONIC, "MONOTONIC", 1 },
    { CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW", 1 },
    { CLOCK_REALTIME_COARSE, "REALTIME_COARSE", 0 },
    { CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE", 1 },
    { CLOCK_BOOTTIME, "BOOTTIME", 1 },
    { CLOCK_TAI, "TAI", 0 },
    { CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME", 1 },
    { CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME", 1 },
};
#define NCLOCKS (sizeof clocks / sizeof clocks[0])

/* NULL through a volatile, so the compiler's nonnull check lets it pass */
static struct timespec *volatile null_ts;

static const char *errname(int e)
{
    switch (e) {
    case 0: return "ok";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    default: return "other";
    }
}

static int ts_le(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

static void test_gettime(void)
{
    for (size_t i = 0; i < NCLOCKS; i++) {
        struct timespec prev, cur;
        int bad_ns = 0, back = 0, rc = clock_gettime(clocks[i].id, &prev);
        int err = rc ? errno : 0;
        for (int k = 0; k < 2000 && rc == 0; k++) {
            rc = clock_gettime(clocks[i].id, &cur);
            if (rc)
                err = errno;
            if (cur.tv_nsec < 0 || cur.tv_nsec >= 1000000000)
                bad_ns++;
            if (clocks[i].monotone && !ts_le(&prev, &cur))
                back++;
            prev = cur;
        }
        printf("clock_gettime %-16s %s, nsec in range %s, went back %d\n", clocks[i].name,
               errname(err), bad_ns ? "no" : "yes", back);
    }
    /* coarse clocks lag the precise ones by at most a tick */
    struct timespec fine, coarse;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &coarse);
    clock_gettime(CLOCK_MONOTONIC, &fine);
    double lag = (double)(fine.tv_sec - coarse.tv_sec) + (double)(fine.tv_nsec - coarse.tv_nsec) / 1e9;
    printf("MONOTONIC_COARSE <= MONOTONIC: %s, within 0.1 s: %s\n", lag >= 0 ? "yes" : "no",
           lag < 0.1 ? "yes" : "no");
    /* BOOTTIME counts suspend too: never behind MONOTONIC */
    struct timespec boot, mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    clock_gettime(CLOCK_BOOTTIME, &boot);
    printf("MONOTONIC <= BOOTTIME: %s\n", ts_le(&mono, &boot) ? "yes" : "no");
}

static void test_realtime_agree(void)
{
    struct timespec ts;
    struct timeval tv;
    struct timezone tz = { 0, 0 };   /* musl leaves it alone */
    clock_gettime(CLOCK_REALTIME, &ts);
    int rc = gettimeofday(&tv, &tz);
    double d = (double)(tv.tv_sec - ts.tv_sec) + ((double)tv.tv_usec * 1e3 - (double)ts.tv_nsec) / 1e9;
    printf("gettimeofday %s, usec in range %s, within 1 s of REALTIME: %s\n", rc ? "fails" : "ok",
           tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no", d >= 0 && d < 1 ? "yes" : "no");
    printf("gettimeofday timezone: minuteswest %d dsttime %d\n", tz.tz_minuteswest, tz.tz_dsttime);
    /* not a NULL tv: riscv64 glibc's gettimeofday stores through it */
    printf("gettimeofday(&tv, NULL) %d\n", gettimeofday(&tv, NULL));

    time_t t1 = 0, t2 = time(&t1);
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("time(&t) returns t: %s, within 1 s of REALTIME: %s, time(NULL) too: %s\n",
           t1 == t2 ? "yes" : "no", ts.tv_sec - t2 >= 0 && ts.tv_sec - t2 <= 1 ? "yes" : "no",
           ts.tv_sec - time(NULL) <= 1 ? "yes" : "no");
}

static void test_getres(void)
{
    for (size_t i = 0; i < NCLOCKS; i++) {
        struct timespec res = { -1, -1 };
        int rc = clock_getres(clocks[i].id, &res);
        printf("clock_getres %-16s %s %lld.%09ld\n", clocks[i].name, errname(rc ? errno : 0),
               (long long)res.tv_sec, res.tv_nsec);
    }
    printf("clock_getres(MONOTONIC, NULL) %d\n", clock_getres(CLOCK_MONOTONIC, NULL));
}

static void test_invalid(void)
{
    /* not 16..23: Linux 6.17 made them the auxiliary clocks */
    static const clockid_t bad[] = { 10 /* CLOCK_SGI_CYCLE, gone */, 12, 15, 42, 0x7fffffff };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct timespec ts = { 7, 7 };
        errno = 0;
        int r1 = clock_gettime(bad[i], &ts);
        int e1 = errno;
        errno = 0;
        int r2 = clock_getres(bad[i], &ts);
        int e2 = errno;
        printf("clock id %d: clock_gettime %d %s, clock_getres %d %s, timespec untouched %s\n",
               (int)bad[i], r1, errname(e1), r2, errname(e2),
               ts.tv_sec == 7 && ts.tv_nsec == 7 ? "yes" : "no");
    }
}

/* run fn in a child; report how it ended */
static void in_child(const char *what, void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGSEGV, SIG_DFL);
        fn();
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st))
        printf("%s: killed by %s\n", what, WTERMSIG(st) == SIGSEGV ? "SIGSEGV" : "another signal");
    else
        printf("%s: exit %d\n", what, WEXITSTATUS(st));
}

static void child_result(int rc)
{
    printf("returned %d %s\n", rc, errname(rc ? errno : 0));
    fflush(stdout);
    _exit(rc ? 2 : 3);
}

/* a SIGSEGV handler sees the fault at the store inside the vDSO */
static uintptr_t vdso_lo, vdso_hi;

static uintptr_t uc_pc(const ucontext_t *uc)
{
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.pc;
#elif defined(__riscv)
    return (uintptr_t)uc->uc_mcontext.__gregs[0];
#else
    return 0;
#endif
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    uintptr_t pc = uc_pc(ucv);
    printf("SIGSEGV handler: signal right %s, si_addr right %s, pc in the vDSO %s\n",
           sig == SIGSEGV ? "yes" : "no", si->si_addr == (void *)8 ? "yes" : "no",
           pc >= vdso_lo && pc < vdso_hi ? "yes" : "no");
    fflush(stdout);
    _exit(7);
}

static void gettime_bad_handled(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    child_result(clock_gettime(CLOCK_MONOTONIC, (struct timespec *)8));
}

/* the span of the vDSO's PT_LOAD segments */
static void vdso_span(uintptr_t base)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
    uintptr_t lo = UINTPTR_MAX, hi = 0, bias = 0;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD) {
            if (lo == UINTPTR_MAX)
                bias = base - (ph[i].p_vaddr - ph[i].p_offset);
            if (ph[i].p_vaddr < lo)
                lo = ph[i].p_vaddr;
            if (ph[i].p_vaddr + ph[i].p_memsz > hi)
                hi = ph[i].p_vaddr + ph[i].p_memsz;
        }
    if (lo != UINTPTR_MAX) {
        vdso_lo = bias + lo;
        vdso_hi = bias + hi;
    }
}

static void gettime_bad(void) { child_result(clock_gettime(CLOCK_MONOTONIC, (struct timespec *)8)); }
static void gettime_null(void) { child_result(clock_gettime(CLOCK_REALTIME, null_ts)); }
static void gettimeofday_bad(void) { child_result(gettimeofday((struct timeval *)8, NULL)); }
static void cputime_bad(void)
{
    child_result(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, (struct timespec *)8));
}

int main(void)
{
    unsigned long ehdr = getauxval(AT_SYSINFO_EHDR);
    printf("AT_SYSINFO_EHDR: %s\n", ehdr ? "set" : "missing");
    if (ehdr) {
        printf("it points at an ELF image: %s\n",
               memcmp((const void *)ehdr, "\177ELF", 4) == 0 ? "yes" : "no");
        vdso_span(ehdr);
    }

    test_gettime();
    test_realtime_agree();
    test_getres();
    test_invalid();
    printf("sched_getcpu >= 0: %s\n", sched_getcpu() >= 0 ? "yes" : "no");

    in_child("clock_gettime(MONOTONIC, bad pointer)", gettime_bad);
    in_child("clock_gettime(MONOTONIC, bad pointer), SIGSEGV handled", gettime_bad_handled);
    in_child("clock_gettime(REALTIME, NULL)", gettime_null);
    in_child("gettimeofday(bad pointer, NULL)", gettimeofday_bad);
    in_child("clock_gettime(PROCESS_CPUTIME, bad pointer)", cputime_bad);
    return 0;
}
