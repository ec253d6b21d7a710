/* fsx.c — file calls beyond the basics: extended attributes, fallocate, flock,
 * sync_file_range/syncfs, fadvise64/readahead, splice/tee/vmsplice/sendfile/
 * copy_file_range, preadv/pwritev(2), memfd_create, mknodat, chroot,
 * mount/umount2/pivot_root, close_range, openat2, name_to_handle_at/
 * open_by_handle_at.
 *
 * Guest ABI: both guests use the asm-generic numbers, and every flag family
 * these calls take (XATTR_*, FALLOC_FL_*, LOCK_*, SYNC_FILE_RANGE_*,
 * POSIX_FADV_*, SPLICE_F_*, RWF_*, MFD_*, MS_* and MNT_*, CLOSE_RANGE_*,
 * RESOLVE_*, AT_*), struct open_how, struct file_handle, loff_t and struct
 * iovec are the same as x86-64's (the guests' linux/{xattr,falloc,fs,fadvise,
 * memfd,mount,close_range,openat2}.h equal the host's). The one exception is
 * the O_* open flags of aarch64 (O_DIRECTORY, O_NOFOLLOW, O_DIRECT,
 * O_LARGEFILE), taken by openat2 and open_by_handle_at: translated through the
 * guest's open-flag table.
 *
 * Bad pointers: a guest pointer the guest does not own is not refused up
 * front but handed to the host as a fault pointer (guest_fault_ptr,
 * syscalls/guestmem.c). The host then fails with EFAULT at the very point the
 * guest's kernel would, after its own checks (EBADF, EINVAL, ENOENT...), so
 * error precedence is the kernel's. Small
 * in/out structs (loff_t offsets, file handles, open_how) are copied: the host
 * works on tern's copy, so another guest thread changing them mid-call cannot
 * make the host write past what was checked.
 *
 * tern's own descriptors: the only fd tern keeps open across guest code is the
 * -D log file (runner/log.c); close_range leaves it alone (the guest never
 * opened it, so from the guest's view it does not exist).
 *
 * fsx_sc_class tells the signal code how each handler of this file ends when a
 * signal interrupts it.
 *
 * Invariants: no state of its own; guest pointers are checked against the
 * guest mm (syscalls/guestmem.c) before the host kernel sees them.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/uio.h>
#include <linux/close_range.h>
#include <linux/limits.h>
#include <linux/openat2.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "syscalls/procfs.h"
#include "syscalls/sc.h"

#define GUEST_PAGE 4096u      /* the kernel's copy limit for mount strings/data */
#define XATTR_NAME_LEN 256    /* XATTR_NAME_MAX + 1: the kernel copies that much */
#define MFD_NAME_LEN 250      /* MFD_NAME_MAX_LEN + 1 (mm/memfd.c) */
#define HANDLE_MAX 128        /* MAX_HANDLE_SZ (linux/exportfs.h) */
#define AT_HANDLE_MNT_ID_UNIQUE_ 0x001  /* name_to_handle_at: u64 mount id */

_Static_assert(XATTR_SIZE_MAX == 65536 && XATTR_LIST_MAX == 65536, "xattr limits");

/* a guest string the host reads at most max bytes of: addr when the guest
 * owns it up to its NUL or the first max bytes; else a fault pointer */
static uint64_t gstr(struct cpu *cpu, uint64_t addr, size_t max)
{
    if (!addr)
        return 0;
    return guest_strlen(cpu, addr, max) == -EFAULT ? guest_fault_ptr(cpu, addr, 1) : addr;
}

/* ---------------- extended attributes ---------------- */

/* The three forms of each xattr call: by path (following symlinks), by path
 * (not following: l*), by fd (f*). */
enum xat_form { XAT_PATH, XAT_LPATH, XAT_FD };

/* first argument of an xattr call for the host: the looked-up path or the fd */
static long xattr_target(struct cpu *cpu, enum xat_form form, uint64_t arg,
                         char *buf, long *target)
{
    if (form == XAT_FD) {
        *target = (int)arg;
        return 0;
    }
    const char *path;
    long r = guest_lookup_path(cpu, arg, buf, &path);
    if (r)
        return r;
    *target = (long)(uintptr_t)path;
    return 0;
}

