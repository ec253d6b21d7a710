/* signal.c — guest signal syscalls: dispositions (rt_sigaction), the mask
 * (rt_sigprocmask, rt_sigpending), rt_sigreturn, sigaltstack, sending with a
 * siginfo (rt_sigqueueinfo, rt_tgsigqueueinfo), the interval timers that send
 * SIGALRM and friends (setitimer, getitimer), and the restart class of every
 * syscall handler. Delivery itself is runner/signal.c; the waiting calls
 * (rt_sigsuspend, rt_sigtimedwait, ppoll, pselect6) are sigwait.c.
 *
 * Guest struct sigaction (kernel ABI, asm-generic/signal.h), 64-bit:
 *   offset 0  sa_handler
 *   offset 8  sa_flags
 *   offset 16 sa_restorer   only when the arch defines SA_RESTORER (aarch64;
 *                           not riscv64) — syscall_abi.sigaction_restorer
 *   then      sa_mask       one 64-bit word (_NSIG = 64)
 * Signal numbers, SA_*, siginfo_t, stack_t and struct itimerval are the same
 * on both guests and on x86-64.
 *
 * Invariants: sigsetsize must be 8 (rt_sigpending: at most 8); SIGKILL/SIGSTOP
 * can be neither caught nor blocked; every change of a disposition or of the
 * mask goes through runner/signal.c, which keeps the host's in step.
 * Dispositions are per process, the mask and alternate stack per thread
 * (struct cpu).
 */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>

#include "runner/signal.h"
#include "syscalls/sc.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* SA_* bits the kernel keeps (UAPI_SA_FLAGS; others read back as 0):
 * NOCLDSTOP 1, NOCLDWAIT 2, SIGINFO 4, EXPOSE_TAGBITS 0x800, ONSTACK 0x08000000,
 * RESTART 0x10000000, NODEFER 0x40000000, RESETHAND 0x80000000,
 * plus RESTORER 0x04000000 where the arch has it. */
#define GUEST_SA_FLAGS 0xd8000807ull

/* pointer argument that may be NULL */
#define OPT_OK(cpu, addr, len, prot) ((addr) == 0 || guest_access_ok(cpu, addr, len, prot))

/* ---------------- dispositions and mask ---------------- */

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
    uint64_t keep = GUEST_SA_FLAGS | (restorer ? GSA_RESTORER : 0);
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
        sig_apply_disposition(cpu, sig);
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
    int how = (int)a[0];
    uint64_t set = a[1], oset = a[2];
    if (a[3] != 8)
        return -EINVAL;
    uint64_t old = cpu->sigmask;
    if (set) {
        uint64_t s;
        if (guest_copy_in(cpu, &s, set, 8))
            return -EFAULT;
        s &= ~UNBLOCKABLE;
        uint64_t n;
        switch (how) {
        case SIG_BLOCK:   n = old | s; break;
        case SIG_UNBLOCK: n = old & ~s; break;
        case SIG_SETMASK: n = s; break;
        default:          return -EINVAL;
        }
        sig_set_mask(cpu, n);
    }
    if (oset && guest_copy_out(cpu, oset, &old, 8))
        return -EFAULT;
    return 0;
}

/* the blocked signals pending: the host kernel holds those the guest blocked
 * (the host mask includes the guest's), tern those it recorded */
long sc_rt_sigpending(struct cpu *cpu, uint64_t a[6])
{
    if (a[1] > 8)
        return -EINVAL;
    uint64_t host = 0;
    long r = HSYS(SYS_rt_sigpending, &host, 8);
    if (r < 0)
        return r;
    uint64_t pend = (host | sig_recorded(cpu)) & cpu->sigmask;
    if (guest_copy_out(cpu, a[0], &pend, (size_t)a[1]))
        return -EFAULT;
    return 0;
}

/* ---------------- alternate stack ---------------- */

