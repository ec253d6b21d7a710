/* thr_futex.c — the futex syscall as guest threads use it, op by op:
 * WAIT/WAKE (private and shared), WAIT_BITSET/WAKE_BITSET with realtime and
 * monotonic absolute timeouts, REQUEUE and CMP_REQUEUE, WAKE_OP, the PI ops
 * (LOCK_PI, TRYLOCK_PI, UNLOCK_PI, with a waiter); and the errors in the
 * kernel's order: EAGAIN (value changed), ETIMEDOUT, EINVAL (unaligned word,
 * zero bitset), EFAULT (unmapped word or timeout), ENOSYS (unknown op, or
 * FUTEX_CLOCK_REALTIME with plain WAIT), EDEADLK/EPERM (PI). Also
 * get_robust_list / set_robust_list and membarrier's query. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* linux/futex.h (not in every guest sysroot): the same numbers everywhere */
#define F_WAIT 0
#define F_WAKE 1
#define F_FD 2
#define F_REQUEUE 3
#define F_CMP_REQUEUE 4
#define F_WAKE_OP 5
#define F_LOCK_PI 6
#define F_UNLOCK_PI 7
#define F_TRYLOCK_PI 8
#define F_WAIT_BITSET 9
#define F_WAKE_BITSET 10
#define F_PRIVATE 128
#define F_CLOCK_RT 256
#define F_OP(op, oparg, cmp, cmparg) (((op) << 28) | ((cmp) << 24) | ((oparg) << 12) | (cmparg))
#define F_OP_ADD 1
#define F_OP_CMP_EQ 0
#define F_WAITERS 0x80000000u

static long fx(void *u, int op, uint32_t val, const void *ts, void *u2, uint32_t val3)
{
    return syscall(SYS_futex, u, op, val, ts, u2, val3);
}

static const char *res(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    default: return "other";
    }
}

static uint32_t word_a, word_b, word2;
static atomic_int woken;

static void *waiter_a(void *arg)
{
    int op = (int)(long)arg;
    atomic_fetch_add(&woken, 0);
    long r;
    do
        r = fx(&word_a, op, 0, NULL, NULL, ~0u);
    while (r < 0 && errno == EINTR);
    atomic_fetch_add(&woken, 1);
    return (void *)r;
}

/* wake until n waiters were woken in total (they may not all be asleep yet) */
static long wake_all(uint32_t *w, int op, int n)
{
    long total = 0;
    for (int i = 0; i < 10000 && total < n; i++) {
        long r = fx(w, op, n, NULL, NULL, ~0u);
        if (r > 0)
            total += r;
        else
            usleep(1000);
    }
    return total;
}

