/* fault.c — host SIGSEGV/SIGBUS/SIGFPE/SIGILL while guest code runs.
 *
 * Guest handlers get asynchronous signals (runner/signal.c, docs/signals.md)
 * but not yet synchronous faults (precise fault state is the process-model
 * work): a fault in translated code is fatal for the guest, as it would be
 * on hardware without a handler: one
 * line names the guest pc (recovered through the block's insn marks) and the
 * faulting address, then the default action is restored and the instruction
 * re-executes, so tern dies of the same signal and the shell sees 128+N.
 * A fault outside translated code is a runner bug and is reported as such.
 * The same signals sent by kill/tgkill are not faults: tern dies of them.
 *
 * The handler runs on its own stack (guest stack overflows reach it) and reads
 * only `fault_proc`, written once before any guest code runs.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "jit/jit.h"
#include "runner/fault.h"
#include "runner/log.h"
#include "runner/tern.h"

static struct tern_proc *fault_proc;

static const char *sig_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGFPE: return "floating point exception";
    case SIGILL: return "illegal instruction";
    default: return "fault";
    }
}

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    if (si->si_code <= 0) {
        /* sent (kill, tgkill, sigqueue), not a fault: the default action, as
         * for the guest without a handler (SA_NODEFER: delivered at once) */
        signal(sig, SIG_DFL);
        syscall(SYS_tgkill, (long)getpid(), (long)syscall(SYS_gettid), (long)sig);
        return;
    }
    ucontext_t *uc = ucv;
    uintptr_t hpc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uint64_t gpc = fault_proc ? jit_guest_pc_of(fault_proc, hpc) : 0;
    char msg[200];
    int n;
    if (gpc)
        n = snprintf(msg, sizeof(msg), "tern: guest %s at pc 0x%" PRIx64 " (address 0x%" PRIxPTR ")\n",
                     sig_name(sig), gpc, (uintptr_t)si->si_addr);
    else
        n = snprintf(msg, sizeof(msg), "tern: internal error: %s in the runner at %#" PRIxPTR
                     " (address 0x%" PRIxPTR ")\n", sig_name(sig), hpc, (uintptr_t)si->si_addr);
    if (n > 0)
        (void)!write(2, msg, (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1);
    log_flush();
    signal(sig, SIG_DFL); /* returning re-executes the access: dies by sig */
}

void fault_init(struct tern_proc *p)
{
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0};
    sigaltstack(&ss, NULL);
    fault_proc = p;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
}
