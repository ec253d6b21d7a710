/* net.c — sockets: creation, addresses, messages with control data
 * (SCM_RIGHTS, SCM_CREDENTIALS), sendmmsg/recvmmsg, options, netlink.
 *
 * Handler rows: syscalls/handlers_net.def. net_sc_class tells the signal code
 * how each handler of this file ends when a signal interrupts it.
 *
 * Guest ABI. Both guests use asm-generic's socket ABI, and x86-64 does too
 * (its asm/socket.h and asm/sockios.h only include asm-generic's), so every
 * number and layout passes unchanged. Checked against the guests' headers
 * (/usr/{aarch64,riscv64}-linux-gnu/include) and the host's:
 *  - address families; sockaddr_in 16 bytes, sockaddr_in6 28, sockaddr_un
 *    110, sockaddr_nl 12, sockaddr_storage 128;
 *  - SOL_SOCKET 1 and every SO_* (asm-generic/socket.h on all three);
 *    SO_RCVTIMEO/SO_SNDTIMEO are the _OLD numbers 20/21 on 64-bit, taking a
 *    16-byte struct timeval, as on x86-64;
 *  - SOCK_NONBLOCK = O_NONBLOCK = 04000 and SOCK_CLOEXEC = O_CLOEXEC =
 *    02000000 (asm-generic/fcntl.h's values, which x86-64 uses as well; the
 *    open flags that do differ, O_DIRECT & co on aarch64, are no socket
 *    flags); MSG_* (linux/socket.h, one set for every arch);
 *  - struct msghdr 56 bytes (name 0, namelen 8, iov 16, iovlen 24, control
 *    32, controllen 40, flags 48), struct mmsghdr 64 (msg_len at 56), struct
 *    cmsghdr 16 with 8-byte alignment (CMSG_ALIGN rounds to 8), struct ucred
 *    12, struct iovec 16, struct timespec 16.
 * musl splits msghdr's 64-bit iovlen/controllen and cmsghdr's cmsg_len into
 * an int and zeroed padding: on these little-endian guests the same bytes.
 * Netlink messages are host-endian with natural alignment: both guests are
 * little-endian 64-bit, so RTM_* dumps pass through as they are.
 *
 * Guest pointers. The host kernel never gets a pointer into memory the guest
 * does not own. Where a structure the kernel reads or writes whole is not
 * (all) the guest's, the host gets a fault pointer in its place
 * (guest_fault_ptr, syscalls/guestmem.c: an address in page 0, or in the
 * kernel half for a range past the guest's task size), so the host fails
 * with EFAULT at the very point the kernel would have — after its fd, length
 * and flag checks, after a blocking receive — and errors come in the
 * kernel's order without tern restating them. Structures that hold pointers (msghdr,
 * iovec arrays, mmsghdr arrays, sock_fprog & co) are copied and checked, and
 * the host gets the copy, so another guest thread cannot swap a checked
 * pointer before the kernel follows it. Addresses the kernel writes back
 * (accept, getsockname, getpeername, recvfrom, recvmsg's msg_name) land in a
 * sockaddr_storage of tern's and are copied out as move_addr_to_user does:
 * min(guest length, address length) bytes, then the length. Data buffers a
 * guest owns only in part: a send faults, a receive gets the part the guest
 * owns (data_buf says why).
 * Known gap: setsockopt/getsockopt values the guest owns only in part get
 * EFAULT (the kernel reads only as much as the option needs).
 *
 * AF_UNIX names and -L. An absolute socket path the guest gives bind,
 * connect, sendto, sendmsg or sendmmsg follows the rule of every other
 * absolute name it gives tern (guest_lookup_path, syscalls/fs.c): the
 * sysroot's copy when the sysroot has that name, the host's otherwise. So
 * a socket file the guest can stat under the sysroot is the one it reaches,
 * while a guest connecting to a host service (/run/dbus/..., /dev/log) that
 * the sysroot lacks reaches the host's, and a new name (bind) is created
 * where open(O_CREAT) would create a file (the sysroot's copy only exists to
 * be refused: EADDRINUSE, as natively). qemu-user leaves socket paths alone;
 * tern does not, so that the guest's view of the file system and of its
 * sockets agree. The rewritten name goes to the host in a copy; one too long
 * for sun_path (108 bytes) is reached through an O_PATH descriptor as
 * /proc/self/fd/N, closed after the call. Names the kernel reports back
 * (getsockname, getpeername, accept, recvfrom) are the host's: a socket
 * bound by another program inside the sysroot shows its full host path.
 *
 * Restart classes (the kernel's sock_intr_errno): a blocking accept, connect,
 * send or receive ends with -ERESTARTSYS when the socket has no timeout, and
 * with -EINTR when SO_RCVTIMEO/SO_SNDTIMEO is set. The handlers' class is
 * SIG_SC_RESTARTSYS; a call the host ended with EINTR asks the socket for the
 * timeout that governed it (receive and accept: SO_RCVTIMEO; send and
 * connect: SO_SNDTIMEO) and, when one is set, refines this call's class to
 * SIG_SC_NORESTART (cpu->sig_sc_cls), so the guest gets EINTR even under an
 * SA_RESTART handler, as on the kernel. recvmmsg's timeout is checked
 * between datagrams, its wait is recvmsg's: the same rule.
 *
 * Invariants: no state of its own; fds are the host's (SCM_RIGHTS passes host
 * fds, which are the guest's); the only allocations are freed before return.
 */
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

