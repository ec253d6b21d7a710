/* setjmp — setjmp/longjmp and sigsetjmp/siglongjmp: return values, jumping
 * out of deep recursion and out of a qsort comparator, volatile locals,
 * callee-saved registers (integer and floating point) after the jump, and the
 * signal mask restored by siglongjmp. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include "common.h"

static jmp_buf env;
static int depth_reached;

static void recurse(int depth, int target)
{
    volatile int pad[16];   /* use some stack per level */
    pad[0] = depth;
    depth_reached = pad[0];
    if (depth > target) return;
    if (depth == target) longjmp(env, depth);
    recurse(depth + 1, target);
    pad[1] = 0;
}

static jmp_buf cmp_env;
static int cmp_calls;
static int cmp_bail(const void *a, const void *b)
{
    if (++cmp_calls == 50) longjmp(cmp_env, 1);
    return *(const int *)a - *(const int *)b;
}

/* keeps values live in callee-saved registers across the setjmp */
static __attribute__((noinline)) double work(double x, long n)
{
    for (long i = 0; i < n; i++) x = x * 1.0000001 + 0.5;
    return x;
}

int main(void)
{
    volatile int count = 0;
    int r = setjmp(env);
    count++;
    printf("setjmp returned %d (count %d)\n", r, count);
    if (r == 0) longjmp(env, 42);
    if (r == 42) longjmp(env, 0);   /* longjmp(env, 0) makes setjmp return 1 */

    for (volatile int target = 1; target <= 300; target *= 3) {
        r = setjmp(env);
        if (r == 0) recurse(0, target);
        printf("out of recursion at depth %d (reached %d)\n", r, depth_reached);
    }

    int arr[200];
    for (int i = 0; i < 200; i++) arr[i] = (i * 37) % 200;
    if (setjmp(cmp_env) == 0) {
        qsort(arr, 200, sizeof arr[0], cmp_bail);
        printf("qsort finished (unexpected)\n");
    } else {
        printf("jumped out of qsort after %d comparisons\n", cmp_calls);
    }

    /* values computed before setjmp and not changed after must survive */
    long a = (long)rng64() & 0xffff, b = a * 3 + 1;
    double x = work(1.5, 100), y = work(x, 50);
    volatile double changed = 1.0;
    if (setjmp(env) == 0) {
        changed = 2.0;
        double z = work(y, 10);
        if (z > 0) longjmp(env, 1);
    }
    printf("after jump: a %ld b %ld x %a y %a changed %g\n", a, b, x, y, changed);

    /* sigsetjmp(.., 1) restores the signal mask; (.., 0) does not */
    sigjmp_buf senv;
    sigset_t set, cur;
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    if (sigsetjmp(senv, 1) == 0) {
        sigaddset(&set, SIGUSR1);
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 1);
    }
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("savemask=1: SIGUSR1 blocked after siglongjmp: %d\n", sigismember(&cur, SIGUSR1));
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    if (sigsetjmp(senv, 0) == 0) {
        sigaddset(&set, SIGUSR2);
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 1);
    }
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("savemask=0: SIGUSR2 blocked after siglongjmp: %d\n", sigismember(&cur, SIGUSR2));

    /* many jumps in a loop */
    volatile long total = 0;
    for (volatile int i = 0; i < 10000; i++) {
        int v = setjmp(env);
        if (v == 0) longjmp(env, i % 5 + 1);
        total += v;
    }
    printf("10000 jumps, total %ld\n", (long)total);
    return 0;
}
