/* fs.c — file and descriptor syscalls of the generic Linux layer: read/write
 * and their vector/positional forms, openat, close, lseek, getdents64,
 * readlinkat, faccessat(2), fcntl, dup/dup3, pipe2, umask, chdir, getcwd.
 * (ioctl lives in tty.c.)
 * Lookups (open, stat, access, readlink) go through guest_lookup_path:
 * the /proc files that describe the process describe the guest, not tern
 * (procfs.c: exe followed here, the generated files opened by procfs_open),
 * and with -L an absolute name outside /proc that exists under the sysroot is
 * taken from there.
 *
 * Each handler checks its guest pointers against the guest mm (guestmem.c),
 * translates flags through the guest's generated tables (xlat.c), and calls
 * the host kernel with a raw syscall, returning its result or -errno.
 * Buffers the guest does not own (all or part) reach the host as fault
 * pointers (guestmem.c), so the kernel's checks and waits come before its
 * EFAULT and a transfer stops at the byte where the kernel's would.
 *
 * Invariants: no state of its own; fds are the host's (tern keeps no fd table).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>

#include "runner/log.h"
#include "syscalls/procfs.h"
#include "syscalls/sc.h"

/* ---------------- read / write ----------------
 * The buffer goes through guest_host_buf. One the guest owns whole goes to
 * the host as it is; one it owns none of becomes a fault pointer with the
 * guest's length, so the host checks the descriptor, the length (eventfd's 8
 * bytes...), blocks or says EAGAIN, and consumes what the kernel's failed
 * copy consumes (an eventfd counter, a dequeued signalfd signal and timerfd
 * ticks are gone; a pipe or stream keeps its data), all in the kernel's
 * order, before its copy fails with EFAULT. One it owns only in part is
 * passed through the vector call as two pieces, the owned prefix and a fault
 * pointer for the rest: the transfer fails at the same byte as the kernel's,
 * with the same outcome (a file read returns the bytes before the fault, a
 * pipe whose buffer did not fit says EFAULT and keeps its data). The one
 * difference: a file with no iterator methods (read/write only) sees the two
 * pieces as two calls. */

static long rw_call(struct cpu *cpu, uint64_t a[6], long nr, long nrv, int prot, bool pos)
{
    uint64_t len = a[2], n = len;
    uint64_t buf = guest_host_buf(cpu, a[1], &n, prot);
    if (n == len)
        return pos ? HSYS(nr, (int)a[0], buf, len, (long)a[3]) : HSYS(nr, (int)a[0], buf, len);
    struct iovec v[2] = {
        { (void *)(uintptr_t)buf, n },
        { (void *)(uintptr_t)guest_fault_ptr(cpu, buf + n, len - n), len - n },
    };
    /* preadv/pwritev: on a 64-bit kernel the low word is the whole offset */
    return pos ? HSYS(nrv, (int)a[0], v, 2, (long)a[3], 0) : HSYS(nrv, (int)a[0], v, 2);
}

long sc_read(struct cpu *cpu, uint64_t a[6])
{
    return rw_call(cpu, a, SYS_read, SYS_readv, PROT_WRITE, false);
}

long sc_write(struct cpu *cpu, uint64_t a[6])
{
    return rw_call(cpu, a, SYS_write, SYS_writev, PROT_READ, false);
}

long sc_pread64(struct cpu *cpu, uint64_t a[6])
{
    return rw_call(cpu, a, SYS_pread64, SYS_preadv, PROT_WRITE, true);
}

long sc_pwrite64(struct cpu *cpu, uint64_t a[6])
{
    return rw_call(cpu, a, SYS_pwrite64, SYS_pwritev, PROT_READ, true);
}

/* readv/writev: the vector as guest_iov_import makes it (the host's checks
 * of the count and the array come after its fd checks, as the kernel's) */
long sc_readv(struct cpu *cpu, uint64_t a[6])
{
    struct guest_iovs io;
    guest_iov_import(cpu, a[1], a[2], PROT_WRITE, &io);
    return HSYS(SYS_readv, (int)a[0], io.ptr, io.cnt);
}

