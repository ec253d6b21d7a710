/* proc.c — process, identity, limits, time and info syscalls of the generic
 * Linux layer: exit/exit_group, the get*id family, set_tid_address,
 * set_robust_list, prlimit64, uname, sysinfo, times, getrusage,
 * sched_getaffinity, sched_yield, getrandom, clock_gettime, clock_getres,
 * gettimeofday, nanosleep, clock_nanosleep.
 *
 * All the structs involved (timespec, timeval, timezone, rlimit, rusage,
 * sysinfo, tms, new_utsname, robust_list_head) have one layout on every 64-bit
 * Linux, so these pass through after the guest pointers are checked.
 *
 * Invariants: the tid address and robust list are per thread (struct cpu);
 * exit ends the calling guest thread (the process with the last one) and
 * exit_group all of them (runner/thread.c).
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

#include "runner/log.h"
#include "runner/thread.h"
#include "syscalls/sc.h"

/* pointer argument that may be NULL */
#define OPT_OK(cpu, addr, len, prot) ((addr) == 0 || guest_access_ok(cpu, addr, len, prot))

/* ---------------- exit ---------------- */

long sc_exit_group(struct cpu *cpu, uint64_t a[6])
{
    thread_exit_group(cpu, (int)a[0]);
}

/* the calling thread only: its robust list and clear_child_tid are handled
 * and its host thread ends; the last one's status is the process's */
long sc_exit(struct cpu *cpu, uint64_t a[6])
{
    thread_exit(cpu, (int)a[0]);
}

/* ---------------- ids ---------------- */

#define ID_CALL(name, nr)                                   \
    long sc_##name(struct cpu *cpu, uint64_t a[6])          \
    {                                                       \
        (void)cpu; (void)a;                                 \
        return HSYS(nr);                                    \
    }
ID_CALL(getpid, SYS_getpid)
ID_CALL(gettid, SYS_gettid)
ID_CALL(getppid, SYS_getppid)
ID_CALL(getuid, SYS_getuid)
ID_CALL(geteuid, SYS_geteuid)
ID_CALL(getgid, SYS_getgid)
ID_CALL(getegid, SYS_getegid)
ID_CALL(sched_yield, SYS_sched_yield)

static long getres(struct cpu *cpu, uint64_t a[6], long nr)
{
    unsigned ids[3];
    long r = HSYS(nr, &ids[0], &ids[1], &ids[2]);
    if (r < 0)
        return r;
    for (int i = 0; i < 3; i++)
        if (guest_copy_out(cpu, a[i], &ids[i], sizeof ids[i]))
            return -EFAULT;
    return 0;
}

long sc_getresuid(struct cpu *cpu, uint64_t a[6]) { return getres(cpu, a, SYS_getresuid); }
long sc_getresgid(struct cpu *cpu, uint64_t a[6]) { return getres(cpu, a, SYS_getresgid); }

/* The guest's clear_child_tid and robust list are recorded per thread, not
 * given to the host kernel: the host thread is tern's (its glibc keeps its
 * own there), and runner/thread.c does at a guest thread's exit what the
 * kernel would (docs/threads.md). */
long sc_set_tid_address(struct cpu *cpu, uint64_t a[6])
{
    cpu->tid_address = a[0];
    return HSYS(SYS_gettid);
}

#define ROBUST_LIST_HEAD_SIZE 24   /* struct robust_list_head on 64-bit */

long sc_set_robust_list(struct cpu *cpu, uint64_t a[6])
{
    if (a[1] != ROBUST_LIST_HEAD_SIZE)
        return -EINVAL;
    cpu->robust_list = a[0];
    cpu->robust_len = a[1];
    return 0;
}

/* ---------------- limits and usage ---------------- */

_Static_assert(sizeof(struct rlimit) == 16, "struct rlimit64");

/* A pointer the guest does not own reaches the host as a fault pointer
 * (guest_host_ptr), so the kernel's own order holds: prlimit64 with a bad old
 * pointer still sets the new limit before failing, and a bad resource is
 * EINVAL, not EFAULT. */

long sc_prlimit64(struct cpu *cpu, uint64_t a[6])
{
    /* RLIMIT_* numbers are asm-generic/resource.h's on both sides */
    return HSYS(SYS_prlimit64, (int)a[0], (unsigned)a[1],
                guest_host_ptr(cpu, a[2], sizeof(struct rlimit), PROT_READ),
                guest_host_ptr(cpu, a[3], sizeof(struct rlimit), PROT_WRITE));
}

_Static_assert(sizeof(struct rusage) == 144, "struct rusage");

long sc_getrusage(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_getrusage, (int)a[0],
                guest_host_ptr(cpu, a[1], sizeof(struct rusage), PROT_WRITE));
}

_Static_assert(sizeof(struct tms) == 32, "struct tms");

long sc_times(struct cpu *cpu, uint64_t a[6])
{
    if (!OPT_OK(cpu, a[0], sizeof(struct tms), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_times, a[0]);
}

_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo");

long sc_sysinfo(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[0], sizeof(struct sysinfo), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_sysinfo, a[0]);
}

_Static_assert(sizeof(struct utsname) == 6 * 65, "struct new_utsname");

long sc_uname(struct cpu *cpu, uint64_t a[6])
{
    struct utsname u;
    long r = HSYS(SYS_uname, &u);
    if (r < 0)
        return r;
    const char *m = cpu->proc->arch->uname_machine;
    if (m) {
        memset(u.machine, 0, sizeof u.machine);
        strncpy(u.machine, m, sizeof u.machine - 1);
    }
    return guest_copy_out(cpu, a[0], &u, sizeof u);
}

/* the kernel checks the size (EINVAL) before it writes */
long sc_sched_getaffinity(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_sched_getaffinity, (int)a[0], a[1],
                guest_host_ptr(cpu, a[2], a[1], PROT_WRITE));
}

long sc_getrandom(struct cpu *cpu, uint64_t a[6])
{
    uint64_t n = guest_access_len(cpu, a[0], a[1], PROT_WRITE);
    if (n == 0 && a[1])
        return -EFAULT;
    /* GRND_* flags are the same everywhere */
    return HSYS(SYS_getrandom, a[0], n, (unsigned)a[2]);
}

/* ---------------- time ---------------- */

_Static_assert(sizeof(struct timespec) == 16 && sizeof(struct timeval) == 16, "time structs");

long sc_clock_gettime(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[1], sizeof(struct timespec), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_clock_gettime, (int)a[0], a[1]);
}

long sc_clock_getres(struct cpu *cpu, uint64_t a[6])
{
    if (!OPT_OK(cpu, a[1], sizeof(struct timespec), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_clock_getres, (int)a[0], a[1]);
}

long sc_gettimeofday(struct cpu *cpu, uint64_t a[6])
{
    if (!OPT_OK(cpu, a[0], sizeof(struct timeval), PROT_WRITE) ||
        !OPT_OK(cpu, a[1], sizeof(struct timezone), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_gettimeofday, a[0], a[1]);
}

long sc_nanosleep(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[0], sizeof(struct timespec), PROT_READ) ||
        !OPT_OK(cpu, a[1], sizeof(struct timespec), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_nanosleep, a[0], a[1]);
}

long sc_clock_nanosleep(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[2], sizeof(struct timespec), PROT_READ) ||
        !OPT_OK(cpu, a[3], sizeof(struct timespec), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_clock_nanosleep, (int)a[0], (int)a[1], a[2], a[3]);
}
