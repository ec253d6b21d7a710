/* fsmeta.c — file-system namespace and metadata syscalls of the generic Linux
 * layer: mkdirat, unlinkat, renameat2, symlinkat, linkat, truncate/ftruncate,
 * fsync/fdatasync/sync, fchmod/fchmodat, fchown/fchownat, fchdir, utimensat,
 * statfs/fstatfs.
 *
 * All pass through after their guest pointers are checked: AT_* flags,
 * RENAME_* flags, struct timespec and struct statfs (asm-generic/statfs.h on
 * both sides, __statfs_word = long on 64-bit) are the same for asm-generic
 * guests and x86-64.
 *
 * Invariants: no state.
 */
#include <limits.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <time.h>

#include "syscalls/sc.h"

#define PATH_CHECK(cpu, addr)                   \
    do {                                        \
        long r_ = guest_path_ok(cpu, addr);     \
        if (r_)                                 \
            return r_;                          \
    } while (0)

long sc_mkdirat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    return HSYS(SYS_mkdirat, (int)a[0], a[1], (unsigned)a[2]);
}

long sc_unlinkat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    return HSYS(SYS_unlinkat, (int)a[0], a[1], (int)a[2]);
}

long sc_renameat2(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    PATH_CHECK(cpu, a[3]);
    return HSYS(SYS_renameat2, (int)a[0], a[1], (int)a[2], a[3], (unsigned)a[4]);
}

/* renameat is renameat2 without flags (aarch64 still has it; riscv64 not) */
long sc_renameat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    PATH_CHECK(cpu, a[3]);
    return HSYS(SYS_renameat, (int)a[0], a[1], (int)a[2], a[3]);
}

long sc_symlinkat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[0]);
    PATH_CHECK(cpu, a[2]);
    return HSYS(SYS_symlinkat, a[0], (int)a[1], a[2]);
}

long sc_linkat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    PATH_CHECK(cpu, a[3]);
    return HSYS(SYS_linkat, (int)a[0], a[1], (int)a[2], a[3], (int)a[4]);
}

long sc_truncate(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[0]);
    return HSYS(SYS_truncate, a[0], (long)a[1]);
}

long sc_ftruncate(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_ftruncate, (int)a[0], (long)a[1]);
}

long sc_fsync(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fsync, (int)a[0]);
}

long sc_fdatasync(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fdatasync, (int)a[0]);
}

long sc_sync(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu; (void)a;
    return HSYS(SYS_sync);
}

long sc_fchmod(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fchmod, (int)a[0], (unsigned)a[1]);
}

long sc_fchmodat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    return HSYS(SYS_fchmodat, (int)a[0], a[1], (unsigned)a[2]);
}

long sc_fchown(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fchown, (int)a[0], (unsigned)a[1], (unsigned)a[2]);
}

long sc_fchownat(struct cpu *cpu, uint64_t a[6])
{
    PATH_CHECK(cpu, a[1]);
    return HSYS(SYS_fchownat, (int)a[0], a[1], (unsigned)a[2], (unsigned)a[3], (int)a[4]);
}

long sc_fchdir(struct cpu *cpu, uint64_t a[6])
{
    (void)cpu;
    return HSYS(SYS_fchdir, (int)a[0]);
}

long sc_utimensat(struct cpu *cpu, uint64_t a[6])
{
    if (a[1])                 /* NULL path: the fd itself (the kernel allows it) */
        PATH_CHECK(cpu, a[1]);
    if (a[2] && !guest_access_ok(cpu, a[2], 2 * sizeof(struct timespec), PROT_READ))
        return -EFAULT;
    return HSYS(SYS_utimensat, (int)a[0], a[1], a[2], (int)a[3]);
}

_Static_assert(sizeof(struct statfs) == 120, "struct statfs (asm-generic, 64-bit)");

/* statfs looks its name up (-L sysroot, /proc/self/exe), as stat does */
long sc_statfs(struct cpu *cpu, uint64_t a[6])
{
    char buf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, a[0], buf, &path);
    if (r)
        return r;
    if (!guest_access_ok(cpu, a[1], sizeof(struct statfs), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_statfs, path, a[1]);
}

long sc_fstatfs(struct cpu *cpu, uint64_t a[6])
{
    if (!guest_access_ok(cpu, a[1], sizeof(struct statfs), PROT_WRITE))
        return -EFAULT;
    return HSYS(SYS_fstatfs, (int)a[0], a[1]);
}
