/* ev_inotify — inotify on a temporary directory: IN_CREATE, IN_MODIFY,
 * IN_CLOSE_WRITE, IN_MOVED_FROM/TO (the cookie pairs them), IN_DELETE with
 * the names, IN_ISDIR, a watch on a file, IN_MASK_ADD, inotify_rm_watch
 * (IN_IGNORED), IN_ONESHOT, creation flags, inotify in epoll, FIONREAD-free
 * reads with a buffer too small (EINVAL), and the errors (EFAULT, ENOENT,
 * ENOTDIR with IN_ONLYDIR, EINVAL, EBADF).
 *
 * Deterministic: every event is caused before the read that collects it;
 * watch descriptors are printed relative to the first one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int wd_base;

static const char *ename(int err)
{
    switch (err) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    default: return "other";
    }
}

static void res(const char *what, long r)
{
    if (r < 0)
        printf("%-44s -> -1 %s\n", what, ename(errno));
    else
        printf("%-44s -> %ld\n", what, r);
}

static void maskstr(uint32_t m, char *buf)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        { IN_ACCESS, "ACCESS" }, { IN_MODIFY, "MODIFY" }, { IN_ATTRIB, "ATTRIB" },
        { IN_CLOSE_WRITE, "CLOSE_WRITE" }, { IN_CLOSE_NOWRITE, "CLOSE_NOWRITE" },
        { IN_OPEN, "OPEN" }, { IN_MOVED_FROM, "MOVED_FROM" }, { IN_MOVED_TO, "MOVED_TO" },
        { IN_CREATE, "CREATE" }, { IN_DELETE, "DELETE" }, { IN_DELETE_SELF, "DELETE_SELF" },
        { IN_MOVE_SELF, "MOVE_SELF" }, { IN_UNMOUNT, "UNMOUNT" }, { IN_Q_OVERFLOW, "Q_OVERFLOW" },
        { IN_IGNORED, "IGNORED" }, { IN_ISDIR, "ISDIR" },
    };
    buf[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (m & names[i].bit) {
            strcat(buf, buf[0] ? "|" : "");
            strcat(buf, names[i].name);
            m &= ~names[i].bit;
        }
    if (m)
        sprintf(buf + strlen(buf), "%s0x%x", buf[0] ? "|" : "", m);
}

/* reads what is queued (non-blocking descriptor) and prints each event */
static void drain(const char *what, int fd)
{
    char buf[4096] __attribute__((aligned(8)));
    uint32_t cookie0 = 0;
    printf("%s:\n", what);
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            printf("  (read -> -1 %s)\n", ename(errno));
            return;
        }
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)p;
            char m[160];
            maskstr(ev->mask, m);
            /* cookies: 0, or the same non-zero value for a rename's pair */
            const char *ck = "";
            if (ev->cookie) {
                if (!cookie0)
                    cookie0 = ev->cookie;
                ck = ev->cookie == cookie0 ? " cookie=A" : " cookie=other";
            }
            printf("  wd+%d %s%s%s%s\n", ev->wd - wd_base, m, ck, ev->len ? " name=" : "",
                   ev->len ? ev->name : "");
            p += sizeof *ev + ev->len;
        }
    }
}

