/* sig_wait — blocking calls and signals: pause and sigsuspend woken by a
 * timer, alarm, a read on an empty pipe interrupted (EINTR) or restarted
 * (SA_RESTART), sleeps that never restart after a handler, wait restarted
 * under SA_RESTART, ppoll and pselect with a temporary signal mask (pending
 * signal delivered, mask put back; ready descriptors win over a pending
 * signal), sigtimedwait (a pending signal, a timeout, interrupted by a
 * handled one) and sigpending.
 *
 * Deterministic: each wait blocks until the one signal meant to end it (a
 * one-shot 20 ms interval timer, or a signal raised before the wait while
 * blocked), so the outcome never depends on timing. Handlers only count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int hits, alrm_blocked_inside, usr1_blocked_inside;
static int pipe_w = -1;

static int blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

static void on_sig(int sig)
{
    hits++;
    if (sig == SIGALRM)
        alrm_blocked_inside = blocked(SIGALRM);
    usr1_blocked_inside = blocked(SIGUSR1);
}

static void on_alrm_write(int sig)
{
    (void)sig;
    hits++;
    if (write(pipe_w, "x", 1) != 1)
        hits += 100;
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

/* one-shot ITIMER_REAL */
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

static const char *ename(int err)
{
    switch (err) {
    case EINTR: return "EINTR";
    case EAGAIN: return "EAGAIN";
    case ECHILD: return "ECHILD";
    case EINVAL: return "EINVAL";
    default: return "another error";
    }
}

static void result(const char *what, long r, int err)
{
    printf("%-40s -> %ld%s%s, handler ran %d time(s)\n", what, r, r < 0 ? " " : "",
           r < 0 ? ename(err) : "", hits);
    hits = 0;
}

