/* net_netlink.c — NETLINK_ROUTE as `ip link` / `ip addr` use it: an
 * RTM_GETLINK dump read with recvmsg (the kernel's sockaddr_nl written
 * back), an RTM_GETADDR dump read with recv after a MSG_PEEK|MSG_TRUNC size
 * probe, an unknown request answered with NLMSG_ERROR, getsockname's port
 * id. Only what is the same on every Linux machine is printed: the loopback
 * interface "lo" (index 1 in every network namespace, ARPHRD_LOOPBACK, up)
 * and its address 127.0.0.1/8 with host scope.
 *
 * The netlink structs and constants are written out here (values from
 * linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h):
 * musl's include path has no linux/ headers.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "net_util.h"

struct nl_addr {            /* struct sockaddr_nl */
    unsigned short family, pad;
    uint32_t pid, groups;
};
struct nl_hdr {             /* struct nlmsghdr */
    uint32_t len;
    uint16_t type, flags;
    uint32_t seq, pid;
};
struct nl_ifaddr {          /* struct ifaddrmsg */
    uint8_t family, prefixlen, flags, scope;
    uint32_t index;
};
struct nl_ifinfo {          /* struct ifinfomsg */
    uint8_t family, pad;
    uint16_t type;
    int32_t index;
    uint32_t flags, change;
};
struct nl_attr {            /* struct rtattr */
    uint16_t len, type;
};

#define G_NETLINK_ROUTE 0
#define G_NLM_F_REQUEST 0x1
#define G_NLM_F_ACK     0x4
#define G_NLM_F_DUMP    0x300
#define G_NLMSG_ERROR   2
#define G_NLMSG_DONE    3
#define G_RTM_NEWLINK   16
#define G_RTM_GETLINK   18
#define G_RTM_NEWADDR   20
#define G_RTM_GETADDR   22
#define G_IFLA_IFNAME   3
#define G_IFA_ADDRESS   1
#define G_IFA_LABEL     3
#define G_IFF_UP        0x1
#define G_IFF_LOOPBACK  0x8
#define G_ARPHRD_LOOPBACK 772
#define G_RT_SCOPE_HOST 254
#define NL_ALIGN(n) (((n) + 3u) & ~3u)

static union {
    char b[65536];
    struct nl_hdr align;
} rx;

static int request(int s, uint16_t type, uint16_t flags, uint32_t seq, const void *body, size_t blen)
{
    struct {
        struct nl_hdr h;
        char body[16];
    } req;
    memset(&req, 0, sizeof req);
    req.h.len = (uint32_t)(sizeof req.h + blen);
    req.h.type = type;
    req.h.flags = flags;
    req.h.seq = seq;
    memcpy(req.body, body, blen);
    struct nl_addr kernel = { .family = AF_NETLINK };
    return (int)sendto(s, &req, req.h.len, 0, (struct sockaddr *)&kernel, sizeof kernel);
}

/* walks the attributes after a message body of blen bytes */
#define FOR_ATTRS(h, blen, a, rem)                                                       \
    for (struct nl_attr *a = (struct nl_attr *)((char *)(h) + sizeof(struct nl_hdr) + NL_ALIGN(blen)); \
         rem = (int)(h)->len - (int)(sizeof(struct nl_hdr) + NL_ALIGN(blen)),              \
         rem >= (int)sizeof *a && a->len >= sizeof *a && (int)a->len <= rem;              \
         rem -= (int)NL_ALIGN(a->len), a = (struct nl_attr *)((char *)a + NL_ALIGN(a->len)))

