/* process.c — process creation and control syscalls of the generic Linux
 * layer: clone and clone3 (fork, vfork, threads), wait4, waitid, kill, tkill,
 * tgkill, getpgid, setpgid, getsid, setsid. (execve/execveat: exec.c.)
 *
 * clone, guest argument order (aarch64 and riscv64, the kernel's
 * CONFIG_CLONE_BACKWARDS order, as their glibc clone.S/_Fork pass it):
 *     clone(flags, newsp, parent_tid, tls, child_tid)
 * while x86-64 takes clone(flags, newsp, parent_tid, child_tid, tls). Three
 * shapes:
 *  - no CLONE_VM: a host fork through the raw clone syscall, so the exit
 *    signal, CLONE_VFORK (parent waits for the child's exec/exit), the tid
 *    words (CHILD_SETTID, CHILD_CLEARTID, PARENT_SETTID, PIDFD: guest address ==
 *    host address) and the namespace/sharing flags that concern only the
 *    kernel are the kernel's own. The child's tern is a copy of the parent's
 *    (code cache, guest mm record and all) and simply goes on.
 *  - CLONE_VM|CLONE_VFORK (vfork, posix_spawn): a real host CLONE_VM|CLONE_VFORK
 *    child. The guest can see the memory sharing (glibc's posix_spawn reports a
 *    failed exec through a variable the child writes), so a plain fork would
 *    not do. The child runs tern on a stack of its own with a copy of the
 *    cpu; it shares tern's heap, code cache and guest mm record, which is safe
 *    because the parent is stopped by the kernel until the child execs or
 *    exits. Per-task guest records the child may change (signal dispositions
 *    without CLONE_SIGHAND, signal mask, tid address, robust list, the FP
 *    dynamic-rounding translation mode) are saved before and restored after.
 *  - CLONE_THREAD (with CLONE_VM and CLONE_SIGHAND, as the kernel requires):
 *    a guest thread, run by a new host thread of tern with a copy of the cpu
 *    (runner/thread.c, docs/threads.md). CLONE_VM without CLONE_THREAD or
 *    CLONE_VFORK (a separate process sharing the memory) has no host shape
 *    tern can give it (a host task sharing tern's memory but not its thread
 *    group would need its own TLS set up by hand): -ENOSYS, logged under
 *    -d unimp.
 * A fork from a guest with several threads stops the others first (runner/
 * thread.c), so no other thread of tern is inside the code cache or the
 * guest mm record when the host clones; the child keeps only itself on its
 * thread list.
 * clone3 takes the same paths from a struct clone_args (its checks are
 * clone3_args_valid's; a fork goes to the host's clone3, whose pidfd and
 * parent tid words may differ; CLONE_CLEAR_SIGHAND resets the child's
 * handled signals; set_tid, CLONE_INTO_CGROUP and CLONE_NEWTIME are
 * -ENOSYS, logged under -d unimp).
 * CLONE_SETTLS never reaches the host (tls is the guest's thread pointer and
 * the host's fs base belongs to tern): it sets the child's guest thread
 * pointer. A newsp sets the child's guest stack pointer.
 *
 * wait4/waitid: struct rusage (144 bytes) and siginfo_t (128 bytes, the
 * SIGCHLD fields at the same offsets) have one layout on every 64-bit Linux,
 * and wait status words and WNOHANG/WUNTRACED/WCONTINUED/WEXITED/WSTOPPED/
 * WNOWAIT/__WALL/__WCLONE/__WNOTHREAD and P_* are asm-generic's everywhere:
 * they pass through once the pointers are checked. A translated child reports
 * what the guest did: its exit status, or death by the signal that killed tern
 * (tern dies of the guest's own faults by the same signal).
 *
 * Invariants: no globals; the vfork child's stack and cpu are freed by the
 * parent once the kernel lets it run again (the child no longer uses them).
 */
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <elf.h>

#include "jit/jit.h"
#include "runner/dispatch.h"
#include "runner/log.h"
#include "runner/signal.h"
#include "runner/thread.h"
#include "syscalls/sc.h"

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

