/* net_signal.c — blocking socket calls interrupted by a signal (SIGALRM from
 * a 100 ms interval timer), without SO_RCVTIMEO/SO_SNDTIMEO: with
 * SA_RESTART the call is restarted and completes with what the handler
 * provided (a byte sent to the socket, a connection made, room made by
 * draining the peer); without it the call fails with EINTR and nothing is
 * lost. Covers recv, recvmsg, recvmmsg, accept, send.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include "net_util.h"

/* what the handler does: its fds and the action */
static volatile int h_fd = -1;
static volatile int h_action;
static struct sockaddr_in h_addr;
enum { ACT_NONE, ACT_SEND, ACT_CONNECT, ACT_DRAIN };

static void on_alarm(int sig)
{
    (void)sig;
    int saved = errno;
    if (h_action == ACT_SEND) {
        send(h_fd, "x", 1, MSG_DONTWAIT);
    } else if (h_action == ACT_CONNECT) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        connect(c, (struct sockaddr *)&h_addr, sizeof h_addr);   /* left open: accepted */
    } else if (h_action == ACT_DRAIN) {
        static char sink[65536];
        while (recv(h_fd, sink, sizeof sink, MSG_DONTWAIT) > 0)
            ;
    }
    h_action = ACT_NONE;
    errno = saved;
}

static void arm(int restart, int action, int fd)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    h_fd = fd;
    h_action = action;
    struct itimerval it = { { 0, 0 }, { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    char c = 0;

    arm(1, ACT_SEND, sv[0]);
    SHOW("recv, SA_RESTART", recv(sv[1], &c, 1, 0));
    printf("  got '%c'\n", c);
    arm(0, ACT_SEND, sv[0]);
    SHOW("recv, no SA_RESTART", recv(sv[1], &c, 1, 0));
    c = 0;
    SHOW("recv what the handler sent", recv(sv[1], &c, 1, 0));
    printf("  got '%c'\n", c);

    struct iovec iov = { &c, 1 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    arm(1, ACT_SEND, sv[0]);
    SHOW("recvmsg, SA_RESTART", recvmsg(sv[1], &m, 0));
    arm(0, ACT_SEND, sv[0]);
    SHOW("recvmsg, no SA_RESTART", recvmsg(sv[1], &m, 0));
    SHOW("recvmsg the byte", recvmsg(sv[1], &m, 0));

    int dg[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    struct mmsghdr mm = { .msg_hdr = m };
    arm(0, ACT_SEND, dg[0]);
    SHOW("recvmmsg, no SA_RESTART", recvmmsg(dg[1], &mm, 1, 0, NULL));
    arm(1, ACT_SEND, dg[0]);
    SHOW("recvmmsg, SA_RESTART (one queued)", recvmmsg(dg[1], &mm, 1, 0, NULL));
    SHOW("recvmmsg, the handler's", recvmmsg(dg[1], &mm, 1, 0, NULL));

    /* accept: the handler connects */
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    memset(&h_addr, 0, sizeof h_addr);
    h_addr.sin_family = AF_INET;
    h_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof h_addr;
    bind(ls, (struct sockaddr *)&h_addr, sizeof h_addr);
    getsockname(ls, (struct sockaddr *)&h_addr, &len);
    listen(ls, 4);
    arm(1, ACT_CONNECT, -1);
    int a = accept(ls, NULL, NULL);
    printf("accept, SA_RESTART: %s\n", a >= 0 ? "a connection" : err_name(errno));
    arm(0, ACT_CONNECT, -1);
    SHOW("accept, no SA_RESTART", accept(ls, NULL, NULL));
    a = accept(ls, NULL, NULL);
    printf("accept the handler's: %s\n", a >= 0 ? "a connection" : err_name(errno));

    /* send into a full socket: the handler drains the peer */
    int fl = fcntl(sv[0], F_GETFL);
    fcntl(sv[0], F_SETFL, fl | O_NONBLOCK);
    static char blob[4096];
    while (send(sv[0], blob, sizeof blob, 0) > 0)
        ;
    fcntl(sv[0], F_SETFL, fl);
    arm(0, ACT_NONE, -1);
    SHOW("send to a full socket, no SA_RESTART", send(sv[0], "y", 1, 0));
    arm(1, ACT_DRAIN, sv[1]);
    SHOW("send to a full socket, SA_RESTART", send(sv[0], "y", 1, 0));
    return 0;
}
