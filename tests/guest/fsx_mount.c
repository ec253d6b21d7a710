/* fsx_mount — chroot, mount, umount2 and pivot_root. Error paths first
 * (ENOENT, ENOTDIR, EFAULT, EINVAL flags); then, when the test may (it needs
 * CAP_SYS_ADMIN / CAP_SYS_CHROOT: otherwise it prints EPERM, the same for the
 * native and the guest run), a tmpfs mounted on a private directory with
 * options whose string ends right before an inaccessible page (the kernel
 * copies what it can of a page), checked through statfs and stat, then
 * unmounted; and a chroot into a private directory in a child process that
 * then reads a file by its new absolute name. pivot_root is only ever asked
 * to do what it must refuse. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include "fsx_util.h"

#define TMPFS_MAGIC_ 0x01021994

static char dir[4096];

static const char *path(const char *name)
{
    static char buf[4][4200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void test_mount(void)
{
    char mnt[4200];
    snprintf(mnt, sizeof mnt, "%s", path("mnt"));
    mkdir(mnt, 0755);
    SHOW("mount missing target", syscall(SYS_mount, "none", path("nope"), "tmpfs", 0L, NULL));
    SHOW("mount bad target", syscall(SYS_mount, "none", fsx_badptr(), "tmpfs", 0L, NULL));
    SHOW("mount bad type", syscall(SYS_mount, "none", mnt, fsx_badptr(), 0L, NULL));
    SHOW("mount bad data", syscall(SYS_mount, "none", mnt, "tmpfs", 0L, fsx_badptr()));
    SHOW("mount unknown fs type", syscall(SYS_mount, "none", mnt, "nosuchfs", 0L, NULL));
    SHOW("umount2 bad flags", syscall(SYS_umount2, mnt, 0x100));
    SHOW("umount2 not a mount point", syscall(SYS_umount2, mnt, 0));
    SHOW("umount2 missing", syscall(SYS_umount2, path("nope"), 0));
    SHOW("umount2 bad path", syscall(SYS_umount2, fsx_badptr(), 0));

    char *guard = fsx_guarded();
    static const char opts[] = "size=1m,mode=0710";
    memcpy(guard - sizeof opts, opts, sizeof opts);
    long r = SHOW("mount tmpfs", syscall(SYS_mount, "fsxtmp", mnt, "tmpfs", 0L, guard - sizeof opts));
    if (r < 0)
        return;
    struct statfs sf;
    SHOW("statfs tmpfs", syscall(SYS_statfs, mnt, &sf));
    printf("tmpfs: type ok %d, blocks %ld, bsize %ld\n", sf.f_type == TMPFS_MAGIC_,
           (long)sf.f_blocks, (long)sf.f_bsize);
    struct stat st;
    stat(mnt, &st);
    printf("tmpfs: root mode %o\n", (unsigned)(st.st_mode & 07777));
    int fd = open(path("mnt/inside"), O_WRONLY | O_CREAT, 0600);
    SHOW("tmpfs: create a file", fd >= 0);
    SHOW("umount2 busy", syscall(SYS_umount2, mnt, 0));
    close(fd);
    SHOW("mount remount read-only", syscall(SYS_mount, NULL, mnt, NULL, (long)(MS_REMOUNT | MS_RDONLY), NULL));
    SHOW("tmpfs: create when read-only", open(path("mnt/other"), O_WRONLY | O_CREAT, 0600));
    SHOW("umount2", syscall(SYS_umount2, mnt, 0));
    SHOW("after umount2: the file", access(path("mnt/inside"), F_OK));
    rmdir(mnt);
}

static void test_chroot(void)
{
    SHOW("chroot missing", syscall(SYS_chroot, path("nope")));
    SHOW("chroot bad path", syscall(SYS_chroot, fsx_badptr()));
    int fd = open(path("file"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (write(fd, "inside the new root\n", 20) != 20)
        exit(1);
    close(fd);
    SHOW("chroot a file", syscall(SYS_chroot, path("file")));
    SHOW("pivot_root missing", syscall(SYS_pivot_root, path("nope"), path("nope2")));
    SHOW("pivot_root bad path", syscall(SYS_pivot_root, fsx_badptr(), dir));
    SHOW("pivot_root not a mount point", syscall(SYS_pivot_root, dir, dir));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        long r = syscall(SYS_chroot, dir);
        if (r < 0) {
            printf("child chroot: -1 %s\n", fsx_errname(errno));
            fflush(stdout);
            _exit(3);
        }
        printf("child chroot: 0\n");
        printf("child chdir /: %d\n", chdir("/"));
        char buf[64];
        fd = open("/file", O_RDONLY);
        long n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
        printf("child /file: %.*s", n > 0 ? (int)n : 0, buf);
        printf("child getcwd: %s\n", getcwd(buf, sizeof buf) ? buf : fsx_errname(errno));
        printf("child /etc exists: %d\n", access("/etc", F_OK) == 0);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    unlink(path("file"));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    fsx_mkdir(dir, sizeof dir, "fsx_mount");
    test_mount();
    test_chroot();
    SHOW("rmdir", rmdir(dir));
    return 0;
}