#define NET_UIO_MAXIOV  1024    /* UIO_MAXIOV: iovecs per message, messages per mmsg call */
#define NET_ADDR_MAX    128     /* sizeof(struct sockaddr_storage): the kernel's bound */

/* guest struct msghdr / mmsghdr (asm-generic 64-bit, = x86-64's) */
struct guest_msghdr {
    uint64_t name;
    int32_t namelen;
    uint32_t pad0;
    uint64_t iov, iovlen, control, controllen;
    int32_t flags;
    uint32_t pad1;
};
struct guest_mmsghdr {
    struct guest_msghdr hdr;
    uint32_t len, pad;
};
_Static_assert(sizeof(struct guest_msghdr) == 56 && sizeof(struct msghdr) == 56, "msghdr");
_Static_assert(offsetof(struct guest_msghdr, controllen) == offsetof(struct msghdr, msg_controllen),
               "msghdr layout");
_Static_assert(sizeof(struct guest_mmsghdr) == 64 && sizeof(struct mmsghdr) == 64, "mmsghdr");
_Static_assert(sizeof(struct iovec) == 16 && sizeof(struct timespec) == 16, "iovec/timespec");
_Static_assert(sizeof(struct sockaddr_storage) == NET_ADDR_MAX, "sockaddr_storage");
_Static_assert(SOCK_NONBLOCK == 04000 && SOCK_CLOEXEC == 02000000, "SOCK_ flags");

#define GMSG_NAMELEN    8       /* offsets in struct guest_msghdr the kernel writes */
#define GMSG_CONTROLLEN 40
#define GMSG_FLAGS      48
#define GMMSG_LEN       56      /* in struct guest_mmsghdr */

/* ---------------- guest pointers ---------------- */

/* a range the host reads whole: its address if the guest may read it all */
static uint64_t in_ptr(struct cpu *cpu, uint64_t addr, int64_t len)
{
    if (addr == 0 || len <= 0 || guest_access_ok(cpu, addr, (uint64_t)len, PROT_READ))
        return addr;
    return guest_fault_ptr(cpu, addr, (uint64_t)len);
}

/* A data buffer of send/recv: *addr and *len become what the host gets. A
 * send reads the whole buffer: one the guest owns only in part faults (the
 * kernel copies a message or a segment at once and fails it whole). A
 * receive writes only as much as arrived: it gets the part the guest owns, so
 * a buffer longer than its mapping works whenever the data fits, as on the
 * kernel. */
static void data_buf(struct cpu *cpu, uint64_t *addr, uint64_t *len, int prot)
{
    uint64_t n = guest_access_len(cpu, *addr, *len, prot);
    if (n == *len)
        return;
    if (n && prot == PROT_WRITE)
        *len = n;
    else
        *addr = guest_fault_ptr(cpu, *addr, *len);
}

/* Makes the cnt iovecs copied into iov[] safe for the host by data_buf's
 * rule: a send's iovec the guest does not own all of faults; a receive stops
 * at the first byte the guest does not own (with nothing before it, that
 * iovec faults). Negative lengths stay (the host's EINVAL, before it touches
 * any buffer) with their buffer faulting. Returns the count to pass. */
static size_t iov_fix(struct cpu *cpu, struct iovec *iov, size_t cnt, int prot)
{
    uint64_t before = 0;
    for (size_t i = 0; i < cnt; i++) {
        uint64_t base = (uint64_t)(uintptr_t)iov[i].iov_base, len = iov[i].iov_len;
        if ((int64_t)len < 0) {
            iov[i].iov_base = (void *)(uintptr_t)guest_fault_ptr(cpu, base, len);
            continue;
        }
        uint64_t n = guest_access_len(cpu, base, len, prot);
        if (n == len) {
            before += n;
            continue;
        }
        if (prot == PROT_WRITE && (n || before)) {
            iov[i].iov_len = n;
            return n ? i + 1 : i;
        }
        iov[i].iov_base = (void *)(uintptr_t)guest_fault_ptr(cpu, base, len);
    }
    return cnt;
}

