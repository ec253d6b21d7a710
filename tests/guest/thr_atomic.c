/* thr_atomic.c — 64 threads each add 100000 to shared counters through every
 * atomic form a program uses (C11 seq_cst and relaxed fetch_add, a
 * compare-exchange loop, a mutex, a spinlock on atomic_flag, 32-bit fetch_or/
 * fetch_and and fetch_sub) and the totals must be exact: lost updates under
 * real contention would show. On aarch64 the compiler's outline atomics use
 * LSE or exclusives after HWCAP, so running under -cpu cortex-a53 (no LSE)
 * covers the load/store-exclusive path; riscv64 uses AMOs and LR/SC (the
 * compare-exchange loop). Also: the thread start arguments and join values
 * come back in order, and a bad stack size is refused. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

#define NTHREADS 64
#define ITERS 100000

static atomic_long c_seq;
static atomic_long c_relaxed;
static long c_cas;
static long c_mutex;
static long c_spin;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static _Atomic uint32_t bits32;      /* each thread sets then clears its own bit 0..31 */
static _Atomic int32_t lanes[8];     /* each of 8 lanes counts down with 32-bit subs */
static atomic_int started;

static void spin_lock(void)
{
    int n = 0;
    while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
        if (++n % 64 == 0)
            sched_yield();   /* 64 threads on few cpus: let the holder run */
}

static void *worker(void *arg)
{
    long id = (long)arg;
    /* all start together, so the updates really contend */
    atomic_fetch_add(&started, 1);
    while (atomic_load(&started) < NTHREADS)
        sched_yield();
    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add(&c_seq, 1);
        atomic_fetch_add_explicit(&c_relaxed, 1, memory_order_relaxed);
        long old = __atomic_load_n(&c_cas, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&c_cas, &old, old + 1, 1, __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED))
            ;
        if (i % 4 == 0) {
            pthread_mutex_lock(&mu);
            c_mutex++;
            pthread_mutex_unlock(&mu);
            spin_lock();
            c_spin++;
            atomic_flag_clear_explicit(&spin, memory_order_release);
        }
        if (id < 32 && i % 16 == 0) {
            uint32_t b = 1u << id;
            uint32_t was = atomic_fetch_or(&bits32, b);
            if (was & b)
                return (void *)-1;   /* another thread touched this bit */
            atomic_fetch_and(&bits32, ~b);
        }
        if (i % 8 == 0)
            atomic_fetch_sub(&lanes[id % 8], 1);
    }
    return (void *)(id * 3 + 1);
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++) {
        int e = pthread_create(&t[i], NULL, worker, (void *)i);
        if (e) {
            printf("pthread_create %ld: %s\n", i, ename(e));
            return 1;
        }
    }
    int bad = 0;
    for (long i = 0; i < NTHREADS; i++) {
        void *r;
        int e = pthread_join(t[i], &r);
        if (e || (long)r != i * 3 + 1) {
            printf("join %ld: e=%d r=%ld\n", i, e, (long)r);
            bad++;
        }
    }
    long want = (long)NTHREADS * ITERS;
    printf("threads started %d, joins bad %d\n", atomic_load(&started), bad);
    printf("seq_cst fetch_add  %ld %s\n", atomic_load(&c_seq), atomic_load(&c_seq) == want ? "ok" : "LOST");
    printf("relaxed fetch_add  %ld %s\n", atomic_load(&c_relaxed),
           atomic_load(&c_relaxed) == want ? "ok" : "LOST");
    printf("cas loop           %ld %s\n", c_cas, c_cas == want ? "ok" : "LOST");
    printf("mutex              %ld %s\n", c_mutex, c_mutex == want / 4 ? "ok" : "LOST");
    printf("spinlock           %ld %s\n", c_spin, c_spin == want / 4 ? "ok" : "LOST");
    printf("fetch_or/and bits  %#x\n", (unsigned)atomic_load(&bits32));
    /* each lane: 8 threads x ITERS/8 subs */
    int32_t lane_want = -8 * (ITERS / 8);
    int lanes_ok = 1;
    for (int i = 0; i < 8; i++)
        lanes_ok &= atomic_load(&lanes[i]) == lane_want;
    printf("32-bit sub lanes   %s (%d each)\n", lanes_ok ? "ok" : "LOST", (int)lane_want);

    /* error paths (joining oneself is EDEADLK in glibc, a hang in musl) */
    pthread_attr_t a;
    pthread_attr_init(&a);
    printf("stacksize 1: %s\n", ename(pthread_attr_setstacksize(&a, 1)));
    pthread_attr_destroy(&a);
    return 0;
}
