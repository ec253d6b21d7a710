/* thr_sync.c — the blocking side of guest threads: condition variables
 * (4 producers, 4 consumers, a bounded queue: every item consumed exactly
 * once), pthread_barrier rounds, __thread values distinct per thread,
 * pthread_cancel of threads blocked in cancellation points (read on an empty
 * pipe, pthread_cond_wait, nanosleep) with cleanup handlers, detached threads
 * exiting while others run (their stacks are reused: clear_child_tid),
 * pthread_join values and errors, a timed wait that times out, rwlocks,
 * pthread_once, and a recursive and an error-checking mutex. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* errno names (strerror's texts differ between glibc and musl) */
static const char *ename(int e)
{
    switch (e) {
    case 0: return "0";
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EAGAIN: return "EAGAIN";
    case EBUSY: return "EBUSY";
    case EINVAL: return "EINVAL";
    case EDEADLK: return "EDEADLK";
    case ETIMEDOUT: return "ETIMEDOUT";
    default: return "other";
    }
}

/* ---- producer / consumer ---- */
#define QCAP 8
#define NPROD 4
#define NCONS 4
#define PER_PROD 20000
static int queue[QCAP];
static int qhead, qlen, producers_left = NPROD;
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static unsigned char seen[NPROD * PER_PROD];

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg * PER_PROD;
    for (int i = 0; i < PER_PROD; i++) {
        pthread_mutex_lock(&qmu);
        while (qlen == QCAP)
            pthread_cond_wait(&not_full, &qmu);
        queue[(qhead + qlen++) % QCAP] = base + i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qmu);
    }
    pthread_mutex_lock(&qmu);
    producers_left--;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&qmu);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    long n = 0;
    for (;;) {
        pthread_mutex_lock(&qmu);
        while (qlen == 0 && producers_left)
            pthread_cond_wait(&not_empty, &qmu);
        if (qlen == 0) {
            pthread_mutex_unlock(&qmu);
            break;
        }
        int v = queue[qhead];
        qhead = (qhead + 1) % QCAP;
        qlen--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qmu);
        seen[v]++;
        n++;
    }
    return (void *)n;
}

static void test_prodcons(void)
{
    pthread_t p[NPROD], c[NCONS];
    for (int i = 0; i < NCONS; i++)
        pthread_create(&c[i], NULL, consumer, NULL);
    for (int i = 0; i < NPROD; i++)
        pthread_create(&p[i], NULL, producer, (void *)(intptr_t)i);
    long total = 0;
    for (int i = 0; i < NPROD; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < NCONS; i++) {
        void *r;
        pthread_join(c[i], &r);
        total += (long)r;
    }
    int once = 1;
    for (int i = 0; i < NPROD * PER_PROD; i++)
        once &= seen[i] == 1;
    printf("prodcons: consumed %ld, each exactly once: %s\n", total, once ? "yes" : "NO");
}

/* ---- barrier and TLS ---- */
#define NBAR 8
#define ROUNDS 200
static pthread_barrier_t bar;
static __thread long tls_val = 7;
static __thread char tls_buf[64];
static atomic_int round_count[ROUNDS];
static atomic_int barrier_bad;

static void *bar_worker(void *arg)
{
    long id = (long)arg;
    tls_val = id * 100;
    snprintf(tls_buf, sizeof tls_buf, "thread %ld", id);
    int serial = 0;
    for (int r = 0; r < ROUNDS; r++) {
        atomic_fetch_add(&round_count[r], 1);
        int s = pthread_barrier_wait(&bar);
        if (s == PTHREAD_BARRIER_SERIAL_THREAD)
            serial++;
        else if (s != 0)
            atomic_fetch_add(&barrier_bad, 1);
        /* everyone has counted this round before anyone passes */
        if (atomic_load(&round_count[r]) != NBAR)
            atomic_fetch_add(&barrier_bad, 1);
    }
    char want[64];
    snprintf(want, sizeof want, "thread %ld", id);
    int tls_ok = tls_val == id * 100 && !strcmp(tls_buf, want);
    return (void *)(long)(serial * 2 + tls_ok);
}

static void test_barrier_tls(void)
{
    pthread_barrier_init(&bar, NULL, NBAR);
    pthread_t t[NBAR];
    for (long i = 0; i < NBAR; i++)
        pthread_create(&t[i], NULL, bar_worker, (void *)i);
    int serials = 0, tls_ok = 0;
    for (int i = 0; i < NBAR; i++) {
        void *r;
        pthread_join(t[i], &r);
        serials += (int)((long)r / 2);
        tls_ok += (int)((long)r % 2);
    }
    pthread_barrier_destroy(&bar);
    printf("barrier: %d rounds, serial threads %d, bad %d\n", ROUNDS, serials,
           atomic_load(&barrier_bad));
    printf("tls: main still %ld, threads with their own values %d/%d\n", tls_val, tls_ok, NBAR);
}

/* ---- cancellation ---- */
static int cancel_pipe[2];
static atomic_int cleanups;
static pthread_mutex_t cmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ccond = PTHREAD_COND_INITIALIZER;
static atomic_int cancel_ready;

static void cleanup(void *arg)
{
    atomic_fetch_add(&cleanups, (int)(intptr_t)arg);
}

static void unlock_cleanup(void *arg)
{
    atomic_fetch_add(&cleanups, 100);
    pthread_mutex_unlock(arg);
}

