/* timers.c — POSIX per-process timers (timer_create, timer_settime,
 * timer_gettime, timer_getoverrun, timer_delete) and the calls that set the
 * clocks (clock_settime, settimeofday, clock_adjtime, adjtimex).
 *
 * Handler rows: syscalls/handlers_timers.def. None of these calls blocks, so
 * the file has no restart-class function (all SIG_SC_PLAIN).
 *
 * A guest timer is a host timer. Timer ids are the host kernel's, so the
 * si_timerid of a timer's signal is the id the guest got; the signal is a
 * host signal that runner/signal.c records (copying the host siginfo) and
 * delivers with that siginfo, so si_code SI_TIMER, si_timerid, si_overrun
 * and si_value reach the guest unchanged: the _timer member of siginfo's
 * union (int tid at 16, int overrun at 20, sigval at 24, private int at 32)
 * is asm-generic's on both guests and on x86-64, whose asm/siginfo.h only
 * includes it. Signal numbers map 1:1 (docs/signals.md), guest tids are host
 * tids (SIGEV_THREAD_ID names a guest thread as it is), and clock ids pass as
 * they are: the CPU-time clocks of tern's process and threads measure the
 * guest's, which they are; the pid-encoded CPU clocks name host pids, which
 * are the guest's. The libcs' SIGEV_THREAD (glibc: a helper thread woken by
 * SIGEV_THREAD_ID signal 32; musl: a thread per timer, likewise) is guest
 * code on top of these calls.
 *
 * Guest ABI, checked against the guests' and the host's UAPI headers:
 *  - struct sigevent is asm-generic's everywhere: 64 bytes, sigev_value at 0,
 *    sigev_signo at 8, sigev_notify at 12, the union (_tid for
 *    SIGEV_THREAD_ID, the SIGEV_THREAD function/attribute pair libcs keep
 *    there) at 16. SIGEV_SIGNAL 0, SIGEV_NONE 1, SIGEV_THREAD 2,
 *    SIGEV_THREAD_ID 4 everywhere.
 *  - struct itimerspec and struct timespec: 64-bit fields, 32 and 16 bytes.
 *  - struct timex (adjtimex, clock_adjtime): linux/timex.h is one file for
 *    all three; 208 bytes with 64-bit longs, ADJ_* and STA_* the same.
 *  - struct timeval 16 bytes, struct timezone 8.
 *
 * Pointers: what the kernel reads first (the sigevent, the new itimerspec,
 * the timespec, timeval and timezone to set, the timex) is copied in, so the
 * host works on tern's copy and another guest thread cannot change it
 * between check and use; what the kernel writes after acting (the new
 * timer's id, the old or current itimerspec) goes to the host as the guest's
 * pointer, or as a fault pointer when the guest does not own it, so the
 * host's order holds (an invalid timer id is EINVAL before the EFAULT, a
 * timer created for an unwritable id is deleted again, a settime with an
 * unwritable old value has still set the timer). A timex is read and written
 * back (EFAULT before anything when unreadable, as the kernel's first copy;
 * after the adjustment when unwritable).
 *
 * Known gap: a timer signal tern has recorded but the guest has not yet
 * taken is no longer pending in the host kernel, so an expiry in that window
 * queues a second signal where the kernel would count an overrun.
 *
 * Invariants: no state of its own; timers belong to the host process, which
 * is the guest's (an exec of a new guest program is a host exec, which
 * deletes them as the kernel would).
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/timex.h>

#include "syscalls/sc.h"

/* struct sigevent of the kernel (asm-generic/siginfo.h, SIGEV_MAX_SIZE) */
struct guest_sigevent {
    uint64_t value;
    int32_t signo, notify;
    union {
        int32_t tid;
        struct {
            uint64_t function, attribute;
        } thread;
        int32_t pad[12];
    } un;
};
_Static_assert(sizeof(struct guest_sigevent) == 64, "sigevent is SIGEV_MAX_SIZE");
_Static_assert(offsetof(struct guest_sigevent, un) == 16, "sigevent preamble");
_Static_assert(sizeof(struct sigevent) == 64, "host sigevent");
_Static_assert(offsetof(struct sigevent, sigev_signo) == 8 &&
               offsetof(struct sigevent, sigev_notify) == 12, "host sigevent layout");
