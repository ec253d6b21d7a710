/* exec.c — execve and execveat, and what tern records at start-up so an exec
 * can start tern again.
 *
 * The file to run is judged as the kernel's binfmt handlers would:
 *  - an ELF for a guest tern knows (64-bit little-endian, e_machine of a
 *    guest_arch): tern runs it. The host execve starts tern itself (an
 *    O_PATH descriptor of its file opened at start-up, else the path
 *    /proc/self/exe or AT_EXECFN named then, else /proc/self/exe) as
 *        tern [-L root] [-cpu model] [-strace] [-vdso off] -0 ARGV0 -- PROGRAM ARGS...
 *    with the guest's environment as its environment (QEMU_* / TERN_*
 *    variables in it act on the new tern as on any tern). -cpu goes only to a
 *    program of the same guest (models are per guest); -d/-D do not go (a
 *    second tern writing the same -D file would truncate it).
 *  - "#!": the interpreter line is parsed as the kernel parses it
 *    (binfmt_script: name, optional single argument, the interpreter name may
 *    not be truncated by the 256-byte buffer), looked up under -L first like
 *    every absolute guest path, and judged again (up to 5 rewrites, then
 *    ELOOP), with argv becoming [interpreter, arg?, filename, argv[1]...]. So a
 *    script for a foreign /bin/sh runs that sh under tern.
 *  - anything else (an x86-64 ELF, a format for binfmt_misc, garbage): the
 *    host kernel executes it, with the argv rewritten so far.
 * The kernel's checks come first, in its order, so a failing exec returns the
 * same error and leaves the guest running as it was: a missing path or
 * interpreter (also a foreign ELF's PT_INTERP) ENOENT, not a regular file or
 * not executable (incl. noexec mounts, through faccessat2 X_OK with
 * AT_EACCESS) EACCES, AT_SYMLINK_NOFOLLOW on a link ELOOP, an argument string
 * over 32 pages E2BIG, a bad pointer EFAULT.
 *
 * Across the exec: tern's log and stdio are flushed (guest output is written
 * unbuffered by the guest itself) and the log file is made close-on-exec.
 * The guest's recorded signal mask and ignored signals are put into the host
 * task, which exec carries to the new program, and tern_exec_init reads them
 * back at start-up into the guest records (a failed exec restores the host
 * state). A vfork child's exec allocates in the parent's heap: the buffer is
 * left in proc->exec_scratch for the parent to free.
 *
 * Invariants: nothing changes before the point of no return except what is
 * restored on failure; no globals.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <elf.h>

#include "runner/log.h"
#include "runner/signal.h"
#include "syscalls/sc.h"

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

#define BINPRM_BUF 256                 /* bytes of the file the kernel looks at */
#define MAX_REWRITES 5                 /* interpreter rewrites before ELOOP */
#define MAX_ARG_STRLEN (32 * 4096)     /* kernel: one argument/env string */
#define MAX_VEC (1u << 22)             /* strings per vector before E2BIG */
#define GUEST_NSIG 64
/* tern's descriptor of its own file goes at min(TERN_FD_TOP, soft
 * RLIMIT_NOFILE - 1) or the first free number above; never under TERN_FD_MIN */
#define TERN_FD_TOP 1023
#define TERN_FD_MIN 200

/* ---------------- start-up ---------------- */

/* kernel struct sigaction of x86-64 (rt_sigaction), 8-byte mask */
struct host_ksigaction {
    uint64_t handler, flags, restorer, mask;
};

static bool sig_settable(int sig)
{
    return sig != SIGKILL && sig != SIGSTOP;
}

/* tern's own file, held open far above the descriptors a guest counts on,
 * so an exec still finds it after the guest chroots, in a root with no /proc,
 * or when the file is replaced (execveat of an O_PATH descriptor of an ELF):
 * the descriptor exec_tern handed on (the new tern's AT_EXECFN is then
 * /dev/fd/N), else a new one; -1 if none can be had */
