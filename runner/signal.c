/* signal.c — asynchronous guest signals: host handlers that only record, and
 * delivery at safe points (handler frames through the arch's sig_setup_frame,
 * default actions, the kernel's syscall-restart rules).
 *
 * Host side. A guest signal with a handler, or whose default action kills,
 * has a host handler (no SA_RESTART: a blocking host syscall returns EINTR;
 * all signals blocked while it runs). It copies the siginfo into the thread's
 * cpu->sig_info, sets the bit in cpu->sig_recorded and cpu->sig_check, and
 * adds the signal to the mask the kernel restores on return, so further
 * instances wait in the kernel until the guest has taken this one (real-time
 * signals stay queued there, in order). A guest SIG_IGN is the host's SIG_IGN
 * (SIGCHLD's auto-reaping included); a guest SIG_DFL that ignores or stops is
 * the host's SIG_DFL (the kernel stops tern itself). SA_NOCLDSTOP and
 * SA_NOCLDWAIT are mirrored. The host mask is the guest mask plus the
 * recorded signals, so signals the guest blocks stay pending in the kernel
 * (rt_sigpending asks it). SIGSEGV/SIGBUS/SIGFPE/SIGILL belong to fault.c
 * and are never blocked (a real fault must always get through); fault.c
 * passes sent ones here (sig_record_sent), which applies the guest's mask
 * and SIG_IGN itself: recorded while blocked (pending in tern), passed on to
 * a thread that lets a process-directed one in, and a host call it cut short
 * for nothing made again. A
 * signal that kills by default is not held back once recorded: a second one
 * arriving before a safe point kills tern at once (tern stuck outside guest
 * code still dies of Ctrl-C twice). More: docs/signals.md.
 *
 * All 64 guest signals map 1:1 onto the host's. tern's static glibc reserves
 * 32 (SIGCANCEL) and 33 (SIGSETXID) for pthread_cancel and for set*id calls
 * across threads, neither of which tern makes; and tern sets dispositions and
 * masks with raw syscalls, which the kernel accepts for 32/33 where glibc's
 * wrappers would refuse them. So the guest libc's own 32/33 (glibc) or 32-34
 * (musl) work too.
 *
 * Safe points: generated code tests cpu->sig_check at every block entry and
 * loop back edge and leaves for the dispatcher (jit/x86_backend.c), which
 * calls sig_deliver before entering code again; after every syscall too.
 * Frames are delivered as the kernel does on a return to user mode: one
 * after the other (each on top of the last, so the last taken runs first),
 * synchronous signals first, then in the order the host kernel handed them
 * to tern (its own dequeue order: thread-directed, then process-wide, lowest
 * number first), while the updated mask lets more through.
 *
 * Blocking syscalls. The dispatcher arms the interruptible ones (SIG_SC_*
 * class != PLAIN): once armed, a recorded signal makes tern_hsys return
 * -TERN_ERESTART for every host call that could sleep without entering the
 * kernel, and a signal landing between that check and the syscall
 * instruction moves the host pc to the same exit, so a blocking call can
 * never start after its signal came. -TERN_ERESTART rewinds the guest to its
 * syscall instruction (the signal came just before it). A host EINTR becomes
 * the kernel's choice for the class: restarted (rewound, first argument back)
 * or -EINTR, decided when the first handler frame is built, or without a
 * handler at the end of the delivery. A sleep
 * restarted without a handler (a race where the disposition changed in
 * between) sleeps its whole time again: tern has no restart_syscall block.
 *
 * Routing: the handler records into the cpu of the host thread it runs on,
 * found through a thread variable checked against the tid (route_find). Guest
 * threads are host threads, so a thread-directed signal (tgkill, guest tid ==
 * host tid) reaches its guest thread, and the host kernel picks the thread
 * for a process-directed one among those whose host mask (the guest mask
 * plus the recorded signals) lets it through, as it would for the guest. A
 * signal that finds no route (a fork child before its first dispatcher visit,
 * a vfork parent still holding its child's route, a thread starting) goes
 * back to the kernel blocked, and the route fix-up after the syscall (or the
 * thread's start) unblocks it. A thread that exits gives the process-directed
 * signals it recorded but did not deliver back to the process.
 *
 * Invariants: cpu->sig_check is non-zero whenever sig_recorded & ~sigmask is
 * (the handler sets it; whoever changes the mask clears it and then looks
 * again); a recorded signal is blocked in the host until delivered or the
 * host mask is set again, after which a second arrival is queued back to the
 * kernel (real-time) or merged (standard, as the kernel merges); the only
 * globals are sig_proc (written before any handler is installed) and
 * thread variables (the route; the two the syscall stub reads and the call
 * number it writes; the temporary mask of a wait in progress).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "runner/tern.h"
#include "runner/thread.h"
#include "syscalls/sc.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/* fault.c owns the host handlers of these (synchronous faults) */
#define FAULT_SIGS (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGFPE) | SIGBIT(SIGILL))
/* the kernel's SYNCHRONOUS_MASK: delivered before the others */
#define SYNC_SIGS (FAULT_SIGS | SIGBIT(SIGTRAP) | SIGBIT(SIGSYS))

/* kernel struct sigaction of x86-64 (rt_sigaction), 8-byte mask */
struct host_ksigaction {
    uint64_t handler, flags, restorer, mask;
};
#define HSA_RESTORER 0x04000000ull

