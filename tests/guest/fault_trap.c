/* fault_trap — SIGILL from an undefined instruction and SIGTRAP from a
 * breakpoint instruction, delivered to handlers: si_code (ILL_ILLOPC /
 * TRAP_BRKPT on aarch64 and riscv64; x86-64's ud2 and int3 give ILL_ILLOPN
 * and SI_KERNEL, so each architecture checks its own), si_addr and the
 * ucontext pc at the instruction, a handler that moves the pc past it
 * (execution goes on after it, registers intact), and a second delivery
 * after the first handler returned. The output is the same everywhere.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char ill_insn[], trap_insn[];
static volatile int n_ill, n_trap, ill_ok, trap_ok;

#if defined(__x86_64__)
#define ILL_CODE ILL_ILLOPN
#define ILL_LEN 2
#define PC(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#elif defined(__aarch64__)
#define ILL_CODE ILL_ILLOPC
#define ILL_LEN 4
#define PC(uc) ((uc)->uc_mcontext.pc)
#elif defined(__riscv)
#define ILL_CODE ILL_ILLOPC
#define ILL_LEN 2
#define PC(uc) ((uc)->uc_mcontext.__gregs[0])
#endif

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    n_ill++;
    ill_ok = sig == SIGILL && si->si_code == ILL_CODE && si->si_addr == (void *)ill_insn &&
             (uintptr_t)PC(uc) == (uintptr_t)ill_insn;
    PC(uc) += ILL_LEN;
}

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    n_trap++;
#if defined(__x86_64__)
    /* int3 traps after itself */
    (void)si;
    trap_ok = sig == SIGTRAP && (uintptr_t)PC(uc) == (uintptr_t)trap_insn + 1;
#else
    trap_ok = sig == SIGTRAP && si->si_code == TRAP_BRKPT && si->si_addr == (void *)trap_insn &&
              (uintptr_t)PC(uc) == (uintptr_t)trap_insn;
    PC(uc) += 4;
#endif
}

__attribute__((noipa)) static long undefined_insn(long x)
{
    long r;
#if defined(__x86_64__)
    __asm__ volatile("mov %1, %%r12\n\t.globl ill_insn\nill_insn:\n\tud2\n\tlea 5(%%r12), %0"
                     : "=r"(r) : "r"(x) : "r12");
#elif defined(__aarch64__)
    __asm__ volatile("mov x19, %1\n\t.globl ill_insn\nill_insn:\n\t.inst 0x00000000\n\t"
                     "add %0, x19, #5" : "=r"(r) : "r"(x) : "x19");
#elif defined(__riscv)
    __asm__ volatile("mv s2, %1\n\t.globl ill_insn\nill_insn:\n\t.2byte 0\n\taddi %0, s2, 5"
                     : "=r"(r) : "r"(x) : "s2");
#endif
    return r;
}

__attribute__((noipa)) static long breakpoint(long x)
{
    long r;
#if defined(__x86_64__)
    __asm__ volatile("mov %1, %%r12\n\t.globl trap_insn\ntrap_insn:\n\tint3\n\tlea 7(%%r12), %0"
                     : "=r"(r) : "r"(x) : "r12");
#elif defined(__aarch64__)
    __asm__ volatile("mov x19, %1\n\t.globl trap_insn\ntrap_insn:\n\tbrk #0\n\tadd %0, x19, #7"
                     : "=r"(r) : "r"(x) : "x19");
#elif defined(__riscv)
    /* the 4-byte ebreak (the assembler would pick c.ebreak) */
    __asm__ volatile("mv s2, %1\n\t.globl trap_insn\ntrap_insn:\n\t.4byte 0x00100073\n\taddi %0, s2, 7"
                     : "=r"(r) : "r"(x) : "s2");
#endif
    return r;
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    handle(SIGILL, on_ill);
    handle(SIGTRAP, on_trap);
    long a = undefined_insn(100);
    printf("undefined insn: %d delivery, %s, went on with %ld\n", n_ill, ill_ok ? "ok" : "WRONG", a);
    ill_ok = 0;
    a = undefined_insn(200);
    printf("again: %d deliveries, %s, went on with %ld\n", n_ill, ill_ok ? "ok" : "WRONG", a);
    long b = breakpoint(300);
    printf("breakpoint: %d delivery, %s, went on with %ld\n", n_trap, trap_ok ? "ok" : "WRONG", b);
    trap_ok = 0;
    b = breakpoint(400);
    printf("again: %d deliveries, %s, went on with %ld\n", n_trap, trap_ok ? "ok" : "WRONG", b);
    return 0;
}
