/* sig_basic — guest signal handlers: the siginfo of raise, kill and
 * sigqueue; blocked signals delivered when unblocked (the order of several,
 * thread- and process-directed); real-time signals queued with their values;
 * sa_mask, SA_NODEFER recursion, SA_RESETHAND; the mask a handler runs with
 * and the one its return restores (also when the handler edits uc_sigmask);
 * ignored and default-ignored signals; pending signals discarded by SIG_IGN.
 *
 * Deterministic: every signal is sent to this process at a known point and
 * the kernel delivers it before the sending call returns (or when it is
 * unblocked). Handlers only record; main prints. Real-time signals are
 * printed relative to SIGRTMIN (glibc and musl reserve different numbers).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAXREC 64
static volatile int nrec;
static struct rec {
    int sig, code, value, pid_ok, uid_ok, depth;
    int usr1_blocked, usr2_blocked, hup_blocked;
} recs[MAXREC];
static volatile int depth;

static int blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

static void record(int sig, siginfo_t *si)
{
    if (nrec >= MAXREC)
        return;
    struct rec *r = &recs[nrec++];
    r->sig = sig;
    r->code = si ? si->si_code : 99;
    r->value = si && si->si_code == SI_QUEUE ? si->si_value.sival_int : 0;
    r->pid_ok = si ? si->si_pid == getpid() : -1;
    r->uid_ok = si ? si->si_uid == getuid() : -1;
    r->depth = depth;
    r->usr1_blocked = blocked(SIGUSR1);
    r->usr2_blocked = blocked(SIGUSR2);
    r->hup_blocked = blocked(SIGHUP);
}

static const char *name(int sig)
{
    static char buf[32];
    switch (sig) {
    case SIGUSR1: return "USR1";
    case SIGUSR2: return "USR2";
    case SIGHUP: return "HUP";
    case SIGWINCH: return "WINCH";
    }
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(buf, sizeof buf, "RTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(buf, sizeof buf, "sig%d", sig);
    return buf;
}

static void show(const char *title)
{
    printf("%s:\n", title);
    for (int i = 0; i < nrec; i++) {
        struct rec *r = &recs[i];
        printf("  %-8s code=%d", name(r->sig), r->code);
        if (r->code == SI_QUEUE)
            printf(" value=%d", r->value);
        if (r->code <= 0)
            printf(" pid_ok=%d uid_ok=%d", r->pid_ok, r->uid_ok);
        printf(" depth=%d blocked[usr1=%d usr2=%d hup=%d]\n", r->depth, r->usr1_blocked,
               r->usr2_blocked, r->hup_blocked);
    }
    nrec = 0;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    depth++;
    record(sig, si);
    depth--;
}

static void on_plain(int sig)
{
    depth++;
    record(sig, NULL);
    depth--;
}

static int set(int sig, void (*fn)(int, siginfo_t *, void *), int flags, const int *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    for (; mask && *mask; mask++)
        sigaddset(&sa.sa_mask, *mask);
    return sigaction(sig, &sa, NULL);
}

static void block(int how, int a, int b)
{
    sigset_t s;
    sigemptyset(&s);
    if (a)
        sigaddset(&s, a);
    if (b)
        sigaddset(&s, b);
    sigprocmask(how, &s, NULL);
}

static void show_pending(const char *what)
{
    sigset_t p;
    sigpending(&p);
    printf("%s: pending usr1=%d usr2=%d hup=%d rtmin+1=%d\n", what, sigismember(&p, SIGUSR1),
           sigismember(&p, SIGUSR2), sigismember(&p, SIGHUP), sigismember(&p, SIGRTMIN + 1));
}

/* ---- SA_NODEFER: a handler that raises its own signal ---- */
static int recurse_left;
static void on_recurse(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    depth++;
    record(sig, si);
    if (recurse_left-- > 0)
        raise(sig);
    depth--;
}

/* ---- sa_mask: USR1's handler raises USR2, which its mask holds back ---- */
static void on_usr1_raises_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    depth++;
    record(sig, si);
    raise(SIGUSR2);
    record(0, NULL);   /* "handler end" marker */
    depth--;
}

/* ---- a handler that blocks SIGHUP for the code it returns to ---- */
static void on_edit_mask(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    record(sig, si);
    sigaddset(&uc->uc_sigmask, SIGHUP);
    sigdelset(&uc->uc_sigmask, SIGUSR2);
}

/* ---- a handler that leaves with siglongjmp ---- */
static sigjmp_buf jump_back;
static void on_jump(int sig)
{
    depth++;
    record(sig, NULL);
    depth--;
    siglongjmp(jump_back, sig);
}