static long xattr_set(struct cpu *cpu, uint64_t a[6], enum xat_form form)
{
    static const long nr[] = { SYS_setxattr, SYS_lsetxattr, SYS_fsetxattr };
    char buf[PATH_MAX];
    long target;
    long r = xattr_target(cpu, form, a[0], buf, &target);
    if (r)
        return r;
    uint64_t size = a[3], value = a[2];
    /* a size over XATTR_SIZE_MAX is E2BIG before the kernel reads the value */
    if (size <= XATTR_SIZE_MAX)
        value = guest_host_ptr(cpu, value, size, PROT_READ);
    return HSYS(nr[form], target, gstr(cpu, a[1], XATTR_NAME_LEN), value, size, (int)a[4]);
}

/* getxattr/listxattr into a guest buffer of `size` bytes (the kernel clamps
 * it to `max` and writes only the result's length): passed straight on when
 * the guest owns all of it; otherwise the host fills a bounce buffer and the
 * result is copied out if it fits what the guest owns (else EFAULT, as the
 * kernel's copy_to_user after the lookup). nr/target/name: the host call. */
static long xattr_read(struct cpu *cpu, long nr, long target, uint64_t name,
                       bool has_name, uint64_t gbuf, uint64_t size, uint64_t max)
{
    uint64_t cap = size > max ? max : size;
    uint64_t owned = cap ? guest_access_len(cpu, gbuf, cap, PROT_WRITE) : 0;
    if (owned == cap) {
        return has_name ? HSYS(nr, target, name, gbuf, size)
                        : HSYS(nr, target, gbuf, size);
    }
    char *tmp = malloc(cap);
    if (!tmp)
        return -ENOMEM;
    long r = has_name ? HSYS(nr, target, name, tmp, cap) : HSYS(nr, target, tmp, cap);
    if (r > 0) {
        if ((uint64_t)r > owned)
            r = -EFAULT;
        else
            memcpy((void *)(uintptr_t)gbuf, tmp, (size_t)r);
    }
    free(tmp);
    return r;
}

static long xattr_get(struct cpu *cpu, uint64_t a[6], enum xat_form form)
{
    static const long nr[] = { SYS_getxattr, SYS_lgetxattr, SYS_fgetxattr };
    char buf[PATH_MAX];
    long target;
    long r = xattr_target(cpu, form, a[0], buf, &target);
    if (r)
        return r;
    return xattr_read(cpu, nr[form], target, gstr(cpu, a[1], XATTR_NAME_LEN), true,
                      a[2], a[3], XATTR_SIZE_MAX);
}

static long xattr_list(struct cpu *cpu, uint64_t a[6], enum xat_form form)
{
    static const long nr[] = { SYS_listxattr, SYS_llistxattr, SYS_flistxattr };
    char buf[PATH_MAX];
    long target;
    long r = xattr_target(cpu, form, a[0], buf, &target);
    if (r)
        return r;
    return xattr_read(cpu, nr[form], target, 0, false, a[1], a[2], XATTR_LIST_MAX);
}

static long xattr_remove(struct cpu *cpu, uint64_t a[6], enum xat_form form)
{
    static const long nr[] = { SYS_removexattr, SYS_lremovexattr, SYS_fremovexattr };
    char buf[PATH_MAX];
    long target;
    long r = xattr_target(cpu, form, a[0], buf, &target);
    if (r)
        return r;
    return HSYS(nr[form], target, gstr(cpu, a[1], XATTR_NAME_LEN));
}

long sc_setxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_set(cpu, a, XAT_PATH); }
long sc_lsetxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_set(cpu, a, XAT_LPATH); }
long sc_fsetxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_set(cpu, a, XAT_FD); }
long sc_getxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_get(cpu, a, XAT_PATH); }
long sc_lgetxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_get(cpu, a, XAT_LPATH); }
long sc_fgetxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_get(cpu, a, XAT_FD); }
long sc_listxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_list(cpu, a, XAT_PATH); }
long sc_llistxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_list(cpu, a, XAT_LPATH); }
long sc_flistxattr(struct cpu *cpu, uint64_t a[6]) { return xattr_list(cpu, a, XAT_FD); }
long sc_removexattr(struct cpu *cpu, uint64_t a[6]) { return xattr_remove(cpu, a, XAT_PATH); }
long sc_lremovexattr(struct cpu *cpu, uint64_t a[6]) { return xattr_remove(cpu, a, XAT_LPATH); }
long sc_fremovexattr(struct cpu *cpu, uint64_t a[6]) { return xattr_remove(cpu, a, XAT_FD); }