static void *cancel_read(void *arg)
{
    (void)arg;
    char c;
    pthread_cleanup_push(cleanup, (void *)1);
    atomic_fetch_add(&cancel_ready, 1);
    for (;;)
        read(cancel_pipe[0], &c, 1);   /* blocks: the pipe stays empty */
    pthread_cleanup_pop(0);
    return NULL;
}

static void *cancel_cond(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cmu);
    pthread_cleanup_push(unlock_cleanup, &cmu);
    atomic_fetch_add(&cancel_ready, 1);
    for (;;)
        pthread_cond_wait(&ccond, &cmu);
    pthread_cleanup_pop(0);
    return NULL;
}

static void *cancel_sleep(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, (void *)10);
    atomic_fetch_add(&cancel_ready, 1);
    struct timespec ts = { 1000, 0 };
    for (;;)
        nanosleep(&ts, NULL);
    pthread_cleanup_pop(0);
    return NULL;
}

static void test_cancel(void)
{
    pipe(cancel_pipe);
    pthread_t t[3];
    pthread_create(&t[0], NULL, cancel_read, NULL);
    pthread_create(&t[1], NULL, cancel_cond, NULL);
    pthread_create(&t[2], NULL, cancel_sleep, NULL);
    while (atomic_load(&cancel_ready) < 3)
        usleep(1000);
    usleep(20000);   /* let them block */
    int canceled = 0;
    for (int i = 0; i < 3; i++) {
        pthread_cancel(t[i]);
        void *r;
        pthread_join(t[i], &r);
        canceled += r == PTHREAD_CANCELED;
    }
    /* the cond waiter's cleanup unlocked the mutex: it is free */
    int e = pthread_mutex_trylock(&cmu);
    if (!e)
        pthread_mutex_unlock(&cmu);
    printf("cancel: %d/3 canceled, cleanups %d, mutex free after: %s\n", canceled,
           atomic_load(&cleanups), e ? ename(e) : "yes");
    close(cancel_pipe[0]);
    close(cancel_pipe[1]);
}

/* ---- detached threads ---- */
#define NDET 200
static atomic_int det_done;

static void *detached(void *arg)
{
    volatile char buf[4096];
    for (int i = 0; i < (int)sizeof buf; i += 512)
        buf[i] = (char)(intptr_t)arg;
    atomic_fetch_add(&det_done, 1);
    return NULL;
}

static void test_detached(void)
{
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    int failed = 0;
    for (int i = 0; i < NDET; i++) {
        pthread_t t;
        int e = pthread_create(&t, &a, detached, (void *)(intptr_t)i);
        if (e)
            failed++;
    }
    pthread_attr_destroy(&a);
    while (atomic_load(&det_done) < NDET - failed)
        usleep(1000);
    printf("detached: %d ran, %d creations failed\n", atomic_load(&det_done), failed);
}

/* ---- joins, timed waits, misc ---- */
static void *ret_arg(void *arg) { return arg; }
static void *exit_arg(void *arg) { pthread_exit((char *)arg + 1); }

static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;
static void once_fn(void) { atomic_fetch_add(&once_runs, 1); }
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_val;

static void *rw_worker(void *arg)
{
    pthread_once(&once, once_fn);
    for (int i = 0; i < 5000; i++) {
        if (i % 5 == 0) {
            pthread_rwlock_wrlock(&rw);
            rw_val += (long)arg;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            long v = rw_val;
            (void)v;
            pthread_rwlock_unlock(&rw);
        }
    }
    return NULL;
}

static void test_misc(void)
{
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, ret_arg, (void *)0x1234);
    pthread_join(t, &r);
    printf("join: returned %#lx\n", (long)r);
    pthread_create(&t, NULL, exit_arg, (void *)0x2000);
    pthread_join(t, &r);
    printf("join: pthread_exit %#lx\n", (long)r);

    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&m);
    int e = pthread_cond_timedwait(&c, &m, &ts);
    pthread_mutex_unlock(&m);
    printf("cond_timedwait: %s\n", ename(e));
    e = pthread_mutex_timedlock(&m, &ts);   /* free: taken at once */
    printf("mutex_timedlock free: %s\n", ename(e));
    pthread_mutex_unlock(&m);

    pthread_t rt[6];
    for (long i = 0; i < 6; i++)
        pthread_create(&rt[i], NULL, rw_worker, (void *)(i + 1));
    for (int i = 0; i < 6; i++)
        pthread_join(rt[i], NULL);
    printf("rwlock: %ld, once ran %d time(s)\n", rw_val, atomic_load(&once_runs));

    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_t rm;
    pthread_mutex_init(&rm, &ma);
    pthread_mutex_lock(&rm);
    e = pthread_mutex_lock(&rm);
    printf("recursive relock: %s\n", ename(e));
    pthread_mutex_unlock(&rm);
    pthread_mutex_unlock(&rm);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t em;
    pthread_mutex_init(&em, &ma);
    pthread_mutex_lock(&em);
    printf("errorcheck relock: %s\n", ename(pthread_mutex_lock(&em)));
    pthread_mutex_unlock(&em);
    printf("errorcheck unlock unowned: %s\n", ename(pthread_mutex_unlock(&em)));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_prodcons();
    test_barrier_tls();
    test_cancel();
    test_detached();
    test_misc();
    return 0;
}