int main(void)
{
    /* siginfo of the three ways to send */
    set(SIGUSR1, on_info, 0, NULL);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    union sigval v = { .sival_int = 1234 };
    sigqueue(getpid(), SIGUSR1, v);
    show("raise, kill, sigqueue");

    /* blocked, then unblocked together: both thread-directed */
    set(SIGUSR2, on_info, 0, NULL);
    block(SIG_BLOCK, SIGUSR1, SIGUSR2);
    raise(SIGUSR2);
    raise(SIGUSR1);
    printf("while blocked: %d delivered\n", nrec);
    show_pending("blocked");
    block(SIG_UNBLOCK, SIGUSR1, SIGUSR2);
    show("unblocked (raise USR2, raise USR1)");
    show_pending("after");

    /* one process-directed, one thread-directed */
    block(SIG_BLOCK, SIGUSR1, SIGUSR2);
    kill(getpid(), SIGUSR1);
    raise(SIGUSR2);
    block(SIG_UNBLOCK, SIGUSR1, SIGUSR2);
    show("unblocked (kill USR1, raise USR2)");

    /* real-time signals queue, each with its value */
    int rt1 = SIGRTMIN + 1, rt2 = SIGRTMIN + 2;
    set(rt1, on_info, 0, NULL);
    set(rt2, on_info, 0, NULL);
    block(SIG_BLOCK, rt1, rt2);
    for (int i = 1; i <= 3; i++) {
        v.sival_int = i;
        sigqueue(getpid(), rt1, v);
    }
    v.sival_int = 4;
    sigqueue(getpid(), rt2, v);
    v.sival_int = 5;
    sigqueue(getpid(), rt2, v);
    show_pending("rt queued");
    block(SIG_UNBLOCK, rt1, rt2);
    show("real-time, unblocked");
    /* standard signals do not queue */
    block(SIG_BLOCK, SIGUSR1, 0);
    raise(SIGUSR1);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    block(SIG_UNBLOCK, SIGUSR1, 0);
    show("USR1 three times while blocked");

    /* sa_mask */
    int m2[] = { SIGUSR2, 0 };
    set(SIGUSR1, on_usr1_raises_usr2, 0, m2);
    raise(SIGUSR1);
    show("sa_mask holds USR2 back until USR1's handler returns (sig0 = end of USR1)");

    /* SA_NODEFER recursion, and without it */
    set(SIGUSR1, on_recurse, SA_NODEFER, NULL);
    recurse_left = 3;
    raise(SIGUSR1);
    show("SA_NODEFER");
    set(SIGUSR1, on_recurse, 0, NULL);
    recurse_left = 3;
    raise(SIGUSR1);
    show("no SA_NODEFER");

    /* SA_RESETHAND */
    set(SIGUSR2, on_info, SA_RESETHAND, NULL);
    raise(SIGUSR2);
    struct sigaction old;
    sigaction(SIGUSR2, NULL, &old);
    printf("SA_RESETHAND: %d delivered, now %s, flags kept SA_SIGINFO=%d\n", nrec,
           old.sa_handler == SIG_DFL ? "SIG_DFL" : "a handler", !!(old.sa_flags & SA_SIGINFO));
    nrec = 0;

    /* the handler changes the mask its return restores */
    set(SIGUSR1, on_edit_mask, 0, NULL);
    block(SIG_BLOCK, SIGUSR2, 0);
    raise(SIGUSR1);
    show("handler edits uc_sigmask");
    printf("after return: hup blocked=%d usr2 blocked=%d\n", blocked(SIGHUP), blocked(SIGUSR2));
    block(SIG_UNBLOCK, SIGHUP, 0);

    /* plain (non-SA_SIGINFO) handler and sigaction's old value */
    struct sigaction sa, prev;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_plain;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGHUP, &sa, &prev);
    printf("old action: plain=%d SA_RESTART=%d SA_SIGINFO=%d\n", prev.sa_handler == on_plain,
           !!(prev.sa_flags & SA_RESTART), !!(prev.sa_flags & SA_SIGINFO));
    raise(SIGHUP);
    show("plain handler");

    /* ignored, and ignored by default */
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    raise(SIGWINCH);
    kill(getpid(), SIGCHLD);
    printf("ignored: %d delivered\n", nrec);
    /* a pending blocked signal is discarded when its action becomes SIG_IGN */
    set(SIGUSR2, on_info, 0, NULL);
    block(SIG_BLOCK, SIGUSR2, 0);
    raise(SIGUSR2);
    show_pending("USR2 pending");
    signal(SIGUSR2, SIG_IGN);
    show_pending("after SIG_IGN");
    set(SIGUSR2, on_info, 0, NULL);
    block(SIG_UNBLOCK, SIGUSR2, 0);
    printf("after unblocking: %d delivered\n", nrec);

    /* leaving a handler with siglongjmp restores the mask sigsetjmp saved */
    struct sigaction sj;
    memset(&sj, 0, sizeof sj);
    sj.sa_handler = on_jump;
    sigaction(SIGUSR1, &sj, NULL);
    volatile int jumps = 0;
    int how = sigsetjmp(jump_back, 1);
    if (how == 0 || jumps < 3) {
        jumps++;
        raise(SIGUSR1);
    }
    printf("siglongjmp out of the handler %d times, last value %s, usr1 blocked after=%d\n",
           (int)jumps, name(how), blocked(SIGUSR1));
    show("handler left by siglongjmp");

    /* the kernel's refusals */
    int r = sigaction(SIGKILL, &sa, NULL);
    printf("sigaction(SIGKILL): %d %s\n", r, strerror(errno));
    r = sigaction(SIGSTOP, &sa, NULL);
    printf("sigaction(SIGSTOP): %d %s\n", r, strerror(errno));
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    sigset_t got;
    sigprocmask(SIG_SETMASK, NULL, &got);
    printf("block all: kill=%d stop=%d usr1=%d\n", sigismember(&got, SIGKILL),
           sigismember(&got, SIGSTOP), sigismember(&got, SIGUSR1));
    return 0;
}
