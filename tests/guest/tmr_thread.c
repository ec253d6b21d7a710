/* tmr_thread — SIGEV_THREAD timers through the libc (glibc: a helper thread
 * woken by a SIGEV_THREAD_ID signal starts a thread per expiry; musl: a
 * thread per timer waiting for its signal): the function runs on another
 * thread with the sigev_value, a periodic one runs again until disarmed,
 * timer_gettime/timer_delete work on such a timer, and two timers keep their
 * own values.
 *
 * Deterministic: the calls are counted and compared against bounds the
 * waits make certain; no times or thread ids are printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int calls[2];
static int last_value[2];
static int other_thread[2];
static long main_tid;

static void notify(union sigval v)
{
    int which = v.sival_int / 100;
    pthread_mutex_lock(&lock);
    calls[which]++;
    last_value[which] = v.sival_int;
    if (syscall(SYS_gettid) != main_tid)
        other_thread[which] = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
}

/* waits (up to 5 s) until timer `which` has run at least n times */
static int wait_calls(int which, int n)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&lock);
    while (calls[which] < n)
        if (pthread_cond_timedwait(&cond, &lock, &until) == ETIMEDOUT)
            break;
    int c = calls[which];
    pthread_mutex_unlock(&lock);
    return c;
}

static timer_t make(int value)
{
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = notify;
    sev.sigev_value.sival_int = value;
    timer_t t;
    int r = timer_create(CLOCK_MONOTONIC, &sev, &t);
    printf("timer_create(SIGEV_THREAD, value %d) -> %d\n", value, r);
    return t;
}

static void arm(timer_t t, long value_ns, long interval_ns)
{
    struct itimerspec v;
    memset(&v, 0, sizeof v);
    v.it_value.tv_nsec = value_ns;
    v.it_interval.tv_nsec = interval_ns;
    int r = timer_settime(t, 0, &v, NULL);
    printf("timer_settime(%ld ns, every %ld ns) -> %d\n", value_ns, interval_ns, r);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    main_tid = syscall(SYS_gettid);

    timer_t one = make(7);
    arm(one, 2000000, 0);
    int c = wait_calls(0, 1);
    printf("one-shot: ran %d time(s), value %d, on another thread %d\n", c, last_value[0],
           other_thread[0]);
    struct timespec pause_ts = { 0, 20000000 };
    nanosleep(&pause_ts, NULL);
    pthread_mutex_lock(&lock);
    printf("one-shot: still %d\n", calls[0]);
    pthread_mutex_unlock(&lock);
    struct itimerspec cur;
    int r = timer_gettime(one, &cur);
    printf("timer_gettime -> %d, disarmed %d\n", r,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    printf("timer_delete -> %d\n", timer_delete(one));

    timer_t per = make(101);
    arm(per, 2000000, 2000000);
    c = wait_calls(1, 4);
    struct itimerspec zero;
    memset(&zero, 0, sizeof zero);
    timer_settime(per, 0, &zero, NULL);
    printf("periodic: at least 4 runs %d, value %d, on another thread %d\n", c >= 4,
           last_value[1], other_thread[1]);
    /* a run already started may still finish: let it, then count */
    nanosleep(&pause_ts, NULL);
    pthread_mutex_lock(&lock);
    int seen = calls[1];
    pthread_mutex_unlock(&lock);
    nanosleep(&pause_ts, NULL);
    pthread_mutex_lock(&lock);
    printf("disarmed: no more runs %d\n", calls[1] == seen);
    pthread_mutex_unlock(&lock);
    printf("timer_delete -> %d\n", timer_delete(per));

    /* two at once keep their values */
    calls[0] = calls[1] = 0;
    timer_t a = make(8), b = make(109);
    arm(a, 3000000, 0);
    arm(b, 1000000, 0);
    int ca = wait_calls(0, 1), cb = wait_calls(1, 1);
    printf("both ran: %d %d values %d %d\n", ca, cb, last_value[0], last_value[1]);
    printf("timer_delete -> %d %d\n", timer_delete(a), timer_delete(b));
    return 0;
}
