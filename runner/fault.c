/* fault.c — synchronous guest faults: host SIGSEGV/SIGBUS in translated code
 * or in a helper it called, and the dispatcher's SIGILL/SIGTRAP/fetch-fault
 * exits, delivered to the guest's handler with the precise state, or fatal as
 * on hardware without one (docs/signals.md "Synchronous faults").
 *
 * A host fault at a guest memory access: the block's state map (jit/statemap.c)
 * names the guest insn and where each guest value struct cpu lacks lives (host
 * register, spill slot, constant). The handler rebuilds struct cpu from the
 * host context, records the guest signal (sig_force: the kernel's force_sig,
 * so a blocked or ignored one kills), and rewrites the host context to leave
 * generated code through the block's exit path (the epilogue, with the
 * block's rsp and EXIT_LOOKUP in rax): returning from this handler lands in
 * the dispatcher, whose safe point builds the guest frame. A fault inside a
 * helper (LD2-4/ST2-4, store-exclusive, CASP, SC) is found through the helper
 * call's return address, the nearest word on the host stack that is a
 * recorded call site of a block; the frame above it is the block's (rbp was
 * saved there at BE_CPUSAVE). The helper's own frames are dropped: helpers
 * take no locks and hold nothing.
 *
 * A write fault on a page tern write-protected because translated code came
 * from it (jit/smc.c) is no guest fault: the page is made writable again and
 * the store retried; generated code then returns to the dispatcher at its
 * next block entry, which drops the stale translations.
 *
 * Without a guest handler (or with the signal blocked or ignored) the guest
 * dies as before: one line names the guest pc and the address, the default
 * action is restored and the access re-executes, so tern dies of the same
 * signal and the shell sees 128+N. A fault outside translated code and
 * helpers is a runner bug and is reported as such. The same signals sent by
 * kill/tgkill/sigqueue (si_code <= 0) are no faults: they go to
 * runner/signal.c (sig_record_sent), which treats them as the ordinary
 * signals they are for the kernel.
 *
 * The handler runs on an alternate stack with a guard page below
 * (fault_thread_init, per host thread, freed by fault_thread_fini: a guest
 * stack overflow is a guest fault, but a host stack near its end must not
 * decide whether tern can handle a fault), with every signal blocked, and
 * reads only `fault_proc`, written once before any guest code runs, and the
 * faulting thread's own struct cpu.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "jit/ir.h"
#include "jit/jit.h"
#include "jit/x86_be.h"
#include "runner/fault.h"
#include "runner/log.h"
#include "runner/signal.h"
#include "runner/tern.h"

static struct tern_proc *fault_proc;

/* host registers in x86 encoding order -> ucontext gregs index */
static const int greg_of[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                                REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                                REG_R12, REG_R13, REG_R14, REG_R15};

/* how far above a helper's rsp its caller's return address may lie: helpers
 * have small frames, and the words scanned stay inside the block's frame */
#define HELPER_SCAN_BYTES 2048

#define GSEGV_MAPERR 1
#define GSEGV_ACCERR 2
#define GILL_ILLOPC  1
#define GTRAP_BRKPT  1

static const char *sig_what(int sig)
{
    switch (sig) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGFPE: return "floating point exception";
    case SIGILL: return "illegal instruction";
    default: return "fault";
    }
}

/* the kernel's force_sig rule: a handler runs only if the signal is neither
 * blocked nor ignored (otherwise the default action kills) */
static bool guest_handles(const struct cpu *cpu, int sig)
{
    uint64_t h = cpu->proc->sigact[sig].handler;
    return h != GSIG_DFL && h != GSIG_IGN &&
           !(__atomic_load_n(&cpu->sigmask, __ATOMIC_SEQ_CST) & SIGBIT(sig));
}

static void make_info(uint8_t info[128], int sig, int code, uint64_t addr)
{
    memset(info, 0, 128);
    int32_t s = sig, c = code;
    memcpy(info, &s, 4);
    memcpy(info + 8, &c, 4);
    memcpy(info + 16, &addr, 8);
}

/* the arm64 ESR the frame's esr_context reports, tagged with the signal it
 * belongs to (frontends/aarch64/sigframe.c takes it from cpu->exit_arg) */
static uint64_t esr_tag(int sig, uint32_t esr)
{
    return 1ull << 63 | (uint64_t)sig << 32 | esr;
}
#define ESR_IL        (1u << 25)
#define ESR_EC_UNKNOWN 0x00u
#define ESR_EC_IABT   0x20u   /* instruction abort from EL0 */
#define ESR_EC_DABT   0x24u   /* data abort from EL0 */
#define ESR_WNR       (1u << 6)
#define FSC_TRANS_L3  0x07u   /* translation fault, level 3 */
#define FSC_PERM_L3   0x0fu   /* permission fault, level 3 */