/* ---------------- space, locks, write-back, advice ---------------- */

long sc_fallocate(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fallocate, (int)a[0], (int)a[1], (long)a[2], (long)a[3]);
}

long sc_flock(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_flock, (int)a[0], (unsigned)a[1]);
}

/* asm-generic has sync_file_range(fd, offset, nbytes, flags), as x86-64
 * (not the sync_file_range2 argument order of arm32/powerpc) */
long sc_sync_file_range(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_sync_file_range, (int)a[0], (long)a[1], (long)a[2], (unsigned)a[3]);
}

long sc_syncfs(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_syncfs, (int)a[0]);
}

/* 64-bit asm-generic fadvise64(fd, offset, len, advice): x86-64's order too;
 * POSIX_FADV_* are the same (only s390 differs) */
long sc_fadvise64(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fadvise64, (int)a[0], (long)a[1], (long)a[2], (int)a[3]);
}

long sc_readahead(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_readahead, (int)a[0], (long)a[1], a[2]);
}

/* ---------------- data between descriptors ---------------- */

/* A loff_t in/out argument (sendfile, splice, copy_file_range): the host works
 * on a copy, written back when the call succeeds (a guest word that is
 * readable but not writable then gives EFAULT after the transfer, as the
 * kernel's put_user does). */
struct off_arg {
    uint64_t guest;
    int64_t val;
    long host;     /* what the host gets: 0, &val, or a fault pointer */
};

static void off_in(struct cpu *cpu, uint64_t g, struct off_arg *o)
{
    o->guest = g;
    if (!g)
        o->host = 0;
    else if (guest_copy_in(cpu, &o->val, g, sizeof o->val) == 0)
        o->host = (long)(uintptr_t)&o->val;
    else
        o->host = (long)guest_fault_ptr(cpu, g, sizeof o->val);
}

static long off_out(struct cpu *cpu, const struct off_arg *o, long r)
{
    if (r >= 0 && o->host == (long)(uintptr_t)&o->val &&
        guest_copy_out(cpu, o->guest, &o->val, sizeof o->val))
        return -EFAULT;
    return r;
}

long sc_sendfile(struct cpu *cpu, uint64_t a[6])
{
    struct off_arg off;
    off_in(cpu, a[2], &off);
    long r = HSYS(SYS_sendfile, (int)a[0], (int)a[1], off.host, a[3]);
    return off_out(cpu, &off, r);
}

long sc_splice(struct cpu *cpu, uint64_t a[6])
{
    struct off_arg in, out;
    off_in(cpu, a[1], &in);
    off_in(cpu, a[3], &out);
    long r = HSYS(SYS_splice, (int)a[0], in.host, (int)a[2], out.host, a[4], (unsigned)a[5]);
    r = off_out(cpu, &in, r);
    return off_out(cpu, &out, r);
}

long sc_tee(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_tee, (int)a[0], (int)a[1], a[2], (unsigned)a[3]);
}

long sc_copy_file_range(struct cpu *cpu, uint64_t a[6])
{
    struct off_arg in, out;
    off_in(cpu, a[1], &in);
    off_in(cpu, a[3], &out);
    long r = HSYS(SYS_copy_file_range, (int)a[0], in.host, (int)a[2], out.host, a[4],
                  (unsigned)a[5]);
    r = off_out(cpu, &in, r);
    return off_out(cpu, &out, r);
}

/* ---------------- vectors ----------------
 * The guest's iovec array reaches the host as guest_iov_import makes it
 * (syscalls/guestmem.c): copied, each buffer cut to what the guest owns, the
 * first one it owns none of a fault pointer, so the host's checks (EBADF,
 * vmsplice's "is it a pipe", EINVAL for a negative offset or length) come
 * before the transfer's EFAULT, as on the kernel. */