/* ---------------- raw host syscalls ----------------
 * tern's own calls: no errno (the handler may interrupt code using it), no
 * interruption window (that is for the guest's calls, through tern_hsys). */
static inline long rsys(long nr, long a, long b, long c, long d)
{
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

/* the tid the interruptible syscall in progress belongs to (0: none), and
 * "a guest signal was recorded since it was armed": read by tern_hsys */
__thread volatile int tern_sig_armed;
__thread volatile int tern_sig_intr;
/* the host syscall number of the last tern_hsys call: a call a sent fault
 * signal cut short for nothing is made again with it (resume_hsys) */
__thread volatile long tern_hsys_nr;

/* Host syscalls that may sleep until a signal comes: the only ones tern_hsys
 * cuts short. Others (close, mmap, rt_sigaction...) always run, so a
 * handler's clean-up after a cut-short call still happens. Indexed by the
 * x86-64 number. */
#define TERN_HSYS_NBLOCK 512
#define B(nr) [nr] = 1
__attribute__((used)) const uint8_t tern_hsys_blocking[TERN_HSYS_NBLOCK] = {
    B(SYS_read), B(SYS_write), B(SYS_open), B(SYS_openat), B(SYS_readv), B(SYS_writev),
    B(SYS_pread64), B(SYS_pwrite64), B(SYS_preadv), B(SYS_pwritev), B(SYS_preadv2),
    B(SYS_pwritev2), B(SYS_copy_file_range), B(SYS_sendfile), B(SYS_splice), B(SYS_tee),
    B(SYS_poll), B(SYS_ppoll), B(SYS_select), B(SYS_pselect6), B(SYS_epoll_wait),
    B(SYS_epoll_pwait), B(SYS_epoll_pwait2), B(SYS_ioctl), B(SYS_fcntl), B(SYS_flock),
    B(SYS_pause), B(SYS_nanosleep), B(SYS_clock_nanosleep), B(SYS_wait4), B(SYS_waitid),
    B(SYS_rt_sigsuspend), B(SYS_rt_sigtimedwait), B(SYS_futex), B(SYS_connect),
    B(SYS_accept), B(SYS_accept4), B(SYS_sendto), B(SYS_recvfrom), B(SYS_sendmsg),
    B(SYS_recvmsg), B(SYS_recvmmsg), B(SYS_sendmmsg), B(SYS_msgsnd), B(SYS_msgrcv),
    B(SYS_semop), B(SYS_semtimedop), B(SYS_mq_timedsend), B(SYS_mq_timedreceive),
    B(SYS_io_getevents),
};
#undef B

static bool hsys_blocking(uint64_t nr)
{
    return nr < TERN_HSYS_NBLOCK && tern_hsys_blocking[nr];
}

/* tern_hsys(nr, a1..a6): the System V call has nr in rdi, a1..a5 in rsi, rdx,
 * rcx, r8, r9 and a6 on the stack; the kernel wants nr in rax and a1..a6 in
 * rdi, rsi, rdx, r10, r8, r9. Missing trailing arguments read whatever is
 * there, which the kernel then ignores. From window to the syscall
 * instruction (not yet run) the handler redirects a blocking call to intr;
 * rax holds the number all along. */
__asm__(".text\n"
        ".globl tern_hsys\n"
        ".type tern_hsys, @function\n"
        ".p2align 4\n"
        "tern_hsys:\n"
        "    .cfi_startproc\n"
        "    mov %rdi, %rax\n"
        "    mov %rsi, %rdi\n"
        "    mov %rdx, %rsi\n"
        "    mov %rcx, %rdx\n"
        "    mov %r8, %r10\n"
        "    mov %r9, %r8\n"
        "    mov 8(%rsp), %r9\n"
        "    mov %rax, %fs:tern_hsys_nr@tpoff\n"
        ".globl tern_hsys_window\n"
        "tern_hsys_window:\n"
        "    cmpl $0, %fs:tern_sig_intr@tpoff\n"
        "    jne 1f\n"
        ".globl tern_hsys_syscall\n"
        "tern_hsys_syscall:\n"
        "    syscall\n"
        ".globl tern_hsys_done\n"
        "tern_hsys_done:\n"
        "    ret\n"
        /* a guest signal is waiting: a call that could sleep is not made
         * (r11 and rcx are the syscall's to clobber anyway) */
        "1:  cmp $511, %rax\n"
        "    ja tern_hsys_syscall\n"
        "    lea tern_hsys_blocking(%rip), %r11\n"
        "    cmpb $0, (%r11,%rax)\n"
        "    je tern_hsys_syscall\n"
        ".globl tern_hsys_intr\n"
        "tern_hsys_intr:\n"
        "    mov $-512, %rax\n"
        "    ret\n"
        "    .cfi_endproc\n"
        ".size tern_hsys, .-tern_hsys\n"
        /* the x86-64 kernel returns from a handler through sa_restorer */
        ".globl tern_sig_restorer\n"
        ".type tern_sig_restorer, @function\n"
        ".p2align 4\n"
        "tern_sig_restorer:\n"
        "    mov $15, %eax\n"
        "    syscall\n"
        "    hlt\n"
        ".size tern_sig_restorer, .-tern_sig_restorer\n");
_Static_assert(TERN_ERESTART == 512, "tern_hsys_intr returns -512");

extern const char tern_hsys_window[], tern_hsys_syscall[], tern_hsys_done[], tern_hsys_intr[];
extern void tern_sig_restorer(void);

static struct tern_proc *sig_proc;

/* ---------------- default actions ---------------- */

enum { DFL_TERM, DFL_CORE, DFL_IGN, DFL_STOP, DFL_CONT };

static int default_action(int sig)
{
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
    case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return DFL_CORE;
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return DFL_IGN;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return DFL_STOP;
    case SIGCONT:
        return DFL_CONT;
    default:
        return DFL_TERM;   /* the rest of 1..31 and every real-time signal */
    }
}

