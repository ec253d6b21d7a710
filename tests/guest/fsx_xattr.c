/* fsx_xattr — extended attributes: set/get/list/remove in their path, l* and
 * f* forms, flags (XATTR_CREATE/REPLACE, bad flags), the size query and
 * ERANGE, ENODATA, E2BIG, bad names (empty, too long: ERANGE), EBADF, ENOENT,
 * and EFAULT for bad names and buffers, including a buffer that runs into an
 * inaccessible page (fine if the value fits before it, EFAULT if not).
 * user.* xattrs need a file system that has them: if $TMPDIR's refuses, the
 * test says so and stops (the same for the native and the guest run). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/xattr.h>
#include "fsx_util.h"

static char dir[4096];

static const char *path(const char *name)
{
    static char buf[4][4200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* a listxattr result, names sorted (the order is the file system's) */
static void show_list(const char *label, const char *buf, long n)
{
    if (n < 0) {
        printf("%s: -1 %s\n", label, fsx_errname(errno));
        return;
    }
    const char *names[64];
    int k = 0;
    for (long i = 0; i < n && k < 64; i += (long)strlen(buf + i) + 1)
        names[k++] = buf + i;
    qsort(names, (size_t)k, sizeof names[0], cmp_str);
    printf("%s: %ld [", label, n);
    for (int i = 0; i < k; i++)
        printf("%s%s", i ? " " : "", names[i]);
    printf("]\n");
}

static void show_value(const char *label, const char *buf, long n)
{
    if (n < 0)
        printf("%s: -1 %s\n", label, fsx_errname(errno));
    else
        printf("%s: %ld \"%.*s\"\n", label, n, (int)n, buf);
}

