/* test_syscalls.c — the syscall layer: the generated riscv64 table, the
 * translation families (struct stat, open flags both ways), errno names and
 * strace formatting, and handlers run through guest_syscall() against the
 * host kernel.
 *
 * Every test builds its own tern_proc for the riscv64 guest; guest memory is
 * obtained through the guest's own mmap (so it is recorded in proc->mm), and
 * everything recorded is unmapped afterwards, so tests are independent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frontends/riscv64/riscv64.h"
#include "runner/cpu.h"
#include "runner/mm.h"
#include "runner/tern.h"
#include "syscalls/sc.h"
#include "syscalls/syscall.h"

#define PG GUEST_PAGE_SIZE

/* ---- fixtures ---- */

struct env {
    struct tern_proc *p;
    struct cpu *cpu;
};

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    e->p = calloc(1, sizeof *e->p);
    e->cpu = calloc(1, sizeof *e->cpu);
    if (!e || !e->p || !e->cpu)
        return -1;
    e->p->arch = arch_by_machine(EM_RISCV);
    if (!e->p->arch)
        return -1;
    e->p->model = &e->p->arch->models[0];
    mm_init(&e->p->mm, e->p->arch->task_size, e->p->arch->mmap_base);
    e->cpu->proc = e->p;
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    struct guest_mm *mm = &e->p->mm;
    for (size_t i = 0; i < mm->nvmas; i++)
        munmap((void *)(uintptr_t)mm->vmas[i].start, mm->vmas[i].end - mm->vmas[i].start);
    if (mm->brk_end_reserved > mm->brk_start)
        munmap((void *)(uintptr_t)mm->brk_start, mm->brk_end_reserved - mm->brk_start);
    free(mm->vmas);
    free(e->p);
    free(e->cpu);
    free(e);
    return 0;
}

static int nr_of(const char *name)
{
    const struct syscall_table *t = &riscv64_syscall_table;
    for (int i = 0; i < t->count; i++)
        if (t->defs[i].name && strcmp(t->defs[i].name, name) == 0)
            return i;
    fail_msg("no syscall %s", name);
    return -1;
}

/* run a guest syscall by name through the dispatcher */
static long gsc(struct env *e, const char *name, uint64_t a0, uint64_t a1, uint64_t a2,
                uint64_t a3, uint64_t a4, uint64_t a5)
{
    const struct guest_arch *arch = e->p->arch;
    uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    e->cpu->gpr[arch->sc_nr_reg] = (uint64_t)nr_of(name);
    for (int i = 0; i < 6; i++)
        e->cpu->gpr[arch->sc_arg_reg[i]] = a[i];
    guest_syscall(e->cpu);
    return (long)e->cpu->gpr[arch->sc_ret_reg];
}
#define GSC(e, name, ...) gsc_va(e, name, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define gsc_va(e, name, a0, a1, a2, a3, a4, a5, ...) \
    gsc(e, name, (uint64_t)(a0), (uint64_t)(a1), (uint64_t)(a2), (uint64_t)(a3), \
        (uint64_t)(a4), (uint64_t)(a5))

