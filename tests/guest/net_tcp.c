/* net_tcp.c — a TCP echo server and client over loopback in one program:
 * the child (fork) listens on an ephemeral port of 127.0.0.1 and tells the
 * parent the port through a pipe; the parent connects, sends lines (send,
 * sendmsg with several iovecs, writev), reads the echo (recv MSG_WAITALL,
 * recvmsg into scattered buffers, MSG_PEEK), half-closes, and both print
 * what they saw and their exit statuses. Under tern both sides are the
 * guest. Also: accept's address (NULL, too short a buffer), getsockname /
 * getpeername agreeing across the connection, TCP_NODELAY, accept4 flags,
 * ECONNREFUSED, EISCONN, ENOTCONN. Ports are never printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net_util.h"

static struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

/* the server: one connection accepted with no address, one with a short
 * address buffer; each echoed until EOF. Its output goes through a pipe to
 * the parent so the two never interleave. Exit status: connections served. */
static int server(int portfd, FILE *out)
{
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = loopback(0);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) || listen(ls, 4)) {
        fprintf(out, "server: bind/listen failed: %s\n", err_name(errno));
        return 100;
    }
    socklen_t len = sizeof sa;
    getsockname(ls, (struct sockaddr *)&sa, &len);
    unsigned short port = ntohs(sa.sin_port);
    if (write(portfd, &port, sizeof port) != sizeof port)
        return 101;
    close(portfd);

    int served = 0;
    for (int c = 0; c < 2; c++) {
        int s;
        if (c == 0) {
            s = accept(ls, NULL, NULL);
        } else {
            struct sockaddr_in peer;
            memset(&peer, 0xee, sizeof peer);
            socklen_t plen = 4;   /* family and port only */
            s = accept4(ls, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
            fprintf(out, "server: accept4 short buffer: addrlen %u family %d addr untouched %s\n",
                    (unsigned)plen, peer.sin_family,
                    peer.sin_addr.s_addr == 0xeeeeeeeeu ? "yes" : "no");
            fprintf(out, "server: accepted cloexec %d\n", fcntl(s, F_GETFD) & FD_CLOEXEC);
        }
        if (s < 0) {
            fprintf(out, "server: accept failed: %s\n", err_name(errno));
            return 102;
        }
        struct sockaddr_in me, peer;
        socklen_t ml = sizeof me, pl = sizeof peer;
        getsockname(s, (struct sockaddr *)&me, &ml);
        getpeername(s, (struct sockaddr *)&peer, &pl);
        fprintf(out, "server: conn %d local port is the listener's: %s, peer is loopback: %s\n", c,
                me.sin_port == htons(port) ? "yes" : "no",
                peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK) ? "yes" : "no");
        char buf[256];
        long total = 0;
        for (;;) {
            ssize_t n = recv(s, buf, sizeof buf, 0);
            if (n <= 0) {
                if (n < 0)
                    fprintf(out, "server: recv: %s\n", err_name(errno));
                break;
            }
            total += n;
            for (ssize_t off = 0; off < n;) {
                ssize_t w = send(s, buf + off, (size_t)(n - off), MSG_NOSIGNAL);
                if (w <= 0)
                    break;
                off += w;
            }
        }
        fprintf(out, "server: conn %d echoed %ld bytes\n", c, total);
        close(s);
        served++;
    }
    close(ls);
    return served;
}

