/* net_unix.c — AF_UNIX socket pairs and messages with control data:
 * SCM_RIGHTS (a pipe's read end passed and read through, two fds into room
 * for one: MSG_CTRUNC, no room at all, MSG_CMSG_CLOEXEC), SCM_CREDENTIALS
 * (explicit and implied by SO_PASSCRED; printed as "matches getpid/getuid",
 * never as numbers), msg_name written back (autobound datagram sockets,
 * a name buffer too short for it), scatter/gather iovecs, MSG_PEEK/MSG_TRUNC,
 * SOCK_SEQPACKET record boundaries, shutdown.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "net_util.h"

/* control buffer with cmsghdr alignment on every libc */
union ctl {
    char buf[256];
    struct cmsghdr align;
    size_t word;
};

static int send_fds(int sock, const int *fds, int nfds, const char *data)
{
    union ctl c;
    memset(&c, 0, sizeof c);
    struct iovec iov = { (void *)data, strlen(data) };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = c.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
    memcpy(CMSG_DATA(cm), fds, sizeof(int) * (size_t)nfds);
    return (int)sendmsg(sock, &m, 0);
}

/* receives with controllen bytes of control room; prints what came; the
 * received fds go to out[] (up to 4), their count returned */
static int recv_fds(int sock, size_t controllen, int flags, int *out)
{
    union ctl c;
    memset(&c, 0, sizeof c);
    char data[64] = { 0 };
    struct iovec iov = { data, sizeof data - 1 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = controllen ? c.buf : NULL;
    m.msg_controllen = controllen;
    ssize_t r = recvmsg(sock, &m, flags);
    if (r < 0) {
        printf("recvmsg: %s\n", err_name(errno));
        return 0;
    }
    int n = 0;
    printf("recvmsg %zd \"%s\" controllen %zu ctrunc %d\n", r, data, (size_t)m.msg_controllen,
           !!(m.msg_flags & MSG_CTRUNC));
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm)) {
        size_t nf = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        printf("  cmsg level %d type %d len %zu: %zu fds\n", cm->cmsg_level, cm->cmsg_type,
               (size_t)cm->cmsg_len, nf);
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
            for (size_t i = 0; i < nf && n < 4; i++)
                memcpy(&out[n++], CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
    }
    return n;
}

static void test_rights(void)
{
    printf("== SCM_RIGHTS\n");
    int sv[2], p[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || pipe(p)) {
        printf("setup failed\n");
        return;
    }
    const char *msg = "through the passed fd";
    if (write(p[1], msg, strlen(msg)) != (ssize_t)strlen(msg))
        printf("pipe write failed\n");
    close(p[1]);
    SHOW("sendmsg one fd", send_fds(sv[0], &p[0], 1, "one"));
    close(p[0]);
    int got[4];
    int n = recv_fds(sv[1], CMSG_SPACE(sizeof(int)), 0, got);
    if (n == 1) {
        char buf[64] = { 0 };
        ssize_t r = read(got[0], buf, sizeof buf - 1);
        printf("read through it: %zd \"%s\"\n", r, buf);
        printf("cloexec %d\n", fcntl(got[0], F_GETFD) & FD_CLOEXEC);
        close(got[0]);
    }

    /* two fds, room for one: CMSG_LEN(4) bytes (CMSG_SPACE(4) holds two) */
    int q[2];
    if (pipe(q))
        return;
    SHOW("sendmsg two fds", send_fds(sv[0], q, 2, "two"));
    n = recv_fds(sv[1], CMSG_LEN(sizeof(int)), 0, got);
    printf("received %d fd(s)\n", n);
    for (int i = 0; i < n; i++)
        close(got[i]);

    /* two fds, no control room: dropped, MSG_CTRUNC */
    SHOW("sendmsg two fds again", send_fds(sv[0], q, 2, "none"));
    n = recv_fds(sv[1], 0, 0, got);
    printf("received %d fd(s)\n", n);

    /* room for both, close-on-exec asked */
    SHOW("sendmsg two fds, cloexec", send_fds(sv[0], q, 2, "cloexec"));
    n = recv_fds(sv[1], CMSG_SPACE(2 * sizeof(int)), MSG_CMSG_CLOEXEC, got);
    printf("received %d fd(s)\n", n);
    for (int i = 0; i < n; i++) {
        printf("fd %d cloexec %d\n", i, fcntl(got[i], F_GETFD) & FD_CLOEXEC);
        close(got[i]);
    }
    /* the write end still works through the received copy? write on q[1],
     * read on q[0] */
    if (write(q[1], "x", 1) == 1) {
        char c;
        printf("pipe still works: %zd\n", read(q[0], &c, 1));
    }
    close(q[0]);
    close(q[1]);
    close(sv[0]);
    close(sv[1]);
}

