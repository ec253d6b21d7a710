/* echo_server.c — the host side of tests/net: a native (x86-64) echo server
 * for the guest clients run under tern.
 *
 *   echo_server PORTFILE
 *
 * Listens on an ephemeral TCP port and binds an ephemeral UDP port, both on
 * 127.0.0.1, and writes "TCPPORT UDPPORT\n" to PORTFILE (written to
 * PORTFILE.tmp and renamed, so a reader never sees half a line). Then it
 * echoes: every byte a TCP connection sends goes back to it until the
 * client closes; every UDP datagram goes back to its sender. One poll loop
 * serves everything, so no client can block another.
 *
 * It never outlives its test: it exits on SIGTERM/SIGINT (the script's
 * clean-up), when its parent goes away, and after 120 seconds in any case.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNS 16
#define LIFETIME 120

static int bound(int type, unsigned short *port)
{
    int s = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    if (bind(s, (struct sockaddr *)&sa, sizeof sa) ||
        getsockname(s, (struct sockaddr *)&sa, &len) ||
        (type == SOCK_STREAM && listen(s, MAX_CONNS))) {
        close(s);
        return -1;
    }
    *port = ntohs(sa.sin_port);
    return s;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: echo_server PORTFILE\n");
        return 2;
    }
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    alarm(LIFETIME);

    unsigned short tport, uport;
    int ls = bound(SOCK_STREAM, &tport), us = bound(SOCK_DGRAM, &uport);
    if (ls < 0 || us < 0) {
        perror("echo_server: socket");
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%u %u\n", tport, uport) < 0 || fclose(f) || rename(tmp, argv[1])) {
        perror("echo_server: port file");
        return 1;
    }

    struct pollfd pf[2 + MAX_CONNS];
    int nconn = 0;
    pf[0] = (struct pollfd){ .fd = ls, .events = POLLIN };
    pf[1] = (struct pollfd){ .fd = us, .events = POLLIN };
    static char buf[65536];
    for (;;) {
        int r = poll(pf, (nfds_t)(2 + nconn), -1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            perror("echo_server: poll");
            return 1;
        }
        if (pf[0].revents & POLLIN) {
            int c = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
            if (c >= 0 && nconn < MAX_CONNS)
                pf[2 + nconn++] = (struct pollfd){ .fd = c, .events = POLLIN };
            else if (c >= 0)
                close(c);
        }
        if (pf[1].revents & POLLIN) {
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            ssize_t n = recvfrom(us, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
            if (n >= 0)
                sendto(us, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
        }
        for (int i = 0; i < nconn; i++) {
            struct pollfd *p = &pf[2 + i];
            if (!(p->revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = recv(p->fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            if (n <= 0 || send_all(p->fd, buf, (size_t)n)) {
                close(p->fd);
                pf[2 + i] = pf[2 + --nconn];
                i--;
            }
        }
    }
}
