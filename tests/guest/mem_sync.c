/* mem_sync.c — msync, the mlock family and mincore: results and errors as
 * the kernel gives them (dpkg and apt msync their databases). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* errno by name: musl's and glibc's strerror texts differ */
static const char *ename(int e)
{
    switch (e) {
    case EINVAL: return "EINVAL";
    case ENOMEM: return "ENOMEM";
    case EFAULT: return "EFAULT";
    case EPERM: return "EPERM";
    case EAGAIN: return "EAGAIN";
    default: return "other";
    }
}

static void show(const char *what, int r)
{
    printf("%-28s %d %s\n", what, r, r < 0 ? ename(errno) : "");
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    const char *tmp = getenv("TMPDIR");
    char buf[256];
    snprintf(buf, sizeof buf, "%s/mem_syncXXXXXX", tmp ? tmp : "/tmp");
    int fd = mkstemp(buf);
    if (fd < 0 || ftruncate(fd, 4 * pg) != 0)
        return 1;
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED)
        return 2;
    memcpy(m + pg, "synced", 6);
    show("msync MS_SYNC", msync(m, 4 * pg, MS_SYNC));
    show("msync MS_ASYNC part", msync(m + pg, 10, MS_ASYNC));
    show("msync MS_INVALIDATE", msync(m, pg, MS_INVALIDATE));
    show("msync unaligned", msync(m + 1, pg, MS_SYNC));
    show("msync both flags", msync(m, pg, MS_SYNC | MS_ASYNC));
    show("msync bad flag", msync(m, pg, 0x100));
    show("msync len 0", msync(m, 0, MS_SYNC));
    char back[7] = {0};
    pread(fd, back, 6, pg);
    printf("file has: %s\n", back);
    munmap(m + 2 * pg, pg);
    show("msync over a hole", msync(m, 4 * pg, MS_SYNC));
    show("mlock", mlock(m + 10, 100));
    show("munlock", munlock(m + 10, 100));
    show("mlock over a hole", mlock(m, 4 * pg));
    show("mlock2 bad flag", mlock2(m, pg, 8));
    unsigned char vec[4];
    memset(vec, 0xee, sizeof vec);
    show("mincore", mincore(m, 2 * pg, vec));
    printf("resident: %d %d\n", vec[0] & 1, vec[1] & 1);
    show("mincore unaligned", mincore(m + 1, pg, vec));
    show("mincore hole", mincore(m + 2 * pg, pg, vec));
    show("mincore bad vec", mincore(m, pg, (unsigned char *)8));
    show("mlockall bad flag", mlockall(0x100));
    unlink(buf);
    return 0;
}
