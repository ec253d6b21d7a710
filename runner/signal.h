/* signal.h — guest signal delivery (runner/signal.c), the contract between it
 * and each architecture's frame code (frontends/<arch>/sigframe.c), and the
 * interruptible host-syscall entry the syscall layer uses.
 *
 * Signal numbers, SA_* and SS_* values, siginfo_t (128 bytes) and stack_t
 * (24 bytes) are asm-generic's on aarch64 and riscv64, and the same as
 * x86-64's: they pass between guest and host unchanged.
 */
#ifndef TERN_SIGNAL_H
#define TERN_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

#define GUEST_NSIG 64
#define SIGBIT(s) (1ull << ((s) - 1))

/* guest sa_flags the kernel keeps (asm-generic, = x86-64) */
#define GSA_NOCLDSTOP 0x00000001ull
#define GSA_NOCLDWAIT 0x00000002ull
#define GSA_SIGINFO   0x00000004ull
#define GSA_RESTORER  0x04000000ull   /* aarch64 only */
#define GSA_ONSTACK   0x08000000ull
#define GSA_RESTART   0x10000000ull
#define GSA_NODEFER   0x40000000ull
#define GSA_RESETHAND 0x80000000ull

#define GSIG_DFL 0ull
#define GSIG_IGN 1ull

/* sigaltstack */
#define GSS_ONSTACK    1u
#define GSS_DISABLE    2u
#define GSS_AUTODISARM (1u << 31)

/* the head of the generic ucontext (both guests): uc_flags, uc_link,
 * uc_stack (stack_t), uc_sigmask; the arch's mcontext follows */
#define GUC_FLAGS   0
#define GUC_LINK    8
#define GUC_STACK   16
#define GUC_SIGMASK 40

/* What runner/signal.c asks of an arch's sig_setup_frame: the kernel's
 * setup_rt_frame for a handler, the registers at the safe point being the
 * interrupted context (cpu->pc = where it resumes). The arch picks the stack
 * with sig_frame_sp, writes siginfo (when the kernel does), the ucontext
 * (uc_flags 0, uc_link 0, uc_stack from sig_save_altstack, uc_sigmask = mask,
 * its mcontext with the FP/SIMD state) and its extras, then sets pc = handler,
 * sp = frame, the argument registers and the return address = ret. */
struct sig_frame {
    int sig;
    const uint8_t *info;    /* 128-byte siginfo */
    uint64_t handler;
    uint64_t flags;         /* sa_flags */
    uint64_t ret;           /* sa_restorer, or the trampoline page */
    uint64_t mask;          /* the blocked set uc_sigmask records */
};

/* sigsp(): the stack top a frame goes below: the alternate stack's top for an
 * SA_ONSTACK handler when one is set up and sp is not already on it */
uint64_t sig_frame_sp(const struct cpu *cpu, uint64_t sp, uint64_t sa_flags);
/* on_sig_stack(): sp is on the alternate stack (never with SS_AUTODISARM) */
bool sig_on_altstack(const struct cpu *cpu, uint64_t sp);
/* __save_altstack(): the stack_t a frame records (ss_sp, the flags
 * sigaltstack was given, ss_size; 24 bytes at out), then disarms an
 * SS_AUTODISARM stack as the kernel does */
void sig_save_altstack(struct cpu *cpu, uint64_t sp, uint8_t out[24]);

/* ---- the host handlers' side ---- */

/* fault.c's host handler got a SIGSEGV/SIGBUS/SIGFPE/SIGILL that was sent
 * (kill, tgkill, sigqueue: si_code <= 0), not a fault: it goes to the guest
 * as an ordinary signal (recorded, pending while the guest blocks it,
 * discarded while it ignores it). si (siginfo_t) and uc (ucontext_t) are
 * the host handler's. */
void sig_record_sent(int sig, void *si, void *uc);

/* ---- the dispatcher's side ---- */

/* once per host task that runs guest code, before its first instruction
 * (cpu_loop): routes host signals to cpu, installs the host dispositions the
 * first time, and gives a vfork child or new thread its own (empty) pending
 * set */
