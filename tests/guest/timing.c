/* timing — clocks and sleeping. Prints only facts that hold on any run
 * (monotonic never goes back, a 10 ms sleep takes at least 10 ms, the clocks
 * agree with each other), never the times themselves. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "common.h"

static int64_t ns(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec; }

static int64_t now(clockid_t c)
{
    struct timespec t;
    if (clock_gettime(c, &t) != 0) return -1;
    return ns(&t);
}

int main(void)
{
    /* monotonic: non-decreasing over many reads */
    int64_t prev = now(CLOCK_MONOTONIC), backwards = 0, nsec_ok = 1;
    for (int i = 0; i < 20000; i++) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (t.tv_nsec < 0 || t.tv_nsec >= 1000000000) nsec_ok = 0;
        int64_t v = ns(&t);
        if (v < prev) backwards++;
        prev = v;
    }
    printf("monotonic: never goes back %d, tv_nsec in range %d\n", backwards == 0, (int)nsec_ok);

    /* the realtime clocks agree with each other and are after 2020 */
    struct timeval tv;
    gettimeofday(&tv, NULL);
    int64_t rt = now(CLOCK_REALTIME);
    time_t t0 = time(NULL);
    int64_t gtod = (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
    printf("realtime: after 2020 %d, gettimeofday within 1 s of clock_gettime %d, time() agrees %d, "
           "tv_usec in range %d\n",
           rt > 1577836800ll * 1000000000, rt - gtod < 1000000000 && gtod - rt < 1000000000,
           (int64_t)t0 >= tv.tv_sec - 1 && (int64_t)t0 <= tv.tv_sec + 2,
           tv.tv_usec >= 0 && tv.tv_usec < 1000000);

    /* nanosleep 10 ms takes at least 10 ms (and not absurdly long) */
    int64_t a = now(CLOCK_MONOTONIC);
    struct timespec req = { 0, 10 * 1000 * 1000 }, rem = { 9, 9 };
    int r = nanosleep(&req, &rem);
    int64_t b = now(CLOCK_MONOTONIC);
    printf("nanosleep(10ms): returned %d, elapsed >= 10ms %d, < 2s %d\n", r, b - a >= 10000000,
           b - a < 2000000000);
    a = now(CLOCK_MONOTONIC);
    req.tv_nsec = 5 * 1000 * 1000;
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
    b = now(CLOCK_MONOTONIC);
    printf("clock_nanosleep(5ms): returned %d, elapsed >= 5ms %d\n", r, b - a >= 5000000);
    struct timespec abs_t;
    clock_gettime(CLOCK_MONOTONIC, &abs_t);
    abs_t.tv_nsec += 3000000;
    if (abs_t.tv_nsec >= 1000000000) { abs_t.tv_sec++; abs_t.tv_nsec -= 1000000000; }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs_t, NULL);
    b = now(CLOCK_MONOTONIC);
    printf("clock_nanosleep(absolute +3ms): returned %d, woke after the deadline %d\n", r,
           b >= ns(&abs_t));
    a = now(CLOCK_MONOTONIC);
    usleep(2000);
    b = now(CLOCK_MONOTONIC);
    printf("usleep(2ms): elapsed >= 2ms %d\n", b - a >= 2000000);

    /* other clocks exist and behave */
    struct timespec res;
    printf("clock_getres monotonic ok %d, <= 1ms %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0,
           res.tv_sec == 0 && res.tv_nsec <= 1000000);
    volatile uint64_t spin = 0;
    int64_t c0 = now(CLOCK_PROCESS_CPUTIME_ID), m0 = now(CLOCK_MONOTONIC);
    while (now(CLOCK_MONOTONIC) - m0 < 20000000) spin++;   /* burn 20 ms */
    int64_t c1 = now(CLOCK_PROCESS_CPUTIME_ID), th = now(CLOCK_THREAD_CPUTIME_ID);
    printf("cpu time: process clock advanced %d, thread clock positive %d\n", c1 > c0, th > 0);
    int64_t mono = now(CLOCK_MONOTONIC), boot = now(CLOCK_BOOTTIME);
    printf("boottime >= monotonic %d, coarse monotonic ok %d\n", boot >= mono,
           now(CLOCK_MONOTONIC_COARSE) > 0);
    clock_t ck = clock();
    struct tms tb;
    clock_t tk = times(&tb);
    struct rusage ru;
    printf("clock() >= 0 %d, times() ok %d, getrusage ok %d, CLK_TCK %ld\n", ck >= 0,
           tk != (clock_t)-1, getrusage(RUSAGE_SELF, &ru) == 0, sysconf(_SC_CLK_TCK));
    /* calendar conversion is pure computation */
    time_t fixed = 1700000000;
    struct tm tm;
    gmtime_r(&fixed, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A day %j", &tm);
    printf("gmtime(1700000000) = %s, timegm back %d\n", buf, timegm(&tm) == fixed);
    return 0;
}
