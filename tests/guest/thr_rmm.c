/* thr_rmm.c — RISC-V's round-to-nearest-max-magnitude (RMM) has no host
 * rounding mode, so while a thread is in it the process's translations send
 * dynamic-rounding FP ops to software; that must hold while any thread is in
 * RMM, not only the last one to change its mode: thread A enters RMM, thread
 * B enters it too, A leaves, and B must still round ties away from zero.
 * On riscv64 the real fadd.d with dyn rounding runs; elsewhere (aarch64,
 * native) the test prints what the RISC-V spec says, as common.h's rv_*
 * helpers do. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int phase;
static volatile double x = 1.0, y = 0x1p-53;   /* 1 + 2^-53 is a tie */

#ifdef __riscv
static double add_dyn(double a, double b)
{
    double r;
    __asm__ volatile("fadd.d %0, %1, %2, dyn" : "=f"(r) : "f"(a), "f"(b));
    return r;
}
static void set_rm(int rm) { __asm__ volatile("fsrm %0" ::"r"(rm)); }
#else
static int cur_rm[2];
static __thread int me;
static double add_dyn(double a, double b) { return cur_rm[me] == 4 ? a + 2 * b : a; }
static void set_rm(int rm) { cur_rm[me] = rm; }
#endif

static const char *tie(double r) { return r > 1.0 ? "away from zero" : "to even"; }

static void *thread_b(void *arg)
{
    (void)arg;
#ifndef __riscv
    me = 1;
#endif
    set_rm(4);   /* RMM, while A is in it too */
    atomic_store(&phase, 1);
    while (atomic_load(&phase) < 2)
        usleep(1000);   /* A leaves RMM meanwhile */
    double r = 0;
    for (int i = 0; i < 1000; i++)
        r = add_dyn(x, y);
    printf("B in RMM after A left: a tie rounds %s\n", tie(r));
    set_rm(0);
    return NULL;
}

int main(void)
{
    set_rm(4);
    printf("A in RMM: a tie rounds %s\n", tie(add_dyn(x, y)));
    pthread_t t;
    pthread_create(&t, NULL, thread_b, NULL);
    while (atomic_load(&phase) < 1)
        usleep(1000);
    set_rm(0);
    printf("A back in RNE: a tie rounds %s\n", tie(add_dyn(x, y)));
    atomic_store(&phase, 2);
    pthread_join(t, NULL);
    printf("A after B left: a tie rounds %s\n", tie(add_dyn(x, y)));
    return 0;
}