static bool kills_by_default(int sig)
{
    int d = default_action(sig);
    return d == DFL_TERM || d == DFL_CORE;
}

/* ---------------- the host handler ---------------- */

/* The route of this host task: the cpu its signals are recorded in, valid
 * while route_tid is the task's tid. A thread variable, so each guest thread
 * (a host thread with its own TLS) finds its own cpu in O(1); a vfork child
 * shares its parent's TLS and a fork child a copy of it, which the tid check
 * catches (no route until route_fixup or sig_thread_start sets it again). */
static __thread struct cpu *route_cpu;
static __thread int route_tid;

static struct cpu *route_find(int tid)
{
    struct cpu *c = route_cpu;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return c && route_tid == tid ? c : NULL;
}

static void route_set(struct cpu *cpu)
{
    route_tid = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    route_cpu = cpu;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    route_tid = cpu ? cpu->tid : 0;
}

/* Passing a signal on to another thread (rt_tgsigqueueinfo) or back to the
 * process (rt_sigqueueinfo) keeps its siginfo, but the kernel lets a task
 * pass si_code SI_USER (kill's) only to itself. So a signal tern passes on
 * travels as SI_QUEUE with a mark in the union's spare bytes, which the
 * kernel keeps (its siginfo union is 32 bytes from offset 16; the fields of
 * the sent codes end by offset 32): this process's cookie, the real code,
 * and whether a thread passed it on (then the receiver keeps it, so two
 * threads waiting with temporary masks never pass one to and fro). The
 * receiving host handler puts the code back (unmark). */
#define FWD_MARK 32
static uint64_t fwd_cookie(void)
{
    return (uint64_t)(uintptr_t)sig_proc ^ 0x7465726e66776400ull;
}

/* to thread tid of this process (hop: from a host handler), or (tid 0)
 * back to the process: 0 or -errno. Unmarked when the kernel takes it as
 * it is (back to the process, from its leader or with a code < 0 other
 * than SI_TKILL): a kernel-made code's fields may use the spare bytes
 * (SIGCHLD's times). */
static long forward(long pid, int tid, int sig, const siginfo_t *si, int32_t hop)
{
    siginfo_t f;
    memcpy(&f, si, sizeof f);
    if (!tid && !hop &&
        ((f.si_code < 0 && f.si_code != SI_TKILL) || rsys(SYS_gettid, 0, 0, 0, 0) == pid))
        return rsys(SYS_rt_sigqueueinfo, pid, sig, (long)&f, 0);
    uint64_t cookie = fwd_cookie();
    int32_t code = f.si_code;
    memcpy((char *)&f + FWD_MARK, &cookie, 8);
    memcpy((char *)&f + FWD_MARK + 8, &code, 4);
    memcpy((char *)&f + FWD_MARK + 12, &hop, 4);
    f.si_code = SI_QUEUE;
    if (tid)
        return rsys(SYS_rt_tgsigqueueinfo, pid, tid, sig, (long)&f);
    return rsys(SYS_rt_sigqueueinfo, pid, sig, (long)&f, 0);
}

/* the real siginfo back; whether a thread passed it on */
static bool unmark(siginfo_t *si)
{
    uint64_t cookie;
    memcpy(&cookie, (char *)si + FWD_MARK, 8);
    if (si->si_code != SI_QUEUE || cookie != fwd_cookie())
        return false;
    int32_t code, hop;
    memcpy(&code, (char *)si + FWD_MARK + 8, 4);
    memcpy(&hop, (char *)si + FWD_MARK + 12, 4);
    memset((char *)si + FWD_MARK, 0, 16);
    si->si_code = code;
    return hop != 0;
}

/* The guest mask a signal arriving now meets: during a wait with a
 * temporary mask (sig_host_mask, until the syscall ends) that one, else the
 * thread's. Read by the sent fault signals' rule, which the host mask cannot
 * apply for them. */
static __thread uint64_t wait_mask;
static __thread int wait_mask_on;

static void record(struct cpu *cpu, int sig, const siginfo_t *si)
{
    uint64_t bit = SIGBIT(sig);
    memcpy(cpu->sig_info[sig], si, sizeof cpu->sig_info[sig]);
    cpu->sig_seq[sig] = cpu->sig_seq_next++;
    __atomic_fetch_or(&cpu->sig_recorded, bit, __ATOMIC_SEQ_CST);
    if (!(__atomic_load_n(&cpu->sigmask, __ATOMIC_SEQ_CST) & bit))
        __atomic_store_n(&cpu->sig_check, 1, __ATOMIC_SEQ_CST);
}

/* a guest signal to deliver came during an interruptible syscall: a host
 * call that could sleep ends now (or is never made) */