_Static_assert(sizeof(struct itimerspec) == 32 && sizeof(struct timespec) == 16, "itimerspec");
_Static_assert(sizeof(struct timeval) == 16 && sizeof(struct timezone) == 8, "timeval/timezone");
_Static_assert(sizeof(struct timex) == 208 && offsetof(struct timex, tai) == 160, "struct timex");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo");

/* a struct the kernel reads before anything else: *buf when the guest owns
 * it (copied), NULL when the guest passed NULL, else a fault pointer for the
 * host's copy to fail on in its own order */
static uint64_t copy_arg(struct cpu *cpu, uint64_t addr, void *buf, size_t len)
{
    if (addr == 0)
        return 0;
    if (guest_copy_in(cpu, buf, addr, len) == 0)
        return (uint64_t)(uintptr_t)buf;
    return guest_fault_ptr(cpu, addr, len);
}

/* ---------------- POSIX timers ---------------- */

/* timer_create(clockid, sigevent *, timer_t *id). The kernel copies the
 * sigevent first (EFAULT), then checks the clock (EINVAL), the notification
 * (EINVAL), and writes the id last. NULL: SIGEV_SIGNAL with SIGALRM and the
 * timer id as the value, the host's default and the guest kernel's. */
long sc_timer_create(struct cpu *cpu, uint64_t a[6])
{
    struct guest_sigevent ev;
    return HSYS(SYS_timer_create, (int)a[0], copy_arg(cpu, a[1], &ev, sizeof ev),
                guest_host_ptr(cpu, a[2], sizeof(int32_t), PROT_WRITE));
}

/* timer_settime(id, flags, new, old): NULL new is EINVAL, an unreadable one
 * EFAULT, before the timer is looked up */
long sc_timer_settime(struct cpu *cpu, uint64_t a[6])
{
    struct itimerspec nv;
    return HSYS(SYS_timer_settime, (int)a[0], (int)a[1], copy_arg(cpu, a[2], &nv, sizeof nv),
                guest_host_ptr(cpu, a[3], sizeof(struct itimerspec), PROT_WRITE));
}

long sc_timer_gettime(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_timer_gettime, (int)a[0],
                guest_host_ptr(cpu, a[1], sizeof(struct itimerspec), PROT_WRITE));
}

long sc_timer_getoverrun(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_timer_getoverrun, (int)a[0]);
}

long sc_timer_delete(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_timer_delete, (int)a[0]);
}

/* ---------------- setting the clocks ---------------- */

/* clock_settime(clockid, tp): the clock is checked (EINVAL) before tp is
 * read; privilege (EPERM) after */
long sc_clock_settime(struct cpu *cpu, uint64_t a[6])
{
    struct timespec ts;
    return HSYS(SYS_clock_settime, (int)a[0], copy_arg(cpu, a[1], &ts, sizeof ts));
}

/* settimeofday(tv, tz): either may be NULL; tv is read (EFAULT) and checked
 * (EINVAL) before tz is read */
long sc_settimeofday(struct cpu *cpu, uint64_t a[6])
{
    struct timeval tv;
    struct timezone tz;
    return HSYS(SYS_settimeofday, copy_arg(cpu, a[0], &tv, sizeof tv),
                copy_arg(cpu, a[1], &tz, sizeof tz));
}

/* clock_adjtime(clockid, timex) and adjtimex(timex) (CLOCK_REALTIME's): the
 * kernel reads the whole timex first, adjusts, and writes it back when the
 * call succeeded (the result is the clock state, TIME_OK...) */
static long adjtime_common(struct cpu *cpu, long nr, int clk, uint64_t gtx)
{
    struct timex tx;
    if (guest_copy_in(cpu, &tx, gtx, sizeof tx))
        return -EFAULT;
    long r = nr == SYS_adjtimex ? HSYS(nr, &tx) : HSYS(nr, clk, &tx);
    if (r >= 0 && guest_copy_out(cpu, gtx, &tx, sizeof tx))
        return -EFAULT;
    return r;
}

long sc_clock_adjtime(struct cpu *cpu, uint64_t a[6])
{
    return adjtime_common(cpu, SYS_clock_adjtime, (int)a[0], a[1]);
}

long sc_adjtimex(struct cpu *cpu, uint64_t a[6])
{
    return adjtime_common(cpu, SYS_adjtimex, 0, a[0]);
}