/* ---------------- faults in generated code and helpers ---------------- */

struct fault_hit {
    struct jit_fault_site site;
    struct cpu *cpu;
    uintptr_t block_rsp;
};

static bool cpu_ok(const struct cpu *cpu)
{
    return cpu && cpu->proc == fault_proc;
}

static bool find_site(uintptr_t rip, const greg_t *g, struct fault_hit *h)
{
    struct tb *tb = jit_tb_at(fault_proc, rip);
    if (tb) {
        if (jit_fault_site(tb, rip, false, &h->site) < 0)
            return false;
        h->cpu = (struct cpu *)(uintptr_t)((uint64_t)g[REG_RBP] - CPU_BIAS);
        h->block_rsp = (uintptr_t)g[REG_RSP];
        return cpu_ok(h->cpu);
    }
    /* in a helper: its caller's return address, then the block's frame */
    uintptr_t sp = (uintptr_t)g[REG_RSP];
    for (uintptr_t a = sp; a < sp + HELPER_SCAN_BYTES; a += 8) {
        uintptr_t w = *(const uintptr_t *)a;
        struct tb *t = jit_tb_at(fault_proc, w);
        if (!t || jit_fault_site(t, w, true, &h->site) < 0)
            continue;
        h->block_rsp = a + 8;
        h->cpu = (struct cpu *)(*(const uintptr_t *)(h->block_rsp + BE_CPUSAVE) - CPU_BIAS);
        if (cpu_ok(h->cpu))
            return true;
    }
    return false;
}

static void fatal_report(int sig, siginfo_t *si, uintptr_t rip, uint64_t gpc)
{
    char msg[200];
    int n;
    if (gpc)
        n = snprintf(msg, sizeof(msg), "tern: guest %s at pc 0x%" PRIx64 " (address 0x%" PRIxPTR ")\n",
                     sig_what(sig), gpc, (uintptr_t)si->si_addr);
    else
        n = snprintf(msg, sizeof(msg), "tern: internal error: %s in the runner at %#" PRIxPTR
                     " (address 0x%" PRIxPTR ")\n", sig_what(sig), rip, (uintptr_t)si->si_addr);
    if (n > 0)
        (void)!write(2, msg, (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1);
    log_flush();
    signal(sig, SIG_DFL); /* returning re-executes the access: dies by sig */
}

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    if (si->si_code <= 0) {
        /* sent (kill, tgkill, sigqueue), not a fault: an ordinary guest
         * signal, recorded for the safe point (runner/signal.c) */
        sig_record_sent(sig, si, ucv);
        return;
    }
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    uintptr_t rip = (uintptr_t)g[REG_RIP];
    struct fault_hit h;
    if (sig == SIGSEGV && fault_proc && si->si_code == GSEGV_ACCERR && (g[REG_ERR] & 2) &&
        smc_write_fault(jit_smc(fault_proc), (uint64_t)(uintptr_t)si->si_addr)) {
        /* a store to a page translated code came from (jit/smc.c): it is
         * writable again and runs again when this returns; generated code
         * goes back to the dispatcher at its next block entry, which drops
         * the stale translations */
        if (find_site(rip, g, &h))
            __atomic_store_n(&h.cpu->sig_check, 1, __ATOMIC_SEQ_CST);
        return;
    }
    bool found = fault_proc && (sig == SIGSEGV || sig == SIGBUS) && find_site(rip, g, &h);
    if (!found) {
        fatal_report(sig, si, rip, fault_proc ? jit_guest_pc_of(fault_proc, rip) : 0);
        return;
    }
    if (!guest_handles(h.cpu, sig)) {
        fatal_report(sig, si, rip, h.site.guest_pc);
        return;
    }
    struct jit_fault_regs r;
    for (int i = 0; i < 16; i++)
        r.gpr[i] = (uint64_t)g[greg_of[i]];
    memset(r.xmm, 0, sizeof r.xmm);
    if (uc->uc_mcontext.fpregs)
        memcpy(r.xmm, uc->uc_mcontext.fpregs->_xmm, sizeof r.xmm);
    r.block_rsp = h.block_rsp;
    struct cpu *cpu = h.cpu;
    jit_fault_restore(&h.site, cpu, &r);

    uint64_t addr = (uint64_t)(uintptr_t)si->si_addr;
    int code = si->si_code;
    uint32_t fsc = FSC_TRANS_L3;
    if (sig == SIGSEGV) {
        /* the guest mm decides (tern mirrors every guest protection in the
         * host, so they agree for guest addresses) */
        int prot = mm_prot_at(&cpu->proc->mm, addr);
        if (prot >= 0 && code == GSEGV_MAPERR)
            code = GSEGV_ACCERR;
        fsc = code == GSEGV_ACCERR ? FSC_PERM_L3 : FSC_TRANS_L3;
    }
    uint32_t wnr = (g[REG_ERR] & 2) ? ESR_WNR : 0;   /* x86 #PF error code: write */
    cpu->exit_arg = esr_tag(sig, ESR_EC_DABT << 26 | ESR_IL | wnr | fsc);
    uint8_t info[128];
    make_info(info, sig, code, addr);
    sig_force(cpu, sig, info);

    g[REG_RSP] = (greg_t)h.block_rsp;
    g[REG_RIP] = (greg_t)jit_fault_exit_path(h.site.tb);
    g[REG_RAX] = (greg_t)EXIT_LOOKUP;
}

