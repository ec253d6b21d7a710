/* fork_wait — process creation and reaping as a shell uses them: fork with a
 * pipe between parent and child, exit statuses and deaths by signal seen
 * through waitpid/wait4/waitid, vfork + _exit, clone with CLONE_VM|CLONE_VFORK
 * (the child's writes are the parent's memory), clone with the tid words and a
 * zero exit signal, kill/tgkill probes, process groups and sessions.
 *
 * Deterministic: children print nothing themselves (they report through
 * pipes and statuses), the parent prints after each wait. Pids are never
 * printed, only relations between them. Statuses are printed through the
 * W* macros, not as raw words (the core-dump bit depends on rlimits).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void show_status(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d (%s)\n", what, WTERMSIG(st),
               WTERMSIG(st) == SIGTERM ? "SIGTERM" : WTERMSIG(st) == SIGABRT ? "SIGABRT"
               : WTERMSIG(st) == SIGSEGV ? "SIGSEGV" : WTERMSIG(st) == SIGKILL ? "SIGKILL"
               : WTERMSIG(st) == SIGFPE ? "SIGFPE"
               : "other");
    else
        printf("%s: status %#x\n", what, st);
}

/* fork, run fn in the child (which must not return), wait, show */
static void run_child(const char *what, void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("%s: fork failed: %s\n", what, strerror(errno));
        return;
    }
    if (pid == 0) {
        /* the signal deaths below would dump core where the core limit allows */
        struct rlimit no_core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &no_core);
        fn();
        _exit(99);
    }
    int st = 0;
    pid_t w = waitpid(pid, &st, 0);
    if (w != pid)
        printf("%s: waitpid returned another pid (%s)\n", what, strerror(errno));
    show_status(what, st);
}

static void exit_0(void) { exit(0); }
static void exit_1(void) { exit(1); }
static void exit_255(void) { _exit(255); }
static void exit_300(void) { _exit(300); }   /* only the low 8 bits reach the parent */
static void die_term(void) { kill(getpid(), SIGTERM); for (;;) pause(); }
static void die_abort(void) { abort(); }
/* sent, not faults: under tern these land in its fault handler first */
static void die_sent_segv(void) { kill(getpid(), SIGSEGV); for (;;) pause(); }
static void die_sent_fpe(void) { kill(getpid(), SIGFPE); for (;;) pause(); }
static void die_kill(void) { raise(SIGKILL); for (;;) pause(); }

static volatile int *volatile null_ptr;
static void die_segv(void) { *null_ptr = 1; _exit(98); }

static pid_t parent_pid;
static void check_ppid(void) { _exit(getppid() == parent_pid ? 0 : 1); }

/* pipe: the child sends numbers, the parent sums them; then the other way */
static void pipes(void)
{
    int up[2], down[2];
    if (pipe(up) || pipe(down)) {
        printf("pipe failed\n");
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(up[0]);
        close(down[1]);
        char buf[64];
        for (int i = 1; i <= 100; i++) {
            int n = snprintf(buf, sizeof buf, "%d\n", i);
            if (write(up[1], buf, (size_t)n) != n)
                _exit(2);
        }
        close(up[1]);
        /* echo back what the parent sends, doubled, as the exit status */
        ssize_t n = read(down[0], buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = 0;
        _exit(2 * atoi(buf) & 0xff);
    }
    close(up[1]);
    close(down[0]);
    FILE *f = fdopen(up[0], "r");
    long sum = 0, v, lines = 0;
    while (fscanf(f, "%ld", &v) == 1) {
        sum += v;
        lines++;
    }
    fclose(f);
    printf("pipe: %ld lines, sum %ld\n", lines, sum);
    if (write(down[1], "21", 2) != 2)
        printf("pipe: write failed\n");
    close(down[1]);
    int st;
    waitpid(pid, &st, 0);
    show_status("pipe child doubling 21", st);
}

/* several children, reaped in whatever order they end: report sorted */
static void many_children(void)
{
    enum { N = 6 };
    pid_t pids[N];
    fflush(stdout);
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(10 + i);
    }
    int seen[N] = { 0 };
    for (int i = 0; i < N; i++) {
        int st;
        pid_t w = wait(&st);
        for (int j = 0; j < N; j++)
            if (w == pids[j] && WIFEXITED(st) && WEXITSTATUS(st) == 10 + j)
                seen[j]++;
    }
    printf("many: statuses");
    for (int j = 0; j < N; j++)
        printf(" %d", seen[j]);
    printf("; wait after all: %s\n", wait(NULL) < 0 && errno == ECHILD ? "ECHILD" : "?");
}

