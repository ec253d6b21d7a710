/* net_errors.c — socket calls that fail, and the order of their errors:
 * EBADF (a closed fd, -1) before EFAULT, ENOTSOCK (a pipe), EFAULT for
 * pointers into a PROT_NONE page (addresses, lengths, buffers, msghdrs,
 * iovec arrays, control buffers, mmsghdr vectors, recvmmsg's timeout, the
 * socketpair array), EINVAL (lengths, flags, types), EMSGSIZE (too many
 * iovecs), ENOBUFS (a control length over INT_MAX), EAFNOSUPPORT,
 * EPROTONOSUPPORT, EOPNOTSUPP; buffers that end where accessible memory
 * ends: a receive that fits succeeds, a send that does not gets EFAULT.
 * Calls go through syscall() so no libc wrapper reads the arguments first.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "net_util.h"

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char *bad = unmapped_page();
    int p[2];
    if (pipe(p))
        return 1;
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int dg[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof sin;
    char buf[64];
    int closed = dup(1);   /* the lowest free number, free again */
    close(closed);

    printf("== socket, socketpair\n");
    SHOW("socket family 12345", syscall(SYS_socket, 12345, SOCK_STREAM, 0));
    SHOW("socket type 999", syscall(SYS_socket, AF_INET, 999, 0));
    SHOW("socket stream + udp", syscall(SYS_socket, AF_INET, SOCK_STREAM, IPPROTO_UDP));
    SHOW("socket bad flag bit", syscall(SYS_socket, AF_INET, SOCK_STREAM | 0x100000, 0));
    int sp[2];
    SHOW("socketpair AF_INET", syscall(SYS_socketpair, AF_INET, SOCK_STREAM, 0, sp));
    SHOW("socketpair bad array", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, bad));
    SHOW("socketpair array at mapping end", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, edge_buf(4)));

    printf("== bind, connect, listen, accept\n");
    SHOW("bind closed fd", syscall(SYS_bind, closed, &sin, sizeof sin));
    SHOW("bind closed fd, bad addr", syscall(SYS_bind, closed, bad, sizeof sin));
    SHOW("bind pipe", syscall(SYS_bind, p[0], &sin, sizeof sin));
    SHOW("bind bad addr", syscall(SYS_bind, tcp, bad, sizeof sin));
    SHOW("bind addrlen 200, bad addr", syscall(SYS_bind, tcp, bad, 200));
    SHOW("bind addrlen -1", syscall(SYS_bind, tcp, &sin, -1));
    SHOW("bind addrlen 4", syscall(SYS_bind, tcp, &sin, 4));
    SHOW("bind addr at mapping end", syscall(SYS_bind, tcp, memcpy(edge_buf(sizeof sin), &sin, sizeof sin), sizeof sin));
    SHOW("bind again", syscall(SYS_bind, tcp, &sin, sizeof sin));
    SHOW("connect -1", syscall(SYS_connect, -1, &sin, sizeof sin));
    SHOW("connect bad addr", syscall(SYS_connect, tcp, bad, sizeof sin));
    SHOW("listen pipe", syscall(SYS_listen, p[0], 1));
    SHOW("listen udp", syscall(SYS_listen, dg[0], 1));
    SHOW("listen", syscall(SYS_listen, tcp, 1));
    SHOW("accept closed fd", syscall(SYS_accept, closed, NULL, NULL));
    SHOW("accept4 bad flags", syscall(SYS_accept4, tcp, NULL, NULL, 0x1234));
    fcntl(tcp, F_SETFL, O_NONBLOCK);
    SHOW("accept nonblocking, none waiting", syscall(SYS_accept4, tcp, NULL, NULL, SOCK_NONBLOCK));
    SHOW("getsockname bad addrlen", syscall(SYS_getsockname, tcp, &sin, bad));
    SHOW("getsockname bad addr", syscall(SYS_getsockname, tcp, bad, &len));
    len = 0;
    SHOW("getsockname addrlen 0, bad addr", syscall(SYS_getsockname, tcp, bad, &len));
    printf("  addrlen %u\n", (unsigned)len);
    len = (socklen_t)-1;
    SHOW("getsockname addrlen -1", syscall(SYS_getsockname, tcp, &sin, &len));
    len = sizeof sin;
    SHOW("getsockname NULL addr", syscall(SYS_getsockname, tcp, NULL, &len));
    SHOW("getsockname pipe", syscall(SYS_getsockname, p[0], &sin, &len));
    SHOW("getpeername listening", syscall(SYS_getpeername, tcp, &sin, &len));

    printf("== sendto, recvfrom\n");
    SHOW("sendto closed fd", syscall(SYS_sendto, closed, "x", 1, 0, NULL, 0));
    SHOW("sendto pipe", syscall(SYS_sendto, p[1], "x", 1, 0, NULL, 0));
    SHOW("sendto bad buffer", syscall(SYS_sendto, sv[0], bad, 10, 0, NULL, 0));
    SHOW("sendto bad buffer, 0 bytes", syscall(SYS_sendto, sv[0], bad, 0, MSG_DONTWAIT, NULL, 0));
    SHOW("send dgram, buffer past the end", syscall(SYS_sendto, dg[0], edge_buf(4), 10, 0, NULL, 0));
    SHOW("send stream, buffer past the end", syscall(SYS_sendto, sv[0], edge_buf(4), 10, 0, NULL, 0));
    SHOW("send 5 bytes", syscall(SYS_sendto, sv[0], "hello", 5, 0, NULL, 0));
    char *edge = edge_buf(8);
    SHOW("recv 100 into 8 at the end", syscall(SYS_recvfrom, sv[1], edge, 100, 0, NULL, NULL));
    printf("  \"%.5s\"\n", edge);
    SHOW("send dgram 6", syscall(SYS_sendto, dg[0], "dgram!", 6, 0, NULL, 0));
    SHOW("recv dgram 100 into 8 at the end", syscall(SYS_recvfrom, dg[1], edge, 100, 0, NULL, NULL));
    printf("  \"%.6s\"\n", edge);
    SHOW("send 3", syscall(SYS_sendto, sv[0], "abc", 3, 0, NULL, 0));
    SHOW("recv into bad buffer", syscall(SYS_recvfrom, sv[1], bad, 10, 0, NULL, NULL));
    SHOW("recv the same again", syscall(SYS_recvfrom, sv[1], buf, sizeof buf, 0, NULL, NULL));
    SHOW("send 3", syscall(SYS_sendto, dg[0], "def", 3, 0, NULL, 0));
    SHOW("recvfrom bad addrlen", syscall(SYS_recvfrom, dg[1], buf, sizeof buf, 0, &sin, bad));
    SHOW("recvfrom, nothing left", syscall(SYS_recvfrom, dg[1], buf, sizeof buf, MSG_DONTWAIT, NULL, NULL));
    SHOW("sendto dgram, bad address", syscall(SYS_sendto, dg[0], "x", 1, 0, bad, sizeof(struct sockaddr_un)));

    printf("== sendmsg, recvmsg\n");
    struct iovec iov = { "msg", 3 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    SHOW("sendmsg closed fd, bad msghdr", syscall(SYS_sendmsg, closed, bad, 0));
    SHOW("sendmsg pipe", syscall(SYS_sendmsg, p[1], &m, 0));
    SHOW("sendmsg bad msghdr", syscall(SYS_sendmsg, sv[0], bad, 0));
    SHOW("recvmsg bad msghdr", syscall(SYS_recvmsg, sv[1], bad, MSG_DONTWAIT));
    m.msg_iovlen = 1025;
    SHOW("sendmsg 1025 iovecs", syscall(SYS_sendmsg, sv[0], &m, 0));
    m.msg_iov = (struct iovec *)bad;
    m.msg_iovlen = 1;
    SHOW("sendmsg bad iovec array", syscall(SYS_sendmsg, sv[0], &m, 0));
    struct iovec biov[2] = { { "ok", 2 }, { bad, 4 } };
    m.msg_iov = biov;
    m.msg_iovlen = 2;
    SHOW("sendmsg 2nd iovec bad", syscall(SYS_sendmsg, dg[0], &m, 0));
    struct iovec niov = { buf, (size_t)-1 };
    m.msg_iov = &niov;
    m.msg_iovlen = 1;
    SHOW("sendmsg iov_len -1", syscall(SYS_sendmsg, sv[0], &m, 0));
    m.msg_iov = &iov;
    m.msg_control = bad;
    m.msg_controllen = 32;
    SHOW("sendmsg bad control", syscall(SYS_sendmsg, sv[0], &m, 0));
    m.msg_control = buf;
    m.msg_controllen = (size_t)INT_MAX + 1;
    SHOW("sendmsg controllen INT_MAX+1", syscall(SYS_sendmsg, sv[0], &m, 0));
    m.msg_controllen = 8;
    SHOW("sendmsg controllen 8", syscall(SYS_sendmsg, sv[0], &m, 0));
    m.msg_control = NULL;
    m.msg_controllen = 0;
    m.msg_name = bad;
    m.msg_namelen = sizeof(struct sockaddr_un);
    SHOW("sendmsg dgram, bad name", syscall(SYS_sendmsg, dg[0], &m, 0));
    m.msg_name = NULL;
    SHOW("sendmsg dgram", syscall(SYS_sendmsg, dg[0], &m, 0));
    char rb[8] = { 0 };
    struct iovec riov = { rb, sizeof rb };
    struct msghdr rm = { .msg_name = bad, .msg_namelen = 16, .msg_iov = &riov, .msg_iovlen = 1 };
    SHOW("recvmsg dgram, bad name", syscall(SYS_recvmsg, dg[1], &rm, 0));
    rm.msg_name = NULL;
    SHOW("recvmsg dgram, nothing left", syscall(SYS_recvmsg, dg[1], &rm, MSG_DONTWAIT));
    /* a control buffer that runs into the PROT_NONE page: the part before
     * it holds the credentials */
    int one = 1;
    setsockopt(dg[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    syscall(SYS_sendto, dg[0], "cred", 4, 0, NULL, 0);
    rm.msg_control = edge_buf(64);
    rm.msg_controllen = 4096;
    SHOW("recvmsg, control runs past the end", syscall(SYS_recvmsg, dg[1], &rm, 0));
    printf("  controllen %zu ctrunc %d\n", (size_t)rm.msg_controllen, !!(rm.msg_flags & MSG_CTRUNC));
    /* a msghdr the kernel can read but not write back */
    syscall(SYS_sendto, dg[0], "ro", 2, 0, NULL, 0);
    rm.msg_control = NULL;
    rm.msg_controllen = 0;
    struct msghdr *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *ro = rm;
    mprotect(ro, 4096, PROT_READ);
    SHOW("recvmsg read-only msghdr", syscall(SYS_recvmsg, dg[1], ro, 0));
    SHOW("recvmsg, the datagram is gone", syscall(SYS_recvmsg, dg[1], &rm, MSG_DONTWAIT));

    printf("== sendmmsg, recvmmsg\n");
    struct mmsghdr mm[2];
    memset(mm, 0, sizeof mm);
    mm[0].msg_hdr.msg_iov = &iov;
    mm[0].msg_hdr.msg_iovlen = 1;
    SHOW("sendmmsg bad vector", syscall(SYS_sendmmsg, dg[0], bad, 2, 0));
    SHOW("sendmmsg closed fd", syscall(SYS_sendmmsg, closed, mm, 1, 0));
    /* the second header lies in the PROT_NONE page: one sent */
    struct mmsghdr *em = (struct mmsghdr *)edge_buf(sizeof(struct mmsghdr));
    *em = mm[0];
    SHOW("sendmmsg 2, 2nd unreadable", syscall(SYS_sendmmsg, dg[0], em, 2, 0));
    printf("  msg_len %u\n", em->msg_len);
    struct timespec ts = { 1, 0 };
    SHOW("recvmmsg bad timeout", syscall(SYS_recvmmsg, dg[1], mm, 2, 0, bad));
    SHOW("recvmmsg closed fd, bad timeout", syscall(SYS_recvmmsg, closed, mm, 2, 0, bad));
    SHOW("recvmmsg bad vector", syscall(SYS_recvmmsg, dg[1], bad, 2, 0, &ts));
    mm[0].msg_hdr.msg_iov = &riov;
    SHOW("recvmmsg 1", syscall(SYS_recvmmsg, dg[1], mm, 1, 0, NULL));
    printf("  msg_len %u\n", mm[0].msg_len);
    SHOW("recvmmsg nothing, MSG_DONTWAIT", syscall(SYS_recvmmsg, dg[1], mm, 1, MSG_DONTWAIT, NULL));

    printf("== options, shutdown\n");
    SHOW("setsockopt pipe", syscall(SYS_setsockopt, p[0], SOL_SOCKET, SO_RCVBUF, &one, sizeof one));
    SHOW("getsockopt closed fd", syscall(SYS_getsockopt, closed, SOL_SOCKET, SO_RCVBUF, &one, &len));
    SHOW("shutdown bad how", syscall(SYS_shutdown, sv[0], 7));
    SHOW("shutdown pipe", syscall(SYS_shutdown, p[0], SHUT_RD));
    SHOW("shutdown", syscall(SYS_shutdown, sv[0], SHUT_RDWR));
    return 0;
}
