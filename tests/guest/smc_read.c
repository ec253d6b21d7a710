/* smc_read — syscalls writing into pages the program runs code from (a JIT
 * loading code with read()): the code `return x + K` for the architecture
 * (x86-64 natively, aarch64, riscv64) is called, then a new version of it
 * comes in through read() from a pipe, pread() from a file, readv(), and
 * read() in a loop, each followed by a cache flush and a call that must show
 * the new K; read() and other syscalls (pipe, clock_gettime, fstat) write
 * data next to the code on the same page, and the old code still runs; the
 * same after RW -> mprotect RWX. Errors stay the kernel's: a bad descriptor
 * gives EBADF, a read into the page once it is RX only gives EFAULT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "smc_code.h"

/* a new version of the function, as bytes in a pipe */
static int pipe_with(int k, size_t *len)
{
    uint8_t buf[16];
    *len = emit_add(buf, k);
    int fd[2];
    if (pipe(fd) || write(fd[1], buf, *len) != (ssize_t)*len)
        return -1;
    close(fd[1]);
    return fd[0];
}

static void read_code(uint8_t *page, int k, const char *what)
{
    size_t len;
    int fd = pipe_with(k, &len);
    ssize_t n = read(fd, page, len);
    int e = n < 0 ? errno : 0;
    close(fd);
    flush(page, len);
    printf("%s: read %s, call %ld\n", what, n == (ssize_t)len ? "ok" : strerror(e),
           call(page, 100));
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    setvbuf(stdout, NULL, _IONBF, 0);

    uint8_t *rwx = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rwx == MAP_FAILED)
        return 1;
    flush(rwx, emit_add(rwx, 5));
    printf("written: %ld\n", call(rwx, 100));
    read_code(rwx, 7, "read() from a pipe over the code");
    read_code(rwx, 9, "again");

    /* data next to the code, written by syscalls; the code runs on */
    size_t len;
    int fd = pipe_with(0, &len);
    ssize_t n = read(fd, rwx + 2048, len);
    close(fd);
    printf("read() into data on the code page: %zd, call %ld\n", n, call(rwx, 100));
    int *fds = (int *)(void *)(rwx + 3000);
    printf("pipe() into the code page: %d, call %ld\n", pipe(fds), call(rwx, 1));
    close(fds[0]);
    close(fds[1]);
    struct timespec *ts = (struct timespec *)(void *)(rwx + 3072);
    printf("clock_gettime() into the code page: %d, call %ld\n",
           clock_gettime(CLOCK_MONOTONIC, ts), call(rwx, 2));
    struct stat *st = (struct stat *)(void *)(rwx + 2560);
    printf("fstat() into the code page: %d, call %ld\n", fstat(1, st), call(rwx, 3));

    /* errors stay what they were */
    errno = 0;
    n = read(-1, rwx, 16);
    printf("read(-1) into the code page: %zd %s, call %ld\n", n, strerror(errno), call(rwx, 4));

    /* a loop of new versions */
    long sum = 0;
    for (int i = 0; i < 20; i++) {
        fd = pipe_with(100 + i, &len);
        if (read(fd, rwx, len) != (ssize_t)len)
            printf("read %d failed\n", i);
        close(fd);
        flush(rwx, len);
        sum += call(rwx, 0);
    }
    printf("20 versions read: %ld\n", sum);

    /* readv, with the code in the second buffer */
    uint8_t head[4], code[16];
    size_t clen = emit_add(code, 11);
    int p2[2];
    if (pipe(p2) || write(p2[1], "HEAD", 4) != 4 || write(p2[1], code, clen) != (ssize_t)clen)
        return 1;
    struct iovec iov[2] = { { head, 4 }, { rwx, clen } };
    n = readv(p2[0], iov, 2);
    close(p2[0]);
    close(p2[1]);
    flush(rwx, clen);
    printf("readv(): %zd %.4s, call %ld\n", n, (char *)head, call(rwx, 100));

    /* RW, then RWX: code written, run, then pread() from a file over it */
    uint8_t *w = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    emit_add(w, 13);
    mprotect(w, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC);
    flush(w, 16);
    printf("rw -> rwx: %ld\n", call(w, 100));
    char name[] = "/tmp/smc_read_XXXXXX";
    int f = mkstemp(name);
    if (f < 0)
        return 1;
    unlink(name);
    clen = emit_add(code, 17);
    if (pwrite(f, code, clen, 64) != (ssize_t)clen)
        return 1;
    n = pread(f, w, clen, 64);
    flush(w, clen);
    printf("pread() from a file over it: %zd, call %ld\n", n, call(w, 100));
    close(f);

    /* RX only: the kernel refuses to write there */
    mprotect(w, (size_t)pg, PROT_READ | PROT_EXEC);
    fd = pipe_with(19, &len);
    errno = 0;
    n = read(fd, w, len);
    printf("read() into it once RX only: %zd %s, call %ld\n", n, strerror(errno), call(w, 100));
    close(fd);
    return 0;
}
