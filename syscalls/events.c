/* events.c — waiting on many things: epoll (with struct epoll_event
 * translation), eventfd, timerfd, signalfd, inotify.
 *
 * Handler rows: syscalls/handlers_events.def. events_sc_class tells the signal
 * code how each handler of this file ends when a signal interrupts it.
 * (poll/select: the generic guests have only ppoll and pselect6, which live
 * with the other temporary-mask calls in syscalls/sigwait.c.)
 *
 * ABI differences with the x86-64 host, all in this file:
 *  - struct epoll_event is packed on x86-64 (12 bytes: u32 events, u64 data at
 *    offset 4) and natural on asm-generic (16 bytes, data at offset 8). It is
 *    converted on the way in (epoll_ctl) and out (epoll_pwait/pwait2: the
 *    host fills the guest's array with packed entries, widened in place, so
 *    a wait returns as many events as the kernel would). The EPOLL* bits
 *    themselves are one header (linux/eventpoll.h) for all three.
 *  - the CLOEXEC/NONBLOCK creation flags of epoll_create1, eventfd2,
 *    timerfd_create, signalfd4 and inotify_init1 are the O_* values of the
 *    arch, so they go through the open-flag table (sc_abi); other bits are
 *    refused with EINVAL here, as the kernel refuses them.
 * Same on every Linux, passed as they are: struct itimerspec (64-bit), the
 * eventfd counter, TFD_TIMER_* flags, clock ids, the 64-bit signal set of
 * signalfd and struct signalfd_siginfo, IN_* masks and struct inotify_event
 * (the last two only come back through read(), syscalls/fs.c).
 *
 * signalfd works because the guest's blocked set is mirrored into the host
 * mask (runner/signal.c): a signal the guest blocks stays pending in the host
 * kernel, where the host signalfd finds it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm before the host kernel sees them (syscalls/guestmem.c); the
 * guest's signal mask is unchanged unless epoll_pwait returns -EINTR.
 */
#include <signal.h>
#include <limits.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>

#include "runner/signal.h"
#include "syscalls/sc.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* struct epoll_event of the x86-64 kernel (EPOLL_PACKED) */
struct host_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

/* struct epoll_event of asm-generic guests (aarch64, riscv64) */
struct guest_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};

_Static_assert(sizeof(struct host_epoll_event) == 12, "x86-64 epoll_event is packed");
_Static_assert(sizeof(struct guest_epoll_event) == 16, "generic epoll_event is natural");

#define GEPOLL_CTL_DEL 2
/* the guest kernel's EP_MAX_EVENTS: INT_MAX / sizeof(its epoll_event) */
#define GEP_MAX_EVENTS (INT_MAX / (int)sizeof(struct guest_epoll_event))

/* The guest values of O_CLOEXEC and O_NONBLOCK (the creation flags). */
static uint32_t guest_open_bit(const struct cpu *cpu, const char *name)
{
    const struct flag_family *f = &sc_abi(cpu)->open_flags;
    for (int i = 0; i < f->nrows; i++)
        if (strcmp(f->rows[i].name, name) == 0)
            return f->rows[i].guest;
    return 0;
}

/* creation flags: the host's value, or -EINVAL for bits outside
 * `extra` | CLOEXEC (| NONBLOCK when nonblock); `extra` bits are the same on
 * every arch and pass unchanged */
static long creation_flags(const struct cpu *cpu, uint64_t guest, bool nonblock, uint32_t extra)
{
    uint32_t oflags = guest_open_bit(cpu, "O_CLOEXEC");
    if (nonblock)
        oflags |= guest_open_bit(cpu, "O_NONBLOCK");
    if (guest & ~(uint64_t)(oflags | extra))
        return -EINVAL;
    return (long)(flags_to_host(&sc_abi(cpu)->open_flags, (uint32_t)guest & oflags) |
                  ((uint32_t)guest & extra));
}

/* ---------------- epoll ---------------- */

long sc_epoll_create1(struct cpu *cpu, uint64_t a[6])
{
    long fl = creation_flags(cpu, (uint32_t)a[0], false, 0);
    if (fl < 0)
        return fl;
    return HSYS(SYS_epoll_create1, fl);
}

