/* fsx_splice — data moved between descriptors without passing through the
 * program: splice (offsets read and written back, ESPIPE, EINVAL, EFAULT),
 * tee, vmsplice both ways (iovec checks: bad array, bad and half-owned
 * segments, too many segments, bad flags), sendfile and copy_file_range with
 * and without offsets (including an offset word the program may read but not
 * write), and preadv/pwritev/preadv2/pwritev2 (segmenting, offset -1, RWF
 * flags, short transfers at an inaccessible page). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>
#include "fsx_util.h"

#ifndef SPLICE_F_NONBLOCK
#define SPLICE_F_NONBLOCK 2
#endif
#define RWF_HIPRI_ 0x1
#define RWF_APPEND_ 0x10

static char dir[4096];

static const char *path(const char *name)
{
    static char buf[4][4200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* read what is in a pipe now (it must hold something) */
static void drain(const char *label, int fd)
{
    char buf[256];
    long n = read(fd, buf, sizeof buf);
    if (n < 0)
        printf("%s: read -1 %s\n", label, fsx_errname(errno));
    else
        printf("%s: \"%.*s\"\n", label, (int)n, buf);
}

static void file_content(const char *label, const char *name)
{
    char buf[256];
    int fd = open(path(name), O_RDONLY);
    long n = read(fd, buf, sizeof buf);
    close(fd);
    printf("%s: %ld \"%.*s\"\n", label, n, n > 0 ? (int)n : 0, buf);
}

