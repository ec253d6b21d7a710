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

/* ---- fs.c ---- */
/* a guest path for a lookup (open, stat, access, readlink): checked like
 * guest_path_ok; *path is the string to give the host: the guest's own, or one
 * written into buf (PATH_MAX bytes) for names that must describe the guest
 * (/proc/self/exe) and names found under the -L sysroot. 0 or -errno. */
long guest_lookup_path(struct cpu *cpu, uint64_t addr, char *buf, const char **path);

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