long sc_writev(struct cpu *cpu, uint64_t a[6])
{
    struct guest_iovs io;
    guest_iov_import(cpu, a[1], a[2], PROT_READ, &io);
    return HSYS(SYS_writev, (int)a[0], io.ptr, io.cnt);
}

/* ---------------- paths ---------------- */

long guest_lookup_path(struct cpu *cpu, uint64_t addr, char *buf, const char **path)
{
    long r = guest_path_ok(cpu, addr);
    if (r)
        return r;
    const char *p = (const char *)(uintptr_t)addr;
    *path = p;
    if (p[0] != '/')
        return 0;
    /* /proc/self/exe and friends describe the guest (procfs.c) */
    r = procfs_lookup(cpu, p, buf, path);
    if (r)
        return r < 0 ? r : 0;
    *path = guest_sysroot_path(cpu, p, buf);
    return 0;
}

/* -L sysroot: an absolute name that exists under it is taken from there
 * (libraries of a dynamically linked guest), as qemu-user does; /proc is
 * always the host's */
const char *guest_sysroot_path(struct cpu *cpu, const char *p, char *buf)
{
    const char *root = cpu->proc->opts.sysroot;
    if (p[0] != '/' || !root || !root[0] || procfs_is_proc(p))
        return p;
    int n = snprintf(buf, PATH_MAX, "%s%s", root, p);
    struct host_kstat st;
    if (n > 0 && n < PATH_MAX &&
        HSYS(SYS_newfstatat, AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) == 0)
        return buf;
    return p;
}

long sc_openat(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[1], buf, &path);
    if (r)
        return r;
    uint32_t flags = flags_to_host(&sc_abi(cpu)->open_flags, (uint32_t)a[2]);
    if (procfs_open(cpu, (int)a[0], path, flags, (unsigned)a[3], &r))
        return r;
    return HSYS(SYS_openat, (int)a[0], path, flags, (unsigned)a[3]);
}

long sc_close(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_close, (int)a[0]);
}

long sc_lseek(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_lseek, (int)a[0], (long)a[1], (int)a[2]);
}

long sc_getdents64(struct cpu *cpu, uint64_t a[6])
{
    uint64_t n = (unsigned)a[2];
    uint64_t buf = guest_host_buf(cpu, a[1], &n, PROT_WRITE);
    return HSYS(SYS_getdents64, (int)a[0], buf, (unsigned)n);
}

/* readlinkat and getcwd write their whole answer (at most PATH_MAX bytes) at
 * once, after the lookup (ENOENT, EINVAL for a non-link) or the size check
 * (ERANGE). The guest's buffer goes to the host when the guest owns all of it,
 * or none (a fault pointer: the host's copy fails after those checks); one it
 * owns only in part gets the answer through a bounce buffer, copied if it fits
 * the owned part and EFAULT if not, as the kernel's copy would fail. */
static long bounce_out(struct cpu *cpu, uint64_t gbuf, const char *tmp, long r)
{
    if (r > 0 && guest_copy_out(cpu, gbuf, tmp, (size_t)r))
        return -EFAULT;
    return r;
}

long sc_readlinkat(struct cpu *cpu, uint64_t a[6])
{
    int bufsiz = (int)a[3];
    if (bufsiz <= 0)
        return -EINVAL;
    long r = guest_path_ok(cpu, a[1]);
    if (r)
        return r;
    char tmp[PATH_MAX];
    uint64_t tlen = bufsiz < PATH_MAX ? (uint64_t)bufsiz : PATH_MAX;
    const char *path = (const char *)(uintptr_t)a[1];
    if (procfs_readlink(cpu, (int)a[0], path, (uint64_t)(uintptr_t)tmp, tlen, &r))
        return bounce_out(cpu, a[2], tmp, r);
    char pbuf[PATH_MAX];
    if ((r = guest_lookup_path(cpu, a[1], pbuf, &path)))
        return r;
    uint64_t n = (uint64_t)bufsiz;
    uint64_t buf = guest_host_buf(cpu, a[2], &n, PROT_WRITE);
    if (n == (uint64_t)bufsiz)
        return HSYS(SYS_readlinkat, (int)a[0], path, buf, bufsiz);
    return bounce_out(cpu, a[2], tmp, HSYS(SYS_readlinkat, (int)a[0], path, tmp, tlen));
}

