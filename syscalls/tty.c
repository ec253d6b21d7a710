/* tty.c — ioctl: every request tern knows (termios, window size, job control,
 * ptys, modem lines, FIONREAD/FIONBIO..., and the arch-independent file,
 * block-device and socket requests real programs use), checked against guest
 * memory; unknown requests -ENOTTY, logged under -d unimp. And vhangup.
 *
 * Both guests use asm-generic/ioctls.h and asm-generic/termbits.h, and so does
 * x86-64 (its asm/ioctls.h and asm/termbits.h only include the generic ones):
 * the request numbers, struct termios (NCCS 19: 4 flag words, c_line, 19 c_cc
 * bytes = 36 bytes), termios2 (+ c_ispeed, c_ospeed = 44), termio (18), every
 * c_*flag bit and c_cc index, and struct winsize are the same on all three.
 * The other requests are _IOC-encoded with arch-independent types (their
 * sizes checked with all three compilers). So the table's guest and host
 * columns agree, and the only translation is TIOCGPTPEER's open flags; the
 * columns stay separate so that a request that ever differs has its place.
 *
 * Pointers: an argument the guest does not own reaches the host kernel as a
 * fault pointer (guest_host_ptr, syscalls/guestmem.c), so the
 * host's order of checks is the guest's: a bad fd is EBADF and a termios
 * request on a pipe ENOTTY before any EFAULT.
 *
 * Handler rows: syscalls/handlers_tty.def. tty_sc_class tells the signal code
 * how each handler of this file ends when a signal interrupts it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm before the host kernel sees them (syscalls/guestmem.c); fds are the
 * host's.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <asm/termbits.h>   /* struct termios2, which TCGETS2 and friends encode */
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/sockios.h>
#include <net/if.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

/* What the third argument is. */
enum io_arg {
    IO_NONE,     /* unused */
    IO_VAL,      /* a plain value */
    IO_IN,       /* points to size bytes the kernel reads */
    IO_OUT,      /* points to size bytes the kernel writes */
    IO_INOUT,    /* both */
    IO_OFLAGS,   /* open flags by value (TIOCGPTPEER): translated */
    IO_IFCONF,   /* struct ifconf, whose buffer pointer is checked too */
};

/* Requests tern passes on. Columns: guest request (the guests' kernel
 * headers), host request (x86-64's), name (for the log), argument, its size in
 * bytes (what the kernel actually moves: FS_IOC_GETFLAGS encodes a long but
 * moves an int). */
