/* jit_tier.c — the first translation tier and its promotion (docs/jit.md
 * "The first tier"): the same code faults before, at and after the entry
 * count at which tern translates its blocks again with every pass (256), a
 * loop is promoted from its back edge while it runs, and threads run blocks
 * while they are promoted. Each fault must arrive with the right address and
 * leave the program's values exact, whichever translation ran.
 * Everything printed is a count or a checksum.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile sig_atomic_t faults, wrong_addr;
static void *volatile guard;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    faults++;
    if (si->si_addr != guard)
        wrong_addr++;
    siglongjmp(jb, 1);
}

/* enough arithmetic around the load that the two tiers differ (forwarding,
 * folding, flags) */
__attribute__((noinline)) static long work(const long *p, long a, long b)
{
    long x = a * 3 + b;
    long y = x ^ (a << 7);
    long v = *p;
    if (v > x)
        y += v;
    return v + x * y - (b >> 2);
}

/* a self-looping block: promoted by its back edge */
__attribute__((noinline)) static long loop_sum(const long *const *ps, int n, volatile int *at)
{
    long s = 0;
    for (int i = *at; i < n; i++) {
        *at = i;
        /* the load must not move above the store of the index */
        __asm__ volatile("" ::: "memory");
        s = s * 31 + *ps[i];
    }
    return s;
}

#define NT 3
static long thread_sums[NT];

static void *runner(void *arg)
{
    long id = (long)arg, s = 0, v = 7;
    for (long i = 0; i < 5000; i++)
        s += work(&v, i, id);
    thread_sums[id] = s;
    return NULL;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    guard = mmap(NULL, (size_t)page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guard == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    /* faults on calls 3, 255..258 and 900 of the same function */
    long good = 11;
    volatile long sum = 0;
    for (volatile long i = 0; i < 1000; i++) {
        const long *volatile p = (i == 3 || (i >= 255 && i <= 258) || i == 900) ? (const long *)guard : &good;
        if (sigsetjmp(jb, 1) == 0)
            sum += work(p, i, i & 15);
        else
            sum += 1000003;
    }
    printf("calls: sum %ld faults %d wrong addresses %d\n", sum, (int)faults, (int)wrong_addr);

    /* a loop faulting at iterations 10 (first tier), 4000 and 9999 (full) */
    enum { N = 10000 };
    static const long *ps[N];
    static long vals[N];
    for (int i = 0; i < N; i++) {
        vals[i] = i * 7 + 1;
        ps[i] = (i == 10 || i == 4000 || i == 9999) ? (const long *)guard : &vals[i];
    }
    faults = 0;
    volatile int at = 0;
    volatile long total = 0;
    while (at < N) {
        if (sigsetjmp(jb, 1) == 0) {
            total ^= loop_sum(ps, N, &at);
            break;
        }
        total += at;   /* the fault came at iteration `at` */
        at = at + 1;
    }
    printf("loop: total %ld faults %d stopped at %d wrong addresses %d\n", total, (int)faults,
           (int)at, (int)wrong_addr);

    /* threads reach the threshold of the same blocks together */
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        pthread_create(&t[i], NULL, runner, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NT; i++)
        printf("thread %d: sum %ld\n", i, thread_sums[i]);
    return 0;
}