long sc_faccessat(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[1], buf, &path);
    if (r)
        return r;
    return HSYS(SYS_faccessat, (int)a[0], path, (int)a[2]);
}

long sc_faccessat2(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[1], buf, &path);
    if (r)
        return r;
    return HSYS(SYS_faccessat2, (int)a[0], path, (int)a[2], (int)a[3]);
}

long sc_chdir(struct cpu *cpu, uint64_t a[6])
{
    long r = guest_path_ok(cpu, a[0]);
    if (r)
        return r;
    return HSYS(SYS_chdir, a[0]);
}

long sc_getcwd(struct cpu *cpu, uint64_t a[6])
{
    uint64_t n = a[1];
    uint64_t buf = guest_host_buf(cpu, a[0], &n, PROT_WRITE);
    if (n == a[1])
        return HSYS(SYS_getcwd, buf, n);
    char tmp[PATH_MAX];
    return bounce_out(cpu, a[0], tmp, HSYS(SYS_getcwd, tmp, a[1] < PATH_MAX ? a[1] : PATH_MAX));
}

long sc_umask(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_umask, (unsigned)a[0]);
}

/* ---------------- descriptors ---------------- */

long sc_dup(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_dup, (unsigned)a[0]);
}

/* guest values of the named open-flag rows (to refuse other bits where the
 * kernel does) */
static uint32_t guest_open_bits(const struct cpu *cpu, const char *const *names)
{
    const struct flag_family *f = &sc_abi(cpu)->open_flags;
    uint32_t bits = 0;
    for (; *names; names++)
        for (int i = 0; i < f->nrows; i++)
            if (strcmp(f->rows[i].name, *names) == 0)
                bits |= f->rows[i].guest;
    return bits;
}

long sc_dup3(struct cpu *cpu, uint64_t a[6])
{
    static const char *const ok[] = { "O_CLOEXEC", NULL };
    uint32_t flags = (uint32_t)a[2];
    if (flags & ~guest_open_bits(cpu, ok))
        return -EINVAL;
    return HSYS(SYS_dup3, (unsigned)a[0], (unsigned)a[1],
                flags_to_host(&sc_abi(cpu)->open_flags, flags));
}

long sc_pipe2(struct cpu *cpu, uint64_t a[6])
{
    /* O_EXCL is O_NOTIFICATION_PIPE */
    static const char *const ok[] = { "O_CLOEXEC", "O_NONBLOCK", "O_DIRECT", "O_EXCL", NULL };
    uint32_t flags = (uint32_t)a[1];
    if (flags & ~guest_open_bits(cpu, ok))
        return -EINVAL;
    if (!guest_access_ok(cpu, a[0], 2 * sizeof(int), PROT_WRITE))
        return -EFAULT;
    int fds[2];
    long r = HSYS(SYS_pipe2, fds, flags_to_host(&sc_abi(cpu)->open_flags, flags));
    if (r < 0)
        return r;
    if (guest_copy_out(cpu, a[0], fds, sizeof fds)) {
        (void)HSYS(SYS_close, fds[0]);
        (void)HSYS(SYS_close, fds[1]);
        return -EFAULT;
    }
    return r;
}

/* fcntl commands. Columns: guest cmd (asm-generic/fcntl.h, the same numbers as
 * x86-64, which uses that header too), name, how the argument is handled,
 * size of the struct the argument points at (struct flock, f_owner_ex and the
 * rw-hint u64 have the same layout on every 64-bit Linux). */