static const struct ioctl_cmd {
    uint32_t guest, host;
    const char *name;
    enum io_arg arg;
    unsigned size;
} ioctl_cmds[] = {
    /* guest       host                  name                 arg        size */
    /* termios: struct termios (36), termio (18), termios2 (44) */
    { 0x5401,     TCGETS,              "TCGETS",            IO_OUT,    36 },
    { 0x5402,     TCSETS,              "TCSETS",            IO_IN,     36 },
    { 0x5403,     TCSETSW,             "TCSETSW",           IO_IN,     36 },
    { 0x5404,     TCSETSF,             "TCSETSF",           IO_IN,     36 },
    { 0x5405,     TCGETA,              "TCGETA",            IO_OUT,    18 },
    { 0x5406,     TCSETA,              "TCSETA",            IO_IN,     18 },
    { 0x5407,     TCSETAW,             "TCSETAW",           IO_IN,     18 },
    { 0x5408,     TCSETAF,             "TCSETAF",           IO_IN,     18 },
    { 0x802c542a, TCGETS2,             "TCGETS2",           IO_OUT,    44 },
    { 0x402c542b, TCSETS2,             "TCSETS2",           IO_IN,     44 },
    { 0x402c542c, TCSETSW2,            "TCSETSW2",          IO_IN,     44 },
    { 0x402c542d, TCSETSF2,            "TCSETSF2",          IO_IN,     44 },
    { 0x5456,     TIOCGLCKTRMIOS,      "TIOCGLCKTRMIOS",    IO_OUT,    36 },
    { 0x5457,     TIOCSLCKTRMIOS,      "TIOCSLCKTRMIOS",    IO_IN,     36 },
    /* line control and queues */
    { 0x5409,     TCSBRK,              "TCSBRK",            IO_VAL,    0 },
    { 0x5425,     TCSBRKP,             "TCSBRKP",           IO_VAL,    0 },
    { 0x5427,     TIOCSBRK,            "TIOCSBRK",          IO_NONE,   0 },
    { 0x5428,     TIOCCBRK,            "TIOCCBRK",          IO_NONE,   0 },
    { 0x540A,     TCXONC,              "TCXONC",            IO_VAL,    0 },
    { 0x540B,     TCFLSH,              "TCFLSH",            IO_VAL,    0 },
    { 0x5411,     TIOCOUTQ,            "TIOCOUTQ",          IO_OUT,    4 },
    { 0x541B,     FIONREAD,            "FIONREAD",          IO_OUT,    4 },
    { 0x5412,     TIOCSTI,             "TIOCSTI",           IO_IN,     1 },
    { 0x5413,     TIOCGWINSZ,          "TIOCGWINSZ",        IO_OUT,    8 },
    { 0x5414,     TIOCSWINSZ,          "TIOCSWINSZ",        IO_IN,     8 },
    /* sessions and job control */
    { 0x540E,     TIOCSCTTY,           "TIOCSCTTY",         IO_VAL,    0 },
    { 0x5422,     TIOCNOTTY,           "TIOCNOTTY",         IO_NONE,   0 },
    { 0x540F,     TIOCGPGRP,           "TIOCGPGRP",         IO_OUT,    4 },
    { 0x5410,     TIOCSPGRP,           "TIOCSPGRP",         IO_IN,     4 },
    { 0x5429,     TIOCGSID,            "TIOCGSID",          IO_OUT,    4 },
    { 0x541D,     TIOCCONS,            "TIOCCONS",          IO_NONE,   0 },
    { 0x5437,     TIOCVHANGUP,         "TIOCVHANGUP",       IO_NONE,   0 },
    { 0x540C,     TIOCEXCL,            "TIOCEXCL",          IO_NONE,   0 },
    { 0x540D,     TIOCNXCL,            "TIOCNXCL",          IO_NONE,   0 },
    { 0x80045440, TIOCGEXCL,           "TIOCGEXCL",         IO_OUT,    4 },
    /* modem lines, serial ports, line discipline */
    { 0x5415,     TIOCMGET,            "TIOCMGET",          IO_OUT,    4 },
    { 0x5416,     TIOCMBIS,            "TIOCMBIS",          IO_IN,     4 },
    { 0x5417,     TIOCMBIC,            "TIOCMBIC",          IO_IN,     4 },
    { 0x5418,     TIOCMSET,            "TIOCMSET",          IO_IN,     4 },
    { 0x5419,     TIOCGSOFTCAR,        "TIOCGSOFTCAR",      IO_OUT,    4 },
    { 0x541A,     TIOCSSOFTCAR,        "TIOCSSOFTCAR",      IO_IN,     4 },
    { 0x545C,     TIOCMIWAIT,          "TIOCMIWAIT",        IO_VAL,    0 },
    { 0x541E,     TIOCGSERIAL,         "TIOCGSERIAL",       IO_OUT,    72 },
    { 0x541F,     TIOCSSERIAL,         "TIOCSSERIAL",       IO_IN,     72 },
    { 0x542E,     TIOCGRS485,          "TIOCGRS485",        IO_OUT,    32 },
    { 0x542F,     TIOCSRS485,          "TIOCSRS485",        IO_INOUT,  32 },
    { 0x5423,     TIOCSETD,            "TIOCSETD",          IO_IN,     4 },
    { 0x5424,     TIOCGETD,            "TIOCGETD",          IO_OUT,    4 },
    /* pseudo-terminals */
    { 0x5420,     TIOCPKT,             "TIOCPKT",           IO_IN,     4 },
    { 0x80045438, TIOCGPKT,            "TIOCGPKT",          IO_OUT,    4 },
    { 0x80045430, TIOCGPTN,            "TIOCGPTN",          IO_OUT,    4 },
    { 0x40045431, TIOCSPTLCK,          "TIOCSPTLCK",        IO_IN,     4 },
    { 0x80045439, TIOCGPTLCK,          "TIOCGPTLCK",        IO_OUT,    4 },
    { 0x5441,     TIOCGPTPEER,         "TIOCGPTPEER",       IO_OFLAGS, 0 },
    { 0x40045436, TIOCSIG,             "TIOCSIG",           IO_VAL,    0 },
    { 0x80045432, TIOCGDEV,            "TIOCGDEV",          IO_OUT,    4 },
    /* any file */
    { 0x5421,     FIONBIO,             "FIONBIO",           IO_IN,     4 },
    { 0x5452,     FIOASYNC,            "FIOASYNC",          IO_IN,     4 },
    { 0x5450,     FIONCLEX,            "FIONCLEX",          IO_NONE,   0 },
    { 0x5451,     FIOCLEX,             "FIOCLEX",           IO_NONE,   0 },
    { 0x5460,     FIOQSIZE,            "FIOQSIZE",          IO_OUT,    8 },
    { 0x8901,     FIOSETOWN,           "FIOSETOWN",         IO_IN,     4 },
    { 0x8903,     FIOGETOWN,           "FIOGETOWN",         IO_OUT,    4 },
    /* file systems */
    { 0x00000002, FIGETBSZ,            "FIGETBSZ",          IO_OUT,    4 },
    { 0x00000001, FIBMAP,              "FIBMAP",            IO_INOUT,  4 },
    { 0x80086601, FS_IOC_GETFLAGS,     "FS_IOC_GETFLAGS",   IO_OUT,    4 },
    { 0x40086602, FS_IOC_SETFLAGS,     "FS_IOC_SETFLAGS",   IO_IN,     4 },
    { 0x80087601, FS_IOC_GETVERSION,   "FS_IOC_GETVERSION", IO_OUT,    4 },
    { 0x40087602, FS_IOC_SETVERSION,   "FS_IOC_SETVERSION", IO_IN,     4 },
    { 0x801c581f, FS_IOC_FSGETXATTR,   "FS_IOC_FSGETXATTR", IO_OUT,    28 },
    { 0x401c5820, FS_IOC_FSSETXATTR,   "FS_IOC_FSSETXATTR", IO_IN,     28 },
    { 0x81009431, FS_IOC_GETFSLABEL,   "FS_IOC_GETFSLABEL", IO_OUT,    256 },
    { 0x41009432, FS_IOC_SETFSLABEL,   "FS_IOC_SETFSLABEL", IO_IN,     256 },
    { 0x40049409, FICLONE,             "FICLONE",           IO_VAL,    0 },
    { 0x4020940d, FICLONERANGE,        "FICLONERANGE",      IO_IN,     32 },
    /* block devices */
    { 0x80081272, BLKGETSIZE64,        "BLKGETSIZE64",      IO_OUT,    8 },
    { 0x00001260, BLKGETSIZE,          "BLKGETSIZE",        IO_OUT,    8 },
    { 0x00001268, BLKSSZGET,           "BLKSSZGET",         IO_OUT,    4 },
    { 0x80081270, BLKBSZGET,           "BLKBSZGET",         IO_OUT,    4 },
    { 0x0000127b, BLKPBSZGET,          "BLKPBSZGET",        IO_OUT,    4 },
    { 0x0000125e, BLKROGET,            "BLKROGET",          IO_OUT,    4 },
    { 0x00001278, BLKIOMIN,            "BLKIOMIN",          IO_OUT,    4 },
    { 0x00001279, BLKIOOPT,            "BLKIOOPT",          IO_OUT,    4 },
    { 0x00001261, BLKFLSBUF,           "BLKFLSBUF",         IO_NONE,   0 },
    /* /dev/random */
    { 0x80045200, RNDGETENTCNT,        "RNDGETENTCNT",      IO_OUT,    4 },
    /* sockets: struct ifreq is 40 bytes, the stamps 16 (64-bit timeval and
     * timespec) */
    { 0x8902,     SIOCSPGRP,           "SIOCSPGRP",         IO_IN,     4 },
    { 0x8904,     SIOCGPGRP,           "SIOCGPGRP",         IO_OUT,    4 },
    { 0x8905,     SIOCATMARK,          "SIOCATMARK",        IO_OUT,    4 },
    { 0x8906,     SIOCGSTAMP,          "SIOCGSTAMP",        IO_OUT,    16 },
    { 0x8907,     SIOCGSTAMPNS,        "SIOCGSTAMPNS",      IO_OUT,    16 },
    { 0x894B,     SIOCOUTQNSD,         "SIOCOUTQNSD",       IO_OUT,    4 },
    { 0x8910,     SIOCGIFNAME,         "SIOCGIFNAME",       IO_INOUT,  40 },
    { 0x8912,     SIOCGIFCONF,         "SIOCGIFCONF",       IO_IFCONF, 16 },
    { 0x8913,     SIOCGIFFLAGS,        "SIOCGIFFLAGS",      IO_INOUT,  40 },
    { 0x8914,     SIOCSIFFLAGS,        "SIOCSIFFLAGS",      IO_IN,     40 },
    { 0x8915,     SIOCGIFADDR,         "SIOCGIFADDR",       IO_INOUT,  40 },
    { 0x8919,     SIOCGIFBRDADDR,      "SIOCGIFBRDADDR",    IO_INOUT,  40 },
    { 0x891b,     SIOCGIFNETMASK,      "SIOCGIFNETMASK",    IO_INOUT,  40 },
    { 0x8921,     SIOCGIFMTU,          "SIOCGIFMTU",        IO_INOUT,  40 },
    { 0x8927,     SIOCGIFHWADDR,       "SIOCGIFHWADDR",     IO_INOUT,  40 },
    { 0x8933,     SIOCGIFINDEX,        "SIOCGIFINDEX",      IO_INOUT,  40 },
};
_Static_assert(sizeof(struct winsize) == 8, "struct winsize");
_Static_assert(sizeof(struct termios) == 36 && sizeof(struct termios2) == 44, "termios");
_Static_assert(sizeof(struct ifreq) == 40 && sizeof(struct ifconf) == 16, "ifreq, ifconf");
_Static_assert(sizeof(struct fsxattr) == 28 && sizeof(struct file_clone_range) == 32,
               "fsxattr, file_clone_range");