static int self_fd(const char *path, bool binfmt)
{
    /* started by binfmt_misc, AT_EXECFN names the guest program, not tern */
    const char *execfn = binfmt ? NULL : (const char *)getauxval(AT_EXECFN);
    if (execfn && strncmp(execfn, "/dev/fd/", 8) == 0) {
        char *end;
        long inherited = strtol(execfn + 8, &end, 10);
        if (*end == 0 && inherited >= TERN_FD_MIN &&
            HSYS(SYS_fcntl, (int)inherited, F_SETFD, FD_CLOEXEC) == 0)
            return (int)inherited;
    }
    long fd = HSYS(SYS_openat, AT_FDCWD, path ? path : "/proc/self/exe", O_PATH | O_CLOEXEC);
    /* the name /proc/self/exe gave is outside a chroot tern runs in (binfmt
     * F flag: the kernel opened tern outside it) */
    if (fd < 0 && path)
        fd = HSYS(SYS_openat, AT_FDCWD, "/proc/self/exe", O_PATH | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct rlimit rl;
    long hi = -1;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > TERN_FD_MIN)
        hi = HSYS(SYS_fcntl, (int)fd, F_DUPFD_CLOEXEC,
                  (long)(rl.rlim_cur - 1 > TERN_FD_TOP ? TERN_FD_TOP : rl.rlim_cur - 1));
    (void)HSYS(SYS_close, (int)fd);
    if (hi >= 0 && hi < TERN_FD_MIN) {
        (void)HSYS(SYS_close, (int)hi);
        hi = -1;
    }
    return (int)hi;
}

static bool is_host_elf(const char *path)
{
    Elf64_Ehdr eh;
    long fd = HSYS(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    long n = HSYS(SYS_pread64, (int)fd, &eh, sizeof eh, 0);
    (void)HSYS(SYS_close, (int)fd);
    return n == (long)sizeof eh && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
           eh.e_machine == EM_X86_64;
}

void tern_exec_init(struct tern_proc *p)
{
    char buf[PATH_MAX];
    long n = HSYS(SYS_readlink, "/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = 0;
        p->tern_path = strdup(buf);
    } else if (!p->opts.binfmt) {
        /* no /proc (a fresh chroot): the name tern was started by (under
         * binfmt_misc that name is the guest program's, or the #! script's
         * that led to it: only an x86-64 ELF can be tern) */
        const char *fn = (const char *)getauxval(AT_EXECFN);
        if (fn && strncmp(fn, "/dev/fd/", 8) != 0 && realpath(fn, buf) && is_host_elf(buf))
            p->tern_path = strdup(buf);
    }
    p->tern_fd = self_fd(p->tern_path, p->opts.binfmt);
    /* what exec handed over: the blocked set and the ignored signals */
    uint64_t mask = 0;
    if (HSYS(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &mask, 8) == 0)
        p->sigmask = mask & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        struct host_ksigaction old;
        if (sig_settable(sig) &&
            HSYS(SYS_rt_sigaction, sig, NULL, &old, 8) == 0 &&
            old.handler == (uint64_t)(uintptr_t)SIG_IGN)
            p->sigact[sig].handler = (uint64_t)(uintptr_t)SIG_IGN;
    }
}

/* ---------------- guest vectors ---------------- */

/* The guest's NULL-terminated string vector at addr (NULL: empty), every
 * pointer and string checked. With out == NULL only counts; else stores at
 * most max pointers (guest address == host address, the strings stay where
 * they are). */
static long guest_vec(struct cpu *cpu, uint64_t addr, char **out, size_t max, size_t *count)
{
    *count = 0;
    if (!addr)
        return 0;
    for (;;) {
        uint64_t ptr;
        if (guest_copy_in(cpu, &ptr, addr + 8 * *count, sizeof ptr))
            return -EFAULT;
        if (!ptr)
            return 0;
        long len = guest_strlen(cpu, ptr, MAX_ARG_STRLEN);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return len;
        if (*count >= MAX_VEC || (out && *count >= max))
            return -E2BIG;
        if (out)
            out[*count] = (char *)(uintptr_t)ptr;
        (*count)++;
    }
}

/* ---------------- judging the file ---------------- */

enum exec_kind { KIND_GUEST_ELF, KIND_SCRIPT, KIND_OTHER };

