/* stat.c — the stat family: newfstatat and fstat translate the x86-64 kernel's
 * struct stat into the guest's asm-generic one (xlat.c, stat_to_generic);
 * statx has one layout on every Linux and passes through. Paths go through
 * guest_lookup_path (/proc/self/exe is the guest program; with
 * AT_SYMLINK_NOFOLLOW it is the link, procfs.c).
 *
 * Invariants: the guest buffer is checked before the host call and written
 * only after it succeeds.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "syscalls/procfs.h"
#include "syscalls/sc.h"

/* lstat-like lookups of /proc/.../exe see the link itself, as on the kernel
 * (guest_lookup_path follows it to the guest program) */
static const char *nofollow_path(uint64_t addr, int flags, const char *path)
{
    const char *own = (const char *)(uintptr_t)addr;
    if (addr && (flags & AT_SYMLINK_NOFOLLOW) && path != own && procfs_names_exe(own))
        return own;
    return path;
}

static long stat_out(struct cpu *cpu, uint64_t buf, const struct host_kstat *h)
{
    struct generic_kstat g;
    long r = stat_to_generic(h, &g);
    if (r)
        return r;
    return guest_copy_out(cpu, buf, &g, sizeof g);
}

long sc_newfstatat(struct cpu *cpu, uint64_t a[6])
{
    /* a NULL path (with AT_EMPTY_PATH, Linux 6.11 on) is the host's to judge,
     * as in statx */
    char buf[PATH_MAX];
    const char *path = NULL;
    long r;
    if (a[1] && (r = guest_lookup_path(cpu, a[1], buf, &path)))
        return r;
    path = nofollow_path(a[1], (int)a[3], path);
    if (!guest_access_ok(cpu, a[2], sizeof(struct generic_kstat), PROT_WRITE))
        return -EFAULT;
    struct host_kstat h;
    r = HSYS(SYS_newfstatat, (int)a[0], path, &h, (int)a[3]);
    if (r < 0)
        return r;
    return stat_out(cpu, a[2], &h);
}

long sc_fstat(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[1], sizeof(struct generic_kstat), PROT_WRITE))
        return -EFAULT;
    struct host_kstat h;
    long r = HSYS(SYS_fstat, (int)a[0], &h);
    if (r < 0)
        return r;
    return stat_out(cpu, a[1], &h);
}

_Static_assert(sizeof(struct statx) == 256, "struct statx (linux/stat.h) is 256 bytes");

long sc_statx(struct cpu *cpu, uint64_t a[6])
{
    /* a NULL path with AT_EMPTY_PATH is accepted by newer kernels: let the
     * host decide, it never dereferences NULL */
    char buf[PATH_MAX];
    const char *path = NULL;
    if (a[1]) {
        long r = guest_lookup_path(cpu, a[1], buf, &path);
        if (r)
            return r;
    }
    path = nofollow_path(a[1], (int)a[2], path);
    if (!guest_access_ok(cpu, a[4], sizeof(struct statx), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_statx, (int)a[0], path, (int)a[2], (unsigned)a[3], a[4]);
}
