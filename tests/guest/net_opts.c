/* net_opts.c — getsockopt/setsockopt round trips: SO_REUSEADDR, SO_RCVBUF
 * and SO_SNDBUF (the kernel doubles what it is given), TCP_NODELAY,
 * SO_RCVTIMEO (a struct timeval, and the EAGAIN it gives a blocking
 * receive), SO_LINGER, SO_TYPE/SO_DOMAIN/SO_PROTOCOL/SO_ACCEPTCONN,
 * SO_ERROR, SO_KEEPALIVE + TCP_KEEPIDLE; lengths: a short optlen (fewer
 * bytes written), optlen 0, negative optlen; a classic BPF filter through
 * SO_ATTACH_FILTER (a struct holding a pointer) read back with
 * SO_GET_FILTER (lengths in filter blocks), its bad-pointer EFAULT;
 * unknown options (ENOPROTOOPT), bad pointers (EFAULT).
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "net_util.h"

/* linux/filter.h's struct sock_filter and struct sock_fprog, and the two
 * instructions used (musl's include path has no linux/ headers) */
struct cbpf_insn {
    unsigned short code;
    unsigned char jt, jf;
    unsigned int k;
};
struct cbpf_prog {
    unsigned short len;
    struct cbpf_insn *filter;
};
#define CBPF_LD_W_LEN 0x80   /* BPF_LD | BPF_W | BPF_LEN */
#define CBPF_RET_K    0x06   /* BPF_RET | BPF_K */

static int get_int(int s, int level, int name, const char *label)
{
    int v = -12345;
    socklen_t len = sizeof v;
    int r = getsockopt(s, level, name, &v, &len);
    if (r)
        printf("%-26s -> %s\n", label, err_name(errno));
    else
        printf("%-26s -> %d (len %u)\n", label, v, (unsigned)len);
    return v;
}

