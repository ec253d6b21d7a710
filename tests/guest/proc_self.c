/* proc_self.c — what a program reads about itself under /proc: exe (readlink,
 * open, stat, lstat, through a directory fd), cmdline (= argv, under every
 * name of the process), environ, auxv (= getauxval), stat and status (comm, state,
 * ppid, code/stack/arg bounds, signal sets, sizes agreeing with maps), fd/
 * and cwd, the directory listing, uname's machine; and the error paths
 * (EINVAL, EFAULT, ENOENT, EBADF). Prints only what is the same on every
 * architecture. Run with arguments (tests.list).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;

static char buf[1 << 16];

static long slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -errno;
    long n = 0, r;
    while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    close(fd);
    buf[n] = '\0';
    return n;
}

static const char *base(const char *s)
{
    const char *b = strrchr(s, '/');
    return b ? b + 1 : s;
}

static void on_usr2(int s)
{
    (void)s;
}

static int cmdline_is_argv(const char *path, int argc, char **argv)
{
    long n = slurp(path);
    long at = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        if (at + (long)l > n || memcmp(buf + at, argv[i], l) != 0)
            return 0;
        at += (long)l;
    }
    return at == n;
}

int main(int argc, char **argv)
{
    const char *prog = base(argv[0]);
    char link[4096], name[128];
    char *volatile bad = (char *)8;     /* an unmapped address the compiler cannot see */

    /* ---- exe ---- */
    long n = readlink("/proc/self/exe", link, sizeof link - 1);
    link[n > 0 ? n : 0] = '\0';
    printf("exe: absolute=%d basename-ok=%d\n", link[0] == '/', strcmp(base(link), prog) == 0);
    char small[3];
    printf("exe readlink bufsiz 3: %ld\n", (long)readlink("/proc/self/exe", small, 3));
    errno = 0;
    /* the system call: musl's readlink turns bufsiz 0 into a 1-byte read */
    printf("exe readlink bufsiz 0: %s\n",
           syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", small, 0) < 0 && errno == EINVAL
           ? "EINVAL" : "other");
    errno = 0;
    printf("exe readlink bad buffer: %s\n",
           readlink("/proc/self/exe", bad, 64) < 0 && errno == EFAULT ? "EFAULT" : "other");
    snprintf(name, sizeof name, "/proc/%d/exe", (int)getpid());
    char link2[4096];
    n = readlink(name, link2, sizeof link2 - 1);
    link2[n > 0 ? n : 0] = '\0';
    printf("pid exe same: %d\n", strcmp(link, link2) == 0);
    int dfd = open("/proc/self", O_RDONLY | O_DIRECTORY);
    n = readlinkat(dfd, "exe", link2, sizeof link2 - 1);
    link2[n > 0 ? n : 0] = '\0';
    printf("dirfd exe same: %d\n", strcmp(link, link2) == 0);
    struct stat s1, s2, s3;
    int ok = stat("/proc/self/exe", &s1) == 0 && stat(link, &s2) == 0;
    printf("exe stat is the program: %d\n", ok && s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev);
    printf("exe lstat is a link: %d\n", lstat("/proc/self/exe", &s3) == 0 && S_ISLNK(s3.st_mode));
    int efd = open("/proc/self/exe", O_RDONLY);
    char magic[4] = { 0 };
    printf("exe opens the ELF: %d\n", efd >= 0 && read(efd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0);
    struct stat s4;
    printf("exe fd is the program: %d\n", fstat(efd, &s4) == 0 && s4.st_ino == s2.st_ino);
    close(efd);
    printf("exe access X_OK: %d\n", access("/proc/self/exe", X_OK) == 0);
    /* the link names the file, whatever the cwd (argv[0] is relative here) */
    char here[4096];
    if (!getcwd(here, sizeof here) || chdir("/") != 0)
        return 1;
    n = readlink("/proc/self/exe", link2, sizeof link2 - 1);
    link2[n > 0 ? n : 0] = '\0';
    printf("exe after chdir same: %d\n", strcmp(link, link2) == 0);
    if (chdir(here) != 0)
        return 1;

    /* ---- cmdline ---- */
    printf("cmdline = argv: %d\n", cmdline_is_argv("/proc/self/cmdline", argc, argv));
    snprintf(name, sizeof name, "/proc/%d/cmdline", (int)getpid());
    printf("pid cmdline = argv: %d\n", cmdline_is_argv(name, argc, argv));
    printf("thread-self cmdline = argv: %d\n", cmdline_is_argv("/proc/thread-self/cmdline", argc, argv));
    int cfd = openat(dfd, "cmdline", O_RDONLY);
    n = cfd >= 0 ? read(cfd, buf, sizeof buf) : -1;
    printf("dirfd cmdline starts with argv[0]: %d\n", n > 0 && strcmp(buf, argv[0]) == 0);
    errno = 0;
    printf("cmdline write: %s\n", write(cfd, "x", 1) < 0 && errno == EBADF ? "EBADF" : "other");
    close(cfd);

    /* ---- environ: the initial environment ---- */
    n = slurp("/proc/self/environ");
    long at = 0;
    int env_ok = 1;
    for (char **e = environ; *e; e++) {
        size_t l = strlen(*e) + 1;
        if (at + (long)l > n || memcmp(buf + at, *e, l) != 0)
            env_ok = 0;
        at += (long)l;
    }
    printf("environ = environ[]: %d\n", env_ok && at == n);

    /* ---- auxv ---- */
    n = slurp("/proc/self/auxv");
    const unsigned long *av = (const unsigned long *)buf;
    long pairs = n / 16;
    int seen_null = pairs > 0 && av[2 * (pairs - 1)] == AT_NULL;
    static const struct { unsigned long type; const char *name; } keys[] = {
        { AT_PAGESZ, "AT_PAGESZ" }, { AT_ENTRY, "AT_ENTRY" }, { AT_PHDR, "AT_PHDR" },
        { AT_PHNUM, "AT_PHNUM" }, { AT_RANDOM, "AT_RANDOM" },
        { AT_EXECFN, "AT_EXECFN" }, { AT_UID, "AT_UID" },
    };
    printf("auxv: whole pairs=%d ends with AT_NULL=%d\n", n % 16 == 0, seen_null);
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        int found = 0, same = 0;
        for (long i = 0; i < pairs; i++)
            if (av[2 * i] == keys[k].type) {
                found = 1;
                same = av[2 * i + 1] == getauxval(keys[k].type);
            }
        printf("auxv %s: present=%d equals getauxval=%d\n", keys[k].name, found, same);
    }

    /* ---- signal state for stat/status ---- */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGUSR2, on_usr2);
    signal(SIGPIPE, SIG_IGN);

    /* ---- stat ---- */
    n = slurp("/proc/self/stat");
    char *lp = strchr(buf, '('), *rp = strrchr(buf, ')');
    char comm[32] = "";
    if (lp && rp && rp - lp - 1 < (long)sizeof comm)
        memcpy(comm, lp + 1, (size_t)(rp - lp - 1));
    char want[16];
    snprintf(want, sizeof want, "%s", prog);
    printf("stat comm = program name (15 chars): %d\n", strcmp(comm, want) == 0);
    unsigned long long f[64] = { 0 };
    char state = 0;
    if (rp) {
        char *s = rp + 2;
        state = *s;
        s += 2;
        for (int i = 4; i <= 52 && *s; i++) {
            f[i] = strtoull(s, &s, 10);
            while (*s == ' ')
                s++;
        }
    }
    printf("stat state R: %d ppid ok: %d pid ok: %d\n", state == 'R', f[4] == (unsigned long long)getppid(),
           atoi(buf) == getpid());
    uintptr_t pmain = (uintptr_t)&main;
    printf("stat startcode <= main < endcode: %d\n", f[26] <= pmain && pmain < f[27]);
    int local;
    printf("stat local < startstack: %d\n", (uintptr_t)&local < f[28]);
    printf("stat blocked has SIGUSR1: %d, sigcatch has SIGUSR2: %d, sigignore has SIGPIPE: %d\n",
           (int)((f[32] >> (SIGUSR1 - 1)) & 1), (int)((f[34] >> (SIGUSR2 - 1)) & 1),
           (int)((f[33] >> (SIGPIPE - 1)) & 1));
    printf("stat arg_start = argv[0]: %d, arg_end after argv: %d, env_start = environ[0]: %d\n",
           f[48] == (uintptr_t)argv[0],
           f[49] == (uintptr_t)argv[argc - 1] + strlen(argv[argc - 1]) + 1,
           !environ[0] || f[50] == (uintptr_t)environ[0]);
    unsigned long long vsize = f[23];

    /* vsize is the total of the maps lines (less the x86 vsyscall page, which
     * is not a mapping of the process) */
    static char maps[1 << 20];
    int mfd = open("/proc/self/maps", O_RDONLY);
    long mn = 0, r;
    while ((r = read(mfd, maps + mn, sizeof maps - 1 - mn)) > 0)
        mn += r;
    close(mfd);
    maps[mn] = '\0';
    unsigned long long total = 0;
    for (char *l = maps; *l;) {
        unsigned long a, b;
        char *nl = strchr(l, '\n');
        if (sscanf(l, "%lx-%lx", &a, &b) == 2 && !(nl && nl - l > 10 && !memcmp(nl - 10, "[vsyscall]", 10)))
            total += b - a;
        l = nl ? nl + 1 : l + strlen(l);
    }
    printf("stat vsize = maps total: %d\n", vsize == total);

    /* ---- status ---- */
    slurp("/proc/self/status");
    char sname[64] = "";
    unsigned long long blk = 0, ign = 0, cgt = 0, vmsize = 0;
    int spid = -1, sppid = -1;
    for (char *l = buf; *l;) {
        sscanf(l, "Name:\t%63s", sname);
        sscanf(l, "Pid:\t%d", &spid);
        sscanf(l, "PPid:\t%d", &sppid);
        sscanf(l, "SigBlk:\t%llx", &blk);
        sscanf(l, "SigIgn:\t%llx", &ign);
        sscanf(l, "SigCgt:\t%llx", &cgt);
        sscanf(l, "VmSize:\t%llu", &vmsize);
        char *nl = strchr(l, '\n');
        l = nl ? nl + 1 : l + strlen(l);
    }
    printf("status Name = comm: %d Pid ok: %d PPid ok: %d\n", strcmp(sname, comm) == 0,
           spid == getpid(), sppid == getppid());
    printf("status SigBlk/SigCgt/SigIgn: %d %d %d\n", (int)((blk >> (SIGUSR1 - 1)) & 1),
           (int)((cgt >> (SIGUSR2 - 1)) & 1), (int)((ign >> (SIGPIPE - 1)) & 1));
    printf("status VmSize = vsize: %d\n", vmsize * 1024 == vsize);
    printf("status has x86_ lines: %d\n", strstr(buf, "\nx86_") != NULL &&
#if defined(__x86_64__)
           0
#else
           1
#endif
    );

    /* ---- fd/, cwd, listing ---- */
    int ffd = open("/proc/self/cmdline", O_RDONLY);
    snprintf(name, sizeof name, "/proc/self/fd/%d", ffd);
    n = readlink(name, link2, sizeof link2 - 1);
    printf("fd link exists: %d\n", n > 0);
    close(ffd);
    char cwd[4096];
    n = readlink("/proc/self/cwd", link2, sizeof link2 - 1);
    link2[n > 0 ? n : 0] = '\0';
    printf("cwd link = getcwd: %d\n", getcwd(cwd, sizeof cwd) && strcmp(cwd, link2) == 0);
    DIR *d = fdopendir(dfd);
    int ents = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        ents += !strcmp(e->d_name, "exe") + !strcmp(e->d_name, "maps") +
                !strcmp(e->d_name, "cmdline") + !strcmp(e->d_name, "auxv") +
                !strcmp(e->d_name, "stat") + !strcmp(e->d_name, "smaps");
    printf("listing has exe maps cmdline auxv stat smaps: %d\n", ents == 6);
    if (d)
        closedir(d);
    struct stat ms;
    int sr = stat("/proc/self/maps", &ms);
    printf("maps stat: %d mode %o\n", sr == 0 && S_ISREG(ms.st_mode), (unsigned)(ms.st_mode & 0777));
    printf("maps access R_OK: %d\n", access("/proc/self/maps", R_OK) == 0);

    /* ---- errors ---- */
    errno = 0;
    printf("no such entry: %s\n", open("/proc/self/nonexistent", O_RDONLY) < 0 && errno == ENOENT ? "ENOENT" : "other");
    errno = 0;
    printf("readlink of a file: %s\n", readlink("/proc/self/maps", link2, 10) < 0 && errno == EINVAL ? "EINVAL" : "other");
    errno = 0;
    printf("bad path: %s\n", readlink(bad, link2, 10) < 0 && errno == EFAULT ? "EFAULT" : "other");

    /* ---- uname ---- */
    struct utsname u;
    uname(&u);
#if defined(__aarch64__)
    const char *mach = "aarch64";
#elif defined(__riscv)
    const char *mach = "riscv64";
#else
    const char *mach = "x86_64";
#endif
    printf("uname machine is the arch: %d\n", strcmp(u.machine, mach) == 0);
    return 0;
}