static void test_wait_wake(void)
{
    uint32_t w = 5;
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    printf("WAIT value differs: %s\n", res(fx(&w, F_WAIT | F_PRIVATE, 4, NULL, NULL, 0)));
    printf("WAIT 10ms timeout: %s\n", res(fx(&w, F_WAIT | F_PRIVATE, 5, &ts, NULL, 0)));
    printf("WAIT unaligned: %s\n", res(fx((char *)&w + 1, F_WAIT, 5, NULL, NULL, 0)));
    printf("WAIT NULL: %s\n", res(fx(NULL, F_WAIT, 0, NULL, NULL, 0)));
    printf("WAIT bad timeout: %s\n", res(fx(&w, F_WAIT, 5, (void *)8, NULL, 0)));
    printf("WAIT CLOCK_REALTIME: %s\n", res(fx(&w, F_WAIT | F_CLOCK_RT, 5, &ts, NULL, 0)));
    printf("WAIT_BITSET bitset 0: %s\n", res(fx(&w, F_WAIT_BITSET, 5, NULL, NULL, 0)));
    struct timespec past = { 1, 0 };
    printf("WAIT_BITSET|REALTIME past deadline: %s\n",
           res(fx(&w, F_WAIT_BITSET | F_CLOCK_RT, 5, &past, NULL, ~0u)));
    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    mono.tv_nsec += 5 * 1000 * 1000;
    if (mono.tv_nsec >= 1000000000) {
        mono.tv_sec++;
        mono.tv_nsec -= 1000000000;
    }
    printf("WAIT_BITSET monotonic deadline: %s\n",
           res(fx(&w, F_WAIT_BITSET | F_PRIVATE, 5, &mono, NULL, ~0u)));
    printf("WAKE nobody: %s\n", res(fx(&w, F_WAKE, 1, NULL, NULL, 0)));
    printf("FUTEX_FD: %s\n", res(fx(&w, F_FD, 0, NULL, NULL, 0)));
    printf("op 99: %s\n", res(fx(&w, 99, 0, NULL, NULL, 0)));

    /* a word on an unmapped page */
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page, 4096);
    printf("WAIT unmapped: %s\n", res(fx(page, F_WAIT, 0, NULL, NULL, 0)));
    printf("WAKE_PRIVATE unmapped: %s\n", res(fx(page, F_WAKE | F_PRIVATE, 1, NULL, NULL, 0)));
    printf("WAKE shared unmapped: %s\n", res(fx(page, F_WAKE, 1, NULL, NULL, 0)));
    printf("CMP_REQUEUE to unmapped: %s\n",
           res(fx(&w, F_CMP_REQUEUE, 0, (void *)1, page, 5)));
    printf("WAKE_OP unmapped uaddr2: %s\n",
           res(fx(&w, F_WAKE_OP, 1, (void *)1, page, F_OP(F_OP_ADD, 1, F_OP_CMP_EQ, 0))));

    /* three waiters each way, all woken */
    static const int ops[] = { F_WAIT | F_PRIVATE, F_WAIT, F_WAIT_BITSET | F_PRIVATE };
    static const char *const names[] = { "private", "shared", "bitset" };
    for (int k = 0; k < 3; k++) {
        pthread_t t[3];
        atomic_store(&woken, 0);
        for (int i = 0; i < 3; i++)
            pthread_create(&t[i], NULL, waiter_a, (void *)(long)ops[k]);
        int wop = k == 0 ? F_WAKE | F_PRIVATE : k == 1 ? F_WAKE : F_WAKE_BITSET | F_PRIVATE;
        long n = wake_all(&word_a, wop, 3);
        long ok = 0;
        for (int i = 0; i < 3; i++) {
            void *r;
            pthread_join(t[i], &r);
            ok += (long)r == 0;
        }
        printf("3 %s waiters: woken %ld, returned 0: %ld\n", names[k], n, ok);
    }
}

static void test_requeue(void)
{
    pthread_t t[2];
    atomic_store(&woken, 0);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, waiter_a, (void *)(long)(F_WAIT | F_PRIVATE));
    printf("CMP_REQUEUE value differs: %s\n",
           res(fx(&word_a, F_CMP_REQUEUE | F_PRIVATE, 0, (void *)2, &word_b, 1)));
    long moved = 0;
    for (int i = 0; i < 10000 && moved < 2; i++) {
        long r = fx(&word_a, F_CMP_REQUEUE | F_PRIVATE, 0, (void *)2, &word_b, 0);
        if (r > 0)
            moved += r;
        else
            usleep(1000);
    }
    usleep(10000);
    printf("CMP_REQUEUE moved %ld, woken so far %d\n", moved, atomic_load(&woken));
    printf("WAKE on the old word: %s\n", res(fx(&word_a, F_WAKE | F_PRIVATE, 10, NULL, NULL, 0)));
    printf("WAKE on the new word: %ld\n", wake_all(&word_b, F_WAKE | F_PRIVATE, 2));
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    /* plain REQUEUE of nobody */
    printf("REQUEUE nobody: %s\n", res(fx(&word_a, F_REQUEUE | F_PRIVATE, 1, (void *)1, &word_b, 0)));

    word2 = 7;
    long r = fx(&word_a, F_WAKE_OP | F_PRIVATE, 1, (void *)1, &word2,
                F_OP(F_OP_ADD, 5, F_OP_CMP_EQ, 7));
    printf("WAKE_OP add 5: %s, word2 now %u\n", res(r), word2);
}