/* the kernel's do_sigaltstack: ss/oss are stack_t images (24 bytes), sp the
 * guest stack pointer it judges "on the stack" by */
static long do_sigaltstack(struct cpu *cpu, const uint8_t *ss, uint8_t *oss, uint64_t sp)
{
    if (oss) {
        uint32_t flags = !cpu->ss_size ? GSS_DISABLE : sig_on_altstack(cpu, sp) ? GSS_ONSTACK : 0;
        flags |= cpu->ss_flags & GSS_AUTODISARM;
        memset(oss, 0, 24);
        memcpy(oss, &cpu->ss_sp, 8);
        memcpy(oss + 8, &flags, 4);
        memcpy(oss + 16, &cpu->ss_size, 8);
    }
    if (ss) {
        uint64_t ss_sp, ss_size;
        uint32_t ss_flags;
        memcpy(&ss_sp, ss, 8);
        memcpy(&ss_flags, ss + 8, 4);
        memcpy(&ss_size, ss + 16, 8);
        if (sig_on_altstack(cpu, sp))
            return -EPERM;
        uint32_t mode = ss_flags & ~GSS_AUTODISARM;
        if (mode != GSS_DISABLE && mode != GSS_ONSTACK && mode != 0)
            return -EINVAL;
        if (cpu->ss_sp == ss_sp && cpu->ss_size == ss_size && cpu->ss_flags == ss_flags)
            return 0;
        if (mode == GSS_DISABLE) {
            ss_size = 0;
            ss_sp = 0;
        } else if (ss_size < cpu->proc->arch->sig_minstksz) {
            return -ENOMEM;
        }
        cpu->ss_sp = ss_sp;
        cpu->ss_size = ss_size;
        cpu->ss_flags = ss_flags;
    }
    return 0;
}

long sc_sigaltstack(struct cpu *cpu, uint64_t a[6])
{
    uint8_t ss[24], oss[24];
    if (a[0] && guest_copy_in(cpu, ss, a[0], sizeof ss))
        return -EFAULT;
    uint64_t sp = cpu->gpr[cpu->proc->arch->sp_reg];
    long r = do_sigaltstack(cpu, a[0] ? ss : NULL, a[1] ? oss : NULL, sp);
    if (!r && a[1] && guest_copy_out(cpu, a[1], oss, sizeof oss))
        return -EFAULT;
    return r;
}

/* ---------------- rt_sigreturn ---------------- */

/* The kernel's rt_sigreturn: registers (FP/SIMD state included) from the
 * frame at sp, then the mask and the alternate stack from its ucontext. A
 * frame it refuses forces SIGSEGV and returns 0. The result register's value
 * is returned so writing it back changes nothing; the dispatcher leaves the
 * pc the frame gave (SIG_SC_SIGRETURN). */
long sc_rt_sigreturn(struct cpu *cpu, uint64_t a[6])
{
    (void)a;
    const struct guest_arch *arch = cpu->proc->arch;
    uint64_t uc = 0;
    uint8_t badinfo[128];
    int r = arch->sig_restore_frame(cpu, &uc, badinfo);
    if (r == -2) {
        cpu->pc += 4;   /* nothing came from the frame: on after the syscall */
        sig_force(cpu, SIGSEGV, badinfo);
        return 0;
    }
    uint64_t mask;
    if (guest_copy_in(cpu, &mask, uc + GUC_SIGMASK, 8) == 0)
        sig_set_mask(cpu, mask);
    if (r < 0) {
        sig_force(cpu, SIGSEGV, badinfo);
        return 0;
    }
    uint8_t ss[24];
    if (guest_copy_in(cpu, ss, uc + GUC_STACK, sizeof ss) == 0)
        (void)do_sigaltstack(cpu, ss, NULL, cpu->gpr[arch->sp_reg]); /* errors ignored */
    return (long)cpu->gpr[arch->sc_ret_reg];
}

/* ---------------- sending with a siginfo ---------------- */

