/* thread.c — guest threads: a clone that makes a thread becomes a host
 * thread (pthread_create in tern's static glibc, so it has its own TLS,
 * errno and malloc cache) running a struct cpu of its own; thread exit (the
 * robust list walk and clear_child_tid the kernel does at a task's death);
 * the process's thread list; stopping the world. Design and reasons:
 * docs/threads.md.
 *
 * Stopping the world. Translated code and the code cache's lookups run
 * without locks, so a flush (which rewrites the cache) must first get every
 * other thread out of them. A thread is CPU_RUNNING while it may run or look
 * up translated code (the dispatcher loop) and CPU_SAFE inside a guest
 * syscall or while stopped. The stopper sets proc->stop_req and sig_check
 * in every running cpu; translated code leaves for the dispatcher at its
 * next block entry, where thread_safepoint stops it. A thread coming back
 * from a syscall stops too before it touches the cache. The two sides are a
 * Dekker pair (a thread stores its state then loads stop_req; the stopper
 * stores stop_req then loads the states, all seq_cst), so either the stopper
 * sees the thread running and waits, or the thread sees the request and
 * stops. Only one thread stops the world at a time (a CAS on stop_req); a
 * second one stops for the first, then tries again.
 *
 * Invariants: proc->threads lists every struct cpu running guest code in
 * this address space (vfork children included) and is changed only under
 * proc->threads_lock; proc->nthreads counts the guest threads of this
 * process (not vfork children, whose exit touches neither, nor the other
 * threads' robust lists) and reaches 0 only in the exit of the last;
 * a cpu is freed only by its own host thread, after leaving the list with
 * its host signals blocked.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "jit/ir.h"
#include "jit/jit.h"
#include "runner/dispatch.h"
#include "runner/fault.h"
#include "runner/log.h"
#include "runner/signal.h"
#include "runner/thread.h"
#include "syscalls/sc.h"

/* host stack of a guest thread: tern's own frames (translation, signal
 * delivery) only; the guest runs on its own stack */
#define THREAD_STACK (2ul << 20)