/* one chunk of a dump: 1 if NLMSG_DONE came */
static int walk(const char *buf, long n, uint16_t want, int *found, int *items)
{
    for (const char *p = buf; p + sizeof(struct nl_hdr) <= buf + n;) {
        struct nl_hdr *h = (struct nl_hdr *)p;
        if (h->len < sizeof *h || p + h->len > buf + n) {
            printf("bad message length\n");
            return 1;
        }
        if (h->type == G_NLMSG_DONE)
            return 1;
        if (h->type == G_NLMSG_ERROR) {
            int err;
            memcpy(&err, p + sizeof *h, sizeof err);
            printf("NLMSG_ERROR %s\n", err_name(-err));
            return 1;
        }
        if (h->type == want && want == G_RTM_NEWLINK) {
            struct nl_ifinfo *ifi = (struct nl_ifinfo *)(p + sizeof *h);
            int rem;
            (*items)++;
            FOR_ATTRS(h, sizeof *ifi, a, rem)
                if (a->type == G_IFLA_IFNAME && strcmp((char *)(a + 1), "lo") == 0) {
                    printf("link lo: index %d type %s loopback %s up %s\n", ifi->index,
                           ifi->type == G_ARPHRD_LOOPBACK ? "ARPHRD_LOOPBACK" : "other",
                           ifi->flags & G_IFF_LOOPBACK ? "yes" : "no",
                           ifi->flags & G_IFF_UP ? "yes" : "no");
                    (*found)++;
                }
        } else if (h->type == want && want == G_RTM_NEWADDR) {
            struct nl_ifaddr *ifa = (struct nl_ifaddr *)(p + sizeof *h);
            (*items)++;
            if (ifa->family == AF_INET) {
                const unsigned char *addr = NULL;
                const char *label = "";
                int rem;
                FOR_ATTRS(h, sizeof *ifa, a, rem) {
                    if (a->type == G_IFA_ADDRESS)
                        addr = (const unsigned char *)(a + 1);
                    if (a->type == G_IFA_LABEL)
                        label = (const char *)(a + 1);
                }
                if (addr && strcmp(label, "lo") == 0 && addr[0] == 127) {
                    printf("addr %s: %u.%u.%u.%u/%u scope %s index %u\n", label, addr[0], addr[1],
                           addr[2], addr[3], ifa->prefixlen,
                           ifa->scope == G_RT_SCOPE_HOST ? "host" : "other", ifa->index);
                    (*found)++;
                }
            }
        }
        p += NL_ALIGN(h->len);
    }
    return 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, G_NETLINK_ROUTE);
    SHOW("socket AF_NETLINK", s < 0 ? -1 : 0);
    struct nl_addr me = { .family = AF_NETLINK };
    SHOW("bind (port id 0: the kernel's pick)", bind(s, (struct sockaddr *)&me, sizeof me));
    socklen_t len = sizeof me;
    SHOW("getsockname", getsockname(s, (struct sockaddr *)&me, &len));
    printf("  len %u family %u port id is the pid: %s\n", (unsigned)len, me.family,
           me.pid == (uint32_t)getpid() ? "yes" : "no");

    /* links, through recvmsg */
    struct nl_ifinfo ifi = { 0 };
    SHOW("send RTM_GETLINK dump", request(s, G_RTM_GETLINK, G_NLM_F_REQUEST | G_NLM_F_DUMP, 1, &ifi, sizeof ifi));
    int found = 0, items = 0, done = 0;
    while (!done) {
        struct nl_addr from;
        memset(&from, 0xff, sizeof from);
        struct iovec iov = { rx.b, sizeof rx.b };
        struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1 };
        long n = recvmsg(s, &m, 0);
        if (n <= 0) {
            printf("recvmsg: %s\n", err_name(errno));
            break;
        }
        if (from.family != AF_NETLINK || from.pid != 0 || m.msg_namelen != sizeof from)
            printf("sender is not the kernel\n");
        done = walk(rx.b, n, G_RTM_NEWLINK, &found, &items);
    }
    printf("links: lo found %d, at least one link %s\n", found, items > 0 ? "yes" : "no");

    /* addresses, through recv after a size probe */
    struct nl_ifaddr ifa = { .family = AF_INET };
    SHOW("send RTM_GETADDR dump", request(s, G_RTM_GETADDR, G_NLM_F_REQUEST | G_NLM_F_DUMP, 2, &ifa, sizeof ifa));
    found = items = done = 0;
    while (!done) {
        char probe[4];
        long need = recv(s, probe, sizeof probe, MSG_PEEK | MSG_TRUNC);
        if (need <= 0 || need > (long)sizeof rx.b) {
            printf("probe: %ld %s\n", need, err_name(errno));
            break;
        }
        long n = recv(s, rx.b, sizeof rx.b, 0);
        if (n != need)
            printf("size probe %ld, message %ld\n", need, n);
        done = walk(rx.b, n, G_RTM_NEWADDR, &found, &items);
    }
    printf("addresses: lo 127.0.0.1 found %d\n", found);

    /* a request type rtnetlink does not know, with an ack asked for */
    struct nl_ifaddr none = { 0 };
    SHOW("send type 127", request(s, 127, G_NLM_F_REQUEST | G_NLM_F_ACK, 3, &none, sizeof none));
    long n = recv(s, rx.b, sizeof rx.b, 0);
    walk(rx.b, n, 0, &found, &items);
    SHOW("recv, nothing left", recv(s, rx.b, sizeof rx.b, MSG_DONTWAIT));
    close(s);
    return 0;
}
