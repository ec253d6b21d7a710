/* sc.h — internals shared by the files of the generic Linux syscall layer.
 *
 * What lives here: the handler prototypes (from handlers*.def), the guest ABI
 * description each generated table carries (struct syscall_abi), the flag and
 * struct translation entry points (xlat.c), the guest-memory checks (guestmem.c)
 * and the host-syscall wrapper.
 *
 * Invariants:
 *  - Handlers return what the kernel would: a value >= 0, or -errno.
 *  - Guest address == host address. A guest pointer is used only after the
 *    guest mm (proc->mm) says the guest may access the range, so a guest can
 *    never make the host kernel read or write tern's own memory.
 *  - No mutable globals: state is in cpu / cpu->proc.
 */
#ifndef TERN_SC_H
#define TERN_SC_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "runner/cpu.h"
#include "runner/tern.h"
#include "syscalls/syscall.h"

/* ---- handlers ----
 * Every handler file's rows, listed in handlers_all.def. */
#define SC(name, fmt) long sc_##name(struct cpu *cpu, uint64_t a[6]);
#include "syscalls/handlers_all.def"
#undef SC

/* ---- host syscalls ----
 * HSYS(nr, args...) is the raw host syscall returning the kernel's value or
 * -errno, through tern_hsys (runner/signal.c), which also lets a guest signal
 * cut short an interruptible syscall before it blocks (-TERN_ERESTART). Every
 * argument is converted to long first (tern_hsys reads longs; an int passed
 * through "..." would leave the upper half of its register undefined). */
long tern_hsys(long nr, ...);
#define HSYS(...) tern_hsys(SC_LONGS(__VA_ARGS__))
#define SC_LONGS(...) SC_CAT(SC_L, SC_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define SC_CAT(a, b) SC_CAT_(a, b)
#define SC_CAT_(a, b) a##b
#define SC_NARGS(...) SC_NARGS_(__VA_ARGS__, 7, 6, 5, 4, 3, 2, 1, 0)
#define SC_NARGS_(_1, _2, _3, _4, _5, _6, _7, n, ...) n
#define SC_L1(a) (long)(a)
#define SC_L2(a, ...) (long)(a), SC_L1(__VA_ARGS__)
#define SC_L3(a, ...) (long)(a), SC_L2(__VA_ARGS__)
#define SC_L4(a, ...) (long)(a), SC_L3(__VA_ARGS__)
#define SC_L5(a, ...) (long)(a), SC_L4(__VA_ARGS__)
#define SC_L6(a, ...) (long)(a), SC_L5(__VA_ARGS__)
#define SC_L7(a, ...) (long)(a), SC_L6(__VA_ARGS__)

/* ---- guest ABI (filled in by the generated table) ---- */

/* One flag bit of a translation family.
 * Columns: name (as strace prints it), value in the guest ABI, value in the
 * host (x86-64) ABI. Both values come from the kernel headers. */
struct flag_xlat {
    const char *name;
    uint32_t guest, host;
};

/* A family of flag bits (open flags, mmap flags, prot). Bits in `pass` are
 * copied unchanged (fields that are the same on every Linux: O_ACCMODE,
 * MAP_TYPE, the MAP_HUGE_* size); other bits not in rows[] are dropped. */
struct flag_family {
    const struct flag_xlat *rows;
    int nrows;
    uint32_t pass;
    bool identity;   /* every row has guest == host (fast path) */
};

struct syscall_abi {
    struct flag_family open_flags;  /* O_* (open, fcntl F_GETFL/F_SETFL, dup3, pipe2) */
    struct flag_family mmap_flags;  /* MAP_* */
    struct flag_family prot_flags;  /* PROT_* */
    bool sigaction_restorer;        /* guest struct sigaction has sa_restorer */
};

/* the ABI of the guest cpu runs */
static inline const struct syscall_abi *sc_abi(const struct cpu *cpu)
{
    return cpu->proc->arch->syscalls->abi;
}