/* ---- addresses the kernel writes back (move_addr_to_user) ---- */

struct addr_out {
    uint64_t gaddr, glen;   /* the guest's address buffer and its length word */
    bool active;
    int32_t in, len;        /* the guest's length; the length the host wrote */
    struct sockaddr_storage buf;
};

/* *haddr and *hlen: what the host gets. none_if_null: a NULL address asks for no
 * address (accept, recvfrom); getsockname/getpeername copy to it anyway. */
static void addr_out_prep(struct cpu *cpu, struct addr_out *o, uint64_t gaddr, uint64_t glen,
                          bool none_if_null, void **haddr, void **hlen)
{
    o->gaddr = gaddr;
    o->glen = glen;
    o->active = gaddr || !none_if_null;
    o->in = o->len = 0;
    if (!o->active) {
        *haddr = NULL;
        *hlen = NULL;
        return;
    }
    *haddr = &o->buf;
    if (guest_copy_in(cpu, &o->in, glen, sizeof o->in)) {
        *hlen = (void *)(uintptr_t)guest_fault_ptr(cpu, glen, sizeof o->in);
        return;
    }
    o->len = o->in;
    *hlen = &o->len;
}

/* after the host succeeded: 0, or -EFAULT where the kernel's copy would fault */
static long addr_out_done(struct cpu *cpu, struct addr_out *o)
{
    if (!o->active)
        return 0;
    size_t n = (uint32_t)o->len < (uint32_t)o->in ? (uint32_t)o->len : (uint32_t)o->in;
    if (n > NET_ADDR_MAX)
        n = NET_ADDR_MAX;
    if (guest_copy_out(cpu, o->gaddr, &o->buf, n) ||
        guest_copy_out(cpu, o->glen, &o->len, sizeof o->len))
        return -EFAULT;
    return 0;
}

/* ---------------- creation, addresses, connections ---------------- */

#define GAF_RDS 21   /* its messages and options carry pointers tern does not check */

long sc_socket(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    if ((int)a[0] == GAF_RDS) {
        if (log_enabled(LOG_unimp))
            log_printf("unimplemented socket family AF_RDS\n");
        return -EAFNOSUPPORT;
    }
    return HSYS(SYS_socket, a[0], a[1], a[2]);
}

/* the kernel writes both fds after creating the pair, closing them if it
 * cannot */
long sc_socketpair(struct cpu *cpu, uint64_t a[6])
{
    int sv[2];
    long r = HSYS(SYS_socketpair, a[0], a[1], a[2], sv);
    if (r < 0)
        return r;
    if (guest_copy_out(cpu, a[3], sv, sizeof sv)) {
        HSYS(SYS_close, sv[0]);
        HSYS(SYS_close, sv[1]);
        return -EFAULT;
    }
    return r;
}

/* bind/connect: the kernel takes 0..128 address bytes (more: EINVAL) */
static uint64_t addr_in(struct cpu *cpu, uint64_t addr, uint64_t len)
{
    int32_t n = (int32_t)len;
    return n > NET_ADDR_MAX ? addr : in_ptr(cpu, addr, n);
}

/* an address the kernel reads (bind, connect, a destination) with an
 * AF_UNIX path looked up under -L (the top comment) */
struct unix_name {
    struct sockaddr_un sa;   /* the rewritten copy the host gets */
    int fd;                  /* O_PATH descriptor behind a long name, or -1 */
};

/* host address for the guest's [addr, addr+*len): addr_in's, or &u->sa with
 * *len its length when the name is an absolute path the sysroot has */