static void interrupt_hsys(ucontext_t *uc, int tid)
{
    if (tern_sig_armed != tid)
        return;
    tern_sig_intr = 1;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (rip >= (uintptr_t)tern_hsys_window && rip <= (uintptr_t)tern_hsys_syscall &&
        hsys_blocking((uint64_t)uc->uc_mcontext.gregs[REG_RAX]))
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)tern_hsys_intr;
}

/* a signal the guest does not see yet (blocked, or ignored) cut a host call
 * of tern_hsys short (no SA_RESTART on the host handler): make it again, as
 * if nothing had come. Back to the window, so a guest signal recorded
 * meanwhile still stops it there; the kernel left the argument registers as
 * they were. */
static void resume_hsys(ucontext_t *uc)
{
    greg_t *g = uc->uc_mcontext.gregs;
    if ((uintptr_t)g[REG_RIP] == (uintptr_t)tern_hsys_done && g[REG_RAX] == -EINTR) {
        g[REG_RIP] = (greg_t)(uintptr_t)tern_hsys_window;
        g[REG_RAX] = (greg_t)tern_hsys_nr;
    }
}

static void on_host_signal(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    uint64_t bit = SIGBIT(sig);
    int tid = (int)rsys(SYS_gettid, 0, 0, 0, 0);
    struct cpu *cpu = route_find(tid);
    uint64_t *hostmask = (uint64_t *)(void *)&uc->uc_sigmask;

    /* a signal that kills by default is not held back: a second one before
     * the guest reaches a safe point (tern stuck outside guest code) kills
     * tern at once, its log unflushed */
    bool fatal = cpu && sig_proc->sigact[sig].handler == GSIG_DFL && kills_by_default(sig);
    if (fatal && (__atomic_load_n(&cpu->sig_recorded, __ATOMIC_ACQUIRE) & bit)) {
        struct host_ksigaction dfl = { 0 };
        rsys(SYS_rt_sigaction, sig, (long)&dfl, 0, 8);
        rsys(SYS_tgkill, rsys(SYS_getpid, 0, 0, 0, 0), tid, sig, 0);
        *hostmask &= ~bit;   /* delivered as soon as this handler returns */
        return;
    }
    if (!fatal)
        *hostmask |= bit;    /* the next instance waits in the kernel */
    if (!cpu || (__atomic_load_n(&cpu->sig_recorded, __ATOMIC_ACQUIRE) & bit)) {
        /* no route yet, or this signal is still pending for the guest: a
         * real-time one queues (give it back to the kernel, blocked above);
         * a standard one merges with the pending one, as in the kernel */
        if (!cpu || sig >= 32)
            rsys(SYS_rt_tgsigqueueinfo, (long)rsys(SYS_getpid, 0, 0, 0, 0), tid, sig, (long)si);
        return;
    }
    unmark(si);
    record(cpu, sig, si);
    interrupt_hsys(uc, tid);
}

/* A sent SIGSEGV/SIGBUS/SIGFPE/SIGILL (fault.c's host handler passes those
 * with si_code <= 0 here). The host never blocks these (a real fault must
 * always reach fault.c), so the guest's mask and SIG_IGN are applied here
 * rather than by the kernel:
 *  - the guest lets it in: recorded and delivered at the safe point like any
 *    signal (a handler, or the default action: death);
 *  - the guest ignores it: discarded, as the kernel discards at sending;
 *  - the guest blocks it: recorded all the same, which is pending in tern
 *    (rt_sigpending shows it, sigtimedwait takes it, unblocking delivers
 *    it, SIG_IGN discards it); a process-directed one goes first to another
 *    guest thread that lets it in, if one does, as the kernel picks a thread;
 *  - a second instance while one is recorded merges with it (standard
 *    signals).
 * A host syscall it cut short with EINTR while the guest does not take it is
 * made again (resume_hsys): the guest's syscall never saw it. */
void sig_record_sent(int sig, void *siv, void *ucv)
{
    siginfo_t *si = siv;
    ucontext_t *uc = ucv;
    uint64_t bit = SIGBIT(sig);
    /* another instance waits in the kernel until this returns: the mask the
     * kernel restores then never has it */
    rsys(SYS_rt_sigprocmask, SIG_BLOCK, (long)&bit, 0, 8);
    long pid = rsys(SYS_getpid, 0, 0, 0, 0);
    int tid = (int)rsys(SYS_gettid, 0, 0, 0, 0);
    struct cpu *cpu = route_find(tid);
    if (!cpu) {
        /* no route yet (a fork child before its first dispatcher visit, a
         * vfork parent, a thread starting): back to the kernel, blocked in
         * the host until the route is set. Only tern's own code runs on
         * such a task meanwhile; a real fault there would kill tern. */
        *(uint64_t *)(void *)&uc->uc_sigmask |= bit;
        rsys(SYS_rt_tgsigqueueinfo, pid, tid, sig, (long)si);
        return;
    }
    bool passed_on = unmark(si);
    uint64_t handler = sig_proc->sigact[sig].handler;
    uint64_t eff = wait_mask_on ? wait_mask : __atomic_load_n(&cpu->sigmask, __ATOMIC_SEQ_CST);
    bool blocked = (eff & bit) != 0;
    bool pending = (sig_recorded(cpu) & bit) != 0;
    if (blocked && si->si_code != SI_TKILL && !passed_on) {
        int to = thread_signal_target(cpu, sig);
        if (to > 0 && forward(pid, to, sig, si, 1) == 0) {
            resume_hsys(uc);
            return;
        }
    }
    if (!blocked && handler == GSIG_IGN) {
        resume_hsys(uc);
        return;
    }
    if (!blocked && handler == GSIG_DFL && pending) {
        /* a second one before the safe point: dies now, as on_host_signal */
        struct host_ksigaction dfl = { 0 };
        rsys(SYS_rt_sigaction, sig, (long)&dfl, 0, 8);
        rsys(SYS_tgkill, pid, tid, sig, 0);
        return;   /* unblocked when this returns: delivered, fatal */
    }
    if (!pending)
        record(cpu, sig, si);
    if (blocked)
        resume_hsys(uc);
    else
        interrupt_hsys(uc, tid);
}

