/* fsx_misc — fallocate (modes, KEEP_SIZE, punched holes), flock (shared,
 * exclusive, LOCK_NB, a blocked lock ended by a signal: EINTR without
 * SA_RESTART, restarted with it), sync_file_range, syncfs, fadvise64,
 * readahead, memfd_create (flags, seals, long and bad names), mknodat,
 * close_range (ranges, CLOEXEC, bad flags), openat2 (translated O_* flags
 * such as O_DIRECTORY/O_NOFOLLOW, which differ on aarch64; RESOLVE_*; struct
 * sizes; unknown bits), statfs/fstatfs, name_to_handle_at/open_by_handle_at.
 * Each with its error paths (EBADF, EINVAL, EFAULT, ESPIPE...). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "fsx_util.h"

/* kernel uapi values (linux/falloc.h, memfd.h, close_range.h, openat2.h,
 * fs.h, fadvise.h), the same on every architecture here */
#define FALLOC_KEEP_SIZE 0x01
#define FALLOC_PUNCH_HOLE 0x02
#define MFD_CLOEXEC_ 0x1
#define MFD_ALLOW_SEALING_ 0x2
#define CLOSE_RANGE_UNSHARE_ 0x2
#define CLOSE_RANGE_CLOEXEC_ 0x4
#define RESOLVE_NO_SYMLINKS_ 0x04
#define RESOLVE_BENEATH_ 0x08
#define RESOLVE_IN_ROOT_ 0x10
#define SFR_WAIT_BEFORE 1
#define SFR_WRITE 2
#define SFR_WAIT_AFTER 4
#define FADV_SEQUENTIAL 2
#define FADV_DONTNEED 4
#define F_ADD_SEALS_ 1033
#define F_GET_SEALS_ 1034
#define F_SEAL_WRITE_ 0x0008
#define F_SEAL_SHRINK_ 0x0002

struct how {
    unsigned long long flags, mode, resolve;
};

struct fh {
    unsigned int bytes;
    int type;
    unsigned char h[128];
};

static char dir[4096];

