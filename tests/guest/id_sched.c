/* id_sched.c — scheduling and limits through the raw syscalls:
 * sched_getscheduler/setscheduler, getparam/setparam, priority ranges,
 * sched_rr_get_interval, sched_getattr/setattr (sizes, E2BIG write-back),
 * sched_getaffinity/setaffinity, getcpu, getpriority/setpriority (the raw
 * 20 - nice answer), ioprio_get/ioprio_set, getrlimit/setrlimit/prlimit64 round trips and their
 * errors in the kernel's order (EINVAL before EFAULT), getrusage/times/
 * sysinfo errors, umask. Prints no host-dependent numbers (cpu counts,
 * limits it did not set, times).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define BAD_PTR 16L

/* the kernel's struct sched_attr (VER1, 56 bytes; linux/sched/types.h) */
struct k_sched_attr {
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

static const char *err(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case E2BIG: return "E2BIG";
    default:
        snprintf(buf, sizeof buf, "errno %d", errno);
        return buf;
    }
}

static void policies(void)
{
    printf("getscheduler: %s\n", err(syscall(SYS_sched_getscheduler, 0)));
    printf("getscheduler -1: %s\n", err(syscall(SYS_sched_getscheduler, -1)));
    int prio = -1;
    printf("getparam: %s", err(syscall(SYS_sched_getparam, 0, &prio)));
    printf(" prio %d\n", prio);
    printf("getparam NULL: %s\n", err(syscall(SYS_sched_getparam, 0, 0)));
    printf("getparam bad pointer: %s\n", err(syscall(SYS_sched_getparam, 0, BAD_PTR)));
    printf("getparam -1, bad pointer: %s\n", err(syscall(SYS_sched_getparam, -1, BAD_PTR)));
    printf("getparam no such pid: %s\n", err(syscall(SYS_sched_getparam, 0x3ffffff0, &prio)));
    static const int pol[] = { SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, 99 };
    for (int i = 0; i < 6; i++) {
        printf("priority range %d: %s", pol[i], err(syscall(SYS_sched_get_priority_min, pol[i])));
        printf("..%s\n", err(syscall(SYS_sched_get_priority_max, pol[i])));
    }
    prio = 0;
    printf("setparam 0: %s\n", err(syscall(SYS_sched_setparam, 0, &prio)));
    printf("setparam bad pointer: %s\n", err(syscall(SYS_sched_setparam, 0, BAD_PTR)));
    prio = 5;
    printf("setparam 5 (SCHED_OTHER): %s\n", err(syscall(SYS_sched_setparam, 0, &prio)));
    prio = 0;
    printf("setscheduler BATCH: %s", err(syscall(SYS_sched_setscheduler, 0, SCHED_BATCH, &prio)));
    printf(" now %s\n", err(syscall(SYS_sched_getscheduler, 0)));
    printf("setscheduler -1: %s\n", err(syscall(SYS_sched_setscheduler, 0, -1, &prio)));
    printf("setscheduler bad pointer: %s\n",
           err(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, BAD_PTR)));
    printf("setscheduler OTHER: %s", err(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &prio)));
    printf(" now %s\n", err(syscall(SYS_sched_getscheduler, 0)));
    struct timespec ts = { -1, -1 };
    long r = syscall(SYS_sched_rr_get_interval, 0, &ts);
    printf("rr_get_interval: %s valid %d\n", err(r),
           ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
    printf("rr_get_interval bad pointer: %s\n", err(syscall(SYS_sched_rr_get_interval, 0, BAD_PTR)));
    printf("rr_get_interval -1: %s\n", err(syscall(SYS_sched_rr_get_interval, -1, &ts)));
}

static void attrs(void)
{
    struct k_sched_attr at;
    memset(&at, 0xff, sizeof at);
    long r = syscall(SYS_sched_getattr, 0, &at, sizeof at, 0);
    printf("getattr: %s size %u policy %u nice %d prio %u\n", err(r), at.size, at.sched_policy,
           at.sched_nice, at.sched_priority);
    printf("getattr size 47: %s\n", err(syscall(SYS_sched_getattr, 0, &at, 47, 0)));
    printf("getattr flags 1: %s\n", err(syscall(SYS_sched_getattr, 0, &at, sizeof at, 1)));
    printf("getattr NULL: %s\n", err(syscall(SYS_sched_getattr, 0, 0, sizeof at, 0)));
    printf("getattr bad pointer: %s\n", err(syscall(SYS_sched_getattr, 0, BAD_PTR, sizeof at, 0)));
    printf("getattr size 8192: %s\n", err(syscall(SYS_sched_getattr, 0, &at, 8192, 0)));
    memset(&at, 0xff, sizeof at);
    r = syscall(SYS_sched_getattr, 0, &at, 48, 0);
    printf("getattr VER0: %s size %u util_min untouched %d\n", err(r), at.size,
           at.sched_util_min == 0xffffffffu);

    memset(&at, 0, sizeof at);
    at.size = sizeof at;
    at.sched_policy = SCHED_BATCH;
    printf("setattr BATCH: %s", err(syscall(SYS_sched_setattr, 0, &at, 0)));
    printf(" now %s\n", err(syscall(SYS_sched_getscheduler, 0)));
    at.size = 0;   /* VER0 */
    at.sched_policy = SCHED_OTHER;
    printf("setattr size 0: %s", err(syscall(SYS_sched_setattr, 0, &at, 0)));
    printf(" now %s\n", err(syscall(SYS_sched_getscheduler, 0)));
    at.size = 20;
    r = syscall(SYS_sched_setattr, 0, &at, 0);
    printf("setattr size 20: %s size now %u\n", err(r), at.size);
    printf("setattr flags 1: %s\n", err(syscall(SYS_sched_setattr, 0, &at, 1)));
    printf("setattr bad pointer: %s\n", err(syscall(SYS_sched_setattr, 0, BAD_PTR, 0)));
    printf("setattr NULL: %s\n", err(syscall(SYS_sched_setattr, 0, 0, 0)));
}