/* ---------------- host mask and dispositions ---------------- */

uint64_t sig_recorded(const struct cpu *cpu)
{
    return __atomic_load_n(&cpu->sig_recorded, __ATOMIC_SEQ_CST);
}

static uint64_t host_mask_of(const struct cpu *cpu, uint64_t guest_mask)
{
    return (guest_mask | sig_recorded(cpu)) & ~FAULT_SIGS & ~UNBLOCKABLE;
}

uint64_t sig_host_mask(const struct cpu *cpu, uint64_t guest_mask)
{
    /* a wait with this temporary mask follows: the sent fault signals,
     * which the host mask cannot hold back, meet it too (until the
     * syscall ends, sig_syscall_exit) */
    wait_mask = guest_mask;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    wait_mask_on = 1;
    return host_mask_of(cpu, guest_mask);
}

static void host_mask_sync(struct cpu *cpu)
{
    uint64_t m = host_mask_of(cpu, cpu->sigmask);
    rsys(SYS_rt_sigprocmask, SIG_SETMASK, (long)&m, 0, 8);
}

/* clear first, then look: a signal recorded in between sets it again */
static void update_check(struct cpu *cpu)
{
    __atomic_store_n(&cpu->sig_check, 0, __ATOMIC_SEQ_CST);
    if (sig_recorded(cpu) & ~cpu->sigmask)
        __atomic_store_n(&cpu->sig_check, 1, __ATOMIC_SEQ_CST);
}

void sig_set_mask(struct cpu *cpu, uint64_t mask)
{
    mask &= ~UNBLOCKABLE;
    __atomic_store_n(&cpu->sigmask, mask, __ATOMIC_SEQ_CST);
    cpu->proc->sigmask = mask;
    host_mask_sync(cpu);
    update_check(cpu);
}

