/* ev_pwait — signals and epoll waits: a handled signal interrupts
 * epoll_wait with EINTR, with or without SA_RESTART (epoll is never
 * restarted); epoll_pwait and epoll_pwait2 with a temporary mask that lets a
 * pending signal in (EINTR, the handler runs with the temporary mask's
 * complement blocked as usual, the old mask is back afterwards); ready events
 * win over such a signal, and a zero timeout reports nothing rather than
 * EINTR; a signal that is ignored by default (SIGCHLD) does not interrupt;
 * a stop and SIGCONT does, with EINTR (no restart without a handler).
 *
 * Deterministic: each interrupting signal is a one-shot 20 ms timer or is
 * pending before the wait; waits that must not be interrupted time out with
 * nothing ready.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

static volatile int hits, usr1_blocked_inside, alrm_blocked_inside;

static int blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

static void on_sig(int sig)
{
    (void)sig;
    hits++;
    usr1_blocked_inside = blocked(SIGUSR1);
    alrm_blocked_inside = blocked(SIGALRM);
}

static void handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void arm(int ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void mask(int how, int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

static void result(const char *what, long r, int err)
{
    printf("%-46s -> %ld%s, handler ran %d time(s)\n", what, r,
           r < 0 ? (err == EINTR ? " EINTR" : " other error") : "", hits);
    hits = 0;
}

/* the state letter of /proc/PID/stat ('S' sleeping), '?' if unknown */
static char proc_state(const char *path)
{
    char buf[512];
    FILE *f = fopen(path, "r");
    if (!f)
        return '?';
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *rp = strrchr(buf, ')');
    return rp && rp[1] == ' ' ? rp[2] : '?';
}

static int pending(int sig)
{
    sigset_t p;
    sigpending(&p);
    return sigismember(&p, sig);
}

int main(void)
{
    int p[2];
    if (pipe(p))
        return 1;
    int ep = epoll_create1(0);
    struct epoll_event e = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull }, out[4];
    if (epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e))
        return 1;
    long r;

    /* a timer interrupts an epoll_wait on an empty pipe */
    handle(SIGALRM, on_sig, 0);
    arm(20);
    r = epoll_wait(ep, out, 4, -1);
    result("epoll_wait(-1), SIGALRM handler", r, errno);
    handle(SIGALRM, on_sig, SA_RESTART);
    arm(20);
    r = epoll_wait(ep, out, 4, 5000);
    result("epoll_wait(5 s), SIGALRM SA_RESTART handler", r, errno);
    arm(20);
    r = syscall(SYS_epoll_pwait2, ep, out, 4, NULL, NULL, 8);
    result("epoll_pwait2(no timeout), SIGALRM", r, errno);

    /* a temporary mask letting a pending signal in */
    sigset_t none, usr1_only;
    sigemptyset(&none);
    sigemptyset(&usr1_only);
    sigaddset(&usr1_only, SIGUSR1);
    handle(SIGUSR1, on_sig, 0);
    mask(SIG_BLOCK, SIGUSR1);
    raise(SIGUSR1);
    r = epoll_pwait(ep, out, 4, 5000, &none);
    result("epoll_pwait(5 s, empty mask), USR1 pending", r, errno);
    printf("  USR1 blocked inside=%d, after=%d\n", usr1_blocked_inside, blocked(SIGUSR1));
    raise(SIGUSR1);
    struct timespec five = { 5, 0 };
    r = syscall(SYS_epoll_pwait2, ep, out, 4, &five, &none, 8);
    result("epoll_pwait2(5 s, empty mask), USR1 pending", r, errno);
    printf("  USR1 blocked inside=%d, after=%d\n", usr1_blocked_inside, blocked(SIGUSR1));

    /* the temporary mask blocks ALRM: the timer's signal waits, USR1 ends it */
    raise(SIGUSR1);
    r = epoll_pwait(ep, out, 4, 0, &none);
    result("epoll_pwait(0 ms, empty mask), USR1 pending", r, errno);
    printf("  USR1 still pending=%d\n", pending(SIGUSR1));
    /* ready events come first, the signal stays pending */
    if (write(p[1], "z", 1) != 1)
        return 1;
    r = epoll_pwait(ep, out, 4, 5000, &none);
    result("epoll_pwait(readable pipe, USR1 pending)", r, errno);
    printf("  data=%llx, USR1 still pending=%d\n", (unsigned long long)out[0].data.u64,
           pending(SIGUSR1));
    char c;
    if (read(p[0], &c, 1) != 1)
        return 1;
    r = epoll_pwait(ep, out, 4, 5000, &none);
    result("epoll_pwait(empty pipe, USR1 pending)", r, errno);

    /* a temporary mask blocking the timer's signal: it ends no wait */
    sigset_t alrm;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    arm(20);
    r = epoll_pwait(ep, out, 4, 100, &alrm);
    result("epoll_pwait(100 ms, ALRM blocked), timer 20 ms", r, errno);
    printf("  (the handler ran once the old mask was back) ALRM pending=%d\n", pending(SIGALRM));
    printf("  ALRM blocked inside the handler=%d\n", alrm_blocked_inside);
    mask(SIG_UNBLOCK, SIGUSR1);

    /* SIGCHLD is ignored by default: a child's exit does not interrupt */
    pid_t pid = fork();
    if (pid == 0) {
        usleep(10 * 1000);
        _exit(3);
    }
    r = epoll_wait(ep, out, 4, 300);
    result("epoll_wait(300 ms), a child exits", r, errno);
    int st;
    waitpid(pid, &st, 0);
    printf("  child exited %d\n", WEXITSTATUS(st));

    /* stopped and continued inside epoll_wait: EINTR without any handler
     * (signal(7)); the child is stopped once it sleeps */
    int ready[2];
    if (pipe(ready))
        return 1;
    pid = fork();
    if (pid == 0) {
        if (write(ready[1], "r", 1) != 1)
            _exit(1);
        long rr = epoll_wait(ep, out, 4, 3000);
        _exit(rr < 0 && errno == EINTR ? 10 : rr == 0 ? 11 : 12);
    }
    if (read(ready[0], &c, 1) != 1)
        return 1;
    /* the child sleeps nowhere else after its write: wait until it does */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    for (int tries = 0; tries < 500 && proc_state(path) != 'S'; tries++)
        usleep(10 * 1000);
    usleep(10 * 1000);
    kill(pid, SIGSTOP);
    waitpid(pid, &st, WUNTRACED);
    printf("child stopped=%d\n", WIFSTOPPED(st));
    kill(pid, SIGCONT);
    waitpid(pid, &st, 0);
    printf("  continued child's epoll_wait: %s\n",
           WEXITSTATUS(st) == 10 ? "EINTR" : WEXITSTATUS(st) == 11 ? "timed out" : "other");
    return 0;
}