static void wnohang_and_rusage(void)
{
    int go[2];
    if (pipe(go))
        return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            _exit(1);
        _exit(5);
    }
    close(go[0]);
    int st = 0;
    pid_t w = waitpid(pid, &st, WNOHANG);
    printf("WNOHANG while running: %d\n", (int)w);
    int r = kill(pid, 0);
    printf("kill(child, 0) while running: %d\n", r);
    if (write(go[1], "x", 1) != 1)
        printf("write failed\n");
    close(go[1]);
    struct rusage ru;
    memset(&ru, 0xff, sizeof ru);
    w = wait4(pid, &st, 0, &ru);
    printf("wait4: right pid %d, rusage filled %d\n", w == pid,
           ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss >= 0);
    show_status("wait4 child", st);
    errno = 0;
    r = kill(pid, 0);
    printf("kill(reaped, 0): %d %s\n", r, errno == ESRCH ? "ESRCH" : "?");
    errno = 0;
    w = waitpid(-1, &st, WNOHANG);
    printf("waitpid(no child, WNOHANG): %d %s\n", (int)w, errno == ECHILD ? "ECHILD" : "?");
}

static void waitid_cases(void)
{
    fflush(stdout);
    pid_t a = fork();
    if (a == 0)
        _exit(42);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    /* WNOWAIT leaves it waitable */
    int r = waitid(P_PID, (id_t)a, &si, WEXITED | WNOWAIT);
    printf("waitid WNOWAIT: r=%d signo=%s code=%s status=%d pid ok=%d\n", r,
           si.si_signo == SIGCHLD ? "SIGCHLD" : "?", si.si_code == CLD_EXITED ? "CLD_EXITED" : "?",
           si.si_status, si.si_pid == a);
    memset(&si, 0, sizeof si);
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("waitid P_ALL: r=%d code=%s status=%d pid ok=%d\n", r,
           si.si_code == CLD_EXITED ? "CLD_EXITED" : "?", si.si_status, si.si_pid == a);

    pid_t b = fork();
    if (b == 0) {
        kill(getpid(), SIGTERM);
        for (;;)
            pause();
    }
    memset(&si, 0, sizeof si);
    r = waitid(P_PID, (id_t)b, &si, WEXITED);
    printf("waitid killed: r=%d code=%s status=%d\n", r,
           si.si_code == CLD_KILLED ? "CLD_KILLED" : si.si_code == CLD_DUMPED ? "CLD_DUMPED" : "?",
           si.si_status);
    memset(&si, 0, sizeof si);
    errno = 0;
    r = waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
    printf("waitid nothing left: r=%d %s\n", r, errno == ECHILD ? "ECHILD" : "?");
}

static void vfork_cases(void)
{
    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0)
        _exit(17);
    int st;
    waitpid(pid, &st, 0);
    show_status("vfork + _exit(17)", st);
}

/* clone(CLONE_VM|CLONE_VFORK): the child runs on its own stack in the
 * parent's memory; the parent resumes after it exits */
static int shared_word;
static int vm_child(void *arg)
{
    shared_word = *(int *)arg * 2;
    _exit(0);
}

static void clone_vm_vfork(void)
{
    static char stack[64 * 1024] __attribute__((aligned(16)));
    int arg = 21;
    shared_word = 0;
    fflush(stdout);
    pid_t pid = clone(vm_child, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, &arg);
    /* CLONE_VFORK: the child has exited by now */
    printf("clone VM|VFORK: the child's write is visible: %d\n", shared_word);
    int st;
    waitpid(pid, &st, 0);
    show_status("clone VM|VFORK child", st);
}