/* ---- xlat.c: flag and struct translation ---- */
uint32_t flags_to_host(const struct flag_family *f, uint32_t guest);
uint32_t flags_to_guest(const struct flag_family *f, uint32_t host);

/* struct stat of the x86-64 kernel (/usr/include/x86_64-linux-gnu/asm/stat.h) */
struct host_kstat {
    uint64_t st_dev, st_ino, st_nlink;
    uint32_t st_mode, st_uid, st_gid, pad0;
    uint64_t st_rdev;
    int64_t st_size, st_blksize, st_blocks;
    uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
    int64_t unused[3];
};
/* struct stat of asm-generic 64-bit guests: riscv64, aarch64
 * (/usr/riscv64-linux-gnu/include/asm-generic/stat.h) */
struct generic_kstat {
    uint64_t st_dev, st_ino;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev, pad1;
    int64_t st_size;
    int32_t st_blksize, pad2;
    int64_t st_blocks;
    int64_t st_atime_;  uint64_t st_atime_nsec;
    int64_t st_mtime_;  uint64_t st_mtime_nsec;
    int64_t st_ctime_;  uint64_t st_ctime_nsec;
    uint32_t unused4, unused5;
};
/* 0, or -EOVERFLOW when a value does not fit */
int stat_to_generic(const struct host_kstat *h, struct generic_kstat *g);

/* ---- guestmem.c: guest pointers ----
 * prot uses the host PROT_* numbering (the guest mm stores it so). */
bool guest_access_ok(struct cpu *cpu, uint64_t addr, uint64_t len, int prot);
/* 0 or -EFAULT */
long guest_copy_in(struct cpu *cpu, void *dst, uint64_t src, size_t len);
long guest_copy_out(struct cpu *cpu, uint64_t dst, const void *src, size_t len);
/* length of the NUL-terminated guest string at addr if every byte up to the
 * NUL is readable guest memory; -EFAULT if not; -ENAMETOOLONG if there is no
 * NUL in the first max bytes */
long guest_strlen(struct cpu *cpu, uint64_t addr, size_t max);
/* how many bytes from addr on (at most len) the guest may access with prot:
 * the whole range, or up to the first page it may not (a syscall then works on
 * that prefix, as the kernel stops at the first fault) */
uint64_t guest_access_len(struct cpu *cpu, uint64_t addr, uint64_t len, int prot);
/* copies of the recorded vmas overlapping [start, end) into out[0..max);
 * returns how many there are (may be > max) */
size_t guest_vmas_in(struct guest_mm *mm, uint64_t start, uint64_t end,
                     struct guest_vma *out, size_t max);
/* guest path argument: 0 when the string at addr may be handed to the host
 * kernel, else -EFAULT / -ENAMETOOLONG */
long guest_path_ok(struct cpu *cpu, uint64_t addr);
/* Pointers the guest does not own, for calls whose kernel checks other things
 * first (guestmem.c's top comment): the address the host gets in place of
 * [addr, addr+len), on which its copy faults as the guest kernel's would
 * (an address in page 0, or in the kernel half when the range reaches past
 * the guest's task size) */
uint64_t guest_fault_ptr(struct cpu *cpu, uint64_t addr, uint64_t len);
/* addr when it is NULL or the guest may access the whole range with prot,
 * else guest_fault_ptr */
uint64_t guest_host_ptr(struct cpu *cpu, uint64_t addr, uint64_t len, int prot);
/* A buffer the kernel fills or drains from its start: addr with *len cut to
 * the prefix the guest owns; guest_fault_ptr (*len kept) when the guest owns
 * none of it or the range reaches past the task size (the kernel's access_ok
 * refuses it at once). A caller that can, gives the host the cut-off rest as
 * a faulting second iovec (fs.c's read/write), so the kernel's transfer
 * fails at the same byte. */