/* guest memory through the guest's mmap */
static uint64_t galloc(struct env *e, uint64_t len, int prot)
{
    long r = GSC(e, "mmap", 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(r > 0);
    return (uint64_t)r;
}

/* ---- the generated table ---- */

static void test_table(void **state)
{
    (void)state;
    const struct syscall_table *t = &riscv64_syscall_table;
    assert_string_equal(t->arch, "riscv64");
    assert_true(t->count >= 451);
    assert_ptr_equal(arch_by_machine(EM_RISCV)->syscalls, t);
    static const struct { int nr; const char *name; } known[] = {
        { 17, "getcwd" }, { 25, "fcntl" }, { 29, "ioctl" }, { 56, "openat" },
        { 57, "close" }, { 62, "lseek" }, { 63, "read" }, { 64, "write" },
        { 78, "readlinkat" }, { 79, "newfstatat" }, { 80, "fstat" }, { 93, "exit" },
        { 94, "exit_group" }, { 96, "set_tid_address" }, { 113, "clock_gettime" },
        { 134, "rt_sigaction" }, { 135, "rt_sigprocmask" }, { 160, "uname" },
        { 214, "brk" }, { 215, "munmap" }, { 216, "mremap" }, { 222, "mmap" },
        { 226, "mprotect" }, { 258, "riscv_hwprobe" }, { 259, "riscv_flush_icache" },
        { 261, "prlimit64" }, { 278, "getrandom" }, { 291, "statx" }, { 439, "faccessat2" },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const struct syscall_def *d = &t->defs[known[i].nr];
        assert_non_null(d->name);
        assert_string_equal(d->name, known[i].name);
        assert_non_null(d->fn);
        assert_non_null(d->args);
    }
    /* named but not implemented */
    assert_string_equal(t->defs[224].name, "swapon");
    assert_null(t->defs[224].fn);
    /* gaps carry no handler */
    for (int i = 0; i < t->count; i++)
        if (!t->defs[i].name)
            assert_null(t->defs[i].fn);
    /* riscv64's ABI facts */
    assert_false(t->abi->sigaction_restorer);
    assert_true(t->abi->open_flags.identity);
}

/* ---- translation families ---- */

static void test_stat_translation(void **state)
{
    (void)state;
    struct host_kstat h = {
        .st_dev = 0x0102030405060708ull, .st_ino = 0x1112131415161718ull, .st_nlink = 7,
        .st_mode = 0100644, .st_uid = 1000, .st_gid = 1001, .st_rdev = 0x2122,
        .st_size = 0x123456789ll, .st_blksize = 4096, .st_blocks = 99,
        .st_atime_ = 1700000001, .st_atime_nsec = 11, .st_mtime_ = 1700000002,
        .st_mtime_nsec = 22, .st_ctime_ = 1700000003, .st_ctime_nsec = 33,
    };
    struct generic_kstat g;
    memset(&g, 0xaa, sizeof g);
    assert_int_equal(stat_to_generic(&h, &g), 0);
    assert_true(g.st_dev == h.st_dev && g.st_ino == h.st_ino);
    assert_int_equal(g.st_mode, 0100644);
    assert_int_equal(g.st_nlink, 7);
    assert_int_equal(g.st_uid, 1000);
    assert_int_equal(g.st_gid, 1001);
    assert_int_equal(g.st_rdev, 0x2122);
    assert_int_equal(g.st_size, 0x123456789ll);
    assert_int_equal(g.st_blksize, 4096);
    assert_int_equal(g.st_blocks, 99);
    assert_int_equal(g.st_atime_, 1700000001);
    assert_int_equal(g.st_atime_nsec, 11);
    assert_int_equal(g.st_mtime_, 1700000002);
    assert_int_equal(g.st_mtime_nsec, 22);
    assert_int_equal(g.st_ctime_, 1700000003);
    assert_int_equal(g.st_ctime_nsec, 33);
    assert_int_equal(g.pad1, 0);
    assert_int_equal(g.pad2, 0);
    assert_int_equal(g.unused4, 0);
    /* byte offsets of the asm-generic layout */
    unsigned char *b = (unsigned char *)&g;
    uint32_t mode;
    int64_t size;
    memcpy(&mode, b + 16, 4);
    memcpy(&size, b + 48, 8);
    assert_int_equal(mode, 0100644);
    assert_int_equal(size, 0x123456789ll);

    h.st_nlink = 1ull << 33;
    assert_int_equal(stat_to_generic(&h, &g), -EOVERFLOW);

    /* against a real host stat */
    struct stat st;
    assert_int_equal(stat("/proc/self/exe", &st), 0);
    struct host_kstat hk;
    assert_int_equal(syscall(SYS_newfstatat, AT_FDCWD, "/proc/self/exe", &hk, 0), 0);
    assert_int_equal(stat_to_generic(&hk, &g), 0);
    assert_int_equal(g.st_ino, st.st_ino);
    assert_int_equal(g.st_size, st.st_size);
    assert_int_equal(g.st_mode, st.st_mode);
    assert_int_equal(g.st_mtime_, st.st_mtim.tv_sec);
    assert_int_equal(g.st_mtime_nsec, st.st_mtim.tv_nsec);
}

/* guest O_ values of riscv64 (asm-generic/fcntl.h) */
#define G_O_DIRECT    0040000u
#define G_O_LARGEFILE 0100000u
#define G_O_DIRECTORY 0200000u
#define G_O_NOFOLLOW  0400000u
#define G_O_CLOEXEC   02000000u

static void test_open_flags_riscv64(void **state)
{
    (void)state;
    const struct flag_family *f = &riscv64_syscall_table.abi->open_flags;
    uint32_t g = O_RDWR | O_CREAT | O_TRUNC | G_O_DIRECTORY | G_O_NOFOLLOW | G_O_CLOEXEC;
    assert_int_equal(flags_to_host(f, g), O_RDWR | O_CREAT | O_TRUNC | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    assert_int_equal(flags_to_host(f, G_O_DIRECT | G_O_LARGEFILE), O_DIRECT | 0100000);
    assert_int_equal(flags_to_guest(f, O_WRONLY | O_APPEND | O_NONBLOCK | 0100000),
                     O_WRONLY | O_APPEND | O_NONBLOCK | G_O_LARGEFILE);
    /* a bit no Linux defines is dropped */
    assert_int_equal(flags_to_host(f, O_RDONLY | 0x80000000u), O_RDONLY);
    /* every row survives the round trip */
    for (int i = 0; i < f->nrows; i++)
        assert_int_equal(flags_to_guest(f, flags_to_host(f, f->rows[i].guest)), f->rows[i].guest);
}

/* A guest whose open flags differ from x86-64's: aarch64 (the values of
 * arch/arm64/include/uapi/asm/fcntl.h), laid out as gen_table.py emits it. */
static const struct flag_xlat arm64_open_rows[] = {
    { "O_CREAT", 0100, 0100 }, { "O_EXCL", 0200, 0200 }, { "O_NOCTTY", 0400, 0400 },
    { "O_TRUNC", 01000, 01000 }, { "O_APPEND", 02000, 02000 },
    { "O_NONBLOCK", 04000, 04000 }, { "O_DSYNC", 010000, 010000 },
    { "FASYNC", 020000, 020000 }, { "O_DIRECT", 0200000, 040000 },
    { "O_LARGEFILE", 0400000, 0100000 }, { "O_DIRECTORY", 040000, 0200000 },
    { "O_NOFOLLOW", 0100000, 0400000 }, { "O_NOATIME", 01000000, 01000000 },
    { "O_CLOEXEC", 02000000, 02000000 }, { "__O_SYNC", 04000000, 04000000 },
    { "O_PATH", 010000000, 010000000 }, { "__O_TMPFILE", 020000000, 020000000 },
};
static const struct flag_family arm64_open = {
    arm64_open_rows, (int)(sizeof arm64_open_rows / sizeof arm64_open_rows[0]), 3, false
};

static void test_open_flags_differing_guest(void **state)
{
    (void)state;
    const struct flag_family *f = &arm64_open;
    /* guest -> host */
    assert_int_equal(flags_to_host(f, 040000 /* O_DIRECTORY */), O_DIRECTORY);
    assert_int_equal(flags_to_host(f, 0100000 /* O_NOFOLLOW */), O_NOFOLLOW);
    assert_int_equal(flags_to_host(f, 0200000 /* O_DIRECT */), O_DIRECT);
    assert_int_equal(flags_to_host(f, 0400000 /* O_LARGEFILE */), 0100000);
    assert_int_equal(flags_to_host(f, O_RDONLY | 040000 | 0100000 | G_O_CLOEXEC),
                     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    /* host -> guest (F_GETFL) */
    assert_int_equal(flags_to_guest(f, O_RDWR | 0100000 /* host O_LARGEFILE */ | O_APPEND),
                     O_RDWR | 0400000 | O_APPEND);
    assert_int_equal(flags_to_guest(f, O_DIRECTORY | O_DIRECT), 040000 | 0200000);
    for (int i = 0; i < f->nrows; i++) {
        assert_int_equal(flags_to_host(f, f->rows[i].guest), f->rows[i].host);
        assert_int_equal(flags_to_guest(f, f->rows[i].host), f->rows[i].guest);
    }
    assert_int_equal(flags_to_host(f, 0x40000000u), 0);
}

static void test_mmap_prot_tables(void **state)
{
    (void)state;
    const struct syscall_abi *abi = riscv64_syscall_table.abi;
    uint32_t g = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_STACK | MAP_NORESERVE;
    assert_int_equal(flags_to_host(&abi->mmap_flags, g), g);
    /* 0x40 is MAP_32BIT on x86-64 only: never passed on */
    assert_int_equal(flags_to_host(&abi->mmap_flags, MAP_PRIVATE | 0x40), MAP_PRIVATE);
    /* huge page size field passes */
    assert_int_equal(flags_to_host(&abi->mmap_flags, MAP_PRIVATE | MAP_HUGETLB | (21u << 26)),
                     MAP_PRIVATE | MAP_HUGETLB | (21u << 26));
    assert_int_equal(flags_to_host(&abi->prot_flags, PROT_READ | PROT_EXEC), PROT_READ | PROT_EXEC);
}

/* ---- errno names and strace ---- */

static void test_errno_names(void **state)
{
    (void)state;
    char buf[128];
    assert_string_equal(sc_errno_name(ENOENT), "ENOENT");
    assert_string_equal(sc_errno_name(EFAULT), "EFAULT");
    assert_string_equal(sc_errno_name(ENOSYS), "ENOSYS");
    strace_format_result(buf, sizeof buf, -ENOENT, 'd');
    assert_string_equal(buf, " = -1 errno=2 (No such file or directory)");
    strace_format_result(buf, sizeof buf, -ENOSYS, 'p');
    assert_string_equal(buf, " = -1 errno=38 (Function not implemented)");
    strace_format_result(buf, sizeof buf, 3, 'd');
    assert_string_equal(buf, " = 3");
    strace_format_result(buf, sizeof buf, 0x2000000000l, 'p');
    assert_string_equal(buf, " = 0x2000000000");
    strace_format_result(buf, sizeof buf, 022, 'o');
    assert_string_equal(buf, " = 022");
}

static void test_strace_lines(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG, PROT_READ | PROT_WRITE);
    strcpy((char *)(uintptr_t)mem, "/etc/passwd");
    const struct syscall_def *defs = riscv64_syscall_table.defs;
    char line[512], want[512];
    int pid = (int)getpid();

    uint64_t a[6] = { (uint64_t)-100, mem, O_RDONLY | G_O_CLOEXEC, 0, 0, 0 };
    strace_format_call(e->cpu, &defs[nr_of("openat")], 56, a, -ENOENT, true, line, sizeof line);
    snprintf(want, sizeof want,
             "%d openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY|O_CLOEXEC,00) = -1 errno=2 (No such file or directory)", pid);
    assert_string_equal(line, want);

    /* a string the guest does not own prints as a number */
    char host_str[] = "runner";
    a[1] = (uint64_t)(uintptr_t)host_str;
    strace_format_call(e->cpu, &defs[nr_of("openat")], 56, a, 3, true, line, sizeof line);
    snprintf(want, sizeof want, "%d openat(AT_FDCWD,0x%llx,O_RDONLY|O_CLOEXEC,00) = 3", pid,
             (unsigned long long)(uintptr_t)host_str);
    assert_string_equal(line, want);

    uint64_t m[6] = { 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0 };
    strace_format_call(e->cpu, &defs[nr_of("mmap")], 222, m, 0x2000000000l, true, line, sizeof line);
    snprintf(want, sizeof want,
             "%d mmap(NULL,8192,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0) = 0x2000000000", pid);
    assert_string_equal(line, want);

    /* write shows its buffer; read shows what it read (result bytes) */
    strcpy((char *)(uintptr_t)mem, "hi\n\"x");
    uint64_t w[6] = { 1, mem, 5, 0, 0, 0 };
    strace_format_call(e->cpu, &defs[nr_of("write")], 64, w, 5, true, line, sizeof line);
    snprintf(want, sizeof want, "%d write(1,\"hi\\n\\\"x\",5) = 5", pid);
    assert_string_equal(line, want);
    strace_format_call(e->cpu, &defs[nr_of("read")], 63, w, 2, true, line, sizeof line);
    snprintf(want, sizeof want, "%d read(1,\"hi\",5) = 2", pid);
    assert_string_equal(line, want);

    /* exit_group before it runs: no result */
    uint64_t x[6] = { 3, 0, 0, 0, 0, 0 };
    strace_format_call(e->cpu, &defs[nr_of("exit_group")], 94, x, 0, false, line, sizeof line);
    snprintf(want, sizeof want, "%d exit_group(3)", pid);
    assert_string_equal(line, want);

    /* unimplemented: raw registers */
    strace_format_call(e->cpu, &defs[224], 224, x, -ENOSYS, true, line, sizeof line);
    snprintf(want, sizeof want, "%d swapon(0x3,0x0,0x0,0x0,0x0,0x0) = -1 errno=38 (Function not implemented)", pid);
    assert_string_equal(line, want);
}

/* ---- handlers through guest_syscall ---- */

static void test_unknown_syscalls(void **state)
{
    struct env *e = *state;
    const struct guest_arch *arch = e->p->arch;
    assert_int_equal(GSC(e, "swapon", 0, 0, 0, 0, 0, 0), -ENOSYS);
    /* clone: memory shared without a thread or vfork has no host shape;
     * inconsistent flags are refused as the kernel refuses them (none of
     * these forks or starts a thread) */
    assert_int_equal(GSC(e, "clone", 0x00011f00 /* VM|FS|FILES|SIGHAND|THREAD|PIDFD */, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(GSC(e, "clone", 0x00000100 /* VM */, 0, 0, 0, 0, 0), -ENOSYS);
    assert_int_equal(GSC(e, "clone", 0x00010000 /* THREAD */, 0, 0, 0, 0, 0), -EINVAL);
    assert_int_equal(GSC(e, "clone", 0x00000800 /* SIGHAND */, 0, 0, 0, 0, 0), -EINVAL);
    e->cpu->gpr[arch->sc_nr_reg] = 100000;
    guest_syscall(e->cpu);
    assert_int_equal((long)e->cpu->gpr[arch->sc_ret_reg], -ENOSYS);
    e->cpu->gpr[arch->sc_nr_reg] = 300;     /* a hole in the asm-generic numbering */
    guest_syscall(e->cpu);
    assert_int_equal((long)e->cpu->gpr[arch->sc_ret_reg], -ENOSYS);
}

static void test_pipe_read_write(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, 2 * PG, PROT_READ | PROT_WRITE);
    int *fds = (int *)(uintptr_t)mem;
    char *buf = (char *)(uintptr_t)(mem + 64);

    assert_int_equal(GSC(e, "pipe2", mem, G_O_CLOEXEC), 0);
    assert_int_equal(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
    memcpy(buf, "hello", 5);
    assert_int_equal(GSC(e, "write", fds[1], mem + 64, 5), 5);
    memset(buf, 0, 16);
    assert_int_equal(GSC(e, "read", fds[0], mem + 64, 16), 5);
    assert_memory_equal(buf, "hello", 5);

    /* memory the guest does not own: EFAULT, and the host buffer is untouched */
    char host[16] = "untouched";
    assert_int_equal(GSC(e, "write", fds[1], "abc", 3), -EFAULT);
    memcpy(buf, "abc", 3);
    assert_int_equal(GSC(e, "write", fds[1], mem + 64, 3), 3);
    assert_int_equal(GSC(e, "read", fds[0], host, 3), -EFAULT);
    assert_string_equal(host, "untouched");
    assert_int_equal(GSC(e, "read", fds[0], mem + 64, 3), 3);   /* still there */

    /* a read running off the end of guest memory stops where the kernel's
     * does: a pipe buffer that does not fit is EFAULT and stays in the pipe;
     * what fits is read */
    uint64_t tail = mem + 2 * PG - 4;
    assert_int_equal(GSC(e, "write", fds[1], mem + 64, 8), 8);
    /* the page after the guest mapping is not the guest's */
    assert_int_equal(GSC(e, "read", fds[0], tail, 64), -EFAULT);
    assert_int_equal(GSC(e, "read", fds[0], tail, 4), 4);

    /* writev from two guest buffers */
    struct iovec *iov = (struct iovec *)(uintptr_t)(mem + 256);
    memcpy(buf, "abcdef", 6);
    iov[0] = (struct iovec){ buf, 2 };
    iov[1] = (struct iovec){ buf + 4, 2 };
    assert_int_equal(GSC(e, "writev", fds[1], mem + 256, 2), 4);
    char got[8] = { 0 };
    assert_int_equal(read(fds[0], got, sizeof got), 8);   /* 4 leftover + 4 */
    assert_memory_equal(got + 4, "abef", 4);
    assert_int_equal(GSC(e, "writev", fds[1], mem + 256, 5000), -EINVAL);

    /* F_GETFL shows guest flag values */
    assert_int_equal(GSC(e, "fcntl", fds[0], F_SETFL, O_NONBLOCK), 0);
    long fl = GSC(e, "fcntl", fds[0], F_GETFL, 0);
    assert_true(fl >= 0 && (fl & O_NONBLOCK) && (fl & O_ACCMODE) == O_RDONLY);
    assert_int_equal(GSC(e, "fcntl", fds[0], 9999, 0), -EINVAL);

    /* ioctls: pass-through ones reach the host, an unowned pointer replaced
     * by one the host refuses, so a pipe being no tty comes first (ENOTTY)
     * as on the kernel; unknown ones are ENOTTY (EBADF for a bad fd) without
     * reaching it */
    assert_int_equal(GSC(e, "ioctl", fds[0], TIOCGWINSZ, mem + 512), -ENOTTY);
    assert_int_equal(GSC(e, "ioctl", fds[0], TIOCGWINSZ, host), -ENOTTY);
    assert_int_equal(GSC(e, "ioctl", fds[0], FIONREAD, host), -EFAULT);
    assert_int_equal(GSC(e, "ioctl", fds[0], 0x12345678, 0), -ENOTTY);
    assert_int_equal(GSC(e, "ioctl", 9999, 0x12345678, 0), -EBADF);
    long n = GSC(e, "ioctl", fds[0], FIONREAD, mem + 512);
    assert_int_equal(n, 0);

    assert_int_equal(GSC(e, "dup3", fds[0], fds[0] + 100, 0x1), -EINVAL);   /* not O_CLOEXEC */
    close(fds[0]);
    close(fds[1]);
}

static void test_open_stat(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG, PROT_READ | PROT_WRITE);
    char *path = (char *)(uintptr_t)mem;
    strcpy(path, "/proc/self/exe");
    struct generic_kstat *g = (struct generic_kstat *)(uintptr_t)(mem + 1024);
    struct stat st;
    assert_int_equal(stat("/proc/self/exe", &st), 0);
    static char self[PATH_MAX];
    assert_true(readlink("/proc/self/exe", self, sizeof self - 1) > 0);
    e->p->exe_path = self;

    assert_int_equal(GSC(e, "newfstatat", AT_FDCWD, mem, mem + 1024, 0), 0);
    assert_int_equal(g->st_size, st.st_size);
    assert_int_equal(g->st_ino, st.st_ino);
    long fd = GSC(e, "openat", AT_FDCWD, mem, O_RDONLY | G_O_CLOEXEC, 0);
    assert_true(fd >= 0);
    memset(g, 0, sizeof *g);
    assert_int_equal(GSC(e, "fstat", fd, mem + 1024), 0);
    assert_int_equal(g->st_mode, st.st_mode);
    assert_int_equal(GSC(e, "fstat", fd, &st), -EFAULT);   /* not guest memory */
    assert_int_equal(GSC(e, "statx", AT_FDCWD, mem, 0, 0x7ff, mem + 2048), 0);
    close((int)fd);

    assert_int_equal(GSC(e, "openat", AT_FDCWD, "/etc/hostname", O_RDONLY, 0), -EFAULT);
    strcpy(path, "/nonexistent/x");
    assert_int_equal(GSC(e, "openat", AT_FDCWD, mem, O_RDONLY, 0), -ENOENT);
    assert_int_equal(GSC(e, "faccessat", AT_FDCWD, mem, F_OK), -ENOENT);

    /* /proc/self/exe is the guest program */
    e->p->exe_path = "/bin/sh";
    char real[PATH_MAX];
    assert_non_null(realpath("/bin/sh", real));
    strcpy(path, "/proc/self/exe");
    long n = GSC(e, "readlinkat", AT_FDCWD, mem, mem + 1024, 1000);
    assert_int_equal(n, (long)strlen(real));
    assert_memory_equal((char *)(uintptr_t)(mem + 1024), real, (size_t)n);
    assert_int_equal(GSC(e, "readlinkat", AT_FDCWD, mem, mem + 1024, 0), -EINVAL);
}

static void test_cmdline(void **state)
{
    struct env *e = *state;
    static char *argv[] = { "prog", "a", "bc", NULL };
    e->p->opts.guest_argc = 3;
    e->p->opts.guest_argv = argv;
    uint64_t mem = galloc(e, PG, PROT_READ | PROT_WRITE);
    strcpy((char *)(uintptr_t)mem, "/proc/self/cmdline");
    long fd = GSC(e, "openat", AT_FDCWD, mem, O_RDONLY, 0);
    assert_true(fd >= 0);
    char buf[64];
    assert_int_equal(read((int)fd, buf, sizeof buf), 10);
    assert_memory_equal(buf, "prog\0a\0bc\0", 10);
    close((int)fd);
}

static void test_mmap_family(void **state)
{
    struct env *e = *state;
    struct guest_mm *mm = &e->p->mm;
    uint64_t top = e->p->arch->task_size;

    uint64_t a = galloc(e, 3 * PG, PROT_READ | PROT_WRITE);
    assert_true(a + 3 * PG <= top);
    assert_int_equal(mm_prot_at(mm, a), PROT_READ | PROT_WRITE);
    memset((void *)(uintptr_t)a, 1, 3 * PG);

    /* exec-only: recorded as the guest asked, readable in the host */
    assert_int_equal(GSC(e, "mprotect", a + PG, PG, PROT_EXEC), 0);
    assert_int_equal(mm_prot_at(mm, a + PG), PROT_EXEC);
    assert_int_equal(*(volatile char *)(uintptr_t)(a + PG), 1);
    assert_int_equal(GSC(e, "mprotect", a + 1, PG, PROT_READ), -EINVAL);
    assert_int_equal(GSC(e, "mprotect", a, PG, 0x100), -EINVAL);

    /* MAP_FIXED over guest memory is fine */
    long r = GSC(e, "mmap", a, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    assert_int_equal(r, (long)a);
    assert_int_equal(mm_prot_at(mm, a), PROT_READ);
    assert_int_equal(*(volatile char *)(uintptr_t)a, 0);   /* fresh page */
    /* NOREPLACE over it is EEXIST */
    r = GSC(e, "mmap", a, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_int_equal(r, -EEXIST);

    /* something of the runner's below task_size: MAP_FIXED must not replace it */
    uint64_t free_at = mm_find_free(mm, e->p->arch->mmap_base, 2 * PG);
    assert_true(free_at != 0);
    char *runner = mmap((void *)(uintptr_t)free_at, PG, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(runner, (void *)(uintptr_t)free_at);
    strcpy(runner, "runner data");
    r = GSC(e, "mmap", free_at, 2 * PG, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    assert_int_equal(r, -ENOMEM);
    assert_string_equal(runner, "runner data");
    /* and the claimed free page after it was given back */
    void *probe = mmap((void *)(uintptr_t)(free_at + PG), PG, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(probe, (void *)(uintptr_t)(free_at + PG));
    munmap(probe, PG);
    /* munmap of it is a no-op for the host */
    assert_int_equal(GSC(e, "munmap", free_at, PG), 0);
    assert_string_equal(runner, "runner data");
    munmap(runner, PG);
    /* above task_size */
    r = GSC(e, "mmap", top, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    assert_int_equal(r, -ENOMEM);
    /* a hint is honoured when free */
    uint64_t hint = mm_find_free(mm, e->p->arch->mmap_base + 0x10000000, PG);
    r = GSC(e, "mmap", hint, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_int_equal(r, (long)hint);
    assert_int_equal(GSC(e, "munmap", hint, PG), 0);

    /* bad arguments */
    assert_int_equal(GSC(e, "mmap", 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -EINVAL);
    assert_int_equal(GSC(e, "mmap", 0, PG, PROT_READ, MAP_ANONYMOUS, -1, 0), -EINVAL);
    assert_int_equal(GSC(e, "mmap", 0, PG, PROT_READ, MAP_PRIVATE, 12345, 0), -EBADF);

    /* madvise / munmap */
    assert_int_equal(GSC(e, "madvise", a + 2 * PG, PG, MADV_DONTNEED), 0);
    assert_int_equal(*(volatile char *)(uintptr_t)(a + 2 * PG), 0);
    assert_int_equal(GSC(e, "madvise", free_at, PG, MADV_DONTNEED), -ENOMEM);
    assert_int_equal(GSC(e, "munmap", a, 3 * PG), 0);
    assert_int_equal(mm_prot_at(mm, a), -1);
    assert_int_equal(mm_prot_at(mm, a + 2 * PG), -1);
    assert_int_equal(GSC(e, "munmap", a + 1, PG), -EINVAL);
}

static void test_mremap(void **state)
{
    struct env *e = *state;
    struct guest_mm *mm = &e->p->mm;
    uint64_t a = galloc(e, 2 * PG, PROT_READ | PROT_WRITE);
    memset((void *)(uintptr_t)a, 7, 2 * PG);

    /* shrink in place */
    assert_int_equal(GSC(e, "mremap", a, 2 * PG, PG, 0, 0), (long)a);
    assert_int_equal(mm_prot_at(mm, a + PG), -1);
    /* grow: in place when free, else moved */
    long r = GSC(e, "mremap", a, PG, 4 * PG, MREMAP_MAYMOVE, 0);
    assert_true(r > 0);
    uint64_t b = (uint64_t)r;
    assert_int_equal(*(volatile char *)(uintptr_t)b, 7);
    assert_true(mm_range_has(mm, b, 4 * PG, PROT_READ | PROT_WRITE));
    if (b != a)
        assert_int_equal(mm_prot_at(mm, a), -1);
    /* block the tail, then grow without MAYMOVE fails; with it, moves */
    uint64_t blk = galloc(e, PG, PROT_READ);
    r = GSC(e, "mmap", b + 4 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    (void)blk;
    if (r == (long)(b + 4 * PG)) {
        assert_int_equal(GSC(e, "mremap", b, 4 * PG, 6 * PG, 0, 0), -ENOMEM);
        r = GSC(e, "mremap", b, 4 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
        assert_true(r > 0 && (uint64_t)r != b);
        assert_int_equal(*(volatile char *)(uintptr_t)r, 7);
        assert_int_equal(mm_prot_at(mm, b), -1);
        assert_true(mm_range_has(mm, (uint64_t)r, 6 * PG, PROT_READ | PROT_WRITE));
    }
    /* not guest memory */
    char host[64];
    assert_int_equal(GSC(e, "mremap", (uint64_t)(uintptr_t)host & ~(PG - 1), PG, 2 * PG,
                         MREMAP_MAYMOVE, 0), -EFAULT);
    assert_int_equal(GSC(e, "mremap", b, PG, PG, 0x80, 0), -EINVAL);
}

static void test_brk(void **state)
{
    struct env *e = *state;
    struct guest_mm *mm = &e->p->mm;
    /* a reservation as the loader makes it: host PROT_NONE, not recorded */
    uint64_t start = mm_find_free(mm, e->p->arch->mmap_base, 64 * PG);
    assert_true(start != 0);
    void *res = mmap((void *)(uintptr_t)start, 64 * PG, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(res, (void *)(uintptr_t)start);
    mm->brk_start = mm->brk_cur = start;
    mm->brk_end_reserved = start + 64 * PG;

    assert_int_equal(GSC(e, "brk", 0), (long)start);
    assert_int_equal(GSC(e, "brk", start + 10000), (long)(start + 10000));
    assert_true(mm_range_has(mm, start, 3 * PG, PROT_READ | PROT_WRITE));
    memset((void *)(uintptr_t)start, 5, 10000);
    assert_int_equal(GSC(e, "brk", 0), (long)(start + 10000));
    /* beyond the reservation: unchanged */
    assert_int_equal(GSC(e, "brk", start + 65 * PG), (long)(start + 10000));
    /* below the start: unchanged */
    assert_int_equal(GSC(e, "brk", start - PG), (long)(start + 10000));
    /* shrink: pages go back to the reservation */
    assert_int_equal(GSC(e, "brk", start + PG), (long)(start + PG));
    assert_int_equal(mm_prot_at(mm, start + PG), -1);
    assert_int_equal(mm_prot_at(mm, start), PROT_READ | PROT_WRITE);
    void *probe = mmap((void *)(uintptr_t)(start + PG), PG, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_true(probe == MAP_FAILED);    /* still reserved */
    /* regrow: zeroed */
    assert_int_equal(GSC(e, "brk", start + 3 * PG), (long)(start + 3 * PG));
    assert_int_equal(*(volatile char *)(uintptr_t)(start + PG), 0);
    assert_int_equal(*(volatile char *)(uintptr_t)start, 5);
}

static void test_signals(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG, PROT_READ | PROT_WRITE);
    uint64_t *act = (uint64_t *)(uintptr_t)mem, *old = act + 8;

    /* riscv64 struct sigaction: handler, flags, mask (no restorer) */
    act[0] = 0x12340;
    act[1] = SA_SIGINFO | SA_RESTART | 0x400 /* SA_UNSUPPORTED */;
    act[2] = (1ull << (SIGUSR2 - 1)) | (1ull << (SIGKILL - 1));
    memset(old, 0xee, 64);
    assert_int_equal(GSC(e, "rt_sigaction", SIGUSR1, mem, mem + 64, 8), 0);
    assert_int_equal(old[0], 0);
    assert_int_equal(old[2], 0);
    assert_int_equal(old[3], 0xeeeeeeeeeeeeeeeeull);   /* 24 bytes written, no more */
    assert_int_equal(GSC(e, "rt_sigaction", SIGUSR1, 0, mem + 64, 8), 0);
    assert_int_equal(old[0], 0x12340);
    assert_int_equal(old[1], SA_SIGINFO | SA_RESTART);
    assert_int_equal(old[2], 1ull << (SIGUSR2 - 1));
    assert_int_equal(e->p->sigact[SIGUSR1].handler, 0x12340);

    assert_int_equal(GSC(e, "rt_sigaction", SIGKILL, mem, 0, 8), -EINVAL);
    assert_int_equal(GSC(e, "rt_sigaction", SIGKILL, 0, mem + 64, 8), 0);
    assert_int_equal(GSC(e, "rt_sigaction", 0, 0, 0, 8), -EINVAL);
    assert_int_equal(GSC(e, "rt_sigaction", 65, 0, 0, 8), -EINVAL);
    assert_int_equal(GSC(e, "rt_sigaction", SIGUSR1, 0, 0, 16), -EINVAL);
    assert_int_equal(GSC(e, "rt_sigaction", SIGUSR1, 0x10, 0, 8), -EFAULT);

    /* the mask */
    uint64_t *set = act + 16, *oset = act + 17;
    *set = (1ull << (SIGINT - 1)) | (1ull << (SIGSTOP - 1));
    assert_int_equal(GSC(e, "rt_sigprocmask", SIG_BLOCK, mem + 128, mem + 136, 8), 0);
    assert_int_equal(*oset, 0);
    assert_int_equal(e->p->sigmask, 1ull << (SIGINT - 1));
    *set = 1ull << (SIGTERM - 1);
    assert_int_equal(GSC(e, "rt_sigprocmask", SIG_SETMASK, mem + 128, mem + 136, 8), 0);
    assert_int_equal(*oset, 1ull << (SIGINT - 1));
    assert_int_equal(GSC(e, "rt_sigprocmask", SIG_UNBLOCK, mem + 128, 0, 8), 0);
    assert_int_equal(e->p->sigmask, 0);
    assert_int_equal(GSC(e, "rt_sigprocmask", 7, mem + 128, 0, 8), -EINVAL);
    assert_int_equal(GSC(e, "rt_sigprocmask", 7, 0, 0, 8), 0);
    assert_int_equal(GSC(e, "rt_sigprocmask", SIG_BLOCK, 0, 0, 4), -EINVAL);
}

static void test_hwprobe(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG, PROT_READ | PROT_WRITE);
    int64_t *pairs = (int64_t *)(uintptr_t)mem;
    const int64_t keys[] = { 0, 1, 2, 3, 4, 5, 99, -3 };
    const int n = (int)(sizeof keys / sizeof keys[0]);
    for (int i = 0; i < n; i++) {
        pairs[2 * i] = keys[i];
        pairs[2 * i + 1] = 0x5555;
    }
    e->p->model = &(struct cpu_model){ "t", "", RV_F_FD | RV_F_C | RV_F_ZBA | RV_F_ZBS, 0, 0 };
    assert_int_equal(GSC(e, "riscv_hwprobe", mem, n, 0, 0, 0), 0);
    assert_int_equal(pairs[1], 0);                 /* mvendorid */
    assert_int_equal(pairs[7], 1);                 /* base behaviour: IMA */
    assert_int_equal(pairs[9], 1 | 2 | 8 | 32);    /* FD, C, ZBA, ZBS (no V, no ZBB) */
    assert_int_equal(pairs[11], 0);                /* misaligned: unknown */
    assert_int_equal(pairs[12], -1);
    assert_int_equal(pairs[13], 0);
    assert_int_equal(pairs[14], -1);

    e->p->model = &(struct cpu_model){ "t", "", 0, 0, 0 };
    pairs[0] = 4;
    assert_int_equal(GSC(e, "riscv_hwprobe", mem, 1, 0, 0, 0), 0);
    assert_int_equal(pairs[1], 0);

    assert_int_equal(GSC(e, "riscv_hwprobe", mem, 1, 0, 0, 1), -EINVAL);   /* flags */
    uint64_t *cpus = (uint64_t *)(uintptr_t)(mem + 1024);
    cpus[0] = 0;
    assert_int_equal(GSC(e, "riscv_hwprobe", mem, 1, 8, mem + 1024, 0), -EINVAL);  /* no cpu */
    cpus[0] = ~0ull;
    assert_int_equal(GSC(e, "riscv_hwprobe", mem, 1, 8, mem + 1024, 0), 0);
    int64_t host_pair[2] = { 0, 0 };
    assert_int_equal(GSC(e, "riscv_hwprobe", host_pair, 1, 0, 0, 0), -EFAULT);
    assert_int_equal(GSC(e, "riscv_flush_icache", 0, 0, 2), -EINVAL);
}

static void test_misc(void **state)
{
    struct env *e = *state;
    uint64_t mem = galloc(e, PG, PROT_READ | PROT_WRITE);
    assert_int_equal(GSC(e, "uname", mem), 0);
    /* struct new_utsname: machine is the 5th field of 65 chars */
    assert_string_equal((char *)(uintptr_t)(mem + 4 * 65), "riscv64");
    assert_int_equal(GSC(e, "uname", 0x10), -EFAULT);

    assert_int_equal(GSC(e, "getpid", 0), getpid());
    assert_int_equal(GSC(e, "set_tid_address", mem + 100), (long)syscall(SYS_gettid));
    assert_int_equal(e->cpu->tid_address, mem + 100);
    assert_int_equal(GSC(e, "set_robust_list", mem, 24), 0);
    assert_int_equal(GSC(e, "set_robust_list", mem, 16), -EINVAL);

    assert_int_equal(GSC(e, "clock_gettime", CLOCK_MONOTONIC, mem), 0);
    assert_int_equal(GSC(e, "clock_gettime", CLOCK_MONOTONIC, 0), -EFAULT);
    assert_int_equal(GSC(e, "prlimit64", 0, RLIMIT_STACK, 0, mem), 0);
    assert_true(((uint64_t *)(uintptr_t)mem)[0] > 0);
    assert_true(GSC(e, "getrandom", mem, 32, 0) == 32);
    long n = GSC(e, "getcwd", mem, PG);
    assert_true(n > 1 && (size_t)n == strlen((char *)(uintptr_t)mem) + 1);
    assert_true(GSC(e, "times", mem) != -EFAULT);
    assert_int_equal(GSC(e, "times", 0x10), -EFAULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_stat_translation),
        cmocka_unit_test(test_open_flags_riscv64),
        cmocka_unit_test(test_open_flags_differing_guest),
        cmocka_unit_test(test_mmap_prot_tables),
        cmocka_unit_test(test_errno_names),
        cmocka_unit_test_setup_teardown(test_strace_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_syscalls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pipe_read_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_stat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cmdline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mmap_family, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mremap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_brk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hwprobe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misc, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