static void client_session(unsigned short port, int c)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    SHOW("client: setsockopt TCP_NODELAY", setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    struct sockaddr_in sa = loopback(port);
    SHOW("client: connect", connect(s, (struct sockaddr *)&sa, sizeof sa));
    SHOW("client: connect again", connect(s, (struct sockaddr *)&sa, sizeof sa));
    struct sockaddr_in me, peer;
    socklen_t ml = sizeof me, pl = sizeof peer;
    getsockname(s, (struct sockaddr *)&me, &ml);
    getpeername(s, (struct sockaddr *)&peer, &pl);
    printf("client: addrlens %u %u, peer port is the server's: %s, local is loopback: %s\n",
           (unsigned)ml, (unsigned)pl, peer.sin_port == htons(port) ? "yes" : "no",
           me.sin_addr.s_addr == htonl(INADDR_LOOPBACK) ? "yes" : "no");

    char buf[128];
    if (c == 0) {
        const char *line = "hello, echo server\n";
        SHOW("client: send", send(s, line, strlen(line), 0));
        memset(buf, 0, sizeof buf);
        SHOW("client: recv MSG_PEEK|MSG_WAITALL", recv(s, buf, strlen(line), MSG_PEEK | MSG_WAITALL));
        SHOW("client: recv MSG_WAITALL", recv(s, buf, strlen(line), MSG_WAITALL));
        printf("client: echoed \"%.*s\"\n", (int)strlen(line) - 1, buf);
    } else {
        struct iovec iov[3] = { { "scatter ", 8 }, { "and ", 4 }, { "gather", 6 } };
        struct msghdr m = { .msg_iov = iov, .msg_iovlen = 3 };
        SHOW("client: sendmsg 3 iovecs", sendmsg(s, &m, 0));
        SHOW("client: writev 2 iovecs", writev(s, (struct iovec[]){ { " / ", 3 }, { "writev", 6 } }, 2));
        char a[10] = { 0 }, b[32] = { 0 };
        struct iovec riov[2] = { { a, 9 }, { b, 18 } };
        struct msghdr rm = { .msg_iov = riov, .msg_iovlen = 2 };
        SHOW("client: recvmsg MSG_WAITALL 27", recvmsg(s, &rm, MSG_WAITALL));
        printf("client: \"%s\" + \"%s\"\n", a, b);
    }
    SHOW("client: shutdown SHUT_WR", shutdown(s, SHUT_WR));
    SHOW("client: recv at EOF", recv(s, buf, sizeof buf, 0));
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int portp[2], outp[2];
    if (pipe(portp) || pipe(outp))
        return 1;
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        close(portp[0]);
        close(outp[0]);
        FILE *out = fdopen(outp[1], "w");
        int r = server(portp[1], out);
        fclose(out);
        _exit(r);
    }
    close(portp[1]);
    close(outp[1]);
    unsigned short port = 0;
    if (read(portp[0], &port, sizeof port) != sizeof port) {
        printf("no port from the server\n");
        return 1;
    }
    close(portp[0]);
    for (int c = 0; c < 2; c++)
        client_session(port, c);

    int st;
    waitpid(pid, &st, 0);
    char sbuf[2048];
    ssize_t n;
    while ((n = read(outp[0], sbuf, sizeof sbuf)) > 0)
        fwrite(sbuf, 1, (size_t)n, stdout);
    printf("server exit: %s %d\n", WIFEXITED(st) ? "status" : "signal",
           WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));

    /* a port held by a socket that does not listen: refused (and no other
     * program can take the port meanwhile) */
    int held = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = loopback(0);
    socklen_t sl = sizeof sa;
    bind(held, (struct sockaddr *)&sa, sizeof sa);
    getsockname(held, (struct sockaddr *)&sa, &sl);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    SHOW("connect to a port nobody listens on", connect(s, (struct sockaddr *)&sa, sizeof sa));
    close(s);
    close(held);
    s = socket(AF_INET, SOCK_STREAM, 0);
    SHOW("send unconnected", send(s, "x", 1, MSG_NOSIGNAL));
    SHOW("shutdown unconnected", shutdown(s, SHUT_RDWR));
    struct sockaddr_in pa;
    socklen_t pl = sizeof pa;
    SHOW("getpeername unconnected", getpeername(s, (struct sockaddr *)&pa, &pl));
    SHOW("accept unlistening", accept(s, NULL, NULL));
    close(s);
    return 0;
}