/* tern's own futex calls (never cut short by a guest signal) */
static long futex_raw(void *uaddr, int op, uint32_t val, const struct timespec *ts)
{
    return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void list_add(struct tern_proc *p, struct cpu *c)
{
    c->thr_prev = NULL;
    c->thr_next = p->threads;
    if (p->threads)
        p->threads->thr_prev = c;
    p->threads = c;
    c->thr_listed = 1;
}

static void list_del(struct tern_proc *p, struct cpu *c)
{
    if (!c->thr_listed)
        return;
    if (c->thr_prev)
        c->thr_prev->thr_next = c->thr_next;
    else
        p->threads = c->thr_next;
    if (c->thr_next)
        c->thr_next->thr_prev = c->thr_prev;
    c->thr_next = c->thr_prev = NULL;
    c->thr_listed = 0;
}

/* ---------------- running / safe ---------------- */

static void ack(struct tern_proc *p)
{
    __atomic_fetch_add(&p->stop_ack, 1, __ATOMIC_SEQ_CST);
    futex_raw(&p->stop_ack, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
}

static void set_safe(struct cpu *cpu)
{
    __atomic_store_n(&cpu->run_state, CPU_SAFE, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&cpu->proc->stop_req, __ATOMIC_SEQ_CST))
        ack(cpu->proc);
}

/* safe until the world runs again */
static void wait_world(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    set_safe(cpu);
    while (__atomic_load_n(&p->stop_req, __ATOMIC_SEQ_CST))
        futex_raw(&p->stop_req, FUTEX_WAIT_PRIVATE, 1, NULL);
}

static void set_running(struct cpu *cpu)
{
    for (;;) {
        __atomic_store_n(&cpu->run_state, CPU_RUNNING, __ATOMIC_SEQ_CST);
        if (!__atomic_load_n(&cpu->proc->stop_req, __ATOMIC_SEQ_CST))
            return;
        wait_world(cpu);
    }
}

void thread_park(struct cpu *cpu)
{
    wait_world(cpu);
    set_running(cpu);
}

void thread_syscall_begin(struct cpu *cpu) { set_safe(cpu); }
void thread_syscall_end(struct cpu *cpu) { set_running(cpu); }

void thread_loop_start(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    if (!cpu->thr_listed) {
        /* the initial thread: the process's first guest thread */
        pthread_mutex_lock(&p->threads_lock);
        list_add(p, cpu);
        p->nthreads = 1;
        pthread_mutex_unlock(&p->threads_lock);
        cpu->jc_gen = jit_generation(p);
    }
    set_running(cpu);
}

int thread_any_rmm(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    int any = cpu->frm == IR_RM_RMM;
    pthread_mutex_lock(&p->threads_lock);
    for (struct cpu *c = p->threads; c && !any; c = c->thr_next)
        any = __atomic_load_n(&c->frm, __ATOMIC_RELAXED) == IR_RM_RMM;
    pthread_mutex_unlock(&p->threads_lock);
    return any;
}

int thread_signal_target(struct cpu *self, int sig)
{
    struct tern_proc *p = self->proc;
    if (pthread_mutex_trylock(&p->threads_lock))
        return 0;
    int tid = 0;
    for (struct cpu *c = p->threads; c && !tid; c = c->thr_next)
        if (c != self && c->tid && !c->vfork_child &&
            !(__atomic_load_n(&c->sigmask, __ATOMIC_SEQ_CST) & SIGBIT(sig)))
            tid = c->tid;
    pthread_mutex_unlock(&p->threads_lock);
    return tid;
}

/* ---------------- stopping the world ---------------- */

int thread_stop_world(struct cpu *self)
{
    struct tern_proc *p = self->proc;
    int state = __atomic_load_n(&self->run_state, __ATOMIC_SEQ_CST);
    int waited = 0;
    for (;;) {
        int zero = 0;
        if (__atomic_compare_exchange_n(&p->stop_req, &zero, 1, false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST))
            break;
        wait_world(self);   /* another thread's stop: this one stops for it */
        waited = 1;
    }
    /* the stopper is not waited for: its own state does not matter */
    __atomic_store_n(&self->run_state, state, __ATOMIC_SEQ_CST);
    for (;;) {
        uint32_t seq = __atomic_load_n(&p->stop_ack, __ATOMIC_SEQ_CST);
        int running = 0;
        pthread_mutex_lock(&p->threads_lock);
        for (struct cpu *c = p->threads; c; c = c->thr_next) {
            if (c == self || __atomic_load_n(&c->run_state, __ATOMIC_SEQ_CST) == CPU_SAFE)
                continue;
            running++;
            /* leave translated code at the next block entry */
            __atomic_store_n(&c->sig_check, 1, __ATOMIC_SEQ_CST);
        }
        pthread_mutex_unlock(&p->threads_lock);
        if (!running)
            break;
        /* every stopping thread bumps stop_ack; the timeout covers a
         * thread that left the list instead */
        struct timespec ts = { 0, 2 * 1000 * 1000 };
        futex_raw(&p->stop_ack, FUTEX_WAIT_PRIVATE, seq, &ts);
    }
    return waited;
}

void thread_resume_world(struct cpu *self)
{
    struct tern_proc *p = self->proc;
    __atomic_store_n(&p->stop_req, 0, __ATOMIC_SEQ_CST);
    futex_raw(&p->stop_req, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
}

/* ---------------- creation ---------------- */

/* handed from the creating thread to the new one; lives on the creator's
 * stack until the new thread has written tid */
struct thread_start {
    struct cpu *cpu;
    uint64_t flags, ptid, ctid;
    int tid;   /* futex word: the new thread's tid, 0 until known */
};

static void *thread_main(void *arg)
{
    struct thread_start *st = arg;
    struct cpu *c = st->cpu;
    /* fault.c's handler runs on its own stack, as on the initial thread: a
     * fault must be handled whatever state the host stack is in (a store
     * to a write-protected code page deep in tern's own frames, a host
     * stack overflow reported at all instead of killing) */
    fault_thread_init();
    int tid = (int)syscall(SYS_gettid);
    c->tid = tid;
    /* the kernel writes these before either side runs on */
    if (st->flags & CLONE_PARENT_SETTID)
        __atomic_store_n((int *)(uintptr_t)st->ptid, tid, __ATOMIC_SEQ_CST);
    if (st->flags & CLONE_CHILD_SETTID)
        __atomic_store_n((int *)(uintptr_t)st->ctid, tid, __ATOMIC_SEQ_CST);
    /* what the guest did not ask to share: a copy of it, as clone makes */
    int unshare_flags = 0;
    if (!(st->flags & CLONE_FILES))
        unshare_flags |= CLONE_FILES;
    if (!(st->flags & CLONE_FS))
        unshare_flags |= CLONE_FS;
    if (!(st->flags & CLONE_SYSVSEM))
        unshare_flags |= CLONE_SYSVSEM;
    if (unshare_flags && syscall(SYS_unshare, unshare_flags) < 0 && log_enabled(LOG_unimp))
        log_printf("unimplemented: thread %d could not unshare %#x: %s\n", tid, unshare_flags,
                   strerror(errno));
    jmp_buf jb;
    c->exit_jmp = &jb;
    __atomic_store_n(&st->tid, tid, __ATOMIC_SEQ_CST);
    futex_raw(&st->tid, FUTEX_WAKE_PRIVATE, 1, NULL);
    /* st is gone from here on */
    if (!setjmp(jb))
        cpu_loop(c);
    /* thread_exit: c is off the list, its signals blocked */
    munmap(c, sizeof *c);
    fault_thread_fini();
    return NULL;
}

long thread_spawn(struct cpu *parent, struct cpu *child, uint64_t flags, uint64_t ptid,
                  uint64_t ctid)
{
    struct tern_proc *p = parent->proc;
    struct thread_start st = { child, flags, ptid, ctid, 0 };
    child->proc = p;
    child->tid = 0;
    child->exit_jmp = NULL;
    child->run_state = CPU_SAFE;
    child->jc_gen = parent->jc_gen;   /* jc[] is a copy of the parent's */

    pthread_mutex_lock(&p->threads_lock);
    list_add(p, child);
    p->nthreads++;
    pthread_mutex_unlock(&p->threads_lock);

    /* the new host thread starts with every signal blocked: its route and
     * mask are set before it takes one (runner/signal.c sig_thread_start) */
    uint64_t all = ~0ull, old = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, THREAD_STACK);
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, &st);
    pthread_attr_destroy(&attr);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
    if (e) {
        pthread_mutex_lock(&p->threads_lock);
        list_del(p, child);
        p->nthreads--;
        pthread_mutex_unlock(&p->threads_lock);
        munmap(child, sizeof *child);
        return -EAGAIN;
    }
    while (!__atomic_load_n(&st.tid, __ATOMIC_SEQ_CST))
        futex_raw(&st.tid, FUTEX_WAIT_PRIVATE, 0, NULL);
    return st.tid;
}