static void show_creds(struct msghdr *m)
{
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(m); cm; cm = CMSG_NXTHDR(m, cm)) {
        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_CREDENTIALS) {
            printf("  other cmsg %d/%d\n", cm->cmsg_level, cm->cmsg_type);
            continue;
        }
        struct ucred u;
        memcpy(&u, CMSG_DATA(cm), sizeof u);
        printf("  SCM_CREDENTIALS len %zu: pid matches %s, uid matches %s, gid matches %s\n",
               (size_t)cm->cmsg_len, u.pid == getpid() ? "yes" : "no",
               u.uid == getuid() ? "yes" : "no", u.gid == getgid() ? "yes" : "no");
    }
}

static void test_creds(void)
{
    printf("== SCM_CREDENTIALS\n");
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
        return;
    int one = 1;
    SHOW("setsockopt SO_PASSCRED", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one));

    /* explicit credentials: our own */
    union ctl c;
    memset(&c, 0, sizeof c);
    struct iovec iov = { "creds", 5 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = c.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(struct ucred));
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_CREDENTIALS;
    cm->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred u = { getpid(), getuid(), getgid() };
    memcpy(CMSG_DATA(cm), &u, sizeof u);
    SHOW("sendmsg explicit ucred", sendmsg(sv[0], &m, 0));
    /* none given: the kernel adds them for a SO_PASSCRED receiver */
    SHOW("send without ucred", send(sv[0], "implied", 7, 0));

    for (int i = 0; i < 2; i++) {
        union ctl r;
        memset(&r, 0, sizeof r);
        char data[32] = { 0 };
        struct iovec riov = { data, sizeof data - 1 };
        struct msghdr rm = { 0 };
        rm.msg_iov = &riov;
        rm.msg_iovlen = 1;
        rm.msg_control = r.buf;
        rm.msg_controllen = sizeof r.buf;
        ssize_t n = recvmsg(sv[1], &rm, 0);
        printf("recvmsg %zd \"%s\" controllen %zu\n", n, data, (size_t)rm.msg_controllen);
        show_creds(&rm);
    }

    /* credentials into too little room: truncated, MSG_CTRUNC */
    send(sv[0], "short", 5, 0);
    union ctl r;
    memset(&r, 0, sizeof r);
    char data[32] = { 0 };
    struct iovec riov = { data, sizeof data - 1 };
    struct msghdr rm = { 0 };
    rm.msg_iov = &riov;
    rm.msg_iovlen = 1;
    rm.msg_control = r.buf;
    rm.msg_controllen = CMSG_LEN(4);
    ssize_t n = recvmsg(sv[1], &rm, 0);
    printf("short room: %zd controllen %zu ctrunc %d\n", n, (size_t)rm.msg_controllen,
           !!(rm.msg_flags & MSG_CTRUNC));

    struct ucred pc;
    socklen_t len = sizeof pc;
    SHOW("getsockopt SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &pc, &len));
    printf("  len %u pid matches %s uid matches %s\n", (unsigned)len,
           pc.pid == getpid() ? "yes" : "no", pc.uid == getuid() ? "yes" : "no");
    close(sv[0]);
    close(sv[1]);
}

