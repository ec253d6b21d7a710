/* fileio — files and directories through stdio and raw syscalls: write/read,
 * lseek, pread/pwrite, readv/writev, fstat/stat/lstat, ftruncate, holes,
 * O_APPEND, dup/dup2, fcntl, rename, link, symlink/readlink, O_DIRECTORY and
 * O_NOFOLLOW errors, pipes, and a directory listed with opendir/readdir
 * (getdents64). Works in a directory it creates under $TMPDIR and removes. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include "common.h"

static char dir[512];

static const char *path(const char *name)
{
    static char buf[4][sizeof dir + 64];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static const char *err_name(int e)
{
    switch (e) {
    case 0: return "ok";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case EEXIST: return "EEXIST";
    case EISDIR: return "EISDIR";
    case EBADF: return "EBADF";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ESPIPE: return "ESPIPE";
    case EINVAL: return "EINVAL";
    default: return "other";
    }
}

#define TRY(expr)                                                                  \
    do {                                                                           \
        if ((expr) < 0) {                                                          \
            printf("FAILED: %s: %s (line %d)\n", #expr, err_name(errno), __LINE__); \
            exit(1);                                                               \
        }                                                                          \
    } while (0)

static void with_stdio(void)
{
    FILE *f = fopen(path("stdio.txt"), "w");
    if (!f) { printf("fopen failed\n"); exit(1); }
    for (int i = 0; i < 500; i++) fprintf(f, "line %d: %x %s\n", i, i * i, i % 2 ? "odd" : "even");
    printf("stdio: ftell after writing %ld\n", ftell(f));
    fclose(f);
    f = fopen(path("stdio.txt"), "r");
    char line[128];
    int n = 0;
    uint64_t h = FNV_INIT;
    while (fgets(line, sizeof line, f)) {
        h = fnv_bytes(h, line, strlen(line));
        if (n == 123) printf("stdio: line 123 is %s", line);
        n++;
    }
    printf("stdio: read %d lines, hash %016" PRIx64 ", eof %d\n", n, h, feof(f) != 0);
    fseek(f, -10, SEEK_END);
    printf("stdio: last 10 bytes: [%.*s]\n", (int)fread(line, 1, 10, f) - 1, line);
    rewind(f);
    int c = fgetc(f);
    ungetc('L', f);
    if (!fgets(line, sizeof line, f)) line[0] = 0;
    printf("stdio: first char %c, after ungetc: %s", c, line);
    fclose(f);
    f = fopen(path("stdio.txt"), "a+");
    fputs("appended\n", f);
    fseek(f, 0, SEEK_SET);
    if (!fgets(line, sizeof line, f)) line[0] = 0;
    printf("stdio: a+ reads from start: %s", line);
    fclose(f);
    struct stat st;
    TRY(stat(path("stdio.txt"), &st));
    printf("stdio: size after append %lld\n", (long long)st.st_size);
}

static void with_syscalls(void)
{
    static unsigned char buf[10000], back[10000];
    for (int i = 0; i < 10000; i++) buf[i] = (unsigned char)(i * 7 + (i >> 8));
    int fd = open(path("raw.bin"), O_CREAT | O_TRUNC | O_RDWR, 0644);
    TRY(fd);
    printf("raw: write %zd\n", write(fd, buf, sizeof buf));
    long long cur = lseek(fd, 0, SEEK_CUR);
    long long set = lseek(fd, 100, SEEK_SET);
    long long end = lseek(fd, -1, SEEK_END);
    printf("raw: lseek cur %lld set %lld end %lld\n", cur, set, end);
    lseek(fd, 0, SEEK_SET);
    ssize_t got = 0, r;
    while ((r = read(fd, back + got, 777)) > 0) got += r;
    r = read(fd, back, 10);
    printf("raw: read back %zd bytes, equal %d, read at eof %zd\n", got,
           memcmp(buf, back, sizeof buf) == 0, r);
    unsigned char p[16];
    r = pread(fd, p, 16, 5000);
    printf("raw: pread %zd match %d, offset unchanged %lld\n", r, memcmp(p, buf + 5000, 16) == 0,
           (long long)lseek(fd, 0, SEEK_CUR));
    r = pwrite(fd, "PWRITE", 6, 4096);
    printf("raw: pwrite %zd", r);
    r = pread(fd, p, 6, 4096);
    printf(" then pread %zd \"%.6s\"\n", r, (char *)p);
    struct stat st, st2;
    TRY(fstat(fd, &st));
    TRY(stat(path("raw.bin"), &st2));
    printf("raw: fstat size %lld regular %d mode %o nlink %lu; stat size %lld same inode %d\n",
           (long long)st.st_size, S_ISREG(st.st_mode), (unsigned)(st.st_mode & 0777),
           (unsigned long)st.st_nlink, (long long)st2.st_size,
           st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
    printf("raw: blksize>0 %d blocks>0 %d uid matches %d mtime sane %d\n", st.st_blksize > 0,
           st.st_blocks > 0, st.st_uid == getuid(), st.st_mtime > 1500000000);
    TRY(ftruncate(fd, 3000));
    TRY(fstat(fd, &st));
    printf("raw: after ftruncate(3000) size %lld\n", (long long)st.st_size);
    /* a hole: write past the end */
    TRY(lseek(fd, 100000, SEEK_SET));
    TRY(write(fd, "end", 3));
    TRY(fstat(fd, &st));
    unsigned char z[4] = { 1, 1, 1, 1 };
    TRY(pread(fd, z, 4, 50000));
    printf("raw: after hole size %lld, hole reads zeros %d\n", (long long)st.st_size,
           !z[0] && !z[1] && !z[2] && !z[3]);
    /* readv / writev */
    struct iovec iov[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
    TRY(lseek(fd, 0, SEEK_SET));
    r = writev(fd, iov, 3);
    printf("raw: writev %zd", r);
    char a[4] = { 0 }, b[6] = { 0 };
    struct iovec riov[2] = { { a, 3 }, { b, 5 } };
    TRY(lseek(fd, 0, SEEK_SET));
    r = readv(fd, riov, 2);
    printf(" readv %zd: \"%s\" \"%s\"\n", r, a, b);
    /* dup, dup2, fcntl */
    int d = dup(fd);
    int d2 = dup2(fd, 100);
    TRY(lseek(d, 5, SEEK_SET));
    printf("raw: dup shares offset %d, dup2 -> %d, F_GETFL accmode rdwr %d, cloexec %d\n",
           lseek(fd, 0, SEEK_CUR) == 5, d2, (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR,
           fcntl(fd, F_GETFD) & FD_CLOEXEC);
    TRY(fcntl(d, F_SETFD, FD_CLOEXEC));
    printf("raw: after F_SETFD cloexec %d\n", fcntl(d, F_GETFD) & FD_CLOEXEC);
    close(d);
    close(d2);
    close(fd);
    errno = 0;
    r = read(fd, p, 1);
    printf("raw: read on closed fd %zd %s\n", r, err_name(errno));
    /* O_APPEND */
    fd = open(path("raw.bin"), O_WRONLY | O_APPEND);
    TRY(fd);
    TRY(lseek(fd, 0, SEEK_SET));
    TRY(write(fd, "APP", 3));
    TRY(fstat(fd, &st));
    printf("raw: O_APPEND writes at end: size %lld\n", (long long)st.st_size);
    close(fd);
    /* openat / fstatat / faccessat relative to a directory fd */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    TRY(dfd);
    TRY(fstatat(dfd, "raw.bin", &st, 0));
    int acc = faccessat(dfd, "raw.bin", R_OK, 0);
    errno = 0;
    int miss = access(path("missing"), F_OK);
    printf("raw: fstatat size %lld, faccessat R_OK %d, access missing %d %s\n",
           (long long)st.st_size, acc, miss, err_name(errno));
    fd = openat(dfd, "at.txt", O_CREAT | O_WRONLY | O_EXCL, 0600);
    TRY(fd);
    close(fd);
    errno = 0;
    fd = openat(dfd, "at.txt", O_CREAT | O_WRONLY | O_EXCL, 0600);
    printf("raw: O_EXCL again %d %s\n", fd, err_name(errno));
    close(dfd);
}

static void names(void)
{
    struct stat st;
    int rc;
    errno = 0;
    rc = open(path("nope"), O_RDONLY);
    printf("names: open missing %d %s\n", rc, err_name(errno));
    errno = 0;
    rc = open(path("raw.bin"), O_RDONLY | O_DIRECTORY);
    printf("names: O_DIRECTORY on a file %d %s\n", rc, err_name(errno));
    errno = 0;
    rc = open(dir, O_WRONLY);
    printf("names: write-open a directory %d %s\n", rc, err_name(errno));
    TRY(rename(path("raw.bin"), path("renamed.bin")));
    errno = 0;
    rc = stat(path("raw.bin"), &st);
    printf("names: after rename old %d %s", rc, err_name(errno));
    rc = stat(path("renamed.bin"), &st);
    printf(", new %d\n", rc);
    TRY(link(path("renamed.bin"), path("hard.bin")));
    TRY(stat(path("renamed.bin"), &st));
    printf("names: nlink after link %lu\n", (unsigned long)st.st_nlink);
    TRY(symlink("renamed.bin", path("sym")));
    char target[64];
    ssize_t n = readlink(path("sym"), target, sizeof target - 1);
    target[n < 0 ? 0 : n] = 0;
    struct stat lst;
    TRY(lstat(path("sym"), &lst));
    TRY(stat(path("sym"), &st));
    printf("names: readlink \"%s\", lstat is link %d, stat follows %d\n", target,
           S_ISLNK(lst.st_mode), S_ISREG(st.st_mode));
    errno = 0;
    rc = open(path("sym"), O_RDONLY | O_NOFOLLOW);
    printf("names: O_NOFOLLOW on a symlink %d %s\n", rc, err_name(errno));
    TRY(mkdir(path("sub"), 0755));
    errno = 0;
    rc = mkdir(path("sub"), 0755);
    printf("names: mkdir again %d %s\n", rc, err_name(errno));
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void listing(void)
{
    int rc;
    static const char *files[] = { "zeta", "alpha", "mid.c", "a-very-long-file-name-for-getdents" };
    for (unsigned i = 0; i < 4; i++) {
        int fd = open(path(files[i]), O_CREAT | O_WRONLY, 0644);
        TRY(fd);
        close(fd);
    }
    char cmd_names[16];
    for (int i = 0; i < 150; i++) {   /* enough entries for several getdents calls */
        snprintf(cmd_names, sizeof cmd_names, "many/f%03d", i % 1000);
        if (i == 0) TRY(mkdir(path("many"), 0755));
        int fd = open(path(cmd_names), O_CREAT | O_WRONLY, 0644);
        TRY(fd);
        close(fd);
    }
    DIR *d = opendir(dir);
    if (!d) { printf("opendir failed\n"); exit(1); }
    char *names[64];
    int n = 0, dots = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) { dots++; continue; }
        names[n++] = strdup(e->d_name);
    }
    qsort(names, (size_t)n, sizeof names[0], cmp_name);
    printf("readdir: %d entries + %d dots:", n, dots);
    for (int i = 0; i < n; i++) {
        struct stat st;
        TRY(lstat(path(names[i]), &st));
        printf(" %s%s", names[i], S_ISDIR(st.st_mode) ? "/" : S_ISLNK(st.st_mode) ? "@" : "");
    }
    printf("\n");
    rewinddir(d);
    int again = 0;
    while (readdir(d)) again++;
    printf("readdir: after rewinddir %d entries\n", again);
    closedir(d);
    d = opendir(path("many"));
    int many = 0;
    long sum = 0;
    while ((e = readdir(d)))
        if (e->d_name[0] == 'f') {
            many++;
            sum += atoi(e->d_name + 1);
        }
    closedir(d);
    printf("readdir: many/ has %d files, index sum %ld\n", many, sum);

    /* clean up: rmdir of a non-empty directory fails first */
    errno = 0;
    rc = rmdir(path("many"));
    printf("cleanup: rmdir non-empty %d %s\n", rc, err_name(errno));
    for (int i = 0; i < 150; i++) {
        snprintf(cmd_names, sizeof cmd_names, "many/f%03d", i % 1000);
        TRY(unlink(path(cmd_names)));
    }
    for (int i = 0; i < n; i++) {
        struct stat st;
        TRY(lstat(path(names[i]), &st));
        if (S_ISDIR(st.st_mode)) TRY(rmdir(path(names[i])));
        else TRY(unlink(path(names[i])));
        free(names[i]);
    }
    TRY(rmdir(dir));
    struct stat st;
    errno = 0;
    rc = stat(dir, &st);
    printf("cleanup: directory gone %d %s\n", rc, err_name(errno));
}

static void pipes(void)
{
    int fds[2];
    TRY(pipe(fds));
    char msg[] = "through the pipe", got[32] = { 0 };
    ssize_t w = write(fds[1], msg, sizeof msg);
    ssize_t r = read(fds[0], got, sizeof got);
    errno = 0;
    long long off = lseek(fds[0], 0, SEEK_SET);
    printf("pipe: write %zd read %zd \"%s\" lseek %lld %s\n", w, r, got, off, err_name(errno));
    close(fds[1]);
    r = read(fds[0], got, sizeof got);
    printf("pipe: read after writer closed %zd\n", r);
    close(fds[0]);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    snprintf(dir, sizeof dir, "%s/tern-fileio-%ld", tmp, (long)getpid());
    TRY(mkdir(dir, 0700));
    with_stdio();
    with_syscalls();
    names();
    pipes();
    listing();
    return 0;
}
