/* signal.c — guest signal dispositions and mask: rt_sigaction and
 * rt_sigprocmask are recorded in cpu->proc (sigact[], sigmask) with the
 * kernel's checks and return values; nothing is installed in the host (guest
 * signal delivery comes with the signals work, which reads these records).
 *
 * Guest struct sigaction (kernel ABI, asm-generic/signal.h), 64-bit:
 *   offset 0  sa_handler
 *   offset 8  sa_flags
 *   offset 16 sa_restorer   only when the arch defines SA_RESTORER (aarch64;
 *                           not riscv64) — syscall_abi.sigaction_restorer
 *   then      sa_mask       one 64-bit word (_NSIG = 64)
 * Signal numbers and SA_* values are asm-generic's, the same as x86-64's.
 *
 * Invariants: sigsetsize must be 8; SIGKILL/SIGSTOP can be neither caught nor
 * blocked. Records are per process for now (the mask becomes per thread with
 * threads; both then need a lock).
 */
#include <signal.h>

#include "syscalls/sc.h"

#define GUEST_NSIG 64
#define SIGBIT(s) (1ull << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* SA_* bits the kernel keeps (UAPI_SA_FLAGS; others read back as 0):
 * NOCLDSTOP 1, NOCLDWAIT 2, SIGINFO 4, EXPOSE_TAGBITS 0x800, ONSTACK 0x08000000,
 * RESTART 0x10000000, NODEFER 0x40000000, RESETHAND 0x80000000,
 * plus RESTORER 0x04000000 where the arch has it. */
#define GUEST_SA_FLAGS 0xd8000807ull
#define GUEST_SA_RESTORER 0x04000000ull

long sc_rt_sigaction(struct cpu *cpu, uint64_t a[6])
{
    struct tern_proc *p = cpu->proc;
    int sig = (int)a[0];
    uint64_t act = a[1], oact = a[2];
    if (a[3] != 8)
        return -EINVAL;
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;

    bool restorer = sc_abi(cpu)->sigaction_restorer;
    uint64_t keep = GUEST_SA_FLAGS | (restorer ? GUEST_SA_RESTORER : 0);
    size_t words = restorer ? 4 : 3;
    uint64_t in[4] = { 0 }, out[4] = { 0 };

    if (act && guest_copy_in(cpu, in, act, words * 8))
        return -EFAULT;

    struct guest_sigaction_rec old = p->sigact[sig];
    if (act) {
        struct guest_sigaction_rec n = {
            .handler = in[0],
            .flags = in[1] & keep,
            .restorer = restorer ? in[2] : 0,
            .mask = in[words - 1] & ~UNBLOCKABLE,
        };
        p->sigact[sig] = n;
    }
    if (oact) {
        out[0] = old.handler;
        out[1] = old.flags & keep;
        if (restorer)
            out[2] = old.restorer;
        out[words - 1] = old.mask;
        if (guest_copy_out(cpu, oact, out, words * 8))
            return -EFAULT;
    }
    return 0;
}

long sc_rt_sigprocmask(struct cpu *cpu, uint64_t a[6])
{
    struct tern_proc *p = cpu->proc;
    int how = (int)a[0];
    uint64_t set = a[1], oset = a[2];
    if (a[3] != 8)
        return -EINVAL;
    uint64_t old = p->sigmask;
    if (set) {
        uint64_t s;
        if (guest_copy_in(cpu, &s, set, 8))
            return -EFAULT;
        s &= ~UNBLOCKABLE;
        switch (how) {
        case SIG_BLOCK:   p->sigmask = old | s; break;
        case SIG_UNBLOCK: p->sigmask = old & ~s; break;
        case SIG_SETMASK: p->sigmask = s; break;
        default:          return -EINVAL;
        }
    }
    if (oset && guest_copy_out(cpu, oset, &old, 8))
        return -EFAULT;
    return 0;
}
