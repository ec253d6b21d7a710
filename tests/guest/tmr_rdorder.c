/* tmr_rdorder — read/write-family calls with a buffer the program does not
 * own fail in the kernel's order: the descriptor (EBADF, a pipe's wrong end),
 * the offset (ESPIPE, EINVAL), the length (eventfd's 8 bytes), an empty
 * non-blocking source (EAGAIN) all come before EFAULT; what a failed copy
 * consumes is what the kernel's consumes (a pipe keeps its data, an eventfd
 * counter, timerfd ticks and a signalfd signal are gone); readv/writev check
 * the descriptor before the count and the array (EBADF, then EINVAL/EFAULT);
 * a negative iovec length is EINVAL wherever it is; getdents64, getcwd and
 * readlinkat check the descriptor, the size (ERANGE) and the lookup
 * (ENOENT, EINVAL) first; a buffer owned only in part reads what fits, and
 * readlinkat/getcwd fail with EFAULT when the answer does not fit the owned
 * part; a range past the end of the address space is EFAULT at once (the
 * kernel's access_ok) even for an empty non-blocking pipe.
 *
 * "Not owned" is a PROT_NONE page (nothing maps there meanwhile) and, for
 * writes from memory, the same; partly owned buffers end at that page.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static const char *ename(int err)
{
    switch (err) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case ESPIPE: return "ESPIPE";
    case ENOTDIR: return "ENOTDIR";
    case ENOENT: return "ENOENT";
    case ERANGE: return "ERANGE";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0)
        printf("%-50s -> -1 %s\n", what, ename(errno));
    else
        printf("%-50s -> %ld\n", what, r);
}

static char *none;   /* a PROT_NONE page */
static char *edge;   /* the last 4 bytes before it */
/* the kernel half: past the end of every user address space */
#define KADDR ((void *)(uintptr_t)0xffff800000001000ull)

static void test_pipe(void)
{
    printf("== read/write on pipes\n");
    int p[2];
    pipe2(p, O_NONBLOCK);
    res("read(fd 999)", read(999, none, 8));
    res("read(write end)", read(p[1], none, 8));
    res("read(empty non-blocking pipe)", read(p[0], none, 8));
    res("read(empty pipe, kernel address)", read(p[0], KADDR, 8));
    res("read(empty pipe, length -1)", syscall(SYS_read, p[0], edge, (size_t)-1));
    res("read(empty pipe, length 0)", read(p[0], none, 0));
    res("write(fd 999)", write(999, none, 8));
    res("write(read end)", write(p[0], none, 8));
    res("write(pipe, unowned)", write(p[1], none, 8));
    res("write(pipe, kernel address)", write(p[1], KADDR, 8));
    res("write(\"abcdefgh\")", write(p[1], "abcdefgh", 8));
    res("read(pipe with data, unowned)", read(p[0], none, 8));
    char buf[16] = { 0 };
    res("read(pipe) the data is still there", read(p[0], buf, 3));
    printf("  got \"%s\"\n", buf);
    res("read(pipe) into 4 owned bytes of 64", read(p[0], edge, 64));
    printf("  got \"%.4s\"\n", edge);
    res("pread(pipe, unowned)", pread(p[0], none, 8, 0));
    res("pread(pipe, unowned, offset -1)", pread(p[0], none, 8, -1));
    res("pwrite(pipe, unowned)", pwrite(p[1], none, 8, 0));

    printf("== readv/writev\n");
    struct iovec iov[2] = { { none, 8 }, { buf, 8 } };
    res("readv(fd 999, unowned array)", readv(999, (struct iovec *)none, 2));
    res("readv(fd 999, 2000 entries)", syscall(SYS_readv, 999, iov, 2000));
    res("readv(pipe, 2000 entries)", syscall(SYS_readv, p[0], iov, 2000));
    res("readv(pipe, unowned array)", readv(p[0], (struct iovec *)none, 2));
    res("readv(empty pipe, first buffer unowned)", readv(p[0], iov, 2));
    struct iovec neg[2] = { { buf, 8 }, { none, (size_t)-1 } };
    res("readv(fd 999, negative length)", readv(999, neg, 2));
    res("readv(pipe, negative length)", readv(p[0], neg, 2));
    struct iovec kv[2] = { { buf, 8 }, { KADDR, 8 } };
    res("readv(empty pipe, kernel address in 2nd)", readv(p[0], kv, 2));
    res("writev(pipe, kernel address in 2nd)", writev(p[1], kv, 2));
    res("writev(read end, unowned)", writev(p[0], iov, 2));
    res("writev(pipe, first buffer unowned)", writev(p[1], iov, 2));
    res("write(\"xyz\")", write(p[1], "xyz", 3));
    res("readv(pipe, first buffer unowned)", readv(p[0], iov, 2));
    struct iovec ok2[2] = { { buf, 2 }, { none, 8 } };
    res("readv(pipe, owned then unowned)", readv(p[0], ok2, 2));
    res("readv(pipe, 0 entries, unowned array)", readv(p[0], (struct iovec *)none, 0));
    close(p[0]);
    close(p[1]);
}

