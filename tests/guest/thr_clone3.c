/* thr_clone3.c — clone3 (struct clone_args) through the raw syscall: a fork
 * with its exit signal, CLONE_PARENT_SETTID and CLONE_PIDFD into two
 * different words (which the legacy clone cannot do), CLONE_CHILD_SETTID,
 * CLONE_CLEAR_SIGHAND (a handled signal is back to SIG_DFL in the child, an
 * ignored one stays ignored), a larger struct with zero tail bytes; and every
 * argument check in the kernel's order: size (EINVAL below 64, E2BIG above a
 * page or with non-zero bytes past the known fields), EFAULT, exit signal,
 * CSIGNAL bits or CLONE_DETACHED in the flags, SIGHAND with CLEAR_SIGHAND,
 * THREAD with an exit signal, stack without a size and the reverse, set_tid
 * without a size, THREAD without SIGHAND. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif

struct clone_args_v2 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    uint64_t set_tid, set_tid_size, cgroup;
};
#define F_CLONE_PIDFD        0x00001000ull
#define F_CLONE_PARENT_SETTID 0x00100000ull
#define F_CLONE_CHILD_SETTID 0x01000000ull
#define F_CLONE_CLEAR_SIGHAND 0x100000000ull

static const char *res(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EINVAL: return "EINVAL";
    case E2BIG: return "E2BIG";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    default: return "other";
    }
}

static void on_usr1(int sig) { (void)sig; }

static long clone3(struct clone_args_v2 *a, size_t size)
{
    return syscall(SYS_clone3, a, size);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int ptid = 0, pidfd = -1, ctid = 0;
    struct clone_args_v2 a;

    /* a fork: exit signal SIGCHLD, both tid words, a pidfd of its own */
    memset(&a, 0, sizeof a);
    a.flags = F_CLONE_PARENT_SETTID | F_CLONE_PIDFD | F_CLONE_CHILD_SETTID;
    a.parent_tid = (uintptr_t)&ptid;
    a.pidfd = (uintptr_t)&pidfd;
    a.child_tid = (uintptr_t)&ctid;
    a.exit_signal = SIGCHLD;
    long pid = clone3(&a, 64);
    if (pid == 0)
        _exit(ctid == (int)syscall(SYS_gettid) ? 7 : 8);
    int st = 0;
    waitpid((pid_t)pid, &st, 0);
    printf("fork: child status %d, parent tid word is the pid %d, pidfd open %d\n",
           WIFEXITED(st) ? WEXITSTATUS(st) : -1, ptid == (int)pid, pidfd >= 0);
    if (pidfd >= 0)
        close(pidfd);

    /* CLONE_CLEAR_SIGHAND; an 88-byte struct with zero tail */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    memset(&a, 0, sizeof a);
    a.flags = F_CLONE_CLEAR_SIGHAND;
    a.exit_signal = SIGCHLD;
    pid = clone3(&a, sizeof a);
    if (pid == 0) {
        struct sigaction o1, o2;
        sigaction(SIGUSR1, NULL, &o1);
        sigaction(SIGUSR2, NULL, &o2);
        _exit((o1.sa_handler == SIG_DFL ? 1 : 0) | (o2.sa_handler == SIG_IGN ? 2 : 0));
    }
    waitpid((pid_t)pid, &st, 0);
    printf("CLEAR_SIGHAND: child status %d (1: handler reset, 2: ignore kept)\n",
           WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    struct sigaction cur;
    sigaction(SIGUSR1, NULL, &cur);
    printf("parent's handler kept: %d\n", cur.sa_handler == on_usr1);

    /* a struct larger than the kernel knows: zero tail fine, non-zero E2BIG */
    unsigned char big[128];
    memset(big, 0, sizeof big);
    memcpy(big, &a, sizeof a);
    ((struct clone_args_v2 *)big)->flags = 0;
    ((struct clone_args_v2 *)big)->exit_signal = SIGCHLD;
    pid = syscall(SYS_clone3, big, sizeof big);
    if (pid == 0)
        _exit(3);
    waitpid((pid_t)pid, &st, 0);
    printf("128-byte struct, zero tail: child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    big[100] = 1;
    printf("128-byte struct, non-zero tail: %s\n", res(syscall(SYS_clone3, big, sizeof big)));

    /* argument errors: none of these creates a process */
    memset(&a, 0, sizeof a);
    printf("size 32: %s\n", res(clone3(&a, 32)));
    printf("size 8192: %s\n", res(clone3(&a, 8192)));
    printf("bad pointer: %s\n", res(syscall(SYS_clone3, (void *)8, 64)));
    a.exit_signal = 99;
    printf("exit signal 99: %s\n", res(clone3(&a, 64)));
    a.exit_signal = 0;
    a.flags = SIGCHLD;
    printf("signal in flags: %s\n", res(clone3(&a, 64)));
    a.flags = 0x00400000;   /* CLONE_DETACHED */
    printf("CLONE_DETACHED: %s\n", res(clone3(&a, 64)));
    a.flags = 0x00000800 | 0x00000100 | F_CLONE_CLEAR_SIGHAND;   /* SIGHAND|VM|CLEAR */
    printf("SIGHAND with CLEAR_SIGHAND: %s\n", res(clone3(&a, 64)));
    a.flags = 0x00010000 | 0x00000800 | 0x00000100;   /* THREAD|SIGHAND|VM */
    a.exit_signal = SIGCHLD;
    printf("THREAD with an exit signal: %s\n", res(clone3(&a, 64)));
    a.flags = 0;
    a.exit_signal = SIGCHLD;
    a.stack = 0x10000;
    printf("stack without a size: %s\n", res(clone3(&a, 64)));
    a.stack = 0;
    a.stack_size = 4096;
    printf("size without a stack: %s\n", res(clone3(&a, 64)));
    a.stack_size = 0;
    a.set_tid_size = 1;
    printf("set_tid_size without set_tid: %s\n", res(clone3(&a, 80)));
    a.set_tid_size = 0;
    a.flags = 0x00010000;   /* THREAD alone */
    a.exit_signal = 0;
    printf("THREAD without SIGHAND: %s\n", res(clone3(&a, 64)));
    a.flags = 1ull << 40;
    printf("unknown flag: %s\n", res(clone3(&a, 64)));
    return 0;
}
