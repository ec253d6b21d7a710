/* clock_calls.c — the cost of one call of each time function the vDSO
 * serves (docs/vdso.md): clock_gettime(CLOCK_MONOTONIC), clock_gettime
 * (CLOCK_REALTIME), clock_gettime(CLOCK_MONOTONIC_COARSE), gettimeofday, time,
 * clock_getres, and for comparison a call that is always a real syscall
 * (getppid).
 *
 * Usage: clock_calls [N]   (N calls each, default 10000000; getppid N/10)
 * Prints "name ns/call" lines, one per function, and whether the process was
 * given a vDSO (AT_SYSINFO_EHDR). Times are wall-clock (CLOCK_MONOTONIC read
 * by the libc, so through whatever path the libc takes) around the loop. Not
 * a checksum kernel: this file lives in bench/vdso/, outside the kernels
 * `make bench` picks up (bench/vdso/run.sh runs it).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile long sink;

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    if (n <= 0)
        n = 1;
    struct timespec ts;
    struct timeval tv;
    double t;

    printf("vdso %s\n", getauxval(AT_SYSINFO_EHDR) ? "yes" : "no");
#define RUN(label, iters, body) do { \
        long it_ = (iters); \
        t = now(); \
        for (long i = 0; i < it_; i++) { body; } \
        printf("%-26s %8.1f ns/call\n", label, (now() - t) / (double)it_); \
    } while (0)
    RUN("clock_gettime(MONOTONIC)", n, clock_gettime(CLOCK_MONOTONIC, &ts); sink += ts.tv_nsec);
    RUN("clock_gettime(REALTIME)", n, clock_gettime(CLOCK_REALTIME, &ts); sink += ts.tv_nsec);
    RUN("clock_gettime(MONO_COARSE)", n, clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); sink += ts.tv_nsec);
    RUN("gettimeofday", n, gettimeofday(&tv, NULL); sink += tv.tv_usec);
    RUN("time", n, sink += time(NULL));
    RUN("clock_getres(MONOTONIC)", n, clock_getres(CLOCK_MONOTONIC, &ts); sink += ts.tv_nsec);
    RUN("getppid (a real syscall)", n / 10 ? n / 10 : 1, sink += getppid());
    return 0;
}