static void set_int(int s, int level, int name, int v, const char *label)
{
    int r = setsockopt(s, level, name, &v, sizeof v);
    printf("%-26s <- %d: %s\n", label, v, r ? err_name(errno) : "OK");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int t = socket(AF_INET, SOCK_STREAM, 0);
    int u = socket(AF_INET, SOCK_DGRAM, 0);

    get_int(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
    set_int(t, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
    get_int(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
    set_int(t, SOL_SOCKET, SO_RCVBUF, 4096, "SO_RCVBUF");
    get_int(t, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF (doubled)");
    set_int(t, SOL_SOCKET, SO_SNDBUF, 8192, "SO_SNDBUF");
    get_int(t, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF (doubled)");
    get_int(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
    set_int(t, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
    get_int(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
    set_int(t, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
    get_int(t, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE");
    set_int(t, IPPROTO_TCP, TCP_KEEPIDLE, 77, "TCP_KEEPIDLE");
    get_int(t, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE");
    set_int(t, IPPROTO_TCP, TCP_KEEPIDLE, 0, "TCP_KEEPIDLE");
    get_int(t, SOL_SOCKET, SO_TYPE, "SO_TYPE tcp");
    get_int(u, SOL_SOCKET, SO_TYPE, "SO_TYPE udp");
    get_int(u, SOL_SOCKET, SO_DOMAIN, "SO_DOMAIN");
    get_int(u, SOL_SOCKET, SO_PROTOCOL, "SO_PROTOCOL udp");
    get_int(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN");
    listen(t, 1);
    get_int(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN listening");
    get_int(t, SOL_SOCKET, SO_ERROR, "SO_ERROR");
    set_int(t, SOL_SOCKET, SO_TYPE, 1, "SO_TYPE (read-only)");
    set_int(t, SOL_SOCKET, 12345, 1, "option 12345");
    get_int(t, SOL_SOCKET, 12345, "option 12345");
    set_int(t, 12345, 1, 1, "level 12345");

    /* a struct timeval, and what it does to a blocking receive */
    struct timeval tv = { 0, 250000 }, back = { 9, 9 };
    SHOW("setsockopt SO_RCVTIMEO 0.25s", setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    socklen_t len = sizeof back;
    SHOW("getsockopt SO_RCVTIMEO", getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &back, &len));
    printf("  %ld.%06ld len %u\n", (long)back.tv_sec, (long)back.tv_usec, (unsigned)len);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(u, (struct sockaddr *)&sa, sizeof sa);
    char c;
    SHOW("recv, times out", recv(u, &c, 1, 0));
    SHOW("setsockopt SO_RCVTIMEO short", setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, 8));

    struct linger lg = { 1, 7 }, lb = { 0, 0 };
    SHOW("setsockopt SO_LINGER", setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    len = sizeof lb;
    SHOW("getsockopt SO_LINGER", getsockopt(t, SOL_SOCKET, SO_LINGER, &lb, &len));
    printf("  onoff %d linger %d len %u\n", lb.l_onoff, lb.l_linger, (unsigned)len);

    /* lengths */
    int v = 0x77777777;
    len = 2;
    SHOW("getsockopt SO_REUSEADDR len 2", getsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, &len));
    printf("  value %#x len %u\n", v, (unsigned)len);
    len = 0;
    SHOW("getsockopt SO_RCVBUF len 0", getsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, &len));
    printf("  len %u\n", (unsigned)len);
    len = (socklen_t)-1;
    SHOW("getsockopt len -1", getsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, &len));
    SHOW("setsockopt len -1", setsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, (socklen_t)-1));
    SHOW("setsockopt len 2", setsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, 2));
    SHOW("setsockopt NULL value", setsockopt(t, SOL_SOCKET, SO_RCVBUF, NULL, 4));

    /* bad pointers (raw calls: no libc in between) */
    void *bad = unmapped_page();
    len = sizeof v;
    SHOW("getsockopt bad value", syscall(SYS_getsockopt, t, SOL_SOCKET, SO_RCVBUF, bad, &len));
    SHOW("getsockopt bad optlen", syscall(SYS_getsockopt, t, SOL_SOCKET, SO_RCVBUF, &v, bad));
    SHOW("setsockopt bad value", syscall(SYS_setsockopt, t, SOL_SOCKET, SO_RCVBUF, bad, 4));
    SHOW("getsockopt bad fd, bad optlen", syscall(SYS_getsockopt, -1, SOL_SOCKET, SO_RCVBUF, &v, bad));
    /* the value at the very end of a mapping: the option's 4 bytes fit */
    int *edge = (int *)edge_buf(sizeof(int));
    len = sizeof(int);
    SHOW("getsockopt value at mapping end", getsockopt(t, SOL_SOCKET, SO_RCVBUF, edge, &len));
    printf("  value %d\n", *edge);

    /* a classic BPF filter: "accept the whole packet" */
    struct cbpf_insn code[2] = {
        { CBPF_LD_W_LEN, 0, 0, 0 },
        { CBPF_RET_K, 0, 0, 0xffff },
    };
    struct cbpf_prog prog = { 2, code };
    SHOW("SO_ATTACH_FILTER", setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog));
    len = 0;
    SHOW("SO_GET_FILTER len 0 (count)", getsockopt(u, SOL_SOCKET, SO_GET_FILTER, NULL, &len));
    printf("  blocks %u\n", (unsigned)len);
    struct cbpf_insn got[2];
    memset(got, 0, sizeof got);
    len = 2;
    SHOW("SO_GET_FILTER 2 blocks", getsockopt(u, SOL_SOCKET, SO_GET_FILTER, got, &len));
    printf("  len %u: %#x/%u %#x/%u\n", (unsigned)len, got[0].code, got[0].k, got[1].code, got[1].k);
    len = 1;
    SHOW("SO_GET_FILTER 1 block", getsockopt(u, SOL_SOCKET, SO_GET_FILTER, got, &len));
    SHOW("SO_DETACH_FILTER", setsockopt(u, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof v));
    struct cbpf_prog badprog = { 2, bad };
    SHOW("SO_ATTACH_FILTER bad code ptr", setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, &badprog, sizeof badprog));
    SHOW("SO_ATTACH_FILTER short optlen", setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, &prog, 8));
    struct cbpf_prog empty = { 0, code };
    SHOW("SO_ATTACH_FILTER 0 blocks", setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, &empty, sizeof empty));
    close(t);
    close(u);
    return 0;
}