static uint64_t name_in(struct cpu *cpu, uint64_t addr, uint64_t *len, struct unix_name *u)
{
    u->fd = -1;
    uint64_t h = addr_in(cpu, addr, *len);
    const char *root = cpu->proc->opts.sysroot;
    int32_t n = (int32_t)*len;
    const int path_off = (int)offsetof(struct sockaddr_un, sun_path);
    if (!root || !root[0] || h != addr || !addr || n <= path_off || n > (int32_t)sizeof u->sa)
        return h;   /* no sysroot, not the guest's, or no valid AF_UNIX name */
    memset(&u->sa, 0, sizeof u->sa);
    memcpy(&u->sa, (const void *)(uintptr_t)addr, (size_t)n);
    if (u->sa.sun_family != AF_UNIX || u->sa.sun_path[0] != '/')
        return h;   /* other families, abstract and relative names */
    char path[sizeof u->sa.sun_path + 1], buf[PATH_MAX];
    memcpy(path, u->sa.sun_path, (size_t)(n - path_off));
    path[n - path_off] = 0;   /* a name filling sun_path has no NUL */
    const char *q = guest_sysroot_path(cpu, path, buf);
    if (q == path)
        return h;
    size_t ql = strlen(q);
    if (ql >= sizeof u->sa.sun_path) {
        long fd = HSYS(SYS_openat, AT_FDCWD, q, O_PATH | O_CLOEXEC);
        if (fd < 0)
            return h;
        u->fd = (int)fd;
        ql = (size_t)snprintf(u->sa.sun_path, sizeof u->sa.sun_path, "/proc/self/fd/%d", u->fd);
    } else {
        memcpy(u->sa.sun_path, q, ql + 1);
    }
    *len = (uint64_t)path_off + ql + 1;
    return (uint64_t)(uintptr_t)&u->sa;
}

static long name_done(struct unix_name *u, long r)
{
    if (u->fd >= 0)
        HSYS(SYS_close, u->fd);
    return r;
}

/* r as it is; when the host call was interrupted (EINTR) on a socket with
 * the timeout `opt` (SO_RCVTIMEO or SO_SNDTIMEO) set, this call is not
 * restarted (the top comment) */
static long timed_intr(struct cpu *cpu, uint64_t fd, int opt, long r)
{
    if (r != -EINTR)
        return r;
    struct timeval tv = { 0, 0 };
    socklen_t len = sizeof tv;
    if (HSYS(SYS_getsockopt, fd, SOL_SOCKET, opt, &tv, &len) == 0 &&
        (tv.tv_sec || tv.tv_usec))
        cpu->sig_sc_cls = SIG_SC_NORESTART;
    return r;
}

long sc_bind(struct cpu *cpu, uint64_t a[6])
{
    struct unix_name u;
    uint64_t len = a[2];
    uint64_t addr = name_in(cpu, a[1], &len, &u);
    return name_done(&u, HSYS(SYS_bind, a[0], addr, len));
}

long sc_connect(struct cpu *cpu, uint64_t a[6])
{
    struct unix_name u;
    uint64_t len = a[2];
    uint64_t addr = name_in(cpu, a[1], &len, &u);
    return name_done(&u, timed_intr(cpu, a[0], SO_SNDTIMEO, HSYS(SYS_connect, a[0], addr, len)));
}

long sc_listen(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_listen, a[0], a[1]);
}

long sc_shutdown(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_shutdown, a[0], a[1]);
}

static long do_accept(struct cpu *cpu, uint64_t a[6], int flags)
{
    struct addr_out o;
    void *haddr, *hlen;
    addr_out_prep(cpu, &o, a[1], a[2], true, &haddr, &hlen);
    long r = timed_intr(cpu, a[0], SO_RCVTIMEO, HSYS(SYS_accept4, a[0], haddr, hlen, flags));
    if (r >= 0 && addr_out_done(cpu, &o)) {
        HSYS(SYS_close, r);   /* the kernel drops the connection too */
        return -EFAULT;
    }
    return r;
}

long sc_accept(struct cpu *cpu, uint64_t a[6])
{
    return do_accept(cpu, a, 0);
}

long sc_accept4(struct cpu *cpu, uint64_t a[6])
{
    return do_accept(cpu, a, (int)a[3]);
}

static long sockname(struct cpu *cpu, uint64_t a[6], long nr)
{
    struct addr_out o;
    void *haddr, *hlen;
    addr_out_prep(cpu, &o, a[1], a[2], false, &haddr, &hlen);
    long r = HSYS(nr, a[0], haddr, hlen);
    if (r >= 0 && addr_out_done(cpu, &o))
        return -EFAULT;
    return r;
}

long sc_getsockname(struct cpu *cpu, uint64_t a[6])
{
    return sockname(cpu, a, SYS_getsockname);
}

long sc_getpeername(struct cpu *cpu, uint64_t a[6])
{
    return sockname(cpu, a, SYS_getpeername);
}

/* ---------------- sendto / recvfrom ---------------- */