/* the kernel's rules (no si_code >= 0 or SI_TKILL to another process) are
 * the host kernel's: the siginfo layout is the same */
long sc_rt_sigqueueinfo(struct cpu *cpu, uint64_t a[6])
{
    uint8_t info[128];
    if (guest_copy_in(cpu, info, a[2], sizeof info))
        return -EFAULT;
    return HSYS(SYS_rt_sigqueueinfo, (int)a[0], (int)a[1], info);
}

long sc_rt_tgsigqueueinfo(struct cpu *cpu, uint64_t a[6])
{
    uint8_t info[128];
    if (guest_copy_in(cpu, info, a[3], sizeof info))
        return -EFAULT;
    return HSYS(SYS_rt_tgsigqueueinfo, (int)a[0], (int)a[1], (int)a[2], info);
}

/* ---------------- interval timers ---------------- */

_Static_assert(sizeof(struct itimerval) == 32, "struct itimerval");

long sc_setitimer(struct cpu *cpu, uint64_t a[6])
{
    if (!OPT_OK(cpu, a[1], sizeof(struct itimerval), PROT_READ) ||
        !OPT_OK(cpu, a[2], sizeof(struct itimerval), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_setitimer, (int)a[0], a[1], a[2]);
}

long sc_getitimer(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[1], sizeof(struct itimerval), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_getitimer, (int)a[0], a[1]);
}

/* ---------------- restart classes ---------------- */

/* How each handler ends when a host signal interrupts it (runner/signal.h
 * SIG_SC_*): the kernel's -ERESTART* code for the call. Rows: handler,
 * class. Unlisted handlers do not block (SIG_SC_PLAIN); the area files
 * (fsx, events, net, ident, tty) answer for their own. */
int sig_sc_class_of(long (*fn)(struct cpu *, uint64_t *))
{
    static const struct {
        long (*fn)(struct cpu *, uint64_t *);
        int cls;
    } rows[] = {
        { sc_read,            SIG_SC_RESTARTSYS },
        { sc_readv,           SIG_SC_RESTARTSYS },
        { sc_pread64,         SIG_SC_RESTARTSYS },
        { sc_write,           SIG_SC_RESTARTSYS },
        { sc_writev,          SIG_SC_RESTARTSYS },
        { sc_pwrite64,        SIG_SC_RESTARTSYS },
        { sc_openat,          SIG_SC_RESTARTSYS },  /* FIFOs */
        { sc_fcntl,           SIG_SC_RESTARTSYS },  /* F_SETLKW */
        { sc_wait4,           SIG_SC_RESTARTSYS },
        { sc_waitid,          SIG_SC_RESTARTSYS },
        { sc_close,           SIG_SC_NORESTART },   /* the kernel turns it into EINTR */
        { sc_nanosleep,       SIG_SC_RESTARTBLOCK },
        { sc_clock_nanosleep, SIG_SC_RESTARTBLOCK },/* TIMER_ABSTIME: NOHAND, same ending */
        { sc_rt_sigsuspend,   SIG_SC_NOHAND },
        { sc_ppoll,           SIG_SC_NOHAND },
        { sc_pselect6,        SIG_SC_NOHAND },
        { sc_rt_sigtimedwait, SIG_SC_NORESTART },
        { sc_rt_sigreturn,    SIG_SC_SIGRETURN },
    };
    if (!fn)
        return SIG_SC_PLAIN;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].fn == fn)
            return rows[i].cls;
    /* the area files keep their own rows */
    static int (*const areas[])(long (*)(struct cpu *, uint64_t *)) = {
        fsx_sc_class, events_sc_class, net_sc_class, ident_sc_class, tty_sc_class,
        futex_sc_class,
    };
    for (size_t i = 0; i < sizeof areas / sizeof areas[0]; i++) {
        int cls = areas[i](fn);
        if (cls != SIG_SC_PLAIN)
            return cls;
    }
    return SIG_SC_PLAIN;
}
