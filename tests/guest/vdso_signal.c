/* vdso_signal — what the vDSO carries besides the time calls: the
 * rt_sigreturn trampoline signal handlers return through (riscv64's libc
 * passes no SA_RESTORER, so the kernel's — and tern's — vDSO provides it),
 * and unwinding from a handler back through that trampoline into the
 * interrupted code (libgcc recognises the trampoline's two instructions);
 * and that tern's vDSO trap instruction is an ordinary undefined instruction
 * anywhere outside the vDSO (SIGILL), as each architecture's permanently
 * undefined instruction is natively: a handler gets it, and without one the
 * process dies of it.
 *
 * Deterministic: every signal is raised synchronously; only counts and
 * yes/no are printed.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
/* No unwinding check with musl (static libgcc_eh needs glibc's
 * _dl_find_object) nor on riscv64 (gcc 12 emits no unwind tables for C there
 * by default, so the unwinder stops at the handler itself; with
 * -fasynchronous-unwind-tables it walks through tern's vDSO trampoline):
 * tests.list gives those flavours a qemu oracle. */
#if defined(__GLIBC__) && !defined(__riscv)
#define HAVE_UNWIND 1
#include <unwind.h>
#endif

static volatile int handled, info_ok;

static void on_usr1(int sig)
{
    handled += sig == SIGUSR1;
}

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    info_ok += sig == SIGUSR2 && si && si->si_signo == SIGUSR2 && uc != NULL;
    handled++;
}

static void on_term(int sig)
{
    (void)sig;
    raise(SIGUSR1);        /* on_usr1 runs on top of this handler's frame */
    handled += 10;
}

/* ---- unwinding from a handler into the code the signal interrupted ---- */
#ifdef HAVE_UNWIND

static void *volatile caller_ret;   /* where do_raise returns to in victim */
static volatile int found_caller, frames;

static _Unwind_Reason_Code walk(struct _Unwind_Context *ctx, void *arg)
{
    (void)arg;
    int before = 0;
    uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
    frames++;
    if (ip == (uintptr_t)caller_ret)
        found_caller = 1;
    return frames < 64 ? _URC_NO_REASON : _URC_END_OF_STACK;
}

static void on_hup(int sig)
{
    (void)sig;
    _Unwind_Backtrace(walk, NULL);
}

__attribute__((noinline)) static void do_raise(int sig)
{
    caller_ret = __builtin_return_address(0);
    raise(sig);
    __asm__ volatile("" ::: "memory");   /* not a tail call */
}

__attribute__((noinline)) static int victim(void)
{
    do_raise(SIGHUP);
    return found_caller;
}
#endif

/* ---- the trap word outside the vDSO ---- */

#if defined(__aarch64__)
/* UDF #0xc0d0: tern's first vDSO trap (loader/vdso.h) */
__asm__(".text\n.p2align 2\nundef_insn:\n.inst 0x0000c0d0\nret\n");
#elif defined(__riscv)
/* custom-0, imm 0x0d0: tern's first vDSO trap (loader/vdso.h) */
__asm__(".text\n.p2align 2\nundef_insn:\n.option push\n.option norvc\n"
        ".insn i 0x0b, 0, x0, x0, 0x0d0\nret\n.option pop\n");
#elif defined(__x86_64__)
__asm__(".text\nundef_insn:\nud2\nret\n");
#endif
void undef_insn(void);

static void on_ill(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    /* not si_code: x86-64 says ILL_ILLOPN for ud2, Arm and RISC-V ILL_ILLOPC */
    printf("SIGILL handler: signal right %s, si_addr the insn %s\n",
           sig == SIGILL ? "yes" : "no", si->si_addr == (void *)undef_insn ? "yes" : "no");
    fflush(stdout);
    _exit(42);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 3; i++)
        raise(SIGUSR1);
    printf("plain handler returned %d times of 3\n", handled);

    handled = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    for (int i = 0; i < 3; i++)
        raise(SIGUSR2);
    printf("SA_SIGINFO handler returned %d times of 3, siginfo right %d\n", handled, info_ok);

    /* a signal delivered when it is unblocked (from sigprocmask's return) */
    handled = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("handler for a signal unblocked later returned: %s\n", handled == 1 ? "yes" : "no");

    /* a handler interrupted by another: both frames return in turn */
    handled = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    raise(SIGTERM);
    printf("nested handlers returned: %s\n", handled == 11 ? "yes" : "no");

#ifdef HAVE_UNWIND
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);
    int found = victim();
    printf("unwinding from a handler reaches the interrupted caller: %s\n", found ? "yes" : "no");
#else
    printf("unwinding from a handler: not checked in this build\n");
#endif

    fflush(stdout);
    int st = 0;
    pid_t pid = fork();
    if (pid == 0) {
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_ill;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGILL, &sa, NULL);
        undef_insn();
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("the trap word outside the vDSO, handled: %s\n",
           WIFEXITED(st) && WEXITSTATUS(st) == 42 ? "handler ran" : "handler did not run");

    pid = fork();
    if (pid == 0) {
        signal(SIGILL, SIG_DFL);
        undef_insn();
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("the trap word outside the vDSO: %s\n",
           WIFSIGNALED(st) && WTERMSIG(st) == SIGILL ? "killed by SIGILL" : "not killed by SIGILL");
    return 0;
}