long sc_sendto(struct cpu *cpu, uint64_t a[6])
{
    uint64_t buf = a[1], len = a[2];
    data_buf(cpu, &buf, &len, PROT_READ);
    struct unix_name u;
    uint64_t alen = a[5];
    uint64_t addr = name_in(cpu, a[4], &alen, &u);
    return name_done(&u, timed_intr(cpu, a[0], SO_SNDTIMEO,
                                    HSYS(SYS_sendto, a[0], buf, len, a[3], addr, alen)));
}

long sc_recvfrom(struct cpu *cpu, uint64_t a[6])
{
    uint64_t buf = a[1], len = a[2];
    data_buf(cpu, &buf, &len, PROT_WRITE);
    struct addr_out o;
    void *haddr, *hlen;
    addr_out_prep(cpu, &o, a[4], a[5], true, &haddr, &hlen);
    long r = timed_intr(cpu, a[0], SO_RCVTIMEO, HSYS(SYS_recvfrom, a[0], buf, len, a[3], haddr, hlen));
    if (r >= 0 && addr_out_done(cpu, &o))
        return -EFAULT;   /* the data is gone, as on the kernel */
    return r;
}

/* ---------------- sendmsg / recvmsg ---------------- */

/* one message: the host's header built from the guest's */
struct net_msg {
    struct guest_msghdr g;          /* the guest's, as read */
    struct msghdr h;                /* what the host gets (and updates) */
    struct sockaddr_storage name;   /* receiving: the name lands here */
    struct unix_name un;            /* sending: an AF_UNIX name under -L */
};

/* Fills m->h from m->g with every pointer checked (the top comment's rules);
 * iov has room for min(g.iovlen, NET_UIO_MAXIOV) entries. Send: the kernel's
 * __copy_msghdr reads min(namelen, 128) name bytes (negative: EINVAL) and the
 * whole control buffer (over INT_MAX: ENOBUFS); iovlen over UIO_MAXIOV is
 * EMSGSIZE before the iovecs are read. Receive: cmsgs are written in order
 * from the start, so the part of the control buffer the guest owns is what
 * the host gets (the rest: MSG_CTRUNC); a NULL control buffer is the
 * kernel's own MSG_CTRUNC case and passes as it is. */
static void msg_prep(struct cpu *cpu, struct net_msg *m, bool recv,
                     struct iovec *iov)
{
    const struct guest_msghdr *g = &m->g;
    struct msghdr *h = &m->h;
    memset(h, 0, sizeof *h);
    h->msg_flags = g->flags;

    h->msg_namelen = (socklen_t)g->namelen;
    h->msg_name = (void *)(uintptr_t)g->name;
    m->un.fd = -1;
    if (g->name && recv) {
        h->msg_name = &m->name;   /* the host writes min(namelen, its length) bytes */
    } else if (g->name && g->namelen > 0) {
        uint64_t len = (uint32_t)g->namelen;
        uint64_t host = name_in(cpu, g->name, &len, &m->un);
        if (host == g->name)
            host = in_ptr(cpu, g->name, g->namelen > NET_ADDR_MAX ? NET_ADDR_MAX : g->namelen);
        h->msg_name = (void *)(uintptr_t)host;
        h->msg_namelen = (socklen_t)len;
    }

    h->msg_iovlen = g->iovlen;
    if (g->iovlen > NET_UIO_MAXIOV ||
        guest_copy_in(cpu, iov, g->iov, g->iovlen * sizeof *iov)) {
        /* EMSGSIZE or EFAULT */
        h->msg_iov = (void *)(uintptr_t)guest_fault_ptr(cpu, g->iov, g->iovlen * sizeof *iov);
    } else {
        h->msg_iov = iov;
        h->msg_iovlen = iov_fix(cpu, iov, g->iovlen, recv ? PROT_WRITE : PROT_READ);
    }

    h->msg_controllen = g->controllen;
    h->msg_control = (void *)(uintptr_t)g->control;
    if (!g->control || !g->controllen)
        return;
    if (recv) {
        uint64_t n = guest_access_len(cpu, g->control, g->controllen, PROT_WRITE);
        if (n)
            h->msg_controllen = n;
        else
            h->msg_control = (void *)(uintptr_t)guest_fault_ptr(cpu, g->control, g->controllen);
    } else if (!guest_access_ok(cpu, g->control, g->controllen, PROT_READ)) {
        /* ENOBUFS first if > INT_MAX */
        h->msg_control = (void *)(uintptr_t)guest_fault_ptr(cpu, g->control, g->controllen);
    }
}

/* after a receive: what the kernel writes back into the guest's msghdr at
 * gmsg — the name (and its length), msg_flags, msg_controllen (the bytes of
 * cmsgs written). 0 or -EFAULT. */