int main(void)
{
    long r;
    int fds[2];
    if (pipe(fds))
        return 1;
    pipe_w = fds[1];

    /* a busy loop (no syscall in it) left by the timer's handler */
    handle(SIGALRM, on_sig, 0);
    arm(20);
    unsigned long spins = 0;
    while (!hits)
        spins++;
    result("spin until SIGALRM's handler ran", 0, 0);

    /* pause and sigsuspend */
    handle(SIGALRM, on_sig, 0);
    arm(20);
    r = pause();
    result("pause until SIGALRM", r, errno);

    mask(SIG_BLOCK, SIGALRM);
    arm(20);
    sigset_t none;
    sigemptyset(&none);
    r = sigsuspend(&none);
    result("sigsuspend(empty), ALRM blocked before", r, errno);
    printf("  inside the handler ALRM blocked=%d; after: ALRM blocked=%d\n", alrm_blocked_inside,
           blocked(SIGALRM));
    mask(SIG_UNBLOCK, SIGALRM);

    /* alarm: what is left of an earlier one */
    unsigned first = alarm(5);
    unsigned left = alarm(0);
    printf("alarm(5) = %u, alarm(0) = %u\n", first, left);

    /* a read on an empty pipe */
    char c = 0;
    arm(20);
    r = read(fds[0], &c, 1);
    result("read, handler without SA_RESTART", r, errno);
    handle(SIGALRM, on_alrm_write, SA_RESTART);
    arm(20);
    r = read(fds[0], &c, 1);
    result("read, SA_RESTART handler writes 'x'", r, errno);
    printf("  read got '%c'\n", c);

    /* sleeps end with EINTR even under SA_RESTART */
    handle(SIGALRM, on_sig, SA_RESTART);
    arm(20);
    struct timespec ts = { 10, 0 }, rem = { 0, 0 };
    r = nanosleep(&ts, &rem);
    result("nanosleep(10 s), SA_RESTART", r, errno);
    printf("  remaining more than 5 s: %d\n", rem.tv_sec >= 5);
    arm(20);
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
    printf("%-40s -> %s, handler ran %d time(s)\n", "clock_nanosleep(10 s), SA_RESTART",
           r == EINTR ? "EINTR" : "other", hits);
    hits = 0;

    /* wait4 restarts under SA_RESTART, not without */
    for (int restart = 1; restart >= 0; restart--) {
        handle(SIGALRM, on_sig, restart ? SA_RESTART : 0);
        pid_t pid = fork();
        if (pid == 0) {
            struct timespec t = { 0, 200 * 1000 * 1000 };
            nanosleep(&t, NULL);
            _exit(3);
        }
        arm(20);
        int st = 0;
        r = waitpid(pid, &st, 0);
        int err = errno;
        printf("%-40s -> %s", restart ? "waitpid, SA_RESTART" : "waitpid, no SA_RESTART",
               r == pid ? "the child" : r < 0 ? ename(err) : "other");
        if (r == pid)
            printf(" (exited %d)", WEXITSTATUS(st));
        printf(", handler ran %d time(s)\n", hits);
        hits = 0;
        if (r != pid)
            waitpid(pid, &st, 0);
    }

    /* ppoll and pselect with a temporary mask that lets a pending signal in */
    handle(SIGUSR1, on_sig, 0);
    mask(SIG_BLOCK, SIGUSR1);
    raise(SIGUSR1);
    struct timespec five = { 5, 0 };
    r = ppoll(NULL, 0, &five, &none);
    result("ppoll(no fds, 5 s, empty mask)", r, errno);
    printf("  USR1 blocked inside=%d, after=%d\n", usr1_blocked_inside, blocked(SIGUSR1));
    raise(SIGUSR1);
    r = pselect(0, NULL, NULL, NULL, &five, &none);
    result("pselect(no fds, 5 s, empty mask)", r, errno);
    printf("  USR1 blocked inside=%d, after=%d\n", usr1_blocked_inside, blocked(SIGUSR1));

    /* a ready descriptor comes first; the signal stays pending */
    if (write(fds[1], "y", 1) != 1)
        return 1;
    raise(SIGUSR1);
    struct pollfd pfd = { fds[0], POLLIN, 0 };
    r = ppoll(&pfd, 1, &five, &none);
    sigset_t pend;
    sigpending(&pend);
    result("ppoll(readable pipe, USR1 pending)", r, errno);
    printf("  revents POLLIN=%d, USR1 still pending=%d\n", !!(pfd.revents & POLLIN),
           sigismember(&pend, SIGUSR1));
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    r = pselect(fds[0] + 1, &rd, NULL, NULL, &five, &none);
    result("pselect(readable pipe, USR1 pending)", r, errno);
    printf("  readable=%d\n", FD_ISSET(fds[0], &rd));
    if (read(fds[0], &c, 1) != 1)
        return 1;
    mask(SIG_UNBLOCK, SIGUSR1);
    result("USR1 unblocked", 0, 0);

    /* ppoll without a mask, interrupted by a handled signal */
    arm(20);
    r = ppoll(&pfd, 1, &five, NULL);
    result("ppoll(empty pipe), SIGALRM", r, errno);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    arm(20);
    struct timeval tv = { 5, 0 };
    r = select(fds[0] + 1, &rd, NULL, NULL, &tv);
    result("select(empty pipe), SIGALRM", r, errno);

    /* sigtimedwait */
    mask(SIG_BLOCK, SIGUSR1);
    kill(getpid(), SIGUSR1);   /* glibc's sigtimedwait shows raise's SI_TKILL as SI_USER */
    sigset_t want;
    sigemptyset(&want);
    sigaddset(&want, SIGUSR1);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    r = sigtimedwait(&want, &si, &five);
    printf("sigtimedwait(USR1 pending) -> %s, si_code=%d, pid_ok=%d\n",
           r == SIGUSR1 ? "SIGUSR1" : "other", si.si_code, si.si_pid == getpid());
    struct timespec short_ts = { 0, 10 * 1000 * 1000 };
    r = sigtimedwait(&want, &si, &short_ts);
    result("sigtimedwait(USR1, 10 ms), nothing sent", r, errno);
    /* the syscall itself: musl's sigtimedwait waits again after EINTR */
    arm(20);
    r = syscall(SYS_rt_sigtimedwait, &want, &si, &five, 8);
    result("rt_sigtimedwait(USR1, 5 s), SIGALRM", r, errno);
    union sigval v = { .sival_int = 77 };
    int rt = SIGRTMIN + 3;
    mask(SIG_BLOCK, rt);
    sigqueue(getpid(), rt, v);
    sigemptyset(&want);
    sigaddset(&want, rt);
    r = sigwaitinfo(&want, &si);
    printf("sigwaitinfo(RTMIN+3) -> RTMIN+%ld, value=%d, code=%d\n", r - SIGRTMIN,
           si.si_value.sival_int, si.si_code);
    sigpending(&pend);
    printf("pending after: usr1=%d rt=%d\n", sigismember(&pend, SIGUSR1), sigismember(&pend, rt));
    return 0;
}