/* raw clone with the tid words: the argument order differs by arch */
static long raw_clone(unsigned long flags, pid_t *ptid, pid_t *ctid)
{
#if defined(__x86_64__)
    return syscall(SYS_clone, flags, 0L, ptid, ctid, 0L);
#else
    return syscall(SYS_clone, flags, 0L, ptid, 0L, ctid);
#endif
}

static void clone_tids(void)
{
    static pid_t ptid, ctid;
    ptid = ctid = 0;
    fflush(stdout);
    long pid = raw_clone(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, &ptid, &ctid);
    if (pid == 0) {
        /* the child's copy of ctid holds its tid; ptid was written in the
         * parent only (after the copy) */
        _exit((ctid == getpid() ? 0 : 1) | (ptid == 0 ? 0 : 2));
    }
    printf("clone PARENT_SETTID: parent's word is the child's pid: %d; CHILD_SETTID not in "
           "the parent: %d\n", ptid == pid, ctid == 0);
    int st;
    waitpid((pid_t)pid, &st, 0);
    show_status("clone tid words child (0 = both right)", st);

    /* no exit signal: only __WALL/__WCLONE waits see the child */
    pid = raw_clone(0, NULL, NULL);
    if (pid == 0)
        _exit(4);
    errno = 0;
    pid_t w = waitpid((pid_t)pid, &st, 0);
    printf("clone exit signal 0, plain waitpid: %d %s\n", (int)w, errno == ECHILD ? "ECHILD" : "?");
    w = waitpid((pid_t)pid, &st, __WALL);
    printf("clone exit signal 0, __WALL: right pid %d\n", w == pid);
    show_status("clone exit signal 0 child", st);
}

static void groups(void)
{
    pid_t me = getpid();
    printf("tgkill(self, 0): %ld\n", (long)syscall(SYS_tgkill, me, (pid_t)syscall(SYS_gettid), 0));
    printf("tkill(self, 0): %ld\n", (long)syscall(SYS_tkill, (pid_t)syscall(SYS_gettid), 0));
    errno = 0;
    int r = kill(me, 1000);
    printf("kill(self, bad signal): %d %s\n", r, errno == EINVAL ? "EINVAL" : "?");
    pid_t sid = getsid(0);
    printf("getsid(0) == getsid(self): %d\n", sid == getsid(me));
    printf("getpgid(0) == getpgrp(): %d\n", getpgid(0) == getpgrp());
    int go[2];
    if (pipe(go))
        return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int bad = 0;
        if (setpgid(0, 0) != 0 || getpgid(0) != getpid())
            bad |= 1;
        if (getsid(0) != sid)
            bad |= 2;
        pid_t ns = setsid();   /* fails: a group leader now */
        if (ns != -1 || errno != EPERM)
            bad |= 4;
        char c;
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            bad |= 8;
        _exit(bad);
    }
    close(go[0]);
    /* the parent moves the child into a group of its own too (races with the
     * child's own setpgid; both ask for the same group) */
    r = setpgid(pid, pid);
    printf("setpgid(child, child): %d, getpgid(child) == child: %d\n", r, getpgid(pid) == pid);
    if (write(go[1], "x", 1) != 1)
        printf("write failed\n");
    close(go[1]);
    int st;
    waitpid(pid, &st, 0);
    show_status("pgid child (0 = all right)", st);

    pid = fork();
    if (pid == 0) {
        pid_t ns = setsid();
        _exit(ns == getpid() && getsid(0) == getpid() && getpgid(0) == getpid() ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    show_status("setsid child (0 = new session)", st);
}

int main(void)
{
    parent_pid = getpid();
    run_child("exit(0)", exit_0);
    run_child("exit(1)", exit_1);
    run_child("_exit(255)", exit_255);
    run_child("_exit(300)", exit_300);
    run_child("kill(self, SIGTERM)", die_term);
    run_child("abort()", die_abort);
    run_child("kill(self, SIGSEGV)", die_sent_segv);
    run_child("kill(self, SIGFPE)", die_sent_fpe);
    run_child("raise(SIGKILL)", die_kill);
    run_child("null store", die_segv);
    run_child("getppid", check_ppid);
    pipes();
    many_children();
    wnohang_and_rusage();
    waitid_cases();
    vfork_cases();
    clone_vm_vfork();
    clone_tids();
    groups();
    return 0;
}