enum fc_kind { FC_INT, FC_SETFL, FC_GETFL, FC_IN, FC_OUT, FC_INOUT };
static const struct fcntl_cmd {
    int cmd;
    const char *name;
    enum fc_kind kind;
    unsigned size;
} fcntl_cmds[] = {
    /* cmd   name                 kind      size */
    { 0,    "F_DUPFD",            FC_INT,   0 },
    { 1,    "F_GETFD",            FC_INT,   0 },
    { 2,    "F_SETFD",            FC_INT,   0 },
    { 3,    "F_GETFL",            FC_GETFL, 0 },
    { 4,    "F_SETFL",            FC_SETFL, 0 },
    { 5,    "F_GETLK",            FC_INOUT, 32 },
    { 6,    "F_SETLK",            FC_IN,    32 },
    { 7,    "F_SETLKW",           FC_IN,    32 },
    { 8,    "F_SETOWN",           FC_INT,   0 },
    { 9,    "F_GETOWN",           FC_INT,   0 },
    { 10,   "F_SETSIG",           FC_INT,   0 },
    { 11,   "F_GETSIG",           FC_INT,   0 },
    { 15,   "F_SETOWN_EX",        FC_IN,    8 },
    { 16,   "F_GETOWN_EX",        FC_OUT,   8 },
    { 36,   "F_OFD_GETLK",        FC_INOUT, 32 },
    { 37,   "F_OFD_SETLK",        FC_IN,    32 },
    { 38,   "F_OFD_SETLKW",       FC_IN,    32 },
    { 1024, "F_SETLEASE",         FC_INT,   0 },
    { 1025, "F_GETLEASE",         FC_INT,   0 },
    { 1026, "F_NOTIFY",           FC_INT,   0 },
    { 1030, "F_DUPFD_CLOEXEC",    FC_INT,   0 },
    { 1031, "F_SETPIPE_SZ",       FC_INT,   0 },
    { 1032, "F_GETPIPE_SZ",       FC_INT,   0 },
    { 1033, "F_ADD_SEALS",        FC_INT,   0 },
    { 1034, "F_GET_SEALS",        FC_INT,   0 },
    { 1035, "F_GET_RW_HINT",      FC_OUT,   8 },
    { 1036, "F_SET_RW_HINT",      FC_IN,    8 },
    { 1037, "F_GET_FILE_RW_HINT", FC_OUT,   8 },
    { 1038, "F_SET_FILE_RW_HINT", FC_IN,    8 },
};
_Static_assert(F_GETLK == 5 && F_OFD_GETLK == 36 && F_DUPFD_CLOEXEC == 1030 &&
               F_ADD_SEALS == 1033, "host fcntl numbers are asm-generic's");
_Static_assert(sizeof(struct flock) == 32, "struct flock");

long sc_fcntl(struct cpu *cpu, uint64_t a[6])
{
    int fd = (int)a[0], cmd = (int)a[1];
    const struct fcntl_cmd *c = NULL;
    for (size_t i = 0; i < sizeof fcntl_cmds / sizeof fcntl_cmds[0]; i++)
        if (fcntl_cmds[i].cmd == cmd)
            c = &fcntl_cmds[i];
    if (!c) {
        if (log_enabled(LOG_unimp))
            log_printf("unimplemented fcntl command %d (fd %d)\n", cmd, fd);
        return -EINVAL;
    }
    const struct flag_family *of = &sc_abi(cpu)->open_flags;
    long r;
    switch (c->kind) {
    case FC_GETFL:
        r = HSYS(SYS_fcntl, fd, cmd, 0);
        return r < 0 ? r : (long)flags_to_guest(of, (uint32_t)r);
    case FC_SETFL:
        return HSYS(SYS_fcntl, fd, cmd, flags_to_host(of, (uint32_t)a[2]));
    case FC_IN:
        if (!guest_access_ok(cpu, a[2], c->size, PROT_READ))
            return -EFAULT;
        break;
    case FC_OUT:
        if (!guest_access_ok(cpu, a[2], c->size, PROT_WRITE))
            return -EFAULT;
        break;
    case FC_INOUT:
        if (!guest_access_ok(cpu, a[2], c->size, PROT_READ | PROT_WRITE))
            return -EFAULT;
        break;
    case FC_INT:
        break;
    }
    return HSYS(SYS_fcntl, fd, cmd, a[2]);
}