/* preadv/pwritev(fd, iov, cnt, pos_l, pos_h[, flags]): on a 64-bit kernel
 * pos_l is the whole offset, as on x86-64; RWF_* are the same everywhere */
static long rwv(struct cpu *cpu, uint64_t a[6], long nr, int prot, bool flags)
{
    struct guest_iovs io;
    guest_iov_import(cpu, a[1], a[2], prot, &io);
    if (flags)
        return HSYS(nr, (int)a[0], io.ptr, io.cnt, (long)a[3], (long)a[4], (int)a[5]);
    return HSYS(nr, (int)a[0], io.ptr, io.cnt, (long)a[3], (long)a[4]);
}

long sc_preadv(struct cpu *cpu, uint64_t a[6]) { return rwv(cpu, a, SYS_preadv, PROT_WRITE, false); }
long sc_pwritev(struct cpu *cpu, uint64_t a[6]) { return rwv(cpu, a, SYS_pwritev, PROT_READ, false); }
long sc_preadv2(struct cpu *cpu, uint64_t a[6]) { return rwv(cpu, a, SYS_preadv2, PROT_WRITE, true); }
long sc_pwritev2(struct cpu *cpu, uint64_t a[6]) { return rwv(cpu, a, SYS_pwritev2, PROT_READ, true); }

/* vmsplice(fd, iov, nr_segs, flags): the direction follows the pipe end, as
 * in the kernel: a writable fd takes data from the buffers (the guest must be
 * able to read them), a read end fills them. A bad fd or flags fail before
 * the vector is looked at. */
long sc_vmsplice(struct cpu *cpu, uint64_t a[6])
{
    if ((unsigned)a[3] & ~(unsigned)(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE |
                                    SPLICE_F_GIFT))
        return -EINVAL;
    long fl = HSYS(SYS_fcntl, (int)a[0], F_GETFL);
    if (fl < 0)
        return fl;
    int prot = (fl & O_ACCMODE) == O_RDONLY ? PROT_WRITE : PROT_READ;
    struct guest_iovs io;
    guest_iov_import(cpu, a[1], a[2], prot, &io);
    return HSYS(SYS_vmsplice, (int)a[0], io.ptr, io.cnt, (unsigned)a[3]);
}

/* ---------------- creating files ---------------- */

long sc_memfd_create(struct cpu *cpu, uint64_t a[6])
{
    return HSYS(SYS_memfd_create, gstr(cpu, a[0], MFD_NAME_LEN), (unsigned)a[1]);
}

/* mknodat creates a name (no sysroot lookup, as mkdirat); mode and the
 * 32-bit dev_t encoding are the same on every Linux */
long sc_mknodat(struct cpu *cpu, uint64_t a[6])
{
    long r = guest_path_ok(cpu, a[1]);
    if (r)
        return r;
    return HSYS(SYS_mknodat, (int)a[0], a[1], (unsigned)a[2], (unsigned)a[3]);
}

/* guest open flags the translation table knows (plus the bits passed as they
 * are): openat2 refuses any other bit with EINVAL, so they are refused here
 * rather than dropped */
static uint64_t guest_open_known(const struct cpu *cpu)
{
    const struct flag_family *f = &sc_abi(cpu)->open_flags;
    uint64_t known = f->pass;
    for (int i = 0; i < f->nrows; i++)
        known |= f->rows[i].guest;
    return known;
}

/* openat2(dirfd, path, how, size): struct open_how {u64 flags, mode, resolve}
 * grows by size; a guest size past ours must have zero tail bytes (E2BIG), as
 * the kernel's copy_struct_from_user wants. flags are translated; with
 * RESOLVE_IN_ROOT or RESOLVE_BENEATH an absolute name is scoped to dirfd (or
 * refused), so it is not looked up under the -L sysroot nor taken for one of
 * the emulated /proc files (procfs.c). */
