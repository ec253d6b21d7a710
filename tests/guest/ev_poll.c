/* ev_poll — poll and select as the generic guests have them (ppoll and
 * pselect6): timeouts (zero, short, the remaining time written back, a
 * timeout in read-only memory, which the kernel reads and leaves alone),
 * readiness of pipe ends (IN, OUT, HUP, ERR), POLLNVAL for a closed
 * descriptor, negative descriptors ignored, descriptors near 1000, fd_sets
 * with n far beyond the descriptor table (the kernel only looks at the
 * table's size), and the errors (EINVAL for nfds, n, the timeout and the
 * signal-set size; EFAULT for the arrays, the sets and the timeout; EBADF for
 * a closed descriptor in a set).
 *
 * Deterministic: descriptors are made ready before each call, or nothing is
 * and the call times out; remaining times are compared with bounds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *ename(int err)
{
    switch (err) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EBADF: return "EBADF";
    case EINTR: return "EINTR";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0)
        printf("%-50s -> -1 %s\n", what, ename(errno));
    else
        printf("%-50s -> %ld\n", what, r);
}

static void revents(const struct pollfd *p, int n)
{
    static const struct { short bit; const char *name; } names[] = {
        { POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" }, { POLLERR, "ERR" },
        { POLLHUP, "HUP" }, { POLLNVAL, "NVAL" }, { POLLRDNORM, "RDNORM" },
        { POLLWRNORM, "WRNORM" },
    };
    for (int i = 0; i < n; i++) {
        printf("  fd[%d] revents:", i);
        short r = p[i].revents;
        if (!r)
            printf(" 0");
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (r & names[k].bit)
                printf(" %s", names[k].name);
        printf("\n");
    }
}

/* ppoll as the kernel has it (glibc and musl copy the timeout) */
static long sys_ppoll(struct pollfd *fds, unsigned long n, struct timespec *ts,
                      const sigset_t *m, unsigned long sz)
{
    return syscall(SYS_ppoll, fds, n, ts, m, sz);
}