/* struct clone_args (linux/sched.h), the same on every 64-bit Linux; clone3
 * flags above the legacy 32 bits */
struct guest_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    uint64_t set_tid, set_tid_size;   /* CLONE_ARGS_SIZE_VER1 */
    uint64_t cgroup;                  /* CLONE_ARGS_SIZE_VER2 */
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER2 88
_Static_assert(sizeof(struct guest_clone_args) == CLONE_ARGS_SIZE_VER2, "struct clone_args");
#define G_CLONE_CLEAR_SIGHAND 0x100000000ull
#define G_CLONE_INTO_CGROUP   0x200000000ull
#define G_CLONE_NEWTIME       0x00000080ull

/* one clone or clone3 request: flags without the exit signal; pidfd is its
 * own word in clone3, the parent tid word in clone */
struct clone_req {
    uint64_t flags, exit_signal, newsp, ptid, tls, ctid, pidfd;
    bool v3;
};

/* pointer argument that may be NULL */
#define OPT_OK(cpu, addr, len, prot) ((addr) == 0 || guest_access_ok(cpu, addr, len, prot))

/* ---------------- clone ---------------- */

/* Where each guest keeps its thread pointer (what CLONE_SETTLS sets).
 * Columns: ELF machine, offset in struct cpu. */
static const struct {
    uint16_t e_machine;
    int32_t off;
} tls_regs[] = {
    { EM_RISCV,   CPU_GPR(4) },           /* tp = x4 */
    { EM_AARCH64, CPU_OFF(tpidr_el0) },   /* TPIDR_EL0 */
};

static void set_guest_tls(struct cpu *cpu, uint64_t tls)
{
    for (size_t i = 0; i < sizeof tls_regs / sizeof tls_regs[0]; i++)
        if (tls_regs[i].e_machine == cpu->proc->arch->e_machine) {
            memcpy((char *)cpu + tls_regs[i].off, &tls, sizeof tls);
            return;
        }
}

/* Flags handed to the host clone unchanged: the exit signal and the flags
 * whose meaning is the kernel's alone (tid words at guest addresses, fd table
 * and fs sharing, namespaces, tracing). CLONE_VM, CLONE_SIGHAND, CLONE_THREAD
 * and CLONE_SETTLS are decided here. */
#define HOST_CLONE_PASS                                                          \
    (CSIGNAL | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |          \
     CLONE_CHILD_CLEARTID | CLONE_FS | CLONE_FILES | CLONE_PIDFD | CLONE_PTRACE | \
     CLONE_UNTRACED | CLONE_PARENT | CLONE_SYSVSEM | CLONE_IO | CLONE_DETACHED | \
     CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
     CLONE_NEWPID | CLONE_NEWNET)

/* the state of a new child's guest thread, set in the child */
static void child_cpu_setup(struct cpu *c, uint64_t flags, uint64_t newsp, uint64_t tls,
                            uint64_t ctid)
{
    const struct guest_arch *arch = c->proc->arch;
    if (newsp)
        c->gpr[arch->sp_reg] = newsp;
    if (flags & CLONE_SETTLS)
        set_guest_tls(c, tls);
    /* a new task: its clear_child_tid is the CLONE_CHILD_CLEARTID word or
     * nothing, and it starts without a robust list (kernel copy_process) */
    c->tid_address = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
    c->robust_list = 0;
    c->robust_len = 0;
}

/* a struct cpu for a new task sharing this memory: the parent's, resuming
 * after the svc/ecall with 0 in the result register as the dispatcher would
 * leave it; NULL if out of memory */