long sc_epoll_ctl(struct cpu *cpu, uint64_t a[6])
{
    int op = (int)a[1];
    struct host_epoll_event h, *hp = NULL;
    /* the kernel reads the event for every op but DEL, before any other check */
    if (op != GEPOLL_CTL_DEL) {
        struct guest_epoll_event g;
        if (guest_copy_in(cpu, &g, a[3], sizeof g))
            return -EFAULT;
        h.events = g.events;
        h.data = g.data;
        hp = &h;
    }
    return HSYS(SYS_epoll_ctl, (int)a[0], op, (int)a[2], hp);
}

/* the call was interrupted with a temporary mask in force: it stays until the
 * handler frames are built, which record the old one (as in sigwait.c) */
static long interrupted(struct cpu *cpu, uint64_t old, uint64_t tmp)
{
    sig_set_mask(cpu, tmp);
    cpu->sig_saved_mask = old;
    cpu->sig_restore_mask = 1;
    return -EINTR;
}

/* one host wait: epoll_pwait (ms) or epoll_pwait2 (ts; NULL waits forever) */
static long host_wait(bool two, int epfd, struct host_epoll_event *ev, int n, int ms,
                      const struct timespec *ts, const uint64_t *hmask)
{
    if (two)
        return HSYS(SYS_epoll_pwait2, epfd, ev, n, ts, hmask, 8);
    return HSYS(SYS_epoll_pwait, epfd, ev, n, ms, hmask, 8);
}

/* epoll_pwait and epoll_pwait2 after their timeout argument was read.
 * The kernel's order: the signal mask (EINVAL, EFAULT), maxevents (EINVAL),
 * the descriptor (EBADF, EINVAL), then the wait; an events array it cannot
 * write fails only when there is an event to write (EFAULT, the event stays
 * ready). Ready events win over a signal the temporary mask lets in; a zero
 * timeout never reports EINTR. */
static long epoll_wait_common(struct cpu *cpu, uint64_t a[6], bool two, int ms,
                              const struct timespec *ts, bool zero)
{
    int epfd = (int)a[0];
    uint64_t events = a[1];
    int maxevents = (int)a[2];
    uint64_t m = 0;
    bool have = a[4] != 0;
    if (have) {
        if (a[5] != 8)
            return -EINVAL;
        if (guest_copy_in(cpu, &m, a[4], 8))
            return -EFAULT;
        m &= ~UNBLOCKABLE;
    }
    if (maxevents <= 0 || maxevents > GEP_MAX_EVENTS)
        return -EINVAL;

    /* The host writes its packed events into the guest's own array (12 bytes
     * each fit where 16 will go), which is then widened in place. */
    uint64_t cap = guest_access_len(cpu, events, (uint64_t)maxevents * sizeof(struct guest_epoll_event),
                                    PROT_WRITE) / sizeof(struct guest_epoll_event);
    struct host_epoll_event *hp = (struct host_epoll_event *)(uintptr_t)events;
    if (cap == 0) {
        /* Nothing writable: let the host kernel find out the same way, with
         * a fault pointer (guestmem.c): the host checks the descriptor,
         * waits, and then fails to write one event, leaving it ready; an
         * array past the task size fails its access_ok first, as the guest
         * kernel's. */
        uint64_t bytes = (uint64_t)maxevents * sizeof(struct guest_epoll_event);
        hp = (struct host_epoll_event *)(uintptr_t)guest_fault_ptr(cpu, events, bytes);
        cap = 1;
    }

    uint64_t old = cpu->sigmask, rec = sig_recorded(cpu);
    long r;
    if (have && (rec & ~old))
        return -TERN_ERESTART;   /* delivered before the call, as the kernel would */
    if (have && (rec & ~m)) {
        /* a signal pending for the temporary mask: ready events first */
        struct timespec z = { 0, 0 };
        r = host_wait(two, epfd, hp, (int)cap, 0, &z, NULL);
        if (r == 0 && !zero)
            return interrupted(cpu, old, m);
    } else {
        uint64_t hm = have ? sig_host_mask(cpu, m) : 0;
        r = host_wait(two, epfd, hp, (int)cap, ms, ts, have ? &hm : NULL);
        if (r == -EINTR && have)
            return interrupted(cpu, old, m);
    }
    if (r <= 0)
        return r;
    /* writable a moment ago; another guest thread may have unmapped it */
    if (!guest_access_ok(cpu, events, (uint64_t)r * sizeof(struct guest_epoll_event), PROT_WRITE))
        return -EFAULT;
    /* widen from the last: entry i goes to 16*i, past every packed entry
     * j < i (at 12*j), so only its own source is overlapped */
    for (long i = r - 1; i >= 0; i--) {
        struct host_epoll_event h;
        memcpy(&h, (const char *)hp + i * sizeof h, sizeof h);
        struct guest_epoll_event g = { .events = h.events, .pad = 0, .data = h.data };
        memcpy((char *)(uintptr_t)events + i * sizeof g, &g, sizeof g);
    }
    return r;
}

