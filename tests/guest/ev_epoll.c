/* ev_epoll — epoll over pipes, an eventfd and a timerfd: level- and
 * edge-triggered readiness, EPOLLONESHOT and its re-arming by EPOLL_CTL_MOD,
 * EPOLL_CTL_DEL, the data field carrying a full 64-bit value (the asm-generic
 * struct epoll_event has it at offset 8, x86-64's packed one at offset 4),
 * maxevents smaller than the number ready, 100 ready at once, an events
 * array only partly writable, nested epoll, epoll_pwait2, and the errors
 * (EBADF, EINVAL, EEXIST, ENOENT, EPERM, ELOOP, EFAULT).
 *
 * Deterministic: every wait either has events ready before it starts or
 * times out with nothing ready; results are sorted by their data field.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441   /* the same number on x86-64, aarch64 and riscv64 */
#endif

/* through volatiles: the compiler would refuse them as constants */
static struct epoll_event *volatile null_events;
static volatile int minus_one = -1;

static const char *ename(int err)
{
    switch (err) {
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case EFAULT: return "EFAULT";
    case EPERM: return "EPERM";
    case ELOOP: return "ELOOP";
    case EAGAIN: return "EAGAIN";
    case EINTR: return "EINTR";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0)
        printf("%-44s -> -1 %s\n", what, ename(errno));
    else
        printf("%-44s -> %ld\n", what, r);
}

static int cmp_data(const void *a, const void *b)
{
    const struct epoll_event *x = a, *y = b;
    return x->data.u64 < y->data.u64 ? -1 : x->data.u64 > y->data.u64;
}

static void evstr(uint32_t e, char *buf)
{
    buf[0] = 0;
    static const struct { uint32_t bit; const char *name; } names[] = {
        { EPOLLIN, "IN" }, { EPOLLPRI, "PRI" }, { EPOLLOUT, "OUT" }, { EPOLLERR, "ERR" },
        { EPOLLHUP, "HUP" }, { EPOLLRDHUP, "RDHUP" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (e & names[i].bit) {
            strcat(buf, buf[0] ? "|" : "");
            strcat(buf, names[i].name);
            e &= ~names[i].bit;
        }
    if (e)
        sprintf(buf + strlen(buf), "%s0x%x", buf[0] ? "|" : "", e);
}

/* waits (timeout ms) and prints what came back, sorted by data */
static int show_wait(const char *what, int ep, int max, int ms)
{
    struct epoll_event ev[16];
    memset(ev, 0xa5, sizeof ev);
    int n = epoll_wait(ep, ev, max, ms);
    if (n < 0) {
        printf("%-44s -> -1 %s\n", what, ename(errno));
        return n;
    }
    qsort(ev, (size_t)n, sizeof ev[0], cmp_data);
    printf("%-44s -> %d", what, n);
    for (int i = 0; i < n; i++) {
        char b[64];
        evstr(ev[i].events, b);
        printf(" [%016llx %s]", (unsigned long long)ev[i].data.u64, b);
    }
    printf("\n");
    return n;
}

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
    struct epoll_event e;
    memset(&e, 0, sizeof e);
    e.events = events;
    e.data.u64 = data;
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}

static int mod(int ep, int fd, uint32_t events, uint64_t data)
{
    struct epoll_event e;
    memset(&e, 0, sizeof e);
    e.events = events;
    e.data.u64 = data;
    return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e);
}

#define D_PIPE_A 0x0123456789abcdefull
#define D_PIPE_B 0xfedcba9876543210ull
#define D_EFD    0x8000000000000001ull
#define D_TFD    0x00000000ffffffffull
#define D_W      0xffffffff00000000ull

