/* fsx_util.h — helpers of the fsx_* guest tests (file calls beyond the
 * basics): errno names (musl has no strerrorname_np), a result printer, a
 * private directory under $TMPDIR, and guest memory with known holes for
 * EFAULT cases.
 *
 * The calls are made through syscall() so that the test, not the libc, picks
 * the arguments (bad pointers, odd flags). Kernel constants that musl's
 * headers lack are defined here from the kernel's uapi headers (the same
 * values on x86-64, aarch64 and riscv64).
 */
#ifndef FSX_UTIL_H
#define FSX_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline const char *fsx_errname(int e)
{
    switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(EINTR) E(EIO) E(E2BIG) E(EBADF) E(EAGAIN) E(ENOMEM)
    E(EACCES) E(EFAULT) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR)
    E(EISDIR) E(EINVAL) E(EMFILE) E(ENOTTY) E(EFBIG) E(ENOSPC) E(ESPIPE)
    E(EROFS) E(EMLINK) E(EPIPE) E(ERANGE) E(ENAMETOOLONG) E(ENOSYS)
    E(ENOTEMPTY) E(ELOOP) E(ENODATA) E(EOVERFLOW) E(EOPNOTSUPP) E(ESTALE)
#undef E
    default: return "other";
    }
}

/* "label: <value>" or "label: -1 <ERRNO>" */
static inline long fsx_show(const char *label, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", label, fsx_errname(errno));
    else
        printf("%s: %ld\n", label, r);
    return r;
}
#define SHOW(label, expr) (errno = 0, fsx_show(label, (long)(expr)))

/* a private directory $TMPDIR/<tag>.XXXXXX; its path in dir (PATH_MAX) */
static inline void fsx_mkdir(char *dir, size_t n, const char *tag)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, n, "%s/%s.XXXXXX", t && *t ? t : "/tmp", tag);
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed: %s\n", fsx_errname(errno));
        exit(1);
    }
}

/* two pages: the first read-write, the second inaccessible; returns the
 * address just past the first (the guard page). */
static inline char *fsx_guarded(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("mmap failed\n");
        exit(1);
    }
    mprotect(p + pg, (size_t)pg, PROT_NONE);
    return p + pg;
}

/* an address the program may not touch: a page mapped PROT_NONE and kept,
 * so no later mapping can land there (an unmapped hole could be reused) */
static inline void *fsx_badptr(void)
{
    static void *bad;
    if (!bad) {
        long pg = sysconf(_SC_PAGESIZE);
        bad = mmap(NULL, (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    return bad;
}

/* a read-only page holding bytes (for "readable but not writable" cases) */
static inline void *fsx_readonly(const void *bytes, size_t n)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(p, bytes, n);
    mprotect(p, (size_t)pg, PROT_READ);
    return p;
}

#endif