long sc_epoll_pwait(struct cpu *cpu, uint64_t a[6])
{
    int ms = (int)a[3];
    return epoll_wait_common(cpu, a, false, ms, NULL, ms == 0);
}

long sc_epoll_pwait2(struct cpu *cpu, uint64_t a[6])
{
    struct timespec t, *tp = NULL;
    if (a[3]) {
        if (guest_copy_in(cpu, &t, a[3], sizeof t))
            return -EFAULT;
        if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000L)
            return -EINVAL;
        tp = &t;
    }
    return epoll_wait_common(cpu, a, true, 0, tp, tp && t.tv_sec == 0 && t.tv_nsec == 0);
}

/* ---------------- eventfd, timerfd, signalfd, inotify ---------------- */

#define EFD_SEMAPHORE_ 1u   /* not an O_* bit: the same everywhere */

long sc_eventfd2(struct cpu *cpu, uint64_t a[6])
{
    long fl = creation_flags(cpu, (uint32_t)a[1], true, EFD_SEMAPHORE_);
    if (fl < 0)
        return fl;
    return HSYS(SYS_eventfd2, (unsigned)a[0], fl);
}

long sc_timerfd_create(struct cpu *cpu, uint64_t a[6])
{
    long fl = creation_flags(cpu, (uint32_t)a[1], true, 0);
    if (fl < 0)
        return fl;
    return HSYS(SYS_timerfd_create, (int)a[0], fl);
}

long sc_timerfd_settime(struct cpu *cpu, uint64_t a[6])
{
    struct itimerspec nv, ov;
    if (guest_copy_in(cpu, &nv, a[2], sizeof nv))
        return -EFAULT;
    long r = HSYS(SYS_timerfd_settime, (int)a[0], (int)a[1], &nv, a[3] ? &ov : NULL);
    /* as the kernel: the timer is set even when the old value cannot be
     * written back */
    if (r == 0 && a[3] && guest_copy_out(cpu, a[3], &ov, sizeof ov))
        return -EFAULT;
    return r;
}

long sc_timerfd_gettime(struct cpu *cpu, uint64_t a[6])
{
    struct itimerspec cur;
    long r = HSYS(SYS_timerfd_gettime, (int)a[0], &cur);
    if (r == 0 && guest_copy_out(cpu, a[1], &cur, sizeof cur))
        return -EFAULT;
    return r;
}

long sc_signalfd4(struct cpu *cpu, uint64_t a[6])
{
    /* the kernel's order: size, mask, flags */
    if (a[2] != 8)
        return -EINVAL;
    uint64_t m;
    if (guest_copy_in(cpu, &m, a[1], sizeof m))
        return -EFAULT;
    long fl = creation_flags(cpu, (uint32_t)a[3], true, 0);
    if (fl < 0)
        return fl;
    return HSYS(SYS_signalfd4, (int)a[0], &m, 8, fl);
}

long sc_inotify_init1(struct cpu *cpu, uint64_t a[6])
{
    long fl = creation_flags(cpu, (uint32_t)a[0], true, 0);
    if (fl < 0)
        return fl;
    return HSYS(SYS_inotify_init1, fl);
}

long sc_inotify_add_watch(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[1], buf, &path);
    if (r)
        return r;
    return HSYS(SYS_inotify_add_watch, (int)a[0], path, (uint32_t)a[2]);
}

long sc_inotify_rm_watch(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_inotify_rm_watch, (int)a[0], (int)a[1]);
}

/* epoll waits end with a plain -EINTR in the kernel (ep_poll), never
 * restarted, not even when no handler ran (signal(7): after a stop signal
 * and SIGCONT). Everything else here does not block (reads on these
 * descriptors are sc_read's). */
int events_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    if (fn == sc_epoll_pwait || fn == sc_epoll_pwait2)
        return SIG_SC_NORESTART;
    return SIG_SC_PLAIN;
}