static void test_splice(int src)
{
    int p[2], q[2];
    if (pipe(p) < 0 || pipe(q) < 0)
        exit(1);
    loff_t off = 6;
    SHOW("splice file->pipe at 6", syscall(SYS_splice, src, &off, p[1], NULL, 5, 0));
    printf("splice: offset now %lld\n", (long long)off);
    drain("splice: pipe holds", p[0]);
    SHOW("splice file->pipe, file position", syscall(SYS_splice, src, NULL, p[1], NULL, 4, 0));
    drain("splice: pipe holds", p[0]);
    SHOW("splice offset on a pipe", syscall(SYS_splice, p[0], &off, q[1], NULL, 4, 0));
    SHOW("splice file->file", syscall(SYS_splice, src, NULL, src, NULL, 4, 0));
    SHOW("splice bad fd", syscall(SYS_splice, 999, NULL, p[1], NULL, 4, 0));
    SHOW("splice bad flags", syscall(SYS_splice, src, NULL, p[1], NULL, 4, 0x100));
    SHOW("splice bad offset", syscall(SYS_splice, src, fsx_badptr(), p[1], NULL, 4, 0));
    loff_t ro_off = 0;
    loff_t *ro = fsx_readonly(&ro_off, sizeof ro_off);
    SHOW("splice read-only offset", syscall(SYS_splice, src, ro, p[1], NULL, 4, 0));
    drain("splice: pipe holds", p[0]);
    SHOW("splice empty pipe, nonblocking",
         syscall(SYS_splice, p[0], NULL, q[1], NULL, 4, SPLICE_F_NONBLOCK));

    /* pipe -> file with an output offset */
    if (write(p[1], "SPLICED", 7) != 7)
        exit(1);
    int dst = open(path("splice-out"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t out_off = 3;
    if (write(dst, "___", 3) != 3)
        exit(1);
    SHOW("splice pipe->file at 3", syscall(SYS_splice, p[0], NULL, dst, &out_off, 7, 0));
    printf("splice: out offset now %lld\n", (long long)out_off);
    file_content("splice: file", "splice-out");
    close(dst);

    /* tee duplicates pipe data */
    if (write(p[1], "teed", 4) != 4)
        exit(1);
    SHOW("tee", syscall(SYS_tee, p[0], q[1], 10, 0));
    drain("tee: copy", q[0]);
    drain("tee: original", p[0]);
    SHOW("tee empty, nonblocking", syscall(SYS_tee, p[0], q[1], 10, SPLICE_F_NONBLOCK));
    SHOW("tee from a file", syscall(SYS_tee, src, q[1], 10, 0));
    SHOW("tee bad fd", syscall(SYS_tee, p[0], 999, 10, 0));
    close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

static void test_vmsplice(void)
{
    int p[2];
    if (pipe(p) < 0)
        exit(1);
    struct iovec iov[3] = {
        { "one ", 4 }, { "two ", 4 }, { "three", 5 },
    };
    SHOW("vmsplice to pipe", syscall(SYS_vmsplice, p[1], iov, 3, 0));
    drain("vmsplice: pipe holds", p[0]);
    SHOW("vmsplice no segments", syscall(SYS_vmsplice, p[1], iov, 0, 0));
    SHOW("vmsplice bad array", syscall(SYS_vmsplice, p[1], fsx_badptr(), 2, 0));
    SHOW("vmsplice too many segments", syscall(SYS_vmsplice, p[1], iov, 1025, 0));
    SHOW("vmsplice bad flags", syscall(SYS_vmsplice, p[1], iov, 1, 0x40));
    SHOW("vmsplice bad fd", syscall(SYS_vmsplice, 999, iov, 1, 0));
    SHOW("vmsplice not a pipe", syscall(SYS_vmsplice, 0, iov, 1, 0));
    struct iovec unm[1] = { { fsx_badptr(), 4 } };
    int nul = open("/dev/null", O_WRONLY);
    SHOW("vmsplice not a pipe, bad buffer", syscall(SYS_vmsplice, nul, unm, 1, 0));
    close(nul);
    struct iovec bad[2] = { { fsx_badptr(), 4 }, { "x", 1 } };
    SHOW("vmsplice bad first segment", syscall(SYS_vmsplice, p[1], bad, 2, 0));
    struct iovec neg[2] = { { "ab", 2 }, { "x", (size_t)-1 } };
    SHOW("vmsplice negative length", syscall(SYS_vmsplice, p[1], neg, 2, 0));
    char *guard = fsx_guarded();
    memcpy(guard - 6, "edge!!", 6);
    struct iovec half[2] = { { "ok:", 3 }, { guard - 6, 100 } };
    SHOW("vmsplice segment into the guard", syscall(SYS_vmsplice, p[1], half, 2, 0));
    drain("vmsplice: pipe holds", p[0]);

    /* from the read end into the program's buffers */
    if (write(p[1], "0123456789", 10) != 10)
        exit(1);
    char a[4], b[8];
    struct iovec rd[2] = { { a, sizeof a }, { b, sizeof b } };
    long n = SHOW("vmsplice from pipe", syscall(SYS_vmsplice, p[0], rd, 2, 0));
    if (n == 10)
        printf("vmsplice: got \"%.4s\" \"%.6s\"\n", a, b);
    if (write(p[1], "abcdef", 6) != 6)
        exit(1);
    char ro_init[8] = { 0 };
    struct iovec ro[1] = { { fsx_readonly(ro_init, 8), 8 } };
    SHOW("vmsplice from pipe into read-only", syscall(SYS_vmsplice, p[0], ro, 1, 0));
    drain("vmsplice: left in the pipe", p[0]);
    close(p[0]);
    close(p[1]);
}

static void test_sendfile(int src)
{
    int dst = open(path("sendfile-out"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    off_t off = 2;
    SHOW("sendfile with offset", syscall(SYS_sendfile, dst, src, &off, 9));
    printf("sendfile: offset now %lld\n", (long long)off);
    lseek(src, 0, SEEK_SET);
    SHOW("sendfile file position", syscall(SYS_sendfile, dst, src, NULL, 5));
    printf("sendfile: source position %lld\n", (long long)lseek(src, 0, SEEK_CUR));
    file_content("sendfile: file", "sendfile-out");
    SHOW("sendfile bad offset", syscall(SYS_sendfile, dst, src, fsx_badptr(), 5));
    off_t ro_init = 0;
    SHOW("sendfile read-only offset",
         syscall(SYS_sendfile, dst, src, fsx_readonly(&ro_init, sizeof ro_init), 3));
    file_content("sendfile: file", "sendfile-out");
    SHOW("sendfile bad in fd", syscall(SYS_sendfile, dst, 999, NULL, 5));
    SHOW("sendfile to a read-only fd", syscall(SYS_sendfile, src, dst, NULL, 5));
    off_t neg = -1;
    SHOW("sendfile negative offset", syscall(SYS_sendfile, dst, src, &neg, 5));
    close(dst);

    dst = open(path("cfr-out"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t in = 4, out = 2;
    SHOW("copy_file_range with offsets", syscall(SYS_copy_file_range, src, &in, dst, &out, 7, 0));
    printf("copy_file_range: offsets now %lld %lld\n", (long long)in, (long long)out);
    lseek(src, 0, SEEK_SET);
    SHOW("copy_file_range positions", syscall(SYS_copy_file_range, src, NULL, dst, NULL, 2, 0));
    file_content("copy_file_range: file", "cfr-out");
    SHOW("copy_file_range flags", syscall(SYS_copy_file_range, src, NULL, dst, NULL, 2, 1));
    SHOW("copy_file_range bad offset",
         syscall(SYS_copy_file_range, src, fsx_badptr(), dst, NULL, 2, 0));
    SHOW("copy_file_range bad fd", syscall(SYS_copy_file_range, 999, NULL, dst, NULL, 2, 0));
    in = 0; out = 2;
    SHOW("copy_file_range overlapping same file",
         syscall(SYS_copy_file_range, dst, &in, dst, &out, 4, 0));
    in = 100;
    SHOW("copy_file_range past the end", syscall(SYS_copy_file_range, src, &in, dst, NULL, 4, 0));
    close(dst);
}

static void test_vectors(void)
{
    int fd = open(path("vec"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct iovec w[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
    SHOW("pwritev at 4", syscall(SYS_pwritev, fd, w, 3, 4L, 0L));
    char a[2], b[10];
    memset(b, '.', sizeof b);
    struct iovec r[2] = { { a, 2 }, { b, 10 } };
    struct iovec bad[1] = { { fsx_badptr(), 4 } };
    long n = SHOW("preadv at 0", syscall(SYS_preadv, fd, r, 2, 0L, 0L));
    if (n == 12)
        printf("preadv: [%02x %02x] [%02x %02x %.8s]\n", a[0], a[1], b[0], b[1], b + 2);
    printf("preadv: position stays %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    SHOW("preadv2 at -1 (position)", syscall(SYS_preadv2, fd, r, 2, -1L, 0L, 0));
    printf("preadv2: position now %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    SHOW("preadv2 HIPRI", syscall(SYS_preadv2, fd, r, 1, 5L, 0L, RWF_HIPRI_));
    SHOW("preadv2 bad flags", syscall(SYS_preadv2, fd, r, 1, 0L, 0L, 0x10000));
    SHOW("pwritev2 bad flags", syscall(SYS_pwritev2, fd, w, 1, 0L, 0L, 0x10000));
    SHOW("pwritev2 append", syscall(SYS_pwritev2, fd, w, 1, 0L, 0L, RWF_APPEND_));
    printf("pwritev2: size now %lld\n", (long long)lseek(fd, 0, SEEK_END));
    SHOW("preadv negative offset", syscall(SYS_preadv, fd, r, 2, -5L, 0L));
    SHOW("preadv negative offset, bad buffer", syscall(SYS_preadv, fd, bad, 1, -5L, 0L));
    SHOW("preadv bad fd", syscall(SYS_preadv, 999, r, 2, 0L, 0L));
    SHOW("preadv bad array", syscall(SYS_preadv, fd, fsx_badptr(), 2, 0L, 0L));
    SHOW("preadv bad array, bad fd", syscall(SYS_preadv, 999, fsx_badptr(), 2, 0L, 0L));
    SHOW("preadv too many", syscall(SYS_preadv, fd, r, 1025, 0L, 0L));
    SHOW("preadv none", syscall(SYS_preadv, fd, r, 0, 0L, 0L));
    char *guard = fsx_guarded();
    struct iovec edge[2] = { { a, 2 }, { guard - 3, 10 } };
    n = SHOW("preadv into the guard", syscall(SYS_preadv, fd, edge, 2, 4L, 0L));
    if (n == 5)
        printf("preadv: [%.2s] [%.3s]\n", a, guard - 3);
    SHOW("preadv bad buffer", syscall(SYS_preadv, fd, bad, 1, 0L, 0L));
    SHOW("pwritev bad buffer", syscall(SYS_pwritev, fd, bad, 1, 0L, 0L));
    struct iovec zero_then_bad[2] = { { a, 0 }, { fsx_badptr(), 4 } };
    SHOW("preadv empty then bad", syscall(SYS_preadv, fd, zero_then_bad, 2, 0L, 0L));
    struct iovec ok_then_bad[2] = { { a, 2 }, { fsx_badptr(), 4 } };
    SHOW("preadv good then bad", syscall(SYS_preadv, fd, ok_then_bad, 2, 0L, 0L));
    int p[2];
    if (pipe(p) < 0)
        exit(1);
    SHOW("preadv on a pipe", syscall(SYS_preadv, p[0], r, 1, 0L, 0L));
    close(p[0]);
    close(p[1]);
    close(fd);
}

int main(void)
{
    fsx_mkdir(dir, sizeof dir, "fsx_splice");
    int src = open(path("src"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (src < 0 || write(src, "hello world, spliced", 20) != 20) {
        printf("setup failed\n");
        return 1;
    }
    int rd = open(path("src"), O_RDONLY);
    test_splice(rd);
    test_vmsplice();
    lseek(rd, 0, SEEK_SET);
    test_sendfile(rd);
    test_vectors();
    close(rd);
    close(src);
    const char *names[] = { "src", "splice-out", "sendfile-out", "cfr-out", "vec" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(path(names[i]));
    SHOW("rmdir", rmdir(dir));
    return 0;
}