struct probe {
    enum exec_kind kind;
    const struct guest_arch *arch;    /* KIND_GUEST_ELF */
    bool unreadable;                  /* executable but not readable by us */
    uint8_t buf[BINPRM_BUF];
};

/* name under the -L root if it exists there, else name (qemu's rule, the one
 * guest_lookup_path and the loader apply) */
static const char *sysroot_path(const struct tern_proc *p, const char *name, char *buf)
{
    const char *root = p->opts.sysroot;
    if (!root || !root[0] || name[0] != '/')
        return name;
    int n = snprintf(buf, PATH_MAX, "%s%s", root, name);
    struct host_kstat st;
    if (n > 0 && n < PATH_MAX &&
        HSYS(SYS_newfstatat, AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) == 0)
        return buf;
    return name;
}

static long read_full(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        long r = HSYS(SYS_pread64, fd, (char *)buf + done, len - done, (long)(off + done));
        if (r < 0)
            return r;
        if (r == 0)
            break;
        done += (size_t)r;
    }
    return (long)done;
}

/* A foreign ELF with PT_INTERP needs its interpreter: the kernel fails the
 * exec with the interpreter's open error (ENOENT...). */
static long check_elf_interp(const struct tern_proc *p, int fd, const Elf64_Ehdr *eh)
{
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
        eh->e_phnum > 65536 / sizeof(Elf64_Phdr))
        return 0;   /* the loader reports a malformed file in its own words */
    Elf64_Phdr ph[65536 / sizeof(Elf64_Phdr)];
    size_t len = eh->e_phnum * sizeof(Elf64_Phdr);
    if (read_full(fd, ph, len, eh->e_phoff) != (long)len)
        return 0;
    for (size_t i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_INTERP)
            continue;
        char name[PATH_MAX], rbuf[PATH_MAX];
        if (ph[i].p_filesz < 2 || ph[i].p_filesz > sizeof name ||
            read_full(fd, name, ph[i].p_filesz, ph[i].p_offset) != (long)ph[i].p_filesz ||
            name[ph[i].p_filesz - 1] != 0)
            return 0;
        const char *path = sysroot_path(p, name, rbuf);
        long r = HSYS(SYS_faccessat2, AT_FDCWD, path, X_OK, AT_EACCESS);
        if (r == -ENOSYS)
            r = HSYS(SYS_faccessat, AT_FDCWD, path, X_OK);
        return r;
    }
    return 0;
}

/* The file at (dirfd, path, flags): the kernel's open_exec checks, then what
 * kind of program it is. 0 or -errno. */
static long probe_file(const struct tern_proc *p, int dirfd, const char *path, int flags,
                       struct probe *pr)
{
    memset(pr, 0, sizeof *pr);
    pr->kind = KIND_OTHER;
    bool empty = (flags & AT_EMPTY_PATH) && path[0] == 0;
    int sflags = flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
    struct host_kstat st;
    long r = HSYS(SYS_newfstatat, dirfd, path, &st, sflags);
    if (r)
        return r;
    if (S_ISLNK(st.st_mode))
        return -ELOOP;      /* AT_SYMLINK_NOFOLLOW on a link */
    if (!S_ISREG(st.st_mode))
        return -EACCES;
    r = HSYS(SYS_faccessat2, dirfd, path, X_OK, AT_EACCESS | sflags);
    if (r == -ENOSYS)
        r = HSYS(SYS_faccessat, dirfd, path, X_OK);
    if (r)
        return r;