int main(void)
{
    int pa[2], pb[2];
    if (pipe2(pa, O_NONBLOCK) || pipe2(pb, O_NONBLOCK))
        return 1;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    res("epoll_create1(EPOLL_CLOEXEC)", ep >= 0 ? 0 : -1);
    printf("  FD_CLOEXEC=%d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    res("epoll_create1(0x1)", epoll_create1(1));

    /* level-triggered: the full 64-bit data comes back, again and again */
    res("ADD pipe A read end, IN", add(ep, pa[0], EPOLLIN, D_PIPE_A));
    res("ADD pipe B read end, IN|RDHUP", add(ep, pb[0], EPOLLIN | EPOLLRDHUP, D_PIPE_B));
    show_wait("wait, nothing written, 0 ms", ep, 16, 0);
    show_wait("wait, nothing written, 20 ms", ep, 16, 20);
    if (write(pa[1], "abc", 3) != 3 || write(pb[1], "x", 1) != 1)
        return 1;
    show_wait("wait, both written", ep, 16, -1);
    show_wait("wait again (level-triggered)", ep, 16, -1);

    /* maxevents smaller than the ready count: every one gets its turn */
    struct epoll_event one;
    uint64_t seen = 0;
    for (int i = 0; i < 4; i++) {
        int n = epoll_wait(ep, &one, 1, 0);
        printf("maxevents 1, call %d -> %d %s\n", i, n,
               n == 1 ? (one.data.u64 == D_PIPE_A ? "A" : one.data.u64 == D_PIPE_B ? "B" : "?")
                      : "");
        if (n == 1)
            seen |= one.data.u64 == D_PIPE_A ? 1 : 2;
    }
    printf("  both seen=%d\n", seen == 3);

    /* the events array: partly writable -> as many as fit; none writable ->
     * EFAULT once something is ready, 0 when nothing is (the check is at
     * copy time) */
    long pg = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (map == MAP_FAILED || mprotect(map + pg, (size_t)pg, PROT_NONE))
        return 1;
    struct epoll_event *tail = (struct epoll_event *)(map + pg) - 1;
    res("wait into 1 writable entry, maxevents 8", epoll_wait(ep, tail, 8, 0));
    printf("  data=%s\n", tail->data.u64 == D_PIPE_A ? "A" : tail->data.u64 == D_PIPE_B ? "B" : "?");
    res("wait into PROT_NONE, 2 ready", epoll_wait(ep, (void *)(map + pg), 8, 0));
    res("wait into NULL, 2 ready", epoll_wait(ep, null_events, 8, 0));
    show_wait("  still ready after EFAULT", ep, 16, 0);

    /* edge-triggered: once per new write */
    char buf[64];
    if (read(pa[0], buf, sizeof buf) != 3 || read(pb[0], buf, sizeof buf) != 1)
        return 1;
    res("wait into PROT_NONE, nothing ready", epoll_wait(ep, (void *)(map + pg), 8, 0));
    res("MOD pipe A to IN|ET", mod(ep, pa[0], EPOLLIN | EPOLLET, D_PIPE_A));
    res("DEL pipe B (NULL event)", epoll_ctl(ep, EPOLL_CTL_DEL, pb[0], NULL));
    if (write(pa[1], "1", 1) != 1)
        return 1;
    show_wait("ET: after a write", ep, 16, 0);
    show_wait("ET: nothing new", ep, 16, 0);
    if (write(pa[1], "2", 1) != 1)
        return 1;
    show_wait("ET: after a second write", ep, 16, 0);
    if (read(pa[0], buf, sizeof buf) != 2)
        return 1;

    /* one-shot: disarmed after one event, re-armed by MOD */
    res("MOD pipe A to IN|ONESHOT", mod(ep, pa[0], EPOLLIN | EPOLLONESHOT, D_PIPE_A));
    if (write(pa[1], "3", 1) != 1)
        return 1;
    show_wait("ONESHOT: first wait", ep, 16, 0);
    show_wait("ONESHOT: second wait (disarmed)", ep, 16, 0);
    res("MOD pipe A to IN|ONESHOT again", mod(ep, pa[0], EPOLLIN | EPOLLONESHOT, D_PIPE_A ^ 1));
    show_wait("ONESHOT: re-armed", ep, 16, 0);
    if (read(pa[0], buf, sizeof buf) != 1)
        return 1;
    res("DEL pipe A", epoll_ctl(ep, EPOLL_CTL_DEL, pa[0], NULL));

    /* write end: OUT; closing the read end: ERR */
    res("ADD pipe B write end, OUT", add(ep, pb[1], EPOLLOUT, D_W));
    show_wait("pipe B writable", ep, 16, 0);
    close(pb[0]);
    show_wait("pipe B read end closed", ep, 16, 0);
    res("DEL pipe B write end", epoll_ctl(ep, EPOLL_CTL_DEL, pb[1], NULL));
    close(pb[1]);
    /* the read end of pipe A: HUP when the writer goes */
    res("ADD pipe A read end, IN|RDHUP", add(ep, pa[0], EPOLLIN | EPOLLRDHUP, D_PIPE_A));
    close(pa[1]);
    show_wait("pipe A writer closed", ep, 16, 0);
    res("DEL pipe A", epoll_ctl(ep, EPOLL_CTL_DEL, pa[0], NULL));

    /* eventfd and timerfd in the same set */
    int efd = eventfd(0, EFD_NONBLOCK);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    if (efd < 0 || tfd < 0)
        return 1;
    res("ADD eventfd, IN|ET", add(ep, efd, EPOLLIN | EPOLLET, D_EFD));
    res("ADD timerfd, IN", add(ep, tfd, EPOLLIN, D_TFD));
    show_wait("eventfd 0, timer disarmed", ep, 16, 0);
    uint64_t v = 5;
    if (write(efd, &v, 8) != 8)
        return 1;
    struct itimerspec its = { { 0, 0 }, { 0, 10 * 1000 * 1000 } };
    timerfd_settime(tfd, 0, &its, NULL);
    int got = 0, rounds = 0;
    while (got != 3 && rounds < 100) {
        struct epoll_event ev[4];
        int n = epoll_wait(ep, ev, 4, 1000);
        for (int i = 0; i < n; i++)
            got |= ev[i].data.u64 == D_EFD ? 1 : ev[i].data.u64 == D_TFD ? 2 : 4;
        rounds++;
    }
    printf("eventfd and timerfd both reported: %d\n", got == 3);
    uint64_t cnt = 0;
    ssize_t rn = read(efd, &cnt, 8);
    printf("eventfd read: %zd value %llu\n", rn, (unsigned long long)cnt);
    cnt = 0;
    rn = read(tfd, &cnt, 8);
    printf("timerfd read: %zd expirations %llu\n", rn, (unsigned long long)cnt);
    show_wait("both read", ep, 16, 0);

    /* nested epoll: the inner set is readable when it has events */
    int inner = epoll_create1(0);
    res("ADD eventfd to inner", add(inner, efd, EPOLLIN, 7));
    res("ADD inner to outer", add(ep, inner, EPOLLIN, 0x77));
    show_wait("outer, inner idle", ep, 16, 0);
    v = 1;
    if (write(efd, &v, 8) != 8)
        return 1;
    show_wait("outer, inner has the eventfd", ep, 16, 0);
    res("ADD outer to inner (loop)", add(inner, ep, EPOLLIN, 0));
    if (read(efd, &cnt, 8) != 8)
        return 1;

    /* epoll_pwait2: a timespec timeout */
    struct timespec ts0 = { 0, 0 }, ts20 = { 0, 20 * 1000 * 1000 }, bad = { 0, 1000000000L };
    struct epoll_event ev2[4];
    res("epoll_pwait2, nothing ready, 0", syscall(SYS_epoll_pwait2, ep, ev2, 4, &ts0, NULL, 8));
    res("epoll_pwait2, nothing ready, 20 ms", syscall(SYS_epoll_pwait2, ep, ev2, 4, &ts20, NULL, 8));
    res("epoll_pwait2, tv_nsec 1e9", syscall(SYS_epoll_pwait2, ep, ev2, 4, &bad, NULL, 8));
    res("epoll_pwait2, bad timespec pointer",
        syscall(SYS_epoll_pwait2, ep, ev2, 4, (void *)(map + pg), NULL, 8));
    v = 2;
    if (write(efd, &v, 8) != 8)
        return 1;
    memset(ev2, 0, sizeof ev2);
    long n2 = syscall(SYS_epoll_pwait2, ep, ev2, 4, NULL, NULL, 8);
    res("epoll_pwait2, eventfd ready, no timeout", n2);
    if (n2 > 0) {
        qsort(ev2, (size_t)n2, sizeof ev2[0], cmp_data);
        for (long i = 0; i < n2; i++)
            printf("  data=%llx\n", (unsigned long long)ev2[i].data.u64);
    }
    if (read(efd, &cnt, 8) != 8)
        return 1;

    /* many ready at once: one wait returns as many as maxevents allows */
    int many = epoll_create1(0), mfd[100];
    for (int i = 0; i < 100; i++) {
        mfd[i] = eventfd(1, 0);
        if (mfd[i] < 0 || add(many, mfd[i], EPOLLIN, 0x100000000ull * (uint64_t)i + 0x55))
            return 1;
    }
    static struct epoll_event big[128];
    int nb = epoll_wait(many, big, 128, 0);
    uint64_t sum = 0;
    for (int i = 0; i < nb; i++)
        sum += big[i].data.u64 >> 32;
    printf("100 eventfds ready, maxevents 128 -> %d, sum of indexes %llu\n", nb,
           (unsigned long long)sum);
    printf("100 eventfds ready, maxevents 70 -> %d\n", epoll_wait(many, big, 70, 0));
    /* an array whose third entry runs into PROT_NONE */
    struct epoll_event *edge = (struct epoll_event *)(map + pg - 2 * sizeof(struct epoll_event) - 8);
    printf("100 ready, array has room for 2 -> %d\n", epoll_wait(many, edge, 100, 0));
    for (int i = 0; i < 100; i++)
        close(mfd[i]);
    close(many);

    /* errors */
    struct epoll_event e = { .events = EPOLLIN, .data.u64 = 1 };
    int fd = open("/proc/self/exe", O_RDONLY);
    res("ADD eventfd again", add(ep, efd, EPOLLIN, 1));
    int other = eventfd(0, 0);
    res("MOD a descriptor not in the set", mod(ep, other, EPOLLIN, 1));
    res("DEL a descriptor not in the set", epoll_ctl(ep, EPOLL_CTL_DEL, other, NULL));
    res("ADD /dev/null (no poll)", add(ep, 0, EPOLLIN, 1));
    close(other);
    res("ADD a closed descriptor", add(ep, 999, EPOLLIN, 1));
    res("ctl on a closed epoll descriptor", epoll_ctl(999, EPOLL_CTL_ADD, efd, &e));
    res("ctl on a regular file as the epoll fd", epoll_ctl(fd >= 0 ? fd : 0, EPOLL_CTL_ADD, efd, &e));
    res("ADD the epoll descriptor to itself", add(ep, ep, EPOLLIN, 1));
    res("ADD a regular file", add(ep, fd, EPOLLIN, 1));
    res("op 99", epoll_ctl(ep, 99, efd, &e));
    res("ADD with the event at NULL", epoll_ctl(ep, EPOLL_CTL_ADD, efd, NULL));
    res("ADD with the event in PROT_NONE", epoll_ctl(ep, EPOLL_CTL_ADD, efd, (void *)(map + pg)));
    res("MOD with EPOLLEXCLUSIVE", mod(ep, efd, EPOLLIN | EPOLLEXCLUSIVE, 1));
    res("wait, maxevents 0", epoll_wait(ep, ev2, 0, 0));
    res("wait, maxevents -1", epoll_wait(ep, ev2, minus_one, 0));
    res("wait on a closed descriptor", epoll_wait(999, ev2, 4, 0));
    res("wait on an eventfd", epoll_wait(efd, ev2, 4, 0));
    res("epoll_pwait, sigsetsize 4", syscall(SYS_epoll_pwait, ep, ev2, 4, 0, (void *)map, 4));
    res("epoll_pwait, sigmask in PROT_NONE",
        syscall(SYS_epoll_pwait, ep, ev2, 4, 0, (void *)(map + pg), 8));
    res("epoll_pwait, NULL sigmask, sigsetsize 4", syscall(SYS_epoll_pwait, ep, ev2, 4, 0, NULL, 4));
    close(fd);
    close(inner);
    close(ep);
    return 0;
}
