/* ldst_atomic.c — atomicity under real concurrency: four threads hammer
 * shared words with LDXR/STXR and LDAXR/STLXR loops (32- and 64-bit),
 * LDXP/STXP on a 16-byte pair, LSE LDADD, CAS and CASP loops, and a
 * spinlock (LDAXR/STXR acquire, STLR release) guarding plain increments.
 * Lost updates or a broken lock show as wrong totals. The insns are written
 * in inline asm so the test does not depend on what the compiler picks.
 * Without thread support the workers run one after another (same totals). */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4
#define ITERS 20000

static uint64_t c_llsc64, c_acqrel64, c_ldadd, c_cas;
static uint32_t c_llsc32;
static uint64_t c_pair[2] __attribute__((aligned(16)));
static uint64_t c_casp[2] __attribute__((aligned(16)));
static uint32_t lock_word;
static uint64_t locked_a, locked_b;

static void llsc_add64(uint64_t *p, uint64_t v)
{
    uint64_t tmp;
    uint32_t fail;
    __asm__ volatile("1: ldxr %0, [%2]\n"
                     "   add %0, %0, %3\n"
                     "   stxr %w1, %0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
}

static void llsc_add64_acqrel(uint64_t *p, uint64_t v)
{
    uint64_t tmp;
    uint32_t fail;
    __asm__ volatile("1: ldaxr %0, [%2]\n"
                     "   add %0, %0, %3\n"
                     "   stlxr %w1, %0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
}

static void llsc_add32(uint32_t *p, uint32_t v)
{
    uint32_t tmp, fail;
    __asm__ volatile("1: ldxr %w0, [%2]\n"
                     "   add %w0, %w0, %w3\n"
                     "   stxr %w1, %w0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
}

/* both halves of a 16-byte pair in one exclusive pair access */
static void llsc_pair_add(uint64_t *p, uint64_t lo, uint64_t hi)
{
    uint64_t a, b;
    uint32_t fail;
    __asm__ volatile("1: ldaxp %0, %1, [%3]\n"
                     "   add %0, %0, %4\n"
                     "   add %1, %1, %5\n"
                     "   stlxp %w2, %0, %1, [%3]\n"
                     "   cbnz %w2, 1b\n"
                     : "=&r"(a), "=&r"(b), "=&r"(fail) : "r"(p), "r"(lo), "r"(hi) : "memory");
}

static void lse_add(uint64_t *p, uint64_t v)
{
    __asm__ volatile(".arch_extension lse\n"
                     "stadd %0, [%1]\n" : : "r"(v), "r"(p) : "memory");
}

static void cas_add(uint64_t *p, uint64_t v)
{
    uint64_t old = __atomic_load_n(p, __ATOMIC_RELAXED);
    for (;;) {
        register uint64_t cmp = old;
        __asm__ volatile(".arch_extension lse\n"
                         "casal %0, %2, [%1]\n"
                         : "+r"(cmp) : "r"(p), "r"(old + v) : "memory");
        if (cmp == old)
            return;
        old = cmp;
    }
}

static void casp_add(uint64_t *p, uint64_t lo, uint64_t hi)
{
    for (;;) {
        register uint64_t x0 __asm__("x0") = p[0];
        register uint64_t x1 __asm__("x1") = p[1];
        uint64_t e0 = x0, e1 = x1;
        register uint64_t x2 __asm__("x2") = e0 + lo;
        register uint64_t x3 __asm__("x3") = e1 + hi;
        __asm__ volatile(".arch_extension lse\n"
                         "caspal x0, x1, x2, x3, [%2]\n"
                         : "+r"(x0), "+r"(x1) : "r"(p), "r"(x2), "r"(x3) : "memory");
        if (x0 == e0 && x1 == e1)
            return;
    }
}

static void spin_lock(uint32_t *l)
{
    uint32_t tmp, fail;
    __asm__ volatile("1: ldaxr %w0, [%2]\n"
                     "   cbnz %w0, 1b\n"
                     "   mov %w0, #1\n"
                     "   stxr %w1, %w0, [%2]\n"
                     "   cbnz %w1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail) : "r"(l) : "memory");
}

static void spin_unlock(uint32_t *l)
{
    __asm__ volatile("stlr wzr, [%0]\n" : : "r"(l) : "memory");
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERS; i++) {
        llsc_add64(&c_llsc64, 1);
        llsc_add64_acqrel(&c_acqrel64, 3);
        llsc_add32(&c_llsc32, 5);
        llsc_pair_add(c_pair, 1, 0x100000000ull);
        lse_add(&c_ldadd, 7);
        cas_add(&c_cas, 2);
        casp_add(c_casp, 1, 3);
        spin_lock(&lock_word);
        /* plain read-modify-writes: only the lock keeps them whole */
        uint64_t a = *(volatile uint64_t *)&locked_a;
        *(volatile uint64_t *)&locked_a = a + 1;
        *(volatile uint64_t *)&locked_b = *(volatile uint64_t *)&locked_b + a;
        spin_unlock(&lock_word);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    bool started[NTHREADS];
    /* a thread that cannot be created (a runner without clone) does its
     * share on the main thread: the totals stay the same, only the
     * concurrency is lost */
    for (int i = 0; i < NTHREADS; i++)
        started[i] = pthread_create(&t[i], NULL, worker, NULL) == 0;
    for (int i = 0; i < NTHREADS; i++) {
        if (started[i])
            pthread_join(t[i], NULL);
        else
            worker(NULL);
    }
    uint64_t n = (uint64_t)NTHREADS * ITERS;
    printf("ldxr/stxr 64: %llu (want %llu)\n", (unsigned long long)c_llsc64, (unsigned long long)n);
    printf("ldaxr/stlxr 64: %llu (want %llu)\n", (unsigned long long)c_acqrel64,
           (unsigned long long)(3 * n));
    printf("ldxr/stxr 32: %u (want %u)\n", c_llsc32, (unsigned)(5 * n));
    printf("ldaxp/stlxp: %llx %llx\n", (unsigned long long)c_pair[0], (unsigned long long)c_pair[1]);
    printf("stadd: %llu (want %llu)\n", (unsigned long long)c_ldadd, (unsigned long long)(7 * n));
    printf("casal: %llu (want %llu)\n", (unsigned long long)c_cas, (unsigned long long)(2 * n));
    printf("caspal: %llu %llu\n", (unsigned long long)c_casp[0], (unsigned long long)c_casp[1]);
    /* sum of 0 .. n-1 when every increment saw the previous one */
    printf("lock: %llu %llu (want %llu %llu)\n", (unsigned long long)locked_a,
           (unsigned long long)locked_b, (unsigned long long)n,
           (unsigned long long)(n * (n - 1) / 2));
    return 0;
}
