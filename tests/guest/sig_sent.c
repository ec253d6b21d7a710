/* sig_sent.c — SIGSEGV, SIGBUS, SIGFPE and SIGILL sent with kill, raise,
 * sigqueue, tgkill and pthread_kill are ordinary signals, not faults: the
 * handler gets the sender's siginfo (SI_USER / SI_TKILL / SI_QUEUE, si_pid,
 * si_uid, si_value); blocked, one stays pending (sigpending shows it, a
 * second merges with it, sigwaitinfo takes it, unblocking delivers it,
 * SIG_IGN discards it) and does not cut short a blocking read or epoll_wait;
 * a temporary ppoll mask lets it in; ignored, it is discarded (even while
 * blocked once unblocked); sent again from its own handler, it waits for the
 * handler to return; pthread_kill reaches the thread named, also one
 * spinning in a loop; a process-directed one goes to the thread that does
 * not block it; without a handler it kills (also when unblocked later, and
 * when sent by another process into pause()); a real fault still reaches
 * the handler as a fault afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t count[65];
static volatile int last_code, last_pid_ok, last_uid_ok, last_value, last_tid;
static volatile int resend_depth, resend_max, resend_order[8], resend_n;

static int gettid_(void) { return (int)syscall(SYS_gettid); }

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    count[sig]++;
    last_code = si->si_code;
    last_pid_ok = si->si_pid == getpid();
    last_uid_ok = si->si_uid == getuid();
    last_value = si->si_value.sival_int;
    last_tid = gettid_();
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void block(int sig, int how)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

static int pending(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigpending(&s);
    return sigismember(&s, sig);
}

static const char *code_name(int c)
{
    switch (c) {
    case SI_USER: return "SI_USER";
    case SI_TKILL: return "SI_TKILL";
    case SI_QUEUE: return "SI_QUEUE";
    case SEGV_MAPERR: return "SEGV_MAPERR";
    default: return "other";
    }
}

static void ms(int n)
{
    struct timespec ts = { 0, n * 1000000L };
    while (nanosleep(&ts, &ts) && errno == EINTR)
        ;
}

/* ---- the basic senders ---- */

static void senders(void)
{
    handle(SIGSEGV, on_sig, 0);
    handle(SIGBUS, on_sig, 0);
    handle(SIGFPE, on_sig, 0);
    handle(SIGILL, on_sig, 0);

    kill(getpid(), SIGSEGV);
    printf("kill SIGSEGV: count %d code %s pid %d uid %d\n", (int)count[SIGSEGV],
           code_name(last_code), last_pid_ok, last_uid_ok);
    raise(SIGILL);
    printf("raise SIGILL: count %d code %s pid %d\n", (int)count[SIGILL], code_name(last_code),
           last_pid_ok);
    union sigval v = { .sival_int = 4242 };
    sigqueue(getpid(), SIGBUS, v);
    printf("sigqueue SIGBUS: count %d code %s value %d pid %d\n", (int)count[SIGBUS],
           code_name(last_code), last_value, last_pid_ok);
    kill(getpid(), SIGFPE);
    printf("kill SIGFPE: count %d code %s\n", (int)count[SIGFPE], code_name(last_code));
    syscall(SYS_tgkill, getpid(), gettid_(), SIGSEGV);
    printf("tgkill SIGSEGV: count %d code %s\n", (int)count[SIGSEGV], code_name(last_code));
}

/* ---- blocked, ignored ---- */