uint64_t guest_host_buf(struct cpu *cpu, uint64_t addr, uint64_t *len, int prot);
/* A guest iovec array as the host gets it (readv/writev, preadv/pwritev(2),
 * vmsplice): ptr is v (the guest's entries copied, so another thread cannot
 * swap a checked one) or a fault pointer (array not the guest's, or more
 * than UIO_MAXIOV entries: the host's EFAULT/EINVAL after its fd checks);
 * cnt the count to pass. A buffer the guest does not own becomes a fault
 * pointer of the same length; one it owns only in part becomes two entries,
 * the owned prefix and a fault pointer for the rest, so the host's transfer
 * stops at the byte where the kernel's would, with the guest's total length
 * (with UIO_MAXIOV entries already, the vector ends after the prefix
 * instead). With a negative length or a buffer past the task size anywhere
 * (the kernel's EINVAL/EFAULT before any transfer) every entry is kept,
 * unowned buffers made fault pointers. */
#define GUEST_UIO_MAXIOV 1024   /* UIO_MAXIOV, the same on every Linux */
struct guest_iovs {
    struct iovec v[GUEST_UIO_MAXIOV];
    uint64_t ptr;
    uint64_t cnt;
};
void guest_iov_import(struct cpu *cpu, uint64_t guest_iov, uint64_t cnt, int prot,
                      struct guest_iovs *io);

/* jit/smc.c, for the checks above with PROT_WRITE: the host kernel is about
 * to write guest [addr, addr+len) for the guest. Pages write-protected
 * because code was translated from them get their guest protection back and
 * their translations go stale (flushed at the next safe point), as a guest
 * store there would make them; otherwise the host's copy would fail with
 * EFAULT. One load when no page is protected. */
void smc_before_host_write(struct cpu *cpu, uint64_t addr, uint64_t len);

/* ---- fs.c ---- */
/* a guest path for a lookup (open, stat, access, readlink): checked like
 * guest_path_ok; *path is the string to give the host: the guest's own, or one
 * written into buf (PATH_MAX bytes) for names that must describe the guest
 * (/proc/self/exe) and names found under the -L sysroot. 0 or -errno. */
long guest_lookup_path(struct cpu *cpu, uint64_t addr, char *buf, const char **path);
/* guest_lookup_path's -L rule for an absolute name p already in tern's
 * memory: buf (PATH_MAX bytes, filled with the sysroot's copy) when the
 * sysroot has the name, else p */
const char *guest_sysroot_path(struct cpu *cpu, const char *p, char *buf);

/* ---- area files: restart class of their handlers (SIG_SC_*, runner/signal.h),
 * SIG_SC_PLAIN for handlers that are not theirs; asked by sig_sc_class_of ---- */
int fsx_sc_class(long (*fn)(struct cpu *, uint64_t *));
int events_sc_class(long (*fn)(struct cpu *, uint64_t *));
int net_sc_class(long (*fn)(struct cpu *, uint64_t *));
int ident_sc_class(long (*fn)(struct cpu *, uint64_t *));
int tty_sc_class(long (*fn)(struct cpu *, uint64_t *));
int futex_sc_class(long (*fn)(struct cpu *, uint64_t *));

/* ---- riscv64.c ---- */
/* riscv_hwprobe answer for key given the model's RV_F_* features; false if the
 * key is unknown */
bool riscv_hwprobe_value(uint64_t features, int64_t key, uint64_t *value);

/* ---- strace.c ---- */
/* "ENOENT" etc., NULL if unknown */
const char *sc_errno_name(int err);
/* formats " = <result>" (qemu style: " = -1 errno=2 (No such file or directory)") */
void strace_format_result(char *buf, size_t n, long ret, char retfmt);
/* whole line without the trailing newline: "PID name(args) = result";
 * ret_known false: no result part (calls that do not return) */
void strace_format_call(struct cpu *cpu, const struct syscall_def *d, uint64_t nr,
                        const uint64_t a[6], long ret, bool ret_known,
                        char *buf, size_t n);

#endif