static long msg_done(struct cpu *cpu, uint64_t gmsg, const struct net_msg *m)
{
    if (m->g.name) {
        uint32_t klen = m->h.msg_namelen;
        uint32_t n = (uint32_t)m->g.namelen < klen ? (uint32_t)m->g.namelen : klen;
        if (n > NET_ADDR_MAX)
            n = NET_ADDR_MAX;
        if (guest_copy_out(cpu, m->g.name, &m->name, n) ||
            guest_copy_out(cpu, gmsg + GMSG_NAMELEN, &klen, 4))
            return -EFAULT;
    }
    int32_t flags = m->h.msg_flags;
    uint64_t clen = m->h.msg_controllen;
    if (guest_copy_out(cpu, gmsg + GMSG_FLAGS, &flags, 4) ||
        guest_copy_out(cpu, gmsg + GMSG_CONTROLLEN, &clen, 8))
        return -EFAULT;
    return 0;
}

static long msg_call(struct cpu *cpu, uint64_t a[6], bool recv)
{
    long nr = recv ? SYS_recvmsg : SYS_sendmsg;
    struct net_msg m;
    if (guest_copy_in(cpu, &m.g, a[1], sizeof m.g))
        return HSYS(nr, a[0], guest_fault_ptr(cpu, a[1], sizeof m.g), a[2]);
    struct iovec iov[NET_UIO_MAXIOV];
    msg_prep(cpu, &m, recv, iov);
    long r = name_done(&m.un, timed_intr(cpu, a[0], recv ? SO_RCVTIMEO : SO_SNDTIMEO,
                                         HSYS(nr, a[0], &m.h, a[2])));
    if (r >= 0 && recv && msg_done(cpu, a[1], &m))
        return -EFAULT;
    return r;
}

long sc_sendmsg(struct cpu *cpu, uint64_t a[6])
{
    return msg_call(cpu, a, false);
}

long sc_recvmsg(struct cpu *cpu, uint64_t a[6])
{
    return msg_call(cpu, a, true);
}

/* ---------------- sendmmsg / recvmmsg ---------------- */

/* The kernel takes at most UIO_MAXIOV messages and reads each header as it
 * comes to it: one it cannot read ends the batch (EFAULT if it is the first).
 * So the headers the guest owns are copied, the host gets that many, and each
 * answered one gets its msg_len (and for a receive its msghdr fields) back; a
 * write-back that faults ends the count there (EFAULT if at the first), as
 * the kernel's put_user does. recvmmsg's timeout is read first (EFAULT
 * before anything else) and written back when datagrams came. */
static long mmsg_call(struct cpu *cpu, uint64_t a[6], bool recv)
{
    long nr = recv ? SYS_recvmmsg : SYS_sendmmsg;
    uint64_t gvec = a[1];
    uint32_t vlen = (uint32_t)a[2];
    struct timespec ts, *hts = NULL;
    if (recv && a[4]) {
        if (guest_copy_in(cpu, &ts, a[4], sizeof ts))
            return -EFAULT;
        hts = &ts;
    }
    if (vlen > NET_UIO_MAXIOV)
        vlen = NET_UIO_MAXIOV;
    size_t n = guest_access_len(cpu, gvec, (uint64_t)vlen * sizeof(struct guest_mmsghdr),
                                PROT_READ) / sizeof(struct guest_mmsghdr);
    if (n == 0)
        return HSYS(nr, a[0],
                    vlen ? guest_fault_ptr(cpu, gvec, (uint64_t)vlen * sizeof(struct guest_mmsghdr))
                         : gvec,
                    vlen, a[3], hts);

    struct net_msg *m = calloc(n, sizeof *m);
    struct mmsghdr *hv = calloc(n, sizeof *hv);
    if (!m || !hv) {
        free(m);
        free(hv);
        return -ENOMEM;
    }
    size_t niov = 0;
    for (size_t i = 0; i < n; i++) {
        struct guest_mmsghdr e;
        if (guest_copy_in(cpu, &e, gvec + i * sizeof e, sizeof e)) {
            n = i;   /* unmapped since by another thread: the batch ends there */
            break;
        }
        m[i].g = e.hdr;
        if (e.hdr.iovlen <= NET_UIO_MAXIOV)
            niov += e.hdr.iovlen;
    }
    struct iovec *iov = calloc(niov ? niov : 1, sizeof *iov);
    if (!iov) {
        free(m);
        free(hv);
        return -ENOMEM;
    }
    struct iovec *next = iov;
    for (size_t i = 0; i < n; i++) {
        msg_prep(cpu, &m[i], recv, next);
        if (m[i].g.iovlen <= NET_UIO_MAXIOV)
            next += m[i].g.iovlen;
        hv[i].msg_hdr = m[i].h;
    }

    long r = timed_intr(cpu, a[0], recv ? SO_RCVTIMEO : SO_SNDTIMEO,
                        HSYS(nr, a[0], hv, n, a[3], hts));
    for (size_t i = 0; i < n; i++)
        name_done(&m[i].un, 0);
    for (long i = 0; i < r; i++) {
        uint64_t ge = gvec + (uint64_t)i * sizeof(struct guest_mmsghdr);
        m[i].h = hv[i].msg_hdr;
        if ((recv && msg_done(cpu, ge, &m[i])) ||
            guest_copy_out(cpu, ge + GMMSG_LEN, &hv[i].msg_len, 4)) {
            r = i ? i : -EFAULT;
            break;
        }
    }
    if (r > 0 && hts && guest_copy_out(cpu, a[4], &ts, sizeof ts))
        r = -EFAULT;
    free(iov);
    free(hv);
    free(m);
    return r;
}

