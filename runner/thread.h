/* thread.h — guest threads (runner/thread.c): each guest thread is a host
 * thread running its own struct cpu; the process's thread list; stopping the
 * world for a code cache flush or a fork. Design: docs/threads.md.
 */
#ifndef TERN_THREAD_H
#define TERN_THREAD_H

#include <stdint.h>

#include "runner/cpu.h"
#include "runner/tern.h"

/* cpu->run_state */
enum { CPU_SAFE = 0, CPU_RUNNING = 1 };

/* ---- the dispatcher's side ---- */

/* at the start of cpu_loop: the initial thread joins the list; every thread
 * becomes CPU_RUNNING (waiting first if the world is stopped) */
void thread_loop_start(struct cpu *cpu);
/* a guest syscall begins / ends: the thread is CPU_SAFE while in it, and
 * waits at its end while another thread holds the world stopped */
void thread_syscall_begin(struct cpu *cpu);
void thread_syscall_end(struct cpu *cpu);
/* the dispatcher's safe point: stops here while another thread holds the
 * world stopped (a flush may have happened when it returns) */
void thread_park(struct cpu *cpu);
static inline void thread_safepoint(struct cpu *cpu)
{
    if (__atomic_load_n(&cpu->proc->stop_req, __ATOMIC_SEQ_CST))
        thread_park(cpu);
}

/* the process's translations send dynamic-rounding FP ops to software while
 * any thread's rounding mode is RISC-V RMM (no host equivalent): whether one
 * is (cpu's own mode counts even before it is on the list) */
int thread_any_rmm(struct cpu *cpu);

/* for a sent, process-directed signal that self's guest mask blocks (from
 * its host signal handler: runner/signal.c sig_record_sent): the tid of
 * another guest thread of the process whose mask lets sig in, as the
 * kernel's complete_signal would pick; 0 if there is none, or if the thread
 * list's lock is taken (never waited for: the interrupted code may hold it) */
int thread_signal_target(struct cpu *self, int sig);

/* ---- stopping the world ----
 * On return from thread_stop_world every other guest thread of the process
 * is CPU_SAFE: stopped at its dispatcher safe point or inside a syscall
 * (from which it cannot come back to translated code until
 * thread_resume_world). Callable from the dispatcher or a syscall handler.
 * If another thread was stopping the world meanwhile, this one stopped for
 * it first (returns non-zero then: the caller may find its work done). */
int thread_stop_world(struct cpu *self);
void thread_resume_world(struct cpu *self);

/* ---- the syscall layer's side ---- */

/* run child (a struct cpu mmap'd by the caller, set up to resume the guest
 * after its clone) as a new host thread of this process; thread.c owns child
 * from here on. flags: the guest's clone flags (tid words at ptid/ctid were
 * checked writable; CLONE_FS/FILES/SYSVSEM absent are unshared). Returns the
 * new thread's tid (host tid == guest tid) or -errno. */
long thread_spawn(struct cpu *parent, struct cpu *child, uint64_t flags, uint64_t ptid,
                  uint64_t ctid);
/* the guest thread ends (exit): robust list, clear_child_tid, and the host
 * thread goes; the last thread's exit ends the process with status */
void thread_exit(struct cpu *cpu, int status) __attribute__((noreturn));
/* exit_group: every thread's robust list, tern's output flushed, the
 * process ends */
void thread_exit_group(struct cpu *cpu, int status) __attribute__((noreturn));
/* get_robust_list: the robust list head of thread tid of this process (0:
 * cpu's own); 0, or -ESRCH if tid is not one of its guest threads */
long thread_robust_of(struct cpu *cpu, int tid, uint64_t *head, uint64_t *len);
/* a host vfork child runs guest code in this address space: it is on the
 * thread list while it does (a flush must stop it too) */
void thread_vfork_child_add(struct cpu *parent, struct cpu *child);
void thread_vfork_child_del(struct cpu *parent, struct cpu *child);
/* in a fork child: the only thread is cpu (the others stayed in the parent) */
void thread_fork_child(struct cpu *cpu);

#endif
