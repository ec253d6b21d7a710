/* net_timeo.c — a socket call with SO_RCVTIMEO/SO_SNDTIMEO set ends with
 * EINTR when a signal interrupts it, even under an SA_RESTART handler (the
 * kernel's sock_intr_errno); without a timeout it is restarted (net_signal).
 * Covers recv, recvmsg, recvmmsg, accept and a send on a full socket. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alrm(int sig)
{
    (void)sig;
    alarms++;
}

static void arm(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };   /* 50 ms, once */
    setitimer(ITIMER_REAL, &it, NULL);
}

static void timeo(int fd, int opt)
{
    struct timeval tv = { 5, 0 };
    setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof tv);
}

static void show(const char *what, long r)
{
    printf("%-22s %ld %s alarms=%d\n", what, r,
           r < 0 ? (errno == EINTR ? "EINTR" : errno == EAGAIN ? "EAGAIN" : "other") : "",
           (int)alarms);
}

int main(void)
{
    struct sigaction sa = { .sa_handler = on_alrm, .sa_flags = SA_RESTART };
    sigaction(SIGALRM, &sa, NULL);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
        return 1;
    timeo(sv[0], SO_RCVTIMEO);
    char buf[64];
    arm();
    show("recv", recv(sv[0], buf, sizeof buf, 0));
    struct iovec iov = { buf, sizeof buf };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
    arm();
    show("recvmsg", recvmsg(sv[0], &mh, 0));
    int dg[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    timeo(dg[0], SO_RCVTIMEO);
    struct mmsghdr mm = { .msg_hdr = mh };
    arm();
    show("recvmmsg", recvmmsg(dg[0], &mm, 1, 0, NULL));
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(ls, (struct sockaddr *)&a, sizeof a);
    listen(ls, 1);
    timeo(ls, SO_RCVTIMEO);
    arm();
    show("accept", accept(ls, NULL, NULL));
    /* a send that blocks on a full socket */
    timeo(sv[1], SO_SNDTIMEO);
    int small = 4096;
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    char big[4096];
    memset(big, 'x', sizeof big);
    long sent = 0, r;
    struct timeval zero = { 0, 1000 };
    setsockopt(sv[1], SOL_SOCKET, SO_SNDTIMEO, &zero, sizeof zero);
    while ((r = send(sv[1], big, sizeof big, 0)) > 0)
        sent += r;
    timeo(sv[1], SO_SNDTIMEO);
    arm();
    show("send (full)", send(sv[1], big, sizeof big, 0));
    printf("filled: %s\n", sent > 0 ? "yes" : "no");
    return 0;
}