long sc_sendmmsg(struct cpu *cpu, uint64_t a[6])
{
    return mmsg_call(cpu, a, false);
}

long sc_recvmmsg(struct cpu *cpu, uint64_t a[6])
{
    return mmsg_call(cpu, a, true);
}

/* ---------------- options ---------------- */

/* Option values holding a pointer the kernel follows. The value is copied
 * (min_len bytes at least), the pointer checked, and the host gets the copy.
 * Columns: level, name, the optlen the pointer is read at (0: any >= min_len),
 * min_len, offset of the pointer, offset and width of its count, bytes per
 * counted element, what the kernel does with the memory. Values from the
 * kernel headers; the layouts are the same on x86-64 and both guests. */
struct nested_opt {
    int level, name;
    uint32_t exact_len, min_len;
    uint16_t ptr_off, cnt_off, cnt_size;
    uint32_t elem;
    int prot;
};
static const struct nested_opt nested_opts[] = {
    /* level  name                        exact min ptr cnt w  elem prot */
    { 1,      26 /* SO_ATTACH_FILTER */,         16, 16, 8, 0, 2, 8,  PROT_READ },  /* sock_fprog */
    { 1,      51 /* SO_ATTACH_REUSEPORT_CBPF */, 16, 16, 8, 0, 2, 8,  PROT_READ },
    { 263,    22 /* SOL_PACKET PACKET_FANOUT_DATA */, 16, 16, 8, 0, 2, 8, PROT_READ }, /* cBPF */
    { 0,      64 /* IPT_SO_SET_REPLACE */,        0, 96, 88, 84, 4, 16, PROT_WRITE }, /* counters */
    { 41,     64 /* IP6T_SO_SET_REPLACE */,       0, 96, 88, 84, 4, 16, PROT_WRITE },
    { 0,      96 /* ARPT_SO_SET_REPLACE */,       0, 80, 72, 68, 4, 16, PROT_WRITE },
    { 283,    4  /* SOL_XDP XDP_UMEM_REG */,      0, 16, 0, 8, 8, 1, PROT_READ | PROT_WRITE }, /* pinned */
};

/* options whose values hold pointers tern does not follow (ebtables' entry
 * tables, TCP zero-copy receive): refused, logged under -d unimp.
 * Columns: level, name, for getsockopt (else setsockopt). */
static const struct { int level, name; bool get; } refused_opts[] = {
    { 0, 128, false },  /* EBT_SO_SET_ENTRIES */
    { 0, 129, false },  /* EBT_SO_SET_COUNTERS */
    { 0, 129, true },   /* EBT_SO_GET_ENTRIES */
    { 0, 131, true },   /* EBT_SO_GET_INIT_ENTRIES */
    { 6, 35, true },    /* TCP_ZEROCOPY_RECEIVE */
};

static bool opt_refused(int level, int name, bool get)
{
    for (size_t i = 0; i < sizeof refused_opts / sizeof refused_opts[0]; i++)
        if (refused_opts[i].level == level && refused_opts[i].name == name && refused_opts[i].get == get) {
            if (log_enabled(LOG_unimp))
                log_printf("unimplemented %ssockopt level %d option %d\n", get ? "get" : "set",
                           level, name);
            return true;
        }
    return false;
}