static void blocked(void)
{
    count[SIGSEGV] = 0;
    block(SIGSEGV, SIG_BLOCK);
    kill(getpid(), SIGSEGV);
    kill(getpid(), SIGSEGV);   /* merges with the pending one */
    printf("blocked SIGSEGV sent twice: count %d pending %d\n", (int)count[SIGSEGV],
           pending(SIGSEGV));
    block(SIGSEGV, SIG_UNBLOCK);
    printf("unblocked: count %d pending %d code %s\n", (int)count[SIGSEGV], pending(SIGSEGV),
           code_name(last_code));

    /* sigwaitinfo takes a pending one */
    count[SIGBUS] = 0;
    block(SIGBUS, SIG_BLOCK);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGBUS, v);
    sigset_t w;
    sigemptyset(&w);
    sigaddset(&w, SIGBUS);
    siginfo_t si;
    int r = sigwaitinfo(&w, &si);
    printf("sigwaitinfo: %s code %s value %d handler %d pending %d\n",
           r == SIGBUS ? "SIGBUS" : "other", code_name(si.si_code), si.si_value.sival_int,
           (int)count[SIGBUS], pending(SIGBUS));
    block(SIGBUS, SIG_UNBLOCK);

    /* ignored: discarded at once */
    signal(SIGFPE, SIG_IGN);
    kill(getpid(), SIGFPE);
    printf("ignored SIGFPE: alive, pending %d\n", pending(SIGFPE));

    /* blocked while ignored: pending (the handler may change), discarded
     * when unblocked */
    block(SIGFPE, SIG_BLOCK);
    kill(getpid(), SIGFPE);
    printf("ignored and blocked SIGFPE: pending %d\n", pending(SIGFPE));
    block(SIGFPE, SIG_UNBLOCK);
    printf("unblocked: alive, pending %d\n", pending(SIGFPE));

    /* pending, then ignored: discarded */
    count[SIGFPE] = 0;
    handle(SIGFPE, on_sig, 0);
    block(SIGFPE, SIG_BLOCK);
    kill(getpid(), SIGFPE);
    int before = pending(SIGFPE);
    signal(SIGFPE, SIG_IGN);
    int after = pending(SIGFPE);
    handle(SIGFPE, on_sig, 0);
    block(SIGFPE, SIG_UNBLOCK);
    printf("pending SIGFPE then SIG_IGN: pending %d -> %d, handler %d\n", before, after,
           (int)count[SIGFPE]);
}

/* ---- sent again from its own handler ---- */

static void on_resend(int sig, siginfo_t *si, void *uc)
{
    (void)si, (void)uc;
    int d = ++resend_depth;
    if (d > resend_max)
        resend_max = d;
    int n = resend_n++;
    if (n < 8)
        resend_order[n] = 1;
    if (n == 0)
        kill(getpid(), sig);   /* blocked while this runs: waits */
    if (resend_n < 8)
        resend_order[resend_n++] = 2;
    resend_depth--;
}

static void resend(void)
{
    handle(SIGILL, on_resend, 0);
    kill(getpid(), SIGILL);
    printf("resent from its handler: max depth %d, order", resend_max);
    for (int i = 0; i < resend_n; i++)
        printf(" %s", resend_order[i] == 1 ? "enter" : "leave");
    printf("\n");
    handle(SIGILL, on_sig, 0);
}

/* ---- blocked during blocking calls ---- */

static int main_tid;
static int pfd[2];

static void *send_then_write(void *arg)
{
    long sig = (long)arg;
    ms(50);
    syscall(SYS_tgkill, getpid(), main_tid, (int)sig);
    ms(50);
    if (write(pfd[1], "x", 1) != 1)
        return NULL;
    return NULL;
}

static void blocked_calls(void)
{
    main_tid = gettid_();
    count[SIGSEGV] = 0;
    block(SIGSEGV, SIG_BLOCK);
    if (pipe(pfd))
        return;
    pthread_t t;
    char c;

    pthread_create(&t, NULL, send_then_write, (void *)(long)SIGSEGV);
    ssize_t n = read(pfd[0], &c, 1);
    int e = n < 0 ? errno : 0;
    pthread_join(t, NULL);
    printf("read with SIGSEGV blocked and sent: %zd %s, pending %d\n", n, e ? strerror(e) : "",
           pending(SIGSEGV));
    block(SIGSEGV, SIG_UNBLOCK);
    printf("unblocked: count %d code %s\n", (int)count[SIGSEGV], code_name(last_code));

    count[SIGSEGV] = 0;
    block(SIGSEGV, SIG_BLOCK);
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN }, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev);
    pthread_create(&t, NULL, send_then_write, (void *)(long)SIGSEGV);
    int r = epoll_wait(ep, &out, 1, 5000);
    e = r < 0 ? errno : 0;
    pthread_join(t, NULL);
    printf("epoll_wait with SIGSEGV blocked and sent: %d %s, pending %d\n", r,
           e ? strerror(e) : "", pending(SIGSEGV));
    if (read(pfd[0], &c, 1) != 1)
        printf("read failed\n");
    block(SIGSEGV, SIG_UNBLOCK);
    printf("unblocked: count %d\n", (int)count[SIGSEGV]);
    close(ep);

    /* ppoll's temporary mask lets it in: EINTR, the handler runs */
    count[SIGSEGV] = 0;
    block(SIGSEGV, SIG_BLOCK);
    pthread_create(&t, NULL, send_then_write, (void *)(long)SIGSEGV);
    sigset_t tmp;
    sigemptyset(&tmp);
    struct pollfd p = { .fd = pfd[0], .events = POLLIN };
    r = ppoll(&p, 1, NULL, &tmp);
    e = r < 0 ? errno : 0;
    printf("ppoll letting SIGSEGV in: %d %s, count %d\n", r, e ? strerror(e) : "",
           (int)count[SIGSEGV]);
    pthread_join(t, NULL);
    if (read(pfd[0], &c, 1) != 1)
        printf("read failed\n");
    printf("after ppoll: pending %d\n", pending(SIGSEGV));
    block(SIGSEGV, SIG_UNBLOCK);
    close(pfd[0]);
    close(pfd[1]);
}

