/* echo_client.c — the guest side of tests/net: talks to the host's
 * echo_server and prints what came back.
 *
 *   echo_client TCPPORT UDPPORT
 *
 * TCP: a text line (send, recv MSG_WAITALL); 256 KiB of a fixed pattern in
 * lockstep 4 KiB steps (sendmsg of two iovecs, recvmsg MSG_WAITALL), so
 * neither side's buffers can fill up and deadlock; a half-close and the
 * server's EOF. UDP: three datagrams out with sendmmsg, back with recvmmsg
 * (5 s timeout), each checked against what was sent, the sender's port
 * against the server's. Built statically for each guest and natively; the
 * native run is the oracle, so the output holds no ports, pids or times.
 * Every socket has a 10 s receive timeout: a lost reply fails, never hangs.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define STEP 4096
#define STEPS 64

static struct sockaddr_in server_addr(unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

static int with_timeout(int s)
{
    struct timeval tv = { 10, 0 };
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return s;
}

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

static int tcp_part(unsigned short port)
{
    int s = with_timeout(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in sa = server_addr(port);
    if (connect(s, (struct sockaddr *)&sa, sizeof sa)) {
        printf("tcp: connect failed: errno %d\n", errno);
        return 1;
    }
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    getpeername(s, (struct sockaddr *)&peer, &pl);
    printf("tcp: connected, peer is the server: %s\n",
           pl == sizeof peer && peer.sin_port == sa.sin_port ? "yes" : "no");

    const char *line = "hello from the guest";
    char back[64] = { 0 };
    ssize_t w = send(s, line, strlen(line), 0);
    ssize_t r = recv(s, back, strlen(line), MSG_WAITALL);
    printf("tcp: line sent %zd, echoed %zd: \"%s\"\n", w, r, back);

    static unsigned char out[STEP], in[STEP];
    uint64_t hs = 0xCBF29CE484222325ull, hr = hs;
    long total = 0;
    int bad = 0;
    for (int i = 0; i < STEPS && !bad; i++) {
        for (int j = 0; j < STEP; j++)
            out[j] = (unsigned char)(i * 131 + j * 7 + (j >> 8));
        struct iovec iov[2] = { { out, 1000 }, { out + 1000, STEP - 1000 } };
        struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
        if (sendmsg(s, &m, 0) != STEP) {
            printf("tcp: sendmsg failed at step %d: errno %d\n", i, errno);
            bad = 1;
            break;
        }
        hs = fnv(hs, out, STEP);
        struct iovec riov[2] = { { in, 3000 }, { in + 3000, STEP - 3000 } };
        struct msghdr rm = { .msg_iov = riov, .msg_iovlen = 2 };
        ssize_t n = recvmsg(s, &rm, MSG_WAITALL);
        if (n != STEP) {
            printf("tcp: recvmsg at step %d: %zd errno %d\n", i, n, errno);
            bad = 1;
            break;
        }
        hr = fnv(hr, in, STEP);
        total += n;
    }
    printf("tcp: bulk echoed %ld of %d bytes, checksums equal: %s\n", total, STEP * STEPS,
           !bad && hs == hr ? "yes" : "no");
    printf("tcp: shutdown SHUT_WR %d\n", shutdown(s, SHUT_WR));
    r = recv(s, back, sizeof back, 0);
    printf("tcp: after the half-close the server closes: %s\n", r == 0 ? "yes (EOF)" : "no");
    close(s);
    return bad;
}

static int udp_part(unsigned short port)
{
    int s = with_timeout(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in sa = server_addr(port);
    const char *words[3] = { "datagram one", "two", "and the third datagram" };
    struct iovec iov[3];
    struct mmsghdr out[3];
    memset(out, 0, sizeof out);
    for (int i = 0; i < 3; i++) {
        iov[i] = (struct iovec){ (void *)words[i], strlen(words[i]) };
        out[i].msg_hdr.msg_iov = &iov[i];
        out[i].msg_hdr.msg_iovlen = 1;
        out[i].msg_hdr.msg_name = &sa;
        out[i].msg_hdr.msg_namelen = sizeof sa;
    }
    int n = sendmmsg(s, out, 3, 0);
    printf("udp: sendmmsg %d (%u %u %u bytes)\n", n, out[0].msg_len, out[1].msg_len, out[2].msg_len);

    char bufs[3][64];
    struct iovec riov[3];
    struct sockaddr_in from[3];
    struct mmsghdr in[3];
    memset(in, 0, sizeof in);
    memset(bufs, 0, sizeof bufs);
    int got = 0, bad = n != 3;
    while (got < 3 && !bad) {
        for (int i = got; i < 3; i++) {
            riov[i] = (struct iovec){ bufs[i], sizeof bufs[i] - 1 };
            in[i].msg_hdr.msg_iov = &riov[i];
            in[i].msg_hdr.msg_iovlen = 1;
            in[i].msg_hdr.msg_name = &from[i];
            in[i].msg_hdr.msg_namelen = sizeof from[i];
        }
        struct timespec ts = { 5, 0 };
        int r = recvmmsg(s, in + got, (unsigned)(3 - got), MSG_WAITFORONE, &ts);
        if (r <= 0) {
            printf("udp: recvmmsg: %d errno %d\n", r, errno);
            bad = 1;
            break;
        }
        got += r;
    }
    for (int i = 0; i < got; i++)
        printf("udp: echo %d: \"%s\" (%u bytes) from the server: %s\n", i, bufs[i], in[i].msg_len,
               from[i].sin_port == sa.sin_port ? "yes" : "no");
    close(s);
    return bad;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc != 3) {
        fprintf(stderr, "usage: echo_client TCPPORT UDPPORT\n");
        return 2;
    }
    int bad = tcp_part((unsigned short)atoi(argv[1]));
    bad |= udp_part((unsigned short)atoi(argv[2]));
    printf("client: %s\n", bad ? "FAILED" : "all echoed");
    return bad;
}