int main(void)
{
    fsx_mkdir(dir, sizeof dir, "fsx_xattr");
    const char *file = path("file"), *link = path("link"), *missing = path("missing");
    int fd = open(file, O_RDWR | O_CREAT, 0644);
    if (fd < 0 || symlink("file", link) < 0) {
        printf("setup failed\n");
        return 1;
    }
    if (syscall(SYS_fsetxattr, fd, "user.probe", "1", 1, 0) < 0) {
        if (errno == EOPNOTSUPP) {
            printf("user xattrs not supported here\n");
            unlink(link); unlink(file); rmdir(dir);
            return 0;
        }
        printf("probe: %s\n", fsx_errname(errno));
    }
    SHOW("fremovexattr probe", syscall(SYS_fremovexattr, fd, "user.probe"));

    /* set: the three forms, flags */
    SHOW("fsetxattr create", syscall(SYS_fsetxattr, fd, "user.alpha", "first", 5, XATTR_CREATE));
    SHOW("fsetxattr create again", syscall(SYS_fsetxattr, fd, "user.alpha", "x", 1, XATTR_CREATE));
    SHOW("fsetxattr replace missing", syscall(SYS_fsetxattr, fd, "user.nope", "x", 1, XATTR_REPLACE));
    SHOW("fsetxattr replace", syscall(SYS_fsetxattr, fd, "user.alpha", "second!", 7, XATTR_REPLACE));
    SHOW("setxattr path", syscall(SYS_setxattr, file, "user.beta", "via path", 8, 0));
    SHOW("setxattr via link", syscall(SYS_setxattr, link, "user.gamma", "", 0, 0));
    SHOW("lsetxattr on link", syscall(SYS_lsetxattr, link, "user.delta", "x", 1, 0));
    SHOW("setxattr bad flags", syscall(SYS_setxattr, file, "user.e", "x", 1, 4));
    SHOW("setxattr empty name", syscall(SYS_setxattr, file, "", "x", 1, 0));
    char longname[300];
    memset(longname, 'n', sizeof longname);
    memcpy(longname, "user.", 5);
    longname[299] = 0;
    SHOW("setxattr long name", syscall(SYS_setxattr, file, longname, "x", 1, 0));
    SHOW("setxattr huge size", syscall(SYS_setxattr, file, "user.big", "x", 65537L, 0));
    SHOW("setxattr missing file", syscall(SYS_setxattr, missing, "user.a", "x", 1, 0));
    SHOW("fsetxattr bad fd", syscall(SYS_fsetxattr, 999, "user.a", "x", 1, 0));
    SHOW("setxattr bad path", syscall(SYS_setxattr, fsx_badptr(), "user.a", "x", 1, 0));
    SHOW("setxattr bad name", syscall(SYS_setxattr, file, fsx_badptr(), "x", 1, 0));
    SHOW("setxattr bad value", syscall(SYS_setxattr, file, "user.a", fsx_badptr(), 4, 0));
    SHOW("setxattr unknown namespace", syscall(SYS_setxattr, file, "bogus.a", "x", 1, 0));
    /* a value that ends right before an inaccessible page is fine */
    char *guard = fsx_guarded();
    memcpy(guard - 4, "edge", 4);
    SHOW("setxattr value at page end", syscall(SYS_setxattr, file, "user.edge", guard - 4, 4, 0));
    SHOW("setxattr value over page end", syscall(SYS_setxattr, file, "user.edge2", guard - 4, 8, 0));

    /* get */
    char buf[256];
    long n;
    n = syscall(SYS_getxattr, file, "user.alpha", buf, sizeof buf);
    show_value("getxattr alpha", buf, n);
    n = syscall(SYS_lgetxattr, file, "user.beta", buf, sizeof buf);
    show_value("lgetxattr beta", buf, n);
    n = syscall(SYS_fgetxattr, fd, "user.edge", buf, sizeof buf);
    show_value("fgetxattr edge", buf, n);
    n = syscall(SYS_getxattr, link, "user.gamma", buf, sizeof buf);
    show_value("getxattr gamma (empty) via link", buf, n);
    SHOW("getxattr size query", syscall(SYS_getxattr, file, "user.alpha", NULL, 0));
    SHOW("getxattr too small", syscall(SYS_getxattr, file, "user.alpha", buf, 3));
    SHOW("getxattr missing attr", syscall(SYS_getxattr, file, "user.none", buf, sizeof buf));
    SHOW("lgetxattr link attr", syscall(SYS_lgetxattr, link, "user.alpha", buf, sizeof buf));
    SHOW("fgetxattr bad fd", syscall(SYS_fgetxattr, -1, "user.alpha", buf, sizeof buf));
    SHOW("getxattr missing file", syscall(SYS_getxattr, missing, "user.alpha", buf, sizeof buf));
    SHOW("getxattr bad name", syscall(SYS_getxattr, file, fsx_badptr(), buf, sizeof buf));
    SHOW("getxattr bad buffer", syscall(SYS_getxattr, file, "user.alpha", fsx_badptr(), 64));
    SHOW("getxattr bad buffer, missing attr",
         syscall(SYS_getxattr, file, "user.none", fsx_badptr(), 64));
    SHOW("getxattr bad buffer, size 0", syscall(SYS_getxattr, file, "user.alpha", fsx_badptr(), 0));
    /* the buffer says 100 bytes but only 10 are accessible */
    n = syscall(SYS_getxattr, file, "user.edge", guard - 10, 100);
    show_value("getxattr fits before the guard", guard - 10, n);
    SHOW("getxattr runs into the guard", syscall(SYS_getxattr, file, "user.alpha", guard - 4, 100));
    char ro_init[16] = { 0 };
    SHOW("getxattr read-only buffer",
         syscall(SYS_getxattr, file, "user.alpha", fsx_readonly(ro_init, 16), 16));
    SHOW("getxattr huge size", syscall(SYS_getxattr, file, "user.beta", buf, 1L << 20));

    /* list */
    n = syscall(SYS_listxattr, file, buf, sizeof buf);
    show_list("listxattr", buf, n);
    n = syscall(SYS_flistxattr, fd, buf, sizeof buf);
    show_list("flistxattr", buf, n);
    n = syscall(SYS_llistxattr, link, buf, sizeof buf);
    show_list("llistxattr link", buf, n);
    n = syscall(SYS_listxattr, link, buf, sizeof buf);
    show_list("listxattr via link", buf, n);
    SHOW("listxattr size query", syscall(SYS_listxattr, file, NULL, 0));
    SHOW("listxattr too small", syscall(SYS_listxattr, file, buf, 5));
    SHOW("listxattr bad buffer", syscall(SYS_listxattr, file, fsx_badptr(), 64));
    SHOW("listxattr missing file", syscall(SYS_listxattr, missing, buf, sizeof buf));
    SHOW("flistxattr bad fd", syscall(SYS_flistxattr, 999, buf, sizeof buf));
    SHOW("listxattr runs into the guard", syscall(SYS_listxattr, file, guard - 8, 100));

    /* remove */
    SHOW("removexattr beta", syscall(SYS_removexattr, file, "user.beta"));
    SHOW("removexattr beta again", syscall(SYS_removexattr, file, "user.beta"));
    SHOW("lremovexattr on link", syscall(SYS_lremovexattr, link, "user.alpha"));
    SHOW("fremovexattr gamma", syscall(SYS_fremovexattr, fd, "user.gamma"));
    SHOW("fremovexattr bad fd", syscall(SYS_fremovexattr, -5, "user.gamma"));
    SHOW("removexattr bad name", syscall(SYS_removexattr, file, fsx_badptr()));
    SHOW("removexattr missing file", syscall(SYS_removexattr, missing, "user.alpha"));
    n = syscall(SYS_flistxattr, fd, buf, sizeof buf);
    show_list("flistxattr at the end", buf, n);

    /* the libc wrappers reach the same calls */
    SHOW("libc setxattr", setxattr(file, "user.libc", "v", 1, 0));
    n = getxattr(file, "user.libc", buf, sizeof buf);
    show_value("libc getxattr", buf, n);

    close(fd);
    unlink(link);
    unlink(file);
    SHOW("rmdir", rmdir(dir));
    return 0;
}