/* ---- threads ---- */

static atomic_int spin_go, thread_tid;

static void *spinner(void *arg)
{
    (void)arg;
    thread_tid = gettid_();
    volatile unsigned long x = 0;
    while (count[SIGSEGV] == 0)
        x++;
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    thread_tid = gettid_();
    block(SIGBUS, SIG_UNBLOCK);
    atomic_store(&spin_go, 1);
    while (count[SIGBUS] == 0)
        ms(1);
    return NULL;
}

static void threads(void)
{
    count[SIGSEGV] = 0;
    last_tid = 0;
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (!atomic_load(&thread_tid))
        ms(1);
    pthread_kill(t, SIGSEGV);
    pthread_join(t, NULL);
    printf("pthread_kill SIGSEGV to a spinning thread: count %d on it %d code %s\n",
           (int)count[SIGSEGV], last_tid == thread_tid, code_name(last_code));

    /* process-directed: the thread that does not block it takes it */
    count[SIGBUS] = 0;
    last_tid = 0;
    thread_tid = 0;
    block(SIGBUS, SIG_BLOCK);
    pthread_create(&t, NULL, sleeper, NULL);
    while (!atomic_load(&spin_go))
        ms(1);
    kill(getpid(), SIGBUS);
    pthread_join(t, NULL);
    printf("kill SIGBUS, only another thread lets it in: count %d on it %d pending here %d\n",
           (int)count[SIGBUS], last_tid == thread_tid, pending(SIGBUS));
    block(SIGBUS, SIG_UNBLOCK);
}

/* ---- a real fault afterwards ---- */

static sigjmp_buf jb;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    count[sig]++;
    last_code = si->si_code;
    siglongjmp(jb, 1);
}

static void real_fault(void)
{
    handle(SIGSEGV, on_fault, 0);
    count[SIGSEGV] = 0;
    if (!sigsetjmp(jb, 1)) {
        volatile uintptr_t a = 16;   /* page 0: never mapped */
        *(volatile int *)a = 1;
        printf("no fault\n");
    }
    printf("real fault: count %d code %s\n", (int)count[SIGSEGV], code_name(last_code));
}

/* ---- default actions, in children ---- */

static void report(const char *what, pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid) {
        printf("%s: waitpid failed\n", what);
        return;
    }
    if (WIFSIGNALED(st))
        printf("%s: killed by %s\n", what, strsignal(WTERMSIG(st)));
    else
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

static void child_start(int sig)
{
    struct rlimit no = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no);
    signal(sig, SIG_DFL);
}

static void defaults(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        child_start(SIGSEGV);
        kill(getpid(), SIGSEGV);
        printf("child survived kill\n");
        _exit(0);
    }
    report("kill SIGSEGV without a handler", pid);

    pid = fork();
    if (pid == 0) {
        child_start(SIGBUS);
        block(SIGBUS, SIG_BLOCK);
        kill(getpid(), SIGBUS);
        printf("child: blocked SIGBUS pending %d\n", pending(SIGBUS));
        fflush(stdout);
        block(SIGBUS, SIG_UNBLOCK);
        printf("child survived unblocking\n");
        _exit(0);
    }
    report("blocked SIGBUS without a handler, unblocked", pid);

    int ready[2];
    if (pipe(ready))
        return;
    pid = fork();
    if (pid == 0) {
        child_start(SIGILL);
        close(ready[0]);
        if (write(ready[1], "r", 1) != 1)
            _exit(2);
        pause();
        printf("child survived pause\n");
        _exit(0);
    }
    close(ready[1]);
    char c;
    if (read(ready[0], &c, 1) != 1)
        printf("child not ready\n");
    close(ready[0]);
    ms(50);
    kill(pid, SIGILL);
    report("SIGILL sent into pause() without a handler", pid);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    senders();
    blocked();
    resend();
    blocked_calls();
    threads();
    real_fault();
    defaults();
    return 0;
}
