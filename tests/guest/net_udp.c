/* net_udp.c — UDP over loopback: sendmmsg of several datagrams (one
 * gathered from iovecs, one to an explicit address), recvmmsg with
 * MSG_WAITFORONE, with a timeout (written back: less than it was), with
 * MSG_DONTWAIT on an empty socket, per-message msg_len / msg_flags
 * (MSG_TRUNC) / source names, a short batch that stops at the first
 * message it cannot send; sendto/recvfrom with addresses; connected UDP.
 * UDP over ::1. Ports are compared, never printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "net_util.h"

static int udp_bound(struct sockaddr_in *sa)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof *sa;
    if (bind(s, (struct sockaddr *)sa, sizeof *sa) || getsockname(s, (struct sockaddr *)sa, &len))
        printf("bind failed: %s\n", err_name(errno));
    return s;
}

static void show_batch(int n, struct mmsghdr *v, struct sockaddr_in *names,
                       const struct sockaddr_in *from)
{
    for (int i = 0; i < n; i++) {
        struct iovec *iov = v[i].msg_hdr.msg_iov;
        printf("  [%d] len %u \"%.*s\" trunc %d namelen %u from sender %s\n", i, v[i].msg_len,
               (int)(v[i].msg_len < iov[0].iov_len ? v[i].msg_len : iov[0].iov_len),
               (char *)iov[0].iov_base, !!(v[i].msg_hdr.msg_flags & MSG_TRUNC),
               (unsigned)v[i].msg_hdr.msg_namelen,
               names[i].sin_port == from->sin_port && names[i].sin_addr.s_addr == from->sin_addr.s_addr
                   ? "yes" : "no");
    }
}

/* vlen receive slots with 8-byte buffers and room for names */
struct slots {
    struct mmsghdr v[4];
    struct iovec iov[4];
    char buf[4][9];
    struct sockaddr_in names[4];
};