static void test_names(void)
{
    printf("== names\n");
    int a = socket(AF_UNIX, SOCK_DGRAM, 0), b = socket(AF_UNIX, SOCK_DGRAM, 0);
    /* autobind: an abstract name of 5 hex digits the kernel picks */
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    SHOW("bind a (autobind)", bind(a, (struct sockaddr *)&sa, sizeof(sa_family_t)));
    SHOW("bind b (autobind)", bind(b, (struct sockaddr *)&sa, sizeof(sa_family_t)));
    struct sockaddr_un an, bn;
    socklen_t al = sizeof an, bl = sizeof bn;
    SHOW("getsockname a", getsockname(a, (struct sockaddr *)&an, &al));
    SHOW("getsockname b", getsockname(b, (struct sockaddr *)&bn, &bl));
    printf("  lengths %u %u, abstract %d\n", (unsigned)al, (unsigned)bl, an.sun_path[0] == 0);
    SHOW("connect a->b", connect(a, (struct sockaddr *)&bn, bl));
    struct sockaddr_un pn;
    socklen_t pl = sizeof pn;
    SHOW("getpeername a", getpeername(a, (struct sockaddr *)&pn, &pl));
    printf("  peer is b: %s\n", pl == bl && memcmp(&pn, &bn, bl) == 0 ? "yes" : "no");

    /* gather on send, scatter on receive, the sender's name back */
    struct iovec siov[3] = { { "gath", 4 }, { "", 0 }, { "ered", 4 } };
    struct msghdr sm = { .msg_iov = siov, .msg_iovlen = 3 };
    SHOW("sendmsg 3 iovecs", sendmsg(a, &sm, 0));
    char p1[3] = { 0 }, p2[16] = { 0 };
    struct iovec riov[2] = { { p1, 3 }, { p2, sizeof p2 - 1 } };
    struct sockaddr_un from;
    memset(&from, 0x55, sizeof from);
    struct msghdr rm = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = riov, .msg_iovlen = 2 };
    ssize_t n = recvmsg(b, &rm, 0);
    printf("recvmsg %zd \"%.3s\" \"%s\" namelen %u from a: %s flags %#x\n", n, p1, p2,
           (unsigned)rm.msg_namelen,
           rm.msg_namelen == al && memcmp(&from, &an, al) == 0 ? "yes" : "no", rm.msg_flags);

    /* a name buffer of 4 bytes: 4 copied, the whole length reported */
    send(a, "x", 1, 0);
    memset(&from, 0x55, sizeof from);
    char one;
    struct iovec oiov = { &one, 1 };
    struct msghdr om = { .msg_name = &from, .msg_namelen = 4, .msg_iov = &oiov, .msg_iovlen = 1 };
    n = recvmsg(b, &om, 0);
    unsigned char *fb = (unsigned char *)&from;
    printf("short name: %zd namelen %u bytes %02x %02x %02x %02x %02x (family %d)\n", n,
           (unsigned)om.msg_namelen, fb[0], fb[1], fb[2] != 0x55 ? 1 : 0, fb[3] != 0x55 ? 1 : 0,
           fb[4], from.sun_family);

    /* MSG_PEEK then MSG_TRUNC: the datagram's real length */
    send(a, "0123456789", 10, 0);
    char small[4] = { 0 };
    SHOW("recv MSG_PEEK 3", recv(b, small, 3, MSG_PEEK));
    printf("  \"%.3s\"\n", small);
    SHOW("recv MSG_TRUNC 3", recv(b, small, 3, MSG_TRUNC));
    printf("  \"%.3s\"\n", small);
    struct iovec tiov = { small, 2 };
    struct msghdr tm = { .msg_iov = &tiov, .msg_iovlen = 1 };
    send(a, "abcdef", 6, 0);
    n = recvmsg(b, &tm, 0);
    printf("recvmsg into 2: %zd trunc %d\n", n, !!(tm.msg_flags & MSG_TRUNC));
    SHOW("recv empty, MSG_DONTWAIT", recv(b, small, 3, MSG_DONTWAIT));
    close(a);
    close(b);
}

static void test_seqpacket(void)
{
    printf("== SOCK_SEQPACKET\n");
    int sv[2];
    SHOW("socketpair seqpacket", socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv));
    printf("cloexec %d\n", fcntl(sv[0], F_GETFD) & FD_CLOEXEC);
    send(sv[0], "first", 5, 0);
    send(sv[0], "second", 6, 0);
    char buf[16] = { 0 };
    SHOW("recv record 1", recv(sv[1], buf, sizeof buf, 0));
    printf("  \"%s\"\n", buf);
    memset(buf, 0, sizeof buf);
    SHOW("recv record 2", recv(sv[1], buf, sizeof buf, 0));
    printf("  \"%s\"\n", buf);
    SHOW("shutdown SHUT_WR", shutdown(sv[0], SHUT_WR));
    SHOW("recv after shutdown", recv(sv[1], buf, sizeof buf, 0));
    SHOW("send after shutdown", send(sv[0], "x", 1, MSG_NOSIGNAL));
    close(sv[0]);
    close(sv[1]);

    int nb[2];
    SHOW("socketpair stream nonblock", socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, nb));
    printf("nonblock %d\n", !!(fcntl(nb[0], F_GETFL) & O_NONBLOCK));
    SHOW("recv empty nonblocking", recv(nb[0], buf, sizeof buf, 0));
    close(nb[0]);
    close(nb[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_rights();
    test_creds();
    test_names();
    test_seqpacket();
    return 0;
}