static long sys_pselect6(int n, fd_set *r, fd_set *w, fd_set *e, struct timespec *ts, void *sig)
{
    return syscall(SYS_pselect6, n, r, w, e, ts, sig);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 3 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (map == MAP_FAILED)
        return 1;
    char *none = map + pg, *ro = map + 2 * pg;
    struct timespec *ro_ts = (struct timespec *)ro;
    struct timespec ro_init = { 0, 10 * 1000 * 1000 };
    memcpy(ro, &ro_init, sizeof ro_init);
    if (mprotect(none, (size_t)pg, PROT_NONE) || mprotect(ro, (size_t)pg, PROT_READ))
        return 1;

    int p[2], q[2];
    if (pipe(p) || pipe(q))
        return 1;

    /* ---- ppoll ---- */
    struct pollfd f[4];
    struct timespec ts0 = { 0, 0 }, ts10 = { 0, 10 * 1000 * 1000 };
    f[0] = (struct pollfd){ p[0], POLLIN, 0 };
    res("ppoll(empty pipe, 0)", ppoll(f, 1, &ts0, NULL));
    res("ppoll(empty pipe, 10 ms)", ppoll(f, 1, &ts10, NULL));
    res("ppoll(no fds, 10 ms)", ppoll(NULL, 0, &ts10, NULL));
    struct timespec t = { 0, 10 * 1000 * 1000 };
    res("ppoll syscall(empty pipe, 10 ms)", sys_ppoll(f, 1, &t, NULL, 8));
    printf("  remaining %lld.%09ld\n", (long long)t.tv_sec, t.tv_nsec);
    if (write(p[1], "a", 1) != 1)
        return 1;
    t = (struct timespec){ 5, 0 };
    res("ppoll syscall(readable pipe, 5 s)", sys_ppoll(f, 1, &t, NULL, 8));
    printf("  remaining between 4 and 5 s: %d\n", t.tv_sec == 4 || (t.tv_sec == 5 && !t.tv_nsec));
    res("ppoll syscall, timeout read-only, readable", sys_ppoll(f, 1, ro_ts, NULL, 8));
    char c;
    if (read(p[0], &c, 1) != 1)
        return 1;
    res("ppoll syscall, timeout read-only, 10 ms", sys_ppoll(f, 1, ro_ts, NULL, 8));
    printf("  timeout unchanged: %d\n", ro_ts->tv_sec == 0 && ro_ts->tv_nsec == 10 * 1000 * 1000);

    /* readiness: IN, OUT, HUP, ERR, NVAL, negative descriptors */
    if (write(p[1], "b", 1) != 1)
        return 1;
    f[0] = (struct pollfd){ p[0], POLLIN | POLLOUT, 0 };
    f[1] = (struct pollfd){ p[1], POLLIN | POLLOUT, 0 };
    f[2] = (struct pollfd){ 77, POLLIN, 0 };
    f[3] = (struct pollfd){ -5, POLLIN, 0x7f };
    res("poll(read end, write end, closed 77, -5)", poll(f, 4, 0));
    revents(f, 4);
    close(q[1]);
    f[0] = (struct pollfd){ q[0], POLLIN, 0 };
    res("poll(read end, writer gone)", poll(f, 1, 0));
    revents(f, 1);
    close(q[0]);
    if (pipe(q))
        return 1;
    close(q[0]);
    f[0] = (struct pollfd){ q[1], POLLOUT, 0 };
    res("poll(write end, reader gone)", poll(f, 1, 0));
    revents(f, 1);
    f[0] = (struct pollfd){ q[1], 0, 0 };
    res("poll(write end, reader gone, events 0)", poll(f, 1, 0));
    revents(f, 1);
    close(q[1]);

    /* descriptors near 1000 */
    if (dup2(p[0], 1000) != 1000 || dup2(p[1], 1001) != 1001)
        return 1;
    f[0] = (struct pollfd){ 1000, POLLIN, 0 };
    f[1] = (struct pollfd){ 1001, POLLOUT, 0 };
    f[2] = (struct pollfd){ 1002, POLLIN, 0 };
    res("poll(1000 readable, 1001 writable, 1002 closed)", poll(f, 3, 0));
    revents(f, 3);

    /* errors */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    struct timespec badns = { 0, 1000000000L }, negs = { -1, 0 };
    sigset_t none_set;
    sigemptyset(&none_set);
    res("ppoll, nfds above RLIMIT_NOFILE", sys_ppoll(f, rl.rlim_cur + 1, &ts0, NULL, 8));
    res("ppoll, fds in PROT_NONE", sys_ppoll((struct pollfd *)none, 1, &ts0, NULL, 8));
    res("ppoll, fds run into PROT_NONE",
        sys_ppoll((struct pollfd *)none - 1, 2, &ts0, NULL, 8));
    res("ppoll, fds read-only", sys_ppoll((struct pollfd *)ro, 1, &ts0, NULL, 8));
    res("ppoll, tv_nsec 1e9", sys_ppoll(f, 1, &badns, NULL, 8));
    res("ppoll, tv_sec -1", sys_ppoll(f, 1, &negs, NULL, 8));
    res("ppoll, timeout in PROT_NONE", sys_ppoll(f, 1, (struct timespec *)none, NULL, 8));
    res("ppoll, sigsetsize 4", sys_ppoll(f, 1, &ts0, &none_set, 4));
    res("ppoll, sigmask in PROT_NONE", sys_ppoll(f, 1, &ts0, (sigset_t *)none, 8));
    res("ppoll, NULL sigmask, sigsetsize 4", sys_ppoll(f, 1, &ts0, NULL, 4));

    /* ---- pselect6 ---- */
    fd_set rd, wr, ex;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    res("select(readable pipe, 0)", select(p[0] + 1, &rd, NULL, NULL, &(struct timeval){ 0, 0 }));
    printf("  still set: %d\n", FD_ISSET(p[0], &rd));
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_ZERO(&ex);
    FD_SET(1000, &rd);
    FD_SET(1001, &wr);
    FD_SET(1000, &ex);
    res("pselect(1000 readable, 1001 writable, 1000 ex)", pselect(1002, &rd, &wr, &ex, &ts0, NULL));
    printf("  rd 1000=%d wr 1001=%d ex 1000=%d\n", FD_ISSET(1000, &rd), FD_ISSET(1001, &wr),
           FD_ISSET(1000, &ex));
    /* n far above the descriptor table's size: the kernel clamps it, so
     * the sets need only cover the table (1024 here, after dup2(.., 1001)) */
    fd_set *edge = (fd_set *)(none - sizeof(fd_set));
    FD_ZERO(edge);
    FD_SET(1000, edge);
    int big = rl.rlim_cur > 1u << 20 ? 1 << 20 : (int)rl.rlim_cur;
    res("pselect(n = RLIMIT_NOFILE, set ends at PROT_NONE)", sys_pselect6(big, edge, NULL, NULL, &ts0, NULL));
    printf("  rd 1000=%d\n", FD_ISSET(1000, edge));
    t = (struct timespec){ 0, 10 * 1000 * 1000 };
    FD_ZERO(&rd);
    q[0] = dup(p[0]);
    FD_SET(q[0], &rd);
    if (read(p[0], &c, 1) != 1)
        return 1;
    res("pselect6 syscall(empty pipe, 10 ms)", sys_pselect6(q[0] + 1, &rd, NULL, NULL, &t, NULL));
    printf("  remaining %lld.%09ld\n", (long long)t.tv_sec, t.tv_nsec);
    FD_SET(q[0], &rd);
    res("pselect6 syscall, timeout read-only", sys_pselect6(q[0] + 1, &rd, NULL, NULL, ro_ts, NULL));
    printf("  timeout unchanged: %d\n", ro_ts->tv_sec == 0 && ro_ts->tv_nsec == 10 * 1000 * 1000);
    res("pselect6(no sets, 10 ms)", sys_pselect6(0, NULL, NULL, NULL, &ts10, NULL));

    FD_ZERO(&rd);
    FD_SET(77, &rd);
    res("pselect(closed 77)", pselect(78, &rd, NULL, NULL, &ts0, NULL));
    res("pselect(n = -1)", sys_pselect6(-1, NULL, NULL, NULL, &ts0, NULL));
    res("pselect, tv_nsec 1e9", sys_pselect6(1, NULL, NULL, NULL, &badns, NULL));
    res("pselect, timeout in PROT_NONE", sys_pselect6(1, NULL, NULL, NULL, (struct timespec *)none, NULL));
    res("pselect, read set in PROT_NONE", sys_pselect6(1, (fd_set *)none, NULL, NULL, &ts0, NULL));
    res("pselect, write set read-only", sys_pselect6(1, NULL, (fd_set *)ro, NULL, &ts0, NULL));
    struct { const sigset_t *ss; size_t len; } sp4 = { &none_set, 4 }, spn = { NULL, 4 };
    res("pselect, sigset size 4", sys_pselect6(1, NULL, NULL, NULL, &ts0, &sp4));
    res("pselect, NULL sigset, size 4", sys_pselect6(1, NULL, NULL, NULL, &ts0, &spn));
    res("pselect, sigset argument in PROT_NONE", sys_pselect6(1, NULL, NULL, NULL, &ts0, none));
    return 0;
}
