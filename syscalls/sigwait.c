/* sigwait.c — the syscalls that wait with or for signals: rt_sigsuspend,
 * rt_sigtimedwait, ppoll and pselect6 (with their temporary signal mask).
 *
 * The host call does the waiting, with a host mask built from the guest's
 * temporary one (runner/signal.c sig_host_mask: signals tern has already
 * recorded stay blocked in the host, they are pending in tern instead).
 * struct pollfd, the POLL* bits, fd_set, struct timespec and siginfo_t are
 * the same on both guests and x86-64, so guest buffers go to the host as
 * they are once checked (remaining times are written back by the host, as the
 * kernel writes them; a read-only timeout is read, not written, as the
 * kernel leaves it). Checks come in the kernel's order (timeout, mask,
 * counts, arrays), and select's n is bounded by the descriptor table as the
 * kernel bounds it.
 *
 * Temporary masks follow the kernel: interrupted (-EINTR, which the dispatcher
 * turns into the -ERESTARTNOHAND ending), the temporary mask stays while the
 * handlers are set up and the frame records the old one (cpu->sig_saved_mask,
 * sig_restore_mask); otherwise the old mask is back when the call returns.
 *
 * Signals tern recorded before the wait began: one the old mask lets through
 * would have been delivered before the syscall instruction, so the call is
 * rewound (-TERN_ERESTART) and the signal delivered first; one only the
 * temporary mask lets through ends the wait at once, as a pending signal
 * does in the kernel (ppoll/pselect6 first look whether descriptors are
 * ready, as the kernel returns them before checking for signals).
 *
 * Invariants: the guest's mask is unchanged unless the call returns -EINTR.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include "runner/signal.h"
#include "syscalls/sc.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* pointer argument that may be NULL */
#define OPT_OK(cpu, addr, len, prot) ((addr) == 0 || guest_access_ok(cpu, addr, len, prot))

/* the call was interrupted: the temporary mask stays until the handler
 * frames are built, which record the old one */
static long interrupted(struct cpu *cpu, uint64_t old, uint64_t tmp)
{
    sig_set_mask(cpu, tmp);
    cpu->sig_saved_mask = old;
    cpu->sig_restore_mask = 1;
    return -EINTR;
}

long sc_rt_sigsuspend(struct cpu *cpu, uint64_t a[6])
{
    if (a[1] != 8)
        return -EINVAL;
    uint64_t m;
    if (guest_copy_in(cpu, &m, a[0], 8))
        return -EFAULT;
    m &= ~UNBLOCKABLE;
    uint64_t old = cpu->sigmask, rec = sig_recorded(cpu);
    if (rec & ~old)
        return -TERN_ERESTART;
    if (rec & ~m)
        return interrupted(cpu, old, m);
    uint64_t hm = sig_host_mask(cpu, m);
    long r = HSYS(SYS_rt_sigsuspend, &hm, 8);
    if (r == -TERN_ERESTART)
        return r;
    return interrupted(cpu, old, m);   /* it only ever returns -EINTR */
}

long sc_rt_sigtimedwait(struct cpu *cpu, uint64_t a[6])
{
    uint64_t set, info = a[1], ts = a[2];
    if (a[3] != 8)
        return -EINVAL;
    if (guest_copy_in(cpu, &set, a[0], 8))
        return -EFAULT;
    if (!OPT_OK(cpu, ts, sizeof(struct timespec), PROT_READ) ||
        !OPT_OK(cpu, info, 128, PROT_WRITE))
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    uint64_t rec = sig_recorded(cpu);
    if (rec & ~cpu->sigmask)
        return -TERN_ERESTART;
    uint8_t buf[128];
    int sig = sig_take_recorded(cpu, set, buf);
    if (sig) {
        if (info && guest_copy_out(cpu, info, buf, sizeof buf))
            return -EFAULT;
        return sig;
    }
    return HSYS(SYS_rt_sigtimedwait, &set, info, ts, 8);
}

/* the temporary mask argument of ppoll/pselect6: 0, 1 (*m set) or -errno */
static long temp_mask(struct cpu *cpu, uint64_t addr, uint64_t size, uint64_t *m)
{
    if (!addr)
        return 0;
    if (size != 8)
        return -EINVAL;
    if (guest_copy_in(cpu, m, addr, 8))
        return -EFAULT;
    *m &= ~UNBLOCKABLE;
    return 1;
}

/* The timeout of ppoll/pselect6, which the kernel reads and checks first.
 * *host is what the host call gets: the guest's own timespec, where the host
 * writes the time left as the kernel does, or, when the guest's is
 * read-only, the copy (the kernel leaves a timeout it cannot write as it
 * was, and the call still succeeds). 0 or -errno. */
static long timeout_arg(struct cpu *cpu, uint64_t addr, struct timespec *copy,
                        const struct timespec **host)
{
    *host = NULL;
    if (!addr)
        return 0;
    if (guest_copy_in(cpu, copy, addr, sizeof *copy))
        return -EFAULT;
    if (copy->tv_sec < 0 || copy->tv_nsec < 0 || copy->tv_nsec >= 1000000000L)
        return -EINVAL;
    *host = guest_access_ok(cpu, addr, sizeof *copy, PROT_WRITE)
                ? (const struct timespec *)(uintptr_t)addr
                : copy;
    return 0;
}