long sc_openat2(struct cpu *cpu, uint64_t a[6])
{
    struct open_how how;
    uint64_t usize = a[3];
    if (usize < sizeof how)
        return -EINVAL;
    if (usize > GUEST_PAGE)
        return -E2BIG;
    if (guest_copy_in(cpu, &how, a[2], sizeof how) ||
        !guest_access_ok(cpu, a[2], usize, PROT_READ))
        return -EFAULT;
    const unsigned char *tail = (const unsigned char *)(uintptr_t)a[2] + sizeof how;
    for (uint64_t i = 0; i < usize - sizeof how; i++)
        if (tail[i])
            return -E2BIG;
    if (how.flags & ~guest_open_known(cpu))
        return -EINVAL;
    how.flags = flags_to_host(&sc_abi(cpu)->open_flags, (uint32_t)how.flags);
    char buf[PATH_MAX];
    const char *path = (const char *)(uintptr_t)a[1];
    long r;
    if (how.resolve & (RESOLVE_IN_ROOT | RESOLVE_BENEATH))
        r = guest_path_ok(cpu, a[1]);
    else
        r = guest_lookup_path(cpu, a[1], buf, &path);
    if (r)
        return r;
    /* the /proc files that describe the guest, as openat opens them (not an
     * absolute name the resolve flags scope to dirfd or refuse) */
    bool scoped = (how.resolve & (RESOLVE_IN_ROOT | RESOLVE_BENEATH)) && path[0] == '/';
    if (!scoped && procfs_open(cpu, (int)a[0], path, (uint32_t)how.flags, (unsigned)how.mode, &r))
        return r;
    return HSYS(SYS_openat2, (int)a[0], path, &how, sizeof how);
}

/* struct file_handle { u32 handle_bytes; int handle_type; u8 f_handle[]; } */
struct host_file_handle {
    uint32_t handle_bytes;
    int32_t handle_type;
    unsigned char f_handle[HANDLE_MAX];
};

/* name_to_handle_at(dirfd, path, handle, mount_id, flags): the host fills
 * tern's copies; they are written back when the kernel writes them (success:
 * mount id, header and handle; EOVERFLOW: mount id and the header with the
 * size needed) */
long sc_name_to_handle_at(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[1], buf, &path);
    if (r)
        return r;
    struct host_file_handle fh;
    long host_fh = (long)(uintptr_t)&fh;
    if (guest_copy_in(cpu, &fh, a[2], 8))
        host_fh = (long)guest_fault_ptr(cpu, a[2], 8);
    uint64_t mnt_id = 0;
    size_t mnt_size = ((int)a[4] & AT_HANDLE_MNT_ID_UNIQUE_) ? 8 : 4;
    r = HSYS(SYS_name_to_handle_at, (int)a[0], path, host_fh, &mnt_id, (int)a[4]);
    if (r != 0 && r != -EOVERFLOW)
        return r;
    uint32_t mnt32 = (uint32_t)mnt_id;
    if (guest_copy_out(cpu, a[3], mnt_size == 8 ? (const void *)&mnt_id : &mnt32, mnt_size))
        return -EFAULT;
    if (guest_copy_out(cpu, a[2], &fh, 8 + (r == 0 ? fh.handle_bytes : 0)))
        return -EFAULT;
    return r;
}

long sc_open_by_handle_at(struct cpu *cpu, uint64_t a[6])
{
    struct host_file_handle fh;
    long host_fh = (long)(uintptr_t)&fh;
    if (guest_copy_in(cpu, &fh, a[1], 8))
        host_fh = (long)guest_fault_ptr(cpu, a[1], 8);
    else if (fh.handle_bytes && fh.handle_bytes <= HANDLE_MAX &&
             guest_copy_in(cpu, fh.f_handle, a[1] + 8, fh.handle_bytes))
        host_fh = (long)guest_fault_ptr(cpu, a[1], 8 + fh.handle_bytes);
    /* other sizes: the host refuses the header (EINVAL) */
    return HSYS(SYS_open_by_handle_at, (int)a[0], host_fh,
                flags_to_host(&sc_abi(cpu)->open_flags, (uint32_t)a[2]));
}

/* ---------------- mounts and roots ---------------- */

/* mount(source, target, fstype, flags, data). target is looked up (and so is
 * source: a name the kernel looks up, for bind/move mounts and block devices;
 * a non-path source such as "tmpfs" is not absolute and so never changed).
 * fstype is a string of at most a page. data is copied the way the kernel's
 * copy_mount_options does: up to a page, as much as the guest owns, zeros
 * after; EFAULT if it owns none. MS_* are the same on every Linux. */