void sig_thread_start(struct cpu *cpu);
/* a guest thread ends (runner/thread.c): its host signals blocked for good,
 * no route, recorded process-directed signals given back to the process */
void sig_thread_exit(struct cpu *cpu);
/* at a safe point (every guest register in cpu, cpu->pc the next insn):
 * take the recorded signals the guest mask lets through, build the handler
 * frames (or do the default action), finish an interrupted syscall's restart */
void sig_deliver(struct cpu *cpu);

/* around guest_syscall(): how a syscall interrupted by a host signal ends
 * (the kernel's -ERESTART* rules), and whether it may be cut short before it
 * blocks. Classes, per handler (syscalls/signal.c: sig_sc_class_of): */
enum {
    SIG_SC_PLAIN = 0,    /* does not block: a host EINTR is taken as ERESTARTSYS */
    SIG_SC_RESTARTSYS,   /* may block: restarted with SA_RESTART, else EINTR */
    SIG_SC_NOHAND,       /* -ERESTARTNOHAND: EINTR after a handler, else restarted */
    SIG_SC_RESTARTBLOCK, /* -ERESTART_RESTARTBLOCK (sleeps): as NOHAND */
    SIG_SC_NORESTART,    /* EINTR whatever happens (rt_sigtimedwait) */
    SIG_SC_SIGRETURN,    /* rt_sigreturn: the registers come from the frame */
    SIG_SC_NOINTR,       /* -ERESTARTNOINTR: restarted whatever happens (futex
                            LOCK_PI); only as a handler's refinement */
};
/* the class of the syscall handler fn (syscalls/signal.c) */
int sig_sc_class_of(long (*fn)(struct cpu *, uint64_t *));
/* A handler whose class depends on its arguments sets cpu->sig_sc_cls
 * (set to the row's class before it runs). */
struct sig_sc {
    int cls;
    uint64_t arg0;       /* the first argument (the result register's old value) */
};
void sig_syscall_enter(struct cpu *cpu, struct sig_sc *sc);
/* writes the result register and advances (or rewinds) cpu->pc */
void sig_syscall_exit(struct cpu *cpu, struct sig_sc *sc);

/* ---- the syscall layer's side ---- */

/* the guest blocked set changes (SIGKILL/SIGSTOP are dropped) */
void sig_set_mask(struct cpu *cpu, uint64_t mask);
/* the host disposition follows the guest's record proc->sigact[sig] */
void sig_apply_disposition(struct cpu *cpu, int sig);
/* the host mask to wait with for a temporary guest mask (sigsuspend, ppoll,
 * pselect6): recorded signals stay blocked, fault signals never are */
uint64_t sig_host_mask(const struct cpu *cpu, uint64_t guest_mask);
/* signals recorded (pending for the guest, not yet delivered) */
uint64_t sig_recorded(const struct cpu *cpu);
/* take a recorded signal out of set (lowest first): its number, info copied
 * to out; 0 if none */
int sig_take_recorded(struct cpu *cpu, uint64_t set, uint8_t out[128]);
/* the kernel's force_sig: sig (with info) is delivered even if blocked or
 * ignored (the disposition then reverts to SIG_DFL) */
void sig_force(struct cpu *cpu, int sig, const uint8_t info[128]);
/* the return address for a handler without sa_restorer: a guest page holding
 * the arch's sig_tramp, mapped on first use; 0 if it cannot be mapped */
uint64_t sig_trampoline(struct cpu *cpu);

/* A syscall handler's result meaning "a guest signal arrived before the host
 * call was made, so it was not": the dispatcher rewinds to the syscall
 * instruction, delivers, and the guest executes it again — as if the signal
 * had come just before it. (The kernel's ERESTARTSYS, never seen by user
 * space, so never a real result.) */
#define TERN_ERESTART 512

/* The host syscall for guest syscall handlers (syscalls/sc.h HSYS): like
 * glibc's syscall() but returning -errno, and, during a syscall the
 * dispatcher marked interruptible, returning -TERN_ERESTART instead of
 * entering the kernel once a guest signal has been recorded — a signal that
 * lands between the last check and the syscall instruction is caught by the
 * host handler moving the pc (runner/signal.c). */
long tern_hsys(long nr, ...);

#endif