static void slots_init(struct slots *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 4; i++) {
        s->iov[i].iov_base = s->buf[i];
        s->iov[i].iov_len = 8;
        s->v[i].msg_hdr.msg_iov = &s->iov[i];
        s->v[i].msg_hdr.msg_iovlen = 1;
        s->v[i].msg_hdr.msg_name = &s->names[i];
        s->v[i].msg_hdr.msg_namelen = sizeof s->names[i];
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sockaddr_in ra, sa;
    int r = udp_bound(&ra), s = udp_bound(&sa);

    /* three datagrams: plain, gathered, and one longer than the receiver's 8 bytes */
    struct iovec i0 = { "alpha", 5 };
    struct iovec i1[2] = { { "be", 2 }, { "ta", 2 } };
    struct iovec i2 = { "gamma-delta", 11 };
    struct mmsghdr out[3];
    memset(out, 0, sizeof out);
    out[0].msg_hdr.msg_iov = &i0;
    out[0].msg_hdr.msg_iovlen = 1;
    out[1].msg_hdr.msg_iov = i1;
    out[1].msg_hdr.msg_iovlen = 2;
    out[2].msg_hdr.msg_iov = &i2;
    out[2].msg_hdr.msg_iovlen = 1;
    for (int i = 0; i < 3; i++) {
        out[i].msg_hdr.msg_name = &ra;
        out[i].msg_hdr.msg_namelen = sizeof ra;
    }
    SHOW("sendmmsg 3", sendmmsg(s, out, 3, 0));
    printf("  msg_len %u %u %u\n", out[0].msg_len, out[1].msg_len, out[2].msg_len);

    struct slots in;
    slots_init(&in);
    int n = recvmmsg(r, in.v, 4, MSG_WAITFORONE, NULL);
    SHOW("recvmmsg 4 MSG_WAITFORONE", n);
    show_batch(n, in.v, in.names, &sa);

    /* with a timeout: two waiting, two asked for, the time left written back */
    sendto(s, "one", 3, 0, (struct sockaddr *)&ra, sizeof ra);
    sendto(s, "two", 3, 0, (struct sockaddr *)&ra, sizeof ra);
    slots_init(&in);
    struct timespec ts = { 5, 0 };
    n = recvmmsg(r, in.v, 2, 0, &ts);
    SHOW("recvmmsg 2, timeout 5s", n);
    show_batch(n, in.v, in.names, &sa);
    printf("  time left written back, below 5s: %s\n",
           ts.tv_sec < 5 && ts.tv_sec >= 0 && ts.tv_nsec >= 0 ? "yes" : "no");

    slots_init(&in);
    SHOW("recvmmsg empty, MSG_DONTWAIT", recvmmsg(r, in.v, 4, MSG_DONTWAIT, NULL));
    struct timespec bad = { 0, 2000000000 };
    SHOW("recvmmsg tv_nsec out of range", recvmmsg(r, in.v, 4, 0, &bad));

    /* a batch whose second message has no destination: the first goes */
    struct mmsghdr two[2];
    memset(two, 0, sizeof two);
    struct iovec d = { "dest", 4 };
    two[0].msg_hdr.msg_iov = &d;
    two[0].msg_hdr.msg_iovlen = 1;
    two[0].msg_hdr.msg_name = &ra;
    two[0].msg_hdr.msg_namelen = sizeof ra;
    two[1].msg_hdr.msg_iov = &d;
    two[1].msg_hdr.msg_iovlen = 1;
    SHOW("sendmmsg 2, 2nd has no address", sendmmsg(s, two, 2, 0));
    SHOW("sendmmsg 1, no address", sendmmsg(s, &two[1], 1, 0));
    SHOW("sendmmsg vlen 0", sendmmsg(s, two, 0, 0));
    char buf[16] = { 0 };
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    SHOW("recvfrom", recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    printf("  \"%s\" fromlen %u from sender %s\n", buf, (unsigned)fl,
           from.sin_port == sa.sin_port ? "yes" : "no");

    /* connected: send without an address, a foreign sender is filtered */
    SHOW("connect s -> r", connect(s, (struct sockaddr *)&ra, sizeof ra));
    SHOW("send connected", send(s, "connected", 9, 0));
    memset(buf, 0, sizeof buf);
    fl = 2;   /* the family only */
    memset(&from, 0xaa, sizeof from);
    SHOW("recvfrom, addrlen 2", recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    printf("  \"%s\" fromlen %u family %d port untouched %s\n", buf, (unsigned)fl, from.sin_family,
           from.sin_port == 0xaaaa ? "yes" : "no");
    SHOW("recvfrom NULL address", recvfrom(r, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL));
    SHOW("sendto addrlen 200", sendto(s, "x", 1, 0, (struct sockaddr *)&ra, 200));
    SHOW("sendto addrlen 4", sendto(s, "x", 1, 0, (struct sockaddr *)&ra, 4));
    close(r);
    close(s);

    /* IPv6 on ::1 (a host without IPv6 fails the same way natively) */
    int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 a6;
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    a6.sin6_addr = in6addr_loopback;
    socklen_t l6 = sizeof a6;
    SHOW("bind udp6 ::1", bind(s6, (struct sockaddr *)&a6, sizeof a6));
    getsockname(s6, (struct sockaddr *)&a6, &l6);
    SHOW("sendto self over ::1", sendto(s6, "six", 3, 0, (struct sockaddr *)&a6, sizeof a6));
    struct sockaddr_in6 f6;
    memset(&f6, 0, sizeof f6);
    socklen_t fl6 = sizeof f6;
    memset(buf, 0, sizeof buf);
    SHOW("recvfrom ::1", recvfrom(s6, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&f6, &fl6));
    printf("  \"%s\" fromlen %u family %d loopback %s same port %s\n", buf, (unsigned)fl6,
           f6.sin6_family, memcmp(&f6.sin6_addr, &in6addr_loopback, 16) == 0 ? "yes" : "no",
           f6.sin6_port == a6.sin6_port ? "yes" : "no");
    close(s6);
    return 0;
}