/* SIOCGIFCONF: the kernel fills ifc_len bytes of ifc_buf (or, with a NULL
 * buffer, only says how many it would need) and writes ifc_len back. A copy
 * of the struct goes to the host so that a buffer the guest does not own can
 * be replaced by the fault address. */
static long ioctl_ifconf(struct cpu *cpu, int fd, unsigned long host_req, uint64_t arg)
{
    struct ifconf ifc;
    if (guest_copy_in(cpu, &ifc, arg, sizeof ifc))
        return HSYS(SYS_ioctl, fd, host_req, guest_fault_ptr(cpu, arg, sizeof ifc));
    uint64_t buf = (uint64_t)(uintptr_t)ifc.ifc_buf;
    if (buf && ifc.ifc_len > 0 &&
        !guest_access_ok(cpu, buf, (uint64_t)ifc.ifc_len, PROT_WRITE))
        ifc.ifc_buf = (char *)(uintptr_t)guest_fault_ptr(cpu, buf, (uint64_t)ifc.ifc_len);
    long r = HSYS(SYS_ioctl, fd, host_req, &ifc);
    if (r < 0)
        return r;
    return guest_copy_out(cpu, arg, &ifc.ifc_len, sizeof ifc.ifc_len);
}

long sc_ioctl(struct cpu *cpu, uint64_t a[6])
{
    int fd = (int)a[0];
    uint32_t req = (uint32_t)a[1];
    const struct ioctl_cmd *c = NULL;
    for (size_t i = 0; i < sizeof ioctl_cmds / sizeof ioctl_cmds[0]; i++)
        if (ioctl_cmds[i].guest == req) {
            c = &ioctl_cmds[i];
            break;
        }
    if (!c) {
        /* the kernel finds the fd before it looks at the request */
        long r = HSYS(SYS_fcntl, fd, F_GETFD);
        if (r < 0)
            return r;
        if (log_enabled(LOG_unimp))
            log_printf("unimplemented ioctl 0x%x (fd %d)\n", req, fd);
        return -ENOTTY;
    }

    unsigned long host = c->host;
    uint64_t arg = a[2];
    switch (c->arg) {
    case IO_NONE:
    case IO_VAL:
        break;
    case IO_IN:
        arg = guest_host_ptr(cpu, arg, c->size, PROT_READ);
        break;
    case IO_OUT:
        arg = guest_host_ptr(cpu, arg, c->size, PROT_WRITE);
        break;
    case IO_INOUT:
        arg = guest_host_ptr(cpu, arg, c->size, PROT_READ | PROT_WRITE);
        break;
    case IO_OFLAGS:
        arg = flags_to_host(&sc_abi(cpu)->open_flags, (uint32_t)arg);
        break;
    case IO_IFCONF:
        return ioctl_ifconf(cpu, fd, host, arg);
    }
    return HSYS(SYS_ioctl, fd, host, arg);
}

/* hangs up the calling process's controlling terminal (CAP_SYS_TTY_CONFIG):
 * the terminal is the host's, as the guest's session is */
long sc_vhangup(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    (void)a;
    return HSYS(SYS_vhangup);
}

/* TCSETSW/TCSETSF/TCSBRK(P)/TIOCMIWAIT wait (for output to drain, for a
 * modem line); the kernel's tty code returns -ERESTARTSYS when a signal
 * interrupts the wait */
int tty_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    return fn == sc_ioctl ? SIG_SC_RESTARTSYS : SIG_SC_PLAIN;
}
