/* sig_chld — SIGCHLD as a shell sees it: a SA_SIGINFO handler told of a
 * child's exit, death by signal, stop and continue (si_code, si_status,
 * si_pid), waited for with sigsuspend while SIGCHLD is blocked; SA_NOCLDSTOP;
 * SIG_IGN reaping children (ECHILD); a child starts with no pending signals
 * but its parent's mask and handlers; children dying of unhandled SIGTERM,
 * SIGPIPE and SIGABRT (WIFSIGNALED, the same signal).
 *
 * Deterministic: SIGCHLD stays blocked except inside sigsuspend, so each
 * notification is taken at a known point; children report through exit
 * statuses only. Pids are not printed, only whether they match.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got, code, status;
static volatile pid_t from;

static volatile int usr1_hits;
static void on_usr1(int sig) { (void)sig; usr1_hits++; }

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got++;
    code = si->si_code;
    status = si->si_status;
    from = si->si_pid;
}

static const char *code_name(int c)
{
    switch (c) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    default: return "other";
    }
}

/* sigsuspend until a SIGCHLD handler ran, then show what it saw */
static void await(const char *what, pid_t child)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    sigdelset(&cur, SIGCHLD);
    while (!got)
        sigsuspend(&cur);
    printf("%s: %d notification(s), %s status=%d from the child=%d\n", what, got, code_name(code),
           status, from == child);
    got = 0;
}

static void set_chld(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
}

static void no_core(void)
{
    struct rlimit r = { 0, 0 };
    setrlimit(RLIMIT_CORE, &r);
}

static void show_wait(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else if (WIFSTOPPED(st))
        printf("%s: stopped by signal %d\n", what, WSTOPSIG(st));
    else
        printf("%s: status %#x\n", what, st);
}

int main(void)
{
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    set_chld(SA_RESTART);
    fflush(stdout);

    /* exit */
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    await("exit(7)", pid);
    int st;
    waitpid(pid, &st, 0);
    show_wait("  waitpid", st);

    /* death by a signal */
    pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    kill(pid, SIGTERM);
    await("killed by SIGTERM", pid);
    waitpid(pid, &st, 0);
    show_wait("  waitpid", st);

    /* stop and continue, then exit once told to (a SIGCHLD still pending
     * would swallow the next one, as standard signals do not queue) */
    int go[2];
    if (pipe(go))
        return 1;
    pid = fork();
    if (pid == 0) {
        char c;
        raise(SIGSTOP);
        _exit(read(go[0], &c, 1) == 1 ? 5 : 1);
    }
    await("raise(SIGSTOP)", pid);
    waitpid(pid, &st, WUNTRACED);
    show_wait("  waitpid(WUNTRACED)", st);
    kill(pid, SIGCONT);
    await("SIGCONT", pid);
    if (write(go[1], "g", 1) != 1)
        return 1;
    await("then exit(5)", pid);
    waitpid(pid, &st, 0);
    show_wait("  waitpid", st);

    /* SA_NOCLDSTOP: no notification for the stop */
    set_chld(SA_RESTART | SA_NOCLDSTOP);
    pid = fork();
    if (pid == 0) {
        raise(SIGSTOP);
        _exit(6);
    }
    waitpid(pid, &st, WUNTRACED);
    show_wait("SA_NOCLDSTOP, waitpid(WUNTRACED)", st);
    sigset_t pend;
    sigpending(&pend);
    printf("  SIGCHLD pending after the stop: %d\n", sigismember(&pend, SIGCHLD));
    kill(pid, SIGCONT);
    waitpid(pid, &st, 0);
    show_wait("  after SIGCONT", st);
    await("  its exit", pid);

    /* a child starts with nothing pending, the parent's mask and handlers */
    struct sigaction keep;
    memset(&keep, 0, sizeof keep);
    keep.sa_handler = on_usr1;
    sigaction(SIGUSR1, &keep, NULL);
    sigset_t u;
    sigemptyset(&u);
    sigaddset(&u, SIGUSR1);
    sigprocmask(SIG_BLOCK, &u, NULL);
    raise(SIGUSR1);
    pid = fork();
    if (pid == 0) {
        sigset_t p, m;
        sigpending(&p);
        sigprocmask(SIG_BLOCK, NULL, &m);
        struct sigaction cur;
        sigaction(SIGUSR1, NULL, &cur);
        _exit((sigismember(&p, SIGUSR1) ? 1 : 0) | (sigismember(&m, SIGUSR1) ? 2 : 0) |
              (cur.sa_handler == on_usr1 ? 4 : 0));
    }
    waitpid(pid, &st, 0);
    await("reported", pid);
    printf("child: USR1 pending=%d, blocked=%d, handler kept=%d\n", WEXITSTATUS(st) & 1,
           !!(WEXITSTATUS(st) & 2), !!(WEXITSTATUS(st) & 4));
    sigpending(&pend);
    printf("parent: USR1 still pending=%d\n", sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &u, NULL);
    printf("parent: USR1 handled once unblocked=%d\n", usr1_hits);

    /* unhandled deaths */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        raise(SIGTERM);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    show_wait("raise(SIGTERM), no handler", st);
    await("  notified", pid);
    int fds[2];
    if (pipe(fds))
        return 1;
    close(fds[0]);   /* before the fork: no reader anywhere */
    pid = fork();
    if (pid == 0) {
        if (write(fds[1], "x", 1) < 0)
            _exit(2);
        _exit(1);
    }
    close(fds[1]);
    waitpid(pid, &st, 0);
    show_wait("write to a pipe with no reader", st);
    await("  notified", pid);
    pid = fork();
    if (pid == 0) {
        no_core();
        abort();
    }
    waitpid(pid, &st, 0);
    show_wait("abort()", st);
    await("  notified", pid);

    /* SIG_IGN: children are reaped for us */
    signal(SIGCHLD, SIG_IGN);
    pid = fork();
    if (pid == 0)
        _exit(0);
    pid_t r = waitpid(pid, &st, 0);
    printf("SIGCHLD ignored: waitpid -> %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "the child");
    return 0;
}