static struct cpu *child_cpu_new(struct cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t tls,
                                 uint64_t ctid)
{
    struct cpu *c = mmap(NULL, sizeof *c, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (c == MAP_FAILED)
        return NULL;
    memcpy(c, cpu, sizeof *c);
    c->gpr[cpu->proc->arch->sc_ret_reg] = 0;
    c->pc += 4;
    c->res_addr = ~0ull;
    c->thr_listed = 0;
    c->vfork_child = 0;
    c->thr_next = c->thr_prev = NULL;
    child_cpu_setup(c, flags, newsp, tls, ctid);
    return c;
}

/* host clone whose child starts fn(arg) on the stack ending at stack_top
 * (CLONE_VM children cannot run on the parent's stack) */
static long host_clone_on_stack(unsigned long flags, void *stack_top, uint64_t ptid,
                                uint64_t ctid, void (*fn)(void *), void *arg)
{
    uintptr_t *sp = (uintptr_t *)((uintptr_t)stack_top & ~(uintptr_t)15);
    *--sp = (uintptr_t)arg;
    *--sp = (uintptr_t)fn;
    long ret;
    register long r10 __asm__("r10") = (long)ctid;
    register long r8 __asm__("r8") = 0;
    __asm__ volatile(
        "syscall\n\t"
        "test %%rax, %%rax\n\t"
        "jnz 1f\n\t"
        /* the child: only the new stack is valid; fn never returns */
        "xor %%ebp, %%ebp\n\t"
        "pop %%rax\n\t"
        "pop %%rdi\n\t"
        "call *%%rax\n\t"
        "ud2\n"
        "1:"
        : "=a"(ret)
        : "0"((long)SYS_clone), "D"(flags), "S"(sp), "d"(ptid), "r"(r10), "r"(r8)
        : "rcx", "r11", "memory");
    return ret;
}

static void vfork_child_main(void *arg)
{
    struct cpu *c = arg;
    c->tid = (int)HSYS(SYS_gettid);
    cpu_loop(c);
}

#define VFORK_STACK_SIZE (8ul << 20)

/* CLONE_CLEAR_SIGHAND: handled signals go back to SIG_DFL (ignored ones
 * stay ignored), in the records */
static void clear_handlers(struct tern_proc *p)
{
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        if (p->sigact[sig].handler != GSIG_DFL && p->sigact[sig].handler != GSIG_IGN)
            p->sigact[sig].handler = GSIG_DFL;
}

/* guest records in the shared tern_proc a vfork child may change (the
 * per-thread ones are in its own copy of the cpu). With other guest threads
 * running meanwhile, a child without CLONE_SIGHAND changing dispositions
 * changes theirs until the parent resumes (docs/threads.md). */
struct task_records {
    struct guest_sigaction_rec sigact[65];
    uint64_t sigmask;
    int fp_dyn_slow;
};

static void save_records(const struct tern_proc *p, struct task_records *r)
{
    memcpy(r->sigact, p->sigact, sizeof r->sigact);
    r->sigmask = p->sigmask;
    r->fp_dyn_slow = p->fp_dyn_slow;
}

static void restore_records(struct tern_proc *p, const struct task_records *r, bool sighand)
{
    if (!sighand)
        memcpy(p->sigact, r->sigact, sizeof r->sigact);
    p->sigmask = r->sigmask;
    p->fp_dyn_slow = r->fp_dyn_slow;
}

static long clone_vfork(struct cpu *cpu, uint64_t flags, unsigned long hflags,
                        uint64_t newsp, uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    struct tern_proc *p = cpu->proc;
    void *stack = mmap(NULL, VFORK_STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (stack == MAP_FAILED)
        return -ENOMEM;
    struct cpu *c = child_cpu_new(cpu, flags, newsp, tls, ctid);
    if (!c) {
        munmap(stack, VFORK_STACK_SIZE);
        return -ENOMEM;
    }
    struct task_records saved;
    save_records(p, &saved);
    uint64_t gen = jit_generation(p);
    if (flags & G_CLONE_CLEAR_SIGHAND)
        clear_handlers(p);   /* the child's view; restored below */
    /* a flush by another thread must stop the child too */
    thread_vfork_child_add(cpu, c);

    if (tern_log.out)
        fflush(tern_log.out);
    long pid = host_clone_on_stack(hflags | CLONE_VM | CLONE_VFORK,
                                   (char *)stack + VFORK_STACK_SIZE, ptid, ctid,
                                   vfork_child_main, c);

    /* the child has exec'd or exited (or never started): its stack and cpu
     * are unused now, and what it changed in the shared records is undone */
    thread_vfork_child_del(cpu, c);
    if (p->exec_scratch) {
        free(p->exec_scratch);
        p->exec_scratch = NULL;
    }
    int child_dyn_slow = p->fp_dyn_slow;
    restore_records(p, &saved, (flags & CLONE_SIGHAND) != 0);
    /* (the host dispositions the child changed were its own copies) */
    munmap(c, sizeof *c);
    munmap(stack, VFORK_STACK_SIZE);
    if (child_dyn_slow != p->fp_dyn_slow)
        jit_flush(p, cpu);   /* translations follow the parent's mode again */
    else if (jit_generation(p) != gen)
        memset(cpu->jc, 0, sizeof cpu->jc);   /* the child flushed the cache */
    return pid;
}

/* a guest thread (CLONE_THREAD) */
static long clone_thread(struct cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid,
                         uint64_t tls, uint64_t ctid)
{
    struct cpu *c = child_cpu_new(cpu, flags, newsp, tls, ctid);
    if (!c)
        return -ENOMEM;
    /* the kernel gives a new thread no alternate signal stack (a CLONE_VM
     * child without CLONE_VFORK) and keeps its parent's mask */
    c->ss_sp = c->ss_size = 0;
    c->ss_flags = GSS_DISABLE;
    c->exit_requested = 0;
    c->sig_sc_class = 0;
    c->sig_restore_mask = 0;
    return thread_spawn(cpu, c, flags, ptid, ctid);
}

/* a host fork of a guest with several threads: the others stopped, and the
 * guest mm record's lock held across the clone so the child's copy is not
 * left locked by a thread that stays behind. clone3's requests go to the
 * host's clone3 (its pidfd and parent tid words may differ). */
static long fork_stopped(struct cpu *cpu, const struct clone_req *r, unsigned long hflags)
{
    struct tern_proc *p = cpu->proc;
    bool threads = __atomic_load_n(&p->nthreads, __ATOMIC_SEQ_CST) > 1;
    if (threads) {
        thread_stop_world(cpu);
        pthread_mutex_lock(&p->mm.lock);
    }
    long pid;
    if (r->v3) {
        struct guest_clone_args h = {
            .flags = hflags & ~(unsigned long)CSIGNAL,
            .pidfd = r->pidfd,
            .child_tid = r->ctid,
            .parent_tid = r->ptid,
            .exit_signal = r->exit_signal,
        };
        pid = HSYS(SYS_clone3, &h, CLONE_ARGS_SIZE_VER0);
    } else {
        /* the legacy clone writes the pidfd where the parent tid goes */
        uint64_t ptid = (hflags & CLONE_PIDFD) ? r->pidfd : r->ptid;
        pid = HSYS(SYS_clone, hflags | r->exit_signal, 0, ptid, r->ctid, 0);
    }
    if (threads) {
        pthread_mutex_unlock(&p->mm.lock);
        if (pid != 0)
            thread_resume_world(cpu);
    }
    if (pid == 0)
        thread_fork_child(cpu);
    return pid;
}

/* clone and clone3 after their own argument checks */
static long do_clone(struct cpu *cpu, struct clone_req *r)
{
    uint64_t flags = r->flags;
    /* the kernel's consistency checks for the flags decided here */
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    if ((flags & CLONE_THREAD) && (flags & CLONE_PIDFD))
        return -EINVAL;
    if ((flags & CLONE_VM) && !(flags & (CLONE_VFORK | CLONE_THREAD))) {
        if (log_enabled(LOG_unimp))
            log_printf("unimplemented: clone sharing memory without CLONE_THREAD or "
                       "CLONE_VFORK (flags %#llx)\n", (unsigned long long)flags);
        return -ENOSYS;
    }

    unsigned long hflags = (unsigned long)(flags & HOST_CLONE_PASS & ~(uint64_t)CSIGNAL);
    /* The kernel ignores a tid word it cannot write; the host kernel must
     * never be handed one outside guest memory (it could be tern's). */
    if ((flags & CLONE_PIDFD) && !guest_access_ok(cpu, r->pidfd, sizeof(int), PROT_WRITE))
        return -EFAULT;
    if ((flags & CLONE_PARENT_SETTID) && !guest_access_ok(cpu, r->ptid, sizeof(int), PROT_WRITE))
        hflags &= ~(unsigned long)CLONE_PARENT_SETTID;
    if (!guest_access_ok(cpu, r->ctid, sizeof(int), PROT_WRITE))
        hflags &= ~(unsigned long)(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID);
    if (!(hflags & CLONE_PARENT_SETTID))
        r->ptid = 0;
    if (!(hflags & CLONE_PIDFD))
        r->pidfd = 0;
    if (!(hflags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)))
        r->ctid = 0;

    if (flags & CLONE_THREAD) {
        /* the child's tid words: the thread writes them (thread.c) */
        if (!(hflags & CLONE_PARENT_SETTID))
            flags &= ~(uint64_t)CLONE_PARENT_SETTID;
        if (!(hflags & CLONE_CHILD_SETTID))
            flags &= ~(uint64_t)CLONE_CHILD_SETTID;
        if (!(hflags & CLONE_CHILD_CLEARTID))
            flags &= ~(uint64_t)CLONE_CHILD_CLEARTID;
        return clone_thread(cpu, flags, r->newsp, r->ptid, r->tls, r->ctid);
    }
    if (flags & CLONE_VM) {
        /* the host's legacy clone writes the pidfd where the parent tid goes */
        uint64_t ptid = r->ptid;
        if (hflags & CLONE_PIDFD) {
            if ((hflags & CLONE_PARENT_SETTID) && r->ptid != r->pidfd) {
                if (log_enabled(LOG_unimp))
                    log_printf("unimplemented: clone3 vfork with both CLONE_PIDFD and "
                               "CLONE_PARENT_SETTID\n");
                return -ENOSYS;
            }
            ptid = r->pidfd;
        }
        return clone_vfork(cpu, flags, hflags | r->exit_signal, r->newsp, ptid, r->tls, r->ctid);
    }

    if (tern_log.out)
        fflush(tern_log.out);
    long pid = fork_stopped(cpu, r, hflags);
    if (pid == 0) {
        /* the child: a copy of this tern, carrying on from here */
        cpu->tid = (int)HSYS(SYS_gettid);
        child_cpu_setup(cpu, flags, r->newsp, r->tls, r->ctid);
        if (flags & G_CLONE_CLEAR_SIGHAND) {
            clear_handlers(cpu->proc);
            for (int sig = 1; sig <= GUEST_NSIG; sig++)
                sig_apply_disposition(cpu, sig);
        }
    }
    return pid;
}

long sc_clone(struct cpu *cpu, uint64_t a[6])
{
    /* the legacy clone takes 32 flag bits (clone3 has the wider ones), the
     * exit signal among them; its pidfd goes where the parent tid does */
    uint64_t flags = (uint32_t)a[0];
    struct clone_req r = {
        .flags = flags & ~(uint64_t)CSIGNAL,
        .exit_signal = flags & CSIGNAL,
        .newsp = a[1], .ptid = a[2], .tls = a[3], .ctid = a[4], .pidfd = a[2],
    };
    return do_clone(cpu, &r);
}

/* clone3: struct clone_args of any size the kernel accepts (bytes past the
 * ones known here must be 0), checked as clone3_args_valid checks it */
long sc_clone3(struct cpu *cpu, uint64_t a[6])
{
    uint64_t size = a[1];
    if (size > GUEST_PAGE_SIZE)
        return -E2BIG;
    if (size < CLONE_ARGS_SIZE_VER0)
        return -EINVAL;
    uint8_t buf[GUEST_PAGE_SIZE];
    if (guest_copy_in(cpu, buf, a[0], size))
        return -EFAULT;
    struct guest_clone_args ca = { 0 };
    memcpy(&ca, buf, size < sizeof ca ? size : sizeof ca);
    for (uint64_t i = sizeof ca; i < size; i++)
        if (buf[i])
            return -E2BIG;
    if (ca.set_tid_size > 32 || (!ca.set_tid && ca.set_tid_size) ||
        (ca.set_tid && !ca.set_tid_size))
        return -EINVAL;
    if ((ca.exit_signal & ~(uint64_t)CSIGNAL) || ca.exit_signal > GUEST_NSIG)
        return -EINVAL;
    if ((ca.flags & G_CLONE_INTO_CGROUP) && (ca.cgroup > INT32_MAX || size < CLONE_ARGS_SIZE_VER2))
        return -EINVAL;
    if (ca.flags & ~(0xffffffffull | G_CLONE_CLEAR_SIGHAND | G_CLONE_INTO_CGROUP))
        return -EINVAL;
    /* CLONE_DETACHED and the CSIGNAL bits (but CLONE_NEWTIME) are not
     * flags in clone3 */
    if (ca.flags & (CLONE_DETACHED | (CSIGNAL & ~(uint64_t)G_CLONE_NEWTIME)))
        return -EINVAL;
    if ((ca.flags & (CLONE_SIGHAND | G_CLONE_CLEAR_SIGHAND)) ==
        (CLONE_SIGHAND | G_CLONE_CLEAR_SIGHAND))
        return -EINVAL;
    if ((ca.flags & (CLONE_THREAD | CLONE_PARENT)) && ca.exit_signal)
        return -EINVAL;
    if ((!ca.stack && ca.stack_size) || (ca.stack && !ca.stack_size))
        return -EINVAL;
    if (ca.set_tid || (ca.flags & (G_CLONE_INTO_CGROUP | G_CLONE_NEWTIME))) {
        if (log_enabled(LOG_unimp))
            log_printf("unimplemented: clone3 with set_tid, CLONE_INTO_CGROUP or "
                       "CLONE_NEWTIME\n");
        return -ENOSYS;
    }
    struct clone_req r = {
        .flags = ca.flags,
        .exit_signal = ca.exit_signal,
        .newsp = ca.stack ? ca.stack + ca.stack_size : 0,   /* both stacks grow down */
        .ptid = ca.parent_tid, .tls = ca.tls, .ctid = ca.child_tid, .pidfd = ca.pidfd,
        .v3 = true,
    };
    return do_clone(cpu, &r);
}

/* ---------------- wait ---------------- */

_Static_assert(sizeof(struct rusage) == 144, "struct rusage");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t");

long sc_wait4(struct cpu *cpu, uint64_t a[6])
{
    if (!OPT_OK(cpu, a[1], sizeof(int), PROT_WRITE) ||
        !OPT_OK(cpu, a[3], sizeof(struct rusage), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_wait4, (int)a[0], a[1], (int)a[2], a[3]);
}

long sc_waitid(struct cpu *cpu, uint64_t a[6])
{
    if (!OPT_OK(cpu, a[2], sizeof(siginfo_t), PROT_WRITE) ||
        !OPT_OK(cpu, a[4], sizeof(struct rusage), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_waitid, (int)a[0], (int)a[1], a[2], (int)a[3], a[4]);
}

/* ---------------- signals to processes ---------------- */

/* Signal numbers are asm-generic's on both sides. The signal goes to the
 * host task: a translated process dies of it by the default action (guest
 * handlers come with the signals work). */
long sc_kill(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_kill, (int)a[0], (int)a[1]);
}

long sc_tkill(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_tkill, (int)a[0], (int)a[1]);
}

long sc_tgkill(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_tgkill, (int)a[0], (int)a[1], (int)a[2]);
}

/* ---------------- process groups and sessions ---------------- */

long sc_getpgid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_getpgid, (int)a[0]);
}

long sc_setpgid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_setpgid, (int)a[0], (int)a[1]);
}

long sc_getsid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_getsid, (int)a[0]);
}

long sc_setsid(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    (void)a;
    return HSYS(SYS_setsid);
}