static void affinity(void)
{
    uint64_t mask[16];
    memset(mask, 0, sizeof mask);
    long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    printf("getaffinity: %s\n", n > 0 ? "ok" : err(n));
    printf("getaffinity odd size: %s\n", err(syscall(SYS_sched_getaffinity, 0, 7, mask)));
    printf("getaffinity odd size, bad pointer: %s\n", err(syscall(SYS_sched_getaffinity, 0, 7, BAD_PTR)));
    printf("getaffinity bad pointer: %s\n",
           err(syscall(SYS_sched_getaffinity, 0, sizeof mask, BAD_PTR)));
    printf("setaffinity same: %s\n", err(syscall(SYS_sched_setaffinity, 0, sizeof mask, mask)));
    printf("setaffinity bad pointer: %s\n",
           err(syscall(SYS_sched_setaffinity, 0, sizeof mask, BAD_PTR)));
    uint64_t none[16] = { 0 };
    printf("setaffinity empty: %s\n", err(syscall(SYS_sched_setaffinity, 0, sizeof none, none)));
    printf("setaffinity no such pid: %s\n",
           err(syscall(SYS_sched_setaffinity, 0x3ffffff0, sizeof mask, mask)));
    /* pin to the lowest allowed cpu, and getcpu must say so */
    int first = -1;
    for (int i = 0; i < 1024 && first < 0; i++)
        if (mask[i / 64] >> (i % 64) & 1)
            first = i;
    uint64_t one[16] = { 0 };
    one[first / 64] = 1ull << (first % 64);
    printf("setaffinity one cpu: %s\n", err(syscall(SYS_sched_setaffinity, 0, sizeof one, one)));
    unsigned cpu = ~0u, node = ~0u;
    long r = syscall(SYS_getcpu, &cpu, &node, 0);
    printf("getcpu: %s on it %d\n", err(r), (int)cpu == first);
    printf("getcpu NULLs: %s\n", err(syscall(SYS_getcpu, 0, 0, 0)));
    printf("getcpu bad pointer: %s\n", err(syscall(SYS_getcpu, BAD_PTR, 0, 0)));
    printf("getcpu bad node pointer: %s\n", err(syscall(SYS_getcpu, &cpu, BAD_PTR, 0)));
    syscall(SYS_sched_setaffinity, 0, sizeof mask, mask);
}

static void priorities(void)
{
    printf("getpriority raw: %s\n", err(syscall(SYS_getpriority, PRIO_PROCESS, 0)));
    printf("setpriority 5: %s", err(syscall(SYS_setpriority, PRIO_PROCESS, 0, 5)));
    printf(" raw now %s", err(syscall(SYS_getpriority, PRIO_PROCESS, 0)));
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, 0);
    printf(" libc %d\n", nice);
    printf("getpriority bad which: %s\n", err(syscall(SYS_getpriority, 99, 0)));
    printf("setpriority bad which: %s\n", err(syscall(SYS_setpriority, 99, 0, 0)));
    printf("getpriority no such pid: %s\n", err(syscall(SYS_getpriority, PRIO_PROCESS, 0x3ffffff0)));
}

static void io_priorities(void)
{
    long cur = syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
    printf("ioprio_get: %s\n", cur >= 0 ? "ok" : err(cur));
    long be7 = 2 << 13 | 7;   /* IOPRIO_CLASS_BE, level 7 */
    printf("ioprio_set BE 7: %s", err(syscall(SYS_ioprio_set, 1, 0, be7)));
    printf(" get %#lx\n", syscall(SYS_ioprio_get, 1, 0));
    printf("ioprio_get bad which: %s\n", err(syscall(SYS_ioprio_get, 9, 0)));
    printf("ioprio_set bad class: %s\n", err(syscall(SYS_ioprio_set, 1, 0, 7 << 13)));
    printf("ioprio_get no such pid: %s\n", err(syscall(SYS_ioprio_get, 1, 0x3ffffff0)));
}