static void test_file(void)
{
    printf("== regular file\n");
    char name[] = "/tmp/tmr_rdorder_file.XXXXXX";
    int f = mkstemp(name);
    unlink(name);
    memcpy(edge, "ABCD", 4);
    res("write(file, 4 readable bytes of 64)", write(f, edge, 64));
    res("pwrite(file, 4 readable bytes of 64, at 4)", pwrite(f, edge, 64, 4));
    res("write(file, unowned)", write(f, none, 8));
    res("lseek(file, 0)", lseek(f, 0, SEEK_SET));
    memset(edge, 0, 4);
    res("read(file, 4 owned bytes of 64)", read(f, edge, 64));
    printf("  got \"%.4s\"\n", edge);
    res("read(file, unowned)", read(f, none, 8));
    res("pread(file, 4 owned bytes of 64, at 2)", pread(f, edge, 64, 2));
    printf("  got \"%.4s\"\n", edge);
    res("pread(file, unowned, offset -1)", pread(f, none, 8, -1));
    char b2[4] = { 0 };
    struct iovec v[3] = { { b2, 2 }, { edge, 64 }, { b2 + 2, 2 } };
    memset(edge, 0, 4);
    res("preadv(file, 2, 4 owned of 64, 2; at 0)", preadv(f, v, 3, 0));
    printf("  got \"%.2s\" \"%.4s\"\n", b2, edge);
    res("lseek(file, cur)", lseek(f, 0, SEEK_CUR));
    close(f);
}

static void test_eventfds(void)
{
    printf("== eventfd, timerfd, signalfd\n");
    int e = eventfd(5, EFD_NONBLOCK);
    res("read(eventfd, unowned, 4)", read(e, none, 4));
    res("read(eventfd 5, unowned, 8)", read(e, none, 8));
    uint64_t v = 0;
    res("read(eventfd) after it", read(e, &v, 8));
    res("read(empty eventfd, unowned, 8)", read(e, none, 8));
    uint64_t three = 3;
    res("write(eventfd, 3)", write(e, &three, 8));
    res("read(eventfd 3, 4 owned bytes of 8)", read(e, edge, 8));
    res("read(eventfd) after it", read(e, &v, 8));
    res("write(eventfd, unowned)", write(e, none, 8));
    close(e);

    int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    res("read(unarmed timerfd, unowned)", read(t, none, 8));
    struct itimerspec its;
    memset(&its, 0, sizeof its);
    its.it_value.tv_nsec = 1000000;
    timerfd_settime(t, 0, &its, NULL);
    struct timespec ms10 = { 0, 10000000 };
    nanosleep(&ms10, NULL);
    res("read(expired timerfd, unowned)", read(t, none, 8));
    res("read(timerfd) after it", read(t, &v, 8));
    close(t);

    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    int s = signalfd(-1, &set, SFD_NONBLOCK);
    res("read(signalfd, nothing pending, unowned)", read(s, none, 128));
    raise(SIGUSR1);
    res("read(signalfd, SIGUSR1 pending, unowned)", read(s, none, 128));
    sigset_t pend;
    sigpending(&pend);
    printf("  SIGUSR1 still pending: %d\n", sigismember(&pend, SIGUSR1));
    close(s);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_names(void)
{
    printf("== getdents64, getcwd, readlinkat\n");
    int f = open("/proc/self/exe", O_RDONLY);
    res("getdents64(fd 999, unowned)", syscall(SYS_getdents64, 999, none, 4096));
    res("getdents64(a file, unowned)", syscall(SYS_getdents64, f, none, 4096));
    int d = open("/", O_RDONLY | O_DIRECTORY);
    res("getdents64(/, unowned)", syscall(SYS_getdents64, d, none, 4096));
    close(d);
    close(f);
    res("getcwd(unowned, 1)", syscall(SYS_getcwd, none, 1));
    res("getcwd(unowned, 4096)", syscall(SYS_getcwd, none, 4096));
    res("getcwd(4 owned bytes of 4096)", syscall(SYS_getcwd, edge, 4096));

    char dir[] = "/tmp/tmr_rdorder.XXXXXX";
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return;
    }
    if (chdir(dir) != 0)
        return;
    if (symlink("ab", "short") != 0 || symlink("abcdefgh", "long") != 0)
        printf("symlink failed\n");
    int fd = open("file", O_CREAT | O_WRONLY, 0600);
    close(fd);
    res("getcwd(1 owned byte of 4096)", syscall(SYS_getcwd, edge + 3, 4096));
    res("readlinkat(missing, unowned)", syscall(SYS_readlinkat, AT_FDCWD, "missing", none, 100));
    res("readlinkat(a file, unowned)", syscall(SYS_readlinkat, AT_FDCWD, "file", none, 100));
    res("readlinkat(link, unowned)", syscall(SYS_readlinkat, AT_FDCWD, "long", none, 100));
    res("readlinkat(link, size 0)", syscall(SYS_readlinkat, AT_FDCWD, "long", none, 0));
    res("readlinkat(\"ab\", 4 owned of 100)", syscall(SYS_readlinkat, AT_FDCWD, "short", edge, 100));
    res("readlinkat(\"abcdefgh\", 4 owned of 100)",
        syscall(SYS_readlinkat, AT_FDCWD, "long", edge, 100));
    res("readlinkat(\"abcdefgh\", 4 owned, size 4)",
        syscall(SYS_readlinkat, AT_FDCWD, "long", edge, 4));
    printf("  got \"%.4s\"\n", edge);
    res("readlinkat(/proc/self/exe, unowned)",
        syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", none, 100));
    unlink("short");
    unlink("long");
    unlink("file");
    if (chdir("/") == 0)
        rmdir(dir);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    long pg = sysconf(_SC_PAGESIZE);
    char *mem = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    mprotect(mem + pg, (size_t)pg, PROT_NONE);
    none = mem + pg;
    edge = none - 4;
    test_pipe();
    test_file();
    test_eventfds();
    test_names();
    munmap(mem, (size_t)pg * 2);
    return 0;
}