    char fdpath[40];
    int fd;
    if (empty) {
        snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", dirfd);
        fd = (int)HSYS(SYS_openat, AT_FDCWD, fdpath, O_RDONLY | O_CLOEXEC);
    } else {
        fd = (int)HSYS(SYS_openat, dirfd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                       ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0));
    }
    if (fd < 0) {
        if (fd == -EACCES || fd == -EPERM) {
            pr->unreadable = true;   /* execute-only: the host kernel decides */
            return 0;
        }
        return fd;
    }
    long n = read_full(fd, pr->buf, sizeof pr->buf, 0);
    if (n < 0) {
        (void)HSYS(SYS_close, fd);
        return n;
    }
    r = 0;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)pr->buf;
    if (n >= (long)sizeof *eh && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 &&
        eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_ident[EI_DATA] == ELFDATA2LSB &&
        (pr->arch = arch_by_machine(eh->e_machine)) != NULL) {
        pr->kind = KIND_GUEST_ELF;
        r = check_elf_interp(p, fd, eh);
    } else if (n >= 2 && pr->buf[0] == '#' && pr->buf[1] == '!') {
        pr->kind = KIND_SCRIPT;
    }
    (void)HSYS(SYS_close, fd);
    return r;
}

static bool spacetab(char c) { return c == ' ' || c == '\t'; }
static bool terminator(char c) { return c == ' ' || c == '\t' || c == 0; }

/* The "#!" line in buf (NUL-padded past the file's end): the interpreter
 * name and the optional argument, NUL-terminated in place. -ENOEXEC when
 * there is no name or the name may have been cut by the buffer. */
static long parse_shebang(char *buf, char **name, char **arg)
{
    char *end = buf + BINPRM_BUF - 1;   /* the last byte becomes the NUL */
    char *nl = memchr(buf, '\n', BINPRM_BUF);
    char *line_end;
    if (nl) {
        line_end = nl;
    } else {
        /* no newline: the name must be followed by a terminator inside the
         * buffer, or it may be truncated */
        char *s = buf + 2;
        while (s < end && spacetab(*s))
            s++;
        if (s >= end)
            return -ENOEXEC;
        while (s < end && !terminator(*s))
            s++;
        if (s >= end)
            return -ENOEXEC;
        line_end = end;
    }
    while (line_end > buf + 2 && spacetab(line_end[-1]))
        line_end--;
    char *s = buf + 2;
    while (s < line_end && spacetab(*s))
        s++;
    if (s >= line_end)
        return -ENOEXEC;
    *name = s;   /* may be "" (a NUL right after "#!"): the lookup fails */
    while (s < line_end && !terminator(*s))
        s++;
    *arg = NULL;
    if (s < line_end && *s != 0) {
        char *a = s;
        while (a < line_end && spacetab(*a))
            a++;
        if (a < line_end)
            *arg = a;
    }
    *line_end = 0;
    if (s < line_end)
        *s = 0;
    return 0;
}

/* ---------------- host state across the exec ---------------- */

struct host_saved {
    uint64_t mask;
    uint64_t changed;                       /* bit sig-1: old[sig] holds the action */
    struct host_ksigaction old[GUEST_NSIG + 1];
};