static const char *path(const char *name)
{
    static char buf[4][4200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void test_fallocate(void)
{
    int fd = open(path("falloc"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    SHOW("fallocate 0..8192", syscall(SYS_fallocate, fd, 0, 0L, 8192L));
    struct stat st;
    fstat(fd, &st);
    printf("fallocate: size %lld, blocks >= 16: %d\n", (long long)st.st_size, st.st_blocks >= 16);
    SHOW("fallocate keep size", syscall(SYS_fallocate, fd, FALLOC_KEEP_SIZE, 8192L, 8192L));
    fstat(fd, &st);
    printf("fallocate: size %lld, blocks >= 32: %d\n", (long long)st.st_size, st.st_blocks >= 32);
    char buf[8192];
    memset(buf, 'x', sizeof buf);
    if (pwrite(fd, buf, sizeof buf, 0) != (long)sizeof buf)
        exit(1);
    SHOW("fallocate punch hole", syscall(SYS_fallocate, fd, FALLOC_PUNCH_HOLE | FALLOC_KEEP_SIZE,
                                         0L, 4096L));
    if (pread(fd, buf, 2, 4094) != 2)
        exit(1);
    printf("fallocate: around the hole %02x %02x\n", buf[0], buf[1]);
    SHOW("fallocate punch without keep size", syscall(SYS_fallocate, fd, FALLOC_PUNCH_HOLE, 0L, 4096L));
    SHOW("fallocate bad mode", syscall(SYS_fallocate, fd, 0x1000, 0L, 4096L));
    SHOW("fallocate zero length", syscall(SYS_fallocate, fd, 0, 0L, 0L));
    SHOW("fallocate negative offset", syscall(SYS_fallocate, fd, 0, -1L, 4096L));
    SHOW("fallocate bad fd", syscall(SYS_fallocate, 999, 0, 0L, 4096L));
    int ro = open(path("falloc"), O_RDONLY);
    SHOW("fallocate read-only fd", syscall(SYS_fallocate, ro, 0, 0L, 4096L));
    int p[2];
    if (pipe(p) < 0)
        exit(1);
    SHOW("fallocate pipe", syscall(SYS_fallocate, p[1], 0, 0L, 4096L));

    /* write-back and advice on the same file */
    SHOW("sync_file_range", syscall(SYS_sync_file_range, fd, 0L, 4096L,
                                    SFR_WAIT_BEFORE | SFR_WRITE | SFR_WAIT_AFTER));
    SHOW("sync_file_range bad flags", syscall(SYS_sync_file_range, fd, 0L, 4096L, 8));
    SHOW("sync_file_range negative offset", syscall(SYS_sync_file_range, fd, -4096L, 4096L, SFR_WRITE));
    SHOW("sync_file_range bad fd", syscall(SYS_sync_file_range, 999, 0L, 0L, SFR_WRITE));
    SHOW("sync_file_range pipe", syscall(SYS_sync_file_range, p[0], 0L, 0L, SFR_WRITE));
    SHOW("syncfs", syscall(SYS_syncfs, fd));
    SHOW("syncfs bad fd", syscall(SYS_syncfs, 999));
    SHOW("fadvise64 sequential", syscall(SYS_fadvise64, fd, 0L, 0L, FADV_SEQUENTIAL));
    SHOW("fadvise64 dontneed", syscall(SYS_fadvise64, fd, 0L, 4096L, FADV_DONTNEED));
    SHOW("fadvise64 bad advice", syscall(SYS_fadvise64, fd, 0L, 0L, 99));
    SHOW("fadvise64 negative length", syscall(SYS_fadvise64, fd, 0L, -1L, FADV_SEQUENTIAL));
    SHOW("fadvise64 pipe", syscall(SYS_fadvise64, p[0], 0L, 0L, FADV_SEQUENTIAL));
    SHOW("fadvise64 bad fd", syscall(SYS_fadvise64, 999, 0L, 0L, FADV_SEQUENTIAL));
    SHOW("posix_fadvise (returns the error)", posix_fadvise(fd, 0, 0, 99));
    SHOW("readahead", syscall(SYS_readahead, fd, 0L, 8192L));
    SHOW("readahead pipe", syscall(SYS_readahead, p[0], 0L, 8192L));
    SHOW("readahead bad fd", syscall(SYS_readahead, 999, 0L, 8192L));
    close(p[0]);
    close(p[1]);
    close(ro);
    close(fd);
}

static int got_alarm;
static int lock_fd;
static void on_alarm(int sig)
{
    (void)sig;
    got_alarm++;
    /* with SA_RESTART the blocked flock is restarted: let it succeed */
    if (lock_fd >= 0)
        flock(lock_fd, LOCK_UN);
}

static void alarm_in(int usec, int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    /* repeating: a signal that comes before the call blocks is followed by
     * another */
    struct itimerval it = { { 0, usec }, { 0, usec } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void test_flock(void)
{
    int a = open(path("lock"), O_RDWR | O_CREAT, 0644);
    int b = open(path("lock"), O_RDWR);
    SHOW("flock a shared", syscall(SYS_flock, a, LOCK_SH));
    SHOW("flock b shared", syscall(SYS_flock, b, LOCK_SH | LOCK_NB));
    SHOW("flock b exclusive nonblocking", syscall(SYS_flock, b, LOCK_EX | LOCK_NB));
    SHOW("flock a unlock", syscall(SYS_flock, a, LOCK_UN));
    SHOW("flock b exclusive", syscall(SYS_flock, b, LOCK_EX | LOCK_NB));
    SHOW("flock a exclusive nonblocking", syscall(SYS_flock, a, LOCK_EX | LOCK_NB));
    SHOW("flock bad operation", syscall(SYS_flock, a, 0));
    SHOW("flock bad fd", syscall(SYS_flock, 999, LOCK_SH));
    /* b holds the lock: a blocks until a signal comes */
    lock_fd = -1;
    alarm_in(50000, 0);
    SHOW("flock blocked, signal without SA_RESTART", syscall(SYS_flock, a, LOCK_EX));
    printf("flock: alarms came %d\n", got_alarm > 0);
    lock_fd = b;
    alarm_in(50000, 1);
    got_alarm = 0;
    SHOW("flock blocked, signal with SA_RESTART", syscall(SYS_flock, a, LOCK_EX));
    printf("flock: alarms came %d\n", got_alarm > 0);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_DFL);
    SHOW("flock b now", syscall(SYS_flock, b, LOCK_EX | LOCK_NB));
    close(a);
    close(b);
}

static void test_memfd(void)
{
    int fd = (int)syscall(SYS_memfd_create, "fsx test", MFD_ALLOW_SEALING_ | MFD_CLOEXEC_);
    if (fd < 0)
        exit(1);
    char link[64], target[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    long n = readlink(link, target, sizeof target);
    printf("memfd: link %.*s\n", n > 0 ? (int)n : 0, target);
    printf("memfd: cloexec %d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    SHOW("memfd write", write(fd, "memory", 6));
    SHOW("memfd add seals", fcntl(fd, F_ADD_SEALS_, F_SEAL_WRITE_ | F_SEAL_SHRINK_));
    SHOW("memfd get seals", fcntl(fd, F_GET_SEALS_));
    SHOW("memfd write when sealed", write(fd, "more", 4));
    SHOW("memfd shrink when sealed", ftruncate(fd, 1));
    close(fd);
    fd = (int)syscall(SYS_memfd_create, "plain", 0);
    SHOW("memfd no sealing: add seals", fcntl(fd, F_ADD_SEALS_, F_SEAL_WRITE_));
    close(fd);
    SHOW("memfd bad flags", syscall(SYS_memfd_create, "x", 0x100));
    char longname[300];
    memset(longname, 'm', sizeof longname);
    longname[249] = 0;
    SHOW("memfd name 249 bytes", syscall(SYS_memfd_create, longname, 0) >= 0);
    longname[249] = 'm';
    longname[250] = 0;
    SHOW("memfd name 250 bytes", syscall(SYS_memfd_create, longname, 0));
    SHOW("memfd bad name", syscall(SYS_memfd_create, fsx_badptr(), 0));
    char *guard = fsx_guarded();
    memcpy(guard - 3, "abc", 3);
    SHOW("memfd name runs into the guard", syscall(SYS_memfd_create, guard - 3, 0));
    memcpy(guard - 3, "ab", 3);
    SHOW("memfd name ends before the guard", syscall(SYS_memfd_create, guard - 3, 0) >= 0);
}

static void show_mode(const char *label, const char *name)
{
    struct stat st;
    if (lstat(path(name), &st) < 0) {
        printf("%s: stat -1 %s\n", label, fsx_errname(errno));
        return;
    }
    printf("%s: mode %o rdev %u:%u\n", label, (unsigned)st.st_mode, (unsigned)major(st.st_rdev),
           (unsigned)minor(st.st_rdev));
}

static void test_mknodat(void)
{
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    mode_t old = umask(022);
    SHOW("mknodat fifo", syscall(SYS_mknodat, d, "fifo", S_IFIFO | 0666, 0));
    show_mode("mknodat fifo", "fifo");
    SHOW("mknodat regular", syscall(SYS_mknodat, AT_FDCWD, path("reg"), S_IFREG | 0600, 0));
    show_mode("mknodat regular", "reg");
    SHOW("mknodat default type", syscall(SYS_mknodat, d, "plain", 0640, 0));
    show_mode("mknodat default type", "plain");
    long r = SHOW("mknodat char device", syscall(SYS_mknodat, d, "null", S_IFCHR | 0600,
                                                 (unsigned)makedev(1, 3)));
    if (r == 0)
        show_mode("mknodat char device", "null");
    SHOW("mknodat exists", syscall(SYS_mknodat, d, "fifo", S_IFIFO | 0666, 0));
    SHOW("mknodat directory type", syscall(SYS_mknodat, d, "dir", S_IFDIR | 0755, 0));
    SHOW("mknodat bad type", syscall(SYS_mknodat, d, "bad", 0170000 | 0644, 0));
    SHOW("mknodat missing parent", syscall(SYS_mknodat, d, "no/such", S_IFIFO | 0644, 0));
    SHOW("mknodat bad path", syscall(SYS_mknodat, d, fsx_badptr(), S_IFIFO | 0644, 0));
    SHOW("mknodat bad dirfd", syscall(SYS_mknodat, 999, "x", S_IFIFO | 0644, 0));
    umask(old);
    unlinkat(d, "fifo", 0);
    unlinkat(d, "reg", 0);
    unlinkat(d, "plain", 0);
    unlinkat(d, "null", 0);
    close(d);
}

static void show_fd(const char *label, int fd)
{
    int f = fcntl(fd, F_GETFD);
    printf("%s: %s\n", label, f < 0 ? fsx_errname(errno) : (f & FD_CLOEXEC) ? "cloexec" : "open");
}

static void test_close_range(void)
{
    /* fds well above anything the program (or a runtime) uses */
    for (int i = 100; i < 106; i++)
        dup2(1, i);
    SHOW("close_range 101..102", syscall(SYS_close_range, 101, 102, 0));
    SHOW("close_range 104..105 cloexec", syscall(SYS_close_range, 104, 105, CLOSE_RANGE_CLOEXEC_));
    for (int i = 100; i < 106; i++) {
        char l[32];
        snprintf(l, sizeof l, "close_range: fd %d", i);
        show_fd(l, i);
    }
    SHOW("close_range first > last", syscall(SYS_close_range, 5, 4, 0));
    SHOW("close_range bad flags", syscall(SYS_close_range, 100, 105, 0x1));
    SHOW("close_range nothing open", syscall(SYS_close_range, 500, 600, 0));
    SHOW("close_range 100..~0", syscall(SYS_close_range, 100, ~0u, 0));
    show_fd("close_range: fd 100", 100);
    show_fd("close_range: fd 104", 104);
    /* in a child: close everything but the standard streams, unshared */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int keep = open("/dev/null", O_RDONLY);
        long r = syscall(SYS_close_range, 3, ~0u, CLOSE_RANGE_UNSHARE_);
        int after = fcntl(keep, F_GETFD);
        printf("close_range child: %ld, fd after: %s\n", r, after < 0 ? fsx_errname(errno) : "open");
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("close_range child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void test_openat2(void)
{
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    struct how h = { O_RDWR | O_CREAT | O_EXCL, 0640, 0 };
    int fd = (int)syscall(SYS_openat2, d, "o2", &h, sizeof h);
    printf("openat2: create: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
    close(fd);
    fd = (int)syscall(SYS_openat2, d, "o2", &h, sizeof h);
    printf("openat2: again: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
    h.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
    h.mode = 0;
    fd = (int)syscall(SYS_openat2, d, "o2", &h, sizeof h);
    int fl = fcntl(fd, F_GETFL);
    printf("openat2: F_GETFL accmode %d, cloexec %d\n", fl & O_ACCMODE,
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    close(fd);
    if (symlink("o2", path("o2link")) < 0)
        exit(1);
    SHOW("openat2 O_NOFOLLOW on a symlink", syscall(SYS_openat2, d, "o2link", &h, sizeof h));
    h.flags = O_RDONLY | O_DIRECTORY;
    SHOW("openat2 O_DIRECTORY on a file", syscall(SYS_openat2, d, "o2", &h, sizeof h));
    fd = (int)syscall(SYS_openat2, AT_FDCWD, dir, &h, sizeof h);
    printf("openat2: O_DIRECTORY on the directory: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
    close(fd);
    h.flags = O_RDONLY;
    h.resolve = RESOLVE_NO_SYMLINKS_;
    SHOW("openat2 RESOLVE_NO_SYMLINKS", syscall(SYS_openat2, d, "o2link", &h, sizeof h));
    h.resolve = RESOLVE_BENEATH_;
    SHOW("openat2 RESOLVE_BENEATH ..", syscall(SYS_openat2, d, "../x", &h, sizeof h));
    SHOW("openat2 RESOLVE_BENEATH absolute", syscall(SYS_openat2, d, "/etc/passwd", &h, sizeof h));
    h.resolve = RESOLVE_IN_ROOT_;
    fd = (int)syscall(SYS_openat2, d, "/o2", &h, sizeof h);
    printf("openat2: RESOLVE_IN_ROOT /o2: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
    close(fd);
    h.resolve = 0x4000;
    SHOW("openat2 bad resolve", syscall(SYS_openat2, d, "o2", &h, sizeof h));
    h.resolve = 0;
    h.flags = O_RDONLY | 0x40000000;
    SHOW("openat2 unknown flag bit", syscall(SYS_openat2, d, "o2", &h, sizeof h));
    h.flags = O_RDONLY | (1ull << 40);
    SHOW("openat2 upper flag bit", syscall(SYS_openat2, d, "o2", &h, sizeof h));
    h.flags = O_RDONLY;
    h.mode = 0644;
    SHOW("openat2 mode without O_CREAT", syscall(SYS_openat2, d, "o2", &h, sizeof h));
    h.mode = 0;
    SHOW("openat2 size 16", syscall(SYS_openat2, d, "o2", &h, 16));
    SHOW("openat2 size 8192", syscall(SYS_openat2, d, "o2", &h, 8192));
    struct { struct how h; unsigned long long more; } big = { { O_RDONLY, 0, 0 }, 0 };
    fd = (int)syscall(SYS_openat2, d, "o2", &big, sizeof big);
    printf("openat2: larger struct, zero tail: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
    close(fd);
    big.more = 1;
    SHOW("openat2 larger struct, nonzero tail", syscall(SYS_openat2, d, "o2", &big, sizeof big));
    SHOW("openat2 bad how", syscall(SYS_openat2, d, "o2", fsx_badptr(), sizeof h));
    SHOW("openat2 bad path", syscall(SYS_openat2, d, fsx_badptr(), &h, sizeof h));
    SHOW("openat2 missing", syscall(SYS_openat2, d, "nope", &h, sizeof h));
    SHOW("openat2 bad dirfd", syscall(SYS_openat2, 999, "o2", &h, sizeof h));
    char *guard = fsx_guarded();
    memcpy(guard - sizeof h, &h, sizeof h);
    fd = (int)syscall(SYS_openat2, d, "o2", guard - sizeof h, sizeof h);
    printf("openat2: how right before the guard: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
    close(fd);
    SHOW("openat2 how runs into the guard", syscall(SYS_openat2, d, "o2", guard - sizeof h, sizeof h + 8));
    unlinkat(d, "o2link", 0);
    unlinkat(d, "o2", 0);
    close(d);
}

/* openat2 sees the same /proc/self as openat: the program's own command line */
static void test_openat2_proc(int argc, char **argv)
{
    struct how h = { O_RDONLY, 0, 0 };
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, "/proc/self/cmdline", &h, sizeof h);
    char buf[4096], want[4096];
    long n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
    close(fd);
    size_t len = 0;
    for (int i = 0; i < argc && len + strlen(argv[i]) + 1 < sizeof want; i++) {
        memcpy(want + len, argv[i], strlen(argv[i]) + 1);
        len += strlen(argv[i]) + 1;
    }
    printf("openat2 /proc/self/cmdline is argv: %d\n", n == (long)len && memcmp(buf, want, len) == 0);
}

static void test_statfs(void)
{
    struct statfs a, b;
    SHOW("statfs", syscall(SYS_statfs, dir, &a));
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    SHOW("fstatfs", syscall(SYS_fstatfs, fd, &b));
    printf("statfs: same type %d, bsize %d, namelen %d, fsid %d, blocks sane %d, flags %d\n",
           a.f_type == b.f_type, a.f_bsize == b.f_bsize, a.f_namelen == b.f_namelen,
           memcmp(&a.f_fsid, &b.f_fsid, sizeof a.f_fsid) == 0,
           a.f_blocks > 0 && a.f_bfree <= a.f_blocks && a.f_bavail <= a.f_bfree,
           a.f_flags == b.f_flags);
    printf("statfs: namelen %ld, frsize==bsize %d\n", (long)a.f_namelen, a.f_frsize == a.f_bsize);
    SHOW("statfs /proc", syscall(SYS_statfs, "/proc", &a));
    printf("statfs /proc: type %lx\n", (unsigned long)a.f_type);
    SHOW("statfs missing", syscall(SYS_statfs, path("nope"), &a));
    SHOW("statfs bad path", syscall(SYS_statfs, fsx_badptr(), &a));
    SHOW("statfs bad buffer", syscall(SYS_statfs, dir, fsx_badptr()));
    SHOW("fstatfs bad buffer", syscall(SYS_fstatfs, fd, fsx_badptr()));
    SHOW("fstatfs bad fd", syscall(SYS_fstatfs, 999, &b));
    close(fd);
}

static void test_handles(void)
{
    int fd = open(path("handled"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (write(fd, "by handle", 9) != 9)
        exit(1);
    close(fd);
    struct fh h;
    int mnt = -1;
    h.bytes = 0;
    SHOW("name_to_handle_at size 0", syscall(SYS_name_to_handle_at, AT_FDCWD, path("handled"), &h, &mnt, 0));
    printf("handle: bytes needed %u\n", h.bytes);
    long r = SHOW("name_to_handle_at", syscall(SYS_name_to_handle_at, AT_FDCWD, path("handled"), &h, &mnt, 0));
    printf("handle: bytes %u, mount id set %d\n", h.bytes, mnt >= 0);
    SHOW("name_to_handle_at bad flags", syscall(SYS_name_to_handle_at, AT_FDCWD, path("handled"), &h, &mnt, 0x8000));
    struct fh big = { 129, 0, { 0 } };
    SHOW("name_to_handle_at too big", syscall(SYS_name_to_handle_at, AT_FDCWD, path("handled"), &big, &mnt, 0));
    SHOW("name_to_handle_at missing", syscall(SYS_name_to_handle_at, AT_FDCWD, path("nope"), &h, &mnt, 0));
    SHOW("name_to_handle_at bad handle", syscall(SYS_name_to_handle_at, AT_FDCWD, path("handled"), fsx_badptr(), &mnt, 0));
    struct fh h2 = { 128, 0, { 0 } };
    SHOW("name_to_handle_at bad mount id", syscall(SYS_name_to_handle_at, AT_FDCWD, path("handled"), &h2, fsx_badptr(), 0));
    if (r == 0) {
        int mfd = open(dir, O_RDONLY | O_DIRECTORY);
        fd = (int)syscall(SYS_open_by_handle_at, mfd, &h, O_RDONLY);
        char buf[32];
        long n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
        printf("open_by_handle_at: %s \"%.*s\"\n", fd < 0 ? fsx_errname(errno) : "opened",
               n > 0 ? (int)n : 0, buf);
        close(fd);
        fd = (int)syscall(SYS_open_by_handle_at, mfd, &h, O_RDONLY | O_DIRECTORY);
        printf("open_by_handle_at O_DIRECTORY on a file: %s\n", fd < 0 ? fsx_errname(errno) : "opened");
        close(fd);
        SHOW("open_by_handle_at bad handle", syscall(SYS_open_by_handle_at, mfd, fsx_badptr(), O_RDONLY));
        struct fh zero = { 0, h.type, { 0 } };
        SHOW("open_by_handle_at zero bytes", syscall(SYS_open_by_handle_at, mfd, &zero, O_RDONLY));
        SHOW("open_by_handle_at bad fd", syscall(SYS_open_by_handle_at, 999, &h, O_RDONLY));
        close(mfd);
    }
    unlink(path("handled"));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    fsx_mkdir(dir, sizeof dir, "fsx_misc");
    test_fallocate();
    test_flock();
    test_memfd();
    test_mknodat();
    test_close_range();
    test_openat2();
    test_openat2_proc(argc, argv);
    test_statfs();
    test_handles();
    unlink(path("falloc"));
    unlink(path("lock"));
    SHOW("rmdir", rmdir(dir));
    return 0;
}
