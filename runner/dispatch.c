/* dispatch.c — the cpu loop: find or translate the block at cpu->pc, run it,
 * and act on why it came back (chain request, syscall, guest fault...).
 *
 * Invariants: generated code returns here only through the epilogue, with
 * cpu->pc naming the next guest instruction. A chain request is honoured only
 * if no flush happened since the exit was taken (generation check). Under
 * `-d exec` nothing is chained so every block entry passes here and is logged.
 * The top of the loop is the safe point where guest signals are delivered
 * (runner/signal.c): generated code comes back here when cpu->sig_check is
 * set, and syscalls pass through sig_syscall_enter/exit for the restart rules.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jit/jit.h"
#include "runner/dispatch.h"
#include "runner/fault.h"
#include "runner/log.h"
#include "runner/signal.h"
#include "runner/tern.h"
#include "runner/thread.h"
#include "syscalls/syscall.h"

static struct tb *get_tb(struct cpu *cpu, uint64_t pc)
{
    struct tb *tb = jit_find(cpu->proc, pc);
    return tb ? tb : jit_translate(cpu, pc);
}

void cpu_loop(struct cpu *cpu)
{
    struct tern_proc *p = cpu->proc;
    bool trace = log_enabled(LOG_exec);
    sig_thread_start(cpu);
    thread_loop_start(cpu);
    fpu_load(cpu);
    struct tb *tb = NULL;
    for (;;) {
        /* safe point: every guest register is in cpu */
        if (__atomic_load_n(&cpu->sig_check, __ATOMIC_RELAXED)) {
            sig_deliver(cpu);
            tb = NULL;
        }
        if (cpu->exit_requested || smc_take_pending(jit_smc(p))) {
            /* the FP rounding mode moved into or out of one the host lacks,
             * or guest code changed under its translations (jit/smc.c) */
            cpu->exit_requested = 0;
            /* slow translations while any thread is in RMM: all share them */
            p->fp_dyn_slow = thread_any_rmm(cpu);
            jit_flush(p, cpu);
            tb = NULL;
        }
        /* after everything that may clear sig_check: a stop requested from
         * here on sets it again, so translated code comes back */
        thread_safepoint(cpu);
        if (cpu->jc_gen != jit_generation(p)) {
            /* another thread flushed the cache while this one was out */
            memset(cpu->jc, 0, sizeof cpu->jc);
            cpu->jc_gen = jit_generation(p);
            tb = NULL;
        }
        if (!tb)
            tb = get_tb(cpu, cpu->pc);
        if (trace)
            log_printf("Trace: [%p] %016" PRIx64 "\n", tb->code, tb->pc);
        else
            jit_jc_set(cpu, tb);
        uint64_t gen = jit_generation(p);
        jit_exit_t r = jit_enter(cpu, tb->code);
        tb = NULL;
        if (cpu->exit_requested)
            continue;
        if (r >= EXIT_NUM) {
            /* a direct exit not chained yet: the target is cpu->pc */
            tb = get_tb(cpu, cpu->pc);
            if (!trace && jit_generation(p) == gen)
                jit_chain(p, r, tb);
            continue;
        }
        switch ((enum exit_reason)r) {
        case EXIT_SYSCALL: {
            struct sig_sc sc;
            thread_syscall_begin(cpu);
            sig_syscall_enter(cpu, &sc);
            guest_syscall(cpu);
            sig_syscall_exit(cpu, &sc);
            thread_syscall_end(cpu);
            break;
        }
        case EXIT_SIGILL:
        case EXIT_SIGTRAP:
        case EXIT_FETCH_FAULT:
            /* to the guest's handler at the safe point, or fatal */
            fault_guest_exit(cpu, (int)r);
            break;
        case EXIT_FLUSH:
            jit_flush(p, cpu);
            break;
        case EXIT_PROMOTE:
            /* cpu->pc = the hot block's start; its full translation runs
             * next (unless the loop top finds a reason not to) */
            if (jit_generation(p) == gen)
                tb = jit_promote(cpu, cpu->pc);
            break;
        case EXIT_LOOKUP:
        case EXIT_NONE:
        case EXIT_NUM:
            break;
        }
    }
}