/* the signals fault.c keeps for itself: a fault in tern stays reportable */
static bool fault_sig(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* The point of no return. The guest's mask and ignored signals go into the
 * host task (exec keeps both; the mask is the execing thread's own), and
 * every signal tern handles gets SIG_DFL first: tern's handler only records,
 * and what it records dies with the old image. So a signal arriving from now
 * on meets the default action, which is what the kernel gives a signal that
 * comes during an exec (the new image's dispositions are the defaults). One
 * recorded before this point is delivered first: -TERN_ERESTART (the exec
 * then runs again), as the kernel delivers a signal pending at the
 * syscall's entry. 0, or -TERN_ERESTART with nothing changed. */
static long host_signals_for_exec(const struct cpu *cpu, struct host_saved *s)
{
    const struct tern_proc *p = cpu->proc;
    s->changed = 0;
    uint64_t all = ~0ull;
    (void)HSYS(SYS_rt_sigprocmask, SIG_SETMASK, &all, &s->mask, 8);
    if (__atomic_load_n(&cpu->sig_recorded, __ATOMIC_SEQ_CST) & ~cpu->sigmask) {
        (void)HSYS(SYS_rt_sigprocmask, SIG_SETMASK, &s->mask, NULL, 8);
        return -TERN_ERESTART;
    }
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        if (!sig_settable(sig))
            continue;
        struct host_ksigaction cur;
        if (HSYS(SYS_rt_sigaction, sig, NULL, &cur, 8))
            continue;
        bool guest_ign = p->sigact[sig].handler == (uint64_t)(uintptr_t)SIG_IGN;
        bool host_ign = cur.handler == (uint64_t)(uintptr_t)SIG_IGN;
        bool host_dfl = cur.handler == (uint64_t)(uintptr_t)SIG_DFL;
        uint64_t want;
        if (guest_ign)
            want = (uint64_t)(uintptr_t)SIG_IGN;
        else if (host_ign || (!host_dfl && !fault_sig(sig)))
            want = (uint64_t)(uintptr_t)SIG_DFL;
        else
            continue;
        if (cur.handler == want)
            continue;
        struct host_ksigaction n = { 0 };
        n.handler = want;
        if (HSYS(SYS_rt_sigaction, sig, &n, NULL, 8) == 0) {
            s->old[sig] = cur;
            s->changed |= 1ull << (sig - 1);
        }
    }
    uint64_t m = cpu->sigmask;
    (void)HSYS(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
    return 0;
}

static void host_signals_restore(const struct host_saved *s)
{
    for (int sig = 1; sig <= GUEST_NSIG; sig++)
        if (s->changed & (1ull << (sig - 1)))
            (void)HSYS(SYS_rt_sigaction, sig, &s->old[sig], NULL, 8);
    (void)HSYS(SYS_rt_sigprocmask, SIG_SETMASK, &s->mask, NULL, 8);
}

static void before_exec(struct cpu *cpu, const uint64_t a[6])
{
    if (log_enabled(LOG_strace)) {
        const struct guest_arch *arch = cpu->proc->arch;
        uint64_t nr = cpu->gpr[arch->sc_nr_reg];
        const struct syscall_table *t = arch->syscalls;
        char line[1024];
        strace_format_call(cpu, &t->defs[nr], nr, a, 0, false, line, sizeof line);
        log_printf("%s\n", line);
    }
    if (tern_log.out) {
        fflush(tern_log.out);
        int lfd = fileno(tern_log.out);
        if (lfd > 2)
            (void)HSYS(SYS_fcntl, lfd, F_SETFD, FD_CLOEXEC);
    }
    fflush(stdout);
    fflush(stderr);
}

/* ---------------- execve ---------------- */

/* the path a new tern can open for (dirfd, path) after the exec; 0 or -errno */
static long path_for_tern(int dirfd, const char *path, int flags, char *out)
{
    if (path[0] == '/' || dirfd == AT_FDCWD) {
        if (path[0] == 0)
            return -ENOENT;
        snprintf(out, PATH_MAX, "%s", path);
        return 0;
    }
    long fdflags = HSYS(SYS_fcntl, dirfd, F_GETFD);
    if (fdflags < 0)
        return fdflags;
    if ((flags & AT_EMPTY_PATH) && path[0] == 0 && !(fdflags & FD_CLOEXEC)) {
        snprintf(out, PATH_MAX, "/proc/self/fd/%d", dirfd);   /* survives the exec */
        return 0;
    }
    char link[40], dir[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
    long n = HSYS(SYS_readlink, link, dir, sizeof dir - 1);
    if (n < 0)
        return n;
    dir[n] = 0;
    static const char deleted[] = " (deleted)";
    if (dir[0] != '/' || (n >= (long)sizeof deleted - 1 &&
                          strcmp(dir + n - (sizeof deleted - 1), deleted) == 0))
        return -ENOENT;
    int len = path[0] ? snprintf(out, PATH_MAX, "%s/%s", dir, path)
                      : snprintf(out, PATH_MAX, "%s", dir);
    return len >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* the filename a script's interpreter gets for (dirfd, path), as the kernel
 * makes it: "/dev/fd/N/path" for an fd-relative name; -ENOENT when the fd
 * is close-on-exec (the interpreter could not open it) */
static long script_filename(int dirfd, const char *path, int flags, char *out)
{
    if (path[0] == '/' || dirfd == AT_FDCWD) {
        snprintf(out, PATH_MAX, "%s", path);
        return 0;
    }
    long fdflags = HSYS(SYS_fcntl, dirfd, F_GETFD);
    if (fdflags < 0)
        return fdflags;
    if (fdflags & FD_CLOEXEC)
        return -ENOENT;
    int n = (flags & AT_EMPTY_PATH) && path[0] == 0
                ? snprintf(out, PATH_MAX, "/dev/fd/%d", dirfd)
                : snprintf(out, PATH_MAX, "/dev/fd/%d/%s", dirfd, path);
    return n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* tern's own options for a program of guest `target`; returns how many
 * words went to out (TERN_OPT_WORDS at most) */
#define TERN_OPT_WORDS 8
static size_t tern_options(const struct tern_proc *p, const struct guest_arch *target,
                           char **out)
{
    size_t n = 0;
    if (p->opts.sysroot) {
        out[n++] = "-L";
        out[n++] = (char *)p->opts.sysroot;
    }
    if (p->opts.cpu_model && target == p->arch) {
        out[n++] = "-cpu";
        out[n++] = (char *)p->opts.cpu_model;
    }
    if (log_enabled(LOG_strace))
        out[n++] = "-strace";
    if (p->opts.no_vdso) {
        out[n++] = "-vdso";
        out[n++] = "off";
    }
    return n;
}

/* Starts tern on prog with args[0..nargs) (args[0]: the guest's argv[0];
 * args[nargs] is NULL);
 * tv has room for nargs + TERN_OPT_WORDS + 5 words. Returns only on
 * failure, -errno. */
static long exec_tern(const struct tern_proc *p, const struct guest_arch *target,
                      const char *prog, char **args, size_t nargs, char **envp, char **tv)
{
    const char *self = p->tern_path ? p->tern_path : "/proc/self/exe";
    /* an argv[0] named tern-<arch> would force that guest on every program */
    const char *base = strrchr(self, '/');
    base = base ? base + 1 : self;
    size_t n = 0;
    tv[n++] = (char *)(strncmp(base, "tern-", 5) == 0 ? "tern" : self);
    n += tern_options(p, target, tv + n);
    tv[n++] = "-0";
    tv[n++] = args[0];
    tv[n++] = "--";
    tv[n++] = (char *)prog;
    for (size_t i = 1; i < nargs; i++)
        tv[n++] = args[i];
    tv[n] = NULL;
    long r = -ENOENT;
    if (p->tern_fd >= 0) {
        /* the new tern inherits the descriptor (its AT_EXECFN names it) */
        (void)HSYS(SYS_fcntl, p->tern_fd, F_SETFD, 0);
        r = HSYS(SYS_execveat, p->tern_fd, "", tv, envp, AT_EMPTY_PATH);
        (void)HSYS(SYS_fcntl, p->tern_fd, F_SETFD, FD_CLOEXEC);
    }
    /* the descriptor was closed by the guest: the file named at start-up,
     * then the running one */
    if (r != -E2BIG && r != -ENOMEM && p->tern_path)
        r = HSYS(SYS_execve, self, tv, envp);
    if (r != -E2BIG && r != -ENOMEM)
        r = HSYS(SYS_execve, "/proc/self/exe", tv, envp);
    /* started by binfmt_misc in a root where tern's file cannot be named (no
     * /proc, the F flag's file outside the chroot): the kernel's binfmt_misc
     * entry that started this tern starts the next one (docs/binfmt.md) */
    if (p->opts.binfmt && r != -E2BIG && r != -ENOMEM)
        r = HSYS(SYS_execve, prog, args, envp);
    return r;
}

/* Room at the front of argv for what the #! rewrites add: each drops argv[0]
 * and adds at most three words. */
#define FRONT_ROOM (2 * MAX_REWRITES)

static long do_exec(struct cpu *cpu, const uint64_t a[6], int dirfd, uint64_t gpath,
                    uint64_t gargv, uint64_t genvp, int flags)
{
    struct tern_proc *p = cpu->proc;
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    char pbuf[PATH_MAX];
    const char *path;
    long r = guest_lookup_path(cpu, gpath, pbuf, &path);
    if (r)
        return r;
    size_t argc, envc;
    if ((r = guest_vec(cpu, gargv, NULL, 0, &argc)) ||
        (r = guest_vec(cpu, genvp, NULL, 0, &envc)))
        return r;

    /* One block: argv (with FRONT_ROOM before it), envp, tern's vector, the
     * #! line buffers. A vfork child's successful exec leaves it in the
     * parent's heap: proc->exec_scratch tells the parent to free it. */
    size_t argv_slots = FRONT_ROOM + argc + 2;
    size_t tern_slots = argc + 1 + FRONT_ROOM + TERN_OPT_WORDS + 6;
    size_t words = argv_slots + envc + 1 + tern_slots;
    char **block = malloc(words * sizeof(char *) + (size_t)MAX_REWRITES * BINPRM_BUF);
    if (!block)
        return -ENOMEM;
    char **argv = block + FRONT_ROOM;
    char **envp = block + argv_slots;
    char **tv = envp + envc + 1;
    char *lines = (char *)(tv + tern_slots);
    size_t n;
    if ((r = guest_vec(cpu, gargv, argv, argc, &n)) || n != argc ||
        (r = guest_vec(cpu, genvp, envp, envc, &n)) || n != envc) {
        r = r ? r : -EFAULT;   /* the vectors changed under us */
        goto out;
    }
    if (argc == 0)
        argv[argc++] = "";     /* Linux >= 5.18 gives an empty argv[0] */
    argv[argc] = NULL;
    envp[envc] = NULL;

    /* judge the file, rewriting argv for each #! line */
    char fname[PATH_MAX], ibuf[PATH_MAX], tpath[PATH_MAX];
    struct probe pr;
    int ldirfd = dirfd, lflags = flags;
    const char *lpath = path;
    for (int depth = 0;; depth++) {
        r = probe_file(p, ldirfd, lpath, lflags, &pr);
        if (r)
            goto out;
        if (pr.unreadable || pr.kind != KIND_SCRIPT)
            break;
        if (depth == MAX_REWRITES) {
            r = -ELOOP;
            goto out;
        }
        char *line = lines + (size_t)depth * BINPRM_BUF;
        memcpy(line, pr.buf, BINPRM_BUF);
        char *iname, *iarg;
        if ((r = parse_shebang(line, &iname, &iarg)))
            goto out;
        /* argv[0] is replaced by: interpreter, its argument, the filename
         * (the script as the caller named it; at later levels the previous
         * interpreter's name, which argv[0] holds) */
        char *filename = argv[0];
        if (depth == 0) {
            if ((r = script_filename(dirfd, (const char *)(uintptr_t)gpath, flags, fname)))
                goto out;
            filename = fname;
        }
        argv[0] = filename;
        if (iarg) {
            *--argv = iarg;
            argc++;
        }
        *--argv = iname;
        argc++;
        /* the interpreter, looked up like any absolute guest path; the
         * kernel's lookup of an empty name ends at the cwd (EACCES) */
        lpath = iname[0] ? sysroot_path(p, iname, ibuf) : ".";
        ldirfd = AT_FDCWD;
        lflags = 0;
    }

    before_exec(cpu, a);
    struct host_saved hs;
    r = host_signals_for_exec(cpu, &hs);
    if (r)
        goto out;
    p->exec_scratch = block;
    if (pr.kind == KIND_GUEST_ELF && !pr.unreadable) {
        r = path_for_tern(ldirfd, lpath, lflags, tpath);
        if (!r)
            r = exec_tern(p, pr.arch, tpath, argv, argc, envp, tv);
    } else if (lpath == path) {
        r = HSYS(SYS_execveat, dirfd, path, argv, envp, flags);
    } else {
        r = HSYS(SYS_execve, lpath, argv, envp);
    }
    /* still here: the exec failed and the guest goes on as it was */
    p->exec_scratch = NULL;
    host_signals_restore(&hs);
out:
    free(block);
    return r;
}

long sc_execve(struct cpu *cpu, uint64_t a[6])
{
    return do_exec(cpu, a, AT_FDCWD, a[0], a[1], a[2], 0);
}

long sc_execveat(struct cpu *cpu, uint64_t a[6])
{
    return do_exec(cpu, a, (int)a[0], a[1], a[2], a[3], (int)a[4]);
}
