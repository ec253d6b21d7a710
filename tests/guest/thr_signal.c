/* thr_signal.c — signals and guest threads: pthread_kill reaches the thread
 * it names (the handler records pthread_self), whether that thread is
 * computing in translated code, sleeping in a syscall or waiting on a
 * futex; masks are per thread (pthread_sigmask in one thread leaves the
 * others' alone, and a new thread inherits its creator's); a signal sent to
 * the process is taken by the one thread that does not block it; a thread
 * blocked in read() is interrupted (EINTR without SA_RESTART, the read goes
 * on with it); sigwait in one thread takes a process-directed signal every
 * thread blocks; tgkill with a wrong tgid or tid fails. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NW 4
static pthread_t workers[NW];
static volatile pthread_t got_by[64];
static atomic_int got_count;
static atomic_int stop;
static atomic_int ready;

static void on_usr(int sig)
{
    got_by[sig] = pthread_self();
    atomic_fetch_add(&got_count, 1);
}

static int who(pthread_t t)
{
    for (int i = 0; i < NW; i++)
        if (pthread_equal(t, workers[i]))
            return i;
    return -1;
}

static void *worker(void *arg)
{
    long kind = (long)arg;
    atomic_fetch_add(&ready, 1);
    volatile unsigned long x = 0;
    while (!atomic_load(&stop)) {
        if (kind == 0) {
            for (int i = 0; i < 100000; i++)   /* translated code, no syscalls */
                x += (unsigned long)i * 3;
        } else if (kind == 1) {
            struct timespec ts = { 0, 2000000 };
            nanosleep(&ts, NULL);
        } else if (kind == 2) {
            usleep(1000);
        } else {
            sched_yield();
        }
    }
    return NULL;
}

static void wait_count(int n)
{
    for (int i = 0; i < 5000 && atomic_load(&got_count) < n; i++)
        usleep(1000);
}

static void test_pthread_kill(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);
    for (long i = 0; i < NW; i++)
        pthread_create(&workers[i], NULL, worker, (void *)i);
    while (atomic_load(&ready) < NW)
        usleep(1000);
    int n = 0;
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < NW; i++) {
            int sig = round == 1 ? SIGRTMIN + 2 : SIGUSR1;
            got_by[sig] = 0;
            pthread_kill(workers[i], sig);
            wait_count(++n);
            printf("pthread_kill(worker %d, %s): handled by worker %d\n", i,
                   sig == SIGUSR1 ? "SIGUSR1" : "SIGRTMIN+2", who(got_by[sig]));
        }
    atomic_store(&stop, 1);
    for (int i = 0; i < NW; i++)
        pthread_join(workers[i], NULL);
}

/* ---- per-thread masks ---- */
static atomic_int phase;
static int mask_report[3];

static void *mask_worker(void *arg)
{
    long id = (long)arg;
    sigset_t s, cur;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    /* worker 0 blocks SIGUSR2, 1 unblocks it, 2 keeps what it inherited */
    if (id == 0)
        pthread_sigmask(SIG_BLOCK, &s, NULL);
    else if (id == 1)
        pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    pthread_sigmask(SIG_SETMASK, NULL, &cur);
    mask_report[id] = sigismember(&cur, SIGUSR2);
    atomic_fetch_add(&ready, 1);
    while (atomic_load(&phase) == 0)
        usleep(1000);
    return NULL;
}

static void test_masks(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr;
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t s, cur;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);   /* inherited by the workers */
    atomic_store(&ready, 0);
    for (long i = 0; i < 3; i++)
        pthread_create(&workers[i], NULL, mask_worker, (void *)i);
    while (atomic_load(&ready) < 3)
        usleep(1000);
    pthread_sigmask(SIG_SETMASK, NULL, &cur);
    printf("masks: main blocks %d, worker0 %d, worker1 %d, worker2 (inherited) %d\n",
           sigismember(&cur, SIGUSR2), mask_report[0], mask_report[1], mask_report[2]);
    int before = atomic_load(&got_count);
    got_by[SIGUSR2] = 0;
    kill(getpid(), SIGUSR2);   /* only worker 1 lets it in */
    wait_count(before + 1);
    printf("kill(process, SIGUSR2): handled by worker %d\n", who(got_by[SIGUSR2]));
    atomic_store(&phase, 1);
    for (int i = 0; i < 3; i++)
        pthread_join(workers[i], NULL);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
}

/* ---- interrupted read ---- */
static int pfd[2];
static atomic_int reader_in;
static long read_result[2];
static int read_errno[2];

static void *reader(void *arg)
{
    long i = (long)arg;
    char c;
    atomic_store(&reader_in, 1);
    errno = 0;
    read_result[i] = read(pfd[0], &c, 1);
    read_errno[i] = errno;
    return NULL;
}

static void test_eintr(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr;
    for (long i = 0; i < 2; i++) {
        sa.sa_flags = i ? SA_RESTART : 0;
        sigaction(SIGUSR1, &sa, NULL);
        pipe(pfd);
        atomic_store(&reader_in, 0);
        pthread_t t;
        pthread_create(&t, NULL, reader, (void *)i);
        while (!atomic_load(&reader_in))
            usleep(1000);
        usleep(30000);   /* blocked in read by now */
        int before = atomic_load(&got_count);
        pthread_kill(t, SIGUSR1);
        wait_count(before + 1);
        usleep(30000);
        if (i)
            write(pfd[1], "x", 1);   /* the restarted read gets it */
        pthread_join(t, NULL);
        printf("read interrupted (%s): result %ld, %s\n", i ? "SA_RESTART" : "no SA_RESTART",
               read_result[i], read_errno[i] == EINTR ? "EINTR" : read_errno[i] ? "other" : "0");
        close(pfd[0]);
        close(pfd[1]);
    }
}

/* ---- sigwait in one thread ---- */
static void *waiter(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    int sig = 0;
    int e = sigwait(&s, &sig);
    return (void *)(long)(e ? -e : sig);
}

static void test_sigwait(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    usleep(20000);
    kill(getpid(), SIGTERM);
    void *r;
    pthread_join(t, &r);
    printf("sigwait in a thread: got %s\n", (long)r == SIGTERM ? "SIGTERM" : "something else");
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
}

static void test_tgkill_errors(void)
{
    long r = syscall(SYS_tgkill, getpid(), 0x3fffffff, SIGUSR1);
    printf("tgkill unknown tid: %ld %s\n", r, errno == ESRCH ? "ESRCH" : "other");
    r = syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), 99);
    printf("tgkill bad signal: %ld %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    r = syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), 0);
    printf("tgkill self, signal 0: %ld\n", r);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_pthread_kill();
    test_masks();
    test_eintr();
    test_sigwait();
    test_tgkill_errors();
    return 0;
}