static void limits(void)
{
    struct rlimit old, r, got;
    printf("getrlimit NOFILE: %s\n", err(syscall(SYS_getrlimit, RLIMIT_NOFILE, &old)));
    r.rlim_cur = 100;
    r.rlim_max = old.rlim_max;
    printf("setrlimit NOFILE 100: %s", err(syscall(SYS_setrlimit, RLIMIT_NOFILE, &r)));
    memset(&got, 0, sizeof got);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, &got);
    printf(" cur %llu max same %d\n", (unsigned long long)got.rlim_cur, got.rlim_max == old.rlim_max);
    printf("setrlimit back: %s\n", err(syscall(SYS_setrlimit, RLIMIT_NOFILE, &old)));
    r.rlim_cur = 200;
    r.rlim_max = 100;
    printf("setrlimit cur > max: %s\n", err(syscall(SYS_setrlimit, RLIMIT_NOFILE, &r)));
    printf("getrlimit bad pointer: %s\n", err(syscall(SYS_getrlimit, RLIMIT_NOFILE, BAD_PTR)));
    printf("setrlimit bad pointer: %s\n", err(syscall(SYS_setrlimit, RLIMIT_NOFILE, BAD_PTR)));
    printf("getrlimit resource 99: %s\n", err(syscall(SYS_getrlimit, 99, &got)));
    printf("getrlimit resource 99, bad pointer: %s\n", err(syscall(SYS_getrlimit, 99, BAD_PTR)));
    r.rlim_cur = r.rlim_max = RLIM_INFINITY;
    printf("setrlimit CORE infinity: %s", err(syscall(SYS_setrlimit, RLIMIT_CORE, &r)));
    syscall(SYS_getrlimit, RLIMIT_CORE, &got);
    printf(" infinite %d\n", got.rlim_cur == RLIM_INFINITY && got.rlim_max == RLIM_INFINITY);
    r.rlim_cur = 4096;
    printf("setrlimit CORE 4096: %s", err(syscall(SYS_setrlimit, RLIMIT_CORE, &r)));
    syscall(SYS_getrlimit, RLIMIT_CORE, &got);
    printf(" cur %llu\n", (unsigned long long)got.rlim_cur);

    /* every resource number means the same: the ones every kernel has */
    static const int res[] = { RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK,
                               RLIMIT_CORE, RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE,
                               RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS, RLIMIT_SIGPENDING,
                               RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME };
    printf("resource numbers:");
    for (int i = 0; i < 16; i++)
        printf(" %d", res[i]);
    printf("\n");
    int same = 1;
    for (int i = 0; i < 16; i++) {
        struct rlimit a, b;
        if (syscall(SYS_getrlimit, res[i], &a) != 0 || syscall(SYS_prlimit64, 0, res[i], 0, &b) != 0 ||
            a.rlim_cur != b.rlim_cur || a.rlim_max != b.rlim_max)
            same = 0;
    }
    printf("getrlimit == prlimit64 for all: %d\n", same);
    r.rlim_cur = 50;
    r.rlim_max = old.rlim_max;
    printf("prlimit64 set and get: %s", err(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, &got)));
    printf(" old cur same %d", got.rlim_cur == old.rlim_cur);
    syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, &got);
    printf(" cur %llu\n", (unsigned long long)got.rlim_cur);
    printf("prlimit64 resource 99, bad pointer: %s\n",
           err(syscall(SYS_prlimit64, 0, 99, 0, BAD_PTR)));
    /* the new limit is set before the old one is written back */
    r.rlim_cur = 60;
    printf("prlimit64 set, bad old pointer: %s", err(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, BAD_PTR)));
    syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, &got);
    printf(" cur %llu\n", (unsigned long long)got.rlim_cur);
    printf("prlimit64 bad new pointer: %s\n", err(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, BAD_PTR, 0)));
    syscall(SYS_setrlimit, RLIMIT_NOFILE, &old);
}

static void usage(void)
{
    struct rusage ru;
    printf("getrusage self: %s\n", err(syscall(SYS_getrusage, RUSAGE_SELF, &ru)));
    printf("getrusage bad who: %s\n", err(syscall(SYS_getrusage, 5, &ru)));
    printf("getrusage bad who, bad pointer: %s\n", err(syscall(SYS_getrusage, 5, BAD_PTR)));
    printf("getrusage bad pointer: %s\n", err(syscall(SYS_getrusage, RUSAGE_SELF, BAD_PTR)));
    printf("times NULL: %s\n", syscall(SYS_times, 0) >= 0 ? "ok" : "error");
    errno = 0;
    long t = syscall(SYS_times, BAD_PTR);
    printf("times bad pointer: %s\n", t == -1 ? err(t) : "no error");
    printf("sysinfo bad pointer: %s\n", err(syscall(SYS_sysinfo, BAD_PTR)));
    printf("umask 022: old %03lo", (long)syscall(SYS_umask, 022));
    printf(" then %03lo", (long)syscall(SYS_umask, 0777 | 01000));
    printf(" then %03lo\n", (long)syscall(SYS_umask, 022));
}

int main(void)
{
    policies();
    attrs();
    affinity();
    priorities();
    io_priorities();
    limits();
    usage();
    printf("failures: %d\n", check_failures);
    return check_failures != 0;
}