static const struct nested_opt *nested_opt(int level, int name, int32_t len)
{
    for (size_t i = 0; i < sizeof nested_opts / sizeof nested_opts[0]; i++) {
        const struct nested_opt *o = &nested_opts[i];
        if (o->level == level && o->name == name && (!o->exact_len || (uint32_t)len == o->exact_len))
            return o;
    }
    return NULL;
}

/* setsockopt of a nested_opts value: the copy with its pointer checked */
static long setsockopt_nested(struct cpu *cpu, uint64_t a[6], const struct nested_opt *o, int32_t len)
{
    size_t size = (uint32_t)len > o->min_len ? (uint32_t)len : o->min_len;
    uint8_t *v = malloc(size);
    if (!v)
        return -ENOMEM;
    long r;
    if (guest_copy_in(cpu, v, a[3], size)) {
        r = HSYS(SYS_setsockopt, a[0], a[1], a[2], guest_fault_ptr(cpu, a[3], size), len);
    } else {
        uint64_t ptr = 0, cnt = 0;
        memcpy(&ptr, v + o->ptr_off, 8);
        memcpy(&cnt, v + o->cnt_off, o->cnt_size);   /* little-endian: the low bytes */
        uint64_t bytes = cnt * o->elem;
        if (ptr && bytes && !guest_access_ok(cpu, ptr, bytes, o->prot)) {
            ptr = guest_fault_ptr(cpu, ptr, bytes);
            memcpy(v + o->ptr_off, &ptr, 8);
        }
        r = HSYS(SYS_setsockopt, a[0], a[1], a[2], v, len);
    }
    free(v);
    return r;
}

long sc_setsockopt(struct cpu *cpu, uint64_t a[6])
{
    int level = (int)a[1], name = (int)a[2];
    int32_t len = (int32_t)a[4];
    if (opt_refused(level, name, false))
        return -ENOPROTOOPT;
    const struct nested_opt *o = len >= 0 && a[3] ? nested_opt(level, name, len) : NULL;
    if (o)
        return setsockopt_nested(cpu, a, o, len);
    /* an empty value is never read: a non-NULL pointer to it may fault */
    uint64_t val = a[3] && len <= 0 ? guest_fault_ptr(cpu, a[3], 0) : in_ptr(cpu, a[3], len);
    return HSYS(SYS_setsockopt, a[0], a[1], a[2], val, a[4]);
}

/* The kernel reads *optlen, writes at most that many bytes (SO_GET_FILTER:
 * that many 8-byte filter blocks) and writes the length back — also with some
 * errors (ERANGE: the length needed). */
long sc_getsockopt(struct cpu *cpu, uint64_t a[6])
{
    int level = (int)a[1], name = (int)a[2];
    if (opt_refused(level, name, true))
        return -ENOPROTOOPT;
    int32_t in;
    if (guest_copy_in(cpu, &in, a[4], sizeof in))
        return HSYS(SYS_getsockopt, a[0], a[1], a[2], a[3], guest_fault_ptr(cpu, a[4], sizeof in));
    uint64_t size = in > 0 ? (uint64_t)in : 0;
    if (level == SOL_SOCKET && name == SO_GET_FILTER)
        size *= 8;
    uint64_t val = a[3];
    if (val && (size == 0 || !guest_access_ok(cpu, val, size, PROT_WRITE)))
        val = guest_fault_ptr(cpu, val, size);
    int32_t len = in;
    long r = HSYS(SYS_getsockopt, a[0], a[1], a[2], val, &len);
    if (r == -TERN_ERESTART)
        return r;
    if ((r == 0 || len != in) && guest_copy_out(cpu, a[4], &len, sizeof len))
        return -EFAULT;
    return r;
}

/* ---------------- restart classes ---------------- */

/* Rows: handler, class (the top comment says why). The rest never block. */
int net_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    static const struct {
        long (*fn)(struct cpu *, uint64_t *);
        int cls;
    } rows[] = {
        { sc_accept,   SIG_SC_RESTARTSYS },
        { sc_accept4,  SIG_SC_RESTARTSYS },
        { sc_connect,  SIG_SC_RESTARTSYS },
        { sc_sendto,   SIG_SC_RESTARTSYS },
        { sc_recvfrom, SIG_SC_RESTARTSYS },
        { sc_sendmsg,  SIG_SC_RESTARTSYS },
        { sc_recvmsg,  SIG_SC_RESTARTSYS },
        { sc_sendmmsg, SIG_SC_RESTARTSYS },
        { sc_recvmmsg, SIG_SC_RESTARTSYS },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].fn == fn)
            return rows[i].cls;
    return SIG_SC_PLAIN;
}