/* ---------------- exit ---------------- */

#define G_FUTEX_WAITERS    0x80000000u
#define G_FUTEX_OWNER_DIED 0x40000000u
#define G_FUTEX_TID_MASK   0x3fffffffu
#define ROBUST_LIST_LIMIT  2048        /* the kernel's bound on a list walk */

/* struct robust_list_head (linux/futex.h), the same on every 64-bit Linux */
struct guest_robust_head {
    uint64_t next;              /* struct robust_list *: bit 0 marks a PI futex */
    int64_t futex_offset;       /* from an entry to its futex word */
    uint64_t list_op_pending;
};

/* the kernel's handle_futex_death: a lock word still owned by the dead tid
 * gets OWNER_DIED (WAITERS kept), and a waiter is woken for a non-PI one */
static void futex_death(struct cpu *cpu, uint64_t uaddr, int tid, bool pi, bool pending)
{
    if ((uaddr & 3) || !guest_access_ok(cpu, uaddr, 4, PROT_READ | PROT_WRITE))
        return;
    uint32_t *w = (uint32_t *)(uintptr_t)uaddr;
    uint32_t v = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    for (;;) {
        if (pending && !pi && !v) {
            /* died between taking the lock and listing it: a waiter may
             * have been told to wait, wake one */
            futex_raw(w, FUTEX_WAKE, 1, NULL);
            return;
        }
        if ((v & G_FUTEX_TID_MASK) != (uint32_t)tid)
            return;
        uint32_t n = (v & G_FUTEX_WAITERS) | G_FUTEX_OWNER_DIED;
        if (__atomic_compare_exchange_n(w, &v, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            break;
    }
    if (!pi && (v & G_FUTEX_WAITERS))
        futex_raw(w, FUTEX_WAKE, 1, NULL);
}

/* the kernel's exit_robust_list for a guest thread */
static void robust_walk(struct cpu *cpu, uint64_t head, int tid)
{
    struct guest_robust_head h;
    if (!head || guest_copy_in(cpu, &h, head, sizeof h))
        return;
    uint64_t pending = h.list_op_pending & ~1ull;
    bool pending_pi = h.list_op_pending & 1;
    uint64_t entry = h.next;
    for (int limit = ROBUST_LIST_LIMIT; (entry & ~1ull) != head && limit; limit--) {
        uint64_t e = entry & ~1ull, next;
        if (guest_copy_in(cpu, &next, e, sizeof next))
            return;
        if (e != pending)
            futex_death(cpu, e + (uint64_t)h.futex_offset, tid, entry & 1, false);
        entry = next;
    }
    if (pending)
        futex_death(cpu, pending + (uint64_t)h.futex_offset, tid, pending_pi, true);
}

static void __attribute__((noreturn)) process_exit(int status)
{
    if (tern_log.out)
        fflush(tern_log.out);
    fflush(stdout);
    fflush(stderr);
    for (;;)
        syscall(SYS_exit_group, status);
}

/* a vfork child ends its own process: its records only (it shares the
 * parent's memory, thread list and counts, which are not its own) */
static void __attribute__((noreturn)) vfork_child_exit(struct cpu *cpu, int status)
{
    sig_thread_exit(cpu);
    robust_walk(cpu, cpu->robust_list, cpu->tid);
    uint64_t ct = cpu->tid_address;
    if (ct && !(ct & 3) && guest_access_ok(cpu, ct, 4, PROT_WRITE)) {
        __atomic_store_n((int *)(uintptr_t)ct, 0, __ATOMIC_SEQ_CST);
        futex_raw((void *)(uintptr_t)ct, FUTEX_WAKE, 1, NULL);
    }
    process_exit(status);
}

void thread_exit_group(struct cpu *cpu, int status)
{
    struct tern_proc *p = cpu->proc;
    if (cpu->vfork_child)
        vfork_child_exit(cpu, status);
    /* the process dies: each thread's robust futexes are released as the
     * kernel would at each one's death (seen by other processes sharing
     * the memory). The others still run: good enough for words they own. */
    pthread_mutex_lock(&p->threads_lock);
    for (struct cpu *c = p->threads; c; c = c->thr_next)
        if (c->tid)
            robust_walk(cpu, c->robust_list, c->tid);
    pthread_mutex_unlock(&p->threads_lock);
    process_exit(status);
}

void thread_exit(struct cpu *cpu, int status)
{
    struct tern_proc *p = cpu->proc;
    if (cpu->vfork_child)
        vfork_child_exit(cpu, status);
    /* no signal is recorded into cpu from here on; what it had recorded
     * for the process goes back to the kernel for another thread */
    sig_thread_exit(cpu);
    robust_walk(cpu, cpu->robust_list, cpu->tid);

    pthread_mutex_lock(&p->threads_lock);
    list_del(p, cpu);
    int left = --p->nthreads;
    pthread_mutex_unlock(&p->threads_lock);
    if (left <= 0)
        process_exit(status);   /* the last thread: its status is the process's */
    if (__atomic_load_n(&p->stop_req, __ATOMIC_SEQ_CST))
        ack(p);

    /* clear_child_tid: a joiner waits for this word (a shared futex, as
     * the kernel's mm_release wakes); the guest may free this thread's
     * stack once it reads 0, and tern no longer uses it */
    uint64_t ct = cpu->tid_address;
    if (ct && !(ct & 3) && guest_access_ok(cpu, ct, 4, PROT_WRITE)) {
        __atomic_store_n((int *)(uintptr_t)ct, 0, __ATOMIC_SEQ_CST);
        futex_raw((void *)(uintptr_t)ct, FUTEX_WAKE, 1, NULL);
    }
    if (log_enabled(LOG_strace))
        log_printf("%d +++ thread exited with %d +++\n", cpu->tid, status);
    if (cpu->exit_jmp)
        longjmp(*(jmp_buf *)cpu->exit_jmp, 1);
    /* the initial host thread cannot return from main: it leaves alone
     * (its cpu stays allocated; the others go on) */
    for (;;)
        syscall(SYS_exit, 0);
}

long thread_robust_of(struct cpu *cpu, int tid, uint64_t *head, uint64_t *len)
{
    struct tern_proc *p = cpu->proc;
    if (!tid || tid == cpu->tid) {
        *head = cpu->robust_list;
        *len = cpu->robust_len;
        return 0;
    }
    long r = -ESRCH;
    pthread_mutex_lock(&p->threads_lock);
    for (struct cpu *c = p->threads; c; c = c->thr_next)
        if (c->tid == tid) {
            *head = c->robust_list;
            *len = c->robust_len;
            r = 0;
            break;
        }
    pthread_mutex_unlock(&p->threads_lock);
    return r;
}

/* ---------------- vfork and fork ---------------- */

void thread_vfork_child_add(struct cpu *parent, struct cpu *child)
{
    struct tern_proc *p = parent->proc;
    child->run_state = CPU_SAFE;
    child->exit_jmp = NULL;
    child->vfork_child = 1;
    pthread_mutex_lock(&p->threads_lock);
    list_add(p, child);
    pthread_mutex_unlock(&p->threads_lock);
}

void thread_vfork_child_del(struct cpu *parent, struct cpu *child)
{
    struct tern_proc *p = parent->proc;
    pthread_mutex_lock(&p->threads_lock);
    list_del(p, child);
    pthread_mutex_unlock(&p->threads_lock);
    if (__atomic_load_n(&p->stop_req, __ATOMIC_SEQ_CST))
        ack(p);   /* a child killed while running: the stopper waits no more */
}

void thread_fork_child(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    /* the lock may have been held by a thread that stayed in the parent */
    pthread_mutex_init(&p->threads_lock, NULL);
    p->threads = NULL;
    list_add(p, cpu);
    p->nthreads = 1;
    p->stop_req = 0;
    p->stop_ack = 0;
    cpu->exit_jmp = NULL;   /* the host thread is this process's initial one */
    cpu->vfork_child = 0;   /* a fork from a vfork child: a process of its own */
}
