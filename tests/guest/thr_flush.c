/* thr_flush.c — the code cache shared by running threads while it is
 * flushed again and again: four threads run call-heavy code (many blocks,
 * chained jumps, returns through the jump cache) while a fifth keeps
 * invalidating the instruction cache (__builtin___clear_cache: aarch64 IC
 * IVAU, riscv64 the flush_icache syscall / fence.i; a no-op natively) and a
 * sixth keeps starting short-lived threads (new translations, thread exits
 * during flushes). Every result must be exact: a thread running code that a
 * flush freed or rewrote would crash or compute garbage. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define NWORK 4
#define ROUNDS 1000

static atomic_int workers_done;
static atomic_long flushes;
static atomic_long spawned;

__attribute__((noinline)) static uint64_t mix(uint64_t x, uint64_t k)
{
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ull + k;
    return x ^ (x >> 29);
}

__attribute__((noinline)) static uint64_t step_a(uint64_t x) { return mix(x, 1) + 3; }
__attribute__((noinline)) static uint64_t step_b(uint64_t x) { return mix(x, 2) ^ 5; }
__attribute__((noinline)) static uint64_t step_c(uint64_t x) { return (x & 1) ? step_a(x) : step_b(x); }

static uint64_t (*const table[])(uint64_t) = { step_a, step_b, step_c };

static void *worker(void *arg)
{
    uint64_t x = (uint64_t)(uintptr_t)arg + 1;
    for (int r = 0; r < ROUNDS; r++)
        for (int i = 0; i < 2000; i++)
            x = table[x % 3](x) + (uint64_t)i;   /* indirect calls: jump cache */
    atomic_fetch_add(&workers_done, 1);
    return (void *)(uintptr_t)(x & 0xffffffff);
}

static void *flusher(void *arg)
{
    (void)arg;
    char *lo = (char *)(uintptr_t)mix, *hi = (char *)(uintptr_t)worker;
    if (lo > hi) {
        char *t = lo;
        lo = hi;
        hi = t;
    }
    while (atomic_load(&workers_done) < NWORK) {
        __builtin___clear_cache(lo, hi + 64);
        atomic_fetch_add(&flushes, 1);
    }
    return NULL;
}

static void *short_lived(void *arg)
{
    return (void *)(uintptr_t)step_c((uint64_t)(uintptr_t)arg);
}

static void *spawner(void *arg)
{
    (void)arg;
    uint64_t acc = 0;
    for (int i = 0; atomic_load(&workers_done) < NWORK || i < 20; i++) {
        pthread_t t;
        void *r;
        if (pthread_create(&t, NULL, short_lived, (void *)(uintptr_t)i))
            break;
        pthread_join(t, &r);
        if ((uintptr_t)r != (uintptr_t)step_c((uint64_t)i))
            acc++;
        atomic_fetch_add(&spawned, 1);
    }
    return (void *)(uintptr_t)acc;
}

int main(void)
{
    pthread_t w[NWORK], f, s;
    for (int i = 0; i < NWORK; i++)
        pthread_create(&w[i], NULL, worker, (void *)(uintptr_t)(i * 7919));
    pthread_create(&f, NULL, flusher, NULL);
    pthread_create(&s, NULL, spawner, NULL);
    for (int i = 0; i < NWORK; i++) {
        void *r;
        pthread_join(w[i], &r);
        printf("worker %d: %08lx\n", i, (unsigned long)(uintptr_t)r);
    }
    void *bad;
    pthread_join(f, NULL);
    pthread_join(s, &bad);
    printf("flushes made: %s, threads spawned: %s, wrong results: %lu\n",
           atomic_load(&flushes) > 0 ? "some" : "none", atomic_load(&spawned) >= 20 ? "20+" : "few",
           (unsigned long)(uintptr_t)bad);
    return 0;
}