/* ---------------- the dispatcher's guest exits ---------------- */

static void __attribute__((noreturn)) guest_fatal_signal(struct cpu *cpu, int sig, const char *what)
{
    fflush(stdout);
    fprintf(stderr, "tern: guest %s at pc 0x%" PRIx64, what, cpu->pc);
    if (sig == SIGILL)
        fprintf(stderr, " (insn 0x%08" PRIx64 ")", cpu->exit_arg);
    fprintf(stderr, "\n");
    if (tern_log.out)
        fflush(tern_log.out);
    /* die of the signal itself, as the guest would without a handler, so a
     * parent's wait sees WIFSIGNALED; a raw tgkill (glibc's raise uses a tid
     * it caches, stale in a child tern forked with the raw clone syscall) */
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    syscall(SYS_tgkill, (long)getpid(), (long)syscall(SYS_gettid), (long)sig);
    exit(128 + sig);
}

void fault_guest_exit(struct cpu *cpu, int reason)
{
    int sig, code;
    const char *what;
    uint32_t esr;
    switch (reason) {
    case EXIT_SIGILL:
        sig = SIGILL, code = GILL_ILLOPC, what = "illegal instruction";
        esr = ESR_EC_UNKNOWN << 26 | ESR_IL;
        break;
    case EXIT_SIGTRAP:
        sig = SIGTRAP, code = GTRAP_BRKPT, what = "breakpoint trap";
        esr = 0;   /* the kernel's brk handler records none */
        break;
    default: {
        sig = SIGSEGV, what = "segmentation fault (instruction fetch)";
        code = mm_prot_at(&cpu->proc->mm, cpu->pc) < 0 ? GSEGV_MAPERR : GSEGV_ACCERR;
        esr = ESR_EC_IABT << 26 | ESR_IL | (code == GSEGV_ACCERR ? FSC_PERM_L3 : FSC_TRANS_L3);
        break;
    }
    }
    if (!guest_handles(cpu, sig))
        guest_fatal_signal(cpu, sig, what);
    uint8_t info[128];
    make_info(info, sig, code, cpu->pc);   /* the pc stays at the insn */
    cpu->exit_arg = esr ? esr_tag(sig, esr) : 0;
    sig_force(cpu, sig, info);
}

/* ---------------- set-up ---------------- */

#define ALT_STACK (64 * 1024)
#define ALT_GUARD 4096   /* below it: an overflow faults, not writes on */

void fault_thread_init(void)
{
    uint8_t *m = mmap(NULL, ALT_GUARD + ALT_STACK, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return;
    mprotect(m, ALT_GUARD, PROT_NONE);
    stack_t ss = {.ss_sp = m + ALT_GUARD, .ss_size = ALT_STACK, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0)
        munmap(m, ALT_GUARD + ALT_STACK);
}

void fault_thread_fini(void)
{
    stack_t off = {.ss_flags = SS_DISABLE}, old;
    if (sigaltstack(&off, &old) != 0 || (old.ss_flags & SS_DISABLE) || !old.ss_sp)
        return;
    munmap((uint8_t *)old.ss_sp - ALT_GUARD, ALT_GUARD + ALT_STACK);
}

void fault_init(struct tern_proc *p)
{
    fault_thread_init();
    fault_proc = p;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    /* nothing else runs on this thread meanwhile: the guest's asynchronous
     * signals wait (a fault here itself kills, as SA_NODEFER keeps it
     * deliverable) */
    sigfillset(&sa.sa_mask);
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct sigaction one = sa;
        sigdelset(&one.sa_mask, sigs[i]);
        sigaction(sigs[i], &one, NULL);
    }
}