long sc_ppoll(struct cpu *cpu, uint64_t a[6])
{
    uint64_t fds = a[0];
    uint32_t nfds = (uint32_t)a[1];   /* unsigned int in the kernel */
    struct timespec tcopy;
    const struct timespec *ts;
    long r = timeout_arg(cpu, a[2], &tcopy, &ts);
    if (r)
        return r;
    uint64_t m = 0;
    long have = temp_mask(cpu, a[3], a[4], &m);
    if (have < 0)
        return have;
    struct rlimit rl;
    if (HSYS(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) == 0 && nfds > rl.rlim_cur)
        return -EINVAL;
    if (nfds && !guest_access_ok(cpu, fds, (uint64_t)nfds * 8, PROT_READ | PROT_WRITE))
        return -EFAULT;
    uint64_t old = cpu->sigmask, rec = sig_recorded(cpu);
    if (rec & ~old)
        return -TERN_ERESTART;
    if (have && (rec & ~m)) {
        /* a signal pending for the temporary mask: ready descriptors first */
        struct timespec zero = { 0, 0 };
        r = HSYS(SYS_ppoll, fds, nfds, &zero, NULL, 8);
        if (r != 0)
            return r;
        return interrupted(cpu, old, m);
    }
    uint64_t hm = have ? sig_host_mask(cpu, m) : 0;
    r = HSYS(SYS_ppoll, fds, nfds, ts, have ? &hm : NULL, 8);
    if (r == -EINTR && have)
        return interrupted(cpu, old, m);
    return r;
}

/* The kernel clamps select's n to the size of the descriptor table
 * (max_fds, which /proc/self/status calls FDSize), not to RLIMIT_NOFILE, and
 * then reads and writes whole longs of every set up to n. Only asked when
 * sets sized for the RLIMIT_NOFILE clamp run off guest memory: the table
 * size is then a smaller bound that may still fit. -errno if unknown. */
static long fd_table_size(void)
{
    long fd = HSYS(SYS_open, "/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fd;
    char buf[4096];
    long n = HSYS(SYS_read, fd, buf, sizeof buf - 1);
    (void)HSYS(SYS_close, fd);
    if (n < 0)
        return n;
    buf[n] = 0;
    const char *p = strstr(buf, "\nFDSize:");
    if (!p)
        return -ENOENT;
    return strtol(p + 8, NULL, 10);
}

/* whole longs of n bits */
static size_t fd_set_bytes(int64_t n)
{
    return (size_t)((n + 63) / 64) * 8;
}

static bool sets_ok(struct cpu *cpu, const uint64_t sets[3], size_t bytes)
{
    for (int i = 0; i < 3; i++)
        if (bytes && !OPT_OK(cpu, sets[i], bytes, PROT_READ | PROT_WRITE))
            return false;
    return true;
}

long sc_pselect6(struct cpu *cpu, uint64_t a[6])
{
    int64_t n = (int32_t)a[0];
    uint64_t sets[3] = { a[1], a[2], a[3] }, sigarg = a[5];
    /* the kernel's order: the signal argument, the timeout, the mask, n, the sets */
    uint64_t sa[2] = { 0, 0 };   /* { const sigset_t *ss; size_t ss_len } */
    if (sigarg && guest_copy_in(cpu, sa, sigarg, sizeof sa))
        return -EFAULT;
    struct timespec tcopy;
    const struct timespec *ts;
    long r = timeout_arg(cpu, a[4], &tcopy, &ts);
    if (r)
        return r;
    uint64_t m = 0;
    long have = temp_mask(cpu, sa[0], sa[1], &m);
    if (have < 0)
        return have;
    if (n < 0)
        return -EINVAL;
    /* n past the descriptor table means nothing: the host is given the n
     * the sets were checked for, so it never reads or writes past them even
     * if its table grows meanwhile */
    struct rlimit rl;
    if (HSYS(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) == 0 && (uint64_t)n > rl.rlim_cur)
        n = (int64_t)rl.rlim_cur;
    if (!sets_ok(cpu, sets, fd_set_bytes(n))) {
        long tbl = fd_table_size();
        if (tbl < 0)
            return tbl == -TERN_ERESTART ? tbl : -EFAULT;
        if (n <= tbl || !sets_ok(cpu, sets, fd_set_bytes(tbl)))
            return -EFAULT;
        n = tbl;
    }
    size_t bytes = fd_set_bytes(n);
    uint64_t old = cpu->sigmask, rec = sig_recorded(cpu);
    if (rec & ~old)
        return -TERN_ERESTART;
    if (have && (rec & ~m)) {
        /* ready descriptors first, looked at on copies: an interrupted
         * pselect leaves the guest's sets as they were */
        uint8_t *copy = calloc(3, bytes ? bytes : 1);
        if (!copy)
            return -ENOMEM;
        uint64_t c[3];
        for (int i = 0; i < 3; i++) {
            c[i] = sets[i] ? (uint64_t)(uintptr_t)(copy + i * bytes) : 0;
            if (sets[i])
                memcpy(copy + i * bytes, (const void *)(uintptr_t)sets[i], bytes);
        }
        struct timespec zero = { 0, 0 };
        r = HSYS(SYS_pselect6, n, c[0], c[1], c[2], &zero, NULL);
        if (r > 0)
            for (int i = 0; i < 3; i++)
                if (sets[i])
                    memcpy((void *)(uintptr_t)sets[i], copy + i * bytes, bytes);
        free(copy);
        if (r != 0)
            return r;
        return interrupted(cpu, old, m);
    }
    uint64_t hm = have ? sig_host_mask(cpu, m) : 0;
    struct { const uint64_t *ss; uint64_t len; } hsig = { &hm, 8 };
    r = HSYS(SYS_pselect6, n, sets[0], sets[1], sets[2], ts, have ? &hsig : NULL);
    if (r == -EINTR && have)
        return interrupted(cpu, old, m);
    return r;
}