static uint32_t pi_word;
static atomic_int pi_held;

static void *pi_holder(void *arg)
{
    (void)arg;
    fx(&pi_word, F_LOCK_PI | F_PRIVATE, 0, NULL, NULL, 0);
    atomic_store(&pi_held, 1);
    usleep(30000);
    fx(&pi_word, F_UNLOCK_PI | F_PRIVATE, 0, NULL, NULL, 0);
    return NULL;
}

static void test_pi(void)
{
    uint32_t me = (uint32_t)syscall(SYS_gettid);
    uint32_t w = 0;
    long r = fx(&w, F_LOCK_PI, 0, NULL, NULL, 0);
    printf("LOCK_PI free: %s, owner is me: %d\n", res(r), w == me);
    printf("TRYLOCK_PI own: %s\n", res(fx(&w, F_TRYLOCK_PI, 0, NULL, NULL, 0)));
    r = fx(&w, F_UNLOCK_PI, 0, NULL, NULL, 0);
    printf("UNLOCK_PI: %s, word %u\n", res(r), w);
    printf("UNLOCK_PI not owner: %s\n", res(fx(&w, F_UNLOCK_PI, 0, NULL, NULL, 0)));
    printf("LOCK_PI unaligned: %s\n", res(fx((char *)&w + 2, F_LOCK_PI, 0, NULL, NULL, 0)));

    pthread_t t;
    pthread_create(&t, NULL, pi_holder, NULL);
    while (!atomic_load(&pi_held))
        usleep(1000);
    printf("TRYLOCK_PI held by another: %s\n",
           res(fx(&pi_word, F_TRYLOCK_PI | F_PRIVATE, 0, NULL, NULL, 0)));
    r = fx(&pi_word, F_LOCK_PI | F_PRIVATE, 0, NULL, NULL, 0);   /* waits */
    printf("LOCK_PI after the holder unlocked: %s, owner is me: %d\n", res(r),
           (pi_word & ~F_WAITERS) == me);
    fx(&pi_word, F_UNLOCK_PI | F_PRIVATE, 0, NULL, NULL, 0);
    pthread_join(t, NULL);
}

static struct robust_head {
    void *next;
    long futex_offset;
    void *pending;
} my_head = { &my_head, 0, NULL };

static void test_robust(void)
{
    /* glibc registers a list at start-up, musl only once a robust mutex is
     * used: register our own (empty) one, then put the libc's back */
    void *libc_head = NULL, *head = NULL;
    size_t len = 0;
    syscall(SYS_get_robust_list, 0, &libc_head, &len);
    long r = syscall(SYS_set_robust_list, &my_head, sizeof my_head);
    printf("set_robust_list: %s\n", res(r));
    r = syscall(SYS_get_robust_list, 0, &head, &len);
    printf("get_robust_list self: %s, head is ours %d, len %zu\n", res(r), head == &my_head, len);
    r = syscall(SYS_get_robust_list, 0x3fffffff, &head, &len);
    printf("get_robust_list unknown tid: %s\n", res(r));
    r = syscall(SYS_get_robust_list, 0, (void *)8, &len);
    printf("get_robust_list bad pointer: %s\n", res(r));
    r = syscall(SYS_set_robust_list, &my_head, 16);
    printf("set_robust_list len 16: %s\n", res(r));
    syscall(SYS_set_robust_list, libc_head, sizeof my_head);
    r = syscall(SYS_membarrier, 0 /* MEMBARRIER_CMD_QUERY */, 0, 0);
    printf("membarrier query: %s\n", r >= 0 ? "a mask" : res(r));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_wait_wake();
    test_requeue();
    test_pi();
    test_robust();
    return 0;
}