void sig_apply_disposition(struct cpu *cpu, int sig)
{
    if (sig < 1 || sig > GUEST_NSIG || (SIGBIT(sig) & UNBLOCKABLE))
        return;
    const struct guest_sigaction_rec *g = &cpu->proc->sigact[sig];
    /* a pending signal whose action becomes "ignore" is discarded (the
     * kernel does it for those it holds) */
    int d = default_action(sig);
    if (g->handler == GSIG_IGN || (g->handler == GSIG_DFL && (d == DFL_IGN || d == DFL_CONT)))
        __atomic_fetch_and(&cpu->sig_recorded, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
    if (SIGBIT(sig) & FAULT_SIGS)
        return;   /* fault.c's host handler stays (sig_record_sent) */
    struct host_ksigaction h = { 0 };
    if (sig == SIGCHLD)
        h.flags = g->flags & (GSA_NOCLDSTOP | GSA_NOCLDWAIT);
    if (g->handler == GSIG_IGN) {
        h.handler = (uint64_t)(uintptr_t)SIG_IGN;
    } else if (g->handler == GSIG_DFL && !kills_by_default(sig)) {
        h.handler = (uint64_t)(uintptr_t)SIG_DFL;
    } else {
        h.handler = (uint64_t)(uintptr_t)on_host_signal;
        h.flags |= SA_SIGINFO | HSA_RESTORER;
        h.restorer = (uint64_t)(uintptr_t)tern_sig_restorer;
        h.mask = ~0ull;
    }
    rsys(SYS_rt_sigaction, sig, (long)&h, 0, 8);
}

/* ---------------- routes and thread start ---------------- */

void sig_thread_start(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    if (!sig_proc) {
        /* the first guest thread: the mask exec handed over, no alternate
         * stack, host handlers for the signals whose default kills (tern
         * flushes its log and dies of them at a safe point) */
        sig_proc = p;
        const struct syscall_table *t = p->arch->syscalls;
        p->sig_sc_class = calloc((size_t)t->count, 1);
        if (!p->sig_sc_class)
            tern_die(70, "out of memory");
        for (int nr = 0; nr < t->count; nr++)
            p->sig_sc_class[nr] = (uint8_t)sig_sc_class_of(t->defs[nr].fn);
        cpu->sigmask = p->sigmask;
        cpu->ss_sp = cpu->ss_size = 0;
        cpu->ss_flags = GSS_DISABLE;
        for (int sig = 1; sig <= GUEST_NSIG; sig++)
            if (p->sigact[sig].handler == GSIG_DFL && kills_by_default(sig))
                sig_apply_disposition(cpu, sig);
    }
    tern_sig_armed = 0;
    tern_sig_intr = 0;
    /* a new task has nothing pending (a vfork child or a new thread starts
     * with a copy of its parent's cpu) */
    __atomic_store_n(&cpu->sig_recorded, 0, __ATOMIC_SEQ_CST);
    cpu->sig_restore_mask = 0;
    cpu->sig_sc_class = 0;
    route_set(cpu);
    host_mask_sync(cpu);
    update_check(cpu);
}

/* after a syscall: a fork child runs on as a new task (the kernel gave it no
 * pending signals), a vfork parent outlives its child's route */
static void route_fixup(struct cpu *cpu)
{
    if (route_cpu == cpu && route_tid == cpu->tid)
        return;
    if (route_cpu == cpu)
        __atomic_store_n(&cpu->sig_recorded, 0, __ATOMIC_SEQ_CST);
    route_set(cpu);
    host_mask_sync(cpu);
    update_check(cpu);
}

void sig_thread_exit(struct cpu *cpu)
{
    uint64_t all = ~0ull;
    /* no other thread passes a sent fault signal on to this one any more
     * (thread_signal_target reads the guest mask) */
    __atomic_store_n(&cpu->sigmask, ~UNBLOCKABLE, __ATOMIC_SEQ_CST);
    rsys(SYS_rt_sigprocmask, SIG_SETMASK, (long)&all, 0, 8);
    route_set(NULL);
    tern_sig_armed = 0;
    tern_sig_intr = 0;
    wait_mask_on = 0;
    /* recorded, not delivered: a signal sent to the process goes back to it
     * (another thread takes it, as the kernel would have let it); one sent
     * to this thread (tkill/tgkill) dies with it */
    long pid = rsys(SYS_getpid, 0, 0, 0, 0);
    uint64_t rec = sig_recorded(cpu);
    for (uint64_t m = rec; m; m &= m - 1) {
        int sig = __builtin_ctzll(m) + 1;
        siginfo_t si;
        memcpy(&si, cpu->sig_info[sig], sizeof si);
        if (si.si_code != SI_TKILL)
            forward(pid, 0, sig, &si, 0);
    }
    __atomic_store_n(&cpu->sig_recorded, 0, __ATOMIC_SEQ_CST);
    /* a process-directed fault signal another thread passed on to this one
     * (sig_record_sent) just before the mask above: it waits in the kernel
     * for this thread now; back to the process too. At most one of each per
     * queue (standard signals), taken first and given back after, so none is
     * taken twice. */
    siginfo_t got[8];
    int n = 0;
    uint64_t fs = FAULT_SIGS;
    struct timespec zero = { 0, 0 };
    while (n < 8 && rsys(SYS_rt_sigtimedwait, (long)&fs, (long)&got[n], (long)&zero, 8) > 0)
        n++;
    for (int i = 0; i < n; i++)
        if (got[i].si_code != SI_TKILL) {
            bool hop = unmark(&got[i]);   /* kept as it came */
            forward(pid, 0, got[i].si_signo, &got[i], hop);
        }
}

/* ---------------- alternate stack ---------------- */

bool sig_on_altstack(const struct cpu *cpu, uint64_t sp)
{
    if (cpu->ss_flags & GSS_AUTODISARM)
        return false;
    return sp > cpu->ss_sp && sp - cpu->ss_sp <= cpu->ss_size;
}

uint64_t sig_frame_sp(const struct cpu *cpu, uint64_t sp, uint64_t sa_flags)
{
    if ((sa_flags & GSA_ONSTACK) && cpu->ss_size && !sig_on_altstack(cpu, sp))
        return cpu->ss_sp + cpu->ss_size;
    return sp;
}

void sig_save_altstack(struct cpu *cpu, uint64_t sp, uint8_t out[24])
{
    (void)sp;   /* the kernel records its own flags, not sas_ss_flags(sp) */
    uint32_t flags = cpu->ss_flags;
    memset(out, 0, 24);
    memcpy(out, &cpu->ss_sp, 8);
    memcpy(out + 8, &flags, 4);
    memcpy(out + 16, &cpu->ss_size, 8);
    if (cpu->ss_flags & GSS_AUTODISARM) {
        cpu->ss_sp = cpu->ss_size = 0;
        cpu->ss_flags = GSS_DISABLE;
    }
}

/* ---------------- the trampoline page ---------------- */

uint64_t sig_trampoline(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    uint64_t have = __atomic_load_n(&p->sig_trampoline, __ATOMIC_ACQUIRE);
    if (have)
        return have;
    uint64_t a = mm_find_free(&p->mm, 0, GUEST_PAGE_SIZE);
    if (!a)
        return 0;
    void *m = mmap((void *)(uintptr_t)a, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (m != (void *)(uintptr_t)a) {
        if (m != MAP_FAILED)   /* a kernel that took the address as a hint */
            munmap(m, GUEST_PAGE_SIZE);
        return 0;
    }
    memcpy((void *)(uintptr_t)a, p->arch->sig_tramp, sizeof p->arch->sig_tramp);
    mprotect(m, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    mm_add(&p->mm, a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS);
    /* two threads taking their first signal at once: one page wins (the
     * page is recorded first, so a handler returning to it can fetch it) */
    if (!__atomic_compare_exchange_n(&p->sig_trampoline, &have, a, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        mm_remove(&p->mm, a, GUEST_PAGE_SIZE);
        munmap(m, GUEST_PAGE_SIZE);
        return have;
    }
    if (log_enabled(LOG_page))
        log_printf("guest sigreturn trampoline %016llx\n", (unsigned long long)a);
    return a;
}

/* ---------------- default actions taken by tern ---------------- */

static const char *sig_name(int sig, char *buf, size_t n)
{
    const char *abbrev = sig < 32 ? sigabbrev_np(sig) : NULL;
    if (abbrev)
        snprintf(buf, n, "SIG%s", abbrev);
    else
        snprintf(buf, n, "signal %d", sig);
    return buf;
}

static void __attribute__((noreturn)) die_by_signal(int sig)
{
    tern_sig_armed = 0;
    tern_sig_intr = 0;
    if (log_enabled(LOG_strace)) {
        char name[32];
        log_printf("+++ killed by %s +++\n", sig_name(sig, name, sizeof name));
    }
    log_flush();
    fflush(stdout);
    fflush(stderr);
    struct host_ksigaction dfl = { 0 };
    rsys(SYS_rt_sigaction, sig, (long)&dfl, 0, 8);
    uint64_t m = SIGBIT(sig);
    rsys(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&m, 0, 8);
    rsys(SYS_tgkill, rsys(SYS_getpid, 0, 0, 0, 0), rsys(SYS_gettid, 0, 0, 0, 0), sig, 0);
    for (;;)   /* the kernel kills on the way out of tgkill */
        rsys(SYS_exit_group, 128 + sig, 0, 0, 0);
}

/* a stop signal whose guest disposition became SIG_DFL after it was
 * recorded: the host's is SIG_DFL by now, so raising it stops tern */
static void stop_by_signal(struct cpu *cpu, int sig)
{
    uint64_t m = SIGBIT(sig);
    rsys(SYS_tgkill, rsys(SYS_getpid, 0, 0, 0, 0), rsys(SYS_gettid, 0, 0, 0, 0), sig, 0);
    rsys(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&m, 0, 8);
    host_mask_sync(cpu);
}

/* ---------------- syscall restart ---------------- */

static void sc_rewind(struct cpu *cpu)
{
    const struct guest_arch *arch = cpu->proc->arch;
    cpu->pc -= 4;
    cpu->gpr[arch->sc_ret_reg] = cpu->sig_sc_arg0;
}

/* a handler is about to run: the kernel's decision for each class */
static void sc_restart_for_handler(struct cpu *cpu, uint64_t sa_flags)
{
    if ((cpu->sig_sc_class == SIG_SC_RESTARTSYS && (sa_flags & GSA_RESTART)) ||
        cpu->sig_sc_class == SIG_SC_NOINTR)
        sc_rewind(cpu);
    cpu->sig_sc_class = 0;   /* otherwise the -EINTR stays */
}

/* no handler ran: restarted, except what always fails with EINTR */
static void sc_restart_no_handler(struct cpu *cpu)
{
    if (cpu->sig_sc_class && cpu->sig_sc_class != SIG_SC_NORESTART)
        sc_rewind(cpu);
    cpu->sig_sc_class = 0;
}

/* ---------------- delivery ---------------- */

static int pick_signal(const struct cpu *cpu, uint64_t pend)
{
    uint64_t sync = pend & SYNC_SIGS;
    if (sync)
        return __builtin_ctzll(sync) + 1;
    int best = 0;
    for (uint64_t m = pend; m; m &= m - 1) {
        int s = __builtin_ctzll(m) + 1;
        if (!best || (int32_t)(cpu->sig_seq[s] - cpu->sig_seq[best]) < 0)
            best = s;
    }
    return best;
}

static void log_delivery(int sig, const uint8_t *info, const char *what)
{
    int32_t code;
    memcpy(&code, info + 8, 4);
    char name[32];
    log_printf("--- %s {si_signo=%d, si_code=%d} %s---\n", sig_name(sig, name, sizeof name),
               sig, code, what);
}

void sig_force(struct cpu *cpu, int sig, const uint8_t info[128])
{
    struct guest_sigaction_rec *act = &cpu->proc->sigact[sig];
    uint64_t bit = SIGBIT(sig);
    if ((cpu->sigmask & bit) || act->handler == GSIG_IGN) {
        act->handler = GSIG_DFL;
        sig_apply_disposition(cpu, sig);
        __atomic_store_n(&cpu->sigmask, cpu->sigmask & ~bit, __ATOMIC_SEQ_CST);
        cpu->proc->sigmask = cpu->sigmask;
    }
    memcpy(cpu->sig_info[sig], info, 128);
    cpu->sig_seq[sig] = cpu->sig_seq_next++;
    __atomic_fetch_or(&cpu->sig_recorded, bit, __ATOMIC_SEQ_CST);
    update_check(cpu);
}

int sig_take_recorded(struct cpu *cpu, uint64_t set, uint8_t out[128])
{
    uint64_t m = sig_recorded(cpu) & set;
    if (!m)
        return 0;
    /* the kernel's dequeue order: synchronous signals, then the lowest */
    uint64_t sync = m & SYNC_SIGS;
    int sig = __builtin_ctzll(sync ? sync : m) + 1;
    memcpy(out, cpu->sig_info[sig], 128);
    __atomic_fetch_and(&cpu->sig_recorded, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
    host_mask_sync(cpu);   /* the next instance may come in */
    update_check(cpu);
    return sig;
}

/* the frame could not be written: the kernel's force_sigsegv */
static void frame_failed(struct cpu *cpu, int sig)
{
    uint8_t info[128] = { 0 };
    int32_t signo = SIGSEGV, code = 0x80; /* SI_KERNEL */
    memcpy(info, &signo, 4);
    memcpy(info + 8, &code, 4);
    if (sig == SIGSEGV) {
        cpu->proc->sigact[SIGSEGV].handler = GSIG_DFL;
        sig_apply_disposition(cpu, SIGSEGV);
    }
    sig_force(cpu, SIGSEGV, info);
}

void sig_deliver(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    for (;;) {
        uint64_t pend = sig_recorded(cpu) & ~cpu->sigmask;
        if (!pend)
            break;
        int sig = pick_signal(cpu, pend);
        uint64_t bit = SIGBIT(sig);
        uint8_t info[128];
        memcpy(info, cpu->sig_info[sig], sizeof info);
        __atomic_fetch_and(&cpu->sig_recorded, ~bit, __ATOMIC_SEQ_CST);
        struct guest_sigaction_rec act = p->sigact[sig];

        if (act.handler == GSIG_IGN)
            continue;
        if (act.handler == GSIG_DFL) {
            switch (default_action(sig)) {
            case DFL_IGN:
            case DFL_CONT:
                continue;
            case DFL_STOP:
                stop_by_signal(cpu, sig);
                continue;
            default:
                die_by_signal(sig);
            }
        }
        if (log_enabled(LOG_strace))
            log_delivery(sig, info, "");
        if (act.flags & GSA_RESETHAND) {
            p->sigact[sig].handler = GSIG_DFL;
            sig_apply_disposition(cpu, sig);
        }
        sc_restart_for_handler(cpu, act.flags);
        uint64_t saved = cpu->sig_restore_mask ? cpu->sig_saved_mask : cpu->sigmask;
        cpu->sig_restore_mask = 0;
        struct sig_frame f = {
            .sig = sig,
            .info = info,
            .handler = act.handler,
            .flags = act.flags,
            .ret = (act.flags & GSA_RESTORER) ? act.restorer : sig_trampoline(cpu),
            .mask = saved,
        };
        if (!f.ret || p->arch->sig_setup_frame(cpu, &f) < 0) {
            frame_failed(cpu, sig);
            continue;
        }
        uint64_t m = cpu->sigmask | act.mask;
        if (!(act.flags & GSA_NODEFER))
            m |= bit;
        m &= ~UNBLOCKABLE;
        __atomic_store_n(&cpu->sigmask, m, __ATOMIC_SEQ_CST);
        p->sigmask = m;
    }
    sc_restart_no_handler(cpu);
    if (cpu->sig_restore_mask) {
        cpu->sig_restore_mask = 0;
        __atomic_store_n(&cpu->sigmask, cpu->sig_saved_mask, __ATOMIC_SEQ_CST);
        p->sigmask = cpu->sigmask;
    }
    host_mask_sync(cpu);
    update_check(cpu);
}

/* ---------------- around syscalls ---------------- */

void sig_syscall_enter(struct cpu *cpu, struct sig_sc *sc)
{
    const struct guest_arch *arch = cpu->proc->arch;
    uint64_t nr = cpu->gpr[arch->sc_nr_reg];
    const struct syscall_table *t = arch->syscalls;
    sc->cls = nr < (uint64_t)t->count ? cpu->proc->sig_sc_class[nr] : SIG_SC_PLAIN;
    sc->arg0 = cpu->gpr[arch->sc_arg_reg[0]];
    cpu->sig_sc_cls = sc->cls;
    /* a vfork child shares these thread variables with its parent: never
     * trust what is left in them */
    tern_sig_armed = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tern_sig_intr = 0;
    wait_mask_on = 0;
    if (sc->cls != SIG_SC_PLAIN && sc->cls != SIG_SC_SIGRETURN) {
        tern_sig_intr = __atomic_load_n(&cpu->sig_check, __ATOMIC_SEQ_CST) != 0;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        tern_sig_armed = cpu->tid;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        /* a signal between the load and the arming */
        if (__atomic_load_n(&cpu->sig_check, __ATOMIC_SEQ_CST))
            tern_sig_intr = 1;
    }
}

void sig_syscall_exit(struct cpu *cpu, struct sig_sc *sc)
{
    tern_sig_armed = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    tern_sig_intr = 0;
    wait_mask_on = 0;
    route_fixup(cpu);
    const struct guest_arch *arch = cpu->proc->arch;
    int64_t ret = (int64_t)cpu->gpr[arch->sc_ret_reg];
    if (sc->cls == SIG_SC_SIGRETURN) {
        /* pc and every register came from the frame */
    } else if (ret == -TERN_ERESTART) {
        cpu->gpr[arch->sc_ret_reg] = sc->arg0;   /* the syscall insn again */
    } else {
        cpu->pc += 4;
        if (ret == -EINTR) {
            /* the handler may have refined its class (futex) */
            int cls = cpu->sig_sc_cls;
            cpu->sig_sc_class = cls == SIG_SC_PLAIN ? SIG_SC_RESTARTSYS : cls;
            cpu->sig_sc_arg0 = sc->arg0;
        }
    }
    /* returning from the kernel clears the exclusive monitor (Arm) / the
     * load reservation (RISC-V Linux drops it on trap return) */
    cpu->res_addr = ~0ull;
    if (!__atomic_load_n(&cpu->sig_check, __ATOMIC_SEQ_CST) &&
        (cpu->sig_sc_class || cpu->sig_restore_mask))
        sig_deliver(cpu);   /* nothing to deliver: just the restart and the mask */
}