long sc_mount(struct cpu *cpu, uint64_t a[6])
{
    char sbuf[PATH_MAX], tbuf[PATH_MAX];
    const char *source = NULL, *target;
    long r;
    if (a[0] && (r = guest_lookup_path(cpu, a[0], sbuf, &source)))
        return r;
    if ((r = guest_lookup_path(cpu, a[1], tbuf, &target)))
        return r;
    char *data = NULL;
    if (a[4]) {
        uint64_t n = guest_access_len(cpu, a[4], GUEST_PAGE, PROT_READ);
        if (n == 0)
            return -EFAULT;
        data = calloc(1, GUEST_PAGE);
        if (!data)
            return -ENOMEM;
        memcpy(data, (const void *)(uintptr_t)a[4], (size_t)n);
    }
    r = HSYS(SYS_mount, source, target, gstr(cpu, a[2], GUEST_PAGE), a[3], data);
    free(data);
    return r;
}

long sc_umount2(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *target;
    long r = guest_lookup_path(cpu, a[0], buf, &target);
    if (r)
        return r;
    return HSYS(SYS_umount2, target, (int)a[1]);
}

long sc_pivot_root(struct cpu *cpu, uint64_t a[6])
{
    char nbuf[PATH_MAX], obuf[PATH_MAX];
    const char *new_root, *put_old;
    long r = guest_lookup_path(cpu, a[0], nbuf, &new_root);
    if (r || (r = guest_lookup_path(cpu, a[1], obuf, &put_old)))
        return r;
    return HSYS(SYS_pivot_root, new_root, put_old);
}

/* the directory is looked up as any name is (-L sysroot), and the host's root
 * changes: tern and its guest share one process */
long sc_chroot(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[0], buf, &path);
    if (r)
        return r;
    return HSYS(SYS_chroot, path);
}

/* ---------------- close_range ---------------- */

/* close_range(first, last, flags) skips tern's own fd (the -D log file, when
 * it is not one of the standard streams the guest shares): the range is cut
 * in two around it. */
long sc_close_range(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];
    if (flags & ~(unsigned)(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
        return -EINVAL;
    if (first > last)
        return -EINVAL;
    int own = tern_log.out ? fileno(tern_log.out) : -1;
    if (own <= 2 || (unsigned)own < first || (unsigned)own > last)
        return HSYS(SYS_close_range, first, last, flags);
    long r = 0;
    if ((unsigned)own > first)
        r = HSYS(SYS_close_range, first, (unsigned)own - 1, flags);
    if (r == 0 && (unsigned)own < last)
        r = HSYS(SYS_close_range, (unsigned)own + 1, last, flags);
    return r;
}

/* ---------------- restart classes ---------------- */

int fsx_sc_class(long (*fn)(struct cpu *, uint64_t *))
{
    /* Columns: handler, restart class. Calls that may sleep until a lock,
     * pipe space/data or a FIFO peer comes: the kernel's -ERESTARTSYS. */
    static const struct {
        long (*fn)(struct cpu *, uint64_t *);
        int cls;
    } rows[] = {
        { sc_flock,             SIG_SC_RESTARTSYS },
        { sc_splice,            SIG_SC_RESTARTSYS },
        { sc_tee,               SIG_SC_RESTARTSYS },
        { sc_vmsplice,          SIG_SC_RESTARTSYS },
        { sc_sendfile,          SIG_SC_RESTARTSYS },
        { sc_copy_file_range,   SIG_SC_RESTARTSYS },
        { sc_preadv,            SIG_SC_RESTARTSYS },
        { sc_pwritev,           SIG_SC_RESTARTSYS },
        { sc_preadv2,           SIG_SC_RESTARTSYS },
        { sc_pwritev2,          SIG_SC_RESTARTSYS },
        { sc_openat2,           SIG_SC_RESTARTSYS },  /* FIFOs */
        { sc_open_by_handle_at, SIG_SC_RESTARTSYS },  /* FIFOs */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].fn == fn)
            return rows[i].cls;
    return SIG_SC_PLAIN;
}
