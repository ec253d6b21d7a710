/* xlat.c — flag and struct translation between the guest ABI and the x86-64
 * host kernel ABI. One place per family:
 *
 *  - flag families (open flags, mmap flags, prot): table driven. The tables
 *    are generated per guest from the kernel headers (syscalls/<arch>_table.c,
 *    struct syscall_abi). riscv64 open flags equal x86-64's (both use
 *    asm-generic/fcntl.h); aarch64's O_DIRECTORY/O_NOFOLLOW/O_DIRECT/
 *    O_LARGEFILE differ, which the same code handles.
 *  - struct stat: x86-64 kernel layout -> asm-generic layout (riscv64, aarch64).
 *
 * Things checked and found identical between asm-generic 64-bit guests and
 * x86-64, so passed through unchanged by the handlers: errno values, signal
 * numbers, MAP_* / PROT_* / MADV_* values, termios (struct termios, winsize,
 * TCGETS/TIOCGWINSZ numbers), struct flock, statx, linux_dirent64, timespec,
 * rlimit, rusage, sysinfo, tms, utsname, iovec.
 *
 * Invariants: pure functions, no state.
 */
#include <string.h>
#include <sys/stat.h>

#include "syscalls/sc.h"

/* The C mirrors in sc.h must match the kernel layouts they copy. */
_Static_assert(sizeof(struct host_kstat) == 144, "x86-64 kernel struct stat is 144 bytes");
_Static_assert(sizeof(struct host_kstat) == sizeof(struct stat), "glibc x86-64 stat == kernel stat");
_Static_assert(offsetof(struct host_kstat, st_mode) == offsetof(struct stat, st_mode), "st_mode");
_Static_assert(offsetof(struct host_kstat, st_size) == offsetof(struct stat, st_size), "st_size");
_Static_assert(offsetof(struct host_kstat, st_atime_) == offsetof(struct stat, st_atim), "st_atim");
_Static_assert(offsetof(struct host_kstat, st_ctime_nsec) == offsetof(struct stat, st_ctim.tv_nsec), "st_ctim");
_Static_assert(sizeof(struct generic_kstat) == 128, "asm-generic struct stat is 128 bytes");
_Static_assert(offsetof(struct generic_kstat, st_mode) == 16, "generic st_mode");
_Static_assert(offsetof(struct generic_kstat, st_rdev) == 32, "generic st_rdev");
_Static_assert(offsetof(struct generic_kstat, st_size) == 48, "generic st_size");
_Static_assert(offsetof(struct generic_kstat, st_blksize) == 56, "generic st_blksize");
_Static_assert(offsetof(struct generic_kstat, st_blocks) == 64, "generic st_blocks");
_Static_assert(offsetof(struct generic_kstat, st_atime_) == 72, "generic st_atime");
_Static_assert(offsetof(struct generic_kstat, st_ctime_nsec) == 112, "generic st_ctime_nsec");

uint32_t flags_to_host(const struct flag_family *f, uint32_t guest)
{
    if (f->identity) {
        uint32_t known = f->pass;
        for (int i = 0; i < f->nrows; i++)
            known |= f->rows[i].guest;
        return guest & known;
    }
    uint32_t host = guest & f->pass;
    for (int i = 0; i < f->nrows; i++)
        if (guest & f->rows[i].guest)
            host |= f->rows[i].host;
    return host;
}

uint32_t flags_to_guest(const struct flag_family *f, uint32_t host)
{
    uint32_t guest = host & f->pass;
    for (int i = 0; i < f->nrows; i++)
        if (host & f->rows[i].host)
            guest |= f->rows[i].guest;
    return guest;
}

/* x86-64 struct stat -> asm-generic struct stat.
 * Field           x86-64          asm-generic
 * st_dev/st_ino   u64             u64
 * st_nlink        u64 (3rd)       u32 (after st_mode)
 * st_mode/uid/gid u32             u32
 * st_rdev         u64             u64 + pad
 * st_size         s64             s64
 * st_blksize      s64             s32 + pad
 * st_blocks       s64             s64
 * times           u64 sec, nsec   s64 sec, u64 nsec
 * A link count that does not fit is -EOVERFLOW, as the kernel's cp_new_stat
 * (cannot happen today: the kernel's own nlink is 32 bits). */
int stat_to_generic(const struct host_kstat *h, struct generic_kstat *g)
{
    memset(g, 0, sizeof *g);
    if (h->st_nlink > UINT32_MAX)
        return -EOVERFLOW;
    g->st_dev = h->st_dev;
    g->st_ino = h->st_ino;
    g->st_mode = h->st_mode;
    g->st_nlink = (uint32_t)h->st_nlink;
    g->st_uid = h->st_uid;
    g->st_gid = h->st_gid;
    g->st_rdev = h->st_rdev;
    g->st_size = h->st_size;
    g->st_blksize = (int32_t)h->st_blksize;
    g->st_blocks = h->st_blocks;
    g->st_atime_ = (int64_t)h->st_atime_;
    g->st_atime_nsec = h->st_atime_nsec;
    g->st_mtime_ = (int64_t)h->st_mtime_;
    g->st_mtime_nsec = h->st_mtime_nsec;
    g->st_ctime_ = (int64_t)h->st_ctime_;
    g->st_ctime_nsec = h->st_ctime_nsec;
    return 0;
}