static void touch(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (text && write(fd, text, strlen(text)) < 0)
            printf("write failed\n");
        close(fd);
    }
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512], f1[600], f2[600], sub[600];
    snprintf(dir, sizeof dir, "%s/ev_inotify.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    snprintf(f1, sizeof f1, "%s/alpha", dir);
    snprintf(f2, sizeof f2, "%s/beta", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);

    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    res("inotify_init1(NONBLOCK|CLOEXEC)", in >= 0 ? 0 : -1);
    printf("  O_NONBLOCK=%d FD_CLOEXEC=%d\n", (fcntl(in, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(in, F_GETFD) & FD_CLOEXEC) != 0);
    drain("nothing yet", in);

    int wd = inotify_add_watch(in, dir, IN_CREATE | IN_MODIFY | IN_DELETE | IN_CLOSE_WRITE |
                                            IN_MOVED_FROM | IN_MOVED_TO);
    res("add_watch(dir, CREATE|MODIFY|DELETE|...)", wd >= 0 ? 0 : -1);
    wd_base = wd;
    res("add_watch(dir) again: the same wd", inotify_add_watch(in, dir, IN_CREATE) - wd_base);

    touch(f1, "hello");
    drain("create alpha, write, close (only CREATE watched now)", in);
    res("add_watch(dir, all of them again)",
        inotify_add_watch(in, dir, IN_CREATE | IN_MODIFY | IN_DELETE | IN_CLOSE_WRITE |
                                       IN_MOVED_FROM | IN_MOVED_TO) - wd_base);
    touch(f2, "x");
    int fd = open(f1, O_WRONLY | O_APPEND);
    if (fd < 0 || write(fd, " world", 6) != 6)
        return 1;
    close(fd);
    drain("create beta with data; append to alpha", in);

    if (rename(f2, sub) || rename(sub, f2))
        return 1;
    drain("rename beta -> sub -> beta", in);
    if (mkdir(sub, 0755) || rmdir(sub))
        return 1;
    drain("mkdir sub, rmdir sub", in);
    unlink(f2);
    drain("unlink beta", in);

    /* a watch on a file; IN_MASK_ADD; IN_ONESHOT */
    int fw = inotify_add_watch(in, f1, IN_ATTRIB);
    res("add_watch(alpha, ATTRIB): a new wd", fw - wd_base);
    res("add_watch(alpha, MODIFY|MASK_ADD)", inotify_add_watch(in, f1, IN_MODIFY | IN_MASK_ADD) - wd_base);
    chmod(f1, 0600);
    touch(f1, "new");
    drain("chmod alpha, rewrite alpha", in);
    res("rm_watch(alpha)", inotify_rm_watch(in, fw));
    drain("after rm_watch", in);
    res("rm_watch(alpha) again", inotify_rm_watch(in, fw));
    int ow = inotify_add_watch(in, f1, IN_ATTRIB | IN_ONESHOT);
    chmod(f1, 0644);
    chmod(f1, 0600);
    drain("ONESHOT: chmod alpha twice", in);
    res("rm_watch(the one-shot watch)", inotify_rm_watch(in, ow));

    /* in epoll */
    int ep = epoll_create1(0);
    struct epoll_event e = { .events = EPOLLIN, .data.u64 = 0xabcdef0123456789ull }, out;
    res("epoll ADD inotify", epoll_ctl(ep, EPOLL_CTL_ADD, in, &e));
    res("epoll_wait, nothing queued", epoll_wait(ep, &out, 1, 0));
    unlink(f1);
    int n = epoll_wait(ep, &out, 1, 1000);
    printf("epoll_wait after unlink alpha -> %d data=%llx\n", n, (unsigned long long)out.data.u64);
    /* a buffer too small for the event and its name */
    char tiny[sizeof(struct inotify_event)];
    res("read with a 16-byte buffer", read(in, tiny, sizeof tiny));
    drain("unlink alpha", in);
    close(ep);

    /* errors */
    long pg = sysconf(_SC_PAGESIZE);
    char *none = mmap(NULL, (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    res("add_watch, path in PROT_NONE", inotify_add_watch(in, none, IN_CREATE));
    res("add_watch, path NULL", syscall(SYS_inotify_add_watch, in, NULL, IN_CREATE));
    res("add_watch, a missing path", inotify_add_watch(in, f1, IN_CREATE));
    res("add_watch, mask 0", inotify_add_watch(in, dir, 0));
    res("add_watch, a file with IN_ONLYDIR", inotify_add_watch(in, "/proc/self/exe",
                                                                IN_ATTRIB | IN_ONLYDIR));
    res("add_watch on a closed descriptor", inotify_add_watch(999, dir, IN_CREATE));
    res("add_watch on stdin (not inotify)", inotify_add_watch(0, dir, IN_CREATE));
    res("rm_watch, wd 12345", inotify_rm_watch(in, 12345));
    res("inotify_init1(0x1)", inotify_init1(1));
    res("rm_watch(dir)", inotify_rm_watch(in, wd));
    if (rmdir(dir))
        printf("rmdir failed\n");
    drain("rm_watch(dir), rmdir", in);
    close(in);
    return 0;
}
